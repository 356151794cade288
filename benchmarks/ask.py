"""Time `ask` with the extractive answerer, and show where the abstention threshold comes from.

    python benchmarks/ask.py [--db EMBEDDED.db] [--calibrate]

Without --db it builds and embeds the dev corpus first (several minutes); pass a
database you already embedded to skip that. Questions are the dev question set.
The baseline in the same run is a hybrid search for the same question, which
every answer starts with.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import QUESTIONS, dev_db, peak_mb, percentiles, timed  # noqa: E402


def calibrate(asker, questions) -> None:  # type: ignore[no-untyped-def]
    from podsift.search.support import PHRASE_THRESHOLD, THRESHOLD, gather, support

    rows = []
    for question in questions:
        hits = asker.retrieve(question.question)
        score = support(gather(asker.searcher, question.question, hits))
        rows.append((question, score))
    answerable = sorted(s.value for q, s in rows if q.answerable)
    print(f"support of {len(answerable)} answerable questions: lowest {[round(v, 3) for v in answerable[:5]]}, "
          f"median {statistics.median(answerable):.3f}")  # fmt: skip
    for q, s in rows:
        if not q.answerable:
            print(f"  unanswerable {q.id}: support {s.value:.3f}, names the archive never mentions: "
                  f"{s.unknown_names or 'none'}, multiword names it never says: {s.unknown_phrases or 'none'}")
    named = [q.id for q, s in rows if q.answerable and s.unknown_names]
    phrased = [(q.id, round(s.value, 3)) for q, s in rows if q.answerable and s.unknown_phrases]
    print(f"answerable questions naming something the archive never mentions: {named or 'none'}")
    print(f"answerable questions with a multiword name the archive never says (support): {phrased or 'none'}")
    print(f"threshold in use: {THRESHOLD} (the lowest answerable support, {answerable[0]:.3f}, less 20%); "
          f"with an unsaid multiword name: {PHRASE_THRESHOLD} (median answerable support "
          f"{statistics.median(answerable):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an embedded database of the dev corpus")
    parser.add_argument("--calibrate", action="store_true", help="print the support distribution")
    args = parser.parse_args()

    from podsift.answer import Asker
    from podsift.evaluate import load_questions
    from podsift.search import Searcher
    from podsift.store import open_store

    questions = load_questions(QUESTIONS)
    texts = [q.question for q in questions]
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(dev_db(args.db, tmp)) as store:
            searcher = Searcher(store)
            asker = Asker(searcher)
            asker.ask("warm up")  # loads the model and the vectors
            search = timed(asker.retrieve, texts)
            ask = timed(asker.ask, texts)
            print(f"{store.counts()['moments']} moments, {len(texts)} dev questions, model loaded:")
            print(f"  hybrid search (baseline): {percentiles(search)}")
            print(f"  ask, extractive:          {percentiles(ask)}  (goal p50 <= 100 ms)")
            print(f"  ask costs {statistics.median(ask) / statistics.median(search):.2f}x a search")
            if args.calibrate:
                calibrate(asker, questions)
    print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does chapter context help search? Lexical eval on the dev set with three kinds of chapters.

    python benchmarks/chapter_context.py

The dev corpus (seeds plus DataTalks.Club pages) is ingested three times: with the
human chapter headers, with the headers hidden and no chapters, and with the
headers hidden and auto-chapters instead. Moments carry their chapter title as
indexed context, so the difference is what chapter titles add to ranking. (podsift
itself keeps generated titles out of the index; this benchmark is why.)
Lexical only: hybrid would need the whole corpus embedded three times.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def build(db: Path, chapters: str) -> None:
    from podsift.ingest import parse_source
    from podsift.moments import build_moments
    from podsift.store import open_store
    from podsift.structure import add_structure

    with open_store(db) as store:
        files = sorted((SHARED / "seeds").iterdir()) + sorted((SHARED / "corpus" / "dtc").glob("*.md"))
        for path in files:
            episode = parse_source(str(path), path.read_bytes())
            if isinstance(episode, str):
                continue
            episode.id = path.stem
            if chapters != "human":
                episode.chapters = []
            add_structure(episode, chapters=chapters == "auto")
            for chapter in episode.chapters:
                chapter.generated = False  # index generated titles as context: the choice measured here
            store.save_episode(episode, build_moments(episode))
        store.flush_index()


def main() -> int:
    from podsift.evaluate import evaluate, load_questions
    from podsift.search import Searcher
    from podsift.store import open_store

    questions = load_questions(SHARED / "eval" / "dev-questions.jsonl")
    print(f"{'chapters':<34} {'hit@1':>6} {'hit@5':>6} {'MRR@10':>7} {'paraphrase hit@5':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, label in (("human", "human headers (as published)"), ("none", "headers hidden, no chapters"),
                            ("auto", "headers hidden, auto-chapters")):  # fmt: skip
            db = Path(tmp) / f"{kind}.db"
            started = time.perf_counter()
            build(db, kind)
            with open_store(db) as store:
                searcher = Searcher(store)
                m = evaluate(questions, lambda q, s=searcher: s.search(q, mode="lexical"))["metrics"]
            para = m["by_kind"].get("paraphrase", {}).get("hit@5", 0.0)
            print(f"{label:<34} {m['hit@1']:>6.2f} {m['hit@5']:>6.2f} {m['mrr@10']:>7.3f} {para:>17.2f}"
                  f"   ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

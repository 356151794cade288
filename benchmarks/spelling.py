"""Misspelt questions: what search and ask do with a typo, and what "Did you mean" gives back.

    python benchmarks/spelling.py --db EMBEDDED.db [--questions FILE]

Each answerable question gets one typo in its longest word that the archive says (six
letters or more, and a typo that changes the word's stem, so the index no longer finds
it): the middle letter dropped, two middle letters swapped, or a vowel changed, in
turn. Every figure runs the product's own `Searcher.find` and `Asker.ask`:

- hit@5 of the question as written, of the misspelt one with spelling switched off
  (`Searcher._find`, what search did before), of what `find` shows for it (the
  suggestion's moments when the typed query matched nothing), and after following
  "Did you mean" (searching the suggestion, one click);
- how often the suggestion gives back the word as it was, and how often a question
  as written (no typo) gets a suggestion at all;
- `ask`: how many misspelt questions are declined, and how many once the suggestion is
  followed;
- the time `find` takes on the misspelt questions with and without suggestions, and the
  suggestion alone, in the same run;
- British spellings: every answerable question with a word that has one (breame's
  American-to-British list: "optimization" -> "optimisation", "behavior" ->
  "behaviour") asked both ways, hit@5 in the default mode and lexical.

Halves are by question id, as in the other benchmarks. The thresholds in
`search/spelling.py` (5 letters, one edit up to 7, two moments) were set before this
benchmark ran on any question.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO.parent / "shared" / "eval" / "dev-questions.jsonl"

from podsift.answer.asker import Asker  # noqa: E402
from podsift.evaluate import Question, load_questions, rank_of  # noqa: E402
from podsift.search import Searcher  # noqa: E402
from podsift.search.fusion import PER_EPISODE  # noqa: E402
from podsift.store import open_store  # noqa: E402
from podsift.words import STOPWORDS, WORD, fold  # noqa: E402

VOWELS = "aeiou"


def misspell(word: str, kind: int) -> str:
    """One typo in the middle of ``word``: dropped, swapped or a changed vowel."""
    middle = len(word) // 2
    if kind == 0:
        return word[:middle] + word[middle + 1 :]
    if kind == 1:
        return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    for at in [middle, *range(len(word))]:
        if word[at].lower() in VOWELS:
            swapped = VOWELS[(VOWELS.index(word[at].lower()) + 1) % len(VOWELS)]
            return word[:at] + (swapped.upper() if word[at].isupper() else swapped) + word[at + 1 :]
    return word[:middle] + word[middle + 1 :]


def with_typo(searcher: Searcher, question: Question, kind: int) -> tuple[str, str, str] | None:
    """(misspelt question, the word as it was, the word misspelt), or None if no word fits."""
    index = searcher.lexical_index
    assert index is not None, "the benchmark reads the archive's lexical index"
    stem = searcher.term_stats.stem
    words = sorted({m.group(0) for m in WORD.finditer(question.question)}, key=lambda w: (-len(w), w))
    for word in words:
        if len(word) < 6 or not word.isalpha() or fold(word) in STOPWORDS or not index.term_documents(stem(word)):
            continue
        typo = misspell(word, kind)
        if stem(typo) == stem(word) or index.term_documents(stem(typo)):
            continue  # the index still finds it: not a typo that matters
        return question.question.replace(word, typo, 1), word, typo
    return None


def hit5(question: Question, hits: list) -> bool:
    rank = rank_of(question, hits)
    return rank is not None and rank <= 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="an archive with vectors (podsift ingest + embed)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()

    store = open_store(args.db)
    searcher = Searcher(store)
    asker = Asker(searcher)
    questions = load_questions(args.questions)
    searcher.find("warm up", limit=10)

    rows: dict[str, dict[str, list[float]]] = {"odd": {}, "even": {}}
    timings: dict[str, list[float]] = {"find": [], "find without suggestions": [], "suggestion alone": []}
    examples: list[str] = []
    kind = 0
    for question in questions:
        half = "odd" if int("".join(c for c in question.id if c.isdigit()) or 0) % 2 else "even"
        row = rows[half]

        def add(name: str, value: float, row: dict[str, list[float]] = row) -> None:
            row.setdefault(name, []).append(value)

        clean = searcher.find(question.question, limit=10)
        add("questions as written given a suggestion", clean.suggestion is not None)
        if not question.answerable:
            continue
        made = with_typo(searcher, question, kind % 3)
        if made is None:
            continue
        kind += 1
        typed, word, typo = made
        add("hit@5 as written", hit5(question, clean.hits))
        searcher.find(typed, limit=10)  # the query's vector embedded and cached: both timings search alone
        started = time.perf_counter()
        before = searcher._find(typed, mode=None, limit=10, filters=None, per_episode=PER_EPISODE)
        timings["find without suggestions"].append(time.perf_counter() - started)
        started = time.perf_counter()
        shown = searcher.find(typed, limit=10)
        timings["find"].append(time.perf_counter() - started)
        started = time.perf_counter()
        searcher.suggestion(typed)
        timings["suggestion alone"].append(time.perf_counter() - started)
        followed = searcher.find(shown.suggestion, limit=10) if shown.suggestion and not shown.corrected else shown
        add("misspelt: hit@5, no suggestions (before)", hit5(question, before.hits))
        add("misspelt: hit@5 as shown", hit5(question, shown.hits))
        add("misspelt: hit@5 after following the suggestion", hit5(question, followed.hits))
        add("misspelt: 'no moments match' before", before.match == "none")
        add("misspelt: 'no moments match' as shown", shown.match == "none")
        restored = shown.suggestion is not None and fold(shown.suggestion) == fold(question.question)
        add("misspelt: suggestion gives the question back", restored)
        answer = asker.ask(typed)
        add("misspelt: ask declines", answer.abstained)
        again = asker.ask(answer.suggestion) if answer.abstained and answer.suggestion else answer
        add("misspelt: ask declines after following the suggestion", again.abstained)
        if len(examples) < 8:
            examples.append(f"{typo!r} (was {word!r}) -> {shown.suggestion!r}")

    names = list(dict.fromkeys(n for half in rows.values() for n in half))
    print(f"{'':58} {'odd':>12} {'even':>12} {'all':>12}")
    for name in names:
        cells = []
        for values in (rows["odd"].get(name, []), rows["even"].get(name, []),
                       rows["odd"].get(name, []) + rows["even"].get(name, [])):  # fmt: skip
            cells.append(f"{sum(values):.0f}/{len(values)} {sum(values) / max(len(values), 1):.2f}")
        print(f"{name:58} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}")
    print()
    for name, values in timings.items():
        print(f"{name}: p50 {statistics.median(values) * 1000:.1f} ms over {len(values)} misspelt questions")
    ratio = statistics.median(timings["find"]) / statistics.median(timings["find without suggestions"])
    print(f"find with suggestions / without: {ratio:.2f}x")
    print("\nexamples: " + "\n          ".join(examples))
    british(searcher, questions)


def british(searcher: Searcher, questions: list[Question]) -> None:
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    def spelt(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            word = m.group(0)
            other = AMERICAN_ENGLISH_SPELLINGS.get(word.lower())
            return word if other is None else (other[:1].upper() + other[1:] if word[:1].isupper() else other)

        return WORD.sub(one, text)

    asked = [(q, spelt(q.question)) for q in questions if q.answerable and spelt(q.question) != q.question]
    print(f"\nBritish spellings: {len(asked)} answerable questions with a word spelt otherwise")
    for mode in ("hybrid", "lexical"):
        found = {"American (as written)": 0, "British": 0}
        for question, other in asked:
            found["American (as written)"] += hit5(question, searcher.search(question.question, mode=mode, limit=10))
            found["British"] += hit5(question, searcher.search(other, mode=mode, limit=10))
        print(f"  {mode:8} hit@5: " + ", ".join(f"{k} {v}/{len(asked)}" for k, v in found.items()))
    # One word searched alone, as people search: each British spelling whose American word
    # the archive says in five moments or more; how many of the American word's lexical top
    # 10 the British one finds.
    index = searcher.lexical_index
    assert index is not None
    pairs = [(b, a) for a, b in AMERICAN_ENGLISH_SPELLINGS.items()
             if index.term_documents(searcher.term_stats.stem(a)) >= 5 and b.isalpha()]  # fmt: skip
    shared = []
    for brit, american in pairs:
        top = {h.moment_id for h in searcher.search(american, mode="lexical", limit=10)}
        shared.append(len(top & {h.moment_id for h in searcher.search(brit, mode="lexical", limit=10)}) / len(top))
    print(f"  one word alone, lexical: the British spelling finds {statistics.mean(shared):.2f} of the American "
          f"one's top 10 ({len(pairs)} words the archive says in 5 moments or more; "
          f"{sum(1 for x in shared if x == 0)} find none of them)")


if __name__ == "__main__":
    main()

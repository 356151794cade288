"""Auto-chapters against the human chapter headers of the DataTalks.Club corpus.

    python benchmarks/chapters.py [CORPUS_DIR]

For every page with at least 5 headers, the headers are hidden and chapters are
computed from the turns alone. Pk and WindowDiff are measured on turn (segment)
boundaries, with the usual window of half the mean true chapter length, against
the baseline of the same number of equal-length chapters (lower is better).

Titles are scored against the human headers: each human chapter is paired with the
generated chapter overlapping it most, and the pair scores the cosine similarity of
their embeddings (all-MiniLM-L6-v2, as search uses) and ROUGE-1 F1 on lower-case
content words. The old titles (pairs of keyphrases, copied below as the baseline)
and the current ones are scored in the same run, on the same chapters, and again
with chapters cut exactly at the human boundaries, which scores the titling alone.
"""

from __future__ import annotations

import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "dtc"


def labels(starts: list[int], n: int) -> list[int]:
    """Chapter number of each of n units, given where chapters 2.. begin."""
    out, chapter, begins = [], 0, set(starts)
    for i in range(n):
        chapter += i in begins
        out.append(chapter)
    return out


def pk(reference: list[int], hypothesis: list[int], k: int) -> float:
    pairs = range(len(reference) - k)
    return sum((reference[i] == reference[i + k]) != (hypothesis[i] == hypothesis[i + k]) for i in pairs) / max(len(pairs), 1)


def window_diff(reference: list[int], hypothesis: list[int], k: int) -> float:
    pairs = range(len(reference) - k)
    wrong = sum((reference[i + k] - reference[i]) != (hypothesis[i + k] - hypothesis[i]) for i in pairs)
    return wrong / max(len(pairs), 1)


# --- baseline: the titles before, copied from podsift.chapters as it was (commit 969efa7) ---------

OLD_FILLER = frozenset(
    """um uh yeah yes okay ok like know think mean guess maybe actually basically right well
    going gonna wanna want lot lots stuff thing things kind sort way ways really pretty quite
    something anything everything nothing time times today question questions year years
    good great nice cool interesting able sure need needs make makes made said say see
    look looks looking trying tried try start started work working people person different
    little bit last later next put full main big small new old still even much many most
    more less best better same other own whole long high low real hard easy true whatever
    send sent put get got give gave take took come came go went one two three four five
    ask asked asking thank thanks week weeks welcome hello bye talk talking""".split()  # noqa: SIM905 (verbatim)
)
_OLD_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def old_keyphrases(text: str, background, limit: int = 3) -> list[str]:  # type: ignore[no-untyped-def]
    from podsift.chapters import content_terms
    from podsift.words import STOPWORDS, stem

    counts = Counter(content_terms(text))
    idf = background.idf if background else {}
    weight = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    phrases: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for chunk in re.split(r"[.,;:!?()\"“”\n]| - | – | — ", text):
        run: list[str] = []
        for word in _OLD_TOKEN.findall(chunk) + [""]:
            lower = word.lower()
            if word and len(word) > 2 and lower not in STOPWORDS and lower not in OLD_FILLER and not word.isdigit():
                run.append(word)
                continue
            for size in (3, 2, 1):
                for i in range(len(run) - size + 1):
                    words = run[i : i + size]
                    key = " ".join(stem(w.lower()) for w in words)
                    phrases[key] += 1
                    surface.setdefault(key, " ".join(words))
            run = []
    scored = []
    for key, seen in phrases.items():
        stems = key.split()
        if seen < 2 and len(stems) > 1:
            continue
        shape = 1 + 0.3 * (len(stems) - 1)
        if len(stems) == 1 and surface[key].lower().endswith(("ing", "ed", "ly")):
            shape *= 0.5
        score = sum(weight.get(s, 0.0) for s in stems) / len(stems) * math.log(1 + seen) * shape
        scored.append((score, key))
    out: list[str] = []
    taken: set[str] = set()
    for _, key in sorted(scored, reverse=True):
        stems = set(key.split())
        if stems & taken:
            continue
        out.append(surface[key])
        taken |= stems
        if len(out) == limit:
            break
    return out


def old_title(phrases: list[str]) -> str:
    if not phrases:
        return "Untitled part"
    words = [phrases[0][0].upper() + phrases[0][1:]] + phrases[1:]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def old_titles(spoken, starts: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    from podsift.chapters import TermWeights

    background = TermWeights([s.text for s in spoken])
    ends = [*starts[1:], len(spoken)]
    return [old_title(old_keyphrases(" ".join(s.text for s in spoken[b:e]), background, limit=2))
            for b, e in zip(starts, ends)]  # fmt: skip


# --- title scores --------------------------------------------------------------------------


def content_words(text: str) -> Counter[str]:
    from podsift.words import STOPWORDS

    return Counter(w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower()) if w not in STOPWORDS)


def rouge1(reference: str, candidate: str) -> float:
    ref, cand = content_words(reference), content_words(candidate)
    overlap = sum((ref & cand).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def most_overlapping(begin: int, end: int, starts: list[int], n: int) -> int:
    """The chapter (of those beginning at ``starts``) that shares most turns with [begin, end)."""
    ends = [*starts[1:], n]
    return max(range(len(starts)), key=lambda k: (min(end, ends[k]) - max(begin, starts[k]), -k))


def main() -> int:
    from podsift.chapters import boundaries, chapter_count, chapter_titles, name_words
    from podsift.ingest import parse_source

    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__)
        return 0
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not any(corpus.glob("*.md")):
        print(f"chapters.py: {corpus}: no Markdown pages (.md) to read", file=sys.stderr)
        return 2
    rows = []
    # (human header, old title, new title) of each human chapter: with chapters computed
    # from the turns, and with chapters cut at the human boundaries.
    computed: list[tuple[str, str, str]] = []
    at_human: list[tuple[str, str, str]] = []
    seconds_old = seconds_new = 0.0
    started = time.perf_counter()
    for path in sorted(corpus.glob("*.md")):
        episode = parse_source(str(path), path.read_bytes())
        if isinstance(episode, str) or len(episode.chapters) < 5:
            continue
        spoken = [s for s in episode.segments if s.text]
        index = {s.ordinal: i for i, s in enumerate(spoken)}
        # A header's turn, as an index among spoken turns (the next spoken one if it has none).
        truth = sorted({next(index[o] for o in range(c.first_segment, len(episode.segments)) if o in index)
                        for c in episode.chapters[1:] if any(o in index for o in range(c.first_segment, len(episode.segments)))})  # fmt: skip
        n = len(spoken)
        reference = labels(truth, n)
        chapters = len(truth) + 1
        k = max(1, round(n / chapters / 2))
        even = labels([round(i * n / chapters) for i in range(1, chapters)], n)
        headers = {0: episode.chapters[0].title}  # the header of each human chapter, by its first turn
        for c in episode.chapters[1:]:
            turn = next((index[o] for o in range(c.first_segment, len(episode.segments)) if o in index), None)
            if turn is not None:
                headers[turn] = c.title  # of two headers on one turn, the later
        names = name_words(episode.speakers)
        episode.chapters = []  # hidden
        cut = boundaries(spoken, chapter_count(episode, n))
        guessed = labels(cut, n)
        told = labels(boundaries(spoken, chapters), n)  # with the true count, for reference
        rows.append((pk(reference, guessed, k), window_diff(reference, guessed, k),
                     pk(reference, even, k), window_diff(reference, even, k),
                     pk(reference, told, k), window_diff(reference, told, k)))  # fmt: skip
        human = sorted({0, *truth})
        for starts, pairs in (([0, *cut], computed), (human, at_human)):
            clock = time.perf_counter()
            old = old_titles(spoken, starts)
            seconds_old += time.perf_counter() - clock
            clock = time.perf_counter()
            new = chapter_titles(spoken, starts, names)
            seconds_new += time.perf_counter() - clock
            ends = [*human[1:], n]
            for begin, end in zip(human, ends):
                match = most_overlapping(begin, end, starts, n)
                pairs.append((headers[begin], old[match], new[match]))
    seconds = time.perf_counter() - started
    mean = [statistics.mean(column) for column in zip(*rows)]
    print(f"{len(rows)} episodes with at least 5 headers ({seconds:.1f} s, parsing included)")
    print(f"{'method':<46} {'Pk':>6} {'WindowDiff':>11}")
    print(f"{'auto-chapters (count from duration, 25/hour)':<46} {mean[0]:>6.3f} {mean[1]:>11.3f}")
    print(f"{'baseline: same count, equal length':<46} {mean[2]:>6.3f} {mean[3]:>11.3f}")
    print(f"{'auto-chapters told the true count':<46} {mean[4]:>6.3f} {mean[5]:>11.3f}")
    print(f"Pk {100 * (1 - mean[0] / mean[2]):.1f}% lower than the baseline (goal: at least 20%); "
          f"WindowDiff {100 * (1 - mean[1] / mean[3]):.1f}% lower")  # fmt: skip
    print()
    print(f"Titles: {seconds_new:.1f} s to title every chapter (old titles: {seconds_old:.1f} s)")
    score_titles(computed, at_human)
    return 0


def score_titles(computed: list[tuple[str, str, str]], at_human: list[tuple[str, str, str]]) -> None:
    from podsift.embed import Embedder

    texts = sorted({t for triple in computed + at_human for t in triple})
    vectors = Embedder().encode(texts)
    row = {t: i for i, t in enumerate(texts)}

    def cosine(a: str, b: str) -> float:
        return float(vectors[row[a]] @ vectors[row[b]])

    print(f"{len(computed)} human chapters; each paired with the generated chapter overlapping it most")
    print(f"{'chapters':<26} {'titles':<6} {'cosine':>7} {'ROUGE-1':>8}")
    for label, pairs in (("computed from the turns", computed), ("cut at the human headers", at_human)):
        means = {}
        for which, column in (("old", 1), ("new", 2)):
            means[which] = (statistics.mean(cosine(p[0], p[column]) for p in pairs),
                            statistics.mean(rouge1(p[0], p[column]) for p in pairs))  # fmt: skip
            print(f"{label:<26} {which:<6} {means[which][0]:>7.3f} {means[which][1]:>8.3f}")
        ratio = [means["new"][i] / means["old"][i] if means["old"][i] else math.inf for i in (0, 1)]
        print(f"{label:<26} {'new/old':<6} {ratio[0]:>6.2f}x {ratio[1]:>7.2f}x")
    for label, pairs in (("computed from the turns", computed), ("cut at the human headers", at_human)):
        print(f"\nExamples, chapters {label} (10 random human chapters: human / old / new)")
        for header, old, new in random.Random(7).sample(pairs, 10):
            print(f"  human: {header}\n    old: {old}\n    new: {new}")


if __name__ == "__main__":
    sys.exit(main())

"""Auto-chapters against the human chapter headers of the DataTalks.Club corpus.

    python benchmarks/chapters.py [CORPUS_DIR]

For every page with at least 5 headers, the headers are hidden and chapters are
computed from the turns alone. Pk and WindowDiff are measured on turn (segment)
boundaries, with the usual window of half the mean true chapter length, against
the baseline of the same number of equal-length chapters (lower is better).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

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


def main() -> int:
    from podsift.chapters import boundaries, chapter_count
    from podsift.ingest import parse_source

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    rows = []
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
        episode.chapters = []  # hidden
        guessed = labels(boundaries(spoken, chapter_count(episode, n)), n)
        told = labels(boundaries(spoken, chapters), n)  # with the true count, for reference
        rows.append((pk(reference, guessed, k), window_diff(reference, guessed, k),
                     pk(reference, even, k), window_diff(reference, even, k),
                     pk(reference, told, k), window_diff(reference, told, k)))  # fmt: skip
    seconds = time.perf_counter() - started
    mean = [statistics.mean(column) for column in zip(*rows)]
    print(f"{len(rows)} episodes with at least 5 headers ({seconds:.1f} s, parsing included)")
    print(f"{'method':<46} {'Pk':>6} {'WindowDiff':>11}")
    print(f"{'auto-chapters (count from duration, 25/hour)':<46} {mean[0]:>6.3f} {mean[1]:>11.3f}")
    print(f"{'baseline: same count, equal length':<46} {mean[2]:>6.3f} {mean[3]:>11.3f}")
    print(f"{'auto-chapters told the true count':<46} {mean[4]:>6.3f} {mean[5]:>11.3f}")
    print(f"Pk {100 * (1 - mean[0] / mean[2]):.1f}% lower than the baseline (goal: at least 20%); "
          f"WindowDiff {100 * (1 - mean[1] / mean[3]):.1f}% lower")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

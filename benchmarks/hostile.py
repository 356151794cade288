"""Ingest time on pathological but plausible files: every step must stay near-linear.

    python benchmarks/hostile.py [--scale K] [--repeat N] [--only NAME] [--profile NAME SIZE]

Each shape is built at three sizes, each double the last, and timed through the real
pipeline: a whole `ingest` into a fresh SQLite archive (entity mentions off: spaCy's
NER is the same cost per word whatever the shape), or, for the summary shape, what
`podsift show` computes. The table gives each time and the growth per doubling;
linear work doubles (2x), quadratic work quadruples (4x). Goal: every ratio <= 2.5x.
Times are CPU seconds of the measuring process, so other work on the machine does not
count (the SQLite writes are in-process too).

``--scale`` multiplies every size (use 0.25 for a quick look at code that is still
quadratic); ``--profile`` runs one shape at one size under cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
GOAL = 2.5
# Sizes below these the fixed costs (imports, opening the archive) blur the ratio.
_MIN_SECONDS = 0.05


def _word(k: int) -> str:
    """A distinct lower-case word for each k: "baab", "bbab", ... (no digits: digits are not terms)."""
    letters = []
    k += 26 * 27
    while k:
        k, r = divmod(k, 26)
        letters.append("abcdefghijklmnopqrstuvwxyz"[r])
    return "".join(letters)


# Words cycle through a vocabulary of this many, as speech does: far more than turns in a
# chapter window (so neighbouring turns share no word and every cohesion gap is flat), yet
# within the stemmer's cache, whose misses past it would show as a step, not a growth.
VOCABULARY = 12_000


def _sentence(k: int, words: int = 6) -> str:
    """Words no nearby cue shares, so the cohesion gaps between turns are all equally flat."""
    return " ".join(_word((k * words + i) % VOCABULARY) for i in range(words)).capitalize()


def untimed_captions(n: int) -> tuple[str, str]:
    """A WebVTT file of n cues whose times are unreadable: the turns get auto-chapters."""
    cues = "".join(f"::: --> :::\n{_sentence(k)} and more\n\n" for k in range(n))
    return "untimed.vtt", "WEBVTT\n\n" + cues


def spaces_then_arrow(n: int) -> tuple[str, str]:
    """An SRT cue, then a line of n spaces ending in "x-->": a time-like line that is not one."""
    head = "1\n00:00:01,000 --> 00:00:02,000\nMaya: Good morning.\n\n"
    return "spaces.srt", head + " " * n + "x-->\n" + head.replace("1\n", "2\n", 1)


def same_speaker_cues(n: int) -> tuple[str, str]:
    """An SRT file of n untimed cues by one speaker, none ending a sentence: one long turn."""
    cues = "".join(f"{k + 1}\n:: --> ::\nMaya: {_sentence(k, 4).lower()} and\n\n" for k in range(n))
    return "same-speaker.srt", cues


def same_speaker_timed(n: int) -> tuple[str, str]:
    """An SRT file of n back-to-back one-second cues by one speaker, none ending a sentence."""
    def stamp(seconds: int) -> str:
        h, rem = divmod(seconds, 3600)
        m, s = divmod(rem, 60)
        return f"{h:02d}:{m:02d}:{s:02d},000"

    cues = "".join(
        f"{k + 1}\n{stamp(k)} --> {stamp(k + 1)}\nMaya: {_sentence(k, 4).lower()} and\n\n" for k in range(n)
    )
    return "same-speaker-timed.srt", cues


def headers_page(n: int) -> tuple[str, str]:
    """A DataTalks.Club page of n chapter headers, each over one line long enough to be a key point."""
    items = []
    for k in range(n):
        items.append(f"- header: Part {_word(k)}\n")
        items.append(
            f"- line: Here we talk about {_sentence(k, 8).lower()} at length today.\n"
            f"  sec: {k * 10}\n  time: '{k * 10 // 60}:{k * 10 % 60:02d}'\n  who: {'Alexey' if k % 2 else 'Ana'}\n"
        )
    return "headers.md", "---\ntitle: Many headers\ntranscript:\n" + "".join(items) + "---\n"


def chapters_past_the_end(n: int) -> tuple[str, str]:
    """A Podcasting 2.0 JSON of n segments and n chapters that all start after the last one."""
    import json

    segments = [{"speaker": "Ana", "startTime": k, "endTime": k + 1, "body": _sentence(k) + "."} for k in range(n)]
    chapters = [{"title": f"Later {_word(k)}", "startTime": n + 10 + k} for k in range(n)]
    return "chapters.json", json.dumps({"version": "1.0.0", "segments": segments, "chapters": chapters})


def _ingest(name: str, text: str | bytes) -> None:
    from podsift.ingest import ingest
    from podsift.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        with open_store(str(Path(tmp) / "podsift.db")) as store:
            summary = ingest([path], store, entities=False)
        failed = [o.error for o in summary.outcomes if o.status == "failed"]
        if failed:
            raise SystemExit(f"{name}: ingest failed: {failed[0]}")


def _show(name: str, text: str) -> Callable[[], None]:
    """Ingest once (untimed), then time what `podsift show` and `show --json` compute."""
    import json

    from podsift import cli
    from podsift.ingest import ingest
    from podsift.store import open_store
    from podsift.summary import summarize

    tmp = tempfile.mkdtemp()
    path = Path(tmp) / name
    path.write_text(text, encoding="utf-8")
    store = open_store(str(Path(tmp) / "podsift.db"))
    ingest([path], store, entities=False)
    (row,) = store.list_episodes()

    def run() -> None:
        episode = store.get_episode(row.id)
        assert episode is not None
        summary = summarize(episode, store.episode_moments(episode.id))
        cli.summary_text(summary)
        cli.timeline_text(episode)
        json.dumps(episode.to_json() | {"summary": summary.to_json()})

    return run


def unclosed_comments(n: int) -> tuple[str, str]:
    """A Markdown page whose body opens n HTML comments and closes none."""
    return "comments.md", "---\ntitle: Comments\n---\n\n" + "<!-- a note\n" * n + "Ana: Hello there.\n"


def spaced_heading(n: int) -> tuple[str, str]:
    """A text file whose first line is a heading with n spaces inside it, then a paragraph."""
    return "spaced.txt", "## Source" + " " * n + ": x\n\nAna: Hello there.\n"


def one_line_talk(n: int) -> tuple[str, str]:
    """Untimed text of n sentences on one line: cut at sentence ends into segments."""
    return "one-line.txt", " ".join(f"{_sentence(k).capitalize()}." for k in range(n)) + "\n"


def unclosed_marks(n: int) -> tuple[str, str]:
    """A Markdown page whose one paragraph opens n bold marks, links and code spans and closes none."""
    return "marks.md", "Ana: Hello [[there]] " + "**a [b](c `d " * n + "\n\nBen: Fine.\n"


# (name, what is timed, file maker, base size)
def pdf_caption_dump(n: int) -> tuple[str, bytes]:
    """A PDF of auto-captions: n lines of unpunctuated words, 50 to a page, one paragraph throughout."""
    sys.path.insert(0, str(REPO / "tests"))
    from pdfs import pdf

    lines = [" ".join(_word((k * 9 + j) % VOCABULARY) for j in range(9)) for k in range(n)]
    pages = [[(740 - 14 * i, line) for i, line in enumerate(lines[p : p + 50])] for p in range(0, n, 50)]
    return "captions.pdf", pdf(pages)


SHAPES: list[tuple[str, str, Callable[[int], tuple[str, str | bytes]], int]] = [
    ("untimed captions: auto-chapters", "ingest", untimed_captions, 2_500),
    ("spaces then 'x-->' in a cue file", "ingest", spaces_then_arrow, 16_000),
    ("one speaker, untimed cues", "ingest", same_speaker_cues, 2_500),
    ("one speaker, back-to-back timed cues", "ingest", same_speaker_timed, 2_500),
    ("page of headers: key points (show)", "show", headers_page, 2_500),
    ("JSON chapters past the last segment", "ingest", chapters_past_the_end, 10_000),
    ("page body of unclosed <!-- comments", "ingest", unclosed_comments, 5_000),
    ("heading line of n spaces in plain text", "ingest", spaced_heading, 16_000),
    ("one-line untimed talk of n sentences", "ingest", one_line_talk, 2_500),
    ("PDF of captions: one paragraph of n lines", "ingest", pdf_caption_dump, 2_000),
    ("Markdown line of n unclosed marks, links", "ingest", unclosed_marks, 4_000),
]


def measure(kind: str, make: Callable[[int], tuple[str, str | bytes]], size: int) -> float:
    """CPU seconds of this process: on a shared machine, wall time mostly measures the neighbours."""
    name, text = make(size)
    if kind == "show":
        run = _show(name, text)
        gc.collect()
        started = time.process_time()
        run()
        return time.process_time() - started
    gc.collect()  # the last run's garbage is collected here, not inside this run's time
    started = time.process_time()
    _ingest(name, text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--only", help="run only the shapes whose name contains this")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts (default 3)")
    parser.add_argument("--profile", nargs=2, metavar=("NAME", "SIZE"), help="profile one shape at one size")
    args = parser.parse_args()

    _ingest(*untimed_captions(20))  # imports and first-use costs (spaCy), outside every measurement
    if args.profile:
        name, size = args.profile
        (shape,) = [s for s in SHAPES if name in s[0]]
        cProfile.runctx("measure(shape[1], shape[2], int(size))", globals(), {"shape": shape, "size": size},
                        "/tmp/hostile.prof")  # fmt: skip
        pstats.Stats("/tmp/hostile.prof").sort_stats("tottime").print_stats(15)
        return

    print(f"{'shape':<40} {'sizes':>22} {'CPU times (s)':>26} {'per doubling':>16}")
    worst = 0.0
    for name, kind, make, base in SHAPES:
        if args.only and args.only not in name:
            continue
        sizes = [max(1, int(base * args.scale)) * 2**k for k in range(3)]
        # The best of a few runs: a collection pause or a busy neighbour lands in one run, not all.
        times = [min(measure(kind, make, n) for _ in range(args.repeat)) for n in sizes]
        ratios = [b / max(a, _MIN_SECONDS) for a, b in zip(times, times[1:])]
        worst = max(worst, *ratios)
        print(
            f"{name:<40} {'/'.join(f'{n:,}' for n in sizes):>22} "
            f"{' / '.join(f'{t:.2f}' for t in times):>26} {'  '.join(f'{r:.1f}x' for r in ratios):>16}",
            flush=True,
        )
    print(f"\nworst growth per doubling: {worst:.1f}x (goal: <= {GOAL}x)")
    sys.exit(0 if worst <= GOAL else 1)


if __name__ == "__main__":
    main()

"""How long `podsift show` and `podsift ingest` take on an episode in another language.

    python benchmarks/foreign_words.py [--runs 5]

An episode not in English gets its own language's stop words (spaCy's lists) so they are
not taken for keyphrases or titles. The lists used to be imported as spaCy's modules,
which loads all of spaCy first; now each list is read on its own. The baseline (the old
import, put back for the run in a process of its own) and the product alternate within
one run, so both see the same machine load. The episode is Netflix's Spanish captions
from tests/data/real; each run is a fresh process, as a person at a shell waits for one.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
EPISODE = REPO / "tests" / "data" / "real" / "netflix-sdh-bracket-names-webvtt-py.vtt"
# The command as a user runs it, with the stop-word lists read the old way first.
BEFORE = """
import functools, importlib, sys
import podsift.words as words

@functools.cache
def imported(language):
    module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    return frozenset(w.lower().replace("\\u2019", "'") for w in module.STOP_WORDS)

words._stop_words = imported
from podsift.cli import main
sys.argv = ["podsift", *sys.argv[1:]]
main()
"""
AFTER = "import sys; from podsift.cli import main; sys.argv = ['podsift', *sys.argv[1:]]; main()"


def timed(program: str, args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times: dict[tuple[str, str], list[float]] = {}
        for run in range(args.runs):
            for name, program in (("before", BEFORE), ("after", AFTER)):
                db = folder / f"{name}-{run}.db"
                ingest = ["--db", str(db), "ingest", "--no-embed", "--no-entities", str(EPISODE)]
                times.setdefault(("ingest", name), []).append(timed(program, ingest))
                show = ["--db", str(db), "show", "--json", EPISODE.stem]
                times.setdefault(("show", name), []).append(timed(program, show))
        print(f"{EPISODE.name}, {args.runs} runs each, fresh processes (median, min-max):")
        for command in ("ingest", "show"):
            before, after = times[(command, "before")], times[(command, "after")]
            print(f"  podsift {command:6}  before {statistics.median(before):5.2f} s ({min(before):.2f}-{max(before):.2f})"
                  f"  after {statistics.median(after):5.2f} s ({min(after):.2f}-{max(after):.2f})"
                  f"  ratio {statistics.median(after) / statistics.median(before):.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

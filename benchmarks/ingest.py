"""Ingest speed against bare YAML parsing of the same front matter, measured in one run.

    python benchmarks/ingest.py [CORPUS_DIR] [--rounds N] [--workers N]

Also: the cost of finding entity mentions (people, organisations, tools), as ingest
with entities against ingest without (goal: at most +50%).

Each measurement runs in a fresh process so peak memory belongs to it alone.
Rounds alternate baseline and ingest so machine noise hits both alike; the
ratio uses the median of each.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dtc"
GOAL_RATIO = 1.5
ENTITY_GOAL_RATIO = 1.5
_FRONT = re.compile(r"^---[ \t]*\n(.*?)^---[ \t]*$", re.S | re.M)


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def child_baseline(corpus: Path) -> dict[str, float]:
    import yaml

    fronts = []
    for path in corpus_files(corpus):
        m = _FRONT.search(path.read_text(encoding="utf-8"))
        if m:
            fronts.append(m.group(1))
    t0 = time.perf_counter()
    parsed = 0
    for front in fronts:
        try:
            yaml.load(front, Loader=yaml.CSafeLoader)
            parsed += 1
        except yaml.YAMLError:
            pass  # the unfilled template
    seconds = time.perf_counter() - t0
    own, _ = peak_rss_mb()
    return {"seconds": seconds, "parsed": parsed, "peak_mb": own}


def child_ingest(corpus: Path, workers: int | None, entities: bool = True) -> dict[str, float]:
    from podsift.ingest import ingest
    from podsift.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with open_store(Path(tmp) / "bench.db") as store:
            summary = ingest([corpus], store, workers=workers, entities=entities)
            segments = store.counts()["segments"]
        seconds = time.perf_counter() - t0
    own, children = peak_rss_mb()
    return {
        "seconds": seconds,
        "added": summary.count("added"),
        "failed": summary.failed,
        "segments": segments,
        "peak_mb": own,
        "worker_peak_mb": children,
    }


def run_child(mode: str, corpus: Path, workers: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, str(corpus), "--child", mode]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def time_cli(corpus: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "podsift", "--db", f"{tmp}/cli.db", "ingest", "--no-embed", str(corpus)],
            capture_output=True,
        )
        return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--child", choices=["baseline", "ingest", "plain"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "baseline":
        print(json.dumps(child_baseline(args.corpus)))
        return 0
    if args.child in ("ingest", "plain"):
        print(json.dumps(child_ingest(args.corpus, args.workers, entities=args.child == "ingest")))
        return 0

    files = corpus_files(args.corpus)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {args.corpus} ({len(files)} files, {megabytes:.1f} MB); cores: {os.cpu_count()}")
    baselines, ingests, plains = [], [], []
    for round_no in range(1, args.rounds + 1):
        base = run_child("baseline", args.corpus, None)
        plain = run_child("plain", args.corpus, args.workers)
        run = run_child("ingest", args.corpus, args.workers)
        baselines.append(base)
        plains.append(plain)
        ingests.append(run)
        print(
            f"round {round_no}: bare yaml.load {base['seconds']:.3f} s | "
            f"ingest without entities {plain['seconds']:.3f} s | "
            f"podsift ingest {run['seconds']:.3f} s ({run['added']} episodes, "
            f"{run['failed']} failed, {run['segments']} segments) | "
            f"ratio {plain['seconds'] / base['seconds']:.2f}x, entities {run['seconds'] / plain['seconds']:.2f}x"
        )
    base_s = statistics.median(b["seconds"] for b in baselines)
    plain_s = statistics.median(r["seconds"] for r in plains)
    ingest_s = statistics.median(r["seconds"] for r in ingests)
    ratio = plain_s / base_s
    entity_ratio = ingest_s / plain_s
    print()
    print(f"bare CSafeLoader parse of the front matter: {base_s:.3f} s (median of {args.rounds})")
    print(f"podsift ingest, entities off:               {plain_s:.3f} s (median of {args.rounds})")
    print(f"podsift ingest (entities on, the default):  {ingest_s:.3f} s (median of {args.rounds})")
    print(f"  files/s: {len(files) / ingest_s:.1f}   MB/s: {megabytes / ingest_s:.2f}")
    workers_mb = max(r["worker_peak_mb"] for r in ingests)
    print(
        f"  peak memory: {max(r['peak_mb'] for r in ingests):.0f} MB main process, "
        + (f"{workers_mb:.0f} MB largest parser process " if workers_mb else "no parser processes ")
        + f"(bare parse: {max(b['peak_mb'] for b in baselines):.0f} MB)"
    )
    print(f"  ratio to bare parse (entities off): {ratio:.2f}x (goal <= {GOAL_RATIO}x): "
          f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}")  # fmt: skip
    print(f"  finding entities costs {entity_ratio:.2f}x ingest without (goal <= {ENTITY_GOAL_RATIO}x): "
          f"{'met' if entity_ratio <= ENTITY_GOAL_RATIO else 'NOT met'}")  # fmt: skip
    print(f"whole `podsift ingest --no-embed` command, interpreter start included: {time_cli(args.corpus):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`podsift embed` with PyTorch's OpenMP threads sleeping while they wait (podsift's default,
OMP_WAIT_POLICY=PASSIVE) against OpenMP's own default (spinning a while first), alone and beside a busy core.

    python benchmarks/threads.py [--runs 3] [--seeds]

It ingests the repo's demo/ folder without embeddings into a temporary file, then times
`podsift embed` on fresh copies of it (with `--seeds`, the seeds too). The two policies alternate within each run, so both
see the same machine load; "beside a busy core" starts a process that spins on one core for
the length of the run (as a second test worker, the web server's requests or the user's own
work would).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
# An empty OMP_WAIT_POLICY is no policy to OpenMP, and podsift leaves a set one alone: OpenMP's default.
POLICIES = {"OpenMP's default": "", "sleeping (podsift's PASSIVE)": "PASSIVE"}
# The demo alone is few enough texts for podsift's numpy encoder, which never loads torch.
TORCH = {"PODSIFT_QUERY_ENCODER": "torch"}


def podsift(db: Path, *args: str, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), *args],
                          env=os.environ | (env or {}), capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"podsift {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def embed_seconds(base: Path, work: Path, env: dict[str, str]) -> float:
    """`podsift embed` on a fresh copy of the unembedded archive ``base``, with ``env`` set."""
    db = work / "embed.db"
    for path in work.glob(f"{db.stem}.*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copy(base, db)
    return podsift(db, "embed", env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", type=Path, help="also ingest this folder (the shared seeds: a longer run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = work / "demo.db"
        podsift(base, "ingest", "--no-embed", str(REPO / "demo"), *([str(args.seeds)] if args.seeds else []))
        what = "the demo archive" + (f" and {args.seeds.name}" if args.seeds else "")
        print(f"{os.cpu_count()} cores; `podsift embed` of {what}, {args.runs} run(s) each, median seconds")
        for setting in ("alone", "beside a busy core"):
            busy = (subprocess.Popen([sys.executable, "-c", "while True: pass"])
                    if setting != "alone" else None)  # fmt: skip
            try:
                times: dict[str, list[float]] = {name: [] for name in POLICIES}
                for _ in range(args.runs):
                    for name, policy in POLICIES.items():
                        times[name].append(embed_seconds(base, work, {"OMP_WAIT_POLICY": policy, **TORCH}))
            finally:
                if busy is not None:
                    busy.kill()
            medians = {name: statistics.median(values) for name, values in times.items()}
            default, sleeping = medians.values()
            print(f"{setting}: " + ", ".join(f"{name} {m:.1f} s" for name, m in medians.items())
                  + f"; sleeping/default {sleeping / default:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()

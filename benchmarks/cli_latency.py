"""How long a cold `podsift search` / `podsift ask` takes, with the numpy query encoder and with torch.

    python benchmarks/cli_latency.py [--db EMBEDDED.db] [--runs 7]

Without --db it ingests the repo's demo/ folder, with embeddings, into a temporary
file. Each run is a fresh process (what a person at a shell waits for); the baseline
(PODSIFT_QUERY_ENCODER=torch) and the new path alternate within one run, so both see
the same machine load. "Warm" is the second query in one process: a Searcher built
once, its first query untimed, the next ones timed.
The database is only read, apart from the lexical index copy a first search may build
beside it (built here before timing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
QUERIES = [
    "how do freelancers price their work",
    "how do computers know two sentences mean the same thing",
    "what should a junior data scientist learn first",
]
COMMANDS = {
    "search (hybrid)": ["search"],
    "search --mode lexical": ["search", "--mode", "lexical"],
    "ask (extractive)": ["ask", "--answerer", "extractive"],
}
ENCODERS = {"before (torch)": "torch", "after (numpy)": "numpy"}


def run(db: Path, args: list[str], encoder: str) -> float:
    env = os.environ | {"PODSIFT_QUERY_ENCODER": encoder}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), *args], env=env,
                          capture_output=True, text=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return elapsed


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def warm(db: Path, encoder: str, repeats: int = 5) -> float:
    """The median of second-and-later hybrid queries in one process."""
    os.environ["PODSIFT_QUERY_ENCODER"] = encoder
    from podsift.search import Searcher
    from podsift.store import open_store

    with open_store(str(db)) as store:
        searcher = Searcher(store)
        searcher.find("a first query loads everything")
        times = []
        for n in range(repeats):
            query = f"{QUERIES[n % len(QUERIES)]} {n}"  # not cached
            started = time.perf_counter()
            searcher.find(query, mode="hybrid")
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def demo_archive(folder: Path) -> Path:
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), "ingest", str(REPO / "demo")],
                   check=True, capture_output=True)  # fmt: skip
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an embedded archive (default: the demo folder, embedded)")
    parser.add_argument("--runs", type=int, default=7, help="cold runs per command and encoder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or demo_archive(Path(tmp))
        run(db, ["search", "--mode", "lexical", "warm up the file cache and the index copy"], "numpy")
        cold: dict[tuple[str, str], list[float]] = {}
        for n in range(args.runs):
            for label, command in COMMANDS.items():
                for encoder_label, encoder in ENCODERS.items():  # interleaved: same load for both
                    cold.setdefault((label, encoder_label), []).append(
                        run(db, [*command, QUERIES[n % len(QUERIES)]], encoder)
                    )
        warm_times = {label: warm(db, encoder) for label, encoder in ENCODERS.items()}
    print(f"archive: {args.db or 'demo/ (embedded)'}; {args.runs} cold runs each; cpus: {os.cpu_count()}, "
          f"load average at the end: {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"{'command':<24}{'before p50':>11}{'p95':>8}{'after p50':>11}{'p95':>8}{'speed-up':>10}")
    for label in COMMANDS:
        before, after = cold[(label, "before (torch)")], cold[(label, "after (numpy)")]
        print(f"{label:<24}{p(before, 0.5):>10.2f}s{p(before, 0.95):>7.2f}s{p(after, 0.5):>10.2f}s"
              f"{p(after, 0.95):>7.2f}s{p(before, 0.5) / p(after, 0.5):>9.1f}x")  # fmt: skip
    before, after = warm_times["before (torch)"], warm_times["after (numpy)"]
    print(f"{'warm hybrid query':<24}{before * 1000:>9.0f}ms{'':>8}{after * 1000:>9.0f}ms{'':>8}{before / after:>9.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

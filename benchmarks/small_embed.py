"""Embedding an episode or two: podsift's numpy encoder against torch (sentence-transformers).

    python benchmarks/small_embed.py [--runs 3] [--seeds ../shared/seeds]

Ingests archives of a few sizes without embeddings (one demo episode, the demo, the demo
and one seed, the demo and every seed), then times `podsift embed` on fresh copies of each,
as it runs (numpy up to embed.LIGHT_BULK_TEXTS texts, torch above) and with
PODSIFT_QUERY_ENCODER=torch. The two alternate within each run, so both see the same load.
A whole command is timed, start-up and model load included: that is what a user waits for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)
from threads import embed_seconds, podsift

from podsift.embed import LIGHT_BULK_TEXTS, pending
from podsift.store import open_store

REPO = Path(__file__).resolve().parents[1]
WAYS = {"as it runs": {}, "torch": {"PODSIFT_QUERY_ENCODER": "torch"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args()
    demo = REPO / "demo"
    seeds = sorted(p for p in args.seeds.iterdir() if p.is_file()) if args.seeds.is_dir() else []
    archives = {"one demo episode": [demo / "freelancing-in-data.srt"], "the demo": [demo]}
    if seeds:
        archives |= {"the demo and one seed": [demo, seeds[0]], "the demo and every seed": [demo, *seeds]}
    print(f"{os.cpu_count()} cores; `podsift embed`, {args.runs} run(s) each, median seconds; "
          f"numpy up to {LIGHT_BULK_TEXTS} texts")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, sources in archives.items():
            base = work / f"{len(sources)}-{sources[-1].stem}.db"
            podsift(base, "ingest", "--no-embed", *map(str, sources))
            with open_store(base) as store:
                texts = len(pending(store))
            times: dict[str, list[float]] = {way: [] for way in WAYS}
            for _ in range(args.runs):
                for way, env in WAYS.items():
                    times[way].append(embed_seconds(base, work, env))
            mine, torch = (statistics.median(times[way]) for way in WAYS)
            print(f"{label} ({texts} texts, {'numpy' if texts <= LIGHT_BULK_TEXTS else 'torch'}): "
                  f"{mine:.1f} s, torch {torch:.1f} s; ratio {mine / torch:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()

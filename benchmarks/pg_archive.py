"""An embedded SQLite archive copied into PostgreSQL without embedding again.

    python benchmarks/pg_archive.py postgresql://... --vectors-from dev.db

Embedding the dev corpus from scratch takes about 15 minutes on a small machine. The
files the SQLite archive was made from are ingested into the (empty) PostgreSQL
database the usual way, without embedding; every vector of the SQLite archive is then
saved through the store, keyed by text hash as `podsift embed` saves them, so
PostgreSQL builds its HNSW index as it would after embedding.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

CHUNK = 2000


def copy_archive(url: str, vectors_from: Path, quiet: bool = False) -> dict[str, int]:
    """Ingest ``vectors_from``'s files into ``url`` and save its vectors there; coverage counts."""
    from podsift.ingest import ingest
    from podsift.store import open_store

    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    # Read-only: the source archive may belong to someone else.
    source = sqlite3.connect(f"file:{vectors_from}?mode=ro", uri=True)
    with open_store(url) as store:
        started = time.perf_counter()
        if store.moment_total() == 0:
            paths = [r[0] for r in source.execute("SELECT source_path FROM episodes")]
            summary = ingest(paths, store, workers=1)
            say(f"ingested {len(summary.outcomes)} files ({summary.failed} failed) in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        for (model,) in source.execute("SELECT DISTINCT model FROM embeddings").fetchall():
            rows = source.execute("SELECT text_hash, vector FROM embeddings WHERE model = ?", (model,))
            while chunk := rows.fetchmany(CHUNK):
                store.save_vectors(model, [(h, bytes(v)) for h, v in chunk])
        say(f"saved vectors in {time.perf_counter() - started:.0f} s")
        moments = store.moment_total()
        embedded = store.conn.execute(
            "SELECT COUNT(*) FROM moments m WHERE EXISTS (SELECT 1 FROM embeddings v WHERE v.text_hash = m.embed_hash)"
        ).fetchone()[0]
    return {"moments": moments, "with_vector": embedded}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="an empty PostgreSQL database (postgresql://...)")
    parser.add_argument("--vectors-from", type=Path, required=True,
                        help="a SQLite archive of the same files, embedded (`podsift ingest` then `embed`)")  # fmt: skip
    args = parser.parse_args()
    counts = copy_archive(args.url, args.vectors_from)
    print(f"{counts['with_vector']:,} of {counts['moments']:,} moments have a vector")
    return 0 if counts["with_vector"] == counts["moments"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Search latency and embedding throughput, each with its baseline measured in the same run.

    python benchmarks/search.py [--db EMBEDDED.db] [--scale 20] [--sample 512]

Without --db it ingests the dev corpus (seeds plus the DataTalks.Club pages) into
a temporary database and embeds it, which takes several minutes on 2 cores; pass
a database you already embedded (`podsift ingest ../shared/seeds ../shared/corpus/dtc`)
to skip that. Queries are the dev question set.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
QUESTIONS = SHARED / "eval" / "dev-questions.jsonl"


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {p50:.2f} ms, p95 {p95:.2f} ms"


def timed(fn, queries: list[str], rounds: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    for q in queries[:5]:
        fn(q)  # warm caches
    samples = []
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_dev_db(path: Path) -> None:
    from podsift.embed import Embedder, embed_pending
    from podsift.ingest import ingest
    from podsift.store import open_store

    with open_store(path) as store:
        ingest([SHARED / "seeds", SHARED / "corpus" / "dtc"], store)
        started = time.perf_counter()
        count = embed_pending(store, Embedder())
        print(f"embedded {count} moments in {time.perf_counter() - started:.0f} s")


def dev_db(given: Path | None, tmp: str) -> Path:
    """The embedded dev database given on the command line, or a new one built in ``tmp``."""
    if given is not None:
        return given
    db = Path(tmp) / "dev.db"
    build_dev_db(db)
    return db


def scale_up(source: Path, target: Path, factor: int) -> int:
    """A copy of the archive with every episode repeated ``factor`` times under new ids."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    episode_cols = [r[1] for r in conn.execute("PRAGMA table_info(episodes)")]
    moment_cols = [r[1] for r in conn.execute("PRAGMA table_info(moments)") if r[1] != "id"]
    conn.execute("BEGIN")
    for k in range(1, factor):
        renamed = {"id": f"id || '~{k}'", "source_path": f"source_path || '~{k}'",
                   "content_hash": f"content_hash || '~{k}'"}  # fmt: skip
        conn.execute(
            f"INSERT INTO episodes ({', '.join(episode_cols)}) SELECT "
            + ", ".join(renamed.get(c, c) for c in episode_cols)
            + " FROM episodes WHERE id NOT LIKE '%~%'"
        )
        quoted = [f'"{c}"' for c in moment_cols]
        conn.execute(
            f"INSERT INTO moments ({', '.join(quoted)}) SELECT "
            + ", ".join(f"episode_id || '~{k}'" if c == "episode_id" else f'"{c}"' for c in moment_cols)
            + " FROM moments WHERE episode_id NOT LIKE '%~%'"
        )
    conn.execute("COMMIT")
    conn.close()
    from podsift.store import open_store

    with open_store(target) as store:
        store.flush_index()
        return store.counts()["moments"]


def embedding_throughput(db: Path, sample: int) -> None:
    from podsift.embed import Embedder

    conn = sqlite3.connect(db)
    texts = [r[0] for r in conn.execute("SELECT text FROM moments")]
    random.Random(7).shuffle(texts)
    texts = texts[:sample]
    embedder = Embedder()
    model = embedder.model
    embedder.encode(texts[:32])  # warm up
    started = time.perf_counter()
    for begin in range(0, len(texts), 32):  # plain: batches in arrival order
        model.encode(texts[begin : begin + 32], batch_size=32, show_progress_bar=False)
    plain = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    embedder.encode(texts)
    ours = len(texts) / (time.perf_counter() - started)
    print(f"embedding, {len(texts)} moments: podsift {ours:.1f} passages/s, plain unsorted "
          f"SentenceTransformer.encode {plain:.1f} passages/s, ratio {ours / plain:.2f}x")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an embedded database of the dev corpus")
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--sample", type=int, default=512, help="moments for the embedding test")
    args = parser.parse_args()

    from podsift.evaluate import load_questions
    from podsift.search import Searcher
    from podsift.store import open_store

    queries = [q.question for q in load_questions(QUESTIONS)]
    with tempfile.TemporaryDirectory() as tmp:
        db = dev_db(args.db, tmp)
        with open_store(db) as store:
            searcher = Searcher(store)
            moments = store.counts()["moments"]
            lexical = timed(lambda q: searcher.search(q, mode="lexical"), queries)
            print(f"dev corpus, {moments} moments: lexical {percentiles(lexical)}  (goal p50 <= 5 ms)")
            if searcher.has_vectors():
                searcher.search("warm up", mode="hybrid")  # loads the model and the vectors
                hybrid = timed(lambda q: searcher.search(q, mode="hybrid"), queries)
                print(f"dev corpus: hybrid {percentiles(hybrid)}, model loaded  (goal p50 <= 30 ms)")
            print(f"peak memory so far: {peak_mb():.0f} MB")

        big = Path(tmp) / f"x{args.scale}.db"
        started = time.perf_counter()
        count = scale_up(db, big, args.scale)
        print(f"{args.scale}x synthetic corpus: {count} moments, built and indexed in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        with open_store(big) as store:
            searcher = Searcher(store)
            lexical_big = timed(lambda q: searcher.search(q, mode="lexical"), queries, rounds=1)
        print(f"{args.scale}x corpus: lexical {percentiles(lexical_big)}  (goal p50 <= 50 ms); "
              f"ratio of p50 to the dev corpus: "
              f"{statistics.median(lexical_big) / statistics.median(lexical):.1f}x")
        embedding_throughput(db, args.sample)
        print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

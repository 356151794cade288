"""How podsift grows: synthetic archives of 1x, 10x and 100x the dev corpus.

    python benchmarks/scale.py [--factors 1 10 100] [--backend sqlite]

Each copy of an episode is perturbed so the archive is not a pile of duplicates:
its turns are shuffled within each chapter, about 5% of them are dropped, and its
speakers are swapped. For each size, in a fresh process (so peak RAM is its own):
ingest throughput (storing and indexing; parsing is the same at every size and is
measured by benchmarks/ingest.py), database size, lexical query p50/p95 over the
dev questions, peak RAM, and vector search over random unit vectors of the same
shape as the archive's moment and episode vectors (embedding 100x for real would take
days here). The vectors are stored and searched through podsift's own path: Searcher's
index ranks the 100 candidates a search asks for, by brute force over the vectors it
loads into memory on SQLite, in pgvector's HNSW index (plus the episode boost) on
PostgreSQL (--backend postgresql, on a server the script starts with pgserver). Also
timed: saving the vectors (SQLite) or building the HNSW index (PostgreSQL), and loading
them into memory (SQLite; PostgreSQL holds nothing).

Lexical search is timed twice in the same run: with the on-disk index that podsift
searches with (search/lexical_index.py, tantivy; beside the SQLite file, or in a
folder of this machine for PostgreSQL), and with the database's own full-text search
(FTS5's bm25, or PostgreSQL's ts_rank_cd); each index's build time and size are
reported apart.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
QUESTIONS = SHARED / "eval" / "dev-questions.jsonl"


def dev_episodes() -> list:  # type: ignore[type-arg]
    from podsift.ingest import parse_source
    from podsift.structure import add_structure

    episodes = []
    for path in sorted((SHARED / "seeds").iterdir()) + sorted((SHARED / "corpus" / "dtc").glob("*.md")):
        episode = parse_source(str(path), path.read_bytes())
        if isinstance(episode, str):
            continue
        episode.id = path.stem
        add_structure(episode)
        episodes.append(episode)
    return episodes


def perturbed(episode, copy: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """A copy of ``episode`` under a new id, its turns shuffled within chapters and thinned."""
    if copy == 0:
        return episode
    bounds = [c.first_segment for c in episode.chapters] + [len(episode.segments)]
    if not episode.chapters or bounds[0] != 0:
        bounds = [0, *bounds]
    order: list[int] = []
    for begin, end in zip(bounds, bounds[1:]):
        block = list(range(begin, end))
        rng.shuffle(block)
        order += [i for i in block if rng.random() > 0.05]
    speakers = sorted({s.speaker for s in episode.segments if s.speaker})
    swap = dict(zip(speakers, reversed(speakers)))
    segments = []
    chapters = []
    for new, old in enumerate(order):
        seg = episode.segments[old]
        segments.append(replace(seg, ordinal=new, speaker=swap.get(seg.speaker, seg.speaker)))
    for chapter in episode.chapters:
        first = next((n for n, old in enumerate(order) if old >= chapter.first_segment), None)
        if first is not None and all(c.first_segment != first for c in chapters):
            chapters.append(replace(chapter, first_segment=first))
    copy_episode = replace(episode, id=f"{episode.id}~{copy}", source_path=f"{episode.source_path}~{copy}",
                           content_hash=f"{episode.content_hash}~{copy}", segments=segments, chapters=chapters,
                           repairs=[])  # fmt: skip
    return copy_episode


def measure(factor: int, backend: str = "sqlite") -> dict:  # type: ignore[type-arg]
    import numpy as np

    from podsift.embed import Embedder
    from podsift.evaluate import load_questions
    from podsift.moments import build_moments
    from podsift.search import Searcher
    from podsift.search.engine import CANDIDATES
    from podsift.search.filters import SearchFilters
    from podsift.store import open_store

    episodes = dev_episodes()
    rng = random.Random(factor)
    queries = [q.question for q in load_questions(QUESTIONS)]
    with tempfile.TemporaryDirectory() as tmp:
        db: str = str(Path(tmp) / "scale.db")
        if backend == "postgresql":
            import os

            import pgserver

            os.environ.setdefault("XDG_RUNTIME_DIR", tmp)
            os.environ["PODSIFT_INDEXES"] = str(Path(tmp) / "indexes")  # gone with the run
            server = pgserver.get_server(Path(tmp) / "pgdata", cleanup_mode="stop")
            db = server.get_uri()
        store = open_store(db)
        stored = segments = 0
        started = time.perf_counter()
        for copy in range(factor):
            for episode in episodes:
                episode = perturbed(episode, copy, rng)
                store.save_episode(episode, build_moments(episode))
                stored += 1
                segments += len(episode.segments)
        saved = time.perf_counter() - started
        t = time.perf_counter()
        store.flush_index()  # FTS5 (SQLite) or nothing to do (PostgreSQL)
        fts_s = time.perf_counter() - t
        index_build_s = index_mb = fts_mb = None
        from podsift.search.lexical_index import LexicalIndex

        t = time.perf_counter()
        index = LexicalIndex(store)
        index.rebuild()
        index_build_s = round(time.perf_counter() - t, 1)
        index_mb = round(sum(f.stat().st_size for f in index.path.iterdir() if f.is_file()) / 1e6)
        if backend == "sqlite":
            fts_mb = round(store.conn.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'moments_fts%'").fetchone()[0] / 1e6)  # fmt: skip
        else:
            fts_mb = round(store.conn.execute("SELECT pg_relation_size('moments_tsv')").fetchone()[0] / 1e6)
        # What `podsift ingest` pays: storing, then the index (FTS5's is left to whoever asks it).
        seconds = saved + index_build_s
        if backend == "postgresql":
            size = store.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        else:
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = Path(db).stat().st_size
        moments = store.moment_total()

        def timed(searcher: Searcher) -> list[float]:
            for q in queries[:5]:
                searcher.search(q, mode="lexical")
            out = []
            for q in queries:
                t = time.perf_counter()
                searcher.search(q, mode="lexical")
                out.append((time.perf_counter() - t) * 1000)
            return out

        searcher = Searcher(store)
        samples = timed(searcher)
        fts_samples = timed(Searcher(store, lexical_index=False))
        # One random unit vector per distinct moment text and per episode profile, saved as
        # `podsift embed` saves them, then searched the way `podsift search` does: through
        # Searcher, whose index is the in-memory one on SQLite and the HNSW one on PostgreSQL.
        hashes = [r[0] for r in store.conn.execute("SELECT DISTINCT embed_hash FROM moments")]
        hashes += [r[0] for r in store.conn.execute("SELECT DISTINCT profile_hash FROM episodes WHERE profile != ''")]
        vectors = np.random.default_rng(factor).standard_normal((len(hashes), 384), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        t = time.perf_counter()
        if backend == "postgresql":
            # Load first, then build the HNSW index (faster than indexing row by row).
            for k in range(0, len(hashes), 5000):
                with store.conn.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO embeddings (model, text_hash, embedding) VALUES ('random', %s, %s) "
                        "ON CONFLICT DO NOTHING",
                        [(h, vectors[k + j]) for j, h in enumerate(hashes[k : k + 5000])],
                    )
            t = time.perf_counter()
            # HNSW builds far faster when its graph fits in memory (pgvector's advice).
            store.conn.execute("SET maintenance_work_mem = '4GB'")
            store.index_vectors("random", 384)
            store.conn.execute("ANALYZE embeddings")
        else:
            for k in range(0, len(hashes), 5000):
                store.save_vectors("random", [(h, vectors[k + j].tobytes()) for j, h in enumerate(hashes[k : k + 5000])])
        index_s = round(time.perf_counter() - t, 1)
        queries = vectors[[rng.randrange(len(vectors)) for _ in range(30)]]  # stored texts' vectors
        del vectors  # peak RAM is then what podsift itself holds
        searcher = Searcher(store, Embedder(name="random"))  # names the vectors; no model is loaded
        index_kind = type(searcher.vectors).__name__
        t = time.perf_counter()
        searcher.vectors.refresh(store)  # SQLite loads the matrix here; PostgreSQL holds nothing
        load_s = round(time.perf_counter() - t, 1)
        vector_ms = []
        for q in queries:
            t = time.perf_counter()
            searcher.vectors.ranking(store, q, SearchFilters(), CANDIDATES)  # as search asks, for 10 results
            vector_ms.append((time.perf_counter() - t) * 1000)
        store.close()
        if backend == "postgresql":
            server.cleanup()
    ordered = sorted(samples)
    fts_ordered = sorted(fts_samples)
    return {
        "factor": factor, "episodes": stored, "segments": segments, "moments": moments,
        "ingest_s": round(seconds, 1), "store_s": round(saved, 1),
        "episodes_per_s": round(stored / seconds, 1), "segments_per_s": round(segments / seconds),
        "db_mb": round(size / 1e6), "lexical_p50_ms": round(statistics.median(samples), 1),
        "lexical_p95_ms": round(ordered[int(0.95 * len(ordered))], 1),
        "fts5_p50_ms": round(statistics.median(fts_samples), 1),
        "fts5_p95_ms": round(fts_ordered[int(0.95 * len(fts_ordered))], 1),
        "index_build_s": index_build_s, "index_mb": index_mb, "fts5_build_s": round(fts_s, 1), "fts5_mb": fts_mb,
        "vector_p50_ms": round(statistics.median(vector_ms), 1), "vector_index_s": index_s,
        "vector_load_s": load_s, "vector_index": index_kind,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.backend)))
        return 0
    rows = []
    print(f"backend: {args.backend}")
    print(f"{'size':>5} {'episodes':>9} {'moments':>10} {'ingest':>9} {'eps/s':>7} {'segs/s':>8} "
          f"{'DB MB':>7} {'lex p50':>8} {'lex p95':>8} {'vec p50':>8} {'peak MB':>8}"
          + "  | index build    MB | " + ("FTS5 build" if args.backend == "sqlite" else "ts_rank_cd")
          + "    MB    p50      p95")  # fmt: skip
    for factor in args.factors:
        out = subprocess.run([sys.executable, __file__, "--one", str(factor), "--backend", args.backend],
                             capture_output=True, text=True)  # fmt: skip
        if out.returncode:
            print(out.stderr[-2000:])
            return 1
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{factor:>4}x {row['episodes']:>9,} {row['moments']:>10,} {row['ingest_s']:>8.0f}s "
              f"{row['episodes_per_s']:>7.1f} {row['segments_per_s']:>8,} {row['db_mb']:>7,} "
              f"{row['lexical_p50_ms']:>7.1f}ms {row['lexical_p95_ms']:>7.1f}ms {row['vector_p50_ms']:>7.1f}ms "
              f"{row['peak_mb']:>8,}"
              + f"  ({row['vector_index']}: vectors saved/indexed in {row['vector_index_s']:.0f} s, loaded in {row['vector_load_s']:.1f} s)"
              + (f"  | {row['index_build_s']:>10.1f}s {row['index_mb']:>5,} | {row['fts5_build_s']:>9.1f}s "
                 f"{row['fts5_mb']:>5,} {row['fts5_p50_ms']:>6.1f}ms {row['fts5_p95_ms']:>6.1f}ms"
                 if row.get("index_build_s") is not None else ""),
              flush=True)  # fmt: skip
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["factor"] / first["factor"]
        print(f"from {first['factor']}x to {last['factor']}x ({growth:.0f}x the data): ingest time "
              f"{last['ingest_s'] / first['ingest_s']:.0f}x, DB size {last['db_mb'] / first['db_mb']:.0f}x, "
              f"lexical p50 {last['lexical_p50_ms'] / first['lexical_p50_ms']:.0f}x "
              f"(database's own {last['fts5_p50_ms'] / first['fts5_p50_ms']:.0f}x), "
              f"vector p50 {last['vector_p50_ms'] / first['vector_p50_ms']:.0f}x, "
              f"peak RAM {last['peak_mb'] / first['peak_mb']:.1f}x  (goal at 100x: lexical p50 <= 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

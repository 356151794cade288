"""Concurrent load: many clients search `podsift serve` while another process ingests.

    python benchmarks/load.py --db EMBEDDED.db [--clients 50] [--seconds 60] [--hold-out 40]

The archive is copied and the last --hold-out episodes are removed from the copy.
`podsift serve` runs on 127.0.0.1 over the copy. --clients threads send the dev
questions to /api/search for --seconds, while `podsift ingest` adds the held-out
episodes back (embedding included). Every response is checked: status 200, and every
moment returned must exist in the final archive with the same episode and words.
Traffic is bounded by time and goes to 127.0.0.1 only. With --backend postgresql the
archive is first copied into a PostgreSQL server the script starts (pgserver).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import LiveServer  # noqa: E402
from search import QUESTIONS  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def postgres_copy(sqlite_db: Path, tmp: Path) -> str:
    """The same archive in a PostgreSQL server started here: ingested again, vectors copied."""
    import os

    import pgserver
    from pg_archive import copy_archive

    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp))
    os.environ["PODSIFT_INDEXES"] = str(tmp / "indexes")  # the lexical index copy goes with the run
    server = pgserver.get_server(tmp / "pgdata", cleanup_mode="stop")
    url = server.get_uri()
    copy_archive(url, sqlite_db, quiet=True)
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded database of the dev corpus")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--hold-out", type=int, default=40, help="episodes to ingest during the load")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()

    import httpx

    from podsift.evaluate import load_questions

    queries = [q.question for q in load_questions(QUESTIONS)]
    with tempfile.TemporaryDirectory() as tmp:
        from podsift.store import open_store

        if args.backend == "sqlite":
            db: str = str(Path(tmp) / "load.db")
            shutil.copy(args.db, db)
        else:
            db = postgres_copy(args.db, Path(tmp))
        mark = "?" if args.backend == "sqlite" else "%s"  # each driver's own placeholder
        with open_store(db) as store:
            everything = store.conn.execute("SELECT id, source_path FROM episodes ORDER BY id DESC").fetchall()
            held = [(i, path) for i, path in everything if path and path.endswith(".md")][: args.hold_out]
            with store.transaction():
                for episode_id, _ in held:
                    store.conn.execute(f"DELETE FROM episodes WHERE id = {mark}", (episode_id,))
        sources = [h[1] for h in held if Path(h[1]).exists()]
        print(f"{args.backend}: serving the archive without {len(held)} episodes; {args.clients} clients for {args.seconds:.0f} s "
              f"while `podsift ingest` adds {len(sources)} back")  # fmt: skip

        server = LiveServer(db)
        latencies: list[float] = []
        server_ms: list[float] = []
        seen: list[tuple[int, str, str]] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        def client(k: int) -> None:
            with httpx.Client(timeout=60) as http:
                n = k
                while time.monotonic() < deadline:
                    q = queries[n % len(queries)]
                    n += args.clients
                    started = time.perf_counter()
                    try:
                        response = http.get(f"{server.url}/api/search?q={quote(q)}&limit=10")
                    except httpx.HTTPError as err:
                        with lock:
                            errors.append(f"{type(err).__name__}: {err}")
                        continue
                    took = (time.perf_counter() - started) * 1000
                    with lock:
                        if response.status_code != 200:
                            errors.append(f"HTTP {response.status_code}: {response.text[:200]}")
                            continue
                        latencies.append(took)
                        server_ms.append(float(response.headers["server-timing"].split("dur=")[1]))
                        seen.extend((h["moment_id"], h["episode_id"], h["text"]) for h in response.json()["results"])

        try:
            ingest = subprocess.Popen(
                [sys.executable, "-m", "podsift", "--db", str(db), "ingest", *sources],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            started = time.perf_counter()
            threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
            ingest_rc = ingest.wait(timeout=600)
            ingest_seconds = time.perf_counter() - started
        finally:
            server.stop()

        with open_store(db) as store:
            final = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, episode_id, text FROM moments").fetchall()}
            back = len(store.episode_ids() & {h[0] for h in held})
        wrong = [s for s in seen if final.get(s[0]) != (s[1], s[2])]
        print(f"requests: {len(latencies)} ok, {len(errors)} errors, {len(wrong)} wrong results "
              f"(of {len(seen)} moments returned); {len(latencies) / elapsed:.1f} requests/s")  # fmt: skip
        print(f"client latency: p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, .95):.0f} ms, "
              f"p99 {percentile(latencies, .99):.0f} ms; server time p50 {statistics.median(server_ms):.0f} ms")
        print(f"ingest during the load: exit {ingest_rc}, {back} of {len(held)} episodes back, "
              f"finished {ingest_seconds:.0f} s after the load began")  # fmt: skip
        for line in errors[:5]:
            print("  error:", line)
    return 0 if not errors and not wrong and ingest_rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

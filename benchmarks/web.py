"""Server time of /api/search and of the search page, under 1 and 20 concurrent clients.

    python benchmarks/web.py --db EMBEDDED.db [--clients 20] [--rounds 2]

Starts `podsift serve` on 127.0.0.1 (the model loads once, at startup) and sends the
dev questions to it; every request is bounded (a fixed count, a 30 s timeout each).
Server time is what the app reports in its Server-Timing header. The baseline,
measured in the same run, is the same searches called in-process, with no HTTP.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import LiveServer  # noqa: E402
from search import QUESTIONS, percentiles  # noqa: E402


def server_ms(response) -> float:  # type: ignore[no-untyped-def]
    timing = response.headers["server-timing"]  # app;dur=12.34
    return float(timing.split("dur=")[1])


def drive(base: str, paths: list[str], clients: int) -> tuple[list[float], list[float], float, int]:
    """Send every path once, ``clients`` at a time: server times, client times, seconds, errors."""
    import httpx

    server: list[float] = []
    client: list[float] = []
    errors = 0

    def one(http: httpx.Client, path: str) -> None:
        nonlocal errors
        started = time.perf_counter()
        response = http.get(base + path)
        client.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            errors += 1
            return
        server.append(server_ms(response))

    started = time.perf_counter()
    with httpx.Client(timeout=30) as http, ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda p: one(http, p), paths))
    return server, client, time.perf_counter() - started, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded database of the dev corpus")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the dev questions per run")
    args = parser.parse_args()

    from podsift.evaluate import load_questions
    from podsift.search import Searcher
    from podsift.store import open_store

    questions = [q.question for q in load_questions(QUESTIONS)] * args.rounds
    with open_store(args.db) as store:
        searcher = Searcher(store)
        searcher.search("warm up")
        baseline = []
        for q in questions:
            started = time.perf_counter()
            searcher.search(q, limit=10)
            baseline.append((time.perf_counter() - started) * 1000)
    print(f"{len(questions)} searches in-process (baseline): {percentiles(baseline)}")

    server = LiveServer(args.db)
    try:
        for name, make in (("/api/search", lambda q: f"/api/search?q={quote(q)}"),
                           ("search page /?q=", lambda q: f"/?q={quote(q)}")):  # fmt: skip
            paths = [make(q) for q in questions]
            drive(server.url, paths[:5], 1)  # warm up
            for clients in (1, args.clients):
                times, seen, seconds, errors = drive(server.url, paths, clients)
                ratio = statistics.median(times) / statistics.median(baseline)
                print(f"{name}, {clients:>2} client(s): server time {percentiles(times)} "
                      f"({ratio:.2f}x the in-process p50); client-side {percentiles(seen)}; "
                      f"{len(paths) / seconds:.1f} requests/s; {errors} errors"
                      + ("  (goal: page p50 <= 100 ms)" if name.startswith("search page") and clients == 1 else ""))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

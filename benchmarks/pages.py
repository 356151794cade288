"""Server time and size of every kind of page and API answer a user reaches, on a large archive.

    python benchmarks/pages.py --db ARCHIVE.db [--rounds 3]

Starts `podsift serve` on 127.0.0.1 and fetches each page ``rounds`` times (after one warm-up):
home, searches, ask, the episode list, the longest episode, entities and the most-mentioned one,
people and the busiest person, shows and the biggest show, and the API's equivalents. Each row
is the server time (the Server-Timing header) of the first fetch and the median of the rest, and
the size of the answer. The baseline, measured in the same run, is the server's floor: a request
that reads nothing (/favicon.ico).
A page over 300 ms or 1 MB is marked: slow or heavy on a phone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import quote

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import LiveServer  # noqa: E402

SLOW_MS = 300
HEAVY_BYTES = 1_000_000
QUERIES = ("career in data engineering", "LinkedIn", "how to get a first job")


def targets(http, base: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(label, path) for every page, the busiest of each kind found through the API."""
    episodes = http.get(base + "/api/episodes").json()
    longest = max(episodes, key=lambda e: e.get("segments") or e.get("duration") or 0)["id"]
    entities = http.get(base + "/api/entities").json()
    entity = max(entities, key=lambda e: e["mentions"])["name"]
    people = http.get(base + "/api/people").json()
    person = max(people, key=lambda p: p.get("episodes") or 0)["name"]
    shows = http.get(base + "/api/shows").json()
    show = max(shows, key=lambda s: s["episodes"])["name"]
    e, n, p, s = (quote(x, safe="") for x in (longest, entity, person, show))
    pages = [("home", "/")]
    pages += [(f"search {q!r}", f"/?q={quote(q)}") for q in QUERIES]
    pages += [("ask", f"/ask?q={quote('how do I get a first job in data?')}"),
              ("episode (longest)", f"/episodes/{quote(longest, safe='/')}"),
              ("entities", "/entities"), (f"entity {entity}", f"/entities/{n}"),
              ("people", "/people"), (f"person {person}", f"/people/{p}"),
              ("shows", "/shows"), (f"show {show}", f"/shows/{s}")]  # fmt: skip
    pages += [("api search", f"/api/search?q={quote(QUERIES[0])}"),
              ("api ask", f"/api/ask?q={quote('how do I get a first job in data?')}"),
              ("api episodes", "/api/episodes"), ("api episode (longest)", f"/api/episodes/{e}"),
              ("api entities", "/api/entities"), (f"api entity {entity}", f"/api/entities/{n}"),
              ("api people", "/api/people"), (f"api person {person}", f"/api/people/{p}"),
              ("api shows", "/api/shows"), (f"api show {show}", f"/api/shows/{s}")]  # fmt: skip
    return pages


def measure(http, url: str, rounds: int) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    """Server time (ms) of the first fetch and the median of ``rounds`` more, size (bytes) and status."""
    first = float(http.get(url).headers["server-timing"].split("dur=")[1])
    times, size, status = [], 0, 0
    for _ in range(rounds):
        response = http.get(url)
        times.append(float(response.headers["server-timing"].split("dur=")[1]))
        size, status = len(response.content), response.status_code
    return first, statistics.median(times), size, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="an archive with many episodes (embedded)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import httpx

    server = LiveServer(args.db)
    try:
        with httpx.Client(timeout=120) as http:
            _, floor, _, _ = measure(http, server.url + "/favicon.ico", args.rounds)
            print(f"baseline (/favicon.ico, reads nothing): {floor:.2f} ms")
            print(f"{'page':<44} {'first ms':>9} {'then ms':>9} {'size':>10}  status")
            for label, path in targets(http, server.url):
                first, ms, size, status = measure(http, server.url + path, args.rounds)
                flag = " SLOW" * (max(first, ms) > SLOW_MS) + " HEAVY" * (size > HEAVY_BYTES)
                print(f"{label[:44]:<44} {first:>9.1f} {ms:>9.1f} {size / 1000:>8.1f}kB  {status}{flag}", flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

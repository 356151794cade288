"""Time one page of the archive's long lists (`/api/episodes?limit=20&offset=40`, entities, people) on a large archive.

    python benchmarks/episode_page.py [--episodes 5000] [--db ARCHIVE] [--lists episodes,entities,people]

Builds an archive of ``--episodes`` episodes of 60 segments each, a guest of its own and five tools
named in it (two of them its own: the entities grow with the archive), with the store's own writes (a
new SQLite file, or the empty PostgreSQL database ``--db`` names), then asks the product's HTTP API
for a page of each list and, as the baseline in the same run, for the whole list (which every page
cost before a page was read alone), median of 20 rounds each, as a ratio. Entities and people are
worked out whole once per change to the archive (entities are ordered by mentions, so any page of
them counts every mention: reading a page alone in SQL with a count cost more, 185 ms against 162 ms),
and a page then writes out its own rows alone; the rounds time that, after the first request.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift)
from fastapi.testclient import TestClient

from podsift.entities.extract import Mention
from podsift.model import Chapter, Episode, Segment
from podsift.store import Store, open_store
from podsift.web.app import create_app
from podsift.web.archive import ServerSettings

LIMIT, OFFSET = 20, 40


def build(store: Store, count: int) -> None:
    for number in range(count):
        segments = [Segment(i, i * 10.0, i * 10.0 + 9, f"Speaker {i % 2}", f"words of turn {i} of episode {number}")
                    for i in range(60)]  # fmt: skip
        episode = Episode(id=f"show/episode-{number:05d}", title=f"Episode {number}", show="show",
                          date=f"2024-01-{number % 28 + 1:02d}", duration=600.0, source_format="srt",
                          guests=[f"Guest Number{number}"], chapters=[Chapter("Start", 0.0, 0)],
                          segments=segments)  # fmt: skip
        tools = [f"Tool{number % 50}", f"Tool{number % 7}", f"Tool{number % 3}", f"Own{number}a", f"Own{number}b"]
        mentions = [Mention(i, tool, "tool", tool, "known") for i, tool in enumerate(tools)]
        store.save_episode(episode, [], mentions, new=True)


def median_ms(read: Callable[[], object], rounds: int = 20) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--db", help="an empty postgresql:// database (default: a new SQLite file)")
    parser.add_argument("--lists", default="episodes,entities,people", help="which lists, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "page.db"
        store = open_store(db)
        started = time.perf_counter()
        build(store, args.episodes)
        store.close()
        print(f"built {args.episodes} episodes in {time.perf_counter() - started:.1f} s ({type(store).__name__})")
        with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
            for name in args.lists.split(","):

                def whole(name: str = name) -> list[object]:
                    return client.get(f"/api/{name}").raise_for_status().json()

                def page(name: str = name) -> list[object]:
                    return client.get(f"/api/{name}?limit={LIMIT}&offset={OFFSET}").raise_for_status().json()

                everything = whole()
                assert everything[OFFSET : OFFSET + LIMIT] == page(), f"the page of {name} differs from the whole list's slice"
                before, after = median_ms(whole), median_ms(page)
                print(f"GET /api/{name}?limit={LIMIT}&offset={OFFSET}: {after:.2f} ms; the whole list of "
                      f"{len(everything)}: {before:.1f} ms ({before / after:.0f}x the page)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

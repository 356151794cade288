"""`podsift copy`: a SQLite archive moved into PostgreSQL (and back) is the same archive."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, fresh_database, podsift

QUERIES = ["how do you price freelance work", "vector search", "monitoring models in production"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder, and the 127.0.0.1 URL it is served at."""
    folder = tmp_path / "site"
    folder.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _feed(folder: Path, url: str) -> str:
    """A feed with one item whose transcript is served beside it; the feed's URL."""
    transcript = folder / "feed-transcript.srt"
    transcript.write_text("1\n00:00:01,000 --> 00:00:05,000\nAnna: Feature stores keep training and serving alike.\n",
                          encoding="utf-8")  # fmt: skip
    feed = folder / "feed.xml"
    feed.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Feature Talk</title>
<item><guid>ft-1</guid><title>Feature Stores</title><enclosure url="https://example.org/ft-1.mp3" type="audio/mpeg"/>
<podcast:transcript url="{url}/{transcript.name}" type="application/x-subrip"/></item></channel></rss>""",
                    encoding="utf-8")  # fmt: skip
    return f"{url}/{feed.name}"


def _without_moment_ids(value: Any) -> Any:
    """Moments are numbered anew in the copy; everything else must be the same."""
    if isinstance(value, dict):
        return {k: _without_moment_ids(v) for k, v in value.items() if k != "moment_id"}
    if isinstance(value, list):
        return [_without_moment_ids(v) for v in value]
    return value


def _looks(db: str) -> dict[str, Any]:
    """What a user sees of an archive: its episodes, each one's timeline, the search results, the feeds."""
    episodes = json.loads(podsift("episodes", "--json", db=db).stdout)
    shown = {e["id"]: _without_moment_ids(json.loads(podsift("show", e["id"], "--json", db=db).stdout))
             for e in episodes}  # fmt: skip
    searches = {
        (query, mode): [(r["episode_id"], r["start"], r["text"]) for r in
                        json.loads(podsift("search", query, "--mode", mode, "--json", db=db).stdout)["results"]]
        for query in QUERIES for mode in ("lexical", "semantic")
    }  # fmt: skip
    feeds = [(f["url"], f["title"]) for f in json.loads(podsift("feed", "list", "--json", db=db).stdout)]
    return {"episodes": episodes, "shown": shown, "searches": searches, "feeds": feeds}


def test_a_sqlite_archive_copied_into_postgresql_and_back_is_the_same_archive(
    tmp_path: Path, served: tuple[Path, str], request: pytest.FixtureRequest
) -> None:
    original = str(tmp_path / "laptop.db")
    podsift("ingest", str(DEMO), db=original)  # embedded with the real model
    podsift("feed", "add", _feed(*served), db=original)
    assert json.loads(podsift("sync", "--json", db=original).stdout)["feeds"][0]["counts"]["added"] == 1
    before = _looks(original)
    assert all(before["searches"].values()) and before["feeds"]

    server = fresh_database(request.getfixturevalue("pg_server"))
    copied = json.loads(podsift("copy", server, "--json", db=original).stdout)
    assert (copied["episodes"], copied["feeds"], copied["feed_items"]) == (6, 1, 1)
    assert copied["vectors"] >= copied["moments"] > 0
    assert _looks(server) == before
    # Feeds continue where they were: nothing is read again.
    synced = json.loads(podsift("sync", "--json", db=server).stdout)["feeds"][0]["items"]
    assert [item["status"] for item in synced] == ["unchanged"]

    back = str(tmp_path / "back.db")
    told = podsift("copy", back, db=server).stdout
    assert told.startswith(f"Copied 6 episodes ({copied['moments']} moments, {copied['vectors']} vectors), "
                           f"1 followed feed (1 item) to {back} in ")  # fmt: skip
    assert _looks(back) == before
    moments = copied["moments"]  # every one with its vector, none embedded again
    assert f"{moments} of {moments} moments have all-MiniLM-L6-v2 vectors" in podsift("doctor", db=back).stdout


def test_a_copy_never_mixes_into_an_archive_that_holds_episodes(tmp_path: Path) -> None:
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=first)
    podsift("ingest", str(DEMO / "career-switch.json"), "--no-embed", db=second)
    refused = podsift("copy", second, db=first, check=2)
    assert refused.stderr.strip() == f"podsift: error: {second}: it already holds 1 episode; copy into an empty archive"
    assert [e["id"] for e in json.loads(podsift("episodes", "--json", db=second).stdout)] == ["career-switch"]
    itself = podsift("copy", first, db=first, check=2)
    assert "is the archive itself" in itself.stderr

"""Podcast feeds: parsing, fetching, syncing into episodes, and the feed tables on both backends.

Every feed, transcript and chapters file is served by a real HTTP server on 127.0.0.1
that the test starts; the server logs each request so conditional GETs can be checked.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, podsift

from podsift.feeds.parse import FeedError, parse_feed
from podsift.feeds.sync import choose_transcript
from podsift.store import FeedItemRow, open_store

FEEDS = REPO / "tests" / "data" / "feeds"
FAST = ["--no-embed", "--no-entities", "--no-auto-chapters"]


@dataclass
class Route:
    body: bytes
    content_type: str = "application/octet-stream"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class Server:
    url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == path]


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            state.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = state.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            try:
                self.wfile.write(route.body)
            except OSError:  # the client gave up (the timeout test)
                pass

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def rss(base: str, items: str, title: str = "Data Talks") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>{title}</title><link>{base}/</link><itunes:image href="{base}/show.jpg"/>
{items}
</channel></rss>""".encode()


def item(base: str, guid: str, title: str, transcripts: str, extra: str = "") -> str:
    return f"""<item><guid isPermaLink="false">{guid}</guid><title>{title}</title>
<pubDate>Tue, 03 Jan 2023 10:00:00 GMT</pubDate><description>&lt;p&gt;Notes on {title}.&lt;/p&gt;</description>
<itunes:season>2</itunes:season><itunes:episode>7</itunes:episode><itunes:duration>00:10:00</itunes:duration>
<enclosure url="{base}/audio/{guid}.mp3" type="audio/mpeg" length="1000"/>
{transcripts}{extra}</item>"""


PODCAST_JSON = {
    "version": "1.0.0",
    "segments": [
        {"speaker": "Alexey", "startTime": 0.5, "endTime": 4.0, "body": "Welcome to the show about feature stores."},
        {"speaker": "Maria", "startTime": 4.5, "endTime": 9.0, "body": "Thanks. Feature stores keep training and serving consistent."},
        {"speaker": "Alexey", "startTime": 65.0, "endTime": 70.0, "body": "Let us talk about your career in data engineering."},
        {"speaker": "Maria", "startTime": 71.0, "endTime": 80.0, "body": "I started as an analyst and moved to pipelines later."},
    ],
}
VTT = b"WEBVTT\n\n00:00:00.500 --> 00:00:04.000\n<v Alexey>A caption version of the show.\n"
SRT = b"1\n00:00:00,500 --> 00:00:04,000\nAlexey: A subtitle version of the show.\n"
CHAPTERS = {"version": "1.2.0", "chapters": [
    {"startTime": 0, "title": "Feature stores"},
    {"startTime": 5, "title": "An image marker", "toc": False},
    {"startTime": 60, "title": "Career path"},
]}  # fmt: skip
GMT = "Tue, 03 Jan 2023 10:00:00 GMT"


def full_show(server: Server, transcript_etag: str = '"t1"') -> str:
    """One item with three transcripts, people and chapters; returns the feed's URL."""
    base = server.url
    tags = (f'<podcast:transcript url="{base}/t/1.vtt" type="text/vtt" language="en"/>'
            f'<podcast:transcript url="{base}/t/1.json" type="application/json" language="en"/>'
            f'<podcast:transcript url="{base}/t/1.srt" type="application/x-subrip"/>')  # fmt: skip
    people = ('<podcast:person role="host">Alexey Grigorev</podcast:person>'
              '<podcast:person role="guest">Maria Lopez</podcast:person>'
              f'<podcast:chapters url="{base}/c/1.json" type="application/json+chapters"/>')  # fmt: skip
    server.routes["/feed.xml"] = Route(rss(base, item(base, "ep-1", "Feature Stores with Maria", tags, people)),
                                       "application/rss+xml", etag='"f1"', last_modified=GMT)  # fmt: skip
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json", etag=transcript_etag)
    server.routes["/t/1.vtt"] = Route(VTT, "text/vtt")
    server.routes["/t/1.srt"] = Route(SRT, "application/x-subrip")
    server.routes["/c/1.json"] = Route(json.dumps(CHAPTERS).encode(), "application/json+chapters")
    return f"{base}/feed.xml"


def sync(db: str | Path, *args: str, check: int | None = 0) -> dict[str, Any]:
    result = podsift("sync", *FAST, "--json", *args, db=db, check=check)
    return json.loads(result.stdout)


def shown(db: str | Path, episode_id: str) -> dict[str, Any]:
    return json.loads(podsift("show", episode_id, "--json", db=db).stdout)


# -- parsing -----------------------------------------------------------------------------


def test_every_transcript_of_an_item_is_kept_and_json_is_chosen() -> None:
    base = "https://example.org"
    tags = (f'<podcast:transcript url="{base}/a.vtt" type="text/vtt"/>'
            f'<podcast:transcript url="{base}/a.json" type="application/json" rel="captions"/>'
            f'<podcast:transcript url="{base}/a.srt" type="application/x-subrip"/>')  # fmt: skip
    show = parse_feed(rss(base, item(base, "g", "T", tags)))
    (parsed,) = show.items
    assert [t.url.rsplit("/", 1)[1] for t in parsed.transcripts] == ["a.vtt", "a.json", "a.srt"]
    assert parsed.transcripts[1].rel == "captions"
    chosen = choose_transcript(parsed.transcripts)
    assert chosen is not None and chosen[0].url.endswith("/a.json")
    assert (parsed.season, parsed.episode, parsed.duration, parsed.date) == (2, 7, 600.0, "2023-01-03")
    assert parsed.enclosure_url == f"{base}/audio/g.mp3" and parsed.description == "Notes on T."


def test_the_namespace_under_its_early_url_with_named_people() -> None:
    show = parse_feed((FEEDS / "early-namespace.xml").read_bytes())
    assert show.title == "Early Namespace Show"
    first = show.items[0]
    assert [(p.name, p.role) for p in first.persons] == [("Ada Host", "host"), ("Grace Guest", "guest")]
    assert first.transcripts[0].type == "text/plain" and first.chapters_url == "https://example.com/ep2_chapters.json"
    assert (first.season, first.episode) == (1, 2)


def test_an_atom_feed_with_podcast_tags() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <title>Atom Show</title><link href="https://example.org/"/><id>urn:show</id><updated>2024-05-01T00:00:00Z</updated>
  <entry><title>First</title><id>urn:ep:1</id><updated>2024-05-01T00:00:00Z</updated>
    <link rel="enclosure" href="https://example.org/1.mp3" type="audio/mpeg" length="10"/>
    <podcast:transcript url="https://example.org/1.srt" type="application/x-subrip"/>
    <podcast:transcript url="https://example.org/1.html" type="text/html"/>
    <podcast:person role="guest">Lin Chen</podcast:person>
  </entry>
</feed>"""
    show = parse_feed(atom)
    (entry,) = show.items
    assert (show.title, entry.guid, entry.date, entry.enclosure_url) == ("Atom Show", "urn:ep:1", "2024-05-01",
                                                                        "https://example.org/1.mp3")  # fmt: skip
    assert [t.type for t in entry.transcripts] == ["application/x-subrip", "text/html"]
    assert entry.persons[0].name == "Lin Chen"


def test_a_document_that_is_no_feed_is_refused_with_the_reason() -> None:
    with pytest.raises(FeedError, match="malformed XML"):
        parse_feed(b"<rss><channel><title>broken</channel")
    with pytest.raises(FeedError, match="entities"):
        parse_feed(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss version="2.0"></rss>')


# -- syncing -------------------------------------------------------------------------------


def test_sync_reads_the_json_transcript_with_the_feeds_people_chapters_and_enclosure(
    backend_db: str, server: Server
) -> None:
    feed = full_show(server)
    podsift("feed", "add", feed, db=backend_db)
    report = sync(backend_db)
    (outcome,) = report["feeds"]
    assert outcome["counts"]["added"] == 1 and outcome["error"] is None and outcome["title"] == "Data Talks"
    episode_id = outcome["items"][0]["episode_id"]
    assert episode_id.startswith("feature-stores-with-maria-")
    assert server.requests("/t/1.json") and not server.requests("/t/1.vtt") and not server.requests("/t/1.srt")

    episode = shown(backend_db, episode_id)
    assert episode["speakers"] == ["Alexey", "Maria"]
    assert episode["source_path"] == f"{server.url}/t/1.json"
    assert episode["guests"] == ["Maria Lopez"] and episode["extra"]["hosts"] == ["Alexey Grigorev"]
    assert (episode["show"], episode["date"], episode["season"], episode["episode_number"]) == ("Data Talks", "2023-01-03", 2, 7)
    assert episode["media_url"] == f"{server.url}/audio/ep-1.mp3"
    assert [(c["title"], c["generated"]) for c in episode["chapters"]] == [("Feature stores", False), ("Career path", False)]
    career = next(s for s in episode["segments"] if "career" in s["text"])
    assert career["chapter"] == "Career path"

    hits = json.loads(podsift("search", "career in data engineering", "--mode", "lexical", "--json", db=backend_db).stdout)
    assert hits["results"][0]["url"] == f"{server.url}/audio/ep-1.mp3#t=65"


def test_a_resync_asks_conditionally_and_skips_what_did_not_change(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    feed = full_show(server)
    podsift("feed", "add", feed, db=db)
    first_id = sync(db)["feeds"][0]["items"][0]["episode_id"]

    again = sync(db)["feeds"][0]
    feed_asks = server.requests("/feed.xml")
    assert feed_asks[-1]["if-none-match"] == '"f1"' and feed_asks[-1]["if-modified-since"] == GMT
    assert again["not_modified"] and len(server.requests("/t/1.json")) == 1

    # The feed changes (a new item with no transcript); the known item's transcript does not.
    base = server.url
    server.routes["/feed.xml"] = Route(
        rss(base, item(base, "ep-2", "Audio Only", "") + item(base, "ep-1", "Feature Stores with Maria",
            f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>')),
        "application/rss+xml", etag='"f2"')  # fmt: skip
    changed = sync(db)["feeds"][0]
    by_guid = {i["guid"]: i for i in changed["items"]}
    assert by_guid["ep-1"]["status"] == "unchanged" and by_guid["ep-1"]["episode_id"] == first_id
    assert by_guid["ep-2"] == {"guid": "ep-2", "title": "Audio Only", "status": "skipped", "episode_id": None,
                               "reason": "no transcript; `podsift sync --transcribe` transcribes its audio"}  # fmt: skip
    assert server.requests("/t/1.json")[-1]["if-none-match"] == '"t1"'
    listed = json.loads(podsift("feed", "list", "--json", db=db).stdout)
    assert listed[0]["etag"] == '"f2"' and listed[0]["status"] == "ok"


def test_a_changed_transcript_replaces_its_episode_under_the_same_id(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    feed = full_show(server)
    podsift("feed", "add", feed, db=db)
    first_id = sync(db)["feeds"][0]["items"][0]["episode_id"]

    edited = json.loads(json.dumps(PODCAST_JSON))
    edited["segments"][0]["body"] = "Welcome to the show about vector databases."
    server.routes["/t/1.json"] = Route(json.dumps(edited).encode(), "application/json", etag='"t2"')
    server.routes["/feed.xml"].etag = '"f2"'
    (item_outcome,) = sync(db)["feeds"][0]["items"]
    assert item_outcome["status"] == "updated" and item_outcome["episode_id"] == first_id
    assert "vector databases" in shown(db, first_id)["segments"][0]["text"]
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 1


def test_each_broken_feed_gets_one_line_and_the_others_still_sync(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    good = full_show(server)
    base = server.url
    server.routes["/malformed.xml"] = Route(b"<rss version='2.0'><channel><title>Oops</chan", "application/rss+xml")
    server.routes["/slow.xml"] = Route(rss(base, ""), "application/rss+xml", delay=3)
    server.routes["/error-page.xml"] = Route(b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
    bad = {"/missing.xml": "HTTP 404", "/malformed.xml": "malformed XML", "/slow.xml": "timed out",
           "/error-page.xml": "wrong content type"}  # fmt: skip
    for path in bad:
        podsift("feed", "add", base + path, db=db)
    podsift("feed", "add", good, db=db)

    result = podsift("sync", *FAST, "--timeout", "1", "--retries", "0", db=db, check=1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(bad), result.stderr
    for path, reason in bad.items():
        (line,) = [line for line in lines if base + path in line]
        assert reason in line
    assert "Data Talks: 1 added" in result.stdout
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 1


def test_a_failing_transcript_costs_only_its_item(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    base = server.url
    server.routes["/feed.xml"] = Route(rss(base, "".join([
        item(base, "a", "Gone Transcript", f'<podcast:transcript url="{base}/t/gone.json" type="application/json"/>'),
        item(base, "b", "Login Page", f'<podcast:transcript url="{base}/t/login.vtt" type="text/vtt"/>'),
        item(base, "c", "Good One", f'<podcast:transcript url="{base}/t/good.srt" type="application/srt"/>'),
    ])), "application/rss+xml")  # fmt: skip
    server.routes["/t/login.vtt"] = Route(b"<!doctype html><html><body>Log in</body></html>", "text/html")
    server.routes["/t/good.srt"] = Route(SRT, "application/x-subrip")
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    result = podsift("sync", *FAST, "--json", db=db, check=1)
    items = {i["guid"]: i for i in json.loads(result.stdout)["feeds"][0]["items"]}
    assert (items["a"]["status"], items["b"]["status"], items["c"]["status"]) == ("failed", "failed", "added")
    assert "HTTP 404" in items["a"]["reason"] and "an HTML page" in items["b"]["reason"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(f"{base}/feed.xml" in line for line in lines)
    assert shown(db, items["c"]["episode_id"])["speakers"] == ["Alexey"]


def test_a_server_error_is_tried_again(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    server.routes["/flaky.xml"] = Route(b"busy", "text/plain", status=503)
    podsift("feed", "add", f"{server.url}/flaky.xml", db=db)
    result = podsift("sync", *FAST, "--retries", "2", db=db, check=1)
    assert len(server.requests("/flaky.xml")) == 3
    assert "HTTP 503" in result.stderr


def test_private_addresses_can_be_refused(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    podsift("feed", "add", full_show(server), db=db)
    result = podsift("sync", *FAST, "--refuse-private", db=db, check=1)
    assert "private or local address" in result.stderr and not server.log


def test_a_local_feed_file_is_followed(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    full_show(server)
    local = tmp_path / "show.xml"
    local.write_bytes(server.routes["/feed.xml"].body)
    podsift("feed", "add", str(local), db=db)
    assert sync(db)["feeds"][0]["counts"]["added"] == 1
    refused = podsift("feed", "add", "ftp://example.org/feed.xml", db=db, check=1)
    assert "only http(s)" in refused.stderr


# -- the feed tables, on both backends ------------------------------------------------------


def test_feeds_are_added_listed_and_removed(backend_db: str) -> None:
    url = "https://example.org/feed.xml"
    assert "Following" in podsift("feed", "add", url, db=backend_db).stdout
    assert "Already following" in podsift("feed", "add", url, db=backend_db).stdout
    assert [f["url"] for f in json.loads(podsift("feed", "list", "--json", db=backend_db).stdout)] == [url]
    podsift("feed", "remove", url, db=backend_db)
    assert json.loads(podsift("feed", "list", "--json", db=backend_db).stdout) == []
    assert "not a followed feed" in podsift("feed", "remove", url, db=backend_db, check=1).stderr


def test_the_store_keeps_items_and_validators(backend_db: str) -> None:
    url = "https://example.org/feed.xml"
    with open_store(backend_db) as store:
        assert store.add_feed(url) and not store.add_feed(url)
        store.record_feed_sync(url, title="Show", etag='"e1"', last_modified=GMT, status="ok")
        store.record_feed_sync(url, title=None, etag=None, last_modified=None, status="not modified")
        (row,) = store.feeds()
        assert (row.title, row.etag, row.last_modified, row.status) == ("Show", '"e1"', GMT, "not modified")
        first = FeedItemRow(url, "g1", "ep-1", "https://example.org/t.json", '"t1"', None, "abc")
        store.save_feed_item(first)
        store.save_feed_item(FeedItemRow(url, "g1", "ep-1", "https://example.org/t.json", '"t2"', None, "def"))
        assert store.feed_items(url) == {"g1": FeedItemRow(url, "g1", "ep-1", "https://example.org/t.json", '"t2"', None, "def")}
        assert store.remove_feed(url) and store.feed_items(url) == {}

"""Podcast feeds: parsing, fetching, syncing into episodes, and the feed tables on both backends.

Every feed, transcript and chapters file is served by a real HTTP server on 127.0.0.1
that the test starts; the server logs each request so conditional GETs can be checked.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, on_terminal, podsift

from podsift.feeds.parse import FeedError, parse_feed
from podsift.feeds.sync import DETAILS_CHANGED, GONE, choose_transcript, episode_id
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
    stall_after: int | None = None  # send this many bytes of the body, then hang
    location: str | None = None  # where a redirect sends the client


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
            if route.location:
                self.send_header("Location", route.location)
            self.end_headers()
            try:
                if route.stall_after is not None:
                    self.wfile.write(route.body[: route.stall_after])
                    self.wfile.flush()
                    time.sleep(3)
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


def test_a_ttml_transcript_is_chosen_over_srt_and_text() -> None:
    base = "https://example.org"
    tags = (f'<podcast:transcript url="{base}/a.txt" type="text/plain"/>'
            f'<podcast:transcript url="{base}/a.ttml" type="application/ttml+xml"/>'
            f'<podcast:transcript url="{base}/a.srt" type="application/x-subrip"/>')  # fmt: skip
    (parsed,) = parse_feed(rss(base, item(base, "g", "T", tags))).items
    assert choose_transcript(parsed.transcripts) == (parsed.transcripts[1], ".ttml")


@pytest.mark.parametrize("declared", ["application/vtt", "APPLICATION/VTT", "text/vtt; charset=utf-8"])
def test_webvtt_labelled_as_an_application_type_is_read_as_webvtt(tmp_path: Path, server: Server, declared: str) -> None:
    # Hosts write type="application/vtt" as they write application/x-subrip: the item was skipped, its type unread.
    base = server.url
    tags = (f'<podcast:transcript url="{base}/t/1.txt" type="text/plain; charset=utf-8"/>'
            f'<podcast:transcript url="{base}/t/1" type="{declared}"/>')  # fmt: skip
    server.routes["/feed.xml"] = Route(rss(base, item(base, "g", "Captions", tags)), "application/rss+xml")
    server.routes["/t/1"] = Route(VTT, "application/octet-stream")
    server.routes["/t/1.txt"] = Route(b"Alexey: A plain text version of the show.\n", "text/plain")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    (added,) = sync(db)["feeds"][0]["items"]
    assert added["status"] == "added"
    episode = shown(db, added["episode_id"])
    assert episode["source_format"] == "webvtt"
    assert [(s["speaker"], s["start"]) for s in episode["segments"]] == [("Alexey", 0.5)]
    assert not server.requests("/t/1.txt")


def test_a_transcript_in_the_shows_language_wins_over_a_translations_richer_format() -> None:
    # The shape of the namespace's own example feed: English plain text beside Spanish captions.
    base = "https://example.org"
    tags = (f'<podcast:transcript url="{base}/es.vtt" type="text/vtt" language="es" rel="captions"/>'
            f'<podcast:transcript url="{base}/en.txt" type="text/plain"/>'
            f'<podcast:transcript url="{base}/en.srt" type="application/x-subrip" language="en"/>')  # fmt: skip
    feed = rss(base, item(base, "g", "T", tags)).replace(b"<channel>", b"<channel><language>en-us</language>")
    show = parse_feed(feed)
    assert show.language == "en-us"
    (parsed,) = show.items
    chosen = choose_transcript(parsed.transcripts, show.language)
    assert chosen is not None and chosen[0].url == f"{base}/en.srt"
    # With no language to go by, the richest format wins, as before.
    assert choose_transcript(parsed.transcripts) == (parsed.transcripts[0], ".vtt")


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
    # An item tag broken open leaves feedparser an empty entry: no item to report as "skipped ''".
    with pytest.raises(FeedError, match="malformed XML"):
        parse_feed(b"<rss><channel><title>broken</title><item</channel></rss>")
    with pytest.raises(FeedError, match="entities"):
        parse_feed(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss version="2.0"></rss>')


def test_malformed_xml_is_reported_at_the_files_own_line() -> None:
    def line_of(data: bytes) -> str:
        with pytest.raises(FeedError) as refused:
            parse_feed(data)
        return str(refused.value)

    # A file of one line, with no XML declaration (feedparser writes one above it), breaks on its line 1.
    assert line_of(b"<rss><channel><title>x</channel>") == "malformed XML at line 1: mismatched tag"
    assert line_of(b"# Show notes\n\nNot a feed.") == "malformed XML at line 1: not well-formed (invalid token)"
    declared = b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</channel>'
    assert line_of(declared) == "malformed XML at line 3: mismatched tag"
    # Blank lines before the declaration (dropped to read the feed) are the file's lines all the same.
    assert line_of(b"\n\n" + declared) == "malformed XML at line 5: mismatched tag"
    # RSS 0.91's DOCTYPE over two lines, as Netscape's specification has feeds write it (feedparser drops it).
    netscape = (b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
                b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">\n<channel><title>x</channel>')
    assert line_of(netscape) == "malformed XML at line 5: mismatched tag"
    assert line_of(b"<opml version='2.0'><head/><body/></opml>") == "no <rss> or <feed> element: not an RSS or Atom feed"


def test_a_feed_from_the_web_names_no_files_and_each_link_it_does_not_read_is_said() -> None:
    base = "https://example.org/show/feed.xml"
    tags = ('<podcast:transcript url="file:///etc/passwd" type="text/plain"/>'
            '<podcast:transcript url="ftp://example.org/1.vtt" type="text/vtt"/>')  # fmt: skip
    (parsed,) = parse_feed(rss("https://example.org", item("https://example.org", "g", "T", tags)), base).items
    assert parsed.transcripts == []
    assert parsed.unfollowed == ["transcript file:///etc/passwd: not an http(s) link, so it is not read",
                                 "transcript ftp://example.org/1.vtt: not an http(s) link, so it is not read"]


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
    # The feed is unchanged, and its one transcript is asked again, conditionally: a 304 each.
    assert again["not_modified"] and again["counts"]["unchanged"] == 1
    assert [ask.get("if-none-match") for ask in server.requests("/t/1.json")] == [None, '"t1"']

    # The feed changes (a new item with no transcript); the known item and its transcript do not.
    base = server.url
    before = server.routes["/feed.xml"].body
    server.routes["/feed.xml"] = Route(before.replace(b"<item>", item(base, "ep-2", "Audio Only", "").encode() + b"<item>", 1),
                                       "application/rss+xml", etag='"f2"')  # fmt: skip
    changed = sync(db)["feeds"][0]
    by_guid = {i["guid"]: i for i in changed["items"]}
    assert by_guid["ep-1"]["status"] == "unchanged" and by_guid["ep-1"]["episode_id"] == first_id
    assert by_guid["ep-2"] == {"guid": "ep-2", "title": "Audio Only", "status": "skipped", "episode_id": None,
                               "reason": "no transcript; `podsift sync --transcribe` transcribes its audio"}  # fmt: skip
    assert server.requests("/t/1.json")[-1]["if-none-match"] == '"t1"'
    listed = json.loads(podsift("feed", "list", "--json", db=db).stdout)
    assert listed[0]["etag"] == '"f2"' and listed[0]["status"] == "ok"


def test_chapters_that_could_not_be_read_are_tried_again_when_the_feed_changes(backend_db: str, server: Server) -> None:
    """A chapters link that 404'd on the first sync was never fetched again: the episode kept no
    chapters after the file appeared and the feed changed, since the link itself had not."""
    feed = full_show(server)
    chapters = server.routes.pop("/c/1.json")
    podsift("feed", "add", feed, db=backend_db)
    episode_id = sync(backend_db)["feeds"][0]["items"][0]["episode_id"]
    assert shown(backend_db, episode_id)["chapters"] == []
    # Unchanged feed, still no file: nothing is read or stored again.
    assert sync(backend_db)["feeds"][0]["counts"]["unchanged"] == 1
    # The feed changes (a new item) and the chapters are there now.
    server.routes["/c/1.json"] = chapters
    body = server.routes["/feed.xml"].body
    server.routes["/feed.xml"] = Route(body.replace(b"<item>", item(server.url, "ep-2", "Audio Only", "").encode() + b"<item>", 1),
                                       "application/rss+xml", etag='"f2"')  # fmt: skip
    again = {i["guid"]: i for i in sync(backend_db)["feeds"][0]["items"]}
    assert again["ep-1"]["status"] == "updated" and "chapters" in again["ep-1"]["reason"]
    assert [c["title"] for c in shown(backend_db, episode_id)["chapters"]] == ["Feature stores", "Career path"]
    # The report no longer says they could not be read.
    report = json.loads(podsift("report", episode_id, "--json", db=backend_db).stdout)
    assert not [r for r in report["repairs"] if r["kind"] == "chapters_unusable"], report
    # Read once, they are not fetched again while the feed's details stay the same.
    asked = len(server.requests("/c/1.json"))
    server.routes["/feed.xml"] = Route(server.routes["/feed.xml"].body + b" ", "application/rss+xml", etag='"f3"')
    assert {i["guid"]: i for i in sync(backend_db)["feeds"][0]["items"]}["ep-1"]["status"] == "unchanged"
    assert len(server.requests("/c/1.json")) == asked


def test_an_episode_removed_from_the_archive_comes_back_with_the_next_sync(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    podsift("feed", "add", full_show(server), db=db)
    episode_id = sync(db)["feeds"][0]["items"][0]["episode_id"]
    said = podsift("remove", episode_id, db=db).stdout
    assert f"Removed {episode_id}" in said and "the next `podsift sync` adds it again" in said
    assert json.loads(podsift("episodes", "--json", db=db).stdout) == []
    # The feed has not changed (it would answer 304): it is read whole again, and the item is new.
    again = sync(db)["feeds"][0]
    assert again["counts"]["added"] == 1 and again["items"][0]["episode_id"] == episode_id
    assert shown(db, episode_id)["segments"]


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
    bad = {"/missing.xml": "HTTP 404", "/malformed.xml": "malformed XML", "/slow.xml": "timed out",
           "/error-page.xml": "an HTML page, not a feed"}  # fmt: skip
    for path in bad:  # each a feed when followed (`feed add` refuses what is none), broken since
        server.routes[path] = Route(rss(base, ""), "application/rss+xml")
        podsift("feed", "add", base + path, db=db)
    podsift("feed", "add", good, db=db)
    del server.routes["/missing.xml"]
    server.routes["/malformed.xml"] = Route(b"<rss version='2.0'><channel><title>Oops</chan", "application/rss+xml")
    server.routes["/slow.xml"] = Route(rss(base, ""), "application/rss+xml", delay=3)
    server.routes["/error-page.xml"] = Route(b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")

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


def test_a_transcript_that_cannot_be_read_is_passed_over_for_the_next_offered(tmp_path: Path, server: Server) -> None:
    # The Podcast Index spec's example item offers a text/plain transcript (gone) beside captions: the
    # whole item failed on the first. Hosts list two to four formats of one transcript.
    db = tmp_path / "podsift.db"
    base = server.url
    server.routes["/feed.xml"] = Route(rss(base, "".join([
        item(base, "a", "Plain Gone", f'<podcast:transcript url="{base}/t/gone.json" type="application/json"/>'
                                      f'<podcast:transcript url="{base}/t/login.vtt" type="text/vtt"/>'
                                      f'<podcast:transcript url="{base}/t/good.srt" type="application/srt"/>'),
        item(base, "b", "All Gone", f'<podcast:transcript url="{base}/t/gone.json" type="application/json"/>'
                                    f'<podcast:transcript url="{base}/t/gone.vtt" type="text/vtt"/>'),
    ])), "application/rss+xml")  # fmt: skip
    server.routes["/t/login.vtt"] = Route(b"<!doctype html><html><body>Log in</body></html>", "text/html")
    server.routes["/t/good.srt"] = Route(SRT, "application/x-subrip")
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    result = podsift("sync", *FAST, "--json", db=db, check=1)
    items = {i["guid"]: i for i in json.loads(result.stdout)["feeds"][0]["items"]}
    assert (items["a"]["status"], items["b"]["status"]) == ("added", "failed")
    assert shown(db, items["a"]["episode_id"])["speakers"] == ["Alexey"]
    report = podsift("report", items["a"]["episode_id"], db=db).stdout
    assert "gone.json: HTTP 404" in report and "an HTML page" in report and "good.srt" in report
    assert "gone.json" in items["b"]["reason"] and "gone.vtt" in items["b"]["reason"]  # each reason, one line


def test_the_transcript_an_episode_came_from_failing_for_a_while_keeps_the_episode(tmp_path: Path, server: Server) -> None:
    # Passing over a busy server's JSON for the item's SRT would remake the episode from the lesser file,
    # speakers lost, and remake it again once the JSON is back.
    db = tmp_path / "podsift.db"
    base = server.url
    server.routes["/feed.xml"] = Route(rss(base, item(base, "a", "Feature Stores", (
        f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>'
        f'<podcast:transcript url="{base}/t/1.srt" type="application/x-subrip"/>'))), "application/rss+xml")
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    server.routes["/t/1.srt"] = Route(SRT, "application/x-subrip")
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    added = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)["feeds"][0]["items"][0]
    server.routes["/t/1.json"] = Route(b"busy", "text/plain", status=503)
    again = json.loads(podsift("sync", *FAST, "--retries", "0", "--json", db=db, check=1).stdout)["feeds"][0]["items"][0]
    assert again["status"] == "failed" and "1.json" in again["reason"]
    assert shown(db, added["episode_id"])["speakers"] == ["Alexey", "Maria"]
    # Gone for good, it is passed over for the SRT, and the report says so.
    server.routes["/t/1.json"] = Route(b"gone", "text/plain", status=404)
    gone = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)["feeds"][0]["items"][0]
    assert gone["status"] == "updated" and shown(db, added["episode_id"])["speakers"] == ["Alexey"]


# Simplecast's and Libsyn's items (their shape): a line of itunes:summary, the full notes in
# content:encoded, and RedCircle's "Sprungmarken" (chapter marks), "(00:02:39) Title" a paragraph.
NOTES_ITEM = """<item><guid>n-1</guid><title>Bäume &amp; Straße</title>
<itunes:summary>Short line.</itunes:summary>
<content:encoded><![CDATA[<p>The full notes of the episode, with links and more.</p><h3>Sprungmarken</h3>
<p>(00:00:00) Feature stores</p><p>(00:01:00) Career path</p><p>(00:01:10) Pipelines</p>]]></content:encoded>
<enclosure url="{base}/a.mp3" type="audio/mpeg" length="1"/>
<podcast:transcript url="{base}/t/1.json" type="application/json"/></item>"""


def test_the_full_show_notes_and_their_chapter_list_are_read(tmp_path: Path, server: Server) -> None:
    # The stored notes were the one-line summary; the chapter list in the notes was never read.
    db = tmp_path / "podsift.db"
    base = server.url
    feed = rss(base, NOTES_ITEM.format(base=base)).replace(
        b'xmlns:podcast=', b'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast=')
    parsed = parse_feed(feed).items[0]
    assert parsed.description is not None and parsed.description.startswith("The full notes of the episode")
    assert parsed.listed_chapters == [(0.0, "Feature stores"), (60.0, "Career path"), (70.0, "Pipelines")]
    server.routes["/feed.xml"] = Route(feed, "application/rss+xml")
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    result = podsift("sync", *FAST, "--json", db=db)
    added = json.loads(result.stdout)["feeds"][0]["items"][0]
    # An id from the title's letters, accents taken off: "Bäume" was "b-ume".
    assert added["episode_id"].startswith("baume-strasse-")
    chapters = shown(db, added["episode_id"])["chapters"]
    assert [(c["title"], c["start"]) for c in chapters] == [("Feature stores", 0.0), ("Career path", 60.0),
                                                            ("Pipelines", 70.0)]
    # A title corrected in the notes' list: the notes were taken, the episode kept its old chapters.
    server.routes["/feed.xml"] = Route(feed.replace(b"Career path", b"Career paths"), "application/rss+xml")
    again = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)["feeds"][0]["items"][0]
    assert again["status"] == "updated"
    assert [c["title"] for c in shown(db, added["episode_id"])["chapters"]] == ["Feature stores", "Career paths",
                                                                               "Pipelines"]  # fmt: skip


@pytest.mark.parametrize("listed", ["psc", "podcast"])
@pytest.mark.parametrize("own", [False, True])
def test_chapters_the_feed_no_longer_lists_leave_the_episode(tmp_path: Path, server: Server, listed: str,
                                                             own: bool) -> None:  # fmt: skip
    # The show took the item's chapters out of its feed: every later sync kept the old ones.
    base = server.url
    chapters = ('<psc:chapters version="1.2"><psc:chapter start="00:00:00.000" title="Feature stores"/>'
                '<psc:chapter start="00:01:00.000" title="Career path"/></psc:chapters>' if listed == "psc" else
                f'<podcast:chapters url="{base}/c/1.json" type="application/json+chapters"/>')  # fmt: skip
    tags = f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>'
    feed = rss(base, item(base, "ep-1", "Feature Stores", tags, chapters)).replace(
        b"xmlns:podcast=", b'xmlns:psc="http://podlove.org/simple-chapters" xmlns:podcast=')
    transcript = dict(PODCAST_JSON, chapters=[{"startTime": 0, "title": "Welcome"},
                                              {"startTime": 65, "title": "Data engineering"}]) if own else PODCAST_JSON
    server.routes["/feed.xml"] = Route(feed, "application/rss+xml")
    server.routes["/t/1.json"] = Route(json.dumps(transcript).encode(), "application/json", etag='"t1"')
    server.routes["/c/1.json"] = Route(json.dumps(CHAPTERS).encode(), "application/json+chapters")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    (added,) = sync(db)["feeds"][0]["items"]
    assert [c["title"] for c in shown(db, added["episode_id"])["chapters"]] == ["Feature stores", "Career path"]
    server.routes["/feed.xml"] = Route(feed.replace(chapters.encode(), b""), "application/rss+xml")
    (again,) = sync(db)["feeds"][0]["items"]
    assert (again["status"], again["episode_id"]) == ("updated", added["episode_id"])
    episode = shown(db, added["episode_id"])
    # The transcript's own chapters where it has any; else none (chapters are not generated here).
    assert [c["title"] for c in episode["chapters"]] == (["Welcome", "Data engineering"] if own else [])
    with open_store(db) as store:
        stored = store.get_episode(added["episode_id"])
    assert stored is not None and not [r for r in stored.repairs if r.kind == "chapters"]


def test_a_decimal_episode_number_is_kept_as_written(tmp_path: Path, server: Server) -> None:
    # The namespace allows "315.5" (a bonus between 315 and 316): it was read as no episode number at all.
    base = server.url
    bonus = item(base, "ep-b", "Bonus", f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>',
                 "<podcast:episode>315.5</podcast:episode>").replace("<itunes:episode>7</itunes:episode>", "")
    server.routes["/feed.xml"] = Route(rss(base, bonus), "application/rss+xml")
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    (added,) = sync(db)["feeds"][0]["items"]
    episode = shown(db, added["episode_id"])
    # Episode numbers are whole numbers: the number as the feed wrote it is kept beside them.
    assert (episode["episode_number"], episode["extra"]["episode"]) == (None, "315.5")


@pytest.mark.parametrize(("tag", "number", "displayed", "itunes"), [
    ("<podcast:episode>7.5</podcast:episode>", None, "7.5", "7"),
    ('<podcast:episode display="Ch. 7a">7</podcast:episode>', 7, "Ch. 7a", None),
    ("<podcast:episode>8</podcast:episode>", 8, None, "7"),
], ids=["decimal", "display", "other"])
def test_the_podcast_episode_number_wins_over_the_itunes_one(tmp_path: Path, server: Server, tag: str,
                                                             number: int | None, displayed: str | None,
                                                             itunes: str | None) -> None:  # fmt: skip
    # Beside <itunes:episode>7</itunes:episode>, the namespace's richer number was dropped: the episode was 7.
    base = server.url
    tags = f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>'
    server.routes["/feed.xml"] = Route(rss(base, item(base, "ep-b", "Bonus", tags, tag)), "application/rss+xml")
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    (added,) = sync(db)["feeds"][0]["items"]
    episode = shown(db, added["episode_id"])
    # The number the show displays; the itunes one kept where it says another.
    assert (episode["episode_number"], episode["extra"].get("episode"), episode["extra"].get("itunes_episode")) == (
        number, displayed, itunes)


@pytest.mark.parametrize(("tag", "number", "displayed", "itunes"), [
    ("<podcast:episode>7.5</podcast:episode>", None, "7.5", "7"),
    # Its number and what the show displays for it (feedparser alone kept the display and lost the number).
    ('<podcast:episode display="Ch. 7a">7</podcast:episode>', 7, "Ch. 7a", None),
    ("<podcast:episode>8</podcast:episode>", 8, None, "7"),
], ids=["decimal", "display", "other"])
def test_the_podcast_episode_number_wins_in_a_feed_read_past_broken_markup(
    tag: str, number: int | None, displayed: str | None, itunes: str | None
) -> None:
    # An unclosed <br> in the notes sends the feed to the fallback reader, which read <itunes:episode> alone.
    data = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"
 xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Show</title>
<item><title>Bonus</title><guid>ep-b</guid><description>Notes<br></description>
<itunes:episode>7</itunes:episode>{tag}</item></channel></rss>""".encode()
    show = parse_feed(data)
    assert show.recovered  # read past the broken markup, not as XML
    (item,) = show.items
    assert (item.episode, item.episode_label, item.itunes_episode) == (number, displayed, itunes)


def test_a_feed_read_past_broken_markup_keeps_its_items_people_season_and_every_transcript() -> None:
    """Read past an unclosed <br> in the notes, an item kept one transcript of its three (the last
    written), no season, and of its people only the last one's name with no role; the item after the
    broken one kept its own. They are read from the markup as recovered now, as from a well-formed feed."""
    data = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title>
<podcast:person role="host">Ada Host</podcast:person>
<item><title>One</title><guid>ep-1</guid><description>Notes<br></description>
<podcast:season>2</podcast:season><podcast:person role="guest">Jane Doe</podcast:person>
<podcast:transcript url="https://example.com/1.vtt" type="text/vtt"/>
<podcast:transcript url="https://example.com/1.json" type="application/json"/>
<podcast:transcript url="https://example.com/1.srt" type="application/x-subrip"/></item>
<item><title>Two</title><guid>ep-2</guid><description>Fine</description>
<podcast:person role="guest">John Roe</podcast:person>
<podcast:transcript url="https://example.com/2.vtt" type="text/vtt"/></item>
</channel></rss>"""
    show = parse_feed(data)
    assert show.recovered  # an item missing from a feed read so would only be unreadable, not deleted
    one, two = show.items
    assert [t.url for t in one.transcripts] == [f"https://example.com/1.{k}" for k in ("vtt", "json", "srt")]
    assert [(p.name, p.role) for p in one.persons] == [("Jane Doe", "guest"), ("Ada Host", "host")]
    assert one.season == 2 and [(p.name, p.role) for p in two.persons] == [("John Roe", "guest"), ("Ada Host", "host")]
    assert [t.url for t in two.transcripts] == ["https://example.com/2.vtt"]


def test_a_feed_broken_in_its_own_notes_keeps_the_shows_host() -> None:
    # Recovered past an unclosed <br> in the channel's notes, the host named after them was lost from every
    # item; a live stream's people, found there too, stay its own.
    data = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title>
<description>About us<br>and our guests</description>
<podcast:person role="host">Ada Host</podcast:person>
<podcast:liveItem status="pending" start="2030-01-01T00:00:00Z"><title>Live</title>
<podcast:person role="cohost">Live Guest</podcast:person></podcast:liveItem>
<item><title>One</title><guid>ep-1</guid><podcast:person role="guest">Jane Doe</podcast:person>
<podcast:transcript url="https://example.com/1.vtt" type="text/vtt"/></item>
</channel></rss>"""
    (one,) = parse_feed(data).items
    assert [(p.name, p.role) for p in one.persons] == [("Jane Doe", "guest"), ("Ada Host", "host")]
    assert [t.url for t in one.transcripts] == ["https://example.com/1.vtt"]


def test_a_publishers_feed_with_broken_markup_is_still_told_as_one(tmp_path: Path, server: Server) -> None:
    # It was refused as "malformed XML", with no word of the shows to follow instead.
    publisher, reason = publisher_feed(server.url)
    broken = publisher.replace(b"<title>AgileSet Media</title>", b"<title>AgileSet Media<br></title>")
    server.routes["/publisher.xml"] = Route(broken, "application/rss+xml")
    refused = podsift("feed", "add", f"{server.url}/publisher.xml", db=tmp_path / "podsift.db", check=1)
    assert refused.stderr == f"podsift: error: {reason}\n"


def test_an_unbuilt_site_template_is_no_feed() -> None:
    # A Jekyll site's feed.xml as kept in its repository: "{{ site.title }}" was followed as a show.
    template = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>{{ site.title }}</title>
<link>{{ site.url }}</link>{% for post in site.posts %}<item><title>{{ post.title }}</title></item>{% endfor %}
</channel></rss>"""
    with pytest.raises(FeedError, match="unbuilt site template"):
        parse_feed(template)


def test_a_server_error_is_tried_again(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    server.routes["/flaky.xml"] = Route(b"busy", "text/plain", status=503)
    podsift("feed", "add", f"{server.url}/flaky.xml", db=db)
    asked = len(server.requests("/flaky.xml"))
    result = podsift("sync", *FAST, "--retries", "2", db=db, check=1)
    assert len(server.requests("/flaky.xml")) == asked + 3
    assert "HTTP 503" in result.stderr


def test_private_addresses_can_be_refused(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    podsift("feed", "add", full_show(server), db=db)
    server.log.clear()  # `feed add` read it from here; the sync asks nothing
    result = podsift("sync", *FAST, "--refuse-private", db=db, check=1)
    assert "private or local address" in result.stderr and not server.log


def test_sync_on_a_terminal_counts_the_feeds_episodes(tmp_path: Path, server: Server) -> None:
    import sys

    base = server.url
    items = "".join(item(base, f"ep-{k}", f"Episode {k}", f'<podcast:transcript url="{base}/t/{k}.vtt" type="text/vtt"/>')
                    for k in range(3))  # fmt: skip
    server.routes["/feed.xml"] = Route(rss(base, items), "application/rss+xml")
    for k in range(3):
        server.routes[f"/t/{k}.vtt"] = Route(VTT, "text/vtt")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    proc, drawn = on_terminal([sys.executable, "-m", "podsift", "--db", str(db), "sync", *FAST])
    assert proc.returncode == 0, proc.stdout
    assert b"episodes" in drawn and b"3/3" in drawn  # the second bar: the feed's episodes, one by one
    assert "3 added" in proc.stdout


def test_a_local_feed_file_is_followed(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    full_show(server)
    local = tmp_path / "show.xml"
    local.write_bytes(server.routes["/feed.xml"].body)
    podsift("feed", "add", str(local), db=db)
    assert sync(db)["feeds"][0]["counts"]["added"] == 1
    refused = podsift("feed", "add", "ftp://example.org/feed.xml", db=db, check=1)
    assert "only http(s)" in refused.stderr


def test_relative_links_in_a_feed_file_are_the_files_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "feedsrv"
    (folder / "c").mkdir(parents=True)
    (folder / "ep1.vtt").write_bytes(VTT)
    (folder / "c" / "1.json").write_text(json.dumps(CHAPTERS))
    tags = '<podcast:transcript url="ep1.vtt" type="text/vtt"/><podcast:chapters url="c/1.json" type="application/json+chapters"/>'
    (folder / "feed.xml").write_bytes(rss(".", item(".", "ep-1", "Vector search, again", tags)))  # audio ./audio/ep-1.mp3
    db = tmp_path / "podsift.db"
    podsift("feed", "add", str(folder / "feed.xml"), db=db)
    result = sync(db)
    assert result["feeds"][0]["counts"]["added"] == 1, result
    episode = shown(db, result["feeds"][0]["items"][0]["episode_id"])
    assert episode["segments"][0]["text"] == "A caption version of the show."
    assert [c["title"] for c in episode["chapters"]][:1] == ["Feature stores"]
    # The audio is a file too: kept as one, not as a link a page would try to play.
    assert episode["media_url"] is None and episode["extra"]["media_file"] == str(folder / "audio" / "ep-1.mp3")
    assert episode["extra"]["guid"] == "ep-1"


def test_a_feed_file_reads_no_file_outside_its_own_folder(tmp_path: Path) -> None:
    # A feed file from someone else must not make podsift store (and a server publish) any file of this machine.
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "creds.txt").write_text("supersecretvalue123 is the password\n")
    folder = tmp_path / "feedsrv"
    folder.mkdir()
    (folder / ".ssh").mkdir()
    (folder / ".ssh" / "id_ed25519").write_text("supersecretvalue123 private key\n")  # a feed saved in a home folder
    outside = [("../secret/creds.txt", "Up"), (f"file://{tmp_path / 'secret' / 'creds.txt'}", "Absolute"),
               (".ssh/id_ed25519", "Hidden")]
    items = [item(".", title, title, f'<podcast:transcript url="{link}" type="text/plain"/>') for link, title in outside]
    (folder / "feed.xml").write_bytes(rss(".", "".join(items)))
    db = tmp_path / "podsift.db"
    podsift("feed", "add", str(folder / "feed.xml"), db=db)
    by_title = {i["title"]: i for i in sync(db)["feeds"][0]["items"]}
    assert {i["status"] for i in by_title.values()} == {"skipped"}
    assert all("not an http(s) link or a file in the feed file’s folder" in i["reason"] for i in by_title.values())
    assert "no episodes" in podsift("search", "supersecretvalue123", "--mode", "lexical", db=db, check=1).stderr


def test_a_pipe_named_by_a_feed_file_is_refused_not_read_forever(tmp_path: Path) -> None:
    folder = tmp_path / "feedsrv"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")  # a tarball may carry one
    (folder / "feed.xml").write_bytes(rss(".", item(".", "p", "Piped", '<podcast:transcript url="fifo.txt" type="text/plain"/>')))
    db = tmp_path / "podsift.db"
    podsift("feed", "add", str(folder / "feed.xml"), db=db)
    (outcome,) = sync(db, check=1)["feeds"][0]["items"]
    assert outcome["status"] == "failed" and outcome["reason"].endswith("fifo.txt: not a regular file")


def test_a_transcript_link_that_cannot_be_read_is_named_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "feedsrv"
    folder.mkdir()
    items = [item(".", "gone", "Gone Missing", '<podcast:transcript url="ep2.vtt" type="text/vtt"/>'),
             item(".", "ftp", "Over FTP", '<podcast:transcript url="ftp://example.org/ep3.vtt" type="text/vtt"/>'),
             item(".", "odd", "Odd Type", '<podcast:transcript url="ep4.xyz" type="application/x-unknown"/>')]
    (folder / "feed.xml").write_bytes(rss(".", "".join(items)))
    db = tmp_path / "podsift.db"
    podsift("feed", "add", str(folder / "feed.xml"), db=db)
    by_title = {i["title"]: i for i in sync(db, check=1)["feeds"][0]["items"]}
    assert by_title["Gone Missing"]["status"] == "failed"
    assert by_title["Gone Missing"]["reason"] == f"transcript {folder / 'ep2.vtt'}: unreadable (No such file or directory)"
    assert by_title["Over FTP"]["status"] == "skipped"
    assert by_title["Over FTP"]["reason"] == "transcript ftp://example.org/ep3.vtt: not an http(s) link or a file in the feed file’s folder, so it is not read"
    assert by_title["Odd Type"]["reason"] == (f"transcript {folder / 'ep4.xyz'}: its type 'application/x-unknown' "
                                              "is not one podsift reads")  # fmt: skip


def test_feed_add_refuses_what_is_no_feed_in_one_line_and_stores_nothing(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    notes = tmp_path / "README.md"
    notes.write_text("# podsift\n\nSearch your podcasts.\n")
    outline = tmp_path / "subscriptions.opml"
    outline.write_text("<opml version='2.0'><head/><body/></opml>")
    server.routes["/page.xml"] = Route(b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
    # Served as XML, yet a page: the type was named as if it were the fault ("wrong content type: … (application/xml)").
    server.routes["/page-as-xml.xml"] = Route(b"<!DOCTYPE html><html><body>Sign in</body></html>", "application/xml")
    server.routes["/broken.xml"] = Route(b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>Oops</chan',
                                         "application/rss+xml")  # fmt: skip
    refusals = {
        str(notes): "not a podcast feed (malformed XML at line 1: not well-formed (invalid token))",
        str(outline): "not a podcast feed (no <rss> or <feed> element: not an RSS or Atom feed)",
        f"{server.url}/page.xml": "an HTML page, not a feed (served as text/html); not followed",
        f"{server.url}/page-as-xml.xml": "an HTML page, not a feed (served as application/xml); not followed",
        f"{server.url}/broken.xml": "not a podcast feed (malformed XML at line 3: unclosed token)",
        f"{server.url}/missing.xml": "HTTP 404 Not Found; not followed",
        f"{server.url}/moved.xml": "redirected to a link that is not http(s); not followed",
    }
    server.routes["/moved.xml"] = Route(b"", status=302, location="file:///etc/passwd")
    for location, reason in refusals.items():
        refused = podsift("feed", "add", location, db=db, check=1)
        assert refused.stderr == f"podsift: error: {location}: {reason}\n" and not refused.stdout
    assert not db.exists()  # nothing stored, not even an empty archive
    podsift("feed", "add", full_show(server), db=db)
    assert [f["url"] for f in json.loads(podsift("feed", "list", "--json", db=db).stdout)] == [f"{server.url}/feed.xml"]


def publisher_feed(base: str) -> tuple[bytes, str]:
    """A publisher feed (the namespace's publisher.md): no items, its two shows' feeds as remoteItems; and why
    it is refused."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>AgileSet Media</title><link>{base}/</link><podcast:medium>publisher</podcast:medium>
<podcast:guid>003af0a0-6a45-55cf-b765-68e3d349551a</podcast:guid>
<podcast:remoteItem feedGuid="9d7e1b2c-6a45-55cf-b765-68e3d349551b" feedUrl="{base}/shows/one.xml" medium="podcast"/>
<podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" medium="podcast"/>
</channel></rss>""".encode(), (
        f"{base}/publisher.xml: a publisher's feed (podcast:medium publisher) listing 2 shows, not a show; follow "
        f"their feeds instead: {base}/shows/one.xml, feedGuid 917393e3-1b1e-5cef-ace4-edaa54e1f810; not followed")


def test_a_publishers_list_of_feeds_is_refused_naming_the_feeds_to_follow(tmp_path: Path, server: Server) -> None:
    # It was followed, and every sync of it stored nothing without saying why.
    publisher, reason = publisher_feed(server.url)
    server.routes["/publisher.xml"] = Route(publisher, "application/rss+xml")
    db = tmp_path / "podsift.db"
    refused = podsift("feed", "add", f"{server.url}/publisher.xml", db=db, check=1)
    assert refused.stderr == f"podsift: error: {reason}\n"
    assert not db.exists()


def test_a_server_sending_a_byte_now_and_then_is_given_up_on(server: Server) -> None:
    # Each read arrives within the timeout, so only a deadline for the whole download ends the wait.
    from podsift.feeds.fetch import Fetcher, FetchError, FetchPolicy

    server.routes["/slow.xml"] = Route(b"<rss>" + b" " * 100 + b"</rss>", "application/rss+xml", stall_after=5)
    with Fetcher(FetchPolicy(retries=0, deadline=1.0)) as fetcher, pytest.raises(FetchError, match="within 1 s"):
        fetcher.get(f"{server.url}/slow.xml")


def test_a_feed_that_cannot_be_read_right_now_is_followed_with_a_warning(tmp_path: Path, server: Server) -> None:
    # Offline, or the host busy: the next sync may read it, so it is followed, and the user told why it was not read.
    db = tmp_path / "podsift.db"
    server.routes["/feed.xml"] = Route(b"busy", "text/plain", status=503)
    added = podsift("feed", "add", f"{server.url}/feed.xml", db=db)
    assert added.stderr == (f"podsift: warning: {server.url}/feed.xml: cannot be read right now (HTTP 503 Service "
                            "Unavailable); following it, `podsift sync` tries again\n")  # fmt: skip
    assert added.stdout.startswith(f"Following {server.url}/feed.xml")
    full_show(server)  # back
    assert sync(db)["feeds"][0]["counts"]["added"] == 1


def test_a_host_that_does_not_resolve_fails_its_items_at_once_with_the_name(tmp_path: Path) -> None:
    # Offline, or a host gone: a failed name lookup is not tried again, for this item or the next.
    base = "http://transcripts.podsift-test.invalid"  # .invalid never resolves
    items = "".join(item(base, f"ep-{k}", f"Episode {k}", f'<podcast:transcript url="{base}/t/{k}.vtt" type="text/vtt"/>')
                    for k in range(3))  # fmt: skip
    local = tmp_path / "show.xml"
    local.write_bytes(rss(base, items))
    db = tmp_path / "podsift.db"
    podsift("feed", "add", str(local), db=db)
    result = sync(db, "--retries", "3", check=1)
    reasons = [i["reason"] for i in result["feeds"][0]["items"]]
    host = "transcripts.podsift-test.invalid"
    assert reasons[0].startswith(f"transcript {base}/t/0.vtt: cannot resolve {host} (")
    assert "connection failed" not in reasons[0]
    assert reasons[1:] == [f"transcript {base}/t/{k}.vtt: cannot resolve {host} (as earlier in this run)" for k in (1, 2)]


def test_links_relative_to_the_feed_are_followed_from_where_the_feed_is(tmp_path: Path, server: Server) -> None:
    items = item("", "ep-1", "Feature Stores with Maria",
                 '<podcast:transcript url="t/1.json" type="application/json"/>'
                 '<podcast:chapters url="/c/1.json" type="application/json+chapters"/>')  # fmt: skip
    server.routes["/show/feed.xml"] = Route(rss("", items), "application/rss+xml")  # enclosure "/audio/ep-1.mp3"
    server.routes["/show/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    server.routes["/c/1.json"] = Route(json.dumps(CHAPTERS).encode(), "application/json+chapters")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{server.url}/show/feed.xml", db=db)
    result = sync(db)
    assert result["feeds"][0]["counts"]["added"] == 1, result
    episode = shown(db, result["feeds"][0]["items"][0]["episode_id"])
    assert episode["media_url"] == f"{server.url}/audio/ep-1.mp3"
    asked = [path for path, _ in server.log]
    assert "/show/t/1.json" in asked and "/c/1.json" in asked
    assert [c["title"] for c in episode["chapters"]][:1] == [CHAPTERS["chapters"][0]["title"]]


def test_two_feeds_with_one_title_stay_two_shows(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    base = server.url
    for name in ("a", "b"):
        tag = f'<podcast:transcript url="{base}/{name}.json" type="application/json"/>'
        server.routes[f"/{name}/feed.xml"] = Route(rss(base, item(base, f"{name}-1", f"Episode {name}", tag)),
                                                   "application/rss+xml")  # fmt: skip
        server.routes[f"/{name}.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
        podsift("feed", "add", f"{base}/{name}/feed.xml", db=db)
    sync(db)
    titles = {row["url"].split("/")[-2]: row["title"] for row in json.loads(podsift("feed", "list", "--json", db=db).stdout)}
    host = base.removeprefix("http://")
    assert sorted(titles.values()) == ["Data Talks", f"Data Talks ({host})"]
    with open_store(str(db)) as store:
        shows = {row.name: (row.episodes, row.feed_url) for row in store.shows()}
    assert shows == {title: (1, f"{base}/{name}/feed.xml") for name, title in titles.items()}

    # The names stay put: on the next sync, and after the feed that has the plain name is removed.
    first = next(name for name, title in titles.items() if title == "Data Talks")
    podsift("feed", "remove", f"{base}/{first}/feed.xml", db=db)
    sync(db)
    again = {row["url"].split("/")[-2]: row["title"] for row in json.loads(podsift("feed", "list", "--json", db=db).stdout)}
    assert again == {name: title for name, title in titles.items() if name != first}
    episodes = json.loads(podsift("episodes", "--json", db=db).stdout)
    assert sorted(shown(db, e["id"])["show"] for e in episodes) == sorted(titles.values())


def test_items_sharing_a_guid_each_keep_their_own_transcript(tmp_path: Path, server: Server) -> None:
    """A templated feed gives every item guid "1"; a re-post repeats its original entry."""
    db = tmp_path / "podsift.db"
    base = server.url
    entries = ""
    for n, (title, words) in enumerate([("Feature Stores", "feature stores keep training and serving alike"),
                                        ("Vector Search", "vector databases index embeddings for search")]):
        tag = f'<podcast:transcript url="{base}/t/{n}.srt" type="application/x-subrip"/>'
        entries += (f'<item><guid isPermaLink="false">1</guid><title>{title}</title>'
                    f'<enclosure url="{base}/audio/{n}.mp3" type="audio/mpeg" length="1"/>{tag}</item>')
        server.routes[f"/t/{n}.srt"] = Route(f"1\n00:00:01,000 --> 00:00:04,000\nAnna: So {words}.\n".encode(),
                                             "application/x-subrip")  # fmt: skip
    repost = entries[: entries.index("</item>") + len("</item>")]
    server.routes["/feed.xml"] = Route(rss(base, entries + repost), "application/rss+xml")
    podsift("feed", "add", f"{base}/feed.xml", db=db)

    items = sync(db)["feeds"][0]["items"]
    assert [(i["title"], i["status"]) for i in items] == [("Feature Stores", "added"), ("Vector Search", "added")]
    for outcome, words in zip(items, ("feature stores", "vector databases"), strict=True):
        assert words in shown(db, outcome["episode_id"])["segments"][0]["text"]
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 2

    again = sync(db)["feeds"][0]["items"]
    assert [(i["title"], i["status"]) for i in again] == [("Feature Stores", "unchanged"), ("Vector Search", "unchanged")]
    assert [i["episode_id"] for i in again] == [i["episode_id"] for i in items]


@pytest.mark.parametrize("same_guid", [False, True])
def test_a_transcript_two_feeds_list_becomes_one_episode(backend_db: str, server: Server, same_guid: bool) -> None:
    """A network's feed re-lists a show's episode, with its own guid or the show's, and the same transcript.
    With the show's guid (and title), the item's episode id was the show's episode's: the network's
    feed took it over ("updated"), and the episode moved to the network's show."""
    db = backend_db
    base = server.url
    tag = f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>'
    server.routes["/t/1.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    for name in ("show", "network"):
        guid = "ep-1" if same_guid else f"{name}-1"
        server.routes[f"/{name}.xml"] = Route(rss(base, item(base, guid, "Feature Stores", tag), title=name),
                                              "application/rss+xml")  # fmt: skip
        podsift("feed", "add", f"{base}/{name}.xml", db=db)

    result = podsift("sync", *FAST, "--json", db=db)
    (first,), (second,) = (feed["items"] for feed in json.loads(result.stdout)["feeds"])
    assert first["status"] == "added"
    assert second["status"] == "skipped" and first["episode_id"] in second["reason"]
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 1
    assert [feed["items"][0]["status"] for feed in sync(db)["feeds"]] == ["unchanged", "skipped"]
    assert shown(db, first["episode_id"])["show"] == "network"  # the feed synced first, by URL


# -- the feed tables, on both backends ------------------------------------------------------


def test_feeds_are_added_listed_and_removed(backend_db: str, server: Server) -> None:
    url = full_show(server)  # `feed add` reads it: served here, not asked of the internet
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
        second = FeedItemRow(url, "g1", "ep-1", "https://example.org/t.json", '"t2"', None, "def", details_hash="d1",
                             title="Episode One", gone_at="2026-11-30T18:00:00+00:00", transcript_type="application/json")
        store.save_feed_item(second)
        assert store.feed_items(url) == {"g1": second}
        assert store.remove_feed(url) and store.feed_items(url) == {}


# -- real feeds, written by others (tests/data/feeds/SOURCES.md) -------------------------------

PC20 = FEEDS / "podcasting20-pc20rss.xml"  # Podcasting 2.0, by Freedom Controller, 2021
MN_SHOW = FEEDS / "mike-neumann-show.xml"  # The Mike Neumann Show, by Sovereign Feeds, 2024
REAL = REPO / "tests" / "data" / "real"


def test_the_podcasting_2_0_shows_own_feed() -> None:
    show = parse_feed(PC20.read_bytes())
    assert (show.title, show.link) == ("Podcasting 2.0", "http://podcastindex.org")
    assert [(i.guid, i.title, i.date) for i in show.items] == [
        ("PC2057", "Episode 57: Rebel Rubes", "2021-10-08"),
        ("PC2056", "Episode 56: Rocket in your Pocket", "2021-10-01"),
        ("PC2055", "Episode 55: All Jacked Up", "2021-09-25"),
    ]
    first = show.items[0]
    assert first.enclosure_url == "https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3"
    assert [(p.name, p.role) for p in first.persons] == [
        ("Adam Curry", "host"), ("Dave Jones", "host"), ("Brian of London", "guest")]  # fmt: skip
    assert first.chapters_url == "http://34.117.70.159/http%3Amp3s.nashownotes.compc20rss.xml/PC2057"
    chosen = choose_transcript(first.transcripts)
    assert chosen is not None and chosen[0].url == "https://mp3s.nashownotes.com/PC20-57-Captions.srt"
    assert first.description is not None and first.description.startswith("Podcasting 2.0 for October 8th 2021")
    assert "<p>" not in first.description and "Adam & Dave discuss" in first.description
    # Episode ids come from the guids: the same on every sync, distinct per item.
    assert len({episode_id(i) for i in show.items}) == 3 and episode_id(first).startswith("episode-57-rebel-rubes-")


def test_a_sovereign_feeds_show_with_seasons_a_channel_host_and_two_transcript_types() -> None:
    show = parse_feed(MN_SHOW.read_bytes())
    assert show.title == "The Mike Neumann Show"
    first, second, third = show.items
    assert (first.guid, first.title, first.date) == ("ab86b7b7-79e2-43f4-9f58-8d2584b103ec", "Social Media", "2024-09-14")
    assert (first.season, first.episode, second.season, second.episode) == (1, 54, 2, 53)
    # <podcast:episode display="Social Media">54</podcast:episode>: what the show shows for the number.
    assert (first.episode_label, first.itunes_episode) == ("Social Media", None)
    assert first.enclosure_url is not None and first.enclosure_url.endswith("/themnshow054-20240914-FINAL.mp3")
    # The guest is the item's; the host is named once, on the channel, for every episode.
    assert [(p.name, p.role) for p in first.persons] == [("Dr. Timothy M. Jurgensen", "guest"), ("Mike Neumann", "host")]
    assert first.chapters_url == "https://mikeneumann.show/assets/static/themnshow054-20240914-DRAFT-chapters.json"
    # Episode 50 lists SubRip, then WebVTT: WebVTT is read.
    assert [t.type for t in third.transcripts] == ["application/x-subrip", "text/vtt"]
    chosen = choose_transcript(third.transcripts)
    assert chosen is not None and chosen[0].url.endswith("-DRAFT-transcript.vtt") and chosen[0].language == "EN"


def test_a_real_feed_syncs_end_to_end_into_searchable_episodes(backend_db: str, server: Server) -> None:
    # The served copy points the show's transcripts and chapters at this server; the rest is as published.
    base = server.url
    feed = MN_SHOW.read_bytes().replace(b"https://mikeneumann.show/assets/static/", f"{base}/static/".encode())
    server.routes["/themnshow.xml"] = Route(feed, "application/rss+xml", etag='"mn1"')
    for number, date in (("054", "20240914"), ("053", "20240824"), ("050", "20240622")):
        server.routes[f"/static/themnshow{number}-{date}-DRAFT-transcript.srt"] = Route(
            (REAL / "whisper-radio.srt").read_bytes(), "application/x-subrip")
    server.routes["/static/themnshow050-20240622-DRAFT-transcript.vtt"] = Route(
        (REAL / "zoom-caleob-plc.vtt").read_bytes(), "text/vtt")
    server.routes["/static/themnshow054-20240914-DRAFT-chapters.json"] = Route(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Conversation"}, {"startTime": 19, "title": "Vocabulary"}]}).encode(),
        "application/json+chapters")  # fmt: skip
    podsift("feed", "add", f"{base}/themnshow.xml", db=backend_db)
    result = podsift("sync", *FAST, db=backend_db)
    assert "The Mike Neumann Show: 3 added, 0 updated, 0 unchanged, 0 skipped, 0 failed" in result.stdout
    assert not server.requests("/static/themnshow050-20240622-DRAFT-transcript.srt")  # the WebVTT was read instead

    episodes = {e["title"]: e for e in json.loads(podsift("episodes", "--json", db=backend_db).stdout)}
    assert sorted(episodes) == ["Community", "Resilience", "Social Media"]
    social = shown(backend_db, episodes["Social Media"]["id"])
    assert (social["show"], social["date"], social["season"], social["episode_number"]) == ("The Mike Neumann Show", "2024-09-14", 1, 54)
    assert social["guests"] == ["Dr. Timothy M. Jurgensen"] and social["extra"]["hosts"] == ["Mike Neumann"]
    assert social["extra"]["guid"] == "ab86b7b7-79e2-43f4-9f58-8d2584b103ec"
    assert [c["title"] for c in social["chapters"]] == ["Conversation", "Vocabulary"]
    resilience = shown(backend_db, episodes["Resilience"]["id"])
    assert resilience["speakers"] == ["Caleob King"] and resilience["source_path"].endswith(".vtt")

    hits = json.loads(podsift("search", "dimensional analysis", "--mode", "lexical", "--json", db=backend_db).stdout)
    top = hits["results"][0]
    assert top["episode_id"] == episodes["Resilience"]["id"]
    assert top["url"].startswith("https://op3.dev/e,pg=7a2d292c-8656-5fcf-88d2-31b10e54d7c7/mikeneumann.show/assets/"
                                 "static/themnshow050-20240622-FINAL.mp3#t=")  # fmt: skip
    again = podsift("sync", *FAST, db=backend_db)
    assert "The Mike Neumann Show: not modified (3 transcripts unchanged)" in again.stdout


def test_an_unchanged_feed_with_one_transcript_says_so_in_the_singular(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    podsift("feed", "add", full_show(server), db=db)
    podsift("sync", *FAST, db=db)
    again = podsift("sync", *FAST, db=db)
    assert again.stdout.splitlines()[0] == "Data Talks: not modified (1 transcript unchanged)"


def test_a_feed_with_one_broken_entity_syncs_every_item_with_its_hosts(tmp_path: Path, server: Server) -> None:
    # No Agenda's feed, served with its captions pointed at this server; item 1374's notes hold "&gtgt;".
    base = server.url
    feed = (FEEDS / "no-agenda.xml").read_bytes().replace(b"https://mp3s.nashownotes.com/", f"{base}/na/".encode())
    server.routes["/na.xml"] = Route(feed, "application/rss+xml")
    for number in ("1393", "1392", "1374"):
        server.routes[f"/na/NA-{number}-Captions.srt"] = Route((REAL / "whisper-radio.srt").read_bytes(), "application/srt")
    db = tmp_path / "podsift.db"
    podsift("feed", "add", f"{base}/na.xml", db=db)
    (outcome,) = sync(db)["feeds"]
    assert outcome["counts"]["added"] == 3 and outcome["error"] is None
    episodes = {e["title"]: e for e in json.loads(podsift("episodes", "--json", db=db).stdout)}
    space = shown(db, episodes['1393: "Space Wake"']["id"])
    assert space["extra"]["hosts"] == ["Adam Curry", "John C Dvorak"] and space["date"] == "2021-10-24"


# -- a sync left running --------------------------------------------------------------------


def test_a_transcript_corrected_under_an_unchanged_feed_still_arrives(backend_db: str, server: Server) -> None:
    feed = full_show(server)
    podsift("feed", "add", feed, db=backend_db)
    first_id = sync(backend_db)["feeds"][0]["items"][0]["episode_id"]

    edited = json.loads(json.dumps(PODCAST_JSON))
    edited["segments"][2]["body"] = "Let us talk about your career in machine learning operations."
    server.routes["/t/1.json"] = Route(json.dumps(edited).encode(), "application/json", etag='"t2"')
    asked = len(server.requests("/feed.xml"))
    outcome = sync(backend_db)["feeds"][0]
    # The feed answered 304, then was read whole for the item's details; the transcript was fetched once.
    feed_asks = server.requests("/feed.xml")[asked:]
    assert [ask.get("if-none-match") for ask in feed_asks] == ['"f1"', None]
    assert [ask.get("if-none-match") for ask in server.requests("/t/1.json")] == [None, '"t1"']
    assert not outcome["not_modified"] and outcome["counts"]["updated"] == 1
    assert outcome["items"][0]["episode_id"] == first_id
    hits = json.loads(podsift("search", "machine learning operations", "--mode", "lexical", "--json", db=backend_db).stdout)
    assert hits["results"][0]["episode_id"] == first_id
    # Both are asked with the new validators next time, and nothing has changed.
    assert sync(backend_db)["feeds"][0]["not_modified"] and server.requests("/t/1.json")[-1]["if-none-match"] == '"t2"'


def test_edited_details_update_the_episode_without_reading_its_transcript_again(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    feed = full_show(server)
    podsift("feed", "add", feed, db=db)
    first = json.loads(podsift("sync", "--no-entities", "--json", db=db).stdout)
    episode_id_ = first["feeds"][0]["items"][0]["episode_id"]
    assert first["embedded"] > 1  # every moment, and the episode's profile
    moments_before = shown(db, episode_id_)["segments"]

    # The show renames the episode, dates it anew, rewrites its notes and credits another guest.
    route = server.routes["/feed.xml"]
    route.body = (route.body.replace(b"<title>Feature Stores with Maria</title>", b"<title>Feature Stores, Revisited</title>")
                  .replace(b"Tue, 03 Jan 2023", b"Thu, 05 Jan 2023").replace(b"Notes on", b"Corrected notes on")
                  .replace(b'<podcast:person role="guest">Maria Lopez</podcast:person>',
                           b'<podcast:person role="guest">Maria Lopez</podcast:person>'
                           b'<podcast:person role="guest">Sam Okafor</podcast:person>'))  # fmt: skip
    route.etag = '"f2"'
    second = json.loads(podsift("sync", "--no-entities", "--json", db=db).stdout)
    (item_outcome,) = second["feeds"][0]["items"]
    assert (item_outcome["status"], item_outcome["episode_id"], item_outcome["reason"]) == ("updated", episode_id_, DETAILS_CHANGED)
    assert server.requests("/t/1.json")[-1]["if-none-match"] == '"t1"'  # answered 304: the transcript was not read
    # Only the episode's profile (its title and notes) is embedded again; no moment is.
    assert second["embedded"] == 1

    episode = shown(db, episode_id_)
    assert (episode["title"], episode["date"], episode["guests"]) == ("Feature Stores, Revisited", "2023-01-05",
                                                                      ["Maria Lopez", "Sam Okafor"])  # fmt: skip
    assert episode["extra"]["description"] == "Corrected notes on Feature Stores with Maria."
    assert episode["segments"] == moments_before and [c["title"] for c in episode["chapters"]] == ["Feature stores", "Career path"]
    listed = json.loads(podsift("episodes", "--json", db=db).stdout)
    assert [e["title"] for e in listed] == ["Feature Stores, Revisited"]


def test_an_item_that_leaves_the_feed_keeps_its_episode_and_is_reported_once(backend_db: str, server: Server) -> None:
    base = server.url
    tags = {guid: f'<podcast:transcript url="{base}/t/{guid}.srt" type="application/x-subrip"/>' for guid in ("a", "b")}
    both = rss(base, item(base, "a", "Alpha Episode", tags["a"]) + item(base, "b", "Beta Episode", tags["b"]))
    server.routes["/feed.xml"] = Route(both, "application/rss+xml", etag='"f1"')
    server.routes["/t/a.srt"] = Route(SRT, "application/x-subrip")
    server.routes["/t/b.srt"] = Route(SRT.replace(b"A subtitle version", b"A bonus recording"), "application/x-subrip")
    podsift("feed", "add", f"{base}/feed.xml", db=backend_db)
    added = {i["guid"]: i["episode_id"] for i in sync(backend_db)["feeds"][0]["items"]}

    server.routes["/feed.xml"] = Route(rss(base, item(base, "a", "Alpha Episode", tags["a"])), "application/rss+xml",
                                       etag='"f2"')  # fmt: skip
    result = podsift("sync", *FAST, db=backend_db)
    assert "Data Talks: 0 added, 0 updated, 1 unchanged, 1 no longer in the feed, 0 skipped, 0 failed" in result.stdout
    assert f"  no longer in the feed: 'Beta Episode'; its episode {added['b']} stays" in result.stdout
    # Still the user's: listed, shown and found.
    assert shown(backend_db, added["b"])["title"] == "Beta Episode"
    hits = json.loads(podsift("search", "bonus recording", "--mode", "lexical", "--json", db=backend_db).stdout)
    assert hits["results"][0]["episode_id"] == added["b"]

    # Said once: the next sync of a changed feed does not report it again.
    server.routes["/feed.xml"].etag = '"f3"'
    again = sync(backend_db)["feeds"][0]
    assert again["counts"]["removed"] == 0 and [i["guid"] for i in again["items"]] == ["a"]
    # Back in the feed, it is the same episode, and leaving again is news again.
    server.routes["/feed.xml"] = Route(both, "application/rss+xml", etag='"f4"')
    back = {i["guid"]: i for i in sync(backend_db)["feeds"][0]["items"]}
    assert back["b"]["status"] == "unchanged" and back["b"]["episode_id"] == added["b"]
    server.routes["/feed.xml"] = Route(rss(base, item(base, "a", "Alpha Episode", tags["a"])), "application/rss+xml",
                                       etag='"f5"')  # fmt: skip
    gone = sync(backend_db)["feeds"][0]
    assert gone["counts"]["removed"] == 1
    assert gone["items"][-1] == {"guid": "b", "title": "Beta Episode", "status": "removed", "episode_id": added["b"],
                                 "reason": GONE}  # fmt: skip


def test_a_cut_off_feed_a_transcript_or_enclosure_over_the_size_cap_each_cost_only_themselves(
    tmp_path: Path, server: Server
) -> None:
    db = tmp_path / "podsift.db"
    base = server.url
    good = full_show(server)
    # A download cut short after its first item: read, it would hold one item and lose the rest.
    whole = rss(base, item(base, "t1", "Kept Whole", f'<podcast:transcript url="{base}/t/1.srt" type="application/x-subrip"/>')
                + item(base, "t2", "Cut Off", ""))  # fmt: skip
    server.routes["/cut.xml"] = Route(whole, "application/rss+xml")  # whole when followed; cut short below
    big = b"1\n00:00:00,500 --> 00:00:04,000\nAlexey: far too long.\n\n" * 400  # about 22 KB
    server.routes["/big.xml"] = Route(rss(base, "".join([
        item(base, "huge", "Huge Transcript", f'<podcast:transcript url="{base}/t/huge.srt" type="application/x-subrip"/>'),
        item(base, "loud", "Huge Audio", ""),
        item(base, "fine", "Fine Episode", f'<podcast:transcript url="{base}/t/1.srt" type="application/x-subrip"/>'),
    ]), title="Big Show"), "application/rss+xml")  # fmt: skip
    server.routes["/t/huge.srt"] = Route(big, "application/x-subrip")
    server.routes["/audio/loud.mp3"] = Route(b"\xff\xfb" * 20000, "audio/mpeg")
    for feed in (f"{base}/cut.xml", f"{base}/big.xml", good):
        podsift("feed", "add", feed, db=db)
    server.routes["/cut.xml"] = Route(whole[: whole.index(b"<item>", 200) + 40], "application/rss+xml")

    result = podsift("sync", *FAST, "--transcribe", "--max-size", "0.015", "--json", db=db, check=1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    (cut,) = [line for line in lines if f"{base}/cut.xml" in line]
    assert cut.startswith(f"podsift: error: {base}/cut.xml: malformed XML: truncated")
    (huge,) = [line for line in lines if "'Huge Transcript'" in line]
    (loud,) = [line for line in lines if "'Huge Audio'" in line]
    assert huge == (f"podsift: error: {base}/big.xml: item 'Huge Transcript': transcript {base}/t/huge.srt: "
                    "too large (over 0.0157 MB)")  # fmt: skip
    assert loud == f"podsift: error: {base}/big.xml: item 'Huge Audio': audio {base}/audio/loud.mp3: too large (over 0.0157 MB)"
    feeds = {f["url"]: f for f in json.loads(result.stdout)["feeds"]}
    assert feeds[f"{base}/cut.xml"]["error"].startswith("malformed XML: truncated") and not feeds[f"{base}/cut.xml"]["items"]
    assert feeds[f"{base}/big.xml"]["counts"] == {"added": 1, "updated": 0, "unchanged": 0, "removed": 0, "skipped": 0,
                                                  "failed": 2}  # fmt: skip
    assert feeds[good]["counts"]["added"] == 1
    # Nothing half-stored: one episode each from the two readable feeds, none from the cut one.
    assert sorted(e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)) == [
        "Feature Stores with Maria", "Fine Episode"]  # fmt: skip


def test_an_item_that_failed_is_tried_again_though_its_feed_has_not_changed(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    base = server.url
    server.routes["/feed.xml"] = Route(rss(base, item(base, "x", "Late Transcript",
        f'<podcast:transcript url="{base}/t/x.srt" type="application/x-subrip"/>')), "application/rss+xml",
        etag='"f1"')  # fmt: skip
    server.routes["/t/x.srt"] = Route(b"busy", "text/plain", status=503)
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    failed = podsift("sync", *FAST, "--retries", "0", "--json", db=db, check=1)
    assert json.loads(failed.stdout)["feeds"][0]["counts"]["failed"] == 1
    server.routes["/t/x.srt"] = Route(SRT, "application/x-subrip")
    # The feed would answer 304; it is read whole instead, for the item that failed.
    retried = sync(db)["feeds"][0]
    assert server.requests("/feed.xml")[-1].get("if-none-match") is None
    assert retried["counts"]["added"] == 1 and not retried["not_modified"]
    assert sync(db)["feeds"][0]["not_modified"]


def test_a_feed_that_hangs_mid_download_times_out_and_stores_nothing(tmp_path: Path, server: Server) -> None:
    db = tmp_path / "podsift.db"
    good = full_show(server)
    base = server.url
    body = rss(base, item(base, "h", "Half Sent", f'<podcast:transcript url="{base}/t/1.json" type="application/json"/>'),
               title="Hanging Show")  # fmt: skip
    server.routes["/hangs.xml"] = Route(body, "application/rss+xml")  # read whole when followed; it hangs since
    podsift("feed", "add", f"{base}/hangs.xml", db=db)
    podsift("feed", "add", good, db=db)
    server.routes["/hangs.xml"] = Route(body, "application/rss+xml", stall_after=len(body) // 2)
    result = podsift("sync", *FAST, "--timeout", "1", "--retries", "0", db=db, check=1)
    assert result.stderr.strip() == f"podsift: error: {base}/hangs.xml: timed out after 1 s"
    assert "Data Talks: 1 added" in result.stdout
    assert [e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)] == ["Feature Stores with Maria"]

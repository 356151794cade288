"""Real feeds by other people's software, as the feed reader must take them (see tests/data/feeds/SOURCES.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO, podsift
from test_feeds import FAST, PODCAST_JSON, SRT, Route, Server, server, shown, sync  # noqa: F401  (server is a fixture)

from podsift.feeds.parse import parse_feed
from podsift.feeds.sync import choose_transcript
from podsift.store import open_store

FEEDS = REPO / "tests" / "data" / "feeds"


def test_an_evening_episode_west_of_greenwich_keeps_its_own_day() -> None:
    # Fireside writes "Fri, 13 Dec 2019 20:00:00 -0600": in UTC that is already the 14th.
    show = parse_feed((FEEDS / "launched-fireside.xml").read_bytes())
    assert [(i.title, i.date) for i in show.items] == [
        ("Summer Break", "2021-05-18"), ("32: Overcast - Marco Arment", "2021-05-04"),
        ("Introducing: Launched", "2019-12-13")]  # fmt: skip
    assert [(p.name, p.role) for p in show.items[1].persons] == [("Charlie Chapman", "host")]
    assert show.items[1].duration == 7326


def test_written_dates_are_read_in_their_own_zone_and_slashed_days_are_not_misread() -> None:
    dates = ["2021-03-04T23:30:00-05:00", "Thu, 5 sep 2013 00:00:16 +0200", "2008/03/10",
             "Sunday, 03-Mar-2008 09:51:00 GMT", "Wed, 31 Feb 2021 10:00:00 GMT", "2021-03-04"]  # fmt: skip
    items = "".join(f"<item><guid>g{n}</guid><title>T{n}</title><pubDate>{d}</pubDate></item>" for n, d in enumerate(dates))
    show = parse_feed(f'<rss version="2.0"><channel><title>S</title>{items}</channel></rss>'.encode())
    assert [i.date for i in show.items] == ["2021-03-04", "2013-09-05", "2008-03-10", "2008-03-03", None, "2021-03-04"]


def test_durations_as_feed_templates_write_them() -> None:
    durations = ["45:00 min", "1,234", "1:02:03 hrs", "00:10:00", "3600", "1h 2m", "about an hour"]
    items = "".join(f"<item><guid>g{n}</guid><title>T{n}</title><itunes:duration>{d}</itunes:duration></item>"
                    for n, d in enumerate(durations))  # fmt: skip
    show = parse_feed(f'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
                      f"<channel><title>S</title>{items}</channel></rss>".encode())  # fmt: skip
    assert [i.duration for i in show.items] == [2700.0, 1234.0, 3723.0, 600.0, 3600.0, 3720.0, None]


def test_a_feed_with_a_blank_line_before_its_xml_declaration_is_read_whole() -> None:
    # Acast's feed starts with a newline: strictly that is not XML, and a feed read past broken markup
    # never reports its departed items, as any of them might only have been unreadable.
    data = (FEEDS / "sentimental-garbage-acast.xml").read_bytes()
    assert data.startswith(b"\n<?xml")
    show = parse_feed(data)
    assert not show.recovered
    assert [(i.title, i.date, i.season, i.episode) for i in show.items] == [
        ("Barbie with Jen Cownie", "2023-08-05", 10, 29),
        ("Caroline on the Straight Up podcast! (& news!)", "2023-07-06", 10, 28),
        ("Sentimental Garbage: The Trailer", "2018-11-27", 1, None)]  # fmt: skip


def test_one_undefined_entity_in_show_notes_costs_no_item_its_people_or_transcript() -> None:
    # Item 1374's notes hold "&lt;/p&gtgt;": the strict XML reader stops there, for the whole document.
    show = parse_feed((FEEDS / "no-agenda.xml").read_bytes())
    assert not show.recovered
    first, second, third = show.items
    assert [(p.name, p.role) for p in first.persons] == [("Adam Curry", "host"), ("John C Dvorak", "host")]
    assert [(p.name, p.role) for p in second.persons] == [("Adam Curry", "host"), ("John C Dvorak", "host")]
    chosen = choose_transcript(third.transcripts)
    assert chosen is not None and chosen[0].url == "https://mp3s.nashownotes.com/NA-1374-Captions.srt"
    assert third.chapters_url is not None and third.chapters_url.endswith("http:1374.noagendanotes.com")


def test_an_item_titled_only_by_itunes_title_keeps_its_title() -> None:
    # Apple's sample feed: the trailer has <itunes:title> and no <title>.
    show = parse_feed((FEEDS / "apple-sample-koel.xml").read_bytes())
    assert [(i.title, i.date, i.season, i.episode, i.duration) for i in show.items] == [
        ("Hiking Treks Trailer", "2019-01-08", None, None, 1079),
        ("S02 EP04 Mt. Hood, Oregon", "2019-05-07", 2, 4, 1024)]  # fmt: skip


def test_podcast_tags_under_an_undeclared_prefix_are_read() -> None:
    # Reproduces the shape of a feed that uses the podcast: and itunes: prefixes without declaring them.
    data = b"""<rss><channel><title>Podcast</title><item><title>Episode</title>
<itunes:episodeType>trailer</itunes:episodeType><enclosure url="http://example.org/example.mp3"/>
<podcast:person role="host" href="http://www.example.com" group="Cast">John Doe</podcast:person>
<podcast:person role="guest">Stephanie Smith</podcast:person>
<podcast:transcript type="text/vtt" url="https://example.com/1/transcript.vtt"/>
<podcast:transcript type="text/plain" url="https://example.com/1/transcript.txt"/>
</item></channel></rss>"""
    (item,) = parse_feed(data).items
    assert [(p.name, p.role) for p in item.persons] == [("John Doe", "host"), ("Stephanie Smith", "guest")]
    assert [t.type for t in item.transcripts] == ["text/vtt", "text/plain"]


def test_a_live_item_in_the_channel_does_not_rename_the_show() -> None:
    # Podverse's test feed announces four live streams (<podcast:liveItem>, each with its own title and
    # artwork) above its items: the show was filed as "Live Audio", the last stream's title.
    show = parse_feed((FEEDS / "podverse-live-items.xml").read_bytes())
    assert (show.title, show.image) == ("Podverse - Test Feed", "https://podverse.fm/images/android-chrome-512x512.png")
    assert [i.title for i in show.items] == ["Podcasting 2.0 Dev Meeting for May 28 2022", "Test Episode 4",
                                             "Test Episode 1"]  # fmt: skip
    assert [(p.name, p.role) for p in show.items[0].persons] == [("Brian of London", "host")]


def test_a_feed_that_moves_keeps_its_episodes_when_its_guids_are_bare_ids(tmp_path: Path,
                                                                           server: Server) -> None:  # noqa: F811
    # NPR writes each guid as a bare id, "<guid>5b88529b-…</guid>", not marked isPermaLink="false": read as a link
    # relative to the feed's address, it changed when the feed moved, and every episode left the feed as a new one
    # came in under the old one's transcript.
    show = parse_feed((FEEDS / "planet-money-npr.xml").read_bytes(), "https://feeds.npr.org/510289/podcast.xml")
    assert [i.guid for i in show.items] == ["5b88529b-fed8-4562-8312-61e4b24b0451", "4f7be7a9-09f8-4754-8393-52cf6b2de64f"]

    feed = f"""<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Planet Money</title>
<item><title>#980: The Fed Fights The Virus</title><guid>5b88529b-fed8-4562-8312-61e4b24b0451</guid>
<pubDate>Mon, 16 Mar 2020 19:08:24 -0400</pubDate>
<podcast:transcript url="{server.url}/t/980.srt" type="application/x-subrip"/></item></channel></rss>""".encode()
    server.routes["/podcast.xml"] = Route(feed, "application/rss+xml")
    server.routes["/t/980.srt"] = Route(SRT, "application/x-subrip")
    db = tmp_path / "a.db"
    podsift("feed", "add", f"{server.url}/podcast.xml", db=db)
    assert "Planet Money: 1 added" in podsift("sync", *FAST, db=db).stdout
    # The host moves the feed and redirects its old address there.
    server.routes["/podcast.xml"] = Route(b"", status=301, location="/510289/podcast.xml")
    server.routes["/510289/podcast.xml"] = Route(feed, "application/rss+xml")
    said = podsift("sync", *FAST, db=db).stdout
    assert "Planet Money: 0 added, 0 updated, 1 unchanged, 0 skipped, 0 failed" in said, said


def test_an_archive_that_kept_bare_guids_as_links_keeps_their_episodes(backend_db: str,
                                                                       server: Server) -> None:  # noqa: F811
    # Synced before guids were kept as written, each of NPR's bare ids was stored as the link it was read as
    # ("https://feeds.npr.org/510289/5b88529b-…"): the next sync said every episode had left the feed and skipped
    # each item as sharing its old episode's transcript, on every sync after, so a corrected transcript never came.
    npr = (FEEDS / "planet-money-npr.xml").read_text().replace("<rss ", '<rss xmlns:podcast="https://podcastindex.org/namespace/1.0" ', 1)
    guids = re.findall(r"<guid>([^<]+)</guid>", npr)
    for n, guid in enumerate(guids):
        server.routes[f"/t/{n}.srt"] = Route(SRT.replace(b"subtitle", f"subtitle {n}".encode()), "application/x-subrip")
        npr = npr.replace(f"<guid>{guid}</guid>", f'<guid>{guid}</guid>\n<podcast:transcript url="{server.url}/t/{n}.srt" '
                                                  'type="application/x-subrip"/>')  # fmt: skip
    url = f"{server.url}/510289/podcast.xml"
    # The archive as that podsift left it: the same feed, each item under the link its guid was read as.
    linked = npr
    for guid in guids:
        linked = linked.replace(f"<guid>{guid}</guid>", f"<guid>{server.url}/510289/{guid}</guid>")
    server.routes["/510289/podcast.xml"] = Route(linked.encode(), "application/rss+xml")
    podsift("feed", "add", url, db=backend_db)
    first = sync(backend_db)["feeds"][0]
    assert first["counts"]["added"] == 2
    episodes = {i["title"]: i["episode_id"] for i in first["items"]}

    server.routes["/510289/podcast.xml"] = Route(npr.encode(), "application/rss+xml")
    for _ in range(2):
        after = sync(backend_db)["feeds"][0]
        assert [(i["guid"], i["status"], i["episode_id"]) for i in after["items"]] == [
            (guid, "unchanged", episodes[title]) for guid, title in
            zip(guids, ["#980: The Fed Fights The Virus", "#979: Medicine For The Economy"])], after  # fmt: skip
        with open_store(backend_db) as store:
            assert sorted(store.feed_items(url)) == sorted(guids)


def test_podlove_simple_chapters_in_an_item_are_its_chapters(tmp_path: Path,
                                                             server: Server) -> None:  # noqa: F811
    """Podlove Publisher writes an item's chapters into the item itself (<psc:chapters>), as in Podlove's own test
    feed (podlove/podlove-subscribe-button-testsite, feed/index.php): they were not read, so the
    episode had only chapters podsift made up."""
    base = server.url
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:psc="http://podlove.org/simple-chapters"
 xmlns:podcast="https://podcastindex.org/namespace/1.0" version="2.0"><channel><title>Podlove Test</title>
<language>de-DE</language>
<item><title>PL001</title><link>http://podlove.org</link><pubDate>Mon, 02 Jun 2014 15:54:39 +0000</pubDate>
<guid isPermaLink="false">podlove-2014-06-02t13:38:56+00:00-a40dfb2cb46eb65</guid>
<psc:chapters version="1.2">
  <psc:chapter start="00:00:00.000" title="Intro" />
  <psc:chapter start="00:00:56.455" title="Vorstellung Stefan Brill" />
  <psc:chapter start="00:01:10.000" title="Elektrochemie und das Ohr" href="http://podlove.org" />
</psc:chapters>
<itunes:duration>04:09:15</itunes:duration>
<podcast:transcript url="{base}/t/pl001.json" type="application/json"/></item></channel></rss>""".encode()
    server.routes["/feed.xml"] = Route(feed, "application/rss+xml")
    server.routes["/t/pl001.json"] = Route(json.dumps(PODCAST_JSON).encode(), "application/json")
    db = tmp_path / "a.db"
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    (added,) = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)["feeds"][0]["items"]
    episode = shown(db, added["episode_id"])
    assert [(c["title"], c["start"]) for c in episode["chapters"]] == [
        ("Intro", 0.0), ("Vorstellung Stefan Brill", 56.455), ("Elektrochemie und das Ohr", 70.0)]  # fmt: skip
    # The show edits only its chapters: the stored episode kept the old ones.
    server.routes["/feed.xml"] = Route(feed.replace(b'title="Intro"', b'title="Begr\xc3\xbc\xc3\x9fung"'),
                                       "application/rss+xml")  # fmt: skip
    (again,) = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)["feeds"][0]["items"]
    assert (again["status"], again["episode_id"]) == ("updated", added["episode_id"])
    episode = shown(db, added["episode_id"])
    assert [c["title"] for c in episode["chapters"]] == [
        "Begrüßung", "Vorstellung Stefan Brill", "Elektrochemie und das Ohr"]  # fmt: skip
    with open_store(db) as store:
        stored = store.get_episode(added["episode_id"])
    assert stored is not None and [r.detail for r in stored.repairs if r.kind == "chapters"] == [
        "3 chapters from the item's Podlove chapters (psc:chapters)"]  # its report says it once

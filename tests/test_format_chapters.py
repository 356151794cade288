"""Chapter lists as text (NAME.chapters.txt): the shapes chapter tools write and people paste."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podsift.formats.chapters_file import chapter_lines, read_chapters
from podsift.model import Episode, Segment

REAL = Path(__file__).parent / "data" / "real"


def test_a_real_youtube_chapter_list_is_read_whole() -> None:
    # Written for a YouTube description by daveshap/YouTubeChapterGenerator (see SOURCES.md).
    timed = chapter_lines((REAL / "youtube-daveshap-chapters.txt").read_text(encoding="utf-8"))
    assert len(timed) == 10
    assert timed[0] == (0.0, "The impossibility of containing a superintelligence")
    assert timed[3] == (368.0, "The dangers of humans vs. superintelligences")
    assert timed[-1] == (1187.0, "The ethical implications of artificial intelligence")


def test_each_shape_of_chapter_list_gives_times_and_titles() -> None:
    shapes = {
        # mp4chaps' export, and Auphonic's with a link after the title
        "0:00:00.000 Intro\n0:02:20.420 Two minutes and twenty seconds, and then some\n":
            [(0.0, "Intro"), (140.42, "Two minutes and twenty seconds, and then some")],
        "00:00:00.000 Intro <https://example.com/a>\n01:02:03.500 Pricing: day rates\n":
            [(0.0, "Intro"), (3723.5, "Pricing: day rates")],
        # the title first, times in brackets, numbered lines, a dash or a bar between
        "Welcome  00:00:00\nAnother chapter (05:45)\n": [(0.0, "Welcome"), (345.0, "Another chapter")],
        "[00:00] Welcome\n1. 12:30 | Q&A\n": [(0.0, "Welcome"), (750.0, "Q&A")],
        # OGM pairs, as mkvmerge and mp4chaps write them
        "CHAPTER01=00:00:00.000\nCHAPTER01NAME=Intro\nCHAPTER02=00:05:10.500\nCHAPTER02NAME=Main part\n":
            [(0.0, "Intro"), (310.5, "Main part")],
        # ffmpeg's metadata file with a TIMEBASE other than milliseconds
        ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/90000\nSTART=900000\nEND=1800000\ntitle=Ten seconds in\n":
            [(10.0, "Ten seconds in")],
    }
    for text, expected in shapes.items():
        assert chapter_lines(text) == expected, text


def test_lines_that_are_no_chapters_give_none() -> None:
    # An audiobook joiner's list of files (m4b-joiner's chapters.txt): titles without times.
    assert chapter_lines("01_intro.mp3|Introduction\n02_chapter1.mp3|Chapter 1: The Beginning\n") == []
    assert chapter_lines(";FFMETADATA1\ntitle=No chapters here\n") == []
    episode = Episode(id="talk", segments=[Segment(0, 0.0, 5.0, None, "Hello."), Segment(1, 70.0, 75.0, None, "Bye.")])
    assert read_chapters(b"\xef\xbb\xbf00:00 Hello\n01:05 Goodbye\n", episode)[1].first_segment == 1


def test_podlove_chapters_list_beside_a_transcript_gives_its_chapters() -> None:
    # Podlove Web Player's simple chapters (podlove/podlove-web-player's fixtures, their shape): a bare
    # list of {"start": "HH:MM:SS.mmm", "title"}. It was "no chapters list".
    episode = Episode(id="x", segments=[Segment(0, 0.0, 40.0, None, "Hallo."), Segment(1, 43.5, 70.0, None, "Willkommen.")])
    data = json.dumps([{"start": "00:00:00.000", "title": "Intro", "href": "", "image": ""},
                       {"start": "00:00:43.137", "title": "Begrüßung", "href": "", "image": ""}])  # fmt: skip
    assert [(c.title, c.start, c.first_segment) for c in read_chapters(data, episode)] == [
        ("Intro", 0.0, 0), ("Begrüßung", 43.137, 1)]


@pytest.mark.parametrize("data", [
    {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 168, "title": "Hearing Aids"}]},
    [{"start": "00:00:00.000", "title": "Intro"}, {"start": "00:00:43.137", "title": "Begrüßung"}],
], ids=["podcasting-2.0", "podlove"])
def test_a_chapters_file_ingested_alone_is_refused_saying_where_it_goes(data: object) -> None:
    # The spec's own chapters example was refused as a transcript without "segments"; Podlove's list
    # became an episode with nothing in it.
    from podsift.ingest import parse_source

    result = parse_source("episode.json", json.dumps(data).encode())
    assert isinstance(result, str) and "a chapters file (2 chapters)" in result and ".chapters.json" in result


def test_a_transcript_list_with_titles_is_no_chapters_file() -> None:
    from podsift.ingest import parse_source

    data = [{"start": 0.0, "end": 4.0, "title": "Intro", "text": "Hello and welcome."},
            {"start": 4.0, "end": 9.0, "title": "Intro", "text": "Today we talk about boats."}]  # fmt: skip
    result = parse_source("episode.json", json.dumps(data).encode())
    assert not isinstance(result, str) and len(result.segments) == 2


# A show's timestamps file beside its transcript, in the shape Linus Tech Tips' WAN Show keeps one per episode.
WAN_TIMESTAMPS = """0:00:10 - [Headline Topic] Apple ends support for old phones
0:12:45 [SPONSOR] Squarespace
0:14:02 - Linus on the new studio
1:02:03 - Merch Messages
2:15:30 - Topic #3: Valve hardware leak
Video ends: 3:12:45
"""


@pytest.mark.parametrize(("name", "text", "count"), [
    ("2024-03-01_timestamps.md", WAN_TIMESTAMPS, 5),
    ("superintelligence.txt", (REAL / "youtube-daveshap-chapters.txt").read_text(encoding="utf-8"), 10),
    ("rust-talk.txt", "Chapters:\n00:00 Intro\n02:15 Why Rust\n10:40 Ownership and borrowing\n25:00 Q&A\n", 4),
], ids=["wan-show", "youtube-real", "youtube-headed"])
def test_a_chapter_list_ingested_alone_is_refused_saying_where_it_goes(name: str, text: str, count: int) -> None:
    # Each title was stored as a line said, "[SPONSOR]" became a speaker of the titles after it, and
    # "Video ends: 3:12:45" was words of the last one.
    from podsift.ingest import parse_source

    result = parse_source(name, text.encode())
    assert isinstance(result, str) and f"a chapter list ({count} chapters), not a transcript" in result
    # Each name a chapter list is read by beside its transcript, not .chapters.txt alone.
    assert ("name it EPISODE.chapters.txt, EPISODE_timestamps.md, EPISODE-timestamps.txt or EPISODE.timestamps.txt "
            "beside the episode's transcript") in result


def test_a_shows_length_under_its_chapters_is_no_chapter() -> None:
    timed = chapter_lines(WAN_TIMESTAMPS)
    assert timed[1] == (765.0, "[SPONSOR] Squarespace")
    assert timed[-1] == (8130.0, "Topic #3: Valve hardware leak")


def test_timed_short_lines_of_a_transcript_are_no_chapter_list() -> None:
    from podsift.ingest import parse_source

    lines = ["00:00 Welcome back", "00:04 Thanks for having me", "00:09 So tell me about Rust", "00:15 Where to begin"]
    result = parse_source("talk.txt", "\n".join(lines).encode())
    assert not isinstance(result, str) and len(result.segments) == 4


def test_sparse_timed_turns_of_two_speakers_are_no_chapter_list() -> None:
    # short lines minutes apart, no full stops, but "Host:" and "Guest:" take turns: a transcript
    from podsift.ingest import parse_source

    lines = ["00:00 Host: Welcome to the show", "01:10 Guest: Thanks for having me",
             "02:30 Host: So tell me about gardens", "03:40 Guest: Well it all starts with soil"]
    result = parse_source("garden.txt", "\n".join(lines).encode())
    assert not isinstance(result, str), result
    assert [s.speaker for s in result.segments] == ["Host", "Guest", "Host", "Guest"]


BULLETED = {
    "dashes": "- 00:00 Intro\n- 02:15 Why Rust\n- 10:40 Ownership and borrowing\n",
    "stars": "* 00:00 – Intro\n* 02:15 – Why Rust\n* 10:40 – Ownership and borrowing\n",
    "dots": "Timestamps:\n• 0:00 Intro\n• 2:15 Why Rust\n• 10:40 Ownership and borrowing\n",
    "table": "| 00:00 | Intro |\n| 02:15 | Why Rust |\n| 10:40 | Ownership and borrowing |\n",  # a headerless Markdown table
}


@pytest.mark.parametrize("text", BULLETED.values(), ids=BULLETED.keys())
def test_a_bulleted_chapter_list_is_read_as_the_plain_one(text: str) -> None:
    # A bullet before each time: the file beside a transcript gave no chapters, and ingested alone
    # its titles were stored as lines said; show notes listing them so gave the episode none.
    from podsift.feeds.parse import parse_feed
    from podsift.ingest import parse_source

    titles = ["Intro", "Why Rust", "Ownership and borrowing"]
    episode = Episode(id="talk", segments=[Segment(n, start, start + 5, None, "Words.")
                                           for n, start in enumerate([0.0, 135.0, 640.0])])  # fmt: skip
    assert [(c.title, c.first_segment) for c in read_chapters(text, episode)] == list(zip(titles, range(3)))
    result = parse_source("rust-talk.txt", text.encode())
    assert isinstance(result, str) and "a chapter list (3 chapters), not a transcript" in result
    feed = f"""<rss version="2.0"><channel><title>Show</title><item><guid>g</guid><title>Rust</title>
<description>{text}</description></item></channel></rss>""".encode()
    assert [title for _, title in parse_feed(feed).items[0].listed_chapters] == titles


def test_a_markdown_table_of_times_and_sentences_is_a_transcript_not_a_chapter_list() -> None:
    # Rows of a time and a title are refused as a chapter list (above); rows of sentences are speech.
    from podsift.ingest import parse_source

    result = parse_source("talk.md", b"| 0:00 | Welcome to the show. |\n| 4:12 | Thanks for having me. |\n| 15:30 | Let us begin. |\n")
    assert not isinstance(result, str), result
    assert [(s.start, s.text) for s in result.segments] == [
        (0.0, "Welcome to the show."), (252.0, "Thanks for having me."), (930.0, "Let us begin.")]  # fmt: skip


@pytest.mark.parametrize("lines", [
    ["- 00:01 Ann: hello there, welcome to the show", "- 00:05 Bob: thanks for having me",
     "- 00:09 Ann: so tell me about pricing", "- 00:15 Bob: well it depends on the client"],
    ["* 00:00 Host: Welcome to the show", "* 01:10 Guest: Thanks for having me",
     "* 02:30 Host: So tell me about gardens", "* 03:40 Guest: Well it all starts with soil"],
], ids=["close", "sparse"])
def test_bulleted_timed_turns_are_a_transcript_not_a_chapter_list(lines: list[str]) -> None:
    from podsift.ingest import parse_source

    result = parse_source("talk.txt", "\n".join(lines).encode())
    assert not isinstance(result, str), result
    assert len(result.segments) == 4 and result.segments[1].speaker in ("Bob", "Guest")

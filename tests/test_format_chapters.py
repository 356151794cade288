"""Chapter lists as text (NAME.chapters.txt): the shapes chapter tools write and people paste."""

from __future__ import annotations

from pathlib import Path

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

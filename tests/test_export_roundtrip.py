"""Export then re-import: VTT, SRT, JSON and Markdown give back the same timeline; Markdown reads well."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DEMO, PODCAST_NAMESPACE

from podsift import formats
from podsift.formats import markdown
from podsift.model import Chapter, Episode

SOURCES = [
    (DEMO / "vector-search-basics.vtt", "webvtt"),
    (DEMO / "freelancing-in-data.srt", "srt"),
    (DEMO / "career-switch.json", "podcast_json"),
    (PODCAST_NAMESPACE / "example.vtt", "webvtt"),
    (PODCAST_NAMESPACE / "example.srt", "srt"),
    (PODCAST_NAMESPACE / "example.json", "podcast_json"),
    (PODCAST_NAMESPACE / "example.html", "podcast_html"),
]
IDS = [path.name for path, _ in SOURCES]


def read(path: Path, module_name: str) -> Episode:
    episode = Episode(id=path.stem, source_path=str(path))
    formats.load(module_name).parse(path.read_text(encoding="utf-8"), episode)
    episode.finish()
    return episode


def reparse(text: str, module_name: str) -> Episode:
    episode = Episode(id="again")
    formats.load(module_name).parse(text, episode)
    episode.finish()
    return episode


@pytest.mark.parametrize(("path", "module_name"), SOURCES, ids=IDS)
@pytest.mark.parametrize("export", ["vtt", "srt", "json"])
def test_round_trip(path: Path, module_name: str, export: str) -> None:
    original = read(path, module_name)
    assert original.segments
    text = formats.render(original, export)
    again = reparse(text, formats.EXPORT_FORMATS[export])
    assert again.repairs == []
    assert len(again.segments) == len(original.segments)
    for before, after in zip(original.segments, again.segments):
        assert (after.speaker, after.text, after.directions) == (before.speaker, before.text, before.directions)
        assert after.start == before.start
        if before.end is not None or export == "json":
            assert after.end == before.end
        else:
            # Captions must give every cue an end; an open end is closed at its start.
            assert after.end == before.start


@pytest.mark.parametrize(("path", "module_name"), SOURCES, ids=IDS)
def test_markdown_timeline(path: Path, module_name: str) -> None:
    episode = read(path, module_name)
    md = formats.render(episode, "md")
    assert f"\n---\n\n# {episode.title or episode.id}\n" in md  # the facts' front matter, then the title
    first = episode.segments[0]
    assert f"**[{markdown.clock(first.start)}] {first.speaker}:** " in md
    for speaker in episode.speakers:
        assert f"] {speaker}:**" in md
    assert md.count("**[") == len(episode.segments)


def test_markdown_chapters_directions_and_untimed_segments() -> None:
    episode = Episode(id="ep", title="Vector *search*", show="Signal & Noise", guests=["Priya"])
    episode.add_chapter("Intro", 0.0)
    episode.add_segment("Welcome back.", start=0.0, end=3.0, speaker="Maya")
    episode.add_segment("", start=3.0, end=4.0, speaker="Priya", directions=["[laughs]"])
    episode.add_chapter("Tools")
    episode.add_segment("Use snake_case names.", start=3725.0, speaker="Priya")
    episode.add_segment("An untimed aside.", speaker=None)
    assert markdown.render(episode) == (
        "---\n"
        "title: Vector *search*\n"
        "show: Signal & Noise\n"
        "guests:\n"
        "- Priya\n"
        "---\n\n"
        "# Vector \\*search\\*\n\n"
        "## Intro\n\n"
        "**[0:00:00] Maya:** Welcome back.\n\n"
        "**[0:00:03] Priya:** *[laughs]*\n\n"
        "## Tools\n\n"
        "**[1:02:05] Priya:** Use snake\\_case names.\n\n"
        "An untimed aside.\n"
    )


def test_json_export_keeps_title_and_chapters() -> None:
    episode = read(DEMO / "vector-search-basics.vtt", "webvtt")
    episode.title = "Vector search basics"
    episode.chapters.append(Chapter("Tools", 149.0, 10))
    data = json.loads(formats.render(episode, "json"))
    assert data["title"] == "Vector search basics"
    assert data["chapters"] == [{"title": "Tools", "startTime": 149, "firstSegment": 10}]
    again = reparse(json.dumps(data), "podcast_json")
    assert again.title == "Vector search basics"
    assert [(c.title, c.start, c.first_segment) for c in again.chapters] == [("Tools", 149.0, 10)]


def _all_formats_present() -> bool:
    return all(importlib.util.find_spec(f"podsift.formats.{name}") for name in formats.FORMAT_MODULES)


needs_all_formats = pytest.mark.skipif(not _all_formats_present(), reason="detect() needs every format module")


@needs_all_formats
@pytest.mark.parametrize(("path", "module_name"), SOURCES, ids=IDS)
def test_detect_picks_the_format(path: Path, module_name: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert formats.detect(text, path.name).NAME == module_name
    assert formats.detect(text).NAME == module_name  # the content alone is enough


@needs_all_formats
@pytest.mark.parametrize("export", ["vtt", "srt", "json"])
def test_detect_reads_our_own_exports(export: str) -> None:
    episode = read(PODCAST_NAMESPACE / "example.srt", "srt")
    text = formats.render(episode, export)
    assert formats.detect(text).NAME == formats.EXPORT_FORMATS[export]
    again = formats.parse(text, Episode(id="again"))
    assert [s.text for s in again.segments] == [s.text for s in episode.segments]


@needs_all_formats
@pytest.mark.parametrize(
    ("text", "module_name"),
    [
        ("\ufeff00:01.000 --> 00:04.500 align:start\r\n<v Maya>No header.\r\n", "webvtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nMaya: Hi.\n2\n00:00:02,500 --> 00:00:03,000\nJonas: Hi!\n", "srt"),
        ("1\n01:05,000 --> 01:07,500\nMaya: Minutes only.\n", "srt"),
        ("1\n00:00:01.000 --> 00:00:02.000\nMaya: Dots, but numbered.\n", "srt"),
        ('[{"speaker": "A", "startTime": 0, "body": "Hi."}]', "podcast_json"),
        ('{"version": "1.0.0", "segments": [{"speaker": "A", ', "podcast_json"),
        ("<cite>Kevin:</cite>\n<time>0:00</time>\n<p>Hello.</p>\n", "podcast_html"),
    ],
)
def test_detect_broken_files(text: str, module_name: str) -> None:
    assert formats.detect(text).NAME == module_name


DEMO_FILES = sorted(DEMO.iterdir())


def said(episode: Episode) -> list[tuple[str | None, str, list[str]]]:
    return [(s.speaker, s.text, s.directions) for s in episode.segments]


def facts(episode: Episode) -> tuple[object, ...]:
    """What a Markdown export says of the episode besides its title and timeline."""
    return (episode.show, episode.date, episode.guests, episode.duration, episode.season, episode.episode_number,
            episode.media_url, episode.page_url, episode.youtube_id)  # fmt: skip


def transcribed() -> Episode:
    """An episode as audio transcription leaves it: timed turns, no speaker, a length in milliseconds."""
    episode = Episode(id="talk", title="Talk", duration=7.101)
    episode.add_segment("The garden was full of bright yellow flowers.", start=0.0, end=3.2)
    episode.add_segment("My brother plays the guitar every Sunday morning.", start=3.2, end=7.1)
    return episode


def angled() -> Episode:
    """Words with angle brackets: tags said aloud or pasted, and a comparison."""
    episode = Episode(id="nasty", title="Nasty", duration=10.0)
    episode.add_segment("I think a --> b and <b>bold</b> & \"quotes\" matter.", start=0.0, end=4.0, speaker="Ann")
    episode.add_segment("Wrap it in a <div>, then x < y > z.", start=4.0, end=8.0, speaker="Bob")
    episode.add_segment("And just a <br> here.", start=8.0, end=10.0, speaker="Ann")
    return episode


def counted() -> Episode:
    """Words that open like Markdown's blocks: a number and a dot, a dash, a hash."""
    episode = Episode(id="counted", title="Counted", duration=9.0)
    episode.add_segment("1. Not a list, just counting aloud.", start=0.0, end=3.0, speaker="Ann")
    episode.add_segment("- and a dash to start.", start=3.0, end=6.0, speaker="Bob")
    episode.add_segment("# not a heading either.", start=6.0, end=9.0, speaker="Ann")
    return episode


def test_markdown_writes_the_length_in_one_shape() -> None:
    """A caption's length has milliseconds, a text's none: both are written H:MM:SS."""
    assert "\nduration: '0:00:07.101'\n" in markdown.render(transcribed())
    assert "\nduration: 0:00:10\n" in markdown.render(angled())


@needs_all_formats
@pytest.mark.parametrize("made", [transcribed, angled, counted], ids=["no-speaker", "angle-brackets", "block-openers"])
def test_markdown_round_trip_of_made_episodes(made: Callable[[], Episode]) -> None:
    """A timed turn with no name comes back timed (not estimated) with no speaker and no clock in its
    words; words with angle brackets come back as written."""
    original = made()
    original.finish()
    _markdown_round_trip(original)


@needs_all_formats
@pytest.mark.parametrize("path", DEMO_FILES, ids=[p.name for p in DEMO_FILES])
def test_markdown_round_trip(path: Path) -> None:
    """A Markdown export read back (its format found as ingest finds it) is the same episode: the
    words, speakers and starts (to the second it shows), title, show, date, guests, length and
    chapters. Its facts once stood in a line under the title, read back as a turn of speech."""
    original = formats.parse(path.read_text(encoding="utf-8"), Episode(id=path.stem, source_path=str(path)))
    original.finish()
    _markdown_round_trip(original)


def _markdown_round_trip(original: Episode) -> None:
    again = formats.parse(formats.render(original, "md"), Episode(id="again"))
    again.finish()
    assert said(again) == said(original)
    assert [s.start for s in again.segments] == [None if s.start is None else math.floor(s.start) for s in original.segments]
    assert (again.title, *facts(again)) == (original.title or original.id, *facts(original))
    assert [(c.title, c.first_segment) for c in again.chapters] == [(c.title, c.first_segment) for c in original.chapters]
    assert not [r for r in again.repairs if r.kind in ("untimed_text", "title_line", "page_markup", "inline_html")]
    assert not again.extra.get("times_estimated")


def test_a_turn_ending_or_opening_in_italics_keeps_its_words_whole() -> None:
    """The closing mark of a turn's last italics was taken for the label's bold ("ask. *" and a
    sound); a line all in bold still loses the marks around it."""
    text = ("**[0:00:13] Priya:** Ask away. *[laughs]*\n\n"
            "**[0:00:20] Maya:** *Really* anything?\n\n"
            "**[0:00:24] Priya: Anything.**\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="notes"))
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("Ask away.", ["[laughs]"]), ("Really anything?", []), ("Anything.", [])]


def test_srt_export_keeps_tags_and_arrows_in_words_as_words() -> None:
    """SubRip has no escapes: a raw "<b>" in a cue is set in bold by players, and a timing said in
    the words is a second timing line to a strict reader. The export keeps them words; read back,
    they are the words as said."""
    episode = angled()
    episode.add_segment("The file said 00:00:01,000 --> 00:00:02,000 and {\\an8} there.", start=10.0, end=12.0,
                        speaker="Bob")
    episode.finish()
    text = formats.render(episode, "srt")
    words = [line for line in text.split("\n") if line and not line.isdigit() and not line[0].isdigit()]
    assert len(words) == len(episode.segments)
    assert not [line for line in words if re.search(r"</?[A-Za-z]|-->|\{\\", line)]
    assert len(text.split("-->")) == len(episode.segments) + 1  # one arrow a cue: its timing line
    again = formats.parse(text, Episode(id="again"), "nasty.srt")
    assert said(again) == said(episode)
    assert [(s.start, s.end) for s in again.segments] == [(s.start, s.end) for s in episode.segments]

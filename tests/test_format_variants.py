"""The same transcript saved a little differently reads the same.

Real files reach podsift re-saved by editors, copied out of chat tools and passed between
systems: Windows line endings, a byte-order mark, a heading on top. Each test here takes
real transcripts, changes only that, and compares the parse with the original's.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from conftest import DEMO, REPO

from podsift.ingest import parse_source
from podsift.model import Episode

REAL = REPO / "tests" / "data" / "real"
_NOT_TEXT = {".pdf", ".docx", ".rtf", ".mp3"}  # documents and audio: no variant of them is text
# A chapter list alone is refused as no transcript: it has no reading to vary.
_NOT_TRANSCRIPTS = {"SOURCES.md", "youtube-daveshap-chapters.txt"}
TEXT_FILES = sorted(p for p in [*REAL.iterdir(), *DEMO.iterdir()] if p.suffix not in _NOT_TEXT and p.name not in _NOT_TRANSCRIPTS)


def read(name: str, data: bytes) -> Episode:
    episode = parse_source(name, data)
    assert isinstance(episode, Episode), episode
    return episode


def turns(episode: Episode) -> tuple[str | None, list[tuple[float | None, float | None, str | None, str]]]:
    return episode.source_format, [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


# "\r\r\n": a script that writes "\r\n" to a file opened in text mode on Windows saves this.
@pytest.mark.parametrize("ending", ["\r\n", "\r", "\r\r\n"], ids=["windows", "old-mac", "windows-doubled"])
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_line_endings_do_not_change_the_reading(path: Path, ending: str) -> None:
    original = read(str(path), path.read_bytes())
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    resaved = read(str(path), text.replace("\n", ending).encode("utf-8"))
    assert turns(resaved) == turns(original)


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_blank_lines_above_the_content_change_nothing(path: Path) -> None:
    # A page's front matter below a blank line was not seen, and its transcript lost.
    original = read(str(path), path.read_bytes())
    assert turns(read(str(path), ("\n\n" + text_of(path)).encode("utf-8"))) == turns(original)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_lines_of_spaces_between_blocks_read_as_blank_lines(path: Path) -> None:
    # Editors and scripts leave a space or a tab on the line between cues or paragraphs. A strict
    # caption reader (webvtt-py) took that line for the cue's words, and the next cue's number with it
    # ("…in and out 2 These next weeks"), and a NOTE block under it was read as speech.
    original = read(str(path), path.read_bytes())
    spaced = re.sub(r"(?m)^$", " \t", text_of(path))
    assert turns(read(str(path), spaced.encode("utf-8"))) == turns(original)


TRANSCRIBER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans audio_filename="show" version="1">
<Speakers><Speaker id="spk1" name="Ana"/><Speaker id="spk2" name="Ben"/></Speakers>
<Episode><Section type="report" startTime="0" endTime="9">
<Turn speaker="spk1" startTime="0" endTime="4"><Sync time="0"/>Welcome back to the show.</Turn>
<Turn speaker="spk2" startTime="4" endTime="9"><Sync time="4"/>Thanks for having me.</Turn>
</Section></Episode></Trans>
"""


def test_transcriber_xml_below_blank_lines_is_read() -> None:
    # The XML declaration must open a document, so the parser refused the file.
    original = read("show.trs", TRANSCRIBER.encode("utf-8"))
    assert turns(read("show.trs", ("\n\n" + TRANSCRIBER).encode("utf-8"))) == turns(original)
    assert len(original.segments) == 2


@pytest.mark.parametrize("language", ["", "json", "text"])
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_a_file_wrapped_in_one_code_fence_reads_as_what_it_holds(path: Path, language: str) -> None:
    # As a chat tool's copy button gives it; JSON so wrapped was read as plain text.
    original = read(str(path), path.read_bytes())
    fenced = read(str(path), f"```{language}\n{text_of(path).rstrip()}\n```\n".encode("utf-8"))
    assert turns(fenced) == turns(original)
    assert "code_fence" in {r.kind for r in fenced.repairs}


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_a_file_saved_as_one_json_string_reads_as_what_it_holds(path: Path) -> None:
    # A script's json.dumps of the transcript it made: it was read as one line of escaped text.
    original = read(str(path), path.read_bytes())
    quoted = read(str(path), json.dumps(text_of(path)).encode("utf-8"))
    assert turns(quoted) == turns(original)
    assert "json_string" in {r.kind for r in quoted.repairs}


# The shape of a generated interview page saved with json.dumps (ExoticMatter's transcripts):
# one line in quotes, its quotes escaped and its accents as \u escapes.
QUOTED_PAGE = json.dumps(
    '<p class="text-body"><span class="transcript-meta">[00:13] João:</span><br>Okay, so hello everyone. '
    "Welcome to Exotic Matter. Hi, Alex.</p>"
    '<p class="text-body"><span class="transcript-meta">[00:43] Alex James:</span><br>Thanks for having me.</p>'
    '<p class="text-body"><span class="transcript-meta">[00:45] João:</span><br>It\'s a pleasure.</p>'
)


def test_an_html_page_saved_as_one_json_string_keeps_its_speakers() -> None:
    # Read as the page it was, escapes and all: "Jo\u00e3o:" stayed in the words of Alex's turns.
    assert QUOTED_PAGE.startswith('"<p class=\\"text-body\\">') and "Jo\\u00e3o" in QUOTED_PAGE
    episode = read("Transcript - Alex James_formatted.html", QUOTED_PAGE.encode("utf-8"))
    assert turns(episode) == ("podcast_html", [
        (13.0, 43.0, "João", "Okay, so hello everyone. Welcome to Exotic Matter. Hi, Alex."),
        (43.0, 45.0, "Alex James", "Thanks for having me."),
        (45.0, None, "João", "It's a pleasure."),
    ])  # fmt: skip
    assert "json_string" in {r.kind for r in episode.repairs}


def test_a_line_in_plain_quotes_is_not_taken_for_a_json_string() -> None:
    episode = read("quote.txt", b'"We begin with the news."\n')
    assert "json_string" not in {r.kind for r in episode.repairs}
    assert episode.segments[0].text == '"We begin with the news."'


def test_markdown_with_several_code_blocks_is_not_unwrapped() -> None:
    text = "```\nfirst block\n```\n\nAna: words between\n\n```\nsecond block\n```\n"
    episode = read("notes.md", text.encode("utf-8"))
    assert "code_fence" not in {r.kind for r in episode.repairs}
    assert any("words between" in s.text for s in episode.segments)


CAPTIONS = [p for p in TEXT_FILES if p.suffix in (".vtt", ".srt", ".sbv")]


@pytest.mark.parametrize("footer", ["Transcribed by https://otter.ai", "Subtitles by the Amara.org community"])
@pytest.mark.parametrize("path", CAPTIONS, ids=lambda p: p.name)
def test_a_credit_below_the_last_caption_leaves_its_words(path: Path, footer: str) -> None:
    # Joined to the last cue as stray text, the credit made the whole cue a credit: its speech was dropped.
    original = read(str(path), path.read_bytes())
    credited = read(str(path), f"{text_of(path).rstrip()}\n\n{footer}\n".encode("utf-8"))
    assert turns(credited) == turns(original)


def test_a_one_cue_vtt_keeps_its_words_above_a_credit() -> None:
    vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Ana>Hello world.\n"
    original = read("short.vtt", vtt.encode("utf-8"))
    credited = read("short.vtt", (vtt + "\nTranscribed by https://otter.ai\n").encode("utf-8"))
    assert turns(credited) == turns(original)
    assert turns(original)[1]


def _whisper_tsv() -> str:
    # whisper's own --output_format tsv: milliseconds, one caption fragment a row
    words = ["So we started", "with the data,", "and then it grew.", "Next question:", "how did you scale?",
             "We did not, at first.", "It broke twice", "before we changed it."]
    rows = [f"{k * 2000}\t{k * 2000 + 1900}\t{w}" for k, w in enumerate(words)]
    return "start\tend\ttext\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("footer", ["\nTranscribed by https://otter.ai\n", "```\n", "\nEnd of transcript\n"])
def test_a_note_below_a_tsv_table_is_not_a_row(footer: str) -> None:
    # An untimed last row turned off the joining of fragments into sentences: every fragment
    # became its own segment.
    original = read("talk.tsv", _whisper_tsv().encode("utf-8"))
    noted = read("talk.tsv", (_whisper_tsv() + footer).encode("utf-8"))
    assert turns(noted) == turns(original)
    assert noted.extra["footer"]


def _transcript_panel() -> str:
    """Captions as YouTube's transcript panel copies them: a start time, then the words."""
    text = text_of(REAL / "youtube-daveshap-kg.sbv")
    blocks = []
    for block in text.strip().split("\n\n"):
        timing, _, words = block.partition("\n")
        h, m, s = timing.split(",")[0].split(":")
        seconds = int(h) * 3600 + int(m) * 60 + int(float(s))
        blocks.append(f"{seconds // 60}:{seconds % 60:02d}\n{' '.join(words.split())}")
    return "\n".join(blocks) + "\n"


@pytest.mark.parametrize("first", ["[Music]", "Knowledge Graphs, part two", "Transcript"])
def test_a_line_above_the_first_time_keeps_captions_joined(first: str) -> None:
    # Text above the first time line made every caption fragment a segment of its own.
    original = read("panel.txt", _transcript_panel().encode("utf-8"))
    assert original.source_format == "timestamped_blocks"
    headed = read("panel.txt", f"{first}\n{_transcript_panel()}".encode("utf-8"))
    assert turns(headed)[1][1:] == turns(original)[1]


SHOW_NOTES = """Adam talks with Damien Tanner about real-time voice agents.

**Links:**

- [Layercode](https://layercode.com)

**TRANSCRIPT BELOW:**

"""


@pytest.mark.parametrize("title", ["Transcript", "# Transcript", "## Transcript"])
def test_a_transcript_title_above_show_notes_leaves_them_notes(title: str) -> None:
    # The title was taken as the transcript marker, and the show notes under it as speech.
    text = SHOW_NOTES + text_of(REAL / "changelog-673.md")
    original = read("talk.md", text.encode("utf-8"))
    titled = read("talk.md", f"{title}\n\n{text}".encode("utf-8"))
    assert turns(titled) == turns(original)
    assert titled.extra["show_notes"].endswith(original.extra["show_notes"])


def _paragraph_lines() -> str:
    """A transcript one paragraph a line, as many editors save it: the real changelog episode's turns."""
    text = text_of(REAL / "changelog-673.md")
    return "\n".join(p.strip() for p in text.split("\n\n") if p.strip()) + "\n"


@pytest.mark.parametrize("title, footer", [("Talking Shop with Damien Tanner\n\n", ""),
                                           ("", "\nTranscribed by https://otter.ai\n"),
                                           ("", "\nThis transcript was generated automatically.\n")])
def test_a_title_or_footer_line_leaves_one_paragraph_a_line(title: str, footer: str) -> None:
    # The blank line under a title made the whole transcript one paragraph, cut at sentence ends.
    original = turns(read("talk.txt", _paragraph_lines().encode("utf-8")))
    framed = turns(read("talk.txt", (title + _paragraph_lines() + footer).encode("utf-8")))
    assert len(original[1]) > 5
    body = framed[1][1:] if title else framed[1]
    body = body[: len(original[1])]
    assert framed[0] == original[0] and [row[2:] for row in body] == [row[2:] for row in original[1]]
    # The turns' own clocks are kept; the times estimated after the last one may shift by the
    # extra line's words, and a footer kept as words ends the turn before it.
    assert [row[0] for row in body if row[0] in (0, 245, 489)] == [0, 245, 489]


def _escaped(text: str) -> str:
    """The text as a page's source or a scraper leaves it: '&' and apostrophes as HTML references."""
    return re.sub(r"(?<=\w)'(?=\w)", "&#39;", text.replace(" & ", " &amp; "))


# Text transcripts; a page's YAML front matter is its site's data, not text copied from a page.
TEXT_TRANSCRIPTS = [p for p in TEXT_FILES if p.suffix in (".txt", ".md") and not text_of(p).startswith("---")]


@pytest.mark.parametrize("path", TEXT_TRANSCRIPTS, ids=lambda p: p.name)
def test_html_references_in_a_text_transcript_read_as_their_characters(path: Path) -> None:
    # "Jason Staten &amp; Megan Duclos:" was not seen as a label, so the two lost their turn.
    original = read(str(path), path.read_bytes())
    escaped = read(str(path), _escaped(text_of(path)).encode("utf-8"))
    assert turns(escaped) == turns(original)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"], ids=["no-break", "narrow-no-break"])
@pytest.mark.parametrize("path", [p for p in CAPTIONS if p.suffix != ".sbv"], ids=lambda p: p.name)
def test_no_break_spaces_around_caption_arrows_keep_the_times(path: Path, space: str) -> None:
    # Copied from a web page, "00:00:01.000 --> ..." had every time refused and the file read as text.
    original = read(str(path), path.read_bytes())
    spaced = read(str(path), re.sub(r" ?--> ?", f"{space}-->{space}", text_of(path)).encode("utf-8"))
    assert turns(spaced) == turns(original)


# "Sergi Delgado: 00:00:00", "Emma  0:00", "**Jane** [00:00:05]": a name, then the time its turn starts.
_NAME_THEN_TIME = re.compile(r"(?m)^([*_]*)([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})(?=[*_]*:?[ \t]+[\[(]?\d{1,2}:\d\d)")
NAME_TIME_FILES = [p for p in TEXT_TRANSCRIPTS + [REAL / n for n in ("hugo-btctranscripts-kernel.md", "hugo-btctranscripts-watchtowers.md")]
                   if len(_NAME_THEN_TIME.findall(text_of(p))) >= 3]  # fmt: skip


@pytest.mark.parametrize("path", NAME_TIME_FILES, ids=lambda p: p.name)
def test_names_typed_in_lower_case_before_times_still_name_the_speakers(path: Path) -> None:
    # "sergi delgado: 00:00:00" was not taken for a name: every turn lost its speaker and its time.
    original = read(str(path), path.read_bytes())
    lowered = read(str(path), _NAME_THEN_TIME.sub(lambda m: m[1] + m[2].lower(), text_of(path)).encode("utf-8"))

    def folded(episode: Episode) -> list[tuple[float | None, str | None, str]]:
        return [(s.start, s.speaker and s.speaker.lower(), s.text) for s in episode.segments]

    assert folded(lowered) == folded(original)
    assert {s.speaker for s in lowered.segments} != {None}


_LINE_START = re.compile(r"(?m)^(?=\S)")


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\ufeff"], ids=["zero-width-space", "word-joiner", "bom"])
@pytest.mark.parametrize("path", [p for p in TEXT_FILES if p.suffix != ".json"], ids=lambda p: p.name)
def test_an_invisible_character_opening_each_line_changes_nothing(path: Path, mark: str) -> None:
    # Before "Name:" it made the name "\u200bName", a second speaker; before a time, the time was lost.
    original = read(str(path), path.read_bytes())
    marked = read(str(path), _LINE_START.sub(mark, text_of(path)).encode("utf-8"))
    assert turns(marked) == turns(original)


_WORD_GAP = re.compile(r"(?<=\S) (?=\S)")


@pytest.mark.parametrize("path", [p for p in TEXT_FILES if p.suffix != ".json"], ids=lambda p: p.name)
def test_a_byte_order_mark_between_every_word_changes_nothing(path: Path) -> None:
    # A PDF converter's UTF-16 text keeps U+FEFF after nearly every token (92,375 in one Supreme Court
    # transcript): invisible, but every word, key point and chapter title carried it.
    original = read(str(path), path.read_bytes())
    marked = read(str(path), _WORD_GAP.sub(" \ufeff", text_of(path)).encode("utf-8"))
    assert turns(marked) == turns(original)


CHANGELOG = REAL / "changelog-673.md"  # a plain-text transcript: "**Name:**" paragraphs, no times


def _hard_wrapped(text: str) -> str:
    """Each paragraph wrapped at 78 columns with no blank line between them, as mail and old dumps are."""
    return "\n".join(textwrap.fill(paragraph, 78) for paragraph in text.split("\n") if paragraph.strip())


def _turn_texts(text: str) -> list[str]:
    """The transcript's paragraphs without their labels, markup and times."""
    return [re.sub(r"^\*\*[^*]+:\*\*\s*|\\?\[[\d:]+\\?\]\s*|\\", "", line) for line in text.split("\n") if line.strip()]


def _words(text: str) -> str:
    """The transcript's words run into one paragraph."""
    return " ".join(_turn_texts(text))


def test_paragraphs_hard_wrapped_with_no_blank_lines_read_as_they_were() -> None:
    # Each line the width broke became a segment of its own: 37 turns read as 155.
    original = read(str(CHANGELOG), CHANGELOG.read_bytes())
    wrapped = read(str(CHANGELOG), _hard_wrapped(text_of(CHANGELOG)).encode("utf-8"))
    assert turns(wrapped) == turns(original)


def test_one_long_paragraph_hard_wrapped_reads_as_the_paragraph() -> None:
    # A speech service's .txt is one long paragraph; wrapped at 78 columns it was a segment a line.
    paragraph = _words(text_of(CHANGELOG))
    original = read("talk.txt", paragraph.encode("utf-8"))
    wrapped = read("talk.txt", textwrap.fill(paragraph, 78).encode("utf-8"))
    assert turns(wrapped) == turns(original)
    assert len(wrapped.segments) < paragraph.count(". ")


def test_a_caption_dump_hard_wrapped_is_still_one() -> None:
    # The whole talk on one line, turns marked " - ": wrapped, it was no longer read as captions.
    dump = " - ".join(_turn_texts(text_of(CHANGELOG)))
    original = read("captions.txt", dump.encode("utf-8"))
    assert original.source_format == "flat_captions"
    wrapped = read("captions.txt", textwrap.fill(dump, 78).encode("utf-8"))
    assert turns(wrapped) == turns(original)


def test_one_line_paragraphs_are_not_joined() -> None:
    # A sentence a line, of any length, is a paragraph a line: nothing a width broke.
    sentences = re.split(r"(?<=[.?!])\s+", _words(text_of(CHANGELOG)))
    lines = [s for s in sentences if s.strip()]
    episode = read("talk.txt", "\n".join(lines).encode("utf-8"))
    assert [s.text for s in episode.segments] == lines
    assert "wrapped_lines" not in {r.kind for r in episode.repairs}


JSON_TRANSCRIPTS = [p for p in TEXT_FILES if p.suffix == ".json"]


def _escaped_strings(value: object) -> object:
    """Every string in a JSON document escaped as a site's HTML would leave it."""
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, list):
        return [_escaped_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped_strings(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("path", JSON_TRANSCRIPTS, ids=lambda p: p.name)
def test_html_references_in_a_json_transcript_read_as_their_characters(path: Path) -> None:
    # "body": "Signal &amp; Noise", "I&#39;m Maya": JSON made from a site's HTML kept them as written.
    original = read(str(path), path.read_bytes())
    escaped = read(str(path), json.dumps(_escaped_strings(json.loads(text_of(path)))).encode("utf-8"))
    assert turns(escaped) == turns(original)


def test_html_references_in_json_are_reported_once() -> None:
    path = DEMO / "career-switch.json"
    escaped = read(str(path), json.dumps(_escaped_strings(json.loads(text_of(path)))).encode("utf-8"))
    assert [r.kind for r in escaped.repairs].count("html_entities") == 1
    assert "&amp;" not in " ".join(s.text for s in escaped.segments)


FRONT_MATTER_FILES = [p for p in TEXT_FILES if text_of(p).startswith("---")]


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["one-blank", "two-blanks"])
@pytest.mark.parametrize("path", FRONT_MATTER_FILES, ids=lambda p: p.name)
def test_a_title_line_and_a_blank_line_above_front_matter_change_nothing(path: Path, gap: str) -> None:
    # The page was read as plain text: its fields became words and its transcript lost its speakers.
    original = read(str(path), path.read_bytes())
    titled = read(str(path), ("Episode 12: The Long Road" + gap + text_of(path)).encode("utf-8"))
    assert turns(titled) == turns(original)
    assert [r.detail for r in titled.repairs if r.kind == "stray_prefix"] == [
        "ignored stray text 'Episode 12: The Long Road' before the opening '---'"]


@pytest.mark.parametrize("between", ["Ana: Hello and welcome to the show.\nBen: Thanks for having me.",
                                     "We talked about the road and what it took."], ids=["turns", "prose"])
def test_text_divided_by_rules_below_a_title_is_not_front_matter(between: str) -> None:
    text = f"Notes from the call\n\n---\n{between}\n---\nAna: That is all for today.\n"
    episode = read("notes.md", text.encode("utf-8"))
    assert episode.source_format not in ("markdown_page", "dtc_page")
    assert "That is all for today." in " ".join(s.text for s in episode.segments)


MARKDOWN_HYPHENS = """---
title: "Episode 3: Data teams"
date: 2024-01-01
---

## Transcript

**Ana:** We talked about data-
driven teams today, and about what makes them work.

**Bob:** And about well-
known tools that everyone uses.

**Ana:** Right.
"""


@pytest.mark.parametrize("text", [
    MARKDOWN_HYPHENS,
    "# Episode 3\n\nAna (00:00:01):\nWe talked about data-\ndriven teams today, and about what makes them work.\n\n"
    "Bob (00:00:05):\nAnd about well-\nknown tools that everyone uses.\n\nAna (00:00:09):\nRight.\n",
], ids=["page", "speaker-lines"])
def test_markdown_rejoins_a_word_its_line_broke_at_the_hyphen(text: str) -> None:
    episode = read("episode.md", text.encode())
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ana", "We talked about data-driven teams today, and about what makes them work."),
        ("Bob", "And about well-known tools that everyone uses."), ("Ana", "Right."),
    ]


@pytest.mark.parametrize(("name", "text"), [
    # Zoom's saved captions: the speaker in brackets and the time of day.
    ("zoom-captions.txt", "[Jane Doe] 14:02:03\nHello everyone, thanks for joining.\n\n[Sam Lee] 14:02:09\n"
                          "Hi Jane, glad to be here.\n\n[Jane Doe] 14:02:15\nLet's start with the agenda.\n"),
    # Broadcast captions on a timecode that starts the programme at ten o'clock.
    ("broadcast.vtt", "WEBVTT\n\n10:00:00.000 --> 10:00:06.000\nHello everyone, thanks for joining.\n\n"
                      "10:00:06.000 --> 10:00:12.000\nHi Jane, glad to be here.\n\n"
                      "10:00:12.000 --> 10:00:15.000\nLet's start with the agenda.\n"),
])
def test_times_of_day_are_counted_from_the_first(name: str, text: str) -> None:
    # Read as they were, the first words sat 14 hours into the episode, past the end of its recording.
    episode = parse_source(name, text.encode(), 10**6)
    assert isinstance(episode, Episode)
    assert [s.start for s in episode.segments] == [0.0, 6.0, 12.0]
    assert "counted from the first" in " ".join(r.detail for r in episode.repairs)


def test_a_long_recording_keeps_its_own_times() -> None:
    # Six hours in is no clock when the transcript starts at the beginning.
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the stream.\n\n07:30:00.000 --> 07:30:04.000\nStill here.\n"
    episode = parse_source("stream.vtt", text.encode(), 10**6)
    assert isinstance(episode, Episode)
    assert [s.start for s in episode.segments] == [1.0, 27000.0]

"""WebVTT and SRT: the spec's examples, every leniency promised, and render -> parse."""

from __future__ import annotations

import re

import pytest
from conftest import DEMO, PODCAST_NAMESPACE, REAL, read, real
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import cues, srt, webvtt
from podsift.ingest import parse_source
from podsift.model import Episode, Segment, SourceRejected
from podsift.text import split_directions


def parse_vtt(text: str) -> Episode:
    episode = Episode(id="test")
    webvtt.parse(text, episode)
    return episode


def parse_srt(text: str) -> Episode:
    episode = Episode(id="test")
    srt.parse(text, episode)
    return episode


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


def rows(episode: Episode) -> list[tuple[float | None, float | None, str | None, str, list[str]]]:
    return [(s.start, s.end, s.speaker, s.text, s.directions) for s in episode.segments]


# --- the Podcasting 2.0 examples ---------------------------------------------


def test_example_vtt_joins_caption_fragments_into_two_turns() -> None:
    episode = parse_vtt((PODCAST_NAMESPACE / "example.vtt").read_text(encoding="utf-8"))
    assert episode.repairs == []
    assert [s.speaker for s in episode.segments] == ["Sarah", "Gillian"]
    sarah, gillian = episode.segments
    assert (sarah.start, sarah.end) == (0.0, 18.63)
    assert sarah.text.startswith("In today's episode, you'll learn whether or not you should have a podcast trailer.")
    assert "Welcome to Podcasting Q&A, where you learn" in sarah.text  # &amp; unescaped
    assert sarah.text.endswith("This week's question comes from Gillian.")
    assert (gillian.start, gillian.end) == (19.08, 25.35)
    assert gillian.text.endswith("My question is, do we need a podcast trailer?")


def test_example_srt_carries_speaker_until_the_next_name() -> None:
    episode = parse_srt((PODCAST_NAMESPACE / "example.srt").read_text(encoding="utf-8"))
    assert episode.repairs == []
    segs = episode.segments
    assert segs[0].speaker == "Travis"
    assert segs[0].start == 0.179
    assert segs[0].text.startswith("When you first get started in podcasting, it's almost guaranteed")
    # Only 10 cues of 222 name a speaker; every segment still has one.
    assert all(s.speaker for s in segs)
    assert episode.speakers == ["Travis", "Sarah", "Gilon"]
    assert segs[-1].speaker == "Travis"
    assert segs[-1].end == 754.769
    assert segs[-1].text.endswith("the next best thing to do is to batch your episodes.")
    # Turns, not 222 caption fragments: a speaker's cues are joined up to a sentence
    # end, a pause over 2 s or a minute.
    assert len(segs) == 27
    assert all(s.end - s.start <= 60 for s in segs)
    assert (segs[0].end, segs[1].start) == (40.59, 40.591)
    assert segs[0].text.endswith("they're not overly distracting.")
    starts = [s.start for s in segs]
    assert starts == sorted(starts)
    assert 53.03 in starts and 219.36 in starts  # Sarah's and Gilon's first words


def test_spec_snippet_vtt_voice_given_only_on_change() -> None:
    episode = parse_vtt(
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:05.000\n<v John>Podcasting 2.0 is really changing the game.\n\n"
        "00:00:05.000 --> 00:00:10.000\n<v Tom>Yeah, absolutely. The new features are incredible.\n\n"
        "00:00:10.000 --> 00:00:15.000\nIt's amazing how it's empowering creators like never before.\n\n"
        "00:00:15.000 --> 00:00:20.000\n<v John>Exactly, Tom.\n"
    )
    assert [(s.speaker, s.start, s.end) for s in episode.segments] == [
        ("John", 0.0, 5.0),
        ("Tom", 5.0, 10.0),
        ("Tom", 10.0, 15.0),  # no voice span: still Tom
        ("John", 15.0, 20.0),
    ]


def test_fragments_cut_mid_sentence_join_into_one_turn() -> None:
    episode = parse_vtt(
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:02.760\n<v Sarah>In today's episode, you'll learn whether or not you\n\n"
        "00:00:02.760 --> 00:00:06.090\n<v Sarah>should have a podcast trailer. And if so, what should you\n\n"
        "00:00:06.090 --> 00:00:08.000\ninclude in one?\n\n"
        "00:00:08.500 --> 00:00:10.000\n<v Sarah>Welcome!\n"
    )
    assert rows(episode) == [
        (0.0, 8.0, "Sarah", "In today's episode, you'll learn whether or not you should have a podcast trailer. "
         "And if so, what should you include in one?", []),
        (8.5, 10.0, "Sarah", "Welcome!", []),  # the turn before ended a sentence
    ]


def test_a_caption_ending_on_a_title_runs_on_into_the_next() -> None:
    lines = ["The other one I recommend", "is Mindset by Dr.", "Carol Dweck.", "You should", "read it, and then", "try it."] * 2
    episode = parse_vtt("WEBVTT\n\n" + "".join(
        f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{line}\n\n" for i, line in enumerate(lines)
    ))  # fmt: skip
    assert [s.text for s in episode.segments] == [
        "The other one I recommend is Mindset by Dr. Carol Dweck.", "You should read it, and then try it."
    ] * 2


@pytest.mark.parametrize(
    ("name", "read_tolerantly", "read_with_library"),
    [
        ("example.vtt", lambda t: cues.read_cues(t, vtt=True), webvtt._library_cues),
        ("example.srt", lambda t: cues.read_cues(t, vtt=False), srt._library_cues),
    ],
)
def test_library_and_tolerant_reader_agree_on_clean_files(name, read_tolerantly, read_with_library) -> None:
    text = (PODCAST_NAMESPACE / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    ours, notes = read_tolerantly(text)
    theirs = read_with_library(text)
    assert notes == []
    assert [(c.start, c.end, cues.clean_text(c.payload)) for c in ours] == [
        (c.start, c.end, cues.clean_text(c.payload)) for c in theirs
    ]


# --- leniency: WebVTT ---------------------------------------------------------


def test_vtt_bom_crlf_no_header_settings_and_short_times() -> None:
    text = (
        "\ufeff00:01.000 --> 00:04.500 align:start position:0%\r\n"
        "<v.loud Maya>Hello &amp; welcome!</v>\r\n"
        "\r\n"
        "00:05.000 --> 00:07.250 line:90%\r\n"
        "<v Priya>Thanks for having me.\r\n"
    )
    episode = parse_vtt(text)
    assert rows(episode) == [
        (1.0, 4.5, "Maya", "Hello & welcome!", []),
        (5.0, 7.25, "Priya", "Thanks for having me.", []),
    ]
    assert "missing_header" in kinds(episode)


def test_vtt_note_style_region_blocks_identifiers_and_markup() -> None:
    text = """WEBVTT - an episode
Kind: captions

STYLE
::cue { color: yellow }

REGION
id:fred width:40%

NOTE This is a comment
over two lines

intro-1
00:00:01.000 --> 00:00:03.000
<c.colorE5E5E5>So</c> <00:00:01.500><c>vectors</c> are <i>just</i> <b>lists</b>

NOTE another comment

2
00:00:03.000 --> 00:00:04.000
of numbers &lt;really&gt;.
"""
    episode = parse_vtt(text)
    assert [s.text for s in episode.segments] == ["So vectors are just lists", "of numbers <really>."]
    assert [(s.start, s.end) for s in episode.segments] == [(1.0, 3.0), (3.0, 4.0)]
    assert episode.repairs == []  # all of this is valid WebVTT


def test_vtt_missing_blank_lines_between_numbered_cues() -> None:
    text = (
        "WEBVTT\n"
        "1\n00:00:01.000 --> 00:00:02.000\n<v Maya>First line\n"
        "2\n00:00:02.000 --> 00:00:03.000\n<v Priya>Second line\n"
        "00:00:03.000 --> 00:00:04.000\n<v Maya>Third line\n"
    )
    episode = parse_vtt(text)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Maya", "First line"),
        ("Priya", "Second line"),
        ("Maya", "Third line"),
    ]
    repairs = [(r.kind, r.where) for r in episode.repairs]
    assert ("missing_blank_line", "cue 2") in repairs
    assert ("missing_blank_line", "cue 3") in repairs


def test_vtt_comma_millis() -> None:
    episode = parse_vtt("WEBVTT\n\n00:00:01,200 --> 00:00:02,700\nHi there\n")
    assert rows(episode) == [(1.2, 2.7, None, "Hi there", [])]
    assert kinds(episode) == ["comma_millis"]


def test_vtt_directions_kept_apart_from_speech() -> None:
    episode = parse_vtt(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Maya>That's a great question [laughs]\n\n"
        "00:00:06.000 --> 00:00:08.000\n[upbeat music]\n"
    )
    assert rows(episode) == [
        (1.0, 3.0, "Maya", "That's a great question", ["[laughs]"]),
        (6.0, 8.0, None, "", ["[upbeat music]"]),  # a sound belongs to nobody
    ]


def test_vtt_two_voices_in_one_cue_are_split() -> None:
    episode = parse_vtt("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Maya>Ready?</v> <v Priya>Ready.</v>\n")
    assert [(s.speaker, s.text) for s in episode.segments] == [("Maya", "Ready?"), ("Priya", "Ready.")]
    assert episode.segments[0].start == 0.0 and episode.segments[1].end == 4.0
    assert episode.segments[0].end == episode.segments[1].start
    assert "split_cue" in kinds(episode)


def test_vtt_stray_text_after_blank_line_is_kept() -> None:
    episode = parse_vtt("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nfirst half\n\nsecond half\n")
    assert [s.text for s in episode.segments] == ["first half second half"]
    assert kinds(episode) == ["stray_text"]


# --- leniency: SRT ------------------------------------------------------------


def test_srt_name_prefixes_and_no_blank_lines() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nMaya: Hello there.\n"
        "2\n00:00:02,500 --> 00:00:03,000\nJonas: Hi!\n"
    )
    episode = parse_srt(text)
    assert rows(episode) == [(1.0, 2.0, "Maya", "Hello there.", []), (2.5, 3.0, "Jonas", "Hi!", [])]
    assert [(r.kind, r.where) for r in episode.repairs] == [("missing_blank_line", "cue 2")]


# A script merging whisper's captions wrote each on one line, its words after its SRT range, with no
# numbers or blank lines (a Catalan meeting of 2,807 such lines; all were lost, and the report ran to
# 2,812 lines, one per cue).
ONE_LINE_CAPTIONS = """\
00:05:54,140 --> 00:05:56,140  Aquests trics els dominaran.
00:05:56,140 --> 00:06:05,260  Vull dir, és que bé s'assurt, i el per terra que deies, el bancal, aquest té a l'entrada.
00:06:05,260 --> 00:06:17,040  que el bancal, evidentment que desapareix, però desapareixeran altres coses.
00:06:17,040 --> 00:06:20,440  Per tant, tot el parc es veurà a l'estrada.
00:06:21,160 --> 00:06:32,340  Aleshores, ens sembla inaudit que s'admeti com a bàlid, que no s'ha fet en cap altre parc mai,
00:06:32,340 --> 00:06:35,880  de posar-hi una estructura per dintre.
00:06:35,880 --> 00:06:39,840  Per més que es digui que sot, que és provisional,
00:06:39,840 --> 00:06:46,760  és una estructura de formigó amb estructura de pel·les netàl·lics,
00:06:46,760 --> 00:06:55,180  que pugui tenir un reló a dalt per dissimular que és desmuntable, però no és desmuntable.
00:06:55,180 --> 00:06:59,320  Aleshores, ja dic, ens costa entendre això
00:06:59,320 --> 00:07:02,420  i aprofitar-li el torn de paraula,
00:07:02,420 --> 00:07:05,920  també és que el que m'estranyava que el que parleu
"""


def test_one_line_captions_words_after_the_range_are_the_cue() -> None:
    episode = read("final_text.txt", ONE_LINE_CAPTIONS)
    assert episode.source_format == "srt"
    assert [(s.start, s.end, s.text) for s in episode.segments[:3]] == [
        (354.14, 356.14, "Aquests trics els dominaran."),
        (356.14, 365.26, "Vull dir, és que bé s'assurt, i el per terra que deies, el bancal, aquest té a l'entrada."),
        (365.26, 377.04, "que el bancal, evidentment que desapareix, però desapareixeran altres coses."),
    ]
    # Fragments join into sentences, as other captions naming no one do.
    assert (episode.segments[4].start, episode.segments[4].end, episode.segments[4].text) == (
        381.16, 395.88,
        "Aleshores, ens sembla inaudit que s'admeti com a bàlid, que no s'ha fet en cap altre parc mai, "
        "de posar-hi una estructura per dintre.",
    )  # fmt: skip
    assert episode.segments[-1].end == 425.92 and all(s.speaker is None for s in episode.segments)
    # One report line says so; a blank line is not missed after a cue of one line.
    assert [(r.kind, r.where) for r in episode.repairs][:1] == [("text_on_timing_line", "cue 1")]
    assert "12 cues" in episode.repairs[0].detail and "missing_blank_line" not in kinds(episode)


def test_whisper_lines_without_brackets_are_cues() -> None:
    # whisper's own "[00:00.000 --> 00:05.000]  Hello." with the brackets taken off: WebVTT-like times.
    episode = read("talk.txt", "00:00.000 --> 00:02.500  Hello and welcome.\n00:02.500 --> 00:05.000  Glad you came.\n")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 2.5, "Hello and welcome."), (2.5, 5.0, "Glad you came."),
    ]


def test_cue_settings_after_the_range_are_not_words() -> None:
    episode = parse_srt("1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:20 Y2:50\nMaya: Hello there.\n")
    assert rows(episode) == [(1.0, 2.0, "Maya", "Hello there.", [])]
    episode = parse_vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:0%\nHello there.\n")
    assert rows(episode) == [(1.0, 2.0, None, "Hello there.", [])]


def test_a_missing_blank_line_after_every_cue_is_one_report_line() -> None:
    text = "".join(f"{k}\n00:00:{k:02d},000 --> 00:00:{k:02d},900\nMaya: Line {k}.\n" for k in range(1, 7))
    episode = parse_srt(text)
    assert [s.text for s in episode.segments][:1] == ["Line 1."] and len(episode.segments) <= 6
    assert [(r.kind, r.detail.split(";")[0], r.where) for r in episode.repairs] == [
        ("missing_blank_line", "5 times", "cue 2"),
    ]


def test_srt_minutes_only_times_are_not_hours() -> None:
    # The srt library would read "01:05,000" as 1 h 5 min; it is 1 min 5 s.
    episode = parse_srt("1\n01:05,000 --> 01:07,500\nMaya: Short times.\n")
    assert rows(episode) == [(65.0, 67.5, "Maya", "Short times.", [])]


def test_srt_numbers_out_of_order_keep_time_order() -> None:
    text = (
        "3\n00:00:01,000 --> 00:00:02,000\nMaya: one\n\n"
        "1\n00:00:05,000 --> 00:00:06,000\nJonas: two\n\n"
        "2\n00:00:09,000 --> 00:00:10,000\nMaya: three\n"
    )
    episode = parse_srt(text)
    assert [s.text for s in episode.segments] == ["one", "two", "three"]
    assert [(r.kind, r.where) for r in episode.repairs] == [("cue_numbering", "cue 2")]


def test_srt_backwards_overlapping_and_inverted_times() -> None:
    text = (
        "1\n00:00:10,000 --> 00:00:12,000\nMaya: later\n\n"
        "2\n00:00:01,000 --> 00:00:03,000\nJonas: earlier\n\n"
        "3\n00:00:20,000 --> 00:00:25,000\nMaya: overlaps\n\n"
        "4\n00:00:24,000 --> 00:00:26,000\nJonas: next\n\n"
        "5\n00:00:40,000 --> 00:00:30,000\nMaya: ends before it starts\n"
    )
    episode = parse_srt(text)
    # A time running backwards is usually one typo: the cue stays where the file has it.
    assert rows(episode) == [
        (10.0, 12.0, "Maya", "later", []),
        (1.0, 3.0, "Jonas", "earlier", []),
        (20.0, 24.0, "Maya", "overlaps", []),
        (24.0, 26.0, "Jonas", "next", []),
        (40.0, 40.0, "Maya", "ends before it starts", []),
    ]
    assert {"time_backwards", "overlap", "end_before_start"} <= set(kinds(episode))


@pytest.mark.parametrize("at", [0, 5])
def test_a_lyric_and_its_echo_given_the_same_time_both_keep_it(at: int) -> None:
    # Review: karaoke captions showing a line and its echo at once ("1" and "2" over the same
    # times) cut the first at the second's start, its own: the line lasted no time (0:00-0:00).
    text = (f"1\n00:00:0{at},000 --> 00:00:0{at + 3},000\nI walk the line tonight\n\n"
            f"2\n00:00:0{at},000 --> 00:00:0{at + 3},000\nwalk the line tonight\n\n"
            f"3\n00:00:0{at + 4},000 --> 00:00:0{at + 6},000\nAnd the river runs so deep\n")
    episode = parse_srt(text)
    assert [(s.start, s.end) for s in episode.segments if "walk" in s.text] == [(at, at + 3.0)] * 2
    assert "shown_together" in kinds(episode) and "overlap" not in kinds(episode)


def test_markup_escaped_once_more_is_markup_and_escaped_words_stay_words() -> None:
    """A caption's italics escaped with its text ("&lt;i&gt;Hello&lt;/i&gt;") reached the archive as "<i>Hello</i>"."""
    text = ("1\n00:00:01,000 --> 00:00:04,000\n&lt;i&gt;Hello there&lt;/i&gt;, and welcome.\n\n"
            "2\n00:00:04,000 --> 00:00:06,000\nIs x &lt; y, or &lt;the other&gt; way?\n")  # fmt: skip
    assert [s.text for s in parse_srt(text).segments] == ["Hello there, and welcome.", "Is x < y, or <the other> way?"]


def test_an_escaped_tag_named_as_a_word_stays_in_the_words() -> None:
    """"We use the &lt;b&gt; tag" was read as markup escaped twice and stored as "We use the tag"."""
    text = ("1\n00:00:01,000 --> 00:00:03,000\nWe use the &lt;b&gt; tag, and &lt;br/&gt; for a break.\n\n"
            "2\n00:00:04,000 --> 00:00:06,000\n&lt;i&gt;Run on\n\n"
            "3\n00:00:06,000 --> 00:00:08,000\nacross cues&lt;/i&gt; and &lt;b&gt;bold&lt;/b&gt; too.\n")  # fmt: skip
    assert [s.text for s in parse_srt(text).segments] == [
        "We use the <b> tag, and <br/> for a break.", "Run on", "across cues and bold too."]


def test_escaped_italics_set_apart_by_spaces_across_captions_are_markup_as_real_ones() -> None:
    """"&lt;i&gt; Run on" in one caption and "across cues &lt;/i&gt;" in the next kept "<i>" and "</i>"
    among the words, where the same italics unescaped, or paired in one caption, left them out."""
    escaped = ("1\n00:00:04,000 --> 00:00:06,000\n&lt;i&gt; Run on\n\n"
               "2\n00:00:06,000 --> 00:00:08,000\nacross cues &lt;/i&gt;\n\n"
               "3\n00:00:08,000 --> 00:00:10,000\nWe use the &lt;b&gt; tag too.\n")  # fmt: skip
    real = escaped.replace("&lt;", "<").replace("&gt;", ">")
    texts = [s.text for s in parse_srt(escaped).segments]
    assert texts[:2] == [s.text for s in parse_srt(real).segments][:2] == ["Run on", "across cues"]
    assert texts[2] == "We use the <b> tag too."  # inside a caption, a tag named alone is still words


def test_a_question_mark_label_is_a_voice_nobody_could_name() -> None:
    """"?: Is this thing on?" was given to the speaker before, with "?:" among the words."""
    text = ("1\n00:00:01,000 --> 00:00:04,000\nANNA: Hello and welcome.\n\n"
            "2\n00:00:04,000 --> 00:00:08,000\n?: Is this thing on?\n\n"
            "3\n00:00:08,000 --> 00:00:12,000\nBEN: Thanks for having me.\n\n"
            "4\n00:00:12,000 --> 00:00:15,000\n???: Who said that?\n")  # fmt: skip
    assert [(s.speaker, s.text) for s in parse_srt(text).segments] == [
        ("ANNA", "Hello and welcome."), (None, "Is this thing on?"), ("BEN", "Thanks for having me."),
        (None, "Who said that?")]  # fmt: skip


def test_srt_empty_cue_tags_entities_and_dialogue_dashes() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n\n"
        "2\n00:00:02,000 --> 00:00:04,000\n<i>Maya:</i> Fish &amp; chips?\n\n"
        "3\n00:00:05,000 --> 00:00:09,000\n- Yes please.\n- No thanks, not for me.\n\n"
        "4\n00:00:10,000 --> 00:00:11,000\n{\\an8}Who said that?\n"
    )
    episode = parse_srt(text)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Maya", "Fish & chips?"),
        (None, "Yes please."),
        (None, "No thanks, not for me."),
        (None, "Who said that?"),  # after a dash the speaker is unknown, not Maya
    ]
    yes, no = episode.segments[1:3]
    assert yes.start == 5.0 and no.end == 9.0 and yes.end == no.start
    assert "empty_cue" in kinds(episode) and "split_cue" in kinds(episode)


def test_srt_bad_timestamp_keeps_the_words() -> None:
    episode = parse_srt("1\n00:00:01,000 --> soon\nMaya: still said this\n")
    assert rows(episode) == [(1.0, None, "Maya", "still said this", [])]
    assert kinds(episode) == ["bad_timestamp"]


def test_cue_text_without_times_is_reported() -> None:
    episode = parse_srt("just some words\nwith no cues\n")
    assert episode.segments == []
    assert "no_cues" in kinds(episode)


# --- turns -------------------------------------------------------------------


def test_same_speaker_fragments_merge_but_not_across_gaps() -> None:
    text = (
        "1\n00:00:00,000 --> 00:00:02,000\nMaya: one\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\ntwo\n\n"
        "3\n00:00:07,000 --> 00:00:08,000\nthree\n"  # 3 s of silence: a new turn
    )
    episode = parse_srt(text)
    assert rows(episode) == [(0.0, 4.0, "Maya", "one two", []), (7.0, 8.0, "Maya", "three", [])]


def test_paragraph_long_cues_are_not_joined() -> None:
    # Turn-level captions (as podsift itself exports) are already turns.
    long_text = "and so on " * 20
    text = (
        f"1\n00:00:00,000 --> 00:00:20,000\nMaya: {long_text}\n\n"
        f"2\n00:00:20,000 --> 00:00:40,000\nMaya: {long_text}\n"
    )
    assert len(parse_srt(text).segments) == 2


def test_long_monologue_is_cut_near_a_minute() -> None:
    cues = "".join(
        f"{k + 1}\n00:{k // 6:02d}:{k % 6 * 10:02d},000 --> 00:{k // 6:02d}:{k % 6 * 10 + 9:02d},000\n"
        f"{'Maya: ' if k == 0 else ''}part {k}\n\n"
        for k in range(18)
    )
    episode = parse_srt(cues)
    assert all(s.speaker == "Maya" for s in episode.segments)
    assert len(episode.segments) == 3
    assert all(s.end - s.start <= 60 for s in episode.segments)


# --- sniff -------------------------------------------------------------------


def test_sniff() -> None:
    assert webvtt.sniff("\ufeff  WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n") == 0.95
    assert webvtt.sniff("00:00:01.000 --> 00:00:02.000\nhi\n") == 0.7
    assert webvtt.sniff("Host 0:00\nhello\n") == 0.0
    assert srt.sniff("1\r\n00:00:01,000 --> 00:00:02,000\r\nhi\r\n") == 0.9
    assert srt.sniff("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n") == 0.0
    assert srt.sniff("just words") == 0.0


# --- render ------------------------------------------------------------------


def episode_of(*segments: Segment) -> Episode:
    episode = Episode(id="r", title="A --> B")
    for seg in segments:
        episode.add_segment(seg.text, start=seg.start, end=seg.end, speaker=seg.speaker, directions=seg.directions)
    return episode


def test_render_vtt_and_srt_shapes() -> None:
    episode = episode_of(
        Segment(0, 1.5, 4.0, "Maya", "Fish & chips <3"),
        Segment(1, None, None, "Jonas", "", ["[laughs]"]),  # untimed: takes the previous end
        Segment(2, 6.0, 7.0, None, "Someone else."),
    )
    vtt = webvtt.render(episode)
    assert vtt.startswith("WEBVTT\n\nNOTE A -> B\n\n")
    assert "00:00:01.500 --> 00:00:04.000\n<v Maya>Fish &amp; chips &lt;3\n" in vtt
    assert "00:00:04.000 --> 00:00:06.000\n<v Jonas>[laughs]\n" in vtt
    assert "00:00:06.000 --> 00:00:07.000\n- Someone else.\n" in vtt
    out = srt.render(episode)
    assert out.startswith("1\n00:00:01,500 --> 00:00:04,000\nMaya: Fish & chips <3\n\n2\n")
    assert "3\n00:00:06,000 --> 00:00:07,000\n- Someone else.\n" in out

    again = parse_vtt(vtt)
    assert rows(again) == [
        (1.5, 4.0, "Maya", "Fish & chips <3", []),
        (4.0, 6.0, "Jonas", "", ["[laughs]"]),
        (6.0, 7.0, None, "Someone else.", []),
    ]
    assert again.repairs == []


def test_render_wraps_long_text_without_inventing_speaker_changes() -> None:
    text = "word " * 30 + "- then a dash and 00:00:01.000 a time"
    episode = episode_of(Segment(0, 0.0, 9.0, "Maya", text.strip()))
    for render, parse in ((webvtt.render, parse_vtt), (srt.render, parse_srt)):
        out = render(episode)
        assert max(len(line) for line in out.splitlines()) < 90
        assert rows(parse(out)) == [(0.0, 9.0, "Maya", text.strip(), [])]


# --- property tests ------------------------------------------------------------

CAPTION_BITS = st.sampled_from(
    [
        "WEBVTT", "", "1", "2", "NOTE x", "STYLE", "REGION", "00:00:01.000 --> 00:00:02.000",
        "00:01,000 --> 00:00,500", "--> 00:03.000", "00:00:05.000 -->", "<v Maya>hi", "Maya: hello",
        "- dash", ">> who", "[laughs]", "&amp;", "<i>x", "</v>", "\ufeff", "\r", "12:34:56,789 --> 1:2:3",
    ]
)
CAPTIONISH = st.lists(st.one_of(CAPTION_BITS, st.text(max_size=20)), max_size=30).map("\n".join)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(), CAPTIONISH))
def test_caption_parsers_never_raise(text: str) -> None:
    for parse in (parse_vtt, parse_srt):
        try:
            episode = parse(text)
        except SourceRejected:
            continue
        for seg in episode.segments:
            assert seg.text or seg.directions
            if seg.start is not None and seg.end is not None:
                assert seg.end >= seg.start


NAMES = ["Maya", "Priya", "Jonas", "Dr. Amara Okafor", None]
PLAIN = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
# Words that a careless writer would turn into markup, speaker names, dashes or cue numbers.
TRICKY = st.sampled_from(["Maya:", "Dr.", "Okafor:", "-", "--", ">>", "—", "12", "3:45", "00:01.000", "-->",
                          "&", "R&D", "Q&A.", "<3", "x>y", "x<y", "NOTE", "WEBVTT", "é", "ok.", "why?"])
# A dash then a label ("a - Maya:") rightly reads as another voice taking over: never drawn.
WORDS = (st.tuples(PLAIN, st.lists(st.one_of(PLAIN, TRICKY), max_size=30)).map(lambda t: " ".join([t[0], *t[1]]))
         .filter(lambda words: not re.search(r"(?:^|\s)(?:-|--|—) \S+:(?:\s|$)", words)))
DIRECTIONS = st.sampled_from([[], [], ["[laughs]"], ["(music)"], ["[laughs]", "[applause]"]])


@st.composite
def timelines(draw: st.DrawFn) -> list[Segment]:
    segments: list[Segment] = []
    clock_ms = draw(st.integers(0, 10_000))
    previous: str | None = None
    for ordinal in range(draw(st.integers(1, 8))):
        # Two named turns in a row by one speaker would (rightly) read back as one turn.
        speaker = draw(st.sampled_from([n for n in NAMES if n is None or n != previous]))
        directions = draw(DIRECTIONS)
        text = draw(st.one_of(WORDS, st.just(""))) if directions else draw(WORDS)
        start = clock_ms + draw(st.integers(0, 5_000))
        # Over 50 ms: a shorter cue repeating its neighbour's words is YouTube's flash, kept once.
        end = start + draw(st.integers(51, 50_000))
        segments.append(Segment(ordinal, start / 1000, end / 1000, speaker, text, directions))
        clock_ms, previous = end, speaker
    return segments


@settings(max_examples=100, deadline=None)
@given(timelines())
def test_vtt_and_srt_round_trip(segments: list[Segment]) -> None:
    episode = episode_of(*segments)
    expected = rows(episode)
    assert rows(parse_vtt(webvtt.render(episode))) == expected
    assert rows(parse_srt(srt.render(episode))) == expected


def test_demo_files_parse_cleanly() -> None:
    vtt = parse_vtt((DEMO / "vector-search-basics.vtt").read_text(encoding="utf-8"))
    assert vtt.repairs == []
    assert vtt.speakers == ["Maya", "Priya"]
    assert vtt.segments[1].directions == ["[laughs]"]  # from a cue with no voice span: still Priya's
    assert vtt.segments[1].speaker == "Priya"
    assert vtt.segments[1].text.endswith("I could talk about this all day, so be careful what you ask.")
    assert vtt.segments[-1].end == 310.0
    out = parse_srt((DEMO / "freelancing-in-data.srt").read_text(encoding="utf-8"))
    assert out.repairs == []
    assert out.speakers == ["Maya", "Jonas"]
    assert out.segments[0].text.startswith("This is Signal & Noise, and I'm Maya. Today we're talking")


def test_two_named_speakers_in_one_srt_cue() -> None:
    episode = parse_srt("1\n00:00:00,000 --> 00:00:04,000\nMaya: Ready?\nJonas: Ready.\n")
    assert [(s.speaker, s.text) for s in episode.segments] == [("Maya", "Ready?"), ("Jonas", "Ready.")]
    assert "split_cue" in kinds(episode)


def test_render_never_starts_a_line_with_a_name() -> None:
    text = "x" * 60 + " Important: this is not a new speaker"
    episode = episode_of(Segment(0, 0.0, 5.0, "Maya", text))
    assert rows(parse_srt(srt.render(episode))) == [(0.0, 5.0, "Maya", text, [])]
    assert rows(parse_vtt(webvtt.render(episode))) == [(0.0, 5.0, "Maya", text, [])]


# --- seconds-only cue times (Podcasting 2.0 VTT files in the wild) ---------------------


def test_vtt_seconds_only_times_mixed_with_clock_times() -> None:
    episode = parse_vtt(
        "WEBVTT\n\n"
        "0.860 --> 7.380\n<v Ana>Welcome to the show.\n\n"
        "12 --> 15.5\n<v Ben>Glad to be here.\n\n"
        "1:01.460 --> 1:03.000\n<v Ana>Let's begin.\n"
    )
    assert rows(episode) == [
        (0.86, 7.38, "Ana", "Welcome to the show.", []),
        (12.0, 15.5, "Ben", "Glad to be here.", []),
        (61.46, 63.0, "Ana", "Let's begin.", []),
    ]
    assert [(r.kind, r.detail, r.where) for r in episode.repairs] == [
        ("seconds_times", "2 cues give times as plain seconds (like '0.860 --> 7.380'); read as seconds", "cue 1")
    ]


def test_srt_seconds_only_times() -> None:
    episode = parse_srt("1\n3.5 --> 6,25\nMaya: Seconds in SRT too.\n")
    assert rows(episode) == [(3.5, 6.25, "Maya", "Seconds in SRT too.", [])]
    assert "bad_timestamp" not in kinds(episode)


def test_plain_numbers_stay_seconds_for_other_callers() -> None:
    assert cues.clock("12") is None  # clock() keeps parse_timestamp's meaning
    assert cues.cue_time("12") == 12.0 and cues.cue_time("0.860") == 0.86 and cues.cue_time("1:01.460") == 61.46
    assert cues.cue_time("9" * 5000) is None  # no int() of thousands of digits


# --- labels that are credits, headers or speech, not speakers ---------------------------


def whisper_lines(count: int, start: float = 0.0) -> list[tuple[float, float, str]]:
    return [(start + k * 3.0, start + k * 3.0 + 2.5, f"Sentence number {k} is spoken here.") for k in range(count)]


def srt_of(lines: list[tuple[float, float, str]]) -> str:
    def ts(t: float) -> str:
        return cues.format_timestamp(t, millis=True, sep=",")

    return "".join(f"{k}\n{ts(a)} --> {ts(b)}\n{text}\n\n" for k, (a, b, text) in enumerate(lines, 1))


def test_credit_line_is_not_a_speaker() -> None:
    lines = [(0.0, 2.0, "Subtitles: @someone"), *whisper_lines(22, 3.0), (80.0, 82.0, "Transcribed by Otter.ai")]
    episode = parse_srt(srt_of(lines))
    assert episode.speakers == []  # "Subtitles" used to speak all 22 segments after it
    assert len(episode.segments) == 22
    assert not any("Subtitles" in s.text or "Otter" in s.text for s in episode.segments)
    assert [(r.kind, r.detail, r.where) for r in episode.repairs] == [
        ("credit_lines", "2 credit lines such as 'Subtitles: @someone' were not speech; dropped", "cue 1")
    ]


def test_header_lines_of_joined_vtt_files_are_dropped() -> None:
    def part(lines: list[tuple[float, float, str]]) -> str:
        return "WEBVTT\nKind: captions\nLanguage: en\n\n" + "".join(
            f"{cues.format_timestamp(a, millis=True)} --> {cues.format_timestamp(b, millis=True)}\n{text}\n\n"
            for a, b, text in lines
        )

    joined = part(whisper_lines(12)) + part(whisper_lines(12, 40.0))
    # One file also has the header inside a cue, as some joiners leave it.
    joined = joined.replace("Sentence number 3 is", "Kind: captions\nSentence number 3 is", 1)
    episode = parse_vtt(joined)
    assert episode.speakers == []  # "Kind" used to speak 274 segments of such a file
    text = " ".join(s.text for s in episode.segments)
    assert "Kind" not in text and "Language" not in text and "WEBVTT" not in text
    assert text.count("is spoken here.") == 24
    header = [r for r in episode.repairs if r.kind == "header_lines"]
    assert [r.detail for r in header] == [
        "4 caption-file header lines (WEBVTT, Kind:, Language:) among the cues were not speech; dropped"
    ]


def test_lone_label_in_unlabelled_file_stays_speech() -> None:
    lines = whisper_lines(30)
    lines[15] = (45.0, 47.5, "Python: it is the language we use.")
    episode = parse_srt(srt_of(lines))
    assert episode.speakers == []  # not the speaker of cue 16 and every cue after it
    assert "Python: it is the language we use." in [s.text for s in episode.segments]


def test_recurring_labels_are_speakers_and_a_label_taking_turns_counts() -> None:
    lines = whisper_lines(30)
    lines[0] = (0.0, 2.5, "Maya: Welcome back.")
    lines[10] = (30.0, 32.5, "Jonas: Thanks for having me.")  # once, but between Maya's turns
    lines[20] = (60.0, 62.5, "Maya: Let's start.")
    lines[25] = (75.0, 77.5, "Note: this is not a speaker.")
    episode = parse_srt(srt_of(lines))
    assert episode.speakers == ["Maya", "Jonas"]
    assert episode.segments[-1].speaker == "Maya"
    assert any(s.text.startswith("Note: this is not a speaker.") for s in episode.segments)
    assert "credit_lines" not in kinds(episode)


def test_a_full_name_in_capitals_said_once_in_a_labelled_file_is_a_speaker() -> None:
    # Amara's DFXP of a NOVA clip (pculture/babelsubs, see SOURCES.md): captioners name a voice in capitals
    # where it changes, 4 labels in 76 captions. "ANTHONY GRISANTI:" opened his answer once, and it stayed
    # in the words, his answer given to the host. A lone label in small letters still needs to recur.
    lines = whisper_lines(80)
    lines[0] = (0.0, 2.5, "DAVID POGUE: Copper, symbol Cu.")
    lines[30] = (90.0, 92.5, "ANTHONY GRISANTI: Oh, this is an old, old business.")
    lines[45] = (135.0, 137.5, "POGUE: So this crazy high-tech thing")
    lines[55] = (165.0, 167.5, "POGUE: Is it safe to say")
    lines[70] = (210.0, 212.5, "Python: it is the language we use.")
    episode = parse_srt(srt_of(lines))
    assert "ANTHONY GRISANTI" in episode.speakers and "Python" not in episode.speakers
    answer = next(s for s in episode.segments if s.text.startswith("Oh, this is an old"))
    assert answer.speaker == "ANTHONY GRISANTI"
    assert any("Python: it is the language we use." in s.text for s in episode.segments)


def test_a_speaker_named_in_full_once_and_by_first_name_after_is_one_speaker() -> None:
    # A podcast's own SubRip transcripts (Virtual-Coffee/podcast-transcripts, season 8; no licence: its
    # shape, our words) label a cue where the voice changes, under one cue in ten in a long episode. The
    # co-host named in full once ("Dan Ott:", then "Dan:") stayed in the host's words, his line hers.
    lines = whisper_lines(100)
    for k, text in {0: "Bekah Hawrot Weigel: Hello and welcome.", 3: "Dan Ott: Yo. What's up?",
                    5: "Bekah: It is going fantastic.", 6: "Dan: Nice.", 40: "Bekah: Right.",
                    60: "Dan: Totally.", 80: "Bekah: Thanks for listening."}.items():  # fmt: skip
        lines[k] = (k * 3.0, k * 3.0 + 2.5, text)
    episode = formats.parse(srt_of(lines), Episode(id="t"), "8_5.srt")
    assert episode.speakers == ["Bekah Hawrot Weigel", "Dan Ott"]
    assert [(s.speaker, s.text) for s in episode.segments if s.text.startswith("Yo.")] == [("Dan Ott", "Yo. What's up?")]


def test_unaccepted_label_on_a_later_line_stays_in_its_cue() -> None:
    lines = whisper_lines(30)
    lines[7] = (21.0, 23.5, "and the answer is\nPython: it is the language we use.")
    episode = parse_srt(srt_of(lines))
    assert "split_cue" not in kinds(episode)
    assert any("and the answer is Python: it is the language we use." in s.text for s in episode.segments)


# --- speaker labels and sounds in brackets --------------------------------------

# The shape of WhisperX/pyannote captions (a faithful sample: the real files have no licence):
# one cue per utterance, the diarizer's id in brackets before it.
WHISPERX = [
    "[SPEAKER_00]: Okay, I'm going to stop the press conference here for a couple of minutes.",
    "[SPEAKER_00]: She has challenged me to take the water challenge.",
    "[SPEAKER_01]: I was in the challenge too.",
    "[Music]",
    "[SPEAKER_00]: [laughs] Oh, yes.",
    "[SPEAKER_00]: Good luck.",
]


def caption_file(kind: str, lines: list[str]) -> str:
    """``lines`` as cues two seconds apart, in SubRip, WebVTT or SubViewer."""
    if kind == "srt":
        cues = [f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 1:02d},500\n{t}\n\n" for k, t in enumerate(lines)]
    elif kind == "vtt":
        cues = ["WEBVTT\n\n"]
        cues += [f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 1:02d}.500\n{t}\n\n" for k, t in enumerate(lines)]
    else:
        cues = [f"0:00:{2 * k:02d}.000,0:00:{2 * k + 1:02d}.500\n{t}\n\n" for k, t in enumerate(lines)]
    return "".join(cues)


def parse_as(kind: str, text: str) -> Episode:
    episode = formats.parse(text, Episode(id="test"), f"captions.{kind}")
    assert episode.source_format == {"srt": "srt", "vtt": "webvtt", "sbv": "sbv"}[kind]
    return episode


@pytest.mark.parametrize("kind", ["srt", "vtt", "sbv"])
@pytest.mark.parametrize("label", ["[{}]: ", "[{}] ", "{}: "], ids=["brackets-colon", "brackets", "colon"])
def test_diarized_speaker_ids_name_the_speakers(kind: str, label: str) -> None:
    lines = [re.sub(r"^\[(SPEAKER_\d\d)\]: ", lambda m: label.format(m.group(1)), line) for line in WHISPERX]
    episode = parse_as(kind, caption_file(kind, lines))
    # The diarizer's ids are shown as the other formats show theirs, each keeping its number.
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Speaker 0", "Okay, I'm going to stop the press conference here for a couple of minutes.", []),
        ("Speaker 0", "She has challenged me to take the water challenge.", []),
        ("Speaker 1", "I was in the challenge too.", []),
        (None, "", ["[Music]"]),
        ("Speaker 0", "Oh, yes.", ["[laughs]"]),
        ("Speaker 0", "Good luck.", []),
    ]
    assert "SPEAKER_00, SPEAKER_01 shown as 'Speaker N'" in [r.detail for r in episode.repairs][-1]


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_a_bracketed_id_that_lost_its_colon_still_names_its_speaker(kind: str) -> None:
    # Once without the colon, among cues with it: the id in brackets was left in the words,
    # and the cue given to the speaker before it.
    lines = [*WHISPERX[:3], "[SPEAKER_00] So how did it go?", "[SPEAKER_01]: Not too badly."]
    episode = parse_as(kind, caption_file(kind, lines))
    assert [(s.speaker, s.text) for s in episode.segments][-2:] == [
        ("Speaker 0", "So how did it go?"), ("Speaker 1", "Not too badly.")]


def test_recurring_bracketed_names_are_speakers_and_bracketed_sounds_are_not() -> None:
    episode = parse_as("srt", caption_file("srt", [
        "[Jane] Hello there.", "[Laughs] That's funny.", "[Bob] Hi, Jane.", "[Singing] La la la.",
        "[Jane] How are you?", "[Laughs] Fine.", "[Bob] Good, thanks.", "[Singing] And again.",
    ]))
    assert episode.speakers == ["Jane", "Bob"]
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Jane", "Hello there.", []), ("Jane", "That's funny.", ["[Laughs]"]),
        ("Bob", "Hi, Jane.", []), ("Bob", "La la la.", ["[Singing]"]),
        ("Jane", "How are you?", []), ("Jane", "Fine.", ["[Laughs]"]),
        ("Bob", "Good, thanks.", []), ("Bob", "And again.", ["[Singing]"]),
    ]


def test_bracketed_names_in_scripts_without_capitals_are_speakers() -> None:
    # The shapes of tigermorning/korean-subtitle-corrector's Korean SRT ("[이름] words") and of
    # JohnAdib/SubFixer's Persian SRT, whose names in brackets sit among long bracketed sounds
    # and Latin names. Our own words.
    korean = parse_as("srt", caption_file("srt", [
        "[지수] 어서 오세요.", "[태오] 고마워요.", "[음악]", "[지수] 차 드릴까요?", "[태오] 네, 좋아요.",
    ]))
    assert [(s.speaker, s.text) for s in korean.segments if s.text] == [
        ("지수", "어서 오세요."), ("태오", "고마워요."), ("지수", "차 드릴까요?"), ("태오", "네, 좋아요.")]
    persian = parse_as("srt", caption_file("srt", [
        "[موسیقی آرام ادامه دارد]", "[راننده] سلام، کجا می روید؟", "[مسافر] به فرودگاه لطفا.",
        "[Ravi] خیلی ممنون.", "[راننده] حرکت می کنیم.", "[مسافر] عجله دارم.", "[نگهبان ایستگاه] بایستید!",
        "[نگهبان ایستگاه] مدارک لطفا.", "[صدای بوق ماشین در خیابان]",
    ]))
    assert [(s.speaker, s.text) for s in persian.segments if s.text] == [
        ("راننده", "سلام، کجا می روید؟"), ("مسافر", "به فرودگاه لطفا."), ("Ravi", "خیلی ممنون."),
        ("راننده", "حرکت می کنیم."), ("مسافر", "عجله دارم."), ("نگهبان ایستگاه", "بایستید!"),
        ("نگهبان ایستگاه", "مدارک لطفا.")]  # fmt: skip
    # One sound's word said before the words again and again is no voice.
    music = parse_as("srt", caption_file("srt", ["[음악] 안녕하세요", "[음악] 반가워요", "[박수] 감사합니다"]))
    assert [(s.speaker, s.text) for s in music.segments] == [(None, "안녕하세요"), (None, "반가워요"), (None, "감사합니다")]


@pytest.mark.parametrize(
    ("first", "second"),
    [("한숨", "환호"), ("웃음소리", "박수갈채"), ("뉴스 속보", "현장 연결"), ("鼓掌", "欢呼"), ("屏幕文字", "画外音"),
     ("字幕", "脚步声"), ("ため息", "足音"), ("笑う", "拍手喝采"), ("تنهد", "هتاف"), ("천둥", "바람")],
)
def test_recurring_bracketed_sounds_and_screen_labels_in_scripts_without_capitals_are_no_speakers(
        first: str, second: str) -> None:
    # Subtitles for the deaf bracket a sigh, a cheer, footsteps or an on-screen caption before the
    # words, again and again; they are directions on their own cue, and no cue is glued to another.
    lines = [f"[{first}] 하나", f"[{second}] 둘", f"[{first}] 셋", f"[{second}] 넷", "다섯"]
    if first == "천둥":  # a sound no list knows comes in runs, where names take turns
        lines = [f"[{first}] 하나", f"[{first}] 둘", f"[{second}] 셋", f"[{second}] 넷", "다섯"]
    episode = parse_as("srt", caption_file("srt", lines))
    assert episode.speakers == []
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, None, "하나"), (2.0, None, "둘"), (4.0, None, "셋"), (6.0, None, "넷"), (8.0, None, "다섯")]
    assert [s.directions for s in episode.segments][:4] == [[f"[{line[1:line.index(']')]}]"] for line in lines[:4]]


def test_a_caption_without_a_bracket_after_caseless_bracketed_names_is_not_given_the_last_name() -> None:
    # Names in brackets in a script without capitals are weaker evidence than "Name:", so the name
    # labels only the cue it opens; the cue after it keeps its own time and names nobody.
    episode = parse_as("srt", caption_file("srt", [
        "[지수] 어서 오세요.", "[태오] 고마워요.", "[지수] 차 드릴까요?", "[태오] 네, 좋아요.", "[지수] 잠시만요.", "이쪽으로 오세요.",
    ]))
    assert [(s.start, s.speaker, s.text) for s in episode.segments][-2:] == [
        (8.0, "지수", "잠시만요."), (10.0, None, "이쪽으로 오세요.")]


@pytest.mark.parametrize(
    ("text", "spoken", "directions"),
    [
        ("[music continues] So, welcome back.", "So, welcome back.", ["[music continues]"]),
        ("Thanks. (theme music plays)", "Thanks.", ["(theme music plays)"]),
        ("(laughing): Oh, no.", "Oh, no.", ["(laughing)"]),
        ("The audio (which was bad) was fixed.", "The audio (which was bad) was fixed.", []),
        ("ELT (extract, load, transform) first.", "ELT (extract, load, transform) first.", []),
        # YouTube's caption for music alone: the brackets were left behind as words, "[ ]".
        ("[♪♪♪]", "", ["[♪♪♪]"]),
        ("[♪♪♪] So, welcome back.", "So, welcome back.", ["[♪♪♪]"]),
    ],
)
def test_words_around_a_sound_word_in_brackets_make_a_direction(text: str, spoken: str, directions: list[str]) -> None:
    assert split_directions(text) == (spoken, directions)


def test_a_sound_after_a_name_label_is_a_direction() -> None:
    # The shape of a hand-corrected podcast SRT (a faithful sample: the real one has no licence).
    episode = parse_srt(
        "1\n00:05:51,589 --> 00:05:55,339\nDan: the -- and there's like this --\nthe- the Taylor Swift song,\n\n"
        "2\n00:05:55,779 --> 00:05:57,900\nthe ... that's like the ...\n[singing] I know you were\n\n"
        "3\n00:05:58,000 --> 00:05:59,900\ntrouble. Or how's that song go?\n\n"
        "4\n00:06:00,199 --> 00:06:00,709\nBekah: [Singing] I know you-\n\n"
        "5\n00:06:00,709 --> 00:06:02,600\nDan: Some -- there's some -- but\nthere's-\n\n"
        "6\n00:06:02,779 --> 00:06:03,230\nBekah: -you walked in --\n\n"
    )
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Dan", "the -- and there's like this -- the- the Taylor Swift song, the ... that's like the ... "
                "I know you were trouble. Or how's that song go?", ["[singing]"]),
        ("Bekah", "I know you-", ["[Singing]"]),
        ("Dan", "Some -- there's some -- but there's-", []),
        ("Bekah", "-you walked in --", []),
    ]


def test_an_editors_bracketed_words_in_a_caption_stay_speech() -> None:
    # Edited transcripts bracket words the speaker implied; exported as captions, they are still said.
    episode = parse_srt(
        "1\n00:00:01,000 --> 00:00:03,000\n[It’s] for these sorts of things, right?\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\n[We solve this] by knowing what skills you want.\n\n"
    )
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("[It’s] for these sorts of things, right?", []),
        ("[We solve this] by knowing what skills you want.", []),
    ]


def test_a_sound_taken_out_before_punctuation_leaves_no_space_before_it() -> None:
    # A human-edited podcast SRT (Virtual Coffee's): "Right [chuckles]. Right, right." was stored as
    # "Right . Right, right." once the sound was set apart.
    episode = parse_srt("1\n00:00:01,000 --> 00:00:04,000\nDan: Right [chuckles]. Right, right.\n\n"
                        "2\n00:00:04,500 --> 00:00:07,000\nBekah: Yep [laughs]. That was good (laughs), so.\n\n")
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("Right. Right, right.", ["[chuckles]"]),
        ("Yep. That was good, so.", ["[laughs]", "(laughs)"]),
    ]


def test_an_editors_lower_case_words_inside_a_sentence_stay_speech_and_a_sound_does_not() -> None:
    # An oral-history interview's WebVTT (sciencehistory/scihist_digicoll's OHMS example, Apache-2.0):
    # the editor's insertions were cut out of the sentences as sounds, leaving "was Pearl Harbor."
    # and "Or Burnet, Texas?"; a captioner's "[door closes]" or "[footsteps on stairs]" between
    # sentences is still a sound.
    episode = formats.parse(
        "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v SCHNEIDER>So I know you were born in Burnet, Texas. "
        "Or [is it pronounced] Burnet, Texas?\n\n"
        "00:00:10.000 --> 00:00:19.000\n<v CHAPPELEAR>In ’41, first big event in my life was [the attack on] "
        "Pearl Harbor. He came to New Orleans, [Louisiana], [got] on a bus and came.\n\n"
        "00:00:20.000 --> 00:00:24.000\n<v CHAPPELEAR>My dad went to the door. [footsteps on stairs] "
        "[door closes] And he fainted.\n\n", Episode(id="x"), "chappelear.vtt")
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("So I know you were born in Burnet, Texas. Or [is it pronounced] Burnet, Texas?", []),
        ("In ’41, first big event in my life was [the attack on] Pearl Harbor. He came to New Orleans, "
         "[Louisiana], [got] on a bus and came.", []),
        ("My dad went to the door. And he fainted.", ["[footsteps on stairs]", "[door closes]"]),
    ]


def test_chinese_captions_join_without_spaces_and_end_sentences_at_their_full_stops() -> None:
    # The shape of fan-subbed Chinese talk captions: short lines cut mid-sentence, sentences
    # ended by "。" with no space after it, Latin names spaced inside.
    lines = ["大家好。", "我是来自 Brain Robotics 团队的 Alex，", "今天我们来聊一聊", "如何在播客里",
             "找到某一句话。", "首先，我们需要", "把每一集的字幕", "都变成文字。", "然后再建立索引，",
             "这样搜索就很快了。", "谢谢大家。"]  # fmt: skip
    episode = parse_srt("".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{line}\n\n"
                                for k, line in enumerate(lines)))  # fmt: skip
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.0, "大家好。"),
        (2.0, "我是来自 Brain Robotics 团队的 Alex，今天我们来聊一聊如何在播客里找到某一句话。"),
        (10.0, "首先，我们需要把每一集的字幕都变成文字。"),
        (16.0, "然后再建立索引，这样搜索就很快了。"),
        (20.0, "谢谢大家。"),
    ]
    # Korean writes spaces between words: its fragments keep them.
    korean = ["안녕하세요 여러분", "오늘은 검색에 대해", "이야기합니다."] * 4
    episode = parse_srt("".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{line}\n\n"
                                for k, line in enumerate(korean)))  # fmt: skip
    assert episode.segments[0].text == "안녕하세요 여러분 오늘은 검색에 대해 이야기합니다."


def test_a_time_repair_on_every_cue_is_one_report_line_with_a_count() -> None:
    # Auto-captions often overlap each cue with the next; a report line per cue buried the rest.
    episode = parse_srt("".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 3:02d},000\nline {k}\n\n"
                                for k in range(12)))  # fmt: skip
    overlaps = [r for r in episode.repairs if r.kind == "overlap"]
    assert len(overlaps) == 1 and overlaps[0].detail.startswith("11 times; the first: "), overlaps


def test_a_two_voice_film_cue_splits_at_its_dashes_spaced_or_not() -> None:
    # Film subtitles dash each voice's line, often without a space; a lone dashed line may be a cut word.
    episode = parse_srt("1\n00:12:15,267 --> 00:12:18,457\n-Yeah.\n- We... suck.\n\n"
                        "2\n00:12:19,000 --> 00:12:20,000\n-you walked in\n\n")  # fmt: skip
    assert [s.text for s in episode.segments] == ["Yeah.", "We... suck.", "-you walked in"]


@pytest.mark.parametrize("kind", ["srt", "vtt", "sbv"])
def test_captions_that_dash_every_turn_split_at_a_dash_inside_a_line_too(kind: str) -> None:
    # Uploaded captions whose lines were joined (as a video site's transcript panel shows them)
    # keep a dialogue dash for each change of speaker inside the line; it was left in the words.
    episode = parse_as(kind, caption_file(kind, [
        "- Welcome back. - Thanks, good to be here.", "- So where were we? - The budget.",
        "We were - you know, stuck on it. - [Ana] Right, the budget.", "- [Ana] Let's start. - Sure. - Go on.",
    ]))
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 0.527, None, "Welcome back."), (0.527, 1.5, None, "Thanks, good to be here."),
        (2.0, 2.911, None, "So where were we?"), (2.911, 3.5, None, "The budget."),
        (4.0, 4.96, None, "We were - you know, stuck on it."), (4.96, 5.5, "Ana", "Right, the budget."),
        (6.0, 6.783, "Ana", "Let's start."), (6.783, 7.109, None, "Sure."), (7.109, 7.5, None, "Go on."),
    ]  # fmt: skip
    assert "dialogue_dashes" in kinds(episode)
    # Film subtitles dash the lines of a two-voice cue; a dash inside a line now and then is the
    # speaker's own, and ordinary captions read as they did.
    film = parse_as(kind, caption_file(kind, [
        "- Did you see him?\n- Yes. Jim - The Jim - at noon.", "- Where?\n- At the shop.", "Tell me more.",
    ]))
    assert [s.text for s in film.segments] == [
        "Did you see him?", "Yes. Jim - The Jim - at noon.", "Where?", "At the shop.", "Tell me more.",
    ]
    assert "dialogue_dashes" not in kinds(film)


def test_an_interviews_captions_dash_few_lines_and_still_split_inside_one() -> None:
    # Talk Python's captions: each turn runs over many captions, so dashes open only 8% of the
    # lines, and a quick reply shares a line with the end of a question ("You came on our show.
    # - Yeah, thank you."). A faithful sample: 4 dashed lines in 60, 3 turns inside a line.
    talk = [f"and this is line {k} of a long answer about deploying Django" for k in range(60)]
    talk[0] = "- Hey, everyone out there on the live stream."
    talk[10] = "You came on our show. - Yeah, thank you."
    talk[11] = "- Yeah, you came on our show and I was on yours."
    talk[30] = "So if that-- - Is it three years?"
    talk[31] = "- Three years, yes."
    talk[50] = "They're not-- - On GitHub."
    talk[51] = "- On GitHub, yeah, sure."
    vtt = "WEBVTT\n\n" + "".join(f"00:{k // 30:02d}:{2 * k % 60:02d}.000 --> 00:{k // 30:02d}:{2 * k % 60 + 1:02d}.500\n"
                                  f"{line}\n\n" for k, line in enumerate(talk))  # fmt: skip
    episode = parse_as("vtt", vtt)
    texts = [s.text for s in episode.segments]
    for question, reply in (("You came on our show.", "Yeah, thank you."), ("So if that--", "Is it three years?"),
                            ("They're not--", "On GitHub.")):  # fmt: skip
        assert texts[texts.index(reply) - 1].endswith(question)
    assert not any(" - " in text for text in texts)
    assert "dialogue_dashes" in kinds(episode)


def test_a_name_on_a_line_of_its_own_heading_most_cues_is_the_speaker() -> None:
    # Meeting tools' shape (Teams' Word transcript is one): the name above the words in each cue.
    cue = "{k}\n00:00:{s:02d}.000 --> 00:00:{e:02d}.000\n{name}\n{text}\n\n"
    lines = [("Jane Doe", "Hi! I'm Jane, and I run the data team."), ("John Doe", "And I'm John."),
             ("Jane Doe", "Today we plan next year."), ("John Doe", "It has been a turbulent one.")]  # fmt: skip
    episode = parse_vtt("WEBVTT\n\n" + "".join(cue.format(k=k, s=3 * k, e=3 * k + 3, name=n, text=t)
                                               for k, (n, t) in enumerate(lines)))  # fmt: skip
    assert [(s.speaker, s.text) for s in episode.segments] == lines
    assert "name_lines" in kinds(episode)
    # A caption whose first line merely looks like a name, once, stays words.
    film = parse_vtt("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nGood Morning\nVietnam, he said.\n\n"
                     "00:00:04.000 --> 00:00:06.000\nAnd then we left.\n")  # fmt: skip
    assert [s.speaker for s in film.segments] == [None, None] and "name_lines" not in kinds(film)
    assert film.segments[0].text == "Good Morning Vietnam, he said."


def test_a_webvtt_header_line_may_carry_the_title() -> None:
    # noScribe writes the title after "WEBVTT" on the first line, as the spec allows; the title
    # was the file name. File notes there are no title.
    cue = "\n\n00:00:01.000 --> 00:00:04.000\nWelcome back.\n"
    episode = parse_vtt("WEBVTT A talk about pricing freelance work" + cue)
    assert episode.title == "A talk about pricing freelance work" and episode.segments[0].text == "Welcome back."
    for note in ("WEBVTT", "WEBVTT FILE", "WEBVTT - This file has no cues", "WEBVTT Kind: captions",
                 "WEBVTT - Generated by Subtitle Edit"):  # fmt: skip
        assert parse_vtt(note + cue).title is None, note


def test_noscribes_overlapping_speech_in_a_cue_is_its_speakers_own_segment() -> None:
    # noScribe's WebVTT (a sample in the shape of its own test file): a paragraph a cue, another voice
    # heard during it inline, "//S02: … //". The marks and the other's words were the cue's speaker's.
    vtt = ("WEBVTT A talk about pricing\n\n1\n00:00:12.140 --> 00:00:30.010\n"
           "<v S01>Welcome to the show. //S02: Great topic. // Today we talk pricing.\n\n"
           "2\n00:00:36.190 --> 00:00:36.330\n<v S00>Thanks.\n")  # fmt: skip
    episode = formats.parse(vtt, Episode(id="test"), "talk.vtt")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (12.14, 30.01, "Speaker 1", "Welcome to the show. Today we talk pricing."),
        (12.14, 30.01, "Speaker 2", "Great topic."), (36.19, 36.33, "Speaker 0", "Thanks.")]  # fmt: skip


def test_google_meets_recorded_captions_name_speakers_in_parentheses() -> None:
    # Google Meet's caption file (as a public converter's README shows it): "(Name)" on a
    # line of its own, and a second speaker in the same cue after a lone dash and a line
    # holding a space. The names were words: "(Danyel Fisher) I wanted to start...".
    meet = (
        "WEBVTT\n\n"
        "00:00:08.000 --> 00:00:12.000\n(Danyel Fisher)\nI wanted to start with a little background so we know who we're talking\n\n"
        "00:00:12.000 --> 00:00:16.000\n(Danyel Fisher)\nto. What is your\n\n"
        "00:00:16.000 --> 00:00:20.000\n(Danyel Fisher)\nbackground?\n-\n \n(Dana Bettinger)\nPickle wise or lifewise\n\n"
        "00:00:20.000 --> 00:00:24.000\n(Danyel Fisher)\nLet's go with buggy wise, do you\n-\n \n(Dana Bettinger)\nor buggy\n"
    )
    episode = parse_vtt(meet)
    assert [s.speaker for s in episode.segments] == ["Danyel Fisher", "Dana Bettinger", "Danyel Fisher", "Dana Bettinger"]
    assert episode.segments[0].text.startswith("I wanted to start") and episode.segments[0].text.endswith("your background?")
    assert episode.segments[1].text == "Pickle wise or lifewise" and episode.segments[3].text == "or buggy"
    assert "(" not in " ".join(s.text for s in episode.segments) and "name_lines" in kinds(episode)
    # Sounds in parentheses on a line of their own stay directions, however often they recur.
    sounds = parse_vtt("WEBVTT\n\n" + "".join(
        f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\n(Applause)\nThank you all, number {k}.\n\n" for k in range(4)))
    assert [s.speaker for s in sounds.segments] == [None] * len(sounds.segments)
    assert "name_lines" not in kinds(sounds)


@pytest.mark.parametrize("kind", ["srt", "vtt", "sbv"])
def test_a_word_a_caption_line_broke_at_its_hyphen_is_one_word(kind: str) -> None:
    # Caption tools break a cue's lines where a compound word's hyphen falls, as textwrap does.
    episode = parse_as(kind, caption_file(kind, [
        "We talked about data-\ndriven teams today.", "And about well-\nknown tools, and about\nwhat comes next.",
        "A dash - \nalone stays a dash.", "Tools that are AI-\nor ML-driven, in my sub-\nsub-discipline.",
        "I was gonna-\nyou know, leave it, and the-\nthe um, so-\ncalled plan.",
    ]))
    assert [s.text for s in episode.segments] == [
        "We talked about data-driven teams today.", "And about well-known tools, and about what comes next.",
        "A dash - alone stays a dash.",
        # A hyphen left hanging for the next compound, or a false start, is not a broken word.
        "Tools that are AI- or ML-driven, in my sub- sub-discipline.",
        "I was gonna- you know, leave it, and the- the um, so-called plan.",
    ]


@pytest.mark.parametrize("kind", ["srt", "vtt", "sbv"])
def test_japanese_captions_written_word_by_word_lose_the_spaces(kind: str) -> None:
    # AssemblyAI's captions of Japanese speech space every word, as its JSON does; Japanese writes none.
    episode = parse_as(kind, caption_file(kind, [
        "今日 の テーマ は チーズ さん の 転職 3 日 目 の 感想 です。", "よろしく お 願い し ます。 IT トリオ へ ようこそ!",
    ]))
    assert [s.text for s in episode.segments] == [
        "今日のテーマはチーズさんの転職3日目の感想です。", "よろしくお願いします。ITトリオへようこそ!",
    ]
    assert "spaced_cjk" in [r.kind for r in episode.repairs]
    # a space here and there is the writer's, and Korean spaces its words
    for text in ("今日のテーマは転職です。 では始めましょう。", "오늘의 주제는 이직입니다."):
        kept = parse_as(kind, caption_file(kind, [text]))
        assert [s.text for s in kept.segments] == [text]


@pytest.mark.parametrize(("name", "text"), [
    # A script's own SubRip: Python's timedelta as the times ("0:00:04.480000", "0:00:09").
    ("talk.txt", "1\n0:00:00-->0:00:04.480000\nHello there, welcome to the show.\n\n2\n0:00:04.480000-->0:00:09\n"
                 "Thanks for having me.\n\n3\n0:00:09-->0:00:12.250000\nLet's start.\n\n"),
    # Whole seconds and no cue numbers.
    ("talk.srt", "00:00:00 --> 00:00:04\nHello there, welcome to the show.\n\n00:00:04 --> 00:00:09\n"
                 "Thanks for having me.\n\n00:00:09 --> 00:00:12\nLet's start.\n"),
])
def test_caption_times_without_milliseconds_are_still_captions(name: str, text: str) -> None:
    # Read as plain text before: one untimed paragraph per cue, its timing line among the words.
    episode = formats.parse(text, Episode(id="test"), name)
    assert episode.source_format == "srt"
    assert [s.text for s in episode.segments] == [
        "Hello there, welcome to the show.", "Thanks for having me.", "Let's start."]
    assert [s.start for s in episode.segments][:2] == [0.0, 4.48 if name == "talk.txt" else 4.0]


def test_scenarist_captions_are_refused_in_one_line_not_stored_as_codes() -> None:
    # pycaption's example.scc opens so (Apache-2.0): broadcast caption codes, which were stored
    # as five segments of hex ("9420 94d0 9723 ...").
    scc = "Scenarist_SCC V1.0\n\n00:00:00:00\t9420 94d0 9723 4ce5 f4f2 6120 f4f2\n\n00:00:02:14\t942c 942f\n"
    with pytest.raises(SourceRejected, match=r"Scenarist closed captions \(SCC\) .* convert them to SubRip or WebVTT"):
        formats.parse(scc, Episode(id="scc"), "talk.scc")


def test_bilingual_captions_keep_the_first_language_as_speech_and_the_other_as_a_translation() -> None:
    # A podcast's captions with a machine translation under each line (a sample in the shape of a
    # French show's published WebVTT, whose header is itself in both classes): every cue was read
    # as both languages run together, "Et bienvenue ! And welcome!".
    text = (
        "<c.fr>WEBVTT</c>\n<c.en>WEBVTT</c>\n\n"
        "00:00.000 --> 00:04.000\n<c.fr>Et bienvenue à l'apéro du Capitaine Web !</c>\n"
        "<c.en>And welcome to Captain Web's aperitif!</c>\n\n"
        "00:04.000 --> 00:05.840\n<c.fr>Capitaine Web !</c>\n<c.en>Captain Web!</c>\n\n"
        "00:05.840 --> 00:07.000\n<c.fr>Ah c'est l'apéro !</c>\n<c.en>Ah, it's the aperitif!</c>\n"
    )
    episode = parse_source("2009-08-09.vtt", text.encode())
    assert isinstance(episode, Episode)
    spoken = " ".join(s.text for s in episode.segments)
    assert spoken == "Et bienvenue à l'apéro du Capitaine Web ! Capitaine Web ! Ah c'est l'apéro !"
    assert episode.extra["translations"] == {
        "en": "And welcome to Captain Web's aperitif! Captain Web! Ah, it's the aperitif!"}
    assert "translations" in [r.kind for r in episode.repairs]
    # Captions with a voice's class on a line now and then are not bilingual.
    one = parse_source("x.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n<c.fr>Bonjour !</c>\n\n"
                                b"00:02.000 --> 00:04.000\nHello again.\n\n00:04.000 --> 00:06.000\nAnd again.\n")
    assert isinstance(one, Episode) and "translations" not in one.extra


def test_japanese_meeting_captions_keep_a_name_said_once_after_a_recurring_one() -> None:
    # Yoshi-Seed/global's meeting WebVTT (its shape, our words): every cue opens with its speaker in
    # full-width brackets, and two people speak once, each right after Yoshi. Their words went to Yoshi,
    # the bracketed name left in them.
    names = ["司会", "Yoshi", "駿人", "Yoshi", "遥", "Yoshi", "ニッシー", "Yoshi", "友子", "司会"]
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{4 * k:02d}.000 --> 00:00:{4 * k + 4:02d}.000\n（{name}）第{k}の発言です。\n\n"
                                 for k, name in enumerate(names))  # fmt: skip
    episode = formats.parse(vtt, Episode(id="x"), "meeting.vtt")
    assert [s.speaker for s in episode.segments] == names
    assert not any("（" in s.text for s in episode.segments)


def test_chinese_captions_name_their_speakers_before_a_full_width_colon() -> None:
    # "主持人：" (host) opens a cue as "Host:" would; the full-width colon has no space after it. No
    # speaker was found, the labels left in the words; a guest who speaks once is one too.
    lines = ["主持人：大家好，欢迎收听本期节目。", "张伟：谢谢邀请，很高兴来到这里。", "主持人：我们先聊聊你的工作吧。",
             "李娜：我补充一句。", "主持人：好的，谢谢。"]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{4 * k:02d}.000 --> 00:00:{4 * k + 4:02d}.000\n{line}\n\n"
                                 for k, line in enumerate(lines))  # fmt: skip
    episode = formats.parse(vtt, Episode(id="x"), "episode.vtt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("主持人", "大家好，欢迎收听本期节目。"), ("张伟", "谢谢邀请，很高兴来到这里。"), ("主持人", "我们先聊聊你的工作吧。"),
        ("李娜", "我补充一句。"), ("主持人", "好的，谢谢。")]  # fmt: skip


def test_one_word_before_a_full_width_colon_in_a_lecture_is_no_speaker() -> None:
    # "注意：" (note:) opens a lecture's captions now and then; one such word, however often, names no one.
    lines = ["今天我们来讲线性代数。", "注意：这里的矩阵是方阵。", "我们把它乘以一个向量。", "注意：顺序很重要。",
             "这就是线性变换。"] * 3  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{3 * k:02d}.000 --> 00:00:{3 * k + 3:02d}.000\n{line}\n\n"
                                 for k, line in enumerate(lines))  # fmt: skip
    episode = formats.parse(vtt, Episode(id="x"), "lecture.vtt")
    assert episode.speakers == [] and "注意：这里的矩阵是方阵。" in " ".join(s.text for s in episode.segments)


def test_japanese_captions_name_their_speakers_in_full_width_brackets() -> None:
    # A Japanese meeting's WebVTT (the shape of a real file without a licence): every cue opens with
    # its speaker in full-width brackets. No speaker was found and "（司会）" stayed in the words.
    lines = ["（司会）おはようございます。本日の朝会議を始めます。", "（Yoshi）ありがとうございます。では進捗から。",
             "（駿人）補足します。見積もりも更新しました。", "（Yoshi）了解。では来週のタスク。",
             "（遥）私が集計テンプレートを先に準備しておきます。", "（駿人）承知です。",
             "（司会）（笑）それでは以上です。"]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{4 * k:02d}.000 --> 00:00:{4 * k + 4:02d}.000\n{line}\n\n"
                                 for k, line in enumerate(lines))  # fmt: skip
    episode = formats.parse(vtt, Episode(id="x"), "meeting.vtt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("司会", "おはようございます。本日の朝会議を始めます。"), ("Yoshi", "ありがとうございます。では進捗から。"),
        ("駿人", "補足します。見積もりも更新しました。"), ("Yoshi", "了解。では来週のタスク。"),
        ("遥", "私が集計テンプレートを先に準備しておきます。"),  # said once, beside names that recur
        ("駿人", "承知です。"), ("司会", "（笑）それでは以上です。"),
    ]


def test_a_laugh_in_full_width_brackets_is_no_speaker() -> None:
    lines = ["（笑）そうですね。", "（笑）本当にそうです。", "では始めましょう。", "（拍手）ありがとうございました。",
             "（笑）またね。", "（笑）はい。"]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{4 * k:02d}.000 --> 00:00:{4 * k + 4:02d}.000\n{line}\n\n"
                                 for k, line in enumerate(lines))  # fmt: skip
    episode = formats.parse(vtt, Episode(id="x"), "talk.vtt")
    assert all(s.speaker is None for s in episode.segments)


def _srt(lines: list[str], step: float = 3.0) -> str:
    def clock(t: float) -> str:
        return f"00:{int(t) // 60:02d}:{int(t) % 60:02d},{round(t % 1 * 1000):03d}"

    return "".join(f"{k}\n{clock(step * (k - 1))} --> {clock(step * k)}\n{line}\n\n" for k, line in enumerate(lines, 1))


def test_a_language_tag_opening_every_cue_is_the_cues_language_not_a_speaker() -> None:
    # A Catalan talk whose whisper SRT a script re-wrote with each cue's language in brackets
    # (the shape of a real file without a licence: "[CAT]  text", "[ES]  text", "[??]  text").
    # "CAT" and "ES" were read as two speakers, carried over the "[??]" cues, and "[??]" stayed in the words.
    lines = ["[CAT]  Hem hagut la xerrada de la democràcia.", "[CAT]  Avui parlarem d'això.",
             "[??]  Quines serien les consells d'aquest consell?", "[ES]  Muchísimas gracias, Jordi.",
             "[ES]  Vamos ahora a presentar unos cuantos sistemas políticos.", "[CAT]  Bé, doncs què passa?",
             "[CAT]  Nosaltres ja comencem."]  # fmt: skip
    episode = parse_source("audio xerrada 10 juliol_amb_idioma.srt", _srt(lines).encode())
    assert isinstance(episode, Episode)
    assert {s.speaker for s in episode.segments} == {None}
    spoken = " ".join(s.text for s in episode.segments)
    assert "[" not in spoken and spoken.startswith("Hem hagut la xerrada")
    assert "Quines serien les consells d'aquest consell? Muchísimas gracias, Jordi." in spoken
    assert episode.extra["cue_languages"] == {"CAT": 4, "ES": 2, "??": 1}
    assert "language_tags" in kinds(episode)
    # Bracketed initials on every cue are people, not languages; a tag on some cues only is left alone.
    people = parse_source("x.srt", _srt(["[JD]  Hello.", "[MK]  Hi.", "[JD]  How are you?", "[MK]  Fine."]).encode())
    assert isinstance(people, Episode) and [s.speaker for s in people.segments] == ["JD", "MK", "JD", "MK"]
    some = parse_source("x.srt", _srt(["[EN]  Hello.", "And more.", "[EN]  Again.", "Done."]).encode())
    assert isinstance(some, Episode) and "cue_languages" not in some.extra


def test_a_transcribers_unclear_mark_is_no_word() -> None:
    # Virtual Coffee's hand-corrected SRT marks words not made out "[??]": it stayed in the words,
    # six times ("you fire this? [??]"), where "[inaudible]" is set apart.
    episode = parse_srt(_srt(["Kirk: Out of the things, you fire this? [??]", "Dan: It's nice to not be told",
                              "that in another time [??]. So, mostly positive.",
                              "Kirk: Finding other [?] spaces [inaudible] here."]))  # fmt: skip
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Kirk", "Out of the things, you fire this?", ["[??]"]),
        ("Dan", "It's nice to not be told that in another time. So, mostly positive.", ["[??]"]),
        ("Kirk", "Finding other spaces here.", ["[?]", "[inaudible]"]),
    ]


def test_a_sound_alone_in_a_cue_mid_sentence_stays_in_the_speakers_turn() -> None:
    # Virtual Coffee: a cue that is only "[chuckles]" in the middle of Dan's sentence was a segment of
    # nobody's ("[24:05] [chuckles]"), cutting his turn in two.
    episode = parse_srt(_srt(["Dan: And with -- along with that, sort of", "copied the co-working room experience and",
                              "[chuckles]", "made it -- so that our group leaders", "could use our Zoom for events.",
                              "Bekah: Yeah, I think it's been great.", "[laughs]", "Kirk: Same here."]))  # fmt: skip
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Dan", "And with -- along with that, sort of copied the co-working room experience and made it -- so that "
                "our group leaders could use our Zoom for events.", ["[chuckles]"]),
        ("Bekah", "Yeah, I think it's been great.", []),
        (None, "", ["[laughs]"]),  # between two speakers: whose laugh, the file does not say
        ("Kirk", "Same here.", []),
    ]


def test_the_stop_after_a_sound_is_no_segment_of_its_own() -> None:
    # Virtual Coffee: a cue "[laughs]." became a segment whose words were only "."; after an unended
    # sentence the stop ends it.
    episode = parse_srt(_srt(["Bekah: And somebody was like, \"What?\"", "[laughs].",
                              "Dan: It's amazing! Okay.", "Kirk: I can upset an", "entire fandom right now",
                              "[laughs].", "Dan: I mean, go for it."]))  # fmt: skip
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Bekah", "And somebody was like, \"What?\"", []),
        (None, "", ["[laughs]"]),
        ("Dan", "It's amazing! Okay.", []),
        ("Kirk", "I can upset an entire fandom right now.", []),
        (None, "", ["[laughs]"]),
        ("Dan", "I mean, go for it.", []),
    ]


def test_the_stop_and_quote_after_a_sound_opening_a_cue_are_not_left_before_the_words() -> None:
    # Virtual Coffee's cue '[laughs]." The' (a quote closed after the laugh): where a new speaker's
    # label opens the cue, the stop and quote end nothing of theirs; they were left as '." The whole…'.
    episode = parse_srt(_srt(['Kirk: And then he was like, "I\'m not playing anymore',
                              'Bekah: [laughs]." The whole point of being here', "is to play.",
                              "Kirk: Right."]))  # fmt: skip
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Kirk", 'And then he was like, "I\'m not playing anymore', []),
        ("Bekah", "The whole point of being here is to play.", ["[laughs]"]),
        ("Kirk", "Right.", []),
    ]


# Podcasting 2.0 SRT as Buzzsprout writes it: the name on a turn's first cue only, and "Unknown:"
# for a voice its speaker detection could not name.
UNKNOWN_SRT = """1
00:00:36,780 --> 00:00:41,340
Dave Jones: Oh, there you go. Adam
Clark curry, sir.

2
00:00:41,340 --> 00:00:44,790
Unknown: Adam Clark curry. Yes.

3
00:00:44,790 --> 00:00:48,000
Dave Jones: Don't for one day. Party.

4
00:00:48,000 --> 00:00:51,150
Adam Curry: Why are you being stern
with me? You threw out an Adam

5
00:00:51,150 --> 00:00:53,400
Unknown: Good tell that to my AD
team. Okay.
"""


def test_an_unknown_label_is_the_unknown_speaker_who_is_no_one() -> None:
    episode = read("episode.srt", UNKNOWN_SRT)
    assert [s.speaker for s in episode.segments] == ["Dave Jones", "Unknown Speaker", "Dave Jones", "Adam Curry",
                                                     "Unknown Speaker"]
    assert episode.segments[1].text == "Adam Clark curry. Yes."
    (note,) = [r.detail for r in episode.repairs if r.kind == "unknown_speaker"]
    assert note.startswith("2 segments labelled 'Unknown' are a voice the transcript does not name")
    for label in ("Unidentified", "UNKNOWN", "unknown speaker"):
        assert read("e.srt", UNKNOWN_SRT.replace("Unknown:", f"{label}:")).speakers[1] == "Unknown Speaker"


def test_right_to_left_lines_that_open_with_their_stop_end_with_it() -> None:
    # Arabic subtitles laid out left to right write each line's stop first ('."لأولمبياد 2012 في "لندن');
    # joined into sentences, the stop glued one cue's last word to the next one's first
    # ("راع."لأولمبياد"), so neither word could be found. A faithful sample.
    srt = ('1\n00:00:53,100 --> 00:00:55,800\nتم اختيار مجموعة "شينهوا" كأكبر راع\n\n'
           '2\n00:00:55,866 --> 00:00:57,266\n.لأولمبياد 2012 في لندن\n\n'
           '3\n00:00:57,633 --> 00:00:59,533\n...في وسط الأزمة الاقتصادية العالمية\n\n'
           '4\n00:01:00,166 --> 00:01:02,833\n،منذ بداية الازدهار الاقتصادي الكوري\n\n'
           '5\n00:01:03,000 --> 00:01:05,000\n!فإن شركة واحدة قد احتلت القمة\n\n')  # fmt: skip
    episode = parse_as("srt", srt)
    said = " ".join(s.text for s in episode.segments)
    assert said == ('تم اختيار مجموعة "شينهوا" كأكبر راع لأولمبياد 2012 في لندن. في وسط الأزمة الاقتصادية '
                    'العالمية... منذ بداية الازدهار الاقتصادي الكوري، فإن شركة واحدة قد احتلت القمة!')  # fmt: skip
    assert "rtl_stops" in kinds(episode)


# Microsoft Stream's and Teams' older WebVTT: H:M:S times, each cue's voice an account id, and
# people talking over each other (the shape of a real meeting export; the words are written here).
_A = "88b66bf7-d0d1-4ed1-bb80-ce79d271ac2a@72f988bf-86f1-41af-91ab-2d7cd011db47"
_B = "cc8e364a-44c1-4719-94fe-0be3016912cd@72f988bf-86f1-41af-91ab-2d7cd011db47"
_C = "68f0e9b4-d6de-4cad-9c2a-9b587e97837f@72f988bf-86f1-41af-91ab-2d7cd011db47"
STREAM_VTT = f"""WEBVTT

0:0:0.0 --> 0:0:3.330
<v {_A}>We have a summary for this meeting, right? So.</v>

0:0:4.430 --> 0:0:22.400
<v {_B}>I wanted a progress report, the status of what everyone is working on, and then we can plan the week and go through the open items one by one.</v>

0:0:4.870 --> 0:0:5.970
<v {_A}>I would, yeah.</v>

0:0:11.610 --> 0:0:18.340
<v {_C}>A progress report from each one of us then.</v>

0:0:17.130 --> 0:0:17.470
<v {_A}>Right?</v>
"""


def test_another_speakers_interjection_leaves_the_long_turn_its_own_end() -> None:
    episode = formats.parse(STREAM_VTT, Episode(id="test"), "meeting.vtt")
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (0.0, 3.33, "Speaker 1"), (4.43, 22.4, "Speaker 2"), (4.87, 5.97, "Speaker 1"),
        (11.61, 18.34, "Speaker 3"), (17.13, 17.47, "Speaker 1"),
    ]  # fmt: skip
    assert "overlap" not in kinds(episode)
    assert "2 cues run on past the start of another speaker's next cue" in next(
        r.detail for r in episode.repairs if r.kind == "talking_at_once")
    # The account ids, all the export gives, are numbered in the order they first speak.
    assert "3 account ids with no name" in next(r.detail for r in episode.repairs if r.kind == "speaker_ids")


def test_one_speakers_overlapping_cues_are_still_cut_where_the_next_starts() -> None:
    episode = parse_vtt("WEBVTT\n\n00:00.000 --> 00:05.000\n<v Ana>First part of a sentence that goes on and\n\n"
                        "00:03.000 --> 00:08.000\n<v Ana>its second part.\n")  # fmt: skip
    assert "overlap" in kinds(episode)
    assert "talking_at_once" not in kinds(episode)


def test_chinese_diarizer_ids_in_full_width_brackets_open_turns_in_captions() -> None:
    # Alibaba's captions of a Chinese podcast (weisi-gu/xiaoyuzhou-podcast-notes, MIT; a faithful sample):
    # "【说话人N】" opens only each turn's first caption. 86 of 1,196 captions had one, too few to count:
    # no caption had a speaker, and the ids stayed in the words.
    lines = ["【说话人0】我们审视时间的价值。", "欢迎收听本期节目。", "今天我们聊一聊市场。", "那我们就先请第一位朋友开始吧。",
             "【说话人1】 主持人好，各位同学们好。", "我先分享一下我自己的事情。", "【说话人0】好的，请讲。", "谢谢大家。"]  # fmt: skip
    episode = formats.parse(caption_file("srt", lines), Episode(id="x"), "vol95.srt")
    assert [s.speaker for s in episode.segments] == ["Speaker 0"] * 4 + ["Speaker 1"] * 2 + ["Speaker 0"] * 2
    assert not any("说话人" in s.text for s in episode.segments)


def test_three_chevrons_opening_broadcast_captions_are_no_words() -> None:
    # Seattle's council captions (CouncilDataProject/cdp-backend, MPL-2.0): ">>>" opens the meeting, a
    # new subject in broadcast captioning; one ">" was left in front of "GOOD MORNING EVERYONE."
    episode = parse_vtt("WEBVTT\n\n00:05.872 --> 00:09.409\n&gt;&gt;&gt; GOOD MORNING EVERYONE.\n\n"
                        "00:09.476 --> 00:12.345\n&gt;&gt; THANK YOU.\n")  # fmt: skip
    assert [s.text for s in episode.segments] == ["GOOD MORNING EVERYONE.", "THANK YOU."]


def test_chevrons_inside_a_caption_change_the_voice_there_too() -> None:
    # A lecture's Amara DFXP (pculture/babelsubs, see SOURCES.md): students' questions come in the middle of
    # a line ("questions. >> Wait, you're saying…"), and 17 ">>" marks stayed in the lecturer's words.
    episode = parse_vtt("WEBVTT\n\n00:00.000 --> 00:01.000\n&gt;&gt; Good morning.\n\n"
                        "00:01.000 --> 00:04.000\nAny questions? &gt;&gt; Wait, you're saying\n\n"
                        "00:04.000 --> 00:07.000\nyou don't show bonds? &gt;&gt; Yes. That's right.\n\n"
                        "00:07.000 --> 00:09.000\nShift it: x >>2 moves two places.\n")  # fmt: skip
    assert [s.text for s in episode.segments] == [
        "Good morning.", "Any questions?", "Wait, you're saying", "you don't show bonds?", "Yes. That's right.",
        "Shift it: x >>2 moves two places."]
    # As where the mark opens a line of its own.
    lined = parse_vtt("WEBVTT\n\n00:00.000 --> 00:01.000\n&gt;&gt; Good morning.\n\n"
                      "00:01.000 --> 00:04.000\nAny questions?\n&gt;&gt; Wait, you're saying\n\n"
                      "00:04.000 --> 00:07.000\nyou don't show bonds?\n&gt;&gt; Yes. That's right.\n")  # fmt: skip
    assert [(s.start, s.text) for s in lined.segments] == [(s.start, s.text) for s in episode.segments][:5]
    # Where no caption opens with the mark, one inside a line is what was written (podsift's own exports).
    written = parse_vtt("WEBVTT\n\n00:01.000 --> 00:04.000\nShift it right. >> moves bits.\n")
    assert [s.text for s in written.segments] == ["Shift it right. >> moves bits."]


def test_review_a_mistyped_end_over_another_speakers_cues_is_still_cut() -> None:
    episode = formats.parse("WEBVTT\n\n00:00.000 --> 10:00.000\n<v Ana>Hello there.\n\n00:03.000 --> 00:04.000\n"
                            "<v Bo>Hi.\n\n00:05.000 --> 00:06.000\n<v Bo>Yes.\n", Episode(id="x"), "a.vtt")  # fmt: skip
    assert [(s.start, s.end) for s in episode.segments][0] == (0.0, 3.0)


def test_a_cue_id_that_names_the_speaker_gives_the_speaker() -> None:
    # A lecture's meeting-recording VTT (WGUlectures/wguresources, see SOURCES.md) names the speaker
    # in each cue's id with a participant number: all 177 cues had no speaker.
    text = ('WEBVTT\n\n1 "PatJohn Ashkin" (1063281152)\n00:00:04.019 --> 00:00:24.019\nOkay, hello, everyone. '
            'Welcome to tonight\'s Kahoot game.\n\n2 "Dana Ruiz" (16778240)\n00:00:24.019 --> 00:00:28.860\n'
            'Is there a prize?\n\n3 "PatJohn Ashkin" (1063281152)\n00:00:28.860 --> 00:00:46.200\n'
            "No, there's no prizes. Alright, let's do it.\n")  # fmt: skip
    episode = parse_vtt(text)
    assert [(s.speaker, s.text[:8]) for s in episode.segments] == [
        ("PatJohn Ashkin", "Okay, he"), ("Dana Ruiz", "Is there"), ("PatJohn Ashkin", "No, ther")]


def test_a_caption_that_is_one_bracket_of_words_is_a_sound() -> None:
    # Hand-made YouTube captions (WizardTim/WizardTim-captions, see SOURCES.md) set sounds in title case
    # ("[Alarm Horn]"): they were stored as speech, only lower-case brackets counted.
    text = ("WEBVTT\n\n00:00:01.580 --> 00:00:08.260\n[Alarm Horn]\n\n00:00:08.260 --> 00:00:12.480\nOh no, no, no!\n\n"
            "00:00:20.700 --> 00:00:22.160\n[Metal Gear Solid 'Alert']\n\n00:00:22.160 --> 00:00:25.439\n"
            "So yeah, unfortunately one of my hard drives failed.\n")  # fmt: skip
    episode = parse_vtt(text)
    assert [s.text for s in episode.segments if s.text] == ["Oh no, no, no!",
                                                            "So yeah, unfortunately one of my hard drives failed."]
    assert [d for s in episode.segments for d in s.directions] == ["[Alarm Horn]", "[Metal Gear Solid 'Alert']"]


def test_a_fansubbers_credit_of_several_jobs_and_a_dutch_translators_are_credits() -> None:
    # Netflix DFXP fansubbed (mattcarpenter/gist-dxfp-to-srt) and a Dutch SAMI file (thijsdamen/thijsdamen),
    # see SOURCES.md: both credits were stored as speech.
    text = ("WEBVTT\n\n00:05:40.270 --> 00:05:48.530\nTranslated, Timed & Titled by goob Corrected by Alice (terracemouse)\n\n"
            "00:05:51.530 --> 00:05:55.000\nSo this is the new house.\n\n"
            "00:05:56.000 --> 00:05:58.000\nVertaling: Wietske van der Pol\n")  # fmt: skip
    assert [s.text for s in parse_vtt(text).segments] == ["So this is the new house."]


def test_a_name_and_its_colon_in_brackets_opens_the_words_after_it() -> None:
    # A shareholder meeting's YouTube SBV (RainerKlute/POET_Technologies, see SOURCES.md): "[Kevin Barnes:]"
    # at a cue's start and "[Suresh Venkatesan:]" mid-cue stayed in the words, no speaker changed.
    text = ("0:36:20.040,0:36:25.000\nI thank you for your support. Go POET!\nKevin, I think I hand it over to you.\n\n"
            "0:36:25.000,0:36:44.900\n[Kevin Barnes:] I’ll jump in, I think, Suresh, with\nsome questions from the group.\n\n"
            "0:36:44.900,0:36:51.690\nTell us what your objectives were with\nthe financing that\n\n"
            "0:36:51.690,0:37:08.089\nwas announced this morning. [Suresh Venkatesan:] Oh,\nsorry, I think I might have been on mute.\n")  # fmt: skip
    episode = parse_as("sbv", text)
    assert [(s.speaker, s.text[:12]) for s in episode.segments] == [
        (None, "I thank you "), ("Kevin Barnes", "I’ll jump in"), ("Kevin Barnes", "Tell us what"),
        ("Suresh Venkatesan", "Oh, sorry, I")]


def test_a_name_in_full_width_parentheses_opening_captions_names_the_speaker() -> None:
    # Japanese subtitles for the deaf (Netflix's, see SOURCES.md) name who speaks in full-width
    # parentheses before the words; a name that opens two captions or more is a speaker.
    text = ("1\n00:00:26,776 --> 00:00:29,863\n（秋乃）あ… ん？\n\n2\n00:00:30,864 --> 00:00:35,368\n（店内ＢＧＭ）\n\n"
            "3\n00:00:35,452 --> 00:00:36,870\n（秋乃）わあ…\n\n4\n00:00:37,000 --> 00:00:39,000\n（森住）いらっしゃいませ\n\n"
            "5\n00:00:39,500 --> 00:00:41,000\n（森住）どうぞ\n")
    episode = parse_as("srt", text)
    assert [(s.speaker, s.text or s.directions[0]) for s in episode.segments] == [
        ("秋乃", "あ… ん？"), (None, "（店内ＢＧＭ）"), ("秋乃", "わあ…"), ("森住", "いらっしゃいませどうぞ")]


@pytest.mark.parametrize(("name", "text"), [
    ("lec15.srt", "1\n00:00:01,000 --> 00:00:04,000\nPROFESSOR: It has an infinite number of terms, [? eh. ?]\n\n"
                  "2\n00:00:04,000 --> 00:00:07,000\nand the [? Tuinman ?] trick [LAUGHTER] works.\n"),
    ("lec15.txt", "PROFESSOR: It has an infinite number of terms, [? eh. ?] and the [? Tuinman ?] trick [LAUGHTER] works.\n"),
])  # fmt: skip
def test_a_transcribers_guess_is_its_words_without_the_marks(name: str, text: str) -> None:
    # MIT OpenCourseWare's transcripts mark a word not clearly heard as "[? Tuinman ?]": the guess is
    # what was said as far as anyone knows, so it is searchable, and the marks are not words.
    episode = formats.parse(text, Episode(id="t"), name)
    words = " ".join(s.text for s in episode.segments)
    assert "terms, eh." in words and "the Tuinman trick works." in words
    assert "?" not in words and "[LAUGHTER]" in [d for s in episode.segments for d in s.directions]


# A caption export that opens each cue with its speaker's name and no colon (nickdeamons/wtt-converter's
# transcript.vtt, a faithful sample): the names were words, and nobody spoke.
BARE_NAMES_VTT = """WEBVTT

1
00:00:00.000 --> 00:00:07.000
Tim Davis There are several things that make The UPS Store exceptional.

2
00:00:07.000 --> 00:00:14.000
Tim Davis First is it's a proven business model that's been working over 35 years.

3
00:00:14.000 --> 00:00:20.000
Tim Davis Secondly, we have the power of the UPS brand, a world recognized, world class brand.

4
00:00:20.000 --> 00:00:25.000
Micehlle Van-Slyke It is a brand that has a great deal of strength in the marketplace, a wonderful reputation,

5
00:00:25.000 --> 00:00:30.000
Micehlle Van-Slyke so virtually the minute you open your doors you have visibility in the market place.

6
00:00:30.000 --> 00:00:35.000
Chris Adkins The strength of this brand and the shield we carry on our sign is one of the most recognizable.

7
00:00:35.000 --> 00:00:38.000
Chris Adkins And I think that attracts a lot of people to the brand just by itself.

8
00:00:38.000 --> 00:00:44.000
Micehlle Van-Slyke There are several key factors that really distinguished The UPS Store.

9
00:00:44.000 --> 00:00:50.000
Chris Adkins We are proud of that.
"""


def test_names_opening_captions_without_a_colon_are_their_speakers() -> None:
    episode = formats.parse(BARE_NAMES_VTT, Episode(id="ups"), "transcript.vtt")
    turns = [s.speaker for k, s in enumerate(episode.segments) if not k or s.speaker != episode.segments[k - 1].speaker]
    assert turns == ["Tim Davis", "Micehlle Van-Slyke", "Chris Adkins", "Micehlle Van-Slyke", "Chris Adkins"]
    assert episode.segments[0].text.startswith("There are several things")
    assert not any(s.text.startswith(("Tim Davis", "Chris Adkins")) for s in episode.segments)


@pytest.mark.parametrize("lines", [
    # a title-cased song: the words after "I Love" are no sentence
    ["I Love You More Than Words", "I Love The Way You Smile", "I Love It When You Sing", "You Are My Sunshine",
     "I Love You Baby Forever", "Stay With Me Tonight", "We Love You More Than Ever", "We Love The Night Time",
     "We Love It When It Rains"],
    # a lecture: the words after "New York" are its own sentence's
    ["New York is big.", "New York has trains.", "New York never sleeps.", "Paris is old.", "Machine Learning is a field.",
     "Machine Learning needs data.", "Machine Learning models fit."],
    # one name alone opening every caption: a talk about the Court, not the Court speaking
    ["The Court will hear it now.", "The Court Of Appeal Said so.", "The Court resumes.", "The Court thanks counsel."],
])  # fmt: skip
def test_capitalised_words_opening_captions_stay_words(lines: list[str]) -> None:
    cues = "".join(f"00:00:{3 * k:02d}.000 --> 00:00:{3 * k + 3:02d}.000\n{line}\n\n" for k, line in enumerate(lines))
    episode = formats.parse("WEBVTT\n\n" + cues, Episode(id="t"), "t.vtt")
    assert not any(s.speaker for s in episode.segments)
    assert lines[0] in " ".join(s.text for s in episode.segments)


@pytest.mark.parametrize("kind", ["srt", "vtt", "sbv"])
def test_a_last_cue_ending_at_a_days_last_second_ends_after_its_words(kind: str) -> None:
    # zhanyanjie6796/pyOffice365WebToSrt's SubViewer (its shape, our words): the last cue "0:02:47.000,23:59:59.000",
    # a tool's "until the end". The episode lasted a day: 86,399 s.
    text = caption_file(kind, ["Welcome, everyone.", "Thank you all for coming.", "Merry Christmas, and goodbye."])
    last = {"srt": "00:00:05,500", "vtt": "00:00:05.500", "sbv": "0:00:05.500"}[kind]
    episode = parse_as(kind, text.replace(last, last.replace("0:00:05", "23:59:59")))
    assert episode.segments[-1].end is not None and episode.segments[-1].end < 10
    assert episode.duration is not None and episode.duration < 10
    assert "placeholder" in str(episode.repairs)


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_a_double_hyphen_opening_a_line_is_a_dialogue_dash(kind: str) -> None:
    # codziennatranskrypcjatvpis' Polish television captions (their shape, our words): "-- " opens each new voice,
    # as "- " does elsewhere. The marks stayed in the words and two voices shared a segment.
    episode = parse_as(kind, caption_file(kind, ["-- Are you coming?\n-- Yes, in a minute.", "-- Hurry up, then.\n-- I am!"]))
    assert [s.text for s in episode.segments] == ["Are you coming?", "Yes, in a minute.", "Hurry up, then.", "I am!"]


def test_a_dash_opening_a_line_mid_sentence_is_the_sentences_in_a_podcast_hosts_captions() -> None:
    # Buzzsprout's SubRip of a Virtual Coffee episode: a "Name:" label where the voice changes, and the
    # transcriber's "--" (and once an em dash) wherever a thought breaks off, wrapped to open a line
    # ("And" / "-- I was…") or a caption. Each was read as someone new, unnamed: 22 of 66 segments lost
    # their speaker, to the next label.
    name = "buzzsprout-virtual-coffee-typed-dashes.srt"
    episode = real(name)
    spoken = [s for s in episode.segments if s.text]
    assert all(s.speaker in ("Dan Ott", "Bekah Hawrot Weigel") for s in spoken)
    said = " ".join(s.text for s in spoken)
    assert "came up to Cleveland — where I work." in said
    assert "It was a lot of -- Kirk and I were -- I mean, I was working" in said
    # Every word once, the dashes among them; only the labels are gone.
    words = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|--|—")
    source = re.sub(r"^(?:[\d:,]+ --> [\d:,]+$|\d+$|[A-Z][a-z]+(?: [A-Z][a-z]+)*:)", "",
                    (REAL / name).read_text(encoding="utf-8"), flags=re.MULTILINE)
    stored = " ".join(" ".join([s.text, *s.directions]) for s in episode.segments)
    assert sorted(words.findall(stored)) == sorted(words.findall(source))
    assert "sentence_dashes" in kinds(episode)


def test_a_stray_comma_before_a_label_in_a_podcasts_caption_is_no_segment() -> None:
    # BrightDigit's EmpowerApps SubRip, as its feed serves it (hbmartin/podcast-transcript-convert's fixture):
    # an edit left ", " on its own line above "Leo Dion (host): I think…". The comma was a segment of its
    # own, given to the guest speaking before, and took a share of the cue's time from the host's words.
    episode = real("srt-stray-comma-before-label-empowerapps.srt")
    said = [(s.start, s.speaker, s.text) for s in episode.segments]
    assert not [row for row in said if not re.search(r"\w", row[2])]
    assert (1379.063, "Leo Dion", "I think Ulysses calls a material sheet, right?") in said
    assert "split_cue" not in kinds(episode)


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_broadcast_captions_hash_music_and_names_run_into_their_words(kind: str) -> None:
    # aderaaij/legendas-pt's RTP captions (their shape, our words): "#" for music (alone, or over the tune's name),
    # and "NOGUEIRA:Esse…" with no space after the colon. The marks were words; the names stayed in them and the
    # speaker before carried on.
    lines = ["HOMEM:Não fala?", "Confessa!", "# TEMA INSTRUMENTAL TENSO", "#", "#",
             "GOUVEIA:Esse homem não fala.", "NOGUEIRA: Fala sim.", "HOMEM:Nunca.", "GOUVEIA:Veremos."]
    episode = parse_as(kind, caption_file(kind, lines))
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert said == [("HOMEM", "Não fala?"), ("HOMEM", "Confessa!"), ("GOUVEIA", "Esse homem não fala."),
                    ("NOGUEIRA", "Fala sim."), ("HOMEM", "Nunca."), ("GOUVEIA", "Veremos.")]
    assert "♪ TEMA INSTRUMENTAL TENSO ♪" in [d for s in episode.segments for d in s.directions]
    # "Note:this" in mixed case, a headline's "BREAKING:The…" said once, "# 1 thing to know": words.
    plain = parse_as(kind, caption_file(kind, ["Note:this is fine.", "BREAKING:The senate passed the bill.",
                                               "MTV:Music Television is back.", "# 1 thing to know: rates went up",
                                               "# 2 is about wages", "# 3 concerns prices", "Note:again."]))
    assert all(s.speaker is None for s in plain.segments) and not any(s.directions for s in plain.segments)
    assert "1 thing to know" in " ".join(s.text for s in plain.segments)


# A caption writer's bug (the shape of guimalicki/Video_to_Libras): every cue but the last ends before it
# starts, no milliseconds, the text opening with a space. The repairs say the file's times are broken.
BACKWARDS_SRT = """1
00:01:00 --> 00:00:21
 bom dia a todos

2
00:04:30 --> 00:01:05
 hoje vamos falar de contratos

3
00:06:10 --> 00:01:33
 e de prazos também

4
00:09:00 --> 00:09:00
 obrigado
"""


def test_a_file_whose_cues_mostly_end_before_they_start_is_reported_as_broken_times() -> None:
    episode = parse_srt(BACKWARDS_SRT)
    assert [s.text for s in episode.segments] == ["bom dia a todos", "hoje vamos falar de contratos",
                                                  "e de prazos também", "obrigado"]
    broken = [r for r in episode.repairs if r.kind == "broken_times"]
    assert len(broken) == 1 and broken[0].detail.startswith("3 of 4 cues end before they start")
    assert "times are broken" in broken[0].detail


def test_one_cue_ending_before_it_starts_is_a_slip_not_broken_times() -> None:
    one = BACKWARDS_SRT.replace("00:04:30 --> 00:01:05", "00:04:30 --> 00:05:05").replace("00:06:10 --> 00:01:33", "00:06:10 --> 00:07:00")
    assert "broken_times" not in kinds(parse_srt(one))


def test_cue_lines_whose_arrow_lost_its_end_time_are_still_cues() -> None:
    # A requirements tool's sample VTT (Vigneshkrish123/BRD_1) writes every timing line as
    # "00:00:01.000 --", the arrow and end time cut off: all five turns were lost, silently.
    text = ("WEBVTT \n \n00:00:01.000 --\nAna: We need a portal for the dealers. \n \n"
            "00:00:06.000 --\nBen: It should track the shipments too. \n \n"
            "00:00:13.000 --\nAna: And it must talk to the old system. \n")  # fmt: skip
    episode = parse_source("sample.vtt", text.encode())
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (1.0, "Ana", "We need a portal for the dealers."),
        (6.0, "Ben", "It should track the shipments too."),
        (13.0, "Ana", "And it must talk to the old system."),
    ]
    # A line of speech that ends in a dash is still speech.
    spoken = parse_source("talk.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nI was going to say --\n")
    assert spoken.segments[0].text == "I was going to say --"


def test_a_lap_time_said_inside_a_cue_is_words_not_a_cut_timing() -> None:
    # "1:23.456 --" inside a cue started a cue at 1:23, after the file's end, and lost the words.
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ann>The fastest lap was\n1:23.456 --\nno wait, it was slower\n\n"
            "00:00:05.000 --> 00:00:07.000\n<v Ben>Right.\n")
    episode = parse_source("race.vtt", text.encode())
    assert [(s.start, s.speaker) for s in episode.segments] == [(1.0, "Ann"), (5.0, "Ben")]
    assert "1:23.456 -- no wait, it was slower" in episode.segments[0].text
    # A numbered cue whose timing lost its arrow's end is still a cue.
    numbered = "WEBVTT\n\n1\n00:00:01.000 --\nAnn: Hello.\n\n2\n00:00:04.000 --\nBen: Hi.\n"
    assert [(s.start, s.speaker) for s in parse_source("n.vtt", numbered.encode()).segments] == [(1.0, "Ann"), (4.0, "Ben")]


def test_a_vtt_whose_opening_note_holds_json_facts_takes_its_title() -> None:
    # samuelbradshaw/text-to-timestamps' block captions (their shape, our words): an opening NOTE block
    # of JSON with the text's "title". The title was missed.
    text = ('WEBVTT\n\nNOTE\n{\n  "_": "made by an aligner",\n  "title": "Psalm of the Morning",\n  "lang": "en"\n}\n\n'
            "1\n00:00.500 --> 00:02.000\nSONG 2\n\n2\n00:02.500 --> 00:06.000\n1 At dawn the birds sing.\n")
    episode = parse_vtt(text)
    assert episode.title == "Psalm of the Morning"
    assert [s.text for s in episode.segments] == ["SONG 2", "1 At dawn the birds sing."]


def test_a_cue_label_with_the_role_in_brackets_names_the_speaker() -> None:
    # A Swift podcast's SRT (hbmartin/podcast-rss-generator; their shape, our words), CRLF line ends:
    # each turn opens "Name (role): words" and the cues after it carry that speaker. The labels were
    # kept as words and no one was named.
    text = ("1\r\n00:00:00,000 --> 00:00:03,000\r\nAnna Berg (host): Welcome back to the workshop.\r\n\r\n"
            "2\r\n00:00:03,200 --> 00:00:06,000\r\nToday we talk about parsers,\r\nand why they break.\r\n\r\n"
            "3\r\n00:00:06,500 --> 00:00:08,000\r\nOle Sand (guest): Thanks for having me.\r\n\r\n"
            "4\r\n00:00:08,200 --> 00:00:10,000\r\nIt is good to be here again.\r\n\r\n"
            "5\r\n00:00:10,500 --> 00:00:12,000\r\nAnna Berg (host): So, where do we start?\r\n")
    episode = parse_srt(text)
    assert episode.speakers == ["Anna Berg", "Ole Sand"]
    assert [s.speaker for s in episode.segments if s.start in (0.0, 6.5, 10.5)] == ["Anna Berg", "Ole Sand", "Anna Berg"]
    assert all(s.speaker is not None for s in episode.segments)
    assert not any("(host)" in s.text or "(guest)" in s.text for s in episode.segments)
    # A bracket that is no role ("(laughing)") is not taken for a label.
    laugh = parse_srt("1\n00:00:00,000 --> 00:00:02,000\nSo he said (laughing): no way.\n")
    assert laugh.segments[0].speaker is None


# openai/whisper's subtitles with --highlight_words (its SubtitlesWriter, MIT): each caption written
# once per word with that word underlined, and plain across a gap between words. No permissively
# licensed file of its output was found, so this is a faithful sample of the shape written here.
_HIGHLIGHTED = """1
00:00:00,000 --> 00:00:00,600
<u>Welcome</u> to the show.

2
00:00:00,600 --> 00:00:01,100
Welcome <u>to</u> the show.

3
00:00:01,100 --> 00:00:01,400
Welcome to <u>the</u> show.

4
00:00:01,400 --> 00:00:01,900
Welcome to the show.

5
00:00:01,900 --> 00:00:02,500
Welcome to the <u>show.</u>

6
00:00:03,000 --> 00:00:03,400
<u>Today</u> we talk.

7
00:00:03,400 --> 00:00:03,700
Today <u>we</u> talk.

8
00:00:03,700 --> 00:00:04,200
Today we <u>talk.</u>
"""


@pytest.mark.parametrize("as_vtt", [False, True])
def test_whisper_highlighted_words_are_each_caption_once(as_vtt: bool) -> None:
    text = "WEBVTT\n\n" + _HIGHLIGHTED.replace(",", ".") if as_vtt else _HIGHLIGHTED
    episode = parse_vtt(text) if as_vtt else parse_srt(text)
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 2.5, "Welcome to the show."), (3.0, 4.2, "Today we talk.")]
    assert "highlighted_words" in kinds(episode)


def test_a_caption_underlined_the_same_way_twice_is_said_twice() -> None:
    # Emphasis, not a moving highlight: two people each saying "No." stay two sayings.
    episode = parse_srt("1\n00:00:01,000 --> 00:00:02,000\n<u>No.</u>\n\n2\n00:00:02,000 --> 00:00:03,000\n<u>No.</u>\n\n"
                        "3\n00:00:03,000 --> 00:00:04,000\nWell, yes.\n")
    assert " ".join(s.text for s in episode.segments).split().count("No.") == 2


def test_a_highlighted_caption_said_twice_in_a_row_is_two_captions() -> None:
    # Whisper writes "Thank you." twice over, the underline starting again at its first word.
    cues = ["<u>Thank</u> you.", "Thank <u>you.</u>", "<u>Thank</u> you.", "Thank <u>you.</u>"]
    episode = parse_srt("".join(f"{n + 1}\n00:00:0{n},000 --> 00:00:0{n + 1},000\n{cue}\n\n" for n, cue in enumerate(cues)))
    assert [(s.start, s.end, s.text) for s in episode.segments] == [(0.0, 2.0, "Thank you."), (2.0, 4.0, "Thank you.")]


def test_bilingual_captions_named_for_their_translation_keep_the_other_script_as_the_speech() -> None:
    """Hugging Face course's Chinese captions (huggingface/course, subtitles/zh-CN, here named
    ``….zh-CN.srt`` as caption files are): each cue its Chinese translation over the English said.
    Before, both were read as words (every sentence said twice, its time shared out between the two)
    and the sound '（空气呼啸）' over '(air whooshing)' was taken for a speaker called 空气呼啸."""
    episode = real("srt-bilingual-hf-course.zh-CN.srt")
    assert [s.speaker for s in episode.segments] == [None] * len(episode.segments)
    assert episode.segments[0].directions == ["(air whooshing)"]
    assert episode.segments[1].text == "What is transfer learning?"
    assert (episode.segments[1].start, episode.segments[1].end) == (5.55, 7.293)  # the cue's own times
    said = " ".join(s.text for s in episode.segments)
    assert "转移" not in said and said.count("transfer learning") == 2
    assert episode.extra["translations"]["cjk"].startswith("（空气呼啸）\n- 什么是转移学习？\n转移学习的思想")
    assert any(r.kind == "translations" and "Latin lines are the speech" in r.detail for r in episode.repairs)


def test_bilingual_captions_named_for_no_language_keep_both() -> None:
    """Which of two languages was said is not known without the file's name to say which is the
    translation: both stay words."""
    text = (REAL / "srt-bilingual-hf-course.zh-CN.srt").read_text(encoding="utf-8")
    episode = read("transfer-learning.srt", text)
    assert "translations" not in episode.extra
    said = " ".join(s.text for s in episode.segments)
    assert "转移学习" in said and "transfer learning" in said


def test_japanese_captions_with_latin_speaker_names_keep_their_words() -> None:
    """A speaker's name in Latin letters over each Japanese line ("TANAKA:" / "こんにちは。") in a
    file named ``….ja.srt`` is no English line under a Japanese translation: the words stay."""
    cues = ["TANAKA:\nこんにちは。", "SATO:\nはい、どうも。", "Yamamoto-san: はい。\nよろしくお願いします。"]
    text = "".join(f"{n + 1}\n00:00:0{n},000 --> 00:00:0{n + 1},000\n{cue}\n\n" for n, cue in enumerate(cues))
    episode = parse_source("interview.ja.srt", text.encode())
    assert isinstance(episode, Episode) and "translations" not in episode.extra
    said = " ".join(s.text for s in episode.segments)
    assert "こんにちは" in said and "どうも" in said and "よろしくお願いします" in said


def test_bilingual_twin_cues_are_one_caption_each() -> None:
    """A lecture's bilingual SubRip (liu-qingyuan/POLYU-COMP5521-Bilingual-subtitles,
    ``….zh-CN-dual-double.srt``): each time given twice under the same number, whisper's English,
    then its Chinese translation. Before, the English cue lasted no time at all (0:00 to 0:00), each
    sentence was said twice, and the report held a line for every repeated number."""
    episode = real("srt-twin-cues-polyu-lecture.zh-CN-dual-double.srt")
    first = episode.segments[0]
    assert (first.start, first.end) == (0.0, 20.6)
    assert first.text == "Okay. Good evening, everyone. Today is our lecture two. So, lecture two, we talked about"
    assert len(episode.segments) == 8 and not any("第二讲" in s.text for s in episode.segments)
    assert episode.extra["translations"]["cjk"].startswith("好的。大家晚上好")
    kinds = [r.kind for r in episode.repairs]
    assert "cue_numbering" not in kinds and kinds.count("twin_cues") == 1


_WHOLE_SRT = ("1\n00:00:01,000 --> 00:00:03,000\nMaya: Good morning.\n\n2\n00:00:03,500 --> 00:00:06,000\n"
              "Jonas: Morning! Coffee first.\n\n3\n00:00:06,500 --> 00:00:09,000\nMaya: Sure, let us go.\n")
_WHOLE_VTT = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Maya>Good morning.\n\n00:00:03.500 --> 00:00:06.000\n"
              "<v Jonas>Morning! Coffee first.\n\n00:00:06.500 --> 00:00:09.000\n<v Maya>Sure, let us go.\n")


@pytest.mark.parametrize(
    ("name", "whole", "cut_after", "note"),
    [
        # Its number, or its number and part of its timing line, were the last whole cue's words.
        ("cut.srt", _WHOLE_SRT, "\n3\n", "'3'"),
        ("cut.srt", _WHOLE_SRT, "\n3\n00:00:06,5", "'3\\n00:00:06,5'"),
        ("cut.vtt", _WHOLE_VTT, "\n00:00:06.5", "'00:00:06.5'"),
        ("cut.srt", _WHOLE_SRT, "06,500 --> 00:0", None),  # a timing line cut short: a cue with no words
        ("cut.srt", _WHOLE_SRT, "06,500 --> 00:00:09,000\n", None),
        ("cut.vtt", _WHOLE_VTT, "06.500 --> 00:0", None),
    ],
)
def test_captions_cut_short_keep_the_last_whole_cue_as_it_was(name: str, whole: str, cut_after: str,
                                                             note: str | None) -> None:
    episode = read(name, whole[: whole.index(cut_after) + len(cut_after)])
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (1.0, 3.0, "Maya", "Good morning."), (3.5, 6.0, "Jonas", "Morning! Coffee first.")]
    found = {r.kind: r.detail for r in episode.repairs}
    if note is not None:
        assert found["cut_short"] == (f"the file ends inside a cue (looks cut short): its start {note} after the "
                                      "last whole cue was dropped")


def test_a_note_counting_one_thing_reads_in_the_singular() -> None:
    def details(name: str, text: str) -> list[str]:
        episode = parse_source(name, text.encode())
        assert not isinstance(episode, str)
        return [r.detail for r in episode.repairs]

    said = "Sentence number 5 is spoken here.\n"
    srt_credit = srt_of(whisper_lines(22)).replace(said, said + "\nSubtitles by someone\n", 1)
    assert "1 credit line such as 'Subtitles by someone' after the cue was not speech; dropped" in details(
        "e.srt", srt_credit)
    sbv = "".join(f"0:00:{k * 3:02d}.000,0:00:{k * 3 + 2:02d}.000\nSentence {k} is said here.\n\n" for k in range(10))
    assert "1 credit line such as 'Subtitles by someone' below a caption was not speech; dropped" in details(
        "e.sbv", sbv + "Subtitles by someone\n")
    one_unknown = UNKNOWN_SRT.replace("Unknown: Good tell", "Dave Jones: Good tell")
    assert any(d.startswith("1 segment labelled 'Unknown' is a voice the transcript does not name")
               for d in details("e.srt", one_unknown))
    lyrics = "stray words here\n" + "".join(f"[00:{k:02d}.00]Line number {k} of the song\n" for k in range(10))
    assert "1 line without a time tag was not a lyrics line; dropped" in details("a.lrc", lyrics)
    frames = "".join(f"{{{k * 50}}}{{{k * 50 + 40}}}Caption {k} says this\n" for k in range(10)) + "a stray line\n"
    notes = details("a.sub", frames)
    assert "1 line without {frame}{frame} was not a caption; dropped" in notes
    assert any("caption fragments with no speaker joined into 1 segment," in d for d in notes)

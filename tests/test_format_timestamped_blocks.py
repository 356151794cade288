"""Timestamped speaker blocks: seed 000, the demo transcript, and every leniency promised."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import DEMO, PODCAST_NAMESPACE, seed
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import timestamped_blocks
from podsift.model import Episode
from podsift.text import squash


def parse(text: str) -> Episode:
    episode = Episode(id="test")
    timestamped_blocks.parse(text, episode)
    episode.finish()
    return episode


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


def all_formats_present() -> bool:
    return all(
        importlib.util.find_spec(f"podsift.formats.{name}") is not None
        for name in formats.FORMAT_MODULES
    )


needs_all_formats = pytest.mark.skipif(
    not all_formats_present(), reason="detect() needs every format module to exist"
)


@pytest.fixture(scope="module")
def seed000() -> str:
    return seed("000").read_text(encoding="utf-8")


# --- seed 000 ---------------------------------------------------------------


def test_seed000_minutes_past_59(seed000: str) -> None:
    episode = parse(seed000)
    starts = [s.start for s in episode.segments]
    assert 3602.0 in starts  # "60:02"
    assert episode.segments[-1].start == 63 * 60 + 42


def test_seed000_speakers_and_first_start(seed000: str) -> None:
    episode = parse(seed000)
    assert set(episode.speakers) == {"Host", "Guest"}
    assert episode.segments[0].start == 0.0
    assert episode.segments[0].speaker == "Host"
    assert episode.segments[1].speaker == "Guest"
    assert episode.title is None


def test_seed000_every_block_text_in_order(seed000: str) -> None:
    # The seed is regular: time, speaker, one text line, blank line.
    blocks = [b.split("\n") for b in seed000.strip().split("\n\n")]
    expected = [squash(" ".join(b[2:])) for b in blocks]
    episode = parse(seed000)
    assert len(episode.segments) == len(blocks) == 169
    assert [s.text for s in episode.segments] == expected
    assert [s.speaker for s in episode.segments] == [b[1] for b in blocks]


def test_seed000_ends_are_next_starts(seed000: str) -> None:
    segs = parse(seed000).segments
    for this, nxt in zip(segs, segs[1:]):
        assert this.end == nxt.start
    assert segs[-1].end is None
    assert not any(s.directions for s in segs)


def test_seed000_clean_source_needs_no_repairs(seed000: str) -> None:
    assert parse(seed000).repairs == []


def test_seed000_sniffed_high(seed000: str) -> None:
    assert timestamped_blocks.sniff(seed000) >= 0.8


@needs_all_formats
def test_seed000_detected(seed000: str) -> None:
    assert formats.detect(seed000, "000.txt").NAME == "timestamped_blocks"
    assert formats.detect(seed000).NAME == "timestamped_blocks"


# --- leniency -----------------------------------------------------------------

MESSY = (
    "\ufeff0:00\r\n"
    "Host\r\n"
    "Welcome to the show.   \r\n"
    "\r\n"
    "\r\n"
    "\r\n"
    "0:07\r\n"
    "Guest\r\n"
    "Thanks. [laughs] Glad to be here.\r\n"
    "It's my first podcast.\r\n"
    "0:20\r\n"  # no blank line before this block
    "Host\r\n"
    "So, data contracts.\r\n"
    "\r\n"
    "0:15\r\n"  # time goes backwards
    "Guest\r\n"
    "Right.\r\n"
    "\r\n"
    "0:31\r\n"
    "Guest\r\n"  # empty text
    "\r\n"
    "0:40\r\n"
    "Where do we even start?\r\n"  # no speaker line
    "\r\n"
    "1:02:03\r\n"
    "Host\r\n"
    "An hour later.\r\n"
)


def test_messy_blocks_are_repaired_not_raised() -> None:
    episode = parse(MESSY)
    segs = episode.segments
    assert [s.text for s in segs] == [
        "Welcome to the show.",
        "Thanks. Glad to be here. It's my first podcast.",
        "So, data contracts.",
        "Right.",
        "Where do we even start?",
        "An hour later.",
    ]
    assert [s.speaker for s in segs] == ["Host", "Guest", "Host", "Guest", None, "Host"]
    assert [s.start for s in segs] == [0.0, 7.0, 20.0, 15.0, 40.0, 3723.0]
    assert segs[1].directions == ["[laughs]"]
    assert "laughs" not in segs[1].text


def test_messy_blocks_report_what_was_odd() -> None:
    episode = parse(MESSY)
    found = kinds(episode)
    for kind in ("time_backwards", "empty_block", "missing_blank_line", "missing_speaker"):
        assert kind in found
    backwards = next(r for r in episode.repairs if r.kind == "time_backwards")
    assert backwards.where == "line 15"
    assert "0:15" in backwards.detail and "0:20" in backwards.detail


def test_ends_skip_backwards_times_and_dropped_blocks() -> None:
    segs = parse(MESSY).segments
    # "So, data contracts." at 0:20 is followed by 0:15: an end before the start is no end.
    assert segs[2].end is None
    # "Right." ends when the empty 0:31 block starts, even though that block is dropped.
    assert segs[3].end == 31.0
    assert segs[0].end == 7.0


def test_messy_blocks_sniffed() -> None:
    assert timestamped_blocks.sniff(MESSY) >= 0.8


def test_no_speaker_lines_at_all() -> None:
    episode = parse("0:00\nHello there.\n\n0:05\nHi! How are you?\n\n0:09\nGood.\n")
    assert [s.speaker for s in episode.segments] == [None, None, None]
    assert [s.text for s in episode.segments] == ["Hello there.", "Hi! How are you?", "Good."]
    assert "no_speakers" in kinds(episode)
    assert timestamped_blocks.sniff("0:00\nHello there.\n\n0:05\nHi! How are you?\n\n0:09\nGood.\n") >= 0.8


def test_short_answer_is_not_mistaken_for_a_speaker() -> None:
    text = "0:00\nHost\nReady?\n\n0:03\nGuest\nOk\n\n0:04\nHost\nGreat, let's go.\n"
    segs = parse(text).segments
    assert [(s.speaker, s.text) for s in segs] == [
        ("Host", "Ready?"), ("Guest", "Ok"), ("Host", "Great, let's go."),
    ]


def test_speaker_line_with_colon_and_text_before_first_time() -> None:
    text = "My Episode\n\n[0:00]\nAlexey:\nHi everyone.\n\n[0:05]\nLavanya:\nHello!\n"
    episode = parse(text)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (None, None, "My Episode"),
        (0.0, "Alexey", "Hi everyone."),
        (5.0, "Lavanya", "Hello!"),
    ]
    assert "untimed_text" in kinds(episode)


def test_demo_transcript() -> None:
    text = (DEMO / "data-contracts-chat.txt").read_text(encoding="utf-8")
    assert timestamped_blocks.sniff(text) >= 0.8
    episode = parse(text)
    assert 18 <= len(episode.segments) <= 30
    assert set(episode.speakers) == {"Mara", "Tobias"}
    assert episode.repairs == []
    assert episode.duration is not None and 7 * 60 <= episode.duration <= 9 * 60
    words = " ".join(s.text for s in episode.segments)
    for topic in ("dbt", "Great Expectations", "schema change", "on-call"):
        assert topic in words


# --- detection boundaries -----------------------------------------------------


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_other_seeds_not_claimed(prefix: str) -> None:
    assert timestamped_blocks.sniff(seed(prefix).read_text(encoding="utf-8")) < 0.5


@pytest.mark.parametrize("name", ["example.srt", "example.vtt", "example.json", "example.html"])
def test_timed_formats_not_claimed(name: str) -> None:
    assert timestamped_blocks.sniff((PODCAST_NAMESPACE / name).read_text(encoding="utf-8")) == 0.0


@pytest.mark.parametrize("text", ["", "   \n", "hello", "0:00", "\x00\x01\x02", "1:99\nHost\nHi\n"])
def test_degenerate_input(text: str) -> None:
    assert 0.0 <= timestamped_blocks.sniff(text) <= 1.0
    parse(text)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    assert 0.0 <= timestamped_blocks.sniff(text) <= 1.0
    episode = parse(text)
    for seg in episode.segments:
        assert seg.end is None or seg.start is None or seg.end >= seg.start


block = st.tuples(
    st.integers(0, 7200),
    st.sampled_from(["Host", "Guest", ""]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(block, max_size=12))
def test_block_shaped_text_never_raises(blocks: list[tuple[int, str, str]]) -> None:
    lines = []
    for secs, speaker, body in blocks:
        lines.append(f"{secs // 60}:{secs % 60:02d}")
        if speaker:
            lines.append(speaker)
        lines.extend([body, ""])
    parse("\n".join(lines))


# --- caption lines with only a start -------------------------------------------
# The shape of a cartoon's captions copied from a video site's transcript panel (a
# public repository's `.srt` holds exactly this): a start line, then one caption line,
# no speakers, sounds in lower case in parentheses, and sentences running across lines.

PANEL = """00:00
(doorbell rings)
00:02
WELL, NEIGHBOUR, I MADE IT
00:03
DESPITE YOUR DIRECTIONS.
00:05
WELCOME, WELCOME.
00:07
(theme music plays)
00:09
I HOPE YOU'RE HUNGRY
00:11
FOR A LUNCH TO REMEMBER.
00:14
(laughing): OH, NO.
00:16
MY ROAST IS RUINED.
00:19
BUT WHAT IF...
00:21
I BOUGHT FAST FOOD
00:22
AND CALLED IT MY OWN?
"""


def test_caption_lines_with_only_a_start_join_into_sentences_and_sounds_are_directions() -> None:
    episode = parse(PANEL)
    assert formats.detect(PANEL, "captions.srt").NAME == "timestamped_blocks"
    assert [(s.start, s.end, s.text, s.directions) for s in episode.segments] == [
        (0.0, 2.0, "", ["(doorbell rings)"]),
        (2.0, 5.0, "WELL, NEIGHBOUR, I MADE IT DESPITE YOUR DIRECTIONS.", []),
        (5.0, 7.0, "WELCOME, WELCOME.", []),
        (7.0, 9.0, "", ["(theme music plays)"]),
        (9.0, 14.0, "I HOPE YOU'RE HUNGRY FOR A LUNCH TO REMEMBER.", []),
        (14.0, 16.0, "OH, NO.", ["(laughing)"]),
        (16.0, 19.0, "MY ROAST IS RUINED.", []),
        (19.0, 21.0, "BUT WHAT IF...", []),
        (21.0, 22.0, "I BOUGHT FAST FOOD AND CALLED IT MY OWN?", []),
    ]
    assert "joined_fragments" in kinds(episode) and "no_speakers" in kinds(episode)
    assert "missing_blank_line" not in kinds(episode)  # no blank line is this shape's norm


def test_a_meetings_sections_of_named_turns_keep_their_speakers() -> None:
    # Google Meet's transcript document (a sample in its shape): a time line every few minutes,
    # then a line per turn, "Name ~:" for a participant the meeting could not verify. The turns
    # were read as one unnamed segment per section.
    text = (
        "Weekly data sync - Transcript\n"
        "00:00:00\n\n"
        "Jane Doe: Hello everyone, thanks for joining.\n"
        "Sam Lee ~: Hi Jane.\n"
        "Jane Doe: Let's start with the pipeline. The nightly load failed twice\n"
        "and the dashboards were empty on Monday.\n"
        "00:05:00\n\n"
        "Sam Lee ~: The retries are in now.\n"
        "Jane Doe: Great, thanks.\n"
    )
    episode = formats.parse(text, Episode(id="sync"), "sync.txt")
    assert episode.title == "Weekly data sync"
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Jane Doe", "Hello everyone, thanks for joining."),
        ("Sam Lee", "Hi Jane."),
        ("Jane Doe", "Let's start with the pipeline. The nightly load failed twice and the dashboards were empty on Monday."),
        ("Sam Lee", "The retries are in now."),
        ("Jane Doe", "Great, thanks."),
    ]
    starts = [s.start for s in episode.segments]
    assert starts[0] == 0.0 and starts[3] == 300.0  # each section's first turn at its time
    assert starts == sorted(starts) and all(0 < t < 300 for t in starts[1:3])  # the others between, by words
    assert episode.extra["times_estimated"]


# YouTube's transcript panel copied from a video with chapters (a sample in the shape the
# panel copies out, as public converters of it document: each chapter's title on a line of
# its own above its first time, the first above everything). The titles were words of the
# captions: "Why contracts" ran into the sentence before it.
PANEL_WITH_CHAPTERS = """\
Intro
0:00
welcome back to the channel today we are
0:03
talking about data contracts and why
0:06
they matter for every analytics team
0:08
I have been building data platforms
0:11
for about ten years now and the one
0:14
thing that keeps breaking is the
0:16
handover between the teams that produce
0:19
data and the teams that use it
0:22
so let's get into it
Why contracts
0:24
so the first question is why would you
0:27
want a contract at all when the data
0:30
already flows
0:32
the short answer is trust
0:34
when a column changes its meaning
0:37
nobody downstream finds out until a
0:40
dashboard is wrong and someone asks
0:43
why the numbers moved
Tooling & Q&A
0:46
there are a few tools that help here
0:49
and we will look at two of them
0:52
the first one checks the schema on
0:55
every pull request before it ships
"""


def test_chapter_titles_in_a_youtube_panel_copy_become_chapters_not_words() -> None:
    episode = formats.parse(PANEL_WITH_CHAPTERS, Episode(id="panel"), "panel.txt")
    assert [(c.title, c.start) for c in episode.chapters] == [
        ("Intro", 0.0), ("Why contracts", 24.0), ("Tooling & Q&A", 46.0),
    ]
    words = " ".join(s.text for s in episode.segments)
    assert "Intro" not in words and "Why contracts" not in words and "Tooling" not in words
    assert episode.segments[0].start == 0.0  # no untimed segment holding the first title
    # Each chapter opens on the first moment said from its time on.
    first = {c.title: episode.segments[c.first_segment] for c in episode.chapters}
    assert first["Why contracts"].text.startswith("so the first question")
    assert first["Tooling & Q&A"].text.startswith("there are a few tools")
    assert "chapter_lines" in kinds(episode)


def test_a_second_caption_line_is_not_a_chapter_unless_captions_are_one_line() -> None:
    # Captions copied with their two lines each: the second line is speech, not a title.
    two_lines = "".join(f"0:{2 * k:02d}\nthis is caption number {k}\nAnd Its Second Line\n" for k in range(12))
    episode = formats.parse(two_lines, Episode(id="two"), "two.txt")
    assert not episode.chapters
    assert sum("And Its Second Line" in s.text for s in episode.segments) >= 1
    # One-line captions, with a lone extra line in lower case: words the line broke, kept.
    lower = PANEL_WITH_CHAPTERS.replace("Why contracts\n", "why not\n").replace("Tooling & Q&A\n", "")
    episode = formats.parse(lower, Episode(id="lower"), "lower.txt")
    assert not episode.chapters
    assert "why not" in " ".join(s.text for s in episode.segments)
    assert episode.segments[0].text == "Intro"  # a line above the captions stays what it was


def _spelt(seconds: int, unit: tuple[str, str, str] = ("hour", "minute", "second"), plural: str = "s") -> str:
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    said = [f"{n} {name}{plural if n != 1 else ''}" for n, name in zip((h, m, s), unit) if n]
    return ", ".join(said) or f"0 {unit[2]}{plural}"


def test_times_spelt_out_for_screen_readers_are_not_words() -> None:
    # YouTube's panel now copies every time twice: "1:05" and, for screen readers, "1 minute,
    # 5 seconds" in the viewer's language (a sample in that shape). Each caption began with it.
    said = [(0, "welcome back to the channel"), (3, "today we look at data contracts"), (7, "and why they matter"),
            *[(10 + 3 * k, f"point number {k} of the overview") for k in range(10)],
            (65, "first the schema"), (68, "then the owners"), (72, "and then the checks"), (75, "that run on every change"),
            (3601, "that is all for today"), (3605, "thanks for watching")]  # fmt: skip
    for unit, plural in ((("hour", "minute", "second"), "s"), (("hora", "minuto", "segundo"), "s")):
        text = "Intro\n" + "".join(f"{formats_time(t)}\n{_spelt(t, unit, plural)}\n{words}\n"
                                   + ("The checks\n" if t == 68 else "") for t, words in said)  # fmt: skip
        episode = formats.parse(text, Episode(id="yt"), "yt.txt")
        spoken = " ".join(s.text for s in episode.segments)
        assert spoken == " ".join(words for _, words in said), unit
        assert [(c.title, c.start) for c in episode.chapters] == [("Intro", 0.0), ("The checks", 72.0)]
        assert "spelt_out_times" in kinds(episode)
    # A caption that happens to say its own time's number is words when the file spells out no times.
    counted = "".join(f"{formats_time(t)}\n{words}\n" for t, words in [(3, "3 things matter"), *said[1:]])
    assert formats.parse(counted, Episode(id="n"), "n.txt").segments[0].text.startswith("3 things matter")


def formats_time(seconds: int) -> str:
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def test_premiere_pro_transcript_export_keeps_its_ranges_and_speakers() -> None:
    # Premiere Pro's Speech to Text, exported as text (a sample in the shape public parsers of
    # it document): a timecode range with frames, the speaker, the words. It was stored as
    # untimed paragraphs with the timecodes and "Speaker 1" in the words.
    text = (
        "00:00:03:20 - 00:00:31:20\nSpeaker 1\nGood afternoon, and welcome back to the show.\n\n"
        "00:00:31:22 - 00:00:49:05\nSpeaker 2\nThanks for having me. I have been building\ndata platforms for ten years.\n\n"
        "00:00:49:10 - 00:01:02:00\nSpeaker 1\nSo what is a data contract?\n"
    )
    episode = formats.parse(text, Episode(id="pr"), "interview.txt")
    assert episode.source_format == "timestamped_blocks"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (3.0, 31.0, "Speaker 1", "Good afternoon, and welcome back to the show."),
        (31.0, 49.0, "Speaker 2", "Thanks for having me. I have been building data platforms for ten years."),
        (49.0, 62.0, "Speaker 1", "So what is a data contract?"),
    ]
    assert "timecode_frames" in kinds(episode)
    # Its captions exported as text name the track and item under each time ("V3, 1"): not a speaker.
    captions = "".join(f"00:00:{10 + 4 * k:02d}:12 - 00:00:{14 + 4 * k:02d}:00\nV3, {k + 1}\nline {k} of the captions\n\n"
                       for k in range(10))  # fmt: skip
    episode = formats.parse(captions, Episode(id="mg"), "captions.txt")
    assert all(s.speaker is None for s in episode.segments) and "V3" not in " ".join(s.text for s in episode.segments)
    assert episode.segments[0].start == 10.0


def test_a_speakers_name_above_the_time_line_names_the_turn_below_it() -> None:
    # A script that aligns a diarized transcript writes f"{speaker}\n{start} - {end}\n\n{content}\n\n"
    # (found in public code; this sample is in its shape). Read by block, each name ended the
    # turn before it and the first was an untimed segment of its own.
    text = (
        "Jane Doe\n00:00:05 - 00:00:10\n\nHello and welcome to the show, it is good to have you.\n\n"
        "John Smith\n00:00:11 - 00:00:20\n\nThanks for having me. I have been building data platforms.\n\n"
        "Jane Doe\n00:00:21 - 00:00:30\n\nSo what is a data contract?\n\n"
        "John Smith\n00:00:31 - 00:00:52\n\nAn agreement between the people who produce data and the people who use it.\n\n"
    )
    episode = formats.parse(text, Episode(id="above"), "interview.txt")
    assert episode.source_format == "timestamped_blocks"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (5.0, 10.0, "Jane Doe", "Hello and welcome to the show, it is good to have you."),
        (11.0, 20.0, "John Smith", "Thanks for having me. I have been building data platforms."),
        (21.0, 30.0, "Jane Doe", "So what is a data contract?"),
        (31.0, 52.0, "John Smith", "An agreement between the people who produce data and the people who use it."),
    ]
    # The name sits right above its time by design: no blank line is reported missing.
    assert "names_above_times" in kinds(episode) and "missing_blank_line" not in kinds(episode)
    # The same with a single time under each name, and no blank line before the words.
    single = text.replace(" - 00:00:10", "").replace(" - 00:00:20", "").replace(" - 00:00:30", "")
    single = single.replace(" - 00:00:52", "").replace("\n\n\n", "\n\n").replace(":05\n\n", ":05\n")
    episode = parse(single)
    assert [s.speaker for s in episode.segments] == ["Jane Doe", "John Smith", "Jane Doe", "John Smith"]
    assert [s.start for s in episode.segments] == [5.0, 11.0, 21.0, 31.0]


def test_a_captions_last_line_is_not_taken_for_the_next_speaker() -> None:
    # Two-line captions whose second line is a capitalised phrase now and then ("New York City")
    # keep it as words: names above time lines must head nearly every block, and recur.
    lines = ["We flew from London to", "New York City", "and then drove north", "to Boston",
             "where the conference was", "held that year", "in a big hall near the", "Charles River"]  # fmt: skip
    text = "".join(f"0:{2 * k:02d}\n{lines[2 * k]}\n{lines[2 * k + 1]}\n\n" for k in range(4))
    episode = parse(text)
    words = " ".join(s.text for s in episode.segments)
    assert "New York City" in words and "Charles River" in words
    assert "names_above_times" not in kinds(episode)


# --- a panel copy of captions that mark each turn with a dialogue dash ----------
# A roundtable's transcript panel copied out (a sample in the shape of a real copy, not its
# words): the video's uploaded captions dash each change of speaker and the panel joins a
# caption's lines, so one line holds several turns, and a name in brackets follows a dash now
# and then. Each line was one segment, dashes in its words, a bracketed name given to all of it.

DASHED_PANEL = """0:00
(upbeat music)
0:08
- Hi, and welcome to the roundtable. I'm your host Maya Lin, and I'm here with
0:14
Omar Diaz, Ruth Klein and Theo Park.
0:20
Let's dive right in, we're gonna start with-- - Hi, Maya. - Hi, Omar. - Thanks for having us.
0:26
- Great to be here! - See, you already got points. - (laughs) Fair. (group laughing)
0:33
All right, finish this sentence. I act because. - I love it so much
0:39
I don't know what else to do. - Starting with Theo.
0:45
- [Ruth] Is that how you wanna go out? - "Snorted," right. - For those of you watching, there is a guide
0:52
for Theo's answers. - No, close. - Yeah.
0:58
- [Maya] What about you, Omar. - Oh, you're gonna go there, huh?
1:04
- It's a well-known story, and I was - you know - tired. - 'Cause you had to be.
1:10
- [Ruth] Right. - [Maya] Thank you all.
"""


def test_dialogue_dashes_inside_a_panel_line_start_each_speakers_part() -> None:
    episode = formats.parse(DASHED_PANEL, Episode(id="dashes"), "roundtable.txt")
    assert episode.source_format == "timestamped_blocks"
    rows = [(s.start, s.end, s.speaker, s.text, s.directions) for s in episode.segments]
    # One caption's time is shared among its turns by length of text; the dashes leave the words.
    assert rows[3:10] == [
        (20.0, 23.214, None, "Let's dive right in, we're gonna start with--", []),
        (23.214, 23.857, None, "Hi, Maya.", []),
        (23.857, 24.5, None, "Hi, Omar.", []),
        (24.5, 26.0, None, "Thanks for having us.", []),
        (26.0, 27.608, None, "Great to be here!", []),
        (27.608, 30.257, None, "See, you already got points.", []),
        (30.257, 33.0, None, "Fair.", ["(laughs)", "(group laughing)"]),  # a sound after the dash opens a turn
    ]
    # A bracketed name after a dash names that part only, not the turns after it.
    assert [(s.speaker, s.text) for s in episode.segments if s.speaker] == [
        ("Ruth", "Is that how you wanna go out?"), ("Maya", "What about you, Omar."),
        ("Ruth", "Right."), ("Maya", "Thank you all."),
    ]  # fmt: skip
    assert rows[15][2:4] == (None, '"Snorted," right.')  # a quote after the dash
    # A dash before a lower-case word is said inside the sentence; a hyphen is a hyphen.
    texts = [s.text for s in episode.segments]
    assert "It's a well-known story, and I was - you know - tired." in texts and "'Cause you had to be." in texts
    assert not any(" - " in t or t.startswith("-") or "[" in t for t in texts if "you know" not in t)
    assert "dialogue_dashes" in kinds(episode) and "split_cue" in kinds(episode)


def test_dashes_inside_lines_split_nothing_where_the_captions_do_not_open_turns_with_dashes() -> None:
    # The same captions with no line opening with a dash: its " - " marks are no clear style of
    # marking turns, so each caption stays one segment, its words as written.
    plain = DASHED_PANEL.replace("\n- ", "\n")
    episode = formats.parse(plain, Episode(id="plain"), "panel.txt")
    assert len(episode.segments) == len(parse(plain).segments) == 11
    assert sum(" - " in s.text for s in episode.segments) == 8
    assert "dialogue_dashes" not in kinds(episode)


def test_zoom_web_transcript_copied_as_text_names_its_speakers_however_long_a_turn_runs() -> None:
    # Zoom's recording page copies each turn as its speaker's picture ("user avatar", the image's
    # text), the name, the time and the words, a line per phrase. A lecture's first turn ran past
    # the few kilobytes the format was told by, so the file read as plain text: every line a
    # segment, names and times among the words, all times estimated. A faithful sample.
    lecture = "\n".join(f"and this is how a relational database keeps table {k} consistent, row by row." for k in range(80))
    text = (f"John Rachlin\n00:00:02\nI think I was in 40 below once.\n{lecture}\n"
            "user avatar\nUnknown Speaker\n00:06:22\nbasically attributes just like a Csv file, right?\n"
            "user avatar\nJohn Rachlin\n00:06:30\nand the rows represent records.\nOkay, so to see different names.\n"
            "user avatar\nUnknown Speaker\n00:09:07\nas sets and\n"
            "user avatar\nJohn Rachlin\n00:09:10\nas records, as tuples of attributes.\nOkay, so that's\n"
            "user avatar\nNatalie Hammel\n01:36:32\nThank you.")  # fmt: skip
    assert len(text.split("00:06:22")[0]) > 4096
    episode = formats.parse(text, Episode(id="x"), "02-03-23.txt")
    assert episode.source_format == "timestamped_blocks"
    assert [(s.start, s.speaker, s.text[:20]) for s in episode.segments] == [
        (2, "John Rachlin", "I think I was in 40 "), (382, "Unknown Speaker", "basically attributes"),
        (390, "John Rachlin", "and the rows represe"), (547, "Unknown Speaker", "as sets and"),
        (550, "John Rachlin", "as records, as tuple"), (5792, "Natalie Hammel", "Thank you."),
    ]  # fmt: skip
    assert not any("avatar" in s.text for s in episode.segments)
    assert "avatar_lines" in kinds(episode)


@pytest.mark.parametrize("label", ["speaker0", "spk0", "spk_0"])
def test_lower_case_numbered_ids_after_a_range_are_speakers(label: str) -> None:
    # A Chinese meeting pipeline's text (JokingXie/meeting-minutes, its shape, our words): whisper's
    # range, then "speaker0:". SPEAKER_00 was read; the same ids in lower case stayed in the words.
    other = label.replace("0", "1")
    text = (f"[00:00:00.000 -> 00:00:23.580] {label}: 尊敬的各位专家，大家早上好。\n"
            f"[00:01:20.440 -> 00:01:24.540] {other}: 谢谢主持人。\n"
            f"[00:01:24.540 -> 00:01:30.000] {label}: 下面请第一位发言。\n")
    episode = formats.parse(text, Episode(id="x"), "meeting.txt")
    assert [(s.speaker, s.start) for s in episode.segments] == [
        ("Speaker 0", 0.0), ("Speaker 1", 80.44), ("Speaker 0", 84.54)]
    assert not any(label in s.text for s in episode.segments)


def test_time_marks_among_the_words_decode_html_entities() -> None:
    # cmaxw/devchat-eleventy's flat caption dumps (their shape, our words): "[0:15] Music.&nbsp;" kept the
    # entity in the words.
    text = "[0:00] Music.[0:05] Hey everybody and welcome.[0:09] Today we talk about WordPress &amp; APIs.[0:15] Music.&nbsp;\n"
    episode = formats.parse(text, Episode(id="x"), "jsj-256.txt")
    assert [s.text for s in episode.segments] == ["Music.", "Hey everybody and welcome.", "Today we talk about WordPress & APIs.",
                                                  "Music."]


def test_a_google_meet_transcript_saved_as_markdown_keeps_only_its_turns() -> None:
    # The shapes of 0xPolygon/Polygon-Improvement-Proposals' call transcripts, Google Meet's
    # transcript document saved as Markdown: the older one (title, attendees, notice in italics,
    # no time over the first section, "Name: " turns left empty, a closing line with a wave) and
    # the newer one (bold notice, a time over every section, "&nbsp;" spacing, the notice again at
    # the end). Our own meeting.
    notice = "This editable transcript was computer generated and might contain errors. People can also change the text after it was created."
    older = ("# Garden Club Call: Transcript\n\n### Attendees\nAna Ruiz, Bo Li\n\n"
             f"#### _{notice}_\n\nAna Ruiz: Welcome, everyone.\n\nBo Li: Thanks, Ana.\n\nBo Li: \n\n"
             "00:05:00\n\nAna Ruiz: Next, the tomatoes.\n\nBo Li: They did well.\n\nMeeting ended after 00:07:30 👋\n")  # fmt: skip
    episode = formats.parse(older, Episode(id="older"), "call.md")
    assert episode.title == "Garden Club Call: Transcript"
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ana Ruiz", "Welcome, everyone."), ("Bo Li", "Thanks, Ana."), ("Ana Ruiz", "Next, the tomatoes."),
        ("Bo Li", "They did well.")]
    assert episode.segments[0].start == 0.0 and episode.segments[2].start == 300.0
    assert episode.segments[-1].end == episode.duration == 450.0
    newer = (f"# Garden Club Call: Transcript\n**{notice}**\n\n00:00:00\n \nAna Ruiz: Welcome back.\n \n \n"
             "00:01:10\n \nBo Li: The seeds came in.\n \n \n00:01:40\n \nAna Ruiz: Good news.\n \n \n"
             "Transcription ended after 00:02:00\n\n"
             f"{notice}\n")  # fmt: skip
    episode = formats.parse(newer, Episode(id="newer"), "call.md")
    assert episode.title == "Garden Club Call: Transcript"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 70.0, "Ana Ruiz", "Welcome back."), (70.0, 100.0, "Bo Li", "The seeds came in."),
        (100.0, 120.0, "Ana Ruiz", "Good news.")]


def test_notes_that_quote_the_google_meet_notice_are_no_meet_transcript() -> None:
    # A page about transcription tools quotes Google's notice and shows a time line: its prose,
    # lines ending in a colon included, is all kept.
    notes = ("# Notes on tools\n\nWe tried several. The Google one begins with:\n\n"
             "> This editable transcript was computer generated and might contain errors.\n\n"
             "After it comes a time such as:\n\n00:00:00\n\nAna: Hello.\n\nIn the end we chose another one.\n")
    episode = formats.parse(notes, Episode(id="notes"), "notes.md")
    assert "meet_frame" not in {r.kind for r in episode.repairs}
    for kept in ("The Google one begins with:", "After it comes a time such as:", "might contain errors", "chose another"):
        assert kept in " ".join(s.text for s in episode.segments)


def test_a_google_meet_transcript_with_no_attendees_drops_only_the_notice_and_empty_turns() -> None:
    # Meet's layout with the attendee list left empty: the notice follows the heading directly. A
    # speaker's line that ends in a colon is words; only an empty turn under a speaking label goes.
    notice = "This editable transcript was computer generated and might contain errors."
    doc = (f"# Seed Swap: Transcript\n### Attendees\n{notice}\n00:00:00\nAna Ruiz: Welcome.\n"
           "What we will bring:\nBo Li:\n00:00:20\nBo Li: Beans and squash.\n")
    episode = formats.parse(doc, Episode(id="meet"), "call.md")
    assert episode.title == "Seed Swap: Transcript"
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Ana Ruiz", "Welcome. What we will bring:"), (20.0, "Bo Li", "Beans and squash.")]


def test_a_bold_label_under_the_time_line_names_the_turn() -> None:
    """Software Engineering Unlocked's pages (mgreiler/se-unlocked, episodes 47 and 49) put each turn's
    time on a line of its own and open the words with a bold label, "[00:02:01]" / "**Kim:** Thanks…":
    no speaker was found and every turn began "**Trier:**"."""
    from conftest import REPO

    name = "se-unlocked-047-time-line-over-bold-label.md"
    page = (REPO / "tests" / "data" / "real" / name).read_text(encoding="utf-8")
    # Kim's answer further down the same page, a clock written after her label (its lines 185-189)
    page += ("[00:09:57]  \n \n**Kim:** [00:10:00] Well, so, unlike Trier, I had a very impractical major in \n"
             "college. I studied Slavic literature, so it wasn't totally clear when I \n"
             "graduated, how I was gonna make a living.\n")
    episode = formats.parse(page, Episode(id="se-unlocked-047"), name)
    assert [(s.speaker, s.start) for s in episode.segments] == [
        ("Michaela", 0.0), ("Trier", 120.0), ("Kim", 121.0), ("Michaela", 123.0), ("Trier", 164.0),
        ("Kim", 597.0)]
    assert episode.segments[0].text.startswith("Hello, and welcome to the software engineering unlocked podcast.")
    assert episode.segments[2].text == "Thanks so much. It's an honor to be here with you."
    assert not any("**" in s.text or "[00:" in s.text for s in episode.segments)


def test_a_markdown_title_above_the_first_time_is_the_title_not_speech() -> None:
    """"# Episode 3" above a '[00:00:05]' / 'Jane Doe' / words export was stored as the first moment's words."""
    episode = parse("# Episode 3\n\n[00:00:05]\n\nJane Doe\n\nWelcome to the show.\n\n[00:00:31]\n\nJohn Smith\n\n"
                    "Thanks for having me.\n\n[00:01:02]\n\nJane Doe\n\nSo how did you start?\n")
    assert episode.title == "Episode 3"
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (5, "Jane Doe", "Welcome to the show."), (31, "John Smith", "Thanks for having me."),
        (62, "Jane Doe", "So how did you start?")]  # fmt: skip

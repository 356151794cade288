"""Plain text: the fallback. Paragraphs in, untimed segments out, nothing lost."""

from __future__ import annotations

import itertools
import re
import textwrap
from collections import Counter

import pytest
from conftest import read, real, seed
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import plain_text
from podsift.model import Episode
from podsift.structure import WORDS_PER_MINUTE, estimate_times
from podsift.text import strip_controls


def parse(text: str) -> Episode:
    episode = Episode(id="test")
    plain_text.parse(text, episode)
    episode.finish()
    return episode


def test_paragraphs_become_untimed_segments() -> None:
    text = "First thought,\nwrapped over two lines.\n\nSecond thought.\n\n\n\nThird (laughs) thought.\n"
    episode = parse(text)
    assert [s.text for s in episode.segments] == [
        "First thought, wrapped over two lines.",
        "Second thought.",
        "Third thought.",
    ]
    assert episode.segments[2].directions == ["(laughs)"]
    assert all(s.start is None and s.end is None and s.speaker is None for s in episode.segments)
    assert episode.duration is None
    (repair,) = [r for r in episode.repairs if r.kind == "no_structure"]
    assert "no times" in repair.detail


def test_without_blank_lines_each_line_is_a_segment() -> None:
    episode = parse("one line\r\nanother line\r\n  \tthird line  ")
    assert [s.text for s in episode.segments] == ["one line", "another line", "third line"]


def test_name_prefix_gives_the_speaker() -> None:
    text = (
        "Alexey: So, what do you do?\n\n"
        "Mary Ann Lee: I build pipelines.\n\n"
        "Note: this paragraph is an editor's note.\n\n"
        "we met at 10:30: lovely day.\n\n"
        "Four Capitalised Words Here: not a name.\n\n"
        "Alexey:no space after the colon."
    )
    segs = parse(text).segments
    # Paragraphs without a label carry on the last named speaker's turn; what is not a label stays speech.
    assert [(s.speaker, s.text) for s in segs] == [
        ("Alexey", "So, what do you do?"),
        ("Mary Ann Lee", "I build pipelines."),
        ("Mary Ann Lee", "Note: this paragraph is an editor's note."),
        ("Mary Ann Lee", "we met at 10:30: lovely day."),
        ("Mary Ann Lee", "Four Capitalised Words Here: not a name."),
        ("Mary Ann Lee", "Alexey:no space after the colon."),
    ]


def test_a_label_said_once_with_no_one_to_alternate_with_is_speech() -> None:
    segs = parse("Subtitles: @someone\n\nHello and welcome.\n\nToday we talk data.").segments
    assert [s.speaker for s in segs] == [None, None, None]
    assert segs[0].text == "Subtitles: @someone"
    segs = parse("Kind: captions\n\nhello there\n\nKind: captions\n\nagain").segments
    assert all(s.speaker is None for s in segs)


def test_terms_a_monologue_defines_once_each_are_no_speakers() -> None:
    # A host talking alone defines a word, later names a character, each once as "Word: …"; the
    # paragraphs after are still the host's, not 12 paragraphs said by "Gandalf".
    talk = [f"Point {n} of the story goes on, as I was saying." for n in range(12)]
    text = "\n\n".join([
        "Hello and welcome back to the show, everyone.", "Today we talk about wizards in fiction.",
        "Let's get some definitions out of the way first:",
        "Archetype: a pattern of character that recurs across stories and ages.", "It matters here.",
        "Let's start at the beginning.", "Gandalf: grey, then white, and very fond of fireworks.", *talk,
    ])
    segs = parse(text).segments
    assert {s.speaker for s in segs} == {None}
    assert segs[3].text.startswith("Archetype: a pattern")
    # Two people named once each, a moderator's introduction then the talk, are still voices.
    text = "\n\n".join(["Moderator: Our next speaker needs no introduction.", "Alan Kay: Thank you.", *talk])
    assert {s.speaker for s in parse(text).segments} == {"Moderator", "Alan Kay"}


def test_meeting_notes_headings_are_never_speakers() -> None:
    # Meeting-notes exports write their headings between the turns; they recur and alternate as a speaker would.
    text = (
        "Jane Doe: So the deck goes out on Friday.\n\nACTION ITEM: Send the deck to John\n\n"
        "John Smith: Good, and I will book the room.\n\nAction Items: Book the room\n\n"
        "Jane Doe: Thanks, everyone.\n\nNEXT STEPS: Review the numbers next week.\n\n"
        "John Smith: One more thing.\n\nnext steps: Ship it.\n\nTODO: Write it up\n\n"
        "Jane Doe: Bye.\n\nKey Takeaways: Price higher.\n\nTo-Do 2: Call the bank\n\nDecisions: Annual plans only."
    )
    segs = parse(text).segments
    assert {s.speaker for s in segs} == {"Jane Doe", "John Smith"}
    # A heading stays in the text, in the turn it was written into, as any other label that names no one.
    assert [(s.speaker, s.text) for s in segs[1:4]] == [
        ("Jane Doe", "ACTION ITEM: Send the deck to John"),
        ("John Smith", "Good, and I will book the room."),
        ("John Smith", "Action Items: Book the room"),
    ]
    assert segs[-1].text == "Decisions: Annual plans only."



def test_a_talk_scripts_slide_and_demo_cues_are_never_speakers() -> None:
    # Talk scripts and interview write-ups put stage notes between the turns, as labels.
    text = (
        "Setting: a studio in Amsterdam, recorded in May.\n\n"
        "Kathy: Welcome, everyone.\n\nSLIDE: Overview\n\nKathy: Here is the plan for today.\n\n"
        "Ben: Thanks for having me.\n\nSLIDES: Wake words\n\nKathy: A wake word starts the assistant.\n\n"
        "DEMO: the assistant answers\n\nBen: That was quick.\n\nSlide 3: Results\n\nKathy: It works offline."
    )
    segs = parse(text).segments
    assert {s.speaker for s in segs if s.speaker} == {"Kathy", "Ben"}
    assert any(s.text == "SLIDE: Overview" for s in segs)  # kept in the text, named for no one

def test_bom_and_mojibake_repaired() -> None:
    episode = parse("\ufeffLavanyaâ€™s journey")
    (segment,) = episode.segments
    assert segment.text in ("Lavanya’s journey", "Lavanya's journey")
    assert "mojibake" in [r.kind for r in episode.repairs]


def test_characters_lost_before_podsift_read_the_file_are_reported() -> None:
    # A film subtitle decoded badly upstream: the accents are gone for good, and the report says so.
    episode = parse("We review r\ufffdsum\ufffds all day.")
    assert episode.segments[0].text == "We review r\ufffdsum\ufffds all day."
    (lost,) = [r for r in episode.repairs if r.kind == "lost_characters"]
    assert lost.detail == "2 characters already unreadable in the source (shown as �)"


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "word", "\x00\x01\x02", "\ufeff"])
def test_degenerate_input(text: str) -> None:
    episode = parse(text)
    assert all(s.text or s.directions for s in episode.segments)


def test_sniff_is_a_weak_constant() -> None:
    assert plain_text.sniff("anything at all") == 0.1
    assert plain_text.sniff("") == 0.0
    assert plain_text.sniff(" \n ") == 0.0


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_never_claimed_above_fallback(prefix: str) -> None:
    assert plain_text.sniff(seed(prefix).read_text(encoding="utf-8")) < 0.5


def test_any_seed_parses_without_loss() -> None:
    text = seed("001").read_text(encoding="utf-8")
    episode = parse(text)
    assert episode.segments
    assert all(s.start is None for s in episode.segments)



# A speech-to-text dump: the whole episode as one line, punctuated, with no labels and no breaks
# (a faithful sample of the shape; the real file's repository has no licence).
TALK = [
    "Welcome back to the show, where we talk about the science of sleep and the tools that follow from it.",
    "My guest today runs a lab that studies how light in the morning sets the clock for the whole day.",
    "So what is the first thing you do when you wake up?",
    "I go outside, even when it is cloudy, because daylight is many times brighter than any lamp indoors.",
    "That sounds simple, but most people never do it!",
    "Right, and the effect builds over weeks rather than days, which is why people give up too early.",
    "We also measured what happens when the same people look at their phones late at night.",
]
ONE_LINE = " ".join(TALK * 40)  # ~3,600 words on one line


def test_a_long_paragraph_becomes_sentence_bounded_segments_whose_times_advance() -> None:
    episode = parse(ONE_LINE + "\n")
    segs = episode.segments
    # Every word, in order, and nothing else.
    assert " ".join(s.text for s in segs) == ONE_LINE
    # A few sentences each: never over a third of a moment, each ending where a sentence does.
    assert len(segs) >= len(ONE_LINE) // 333
    assert all(len(s.text) <= 333 and s.text.endswith((".", "?", "!")) for s in segs)
    assert all(len(s.text) >= 150 for s in segs[:-1])
    assert all(s.speaker is None for s in segs)
    assert "long_paragraphs" in {r.kind for r in episode.repairs}
    # Estimated times then advance through the talk instead of all sitting at 0:00.
    assert estimate_times(episode)
    starts = [s.start for s in segs]
    assert starts[0] == 0.0 and all(a < b for a, b in zip(starts, starts[1:]))
    words = len(ONE_LINE.split())
    assert segs[-1].end == pytest.approx(words / WORDS_PER_MINUTE * 60, abs=1)


def test_a_long_labelled_paragraph_keeps_its_speaker_and_short_ones_stay_whole() -> None:
    long_turn = " ".join(TALK * 4)
    short_turn = " ".join(TALK[:5])  # under a thousand characters: one segment, as written
    text = f"Ana: {long_turn}\n\nBo Li: {short_turn}\n\nAna: Thanks.\n\nAnd one more thought."
    segs = parse(text).segments
    pieces = [s for s in segs if s.speaker == "Ana"][:-2]
    assert len(pieces) > 3 and " ".join(s.text for s in pieces) == long_turn
    assert [(s.speaker, s.text) for s in segs[len(pieces):]] == [
        ("Bo Li", short_turn),
        ("Ana", "Thanks."),
        ("Ana", "And one more thought."),
    ]


def test_stage_directions_stay_beside_the_words_of_their_piece() -> None:
    text = " ".join(TALK * 3) + " [laughs] " + " ".join(TALK * 3)
    segs = parse(text).segments
    (marked,) = [s for s in segs if s.directions]
    assert marked.directions == ["[laughs]"]
    assert 0 < marked.ordinal < len(segs) - 1
    assert " ".join(s.text for s in segs) == " ".join(TALK * 6)


def _visible(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises_and_keeps_every_character(text: str) -> None:
    assert plain_text.sniff(text) in (0.0, 0.1)
    episode = parse(text)
    kept = Counter[str]()
    for seg in episode.segments:
        kept += _visible(seg.text)
        for direction in seg.directions:
            kept += _visible(direction)
    # A BOM and control characters (escape codes, NUL) are dropped on purpose and mojibake is
    # rewritten; credits, header lines and markup lines (a "---" rule) are reported and set
    # aside; speaker labels leave the text. Nothing else is lost.
    source = _visible(strip_controls(text.lstrip("\ufeff")))
    kinds = {r.kind for r in episode.repairs}
    if kinds & {"mojibake", "html_entities"}:
        return  # rewritten on purpose, and reported
    assert not kept - source
    if not kinds & {"credit_lines", "header_lines", "markup_lines"}:
        labels = {ch for seg in episode.segments if seg.speaker for ch in seg.speaker + ":*_"}
        assert set(source - kept) <= labels


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Ana:", "Bo Li:", "word", "(laughs)", "[music]", "\n", "\n\n", " ", "♪"])))
def test_structured_bits_keep_every_character(bits: list[str]) -> None:
    text = "".join(bits)
    episode = parse(text)
    kept = Counter[str]()
    for seg in episode.segments:
        kept += _visible(seg.text)
        for direction in seg.directions:
            kept += _visible(direction)
    # Only speaker labels leave the text (a label names every paragraph of its turn), and
    # header lines, reported and set aside ("word" over "Bo Li:Ana:" is a title over fields).
    missing = _visible(text) - kept
    labels = set("Ana:Bo Li:")
    assert not kept - _visible(text)
    if "header_lines" not in {r.kind for r in episode.repairs}:
        assert set(missing) <= labels


@pytest.mark.parametrize("text", [
    "SPEAKER_00: Hello and welcome to the show.\n\nSPEAKER_01: Thanks for having me.\n\nSPEAKER_00: Let us start.\n",
    "[00:00:01] SPEAKER_00: Hello and welcome to the show.\n[00:00:03] SPEAKER_01: Thanks for having me.\n"
    "[00:00:05] SPEAKER_00: Let us start.\n",
    # WhisperX's own text output, and other diarizing tools' without the colon: the lines were read
    # as Markdown link definitions and left out (no text at all), or kept with the id in the words.
    "[SPEAKER_00]: Hello and welcome to the show.\n[SPEAKER_01]: Thanks for having me.\n"
    "[SPEAKER_00]: Let us start.\n",
    "[SPEAKER_00] Hello and welcome to the show.\n[SPEAKER_01] Thanks for having me.\n"
    "[SPEAKER_00] Let us start.\n",
    "[00:00:01 -> 00:00:03] [SPEAKER_00]: Hello and welcome to the show.\n"
    "[00:00:03 -> 00:00:05] [SPEAKER_01]: Thanks for having me.\n[00:00:05 -> 00:00:07] [SPEAKER_00]: Let us start.\n",
    # A diarizing script's "{speaker} ({start} - {end}): {text}": the range in parentheses was
    # words, the whole file untimed ("SPEAKER_00 (00:01 - 00:03): Hello...").
    "SPEAKER_00 (00:01 - 00:03): Hello and welcome to the show.\n\nSPEAKER_01 (00:03 - 00:05): Thanks for having me."
    "\n\nSPEAKER_00 (00:05 - 00:07): Let us start.\n",
    # Seconds with a fraction in a range, "[{start:0.2f}-{end:0.2f}] {speaker}: {text}" (or with an
    # "s" each): untimed, the range in the words.
    "[0.00-1.50] SPEAKER_00: Hello and welcome to the show.\n[1.50-3.25] SPEAKER_01: Thanks for having me.\n"
    "[3.25s - 4.00s] SPEAKER_00: Let us start.\n",
    # insanely-fast-whisper's text conversion: "{speaker} ({start}-{end}):" above the words.
    "SPEAKER_00 (0.0-1.5):\nHello and welcome to the show.\n\nSPEAKER_01 (1.5-3.25):\nThanks for having me.\n\n"
    "SPEAKER_00 (3.25-4.0):\nLet us start.\n",
], ids=["paragraphs", "timed-lines", "whisperx-txt", "brackets", "ranges-and-brackets", "name-and-range",
        "seconds-range", "seconds-range-above"])
def test_a_diarizers_numbered_ids_in_text_show_as_numbered_speakers(text: str) -> None:
    # A WhisperX transcript saved as text keeps pyannote's ids; every reader shows them as "Speaker N".
    episode = formats.parse(text, Episode(id="test"), "talk.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker 0", "Hello and welcome to the show."), ("Speaker 1", "Thanks for having me."),
        ("Speaker 0", "Let us start."),
    ]
    if "(00:01 - 00:03)" in text:
        assert [(s.start, s.end) for s in episode.segments] == [(1.0, 3.0), (3.0, 5.0), (5.0, 7.0)]
    if "[0.00-1.50]" in text or "(0.0-1.5)" in text:
        assert [(s.start, s.end) for s in episode.segments] == [(0.0, 1.5), (1.5, 3.25), (3.25, 4.0)]


# The shape of NeMo diarization's text output (FarshadAmiri/Nemo-diarization): "[start s - end s] spNNN:"
# on a line of its own, the words on the next; the code stayed in the words and no one spoke.
_READERS_CODES = ("[0.00s - 4.10s] sp2100:\nThe river runs cold under the old stone bridge.\n\n"
                  "[4.10s - 7.25s] sp2100:\nand the mill wheel turns all winter long.\n\n"
                  "[7.90s - 11.40s] sp318:\nNobody in the village could say who built it.\n\n"
                  "[11.40s - 14.00s] sp2100:\nThe miller's daughter kept the only key.\n")


def test_a_readers_code_above_its_words_is_the_speaker() -> None:
    segments = formats.parse(_READERS_CODES, Episode(id="test"), "transcript_with_speakers.txt").segments
    assert [(s.start, s.speaker) for s in segments] == [(0.0, "sp2100"), (4.1, "sp2100"), (7.9, "sp318"),
                                                        (11.4, "sp2100")]
    assert [s.text for s in segments][2:] == ["Nobody in the village could say who built it.",
                                              "The miller's daughter kept the only key."]


# The shape of a WhisperX demo's text (cfprabhu21/whisperx-demo): "Speaker SPEAKER_00:  text", two
# spaces after the colon; shown as "Speaker SPEAKER_00" where a bare id shows as "Speaker 0".
_PREFIXED_IDS = ("Speaker SPEAKER_00:  Part two.\nSpeaker SPEAKER_00: You will hear a short talk on sleep.\n"
                 "Speaker SPEAKER_01: Good morning, today the subject is sleep.\n"
                 "Speaker SPEAKER_01:  Most adults need more of it than they get.\n")


def test_a_speaker_word_before_a_diarizers_id_shows_the_numbered_speaker() -> None:
    segments = formats.parse(_PREFIXED_IDS, Episode(id="test"), "diarized_transcript.txt").segments
    assert [(s.speaker, s.text[:9]) for s in segments] == [
        ("Speaker 0", "Part two."), ("Speaker 0", "You will "), ("Speaker 1", "Good morn"), ("Speaker 1", "Most adul")]


# The shape of a Portuguese interview's text (evertonpendragon/meeting_summary_ai): each turn a line opened
# by a letter and a dash, "A - " / "B - ", trailing spaces; read with no speakers, the letter in the words.
_LETTER_DASH_TURNS = ("A - Queria abrir a conversa falando da cidade onde cresci.  \n"
                      "B - Pode falar, estou ouvindo com calma.  \n"
                      "A - Era pequena, com uma praça e uma igreja antiga.\n"
                      "B - E o que mudou desde então?\n"
                      "A - Quase tudo, menos a praça.\n")


def test_turns_opened_by_a_letter_and_a_dash_name_their_speakers() -> None:
    segments = formats.parse(_LETTER_DASH_TURNS, Episode(id="test"), "transcricao.txt").segments
    assert [s.speaker for s in segments] == ["A", "B", "A", "B", "A"]
    assert segments[1].text == "Pode falar, estou ouvindo com calma."
    # Prose that opens one line with a letter and a dash keeps it as words.
    prose = formats.parse("Plan A - the cheap one - failed.\nA - to be fair - was never tried.\n"
                          "So we moved on.\n", Episode(id="test"), "notes.txt").segments
    assert all(s.speaker is None for s in prose) and "A - to be fair" in " ".join(s.text for s in prose)
    # A changelog's alternating "Added - " / "Fixed - " lines were two speakers.
    changelog = formats.parse("Added - export to SRT\nFixed - crash on empty files\nAdded - a search box\n"
                              "Fixed - slow start\nAdded - dark mode\nFixed - typo in help\n",
                              Episode(id="test"), "CHANGES.txt").segments  # fmt: skip
    assert all(s.speaker is None for s in changelog) and "Added - export to SRT" in " ".join(s.text for s in changelog)


# The shape of a Chinese podcast's Markdown transcript (joqk12345/Podcast-Subtitle): the audio file's name as
# the h1, then each paragraph of speech a bullet; the "- " stayed at the start of the words.
_BULLETED_SPEECH = "# ep03.mp3\n\n\n- 大家好 欢迎收听本期节目 今天我们聊聊城市里的老房子\n\n- 老房子里 有很多 我们小时候的记忆\n"


def test_bulleted_paragraphs_of_speech_lose_their_list_marks() -> None:
    episode = formats.parse(_BULLETED_SPEECH, Episode(id="test"), "ep03.mp3.md")
    assert episode.title == "ep03.mp3"
    assert [s.text for s in episode.segments] == ["大家好 欢迎收听本期节目 今天我们聊聊城市里的老房子", "老房子里 有很多 我们小时候的记忆"]


@pytest.mark.parametrize("text", [
    # Notes apps and Markdown exports keep each turn as a list item; the bullet hid the time.
    "- 00:00 Jane Doe: Welcome back to the show.\n- 00:04 John Smith: Thanks for having me.\n"
    "- 00:08 Jane Doe: Let us start.\n",
    "* [00:00:00] Jane Doe: Welcome back to the show.\n* [00:00:04] John Smith: Thanks for having me.\n"
    "* [00:00:08] Jane Doe: Let us start.\n",
    # A recorder's "- [HH:MM:SS] [Mic1] text": the label in brackets after the time, no colon.
    "# Transcript\n\n- [00:00:00] [Jane Doe] Welcome back to the show.\n- [00:00:04] [John Smith] Thanks for having me.\n"
    "- [00:00:08] [Jane Doe] Let us start.\n",
], ids=["dash", "star-brackets", "bracketed-label"])
def test_turns_kept_as_list_items(text: str) -> None:
    episode = formats.parse(text, Episode(id="test"), "notes.md")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Jane Doe", "Welcome back to the show."), (4.0, "John Smith", "Thanks for having me."),
        (8.0, "Jane Doe", "Let us start.")]  # fmt: skip
    # A sound in brackets after the time is no speaker.
    sounds = formats.parse("[00:00:01] [Music] Welcome back.\n[00:00:05] [Music] Thanks for having me.\n"
                           "[00:00:09] [Applause] Let us start.\n", Episode(id="s"), "s.txt")  # fmt: skip
    assert [s.speaker for s in sounds.segments] == [None, None, None]


def test_markdown_cues_with_a_bold_range_and_the_name_after_it() -> None:
    # A transcript tool's shared Markdown: "**[start --> end]** Name", the words below. The range
    # was taken for a caption file's timing line, and the whole file for untimed text.
    text = ("## Transcript\n\n**[00:00:00.000 --> 00:00:04.000]** Jane Doe\nWelcome back to the show.\n\n"
            "**[00:00:04.000 --> 00:00:08.000]** John Smith\nThanks for having me.\n\n"
            "**[00:00:08.000 --> 00:00:12.000]**\nLet us carry on.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="test"), "talk.md")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 4.0, "Jane Doe", "Welcome back to the show."), (4.0, 8.0, "John Smith", "Thanks for having me."),
        (8.0, 12.0, "John Smith", "Let us carry on."),  # a range alone carries on the turn before
    ]  # fmt: skip


def test_a_transcribers_credit_with_its_tool_is_no_speech() -> None:
    # noScribe's text export opens "Transcribed with noScribe vers. 0.7": a credit, like "Transcribed by".
    text = ("A talk about pricing\n\nTranscribed with noScribe vers. 0.7\n\n"
            "S01: [00:00:12] Welcome to the show.\n\nS00: [00:00:36] Thanks for having me.\n\nS01: [00:00:40] Let us start.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="test"), "talk.txt")
    assert "noScribe" not in " ".join(s.text for s in episode.segments)
    assert any(r.kind == "credit_lines" for r in episode.repairs)
    # A longer sentence that starts so is speech.
    spoken = formats.parse("Transcribed with great care by a friend, this story is about my grandmother's farm.\n",
                           Episode(id="s"), "s.txt")  # fmt: skip
    assert spoken.segments[0].text.startswith("Transcribed with great care")


def test_noscribes_overlapping_speech_is_its_speakers_own_segment() -> None:
    # noScribe's text export (a sample in the shape of its own test file) writes another voice heard
    # during a turn inline, "//S02: … //". The marks and the other's words were the turn's words.
    text = ("A talk about pricing\n\nTranscribed with noScribe vers. 0.7\n\n"
            "S01: [00:00:12] Welcome to the show. //S02: Great topic. // Today we talk pricing.\n\n"
            "S00: [00:00:36] Thanks for having me. //S01: Sure. // I set a rate by the day.\n\n"
            "S01: [00:00:50] Was someone faster? //S00: Maybe so. //S02: Or cheaper.//\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="test"), "talk.txt")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (12.0, "Speaker 1", "Welcome to the show. Today we talk pricing."), (12.0, "Speaker 2", "Great topic."),
        (36.0, "Speaker 0", "Thanks for having me. I set a rate by the day."), (36.0, "Speaker 1", "Sure."),
        (50.0, "Speaker 1", "Was someone faster?"), (50.0, "Speaker 0", "Maybe so."), (50.0, "Speaker 2", "Or cheaper."),
    ]  # fmt: skip
    assert "4 stretches of overlapping speech" in next(r.detail for r in episode.repairs if r.kind == "overlapping_speech")
    # A link's "//" is no mark.
    linked = formats.parse("S01: [00:00:12] See https://example.com/S02: for more.\n\nS00: [00:00:20] Thanks.\n",
                           Episode(id="l"), "l.txt")  # fmt: skip
    assert "https://example.com/S02: for more." in linked.segments[0].text


def test_a_range_of_whole_numbers_in_brackets_is_no_time() -> None:
    # "[2019-2020]" is years; only a fraction or an "s" makes bare numbers seconds.
    episode = formats.parse("[2019-2020] Ana: I taught maths.\n[2021-2023] Bo: I ran a bakery.\n"
                            "[2019-2020] Ana: Then data.\n", Episode(id="test"), "cv.txt")  # fmt: skip
    assert all(s.start is None for s in episode.segments)


def test_a_name_and_a_time_range_in_parentheses_open_each_turn() -> None:
    # "Jane Doe (00:00:05 - 00:00:10)" above the words, or before them after a colon.
    for text in ("Jane Doe (00:00:05 - 00:00:10)\nWelcome to the show, everyone.\n\nJohn Smith (00:00:10 - 00:00:18)\n"
                 "Thanks for having me, Jane.\n\nJane Doe (00:00:18 - 00:00:30)\nLet us talk pricing.\n",
                 "Jane Doe (00:05 - 00:10): Welcome to the show, everyone.\nJohn Smith (00:10 - 00:18): Thanks for "
                 "having me, Jane.\nJane Doe (00:18 - 00:30): Let us talk pricing.\n"):  # fmt: skip
        episode = formats.parse(text, Episode(id="test"), "talk.txt")
        assert [(s.speaker, s.start, s.end) for s in episode.segments] == [
            ("Jane Doe", 5.0, 10.0), ("John Smith", 10.0, 18.0), ("Jane Doe", 18.0, 30.0)]
        assert episode.segments[1].text == "Thanks for having me, Jane."


def test_a_bare_time_range_a_full_width_comma_and_a_diarizers_id_open_each_turn() -> None:
    # The shape of JokingXie/meeting-minutes' meeting_transcript.txt: "00:00:00-00:00:10，speaker0："
    # (a range without brackets, a full-width comma and colon), the words indented on the next line.
    text = ("00:00:00-00:00:12，speaker0：\n\n    欢迎大家来参加今天的讨论。\n    \n"
            "00:00:12-00:00:20，speaker1：\n\n    谢谢，我先介绍一下我们的产品。\n    \n"
            "00:00:20-00:00:31，speaker0：\n\n    好的，请开始吧。\n")  # fmt: skip
    episode = read("meeting_transcript.txt", text)
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 12.0, "Speaker 0", "欢迎大家来参加今天的讨论。"), (12.0, 20.0, "Speaker 1", "谢谢，我先介绍一下我们的产品。"),
        (20.0, 31.0, "Speaker 0", "好的，请开始吧。")]  # fmt: skip


def test_lowercase_labels_that_take_turns_are_speakers() -> None:
    # A chat export or quick notes: names typed in lower case, the same two taking turns.
    chat = parse("alice: so how did you start?\nbob: i was a teacher for ten years, then moved into data.\n"
                 "alice: what made you switch?\nbob: honestly, boredom.\n\n"
                 "alice: ha. and then?\nbob: then it snowballed.\n")
    assert [(s.speaker, s.text) for s in chat.segments] == [
        ("alice", "so how did you start?"), ("bob", "i was a teacher for ten years, then moved into data."),
        ("alice", "what made you switch?"), ("bob", "honestly, boredom."),
        ("alice", "ha. and then?"), ("bob", "then it snowballed."),
    ]
    assert chat.speakers == ["alice", "bob"]


def test_lowercase_prose_with_colons_names_no_speakers() -> None:
    notes = parse("note: this is a draft of the episode notes.\nupdate: we moved the recording to friday.\n"
                  "see https://example.com/page for details.\nwe met at 10:30 and talked for an hour.\n"
                  "note: remember to send the invoice.\nupdate: done.\n")
    assert notes.speakers == []
    assert [s.text for s in notes.segments][:2] == ["note: this is a draft of the episode notes.",
                                                   "update: we moved the recording to friday."]
    # A log's levels take turns too, and are no speakers.
    log = parse("info: server started\nerror: disk full\ninfo: retrying\nerror: disk still full\ninfo: gave up\n")
    assert log.speakers == []
    assert [s.text for s in log.segments][:2] == ["info: server started", "error: disk full"]
    # One lowercase label, however often it recurs, is no conversation.
    diary = parse("today: rain.\n\ntoday: sun, then rain.\n\ntoday: a long walk.\n\nthe end.\n")
    assert diary.speakers == []
    assert len(diary.segments) == 4


# Three paragraphs as a text editor or textwrap leaves them at 70 columns: the middle one's
# second sentence, "Python: the glue ...", happens to start a wrapped line.
WRAPPED = [
    "Welcome back to the show. Today we are talking about how small teams ship machine learning models "
    "to production without a platform team, and what breaks first when they do.",
    "When we asked every team what they could not live without, one answer kept coming back, which "
    "surprised nobody who has worked in data. Python: the glue between every stage, from the first "
    "notebook to the last scheduled job, and the one thing all of them had in common.",
    "We also looked at monitoring, which most teams added late and regretted, and at the dashboards that "
    "nobody opened after the first week.",
]


@pytest.mark.parametrize("between", ["\n\n", "\n"], ids=["blank-lines", "no-blank-lines"])
def test_a_word_and_colon_that_the_wrap_put_at_a_lines_start_does_not_split_its_paragraph(between: str) -> None:
    text = between.join(textwrap.fill(p, 70) for p in WRAPPED) + "\n"
    assert "\nPython: the glue" in text
    episode = parse(text)
    assert [s.text for s in episode.segments] == WRAPPED
    assert episode.speakers == []
    # Speakers' labels in the same wrapped text still open their turns.
    turns = parse("\n\n".join(textwrap.fill(f"{name}: {p}", 70) for name, p in zip(["Ana", "Bob", "Ana"], WRAPPED)))
    assert [(s.speaker, s.text) for s in turns.segments] == list(zip(["Ana", "Bob", "Ana"], WRAPPED))


# The shape of TC39's meeting notes (a faithful sample: the notes' repository states no licence):
# each topic's heading, its presenter, links, then the discussion by abbreviation.
TC39_NOTES = """100th TC39 Meeting
7th Feb 2024
-----

## Intl.MessageFormat update and discussion
Presenter: Eemeli Aro (EAO)

- [proposal](https://github.com/tc39/proposal-intl-messageformat)

EAO: The discussion yesterday ended up covering this question.

NRO: How big is the remaining part, if you remove parsing?

EAO: It is not huge.

## Import attributes for Stage 4
Presenter: Nicolò Ribaudo (NRO)

NRO: We have two implementations shipping.

DE: Sounds great, I support Stage 4.
"""


def test_a_meeting_notes_presenter_line_is_metadata_not_a_speaker() -> None:
    episode = parse(TC39_NOTES)
    # The presenter lines spell out two presenters' initials, so their turns show their names.
    assert episode.speakers == ["Eemeli Aro", "Nicolò Ribaudo", "DE"]
    assert [(s.speaker, s.text) for s in episode.segments if s.speaker] == [
        ("Eemeli Aro", "The discussion yesterday ended up covering this question."),
        ("Nicolò Ribaudo", "How big is the remaining part, if you remove parsing?"), ("Eemeli Aro", "It is not huge."),
        ("Nicolò Ribaudo", "We have two implementations shipping."), ("DE", "Sounds great, I support Stage 4."),
    ]
    assert not any("Presenter" in s.text for s in episode.segments)
    assert episode.extra["meeting_fields"] == ["Presenter: Eemeli Aro (EAO)", "Presenter: Nicolò Ribaudo (NRO)"]
    assert [c.title for c in episode.chapters][-1] == "Import attributes for Stage 4"


def test_bracketed_names_with_a_colon_are_speakers_and_link_definitions_are_not_speech() -> None:
    episode = parse("[Alice]: So how did you start?\n[Bob]: I was a teacher for ten years.\n[Alice]: And then?\n"
                    "[1]: https://example.com/show-notes\n")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Alice", "So how did you start?"), ("Bob", "I was a teacher for ten years."), ("Alice", "And then?")]
    # A sound in brackets is not a speaker, colon or not.
    sounds = parse("[Music] Welcome back to the show.\n[Applause] Thank you all.\n[Music] Let's begin.\n")
    assert {s.speaker for s in sounds.segments} == {None}


# What openai-whisper and mlx-whisper print while they transcribe (and whisper.cpp, with hours),
# as people save it: "whisper talk.mp3 > talk.txt". The lines' shape is whisper's own.
WHISPER_CONSOLE = (
    "Detecting language using up to the first 30 seconds. Use `--language` to specify the language\n"
    "Detected language: English\n"
    "[00:00.000 --> 00:07.000]  Welcome everyone to the architecture review.\n"
    "[00:07.000 --> 00:12.500]  We'll start with the diagrams.\n"
    "[01:02:03.000 --> 01:02:08.330]  Specifically the cosmos integration.\n"
)
WHISPER_CPP = (
    "main: processing 'talk.wav' (16000 samples, 1.0 sec), 4 threads, 1 processors, lang = en, task = transcribe\n"
    "\n"
    "[00:00:00.000 --> 00:00:07.000]   Welcome everyone to the architecture review.\n"
    "[00:00:07.000 --> 00:00:12.500]   We'll start with the diagrams.\n"
    "[01:02:03.000 --> 01:02:08.330]   Specifically the cosmos integration.\n"
    "\n"
    "whisper_print_timings:     load time =    47.00 ms\n"
    "whisper_print_timings:    total time =  1337.00 ms\n"
)
# faster-whisper's README prints "[%.2fs -> %.2fs] %s".
FASTER_WHISPER = (
    "[0.00s -> 7.00s] Welcome everyone to the architecture review.\n"
    "[7.00s -> 12.50s] We'll start with the diagrams.\n"
    "[3723.00s -> 3728.33s] Specifically the cosmos integration.\n"
)

# Scripts printing whisper's segments themselves bracket each time on its own; the end was read as a
# clock inside the words, which began with "-->".
EACH_TIME_BRACKETED = (
    "[00:00:00.000] --> [00:00:07.000] Welcome everyone to the architecture review.\n"
    "[00:00:07.000] --> [00:00:12.500] We'll start with the diagrams.\n"
    "[01:02:03.000] --> [01:02:08.330] Specifically the cosmos integration.\n"
)


@pytest.mark.parametrize("text", [WHISPER_CONSOLE, WHISPER_CPP, FASTER_WHISPER, EACH_TIME_BRACKETED],
                         ids=["whisper", "whisper.cpp", "faster", "each time bracketed"])
def test_a_transcribers_console_output_saved_as_text_keeps_its_times(text: str) -> None:
    episode = formats.parse(text, Episode(id="test"), "talk.txt")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 7.0, "Welcome everyone to the architecture review."),
        (7.0, 12.5, "We'll start with the diagrams."),
        (3723.0, 3728.33, "Specifically the cosmos integration."),
    ]
    assert episode.title is None  # the log lines are neither the title nor speech


@pytest.mark.parametrize("text", [
    # AssemblyAI letters the voices it tells apart; its examples print them so.
    "Speaker A: Hello and welcome to the show.\n\nSpeaker B: Thanks for having me.\n\nSpeaker A: Let us start.\n",
    # A course tool's Markdown: a time range with the Unicode arrow, then a bold label.
    "[00:00:15 → 00:01:02] **Speaker A:** Hello and welcome to the show.\n\n"
    "[00:01:05 → 00:01:45] **Speaker B:** Thanks for having me.\n\n[00:01:48 → 00:02:30] **Speaker A:** Let us start.\n",
], ids=["text", "ranges"])
def test_lettered_speakers_are_speakers(text: str) -> None:
    # "Speaker A" ended in what was taken for the article "a": a phrase like "INTERVIEW OF", not a name.
    episode = formats.parse(text, Episode(id="test"), "talk.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker A", "Hello and welcome to the show."), ("Speaker B", "Thanks for having me."),
        ("Speaker A", "Let us start."),
    ]


def test_headings_with_a_colon_are_the_title_and_chapters() -> None:
    # "# Episode 12: Pricing" was read as a header field named "episode 12", and "## Part 2: ..."
    # below the speech as another: the transcript lost its title and its chapters.
    episode = parse("# Episode 12: Pricing your work\n\nAna: Welcome back to the show.\n\nBo: Thanks.\n\n"
                    "## Part 2: Finding clients\n\nAna: So where do clients come from?\n\nBo: Mostly referrals.\n")
    assert episode.title == "Episode 12: Pricing your work"
    assert [(c.title, c.first_segment) for c in episode.chapters] == [("Part 2: Finding clients", 2)]
    assert "episode 12" not in episode.extra and "part 2" not in episode.extra
    # A talk dump's header fields above the talk stay fields.
    dump = parse("# Title: Do Schools Kill Creativity?\n# Speaker: Ken Robinson\n# Event: TED2006\n\nGood morning.\n")
    assert dump.title == "Do Schools Kill Creativity?" and dump.extra["event"] == "TED2006" and not dump.chapters


@pytest.mark.parametrize("pros, cons", [("pros", "cons"), ("Pros", "Cons")])
def test_a_list_of_pros_and_cons_stays_in_the_speakers_words(pros: str, cons: str) -> None:
    # They alternate like two people taking turns, and became two speakers named "pros" and "cons".
    episode = parse(f"Ana: So what did you think of the tool?\n\nBo: Let me list it.\n{pros}: it is fast.\n"
                    f"{cons}: the docs are thin.\n{pros}: the community is friendly.\n{cons}: no Windows build.\n\n"
                    "Ana: Fair enough.\n")
    assert [s.speaker for s in episode.segments] == ["Ana", "Bo", "Ana"]
    assert f"{pros}: it is fast." in episode.segments[1].text


# A meeting archive's page (the shape of a public one whose files carry no licence): notes above a
# "### Transcript" marker, then each turn under a heading naming the speaker, its time a link to the video.
LINKED_TIMES = """# 2025-03-10 Meeting

### Meeting Agenda

**Time:** 9am Monday
- company update
- scheduler

### Audio

[Youtube Link](https://www.youtube.com/watch?v=abcdefghijk)

### Transcript
##### **Ana** [[00:00:00](https://www.youtube.com/watch?v=abcdefghijk&t=0)]
Okay, we'll start with the company update.

##### **Bo** [[00:00:04](https://www.youtube.com/watch?v=abcdefghijk&t=4)]
We shipped two boxes this week.
Orders are steady.

##### **Ana** [[00:01:10](https://www.youtube.com/watch?v=abcdefghijk&t=70)]
Good. Next, the scheduler.
"""


@pytest.mark.parametrize("text", [
    LINKED_TIMES,
    "[00:00:05](https://youtu.be/x?t=5) **Ana:** Hello there.\n\n[00:00:09](https://youtu.be/x?t=9) **Bo:** Hi, Ana.\n\n"
    "[00:00:12](https://youtu.be/x?t=12) **Ana:** Let's start.\n",
], ids=["headings", "lines"])
def test_times_written_as_links_to_the_recording_are_times(text: str) -> None:
    # The link around each time hid it: the page was stored with no segments at all ("headings"),
    # or as untimed paragraphs with the time and name in the words ("lines").
    episode = formats.parse(text, Episode(id="meeting"), "meeting.md")
    assert [(s.speaker, s.start) for s in episode.segments][:3] in (
        [("Ana", 0.0), ("Bo", 4.0), ("Ana", 70.0)], [("Ana", 5.0), ("Bo", 9.0), ("Ana", 12.0)])
    assert not any("](" in s.text or "youtube" in s.text for s in episode.segments)
    if text is LINKED_TIMES:
        assert episode.title == "2025-03-10 Meeting"
        assert episode.segments[1].text == "We shipped two boxes this week. Orders are steady."
        assert "company update" in episode.extra["show_notes"]
        assert episode.youtube_id == "abcdefghijk"  # every time links to it: results play from the moment


def test_clocks_said_in_prose_are_no_time_marks() -> None:
    # A text is read as stamped (oTranscribe's export: "… on campus? 02:51") only where its clocks
    # are many for its words and go forward; times of day said in prose stay words.
    said = (
        "We met at 10:30 for coffee and talked until 11:45 about the launch. "
        + "Then the train at 9:15 was late, so I got home after 12:40. " * 3
        + "Honestly it was a long day, and the rest of this note is about other things entirely. " * 20
    )
    episode = formats.parse(said, Episode(id="p"), "note.txt")
    assert episode.source_format == "plain_text"
    assert "10:30" in episode.segments[0].text
    stamped = "Hello and welcome. 00:04 Thanks. 00:09\nSo, how did it start? 00:15 By accident. 00:21"
    assert formats.parse(stamped, Episode(id="s"), "s.txt").source_format == "time_marks"


def test_a_label_set_before_every_time_mark_is_not_speech() -> None:
    """A podscripts.co page saved as text (liaminhawai-cmd/Kill-James-Bond-vs-Bechdel-Cast,
    ``transcripts/atomic_blonde_BC.txt``; a sample in its shape): each paragraph opened by
    "Starting point is 00:04:46", glued to the words around it. The label closed every paragraph
    before it, and the first was the label alone."""
    page = ("Starting point is 00:00:00Welcome to the show, I am your host Ann.Starting point is 00:00:31And today "
            "we talk about trains and why people love them.Starting point is 00:01:05Trains are great, are they "
            "not?Starting point is 00:01:40Yes they are, and so are the people who drive them.")
    episode = formats.parse(page, Episode(id="p"), "atomic_blonde_BC.txt")
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.0, "Welcome to the show, I am your host Ann."),
        (31.0, "And today we talk about trains and why people love them."),
        (65.0, "Trains are great, are they not?"), (100.0, "Yes they are, and so are the people who drive them.")]
    # words that differ before each mark are speech, as they were
    said = formats.parse("Hello and welcome. 00:04 Thanks. 00:09\nSo, how did it start? 00:15 By accident. 00:21",
                         Episode(id="s"), "s.txt")
    assert "mark_label" not in {r.kind for r in said.repairs}


def test_a_name_set_before_every_time_mark_is_who_speaks() -> None:
    """One voice's name before each of its times ("… Jane Smith 00:01:10 Second, water…"): read as
    a page's label for its times, the name was dropped and no segment had a speaker."""
    talk = ("Welcome back to the show, today we talk about gardens. Jane Smith 00:00:05 First, soil. You want it "
            "loose. Jane Smith 00:01:10 Second, water, not too much. Jane Smith 00:02:30 That is all for today.")
    episode = formats.parse(talk, Episode(id="g"), "g.txt")
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (0.0, None), (5.0, "Jane Smith"), (70.0, "Jane Smith"), (150.0, "Jane Smith")]
    assert "Jane Smith" not in " ".join(s.text for s in episode.segments)


# A volunteer's Markdown transcript of a French podcast, as its repository keeps them: a title
# heading, a bold name alone over the first paragraph, list items opening with bold labels,
# then "**Name** : text" turns (a space before the colon, as French typography writes it).
# A faithful sample of the shapes; the real file's licence does not let it be committed here.
HAND_MD = """# Transcription podcast 149

## Introduction

**Alan**
La semaine dernière vous avez pu goûter à un extrait de notre nouvelle formule. Bonsoir, et bienvenue.

# Sommaire

**Alan** : Alors au sommaire de cette émission particulière :

 * **Alan** : D'abord on aura deux mots de présentation sur notre invité, Adam, 
 * **Nico** : On aura la réponse au quiz du mois, 
 * **Alan** : Un blog audio qui déchire sa race, 
 * **Nico** : Et les dessins de NicoTupe en live si il y arrive.

# Interview

**Alan** : Alors, autour de la table de notre studio virtuel, on commence par Nico à Paris, Salut Nico !

**Nico** : Salut

**Adam** : Bonjour, merci de m'accueillir.
"""


def _hand_md() -> Episode:
    return formats.parse(HAND_MD, Episode(id="ps149"), "podcastscience-149.md")


def test_a_bold_name_alone_on_its_line_names_the_speaker_of_the_paragraph_below() -> None:
    # The first paragraph had no speaker and began "Alan La semaine dernière...".
    episode = _hand_md()
    assert episode.source_format == "plain_text"
    assert (episode.segments[0].speaker, episode.segments[0].text.split()[:3]) == ("Alan", ["La", "semaine", "dernière"])
    (repair,) = [r for r in episode.repairs if r.kind == "no_structure"]
    assert repair.detail.endswith("9 paragraphs became untimed segments, 8 with a 'Name:' speaker prefix "
                                  "and 1 continuing the turn before them")


def test_an_address_under_a_bold_name_is_no_turn_of_that_person() -> None:
    """A blog post's contact block under "**Jane Doe**" was read as Jane Doe saying "123 Main St Springfield…"."""
    page = ("# Episode 5\n\n**Host:** Welcome to the show, Jane.\n\n**Jane Doe:** Thanks for having me.\n\n"
            "**Host:** Tell us about your bakery.\n\n**Jane Doe:** We opened it ten years ago.\n\n"
            "**Jane Doe**\n123 Main St\nSpringfield, IL 62701\n(555) 123-4567\njane@example.com\n\n"
            "**Host**\nThanks, Jane. See you all next week.\n")  # fmt: skip
    episode = formats.parse(page, Episode(id="blog"), "episode-5.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Host", "Welcome to the show, Jane."), ("Jane Doe", "Thanks for having me."),
        ("Host", "Tell us about your bakery."), ("Jane Doe", "We opened it ten years ago."),
        ("Host", "Thanks, Jane. See you all next week.")]  # fmt: skip
    assert episode.extra["contact"] == ["Jane Doe\n123 Main St\nSpringfield, IL 62701\n(555) 123-4567\njane@example.com"]
    # Short lines under a bold name that are no address stay that speaker's words.
    short = formats.parse("**Alan**\n1996 - 2004\n10 people joined\n\n**Nico**\nWow.\n\n**Alan**\nYes.\n",
                          Episode(id="s"), "s.md")
    assert [(s.speaker, s.text) for s in short.segments][0] == ("Alan", "1996 - 2004 10 people joined")


def test_list_items_opening_with_a_bold_label_are_turns_of_that_speaker() -> None:
    # The four items were one segment of Alan's: "* Alan : D'abord ... * Nico : On aura ...".
    episode = _hand_md()
    assert [(s.speaker, " ".join(s.text.split()[:2])) for s in episode.segments[1:6]] == [
        ("Alan", "Alors au"), ("Alan", "D'abord on"), ("Nico", "On aura"), ("Alan", "Un blog"), ("Nico", "Et les"),
    ]
    assert not any("*" in s.text or "Nico :" in s.text for s in episode.segments)
    assert set(episode.speakers) == {"Alan", "Nico", "Adam"}


def test_a_title_heading_naming_the_transcription_is_the_title() -> None:
    # "# Transcription ..." was taken for a transcript marker and left out: the title came from the file name.
    episode = _hand_md()
    assert episode.title == "Transcription podcast 149"
    assert [(c.title, c.first_segment) for c in episode.chapters] == [("Introduction", 0), ("Sommaire", 1), ("Interview", 6)]
    # A tool's own title says nothing of the episode: still not taken.
    assert formats.parse("# Transcript\n\n" + HAND_MD.split("\n", 2)[2], Episode(id="t"), "t.md").title is None


def test_list_items_of_links_under_bold_names_are_not_turns() -> None:
    # Show notes that list each speaker's links stay notes, though the names speak below.
    notes = "- **Sam Hale**: [LinkedIn](https://l.example/sam)\n- **Kim Ortega**: [Site](https://k.example/kim)\n\n"
    episode = formats.parse(notes + "**Kim Ortega:** Hi.\n\n**Sam Hale:** Hello.\n\n**Kim Ortega:** Bye.\n",
                            Episode(id="n"), "n.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Kim Ortega", "Hi."), ("Sam Hale", "Hello."), ("Kim Ortega", "Bye."),
    ]
    assert episode.extra["notes"] == [notes.strip()]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_french_labels_with_a_space_before_the_colon_name_the_speakers(space: str) -> None:
    # A French research interview typed by hand ("Interviewer1 : OK donc…"), as French typography
    # writes a colon: no speaker was found and every label stayed in the words.
    text = "\n\n".join([
        f"Interviewer1{space}: OK donc en gros, vous pouvez nous parler de votre travail ?",
        f"Interviewee1{space}: Oui. Je travaille sur la qualité des données des moteurs d'avion.",
        f"Interviewer1{space}: Et qu'est-ce qui pose le plus de problèmes ?",
        f"Interviewee1{space}: Les valeurs manquantes, surtout dans les contrats.",
    ])
    episode = formats.parse(text, Episode(id="x"), "interview.txt")
    assert [s.speaker for s in episode.segments] == ["Interviewer1", "Interviewee1"] * 2
    assert episode.segments[1].text == "Oui. Je travaille sur la qualité des données des moteurs d'avion."


def test_an_interview_heading_and_transcribers_notes_are_not_speech() -> None:
    # An oral history kept as text (or a Word file or a PDF read as its text): the heading was an
    # unlabelled segment, "(Shuffling of papers)" Thompson's words and "[END OF INTERVIEW]" MSM's.
    episode = read("thompson.txt", (
        "Interview with Ken Thompson, 9-6-89\n\n"
        "MSM: Which ideas did you take from those systems?\n\n"
        "Thompson: Pipes, mostly.\n\n(Shuffling of papers)\n\n"
        "Thompson: I think this might be it.\n\nMSM: Ok...\n\n[END OF INTERVIEW]\n"))
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("MSM", "Which ideas did you take from those systems?"),
        ("Thompson", "Pipes, mostly."),
        (None, ""),
        ("Thompson", "I think this might be it."),
        ("MSM", "Ok..."),
        (None, ""),
    ]
    assert [s.directions for s in episode.segments if not s.text] == [["(Shuffling of papers)"], ["[END OF INTERVIEW]"]]
    assert episode.title == "Interview with Ken Thompson, 9-6-89"
    assert episode.date == "1989-09-06"


# A shell script's log around whisper.cpp's screen output, a Catalan meeting cut in 15-minute
# chunks; each chunk's times start again at 0:00 after the line naming its file.
WHISPER_CPP_CHUNKS = (
    "✂️ Tallant en blocs de 15 minuts...\n"
    "🧠 Transcrivint chunks/chunk_000.wav...\n"
    "\n"
    "[00:00:00.000 --> 00:00:05.740]   Les falles que tenim, la tasca de reposició que tindrem en aquest any,\n"
    "[00:14:10.180 --> 00:14:12.180]   per reemplaçar-ho?\n"
    "[00:14:12.180 --> 00:14:14.180]   Encarnació\n"
    "[00:14:14.180 --> 00:14:15.180]   a la posició\n"
    "[00:14:58.180 --> 00:15:00.000]   I hi ha 393.\n"
    "🧠 Transcrivint chunks/chunk_001.wav...\n"
    "\n"
    "[00:00:00.000 --> 00:00:01.080]   a 397.\n"
    "[00:07:26.740 --> 00:07:27.740]   Perdó?\n"
    "[00:07:27.740 --> 00:07:28.740]   El 2023\n"
    "[00:07:28.740 --> 00:07:29.740]   estàvem a caixar-la\n"
    "[00:14:59.140 --> 00:15:00.000]   Encarnació\n"
    "🧠 Transcrivint chunks/chunk_002.wav...\n"
    "\n"
    "[00:00:00.000 --> 00:00:02.280]   que hi ha un portú que tingui pats i jardins,\n"
    "[00:03:32.660 --> 00:03:33.340]   Encarnació\n"
    "[00:03:33.340 --> 00:03:34.000]   que es diu\n"
    "[00:03:45.020 --> 00:03:45.640]   Després\n"
    "[00:03:45.640 --> 00:03:47.000]   de la reunió.\n"
    "✅ Tots els blocs transcrits. Revisa carpeta chunks/\n"
)


def test_whisper_cpp_short_caption_lines_are_words_and_chunks_run_on() -> None:
    # "[00:14:12.180 --> 00:14:14.180]   Encarnació" was taken for a speaker's line: 11 invented
    # speakers owned most of a meeting and those lines' words were lost; every chunk's times
    # went back to 0:00 (a 2:10 meeting lasting 15:00) and the script's log was speech. The short
    # captions are words of the sentences they open, as captions are joined.
    episode = read("transcription_qturbo.out", WHISPER_CPP_CHUNKS)
    assert {s.speaker for s in episode.segments} == {None}
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 5.74, "Les falles que tenim, la tasca de reposició que tindrem en aquest any,"),
        (850.18, 852.18, "per reemplaçar-ho?"), (852.18, 855.18, "Encarnació a la posició"),
        (898.18, 900.0, "I hi ha 393."), (900.0, 901.08, "a 397."), (1346.74, 1347.74, "Perdó?"),
        (1347.74, 1349.74, "El 2023 estàvem a caixar-la"),
        (1799.14, 1802.28, "Encarnació que hi ha un portú que tingui pats i jardins,"),
        (2012.66, 2014.0, "Encarnació que es diu"), (2025.02, 2027.0, "Després de la reunió."),
    ]
    kinds = {r.kind: r.detail for r in episode.repairs}
    assert "15:00 after the one before" in kinds["times_restart"] and "estimated" in kinds["times_restart"]
    assert kinds["script_log"].startswith("5 lines")
    assert "time_backwards" not in kinds and "untimed_text" not in kinds and episode.title is None
    assert "caption_words" in kinds


@pytest.mark.parametrize("text", [
    "[00:00:00.000 --> 00:00:04.000] Jane Doe\nWelcome back to the show.\n\n"
    "[00:00:04.000 --> 00:00:08.000] John Smith\nThanks for having me.\n\n"
    "[00:00:08.000 --> 00:00:12.000] Jane Doe\nLet us carry on.\n",
    "[00:00.000 --> 00:04.000] Jane Doe: Welcome back to the show.\n"
    "[00:04.000 --> 00:08.000] John Smith: Thanks for having me.\n[00:08.000 --> 00:12.000] Jane Doe: Let us carry on.\n",
], ids=["name-above-words", "name-and-colon"])
def test_a_name_after_a_range_stays_a_speaker_where_it_is_no_caption(text: str) -> None:
    # Unlike whisper's short captions, a label stands over words below it, or before a colon.
    assert [(s.start, s.speaker, s.text) for s in read("talk.txt", text).segments] == [
        (0.0, "Jane Doe", "Welcome back to the show."), (4.0, "John Smith", "Thanks for having me."),
        (8.0, "Jane Doe", "Let us carry on."),
    ]


def test_whisper_cpp_restarting_without_a_log_is_put_after_the_run_before() -> None:
    # Two recordings' output saved one after the other: the second starts again at 0:00.
    first = "".join(f"[00:{m:02d}:00.000 --> 00:{m:02d}:30.000]   Part one, minute {m}.\n" for m in range(3))
    second = "[00:00:00.000 --> 00:00:04.000]   Part two begins.\n[00:00:04.000 --> 00:00:09.000]   And goes on.\n"
    episode = read("talks.txt", first + second)
    assert [(s.start, s.end) for s in episode.segments][-2:] == [(150.0, 154.0), (154.0, 159.0)]
    assert "where the one before ends" in next(r.detail for r in episode.repairs if r.kind == "times_restart")
    # One stamp slipping back to 0:00 is no new part: the times after it are kept.
    later = first.replace("00:0", "00:1").replace("Part one", "Later on")  # other words: no copy of the first
    slip = read("talks.txt", first + "[00:00:00.000 --> 00:00:04.000]   A slip.\n" + later)
    assert [s.start for s in slip.segments] == [0.0, 60.0, 120.0, 0.0, 600.0, 660.0, 720.0]


# A Catalan meeting as whisper.cpp prints it: each caption a line, its range in brackets. A script
# merging the chunks saved the same captions without brackets ("00:00:00,000 --> 00:00:05,740  Les
# falles…"), and whisper stuck in its loop once ("Tres quarts d'hora." over and over).
WHISPER_MEETING = [
    ("00:00:00.000", "00:00:05.740", "Les falles que tenim, la tasca de reposició que tindrem en aquest any,"),
    ("00:00:05.740", "00:00:10.300", "i si ho tenim per carrer, el tema és, nosaltres tenim el nostre programa"),
    ("00:00:10.300", "00:00:14.300", "i allà sí que tenim recollides totes les incidències perquè s'ha mort l'Arra,"),
    ("00:00:14.300", "00:00:20.720", "però clar, som molts de res de tota la ciutat i no podem fer un cartell per cada d'Arra,"),
    ("00:00:20.720", "00:00:24.580", "però la informació, si es fa la consulta al distrit i es la fan arribar,"),
    ("00:00:24.580", "00:00:27.300", "nosaltres no tenim cap incomenent en una resposta."),
    ("00:00:28.800", "00:00:32.280", "Es podria fer un seguiment dels escoixells que s'han aconseguit als ciutadans"),
    ("00:00:32.280", "00:00:34.820", "indicar com podria millorar-los."),
    *[(f"00:11:{a}", f"00:11:{b}", "Tres quarts d'hora.")
      for a, b in [("29.220", "29.740"), ("29.740", "30.180"), ("30.180", "30.740"), ("30.740", "31.820"),
                   ("31.820", "32.740"), ("32.740", "33.740")]],
    ("00:11:49.500", "00:11:50.660", "i tres quarts d'hora."),
    ("00:13:13.180", "00:13:14.180", "D'acord?"),
    ("00:13:14.180", "00:13:15.180", "D'acord?"),
    ("00:13:15.180", "00:13:15.180", "D'acord?"),
    ("00:13:15.180", "00:13:17.180", "aquí, parlava de la normativa,"),
    ("00:13:17.180", "00:13:18.180", "hi ha normativa"),
    *[(f"00:12:{a}", f"00:12:{b}", "Bona nit.") for a, b in [("30.300", "31.300"), ("31.300", "32.300"), ("32.300", "33.300")]],
]


def whisper_spellings(captions: list[tuple[str, str, str]]) -> dict[str, str]:
    """The captions as whisper.cpp prints them, and as a script saved them without brackets."""
    return {
        "transcription_qturbo.out": "".join(f"[{a} --> {b}]   {text}\n" for a, b, text in captions),
        "final_text.txt": "".join(f"{a.replace('.', ',')} --> {b.replace('.', ',')}  {text}\n" for a, b, text in captions),
    }


def test_whisper_captions_read_alike_with_or_without_brackets() -> None:
    # With brackets each caption was a segment of its own (2,807 for the meeting) where the same
    # captions without them were joined into sentences (1,850).
    read_as = {name: read(name, text) for name, text in whisper_spellings(WHISPER_MEETING).items()}
    bracketed, plain = ([(s.start, s.end, s.speaker, s.text) for s in episode.segments] for episode in read_as.values())
    assert bracketed == plain
    assert bracketed[:3] == [
        (0.0, 27.3, None, "Les falles que tenim, la tasca de reposició que tindrem en aquest any, i si ho tenim per "
         "carrer, el tema és, nosaltres tenim el nostre programa i allà sí que tenim recollides totes les incidències "
         "perquè s'ha mort l'Arra, però clar, som molts de res de tota la ciutat i no podem fer un cartell per cada "
         "d'Arra, però la informació, si es fa la consulta al distrit i es la fan arribar, nosaltres no tenim cap "
         "incomenent en una resposta."),
        (28.8, 34.82, None, "Es podria fer un seguiment dels escoixells que s'han aconseguit als ciutadans indicar com "
         "podria millorar-los."),
        (689.22, 689.74, None, "Tres quarts d'hora."),
    ]
    assert all("joined_fragments" in {r.kind for r in episode.repairs} for episode in read_as.values())


def test_whisper_loop_in_a_file_is_kept_once() -> None:
    # Whisper stuck on one sentence wrote it caption after caption: "Tres quarts d'hora." 35 times
    # in a row in the meeting. The first saying stays; "Bona nit." (two words) may be real, and stays.
    for name, text in whisper_spellings(WHISPER_MEETING).items():
        episode = read(name, text)
        said = [s.text for s in episode.segments]
        assert said.count("Tres quarts d'hora.") == 1 and said.count("Bona nit.") == 3, (name, said)
        (loop,) = [r.detail for r in episode.repairs if r.kind == "repetition_loop"]
        assert "5 repeats in 1 run dropped" in loop and "Tres quarts d'hora." in loop
    # Hand-made captions may repeat a line ("Four more years!" chanted): only whisper's loop goes.
    chant = "".join(f"{k}\n00:00:0{k},000 --> 00:00:0{k},900\nFour more years!\n\n" for k in range(1, 5))
    assert [s.text for s in read("rally.srt", chant).segments].count("Four more years!") == 4


def test_a_word_and_colon_opening_a_whisper_caption_is_words() -> None:
    # Whisper names no speaker: "Pregunta:" ("Question:") read out in a meeting became a speaker
    # owning the answers after it, with or without the brackets.
    questions = WHISPER_MEETING[:6] + [
        ("00:01:01.060", "00:01:07.620", "Pregunta: Podríem retirar els nius de processionària de les zones del barri?"),
        ("00:01:07.620", "00:01:10.220", "Resposta: Nosaltres des de Parcs i Jardins tenim un procediment."),
        ("00:01:26.900", "00:01:34.680", "Pregunta: Podríem pensar a més de la seva retirada de bosses?"),
        ("00:01:34.680", "00:01:44.040", "Resposta: En principi retirem algunes."),
        ("00:07:35.740", "00:07:36.740", "dient:"),
        ("00:07:36.740", "00:07:38.740", "que no podem fer un cartell per cada arbre."),
    ]
    for name, text in whisper_spellings(questions).items():
        episode = read(name, text)
        assert {s.speaker for s in episode.segments} == {None}, name
        assert [s.text for s in episode.segments][1:5] == [
            "Pregunta: Podríem retirar els nius de processionària de les zones del barri?",
            "Resposta: Nosaltres des de Parcs i Jardins tenim un procediment.",
            "Pregunta: Podríem pensar a més de la seva retirada de bosses?", "Resposta: En principi retirem algunes.",
        ]
        assert "whisper names no speaker" in next(r.detail for r in episode.repairs if r.kind == "caption_labels")


def test_whisper_segments_printed_in_seconds_are_timed_captions() -> None:
    # A script printing whisper's segments as "[{start:.2f} --> {end:.2f}]  {text}" (a podcast's
    # transcripts, hundreds of episodes): no colon and no "s" on the line, so it was plain text,
    # every segment untimed with its range in the words.
    episode = read("Away at OSCON_transcript.txt", (
        "[0.00 --> 3.18]  Hey everyone, this is Tim Smith, host of Away From Keyboard.\n"
        "[3.34 --> 6.18]  I just wanted to send you a little message just to let you know\n"
        "[6.18 --> 10.44]  that there will not be a new episode of Away From Keyboard this week.\n"
        "[10.68 --> 13.44]  Last week I was in Portland, Oregon for OzCon\n"
        "[13.44 --> 15.36]  and didn't get a chance to finish the episode.\n"
        "[15.70 --> 18.08]  But don't worry, I'm working very hard this week\n"
        "[18.08 --> 20.04]  to have it ready for you next week.\n"
        "[20.14 --> 22.18]  In the meantime, if you do like this show,\n"
        "[22.32 --> 24.54]  please do me a favor and go on iTunes,\n"
        "[24.90 --> 25.82]  submit a rating and review.\n"
    ))
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 3.18, None, "Hey everyone, this is Tim Smith, host of Away From Keyboard."),
        (3.34, 10.44, None, "I just wanted to send you a little message just to let you know that there will not be a new "
                            "episode of Away From Keyboard this week."),
        (10.68, 15.36, None, "Last week I was in Portland, Oregon for OzCon and didn't get a chance to finish the episode."),
        (15.7, 20.04, None, "But don't worry, I'm working very hard this week to have it ready for you next week."),
        (20.14, 25.82, None, "In the meantime, if you do like this show, please do me a favor and go on iTunes, submit a "
                             "rating and review."),
    ]


# whisper.cpp with "-ml 1": a token a line; a word's first token keeps its space, a piece of a word
# and punctuation have none (TechZing 50's opening).
WHISPER_CPP_TOKENS = "\n" + "".join(
    f"[00:00:{a // 1000:02d}.{a % 1000:03d} --> 00:00:{b // 1000:02d}.{b % 1000:03d}]  {token}\n"
    for a, b, token in [
        (0, 10, ""), (10, 3070, " ["), (3070, 17990, "Music"), (17990, 21000, "]"), (21000, 21430, " Welcome"),
        (21430, 21550, " to"), (21550, 21980, " episode"), (21980, 22350, " 50"), (22350, 22470, " of"),
        (22470, 22720, " Tech"), (22720, 22790, " Z"), (22790, 23000, "ing"), (23000, 23000, ","),
        (23000, 23410, " hosted"), (23410, 23540, " by"), (23540, 23950, " myself"), (23950, 24080, ","),
        (24080, 24490, " Justin"), (24490, 25000, " Vincent"), (25000, 25110, ","), (25110, 25280, " and"),
        (25280, 25570, " Jason"), (25570, 25990, " Roberts"), (25990, 26000, "."), (26000, 26180, " And"),
        (26180, 26430, " today"), (26430, 26530, " we"), (26530, 26740, " have"), (26740, 26790, " a"),
        (26790, 27000, " very"), (27000, 27370, " special"), (27370, 27640, " guest"), (27640, 27840, " with"),
        (27840, 27990, " us"), (27990, 28000, ","), (28000, 28280, " John"), (28280, 28350, " C"),
        (28350, 28560, "."), (28560, 28630, " D"), (28630, 28840, "vor"), (28840, 29000, "ak"), (29000, 29000, "."),
        (29000, 29000, ""), (29000, 29540, " Hey"), (29540, 29700, " guys"), (29700, 30000, "."),
        (30000, 30670, " Happy"), (30670, 31370, " 50"), (31370, 31680, "th"), (31680, 32000, "."),
    ]
)


def test_whisper_cpp_tokens_one_a_line_are_joined_into_words_and_sentences() -> None:
    # Each token was a segment of its own, and a capitalised token before a piece ("Z" / "ing")
    # a speaker: 176 speakers and 14,705 one-token segments in a podcast of three people.
    episode = read("050.txt", WHISPER_CPP_TOKENS)
    assert [(s.start, s.end, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (0.01, 21.0, None, "", ["[Music]"]),
        (21.0, 32.0, None, "Welcome to episode 50 of Tech Zing, hosted by myself, Justin Vincent, and Jason Roberts. "
                           "And today we have a very special guest with us, John C. Dvorak. Hey guys. Happy 50th.", []),
    ]
    assert "48 tokens printed one a line (whisper.cpp's -ml 1) joined into 33 words and 2 segments" in next(r.detail for r in episode.repairs if r.kind == "joined_words")


def test_the_stop_after_a_sound_opening_a_turn_is_not_left_in_front_of_the_words() -> None:
    # Google Cloud Platform Podcast pages (see SOURCES.md): "MARK: [LAUGHING]. Change the background
    # wallpaper…" read ". Change the background…", and "SPEAKER 2: [INAUDIBLE]." was a segment ".".
    laughing = next(s for s in real("gcp-podcast-143-sound-stop.md").segments if s.directions == ["[LAUGHING]"])
    assert (laughing.speaker, laughing.text) == ("MARK", "Change the background wallpaper on your computer.")
    turns = [(s.speaker, s.text, s.directions) for s in real("gcp-podcast-242-inaudible-stop.md").segments]
    at = turns.index(("SPEAKER 1", "20 seconds to LOS.", ["[INAUDIBLE]"]))
    assert turns[at + 1] == ("SPEAKER 2", "", ["[INAUDIBLE]"])
    assert not any(text.startswith((".", ",", ";", ":")) for _, text, _ in turns)


def test_a_closing_quote_after_a_sound_ends_the_words_before_it() -> None:
    # A sound opening a paragraph that goes on with the same speaker: '[laughs]." The whole point'
    # left '." The whole point'; the stop and quote close the unended words above.
    episode = read("t.txt", 'Kirk: And then he was like, "I am not playing anymore\n\n[laughs]." The whole point '
                            "was to win.\n\nBekah: Okay.\n\nKirk: Yes.\n")  # fmt: skip
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Kirk", 'And then he was like, "I am not playing anymore."', []),
        ("Kirk", "The whole point was to win.", ["[laughs]"]),
        ("Bekah", "Okay.", []),
        ("Kirk", "Yes.", []),
    ]


@pytest.mark.parametrize("role", ["Host", "host", "HOST", "co-host", "guest"])
def test_a_role_in_brackets_after_a_labels_name_is_read_in_any_case(role: str) -> None:
    # "[Jason Lemkin (SaaStr)]:" names its speaker as written; "(Host)" did too, but "(host)" in
    # lower case was not read as part of a label: the turn went to the speaker before, label and all.
    text = "".join(f"[{name}]: {words}\n\n" for name, words in [
        (f"Jane Doe ({role})", "Hello and welcome to the show."), ("Bob Lee", "Thanks for having me."),
        (f"Jane Doe ({role})", "Let us start with your work."), ("Bob Lee", "Sure, I build boats.")])  # fmt: skip
    episode = read("transcript.txt", text)
    assert [s.speaker for s in episode.segments] == [f"Jane Doe ({role})", "Bob Lee"] * 2
    assert episode.segments[2].text == "Let us start with your work."


@pytest.mark.parametrize("stamp", ["", "[00:00:12] "])
def test_an_interviews_i_label_is_its_interviewer(stamp: str) -> None:
    # A German research interview (divekit/divekit-roadmap, MIT; a faithful sample): "I:" the interviewer,
    # "B:" the one asked. "I" is a word, so every question went to B, "I:" left in the words.
    text = (f"I: {stamp}Wie sieht Ihre Lehre aktuell aus, Stichwort digitale Lehre?\n\n"
            f"B: {stamp}Das ist eine ganz spannende Frage. Ich habe noch keine analoge Lehrerfahrung.\n\n"
            f"I: {stamp}Wie planen Sie Prüfungen aktuell?\n\n"
            f"B: {stamp}Da habe ich zwei Varianten, eigentlich drei.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "transkript.md")
    assert [(s.speaker, s.text[:12]) for s in episode.segments] == [
        ("I", "Wie sieht Ih"), ("B", "Das ist eine"), ("I", "Wie planen S"), ("B", "Da habe ich ")]


def test_i_opening_lines_of_speech_is_no_speaker() -> None:
    text = "I: well, I think so.\n\nYes, and then we left.\n\nI: really do not know.\n"
    episode = formats.parse(text, Episode(id="x"), "notes.txt")
    assert {s.speaker for s in episode.segments} == {None}


def test_a_short_answer_quoted_in_italics_is_speech_not_a_note() -> None:
    # A needfinding interview (Gnkgo/hci-2024; a faithful sample): each answer quoted in italics under
    # its question. The short ones ("*"Ja."*") were set aside as stage directions, words lost.
    text = ('## Question 1: Was beschäftigt dich im Alltag?\n\n*"Vor allem alltägliche Sachen, Organisation."*\n\n'
            '### Muss das einfach sein?\n\n*"Nein, das muss einfach sein."*\n\n*Lachen*\n')  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "interview.md")
    said = [(s.text, s.directions) for s in episode.segments if s.text or s.directions]
    assert ('"Nein, das muss einfach sein."', []) in said
    assert ("", ["*Lachen*"]) in said


def test_a_research_interviews_fields_and_observers_notes_are_not_speech() -> None:
    # A thesis's interview (Dreamink-SNPP/BookThesis, CC BY 4.0; a faithful sample): bold fields in
    # Spanish above the turns, and the observer's notes under a bracketed label. "Fecha", "Lugar" and
    # "Modalidad" were speakers, and 55 notes were the participant's words.
    text = ("# Entrevista E1\n\n**Fecha:** 2025-11-17\n\n**Duración:** 30 minutos aproximadamente\n\n"
            "**Modalidad:** Presencial\n\n**Lugar:** San Lorenzo - Departamento Central\n\n"
            "**Hora de inicio:** 11:00 AM aproximadamente\n\n---\n\n"
            "**ENTREVISTADOR:** ¿Puede contarme sobre su trayectoria como guionista?\n\n"
            "**E1:** Sí... Básicamente yo escribí toda la vida, desde chico.\n\n"
            "**[NOTAS DE OBSERVACIÓN]:** mueve las manos de forma animada, pero tranquila.\n\n"
            "**ENTREVISTADOR:** ¿Y cómo empezó a escribir guiones?\n\n**E1:** Con proyectos de bajo presupuesto.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "Entrevista_E1.md")
    assert [(s.speaker, s.text[:14], len(s.directions)) for s in episode.segments] == [
        ("ENTREVISTADOR", "¿Puede contarm", 0), ("E1", "Sí... Básicame", 0), (None, "", 1),
        ("ENTREVISTADOR", "¿Y cómo empezó", 0), ("E1", "Con proyectos ", 0),
    ]  # fmt: skip
    assert episode.date == "2025-11-17"


def test_an_exports_long_lines_broken_mid_sentence_are_joined_and_its_credit_is_no_speech() -> None:
    # GoodTape's text export (jjoao/AVD2425; a faithful sample): a credit line, then long lines cut
    # wherever the line ran out, mid-sentence. 52 of 59 segments ended mid-sentence, the credit was speech.
    text = ("\ufeffTranscrição feita pelo serviço automático de transcrição Good Tape\r\n\r\n\r\n"
            "Então, esta entrevista surge no âmbito de um projeto da disciplina do meu mestrado, análise e visualização "
            "de dados, à qual eu decidi trazer alguém relacionado com a Universidade, e tive várias pessoas que me falaram de\r\n"
            "ti e do teu percurso, que é bastante interessante e completo, e daí gostava que partilhasses mais comigo e com "
            "os outros que vão ver esta entrevista no fim do semestre.\r\n"
            "E pergunto-te, e logo a primeira pergunta, queria que tu me contasses mais sobre esta tua jornada, toda esta "
            "jornada na Universidade do\r\n"
            "Minho, como foi desde a tua mudança de curso, já que tiveste um ano em Biologia Aplicada, se não estou em erro, "
            "e depois a mudança para Ciências da Computação,\r\n"
            "após toda essa mudança agora para a tua atual licenciatura, que estás a acabar neste ano, e tudo o que "
            "aprendeste pelo caminho.\r\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "Transcrição GoodTape.txt")
    said = [s.text for s in episode.segments]
    assert len(said) == 2, said
    assert said[0].endswith("me falaram de ti e do teu percurso, que é bastante interessante e completo, e daí gostava "
                            "que partilhasses mais comigo e com os outros que vão ver esta entrevista no fim do semestre.")
    assert said[1].startswith("E pergunto-te") and "Universidade do Minho, como foi" in said[1]
    assert said[1].endswith("Ciências da Computação, após toda essa mudança agora para a tua atual licenciatura, que "
                            "estás a acabar neste ano, e tudo o que aprendeste pelo caminho.")
    assert "credit_lines" in [r.kind for r in episode.repairs]


@pytest.mark.parametrize("credit", ["Transcripción realizada por Ana Ruiz", "Untertitel erstellt von Max Muster",
                                    "ترجمة : أيمن عمار"])
def test_a_credit_in_another_language_is_no_speech(credit: str) -> None:
    episode = formats.parse(f"{credit}\n\nHola a todos y bienvenidos al programa.\n", Episode(id="x"), "ep.txt")
    assert [s.text for s in episode.segments] == ["Hola a todos y bienvenidos al programa."]


@pytest.mark.parametrize("line", ["Transcription de l'entretien avec Marie Curie", "Transcrição da entrevista com Ana"])
def test_a_line_naming_the_transcript_of_something_is_no_credit(line: str) -> None:
    from podsift.formats.labels import is_credit_line

    assert not is_credit_line(line)


def test_chinese_diarizer_ids_in_full_width_brackets_open_turns_in_text() -> None:
    # The same service's text (weisi-gu/xiaoyuzhou-podcast-notes, MIT; a faithful sample): 219 turns of two
    # speakers, 1,097 lines, none with a speaker.
    text = ("【说话人1】ok.\n【说话人0】这都算负债端趋势。\n对，这个产品你帮我看看怎么样？\n这个基金好不好？\n"
            "【说话人1】是非常具体的。\n【说话人0】没错。\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "E146-逐字稿.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker 1", "ok."), ("Speaker 0", "这都算负债端趋势。"), ("Speaker 0", "对，这个产品你帮我看看怎么样？"),
        ("Speaker 0", "这个基金好不好？"), ("Speaker 1", "是非常具体的。"), ("Speaker 0", "没错。")]  # fmt: skip


def test_a_live_captioners_chevrons_open_an_unnamed_voice() -> None:
    # A conference's live captions of its talks (bangbangcon/bangbangcon.github.io, MIT; a faithful sample):
    # " >> " opens each new voice. The chevrons stayed in the words, the audience's answers the speaker's.
    text = ("ALICE: So you'll see we'll now prove that our code is the same. So\ndo you guys need the font to be "
            "larger?\n\n >> Yes.\n\n >> Command plus.\n\nALICE: Good? Okay. Great.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "talk.txt")
    assert [(s.speaker, s.text) for s in episode.segments][1:] == [
        (None, "Yes."), (None, "Command plus."), ("ALICE", "Good? Okay. Great.")]


def test_a_known_label_after_a_sentences_end_inside_a_line_opens_a_turn() -> None:
    # A scanned oral history (Digital-Grinnell/yeager-renfrow-oral-histories, MIT; a faithful sample): the
    # turns run together on lines, "… What was his career? Yeager: He was…". 25 of 331 labels stayed in
    # the words, and the words after them went to the speaker before.
    text = ("French: And first prize. I don't know about him at all.\n"
            "Yeager: He was in the class of 1913. What class were you in? French: 1930.\n"
            "Yeager: He just passed away recently. French: Oh, well that's interesting. What was his career? "
            "Yeager: He was the principal of an elementary school.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "dg_1724956994.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("French", "And first prize. I don't know about him at all."),
        ("Yeager", "He was in the class of 1913. What class were you in?"), ("French", "1930."),
        ("Yeager", "He just passed away recently."), ("French", "Oh, well that's interesting. What was his career?"),
        ("Yeager", "He was the principal of an elementary school.")]  # fmt: skip
    # A word and a colon after a sentence that is no one's label stays in the words.
    said = formats.parse("Ann: We met. Reason: it rained.\n\nBob: Right.\n\nAnn: Yes.\n", Episode(id="y"), "a.txt")
    assert said.segments[0].text == "We met. Reason: it rained."


def test_chevrons_opening_a_wrapped_line_inside_a_paragraph_open_a_new_voice() -> None:
    # A podcast's YouTube captions saved as a page's text (iiwok/hr-heretics-transcripts; a faithful
    # sample): lines wrapped at about 40 characters, "&gt;&gt;" where the voice changes. The marks
    # stayed in the words and the host's question was in the guest's turn.
    turns = ["and so we talk about the culture we build, the rooms we sit in, and all of the ways that we show up "
             "out into the world every single day.",
             "I love that everything needs to be designed. What does that mean in your head, when you say it?",
             "It means that things don't happen by accident, right? We are constantly shaping the places we work in."]
    # One paragraph of wrapped lines, a mark opening a line inside it; then a paragraph of its own.
    text = ("\n".join(textwrap.fill(("&gt;&gt; " if k else "") + turn, 40) for k, turn in enumerate(turns[:2]))
            + "\n\n" + textwrap.fill(f"&gt;&gt; {turns[2]}", 40) + "\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "transcript.md")
    assert [s.text for s in episode.segments] == turns


def test_review_a_label_opening_a_long_line_is_never_joined_to_the_line_before() -> None:
    long = " and this goes on for a while so that the line runs well past any editor's column width"
    text = ("Episode 4 notes\n\n" f"Alice: Today we want to talk to{long}, and then we want to talk to\n"
            f"Bob: Right, and that is what we did{long}.\nAlice: Yes, that is so{long}.\n"
            f"Bob: That is great{long}.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "notes.txt")
    assert [s.speaker for s in episode.segments][-4:] == ["Alice", "Bob", "Alice", "Bob"]


@pytest.mark.parametrize("name", ["Ora", "Datum", "Ort", "Hora", "Local"])
def test_review_a_name_that_is_a_field_word_in_another_language_is_still_a_speaker(name: str) -> None:
    text = f"{name}: Welcome to the show, Ben.\n\nBen: Thanks, {name}.\n\n{name}: So tell us about your work.\n\nBen: I build boats.\n"
    episode = formats.parse(text, Episode(id="x"), "ep.txt")
    assert [s.speaker for s in episode.segments] == [name, "Ben", name, "Ben"]


@pytest.mark.parametrize("heading", ["SPOILER ALERT", "TL DR", "Q AND A", "FUN FACT"])
def test_review_an_opening_heading_in_capitals_names_no_one(heading: str) -> None:
    text = f"{heading}: we discuss the finale.\n\nWelcome back everyone.\n\nIt was a wild ride.\n"
    episode = formats.parse(text, Episode(id="x"), "ep.txt")
    assert {s.speaker for s in episode.segments} == {None}


def test_review_a_linked_sentence_is_speech() -> None:
    text = ("---\ntitle: Ep\n---\n\n[So the thing about distributed systems is that they fail all the time.]"
            "(https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=65s)\n\nAnd that is why we retry.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "ep.md")
    assert "distributed systems" in " ".join(s.text for s in episode.segments)


def test_a_link_with_a_long_tracking_address_is_its_words() -> None:
    """Show notes' links carry tracking addresses of hundreds of characters; bounding the link
    pattern (for speed) left a 600-character one in the words, brackets and all."""
    url = "https://example.com/episode?utm_source=feed&ref=" + "a1b2c3" * 100
    text = f"We wrote about it [in this post]({url}) last week, and it went well.\n\nThen we moved on.\n"
    episode = formats.parse(text, Episode(id="x"), "notes.md")
    assert episode.segments[0].text == "We wrote about it in this post last week, and it went well."


def test_review_bracketed_categories_in_a_list_are_no_speakers() -> None:
    text = ("We read a lot this month.\n\n- [Book] Thinking in Systems\n- [Article] The Log\n- [Book] Designing Data\n"
            "- [Article] Out of the Tar Pit\n\nAnd then we talked about all of it.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "notes.md")
    assert {s.speaker for s in episode.segments} == {None}


def test_a_scraped_earnings_call_with_labels_glued_to_the_words() -> None:
    # A scraper's Motley Fool calls (zhengcb81/earnings-transcripts, see SOURCES.md): a header between
    # rows of "=", a glossary of "Term: definition" lines, then "Full Conference Call Transcript" and
    # turns glued to their labels ("Dylan Field:Hello"). The whole call went to "Full Seat", the last
    # glossary term, and the header fields were speakers.
    rule = "=" * 70
    text = (f"{rule}\nEarnings Call Transcript\nCompany: Figma (Figma)\nTicker: FIG\nQuarter: Q1 2026\n"
            f"Scraped: 2026-05-29T22:27:01.065162\n{rule}\n\nThursday, May 14, 2026 at 5 p.m. ET\nIndustry glossary\n\n"
            "MCP: Multi-Context Platform, the architecture that lets AI agents work on design files.\n\n"
            "Full Seat: Highest license tier in Figma, with all features.\n\nFull Conference Call Transcript\n\n"
            "Dylan Field:Hello, everyone, and thank you for joining.\n\n"
            "With that, I'll hand it over to the operator for Q&A.\n\n"
            "Operator:[Operator Instructions]We will take the first question from Michael Turrin, Wells Fargo.\n\n"
            "Richard Poland:This is Richard Poland on for Michael Turrin. How are credits selling?\n\n"
            "Dylan Field:Yes. I appreciate the question here.\n\n"
            "Operator:Your next question is Arjun Bhatia from William Blair.\n\n"
            "Arjun Bhatia:Congrats on a great start to the year.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "FIG_Q1_2026_earnings_call.txt")
    assert [s.speaker for s in episode.segments] == [
        "Dylan Field", "Dylan Field", "Operator", "Richard Poland", "Dylan Field", "Operator", "Arjun Bhatia"]
    assert episode.segments[0].text == "Hello, everyone, and thank you for joining."
    assert "Ticker: FIG" in episode.extra["show_notes"] and "Full Seat:" in episode.extra["show_notes"]


def test_an_earnings_call_with_names_and_roles_alone_over_the_words() -> None:
    # The Motley Fool's calls as scraped (zhengcb81/earnings-transcripts, see SOURCES.md): each turn under
    # "Name--Role" alone, "Operator" alone, the call's parts as lines of their own. No speaker was read,
    # and "Prepared Remarks:" took 234 of 244 segments in one call.
    text = ("Microsoft(MSFT+5.25%)Q1 2025 Earnings CallOct 30, 2024,5:30 p.m. ET\n\nPrepared Remarks:\n\nOperator\n\n"
            "Greetings, and welcome to the Microsoft earnings conference call. [Operator instructions]\n\n"
            "Brett Iversen--Vice President, Investor Relations\n\nGood afternoon, and thank you for joining us.\n\n"
            "And with that, I'll turn the call over to Satya.\n\n"
            "Satya Nadella--Chair and Chief Executive Officer\n\nThank you, Brett. We are off to a solid start.\n\n"
            "Questions & Answers:\n\nOperator\n\nOur first question comes from Keith Weiss.\n\n"
            "Keith Weiss--Analyst\n\nThank you guys for taking the question.\n\n"
            "Satya Nadella--Chair and Chief Executive Officer\n\nThank you, Keith.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "MSFT_Q1_2025_earnings_call.txt")
    turns = [(s.speaker, s.text) for s in episode.segments if s.speaker]
    assert [name for name, _ in turns] == ["Operator", "Brett Iversen", "Brett Iversen", "Satya Nadella",
                                           "Operator", "Keith Weiss", "Satya Nadella"]
    assert turns[1][1] == "Good afternoon, and thank you for joining us."
    assert [c.title for c in episode.chapters] == ["Prepared Remarks", "Questions & Answers"]
    assert episode.extra["roles"]["Keith Weiss"] == "Analyst"


def test_turns_opened_by_a_full_name_and_a_dash_name_their_speakers_and_keep_every_word() -> None:
    # An edited interview sets each turn "Marie Dupont — words" (a full name, a dash, no colon). The names
    # stayed in the words, and short turns with no full stop ("Jean Martin — and then we left") were taken
    # for an earnings call's "Name -- Role" lines: every turn of that name under 80 characters lost its words.
    turns = [("Marie Dupont", "So where did you grow up?"), ("Jean Martin", "Near Lyon, by the river"),
             ("Marie Dupont", "And you moved to Paris later"), ("Jean Martin", "Yes, for work. It was a big change."),
             ("Marie Dupont", "What did you miss most?"), ("Jean Martin", "the food and the quiet")]
    for dash in ("—", "–", "-"):
        episode = formats.parse("\n\n".join(f"{name} {dash} {said}" for name, said in turns) + "\n", Episode(id="x"),
                                "interview.txt")
        assert [(s.speaker, s.text) for s in episode.segments] == turns
    episode = formats.parse("\n\n".join(f"{name} -- {said}" for name, said in turns) + "\n", Episode(id="x"), "i.txt")
    assert all(said in " ".join(s.text for s in episode.segments) for _, said in turns)


@pytest.mark.parametrize("lines", [
    ["Jane Doe – Welcome and introductions", "Mark Lee – Keynote on soil health", "Jane Doe – Break",
     "Mark Lee – Questions from the floor", "Jane Doe – Closing remarks"],
    ["Martin Fowler - Refactoring (1999)", "Kent Beck - Test Driven Development (2002)",
     "Martin Fowler - Patterns of Enterprise Application Architecture (2002)", "Kent Beck - Extreme Programming (1999)"],
], ids=["agenda", "reading-list"])
def test_full_names_and_a_dash_over_no_sentences_are_no_turns(lines: list[str]) -> None:
    # An agenda's "Jane Doe – Welcome" and a reading list's "Author - Title" were read as turns: the
    # speakers Jane Doe and Martin Fowler saying "Break" and "Refactoring (1999)".
    episode = formats.parse("\n".join(lines) + "\n", Episode(id="x"), "notes.txt")
    assert not any(s.speaker for s in episode.segments)
    assert all(line in " ".join(s.text for s in episode.segments) for line in lines)


def test_an_earnings_calls_disclaimer_below_the_call_is_no_ones_words() -> None:
    # The Motley Fool prints its disclaimer under every call (zhengcb81/earnings-transcripts, see
    # SOURCES.md); it went to the Operator, whose turn ends the call. A speaker who mentions errors
    # in a transcript stays speech.
    disclaimer = ("This article is a transcript of this conference call produced for The Motley Fool. While we "
                  "strive for our Foolish Best, there may be errors, omissions, or inaccuracies in this transcript. "
                  "As with all our articles, The Motley Fool does not assume any responsibility for your use of "
                  "this content.")
    text = ("Operator\n\nGreetings, and welcome to the call.\n\nSatya Nadella--Chair and Chief Executive Officer\n\n"
            "Thank you. We had errors in last year's transcript, and we fixed them.\n\n"
            "Keith Weiss--Analyst\n\nThank you guys for taking the question.\n\n"
            "Satya Nadella--Chair and Chief Executive Officer\n\nThank you, Keith.\n\nOperator\n\nThis concludes today's conference. You may now disconnect.\n\n" + disclaimer + "\n")
    episode = formats.parse(text, Episode(id="x"), "MSFT_Q1_2025_earnings_call.txt")
    assert [s.speaker for s in episode.segments] == ["Operator", "Satya Nadella", "Keith Weiss", "Satya Nadella",
                                                     "Operator"]
    assert episode.segments[-1].text == "This concludes today's conference. You may now disconnect."
    assert episode.extra["disclaimer"] == disclaimer
    assert "disclaimer" in {r.kind for r in episode.repairs}


def test_the_congressional_records_labels_with_a_members_state() -> None:
    # A floor exchange from the Congressional Record saved as Markdown (milesmcc/congress-scope, see
    # SOURCES.md): "Mr. MEEK of Florida." opens his paragraphs, "Mr. RYAN OF Ohio." his. All 18
    # segments had no speaker, the labels left in the words.
    text = ("Mr. MEEK of Florida. If the gentlewoman will yield for a second, I \nwant to share something with "
            "the Members.\n\nDuring the break, I took the privilege of going out to Camp Pendleton \nin California.\n\n"
            "Mr. RYAN OF Ohio. Just to share a little bit, Mr. Speaker. We were up \nat Walter Reed on Monday.\n\n"
            "Mr. MEEK of Florida. Reclaiming my time, that is exactly right.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "floor.md")
    assert [s.speaker for s in episode.segments] == ["Mr. MEEK of Florida", "Mr. MEEK of Florida",
                                                     "Mr. RYAN of Ohio", "Mr. MEEK of Florida"]
    assert episode.segments[2].text.startswith("Just to share a little bit, Mr. Speaker.")


def test_chinese_labels_before_a_full_width_colon_name_the_speakers() -> None:
    # Hong Kong's Legislative Council record (siuying/legco-hansard-parser, see SOURCES.md): "主席：…"
    # opens each turn; no speaker was read in 338 segments.
    text = ("行政長官答問會\n\n主席：行政長官進入會議廳。\n\n\n梁國雄議員：穩中行騙，口水為民。\n\n\n主席：議員保持肅靜。\n\n\n"
            "梁國雄議員：“大話精”落台。\n\n\n主席：行政長官向本會發言。\n\n\n"
            "行政長官：主席、各位議員、各位香港市民，昨天我發表了上任後第\n一份施政報告。\n\n"
            "第一：香港有優秀的條件和機遇。\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "cm0117.txt")
    assert [s.speaker for s in episode.segments if s.speaker] == ["主席", "梁國雄議員", "主席", "梁國雄議員", "主席",
                                                                  "行政長官", "行政長官"]
    assert episode.segments[-2].text.startswith("主席、各位議員")


def _court_page(number: int, lines: list[str]) -> str:
    return f"{number:04d}\r\n" + "".join(f"{k:2d}{line}\r\n" for k, line in enumerate(lines, 1))


def test_a_court_reporters_numbered_lines_give_turns_by_their_labels() -> None:
    # A trial transcript and a deposition as text (data-blitz-demos/agentic-legal-deposition-demo, see
    # SOURCES.md): pages of 25 lines numbered in the margin, turns as "THE COURT:  …" set in from it,
    # "Q    …" and "A    …" with no stop after them. Every segment had no speaker, its line numbers
    # in the words.
    first = ["        documents where Johnson & Johnson says we firmly",
             "        believe we have done this because we have --",
             "             THE COURT:  But do you really want to have to",
             "        start having a conversation about what that means?",
             "             MS. BROWN:  I don't, just this one little",
             "        piece, Your Honor.",
             "             THE COURT:  The jury is coming in.",
             "             (The jury enters the courtroom.)",
             "             MS. BROWN:  Thank you, Your Honor.",
             "   BY MS. BROWN:",
             "        Q    One of the things in connection with some of",
             "   the work that you've done in the past is you came to",
             "   learn that the sale of baby powder was small, correct?"] + ["   and so on."] * 12
    second = ["        A    I'm sorry, could you repeat the question?",
              "        Q    Sure.",
              "             MR. OLIVER:  Objection, relevance.",
              "             THE COURT:  Overruled."] + ["   and so on."] * 21
    episode = formats.parse(_court_page(1705, first) + _court_page(1706, second), Episode(id="x"), "trial.txt")
    turns = [(s.speaker, s.text) for s in episode.segments if s.speaker]
    assert turns[:5] == [
        ("THE COURT", "But do you really want to have to start having a conversation about what that means?"),
        ("MS. BROWN", "I don't, just this one little piece, Your Honor."),
        ("THE COURT", "The jury is coming in."),
        ("MS. BROWN", "Thank you, Your Honor."),
        ("Q", "One of the things in connection with some of the work that you've done in the past is you came to "
              "learn that the sale of baby powder was small, correct? and so on. and so on. and so on. and so on. "
              "and so on. and so on. and so on. and so on. and so on. and so on. and so on. and so on.")]
    assert [name for name, _ in turns[5:]] == ["A", "Q", "MR. OLIVER", "THE COURT"]
    assert not any(ch.isdigit() for s in episode.segments for ch in s.text)
    assert "(The jury enters the courtroom.)" in [d for s in episode.segments for d in s.directions]


def _argument_page(number: int, lines: list[str]) -> str:
    """A page of a Supreme Court argument as ``pdftotext -layout`` writes it: a form feed and the header,
    25 numbered lines each followed by a blank one, the page number and the reporter's footer."""
    numbered = "".join(f"{k:2d}{line}\n\n" for k, line in enumerate(lines, 1))
    return (f"\f                         Official - Subject to Final Review\n\n\n{numbered}"
            f"                                        {number}\n\n                         Alderson Reporting Company\n")


def _court_turns(episode: Episode) -> list[tuple[str | None, str]]:
    assert [c.title for c in episode.chapters] == ["ORAL ARGUMENT OF ROBERT A. LONG"]
    return [(s.speaker, s.text) for s in episode.segments]


def test_a_supreme_court_argument_with_a_blank_line_after_every_printed_one() -> None:
    # The layout of Alderson Reporting's transcripts (dannguyen/SCOTUS-Transcript-Viewer, nasrallah/CourtCast;
    # a faithful sample): a blank line after every line broke the numbered runs, so 2,244 segments of one
    # argument had no speaker, kept their line numbers, and the header, footer and word index were speech.
    first = ["                       P R O C E E D I N G S",
             "                                                                    (10:12 a.m.)",
             "                 CHIEF JUSTICE ROBERTS:                     We will hear",
             "   argument this morning in Case Number 11-398.",
             "                 Mr. Long.",
             "                  ORAL ARGUMENT OF ROBERT A. LONG",
             "                 MR. LONG:       Mr. Chief Justice, and may it",
             "   please the Court:"] + ["   The statute says what it says."] * 16 + [
             "                 JUSTICE SCALIA:            Well, that depends, as"]
    second = ["   on what it says.",
              "                 MR. LONG:       It does, Justice Scalia.",
              "                 (Laughter.)",
              "                 GENERAL VERRILLI:     Thank you, Mr. Chief",
              "   Justice."] + ["   The penalty is a tax."] * 20
    index = ("\f                                   Official - Subject to Final Review\n\n" + "".join(
        f"ability 61:1 71:23     agencies 45:15     agree {k}:10,11\n" for k in range(30)))
    text = _argument_page(3, first) + _argument_page(4, second) + _argument_page(5, second) + index
    # A text extractor's own separator after each page ("-----Page 2-----") had made 71 chapters
    # "Page 1"... and cut every turn that ran over a page.
    marked = "".join(f"{page}-----------Page {k}-----------\n" if k < 4 else page
                     for k, page in enumerate(text.split("\f"), 1))
    assert _court_turns(formats.parse(marked, Episode(id="x"), "greece.txt")) == _court_turns(
        formats.parse(text, Episode(id="x"), "11-398.txt"))
    episode = formats.parse(text, Episode(id="x"), "11-398.txt")
    turns = [(s.speaker, s.text) for s in episode.segments if s.speaker]
    assert [name for name, _ in turns[:6]] == ["CHIEF JUSTICE ROBERTS"] * 2 + [
        "MR. LONG", "JUSTICE SCALIA", "MR. LONG", "GENERAL VERRILLI"]
    assert turns[0][1] == "We will hear argument this morning in Case Number 11-398."
    assert turns[3][1] == "Well, that depends, as on what it says."  # over the page break
    # The part of the argument is a chapter, on Mr. Long's first words, not the Chief Justice's words.
    assert episode.segments[episode.chapters[0].first_segment].text.startswith("Mr. Chief Justice, and may it please")
    words = " ".join(s.text for s in episode.segments)
    assert "Alderson" not in words and "Official" not in words and "ability" not in words
    assert not any(re.match(r"\d", s.text) for s in episode.segments)  # no margin or page number
    assert "(Laughter.)" in [d for s in episode.segments for d in s.directions]
    assert "the word index after the last page" in next(r.detail for r in episode.repairs if r.kind == "court_lines")


def test_a_supreme_court_arguments_cover_parts_and_closing_time() -> None:
    # As dannguyen/SCOTUS-Transcript-Viewer's 11-398 (pdftotext -layout of the Court's PDF), faithfully
    # sampled: the cover and contents pages above "P R O C E E D I N G S" had been speech ("Petitioners"
    # a speaker), each "ORAL ARGUMENT OF …" the words of the Chief Justice, and the argument untimed
    # though it says when it began and when it was submitted.
    cover = ["          IN THE SUPREME COURT OF THE UNITED STATES",
             "   - - - - - - - - - - - - - - - - - x",
             "   DEPARTMENT OF HEALTH AND                            :",
             "   HUMAN SERVICES, ET AL.,                             :",
             "                  Petitioners                          :    No. 11-398",
             "          v.                                           :",
             "   FLORIDA, ET AL.                                     :",
             "   - - - - - - - - - - - - - - - - - x",
             "                                 Washington, D.C.",
             "                                 Monday, March 26, 2012",
             "", "                   The above-entitled matter came on for oral",
             "   argument before the Supreme Court of the United States",
             "   at 10:12 a.m.", "   APPEARANCES:",
             "   ROBERT A. LONG, ESQ., Washington, D.C.; for",
             "      Court-appointed amicus curiae"] + [""] * 8
    contents = ["                            C O N T E N T S",
                "   ORAL ARGUMENT OF                                        PAGE",
                "   ROBERT A. LONG, ESQ.",
                "      For Court-appointed amicus curiae                      3"] + [""] * 21
    first = ["                       P R O C E E D I N G S",
             "                                                                    (10:12 a.m.)",
             "                 CHIEF JUSTICE ROBERTS:                     We will hear",
             "   argument this morning in Case Number 11-398.",
             "                 Mr. Long.",
             "                  ORAL ARGUMENT OF ROBERT A. LONG",
             "                FOR COURT-APPOINTED AMICUS CURIAE",
             "                 MR. LONG:       Mr. Chief Justice, and may it",
             "   please the Court:"] + ["   The statute says what it says."] * 16
    second = ["                 CHIEF JUSTICE ROBERTS:     Thank you, Mr. Long.",
              "                 General Verrilli.",
              "          ORAL ARGUMENT OF DONALD B. VERRILLI, JR.,",
              "                  ON BEHALF OF THE PETITIONERS",
              "                 GENERAL VERRILLI:     Mr. Chief Justice, and",
              "   may it please the Court:"] + ["   The penalty is a tax."] * 17 + [
              "                 CHIEF JUSTICE ROBERTS:     Thank you, General.",
              "               (Whereupon, at 11:41 a.m., the case in the",
              "   above-entitled matter was submitted.)"]
    index = ("\f                                   Official - Subject to Final Review\n"
             "                                                                                     78\n" + "".join(
        f"ability 61:1 71:23     agencies 45:15     agree {k}:10,11\n" for k in range(30)))
    text = (_argument_page(1, cover) + _argument_page(2, contents) + _argument_page(3, first)
            + _argument_page(4, second) + index)
    episode = formats.parse(text, Episode(id="x"), "11-398.txt")
    assert episode.date == "2012-03-26"
    assert "Petitioners" in episode.extra["cover"] and "C O N T E N T S" in episode.extra["cover"]
    assert [s.speaker for s in episode.segments if s.speaker][:3] == ["CHIEF JUSTICE ROBERTS"] * 2 + ["MR. LONG"]
    assert [c.title for c in episode.chapters] == [
        "ORAL ARGUMENT OF ROBERT A. LONG FOR COURT-APPOINTED AMICUS CURIAE",
        "ORAL ARGUMENT OF DONALD B. VERRILLI, JR., ON BEHALF OF THE PETITIONERS"]
    assert episode.segments[episode.chapters[1].first_segment].speaker == "GENERAL VERRILLI"
    words = " ".join(s.text for s in episode.segments)
    assert "Washington" not in words and "ARGUMENT" not in words and "78" not in words
    # From 10:12 to 11:41: the words between are timed by their length, and the closing note ends them.
    assert episode.segments[0].start == 0.0 and episode.duration == 89 * 60
    starts = [s.start for s in episode.segments if s.text]
    assert None not in starts and starts == sorted(starts) and starts[-1] < 89 * 60
    assert episode.segments[-1].directions == [
        "(Whereupon, at 11:41 a.m., the case in the above-entitled matter was submitted.)"]


def test_a_supreme_court_argument_as_a_pdfs_paragraphs() -> None:
    # The text podsift's PDF reader makes of the Court's own PDF of 11-398 (line numbers, headers and
    # footers gone, lines joined into paragraphs), as dannguyen/SCOTUS-Transcript-Viewer keeps it:
    # the cover had been speech with "Petitioners" a speaker, the parts of the argument the Chief
    # Justice's words, the closing clock read as the word index's start, and the 300 paragraphs of
    # the index all his.
    index = [f"{k}:{k % 25 + 1} {k + 1}:3 ability {k}:12 able 6:2 51:2,18 about {k}:7" for k in range(1, 60)]
    text = "\n\n".join([
        "IN THE SUPREME COURT OF THE UNITED STATES - - - - - - - - - - - - - - - - - x DEPARTMENT OF HEALTH AND "
        ": HUMAN SERVICES, ET AL., :",
        "Petitioners : No. 11-398 v. : FLORIDA, ET AL. : - - - - - - - - - - - - - - - - - x Washington, D.C.",
        "Monday, March 26, 2012",
        "APPEARANCES: ROBERT A. LONG, ESQ., Washington, D.C.; for Court-appointed amicus curiae",
        "C O N T E N T S", "ORAL ARGUMENT OF PAGE", "ROBERT A. LONG, ESQ.", "For Court-appointed amicus curiae 3",
        "P R O C E E D I N G S (10:12 a.m.)",
        "CHIEF JUSTICE ROBERTS: We will hear argument this morning in Case Number 11-398.",
        "Mr. Long.", "ORAL ARGUMENT OF ROBERT A. LONG", "FOR COURT-APPOINTED AMICUS CURIAE",
        "MR. LONG: Mr. Chief Justice, and may it please the Court: The Anti-Injunction Act imposes a rule. " * 3,
        "JUSTICE SCALIA: Well, that depends.", "MR. LONG: It does, Justice Scalia. " * 4,
        "CHIEF JUSTICE ROBERTS: Thank you, Mr. Long.",
        "(Whereupon, at 11:41 a.m., the case in the above-entitled matter was submitted.)", *index])
    episode = formats.parse(text, Episode(id="x"), "11-398.pdf.txt")
    assert episode.title == "Department of Health and Human Services, et al. v. Florida, et al."
    assert episode.date == "2012-03-26" and "Petitioners" in episode.extra["cover"]
    turns = [who for who, _ in itertools.groupby(s.speaker for s in episode.segments if s.text)]
    assert turns == ["CHIEF JUSTICE ROBERTS", "MR. LONG", "JUSTICE SCALIA", "MR. LONG", "CHIEF JUSTICE ROBERTS"]
    assert [c.title for c in episode.chapters] == ["ORAL ARGUMENT OF ROBERT A. LONG FOR COURT-APPOINTED AMICUS CURIAE"]
    assert episode.duration == 89 * 60 and episode.segments[-1].directions[0].startswith("(Whereupon, at 11:41")
    assert "ability" not in " ".join(s.text for s in episode.segments)


def test_a_depositions_index_lines_are_not_parts_of_the_hearing() -> None:
    # A contents page set in columns, with no "P R O C E E D I N G S" under it, names the parts with
    # their pages: those lines are not chapters; the part itself, set alone, is.
    index = ["                          I N D E X",
             "   WITNESS                                         PAGE",
             "   DIRECT EXAMINATION BY MR. SMITH                    2",
             "   CROSS-EXAMINATION BY MS. JONES                     2"] + [""] * 21
    testimony = ["                     DIRECT EXAMINATION",
                 "   BY MR. SMITH:",
                 "        Q    Please state your name.",
                 "        A    Jane Roe."] + ["   and so on."] * 7 + [
                 "                     CROSS-EXAMINATION",
                 "        Q    Ms. Roe, where were you?",
                 "        A    At home."] + ["   and so on."] * 11
    episode = formats.parse(_court_page(1, index) + _court_page(2, testimony), Episode(id="x"), "depo.txt")
    assert [c.title for c in episode.chapters] == ["DIRECT EXAMINATION", "CROSS-EXAMINATION"]
    assert episode.segments[episode.chapters[1].first_segment].text.startswith("Ms. Roe, where were you?")


def _typed_page(number: int, lines: list[str]) -> str:
    """A page of a legislature's typed record as nysenate/OpenLegislation keeps them: the page number
    set far right, then every line double-spaced, paragraphs set in from a margin of 15 columns."""
    return f"{' ' * 58}{number}\n\n" + "".join(f"{line}\n\n" for line in lines) + "\n" * 6


def test_a_double_spaced_typed_record_reads_as_paragraphs_by_their_labels() -> None:
    # A faithful sample of the New York Senate's stenographic record (1998, 2001): each printed line
    # had been a segment of its own ("The Senate will" / "come to order."), the page numbers were
    # speech, the cover the first turns, and a long "(Whereupon, …)" note the President's words.
    cover = ["                           THE STENOGRAPHIC RECORD", "                              ALBANY, NEW YORK",
             "                              January 17, 2001", "                                 11:05 a.m.",
             "                               REGULAR SESSION",
             "                 SENATOR RAYMOND A. MEIER, Acting President"]
    first = ["                               P R O C E E D I N G S",
             "                          ACTING PRESIDENT MEIER:  The",
             "               Senate will come to order.",
             "                          Will everyone please stand and",
             "               repeat with me the Pledge of Allegiance.",
             "                          (Whereupon, the assemblage recited",
             "               the Pledge of Allegiance to the Flag.)",
             "                          ACTING PRESIDENT MEIER:  Reading",
             "               of the Journal.",
             "                          THE SECRETARY:  In Senate, Tuesday,",
             "               January 16, the Senate met pursuant to",
             "               adjournment.  The Journal of Saturday,",
             "               January 13, was read and approved.  On",
             "               motion, Senate adjourned.",
             "                          ACTING PRESIDENT MEIER:  Without",
             "               objection, the Journal stands approved as",
             "               read.",
             "                          Senator Volker.",
             "                          SENATOR VOLKER:  Mr. President,",
             "               I move that we adopt the Resolution Calendar,",
             "               with the exception of Resolution 140, and"]
    second = ["               that the Senate stand at ease for a few",
              "               minutes.",
              "                          ACTING PRESIDENT MEIER:  All in",
              "               favor signify by saying aye.",
              "                          (Response of \"Aye.\")",
              "                          ACTING PRESIDENT MEIER:  The",
              "               Resolution Calendar is adopted.",
              "                          SENATOR DOLLINGER:  Thank you,",
              "               Mr. President.  I rise in support of the",
              "               resolution, which honors a public servant",
              "               of this state who gave her working life to",
              "               the people of Monroe County."]
    text = "SESSION\nJanuary 17, 2001\nREGULAR\n\n\n\n" + _typed_page(95, cover) + _typed_page(96, first) + _typed_page(97, second)
    episode = formats.parse(text.replace("\n", "\r\n"), Episode(id="x"), "011701.V1")
    turns = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert turns[:4] == [
        ("ACTING PRESIDENT MEIER", "The Senate will come to order."),
        ("ACTING PRESIDENT MEIER", "Will everyone please stand and repeat with me the Pledge of Allegiance."),
        ("ACTING PRESIDENT MEIER", "Reading of the Journal."),
        ("THE SECRETARY", "In Senate, Tuesday, January 16, the Senate met pursuant to adjournment. The Journal of "
                          "Saturday, January 13, was read and approved. On motion, Senate adjourned.")]
    # A turn goes on over the page break, its page number no words.
    assert ("SENATOR VOLKER", "Mr. President, I move that we adopt the Resolution Calendar, with the exception of "
                              "Resolution 140, and that the Senate stand at ease for a few minutes.") in turns
    assert turns[-1][0] == "SENATOR DOLLINGER" and turns[-1][1].endswith("the people of Monroe County.")
    assert not any(re.search(r"\b9[567]\b|P R O C E E D", s.text) for s in episode.segments)
    directions = [d for s in episode.segments for d in s.directions]
    assert "(Whereupon, the assemblage recited the Pledge of Allegiance to the Flag.)" in directions
    assert "ALBANY, NEW YORK" in episode.extra["cover"] and episode.date == "2001-01-17"


def test_paragraphs_apart_by_blank_lines_are_not_a_typed_record() -> None:
    # One paragraph a line with a blank line after each, some set in as quotes: each stays a paragraph.
    lines = [f"Jane: Point number {k} is made here and it ends here." if k % 2 else
             f"    Joe: And I answer point {k} in my own words, indented." for k in range(60)]
    episode = parse("\n\n".join(lines))
    assert len(episode.segments) == 60 and "typed_pages" not in {r.kind for r in episode.repairs}


def test_a_short_last_page_before_the_word_index_stays_speech() -> None:
    # Review: everything after the last full page was cut with the index, the closing words too.
    body = ["                 MR. LONG:       The statute says what it says."] + ["   The statute says what it says."] * 24
    last = ["                 CHIEF JUSTICE ROBERTS:        Thank you, counsel.", "   The case is submitted."]
    index = "\f   Official - Subject to Final Review\n\n" + "".join(
        f"ability {k}:1 71:23     agencies 45:15\n" for k in range(30))
    text = _argument_page(3, body) + _argument_page(4, body) + "".join(f"{line}\n\n" for line in last) + index
    episode = formats.parse(text, Episode(id="x"), "11-398.txt")
    assert "Thank you, counsel." in " ".join(s.text for s in episode.segments)
    assert "ability" not in " ".join(s.text for s in episode.segments)


def test_a_speaker_on_errors_and_omissions_cover_is_no_disclaimer() -> None:
    # Review: any short paragraph naming a transcript, errors and omissions was set aside, a turn too.
    text = ("JOHN: Today we are talking about insurance.\n\n"
            "MARY: Every reporter should carry errors and omissions cover, because a transcript can go out wrong.\n\n"
            "JOHN: What does it cost?\n\n"
            "This transcript was produced by a service. There may be errors or omissions in it.\n")
    episode = formats.parse(text, Episode(id="x"), "insurance.txt")
    assert [s.speaker for s in episode.segments] == ["JOHN", "MARY", "JOHN"]
    assert episode.extra["disclaimer"].startswith("This transcript was produced")


def test_a_senates_secretary_calling_the_roll_is_a_speaker() -> None:
    # A state senate's floor transcript (nysenate.gov's, as a scraper saved it): "THE SECRETARY:" calls
    # the roll between the President's turns; its 30 turns had gone to whoever spoke before.
    text = ("THE PRESIDENT:  The Secretary will call the roll.\n\nTHE SECRETARY:  Senator Abate.\n\n"
            "SENATOR ABATE:  Here.\n\nTHE SECRETARY:  Senator Cook.\n\nSENATOR COOK:  Here.\n")
    episode = formats.parse(text, Episode(id="x"), "floor.txt")
    assert [s.speaker for s in episode.segments] == [
        "THE PRESIDENT", "THE SECRETARY", "SENATOR ABATE", "THE SECRETARY", "SENATOR COOK"]


def test_labels_with_a_seat_and_party_or_an_office_over_its_holder() -> None:
    # Hansard's style, as a reader saves the UK's debates as text: "Mr David Hanson (Delyn) (Lab):" and
    # "The Secretary of State … (Mr William Hague):" were no labels, and their words went to whoever
    # spoke before. A bracket inside a sentence before a colon is still words.
    text = ("Mr David Hanson (Delyn) (Lab): When he next expects to discuss Syria.\n\n"
            "The Secretary of State for Foreign and Commonwealth Affairs (Mr William Hague): I am in regular contact.\n\n"
            "Mr Hanson: I thank the Foreign Secretary.\n\n"
            "Mr Hague: In the end (as I said): we talk every week.\n")
    episode = formats.parse(text, Episode(id="x"), "commons.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Mr David Hanson", "When he next expects to discuss Syria."), ("Mr William Hague", "I am in regular contact."),
        ("Mr Hanson", "I thank the Foreign Secretary."), ("Mr Hague", "In the end (as I said): we talk every week.")]


def test_an_office_that_speaks_is_a_label() -> None:
    # Prime Minister's Questions copied from Hansard into a blog's Markdown (miandai/blog_template_storm,
    # see SOURCES.md): "**The Prime Minister:**" was no label, so his answers went to the questioner.
    text = ("**Mr. David Cameron (Witney) (Con):** Will the Prime Minister tell us about the economy?\n\n"
            "**The Prime Minister:** The number has gone up, and I am proud of it.\n\n"
            "**Mr. Cameron:** Then why are the figures so poor?\n\n"
            "**The Prime Minister:** They are not; I have answered that question.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "pmqs.md")
    assert [s.speaker for s in episode.segments][1:] == ["The Prime Minister", "Mr. Cameron", "The Prime Minister"]


def test_european_parliament_text_dashed_labels_and_chair_lines() -> None:
    # The same report copied as text: "Name (Group). – " labels, and a line saying who takes the chair.
    text = ("IN THE CHAIR: ROBERTA METSOLA President\n\n"
            "President. – I declare resumed the session.\n\n"
            "Lukas Sieper (NI). – Madam President, a point of order.\n\n"
            "President. – Thank you. – We move on.\n\n"
            "PRZEWODNICTWO: EWA KOPACZ Wiceprzewodnicząca\n\n"
            "Przewodnicząca. – Dziękuję bardzo.\n\n"
            "Lukas Sieper (NI). – One more thing.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "cre.txt")
    assert [s.speaker for s in episode.segments] == [
        None, "President", "Lukas Sieper", "President", None, "Przewodnicząca", "Lukas Sieper"]
    assert episode.segments[0].directions and episode.segments[4].directions
    assert episode.segments[3].text == "Thank you. – We move on."


def test_a_chair_line_is_an_office_a_name_in_capitals_and_a_title() -> None:
    from podsift.text import chair_line

    assert chair_line("IN THE CHAIR: ROBERTA METSOLA President")
    assert chair_line("PREDSEDÁ: MARTIN HOJSÍK Podpredseda")
    # An interview typed in capitals, or a label before ordinary words, is speech.
    assert not chair_line("JOHN: HELLO THERE EVERYONE")
    assert not chair_line("HOST: Welcome to the show, everyone")
    assert not chair_line("Q: WHAT ABOUT BERLIN Today?")


def test_an_inquirys_times_of_day_time_the_words_after_them() -> None:
    # The UK Covid-19 Inquiry's transcripts (as dracos/uk-covid19-inquiry sets them) mark when the hearing
    # sits and resumes, "(10.00 am)" or in italics "*(11.15 am)*"; they were notes, and the day had no times.
    text = ("(10.00 am)\n\n"
            "LADY HALLETT: Good morning, everyone, and welcome to this hearing.\n\n"
            "MS DOBBIN: Thank you, my Lady. I will set out the background.\n\n"
            "(A short break)\n\n"
            "*(11.15 am)*\n\n"
            "LADY HALLETT: Ms Dobbin, please go on.\n\n"
            "MS DOBBIN: Thank you. We turn to the timetable.\n\n"
            "(1.00 pm)\n\n"
            "LADY HALLETT: Good afternoon.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "hearing.txt")
    said = [(s.speaker, s.start, s.text[:20]) for s in episode.segments if s.text]
    assert said[0] == ("LADY HALLETT", 0.0, "Good morning, everyo")
    assert said[2] == ("LADY HALLETT", 4500.0, "Ms Dobbin, please go")  # 11.15 am, counted from 10.00 am
    assert said[4] == ("LADY HALLETT", 10800.0, "Good afternoon.")  # 1.00 pm
    assert 0.0 < said[1][1] < 4500.0  # between the clocks, timed by its words  # type: ignore[operator]
    assert episode.extra["clock_start"] == 36000.0
    assert [d for s in episode.segments for d in s.directions] == ["(10.00 am)", "(A short break)", "*(11.15 am)*", "(1.00 pm)"]
    assert any(r.kind == "day_clocks" for r in episode.repairs)
    # The report counts the clock lines once, as clocks; the break is the one note.
    assert [r.detail for r in episode.repairs if r.kind == "stage_notes"] == [
        "1 paragraph is only a transcriber's note ('(A short break)'): set aside as directions, not speech"]


def test_a_councils_attendance_line_is_a_field_of_its_minutes() -> None:
    # Portland's council minutes (Ropes/PDX-Council-Minutes-Data, see SOURCES.md): "OFFICERS IN ATTENDANCE:"
    # was read as a speaker, and the minutes below it (34 paragraphs) as that speaker's words.
    text = ("OFFICERS IN ATTENDANCE: Karla Moore-Love, Clerk of the Council; Ben Walters, Chief Deputy City "
            "Attorney.\n\n"
            "The Consent Agenda was adopted.\n\n"
            "Adams: Good morning and welcome to the Portland city council.\n\n"
            "Fritz: Thank you, Mayor.\n\n"
            "Adams: Karla, please call the roll.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "minutes.txt")
    assert [s.speaker for s in episode.segments] == [None, "Adams", "Fritz", "Adams"]
    assert episode.extra["meeting_fields"][0].startswith("OFFICERS IN ATTENDANCE: Karla Moore-Love")


@pytest.mark.parametrize("text", [
    # Kaltura's player downloads a transcript as text that keeps its captions' italics.
    " What up? We're Blind Channel.\nWhat three songs would you recommend to someone\n"
    "for the first time? <i>Dark Side.</i> <i>Timebomb.</i>\n<i>- Over My Dead Body.</i> It's always my favourite.",
    # A YouTube panel copy and an Otter export of captions with colours and underlines.
    "0:01\n<font color=\"#ffff00\">Dark Side.</font>\n0:04\nTimebomb. <u>Over My Dead Body.</u>\n",
    "Jane Doe  0:01\n<I>Dark Side.</I> <b>Timebomb.</b>\n\nJoe  0:04\nOver My Dead Body.\n",
])  # fmt: skip
def test_captions_formatting_tags_in_a_text_file_are_not_words(text: str) -> None:
    episode = formats.parse(text, Episode(id="t"), "t.txt")
    words = " ".join(s.text for s in episode.segments)
    assert "<" not in words and ">" not in words
    assert "Dark Side." in words and "Timebomb." in words and "Over My Dead Body." in words
    assert "caption_tags" in {r.kind for r in episode.repairs}


def test_a_tag_said_in_a_text_with_no_closing_tag_stays_words() -> None:
    episode = parse("Jane: Wrap the title in <b> and the quote in <i> on the page.\n\nJoe: Sure.")
    assert "<b> and the quote in <i>" in episode.segments[0].text


def test_a_shows_transcript_with_scene_headings_and_long_bracketed_directions() -> None:
    # Fan transcripts of a sitcom and a film (ranyadshalom/seinfeld_laugh_corpus, rungdung/Inside-Out-analysis;
    # faithful samples): "INT. COMEDY CLUB – NIGHT" had been read as an earnings call's "Name – Role" line,
    # so a speaker "INT. COMEDY CLUB" with the role "NIGHT"; a long bracketed description was the words
    # of the one who spoke before it.
    text = ("INT. COMEDY CLUB – NIGHT\n\n(Jerry is on stage, performing.)\n\n"
            "JERRY: So, I’m on line at the supermarket. Two women in front of me.\n\n"
            "INT. VIDEO STORE – NIGHT\n\n"
            "[we see Jerry and George walking down an aisle of tapes, George picking one up and putting it back]\n\n"
            "GEORGE: See, to me, that button is in the worst possible spot.\n\n"
            "JERRY: Really?\n\nINT. JERRY’S APARTMENT-NEXT DAY\n\nELAINE: Hi.\n")
    episode = parse(text)
    assert [c.title for c in episode.chapters] == ["INT. COMEDY CLUB – NIGHT", "INT. VIDEO STORE – NIGHT",
                                                   "INT. JERRY’S APARTMENT-NEXT DAY"]  # fmt: skip
    assert "roles" not in episode.extra
    assert [(s.speaker, s.text) for s in episode.segments if s.text] == [
        ("JERRY", "So, I’m on line at the supermarket. Two women in front of me."),
        ("GEORGE", "See, to me, that button is in the worst possible spot."), ("JERRY", "Really?"), ("ELAINE", "Hi.")]
    assert [d for s in episode.segments for d in s.directions][1].startswith("[we see Jerry and George")
    assert episode.segments[episode.chapters[1].first_segment].directions[0].startswith("[we see")


def test_one_line_opening_int_is_no_scene_heading() -> None:
    episode = parse("INT. RATES ARE UP AGAIN\n\nJane: And that is the news.\n\nJoe: Thanks.\n")
    assert not episode.chapters and "scene_headings" not in {r.kind for r in episode.repairs}


@pytest.mark.parametrize(("name", "text"), [
    # A Rev-style export copied out of its PDF: the footer's counter between a turn's lines.
    ("rev.txt", "Jane Doe (00:05):\nWelcome to the show, today we talk about search and\n\nPage 1 of 3\n\n"
                "how it works.\n\nJoe (00:12):\nThanks for having me.\n\nPage 2 of 3\n\nJane Doe (00:20):\n"
                "So what do you do?\n\nPage 3 of 3\n"),
    # Portland's minutes as a PDF converter wrote them (Ropes/PDX-Council-Minutes-Data, faithfully
    # sampled): each page opens with the meeting's day and its counter, run into the page's first words.
    ("minutes.txt", "Adams: Welcome to the portland city council.\n\nJanuary 12, 2011  2 of 18 Fish: Aye. Today we "
                    "talk about search and how it works.\n\nJanuary 12, 2011  3 of 18 Saltzman: Thanks for having me.\n\n"
                    "January 12, 2011  4 of 18 Fish: Aye.\n"),
])  # fmt: skip
def test_a_pages_counter_left_in_copied_text_is_not_words(name: str, text: str) -> None:
    episode = formats.parse(text, Episode(id="t"), name)
    words = " ".join(s.text for s in episode.segments)
    assert " of 3" not in words and " of 18" not in words and "January 12" not in words
    assert "search and how it works." in words
    assert any(s.speaker in ("Joe", "Saltzman") and s.text == "Thanks for having me." for s in episode.segments)
    assert "page_counters" in {r.kind for r in episode.repairs}


def test_counts_said_in_speech_are_not_page_counters() -> None:
    episode = parse("Host: Question 1 of 5. Who wrote it?\n\nQuestion 2 of 5\n\nJane: We got 2 of 18 votes.\n\n"
                    "Joe: And then 3 of 18 votes.\n")
    assert [s.text for s in episode.segments] == ["Question 1 of 5. Who wrote it?", "Question 2 of 5",
                                                  "We got 2 of 18 votes.", "And then 3 of 18 votes."]  # fmt: skip
    # Review: a quiz's bare counts and a dated line of motions counting up are words too.
    quiz = parse("Host: Question one.\n1 of 3\nGuest: Paris?\nHost: Next.\n2 of 3\nGuest: Rome?\nHost: Last.\n3 of 3\n")
    assert [s.text for s in quiz.segments if "of 3" in s.text] == ["1 of 3", "2 of 3", "3 of 3"]
    motions = parse("\n\n".join(f"March 3, 2021 - {k} of 4 motions passed today." for k in range(1, 5)))
    assert all(s.text.startswith("March 3, 2021") for s in motions.segments)


def test_a_councils_captions_with_labels_run_into_the_line() -> None:
    # Portland's closed-caption file of a council meeting (Ropes/PDX-Council-Minutes-Data, faithfully
    # sampled): one member's label is only ever said inside a line, after another's vote ("Aye. Leonard:
    # Aye."), and an interrupted turn ends in a dash ("a question -- Fritz: Thank you.").
    text = ("Adams: Karla, can you please call the roll.\n\nFish: Aye.\n\nSaltzman: Aye. Leonard: Aye.\n\n"
            "Adams: Item 39.\n\nSaltzman: Aye. Leonard: Aye.\n\nFritz: Aye.\n\n"
            "Saltzman: I have a question -- Fritz: Thank you. I appreciate the mayor taking time.\n\n"
            "Fish: Aye. Leonard: Thank you, for doing such a good job.\n\nAdams: Aye.\n")
    turns = [(s.speaker, s.text) for s in parse(text).segments]
    assert turns == [("Adams", "Karla, can you please call the roll."), ("Fish", "Aye."), ("Saltzman", "Aye."),
                     ("Leonard", "Aye."), ("Adams", "Item 39."), ("Saltzman", "Aye."), ("Leonard", "Aye."),
                     ("Fritz", "Aye."), ("Saltzman", "I have a question --"),
                     ("Fritz", "Thank you. I appreciate the mayor taking time."), ("Fish", "Aye."),
                     ("Leonard", "Thank you, for doing such a good job."), ("Adams", "Aye.")]  # fmt: skip


def test_a_label_like_word_said_twice_inside_lines_stays_words() -> None:
    text = ("Ann: We tried it. Result: nothing.\n\nBob: Same here.\n\nAnn: And again. Result: nothing at all.\n\n"
            "Bob: Right.\n")
    assert [s.speaker for s in parse(text).segments] == ["Ann", "Bob", "Ann", "Bob"]


def test_a_pages_contact_fields_are_not_speakers() -> None:
    # A parliament's page footer (cdep.ro) ended its record with "Telefoane: …" and "E-mail: …", read as two
    # more speakers: "E-mail" was listed as no name, but with its hyphen the list was never matched.
    text = ("Ana: We open the sitting.\n\nBob: Thank you.\n\nAna: The sitting is closed.\n\n"
            "Adresa poştală: Palatul Parlamentului, str.Izvor nr.2-4\n\nTelefoane: 021 316 0300\n\n"
            "E-mail: webmaster@cdep.ro\n\nFax: 555 0100\n")
    episode = parse(text)
    assert {s.speaker for s in episode.segments} == {"Ana", "Bob"}
    assert {"Telefoane: 021 316 0300", "E-mail: webmaster@cdep.ro", "Fax: 555 0100"} <= {s.text for s in episode.segments}


def test_a_government_printing_office_hearing_with_surnames_as_written() -> None:
    # A House hearing's text as the Government Publishing Office prints it (ihmc/congressional_hearings,
    # faithfully sampled): "    Mr. Koo. Thank you…", surnames not in capitals, so no label was read;
    # "Internet:" in the front matter and "Deficits:" opening a paragraph of a statement were the speakers.
    text = ("For sale by the Superintendent of Documents, U.S. Government Printing Office\n"
            "Internet: bookstore.gpo.gov Phone: toll free (866) 512-1800\n\n"
            "    The Chairman. The committee will come to order. We will begin\nwith Richard Koo.\n\n"
            "   STATEMENT OF RICHARD C. KOO, CHIEF ECONOMIST, THE NOMURA \n                   RESEARCH INSTITUTE, TOKYO\n\n"
            "    Mr. Koo. Thank you, Chairman Frank, and members of the\ncommittee.\n"
            "    Deficits: In order to create jobs, we are going to have to\nraise the deficit in the short run.\n"
            "    The Chairman. Thank you. Mr. Meltzer.\n"
            "    Mr. Meltzer. Thank you, Mr. Chairman.\n"
            "    Mr. Smith. That was his name, and he said so.\n"
            "    The Chairman. Mr. Koo, how long did it take?\n"
            "    Mr. Koo. Fifteen years.\n    Mr. Meltzer. Longer, I think.\n"
            "    Mr. Koo. Perhaps.\n    Mr. Meltzer. It is still under way.\n")
    episode = parse(text)
    turns = [(s.speaker, s.text) for s in episode.segments]
    assert turns[2:5] == [("The Chairman", "The committee will come to order. We will begin with Richard Koo."),
                          ("Mr. Koo", "Thank you, Chairman Frank, and members of the committee."),
                          ("Mr. Koo", "Deficits: In order to create jobs, we are going to have to raise the "
                                      "deficit in the short run.")]  # fmt: skip
    assert {s.speaker for s in episode.segments} == {None, "The Chairman", "Mr. Koo", "Mr. Meltzer", "Mr. Smith"}
    assert turns[-1] == ("Mr. Meltzer", "It is still under way.")
    # A witness's part, in capitals over two lines, is a chapter on the witness's first words.
    assert [c.title for c in episode.chapters] == ["STATEMENT OF RICHARD C. KOO, CHIEF ECONOMIST, THE NOMURA RESEARCH "
                                                   "INSTITUTE, TOKYO"]  # fmt: skip
    assert episode.segments[episode.chapters[0].first_segment].speaker == "Mr. Koo"


def test_a_few_paragraphs_opening_with_a_name_and_a_stop_are_sentences() -> None:
    text = "Mr. Smith. He was there.\n\nMr. Jones. He was not.\n\nMr. Smith. Again, there.\n\nAnd that was all.\n"
    assert {s.speaker for s in parse(text).segments} == {None}


def test_who_attended_listed_under_its_heading_is_no_speaker() -> None:
    # A joint hearing's cover (nysenate/OpenLegislation's MTA hearing, faithfully sampled): "SENATORS
    # PRESENT:" alone over the list had been a speaker holding the list, and so had "ASSEMBLY MEMBERS PRESENT:".
    text = ("SENATORS PRESENT:\nSENATOR LEROY COMRIE, Chair\nSENATOR TIM KENNEDY, Chair\n"
            "ASSEMBLY MEMBERS PRESENT:\nASSEMBLY MEMBER AMY PAULIN, Chair\nASSEMBLY MEMBER RON KIM\n"
            "SENATOR KENNEDY: Good morning and welcome.\nSENATOR COMRIE: Thank you, Senator.\n"
            "SENATOR KENNEDY: Let us begin.\n")
    episode = parse(text)
    assert {s.speaker for s in episode.segments} == {None, "SENATOR KENNEDY", "SENATOR COMRIE"}
    assert episode.extra["meeting_fields"][:2] == ["SENATORS PRESENT:", "ASSEMBLY MEMBERS PRESENT:"]


# Taiwan's Legislative Yuan Gazette, as a record's text is shared (mark19891107/Google-NL-API-LY's
# transcript.txt: a faithful sample): each member's questions and each official's answers open with
# the time of day. The clock was the first words of the turn and nothing was timed.
LEGISLATIVE_YUAN = (
    "徐委員永明：（11時32分）主席、行政院賴院長、各位同仁。我想請問院長，這個暫緩是因為草案內容要做很大的更動嗎？\n"
    "主席：請行政院賴院長答復。\n"
    "賴院長清德：（11時33分）主席、各位同仁。感謝徐委員。原預定本週四行政院會要通過軍改法案。\n"
    "徐委員永明：並沒有改變就對了？\n"
    "賴院長清德：是。\n"
    "李委員彥秀：（11時41分）首先，請問退輔會邱主委，今天晚上8時有許多退役軍人要來。\n"
    "主席：請退輔會邱主任委員答復。\n"
    "邱主任委員國正：（11時42分）主席、各位委員。是。\n"
)


def test_a_turn_opening_with_its_time_of_day_is_timed_by_it() -> None:
    episode = formats.parse(LEGISLATIVE_YUAN, Episode(id="ly"), "transcript.txt")
    turns = [(s.speaker, s.start, s.text[:6]) for s in episode.segments]
    assert turns[0] == ("徐委員永明", 0.0, "主席、行政院")
    assert turns[2] == ("賴院長清德", 60.0, "主席、各位同")
    assert turns[5] == ("李委員彥秀", 540.0, "首先，請問退")
    assert turns[7] == ("邱主任委員國正", 600.0, "主席、各位委")
    assert not any("時" in s.text and "分）" in s.text for s in episode.segments)
    assert all(s.start is not None for s in episode.segments[:7])  # the turns between timed by their length
    # by their characters: "是。" is said faster than a sentence (each line had been one "word")
    length = [s.end - s.start for s in episode.segments[2:5]]
    assert length[2] * 5 < length[0] and length[2] < length[1]


def test_a_time_of_day_said_once_in_brackets_stays_words() -> None:
    text = "主持人：（11時32分）我們開始吧。\n來賓：好的，謝謝。\n主持人：今天談三件事。\n來賓：好。\n"
    episode = formats.parse(text, Episode(id="t"), "t.txt")
    assert episode.segments[0].speaker == "主持人"
    assert episode.segments[0].text.startswith("（11時32分）") and episode.segments[0].start is None


# A talk's transcript as its archive writes the header (SlavaSubotskiy/sy-subtitles, a faithful sample):
# "Talk Language: English | …" was a speaker, and the talk's opening paragraphs were "Talk Language"'s.
TALK_HEADER = """22 April 1979
Give up Misidentifications
Dollis Hill Ashram, London (England)
Talk Language: English | Transcript (English)

…and because of the cleansing of the feet of Christ, you see, they said, "Why should we waste such a lot of oil?"
But people take, you see, the other meaning!
Maria: Is there any way, Mother that…
Shri Mataji: That's what I said that the way is that the middle class should be developed.
Maria: Yes, but is there any way of helping them?
Shri Mataji: You see, if you think that you can make these people believe, you cannot.
"""


def test_a_field_named_by_what_it_is_of_is_no_speaker() -> None:
    episode = formats.parse(TALK_HEADER, Episode(id="talk"), "transcript_en.txt")
    assert "Talk Language" not in {s.speaker for s in episode.segments}
    assert episode.segments[0].speaker is None and episode.segments[0].text.startswith("…and because")
    assert (episode.title, episode.date) == ("Give up Misidentifications", "1979-04-22")


# An IEEE History Center oral history as its wiki page is saved (gisbi-kim/roboticists-oral-history, a
# faithful sample): sounds in angle brackets and the wiki's footer. "<laughs>" stayed in the words, and
# the footer was the interviewee's last words.
IEEE_ORAL_HISTORY = """Q:

So just start building?

Tatsuo Arai:

<laughs> Well that's a very sensitive question. Actually in my younger age, I liked to make something.

Q:

And your students?

Tatsuo Arai:

They are interested in getting money <laughs> rather than Ph.D. degree.

Q:

Thank you.

Tatsuo Arai:

Yeah, thank you.

Retrieved from " https://ethw.org/w/index.php?title=Oral-History:Tatsuo_Arai&oldid=186989 "
"""


def test_sounds_in_angle_brackets_and_a_wiki_footer_are_not_words() -> None:
    episode = formats.parse(IEEE_ORAL_HISTORY, Episode(id="arai"), "arai.md")
    said = [(s.speaker, s.text, s.directions) for s in episode.segments if s.text]
    assert said[1] == ("Tatsuo Arai", "Well that's a very sensitive question. Actually in my younger age, I liked to make "
                                      "something.", ["<laughs>"])  # fmt: skip
    assert said[3][1] == "They are interested in getting money rather than Ph.D. degree."
    assert said[-1] == ("Tatsuo Arai", "Yeah, thank you.", [])


def test_html_elements_in_angle_brackets_stay_as_written() -> None:
    episode = formats.parse("Ana: the <video> element and <audio> both play media.\n\nBob: Right.\n\nAna: Yes.\n",
                            Episode(id="t"), "talk.txt")  # fmt: skip
    assert episode.segments[0].text == "the <video> element and <audio> both play media."


@pytest.mark.parametrize(("title", "tool", "field"), [
    ("Transcripció de l'episodi 001", "Generat automàticament amb OpenAI Whisper", "Data"),
    ("Transcript of episode 001", "Generated automatically with OpenAI Whisper", "Date"),
])
def test_a_whisper_scripts_header_over_a_rule_is_the_title_date_and_credit(title: str, tool: str, field: str) -> None:
    # drpicox/podcast-del-doctor's Whisper text exports (their shape, our words): a header, a rule of
    # "=", the words. The header was the first two segments of speech.
    text = f"{title}\n{tool}\n{field}: 2026-03-31 23:35:11\n{'=' * 50}\n\n D'acord, comencem pel principi.\n"
    episode = formats.parse(text, Episode(id="x"), "episodi_001.txt")
    assert (episode.title, episode.date, episode.extra.get("credit")) == (title, "2026-03-31", tool)
    assert [s.text for s in episode.segments] == ["D'acord, comencem pel principi."]


def test_a_sessions_title_over_its_fields_is_no_speech_and_no_speaker() -> None:
    # OpenNews/srccon's session transcripts (their shape, our words): a title, then "Key: value" lines, then turns
    # labelled in capitals. "Room: Johnson" was a speaker, and the title and fields were the first segment's words.
    turns = ("MICHAEL: So, do we need microphones?\n\nAUDIENCE: I can hear you.\n\nMATT: In the back.\n\n"
             "MICHAEL: Okay, we'll use mics.\n\nAUDIENCE: That's even worse.\n\nMATT: Hi, I'm Matt.\n")
    text = ("Restoring our readers' privacy\nSession facilitator(s): Michael Donohoe, Matt Dennewitz\n"
            "Day & Time: Friday, 11:45am-1pm\nRoom: Johnson\n\n" + turns)
    episode = formats.parse(text, Episode(id="x"), "privacy.txt")
    assert episode.title == "Restoring our readers' privacy"
    assert episode.extra["fields"]["Room"] == "Johnson" and episode.speakers == ["MICHAEL", "AUDIENCE", "MATT"]
    assert episode.segments[0].text == "So, do we need microphones?"
    # A field alone above turns in capitals, said once before anyone speaks, is no voice either.
    alone = formats.parse("Room: Johnson\n\n" + turns, Episode(id="x"), "privacy.txt")
    assert "Room" not in alone.speakers and alone.speakers == ["MICHAEL", "AUDIENCE", "MATT"]
    # Labels that open lines again are turns, however the first block looks.
    talk = formats.parse("Opening remarks\nAna: Hello there.\nBo: Hi, Ana.\nAna: Let us start.\n", Episode(id="x"), "t.txt")
    assert talk.speakers == ["Ana", "Bo"]
    # A title over two labelled lines and nothing else is a short talk, not a header over nothing:
    # "Standup" / "Alice: …" / "Bob: …" was stored with no words at all.
    short = formats.parse("Standup\nAlice: Shipping the fix today.\nBob: Good, I will review it.\n", Episode(id="x"), "s.txt")
    assert [(s.speaker, s.text) for s in short.segments if s.speaker] == [
        ("Alice", "Shipping the fix today."), ("Bob", "Good, I will review it.")]  # fmt: skip


def test_japans_diet_minutes_circle_each_speech_with_its_speaker() -> None:
    # npkk/kokkai-summary's minutes of the Diet (their shape, our words): "○NAME（…）ROLE" and an ideographic space
    # open each speech, continuation lines set in by one, no blank line between speeches. No one spoke.
    text = ("第217回国会　衆議院　予算委員会第三分科会　第1号\n\n"
            "○福田（昭）分科員　消費税について伺います。\n　まず、問題点についてであります。\n"
            "○青木政府参考人　お答え申し上げます。\n　御指摘の点でございますが、一般的には違います。\n"
            "○福田（昭）分科員　分かりました。\n○青木政府参考人　以上でございます。\n")
    episode = formats.parse(text, Episode(id="x"), "kokkai.txt")
    assert [(s.speaker, s.text[:6]) for s in episode.segments if s.speaker] == [
        ("福田（昭）分科員", "消費税につい"), ("青木政府参考人", "お答え申し上"), ("福田（昭）分科員", "分かりました"),
        ("青木政府参考人", "以上でござい")]


def test_a_city_councils_minutes_set_the_circled_speaker_on_a_line_of_its_own() -> None:
    # chinjouojisan/takasago-kaigiroku-lab's committee minutes (their shape, our words): a header of
    # "開催日：" and "会議名：" fields, then "○NAME-ROLE" alone on its line, the speech set in under it.
    # The names were glued to the words ("○山本委員長こんにちは。") and no one spoke.
    text = ("開催日：令和 6年 5月10日\n会議名：令和 6年総務委員会（ 5月10日）\n\n"
            "○山本委員長　\n　ただいまより委員会を開会いたします。\n　ご意見をお願いします。\n\n"
            "○田中委員　\n　賛成です。\n\n○山本委員長　\n　ほかにございませんか。\n\n○田中委員　\n　ありません。\n")
    episode = formats.parse(text, Episode(id="x"), "minutes.txt")
    assert [(s.speaker, s.text) for s in episode.segments if s.speaker] == [
        ("山本委員長", "ただいまより委員会を開会いたします。ご意見をお願いします。"), ("田中委員", "賛成です。"),
        ("山本委員長", "ほかにございませんか。"), ("田中委員", "ありません。")]
    assert "開催日" not in episode.speakers  # a header's field, no one


def test_turns_between_rules_under_a_speaker_in_capitals_are_labelled() -> None:
    # fferegrino/mananeras' press conferences (their shape, our words): "---" on a line, the speaker in capitals,
    # the words. No one spoke, and every speaker's name was the first words of their turn.
    blocks = [("SECRETARIA DE GOBERNACIÓN, ROSA RODRÍGUEZ", "Buenos días. ¿Cómo están?"), ("PREGUNTA", "Bien, ¿y usted?"),
              ("SECRETARIA DE GOBERNACIÓN, ROSA RODRÍGUEZ", "Bien, gracias.\nHoy hablamos del presupuesto."),
              ("PREGUNTA", "¿Cuándo se publica?"), ("SECRETARIA DE GOBERNACIÓN, ROSA RODRÍGUEZ", "Mañana.")]
    text = "Versión estenográfica. Conferencia de prensa\n05 de diciembre de 2025\n" + "".join(
        f"---\n{who}\n{said}\n" for who, said in blocks)
    episode = formats.parse(text, Episode(id="x"), "2025-12-05.txt")
    assert [who for who, _ in itertools.groupby(s.speaker for s in episode.segments if s.speaker)] == [w for w, _ in blocks]
    assert "PREGUNTA" not in " ".join(s.text for s in episode.segments)
    # Rules between paragraphs with no speaker's line under them are rules still.
    notes = formats.parse("Intro words here.\n---\nMore words follow.\n---\nAnd some more.\n---\nThe end.\n", Episode(id="y"), "n.txt")
    assert not notes.speakers


# The Bundestag's stenographic record as text (Jadaju/Korpus-Plenarprotokolle's shape, our own words):
# a cover and a contents page with dot leaders, then each speech under its label on a line of its own,
# "Name (Party):" or "Name, Office:", interjections in brackets between the paragraphs. The contents
# were speech, "Beginn:" and a sentence ending in a colon became speakers, and the labels were missed.
BUNDESTAG = """Plenarprotokoll 19/12

Deutscher Bundestag
Stenografischer Bericht

12. Sitzung

Berlin, Mittwoch, den 7. März 2018

Inhalt:

Tagesordnungspunkt 1:

Vereinbarte Debatte zur Lage der Bahn
Anna Beispiel (SPD) . . . . . . . . . . . . . . 1021 B

Bernd Muster (CDU/CSU)  . . . . . . . . . . . . 1023 A

Beginn: 9.00 Uhr

Präsident Dr. Karl Vorsitz:
Guten Morgen. Die Sitzung ist eröffnet. Das Wort
hat die Kollegin Beispiel.

Anna Beispiel (SPD):
Herr Präsident! Meine Damen und Herren! Die Züge
kommen zu spät.

(Beifall bei der SPD – Bernd Muster [CDU/CSU]: Das
stimmt nicht!)

Apropos Pünktlichkeit: Wir brauchen mehr Gleise und
mehr Personal.

Präsident Dr. Karl Vorsitz:
Vielen Dank. Nun spricht der Kollege Muster.

Bernd Muster (CDU/CSU):
Die Bahn wird besser. Ich kann nur sagen:
Geduld lohnt sich.

Präsident Dr. Karl Vorsitz:
Ich schließe die Sitzung.
"""


def test_a_bundestag_record_gives_each_speech_to_its_labelled_speaker() -> None:
    episode = formats.parse(BUNDESTAG, Episode(id="19012"), "19012.txt")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert said[0] == ("Präsident Dr. Karl Vorsitz", "Guten Morgen. Die Sitzung ist eröffnet. Das Wort hat die Kollegin Beispiel.")
    assert said[1:] == [
        ("Anna Beispiel", "Herr Präsident! Meine Damen und Herren! Die Züge kommen zu spät."),
        ("Anna Beispiel", "(Beifall bei der SPD – Bernd Muster [CDU/CSU]: Das stimmt nicht!)"),  # her turn, interrupted
        ("Anna Beispiel", "Apropos Pünktlichkeit: Wir brauchen mehr Gleise und mehr Personal."),
        ("Präsident Dr. Karl Vorsitz", "Vielen Dank. Nun spricht der Kollege Muster."),
        ("Bernd Muster", "Die Bahn wird besser. Ich kann nur sagen: Geduld lohnt sich."),
        ("Präsident Dr. Karl Vorsitz", "Ich schließe die Sitzung."),
    ]
    words = " ".join(s.text for s in episode.segments)
    assert ". . ." not in words and "Beginn" not in words
    assert episode.extra["roles"]["Anna Beispiel"] == "SPD"
    assert str(episode.date) == "2018-03-07"


# The Turkish Grand National Assembly's minutes as text (ttoygar/meclis_genel_kurul_tutanaklari's shape,
# our own words): each speech opens "NAME SURNAME (Province) –", the chair's "BAŞKAN –", the lines
# hard-wrapped so a label may break after a name or before its dash. Only "Açılma Saati:" and the like
# were speakers, and each speech ran on under the last of them.
TBMM = """TÜRKİYE BÜYÜK MİLLET MECLİSİ
TUTANAK DERGİSİ

İÇİNDEKİLER
I.- GEÇEN TUTANAK ÖZETİ
1.- Ankara Milletvekili Ayşe Örnek’in, yollara ilişkin konuşması

BİRİNCİ OTURUM
Açılma Saati: 14.00
BAŞKAN
– Birleşimi açıyorum. Söz Sayın Örnek’te.
AYŞE ÖRNEK (Ankara) – Sayın Başkan, yollarımız
bozuk, bunu herkes biliyor.
BAŞKAN – Teşekkür ederim Sayın Örnek.
MEHMET
DENEME (İzmir) – Sayın Başkan, ben de bir şey
söylemek istiyorum.
BAŞKAN – Buyurun.
DENEME (Devamla) – Yollar için bütçe gerekir.
Kapanma Saati: 15.00
"""


def test_turkish_minutes_give_each_speech_to_the_name_before_its_dash() -> None:
    episode = formats.parse(TBMM, Episode(id="01-04-2016"), "01-04-2016.txt")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert [name for name, _ in said[:5]] == ["BAŞKAN", "AYŞE ÖRNEK", "BAŞKAN", "MEHMET DENEME", "BAŞKAN"]
    assert said[0][1] == "Birleşimi açıyorum. Söz Sayın Örnek’te."  # the chair's label wrapped before its dash
    assert said[1][1] == "Sayın Başkan, yollarımız bozuk, bunu herkes biliyor."
    assert said[3][1] == "Sayın Başkan, ben de bir şey söylemek istiyorum."  # the name wrapped inside
    assert said[5][0] in ("DENEME", "MEHMET DENEME") and said[5][1].startswith("Yollar için bütçe gerekir.")
    assert "Açılma Saati" not in episode.speakers
    assert episode.extra["roles"]["AYŞE ÖRNEK"] == "Ankara"


# The shape of Spacelog/Spacelog's transcripts without their stamps: "Name: words" turns, then an
# editor's comment line opening with "#" that happens to mention the transcript.
_COMMENT_AFTER_TURNS = """\
Harbour: Do you hear me, Kestrel?

Kestrel: Loud and clear, Harbour.

Harbour: Begin the valve check when ready.

Kestrel: Valve check begun. Pressure steady.

Harbour: Understood. Report again in two minutes.

# the two lines below were moved up by the editor; in the transcript they come a minute later

Kestrel: Pressure still steady, all green.

Harbour: Good. Stand by for the count.
"""


def test_a_heading_after_the_turns_neither_titles_the_file_nor_drops_the_turns_above_it() -> None:
    episode = read("loop.txt", _COMMENT_AFTER_TURNS)
    said = [(s.speaker, s.text) for s in episode.segments]
    assert said[0] == ("Harbour", "Do you hear me, Kestrel?")
    assert len(said) == 7 and said[-1] == ("Harbour", "Good. Stand by for the count.")
    assert episode.title is None
    assert "show_notes" not in episode.extra
    assert [c.title for c in episode.chapters] == [
        "the two lines below were moved up by the editor; in the transcript they come a minute later"]
    assert episode.chapters[0].first_segment == 5


# Brazil's Câmara dos Deputados shorthand notes as text (luisarthurbv/camera's shape, our own words):
# a cover whose first line is "Sessão de: date", each speech opened by "O SR./A SRA. NAME (party - state.
# note) - words" (the chair's own name in its brackets), section captions in capitals, and at each page's
# foot a "n/N" counter with the cover's lines repeated under it. "Sessão de" became the speaker of nearly
# everything, the labels were never read, and the counters and running head were speech.
CAMARA_PAGE_HEAD = "\n\n{n}/3\n\nSessão de: 17/10/2024\n\nNotas Taquigráficas\n\nCÂMARA DOS DEPUTADOS\n\n"
CAMARA = (
    "Sessão de: 17/10/2024\n\nNotas Taquigráficas\n\nCÂMARA DOS DEPUTADOS\n\nABERTURA DA SESSÃO\n\n"
    "O SR. PRESIDENTE (Maria Exemplo. PXX - AM) - Declaro aberta a sessão. Tem a palavra o Sr. Deputado João.\n\n"
    "O  SR.  JOÃO  DE  TESTE  (Bloco/PYY  -  SP.  Sem  revisão  do  orador.)  -  Sr.  Presidente, venho falar das\n"
    "estradas do interior, que estão"
    + CAMARA_PAGE_HEAD.format(n=1)
    + "esburacadas há anos.\nSIM: 12;\nNÃO: 3.\n\n"
    "O SR. PRESIDENTE (Maria Exemplo. PXX - AM) - Obrigada, Deputado.\n\nORDEM DO DIA\n\n"
    "A SRA. ANA MODELO (Bloco/PZZ - RJ. Pela ordem. Sem revisão da oradora.) - Sr.\nPresidente, peço a palavra. "
    + "Registro a visita de alunos de uma escola pública do meu Estado a esta Casa.\n" * 16
    + CAMARA_PAGE_HEAD.format(n=2)
    + "O SR. PRESIDENTE (Maria Exemplo. PXX - AM) - Concedida.\n\nO SR. JOÃO DE TESTE (Bloco/PYY - SP) - Obrigado."
    + CAMARA_PAGE_HEAD.format(n=3)
)


def test_camara_notes_give_each_speech_to_its_sr_label_and_drop_the_page_furniture() -> None:
    episode = formats.parse(CAMARA, Episode(id="ata"), "ata.md")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert [name for name, _ in itertools.groupby(name for name, _ in said)] == [
        "PRESIDENTE (Maria Exemplo)", "JOÃO DE TESTE", "PRESIDENTE (Maria Exemplo)", "ANA MODELO",
        "PRESIDENTE (Maria Exemplo)", "JOÃO DE TESTE"]
    words = " ".join(text for _, text in said)
    # the sentence broken by the page reads on in one segment; the counter and the running head are no one's words
    assert "venho falar das estradas do interior, que estão esburacadas há anos." in [text for _, text in said][1]
    assert "/3" not in words and "Notas Taquigráficas" not in words and "Sessão de" not in words
    assert "Sessão de" not in episode.speakers and "SIM" not in episode.speakers
    assert "ORDEM DO DIA" in [c.title for c in episode.chapters]
    assert episode.date == "2024-10-17"
    assert episode.extra["roles"]["ANA MODELO"] == "Bloco/PZZ - RJ"


# A UK public inquiry's hearing as reStructuredText (c19witness/uk-covid19-inquiry's shape, our own words):
# "**Name**: words" turns, the counsel also labelled by role and module ("**Lead 3B**:"), each witness's
# section titled and underlined with "=". The counsel's "Lead 3B" turns were folded into the witness's,
# label and all, and the section title was the counsel's words.
INQUIRY_RST = """Transcript of Module 3B Public Hearing on 4 March 2024

*(10.00 am)*

**Lady Example**: Ms Sample.

**Ms Sample**: Good morning, my Lady. Our first witness is Dr Ann Witness.

1. Dr Ann Witness
=================

**Ms Sample**: Good morning, Dr Witness.

**Dr Ann Witness**: Good morning.

**Lead 3B**: Your report is dated 2 February?

**Dr Ann Witness**: It is.

**Lead 3B**: Thank you.
"""


def test_an_inquirys_counsel_labelled_by_module_speaks_and_its_section_titles_are_chapters() -> None:
    episode = formats.parse(INQUIRY_RST, Episode(id="inq"), "hearing.rst")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert [name for name, _ in said][-4:] == ["Dr Ann Witness", "Lead 3B", "Dr Ann Witness", "Lead 3B"]
    assert ("Lead 3B", "Your report is dated 2 February?") in said
    assert [c.title for c in episode.chapters] == ["1. Dr Ann Witness"]
    assert not any("Dr Ann Witness" == text or "=" in text for _, text in said)


# A course's narration script (the shape of kubow/Datova_analyza): each part opens with its slide's id,
# a slug on a line of its own, one marked with a star; a bullet with nothing after it stands alone.
NARRATION_SCRIPT = """

2-uvod-do-dat

Vítejte u druhé části kurzu.
Dnes si projdeme, odkud data pocházejí.

2-1-zdroje-dat *

Data můžeme získat z formulářů nebo ze senzorů.

-

2-2-ukladani

Nakonec data uložíme do databáze.
"""


def test_a_scripts_slide_ids_are_chapters_and_a_lone_dash_is_not_speech() -> None:
    episode = parse(NARRATION_SCRIPT)
    assert [s.text for s in episode.segments] == [
        "Vítejte u druhé části kurzu. Dnes si projdeme, odkud data pocházejí.",
        "Data můžeme získat z formulářů nebo ze senzorů.",
        "Nakonec data uložíme do databáze.",
    ]
    assert [(c.title, c.first_segment) for c in episode.chapters] == [
        ("2-uvod-do-dat", 0), ("2-1-zdroje-dat", 1), ("2-2-ukladani", 2)]


def test_a_hyphenated_word_alone_is_still_speech() -> None:
    episode = parse("Did you see it?\n\nuh-huh\n\nWell, it was big.\n\nmm-hmm\n")
    assert "uh-huh" in [s.text for s in episode.segments] and not episode.chapters


def test_a_heading_set_in_bold_too_is_a_chapter_titled_without_the_stars() -> None:
    # Headings written "## **Presentación**", as the interview in edgarbarrosoha/obs-ha sets them.
    episode = parse("# Entrevista\n\n## **Presentación**\n\nANA: Hola.\n\nLUIS: Buenas.\n\n## **Cierre**\n\nANA: Gracias.\n")
    assert [c.title for c in episode.chapters] == ["Presentación", "Cierre"]


def test_a_models_line_introducing_the_transcript_is_a_note_not_speech() -> None:
    # A diarisation project's labelled output (MDGrey33/PyHearingAI) opens with the language
    # model's sentence about what follows; it was read as the first turn, said by no one.
    text = ("Based on the transcript and the speaker segments given, here is the dialogue with each speaker marked:\n\n"
            "**Speaker 1:** So, shall we start with the budget?\n\n"
            "**Speaker 0:** Yes, the budget first, here is the plan for the conversation:\n\n"
            "**Speaker 1:** Go on.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "labeled_transcript.txt")
    assert [s.speaker for s in episode.segments] == ["Speaker 1", "Speaker 0", "Speaker 1"]
    assert episode.segments[0].text == "So, shall we start with the budget?"
    assert episode.extra["framing"].startswith("Based on the transcript")
    # The same words said in an unlabelled talk, with no turns under them, stay speech.
    talk = "Here is how the conversation went, as I remember it:\n\nWe met at noon and talked about the budget.\n"
    assert formats.parse(talk, Episode(id="y"), "talk.txt").segments[0].text.startswith("Here is how")


def test_a_hosts_spoken_opening_above_the_turns_stays_speech() -> None:
    # The host introduces the talk in his own words; they were set aside as a model's framing note.
    text = ("Welcome back. Today I am joined by Ben, and here is the conversation we recorded in Oslo:\n\n"
            "Ben: Thanks for having me.\n\nAnn: Tell us about the trip.\n\nBen: It rained all week.\n")
    episode = read("episode.txt", text)
    assert episode.segments[0].text.startswith("Welcome back. Today I am joined by Ben")
    assert "framing" not in episode.extra
    # A model's line names what it gives as a transcript or a dialogue, and still stands apart.
    text = "Here is the transcript of the call, with each speaker marked:\n\nBen: Hello.\n\nAnn: Hi, Ben.\n"
    assert read("call.txt", text).extra["framing"].startswith("Here is the transcript of the call")


def test_otter_names_alone_on_their_lines_without_times_are_the_speakers() -> None:
    # Otter's export with timestamps off, the name and two spaces over the words, as in
    # cscully-allison/data-ensemble-interview-artifacts: the names were glued to the words, no one speaking.
    text = ("Researcher 1  \nThanks for coming in today.\n\nParticipant  \nHappy to help. Where do we start?\n\n"
            "Researcher 1  \nWith how you plan a run.\n\nParticipant  \nUsually on paper first.\n")
    episode = read("P1 Transcript.txt", text)
    assert [s.speaker for s in episode.segments] == ["Researcher 1", "Participant"] * 2
    assert [s.text for s in episode.segments][:2] == ["Thanks for coming in today.", "Happy to help. Where do we start?"]
    # The same in a Markdown page under its details, as hitsave/interview-transcripts keeps them: the
    # details' sentence dates the interview.
    page = ("# Interview with two developers\n\n## Details\n\nInterview took place on May 4, 2021. Interviewer is Ana Ruiz.\n\n"
            "## Transcript\n\nAna Ruiz  \nWelcome, both of you.\n\nBo Chen  \nThanks.\n\nAna Ruiz  \nHow did you start?\n\n"
            "Bo Chen  \nBy accident, really.\n")
    episode = read("interview.md", page)
    assert [s.speaker for s in episode.segments] == ["Ana Ruiz", "Bo Chen", "Ana Ruiz", "Bo Chen"]
    assert episode.segments[3].text == "By accident, really."
    assert episode.date == "2021-05-04"


def test_short_lines_over_paragraphs_that_do_not_take_turns_stay_words() -> None:
    # Headings over paragraphs, each said once: no speakers.
    text = "Morning\nWe walked to the lake.\n\nNoon\nWe ate by the water.\n\nEvening\nWe came home tired.\n"
    episode = read("diary.txt", text)
    assert not any(s.speaker for s in episode.segments)
    assert "Morning" in " ".join(s.text for s in episode.segments)


@pytest.mark.parametrize("name, text", [
    # a song: section headings over one or two unpunctuated lines
    ("lyrics.txt", "\n\n".join(f"{h}\n{w}" for h, w in [
        ("Verse 1", "Morning comes with rain again\nI hear you down the lane"), ("Pre-Chorus", "hold on hold on"),
        ("Chorus", "We are the light tonight\nwe are the fire"), ("Verse 2", "Streets are empty after nine"),
        ("Pre-Chorus", "hold on hold on"), ("Chorus", "We are the light tonight"), ("Bridge", "and if I fall"),
        ("Chorus", "We are the light tonight")]) + "\n"),
    # a work log, day by day, in sentences
    ("notes.txt", "Monday\nReviewed the budget with the team.\n\nTuesday\nShipped the release.\n\n"
                  "Wednesday\nPlanned next quarter.\n\n" * 3),
    # a poem whose stanzas open on a refrain
    ("poem.txt", "Oh River\nyou run beneath the stones\nyou carry all my bones\n\n"
                 "Sweet Willow\nyou bend above the bank\nand drink what the river drank\n\n" * 3),
    # recipes, each under its dish
    ("recipes.txt", "".join(f"{dish}\n\nIngredients\nflour, milk, eggs, a pinch of salt\n\n"
                            "Method\nMix everything and bake for thirty minutes.\n\n" for dish in ["Pancakes", "Crepes", "Waffles"])),
    # chores by room, each room's run kept together
    ("chores.txt", "".join(f"{room}\n{done}.\n\n" for room, done in [
        ("Kitchen", "Wiped the counters"), ("Kitchen", "Cleaned the oven"), ("Kitchen", "Emptied the bins"),
        ("Garden", "Cut the grass"), ("Garden", "Watered the roses"), ("Garden", "Raked the leaves")])),
    # a shop's questions and answers, two topics taking turns
    ("faq.txt", "Delivery\nWe send parcels anywhere. It takes a week.\n\nRefunds\nRefunds are free. Keep the receipt.\n\n"
                "Delivery\nFaster delivery costs more.\n\nRefunds\nThey reach you in five days.\n"),
    # a board's minutes, item by item
    ("minutes.txt", "Board meeting\n\nPresent\nAna, Bo, Carla.\n\nBudget\nWe agreed to cut travel.\n\n"
                    "Hiring\nTwo roles are open. Ana leads.\n\nBudget\nWe look again in May.\n\nHiring\nBo posts the ads.\n"),
], ids=["lyrics", "notes", "poem", "recipes", "chores", "faq", "minutes"])
def test_songs_diaries_poems_and_recipes_under_short_headings_have_no_speakers(name: str, text: str) -> None:
    # "Chorus", "Monday", "Oh River", "Method", an FAQ's "Refunds" and the minutes' "Budget" were read as
    # people taking turns, each heading glued as a label onto the lines below it.
    episode = read(name, text)
    assert not any(s.speaker for s in episode.segments)
    assert text.split("\n")[0] in " ".join(s.text for s in episode.segments)  # the heading stays a word
    assert not any(r.kind == "name_lines" for r in episode.repairs)


def test_an_observers_note_under_a_bold_label_is_kept_without_its_emphasis() -> None:
    # The observer's notes of a thesis interview (Dreamink-SNPP/BookThesis): "**[NOTAS ...]:** [...]".
    # The note kept its Markdown stars.
    text = ("**ENTREVISTADOR:** ¿Desde cuándo escribe?\n\n**E2:** Desde la escuela.\n\n"
            "**[NOTAS DE OBSERVACIÓN]:** [Mira hacia arriba, recordando]\n\n**ENTREVISTADOR:** ¿Y ahora?\n\n"
            "**E2:** Casi todos los días.\n")
    episode = formats.parse(text, Episode(id="x"), "Entrevista_E2.md")
    (note,) = [s for s in episode.segments if not s.text]
    assert note.directions == ["[NOTAS DE OBSERVACIÓN]: [Mira hacia arriba, recordando]"]


def test_fields_written_as_the_headers_fields_are_are_no_speech_whatever_their_keys() -> None:
    # A thesis interview's header (Dreamink-SNPP/BookThesis): bold fields, then under a section
    # heading the participant's code and pseudonym written the same way. Those two were speech.
    paragraphs = ["# Entrevista E4", "**Fecha:** 2025-12-03", "**Duración:** 40 minutos", "**Lugar:** Asunción",
                  "## DATOS", "**Código del participante:** E4", "**Seudónimo (opcional):** Luna",
                  *["**ENTREVISTADOR:** ¿Cómo empezó?", "**E4:** Escribiendo cuentos."] * 2]
    episode = read("Entrevista_E4.md", "\n\n".join(paragraphs) + "\n")
    assert [s.speaker for s in episode.segments] == ["ENTREVISTADOR", "E4"] * 2
    assert "**Seudónimo (opcional):** Luna" in episode.extra["header"]


def test_a_tv_news_transcripts_labels_with_roles_header_and_segment_titles() -> None:
    # The shape of a CNN Student News story file (zwc12/Summarization): a title line with the date, a
    # "Transcript" line, a rush notice, "NAME, ROLE:" labels, then surnames, and segment titles between turns.
    text = ("Morning Desk Transcript: March 4, 2011\n(Morning Desk) -- March 4, 2011\n\nTranscript\n\n"
            "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY BE UPDATED.\n\n"
            "ANA RUIZ, MORNING DESK ANCHOR: Good morning, here is the news.\n\n"
            "First Up: River Flooding\n\n"
            "TOM BELL, CITY FLOOD OFFICE, CHIEF ENGINEER: The water rose a metre overnight.\n\n"
            "RUIZ: Crews are out on the banks today.\n\n(BEGIN VIDEO)\n\n"
            "TOWN MAYOR JOAN PIKE: We will open the school as a shelter.\n\n(END VIDEO)\n\n"
            "Weather Watch\n\nRUIZ: More rain is due on Friday.\n")
    episode = read("news.story", text)
    assert (episode.title, episode.date) == ("Morning Desk Transcript", "2011-03-04")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert said[:2] == [("ANA RUIZ", "Good morning, here is the news."),
                        ("TOM BELL", "The water rose a metre overnight.")]
    assert ("TOWN MAYOR JOAN PIKE", "We will open the school as a shelter.") in said
    assert not any("RUSH" in t or t in ("Weather Watch", "River Flooding") for _, t in said)
    assert [c.title for c in episode.chapters] == ["First Up: River Flooding", "Weather Watch"]
    assert episode.extra["roles"]["TOM BELL"] == "CITY FLOOD OFFICE, CHIEF ENGINEER"
    assert ["(BEGIN VIDEO)"] in [s.directions for s in episode.segments]


def test_a_talks_bold_fields_on_one_line_between_bars_name_its_speaker_and_date() -> None:
    # The shape of a sermon's concise transcript (ebdtcode/TrustingJesus): "**Speaker**: … | **Church**: …".
    text = ("# Planting Season\n## Concise Transcript\n\n**Speaker**: Rev Ana Ruiz | **Church**: Hill Chapel\n"
            "**Duration**: 20:05 | **Date**: May 2, 2024\n\n---\n\n## Opening\n\nWe begin with the seed.\n\n"
            "## The Harvest\n\nAnd we end with the harvest.\n")
    episode = read("talk.md", text)
    assert [(s.speaker, s.text) for s in episode.segments if s.text] == [
        ("Rev Ana Ruiz", "We begin with the seed."), ("Rev Ana Ruiz", "And we end with the harvest.")]
    assert episode.date == "2024-05-02"
    assert episode.extra["fields"]["Church"] == "Hill Chapel"


# --- A caption track saved as text: one narrow caption line a line --------------------------------

_HOST_TURN = ("Hello and welcome to the show, where my guest and I talk about how plants grow and how "
              "gardens can be planned for every kind of weather that a year may bring to them.")
_GUEST_TURN = ("thank you for having me again, it is a real pleasure to be back here with you and to talk "
               "about soil and seeds and the small habits that make a garden thrive over many seasons.")


def _caption(text: str) -> list[str]:
    return textwrap.wrap(text, 28)


def test_caption_lines_under_caps_labels_are_one_turn_each_and_a_cue_line_stays_inside_it() -> None:
    # The shape of YouTube captions saved as text (prakhar625/huberman-podcasts-transcripts):
    # "NAME: first phrase", then one short caption phrase a line, a "[MUSIC PLAYING]" cue alone on
    # its line inside a turn, and now and then the label alone on its line.
    lines: list[str] = []
    for k in range(4):
        host = _caption(f"MIRA STONE: {_HOST_TURN}")
        lines += [*host[:3], "[MUSIC PLAYING]", *host[3:]] if k == 0 else host
        lines += ["TOM REED:", *_caption(_GUEST_TURN)]
    episode = read("episode.txt", "\n".join(lines) + "\n")
    assert [s.speaker for s in episode.segments] == ["MIRA STONE", "TOM REED"] * 4
    first, second = episode.segments[:2]
    assert first.text == _HOST_TURN
    assert first.directions == ["[MUSIC PLAYING]"]
    assert second.text == _GUEST_TURN
    assert all(s.text for s in episode.segments)  # no segment is only a cue or a label


def test_caption_dash_turns_name_only_their_own_turn_and_lose_the_dash() -> None:
    # The shape of YouTube captions saved as text (prakhar625/huberman-podcasts-transcripts): "- "
    # opens each turn, sometimes "- [Name] " names it; the reply after it is the other person's.
    lines = ["[soft piano music]"]
    for k in range(3):
        lines += _caption(f"- {_HOST_TURN}")
        lines += _caption(f"- [Mira] {'So that is the secret.' if k else 'And soil comes first.'}")
        lines += _caption(f"- {_GUEST_TURN}")
        lines += _caption(f"- [Tom] {'It is, yes.' if k else 'Always.'}")
    episode = read("episode.txt", "\n".join(lines) + "\n")
    said = [(s.speaker, s.text) for s in episode.segments]
    assert said[:4] == [(None, _HOST_TURN), ("Mira", "And soil comes first."),
                        (None, _GUEST_TURN), ("Tom", "Always.")]
    assert len(said) == 12
    assert not any(text.startswith("-") for _, text in said)
    assert episode.segments[0].directions == ["[soft piano music]"]


def test_auto_caption_lines_cut_mid_sentence_join_and_a_music_cue_is_no_empty_segment() -> None:
    # The shape of YouTube auto-captions saved one caption a line (Charlie21252/podcastpod-rag-chat):
    # no speakers, lines cut mid-sentence at about 40 columns, "[Music]" alone on a line.
    talk = ("so we drove out to the lake on a Sunday and the water was still cold but we went in anyway "
            "because nobody wanted to be the one who stayed on the shore. then the rain came and we "
            "ran back to the car laughing the whole way there. ")
    lines = textwrap.wrap(talk * 8, 40)
    lines.insert(10, "[Music]")
    episode = read("playdate.txt", "\n".join(lines) + "\n")
    assert all(s.text for s in episode.segments)
    assert ["[Music]"] in [s.directions for s in episode.segments]
    assert len(episode.segments) < len(lines) / 4
    whole = " ".join(s.text for s in episode.segments)
    assert "the water was still cold but we went in anyway because nobody wanted" in whole


# A show's site transcript saved as .txt (samuelpath/tim-gpt's files; their shape, our words): the editor's
# introduction and a "#NNN: title" line above the "Full Name: words" turns, the site's footer below them.
SITE_TRANSCRIPT = """Here is the transcript of my talk with Rosa Vidal, who builds boats by hand. She has sailed alone
around the cape twice and now teaches carpentry to teenagers.

#212: Rosa Vidal on Boats, Patience, and Building Slowly

Sam Ortega: Rosa, welcome. The coffee is hot and the dog is asleep.
Rosa Vidal: Thank you for having me. I brought the dog a biscuit.
Sam Ortega: Let's start with the first boat you built.
Rosa Vidal: It leaked. Badly. I learned more from that leak than from any book.
That was the winter I stopped rushing things.
Sam Ortega: What would you tell someone starting now?
Rosa Vidal: Buy good clamps and be patient with the wood.
Sam Ortega: Thanks, Rosa.
Rosa Vidal: Any time.

Related and Recommended

The Sam Ortega Show is a weekly podcast with millions of listeners. To hear every past episode for free, visit the archive page.
"""


def test_a_site_transcripts_intro_title_line_and_footer_are_not_speech() -> None:
    episode = read("212 - Rosa Vidal.txt", SITE_TRANSCRIPT)
    assert episode.title == "#212: Rosa Vidal on Boats, Patience, and Building Slowly"
    first, last = episode.segments[0], episode.segments[-1]
    assert (first.speaker, first.text) == ("Sam Ortega", "Rosa, welcome. The coffee is hot and the dog is asleep.")
    assert (last.speaker, last.text) == ("Rosa Vidal", "Any time.")
    assert not any("Related" in s.text or "listeners" in s.text or "transcript of" in s.text for s in episode.segments)
    assert "builds boats by hand" in episode.extra["preamble"]
    assert episode.extra["footer"].startswith("Related and Recommended")
    # The words between stay the speakers': a turn's second line goes on as hers.
    assert [s.speaker for s in episode.segments if "winter I stopped" in s.text] == ["Rosa Vidal"]


_SITE_TURNS = SITE_TRANSCRIPT[SITE_TRANSCRIPT.index("Sam Ortega: Rosa") : SITE_TRANSCRIPT.index("\nRelated")]


def test_a_site_transcripts_speech_is_never_taken_for_its_intro_or_footer() -> None:
    """A host's opening that mentions a transcript, and a closing after a line of capitalised
    words ("Thank You Everyone"), were moved out of the speech as the page's preamble and footer;
    a short intro above the title line left the intro as the title and the title nowhere."""
    spoken = read("a.txt", "Hi all, before we start: a transcript of this episode is on our website, and today "
                           "my guest is Rosa Vidal, who builds boats.\n\n" + _SITE_TURNS)
    assert spoken.segments[0].text.startswith("Hi all, before we start") and "preamble" not in spoken.extra
    closing = _SITE_TURNS + "\nThank You Everyone\n\nThat is all from us today, see you soon.\n"
    ended = read("b.txt", closing)
    assert "see you soon" in ended.segments[-1].text and "footer" not in ended.extra
    titled = read("c.txt", "Please enjoy this transcript.\n\n#212: Rosa Vidal on Boats\n\n" + _SITE_TURNS)
    assert titled.title == "#212: Rosa Vidal on Boats"
    assert titled.segments[0].text.startswith("Rosa, welcome")


# An interview printed as Q&A, a postscript after it (matthiasn/talk-transcripts' RichHickeyQandA.md; its
# shape, our words): "Surname:" labels taking turns, then "Postscript:" alone and where the text was found.
_QANDA = """# Ada Lark Q & A

Reed: What drew you to programming?

Lark: I was running a print shop and bought a computer for the invoices.

Reed: You play the cello, correct?

Lark: Yes, I studied music before anything else.

Reed: How do you debug?

Lark: I form a hypothesis that fits the facts and find the smallest test for it.

Ideally you know the answer before you touch the keyboard.

Copyright (C) 2011. All rights reserved.

{closing}

This interview was available at:

    http://www.example.com/2011/ada-lark/

until the site closed in 2017.
"""


def test_a_texts_postscript_after_the_last_turn_is_no_speaker() -> None:
    """"Postscript:" after the last turn was a speaker of the paragraphs after it; "P.S.: …" gave
    them to the last speaker. Both are the text's closing part, kept as its footer."""
    for closing, label in (("Postscript:", "Postscript"), ("P.S.: This was our first interview.", "P.S.")):
        episode = read("qa.md", _QANDA.format(closing=closing))
        assert episode.speakers == ["Reed", "Lark"]
        assert episode.segments[-1].text == "Ideally you know the answer before you touch the keyboard."
        assert not any("available at" in s.text or "site closed" in s.text for s in episode.segments)
        assert episode.extra["footer"].startswith(f"Copyright (C) 2011. All rights reserved.\n\n{label}")
        assert "site closed in 2017" in episode.extra["footer"]
    # Said by someone later, the word is a turn's as before.
    answered = read("qa.md", _QANDA.format(closing="Update: We shipped it.") + "\nReed: Thanks, Ada.\n")
    assert "footer" not in answered.extra and answered.segments[-1].text == "Thanks, Ada."


def test_footnotes_and_a_copyright_line_after_the_last_turn_are_the_footer_not_the_last_answer() -> None:
    # "[1] See …" footnotes and "© 2024 …" between a Q&A's last turn and its "Postscript:", or closing the text
    # on their own, were the last speaker's words.
    notes = "[1] See her talk at the 2010 conference.\n[2] The print shop closed in 1998.\n\n© 2024 Example Press"
    qanda = _QANDA.replace("Copyright (C) 2011. All rights reserved.", notes)
    for text in (qanda.format(closing="Postscript:"), qanda.split("{closing}")[0]):
        episode = read("qa.md", text)
        assert episode.segments[-1].text == "Ideally you know the answer before you touch the keyboard."
        assert not any("See her talk" in s.text or "Example Press" in s.text for s in episode.segments)
        assert episode.extra["footer"].startswith("[1] See her talk at the 2010 conference. [2] The print shop")
        assert "© 2024 Example Press" in episode.extra["footer"]
    # A turn after them keeps them in the words, as before.
    answered = read("qa.md", qanda.split("{closing}")[0] + "\nReed: Thanks, Ada.\n")
    assert "footer" not in answered.extra and any("See her talk" in s.text for s in answered.segments)


def test_a_last_answer_opening_with_the_word_copyright_stays_speech() -> None:
    # "Copyright was …" closing the last answer is said, no copyright notice: it stays the speaker's words
    turns = ["Tim: So tell me about the early days.", "Ann: We had nothing, a garage and a dream.", "Tim: And then?",
             "Ann: Then a lot of work, years of it.", "Tim: Any regrets?", "Ann: None. Well, one.", "Tim: Which one?",
             "Ann: The name. We never owned it.", "Copyright was the whole fight, in the end, and we lost it."]
    episode = read("qa.txt", "\n\n".join(turns) + "\n")
    assert "footer" not in episode.extra
    assert episode.segments[-1].speaker == "Ann" and episode.segments[-1].text.startswith("Copyright was")
    notice = read("qa.txt", "\n\n".join(turns[:-1] + ["Copyright Example Press. All rights reserved."]) + "\n")
    assert notice.extra["footer"] == "Copyright Example Press. All rights reserved."


def test_a_news_shows_break_marks_read_headlines_and_quotes_are_read_as_heard() -> None:
    # Changelog News as Markdown (thechangelog/transcripts; their shape, our words): "**Name:**" alone over
    # each turn, "**Break:**" between stories, each story's headline a link alone on its line, quoted passages
    # as blockquotes. "Break:" was speech of the last speaker, most headlines were dropped as page links,
    # and the "> " marks stayed in the words, an empty ">" line becoming a segment of its own.
    from podsift.ingest import parse_source

    page = ("**Ana Lind:**\n\nHello, and welcome to the weekly news.\n\n**Break:**\n\n**Ana Lind:**\n\n"
            "[A faster way to load settings](https://example.com/settings)\n\n"
            "I tried this tool last week and liked it.\n\n"
            "[A talk about databases](https://example.com/talk)\n\n"
            "> Quoted first paragraph of the post.\n>\n> Quoted second paragraph.\n\n"
            "**Break:**\n\n**Ben Ross:**\n\nThat sounds useful.\n")
    episode = parse_source("news.md", page.encode())
    assert not isinstance(episode, str)
    assert [s.text for s in episode.segments if s.speaker == "Ana Lind"] == [
        "Hello, and welcome to the weekly news.", "A faster way to load settings",
        "I tried this tool last week and liked it.", "A talk about databases",
        "Quoted first paragraph of the post. Quoted second paragraph.",
    ]
    assert [(s.speaker, s.text) for s in episode.segments if s.speaker != "Ana Lind" and s.text] == [
        ("Ben Ross", "That sounds useful.")]
    assert [s.directions for s in episode.segments if not s.text] == [["Break"], ["Break"]]
    # A link alone above the turns is still the page's own link, not speech.
    linked = parse_source("post.md", ("[The story](https://example.com/story)\n\n" + page).encode())
    assert not isinstance(linked, str)
    assert "The story" not in [s.text for s in linked.segments]


def test_a_transcription_scripts_fields_of_ids_dates_and_files_are_metadata_not_speakers() -> None:
    """A whisper script's output (as in liaminhawai-cmd/Kill-James-Bond-vs-Bechdel-Cast,
    reference/fight_like_an_animal/): "Episode ID:", "Generated:", "MP3 File:" fields, one block under a
    banner, above one line per sentence. Written here in that shape."""
    text = ("Title: The Long Walk pt 1\nEpisode #: 4\nEpisode ID: 5512034\n"
            "Source: https://example.com/episodes/5512034-the-long-walk.mp3\n"
            "------------------------------------------------------------\n\n"
            "=== EPISODE METADATA ===\nGenerated: 2026-01-12 01:02:07\nEpisode ID: 5512034\n"
            "MP3 File: 5512034-the-long-walk-pt-1.mp3\nPodcast/Artist: Long Walks\n========================\n"
            "Welcome back to the show.\nToday we walk a long way.\nAnd we start at the river.\n")
    episode = parse(text)
    assert episode.speakers == []
    assert [s.text for s in episode.segments] == [
        "Welcome back to the show.", "Today we walk a long way.", "And we start at the river."]
    assert episode.title == "The Long Walk pt 1"
    assert episode.extra["fields"]["MP3 File"] == "5512034-the-long-walk-pt-1.mp3"
    assert episode.extra["fields"]["Generated"] == "2026-01-12 01:02:07"


def test_labels_whose_values_look_like_numbers_are_still_speakers_when_they_speak_again() -> None:
    text = "Alice: 42\nBob: 17\n\nAlice: I guessed higher than you.\nBob: I know.\n"
    assert parse(text).speakers == ["Alice", "Bob"]


# A one-voice talk as a diarizing pipeline writes it (bobsummerwill/strato-transcripts,
# outputs/devcon0-012-how-scrum-works/…_assemblyai_opus.md and seven more; GPL-3.0, so our words):
# the first paragraph alone opens with its time and label.
ONE_LABEL_TALK = """**[00:13] SPEAKER_00:** Hi everyone, welcome. I joined the team three weeks ago and this talk is about a method.

So first a little bit about what agile is, and how projects were run before it.

The waterfall model: you specify, implement, integrate, test, then maintain.
"""


def test_a_talk_labelled_once_at_its_start_is_that_speakers_throughout() -> None:
    # Read as plain text, the label stayed in the first paragraph's words and no paragraph had a speaker.
    episode = formats.parse(ONE_LABEL_TALK, Episode(id="talk"), "talk.md")
    assert [(s.start, s.speaker, s.text[:30]) for s in episode.segments] == [
        (13.0, "Speaker 0", "Hi everyone, welcome. I joined"),
        (None, "Speaker 0", "So first a little bit about wh"),
        (None, "Speaker 0", "The waterfall model: you speci")]  # fmt: skip


def test_a_first_turn_alone_timed_whose_label_recurs_is_that_speakers_at_its_time() -> None:
    # A diarizer's Markdown timing only its first turn: the label stayed in that turn's words
    # ('[00:13] SPEAKER_00: Hi…'), which had no speaker and no time.
    text = ("**[00:13] SPEAKER_00:** Hi everyone, welcome to the show.\n\n**SPEAKER_01:** Thanks for having me.\n\n"
            "**SPEAKER_00:** So tell us about your work.\n\n**SPEAKER_01:** I build boats.\n")
    episode = formats.parse(text, Episode(id="talk"), "talk.md")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (13.0, "Speaker 0", "Hi everyone, welcome to the show."), (None, "Speaker 1", "Thanks for having me."),
        (None, "Speaker 0", "So tell us about your work."), (None, "Speaker 1", "I build boats.")]  # fmt: skip


def test_a_first_turn_alone_timed_keeps_its_speaker_and_time_beside_labelled_turns() -> None:
    # The opening's label and time were taken out of the words and given to no one: the host's
    # welcome had neither, the others' turns being labelled.
    text = "[00:05] Host: Welcome, today I am with Ann.\n\nAnn: Thanks for having me.\n\nAnn: Rivers carve valleys.\n"
    episode = formats.parse(text, Episode(id="talk"), "talk.txt")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (5.0, "Host", "Welcome, today I am with Ann."), (None, "Ann", "Thanks for having me."),
        (None, "Ann", "Rivers carve valleys.")]  # fmt: skip


@pytest.mark.parametrize(("lines", "speakers"), [
    (["0:00 | Host | Welcome to the show.", "0:12 | Guest | Thanks for having me.", "0:20 | Host | Tell us more."],
     ["Host", "Guest", "Host"]),
    (["[00:01:05] | Jane Doe | Welcome to the show.", "[00:01:10] | John Smith | Thanks for having me.",
      "[00:01:15] | Jane Doe | Tell us more."], ["Jane Doe", "John Smith", "Jane Doe"]),
    (["00:00:12 | SPEAKER_01 | Welcome to the show.", "00:00:15 | SPEAKER_02 | Thanks for having me.",
      "00:00:19 | SPEAKER_01 | Tell us more."], ["Speaker 1", "Speaker 2", "Speaker 1"]),
])  # fmt: skip
def test_a_speaker_between_bars_after_the_time_names_the_turn(lines: list[str], speakers: list[str]) -> None:
    # Pasted from a spreadsheet without its header row, the label stayed in the words ('Host | Welcome…'),
    # every turn no one's.
    episode = formats.parse("\n".join(lines) + "\n", Episode(id="talk"), "talk.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == list(zip(speakers, [
        "Welcome to the show.", "Thanks for having me.", "Tell us more."]))  # fmt: skip
    assert episode.segments[1].start in (12.0, 70.0, 15.0)


def test_a_sentence_between_bars_after_the_time_stays_words() -> None:
    text = ("0:00 | We start with the history of the project | Welcome.\n"
            "0:12 | Then we talk about the early days | Thanks.\n0:20 | Intro | More.\n0:30 | Outro | Bye.\n")
    episode = formats.parse(text, Episode(id="talk"), "talk.txt")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, None, "We start with the history of the project | Welcome."),
        (12.0, None, "Then we talk about the early days | Thanks."), (20.0, None, "Intro | More."),
        (30.0, None, "Outro | Bye.")]  # fmt: skip


def test_an_autolink_on_a_timed_line_keeps_its_address() -> None:
    # "<https://example.com/notes>" was taken for a tag and dropped: "See for the notes".
    text = ("[00:12] See <https://example.com/notes> for the notes\n[00:20] Mail <mailto:ann@example.org> or see <www.example.com>\n"
            "[00:30] <i>Said</i> <font color=\"red\">in</font> <c.yellow>colour</c>\n")
    episode = formats.parse(text, Episode(id="talk"), "talk.txt")
    assert [(s.start, s.text) for s in episode.segments] == [
        (12.0, "See <https://example.com/notes> for the notes"),
        (20.0, "Mail <mailto:ann@example.org> or see <www.example.com>"), (30.0, "Said in colour")]  # fmt: skip


@pytest.mark.parametrize("lines", [
    ["[00:12] Oh Mary | don't you weep", "[00:20] Tell Martha | not to moan", "[00:31] Pharaoh's army | got drownded",
     "[00:40] Oh Mary | don't you weep"],
    ["12:00:01 | Server | started", "12:00:02 | Worker | job 4 done", "12:00:03 | Server | stopping"],
])  # fmt: skip
def test_a_songs_line_or_a_logs_fields_between_bars_name_no_one(lines: list[str]) -> None:
    # A lyric with a bar for its line break and a log's fields had turns of "Oh Mary", "Tell Martha", "Server".
    episode = formats.parse("\n".join(lines) + "\n", Episode(id="talk"), "talk.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [(None, line.split(" ", 1)[1].lstrip("| ")) for line in lines]
    # Said so, not as labels that "neither recur nor alternate": these do both.
    (note,) = [r.detail for r in episode.repairs if r.kind in ("cell_labels", "not_a_speaker")]
    assert note.startswith("2 labels in cells between bars after a time (") and "read as no one's speech" in note


def test_a_recognisers_lower_case_speech_between_bars_keeps_its_speakers() -> None:
    # Unpunctuated lower-case speech after "time | name |" lost its speakers as if it were a song's lines.
    lines = ["00:00:01 | Alice | so i think we should get started", "00:00:05 | Bob | yeah sounds good to me",
             "00:00:09 | Alice | first thing on the list is the budget", "00:00:15 | Bob | right we went over by a bit",
             "00:00:20 | Alice | how much over", "00:00:24 | Bob | about ten percent"]  # fmt: skip
    episode = formats.parse("\n".join(lines) + "\n", Episode(id="talk"), "talk.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        (line.split(" | ")[1], line.split(" | ")[2]) for line in lines]


QUOTES = [("Albert Einstein", "Imagination is more important than knowledge."),
          ("Maya Angelou", "We delight in the beauty of the butterfly."), ("Steve Jobs", "Stay hungry, stay foolish."),
          ("Oscar Wilde", "Be yourself; everyone else is already taken."),
          ("Lao Tzu", "A journey of a thousand miles begins with a single step."),
          ("Marie Curie", "Nothing in life is to be feared, it is only to be understood.")]


@pytest.mark.parametrize("mark", [":", " —"])
def test_a_list_of_quotations_each_name_said_once_is_no_conversation(mark: str) -> None:
    # "Albert Einstein: Imagination…" / "Maya Angelou: …": each quoted person was a speaker taking turns.
    episode = formats.parse("".join(f"{who}{mark} {words}\n" for who, words in QUOTES), Episode(id="q"), "quotes.txt")
    assert [(s.speaker, s.text) for s in episode.segments] == [(None, f"{who}{mark} {words}") for who, words in QUOTES]
    # Names that come back are a conversation's voices.
    talk = formats.parse(f"Marie Dupont{mark} Welcome, Paul.\nPaul Martin{mark} Thanks for having me.\n"
                         f"Marie Dupont{mark} Tell us about the book.\nPaul Martin{mark} It took ten years.\n",
                         Episode(id="t"), "talk.txt")  # fmt: skip
    assert [s.speaker for s in talk.segments] == ["Marie Dupont", "Paul Martin", "Marie Dupont", "Paul Martin"]
    # A short talk whose voices each speak once under timed headings is no list of quotations.
    short = formats.parse("## [00:00:00] Introduction\n\n[00:00:00] Welcome back to my channel. [00:00:05]\n\n"
                          "## [00:00:15] Main Topic\n\n[00:00:15] **Alice:** The first thing to know. [00:00:21]\n\n"
                          "[00:00:21] **Bob:** Right, and that matters. [00:00:26]\n", Episode(id="s"), "talk.md")
    assert [(s.speaker, s.text) for s in short.segments][-2:] == [
        ("Alice", "The first thing to know."), ("Bob", "Right, and that matters.")]
    # Nor a panel's short excerpt whose four voices each speak once.
    panel = formats.parse("Jane Doe: Welcome everyone to our panel on city transport today.\n"
                          "Mark Lee: Thanks Jane, glad to be here with you all.\n"
                          "Ana Ruiz: Happy to join, the buses are my favourite topic.\n"
                          "Tom Hart: And I will talk about bikes, of course.\n", Episode(id="p"), "panel.txt")
    assert [s.speaker for s in panel.segments] == ["Jane Doe", "Mark Lee", "Ana Ruiz", "Tom Hart"]


def test_a_sound_in_angle_brackets_alone_on_its_line_is_a_direction() -> None:
    # "<Applause>" alone on its line is the transcriber's sound, kept as "[Music]" is; "<hr>" is markup.
    text = "Jane: Welcome.\n\n<Applause>\n\nJane: Thank you.\n\n<hr>\n\nBob: Glad to be here.\n\n<clears throat>\n\nBob: Bye now.\n"
    episode = formats.parse(text, Episode(id="x"), "talk.txt")
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Jane", "Welcome.", []), (None, "", ["<Applause>"]), ("Jane", "Thank you.", []),
        ("Bob", "Glad to be here.", []), (None, "", ["<clears throat>"]), ("Bob", "Bye now.", [])]  # fmt: skip
    untimed = formats.parse("Welcome to the show.\n<Music>\nToday we talk.\n[Music]\nThat is all.\n", Episode(id="y"), "y.txt")
    assert [s.directions for s in untimed.segments if not s.text] == [["<Music>"], ["[Music]"]]

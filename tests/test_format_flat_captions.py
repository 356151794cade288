"""Flat captions: seed 003, quotes around dashes, naming, and never raising."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import PODCAST_NAMESPACE, seed
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import flat_captions
from podsift.model import Episode


def parse(text: str) -> Episode:
    episode = Episode(id="test")
    flat_captions.parse(text, episode)
    episode.finish()
    return episode


def turns(episode: Episode) -> list:
    return [s for s in episode.segments if s.text]


needs_all_formats = pytest.mark.skipif(
    not all(
        importlib.util.find_spec(f"podsift.formats.{name}") is not None
        for name in formats.FORMAT_MODULES
    ),
    reason="detect() needs every format module to exist",
)


@pytest.fixture(scope="module")
def seed003() -> str:
    return seed("003").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def episode003(seed003: str) -> Episode:
    return parse(seed003)


# --- seed 003 ---------------------------------------------------------------


def test_seed003_turn_count(episode003: Episode) -> None:
    assert 126 <= len(turns(episode003)) <= 132


def test_seed003_alternates_between_two_speakers(episode003: Episode) -> None:
    spoken = turns(episode003)
    assert len({s.speaker for s in spoken}) == 2
    assert all(a.speaker != b.speaker for a, b in zip(spoken, spoken[1:]))


def test_seed003_has_no_times(episode003: Episode) -> None:
    assert all(s.start is None and s.end is None for s in episode003.segments)
    assert episode003.duration is None


def test_seed003_music_is_a_direction_not_speech(episode003: Episode) -> None:
    first, last = episode003.segments[0], episode003.segments[-1]
    for seg in (first, last):
        assert seg.text == ""
        assert seg.directions == ["(pulsing music)"]
        assert seg.speaker is None
    assert not any("pulsing music" in s.text for s in episode003.segments)
    assert episode003.segments[-2].text == "Thanks everybody, thanks for having me."


def test_seed003_speakers_named_from_the_talk(episode003: Episode) -> None:
    assert episode003.speakers == ["Dodge McIntosh", "Robert Manriquez"]
    spoken = turns(episode003)
    assert spoken[0].speaker == "Dodge McIntosh"
    assert spoken[0].text.startswith("All right, welcome on in everybody")
    assert spoken[1].speaker == "Robert Manriquez"
    assert spoken[1].text.startswith("Hey everybody, thank you for the great introduction Dodge.")
    named = {r.detail.split(" named ")[0]: r.detail for r in episode003.repairs if r.kind == "speaker_named"}
    assert set(named) == {"Speaker 1", "Speaker 2"}
    assert "My name is Dodge McIntosh" in named["Speaker 1"]
    assert 'thanks "Dodge"' in named["Speaker 1"]
    assert "welcome to Robert" in named["Speaker 2"]
    assert "I'm Robert Manriquez" in named["Speaker 2"]


def test_seed003_cutoffs_stay_with_their_turn(episode003: Episode) -> None:
    texts = [s.text for s in turns(episode003)]
    i = texts.index("Right, because--")
    assert texts[i + 1].startswith("And that's a little bit more where the science")
    # "p-value" and "day-to-day" are words, not speaker changes.
    assert any("p-value hacking" in t for t in texts)
    assert any("day-to-day" in t for t in texts)


def test_seed003_broken_caption_quotes_do_not_swallow_turns(episode003: Episode) -> None:
    texts = [s.text for s in turns(episode003)]
    question = next(t for t in texts if "Vincent says" in t)
    assert question.endswith("master's or PhD?\"")
    answer = texts[texts.index(question) + 1]
    assert answer.startswith("You're not gonna like this answer")


def test_seed003_sniffed_and_detected(seed003: str) -> None:
    assert flat_captions.sniff(seed003) >= 0.75


@needs_all_formats
def test_seed003_detected(seed003: str) -> None:
    assert formats.detect(seed003, "003.txt").NAME == "flat_captions"
    assert formats.detect(seed003).NAME == "flat_captions"


# --- quotes and dashes --------------------------------------------------------


def test_dash_inside_a_quote_does_not_split() -> None:
    episode = parse('He said "use the tool - it works" and left. - Yes, I agree.')
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker 1", 'He said "use the tool - it works" and left.'),
        ("Speaker 2", "Yes, I agree."),
    ]
    assert "dash_in_quote" in [r.kind for r in episode.repairs]


def test_quote_protects_even_a_capitalised_continuation() -> None:
    episode = parse('He said "use the tool - It works" and left. - Yes, I agree. - Good.')
    assert [s.text for s in episode.segments] == [
        'He said "use the tool - It works" and left.', "Yes, I agree.", "Good.",
    ]


def test_unclosed_caption_quote_does_not_protect_later_dashes() -> None:
    text = 'So he asks, "How do I start "and what should I learn? - Start small. - Thanks.'
    assert [s.text for s in parse(text).segments] == [
        'So he asks, "How do I start "and what should I learn?', "Start small.", "Thanks.",
    ]


def test_spoken_double_dash_is_not_a_turn() -> None:
    text = "We tried Spark -- well, sort of -- and it was fine. - Nice. - Yeah, so-- - Go on."
    assert [s.text for s in parse(text).segments] == [
        "We tried Spark -- well, sort of -- and it was fine.", "Nice.", "Yeah, so--", "Go on.",
    ]


def test_lowercase_after_dash_is_a_spoken_dash_when_turns_are_capitalised() -> None:
    # Two lowercase continuations against eight capitalised turns.
    text = (
        "I use one tool - the warehouse - for everything. - Really? - Yes. - Wow. - Why?"
        " - Cost. - Sure. - Fine. - Okay."
    )
    assert [s.text for s in parse(text).segments] == [
        "I use one tool - the warehouse - for everything.", "Really?", "Yes.", "Wow.", "Why?", "Cost.",
        "Sure.", "Fine.", "Okay.",
    ]


def test_all_lowercase_captions_still_split() -> None:
    text = "- so what do you do - i build pipelines - cool - yeah"
    assert [s.text for s in parse(text).segments] == [
        "so what do you do", "i build pipelines", "cool", "yeah",
    ]


# --- naming -----------------------------------------------------------------


def test_no_evidence_keeps_numbered_speakers() -> None:
    episode = parse("Hello and welcome everybody. - Hi, glad to be here. - Great, let's start.")
    assert [s.speaker for s in episode.segments] == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert "speaker_named" not in [r.kind for r in episode.repairs]


def test_one_weak_clue_is_not_enough() -> None:
    # "I'm Canadian" alone could name anyone anything.
    episode = parse("Where are you from? - I'm Canadian, actually. - Oh nice.")
    assert episode.speakers == ["Speaker 1", "Speaker 2"]


def test_my_name_is_names_a_speaker_alone() -> None:
    episode = parse("Hi, my name is Ana Ruiz and this is the show. - Hello! - Let's begin.")
    assert episode.speakers == ["Ana Ruiz", "Speaker 2"]


def test_conflicting_clues_name_no_one() -> None:
    text = "My name is Ana. - Thanks, Maria. - Sure."
    episode = parse(text)
    assert episode.speakers[0] == "Speaker 1"


# --- detection boundaries -----------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_other_seeds_not_claimed(prefix: str) -> None:
    assert flat_captions.sniff(seed(prefix).read_text(encoding="utf-8")) < 0.5


@pytest.mark.parametrize("name", ["example.srt", "example.vtt", "example.json", "example.html"])
def test_timed_formats_not_claimed(name: str) -> None:
    assert flat_captions.sniff((PODCAST_NAMESPACE / name).read_text(encoding="utf-8")) == 0.0


def test_short_or_dashless_text_not_claimed() -> None:
    assert flat_captions.sniff("Hello - there - you - all.") == 0.0
    assert flat_captions.sniff("word " * 1000) == 0.0


# A radio address in Hindi kept as one indented line (jerinphilip/mann-ki-baat's shape, our own words):
# its sentences end with a pipe typed for the danda, and its dashes fall inside sentences. With no
# capitals to tell, each dash was a change of speaker: two speakers alternated through one man's talk.
RADIO_ADDRESS = "    रेडियो पर बात, मार्च    \n\n    " + " ".join(
    f"मेरे प्यारे साथियो, आज हम खेती की बात करेंगे | गाँव {n} के किसानों ने एक नया तरीका अपनाया है - "
    f"वे पानी की हर बूँद बचाते हैं | यह मेहनत का फल है | बच्चे भी स्कूल में यही सीखते हैं - "
    f"पेड़ लगाओ और धरती बचाओ | हम सब मिलकर आगे बढ़ेंगे |" for n in range(12)
) + "\n"


def test_dashes_inside_a_speechs_sentences_invent_no_speakers() -> None:
    assert len(RADIO_ADDRESS) > 2000 and RADIO_ADDRESS.count(" - ") == 24
    episode = formats.parse(RADIO_ADDRESS, Episode(id="hi-1"), "hi-1.txt")
    assert not episode.speakers
    words = " ".join(s.text for s in episode.segments)
    assert "नया तरीका अपनाया है - वे पानी" in words  # the dash stays inside its sentence


@pytest.mark.parametrize("text", ["", " - ", "-", " - - - ", "(music)", "hello", "\x00\x01 - \x02"])
def test_degenerate_input(text: str) -> None:
    assert 0.0 <= flat_captions.sniff(text) <= 1.0
    parse(text)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    assert 0.0 <= flat_captions.sniff(text) <= 1.0
    episode = parse(text)
    assert all(s.start is None for s in episode.segments)


caption_bits = st.lists(
    st.sampled_from([" - ", "--", '"', "(laughs)", "(pulsing music)", "My name is Ana", "Thanks, Bo.",
                     "I'm Bo Li", "welcome to Bo", "word", "Word", "?", " ", "\n", "—", "“", "”"]),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(caption_bits)
def test_caption_shaped_text_never_raises(bits: list[str]) -> None:
    episode = parse("".join(bits))
    spoken = turns(episode)
    assert all(a.speaker != b.speaker for a, b in zip(spoken, spoken[1:]))


def test_directions_inside_the_talk_stay_with_their_turn() -> None:
    episode = parse("(music) Hello there. - (laughs) Hi! That's funny. (laughs) - (applause) - Bye. (music)")
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        (None, "", ["(music)"]),
        ("Speaker 1", "Hello there.", []),
        ("Speaker 2", "Hi! That's funny.", ["(laughs)", "(laughs)"]),
        (None, "", ["(applause)"]),
        ("Speaker 1", "Bye.", []),
        (None, "", ["(music)"]),
    ]


def test_a_sound_after_a_dash_opens_a_turn_whatever_case_follows_it() -> None:
    # "- (laughs) okay": where turns start with capitals, the lower-case word past the sound read
    # as a dash said mid-sentence, and the laugh's turn stayed in the one before, dash and all.
    episode = parse("Hello there. - Hi! - Good to see you. - Same here. - (laughs) okay, so. - You first. "
                    "- No, you. - Bye now.")  # fmt: skip
    assert [(s.text, s.directions) for s in turns(episode)] == [
        ("Hello there.", []), ("Hi!", []), ("Good to see you.", []), ("Same here.", []),
        ("okay, so.", ["(laughs)"]), ("You first.", []), ("No, you.", []), ("Bye now.", []),
    ]  # fmt: skip
    assert "dash_in_sentence" not in [r.kind for r in episode.repairs]

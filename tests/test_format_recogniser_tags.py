"""A speech recogniser's raw output with its marks left in: SenseVoice's tags before each stretch it heard."""

from __future__ import annotations

import time

from conftest import read, timeline

# SenseVoice (FunASR) as a script saved it, one line for a whole recording (austery/thought-foundry-content
# keeps such dumps; its shape, our words): language, emotion, event and text-normalisation tags before
# each stretch. Read as text, the tags were words and the recording one paragraph.
_RAW = ("<|en|><|NEUTRAL|><|Speech|><|withitn|>Welcome back to the show. "
        "<|en|><|HAPPY|><|BGM|><|withitn|>Today we talk about tea, and kettles. "
        "<|en|><|EMO_UNKNOWN|><|Speech|><|woitn|>so where do we start")


def test_each_run_of_tags_opens_a_segment_and_the_tags_are_no_words() -> None:
    episode = read("talk.txt", _RAW)
    assert [s.text for s in episode.segments] == [
        "Welcome back to the show.", "Today we talk about tea, and kettles.", "so where do we start",
    ]
    assert episode.segments[1].directions == ["(music)"]  # BGM: music under the words
    assert any(r.kind == "recogniser_tags" for r in episode.repairs)


def test_tags_spaced_or_marked_by_other_tools_are_read_alike() -> None:
    # The collected dump had been through a tool that spaced the tags ("< | S pe ech | >").
    spaced = _RAW.replace("<|", "< | ").replace("|>", " | >").replace("Speech", "S pe ech").replace("HAPPY", "?Happy")
    assert [s.text for s in read("talk.txt", spaced).segments] == [s.text for s in read("talk.txt", _RAW).segments]


def test_a_stray_mark_and_whispers_times_are_left_alone() -> None:
    once = "Ana: We write <|en|> in our templates.\n\nBo: And <|fr|> too, then.\n"
    assert [s.text for s in read("notes.txt", once).segments] == ["We write <|en|> in our templates.",
                                                                   "And <|fr|> too, then."]
    timed = "<|0.00|> Hello there. <|1.20|> <|1.20|> How are you? <|2.50|> <|2.50|> Fine. <|3.00|>"
    assert not any(r.kind == "recogniser_tags" for r in read("w.txt", timed).repairs)


def test_a_json_result_holding_tags_is_still_json() -> None:
    text = '{"segments": [{"startTime": 0, "endTime": 2, "body": "<|en|><|NEUTRAL|><|Speech|>Hi there."}, ' \
           '{"startTime": 2, "endTime": 4, "body": "<|en|><|HAPPY|><|Speech|>Hello."}, ' \
           '{"startTime": 4, "endTime": 6, "body": "<|en|><|SAD|><|Speech|>Bye."}]}'
    episode = read("r.json", text)
    assert episode.source_format == "podcast_json" and len(episode.segments) >= 1


def test_a_hostile_run_of_tags_is_read_in_linear_time() -> None:
    # CPU time, not wall time: these bounds catch quadratic parsing, and a loaded machine slows the wall clock.
    started = time.process_time()
    episode = read("h.txt", "<|en|><|NEUTRAL|>word " * 20_000 + "<|" + "a" * 50_000)
    assert time.process_time() - started < 10
    assert timeline(episode)[0][3] == "word"

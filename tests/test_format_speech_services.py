"""Speech-to-text services' JSON, read by the JSON reader.

The real excerpts are in tests/data/real (sources in SOURCES.md); shapes without a
permissively licensed file are faithful samples written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift.formats import detect, parse, podcast_json
from podsift.model import Episode, SourceRejected

REAL = Path(__file__).parent / "data" / "real"


def read(text: str, filename: str = "out.json") -> Episode:
    return parse(text, Episode(id="test"), filename)


def real(name: str) -> Episode:
    return read((REAL / name).read_text(encoding="utf-8"), name)


def rows(episode: Episode) -> list[tuple[float | None, float | None, str | None, str]]:
    return [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


def test_deepgram_utterances_are_the_turns_with_the_services_speakers() -> None:
    episode = real("deepgram-captions-speakers.json")
    assert episode.source_format == "podcast_json"
    assert rows(episode) == [
        (3.04, 7.585, "Speaker 0", "And, Jessica, Christina, we are so proud of you."),
        (8.625, 14.725, "Speaker 0", "You're gonna do great today. We'll be waiting for you here in a couple hours "
                                     "when you get home. I'm gonna hand you over to Stephanie now."),
        (15.74, 17.28, "Speaker 0", "Have a great, great EVA."),
        (17.66, 24.495, "Speaker 1", "Drew, thank you so much. It's been our pleasure working with you this morning. "
                                     "And I'm working on getting that EV hatch open, And I can"),
    ]
    assert kinds(episode) == ["speech_service", "diarizer_ids"]
    assert "results" not in episode.extra  # the timeline is stored once, as segments
    assert episode.duration == pytest.approx(169.802)  # the audio's length, as the service states it


def test_deepgram_without_utterances_reads_paragraph_sentences_then_words() -> None:
    data = json.loads((REAL / "deepgram-captions-speakers.json").read_text(encoding="utf-8"))
    del data["results"]["utterances"]
    by_sentence = read(json.dumps(data))
    assert rows(by_sentence)[:2] == [
        (3.04, 7.585, "Speaker 0", "And, Jessica, Christina, we are so proud of you."),
        (8.625, 9.745, "Speaker 0", "You're gonna do great today."),
    ]
    assert rows(by_sentence)[-1] == (21.02, 24.495, "Speaker 1",
                                     "And I'm working on getting that EV hatch open, And I can")
    del data["results"]["channels"][0]["alternatives"][0]["paragraphs"]
    by_word = read(json.dumps(data))  # punctuated words, joined into each speaker's turn
    assert [(s.start, s.speaker) for s in by_word.segments] == [(3.04, "Speaker 0"), (17.66, "Speaker 1")]
    assert by_word.segments[0].text.startswith("And, Jessica, Christina, we are so proud of you. You're gonna")


def test_deepgram_channels_without_diarization_are_the_voices_in_time_order() -> None:
    def word(w: str, start: float) -> dict[str, Any]:
        return {"word": w.lower().strip(".?"), "start": start, "end": start + 0.3, "confidence": 0.99,
                "punctuated_word": w}
    channel = [["Thanks", "for", "calling."], ["Hi,", "I", "need", "help."]]
    data = {"metadata": {"channels": 2}, "results": {"channels": [
        {"alternatives": [{"transcript": "Thanks for calling.", "words": [word(w, 0.5 + i * 0.4) for i, w in enumerate(channel[0])]}]},
        {"alternatives": [{"transcript": "Hi, I need help.", "words": [word(w, 3.0 + i * 0.4) for i, w in enumerate(channel[1])]}]},
    ]}}
    assert [(s.start, s.speaker, s.text) for s in read(json.dumps(data)).segments] == [
        (0.5, "Channel 1", "Thanks for calling."), (3.0, "Channel 2", "Hi, I need help.")]


def test_aws_transcribe_items_keep_their_times_and_punctuation_joins_the_word() -> None:
    episode = real("aws-transcribe-edgarroman.json")
    assert rows(episode) == [(1.15, 11.44, None, "And yet I can relate to them on a soul to soul level, around "
                                                 "the fierce and fragile feelings that accompany becoming apparent.")]
    # times written as text are the service's format, not a fault to report
    assert kinds(episode) == ["speech_service"]
    assert set(episode.extra) == {"jobName", "accountId", "status"}


@pytest.mark.parametrize("labels_on_items", [False, True])
def test_aws_transcribe_speaker_labels_name_the_turns(labels_on_items: bool) -> None:
    # The shape of a two-speaker job in Spanish (a faithful sample: the real one's licence is not one we take).
    words = [("0.94", "1.51", "Hola", "spk_0"), (".",), ("1.52", "1.75", "Qué", "spk_0"), ("1.75", "1.98", "tal", "spk_0"),
             ("1.98", "2.85", "estás", "spk_0"), ("?",), ("3.94", "4.29", "Me", "spk_1"), ("4.29", "4.71", "gusta", "spk_1"),
             ("4.71", "4.86", "la", "spk_1"), ("4.86", "5.45", "miel", "spk_1"), (".",)]
    items: list[dict[str, Any]] = []
    for w in words:
        if len(w) == 1:
            items.append({"alternatives": [{"confidence": "0.0", "content": w[0]}], "type": "punctuation"})
        else:
            item = {"start_time": w[0], "end_time": w[1], "alternatives": [{"confidence": "0.98", "content": w[2]}],
                    "type": "pronunciation"}
            items.append({**item, "speaker_label": w[3]} if labels_on_items else item)
    segments = [{"start_time": "0.94", "speaker_label": "spk_0", "end_time": "2.85",
                 "items": [{"start_time": w[0], "speaker_label": w[3], "end_time": w[1]} for w in words[:6] if len(w) > 1]},
                {"start_time": "3.94", "speaker_label": "spk_1", "end_time": "5.45",
                 "items": [{"start_time": w[0], "speaker_label": w[3], "end_time": w[1]} for w in words[6:] if len(w) > 1]}]
    results: dict[str, Any] = {"transcripts": [{"transcript": "Hola. Qué tal estás? Me gusta la miel."}], "items": items}
    if not labels_on_items:
        results["speaker_labels"] = {"speakers": 2, "segments": segments}
    episode = read(json.dumps({"jobName": "Miel", "accountId": "1", "results": results, "status": "COMPLETED"}))
    assert rows(episode) == [(0.94, 2.85, "Speaker 0", "Hola. Qué tal estás?"), (3.94, 5.45, "Speaker 1", "Me gusta la miel.")]


def test_aws_transcribe_channel_identification_keeps_each_word_on_its_channel() -> None:
    # A stereo call with channel identification (ShotaroMatsuya/transcribe-cli's asrOutput.json, its shape,
    # our words): every item names its channel, all of ch_0's items come before ch_1's, and both sides
    # have words starting at 0.0. Channel 1's words went to channel 2 where their times met, and the
    # second side's whole turn came after the first's.
    def item(channel: str, start: float, word: str) -> dict[str, Any]:
        return {"channel_label": channel, "start_time": f"{start}", "end_time": f"{start + 0.4:.2f}",
                "alternatives": [{"confidence": "0.99", "content": word}], "type": "pronunciation"}

    def stop(channel: str) -> dict[str, Any]:
        return {"channel_label": channel, "alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation"}

    first = [item("ch_0", 0.0, "Thanks"), item("ch_0", 0.5, "for"), item("ch_0", 1.0, "calling"), stop("ch_0"),
             item("ch_0", 6.0, "Sure"), stop("ch_0")]
    second = [item("ch_1", 0.0, "Hello"), stop("ch_1"), item("ch_1", 3.0, "I"), item("ch_1", 3.5, "need"),
              item("ch_1", 4.0, "help"), stop("ch_1")]
    labels = {"channels": [{"channel_label": c, "items": [i for i in first + second if i["channel_label"] == c]}
                           for c in ("ch_0", "ch_1")], "number_of_channels": 2}
    results = {"transcripts": [{"transcript": "Thanks for calling. Sure. Hello. I need help."}],
               "channel_labels": labels, "items": first + second}
    episode = read(json.dumps({"jobName": "call", "results": results, "status": "COMPLETED"}))
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Channel 1", "Thanks for calling."), (0.0, "Channel 2", "Hello."),
        (3.0, "Channel 2", "I need help."), (6.0, "Channel 1", "Sure.")]  # fmt: skip


def test_revai_elements_become_words_and_punctuation_of_the_monologue() -> None:
    episode = real("revai-sdk-transcript.json")
    assert rows(episode) == [
        (0.3, 3.56, "Speaker 0", "Hi, my name's Jack resinger. And I'm gonna be talking about how to recruit"),
        (44.01, 47.06, "Speaker 0", "Many of the things we're gonna be talking about are applicable to both finding a"),
    ]


def test_revai_named_speakers_and_sounds() -> None:
    def text(value: str, ts: float) -> dict[str, Any]:
        return {"type": "text", "value": value, "ts": ts, "end_ts": ts + 0.3, "confidence": 0.9}

    space = {"type": "punct", "value": " "}
    data = {"monologues": [
        {"speaker": 0, "speaker_info": {"id": "a1", "display_name": "Ana Ruiz"},
         "elements": [text("Welcome", 0.5), space, text("back", 0.9), {"type": "punct", "value": "."}]},
        {"speaker": 1, "speaker_info": {"id": "b2", "display_name": "Ben Okafor"},
         "elements": [{"type": "unknown", "value": "<laugh>", "ts": 1.6, "end_ts": 2.0}, space,
                      text("Thanks", 2.1), {"type": "punct", "value": "!"}]},
    ]}
    episode = read(json.dumps(data))
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (0.5, "Ana Ruiz", "Welcome back.", []), (1.6, "Ben Okafor", "Thanks!", ["[laugh]"])]


def test_speechmatics_words_with_speakers_and_sentence_ends() -> None:
    episode = real("speechmatics-two-speakers.json")
    assert rows(episode) == [(0.03, 2.04, "Speaker 1", "That's amazing."), (3.0, 3.2, "Speaker 2", "I know")]
    assert "results" not in episode.extra


def test_speechmatics_unknown_speaker_is_no_one() -> None:
    def result(kind: str, content: str, start: float, speaker: str = "UU") -> dict[str, Any]:
        return {"type": kind, "start_time": start, "end_time": start + 0.2,
                "alternatives": [{"content": content, "confidence": 1.0, "language": "en", "speaker": speaker}]}
    data = {"format": "2.9", "results": [result("word", "Now", 0.1), result("punctuation", ",", 0.3),
                                         result("word", "immediately", 0.4), result("entity", "first", 0.9),
                                         result("punctuation", ".", 1.1)]}
    assert rows(read(json.dumps(data))) == [(0.1, 1.1, None, "Now, immediately first.")]


def test_speechmatics_chapters_start_at_their_own_times() -> None:
    # Speechmatics' auto-chapters beside the words (speechmatics/speechmatics-academy's fixture; the
    # words written here), a chapter past the last word as a cut-short transcript has it. Their
    # "start_time" was not read: every chapter untimed, all after the last segment.
    def word(content: str, start: float, kind: str = "word") -> dict[str, Any]:
        return {"type": kind, "start_time": start, "end_time": start + 0.3,
                "alternatives": [{"content": content, "confidence": 1.0, "language": "en", "speaker": "S1"}]}
    data = {"format": "2.9", "job": {"duration": 70, "data_name": "talk.wav"},
            "results": [word("Boil", 0.1), word("water", 0.4), word(".", 0.7, "punctuation"),
                        word("Rockets", 5.0), word("climb", 5.3), word(".", 5.6, "punctuation")],
            "chapters": [{"title": "Cooking", "summary": "How to boil water.", "start_time": 0.0, "end_time": 4.9},
                         {"title": "Rockets", "summary": "How rockets climb.", "start_time": 4.9, "end_time": 30.0},
                         {"title": "Questions", "summary": "Taken from the floor.", "start_time": 30.0,
                          "end_time": 70.0}]}  # fmt: skip
    episode = read(json.dumps(data))
    assert rows(episode) == [(0.1, 0.7, "Speaker 1", "Boil water."), (5.0, 5.6, "Speaker 1", "Rockets climb.")]
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [
        ("Cooking", 0.0, 0), ("Rockets", 4.9, 1), ("Questions", 30.0, 2)]


def test_azure_batch_phrases_best_display_speakers_and_ticks() -> None:
    # The shape of a diarized batch result (a faithful sample: the documentation's example has one phrase).
    def phrase(offset: float, duration: float, speaker: int, display: str, status: str = "Success") -> dict[str, Any]:
        return {"recognitionStatus": status, "channel": 0, "speaker": speaker, "offset": f"PT{offset}S",
                "duration": f"PT{duration}S", "offsetInTicks": offset * 1e7, "durationInTicks": duration * 1e7,
                "nBest": [{"confidence": 0.9, "lexical": display.lower().strip("."), "itn": display.lower(),
                           "maskedITN": display.lower(), "display": display},
                          {"confidence": 0.2, "lexical": "hello worm", "display": "hello worm"}]}
    data = {"source": "https://example.com/call.wav", "timestamp": "2025-05-24T13:37:05Z",
            "durationInTicks": 98000000, "duration": "PT9.8S",
            "combinedRecognizedPhrases": [{"channel": 0, "lexical": "hello world", "display": "Hello world. Hi there."}],
            "recognizedPhrases": [phrase(4.5, 1.3, 2, "Hi there."), phrase(0.76, 1.32, 1, "Hello world."),
                                  phrase(7.0, 1.0, 1, "", status="NoMatch")]}
    episode = read(json.dumps(data))
    assert rows(episode) == [(0.76, 2.08, "Speaker 1", "Hello world."), (4.5, 5.8, "Speaker 2", "Hi there.")]
    assert "times_in_ticks" in kinds(episode)
    assert "combinedRecognizedPhrases" not in episode.extra  # the whole text again, not kept twice


def test_azure_batch_offsets_as_iso_durations_only() -> None:
    data = {"recognizedPhrases": [{"recognitionStatus": "Success", "channel": 0, "offset": "PT1M2.5S",
                                   "duration": "PT2S", "nBest": [{"display": "One minute in."}]}]}
    assert rows(read(json.dumps(data))) == [(62.5, 64.5, None, "One minute in.")]


def test_youtube_json3_captions_join_into_sentences() -> None:
    episode = real("youtube-json3-y2bcaptions.json")
    assert rows(episode)[:4] == [
        (0.21, 4.04, None, "Hi, I'm Vanessa from SpeakEnglishWithVanessa.com."),
        (4.04, 9.13, None, "Today, I have some good news and some bad news."),  # a line break inside is a space
        (9.13, 10.809, None, "Let's start with the bad news."),
        (10.809, 20.89, None, "The bad news is that you probably spent a lot of time in boring, middle school "
                              "and high school English classes."),
    ]
    assert kinds(episode) == ["speech_service", "times_in_milliseconds", "joined_fragments"]
    assert episode.extra["wireMagic"] == "pb3" and "events" not in episode.extra


def test_youtube_json3_auto_captions_keep_each_word_once() -> None:
    path = REAL / "youtube-json3-auto-y2bcaptions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    said = [seg["utf8"].strip() for event in data["events"] for seg in event.get("segs", []) if seg["utf8"].strip()]
    episode = real(path.name)
    assert " ".join(s.text for s in episode.segments).split() == said
    assert rows(episode)[0][:2] == (0.0, 27.48)  # 30 s at most, with no sentence ends to cut at
    assert all(s.end is not None and s.start is not None and s.end > s.start for s in episode.segments)


def _gladia_utterance(text: str, start: float, end: float, speaker: int) -> dict[str, Any]:
    words = text.split()
    step = (end - start) / len(words)
    return {"text": text, "language": "en", "start": start, "end": end, "confidence": 0.92, "channel": 0,
            "speaker": speaker, "words": [{"word": f" {w}", "start": start + i * step, "end": start + (i + 1) * step,
                                           "confidence": 0.9} for i, w in enumerate(words)]}


@pytest.mark.parametrize("nested", [True, False])
def test_gladia_utterances_with_speakers_and_the_audio_length(nested: bool) -> None:
    # The shape of Gladia's v2 result (a faithful sample), and the "transcription" object alone.
    transcription = {"full_transcript": "Alright team, let's kick off. Great, I have the board open.",
                     "languages": ["en"],
                     "utterances": [_gladia_utterance("Alright team, let's kick off.", 0.5, 2.1, 0),
                                    _gladia_utterance("Great, I have the board open.", 2.6, 4.4, 1)]}
    metadata = {"audio_duration": 312.4, "number_of_distinct_channels": 1, "billing_time": 312.4}
    data: dict[str, Any] = ({"id": "4c50f1e8", "status": "done", "result": {"metadata": metadata, "transcription": transcription}}
                            if nested else {"metadata": metadata, "transcription": transcription})
    episode = read(json.dumps(data))
    assert rows(episode) == [(0.5, 2.1, "Speaker 0", "Alright team, let's kick off."),
                             (2.6, 4.4, "Speaker 1", "Great, I have the board open.")]
    assert episode.duration == 312.4
    assert "result" not in episode.extra and "transcription" not in episode.extra


def test_odd_channel_values_name_no_voice() -> None:
    # channel numbers decide whether channels are voices; anything else is no channel, not a fault
    azure = {"recognizedPhrases": [{"recognitionStatus": "Success", "channel": {"id": 0}, "offsetInTicks": 1e7,
                                    "durationInTicks": 1e7, "nBest": [{"display": "Hello over there."}]},
                                   {"recognitionStatus": "Success", "channel": 1, "offsetInTicks": 3e7,
                                    "durationInTicks": 1e7, "nBest": [{"display": "Hi, good to hear you."}]}]}
    assert [(s.start, s.speaker) for s in read(json.dumps(azure)).segments] == [(1.0, None), (3.0, None)]
    gladia = {"transcription": {"utterances": [{**_gladia_utterance("Hello there.", 0.5, 1.5, 0), "channel": [0]}]}}
    assert rows(read(json.dumps(gladia))) == [(0.5, 1.5, "Speaker 0", "Hello there.")]


def test_gladia_v1_predictions_without_diarization() -> None:
    data = {"prediction": [{"transcription": "Bonjour à tous.", "time_begin": 0.2, "time_end": 1.4, "language": "fr",
                            "speaker": "speaker_not_activated", "confidence": 0.9, "channel": "channel_0", "words": []},
                           {"transcription": "Bienvenue dans ce podcast.", "time_begin": 1.6, "time_end": 3.0,
                            "language": "fr", "speaker": "speaker_not_activated", "confidence": 0.9,
                            "channel": "channel_0", "words": []}],
            "metadata": {"audio_duration": 3.1}}
    assert rows(read(json.dumps(data))) == [(0.2, 1.4, None, "Bonjour à tous."), (1.6, 3.0, None, "Bienvenue dans ce podcast.")]


def _scribe(words: list[tuple[str, float, str, str]]) -> list[dict[str, Any]]:
    """ElevenLabs' words as it writes them: a spacing entry between words, audio events typed."""
    out: list[dict[str, Any]] = []
    for text, start, kind, speaker in words:
        if out and kind != "punctuation":
            out.append({"text": " ", "start": start - 0.05, "end": start, "type": "spacing", "speaker_id": speaker,
                        "logprob": 0.0})
        out.append({"text": text, "start": start, "end": start + 0.3, "type": kind, "speaker_id": speaker, "logprob": -0.1})
    return out


def test_elevenlabs_words_spacing_sounds_and_speakers() -> None:
    # The shape of a Scribe response with diarization (a faithful sample).
    words = _scribe([("Welcome", 0.1, "word", "speaker_0"), ("back.", 0.5, "word", "speaker_0"),
                     ("(laughs)", 1.6, "audio_event", "speaker_1"), ("Thanks,", 2.1, "word", "speaker_1"),
                     ("glad", 2.5, "word", "speaker_1"), ("to", 2.9, "word", "speaker_1"), ("be", 3.3, "word", "speaker_1"),
                     ("here", 3.7, "word", "speaker_1"), ("!", 4.0, "punctuation", "speaker_1")])
    data = {"language_code": "eng", "language_probability": 0.99, "text": "Welcome back. (laughs) Thanks, glad to be here!",
            "words": words, "audio_duration_secs": 4.5, "transcription_id": "tr_1"}
    episode = read(json.dumps(data))
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (0.1, "Speaker 0", "Welcome back.", []), (1.6, "Speaker 1", "Thanks, glad to be here!", ["(laughs)"])]
    assert "empty_segment" not in kinds(episode)  # the spacing entries are not reported as empty segments
    assert episode.duration == 4.5
    assert set(episode.extra) == {"language_code", "language_probability", "transcription_id", "audio_duration_secs"}


def test_elevenlabs_chinese_words_join_without_spaces_and_channels_are_voices() -> None:
    words = _scribe([("你好", 0.0, "word", "speaker_0"), ("嗎", 0.4, "word", "speaker_0")])
    chinese = read(json.dumps({"language_code": "zho", "text": "你好 嗎", "words": words}))
    assert [(s.speaker, s.text) for s in chinese.segments] == [("Speaker 0", "你好嗎")]
    left = {"channel_index": 0, "text": "你好 嗎", "words": [{**w, "speaker_id": None} for w in words]}
    right = {"channel_index": 1, "text": "很好", "words": [{**w, "speaker_id": None} for w in _scribe([("很好", 1.5, "word", "")])]}
    episode = read(json.dumps({"transcripts": [left, right]}))
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [(0.0, "Channel 1", "你好嗎"), (1.5, "Channel 2", "很好")]


@pytest.mark.parametrize("name", ["deepgram-captions-speakers.json",
                                  "aws-transcribe-edgarroman.json",
                                  "revai-sdk-transcript.json",
                                  "speechmatics-two-speakers.json",
                                  "youtube-json3-y2bcaptions.json"])
def test_service_json_is_claimed_as_a_json_transcript_whatever_its_name(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert podcast_json.sniff(text) >= 0.9  # sure, not the "valid JSON, maybe" of an unknown object
    assert detect(text, "download").NAME == "podcast_json"


@pytest.mark.parametrize("data", [{"results": {"channels": []}},
                                  {"results": {"items": []}},
                                  {"monologues": []},
                                  {"events": [{"id": 1}]}])
def test_empty_service_shapes_are_rejected_with_one_line(data: dict[str, Any]) -> None:
    with pytest.raises(SourceRejected, match="no 'segments' list"):
        read(json.dumps(data))


# A final result as Deepgram's live API sends it: deepgram/deepgram-python-sdk,
# tests/unit_test/test_unit_listen_websocket.py (INPUT1), d868d9c0fe62, MIT.
DEEPGRAM_LIVE_FINAL = (
    '{"channel": {"alternatives": [{"transcript": "Testing 123. Testing 123.", "confidence": 0.97866726, "words": '
    '[{"word": "testing", "start": 1.12, "end": 1.62, "confidence": 0.97866726, "punctuated_word": "Testing"}, '
    '{"word": "123", "start": 1.76, "end": 1.8399999, "confidence": 0.73616695, "punctuated_word": "123."}, '
    '{"word": "testing", "start": 1.8399999, "end": 2.34, "confidence": 0.99529773, "punctuated_word": "Testing"}, '
    '{"word": "123", "start": 2.8799999, "end": 3.3799999, "confidence": 0.9773819, "punctuated_word": "123."}]}]}, '
    '"metadata": {"model_info": {"name": "2-general-nova", "version": "2024-01-18.26916", "arch": "nova-3"}, '
    '"request_id": "0d2f1ddf-b9aa-40c9-a761-abcd8cf5734f", "model_uuid": "c0d1a568-ce81-4fea-97e7-bd45cb1fdf3c"}, '
    '"type": "Results", "channel_index": [0, 1], "duration": 3.69, "start": 0.0, "is_final": true, '
    '"from_finalize": false, "speech_final": true}'
)


def test_deepgram_live_results_saved_one_a_line_read_their_final_words() -> None:
    # A stream saved as it came: metadata, an interim result the final one revises, the final one.
    final = json.loads(DEEPGRAM_LIVE_FINAL)
    interim = json.loads(DEEPGRAM_LIVE_FINAL)
    interim["is_final"] = False
    interim["channel"]["alternatives"][0]["words"] = interim["channel"]["alternatives"][0]["words"][:2]
    lines = [{"type": "Metadata", "request_id": final["metadata"]["request_id"]}, interim, final,
             {"type": "UtteranceEnd", "channel": [0, 1], "last_word_end": 3.38}]  # fmt: skip
    episode = parse("".join(json.dumps(line) + "\n" for line in lines), Episode(id="live"), "live.jsonl")
    assert [s.text for s in episode.segments] == ["Testing 123. Testing 123."]
    assert episode.segments[0].start == 1.12
    assert "deepgram_stream" in [r.kind for r in episode.repairs]


def test_google_speech_results_keep_their_times_in_v1_and_v2() -> None:
    # Results without word times run from the result before to their own resultEndTime (v1) or
    # resultEndOffset (v2); v2 names word times startOffset / endOffset. Both were left untimed.
    v1 = {"results": [
        {"alternatives": [{"transcript": "Welcome back to the show.", "confidence": 0.92}],
         "resultEndTime": "1.300s", "languageCode": "en-us"},
        {"alternatives": [{"transcript": " Today, data contracts.", "confidence": 0.9}],
         "resultEndTime": "3s", "languageCode": "en-us"}]}  # fmt: skip
    v2 = {"results": [
        {"alternatives": [{"transcript": "Welcome back to the show.", "confidence": 0.92, "words": [
            {"startOffset": "0s", "endOffset": "0.400s", "word": "Welcome"},
            {"startOffset": "0.400s", "endOffset": "0.600s", "word": "back"},
            {"startOffset": "0.600s", "endOffset": "0.700s", "word": "to"},
            {"startOffset": "0.700s", "endOffset": "0.800s", "word": "the"},
            {"startOffset": "0.800s", "endOffset": "1.300s", "word": "show."}]}],
         "resultEndOffset": "1.300s", "languageCode": "en-us"},
        {"alternatives": [{"transcript": " Today, data contracts.", "confidence": 0.9}],
         "resultEndOffset": "3s", "languageCode": "en-us"}],
        "metadata": {"totalBilledDuration": "3s"}}  # fmt: skip
    assert rows(read(json.dumps(v1), "g.json")) == [
        (0.0, 1.3, None, "Welcome back to the show."), (1.3, 3.0, None, "Today, data contracts.")]  # fmt: skip
    # Each result is an utterance the recogniser ended at a pause: it stays a segment of its own.
    assert rows(read(json.dumps(v2), "g.json")) == [
        (0.0, 1.3, None, "Welcome back to the show."), (1.3, 3.0, None, "Today, data contracts.")]  # fmt: skip


def _google_word(word: str, start: float, end: float, tag: int) -> dict[str, Any]:
    def duration(seconds: float) -> dict[str, Any]:
        # how the Node and Go clients print a protobuf Duration; a field that is zero is left out
        whole, nanos = int(seconds), round((seconds - int(seconds)) * 1e9)
        return {**({"seconds": str(whole)} if whole else {}), **({"nanos": nanos} if nanos else {})}

    return {"startTime": duration(start), "endTime": duration(end), "word": word, "confidence": 0.91, "speakerTag": tag}


def test_google_diarized_results_take_their_speakers_from_the_last_result() -> None:
    # Diarization on, Google repeats every word of the file, each with its speakerTag, in a last
    # result of its own. Before, the words were read twice, every time ("{'seconds': '5', 'nanos':
    # 400000000}", as the Node client prints them) was unreadable, and there was no speaker.
    first = [("soldiers", 0.0, 0.8), ("Sailors", 0.9, 1.4), ("and", 1.4, 1.6), ("Airmen", 1.6, 2.2)]
    second = [("You", 5.0, 5.4), ("are", 5.4, 5.6), ("about", 5.6, 5.8), ("to.", 5.8, 6.0)]
    data = {"results": [
        {"alternatives": [{"words": [_google_word(*w, 0) for w in first],
                           "transcript": "soldiers Sailors and Airmen", "confidence": 0.86}],
         "channelTag": 0, "languageCode": "en-us"},
        {"alternatives": [{"words": [_google_word(*w, 0) for w in second],
                           "transcript": " You are about to.", "confidence": 0.86}],
         "channelTag": 0, "languageCode": "en-us"},
        {"alternatives": [{"words": [_google_word(*w, 1) for w in first] + [_google_word(*w, 2) for w in second],
                           "transcript": "", "confidence": 0}], "channelTag": 0, "languageCode": ""}]}  # fmt: skip
    episode = read(json.dumps(data), "gcp.json")
    assert rows(episode) == [(0.0, 2.2, "Speaker 1", "soldiers Sailors and Airmen"),
                             (5.0, 6.0, "Speaker 2", "You are about to.")]
    assert "speakers_from_copy" in kinds(episode) and "bad_timestamp" not in kinds(episode)


def test_google_speaker_changes_inside_a_result_and_channels() -> None:
    # A result whose words carry their speakers (v2's speakerLabel) is cut where the speaker changes;
    # a two-channel call's results (channelTag 1, 2) are the channels' voices, in time order.
    v2 = {"results": [{"alternatives": [{"transcript": "Hi there. Hello.", "words": [
        {"startOffset": "0s", "endOffset": "0.4s", "word": "Hi", "speakerLabel": "1"},
        {"startOffset": "0.4s", "endOffset": "0.8s", "word": "there.", "speakerLabel": "1"},
        {"startOffset": "1s", "endOffset": "1.5s", "word": "Hello.", "speakerLabel": "2"}]}],
        "resultEndOffset": "1.5s"}]}  # fmt: skip
    assert rows(read(json.dumps(v2), "g.json")) == [(0.0, 0.8, "Speaker 1", "Hi there."),
                                                   (1.0, 1.5, "Speaker 2", "Hello.")]
    call = {"results": [
        {"alternatives": [{"transcript": "Thanks for calling."}], "channelTag": 1, "resultEndTime": "2s"},
        {"alternatives": [{"transcript": "Hi, I need help.", "words": [
            {"startTime": "2.5s", "endTime": "3s", "word": "Hi,"}, {"startTime": "3s", "endTime": "4s", "word": "I"},
            {"startTime": "4s", "endTime": "4.5s", "word": "need"}, {"startTime": "4.5s", "endTime": "5s", "word": "help."}]}],
         "channelTag": 2, "resultEndTime": "5s"}]}  # fmt: skip
    assert [(s.start, s.speaker, s.text) for s in read(json.dumps(call), "g.json").segments] == [
        (0.0, "Channel 1", "Thanks for calling."), (2.5, "Channel 2", "Hi, I need help.")]


def test_azure_fast_transcription_phrases_in_milliseconds() -> None:
    # Azure's fast transcription API: "phrases" with offsetMilliseconds and durationMilliseconds,
    # a numbered speaker when diarization is on. It was refused as having no 'segments' list.
    data = {"durationMilliseconds": 3000, "combinedPhrases": [{"text": "Welcome back to the show. Thanks."}],
            "phrases": [{"offsetMilliseconds": 0, "durationMilliseconds": 1300, "text": "Welcome back to the show.",
                         "words": [{"text": "Welcome", "offsetMilliseconds": 0, "durationMilliseconds": 400}],
                         "locale": "en-US", "confidence": 0.93, "speaker": 1},
                        {"offsetMilliseconds": 1600, "durationMilliseconds": 1400, "text": "Thanks.", "words": [],
                         "locale": "en-US", "confidence": 0.9, "speaker": 2}]}  # fmt: skip
    episode = read(json.dumps(data), "az.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 1.3, "Speaker 1", "Welcome back to the show."), (1.6, 3.0, "Speaker 2", "Thanks.")]  # fmt: skip


def test_vosk_utterances_take_their_words_times() -> None:
    # Vosk's recognizer gives one {"result": [words], "text"} per utterance; scripts save one,
    # a list of them, or one a line. A single one was refused, the others were untimed.
    first = {"result": [{"conf": 1.0, "end": 0.4, "start": 0.0, "word": "welcome"},
                        {"conf": 1.0, "end": 1.3, "start": 0.4, "word": "back"}], "text": "welcome back"}
    second = {"result": [{"conf": 0.9, "end": 2.3, "start": 1.6, "word": "data"},
                         {"conf": 1.0, "end": 3.0, "start": 2.3, "word": "contracts"}], "text": "data contracts"}  # fmt: skip
    expected = [(0.0, 1.3, None, "welcome back"), (1.6, 3.0, None, "data contracts")]
    assert rows(read(json.dumps([first, second]))) == expected
    assert rows(read(f"{json.dumps(first)}\n{json.dumps(second)}\n", "out.jsonl")) == expected
    assert rows(read(json.dumps(first))) == expected[:1]


def test_aws_call_analytics_turns_are_the_agent_and_the_customer() -> None:
    # Call Analytics writes a "Transcript" list of turns, times in ms, each side by its role.
    # It was refused: "JSON object has no 'segments' list".
    episode = real("aws-call-analytics-example-call.json")
    assert len(episode.segments) == 37
    assert rows(episode)[:2] == [
        (0.04, 5.05, "Agent", "Thank you for calling Anchor Credit Union, the number one choice for captains "
                              "worldwide, how can I help you?"),
        # The agent's "Yeah. Mhm." at 7.94 s is said over it: the turn keeps its own end.
        (6.31, 10.45, "Customer", "Hi um Okay so I was at fisherman's terminal.")]  # fmt: skip
    assert {s.speaker for s in episode.segments} == {"Agent", "Customer"}
    assert episode.duration == 182.89  # ConversationCharacteristics.TotalConversationDurationMillis
    assert episode.extra["LanguageCode"] == "en-US"
    assert "Transcript" not in episode.extra  # the turns (and their words) are the segments, not kept twice


def test_bedrock_data_automation_audio_segments_with_diarizer_ids() -> None:
    # Bedrock Data Automation's audio output: "audio_segments" in ms with spk_N labels. It was refused.
    episode = real("aws-bedrock-audio-standard.json")
    assert len(episode.segments) == 49  # 51 segments; a turn cut across two by the same voice is joined
    assert rows(episode)[:3] == [
        (1.62, 5.84, "Speaker 1", "Hello. Sleepaway Camp Hotel. We're a cut above the competition. How can I help you?"),
        (7.77, 21.83, "Speaker 0", "Hi there. I had just, uh, checked out of the room there a couple of days ago and "
                                   "I've just been looking everywhere. I cannot find the credit card that we used to pay "
                                   "for the hotel. So I was wondering if we may have left it in the room."),
        (18.98, 19.71, "Speaker 1", "Oh,")]  # fmt: skip
    assert episode.duration == 273.16  # metadata.duration_millis
    assert "audio_items" not in episode.extra  # the words again
    assert "speech_service" in kinds(episode)


def test_bedrock_data_automation_channels_are_the_voices_only_when_there_are_two() -> None:
    # Without speaker labels, a stereo call's channels tell the sides apart; a single channel names no one.
    def segment(start: int, channel: str, text: str) -> dict[str, Any]:
        return {"start_timestamp_millis": start, "end_timestamp_millis": start + 900, "segment_index": 0,
                "type": "TRANSCRIPT", "text": text, "channel": {"channel_label": channel}}
    for labels, voices in ((("ch_0", "ch_1"), ["Channel 1", "Channel 2"]), (("ch_0", "ch_0"), [None, None])):
        data = {"audio_segments": [segment(0, labels[0], "Hello there."), segment(1000, labels[1], "Hi.")]}
        assert rows(read(json.dumps(data))) == [(0.0, 0.9, voices[0], "Hello there."), (1.0, 1.9, voices[1], "Hi.")]

def test_azure_fast_transcription_preview_duration_in_ms_and_channels_as_voices() -> None:
    # The 2024-05-15 preview writes "duration": 185079 (ms) with no unit in the key: it was read as
    # 51 hours. Its phrases name a channel, not a speaker: the two sides of the call were one voice.
    episode = real("azure-fast-preview-channels.json")
    assert episode.duration == 185.079
    assert rows(episode) == [(0.72, 1.2, "Channel 1", "Hello."),
                             (1.2, 2.32, "Channel 1", "Thank you for calling Contoso."),
                             (2.32, 3.44, "Channel 1", "Who am I speaking with today?"),
                             (4.48, 6.08, "Channel 2", "Hi, my name is Mary Rondo."),
                             (6.08, 8.0, "Channel 2", "I'm trying to enroll myself with Contuso.")]  # fmt: skip
    assert "combinedPhrases" not in episode.extra  # the whole text again


def test_azure_short_audio_result_is_one_segment_in_ticks() -> None:
    # The REST API for short audio answers with one result; it was refused.
    episode = real("azure-short-audio-detailed.json")
    assert rows(episode) == [(0.07, 0.91, None, "Good morning.")]


@pytest.mark.parametrize("name", ["aws-call-analytics-example-call.json", "aws-bedrock-audio-standard.json",
                                  "azure-short-audio-detailed.json"])
def test_more_service_json_is_claimed_as_a_json_transcript(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert podcast_json.sniff(text) >= 0.9
    assert detect(text, "download").NAME == "podcast_json"


def test_unknown_json_is_refused_naming_what_was_expected() -> None:
    # Not "so it is not a Podcasting 2.0 transcript": the file may well be a service's transcript
    # in a shape not read yet, and the line should say what is read.
    with pytest.raises(SourceRejected) as caught:
        read(json.dumps({"JobStatus": "COMPLETED", "Output": {"uri": "s3://bucket/call.json"}}))
    message = str(caught.value)
    assert "\n" not in message and "Podcasting 2.0 transcript" not in message
    assert "'segments' list" in message and "Deepgram" in message and "AWS Transcribe" in message


def test_a_word_a_line_as_scripts_print_google_and_deepgram_word_times() -> None:
    # An interview transcribed twice by a script (rikaa15/transcription): Google's sample printing
    # "Transcript:" then "Word: he, start: 0.0, end: 0.8" lines, and Deepgram's words as "0.199-0.438: if".
    # The first was read as a CSV table (speaker "Word" on every segment, no times, every sentence
    # twice), the second as 16,964 untimed one-word paragraphs. Faithful samples.
    google = ("Transcription Results:\n\nTranscript: he loses man what\nWord: he, start: 0.0, end: 0.8\n"
              "Word: loses, start: 0.8, end: 1.1\nWord: man, start: 1.1, end: 1.4\nWord: what, start: 1.4, end: 1.6\n"
              "Transcript:  you're fuck dude fuck if you lose some\nWord: you're, start: 5.7, end: 6.3\n"
              "Word: fuck, start: 6.3, end: 6.4\nWord: dude, start: 6.4, end: 6.6\nWord: fuck, start: 6.6, end: 7.6\n"
              "Word: if, start: 7.6, end: 8.5\nWord: you, start: 8.5, end: 8.7\nWord: lose, start: 8.7, end: 8.8\n"
              "Word: some, start: 8.8, end: 9.1\n")  # fmt: skip
    episode = parse(google, Episode(id="g"), "transcription_timestamps.txt")
    assert episode.source_format == "word_lines"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 1.6, None, "he loses man what"), (5.7, 9.1, None, "you're fuck dude fuck if you lose some")]  # fmt: skip
    deepgram = ("0.199-0.438: if\n0.438-0.677: he\n0.677-0.996: loses\n1.155-1.314: man\n1.473-1.973: what\n"
                "5.774-6.013: you're\n6.013-6.411: fuck\n6.411-6.571: dude\n6.810-7.287: you're\n7.287-7.526: fuck\n"
                "8.164-8.323: if\n8.323-8.482: he\n")  # fmt: skip
    episode = parse(deepgram, Episode(id="d"), "transcription_deepgram_elon-tucker.txt")
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.199, "if he loses man what"), (5.774, "you're fuck dude you're fuck if he")]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="0123456789.s-e+", max_size=12), st.text(alphabet="0123456789.s", max_size=12),
                          st.text(max_size=30)), max_size=30))  # fmt: skip
def test_word_lines_never_raise_on_odd_times_or_words(rows: list[tuple[str, str, str]]) -> None:
    from podsift.formats import word_lines

    text = "".join(f"Word: {word}, start: {start}, end: {end}\n{start}-{end}: {word}\n" for start, end, word in rows)
    episode = Episode(id="w")
    try:
        word_lines.parse(text, episode)
    except SourceRejected:
        return
    episode.finish()
    assert all(s.start is None or 0 <= s.start for s in episode.segments)


def test_bilibilis_subtitles_are_read_alone_or_inside_an_archives_wrapper() -> None:
    # Bilibili's AI subtitles of a Chinese podcast (firefighter-eric/PodWiki, 硅谷101 #249): "body" of
    # {from, to, content} lines in seconds, kept under "payload" by the archive. It was refused: "no
    # 'segments' list". A faithful sample.
    lines = [("那个时候你的账单大概是一个什么样的情况", 0.04, 2.6), ("我当时我一天可能得花掉四五百美金", 2.6, 6.85),
             ("帮你提升了多少效率哦", 6.85, 8.71), ("那我觉得是不计其数的", 8.71, 10.57), ("因为钱花得值", 10.57, 11.73),
             ("我觉得超值", 11.73, 13.02)]  # fmt: skip
    subtitles = {"Stroke": "none", "background_alpha": 0.5, "background_color": "#9C27B0", "font_color": "#FFFFFF",
                 "font_size": 0.4, "lang": "zh", "type": "AIsubtitle", "version": "v1.7.0.4",
                 "body": [{"content": text, "from": start, "location": 2, "music": 0.0, "sid": k + 1, "to": end}
                          for k, (text, start, end) in enumerate(lines)]}  # fmt: skip
    saved = {"generated_at": "2026-08-20T06:26:17.116515Z", "kind": "podwiki-bilibili-subtitle-raw",
             "payload": subtitles, "schema_version": 1, "source": {"bvid": "BV1yFbo66E4q", "platform": "bilibili"}}  # fmt: skip
    for data in (subtitles, saved):
        episode = parse(json.dumps(data, ensure_ascii=False), Episode(id="b"), "raw.json")
        assert "".join(s.text for s in episode.segments) == "".join(text for text, _, _ in lines)
        assert episode.segments[0].start == 0.04 and episode.segments[-1].end == 13.02


def test_gecko_monologues_as_nemos_diarizer_writes_them_are_turns() -> None:
    # NeMo's diarizer writes a Gecko file beside its word list (jordanbarriap/EMBRACE-data-analysis; the
    # shape theirs, the words written here): it was refused, the whole file lost.
    def term(start: float, end: float, text: str, kind: str = "WORD") -> dict[str, Any]:
        return {"start": start, "end": end, "text": text, "type": kind}

    gecko = {"schemaVersion": 2.0, "monologues": [
        {"speaker": {"name": None, "id": "speaker_2"},
         "terms": [term(0.1, 0.6, "why"), term(0.64, 0.82, "it's"), term(1.06, 1.5, "important"),
                   term(1.5, 1.5, "?", "PUNCTUATION")]},
        {"speaker": {"name": "Ana", "id": "speaker_1"}, "terms": [term(1.6, 1.7, "right")]},
    ]}  # fmt: skip
    episode = read(json.dumps(gecko), "3_speakers_gecko.json")
    assert rows(episode) == [(0.1, 1.5, "Speaker 2", "why it's important?"), (1.6, 1.7, "Ana", "right")]
    assert "Gecko" in next(r.detail for r in episode.repairs if r.kind == "speech_service")


def test_an_rttm_diarization_is_refused_as_holding_no_words() -> None:
    # pyannote's RTTM (sofiierm/datas_speakers): read as text, its 46 records were stored as speech.
    rttm = "".join(f"SPEAKER test_audio 1 {start:.3f} {dur:.3f} <NA> <NA> SPEAKER_0{k % 2} <NA> <NA>\n"
                   for k, (start, dur) in enumerate([(0.005, 7.78), (8.285, 3.1), (11.9, 4.2), (16.4, 2.0)]))  # fmt: skip
    with pytest.raises(SourceRejected, match="^4 speaker turns with times but no words; a diarization without its transcript"):
        parse(rttm, Episode(id="x"), "output.rttm")


def test_rttm_words_are_each_speakers_turns_in_time_order() -> None:
    # A meeting's rich transcription as NIST's evaluations keep it (usnistgov/SCTK's hubscr tests; the
    # words written here): beside the SPEAKER spans, a LEXEME record per word. It was refused as a
    # diarization with no words.
    def record(kind: str, start: float, length: float, word: str, subtype: str, who: str) -> str:
        return f"{kind} standup 1 {start:.3f} {length:.3f} {word} {subtype} {who} <NA>\n"

    rttm = "".join([
        "SPKR-INFO standup 1 <NA> <NA> <NA> unknown ANN <NA>\n",
        "SPKR-INFO standup 1 <NA> <NA> <NA> unknown RAJ <NA>\n",
        "SPEAKER standup 1 10.000 2.100 <NA> <NA> ANN <NA>\n",
        record("LEXEME", 10.0, 0.3, "%UM", "fp", "ANN"),
        record("LEXEME", 10.4, 0.3, "SHALL", "lex", "ANN"),
        record("LEXEME", 10.7, 0.2, "WE", "lex", "ANN"),
        record("LEXEME", 10.9, 0.4, "START", "lex", "ANN"),
        record("LEXEME", 11.1, 0.3, "YEAH", "lex", "RAJ"),  # said over her words: no reply
        record("LEXEME", 11.4, 0.2, "THE", "lex", "ANN"),
        record("LEXEME", 11.6, 0.5, "ROTA", "lex", "ANN"),
        record("NON-SPEECH", 12.3, 0.4, "<NA>", "noise", "<NA>"),
        record("LEXEME", 13.0, 0.2, "SO-", "frag", "RAJ"),
        record("LEXEME", 13.3, 0.3, "SURE", "lex", "RAJ"),
        record("NON-LEX", 13.6, 0.5, "<NA>", "laugh", "RAJ"),
        record("LEXEME", 14.5, 0.4, "GOOD", "lex", "ANN"),
    ])  # fmt: skip
    episode = read(rttm, "standup.rttm")
    assert episode.source_format == "rttm"
    assert rows(episode) == [
        (10.0, 12.1, "ANN", "UM SHALL WE START THE ROTA"),
        (11.1, 11.4, "RAJ", "YEAH"),
        (13.0, 14.1, "RAJ", "SO- SURE"),
        (14.5, 14.9, "ANN", "GOOD"),
    ]
    assert episode.segments[2].directions == ["[laugh]"]
    assert "1 noises no one made (NON-SPEECH) left out" in next(r.detail for r in episode.repairs if r.kind == "rttm_words")


# Captioning vendors' and course platforms' exports: each was refused or stored with no moments.


def test_3play_medias_words_with_its_paragraphs_and_speakers() -> None:
    # nytimes/threeplay's fixture: [ms, word] pairs, "" for silences, the name typed before the word
    # that opens a named paragraph and a dash before one whose speaker it does not name.
    episode = real("threeplay-nyt-words.json")
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (1.87, "NARRATOR"), (7.68, None), (11.43, "NARRATOR"), (17.58, None)]
    assert episode.segments[0].text == "Let's look at how to measure bias in ourselves and in others. Here's Dolly Chugh from NYU."
    assert episode.segments[1].text == "We sent emails to real professors in real universities."
    assert episode.segments[0].end == 7.02  # where the silence after "NYU." begins
    assert "speech_service" in kinds(episode)


def test_3plays_api_answer_holding_the_captions_as_one_string() -> None:
    # {"code": 200, "data": "1\n00:00:00,000 --> …", "meta": {}}: the captions as SubRip inside the answer.
    episode = real("threeplay-api-v3-captions.json")
    assert episode.segments[0].text.startswith("Workers here in Fukushima city about 40 miles")
    assert episode.segments[0].start == 5.86
    assert episode.segments[-1].text.endswith("This is Steve Ross reporting for the New York Times in tsunami Japan.")
    assert "transcript_field" in kinds(episode) and "code" not in episode.extra.get("fields", {})


def test_trints_words_keep_their_times_and_its_title() -> None:
    # bbc/react-transcript-editor's Trint sample, 30 words of each of its two paragraphs.
    episode = real("trint-portuguese-interview-excerpt.json")
    assert episode.title == "testeisep.mp3"
    assert episode.segments[0].start == 3.05 and episode.segments[0].text.startswith("Primeiro queria saber")
    assert sum(len(s.text.split()) for s in episode.segments) == 60
    struck = json.loads((REAL / "trint-portuguese-interview-excerpt.json").read_text(encoding="utf-8"))
    struck["words"][1]["strikethrough"] = True  # deleted in Trint's editor
    assert sum(len(s.text.split()) for s in read(json.dumps(struck)).segments) == 59


def _caption_lines() -> list[tuple[int, int, str]]:
    """Ten captions in milliseconds, cut mid-sentence as caption tools cut them."""
    said = ["Let us summarize what we&#39;ve\nlearned so far. So we", "started out with building\nthis playground,",
            "this EECS playground. And", "within this playground, we've", "all decided that we will abide",
            "by the lumped matter discipline.", "These are simply constraints", "that we impose upon ourselves",
            "to simplify our analysis.", "Now let us go on."]
    return [(410 + 2000 * k, 410 + 2000 * (k + 1), line) for k, line in enumerate(said)]


def test_open_edx_sjson_captions_in_three_lists() -> None:
    # Open edX's .srt.sjson (openedx/edx-platform's course data; a faithful sample): starts, ends and
    # texts in milliseconds, in three lists, null at both ends, HTML references in the text.
    lines = _caption_lines()
    data = {"start": [0, *(a for a, _, _ in lines), 20410], "end": [410, *(b for _, b, _ in lines), 21000],
            "text": [None, *(t for _, _, t in lines), None]}
    episode = read(json.dumps(data), "BGU1poJDgOY.srt.sjson")
    assert episode.segments[0].text.startswith("Let us summarize what we've learned so far. So we started out")
    assert (episode.segments[0].start, episode.segments[-1].end) == (0.41, 20.41)
    assert " ".join(s.text for s in episode.segments).endswith("to simplify our analysis. Now let us go on.")


def test_kalturas_captions_as_the_second_answer_of_a_multi_request() -> None:
    # kaltura/playkit-js-transcript's fixture shape (a faithful sample): the session's answer, then the
    # caption asset's objects with times in ms and the words in content[].text. Stored with no moments.
    objects = [{"startTime": a, "endTime": b, "content": [{"text": f"<i>{t}</i>" if k == 3 else t}]}
               for k, (a, b, t) in enumerate(_caption_lines())]
    data = [{"partnerId": 1091, "ks": "", "objectType": "KalturaStartWidgetSessionResponse"},
            {"objects": objects, "totalCount": len(objects), "objectType": "KalturaCaptionAssetItemListResponse"}]
    episode = read(json.dumps(data), "captions-en-response.json")
    words = " ".join(s.text for s in episode.segments)
    assert words.startswith("Let us summarize what we've learned so far.") and "<i>" not in words
    assert "within this playground, we've all decided" in words
    assert episode.segments[0].start == 0.41
    assert "wrapped" in kinds(episode)


# IBM Watson Speech to Text, as its asynchronous job answers (bbc/react-transcript-editor's sample, MIT;
# its shape kept, its words cut and a second speaker added as IBM's diarization labels them). The job's
# answer was refused, and the bare response lost its speakers.
IBM_RESPONSE = {
    "result_index": 0,
    "results": [
        {"final": True, "alternatives": [{"transcript": "there is a day about ten years ago ", "confidence": 0.93,
         "timestamps": [["there", 13.04, 13.23], ["is", 13.23, 13.36], ["a", 13.36, 13.42], ["day", 13.42, 13.84],
                        ["about", 13.84, 14.13], ["ten", 14.13, 14.35], ["years", 14.35, 14.59], ["ago", 14.59, 15.16]]}]},
        {"final": True, "alternatives": [{"transcript": "really so what happened ", "confidence": 0.88,
         "timestamps": [["really", 16.0, 16.4], ["so", 16.6, 16.8], ["what", 16.8, 17.0], ["happened", 17.0, 17.5]]}]},
    ],
    "speaker_labels": [
        {"from": 13.04, "to": 13.23, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 13.23, "to": 13.36, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 13.36, "to": 13.42, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 13.42, "to": 13.84, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 13.84, "to": 14.13, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 14.13, "to": 14.35, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 14.35, "to": 14.59, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 14.59, "to": 15.16, "speaker": 1, "confidence": 0.36, "final": False},
        {"from": 16.0, "to": 16.4, "speaker": 2, "confidence": 0.5, "final": False},
        {"from": 16.6, "to": 16.8, "speaker": 1, "confidence": 0.5, "final": False},
        {"from": 16.8, "to": 17.0, "speaker": 1, "confidence": 0.5, "final": False},
        {"from": 17.0, "to": 17.5, "speaker": 1, "confidence": 0.5, "final": True},
    ],
}  # fmt: skip
IBM_JOB = {"created": "2018-12-18T22:40:38.903Z", "id": "f14cbe1e-0305-11e9-a7ba-5e5f0bd3b2e9",
           "updated": "2018-12-18T22:42:27.335Z", "results": [IBM_RESPONSE], "status": "completed"}  # fmt: skip


@pytest.mark.parametrize("data", [IBM_JOB, IBM_RESPONSE], ids=["job", "response"])
def test_ibm_watson_speech_to_text_gives_its_words_speakers_and_times(data: dict[str, object]) -> None:
    episode = parse(json.dumps(data), Episode(id="ibm"), "ibmTedTalkTranscript.json")
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Speaker 1", 13.04, "there is a day about ten years ago"), ("Speaker 2", 16.0, "really"),
        ("Speaker 1", 16.6, "so what happened")]  # fmt: skip
    assert any("IBM Watson" in r.detail for r in episode.repairs)


# The same answer saved for a page's script or a test (rbrisita/Watson_Closed_Captioning's shape): assigned
# to a variable, then exported. Read as text, the JSON's brackets and numbers were the words.
IBM_SCRIPT = "var transcript = " + json.dumps(IBM_RESPONSE, indent=2) + "\n\nmodule.exports = {\n\ttranscript:transcript};\n"


def test_ibm_watson_json_assigned_to_a_script_variable_is_read_as_that_json() -> None:
    episode = read(IBM_SCRIPT, "transcript_3.js")
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Speaker 1", 13.04, "there is a day about ten years ago"), ("Speaker 2", 16.0, "really"),
        ("Speaker 1", 16.6, "so what happened")]  # fmt: skip
    assert "javascript_value" in kinds(episode)


def test_a_script_that_goes_on_after_its_json_is_not_read_as_that_json() -> None:
    script = 'var words = ["one", "two"];\nfor (const w of words) {\n  console.log(w);\n}\n' * 3
    episode = read(script, "words.js")
    assert "javascript_value" not in kinds(episode)
    assert "console.log" in " ".join(s.text for s in episode.segments)


# BBC's Kaldi service as its transcript editor keeps the answer (bbc/react-transcript-editor's sample, MIT,
# cut short): each word in lower case and in its punctuated form, the speakers in a segmentation of their
# own. The words were read lower case and unpunctuated, and no one spoke.
BBC_KALDI = {
    "action": "audio-transcribe",
    "retval": {
        "status": True, "wonid": "octo:2692ea33-d595-41d8-bfd5-aa7f2d2f89ee",
        "punct": "There is a day. About ten years ago.",
        "words": [
            {"start": 13.02, "end": 13.17, "word": "there", "punct": "There", "index": 0},
            {"start": 13.17, "end": 13.38, "word": "is", "punct": "is", "index": 1},
            {"start": 13.38, "end": 13.44, "word": "a", "punct": "a", "index": 2},
            {"start": 13.44, "end": 13.86, "word": "day", "punct": "day.", "index": 3},
            {"start": 16.2, "end": 16.5, "word": "really", "punct": "Really?", "index": 4},
        ],
        "segmentation": {"@type": "AudioFile", "speakers": [{"@id": "S12", "gender": "F"}, {"@id": "S10", "gender": "M"}],
                         "segments": [{"@type": "Segment", "start": 13.01, "duration": 2.5, "speaker": {"@id": "S12"}},
                                      {"@type": "Segment", "start": 16.0, "duration": 1.0, "speaker": {"@id": "S10"}}]},
    },
}  # fmt: skip


def test_bbc_kaldi_gives_its_punctuated_words_and_its_speakers() -> None:
    episode = parse(json.dumps(BBC_KALDI), Episode(id="kaldi"), "bbcKaldiTranscriptWithSpeakerSegments.json")
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Speaker 12", 13.02, "There is a day."), ("Speaker 10", 16.2, "Really?")]  # fmt: skip


# autoEdit2 (OpenNewsLabs/autoEdit_2, MIT), a transcription as it saves one, in the shape its docs give
# (our own words): a block per speaker, paragraphs of timed words, IBM's "%HESITATION" among them, and
# "Unnamed Speaker" where nothing was diarized. It was refused as no service's JSON.
def _autoedit_words(start: float, text: str) -> list[dict[str, object]]:
    return [{"id": k, "text": w, "startTime": round(start + 0.3 * k, 2), "endTime": round(start + 0.3 * k + 0.25, 2)}
            for k, w in enumerate(text.split())]


AUTOEDIT = {
    "languageModel": "en-US_BroadbandModel", "counterForPaperCuts": 0, "highlights": [], "status": True,
    "metadata": {"fileName": "harbour-interview.mp4", "duration": 60.0},
    "text": [
        {"id": 0, "speaker": "Ann Lee", "paragraph": [
            {"id": 0, "startTime": 12.0, "endTime": 14.0,
             "line": _autoedit_words(12.0, "so %HESITATION the harbour opened in spring.")}]},
        {"id": 1, "speaker": "Bo Chen", "paragraph": [
            {"id": 0, "startTime": 20.0, "endTime": 21.0, "line": _autoedit_words(20.0, "Why then?")}]},
    ],
    "title": "Harbour interview", "description": "", "sttEngine": "ibm", "_id": "78885461", "id": "78885461",
}  # fmt: skip


def test_autoedit2_gives_its_speakers_words_and_times() -> None:
    episode = parse(json.dumps(AUTOEDIT), Episode(id="ae"), "harbour-interview.json")
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Ann Lee", 12.0, "so the harbour opened in spring."), ("Bo Chen", 20.0, "Why then?")]  # fmt: skip
    assert episode.title == "Harbour interview"
    assert any("autoEdit2" in r.detail for r in episode.repairs)


def test_autoedit2_unnamed_speaker_is_nobody() -> None:
    data = {**AUTOEDIT, "text": [{**block, "speaker": "Unnamed Speaker"} for block in AUTOEDIT["text"]]}  # type: ignore[attr-defined]
    episode = parse(json.dumps(data), Episode(id="ae"), "harbour-interview.json")
    assert episode.speakers == [] and "so the harbour opened in spring." in episode.segments[0].text


def test_ibm_hesitation_marks_are_no_words() -> None:
    result = {"final": True, "alternatives": [{"transcript": "well %HESITATION yes ", "timestamps": [
        ["well", 1.0, 1.2], ["%HESITATION", 1.2, 1.6], ["yes", 1.7, 1.9]]}]}  # fmt: skip
    episode = parse(json.dumps({"result_index": 0, "results": [result]}), Episode(id="ibm"), "ibm.json")
    assert [s.text for s in episode.segments] == ["well yes"]


def test_a_gentle_clip_names_its_speaker_and_counts_from_the_clips_start() -> None:
    # gchrupala/peppa's realigned dialogue clips (their shape, our words): Gentle's output for one line
    # of a cartoon, with the clip's "speaker", the episode's title and "clipStart" in seconds. The
    # speaker was dropped, the subtitle's dash kept as a word, and the times counted from the clip.
    def word(text: str, at: int, start: float) -> dict[str, Any]:
        return {"alignedWord": text.lower(), "case": "success", "start": start, "end": start + 0.3,
                "startOffset": at, "endOffset": at + len(text), "word": text}

    clip = {"transcript": "- Look at the puddle.", "speaker": "Granny Owl", "episode_title": "Puddles",
            "clipStart": 40, "clipEnd": 44, "words": [word("Look", 2, 1.0), word("at", 7, 1.3),
                                                      word("the", 10, 1.6), word("puddle", 14, 1.9)]}
    episode = read(json.dumps(clip), "3.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (41.0, 42.2, "Granny Owl", "Look at the puddle.")]


def test_clarify_participants_utterances_are_read_in_time_order_with_their_names() -> None:
    # Clarify's insight transcript (Clarify/clarify-cody-webhook; the shape theirs, the words written
    # here): each participant's timed terms, punctuation as "mark" terms. Every word was lost.
    def term(text: str, start: float, dur: float, mark: bool = False) -> dict[str, Any]:
        return {"term": text, "start": start, "dur": dur} | ({"type": "mark"} if mark else {})

    def said(start: float, dur: float, *terms: dict[str, Any]) -> dict[str, Any]:
        return {"language": "en", "start": start, "dur": dur, "terms": list(terms)}

    clarify = {"version": "1.0.0", "status": "ok", "participants": [
        {"name": "caller", "transcript": {"meta": {"format": "clarify_transcript"}, "segments": [
            said(0.5, 1.0, term("Good", 0.5, 0.4), term("morning", 0.9, 0.6), term(",", 1.5, 0, True),
                 term("bakery", 1.5, 0.0), term("?", 1.5, 0, True)),
            said(6.0, 2.5, term("Two", 6.0, 0.3), term("loaves", 6.3, 0.5), term(".", 8.5, 0, True))]}},
        {"name": "baker", "transcript": {"segments": [
            said(2.0, 3.0, term("Yes", 2.0, 0.3), term("!", 2.3, 0, True), term("Hello", 2.5, 0.5))]}},
    ]}  # fmt: skip
    episode = read(json.dumps(clarify), "insight_transcript.json")
    assert rows(episode) == [(0.5, 1.5, "caller", "Good morning, bakery?"), (2.0, 5.0, "baker", "Yes! Hello"),
                             (6.0, 8.5, "caller", "Two loaves.")]  # fmt: skip
    assert "Clarify" in next(r.detail for r in episode.repairs if r.kind == "speech_service")

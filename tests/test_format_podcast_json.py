"""Podcasting 2.0 JSON: the spec's word-level example, leniency, rejection, and render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, PODCAST_NAMESPACE, podsift, read, real, timeline
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import podcast_json
from podsift.ingest import parse_source
from podsift.model import Episode, SourceRejected


def parse(text: str) -> Episode:
    episode = Episode(id="test")
    podcast_json.parse(text, episode)
    return episode


def rows(episode: Episode) -> list[tuple[float | None, float | None, str | None, str, list[str]]]:
    return [(s.start, s.end, s.speaker, s.text, s.directions) for s in episode.segments]


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


def doc(*segments: dict, **top: object) -> str:
    return json.dumps({"version": "1.0.0", **top, "segments": list(segments)})


def test_example_json_words_become_two_turns() -> None:
    episode = parse((PODCAST_NAMESPACE / "example.json").read_text(encoding="utf-8"))
    assert rows(episode) == [
        (0.5, 2.5, "Darth Vader", "I am your father.", []),
        (2.75, 3.0, "Luke", "Nooooo", []),
    ]
    assert episode.repairs == []


def test_spec_snippet_newline_in_body_is_whitespace() -> None:
    episode = parse(doc(
        {"speaker": "Darth Vader", "startTime": 2.25, "endTime": 2.5, "body": "father.\n"},
        {"speaker": "Luke", "startTime": 2.75, "endTime": 3.0, "body": "Nooooo"},
    ))
    assert [s.text for s in episode.segments] == ["father.", "Nooooo"]


def test_word_level_turns_split_at_silence_and_at_sentences_after_30s() -> None:
    words = [{"speaker": "Ana", "startTime": 0.0, "endTime": 0.4, "body": "Hello"},
             {"speaker": "Ana", "startTime": 0.5, "endTime": 0.9, "body": ","},
             {"speaker": "Ana", "startTime": 1.0, "endTime": 1.4, "body": "friends."},
             # 5 s of silence: a new turn by the same speaker
             {"speaker": "Ana", "startTime": 6.4, "endTime": 6.8, "body": "Next"}]
    # then a long run of words, one per second, with a sentence end at 33 s and at 40 s
    for t in range(7, 45):
        body = "end." if t in (33, 40) else f"w{t}"
        words.append({"speaker": "Ana", "startTime": t, "endTime": t + 0.5, "body": body})
    episode = parse(doc(*words))
    assert [s.text.split()[0] for s in episode.segments] == ["Hello,", "Next", "w41"]
    first, second, third = episode.segments
    assert first.text == "Hello, friends." and (first.start, first.end) == (0.0, 1.4)
    assert (second.start, second.end) == (6.4, 40.5)  # the 33 s sentence end came before 30 s were up
    assert second.text.endswith("w39 end.")
    assert third.start == 41.0


def test_phrase_level_entries_without_speaker_stay_apart() -> None:
    episode = parse(doc(
        {"startTime": 0, "endTime": 2, "body": "A whole sentence here."},
        {"startTime": 2, "endTime": 4, "body": "Another one, by someone."},
    ))
    assert [(s.speaker, s.text) for s in episode.segments] == [
        (None, "A whole sentence here."),
        (None, "Another one, by someone."),
    ]


def test_an_entry_that_is_a_sound_and_its_stop_leaves_no_stop_of_its_own() -> None:
    # "[Laughs]." (as a call transcript's JSON writes it) left a segment "." where the speaker
    # changed, and the stop twice ("anymore.." The") where an entry going on began with one.
    episode = parse(doc(
        {"speaker": "Jane", "startTime": 0, "endTime": 4, "body": "Happy thanksgiving!"},
        {"speaker": "Bob", "startTime": 4, "endTime": 5, "body": "[Laughs]."},
        {"speaker": "Jane", "startTime": 5, "endTime": 9, "body": "I am not playing anymore"},
        {"speaker": "Jane", "startTime": 9, "endTime": 10, "body": "[laughs]."},
        {"speaker": "Jane", "startTime": 10, "endTime": 12, "body": "[laughs].\" The whole point"},
    ))  # fmt: skip
    assert rows(episode) == [
        (0.0, 4.0, "Jane", "Happy thanksgiving!", []),
        (4.0, 5.0, "Bob", "", ["[Laughs]"]),
        (5.0, 9.0, "Jane", "I am not playing anymore.", []),
        (9.0, 12.0, "Jane", "The whole point", ["[laughs]", "[laughs]"]),
    ]


def test_lenient_fields_strings_alt_keys_and_extra_metadata() -> None:
    text = json.dumps({
        "version": "1.0.0",
        "title": "  Career   switch ",
        "language": "en",
        "generator": {"name": "some tool", "v": 2},
        "segments": [
            {"speaker": "Maya", "startTime": "1.5", "endTime": "00:00:03.250", "body": "Strings for times."},
            {"speaker": 7, "start": 4, "end": 5, "text": "Other key names [laughs]"},
            {"speaker": "", "startTime": 6, "body": "No end, no speaker."},
            {"speaker": "Maya", "endTime": 9, "body": "No start."},
            {"speaker": "Maya", "startTime": 10, "endTime": 11, "body": "   "},
            "a bare string",
            42,
        ],
    })
    episode = parse(text)
    assert rows(episode) == [
        (1.5, 3.25, "Maya", "Strings for times.", []),
        (4.0, 5.0, "Speaker 7", "Other key names", ["[laughs]"]),  # a diarizer's number beside a name
        (6.0, None, None, "No end, no speaker.", []),
        (None, 9.0, "Maya", "No start.", []),
        (None, None, None, "a bare string", []),
    ]
    assert episode.title == "Career switch"
    assert episode.extra == {"language": "en", "generator": {"name": "some tool", "v": 2}}
    assert {"coerced_field", "missing_time", "empty_segment", "bare_text_segment", "bad_segment"} <= set(kinds(episode))


def test_string_times_are_reported_once_not_per_word() -> None:
    words = [{"speaker": "A", "startTime": str(i), "endTime": str(i + 0.5), "body": f"w{i}"} for i in range(50)]
    episode = parse(doc(*words))
    coerced = [r for r in episode.repairs if r.kind == "coerced_field"]
    assert len(coerced) == 2  # startTime and endTime
    assert "50 segments" in coerced[0].detail and coerced[0].where == "segment 1"


def test_bare_list_and_bom() -> None:
    episode = parse("\ufeff" + json.dumps([{"speaker": "A", "startTime": 0, "endTime": 1, "body": "Hi."}]))
    assert rows(episode) == [(0.0, 1.0, "Speaker A", "Hi.", [])]  # a lone letter is a diarizer's id
    assert kinds(episode) == ["bare_list", "diarizer_ids"]


def test_times_repaired_like_captions() -> None:
    episode = parse(doc(
        {"speaker": "A", "startTime": 5, "endTime": 4, "body": "Backwards end."},
        {"speaker": "B", "startTime": 1, "endTime": 2, "body": "Earlier."},
    ))
    assert rows(episode) == [(5.0, 5.0, "Speaker A", "Backwards end.", []), (1.0, 2.0, "Speaker B", "Earlier.", [])]
    assert {"end_before_start", "time_backwards"} <= set(kinds(episode))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version": "1.0.0", "segments": [{"speaker": "A", ', "invalid JSON at line 1 column 52"),
        ('{"version": "1.0.0",\n "segments": [1, 2,]}', "invalid JSON at line 2 column 20"),
        ('{"version": "1.0.0"}', "no 'segments' list"),
        ('"just a string"', "not a transcript"),
        ('{"segments": "nope"}', "not a list"),
        ("[1, 2, 3]", "no segment objects"),
    ],
)
def test_not_a_transcript_is_rejected_with_reason(text: str, message: str) -> None:
    with pytest.raises(SourceRejected, match="JSON|segments|transcript") as info:
        parse(text)
    assert message in str(info.value)


def test_sniff() -> None:
    assert podcast_json.sniff((PODCAST_NAMESPACE / "example.json").read_text(encoding="utf-8")) == 0.95
    assert podcast_json.sniff('\ufeff  {"version": "1.0.0", "segments": [{"speaker"') == 0.9  # broken, but ours
    assert podcast_json.sniff('[{"startTime": 0, "body": "hi"}]') == 0.9
    assert podcast_json.sniff('{"name": "package.json"}') < 0.5
    assert podcast_json.sniff("WEBVTT\n\n00:00.000 --> 00:01.000\nhi") == 0.0



@pytest.mark.parametrize(
    "text",
    [
        "[Music]\n\nJane: Hello and welcome to the show.\n\nBob: Thanks for having me.\n",
        "[Editor's note: edited for clarity.]\n\nJane: Hello and welcome.\n\nBob: Thanks.\n\nJane: Let us start.\n",
        "[00:00:01] Jane: Hello and welcome.\n[00:00:05] Bob: Thanks.\n",
        "{Intro music}\n\nJane: Hello and welcome.\n\nBob: Thanks.\n\nJane: Let us start.\n",
    ],
)
def test_a_transcript_opening_with_a_bracket_is_read_as_text_not_refused_as_broken_json(
    text: str, tmp_path: Path, db_path: Path
) -> None:
    # "[Music]" opens many copied caption transcripts; it was refused as "invalid JSON".
    assert podcast_json.sniff(text) == 0.0
    source = tmp_path / "talk.txt"
    source.write_text(text, encoding="utf-8")
    result = podsift("ingest", "--no-embed", "--json", str(source), db=db_path, check=0)
    (outcome,) = json.loads(result.stdout)["files"]
    assert outcome["status"] == "added" and outcome["source_format"] != "podcast_json", outcome
    speakers = {s["speaker"] for s in json.loads(podsift("show", "talk", "--json", db=db_path).stdout)["segments"]}
    assert "Jane" in speakers
    # JSON that breaks still opens as JSON, and is still refused with where it breaks.
    assert podcast_json.sniff('[{"start": 1, "text": "hi"},') > 0
    assert podcast_json.sniff("[1, 2,") > 0

def test_render_shape_and_metadata_round_trip() -> None:
    episode = parse((DEMO / "career-switch.json").read_text(encoding="utf-8"))
    episode.add_chapter("Outro")  # opens at the next segment
    episode.chapters[-1].first_segment = len(episode.segments) - 2
    episode.chapters[-1].start = episode.segments[-2].start
    episode.segments[0].directions.append("[laughs]")
    out = json.loads(podcast_json.render(episode))
    assert out["version"] == "1.0.0"
    assert out["title"] == "From teaching to analytics" and out["show"] == "Signal & Noise"
    assert out["segments"][0] == {
        "speaker": "Maya",
        "startTime": 0,
        "endTime": 6.2,
        "body": "Welcome back to Signal & Noise. I'm Maya. [laughs]",
    }
    again = parse(json.dumps(out))
    assert rows(again) == rows(episode)
    assert [(c.title, c.start, c.first_segment) for c in again.chapters] == [("Outro", 175.0, 18)]


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises_on_text(text: str) -> None:
    try:
        parse(text)
    except SourceRejected:
        pass


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["speaker", "startTime", "endTime", "body", "start", "text", "segments", "title", "x"]),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(JSON_VALUES, st.dictionaries(st.just("segments"), st.lists(JSON_VALUES, max_size=6))))
def test_never_raises_on_odd_json(value: object) -> None:
    try:
        episode = parse(json.dumps(value))
    except SourceRejected:
        return
    for seg in episode.segments:
        assert seg.text or seg.directions


# --- times in milliseconds (AssemblyAI/Deepgram-style exports) and Whisper JSON -----------


def assemblyai_like(minutes: int = 40) -> list[dict]:
    """Utterances every ~4 s over ``minutes``, times in integer milliseconds."""
    entries = []
    for k in range(minutes * 15):
        start = 1_234 + k * 4_000
        entries.append({"speaker": "A" if k % 7 < 4 else "B", "start": start, "end": start + 3_500,
                        "confidence": 0.93, "text": f"Utterance {k} says something short."})
    return entries


def test_bare_list_in_milliseconds_is_read_as_milliseconds() -> None:
    episode = parse(json.dumps(assemblyai_like()))
    episode.finish()
    first, last = episode.segments[0], episode.segments[-1]
    assert first.start == 1.234 and first.end == 4.734
    assert abs(last.end - 40 * 60) < 2  # a 40-minute episode, not 671 hours
    assert abs(episode.duration - 40 * 60) < 2
    detail = next(r.detail for r in episode.repairs if r.kind == "times_in_milliseconds")
    assert detail.startswith("times of 600 segments are in milliseconds (read as seconds, the episode would run 667 hours)")
    assert episode.speakers == ["Speaker A", "Speaker B"]


def test_short_clip_in_milliseconds_is_caught_by_its_gaps() -> None:
    # 30 s of speech: as seconds it would be 8 hours, under a day, but entries minutes apart.
    entries = [{"start": k * 3_000, "end": k * 3_000 + 2_500, "text": f"Line {k}."} for k in range(10)]
    episode = parse(json.dumps(entries))
    assert [s.start for s in episode.segments][:3] == [0.0, 3.0, 6.0]
    assert "times_in_milliseconds" in kinds(episode)


@pytest.mark.parametrize(
    ("start_key", "end_key"), [("start_ms", "end_ms"), ("startMs", "endMs"), ("startTimeMs", "endTimeMs")]
)
def test_millisecond_key_names_decide(start_key: str, end_key: str) -> None:
    episode = parse(json.dumps([{start_key: 500, end_key: 1_500, "text": "Hi."}]))
    assert rows(episode) == [(0.5, 1.5, None, "Hi.", [])]
    detail = next(r.detail for r in episode.repairs if r.kind == "times_in_milliseconds")
    assert f"the key {start_key!r} says so" in detail


def test_offset_and_duration_in_ticks() -> None:
    entries = [{"offsetInTicks": 12_300_000 + k * 30_000_000, "durationInTicks": 25_000_000, "text": f"Phrase {k}."}
               for k in range(3)]
    episode = parse(json.dumps(entries))
    assert [(s.start, s.end) for s in episode.segments] == [(1.23, 3.73), (4.23, 6.73), (7.23, 9.73)]
    assert "times_in_ticks" in kinds(episode)


def test_integer_seconds_stay_seconds() -> None:
    entries = [{"start": k * 5, "end": k * 5 + 4, "text": f"Line {k} of a plain transcript."} for k in range(700)]
    episode = parse(json.dumps(entries))
    assert episode.segments[-1].end == 3499.0
    assert "times_in_milliseconds" not in kinds(episode)


def test_whisper_json_segments_in_seconds() -> None:
    whisper = {
        "text": " Hello and welcome. Today we talk about search.",
        "language": "en",
        "segments": [
            {"id": 0, "seek": 0, "start": 0.0, "end": 2.48, "text": " Hello and welcome.", "tokens": [50364, 2425],
             "temperature": 0.0, "avg_logprob": -0.21, "compression_ratio": 1.3, "no_speech_prob": 0.01},
            {"id": 1, "seek": 0, "start": 2.48, "end": 5.2, "text": " Today we talk about search.",
             "tokens": [50488, 2692], "temperature": 0.0, "avg_logprob": -0.19, "compression_ratio": 1.3,
             "no_speech_prob": 0.01},
        ],
    }
    episode = parse(json.dumps(whisper))
    assert rows(episode) == [(0.0, 2.48, None, "Hello and welcome.", []), (2.48, 5.2, None, "Today we talk about search.", [])]
    assert episode.repairs == []


def test_whisperx_speaker_ids_show_as_numbered_speakers() -> None:
    # WhisperX's diarized JSON (a faithful sample) names voices "SPEAKER_00", "SPEAKER_01": shown as
    # "Speaker 0" and "Speaker 1", as TTML's "SPEAKER_1" and the speech services' "spk_0" are.
    whisperx = {"segments": [
        {"start": 0.0, "end": 2.0, "text": " Hello and welcome.", "speaker": "SPEAKER_00"},
        {"start": 2.0, "end": 4.0, "text": " Thanks for having me.", "speaker": "SPEAKER_01"},
        {"start": 4.0, "end": 6.0, "text": " Let's start.", "speaker": "SPEAKER_00"},
    ], "word_segments": []}
    episode = formats.parse(json.dumps(whisperx), Episode(id="test"), "talk.json")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker 0", "Hello and welcome."), ("Speaker 1", "Thanks for having me."), ("Speaker 0", "Let's start."),
    ]
    assert episode.speakers == ["Speaker 0", "Speaker 1"]


def test_whisper_whole_text_and_whisperx_word_segments_are_not_kept_again_in_extra() -> None:
    # WhisperX's JSON (a faithful sample): Whisper's "text", and every word again in "word_segments".
    words = [{"word": w, "start": 0.03 + i * 0.4, "end": 0.4 + i * 0.4, "score": 0.9, "speaker": "SPEAKER_00"}
             for i, w in enumerate(["Welcome", "back", "to", "the", "show."])]
    whisperx = {"text": " Welcome back to the show.", "language": "en", "word_segments": words,
                "segments": [{"start": 0.03, "end": 2.0, "text": " Welcome back to the show.", "speaker": "SPEAKER_00",
                              "words": words}]}
    episode = parse(json.dumps(whisperx))
    assert rows(episode) == [(0.03, 2.0, "SPEAKER_00", "Welcome back to the show.", [])]
    assert episode.extra == {"language": "en"}
    # a "text" that is not the transcript again is the file's own metadata, and kept
    episode = parse(json.dumps({**whisperx, "text": "Recorded at the studio"}))
    assert episode.extra == {"language": "en", "text": "Recorded at the studio"}


def test_speech_results_whose_alternatives_are_not_a_list_are_passed_over() -> None:
    # a result with a number or an object for its alternatives raised TypeError or KeyError
    episode = parse(json.dumps({"results": [{"alternatives": 5}, {"alternatives": {"transcript": "odd"}},
                                            {"alternatives": [{"transcript": "Hi there."}]}]}))
    assert [s.text for s in episode.segments] == ["Hi there."]
    with pytest.raises(SourceRejected):
        parse(json.dumps({"results": [{"alternatives": {"transcript": "odd"}}]}))


def test_japanese_written_word_by_word_loses_the_spaces() -> None:
    # A Japanese podcast's site JSON made from AssemblyAI (a faithful sample: the site has no licence),
    # which writes a space between words; Japanese writes none.
    segments = [
        {"speaker": "A", "text": "今日 の テーマ は チーズ さん の 転職 3 日 目 の 感想 です.", "timestamp": "00:00:00",
         "start": 88, "end": 13131},
        {"speaker": "B", "text": "よろしく お 願い し ます。 IT トリオ へ ようこそ!", "timestamp": "00:00:13",
         "start": 13131, "end": 16030},
        {"speaker": "A", "text": "machine learning の 話 は 2023 年 に 500、 600 人 に 聞い た ん です よ ね。 SN の 活用",
         "timestamp": "00:00:16", "start": 16030, "end": 21000},
    ]
    episode = parse(json.dumps({"segments": segments}))
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker A", "今日のテーマはチーズさんの転職3日目の感想です."),
        ("Speaker B", "よろしくお願いします。ITトリオへようこそ!"),
        # Latin words keep the space between them
        ("Speaker A", "machine learningの話は2023年に500、600人に聞いたんですよね。SNの活用"),
    ]
    assert "spaced_cjk" in kinds(episode)
    # a space here and there is the writer's, and Korean spaces its words
    for text in ("今日のテーマは転職です。 では始めましょう。", "오늘의 주제는 이직입니다."):
        kept = parse(json.dumps({"segments": [{"start": 0, "end": 2, "text": text}]}))
        assert kept.segments[0].text == text and "spaced_cjk" not in kinds(kept)


def test_one_japanese_segment_in_milliseconds_is_not_read_as_ticks() -> None:
    # A Japanese podcast site's JSON (a faithful sample: the site has no licence): one segment of a
    # 14-minute episode in milliseconds. Its 1,400 characters take minutes to say, not the 0.09 s
    # that 100-ns ticks would give it, and the gap rule for short entries does not apply.
    said = "今日はエンジニアの転職について話していきたいと思いますよろしくお願いします。" * 38
    episode = read("ura.json", json.dumps({"segments": [
        {"speaker": "おぐらくん", "start": 260, "end": 874236, "timestamp": "00:00:00", "text": said}],
        "language": "ja"}, ensure_ascii=False))
    assert timeline(episode) == [(0.26, 874.236, "おぐらくん", said)]
    assert "times_in_milliseconds" in kinds(episode) and "times_in_ticks" not in kinds(episode)


def test_camel_case_episode_title_and_show_fields_are_read() -> None:
    # A Japanese interview show's site JSON made from AssemblyAI (a faithful sample: no licence).
    utterances = [{"speaker": "A", "text": "そしたら始めていきましょうか。", "start": 800, "end": 20160, "timestamp": "00:00"},
                  {"speaker": "B", "text": "雑談会みたいなね今日は。", "start": 20160, "end": 21390, "timestamp": "00:20"}]
    title = "年収700万から2500万へ！3度の転職でキャリアを切り拓いたRyoの逆転戦略（後半）#46"
    episode = read("033e04d5.json", json.dumps({
        "episodeGuid": "033e04d5-afc4-4715-a2ed-49bd8d229c75", "episodeTitle": title,
        "transcribedAt": "2025-07-01T12:00:00Z", "duration": 3924, "fullText": "そしたら始めていきましょうか。雑談会みたいなね今日は。",
        "utterances": utterances}, ensure_ascii=False))
    assert episode.title == title and "title_from_filename" not in kinds(episode)
    assert "episodeTitle" not in episode.extra and episode.extra["episodeGuid"].startswith("033e04d5")
    assert "fullText" not in episode.extra  # the timeline's words again, not stored twice
    other = read("x.json", json.dumps({"show_title": "海外キャリアログ", "EpisodeName": "後半", "episodeNumber": 46,
                                       "segments": utterances}))
    assert (other.show, other.title, other.episode_number) == ("海外キャリアログ", "後半", 46)
    # the field's own name wins over another spelling of it, which stays in extra
    both = read("x.json", json.dumps({"episode_title": "Long title", "title": "Short", "segments": utterances}))
    assert both.title == "Short" and both.extra["episode_title"] == "Long title"


def test_a_diarizer_id_beside_renamed_speakers_reads_as_speaker_id() -> None:
    # The same site renamed one voice and left the other its id: "Ryo" beside "B".
    utterances = [{"speaker": "Ryo", "text": "そしたら始めていきましょうか。", "start": 800, "end": 20160},
                  {"speaker": "B", "text": "雑談会みたいなね今日は。", "start": 20160, "end": 21390},
                  {"speaker": "Ryo", "text": "まあそうですねはいはい。", "start": 21390, "end": 60000}]
    episode = read("x.json", json.dumps({"utterances": utterances}, ensure_ascii=False))
    assert [s.speaker for s in episode.segments] == ["Ryo", "Speaker B", "Ryo"]
    # initials beside a one-letter label are the file's own way of naming people
    initials = [{**u, "speaker": name} for u, name in zip(utterances, ["JD", "A", "MK"])]
    episode = read("x.json", json.dumps({"utterances": initials}, ensure_ascii=False))
    assert [s.speaker for s in episode.segments] == ["JD", "A", "MK"]


def test_whisper_cpp_json_transcription_list_in_millisecond_offsets() -> None:
    # whisper.cpp's -oj output (a radio show, cut to three entries): "transcription", not "segments".
    whisper_cpp = {
        "systeminfo": "WHISPER : COREML = 0 | OPENVINO = 0 | CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | ",
        "model": {"type": "medium", "multilingual": True, "vocab": 51865},
        "params": {"model": "models/ggml-medium.bin", "language": "id", "translate": False},
        "result": {"language": "id"},
        "transcription": [
            {"timestamps": {"from": "00:00:00,000", "to": "00:00:05,000"}, "offsets": {"from": 0, "to": 5000},
             "text": " Kami akan menerima pemberitahuan dari kalian."},
            {"timestamps": {"from": "00:00:30,000", "to": "00:00:34,000"}, "offsets": {"from": 30000, "to": 34000},
             "text": " di edisi hari Jumat tanggal 24 April 2026."},
            {"timestamps": {"from": "00:00:34,000", "to": "00:00:37,000"}, "offsets": {"from": 34000, "to": 37000},
             "text": " Karena seperti biasa ya,"},
        ],
    }
    episode = parse(json.dumps(whisper_cpp))
    assert [(s.start, s.end) for s in episode.segments][0] == (0.0, 5.0)
    assert episode.segments[-1].end == 37.0
    assert " ".join(s.text for s in episode.segments).endswith("April 2026. Karena seperti biasa ya,")
    assert "transcription" not in episode.extra  # read as the segments, not kept twice
    # The report names what the file has: it said "the key 'from_ms' says so", a key no file holds.
    assert "whisper.cpp's 'offsets' are in milliseconds" in str(episode.repairs)


def test_the_timeline_list_is_not_kept_again_in_extra() -> None:
    # A podcast site's own JSON (Orbit FM): its "transcript" list is the timeline.
    site = {"note": "Do not edit this file directly.", "podcast": "BookBytes", "episode": "33",
            "transcript": [{"timestamp": "0:00:11.1", "speaker": "Adam Garrett-Harris", "text": "Hello and welcome."},
                           {"timestamp": "0:00:24.6", "speaker": "Jason Staten", "text": "I'm Jason Staten."}]}
    episode = parse(json.dumps(site))
    assert [s.speaker for s in episode.segments] == ["Adam Garrett-Harris", "Jason Staten"]
    assert episode.extra == {"note": "Do not edit this file directly."}


def test_youtube_captions_kept_as_json_lose_their_change_chevrons() -> None:
    # A site's JSON of a video's captions: clock-text times, ">>" where the voice changes.
    entries = [{"time": "00:03:09.200", "end": "00:03:09.860", "text": "great place."},
               {"time": "00:03:10.400", "end": "00:03:11.220", "text": ">> There's Isabelle."},
               {"time": "00:03:11.599", "end": "00:03:12.099", "text": ">> Hi."},
               {"time": "00:03:12.640", "end": "00:03:14.470", "text": ">> This house, we did this in probably"}]
    episode = parse(json.dumps(entries))
    assert [s.text for s in episode.segments] == [
        "great place.", "There's Isabelle.", "Hi.", "This house, we did this in probably"]
    assert episode.segments[1].start == 190.4


def test_podlove_voices_name_the_numbered_speakers() -> None:
    # Podlove Publisher's transcript JSON: "speaker" is the voice's number, "voice" its name.
    entries = [
        {"start": "00:00:00.005", "start_ms": 5, "end": "00:00:09.458", "end_ms": 9458, "speaker": "3",
         "voice": "Eric", "text": "Hallo und willkommen zu Episode drei des Podlovers Podcasts. Hallo Simon."},
        {"start": "00:00:09.600", "start_ms": 9600, "end": "00:00:10.800", "end_ms": 10800, "speaker": "4",
         "voice": "Simon", "text": "Hallo."},
        {"start": "00:00:16.459", "start_ms": 16459, "end": "00:00:17.726", "end_ms": 17726, "speaker": "1",
         "voice": "Alex", "text": "Hallöchen Eric."},
    ]
    episode = parse(json.dumps(entries))
    assert [(s.start, s.speaker) for s in episode.segments] == [(0.005, "Eric"), (9.6, "Simon"), (16.459, "Alex")]


# --- entries that share one start and end (Buzzsprout) ------------------------------------


def test_shared_times_by_one_speaker_join() -> None:
    episode = parse(doc(
        {"speaker": "Ana", "startTime": 0.0, "endTime": 9.5, "body": "So the first thing"},
        {"speaker": "Ana", "startTime": 0.0, "endTime": 9.5, "body": "we did was"},
        {"speaker": "Ana", "startTime": 0.0, "endTime": 9.5, "body": "measure everything."},
        {"speaker": "Ana", "startTime": 9.5, "endTime": 12.0, "body": "Then we looked."},
    ))
    assert rows(episode) == [
        (0.0, 9.5, "Ana", "So the first thing we did was measure everything.", []),
        (9.5, 12.0, "Ana", "Then we looked.", []),
    ]
    assert "overlap" not in kinds(episode)
    detail = next(r.detail for r in episode.repairs if r.kind == "shared_times")
    assert detail.startswith("3 segments shared one start and end (1 run); 2 joined")


def test_shared_times_across_speakers_are_spread_by_text() -> None:
    segments = []
    for run in range(50):  # the whole file in runs of four entries with one time each
        for k, speaker in enumerate(["Ana", "Ana", "Ben", "Ben"]):
            segments.append({"speaker": speaker, "startTime": run * 10, "endTime": run * 10 + 10,
                             "body": f"{speaker} part {k} of run {run}."})
    episode = parse(doc(*segments))
    assert "overlap" not in kinds(episode)
    assert len(episode.segments) == 100
    assert all(s.end > s.start for s in episode.segments)  # no zero-length segments
    assert [s.speaker for s in episode.segments[:4]] == ["Ana", "Ben", "Ana", "Ben"]
    ana, ben = episode.segments[:2]
    assert (ana.start, ben.end) == (0.0, 10.0) and ana.end == ben.start
    assert ana.text == "Ana part 0 of run 0. Ana part 1 of run 0."
    shared = [r for r in episode.repairs if r.kind == "shared_times"]
    assert [r.detail for r in shared] == [(
        "200 segments shared one start and end (50 runs); 100 joined to the piece before by the same "
        "speaker, 100 given a share of the span by length of text"
    )]


# --- the transformers ASR pipeline: {"text", "timestamp": [start, end]} chunks ---------------

# The shape `pipeline("automatic-speech-recognition", return_timestamps="word")` writes, as saved
# with json.dump(..., indent=4): a bare list, a leading space on each word, aligners' zero-length
# spans for short words, and a last chunk whose end is null.
ASR_WORDS = [
    (" Good", 12.4, 12.4), (" morning.", 12.4, 12.86),
    (" So", 15.02, 15.3), (" where", 15.3, 15.48), (" were", 15.48, 15.6), (" we?", 15.6, 16.12),
    (" Right,", 16.12, 16.7), (" the", 16.7, 16.8), (" garden.", 16.8, 17.94),
    (" See", 48.5, 48.5), (" you.", 48.5, None),
]


def asr_chunks(words: list[tuple[str, float, float | None]]) -> list[dict]:
    return [{"text": text, "timestamp": [start, end]} for text, start, end in words]


def test_transformers_word_chunks_become_timed_sentences() -> None:
    episode = parse(json.dumps(asr_chunks(ASR_WORDS), indent=4))
    assert rows(episode) == [
        (12.4, 12.86, None, "Good morning.", []),
        (15.02, 17.94, None, "So where were we? Right, the garden.", []),
        (48.5, 48.5, None, "See you.", []),  # the null end keeps the start
    ]
    assert kinds(episode) == ["bare_list"]


def test_transformers_sentence_chunks_inside_an_object() -> None:
    # return_timestamps=True: sentence-sized chunks, under the full text.
    result = {"text": " Hello and welcome. Today we talk about search.",
              "chunks": [{"text": " Hello and welcome.", "timestamp": [0.0, 2.48]},
                         {"text": " Today we talk about search.", "timestamp": [2.48, None]}]}
    episode = parse(json.dumps(result))
    assert rows(episode) == [(0.0, 2.48, None, "Hello and welcome.", []), (2.48, None, None, "Today we talk about search.", [])]
    assert [r.detail for r in episode.repairs] == ["the timeline is the 'chunks' list (no 'segments')"]


def test_insanely_fast_whispers_diarized_turns_keep_their_speakers() -> None:
    # insanely-fast-whisper with a diarization model writes {"speakers", "chunks", "text"}: the
    # turns with their speakers, then the same words again without. The chunks were read, and
    # every speaker lost; an empty "speakers" list (no diarization) still leaves the chunks.
    chunks = [{"timestamp": [0.0, 2.48], "text": " Hello and welcome."},
              {"timestamp": [2.48, 5.1], "text": " Thanks for having me."},
              {"timestamp": [5.1, 7.0], "text": " Let us start."}]  # fmt: skip
    turns = [{"speaker": "SPEAKER_00", "text": " Hello and welcome.", "timestamp": [0.0, 2.48]},
             {"speaker": "SPEAKER_01", "text": " Thanks for having me.", "timestamp": [2.48, 5.1]},
             {"speaker": "SPEAKER_00", "text": " Let us start.", "timestamp": [5.1, 7.0]}]  # fmt: skip
    text = " Hello and welcome. Thanks for having me. Let us start."
    episode = formats.parse(json.dumps({"speakers": turns, "chunks": chunks, "text": text}), Episode(id="t"), "a.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 2.48, "Speaker 0", "Hello and welcome."), (2.48, 5.1, "Speaker 1", "Thanks for having me."),
        (5.1, 7.0, "Speaker 0", "Let us start.")]  # fmt: skip
    assert "chunks" not in episode.extra and "text" not in episode.extra  # copies of the words, not kept twice
    plain = parse(json.dumps({"speakers": [], "chunks": chunks, "text": text}))
    assert [s.speaker for s in plain.segments] == [None] * 3 and plain.segments[2].text == "Let us start."


@pytest.mark.parametrize("wrap", [
    # Replicate's saved prediction of a Whisper model: the request, then the result under "output".
    lambda result: {"id": "p1", "version": "20de07", "created_at": "2023-08-22T01:26:46.544Z", "status": "succeeded",
                    "input": {"audio": "https://example.com/talk.mp3", "model": "large-v2", "word_timestamps": True},
                    "output": result, "error": None, "metrics": {"predict_time": 398.2}},
    # A queue's finished job (RunPod), and web services' own wrappers.
    lambda result: {"id": "job-1", "status": "COMPLETED", "output": result},
    lambda result: {"data": result},
], ids=["replicate", "runpod", "data"])  # fmt: skip
def test_an_apis_answer_saved_whole_is_read_by_the_transcript_inside(wrap: Any) -> None:
    # The answer was refused: "JSON object has no 'segments' list".
    result = {"segments": [{"id": 0, "start": 0.18, "end": 3.14, "text": " This is the show about pricing."},
                           {"id": 1, "start": 3.46, "end": 6.66, "text": " Each one has its own details."}],
              "transcription": " This is the show about pricing. Each one has its own details.",
              "detected_language": "english"}  # fmt: skip
    episode = formats.parse(json.dumps(wrap(result)), Episode(id="t"), "prediction.json")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.18, 3.14, "This is the show about pricing."), (3.46, 6.66, "Each one has its own details.")]  # fmt: skip
    assert "wrapped" in kinds(episode) and "input" not in episode.extra and "output" not in episode.extra
    # Two transcripts side by side are no one answer: refused, not guessed.
    with pytest.raises(SourceRejected):
        podcast_json.parse(json.dumps({"a": result, "b": result}), Episode(id="two"))


def test_a_chat_export_is_refused_as_one_not_stored_empty() -> None:
    """A list of chat conversations (ChatGPT's conversations.json) was "read" as a bare list of segments
    with no body: nothing stored, and only a note that each segment had no body."""
    node = {"id": "b", "parent": "a", "children": [], "message": {
        "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["Where should I go in May?"]}}}
    chatgpt = [{"title": "Trip planning", "create_time": 1700000000.0, "current_node": "b",
                "mapping": {"a": {"id": "a", "message": None, "parent": None, "children": ["b"]}, "b": node}}]
    plain = [{"title": t, "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}
             for t in ("Trip", "Bread")]  # fmt: skip
    for data in (chatgpt, plain, plain[0]):
        said = parse_source("conversations.json", json.dumps(data).encode())
        assert isinstance(said, str) and said.startswith("a chat export (") and "not a transcript" in said
    assert "2 conversations" in str(parse_source("chats.json", json.dumps(plain).encode()))
    # Messages by people, not by a chat's roles, may be a meeting's speech: not refused as a chat.
    said = [("Alice", "Morning, all."), ("Bob", "Morning."), ("Alice", "Any blockers?"), ("Bob", "None today.")]
    meeting = {"title": "Standup", "messages": [{"sender": n, "start": 3 * k, "text": t} for k, (n, t) in enumerate(said)]}
    read = parse_source("standup.json", json.dumps(meeting).encode())
    assert not isinstance(read, str) and [(s.speaker, s.text) for s in read.segments] == said
    # A bare list of segments stays one.
    segments = [{"start": 0, "text": "Hello."}, {"start": 2, "text": "Hi there."}]
    assert [s.text for s in parse(json.dumps(segments)).segments] == ["Hello.", "Hi there."]


def test_a_repair_on_every_entry_is_one_line_with_a_count() -> None:
    entries = [{"text": f" w{k}", "timestamp": ["soon", k]} for k in range(300)]
    entries += [f"bare string {k}" for k in range(5)] + [None] * 4
    episode = parse(json.dumps(entries))
    assert episode.segments[0].text.startswith("w0 w1 w2")
    lines = {r.kind: (r.detail, r.where) for r in episode.repairs}
    assert len(episode.repairs) == len(lines)  # no kind repeats
    assert lines["bad_timestamp"] == ("300 times; the first: unreadable startTime 'soon'; left empty", "segment 1")
    assert lines["bare_text_segment"][0].startswith("5 times; the first: a segment given as a bare string")
    assert lines["bad_segment"] == ("4 times; the first: a segment that is a NoneType was skipped", "segment 306")


def test_a_speech_services_speaker_letters_show_as_speakers() -> None:
    # AssemblyAI's utterances name voices "A" and "B"; Deepgram's name them 0 and 1.
    utterances = {"utterances": [{"speaker": "A", "start": 0, "end": 2000, "text": "Welcome to the show."},
                                 {"speaker": "B", "start": 2100, "end": 4000, "text": "Thanks for having me."},
                                 {"speaker": "A", "start": 4100, "end": 6000, "text": "Let's start."}]}  # fmt: skip
    episode = parse(json.dumps(utterances))
    assert [s.speaker for s in episode.segments] == ["Speaker A", "Speaker B", "Speaker A"]
    assert "diarizer_ids" in [r.kind for r in episode.repairs]
    numbered = parse(json.dumps([{"speaker": 0, "start": 0, "end": 2, "text": "Hi."},
                                 {"speaker": 1, "start": 2, "end": 4, "text": "Hello."}]))  # fmt: skip
    assert [s.speaker for s in numbered.segments] == ["Speaker 0", "Speaker 1"]
    # A letter left beside a name someone gave the other voice is still the service's id.
    named = parse(json.dumps([{"speaker": "Ana", "start": 0, "end": 2, "text": "Hi."},
                              {"speaker": "B", "start": 2, "end": 4, "text": "Hello."}]))  # fmt: skip
    assert [s.speaker for s in named.segments] == ["Ana", "Speaker B"]


@pytest.mark.parametrize("name", ["talk.jsonl", "talk.json"])
def test_json_lines_are_read_as_a_list_of_segments(name: str) -> None:
    # One object a line, as streaming transcribers and pipelines log them: refused before as
    # "invalid JSON at line 2 column 1: Extra data".
    rows = [{"start": 0.0, "end": 2.5, "speaker": "SPEAKER_00", "text": "Hello there."},
            {"start": 2.5, "end": 5.0, "speaker": "SPEAKER_01", "text": "General Kenobi."},
            {"start": 5.0, "end": 7.0, "speaker": "SPEAKER_00", "text": "You are a bold one."}]  # fmt: skip
    episode = formats.parse("".join(json.dumps(row) + "\n" for row in rows), Episode(id="talk"), name)
    assert episode.source_format == "podcast_json"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 2.5, "Speaker 0", "Hello there."), (2.5, 5.0, "Speaker 1", "General Kenobi."),
        (5.0, 7.0, "Speaker 0", "You are a bold one.")]
    assert "json_lines" in [r.kind for r in episode.repairs]
    # A line that is no JSON object leaves the file refused, saying where.
    with pytest.raises(SourceRejected, match="line 2 column 61: Unterminated string"):
        formats.parse(json.dumps(rows[0]) + "\n" + json.dumps(rows[1])[:-3] + "\n", Episode(id="talk"), name)


def test_json_lines_with_objects_glued_on_one_line_are_read_object_by_object() -> None:
    # A diarization pipeline that appends each run to one file (Nikithanatarajan1312/argueviz-asr-diarization;
    # its shape, our words): now and then a run starts with no newline after the last, so one line holds
    # two objects ("}{"). The whole file was refused as "invalid JSON at line 2 column 1: Extra data".
    first = [{"seg_id": 1, "start": 0.0, "end": 2.0, "speaker": "A", "text": "Shall we begin?"},
             {"seg_id": 2, "start": 2.0, "end": 4.0, "speaker": "B", "text": "Yes, go ahead."}]
    second = [{"seg_id": 1, "start": 0.0, "end": 3.0, "speaker": "A", "text": "Second run now."},
              {"seg_id": 2, "start": 3.0, "end": 5.0, "speaker": "B", "text": "It went well."}]
    lines = [json.dumps(first[0]), json.dumps(first[1]) + json.dumps(second[0]), json.dumps(second[1])]
    episode = formats.parse("\n".join(lines) + "\n", Episode(id="runs"), "runs.jsonl")
    assert [s.text for s in episode.segments] == ["Shall we begin?", "Yes, go ahead.", "Second run now.",
                                                  "It went well."]
    assert any(r.kind == "json_lines_glued" and "(lines 2)" in r.detail for r in episode.repairs)
    # A line that truly breaks far down is named, not line 2 where plain JSON gave up.
    broken = [json.dumps(row) for row in first * 20] + ['{"start": 9.0, "text": "cut off']
    with pytest.raises(SourceRejected, match=r"line 41 column \d+: Unterminated string"):
        formats.parse("\n".join(broken) + "\n", Episode(id="runs"), "runs.jsonl")


# youtube-transcript-api's results as Python prints them, saved with str() (samples in the
# shapes its README and its users' printouts show): single quotes, not JSON. The list was
# refused as invalid JSON; the 1.x dataclass printout was one untimed segment of code.
PRINTED_LIST = ("[{'text': '[Music]', 'start': 0.37, 'duration': 2.1}, {'text': 'welcome back to the channel', "
                "'start': 2.47, 'duration': 3.0}, {'text': \"today we're looking at data contracts\", 'start': 5.47, "
                "'duration': 2.53}]")  # fmt: skip
PRINTED_DATACLASS = (
    "FetchedTranscript(snippets=[FetchedTranscriptSnippet(text='welcome back to the channel', start=2.47, "
    "duration=3.0), FetchedTranscriptSnippet(text=\"today we're looking at data contracts\", start=5.47, "
    "duration=2.53)], video_id='abcdefghijk', language='English (auto-generated)', language_code='en', is_generated=True)"
)


def test_python_printouts_of_youtube_transcript_api_results_are_read() -> None:
    listed = formats.parse(PRINTED_LIST, Episode(id="a"), "a.txt")
    assert listed.source_format == "podcast_json" and "python_repr" in kinds(listed)
    assert [(s.start, s.end, s.text, s.directions) for s in listed.segments] == [
        (0.37, 2.47, "", ["[Music]"]),
        (2.47, 5.47, "welcome back to the channel", []),
        (5.47, 8.0, "today we're looking at data contracts", []),
    ]
    printed = formats.parse(PRINTED_DATACLASS, Episode(id="b"), "b.txt")
    assert [(s.start, s.text) for s in printed.segments] == [(s.start, s.text) for s in listed.segments[1:]]
    assert printed.youtube_id == "abcdefghijk"  # so search results play from the moment
    assert printed.extra["language_code"] == "en"


def test_youtube_transcript_api_get_transcripts_saved_whole_is_read() -> None:
    """``json.dump(YouTubeTranscriptApi.get_transcripts([video_id]))``, as a script keeps its videos'
    transcripts (shrutisusan26/Multi-ModalSummarization, ``Transcription/youtube.json``; a sample in its
    shape): the transcripts by video id, then the list of videos it could not fetch, empty. No moment
    of it was kept."""
    saved = [{"abcdefghijk": [{"text": "[Music]", "start": 0.37, "duration": 2.1},
                              {"text": "welcome back to the channel", "start": 2.47, "duration": 3.0},
                              {"text": "today we're looking at data contracts", "start": 5.47, "duration": 2.53}]}, []]
    episode = formats.parse(json.dumps(saved), Episode(id="yt"), "youtube.json")
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.37, ""), (2.47, "welcome back to the channel"), (5.47, "today we're looking at data contracts")]
    assert "wrapped" in kinds(episode)
    # with the videos it could not fetch listed, as a script saves it when some failed
    episode = formats.parse(json.dumps([saved[0], ["zyxwvutsrqp"]]), Episode(id="yt"), "youtube.json")
    assert [s.text for s in episode.segments][1:] == ["welcome back to the channel", "today we're looking at data contracts"]


def test_youtube_transcript_api_get_transcripts_of_several_videos_is_refused_not_cut_to_the_first() -> None:
    """The same save for several videos: only the first video's transcript was stored, the others
    dropped without a word. A file of several episodes is refused in one line, saying why."""
    def video(words: str) -> list[dict[str, object]]:
        return [{"text": f"{words} part {k}", "start": 2.0 * k, "duration": 2.0} for k in range(3)]

    saved = [{"abcdefghijk": video("data contracts"), "bcdefghijkl": video("vector search")}, []]
    with pytest.raises(SourceRejected, match="transcripts of 2 videos .*save one file per video"):
        formats.parse(json.dumps(saved), Episode(id="yt"), "youtube.json")


def test_a_printout_is_parsed_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = f"[{{'text': __import__('pathlib').Path({str(marker)!r}).touch(), 'start': 0.0}}]"
    assert podcast_json.python_literal(hostile) is None
    with pytest.raises(SourceRejected, match="invalid JSON"):
        formats.parse(hostile, Episode(id="h"), "h.json")
    assert not marker.exists()
    assert podcast_json.python_literal("[{'text': 'hi', 'start': -1.5}]") == [{"text": "hi", "start": -1.5}]


def test_faster_whisper_segments_printed_as_a_list_are_read() -> None:
    # print(list(segments)) after faster-whisper's transcribe(): its Segment dataclasses.
    printed = ("[Segment(id=1, seek=0, start=0.0, end=2.5, text=' Welcome back to the show.', tokens=[50364, 2928], "
               "avg_logprob=-0.21, compression_ratio=1.3, no_speech_prob=0.01, words=None, temperature=0.0), "
               "Segment(id=2, seek=0, start=2.5, end=5.0, text=' Today, data contracts.', tokens=[50489], "
               "avg_logprob=-0.19, compression_ratio=1.3, no_speech_prob=0.02, words=None, temperature=0.0)]")  # fmt: skip
    episode = formats.parse(printed, Episode(id="fw"), "fw.txt")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 2.5, "Welcome back to the show."), (2.5, 5.0, "Today, data contracts.")]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # NVIDIA NeMo's Parakeet, transcribe(timestamps=True): the output's timestamp dict saved
        # as JSON, its sentences under "segment", each text under "segment" too.
        ("nemo", {"word": [{"word": "Welcome", "start": 0.0, "end": 0.4, "start_offset": 0, "end_offset": 2}],
                  "segment": [{"segment": "Welcome back to the show.", "start": 0.0, "end": 1.3,
                               "start_offset": 0, "end_offset": 9},
                              {"segment": "Today, data contracts.", "start": 1.6, "end": 3.0,
                               "start_offset": 10, "end_offset": 15}],
                  "char": [{"char": ["W"], "start": 0.0, "end": 0.1, "start_offset": 0, "end_offset": 1}]}),
        # parakeet-mlx --output-format json: the text, then "sentences" with their tokens.
        ("parakeet-mlx", {"text": "Welcome back to the show. Today, data contracts.",
                          "sentences": [{"text": "Welcome back to the show.", "start": 0.0, "end": 1.3, "duration": 1.3,
                                         "tokens": [{"text": "Wel", "start": 0.0, "end": 0.2, "duration": 0.2}]},
                                        {"text": "Today, data contracts.", "start": 1.6, "end": 3.0, "duration": 1.4,
                                         "tokens": []}]}),
        # AssemblyAI's /sentences and /paragraphs endpoints (times in milliseconds).
        ("assemblyai sentences", {"sentences": [
            {"text": "Welcome back to the show.", "start": 0, "end": 1300, "confidence": 0.98, "words": []},
            {"text": "Today, data contracts.", "start": 1600, "end": 3000, "confidence": 0.97, "words": []}],
            "id": "abc", "confidence": 0.97, "audio_duration": 3}),
        ("assemblyai paragraphs", {"paragraphs": [
            {"text": "Welcome back to the show.", "start": 0, "end": 1300, "confidence": 0.98, "words": []},
            {"text": "Today, data contracts.", "start": 1600, "end": 3000, "confidence": 0.97, "words": []}],
            "id": "abc", "confidence": 0.97, "audio_duration": 3}),
    ],
)  # fmt: skip
def test_sentence_lists_of_newer_recognisers_are_the_timeline(name: str, data: dict) -> None:  # type: ignore[type-arg]
    # Each was refused: "JSON object has no 'segments' list".
    episode = formats.parse(json.dumps(data), Episode(id="n"), "talk.json")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 1.3, "Welcome back to the show."), (1.6, 3.0, "Today, data contracts.")], name  # fmt: skip


def test_otranscribe_files_are_read_as_their_timed_html() -> None:
    # oTranscribe's .otr, as its export writes it (a sample in that shape): JSON whose "text" is
    # the editor's HTML, each timestamp a span with the seconds in data-timestamp and the clock
    # shown. It was refused: "JSON object has no 'segments' list".
    otr = {"text": ('<p><span class="timestamp" contenteditable="false" data-timestamp="0.000">0:00</span> '
                    "Jane: Welcome to the show.</p>"
                    '<p><span class="timestamp" contenteditable="false" data-timestamp="3.456">0:03</span> '
                    "John: Thanks for having me.</p><p>It&#39;s a pleasure.</p>"
                    '<p><span class="timestamp" contenteditable="false" data-timestamp="62.000">1:02</span> '
                    "Jane: So what is a data contract?</p>"),
           "media": "interview-01.mp3", "media-source": "", "media-time": 64.5}  # fmt: skip
    episode = formats.parse(json.dumps(otr), Episode(id="otr"), "interview-01.otr")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Jane", "Welcome to the show."),
        (3.456, "John", "Thanks for having me."),
        # No timestamp of its own (a transcriber stamps every few paragraphs): it was left
        # untimed, with no moment to play; now it shares the time to the next stamp by words.
        (36.9, "John", "It's a pleasure."),
        (62.0, "Jane", "So what is a data contract?"),
    ]
    assert [s.end for s in episode.segments][1:3] == [36.9, 62.0]
    assert {r.kind: r.detail for r in episode.repairs}["missing_time"] == (
        "1 paragraph has no time of their own: 1 timed by their words between the times around them")
    assert episode.extra["media"] == "interview-01.mp3" and "otranscribe" in kinds(episode)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["[{'", "{'", "Segment(id=", "[Segment(text=", "FetchedTranscript(x="]))
def test_a_printout_that_is_not_one_never_raises(text: str, opening: str) -> None:
    value = podcast_json.python_literal(opening + text)
    assert value is None or isinstance(value, (list, dict))
    try:
        formats.parse(opening + text, Episode(id="p"), "p.txt")
    except SourceRejected:
        pass  # a one-line refusal ("invalid JSON at line 1 column 3: ..."), which users see; nothing else


# --- a diarizer's speaker ids; times a live recogniser wrote as Unix time ---------------------

REAL = Path(__file__).parent / "data" / "real"


def test_pyhearingai_speaker_ids_are_the_speakers() -> None:
    # PyHearingAI's whisper + pyannote JSON (real file, SOURCES.md) names each voice only in
    # "speaker_id"; every line showed as "?" and one speaker's sentence stayed in three pieces.
    name = "json-segments-speaker_id-pyhearingai.json"
    episode = formats.parse((REAL / name).read_text(encoding="utf-8"), Episode(id="phai"), name)
    assert episode.speakers == ["Speaker 1", "Speaker 2"]
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments[:3]] == [
        (0.0, 4.56, "Speaker 1", "So, Yaacob, the conversation started."),
        (4.56, 6.88, "Speaker 1", "What did I tell you that we're going to do?"),
        (6.88, 14.52, "Speaker 2", "You told me that you're going to ask me some questions, so yeah."),
    ]
    joined = next(s for s in episode.segments if s.text.startswith("Now, tell me"))
    assert (joined.start, joined.end, joined.speaker) == (23.4, 34.48, "Speaker 1")
    assert joined.text.endswith("even if we're talking over each other.")
    assert episode.duration == 43.8 and len(episode.segments) == 14


@pytest.mark.parametrize(("entries", "speakers"), [
    # Bare numbers are a diarizer's, shown as a speaker service's are.
    ([{"speaker_id": 0}, {"speaker_id": 1}], ["Speaker 0", "Speaker 1"]),
    # Azure Video Indexer's transcript insights: "speakerId": 1.
    ([{"speakerId": 1}, {"speakerId": 2}], ["Speaker 1", "Speaker 2"]),
    # Translation and dubbing tools: "speaker_label": "SPEAKER_00" (pyannote's), "spk".
    ([{"speaker_label": "SPEAKER_00"}, {"speaker_label": "SPEAKER_01"}], ["Speaker 0", "Speaker 1"]),
    ([{"spk": "Ana"}, {"spk": "Ben"}], ["Ana", "Ben"]),
    # A name beside the id is the name (the id only tells the voices apart); an id alone is shown.
    ([{"speaker_id": "S0", "speaker_label": "SPEAKER_00", "speaker_name": "Ana"}, {"speaker_id": "S1"}],
     ["Ana", "Speaker 1"]),
])
def test_speaker_ids_and_labels_name_the_speaker_when_no_name_does(entries: list[dict], speakers: list[str]) -> None:  # type: ignore[type-arg]
    texts = ["Hello and welcome.", "Thanks for having me."]
    segments = [{"start": 2.0 * k, "end": 2.0 * k + 2, "text": text, **entry}
                for k, (entry, text) in enumerate(zip(entries, texts))]
    episode = formats.parse(json.dumps({"segments": segments}), Episode(id="ids"), "ids.json")
    assert [(s.speaker, s.text) for s in episode.segments] == list(zip(speakers, texts))


def _realtime_asr(segments: list[tuple[float, float, str]], start: float | None, length: float = 56.059332847595215) -> str:
    """realtime-ASR-diarized's transcript.json (a faithful sample of its shape: no licence to copy it)."""
    metadata: dict[str, object] = {"duration": length, "speakers": 1, "date": "2025-03-16T21:49:29.059239"}
    if start is not None:
        metadata = {"start_time": start, **metadata}
    return json.dumps({
        "metadata": metadata,
        "segments": [{"speaker_id": "S0", "speaker_name": "Speaker 1", "text": text, "start_time": a, "end_time": b,
                      "confidence": 0.0, "language": "en"} for a, b, text in segments],
        "speakers": {"S0": {"name": "Speaker 1", "color": "#FF4B4B", "total_duration": 1.0, "speech_segments": 1}},
    })


_UNIX_SEGMENTS = [(1742176115.013432, 1742176117.013433, "I need your help."),
                  (1742176120.8709068, 1742176122.870908, "Thank you."),
                  (1742176128.464594, 1742176130.464594, "Hi Jake, how are you?")]


def test_unix_times_count_from_the_recordings_start() -> None:
    # Read as seconds into the recording these are 55 years in: they were left empty and
    # the times guessed from word counts (the first three lines at ~0:00, ~0:01, ~0:02).
    episode = formats.parse(_realtime_asr(_UNIX_SEGMENTS, 1742176112.999885), Episode(id="rt"), "transcript.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (2.013, 4.013, "Speaker 1", "I need your help."),
        (7.871, 9.871, "Speaker 1", "Thank you."),
        (15.465, 17.465, "Speaker 1", "Hi Jake, how are you?"),
    ]
    assert (episode.date, episode.duration) == ("2025-03-16", 56.059)  # the metadata's, its local day
    assert episode.extra["clock_start"] == 1742176112.999885
    assert {r.kind: r.detail for r in episode.repairs}["unix_times"] == (
        "times are Unix time (seconds since 1970), not places in the recording; counted from 2025-03-17 01:48:33 "
        "UTC, the recording's start ('metadata.start_time'), so the first segment starts at 0:02")
    assert not {"bad_timestamp", "times_estimated"} & set(kinds(episode))
    # A stated length that cannot be seconds (in ms, 56059 would be 15 hours) is not the duration.
    in_ms = formats.parse(_realtime_asr(_UNIX_SEGMENTS, 1742176112.999885, 56059), Episode(id="ms"), "transcript.json")
    assert in_ms.duration == 17.465


def test_unix_times_without_a_stated_start_count_from_the_first_and_date_the_episode() -> None:
    bare = json.dumps([{"start": a, "end": b, "text": text} for a, b, text in _UNIX_SEGMENTS])
    episode = formats.parse(bare, Episode(id="rt"), "live.json")
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 2.0), (5.858, 7.858), (13.452, 15.452)]
    assert episode.date == "2025-03-17"  # the first words' day, in UTC
    assert {r.kind: r.detail for r in episode.repairs}["unix_times"].endswith(
        "counted from 2025-03-17 01:48:35 UTC, the first segment's start, so the first segment starts at 0:00")
    # Only when every time is plainly Unix time of this century and none goes back: a clock
    # that jumps backwards, or one time that is not Unix time, is left as it was.
    backwards = json.dumps([{"start": a, "end": b, "text": text} for a, b, text in reversed(_UNIX_SEGMENTS)])
    stray = json.dumps([{"start": 12.5, "end": 14.0, "text": "Hello."},
                        *({"start": a, "end": b, "text": text} for a, b, text in _UNIX_SEGMENTS)])
    for text in (backwards, stray):
        other = formats.parse(text, Episode(id="odd"), "odd.json")
        assert "unix_times" not in kinds(other) and other.date is None


def test_chinese_written_a_character_a_token_joins_its_letters_and_digits_too() -> None:
    # Deepgram's Chinese (a faithful sample of a podcast app's saved response, which has no licence)
    # writes every character, letters and digits included, as a token: "這個 m g a 3 的油脂" and
    # "c o v i d 1 9" stayed spelled out, so a search for "covid19" or "100" found nothing.
    text = ("還 有 這 個 m g a 3 的 油 脂 從 原 來 的 3 0 0 降 到 大 概 1 0 0 左 右 "
            "這 幾 年 因 為 c o v i d 1 9 的 關 係 I T 業 也 變 了")
    episode = parse(json.dumps({"segments": [{"start": 0, "end": 9, "speaker": "0", "text": text}]}))
    assert episode.segments[0].text == "還有這個 mga3 的油脂從原來的 300 降到大概 100 左右這幾年因為 covid19 的關係 IT 業也變了"
    assert "letter or digit runs" in str(episode.repairs)
    # Latin words among spaced Chinese keep their own spaces: "I am a" is words, not a spelled-out run.
    said = parse(json.dumps({"segments": [{"start": 0, "end": 4, "text": "我 們 說 I am a teacher 好 的 好 的"}]}))
    assert said.segments[0].text == "我們說 I am a teacher 好的好的"


def test_times_written_as_dates_and_times_of_day_count_from_the_first() -> None:
    # A meeting bot's JSON Lines (a faithful sample; the repository has no licence): each line's
    # "start_time" an ISO 8601 date and time. They were unreadable, left empty, then estimated.
    lines = [
        {"id": 1, "start_time": "2025-08-19T09:00:05Z", "end_time": "2025-08-19T09:00:10Z", "speaker": "Speaker 1",
         "text": "Good morning everyone, thanks for joining today's meeting."},
        {"id": 2, "start_time": "2025-08-19T09:00:11Z", "end_time": "2025-08-19T09:00:18Z", "speaker": "Speaker 2",
         "text": "Morning! Happy to be here."},
        {"id": 3, "start_time": "2025-08-19T09:00:20Z", "end_time": "2025-08-19T09:00:27Z", "speaker": "Speaker 1",
         "text": "First, we'll go over last week's tasks."},
    ]
    episode = parse("\n".join(json.dumps(line) for line in lines))
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (0.0, 5.0, "Speaker 1"), (6.0, 13.0, "Speaker 2"), (15.0, 22.0, "Speaker 1")]
    assert episode.date == "2025-08-19"
    assert "times are dates and times of day" in str(episode.repairs)
    assert "times_estimated" not in kinds(episode) and "bad_timestamp" not in kinds(episode)


def test_a_meeting_bots_participant_names_the_speaker() -> None:
    # A Zoom call's transcript written by a meeting bot (a faithful sample; no licence): each
    # utterance's "participant" is who spoke, and every segment had none.
    data = {"meeting_uuid": "x", "num_channels": 2, "utterances": [
        {"participant": "UnknownChannel2", "start_ms": 14640, "end_ms": 15980, "text": "Hi, sir. Good afternoon."},
        {"participant": "Adi Tiwari", "start_ms": 16800, "end_ms": 18020, "text": "Hey, Justin. How are you?"}]}
    episode = parse(json.dumps(data))
    assert [(s.start, s.speaker) for s in episode.segments] == [(14.64, "UnknownChannel2"), (16.8, "Adi Tiwari")]


def clip(speaker: str, *entries: tuple[float, float, str]) -> list[Any]:
    return [speaker, [{"start": start, "end": end, "content": text} for start, end, text in entries]]


def test_clips_keyed_by_file_name_read_in_order_with_their_speakers() -> None:
    # A diarizer's clips (roundtable's transcript.json; a faithful sample, the repository has no
    # licence): each file name holds its speaker and its entries, times on the recording's clock.
    # The file was refused as having no 'segments'.
    data = {
        "interview-10001.wav": clip("speaker_SPEAKER_04", (0.256, 3.584, "Hollywood Reporter comedy actors"),
                                    (3.84, 6.144, "I'm your host Lacey Rose and I'm here with")),
        "interview-10002.wav": clip("speaker_SPEAKER_09", (13.824, 14.336, "How are you")),
        "interview-10003.wav": clip("speaker_SPEAKER_05"),
        "interview-10006.wav": clip("speaker_SPEAKER_06", (16.162, 16.93, "You have a beautiful")),
    }
    episode = formats.parse(json.dumps(data, indent=4), Episode(id="t"), "transcript.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.256, 6.144, "Speaker 4", "Hollywood Reporter comedy actors I'm your host Lacey Rose and I'm here with"),
        (13.824, 14.336, "Speaker 9", "How are you"),
        (16.162, 16.93, "Speaker 6", "You have a beautiful"),
    ]
    assert "interview-10001.wav" not in episode.extra  # the clips are the timeline, not metadata
    assert "4 clips keyed by file name" in str(episode.repairs) and "1 clips hold no words" in str(episode.repairs)


def test_clips_with_their_own_clocks_follow_one_another_in_the_order_of_their_numbers() -> None:
    # Each clip's times start again at 0: nothing places a clip in the recording, so each is put
    # where the one before ends, and the report says the times are estimated. Listed out of order.
    data = {
        "part-10.wav": clip("SPEAKER_00", (0.5, 2.0, "And that is all.")),
        "part-2.wav": clip("SPEAKER_01", (0.0, 3.0, "Thanks for having me.")),
        "part-1.wav": clip("SPEAKER_00", (0.0, 4.0, "Welcome to the show.")),
    }
    episode = formats.parse(json.dumps(data), Episode(id="t"), "clips.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 4.0, "Speaker 0", "Welcome to the show."),
        (4.0, 7.0, "Speaker 1", "Thanks for having me."),
        (7.5, 9.0, "Speaker 0", "And that is all."),
    ]
    assert "times after the first clip are estimated" in str(episode.repairs)


def test_segments_with_starts_only_each_run_until_the_next_starts() -> None:
    # Orbit FM's JSON transcripts (orbitfm/orbit.fm, MIT): a "timestamp" a turn and no end; each
    # had ended nowhere. A segment that gives its end keeps it.
    site = json.dumps({"podcast": "BookBytes", "episode": "3", "transcript": [
        {"text": "(Intro music: Electro Swing)"},
        {"timestamp": "0:00:13.9", "speaker": "Adam Garrett-Harris", "text": "Hello and welcome to BookBytes."},
        {"timestamp": "0:00:43.4", "speaker": "Safia Abdalla", "text": "I am Safia."},
        {"timestamp": "0:00:45.0", "speaker": "Jason Staten", "text": "I'm Jason Staten."}]})  # fmt: skip
    episode = parse(site)
    assert [(s.start, s.end) for s in episode.segments if s.text] == [(13.9, 43.4), (43.4, 45.0), (45.0, None)]
    assert "missing_end" in kinds(episode)
    given = parse(doc({"startTime": 0, "endTime": 2, "body": "Hi."}, {"startTime": 5, "body": "Bye."}))
    assert [(s.start, s.end) for s in given.segments] == [(0, 2), (5, None)] and "missing_end" not in kinds(given)


def test_a_meetings_own_object_gives_its_title_date_and_agenda_as_chapters() -> None:
    # A city council's structured transcript (norrin302/fairfax-council-transcripts): the meeting's
    # facts and its timed agenda items sit in an object of their own beside the turns; read as
    # before, the title came from the file name, no date, and 50 generated chapters instead.
    doc = {"schema": "fairfax.structured_transcript.v1",
           "meeting": {"meeting_id": "jan-13-2026", "meeting_date": "2026-01-13", "title": "City Council Meeting",
                       "sections": [{"start_seconds": 108, "label": "1. Call the regular meeting to order. 7:00 P.M."},
                                    {"start_seconds": 183, "label": "2. Pledge of Allegiance."}]},
           "turns": [{"turn_id": "turn_000001", "start": 83923, "end": 137214, "speaker": "Mayor Catherine Read",
                      "text": "Good evening. I'm going to read a motion to conclude the closed meeting."},
                     {"turn_id": "turn_000002", "start": 137500, "end": 182000, "speaker": "Mayor Catherine Read",
                      "text": "The motion carries. We will now call the regular meeting to order."},
                     {"turn_id": "turn_000003", "start": 183100, "end": 200000, "speaker": "Councilmember Bates",
                      "text": "Please rise for the Pledge of Allegiance."}]}  # fmt: skip
    episode = read("jan-13-2026.json", json.dumps(doc))
    assert (episode.title, episode.date) == ("City Council Meeting", "2026-01-13")
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [
        ("1. Call the regular meeting to order. 7:00 P.M.", 108, 1), ("2. Pledge of Allegiance.", 183, 2)]  # fmt: skip
    assert [s.start for s in episode.segments] == [83.923, 137.5, 183.1]
    # A recogniser's "metadata" object still gives only its date: its "title" is often the tool's.
    tool = read("session.json", json.dumps({"metadata": {"title": "realtime session", "date": "2025-03-16"},
                             "segments": doc["turns"]}))  # fmt: skip
    assert tool.date == "2025-03-16" and tool.title != "realtime session"


def test_a_calls_diarized_segments_show_the_role_each_voice_plays() -> None:
    # A call-centre pipeline (whisper and pyannote) gives each segment a diarizer id and the part
    # that voice plays: "SPEAKER_01" with "speaker_type": "CLIENT". A faithful sample.
    def segment(start: float, speaker: str, role: str, text: str) -> dict[str, Any]:
        return {"start": start, "end": start + 2, "text": text, "speaker": speaker, "speaker_type": role}

    call = {"metadata": {"model": "Whisper-large-v3", "diarization": "pyannote-3.1"}, "segments": [
        segment(1.94, "SPEAKER_01", "CLIENT", " Алло, здравствуйте, это кто?"),
        segment(4.26, "SPEAKER_00", "OPERATOR", " Здравствуйте, Юрий. Я звоню вам с предложением."),
        segment(31.0, "SPEAKER_01", "CLIENT", " Слушаю."),
    ]}  # fmt: skip
    episode = parse(json.dumps(call, ensure_ascii=False))
    assert [s.speaker for s in episode.segments] == ["Client", "Operator", "Client"]
    # Two voices in one role stay two voices.
    call["segments"][2]["speaker"] = "SPEAKER_02"
    assert [s.speaker for s in parse(json.dumps(call)).segments] == ["SPEAKER_01", "SPEAKER_00", "SPEAKER_02"]


def _span(value: str, ts: float | None = None, end: float | None = None) -> dict[str, Any]:
    return {"type": 0, "formatOptions": [], "value": value} | ({} if ts is None else {"ts": ts, "endTs": end})


def test_amberscript_segments_take_their_words_times_and_the_listed_speakers_names() -> None:
    # Amberscript's JSON (revdotcom/speech-datasets, CORAAL): segments hold only timed words, the names
    # in a list of speakers. All 222 segments were untimed (times estimated, 1,285 s for 1,862 s) and
    # the voices "spk1", "spk2". A faithful sample.
    def words(*timed: tuple[float, float, str]) -> list[dict[str, Any]]:
        return [{"start": a, "end": b, "duration": round(b - a, 8), "text": t, "conf": 1, "pristine": True}
                for a, b, t in timed]  # fmt: skip

    data = {"id": "fc5d5ee0-c690-4dd8-ad25-1bfd057b75ee", "recordId": "miguelrevcom_1690469003497_193464158",
            "filename": "interview_3.wav", "startTimeOffset": 0,
            "speakers": [{"spkid": "spk1", "name": "Interviewee"}, {"spkid": "spk2", "name": "Interviewer"}],
            "segments": [{"speaker": "spk1", "words": words((0.88, 1.12, "Don't"), (1.12, 1.38, "send"),
                                                             (1.38, 1.52, "him."))},
                         {"speaker": "spk2", "words": words((9.04, 9.12, "Okay,"), (9.12, 9.22, "what's"),
                                                             (9.22, 9.34, "your"), (9.34, 9.62, "name?"))},
                         {"speaker": "spk1", "words": words((1861.5, 1862.17, "Bye."))}],
            "highlights": []}  # fmt: skip
    episode = formats.parse(json.dumps(data), Episode(id="x"), "ATL_se0_ag1_f_01_1.json")
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.88, 1.52, "Interviewee", "Don't send him."), (9.04, 9.62, "Interviewer", "Okay, what's your name?"),
        (1861.5, 1862.17, "Interviewee", "Bye.")]  # fmt: skip
    assert episode.duration == 1862.17 and "missing_time" not in {r.kind for r in episode.repairs}
    # Only a list that names every id the segments give renames them.
    data["speakers"] = data["speakers"][:1]
    assert {s.speaker for s in parse(json.dumps(data)).segments} == {"spk1", "spk2"}


def test_revs_transcript_editor_spans_are_read_beside_an_empty_segments_list() -> None:
    # Rev's transcript editor (revdotcom/speech-datasets): "monologues" of "spans", words timed and the
    # spaces and punctuation not, the speakers a list, and "segments": [] beside them. It was stored
    # as an empty episode ("no transcript text in it"). A faithful sample.
    data = {"speakers": [{"id": 0, "name": "Interviewee", "accent": None, "icon": "0", "note": ""},
                         {"id": 1, "name": "Interviewer", "accent": None, "icon": "1", "note": ""}],
            "monologues": [
                {"id": 1, "speaker": 0, "startTime": 0.6, "spans": [
                    _span("They", 0.6, 0.69), _span(" "), _span("talking", 0.69, 0.9), _span(' about, "'),
                    _span("Don't", 0.99, 1.23), _span(" "), _span("send", 1.23, 1.5), _span(' him."')]},
                {"id": 2, "speaker": 1, "startTime": None, "spans": [
                    _span("("), _span("laughs", 2.43, 2.55), _span(")")]},
                {"id": 3, "speaker": 1, "startTime": 14.46, "spans": [
                    _span("Are", 14.46, 14.6), _span(" you a male or female?")]},
                {"id": 4, "speaker": 0, "startTime": None, "spans": [_span("I'm a girl, I think.")]}],
            "segments": [], "comments": [], "versionNumber": 12, "offsetSeconds": 0, "name": "interview_3.m4a",
            "metadata": {"mediaTime": 1862.614603, "mediaEnded": True}}  # fmt: skip
    episode = parse(json.dumps(data))
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (0.6, "Interviewee", 'They talking about, "Don\'t send him."', []), (2.43, "Interviewer", "", ["(laughs)"]),
        (14.46, "Interviewer", "Are you a male or female?", []), (14.6, "Interviewee", "I'm a girl, I think.", [])]  # fmt: skip


def test_gentles_alignment_reads_its_transcript_and_never_takes_character_offsets_for_times() -> None:
    # Gentle's align.json of a podcast interview (dstuartelliott/shopify-podcast-translator): 544 of
    # 8,762 words "not-found-in-audio" carry only their place in the text (startOffset, in characters),
    # which was read as seconds: 13 hours for a 55-minute episode, 347 segments out of order, and no
    # punctuation. A faithful sample (the phones left out).
    words = [
        {"alignedWord": "today", "case": "success", "end": 77.16000000000001, "endOffset": 7, "start": 77.04, "startOffset": 2, "word": "Today"},
        {"alignedWord": "i'm", "case": "success", "end": 77.24, "endOffset": 11, "start": 77.16, "startOffset": 8, "word": "I’m"},
        {"alignedWord": "joined", "case": "success", "end": 77.49, "endOffset": 18, "start": 77.24, "startOffset": 12, "word": "joined"},
        {"alignedWord": "by", "case": "success", "end": 77.64, "endOffset": 21, "start": 77.49, "startOffset": 19, "word": "by"},
        {"alignedWord": "emily", "case": "success", "end": 78.10000000000001, "endOffset": 27, "start": 77.68, "startOffset": 22, "word": "Emily"},
        {"alignedWord": "and", "case": "success", "end": 78.22999999999999, "endOffset": 31, "start": 78.1, "startOffset": 28, "word": "and"},
        {"alignedWord": "nathan", "case": "success", "end": 78.55, "endOffset": 38, "start": 78.23, "startOffset": 32, "word": "Nathan"},
        {"alignedWord": "from", "case": "success", "end": 78.71, "endOffset": 43, "start": 78.55, "startOffset": 39, "word": "from"},
        {"alignedWord": "<unk>", "case": "success", "end": 79.13, "endOffset": 53, "start": 78.71, "startOffset": 44, "word": "Healthish"},
        {"case": "not-found-in-audio", "endOffset": 64, "startOffset": 55, "word": "Healthish"},
        {"alignedWord": "sells", "case": "success", "end": 80.0, "endOffset": 70, "start": 79.61, "startOffset": 65, "word": "sells"},
        {"alignedWord": "health", "case": "success", "end": 80.31, "endOffset": 77, "start": 80.0, "startOffset": 71, "word": "health"},
        {"alignedWord": "based", "case": "success", "end": 80.579999, "endOffset": 83, "start": 80.309999, "startOffset": 78, "word": "based"},
        {"alignedWord": "products", "case": "success", "end": 80.92, "endOffset": 92, "start": 80.59, "startOffset": 84, "word": "products"},
    ]  # fmt: skip
    transcript = '" Today I’m joined by Emily and Nathan from Healthish. Healthish sells health based products.'
    episode = formats.parse(json.dumps({"transcript": transcript, "words": words}), Episode(id="x"), "align.json")
    assert " ".join(s.text for s in episode.segments) == transcript
    assert episode.segments[0].start == 77.04 and episode.duration == 80.92
    assert all(s.start is not None and 77 <= s.start <= 81 for s in episode.segments)


def test_podloves_intro_and_outro_entries_are_directions_not_words() -> None:
    # Podlove's transcript JSON (podlove/podlove-web-player's fixtures, Forschergeist 45): the intro
    # and outro are entries with no speaker, "Intro" and "Outro" their only words, stored as speech.
    # A faithful sample.
    entries = [{"start": "00:00:00.0", "end": "00:00:43.1", "text": "Intro"},
               {"start": "00:00:43.1", "end": "00:01:17.2", "speaker": "timpritlove",
                "text": "Hallo und herzlich willkommen zu Forschergeist."},
               {"start": "00:01:17.2", "end": "00:01:18.9", "speaker": "lyndalroper", "text": "Guten Tag."},
               {"start": "00:01:29.8", "end": "00:01:32.1", "speaker": "lyndalroper", "text": "Ich komme aus Melbourne."},
               {"start": "00:03:33.5", "end": "00:03:35.8", "speaker": "timpritlove", "text": "In Stuttgart dann?"},
               {"start": "00:03:35.8", "end": "00:03:37.0", "speaker": "lyndalroper", "text": "Ja."},
               {"start": "01:00:51.1", "end": "01:00:58.6", "speaker": "timpritlove", "text": "Tschüss und bis bald."},
               {"start": "01:00:58.6", "text": "Outro"}]  # fmt: skip
    episode = parse(json.dumps(entries))
    assert [(s.start, s.text, s.directions) for s in episode.segments if not s.speaker] == [
        (0.0, "", ["[intro]"]), (3658.6, "", ["[outro]"])]  # fmt: skip
    # Where few entries name a speaker, "Intro" may be what someone said.
    assert parse(json.dumps([{k: v for k, v in e.items() if k != "speaker"} for e in entries])).segments[0].text == "Intro"


def test_assemblyais_audio_duration_is_the_length() -> None:
    # AssemblyAI's transcript answer (EngineeringKiosk/webpage keeps them for its episode pages) states
    # "audio_duration" in seconds; the length was the last word's end, 6 s short. A faithful sample.
    data = {"language_code": "de", "audio_url": "https://cloud.inlupus.at/s/BkiMSSDQjw7f8AB/download/ep110_okr.mp3",
            "speaker_labels": True, "speakers_expected": 3, "status": "completed", "audio_duration": 4683.0,
            "utterances": [{"speaker": "A", "text": "Willkommen zu einer neuen Episode.", "start": 120, "end": 2400},
                           {"speaker": "B", "text": "Danke und tschüss.", "start": 4670100, "end": 4676799}]}  # fmt: skip
    episode = formats.parse(json.dumps(data), Episode(id="x"), "110-transcript-slim.json")
    assert episode.duration == 4683.0 and episode.segments[-1].end == 4676.799


def test_youtube_captions_converted_to_a_list_keep_each_line_once() -> None:
    # YouTube's automatic captions dumped as {start, end, text} (FaizalZahid/faizalzahid.github.io; the
    # shape theirs, the words written here): each line flashes for 10 ms, then stays as its own cue.
    # Every line was stored twice, 193 of 386 segments.
    lines = [(2.71, 2.72, "okay so I found this website"), (2.72, 4.349, "okay so I found this website"),
             (4.349, 4.359, "called the house of wisdom"), (4.359, 7.03, "called the house of wisdom")]  # fmt: skip
    episode = parse(json.dumps([{"start": a, "end": b, "text": t} for a, b, t in lines]))
    assert [(s.start, s.text) for s in episode.segments] == [
        (2.72, "okay so I found this website"), (4.359, "called the house of wisdom")]
    assert "2 cues shown for a moment" in next(r.detail for r in episode.repairs if r.kind == "flash_cues")


def test_whisper_stuck_in_a_loop_in_json_is_kept_once() -> None:
    # A livestream's whisper segments (Kishkumen32/ffxiv-fanfest): 822 "Let's get started." in a row.
    segments = [{"start": 30.0 * k, "timestamp": f"{k // 2}:{30 * (k % 2):02d}", "text": "Let's get started."}
                for k in range(8)] + [{"start": 240.0, "text": "Welcome to the panel, everyone."}]  # fmt: skip
    episode = parse(json.dumps({"segments": segments}))
    assert [s.text for s in episode.segments] == ["Let's get started.", "Welcome to the panel, everyone."]
    assert "repetition_loop" in kinds(episode)
    # People saying one line in turn are no loop.
    said = parse(doc(*[{"speaker": who, "startTime": k, "endTime": k + 1, "body": "Thank you so much."}
                       for k, who in enumerate(["Ana", "Ben", "Cy"])]))  # fmt: skip
    assert len(said.segments) == 3


def test_times_written_with_underscores_for_colons_are_clocks_not_numbers() -> None:
    # A lecture cut into five-minute chunks (DaveArcher18/LecToNotes): "00_05_00" was read as the number
    # 500, as Python reads "00_05_00", so a 95-minute lecture ran 3.75 hours.
    chunks = [{"start": f"00_{5 * k:02d}_00", "end": f"00_{5 * k + 5:02d}_00", "content": f"Part {k} of the lecture."}
              for k in range(3)] + [{"start": "00_55_00", "end": "01_00_00", "content": "The last part."}]  # fmt: skip
    episode = parse(json.dumps(chunks))
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 300.0), (300.0, 600.0), (600.0, 900.0),
                                                            (3300.0, 3600.0)]
    # Nor are "nan" and "infinity" times, which float() would also take.
    odd = parse(doc({"startTime": "nan", "endTime": "infinity", "body": "Hello."}))
    assert [(s.start, s.end) for s in odd.segments] == [(None, None)]


def test_an_object_mapping_starts_to_words_is_a_transcript() -> None:
    # A script's save of YouTube's transcript (shrutisusan26/Multi-ModalSummarization): each start in
    # seconds a key, its caption line the value. It was refused ("no 'segments' list").
    lines = {"0.64": "what's up guys it's the host", "3.6": "of the show and today we're going", "6.2": "to build a moderator."}
    episode = parse(json.dumps(lines))
    assert [s.start for s in episode.segments] == [0.64, 3.6, 6.2]
    assert " ".join(s.text for s in episode.segments).endswith("today we're going to build a moderator.")
    assert "words_by_start" in kinds(episode)
    with pytest.raises(SourceRejected):
        parse(json.dumps({"1": "a", "2": "b"}))  # two entries are any object's


def test_times_named_in_seconds_are_read() -> None:
    # A Groq whisper script's JSON (LevyDeSales/trueoutspeak-transcricoes; its shape): "startSeconds",
    # "endSeconds", "durationSeconds". Every time was thrown away and estimated from the words instead.
    data = {"schemaVersion": 1, "durationSeconds": 140.5, "segments": [
        {"id": 0, "startSeconds": 0.0, "endSeconds": 20.32, "text": "Boa noite, meus amigos."},
        {"id": 1, "startSeconds": 20.32, "endSeconds": 42.26, "text": "Mas vamos começar aqui."},
        {"id": 2, "start_seconds": 42.26, "end_seconds": 132.7, "text": "E diz assim."}]}  # fmt: skip
    episode = parse(json.dumps(data))
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 20.32), (20.32, 42.26), (42.26, 132.7)]
    assert episode.duration == 140.5
    assert "missing_time" not in kinds(episode)


def test_a_scrapers_record_with_the_transcript_as_one_string_is_read_as_its_text() -> None:
    # A scraper's earnings calls (nathan8823/earnings-transcripts, see SOURCES.md): the call's facts and
    # its whole transcript under "transcript", a copy under "prepared_remarks". The file was refused.
    said = ("Operator:Good morning and welcome to the Apogee third quarter call. " * 3
            + "\n\nDon Nolan:Before I get into our results, I want to thank our team for their work this quarter. "
            + "\n\nMark Ogdahl:These results reflect pricing and the UW Solutions acquisition.\n\n"
            + "Don Nolan:No, we expect margins to normalize next year.\n")  # fmt: skip
    record = {"ticker": "APOG", "title": "Apogee (APOG) Q3 2026 Earnings Call Transcript", "year": 2026,
              "transcript": said, "prepared_remarks": said, "qa_section": "", "word_count": 4629}
    episode = parse(json.dumps(record))
    assert episode.title == "Apogee (APOG) Q3 2026 Earnings Call Transcript"
    assert [s.speaker for s in episode.segments] == ["Operator", "Don Nolan", "Mark Ogdahl", "Don Nolan"]
    assert "prepared_remarks" not in episode.extra and episode.extra["ticker"] == "APOG"


def test_a_records_bare_link_is_its_page_or_its_recording() -> None:
    # Scrapers keep the page they read as "url" (or "link"): it was kept in extra, so the episode had no
    # link back to its page. A link to a media file is the recording; a page_url given beside it wins.
    said = "Operator: Good morning and welcome to the third quarter call. " * 10
    page = parse(json.dumps({"title": "Q3 call", "url": "https://www.fool.com/earnings/call-transcripts/q3/",
                             "transcript": said}))
    assert page.page_url == "https://www.fool.com/earnings/call-transcripts/q3/" and "url" not in page.extra
    audio = parse(json.dumps({"link": "https://cdn.example.com/ep12.MP3", "segments": [
        {"startTime": 0, "endTime": 2, "body": "Hello there."}]}))
    assert (audio.media_url, audio.page_url) == ("https://cdn.example.com/ep12.MP3", None)
    both = parse(json.dumps({"url": "https://a.example/x", "page_url": "https://b.example/y", "transcript": said}))
    assert both.page_url == "https://b.example/y" and both.extra["url"] == "https://a.example/x"
    # however the page's own field is spelt, it wins and the bare link is kept (review: it was lost)
    spelt = parse(json.dumps({"url": "https://a.example/x", "pageUrl": "https://b.example/y", "transcript": said}))
    assert spelt.page_url == "https://b.example/y" and spelt.extra["url"] == "https://a.example/x"
    video = parse(json.dumps({"url": "https://www.youtube.com/watch?v=pN3jRihVpGk", "transcript": said}))
    assert video.youtube_id == "pN3jRihVpGk"
    # where the captions or the API's answer came from is no page to read (review)
    for source in ("https://cdn.example.com/subs/ep12.en.vtt", "https://api.example.com/api/v1/transcripts/12"):
        fetched = parse(json.dumps({"url": source, "transcript": said}))
        assert fetched.page_url is None and fetched.extra["url"] == source


# A video player's cue list in Japanese, a translation beside each (Awelson/video-transcript-player,
# a faithful sample): each cue is a sentence, but with no spaces each counted as one word, so the
# list was read as words and joined into 30-second blocks.
JAPANESE_CUES = [
    {"id": 1, "startTime": 0, "endTime": 7.3, "text": "今の時期は秋に収穫された大きくてりっぱなジャガイモが店頭に並びます。",
     "subtext": "Around this time of year, large and splendid potatoes harvested in the fall line the store shelves."},
    {"id": 2, "startTime": 7.3, "endTime": 15.7, "text": "ジャガイモを買ってからしばらく立って芽が出たり皮が緑色になっていたという経験はありませんか？",
     "subtext": "Have you ever had the experience of buying potatoes, and after a while, they sprouted?"},
    {"id": 3, "startTime": 15.7, "endTime": 20.0, "text": "今日はジャガイモの保存方法を紹介します。",
     "subtext": "Today I will introduce how to store potatoes."},
    {"id": 4, "startTime": 20.0, "endTime": 24.5, "text": "まず、冷暗所に置くことが大切です。", "subtext": "First, keep them cool and dark."},
]  # fmt: skip


def test_japanese_sentences_in_a_cue_list_stay_sentences() -> None:
    episode = formats.parse(json.dumps(JAPANESE_CUES, ensure_ascii=False), Episode(id="jp"), "transcript.json")
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 7.3), (7.3, 15.7), (15.7, 20.0), (20.0, 24.5)]


def test_japanese_words_one_an_entry_are_still_joined() -> None:
    words = [{"start": 0.1 * k, "end": 0.1 * k + 0.1, "text": w} for k, w in enumerate(["今日", "の", "テーマ", "は", "保存", "です。"])]
    episode = formats.parse(json.dumps(words, ensure_ascii=False), Episode(id="jp"), "words.json")
    assert len(episode.segments) == 1 and episode.segments[0].text == "今日のテーマは保存です。"


# 3Blue1Brown's captions repository (3b1b/captions, faithful samples): a video's word timings as
# [word, start, end] lists, refused as "not a transcript"; and its sentences beside their translations
# ("input", "translatedText"), read as nothing at all.
WORD_TIMINGS = [[" In", 3.3, 3.82], [" my", 3.82, 4.34], [" video", 4.34, 4.56], [" on", 4.56, 4.76],
                [" the", 4.76, 4.92], [" circle", 4.92, 5.12], [" division", 5.12, 5.44], [" problem,", 5.44, 5.88],
                [" I", 6.18, 6.24], [" referenced", 6.24, 6.6], [" Euler's", 6.6, 7.16], [" formula.", 7.16, 7.62]]
SENTENCE_TRANSLATIONS = [
    {"input": "The setup here starts with a cylinder full of sugar water, basically.",
     "translatedText": "ここでのセットアップは、基本的に砂糖水で満たされたシリンダーから始まります。",
     "model": "DeepL", "n_reviews": 0, "start": 0.0, "end": 10.2},
    {"input": "And what that means, basically, is that the light is polarized.",
     "translatedText": "つまり、光は偏光しているということです。", "model": "DeepL", "n_reviews": 0, "start": 10.82, "end": 20.16},
]  # fmt: skip


def test_a_list_of_timed_words_is_read_as_words() -> None:
    episode = formats.parse(json.dumps(WORD_TIMINGS), Episode(id="euler"), "word_timings.json")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (3.3, 7.62, "In my video on the circle division problem, I referenced Euler's formula.")]


def test_sentences_beside_their_translations_read_the_original() -> None:
    episode = formats.parse(json.dumps(SENTENCE_TRANSLATIONS, ensure_ascii=False), Episode(id="pole"),
                            "sentence_translations.json")  # fmt: skip
    assert [(s.start, s.text[:22]) for s in episode.segments] == [(0.0, "The setup here starts "), (10.82, "And what that means, b")]
    assert episode.extra["translations"][1] == "つまり、光は偏光しているということです。"


def test_a_list_of_prompts_and_answers_is_still_no_transcript() -> None:
    data = [{"input": "What is 2 + 2?", "output": "4"}, {"input": "Capital of France?", "output": "Paris"}]
    episode = Episode(id="x")
    podcast_json.parse(json.dumps(data), episode)
    assert not episode.segments and any(r.kind == "no_segments" for r in episode.repairs)


def test_a_mission_loop_names_its_speakers_by_source_and_its_words_by_message() -> None:
    # A mission's air-ground loop as one JSON array (issa-tseng/apollo13rt; its shape, our words): each
    # record's call sign under "source", its words under "message", times in whole seconds; "(note)" is
    # the editor's, and a stand-in "Guest CAPCOM" is not the CAPCOM of every other turn.
    loop = [
        {"id": 0, "start": 100, "end": 104, "source": "CDR", "line": 1, "message": "We are ready for the next burn."},
        {"id": 1, "start": 106, "end": 107, "source": "CAPCOM", "line": 4, "message": "Copy that, thank you."},
        {"id": 2, "start": 110, "end": 113, "source": "LMP", "line": 7, "message": "Pressure looks steady here."},
        {"id": 3, "start": 115, "end": 120, "source": "(note)", "line": 10, "message": "<< A side call is heard. >>"},
        {"id": 4, "start": 121, "end": 123, "source": "CAPCOM", "line": 13, "message": "Stand by for the numbers."},
        {"id": 5, "start": 124, "end": 125, "source": "Guest CAPCOM", "line": 16, "message": "Hello from the back room."},
        {"id": 6, "start": 126, "end": 128, "source": "CDR", "line": 19, "message": "Good to hear you."},
    ]
    episode = read("air-ground-loop.json", json.dumps(loop))
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("CDR", "We are ready for the next burn."), ("CAPCOM", "Copy that, thank you."),
        ("LMP", "Pressure looks steady here."), (None, "<< A side call is heard. >>"),
        ("CAPCOM", "Stand by for the numbers."), ("Guest CAPCOM", "Hello from the back room."),
        ("CDR", "Good to hear you."),
    ]  # fmt: skip
    assert [s.end - s.start for s in episode.segments[:3] if s.start is not None and s.end is not None] == [4, 1, 3]


def test_a_source_field_that_names_no_one_is_no_speaker() -> None:
    # "source" is where many tools say which recogniser wrote an entry: no speaker then.
    entries = [{"start": k, "end": k + 1, "source": "whisper", "text": f"Line number {k} of the talk."} for k in range(6)]
    episode = read("talk.json", json.dumps(entries))
    assert {s.speaker for s in episode.segments} == {None}


def test_a_meeting_corpus_record_reads_its_transcript_list_and_keeps_the_rest_apart() -> None:
    # A meeting-summarisation corpus's record (Yale-LILY/QMSum; its shape, our words): topics and queries
    # first, then "meeting_transcripts" of {speaker, content} turns with no times.
    record = {
        "topic_list": [{"topic": "Budget of the new remote", "relevant_text_span": [["0", "2"]]}],
        "general_query_list": [{"query": "Summarise the meeting.", "answer": "They agreed on a budget."}],
        "specific_query_list": [{"query": "What did marketing want?", "answer": "A cheaper case.",
                                 "relevant_text_span": [["1", "1"]]}],
        "meeting_transcripts": [
            {"speaker": "Project Manager", "content": "Right, shall we start with the budget ?"},
            {"speaker": "Marketing", "content": "I would like the case to cost less ."},
            {"speaker": "Industrial Designer", "content": "We can use plastic for that ."},
        ],
    }
    episode = read("meeting.json", json.dumps(record))
    assert [(s.start, s.speaker, s.text[:20]) for s in episode.segments] == [
        (None, "Project Manager", "Right, shall we star"), (None, "Marketing", "I would like the cas"),
        (None, "Industrial Designer", "We can use plastic f"),
    ]  # fmt: skip
    assert episode.extra["general_query_list"][0]["answer"] == "They agreed on a budget."


def test_lists_of_notes_with_words_only_are_still_no_transcript() -> None:
    # Records with words but neither speaker nor time are not taken for turns under an unknown key.
    data = {"notes": [{"text": "Buy milk."}, {"text": "Call the plumber."}], "owner": "me"}
    with pytest.raises(SourceRejected):
        podcast_json.parse(json.dumps(data), Episode(id="x"))


def test_json_lines_of_meeting_segments_give_speakers_from_slugs_and_times_in_seconds() -> None:
    # A meeting archive's segments as JSON Lines (NickCrews/gbos-transcripts; its shape, our words): the
    # speaker as a person's slug, times under "start_secs" / "end_secs", no word list.
    lines = [
        {"person_slug": "ana-lima", "text": "I call this meeting to order at seven.", "start_secs": 60, "end_secs": 75,
         "words": None, "_curated": True},
        {"person_slug": "tom-okafor-reyes", "text": "Thank you. I have a question on the road plan.",
         "start_secs": 1843, "end_secs": 1860, "words": None, "_curated": True},
    ]  # fmt: skip
    episode = read("segments.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (60.0, 75.0, "Ana Lima"), (1843.0, 1860.0, "Tom Okafor Reyes")]


def _timed_words(text: str, start: float, step: float = 0.5) -> list[dict[str, Any]]:
    return [{"text": w, "start": round(start + k * step, 2), "end": round(start + (k + 1) * step, 2)}
            for k, w in enumerate(text.split())]  # fmt: skip


def test_json_lines_of_minute_long_word_chunks_are_read_as_sentences_not_one_segment_a_chunk() -> None:
    # A meeting pipeline's golden output (NickCrews/gbos-transcripts; its shape, our words): each line a
    # two-minute chunk holding only its timed words, no speaker.
    sentence = "We looked at the budget for the road again and the numbers still do not add up for us."
    first = _timed_words(" ".join([sentence] * 12), 0.0)  # 12 sentences of 19 words, 114 s
    second = _timed_words(" ".join([sentence] * 6), 120.0)
    text = json.dumps({"words": first}) + "\n" + json.dumps({"words": second}) + "\n"
    episode = read("golden.jsonl", text)
    assert len(episode.segments) > 2
    assert all(s.text.endswith("for us.") for s in episode.segments)
    assert all(s.start is not None and s.end is not None and s.end - s.start <= 60 for s in episode.segments)
    assert episode.segments[-1].end == 177.0


def test_sentences_given_as_their_words_stay_one_segment_each() -> None:
    # Entries already sentence-sized keep their own breaks.
    entries = [{"words": _timed_words("Short line number one here.", 0.0)},
               {"words": _timed_words("And here comes another one.", 3.0)}]
    episode = read("lines.json", json.dumps(entries))
    assert [s.text for s in episode.segments] == ["Short line number one here.", "And here comes another one."]


def test_a_meeting_corpus_marks_are_sounds_and_breaks_not_words() -> None:
    # QMSum's AMI meetings (Yale-LILY/QMSum; its shape, our words) mark sounds, untranscribed stretches
    # and where a speaker breaks off inside the words.
    record = {"meeting_transcripts": [
        {"speaker": "Marketing", "content": "We could uh {disfmarker} we should test it {vocalsound} first ."},
        {"speaker": "Project Manager", "content": "Agreed , {gap} next week then ."},
    ]}
    episode = read("meeting.json", json.dumps(record))
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("We could uh we should test it first .", ["[vocal sound]"]), ("Agreed , next week then .", ["[inaudible]"])]


# A scraper's search results (shape of AustinEWood/YouTube-Search-Scrape's transcript.json): a list
# of videos, each a record whose keys have spaces and capitals, its whole transcript one string.
_VIDEO_RECORDS = [
    {"Video Name": "Pruning Apple Trees in Winter", "Video ID": "aaaaaaaaaa1",
     "Video Transcript": "today we are out in the orchard\nand the first cut is always the dead wood " * 6},
    {"Video Name": "Grafting for Beginners", "Video ID": "bbbbbbbbbb2",
     "Video Transcript": "a clean knife matters more than anything else you bring along"},
]


def test_a_list_of_video_records_keeps_every_transcript_one_chapter_a_video() -> None:
    episode = read("search.json", json.dumps(_VIDEO_RECORDS))
    said = " ".join(s.text for s in episode.segments)
    assert "first cut is always the dead wood" in said and "a clean knife matters more" in said
    assert [c.title for c in episode.chapters] == ["Pruning Apple Trees in Winter", "Grafting for Beginners"]
    assert episode.chapter_of(len(episode.segments) - 1).title == "Grafting for Beginners"  # type: ignore[union-attr]
    assert [part["youtube_id"] for part in episode.extra["parts"]] == ["aaaaaaaaaa1", "bbbbbbbbbb2"]
    assert "several_transcripts" in {r.kind for r in episode.repairs}


def test_one_record_whose_transcript_key_is_capitalised_is_read() -> None:
    record = {"Video Name": "Grafting for Beginners", "Video Transcript": "a clean knife matters more than ever " * 12}
    episode = read("one.json", json.dumps(record))
    assert episode.title == "Grafting for Beginners"
    assert "a clean knife matters more" in episode.segments[0].text


def test_timed_entries_whose_words_sit_under_transcript_stay_segments() -> None:
    # A meeting tool's turns (shape of MuhammadAzan169/AI-Meeting-Sense's transcript.json): each entry is
    # a segment with its own times, its words under "transcript", not a transcript of its own.
    long_turn = "we could list the house in spring when buyers are out looking " * 5
    rows = [{"speaker": "Agent", "start": 0.0, "end": 6.5, "transcript": long_turn},
            {"speaker": "Client", "start": 6.0, "end": 9.5, "transcript": "That works for us."}]
    episode = read("call.json", json.dumps(rows))
    assert [(s.start, s.speaker) for s in episode.segments][-1] == (6.0, "Client")
    assert not episode.chapters


def test_a_scripts_paragraphs_of_words_timed_by_their_ends_are_read_one_segment_a_paragraph() -> None:
    # A web page's karaoke script (Arash217/web-design-1819, public/transcript.js; its shape, our words):
    # `const transcript = [[{"text": "Good", "end": "0.300"}, …], […]];`, each inner list a turn, each
    # word saying only when it ends, as a string. It was refused: "the JSON 'segments' hold no segment objects".
    turns = [[("Good", "0.300"), ("evening,", "0.700"), ("everyone.", "1.400")],
             [("Thanks", "2.100"), ("for", "2.300"), ("coming.", "2.900")]]
    value = [[{"text": word, "end": end} for word, end in turn] for turn in turns]
    episode = formats.parse(f"const transcript = {json.dumps(value, indent=4)};\n", Episode(id="page"), "transcript.js")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 1.4, "Good evening, everyone."), (1.4, 2.9, "Thanks for coming.")]


def test_paragraphs_under_numbered_keys_as_lists_of_words_are_read_untimed() -> None:
    # The same page's words saved without their times (Arash217/web-design-1819, transcript.json; its
    # shape, our words): {"0": ["Good", "evening,"…], "1": […]}. It was refused as no known JSON.
    data = {str(k): words.split() for k, words in enumerate(["Good evening, everyone.", "Thanks for coming.",
                                                              "Shall we start?", "Yes, please."])}
    episode = read("transcript.json", json.dumps(data, indent=2))
    assert [(s.start, s.text) for s in episode.segments] == [
        (None, "Good evening, everyone."), (None, "Thanks for coming."), (None, "Shall we start?"), (None, "Yes, please.")]


def test_rows_of_start_end_speaker_and_words_under_one_key_are_segments() -> None:
    # The shape of JokingXie/meeting-minutes' transcription_result.json: {"result": [[start, end,
    # "speaker0", words], …]}, positional rows. It was refused as no known JSON. Our own meeting.
    rows = [[0.0, 6.5, "speaker0", "欢迎各位参加年会。"], [7.0, 11.2, "speaker1", "谢谢主持人。"],
            [12.0, 15.0, "speaker0", "下面请看议程。"]]
    for data in ({"result": rows}, rows):
        episode = read("transcription_result.json", json.dumps(data, ensure_ascii=False))
        assert timeline(episode) == [(0.0, 6.5, "Speaker 0", "欢迎各位参加年会。"), (7.0, 11.2, "Speaker 1", "谢谢主持人。"),
                                     (12.0, 15.0, "Speaker 0", "下面请看议程。")]  # fmt: skip


def test_an_aligners_words_keep_what_is_written_around_them() -> None:
    # samuelbradshaw/text-to-timestamps' word JSON (its shape, our words): each word with a "prefix" (a
    # verse's number) and a "suffix" (a space, nothing, a paragraph break), the text's name in
    # metadata.title. The numbers were lost, "dawn—Dusk" read "dawn— Dusk", and the title was missed.
    def word(text: str, start: float, prefix: str = "", suffix: str = " ") -> dict[str, Any]:
        return {"text": text, "prefix": prefix, "suffix": suffix, "startTime": start, "endTime": start + 0.3}

    doc = {"metadata": {"_": "made by an aligner", "title": "Psalm of the Morning", "lang": "en"}, "segments": [
        word("SONG", 0.5), word("2", 0.8, suffix="\n\n"), word("At", 1.5, prefix="1 "), word("dawn", 1.8, suffix=""),
        word("Dusk", 2.1, prefix="—"), word("both", 2.4), word("sing.", 2.7, suffix="\n\n"),
        word("And", 3.5, prefix="2 "), word("we", 3.8), word("listen.", 4.1, suffix="")]}  # fmt: skip
    episode = read("psalm.word.json", json.dumps(doc))
    assert episode.title == "Psalm of the Morning"
    assert " ".join(s.text for s in episode.segments) == "SONG 2 1 At dawn—Dusk both sing. 2 And we listen."
    assert episode.segments[0].start == 0.5


@pytest.mark.parametrize("data", [
    {"rows": [[1, 2, "GET", "/index"], [2, 3, "POST", "/login"], [3, 4, "GET", "/home"]]},  # a request log
    [[1, 2, "x", "y"], [3, 4, "z", "w"]],  # two rows of any table
    {"data": [[0.0, 1.0, "a", "b"]]},
    [[0, 1e300, "Ana", "so it goes"], [1, 2, "Bo", "and on it goes"], [2, 3, "Ana", "until it ends"]],  # no time
    [[5, 6, "Ana", "so it goes"], [1, 2, "Bo", "and on it goes"], [9, 10, "Ana", "until it ends"]],  # backwards
    [[0, 1, "Oslo", "a city up north"], [1, 2, "Rome", "a city down south"], [2, 3, "Lima", "a city out west"]],
    [[0, 1, "", ""], [1, 2, "", ""], [2, 3, "", ""]],
])
def test_tables_of_two_numbers_and_two_strings_that_are_no_talk_are_refused(data: Any) -> None:
    # Only rows that read as a talk are timed turns: a few of them, with sentences, times in order
    # within a recording's length, and voices that speak more than once.
    with pytest.raises(SourceRejected, match="JSON|segment"):
        read("table.json", json.dumps(data))


def test_film_subtitles_as_a_json_list_lose_their_markup_and_credit_as_captions_do() -> None:
    # A film's subtitles saved as a top-level JSON list of {start, end, text} in milliseconds
    # (stevencrader/transcriptator's fixture; their shape, our words). The italic tags stayed in the
    # words and the subtitler's credit was stored as speech; the same film as VTT is read without either.
    data = [
        {"start": 1, "end": 4000, "text": "Subtitles: @someone_subs"},
        {"start": 20000, "end": 23000, "text": "Another warm morning\nhere on the coast."},
        {"start": 60000, "end": 62500, "text": "<i>La-la-la, the radio sings</i>"},
        {"start": 63000, "end": 66000, "text": "Turn it <b>down</b>, would you?"},
    ]
    episode = parse(json.dumps(data))
    assert [s.text for s in episode.segments] == [
        "Another warm morning here on the coast.",
        "La-la-la, the radio sings",
        "Turn it down, would you?",
    ]
    assert "credit_lines" in kinds(episode)


def test_youtube_transcript_api_fragments_are_joined_into_sentences_as_its_start_map_is() -> None:
    """youtube-transcript-api's ``[{text, start, duration}]`` saved with ``json.dump``, bare or by video id
    (as scripts on GitHub keep it; samples in that shape): YouTube's caption fragments, joined into
    sentences as the ``{start: text}`` save of the same captions is, not a segment a fragment."""
    said = ["so today we're going to talk", "about how rivers carve their", "valleys over thousands of years.",
            "and the first thing to know", "is that water is patient.", "it keeps working at the rock",
            "long after we stop watching.", "now let's look at an example", "from the Colorado plateau,",
            "where the river has cut", "a mile down into the stone.", "it took millions of years."]
    fragments = [{"text": text, "start": round(2.2 * k, 2), "duration": 2.4} for k, text in enumerate(said)]
    by_start = parse(json.dumps({str(f["start"]): f["text"] for f in fragments}))
    for saved in (fragments, {"dQw4w9WgXcQ": fragments}):
        episode = parse(json.dumps(saved))
        assert [(s.start, s.text) for s in episode.segments] == [(s.start, s.text) for s in by_start.segments]
        assert episode.segments[0].text == "so today we're going to talk about how rivers carve their valleys over thousands of years."
        assert "joined_fragments" in kinds(episode)


def test_a_list_of_parts_whose_times_run_on_is_one_episode() -> None:
    # One talk saved in parts, each with its own 'segments', the times running on: it was stored
    # with no segments; several transcripts whose times each start again are refused instead.
    parts = [{"segments": [{"startTime": 0, "endTime": 4, "speaker": "Ann", "body": "Part one."},
                           {"startTime": 4, "endTime": 8, "speaker": "Ann", "body": "More."}]},
             {"segments": [{"startTime": 9, "endTime": 12, "speaker": "Bob", "body": "Part two."}]}]
    assert [(s.start, s.speaker, s.text) for s in parse(json.dumps(parts)).segments] == [
        (0.0, "Ann", "Part one."), (4.0, "Ann", "More."), (9.0, "Bob", "Part two.")]
    parts[1]["segments"][0]["startTime"] = 0
    with pytest.raises(SourceRejected, match="a list of 2 transcripts"):
        parse(json.dumps(parts))


def test_chapters_beside_the_transcript_in_a_list_and_parts_titles_are_its_chapters() -> None:
    # The chapters object beside the segments, and each part's title, were dropped: no chapters.
    segments = [{"startTime": 0, "endTime": 4, "speaker": "Ann", "body": "Welcome."},
                {"startTime": 4, "endTime": 9, "speaker": "Bob", "body": "Thanks."},
                {"startTime": 60, "endTime": 65, "speaker": "Ann", "body": "Now the news."}]
    beside = [{"segments": segments}, {"chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 60, "title": "News"}]}]
    episode = parse(json.dumps(beside))
    assert [s.text for s in episode.segments] == ["Welcome.", "Thanks.", "Now the news."]
    assert [(c.start, c.title, c.first_segment) for c in episode.chapters] == [(0.0, "Intro", 0), (60.0, "News", 2)]
    parts = [{"title": "Opening", "segments": segments[:2]}, {"title": "The news", "segments": segments[2:]}]
    episode = parse(json.dumps(parts))
    assert [s.text for s in episode.segments] == ["Welcome.", "Thanks.", "Now the news."]
    assert [(c.start, c.title, c.first_segment) for c in episode.chapters] == [(0.0, "Opening", 0), (60.0, "The news", 2)]


def test_spotify_read_along_transcript_is_read_with_its_voices_and_chapters() -> None:
    """Spotify's read-along transcript of Acquired, as a logged-in session fetched it
    (mvanhorn/printing-press-library's podcast-goat fixture): 'section' holds sentences
    ({"text": {"sentence": {"text"}}}) and titles, a 'Speaker N' title where a voice starts and
    other titles the episode's chapters. It was refused as no transcript this reader knows."""
    episode = real("spotify-read-along-acquired.json")
    assert (episode.title, episode.show) == ("10 Years of Acquired (with Michael Lewis)", "Acquired")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.68, None, "Happy 10 years."),
        (1.6, "Speaker 2", "Happy 10 year anniversary, Ben."),
        (3.08, "Speaker 2", "It's."),
        (3.56, "Speaker 1", "Crazy it's been 10 years."),
        (4.8, "Speaker 2", "I know here we are, brought you down here to Silicon Valley to record our 10 year "
                           "anniversary holiday special here."),
        (12.0, "Speaker 2", "I wanted a special place."),
    ]
    assert [(c.start, c.title, c.first_segment) for c in episode.chapters] == [
        (0.68, "Celebrating 10 Years in Google's Original Garage", 0)]


def test_a_list_of_speakers_each_with_their_segments_is_one_talk() -> None:
    # Each speaker's segments in a group of their own, the times interleaved: it was refused as
    # "a list of 2 transcripts", though every segment has its time and its group names who speaks.
    groups = [{"speaker": "Ann", "segments": [{"start": 0, "end": 4, "text": "Hello and welcome."},
                                              {"start": 10, "end": 14, "text": "So tell me more."}]},
              {"speaker": "Bob", "segments": [{"start": 4, "end": 10, "text": "Thanks for having me."},
                                              {"start": 14, "end": 20, "text": "It started in 2010."}]}]
    assert [(s.start, s.speaker, s.text) for s in parse(json.dumps(groups)).segments] == [
        (0.0, "Ann", "Hello and welcome."), (4.0, "Bob", "Thanks for having me."),
        (10.0, "Ann", "So tell me more."), (14.0, "Bob", "It started in 2010.")]  # fmt: skip
    by_id = [{"speaker_id": n, "segments": g["segments"]} for n, g in enumerate(groups)]  # a diarizer's groups
    assert [(s.start, s.speaker) for s in parse(json.dumps(by_id)).segments] == [
        (0.0, "Speaker 0"), (4.0, "Speaker 1"), (10.0, "Speaker 0"), (14.0, "Speaker 1")]  # fmt: skip
    episodes = [{"name": f"Episode {n}", "segments": g["segments"]} for n, g in enumerate(groups, 1)]
    with pytest.raises(SourceRejected, match="a list of 2 transcripts"):
        parse(json.dumps(episodes))  # named, not by who speaks: episodes still
    languages = [{"language": code, "segments": g["segments"]} for code, g in zip(("en", "es"), groups)]
    with pytest.raises(SourceRejected, match=r"2 transcripts in different languages \(en, es\): save one file per language"):
        parse(json.dumps(languages))  # one episode in two languages, not two episodes


def test_a_list_of_talks_each_by_its_speaker_and_timed_from_its_start_is_refused() -> None:
    # A conference's talks, each with its speaker and its own timeline from 0, were read as one talk,
    # the two speakers' sentences taking turns: "Good morning everyone." then "Thank you all for coming."
    talks = [{"title": "Keynote", "speaker": "Jane Doe", "segments": [
                 {"start": 0, "end": 5, "text": "Good morning everyone."}, {"start": 5, "end": 10, "text": "Today: soil."},
                 {"start": 10, "end": 15, "text": "Soil is alive."}]},
             {"title": "Closing talk", "speaker": "Mark Lee", "segments": [
                 {"start": 0, "end": 6, "text": "Thank you all for coming."}, {"start": 6, "end": 12, "text": "Let me sum up."},
                 {"start": 12, "end": 16, "text": "It was great."}]}]  # fmt: skip
    for listed in (talks, [{k: v for k, v in talk.items() if k != "title"} for talk in talks]):
        with pytest.raises(SourceRejected, match="a list of 2 transcripts"):
            parse(json.dumps(listed))


def test_words_with_no_segments_beside_a_timed_item_are_kept() -> None:
    # The first item's text not cut into segments: the timed one was taken as the file's
    # transcript and the first's words were dropped.
    items = [{"text": "Hello there, this is the opening of the show.", "segments": []},
             {"text": " Hello there. How are you?",
              "segments": [{"start": 0.0, "end": 2.0, "text": " Hello there."},
                           {"start": 2.0, "end": 4.0, "text": " How are you?"}]}]
    assert "this is the opening" in " ".join(s.text for s in parse(json.dumps(items)).segments)


def test_a_list_of_episodes_one_of_them_untimed_is_refused_as_transcripts() -> None:
    # A scraper's episodes, one with its words and no times: they were stored as one episode, the
    # episodes' words one after another (or a timed episode's segments dropped for the other's text).
    def timed(n: int) -> dict[str, Any]:
        return {"title": f"Ep {n}", "segments": [{"start": 0.0, "end": 2.0, "text": f"Welcome to episode {n}."},
                                                 {"start": 2.0, "end": 5.0, "text": "Today: bees."}]}
    untimed = {"title": "Ep 2", "text": "Welcome to episode 2. Today we talk about wasps."}
    with pytest.raises(SourceRejected, match=r"a list of 3 transcripts .*1 with no times.*save one file per episode"):
        parse(json.dumps([timed(1), untimed, timed(3)]))
    with pytest.raises(SourceRejected, match="a list of 2 transcripts"):
        parse(json.dumps([timed(1), untimed]))
    untitled = [{k: v for k, v in x.items() if k != "title"} for x in (timed(1), untimed, timed(3))]
    with pytest.raises(SourceRejected, match="a list of 3 transcripts"):
        parse(json.dumps(untitled))  # the times start again: episodes still, counted whole


def test_a_list_of_untimed_episodes_each_titled_is_refused_as_transcripts() -> None:
    # Stored as one episode, the episodes' words one after another, no title kept.
    episodes = [{"title": f"Ep {n}", "url": f"https://example.com/ep/{n}",
                 "text": f"Welcome to episode {n}. Today we talk about {topic}."}
                for n, topic in ((1, "bees"), (2, "wasps"), (3, "ants"))]
    with pytest.raises(SourceRejected, match=r"^a list of 3 transcripts \(each with its own title and its own words, "
                                             r"no times\), not one episode: save one file per episode$"):
        parse(json.dumps(episodes))
    # one title over two texts, texts with no title, or sections each titled and named by nothing else
    # (one talk's "Intro", "Q&A"): one episode's paragraphs, read as before
    sections = [{"title": title, "text": x["text"]} for title, x in zip(("Intro", "Q&A", "Outro"), episodes)]
    for same in ([{**x, "title": "Ep 1"} for x in episodes], [{"text": x["text"]} for x in episodes], sections):
        assert [s.text for s in parse(json.dumps(same)).segments] == [x["text"] for x in episodes]


def test_an_untitled_timed_item_beside_one_with_words_alone_loses_neither() -> None:
    # The timed item's segments were dropped (it has no words of its own) and the other's text kept.
    timed = {"segments": [{"start": 0.0, "end": 2.0, "text": "Hello there."},
                          {"start": 2.0, "end": 4.0, "text": "Nice to meet you."}]}
    words = {"text": "And a few words at the end with no times."}
    for listed, order in (([timed, words], [0, 1, 2]), ([words, timed], [2, 0, 1])):
        episode = parse(json.dumps(listed))
        said = [(0.0, "Hello there."), (2.0, "Nice to meet you."), (None, "And a few words at the end with no times.")]
        assert [(s.start, s.text) for s in episode.segments] == [said[k] for k in order]


def test_one_whisper_result_beside_items_with_no_timeline_keeps_its_times() -> None:
    # A run's settings (or an empty result) beside the one result: the segments were passed over and
    # only the result's whole text kept, untimed.
    result = {"text": " Hello there. More words.", "language": "en",
              "segments": [{"id": 0, "start": 0.0, "end": 3.0, "text": " Hello there."},
                           {"id": 1, "start": 3.0, "end": 6.0, "text": " More words."}]}
    for other in ({"file": "talk.mp3", "model": "small"}, {"text": "", "segments": []}):
        episode = parse(json.dumps([other, result]))
        assert [(s.start, s.text) for s in episode.segments] == [(0.0, "Hello there."), (3.0, "More words.")]


def test_a_diarization_with_no_words_is_refused_and_nothing_stored(tmp_path: Path, db_path: Path) -> None:
    # A diarizer's speaker turns and no text (a spokendata-style list; pyannote's turns saved as JSON,
    # bilal2103/AI-sentiment-analysis's {start, stop, speaker, id}; sohail120/smart_audio_system_be's
    # "segment" list in ms; samples in their shapes): stored as an episode with no segments, the
    # report describing the turns it had dropped.
    turns = [{"speaker": f"SPEAKER_0{k % 2}", "start": 3.1 * k, "end": 3.1 * k + 2.9} for k in range(151)]
    for data in (turns, {"segments": turns}, [{"start": t["start"], "stop": t["end"], "speaker": t["speaker"], "id": k}
                                              for k, t in enumerate(turns)],
                 {"id": "sss", "totalSpeakers": 2, "segment": [{"speaker": t["speaker"], "start": round(1000 * t["start"]),
                                                               "end": round(1000 * t["end"])} for t in turns]}):  # fmt: skip
        with pytest.raises(SourceRejected, match="^151 speaker turns with times but no words; a diarization without its transcript"):
            parse(json.dumps(data))
    source = tmp_path / "diarization.json"
    source.write_text(json.dumps({"segments": turns}), encoding="utf-8")
    result = podsift("ingest", "--no-embed", "--json", str(source), db=db_path, check=None)
    (outcome,) = json.loads(result.stdout)["files"]
    assert outcome["status"] == "failed" and "151 speaker turns with times but no words" in outcome["error"], outcome
    assert json.loads(podsift("episodes", "--json", db=db_path).stdout) == []
    # Turns with their words are a transcript still.
    assert len(parse(json.dumps([t | {"text": "Hello there."} for t in turns[:2]])).segments) == 2



def test_a_calls_notes_with_speakers_and_times_are_not_called_a_diarization() -> None:
    # A call's notes as an LLM writes them (ergo's weekly calls): speakers and times, and sentences under
    # keys no transcript uses. No diarizer's turns: refused as an unknown JSON, not as "no words".
    notes = {"call_title": "Weekly Update", "decisions": [
        {"id": k, "timestamp": f"0{k}:40", "speaker": "Armeanio", "topic": "bridge",
         "decision": "Rosen bridge will launch Friday based on current test trajectories"} for k in range(4)]}
    with pytest.raises(SourceRejected) as info:
        parse(json.dumps(notes))
    assert "no words" not in str(info.value) and "no speech service's output" in str(info.value)
    # Short sentences under such keys, or a list of them bare, are words all the same.
    short = {"title": "Weekly sync", "items": [{"speaker": "Ann", "start": 60 * k, "end": 60 * k + 60,
                                                "decision": "Ship on Friday."} for k in range(3)]}
    with pytest.raises(SourceRejected) as info:
        parse(json.dumps(short))
    assert "no words" not in str(info.value)
    summaries = [{"speaker": "Ann" if k % 2 else "Bob", "start": 60 * k, "end": 60 * k + 60,
                  "summary": "Ann opened the meeting and set this week's goals."} for k in range(3)]
    try:
        refusal = str(parse(json.dumps(summaries)))
    except SourceRejected as err:
        refusal = str(err)
    assert "no words" not in refusal

# --- a file cut short: an interrupted download ------------------------------------------------------

_PODCAST_20 = doc(*({"speaker": name, "startTime": i * 2.0, "endTime": i * 2 + 2.0, "body": f"Line [{i}] said."}
                    for i, name in enumerate(["Ana", "Bo", "Ana", "Bo"])))
_WHISPER = json.dumps({"text": " Line 0. Line 1. Line 2. Line 3.", "segments": [
    {"id": i, "start": i * 2.0, "end": i * 2 + 2.0, "text": f" Line {i}.",
     "words": [{"word": " Line", "start": i * 2.0, "end": i * 2 + 1.0}, {"word": f" {i}.", "start": i * 2 + 1.0,
                                                                          "end": i * 2 + 2.0}]}
    for i in range(4)], "language": "en"}, indent=2)
_YOUTUBE = json.dumps([{"text": f"Line {i}.", "start": i * 2.0, "duration": 2.0} for i in range(4)])


@pytest.mark.parametrize(
    ("text", "cut_inside"),
    [
        (_PODCAST_20, "Line [3"),  # inside the last segment's words, a bracket among them
        (_PODCAST_20, '"speaker": "Bo", "startTime": 6.0'),
        (_WHISPER, '"word": " 3.",'),  # inside the last segment's own word list
        (_YOUTUBE, '{"text": "Line 3.", "sta'),
        (_YOUTUBE, '{"text": "Line 3.", "start": 6.0, "duration": 2.0}'),  # the list's "]" alone lost
    ],
)
def test_json_cut_short_reads_its_whole_segments_and_says_so(text: str, cut_inside: str) -> None:
    cut = text[: text.index(cut_inside) + len(cut_inside)]
    episode = formats.parse(cut, Episode(id="cut"), "cut.json")
    whole = 4 if cut.endswith("}") else 3
    assert [(s.start, s.text) for s in episode.segments] == [
        (i * 2.0, f"Line [{i}] said." if text == _PODCAST_20 else f"Line {i}.") for i in range(whole)]
    assert {r.kind: r.detail for r in episode.repairs}["cut_short"] == (
        f"the file ends inside its JSON (looks cut short): read the {whole} whole items of its list before the cut")


def test_whisper_json_cut_inside_its_first_segment_is_refused_saying_no_timings_survived() -> None:
    # Refused as invalid JSON at a line and column, though Whisper's top-level "text" came whole before
    # the cut: the user was not told the file was cut, nor what was left of it. Its words alone are not
    # stored: untimed, they would stand in for the timed captions Whisper writes beside the JSON.
    cut = _WHISPER[: _WHISPER.index('"start": 0.0') + 5]
    with pytest.raises(SourceRejected, match=r"^the file ends inside its first segment \(looks cut short\): its whole "
                                             r"'text' came before the cut but no timings survived; ingest the captions"):
        formats.parse(cut, Episode(id="cut"), "cut.json")
    # its "text" cut too: nothing whole to read, refused where it breaks
    with pytest.raises(SourceRejected, match="invalid JSON at line 2 column"):
        formats.parse(_WHISPER[: _WHISPER.index("Line 2.")], Episode(id="cut"), "cut.json")


@pytest.mark.parametrize("cut_inside", ["'text': \"today we", "'start': 5.47, 'durat", "'duration': 2.53}"])
def test_a_printout_of_youtube_transcript_api_cut_short_reads_its_whole_items(cut_inside: str) -> None:
    # Refused as invalid JSON, as neither a whole printout nor JSON.
    cut = PRINTED_LIST[: PRINTED_LIST.index(cut_inside) + len(cut_inside)]
    episode = formats.parse(cut, Episode(id="cut"), "cut.txt")
    whole = 3 if cut.endswith("}") else 2
    assert [s.text for s in episode.segments] == ["", "welcome back to the channel",
                                                  "today we're looking at data contracts"][:whole]
    assert episode.segments[1].start == 2.47
    assert {r.kind: r.detail for r in episode.repairs}["cut_short"] == (
        f"the file ends inside its JSON (looks cut short): read the {whole} whole items of its list before the cut")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Broken before the cut: refused where it breaks, not read up to the cut.
        (_PODCAST_20.replace('"endTime": 4.0', '"endTime" 4.0')[:-40], "invalid JSON at line 1 column 161"),
        (_YOUTUBE.replace('2.0}, {"text": "Line 1.', '2.0], {"text": "Line 1.')[:-40], "invalid JSON at line 1 column"),
        (_PODCAST_20[:60], "invalid JSON at line 1 column"),  # no segment whole
    ],
)
def test_json_broken_before_it_is_cut_short_is_still_refused(text: str, message: str) -> None:
    with pytest.raises(SourceRejected, match="invalid JSON") as info:
        formats.parse(text, Episode(id="cut"), "cut.json")
    assert message in str(info.value)

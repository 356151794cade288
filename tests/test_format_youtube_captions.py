"""Rolling captions (YouTube's automatic captions) and unnamed caption fragments joined into sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import read, real
from hypothesis import given, settings
from hypothesis import strategies as st
from test_format_captions import parse_srt, parse_vtt

from podsift.formats import cues, srt, webvtt
from podsift.model import Episode, Segment

DATA = Path(__file__).parent / "data" / "formats"
_TAGS = re.compile(r"<[^>]*>")


def stored_words(episode: Episode) -> list[str]:
    return [w for s in episode.segments for w in " ".join([s.text, *s.directions]).split()]


def repair(episode: Episode, kind: str) -> str:
    (found,) = [r.detail for r in episode.repairs if r.kind == kind]
    return found


def vtt(*cues_: tuple[float, float, str]) -> str:
    def ts(t: float) -> str:
        return cues.format_timestamp(t, millis=True)

    return "WEBVTT\n\n" + "".join(f"{ts(a)} --> {ts(b)}\n{text}\n\n" for a, b, text in cues_)


# --- YouTube's automatic captions (yt-dlp --write-auto-subs) ---------------------


def youtube_spoken_words(text: str) -> list[str]:
    """The words as said, by the file's own layout: each cue that stays on screen
    (not a 10 ms flash) adds its last line; the lines above it are carried over."""
    words: list[str] = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if "-->" not in lines[0] or len(lines) < 2:
            continue
        start, end = (cues.cue_time(t.split()[0]) for t in lines[0].split("-->"))
        if end - start < 0.05:
            continue
        words += _TAGS.sub("", lines[-1]).split()
    return words


def test_youtube_auto_captions_keep_every_word_once() -> None:
    text = (DATA / "youtube-auto.en.vtt").read_text(encoding="utf-8")
    episode = parse_vtt(text)
    spoken = youtube_spoken_words(text)
    assert len(spoken) == 80
    # Read naively, each word would be stored two or three times.
    assert stored_words(episode) == spoken
    assert repair(episode, "rolling_captions").startswith("rolling captions: 18 repeated cues dropped, 15 cut")
    assert "repeated words left out" in repair(episode, "rolling_captions")
    assert episode.speakers == []


def test_youtube_auto_captions_keep_their_times_and_stay_citable() -> None:
    episode = parse_vtt((DATA / "youtube-auto.en.vtt").read_text(encoding="utf-8"))
    segs = episode.segments
    assert segs[0].start == 0.06 and segs[0].text.startswith("hi everyone welcome to the show")
    assert segs[-1].end == 51.98 and segs[-1].text.endswith("thanks for listening bye")
    # No punctuation to end sentences at: segments are cut within 30 s, and [Music] stands apart.
    assert [s.directions for s in segs] == [[], ["[Music]"], []]
    assert all(s.end - s.start <= cues.UNNAMED_TURN for s in segs)
    # The words after the music start when they were said: at their cue, 27.6 s.
    assert segs[2].start == 27.6 and segs[2].text.startswith("okay so first question")
    assert "joined_fragments" in [r.kind for r in episode.repairs]


def test_each_segment_starts_at_its_first_word_s_inline_time() -> None:
    # Captions painted on word by word, each new word with its inline time 0.4 s into its cue.
    said = ["so", "this", "is", "how", "it", "ends.", "then", "we", "start", "again", "with", "more"]
    blocks = []
    for k in range(len(said)):
        text = said[0] + "".join(
            f"<{cues.format_timestamp(i + 0.4, millis=True)}><c> {said[i]}</c>" for i in range(1, k + 1)
        )
        blocks.append((float(k), k + 1.0, text))
    episode = parse_vtt(vtt(*blocks))
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 6.0, "so this is how it ends."),
        (6.4, 12.0, "then we start again with more"),  # "then" was said at 6.4 s, not at its cue's 6.0 s
    ]
    assert "rolling_captions" in [r.kind for r in episode.repairs]


def test_rolling_captions_without_inline_times() -> None:
    # Some downloaders strip the word times: the same overlap rule still applies.
    said = [f"sentence part {k} goes here" for k in range(14)]
    blocks = [(k * 2.0, k * 2.0 + 2.0, (f"{said[k - 1]}\n" if k else "") + said[k]) for k in range(14)]
    episode = parse_vtt(vtt(*blocks))
    assert stored_words(episode) == " ".join(said).split()
    assert repair(episode, "rolling_captions").startswith("rolling captions: 0 repeated cues dropped, 13 cut")
    assert episode.segments[0].start == 0.0 and episode.segments[-1].end == 28.0


def test_painted_on_captions_grow_word_by_word() -> None:
    words = ["so", "this", "is", "how", "a", "caption", "paints", "on", "word", "by", "word", "until", "full"]
    blocks = [(k * 0.5, k * 0.5 + 0.5, " ".join(words[: k + 1])) for k in range(len(words))]
    episode = parse_vtt(vtt(*blocks))
    assert stored_words(episode) == words


def test_repeated_short_replies_are_not_rolling() -> None:
    # Two cues that both say "Yeah." are two replies, not a rolling caption.
    blocks = [(k * 3.0, k * 3.0 + 2.5, f"Here is sentence number {k}.") for k in range(12)]
    blocks[5:7] = [(15.0, 16.0, "Yeah."), (18.0, 19.0, "Yeah.")]
    episode = parse_vtt(vtt(*blocks))
    assert stored_words(episode).count("Yeah.") == 2
    assert "rolling_captions" not in [r.kind for r in episode.repairs]


# --- unnamed fragments (Whisper VTT/SRT) become sentences ------------------------------

WHISPER = [
    (0.0, 2.5, "Welcome back to the show, where we talk"),
    (2.5, 5.0, "about data and the people who work with it."),
    (5.0, 7.2, "Today my guest is someone who has built"),
    (7.2, 9.8, "search systems for a decade,"),
    (9.8, 12.0, "and we will talk about vector databases."),
    (12.0, 14.0, "Is that right?"),
    (17.5, 19.0, "Yes, and about how"),  # 3.5 s of silence before: a new segment
    (19.0, 21.0, "they fail in production."),
    (21.0, 23.5, "So let's start with the basics"),
    (23.5, 26.0, "of embeddings and nearest neighbours."),
    (26.0, 28.0, "What is an embedding?"),
]


def whisper_srt() -> str:
    def ts(t: float) -> str:
        return cues.format_timestamp(t, millis=True, sep=",")

    return "".join(f"{k}\n{ts(a)} --> {ts(b)}\n{text}\n\n" for k, (a, b, text) in enumerate(WHISPER, 1))


EXPECTED_SENTENCES = [
    (0.0, 5.0, "Welcome back to the show, where we talk about data and the people who work with it."),
    (5.0, 12.0, ("Today my guest is someone who has built search systems for a decade, "
                 "and we will talk about vector databases.")),
    (12.0, 14.0, "Is that right?"),
    (17.5, 21.0, "Yes, and about how they fail in production."),
    (21.0, 26.0, "So let's start with the basics of embeddings and nearest neighbours."),
    (26.0, 28.0, "What is an embedding?"),
]


def test_whisper_vtt_fragments_join_into_sentences() -> None:
    episode = parse_vtt(vtt(*WHISPER))
    assert [(s.start, s.end, s.text) for s in episode.segments] == EXPECTED_SENTENCES
    assert all(s.speaker is None for s in episode.segments)
    assert repair(episode, "joined_fragments").startswith("11 caption fragments with no speaker joined into 6 segments")


def test_whisper_srt_fragments_join_into_sentences() -> None:
    episode = parse_srt(whisper_srt())
    assert [(s.start, s.end, s.text) for s in episode.segments] == EXPECTED_SENTENCES


def test_joined_sentences_round_trip() -> None:
    for parse, render in ((parse_vtt, webvtt.render), (parse_srt, srt.render)):
        episode = parse(vtt(*WHISPER) if parse is parse_vtt else whisper_srt())
        again = parse(render(episode))
        assert again.repairs == []
        assert [(s.start, s.end, s.text) for s in again.segments] == EXPECTED_SENTENCES


def test_unnamed_segments_that_would_join_are_kept_apart_on_export() -> None:
    # A timeline (from any source) of short unnamed segments cut mid-sentence: the
    # export marks each with a dash, so reading it back does not join them.
    episode = Episode(id="t")
    for k in range(12):
        episode.add_segment(f"part {k} of a sentence", start=k * 2.0, end=k * 2.0 + 2.0)
    for render, parse in ((webvtt.render, parse_vtt), (srt.render, parse_srt)):
        out = render(episode)
        assert out.count("\n- part") == 11
        again = parse(out)
        assert [(s.start, s.end, s.speaker, s.text) for s in again.segments] == [
            (s.start, s.end, s.speaker, s.text) for s in episode.segments
        ]


PLAIN = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
TRICKY = st.sampled_from(["ok.", "why?", "Maya:", "-", ">>", "NOTE", "WEBVTT", "Kind:", "captions", "12", "3:45"])
# A dash or '>>' before 'Maya:' rightly reads as a new voice, and so does a dash before a capital
# ("s7 - NOTE e7") where captions do it again and again, as film subtitles dash each voice: words
# never put them together.
WORDS = st.lists(st.one_of(PLAIN, TRICKY), min_size=1, max_size=12).map(" ".join).filter(
    lambda words: ">> Maya:" not in words and not re.search(r"(?:^|\s)-\s+[A-Z]", words)
)


@st.composite
def unnamed_timelines(draw: st.DrawFn) -> list[Segment]:
    segments: list[Segment] = []
    clock_ms = 0
    for ordinal in range(draw(st.integers(10, 20))):
        start = clock_ms + draw(st.sampled_from([0, 500, 2_000, 2_001, 5_000]))
        end = start + draw(st.sampled_from([1, 1_000, 3_000, 29_000, 31_000]))
        directions = draw(st.sampled_from([[], [], ["[Music]"]]))
        # Unique first and last words: cues that repeat the words of the cue before
        # would (rightly) read back as rolling captions.
        last = draw(st.sampled_from([f"e{ordinal}", f"e{ordinal}.", f"e{ordinal}?"]))
        text = f"s{ordinal} {draw(WORDS)} {last}"
        segments.append(Segment(ordinal, start / 1000, end / 1000, None, text, directions))
        clock_ms = end
    return segments


@settings(max_examples=60, deadline=None)
@given(unnamed_timelines())
def test_unnamed_timelines_round_trip(segments: list[Segment]) -> None:
    episode = Episode(id="t")
    for s in segments:
        episode.add_segment(s.text, start=s.start, end=s.end, directions=s.directions)
    expected = [(s.start, s.end, s.speaker, s.text, s.directions) for s in episode.segments]
    for render, parse in ((webvtt.render, parse_vtt), (srt.render, parse_srt)):
        again = parse(render(episode))
        assert [(s.start, s.end, s.speaker, s.text, s.directions) for s in again.segments] == expected


def test_captions_opening_with_chevrons_start_turns_and_the_report_counts_them() -> None:
    # A podcast's YouTube live stream as WebVTT (see SOURCES.md): ">>" opens a cue where the voice
    # changes. Each such cue starts a segment and loses its mark, and the report says how many.
    episode = real("youtube-chevrons-pythonbytes-215.vtt")
    starts = {s.start: s.text for s in episode.segments}
    assert starts[25.68] == "How long is it?"
    assert starts[27.24] == "Yes, definitely."
    assert starts[186.08] == "Yeah, no big surprise there since 2012, I would say."
    assert not any(">>" in s.text for s in episode.segments)
    assert repair(episode, "voice_changes").startswith("8 captions open with '>>', which marks a new voice")


def test_json_entries_opening_with_chevrons_are_counted_alike() -> None:
    entries = [{"text": ">> Hi." if k % 2 else "Hello there.", "start": 2.0 * k, "duration": 2.0} for k in range(6)]
    episode = read("captions.json", json.dumps(entries))
    assert [s.text for s in episode.segments].count("Hi.") == 3
    assert repair(episode, "voice_changes").startswith("3 captions open with '>>'")


# Tactiq's YouTube transcript (the tactiq.io extension's "free youtube transcript" download), as
# notes repositories keep it; no permissively licensed copy was found, so these are faithful samples
# of its shape written here: a stamp, the video's title and its address, then a caption line a time.
_TACTIQ = """# tactiq.io free youtube transcript
# Porting a snake game to the browser
# https://www.youtube.com/watch/Ab3dEfGh1jK

00:00:00.120 hello everyone today we take
00:00:02.639 an old snake game and make it run
00:00:05.080 inside a web browser so there
00:00:07.720 is a tutorial where I show how
00:00:09.920 to make the game itself and
00:00:12.040 we take that and make it work
"""


def test_tactiq_header_names_the_video_and_is_not_its_title_or_speech() -> None:
    episode = read("talk.txt", _TACTIQ)
    assert episode.title == "Porting a snake game to the browser"
    assert episode.youtube_id == "Ab3dEfGh1jK"
    assert [(s.start, s.text) for s in episode.segments][0] == (0.12, "hello everyone today we take")
    assert not any("tactiq" in w or "youtube.com" in w for w in stored_words(episode))


def test_tactiq_placeholders_for_a_missing_title_and_late_captions_are_not_read() -> None:
    # "No title found" where the tool had no title; "No text" at 0:00 where the captions open later.
    text = _TACTIQ.replace("Porting a snake game to the browser", "No title found").replace(
        "00:00:00.120", "00:00:00.000 No text\n00:00:00.120")
    episode = read("talk.txt", text)
    assert episode.title is None
    assert [s.text for s in episode.segments][0] == "hello everyone today we take"
    assert "text" not in stored_words(episode)


def test_tactiq_transcript_under_a_page_keeps_the_page_title() -> None:
    page = "# Causality, explained\n\nMy notes on the talk.\n\n" + _TACTIQ
    episode = read("notes.md", page)
    assert episode.title == "Causality, explained"
    assert episode.youtube_id == "Ab3dEfGh1jK"
    assert [(s.start, s.text) for s in episode.segments][-1] == (12.04, "we take that and make it work")
    assert "Porting" not in stored_words(episode)

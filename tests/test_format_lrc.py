"""LRC (.lrc): whisper.cpp's --output-lrc and the lyrics-style transcripts scripts write.

The samples follow what whisper.cpp's own output code writes (`[by:whisper.cpp]`, then
`[%02d:%02d.%02d]` and the segment's text, `(speaker N) ` first with `--diarize`) and the
LRC header tags; every one of them was stored as untimed text with the tags in the words.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import podsift
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import lrc
from podsift.ingest import parse_source
from podsift.model import Episode

WHISPER_CPP = """\
[by:whisper.cpp]
[00:00.00] Welcome back to the show. Today we talk about pricing,
[00:04.32] how to set a day rate when you go freelance.
[00:08.10] Thanks for having me.
[99:58.50] That's all for today.
[101:02.00] Bye.
"""


def segments(episode: Episode) -> list[tuple[float | None, float | None, str | None, str]]:
    return [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


def test_whisper_cpp_lrc_keeps_each_line_from_its_time_to_the_next() -> None:
    episode = parse_source("talk.lrc", WHISPER_CPP.encode())
    assert isinstance(episode, Episode) and episode.source_format == "lrc"
    assert segments(episode) == [
        (0.0, 4.32, None, "Welcome back to the show. Today we talk about pricing,"),
        (4.32, 8.1, None, "how to set a day rate when you go freelance."),
        (8.1, 5998.5, None, "Thanks for having me."),
        (5998.5, 6062.0, None, "That's all for today."),  # minutes past 99 in a long recording
        (6062.0, None, None, "Bye."),
    ]
    # Named by content, not by the extension: the same text saved as .txt reads alike.
    assert segments(formats.parse(WHISPER_CPP, Episode(id="t"), "talk.txt")) == segments(episode)


def test_header_tags_offset_repeated_lines_word_times_and_names() -> None:
    text = (
        "[ti:Pricing your work, episode 12]\n[ar:The Data Show]\n[offset:+500]\n[length: 01:10]\n\n"
        "[00:00.50]Jane: Welcome to the show. Today we talk about\n"
        "[00:03.20]data contracts with John.\n"
        "[00:05.00]John: Thanks for having <00:06.10>me.\n"
        "[00:07.00]\n"  # a time alone ends the line before
        "[00:09.10][00:20.00]Jane: So what is a data contract?\n"  # one line said at two times
    )
    episode = formats.parse(text, Episode(id="ep12"), "ep12.lrc")
    assert episode.title == "Pricing your work, episode 12"
    assert segments(episode) == [
        (0.0, 4.5, "Jane", "Welcome to the show. Today we talk about data contracts with John."),
        (4.5, 6.5, "John", "Thanks for having me."),
        (8.6, 19.5, "Jane", "So what is a data contract?"),
        (19.5, None, "Jane", "So what is a data contract?"),
    ]
    assert "offset" in [r.kind for r in episode.repairs]


def test_whisper_cpp_stereo_speakers_are_named_in_every_caption_format() -> None:
    # whisper.cpp --diarize tells a stereo recording's two channels apart: "(speaker 0) text",
    # "(speaker ?)" when it cannot tell. The prefix was kept as words, nobody named.
    lines = [(0.0, 4.0, "0", "Welcome to the show, today we talk about data."),
             (4.0, 8.0, "1", "Thanks for having me here."),
             (8.0, 11.0, "?", "So what is a contract?"),
             (11.0, 14.0, "0", "A promise about data.")]  # fmt: skip
    as_lrc = "[by:whisper.cpp]\n" + "".join(f"[00:{a:05.2f}](speaker {who}) {t}\n" for a, _, who, t in lines)
    as_srt = "".join(f"{i}\n00:00:{a:06.3f} --> 00:00:{b:06.3f}\n".replace(".", ",") + f"(speaker {who}) {t}\n\n"
                     for i, (a, b, who, t) in enumerate(lines, 1))  # fmt: skip
    expected = ["Speaker 0", "Speaker 1", "Unknown Speaker", "Speaker 0"]  # "Unknown Speaker" names no one
    assert [s.speaker for s in formats.parse(as_lrc, Episode(id="l"), "l.lrc").segments] == expected
    # Its text output (-otxt) has the same openings, one a line, without times.
    as_txt = "".join(f"(speaker {who}) {t}\n" for _, _, who, t in lines)
    assert [(s.speaker, s.text) for s in formats.parse(as_txt, Episode(id="t"), "t.txt").segments] == [
        (w, t) for w, (*_, t) in zip(expected, lines)]  # fmt: skip
    srt = formats.parse(as_srt, Episode(id="s"), "s.srt")
    assert srt.source_format == "srt"
    assert [(s.speaker, s.text) for s in srt.segments] == [(w, t) for w, (*_, t) in zip(expected, lines)]


def test_a_stream_page_with_an_lrc_transcript_under_its_heading() -> None:
    # A site of whisper.cpp stream transcripts (a sample in its shape): front matter, notes,
    # then "## Transcript" and the LRC lines.
    page = (
        '---\ntitle: "Fine-grained rendering in depth"\npublishDate: "2025-01-25"\n---\n\n'
        "Notes for the summary writer.\n\n## Transcript\n\n[by:whisper.cpp]\n"
        "[00:00.72] All right.\n[00:01.74] How's everyone doing today?\n[00:06.20] Welcome to the stream.\n"
    )
    episode = formats.parse(page, Episode(id="stream"), "stream.md")
    assert episode.title == "Fine-grained rendering in depth"
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.72, "All right."), (1.74, "How's everyone doing today?"), (6.2, "Welcome to the stream.")]  # fmt: skip


def test_timed_notes_without_hundredths_are_not_taken_for_lrc() -> None:
    # "[00:05] text" is also how people time their notes; without LRC's hundredths or its
    # header tags the speaker-lines reader keeps them, names and all.
    notes = "[00:05] Jane: Hello there.\n[00:09] John: Hi Jane.\n[00:14] Jane: Let's begin.\n"
    assert lrc.sniff(notes) == 0.0
    hours = notes.replace("[00:", "[00:00:")  # "[00:00:05]": hours, minutes, seconds
    assert lrc.sniff(hours) == 0.0 and formats.detect(hours, "notes.txt").NAME == "speaker_lines"
    assert lrc.sniff(WHISPER_CPP) >= 0.9
    assert lrc.sniff("[00:00.00 --> 00:04.00] whisper's console line\n[00:04.00 --> 00:08.00] another\n") == 0.0


def test_whisper_cpp_outputs_of_one_talk_are_one_episode(tmp_path: Path, db_path: Path) -> None:
    # whisper.cpp -osrt -olrc writes talk.srt and talk.lrc: one talk, read once.
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "talk.lrc").write_text(WHISPER_CPP, encoding="utf-8")
    (folder / "talk.srt").write_text("1\n00:00:00,000 --> 00:00:04,320\nWelcome back to the show.\n", encoding="utf-8")
    run = json.loads(podsift("ingest", "--no-embed", "--json", str(folder), db=db_path).stdout)
    status = {Path(o["path"]).name: o["status"] for o in run["files"]}
    assert status == {"talk.srt": "added", "talk.lrc": "skipped"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda m, s, f, words: f"[{m:02d}:{s:02d}.{f:02d}]{words}", st.integers(0, 200), st.integers(0, 59),
              st.integers(0, 99), st.text(max_size=30)),
    st.sampled_from(["[ti:Title]", "[offset:+500]", "[offset:abc]", "[by:whisper.cpp]", "", "[00:01.00]",
                     "<00:01.20>word", "[00:01.00][00:02.00]twice", "(speaker ?) hmm", "plain words"]),
), max_size=40))  # fmt: skip
def test_any_lrc_like_text_is_read_or_reported_never_raised(lines: list[str]) -> None:
    text = "\n".join(lines)
    episode = Episode(id="fuzz")
    lrc.parse(text, episode)
    episode.finish()
    starts = [s.start for s in episode.segments if s.start is not None]
    assert starts == sorted(starts)


def test_a_music_only_line_is_one_stretch_of_music_not_words() -> None:
    # Whisper's LRC with an empty stamp ending each line and notes alone closing the talk, as in
    # hitsave/interview-transcripts: "♪♪♪" was split into two marks, '♪♪' and a stray '♪'.
    text = ("[00:01.000]Thanks for having me.\r\n[00:02.500]\r\n\r\n[00:03.000]♪♪♪\r\n[00:09.000]\r\n"
            "[00:10.000]♪♪ Theme ♪♪\r\n[00:12.000]\r\n")
    episode = formats.parse(text, Episode(id="x"), "talk.lrc")
    assert [(s.start, s.text, s.directions) for s in episode.segments] == [
        (1.0, "Thanks for having me.", []), (3.0, "", ["♪♪♪"]), (10.0, "", ["♪♪ Theme ♪♪"])]

"""MicroDVD (.sub): captions timed in video frames, with `|` between a caption's lines.

The real file is pysubs2's own MicroDVD writer run on pycaption's NOVA SubRip file
(SOURCES.md); before this reader every MicroDVD line was stored as untimed text with its
frame numbers in the words.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import microdvd
from podsift.ingest import parse_source
from podsift.model import Episode

REAL = Path(__file__).parent / "data" / "real"


def _rows(episode: Episode) -> list[tuple[str | None, str, list[str]]]:
    return [(s.speaker, s.text, s.directions) for s in episode.segments]


def test_pysubs2s_microdvd_reads_like_the_subrip_it_was_written_from() -> None:
    sub = parse_source("nova.sub", (REAL / "microdvd-pysubs2-nova.sub").read_bytes())
    srt = parse_source("nova.srt", (REAL / "srt-pycaption-nova.srt").read_bytes())
    assert isinstance(sub, Episode) and isinstance(srt, Episode)
    assert sub.source_format == "microdvd"
    assert _rows(sub) == _rows(srt) and len(sub.segments) == 41
    assert sub.segments[1].speaker == "MAN" and sub.segments[1].text.startswith("When we think of E equals")
    # Frames at the stated 23.976 a second: every time within one frame of the SubRip's.
    for a, b in zip(sub.segments, srt.segments):
        assert a.start is not None and b.start is not None and abs(a.start - b.start) <= 1 / 23.976
    assert "frame_rate" not in {r.kind for r in sub.repairs}


def test_frame_rate_line_styles_line_breaks_and_open_ends() -> None:
    text = (
        "{1}{1}30\r\n"
        "{0}{90}{y:i}Welcome to the show.|Today, pricing.\r\n"
        "{90}{180}- How do you set a rate?|- {y:b}By the day.\r\n"
        "{180}{}/Anna: It depends on the client.\r\n"
        "{300}{360}{c:$0000FF}Thanks for listening.\r\n"
    )
    episode = Episode(id="t")
    microdvd.parse(text, episode)
    episode.finish()
    times = [(s.start, s.end) for s in episode.segments]
    texts = " ".join(s.text for s in episode.segments)
    assert times[0] == (0.0, 3.0) and episode.segments[-1].end == 12.0  # 30 frames a second
    assert "{" not in texts and "|" not in texts and "/Anna" not in texts
    assert "Welcome to the show. Today, pricing." in texts and "By the day." in texts
    anna = next(s for s in episode.segments if s.speaker == "Anna")
    assert anna.start == 6.0 and anna.end == 10.0  # "{180}{}": until the next caption
    assert "frame_rate" not in {r.kind for r in episode.repairs}


def test_without_a_stated_frame_rate_frames_count_at_25_and_the_report_says_so() -> None:
    episode = Episode(id="t")
    microdvd.parse("{25}{75}Hello there.\n{100}{150}Second caption.\n", episode)
    episode.finish()
    assert [(s.start, s.end) for s in episode.segments][0] == (1.0, 3.0)
    assert episode.segments[-1].end == 6.0
    (repair,) = [r for r in episode.repairs if r.kind == "frame_rate"]
    assert "25 a second" in repair.detail


def test_microdvd_is_told_from_other_sub_files_and_braced_text() -> None:
    sample = "{0}{25}Hello.\n{30}{60}World.\n"
    assert formats.detect(sample, "movie.sub").NAME == "microdvd"
    # SubViewer also writes .sub: its own reader keeps it.
    subviewer = "[INFORMATION]\n[TITLE]Talk\n[END INFORMATION]\n[SUBTITLE]\n00:00:01.00,00:00:04.50\nHello there.[br]Second line.\n\n00:00:05.00,00:00:08.20\nMore.\n"
    assert microdvd.sniff(subviewer) == 0.0
    read = formats.parse(subviewer, Episode(id="t"), "talk.sub")
    assert read.source_format == "sbv" and read.title == "Talk"  # the header's [TITLE]
    assert [(s.start, s.end, s.text) for s in read.segments] == [(1.0, 4.5, "Hello there. Second line."), (5.0, 8.2, "More.")]
    # Amara's SBV (pculture/babelsubs): "[br]" inside a sentence had stayed in the words.
    amara = "0:00:00.048,0:00:02.932\nWe support videos on [br]YouTube, Blip.TV, and many more.\n"
    assert [s.text for s in formats.parse(amara, Episode(id="t"), "simple.sbv").segments] == [
        "We support videos on YouTube, Blip.TV, and many more."]
    # One braced line among prose is not a caption file.
    assert microdvd.sniff("We said {1}{2} once.\nThen we talked.\nAnd more.\n") == 0.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda a, b, words: f"{{{a}}}{{{b}}}{words}", st.integers(0, 10**6), st.one_of(st.just(""), st.integers(0, 10**6).map(str)),
              st.text(max_size=30)),
    st.sampled_from(["{1}{1}23.976", "{0}{0}25", "{1}{1}0", "{1}{1}abc", "", "{y:i}", "|", "plain words"]),
), max_size=40))  # fmt: skip
def test_any_microdvd_like_text_is_read_or_reported_never_raised(lines: list[str]) -> None:
    episode = Episode(id="fuzz")
    microdvd.parse("\n".join(lines), episode)
    episode.finish()
    assert all(s.start is None or s.start >= 0 for s in episode.segments)


def test_a_subviewer_cue_shifted_below_zero_keeps_its_words() -> None:
    # As gaupol's SubViewer 2.0 sample (otsaloma/gaupol, data/samples/subviewer2.sub; faithfully
    # sampled): a file shifted back so its first cues start before zero. Those cues' timing lines
    # were not read, so their words were lost with the header.
    subviewer = ("[INFORMATION]\n[TITLE]\n[AUTHOR]\n[SOURCE]\n[PRG]\n[FILEPATH]\n[DELAY]0\n[CD TRACK]0\n[COMMENT]\n"
                 "[END INFORMATION]\n[SUBTITLE]\n[COLF]&HFFFFFF,[STYLE]bd,[SIZE]18,[FONT]Sans\n\n"
                 "-00:00:06.84,-00:00:02.85\nI always wanted to leave my country[br]and go somewhere else.\n\n"
                 "-00:00:01.47,00:00:00.95\nI always wanted to come to France.\n\n"
                 "00:00:00.95,00:00:03.36\nSo, one day when I was 17, I left.\n")
    episode = formats.parse(subviewer, Episode(id="t"), "film.sub")
    assert [(s.start, s.text) for s in episode.segments] == [
        (None, "I always wanted to leave my country and go somewhere else."),
        (None, "I always wanted to come to France."),
        (0.95, "So, one day when I was 17, I left.")]
    assert [r.detail for r in episode.repairs if r.kind == "bad_timestamp"] == [
        "start and end time below zero in '-00:00:06.84,-00:00:02.85'; left empty",
        "start time below zero in '-00:00:01.47,00:00:00.95'; left empty"]

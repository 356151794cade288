"""SubStation Alpha captions (.ass, .ssa): read as the captions they are, not as prose."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import podsift

from podsift import formats
from podsift.ingest import parse_source
from podsift.model import Episode

REAL = Path(__file__).parent / "data" / "real"


def segments(episode: Episode) -> list[tuple[float | None, float | None, str | None, str]]:
    return [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


def test_the_same_captions_read_alike_from_ass_and_ttml() -> None:
    # pysubs2 converted the W3C's TTML example to ASS (see SOURCES.md): the same words, times
    # and two lines shown at once. The ASS file was plain text: "Dialogue" its one speaker.
    ass = parse_source("example.ass", (REAL / "ass-pysubs2-w3c-example.ass").read_bytes())
    ttml = parse_source("example.ttml", (REAL / "ttml-pysubs2-w3c-example.ttml").read_bytes())
    assert isinstance(ass, Episode) and isinstance(ttml, Episode)
    assert ass.source_format == "ssa"
    assert segments(ass) == segments(ttml)
    assert "It seems a paradox, does it not, that the image formed on the Retina should be inverted?" in [
        s.text for s in ass.segments]  # fmt: skip


def test_names_styling_and_notes() -> None:
    text = (
        "[Script Info]\nTitle: Episode 4 interview\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname\n"
        "Style: Default,Arial\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,check this name\n"
        "Dialogue: 0,0:00:01.00,0:00:04.00,Default,Ana,0,0,0,,Hello, and {\\i1}welcome{\\i0}\\Nto the show.\n"
        "Dialogue: 0,0:00:04.00,0:00:08.50,Default,Bo,0,0,0,,Thanks, Ana. Glad to be here.\n"
    )
    episode = formats.parse(text, Episode(id="ep4"), "ep4.ass")
    assert episode.title == "Episode 4 interview"
    assert segments(episode) == [(1.0, 4.0, "Ana", "Hello, and welcome to the show."),
                                 (4.0, 8.5, "Bo", "Thanks, Ana. Glad to be here.")]  # fmt: skip
    empty = formats.parse("[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Text\n"
                          "Comment: 0,0:00:00.00,0:00:01.00,dialogue: none yet\n", Episode(id="e"), "e.ass")  # fmt: skip
    assert empty.source_format == "ssa" and not empty.segments
    assert "no_cues" in [r.kind for r in empty.repairs]


def test_captions_converted_to_ass_beside_their_srt_are_one_talk(tmp_path: Path, db_path: Path) -> None:
    # yt-dlp --convert-subs ass, or a subtitle editor's save-as, next to the original .srt: one talk.
    (tmp_path / "talk.srt").write_text("1\n00:00:01,000 --> 00:00:04,000\nHello, and welcome.\n", encoding="utf-8")
    (tmp_path / "talk.ass").write_text(
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
        "MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:04.00,Default,,0,0,0,,Hello, and welcome.\n",
        encoding="utf-8")  # fmt: skip
    run = json.loads(podsift("ingest", "--no-embed", "--json", str(tmp_path), db=db_path).stdout)
    assert sorted((Path(o["path"]).name, o["status"]) for o in run["files"]) == [
        ("talk.ass", "skipped"), ("talk.srt", "added")]  # fmt: skip


def test_right_to_left_marks_around_each_line_are_no_words() -> None:
    # The shape of bakie-saker/Subtitles' Arabic .ass files: every line wrapped in the invisible
    # right-to-left embedding (U+202B) and its closing mark (U+202C). Our own Arabic words.
    rle, pdf = "\u202b", "\u202c"
    text = (
        "\ufeff[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        f"Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{rle}صباح الخير.{pdf}\n"
        f"Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,{rle}أين الكتاب؟{pdf}\\N{rle}إنه هنا.{pdf}\n"
    )
    episode = formats.parse(text, Episode(id="ar"), "ar.ass")
    assert segments(episode) == [(1.0, 3.0, None, "صباح الخير."), (4.0, 6.0, None, "أين الكتاب؟ إنه هنا.")]
    # In JSON the marks come as escapes, decoded only by the reader: the text is clean all the same.
    whisper = formats.parse(json.dumps({"segments": [{"start": 0.0, "end": 2.0, "text": f"{rle}שלום לכולם{pdf}\u200f"}]}),
                            Episode(id="he"), "he.json")  # fmt: skip
    assert [s.text for s in whisper.segments] == ["שלום לכולם"]

"""Every seed and corpus episode survives export to VTT, SRT and JSON and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS

from podsift import formats
from podsift.ingest import parse_source
from podsift.model import Episode

SOURCES = sorted(SEEDS.glob("*")) + sorted(p for p in CORPUS.glob("*") if p.name != "_template.md")


@pytest.fixture(scope="module")
def episodes() -> list[Episode]:
    parsed = [parse_source(str(p), p.read_bytes()) for p in SOURCES]
    assert all(isinstance(e, Episode) for e in parsed)
    return parsed  # type: ignore[return-value]


@pytest.mark.parametrize("export_format, module", [("vtt", "webvtt"), ("srt", "srt"), ("json", "podcast_json")])
def test_export_and_reingest_gives_back_the_timeline(
    episodes: list[Episode], export_format: str, module: str
) -> None:
    mismatched = []
    for episode in episodes:
        text = formats.render(episode, export_format)
        if episode.segments:  # an empty SRT is an empty file, which no format claims
            assert formats.detect(text, f"x.{export_format}").NAME == module
        back = formats.parse(text, Episode(id="back"), f"x.{export_format}")
        same_words = [(s.speaker, s.text, s.directions) for s in back.segments] == [
            (s.speaker, s.text, s.directions) for s in episode.segments
        ]
        # Times are compared where the source had them; exports must invent times for
        # untimed paragraphs (captions cannot hold a cue without one).
        same_times = same_words and all(
            abs(b.start - s.start) < 0.0015
            for s, b in zip(episode.segments, back.segments)
            if s.start is not None
        )
        if not (same_words and same_times):
            mismatched.append(Path(episode.source_path).name)
    assert mismatched == [], f"{len(mismatched)} of {len(episodes)} episodes changed: {mismatched}"

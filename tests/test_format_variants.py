"""The same transcript saved a little differently reads the same.

Real files reach podsift re-saved by editors, copied out of chat tools and passed between
systems: Windows line endings, a byte-order mark, a heading on top. Each test here takes
real transcripts, changes only that, and compares the parse with the original's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEMO, REPO

from podsift.ingest import parse_source
from podsift.model import Episode

REAL = REPO / "tests" / "data" / "real"
_NOT_TEXT = {".pdf", ".docx", ".mp3"}
TEXT_FILES = sorted(p for p in [*REAL.iterdir(), *DEMO.iterdir()] if p.suffix not in _NOT_TEXT and p.name != "SOURCES.md")


def read(name: str, data: bytes) -> Episode:
    episode = parse_source(name, data)
    assert isinstance(episode, Episode), episode
    return episode


def turns(episode: Episode) -> tuple[str | None, list[tuple[float | None, float | None, str | None, str]]]:
    return episode.source_format, [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["windows", "old-mac"])
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_line_endings_do_not_change_the_reading(path: Path, ending: str) -> None:
    original = read(str(path), path.read_bytes())
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    resaved = read(str(path), text.replace("\n", ending).encode("utf-8"))
    assert turns(resaved) == turns(original)

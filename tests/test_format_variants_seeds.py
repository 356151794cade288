"""The shared seed transcripts, saved a little differently, read the same (see test_format_variants)."""

from __future__ import annotations

import pytest
from conftest import seed
from test_format_variants import _escaped, read, turns


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_html_references_in_a_caption_dump_read_as_their_characters(prefix: str) -> None:
    # "I&#39;m Robert" named no one: the speaker found by his introduction was lost.
    path = seed(prefix)
    original = read(str(path), path.read_bytes())
    escaped = read(str(path), _escaped(path.read_text(encoding="utf-8")).encode("utf-8"))
    assert turns(escaped) == turns(original)


def test_turn_marks_made_en_dashes_by_autocorrect_still_split_turns() -> None:
    # A word processor turns " - " into " – ": the caption dump became plain text, its speakers lost.
    path = seed("003")
    original = read(str(path), path.read_bytes())
    dashed = read(str(path), path.read_text(encoding="utf-8").replace(" - ", " \u2013 ").encode("utf-8"))
    assert turns(dashed) == turns(original)

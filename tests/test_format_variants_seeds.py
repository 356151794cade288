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

"""Podlove Simple Transcripts: the XML transcript Podlove Publisher serves beside a feed."""

from __future__ import annotations

import pytest
from conftest import read, timeline

from podsift.ingest import parse_source
from podsift.model import SourceRejected

# Podlove Publisher's XML as a converter's fixture keeps it (hbmartin/podcast-transcript-convert,
# Apache-2.0; its shape, our words): each speech a speaker's turn, its items a recogniser's
# phrases with clock times; the speaker element may be empty. Served from that feed as ".xsl".
_NAMED = """<?xml version="1.0" encoding="UTF-8"?>
<pst:transcripts xmlns:pst="http://podlove.org/simple-transcripts" version="1.0">
  <pst:speech>
    <pst:speaker>Karla</pst:speaker>
    <pst:item start="00:00:00.820" end="00:00:01.660">Welcome to</pst:item>
    <pst:item start="00:00:01.660" end="00:00:02.900">"Tea &amp; Code".</pst:item>
    <pst:item start="00:00:03.100" end="00:00:04.200">Today we talk about</pst:item>
    <pst:item start="00:00:04.200" end="00:00:05.000">kettles.</pst:item>
  </pst:speech>
  <pst:speech>
    <pst:speaker>Ben</pst:speaker>
    <pst:item start="00:00:05.400" end="00:00:06.100">Thanks for</pst:item>
    <pst:item start="00:00:06.100" end="00:00:06.900">having me.</pst:item>
  </pst:speech>
</pst:transcripts>
"""

_UNNAMED = """<?xml version="1.0" encoding="UTF-8"?>
<pst:transcripts xmlns:pst="http://podlove.org/simple-transcripts" version="1.0">
  <pst:speech>
    <pst:speaker/>
    <pst:item start="00:00:00.820" end="00:00:01.660">Welcome to</pst:item>
  </pst:speech>
  <pst:speech>
    <pst:speaker/>
    <pst:item start="00:00:01.660" end="00:00:02.900">the kettle hour.</pst:item>
    <pst:item start="00:00:03.100" end="00:00:04.200">It is a show</pst:item>
    <pst:item start="00:00:04.200" end="00:00:05.000">about tea.</pst:item>
  </pst:speech>
</pst:transcripts>
"""


def test_each_speech_is_its_speakers_turn_with_the_times_of_its_phrases() -> None:
    # Refused as "an XML document (<pst:transcripts>) of a kind podsift does not read".
    episode = parse_source("Tea and Code.xsl", _NAMED.encode())
    assert not isinstance(episode, str)
    assert episode.source_format == "simple_transcripts"
    assert timeline(episode) == [
        (0.82, 5.0, "Karla", 'Welcome to "Tea & Code". Today we talk about kettles.'),
        (5.4, 6.9, "Ben", "Thanks for having me."),
    ]
    assert not any(r.kind == "coerced_field" for r in episode.repairs)


def test_unnamed_phrases_join_into_sentences_across_speeches() -> None:
    # A recogniser opens a speech mid-sentence ("Welcome to" | "the kettle hour."): with no one named,
    # its speeches are no turns.
    assert timeline(read("episode.xml", _UNNAMED)) == [
        (0.82, 5.0, None, "Welcome to the kettle hour. It is a show about tea."),
    ]


def test_without_a_prefix_it_is_read_the_same() -> None:
    # The converter's own tests write the elements unprefixed under a "podcast:" root.
    text = ('<?xml version="1.0"?><podcast:transcripts xmlns:podcast="http://podlove.org/simple-transcripts">'
            '<speech><speaker>Ana</speaker><item start="00:00:00.000" end="00:00:01.000">Hello there.</item>'
            "</speech></podcast:transcripts>")  # fmt: skip
    assert timeline(read("t.xml", text)) == [(0.0, 1.0, "Ana", "Hello there.")]


@pytest.mark.parametrize(("text", "message"), [
    (_NAMED.replace("</pst:transcripts>", ""), "not well-formed"),
    ('<pst:transcripts xmlns:pst="http://podlove.org/simple-transcripts"><pst:speech><pst:speaker/></pst:speech>'
     "</pst:transcripts>", "no <speech> holding words"),
])  # fmt: skip
def test_a_broken_or_empty_one_is_refused_in_a_line(text: str, message: str) -> None:
    with pytest.raises(SourceRejected, match=message):
        read("t.xml", text)

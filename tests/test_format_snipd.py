"""Snipd's Markdown export: a listener's snips, each a heading, a play link with its range, the app's
notes, and the transcript of that stretch as quoted turns opened by the speaker in bold. The shape is a
real export's (bGZo/clippers); the words are written here."""

from __future__ import annotations

from podsift import formats
from podsift.model import Episode

SNIPD_PAGE = """---
show: 随机波动StochasticVolatility
snipd: https://share.snipd.com/episode/a78bbe81-48dc-4824-8f2d-e6db9e5077c1
title: 【随机波动159】今天你还相信几分耕耘几分收获吗
type: podcast-episode
---

## Show notes
This week we talk about books.

## Snips
### [05:38] Changing Book Sales Expectations
[🎧 Play snip - 4min️ (01:12 - 05:38)](https://share.snipd.com/snip/ffa4974a-de56-497e-b0e8-6aceaba4c684)
<audio controls> <source src="https://example.com/ep.mp3#t=01:12,05:38" type="audio/mpeg"></audio>
**Changing Book Sales Expectations**
- The book market has become tougher.
#### 📚 Transcript
Click to expand
<blockquote><b>傅适野</b>

We met some doubts this year, about whether people still read books.
<blockquote><b>罗丹妮</b>

Shall we tell our listeners what we are working on?</blockquote>

### [04:50] Nini's New Book
[🎧 Play snip - 1min️ (03:23 - 04:47)](https://share.snipd.com/snip/ae635d91-2a46-4983-8f4d-f59d652fbd61)
**Nini's New Book**
- The first book was a bestseller.
#### 📚 Transcript
Click to expand
<blockquote><b>猫弟</b>

In the third month I released a new book.</blockquote>
"""


def test_snipd_export_gives_each_snip_as_a_chapter_with_its_speakers_turns() -> None:
    # Read before as one stretch of text: "Click to expand <blockquote><b>傅适野</b>" was speech, no turn
    # had a speaker, and all snips after the first were dropped (22 of 29 turns).
    episode = formats.parse(SNIPD_PAGE, Episode(id="x"), "snips.md")
    assert [(c.title, c.start) for c in episode.chapters] == [("Changing Book Sales Expectations", 72.0),
                                                              ("Nini's New Book", 203.0)]
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("傅适野", "We met some doubts this year, about whether people still read books."),
        ("罗丹妮", "Shall we tell our listeners what we are working on?"),
        ("猫弟", "In the third month I released a new book.")]  # fmt: skip
    starts = [s.start for s in episode.segments]
    assert starts[0] == 72.0 and 72.0 < starts[1] < 338.0 and starts[2] == 203.0
    assert episode.segments[1].end == 338.0 and episode.segments[2].end == 287.0
    assert episode.extra["snip_notes"][0].startswith("**Changing Book Sales Expectations** - The book market")
    assert episode.show == "随机波动StochasticVolatility"


def test_a_listeners_own_notes_after_the_last_snip_are_no_ones_words() -> None:
    page = SNIPD_PAGE + "\n## My own notes\nI loved this episode.\n\n---\nExported from Snipd on 2024-05-01\n"
    episode = formats.parse(page, Episode(id="x"), "snips.md")
    assert episode.segments[-1].text == "In the third month I released a new book."


def test_a_snips_notes_are_kept_where_it_has_no_transcript_heading() -> None:
    page = SNIPD_PAGE.replace("#### 📚 Transcript\nClick to expand\n", "")
    episode = formats.parse(page, Episode(id="x"), "snips.md")
    assert episode.extra["snip_notes"][1] == "**Nini's New Book** - The first book was a bestseller."
    assert len(episode.segments) == 3


def test_a_heading_line_of_spaces_is_read_in_linear_time() -> None:
    import time

    page = SNIPD_PAGE.replace("## Snips\n", "## Snips\n### a" + " " * 20000 + "x\n## " + " " * 20000 + "x\n")
    # CPU time, not wall time: these bounds catch quadratic parsing, and a loaded machine slows the wall clock.
    began = time.process_time()
    formats.parse(page, Episode(id="x"), "snips.md")
    assert time.process_time() - began < 5  # quadratic, it took minutes

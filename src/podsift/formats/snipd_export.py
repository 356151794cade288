"""Snipd's Markdown export of an episode: the snips (highlights) a listener saved, each a section.

A snip is a heading with its end (``### [05:38] Changing Book Sales Expectations``), a play link
with its range (``[🎧 Play snip - 4min️ (01:12 - 05:38)](https://share.snipd.com/snip/…)``), the
app's notes on it, and the transcript of that stretch as turns, each a quote opened by its speaker
in bold (``<blockquote><b>罗丹妮</b>`` / words / ``</blockquote>``). Each snip becomes a chapter
starting where it starts, its turns timed by their words across its range; the notes are kept in
``extra["snip_notes"]``, and what comes before the first snip in ``extra["show_notes"]``.
"""

from __future__ import annotations

import html
import re

from podsift.formats.cues import ms, word_shares
from podsift.model import Episode
from podsift.text import counted, parse_timestamp, squash

_SNIP_LINK = "share.snipd.com/snip/"
_HEADING = re.compile(r"^###[ \t]+(?:\[[\d:]{4,8}\][ \t]+)?(?P<title>\S(?:[^\n]*\S)?)[ \t]*$", re.MULTILINE)
_RANGE = re.compile(r"\((?P<start>\d{1,2}(?::\d{2}){1,2})[ \t]*-[ \t]*(?P<end>\d{1,2}(?::\d{2}){1,2})\)\]\(https?://"
                    + re.escape(_SNIP_LINK))
# A turn: a quote opened by the speaker's name in bold; the app closes the quote only now and then.
# It ends at its closing tag, the next quote, or a heading (the listener's own notes after the last).
_TURN = re.compile(r"<blockquote>\s*<b>(?P<name>[^<>\n]{1,80})</b>(?P<words>.*?)(?=</blockquote>|<blockquote>|^#|\Z)",
                   re.DOTALL | re.MULTILINE)
_TAG = re.compile(r"<[^<>\n]{1,200}>")
_TRANSCRIPT_MARK = re.compile(r"^#{2,6}[ \t]+(?:[^\w\s]+[ \t]*)?Transcript\b.*$", re.MULTILINE | re.IGNORECASE)


def is_export(body: str) -> bool:
    """Whether a page's body is Snipd's export: headed snips, each with its play link."""
    return _SNIP_LINK in body and bool(_RANGE.search(body)) and bool(_TURN.search(body))


def read(body: str, episode: Episode) -> None:
    """Each snip of ``body`` as a chapter and its turns as segments, timed across the snip's range."""
    headings = list(_HEADING.finditer(body))
    snips = [(m, body[m.end():headings[k + 1].start() if k + 1 < len(headings) else len(body)])
             for k, m in enumerate(headings) if _RANGE.search(body, m.end(), headings[k + 1].start()
                                                               if k + 1 < len(headings) else len(body))]  # fmt: skip
    if not snips:
        return
    above = body[:snips[0][0].start()].strip()
    if above:
        episode.extra["show_notes"] = above
    notes: list[str] = []
    turns = 0
    for heading, section in snips:
        span = _RANGE.search(section)
        start = parse_timestamp(span.group("start")) if span else None
        end = parse_timestamp(span.group("end")) if span else None
        mark = _TRANSCRIPT_MARK.search(section)
        said = section[mark.end():] if mark else section
        after_link = section.find("\n", span.end()) + 1 if span else 0  # the notes start on the line after it
        first_turn = section.find("<blockquote>")
        notes_end = mark.start() if mark else first_turn if first_turn >= 0 else len(section)
        notes.append(squash(_TAG.sub(" ", section[after_link:notes_end])))
        found = [(squash(html.unescape(m.group("name"))), squash(html.unescape(_TAG.sub(" ", m.group("words")))))
                 for m in _TURN.finditer(said)]  # fmt: skip
        found = [(name, words) for name, words in found if words]
        episode.add_chapter(squash(heading.group("title")), start)
        times = (word_shares(start, end - start, [words for _, words in found]) if start is not None and end is not None
                 and end > start else [(start, None)] + [(None, None)] * (len(found) - 1))  # fmt: skip
        for (name, words), (at, until) in zip(found, times):
            episode.add_segment(words, start=ms(at), end=ms(until), speaker=name)
        turns += len(found)
    episode.extra["snip_notes"] = [note for note in notes if note]
    episode.repair("snipd_export", f"Snipd's export of {counted(len(snips), 'snip')}: each a chapter from where it starts, "
                                   f"its {counted(turns, 'turn')} timed by their words across the snip; the app's notes kept "
                                   "in extra['snip_notes']")  # fmt: skip

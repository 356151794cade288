"""Lines broken by a width (a PDF page's, an editor's or a mail client's column) joined back.

Shared by the PDF reader, whose lines are the page's, and the plain-text reader, whose lines a
text editor or an export may have hard-wrapped at 60-80 columns with no blank line between
paragraphs. Everything here is linear in the text: a paragraph is kept as a list of pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from podsift.text import runs_on
from podsift.words import word_frequency

# A line shorter than this share of the text's width stopped short: its paragraph may end there.
SHORT_LINE = 0.8
# The width is the length most lines stay under (a few run past: a long word, a URL).
WIDTH_PERCENTILE = 0.9
SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")
# A word broken at the line's end by a hyphen (or a soft hyphen, which only ever marks a break).
_BROKEN_WORD = re.compile(r"(?P<head>[^\W\d_]+)(?P<hyphen>-|\u00ad)$")
_WORD_START = re.compile(r"^(?P<tail>[^\W\d_]+)")
_WORD_TAIL = 64  # a word split at the line's end is looked for in this much of the line before
# "AI- or ML-driven", "pre- and post-processing": a hyphen left hanging for the next compound, so
# the line after it starts a new word (as it does after a false start: "sub- sub-discipline").
# A pronoun, article or filler after the hyphen is a false start too ("I was gonna- you know"):
# no compound ends in one.
_SUSPENDED_BEFORE = frozenset({"or", "and", "nor", "vs", "versus",
                               "you", "we", "they", "he", "she", "it", "my", "your", "our", "their", "his",
                               "the", "a", "an", "um", "uh", "uhm", "erm"})  # fmt: skip


def text_width(lengths: list[int]) -> int:
    """The width the lines were set to: the length all but the longest tenth stay under."""
    ordered = sorted(lengths)
    return ordered[int(WIDTH_PERCENTILE * (len(ordered) - 1))] if ordered else 0


def join_line(parts: list[str], line: str, vocabulary: set[str] | None) -> int:
    """Run ``line`` on after the paragraph's ``parts``: with a space, or, for a word split by a
    hyphen, without one; 1 if a hyphen was taken out. With no ``vocabulary`` (a text editor's wrap,
    which never hyphenates) a hyphen at the line's end is the word's own and always stays."""
    before = parts[-1]
    broken, tail = _BROKEN_WORD.search(before[-_WORD_TAIL:]), _WORD_START.match(line)
    if (broken and tail and tail.group("tail")[0].islower() and tail.group("tail") not in _SUSPENDED_BEFORE
            and tail.group("tail").casefold() != broken.group("head").casefold()):  # fmt: skip
        whole = (broken.group("head") + tail.group("tail")).casefold()
        if vocabulary is not None and (broken.group("hyphen") == "\u00ad"
                                       or whole in vocabulary or word_frequency(whole) > 0):  # fmt: skip
            parts[-1] = before[:-1] + line  # the hyphen is the line's last character
            return 1
        parts[-1] = before + line  # "well-" + "known": the hyphen is the word's own
        return 0
    parts.append(" " + line)
    return 0


def join_lines(lines: Iterable[str]) -> str:
    """The lines of one paragraph, caption or turn as one text, as a reader sees it: spaced, except
    after a word a line's end broke at its hyphen ("data-" then "driven" is "data-driven", as a
    caption tool or textwrap breaks it) and between Chinese or Japanese lines."""
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not parts or runs_on(parts[-1], line):
            parts.append(line)
        else:
            join_line(parts, line, None)
    return "".join(parts)


# Hard-wrapped text: at least this many lines, this share of them filling the width to within
# SHORT_LINE of it, and this share running on past their end (no sentence punctuation there).
_MIN_WRAPPED_LINES = 8
_FULL_SHARE = 0.6
_RUNNING_ON_SHARE = 0.5
# An editor's or a mail client's column: narrower and the lines may be caption lines (42 columns)
# or verse, which keep their breaks; wider and they are one-line paragraphs, which no one wraps.
_MIN_WIDTH, _MAX_WIDTH = 50, 120
# Past the width by more than this, a line was never wrapped to it.
_OVERRUN = 8


def wrapped_width(lines: list[str]) -> int | None:
    """The column ``lines`` were hard-wrapped at, or None when they were not: most lines fill it
    nearly to the end and most stop in the middle of a sentence; none run far past it. One-line
    paragraphs (a sentence or a turn a line) vary in length and end their sentences."""
    kept = [line.rstrip() for line in lines if line.strip()]
    if len(kept) < _MIN_WRAPPED_LINES:
        return None
    width = text_width([len(line) for line in kept])
    if not _MIN_WIDTH <= width <= _MAX_WIDTH or any(len(line) > width + _OVERRUN for line in kept):
        return None
    full = sum(len(line) >= SHORT_LINE * width for line in kept)
    running_on = sum(not SENTENCE_END.search(line) for line in kept)
    if full < _FULL_SHARE * len(kept) or running_on < _RUNNING_ON_SHARE * len(kept):
        return None
    return max(len(line) for line in kept)  # the column itself: no wrapped line runs past it


def _ended(last: str, line: str, width: int) -> bool:
    """``last`` ended its paragraph: it ended a sentence and stopped short of the width, or short
    enough that ``line``'s first word would have fit after it (a wrap would have put it there)."""
    if not SENTENCE_END.search(last):
        return False
    return len(last) < SHORT_LINE * width or len(last) + 1 + len(line.split(maxsplit=1)[0]) <= width


def unwrap(lines: list[str], width: int, opens_paragraph: Callable[[str], bool]) -> tuple[list[str], int]:
    """Join each line to the one before unless that one ended a sentence short of ``width``, a
    blank line comes between, or the line opens a paragraph of its own (a speaker's label);
    the lines, joined, and how many joins."""
    out: list[str] = []
    current: list[str] = []
    last = ""
    joins = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                out.append("".join(current))
            out.append("")  # the blank line stays, for the paragraph split after
            current, last = [], ""
            continue
        if current and not opens_paragraph(line) and not _ended(last, line, width):
            join_line(current, line, None)
            joins += 1
        else:
            if current:
                out.append("".join(current))
            current = [line]
        last = line
    if current:
        out.append("".join(current))
    return out, joins

"""A caption track saved as text: one short caption line a line, cut mid-sentence, joined back.

    ANDREW HUBERMAN: Welcome
    to the Lab, where we
    [MUSIC PLAYING]
    discuss science

YouTube's captions copied out (or a script that writes each cue's lines) keep the caption's
narrow lines with no blank line between turns. Read a line at a time, every phrase was a
segment. Here a turn runs from the line that opens it (a ``Name:`` label, or a caption's
dialogue dash ``- ``) to the next such line; a sound cue alone on its line stays inside the turn
it interrupts, so it becomes one of the turn's directions rather than a segment of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from podsift.formats.labels import looks_like_name
from podsift.formats.line_wrap import SENTENCE_END, join_lines, text_width
from podsift.text import bracketed, sound_word

# A caption track's lines: this many at least, most (but a tenth) no wider than a caption's line
# (32 to 42 columns, an auto-caption's a little wider), this share running on past their end, and
# this share going on in lower case (verse and one-sentence-a-line text open lines with a capital);
# fewer than this share ending in a hyphen, as captions never break a word, a page's columns do.
_MIN_LINES, _MAX_WIDTH = 40, 50
_RUNNING_ON_SHARE, _LOWER_START_SHARE, _BROKEN_SHARE = 0.6, 0.4, 0.05
# YouTube's transcript copied out of its panel runs wider (60 to 120 columns), its lines cut
# anywhere: wider lines count only where nearly all run on and go on in lower case, and sentences
# end inside them (verse, lists and a sentence a line end at the line, or open it with a capital).
_WIDE_WIDTH, _WIDE_RUNNING_ON_SHARE, _WIDE_LOWER_START_SHARE, _WIDE_INNER_END_SHARE = 130, 0.9, 0.8, 0.3
_INNER_END = re.compile(r"[.!?…]['\"”’)\]]* +[A-Z]")
# A caption's dialogue dash: another voice starts speaking. Written as the captioner's ">>" it
# reads as a new unnamed voice, which a label after it ("- [Andrew] …") may still name.
_DASH = re.compile(r"^-[ \t]+(?=\S)")
# "- [Andrew] There's a market": the caption names the speaker of this turn, and of no other.
_NAMED = re.compile(r"\[(?P<name>[^\W\d_][\w.'’ -]{0,30})\][ \t]+(?=\S)")
# With no turns marked at all, the words are cut into paragraphs at a sentence's end past this length.
_PARAGRAPH_CHARS = 400


def caption_track(lines: list[str]) -> bool:
    """Whether ``lines`` (with no blank line between) are a caption track's narrow lines."""
    kept = [line.strip() for line in lines if line.strip()]
    width = text_width([len(line) for line in kept])
    if len(kept) < _MIN_LINES or width > _WIDE_WIDTH:
        return False
    running_on = sum(not SENTENCE_END.search(line) for line in kept)
    lower = sum(line[0].islower() for line in kept)
    broken = sum(line.endswith(("-", "\u00ad")) for line in kept)
    if width > _MAX_WIDTH and (running_on < _WIDE_RUNNING_ON_SHARE * len(kept) or lower < _WIDE_LOWER_START_SHARE * len(kept)
                               or sum(bool(_INNER_END.search(line)) for line in kept) < _WIDE_INNER_END_SHARE * len(kept)):
        return False
    return (running_on >= _RUNNING_ON_SHARE * len(kept) and lower >= _LOWER_START_SHARE * len(kept)
            and broken < _BROKEN_SHARE * len(kept))


def caption_turns(lines: list[str], opener: Callable[[str], int | None]) -> tuple[list[str], int]:
    """The caption lines joined into turns, one a line, and how many lines were joined on.

    ``opener`` gives the length of the label opening a line (0 for none at all, None when the
    line opens no turn). Sound cues before a turn's first words go in after its label.
    """
    turns: list[str] = []
    current: list[str] = []
    cues: list[str] = []  # cues alone before any words: the next turn's
    joined = 0
    marked = any(_DASH.match(line.strip()) or opener(line.strip()) is not None for line in lines)
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not current and bracketed(line):
            cues.append(line)
            continue
        dash = _DASH.match(line)
        head = len(dash.group()) if dash else opener(line)
        ended = not marked and current and SENTENCE_END.search(current[-1]) and sum(map(len, current)) >= _PARAGRAPH_CHARS
        if current and (head is not None or ended):
            turns.append(join_lines(current))
            current = []
        if cues:
            cut = head or 0
            line = f"{line[:cut]} {' '.join(cues)} {line[cut:]}".strip()
            cues = []
        if dash:
            rest = line[len(dash.group()):].lstrip()
            named = _NAMED.match(rest)
            if named and looks_like_name(named.group("name")) and not sound_word(named.group("name")):
                rest = f"{named.group('name')}: {rest[named.end():]}"
            line = ">> " + rest
        joined += bool(current)
        current.append(line)
    if current or cues:
        turns.append(join_lines(current + cues))
    return turns, joined

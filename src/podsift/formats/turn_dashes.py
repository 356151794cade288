"""Turn marks inside running caption text: `` - `` where another speaker starts.

    we're gonna start with-- - Hi, Lacey. - Hi, Jim. - (laughs) Thank you.

Captions mark a change of speaker with a dialogue dash; where a cue's lines are joined
into one (a flat caption dump, a copy of YouTube's transcript panel) the dashes end up
inside the line. A lone hyphen between spaces is such a mark; ``p-value``, ``with--`` and
a spoken `` -- `` are not. The same marks serve the flat caption reader and caption cues.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A lone hyphen between spaces. "because-- - And" splits at the lone one only;
# "p-value", "day-to-day" and a spoken " -- " never split.
_SEPARATOR = re.compile(r"(?<!\S)-(?=\s|$)")
# The same mark after a word processor's autocorrect made every " - " an en dash (" – ").
_EN_DASH_SEPARATOR = re.compile(r"(?<!\S)\u2013(?=\s|$)")
# A quotation spoken inside a turn is short; a "quote" longer than this is two
# unrelated quote marks, not a span to protect.
_MAX_QUOTE = 300
# Only when turns almost always start with a capital is a lowercase start evidence
# of a spoken dash (all-lowercase auto-captions must still split).
CAPITAL_SHARE = 0.8


def separator(text: str) -> re.Pattern[str]:
    """The turn mark: the lone hyphen, or the en dash when the text has no lone hyphen at all
    (prose's own dashes are among hyphen marks then, not all of them)."""
    return _EN_DASH_SEPARATOR if not _SEPARATOR.search(text) and _EN_DASH_SEPARATOR.search(text) else _SEPARATOR


@dataclass(frozen=True)
class Mark:
    at: int  # index of the dash in the text
    letter: str  # the first letter after it; "" when none, or a direction or bracketed name comes first
    quoted: bool  # inside a quotation: a dash of the quoted words
    then: str  # the first character after it on its line that is no space ("" at the line's end)


def marks(text: str, pattern: re.Pattern[str]) -> list[Mark]:
    """Every lone dash of ``pattern`` in ``text``, with what decides whether it marks a turn."""
    positions, opens = _quote_marks(text)
    found = []
    for m in pattern.finditer(text):
        rest = text[m.end():m.end() + 12].partition("\n")[0].lstrip()
        found.append(Mark(m.start(), _first_letter(text, m.end()), _quoted(m.start(), positions, opens), rest[:1]))
    return found


def trust_case(found: list[Mark]) -> bool:
    """Do turns here start with a capital almost always? Then a lower-case word after a dash
    (``I was - you know - tired``) is a dash said in the sentence, not a turn."""
    cased = [mark.letter for mark in found if mark.letter]
    return bool(cased) and sum(c.isupper() for c in cased) >= CAPITAL_SHARE * len(cased)


# What ends a sentence or a turn before a dialogue dash: a stop (the danda, or a pipe typed for it), a
# closing quote or bracket ("(music) - All right"), or a cut-off ("with-- - Hi").
_STOP_BEFORE = re.compile(r"[.!?…|।॥\"'”’)\]-]\s*$")
_STOPS = re.compile(r"[.!?…|।॥](?=\s)")
# Turns start after a stop this often, at least, in punctuated captions (a few after a cut-off word).
_AFTER_STOP_SHARE = 0.5


def dashes_in_sentences(text: str, found: list[Mark]) -> bool:
    """Are these dashes said within sentences rather than marking turns? So where the text ends its
    sentences with stops (more stops than dashes) and most dashes come mid-sentence (a speech's
    "our republic - I mean the Election Commission" in a script with no capitals to tell)."""
    if not found or len(_STOPS.findall(text)) < 2 * len(found):
        return False
    after_stop = sum(1 for mark in found if _STOP_BEFORE.search(text, max(0, mark.at - 8), mark.at) or not text[:mark.at].strip())
    return after_stop < _AFTER_STOP_SHARE * len(found)


def kept_as_words(mark: Mark, trusted: bool) -> str | None:
    """Why ``mark`` is no change of speaker ("quote" or "lowercase"), or None when it is one."""
    if mark.quoted:
        return "quote"
    if trusted and mark.letter.islower():
        return "lowercase"
    return None


def _quote_marks(text: str) -> tuple[list[int], list[bool]]:
    """Positions of quote marks and whether each one opens a quotation.

    Caption lines each reopen a quote that is never closed, so marks are not paired
    by counting: a mark opens when it starts a word and closes when it ends one.
    """
    positions: list[int] = []
    opens: list[bool] = []
    for m in re.finditer(r"[\"“”]", text):
        i = m.start()
        ch = m.group(0)
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "“":
            opening = True
        elif ch == "”":
            opening = False
        elif before.isspace() or before in "([{":
            if after.isspace():
                continue  # a stray mark between spaces says nothing
            opening = True
        else:
            opening = False
        positions.append(i)
        opens.append(opening)
    return positions, opens


def _quoted(pos: int, positions: list[int], opens: list[bool]) -> bool:
    """Is ``pos`` between an opening mark and the closing mark that follows it?"""
    k = bisect.bisect_left(positions, pos)
    if k == 0 or k == len(positions):
        return False
    return opens[k - 1] and not opens[k] and positions[k] - positions[k - 1] <= _MAX_QUOTE


def _first_letter(text: str, start: int) -> str:
    """The first letter after a mark, past opening quotes. A direction or a bracketed name
    right after the dash (``- (laughs) yeah``, ``- [Don] so``) opens a turn whatever case
    follows it, so it gives no letter."""
    for ch in text[start : start + 12]:
        if ch.isalpha():
            return ch
        if not ch.isspace() and ch not in "\"'“‘":
            return ""
    return ""

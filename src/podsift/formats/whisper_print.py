"""What whisper.cpp (and whisper, faster-whisper) print as they transcribe, saved to a file.

Each line is a caption: its time range, then its own words (``[00:14:12.180 --> 00:14:14.180]
Encarnació``). A short caption is words, never a speaker: a speaker's label is followed by the
words below it, a caption line's words are on the line (:func:`own_words`).

With ``-ml 1`` whisper.cpp prints a token a line. A token that starts a word keeps the space
whisper's tokenizer puts before it (``]   Tech``); a piece of a word and punctuation have none
(``]  Z``, ``]  ing``, ``]  ,``): :func:`token_lines` tells them apart by that space, and
:func:`words` joins them back into words (``[`` / ``Music`` / ``]`` is ``[Music]``, a sound).

Scripts that cut a long recording into chunks print their own log around whisper's lines
(``🧠 Transcrivint chunks/chunk_001.wav...``), and each chunk's times start again at 0:00
(:func:`script_log`, :func:`chunk_length`; placed end to end by ``clock_times.end_to_end``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Protocol

from podsift.formats.cues import Piece
from podsift.media_files import MEDIA_FILE_NAME
from podsift.text import parse_duration

# A time range in brackets opening the line, the spaces whisper prints after it, the text.
_RANGE_LINE = re.compile(r"^\[[^\[\]\n]{3,40}\](?P<gap> *)(?P<text>.*?)\s*$")
# Captions with their words on the line must be this share of the file's lines to be such output.
_OWN_WORDS_SHARE = 2 / 3
# A token a line: at least this many lines, nearly all one token with no space inside.
_MIN_TOKENS = 20
_TOKEN_SHARE = 0.8
# A token is a word or part of one: half of them this long or shorter.
_TOKEN_CHARS = 8
# Music notes open lyrics, not a script's log.
_NOTES = frozenset("♪♫♬🎵🎶")
# "Tallant en blocs de 15 minuts...", "Splitting into 10-minute chunks", "segment_time 600s".
_LENGTH = re.compile(r"\b(\d{1,4}(?:[.,]\d+)?)[ -]?(h|hours?|hores?|horas?|min\w*|m|s|sec\w*|seg(?:on|und)\w*)\b",
                     re.IGNORECASE)


class _Line(Protocol):
    label: str | None
    rest: str
    speech: str | None
    end: float | None
    bare: bool


def captions(lines: Sequence[str], candidates: Mapping[int, _Line]) -> bool:
    """Are the lines whisper's captions, nearly every line a time range and its words?"""
    filled = sum(1 for line in lines if line.strip())
    worded = sum(1 for t in candidates.values() if t.end is not None and (t.rest or t.speech))
    return filled > 0 and worded >= _OWN_WORDS_SHARE * filled


def own_words(lines: Sequence[str], candidates: Mapping[int, _Line]) -> set[int]:
    """The lines (by index) whose label is their own words: in a file of captions that carry their
    words on the line (whisper's screen output), a range with a bare label after it and nothing
    below it but the next timed line or a script's log line. Labels with a colon or brackets stay labels."""
    if not captions(lines, candidates):
        return set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    following = {a: b for a, b in zip(filled, filled[1:])}
    return {i for i, t in candidates.items()
            if t.label is not None and t.bare and t.end is not None and t.speech and not t.rest
            and (i not in following or following[i] in candidates or script_log(lines[following[i]]))}  # fmt: skip


def token_lines(lines: Sequence[str], timed: Sequence[int]) -> dict[int, tuple[bool, str]] | None:
    """Each timed line's token and whether it goes on the word before (no space before it), by
    line index, when the lines are a token each (whisper.cpp's ``-ml 1``); else None."""
    found = {i: m for i in timed if (m := _RANGE_LINE.match(lines[i].strip(" \t")))}
    said = [m.group("text") for m in found.values() if m.group("text")]
    if len(said) < _MIN_TOKENS or sum(" " not in text for text in said) < _TOKEN_SHARE * len(said):
        return None
    if sorted(len(text) for text in said)[len(said) // 2] > _TOKEN_CHARS:
        return None  # phrases in a script written without spaces ("大家好,欢迎来到新一期的捕蛇者说"), not tokens
    # The usual gap is a word's start; one space fewer is a token printed without its space.
    gap = Counter(len(m.group("gap")) for m in found.values() if m.group("text")).most_common(1)[0][0]
    return {i: (len(m.group("gap")) < gap, m.group("text")) for i, m in found.items()}


def words(tokens: Sequence[tuple[float | None, float | None, str, bool]]) -> list[Piece]:
    """Tokens (start, end, text, goes on the word before) as words, each from its first token's
    start to its last one's end; a bracket's tokens are one word (``[No Sound]``), a sound."""
    joined: list[Piece] = []
    for start, end, text, glued in tokens:
        if not text:
            continue
        last = joined[-1] if joined else None
        if last is not None and (glued or last.text.count("[") > last.text.count("]")):
            last.text += text if glued or last.text.endswith("[") or text.startswith("]") else " " + text
            last.end = end if end is not None else last.end
        else:
            joined.append(Piece(start, end, None, text.strip()))
    return joined


def script_log(line: str) -> bool:
    """A line a script wrapping whisper printed (``✂️ Tallant en blocs...``, ``🧠 Transcrivint
    chunks/chunk_001.wav...``): it opens with a symbol or names a media file. Asked only of
    untimed lines among whisper's captions, which carry every word said."""
    first = line.lstrip()[:1]
    return (bool(first) and first not in _NOTES and unicodedata.category(first) == "So") or bool(names_file(line))


def names_file(line: str) -> str | None:
    """The media file a log line names (a new chunk or recording starts), else None."""
    m = MEDIA_FILE_NAME.search(line)
    return m.group(0) if m else None


def chunk_length(log: Sequence[str]) -> float | None:
    """The length of the chunks the script cut the recording into, where its log states one
    length (``blocs de 15 minuts``), else None."""
    found: set[float] = set()
    for line in log:
        for m in _LENGTH.finditer(line):
            unit = m.group(2).lower()
            number = m.group(1).replace(",", ".")
            spelled = f"{number}{'h' if unit.startswith('h') else 'm' if unit.startswith('m') else 's'}"
            if (seconds := parse_duration(spelled)) is not None and seconds > 0:
                found.add(seconds)
    return found.pop() if len(found) == 1 else None

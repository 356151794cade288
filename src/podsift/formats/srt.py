"""SubRip (SRT) captions: numbered cues, ``HH:MM:SS,mmm`` times, ``Name:`` speaker prefixes.

Clean files are read with the ``srt`` library; the tolerant cue reader shared with
WebVTT takes over for anything it would misread (``MM:SS`` times, which ``srt``
takes as hours and minutes) or that is structurally broken. Speakers, turns and
time repairs work as described in :mod:`podsift.formats.webvtt`.
"""

from __future__ import annotations

import re

import srt as srt_lib  # absolute import: the PyPI srt package, not this module

from podsift.formats.cues import (
    Cue,
    build,
    choose_cues,
    cue_body,
    cue_times,
    ms,
    speaker_marks,
    summarise_repeats,
    wrap,
)
from podsift.model import Episode
from podsift.text import format_timestamp, prepare_text

NAME = "srt"
EXTENSIONS = (".srt",)

# The fraction may be missing, or run to microseconds: scripts write Python's timedelta
# ("0:00:00-->0:00:04.480000") and whole seconds ("00:00:05 --> 00:00:10").
_NUMBERED_CUE = re.compile(r"(?m)^[ \t]*\d+[ \t]*\r?\n[ \t]*(?:\d+:)?\d{1,2}:\d{2}(?:([,.])\d{1,6})?[ \t]*-->")
_COMMA_TIMING = re.compile(r"(?m)^[ \t]*(?:\d+:)?\d{1,2}:\d{2},\d{1,3}[ \t]*-->")
_WHOLE_SECONDS_TIMING = re.compile(r"(?m)^[ \t]*(?:\d+:)?\d{1,2}:\d{2}[ \t]*-->[ \t]*(?:\d+:)?\d{1,2}:\d{2}[ \t]*$")
# The only timing form the srt library reads right; "00:01,000" it takes as one hour.
_STRICT_TIMING = re.compile(r"^\s*\d+:\d{2}:\d{2},\d{3}\s*-->\s*\d+:\d{2}:\d{2},\d{3}(?:\s|$)")

# SubRip has no escapes, yet players format "<b>", "<i>", "<font …>" and "{\\an8}" in a cue, and a
# strict reader takes a line with "-->" for a timing line. A word joiner (invisible, no space)
# after the "<", "{" or "--" keeps them words on every player; our reader takes it out again.
_JOINER = "\u2060"
_PLAYER_MARKUP = re.compile(r"<(?=[A-Za-z/])|\{(?=\\)|--(?=>)")
_JOINED = re.compile(rf"(?<=<){_JOINER}(?=[A-Za-z/])|(?<=\{{){_JOINER}(?=\\)|(?<=--){_JOINER}(?=>)")


def _as_words(text: str) -> str:
    """``text`` with its tag-like marks and arrows joined so no player reads them as markup."""
    return _PLAYER_MARKUP.sub(lambda m: m.group() + _JOINER, text)


def _unjoined(text: str) -> str:
    return _JOINED.sub("", text) if _JOINER in text else text


def sniff(text: str) -> float:
    head = text[:4096].lstrip("\ufeff")
    m = _NUMBERED_CUE.search(head)
    if m:
        # A numbered cue with "." millis is still SRT-shaped; WebVTT rarely numbers cues.
        return 0.9 if m.group(1) == "," else 0.75
    if _COMMA_TIMING.search(head):
        return 0.6
    if _WHOLE_SECONDS_TIMING.search(head):
        return 0.5
    return 0.0


def _strict(text: str) -> bool:
    return all(_STRICT_TIMING.match(line) for line in text.split("\n") if "-->" in line)


def _library_cues(text: str) -> list[Cue]:
    return [
        Cue(
            k + 1,
            ms(sub.start.total_seconds()),
            ms(sub.end.total_seconds()),
            sub.content,
            None if sub.index is None else str(sub.index),
        )
        for k, sub in enumerate(srt_lib.parse(text))
    ]


def _check_numbering(cues: list[Cue], episode: Episode) -> None:
    """Cue numbers are only labels, so the file's order (or time order) wins; note odd ones."""
    previous: int | None = None
    since = len(episode.repairs)
    before: Cue | None = None
    for cue in cues:
        if cue.identifier is None or not cue.identifier.isdecimal():
            continue
        number = int(cue.identifier)
        # A bilingual file's twin: the same number and time again, the words in another language.
        twin = before is not None and number == previous and (cue.start, cue.end) == (before.start, before.end)
        if previous is not None and number <= previous and not twin:
            episode.repair(
                "cue_numbering",
                f"cue number {number} comes after {previous}; numbers ignored",
                cue.where,
            )
        previous, before = number, cue
    summarise_repeats(episode, since)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    cues = choose_cues(
        text, episode, vtt=False, library=_library_cues, library_name="srt", clean=_strict
    )
    _check_numbering(cues, episode)
    build(cues, episode)
    for seg in episode.segments:  # the words our export kept from players' markup, as said
        seg.text, seg.directions = _unjoined(seg.text), [_unjoined(d) for d in seg.directions]
        seg.speaker = seg.speaker and _unjoined(seg.speaker)


def render(episode: Episode) -> str:
    out: list[str] = []
    timed = cue_times(episode.segments)
    for number, ((seg, start, end), mark) in enumerate(zip(timed, speaker_marks(timed)), 1):
        lines = wrap(_as_words(cue_body(seg)))
        if mark:
            lines[0] = f"{_as_words(mark)}: {lines[0]}"
        elif mark == "":
            lines[0] = f"- {lines[0]}"
        out.append(str(number))
        out.append(f"{format_timestamp(start, millis=True, sep=',')} --> {format_timestamp(end, millis=True, sep=',')}")
        out.extend(lines)
        out.append("")
    return "\n".join(out)

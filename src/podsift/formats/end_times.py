"""Paragraphs closed by the time they end at, under timed chapter headings: a language model's transcript.

Asked for a transcript of a video, Gemini (and scripts built around it) writes a title, a table
of contents, then chapters, each paragraph ending in the time its last word is said:

    ## Table of Contents
    * [00:00:00] Introduction and Mission
    * [00:00:41] Desktop App and UI Refresh

    ## [00:00:00] Introduction and Mission

    [Applause] [00:00:13]

    **Mira Murati:** Hi everyone. Thank you. Thank you. [00:00:17]

    It's great to have you here today. [00:00:34]

(a YouTube variant links each time, ``[[00:21](…&t=21)]``; another prompt opens each paragraph
with its start as well, ``[00:00:00] Welcome back. [00:00:05]``). Read as turns, the chapter
headings became speakers, the contents list a second run of turns, and the closing times were
taken out as clocks inside the words. Here each paragraph is rewritten as a turn over its own
range, from its opening time (or the end of the one before it, or its chapter's start) to its
closing one, for the speaker-line reader, which leaves out the contents list (``contents``): it repeats
the headings, and tells them for chapters.
"""

from __future__ import annotations

import re

from podsift.text import LIST_ITEM, MARKDOWN_HEADING, format_timestamp, parse_timestamp

_CLOCK = r"\d{1,2}(?::\d{2}){1,2}"
# "[00:00:17]" or "[[00:21](http://…&t=21)]" closing a paragraph, maybe "[00:00:00]" opening it.
def _linked(name: str) -> str:
    return rf"\[(?:(?P<{name}>{_CLOCK})|\[(?P<{name}l>{_CLOCK})\]\([^)\s]*\))\]"


_OPENING = re.compile(rf"{_linked('open')}[ \t]+")
# "**Host:** [00:00:00] Welcome back. [00:00:02]" (or "__Host:__", "Host:"): a label before the opening time.
_LABEL = re.compile(r"(?:\*\*[^*\n]{1,60}?\*\*|__[^_\n]{1,60}?__|[^\W\d][\w .'’-]{0,40}?:):?[ \t]+")
_CLOSING = re.compile(_linked("end"))
_TIMED_TITLE = re.compile(rf"^{_linked('at')}[ \t]+(?P<title>\S.*)$")
# A contents list's item: "[00:00:41] Desktop App", or a bare clock and a dash as lexfridman.com
# lists its chapters ("1:05 – OpenAI board saga").
_LISTED_TITLE = re.compile(rf"^(?:{_linked('at')}|{_CLOCK}(?:[ \t]*[-–—|])?)[ \t]+(?P<title>\S.*)$")
# So many paragraphs closed by a time at least, and this share of the paragraphs: Descript's
# clock every 30 s lands at a paragraph's end now and then, and such a page is no case of this.
_MIN_CLOSED = 3
_SHARE = 0.8


def _at(match: re.Match[str], name: str) -> float | None:
    """The time the group ``name`` holds, plain or linked; None where it holds none."""
    return parse_timestamp(match.group(name) or match.group(name + "l"))


def _closed(line: str) -> tuple[float | None, str, float] | None:
    """A paragraph's opening time (None if it has none), words and closing time; None unless a
    time closes it. The closing time is sought from the line's end, so a long line costs one pass."""
    if not line.endswith("]"):
        return None
    k = line.rfind("[[") if line.endswith(")]") else line.rfind("[")
    closing = _CLOSING.fullmatch(line, max(k, 0))
    if k <= 0 or closing is None or (end := _at(closing, "end")) is None:
        return None
    said = line[:k].rstrip()
    label = _LABEL.match(said)
    at = label.end() if label else 0
    opening = _OPENING.match(said, at)
    start = _at(opening, "open") if opening else None
    said = said[:at] + said[opening.end():] if opening else said
    return (start, said, end) if said else None


def contents(lines: list[str], titles: set[str]) -> set[int]:
    """The lines of a contents list that repeats the chapter headings' ``titles`` ("* [00:00:41] Desktop
    App"), with the heading over it ("## Table of Contents"); empty where there is none."""
    listed = {i: timed.group("title").strip() for i, line in enumerate(lines)
              if (item := LIST_ITEM.match(line)) and (timed := _LISTED_TITLE.match(line[item.end():].strip()))}
    # each list on its own: a page's turns may be timed list items too ("* 0:20 Sam: Thanks"), no contents
    runs: list[list[int]] = []
    for i in listed:
        if runs and not any(line.strip() for line in lines[runs[-1][-1] + 1 : i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    found: set[int] = set()
    for run in runs:
        if 2 * sum(listed[i] in titles for i in run) < len(run):
            continue
        found.update(run)
        above = max((i for i in range(run[0]) if lines[i].strip()), default=None)
        if above is not None and (heading := MARKDOWN_HEADING.match(lines[above].strip())) \
                and not re.search(_CLOCK, heading.group("title")):
            found.add(above)  # "## Table of Contents" over it
    return found


def _clock(seconds: float) -> str:
    return format_timestamp(seconds, millis=True)


def unclosed(text: str) -> tuple[str, int] | None:
    """``text`` with each paragraph closed by its time rewritten as ``[start - end] words``, and how
    many paragraphs were; None unless most paragraphs close so."""
    if "]\n" not in text and not text.rstrip().endswith("]"):
        return None
    lines = text.split("\n")
    headings: dict[int, tuple[str, float | None, str]] = {}  # line -> (level, start, title) of "## [00:00:41] Title"
    closed: dict[int, tuple[float | None, str, float]] = {}
    others = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or LIST_ITEM.match(stripped):
            continue
        if heading := MARKDOWN_HEADING.match(stripped):
            if timed := _TIMED_TITLE.match(heading.group("title")):
                headings[i] = heading.group(1), _at(timed, "at"), timed.group("title")
        elif found := _closed(stripped):
            closed[i] = found
        elif i:  # the first line may be the title, written plainly
            others += 1
    if len(closed) < _MIN_CLOSED or not headings and not any(start is not None for start, _, _ in closed.values()):
        return None
    if len(closed) < _SHARE * (len(closed) + others):
        return None
    out: list[str] = []
    start: float | None = None
    for i, line in enumerate(lines):
        if i in headings:
            level, start, title = headings[i]
            out.append(f"{level} [{_clock(start)}] {title}" if start is not None else line)  # its link taken off
        elif i in closed:
            opened, said, end = closed[i]
            start = opened if opened is not None else start
            out.append(f"[{_clock(start)} - {_clock(end)}] {said}" if start is not None else said)
            start = end
        else:
            out.append(line)
    return "\n".join(out), len(closed)

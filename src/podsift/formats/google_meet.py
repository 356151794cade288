"""A Google Meet transcript as Google Docs writes it, saved as Markdown or text.

    # Weekly sync: Transcript
    ### Attendees
    Ana Ruiz, Bo Li
    _This editable transcript was computer generated and might contain errors. …_
    00:00:00
    Ana Ruiz: Hello, everyone.
    …
    Meeting ended after 00:50:32 👋

The title heading, the attendee list, Google's notice and the closing line frame the turns:
none of them is speech. The closing line gives the meeting's length. The older layout marks its
first section with no time: the meeting starts at 00:00:00 all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podsift.text import parse_timestamp

# Google's notice, as a heading, in italics or bold, or plain, over the turns or under them.
_NOTICE = re.compile(r"^[#>\t ]*[*_]*This editable transcript was computer generated and might contain errors\."
                     r"(?:[\t ]+People can also change the text after it was created\.)?[*_]*[\t ]*$",
                     re.MULTILINE)  # fmt: skip
_ENDED = re.compile(r"^[\t ]*(?:Meeting|Transcription) ended after (?P<time>\d{1,2}:\d{2}:\d{2})[\t ]*(?:👋)?[\t ]*$",
                    re.MULTILINE)  # fmt: skip
_TITLE = re.compile(r"\A\s*#[\t ]+(?P<title>[^\n#]{1,200}?)[\t ]*(?:\n|\Z)")
_ATTENDEES = re.compile(r"#{1,6}[\t ]+Attendees[\t ]*\n(?P<names>[^\n]*)(?:\n|\Z)")
_BLANKS = re.compile(r"(?:[\t \u00a0]*\n)*")
_TIME_LINE = re.compile(r"^[\t \u00a0]*\d{2}:\d{2}:\d{2}[\t \u00a0]*$", re.MULTILINE)
# A turn: "Ana Ruiz: …" (a name, then a colon) opening a line; Meet writes some with no words.
_TURN = re.compile(r"^[^\W\d_][^:\n]{0,60}:", re.MULTILINE)
_SAID_TURN = re.compile(r"^(?P<name>[^\W\d_][^:\n]{0,60}):[\t \u00a0]*\S", re.MULTILINE)
_EMPTY_TURN = re.compile(r"^(?P<name>[^\W\d_][^:\n]{0,60}):[\t \u00a0]*$", re.MULTILINE)
_TAIL = 500  # the closing line is among the last characters


@dataclass
class Transcript:
    text: str  # the turns and the time lines, nothing around them
    title: str | None
    attendees: list[str]
    duration: float | None


@dataclass
class _Head:
    title: str | None
    attendees: str | None
    notice: re.Match[str]


def _past_blanks(text: str, pos: int) -> int:
    """The start of the first line at or after ``pos`` with more than blanks on it."""
    m = _BLANKS.match(text, pos)
    return m.end() if m else pos


def _head(text: str) -> _Head | None:
    """The document's head as Meet writes it: the title, the attendee list (each if any), then Google's
    notice, with nothing else before it; None where the notice is quoted elsewhere (notes about Meet)."""
    title = attendees = None
    pos = 0
    if m := _TITLE.match(text):
        title, pos = m.group("title"), m.end()
    if m := _ATTENDEES.match(text, _past_blanks(text, pos)):
        # With no one listed, the notice follows the heading directly: it is no attendee.
        attendees, pos = (None, m.start("names")) if _NOTICE.match(text, m.start("names")) else (m.group("names"), m.end())
    if not (notice := _NOTICE.match(text, _past_blanks(text, pos))):
        return None
    return _Head(title, attendees, notice)


def _timed(text: str) -> bool:
    """Meet's times: a time alone on its line over each section (more than one), or its closing line."""
    lines = _TIME_LINE.finditer(text)
    return (next(lines, None) is not None and next(lines, None) is not None) or bool(_ENDED.search(text))


def written_by_meet(text: str) -> bool:
    """Whether ``text`` is Google Meet's transcript document: Google's notice under the title and the
    attendee list, and Meet's times (more than one time line alone, or the closing line)."""
    return _head(text) is not None and _timed(text)


def transcript(text: str) -> Transcript | None:
    """``text`` read as Google Meet's transcript document; None unless it is laid out as Meet writes it."""
    if (head := _head(text)) is None or not _timed(text):
        return None
    text = _NOTICE.sub("", text[head.notice.end():])  # the notice may close the document too
    duration = None
    tail = max(0, len(text) - _TAIL)
    if m := _ENDED.search(text, tail):
        duration, text = parse_timestamp(m.group("time")), text[:m.start()] + text[m.end():]
    names = [name.strip() for name in (head.attendees or "").split(",") if name.strip()]
    # Meet leaves some turns empty ("Bo Li: "); only a label the file speaks under is one, not prose
    # ending in a colon.
    speakers = {m.group("name").strip() for m in _SAID_TURN.finditer(text)} | set(names)
    text = _EMPTY_TURN.sub(lambda m: "" if m.group("name").strip() in speakers else m.group(0), text)
    first_time, first_turn = _TIME_LINE.search(text), _TURN.search(text)
    if first_turn and (not first_time or first_turn.start() < first_time.start()):
        text = f"00:00:00\n{text.lstrip()}"
    return Transcript(text, head.title, names, duration)

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
_ATTENDEES = re.compile(r"^#{1,6}[\t ]+Attendees[\t ]*\n(?P<names>[^\n]*)(?:\n|\Z)", re.MULTILINE)
_TIME_LINE = re.compile(r"^[\t \u00a0]*\d{2}:\d{2}:\d{2}[\t \u00a0]*$", re.MULTILINE)
# A turn: "Ana Ruiz: …" (a name, then a colon) opening a line; Meet writes some with no words.
_TURN = re.compile(r"^[^\W\d_][^:\n]{0,60}:", re.MULTILINE)
_EMPTY_TURN = re.compile(r"^[^\W\d_][^:\n]{0,60}:[\t \u00a0]*$", re.MULTILINE)
_TAIL = 500  # the closing line is among the last characters


@dataclass
class Transcript:
    text: str  # the turns and the time lines, nothing around them
    title: str | None
    attendees: list[str]
    duration: float | None


_HEAD = 8192  # Google's notice heads the document (and may close it too)


def written_by_meet(text: str) -> bool:
    """Whether ``text`` opens as Google Meet's transcript document: Google's notice near the top,
    and a time line alone somewhere."""
    return bool(_NOTICE.search(text[:_HEAD])) and bool(_TIME_LINE.search(text))


def transcript(text: str) -> Transcript | None:
    """``text`` read as Google Meet's transcript document; None unless it carries Google's notice
    and a time line alone."""
    if not written_by_meet(text) or not (notice := _NOTICE.search(text)):
        return None
    title = attendees = None
    if m := _TITLE.match(text):
        title, text = m.group("title"), text[m.end():]
    if m := _ATTENDEES.search(text, 0, notice.start()):
        attendees, text = m.group("names"), text[:m.start()] + text[m.end():]
    text = _NOTICE.sub("", text)
    duration = None
    tail = max(0, len(text) - _TAIL)
    if m := _ENDED.search(text, tail):
        duration, text = parse_timestamp(m.group("time")), text[:m.start()] + text[m.end():]
    text = _EMPTY_TURN.sub("", text)
    first_time, first_turn = _TIME_LINE.search(text), _TURN.search(text)
    if first_turn and (not first_time or first_turn.start() < first_time.start()):
        text = f"00:00:00\n{text.lstrip()}"
    names = [name.strip() for name in (attendees or "").split(",") if name.strip()]
    return Transcript(text, title, names, duration)

"""Zoom's meeting chat: what its participants typed during the call.

Zoom saves it as a text file, a message a line, tab-separated (or, since Zoom 5, who wrote to whom
over the message, ``17:25:46 From Jane Doe to Everyone:``, its lines indented below):

    00:13:46	Potuz:	gm
    00:18:23	Enrico Del Fante (tbenr):	Replying to "is marco cutting out..."

    Here too
    00:18:30	Justin Traglia:	Reacted to "is marco cutting out..." with 👍

The field between the tabs (or after ``From``) is the sender, whatever it looks like (``nixo``, ``Kalo | Obol``,
``felix (eest)``); a message runs on over the lines that follow it up to the next. A reaction
(``Reacted to "…" with 👍``) is no message: left out and counted. A reply keeps its words; the
``Replying to "…"`` line quoting the message it answers is left out, as is Zoom's note that it
could not show a message whole.

The old chat Zoom showed as ``From Jane Doe to Everyone 03:02 PM`` over each message is what
meeting notes paste below the transcript: :func:`pasted_chat` finds it, for the notes' reader
to set it aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podsift.formats.cues import report_silences, words_end
from podsift.model import Episode
from podsift.text import MARKDOWN_HEADING, counted, parse_timestamp, prepare_text

NAME = "zoom_chat"
EXTENSIONS = (".txt",)

_MESSAGE = re.compile(r"^(?P<time>\d{1,2}:\d{2}:\d{2})\t(?P<sender>[^\t\n]{1,100}?):\t(?P<text>.*)$")
# Zoom 5.x writes who to over the message, its lines indented below:
# "17:25:46 From Michael Wasserman to Everyone:" / "\tWindows now has PowerShell…"
_ADDRESSED = re.compile(r"^(?P<time>\d{1,2}:\d{2}:\d{2}) From (?P<sender>[^\t\n]{1,100}?) to [^\t\n]{1,100}?:(?P<text>)\s*$")
_REACTION = re.compile(r'^(?:Reacted to ".*" with \S.{0,20}|Removed a \S.{0,20} reaction from ".*")$')
_REPLY = re.compile(r'^Replying to ".*"\s*$')
# Zoom's own words where a message is too long for the version that saved it.
_CUT_NOTE = "[Full message cannot be displayed on this version]"
_SNIFF_CHARS = 8192
_MIN_MESSAGES = 2
# Messages run over several lines; still, their first lines must be a good share of the file's.
_MESSAGE_SHARE = 0.25


@dataclass
class _Message:
    line_no: int
    start: float | None
    sender: str
    lines: list[str] = field(default_factory=list)


def sniff(text: str) -> float:
    lines = [line for line in text[:_SNIFF_CHARS].lstrip("\ufeff").replace("\r", "\n").split("\n") if line.strip()]
    if not lines or not _opening(lines[0]):
        return 0.0
    messages = sum(1 for line in lines if _opening(line))
    return 0.95 if messages >= _MIN_MESSAGES and messages >= _MESSAGE_SHARE * len(lines) else 0.0


def _opening(line: str) -> re.Match[str] | None:
    """The line that opens a message, in either of Zoom's layouts."""
    return _MESSAGE.match(line) or _ADDRESSED.match(line)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    messages: list[_Message] = []
    for i, line in enumerate(text.split("\n")):
        if m := _opening(line):
            messages.append(_Message(i + 1, parse_timestamp(m.group("time")), m.group("sender").strip(),
                                     [m.group("text")]))
        elif messages:
            messages[-1].lines.append(line)
    reactions = replies = cut = 0
    said: list[tuple[_Message, str]] = []
    for message in messages:
        lines = [line.strip() for line in message.lines if line.strip()]
        if len(lines) == 1 and _REACTION.match(lines[0]):
            reactions += 1
            continue
        if lines and _REPLY.match(lines[0]):
            replies += 1
            lines = lines[1:]
        kept = [line for line in lines if line != _CUT_NOTE]
        cut += len(lines) - len(kept)
        if kept:
            said.append((message, " ".join(kept)))
    silences: list[tuple[float, str | None]] = []
    for k, (message, words) in enumerate(said):
        later = (m.start for m, _ in said[k + 1:] if m.start is not None and message.start is not None
                 and m.start > message.start)
        end = next(later, None)
        # A message is typed in a moment: one the next follows an hour later does not last the hour.
        if message.start is not None and end is not None and (short := words_end(message.start, end, words)) is not None:
            end = short
            silences.append((message.start, f"line {message.line_no}"))
        episode.add_segment(words, start=message.start, end=end, speaker=message.sender)
    report_silences(episode, silences)
    senders = len({message.sender for message, _ in said})
    detail = f"{counted(len(said), 'message')} from {counted(senders, 'sender')}, each sender as Zoom names it"
    if reactions:
        detail += f"; {counted(reactions, 'reaction')} ('Reacted to \"…\" with 👍') left out, not messages"
    if replies:
        detail += f"; {replies} replies read without the 'Replying to \"…\"' line quoting the message answered"
    if cut:
        detail += f"; {counted(cut, 'note')} of Zoom's that it could not show a message whole left out"
    episode.repair("zoom_chat", detail)


# "From terence(prysmaticlabs) to Everyone 03:02 PM" over the message, as Zoom showed its chat and
# meeting notes paste it; "From Jane to Everyone:" too.
_PASTED_HEADER = re.compile(r"^\s*From\s+\S.{0,80}?\s+to\s+(?:Everyone|.{1,60}?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?"
                            r"(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*(?:\(\s*(?:Direct|Privately)[^)]*\)\s*)?:?\s*$")
_PASTED_MIN = 2


def pasted_chat(lines: list[str]) -> tuple[int, int, int] | None:
    """Where Zoom's chat pasted into notes begins and ends among ``lines`` (a heading right above it,
    ``### Zoom chat``, included; up to the next heading or the end), and how many messages it holds;
    None unless at least two of its ``From … to Everyone`` lines are there."""
    headers = [i for i, line in enumerate(lines) if _PASTED_HEADER.match(line)]
    if len(headers) < _PASTED_MIN:
        return None
    first = headers[0]
    start = first
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    if start > 0 and MARKDOWN_HEADING.match(lines[start - 1]):
        start -= 1
    end = next((i for i in range(first + 1, len(lines)) if MARKDOWN_HEADING.match(lines[i])), len(lines))
    return start, end, sum(1 for i in headers if i < end)

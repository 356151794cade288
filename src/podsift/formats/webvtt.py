"""WebVTT captions.

A clean file is read with webvtt-py; anything the tolerant reader in
``podsift.formats.cues`` finds structurally wrong (no header, missing blank lines,
``,`` millis, stray text) is read by that reader instead, so a broken file is
repaired and reported, never raised on.
"""

from __future__ import annotations

import re

import webvtt as webvtt_lib  # absolute import: the PyPI webvtt-py package, not this module

from podsift.formats.cues import (
    Cue,
    build,
    choose_cues,
    clock,
    cue_body,
    cue_times,
    speaker_marks,
    wrap,
)  # fmt: skip
from podsift.model import Episode
from podsift.text import format_timestamp, prepare_text, squash

NAME = "webvtt"
EXTENSIONS = (".vtt",)

# ---------------------------------------------------------------------------
# WebVTT itself.

_HEADER = re.compile(r"^\s*WEBVTT")
_VTT_TIMING = re.compile(r"(?m)^\s*(?:\d+:)?\d{1,2}:\d{2}\.\d{1,3}\s*-->")


def sniff(text: str) -> float:
    head = text[:4096].lstrip("\ufeff")
    if _HEADER.match(head):
        return 0.95
    if _VTT_TIMING.search(head):
        return 0.7
    return 0.0


def _library_cues(text: str) -> list[Cue]:
    captions = webvtt_lib.from_string(text.lstrip()).captions  # it insists WEBVTT is the very first line
    return [
        Cue(k + 1, clock(c.start), clock(c.end), c.raw_text, c.identifier)
        for k, c in enumerate(captions)
    ]


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    cues = choose_cues(text, episode, vtt=True, library=_library_cues, library_name="webvtt-py")
    build(cues, episode)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(episode: Episode) -> str:
    out = ["WEBVTT", ""]
    if episode.title:
        # NOTE text may not hold "-->"; readers skip NOTE blocks, so the title is only for people.
        out += [f"NOTE {squash(episode.title).replace('-->', '->')}", ""]
    timed = cue_times(episode.segments)
    for (seg, start, end), mark in zip(timed, speaker_marks(timed)):
        lines = wrap(_escape(cue_body(seg)))
        if mark:
            lines[0] = f"<v {_escape(mark)}>{lines[0]}"
        elif mark == "":
            lines[0] = f"- {lines[0]}"
        out.append(f"{format_timestamp(start, millis=True)} --> {format_timestamp(end, millis=True)}")
        out.extend(lines)
        out.append("")
    return "\n".join(out)

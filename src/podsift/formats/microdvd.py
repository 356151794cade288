"""MicroDVD captions (``.sub``): times in video frames, ``|`` between a caption's lines.

    {1}{1}25.000
    {0}{75}Hello, this is the first line|and its second.
    {80}{150}{y:i}- Is it?|- It is.

The first caption may state the frame rate instead of words (``{1}{1}23.976``); without
it, frames are counted at 25 a second, as VLC and Kodi do, and the report says so. An
empty end frame (``{160}{}``) lasts until the next caption. Style codes (``{y:i}``,
``{c:$0000FF}``) and a ``/`` opening an italic line are dropped. The cues then go the
way of every caption file (:mod:`podsift.formats.cues`).
"""

from __future__ import annotations

import re

from podsift.formats.cues import Cue, build
from podsift.model import Episode
from podsift.text import agrees, counted, prepare_text

NAME = "microdvd"
EXTENSIONS = (".sub",)

DEFAULT_FPS = 25.0
_LINE = re.compile(r"^\s*\{(\d+)\}\{(\d*)\}(.*)$")
_STYLE = re.compile(r"\{[A-Za-z]:[^{}\n]*\}")
_FPS = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*$")


def sniff(text: str) -> float:
    lines = [line for line in text[:4096].lstrip("\ufeff").split("\n")[:60] if line.strip()]
    framed = sum(1 for line in lines if _LINE.match(line))
    return 0.9 if framed >= 2 and framed >= 0.8 * len(lines) else 0.0


def _stated_fps(first: re.Match[str]) -> float | None:
    """The frame rate a ``{1}{1}23.976`` (or ``{0}{0}25``) first caption states."""
    fps = _FPS.match(first.group(3))
    if first.group(1) in ("0", "1") and first.group(2) in ("0", "1") and fps:
        value = float(fps.group(1).replace(",", "."))
        return value if 10 <= value <= 120 else None
    return None


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    lines = [line for line in text.split("\n") if line.strip()]
    framed = [m for line in lines if (m := _LINE.match(line))]
    untimed = len(lines) - len(framed)
    fps = _stated_fps(framed[0]) if framed else None
    if fps:
        framed = framed[1:]
    else:
        fps = DEFAULT_FPS
        episode.repair("frame_rate", f"the file does not state its frame rate ({{1}}{{1}}25 first); "
                       f"frames counted at {DEFAULT_FPS:g} a second, so times drift if the video's differs")  # fmt: skip
    if untimed:
        episode.repair("untimed_lines", f"{counted(untimed, 'line')} without {{frame}}{{frame}} {agrees(untimed, 'was not a caption', 'were not captions')}; dropped")
    cues: list[Cue] = []
    for k, m in enumerate(framed):
        lines = [line.strip().removeprefix("/") for line in _STYLE.sub("", m.group(3)).split("|")]
        payload = "\n".join(line for line in lines if line)
        if not payload:
            continue
        start = int(m.group(1)) / fps
        if m.group(2):
            end: float | None = int(m.group(2)) / fps
        else:
            end = int(framed[k + 1].group(1)) / fps if k + 1 < len(framed) else None
        cues.append(Cue(len(cues) + 1, round(start, 3), None if end is None else round(end, 3), payload))
    if not cues:
        episode.repair("no_cues", "found no captions ('{start frame}{end frame}text')")
    build(cues, episode)

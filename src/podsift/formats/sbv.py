"""YouTube's SubViewer captions (``.sbv``): a ``start,end`` line, then the caption text.

    0:00:03.900,0:00:08.460
    good morning everybody David Shapiro
    here we are back for part two of the

SubViewer 2.0's ``.sub``, which YouTube's format comes from, reads the same way; the
``[TITLE]`` of its header is the title. The cues then go the way of every caption file
(:mod:`podsift.formats.cues`): times repaired, speakers resolved, fragments joined into
sentences.
"""

from __future__ import annotations

import re

from podsift.formats.cues import Cue, build, clock
from podsift.formats.labels import is_credit_line
from podsift.model import Episode
from podsift.text import agrees, counted, prepare_text

NAME = "sbv"
EXTENSIONS = (".sbv",)

# SubViewer's header ("[INFORMATION]" ... "[END INFORMATION]") names the film.
_TITLE = re.compile(r"^\s*\[TITLE\](.*)$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\[br\]", re.IGNORECASE)
# A time below zero (a subtitle shifted too far back, as editors save it) is still a timing line.
_TIMING = re.compile(r"^\s*(-?\d+:\d{2}:\d{2}(?:\.\d{1,3})?)\s*,\s*(-?\d+:\d{2}:\d{2}(?:\.\d{1,3})?)\s*$")


def sniff(text: str) -> float:
    head = text[:4096].lstrip("\ufeff").split("\n")
    timings = sum(1 for line in head if _TIMING.match(line))
    return 0.9 if timings >= 2 or (timings == 1 and _TIMING.match(head[0])) else 0.0


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    cues: list[Cue] = []
    payload: list[str] = []
    credits: list[str] = []
    for line in text.split("\n"):
        m = _TIMING.match(line)
        if m:
            if cues:
                cues[-1].payload = "\n".join(payload).strip()
            start, end = (None if value.startswith("-") else clock(value) for value in m.groups())
            if bad := [what for what, value in zip(("start", "end"), m.groups(), strict=True) if value.startswith("-")]:
                episode.repair("bad_timestamp", f"{' and '.join(bad)} time below zero in {line.strip()!r}; left empty",
                               f"cue {len(cues) + 1}")  # fmt: skip
            cues.append(Cue(len(cues) + 1, start, end, ""))
            payload = []
        elif cues and payload and not payload[-1] and is_credit_line(line.strip()):
            # A footer set apart by a blank line ("Transcribed by https://otter.ai") is not the
            # last caption's speech.
            credits.append(line.strip())
        elif cues:
            payload.extend(part.strip() for part in _LINE_BREAK.split(line))  # SubViewer's "[br]": a line break
        elif (title := _TITLE.match(line)) and title.group(1).strip() and not episode.title:
            episode.title = title.group(1).strip()
    if credits:
        episode.repair("credit_lines", f"{counted(len(credits), 'credit line')} such as {credits[0]!r} below a caption "
                       f"{agrees(len(credits), 'was', 'were')} not speech; dropped")  # fmt: skip
    if cues:
        cues[-1].payload = "\n".join(payload).strip()
    else:
        episode.repair("no_cues", "found no timed cues ('start,end' lines)")
    build(cues, episode)

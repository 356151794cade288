"""SubStation Alpha captions (``.ass``, ``.ssa``): Aegisub's and Subtitle Edit's, and yt-dlp's
``--convert-subs ass``.

    [Events]
    Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
    Dialogue: 0,0:00:01.00,0:00:04.00,Default,Ana,0,0,0,,Hello, and welcome.{\\i1}!{\\i0}\\NSecond line.

Each ``Dialogue`` line is a cue: the columns are the ``Format`` line's, the text is the
last and may hold commas. Override tags (``{\\i1}``) are styling, ``\\N`` a line break; a
``Name`` names the speaker. ``Comment`` lines are the subtitler's notes. Lines shown at once
share their time, as TTML's do; the cues then go the way of every caption file
(:mod:`podsift.formats.cues`).
"""

from __future__ import annotations

import re

from podsift.formats.cues import Cue, build, shared_spans
from podsift.model import Episode
from podsift.text import parse_timestamp, prepare_text

NAME = "ssa"
EXTENSIONS = (".ass", ".ssa")

_SECTION = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")
_OVERRIDE = re.compile(r"\{[^{}]*\}")
_DEFAULT_FORMAT = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]


def sniff(text: str) -> float:
    head = text[:4096].lstrip("\ufeff \t\n")
    return 0.95 if head.lower().startswith("[script info]") and "dialogue:" in text[:65536].lower() else 0.0


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    section = ""
    columns = _DEFAULT_FORMAT
    cues: list[Cue] = []
    names: dict[int, str | None] = {}
    for line in text.split("\n"):
        if heading := _SECTION.match(line):
            section = heading.group("name").strip().lower()
            continue
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if section == "script info" and key == "title" and value.strip() and not episode.title:
            episode.title = value.strip()
        if section != "events":
            continue
        if key == "format":
            columns = [c.strip().lower() for c in value.split(",")]
        elif key == "dialogue":
            cells = dict(zip(columns, (c.strip() for c in value.split(",", len(columns) - 1)), strict=False))
            said = _OVERRIDE.sub("", cells.get("text", "")).replace("\\N", "\n").replace("\\n", "\n").replace("\\h", " ")
            name = cells.get("name", "")
            payload = f"<v {name}>{said}" if name and said.strip() else said
            cues.append(Cue(len(cues) + 1, parse_timestamp(cells.get("start")), parse_timestamp(cells.get("end")),
                            payload, label="dialogue line"))  # fmt: skip
            names[id(cues[-1])] = name or None
    if not cues:
        episode.repair("no_cues", "found no Dialogue lines in the [Events] section")
        return
    build(shared_spans(cues, names, episode, unit="dialogue lines", join_unnamed=False), episode)  # lines shown at once

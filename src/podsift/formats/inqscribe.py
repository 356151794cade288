"""InqScribe's XML export, as oral-history projects keep their interviews:

    <transcript><prologue/><scene id="1" in="00:00:00.00" out="00:00:26.26">&lt;speaker&gt; Ann Lee &lt;/speaker&gt;
    Ann | Shall we start?
    Bo | Yes.</scene>…</transcript>

Each ``<scene>`` is a stretch of the recording, its ``in`` and ``out`` timecodes written as
HH:MM:SS.ff, the last field frames (InqScribe counts 30 a second). Its text holds lines of turns,
``Name | words``; an escaped ``<speaker>`` tag names who speaks next in full, and a short name that
opens exactly one such full name is shown as it. The scene's first turn starts at its ``in`` and
its last ends at its ``out``; the turns between have no times of their own. A line with no name
goes on the turn before it (or on the scene's named speaker).
"""

from __future__ import annotations

import re

from podsift.formats.timed_text_xml import read_xml
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, counted, prepare_text, split_directions, squash

NAME = "inqscribe"
EXTENSIONS = (".xml",)

_ROOT = re.compile(r"\A(?:<\?xml[^>]{0,200}\?>)?\s*<transcript>\s*(?:<prologue\s*/>|<prologue>[^<]*</prologue>)?\s*"
                   r"<scene\s+id=\"[^\"]*\"\s+in=\"\d{1,2}:\d{2}:\d{2}[.:;]\d{2}\"")
_TIMECODE = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})[.:;](\d{2})")
_FPS = 30
_TURN = re.compile(r"^\s*(?P<name>[^|\n<>]{1,40}?)\s*\|\s*(?P<words>.*)$")
_SPEAKER_TAG = re.compile(r"<speaker>\s*(?P<name>[^<>\n]{1,80}?)\s*</speaker>")


def sniff(text: str) -> float:
    return 0.95 if _ROOT.match(text[:1000].lstrip("\ufeff \t\n")) else 0.0


def _seconds(value: str | None) -> float | None:
    if not value or not (m := _TIMECODE.fullmatch(value.strip())):
        return None
    h, mnt, s, frames = (int(g) for g in m.groups())
    return round(h * 3600 + mnt * 60 + s + min(frames, _FPS - 1) / _FPS, 3)


def _full_names(scenes: list[str]) -> dict[str, str]:
    """Short names that open exactly one full name given in a <speaker> tag: Ann -> Ann Lee."""
    full = {squash(m.group("name")) for text in scenes for m in _SPEAKER_TAG.finditer(text)}
    by_first: dict[str, list[str]] = {}
    for name in full:
        by_first.setdefault(name.split()[0], []).append(name)
    return {short: names[0] for short, names in by_first.items() if len(names) == 1} | {n: n for n in full}


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    root = read_xml(text, episode)
    scenes = [scene for scene in root.iter("scene")]
    if not scenes:
        raise SourceRejected("an InqScribe <transcript> with no <scene>, so no words to read")
    bodies = ["".join(scene.itertext()) for scene in scenes]
    names = _full_names(bodies)
    unread = 0
    for scene, body in zip(scenes, bodies, strict=True):
        start, end = _seconds(scene.get("in")), _seconds(scene.get("out"))
        unread += start is None
        turns: list[tuple[str | None, list[str]]] = []
        tagged: str | None = None
        for line in body.split("\n"):
            for m in _SPEAKER_TAG.finditer(line):
                tagged = squash(m.group("name"))
            line = _SPEAKER_TAG.sub("", line).strip()
            if not line:
                continue
            if turn := _TURN.match(line):
                name = squash(turn.group("name"))
                turns.append((names.get(name, name), [turn.group("words")]))
            elif turns:
                turns[-1][1].append(line)
            else:
                turns.append((tagged, [line]))
        for k, (speaker, lines) in enumerate(turns):
            spoken, directions = split_directions(" ".join(lines))
            if not spoken and not directions:
                continue
            episode.add_segment(spoken, start=start if k == 0 else None, end=end if k == len(turns) - 1 else None,
                                speaker=speaker, directions=directions)  # fmt: skip
    episode.repair("inqscribe", f"an InqScribe transcript: {len(scenes):,} scenes read as {len(episode.segments):,} "
                                f"turns ('Name | words' lines); each scene's first turn starts at its 'in' time "
                                f"(HH:MM:SS and frames, {_FPS} a second), the turns within it have no times of their own")  # fmt: skip
    if unread:
        scene_time = "<scene> 'in' time"
        episode.repair("bad_timestamp", f"{counted(unread, scene_time)} unreadable; {agrees(unread, 'that scene', 'those scenes')} left untimed")
    if not episode.segments:
        episode.repair("no_segments", "no <scene> holds any words")

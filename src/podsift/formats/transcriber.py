"""Transcriber's XML (``.trs``), the format of the LDC tool many hand-made transcripts are kept in.

    <Trans><Topics><Topic id="to1" desc="Intro"/></Topics>
      <Speakers><Speaker id="spkA" name="Tim Pritlove"/></Speakers>
      <Episode><Section type="report" topic="to1" startTime="0" endTime="25.07">
        <Turn speaker="spkA" startTime="0" endTime="2.55"><Sync time="0"/>Guten Morgen</Turn>

Each ``<Sync>`` starts a stretch of the turn's speech at its time; in a turn of speakers talking
at once (``speaker="spk1 spk2"``), ``<Who nb="2"/>`` opens the second's words, a segment of theirs
with the same start. The words may be ``<Word>`` elements inside the ``<Sync>`` (the DIVA project's
recogniser writes them so, each with its times and confidence). Sections with a topic become
chapters; ``<Event>``, ``<Comment>`` and ``<Background>`` are stage directions. The
standard library's parser reads it (it loads no external DTD, and its expat
refuses entity-expansion bombs).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from podsift.formats.cues import ms
from podsift.model import Episode, SourceRejected
from podsift.text import as_time, prepare_text, split_directions, squash

NAME = "transcriber"
EXTENSIONS = (".trs",)

_ROOT = re.compile(r"<Trans[\s>]")


def sniff(text: str) -> float:
    head = text[:4096]
    return 0.95 if _ROOT.search(head) and ("<Turn" in text[:65536] or "<Episode" in head) else 0.0


def _seconds(value: str | None) -> float | None:
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return ms(as_time(seconds))  # "inf", "nan" and "1e306" parse as floats, but are no times


# Transcriber's background kinds; "shh" is its word for noise.
_BACKGROUND = {"music": "music", "speech": "speech", "shh": "noise", "other": "sound"}


def _background(node: ET.Element) -> str | None:
    """``<Background type="music speech" level="high"/>`` as "[background music and speech]"."""
    kinds = [_BACKGROUND.get(k, k) for k in (node.get("type") or "").split()]
    if not kinds:
        return None
    if (node.get("level") or "").lower() == "off":
        return f"[background {' and '.join(kinds)} ends]"
    return f"[background {' and '.join(kinds)}]"


@dataclass
class _Stretch:
    """The words from one <Sync> (or <Who>) to the next, and who said them."""

    start: float | None
    speaker: str | None
    words: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)


def _who(node: ET.Element, ids: list[str]) -> str | None:
    """The speaker ``<Who nb="2"/>`` names: the turn's second."""
    nb = node.get("nb") or ""
    return ids[int(nb) - 1] if nb.isdigit() and 0 < int(nb) <= len(ids) else None


# A word of the French that DIVA's recogniser writes apart: an elided "l'", "qu'" before the next
# word, a clitic "-tu", "-moi" after the one before.
_ELIDED = re.compile(r"^\w{1,2}['’]$|^\w*qu['’]$", re.IGNORECASE)
_CLITIC = re.compile(r"^-\w")


def _word_elements(sync: ET.Element) -> list[str]:
    """The words of a <Sync> that holds them as ``<Word startTime endTime conf>`` elements (DIVA's
    files), joined into one text."""
    text = ""
    glued = True
    for word in sync.iter("Word"):
        token = squash(word.text or "")
        if token:
            text += token if glued or _CLITIC.match(token) else " " + token
            glued = bool(_ELIDED.match(token))
    return [text] if text else []


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    try:
        # An XML declaration must open the document: blank lines above it are not a reason to refuse.
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))  # text: decoded already, whatever the declaration says
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed Transcriber XML ({err})") from None
    names = {s.get("id"): squash(s.get("name") or "") or None for s in root.iter("Speaker")}
    topics = {t.get("id"): squash(t.get("desc") or "") for t in root.iter("Topic")}
    if root.get("audio_filename"):
        episode.extra["audio_filename"] = root.get("audio_filename")

    events = 0
    for section in root.iter("Section"):
        title = topics.get(section.get("topic"))
        if title:
            episode.add_chapter(title, _seconds(section.get("startTime")))
        for turn in section.iter("Turn"):
            # Overlapping speech names several speakers ("spk1 spk2"); <Who nb="2"/> opens the second's words.
            ids = (turn.get("speaker") or "").split()
            speaker = names.get(ids[0]) if ids else None
            stretches: list[_Stretch] = [_Stretch(_seconds(turn.get("startTime")), speaker)]
            if turn.text and turn.text.strip():
                stretches[-1].words.append(turn.text)
            for node in turn:
                if node.tag == "Sync":
                    stretches.append(_Stretch(_seconds(node.get("time", node.get("startTime"))), speaker))
                    stretches[-1].words += _word_elements(node)
                elif node.tag == "Who" and (who := _who(node, ids)):
                    speaker = names.get(who)
                    stretches.append(_Stretch(stretches[-1].start, speaker))  # said at once: the same start
                elif node.tag in ("Event", "Comment") and node.get("desc"):
                    stretches[-1].directions.append(f"[{squash(node.get('desc') or '')}]")
                    events += 1
                elif node.tag == "Background" and (direction := _background(node)):
                    stretches[-1].directions.append(direction)
                    events += 1
                if node.tail and node.tail.strip():
                    stretches[-1].words.append(node.tail)
            turn_end = _seconds(turn.get("endTime"))
            kept = [s for s in stretches if s.words or s.directions]
            for k, stretch in enumerate(kept):
                spoken, found = split_directions(squash(" ".join(stretch.words)))
                # Until the next later time: the words of speakers talking at once share their span.
                later = (s.start for s in kept[k + 1:] if s.start is not None and (stretch.start is None or s.start > stretch.start))
                episode.add_segment(spoken, start=stretch.start, end=next(later, turn_end), speaker=stretch.speaker,
                                    directions=stretch.directions + found)  # fmt: skip
    if not episode.segments:
        raise SourceRejected("Transcriber XML with no <Turn> text, so it is not a transcript")
    episode.repair("transcriber_xml", f"{len(episode.segments)} stretches between <Sync> times read from "
                                      f"{sum(1 for _ in root.iter('Turn'))} turns" + (
                       f"; {events} events, comments and background sounds kept as directions" if events else ""))

"""TEI transcriptions of speech: ``<u who="#id">`` utterances in a TEI document.

Parliament corpora (ParlaMint, Parla-CLARIN) and oral corpora encode what was said as TEI:
each utterance a ``<u>`` naming its speaker, its sentences ``<seg>`` or plain text, and the
transcriber's notes (``<note>``, ``<kinesic>``, ``<vocal>``, ``<incident>``, ``<gap>``) among
the words. A speaker note before an utterance (``<note type="speaker">O señor PRESIDENTE:</note>``)
says how the record names them; a ``<timeline>`` of ``<when>`` points times utterances that
point to it. Read as a web page, the header's licence was the only "speech" and every
utterance was lost.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from podsift.formats.timed_text_xml import local_name
from podsift.model import Episode, SourceRejected
from podsift.text import XML_PROLOG, as_time, parse_timestamp, prepare_text, squash

NAME = "tei_spoken"
EXTENSIONS = (".xml", ".tei")

_ROOT = re.compile(XML_PROLOG + r"<(?:TEI|teiCorpus)[\s>]", re.DOTALL)
_UTTERANCE = re.compile(r"<u[\s>]")
# Elements among the words that are the transcriber's, not the speaker's.
_ASIDES = {"note", "kinesic", "vocal", "incident", "gap", "desc", "pause", "shift"}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")


def sniff(text: str) -> float:
    return 0.96 if _ROOT.match(text[:4096]) and _UTTERANCE.search(text[:1_000_000]) else 0.0


def _aside(node: ET.Element) -> str | None:
    """A note among the words as a direction: its text, else its description or kind."""
    said = squash("".join(node.itertext())) or squash(node.get("desc") or node.get("reason") or node.get("type") or "")
    if not said:
        return None
    return said if said[0] in "([" else f"({said})"


def _words(node: ET.Element, words: list[str], directions: list[str]) -> None:
    """The words of ``node`` and what it holds, the transcriber's notes set apart as directions."""
    if node.text:
        words.append(node.text)
    for child in node:
        if local_name(child.tag) in _ASIDES:
            if direction := _aside(child):
                directions.append(direction)
        else:
            _words(child, words, directions)
            if local_name(child.tag) == "seg":
                words.append(" ")  # a sentence ends where its <seg> does, spaced or not
        if child.tail:
            words.append(child.tail)


def _timeline(root: ET.Element) -> dict[str, float]:
    """Seconds from the start at each ``<when xml:id>`` point, where intervals after one point say so."""
    points: dict[str, float] = {}
    for when in root.iter():
        if local_name(when.tag) != "when" or not (point := when.get(_XML_ID)):
            continue
        since, interval = (when.get("since") or "").lstrip("#"), when.get("interval")
        if interval is None:
            if not since:
                points.setdefault(point, 0.0)  # the origin, with an absolute clock time or none
            continue
        try:
            seconds = float(interval) / (1000 if (when.get("unit") or "s") == "ms" else 1)
        except ValueError:
            continue
        if (base := points.get(since, 0.0 if not since else None)) is not None and as_time(base + seconds) is not None:
            points[point] = round(base + seconds, 3)
    return points



def _clocked(utterance: ET.Element) -> tuple[float | None, float | None]:
    """The start and end an utterance's own clocks give (``smil:begin="00:00:23.685"`` on it or its
    sentences, as oral-history TEI times them)."""
    begins = [t for n in utterance.iter() for k, v in n.attrib.items() if local_name(k) == "begin"
              and (t := parse_timestamp(v)) is not None]  # fmt: skip
    ends = [t for n in utterance.iter() for k, v in n.attrib.items() if local_name(k) == "end"
            and not v.startswith("#") and (t := parse_timestamp(v)) is not None]  # fmt: skip
    return (min(begins) if begins else None), (max(ends) if ends else None)


def _people(root: ET.Element) -> dict[str, str]:
    """Names by xml:id from the document's own ``<person>`` list (a corpus may keep it elsewhere)."""
    names: dict[str, str] = {}
    for person in root.iter():
        if local_name(person.tag) == "person" and (pid := person.get(_XML_ID)):
            name = next((n for n in person.iter() if local_name(n.tag) == "persName"), None)
            if name is not None and (said := squash(" ".join(t for t in name.itertext() if t.strip()))):
                names[pid] = said
    return names


def _title_and_date(root: ET.Element, episode: Episode) -> None:
    header = next((n for n in root.iter() if local_name(n.tag) == "teiHeader"), None)
    if header is None:
        return
    titles = [n for n in header.iter() if local_name(n.tag) == "title" and squash("".join(n.itertext()))]
    main = [n for n in titles if n.get("type") in (None, "main")] or titles
    english = [n for n in main if n.get(_XML_LANG) == "en"]
    if (english or main) and not episode.title:
        episode.title = squash("".join((english or main)[0].itertext()))
    # The sitting's date: the setting's or the meeting's, not the corpus's publication date.
    settings = [d.get("when") for s in header.iter() if local_name(s.tag) in ("setting", "recordingStmt", "recording")
                for d in s.iter() if local_name(d.tag) == "date"]
    meetings = [n.get("n") for n in header.iter() if local_name(n.tag) == "meeting"]
    day = next((d for d in settings + meetings if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)), None)
    episode.date = episode.date or day


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))  # text: decoded already, whatever the declaration says
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed TEI XML ({err})") from None
    _title_and_date(root, episode)
    people, points = _people(root), _timeline(root)
    # every <body>: a <teiCorpus> holds one <TEI> document a sitting
    bodies = [n for n in root.iter() if local_name(n.tag) == "body"] or [root]
    label: str | None = None
    utterances = notes = timed = clocked = 0
    for node in (n for body in bodies for n in body.iter()):
        tag = local_name(node.tag)
        if tag == "head" and (title := squash("".join(node.itertext()))):
            episode.add_chapter(title, None)
        elif tag == "note" and node.get("type") == "speaker":
            label = squash("".join(node.itertext())).rstrip(":：").strip() or None
        elif tag == "u":
            who = next(iter((node.get("who") or "").split()), "").lstrip("#")  # "#A #B": A speaks first
            speaker = people.get(who) or label or (_CAMEL.sub(" ", who) if who else None)
            words: list[str] = []
            directions: list[str] = []
            _words(node, words, directions)
            start = points.get((node.get("start") or "").lstrip("#"))
            end = points.get((node.get("end") or "").lstrip("#"))
            timed += start is not None
            if start is None:
                start, end = _clocked(node)
                clocked += start is not None
            utterances += 1
            notes += len(directions)
            episode.add_segment(squash("".join(words)), start=start, end=end, speaker=speaker, directions=directions)
            label = None
    if not utterances:
        raise SourceRejected("TEI with no <u> utterances, so it is not a transcript of speech")
    episode.repair("tei_utterances", f"{utterances} <u> utterances read, each by its speaker"
                   + (f"; {notes} transcriber's notes among the words kept as directions" if notes else "")
                   + (f"; {timed} timed by the document's timeline" if timed else "")
                   + (f"; {clocked} by their own clocks" if clocked else ""))

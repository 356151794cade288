"""XML lists of timed segments in no standard's shape: what scripts write when they merge a
diarizer's turns with a recogniser's words.

    <data><segment><start>0.47</start><end>2.05</end><speaker>A</speaker><text>guten Morgen</text></segment>
    <transcript><utterance begin="0.5" end="2.1" speaker="S1">Hello there</utterance>

The segments are the elements, all of one name, that each hold a start (``start``, ``begin``,
``time``, ``startTime``…) and words (``text``, ``content``…), maybe an end (or a duration) and a
speaker, as child elements or attributes; an element's own text is its words where no child holds
them. Each becomes a segment with its own times and speaker, in the file's order; one with no
words, or only the diarization tool's placeholder ("this is the first speech segment, please
double-click here and fill it with some text"), is dropped and counted. A diarizer's bare ids show as ``Speaker A``, as in the JSON reader.
A diarizer's code for several voices at once, its single ids run together (``BC`` beside ``B``
and ``C``), is credited to the first, as Transcriber's and TTML's several speakers are, and
reported. Times may be seconds, clocks (``0:01:02.5``) or milliseconds where the name says so
(``startMs``). The standard library's parser reads the XML (it loads no external DTD, and its
expat refuses entity-expansion bombs), as in ``transcriber``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from podsift.formats.cues import diarization_alone
from podsift.formats.podcast_html import clock_text
from podsift.formats.podcast_json import diarizer_ids
from podsift.formats.timed_text_xml import local_name, read_xml
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, counted, date_in, iso_day, prepare_text, split_directions, squash

NAME = "xml_segments"
EXTENSIONS = (".xml",)

# Field names, lower case without "-" and "_": a start, an end, a length, the words, the speaker.
_ROLES = {
    "start": {"start", "begin", "starttime", "begintime", "time", "from", "offset", "tstart", "timestart"},
    "end": {"end", "stop", "endtime", "to", "tend", "timeend", "stoptime"},
    "dur": {"dur", "duration", "length"},
    "text": {"text", "content", "words", "transcript", "transcription", "utterance", "sentence", "body", "caption"},
    "speaker": {"speaker", "spk", "speakerid", "speakerlabel", "speakername", "speakertag", "who", "voice", "agent"},
}
_MILLIS = re.compile(r"(?:ms|millis|milliseconds)$")
_START_FIELD = re.compile(r"<(?:start|begin|time)[\w-]{0,12}[\s>]|\s(?:start|begin|time)[\w-]{0,12}\s*=", re.IGNORECASE)
_SPEAKER_FIELD = re.compile(r"<speaker[\s>]")
_TEXT_FIELD = re.compile(r"<(?:text|content|words|transcript|utterance|sentence|caption)[\s>]|\s(?:text|content)=")
# Documents whose timed elements are no transcript: a feed's soundbites and chapters, a web page.
_NOT_TRANSCRIPTS = frozenset({"rss", "feed", "rdf", "opml", "html", "svg"})
# What SpokenData's diarization puts in its first segments for the user to overwrite.
_PLACEHOLDER = re.compile(r"this is the \w+ speech segment\b", re.IGNORECASE)
# A diarizer's one-letter ids, alone or run together for voices heard at once.
_ID_RUN = re.compile(r"[A-Z]{1,4}")


def _role(name: str) -> tuple[str, float] | None:
    """The role a field's name gives it, and the factor to seconds (``startMs``: 0.001)."""
    key = name.lower().replace("_", "").replace("-", "")
    factor = 1.0
    if (m := _MILLIS.search(key)) and key[: m.start()] in _ROLES["start"] | _ROLES["end"] | _ROLES["dur"]:
        key, factor = key[: m.start()], 0.001
    return next(((role, factor) for role, names in _ROLES.items() if key in names), None)


def _fields(node: ET.Element) -> dict[str, tuple[str, float]]:
    """A segment's fields by role, (value, factor to seconds): attributes, then leaf children."""
    found: dict[str, tuple[str, float]] = {}
    for key, value in node.attrib.items():
        if (role := _role(local_name(key))) and role[0] not in found:
            found[role[0]] = (value, role[1])
    for child in node:
        role = _role(local_name(child.tag))
        if role is None or role[0] in found or (len(child) and role[0] != "text"):
            continue
        found[role[0]] = ("".join(child.itertext()), role[1])
    if "text" not in found and node.text and node.text.strip() and not len(node):
        found["text"] = (node.text, 1.0)
    elif "text" not in found and "speaker" in found and _role(local_name(node.tag)) == ("text", 1.0):
        # "<utterance><speaker>Marszałek</speaker> Otwieram posiedzenie. <note>…</note></utterance>":
        # the words are all it holds but its fields.
        found["text"] = (_own_words(node), 1.0)
    return found


def _own_words(node: ET.Element) -> str:
    """The text ``node`` holds, leaving out its children that are fields (the speaker's name)."""
    out = [node.text or ""]
    for child in node:
        if _role(local_name(child.tag)) is None:
            out.extend(child.itertext())
        out.append(child.tail or "")
    return " ".join(out)


_Found = list[tuple[ET.Element, dict[str, tuple[str, float]]]]
# Untimed turns are taken only where this many elements of one name name their speaker.
_MIN_TURNS = 3


def _segments(root: ET.Element) -> _Found:
    """The repeated elements that each hold a start and words, all of the commonest such name;
    where none do, the untimed turns (``_turns``)."""
    found = [(node, fields) for node in root.iter() if "start" in (fields := _fields(node)) and "text" in fields
             and isinstance(node.tag, str)]  # fmt: skip
    names = Counter(node.tag for node, _ in found)
    if not names:
        return _turns(root)
    name, count = names.most_common(1)[0]
    return [(node, fields) for node, fields in found if node.tag == name] if count >= 2 else _turns(root)


def _turns(root: ET.Element) -> _Found:
    """Elements that name a speaker and hold words but no time, outermost only, in the file's order
    (a parliament's record: ``<utterance><speaker>…</speaker> words</utterance>``, and a
    ``<speech>`` whose ``<speaker>`` and ``<utterance>`` are its children), where one name recurs."""
    found: _Found = []
    stack = [root]
    while stack:
        node = stack.pop()
        fields = _fields(node) if isinstance(node.tag, str) else {}
        if "speaker" in fields and "text" in fields and squash(fields["text"][0]):
            found.append((node, fields))
            continue  # what it holds is its own words
        stack.extend(reversed(node))
    names = Counter(node.tag for node, _ in found)
    return found if names and names.most_common(1)[0][1] >= _MIN_TURNS else []


def sniff(text: str) -> float:
    head = text[:65536].lstrip("\ufeff \t\n")
    if not head.startswith("<") or head[:200].lower().lstrip().startswith(("<!doctype html", "<html")):
        return 0.0
    if not ((_START_FIELD.search(head) or _SPEAKER_FIELD.search(head)) and _TEXT_FIELD.search(head)):
        return 0.0
    # The head alone, closed where it was cut: enough to see the repeated segments.
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("start",))
    try:
        parser.feed(re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", head))
        events = list(parser.read_events())
    except ET.ParseError:
        return 0.0
    root = events[0][-1] if events else None
    if not isinstance(root, ET.Element) or local_name(root.tag).lower() in _NOT_TRANSCRIPTS:
        return 0.0
    found = _segments(root)
    if len(found) < 2:
        return 0.0
    # Untimed turns: likelier than a web page's text, less sure than timed segments.
    return 0.85 if "start" in found[0][1] else 0.5


def _seconds(field: tuple[str, float] | None) -> float | None:
    if field is None:
        return None
    value = clock_text(field[0])
    return None if value is None else round(value * field[1], 3)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    root = read_xml(text, episode)
    found = _segments(root)
    if not found:
        raise SourceRejected(f"XML whose root is <{local_name(root.tag)}> holds no repeated elements with a start "
                             "and text, so it is not a transcript")  # fmt: skip
    raw = [squash(fields["speaker"][0]) or None if "speaker" in fields else None for _, fields in found]
    speakers = _overlaps(raw, episode)
    speakers = diarizer_ids(speakers, episode)
    empty = unread = placeholders = 0
    for (_, fields), speaker in zip(found, speakers, strict=True):
        words = squash(fields["text"][0])
        if _PLACEHOLDER.match(words):
            placeholders += 1
            continue
        if not words:
            empty += 1
            continue
        start, end = _seconds(fields.get("start")), _seconds(fields.get("end"))
        if end is None and start is not None and (length := _seconds(fields.get("dur"))) is not None:
            end = round(start + length, 3)
        unread += start is None
        spoken, directions = split_directions(words)
        episode.add_segment(spoken, start=start, end=end, speaker=speaker, directions=directions)
    tag = local_name(found[0][0].tag)
    if "start" in found[0][1]:
        episode.repair("xml_segments", f"{len(found):,} <{tag}> elements, each with its times and text, "
                                       f"read as {len(episode.segments):,} timed segments")
    else:
        unread = 0  # no times to read
        episode.repair("xml_turns", f"{len(found):,} elements such as <{tag}>, each naming its speaker, read as "
                                    f"{len(episode.segments):,} turns; the file gives no times")
    _title_and_date(root, {id(node) for node, _ in found}, episode)
    if empty:
        episode.repair("empty_segment", f"{counted(empty, f'<{tag}> element')} with no text {agrees(empty, 'was', 'were')} dropped")
    if placeholders:
        episode.repair("placeholder_text", f"{counted(placeholders, f'<{tag}> element')} held only the diarization tool's "
                                           "placeholder ('this is the first speech segment, please double-click "
                                           "here…'), not speech: dropped")  # fmt: skip
    if unread:
        episode.repair("bad_timestamp", f"{counted(unread, f'<{tag}> start')} unreadable; left untimed")
    if empty + placeholders == len(found) and all("start" in fields and speaker for (_, fields), speaker in zip(found, speakers)):
        # SpokenData's speaker segmentation: each voice's turns, the words left for someone to type in.
        raise diarization_alone(len(found))
    if not episode.segments:
        episode.repair("no_segments", f"no <{tag}> element has any text")


def _overlaps(speakers: list[str | None], episode: Episode) -> list[str | None]:
    """A diarizer's codes for voices at once (``BC``, ``FCD``: runs of its one-letter ids) credited
    to the first voice, where every label is such a run and most are one letter; else as they are."""
    labels = [s for s in speakers if s]
    if not labels or not all(_ID_RUN.fullmatch(s) and len(set(s)) == len(s) for s in labels):
        return speakers
    if sum(len(s) == 1 for s in labels) * 2 < len(labels):
        return speakers
    codes = Counter(s for s in labels if len(s) > 1)
    if codes:
        shown = ", ".join(code for code, _ in codes.most_common(5)) + (", …" if len(codes) > 5 else "")
        episode.repair("overlap_speakers", f"{counted(sum(codes.values()), 'segment')} marked as several voices at once "
                                           f"({len(codes)} codes such as {shown}) credited to the first voice named")
    return [s[0] if s else s for s in speakers]


def _title_and_date(root: ET.Element, segments: set[int], episode: Episode) -> None:
    """The first ``<title>`` and ``<date>`` outside the segments: the record's own (a parliament's
    "Sprawozdanie Stenograficzne" and "w dniu 25 stycznia 2023 r.")."""
    stack = [root]
    while stack and not (episode.title and episode.date):
        node = stack.pop()
        if id(node) in segments:
            continue
        name = local_name(node.tag).lower()
        words = squash("".join(node.itertext())) if name in ("title", "date") and not len(node) else ""
        if name == "title" and words and not episode.title:
            episode.title = words
        elif name == "date" and words and not episode.date:
            episode.date = iso_day(words) or date_in(words)
        stack.extend(reversed(node))

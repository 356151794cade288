"""OHMS XML (Oral History Metadata Synchronizer): the record oral-history archives publish
an interview in, with its metadata, an index of its parts and the transcript.

    <ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="41421">
      <title>Oral history interview with ...</title><media_url>https://.../interview.mp3</media_url>
      <index><point><time>82</time><title>Early Career</title><keywords>Adams, Roger;...</keywords>
      <vtt_transcript><![CDATA[WEBVTT ... <v SCHNEIDER> Okay. So today ...]]></vtt_transcript>  (v6)
      <sync>1:|25(2)|40(7)|...</sync><transcript>BOHNING: Let me just see ...</transcript>   (legacy)

The title, date, media link and people are the episode's; each index point is a chapter at its
time (its keywords, synopsis and opening words kept in ``extra["index"]``). Version 6 holds
WebVTT, read by the WebVTT reader. A legacy transcript is plain text with ``NAME:`` labels, read
by the plain-text reader and timed by ``<sync>``: ``1:`` is the minutes between marks, and the
k-th mark ``25(2)`` says minute k starts at the 2nd word of the transcript's 25th line (lines
counted from 1, blank ones too, once the ``[[footnotes]]`` block is taken out), as the Science
History Institute's OHMS viewer reads it. The standard library's parser reads the XML (it loads
no external DTD, and its expat refuses entity-expansion bombs), as in ``transcriber``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from podsift.formats import plain_text, webvtt
from podsift.formats.plain_text import speaker_prefix
from podsift.formats.timed_text_xml import child_named as _child
from podsift.formats.timed_text_xml import local_name
from podsift.model import Chapter, Episode, Segment, SourceRejected
from podsift.text import (
    agrees,
    calendar_date,
    counted,
    format_timestamp,
    iso_day,
    parse_duration,
    prepare_text,
    squash,
    web_url,
)  # fmt: skip
from podsift.words import WORDS_PER_MINUTE

NAME = "ohms"
EXTENSIONS = (".xml",)

_NAMESPACE = "nunncenter/ohms"
_ROOT = re.compile(r"<ROOT[\s>]")
_TRANSCRIPT_TAGS = ("<vtt_transcript", "<transcript", "<sync")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


def sniff(text: str) -> float:
    head = text[:4096]
    if not _ROOT.search(head) or "<record" not in head:
        return 0.0
    if _NAMESPACE in head:
        return 0.95
    # Older exports declare no namespace: the record's own transcript elements tell it.
    body = text[:262144]
    return 0.95 if any(tag in body for tag in _TRANSCRIPT_TAGS) else 0.0


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _field(element: ET.Element, name: str) -> str:
    return squash(_text(_child(element, name)))


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    try:
        # The declaration's encoding names the bytes, which are decoded already.
        root = ET.fromstring(_DECLARATION.sub("", text, count=1))
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed OHMS XML ({err})") from None
    record = root if local_name(root.tag) == "record" else next((e for e in root if local_name(e.tag) == "record"), root)
    _metadata(record, episode)
    vtt = _text(_child(record, "vtt_transcript"))
    transcript = _text(_child(record, "transcript"))
    if vtt.strip():
        _vtt(vtt, episode)
    elif transcript.strip():
        _legacy(transcript, _field(record, "sync"), episode)
    else:
        raise SourceRejected("OHMS XML with no transcript (<vtt_transcript> and <transcript> are empty): "
                             "an index alone holds nothing spoken to read")  # fmt: skip
    _index(record, episode)


# ---------------------------------------------------------------------------
# The record's metadata.


def _metadata(record: ET.Element, episode: Episode) -> None:
    episode.title = _field(record, "title") or None
    episode.date = _date(record)
    episode.media_url = web_url(_field(record, "media_url")) or None
    duration = parse_duration(_field(record, "duration"))
    episode.duration = duration or None  # "00:00:00" when the archive left it unset
    episode.show = _field(record, "collection_name") or _field(record, "series_name") or None
    episode.guests = [name for name in (squash(n) for n in _field(record, "interviewee").split(";")) if name]
    for name in ("interviewer", "repository", "accession", "description", "language"):
        if value := _field(record, name):
            episode.extra[name] = value


def _date(record: ET.Element) -> str | None:
    """The interview's day: ``<date value="2020-01-31">`` (older exports write it as the text), or a
    date the free-form ``<date_nonpreferred_format>`` spells out; "Unknown Date" is none."""
    date = _child(record, "date")
    candidates = [(date.get("value") or "") if date is not None else "", _text(date),
                  _field(record, "date_nonpreferred_format")]  # fmt: skip
    for value in candidates:
        if value.strip() and (day := iso_day(value) or iso_day(calendar_date(value))):
            return day
    return None


# ---------------------------------------------------------------------------
# Version 6: WebVTT inside the record.

_VTT_HEADER = re.compile(r"\s*WEBVTT")


def _vtt(vtt: str, episode: Episode) -> None:
    if not _VTT_HEADER.match(vtt):
        vtt = "WEBVTT\n\n" + vtt  # OHMS may leave the header out; WebVTT inside OHMS needs none
    webvtt.parse(vtt, episode)
    episode.repair("ohms_vtt", f"the WebVTT in <vtt_transcript> read as captions ({len(episode.segments)} "
                   "segments); the XML around it is the record's metadata")  # fmt: skip


# ---------------------------------------------------------------------------
# Legacy: plain text timed by <sync>.

_FOOTNOTES = re.compile(r"\[\[footnotes\]\](.*?)\[\[/footnotes\]\]", re.DOTALL)
_NOTE = re.compile(r"\[\[note\]\](.*?)\[\[/note\]\]", re.DOTALL)
_REFERENCE = r"\[\[footnote\]\]\s*\d+\s*\[\[/footnote\]\]"
# A reference after a word ("a patent [[footnote]]1[[/footnote]].", or at the next line's start)
# goes with the space before it; one opening a paragraph goes alone.
_REFERENCE_AFTER = re.compile(rf"(?<=\S)[ \t]*\n?[ \t]*{_REFERENCE}|{_REFERENCE}")
_STAMP = re.compile(r"\s*(\d+)\((\d+)\)\s*")


def _legacy(transcript: str, sync: str, episode: Episode) -> None:
    notes = [squash(n) for block in _FOOTNOTES.findall(transcript) for n in _NOTE.findall(block)]
    body = _FOOTNOTES.sub("", transcript)
    lines = body.split("\n")
    spoken, references = _REFERENCE_AFTER.subn("", body)

    # The plain-text reader reads the words and their speakers; its report is kept but for its
    # "no times", which <sync> answers here.
    scratch = Episode(id=episode.id)
    plain_text.parse(spoken, scratch)
    episode.segments = scratch.segments
    episode.chapters = scratch.chapters
    episode.title = episode.title or scratch.title
    for key, value in scratch.extra.items():
        episode.extra.setdefault(key, value)
    episode.repairs += [r for r in scratch.repairs if r.kind != "no_structure"]
    if notes or references:
        episode.extra["footnotes"] = notes
        episode.repair("footnotes", f"{counted(len(notes), 'footnote')} after the transcript kept in extra['footnotes'], "
                       f"not as speech; {counted(references, 'reference')} to them taken out of the words")  # fmt: skip

    words = _word_places(lines)
    marks, unread = _marks(sync, lines)
    if unread:
        episode.repair("bad_sync", f"{counted(unread, '<sync> mark')} that {agrees(unread, 'names', 'name')} no word of the transcript or {agrees(unread, 'goes', 'go')} back "
                       "in it left out")  # fmt: skip
    speakers = ", ".join(episode.speakers) or "none"
    if len(marks) < 2:
        episode.repair("ohms_transcript", f"{len(episode.segments)} segments from the transcript's paragraphs "
                       f"(speakers from their labels: {speakers}); <sync> gives no times")  # fmt: skip
        return
    after, unplaced = _time_by_marks(episode.segments, words, marks)
    pace = _pace(marks)
    detail = (f"{len(episode.segments)} segments from the transcript's paragraphs (speakers from their labels: "
              f"{speakers}), timed by {len(marks) - 1} minute marks in <sync>, each the line and word where a "
              "minute starts: a segment starts where its first word (or its speaker's label) sits between the "
              "marks around it, in proportion to the words between them")  # fmt: skip
    if after:
        detail += (f"; {counted(after, 'segment')} after the last mark ({format_timestamp(marks[-1][1])}) {agrees(after, 'goes', 'go')} on at the "
                   f"{pace * 60:.0f} words a minute the marks show")  # fmt: skip
    if unplaced:
        detail += f"; {counted(unplaced, 'segment')} not found in the transcript's lines {agrees(unplaced, 'follows', 'follow')} the one before by their words"
    episode.repair("ohms_sync", detail)


def _letters(text: str) -> str:
    """Letters and digits in lower case: what a line and the reader's segment of it share, whatever
    the spacing, punctuation and line breaks in between."""
    return "".join(c for c in text.casefold() if c.isalnum())


@dataclass
class _Words:
    """The transcript's words as <sync> counts them (split at spaces, references and all)."""

    starts: list[int]  # where each word starts in ``letters``
    letters: str  # every word's letters and digits, one run
    turns: dict[int, int]  # a labelled line's first spoken word -> its label's first word


def _word_places(lines: list[str]) -> _Words:
    words = _Words([], "", {})
    pieces: list[str] = []
    place = 0
    for line in lines:
        split = line.split()
        name, rest = speaker_prefix(line.strip())
        if name is not None:
            words.turns[len(words.starts) + len(split) - len(rest.split())] = len(words.starts)
        for word in split:
            words.starts.append(place)
            piece = _letters(re.sub(_REFERENCE, "", word))
            pieces.append(piece)
            place += len(piece)
    words.letters = "".join(pieces)
    return words


def _marks(sync: str, lines: list[str]) -> tuple[list[tuple[int, float]], int]:
    """(word number from 0, seconds) of each mark in ``sync``, from the transcript's first word at
    0:00; and how many marks could not be read or go back."""
    step, _, stamps = sync.partition(":")
    if not step.strip().isdigit() or int(step) <= 0 or not stamps:
        return [], 0
    first_word = [0]
    for line in lines:
        first_word.append(first_word[-1] + len(line.split()))
    marks: list[tuple[int, float]] = [(0, 0.0)]
    unread = 0
    for k, stamp in enumerate(stamps.split("|")):
        m = _STAMP.fullmatch(stamp)
        if not stamp.strip() or k == 0:
            continue  # "1:|25(2)|...": the mark for minute 0 is the text's start
        number = int(m.group(1)) if m else 0
        if not m or not 1 <= number <= len(lines) or first_word[number] == first_word[number - 1]:
            unread += 1  # no such line, or a blank one
            continue
        on_line = first_word[number] - first_word[number - 1]
        word = first_word[number - 1] + min(max(int(m.group(2)), 1), on_line) - 1
        seconds = k * int(step) * 60.0
        if word < marks[-1][0]:
            unread += 1
            continue
        marks.append((word, seconds))
    return (marks if len(marks) > 1 else []), unread


# A segment is looked for by its first letters, this many, within this many letters after the
# one before: any five words say where it starts, and a dropped line (a credit) is short. A
# sound the reader set apart ("him. [laughter] He") breaks the letters: fewer are tried then.
_KEYS = (24, 12, 8)
_REACH = 5000


def _find(own: str, letters: str, cursor: int) -> int:
    """Where a segment's letters ``own`` start in the transcript's, from ``cursor`` on; -1 if not near."""
    for size in _KEYS:
        key = own[:size]
        if key and (found := letters.find(key, cursor, cursor + _REACH + len(key))) >= 0:
            return found
    return -1


def _pace(marks: list[tuple[int, float]]) -> float:
    """Words a second the marks show (the speaking rate, if they all sit on the first word)."""
    return marks[-1][0] / marks[-1][1] if marks[-1][0] > 0 else WORDS_PER_MINUTE / 60


def _time_by_marks(segments: list[Segment], words: _Words, marks: list[tuple[int, float]]) -> tuple[int, int]:
    """Give each segment the time of its first word (its label's, opening a turn) between the
    marks; the last ends at the transcript's end. Returns how many segments came after the last
    mark, and how many were not found in the transcript's letters."""
    places = [m[0] for m in marks]
    pace = _pace(marks)

    def time_at(word: int) -> float:
        k = bisect_right(places, word) - 1
        w0, t0 = marks[k]
        if k + 1 < len(marks):
            w1, t1 = marks[k + 1]  # after w0: bisect_right passes marks on the same word
            return t0 + (t1 - t0) * (word - w0) / (w1 - w0)
        return t0 + (word - w0) / pace

    cursor, word, following, unplaced = 0, 0, 0, 0
    firsts: list[int] = []
    for seg in segments:
        own = _letters(seg.text) or _letters(" ".join(seg.directions))
        found = _find(own, words.letters, cursor)
        if found < 0:
            unplaced += 1
            word = following  # right after the one before, by its words
        else:
            at = bisect_right(words.starts, found) - 1
            word = max(word, words.turns.get(at, at))
            # Half its letters on: its own words come after it, however the reader spaced them.
            cursor = found + max(1, len(own) // 2)
        firsts.append(word)
        following = word + len(seg.text.split()) + sum(len(d.split()) for d in seg.directions)
    for seg, first, last in zip(segments, firsts, [*firsts[1:], len(words.starts)]):
        seg.start = round(time_at(first), 1)
        seg.end = round(time_at(max(first, last)), 1)
    return sum(1 for first in firsts if first > marks[-1][0]), unplaced


# ---------------------------------------------------------------------------
# The index: the interview's parts.

_NEAR = 120.0  # seconds: an index point's words are looked for in segments this close to its time


def _index(record: ET.Element, episode: Episode) -> None:
    index = _child(record, "index")
    points = [p for p in index if local_name(p.tag) == "point"] if index is not None else []
    kept: list[dict[str, Any]] = []
    chapters: list[Chapter] = []
    for point in points:
        start = parse_duration(_field(point, "time"))
        title = _field(point, "title")
        if start is None or not title:
            continue
        entry: dict[str, Any] = {"time": start, "title": title}
        for name in ("partial_transcript", "synopsis"):
            if value := _field(point, name):
                entry[name] = value
        for name in ("keywords", "subjects"):
            if items := [squash(k) for k in _field(point, name).split(";") if squash(k)]:
                entry[name] = items
        kept.append(entry)
        first = _first_segment(episode, start, entry.get("partial_transcript", ""))
        if first is None:  # unplaced, it goes with the point before it: the index is in the interview's order
            first = chapters[-1].first_segment if chapters else 0
        chapters.append(Chapter(title, start, first))
    if not chapters:
        return
    episode.chapters = sorted(chapters, key=lambda c: (c.first_segment, c.start or 0.0))
    episode.extra["index"] = kept
    episode.repair("ohms_index", f"{len(chapters)} index points read as chapters at their times; their keywords, "
                   "synopses and opening words kept in extra['index']")  # fmt: skip


def _first_segment(episode: Episode, start: float, opening: str) -> int | None:
    """The segment an index point opens: the one near its time holding its opening words (the
    point's ``partial_transcript``), else the one starting nearest its time. Untimed (a legacy
    transcript without <sync>), only its opening words place it; None if they do not."""
    key = _letters(speaker_prefix(opening)[1])[:_KEYS[0]]
    holding = [s for s in episode.segments if key and key in _letters(s.text)]
    timed = [s for s in episode.segments if s.start is not None]
    if not timed:
        return holding[0].ordinal if holding else None
    near = [s for s in holding if s.start is not None and abs(s.start - start) <= _NEAR] or timed
    return min(near, key=lambda s: abs((s.start or 0.0) - start)).ordinal

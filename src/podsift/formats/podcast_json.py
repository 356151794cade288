"""Podcasting 2.0 JSON transcripts: ``{"version", "segments": [{speaker, startTime, endTime, body}]}``.

Entries may be whole turns, caption-sized phrases or single words (the spec's own
example gives one word per entry). Word- and phrase-sized entries by the same
speaker are joined into turns by the rules shared with the caption formats
(:func:`podsift.formats.merge_turns`); entries without a speaker are joined
only in word-level files, where a lone word is never a turn of its own. Entries
that are already paragraphs are kept as they are.

Reading is lenient: strings for numbers, ``H:MM:SS`` times, missing fields,
``start``/``text``-style key names, a bare list instead of an object. Text that is
not JSON at all is rejected with the position of the error.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from podsift.formats.cues import (
    WORD_SENTENCE_TURN, Cue, Piece, add_pieces, cue_body, fix_times, fragmented, merge_turns, ms,
)
from podsift.model import Chapter, Episode, SourceRejected
from podsift.text import parse_timestamp, prepare_text, split_directions, squash

NAME = "podcast_json"
EXTENSIONS = (".json",)

VERSION = "1.0.0"

# Spec names first, then names other tools use for the same thing.
_SPEAKER_KEYS = ("speaker", "speakerName", "speaker_name", "name")
_START_KEYS = ("startTime", "start_time", "start", "begin")
_END_KEYS = ("endTime", "end_time", "end")
_BODY_KEYS = ("body", "text", "content", "words")
_SEGMENT_LIST_KEYS = ("segments",)
# Top-level fields read into the episode; any others are kept in episode.extra.
_META_STR = ("title", "show", "date", "youtube_id", "media_url", "page_url")
_META_INT = {"season": "season", "episode": "episode_number", "episode_number": "episode_number"}
_KNOWN = {"version", "segments", "chapters", "guests", "duration", *_META_STR, *_META_INT}

_LOOKS_JSON = re.compile(r'^\s*[\[{]')
_SEGMENTS_KEY = re.compile(r'"segments"\s*:', re.IGNORECASE)


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")
    if not _LOOKS_JSON.match(head):
        return 0.0
    try:
        data = json.loads(head)
    except (ValueError, RecursionError):
        # Broken JSON that meant to be a transcript: claim it so parse can say where it breaks.
        return 0.9 if _SEGMENTS_KEY.search(head[:4096]) else 0.3
    if isinstance(data, dict) and isinstance(_get(data, _SEGMENT_LIST_KEYS), list):
        return 0.95
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data[:20]):
        if any(_get(x, _BODY_KEYS) is not None for x in data[:20]):
            return 0.9
    # Valid JSON but not a transcript: still better read (and rejected) here than as prose.
    return 0.3


def _get(entry: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in entry:
            return entry[key]
    lowered = {str(k).lower(): v for k, v in entry.items()}
    for key in keys:
        if key.lower() in lowered:
            return lowered[key.lower()]
    return None


class _Reader:
    """One file's entries to cues, counting the repairs that would repeat per word."""

    def __init__(self, episode: Episode) -> None:
        self.episode = episode
        self.coerced: Counter[str] = Counter()
        self.first_coerced: dict[str, str] = {}

    def _coerce(self, what: str, where: str) -> None:
        self.coerced[what] += 1
        self.first_coerced.setdefault(what, where)

    def time(self, value: Any, field: str, where: str) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            self._coerce(f"{field} given as text", where)
            try:
                number = float(value.strip())
            except ValueError:
                seconds = parse_timestamp(value)
            else:
                seconds = number if number >= 0 and number == number and number != float("inf") else None
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            seconds = None
        else:
            seconds = float(value) if 0 <= value < float("inf") else None
        if seconds is None:
            self.episode.repair("bad_timestamp", f"unreadable {field} {value!r}; left empty", where)
        return ms(seconds)

    def text(self, value: Any, field: str, where: str) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, list):  # e.g. a list of words
            self._coerce(f"{field} given as a list", where)
            return " ".join(self.text(v, field, where) for v in value)
        if isinstance(value, dict):
            inner = _get(value, _BODY_KEYS)
            self._coerce(f"{field} given as an object", where)
            return self.text(inner, field, where)
        self._coerce(f"{field} given as a {type(value).__name__}", where)
        return str(value)

    def report(self) -> None:
        for what, count in self.coerced.items():
            self.episode.repair(
                "coerced_field", f"{what} in {count} segment(s); read anyway", self.first_coerced[what]
            )


def _entries(data: Any, episode: Episode) -> list[Any]:
    if isinstance(data, list):
        episode.repair("bare_list", "the file is a bare list of segments, not an object with 'segments'")
        return data
    if not isinstance(data, dict):
        raise SourceRejected(f"JSON holds a {type(data).__name__}, not a transcript with 'segments'")
    segments = _get(data, _SEGMENT_LIST_KEYS)
    if segments is None:
        raise SourceRejected("JSON object has no 'segments' list, so it is not a Podcasting 2.0 transcript")
    if isinstance(segments, dict):
        episode.repair("segments_object", "'segments' is an object, not a list; its values were read in order")
        return list(segments.values())
    if not isinstance(segments, list):
        raise SourceRejected(f"'segments' is a {type(segments).__name__}, not a list")
    return segments


def _metadata(data: dict[str, Any], episode: Episode) -> None:
    for key, value in data.items():
        if key in _META_STR and isinstance(value, str) and value.strip():
            setattr(episode, key, squash(value))
        elif key in _META_INT and isinstance(value, int) and not isinstance(value, bool):
            setattr(episode, _META_INT[key], value)
        elif key == "guests" and isinstance(value, list):
            episode.guests = [squash(str(g)) for g in value if str(g).strip()]
        elif key == "duration" and isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            episode.duration = float(value)
        elif key not in _KNOWN:
            episode.extra[key] = value


def _chapters(data: dict[str, Any], episode: Episode) -> None:
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        return
    count = len(episode.segments)
    for entry in chapters:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            continue
        start = ms(parse_timestamp(entry.get("startTime")))
        first = entry.get("firstSegment")
        if not isinstance(first, int) or isinstance(first, bool) or not 0 <= first <= count:
            # Place it by time: the first segment starting at or after it.
            first = next(
                (s.ordinal for s in episode.segments if start is not None and s.start is not None and s.start >= start),
                count,
            )
        episode.chapters.append(Chapter(squash(entry["title"]), start, first))
    episode.chapters.sort(key=lambda c: c.first_segment)


def _word_level(bodies: list[str]) -> bool:
    """Most entries hold a single word: the spec's word-by-word highlighting form."""
    filled = [b for b in bodies if b.strip()]
    return bool(filled) and sum(1 for b in filled if len(b.split()) == 1) > 0.5 * len(filled)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceRejected(f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise SourceRejected("invalid JSON: nested too deeply to read") from None
    entries = _entries(data, episode)
    if isinstance(data, dict):
        _metadata(data, episode)

    reader = _Reader(episode)
    cues: list[Cue] = []
    untimed: list[str] = []
    speakers: list[str | None] = []
    bodies: list[str] = []
    for k, entry in enumerate(entries):
        where = f"segment {k + 1}"
        if not isinstance(entry, dict):
            if isinstance(entry, str) and entry.strip():
                episode.repair("bare_text_segment", "a segment given as a bare string; kept as untimed text", where)
                entry = {"body": entry}
            else:
                episode.repair("bad_segment", f"a segment that is a {type(entry).__name__} was skipped", where)
                continue
        raw_speaker = _get(entry, _SPEAKER_KEYS)
        speaker = squash(reader.text(raw_speaker, "speaker", where)) or None
        start = reader.time(_get(entry, _START_KEYS), "startTime", where)
        end = reader.time(_get(entry, _END_KEYS), "endTime", where)
        body = reader.text(_get(entry, _BODY_KEYS), "body", where)
        if start is None:
            untimed.append(where)
        cues.append(Cue(k + 1, start, end, body, label="segment"))
        speakers.append(speaker)
        bodies.append(body)
    reader.report()
    if entries and not cues:
        raise SourceRejected("the JSON 'segments' hold no segment objects, so it is not a transcript")
    if untimed:
        episode.repair("missing_time", f"{len(untimed)} segment(s) have no startTime; left untimed", untimed[0])

    word_level = _word_level(bodies)
    by_cue = {id(c): s for c, s in zip(cues, speakers)}
    pieces: list[Piece] = []
    empty: list[str] = []
    for cue in fix_times(cues, episode):
        spoken, directions = split_directions(squash(cue.payload))
        if not spoken and not directions:
            empty.append(cue.where)
            continue
        pieces.append(Piece(cue.start, cue.end, by_cue[id(cue)], spoken, directions))
    if empty:
        episode.repair("empty_segment", f"{len(empty)} segment(s) with no body were dropped", empty[0])
    if word_level or fragmented(pieces):
        pieces = merge_turns(
            pieces,
            merge_unnamed=word_level,
            sentence_turn=WORD_SENTENCE_TURN if word_level else 0.0,
        )
    add_pieces(episode, pieces)
    if isinstance(data, dict):
        _chapters(data, episode)
    if not episode.segments:
        episode.repair("no_segments", "the transcript has no segments with text")


def _number(seconds: float | None) -> float | int | None:
    if seconds is None:
        return None
    value = round(seconds, 3)
    return int(value) if value == int(value) else value


def render(episode: Episode) -> str:
    doc: dict[str, Any] = {"version": VERSION}
    for key in _META_STR:
        if getattr(episode, key):
            doc[key] = getattr(episode, key)
    if episode.season is not None:
        doc["season"] = episode.season
    if episode.episode_number is not None:
        doc["episode"] = episode.episode_number
    if episode.guests:
        doc["guests"] = list(episode.guests)
    if episode.chapters:
        doc["chapters"] = [
            {"title": c.title, "startTime": _number(c.start), "firstSegment": c.first_segment}
            for c in episode.chapters
        ]
    segments = []
    for seg in episode.segments:
        body = cue_body(seg)
        if not body:
            continue
        entry: dict[str, Any] = {}
        if seg.speaker:
            entry["speaker"] = seg.speaker
        if seg.start is not None:
            entry["startTime"] = _number(seg.start)
        if seg.end is not None:
            entry["endTime"] = _number(seg.end)
        entry["body"] = body
        segments.append(entry)
    doc["segments"] = segments
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

"""Podcasting 2.0 JSON transcripts: ``{"version", "segments": [{speaker, startTime, endTime, body}]}``.

Entries may be whole turns, caption-sized phrases or single words (the spec's own
example gives one word per entry). Word- and phrase-sized entries by the same
speaker are joined into turns by the rules shared with the caption formats
(:func:`podsift.formats.merge_turns`); entries without a speaker are joined
only in word-level files, where a lone word is never a turn of its own. Entries
that are already paragraphs are kept as they are.

Reading is lenient: strings for numbers, ``H:MM:SS`` times, missing fields,
``start``/``text``-style key names, a bare list instead of an object, times in
milliseconds (``start_ms``, or integers that would make the episode days long, as
AssemblyAI-style exports write them), Whisper's ``{"segments": [{start, end, text}]}``,
the transformers ASR pipeline's ``[{text, timestamp: [start, end]}]`` (bare, or as
``{"text", "chunks"}``), and runs of entries that share one start and end (Buzzsprout
splits a timed span that way). Text that is not JSON at all is rejected with the
position of the error. A repair that recurs per entry is reported once, with a count.

Python's own printout of such a list is read too: youtube-transcript-api hands back
``[{'text': ..., 'start': 0.0, 'duration': 1.5}]`` (or, since 1.0, a
``FetchedTranscript(snippets=[FetchedTranscriptSnippet(text=..., ...)])``), faster-whisper
``[Segment(id=1, start=0.0, end=2.5, text=...)]``; a script that saves ``str()`` of them
leaves single quotes, not JSON. Only literals and keyword calls are read from it, never run.
"""

from __future__ import annotations

import ast
import datetime
import json
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import Any
from urllib.parse import urlsplit

from podsift.formats import chapters_file, podcast_html, speech_services
from podsift.formats.clock_times import count_from, end_to_end, unix_origin
from podsift.formats.cues import (
    UNNAMED_TURN,
    WORD_SENTENCE_TURN,
    Cue,
    add_pieces,
    cue_body,
    diarization_alone,
    drop_duplicates,
    end_at_next_start,
    fragmented,
    labelled_pieces,
    merge_turns,
    ms,
    shared_spans,
    summarise_repeats,
    unnamed_sentences,
    unspace_cjk,
    without_loops,
)
from podsift.formats.front_matter import field_name, field_words
from podsift.formats.labels import looks_like_name, names_column, numbered_speaker
from podsift.media_files import is_media_file
from podsift.model import MAX_NUMBER, Chapter, Episode, SourceRejected
from podsift.speakers import GENERIC
from podsift.text import (
    MAX_TIME,
    agrees,
    as_time,
    counted,
    decimal_text,
    format_timestamp,
    iso_day,
    parse_timestamp,
    prepare_text,
    squash,
    underscored_clock,
    unescape_entities,
    web_url,
    youtube_id,
)
from podsift.words import slug_words, spoken_words, unspaced_characters

NAME = "podcast_json"
EXTENSIONS = (".json", ".jsonl", ".otr")

VERSION = "1.0.0"

# Spec names first, then names other tools use for the same thing; a diarizer's label or id
# (PyHearingAI's "speaker_id": "Speaker 1", Video Indexer's "speakerId": 1) only where no name is given.
_SPEAKER_KEYS = ("speaker", "speakerName", "speaker_name", "name", "participant", "speaker_label", "speaker_id",
                 "speakerId", "spk",  # a meeting bot's "participant": "Adi Tiwari"
                 "person_name", "person_slug", "speaker_slug")  # a meeting archive's "person_slug": "mike-edgington"
_SLUG_KEYS = frozenset({"person_slug", "speaker_slug"})  # ids for names: "mike-edgington" is Mike Edgington
# Keys that name a speaker in some files and anything at all in others ("source": "CAPCOM" in a mission's
# air-ground loop, "source": "whisper" elsewhere): read as speakers only where their values are names.
_MAYBE_SPEAKER_KEYS = ("source", "sender")  # a meeting export's "sender": "Alice"
_VOICE = "voice"
_START_KEYS = ("startTime", "start_time", "start", "begin", "timestamp", "time", "start_ms", "startMs", "startTimeMs", "start_time_ms",
               "offset", "offset_ms", "offsetMs", "offsetInTicks", "tStartMs", "offsetMilliseconds", "startOffset",
               "BeginOffsetMillis", "start_timestamp_millis",  # AWS Call Analytics, Bedrock Data Automation
               "startSeconds", "start_seconds", "startSec", "start_sec", "start_secs", "startSecs")
_END_KEYS = ("endTime", "end_time", "end", "end_ms", "endMs", "endTimeMs", "end_time_ms", "endOffset",
             "EndOffsetMillis", "end_timestamp_millis", "endSeconds", "end_seconds", "endSec", "end_sec", "end_secs", "endSecs")
# Only where no end is given: the end is the start plus this.
_DURATION_KEYS = ("duration", "duration_ms", "durationMs", "durationInTicks", "durationMilliseconds")
_BODY_KEYS = ("body", "text", "content", "words", "word", "transcript", "segment",  # NeMo: {"segment": "text"}
              "message")  # a mission transcript's {"source": "CDR", "message": "Roger."}
_SEGMENT_LIST_KEYS = ("segments",)
# Lists other tools keep their timeline in (AssemblyAI, Orbit-style site JSON, ...), best first.
_OTHER_LIST_KEYS = ("utterances", "turns", "transcript", "transcription", "results", "cues", "captions",
                    "monologues", "speakers", "chunks", "sentences", "paragraphs", "segment", "phrases", "words", "snippets",
                    "result")  # Vosk: one utterance's {"result": [words], "text"}
# whisper.cpp's JSON gives each entry's times as ``"offsets": {"from": ms, "to": ms}``.
_OFFSETS = "offsets"
# How its milliseconds are told apart from a key that names its unit (the "_ms" says so).
_OFFSETS_KEY = "offsets_ms"
# Top-level fields read into the episode; any others are kept in episode.extra.
_META_STR = ("title", "show", "date", "youtube_id", "media_url", "page_url")
_META_ALIASES = {"podcast": "show", "podcast_title": "show", "podcast_name": "show", "show_title": "show",
                 "show_name": "show", "audio_url": "media_url", "episode_title": "title", "episode_name": "title",
                 "episode_number": "episode", "season_number": "season",
                 "video_title": "title", "video_name": "title"}
_URL_KEYS = frozenset({"media_url", "page_url"})
# A scraper's bare link to what it scraped: the episode's page, or its recording where the link is a media file.
_LINK_KEYS = frozenset(field_name(key) for key in ("url", "link", "permalink", "episode_url", "source_url"))
# A link to captions or an API's answer is where the file came from, not a page to read: kept in extra.
_NOT_A_PAGE = (".vtt", ".srt", ".sbv", ".ttml", ".dfxp", ".json", ".xml", ".txt")
_META_INT = {"season": "season", "episode": "episode_number"}
_KNOWN = {"version", "segments", "chapters", "guests", "duration", *_META_STR, *_META_INT}
# Each field however a site spells it (episodeTitle, episode_title, EpisodeTitle: see field_name).
_META_SPELLINGS = {field_name(key): key for key in (*_META_STR, *_META_INT)} | {
    field_name(alias): key for alias, key in _META_ALIASES.items()}
_VIDEO_ID = field_name("video_id")
# The whole transcript in one string beside the timeline (Whisper's "text", a site's "fullText").
_WHOLE_TEXT_KEYS = frozenset(field_name(key) for key in ("text", "full_text"))

_LOOKS_JSON = re.compile(r'^\s*[\[{]')
# How JSON that fails to parse still opens if it meant to be JSON: '{"', '[{', '["', '[1,'.
# A transcript opening with "[Music]", "[Editor's note: ...]" or "[00:00:01] Jane:" is prose.
_OPENS_AS_JSON = re.compile(r'^\s*(?:\{\s*["}]|\[\s*(?:[\[{"\]]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[,\]]|'
                            r'(?:true|false|null)\s*[,\]]))')
_SEGMENTS_KEY = re.compile(r'"segments"\s*:', re.IGNORECASE)
# Some tools keep the recording's own facts in an object of their own (realtime-ASR-diarized:
# {"metadata": {"start_time", "duration", "date"}}); read where the top level does not say.
_INNER_META = "metadata"
_RECORDING_START_KEYS = ("start_time", "startTime")


# Python's printout of a list of dicts ("[{'text': ..."), or of a dataclass or a list of them
# ("Name(key=...", "[Segment(id=1, ...").
_PYTHON_REPR = re.compile(r"^\s*(?:\[\s*\{\s*'|\{\s*'|\[?\s*[A-Za-z_]\w*\(\s*[A-Za-z_]\w*\s*=)")


def python_literal(text: str) -> Any:
    """The value Python printed as ``text`` (dicts, lists, strings, numbers, and calls with
    keyword arguments only, read as dicts), or None. Parsed, never evaluated."""
    if not _PYTHON_REPR.match(text):
        return None

    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [value(item) for item in node.elts]
        if isinstance(node, ast.Dict) and None not in node.keys:
            return {value(k): value(v) for k, v in zip(node.keys, node.values)}  # type: ignore[arg-type]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and node.keywords \
                and all(kw.arg for kw in node.keywords):  # fmt: skip
            return {kw.arg: value(kw.value) for kw in node.keywords}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(number := node.operand.value, (int, float)):  # fmt: skip
            return -number
        raise ValueError("not a literal")

    try:
        return value(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return None


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def _line_values(line: str) -> list[Any]:
    """The JSON values on one line: one, or several written glued ('}{') where a logger
    appending runs to one file missed a newline."""
    values: list[Any] = []
    at = _SPACE.match(line).end()  # type: ignore[union-attr]
    while at < len(line):
        try:
            value, at = _DECODER.raw_decode(line, at)
        except json.JSONDecodeError as err:
            raise json.JSONDecodeError(err.msg, line, err.pos) from None
        values.append(value)
        at = _SPACE.match(line, at).end()  # type: ignore[union-attr]  # matches always, if only ""
    return values


def json_lines(text: str, glued: list[int] | None = None) -> list[Any] | str | None:
    """The objects of JSON Lines (one JSON object a line, as streaming speech-to-text and
    pipelines log them), or None unless there are two or more lines and every one opens an
    object; a line that breaks gives the reason and its place instead. The numbers of lines
    that hold more than one object go into glued."""
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith("{") for _, line in lines):
        return None
    rows: list[Any] = []
    for number, line in lines:
        try:
            values = _line_values(line)
        except json.JSONDecodeError as err:
            return f"invalid JSON at line {number} column {err.colno}: {err.msg}"
        except (ValueError, RecursionError):
            return f"invalid JSON at line {number}: not readable"
        rows += values
        if len(values) > 1 and glued is not None:
            glued.append(number)
    return rows if all(isinstance(row, dict) for row in rows) else None


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")
    if not _LOOKS_JSON.match(head):
        printed = python_literal(head)
        return 0.9 if isinstance(printed, (list, dict)) and _speech(printed) else 0.0
    try:
        data = json.loads(head)
    except json.JSONDecodeError as err:
        printed = python_literal(head)
        if isinstance(printed, (list, dict)) and _speech(printed):
            return 0.9
        rows = json_lines(head[: head.rfind("\n", 0, 65536) + 1] or head) if err.msg == "Extra data" else None
        if isinstance(rows, list) and (any(_get(row, _BODY_KEYS) is not None for row in rows[:20])
                                 or speech_services.from_stream(rows) is not None):
            return 0.9
        if _SEGMENTS_KEY.search(head[:4096]):
            return 0.9
        return 0.3 if _OPENS_AS_JSON.match(head) else 0.0
    except (ValueError, RecursionError):
        # Broken JSON that meant to be a transcript: claim it so parse can say where it breaks.
        if _SEGMENTS_KEY.search(head[:4096]):
            return 0.9
        return 0.3 if _OPENS_AS_JSON.match(head) else 0.0
    if isinstance(data, dict) and isinstance(_get(data, _SEGMENT_LIST_KEYS), list):
        return 0.95
    if speech_services.recognise(data) is not None:
        return 0.95
    if isinstance(data, dict) and (_other_list(data) is not None or _unwrapped(data) is not None
                                   or _clips(data) is not None or _read_along(data) is not None):  # fmt: skip
        return 0.9
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data[:20]):
        if any(_get(x, _BODY_KEYS) is not None for x in data[:20]):
            return 0.9
    if _word_triples(data) is not None or _translated_rows(data) is not None or _timed_rows(data) is not None:
        return 0.9
    # Valid JSON but not a transcript: still better read (and rejected) here than as prose.
    return 0.3


def _unwrapped(data: Any) -> tuple[str, dict[str, Any]] | None:
    """An API's answer that holds the transcript one level down: the key and the object.

    Replicate's saved predictions keep Whisper's result under ``output``; web services wrap
    theirs in ``data``, ``result`` or ``response``. Only when the object itself has no
    timeline and exactly one of its values does.
    """
    if not isinstance(data, dict) or _speech(data) or speech_services.recognise(data) is not None:
        return None
    found = [(key, value) for key, value in data.items() if isinstance(value, dict)
             and (_speech(value) or speech_services.recognise(value) is not None)]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _answer_in_list(data: list[Any]) -> tuple[int, dict[str, Any], list[Any]] | None:
    """The one object of a list that is a speech service's answer, beside objects that are not
    (Kaltura's multi-request: the session's answer, then the captions'), with its index."""
    if _speech(data):
        return None
    found = [(k, x) for k, x in enumerate(data[:20]) if isinstance(x, dict) and speech_services.recognise(x)]
    return (found[0][0], found[0][1], data) if len(found) == 1 else None


def _held_alone(data: list[Any]) -> dict[str, Any] | None:
    """The one object of a list holding a timeline, with no time of its own, where nothing beside it holds
    one, a time or words of its own: a Whisper result beside a run's settings or an empty result, or
    youtube-transcript-api's ``get_transcripts`` saved whole, ``[{video id: [{text, start, duration}]},
    [videos it could not fetch]]``. Not beside another's words (an episode's text with no segments),
    which it would drop."""
    held = [x for x in data if isinstance(x, dict) and _find(x, _START_KEYS)[0] is None
            and (_timeline_of(x) or _other_list(x) is not None) or isinstance(x, list) and _speech(x)]
    if len(held) != 1 or not isinstance(held[0], dict):
        return None
    beside = [x for x in data if isinstance(x, dict) and x is not held[0]]
    return None if any(_find(x, _START_KEYS)[0] is not None or _said(x) for x in beside) else held[0]


def _transcripts(data: list[Any], episode: Episode, titles: dict[int, str]) -> list[Any] | dict[str, Any] | None:
    """A list of whole transcripts (a scraper's every episode, Whisper's results, one a line) is not
    one episode: refused in one line. Items each with its own 'segments' or a service's answer, no
    time of their own, or its words alone beside such items; but when their times run on from one to
    the next they are one talk in parts, whose segments are returned joined, each part's title put in
    ``titles`` by its first segment's place. One such item beside items holding none is returned alone."""
    if (alone := _held_alone(data)) is not None:
        episode.repair("wrapped", f"the transcript is the one item of a list of {len(data)} holding one; the "
                       "others (a run's settings, an empty result, the videos it could not fetch) hold no words "
                       "and were not read as speech")
        return alone
    items = [x for x in data if isinstance(x, dict) and _find(x, _START_KEYS)[0] is None and _timeline_of(x)]
    # An episode's words with no segments beside timed ones: one episode of several only where every
    # item names itself (a scraper's episodes, one untimed); untitled, its words are read beside them.
    untimed = [x for x in data if isinstance(x, dict) and _find(x, _START_KEYS)[0] is None
               and not _timeline_of(x) and _said(x)]
    held = len(items) + len(untimed)
    if items and untimed and all(_named(x) for x in items + untimed):
        raise SourceRejected(f"a list of {held} transcripts (each with its own title or link and its own words, "
                             f"{len(untimed)} with no times), not one episode: save one file per episode")
    # Untimed alone, each under a title of its own and named as an episode is (an id, a link, a number):
    # episodes too. Titles alone may be one talk's sections ("Intro", "Q&A"): read as one, as before (a
    # scraper's records with "transcript" texts are read as chapters, see _held_records).
    titles_held = {title for x in untimed if (title := _own_title(x))}
    if (not items and len(untimed) > 1 and len(titles_held) == len(untimed) and _held_records(data) is None
            and all(_named(x, beyond=_TITLE_NAMES) for x in untimed)):
        raise SourceRejected(f"a list of {held} transcripts (each with its own title and its own words, no times), "
                             "not one episode: save one file per episode")
    if len(items) < 2:
        # One timeline beside words with none: each kept in its place, the words untimed.
        return _in_order(data, items, untimed) if items and untimed else None
    timelines = [_timeline_of(x) or [] for x in items]
    spans = [(_first_time(t), _first_time(t[::-1])) for t in timelines]
    if not all(a[1] is not None and b[0] is not None and b[0] > a[1] for a, b in zip(spans, spans[1:])):
        if (voices := _by_speaker(items, timelines)) is not None:
            episode.repair("speaker_groups", f"a list of {len(items)} speakers' segments, each group naming its "
                           "speaker: read as one talk, in the order of their times")
            return voices
        languages = [code for x in items for k in ("language", "lang", "language_code") if isinstance(code := x.get(k), str)]
        if len(languages) == len(items) and len(set(languages)) == len(items):
            raise SourceRejected(f"a list of {len(items)} transcripts in different languages ({', '.join(languages)}): "
                                 "save one file per language")
        raise SourceRejected(f"a list of {held} transcripts (each with its own timeline"
                             + (f", {len(untimed)} with its words and no times" if untimed else "")
                             + "), not one episode: save one file per episode")
    if not all(isinstance(_get(x, _SEGMENT_LIST_KEYS), list) for x in items):
        return None
    episode.repair("parts", f"a list of {len(items)} parts, each with its own 'segments', their times running on "
                   "from one to the next: read as one episode")
    return _in_order(data, items, untimed, titles)


def _in_order(data: list[Any], items: list[Any], untimed: list[Any], titles: dict[int, str] | None = None) -> list[Any]:
    """The timed items' segments and the untimed items themselves, in the list's order: nothing dropped.
    Each timed item's title is put in ``titles`` by its first segment's place."""
    entries: list[Any] = []
    for x in data:
        if any(x is item for item in items):
            if titles is not None and isinstance(title := x.get("title"), str) and title.strip():
                titles[len(entries)] = title  # a chapter from the part's first segment
            entries += _timeline_of(x) or []
        elif any(x is words for words in untimed):
            entries.append(x)
    return entries


# Keys by which an item names the episode it is: its title, its id, its page or recording.
_OWN_NAMES = _LINK_KEYS | frozenset(field_name(key) for key in (
    "title", "name", "id", "guid", "episode", "video_id", "youtube_id", "media_url", "page_url")) | frozenset(
    spelling for spelling, key in _META_SPELLINGS.items() if key in ("title", "episode", "youtube_id", "media_url"))


_TITLE_NAMES = frozenset(spelling for spelling, key in _META_SPELLINGS.items() if key == "title")


def _own_title(item: dict[str, Any]) -> str | None:
    return next((squash(value) for key, value in item.items()
                 if field_name(str(key)) in _TITLE_NAMES and isinstance(value, str) and value.strip()), None)


def _named(item: dict[str, Any], beyond: frozenset[str] = frozenset()) -> bool:
    """Whether ``item`` names itself as an episode does (a title, an id, a link), by a key not in ``beyond``."""
    return any(field_name(str(key)) in _OWN_NAMES - beyond and (isinstance(value, str) and value.strip() or type(value) is int)
               for key, value in item.items())


def _speaker_turns(data: dict[str, Any]) -> int:
    """How many speaker turns with a time and no words a list under one of ``data``'s keys holds (a
    diarizer's {"segment": [{"speaker", "start", "end"}]}), or 0. Items holding a sentence under a key
    of their own ("decision": "Rosen bridge will launch Friday…", a call's notes) are no diarizer's."""
    turns = [len(value) for value in data.values() if isinstance(value, list) and value and all(
        isinstance(x, dict) and _get(x, _SPEAKER_KEYS) is not None and _find(x, _START_KEYS)[0] is not None
        and _wordless(x) for x in value)]  # fmt: skip
    return max(turns, default=0)


def _wordless(item: dict[str, Any]) -> bool:
    """Whether ``item`` holds no words: no body, and no sentence under another key than its speaker's
    ("summary": "Ann opened the meeting.", "decision": "Ship on Friday.")."""
    speaker_key = _find(item, _SPEAKER_KEYS)[0]
    return _get(item, _BODY_KEYS) is None and not any(
        isinstance(v, str) and len(v.split()) >= _SENTENCE_WORDS for k, v in item.items() if k != speaker_key)


_SENTENCE_WORDS = 3  # so many words under a key are a sentence, not a diarizer's label or file name


def _said(item: dict[str, Any]) -> bool:
    """Whether ``item`` holds words of its own."""
    body = _get(item, _BODY_KEYS)
    return isinstance(body, str) and bool(body.strip())


# Keys naming who a group of segments is; not "name", which may as well be an episode's.
_GROUP_SPEAKER_KEYS = tuple(key for key in _SPEAKER_KEYS if key != "name")


def _by_speaker(items: list[dict[str, Any]], timelines: list[list[Any]]) -> list[Any] | None:
    """One talk kept a speaker a group ({"speaker": "Ann", "segments": [...]}, their times
    interleaved): its segments in time order, each naming its group's speaker; None for anything else."""
    speakers = [_get(x, _GROUP_SPEAKER_KEYS) for x in items]
    named = all(isinstance(s, str) and s.strip() or type(s) is int for s in speakers)  # a diarizer's ids too
    if (not named or len(set(speakers)) < 2
            or not all(isinstance(_get(x, _SEGMENT_LIST_KEYS), list) for x in items)
            or not all(isinstance(e, dict) for timeline in timelines for e in timeline)):
        return None
    entries = [{"speaker": speaker} | e if _get(e, _SPEAKER_KEYS) is None else e
               for speaker, timeline in zip(speakers, timelines) for e in timeline]
    if not all(isinstance(_get(e, _START_KEYS), (int, float)) for e in entries):
        return None
    ordered = sorted(entries, key=lambda e: float(_get(e, _START_KEYS)))
    # One talk's voices take turns; talks by two people, each timed from its own start, run over each
    # other all through: a segment starting before the middle of the one before (or with it).
    starts = [float(_get(e, _START_KEYS)) for e in ordered]
    ends = [_get(e, _END_KEYS) for e in ordered]
    middles = [(a + b) / 2 if isinstance(b, (int, float)) and b > a else a for a, b in zip(starts, ends)]
    over = sum(after < middle or after == before for before, middle, after in zip(starts, middles, starts[1:]))
    return None if _TALKS_OVER * over > len(ordered) - 1 else ordered


_TALKS_OVER = 4  # a quarter of the segments or more starting over the one before: talks, not turns


def _timeline_of(item: dict[str, Any]) -> list[Any] | None:
    segments = _get(item, _SEGMENT_LIST_KEYS)
    if isinstance(segments, list) and segments:
        return segments
    service = speech_services.timeline(item)
    return list(service.entries) if service is not None and service.entries else None


def _first_time(entries: list[Any]) -> float | None:
    for entry in entries[:5]:
        if isinstance(entry, dict) and isinstance(time := _get(entry, _START_KEYS), (int, float)):
            return float(time)
    return None


def _speech(data: list[Any] | dict[str, Any]) -> bool:
    """A list of text-bearing objects, or an object holding one."""
    if isinstance(data, dict):
        return isinstance(_get(data, _SEGMENT_LIST_KEYS), list) or _other_list(data) is not None
    return bool(data) and all(isinstance(x, dict) for x in data[:20]) and any(
        _get(x, _BODY_KEYS) is not None for x in data[:20])  # fmt: skip


def _get(entry: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return _find(entry, keys)[1]


def _find(entry: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    """(the key found, its value), trying ``keys`` in order, then ignoring case."""
    for key in keys:
        if key in entry:
            return key, entry[key]
    lowered = {str(k).lower(): v for k, v in entry.items()}
    for key in keys:
        if key.lower() in lowered:
            return key, lowered[key.lower()]
    return None, None


# ---------------------------------------------------------------------------
# Units: seconds, milliseconds or 100-ns ticks.

_MS_KEY = re.compile(r"(?:_ms|Ms|MS|[Mm]illis\w*)$")
_TICKS_KEY = re.compile(r"ticks?$", re.IGNORECASE)
MS_PER_S = 1000
TICKS_PER_S = 10_000_000
_LONGEST = 24 * 3600.0  # no episode runs a day
_LONGEST_GAP = 100.0  # nor do caption-sized entries start minutes apart
_SHORT_ENTRY_WORDS = 40
# Faster than anyone speaks (about 2.5 words a second is usual): a unit that packs the words
# this tightly into their spans is too fine.
_FASTEST_WORDS_PER_S = 15.0


def _raw_time(value: float) -> float | None:
    """A time in the file's own unit (seconds, ms or ticks, settled later), if it can be one.

    The bound is a week in the finest unit; ``_to_seconds`` applies the week in seconds.
    NaN and infinities (JSON's ``Infinity``) are no time in any unit.
    """
    return float(value) if 0 <= value <= MAX_TIME * TICKS_PER_S else None


def _key_unit(key: str | None) -> int | None:
    if key is None:
        return None
    if _TICKS_KEY.search(key):
        return TICKS_PER_S
    if _MS_KEY.search(key):
        return MS_PER_S
    return None


def _implausible(latest: float, gaps: list[float], spans: list[float], words: float, said: float,
                 divisor: int) -> bool:
    """Would reading the times in 1/``divisor`` s make an impossible episode?

    ``said`` is how many words the timed entries hold together (``spoken_words``), to be said
    within the sum of their ``spans``.
    """
    if latest / divisor > _LONGEST:
        return True
    if spans and said > _FASTEST_WORDS_PER_S * sum(spans) / divisor:
        return True
    if words > _SHORT_ENTRY_WORDS:
        return False
    typical = median(gaps) if len(gaps) >= 2 else (median(spans) if spans else 0.0)
    return typical / divisor > _LONGEST_GAP


def time_unit(rows: list[tuple[float | None, float | None, str]], named: int | None, clock_text: bool) -> int:
    """How many of the file's time units make a second: 1, 1000 (ms) or 10,000,000 (ticks).

    A key that names its unit (``start_ms``, ``offsetInTicks``) decides. Otherwise
    whole-number times are read as seconds unless that gives an impossible episode
    (over a day long, short entries starting minutes apart, or words said faster than
    anyone speaks), as a 40-minute episode in milliseconds does (667 hours). Words are
    counted as ``spoken_words`` does: Japanese or Chinese has no spaces between them.
    """
    if named is not None:
        return named
    times = [t for start, end, _ in rows for t in (start, end) if t is not None]
    if not times or clock_text or any(t != int(t) for t in times):
        return 1
    starts = [start for start, _, _ in rows if start is not None]
    gaps = [b - a for a, b in pairwise(starts) if b > a]
    spanned = [(end - start, body) for start, end, body in rows if start is not None and end is not None and end > start]
    spans = [span for span, _ in spanned]
    said = sum(spoken_words(body) for _, body in spanned)
    words = median(spoken_words(body) for _, _, body in rows)
    for divisor in (1, MS_PER_S, TICKS_PER_S):
        if not _implausible(max(times), gaps, spans, words, said, divisor):
            return divisor
    return 1  # nothing reads plausibly; leave the numbers as they are


_DATETIME = re.compile(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _datetime_seconds(value: str) -> float | None:
    """An ISO 8601 date and time ("2025-08-19T09:00:05Z", as a meeting bot writes each line's time)
    as Unix seconds; a time without a zone is taken as UTC, which only its day depends on."""
    if not _DATETIME.match(value):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


class _Reader:
    """One file's entries to cues, counting the repairs that would repeat per word."""

    def __init__(self, episode: Episode) -> None:
        self.episode = episode
        self.coerced: Counter[str] = Counter()
        self.first_coerced: dict[str, str] = {}
        self.clock_text = False  # some time was written as H:MM:SS, so the unit is seconds
        self.datetimes = False  # some time was written as an ISO 8601 date and time
        self.entities = 0  # bodies and speakers whose HTML references were decoded
        self.marks: Counter[str] = Counter()  # a meeting corpus's {vocalsound}-style marks, by mark

    def _coerce(self, what: str, where: str) -> None:
        self.coerced[what] += 1
        self.first_coerced.setdefault(what, where)

    def time(self, value: Any, field: str, where: str) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            self._coerce(f"{field} given as text", where)
            # "25.600s": Google's speech API writes durations with a unit.
            number = decimal_text(value.strip().removesuffix("s"))
            if number is None:
                seconds = parse_timestamp(value)
                if seconds is None:
                    seconds = underscored_clock(value)  # "00_05_00": a lecture's chunks named as files are
                self.clock_text = self.clock_text or seconds is not None
                if seconds is None:
                    seconds = _datetime_seconds(value)  # counted from the first, as Unix times are
                    self.datetimes = self.datetimes or seconds is not None
            else:
                seconds = _raw_time(number)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            seconds = None
        else:
            seconds = _raw_time(value)
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

    def decoded(self, text: str) -> str:
        """``text`` with HTML references decoded: a site's JSON made from its HTML keeps "A &amp; B"."""
        decoded = unescape_entities(text)
        self.entities += decoded != text
        return decoded

    def unmarked(self, text: str) -> str:
        """``text`` with a meeting corpus's marks ("{vocalsound}", "{disfmarker}") read: sounds and
        gaps as directions, the mark where a speaker breaks off left out."""
        if "{" not in text:
            return text

        def read(m: re.Match[str]) -> str:
            self.marks[m.group(0)] += 1
            return _CORPUS_MARKS[m.group(1)]

        return _CORPUS_MARK.sub(read, text)

    def report(self) -> None:
        if self.marks:
            self.episode.repair("corpus_marks", "a meeting corpus's marks read: " + ", ".join(
                f"{mark} ({count}) as {_CORPUS_MARKS[mark[1:-1]] or 'nothing'}" for mark, count in self.marks.items()))
        if self.entities:
            self.episode.repair("html_entities",
                                f"HTML character references such as &#39; decoded in {counted(self.entities, 'body or speaker field')}")
        for what, count in self.coerced.items():
            self.episode.repair(
                "coerced_field", f"{what} in {counted(count, 'segment')}; read anyway", self.first_coerced[what]
            )


# QMSum's marks in the AMI and ICSI meetings' words: a sound, a stretch no one could transcribe, and
# where a speaker breaks off (a disfluency), which is no word.
_CORPUS_MARKS = {"vocalsound": "[vocal sound]", "nonvocalsound": "[noise]", "gap": "[inaudible]", "disfmarker": ""}
_CORPUS_MARK = re.compile(r"\{(" + "|".join(_CORPUS_MARKS) + r")\}")

# Fewer entries than this mapping starts to words may be any object with number keys.
_MIN_TIMED_KEYS = 3


def _words_by_start(data: dict[str, Any]) -> list[Any] | None:
    """``{"0.64": "what's up guys", "3.6": "…"}``: each key a start in seconds, each value its words,
    as entries; None for any other object."""
    if len(data) < _MIN_TIMED_KEYS or not all(isinstance(v, str) for v in data.values()):
        return None
    starts = [decimal_text(str(key)) for key in data]
    if any(start is None for start in starts):
        return None
    return [{"start": start, "text": text} for start, text in zip(starts, data.values())]


# youtube-transcript-api's caption fragments, bare or by video: YouTube's caption lines, as its
# "{start: text}" saves are, so joined into sentences too.
_SNIPPET_KEYS = frozenset({"text", "start", "duration"})


def _snippets(entries: list[Any]) -> bool:
    sample = entries[:_NAME_SAMPLE]
    return bool(sample) and all(isinstance(e, dict) and e.keys() == _SNIPPET_KEYS for e in sample)


def _refuse_chapters(data: Any) -> None:
    """A chapters file (Podcasting 2.0's, Podlove's) is no transcript: say what it is and where it goes."""
    if data and (timed := chapters_file.json_chapters(data)):
        raise chapters_file.refusal("a chapters file", len(timed), (chapters_file.SUFFIX,))


def _refuse_chats(data: Any) -> None:
    """A chat export (ChatGPT's ``conversations.json``, a list of ``{"title", "messages": [{"role", "content"}]}``)
    holds typed conversations, many to a file, not a recording's speech: say so rather than store nothing."""
    chats = data if isinstance(data, list) else [data]
    if chats and all(_chat(item) for item in chats[:_CHATS_LOOKED]):
        count = f"{len(chats)} conversations" if len(chats) > 1 else "a conversation"
        raise SourceRejected(f"a chat export ({count} of typed messages by role), not a transcript of speech")


_CHATS_LOOKED = 20  # conversations looked at: an export may hold thousands


def _chat(item: Any) -> bool:
    """One conversation of a chat export: ChatGPT's tree of messages (``mapping``), or a list of them by role."""
    if not isinstance(item, dict):
        return False
    mapping = item.get("mapping")
    if isinstance(mapping, dict) and any(isinstance(node, dict) and "children" in node and "message" in node
                                         for node in list(mapping.values())[:5]):
        return True  # its nodes: {"message", "parent", "children"}
    messages = item.get("messages", item.get("chat_messages"))  # Claude's export names them so
    # Only a chat's roles: a meeting's messages by "sender": "Alice" may be speech.
    return (isinstance(messages, list) and bool(messages)
            and all(isinstance(m, dict) and _chat_role(m) for m in messages[:5]))


_CHAT_ROLES = frozenset(("user", "assistant", "system", "tool", "human", "model", "function"))


def _chat_role(message: dict[str, Any]) -> bool:
    role = message.get("role", message.get("sender"))
    if isinstance(author := message.get("author"), dict):
        role = author.get("role", role)
    return isinstance(role, str) and role.casefold() in _CHAT_ROLES


def _entries(data: Any, episode: Episode) -> tuple[list[Any], tuple[str, ...], bool, bool]:
    """The timeline's entries, the top-level keys they came from when not 'segments',
    whether they are caption lines (YouTube's json3) to be joined into sentences, and whether
    each is an utterance its service ended (Google's results), never to be joined.

    A speech service's statement of the audio's length becomes the episode's duration."""
    if isinstance(data, list):
        _refuse_chapters(data)
        _refuse_chats(data)
        episode.repair("bare_list", "the file is a bare list of segments, not an object with 'segments'")
        return data, (), False, False
    if not isinstance(data, dict):
        raise SourceRejected(f"JSON holds a {type(data).__name__}, not a transcript with 'segments'")
    segments = _get(data, _SEGMENT_LIST_KEYS)
    key: str | None = None
    service = speech_services.timeline(data) if segments is None or segments == [] else None
    if segments == [] and (service is not None or _other_list(data) is not None):
        segments = None  # an empty list beside the timeline (Rev's editor saves "segments": [] by its monologues)
    if segments is None:
        if service is not None:
            episode.repair("speech_service", f"read as {service.service} output (the timeline is "
                           f"'{service.keys[0]}'); {len(service.entries)} entries", service.keys[0])
            episode.duration = service.duration
            if service.note:
                episode.repair("speakers_from_copy", service.note, service.keys[0])
            return service.entries, service.keys, service.captions, service.turns
        found = _other_list(data)
        if found is None and (sentences := _read_along(data)) is not None:
            episode.repair("read_along", f"read as Spotify's read-along transcript: {len(sentences)} sentences; its "
                                         "'Speaker N' titles name the voices, its other titles are chapters", "section")
            return sentences, (_READ_ALONG,), False, False
        if found is None and (clips := _clips(data)) is not None:
            return _clip_entries(clips, episode), tuple(data), False, False
        if found is None and (timed := _words_by_start(data)) is not None:
            episode.repair("words_by_start", f"the file maps each start in seconds to its words ({len(timed)} "
                                             "entries), as a script saves YouTube's transcript")  # fmt: skip
            return timed, (), True, False
        if found is None:
            _refuse_chapters(data)
            _refuse_chats(data)
            if turns := _speaker_turns(data):
                raise diarization_alone(turns)
            raise SourceRejected("JSON object has no 'segments' list (Podcasting 2.0, Whisper) and is no speech "
                                 "service's output this reader knows (Deepgram, AWS Transcribe, Azure, Rev.ai, ...)")
        key, segments = found
        episode.repair("segment_list", f"the timeline is the '{key}' list (no 'segments')", key)
        if key == "words":
            _speakers_from_utterances(segments, data.get("utterances"))
    keys: tuple[str, ...] = () if key is None else (key,)
    if key == "speakers" and isinstance(data.get("chunks"), list):
        keys += ("chunks",)  # insanely-fast-whisper: the same words again, without speakers
    if isinstance(segments, dict):
        episode.repair("segments_object", "'segments' is an object, not a list; its values were read in order")
        return list(segments.values()), keys, False, False
    if not isinstance(segments, list):
        raise SourceRejected(f"'segments' is a {type(segments).__name__}, not a list")
    return segments, keys, False, False


# Speech-to-text services label the voices they tell apart "A", "B" (AssemblyAI) or 0, 1 (Deepgram).
_DIARIZER_ID = re.compile(r"[A-Z]|\d{1,2}")
_INITIALS = 2  # a label this short beside an id may be initials ("JD"), not a name


# Entries sampled to tell whether a maybe-speaker key holds names.
_NAME_SAMPLE = 200


def _maybe_speaker_key(entries: list[Any], episode: Episode) -> str | None:
    """The key of ``_MAYBE_SPEAKER_KEYS`` whose values name the speakers, in entries that name none
    otherwise: where those values are names that recur (``names_column``)."""
    sample = [e for e in entries[:_NAME_SAMPLE] if isinstance(e, dict)]
    if not sample or any(_get(e, _SPEAKER_KEYS) is not None for e in sample):
        return None
    for key in _MAYBE_SPEAKER_KEYS:
        values = [v.strip() if isinstance(v := e.get(key), str) else "" for e in sample]
        if names_column(values):
            episode.repair("speaker_field", f"the speakers are the entries' '{key}' ({', '.join(sorted(set(values))[:4])}, ...)", key)
            return key
    return None


# The part a voice plays in a call, beside its diarizer id: "speaker": "SPEAKER_01", "speaker_type": "CLIENT".
_ROLE_KEYS = ("speaker_type", "speaker_role", "role", "participant_role", "participantRole", "ParticipantRole")


def _roles_for_ids(speakers: list[str | None], roles: list[str | None], episode: Episode) -> list[str | None]:
    """Diarizer ids shown as the roles the file gives each ("SPEAKER_01" as "Client"), when each id has
    one role and each role one id: two callers both "CLIENT" stay two voices."""
    pairs = {(s, r) for s, r in zip(speakers, roles) if s is not None and r is not None}
    ids = {s for s, _ in pairs}
    if not pairs or not all(numbered_speaker(s) or _DIARIZER_ID.fullmatch(s) for s in ids):
        return speakers
    if len(pairs) != len(ids) or len({r.strip().casefold() for _, r in pairs}) != len(ids):
        return speakers
    shown = {s: squash(r).title() if r.isupper() else squash(r) for s, r in pairs}
    episode.repair("speaker_roles", "speaker ids shown as the role the file gives each: "
                   + ", ".join(f"{s} as {shown[s]}" for s in sorted(shown)))  # fmt: skip
    return [shown.get(s, s) if s is not None else None for s in speakers]


# A part of the recording no one speaks, as Podlove's transcript marks it: {"start", "end", "text": "Intro"}
# among the speakers' entries ("Outro", "Aux" for a track of other audio).
_TRACK_MARK = re.compile(r"intro|outro|aux|jingle|trenner|music|musik|musique|música|break|pause", re.IGNORECASE)
_NAMED_SHARE = 0.8


def _track_marks(cues: list[Cue], speakers: list[str | None], episode: Episode) -> None:
    """An entry no one speaks whose words are only a part's name ("Intro") is a direction, where
    nearly every other entry names its speaker."""
    marks = [c for c, s in zip(cues, speakers) if s is None and _TRACK_MARK.fullmatch(c.payload.strip())]
    if sum(s is not None for s in speakers) < _NAMED_SHARE * (len(speakers) - len(marks)):
        return
    for cue in marks:
        cue.payload = f"[{cue.payload.strip().lower()}]"
    if marks:
        episode.repair("track_marks", f"{len(marks)} entr(ies) with no speaker naming a part of the recording "
                                      f"({', '.join(dict.fromkeys(c.payload for c in marks))}) read as directions")  # fmt: skip


# A speaker's id in a file's own list of speakers: Amberscript's "spkid", Rev's editor's "id".
_LISTED_ID_KEYS = ("spkid", "id", "speaker_id", "speakerId")


def _listed_names(speakers: list[str | None], data: Any, episode: Episode) -> list[str | None]:
    """Ids named by the file's own list of speakers (``"speakers": [{"spkid": "spk1", "name":
    "Interviewee"}]``), when that list names every id the segments give."""
    listed = data.get("speakers") if isinstance(data, dict) else None
    names: dict[str, str] = {}
    for person in listed if isinstance(listed, list) else []:
        if not isinstance(person, dict) or not isinstance(name := person.get("name"), str) or not name.strip():
            continue
        ids = [v for k in _LISTED_ID_KEYS if isinstance(v := person.get(k), (str, int)) and not isinstance(v, bool)]
        if ids:
            names[str(ids[0]).strip()] = squash(name)
    used = {s for s in speakers if s is not None}
    if not used or not used <= names.keys() or all(names[s] == s for s in used):
        return speakers
    episode.repair("listed_speakers", "speaker ids named by the file's list of speakers: "
                   + ", ".join(f"{s} as {names[s]}" for s in sorted(used)))  # fmt: skip
    return [names[s] if s is not None else None for s in speakers]


def diarizer_ids(speakers: list[str | None], episode: Episode) -> list[str | None]:
    """"A" and "B" as "Speaker A" and "Speaker B": what the service's own pages show, and a
    generic label that names found in the conversation can replace (``podsift.speakers``).

    A file where someone renamed some voices and left the others ("Ryo" beside "B") has its
    ids read so too, when every other label is longer than initials: "A" beside "JD" and
    "MK" is one more person's initial.
    """
    labels = {s for s in speakers if s is not None}
    ids = {s for s in labels if _DIARIZER_ID.fullmatch(s)}
    if not ids or any(len(s) <= _INITIALS for s in labels - ids):
        return speakers
    shown = ", ".join(f"{s} as Speaker {s}" for s in sorted(ids))
    beside = f" (beside {', '.join(sorted(labels - ids))})" if labels - ids else ""
    episode.repair("diarizer_ids", f"bare speaker ids (a diarizer's) read as names to show: {shown}{beside}")
    return [f"Speaker {s}" if s in ids else s for s in speakers]


def _speakers_from_utterances(words: list[Any], utterances: Any) -> None:
    """Words inherit the speaker of the utterance they fall in (same clock), when they name none."""
    if not isinstance(utterances, list):
        return
    spans: list[tuple[float, float, str]] = sorted(
        (u["start"], u["end"] if isinstance(u.get("end"), (int, float)) else u["start"], u["speaker"])
        for u in utterances
        if isinstance(u, dict) and isinstance(u.get("start"), (int, float)) and isinstance(u.get("speaker"), str)
    )
    k = 0
    for word in words:
        start = word.get("start") if isinstance(word, dict) else None
        if not isinstance(start, (int, float)) or word.get("speaker") is not None:
            continue
        while k + 1 < len(spans) and spans[k + 1][0] <= start:
            k += 1
        if spans and spans[k][0] <= start <= spans[k][1]:
            word["speaker"] = spans[k][2]


def _alternatives(value: Any) -> Any:
    """Speech-to-text results (``[{alternatives: [{transcript, words}]}]``) kept under another key
    than ``results``, read as Google's are: each result's best alternative."""
    return speech_services.google_results(value)[0] if speech_services.is_google_results(value) else value


def _is_otr(data: Any) -> bool:
    """oTranscribe's file: ``{"text": "<p>...</p>", "media", "media-source", "media-time"}``."""
    return (isinstance(data, dict) and isinstance(data.get("text"), str) and "<" in data["text"]
            and bool({"media", "media-time", "media-source"} & data.keys()))  # fmt: skip


def _utterance_times(entries: list[Any]) -> None:
    """An utterance with no times of its own spans its words' (Vosk: ``{"result": [{start,
    end, word}], "text"}``, one such object per utterance; Amberscript: ``{"speaker", "words":
    [{start, end, text}]}``)."""
    for entry in entries:
        if not isinstance(entry, dict) or _find(entry, _START_KEYS)[0] is not None:
            continue
        result = entry.get("result", entry.get("words"))
        words = [w for w in result if isinstance(w, dict)] if isinstance(result, list) else []
        if words and _find(words[0], _START_KEYS)[0] and _find(words[-1], _END_KEYS)[0]:
            entry["start"], entry["end"] = _get(words[0], _START_KEYS), _get(words[-1], _END_KEYS)


def _word_chunks(entries: list[Any]) -> list[Any] | None:
    """The words of chunks that hold nothing but their timed words and name no speaker (a pipeline's
    minutes-long pieces of a recording, ``{"words": [{text, start, end}]}``), as entries of their own;
    None where the entries are anything else, or short enough to be sentences already."""
    if not entries or not all(isinstance(e, dict) and _find(e, _BODY_KEYS)[0] == "words" and isinstance(e["words"], list)
                              and _get(e, _SPEAKER_KEYS) is None for e in entries):  # fmt: skip
        return None
    spans: list[float] = []
    for chunk in entries:
        timed = [w for w in chunk["words"] if isinstance(w, dict)]
        (key, first), (_, last) = (_find(timed[0], _START_KEYS), _find(timed[-1], _END_KEYS)) if timed else ((None, None),) * 2
        if not (isinstance(first, (int, float)) and isinstance(last, (int, float))) or isinstance(first, bool):
            return None
        spans.append((last - first) / (_key_unit(key) or 1))  # "start_ms" names its unit
    if median(spans) <= UNNAMED_TURN:
        return None
    return [w for chunk in entries for w in chunk["words"]]


def _other_list(data: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The first list of text-bearing objects under a key other tools use for the timeline.

    A list with a single entry (AssemblyAI's one utterance for a whole unlabelled
    episode) loses to a finer one, so moments stay citable.
    """
    found: list[tuple[str, list[Any]]] = []
    for key in _OTHER_LIST_KEYS:
        value = _alternatives(data.get(key))
        if isinstance(value, list) and value and all(isinstance(x, dict) for x in value[:20]) and any(
            _get(x, _BODY_KEYS) is not None for x in value[:20]
        ):
            found.append((key, value))
    finer = [f for f in found if len(f[1]) > 1]
    best = finer or found
    return best[0] if best else _turns_list(data)


def _turns_list(data: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The list under any other key whose records look like turns (words, and a speaker or a start),
    the one with the most of them: a corpus's {"topic_list": [...], "meeting_transcripts": [{speaker,
    content}]}. Records that only hold words could be anything (queries and their answers, notes)."""
    best: tuple[int, str, list[Any]] | None = None
    videos = 0
    for key, value in data.items():
        if not isinstance(value, list) or len(value) < 2 or not all(isinstance(x, dict) for x in value[:20]):
            continue
        turns = sum(_get(x, _BODY_KEYS) is not None and (_get(x, _SPEAKER_KEYS) is not None
                                                         or _find(x, _START_KEYS)[0] is not None) for x in value[:20])
        if turns >= _CONSISTENT * min(len(value), 20):
            videos += bool(_YOUTUBE_ID.fullmatch(str(key)))
            if best is None or len(value) > len(best[2]):
                best = (turns, str(key), value)
    if videos > 1:
        # youtube-transcript-api's get_transcripts saved whole: one file, many videos' transcripts.
        raise SourceRejected(f"transcripts of {videos} videos (keyed by their YouTube ids), not one episode: "
                             "save one file per video")
    return (best[1], best[2]) if best else None


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")


# Spotify's read-along transcript: {"section": [{"startMs", "title": {"title"}}, {"startMs", "text": {"sentence":
# {"startMs", "text"}}}]}. A title is a voice's label ("Speaker 2") where that voice starts, or a chapter's heading.
_READ_ALONG = "section"


def _read_along_sections(data: dict[str, Any]) -> list[tuple[float | None, str | None, str]] | None:
    """(start in ms, title, sentence) of each section of a read-along transcript, one of title and
    sentence empty; None when ``data`` is no such transcript."""
    sections = data.get(_READ_ALONG)
    if not isinstance(sections, list):
        return None
    read: list[tuple[float | None, str | None, str]] = []
    for section in sections:
        if not isinstance(section, dict):
            continue
        start = section.get("startMs")
        start = start if isinstance(start, (int, float)) and not isinstance(start, bool) else None
        said = section.get("text")
        sentence = said.get("sentence") if isinstance(said, dict) else None
        if isinstance(sentence, dict) and isinstance(sentence.get("text"), str):
            read.append((start, None, sentence["text"]))
        elif isinstance(heading := section.get("title"), dict) and isinstance(heading.get("title"), str):
            read.append((start, squash(heading["title"]), ""))
    return read if any(not title for _, title, _ in read) else None


def _read_along(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    """A read-along transcript's sentences as entries, each its voice's from that voice's title on."""
    sections = _read_along_sections(data)
    if sections is None:
        return None
    voice: str | None = None
    entries: list[dict[str, Any]] = []
    for start, title, sentence in sections:
        if title and GENERIC.match(title):
            voice = title
        elif not title:
            entries.append({"startMs": start, "speaker": voice, "text": sentence})
    return entries


def _clips(data: dict[str, Any]) -> list[tuple[str, str, list[Any]]] | None:
    """(name, speaker, entries) of each clip when the object is a diarizer's clips keyed by file
    name, each ``[speaker, [entries]]`` (roundtable's ``{"interview-10001.wav":
    ["speaker_SPEAKER_04", [{start, end, content}]]}``); else None."""
    clips: list[tuple[str, str, list[Any]]] = []
    for name, value in data.items():
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
            return None
        clips.append((str(name), value[0], value[1]))
    sample = [entry for _, _, entries in clips for entry in entries[:20]][:20]
    return clips if _speech(sample) else None


@dataclass
class _Stamp:
    """A clip entry's time, moved as a span by ``end_to_end``."""

    start: float | None
    end: float | None


def _clip_entries(clips: list[tuple[str, str, list[Any]]], episode: Episode) -> list[Any]:
    """The clips' entries as one timeline, each with its clip's speaker where it names none.

    Clips go in the order of the numbers in their names when every name has one, else in the
    file's. Times that run on from clip to clip are the recording's. Times that start again in
    most clips are the clip's own, and nothing says where a clip falls in the recording: each is
    then placed where the one before ends, which the report says is an estimate.
    """
    numbers = [tuple(int(n) for n in re.findall(r"\d+", name)) for name, _, _ in clips]
    if all(numbers):
        clips = [clip for _, clip in sorted(zip(numbers, clips), key=lambda pair: pair[0])]
    times = [[(entry, key, value) for entry in clip if isinstance(entry, dict)
              for key, value in (_find(entry, _START_KEYS), _find(entry, _END_KEYS))
              if key is not None and isinstance(value, (int, float)) and not isinstance(value, bool)]
             for _, _, clip in clips]  # fmt: skip
    # Where the recording's voices overlap, a clip may start before the one before ends; where
    # each clip keeps its own clock, most do.
    spans = [(clip_times[0][2], max(value for _, _, value in clip_times)) for clip_times in times if clip_times]
    back = sum(1 for (_, end), (start, _) in pairwise(spans) if start < end)
    own_clocks = back > (len(spans) - 1) / 2
    if own_clocks:
        stamps = [[_Stamp(value, value) for _, _, value in clip_times] for clip_times in times]
        end_to_end(stamps)
        for clip_times, run in zip(times, stamps):
            for (entry, key, _), stamp in zip(clip_times, run):
                entry[key] = stamp.start
    entries: list[Any] = []
    for _, speaker, clip in clips:
        for entry in clip:
            if isinstance(entry, dict) and _get(entry, _SPEAKER_KEYS) is None and speaker.strip():
                entry["speaker"] = speaker
        entries.extend(clip)
    empty = sum(1 for _, _, clip in clips if not clip)
    detail = (f"the file is {len(clips)} clips keyed by file name ('{clips[0][0]}'), each one speaker's entries; "
              f"read clip by clip{' in the order of their numbers' if all(numbers) else ''}")
    if empty:
        detail += f"; {empty} clips hold no words"
    if own_clocks:
        detail += ("; each clip's times start again from its own beginning and nothing places it in the recording, "
                   "so each is put where the one before ends: times after the first clip are estimated")
    elif len(spans) > 1:
        detail += "; their times run on from clip to clip, so they are the recording's"
    episode.repair("clips", detail)
    return entries


def _copies(data: dict[str, Any], entries: list[Any]) -> tuple[str, ...]:
    """Top-level keys that repeat the timeline: Whisper's "text" or a site's "fullText" (the whole
    transcript, which opens as the first entry does) and WhisperX's "word_segments" (every word again)."""
    copies: tuple[str, ...] = ("word_segments",) if isinstance(data.get("word_segments"), list) else ()
    first = next((body for e in entries if isinstance(e, dict) and isinstance(body := _get(e, _BODY_KEYS), str)
                  and body.strip()), None)
    if first is None:
        return copies
    opening = squash(first)[:40]
    for key, whole in data.items():
        if field_name(key) in _WHOLE_TEXT_KEYS and isinstance(whole, str) and squash(whole).startswith(opening):
            copies += (key,)
    return copies


def _meta_key(key: str, data: dict[str, Any]) -> str:
    """The field a top-level key gives, or the key itself; the field's own name wins where both are given."""
    field = _META_SPELLINGS.get(field_name(key))
    return key if field is None or (field != key and field in data) else field


# A scraper's record of a talk: its facts beside the whole transcript as one string
# ({"title": …, "url": …, "transcript": "…"}), and no timeline.
_TEXT_KEYS = ("transcript", "full_transcript", "transcript_text", "transcription", "text", "content", "body",
              "data")  # 3Play's API answers {"code": 200, "data": "<the captions as SRT>"}
_HELD_WORDS = 50
_COPY_CHARS = 1000  # a string field this long beside the transcript is part or copy of it, not a fact


_TEXT_NAMES = tuple(field_name(key) for key in _TEXT_KEYS)
# A scraper's field named for what it transcribed: "Video Transcript", "episodeTranscript".
_OWN_TRANSCRIPT = frozenset({"transcript", "transcription"})


def _text_rank(key: str) -> int | None:
    """How good a name for the transcript's text ``key`` is (0 best), or None if it is none:
    the names in ``_TEXT_KEYS`` however spelt ("Transcript", "transcript_text"), then a thing's
    transcript ("Video Transcript")."""
    name = field_name(key)
    if name in _TEXT_NAMES:
        return _TEXT_NAMES.index(name)
    words = field_words(key)
    return len(_TEXT_NAMES) if len(words) == 2 and words[-1] in _OWN_TRANSCRIPT else None


def _transcript_text(data: object, least_words: int = _HELD_WORDS) -> str | None:
    """The key of the one long string an object with no timeline keeps its transcript in, else None."""
    if not isinstance(data, dict) or _get(data, _SEGMENT_LIST_KEYS) is not None or _other_list(data) is not None:
        return None
    if speech_services.timeline(data) is not None:
        return None
    held = [(rank, k) for k, v in data.items() if isinstance(v, str) and len(v.split()) >= least_words
            and (rank := _text_rank(str(k))) is not None]  # fmt: skip
    return min(held)[1] if held else None


def _held_records(data: object) -> list[tuple[dict[str, Any], str]] | None:
    """Each record and the key of its transcript text, when ``data`` is a list of records that
    each hold one (a scraper's several videos: [{"Video Name", "Video Transcript"}, …]), else None."""
    if not isinstance(data, list) or not data or not all(isinstance(x, dict) for x in data):
        return None
    keys = [_transcript_text(x, least_words=1) for x in data]
    if None in keys or not any(_transcript_text(x) for x in data):
        return None
    # A list of timed or plain "text" entries is a timeline's segments, not transcripts of their own.
    if any(_find(x, _START_KEYS)[0] is not None or not _OWN_TRANSCRIPT & set(field_words(str(k)))
           for x, k in zip(data, keys, strict=True)):
        return None
    return [(x, k) for x, k in zip(data, keys, strict=True) if k is not None]


def _read_records(records: list[tuple[dict[str, Any], str]], episode: Episode) -> None:
    """Several records' transcripts, one chapter each titled by its record's title: one file is
    one episode, and a chapter a video keeps every word searchable and each video findable."""
    from podsift import formats  # each text is read by whichever format it is in

    if len(records) == 1:
        _read_held_text(records[0][0], records[0][1], episode)
        return
    listed: list[dict[str, Any]] = []
    untimed, latest = 0, 0.0
    for k, (record, key) in enumerate(records):
        facts = Episode(id=episode.id)
        _metadata(record, facts, (key,))
        title = facts.title or f"Part {k + 1}"
        listed.append({"title": title, **({"youtube_id": facts.youtube_id} if facts.youtube_id else {}), **facts.extra})
        text = record[key]
        part = Episode(id=episode.id)
        formats.detect(text, exclude=(NAME,)).parse(text, part)
        restarts = any(s.start is not None and s.start < latest for s in part.segments[:1])
        untimed += restarts
        if not restarts:
            latest = max((t for s in part.segments for t in (s.start, s.end) if t is not None), default=latest)
        episode.add_chapter(title)
        for seg in part.segments:
            episode.add_segment(seg.text, start=None if restarts else seg.start, end=None if restarts else seg.end,
                                speaker=seg.speaker, directions=seg.directions)  # fmt: skip
        for note in part.repairs:
            episode.repair(note.kind, note.detail, note.where or title)
    episode.extra["parts"] = listed
    episode.repair("several_transcripts", f"the file is a list of {len(records)} records, each with its own transcript "
                   f"(under '{records[0][1]}'); read as one episode, a chapter for each titled by its record's title; "
                   "the records' other fields kept in extra as 'parts'" + (f"; {counted(untimed, 'record')} whose times start "
                   f"again {agrees(untimed, 'was', 'were')} left untimed" if untimed else ""))  # fmt: skip


def _read_held_text(data: dict[str, Any], key: str, episode: Episode) -> None:
    """Read the transcript a record holds as text, in whatever shape the text is; its facts from the rest."""
    from podsift import formats  # the text is read by whichever format it is in

    text = data[key]
    copies = tuple(k for k, v in data.items() if isinstance(v, str) and k != key
                   and (len(v) >= _COPY_CHARS or (len(v.split()) >= _HELD_WORDS and v.strip() in text)))
    _metadata(data, episode, (key, *copies))
    reader = formats.detect(text, exclude=(NAME,))
    reader.parse(text, episode)
    episode.repair("transcript_field", f"the transcript is the text under '{key}' (a record of the talk, its facts "
                   f"beside it), read as {reader.NAME}" + (f"; {', '.join(repr(k) for k in copies)} "
                   "left out as parts of it" if copies else ""), key)  # fmt: skip


def _metadata(data: dict[str, Any], episode: Episode, timeline: tuple[str, ...]) -> None:
    for key, value in data.items():
        if key in timeline:
            continue  # read as the segments; a second copy in extra would double the stored text
        key = _meta_key(key, data)
        if field_name(key) in _LINK_KEYS and (link := web_url(value)):
            if (video := youtube_id(link)) and not episode.youtube_id:
                episode.youtube_id = video  # the video is the recording; the link is also its page
            path = urlsplit(link).path
            field = "media_url" if is_media_file(path) else "page_url"
            if (not getattr(episode, field) and not any(_META_SPELLINGS.get(field_name(k)) == field for k in data)
                    and not path.lower().endswith(_NOT_A_PAGE) and "/api/" not in path.lower()):
                key = field
        if field_name(key) == _VIDEO_ID and isinstance(value, str) and (video := youtube_id(value)) and not episode.youtube_id:
            key, value = "youtube_id", video  # youtube-transcript-api's printout names the video it came from
        if key in _META_INT and isinstance(value, str) and value.strip().isdecimal():
            value = int(value)
        if key in _URL_KEYS and isinstance(value, str) and value.strip() and web_url(value) is None:
            episode.repair("bad_url", f"{key} {value[:80]!r} is not an http(s) link; kept in extra", key)
            episode.extra[key] = value
        elif key in _META_STR and isinstance(value, str) and value.strip():
            setattr(episode, key, squash(value))
        elif key in _META_INT and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER:
            setattr(episode, _META_INT[key], value)
        elif key == "guests" and isinstance(value, list):
            episode.guests = [squash(str(g)) for g in value if str(g).strip()]
        elif key == "duration" and isinstance(value, (int, float)) and not isinstance(value, bool):
            episode.duration = as_time(value)
            if episode.duration is None:
                episode.repair("bad_duration", f"duration {value!r} is not a length of time; kept in extra", key)
                episode.extra[key] = value
        elif key not in _KNOWN:
            episode.extra[key] = value
    name, inner = _described(data)
    if inner is None:
        return
    day = inner.get("date", inner.get(f"{name}_date"))
    if not episode.date and isinstance(day, str):
        episode.date = iso_day(day)  # "2025-03-16T21:49:29.059239": the day is what episodes sort by
    title = inner.get("title", inner.get(f"{name}_title"))
    if not episode.title and name != _INNER_META and isinstance(title, str) and title.strip():
        episode.title = squash(title)  # {"meeting": {"title": "City Council Meeting", ...}, "turns": [...]}


# Objects some tools keep the recording's own facts in, beside the timeline: a live recogniser's
# {"metadata": {"start_time", "duration", "date"}}, a council's {"meeting": {"title", "meeting_date",
# "sections"}}. Read where the top level does not say.
_DESCRIBING = (_INNER_META, "meeting", "episode", "recording")


def _described(data: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The first object among ``_DESCRIBING`` that ``data`` holds, with its key."""
    for name in _DESCRIBING:
        if isinstance(inner := data.get(name), dict):
            return name, inner
    return "", None


# Agenda items as a meeting's transcript lists them: {"start_seconds": 108, "label": "1. Call to order"}.
_SECTION_TITLES = ("title", "label", "name")
_SECTION_STARTS = ("startTime", "start_time", "start_seconds")


def _listed_chapters(data: dict[str, Any]) -> list[Any] | None:
    """Podcasting 2.0's ``chapters``, else ``sections`` (at the top or in the object describing
    the recording) as chapters: a title and a start in seconds each."""
    if isinstance(chapters := data.get("chapters"), list):
        return chapters
    if (read := _read_along_sections(data)) is not None:
        return [{"title": title, "startTime": None if start is None else start / MS_PER_S}
                for start, title, _ in read if title and not GENERIC.match(title)]
    _, inner = _described(data)
    sections = data.get("sections", inner.get("sections") if inner else None)
    if not isinstance(sections, list):
        return None
    listed = []
    for entry in sections:
        if not isinstance(entry, dict):
            continue
        title = next((entry[k] for k in _SECTION_TITLES if isinstance(entry.get(k), str)), None)
        start = next((entry[k] for k in _SECTION_STARTS if k in entry), None)
        if title is not None and isinstance(start, (int, float)) and not isinstance(start, bool):
            listed.append({"title": title, "startTime": start})
    return listed


def _chapters(chapters: list[Any] | None, episode: Episode) -> None:
    """``chapters`` (a title and a start in seconds each, or the segment they open at) placed among the segments."""
    if not chapters:
        return
    count = len(episode.segments)
    # The latest start up to each segment: the first segment starting at or after a time is
    # where this running maximum first reaches it, found by bisection rather than a scan
    # per chapter (thousands of chapters past the last segment made that quadratic).
    latest: list[float] = []
    for seg in episode.segments:
        latest.append(max(latest[-1] if latest else -1.0, -1.0 if seg.start is None else seg.start))
    for entry in chapters:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            continue
        # Podcasting 2.0's "startTime", Speechmatics' "start_time".
        start = ms(parse_timestamp(next((entry[k] for k in _SECTION_STARTS if k in entry), None)))
        first = entry.get("firstSegment")
        if not isinstance(first, int) or isinstance(first, bool) or not 0 <= first <= count:
            # Place it by time: the first segment starting at or after it.
            first = count if start is None else bisect_left(latest, start)
        episode.chapters.append(Chapter(squash(entry["title"]), start, first))
    episode.chapters.sort(key=lambda c: c.first_segment)


def _affixed_words(entries: list[Any]) -> list[Any] | None:
    """Text to Timestamps' words, each with what is written before and after it (``"prefix": "3 "``,
    a verse's number; ``"suffix": " "``): the words as written, the prefix kept, and a word with no
    space after it ("charity—") joined to the next ("charity—Charity"); None if not that shape."""
    if not entries or not all(isinstance(e, dict) and all(isinstance(e.get(k), str) for k in _AFFIXED) for e in entries):
        return None
    words: list[dict[str, Any]] = []
    glued = False
    for entry in entries:
        written = entry["prefix"] + entry["text"] + entry["suffix"]
        if glued and words:
            words[-1] = {**words[-1], "text": words[-1]["text"] + written,
                         **{key: entry[key] for key in _END_KEYS if key in entry}}
        else:
            words.append({**entry, "text": written})
        glued = entry["suffix"] == "" and bool(entry["text"])
    return [{**word, "text": word["text"].strip()} for word in words]


_AFFIXED = ("text", "prefix", "suffix")


def word_by_word(bodies: list[str]) -> bool:
    """Most entries hold a single word: the spec's word-by-word highlighting form."""
    filled = [b for b in bodies if b.strip()]
    # A Chinese or Japanese sentence has no spaces either: a word is a few characters ("今日", "インターネット"),
    # a sentence more, or ends with its stop ("今日はジャガイモの保存方法を紹介します。").
    one_word = [len(b.split()) == 1 and ((n := unspaced_characters(b)) <= _CJK_WORD
                                         or (n <= _CJK_LONG_WORD and not _CJK_STOP.search(b))) for b in filled]  # fmt: skip
    return bool(filled) and sum(one_word) > 0.5 * len(filled)


_CJK_WORD = 4  # this short, even with a stop ("です。")
_CJK_LONG_WORD = 7  # "インターネット"; a subtitle line without its stop ("今日はいい天気ですね") is longer
_CJK_STOP = re.compile(r"[。！？]\s*$")


def _span(start_key: str | None, raw_start: Any, end_key: str | None, raw_end: Any) -> tuple[str | None, Any, Any]:
    """(end key, start, end), reading a ``[start, end]`` pair in the start field as the two times.

    The transformers ASR pipeline writes ``"timestamp": [29.92, 30.4]``; its last chunk
    may end in ``null``, which leaves the end empty and keeps the start.
    """
    if end_key is None and isinstance(raw_start, list) and len(raw_start) == 2:
        return start_key, raw_start[0], raw_start[1]
    return end_key, raw_start, raw_end


def _word_triples(data: Any) -> list[dict[str, Any]] | None:
    """``[[" In", 3.3, 3.82], [" my", 3.82, 4.34], …]``, a list of words with their start and end (as
    3Blue1Brown's captions keep their word timings), as entries; None for anything else."""
    if not isinstance(data, list) or not data:
        return None
    rows = [x for x in data if isinstance(x, list) and len(x) == 3 and isinstance(x[0], str)
            and all(isinstance(t, (int, float)) and not isinstance(t, bool) and math.isfinite(t) for t in x[1:])]  # fmt: skip
    # words end after they start, and follow one another ("Paris", 48.85, 2.35 is a place)
    timed = sum(1 for k, (_, start, end) in enumerate(rows) if start <= end and (not k or rows[k - 1][1] <= start))
    if len(rows) < _CONSISTENT * len(data) or timed < _CONSISTENT * len(rows):
        return None
    return [{"text": word.strip(), "start": start, "end": end} for word, start, end in rows]


def _timed_rows(data: Any) -> tuple[str | None, list[dict[str, Any]]] | None:
    """``[[0.0, 23.58, "speaker0", "…"], …]``, rows of start, end, speaker and words (as a Chinese
    meeting pipeline saves them, alone or as an object's one list: ``{"result": [...]}``), as entries,
    with the key they were under; None for anything else."""
    key = None
    if isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
    if not isinstance(data, list) or not data:
        return None
    rows = [x for x in data if isinstance(x, list) and len(x) == 4 and isinstance(x[2], str) and isinstance(x[3], str)
            and all(isinstance(t, (int, float)) and not isinstance(t, bool) and math.isfinite(t) for t in x[:2])]  # fmt: skip
    timed = sum(1 for start, end, _, _ in rows if 0 <= start <= end <= MAX_TIME)
    if len(rows) < _LEAST_ROWS or len(rows) < _CONSISTENT * len(data) or timed < _CONSISTENT * len(rows):
        return None
    # A table of [number, number, text, text] is a transcript only where it reads as one: words that
    # are sentences (a space, or Chinese or Japanese), times in order, voices that take turns.
    said = sum(1 for *_, words in rows if any(c.isalpha() for c in words)
               and (" " in words.strip() or unspaced_characters(words)))  # fmt: skip
    in_order = all(a[0] <= b[0] for a, b in pairwise(rows))
    voices = {row[2] for row in rows}
    # a diarizer's ids ("speaker0") name voices even where each speaks once, as a conference's speakers do
    if 2 * said <= len(rows) or not in_order or (len(voices) >= len(rows) and not all(map(numbered_speaker, voices))):
        return None
    return key, [{"start": start, "end": end, "speaker": speaker, "text": words} for start, end, speaker, words in rows]


_LEAST_ROWS = 3  # one or two rows of four values are any table's


def _seconds_given(value: Any) -> float | None:
    """A time in seconds given as a number or a numeric string ("0.150"); None otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _end_timed_paragraphs(data: Any) -> list[dict[str, Any]] | None:
    """``[[{"text": "This", "end": "0.150"}, …], […]]``: paragraphs as lists of words that give only
    when each ends (a page's karaoke script keeps them so), as entries, one a paragraph, each word
    starting where the one before it ended; None for anything else."""
    if not isinstance(data, list) or not data or not all(isinstance(x, list) for x in data):
        return None
    words = [w for x in data for w in x]
    if not words or not all(isinstance(w, dict) and isinstance(w.get("text"), str) and "start" not in w
                            and _seconds_given(w.get("end")) is not None for w in words):  # fmt: skip
        return None
    entries: list[dict[str, Any]] = []
    last = 0.0
    for paragraph in data:
        if not paragraph:
            continue
        end = _seconds_given(paragraph[-1]["end"])
        entries.append({"text": " ".join(w["text"].strip() for w in paragraph), "start": last, "end": end})
        last = end if end is not None and end >= last else last
    return entries


def _numbered_word_lists(data: Any) -> list[dict[str, Any]] | None:
    """``{"0": ["This", "is", …], "1": […]}``: paragraphs numbered by their keys, each a list of its
    words, untimed (the same page's words without their times), as entries in number order."""
    if not isinstance(data, dict) or len(data) < 2 or not all(isinstance(k, str) and k.isdigit() for k in data):
        return None
    if not all(isinstance(v, list) and v and all(isinstance(w, str) for w in v) for v in data.values()):
        return None
    return [{"text": " ".join(w.strip() for w in data[k])} for k in sorted(data, key=int)]


def _translated_rows(data: Any) -> list[dict[str, Any]] | None:
    """A list of sentences each with its translation (``{"input", "translatedText", "start", "end"}``,
    3Blue1Brown's sentence_translations.json) as entries of the original's words; None otherwise."""
    if not isinstance(data, list) or not data or not all(isinstance(x, dict) for x in data[:20]):
        return None
    if not all(isinstance(x.get("input"), str) and "translatedText" in x and _get(x, _BODY_KEYS) is None
               for x in data[:20]):  # fmt: skip
        return None
    return [{**{k: v for k, v in x.items() if k not in ("input", "translatedText")}, "text": x["input"]}
            for x in data if isinstance(x, dict) and isinstance(x.get("input"), str)]  # fmt: skip


def _plain_rows(data: Any, episode: Episode) -> list[dict[str, Any]] | None:
    if (words := _word_triples(data)) is not None:
        left = f"; {counted(len(data) - len(words), 'item')} of another shape left out" if len(words) < len(data) else ""
        episode.repair("word_triples", f"{len(words)} words each with its start and end ([word, start, end] lists){left}")
        return words
    if (paragraphs := _end_timed_paragraphs(data)) is not None:
        episode.repair("end_timed_words", f"{len(paragraphs)} paragraphs given as lists of words that say only when "
                       "each ends: one segment a paragraph, starting where the one before it ended")
        return paragraphs
    if (numbered := _numbered_word_lists(data)) is not None:
        episode.repair("numbered_word_lists", f"{len(numbered)} paragraphs under numbered keys (\"0\", \"1\", …), each "
                       "a list of its words with no times: one untimed segment a paragraph")
        return numbered
    if (timed := _timed_rows(data)) is not None:
        under, positional = timed
        episode.repair("timed_rows", f"{len(positional)} rows of [start, end, speaker, words]"
                       + (f" under {under!r}" if under else "") + ", each a segment")
        return positional
    if (rows := _translated_rows(data)) is not None:
        episode.extra["translations"] = [x.get("translatedText") for x in data if isinstance(x, dict)]
        episode.repair("translations", f"{len(rows)} sentences each beside its translation ('translatedText'): the "
                       "original's words read, the translations kept in extra['translations']")
        return rows
    return None


_CONSISTENT = 0.8
# A string (in Python's printout, single-quoted too), or a bracket outside one.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[\[\]{}]')


def _whole_items(text: str, error_at: int) -> tuple[Any, int] | None:
    """JSON cut short (an interrupted download) inside a list of segments: what it holds up to that
    list's last whole item, its brackets closed, and how many whole items the list has. None unless
    the text opens as such JSON, breaks only after that item, and reads then as speech."""
    stack: list[tuple[str, int]] = []  # open brackets and where they are
    last_item: dict[int, int] = {}  # where a list's last whole object ends, by where the list opens
    items: Counter[int] = Counter()  # how many whole objects a list holds, by where it opens
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            stack.append((bracket, token.start()))
        elif bracket in "]}":
            if not stack or stack.pop()[0] != ("[" if bracket == "]" else "{"):
                return None  # brackets that do not pair: broken, not cut
            if bracket == "}" and stack and stack[-1][0] == "[":
                last_item[stack[-1][1]] = token.end()
                items[stack[-1][1]] += 1
    # The outermost list still open holds the segments (a segment's own word list lies inside it).
    depth = next((i for i, (bracket, _) in enumerate(stack) if bracket == "["), None)
    if depth is None or error_at < stack[depth][1]:
        return None
    if (end := last_item.get(stack[depth][1])) is None:
        if _whole_text_only(text, stack[: depth + 1]):
            # Its words alone, untimed, would be stored in place of the timed captions Whisper writes beside it.
            raise SourceRejected("the file ends inside its first segment (looks cut short): its whole 'text' came "
                                 "before the cut but no timings survived; ingest the captions written beside it "
                                 "(.vtt, .srt) or a whole copy")
        return None
    if error_at < end:
        return None
    closing = "".join("]" if bracket == "[" else "}" for bracket, _ in reversed(stack[: depth + 1]))
    data = _loaded(text[:end] + closing)
    return (data, items[stack[depth][1]]) if isinstance(data, (list, dict)) and _speech(data) else None


def _loaded(text: str) -> Any:
    """``text`` read as JSON, or as Python's printout of a list of dicts; None if it is neither."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return python_literal(text)


# The key of the segments' list, opened right after the members before it.
_LIST_KEY = re.compile(r'\s*,\s*"(?P<key>[^"\\]+)"\s*:\s*$')


def _whole_text_only(text: str, open_brackets: list[tuple[str, int]]) -> bool:
    """Whether ``text`` is Whisper's result cut inside its first segment, its whole ``text`` before the cut:
    ``{"text": "<all it heard>", "segments": [{"st``."""
    if [bracket for bracket, _ in open_brackets] != ["{", "["] or text[: open_brackets[0][1]].strip():
        return False
    key = _LIST_KEY.search(text, 0, open_brackets[1][1])
    if key is None or key.group("key") not in _SEGMENT_LIST_KEYS:
        return False
    data = _loaded(text[: key.start()] + "}")
    return isinstance(data, dict) and any(field_name(k) in _WHOLE_TEXT_KEYS and isinstance(v, str) and v.strip()
                                          for k, v in data.items())


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    first_repair = len(episode.repairs)
    part_titles: dict[int, str] = {}  # a part's title by the place of its first segment
    beside: list[dict[str, Any]] = []  # objects beside the transcript that hold its chapters
    glued: list[int] = []  # JSON Lines' lines that hold objects written with no newline between
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        printed = python_literal(text)
        if isinstance(printed, (list, dict)) and _speech(printed):
            data = printed
            episode.repair("python_repr", "Python's printout of the segments (single quotes, as str() of "
                           "youtube-transcript-api's result writes it), not JSON; read as the same list")  # fmt: skip
        # A printout has no JSON error's place: its cut is checked by reading what is whole of it.
        elif (whole := _whole_items(text, len(text) if _PYTHON_REPR.match(text) else err.pos)) is not None:
            data = whole[0]
            episode.repair("cut_short", "the file ends inside its JSON (looks cut short): read the "
                           f"{counted(whole[1], 'whole item')} of its list before the cut")
        elif not isinstance(data := json_lines(text, glued) if err.msg == "Extra data" else None, list):
            raise SourceRejected(data or f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
        else:
            episode.repair("json_lines", f"JSON Lines: {len(data)} objects, one a line, read as a list of segments")
            if glued:
                episode.repair("json_lines_glued", f"{counted(len(glued), 'line')} held two or more objects written with no "
                               f"newline between them (lines {', '.join(map(str, glued[:5]))}); each object read")
            if (batch := speech_services.from_stream(data)) is not None:
                data = batch
                episode.repair("deepgram_stream", "Deepgram's streaming results: the final ones read, the interim left out")
    except RecursionError:
        raise SourceRejected("invalid JSON: nested too deeply to read") from None
    except ValueError as err:  # say, a number of thousands of digits
        raise SourceRejected(f"invalid JSON: {err}") from None
    if (normal := _plain_rows(data, episode)) is not None:
        data = normal
    if isinstance(data, list) and (answer := _answer_in_list(data)) is not None:
        data = answer[1]
        episode.repair("wrapped", f"the transcript is answer {answer[0] + 1} of a list of {len(answer[2])} (an "
                       "API's multi-request, saved whole); the others were left out")
    elif isinstance(data, list):
        listed = data
        if (parts := _transcripts(data, episode, part_titles)) is not None:
            data = parts
        # An object beside the transcript holding only chapters ([{"segments": …}, {"chapters": …}]).
        beside = [x for x in listed if isinstance(x, dict) and x is not data and not _speech(x)
                  and _listed_chapters(x)]  # fmt: skip
    if _is_otr(data):
        # oTranscribe's .otr: the transcript is the editor's HTML, timed by its timestamp spans.
        episode.repair("otranscribe", "oTranscribe's file (.otr): its transcript is HTML, read as such")
        podcast_html.parse(data["text"], episode)
        if isinstance(data.get("media"), str) and data["media"].strip():
            episode.extra["media"] = data["media"]
        return
    if _unwrapped(data) is None and (held := _transcript_text(data)) is not None:
        _read_held_text(data, held, episode)
        return
    if (records := _held_records(data)) is not None:
        _read_records(records, episode)
        return
    if (wrapper := _unwrapped(data)) is not None:
        rest = "; the rest of the answer (the request, its status) was left out" if len(data) > 1 else ""
        holder, data = wrapper
        episode.repair("wrapped", f"the transcript is the object under '{holder}' (an API's answer, saved whole){rest}")
    entries, timeline, captions, turns = _entries(data, episode)
    captions = captions or _snippets(entries)
    if (affixed := _affixed_words(entries)) is not None:
        episode.repair("affixed_words", f"{len(entries):,} words with what is written around each ('prefix', 'suffix': "
                                        "verse numbers, dashes) read as written")
        entries = affixed
        inner = data.get(_INNER_META) if isinstance(data, dict) else None
        if isinstance(inner, dict) and isinstance(title := inner.get("title"), str) and title.strip():
            episode.title = squash(title)  # the aligned text's own name, not a recogniser's session
    if (words := _word_chunks(entries)) is not None:
        episode.repair("word_chunks", f"{len(entries)} chunks that hold only their timed words, minutes long and no "
                       f"speaker named: their {len(words):,} words joined into sentences, not a segment a chunk")
        entries = words
    _utterance_times(entries)
    if isinstance(data, dict):
        _metadata(data, episode, timeline + _copies(data, entries))

    reader = _Reader(episode)
    cues: list[Cue] = []
    untimed: list[str] = []
    speakers: list[str | None] = []
    bodies: list[str] = []
    roles: list[str | None] = []
    named_unit: tuple[int, str] | None = None  # a unit a key name gives, and that key
    named_by = _maybe_speaker_key(entries, episode)
    slugs: dict[str, str] = {}  # a speaker's slug, and the name shown for it
    for k, entry in enumerate(entries):
        where = f"segment {k + 1}"
        if not isinstance(entry, dict):
            if isinstance(entry, str) and entry.strip():
                episode.repair("bare_text_segment", "a segment given as a bare string; kept as untimed text", where)
                entry = {"body": entry}
            else:
                episode.repair("bad_segment", f"a segment that is a {type(entry).__name__} was skipped", where)
                continue
        speaker_key, raw_speaker = _find(entry, _SPEAKER_KEYS)
        if raw_speaker is None and named_by and isinstance(named := entry.get(named_by), str) and looks_like_name(named):
            raw_speaker = named  # "(note)" among the call signs is the editor's, no one's turn
        voice = entry.get(_VOICE)
        if isinstance(voice, str) and voice.strip() and (
            raw_speaker is None or _DIARIZER_ID.fullmatch(str(raw_speaker).strip())
        ):
            raw_speaker = voice  # Podlove: "speaker" numbers the voice, "voice" names it
        speaker = squash(reader.decoded(reader.text(raw_speaker, "speaker", where))) or None
        if speaker and speaker_key in _SLUG_KEYS and speaker == speaker.lower() and (words := slug_words(speaker)):
            slugs[speaker] = speaker = " ".join(word.capitalize() for word in words)
        start_key, raw_start = _find(entry, _START_KEYS)
        end_key, raw_end = _find(entry, _END_KEYS)
        end_key, raw_start, raw_end = _span(start_key, raw_start, end_key, raw_end)
        offsets = entry.get(_OFFSETS)
        if start_key is None and isinstance(offsets, dict):
            start_key, raw_start, end_key, raw_end = _OFFSETS_KEY, offsets.get("from"), _OFFSETS_KEY, offsets.get("to")
        start = reader.time(raw_start, "startTime", where)
        end = reader.time(raw_end, "endTime", where)
        if end_key is None and start is not None:
            # Offset-and-duration pairs (Azure-style) give the end as a length.
            end_key, raw_length = _find(entry, _DURATION_KEYS)
            length = reader.time(raw_length, "duration", where)
            end = None if length is None else ms(start + length)
        if named_unit is None:
            for key in (start_key, end_key):
                if (unit := _key_unit(key)) is not None:
                    named_unit = (unit, str(key))
                    break
        body = reader.unmarked(reader.decoded(reader.text(_get(entry, _BODY_KEYS), "body", where)))
        if start is None:
            untimed.append(where)
        cues.append(Cue(k + 1, start, end, body, label="segment"))
        speakers.append(speaker)
        roles.append(role if isinstance(role := _get(entry, _ROLE_KEYS), str) and role.strip() else None)
        bodies.append(body)
    reader.report()
    if slugs:
        episode.repair("speaker_slugs", "speakers given as slugs shown as names, split at their dashes: "
                       + ", ".join(f"{slug} as {name}" for slug, name in list(slugs.items())[:5]) + (", ..." if len(slugs) > 5 else ""))
    _track_marks(cues, speakers, episode)
    speakers = diarizer_ids(_roles_for_ids(_listed_names(speakers, data, episode), roles, episode), episode)
    if entries and not cues:
        raise SourceRejected("the JSON 'segments' hold no segment objects, so it is not a transcript")
    if untimed:
        episode.repair("missing_time", f"{counted(len(untimed), 'segment')} {agrees(len(untimed), 'has', 'have')} no startTime; left untimed", untimed[0])
    if named_unit is None and not reader.clock_text:
        _unix_times(cues, data, episode, dated=reader.datetimes)
    _to_seconds(cues, named_unit, reader.clock_text, episode)
    parted = [{"title": part_titles[c.position - 1], "startTime": c.start} for c in cues
              if c.position - 1 in part_titles and c.start is not None]  # fmt: skip
    if any(c.start is not None for c in cues) and all(c.end is None for c in cues):
        end_at_next_start(cues, episode)  # starts only (a site's own "timestamp" list): each runs until the next
        episode.repair("missing_end", "the segments give no endTime; each runs until the next starts")
    unspace_cjk(cues, episode)

    word_level = word_by_word(bodies)
    by_cue = {id(c): s for c, s in zip(cues, speakers)}
    cues = shared_spans(drop_duplicates(cues, episode, by_cue), by_cue, episode)
    if not any(by_cue.values()):
        cues = without_loops(cues, episode)  # whisper stuck repeating a line: no one said it 800 times
    pieces, empty = labelled_pieces(cues, by_cue, episode)
    if empty:
        episode.repair("empty_segment", f"{counted(len(empty), 'segment')} with no body {agrees(len(empty), 'was', 'were')} dropped", empty[0])
    if not turns and (word_level or fragmented(pieces)):
        sentences = captions and unnamed_sentences(pieces)
        merged = merge_turns(
            pieces,
            merge_unnamed=word_level,
            sentence_turn=WORD_SENTENCE_TURN if word_level else 0.0,
            unnamed_turn=UNNAMED_TURN if sentences else 0.0,
        )
        if sentences and len(merged) < len(pieces):
            episode.repair("joined_fragments", f"{len(pieces):,} caption lines with no speaker joined into "
                           f"{len(merged):,} segments, each ending at a sentence end, a pause or {UNNAMED_TURN:g} s")
        pieces = merged
    add_pieces(episode, pieces)
    if isinstance(data, dict):
        _chapters(_listed_chapters(data), episode)
        _stated_length(data, episode)
    _chapters(parted, episode)
    for other in beside:
        chapters = _listed_chapters(other) or []
        _chapters(chapters, episode)
        episode.repair("chapters_beside", f"the list's object beside the transcript holding {counted(len(chapters), 'chapter')} "
                                          "read as the episode's chapters")
    if not episode.segments and cues and len(empty) == len(cues) and not (isinstance(data, dict) and _said(data)) \
            and all(c.start is not None and by_cue.get(id(c)) for c in cues) \
            and all(_wordless(e) for e in entries if isinstance(e, dict)):  # fmt: skip
        # A diarizer's turns ({speaker, start, end}, no text): stored empty, the report describing its segments.
        raise diarization_alone(len(cues))
    if not episode.segments:
        episode.repair("no_segments", "the transcript has no segments with text")
    summarise_repeats(episode, first_repair)


def _stated_length(data: dict[str, Any], episode: Episode) -> None:
    """``metadata.duration`` (or AssemblyAI's ``audio_duration``) as the episode's length where nothing
    else gave one, when it reads as seconds: from the last segment's end to twice that and ten minutes
    (milliseconds are 1000 times it)."""
    inner = data.get(_INNER_META)
    length = inner.get("duration") if isinstance(inner, dict) else None
    for key in ("audio_duration", "durationSeconds", "duration_seconds"):  # AssemblyAI; a Groq whisper script's
        length = data.get(key) if length is None else length
    if episode.duration is not None or isinstance(length, bool) or not isinstance(length, (int, float)):
        return
    last = max((t for s in episode.segments for t in (s.start, s.end) if t is not None), default=0.0)
    if last <= length <= min(2 * last + 600, _LONGEST):
        episode.duration = ms(length)


def _unix_times(cues: list[Cue], data: Any, episode: Episode, *, dated: bool = False) -> None:
    """Times a live recogniser wrote as Unix time (``1742176115.01``) counted from the recording's
    start: ``metadata.start_time`` where the file gives it, else the first segment's start.

    Read as they are, they are 55 years in and left empty as past a week. The start is kept
    in extra as ``clock_start``, as for a clock's times of day; an undated episode takes its
    day (UTC).
    """
    holder = data.get(_INNER_META) if isinstance(data, dict) else None
    holder = holder if isinstance(holder, dict) else data if isinstance(data, dict) else {}
    key, stated = _find(holder, _RECORDING_START_KEYS)
    origin = unix_origin(cues, stated)
    if origin is None:
        return
    count_from(cues, origin)
    episode.extra["clock_start"] = origin
    moment = datetime.datetime.fromtimestamp(round(origin), datetime.UTC)
    if not episode.date:
        episode.date = moment.date().isoformat()
    given = f"{_INNER_META}.{key}" if holder is not data else key
    since = f"the recording's start ('{given}')" if origin == stated else "the first segment's start"
    first = min(c.start for c in cues if c.start is not None)
    what = "dates and times of day ('2025-08-19T09:00:05Z')" if dated else "Unix time (seconds since 1970)"
    episode.repair("unix_times", f"times are {what}, not places in the recording; counted "
                   f"from {moment:%Y-%m-%d %H:%M:%S} UTC, {since}, so the first segment starts at "
                   f"{format_timestamp(first)}")  # fmt: skip


def _to_seconds(cues: list[Cue], named_unit: tuple[int, str] | None, clock_text: bool, episode: Episode) -> None:
    """Rescale times given in milliseconds or ticks, reporting it once."""
    rows = [(c.start, c.end, c.payload) for c in cues]
    unit = time_unit(rows, named_unit[0] if named_unit else None, clock_text)
    if unit == 1:
        _drop_impossible(cues, episode)
        return
    latest = max((t for c in cues for t in (c.start, c.end) if t is not None), default=0.0)
    if named_unit and named_unit[1] == _OFFSETS_KEY:
        why = f"whisper.cpp's {_OFFSETS!r} are in milliseconds"
    elif named_unit:
        why = f"the key {named_unit[1]!r} says so"
    elif latest > _LONGEST:
        why = f"read as seconds, the episode would run {latest / 3600:,.0f} hours"
    else:
        why = "read as seconds, short entries would start minutes apart"
    for c in cues:
        c.start = None if c.start is None else ms(c.start / unit)
        c.end = None if c.end is None else ms(c.end / unit)
    name = "milliseconds" if unit == MS_PER_S else "100-nanosecond ticks"
    episode.repair(
        "times_in_milliseconds" if unit == MS_PER_S else "times_in_ticks",
        f"times of {counted(len(cues), 'segment')} are in {name} ({why}); divided by {unit:,}, "
        f"so the last ends at {format_timestamp(latest / unit)}",
    )
    _drop_impossible(cues, episode)


def _drop_impossible(cues: list[Cue], episode: Episode) -> None:
    """Leave empty the times that, in seconds, are past a week: misreads, not moments."""
    dropped: list[str] = []
    for c in cues:
        start, end = as_time(c.start), as_time(c.end)
        if (start, end) != (c.start, c.end):
            dropped.append(c.where)
            c.start, c.end = start, end
    if dropped:
        episode.repair("bad_timestamp", f"{counted(len(dropped), 'segment')} had times past a week; left empty", dropped[0])


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

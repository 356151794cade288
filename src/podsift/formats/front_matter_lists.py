"""Timed lists in a page's front matter: the transcript as items of time and words, and chapters.

    transcriptText:              chapters:
      - time: '00:03'              - time: '00:51'
        text: ...                    title: ...

Static-site pages (Astro, Hugo, Eleventy) keep them there for a template to render. A list is
known by the words of its key and the fields of its items, not by one site's spelling: a key
naming a transcript (``transcriptText``, ``transcript_text``, ``captions``, ``lines``,
``segments``...) whose items mostly hold words and a time or a speaker is the transcript; a key
naming chapters whose items hold a time and a title is the chapters. Any other list (tags, links,
guests, sponsors) is never read as speech, whatever its items hold.
"""

from __future__ import annotations

from typing import Any

from podsift.formats import front_matter as fm
from podsift.formats.chapters_file import chapter_lines
from podsift.model import Episode
from podsift.text import as_time, counted, parse_timestamp, squash

# Words that name a transcript wherever they stand in a key (``transcriptText``, ``caption_lines``), and
# words that do only as the whole key (``lines``, ``segments``: ``keyLines`` are highlights).
_TRANSCRIPT_WORDS = frozenset({"transcript", "transcripts", "transcription", "caption", "captions", "subtitle",
                               "subtitles", "utterances", "dialogue", "dialog", "speech"})
_TRANSCRIPT_KEYS = frozenset({"lines", "segments", "cues", "sentences", "paragraphs", "turns"})
_CHAPTER_WORDS = frozenset({"chapter", "chapters", "toc", "timestamps"})
# Item fields by what they hold, as field_name spells them.
_TIME_FIELDS = ("time", "start", "starttime", "begin", "sec", "secs", "seconds", "timestamp", "ts", "offset")
_END_FIELDS = ("end", "endtime", "stop", "stoptime", "finish", "until")
_TEXT_FIELDS = ("text", "line", "words", "body", "content", "caption", "transcript", "sentence", "utterance", "speech",
                "sourcetext", "originaltext")  # a translation pipeline's original, beside its "translation"
# An item's times kept together in a mapping of their own ("timecode: {start: ..., end: ...}").
_TIME_MAPPING_FIELDS = ("timecode", "timing", "times", "time", "span", "timestamp", "timestamps")
_SPEAKER_FIELDS = ("speaker", "who", "speakername", "voice", "person", "name")
# A transcript's item with a title and no words opens a chapter; a chapter list's items have a title.
_HEADER_FIELDS = ("header", "heading", "chapter", "section", "title", "topic")
_TITLE_FIELDS = ("title", "chapter", "header", "heading", "name", "label", "topic", "text")


def _field(item: dict[Any, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """(the key as written, its value) of the first of ``names`` the item has a value for."""
    spelled = {fm.field_name(key): key for key in item}
    for name in names:
        key = spelled.get(name)
        if key is not None and item[key] not in (None, ""):
            return str(key), item[key]
    return None, None


def _time_field(item: dict[Any, Any], names: tuple[str, ...] = _TIME_FIELDS) -> tuple[str | None, float | None, str | None]:
    """(the key, the seconds, the time as written) of an item's time (its start, or the other of
    ``names``): ``'00:03'``, ``3``, ``3000`` ms."""
    for key, value in item.items():
        name = fm.field_name(key)
        thousandths = name.endswith("ms") and (name[:-2] in names or (name == "ms" and names is _TIME_FIELDS))
        if not (thousandths or name in names) or value in (None, ""):
            continue
        if thousandths:
            seconds = as_time(value / 1000) if fm.is_number(value) else None
            return str(key), seconds, None if seconds is None else f"{seconds:g}"
        if fm.is_number(value):  # seconds (YAML 1.1 reads an unquoted 1:49 as 109, seconds too)
            seconds = as_time(value)
            return str(key), seconds, None if seconds is None else f"{seconds:g}"
        if isinstance(value, dict):
            continue
        written = squash(str(value))
        return str(key), parse_timestamp(written), written
    for key, value in item.items():
        if isinstance(value, dict) and fm.field_name(key) in _TIME_MAPPING_FIELDS and (inner := _time_field(value, names))[0]:
            return f"{key}.{inner[0]}", inner[1], inner[2]
    return None, None, None


def _spoken(item: dict[Any, Any]) -> str:
    _, value = _field(item, _TEXT_FIELDS)
    return squash(str(value)) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def transcript_list(data: dict[Any, Any]) -> tuple[str, list[Any]] | None:
    """(key, items) of the front matter's list that is a transcript, the longest if several are."""
    best: tuple[str, list[Any], int] | None = None
    for key, items in data.items():
        words = fm.field_words(key)
        if not isinstance(items, list) or not (_TRANSCRIPT_WORDS.intersection(words) or fm.field_name(key) in _TRANSCRIPT_KEYS):
            continue
        entries = [item for item in items if isinstance(item, dict)]
        said = [item for item in entries if _spoken(item)]
        placed = [item for item in said if _time_field(item)[0] or _field(item, _SPEAKER_FIELDS)[0]]
        # Words in most items, each with a time or a speaker: a list of links or names has neither.
        if len(said) >= 2 and len(said) * 2 >= len(items) and len(placed) * 2 >= len(said):
            if best is None or len(said) > best[2]:
                best = str(key), items, len(said)
    return (best[0], best[1]) if best else None


# A transcript kept as one text field (MIT OpenCourseWare's Hugo pages: ``transcript: <p><span m='980'>…``):
# only these words name it, since a "caption" or "subtitle" text is a picture's or a page's.
_TEXT_WORDS = frozenset({"transcript", "transcription"})
# Fewer words than this is a link or a note about the transcript ("transcript: /files/ep1.pdf").
_TEXT_MIN_WORDS = 30


def transcript_text(data: dict[Any, Any]) -> tuple[str, str] | None:
    """(key, text) of the front matter's text field that is the transcript, the longest if several are."""
    found = [(str(key), value) for key, value in data.items()
             if isinstance(value, str) and _TEXT_WORDS.intersection(fm.field_words(key))
             and len(value.split()) >= _TEXT_MIN_WORDS]  # fmt: skip
    return max(found, key=lambda item: len(item[1])) if found else None


def read_transcript(key: str, items: list[Any], episode: Episode) -> None:
    """The items as timed paragraphs: each runs until the next starts; an item with a title and no
    words opens a chapter."""
    from podsift.formats.podcast_html import timed_paragraphs

    paragraphs: list[tuple[str | None, str | None, str]] = []
    chapters: list[tuple[str, int]] = []
    skipped = 0
    fields: set[str] = set()
    ends: dict[int, str] = {}  # an item's own end, where it gives one: the last has no next to end it
    for item in items:
        if not isinstance(item, dict):
            skipped += 1
            continue
        text = _spoken(item)
        if not text:
            _, title = _field(item, _HEADER_FIELDS)
            if isinstance(title, str) and squash(title):
                chapters.append((squash(title), len(paragraphs)))
            else:
                skipped += 1
            continue
        time_key, _, written = _time_field(item)
        text_key, _ = _field(item, _TEXT_FIELDS)
        speaker_key, speaker = _field(item, _SPEAKER_FIELDS)
        fields.update(k for k in (time_key, text_key, speaker_key) if k)
        name = squash(str(speaker)) if speaker_key else ""
        if written and (end := _time_field(item, _END_FIELDS))[2]:
            ends[len(paragraphs)] = str(end[2])
        paragraphs.append((name or None, written, text))
    episode.repair("front_matter_transcript", f"the transcript is the front matter's {key!r} list: "
                   f"{counted(len(paragraphs), 'item')} of {', '.join(sorted(fields))}")  # fmt: skip
    if skipped:
        episode.repair("bad_item", f"{counted(skipped, 'item')} of {key!r} with no words nor title skipped", key)
    timed_paragraphs(paragraphs, episode, chapters, ends)


def chapter_list(data: dict[Any, Any]) -> tuple[str, list[tuple[float, str]]] | None:
    """(key, [(start, title)]) of the front matter's chapters: items of a time and a title
    (``startTime`` and ``toc`` as in Podcasting 2.0's chapters), or lines such as ``00:00 Intro``."""
    for key, items in data.items():
        if not _CHAPTER_WORDS.intersection(fm.field_words(key)):
            continue
        timed: list[tuple[float, str]] = []
        if isinstance(items, str):
            timed = chapter_lines(items)
        elif isinstance(items, list):
            for item in items:
                if isinstance(item, str):
                    timed += chapter_lines(item)
                elif isinstance(item, dict) and item.get("toc") is not False:
                    _, start, _ = _time_field(item)
                    _, title = _field(item, _TITLE_FIELDS)
                    if start is not None and isinstance(title, str) and squash(title):
                        timed.append((start, squash(title)))
        if timed:
            return str(key), timed
    return None

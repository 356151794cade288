"""Chapters written for an episode: Podcasting 2.0 JSON (`podcast:chapters`, or a
`NAME.chapters.json` file beside a transcript), a chapter list as text (`NAME.chapters.txt`),
or a WebVTT chapters track (`NAME.chapters.vtt`, as HTML5 players' `<track kind="chapters">` take).

Chapters, not a transcript: a person wrote them, so they beat both the transcript's own
headings and generated ones. Each is placed on the first segment that starts at or after it.

A chapter list as text comes in the shapes chapter tools write and people paste:
- a time and a title a line, as in a YouTube description ("00:00 - Intro", bulleted or not), mp4chaps
  and Auphonic ("0:00:00.000 Intro <https://...>"), or the title first ("Intro  00:00:00"), or a
  Markdown table's rows of two cells ("| 4:12 | Career |");
- OGM's pairs (`CHAPTER01=00:00:00.000` / `CHAPTER01NAME=Intro`), from mkvmerge and mp4chaps;
- ffmpeg's metadata file (`;FFMETADATA1`, `[CHAPTER]` sections with TIMEBASE, START, title).
A show's timestamps file may close with the video's length ("Video ends: 3:12:45"): not a chapter.

Ingested alone, under any other name, a chapter list is refused, saying where it goes (`refusal`).
"""

from __future__ import annotations

import json
import re
from fractions import Fraction

from podsift.formats.cues import Cue, clean_text, read_cues
from podsift.formats.labels import credible
from podsift.model import Chapter, Episode, SourceRejected
from podsift.text import as_time, parse_timestamp

# The spec's file name for an episode's chapters, beside its other files.
SUFFIX = ".chapters.json"
# A chapter list as text, beside its transcript.
TEXT_SUFFIX = ".chapters.txt"
# A WebVTT chapters track, each cue a chapter: its text the title, or its identifier when it has no
# text (video.js examples write "Chapter 1" above an empty cue). Players name it "chapters.vtt".
VTT_SUFFIX = ".chapters.vtt"
VTT_NAME = "chapters.vtt"
# A show's timestamps file beside its transcript: "NAME_timestamps.md", "NAME-timestamps.txt", "NAME.timestamps.txt".
TIMESTAMPS_SUFFIXES = tuple(f"{sep}timestamps{ext}" for sep in "._-" for ext in (".txt", ".md"))
SUFFIXES = (SUFFIX, TEXT_SUFFIX, VTT_SUFFIX, *TIMESTAMPS_SUFFIXES)
# The names a chapter list as text is read by, as a refusal offers them (the others differ in .txt or .md alone).
TEXT_NAMES = (TEXT_SUFFIX, "_timestamps.md", "-timestamps.txt", ".timestamps.txt")


class ChaptersUnusable(ValueError):
    """A chapters file that cannot be read; the message is the reason, for the user."""


# A chapter's title is a few words and ends no sentence; a caption file named "chapters.vtt" says more.
_TITLE_WORDS = 10
_SENTENCE_STOP = re.compile(r"[.!?…][\"”’)]*$")


def is_chapter_track(text: str) -> bool:
    """Whether WebVTT ``text`` is a chapters track: every cue a short title (or none but its identifier)."""
    if not text.lstrip("\ufeff \r\n").startswith("WEBVTT"):
        return False
    titles = [clean_text(cue.payload) for cue in _track_cues(text)]
    return (bool(titles) and all(len(title.split()) <= _TITLE_WORDS for title in titles)
            and 2 * sum(bool(_SENTENCE_STOP.search(title)) for title in titles) < len(titles))


def is_chapters_file(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def refusal(what: str, count: int, suffixes: tuple[str, ...]) -> SourceRejected:
    """Chapters ingested as a transcript: what they are, and the names that read them with one."""
    names = [f"EPISODE{suffix}" for suffix in suffixes]
    named = " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))
    return SourceRejected(f"{what} ({count} chapters), not a transcript: name it {named} beside the "
                          "episode's transcript, and ingest that")


def read_chapters(data: bytes | str, episode: Episode) -> list[Chapter]:
    """The chapters in ``data`` (JSON, or a list as text), placed on ``episode``'s segments;
    empty if none has a title and a time."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    if text.lstrip().startswith("WEBVTT"):
        return place_chapters(_vtt_chapters(text), episode)
    if not text.lstrip().startswith(("{", "[")):
        return place_chapters(chapter_lines(text), episode)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise ChaptersUnusable(f"not JSON ({err})") from None
    timed = json_chapters(parsed)
    if timed is None:
        raise ChaptersUnusable("no chapters list")
    return place_chapters(timed, episode)


# What an entry holds when it is a transcript's, not a chapter's.
_SPOKEN_KEYS = ("text", "body", "content", "words", "speaker", "transcript")


def json_chapters(parsed: object) -> list[tuple[float, str]] | None:
    """(start, title) pairs of chapters as JSON: Podcasting 2.0's ``{"chapters": [{"startTime": 168,
    "title"}]}``, or Podlove's list (or episode's ``chapters``) of ``{"start": "00:00:43.137", "title"}``;
    None where ``parsed`` is no chapters list (a list whose entries hold words is a transcript)."""
    entries = parsed.get("chapters") if isinstance(parsed, dict) else parsed
    if not isinstance(entries, list) or not entries:
        return None
    if not isinstance(parsed, dict) and not all(
            isinstance(e, dict) and "title" in e and not any(k in e for k in _SPOKEN_KEYS) for e in entries):
        return None
    timed = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("toc") is False:
            continue  # toc false: a marker for players, not a part of the contents
        title, start = entry.get("title"), _chapter_start(entry)
        if isinstance(title, str) and title.strip() and start is not None:
            timed.append((start, " ".join(title.split())))
    return timed


def _chapter_start(entry: dict[str, object]) -> float | None:
    for key in ("startTime", "start"):
        value = entry.get(key)
        if (start := as_time(value) if not isinstance(value, str) else parse_timestamp(value)) is not None:
            return start
    return None


def place_chapters(timed: list[tuple[float, str]], episode: Episode) -> list[Chapter]:
    """(start, title) pairs as chapters, each on the first segment that starts at or after it."""
    # Latest first, each taking the earliest segment that starts after it: one pass, not a scan per chapter
    # (an oral history may name a section in thousands of its time cells).
    starts = sorted(((s.start, s.ordinal) for s in episode.segments if s.start is not None), reverse=True)
    chapters: list[Chapter] = []
    first, k = len(episode.segments), 0
    for start, title in sorted(timed, reverse=True):
        while k < len(starts) and starts[k][0] >= start - 0.5:
            first = min(first, starts[k][1])
            k += 1
        chapters.append(Chapter(title, start, first))
    return chapters[::-1]


_CLOCK = r"\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# "00:00 - Intro", "[00:00] Intro", "0:00:00.000 Intro <https://...>", "1. 00:00 Intro"
_TIME_FIRST = re.compile(rf"^(?:\d{{1,3}}[.)]\s+)?(?:[\[(] ?)?(?P<time>{_CLOCK})(?: ?[\])])?\s*(?:[-–—:|]\s*)?(?P<title>.*?)\s*$")
# "Intro  00:00:00", "Intro - 05:45", "Intro (05:45)", "Intro ( 05:45 )" (a link's text, its tags gone)
_TIME_LAST = re.compile(rf"^(?P<title>.*?\S)\s*(?:[-–—:|]\s*)?(?:[\[(] ?)?(?P<time>{_CLOCK})(?: ?[\])])?\s*$")
# A list's bullet before the time or title: "- 00:00 Intro", "* 00:00 – Intro", "• 0:00 Intro".
_BULLET = re.compile(r"^[-*+•‣◦▪–]\s+")
_OGM = re.compile(r"^CHAPTER(?P<n>\d+)(?P<name>NAME)?\s*=\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_LINK = re.compile(r"\s*<(?:https?://|www\.)[^<>]*>$")  # Auphonic's chapter link, after the title
# "Video ends: 3:12:45" under a show's timestamps (Linus Tech Tips' WAN Show): its length, no chapter.
_LENGTH = re.compile(rf"^(?:video|stream|show|episode)\s+ends?\s*[-–—:|]?\s*{_CLOCK}$", re.IGNORECASE)


# YouTube makes chapters of a description's times when there are three or more, the first at 0:00,
# in order: the same rule tells a chapter list from times quoted in passing.
_MIN_LISTED_CHAPTERS = 3


def chapter_run(timed: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The chapter list among time-stamped lines: from 0:00, in order, three or more; the lines after
    the first that goes back (a list of highlights under it) are not chapters."""
    run = timed[:1] if timed and timed[0][0] == 0 else []
    for start, title in timed[1:]:
        if not run or start <= run[-1][0]:
            break
        run.append((start, title))
    return run if len(run) >= _MIN_LISTED_CHAPTERS else []


def chapter_lines(text: str) -> list[tuple[float, str]]:
    """(start, title) pairs from a chapter list as text; lines that are neither are ignored."""
    lines = text.splitlines()
    if any(line.strip().upper() == ";FFMETADATA1" for line in lines[:3]):
        return _ffmetadata(lines)
    ogm: dict[str, dict[str, str]] = {}
    timed: list[tuple[float, str]] = []
    for line in lines:
        line = _BULLET.sub("", _table_row(line.strip()))
        if _LENGTH.match(line):
            continue
        if match := _OGM.match(line):
            ogm.setdefault(match.group("n"), {})["title" if match.group("name") else "time"] = match.group("value")
            continue
        match = _TIME_FIRST.match(line)
        if not match or not _title(match.group("title")):
            match = _TIME_LAST.match(line)
        if match and (start := parse_timestamp(match.group("time").replace(",", "."))) is not None:
            if title := _title(match.group("title")):
                timed.append((start, title))
    for entry in ogm.values():
        start = parse_timestamp(entry.get("time", "").replace(",", "."))
        if start is not None and (title := _title(entry.get("title", ""))):
            timed.append((start, title))
    return timed


# A chapter list is short and its chapters minutes apart; a transcript's timed lines are seconds apart.
# A YouTube chapter's title may run to a dozen words.
_MOST_LISTED = 500
_LISTED_TITLE_WORDS = 16
_LISTED_GAP = 30.0


def listed_alone(text: str) -> list[tuple[float, str]]:
    """The chapters when ``text`` is a chapter list and nothing else: every line a time and a short
    title, in order, three or more (a heading above them and the video's length under them at most);
    empty for anything else."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and not _CLOCK_IN.search(lines[0]):
        lines = lines[1:]  # "Chapters:", "Timestamps", the episode's title
    lines = [line for line in lines if not _LENGTH.match(line)]
    if not _MIN_LISTED_CHAPTERS <= len(lines) <= _MOST_LISTED:
        return []
    timed = []
    for line in lines:
        found = chapter_lines(line)
        if len(found) != 1 or len(found[0][1].split()) > _LISTED_TITLE_WORDS or _CLOCK_IN.search(found[0][1]):
            return []  # a second time on the line: a caption's range, not a chapter's title
        timed += found
    starts = [start for start, _ in timed]
    if any(b <= a for a, b in zip(starts, starts[1:])) or starts[-1] - starts[0] < _LISTED_GAP * (len(starts) - 1):
        return []
    if 2 * sum(bool(_LISTED_STOP.search(title)) for _, title in timed) >= len(timed):
        return []  # sentences: a transcript's lines, each with its time
    labels = [label.group(1) if (label := _LISTED_SPEAKER.match(title)) else None for _, title in timed]
    speakers = [label for label in labels if label in credible(labels)]
    if 2 * len(speakers) >= len(timed) and 2 <= len(set(speakers)) <= len(speakers) / 2:
        return []  # "01:10 Guest: Thanks for having me": the same few speakers taking turns, no chapters
    return timed


_CLOCK_IN = re.compile(_CLOCK)
_LISTED_SPEAKER = re.compile(r"([^\W\d_][\w .'’-]{0,40}?):\s")
_LISTED_STOP = re.compile(r"[.!?…。！？][\"”’)」]*$")


def _table_row(line: str) -> str:
    """A Markdown table's row of two cells ("| 4:12 | Career |") as the line it stands for ("4:12 | Career");
    any other line as it is. A row of more cells (a speaker's, a range's) is no chapter's."""
    cells = line[1:-1].split("|") if len(line) > 1 and line[0] == line[-1] == "|" else []
    return " | ".join(cell.strip() for cell in cells) if len(cells) == 2 else line


def _vtt_chapters(text: str) -> list[tuple[float, str]]:
    """(start, title) pairs from a WebVTT chapters track."""
    timed = []
    for cue in _track_cues(text):
        title = _title(clean_text(cue.payload))
        if not title and cue.identifier and not cue.identifier.strip().isdigit():
            title = _title(cue.identifier)  # a cue number is not a title
        if cue.start is not None and title:
            timed.append((cue.start, title))
    return timed


def _track_cues(text: str) -> list[Cue]:
    return read_cues(text.replace("\r\n", "\n").replace("\r", "\n"), vtt=True)[0]


def _title(raw: str) -> str:
    return " ".join(_LINK.sub("", raw).split()).strip(" -–—:|")


def _ffmetadata(lines: list[str]) -> list[tuple[float, str]]:
    """ffmpeg's metadata file: each [CHAPTER] section's START in its TIMEBASE, and its title."""
    sections: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    pending = ""
    for raw in lines:
        if raw.startswith((";", "#")) and not pending:
            continue  # a comment
        line = pending + raw
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending = line[:-1] + "\n"  # a value continued on the next line
            continue
        pending = ""
        if line.strip().startswith("["):
            current = {} if line.strip().upper() == "[CHAPTER]" else None
            if current is not None:
                sections.append(current)
            continue
        key, sep, value = line.partition("=")
        if current is not None and sep:
            current[key.strip().lower()] = re.sub(r"\\(.)", r"\1", value, flags=re.DOTALL)
    timed = []
    for section in sections:
        try:
            base = Fraction(section.get("timebase", "1/1000").strip())
            start = as_time(float(int(section["start"].strip()) * base))
        except (KeyError, ValueError, ZeroDivisionError, OverflowError):
            continue
        title = " ".join(section.get("title", "").split())
        if start is not None and title:
            timed.append((start, title))
    return timed

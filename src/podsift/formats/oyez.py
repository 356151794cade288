"""Oyez's oral-argument transcripts (the Supreme Court of the United States' recordings), as its API
serves them and archives of it keep them:

    {"title": "Oral Argument - December 13, 1971", "media_file": [{"mime": "audio/mpeg", "href": …}],
     "transcript": {"title": "Roe v. Wade", "duration": 3778.187, "sections": [{"turns": [
        {"speaker": {"name": "Warren E. Burger", "roles": [{"role_title": "Chief Justice …"}]},
         "start": 0, "stop": 35.944, "text_blocks": [{"start": 0, "stop": 18.711, "text": "We will hear…"}]}]}]}}

Each text block is a segment with its own times, its speaker the turn's; the sections (one
side's argument, the rebuttal) follow each other on one recording, each a chapter named by its
advocate. The case and the session (``Roe v. Wade: Oral Argument``) make the title, the session's
date the episode's, the MP3 its recording. Speakers with a role at the Court are kept with it in
``extra["roles"]``; the others (the advocates) are the episode's guests.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from podsift.formats.cues import ms
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, as_time, counted, date_in, prepare_text, split_directions, squash, web_url

NAME = "oyez"
EXTENSIONS = (".json",)

_HEAD = 65536
_OPENS = re.compile(r"[\ufeff\s]*\{")
_KEYS = tuple(re.compile(rf'"{key}"\s*:') for key in ("sections", "turns", "text_blocks"))
# "Oral Argument - December 13, 1971": the session, then its date.
_SESSION_DATE = re.compile(r"\s+[-–—]\s+[^-–—]*\d{4}\s*$")


def sniff(text: str) -> float:
    head = text[:_HEAD]
    return 0.95 if _OPENS.match(head) and all(key.search(head) for key in _KEYS) else 0.0


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _time(value: Any) -> float | None:
    return ms(as_time(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value: Any) -> str:
    return squash(value) if isinstance(value, str) else ""


def _role(speaker: dict[str, Any], when: str | None) -> str:
    """The speaker's title at the Court on the day of the argument (a justice may later be chief)."""
    roles = [r for r in _list(speaker.get("roles")) if isinstance(r, dict) and _text(r.get("role_title"))]
    if when:
        for role in roles:
            start, end = role.get("date_start"), role.get("date_end")
            began = _day(start) if isinstance(start, (int, float)) else ""
            ended = _day(end) if isinstance(end, (int, float)) and end else ""
            if (not began or began <= when) and (not ended or when <= ended):
                return _text(role.get("role_title"))
    return _text(roles[0].get("role_title")) if roles else ""


def _section_titles(sections: list[dict[str, Any]], when: str | None) -> list[str]:
    """Each section named by the advocate who says most in it, as Oyez's pages name them
    ("Argument of Sarah R. Weddington", then "Rebuttal of Sarah R. Weddington"); none unless
    there are several sections and each has an advocate."""
    titles: list[str] = []
    argued: set[str] = set()
    for section in sections:
        words: dict[str, int] = {}
        for turn in _list(section.get("turns")):
            who = _dict(turn.get("speaker")) if isinstance(turn, dict) else {}
            name = _text(who.get("name"))
            if name and not _role(who, when):
                said = sum(len(_text(b.get("text")).split()) for b in _list(turn.get("text_blocks")) if isinstance(b, dict))
                words[name] = words.get(name, 0) + said
        if not words:
            return []
        advocate = max(words, key=lambda name: words[name])
        titles.append(f"{'Rebuttal' if advocate in argued else 'Argument'} of {advocate}")
        argued.add(advocate)
    return titles if len(titles) > 1 else []


def _day(unix: float) -> str:
    """A Unix time's day, "" if it is none."""
    try:
        return datetime.datetime.fromtimestamp(unix, datetime.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return ""


def _metadata(data: dict[str, Any], transcript: dict[str, Any], episode: Episode) -> None:
    session, case = _text(data.get("title")), _text(transcript.get("title"))
    if session and (day := date_in(session)):
        episode.date = day
        session = _SESSION_DATE.sub("", session) or session
    episode.title = ": ".join(part for part in (case, session) if part) or None
    media = [m for m in _list(data.get("media_file")) if isinstance(m, dict) and web_url(m.get("href"))]
    audio = next((m for m in media if m.get("mime") == "audio/mpeg"), media[0] if media else None)
    if audio:
        episode.media_url = audio["href"]
    if (length := _time(transcript.get("duration"))) is not None:
        episode.duration = length
    if isinstance(data.get("id"), int):
        episode.extra["oyez_id"] = data["id"]
    if note := _text(data.get("public_note")):
        episode.extra["note"] = note
    if data.get("damaged") is True:
        episode.repair("damaged", "Oyez marks this recording as damaged: parts of it may be missing or unclear")


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceRejected(f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    except (RecursionError, ValueError) as err:
        raise SourceRejected(f"invalid JSON: {err}") from None
    transcript = _dict(_dict(data).get("transcript"))
    sections = [s for s in _list(transcript.get("sections")) if isinstance(s, dict)]
    if not sections:
        raise SourceRejected("an Oyez record with no transcript sections, so it is not a transcript")
    _metadata(data, transcript, episode)
    roles: dict[str, str] = {}
    speakers: list[str] = []
    blocks = unnamed = 0
    titles = _section_titles(sections, episode.date)
    for k, section in enumerate(sections):
        if titles:
            episode.add_chapter(titles[k], _time(section.get("start")))
        for turn in _list(section.get("turns")):
            if not isinstance(turn, dict):
                continue
            who = _dict(turn.get("speaker"))
            name = _text(who.get("name")) or None
            if name is None:
                unnamed += 1
            elif name not in speakers:
                speakers.append(name)
                if role := _role(who, episode.date):
                    roles[name] = role
            for block in _list(turn.get("text_blocks")):
                if not isinstance(block, dict):
                    continue
                spoken, directions = split_directions(_text(block.get("text")))
                if spoken or directions:
                    blocks += 1
                    episode.add_segment(spoken, start=_time(block.get("start")), end=_time(block.get("stop")),
                                        speaker=name, directions=directions)  # fmt: skip
    if not episode.segments:
        raise SourceRejected("an Oyez transcript with no words in its text blocks, so it is not a transcript")
    if roles:
        episode.extra["roles"] = roles
    episode.guests = [name for name in speakers if name not in roles] if roles else []
    detail = f"{blocks:,} text blocks of {counted(len(sections), 'section')}, each a segment with its times and speaker"
    if unnamed:
        detail += f"; {counted(unnamed, 'turn')} {agrees(unnamed, 'names', 'name')} no speaker"
    episode.repair("oyez_transcript", detail)

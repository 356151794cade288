"""yt-dlp's ``NAME.info.json`` beside the captions it downloaded: the video's details, not a transcript.

`yt-dlp --write-subs --write-info-json` leaves "Talk [id].en.vtt" beside "Talk [id].info.json".
The captions hold only speech; the info file knows the title, the channel, the day, the link
that plays from a moment, the description and the chapters the uploader wrote.
"""

from __future__ import annotations

import json
import re
from typing import Any

from podsift.formats.chapters_file import place_chapters
from podsift.model import Chapter, Episode
from podsift.text import as_time, squash, web_url

SUFFIX = ".info.json"

_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YOUTUBE_ID = re.compile(r"^[\w-]{11}$")


class InfoUnusable(ValueError):
    """An info file that cannot be read; the message is the reason, for the user."""


def is_info_file(name: str) -> bool:
    return name.lower().endswith(SUFFIX)


def apply_info(data: bytes, episode: Episode) -> list[str]:
    """Fill what ``episode`` lacks from the video's details; returns the fields filled."""
    try:
        info = json.loads(data)
    except (ValueError, RecursionError) as err:
        raise InfoUnusable(f"not JSON ({err})") from None
    if not isinstance(info, dict) or not isinstance(info.get("title"), str):
        raise InfoUnusable("no video title: not a yt-dlp info file")
    filled: list[str] = []

    def fill(name: str, value: Any) -> None:
        if value and not getattr(episode, name):
            setattr(episode, name, value)
            filled.append(name)

    fill("title", squash(info["title"]))
    show = info.get("channel") or info.get("uploader") or info.get("playlist_title")
    fill("show", squash(show) if isinstance(show, str) else None)
    day = _DAY.match(str(info.get("upload_date") or info.get("release_date") or ""))
    fill("date", "-".join(day.groups()) if day else None)
    video = info.get("id")
    youtube = str(info.get("extractor_key") or info.get("extractor") or "").lower().startswith("youtube")
    fill("youtube_id", video if youtube and isinstance(video, str) and _YOUTUBE_ID.match(video) else None)
    fill("page_url", web_url(info.get("webpage_url")))
    fill("duration", as_time(info.get("duration")))
    description = info.get("description")
    if isinstance(description, str) and description.strip() and "description" not in episode.extra:
        episode.extra["description"] = description.strip()
        filled.append("description")
    if not episode.chapters:
        chapters = _chapters(info.get("chapters"), episode)
        if chapters:
            episode.chapters = chapters
            filled.append(f"{len(chapters)} chapters")
    return filled


def _chapters(entries: Any, episode: Episode) -> list[Chapter]:
    """The uploader's chapters, placed on the captions' segments."""
    if not isinstance(entries, list) or not any(s.start is not None for s in episode.segments):
        return []
    timed = [(start, squash(e["title"])) for e in entries if isinstance(e, dict)
             and isinstance(e.get("title"), str) and e["title"].strip()
             and (start := as_time(e.get("start_time"))) is not None]  # fmt: skip
    return place_chapters(timed, episode)

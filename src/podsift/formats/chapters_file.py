"""Podcasting 2.0 chapters (`podcast:chapters`, or a `NAME.chapters.json` file beside a transcript).

Chapters, not a transcript: a person wrote them, so they beat both the transcript's own
headings and generated ones. Each is placed on the first segment that starts at or after it.
"""

from __future__ import annotations

import json

from podsift.model import Chapter, Episode
from podsift.text import as_time

# The spec's file name for an episode's chapters, beside its other files.
SUFFIX = ".chapters.json"


class ChaptersUnusable(ValueError):
    """A chapters file that cannot be read; the message is the reason, for the user."""


def is_chapters_file(name: str) -> bool:
    return name.lower().endswith(SUFFIX)


def read_chapters(data: bytes | str, episode: Episode) -> list[Chapter]:
    """The chapters in ``data``, placed on ``episode``'s segments; empty if none has a title and a time."""
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as err:
        raise ChaptersUnusable(f"not JSON ({err})") from None
    entries = parsed.get("chapters") if isinstance(parsed, dict) else None
    if not isinstance(entries, list):
        raise ChaptersUnusable("no chapters list")
    timed = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("toc") is False:
            continue  # toc false: a marker for players, not a part of the contents
        title, start = entry.get("title"), as_time(entry.get("startTime"))
        if isinstance(title, str) and title.strip() and start is not None:
            timed.append((start, " ".join(title.split())))
    return place_chapters(timed, episode)


def place_chapters(timed: list[tuple[float, str]], episode: Episode) -> list[Chapter]:
    """(start, title) pairs as chapters, each on the first segment that starts at or after it."""
    chapters: list[Chapter] = []
    for start, title in sorted(timed):
        first = next((s.ordinal for s in episode.segments if s.start is not None and s.start >= start - 0.5),
                     len(episode.segments))  # fmt: skip
        chapters.append(Chapter(title, start, first))
    return chapters

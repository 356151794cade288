"""A readable Markdown timeline, for people rather than players (render only).

    ---
    title: Title
    show: Signal & Noise
    guests:
    - Priya
    ---

    # Title

    ## Chapter

    **[0:01:05] Maya:** What got you into search? *[laughs]*
"""

from __future__ import annotations

import re
from typing import Any

from podsift.model import Episode, Segment

NAME = "markdown"
EXTENSIONS = (".md",)

_SPECIAL = re.compile(r"([\\`*_<>])")


def _escape(text: str) -> str:
    """Keep spoken text literal: a "*" or "_" in speech must not turn into emphasis."""
    text = _SPECIAL.sub(r"\\\1", text)
    # "1." escapes as "1\." (CommonMark escapes punctuation; "\1." would show its backslash).
    return re.sub(r"^(\d+)\.(?=\s)", r"\1\\.", re.sub(r"^([#+\-])(?=\s)", r"\\\1", text))


def clock(seconds: float) -> str:
    """Always ``H:MM:SS``, so every line's stamp has the same shape.

    Rounded down, so jumping to the stamp never skips the first words.
    """
    total = int(seconds)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}"


def _length(seconds: float) -> str:
    """``H:MM:SS``, with milliseconds when there are any: "0:00:10", "0:00:07.101"."""
    whole, millis = divmod(round(seconds * 1000), 1000)
    return clock(whole) + (f".{millis:03d}" if millis else "")


def _paragraph(seg: Segment) -> str | None:
    if not seg.text and not seg.directions:
        return None
    label = []
    if seg.start is not None:
        label.append(f"[{clock(seg.start)}]")
    if seg.speaker:
        label.append(f"{_escape(seg.speaker)}:")
    parts = [f"**{' '.join(label)}**"] if label else []
    if seg.text:
        parts.append(_escape(seg.text))
    # Directions are not speech, so they are set apart in italics.
    parts.extend(f"*{_escape(d)}*" for d in seg.directions)
    return " ".join(parts)


def _front_matter(episode: Episode) -> list[str]:
    """The episode's facts as YAML front matter, as podcast sites' Markdown pages keep them:
    shown as a table by GitHub and as properties by notes apps, and read back as the page's
    metadata (``markdown_page``), where a line under the title would be read as speech."""
    import yaml

    duration = episode.duration
    facts: dict[str, Any] = {
        "title": episode.title,
        "show": episode.show,
        "season": episode.season,
        "episode": episode.episode_number,
        "date": episode.date,
        # One shape for every episode, a caption's or a text's: "0:00:10", "0:00:07.101".
        "duration": None if duration is None else _length(duration),
        "guests": list(episode.guests) or None,
        "audio": episode.media_url,
        "page_url": episode.page_url,
        "youtube_id": episode.youtube_id,
    }
    facts = {key: value for key, value in facts.items() if value is not None}
    if not facts:
        return []
    dumped = yaml.safe_dump(facts, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 20)
    return ["---", dumped.rstrip("\n"), "---", ""]


def render(episode: Episode) -> str:
    out = [*_front_matter(episode), f"# {_escape(episode.title or episode.id)}", ""]
    chapters = sorted(episode.chapters, key=lambda c: c.first_segment)
    next_chapter = 0
    for seg in episode.segments:
        while next_chapter < len(chapters) and chapters[next_chapter].first_segment <= seg.ordinal:
            out += [f"## {_escape(chapters[next_chapter].title)}", ""]
            next_chapter += 1
        paragraph = _paragraph(seg)
        if paragraph:
            out += [paragraph, ""]
    for chapter in chapters[next_chapter:]:
        out += [f"## {_escape(chapter.title)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"

"""Plain text: no times, no structure. The fallback every other format loses to.

Paragraphs (blank-line separated; lines when there are no blank lines) become
untimed segments. A paragraph opening with an obvious ``Name:`` prefix gives its
speaker.
"""

from __future__ import annotations

import re

from podsift.model import Episode
from podsift.text import prepare_text, split_directions, squash

NAME = "plain_text"
EXTENSIONS = (".txt", ".text")

# Blank = nothing but spaces and tabs; other control characters count as content.
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n|\n[ \t]*\n")
# 1-3 capitalised words then a colon and a space: "Alexey:", "Mary Ann Lee:".
_NAME_PREFIX = re.compile(r"^((?:[^\W\d_][\w.'’-]*)(?: [^\W\d_][\w.'’-]*){0,2}):\s+(?=\S)")
# Prefixes that look like names but label something else.
_NOT_NAMES = frozenset(
    {"note", "notes", "update", "edit", "warning", "source", "transcript", "summary",
     "http", "https", "ps", "re", "fw", "fwd", "subject", "date", "time", "title", "tags"}
)


def speaker_prefix(paragraph: str) -> tuple[str | None, str]:
    """Split an obvious ``Name:`` prefix off a paragraph; (None, paragraph) if there is none."""
    m = _NAME_PREFIX.match(paragraph)
    if not m:
        return None, paragraph
    name = m.group(1)
    words = name.split(" ")
    if not all(w[0].isupper() for w in words) or name.lower() in _NOT_NAMES:
        return None, paragraph
    return name, paragraph[m.end():]


def sniff(text: str) -> float:
    # Anything with content can be read as plain text, so always a weak claim.
    return 0.1 if text.strip() else 0.0


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    if not text.strip():
        episode.repair("empty", "the text was empty")
        return
    body = text.strip("\n")
    if _BLANK_LINE.search(body):
        chunks = _BLANK_LINE.split(body)
        unit = "paragraphs"
    else:
        chunks = body.split("\n")
        unit = "lines"
    named = 0
    added = 0
    for chunk in chunks:
        paragraph = squash(chunk)
        if not paragraph:
            continue
        speaker, rest = speaker_prefix(paragraph)
        if speaker:
            named += 1
        spoken, directions = split_directions(rest)
        episode.add_segment(spoken, speaker=speaker, directions=directions)
        added += 1
    detail = f"the text had no times; {added} {unit} became untimed segments"
    if named:
        detail += f", {named} with a 'Name:' speaker prefix"
    episode.repair("no_structure", detail)

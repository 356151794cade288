"""Plain text: no times, no structure. The fallback every other format loses to.

Paragraphs (blank-line separated; lines when there are no blank lines) become
untimed segments. A paragraph opening with an obvious ``Name:`` prefix gives its
speaker.
"""

from __future__ import annotations

import re

from podsift.model import Episode
from podsift.formats.labels import credible, is_credit, looks_like_name
from podsift.text import (
    parse_duration, prepare_text, split_directions, squash, strip_markdown_inline, unescape_entities,
)

NAME = "plain_text"
EXTENSIONS = (".txt", ".text")

# Blank = nothing but spaces and tabs; other control characters count as content.
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n|\n[ \t]*\n")
# 1-3 capitalised words then a colon and a space: "Alexey:", "Mary Ann Lee:", "**Ana:**".
_NAME_PREFIX = re.compile(
    r"^(?P<open>\*\*|__)?(?P<name>(?:[^\W\d_][\w.'’-]*)(?: [^\W\d_][\w.'’-]*){0,2}(?: \d{1,3})?)"
    r"(?:(?P=open)\s*:|:\s*(?P=open)|(?(open)(?!)|:))\s+(?=\S)"
)
# "# Title: ...", "# Speaker: ..." header lines of talk dumps: metadata, not speech.
_HEADER_FIELD = re.compile(r"^#+\s*(?P<key>[A-Za-z][\w ]{0,20}?)\s*:\s*(?P<value>.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>\S.*?)\s*#*$")
_CREDIT = re.compile(r"^(?:transcribed|transcription|transcript|captions?|subtitles?)\s+(?:by|from|with)\b",
                     re.IGNORECASE)
# Markdown emphasis, headings or links: then the text is Markdown and its markup is not speech.
_MARKDOWN_HINT = re.compile(r"\*\*[^*\n]+\*\*|^#{1,6} \S|\]\(https?://", re.MULTILINE)
_FIELDS = {"title": "title", "talk": "title", "speaker": "guests", "speakers": "guests", "author": "guests",
           "date": "date", "url": "page_url", "link": "page_url", "duration": "duration"}


def speaker_prefix(paragraph: str) -> tuple[str | None, str]:
    """Split an obvious ``Name:`` prefix off a paragraph; (None, paragraph) if there is none."""
    m = _NAME_PREFIX.match(paragraph)
    if not m:
        return None, paragraph
    name = m.group("name")
    if not looks_like_name(name) or is_credit(name, paragraph[m.end():]):
        return None, paragraph
    return name, paragraph[m.end():]


def sniff(text: str) -> float:
    # Anything with content can be read as plain text, so always a weak claim.
    return 0.1 if text.strip() else 0.0


def _header(paragraph: str, episode: Episode) -> bool:
    """Take a ``# Key: value`` line as metadata or a ``# Heading`` as a chapter; True if it was one."""
    field = _HEADER_FIELD.match(paragraph)
    if field and field.group("key").strip().lower() in _FIELDS:
        attr, value = _FIELDS[field.group("key").strip().lower()], squash(field.group("value"))
        if attr == "guests":
            episode.guests.extend(v.strip() for v in re.split(r",|;| and | & ", value) if v.strip())
        elif attr == "duration":
            episode.duration = parse_duration(value)
        elif value and not getattr(episode, attr):
            setattr(episode, attr, value)
        return True
    if field:
        episode.extra[field.group("key").strip().lower()] = squash(field.group("value"))
        return True
    heading = _HEADING.match(paragraph)
    if heading and "\n" not in paragraph:
        if not episode.segments and not episode.chapters and not episode.title and paragraph.startswith("# "):
            episode.title = heading.group("title")
        else:
            episode.add_chapter(heading.group("title"))
        return True
    return False


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    if not text.strip():
        episode.repair("empty", "the text was empty")
        return
    markdown = bool(_MARKDOWN_HINT.search(text))
    body = text.strip("\n")
    if _BLANK_LINE.search(body):
        chunks = _BLANK_LINE.split(body)
        unit = "paragraphs"
    else:
        chunks = body.split("\n")
        unit = "lines"
    # Header lines may share a paragraph with each other ("# Title: x\n# Speaker: y").
    paragraphs: list[str] = []
    for chunk in chunks:
        lines = chunk.strip("\n").split("\n")
        if len(lines) > 1 and any(ln.lstrip().startswith("#") for ln in lines):
            paragraphs.extend(lines)
        else:
            paragraphs.append(chunk)

    headers = credits = 0
    prefixed: list[tuple[str | None, str]] = []
    for chunk in paragraphs:
        paragraph = squash(chunk)
        if not paragraph:
            continue
        if paragraph.startswith("#") and _header(paragraph, episode):
            headers += 1
            continue
        if _CREDIT.match(paragraph):
            credits += 1
            continue
        paragraph = unescape_entities(paragraph)
        if markdown:
            paragraph = strip_markdown_inline(paragraph) if not _NAME_PREFIX.match(paragraph) else paragraph
        prefixed.append(speaker_prefix(paragraph))
    speakers = credible([name for name, _ in prefixed])

    named = 0
    added = 0
    for name, rest in prefixed:
        if name is not None and name not in speakers:
            rest = f"{name}: {rest}"
            name = None
        named += name is not None
        if markdown:
            rest = strip_markdown_inline(rest)
        spoken, directions = split_directions(rest)
        episode.add_segment(spoken, speaker=name, directions=directions)
        added += 1
    detail = f"the text had no times; {added} {unit} became untimed segments"
    if named:
        detail += f", {named} with a 'Name:' speaker prefix"
    episode.repair("no_structure", detail)
    if headers:
        episode.repair("header_lines", f"{headers} '#' header line(s) read as the title, metadata or chapters")
    if credits:
        episode.repair("credit_lines", f"{credits} credit line(s) of the transcription service dropped")

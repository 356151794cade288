"""Plain text: no times, no structure. The fallback every other format loses to.

Paragraphs (blank-line separated; lines when there are no blank lines) become
untimed segments. A paragraph opening with an obvious ``Name:`` prefix gives its
speaker.
"""

from __future__ import annotations

import re

from podsift.formats.labels import credible, is_credit, is_credit_line, looks_like_name
from podsift.model import Episode
from podsift.text import (
    MARKDOWN_HEADING,
    parse_duration,
    prepare_text,
    split_directions,
    squash,
    strip_markdown_inline,
    unescape_entities,
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
# Markdown emphasis, headings or links: then the text is Markdown and its markup is not speech.
_MARKDOWN_HINT = re.compile(r"\*\*[^*\n]+\*\*|^#{1,6} \S|\]\(https?://", re.MULTILINE)
_FIELDS = {"title": "title", "talk": "title", "source": "page_url", "speaker": "guests", "speakers": "guests", "author": "guests",
           "date": "date", "url": "page_url", "link": "page_url", "duration": "duration"}


# Question and answer in interviews and depositions; like any label, they must recur to count.
_QA_PREFIX = re.compile(r"^([QA])\.\s+(?=\S)")


def speaker_prefix(paragraph: str) -> tuple[str | None, str]:
    """Split an obvious ``Name:`` prefix off a paragraph; (None, paragraph) if there is none."""
    m = _NAME_PREFIX.match(paragraph)
    if not m:
        qa = _QA_PREFIX.match(paragraph)  # "Q. So how did you start?" / "A. By accident."
        return (qa.group(1), paragraph[qa.end():]) if qa else (None, paragraph)
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
    heading = MARKDOWN_HEADING.match(paragraph)
    if heading and "\n" not in paragraph:
        if not episode.segments and not episode.chapters and not episode.title and paragraph.startswith("# "):
            episode.title = heading.group("title")
        else:
            episode.add_chapter(heading.group("title"))
        return True
    return False


def _paragraphs(text: str) -> tuple[list[str], str]:
    """Paragraphs (or lines, with no blank lines), split again where a line opens with a label or '#'."""
    body = text.strip("\n")
    if _BLANK_LINE.search(body):
        chunks, unit = _BLANK_LINE.split(body), "paragraphs"
    else:
        chunks, unit = body.split("\n"), "lines"
    paragraphs: list[str] = []
    for chunk in chunks:
        lines = chunk.strip("\n").split("\n")
        if _field_block(lines):
            paragraphs.append(chunk)  # kept whole, to be read as metadata
            continue
        current: list[str] = []
        for line in lines:
            # "Grey: ...\nBrady: ..." with no blank line between: each label opens a paragraph.
            if current and (line.lstrip().startswith("#") or speaker_prefix(line.strip())[0]):
                paragraphs.append("\n".join(current))
                current = []
            current.append(line)
        paragraphs.append("\n".join(current))
    return paragraphs, unit


_FIELD_LINE = re.compile(r"^\s*(?P<key>[A-Za-z][\w /-]{0,24}?)\s*:\s*(?P<value>\S[^\n]{0,80})$")
_FIELD_BLOCK_LINES = 3


def _field_block(lines: list[str]) -> bool:
    """``INTERVIEWEE: Ana Ruiz`` / ``DATE: 4 November 2013`` / ``PLACE: Tokyo``: a block of
    short fields on consecutive lines is a document's metadata, not turns of talk."""
    if len(lines) < _FIELD_BLOCK_LINES:
        return False
    fields = [_FIELD_LINE.match(line) for line in lines]
    if not all(f and len(f.group("value").split()) <= 8 and not f.group("value").rstrip().endswith((".", "?", "!"))
               for f in fields):
        return False
    keys = [f.group("key").strip().lower() for f in fields if f]
    return len(set(keys)) == len(keys)  # fields name different things; talk returns to the same people


_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\w+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}$|^\d{1,2} \w+ \d{4}$")
_CLOCK_LINE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def _header_block(paragraph: str, episode: Episode) -> bool:
    """A fan transcript's opening block (title, date, running time, credit); True if taken as metadata."""
    lines = [ln.strip() for ln in paragraph.split("\n") if ln.strip()]
    if not 2 <= len(lines) <= 6 or any(len(ln) > 120 for ln in lines):
        return False
    facts = [ln for ln in lines if _DATE_LINE.match(ln) or _CLOCK_LINE.match(ln) or is_credit_line(ln)]
    if not facts:
        return False
    for line in lines:
        if _DATE_LINE.match(line):
            episode.date = episode.date or line
        elif _CLOCK_LINE.match(line):
            episode.duration = episode.duration or parse_duration(line)
        elif is_credit_line(line):
            episode.extra["credit"] = line
        elif not episode.title:
            episode.title = line
        else:
            episode.extra.setdefault("header", []).append(line)
    return True


def _declared_speaker(episode: Episode, declared: list[str]) -> None:
    """A talk whose header names one speaker ("# Speaker: Ken Robinson") and whose text names none is theirs."""
    if len(declared) == 1 and episode.guests == declared and not any(seg.speaker for seg in episode.segments):
        for seg in episode.segments:
            if seg.text:
                seg.speaker = episode.guests[0]
        episode.repair("declared_speaker", f"the header names one speaker, {episode.guests[0]}; every line is theirs")


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    if not text.strip():
        episode.repair("empty", "the text was empty")
        return
    markdown = bool(_MARKDOWN_HINT.search(text))
    paragraphs, unit = _paragraphs(text)

    headers = credits = entities = 0
    guests_before = list(episode.guests)
    prefixed: list[tuple[str | None, str]] = []
    for k, chunk in enumerate(paragraphs):
        paragraph = squash(chunk)
        if not paragraph:
            continue
        if paragraph.startswith("#") and _header(paragraph, episode):
            headers += 1
            continue
        if k == 0 and _header_block(chunk, episode):
            headers += 1
            continue
        if "\n" in chunk.strip() and _field_block(chunk.strip().split("\n")):
            for line in chunk.strip().split("\n"):
                field = _FIELD_LINE.match(line)
                if field:
                    episode.extra.setdefault("fields", {})[field.group("key").strip()] = field.group("value").strip()
            headers += 1
            continue
        if is_credit_line(paragraph):
            credits += 1
            continue
        decoded = unescape_entities(paragraph)
        entities += decoded != paragraph
        paragraph = decoded
        alone = _label_alone(paragraph)
        if alone:
            prefixed.append(alone)
            continue
        prefixed.append(speaker_prefix(paragraph))  # markup is stripped from the words, once, below
    speakers = credible([name for name, _ in prefixed])
    declared = episode.guests[len(guests_before):]  # named by "# Speaker:" lines in this text

    named = inherited = added = 0
    current: str | None = None
    for name, rest in prefixed:
        if name is not None and name not in speakers:
            rest = f"{name}: {rest}" if rest else f"{name}:"
            name = None
        if name is not None:
            current = name
            named += 1
        elif current is not None:
            # A paragraph with no label carries on the turn of the last one named.
            name = current
            inherited += 1
        if _ITALIC_ALONE.match(rest):
            spoken, directions = "", [rest]  # "*Intro Music*" set apart in italics: a stage direction
        else:
            spoken, directions = split_directions(strip_markdown_inline(rest) if markdown else rest)
        if not spoken and not directions:
            continue  # a label standing alone names who speaks next
        episode.add_segment(spoken, speaker=name, directions=directions)
        added += 1
    _declared_speaker(episode, declared)
    detail = f"the text had no times; {added} {unit} became untimed segments"
    if named:
        detail += f", {named} with a 'Name:' speaker prefix"
    if inherited:
        detail += f" and {inherited} continuing the turn before them"
    episode.repair("no_structure", detail)
    if headers:
        episode.repair("header_lines", f"{headers} header line(s) or block(s) read as the title, metadata or chapters")
    if credits:
        episode.repair("credit_lines", f"{credits} credit line(s) of the transcription service dropped")
    if entities:
        episode.repair("html_entities", f"HTML character references such as &#39; decoded in {entities} paragraph(s)")


_ITALIC_ALONE = re.compile(r"^([*_])(?!\1)[^*_\n]{1,40}(?<!\s)\1$")
_ALONE = re.compile(
    r"^(?:\*\*|__)?(?P<name>[^\W\d_][\w.'’ -]{0,40}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?$"
    r"|^(?P<open>\*\*|__)(?P<bold>[^\W\d_][\w.'’ -]{0,40}?)(?P=open)$"  # a bold name alone: "**Sina**"
)


def _label_alone(paragraph: str) -> tuple[str, str] | None:
    """``**Jerod Santo:**`` on a line of its own: the speaker of the paragraphs after it."""
    m = _ALONE.match(paragraph)
    name = m and (m.group("name") or m.group("bold") or "").strip()
    if name and looks_like_name(name):
        return name, ""
    return None

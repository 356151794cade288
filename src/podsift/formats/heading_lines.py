"""The heading an interview transcript puts above its first turn.

Oral histories and interviews saved from a word processor open with a few lines about the
interview before anyone speaks: ``Interview with Ken Thompson, 9-6-89``, ``Murray Hill,
8 September 1989``, ``Michael S. Mahoney, Interviewer``. They are the page's text, not speech,
and their date is the interview's. A line above the first turn that is neither (``… Have its
own volume control turned up.``, the tape starting mid-sentence) stays speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from podsift.formats.labels import not_a_name
from podsift.model import Episode
from podsift.text import agrees, counted, date_in, day_first_dates, strip_markdown_inline, youtube_id
from podsift.words import writes_day_first

# Words that say a line is about the interview rather than part of it.
_ABOUT = re.compile(r"\b(?:interview(?:s|ed|er|ee)?|oral[\s-]+history|transcript(?:ion)?|narrator)\b", re.IGNORECASE)
HEADING_WORDS = 16  # a title line; a longer one is a paragraph of speech
PLACE_DATE_WORDS = 8  # "Murray Hill, 8 September 1989"


def heading_line(line: str) -> bool:
    """Whether ``line`` reads as a heading line of an interview: short, asking nothing, and naming the
    interview (``Interview with …``, ``…, Interviewer``) or giving its place and date."""
    words = line.split()
    if not words or len(words) > HEADING_WORDS or "?" in line:
        return False
    field = _FIELD.match(strip_markdown_inline(line))
    if field and not_a_name(field.group("key")) and len(field.group("value").split()) <= PLACE_DATE_WORDS:
        return True  # a field of the interview's ("Duración: 30 minutos", "Lugar: San Lorenzo")
    return bool(_ABOUT.search(line)) or (len(words) <= PLACE_DATE_WORDS and date_in(line) is not None)


def short_field(line: str) -> bool:
    """``Aufgenommen: März 2026``: a key and a short value that ends no sentence."""
    field = _FIELD.match(strip_markdown_inline(line.strip()))
    return (field is not None and len(field.group("value").split()) <= PLACE_DATE_WORDS
            and not field.group("value").rstrip().endswith((".", "?", "!")))


def heading_above(paragraphs: Sequence[str], first_turn: int) -> list[int]:
    """The indices of the heading lines among ``paragraphs`` above the first turn (index ``first_turn``)."""
    return [k for k in range(min(first_turn, len(paragraphs))) if heading_line(paragraphs[k])]


def heading_facts(lines: Sequence[str], episode: Episode, page: str = "") -> None:
    """What a heading says of the episode, where nothing else has: its first line naming the interview is
    the title (``Interview with Lorinda Cherry``; a place or date alone is none), its first date the date,
    read day first where the ``page`` around it does (its language, or another date there);
    the report says where the date came from."""
    named = next((line for line in lines if _ABOUT.search(line)), None)
    if named and not episode.title:
        episode.title = named.rstrip(":").strip()
    if episode.date or not (dated := [line for line in lines if date_in(line)]):
        return
    day_first = bool(page) and (day_first_dates(page) or writes_day_first(page))
    if day := date_in(dated[0], day_first):
        episode.date = day
        episode.repair("heading_date", f"the date {day} read from the heading above the first turn")


# Meeting notes open with headings that are fields of the meeting, not parts of the talk:
# "### Meeting Date/Time: Thursday 22 June 2023 at 14:00 UTC", "### Moderator:: Tim Beiko".
_FIELD = re.compile(r"^(?P<key>[^\W\d_][^\W\d]*(?:[ /&.'’-]+[^\W\d]+){0,3}?)\s*(?P<colons>::?)\s+(?P<value>\S.{0,200})$")
# What such a field's key names; "## Intro: Why we care" above the first turn is a chapter.
_FIELD_KEY = re.compile(r"\b(?:date|time|duration|length|moderators?|facilitators?|chair|notes|note taker|scribe"
                        r"|hosts?|attendees|participants|location|place|agenda|recording)\b", re.IGNORECASE)
# "### [GitHub Agenda](https://github.com/…)", "## [Audio/video of the meeting](https://youtube.com/…)".
_LINK_ONLY = re.compile(r"^\[(?P<text>[^\[\]\n]{1,120})\]\((?P<url>https?://[^()\s]+)\)$")
# "# Execution Layer Meeting 164 [2023-06-22]": the meeting's date after its title.
_TITLE_DATE = re.compile(r"\s*[\[(](?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[\])]\s*$")


def header_heading(heading: str, episode: Episode) -> bool:
    """Read a heading above the first turn that is a field of the meeting (kept in ``extra["fields"]``,
    a date in a field naming one the episode's date) or a link alone (kept in ``extra["links"]``, a
    YouTube link the episode's video); True if it was one, and so is no chapter."""
    heading = heading.strip().strip("*_ ").strip()
    if link := _LINK_ONLY.match(heading):
        episode.extra.setdefault("links", []).append({"title": " ".join(link.group("text").split()),
                                                      "url": link.group("url")})
        episode.youtube_id = episode.youtube_id or youtube_id(link.group("url"))
        return True
    field = _FIELD.match(heading)
    if not field or "](" in heading or not (field.group("colons") == "::" or _FIELD_KEY.search(field.group("key"))):
        return False
    key, value = field.group("key").strip(), field.group("value").strip()
    episode.extra.setdefault("fields", {})[key] = value
    if "date" in key.lower() and not episode.date and (day := date_in(value)):
        episode.date = day
    return True


def title_and_date(title: str) -> tuple[str, str | None]:
    """``title`` without the date written after it in brackets (``… Meeting 164 [2023-06-22]``), and the
    date (``YYYY-MM-DD``) the title gives there or in its words (``29 Nov 2023 99th TC39 Meeting``), if any."""
    m = _TITLE_DATE.search(title)
    if m and (day := date_in(m.group("date"))):
        return title[: m.start()].strip(), day
    return title, date_in(title)


def report_header_headings(episode: Episode, count: int) -> None:
    if count:
        episode.repair("header_fields", f"{counted(count, 'heading')} above the first turn {agrees(count, 'is', 'are')} the meeting's fields or links "
                       "(date, moderator, agenda), kept in extra['fields'] and extra['links'], not chapters")


# "--Title page--", "== Course materials ==": a lecture's slide titles or a section's, set between
# dashes or equals signs on a line of their own. A court reporter's "--(A short break was had.)--"
# is a note, not a heading.
_RULED_HEADING = re.compile(r"^[ \t]*(?P<rule>-{2,}|={2,})[ \t]*(?P<title>(?:(?:\.{3}|…)[ \t]*)?[^\W\d_(\[][^\n]{0,100}?)[ \t]*(?P=rule)[ \t]*$",
                            re.MULTILINE)
MIN_RULED_HEADINGS = 2
_RULED_HEADING_WORDS = 12


def ruled_headings(text: str, episode: Episode) -> str:
    """Titles between dashes on lines of their own, where a text has two or more, as headings."""
    found = [m for m in _RULED_HEADING.finditer(text) if len(m.group("title").split()) <= _RULED_HEADING_WORDS]
    if len(found) < MIN_RULED_HEADINGS:
        return text
    episode.repair("ruled_headings", f"{counted(len(found), 'title')} set between dashes on a line of their own read as "
                                     f"headings (chapters), not speech: {found[0].group().strip()!r}")  # fmt: skip
    starts = {m.start() for m in found}
    return _RULED_HEADING.sub(lambda m: f"## {m.group('title')}" if m.start() in starts else m.group(), text)


# "3-1-sber-dat *" alone between paragraphs: a course script's slide or section id (its file's slug), no
# one's words. A digit and a hyphen, lower case, no spaces: "uh-huh" alone is speech.
_SLUG = re.compile(r"(?=[a-z-]*\d)(?=[\d-]*[a-z])[a-z\d]+(?:-[a-z\d]+){1,12}(?:[ \t]*\*)?")
_MIN_SLUGS = 2


def slug_headings(text: str, episode: Episode) -> str:
    """Slugs on lines of their own between blank lines, where a text has two or more, as headings."""
    lines = text.split("\n")
    found = [i for i, line in enumerate(lines) if _SLUG.fullmatch(line.strip())
             and (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())]
    if len(found) < _MIN_SLUGS:
        return text
    for i in found:
        lines[i] = "## " + lines[i].strip().rstrip(" *\t")
    episode.repair("slug_headings", f"{counted(len(found), 'id')} such as {lines[found[0]][3:]!r} alone between paragraphs "
                                    "read as section headings (chapters), not speech")
    return "\n".join(lines)


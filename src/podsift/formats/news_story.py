"""A TV news transcript as networks publish it: each voice's first turn labelled in capitals with its role
after a comma ("ANA RUIZ, CHANNEL 9 ANCHOR:"), later ones by the surname ("RUIZ:"); a header above the
first turn (the show's title and date, a rush-transcript notice); the segments' titles on lines of their
own between turns ("First Up: Storm Damage", "Weather Watch").
"""

from __future__ import annotations

import re

from podsift.formats.labels import SENTENCE_END
from podsift.model import Episode
from podsift.text import counted, date_in, squash

# A label in capitals at a line's start: the name, then any roles after commas, then a colon.
# Bounded, so a page of capitals is read in linear time.
_CAPS_LABEL = re.compile(r"^(?P<name>[^\W\d_](?:[^\W\d_]|[.'’ -]){0,60}?)(?P<role>,[ \t]+[\w][\w.,'’&/ -]{1,120}?)?:[ \t]+(?=\S)",
                         re.MULTILINE)
_NAME_WORDS = 6
_ROLE_LABELS = 2  # labels with a role at least: a news transcript, not a memo's "NOTE:"
# A segment's title: a short line alone between turns, without a sentence's end.
_TITLE_LINE = re.compile(r"(?<=\n\n)(?P<title>[A-Z0-9][^\n]{0,60})(?=\n\n)")
_TITLE_WORDS = 6
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "up", "vs", "with"})


def _name(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= _NAME_WORDS and label.isupper()


def _title_like(line: str) -> bool:
    """Title case or capitals, a few words, no sentence's stop: "H1N1 Update", "First Up: Storm Damage"."""
    words = line.split()
    if not words or len(words) > _TITLE_WORDS or SENTENCE_END.search(line.rstrip()) or line.startswith(("(", "[")):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def news_story(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with its capitals labels written ``NAME:`` (their roles kept in ``extra["roles"]``), its
    header above the first turn taken as the title, the date and notes, and its segments' titles as
    headings; and the names so labelled. The text as it was where fewer than two labels give a role."""
    found = [m for m in _CAPS_LABEL.finditer(text) if _name(m.group("name")) and (m.group("role") or "").isupper() == bool(m.group("role"))]
    # A person's full name first, the surname later ("ANA RUIZ, ANCHOR:" … "RUIZ:"): not an office
    # named in full at each turn ("SECRETARIA DE SALUD, ANA RUIZ:"), whose comma parts are no name and role.
    alone = {squash(m.group("name")) for m in found if not m.group("role")}
    surnames = [m for m in found if m.group("role") and m.group("name").split()[-1] in alone]
    if sum(m.group("role") is not None for m in found) < _ROLE_LABELS or not surnames:
        return text, frozenset()
    roles = {squash(m.group("name")): squash(m.group("role").lstrip(", \t")) for m in found if m.group("role")}
    names = frozenset(squash(m.group("name")) for m in found)
    header, body = text[: found[0].start()], text[found[0].start():]
    body = _CAPS_LABEL.sub(lambda m: f"{squash(m.group('name'))}: " if _name(m.group("name")) else m.group(0), body)
    lines = [squash(line) for line in header.split("\n") if line.strip()]
    # The title line opens the header, or the show's notes where a "Transcript" line set those aside.
    notes = str(episode.extra.get("show_notes") or "").strip()
    first = squash(notes.split("\n", 1)[0]) if notes else (lines[0] if lines else "")
    if first and not episode.title and (day := date_in(first)):
        title, colon, after = first.partition(": ")  # "Morning News Transcript: May 2, 2019"
        episode.title = title if colon and date_in(after) else first
        episode.date = episode.date or day
        lines = lines[1:] if lines and lines[0] == first else lines
    if lines:
        episode.extra.setdefault("header", []).extend(lines)
    titles = 0

    def heading(m: re.Match[str]) -> str:
        nonlocal titles
        label = _CAPS_LABEL.match(m.group("title") + " ")
        if not _title_like(m.group("title")) or (label and _name(label.group("name"))):
            return m.group(0)
        titles += 1
        return f"## {m.group('title').strip()}"

    body = _TITLE_LINE.sub(heading, body)
    episode.extra.setdefault("roles", {}).update({k: v for k, v in roles.items() if k not in episode.extra["roles"]})
    episode.repair("news_story", f"{counted(len(found), 'label')} in capitals ({found[0].group(0).strip()!r}) read as speakers, "
                                 f"their roles kept in extra['roles']; {counted(len(lines), 'header line')} above the first turn "
                                 f"and {counted(titles, 'segment title')} between turns not speech")  # fmt: skip
    return body, names

"""A transcript page saved as text: the page's own words around the labelled turns.

A show's site prints an episode's transcript between its own text: an editor's introduction
("Please enjoy this transcript of my conversation with …") and the episode's numbered title
(``#498: … on The Cave Process``) above the first turn, and a footer ("Related and Recommended",
a paragraph about the show) below the last. Where every turn is labelled, those paragraphs name
no one, and they are the page's, not the last or the next speaker's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from podsift.model import Episode
from podsift.text import agrees, counted, squash, strip_markdown_inline

# Labelled turns, by two speakers or more, before the text around them is taken as the page's.
_TURNS = 6
# The episode's numbered title: "#498: Title", "Episode 12 - Title", "Ep. 7: Title".
_NUMBERED_TITLE = re.compile(r"(?i)^(?:#\s?|(?:episode|ep\.?)\s*#?\s*)\d{1,5}\s*[:.–—|-]\s*\S")
_TITLE_WORDS = 30
# An introduction that opens by naming what it introduces ("Please enjoy this transcript of…"):
# the page's. A host's spoken opening may mention a transcript later, never open so.
_ABOUT_TRANSCRIPT = re.compile(
    r"(?i)^\W*(?:(?:please\s+)?(?:enjoy|read|find|here\s+is|below\s+is|this\s+is|what\s+follows\s+is)"
    r"|thanks?(?:\s+you)?\s+to\s+.{1,60}?\s+for\s+(?:sponsoring|editing|making))"
    r"(?:\s+[\w'’-]+){0,3}?\s+transcripts?\b")
# A footer names the site's things (the show, its episodes, links); speech after a heading-like
# line ("Thank You Everyone") does not.
_SITE_WORDS = re.compile(r"(?i)\b(?:podcasts?|episodes?|subscribe|newsletter|sponsors?|show\s+notes|copyright|"
                         r"all\s+rights\s+reserved)\b|https?://|www\.|©")
# A footer's heading: a few capitalised words, no sentence ("Related and Recommended").
_FOOTER_HEADING_WORDS = 6
_FOOTER_PARAGRAPHS = 8  # a longer tail is more than a site's footer
# A label naming a text's closing part ("Postscript:", "Editor's note:"), not a person.
_CLOSING_PART = re.compile(r"(?:post-?\s?script|p\.\s?s\.?|addendum|afterword|epilogue|editor['’]?s\s+note|update)", re.I)
_OPENS_CLOSING = re.compile(rf"\W*({_CLOSING_PART.pattern})[*_\s]*:", re.I)
# A note under the text, not speech: a footnote ("[1] See …", "[^1]: …") or a copyright line ("© 2024 …").
# "Copyright" alone opens speech too ("Copyright was the whole fight"): a notice has its year or reservation.
_END_NOTE = re.compile(r"^[*_>\s]*(?:\[\^?\d{1,3}\]|©|\(c\)\s*\d{4}"
                       r"|copyright\s*(?:©|\(c\))?\s*\d{4}|copyright\b.*\ball rights reserved)", re.I)
_END_NOTE_WORDS = 60


def _title_line(text: str) -> str | None:
    line = squash(strip_markdown_inline(text))
    if "\n" in text.strip() or len(line.split()) > _TITLE_WORDS or line.endswith((".", "?", "!")):
        return None
    return line if _NUMBERED_TITLE.match(line) else None


def _footer_heading(text: str) -> bool:
    words = squash(strip_markdown_inline(text)).split()
    long = [w for w in words if len(w) >= 4]
    return (2 <= len(words) <= _FOOTER_HEADING_WORDS and len(long) >= 2 and all(w[0].isupper() for w in long)
            and not any(c in " ".join(words) for c in ".,;:?!\"“”"))


def _closing_label(name: str | None, text: str) -> str | None:
    """The closing part a paragraph opens with, as its label or its first words ("P.S.: …")."""
    if name is not None:
        return name if _CLOSING_PART.fullmatch(name.strip()) else None
    opened = _OPENS_CLOSING.match(text)
    return opened.group(1) if opened else None


def _end_notes(prefixed: Sequence[tuple[str | None, str]], below: list[int]) -> list[int]:
    """The paragraphs closing ``below`` that are notes under the text (footnotes, a copyright line)."""
    notes: list[int] = []
    for k in reversed(below):
        name, text = prefixed[k]
        lines = [line for line in text.splitlines() if line.strip()]
        if name is not None or not lines or len(text.split()) > _END_NOTE_WORDS \
                or not all(_END_NOTE.match(line) for line in lines):
            break
        notes.append(k)
    return notes[::-1]


def _closing_part(prefixed: Sequence[tuple[str | None, str]], speakers: set[str], taken: set[int]) -> int | None:
    """The index of the label naming the text's closing part, said once, after every speaker's last turn."""
    closing = [k for k, (name, text) in enumerate(prefixed) if _closing_label(name, text)]
    if len(closing) != 1 or closing[0] in taken:
        return None
    others = [k for k, (name, _) in enumerate(prefixed) if name in speakers and k not in closing]
    return closing[0] if others and closing[0] > others[-1] else None


def page_text(prefixed: Sequence[tuple[str | None, str]], speakers: set[str], taken: set[int],
              episode: Episode) -> set[int]:
    """The indices among ``prefixed`` (each paragraph's label, if a speaker's, and words) that are the
    page's text around the labelled turns: its introduction and numbered title above them (the title
    the episode's, the rest ``extra["preamble"]``) and its footer below them (``extra["footer"]``)."""
    closing = _closing_part(prefixed, speakers, taken)
    if closing is not None:
        speakers = speakers - {prefixed[closing][0] or ""}
    turns = [k for k, (name, _) in enumerate(prefixed) if name in speakers]
    if len(turns) < _TURNS or len({prefixed[k][0] for k in turns}) < 2:
        return set()
    page: set[int] = set()
    above = [k for k in range(turns[0]) if k not in taken and prefixed[k][1].strip()]
    if above and all(prefixed[k][0] is None for k in above):
        title = _title_line(prefixed[above[-1]][1])
        if title or _ABOUT_TRANSCRIPT.search(prefixed[above[0]][1]):
            texts = {squash(strip_markdown_inline(prefixed[k][1])) for k in above}
            taken_intro = episode.title is not None and (episode.title in texts or bool(_ABOUT_TRANSCRIPT.search(episode.title)))
            if title and (not episode.title or taken_intro):  # the header pass took the intro's line
                episode.title = title
            elif title:  # the file names itself otherwise: the line is kept with the intro, not lost
                title = None
            notes = [squash(prefixed[k][1]) for k in (above[:-1] if title else above)]
            if notes:
                episode.extra["preamble"] = "\n\n".join(notes)
            page |= set(above)
            episode.repair("preamble", f"{counted(len(notes), 'paragraph')} above the first labelled turn"
                           + (f" and the episode's title line ({title[:50]!r})" if title else "")
                           + " are the page's text, not speech" + (": kept in extra['preamble']" if notes else ""))
    below = [k for k in range(turns[-1] + 1, len(prefixed)) if k not in taken and prefixed[k][1].strip()]
    if closing is not None:
        # Its paragraphs are the writer's afterword, neither that label's turn nor the last speaker's; so
        # are the footnotes and copyright line just above it.
        above_closing = _end_notes(prefixed, [k for k in below if k < closing])
        footer = [closing, *(k for k in below if k > closing)]
        name, opening = prefixed[closing]
        label = _closing_label(name, opening)
        episode.extra["footer"] = "\n\n".join([squash(prefixed[k][1]) for k in above_closing]
                                               + [f"{name}: {squash(opening)}".strip() if name else squash(opening)]
                                               + [squash(prefixed[k][1]) for k in footer[1:]])
        episode.repair("footer", f"{label!r} after the last turn opens the text's closing part, not a speaker: its "
                                 f"{counted(len(footer), 'paragraph')}" + (f" and the {counted(len(above_closing), 'note')} above it (footnotes, "
                                 "copyright)" if above_closing else "") + " kept in extra['footer'], not as speech")  # fmt: skip
        return page | set(footer) | set(above_closing)
    start = next((i for i, k in enumerate(below) if _footer_heading(prefixed[k][1])), None)
    if (start is not None and start + 1 < len(below) and len(below) - start <= _FOOTER_PARAGRAPHS
            and all(prefixed[k][0] is None for k in below)
            and any(_SITE_WORDS.search(prefixed[k][1]) for k in below[start + 1 :])):
        footer = below[start:]
        episode.extra["footer"] = "\n\n".join(squash(prefixed[k][1]) for k in footer)
        page |= set(footer)
        episode.repair("footer", f"the {counted(len(footer), 'paragraph')} from {squash(prefixed[footer[0]][1])!r} after the "
                                 f"last turn {agrees(len(footer), 'is', 'are')} the site's footer, not speech: kept in extra['footer']")  # fmt: skip
    elif end_notes := _end_notes(prefixed, below):
        episode.extra["footer"] = "\n\n".join(squash(prefixed[k][1]) for k in end_notes)
        page |= set(end_notes)
        episode.repair("footer", f"the {counted(len(end_notes), 'note')} closing the text after the last turn (footnotes, copyright) "
                                 f"{agrees(len(end_notes), 'is', 'are')} not speech: kept in extra['footer']")  # fmt: skip
    return page

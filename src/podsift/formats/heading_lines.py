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

from podsift.model import Episode
from podsift.text import date_in

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
    return bool(_ABOUT.search(line)) or (len(words) <= PLACE_DATE_WORDS and date_in(line) is not None)


def heading_above(paragraphs: Sequence[str], first_turn: int) -> list[int]:
    """The indices of the heading lines among ``paragraphs`` above the first turn (index ``first_turn``)."""
    return [k for k in range(min(first_turn, len(paragraphs))) if heading_line(paragraphs[k])]


def heading_facts(lines: Sequence[str], episode: Episode) -> None:
    """What a heading says of the episode, where nothing else has: its first line naming the interview is
    the title (``Interview with Lorinda Cherry``; a place or date alone is none), its first date the date;
    the report says where the date came from."""
    named = next((line for line in lines if _ABOUT.search(line)), None)
    if named and not episode.title:
        episode.title = named.rstrip(":").strip()
    if not episode.date and (day := next((d for line in lines if (d := date_in(line))), None)):
        episode.date = day
        episode.repair("heading_date", f"the date {day} read from the heading above the first turn")

"""Name lines: the speaker's name alone on a line over their words, with no colon and no time.

Otter.ai's export with timestamps turned off writes each turn so, the name followed by two spaces:

    Researcher 1
    So, to start off, thank you for joining.

    Participant
    Of course.

A short line over a paragraph is often a heading or a line of verse, so such a line names a
speaker only where a few names take turns so, each more than once, over most of the paragraphs; where
the words under them are sentences (Otter punctuates, lyrics and poems seldom do); where the name
mostly changes from one paragraph to the next (Otter joins a speaker's run); and never where the
"name" is a song's, a recipe's or a diary's section (Chorus, Method, Monday) or a topic's heading
(an FAQ's "Shipping", the minutes' "Budget"): a name is a role, in capitals, or no common word.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from podsift.formats.labels import given_name_like, looks_like_name, role_word
from podsift.model import Episode
from podsift.text import agrees, counted

_MAX_NAMES = 8  # an interview's or a panel's voices; more distinct "names" are headings
_LEAST_TURNS = 4
_NAME_CHARS = 40

# A song's, a recipe's, a diary's or a book's sections, numbered or not ("Verse 2", "Pre-Chorus", "March").
_SECTION = re.compile(
    r"(?:pre-?|post-?)?(?:chorus|verse|bridge|intro|outro|hook|refrain|interlude|coda|ingredients|method|"
    r"directions|instructions|steps?|notes|day|week|part|chapter|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s+(?:\d+|[ivx]+))?", re.IGNORECASE)
_SENTENCE_MARK = re.compile(r"[.?!…]")
_LETTERS = re.compile(r"[^\W\d_]+")
_STUDY_ROLES = frozenset("researcher respondent interviewee facilitator".split())  # beside labels' roles


def _person_or_role(name: str, lower_words: set[str]) -> bool:
    """Whether a name line's label names a person or a role, not a topic's heading ("Shipping",
    "Budget"): a role ("Participant", "Researcher 1"), a label in capitals ("HAMLET", "P3"), or one word
    at least that is no common English word and that the text never writes in lower case ("Ana")."""
    words = [w for w in name.split() if not w.isdigit()]
    if name.isupper() or any(role_word(w) or w.lower() in _STUDY_ROLES for w in words):
        return True
    rare = [w for w in words if given_name_like(w)]
    return bool(rare) and not any(w.lower() in lower_words for w in rare)


def _name(line: str) -> str | None:
    """``line`` as a name alone, as Otter writes it ("Jon Lawitts  "), or None."""
    name = line.strip()
    if not name or len(name) > _NAME_CHARS or any(c in name for c in ":[](){}*#|<>\"“”") or name[-1] in ".!?,;…":
        return None
    return name if looks_like_name(name) and not _SECTION.fullmatch(name) else None


def _reads_as_turns(lines: list[str], opening: dict[int, str], names: set[str]) -> bool:
    """Whether the paragraphs under ``names`` read as speech: the words hold sentences in at least
    half of their lines, and the name changes between most neighbouring paragraphs."""
    said: list[str] = []
    for k in opening:
        if opening[k] in names:  # walk the paragraph by index: a slice per name line is quadratic
            j = k + 1
            while j < len(lines) and lines[j].strip():
                said.append(lines[j])
                j += 1
    if 2 * sum(1 for line in said if _SENTENCE_MARK.search(line)) < len(said):
        return False  # verse, lyrics, lists: lines without a sentence's end
    order = [opening[k] for k in sorted(opening) if opening[k] in names]
    changes = sum(1 for a, b in itertools.pairwise(order) if a != b)
    return 2 * changes >= len(order) - 1


def name_lines(body: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """``body`` with each name line that opens a paragraph joined to its words as ``Name: words``, and
    the names, where a few names take turns so over most of the paragraphs; else ``body`` as it was."""
    lines = body.split("\n")
    opening: dict[int, str] = {}  # line index -> name, for a name line over words after a blank line
    paragraphs = 0
    for k, line in enumerate(lines):
        if not line.strip() or (k and lines[k - 1].strip()):
            continue
        paragraphs += 1
        if k + 1 < len(lines) and lines[k + 1].strip() and (name := _name(line)):
            opening[k] = name
    counts = Counter(opening.values())
    lower_words = {w for w in _LETTERS.findall(body) if w.islower()}
    names = {name for name, n in counts.items() if n >= 2 and _person_or_role(name, lower_words)}
    turns = sum(counts[name] for name in names)
    if (not 2 <= len(names) <= _MAX_NAMES or turns < _LEAST_TURNS or 2 * turns < paragraphs
            or not _reads_as_turns(lines, opening, names)):
        return body, frozenset()
    out: list[str] = []
    joined = False
    for k, line in enumerate(lines):
        if joined:
            out[-1] += line.strip()
            joined = False
        elif opening.get(k) in names:
            out.append(f"{opening[k]}: ")
            joined = True
        else:
            out.append(line)
    episode.repair("name_lines", f"{counted(turns, 'turn')} {agrees(turns, 'opens', 'open')} with the speaker's name alone on a line "
                                 f"({', '.join(sorted(names)[:4])}): read as their labels")
    return "\n".join(out), frozenset(names)

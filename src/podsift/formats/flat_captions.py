"""Flat captions: the whole talk on one line, speaker changes marked by `` - ``.

    (pulsing music) - All right, welcome ... - Hey everybody, thank you ... Dodge.

There are no times and no names. Turns alternate between two speakers, named
from what they say when the text makes it clear ("My name is ..."), otherwise
``Speaker 1`` and ``Speaker 2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from podsift.formats.line_wrap import unwrap, wrapped_width
from podsift.formats.turn_dashes import dashes_in_sentences, kept_as_words, marks, separator, trust_case
from podsift.model import Episode
from podsift.speakers import name_turns
from podsift.text import counted, prepare_text, split_directions, squash, unescape_entities

NAME = "flat_captions"
EXTENSIONS = (".txt",)

_TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_MIN_CHARS = 2000
# How far into the talk introductions are looked for.
_INTRO_TURNS = 6


@dataclass
class _Piece:
    offset: int
    text: str


def _split_turns(text: str, episode: Episode) -> list[_Piece]:
    """Cut at speaker-change marks, skipping those inside quotations or mid-sentence."""
    found = marks(text, separator(text))
    trusted = trust_case(found)
    cuts: list[int] = []
    for mark in found:
        kept = kept_as_words(mark, trusted)
        if kept == "quote":
            episode.repair("dash_in_quote", "a ' - ' inside a quotation kept as speech", f"char {mark.at}")
        elif kept == "lowercase":
            episode.repair(
                "dash_in_sentence", "a ' - ' followed by a lowercase word kept as speech", f"char {mark.at}"
            )
        else:
            cuts.append(mark.at)

    pieces: list[_Piece] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        pieces.append(_Piece(begin, text[begin:cut]))
        begin = cut + 1
    return pieces


def _peel_directions(piece: str, *, head: bool, tail: bool) -> tuple[list[str], str, list[str]]:
    """Directions that open (``head``) or close (``tail``) the talk, and the rest.

    "(pulsing music)" before the first words or after the last belongs to no one;
    a "(laughs)" at the edge of a turn mid-talk stays with that turn.
    """
    rest = piece.strip()
    _, found = split_directions(rest)
    leading: list[str] = []
    trailing: list[str] = []
    while head and found and rest.startswith(found[0]):
        leading.append(found.pop(0))
        rest = rest[len(leading[-1]) :].lstrip()
    while tail and found and rest.endswith(found[-1]):
        trailing.insert(0, found.pop())
        rest = rest[: -len(trailing[0])].rstrip()
    return leading, rest, trailing


# --- format contract --------------------------------------------------------


def _no_paragraph(line: str) -> bool:
    return False  # a flat dump has no labels to open a paragraph; only a short sentence's end does


def _unwrapped(lines: list[str]) -> tuple[list[str], int]:
    """The lines, joined back where an editor's column broke them (its own ones kept as they are):
    a dump hard-wrapped at 78 columns is still the one long line it was."""
    width = wrapped_width(lines)
    return unwrap(lines, width, _no_paragraph) if width else (lines, 0)


def sniff(text: str) -> float:
    body = text.lstrip("\ufeff").strip()
    if len(body) <= _MIN_CHARS or body[0] in "{<":
        return 0.0
    if sum(1 for line in _unwrapped(body.splitlines())[0] if line.strip()) > 3:
        return 0.0
    # A time or two may be spoken ("at 9:30"); more means a timed format.
    if len(_TIMESTAMP.findall(body, 0, 20000)) > 2:
        return 0.0
    separators = sum(1 for _ in separator(body).finditer(body))
    if separators < 3 or separators < len(body) / 5000:
        return 0.0
    if dashes_in_sentences(body, marks(body, separator(body))):
        return 0.0  # running prose with dashes in its sentences, not captions' turns
    return 0.8


def _segments(pieces: list[_Piece]) -> Iterator[tuple[str, str, list[str], int]]:
    """(kind, text, directions, offset) in order; kind is "turn", "direction" or "empty"."""
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        leading, middle, trailing = _peel_directions(piece.text, head=i == 0, tail=i == last)
        for d in leading:
            yield "direction", "", [d], piece.offset
        spoken, directions = split_directions(squash(middle))
        if spoken:
            yield "turn", spoken, directions, piece.offset
        elif directions:
            yield "direction", "", directions, piece.offset
        elif not leading and not trailing:
            yield "empty", "", [], piece.offset
        for d in trailing:
            yield "direction", "", [d], piece.offset


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    # A caption dump scraped from a page's source keeps its "&#39;": "I&#39;m Robert" names no one.
    decoded = unescape_entities(text)
    if decoded != text:
        episode.repair("html_entities", "HTML character references such as &#39; decoded")
        text = decoded
    # Line breaks carry no meaning here; the few there are come from caption wrapping.
    lines, joins = _unwrapped(text.split("\n"))
    if joins:
        episode.repair("wrapped_lines", f"{counted(joins, 'line')} hard-wrapped at an editor's column joined back")
    flat = " ".join(lines)
    if not flat.strip():
        episode.repair("empty", "the text was empty")
        return

    labels = ("Speaker 1", "Speaker 2")
    turn = 0
    turns: list[tuple[int, str, str]] = []  # (turn number, label, text)
    planned: list[tuple[str | None, str, list[str]]] = []
    for kind, spoken, directions, offset in _segments(_split_turns(flat, episode)):
        if kind == "empty":
            # Two marks in a row: a stutter of the captioner, not a turn.
            episode.repair(
                "empty_turn", "an empty turn between two ' - ' marks was skipped", f"char {offset}"
            )
            continue
        if kind == "direction":
            planned.append((None, "", directions))
            continue
        label = labels[turn % 2]
        turn += 1
        turns.append((turn, label, spoken))
        planned.append((label, spoken, directions))

    names = name_turns(episode, turns, intro_turns=_INTRO_TURNS) if turn >= 2 else {}
    for owner, spoken, directions in planned:
        speaker = names.get(owner, owner) if owner else None
        episode.add_segment(spoken, speaker=speaker, directions=directions)
    if turn:
        episode.repair(
            "speakers_by_alternation",
            f"no names or times in the source; {turn} turns split at ' - ' marks "
            "and given to two speakers in turn",
        )

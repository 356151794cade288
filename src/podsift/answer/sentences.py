"""A moment's words as sentences, each keeping its own speaker and time.

A moment can span several speakers, and a long turn is cut across moments, so
the sentences are found by walking the moment's text alongside the segments it
was cut from. A sentence's time is its segment's start, moved forward by how far
into the segment it begins (speech runs roughly evenly within a segment).
"""

from __future__ import annotations

from dataclasses import dataclass

from podsift.model import Segment
from podsift.moments import SENTENCE_BREAK, time_at


@dataclass(frozen=True)
class Sentence:
    text: str
    speaker: str | None
    start: float | None
    moment_id: int
    position: int  # order within the moment
    asking: bool = False  # part of a turn that ends in a question (setting up, not answering)
    question_turn: bool = False  # part of a short turn that asks: an interviewer's question, never an answer
    segment: int | None = None  # the ordinal of the line it is said in


# A turn this short that asks something is a question turn, whatever follows the "?"
# ("Why both tools? That sounds like two places to look."); a long one that ends on a
# question ("...does that make sense?") may still hold an answer.
QUESTION_TURN_WORDS = 40


def question_turn(turn: str) -> bool:
    return "?" in turn and len(turn.split()) <= QUESTION_TURN_WORDS


def moment_sentences(moment_id: int, text: str, segments: list[Segment]) -> list[Sentence]:
    out: list[Sentence] = []
    position = 0
    for seg in segments:
        if not seg.text or position >= len(text):
            continue
        if text.startswith(seg.text, position):
            offset, length = 0, len(seg.text)
        else:
            # Only part of this segment is in the moment (its head or its tail).
            offset = seg.text.find(text[position : position + 60])
            if offset < 0:
                continue
            length = min(len(seg.text) - offset, len(text) - position)
        piece = text[position : position + length]
        cursor = 0
        for sentence in SENTENCE_BREAK.split(piece):
            at = piece.find(sentence, cursor)
            cursor = at + len(sentence)
            if sentence.strip():
                start = time_at(seg, (offset + at) / len(seg.text))
                out.append(Sentence(sentence.strip(), seg.speaker, start, moment_id, len(out),
                                    seg.text.rstrip().endswith("?"), question_turn(seg.text), seg.ordinal))  # fmt: skip
        position += length + 1
    if not out and text.strip():  # text that does not line up with its segments: keep it whole
        first = segments[0] if segments else None
        out.append(Sentence(text.strip(), first.speaker if first else None,
                            first.start if first else None, moment_id, 0, segment=first.ordinal if first else None))  # fmt: skip
    return out

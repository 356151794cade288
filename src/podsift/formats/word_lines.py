"""A word a line with its times, as scripts print a recogniser's word timings.

    Transcript: he loses man what
    Word: he, start: 0.0, end: 0.8
    Word: loses, start_time: 0.8, end_time: 1.1

    0.199-0.438: if
    0.438-0.677: he

The first is Google Speech-to-Text's sample code (``Word: {word}, start_time: {start}, end_time:
{end}``, seconds, maybe with an ``s``), printing each result's transcript and confidence above its
words: those lines say the same words again and are left out. The second is how scripts print
Deepgram's words. The words are joined into turns as any word-level recogniser's are
(``cues.merge_turns``: a pause over 2 s, a sentence end past 30 s).
"""

from __future__ import annotations

import re

from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, add_pieces, merge_turns, ms
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, as_time, counted, prepare_text, split_directions

NAME = "word_lines"
EXTENSIONS = (".txt",)

_SECONDS = r"(?P<{}>\d{{1,6}}(?:\.\d{{1,6}})?)s?"
_SAMPLE = re.compile(r"^Word:\s*(?P<word>\S.*?),\s*start(?:_time)?:\s*" + _SECONDS.format("start")
                     + r",\s*end(?:_time)?:\s*" + _SECONDS.format("end") + r"$", re.IGNORECASE)
_RANGE = re.compile(r"^" + _SECONDS.format("start") + r"\s*-\s*" + _SECONDS.format("end") + r"\s*:\s*(?P<word>\S.*?)$")
# The sample's lines beside the words: the result's transcript and confidence, its heading.
_ASIDE = re.compile(r"^(?:Transcript|Confidence|Transcription results?|Results?)\s*:", re.IGNORECASE)
_MIN_WORDS = 10
_SHARE = 0.8
_SNIFF_LINES = 200


def _word(line: str) -> re.Match[str] | None:
    return _SAMPLE.match(line) or _RANGE.match(line)


def sniff(text: str) -> float:
    lines = [line.strip() for line in text[:16384].split("\n")[:_SNIFF_LINES] if line.strip()]
    words = sum(1 for line in lines if _word(line))
    others = sum(1 for line in lines if not _word(line) and not _ASIDE.match(line))
    return 0.95 if words >= _MIN_WORDS and words >= _SHARE * (words + others) else 0.0


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    pieces: list[Piece] = []
    aside = unreadable = 0
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        m = _word(line)
        start = as_time(float(m.group("start"))) if m else None
        end = as_time(float(m.group("end"))) if m else None
        if m is None or start is None:
            aside += bool(_ASIDE.match(line))
            unreadable += not _ASIDE.match(line)
            continue
        spoken, directions = split_directions(m.group("word"))
        pieces.append(Piece(ms(start), ms(end) if end is not None else None, None, spoken, directions))
    if not pieces:
        raise SourceRejected("no lines of a word and its times, so it is not a transcript")
    turns = merge_turns(pieces, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)
    add_pieces(episode, turns)
    detail = f"{len(pieces):,} words (one a line, with their times) joined into {counted(len(turns), 'segment')}"
    if aside:
        detail += f"; {counted(aside, 'transcript or confidence line')} saying the same words again left out"
    episode.repair("word_lines", detail)
    if unreadable:
        episode.repair("unreadable_lines", f"{counted(unreadable, 'line')} that {agrees(unreadable, 'is', 'are')} no word and its times left out")

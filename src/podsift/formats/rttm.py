"""NIST's RTTM (rich transcription time marks): who spoke when, as pyannote and NeMo write a
diarization, and in a rich transcription's reference (NIST's meeting evaluations, sclite's scoring
tests) each word as well.

    SPKR-INFO meeting 1 <NA> <NA> <NA> unknown SUB48 <NA>
    SPEAKER meeting 1 752.171 2.770 <NA> <NA> SUB48 <NA>
    LEXEME meeting 1 752.171 0.370 LET'S lex SUB48 <NA>
    LEXEME meeting 1 756.251 0.530 %UH fp SUB48 <NA>
    NON-LEX meeting 1 757.100 0.400 <NA> laugh SUB48 <NA>

Columns: the record's type, the recording, its channel, start and duration in seconds, what was
said, the record's subtype, the speaker, a confidence (pyannote adds one more, ``<NA>``).

``LEXEME`` records are the words: every subtype is said by its speaker, a filled pause (``fp``,
``%UH``: sclite's ``%`` marks only that scoring may skip it, so it reads ``UH``) and a cut-off word
(``frag``, ``WE-``) as much as any. They are joined into turns as the other word-level formats are
(``cues.merge_turns``), each speaker's apart, then put in time order: words said over another
speaker's stay in their own turn, and a turn ends where another speaker starts in its pause. ``NON-LEX`` records
are the speaker's own sounds (a laugh, a breath, a cough): directions in that speaker's turn.
``NON-SPEECH`` records (noise, music) belong to no one and are left out, counted in the report.
``SPEAKER`` spans, speaker facts and the records that mark up words already read (``FILLER``,
``SU``, ``IP``, ``EDIT``…) make nothing: read as words they would say each word twice. A file of
``SPEAKER`` records alone is a diarization with no words and is refused as such.
"""

from __future__ import annotations

import re
from collections import Counter

from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, add_pieces, diarization_alone, merge_turns, ms
from podsift.model import Episode
from podsift.text import as_time, counted, prepare_text

NAME = "rttm"
EXTENSIONS = (".rttm",)

_TYPES = "SPEAKER|SPKR-INFO|LEXEME|NON-SPEECH|NON-LEX|SEGMENT|NOSCORE|NO_RT_METADATA|FILLER|IP|SU|CB|EDIT|A/P"
_LINE = re.compile(rf"(?:{_TYPES})\s+\S+\s+\S+\s+(?:<NA>|[\d.]+)\s+(?:<NA>|[\d.]+)\s")
_COMMENT = ";;"
_NA = "<NA>"
_FIELDS = 8  # type, file, channel, start, duration, orthography, subtype, speaker
# A speaker's sounds, as RTTM names them; its "other" is some sound, unnamed.
_SOUND = {"other": "sound"}


def sniff(text: str) -> float:
    """Whether ``text`` is an RTTM file: its first lines (comments aside) are all RTTM records."""
    lines = [line for line in text.lstrip("\ufeff")[:8192].split("\n")[:50] if line.strip() and not line.startswith(_COMMENT)]
    # The last line of the window may be cut short: judged by the others where there are others.
    return 0.95 if lines and all(_LINE.match(line) for line in (lines[:-1] if len(lines) > 2 else lines)) else 0.0


def _time(value: str) -> float | None:
    try:
        return as_time(float(value))
    except ValueError:
        return None  # "<NA>"


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    said: dict[str, list[Piece]] = {}  # each recording's words and sounds
    counts: Counter[str] = Counter()
    for line in text.split("\n"):
        fields = line.split()
        if not fields or line.startswith(_COMMENT):
            continue
        if len(fields) < _FIELDS:
            counts["unreadable"] += 1
            continue
        kind, file, _, start, duration, word, subtype, speaker = fields[:_FIELDS]
        if kind not in ("LEXEME", "NON-LEX"):
            counts["non-speech" if kind == "NON-SPEECH" else "turns" if kind == "SPEAKER" else "other"] += 1
            continue
        begin, length = _time(start), _time(duration)
        if begin is None or length is None:
            counts["unreadable"] += 1
            continue
        who = None if speaker == _NA else speaker
        if kind == "LEXEME":
            piece = Piece(ms(begin), ms(begin + length), who, word.lstrip("%") or word)
            counts["words"] += 1
        else:
            piece = Piece(ms(begin), ms(begin + length), who, "", [f"[{_SOUND.get(subtype, subtype)}]"])
            counts["sounds"] += 1
        said.setdefault(file, []).append(piece)
    if not said:
        # Read as text, each "SPEAKER file 1 0.005 7.780 <NA> …" line was stored as speech.
        raise diarization_alone(counts["turns"])
    turns = 0
    for pieces in said.values():
        pieces.sort(key=lambda piece: piece.start or 0.0)  # files list the records speaker by speaker
        joined = [turn for run in _runs(pieces) for turn in merge_turns(run, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)]
        add_pieces(episode, sorted(joined, key=lambda turn: turn.start or 0.0))
        turns += len(joined)
    _report(episode, counts, list(said), turns)


def _runs(pieces: list[Piece]) -> list[list[Piece]]:
    """Each speaker's words in runs, a run ending where someone else starts speaking in its pause.

    In a meeting, speech overlaps: taken strictly in time order, a turn and the "yeah" said over
    it cut each other into single words. A speaker's words spoken over another's stay one run; a
    word another speaker begins after the run's last word has ended is a reply, and the run ends
    before it, so a turn never swallows the answer to it.
    """
    runs: list[list[Piece]] = []
    current: dict[str | None, list[Piece]] = {}
    latest: dict[str | None, float] = {}  # each speaker's latest start so far
    for piece in pieces:
        run = current.get(piece.speaker)
        end = run[-1].end if run else None
        if run is None or (end is not None and any(start >= end for who, start in latest.items() if who != piece.speaker)):
            run = current[piece.speaker] = []
            runs.append(run)
        run.append(piece)
        if piece.text:  # a breath in the pause is no reply
            latest[piece.speaker] = piece.start or 0.0
    return runs


def _report(episode: Episode, counts: Counter[str], files: list[str], turns: int) -> None:
    detail = f"{counts['words']:,} words (LEXEME records) joined into {counted(turns, 'turn')} in time order"
    if counts["sounds"]:
        detail += f"; {counts['sounds']:,} sounds of a speaker's own (NON-LEX) kept as directions"
    if counts["non-speech"]:
        detail += f"; {counts['non-speech']:,} noises no one made (NON-SPEECH) left out"
    episode.repair("rttm_words", detail)
    if len(files) == 1:
        episode.extra["audio_filename"] = files[0]
    else:
        episode.repair("recordings", f"words of {len(files)} recordings ({', '.join(files[:3])}…) in one file, "
                                     "each timed from its own start")  # fmt: skip
    if counts["unreadable"]:
        episode.repair("unreadable_lines", f"{counted(counts['unreadable'], 'line')} not of RTTM's shape left out")

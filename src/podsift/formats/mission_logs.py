"""Space missions' transcripts: turns stamped with the mission's elapsed time, spoken by call signs.

Spacelog's transcript files put a stamp line over the turns said in it, one ``Call sign: words``
line a turn (``Dawn 1 (Kamanin): Do you read me?``), a line opening with spaces carrying on the
line above. The stamp is ``[days:hours:minutes:seconds]`` from launch, negative before it
(``[-00:01:57:00]``). Lines opening with ``_`` are the editors' fields of the stamp's block:
``_comment:`` and ``_note:`` are notes on what was said (kept as directions), the others
(``_lang: en``, ``_page: 3``, ``_tape: 1/1``) facts about the file. A line opening with ``#`` is a
comment on the file itself, never a heading.

The times are counted from the first stamp: a recording of the loop starts there, and a time
before launch is no place in it. The first stamp's mission time is kept in ``extra["clock_start"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podsift.formats.clock_times import count_from
from podsift.formats.cues import word_shares
from podsift.formats.line_wrap import join_lines
from podsift.model import Episode
from podsift.text import format_timestamp, prepare_plain, split_directions
from podsift.words import WORDS_PER_MINUTE

NAME = "mission_logs"
EXTENSIONS = (".txt",)

# "[00:00:00:02]", "[-00:01:57:00]": days, hours, minutes and seconds from launch.
_STAMP = re.compile(r"\[(?P<sign>-?)(?P<d>\d{1,3}):(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d):(?P<s>[0-5]\d)\]")
# "_comment: (passed twice).", "_lang: en": a field of the block, its value maybe carried on indented lines.
_FIELD = re.compile(r"_(?P<key>[a-z][a-z_]{0,20})[ \t]*:[ \t]*(?P<value>.*)")
# "Dawn 1 (Kamanin): text": a call sign, maybe with the person behind it in brackets.
_TURN = re.compile(r"(?P<name>[^\W_][^:\n]{0,39}?)[ \t]*:(?:[ \t]+(?P<words>.*)|$)")
_NOTE_KEYS = frozenset({"comment", "note"})
_SNIFF_LINES = 400
_LEAST_STAMPS = 3
_TURN_SHARE = 0.8  # of the stamps have a turn or a field right under them
_SHORTEST_TURN = 2.0  # seconds: "Roger." is said, and heard, in about this long


def _seconds(stamp: re.Match[str]) -> float:
    value = int(stamp["d"]) * 86400 + int(stamp["h"]) * 3600 + int(stamp["m"]) * 60 + int(stamp["s"])
    return float(-value if stamp["sign"] else value)


def sniff(text: str) -> float:
    lines = [line.strip() for line in text[:65536].lstrip("\ufeff").split("\n")[:_SNIFF_LINES]]
    lines = [line for line in lines if line]
    stamps = [k for k, line in enumerate(lines) if _STAMP.fullmatch(line)]
    if len(stamps) < _LEAST_STAMPS:
        return 0.0
    under = sum(1 for k in stamps if k + 1 < len(lines) and (_TURN.fullmatch(lines[k + 1]) or _FIELD.fullmatch(lines[k + 1])))
    if under < _TURN_SHARE * len(stamps):
        return 0.0
    # A video editor's timecode ("[00:00:03:20]", its last field a frame) never goes negative, has
    # no editors' fields and keeps its frames under 30: a mission's stamps show one of these somewhere.
    if not any(line.startswith(("[-", "_")) or (int(line[-3:-1]) >= 30 if _STAMP.fullmatch(line) else False)
               for line in lines):
        return 0.0
    return 0.9


@dataclass
class _Turn:
    line_no: int
    speaker: str | None
    lines: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    start: float
    turns: list[_Turn] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said before any turn of the block


def _blocks(text: str, episode: Episode) -> tuple[list[_Block], list[str], dict[str, str], int]:
    """The stamped blocks, the file's comments, its fields and how many note lines were read."""
    blocks: list[_Block] = []
    comments: list[str] = []
    fields: dict[str, str] = {}
    notes = 0
    carried: list[str] | None = None  # the lines an indented line carries on
    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comments.append(line.lstrip("#").strip())
            continue
        if stamp := _STAMP.fullmatch(line):
            blocks.append(_Block(_seconds(stamp)))
            carried = None
            continue
        if not blocks:
            blocks.append(_Block(0.0))  # words above the first stamp: kept, at the start
            episode.repair("untimed_text", "text before the first stamp kept at the start", f"line {line_no}")
        block = blocks[-1]
        if raw[:1] in (" ", "\t") and carried is not None:
            carried.append(line)
            continue
        if (meta := _FIELD.fullmatch(line)) and raw.startswith("_"):
            if meta["key"] in _NOTE_KEYS:
                notes += 1
                target = block.turns[-1].notes if block.turns else block.notes
                target.append(meta["value"])
                carried = target
            else:
                fields[meta["key"]] = meta["value"]
                carried = None
            continue
        if turn := _TURN.fullmatch(line):
            block.turns.append(_Turn(line_no, turn["name"].strip(), [turn["words"] or ""]))
        elif block.turns:
            block.turns[-1].lines.append(line)  # a line that names no one carries on the turn
        else:
            block.turns.append(_Turn(line_no, None, [line]))
        carried = block.turns[-1].lines
    return blocks, comments, fields, notes


def parse(text: str, episode: Episode) -> None:
    text = prepare_plain(text, episode)
    blocks, comments, fields, notes = _blocks(text, episode)
    if not blocks:
        episode.repair("empty", "the text was empty")
        return
    shared = 0
    for k, block in enumerate(blocks):
        texts = [split_directions(join_lines(turn.lines)) for turn in block.turns]
        after = next((b.start for b in blocks[k + 1:] if b.start > block.start), None)
        # Turns follow one another at a speaking pace from the stamp; the rest of the minute is the loop's silence.
        said = sum(max(_SHORTEST_TURN, len(spoken.split()) * 60 / WORDS_PER_MINUTE) for spoken, _ in texts)
        span = min(said, after - block.start) if after is not None else said
        shares = word_shares(block.start, span, [spoken for spoken, _ in texts])
        if block.notes and not block.turns:
            episode.add_segment("", start=block.start, directions=block.notes)
        for n, (turn, (spoken, directions), (begin, end)) in enumerate(zip(block.turns, texts, shares)):
            lead = block.notes if n == 0 else []
            episode.add_segment(spoken, start=round(begin, 1), end=round(end, 1), speaker=turn.speaker,
                                directions=[*lead, *directions, *turn.notes])  # fmt: skip
            shared += n > 0
    if blocks[0].start:
        count_from_first_stamp(episode, blocks[0].start)
    if shared:
        episode.repair("section_times", f"{len(blocks)} stamps each time the turns under them; the first turn of "
                                        f"each starts at its stamp, {shared} others are timed by their words")  # fmt: skip
    if fields:
        episode.extra.setdefault("fields", {}).update(fields)
    if comments:
        episode.extra["comments"] = comments
        episode.repair("comments", f"{len(comments)} comment line(s) opening with '#' (such as {comments[0][:50]!r}) "
                                   "are the editors' notes on the file: kept in extra['comments'], not speech")  # fmt: skip
    if notes or fields:
        episode.repair("mission_fields", f"{notes} editors' note(s) ('_comment:', '_note:') kept as directions beside "
                                         f"the turns they follow; fields {', '.join(sorted(fields)) or 'none'} kept in "
                                         "extra['fields']; none of them speech")  # fmt: skip


def count_from_first_stamp(episode: Episode, first: float) -> None:
    """Count the segments' times from the mission time ``first`` (negative before launch), kept in extra."""
    count_from(episode.segments, first)
    episode.extra["clock_start"] = first
    before = " (before launch)" if first < 0 else ""
    shown = ("-" if first < 0 else "") + format_timestamp(abs(first))
    episode.repair("mission_time", f"times are the mission's elapsed time from {shown}{before}: counted from "
                                   "that first stamp, which is kept in extra['clock_start']")  # fmt: skip

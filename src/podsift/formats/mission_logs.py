"""Space missions' transcripts: turns stamped with the mission's elapsed time, spoken by call signs.

Spacelog's transcript files put a stamp line over the turns said in it, one ``Call sign: words``
line a turn (``Dawn 1 (Kamanin): Do you read me?``), a line opening with spaces carrying on the
line above. The stamp is ``[days:hours:minutes:seconds]`` from launch, negative before it
(``[-00:01:57:00]``). Lines opening with ``_`` are the editors' fields of the stamp's block:
``_comment:`` and ``_note:`` are notes on what was said (kept as directions), the others
(``_lang: en``, ``_page: 3``, ``_tape: 1/1``) facts about the file. A line opening with ``#`` is a
comment on the file itself, never a heading.

The Apollo 13 real-time project's loops come in two shapes. The air-ground loop puts the times
and the call sign on a line over the words: ``[55 46 11 - 55 46 27] CDR`` (hours, minutes and
seconds into the mission, start and end); an utterance another cuts into opens ``[55 48 40 -]``
and resumes ``[- 55 49 12]``, after the interruption. The flight director's loop is set in columns:
``55:46:46             CAPCOM  Okay FLIGHT, …``, the call sign right-aligned against the words
(``Maroon EECOM``, ``FLIGHT (off loop)``), a line wrapped indented to the words' column, and a
resumed utterance with its call sign but no time.

The times are counted from the first stamp: a recording of the loop starts there, and a time
before launch is no place in it. The first stamp's mission time is kept in ``extra["clock_start"]``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from podsift.formats.clock_times import count_from
from podsift.formats.cues import word_shares
from podsift.formats.line_wrap import join_lines
from podsift.model import Episode
from podsift.text import agrees, counted, format_timestamp, prepare_plain, split_directions
from podsift.words import WORDS_PER_MINUTE

NAME = "mission_logs"
EXTENSIONS = (".txt",)
# Call signs are consoles, not people: "Guest CAPCOM" and "Maroon EECOM" are no full names of
# "CAPCOM" and "EECOM", so labels are shown as written.
LABELS_AS_WRITTEN = True

# "[00:00:00:02]", "[-00:01:57:00]": days, hours, minutes and seconds from launch.
_STAMP = re.compile(r"\[(?P<sign>-?)(?P<d>\d{1,3}):(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d):(?P<s>[0-5]\d)\]")
# "_comment: (passed twice).", "_lang: en": a field of the block, its value maybe carried on indented lines.
_FIELD = re.compile(r"_(?P<key>[a-z][a-z_]{0,20})[ \t]*:[ \t]*(?P<value>.*)")
# "Dawn 1 (Kamanin): text": a call sign, maybe with the person behind it in brackets.
_TURN = re.compile(r"(?P<name>[^\W_][^:\n]{0,39}?)[ \t]*:(?:[ \t]+(?P<words>.*)|$)")
_NOTE_KEYS = frozenset({"comment", "note"})
# "[55 46 11 - 55 46 27] CDR", "[55 48 40 -] CAPCOM", "[- 55 49 12] CAPCOM": times, then the call sign.
_MET = r"\d{1,3} [0-5]\d [0-5]\d"
_LOOP_HEADER = re.compile(rf"\[(?P<resumed>-[ \t]*)?(?P<a>{_MET})(?:[ \t]*-(?:[ \t]*(?P<b>{_MET}))?)?[ \t]*\]"
                          r"[ \t]+(?P<name>[^\s\[\]][^\[\]]{0,39})")
# "55:46:46             CAPCOM  Okay FLIGHT, …": a time, the call sign against the words two spaces on.
_COLUMN_LINE = re.compile(r"(?P<t>\d{1,3}:[0-5]\d:[0-5]\d)?[ \t]+(?P<name>[^\s\d][^ \t]*(?: [^ \t]+){0,3})[ \t]{2,}(?=\S)")
_NOTE_LABEL = "(note)"
_UNHEARD = re.compile(r"\?+(?: \(off loop\))?")  # "??", "?? (off loop)": the voice was not made out
_COLUMN_SHARE = 0.9  # of the timed lines put their words in one column
_SNIFF_LINES = 400
_LEAST_STAMPS = 3
_TURN_SHARE = 0.8  # of the stamps have a turn or a field right under them
_SHORTEST_TURN = 2.0  # seconds: "Roger." is said, and heard, in about this long


def _seconds(stamp: re.Match[str]) -> float:
    value = int(stamp["d"]) * 86400 + int(stamp["h"]) * 3600 + int(stamp["m"]) * 60 + int(stamp["s"])
    return float(-value if stamp["sign"] else value)


def _met(value: str) -> float:
    """Seconds of "55 46 11" or "55:46:11" (hours, minutes, seconds)."""
    hours, minutes, seconds = (int(n) for n in re.split(r"[ :]", value))
    return float(hours * 3600 + minutes * 60 + seconds)


def _shape(text: str) -> str | None:
    """Which of the three shapes ``text`` is in ("spacelog", "loop", "columns"), None if none."""
    raw = text[:65536].lstrip("\ufeff").split("\n")[:_SNIFF_LINES]
    if _spacelog(raw):
        return "spacelog"
    lines = [line.strip() for line in raw if line.strip()]
    headers = [k for k, line in enumerate(lines) if _LOOP_HEADER.fullmatch(line)]
    if len(headers) >= _LEAST_STAMPS and len(headers) >= 0.8 * sum(line.startswith("[") for line in lines):
        return "loop"
    timed = [m for line in raw if (m := _COLUMN_LINE.match(line)) and m["t"]]
    columns = Counter(m.end() for m in timed)
    if len(timed) >= _LEAST_STAMPS and columns.most_common(1)[0][1] >= _COLUMN_SHARE * len(timed):
        names = Counter(m["name"] for m in timed)
        if len(names) <= len(timed) / 2:  # call signs recur
            return "columns"
    return None


def sniff(text: str) -> float:
    return 0.9 if _shape(text) else 0.0


def _spacelog(raw: list[str]) -> bool:
    lines = [line.strip() for line in raw if line.strip()]
    stamps = [k for k, line in enumerate(lines) if _STAMP.fullmatch(line)]
    if len(stamps) < _LEAST_STAMPS:
        return False
    under = sum(1 for k in stamps if k + 1 < len(lines) and (_TURN.fullmatch(lines[k + 1]) or _FIELD.fullmatch(lines[k + 1])))
    if under < _TURN_SHARE * len(stamps):
        return False
    # A video editor's timecode ("[00:00:03:20]", its last field a frame) never goes negative, has
    # no editors' fields and keeps its frames under 30: a mission's stamps show one of these somewhere.
    return any(line.startswith(("[-", "_")) or (int(line[-3:-1]) >= 30 if _STAMP.fullmatch(line) else False)
               for line in lines)


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


def _later_starts(starts: list[float]) -> list[float | None]:
    """For each start, the next one after it in the file that is later; in one pass (a stack)."""
    later: list[float | None] = [None] * len(starts)
    waiting: list[int] = []
    for k, start in enumerate(starts):
        while waiting and starts[waiting[-1]] < start:
            later[waiting.pop()] = start
        waiting.append(k)
    return later


def parse(text: str, episode: Episode) -> None:
    text = prepare_plain(text, episode)
    shape = _shape(text)
    if shape == "loop":
        _read_turns(_loop_turns(text), "the air-ground loop's '[55 46 11 - 55 46 27] CDR' lines", episode)
        return
    if shape == "columns":
        _read_turns(_column_turns(text), "the loop's columns ('55:46:46   CAPCOM  words')", episode)
        return
    blocks, comments, fields, notes = _blocks(text, episode)
    if not blocks:
        episode.repair("empty", "the text was empty")
        return
    shared = 0
    for block, after in zip(blocks, _later_starts([b.start for b in blocks])):
        texts = [split_directions(join_lines(turn.lines)) for turn in block.turns]
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
                                        f"each starts at its stamp, {counted(shared, 'other')} "
                                        f"{agrees(shared, 'is', 'are')} timed by their words")  # fmt: skip
    if fields:
        episode.extra.setdefault("fields", {}).update(fields)
    if comments:
        episode.extra["comments"] = comments
        episode.repair("comments", f"{counted(len(comments), 'comment line')} opening with '#' (such as {comments[0][:50]!r}) "
                                   f"{agrees(len(comments), 'is', 'are')} the editors' notes on the file: kept in extra['comments'], not speech")  # fmt: skip
    if notes or fields:
        note = "editors' note"
        episode.repair("mission_fields", f"{counted(notes, note)} ('_comment:', '_note:') kept as directions beside "
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


@dataclass
class _Said:
    line_no: int
    start: float | None  # None: an utterance resumed after another cut into it
    end: float | None
    speaker: str
    lines: list[str]


def _loop_turns(text: str) -> list[_Said]:
    """The air-ground loop's turns: a header line of times and call sign, the words under it."""
    turns: list[_Said] = []
    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if head := _LOOP_HEADER.fullmatch(line):
            a, b = _met(head["a"]), _met(head["b"]) if head["b"] else None
            start, end = (None, a) if head["resumed"] else (a, b)
            turns.append(_Said(line_no, start, end, head["name"].strip(), []))
        elif turns:
            turns[-1].lines.append(line)
        else:
            turns.append(_Said(line_no, None, None, "", [line]))  # words above the first header
    return turns


def _column_turns(text: str) -> list[_Said]:
    """The flight director's loop in columns: a turn a line opened by its time and call sign (or its
    call sign alone, resumed), lines indented to the words' column carrying it on."""
    lines = text.split("\n")
    found = [(k, m) for k, line in enumerate(lines) if (m := _COLUMN_LINE.match(line))]
    column = Counter(m.end() for _, m in found if m["t"]).most_common(1)[0][0]
    opening = {k: m for k, m in found if m.end() == column}
    turns: list[_Said] = []
    for k, raw in enumerate(lines):
        if not raw.strip():
            continue
        if m := opening.get(k):
            start = _met(m["t"]) if m["t"] else None
            turns.append(_Said(k + 1, start, None, m["name"], [raw[m.end():]]))
        elif turns:
            turns[-1].lines.append(raw)  # wrapped to the words' column
        else:
            turns.append(_Said(k + 1, None, None, "", [raw]))
    return turns


def _read_turns(turns: list[_Said], shown: str, episode: Episode) -> None:
    """Add the loops' turns; a resumed one starts where the turn it waited for did."""
    resumed = notes = unheard = 0
    last: float | None = None
    for turn in turns:
        start = turn.start
        if start is None and last is not None:
            start, resumed = last, resumed + 1
        spoken, directions = split_directions(join_lines(turn.lines))
        end = turn.end if turn.end is not None and start is not None and turn.end >= start else None
        if turn.speaker == _NOTE_LABEL:
            notes += 1  # the project's note on the tape ("(note) << An off-loop conversation …"): no one's words
            episode.add_segment("", start=start, end=end, directions=[" ".join([spoken, *directions])])
        else:
            unheard += _UNHEARD.fullmatch(turn.speaker) is not None
            speaker = None if _UNHEARD.fullmatch(turn.speaker) else turn.speaker or None
            episode.add_segment(spoken, start=start, end=end, speaker=speaker, directions=directions)
        last = start if start is not None else last
    first = next((s.start for s in episode.segments if s.start is not None), None)
    if first:
        count_from_first_stamp(episode, first)
    episode.repair("mission_loop", f"{len(turns)} turns read from {shown}: call sign and mission time")
    if notes or unheard:
        note_turn = "'(note)' turn"
        episode.repair("loop_labels", f"{counted(notes, note_turn)} {agrees(notes, 'is', 'are')} the transcribers' notes, kept as directions; "
                                      f"{counted(unheard, 'turn')} labelled '??' (a voice not made out) {agrees(unheard, 'has', 'have')} no speaker")  # fmt: skip
    if resumed:
        episode.repair("resumed_turns", f"{counted(resumed, 'utterance')} resumed after another cut into them (no start of "
                                        f"their own) {agrees(resumed, 'starts', 'start')} where the turn they waited for did")  # fmt: skip

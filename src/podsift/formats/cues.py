"""Caption cues, the shared middle of the WebVTT, SRT and Podcasting 2.0 readers.

Speakers: the Podcasting 2.0 transcript spec puts ``<v Name>`` at the start of a
caption *when the speaker changes*, and SRT cards start with ``Name:`` on a
change, so a cue without a name continues the last named speaker. A dialogue
dash (``- ``) or ``>>`` marks a change to someone unnamed; cues that are only a
stage direction (``[music]``) belong to nobody.

Caption cues are fragments of what someone said, cut to fit on screen. The
canonical timeline wants turns, so in a file of short cues, consecutive cues by
the same named speaker are joined (see ``merge_turns`` and ``fragmented``).
Rendering writes one cue per segment, and the joining rules are chosen so that
reading that output back gives the same segments.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from podsift.model import Episode, Segment
from podsift.text import format_timestamp, parse_timestamp, split_directions, squash


# ---------------------------------------------------------------------------
# Cues: what every caption reader produces before text and speakers are worked out.


@dataclass
class Cue:
    position: int  # 1-based order in the file; repairs say "cue N"
    start: float | None
    end: float | None
    payload: str  # the cue text as written, lines joined by "\n"
    identifier: str | None = None
    label: str = "cue"

    @property
    def where(self) -> str:
        return f"{self.label} {self.position}"


@dataclass
class Piece:
    """One speaker's part of a cue (or JSON entry), before turns are merged."""

    start: float | None
    end: float | None
    speaker: str | None
    text: str
    directions: list[str] = field(default_factory=list)


Note = tuple[str, str, str | None]  # (kind, detail, where), recorded as repairs

_TS_TEXT = r"[\d:.,]*"
# A line holding "-->" with something time-like on either side; "a --> b" in speech is not one.
_TIMING = re.compile(rf"^\s*({_TS_TEXT})\s*-->\s*({_TS_TEXT})(.*)$")
_DIGITS = re.compile(r"^\d+$")
_BLOCK_KEYWORD = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")


def ms(value: float | None) -> float | None:
    """Times are kept to the millisecond, so every format reads the same float back."""
    return None if value is None else round(value, 3)


def _timing(line: str) -> re.Match[str] | None:
    if "-->" not in line:
        return None
    m = _TIMING.match(line)
    if m and (m.group(1) or m.group(2)):
        return m
    return None


def clock(value: str) -> float | None:
    return ms(parse_timestamp(value)) if value else None


def read_cues(text: str, *, vtt: bool) -> tuple[list[Cue], list[Note]]:
    """The tolerant hand-written reader: cues in file order, and what it had to work around.

    ``text`` must already have LF line ends. Any line with ``-->`` and a time starts
    a cue, whether or not a blank line came before it; the line just before it is the
    cue's identifier when it is a number or follows a blank line.
    """
    lines = text.split("\n")
    notes: list[Note] = []
    timings = {i: m for i, line in enumerate(lines) if (m := _timing(line))}
    order = sorted(timings)

    header_end = 0
    if vtt:
        top = next((i for i, line in enumerate(lines) if line.strip()), 0)
        if lines[top].strip().startswith("WEBVTT"):
            header_end = top + 1
            while header_end < len(lines) and lines[header_end].strip() and header_end not in timings:
                header_end += 1
        else:
            notes.append(("missing_header", "no WEBVTT header line; read as WebVTT anyway", None))

    starts: list[int] = []
    for t in order:
        first = t
        prev = t - 1
        if prev >= header_end and prev not in timings and lines[prev].strip():
            if _DIGITS.match(lines[prev].strip()) or prev == 0 or not lines[prev - 1].strip():
                first = prev
        starts.append(first)

    def skip_blocks(lo: int, hi: int) -> list[int]:
        """Indexes of stray lines in lines[lo:hi], skipping blank lines and VTT NOTE/STYLE/REGION blocks."""
        stray: list[int] = []
        i, after_blank = lo, True
        while i < hi:
            line = lines[i].strip()
            if not line:
                after_blank = True
            elif vtt and after_blank and _BLOCK_KEYWORD.match(line):
                while i < hi and lines[i].strip():
                    i += 1
                continue
            else:
                stray.append(i)
                after_blank = False
            i += 1
        return stray

    if order:
        ignored = skip_blocks(header_end, starts[0])
        if ignored:
            notes.append((
                "ignored_text",
                f"{len(ignored)} line(s) before the first cue were not captions and were left out",
                f"line {ignored[0] + 1}",
            ))
        if vtt and header_end and header_end in timings:
            notes.append(("missing_blank_line", "no blank line after the WEBVTT header", "cue 1"))
    else:
        notes.append(("no_cues", "found no timed cues (lines with '-->')", None))

    cues: list[Cue] = []
    for k, t in enumerate(order):
        position = k + 1
        hi = starts[k + 1] if k + 1 < len(order) else len(lines)
        m = timings[t]
        start, end = clock(m.group(1)), clock(m.group(2))
        if vtt and "," in m.group(1) + m.group(2):
            notes.append(("comma_millis", "times use ',' before the milliseconds, as SRT does; read anyway",
                          f"cue {position}"))
        bad = [side for side, value in (("start", start), ("end", end)) if value is None]
        if bad:
            notes.append((
                "bad_timestamp",
                f"unreadable {' and '.join(bad)} time in {lines[t].strip()!r}; left empty",
                f"cue {position}",
            ))
        payload: list[str] = []
        i = t + 1
        while i < hi and lines[i].strip():
            payload.append(lines[i].strip())
            i += 1
        stray = skip_blocks(i, hi)
        if stray:
            payload.extend(lines[j].strip() for j in stray)
            notes.append((
                "stray_text",
                f"{len(stray)} line(s) after a blank line inside the cue kept as its text",
                f"cue {position}",
            ))
        if k + 1 < len(order) and (hi - 1 == t or lines[hi - 1].strip()):
            notes.append((
                "missing_blank_line",
                "the cue started right after the previous one with no blank line between",
                f"cue {position + 1}",
            ))
        identifier = lines[starts[k]].strip() if starts[k] != t else None
        cues.append(Cue(position, start, end, "\n".join(payload), identifier))
    return cues, notes


# ---------------------------------------------------------------------------
# Cue text: tags, entities, voices, "Name:" prefixes, dialogue dashes, directions.

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>\n]*))?>")
# Markup, not speech: <i>, </c>, <c.colorE5E5E5>, <font color="x">, <00:00:01.000>, {\an8}.
# Only tag names captions use, since SRT cannot escape "<": "paid <an hourly rate>" is speech.
_TAG = re.compile(
    r"</?(?:[ibuscv]|font|span|ruby|rt|lang|em|strong|br)(?:\.[^\s<>]*)?(?:[ \t/][^<>\n]*)?>"
    r"|<\d+(?::\d+){1,2}(?:[.,]\d+)?>|\{\\[^{}\n]*\}",
    re.IGNORECASE,
)
# Only complete references with a semicolon, so "R&D" or "&copy 2020" in SRT text stay as written.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A dialogue dash or ">>" opening a line: a change to a speaker the caption does not name.
_CHANGE = re.compile(r"^(?:>>|[-–—](?=[ \t]|$))[ \t]*")
# 1-3 capitalised words (a trailing number allowed: "Speaker 2"), then a colon.
_NAME_PREFIX = re.compile(
    r"^((?:[^\W\d_][\w'’.\-]*)(?:[ \t]+[^\W\d_][\w'’.\-]*){0,2}(?:[ \t]+\d{1,3})?)[ \t]?:(?:[ \t]+|$)"
)
_NOT_NAMES = frozenset(
    {"note", "notes", "update", "edit", "warning", "source", "transcript", "summary",
     "http", "https", "ps", "re", "fw", "fwd", "subject", "date", "time", "title", "tags"}
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class _Part:
    speaker: str | None  # named by a voice span or "Name:" prefix
    change: bool  # opened by a dialogue dash: someone new, unnamed
    text: str
    directions: list[str]


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def clean_text(raw: str) -> str:
    """Cue text without markup or entity escapes, on one line."""
    return squash(_unescape(_TAG.sub(_untag, raw)))


def _untag(m: re.Match[str]) -> str:
    # A line break tag separates words; other tags may sit inside a word ("<i>un</i>sure").
    return " " if m.group(0)[1:3].lower() == "br" else ""


def name_prefix(text: str) -> tuple[str | None, str]:
    """Split a ``Name:`` prefix off ``text``: (name, rest), or (None, text)."""
    m = _NAME_PREFIX.match(text)
    if not m:
        return None, text
    name = squash(m.group(1))
    words = name.split(" ")
    if len(name) > 40 or name.lower() in _NOT_NAMES or not all(w[0].isupper() or w.isdigit() for w in words):
        return None, text
    return name, text[m.end():]


def _parts(payload: str) -> list[_Part]:
    """The speaker parts of one cue, in order; most cues have exactly one."""
    chunks: list[tuple[str | None, str]] = []
    pos, voice = 0, None
    for m in _VOICE.finditer(payload):
        if payload[pos:m.start()].strip():
            chunks.append((voice, payload[pos:m.start()]))
        voice = squash(clean_text(m.group(1) or "")) or None
        pos = m.end()
    chunks.append((voice, payload[pos:]))

    parts: list[_Part] = []
    for voice, chunk in chunks:
        # A dash, or a "Name:" opening a later line, starts another speaker's part.
        groups: list[tuple[bool, list[str]]] = []
        for line in chunk.split("\n"):
            dash = _CHANGE.match(line)
            if dash or not groups or name_prefix(clean_text(line))[0]:
                groups.append((bool(dash), [line[dash.end():] if dash else line]))
            else:
                groups[-1][1].append(line)
        for index, (change, lines) in enumerate(groups):
            text = clean_text(" ".join(lines))
            # A voice span names its first group; a dash after it means someone else.
            speaker = voice if index == 0 else None
            change = change and speaker is None
            if speaker is None:
                speaker, text = name_prefix(text)
            spoken, directions = split_directions(text)
            parts.append(_Part(speaker, change, spoken, directions))
    return parts


def cue_pieces(cues: list[Cue], episode: Episode) -> list[Piece]:
    """Turn cleaned, time-repaired cues into speaker pieces, resolving who speaks each."""
    pieces: list[Piece] = []
    current: str | None = None
    for cue in cues:
        parts = _parts(cue.payload)
        kept: list[_Part] = []
        for part in parts:
            if part.speaker is not None:
                current = part.speaker
            elif part.change:
                current = None
            if not part.text and not part.directions:
                continue
            if part.speaker is None and not part.change and part.text:
                part.speaker = current  # a caption names its speaker only when it changes
            kept.append(part)
        if not kept:
            episode.repair("empty_cue", "a cue with no text was dropped", cue.where)
            continue
        if len(kept) > 1:
            episode.repair(
                "split_cue",
                f"one cue held {len(kept)} speakers; its time was divided by length of text",
                cue.where,
            )
        for part, (start, end) in zip(kept, _divide(cue.start, cue.end, kept)):
            pieces.append(Piece(start, end, part.speaker, part.text, part.directions))
    return pieces


def _divide(start: float | None, end: float | None, parts: list[_Part]) -> list[tuple[float | None, float | None]]:
    if len(parts) == 1 or start is None or end is None:
        return [(start, end)] * len(parts)
    weights = [len(p.text) + sum(len(d) for d in p.directions) or 1 for p in parts]
    total = sum(weights)
    bounds, acc = [start], 0
    for w in weights[:-1]:
        acc += w
        bounds.append(round(start + (end - start) * acc / total, 3))
    bounds.append(end)
    return [(bounds[i], bounds[i + 1]) for i in range(len(parts))]


# ---------------------------------------------------------------------------
# Times: duplicates, end before start, out of order, overlaps.


def fix_times(cues: list[Cue], episode: Episode) -> list[Cue]:
    """Repair cue times, keeping file order; every change is recorded."""
    kept: list[Cue] = []
    for cue in cues:
        prev = kept[-1] if kept else None
        if prev and (prev.start, prev.end, prev.payload) == (cue.start, cue.end, cue.payload):
            episode.repair("duplicate_cue", "the same cue appeared twice in a row; kept once", cue.where)
            continue
        kept.append(cue)

    for k, cue in enumerate(kept):
        if cue.start is not None and cue.end is not None and cue.end < cue.start:
            nxt = next((c.start for c in kept[k + 1:] if c.start is not None), None)
            new_end = nxt if nxt is not None and nxt > cue.start else cue.start
            episode.repair(
                "end_before_start",
                f"ended at {_fmt(cue.end)}, before its start {_fmt(cue.start)}; end set to {_fmt(new_end)}",
                cue.where,
            )
            cue.end = new_end

    # A start before an earlier one is kept where the file puts it: in real files it is
    # nearly always one mistyped time, and sorting would move the words out of context.
    latest: float | None = None
    for cue in kept:
        if cue.start is None:
            continue
        if latest is not None and cue.start < latest:
            episode.repair(
                "time_backwards",
                f"starts at {_fmt(cue.start)}, before an earlier cue's {_fmt(latest)}; kept in file order",
                cue.where,
            )
        latest = cue.start if latest is None else max(latest, cue.start)

    for prev, cue in zip(kept, kept[1:]):
        if prev.end is not None and cue.start is not None and prev.end > cue.start >= (prev.start or 0.0):
            episode.repair(
                "overlap",
                f"overlapped the next cue until {_fmt(prev.end)}; end set to its start {_fmt(cue.start)}",
                prev.where,
            )
            prev.end = cue.start
    return kept


def _fmt(seconds: float | None) -> str:
    return format_timestamp(seconds, millis=True)


# ---------------------------------------------------------------------------
# Turns.

MAX_GAP = 2.0  # a longer silence starts a new turn even for the same speaker
MAX_TURN = 60.0  # keeps a monologue citable in pieces
WORD_SENTENCE_TURN = 30.0  # word-level sources: past this, a turn ends at the next sentence end
# Caption lines are 32-65 characters and cues one or two lines; paragraphs run far longer.
FRAGMENT_CHARS = 160


def _size(piece: Piece) -> int:
    return len(piece.text) + sum(len(d) + 1 for d in piece.directions)


def fragmented(pieces: list[Piece]) -> bool:
    """Do these cues look like caption fragments rather than whole paragraphs?

    Only fragments are joined into turns (and only a short piece is joined onto
    the turn before it). Paragraph-long cues, as in our own export of a
    turn-level transcript, are already turns, and joining two of them would lose
    a break that the source made on purpose.
    """
    sizes = sorted(_size(p) for p in pieces)
    return bool(sizes) and sizes[len(sizes) // 2] <= FRAGMENT_CHARS


def _joins(a: Piece, b: Piece, merge_unnamed: bool, sentence_turn: float) -> bool:
    if a.speaker != b.speaker or (a.speaker is None and not merge_unnamed) or _size(b) > FRAGMENT_CHARS:
        return False
    if (a.start is None) != (b.start is None):
        return False
    if a.start is not None and b.start is not None and b.start < a.start:
        return False
    if a.start is not None and (a.end == a.start or (a.end is None and sentence_turn <= 0)):
        # A timed cue of zero or unknown length marks a point, not a caption on screen:
        # that is how exports show paragraphs that share one start. Word-level
        # sources are exempt, since their words often come without ends.
        return False
    if a.end is not None and b.start is not None and not 0 <= round(b.start - a.end, 3) <= MAX_GAP:
        return False  # a pause, or a cue that goes back in time
    if a.start is not None and b.end is not None and round(b.end - a.start, 3) > MAX_TURN:
        return False
    if _SENTENCE_END.search(a.text):
        if sentence_turn <= 0:
            return False
        if a.start is not None and a.end is not None and round(a.end - a.start, 3) > sentence_turn:
            return False
    return True


def join_text(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    # Word-level sources give punctuation its own entry; it belongs to the word before.
    return a + b if b[0] in ",.;:!?)…%" else f"{a} {b}"


def merge_turns(
    pieces: Iterable[Piece], *, merge_unnamed: bool = False, sentence_turn: float = 0.0
) -> list[Piece]:
    """Join consecutive pieces by the same speaker into turns.

    A turn ends at a change of speaker, a gap over ``MAX_GAP``, once it would pass
    ``MAX_TURN``, before a piece too long to be a caption fragment, and at a
    sentence end (for word-level sources, only once the turn is over
    ``sentence_turn`` seconds). Caption cues are cut to fit the screen, so one that
    stops mid-sentence is a fragment; one that ends a sentence may be a whole
    paragraph, and joining those would merge paragraphs other formats keep apart.

    Each rule looks only at the two pieces being joined (and a joined turn is never
    shorter than its first piece), so merging a merged timeline again changes
    nothing: that is what lets render -> parse round-trip.
    """
    turns: list[Piece] = []
    for p in pieces:
        if turns and _joins(turns[-1], p, merge_unnamed, sentence_turn):
            t = turns[-1]
            t.text = join_text(t.text, p.text)
            t.directions.extend(p.directions)
            t.end = p.end if p.end is not None else t.end
        else:
            turns.append(Piece(p.start, p.end, p.speaker, p.text, list(p.directions)))
    return turns


def add_pieces(episode: Episode, pieces: Iterable[Piece]) -> None:
    for p in pieces:
        episode.add_segment(p.text, start=p.start, end=p.end, speaker=p.speaker, directions=p.directions)


def record(episode: Episode, notes: Iterable[Note]) -> None:
    for kind, detail, where in notes:
        episode.repair(kind, detail, where)


def build(cues: list[Cue], episode: Episode) -> None:
    """Cues to segments: repair times, resolve speakers, merge turns, add."""
    pieces = cue_pieces(fix_times(cues, episode), episode)
    add_pieces(episode, merge_turns(pieces) if fragmented(pieces) else pieces)


def choose_cues(
    text: str,
    episode: Episode,
    *,
    vtt: bool,
    library: Callable[[str], list[Cue]],
    library_name: str,
    clean: Callable[[str], bool] = lambda _text: True,
) -> list[Cue]:
    """Cues from the library when the file is sound, else from the tolerant reader."""
    cues, notes = read_cues(text, vtt=vtt)
    if notes or not cues or not clean(text):
        record(episode, notes)
        return cues
    try:
        from_lib = library(text)
    except Exception as err:  # any library failure means: read it ourselves
        episode.repair("reader_fallback", f"{library_name} could not read the file ({err}); read tolerantly")
        return cues
    if [(c.start, c.end) for c in from_lib] != [(c.start, c.end) for c in cues]:
        episode.repair(
            "reader_fallback",
            f"{library_name} read {len(from_lib)} cues where the tolerant reader found {len(cues)}; "
            "used the tolerant reading",
        )
        return cues
    return from_lib


# ---------------------------------------------------------------------------
# Rendering helpers shared with SRT.

WRAP = 65  # the spec's recommended caption line length


def cue_times(segments: list[Segment]) -> list[tuple[Segment, float, float]]:
    """Every renderable segment with a start and end a caption file can hold.

    Captions need times, so a segment without a start takes the previous cue's end
    (0 at the top) and one without a usable end takes the next known start, or its
    own start. Render is pure: these fills are not reported. Segments with neither
    text nor directions are skipped, as there is nothing to show.
    """
    shown = [s for s in segments if s.text or s.directions]
    next_start: list[float | None] = [None] * len(shown)
    upcoming: float | None = None
    for k in range(len(shown) - 1, -1, -1):
        next_start[k] = upcoming
        upcoming = shown[k].start if shown[k].start is not None else upcoming
    out: list[tuple[Segment, float, float]] = []
    previous_end = 0.0
    for k, seg in enumerate(shown):
        start = seg.start if seg.start is not None else previous_end
        end = seg.end
        if end is None or end < start:
            nxt = next_start[k]
            end = nxt if nxt is not None and nxt >= start else start
        out.append((seg, start, end))
        previous_end = end
    return out


def cue_body(seg: Segment) -> str:
    """Spoken text with its directions after it; they read back as directions."""
    return " ".join(x for x in (seg.text, *seg.directions) if x)


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most ``width`` characters where words allow.

    A line never starts with a dash or ">>" (that would read back as a change of
    speaker) nor with a number or time (which could pass for a cue number or timing).
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and (len(lines[-1]) + 1 + len(word) <= width or _RISKY_LINE_START.match(word)):
            lines[-1] += " " + word
        else:
            lines.append(word)
    # Nor with "Name:", which would read back as someone else speaking.
    for k in range(len(lines) - 1, 0, -1):
        if name_prefix(clean_text(lines[k]))[0]:
            lines[k - 1] += " " + lines.pop(k)
    return lines or [""]


_RISKY_LINE_START = re.compile(r"^(?:[-–—]|>>|[\d:.,]+$)")


def speaker_marks(segments: Iterable[tuple[Segment, float, float]]) -> list[str | None]:
    """Per cue: the speaker to name, "" for an unnamed change (dash), or None for nothing.

    Named speakers are always written. An unnamed segment after a named one gets a
    dialogue dash, because a reader would otherwise carry the last name over.
    """
    marks: list[str | None] = []
    named_before = False
    for seg, _, _ in segments:
        if seg.speaker:
            marks.append(seg.speaker)
            named_before = True
        else:
            marks.append("" if named_before else None)
    return marks

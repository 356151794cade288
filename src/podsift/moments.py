"""Moments: the passages search returns, each a place a listener would jump to.

A moment is one speaker's turn, or a window of a turn when it is long, at most
about 90 s or 1,000 characters. Tiny interjections ("Yeah.", "Right.") are
folded into a neighbouring moment rather than standing alone. Each moment also
carries *context* for indexing only: its chapter title and the turn before it,
which in an interview is usually the question being answered.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from podsift.model import Episode, Segment
from podsift.text import NOT_AFTER_ABBREVIATION
from podsift.words import unspaced_characters

# Bump when the way moments are cut changes: the next ingest cuts every stored episode's
# moments again (and embedding then does only the texts that changed).
VERSION = 6

MAX_SECONDS = 90.0
MAX_CHARS = 1000
# A segment this short and with few words is an interjection, not a moment of its own.
TINY_CHARS = 40
TINY_WORDS = 5
# The end of the turn before: in an interview, the question this moment answers.
CONTEXT_CHARS = 300
CHARS_PER_SECOND = 15.0  # a Chinese or Japanese character counts three: about 5 are said a second

# Whitespace after a sentence end (closing quotes or brackets may follow the stop).
SENTENCE_END = re.compile(rf"(?<=[.!?…]){NOT_AFTER_ABBREVIATION}\s+|(?<=[.!?…][\"'”’)])\s+", re.IGNORECASE)
# Where a quoted sentence may end: also after 。！？ with no space at all, as Chinese and
# Japanese write them (a split that keeps every character, unlike a moment's cut).
SENTENCE_BREAK = re.compile(SENTENCE_END.pattern + r"|(?<=[。！？])(?![」』）])\s*|(?<=[。！？][」』）])\s*",
                            re.IGNORECASE)  # fmt: skip


@dataclass
class Moment:
    ordinal: int
    start: float | None
    end: float | None
    speakers: list[str]
    chapter: str | None
    first_segment: int
    last_segment: int
    text: str
    context: str = ""

    @property
    def embed_hash(self) -> str:
        return text_hash(embed_text(self.chapter, self.text))


def episode_profile(episode: Episode) -> str:
    """An episode in a few lines: its title and whatever description the source gave."""
    parts = [episode.title or ""]
    for key in ("description", "intro", "summary"):
        value = episode.extra.get(key)
        if isinstance(value, str):
            parts.append(value)
    human = [c.title for c in episode.chapters if not c.generated]
    if not parts[1:] and human:
        parts.append("; ".join(human))
    return " ".join(p.strip() for p in parts if p and p.strip())


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_text(chapter: str | None, text: str) -> str:
    """What the embedding model sees of a moment: the chapter for topic, then the words."""
    return f"{chapter}. {text}" if chapter else text


@dataclass
class _Span:
    """A stretch of one segment's text that goes into a moment."""

    segment: Segment
    text: str
    start: float | None
    end: float | None


def build_moments(episode: Episode) -> list[Moment]:
    """Cut an episode's timeline into moments, in order."""
    spans = list(_spans(episode))
    groups: list[list[_Span]] = []
    for span in spans:
        if groups and _fits(groups[-1], span):
            groups[-1].append(span)
        else:
            groups.append([span])
    tiny = {id(span) for group in groups if _tiny(group) for span in group}
    groups = _fold_tiny(groups)

    moments: list[Moment] = []
    for group in groups:
        # Whose moment it is: an interjection folded in ("Yeah.", "Why?") does not make the
        # listener's moment theirs too, or a speaker filter would return the others' answers.
        said = [span for span in group if id(span) not in tiny] or group
        speakers: list[str] = []
        for span in said:
            if span.segment.speaker and span.segment.speaker not in speakers:
                speakers.append(span.segment.speaker)
        first = group[0].segment
        chapter = episode.chapter_of(first.ordinal)
        moments.append(
            Moment(
                ordinal=len(moments),
                start=group[0].start,
                end=_group_end(group),
                speakers=speakers,
                # Generated titles stay out of search context and results: on the dev set
                # they cost hit@5 (0.72 -> 0.70) for no gain (benchmarks/chapter_context.py).
                chapter=chapter.title if chapter and not chapter.generated else None,
                first_segment=first.ordinal,
                last_segment=group[-1].segment.ordinal,
                text=" ".join(s.text for s in group),
            )
        )
    _fill_ends_and_context(moments)
    return moments


def _spans(episode: Episode) -> Iterator[_Span]:
    """Speech segments, with any longer than a moment split at sentence ends."""
    for seg in episode.segments:
        if not seg.text:
            continue  # a stage direction alone is nothing to jump to
        if len(seg.text) <= MAX_CHARS:
            yield _Span(seg, seg.text, seg.start, seg.end)
            continue
        chunks = sentence_chunks(seg.text)
        offset = 0
        total = len(seg.text)
        for chunk in chunks:
            yield _Span(seg, chunk, time_at(seg, offset / total), time_at(seg, (offset + len(chunk)) / total))
            offset += len(chunk) + 1


def time_at(seg: Segment, fraction: float) -> float | None:
    """Estimated time a fraction of the way through a segment (speech is roughly even)."""
    if seg.start is None:
        return None
    if seg.end is None or seg.end <= seg.start:
        return seg.start if fraction == 0 else None
    return round(seg.start + (seg.end - seg.start) * fraction, 1)


def sentence_chunks(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split text at sentence ends into pieces of at most ``limit`` characters (words if must).

    Joined with single spaces, the pieces give back ``text`` with its whitespace squashed
    (only a "word" longer than ``limit``, such as a pasted blob, is cut inside).
    """
    sentences = SENTENCE_END.split(text)
    out: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # one run-on "sentence" (captions have few stops)
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                out.append(current)
                current = ""
            out.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > limit:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        out.append(current)
    return out


def _chars(group: list[_Span]) -> int:
    return sum(len(s.text) + 1 for s in group)


def _seconds(group: list[_Span], extra: _Span | None = None) -> float:
    times = [t for s in group + ([extra] if extra else []) for t in (s.start, s.end) if t is not None]
    return max(times) - min(times) if times else 0.0


def _fits(group: list[_Span], span: _Span) -> bool:
    """Whether a span continues the same speaker's moment without breaking its limits."""
    last = group[-1]
    if span.segment.speaker != last.segment.speaker:
        return False
    if span.segment is last.segment:
        return False  # pieces of a split segment stay apart
    if _chars(group) + len(span.text) > MAX_CHARS:
        return False
    return _seconds(group, span) <= MAX_SECONDS


def _tiny(group: list[_Span]) -> bool:
    text = " ".join(s.text for s in group)
    return len(text) <= TINY_CHARS and len(text.split()) <= TINY_WORDS


def _fold_tiny(groups: list[list[_Span]]) -> list[list[_Span]]:
    """Fold interjections into the moment before them.

    A short question ("Why?") leads into the answer after it instead, as does
    anything tiny at the very start.
    """
    out: list[list[_Span]] = []
    carry: list[_Span] = []
    for group in groups:
        if _tiny(group):
            asks = group[-1].text.rstrip().endswith("?")
            fits = out and _chars(out[-1]) + _chars(group) <= MAX_CHARS + TINY_CHARS
            if fits and not asks and not carry:  # after a carried question, keep the order
                out[-1].extend(group)
            else:
                carry.extend(group)
            continue
        if carry:
            group = carry + group
            carry = []
        out.append(group)
    if carry:
        out.append(carry)
    return out


def _group_end(group: list[_Span]) -> float | None:
    for span in reversed(group):
        if span.end is not None:
            return span.end
    return None


def _fill_ends_and_context(moments: list[Moment]) -> None:
    for i, moment in enumerate(moments):
        nxt = moments[i + 1].start if i + 1 < len(moments) else None
        if moment.start is not None:
            # A cue may end where it starts (end == start): that is no end at all.
            if moment.end is None or moment.end <= moment.start:
                moment.end = nxt if nxt is not None and nxt > moment.start else None
            # A segment's end is the next *timed* start, which can be minutes away when
            # the lines between lost their times. Speech runs ~15 characters a second;
            # an end far past that is not where these words stop.
            spoken = (len(moment.text) + 2 * unspaced_characters(moment.text)) / CHARS_PER_SECOND
            if moment.end is None or moment.end - moment.start > max(MAX_SECONDS, 3 * spoken):
                moment.end = round(moment.start + spoken, 1)
        parts = [moment.chapter or ""]
        if i > 0:
            before = moments[i - 1].text
            parts.append(before[-CONTEXT_CHARS:] if len(before) > CONTEXT_CHARS else before)
        moment.context = " ".join(p for p in parts if p)

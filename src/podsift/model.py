"""The canonical timeline every transcript becomes, whatever shape it arrived in."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from podsift.text import MAX_TIME, agrees, as_time, calendar_date, counted, strip_bidi, strip_controls, web_url

# Season and episode numbers: any real one is far below this, and every database holds it.
MAX_NUMBER = 2**31 - 1


@dataclass
class Segment:
    """One stretch of speech by one speaker.

    ``text`` holds only what was spoken. Stage directions such as "(pulsing music)"
    or "[laughs]" live in ``directions`` so search and quotes never show them as
    words someone said, yet nothing from the source is dropped. A segment that is
    only a stage direction has empty ``text``.
    """

    ordinal: int
    start: float | None
    end: float | None
    speaker: str | None
    text: str
    directions: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    """A titled part of an episode.

    ``first_segment`` is the ordinal of the first segment under the chapter, so a
    chapter stays placed even when its source gave no time.
    """

    title: str
    start: float | None
    first_segment: int = 0
    generated: bool = False  # computed by podsift, not written by a person


@dataclass
class Repair:
    """One thing a parser or the ingester fixed or noticed, and where."""

    kind: str
    detail: str
    where: str | None = None


@dataclass
class Episode:
    id: str
    title: str | None = None
    show: str | None = None
    season: int | None = None
    episode_number: int | None = None
    guests: list[str] = field(default_factory=list)
    date: str | None = None
    duration: float | None = None
    youtube_id: str | None = None
    media_url: str | None = None
    page_url: str | None = None
    source_path: str | None = None
    source_format: str | None = None
    content_hash: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

    def repair(self, kind: str, detail: str, where: str | None = None) -> None:
        """Record a repair in this episode's report."""
        self.repairs.append(Repair(kind, detail, where))

    def rename_speakers(self, names: dict[str, str]) -> None:
        """Show each speaker ``names`` maps under the name it maps to."""
        for seg in self.segments:
            if seg.speaker in names:
                seg.speaker = names[seg.speaker]

    def add_segment(
        self,
        text: str,
        *,
        start: float | None = None,
        end: float | None = None,
        speaker: str | None = None,
        directions: list[str] | None = None,
    ) -> Segment:
        # Runs of whitespace (non-breaking spaces included) carry no meaning in speech,
        # and every export format would normalise them anyway.
        text = " ".join(text.split())
        seg = Segment(len(self.segments), start, end, speaker, text, list(directions or []))
        self.segments.append(seg)
        return seg

    def add_chapter(self, title: str, start: float | None = None) -> Chapter:
        """Open a chapter at the next segment to be added."""
        chapter = Chapter(title, start, len(self.segments))
        self.chapters.append(chapter)
        return chapter

    def chapter_of(self, ordinal: int) -> Chapter | None:
        """The chapter a segment falls in, by position (chapters are in segment order)."""
        # Bisect, not a scan: to_json asks this for every segment, and pages may have 20k chapters.
        k = bisect_right(self.chapters, ordinal, key=lambda c: c.first_segment)
        return self.chapters[k - 1] if k else None

    def finish(self) -> None:
        """Check the values, then fill what can be derived once all segments are in.

        A chapter with no start takes its first segment's start, and the episode's
        duration falls back to the last known time.
        """
        self._check_values()
        # Only where the parser saw the clock go back, or moved it on: captions running forward that
        # repeat an ad or a jingle, or close with their opening lines, are no copies.
        restarted = any(r.kind in ("time_backwards", "times_restart") for r in self.repairs)
        copies, dropped = 1, 0
        for _ in range(_MOST_COPIES if restarted else 0):
            if not (gone := self._drop_second_copy()):
                break
            copies, dropped = copies + 1, dropped + gone
        if dropped:
            given = "twice" if copies == 2 else f"{copies} times"
            self.repair("repeated_transcript", f"the transcript is given {given}; the shorter "
                                               f"cop{'y' if copies == 2 else 'ies'} ({counted(dropped, 'segment')}) left out")  # fmt: skip
        if restarted and any(r.kind == "repeated_transcript" for r in self.repairs) and not self._goes_back():
            # The clock went back at a copy, and no longer does: that is explained now.
            self.repairs = [r for r in self.repairs if r.kind not in ("time_backwards", "times_restart")]
        for chapter in self.chapters:
            if chapter.start is None and chapter.first_segment < len(self.segments):
                chapter.start = self.segments[chapter.first_segment].start
        if self.duration is None:
            times = [t for s in self.segments for t in (s.end, s.start) if t is not None]
            if times:
                self.duration = max(times)

    def _check_values(self) -> None:
        """Make the invariants every later step relies on hold, whatever a parser let through.

        Times are finite seconds within a week (``round(inf)`` would break every page
        that shows the episode), numbers fit a database integer, links are http(s), and
        no text holds control characters (escape codes would drive a reader's terminal).
        Parsers repair these where they read them; this is the one place they all pass.
        """
        bad_times = 0

        def time(value: float | None) -> float | None:
            nonlocal bad_times
            if value is None:
                return None
            checked = as_time(value)
            bad_times += checked is None
            return checked

        controls = 0

        def text(value: str) -> str:
            nonlocal controls
            cleaned = strip_controls(value)
            controls += cleaned is not value
            return cleaned

        # Every segment passes here, so the common case (nothing to repair) is kept cheap:
        # times are compared inline, and one search over all the text decides whether any
        # field needs cleaning.
        backwards = 0
        for seg in self.segments:
            start, end = seg.start, seg.end
            if (start is not None and not 0 <= start <= MAX_TIME) or (end is not None and not 0 <= end <= MAX_TIME):
                seg.start, seg.end = start, end = time(start), time(end)
            if start is not None and end is not None and end < start:
                # Parsers mend their own formats' backward ends; none may reach the archive.
                seg.end = None
                backwards += 1
        spoken = "\n".join(
            chain((s.text for s in self.segments), (s.speaker or "" for s in self.segments),
                  (d for s in self.segments for d in s.directions), (c.title for c in self.chapters))
        )  # fmt: skip
        if strip_controls(spoken) is not spoken or strip_bidi(spoken) is not spoken:
            # Bidirectional marks are formatting, not a repair to report: a right-to-left file is
            # written so on purpose. Control characters are counted by text().
            def clean(value: str) -> str:
                return strip_bidi(text(value))

            for seg in self.segments:
                seg.text = clean(seg.text)
                if seg.speaker is not None:
                    seg.speaker = clean(seg.speaker).strip() or None
                seg.directions = [clean(d) for d in seg.directions]
            for chapter in self.chapters:
                chapter.title = clean(chapter.title)
        self._drop_empty_segments()
        for chapter in self.chapters:
            chapter.start = time(chapter.start)
        self.duration = time(self.duration)
        if bad_times:
            self.repair("bad_time", f"{counted(bad_times, 'time')} that {agrees(bad_times, 'was', 'were')} not "
                                    "a time (infinite, negative or over a week) left empty")  # fmt: skip
        if backwards:
            self.repair("end_before_start", f"{counted(backwards, 'segment')} ended before {agrees(backwards, 'it', 'they')} started; "
                                                 f"end left empty")
        for name in ("title", "show", "date", "youtube_id", "media_url", "page_url"):
            value = getattr(self, name)
            if value is not None:
                # YAML's folded scalars ("title: >") end in a line break: no part of the title
                setattr(self, name, strip_bidi(text(str(value))).strip() or None)
        if self.date:
            self.date = calendar_date(self.date)
        self.guests = [text(str(g)) for g in self.guests]
        if not _plainly_json_safe(self.extra):
            try:
                deep = _too_deep(json.dumps(self.extra, ensure_ascii=False, default=str))
            except (ValueError, TypeError, RecursionError):
                deep = True
            self.extra, found = _json_safe(self.extra)
            controls += found
            if deep:
                self.repair("deep_metadata", f"metadata nested over {MAX_EXTRA_DEPTH} levels deep is kept as text")
        if controls:
            self.repair("control_characters", f"control characters (escape codes, NUL) removed from "
                                              f"{counted(controls, 'field')}")  # fmt: skip
        for name in ("media_url", "page_url"):
            value = getattr(self, name)
            if value is not None and web_url(value) is None:
                self.repair("bad_url", f"{name} {value[:80]!r} is not an http(s) link; kept in extra", name)
                self.extra.setdefault(name, value)
                setattr(self, name, None)
        for name in ("season", "episode_number"):
            number = getattr(self, name)
            if number is not None and not (isinstance(number, int) and 0 <= number <= MAX_NUMBER):
                self.repair("bad_field", f"{name} {str(number)[:40]} is not a usable number; left empty", name)
                setattr(self, name, None)

    def _drop_empty_segments(self) -> None:
        """No segment reaches the archive with nothing in it: neither words nor a direction (a parser's
        blank line, or text that was only control characters). Ordinals and chapters follow."""
        if all(seg.text or seg.directions for seg in self.segments):
            return
        dropped = self._keep_segments([bool(seg.text or seg.directions) for seg in self.segments])
        self.repair("empty_segments", f"{counted(dropped, 'segment')} with neither words nor a direction left out")

    def _goes_back(self) -> bool:
        starts = [t for seg in self.segments if (t := seg.start) is not None]
        return any(b < a for a, b in zip(starts, starts[1:]))

    def _drop_second_copy(self) -> int:
        """A transcript pasted twice into one page keeps its fuller copy.

        Site editors paste a transcript, then paste it again whole below the first, often cut
        short: the first timed turn is said again, by the same voice, and the same turns follow
        at the same distances (a parser may have moved the second copy's clock on past the
        first's). Only the first repeat of the first turn is tried, so the check stays linear.
        Untimed lines before the first copy and after the second stay. Returns how many
        segments were left out (0: no copy found).
        """
        segments = self.segments
        timed = [k for k, seg in enumerate(segments) if seg.start is not None]
        if len(timed) < 6:
            return 0
        head = segments[timed[0]]
        again = next((n for n in range(1, len(timed))
                      if segments[timed[n]].text == head.text and segments[timed[n]].speaker == head.speaker), None)  # fmt: skip
        if again is None:
            return 0

        def keys(run: list[int]) -> list[_Turn]:
            base = segments[run[0]].start or 0.0
            return [(round((segments[k].start or 0.0) - base, 1), segments[k].speaker, segments[k].text) for k in run]

        earlier, later = keys(timed[:again]), keys(timed[again:])
        if _copy_of(earlier, later):
            gone = range(timed[0], timed[again])
            # Kept, the second copy's clock is the file's again, not one a parser moved on past the first.
            moved = (segments[timed[again]].start or 0.0) - (head.start or 0.0)
            for seg in segments[timed[again]:] if moved > 0 else ():
                seg.start = None if seg.start is None else round(seg.start - moved, 3)
                seg.end = None if seg.end is None else round(seg.end - moved, 3)
        elif _copy_of(later, earlier):
            gone = range(timed[again], timed[-1] + 1)
        else:
            return 0
        keep = [k not in gone for k in range(len(segments))]
        titles_kept = {c.title for c in self.chapters if keep[min(c.first_segment, len(keep) - 1)]}
        self.chapters = [c for c in self.chapters
                         if keep[min(c.first_segment, len(keep) - 1)] or c.title not in titles_kept]  # fmt: skip
        return self._keep_segments(keep)

    def _keep_segments(self, keep: list[bool]) -> int:
        """Keep the segments ``keep`` marks, renumbered; chapters move to the first kept segment at
        or after theirs. Returns how many were dropped."""
        before = len(self.segments)
        self.replace_segments([[seg] if k else [] for seg, k in zip(self.segments, keep)])
        return before - len(self.segments)

    def replace_segments(self, parts: list[list[Segment]]) -> None:
        """Each segment replaced by its part (none, itself, or several), renumbered; chapters move to
        the first segment of their segment's part, or of the next part that has one."""
        kept: list[Segment] = []
        moved = [0] * (len(parts) + 1)  # old ordinal -> new ordinal of the first segment at or after it
        for k, part in enumerate(parts):
            moved[k] = len(kept)
            for seg in part:
                seg.ordinal = len(kept)
                kept.append(seg)
        moved[len(parts)] = len(kept)
        self.segments = kept
        for chapter in self.chapters:
            chapter.first_segment = moved[min(max(chapter.first_segment, 0), len(moved) - 1)]

    @property
    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for seg in self.segments:
            if seg.speaker:
                seen.setdefault(seg.speaker)
        return list(seen)

    def to_json(self) -> dict[str, Any]:
        """The episode as `show --json` and the HTTP API give it."""
        fields = {k: v for k, v in vars(self).items() if k not in ("chapters", "segments", "repairs")}
        return {
            **fields,
            "speakers": self.speakers,
            "times_estimated": bool(self.extra.get("times_estimated")),
            "chapters": [{"title": c.title, "start": c.start, "generated": c.generated} for c in self.chapters],
            "segments": [
                {
                    "start": s.start,
                    "end": s.end,
                    "speaker": s.speaker,
                    "text": s.text,
                    "directions": s.directions,
                    "chapter": chapter.title if (chapter := self.chapter_of(s.ordinal)) else None,
                }
                for s in self.segments
            ],
            "repairs": len(self.repairs),
        }


# What json.dumps leaves of a control character: "\u001b" for C0 (and a literal backslash
# before "u00..": a false alarm costs only the slow path), C1 and DEL as they are.
_DUMPED_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|[\x7f-\x9f]")


# Deeper metadata than this is kept as its JSON text: every reader of ``extra`` (the API's
# encoder, templates) recurses, and a few hundred levels exhaust the stack.
MAX_EXTRA_DEPTH = 32
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(dumped: str) -> bool:
    depth = 0
    for m in _JSON_TOKEN.finditer(dumped):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_EXTRA_DEPTH:
                return True
        elif token in "]}":
            depth -= 1
    return False


_Turn = tuple[float | None, str | None, str]  # start, speaker, words
# A page holding the transcript more times than this is no page anyone pasted.
_MOST_COPIES = 8


def _copy_of(part: list[_Turn], whole: list[_Turn]) -> bool:
    """Whether ``part`` is ``whole`` cut short: the same turns, where the last may run into what was
    pasted after it (a heading glued to the turn) or be cut off."""
    if len(part) < 3 or len(part) > len(whole) or part[:-1] != whole[: len(part) - 1]:
        return False
    (start, speaker, text), (whole_start, whole_speaker, whole_text) = part[-1], whole[len(part) - 1]
    return start == whole_start and speaker == whole_speaker and (text.startswith(whole_text) or whole_text.startswith(text))


def _plainly_json_safe(value: Any) -> bool:
    """True if ``value`` is strict JSON without control characters or deep nesting."""
    try:
        dumped = json.dumps(value, allow_nan=False, ensure_ascii=False, default=str)
    except (ValueError, TypeError, RecursionError):
        return False
    return not _DUMPED_CONTROL.search(dumped) and not _too_deep(dumped)


def _json_safe(value: Any, depth: int = 0) -> tuple[Any, int]:
    """``value`` as strict JSON can hold it: NaN and infinities as text, no control characters.

    Returns it with the number of strings that held controls. ``extra`` keeps fields as a
    source wrote them, and `episodes --json` must not print ``Infinity``, which is not JSON.
    """
    if isinstance(value, str):
        cleaned = strip_controls(value)
        return cleaned, int(cleaned is not value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value), 0
    if isinstance(value, (dict, list, tuple)) and depth >= MAX_EXTRA_DEPTH:
        try:
            return strip_controls(json.dumps(value, ensure_ascii=False, default=str)), 0
        except (ValueError, TypeError, RecursionError):
            return "(nested too deep to keep)", 0
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        found = 0
        for k, v in value.items():
            key, n = _json_safe(k if isinstance(k, str) else str(k))
            out[key], m = _json_safe(v, depth + 1)
            found += n + m
        return out, found
    if isinstance(value, (list, tuple)):
        items = [_json_safe(v, depth + 1) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0


class SourceRejected(Exception):
    """Raised by a parser when a file is not a transcript at all (say, an unfilled template).

    Everything short of that is repaired and reported, never raised.
    """

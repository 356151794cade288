"""The canonical timeline every transcript becomes, whatever shape it arrived in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
        """The chapter a segment falls in, by position."""
        found = None
        for chapter in self.chapters:
            if chapter.first_segment <= ordinal:
                found = chapter
            else:
                break
        return found

    def finish(self) -> None:
        """Fill what can be derived once all segments are in.

        A chapter with no start takes its first segment's start, and the episode's
        duration falls back to the last known time.
        """
        for chapter in self.chapters:
            if chapter.start is None and chapter.first_segment < len(self.segments):
                chapter.start = self.segments[chapter.first_segment].start
        if self.duration is None:
            times = [t for s in self.segments for t in (s.end, s.start) if t is not None]
            if times:
                self.duration = max(times)

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


class SourceRejected(Exception):
    """Raised by a parser when a file is not a transcript at all (say, an unfilled template).

    Everything short of that is repaired and reported, never raised.
    """

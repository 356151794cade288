"""Times of day in place of times into the recording.

Meeting tools write the clock: Zoom's text transcripts and saved captions ("[Jane Doe]
14:02:03"), chat-style logs and some caption converters. Read as they are, the first
words sit fourteen hours into the episode and every "play from here" link points past
the end of the recording. A transcript whose first time is this late is such a clock;
its times are counted from the first instead, which is where such recordings begin
(give or take the minute before anyone speaks).
"""

from __future__ import annotations

from podsift.model import Episode
from podsift.text import format_timestamp

# No podcast or meeting recording starts its speech six hours in; a meeting's clock mostly does.
CLOCK_FROM = 6 * 3600


def count_from_first(episode: Episode) -> None:
    """If ``episode``'s times are a clock's, make them relative to the first and report it."""
    starts = [s.start for s in episode.segments if s.start is not None]
    if not starts or min(starts) < CLOCK_FROM:
        return
    first = min(starts)
    for seg in episode.segments:
        seg.start = None if seg.start is None else round(seg.start - first, 3)
        seg.end = None if seg.end is None else round(max(seg.end - first, 0.0), 3)
    for chapter in episode.chapters:
        if chapter.start is not None:
            chapter.start = round(max(chapter.start - first, 0.0), 3)
    if episode.duration is not None and episode.duration >= first:
        episode.duration = round(episode.duration - first, 3)  # derived from the clock times, not given
    episode.extra["clock_start"] = first
    episode.repair("clock_times", f"times begin at {format_timestamp(first)}, a time of day rather than a "
                   "place in the recording; counted from the first")  # fmt: skip

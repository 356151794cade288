"""Times of day in place of times into the recording.

Meeting tools write the clock: Zoom's text transcripts and saved captions ("[Jane Doe]
14:02:03"), chat-style logs and some caption converters. Read as they are, the first
words sit fourteen hours into the episode and every "play from here" link points past
the end of the recording. A transcript whose first time is this late is such a clock;
its times are counted from the first instead, which is where such recordings begin
(give or take the minute before anyone speaks).

Live recognisers write the computer's clock as Unix time (seconds since 1970,
``1742176115.01``); a reader that finds every time to be one counts them from the
recording's start the same way (:func:`unix_origin`, :func:`count_from`).

Scripts that cut a recording into chunks, and a diarizer's clips, time each part from its own
start: the parts are put end to end (:func:`end_to_end`), which makes every later time an estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Protocol

from podsift.formats.cues import SILENT_GAP
from podsift.model import Episode
from podsift.text import counted, format_timestamp

# A clock as the records write it: "19:01:00", "10:05", "009:30:00", "2015-07-02T10:30:00+01:00", "(10.07 p.m.)".
_TIME_OF_DAY = re.compile(r"(?:T|\b)0{0,2}(?P<h>\d{1,2})[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?\s*(?P<pm>[ap]\.?m\.?)?", re.I)


def time_of_day(value: str | None) -> float | None:
    """Seconds since midnight of a clock written in ``value``, else None."""
    if not value or not (m := _TIME_OF_DAY.search(value)):
        return None
    hour, minute, second = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    half = (m.group("pm") or " ")[0].lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0  # "12.15 a.m.": a quarter past midnight
    return float(hour * 3600 + minute * 60 + second) if hour < 24 else None


# A report's line that is only the time of day: "(10.00 am)", "(2.15 pm)", "(10:30 a.m.)"; or the
# reporter's note of when the sitting ended or broke: "(Whereupon, at 11:41 a.m., the case in the
# above-entitled matter was submitted.)", "(Whereupon, at 12:03 p.m., a luncheon recess was taken.)".
# Words after the clock only in the reporter's formula: a play's "(7:30 a.m., the kitchen.)" sets a scene.
_DAY_CLOCK_LINE = re.compile(r"\((?:\s*Whereupon,?\s+at\s*\d{1,2}[.:]\d{2}\s*[ap]\.?\s?m\.?(?:,?\s[^()]{0,200})?"
                             r"|\s*\d{1,2}[.:]\d{2}\s*[ap]\.?\s?m\.?)\s*\)", re.I)  # fmt: skip


# The White House's transcripts open and close with the clock and its zone alone: "2:41 P.M. EST".
_ZONED_CLOCK_LINE = re.compile(r"\d{1,2}:\d{2}[ \t]*[AP]\.?[ \t]?M\.?[ \t]+(?:[ECMP][SD]T|UTC|GMT|[A-Z]{2,4}[SD]T)", re.I)


def day_clock_line(paragraph: str) -> float | None:
    """Seconds since midnight of a paragraph that is only a time of day in brackets, as court and
    inquiry transcripts mark when they resume ("(10.00 am)") or stop ("(Whereupon, at 11:41 a.m., …)"),
    or a clock with its zone ("2:41 P.M. EST"), else None."""
    line = paragraph.strip(" \t*_")  # "*(10.30 am)*"
    return time_of_day(line) if _DAY_CLOCK_LINE.fullmatch(line) or _ZONED_CLOCK_LINE.fullmatch(line) else None


# A time of day opening a turn in Chinese records, as Taiwan's Legislative Yuan Gazette stamps each
# member's questions and each official's answer: "徐委員永明：（11時32分）主席、…" (24-hour; a
# "下午" before it is the afternoon).
_OPENING_DAY_CLOCK = re.compile(r"[（(][ \t]*(?:(?P<half>上午|下午|中午)[ \t]*)?(?P<h>\d{1,2})[ \t]*[時时][ \t]*"
                                r"(?P<m>[0-5]?\d)[ \t]*分[ \t]*[）)][ \t]*")


def opening_day_clock(words: str) -> tuple[float, str] | None:
    """``(seconds since midnight, the words after it)`` when ``words`` open with such a clock, else None."""
    if not (m := _OPENING_DAY_CLOCK.match(words)):
        return None
    hour = int(m.group("h")) + (12 if m.group("half") == "下午" and int(m.group("h")) < 12 else 0)
    return (float(hour * 3600 + int(m.group("m")) * 60), words[m.end():]) if hour < 24 else None


class DayClock:
    """Times of day in the record's order, a day added each time the clock goes back past midnight:
    by more than ``back`` seconds (a sitting's clocks may step back a little; a court's "(10.00 am)"
    after "(4.30 pm)" is the next morning, so its reader takes any step back)."""

    def __init__(self, back: float = 12 * 3600) -> None:
        self.back = back
        self.days = 0.0
        self.last: float | None = None

    def read(self, seconds: float | None) -> float | None:
        if seconds is None:
            return None
        seconds += self.days
        if self.last is not None and seconds < self.last - self.back:
            self.days += 86400.0
            seconds += 86400.0
        self.last = seconds
        return seconds


# No podcast or meeting recording starts its speech six hours in; a meeting's clock mostly does.
CLOCK_FROM = 6 * 3600
# Unix time from 2001-09-09 to 2099-12-04: a clock, never seconds into a recording (31 years and more).
UNIX_FROM, UNIX_TO = 1e9, 4.1e9
# A recording's stated start more than a day before its first words belongs to something else.
_DAY = 86400.0


class _Timed(Protocol):
    start: float | None
    end: float | None


def count_from(spans: Iterable[_Timed], first: float) -> None:
    """Make the times of ``spans`` relative to ``first``; an end before it becomes 0."""
    for span in spans:
        span.start = None if span.start is None else round(span.start - first, 3)
        span.end = None if span.end is None else round(max(span.end - first, 0.0), 3)


def count_from_first(episode: Episode, *, clock: bool = False) -> None:
    """If ``episode``'s times are a clock's (``clock``: its reader knows they are), make them relative to
    the first and report it."""
    starts = [s.start for s in episode.segments if s.start is not None]
    if not starts or (min(starts) < CLOCK_FROM and not clock):
        return
    first = min(starts)
    count_from(episode.segments, first)
    for chapter in episode.chapters:
        if chapter.start is not None:
            chapter.start = round(max(chapter.start - first, 0.0), 3)
    if episode.duration is not None and episode.duration >= first:
        episode.duration = round(episode.duration - first, 3)  # derived from the clock times, not given
    episode.extra["clock_start"] = first
    episode.repair("clock_times", f"times begin at {format_timestamp(first)}, a time of day rather than a "
                   "place in the recording; counted from the first")  # fmt: skip


# Video editors number a programme's timecode from 1:00:00, so a transcript made from their export
# starts an hour in; its speech starts within this of that hour.
_EDIT_HOUR, _EDIT_LEAD = 3600.0, 600.0
_STATED_SLACK = 60.0


def count_from_edit_hour(episode: Episode) -> None:
    """If ``episode``'s times run from 1:00:00 as an editor's timecode does, and the length the
    source states ends about an hour before its last turn, count the times from 1:00:00 and report it."""
    starts = [s.start for s in episode.segments if s.start is not None]
    stated = episode.duration
    if not starts or stated is None or not _EDIT_HOUR <= min(starts) < _EDIT_HOUR + _EDIT_LEAD:
        return
    last = max(starts)
    if not stated + _EDIT_HOUR / 2 < last <= stated + _EDIT_HOUR + _STATED_SLACK:
        return
    count_from(episode.segments, _EDIT_HOUR)
    for chapter in episode.chapters:
        if chapter.start is not None:
            chapter.start = round(max(chapter.start - _EDIT_HOUR, 0.0), 3)
    episode.repair("edit_timecode", f"times begin at {format_timestamp(min(starts))} and the stated length "
                   f"({format_timestamp(stated)}) ends about an hour before the last turn: a video editor's timecode, "
                   "which starts at 1:00:00; counted from there")  # fmt: skip


_HOUR = 3600.0
_LONGEST_TURN = 600.0
# Minutes read as hours land this late at least: from "10:00:00" (ten minutes in) on.
_NO_TALK_SO_LONG = 10 * _HOUR


def turns_written_as_hours(episode: Episode) -> None:
    """Clocks that turn "minutes:seconds" into "minutes:seconds:00" part way (a transcription
    service's slip: "23:48", then "24:22:00") read as hours: the rest of the talk a day later.

    Taken back only when the evidence is whole: from one turn on, the clock jumps by over an hour,
    every later start is a whole minute, and read as minutes and seconds they run on from the
    turn before, in order.
    """
    timed = [seg for seg in episode.segments if seg.start is not None]
    starts = [t for seg in timed if (t := seg.start) is not None]
    jump = next((k for k in range(1, len(starts)) if starts[k] - starts[k - 1] > _HOUR), None)
    if jump is None or len(starts) - jump < 3:
        return
    later = starts[jump:]
    if later[-1] < _NO_TALK_SO_LONG:
        return  # "[2:00:00]" after "[0:01:30]": an excerpt, or a livestream after a break, may be that late
    read = [t / 60 for t in later]
    if (any(t % 60 for t in later) or read != sorted(read) or not 0 <= read[0] - starts[jump - 1] <= _LONGEST_TURN
            or any(b - a > _LONGEST_TURN for a, b in pairwise(read))):  # fmt: skip
        return
    was = [(seg.start, seg.end) for seg in timed]
    for seg in timed[jump:]:
        seg.start = (seg.start or 0.0) / 60
    for k in range(jump - 1, len(timed)):
        (start, end), seg = was[k], timed[k]
        if start is None or end is None or seg.start is None:
            continue
        following = timed[k + 1].start if k + 1 < len(timed) else None
        if following is not None and (end == was[k + 1][0] or following - seg.start <= SILENT_GAP):
            seg.end = following  # it ended where the next began, or the silence it ended before is gone
        else:  # ended after its words (or as the file said): as long, but not past the next
            seg.end = round(seg.start + min(end - start, _LONGEST_TURN), 3)
            if following is not None:
                seg.end = min(seg.end, following)
    # The silences the hours made are gone: the parser's count of them is no longer true.
    episode.repairs = [r for r in episode.repairs if r.kind != "silence_after"]
    if episode.duration is not None and episode.duration > _HOUR and episode.duration >= later[-1]:
        episode.duration = None
    episode.repair("minutes_as_hours", f"from {format_timestamp(starts[jump - 1])} on, {counted(len(later), 'time')} written "
                                       f"as minutes:seconds:00 (the first {format_timestamp(later[0] / 60)}) read as "
                                       "minutes and seconds, not hours")  # fmt: skip


def minutes_written_as_hours(episode: Episode) -> None:
    """A stated length of "57:33:00" over a transcript whose turns end near 57:33: minutes and seconds
    written as hours and minutes (a site's field); read as 57:33, and reported."""
    stated = episode.duration
    times = [t for s in episode.segments for t in (s.start, s.end) if t is not None]
    if stated is None or not times or episode.extra.get("times_estimated"):
        return
    last = max(times)
    if stated > _DAY and last <= stated / 60 <= last + _STATED_SLACK * 5:  # no talk lasts a day
        episode.duration = round(stated / 60, 3)
        episode.repair("duration_units", f"the stated length {format_timestamp(stated)} is minutes and seconds "
                       f"written as hours and minutes: the turns end at {format_timestamp(last)}; read as "
                       f"{format_timestamp(episode.duration)}")  # fmt: skip


def unix_origin(spans: Sequence[_Timed], stated: object = None) -> float | None:
    """Where ``spans`` timed in Unix seconds count from, or None unless they plainly are.

    Every time must be Unix time of this century and the starts must never go back, as a
    live recogniser's clock runs. ``stated`` is the recording's start as the file gives
    it; it is used when it is Unix time at most a day before the first start (the
    seconds before anyone spoke stay in), else the first start is.
    """
    times = [t for s in spans for t in (s.start, s.end) if t is not None]
    starts = [s.start for s in spans if s.start is not None]
    if not starts or not all(UNIX_FROM <= t <= UNIX_TO for t in times) or any(b < a for a, b in pairwise(starts)):
        return None
    if isinstance(stated, (int, float)) and not isinstance(stated, bool) and 0 <= starts[0] - stated <= _DAY:
        return float(stated)
    return starts[0]


# A chunk whose words end within this of its stated length may be that long (whisper rounds its last end).
_LENGTH_SLACK = 1.0


def end_to_end(runs: Sequence[Sequence[_Timed]], length: float | None = None) -> bool:
    """Put each run of spans, timed from its own start, after the one before: ``length`` after its
    start where every run but the last fits in that length (the chunks a script cut), else where
    the one before ends. Whether ``length`` placed them."""
    ends = [max((t for s in run for t in (s.start, s.end) if t is not None), default=0.0) for run in runs]
    by_length = length is not None and all(end <= length + _LENGTH_SLACK for end in ends[:-1])
    offset = 0.0
    for run, end in zip(runs, ends):
        if offset:
            for span in run:
                span.start = None if span.start is None else round(span.start + offset, 3)
                span.end = None if span.end is None else round(span.end + offset, 3)
        offset += length if by_length and length is not None else end
    return by_length

"""Turns that open with their moment in the recording: a link on their first word, or a clock.

Meeting notes written from a video link the opening word of a turn to where it is said:

    **Danny:** [This](https://www.youtube.com/watch?v=4oI48BEijVw&t=15) is issue 536…

The link's moment (``t=15``, ``t=72s``) is the turn's time and the word stays a word; a link
left unclosed (``[yeah](https://…&t=236s same with prism``) ends at the space after it. Turns
with no such link, and the pieces of a long one, are timed by their words between the linked
times around them; where every link plays one YouTube video, it is the episode's.

Changelog's transcripts (and others edited in Markdown) stamp a turn every few minutes with a
clock in brackets, escaped as Markdown escapes them: ``**Marty Schoch:** \\[03:59\\] ...in October``.
Too sparse for the time-mark reader's density, they are timed the same way as the links.
"""

from __future__ import annotations

import re

from podsift.formats.cues import Cue, end_at_next_start, time_untimed
from podsift.model import Episode
from podsift.text import agrees, counted, link_seconds, parse_timestamp, youtube_id

# "[This](https://…&t=15) is issue…"; a stray backtick before it is a slip of the notes.
_OPENING_LINK = re.compile(r"^`?\s*\[(?P<words>[^\[\]\n]{1,60})\]\((?P<url>https?://[^()\s]+)(?:\)|(?=\s)|$)")


def opening_moment(words: str) -> tuple[float, str, str] | None:
    """``(seconds, link, words without the link's markup)`` when ``words`` open with a link to a
    moment of a recording, else None."""
    m = _OPENING_LINK.match(words)
    if not m or (seconds := link_seconds(m.group("url"))) is None:
        return None
    if _LINKED_CLOCK.fullmatch(m.group("words")):  # "[(00:02:12)](…&t=132)": the time, no word
        return seconds, m.group("url"), words[m.end():].lstrip()
    return seconds, m.group("url"), f"{m.group('words')}{words[m.end():]}"


# The words of a link that are its clock: "(00:02:12)", "00:02:12".
_LINKED_CLOCK = re.compile(r"\(?\s*(?:\d{1,2}:)?\d{1,2}:[0-5]\d\s*\)?")
# A name before a turn's linked clock, with no colon, as lexfridman.com's transcripts write each turn:
# "Joscha Bach [(00:02:12)](https://youtube.com/watch?v=e8qJsk1j2zE&t=132) This model is derived…".
_NAME_BEFORE_LINKED_CLOCK = re.compile(r"^(?P<name>[^\W\d_][\w.'’\-]{0,30}(?: [^\W\d_][\w.'’\-]{0,30}){0,3})[ \t]+"
                                       rf"(?=\[{_LINKED_CLOCK.pattern}\]\(https?://)")


def name_before_linked_clock(paragraph: str) -> tuple[str, str] | None:
    """``(name, the linked clock and the words)`` for a turn labelled so, else None."""
    m = _NAME_BEFORE_LINKED_CLOCK.match(paragraph)
    return (m.group("name"), paragraph[m.end():]) if m else None


# "\\[08:02\\] And again…", "[1:02:03] So…": a clock in brackets, escaped or not, opening a turn; in
# talk transcripts, "[Time 0:00:26]" on a line of its own over the words said from then on.
# "**0:34** · Nobody bought it…": a clock in bold and a middle dot, as a YouTube transcript clipped
# into Obsidian sets each line (an agenda's "**9:00** – Welcome" is a time of day, and stays words).
# "**[0:01:05]** Words": a turn with no name, as podsift's own Markdown export stamps it.
_OPENING_CLOCK = re.compile(r"^(?:(?P<em>\*\*)?\\?\[(?:[Tt]ime:?[ \t]+)?(?P<clock>(?:\d{1,2}:)?\d{1,2}:[0-5]\d(?:[.,]\d{1,3})?)\\?\](?(em)\*\*)"
                            r"|\*\*(?P<bold>(?:\d{1,2}:)?\d{1,2}:[0-5]\d)\*\*[ \t]*[·•](?=[ \t]))[ \t]*")


def opening_clock(words: str) -> tuple[float, str] | None:
    """``(seconds, the words after it)`` when ``words`` open with a clock in brackets, else None."""
    m = _OPENING_CLOCK.match(words)
    if not m or (seconds := parse_timestamp(m.group("clock") or m.group("bold"))) is None:
        return None
    return seconds, words[m.end() :]


def time_turns(episode: Episode, first: int, linked: list[str], clocked: int = 0) -> None:
    """Time the segments from ``first`` on that the links or clocks left untimed by their words
    (``cues.time_untimed``), end each where the next starts, take the one YouTube video the
    ``linked`` links play, and report."""
    segments = episode.segments[first:]
    cues = [Cue(k + 1, seg.start, seg.end, seg.text, label="segment") for k, seg in enumerate(segments)]
    untimed = sum(1 for cue in cues if cue.start is None)
    if untimed:
        time_untimed(cues, untimed, "segment", episode)
    end_at_next_start(cues, None if untimed else episode)
    for seg, cue in zip(segments, cues):
        seg.start, seg.end = cue.start, cue.end
    videos = {video for url in linked if (video := youtube_id(url))}
    if len(videos) == 1 and not episode.youtube_id:
        episode.youtube_id = videos.pop()
    if linked:
        episode.repair("moment_links", f"{counted(len(linked), 'turn')} {agrees(len(linked), 'opens', 'open')} with a word linking to their moment in the "
                       f"recording (t=): read as the turn's time, the word kept"
                       + (f"; the links play YouTube video {episode.youtube_id}" if episode.youtube_id else ""))
    if clocked:
        episode.repair("turn_clocks", f"{counted(clocked, 'turn')} {agrees(clocked, 'opens', 'open')} with their time in brackets ('[08:02]'): read as the "
                                      "turn's time, taken out of the words; the turns between timed by their words")

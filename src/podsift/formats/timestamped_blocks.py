"""Timestamped speaker blocks: a time line, a speaker line, text lines, a blank line.

    0:10
    Guest
    just, if it take berries and draw a line down ...

Meeting transcripts (Google Meet's) mark sections instead: a time line every few minutes,
then many ``Name: text`` turns. Each turn is its own segment; the first of a section
starts at its time, the others are timed by their words up to the next section's.

YouTube's transcript panel, copied out, is a time line and one line of text per caption;
when the video has chapters, each chapter's title is a line of its own above its first
time (the first one above everything). Those lines become chapters, not words. Where the
video's captions dash each change of speaker, the panel's one line holds several turns
(``- Hi, Lacey. - Hi, Jim.``); the shared cue reading splits them (``cues._turn_dashes``).

Some writers put the speaker's name above the time instead ("Jane Doe" / "00:00:05 -
00:00:10" / the words, as scripts that align a diarized transcript write it); read by
block, that name would end the turn before, so it is moved down to the block it heads.

Minutes may pass 59 (``60:02`` is 3602 s) or the time may be ``H:MM:SS``. The
speaker line may be missing, blank lines may be missing or doubled, and times
may run backwards; all of that is repaired or reported, never raised.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from podsift.formats import google_meet
from podsift.formats.chapters_file import place_chapters
from podsift.formats.cues import PATTERN_CUES, Cue, build, clock_parts, end_at_next_start, report_clocks, word_shares
from podsift.formats.labels import INTERJECTIONS, credible
from podsift.formats.line_wrap import join_lines
from podsift.formats.plain_text import speaker_prefix
from podsift.model import Episode
from podsift.text import (
    MARKDOWN_HEADING,
    TIMECODE,
    agrees,
    counted,
    format_timestamp,
    parse_timestamp,
    prepare_plain,
    split_directions,
    squash,
    unescape_entities,
)
from podsift.words import WORDS_PER_MINUTE

NAME = "timestamped_blocks"
EXTENSIONS = (".txt",)

# A whole line holding only a time, optionally bracketed: "0:10", "60:02", "[1:02:03]".
_TIME_LINE = re.compile(r"^[\[(]?\s*((?:\d{1,3}:)?(\d{1,4}):(\d{2})(?:[.,]\d{1,3})?)\s*[\])]?$")
_TIMEISH = re.compile(r"^[\[(]?\d{1,4}:\d")
# A time range line: Premiere Pro's transcript export ("00:00:03:20 - 00:00:31:20", a video
# timecode's last field its frame), or any "0:10 - 0:25".
_SPAN_TIME = r"\d{1,2}:\d{2}:\d{2}(?::\d{2}|[.,]\d{1,3})?|(?:\d{1,3}:)?\d{1,4}:[0-5]\d(?:[.,]\d{1,3})?"
_RANGE_LINE = re.compile(rf"^[\[(]?\s*({_SPAN_TIME})\s*[-–—]\s*({_SPAN_TIME})\s*[\])]?$")
# Premiere Pro's captions exported as text name the track and item under each time: "V3, 1".
_TRACK_LABEL = re.compile(r"^[VA]\d{1,2}, \d+$")
_SNIFF_BYTES = 4096

_LINE_END_PUNCT = tuple(".?!,;…\"'”")
# YouTube caps a chapter title at 100 characters; a panel copy has one line a caption, so
# nearly every time line is followed by exactly one line.
_CHAPTER_CHARS = 100
_ONE_LINE_SHARE = 0.9


@dataclass
class _Block:
    line_no: int  # 1-based line of the time line (or first line, for untimed text)
    start: float | None
    lines: list[tuple[int, str]] = field(default_factory=list)
    end: float | None = None  # where the time line gives a range
    framed: bool = False  # its times were video timecodes, frames and all
    crowded: bool = False  # its time line came right after the text before, no blank line between


def _time_of(line: str) -> float | None:
    """Seconds if ``line`` (already stripped) is only a time, or a range of times, else None."""
    span = _span(line)
    return span[0] if span else None


def _span(line: str) -> tuple[float, float | None, bool] | None:
    """(start, end, framed) of a range line, (start, None, False) of a time line, else None.
    A timecode's frames are dropped (framed): the frame rate is not in the file."""
    if (r := _RANGE_LINE.match(line)) is not None:
        frames = [TIMECODE.match(t) for t in r.groups()]
        start, end = (parse_timestamp(f.group(1) if f else t) for f, t in zip(frames, r.groups()))
        return (start, end, frames[0] is not None) if start is not None else None
    m = _TIME_LINE.match(line)
    if not m:
        return None
    # A seconds field of 60+ is not a clock reading, so the line is speech.
    if int(m.group(3)) >= 60:
        return None
    start = parse_timestamp(m.group(1))
    return (start, None, False) if start is not None else None


def _name_like(line: str) -> bool:
    """Could this line be a bare speaker name ("Host", "Dr. Ana Ruiz", "Speaker 2:", "**Kim:**")?"""
    line = _unbolded(line)
    name = line[:-1].rstrip() if line.endswith(":") else line
    if not name or len(name) > 40 or name.endswith(_LINE_END_PUNCT):
        return False
    words = name.split()
    if len(words) > 4 or not words[0][0].isalpha():
        return False
    return name.lower() not in INTERJECTIONS


def _strong_name(line: str) -> bool:
    """A name-like line that is convincing even when seen once."""
    if line.endswith(":"):
        return True
    return all(w[0].isupper() or w[0].isdigit() for w in line.split())


def _unbolded(line: str) -> str:
    return line.strip().strip("*_").strip()  # "**Kim:**" alone on its line, as a page bolds a label


def _clean_name(line: str) -> str:
    line = _unbolded(line)
    return line[:-1].rstrip() if line.endswith(":") else line


def sniff(text: str) -> float:
    if google_meet.written_by_meet(text):
        return 0.9  # its first section may carry no time, and its title and attendees come first
    score = _sniff(text, _SNIFF_BYTES)
    if score is None:
        # One time in the head and more text: a long first turn (a lecture's); read further.
        score = _sniff(text, _LONG_SNIFF_BYTES)
    return score or 0.0


_LONG_SNIFF_BYTES = 65536
# Zoom's web transcript copies each speaker's picture as its alt text, a line above the name.
_AVATAR = re.compile(r"^[ \t]*user avatar[ \t]*\n", re.IGNORECASE | re.MULTILINE)
# Names above the time lines, recurring: turns, however long, so time lines may be rare.
_NAMED_SHARE = 0.8
_NAMED_MIN_SHARE = 1 / 200


def _sniff(text: str, size: int) -> float | None:
    """``sniff`` on the first ``size`` characters; None when they hold one time and more follows."""
    head = _AVATAR.sub("", text[:size].lstrip("\ufeff"))
    lines = [ln.strip() for ln in re.split(r"\r\n|\r|\n", head)]
    if len(text) > size and lines:
        lines.pop()  # likely cut mid-line
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return 0.0
    first = next((i for i, ln in enumerate(lines[:3]) if _time_of(ln) is not None), None)
    if first is None or first + 1 >= len(lines) or _time_of(lines[first + 1]) is not None:
        return 0.0
    body = lines[first:]
    times = [i for i, ln in enumerate(body) if _time_of(ln) is not None]
    timeish = sum(1 for ln in body if _TIMEISH.match(ln))
    if len(times) == 1:
        # One block only: a short file, plausible but unproven.
        return 0.5 if len(body) <= 6 else None if len(text) > size else 0.0
    # Blocks are time + a line or few, so time lines must be neither rare nor back to back.
    followed = sum(1 for i in times if i + 1 < len(body) and _time_of(body[i + 1]) is None)
    if len(times) < 0.8 * timeish or followed < 0.8 * len(times):
        return 0.0
    above = [lines[first + i - 1] for i in times if first + i > 0 and _name_like(lines[first + i - 1])]
    named = len(above) >= _NAMED_SHARE * len(times) and len(set(above)) < len(above)
    if len(times) / len(body) < (_NAMED_MIN_SHARE if named else 1 / 15):
        return 0.0
    return 0.85


def _split_blocks(lines: list[str]) -> list[_Block]:
    """Blocks in source order."""
    blocks: list[_Block] = []
    current: _Block | None = None
    prev_blank = True
    for idx, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            prev_blank = True
            continue
        span = _span(line)
        if span is not None:
            crowded = current is not None and bool(current.lines) and not prev_blank
            current = _Block(idx, span[0], end=span[1], framed=span[2], crowded=crowded)
            blocks.append(current)
        elif current is not None and current.start is not None and not current.lines and _TRACK_LABEL.match(line):
            pass  # not words, nor a speaker
        else:
            if current is None:
                current = _Block(idx, None)  # text before the first time line
                blocks.append(current)
            current.lines.append((idx, line))
        prev_blank = False
    return blocks


def _panel_chapters(blocks: list[_Block]) -> list[tuple[float, str]]:
    """(start, title) of the chapter titles in a copy of YouTube's transcript panel, taken
    out of ``blocks``: a line of its own after a caption's one line, opening at the next time,
    and the line above the first time. Nothing is taken unless nearly every caption is one line."""
    lead = blocks[0] if blocks and blocks[0].start is None else None
    timed = blocks[1:] if lead else blocks
    if len(timed) < PATTERN_CUES or sum(len(b.lines) == 1 for b in timed) < _ONE_LINE_SHARE * len(timed):
        return []

    def title_like(line: str) -> bool:
        return len(line) <= _CHAPTER_CHARS and (line[0].isupper() or line[0].isdigit())

    chapters = []
    for block, following in zip(timed, timed[1:]):
        if len(block.lines) == 2 and title_like(block.lines[1][1]) and following.start is not None:
            chapters.append((following.start, block.lines.pop()[1]))
    if not chapters:
        return []
    if lead and len(lead.lines) == 1 and title_like(lead.lines[0][1]) and timed[0].start is not None:
        chapters.insert(0, (timed[0].start, lead.lines[0][1]))
        blocks.remove(lead)
    return chapters


# YouTube's panel now copies each time twice, the second time spelt out for screen readers
# ("1:05" / "1 minute, 5 seconds", in the viewer's language): a line of a few words whose
# numbers are the time's hours, minutes and seconds.
_SPELT_TIME = re.compile(r"^(?:\d+\s+[^\W\d]+,?\s*){1,3}$")


def _spelt_out(line: str, start: float) -> bool:
    if not _SPELT_TIME.match(line):
        return False
    whole = int(start)
    parts = [whole // 3600, whole // 60 % 60, whole % 60]
    return [int(n) for n in re.findall(r"\d+", line)] == ([n for n in parts if n] or [0])


def _drop_spelt_out_times(blocks: list[_Block]) -> int:
    """Take out the spelt-out times under the times, when nearly every time has one (a caption
    saying "3 things" at 0:03 is words); how many were taken."""
    spelt = [b for b in blocks if b.start is not None and b.lines and _spelt_out(b.lines[0][1], b.start)]
    if len(spelt) < 2 or len(spelt) < _ONE_LINE_SHARE * sum(b.start is not None for b in blocks):
        return 0
    for block in spelt:
        del block.lines[0]
    return len(spelt)


# Names above the time lines must head at least this share of the timed blocks.
_ABOVE_SHARE = 0.8


def _names_above(blocks: list[_Block]) -> int:
    """Move speaker names written above their time lines down into the blocks they head;
    how many were moved. Nothing moves unless blocks carry no names at their heads and
    a few names, recurring, end the text before nearly every time line (the first one's on
    a line of its own)."""
    if _speakers(blocks):
        return 0
    above: list[tuple[_Block, _Block, str]] = []
    for before, block in zip(blocks, blocks[1:]):
        if block.start is None or not before.lines:
            continue
        last = before.lines[-1][1]
        # A block's own words come first: a lone line is a name only above the first time.
        if (len(before.lines) >= 2 or before.start is None) and _name_like(last):
            above.append((before, block, _clean_name(last)))
    names = credible([name for _, _, name in above])
    moving = [(before, block) for before, block, name in above if name in names]
    counts = Counter(name for _, _, name in above if name in names)
    timed = sum(1 for b in blocks if b.start is not None)
    # Speakers are few and return; a caption's last line seldom looks like a name, and never
    # the same few names over and over.
    if len(moving) < max(2, _ABOVE_SHARE * timed) or len(counts) > max(2, len(moving) // 2):
        return 0
    for before, block in moving:
        block.lines.insert(0, before.lines.pop())
        block.crowded = False  # the name was the line before the time, not the turn's words
    blocks[:] = [b for b in blocks if b.lines or b.start is not None]
    return len(moving)


def _speakers(blocks: list[_Block]) -> set[str]:
    """Names that head blocks often enough, or clearly enough, to be speaker lines."""
    counts: Counter[str] = Counter()
    for block in blocks:
        if block.start is not None and len(block.lines) >= 2 and _name_like(block.lines[0][1]):
            counts[_clean_name(block.lines[0][1])] += 1
    return {name for name, n in counts.items() if n >= 2 or _strong_name(name)}


def _as_captions(blocks: list[_Block], episode: Episode, breaks: set[float]) -> None:
    """Blocks with no speaker lines are captions with only a start ("0:02" / "WELL, SEYMOUR,
    I MADE IT"), as YouTube's transcript panel copies out: read as cues ending where the
    next begins, so fragments join into sentences and sounds become directions."""
    cues = [Cue(i, b.start, b.end, "\n".join(line for _, line in b.lines), label="block")
            for i, b in enumerate(blocks, start=1)]  # fmt: skip
    end_at_next_start(cues, episode)
    last = cues[-1] if cues else None
    if last and last.end is None and last.start is not None and episode.duration and episode.duration > last.start:
        last.end = episode.duration  # the recording's end, where the file says it
    build(cues, episode, breaks)
    if not any(s.speaker for s in episode.segments):
        episode.repair("no_speakers", "no speaker lines found; segments have no speaker")


def parse(text: str, episode: Episode) -> None:
    text = prepare_plain(text, episode)
    # Copied from a page's source, the words keep their "&#39;" and "&amp;": read them as characters.
    decoded = unescape_entities(text)
    if decoded != text:
        episode.repair("html_entities", "HTML character references such as &#39; decoded")
        text = decoded
    if avatars := len(_AVATAR.findall(text)):
        text = _AVATAR.sub("", text)
        avatar_line = "'user avatar' line"
        episode.repair("avatar_lines", f"{counted(avatars, avatar_line)}, the text of each speaker's picture in Zoom's "
                                       "web transcript, left out of the words")  # fmt: skip
    if (meet := google_meet.transcript(text)) is not None:
        text = meet.text
        episode.title = meet.title or episode.title
        episode.duration = meet.duration
        if meet.attendees:
            episode.extra["attendees"] = meet.attendees
        episode.repair("meet_frame", "a Google Meet transcript: its title, attendee list, Google's notice that "
                                     "the transcript was computer generated and its closing line are no speech")  # fmt: skip
    blocks = _split_blocks(text.split("\n"))
    if framed := sum(b.framed for b in blocks):
        episode.repair("timecode_frames", f"{framed} time lines are video timecodes (HH:MM:SS:FF); their frames were "
                       "dropped, since the file does not give the frame rate: times are good to the second")  # fmt: skip
    if spelt := _drop_spelt_out_times(blocks):
        episode.repair("spelt_out_times", f"{spelt} times spelt out for screen readers under the times "
                       "(\"1 minute, 5 seconds\"), as YouTube's transcript panel copies them, left out of the words")  # fmt: skip
    if not blocks:
        episode.repair("empty", "the text was empty")
        return
    if _sections_of_turns(blocks, episode, meet=meet is not None):
        return
    if moved := _names_above(blocks):
        episode.repair("names_above_times", f"{moved} speaker names written above their time lines "
                       "read as the speakers of the turns below them")  # fmt: skip
    chapters = _panel_chapters(blocks)
    _read_blocks(blocks, sum(b.crowded for b in blocks), episode, {start for start, _ in chapters})
    if chapters:
        episode.chapters = place_chapters(chapters, episode)
        episode.repair("chapter_lines", f"{len(chapters)} chapter titles between the captions, as YouTube's "
                       "transcript panel copies them, read as chapters")  # fmt: skip


def _read_blocks(blocks: list[_Block], missing_blank: int, episode: Episode, breaks: set[float]) -> None:
    # "[00:00:00]" / "**Michaela:** Hello…": a label opening the words under the time, where
    # labels recur and take turns, names the block's speaker as a line of its own would.
    openers = credible([_labelled(b.lines[0][1])[0] if b.start is not None and b.lines else None for b in blocks])
    speakers = _speakers(blocks) | openers
    timed = [b for b in blocks if b.start is not None]
    if not timed:
        episode.repair("no_times", "no time lines found; the text became untimed segments")
    # A title or "[Music]" line above the first time is no reason to stop reading the rest as captions.
    lead = blocks[:1] if blocks[0].start is None else []
    if not speakers and len(timed) == len(blocks) - len(lead) >= PATTERN_CUES:
        for block in lead:
            spoken, directions = split_directions(squash(join_lines(line for _, line in block.lines)))
            episode.repair("untimed_text", "text before the first time line kept without a time",
                           f"line {block.line_no}")  # fmt: skip
            episode.add_segment(spoken, directions=directions)
        _as_captions(blocks[len(lead):], episode, breaks)
        return
    if missing_blank:
        episode.repair(
            "missing_blank_line",
            f"{counted(missing_blank, 'block')} started right after text with no blank line between",
        )

    unnamed = 0
    empty = 0
    next_start: float | None = episode.duration  # the last turn runs to the end, where the file says it
    # Walk backwards so each block knows when the next one starts.
    pending: list[tuple[_Block, str | None, str, list[str], float | None]] = []
    for block in reversed(blocks):
        speaker: str | None = None
        body = [ln for _, ln in block.lines]
        if body and block.start is not None:
            head = _clean_name(body[0]) if _name_like(body[0]) else None
            if head in speakers:
                speaker, body = head, body[1:]
            elif ":" in body[0]:
                # "Host: text" on one line, when "Host" heads blocks elsewhere.
                name, _, rest = body[0].partition(":")
                if name.strip() in speakers and rest.strip():
                    speaker, body = name.strip(), [rest, *body[1:]]
                elif (label := _labelled(body[0]))[0] in openers and label[1].strip():
                    speaker, body = label[0], [label[1], *body[1:]]
        end = None
        if block.start is not None and block.end is not None and block.end >= block.start:
            end = block.end
        elif block.start is not None and next_start is not None and next_start >= block.start:
            end = next_start
        spoken, directions = split_directions(squash(join_lines(body)))
        pending.append((block, speaker, spoken, directions, end))
        if block.start is not None:
            next_start = block.start
    pending.reverse()

    previous: float | None = None
    clocks = started = 0
    where_clock: str | None = None
    for block, speaker, spoken, directions, end in pending:
        where = f"line {block.line_no}"
        if block.start is None and len(block.lines) == 1 and (heading := MARKDOWN_HEADING.match(block.lines[0][1])):
            # "# Episode 3" above a Markdown export's first time: the page's title, not speech
            episode.title = episode.title or heading.group("title")
            continue
        if block.start is None:
            episode.repair("untimed_text", "text before the first time line kept without a time", where)
        elif previous is not None and block.start < previous:
            episode.repair(
                "time_backwards",
                f"{format_timestamp(block.start)} comes after {format_timestamp(previous)}; "
                "kept in source order",
                where,
            )
        if block.start is not None:
            previous = block.start
        if not spoken and not directions:
            empty += 1
            episode.repair("empty_block", "a block with no text was dropped", where)
            continue
        if speaker is None and block.start is not None:
            unnamed += 1
        # "[00:18:12]" written among a block's words is no speech; one within its span starts a segment there
        parts, n = clock_parts(spoken, block.start, end) if "[" in spoken else ([(block.start, spoken)], 0)
        clocks += n
        ends = [at for at, _ in parts[1:]] + [end]
        for k, ((at, said), until) in enumerate(zip(parts, ends)):
            started += at != block.start
            episode.add_segment(squash(said), start=at, end=until, speaker=speaker, directions=[] if k else directions)
        where_clock = where_clock or (where if n else None)
    report_clocks(episode, clocks, started, where_clock)

    if unnamed and speakers:
        episode.repair("missing_speaker", f"{counted(unnamed, 'block')} had no speaker line; speaker left empty")
    elif unnamed:
        episode.repair("no_speakers", "no speaker lines found; segments have no speaker")


# Google Meet writes an unverified participant's name with a tilde: "Jane Doe ~: text".
_TILDE_LABEL = re.compile(r"^([^:~\n]{1,60}?)\s*~\s*:")


def _labelled(line: str) -> tuple[str | None, str]:
    return speaker_prefix(_TILDE_LABEL.sub(r"\1:", line))


def _sections_of_turns(blocks: list[_Block], episode: Episode, *, meet: bool = False) -> bool:
    """Read blocks that each hold several ``Name: text`` turns as sections of a meeting; False
    (nothing read) unless most of their lines are such turns, more of them than time lines.
    Google Meet's document (``meet``) is such sections, however few turns each holds: every
    label opening most lines is a speaker."""
    timed = [b for b in blocks if b.start is not None]
    lines = [line for b in timed for _, line in b.lines]
    labels = [_labelled(line)[0] for line in lines]
    speakers = credible(labels)
    turns = sum(1 for label in labels if label in speakers)
    if meet and 2 * sum(label is not None for label in labels) > len(lines):
        speakers = {label for label in labels if label is not None}
    elif not speakers or turns < 2 * len(timed) or turns < 0.5 * len(lines):
        return False
    lead = blocks[0] if blocks[0].start is None else None
    if lead is not None:
        first = lead.lines[0][1]
        if len(lead.lines) == 1 and len(first.split()) <= 12 and not first.endswith((".", "?", "!")):
            # "Weekly sync - Transcript": the document's title line
            episode.title = re.sub(r"\s*[-–—]\s*Transcript$", "", first, flags=re.IGNORECASE) or first
        else:
            spoken, directions = split_directions(squash(join_lines(line for _, line in lead.lines)))
            episode.add_segment(spoken, directions=directions)
            episode.repair("untimed_text", "text before the first time line kept without a time")
    estimated = 0
    for k, block in enumerate(timed):
        said: list[tuple[str | None, list[str]]] = []
        for _, line in block.lines:
            name, rest = _labelled(line)
            if name in speakers:
                said.append((name, [rest]))
            elif said:
                said[-1][1].append(line)
            else:
                said.append((None, [line]))
        texts = [split_directions(squash(join_lines(words))) for _, words in said]
        start = block.start or 0.0  # every block here has a time
        after = timed[k + 1].start if k + 1 < len(timed) else episode.duration  # the meeting's length, if said
        words = sum(max(1, len(spoken.split())) for spoken, _ in texts)
        span = (after - start) if after is not None and after > start else words * 60 / WORDS_PER_MINUTE
        shares = word_shares(start, span, [spoken for spoken, _ in texts])
        for n, ((speaker, _), (spoken, directions), (begin, end)) in enumerate(zip(said, texts, shares)):
            if spoken or directions:
                episode.add_segment(spoken, start=round(begin, 1), end=round(end, 1), speaker=speaker,
                                    directions=directions)  # fmt: skip
                estimated += n > 0
    episode.extra["times_estimated"] = True
    episode.repair("section_times", f"{counted(len(timed), 'time line')} {agrees(len(timed), 'marks', 'mark')} sections of turns; the first "
                   f"turn of each starts at its time, {counted(estimated, 'other')} {agrees(estimated, 'is', 'are')} "
                   "timed by their words")  # fmt: skip
    return True

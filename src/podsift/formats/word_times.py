"""YouTube's word times left in a text: a caption dump unrolled into time marks.

A script that saves YouTube's automatic captions as text, without their cue timings, keeps
the times inside each cue: ``So<00:00:02.240> normally<00:00:02.480> when…`` (a text cleaner
may have spaced them, ``<00: 00: 02. 240>``). Each tag is when the word after it starts. The
captions roll, so after every line the dump repeats that line once or twice as plain text
before the next one's first, untimed word:

    …approach<00:00:03.120> problems<00:00:03.520> we So normally when we approach problems
    we So normally when we approach problems we approach<00:00:04.000> them…

Read as text, the tags stayed in the words, every line came three times, and the times were
guessed from the word count (6.7 hours for a 53-minute video). Here the repeats are dropped,
``>>`` (a change of speaker) opens a new paragraph, and each paragraph gets a time mark
(``0:02:14``) where its first word starts, so the time-mark reader reads the rest of the file
(a Markdown page's title, fields and notes) as it reads any stamped text.
"""

from __future__ import annotations

import re

from podsift.formats.cues import caption_header_line

# A word time as YouTube writes it, spaces allowed after its separators.
_TAG = re.compile(r"<(\d{1,2}):\s?(\d{2}):\s?(\d{2})[.,]\s?(\d{3})>")
# A cue's timing line: a caption file, whose reader reads its own tags.
_TIMING = re.compile(r"\d[.,]\d{3}\s*-->")
_KARAOKE = re.compile(r"</?c(?:\.[\w.-]+)?>")
# Fewer tags than this are a passage quoting a caption, not a caption dump.
_MIN_TAGS = 20
# ">>" opening a speaker's words, escaped or spaced as a page or cleaner leaves it: one word,
# or a line repeating it would not match the line (its second ">" taken for a repeat of the first).
_TURN_MARK = re.compile(r"(?:&gt;|>)[ \t]*(?:&gt;|>)")
_TURN = ">>"
# A dump times every word it first shows, then repeats it once or twice: a share of its words
# far below a third is a text with some captions quoted in it.
_TAG_SHARE = 0.15
# A caption line's words at most: a longer run seen again is speech repeating itself.
_MAX_LINE_WORDS = 40
_SENTENCE_END = (".", "?", "!", "…")
# A paragraph ends at a sentence end once it has this many words, and anywhere at the second number.
_PARAGRAPH_WORDS = 25
_MAX_PARAGRAPH_WORDS = 120


def _seconds(tag: re.Match[str]) -> float:
    h, m, s, ms = (int(g) for g in tag.groups())
    return h * 3600 + m * 60 + s + ms / 1000


def _repeat(rest: list[str], at: int, timed: list[tuple[str, float]]) -> int:
    """How many of ``rest``'s words from ``at`` on repeat the words last spoken (a caption line again), or 0."""
    first = rest[at]
    for k in range(min(len(rest) - at, len(timed), _MAX_LINE_WORDS), 0, -1):
        if timed[-k][0] == first and all(rest[at + j] == timed[len(timed) - k + j][0] for j in range(1, k)):
            return k
    return 0


def _split(text: str) -> list[str]:
    return _TURN_MARK.sub(f" {_TURN} ", text).split()


def _words(stream: str) -> tuple[list[tuple[str, float]], int]:
    """The words of a tagged stream, each with the time it starts, and how many repeated lines were dropped."""
    tags = list(_TAG.finditer(stream))
    first = _seconds(tags[0])
    timed = [(word, first) for word in _split(stream[: tags[0].start()])]
    dropped = 0
    for i, tag in enumerate(tags):
        at = _seconds(tag)
        gap = _split(stream[tag.end() : tags[i + 1].start() if i + 1 < len(tags) else len(stream)])
        if not gap:
            continue
        timed.append((gap[0], at))
        # More words before the next time: the line is over. What follows is its plain repeats
        # and the next lines' untimed words, each of those lines maybe repeated too.
        k = 1
        while k < len(gap):
            if repeated := _repeat(gap, k, timed):
                k += repeated
                dropped += 1
            else:
                timed.append((gap[k], at))
                k += 1
    return timed, dropped


def _paragraphs(timed: list[tuple[str, float]]) -> list[tuple[float, str]]:
    """Words into paragraphs, each with its first word's time: a new one at every ``>>``, and at a
    sentence end once long enough."""
    paragraphs: list[tuple[float, str]] = []
    words: list[str] = []
    start = 0.0
    for word, at in timed:
        turn = word == _TURN
        if words and (turn or len(words) >= _MAX_PARAGRAPH_WORDS
                      or (len(words) >= _PARAGRAPH_WORDS and words[-1].endswith(_SENTENCE_END))):  # fmt: skip
            paragraphs.append((start, " ".join(words)))
            words = []
        if turn:
            continue
        if not words:
            start = at
        words.append(word)
    if words:
        paragraphs.append((start, " ".join(words)))
    return paragraphs


def _mark(seconds: float) -> str:
    ms = int(round(seconds * 1000))  # the word's own time, to the millisecond the tag gives
    whole, part = divmod(ms, 1000)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}.{part:03d}"




def _rolled_tail(lines: list[str], timed: list[tuple[str, float]]) -> tuple[int, int]:
    """How many of ``lines`` (those after the last timed one) only repeat the last caption lines, as a
    rolling caption dump ends (their words a run of the last words spoken), blank lines between them
    included; and how many such lines there are."""
    recent = [word for word, _ in timed[-2 * _MAX_LINE_WORDS:]]
    end = repeats = 0
    for k, line in enumerate(lines):
        words = _split(line)
        if not words:
            continue
        if not any(recent[i:i + len(words)] == words for i in range(len(recent) - len(words) + 1)):
            break
        end, repeats = k + 1, repeats + 1
    return end, repeats


def unrolled(text: str) -> tuple[str, str] | None:
    """``text`` with its tagged caption lines as paragraphs opened by time marks, and what was
    done; None if it holds no caption dump."""
    if len(tags := _TAG.findall(text)) < _MIN_TAGS or _TIMING.search(text):
        return None
    lines = text.split("\n")
    tagged = [i for i, line in enumerate(lines) if _TAG.search(line)]
    first, last = tagged[0], tagged[-1]
    stream = _KARAOKE.sub("", " ".join(lines[first : last + 1]))
    if len(tags) < _TAG_SHARE * len(_TAG.sub(" ", stream).split()):
        return None  # a long text quoting some captions: the tags time too few of its words
    timed, dropped = _words(stream)
    paragraphs = _paragraphs(timed)
    body = "\n\n".join(f"{_mark(start)} {words}" for start, words in paragraphs)
    tail, repeats = _rolled_tail(lines[last + 1:], timed)
    # the WebVTT header left above the captions when a script deletes their timing lines (yt-dlp's
    # auto-captions through "sed '/^[0-9][0-9]:..*/d'"): "WEBVTT", "Kind: captions", "Language: it"
    header = [line for line in lines[:first] if line.strip() and caption_header_line(line.strip().lstrip("\ufeff"))]
    detail = (f"YouTube caption text with {len(tags):,} word times: {dropped + repeats:,} repeated caption lines "
              f"dropped, read as {len(paragraphs):,} timed paragraphs"
              + (f"; the WebVTT header above them ({', '.join(repr(h.strip()) for h in header)}) left out" if header
                 else ""))  # fmt: skip
    above = [line for line in lines[:first] if line not in header]
    return "\n".join([*above, body, *lines[last + 1 + tail:]]), detail

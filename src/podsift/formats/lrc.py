"""LRC, the lyrics format (``.lrc``): whisper.cpp's ``--output-lrc`` and the Whisper scripts
and subtitle editors that write it.

    [by:whisper.cpp]
    [00:00.00] And so my fellow Americans, ask not what your country can do for you
    [00:07.96] ask what you can do for your country.

Each line is a time tag and what is said from then; it lasts until the next line's time.
Tags on their own line name the file (``[ti:]`` the title, ``[offset:]`` milliseconds to
take off every time). A line may carry several times (a repeated line, written once) and
word times inside it (``<00:01.20>``, "enhanced" LRC), which are dropped. A time tag with
nothing after it ends the line before. The cues then go the way of every caption file
(:mod:`podsift.formats.cues`): speakers resolved, fragments joined into sentences.
"""

from __future__ import annotations

import re

from podsift.formats.cues import Cue, build
from podsift.model import Episode
from podsift.text import agrees, counted, prepare_text

NAME = "lrc"
EXTENSIONS = (".lrc",)

# "[01:02.50]": minutes (past 99 in a long recording), seconds, and hundredths (or
# thousandths). "[00:01:02]" is hours, minutes and seconds: another format's time.
_TIME_TAG = re.compile(r"\[(\d{1,4}):([0-5]\d)(?:\.(\d{1,3}))?\]")
_TIMED_LINE = re.compile(rf"^\s*(?:{_TIME_TAG.pattern}\s*)+")
_ID_TAG = re.compile(r"^\s*\[(ti|ar|al|au|by|re|ve|length|offset|#)\s*:(.*)\]\s*$", re.IGNORECASE)
_WORD_TIME = re.compile(r"<\d{1,4}:[0-5]\d(?:\.\d{1,3})?>\s*")


def _seconds(m: re.Match[str]) -> float:
    minutes, seconds, fraction = m.groups()
    return int(minutes) * 60 + int(seconds) + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def sniff(text: str) -> float:
    lines = [line for line in text[:4096].lstrip("\ufeff").split("\n")[:60] if line.strip()]
    timed = [line for line in lines if _TIMED_LINE.match(line)]
    tagged = sum(1 for line in lines if _ID_TAG.match(line))
    if len(timed) < 2 or len(timed) + tagged < 0.8 * len(lines):
        return 0.0
    # "[00:05] text" alone is also how many timestamped notes are written; hundredths, or
    # LRC's own header tags, make it this format.
    fractions = sum(1 for line in timed if (tag := _TIME_TAG.match(line.lstrip())) and tag.group(3))
    return 0.9 if tagged or fractions >= 0.8 * len(timed) else 0.0


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    offset = 0.0
    timed: list[tuple[float, str]] = []
    untimed = 0
    for line in text.split("\n"):
        tag = _ID_TAG.match(line)
        if tag:
            name, value = tag.group(1).lower(), tag.group(2).strip()
            if name == "ti" and value and not episode.title:
                episode.title = value
            elif name == "offset":
                try:
                    offset = int(value) / 1000
                except ValueError:
                    episode.repair("bad_offset", f"[offset:{value}] is not a number of milliseconds; ignored")
            continue
        head = _TIMED_LINE.match(line)
        if not head:
            untimed += bool(line.strip())
            continue
        words = _WORD_TIME.sub("", line[head.end():]).strip()
        timed.extend((_seconds(m), words) for m in _TIME_TAG.finditer(head.group(0)))
    if untimed:
        episode.repair("untimed_lines", f"{counted(untimed, 'line')} without a time tag {agrees(untimed, 'was not a lyrics line', 'were not lyrics lines')}; dropped")
    if offset:
        # LRC's offset moves the words earlier when positive.
        timed = [(max(0.0, start - offset), words) for start, words in timed]
        episode.repair("offset", f"every time moved {-offset:+g} s, as the file's [offset:] asks")
    timed.sort(key=lambda entry: entry[0])  # lines written once for several times
    cues: list[Cue] = []
    for k, (start, words) in enumerate(timed):
        if words:
            end = timed[k + 1][0] if k + 1 < len(timed) else None
            cues.append(Cue(len(cues) + 1, start, end, words, label="line"))
    if not cues:
        episode.repair("no_cues", "found no timed lines ('[mm:ss.xx] text')")
    build(cues, episode)

"""Caption cues, the shared middle of the WebVTT, SRT and Podcasting 2.0 readers.

Speakers: the Podcasting 2.0 transcript spec puts ``<v Name>`` at the start of a
caption *when the speaker changes*, and SRT cards start with ``Name:`` on a
change, so a cue without a name continues the last named speaker. A dialogue
dash (``- ``) or ``>>`` marks a change to someone unnamed, and in captions that
mark every turn so, a `` - `` inside a line does too (``_turn_dashes``: a copy of
YouTube's transcript panel joins a cue's lines); cues that are only a stage
direction (``[music]``) belong to nobody. Meeting tools name every cue; the
few that Zoom leaves unnamed are read the same way, and the report says so.

A ``Name:`` prefix names a speaker only when the file's labels behave like
speakers (``speaker_labels``); otherwise it is read as speech, and credit lines
(``Subtitles: @x``) and the headers of joined caption files (``Kind: captions``)
are dropped and reported. WhisperX and pyannote write the label in brackets,
``[SPEAKER_00]: text``, which reads the same; ``[SPEAKER_00] text`` without the colon
looks like a sound cue (``[Music] text``), so such a label names a speaker only when
it looks like a name, names no sound, and recurs (or is a numbered id beside labels
that do). Bracketed words that name nobody are stage directions (``split_directions``).

Caption cues are fragments of what someone said, cut to fit on screen. The
canonical timeline wants turns, so in a file of short cues, consecutive cues by
the same named speaker are joined (see ``merge_turns`` and ``fragmented``), and in
a file where nobody is named, fragments are joined into sentences. Rolling
captions, which repeat each line as it scrolls (YouTube's automatic captions),
are first cut to the words each cue adds (``unroll``). Rendering writes one cue
per segment, and the joining rules are chosen so that reading that output back
gives the same segments.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Callable, Collection, Iterable, Mapping, Sequence

from podsift.formats.cue_languages import language_tags, twin_cues, two_scripts
from podsift.formats.labels import (
    SENTENCE_END,
    caseless_name,
    caseless_word,
    credible,
    diarizer_id,
    given_name_like,
    is_credit,
    is_credit_line,
    looks_like_name,
    not_a_name,
    numbered_speaker,
    stereo_label,
    typed_names,
)
from podsift.formats.line_wrap import join_lines
from podsift.formats.turn_dashes import kept_as_words, marks, separator, trust_case
from podsift.formats.whisper_loop import detail as loop_detail
from podsift.formats.whisper_loop import repeats
from podsift.model import Episode, Repair, Segment, SourceRejected
from podsift.speakers import GENERIC
from podsift.text import (
    CJK_LATIN_SPACE,
    CJK_SPACE,
    ENDS_ON_ABBREVIATION,
    agrees,
    as_time,
    counted,
    format_timestamp,
    names_a_sound,
    parse_timestamp,
    runs_on,
    split_directions_after,
    squash,
)
from podsift.words import WORDS_PER_MINUTE, spoken_words, unspaced_characters, word_frequency

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
    one_line: bool = False  # its words beside its times, a caption a line, as whisper prints them

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
    change: bool = False  # opened by a dialogue dash: a new turn even if nobody is named


Note = tuple[str, str, str | None]  # (kind, detail, where), recorded as repairs

# A minus before a time is a broken time, not a dialogue dash: the line is still a timing line.
_TS_TEXT = r"(?:-(?=\d))?[\d:.,]*"
# A line holding "-->" with something time-like on either side; "a --> b" in speech is not one.
# Matched on the stripped line: no pattern of spaces around the times can backtrack.
_TIMING = re.compile(rf"^({_TS_TEXT})[ \t]*-->[ \t]*({_TS_TEXT})(.*)$")
# What may follow a timing line's times: WebVTT's cue settings ("align:start position:0%") and the
# box some SRT files give ("X1:100 X2:600 Y1:20 Y2:50"). Anything else after a space is the cue's
# words: scripts merging whisper's output write each caption on one line, its text after its range.
_CUE_SETTINGS = re.compile(r"^(?:[ \t]+(?:vertical|line|position|size|align|region|[xy][12]):\S*)*[ \t]*$",
                           re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")
# What a cue cut short leaves after the last whole one: its number, the start of its timing line, or both.
_CUT_CUE = re.compile(r"\d+(?:\n\d[\d:.,]*(?:[ \t]*-{1,2}>?(?:[ \t]*[\d:.,]*)?)?)?|\d{1,2}:[\d:.,]*(?:[ \t]*-{1,2}>?"
                      r"(?:[ \t]*[\d:.,]*)?)?")
_BLOCK_KEYWORD = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
# Plain seconds ("0.860", "12"), as some Podcasting 2.0 VTT files give cue times.
# Digits are bounded: int() refuses strings of thousands of digits.
_SECONDS = re.compile(r"^(\d{1,9})(?:[.,](\d{1,9}))?$")
# File headers that joined caption files repeat among the cues; never speech.
_HEADER_LINE = re.compile(
    r"^(?:Kind:[ \t]*(?:captions|subtitles|descriptions|chapters|metadata)"
    r"|Language:[ \t]*[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}"
    r"|X-TIMESTAMP-MAP=\S*)$",
    re.IGNORECASE,
)
_WEBVTT_LINE = re.compile(r"^WEBVTT(?:[ \t]|$)")


def caption_header_line(line: str) -> bool:
    """A WebVTT header's line: "WEBVTT", "Kind: captions", "Language: it", "X-TIMESTAMP-MAP=…"."""
    return bool(_WEBVTT_LINE.match(line) or _HEADER_LINE.match(line))


def ms(value: float | None) -> float | None:
    """Times are kept to the millisecond, so every format reads the same float back."""
    return None if value is None else round(value, 3)


# A start time and an arrow cut to "--" with nothing after it: a script's cue lines lost their "> end".
_CUT_TIMING = re.compile(r"^(\d{1,2}(?::\d{2}){1,2}[.,]\d{1,3})[ \t]*--()()$")


def _timing(line: str, cue_may_start: bool) -> re.Match[str] | None:
    if "-->" not in line:
        # A cut timing only where a cue can start: inside a cue, "1:23.456 --" is someone's words.
        return _CUT_TIMING.match(line.strip()) if cue_may_start and line.rstrip().endswith("--") else None
    m = _TIMING.match(line.strip())
    if m and (m.group(1) or m.group(2)):
        return m
    return None


def _cue_may_start(lines: list[str], i: int) -> bool:
    """Whether a cue can start at line ``i``: first in the file, after a blank line or the header,
    or after a cue's number that follows a blank line."""
    before = lines[i - 1].strip() if i else ""
    if not before or caption_header_line(before):
        return True
    return before.isdigit() and (i < 2 or not lines[i - 2].strip())


def _inline_text(m: re.Match[str]) -> str:
    """The words on a timing line after its times, if any (not its cue settings)."""
    rest = m.group(3)
    return "" if not rest[:1].isspace() or _CUE_SETTINGS.match(rest) else rest.strip()


def clock(value: str) -> float | None:
    return ms(parse_timestamp(value)) if value else None


def cue_time(value: str) -> float | None:
    """A cue time as ``clock`` reads it, or plain seconds (``0.860``, ``12``)."""
    m = _SECONDS.match(value)
    if m:
        frac = m.group(2)
        return ms(as_time(int(m.group(1)) + (int(frac) / 10 ** len(frac) if frac else 0.0)))
    return clock(value)


def _plain_seconds(value: str) -> bool:
    return bool(_SECONDS.match(value))


def read_cues(text: str, *, vtt: bool) -> tuple[list[Cue], list[Note]]:
    """The tolerant hand-written reader: cues in file order, and what it had to work around.

    ``text`` must already have LF line ends. Any line with ``-->`` and a time starts
    a cue, whether or not a blank line came before it; the line just before it is the
    cue's identifier when it is a number or follows a blank line; words after its times
    (not cue settings) are the cue's first line. Header lines that
    joined caption files repeat between or inside cues (``WEBVTT``, ``Kind: captions``,
    ``Language: en``) are dropped, and counted in one note.
    """
    lines = text.split("\n")
    notes: list[Note] = []
    timings = {i: m for i, line in enumerate(lines) if (m := _timing(line, _cue_may_start(lines, i)))}
    order = sorted(timings)
    headers: list[int] = []  # line indexes of header lines dropped among the cues

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
        """Indexes of stray lines in lines[lo:hi], skipping blank lines, VTT NOTE/STYLE/REGION
        blocks and the header blocks of caption files joined into one."""
        stray: list[int] = []
        i, after_blank = lo, True
        while i < hi:
            line = lines[i].strip()
            if not line:
                after_blank = True
            elif after_blank and _WEBVTT_LINE.match(line):
                while i < hi and lines[i].strip():
                    headers.append(i)
                    i += 1
                continue
            elif vtt and after_blank and _BLOCK_KEYWORD.match(line):
                while i < hi and lines[i].strip():
                    i += 1
                continue
            elif _HEADER_LINE.match(line):
                headers.append(i)
                after_blank = False
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
                f"{counted(len(ignored), 'line')} before the first cue {agrees(len(ignored), 'was', 'were')} not captions and {agrees(len(ignored), 'was', 'were')} left out",
                f"line {ignored[0] + 1}",
            ))
        if vtt and header_end and header_end in timings:
            notes.append(("missing_blank_line", "no blank line after the WEBVTT header", "cue 1"))
    else:
        notes.append(("no_cues", "found no timed cues (lines with '-->')", None))

    cues: list[Cue] = []
    seconds: list[int] = []
    inline: list[int] = []
    for k, t in enumerate(order):
        position = k + 1
        hi = starts[k + 1] if k + 1 < len(order) else len(lines)
        m = timings[t]
        start, end = cue_time(m.group(1)), cue_time(m.group(2))
        if _plain_seconds(m.group(1)) or _plain_seconds(m.group(2)):
            seconds.append(position)
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
        if said := _inline_text(m):
            payload.append(said)
            inline.append(position)
        i = t + 1
        while i < hi:
            line = lines[i].strip()
            if line:
                if _HEADER_LINE.match(line):
                    headers.append(i)
                else:
                    payload.append(line)
            elif not (vtt and lines[i] and i + 1 < hi and lines[i + 1].strip()
                      and not _BLOCK_KEYWORD.match(lines[i + 1].strip())):
                break
            # else: WebVTT ends a cue only at an empty line; a line of spaces inside it
            # (YouTube writes one above every caption) is part of the cue, unless a NOTE follows it.
            i += 1
        stray = skip_blocks(i, hi)
        # A footer set apart by a blank line ("Transcribed by https://otter.ai") is no part of the
        # cue above it; joined, the whole cue would read as a credit and its speech be dropped.
        credits = [j for j in stray if is_credit_line(lines[j].strip())]
        if credits:
            stray = [j for j in stray if j not in credits]
            notes.append((
                "credit_lines",
                f"{counted(len(credits), 'credit line')} such as {lines[credits[0]].strip()!r} after the cue "
                f"{agrees(len(credits), 'was', 'were')} not speech; dropped",
                f"cue {position}",
            ))
        cut = "\n".join(lines[j].strip() for j in stray)
        if stray and k + 1 == len(order) and _CUT_CUE.fullmatch(cut):
            notes.append(("cut_short", f"the file ends inside a cue (looks cut short): its start {cut!r} after "
                          "the last whole cue was dropped", f"cue {position + 1}"))
            stray = []
        if stray:
            payload.extend(lines[j].strip() for j in stray)
            notes.append((
                "stray_text",
                f"{counted(len(stray), 'line')} after a blank line inside the cue kept as its text",
                f"cue {position}",
            ))
        # A cue of one line, its words beside its times, needs no blank line to end it.
        if k + 1 < len(order) and (hi - 1 == t and not said or hi - 1 > t and lines[hi - 1].strip()):
            notes.append((
                "missing_blank_line",
                "the cue started right after the previous one with no blank line between",
                f"cue {position + 1}",
            ))
        identifier = lines[starts[k]].strip() if starts[k] != t else None
        cues.append(Cue(position, start, end, "\n".join(payload), identifier, one_line=bool(said) and len(payload) == 1))
    if inline:
        notes.append((
            "text_on_timing_line",
            f"{counted(len(inline), 'cue')} {agrees(len(inline), 'has', 'have')} their words on the timing line, after the times (one caption a line); "
            "read as the cue's text",
            f"cue {inline[0]}",
        ))
    if seconds:
        notes.append((
            "seconds_times",
            f"{counted(len(seconds), 'cue')} {agrees(len(seconds), 'gives', 'give')} times as plain seconds (like '0.860 --> 7.380'); read as seconds",
            f"cue {seconds[0]}",
        ))
    if headers:
        notes.append((
            "header_lines",
            (f"{counted(len(headers), 'caption-file header line')} (WEBVTT, Kind:, Language:) among the cues "
             f"{agrees(len(headers), 'was', 'were')} not speech; dropped"),
            f"line {headers[0] + 1}",
        ))
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
# YouTube writes the chevrons escaped ("&gt;&gt; [music]").
CHEVRONS = r"(?:>>>?|(?:&gt;){2,3})"  # ">>>" opens a new subject in broadcast captions, a new voice too
# "?: Is this on?": a transcriber's label for a voice they could not name, someone new as a dash is.
_CHANGE = re.compile(rf"^(?:{CHEVRONS}|(?:--|[-–—]|\?{{1,3}}[ \t]?:)(?=[ \t]|$))[ \t]*")  # "-- ": Polish television's dash
# Entries of JSON and tables take only the chevrons: a lone "-" there may be a word of its own.
_CHEVRON_CHANGE = re.compile(rf"^{CHEVRONS}[ \t]*")
# A voice change inside a caption's line ("questions. >> Wait, you're saying…"): as at a line's start.
_INNER_CHEVRON = re.compile(rf"(?<=\S)[ \t]+(?={CHEVRONS}(?:[ \t]|$))")
_TIGHT_CHANGE = re.compile(r"^[-–—](?=[ \t]*\w)[ \t]*")
# 1-3 capitalised words (a trailing number allowed: "Speaker 2"), then a colon; WhisperX
# and pyannote write the label in brackets ("[SPEAKER_00]: text"). A role in brackets
# may follow the name ("Leo Dion (host): text", as podcast hosts' caption exports write it).
_NAME_PREFIX = re.compile(
    r"^(\[)?((?:[^\W\d_][\w'’.\-]*)(?:[ \t]+[^\W\d_][\w'’.\-]*){0,2}(?:[ \t]+\d{1,3})?)(?(1)\])"
    r"(?P<role>[ \t]+\([^()\n]{1,30}\))?"
    r"(?:[ \t]?:(?:[ \t]+|$)|[ \t]?：[ \t]*)"  # Chinese and Japanese write the full-width colon, no space after
)
# "[SPEAKER_00] text": a label in brackets without the colon. Sounds are written the same
# way ("[Music] text"), so it names a speaker only on stricter evidence (``_bracket_speakers``).
_BRACKET_LABEL = re.compile(r"^\[([^\[\]\n]{1,40})\][ \t]+(?=\S)")


# Any "label: rest" opening, for credits whose label is no name ("Source: https://...").
_ANY_LABEL = re.compile(r"^([^:\n]{1,40}?)[ \t]*:[ \t]*(.*)$")
# A lone label is taken on its shape alone when labels are this common: one part in ten.
LABEL_DENSITY = 10


@dataclass
class _Part:
    voice: str | None  # named by a voice span: explicit markup, always a speaker
    label: str | None  # a "Name:" prefix: a speaker only if the file's labels are credible
    change: bool  # opened by a dialogue dash: someone new, unnamed
    text: str  # cleaned text after the label
    whole: str  # cleaned text with the label, as it reads if the label names nobody
    by_label: bool  # split from the line before only because this line opens with a label
    speaker: str | None = None  # resolved in cue_pieces
    loose: str | None = None  # any short "label:" opening, for files where nearly every cue has one
    bracket: str | None = None  # a "[Label] text" opening: a speaker only on ``_bracket_speakers``' evidence
    italic: bool = False  # every line in italics: subtitles for the deaf so mark a voice off screen


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def clean_text(raw: str) -> str:
    """Cue text without markup or entity escapes, on one line."""
    text = _unescape(_TAG.sub(_untag, raw))
    # Markup escaped once more ("&lt;i&gt;Hello&lt;/i&gt;", as exports that escape a caption's
    # text whole write it) is markup still, not words.
    return squash(_TAG.sub(_escaped_untag, text) if "<" in text else text)


def _untag(m: re.Match[str]) -> str:
    # A line break tag separates words; other tags may sit inside a word ("<i>un</i>sure").
    return " " if m.group(0)[1:3].lower() == "br" else ""


def _escaped_untag(m: re.Match[str]) -> str:
    """An escaped tag goes as markup only if paired or clinging to a word: "the <b> tag" is speech."""
    tag, text = m.group(0), m.string
    name = re.match(r"</?([A-Za-z]*)", tag)
    if not name or not name.group(1):  # a karaoke time or a {\an8} override: never words
        return _untag(m)
    word = name.group(1).lower()
    closing = tag.startswith("</")
    before = text[m.start() - 1:m.start()]
    after = text[m.end():m.end() + 1]
    # Italics that run across captions ("&lt;i&gt; Run on" / "across cues &lt;/i&gt;") open
    # one caption and close a later one: a tag at the caption's edge is paired beyond it.
    if closing:
        paired = re.search(rf"<{word}\b", text[:m.start()], re.IGNORECASE) is not None or not text[m.end():].strip()
        clings = bool(before) and not before.isspace()
    else:
        paired = re.search(rf"</{word}>", text[m.end():], re.IGNORECASE) is not None or not text[:m.start()].strip()
        clings = bool(after) and not after.isspace()
        if word == "br":  # no pair; a break clings on either side ("one<br>two")
            clings = clings or (bool(before) and not before.isspace())
    return _untag(m) if paired or clings else tag


def name_prefix(text: str) -> tuple[str | None, str]:
    """Split a ``Name:`` prefix off ``text``: (name, rest), or (None, text)."""
    m = _NAME_PREFIX.match(text)
    if not m:
        return None, text
    name = squash(m.group(2))
    # A role goes, the name decides; a company ("(SL)", a meeting tool's typed name) is left to the
    # typed-label reading, which keeps it whole, and "(laughing)" is no label at all.
    if m.group("role") and not GENERIC.match(m.group("role").strip()[1:-1].strip()):
        return None, text
    words = name.split(" ")
    if len(name) > 40 or not_a_name(name) or not (all(w[0].isupper() or w.isdigit() or caseless_word(w) for w in words)
                                                  or diarizer_id(name)):  # "speaker0:", as Chinese pipelines write it
        return None, text
    return name, text[m.end():]


def _parts(payload: str) -> list[_Part]:
    """The speaker parts of one cue, in order; most cues have exactly one.

    Parts are split at voice spans, dialogue dashes and lines opening with a
    ``Name:`` label; whether a label names a speaker is decided for the whole file
    (see ``cue_pieces``).
    """
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
        groups: list[tuple[bool, bool, list[str]]] = []
        lines = chunk.split("\n")
        # Film subtitles open every line of a two-voice cue with a dash, not always spaced
        # ("-Yeah." / "- We... suck."); one dashed line alone may be a cut word ("-you walked in").
        dialogue = len(lines) > 1 and all(_TIGHT_CHANGE.match(line) for line in lines)
        for line in lines:
            dash = (_TIGHT_CHANGE if dialogue else _CHANGE).match(line) or _tight_label(line)
            if dash and groups and _sentence_dash(line, groups[-1][2][-1]):
                dash = None
            if dash or not groups:
                groups.append((bool(dash), False, [line[dash.end():] if dash else line]))
            elif name_prefix(clean_text(line))[0]:
                groups.append((False, True, [line]))
            else:
                groups[-1][2].append(line)
        for index, (change, by_label, lines) in enumerate(groups):
            whole = stereo_label(clean_text(join_lines(lines)))
            # A voice span names its first group; a dash after it means someone else.
            speaker = voice if index == 0 else None
            change = change and speaker is None
            label, text = (None, whole) if speaker is not None else name_prefix(whole)
            # Not after a dialogue dash: that marks an unnamed speaker, whose words may hold a colon.
            unlabelled = speaker is None and label is None and not change
            loose = _loose_label(whole) if unlabelled else None
            # A bracketed name may follow a dialogue dash ("- [Carlota] Vamos"): it names who that is.
            bracket = _BRACKET_LABEL.match(whole) if speaker is None and label is None else None
            parts.append(_Part(speaker, label, change, text, whole, by_label and index > 0,
                               loose=squash(loose.group(1)) if loose else None,
                               bracket=squash(bracket.group(1)) if bracket else None,
                               italic=all(_ITALIC_LINE.match(line) for line in lines if line.strip())))
    return parts


def _tight_label(line: str) -> re.Match[str] | None:
    """An unspaced dash before a ``Name:`` label ("-N.Saint-Cricq: Bonsoir", French broadcast captions):
    a change of speaker even on a line of its own, since the label says so; a cut word has no label."""
    dash = _TIGHT_CHANGE.match(line)
    return dash if dash and name_prefix(clean_text(line[dash.end():]))[0] else None


# "<i>En 1928,</i>", "[Alba] <i>En 1928,</i>": a line in italics, a bracketed name before it allowed.
_ITALIC_LINE = re.compile(r"^\s*(?:\[[^\[\]\n]{1,40}\]\s*)?<i>.*</i>\s*$", re.IGNORECASE)


# Meeting tools write whatever name a participant typed: "shruthi:", "Ashlee Kupor (SL):",
# "Saurabh's iPad:". Taken only where labels open most cues and the same one recurs.
_LOOSE_LABEL = re.compile(r"^([^\s:<>\[\]{}][^:\n<>]{0,49}?)[ \t]?:[ \t]+(?=\S)")
# Japanese and Chinese captions write the speaker in full-width brackets before the words:
# "（司会）おはようございます。", "【Yoshi】では進捗から。".
_WIDE_LABEL = re.compile(r"^[（【]([^（）【】\n]{1,20})[）】][ \t\u3000]*(?=\S)")
# What those brackets hold when they are a sound, not a name: laughter, applause, music, a sigh.
_WIDE_SOUNDS = frozenset("笑 笑い 爆笑 拍手 音楽 歓声 ため息 咳 沈黙 BGM 効果音 鼓掌 掌声 音乐 笑声 叹气".split())


def _loose_label(whole: str) -> re.Match[str] | None:
    """A typed label opening ``whole``: ``Name:``, or a name in full-width brackets that is no sound."""
    if m := _LOOSE_LABEL.match(whole):
        return m
    m = _WIDE_LABEL.match(whole)
    return m if m and squash(m.group(1)) not in _WIDE_SOUNDS else None


def _loose_speakers(parts: list[_Part]) -> set[str]:
    """Typed-in names of a meeting transcript: labels on most parts, each recurring, none a header."""
    labelled = sum(1 for p in parts if p.voice or p.label or p.loose)
    accepted = typed_names([part.loose for part in parts], labelled)
    # Beside names in full-width brackets that recur, one said once ("（遥）") is a voice too.
    wide = {p.loose for p in parts if p.loose and _WIDE_LABEL.match(p.whole)}
    # A diarizer's numbered ids in them ("【说话人0】", Alibaba's) open only each turn's first caption:
    # speakers however few captions they open, where they recur or two of them take turns.
    ids = Counter(p.loose for p in parts if p.loose in wide and numbered_speaker(p.loose))
    if len(ids) >= 2 or any(n >= 2 for n in ids.values()):
        accepted |= set(ids)
    return accepted | wide if accepted & wide else accepted


# "SPEAKER_01", "Speaker 2": a diarizer's numbered id, which no sound cue looks like.
_NUMBERED_ID = re.compile(r"[ _]\d{1,3}$")


# An English word this common ("Thunder", "Footsteps") names a sound as often as a person.
_COMMON_WORD = 3000


def _rare_name(label: str) -> bool:
    """A name said once in a file whose other bracketed names recur (subtitles for the deaf name
    each new voice once: "[Pedro] Lo haré"): every word capitalised, none a common English word."""
    words = label.split()
    return bool(words) and all(w[:1].isupper() and w[1:].islower() and word_frequency(w.lower()) < _COMMON_WORD
                               for w in words)  # fmt: skip


def _bracket_speakers(parts: list[_Part]) -> tuple[set[str], set[str]]:
    """Names of "[Name] text" openings that are speakers: each looks like a name, names no sound, and
    recurs; and those of them only a script without capitals vouches for (``_caseless_bracket_speakers``).

    Without a colon the brackets read like a sound cue, so a label said once counts only
    as a numbered id beside labels that recur (a guest with one line), not on taking turns
    alone as ``Name:`` does; a "[Laughs]" said ten times stays a sound.
    """
    counts = Counter(
        part.bracket for part in parts
        if part.bracket and looks_like_name(part.bracket) and not names_a_sound(part.bracket)
    )
    accepted = {name for name, n in counts.items() if n >= 2}
    caseless = _caseless_bracket_speakers(parts)
    if accepted or caseless:
        accepted.update(name for name in counts if _NUMBERED_ID.search(name) or _rare_name(name))
    # A writer that forgot the colon once: the same name labels other cues "[Name]: ...".
    accepted.update(name for name in counts if name in {part.label for part in parts})
    return accepted | caseless, caseless - accepted


# A sound's or an on-screen caption's word in a script without capitals, which a caption brackets
# before words as it does a name: music, laughter, applause, a sigh, a cheer, footsteps, a caption or
# a narrator (Korean, Arabic, Persian, Hebrew, Chinese, Japanese).
_CASELESS_SOUNDS = frozenset(
    "음악 웃음 박수 노래 한숨 환호 함성 환성 탄성 비명 울음 기침 침묵 휘파람 박수갈채 효과음 배경음악 자막 뉴스 속보 "
    "현장 연결 내레이션 나레이션 초인종 전화벨 "
    "موسيقى ضحك تصفيق تنهد هتاف تهليل صمت سعال بكاء صراخ همس موسیقی خنده تشویق آه سکوت سرفه گریه جیغ "
    "מוזיקה צחוק אנחה תשואות מחיאות שקט "
    "笑 笑い 笑う 拍手 拍手喝采 ため息 足音 歓声 沈黙 効果音 ナレーション テロップ 字幕 音楽 "
    "笑声 音乐 掌声 歌 鼓掌 欢呼 叹气 叹息 喝彩 咳嗽 哭泣 尖叫 沉默 旁白 画外音 屏幕文字 屏幕 背景音乐 "
    "歡呼 嘆氣 掌聲 笑聲 音樂 畫外音 螢幕文字".split())
_SOUND_ENDING = ("소리", "音乐", "音楽")  # "[웃음소리]", "[背景音乐]": compounds of a sound's word
_CASELESS_LABEL_WORDS = 3  # "[اپراتور ATC]" (ATC operator); a longer bracket describes a sound


def _caseless_label(label: str) -> bool:
    """A short label opening with a word of a script without capitals (Hangul, Arabic, Persian, CJK),
    the rest such words, capitalised words or numbers ("اپراتور ATC", "گزارشگر 2"); no sound's or
    caption's word, and no Chinese or Japanese sound's character (音, 声, 笑, 曲: "[脚步声]")."""
    words = label.split()
    return (0 < len(words) <= _CASELESS_LABEL_WORDS and caseless_word(words[0])
            and all(caseless_word(w) or w[:1].isupper() or w.isdigit() for w in words)
            and label not in _CASELESS_SOUNDS and not _CASELESS_SOUNDS.intersection(words)
            and not label.endswith(_SOUND_ENDING) and not _WIDE_SOUND.search(label)
            and label not in _WIDE_NOTES)  # fmt: skip


def _caseless_bracket_speakers(parts: list[_Part]) -> set[str]:
    """"[민수] 안녕하세요", "[خلبان] برج…": names in brackets before the words, in a script whose
    capitals cannot set a name apart from a sound. Names take turns: two of them or more, each said
    again, the name changing between most neighbouring labels (a sound recurs in runs: "[한숨]" twice
    then "[환호]" twice); then a one-word label said once beside them is a voice too ("[ساریکا]")."""
    labels = [part.bracket for part in parts if part.bracket and _caseless_label(part.bracket)]
    counts = Counter(labels)
    recurring = {name for name, n in counts.items() if n >= 2}
    order = [name for name in labels if name in recurring]
    changes = sum(1 for a, b in pairwise(order) if a != b)
    if len(recurring) < 2 or 2 * changes < len(order) - 1:
        return set()
    return recurring | {name for name in counts if " " not in name}


def _described(bracket: str, names: set[str]) -> str | None:
    """The name in "[joven Francisco]" (young Francisco, in a flashback): lower-case words describing
    a voice the file names elsewhere."""
    words = bracket.split()
    for cut in range(1, len(words)):
        if all(word.islower() for word in words[:cut]) and " ".join(words[cut:]) in names:
            return " ".join(words[cut:])
    return None


def _sparse_brackets(parts: list[_Part], speakers: set[str], bracketed: set[str]) -> bool:
    """Whether the file names voices only now and then, in brackets, as subtitles for the deaf do:
    a name there marks a voice the viewer cannot place, so carrying it on to the unnamed captions
    after it would put other characters' lines in that voice's mouth.

    Not for diarizers' ids (``[SPEAKER_00]``), nor where most captions carry a name."""
    if not bracketed or any(_NUMBERED_ID.search(name) for name in bracketed):
        return False
    named = [part for part in parts if part.voice or part.label in speakers]
    if any(part.voice or part.label not in bracketed or part.bracket != part.label for part in named):
        return False
    return len(named) * 4 < len(parts)


def one_line_captions(cues: Sequence[Cue]) -> bool:
    """Are these whisper's captions as it prints them, most a line with the words beside the times?"""
    return bool(cues) and 2 * sum(cue.one_line for cue in cues) > len(cues)


def _diarized(parts: list[_Part], speakers: set[str], episode: Episode) -> set[str]:
    """The speakers of whisper's captions. Whisper names no one, so a word and a colon opening a
    caption (``Pregunta: on són els arbres?``, Catalan for "Question:") is what was said; only a
    script that diarized the captions labels them, and then it labels most of them. A diarizer's
    numbered id (``SPEAKER_00``) is never words."""
    named = [part.label for part in parts if part.voice is None and part.label in speakers
             and not _NUMBERED_ID.search(part.label)]  # fmt: skip
    if not named or 2 * len(named) >= len(parts):
        return speakers
    shown = list(dict.fromkeys(named))
    episode.repair("caption_labels", f"{counted(len(named), 'caption')} {agrees(len(named), 'opens', 'open')} with a word and a colon "
                   f"({', '.join(map(repr, shown[:3]))}{' …' if len(shown) > 3 else ''}), too few to be a diarizer's "
                   "labels: whisper names no speaker, so they are words")
    return speakers - set(named)


def speaker_labels(labels: list[str | None]) -> set[str]:
    """The ``Name:`` labels of a caption file that name speakers (one entry per part, in order).

    A label counts when it behaves like a speaker (``labels.credible``: it looks like a
    name and recurs or alternates with other labels). A lone label is also taken on its
    shape alone where the file gives no evidence against it: when labels are common
    (short clips, and podsift's own exports, which name every named segment), or when
    it opens the file (a single speaker named once, at the top). What it rejects is a
    lone "Python: ..." deep inside a long unlabelled file, which would otherwise become
    the speaker of every cue after it.
    """
    # Words before a colon in a script without capitals are names only where they label most parts,
    # two or more of them and none a note's word ("注意：", "问题：" open a lecture's captions now and then).
    caseless = [label for label in labels if label is not None and caseless_name(label)]
    counts = Counter(label for label in caseless if label not in _CASELESS_NOTES)
    named = set(counts)
    # two names or more, one said again, taking turns, in a file labelled where the voice changes (a part in ten)
    turns = [label for label in caseless if label in named]
    labelling = (len(named) >= 2 and max(counts.values()) >= 2 and any(a != b for a, b in zip(turns, turns[1:]))
                 and len(caseless) * LABEL_DENSITY >= len(labels))
    shaped = [label for label in labels if label is not None and (looks_like_name(label) or diarizer_id(label)
                                                                  or (labelling and label in named))]
    if shaped and len(shaped) * LABEL_DENSITY >= len(labels):
        accepted = credible(labels) | set(shaped)
    else:
        # Few labels among many cues take turns with nothing: "Уяви:", "А Вона:" once each, hundreds
        # of cues apart, introduce what someone said. A speaker's label recurs.
        # A word before a full-width colon is as often "注意：" (note:) as a name: only where labels are common.
        accepted = {label for label, n in Counter(shaped).items() if n >= 2 and not caseless_name(label)}
        # A speaker named in full once, by first name after ("Dan Ott:", then "Dan:"): the same voice.
        accepted |= {label for label in shaped if len(label.split()) >= 2 and label.split()[0] in accepted}
    if labels and labels[0] is not None and looks_like_name(labels[0]):
        accepted.add(labels[0])
    if accepted:
        # Broadcast captioners name a speaker in capitals where the voice changes ("ANTHONY GRISANTI: Oh,
        # this is…"), a guest who speaks once too: in a file that names speakers, a full name so written is one.
        accepted |= {label for label in shaped if label.isupper() and len(label.split()) >= 2}
    return accepted


# Words that open a caption as a note, not a name, in Chinese and Japanese: note, question, answer's
# example, summary, time, place, hint, remark, point.
_CASELESS_NOTES = frozenset("注意 问题 問題 例 例如 总结 總結 时间 時間 地点 地點 提示 备注 備註 ポイント 注 補足 まとめ".split())


def _credit(part: _Part) -> bool:
    """A credit or link line ("Subtitles: @x", "Transcribed by Otter.ai"), not speech."""
    return credit_text(part.whole)


def credit_text(whole: str) -> bool:
    """A caption's cleaned text that is a credit or link line, not speech."""
    if is_credit_line(whole):
        return True
    m = _ANY_LABEL.match(whole)
    if not m:
        return False
    label = m.group(1).strip()
    return (not_a_name(label) or label.lower().endswith(" by")) and is_credit(label, m.group(2))


# Name lines must head at least this share of the multi-line cues to count as a file's style.
NAME_LINE_SHARE = 0.5
# "(Jane Doe)" on a line of its own, as Google Meet's recorded captions name who speaks.
_PAREN_NAME = re.compile(r"^\(([^()\s][^()\n]{0,39}(?<=\S))\)$")
_LONE_DASH = frozenset("-–—")


def _heads(payload: str) -> list[tuple[int, str]]:
    """(line, name) of each line of a cue that may name the speaker of the lines under it:
    its first line ("Jane Doe", or "(Jane Doe)"), and "(Jane Doe)" first after a lone dash,
    where Google Meet starts another speaker's words within one cue."""
    lines = payload.split("\n")
    heads: list[tuple[int, str]] = []
    turn = True
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue  # Meet puts a line holding a space after the dash
        if text in _LONE_DASH:
            turn = True
            continue
        if turn and any(rest.strip() for rest in lines[k + 1 :]):
            paren = _PAREN_NAME.match(text)
            if paren and looks_like_name(paren.group(1)) and not names_a_sound(paren.group(1)):
                heads.append((k, paren.group(1)))
            elif k == 0 and ":" not in text and looks_like_name(text):
                heads.append((k, text))
        turn = False
    return heads


def _labelled(payload: str, heads: list[tuple[int, str]]) -> str:
    """``payload`` with each head line made a "Name:" label of the line under it; a dash and
    blank lines before a head go, since the label now starts the other speaker's part."""
    lines = payload.split("\n")
    named = dict(heads)
    out: list[str] = []
    label = None
    for k, line in enumerate(lines):
        if k in named:
            while out and (not out[-1].strip() or out[-1].strip() in _LONE_DASH):
                out.pop()
            label = named[k]
            continue
        if label is not None and line.strip():
            line, label = f"{label}: {line.strip()}", None
        out.append(line)
    return "\n".join(out)


def _name_lines(cues: list[Cue], episode: Episode) -> None:
    """Cues that give their speaker a line of its own ("Jane Doe" above "Hi! I'm Jane…"), as
    Teams' Word transcript and some meeting tools write them, or "(Jane Doe)", as Google
    Meet does, take it as a "Jane Doe:" label.

    Only names that head several cues, and together most cues of more than one line, count:
    a caption's first line is otherwise words, however capitalised.
    """
    heads = [_heads(cue.payload) for cue in cues]
    counts = Counter(name for cue_heads in heads for _, name in cue_heads)
    named = {h for h, n in counts.items() if n >= 2}
    several = sum(1 for cue in cues if "\n" in cue.payload.strip())
    if not named or sum(counts[h] for h in named) < NAME_LINE_SHARE * several:
        return
    labelled = 0
    for cue, cue_heads in zip(cues, heads):
        kept = [(k, name) for k, name in cue_heads if name in named]
        if kept:
            cue.payload = _labelled(cue.payload, kept)
            labelled += 1
    episode.repair("name_lines", f"{counted(labelled, 'cue')} {agrees(labelled, 'names', 'name')} their speaker on a line of its own; read as labels")


# Captions that mark each change of speaker with a dialogue dash, several to a line where a
# cue's lines were joined (YouTube's transcript panel copies "- Hi, Lacey. - Hi, Jim." so).
_DASHED_LINE = re.compile(r"^[-–—][ \t]+\S")
_QUOTES = "\"'“‘"
# The file's style only when dashes open this share of its lines and marks inside lines that
# open a turn (a capital, a quote or a bracketed name after them) are not rare among those.
# An interview's turns run over many captions: Talk Python's captions dash 8% of their lines,
# and 9 turns in 145 start inside a line ("You came on our show. - Yeah, thank you.").
_DASHED_SHARE = 0.05
_INLINE_SHARE = 0.05
_DASH_EVIDENCE = 3


def _turn_dashes(cues: list[Cue], episode: Episode) -> None:
    """In captions that mark turns with dialogue dashes, a `` - `` inside a line starts another
    speaker's part too: it is put at the start of a line of its own, where ``_parts`` reads it.

    A dash before a lower-case word or inside a quotation stays words (``turn_dashes``), and a
    file whose dashes are not clearly its turn marks is left as it is: there ``I was - you
    know - tired`` and ``well-known`` are one speaker's words."""
    lines = [line.strip() for cue in cues for line in cue.payload.split("\n") if line.strip()]
    dashed = sum(1 for line in lines if _DASHED_LINE.match(line))
    if dashed < _DASH_EVIDENCE or dashed < _DASHED_SHARE * len(lines):
        return
    pattern = separator("\n".join(cue.payload for cue in cues))
    inside = [[mark for mark in marks(cue.payload, pattern)
               if mark.then and cue.payload[:mark.at].rpartition("\n")[2].strip()] for cue in cues]  # fmt: skip
    every = [mark for found in inside for mark in found]
    trusted = trust_case(every)
    opening = sum(1 for mark in every if not mark.quoted and (mark.letter.isupper() or mark.then in _QUOTES + "["))
    if not trusted or opening < _DASH_EVIDENCE or opening < _INLINE_SHARE * dashed:
        return
    split = kept = 0
    for cue, found in zip(cues, inside):
        cuts = [mark.at for mark in found if not kept_as_words(mark, trusted)]
        kept += len(found) - len(cuts)
        for at in reversed(cuts):
            cue.payload = cue.payload[:at].rstrip() + "\n" + cue.payload[at:]
        split += len(cuts)
    detail = (f"{split:,} ' - ' marks inside caption lines read as changes of speaker, as the captions mark "
              "each turn with a dialogue dash")
    if kept:
        detail += f"; {kept:,} before a lower-case word or inside a quotation kept as words"
    episode.repair("dialogue_dashes", detail)


def report_chevrons(count: int, episode: Episode, unit: str = "caption") -> None:
    """Say how many captions, entries or lines opened with ">>", the mark of a new voice, now dropped."""
    if count:
        episode.repair("voice_changes", f"{counted(count, unit)} {agrees(count, 'opens', 'open')} with '>>', which marks a new voice (as YouTube "
                       "writes it): the mark dropped, each starts a turn of its own")  # fmt: skip


def _sentence_dash(line: str, before: str) -> bool:
    """Whether a dash opening ``line`` after the words ``before`` is the sentence's own, kept in the words:
    a dialogue's dash follows a sentence's end. After words that run on, a typed "--" is (podcast hosts'
    captions: "And" / "-- I was self-taught", as "--" inside a line is), and so is an en or em dash before
    a word in lower case ("…чи ще щось" / "– не завжди про…"), or in a script without cases."""
    if not before.strip() or _ends_sentence(clean_text(before).rstrip()):
        return False
    if line.startswith("--"):
        return True
    first = line[1:].lstrip()[:1]
    return line[:1] in "–—" and (first.islower() or first.lower() == first.upper())


def _dashes_inside_sentences(cues: list[Cue], split: list[list[_Part]], episode: Episode) -> None:
    """A dash opening a cue in the middle of a sentence is the sentence's own (``_sentence_dash``), kept
    in the words, not a new voice."""
    kept = 0
    for k in range(1, len(cues)):
        parts, before = split[k], split[k - 1]
        line = cues[k].payload.strip()
        if not parts or not parts[0].change or not before or not _sentence_dash(line, before[-1].whole):
            continue
        dash = "--" if line.startswith("--") else line[0]
        part = parts[0]
        part.change, part.text, part.whole = False, f"{dash} {part.text}", f"{dash} {part.whole}"
        kept += 1
    if kept:
        episode.repair("sentence_dashes", f"{counted(kept, 'caption')} opening with a dash in the middle of a sentence: "
                                          "the sentence's dash, kept in the words, not a new voice")  # fmt: skip


def cue_pieces(cues: list[Cue], episode: Episode) -> list[Piece]:
    """Turn cleaned, time-repaired cues into speaker pieces, resolving who speaks each."""
    # Only where the captioner's ">>" opens lines too: elsewhere one inside a line is what was written.
    if any(_CHEVRON_CHANGE.match(line) for cue in cues for line in cue.payload.split("\n")):
        for cue in cues:
            cue.payload = _INNER_CHEVRON.sub("\n", cue.payload)
    _name_lines(cues, episode)
    _turn_dashes(cues, episode)
    split = [_parts(cue.payload) for cue in cues]
    _dashes_inside_sentences(cues, split, episode)
    report_chevrons(sum(1 for cue in cues for line in cue.payload.split("\n") if _CHEVRON_CHANGE.match(line)), episode)
    every = [part for parts in split for part in parts]
    loose = _loose_speakers(every)
    bracketed, caseless = _bracket_speakers(every)
    for part in every:
        if part.loose in loose and (typed := _loose_label(part.whole)):
            part.label, part.text = part.loose, part.whole[typed.end():].strip()
        elif part.bracket in bracketed or (part.bracket and _described(part.bracket, bracketed)):
            part.bracket = part.bracket if part.bracket in bracketed else _described(part.bracket, bracketed)
            part.label, part.text = part.bracket, part.whole[part.whole.index("]") + 1:].strip()
    # Which labels name speakers is a question about the whole file, so it is settled first.
    # A bracketed name is no evidence for a "Name:" label: beside them, a lone 'Digo: "Le doy…"'
    # (Spanish for "I say") would count as taking turns.
    colon_labels = [part.voice or (None if part.label in bracketed else part.label) for part in every]
    speakers = speaker_labels(colon_labels) | loose | bracketed
    if one_line_captions(cues):
        speakers = _diarized(every, speakers, episode)
    sparse = _sparse_brackets(every, speakers, bracketed)
    pieces: list[Piece] = []
    current: str | None = None
    open_sentence = voice_over = False  # what a sparse bracketed name still covers
    uncarried = 0  # captions a name would have been carried on to
    carried: str | None = None
    credits: list[tuple[str, str]] = []
    named = 0
    continued: list[tuple[str, float | None]] = []  # (where, pause before) of cues taking the last name
    unlabelled: set[int] = set()  # parts whose speaker goes on from a cue before
    goes_on: set[int] = set()  # the pieces of those parts, by position
    last_end: float | None = None
    for cue, parts in zip(cues, split):
        resolved: list[_Part] = []
        credited = False
        for part in parts:
            part.speaker = part.voice or (part.label if part.label in speakers else None)
            if part.voice is None and part.speaker is not None and is_credit_line(part.whole):
                part.speaker = None  # "Vertaling: Wietske van der Pol" names the translator, who said nothing
            if part.speaker is None:
                if _credit(part):
                    credits.append((part.whole, cue.where))
                    credited = True
                    continue
                if part.label is not None:
                    part.text = part.whole  # not a speaker: the label is part of what was said
                    if part.by_label and resolved and not part.change:
                        resolved[-1].text = join_text(resolved[-1].text, part.text)
                        continue
            resolved.append(part)
        kept: list[tuple[_Part, Piece]] = []  # timed once the cue's parts are known
        for part in resolved:
            if part.speaker is not None:
                current = carried = part.speaker
            elif part.change:
                current = carried = None
            before = None if part.change else kept[-1][1] if kept else pieces[-1] if pieces else None
            # labels are settled by now, so a bracket opening the text is a sound
            spoken, directions = split_directions_after(part.text, before, part.speaker, lead_ins=True)
            if not spoken and not directions:
                continue
            if len(resolved) > 1 and not directions and not any(c.isalnum() for c in spoken):
                continue  # a lone ',' an edit left before a label in the cue is no one's words
            if part.speaker is None and not part.change and spoken:
                if sparse and not (open_sentence or voice_over and part.italic):
                    current = None
                    uncarried += carried is not None
                elif not sparse and current in caseless:
                    current = None  # a caseless bracket is weak evidence of a voice: it names only its own cue
                part.speaker = current  # a caption names its speaker only when it changes
                unlabelled.add(id(part))
                if current is not None:
                    pause = None if cue.start is None or last_end is None else round(cue.start - last_end, 3)
                    continued.append((cue.where, pause))
            elif part.speaker is not None and part.voice is None:
                named += 1  # typed labels: voice spans mark a change, by the Podcasting 2.0 spec
            if sparse and spoken:
                open_sentence = not _ends_sentence(spoken)
                voice_over = part.italic and part.speaker is not None
            kept.append((part, Piece(None, None, part.speaker, spoken, directions, part.change)))
        if not kept:
            if credited:
                continue  # counted with the credits
            episode.repair("empty_cue", "a cue with no text was dropped", cue.where)
            continue
        last_end = cue.end if cue.end is not None else cue.start
        if len(kept) > 1:
            episode.repair(
                "split_cue",
                f"one cue held {len(kept)} speakers; its time was divided by length of text",
                cue.where,
            )
        weights = [len(piece.text) + sum(len(d) for d in piece.directions) or 1 for _, piece in kept]
        for (part, piece), (start, end) in zip(kept, weighted_spans(cue.start, cue.end, weights)):
            piece.start, piece.end = start, end
            if id(part) in unlabelled:
                goes_on.add(len(pieces))
            pieces.append(piece)
    if uncarried:
        episode.repair(
            "bracket_names",
            "voices are named in brackets only now and then (subtitles for the deaf): each name kept to "
            f"the sentence it opens, and to the italic voice-over it opens; {counted(uncarried, 'caption part')} "
            f"after one {agrees(uncarried, 'was', 'were')} left unnamed rather than guessed to be that voice",
        )
    report_credits(credits, episode)
    _report_unnamed(continued, named, episode)
    _sounds_within_turns(pieces, goes_on)
    return pieces


def _sounds_within_turns(pieces: list[Piece], goes_on: set[int]) -> None:
    """A cue that is only a sound ("[chuckles]") in the middle of a speaker's sentence, the words
    after it going on unnamed, is in that speaker's turn: left to nobody, it cut the turn in two.
    (``goes_on``: positions of pieces whose speaker is carried on from before, not named.)"""
    after: int | None = None  # the next piece that is more than an unnamed sound
    resumes: list[int | None] = []
    for k in range(len(pieces) - 1, -1, -1):
        resumes.append(after)
        if pieces[k].text or pieces[k].change or pieces[k].speaker is not None:
            after = k
    words: Piece | None = None  # the last piece with words
    for piece, resumed in zip(pieces, reversed(resumes)):
        if piece.text:
            words = piece
        if piece.speaker is not None or piece.text or piece.change or words is None or words.speaker is None:
            continue
        if resumed is not None and resumed in goes_on and pieces[resumed].speaker == words.speaker and not _ends_sentence(words.text):
            piece.speaker = words.speaker


# Names on four cues in five are a meeting tool's every-cue labels, not a name at each change.
_EVERY_CUE_NAMED = 0.8


def report_credits(credits: list[tuple[str, str]], episode: Episode) -> None:
    """Say which (text, where) credit lines were left out of the speech."""
    if credits:
        episode.repair(
            "credit_lines",
            f"{counted(len(credits), 'credit line')} such as {credits[0][0]!r} {agrees(len(credits), 'was', 'were')} not speech; dropped",
            credits[0][1],
        )


def _report_unnamed(carried: list[tuple[str, float | None]], named: int, episode: Episode) -> None:
    """Say so when a few cues lack the name nearly all the others give (Zoom leaves some out).

    Such a cue is read as the speaker before it continuing: in real files it finishes that
    speaker's sentence a moment later. One after a pause may be someone else, so the report
    counts those."""
    if not carried or named < _EVERY_CUE_NAMED * (named + len(carried)):
        return
    paused = [where for where, pause in carried if pause is not None and pause > MAX_GAP]
    detail = (f"{counted(len(carried), 'cue')} {agrees(len(carried), 'gives', 'give')} no speaker where "
              f"{counted(named, 'other')} {agrees(named, 'does', 'do')}; each is taken as the "
              "speaker before it continuing")
    if paused:
        detail += f" ({len(paused)} after a pause over {MAX_GAP:g} s, so possibly someone else)"
    elif all(pause is not None for _, pause in carried):
        detail += f", as each follows the cue before within {MAX_GAP:g} s"
    episode.repair("unnamed_cues", detail, (paused or [carried[0][0]])[0])


def weighted_spans(start: float | None, end: float | None, weights: list[int]) -> list[tuple[float | None, float | None]]:
    """Split [start, end] into consecutive spans in proportion to ``weights`` (lengths of text).

    Each span gets at least a millisecond where the whole allows it: no zero-length pieces.
    """
    if len(weights) == 1 or start is None or end is None:
        return [(start, end)] * len(weights)
    total = sum(weights)
    bounds, acc = [start], 0
    for k, w in enumerate(weights[:-1]):
        acc += w
        bound = round(start + (end - start) * acc / total, 3)
        lo, hi = round(bounds[-1] + 0.001, 3), round(end - 0.001 * (len(weights) - 1 - k), 3)
        bounds.append(min(max(bound, lo), hi) if lo <= hi else bound)
    bounds.append(end)
    return [(bounds[i], bounds[i + 1]) for i in range(len(weights))]


def shared_spans(cues: list[Cue], speakers: dict[int, str | None], episode: Episode, *, unit: str = "segments",
                 join_unnamed: bool = True) -> list[Cue]:
    """Entries that share one start and end are one timed span cut into pieces.

    Buzzsprout's JSON writes such runs (sometimes the whole file), TTML two ``<p>`` shown
    at once. Read as they are, each piece overlaps the next and is cut to nothing.
    Consecutive pieces by one speaker are joined (with no speaker, only if
    ``join_unnamed``: two unnamed captions may be two voices); otherwise the span is
    shared out by length of text. ``unit`` names the pieces in the report.
    """
    out: list[Cue] = []
    runs = shared = joined = spread = 0
    where: str | None = None
    i = 0
    while i < len(cues):
        first = cues[i]
        j = i + 1
        if first.start is not None and first.end is not None and first.end > first.start:
            while j < len(cues) and (cues[j].start, cues[j].end) == (first.start, first.end):
                j += 1
        if j - i == 1:
            out.append(first)
            i = j
            continue
        run = cues[i:j]
        runs, shared, where = runs + 1, shared + len(run), where or first.where
        groups: list[Cue] = []
        for cue in run:
            # Line breaks kept: a caption's lines may be two voices ("- Hi\n- Bye").
            body = "\n".join(squash(line) for line in cue.payload.split("\n") if line.strip())
            speaker = speakers[id(cue)]
            if groups and speakers[id(groups[-1])] == speaker and (speaker is not None or join_unnamed):
                groups[-1].payload = join_text(groups[-1].payload, body)
                continue
            merged = replace(cue, start=first.start, end=first.end, payload=body)
            speakers[id(merged)] = speakers[id(cue)]
            groups.append(merged)
        span = first.end - first.start  # type: ignore[operator]
        if len(groups) > 1 and span < 0.001 * len(groups):
            # Too short to give each speaker a millisecond: one segment, not zero-length ones.
            for extra in groups[1:]:
                groups[0].payload = join_text(groups[0].payload, extra.payload)
            groups = groups[:1]
        if len(groups) > 1:
            weights = [len(g.payload) or 1 for g in groups]
            for g, (start, end) in zip(groups, weighted_spans(first.start, first.end, weights)):
                g.start, g.end = start, end
            spread += len(groups)
        joined += len(run) - len(groups)
        out.extend(groups)
        i = j
    if runs:
        episode.repair(
            "shared_times",
            f"{shared} {unit} shared one start and end ({counted(runs, 'run')}); {joined} joined to the piece "
            f"before by the same speaker, {spread} given a share of the span by length of text",
            where,
        )
    return out



# ---------------------------------------------------------------------------
# Rolling captions: each line shown two or three times as it scrolls up.
#
# YouTube's automatic captions (and broadcast roll-up captions) repeat every line:
# once as it is spoken (with inline <00:00:01.260> word times), again as the top
# line of the next cue, and in 10 ms "flash" cues in between. Read as they are,
# every word is stored two or three times. Each cue is cut to the words it adds
# to the cue before it, and cues that add nothing are dropped.

ROLLING_SHARE = 0.3  # rolling is the file's pattern, not two cues that happen to repeat "Yeah."
PATTERN_CUES = 10  # fewer cues than this show no pattern: such files are read cue by cue
# YouTube's word times, "<00:05:04.199><c> will</c>": only its rolling captions write them, so
# they mark a short excerpt as rolling where its few cues could show no pattern.
_PAINTED_WORD = re.compile(r"<\d+(?::\d+){1,2}[.,]\d+><c[.>]")
_WORDS = re.compile(r"\S+")


@dataclass
class _CueWords:
    keys: list[str]  # the words as compared (entities unescaped)
    raw: list[str]  # the words as written, markup removed
    times: list[str | None]  # each word's inline start time as written (read only where needed)
    line_start: list[bool]
    first_line: list[str]
    last_line: list[str]
    timed: bool


def _cue_words(cue: Cue) -> _CueWords:
    words = _CueWords([], [], [], [], [], [], False)
    for line in cue.payload.split("\n"):
        first = len(words.keys)
        if "<" not in line and "{" not in line:
            # Most rolling lines are carried-over text without markup: the fast path.
            found = line.split()
            words.raw.extend(found)
            words.keys.extend(_unescape(w) if "&" in w else w for w in found)
            words.times.extend([None] * len(found))
            words.line_start.extend(k == 0 for k in range(len(found)))
        else:
            buf: list[str] = []
            marks: list[tuple[int, str]] = []  # (offset in the untagged line, time as written)
            pos = length = 0
            for m in _TAG.finditer(line):
                buf.append(line[pos:m.start()])
                length += m.start() - pos
                tag = m.group(0)
                if tag[1:2].isdigit():  # <00:00:01.260>: the next word starts then
                    marks.append((length, tag[1:-1]))
                elif tag[1:3].lower() == "br":
                    buf.append(" ")
                    length += 1
                pos = m.end()
            buf.append(line[pos:])
            text = "".join(buf)
            j = 0
            current: str | None = None
            for w in _WORDS.finditer(text):
                while j < len(marks) and marks[j][0] <= w.start():
                    current = marks[j][1]
                    j += 1
                word = w.group(0)
                words.raw.append(word)
                words.keys.append(_unescape(word) if "&" in word else word)
                words.times.append(current)
                words.line_start.append(len(words.keys) - 1 == first)
            words.timed = words.timed or bool(marks)
        if len(words.keys) > first:
            words.last_line = words.keys[first:]
            if not words.first_line:
                words.first_line = words.last_line
    return words


def _overlap(before: list[str], after: list[str]) -> int:
    """The longest k with ``before[-k:] == after[:k]``, in linear time (KMP's failure function)."""
    if not before or not after:
        return 0
    fail = [0] * len(after)
    k = 0
    for i in range(1, len(after)):
        while k and after[i] != after[k]:
            k = fail[k - 1]
        if after[i] == after[k]:
            k += 1
        fail[i] = k
    k = 0
    for word in before[-len(after):]:  # no overlap is longer than ``after``
        while k and (k == len(after) or word != after[k]):
            k = fail[k - 1]
        if word == after[k]:
            k += 1
    return k


def unroll(cues: list[Cue], episode: Episode) -> list[Cue]:
    """Rolling captions cut to the words each cue adds; other files unchanged.

    Rolling is the file's pattern when over 30% of cues open with the line the cue
    before ended on (or with all of it, for captions painted on word by word), or
    when word-timed cues are common and some repeat; and over 30% of cues add words
    after the repeat (identical cues in a row are repetition, not a roll). A file of
    fewer than ``PATTERN_CUES`` cues rolls only with YouTube's word times, and then one
    carried line and one cue adding words to it are enough. Then each
    cue keeps only what follows its longest overlap with the cue before, starting at
    the inline time of its first new word (or at the cue's start).
    """
    short = len(cues) < PATTERN_CUES
    if short and not any(_PAINTED_WORD.search(cue.payload) for cue in cues):
        return cues
    words = [_cue_words(cue) for cue in cues]
    overlaps = [0] * len(cues)
    carried = growing = 0
    for k in range(1, len(cues)):
        before, after = words[k - 1], words[k]
        overlaps[k] = _overlap(before.keys, after.keys)
        if after.first_line and (
            after.first_line == before.last_line or (before.keys and overlaps[k] == len(before.keys))
        ):
            carried += 1
        growing += 0 < overlaps[k] < len(after.keys)
    timed = sum(1 for w in words if w.timed)
    n = len(cues)
    share = 0.0 if short else ROLLING_SHARE * n
    rolls = carried > share or (timed > share and carried > 0.1 * n)
    # Rolling text also moves on: a run of cues repeating each other is repetition, not a roll.
    if not rolls or growing <= share:
        return cues

    out: list[Cue] = []
    dropped = cut = repeated = 0
    for cue, w, skip in zip(cues, words, overlaps):
        if not w.keys or skip == 0:
            out.append(cue)  # nothing repeated: kept as written, voice spans and all
            continue
        repeated += skip
        if skip >= len(w.keys):
            dropped += 1
            continue
        cut += 1
        text = "".join(
            (("\n" if w.line_start[i] else " ") if i > skip else "") + w.raw[i] for i in range(skip, len(w.raw))
        )
        start = cue.start
        said = clock(w.times[skip] or "")
        if said is not None and (start is None or said >= start) and (cue.end is None or said <= cue.end):
            start = said
        out.append(replace(cue, start=start, payload=text))
    # A rolling cue stays on screen while the next one paints; what was said ends where the next begins.
    shortened = 0
    for prev, cue in pairwise(out):
        if prev.end is not None and cue.start is not None and prev.end > cue.start >= (prev.start or 0.0):
            prev.end = cue.start
            shortened += 1
    detail = f"rolling captions: {dropped:,} repeated cues dropped, {cut:,} cut to the words they added"
    detail += f" ({repeated:,} repeated words left out)"
    if shortened:
        detail += f"; {shortened:,} ends moved to the next cue's start"
    episode.repair("rolling_captions", detail)
    return out


# openai/whisper's subtitles written with --highlight_words: each caption once per word, that word
# underlined ("<u>Welcome</u> to this" / "Welcome <u>to</u> this"), and plain in the gaps between
# words. The caption was said once, from its first word to its last.
_UNDERLINE = re.compile(r"</?u>", re.IGNORECASE)
_TOUCHING = 0.05


def _touching(before: Cue, after: Cue) -> bool:
    return before.end is not None and after.start is not None and abs(after.start - before.end) <= _TOUCHING


def _sayings(run: list[Cue]) -> list[list[Cue]]:
    """One caption's back-to-back cues split where an underline comes back to a word it was on:
    the caption said again ("Thank you." twice), or underlined the same way twice (emphasis)."""
    sayings: list[list[Cue]] = []
    seen: set[str] = set()
    for cue in run:
        if "<u>" in cue.payload.lower():
            if cue.payload in seen or not sayings:
                sayings.append([])
                seen = set()
            seen.add(cue.payload)
        elif not sayings:
            sayings.append([])
        sayings[-1].append(cue)
    return sayings


def highlighted_words(cues: list[Cue], episode: Episode) -> list[Cue]:
    """Cues with each run of one caption repeated back to back as its underline moves word by word
    joined into the one cue it is; other cues unchanged."""
    if not any("<u>" in cue.payload.lower() for cue in cues):
        return cues
    out: list[Cue] = []
    joined = runs = 0
    k = 0
    while k < len(cues):
        words = clean_text(cues[k].payload)
        j = k + 1
        while j < len(cues) and _touching(cues[j - 1], cues[j]) and clean_text(cues[j].payload) == words:
            j += 1
        for run in _sayings(cues[k:j]):
            if sum("<u>" in cue.payload.lower() for cue in run) >= 2:  # the underline moves on
                out.append(replace(run[0], end=run[-1].end, payload=_UNDERLINE.sub("", run[0].payload)))
                joined += len(run) - 1
                runs += 1
            else:
                out.extend(run)
        k = j
    if joined:
        episode.repair("highlighted_words", f"{joined + runs:,} cues repeating a caption with one word underlined "
                       f"after another (whisper's --highlight_words) read as the {runs:,} captions they show")
    return out


# ---------------------------------------------------------------------------
# Times: duplicates, end before start, out of order, overlaps.


def drop_duplicates(cues: list[Cue], episode: Episode,
                    speakers: Mapping[int, str | None] | None = None) -> list[Cue]:  # fmt: skip
    """Cues without the exact repeats of the cue before (same times, same text, same speaker where
    ``speakers`` names them by ``id(cue)``), nor the flash of a cue's words just before it. Untimed cues are never repeats: "I don't know." said by
    two people in turn is two turns, and without times nothing tells a copy from a second saying."""
    kept: list[Cue] = []
    flashes = 0
    for cue in cues:
        prev = kept[-1] if kept else None
        same = prev is not None and prev.payload == cue.payload and (
            speakers is None or speakers.get(id(prev)) == speakers.get(id(cue)))  # fmt: skip
        if same and prev and cue.start is not None and (prev.start, prev.end) == (cue.start, cue.end):
            episode.repair("duplicate_cue", "the same cue appeared twice in a row; kept once", cue.where)
            continue
        if same and prev and _flash(prev, cue):
            kept[-1] = cue
            flashes += 1
            continue
        kept.append(cue)
    if flashes:
        episode.repair("flash_cues", f"{counted(flashes, 'cue')} shown for a moment before the same words' own cue "
                                     "(YouTube's rolling captions converted) kept once, at the words' own time")  # fmt: skip
    return kept


# YouTube's automatic captions converted to cues of their own show each line for 10 ms before it
# rolls up and stays: "2.71 --> 2.72 okay so um" then "2.72 --> 4.349 okay so um".
_FLASH = 0.05


def _flash(prev: Cue, cue: Cue) -> bool:
    """``prev`` is a flash of ``cue``'s words: on screen a moment, and ``cue`` starts as it ends."""
    return (prev.start is not None and prev.end is not None and cue.start is not None
            and prev.end - prev.start <= _FLASH and abs(cue.start - prev.end) <= _FLASH)  # fmt: skip


# A clock inside a turn's words, alone in brackets ("[00:01:00]") or in a transcriber's note ("[inaudible
# 00:00:10]", "[crosstalk 00:00:45]", as Rev writes them): the words run on past it.
_CLOCK_INSIDE = re.compile(r"\[[^\]\n]{0,40}\b\d{1,2}:\d{2}(?::\d{2})?[^\]\n]{0,20}\]")
# A turn timed by its start alone that the next start leaves this much longer than its words take
# (at WORDS_PER_MINUTE), and by over SILENT_GAP seconds, ends after its words: the rest is silence
# ("Okay." at 19:00:48, the next words at 19:04:00), not a five-minute "Okay.".
SILENCE_FACTOR = 3.0
SILENT_GAP = 30.0


def end_at_next_start(cues: list[Cue], episode: Episode | None = None) -> None:
    """A timed cue without an end runs until the next known start: formats that give starts only
    (a panel copy's time lines, HTML transcripts' times). Left open if that start comes earlier.
    Given the ``episode``, where the next cue's start is the source's own and the gap far outlasts
    the cue's words, the cue ends after them, reported (a start shared out by words is no silence)."""
    upcoming: float | None = None
    next_timed = False  # the cue after this one has a start: no untimed words share the gap
    silences: list[tuple[float, str | None]] = []
    for cue in reversed(cues):
        if cue.start is not None:
            if cue.end is None and upcoming is not None and upcoming >= cue.start:
                cue.end = upcoming
                if episode is not None and next_timed and (short := words_end(cue.start, upcoming, cue.payload)) is not None:
                    cue.end = short
                    silences.append((cue.start, cue.where))
            upcoming = cue.start
        next_timed = cue.start is not None
    if episode is not None:
        report_silences(episode, silences[::-1])


def _speaking_time(words: str) -> float:
    """Seconds ``words`` take to say at WORDS_PER_MINUTE."""
    return spoken_words(words) * 60 / WORDS_PER_MINUTE


def words_end(start: float, upcoming: float, words: str) -> float | None:
    """Where words timed by their start alone end, when the next start leaves them far longer than
    they take; else None (they run until it, as they do when a clock inside them times the rest)."""
    spoken = _speaking_time(words)
    if spoken and not _CLOCK_INSIDE.search(words) and upcoming - start > max(SILENT_GAP, SILENCE_FACTOR * spoken):
        return round(start + spoken, 1)
    return None


def report_silences(episode: Episode, silences: list[tuple[float, str | None]]) -> None:
    """One report line for the turns ``words_end`` ended before a silence: (start, where) of each."""
    if silences:
        episode.repair("silence_after", f"{counted(len(silences), 'turn')} timed by their start alone {agrees(len(silences), 'is', 'are')} followed by a "
                                        f"silence of over {SILENT_GAP:g} s (the first at {_fmt(silences[0][0])}): "
                                        f"each ends after its words at {WORDS_PER_MINUTE} a minute",  # fmt: skip
                       silences[0][1])


def word_shares(start: float, span: float, texts: Sequence[str]) -> list[tuple[float, float]]:
    """(start, end) of each text when ``span`` seconds from ``start`` are shared by their words."""
    weights = [max(1.0, spoken_words(text)) for text in texts]  # a Chinese line is no one word
    total, clock, out = sum(weights), start, []
    for weight in weights:
        out.append((clock, clock + span * weight / total))
        clock = out[-1][1]
    return out


def time_by_words(cues: list[Cue], lead_in: float = 0.0) -> tuple[int, int, int]:
    """Cues without a start between two timed ones share the time from the one before them to
    the next start, in proportion to their words (a transcriber timestamps every few
    paragraphs, not each); cues after the last time go on at the speaking rate the times
    before show; where the first time is ``lead_in`` seconds or less, the cues before it share
    the time from 0:00. Returns how many were timed each way (between, after, before); those
    before the first time otherwise, and after the last when the times show no plausible rate,
    stay untimed."""
    timed = [k for k, cue in enumerate(cues) if cue.start is not None]
    count = 0
    for here, after in pairwise(timed):
        first, last = cues[here].start, cues[after].start
        if after - here < 2 or first is None or last is None or last <= first:
            continue
        count += _share(cues[here:after], first, last - first)
    return count, _time_tail(cues, timed), _time_head(cues, timed, lead_in)


def _time_head(cues: list[Cue], timed: list[int], lead_in: float) -> int:
    first = cues[timed[0]].start if timed else None
    if first is None or not 0 < first <= lead_in or not timed[0]:
        return 0
    head = cues[: timed[0]]
    head[0].start = 0.0  # the recording's start: the opening words were said from it
    return _share(head, 0.0, first) + 1


def time_untimed(cues: list[Cue], untimed: int, what: str, episode: Episode, *, lead_in: float = 0.0) -> None:
    """Time the ``untimed`` cues of ``cues`` (some are timed) by their words (``time_by_words``),
    and say in the report how many were so estimated and how many stay untimed."""
    between, after, before = time_by_words(cues, lead_in)
    said = [f"{between} timed by their words between the times around them"] if between else []
    if after:
        said.append(f"{after} after the last time timed by their words at the speaking rate the times show")
    if before:
        said.append(f"{before} before the first time, which comes early, timed by their words from 0:00")
    if untimed > between + after + before:
        said.append(f"{untimed - between - after - before} before the first time, after the last or empty, "
                    "left untimed")
    episode.repair("missing_time", f"{counted(untimed, what)} {agrees(untimed, 'has', 'have')} no time of their own: {'; '.join(said)}")


# Words a minute that the times must show before the cues after the last one are timed at
# that rate: outside it the times do not follow the speech (a stamp a chapter, say).
_SPEAKING_RATE = (80.0, 260.0)


def _time_tail(cues: list[Cue], timed: list[int]) -> int:
    if len(timed) < 2:
        return 0  # one time shows no rate
    first, last = cues[timed[0]].start, cues[timed[-1]].start
    if first is None or last is None or last <= first:
        return 0
    per_second = sum(spoken_words(cue.payload) for cue in cues[timed[0] : timed[-1]]) / (last - first)
    if not _SPEAKING_RATE[0] <= per_second * 60 <= _SPEAKING_RATE[1]:
        return 0
    tail = [cue for cue in cues[timed[-1] :] if cue is cues[timed[-1]] or cue.payload.strip()]
    return _share(tail, last, sum(max(1.0, spoken_words(cue.payload)) for cue in tail) / per_second)


def _share(run: list[Cue], start: float, span: float) -> int:
    """Time the untimed cues after ``run[0]`` (which starts at ``start``) by sharing ``span``
    seconds among them all by their words; how many were timed."""
    run = [cue for cue in run if cue is run[0] or cue.payload.strip()]  # empty cues are dropped later
    if len(run) < 2:
        return 0
    for cue, (begin, _) in zip(run[1:], word_shares(start, span, [cue.payload for cue in run])[1:]):
        cue.start = round(begin, 1)
    if run[0].end is not None and run[1].start is not None and run[0].end > run[1].start:
        run[0].end = None  # it now ends where the first of them starts
    return len(run) - 1


_BROKEN_TIMES = 3  # cues ending before they start, and half of all or more: the file's times, not one slip


def fix_times(cues: list[Cue], episode: Episode, speakers: Mapping[int, str | None] | None = None) -> list[Cue]:
    """Repair cue times, keeping file order; every change is recorded."""
    kept = drop_duplicates(cues, episode, speakers)

    next_start: list[float | None] = [None] * len(kept)
    upcoming: float | None = None
    for k in range(len(kept) - 1, -1, -1):
        next_start[k] = upcoming
        upcoming = kept[k].start if kept[k].start is not None else upcoming
    backwards: list[Cue] = []
    for k, cue in enumerate(kept):
        if cue.start is not None and cue.end is not None and cue.end < cue.start:
            backwards.append(replace(cue))
            nxt = next_start[k]
            new_end = nxt if nxt is not None and nxt > cue.start else cue.start
            episode.repair(
                "end_before_start",
                f"ended at {_fmt(cue.end)}, before its start {_fmt(cue.start)}; end set to {_fmt(new_end)}",
                cue.where,
            )
            cue.end = new_end
    if len(backwards) >= _BROKEN_TIMES and 2 * len(backwards) >= len(kept):
        # "00:01:40 --> 00:00:43" on most cues: no one slip but a writer's bug; say so, not only cue by cue.
        first = backwards[0]
        episode.repair("broken_times", f"{len(backwards)} of {len(kept)} cues end before they start (the first "
                       f"{_fmt(first.start)} --> {_fmt(first.end)}): the file's times are broken; each such cue is "
                       "read as lasting until the next one starts, so its times are only a guess", first.where)

    for cue in kept:
        # "0:02:47.000,23:59:59.000": an end at a day's last second is a tool's "until the end", not a time.
        if cue.start is not None and cue.end is not None and cue.end >= _PLACEHOLDER_END > cue.start + 3600.0:
            new_end = round(cue.start + max(_speaking_time(cue.payload), 1.0), 1)
            episode.repair("placeholder_end", f"ended at {_fmt(cue.end)}, a placeholder for the end; "
                                              f"end set after its words, {_fmt(new_end)}", cue.where)  # fmt: skip
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

    talking_at_once = 0
    together: list[Cue] = []
    channels = _per_channel(kept, speakers)
    for prev, cue in zip(kept, kept[1:]):
        if prev.end is not None and cue.start is not None and prev.end > cue.start >= (prev.start or 0.0):
            if _two_voices(prev, cue, speakers) and (channels or _plausible_span(prev)):
                talking_at_once += 1  # another speaker's interjection: each keeps the end the file gives
                continue
            if cue.start == prev.start:
                together.append(prev)  # a line and its echo on screen at once: cut, the first would last no time
                continue
            episode.repair(
                "overlap",
                f"overlapped the next cue until {_fmt(prev.end)}; end set to its start {_fmt(cue.start)}",
                prev.where,
            )
            prev.end = cue.start
    if together:
        episode.repair("shown_together", f"{counted(len(together), 'cue')} {agrees(len(together), 'starts', 'start')} with the next cue (two lines on screen "
                                         "at once): each keeps the time the file gives", together[0].where)
    if talking_at_once:
        episode.repair("talking_at_once", f"{counted(talking_at_once, 'cue')} {agrees(talking_at_once, 'runs', 'run')} on past the start of another speaker's next "
                                          "cue; each keeps its own end, as people talk at once")  # fmt: skip
    if channels:
        _cut_at_own_next(kept, speakers, episode)
    return kept


# Cues running on past another voice's start this often, and in a share of the cues this large: each
# voice transcribed from its own channel, whose spans overlap by nature (no mistyped end among them).
_CHANNEL_OVERLAPS = 3
_CHANNEL_SHARE = 0.25


def _per_channel(cues: list[Cue], speakers: Mapping[int, str | None] | None) -> bool:
    """Whether the voices' cues overlap so often that each voice's times are its own channel's."""
    overlaps = sum(1 for prev, cue in zip(cues, cues[1:]) if prev.end is not None and cue.start is not None
                   and prev.end > cue.start >= (prev.start or 0.0) and _two_voices(prev, cue, speakers))  # fmt: skip
    return overlaps >= max(_CHANNEL_OVERLAPS, _CHANNEL_SHARE * len(cues))


def _cut_at_own_next(cues: list[Cue], speakers: Mapping[int, str | None] | None, episode: Episode) -> None:
    """A voice's cue that runs past the start of that voice's next cue (other voices' cues between)
    ends where it starts: one voice says one thing at a time."""
    upcoming: dict[str, float] = {}  # each voice's next start, from the end of the file back
    for cue in reversed(cues):
        voice = _voice(cue, speakers)
        if voice is None or cue.start is None:
            continue
        nxt = upcoming.get(voice)
        if nxt is not None and cue.end is not None and cue.end > nxt >= cue.start:
            episode.repair("overlap", f"overlapped the same speaker's next cue until {_fmt(cue.end)}; "
                                      f"end set to its start {_fmt(nxt)}", cue.where)  # fmt: skip
            cue.end = nxt
        upcoming[voice] = cue.start


_PLACEHOLDER_END = 23 * 3600 + 59 * 60 + 59.0


def _plausible_span(cue: Cue) -> bool:
    """Whether a cue's own span is one its words could fill (a mistyped end, "Hello there." for ten
    minutes, is cut at the next cue as any overlap is)."""
    if cue.start is None or cue.end is None:
        return False
    return cue.end - cue.start <= max(_SHORTEST_SPAN, SILENCE_FACTOR * _speaking_time(cue.payload))


# Any cue may stay on screen this long, however few its words ("Yeah.", "Mhm.").
_SHORTEST_SPAN = 10.0


def _voice(cue: Cue, speakers: Mapping[int, str | None] | None) -> str | None:
    """Who a cue's speaker is, where a field names them or the cue opens with a voice span (``<v Ana>``)."""
    if speakers is not None:
        return speakers.get(id(cue))
    m = _VOICE.match(cue.payload.lstrip())
    return squash(m.group(1) or "") or None if m else None


def _two_voices(a: Cue, b: Cue, speakers: Mapping[int, str | None] | None) -> bool:
    first, second = _voice(a, speakers), _voice(b, speakers)
    return first is not None and second is not None and first != second


def _fmt(seconds: float | None) -> str:
    return format_timestamp(seconds, millis=True)


# ---------------------------------------------------------------------------
# Turns.

MAX_GAP = 2.0  # a longer silence starts a new turn even for the same speaker
MAX_TURN = 60.0  # keeps a monologue citable in pieces
WORD_SENTENCE_TURN = 30.0  # word-level sources: past this, a turn ends at the next sentence end
# Unnamed caption fragments (Whisper, YouTube) become sentences of at most this long.
# Files without punctuation (YouTube's automatic captions) have no sentence ends and
# rarely a visible pause, so this is what cuts them: 30 s is about 75 spoken words,
# a paragraph that still pins a quote to within half a minute.
UNNAMED_TURN = MAX_TURN / 2
# Caption lines are 32-65 characters and cues one or two lines; paragraphs run far longer.
FRAGMENT_CHARS = 160
_CLINGS = ",.;:!?)…%"  # word-level sources give punctuation its own entry; it belongs to the word before


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


def caption_fragments(texts: Sequence[str]) -> bool:
    """Are these timed texts, no one named, a caption track's fragments: many short pieces, most of
    them stopping mid-sentence ("これについてをメインに話し" / "ていこうと思います。")?"""
    if len(texts) < PATTERN_CUES:
        return False
    short = sorted(len(t) for t in texts)[len(texts) // 2] <= FRAGMENT_CHARS
    return short and 2 * sum(not SENTENCE_END.search(t) for t in texts) > len(texts)


def _ends_sentence(text: str) -> bool:
    tail = text[-16:]  # the tail is enough, and keeps this O(1)
    return bool(SENTENCE_END.search(tail)) and not ENDS_ON_ABBREVIATION.search(tail)


def labelled_pieces(cues: list[Cue], speakers: dict[int, str | None],
                    episode: Episode) -> tuple[list[Piece], list[str]]:  # fmt: skip
    """Time-repaired cues as pieces of the speakers a column or field names (``speakers[id(cue)]``),
    directions split from the words, caption markup and unnamed credit lines left out; also where the cues
    with no text at all were."""
    pieces: list[Piece] = []
    empty: list[str] = []
    credits: list[tuple[str, str]] = []
    for cue in fix_times(cues, episode, speakers):
        # Subtitles kept as a list of fields hold the caption's markup and credits as a caption file does.
        text = clean_text(cue.payload)
        if speakers[id(cue)] is None and credit_text(text):
            credits.append((text, cue.where))
            continue
        change = _CHEVRON_CHANGE.match(text)  # ">> Hi.": YouTube captions kept as JSON mark a new voice
        before = None if change or not pieces else pieces[-1]
        spoken, directions = split_directions_after(text[change.end():] if change else text, before, speakers[id(cue)])
        if not spoken and not directions:
            empty.append(cue.where)
            continue
        pieces.append(Piece(cue.start, cue.end, speakers[id(cue)], spoken, directions, change=bool(change)))
    report_chevrons(sum(1 for piece in pieces if piece.change), episode)
    report_credits(credits, episode)
    return pieces, empty


def _joins(a: Piece, b: Piece, merge_unnamed: bool, sentence_turn: float, unnamed_turn: float) -> bool:
    if a.speaker != b.speaker or _size(b) > FRAGMENT_CHARS:
        return False
    limit = MAX_TURN
    if a.speaker is None:
        if unnamed_turn > 0:
            # Unnamed caption fragments into sentences: a dash opens a new turn, a sound
            # is not part of a sentence, and without times there is no pause to judge.
            if b.change or not a.text or not b.text or a.start is None or b.start is None:
                return False
            limit = unnamed_turn
        elif not merge_unnamed:
            return False
    if (a.start is None) != (b.start is None):
        return False
    if a.start is not None and b.start is not None and b.start < a.start:
        return False
    if a.start is not None and sentence_turn <= 0 and (a.end == a.start or a.end is None):
        # A timed cue of zero or unknown length marks a point, not a caption on screen:
        # that is how exports show paragraphs that share one start. Word-level
        # sources are exempt, since their words often come without ends or as instants
        # (speech aligners give short words a zero-length span).
        return False
    if a.end is not None and b.start is not None and not 0 <= round(b.start - a.end, 3) <= MAX_GAP:
        return False  # a pause, or a cue that goes back in time
    if a.start is not None and b.end is not None and round(b.end - a.start, 3) > limit:
        return False
    if _ends_sentence(a.text):
        if sentence_turn <= 0:
            return False
        if a.start is not None and a.end is not None and round(a.end - a.start, 3) > sentence_turn:
            return False
    return True


def _spaced(a: str, b: str) -> bool:
    """Whether text ``b`` follows ``a`` (both non-empty) after a space."""
    return b[0] not in _CLINGS and not runs_on(a, b)


def join_text(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    return f"{a} {b}" if _spaced(a, b) else a + b


def merge_turns(
    pieces: Iterable[Piece], *, merge_unnamed: bool = False, sentence_turn: float = 0.0, unnamed_turn: float = 0.0
) -> list[Piece]:
    """Join consecutive pieces by the same speaker into turns.

    A turn ends at a change of speaker, a gap over ``MAX_GAP``, once it would pass
    ``MAX_TURN``, before a piece too long to be a caption fragment, and at a
    sentence end (for word-level sources, only once the turn is over
    ``sentence_turn`` seconds). Caption cues are cut to fit the screen, so one that
    stops mid-sentence is a fragment; one that ends a sentence may be a whole
    paragraph, and joining those would merge paragraphs other formats keep apart.
    With ``unnamed_turn``, pieces nobody is named for are joined the same way into
    sentences of at most that many seconds (dialogue dashes and sounds stand apart).

    Each rule looks only at the two pieces being joined (and a joined turn is never
    shorter than its first piece), so merging a merged timeline again changes
    nothing: that is what lets render -> parse round-trip.
    """
    turns: list[Piece] = []
    bodies: list[list[str]] = []  # each turn's text in pieces, joined once at the end (linear time)
    for p in pieces:
        if turns and _joins(turns[-1], p, merge_unnamed, sentence_turn, unnamed_turn):
            t = turns[-1]
            if p.text:
                body = bodies[-1]
                if body and _spaced(body[-1], p.text):
                    body.append(" ")
                body.append(p.text)
                t.text = p.text  # while merging, a turn's text is its last piece: all _joins reads
            t.directions.extend(p.directions)
            t.end = p.end if p.end is not None else t.end
        else:
            turns.append(Piece(p.start, p.end, p.speaker, p.text, list(p.directions), p.change))
            bodies.append([p.text] if p.text else [])
    for t, body in zip(turns, bodies):
        t.text = "".join(body)
    return turns


def add_pieces(episode: Episode, pieces: Iterable[Piece]) -> None:
    for p in pieces:
        episode.add_segment(p.text, start=p.start, end=p.end, speaker=p.speaker, directions=p.directions)


def record(episode: Episode, notes: Iterable[Note]) -> None:
    for kind, detail, where in notes:
        episode.repair(kind, detail, where)


# More repairs of one kind than this, from one file, are reported as one line with a count.
REPEATS_SHOWN = 3


def summarise_repeats(episode: Episode, since: int) -> None:
    """Collapse each repair kind recorded more than ``REPEATS_SHOWN`` times since ``since`` into one line.

    Word-level files repeat a repair per word; hundreds of identical lines would bury
    the ones that matter. The line keeps the first instance's detail and place.
    """
    recent = episode.repairs[since:]
    counts = Counter(r.kind for r in recent)
    if all(n <= REPEATS_SHOWN for n in counts.values()):
        return
    kept: list[Repair] = []
    summarised: set[str] = set()
    for r in recent:
        if counts[r.kind] <= REPEATS_SHOWN:
            kept.append(r)
        elif r.kind not in summarised:
            summarised.add(r.kind)
            kept.append(Repair(r.kind, f"{counts[r.kind]:,} times; the first: {r.detail}", r.where))
    episode.repairs[since:] = kept


def unnamed_sentences(pieces: list[Piece]) -> bool:
    """Are these caption fragments nobody is named for (Whisper or YouTube captions)?

    Those are joined into sentences. Named fragments are joined into turns instead,
    and a file of a few cues shows no pattern to go by.
    """
    return len(pieces) >= PATTERN_CUES and all(p.speaker is None for p in pieces)


# Share of a file's Chinese or Japanese characters followed by a space between two of them past
# which the spaces are a tokenizer's (AssemblyAI writes Japanese word by word: "今日 の テーマ は"),
# not the writer's: a human transcript has a space in a few hundred characters at most.
_TOKENIZED_CJK = 0.2
# Japanese writes Latin words and digits against its own characters ("ITトリオ", "3人"); Chinese
# is often written with a space there ("這個 mga3 的"), so those spaces go only in Japanese: text
# this share of whose characters are kana.
_JAPANESE_KANA = 0.1
_KANA = re.compile(r"[\u3040-\u30ff]")


def unspace_cjk(cues: list[Cue], episode: Episode) -> None:
    """Chinese and Japanese written with a space between words lose those spaces, in a speech
    service's JSON as in its captions."""
    spaces = sum(len(CJK_SPACE.findall(c.payload)) for c in cues)
    if spaces < 5 or spaces < _TOKENIZED_CJK * sum(unspaced_characters(c.payload) for c in cues):
        return
    japanese = _JAPANESE_KANA * sum(unspaced_characters(c.payload) for c in cues) <= sum(
        len(_KANA.findall(c.payload)) for c in cues)
    spelled = latin = 0
    for c in cues:
        c.payload = CJK_SPACE.sub("", c.payload)
        if " " in c.payload:
            c.payload, joined = _SPELLED_OUT.subn(lambda m: m.group(0).replace(" ", ""), c.payload)
            spelled += joined
            if japanese:  # only now: "1 0 0 人" is first the number, then the number beside its counter
                c.payload, beside = CJK_LATIN_SPACE.subn("", c.payload)
                latin += beside
    detail = f"{spaces:,} spaces between characters removed"
    if latin:
        detail += f", and {latin:,} between them and Latin letters or digits ('IT トリオ': 'ITトリオ')"
    if spelled:
        detail += f", and {spelled:,} letter or digit runs written one a token joined ('m g a 3': 'mga3')"
    episode.repair("spaced_cjk", f"Chinese or Japanese written with a space between words; {detail}")


# Right-to-left captions made by a tool that lays out each line left to right: the stop that ends
# a line is written first ('."لأولمبياد 2012 في "لندن' for '"لأولمبياد 2012 في "لندن".'), and joined
# into sentences each cue's stop glued its last word to the next cue's first.
_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LEADING_STOP = re.compile(r"^(?P<stop>[.!?؟،,:…]+)(?=\S)")
_RTL_STOP_LINES = 3
_RTL_STOP_SHARE = 0.1


def rtl_stops(cues: list[Cue], episode: Episode) -> None:
    """Right-to-left lines that open with the stop that ends them get it at their end, where a
    file writes its lines so (a few, and a tenth of its right-to-left lines or more)."""
    lines = [line for cue in cues for line in cue.payload.split("\n") if _RTL_LETTER.search(line)]
    opening = [line for line in lines if _LEADING_STOP.match(line.strip())]
    if len(opening) < _RTL_STOP_LINES or len(opening) < _RTL_STOP_SHARE * len(lines):
        return

    def moved(line: str) -> str:
        body = line.strip()
        m = _LEADING_STOP.match(body)
        return f"{body[m.end():]}{m.group('stop')}" if m and _RTL_LETTER.search(body) else line

    for cue in cues:
        cue.payload = "\n".join(moved(line) for line in cue.payload.split("\n"))
    episode.repair("rtl_stops", f"{len(opening):,} right-to-left lines opened with the stop that ends them "
                                f"(such as {opening[0].strip()[:30]!r}), as a left-to-right layout writes it: put at the end")  # fmt: skip


# A service that writes Chinese a character a token writes the Latin letters and digits among it
# so too ("c o v i d 1 9", "1 0 0"): a run of such single characters is one word or number.
_SPELLED_OUT = re.compile(r"(?<!\S)[A-Za-z0-9%](?: [A-Za-z0-9%])+(?!\S)")


# A caption line wrapped whole in a language's class: "<c.fr>Et bienvenue !</c>", "<c.en-US>...</c>".
_LANGUAGE_LINE = re.compile(r"^\s*<c\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)>(?P<text>.*)</c>\s*$")


# "HOMEM:Não fala ?": a name in capitals, a colon and the words at once, as Portugal's RTP captions them.
_TIGHT_LABEL = re.compile(r"^(?P<name>[^\W\d_a-zß-ÿ][^\W\d_a-zß-ÿ .'’-]{1,40}?):(?=[^\W\d_])", re.MULTILINE)
_TIGHT_NAMES = 2  # names in capitals that each open two captions so, or the style is no file's
_TIGHT_CUES = 4


def tight_labels(cues: list[Cue], episode: Episode) -> None:
    """A name in capitals run into its words ("GOUVEIA:Esse…") spaced as a label, where the file writes
    its labels so: several names, each at least twice. A headline's "BREAKING:The senate…" is words."""
    said = Counter(m.group("name") for cue in cues for m in _TIGHT_LABEL.finditer(cue.payload) if m.group("name").isupper())
    if sum(n >= 2 for n in said.values()) < _TIGHT_NAMES or sum(said.values()) < _TIGHT_CUES:
        return
    for cue in cues:
        cue.payload = _TIGHT_LABEL.sub(lambda m: f"{m.group('name')}: " if m.group("name") in said else m.group(0), cue.payload)
    episode.repair("tight_labels", f"{counted(sum(said.values()), 'caption')} {agrees(sum(said.values()), 'opens', 'open')} with a name in capitals run into its words "
                                   f"({', '.join(repr(n) for n, _ in said.most_common(3))}): read as its speaker")  # fmt: skip


# Broadcast captions without a music note write "#" for it: "# TEMA INSTRUMENTAL TENSO", "#" alone.
# "#" alone, "# TEMA INSTRUMENTAL" over a tune's name in capitals, or "# la la la #" closed: music. "# 1 thing to
# know" and "# define DEBUG" are words.
_HASH_LINE = re.compile(r"^[ \t]*#(?:[ \t]+(?P<what>[^#\n]*?))?[ \t]*(?P<closed>#)?[ \t]*$", re.MULTILINE)


def _hash_music(m: re.Match[str]) -> bool:
    what = m.group("what")
    return not what or bool(m.group("closed")) or (not any(c.islower() for c in what) and not what[:1].isdigit())


_HASH_MUSIC_CUES = 3


def hash_music(cues: list[Cue], episode: Episode) -> None:
    """A line of "#" in captions that use it for music, as "♪" (a sound, no words): only where several
    cues have such lines, since "# " may open a line of words elsewhere."""
    marked = [cue for cue in cues if any(_hash_music(m) for m in _HASH_LINE.finditer(cue.payload))]
    if len(marked) < _HASH_MUSIC_CUES:
        return
    for cue in marked:
        cue.payload = _HASH_LINE.sub(lambda m: m.group(0) if not _hash_music(m) else
                                     f"♪ {m.group('what')} ♪" if m.group("what") else "♪", cue.payload)  # fmt: skip
    episode.repair("hash_music", f"{counted(len(marked), 'caption')} with a line of '#', broadcast captions' music note, "
                                 "read as music, not words")  # fmt: skip


def one_language(cues: list[Cue], episode: Episode) -> None:
    """Bilingual captions, each cue its words in two languages on lines of their own classes
    (``<c.fr>…</c>`` / ``<c.en>…</c>``): the first language is what was said; the others are
    translations, kept in ``extra["translations"]``, not spoken twice. Only when nearly every cue
    is so written."""
    split: list[dict[str, list[str]]] = []
    for cue in cues:
        lines = [line for line in cue.payload.split("\n") if line.strip()]
        found = [m for line in lines if (m := _LANGUAGE_LINE.match(line))]
        languages: dict[str, list[str]] = {}
        if len(found) == len(lines):  # every line in a language's class, or the cue is not so written
            for m in found:
                languages.setdefault(m.group("lang"), []).append(m.group("text"))
        split.append(languages)
    written = [by_language for by_language in split if by_language]
    if len(written) < 2 or len(written) < 0.8 * sum(1 for cue in cues if cue.payload.strip()):
        return
    spoken = next(iter(written[0]))
    if not any(len(by_language) > 1 for by_language in written):
        return
    kept: dict[str, list[str]] = {}
    for cue, by_language in zip(cues, split):
        if spoken in by_language:
            cue.payload = "\n".join(by_language[spoken])
            for lang, lines in by_language.items():
                if lang != spoken:
                    kept.setdefault(lang, []).extend(lines)
    episode.extra["translations"] = {lang: " ".join(lines) for lang, lines in kept.items()}
    episode.repair("translations", f"the captions carry {', '.join([spoken, *kept])}: the {spoken} lines are "
                                   f"the speech, the {', '.join(kept)} lines kept in extra['translations']")  # fmt: skip


# "[00:18:12]" written into a cue's text: a transcriber's clock, never speech.
_INLINE_CLOCK = re.compile(r"[ \t]*\[((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\][ \t]*")


def clock_parts(text: str, start: float | None, end: float | None) -> tuple[list[tuple[float | None, str]], int]:
    """``text`` cut at the clock times written into it ("heat [00:18:12] heat"), which are never
    words: (start, words) of each part, the first at ``start``. A clock after the time before it
    and before ``end`` starts a part there; any other is only taken out. Also how many clocks."""
    parts: list[tuple[float | None, str]] = []
    found = pos = 0
    said_so_far = ""
    for m in _INLINE_CLOCK.finditer(text):
        found += 1
        said_so_far += text[pos:m.start()]
        pos = m.end()
        said = clock(m.group(1))
        if said is None or start is None or end is None or not start < said < end:
            said_so_far += " "  # the words either side still run on
            continue
        if said_so_far.strip():
            parts.append((start, said_so_far))
        start, said_so_far = said, ""
    said_so_far += text[pos:]
    if said_so_far.strip() or not parts:
        parts.append((start, said_so_far))
    return parts, found


def report_clocks(episode: Episode, found: int, started: int, where: str | None) -> None:
    """Say how many clocks written among the words were taken out, and how many start a segment."""
    if found:
        detail = f"{counted(found, 'clock time')} like '[00:18:12]' in the text {agrees(found, 'was', 'were')} not speech; taken out"
        if started:
            detail += f", and {started} of them {agrees(started, 'starts', 'start')} a new segment at their time"
        episode.repair("inline_clocks", detail, where)


def inline_clocks(cues: list[Cue], episode: Episode) -> tuple[list[Cue], set[float]]:
    """Clock times in a cue's text ("heat [00:18:12] heat") leave its words. One inside the
    cue's span, after the time before it, starts a new cue there: a keynote's ten-minute cue
    is then found at the moment each part was said. Any other clock is only taken out.
    Returns the cues and the times that start one."""
    out: list[Cue] = []
    starts: set[float] = set()
    found = started = 0
    where: str | None = None
    for cue in cues:
        if "[" not in cue.payload or not _INLINE_CLOCK.search(cue.payload):
            out.append(cue)
            continue
        where = where or cue.where
        split, n = clock_parts(cue.payload, cue.start, cue.end)
        found += n
        ends = [at for at, _ in split[1:]] + [cue.end]
        parts = [replace(cue, start=at, end=end, payload=said) for (at, said), end in zip(split, ends)]
        moved = {part.start for part in parts if part.start not in (cue.start, None) and part.payload.strip()}
        started += len(moved)
        starts |= moved
        out.extend(parts)
    report_clocks(episode, found, started, where)
    return out, starts


# "[Kevin Barnes:] I'll jump in", "…this morning. [Suresh Venkatesan:] Oh, sorry": a name and its colon
# inside brackets, at a cue's start or mid-cue, as a captioner marks who takes over.
_BRACKET_COLON_LABEL = re.compile(r"\[(?P<name>[^\W\d_][\w.'’ -]{0,40}?):\][ \t]*")


# Japanese subtitles for the deaf name who speaks in full-width parentheses before the words, and
# describe sounds the same way ("（笑）", "（ノック）"): a short name that opens two captions or more, no
# sound's word in it, and words (not another parenthesis) after it.
_WIDE_NAME = re.compile(r"^\s*（\s*(?P<name>[^（）\s]{1,8})\s*）\s*(?=[^\s（])")
_WIDE_NAME_BEFORE = re.compile(r"^\s*（\s*(?P<name>[^（）\s]{1,8})\s*）\s*(?=（)")
_WIDE_SOUND = re.compile(r"笑|音|ＢＧＭ|BGM|声|拍手|息|咳|鳴|響|歌|曲|泣")


# What subtitles for the deaf put in the same brackets once: a sound's source, an action, a language.
_WIDE_NOTES = frozenset("チャイム ノック ベル ブザー アナウンス ナレーション テレビ ラジオ 電話 着信 足音 物音 ドア 雨 風 "
                        "英語 日本語 中国語 韓国語 無線 回想 心の声 モノローグ 字幕".split())
_HIRAGANA = re.compile(r"[\u3041-\u309f]")  # a verb's ending: "ドアを開ける" is what happens, not who
_HIRAGANA_NAME = 4


def _said_once(name: str) -> bool:
    """Whether a full-width bracket said once may name a voice: no verb (hiragana after other letters:
    "ドアを開ける"), no language, no usual note. A short name all in hiragana ("さくら") is a name."""
    verb = bool(_HIRAGANA.search(name)) and not (len(name) <= _HIRAGANA_NAME and _HIRAGANA.fullmatch(name[0])
                                                 and all(_HIRAGANA.fullmatch(c) for c in name))
    return not verb and not name.endswith("語") and name not in _WIDE_NOTES


def bracket_colon_labels(cues: list[Cue], episode: Episode) -> None:
    """Each ``[Name:]`` a label opening a line of its own, so the words after it are that speaker's; a
    name in full-width parentheses opening a caption (``（秋乃）あ…``) the caption's voice."""
    found = 0

    def label(m: re.Match[str]) -> str:
        nonlocal found
        if not looks_like_name(m.group("name")):
            return m.group(0)
        found += 1
        return f"\n{m.group('name')}: "

    wide = Counter(m.group("name") for cue in cues
                   if (m := _WIDE_NAME.match(cue.payload) or _WIDE_NAME_BEFORE.match(cue.payload)))
    # Where most captions open with a name, the parentheses are the file's labels: a name said once
    # is someone speaking once, not the sound subtitles for the deaf describe the same way, and a
    # recurring name before a sound ("（司会）（笑）それでは") is the one who laughs and speaks.
    labelled = 2 * sum(wide.values()) >= len(cues) and sum(n >= 2 for n in wide.values()) >= 2
    for cue in cues:
        if "[" in cue.payload and ":]" in cue.payload:
            cue.payload = _BRACKET_COLON_LABEL.sub(label, cue.payload).lstrip("\n")
        m = _WIDE_NAME.match(cue.payload) or (_WIDE_NAME_BEFORE.match(cue.payload) if labelled else None)
        if (m and (wide[m.group("name")] >= 2 or (labelled and m.re is _WIDE_NAME and _said_once(m.group("name"))))
                and not _WIDE_SOUND.search(m.group("name"))):
            cue.payload = f"<v {m.group('name')}>{cue.payload[m.end():]}"  # "（秋乃）あ… ん？": 秋乃 says it
            found += 1
    if found:
        episode.repair("bracket_labels", f"{counted(found, 'name')} in brackets ('[Kevin Barnes:]', '（秋乃）') read as "
                                         "labels opening the words after them")  # fmt: skip


# Captions that open each cue with the speaker's name and no colon ("Tim Davis There are several
# things…"): a name of 2-4 capitalised words that opens this many cues, the words after it varying,
# where such names open this share of all cues.
_NAME_OPENS = 3
_NAME_OPENING_SHARE = 0.6
_SENTENCE_AFTER = 0.25
_CAPITALISED = re.compile(r"^[A-Z][\w'’.\-]*$")


def _bare_names(cues: list[Cue]) -> set[str]:
    """The names that open the cues bare, where that is the file's way of naming speakers."""
    firsts = [cue.payload.strip().split() for cue in cues]
    opened: Counter[str] = Counter()
    follows: dict[str, set[str]] = {}
    sentences: Counter[str] = Counter()  # cues where a sentence starts after the name: "… There are"
    for words in firsts:
        for size in range(2, 5):
            if len(words) <= size or not all(_CAPITALISED.match(w) for w in words[:size]):
                break
            name = " ".join(words[:size])
            opened[name] += 1
            follows.setdefault(name, set()).add(words[size])
            after = words[size : size + 4]
            sentences[name] += bool(after[0][:1].isupper() and any(w[:1].islower() for w in after[1:]))
    # The longest that still opens as many cues: "Tim Davis", not "Tim" or "Tim Davis There".
    names = {name for name, n in opened.items()
             if n >= _NAME_OPENS and len(follows[name]) > 1 and looks_like_name(name) and given_name_like(name.split()[0])
             and not any(opened[f"{name} {word}"] == n for word in follows[name])}  # fmt: skip
    names = {name for name in names if not any(" ".join(name.split()[:k]) in names for k in range(2, len(name.split())))}
    covered = sum(opened[name] for name in names)
    # Two voices or more, as in an interview (one name opening every cue may be its subject), and
    # sentences starting after them often enough: not a title's words ("I Love You More") or the
    # name's own ("New York is"). A turn's later captions go on mid-sentence ("… so virtually").
    if len(names) < 2 or covered < _NAME_OPENING_SHARE * len(cues):
        return set()
    return names if sum(sentences[name] for name in names) >= _SENTENCE_AFTER * covered else set()


def bare_name_labels(cues: list[Cue], episode: Episode) -> None:
    """Cues opening with their speaker's name and no colon, as some caption exports write them,
    take it as the cue's voice."""
    if len(cues) < _NAME_OPENS or any("<v" in cue.payload for cue in cues):
        return
    names = _bare_names(cues)
    found = 0
    for cue in cues:
        text = cue.payload.lstrip()
        for name in names:
            if text.startswith(name + " ") and len(text.split()) > len(name.split()):
                cue.payload = f"<v {name}>{text[len(name) + 1:]}"
                found += 1
                break
    if found:
        shown = ", ".join(repr(n) for n in sorted(names)[:3])
        episode.repair("bare_name_labels", f"{counted(found, 'caption')} {agrees(found, 'opens', 'open')} with their speaker's name and no colon ({shown}): "
                                           "read as the speaker")  # fmt: skip


def build(cues: list[Cue], episode: Episode, breaks: Collection[float] = ()) -> None:
    """Cues to segments: unroll rolling captions, repair times, resolve speakers, merge turns, add.

    A piece starting at one of ``breaks`` (a chapter's start) or at a clock written in a cue's
    text opens a new segment."""
    first_repair = len(episode.repairs)
    unspace_cjk(cues, episode)
    # A translation's lines first: their brackets and names are no labels of the speech's.
    cues = twin_cues(cues, episode)
    one_language(cues, episode)
    two_scripts(cues, episode)
    bracket_colon_labels(cues, episode)
    bare_name_labels(cues, episode)
    rtl_stops(cues, episode)
    hash_music(cues, episode)
    tight_labels(cues, episode)
    language_tags(cues, episode)
    cues, clocks = inline_clocks(cues, episode)
    cues = fix_times(unroll(highlighted_words(cues, episode), episode), episode)
    if one_line_captions(cues):
        cues = without_loops(cues, episode)
    pieces = cue_pieces(cues, episode)
    for piece in pieces:
        piece.change = piece.change or piece.start in breaks
    summarise_repeats(episode, first_repair)  # a time repair on every cue is one line with a count
    if not fragmented(pieces):
        add_pieces(episode, pieces)
        return
    unnamed = unnamed_sentences(pieces)
    # Turns never join across a written clock, whoever speaks.
    runs: list[list[Piece]] = []
    for k, piece in enumerate(pieces):
        if not runs or (piece.start in clocks and piece.start != pieces[k - 1].start):
            runs.append([])
        runs[-1].append(piece)
    turns = [turn for run in runs for turn in merge_turns(run, unnamed_turn=UNNAMED_TURN if unnamed else 0.0)]
    if unnamed and len(turns) < len(pieces):
        episode.repair(
            "joined_fragments",
            f"{len(pieces):,} caption fragments with no speaker joined into {counted(len(turns), 'segment')}, "
            f"each ending at a sentence end, a pause over {MAX_GAP:g} s or {UNNAMED_TURN:g} s",
        )
    add_pieces(episode, turns)


def without_loops(cues: list[Cue], episode: Episode) -> list[Cue]:
    """Whisper's captions without the repeats of its loop (``whisper_loop``), reported."""
    texts = [clean_text(cue.payload) for cue in cues]
    dropped = repeats(texts)
    if not dropped:
        return cues
    episode.repair("repetition_loop", loop_detail(texts, dropped), cues[dropped[0]].where)
    gone = set(dropped)
    return [cue for k, cue in enumerate(cues) if k not in gone]


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
        first_repair = len(episode.repairs)
        record(episode, notes)
        summarise_repeats(episode, first_repair)  # a missing blank line after every cue is one line
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
    if [c.payload.split() for c in from_lib] != [c.payload.split() for c in cues]:
        # A line of spaces between cues is no blank line to a strict reader: it takes the next cue's
        # number into this cue's words.
        episode.repair("reader_fallback", f"{library_name} read other words into the cues than the tolerant "
                                          "reader (lines of spaces between cues?); used the tolerant reading")
        return cues
    for cue in from_lib:  # a line of spaces it kept is no line of the cue (the same words must compare equal)
        cue.payload = "\n".join(line for line in cue.payload.split("\n") if line.strip())
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


_RISKY_LINE_START = re.compile(r"^(?:[-–—]|>>|&gt;&gt;|[\d:.,]+$)")


def speaker_marks(segments: Iterable[tuple[Segment, float, float]]) -> list[str | None]:
    """Per cue: the speaker to name, "" for an unnamed change (dash), or None for nothing.

    Named speakers are always written. An unnamed segment after a named one gets a
    dialogue dash, because a reader would otherwise carry the last name over; so does
    one in a timeline nobody is named in that would otherwise read back as part of the
    sentence before it (see ``unnamed_sentences``).
    """
    timed = list(segments)
    anyone = any(seg.speaker for seg, _, _ in timed)
    marks: list[str | None] = []
    named_before = False
    previous: Piece | None = None
    for seg, start, end in timed:
        piece = Piece(start, end, None, seg.text, list(seg.directions))
        if seg.speaker:
            marks.append(seg.speaker)
            named_before = True
        elif named_before:
            marks.append("")
        elif not anyone and previous is not None and _joins(previous, piece, False, 0.0, UNNAMED_TURN):
            # Read back, these two unnamed segments would join into one sentence; a dash
            # keeps the break the timeline has.
            marks.append("")
        elif _LOOSE_LABEL.match(cue_body(seg)):
            marks.append("")  # "word: ..." could read back as a typed-in name; a dash says nobody is named
        else:
            marks.append(None)
        previous = piece
    return marks


def diarization_alone(turns: int) -> SourceRejected:
    """Who spoke when and nothing said (pyannote's RTTM, a diarizer's JSON): refused in one line,
    never stored as an episode with no moments to search."""
    return SourceRejected(f"{counted(turns, 'speaker turn')} with times but no words; a diarization without its "
                          "transcript: ingest the transcript made with it (whisperX's JSON, say) instead")

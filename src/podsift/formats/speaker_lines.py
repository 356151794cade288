"""Speaker lines: each turn opens with a line naming the speaker and the time.

The shape the transcription services export, in its common spellings:

    Jane Doe  0:05                      Otter.ai (text); Teams and Zoom text exports
    **Jane Doe** [00:00:05]             Otter.ai and others as Markdown
    [00:00:05] Jane Doe: Hello there.   Descript
    Jane Doe (00:00:05):                Rev, and "Speaker 1 (00:05):"
    SPEAKER_00 (00:05 - 00:09): Hello.  diarization scripts, the range in brackets or parentheses
    Jane Doe [00:00:05] / Jane Doe 00:00:05 / 00:00:05 Jane Doe
                                        Trint, Sonix, Riverside and friends
    *Jane (0:05)*                       podcast websites' Markdown pages
    @0:05 - Jane Doe (Acme)             Fathom (and "0:05 - Jane Doe" in its text export)
    **[0:00:05] Jane:** Hello there.    podsift's own Markdown export
    [Speaker 1] [00:05] Hello there.    and bracketed labels
    00:00:08 Hello and welcome.         timed lines with no speaker at all
    **[00:00:08]** Hello and welcome.   the same as transcription scripts write Markdown
    [00:00.000 --> 00:05.000]  Hello.   what whisper, whisper.cpp and mlx-whisper print as
    [0.00s -> 5.00s] Hello.             they go, and faster-whisper's example, saved to a file
    [0.00-5.00] SPEAKER_00: Hello.      scripts' seconds with a fraction
    SPEAKER_00 0.289  Hello.            diarization scripts' id, start seconds and words, one turn a line
    - [00:00:05] Jane: Hello.           any of these as a list item, as notes apps keep them

The text of a turn is what follows on the same line, and the lines after it up
to the next turn. Times are the file's own; each turn ends where the next one
starts; a clock stamped inside a paragraph (Descript: ``I guess [00:01:00] I
started``) starts the same speaker's words after it. A turn line whose label does
not behave like a speaker (it must recur or alternate with other labels; see
:mod:`podsift.formats.labels`; one said once with nothing around it, ``[00:31:24]
This``, where the file's labels have a colon or emphasis) is kept as speech.
Markdown headings become chapters, and the services' own credit lines
("Transcribed by https://otter.ai") are dropped and reported; so are the notes
Fathom writes among the speech ("ACTION ITEM: ... - WATCH"), kept in ``extra["notes"]``.
What whisper prints, a caption a line, has rules of its own: :mod:`podsift.formats.whisper_print`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from podsift.formats.clock_times import end_to_end
from podsift.formats.cues import (
    WORD_SENTENCE_TURN,
    Cue,
    Piece,
    add_pieces,
    build,
    caption_fragments,
    clock_parts,
    end_at_next_start,
    merge_turns,
    report_chevrons,
    report_clocks,
    report_silences,
    time_untimed,
    words_end,
)
from podsift.formats.end_times import contents
from podsift.formats.heading_lines import (
    header_heading,
    heading_facts,
    heading_line,
    report_header_headings,
    ruled_headings,
    short_field,
    title_and_date,
)
from podsift.formats.labels import (
    IRC_NICK,
    UNKNOWN_SPEAKER,
    blank_name,
    caseless_name,
    coded_voice,
    credible,
    diarizer_id,
    fathom_note,
    irc_nick,
    is_credit_line,
    keep_notes,
    looks_like_name,
    not_a_name,
    numbered_speaker,
    role_word,
)
from podsift.formats.line_wrap import join_lines
from podsift.formats.markdown_page import split_transcript, timed_copy
from podsift.formats.translated_page import interleaved
from podsift.formats.whisper_print import captions, chunk_length, names_file, own_words, script_log, token_lines, words
from podsift.model import Episode
from podsift.text import (
    LIST_ITEM,
    MARKDOWN_HEADING,
    agrees,
    bracketed,
    counted,
    date_in,
    format_timestamp,
    is_markup_line,
    is_reference_link,
    link_references,
    link_seconds,
    names_a_sound,
    parse_duration,
    parse_timestamp,
    prepare_plain,
    sound_word,
    split_directions,
    split_directions_after,
    squash,
    stage_note,
    strip_markdown_inline,
    trim_emphasis_marks,
    unescape_entities,
    youtube_id,
)

NAME = "speaker_lines"
EXTENSIONS = (".txt", ".md", ".markdown")


def _time(group: str) -> str:
    # Minutes may pass 99 in long recordings ("105:32"); fractions are optional.
    # Never part of a clock: "[inaudible 00:37:27]." is no label "[inaudible" at 00:37 with ":27]." said.
    return rf"(?<!\d:)(?<!\d)(?P<{group}>\d{{1,3}}(?::\d{{2}}){{1,2}}(?:[.,]\d{{1,3}})?)(?!:\d|[.,]?\d)"


# Seconds as faster-whisper's example prints them, "12.34s", or with a fraction and no unit,
# as scripts print a range ("[0.00-4.32]"); a bare whole number ("[2019-2020]") is no time.
_SECONDS = r"\d{1,6}(?:\.\d{1,3}s?|s)"
# A time, bare or in brackets, or a time range in brackets or parentheses (the start, and the
# end the reader keeps), each time maybe bracketed on its own ("[00:00:00.000] --> [00:00:08.640]",
# as scripts print whisper's segments; tried first, so the end is no word); each spelling has its
# own group, as a group name may not repeat.
_STAMP = (rf"(?P<stamp>[\[(]\s*{_time('rtime')}\s*(?:\]\s*)?(?:-{{1,2}}>|→|[-–—])\s*(?:\[\s*)?{_time('rend')}\s*[\])]"
          # Chinese writes the brackets full-width: "【00:01:02】"
          rf"|[\[【]\s*{_time('time')}\s*[\]】]|\(\s*{_time('ptime')}\s*\)"
          # a range without brackets, as Chinese meeting tools print it ("00:00:00-00:00:10，speaker0：")
          rf"|{_time('wtime')}[ \t]*(?:-{{1,2}}>|→|[-–—~])[ \t]*{_time('wend')}(?=[ \t]*[，,])"
          rf"|{_time('btime')}"
          rf"|[\[(]\s*(?P<stime>{_SECONDS})\s*(?:-{{1,2}}>|→|[-–—])\s*(?P<send>{_SECONDS})\s*[\])])")  # fmt: skip
_NAME = r"\[?(?P<name>[^\W\d_][\w'’‘“”\".\-& ]{0,45}?)\]?"  # Andrew ‘Boz’ Bosworth
_DECOR = r"(?:\*{1,2}|_{1,2})?"
# A heading's hashes, a quote's ">", or a list's bullet ("- [00:05] Jane: Hi", as notes apps keep it).
_BULLET = r"(?:[-*+•]\s+)"
_LEAD = r"^\s*(?:#{1,6}\s+|>\s*|" + _BULLET + r")?" + _DECOR
_SEP = r"(?:\s+|\s*(?:[-|·–—，]|//?)\s*)"  # "00:32 // Joanna", "00:00:00-00:00:10，speaker0："
# After a turn line's time: text after a colon or dash, text after closing emphasis, or nothing.
_REST = r"(?:\s*[:\-–—]\s*" + _DECOR + r"\s*(?P<rest>.*)|\s+(?P<loose>.*)|\s*)$"

# Jane Doe  0:05 / **Jane** [00:00:05] / Jane (00:00:05): / *Jane (0:05)* / [Jane] [00:05] text
_NAME_TIME = re.compile(_LEAD + _NAME + _DECOR + _SEP + _STAMP + _DECOR + _REST)
# **Dan (danceratopz)** [2:40](https://…&t=160): text: a label set apart in bold names its speaker with
# the handle in brackets after the name, as meeting notes write who spoke ("Alexey (@flcl42)").
_BOLD_NAME_TIME = re.compile(_LEAD + r"(?P<open>\*\*|__)(?P<name>[^\W\d_][^*_\n]{0,60}?)(?P=open)"
                             + _SEP + _STAMP + _DECOR + _REST)
_HANDLE = re.compile(r"\s?\((?![\d\s])[^()\n]{1,30}\)$")
_SUFFIXED = re.compile(r" [-|–] ")
# [00:00:05] Jane: text / 00:00:05 Jane / **[0:00:05] Jane:** text / 0:00:12.9 **Jane** text /
# [00:00:05] [Jane] text;
# Fathom's "@12:03 - Jane Doe (Acme)" on a line of its own, the company or email after the name.
_TIME_NAME = re.compile(
    # "0:45:46.9**Jane** text": a bold name may follow the time with no space (a typo, but readable)
    _LEAD + r"@?" + _STAMP + _DECOR + r"(?:" + _SEP + r"|(?=[*_])|(?<=[\]】]))" + _DECOR + _NAME + _DECOR
    + r"(?:\s*[:：]\s*" + _DECOR + r"\s*(?P<rest>.*)|(?<=[*_\]])\s+(?P<loose>.*)|\s*" + _DECOR
    + r"|\s+\((?P<aside>[^()\n]{1,80})\)\s*)$"
)
# Jane: [00:00:05] text / Speaker 0: 00:00:07 / **Jane:**: [00:00:05] text (the colon doubled where
# bolding "Jane:" by find-and-replace left the colon after it)
_NAME_COLON_TIME = re.compile(
    _LEAD + _NAME + _DECOR + r"\s*:\s*" + _DECOR + r"\s*:?\s*" + _STAMP + _DECOR + r"\s*(?P<rest>.*)$"
)
# 00:00:08 Hello and welcome... : a time and speech, no speaker; "(00:01:02):" alone carries on a turn;
# a time in bold or code, as transcription scripts and site editors write Markdown ("**[00:05]** Hello
# and welcome...", "**0:34** - Today we...", "`0:34` - Today we...")
_TIME_TEXT = re.compile(r"^\s*(?:" + _BULLET + r"?(?:(?P<bold>\*\*|__)(?=\[))?|(?P<set>\*\*|__|`)(?=\d))" + _STAMP
                        + r"(?(bold)(?P=bold))(?(set)(?P=set))\s*(?:[-–—:|·]?\s+(?P<rest>\S.*)|:\s*)$")
# A time range alone on its line, maybe bold or a list item ("**[00:00:08.000 --> 00:00:12.000]**"):
# the words follow on the next lines. A lone time without a range stays words, unless it is bold and
# bracketed as well.
_RANGE_ALONE = re.compile(r"^\s*" + _BULLET + r"?[*_]{0,2}" + _STAMP + r"[*_]{0,2}\s*(?P<rest>)$")


# A diarization script's line, "SPEAKER_00 0.289  Have you read ...": the speaker's id, the start in
# seconds (with a fraction, as Python prints a float), the words. No colon or bracket sets the label
# apart, so the shape counts only file-wide (``_seconds_turns``).
_LABEL_SECONDS = re.compile(
    r"^\s*(?P<name>[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,3}?)\s+(?P<seconds>\d{1,6}\.\d{1,6})"
    r"(?:\s+(?P<rest>\S.*?))?\s*$"
)
_MIN_SECONDS_TURNS = 3


def _seconds_turns(lines: Sequence[str]) -> dict[int, TurnLine]:
    """The lines of a "label seconds text" file (``_LABEL_SECONDS``) as turns, by line index; none
    unless the shape holds file-wide: it opens most lines, the seconds never go backwards, and the
    labels are a diarizer's ids ("SPEAKER_00") or names taking turns and recurring, so prose whose
    lines start "Chapter 3.5 ..." or "Genesis 1.10 ..." is never read as turns."""
    found = {i: m for i, line in enumerate(lines) if (m := _LABEL_SECONDS.match(line))}
    filled = sum(1 for line in lines if line.strip())
    if len(found) < _MIN_SECONDS_TURNS or 2 * len(found) <= filled:
        return {}
    starts = [float(m.group("seconds")) for m in found.values()]
    if any(later < earlier for earlier, later in zip(starts, starts[1:])):
        return {}
    labels = [squash(m.group("name")) for m in found.values()]
    if not all(numbered_speaker(label) for label in labels):
        names = set(labels)
        if len(names) < 2 or not names <= credible(labels):
            return {}
    return {i: TurnLine(label, start, m.group("rest") or "")
            for (i, m), label, start in zip(found.items(), labels, starts)}


# Zoom's saved captions: "[Display name] HH:MM:SS" alone on a line, the words on the lines below. The
# display name is whatever the participant typed ("[iPhone]", "[23SA11A161_Febi Nur Alifiah]", "[.]"),
# so in a file of such headers the line's shape names the speaker, not the name's.
_CAPTION_HEADER = re.compile(r"^[ \t]*\[(?P<name>[^\[\]\n]{1,60})\][ \t]+(?P<clock>\d{1,2}:\d{2}:\d{2})[ \t]*$")
_MIN_CAPTION_HEADERS = 3
_NAMED_HEADERS = 4  # one header in this many, at least, names someone by its name alone
_LOG_LEVELS = frozenset("INFO WARN WARNING ERROR ERR DEBUG TRACE FATAL NOTICE CRITICAL".split())


def _caption_headers(lines: Sequence[str]) -> dict[int, TurnLine]:
    """Zoom's caption headers (``_CAPTION_HEADER``) by line index, whatever their names; none unless
    the layout holds file-wide: each header has words under it, and a fair share of their names are
    read as speakers' on their own (a log's "[INFO] 12:00:01" or "[ERROR] 12:00:02" lines are not Zoom's)."""
    found = {i: m for i, line in enumerate(lines) if "]" in line and (m := _CAPTION_HEADER.match(line))}
    if len(found) < _MIN_CAPTION_HEADERS:
        return {}
    if any(i + 1 >= len(lines) or not lines[i + 1].strip() or i + 1 in found for i in found):
        return {}
    if any(m.group("name").strip().upper() in _LOG_LEVELS for m in found.values()):
        return {}
    # a word in capitals alone ("[ALERT]") is a log's or a form's tag before it is anyone's name
    named = sum(1 for i, m in found.items() if (t := turn_line(lines[i])) is not None and t.label is not None
                and not (m.group("name").isupper() and " " not in m.group("name").strip()))  # fmt: skip
    if named * _NAMED_HEADERS < len(found):
        return {}
    turns: dict[int, TurnLine] = {}
    for i, m in found.items():
        start = parse_timestamp(m.group("clock"))
        name = squash(m.group("name"))
        if start is not None:
            # "[.]": a participant who typed no name is a voice the captions do not name
            turns[i] = TurnLine(name if any(c.isalnum() for c in name) else UNKNOWN_SPEAKER, start, "")
    return turns


def _range_alone(line: str) -> re.Match[str] | None:
    m = _RANGE_ALONE.match(line)
    return m if m and (m.group("rend") or m.group("send") or m.group("wend") or _BOLD_CLOCK.match(line)) else None


# "**[00:05]**" alone on its line: a time in bold brackets is no word, so the words below start there.
_BOLD_CLOCK = re.compile(r"^\s*(\*\*|__)\[[^\]]*\]\1\s*$")
# A WebVTT voice span opening the text: "00:00:08 <v Michael Kennedy>Hello".
_VOICE = re.compile(r"^<v(?:\.[^\s>]*)?\s+(?P<name>[^>]{1,60})>\s*")
# A label set between bars after the time, as a spreadsheet pasted without its header row writes it:
# "0:00 | Host | Welcome…"; a cell that is a sentence, not a name, stays words.
# Or a chat log's nick after it: "[12:01] <Jane Doe> Welcome…".
_CELL_LABEL = re.compile(r"^(?:(?P<name>[^|<>\n]{1,40}?)[ \t]+\||" + IRC_NICK + r")[ \t]+(?=\S)")
# The nick after a line's opening time, kept from the markup taken out around it.
_NICK_AFTER_TIME = re.compile(r"^[^<]{1,40}?[\d\])][ \t]+(?=" + IRC_NICK + r"[ \t]+\S)")
_CLOSE_VOICE = re.compile(r"</v>")
# A Markdown link whose text is a time: podcast sites link each turn's time to the recording.
_TIME_LINK = re.compile(r"\[(?P<time>[\[(]?\s*\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?\s*[\])]?)\]\((?P<url>[^()\s]*)\)")
# A clock mistyped in such a link ("[1:35:491](…&t=5749)"): the link's own moment stands for it.
_CLOCKISH_LINK = re.compile(r"\[(?P<time>\s*\d[\d:.,]{2,12}\s*)\]\((?P<url>[^()\s]*)\)")


def _unlinked_clocks(line: str) -> str:
    """``line`` with each link around a clock replaced by the clock it shows (the shown clock is the
    turn's time, whatever the link's ``t=`` says), or by the link's moment where the shown one is
    no clock."""
    line = _TIME_LINK.sub(r"\g<time>", line)
    if "](" not in line:
        return line

    def moment(m: re.Match[str]) -> str:
        seconds = link_seconds(m.group("url"))
        return format_timestamp(seconds) if seconds is not None else m.group(0)

    return _CLOCKISH_LINK.sub(moment, line)


def _link_disagreements(lines: Sequence[str], turn_lines: Sequence[int]) -> tuple[int, int]:
    """Among the turn lines, how many clocks differ from their link's ``t=`` (the shown one kept), and
    how many were no clock (the link's moment taken)."""
    differ = mistyped = 0
    for i in turn_lines:
        if "](" not in lines[i]:
            continue
        for m in _CLOCKISH_LINK.finditer(lines[i]):
            linked = link_seconds(m.group("url"))
            shown = parse_timestamp(m.group("time").strip())
            if linked is not None and _TIME_LINK.fullmatch(m.group(0)) is None:
                mistyped += 1
            elif linked is not None and shown is not None and abs(shown - linked) >= 1:
                differ += 1
    return differ, mistyped


# Any HTML tag but a voice span, which names a speaker, or an autolink ("<https://…>"), which is words.
_HTML_TAG = re.compile(r"(?<!\\)</?(?!v[\s.>]|(?:https?|mailto):|www\.)[a-zA-Z][^<>]{0,200}>")  # not "\<b\>": Markdown's escape keeps the words
_CHANGE = re.compile(r"^(?:>>|&gt;&gt;)\s*")
_VOICE_INSIDE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]{1,60})>")
# ">>" inside a line, as a copy of YouTube's captions runs a minute of them into one timed line:
# another voice. Only where the file writes it so a few times (a shift in code is said once).
_CHEVRON_INSIDE = re.compile(r"(?<=[^\s\]):])[ \t]+(?:>>|&gt;&gt;)[ \t]+(?=\S)")
_CHEVRON_EVIDENCE = 3

_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
# What whisper and whisper.cpp print around the lines they transcribe, kept when their output
# is saved to a file: "Detected language: English", "main: processing 'talk.wav' ...",
# "whisper_print_timings: total time = ...".
_TRANSCRIBER_LOG = re.compile(
    r"^(?:Detect(?:ing|ed) language\b|(?:whisper_\w+|ggml_\w+|main|system_info|output_\w+)\s*:\s)"
)

_SNIFF_BYTES = 8192
# A range in brackets opening a line, maybe bold or a list item: "**[00:00.000 --> 00:05.000]** Jane".
_BRACKETED = re.compile(r"^\s*" + _BULLET + r"?[*_]{0,2}\[")
_MIN_TURNS = 2
# Timed lines with no speaker must be most of the file to be this format rather than speech
# that happens to start with a time.
_TIMED_LINE_SHARE = 0.5

# A caption's timing left on a turn line by an edit ("00:01:19,880 --> 00:01:53.1 **Speaker 0** Yeah…"
# among "00:01:54.4 **Speaker 1** Well…" lines): words follow the end, never on a caption file's own
# timing line (WebVTT's cue settings, "align:start", are not words).
_CAPTION_TIMING = re.compile(
    r"^(?P<start>\d{1,2}:\d\d:\d\d(?:[.,]\d{1,3})?)[ \t]*-->[ \t]*\d{1,2}:\d\d:\d\d(?:[.,]\d{1,3})?[ \t]+"
    r"(?=\S)(?![\w-]+:\S)", re.MULTILINE)  # fmt: skip


def _without_caption_timings(text: str, episode: Episode | None = None) -> str:
    """Turn lines that kept a caption's timing, each starting at its start, reported: a few among
    other lines (where most lines are so timed, they are a timed-text file's, its reader's)."""
    found = [m.group(0).strip() for m in _CAPTION_TIMING.finditer(text)]
    if not found or len(found) * 4 > sum(1 for line in text.split("\n") if line.strip()):
        return text
    text = _CAPTION_TIMING.sub(lambda m: m.group("start").replace(",", ".") + " ", text)
    if episode is not None:
        episode.repair("caption_timing", f"{counted(len(found), 'turn line')} {agrees(len(found), 'opens', 'open')} with a caption's timing "
                                         f"({found[0]!r}): each starts at its start")  # fmt: skip
    return text


@dataclass
class TurnLine:
    """What a line that may open a turn says; whether ``label`` names a speaker is decided per file."""

    label: str | None
    start: float
    rest: str  # the text on the same line, after the label
    speech: str | None = None  # "time then words" lines: the words, should the label not be a speaker
    aside: bool = False  # a parenthesis after the name (Fathom's company or email), left out of it
    end: float | None = None  # the end of a time range ("[00:00.000 --> 00:05.000]")
    bare: bool = False  # "[00:31:24] This": no colon after the label, no emphasis or brackets around it
    change: bool = False  # ">> " opened the words: a new voice, unnamed
    set_apart: bool = False  # "**0:34** - Today…": a bare time in bold or code, no bracket, no label
    cell: bool = False  # "0:00 | Host | Welcome…": the label a cell between bars


@dataclass
class _Turn:
    line_no: int
    speaker: str | None
    start: float | None
    lines: list[str] = field(default_factory=list)
    end: float | None = None
    carried: bool = False  # opened by a time alone, not by a label
    notes: list[str] = field(default_factory=list)  # an editor's bracketed lines under it, no one's words


def _start(m: re.Match[str]) -> float | None:
    if seconds := m.group("stime"):
        return parse_timestamp(float(seconds.rstrip("s")))
    return parse_timestamp(m.group("time") or m.group("ptime") or m.group("btime") or m.group("rtime")
                           or m.group("wtime"))


def _end(m: re.Match[str]) -> float | None:
    if seconds := m.group("send"):
        return parse_timestamp(float(seconds.rstrip("s")))
    end = m.group("rend") or m.group("wend")
    return parse_timestamp(end) if end else None


def _lowercase_name(name: str) -> bool:
    """"sergi delgado" before a time: a name typed in lower case. Only where a time follows it,
    which ordinary words ("so", "and then") opening a line with a time after them rarely have."""
    return name.islower() and looks_like_name(name.title())


def _credible(labels: Sequence[str | None]) -> set[str]:
    """The labels that behave like speakers (``labels.credible``), a lower-case name judged as
    the name it is."""
    def key(label: str | None) -> str | None:
        if label is not None and "(" in label:
            label = _HANDLE.sub("", label)  # "Dan (danceratopz)": judged by the name
        if label is not None and _SUFFIXED.search(label):
            label = _SUFFIXED.split(label)[0]  # "ATL - WonderFrog": only bracketed, to be a turn line
        if label is not None and ", " in label:
            # "Natarajan, Nikitha": judged as "Nikitha Natarajan", without "(he/him)" or " - ACME" after it
            label = given_first(_SURNAME_TAIL.sub("", label))
        if label is not None and (caseless_name(label) or coded_voice(label)):
            # Only a bracketed name or a reader's code gets here (``_head_turn_line``): judged as a name would be.
            return stand_in.setdefault(label, f"Name {chr(65 + len(stand_in) % 26)}{chr(97 + len(stand_in) // 26 % 26)}")
        return label.title() if label is not None and _lowercase_name(label) else label

    stand_in: dict[str, str] = {}
    judged = credible([key(label) for label in labels])
    return {label for label in labels if label is not None and key(label) in judged}


# A label and a time open a line, so only its head is matched: the patterns, run over a
# whole long turn, backtrack for seconds. WhisperX and Descript write a turn on one line.
_HEAD = 4000


# What any time a turn line opens with has: a clock's colon, a range's arrow, or seconds closing a
# bracket ("[0.00-4.32]", "[81.46s → 83.46s]"); a line without one is read no further.
_MAYBE_TIMED = re.compile(r":|->|→|\d[\])]|\ds\b")


def turn_line(line: str) -> TurnLine | None:
    """Read ``line`` as a turn opener (a label and a time, or a time and text), else None."""
    if not _MAYBE_TIMED.search(line):
        return None
    if len(line) <= _HEAD:
        return _head_turn_line(line)
    cut = max(line.rfind(" ", 0, _HEAD), _HEAD // 2)
    found = _head_turn_line(line[:cut])
    if found is None:
        return None
    tail = squash(line[cut:])
    return replace(found, rest=f"{found.rest} {tail}".strip(),
                   speech=f"{found.speech} {tail}".strip() if found.speech is not None else None)  # fmt: skip


# Zoom's saved captions name someone as the company directory does: "[Natarajan, Nikitha] 12:51:44".
_SURNAME_FIRST = re.compile(r"^\s*\[(?P<name>[^\W\d_][\w'’.\- ]{0,30}?, [^\W\d_][\w'’.\- ]{0,30}?)"
                            r"(?P<tail> \([^()\n]{1,30}\)| - [^\[\]\n]{1,30})?\][ \t]+"
                            r"(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)[ \t]*$")


_SURNAME_TAIL = re.compile(r" \([^()\n]{1,30}\)$| - [^\[\]\n]{1,30}$")


def given_first(label: str) -> str:
    """"Nikitha Natarajan" for "Natarajan, Nikitha", to judge as a name; any other label as it is."""
    last, comma, first = label.partition(", ")
    return f"{first} {last}" if comma and "," not in first and last and first else label


# The half of the day after a clock, and its zone: "P.M. EST", "a.m.", "PM".
_MERIDIEM = re.compile(r"[AaPp]\.?[ \t]?[Mm]\.?(?:[ \t]+[A-Z]{2,4})?")


# "** Avdi Grimm: **": a label bolded with spaces inside the marks (which Markdown leaves unbolded).
_SPACED_BOLD_LABEL = re.compile(r"(\*\*|__) +([^*_\n]{1,60}?:) +\1")


def _said_in_brackets(words: str) -> bool:
    """Whether angle brackets hold words, not markup: a sound ("<Laughter>"), a direction as elsewhere, or
    a template's blank ("<Your Name>"), kept as written."""
    return names_a_sound(words, angled=True) or blank_name(words)


def _head_turn_line(line: str) -> TurnLine | None:
    if ": **" in line[:90] or ": __" in line[:90]:
        line = _SPACED_BOLD_LABEL.sub(r"\1\2\1", line, count=1)
    if "<" in line:
        nick = _NICK_AFTER_TIME.match(line)
        kept = nick.end() if nick and irc_nick(line[nick.end() + 1:line.index(">", nick.end())]) else -1
        # "[<a id=t17>00:00:17</a>]": the anchor is markup, the time is not; a nick after the time is a label
        line = _HTML_TAG.sub(lambda tag: tag.group() if tag.start() == kept or _said_in_brackets(tag.group()[1:-1])
                             else "", line)
    if "](" in line:
        line = _unlinked_clocks(line)  # "[00:01:23](https://youtu.be/x?t=83)": the link plays it
    if "," in line and (m := _SURNAME_FIRST.match(line)) and (start := parse_timestamp(m.group("clock"))) is not None:
        judged = given_first(m.group("name"))  # "(he/him)", " - ACME" after it: what Zoom shows, not the name
        if looks_like_name(judged) or _lowercase_name(judged) or judged.islower():
            return TurnLine(m.group("name") + (m.group("tail") or ""), start, "")
    for pattern in (_NAME_TIME, _TIME_NAME, _NAME_COLON_TIME, _BOLD_NAME_TIME):
        m = pattern.match(line)
        if not m:
            continue
        name = squash(m.group("name").strip(" *_-"))
        start = _start(m)
        judged = _HANDLE.sub("", name) if pattern is _BOLD_NAME_TIME else name
        if line[m.start("name") - 1:m.start("name")] == "[" and line[m.end("name"):m.end("name") + 1] == "]":
            judged = _SUFFIXED.split(judged)[0]  # Zoom's "[ATL - WonderFrog] 13:32:28": a bracketed name and its team
        bracketed = line[m.start("name") - 1:m.start("name")] == "[" and line[m.end("name"):m.end("name") + 1] == "]"
        # Zoom's "[道生 武松] 21:54:00", LCTT's "**00:00:30 - 配音**：": set apart as a label, a name in a caseless script;
        # so is one alone with its time on the line, as Feishu Minutes heads a turn ("汤欣钰 00:56")
        set_apart = bracketed or line.lstrip()[:2] in ("**", "__") or (
            pattern is _NAME_TIME and not m.group("rest") and not m.group("loose")) or (
            pattern is _TIME_NAME and m.group("rest") is not None)  # "【00:00:01】主持人：欢迎…": a colon after it
        if start is None or not (looks_like_name(judged) or diarizer_id(judged) or coded_voice(judged)
                                 or (set_apart and caseless_name(judged))
                                 or (pattern is not _TIME_NAME and _lowercase_name(judged))):
            continue
        if sound_word(judged):
            continue  # "[inaudible 00:37:27]", "Music 0:05": a transcriber's note, no one's label
        if pattern is _TIME_NAME and _MERIDIEM.fullmatch(judged):
            continue  # "1:05 P.M. EST": a time of day and its zone, no one's label
        rest = m.groupdict().get("rest")
        loose = m.groupdict().get("loose")
        if rest is None and loose:
            # "Jane 0:05 words" without a colon is speech, unless emphasis or brackets set the label apart;
            # lower-case words so set apart only by a bracketed time are a wrapped line's words
            # ("this to a separate [00:28:43] suites.").
            label_apart = re.search(r"[*_\]]\s*$", line[: m.start("stamp")])  # "**Jane**  00:04 Hello"
            if not (label_apart or re.search(r"[*_\]]\s*$", line[: m.start("loose")])) or (
                    judged.islower() and not (diarizer_id(judged) or coded_voice(judged)) and not label_apart):
                continue
            rest = loose
        # "**[00:31]** **Ada** Yeah": the words, without the bold around the clock and the name
        speech = squash(_BOLD.sub("", line[m.end("stamp"):])).strip(" *_:") if pattern is _TIME_NAME else None
        bare = pattern is _TIME_NAME and not _MARKED.search(line[m.end("stamp"):])
        rest = _DOUBLED_COLON.sub("", trim_emphasis_marks(rest or ""))  # "**Ann** [1:15](…): : Yeah"
        return TurnLine(name, start, rest, speech, bool(m.groupdict().get("aside")), _end(m),
                        bare)
    m = _TIME_TEXT.match(line) or _range_alone(line)
    if m and (start := _start(m)) is not None:
        rest = (m.group("rest") or "").strip()
        change = _CHANGE.match(rest)  # ">> " marks a new, unnamed speaker
        rest = rest[change.end():] if change else rest
        voice = _VOICE.match(rest)
        if voice and looks_like_name(squash(voice.group("name"))):
            return TurnLine(squash(voice.group("name")), start, rest[voice.end():], end=_end(m))
        cell = _CELL_LABEL.match(rest)
        if cell and cell.group("nick") and not irc_nick(cell.group("nick")):
            cell = None  # "[00:05] <Your Name> Hello": a template's blank, no one's nick
        label = (cell.group("name") or cell.group("nick")) if cell else ""
        if cell and (looks_like_name(label) or diarizer_id(label) or _lowercase_name(label)):
            # the words as they are (bar and all) should the file's labels not behave as speakers'
            return TurnLine(label, start, rest[cell.end():], speech=rest, end=_end(m), cell=bool(cell.group("name")))
        return TurnLine(None, start, rest, end=_end(m), change=bool(change), set_apart=bool(m.groupdict().get("set")))
    return None


# The first of a file's bold bare times must fall in its first minute: an agenda's "**9:00** – Welcome"
# is a time of day, and a transcript starts at its beginning.
_SET_APART_FIRST = 60.0


def _times_of_day(found: dict[int, TurnLine]) -> dict[int, TurnLine]:
    """``found`` less its bold bare times (``TurnLine.set_apart``) when the first of them is no time into
    a recording, or when they head titles, not speech (show notes' "**2:15** - How Jane got started")."""
    set_apart = [t for t in found.values() if t.set_apart]
    if not set_apart:
        return found
    said = sum(len(t.rest.split()) > _TITLE_WORDS or bool(_SENTENCE_END.search(t.rest)) for t in set_apart)
    if set_apart[0].start < _SET_APART_FIRST and 2 * said >= len(set_apart):
        return found
    return {i: t for i, t in found.items() if not t.set_apart}


_TITLE_WORDS = 6  # a chapter's title runs to about this many words; a paragraph of speech, longer


_BOLD = re.compile(r"\*\*|__")
_DOUBLED_COLON = re.compile(r"^:\s+")
# What sets a label apart after its time: a colon, emphasis, brackets.
_MARKED = re.compile(r"[:*_\[\]]")
# A line that opens with an HTML tag ("<p>", "<div class=...>", "<html>").
_MARKUP_LINE = re.compile(r"^\s*<(?:!doctype|/?[a-z][a-z0-9]*[\s>/])", re.IGNORECASE)


def _contents_list(lines: list[str], page: list[str]) -> set[int]:
    """The ``lines`` of a contents list repeating the chapter headings of the ``page`` ("* [00:00:41]
    Desktop App" over "## [00:00:41] Desktop App", "* 1:05 – OpenAI board saga" over "## OpenAI board saga")."""
    titles = set()
    for line in page:
        if heading := MARKDOWN_HEADING.match(line.strip()):
            title = heading.group("title")
            titles.add(title[at.end():].strip() if (at := _HEADING_TIME.match(title)) else title.strip())
    return contents(lines, titles)


def sniff(text: str) -> float:
    head = _without_caption_timings(text[:_SNIFF_BYTES].lstrip("\ufeff").replace("\r", "\n"))
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if len(text) > _SNIFF_BYTES and lines:
        lines.pop()  # likely cut mid-line
    if not lines or any("-->" in ln and not _BRACKETED.match(ln) for ln in lines):
        return 0.0  # a caption file's timing line; "[00:00.000 --> 00:05.000] text" is a turn line
    if sum(1 for ln in lines if _MARKUP_LINE.match(ln)) > len(lines) / 2:
        return 0.0  # an HTML page whose paragraphs open with a time: its reader's, tags and all
    if _seconds_turns(lines):
        return 0.88
    # a contents list's "* 1:05 – OpenAI board saga" is no turn of a speaker "OpenAI board saga"
    listed = _contents_list(lines, text.split("\n")) if any(LIST_ITEM.match(ln) for ln in lines) else set()
    found = list(_times_of_day(dict(enumerate(t for i, ln in enumerate(lines)
                                              if i not in listed and (t := turn_line(ln))))).values())
    labelled = [t.label for t in found if t.label is not None]
    if len(labelled) >= _MIN_TURNS and _credible(labelled):
        # Turns may be long paragraphs, so turn lines can be rare; but not vanishingly so.
        share = len(labelled) / len(lines)
        if share >= 1 / 40 and (len(labelled) >= 3 or share >= 1 / 10):
            return 0.88
    if len(found) >= 3 and len(found) >= _TIMED_LINE_SHARE * len(lines):
        return 0.8
    if len(text) > _SNIFF_BYTES and "#" in head and (copy := timed_copy(text)) is not None:
        # A page's transcript given twice, untimed first: the timed copy, read in its place, tells.
        return sniff(copy)
    return 0.0


# "Speaker A [2183.00 - 15764.00]:": a script printing a recogniser's times, milliseconds as they came.
# Only on a label's line, the range closing it: "[1939 - 1945]" among words is history, not a time.
_WHOLE_RANGE = re.compile(r"^(?P<open>[^\[(\n]{1,60}[\[(]\s*)(?P<a>\d{1,9})(?:\.0{1,3})?(?P<dash>\s*[-–—]\s*)"
                          r"(?P<b>\d{1,9})(?:\.0{1,3})?(?P<close>\s*[\])]\s*:?[ \t]*)$", re.MULTILINE)
_MIN_RANGES = 3
# Read as seconds, the words would come slower than this many a minute: no one speaks so.
_SLOWEST_WORDS_A_MINUTE = 20


def _millisecond_ranges(text: str, episode: Episode) -> str:
    """Time ranges in whole numbers that are milliseconds, written as seconds: read as seconds, the
    file's words would be spread over days."""
    found = list(_WHOLE_RANGE.finditer(text))
    if len(found) < _MIN_RANGES:
        return text
    starts = [int(m.group("a")) for m in found]
    last = max(int(m.group("b")) for m in found)
    if starts != sorted(starts) or len(text.split()) >= _SLOWEST_WORDS_A_MINUTE * last / 60:
        return text
    episode.repair("millisecond_ranges", f"{len(found)} time ranges in whole numbers ({found[0].group().strip()!r} "
                                         "…) read as milliseconds: as seconds, the words would take days")  # fmt: skip
    return _WHOLE_RANGE.sub(lambda m: f"{m['open']}{int(m['a']) / 1000:.3f}{m['dash']}{int(m['b']) / 1000:.3f}{m['close']}",
                            text)


# A bracketed clock a typist slipped on: a space after a colon ("[00:34: 57]"), a colon doubled
# ("[00:42::57]"), three digits of seconds ("[00:36:319]"). A link's clock ("[1:35:491](…&t=95)") is
# read from its link.
_MISTYPED_CLOCK = re.compile(r"\[(?P<clock>\d{1,2}(?:[ \t]*:+[ \t]*\d{2}){1,2}|\d{1,2}:\d{2}:\d{3})\](?!\()")


def _mistyped_clocks(text: str, episode: Episode) -> str:
    """Mistyped clocks in brackets mended where the digits say the time ("[00:34: 57]" is 34:57), and
    left out of the words where they do not ("[00:36:319]": 36:31.9 or 36:19?), its turn then timed
    as an untimed one is; never a time the digits do not give."""
    mended: list[str] = []
    dropped: list[str] = []

    def mend(m: re.Match[str]) -> str:
        fields = re.split(r"[ \t]*:+[ \t]*", m.group("clock"))
        if ":".join(fields) == m.group("clock") and all(len(f) == 2 for f in fields[1:]):
            return m.group()  # written as a clock is: whatever it says, not this repair's to judge
        if any(len(f) > 2 for f in fields[1:]) or any(int(f) > 59 for f in fields[1:]):
            dropped.append(m.group())
            return ""
        mended.append(m.group())
        return f"[{':'.join(fields)}]"

    text = _MISTYPED_CLOCK.sub(mend, text)
    if mended:
        episode.repair("mistyped_clocks", f"{counted(len(mended), 'mistyped clock')} ({mended[0]!r} …) read as the time "
                                          "their digits give")  # fmt: skip
    if dropped:
        episode.repair("mistyped_clocks", f"{counted(len(dropped), 'clock')} that {agrees(len(dropped), 'is', 'are')} no time ({dropped[0]!r} …) left out "
                                          "of the words; their turns timed between the times around them")  # fmt: skip
    return text


def parse(text: str, episode: Episode) -> None:
    text = ruled_headings(prepare_plain(text, episode), episode)  # "--- VORSTELLUNG ---" between the lines
    text = _mistyped_clocks(text, episode)
    text = _millisecond_ranges(_without_caption_timings(text, episode), episode)
    references = link_references(text)
    # Decoded before labels are looked for: "Jason Staten &amp; Megan Duclos:" is a label too.
    raw_lines = _without_notes(text.split("\n"), episode)
    lines = [unescape_entities(line) for line in raw_lines]
    lines = _minutes_blocks(lines, episode)
    listed = _contents_list(lines, lines)
    lines = ["" if i in listed else line for i, line in enumerate(lines)]
    if listed:
        episode.repair("contents_list", f"{counted(len(listed), 'line')} of a contents list repeating the chapter headings "
                       f"(line {min(listed) + 1} on) left out: the headings are chapters, not speakers")
    entities = sum(1 for before, after in zip(raw_lines, lines) if before != after and after.strip())
    candidates = _times_of_day({i: t for i, line in enumerate(lines) if (t := turn_line(line))})
    if seconds := _seconds_turns(lines):
        candidates = dict(sorted({**candidates, **seconds}.items()))
    if zoom := _caption_headers(lines):
        unnamed = {i: t for i, t in zoom.items() if i not in candidates or candidates[i].label is None}
        candidates = dict(sorted({**candidates, **unnamed}.items()))
    # "[00:14:12.180 --> 00:14:14.180]   Encarnació": whisper's short caption, words and not a speaker
    worded = own_words(lines, candidates)
    for i in worded:
        candidates[i] = TurnLine(None, candidates[i].start, candidates[i].speech or "", end=candidates[i].end)
    # "--- Speaker 1 ---" over its timed lines: turns of the voices the headings name, not captions of no one's
    voices = _speaker_headings(lines, candidates)
    whisper = (captions(lines, candidates) or _start_captions(lines, candidates)) and not voices
    tokens = token_lines(lines, [i for i, t in candidates.items() if t.end is not None]) if whisper else None
    # whisper's captions, a caption a line, are read as captions are (``_captions``): their
    # words whole, label and all, for the caption reader to judge
    printed = {i: after for i in candidates if (after := _after_time(lines[i])) is not None} if whisper and not tokens else {}
    if printed and len(printed) == len(candidates):
        candidates = {i: TurnLine(None, t.start, printed[i], end=t.end) for i, t in candidates.items()}
    else:
        printed = {}
    unsaid = _cells_unsaid(candidates)
    speakers = _credible([t.label for t in candidates.values()]) - unsaid
    speakers |= _field_word_voices(candidates, speakers)
    speakers |= {t.label for t in seconds.values() if t.label}
    speakers |= {t.label for t in zoom.values() if t.label}
    if (copy := _second_copy(lines, candidates, speakers, episode)) is not None:
        lines = lines[:copy] + [""] * (len(lines) - copy)
        candidates = {i: t for i, t in candidates.items() if i < copy}
    if speakers and (over := _times_over_labels(lines, candidates, speakers)):
        candidates = dict(sorted({**candidates, **over}.items()))
        lines = ["" if i + 1 in over else line for i, line in enumerate(lines)]
    sections = _section_headings(lines, candidates, speakers)
    if voices:
        episode.repair("speaker_headings", f"{counted(len(voices), 'heading')} over timed lines ({next(iter(voices.values()))!r}, "
                                           "…) read as who speaks those lines, not as chapters")
        speakers |= set(voices.values())
    voice: str | None = None  # the speaker the last such heading names
    _timed_headings(lines, candidates, speakers, bool(listed))
    _closing_notes(lines, [i for i, t in candidates.items() if t.label is None or t.label in speakers], episode)
    bare = _bare_words(candidates, speakers)
    _linked_video(lines, episode)
    differ, mistyped = _link_disagreements(lines, list(candidates))
    if differ or mistyped:
        episode.repair("linked_clocks", (f"{counted(differ, 'turn time')} {agrees(differ, 'differs', 'differ')} from the moment their link plays (t=); "
                                         "the clock the page shows is kept" if differ else "")
                       + ("; " if differ and mistyped else "")
                       + (f"{counted(mistyped, 'clock')} that {agrees(mistyped, 'is', 'are')} no time (such as '1:35:491') read from their link's t="
                          if mistyped else ""))

    inside = len(_CHEVRON_INSIDE.findall(text))
    chevrons = inside >= _CHEVRON_EVIDENCE
    turns: list[_Turn] = []
    chapters: dict[int, str] = {}  # turn index -> heading that opens there
    opens: dict[int, float] = {}  # turn index -> the start a heading's own range gives its chapter
    before: list[tuple[int, str]] = []
    credits: list[int] = []
    notes: list[str] = []
    markup = logged = headers = unstamped = 0
    script: list[tuple[int, str]] = []  # a script's log lines among whisper's, and the turn each stands before
    last_heading: tuple[int, int, str] | None = None  # turns so far, the last one's lines, the heading
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        found = candidates.get(i)
        if i in sections:
            chapters[len(turns)] = sections[i]
            opens.pop(len(turns), None)
        if i in voices:
            voice = voices[i]
            continue
        if found and (found.label is None or found.label in speakers):
            # A time with no label inside a labelled transcript carries on the turn before it,
            # unless ">>" says the voice changed.
            speaker = found.label or voice or (turns[-1].speaker if turns and speakers and not found.change else None)
            turns.append(_Turn(i + 1, speaker, found.start, end=found.end, carried=found.label is None))
            line = tokens[i][1] if tokens and i in tokens else found.rest
            # More voices on the same line ("<v Ann>Yes. <v Bo>Right.") share its time.
            line = _voices(line, turns, i + 1, chevrons)
        elif found and found.speech is not None:
            # "00:01:02 Thank You": words, carrying on the turn before it where the file names speakers
            speaker = turns[-1].speaker if turns and speakers else None
            turns.append(_Turn(i + 1, speaker, found.start, end=found.end, carried=True))
            line = found.speech
        elif heading := MARKDOWN_HEADING.match(line):
            title, opens_at = _heading_parts(heading)
            if not turns and not before and not episode.title and heading.group(1) == "#":
                episode.title, day = title_and_date(title)
                episode.date = episode.date or day
            elif not turns and header_heading(heading.group("title"), episode):
                headers += 1
            elif not turns and title == episode.title:
                continue  # a page's title over its transcript, the front matter's title again: no chapter
            elif title:
                chapters[len(turns)] = title  # a later heading before any turn replaces an empty one
                if opens_at is not None:
                    opens[len(turns)] = opens_at
                else:
                    opens.pop(len(turns), None)
            if turns and not (last_heading and last_heading[0] == len(turns)):
                # the first heading since the last turn: the section it opens may hold more headings
                last_heading = (len(turns), len(turns[-1].lines), line)
            continue
        elif is_credit_line(line):
            credits.append(i + 1)
            continue
        elif _TRANSCRIBER_LOG.match(line):
            logged += 1
            continue
        elif whisper and script_log(line):
            script.append((len(turns), line))
            continue
        elif is_markup_line(line) or is_reference_link(line, references):
            markup += 1
            continue
        elif note := fathom_note(line):
            notes.append(note[0])  # Fathom's "ACTION ITEM: ... - WATCH" inside a turn: not what was said
            line = note[1]
        if not line:
            continue
        if turns and found is None and bracketed(line) and stage_note(line):
            # "[TRANSKRIPTION WIRD ERGÄNZT — …]" on a line of its own: the editor's note, not the speaker's words
            turns[-1].notes.append(line)
            continue
        if turns and speakers and (untimed := _untimed_label(line, speakers)):
            # "RP: Thanks." between "GN: [05:42] …" turns: the same labels, a turn of their own untimed.
            turns.append(_Turn(i + 1, untimed[0], None))
            line = untimed[1]
            unstamped += 1
        spoken = strip_markdown_inline(_CLOSE_VOICE.sub("", line))
        if turns:
            turns[-1].lines.append(spoken)
        else:
            before.append((i + 1, spoken))

    if last_heading and last_heading[0] == len(turns):
        _after_last_turn(turns, last_heading[1], last_heading[2], chapters, episode)
    said_twice = interleaved([turn.lines for turn in turns], [line for _, line in before], episode)
    _lead_in([(i, line) for i, line in before if line not in said_twice], episode, bool(speakers))
    _restarts(turns, script, episode)
    if printed:
        _captions(turns, chapters, opens, episode)  # times repaired there, as a caption file's are
        turns = []
    _times(turns, episode)
    if unstamped:
        _time_unstamped(turns, unstamped, episode)
    if tokens:
        _words(turns, tokens, episode)
        turns = []
    elif voices:
        _voiced_phrases(turns, episode)
        turns = []
    empty = clocks = started = 0
    where: str | None = None
    for k, turn in enumerate(turns):
        if k in chapters:
            episode.add_chapter(chapters[k], opens.get(k, turn.start))
        # Descript stamps the time inside a paragraph now and then ("and then I guess [00:01:00] I
        # started"): the words after it start there; the last turn runs on to the recording's end.
        parts, stamped = clock_parts(squash(join_lines(turn.lines)), turn.start,
                                    turn.end if turn.end is not None else math.inf)
        if turn.start is not None:
            parts[0] = (turn.start, parts[0][1])  # "[00:12:59] [00:13:00] But…": the paragraph's own time
        clocks += stamped
        where = where or (f"line {turn.line_no}" if stamped else None)
        ends = [at for at, _ in parts[1:]] + [turn.end]
        said = False
        for (start, text), end in zip(parts, ends):
            last = episode.segments[-1] if episode.segments else None
            spoken, directions = split_directions_after(squash(text), last, turn.speaker)
            if spoken or directions:
                started += said
                said = True
                # "[00:00:06] [Applause]" with no label: a sound, no one's turn going on (as a sound's
                # paragraph alone is in untimed text).
                speaker = None if turn.carried and not spoken else turn.speaker
                episode.add_segment(spoken, start=start, end=end, speaker=speaker, directions=directions)
        if turn.notes:
            if said:
                episode.segments[-1].directions.extend(turn.notes)
            else:
                episode.add_segment("", start=turn.start, end=turn.end, speaker=turn.speaker, directions=turn.notes)
                said = True
        empty += not said
    report_clocks(episode, clocks, started, where)
    report_header_headings(episode, headers)
    if sections:
        first = lines[min(sections)].strip().lstrip("# ")
        episode.repair("section_headings", f"{len(sections)} headings ending in a time ({first!r} …) read as "
                       "sections starting then, not as speakers")
    _report(episode, turns, speakers, candidates, credits, markup, entities, empty, bare, unsaid)
    if chevrons:
        episode.repair("voices_inside_lines", f"{inside} '>>' inside timed lines, YouTube's mark of a new voice: each "
                                              "starts a turn of its own, the line's time shared by length of text")
    if worded and not tokens:
        shown = list(dict.fromkeys(candidates[i].rest for i in sorted(worded)))
        episode.repair("caption_words", f"{counted(len(worded), 'short caption line')} read as words, not speakers "
                       f"({', '.join(map(repr, shown[:3]))}{' …' if len(shown) > 3 else ''}): whisper prints "
                       "each caption's words after its time range")
    if script:
        episode.repair("script_log", f"{counted(len(script), 'line')} of the log of a script around whisper "
                       f"({script[0][1]!r}, ...) left out of the speech")
    if logged:
        episode.repair("transcriber_log", f"{counted(logged, 'line')} of the transcriber's own log (whisper's "
                       "'Detected language: ...', whisper.cpp's 'main: ...') left out of the speech")
    keep_notes(episode, notes)


# "RP: Okay. When a person…": a label the timed turns use, opening a line with no time of its own.
_PLAIN_LABEL = re.compile(r"^(?:\*\*|__)?(?P<name>[^\W\d_][\w.'’ -]{0,45}?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s+(?P<rest>\S.*)$")


# "**[0:05]:**" over a caption's words: a line opened by a clock, bare or bracketed, maybe bold.
_CLOCK_OPENING = re.compile(r"^[*_\[(\s]*(?P<clock>\d{1,2}(?::\d{2}){1,2})(?![\d:])")
_COPY_LINES = 10  # a second transcript is a run of timed lines, not a stray time after the last turn
_COPY_BACK = 60.0  # its times start this far before the last turn's, or more
_COPY_WORDS = 0.6  # share of its words (of four letters or more) the labelled turns say too
_COPY_SIZE = 0.5  # at least half as many words as the turns: the talk again, whole


def _second_copy(lines: list[str], candidates: dict[int, TurnLine], speakers: set[str],
                 episode: Episode) -> int | None:
    """Where a second transcript of the recording starts after the last labelled turn, else None.

    A site that pastes a video's captions (``**[0:05]:**`` lines, timed from the start again) under the
    edited transcript holds the talk twice: read on, the captions were the last speaker's words (more
    than half of one episode's). Its times must go back, run on, and its words be the turns' words.
    """
    turns = [i for i, t in candidates.items() if t.label in speakers and t.start is not None]
    if len(turns) < _COPY_LINES:
        return None
    last = max(turns)
    clocked = [(i, parse_timestamp(m.group("clock"))) for i in range(last + 1, len(lines))
               if (m := _CLOCK_OPENING.match(lines[i]))]  # fmt: skip
    times = [t for _, t in clocked if t is not None]
    if len(times) < _COPY_LINES or times[0] > (candidates[last].start or 0.0) - _COPY_BACK:
        return None
    if sum(b >= a for a, b in zip(times, times[1:])) < 0.9 * (len(times) - 1):
        return None
    begin = clocked[0][0]
    first, second = "\n".join(lines[min(turns):begin]), "\n".join(lines[begin:])
    if len(second.split()) < _COPY_SIZE * len(first.split()):
        return None  # a chapter list of titles from the talk, not the talk again
    said = set(re.findall(r"[^\W\d_]{4,}", first.lower()))
    again = set(re.findall(r"[^\W\d_]{4,}", second.lower()))
    if not again or len(again & said) < _COPY_WORDS * len(again):
        return None
    episode.repair("second_copy", f"lines {begin + 1}-{len(lines)}: the recording's transcript again after the "
                   f"last turn ({len(times)} lines timed from {format_timestamp(times[0])} on, the same words): "
                   "left out, the labelled transcript kept", f"line {begin + 1}")  # fmt: skip
    return begin


def _times_over_labels(lines: list[str], candidates: dict[int, TurnLine], speakers: set[str]) -> dict[int, TurnLine]:
    """``[00:00:00]`` alone on its line over ``**Dr. McKayla:** Hello…`` (untimed): that turn's time, as
    if written on its label's line as the other turns' are. Returns those label lines as turn lines."""
    found: dict[int, TurnLine] = {}
    for i, line in enumerate(lines[:-1]):
        if i in candidates or i + 1 in candidates or not (clock := _RANGE_ALONE.match(line)):
            continue
        if (start := _start(clock)) is not None and (said := _untimed_label(lines[i + 1].strip(), speakers)):
            found[i + 1] = TurnLine(said[0], start, said[1])
    return found


def _untimed_label(line: str, speakers: set[str]) -> tuple[str, str] | None:
    """(speaker, words) of a line opened by one of the timed turns' labels without a time, else None."""
    m = _PLAIN_LABEL.match(line)
    return (m.group("name"), m.group("rest")) if m and m.group("name") in speakers else None


def _time_unstamped(turns: list[_Turn], unstamped: int, episode: Episode) -> None:
    """Turns a label opens with no time (``_untimed_label``) timed by their words between the times
    around them; each turn then ends where the next starts."""
    cues = [Cue(turn.line_no, turn.start, turn.end, " ".join(turn.lines), label="turn") for turn in turns]
    for cue, turn in zip(cues, turns):
        if turn.start is None:
            cue.end = None
    for cue, turn in zip(cues, turns[1:]):
        if turn.start is None:
            cue.end = None  # the turn before an untimed one ran to the next time: now to its own start
    time_untimed(cues, unstamped, "labelled turn", episode)
    end_at_next_start(cues)
    for cue, turn in zip(cues, turns):
        turn.start, turn.end = cue.start, cue.end


def _linked_video(lines: list[str], episode: Episode) -> None:
    """The YouTube video the turns' times link to, when they all link to one: results then play
    from the moment, as they do for a page that names its video."""
    videos = {video for line in lines if "](" in line for link in _TIME_LINK.finditer(line)
              if (video := youtube_id(link.group("url")))}  # fmt: skip
    if len(videos) == 1 and not episode.youtube_id:
        episode.youtube_id = videos.pop()
        episode.repair("linked_video", f"the times link to YouTube video {episode.youtube_id}; results play from it")


def _after_last_turn(turns: list[_Turn], kept: int, heading: str, chapters: dict[int, str], episode: Episode) -> None:
    """A heading after the last turn ("## Infokasten", "## Links") opens the page's next section:
    the lines under it are not the last speaker's words, and it is no chapter."""
    chapters.pop(len(turns), None)
    after = turns[-1].lines[kept:]
    del turns[-1].lines[kept:]
    if after:
        _keep_page_text(episode, [heading, *after])
        episode.repair("after_transcript", f"{counted(len(after), 'line')} under {heading!r} after the last turn kept as "
                                           "page text, not the last speaker's words")  # fmt: skip


def _keep_page_text(episode: Episode, lines: list[str]) -> None:
    """Keep ``lines`` in ``extra["page_text"]``, after what is kept there already."""
    episode.extra["page_text"] = "\n".join(filter(None, [episode.extra.get("page_text"), *lines]))


def _minutes_blocks(lines: list[str], episode: Episode) -> list[str]:
    """``lines`` less the blocks a meeting-minutes tool writes around its transcript (a summary, the
    chapters it made, a translation), each from its heading to the next heading of the export's or
    the transcript's "文字记录:"; one before the transcript with none after it ends at the first turn."""
    marks = [i for i, line in enumerate(lines) if _MINUTES_BLOCK.match(line.strip())
             or _TRANSCRIPT_MARK.match(line.strip()) or line.strip().rstrip(":：").lower() in _LISTS]
    blocks = [i for i in marks if _MINUTES_BLOCK.match(lines[i].strip())]
    if not blocks:
        return lines
    first_turn = next((i for i, line in enumerate(lines) if turn_line(line)), len(lines))
    dropped: list[int] = []
    for start in blocks:
        end = next((i for i in marks if i > start), first_turn if start < first_turn else len(lines))
        kept = [line.strip() for line in lines[start:end] if line.strip()]
        _keep_page_text(episode, kept)
        dropped += range(start, end)
    episode.repair("minutes_blocks", f"{counted(len(blocks), 'block')} a meeting-minutes tool writes beside the transcript "
                   f"({', '.join(repr(lines[i].strip()) for i in blocks[:3])}: its summary, chapters or translation) "
                   "kept in extra['page_text'], not as speech", f"line {blocks[0] + 1}")  # fmt: skip
    gone = set(dropped)
    return ["" if i in gone else line for i, line in enumerate(lines)]


def _heading_title(heading: re.Match[str]) -> str:
    """A Markdown heading's words, without its emphasis or the time it opens at ("[00:00:29] Intro")."""
    return _heading_parts(heading)[0]


def _heading_parts(heading: re.Match[str]) -> tuple[str, float | None]:
    """A heading's title (``_heading_title``) and, where it closes with the range its section spans
    ("Podcast Introduction [1:23 - 2:10]"), the range's start, the range left out of the title."""
    title = _HEADING_TIME.sub("", squash(strip_markdown_inline(heading.group("title")).strip("*_ ")))
    if (span := _HEADING_RANGE.search(title)) and span.start() > 0:
        return title[: span.start()], parse_duration(span.group("start"))
    return title, None


# A time range closing a chapter heading, bracketed: "What Sparked Your Interest [0:02 - 0:58]".
_HEADING_RANGE = re.compile(r"\s*[\[(](?P<start>\d{1,2}(?::\d{2}){1,2})\s*[-–—]\s*\d{1,2}(?::\d{2}){1,2}[\])]$")
# A time opening a chapter heading, maybe bracketed, maybe followed by a dash or colon.
_HEADING_TIME = re.compile(r"^[\[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]?\s*[-–—:|]?\s+(?=\S)")


# A word that heads a document's field ("Kind: captions") names a voice where it recurs this often.
_FIELD_WORD_TURNS = 3


_SAID_WORDS = 4  # a cell of so many words, capitalised, is said even without a stop
_RUN_ON_WORDS = 5  # so many, even in lower case: a recogniser's unpunctuated speech ("so i think we should start")


def _cells_unsaid(candidates: dict[int, TurnLine]) -> set[str]:
    """The labels of cells between bars ("0:00 | Host | Welcome to the show.") where the cells after them
    read as no one's speech, over most of the file's such lines: a song's line broken by a bar
    ("[00:12] Oh Mary | don't you weep", the next cell going on in lower case), a log's fields
    ("12:00:01 | Server | started"). A role or a diarizer's numbered voice ("Host", "SPEAKER_01") stays a
    voice, whatever its words."""
    rows = [t for t in candidates.values() if t.cell and t.label and not (diarizer_id(t.label) or role_word(t.label))]
    said = sum(1 for t in rows if len(t.rest.split()) >= _RUN_ON_WORDS or not t.rest[:1].islower()
               and (_SENTENCE_END.search(t.rest.rstrip()) or len(t.rest.split()) >= _SAID_WORDS))
    return {t.label for t in rows if t.label} if 2 * said < len(rows) else set()


def _field_word_voices(candidates: dict[int, TurnLine], speakers: set[str]) -> set[str]:
    """``[00:03:23] Kind`` alone on its line, among ``[00:03:25] Stefan`` turns: a voice the transcriber
    named by a word that is also a field's ("Kind", German for child), where it recurs as the others do.
    Each such line becomes that voice's turn (``candidates`` changed); returns the voices."""
    if not speakers or any(t.label in speakers and not t.bare for t in candidates.values()):
        return set()
    found = {i: t.rest for i, t in candidates.items()
             if t.label is None and t.end is None and t.rest.isalpha() and t.rest[0].isupper() and not_a_name(t.rest)}
    voices = {w for w, n in Counter(found.values()).items() if n >= _FIELD_WORD_TURNS}
    for i, word in found.items():
        if word in voices:
            candidates[i] = TurnLine(word, candidates[i].start, "", speech=word, bare=True)
    return voices


def _bare_words(candidates: dict[int, TurnLine], speakers: set[str]) -> set[str]:
    """``[00:31:24] This`` opening a paragraph of one word reads as a label with nothing around it.
    Where the file sets its labels apart (``[00:31:25] **Chris Williamson:** is a …``), such a
    label said once is words, not a speaker (leaving ``speakers``). Returns those labels."""
    marked = [t.label for t in candidates.values() if t.label in speakers and not t.bare]
    bare = Counter(t.label for t in candidates.values() if t.label in speakers and t.bare)
    if len(marked) <= bare.total():
        return set()  # the file's labels are bare ("00:01:02 Jane Doe")
    words = {label for label, n in bare.items() if n == 1 and label not in marked and label is not None}
    speakers -= words
    return words


# "### Sigmund Freud (02:21)": a heading that ends with the time its section starts at, or the
# range it spans ("### Introduction [00:00:00 - 00:01:30]", a video summary's sections).
_SECTION_TIME = re.compile(r"\s*[\[(](?P<clock>\d{1,2}(?::\d{2}){1,2})(?:\s*[-–—]\s*(?P<end>\d{1,2}(?::\d{2}){1,2}))?[\])]$")
# Fewer such headings than this may be turns after all.
_MIN_SECTIONS = 3


# A label alone on its line, its colon after it ("SPEAKER_04:", once its emphasis is off).
_LABEL_ALONE = re.compile(r"^(?P<name>[^\W\d_][\w.'’ -]{0,40}?)\s*:$")


def _speaker_headings(lines: list[str], candidates: dict[int, TurnLine]) -> dict[int, str]:
    """Headings that say who speaks the unlabelled timed lines under them ("--- Speaker 1 ---" over
    "[00:00 - 00:01] words", as a meeting tool writes its blocks; "**SPEAKER_04:**" alone on its line
    over "[00:00] words" paragraphs, a diarized Markdown transcript's): where no line has a label of its own,
    every heading names a voice, the same few recur, and each stands over a timed line. Their lines and names."""
    if any(t.label is not None for t in candidates.values()):
        return {}
    found: dict[int, str] = {}
    waiting: int | None = None  # a heading whose first line is still to come
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if waiting is not None and i not in candidates:
            return {}  # a heading over words with no time: a section's, not a voice's
        waiting = None
        if heading := MARKDOWN_HEADING.match(line.strip()):
            found[i], waiting = _heading_title(heading), i
        elif label := _LABEL_ALONE.match(strip_markdown_inline(line).strip()):
            found[i], waiting = label.group("name"), i  # "**SPEAKER_04:**" alone over its timed paragraphs
    names = Counter(found.values())
    if (waiting is not None or len(names) < 2 or len(found) < 2 * len(names)
            or not all(looks_like_name(name) or numbered_speaker(name) for name in names)):
        return {}
    return found


def _section_headings(lines: list[str], candidates: dict[int, TurnLine], speakers: set[str]) -> dict[int, str]:
    """``### Sigmund Freud (02:21)`` over untimed paragraphs (notes written from a video's chapters):
    where each such heading has its own title and the file's only labels are theirs, the headings are
    sections starting at their times, not speakers. Each opens an unnamed turn at its time (in
    ``candidates``, its title leaving ``speakers``); returns each heading's line and title."""
    sections: dict[int, tuple[str, float, float | None]] = {}
    for i, line in enumerate(lines):
        heading = MARKDOWN_HEADING.match(line.strip())
        title = squash(strip_markdown_inline(heading.group("title")).strip("*_ ")) if heading else ""
        if (clock := _SECTION_TIME.search(title)) and (start := parse_duration(clock.group("clock"))) is not None:
            end = parse_duration(clock.group("end")) if clock.group("end") else None
            sections[i] = title[: clock.start()].strip(), start, end
    titles = [title for title, _, _ in sections.values()]
    labels = {t.label for i, t in candidates.items() if t.label is not None and i not in sections}
    if len(sections) < _MIN_SECTIONS or len(set(titles)) < len(titles) or labels & speakers:
        return {}
    for i, (_, start, end) in sections.items():
        label = candidates[i].label if i in candidates else None
        speakers.discard(label or "")
        candidates[i] = TurnLine(None, start, "", end=end)
    return {i: title for i, (title, _, _) in sections.items()}


def _timed_headings(lines: list[str], candidates: dict[int, TurnLine], speakers: set[str], listed: bool) -> None:
    """``## [00:01:12] Carol's Triumph`` above ``[00:01:12] **Carol:** Sure...``: a heading that looks
    like a turn but whose label never opens a turn outside headings, in a transcript whose turns are
    not headings, is a chapter (leaving ``candidates``). Turns written as headings
    (``### [00:00:00] John``, the words below) stay turns, also where one of them is written plainly.
    Headings a contents list repeats (``listed``) are chapters, however like names they look."""
    headed = {i for i in candidates if MARKDOWN_HEADING.match(lines[i])}
    in_body = {t.label for i, t in candidates.items() if i not in headed and t.label in speakers}
    titles = [h.group("title") for line in lines if (h := MARKDOWN_HEADING.match(line))]
    # One voice's unlabelled timed paragraphs under "## [00:01:00] Modular Workflow": a voice
    # recurs, a chapter is headed once, so headings each saying something new (past their times) are chapters.
    said = [title[at.end():].strip() for title in titles if (at := _HEADING_TIME.match(title))]
    timed = [title.casefold() for title in said]
    # A panel's speakers may each speak once ("## [00:00:30] Bob Jones"): names, every one of them, head turns.
    names = not listed and all(looks_like_name(t) and not any(w[:1].islower() for w in t.split()) for t in said)
    chapters = (not in_body and len(timed) >= _MIN_SECTIONS and len(set(timed)) == len(timed) and not names
                and any(t.label is None for i, t in candidates.items() if i not in headed))
    if not (in_body or chapters) or 2 * len(headed) > len(candidates):
        return  # most turns are headings ("### Bryan Robinson  0:03"): one written plainly is a slip
    for i in headed:
        if candidates[i].label not in in_body:
            del candidates[i]
    speakers.intersection_update(t.label for t in candidates.values())


def _closing_notes(lines: list[str], turn_lines: list[int], episode: Episode) -> None:
    """A heading after the last turn over only lists and headings (``# Attendees`` / ``* Tim Beiko``,
    ``### Next Meeting Date/Time: …``) closes the transcript: what it heads is the page's notes, kept
    in ``extra["notes"]`` and blanked out of ``lines``, not the last speaker's words."""
    after = turn_lines[-1] + 1 if turn_lines else len(lines)
    heading = next((i for i in range(after, len(lines)) if MARKDOWN_HEADING.match(lines[i])), None)
    if heading is None:
        return
    rest = [i for i in range(heading, len(lines)) if lines[i].strip()]
    if not all(MARKDOWN_HEADING.match(lines[i]) or LIST_ITEM.match(lines[i]) or is_markup_line(lines[i])
               for i in rest):
        return
    episode.extra.setdefault("notes", []).append("\n".join(lines[i].strip() for i in rest))
    episode.repair("closing_notes", f"{counted(len(rest), 'line')} of lists and headings after the last turn "
                   f"({lines[heading].strip()!r} …) kept in extra['notes'], not as the last speaker's words",
                   f"line {heading + 1}")
    for i in rest:
        lines[i] = ""


def _without_notes(lines: list[str], episode: Episode) -> list[str]:
    """The lines with a page's notes above its transcript marker ("### Transcript") blanked out:
    kept as show notes, not speech; the page's "# Title" above them is still its title."""
    notes, transcript, after = split_transcript(lines, episode)
    if not notes:
        return lines
    for line in notes:
        heading = MARKDOWN_HEADING.match(line)
        if heading and heading.group(1) == "#" and not episode.title:
            episode.title = _heading_title(heading)
    return [""] * (len(lines) - len(transcript) - len(after)) + transcript + after  # line numbers kept


def _voices(text: str, turns: list[_Turn], line_no: int, chevrons: bool = False) -> str:
    """Split a line at voice spans after its first, and at ``>>`` inside it where the file marks
    voices so (``chevrons``); each further voice opens a turn at the same time."""
    parts = _VOICE_INSIDE.split(text)
    pieces: list[tuple[str | None, str]] = []
    for name, said in [(None, parts[0]), *zip(parts[1::2], parts[2::2])]:
        chunks = _CHEVRON_INSIDE.split(said) if chevrons else [said]
        pieces.append((squash(name) if name else None, chunks[0]))
        pieces += [(None, chunk) for chunk in chunks[1:]]  # a new voice, unnamed
    if len(pieces) == 1:
        return text
    turns[-1].lines.append(pieces[0][1].strip())
    for name, said in pieces[1:]:
        turns.append(_Turn(line_no, name, turns[-1].start, carried=name is None))
        turns[-1].lines.append(said.strip())
    return ""


# Times that go back to this near the start, after a run at least this long, start a new recording.
_RESTART_AT, _LONG_RUN = 1.0, 60.0


def _restarts(turns: list[_Turn], script: list[tuple[int, str]], episode: Episode) -> None:
    """Times that start again (a script's next chunk, after a log line naming its file; or simply
    back at 0:00 after a long run): each run is put after the one before (``end_to_end``), at the
    chunk length the log states where the chunks fit it, and the report says the times are estimated."""
    files = {k: line for k, line in reversed(script) if names_file(line)}  # the turn each new file starts at
    cuts: list[int] = []
    first = previous = None
    for k, turn in enumerate(turns):
        if turn.start is None:
            continue
        if previous is not None and first is not None and turn.start < previous and (
                k in files or turn.start <= _RESTART_AT and previous - first >= _LONG_RUN
                and _stays_back(turns, k + 1, previous)):
            cuts.append(k)
            first = turn.start
        first = turn.start if first is None else first
        previous = turn.start
    if not cuts:
        return
    bounds = [0, *cuts, len(turns)]
    runs = [turns[a:b] for a, b in zip(bounds, bounds[1:])]
    length = chunk_length([line for _, line in script])
    by_length = end_to_end(runs, length)
    marker = next((files[k] for k in cuts if k in files), None)
    detail = f"the times start again at {counted(len(cuts), 'point')}"
    detail += f" (after {marker!r})" if marker else " (back at the start after a long run)"
    detail += (f": each part put {format_timestamp(length)} after the one before, the chunk length the log states"
               if by_length and length else ": each part put where the one before ends")
    episode.repair("times_restart", detail + "; times after the first part are estimated", f"line {turns[cuts[0]].line_no}")


def _stays_back(turns: list[_Turn], k: int, before: float) -> bool:
    """Does the turn at ``k`` start before ``before`` too? One stamp back at 0:00 is a slip; a run starting again is not."""
    start = turns[k].start if k < len(turns) else None
    return start is not None and start < before


def _voiced_phrases(turns: list[_Turn], episode: Episode) -> None:
    """Timed phrase lines under speaker headings, joined into each speaker's turns as caption
    fragments are (``cues.merge_turns``): a phrase a line is no turn of its own."""
    pieces = []
    for turn in turns:
        text, directions = split_directions(squash(" ".join(turn.lines)))
        if text or directions:
            pieces.append(Piece(turn.start, turn.end, turn.speaker, text, directions))
    add_pieces(episode, merge_turns(pieces))


def _words(turns: list[_Turn], tokens: dict[int, tuple[bool, str]], episode: Episode) -> None:
    """whisper.cpp's token-a-line output (``-ml 1``): tokens joined into words, words into turns
    as word-level sources are (``cues.merge_turns``), each timed by its first word."""
    said = words([(t.start, t.end, squash(" ".join(t.lines)), tokens.get(t.line_no - 1, (False, ""))[0])
                  for t in turns])  # fmt: skip
    joined: list[Piece] = []
    run: list[Piece] = []
    for word in [*said, None]:
        if word is not None:
            word.text, word.directions = split_directions(word.text)
            if word.text:
                run.append(word)
                continue
        joined += merge_turns(run, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)
        joined += [word] if word is not None else []  # a sound ("[Music]") stands apart from the sentences
        run = []
    add_pieces(episode, joined)
    empty = sum(1 for _, token in tokens.values() if not token)
    episode.repair("joined_words", f"{len(tokens) - empty:,} tokens printed one a line (whisper.cpp's -ml 1) "
                   f"joined into {len(said):,} words and {counted(len(joined), 'segment')}"
                   + (f"; {empty:,} empty token lines left out" if empty else ""))


def _start_captions(lines: list[str], candidates: dict[int, TurnLine]) -> bool:
    """Are the lines captions with their ends left off, a start time and a fragment a line, no one
    named (``**[59:40]** and the planet being represented. But at the time, you just roll with the
    punches, and``)? Then they are joined into sentences as whisper's ranges are."""
    filled = sum(1 for line in lines if line.strip())
    texts = [t.rest for t in candidates.values() if t.label is None and t.end is None and t.rest]
    return len(texts) == len(candidates) and len(texts) >= _FILLED_SHARE * filled and caption_fragments(texts)


def _after_time(line: str) -> str | None:
    """The words after the time opening ``line`` (all of them, a label too), or None if no time opens it."""
    m = _TIME_TEXT.match(line) or _range_alone(line)
    return None if m is None else (m.group("rest") or "").strip()


def _captions(turns: list[_Turn], chapters: dict[int, str], opens_at: dict[int, float], episode: Episode) -> None:
    """whisper's captions, a caption a line, read as a caption file's cues are (``cues.build``):
    fragments joined into sentences, a word and a colon opening a caption kept as words, whisper's
    loop dropped. The same captions with their brackets taken off (``00:00:00,000 --> 00:00:05,740
    Les falles…``) are read there too, so both spellings read alike."""
    opens = {start for k in chapters if k < len(turns) and (start := turns[k].start) is not None}
    for k, title in chapters.items():
        if k < len(turns):
            episode.add_chapter(title, opens_at.get(k, turns[k].start))
    cues = [Cue(turn.line_no, turn.start, turn.end, "\n".join(turn.lines), label="line", one_line=len(turn.lines) == 1)
            for turn in turns]  # fmt: skip
    end_at_next_start(cues, episode)  # a time alone among the ranges ("[00:05]") runs to the next
    build(cues, episode, opens)


def _times(turns: list[_Turn], episode: Episode) -> None:
    """Each turn ends where the next starts; a time that goes backwards is kept and reported.

    Voices on one line, which the line gives one time, share the time up to the next start, in
    proportion to their length, so none is zero-length. Lines that each state the same time keep
    it: a diarizer's "[Speaker 3] [37:22] A little" / "[Speaker 1] [37:22] bit of a" says both
    began in that second, and no later time within it is known.
    """
    previous: float | None = None
    k = 0
    while k < len(turns):
        group = k + 1
        while (group < len(turns) and turns[group].line_no == turns[k].line_no
               and turns[group].start == turns[k].start is not None):  # fmt: skip
            group += 1
        nxt = turns[group].start if group < len(turns) else None
        start = turns[k].start
        if group - k > 1 and start is not None and nxt is not None and nxt > start:
            sizes = [max(1, len(" ".join(t.lines))) for t in turns[k:group]]
            clock, total = start, sum(sizes)
            for turn, size in zip(turns[k:group], sizes):
                turn.start = round(clock, 3)
                clock += (nxt - start) * size / total
                turn.end = round(clock, 3)
            turns[group - 1].end = nxt
        k = group
    silences: list[tuple[float, str | None]] = []
    for k, turn in enumerate(turns):
        nxt = turns[k + 1].start if k + 1 < len(turns) else None
        if turn.start is not None and nxt is not None and nxt >= turn.start and turn.end is None:
            turn.end = nxt
            if (short := words_end(turn.start, nxt, " ".join(turn.lines))) is not None:
                turn.end = short
                silences.append((turn.start, f"line {turn.line_no}"))
        if turn.start is not None and previous is not None and turn.start < previous:
            episode.repair("time_backwards", "a turn starts before the one before it; kept in file order",
                           f"line {turn.line_no}")
        if turn.start is not None:
            previous = turn.start
    report_silences(episode, silences)


def _report(episode: Episode, turns: list[_Turn], speakers: set[str], candidates: dict[int, TurnLine],
            credits: list[int], markup: int, entities: int, empty: int, bare: set[str], unsaid: set[str]) -> None:  # fmt: skip
    named = sum(1 for t in turns if not t.carried)
    shown = sorted(speakers)
    if named:
        episode.repair(
            "speaker_lines",
            f"{named} turns opened by speaker-and-time lines ({', '.join(shown[:6])}{' …' if len(shown) > 6 else ''})",
        )
    asides = sum(1 for t in candidates.values() if t.aside and t.label in speakers)
    if asides:
        episode.repair("name_asides", f"{counted(asides, 'speaker line')} {agrees(asides, 'names', 'name')} a company or an email in brackets after "
                       "the name; left out of the speaker")
    changes = sum(1 for t in candidates.values() if t.change)  # every such line opens a turn
    if timed := len({t.line_no for t in turns if t.carried}):  # a line split at '>>' is one line
        carried = "; each carries on the turn before it" + (" unless '>>' opens it" if changes else "")
        episode.repair("timed_lines", f"{counted(timed, 'line')} opened by a time with no speaker label"
                       + (carried if speakers else ""))
    report_chevrons(changes, episode, "line")
    rejected = sorted({t.label for t in candidates.values() if t.label} - speakers - bare - unsaid)
    if rejected:
        episode.repair(
            "not_a_speaker",
            f"{counted(len(rejected), 'label')} that neither {agrees(len(rejected), 'recurs nor alternates', 'recur nor alternate')} kept as speech: {', '.join(rejected[:5])}",
        )
    if cells := sorted(unsaid - speakers):
        episode.repair("cell_labels", f"{counted(len(cells), 'label')} in cells between bars after a time ({', '.join(cells[:5])}) "
                       "kept as words, not speakers: the words after them read as no one's speech (a song's lines, a log's fields)")
    if bare:
        episode.repair("bare_label", f"{counted(len(bare), 'paragraph')} of a word or two after their time kept as words, "
                       f"not a speaker (the file's labels have a colon or emphasis): {', '.join(sorted(bare)[:5])}")
    if credits:
        episode.repair("credit_lines", f"{counted(len(credits), 'credit line')} of the transcription service dropped",
                       f"line {credits[0]}")
    if markup:
        episode.repair("page_markup", f"{counted(markup, 'line')} of links, images or markup left out of the speech")
    if entities:
        episode.repair("html_entities", f"HTML character references such as &#39; decoded in {counted(entities, 'line')}")
    if empty:
        episode.repair("empty_turn", f"{counted(empty, 'turn')} with no text {agrees(empty, 'was', 'were')} dropped")


def _lead_in(before: list[tuple[int, str]], episode: Episode, labelled: bool) -> None:
    """Lines before the first turn: a title line, then untimed speech; where no label names a speaker,
    short ``Key: value`` lines there are the recording's facts."""
    before = _service_header(before, episode)  # first: a header's date line is no title
    if not before:
        return
    if labelled and all(_QUOTED.match(t) for _, t in before):
        # "> Almost a year since I last tried transcribing!": the transcriber's note above the turns
        episode.extra["preamble"] = join_lines(_QUOTED.sub("", t) for _, t in before)
        episode.repair("preamble", f"{counted(len(before), 'quoted line')} above the first labelled turn {agrees(len(before), 'is', 'are')} the page's "
                       "note, not speech: kept in extra['preamble']", f"line {before[0][0]}")  # fmt: skip
        return
    first_line, first = before[0]
    if len(before) > 1:
        before = _details(before, episode)
    if not episode.title and len(first.split()) <= 15 and not _SENTENCE_END.search(first) and first[:1] not in "([♪":
        episode.title = squash(first.strip("*_# "))
        episode.repair("title_line", f"the first line {first!r} taken as the title", f"line {first_line}")
        before = before[1:]
    before = _episode_line(before, episode)
    if before and len(before) <= _HEADER_LINES and all(heading_line(t) or is_credit_line(t) or (not labelled and short_field(t)) for _, t in before):
        # "Aufgenommen: März 2026" / "Transkribiert mit OpenAI Whisper": the recording's facts under the title
        lines = [t for _, t in before]
        episode.extra.setdefault("header", []).extend(lines)
        heading_facts(lines, episode)
        episode.repair("header_lines", f"{counted(len(lines), 'line')} under the title ({lines[0]!r} …) {agrees(len(lines), 'is', 'are')} the recording's "
                       "facts, kept in extra['header'], not speech", f"line {before[0][0]}")
        return
    if before:
        spoken, directions = split_directions(squash(join_lines(t for _, t in before)))
        episode.add_segment(spoken, directions=directions)
        episode.repair("untimed_text", f"{counted(len(before), 'line')} before the first turn kept without a time",
                       f"line {before[0][0]}")


_HEADER_LINES = 6
# Caption lines with a start alone are nearly all of a file's lines: a page's notes are few.
_FILLED_SHARE = 0.9
_QUOTED = re.compile(r"^\s*>[ \t]?")


# "EPISODE 15" / "BONUS EPISODE 006" alone above the turns (Software Engineering Daily's transcripts).
_EPISODE_LINE = re.compile(r"^(?:bonus\s+)?episode\s+#?(?P<number>\d{1,4})$", re.IGNORECASE)


def _episode_line(before: list[tuple[int, str]], episode: Episode) -> list[tuple[int, str]]:
    """The lines before the first turn, less an episode-number line, which is read as the number."""
    for k, (line_no, line) in enumerate(before):
        if m := _EPISODE_LINE.match(line.strip("*_# ")):
            if episode.episode_number is None:
                episode.episode_number = int(m.group("number"))
            episode.repair("episode_line", f"the line {line!r} read as the episode's number, not speech",
                           f"line {line_no}")
            return before[:k] + before[k + 1:]
    return before


# "- Duration: 53m22s" / "> Speaker labels were mapped by hand.": a list of details, or a note,
# above a Markdown transcript's first turn.
_DETAIL = re.compile(r"^[-*+]\s+(?P<key>[A-Z][\w/ .()-]{0,40}?):\s+(?P<value>\S.*)$")
_QUOTE_LINE = re.compile(r"^>\s*\S")
_DAY_KEYS = frozenset({"date", "published", "recorded", "aired", "air date", "recording date", "release date"})


def _details(before: list[tuple[int, str]], episode: Episode) -> list[tuple[int, str]]:
    """The lines before the first turn, less a list of ``- Key: value`` details and quoted notes
    (kept in ``extra["details"]``, a duration read): a page's facts about the recording, not speech.
    The title line stays. Only when at least two such lines stand there and nothing else but it."""
    rest = before[1:] if not _DETAIL.match(before[0][1]) else before
    if len(rest) < 2 or not all(_DETAIL.match(line) or _QUOTE_LINE.match(line) for _, line in rest):
        return before
    details = [line for _, line in rest]
    episode.extra["details"] = "\n".join(details)
    for line in details:
        if (m := _DETAIL.match(line)) and m.group("key").lower() in ("duration", "length", "runtime"):
            episode.duration = episode.duration or parse_duration(m.group("value").strip("` "))
        elif m and m.group("key").lower() in _DAY_KEYS:
            # "- Published: 2020-04-15 (date inferred from …)": the day, whatever note follows it
            episode.date = episode.date or date_in(m.group("value"))
    episode.repair("details", f"{counted(len(details), 'line')} of details and notes above the first turn "
                              f"kept in extra['details'], not as speech", f"line {rest[0][0]}")  # fmt: skip
    return before[: len(before) - len(rest)]


# The header Otter.ai puts above the turns: "Mon, 3/4 10:15AM • 45:12" (recorded, running time), then
# "SUMMARY KEYWORDS" and "SPEAKERS" each over a line listing them; Fathom's is one line,
# "VIEW RECORDING - 66 mins (No highlights): https://fathom.video/share/...".
_RECORDED = re.compile(r"^(?P<date>[A-Za-z]{3}, .{3,20}?\d{1,2}:\d{2} ?[AP]M) ?[•·] ?(?P<length>\d{1,3}(?::\d{2}){1,2})$")
_LISTS = {"summary keywords": "keywords", "keywords": "keywords", "speakers": "speakers", "关键词": "keywords",
          "關鍵詞": "keywords"}
# Feishu (Lark) Minutes' and Naver Clova Note's first lines: the day, the hour, the running time
# ("2024年6月2日 下午 5:51|14分钟 43秒", "2024.01.15 월 오후 2:30 ・ 45분 12초"); Clova's the note's
# owner on the line after. Feishu's "文字记录:" (transcript) stands over the turns.
_DAY_AND_LENGTH = re.compile(r"^(?P<y>\d{4})(?:年|\.)\s*(?P<m>\d{1,2})(?:月|\.)\s*(?P<d>\d{1,2})日?\s[^|・•]{0,30}[|・•]\s*"
                             r"(?:(?P<h>\d{1,3})\s*(?:小时|시간|時間)\s*)?(?:(?P<min>\d{1,3})\s*(?:分钟|分|분)\s*)?"
                             r"(?:(?P<s>\d{1,2})\s*(?:秒|초))?$")
_TRANSCRIPT_MARK = re.compile(r"^(?:文字记录|文字記錄)\s*[:：]?$")
# The blocks Feishu (Lark) Minutes, Tongyi Tingwu (通义听悟) and iFlytek (讯飞听见) exports put before or
# after the transcript, each under a heading alone on its line: summaries ("全文总结:", "智能纪要"), the
# chapters and key points the tool made ("章节速览", "要点回顾", "发言总结"), a translation ("翻译结果:").
# "会议纪要" (minutes) alone is often a document's title, so it is not among them.
_MINUTES_BLOCK = re.compile(r"^[#*\s【\[]*(?:全文(?:总结|摘要|概要)|智能纪要|AI\s?纪要|章节速览|要点回顾|发言总结|问答回顾|"
                            r"翻译结果|翻譯結果|全文總結|智能紀要|章節速覽)[】\]*\s]*[:：]?$")
_VIEW_RECORDING = re.compile(r"^VIEW RECORDING\s*-\s*(?P<length>\d{1,4} ?mins?)\b[^:]*(?::\s*(?P<link>https?://\S+))?$")


def _service_header(before: list[tuple[int, str]], episode: Episode) -> list[tuple[int, str]]:
    """The lines before the first turn, less a transcription service's header, which is read as metadata."""
    rest: list[tuple[int, str]] = []
    read = 0
    k = 0
    while k < len(before):
        line_no, line = before[k]
        key = _LISTS.get(line.strip().rstrip(":：").lower())
        if (day := _DAY_AND_LENGTH.match(line.strip())) and (day.group("min") or day.group("s")):
            episode.date = episode.date or f"{day.group('y')}-{int(day.group('m')):02d}-{int(day.group('d')):02d}"
            episode.duration = episode.duration or float(
                int(day.group("h") or 0) * 3600 + int(day.group("min") or 0) * 60 + int(day.group("s") or 0))
            read += 1
            if "・" in line and k + 1 < len(before) and len(before[k + 1][1].split()) <= 3 \
                    and not _SENTENCE_END.search(before[k + 1][1]):
                k += 1
                episode.extra["owner"] = squash(before[k][1])  # Clova Note's: who made the note
                read += 1
        elif _TRANSCRIPT_MARK.match(line.strip()):
            read += 1
        elif m := _RECORDED.match(line) or _VIEW_RECORDING.match(line):
            if m.re is _RECORDED:  # no year, so not the episode's date: kept as written
                episode.extra["recorded"] = m.group("date")
            else:
                episode.page_url = episode.page_url or m.group("link")
            episode.duration = episode.duration or parse_duration(m.group("length"))
            read += 1
        elif key and k + 1 < len(before):
            k += 1
            episode.extra[key] = [item.strip() for item in re.split(r"[,，、]", before[k][1]) if item.strip()]
            read += 2
        else:
            rest.append((line_no, line))
        k += 1
    if read:
        episode.repair("service_header", f"{counted(read, 'line')} of the transcription service's header (date, running time, "
                       "keywords, speakers) read as metadata, not speech", f"line {before[0][0]}")
    return rest

"""Transcript tables: openai-whisper's ``.tsv``, spreadsheet exports, tab- or comma-separated.

    start	end	text
    0	9360	So I'm going to move on with the other item that has speakers listed

Columns are found by their header names: a start (``start``, ``begin``, ``time``), an
optional end, one or more text columns (``text``, ``transcript``, ``transcription``, ...,
or NeMo's ``segment`` where no other column names the words; a "corrected" one is read
where it is filled, the raw one elsewhere) and an optional speaker, which a blank cell
carries on. A title line before the header (spreadsheet exports have one) is kept in
``extra``, not read as speech. A table with no header is
read when its first column holds times (or a range, ``00:00-00:04``): start, then end if
the second does too; the wordiest other column is the text and a column of short
recurring names the speaker, so the many scripts that write ``start<TAB>end<TAB>speaker<TAB>
text`` (with a duration or confidence column, too) are read whole. The names may come first
(``SPEAKER_00<TAB>0.00<TAB>4.32<TAB>…``), and commas may part the cells (``0:00,Host,"Hi…"``).

Units come from the header: ``(ms``, ``_ms``, ``millis`` mean milliseconds, ``(s)`` or
``seconds`` mean seconds, and whisper's own ``start end text`` header comes with whole
milliseconds. Other whole numbers are seconds unless that makes an impossible episode,
as in :mod:`podsift.formats.podcast_json`. Clock times (``0:01:02.5``) are read as such.
Where a table has two start (or end) columns, the finer one is read and the other
stands in for a cell it cannot read.

Rows are caption-sized, so they are joined into turns by named speakers, or into
sentences when nobody is named, exactly as a caption file of the same words is.
An oral-history CSV ("Oral History as Data": ``speaker,words,tags,timestamp``) stamps a row
every few minutes, sometimes in brackets (``[00:04:40]``): the rows between share the time by
their words, as HTML paragraphs do; a row whose words are only a stamp (``(40:00)``) is the
time the next row starts, and one typed into the words (``Bernstein (17:50).``) times a row that
has none (see ``typed_stamps``); a time cell may name the section starting there, a chapter. Rows
before an early first stamp are the interview's opening, timed from 0:00. Its words come from a web
page (``&#8212;``, ``<em>``), a first row naming no one, all in brackets, is the editor's note on the
recording, and a row under a label that names no one (``MORE INFO:``) is the page's text: not speech.

ELAN's "tab-delimited text" export is a table of its own kind: a header row (in the exporting
user's language: ``Begin Time - hh:mm:ss.ms``, ``Время начала - сс.мс``), time columns (begin,
end and duration, each in up to four forms), then one column per tier, rows grouped by tier and,
where the export repeats "annotations spanning other annotations", a long turn repeated on every
row it spans. The time columns are told by what they hold (and their ``label - unit`` header),
whatever the language; each tier column is a tier, each annotation read once, with its own row's
times, and the tiers are merged in time order as ELAN's own files are (see ``tiers``).

A comma-separated table (a spreadsheet's or an editor's CSV export) is read the same way
once its header is found; its cells are parsed as CSV (quoted commas and line breaks are
the cell's own), which a tab-separated file's are not. Video editors' timecodes
(``00:01:02:12``, frames last) are read to the second. A one-column "table" (``Text,`` over
rows that each end in that empty column, unquoted) is its rows as lines of text.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
from dataclasses import dataclass, field

from podsift.formats import tiers as tier_rules
from podsift.formats.chapters_file import place_chapters
from podsift.formats.cues import (
    WORD_SENTENCE_TURN,
    Cue,
    add_pieces,
    build,
    clean_text,
    end_at_next_start,
    fragmented,
    labelled_pieces,
    merge_turns,
    ms,
    summarise_repeats,
    time_untimed,
)
from podsift.formats.labels import names_column, not_a_name
from podsift.formats.podcast_json import MS_PER_S, diarizer_ids, time_unit, word_by_word
from podsift.formats.tiers import Tier
from podsift.formats.typed_stamps import headed_time, stamps_in_words
from podsift.model import Episode
from podsift.text import (
    TIMECODE,
    agrees,
    as_time,
    counted,
    date_in,
    link_seconds,
    parse_timestamp,
    prepare_text,
    split_directions,
    squash,
    unescape_entities,
)

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab", ".csv")

_SAMPLE_CHARS = 16_384
_SAMPLE_LINES = 60
_HEADER_LOOKAHEAD = 5  # a title line or two may come before a spreadsheet's header
_HEADER_CELL_CHARS = 80  # header cells are names, not sentences
_CONSISTENT = 0.8  # share of rows with the header's number of cells that makes a table

_START = re.compile(r"^(?:start|begin|(?:time|timestamp|timecode|tc|offset|from)\b)")
_END = re.compile(r"^(?:end|stop|finish|(?:until|to)\b)")
# How long each row lasts (youtube-transcript-api's rows saved as "Text,Start Time,Duration"): its end, from its start.
_DURATION = re.compile(r"^(?:duration|dur|length)\b")
# A script's "Role" column names who speaks each line; "角色" and "说话人" in Chinese.
_SPEAKER = re.compile(r"^(?:speaker|name|who|voice|participant|person|role)\b|^character(?: name)?$|^(?:角色|说话人|說話人)$")
_TEXT = re.compile(r"text|transcri|utterance|caption|subtitle|sentence|speech|content|dialog|\bwords?\b|\bline\b"
                   r"|句子|原文|文本|字幕")
# A column of the words translated ("中文译文" beside "英文句子", "Translation"): not what was said.
_TRANSLATION = re.compile(r"translat|traduc|übersetz|译文|譯文|翻译|翻譯")
# NeMo's word for an utterance (Parakeet's CSV: "Start (s),End (s),Segment"): the words where no column
# names them otherwise, since elsewhere a "segment" column may number the rows.
_SEGMENT = re.compile(r"segments?")
_CORRECTED = re.compile(r"correct|edit|clean|fix|final|revis|proofread")
_MS_NAME = re.compile(r"(?i:(?:\b|_)ms\b|millis|msec)|(?<=[a-z])Ms\b")  # "(ms", "start_ms", "startMs"
_S_NAME = re.compile(r"\b(?:s|secs?|seconds?)\b", re.IGNORECASE)
_WHISPER_HEADER = ["start", "end", "text"]
# A speech dataset's manifest names each clip's audio file beside its words ("file path,transcript",
# Common Voice's "path ... sentence", DeepSpeech's "wav_filename,...,transcript"): untimed clips.
_CLIP = re.compile(r"^(?:(?:audio|wav|clip|sound|media) ?)?(?:file ?)?(?:path|name|filename|file)$"
                   r"|^(?:audio|wav|clip)(?: file)?$")


@dataclass
class _Table:
    """Where a table's header is and which columns hold what, preferred column first."""

    header_line: int  # index of the header line, -1 when there is none
    names: list[str]
    starts: list[int]
    ends: list[int]
    texts: list[int]
    speaker: int | None = None
    whisper: bool = False  # whisper's own header: whole numbers are milliseconds
    translations: list[int] = field(default_factory=list)  # the words translated, beside the spoken ones
    clip: int | None = None  # a speech dataset's column naming each row's audio file
    durations: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.names)


@dataclass
class _Row:
    line: int  # 1-based line in the file, for the repair report
    starts: list[tuple[int, float, bool]] = field(default_factory=list)  # (column, value, clock) per readable cell
    ends: list[tuple[int, float, bool]] = field(default_factory=list)
    durations: list[tuple[int, float, bool]] = field(default_factory=list)
    speaker: str | None = None
    text: str = ""
    heading: str | None = None  # the section a time cell names ("[00:15:31] GLÜCK AND HER IPAD")


def _cells(line: str) -> list[str]:
    return [_unquote(c) for c in line.split("\t")]


def _unquote(cell: str) -> str:
    """A spreadsheet's quoted cell (``"Ana said ""hi"" twice"``) as its text; anything else as it is.

    Quotes are not parsed as CSV would: a quote opening someone's words would swallow
    the rest of the file.
    """
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and '"' not in cell[1:-1].replace('""', ""):
        return cell[1:-1].replace('""', '"')
    return cell


def _normal(name: str) -> str:
    return re.sub(r"[_\-\s]+", " ", name).strip().lower()


def _unit_named(name: str) -> int | None:
    """The unit a column's name gives: 1000 for milliseconds, 1 for seconds, None if it says nothing."""
    if _MS_NAME.search(name):
        return MS_PER_S
    return 1 if _S_NAME.search(_normal(name)) else None


def _finest_first(columns: list[int], names: list[str]) -> list[int]:
    # Milliseconds before seconds: whole seconds lose the moment a quote starts.
    return sorted(columns, key=lambda c: _unit_named(names[c]) != MS_PER_S)


def _header(cells: list[str]) -> _Table | None:
    """The table a header row describes, if it names a start and a text column."""
    if len(cells) < 2 or any(len(c) > _HEADER_CELL_CHARS for c in cells):
        return None
    starts: list[int] = []
    ends: list[int] = []
    texts: list[int] = []
    speakers: list[int] = []
    translations: list[int] = []
    clips: list[int] = []
    segments: list[int] = []
    durations: list[int] = []
    for k, cell in enumerate(cells):
        name = _normal(cell)
        if _CLIP.match(name) and name != "name":
            clips.append(k)
        elif _START.match(name):
            starts.append(k)
        elif _END.match(name):
            ends.append(k)
        elif _DURATION.match(name):
            durations.append(k)
        elif _SPEAKER.match(name):
            speakers.append(k)
        elif _TRANSLATION.search(name):
            translations.append(k)
        elif _TEXT.search(name):
            texts.append(k)
        elif _SEGMENT.fullmatch(name):
            segments.append(k)
    if not texts:
        texts, translations = translations, []  # the only words there are, whatever language they were put into
    texts = texts or segments
    if not texts or not (starts or speakers or clips):
        return None  # an untimed table must say who speaks ("speaker,words", Oral History as Data's) or be clips
    return _Table(
        -1,
        cells,
        _finest_first(starts, cells),
        _finest_first(ends, cells),
        sorted(texts, key=lambda c: not _CORRECTED.search(_normal(cells[c]))),
        speakers[0] if speakers else None,
        [_normal(c) for c in cells] == _WHISPER_HEADER,
        translations,
        clips[0] if clips and not (starts or speakers) else None,
        _finest_first(durations, cells),
    )


def _headerless(lines: list[str]) -> _Table | None:
    """Columns of a table without a header, told by what they hold: times first (a start, then
    an end if the second column holds times too), the wordiest other column as text, and a
    column of short recurring names as the speaker. Other columns of numbers (a duration, a
    confidence) are neither. The names may come before the times ("Host<TAB>0:10<TAB>Hi…")."""
    rows = [_cells(line) for line in lines if line.strip()]
    width = max((len(r) for r in rows), default=0)
    if width < 2 or sum(len(r) == width for r in rows) < _CONSISTENT * len(rows):
        return None

    def timed(k: int) -> bool:
        return sum(_read_time(r[k])[0] is not None for r in rows if len(r) > k) >= _CONSISTENT * len(rows)

    def cells(k: int) -> list[str]:
        return [r[k].strip() for r in rows if len(r) > k]

    ranged = sum(bool(_RANGE_CELL.match(r[0])) for r in rows) >= _CONSISTENT * len(rows)  # "00:00-00:04"
    named_first = not (ranged or timed(0)) and width > 2 and timed(1) and names_column(cells(0))
    if not (ranged or timed(0) or named_first):
        return None
    if width == 2 and _counted(rows) and sum(len(r[1].split()) for r in rows) > _FASTEST_WORDS * len(rows):
        # "0<TAB>All right…", "1<TAB>We will…": the rows' numbers, not seconds (the words would come faster
        # than anyone speaks); the text alone is read, untimed.
        return _Table(-1, ["row", "column 2"], [], [], [1])
    start = 1 if named_first else 0
    ends = [start + 1] if width > start + 2 and not ranged and timed(start + 1) else []
    others = [k for k in range(start + 1, width) if k not in ends and not timed(k)]
    if not others:
        return None if named_first else _Table(-1, [f"column {k + 1}" for k in range(width)], [0], ends, [width - 1])

    # The last of the wordiest, as before for a table whose text is its last column.
    text = max(reversed(others), key=lambda k: sum(len(c.split()) for c in cells(k)))
    speaker = 0 if named_first else next((k for k in others if k != text and names_column(cells(k))), None)
    return _Table(-1, [f"column {k + 1}" for k in range(width)], [start], ends, [text], speaker)


def _worded(lines: list[str]) -> bool:
    """Whether ``lines`` are a table with no header whose text column holds words (not only numbers)."""
    table = _headerless(lines)
    if table is None:
        return False
    cells = [_cells(line) for line in lines if line.strip()]
    return 2 * sum(any(c.isalpha() for c in row[table.texts[0]]) for row in cells if len(row) > table.texts[0]) >= len(cells)


def _counted(rows: list[list[str]]) -> bool:
    """Whether the first column numbers the rows (0, 1, 2… or 1, 2, 3…), at least a handful of them."""
    numbers = [r[0].strip() for r in rows]
    if len(numbers) < _COUNTED_ROWS or not all(n.isdigit() for n in numbers):
        return False
    first = int(numbers[0])
    return first in (0, 1) and [int(n) for n in numbers] == list(range(first, first + len(numbers)))


_COUNTED_ROWS = 5
# Words a second no one speaks faster than: rows a second apart holding more are no seconds apart.
_FASTEST_WORDS = 5


# A start cell holding a time range, "00:00-00:04" or "0.0 --> 4.3": the row's start and end.
_RANGE_CELL = re.compile(r"^\s*(\d[\d:.,]*)\s*(?:-->|->|[-–—])\s*(\d[\d:.,]*)\s*$")


def _find_table(lines: list[str]) -> _Table | None:
    """The table in ``lines``: a header row near the top, else a headerless table of times."""
    for k, line in enumerate(lines[:_HEADER_LOOKAHEAD]):
        if "\t" in line and (table := _header(_cells(line))) is not None:
            table.header_line = k
            return table
    return _headerless(lines)


def _sample(text: str) -> list[str]:
    head = text[:_SAMPLE_CHARS].lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if len(text) > _SAMPLE_CHARS:
        head = head[:-1]  # cut mid-line
    return head[:_SAMPLE_LINES]


def _csv_header(line: str) -> str | None:
    """The separator of a header row of column names ("Speaker Name,Start Time,End Time,Text"; a European
    spreadsheet's "Speaker; Time Stamp; Utterance"), not prose with commas; None for any other line."""
    for separator in (",", ";"):
        cells = next(csv.reader([line], delimiter=separator), []) if separator in line else []
        if cells and all(len(c.split()) <= 3 for c in cells) and _header([c.strip() for c in cells]) is not None:
            return separator
    return None


# A line of R's write.table: quoted cells (quotes inside escaped), or numbers and NA, one space apart.
_R_QUOTED = r'"(?:[^"\\\n]|\\.|"")*"'  # quotes inside escaped, or doubled (qmethod="double")
_R_CELL = rf'(?:{_R_QUOTED}|NA|-?\d+(?:\.\d+)?)'
_DOUBLED_QUOTE = re.compile(r'(?<=[^ \n"])""|""(?=[^ \n"])')  # inside a cell ("said ""run"" and"), not an empty one
_R_LINE = re.compile(rf'^{_R_QUOTED}(?: {_R_CELL})+[ \t]*$')


def _r_table(text: str) -> str | None:
    """R's ``write.table`` with its defaults (the Star Wars dialogue files text-mining courses
    share: ``"character" "dialogue"`` over ``"1" "THREEPIO" "Did you hear that?"``) as
    tab-separated lines, the row names R writes first, with no header cell, left out."""
    lines = [line for line in _sample(text) if line.strip()]
    if len(lines) < 3 or sum(bool(_R_LINE.match(line)) for line in lines) < _CONSISTENT * len(lines):
        return None
    # Line by line: a sniffed sample's last line may be cut inside its quotes. R escapes quotes with a
    # backslash by default, or doubles them (qmethod="double").
    doubled = bool(_DOUBLED_QUOTE.search(text)) and '\\"' not in text
    try:
        rows = [next(csv.reader([line], delimiter=" ", escapechar=None if doubled else "\\", doublequote=doubled))
                for line in text.lstrip("\ufeff").split("\n") if line.strip()]  # fmt: skip
    except csv.Error:  # a cell past the csv module's limit (131,072 characters)
        return None
    header = rows[0]
    if _header(header) is None:
        return None
    named = sum(len(row) == len(header) + 1 for row in rows[1:]) >= _CONSISTENT * (len(rows) - 1)
    body = [row[1:] if named and len(row) == len(header) + 1 else row for row in rows[1:]]
    return "\n".join("\t".join(" ".join(cell.split()) for cell in row) for row in [header, *body])


# A Markdown table's row and the rule under its header: "| 00:05 | Bo | Thanks |", "|---|:---:|".
_PIPE_ROW = re.compile(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?(?::?-{3,}:?[ \t]*\|[ \t]*)+(?::?-{3,}:?[ \t]*)?$")


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table's row, else None."""
    m = _PIPE_ROW.match(line)
    return [cell.strip() for cell in m.group("cells").split("|")] if m else None


def _bare_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table's row written without its outer bars ("0:00 | Host | Welcome"), as
    Markdown allows under a header so written; else None."""
    if "|" not in line:
        return None
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [cell.strip() for cell in inner.split("|")]


def pipe_rule(line: str) -> bool:
    """Whether ``line`` is the rule under a Markdown table's header ("|---|:---:|")."""
    return bool(_PIPE_RULE.match(line))


# A Markdown table's words column by its whole name: a page's tables "Context", "Contents" or
# "Notes" are no transcript's.
_WORDS_COLUMN = re.compile(r"^(?:text|transcript|transcription|words?|utterance|caption|dialog(?:ue)?|speech|line|said|sentences?"
                           r"|(?:英文|中文|日文)?(?:句子|原文|文本|字幕))$")


def transcript_header(cells: list[str]) -> bool:
    """Whether a Markdown table's header names a transcript's columns: its words, and a time or a speaker."""
    table = _header(cells)
    return table is not None and any(_WORDS_COLUMN.match(_normal(cells[k])) for k in table.texts)


_PIPE_ROWS = 3  # so many rows between bars, and no header, make a table


def _markdown_table(text: str) -> str | None:
    """A transcript set as a Markdown table ("| Time | Speaker | Text |" over "|---|---|---|") as
    tab-separated lines, the rule left out and the lines above it kept; None otherwise."""
    lines = text.lstrip("\ufeff").split("\n")
    head = lines[:_HEADER_LOOKAHEAD + 1]
    at = next((k for k in range(len(head) - 1) if (cells := _bare_cells(head[k])) and transcript_header(cells)
               and _PIPE_RULE.match(head[k + 1])), None)  # fmt: skip
    # A header without outer bars ("Time | Speaker | Text" over "---|---|---") heads rows written so too
    cells_of = _bare_cells if at is not None and pipe_cells(head[at]) is None else pipe_cells
    if at is None:
        # No header: rows alone ("| 0:00 | Host | Welcome… |"), each a row's cells, its columns then
        # told by what they hold as a headerless table's are. A header naming no transcript's columns
        # (a glossary's "| Name | Context |" over its rule) heads no transcript.
        rows = [line for line in lines if line.strip()]
        if len(rows) < _PIPE_ROWS or any(_PIPE_RULE.match(line) for line in rows) \
                or sum(pipe_cells(line) is not None for line in rows) < _CONSISTENT * len(rows):  # fmt: skip
            return None
        at = 0
    out = lines[:at]
    for line in lines[at:]:
        if _PIPE_RULE.match(line):
            continue
        cells = cells_of(line)
        out.append("\t".join(" ".join(cell.split()) for cell in cells) if cells is not None else line)
    return "\n".join(out)


# What each way of separating cells is called in the report when it is read as tab-separated.
_SEPARATED = {
    "r_table": "R's write.table (quoted cells one space apart, row numbers first): its cells read as such",
    "markdown_table": "a Markdown table: its rows read as a table's, the rule under its header (if any) left out",
    "comma_separated": "a comma- or semicolon-separated table: its cells read as CSV",
}


def as_tab_separated(text: str) -> str | None:
    """A comma- (or semicolon-, or R's space-) separated table, or a Markdown one, with a header (start,
    text, ...) or a comma-separated one whose columns tell times, as tab-separated lines; None otherwise."""
    found = _tab_separated(text)
    return found[0] if found else None


def _tab_separated(text: str) -> tuple[str, str] | None:
    """``as_tab_separated`` and which kind of table it was (a key of ``_SEPARATED``)."""
    if (r_table := _r_table(text)) is not None:
        return r_table, "r_table"
    if "|" in text[:_SAMPLE_CHARS] and (piped := _markdown_table(text)) is not None:
        return piped, "markdown_table"
    head = text.lstrip("\ufeff")[:_SAMPLE_CHARS].split("\n")[:_HEADER_LOOKAHEAD]
    separator = next((found for line in head if (found := _csv_header(line))), None)
    if any("\t" in line for line in head):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=separator or ",", skipinitialspace=True))
    except csv.Error:
        return None
    lines = ["\t".join(" ".join(cell.split()) for cell in row) for row in rows]
    if separator is None and not _worded(lines[:_SAMPLE_LINES]):
        return None  # no header, and no column of times beside words: prose with commas, or numbers, not a table
    return "\n".join(lines), "comma_separated"


# A one-column "table": a lone column name for the words, then the separator(s) of empty columns
# ("Text," over rows that each end in ","), as a script writes f"{line}," without quoting.
_ONE_COLUMN_HEADER = re.compile(r'^\ufeff?[ \t]*"?(?P<name>[^\t,;"]{1,40}?)"?[ \t]*(?P<empty>[,;]+)[ \t]*$')
_ONE_COLUMN_ROWS = 2


def _one_column(lines: list[str]) -> tuple[str, list[str]] | None:
    """(the column's name, each row's words) of a one-column table whose every row ends in the header's
    empty columns; None for anything else. The words keep their own commas: nothing quoted them."""
    header = _ONE_COLUMN_HEADER.match(lines[0]) if lines else None
    if header is None or not _TEXT.search(name := _normal(header["name"])) or _TRANSLATION.search(name):
        return None
    empty = header["empty"]
    rows = [line.rstrip() for line in lines[1:] if line.strip()]
    if len(rows) < _ONE_COLUMN_ROWS or not all(row.endswith(empty) for row in rows):
        return None
    return header["name"].strip(), [_unquote(row[:-len(empty)].strip()) for row in rows]


# A one-column CSV with no header, as pandas' or the csv module's writer leaves a list of paragraphs:
# only a row with a comma (or a quote) in its words is quoted, ``"Bueno, buenas…"``, a row without
# one as it is. At least this many rows, and most of them quoted, tell it from quotations typed.
_QUOTED_ROWS = 5


def _quoted_rows(lines: list[str], every: bool = False) -> list[str] | None:
    """Each row's words, where ``lines`` are such a column; None for anything else. With ``every``,
    also a column whose every row is quoted (``QUOTE_ALL``), which only a table's name tells from
    quotations typed one a line."""
    rows = [line.strip() for line in lines if line.strip()]
    quoted = [row for row in rows if row[:1] == '"']
    if len(rows) < _QUOTED_ROWS or 2 * len(quoted) <= len(rows):
        return None
    cells = [_unquote(row) for row in rows]
    if every and all(cell != row for cell, row in zip(cells, rows)):
        return cells
    for cell, row in zip(cells, rows):
        if cell == row and ('"' in row or "," in row):
            return None  # a comma the writer would have quoted, or a stray quote: no such column
        if cell != row and "," not in cell and '"' not in cell:
            return None  # nothing in it to quote: quotation marks typed around words
    return cells


# Below plain text's claim, so that only a table's name (".csv") makes every line quoted a column.
_ALL_QUOTED = 0.06


def sniff(text: str) -> float:
    sample = _sample(text)
    if _one_column(sample) is not None or _quoted_rows(sample) is not None:
        return 0.95
    if _quoted_rows(sample, every=True) is not None:
        return _ALL_QUOTED
    text = as_tab_separated(text[:_SAMPLE_CHARS]) or text
    lines = _sample(text)
    if _tier_table(lines) is not None:
        return 0.95
    if not any("\t" in line for line in lines[:_HEADER_LOOKAHEAD]):
        return 0.0
    table = _find_table(lines)
    if table is None:
        return 0.0
    rows = [line for line in lines[table.header_line + 1:] if line.strip()]
    if not rows:
        return 0.0
    consistent = sum(line.count("\t") + 1 == table.width for line in rows) >= _CONSISTENT * len(rows)
    if table.header_line < 0:
        # No header to go by: beat plain text, but any format that knows these lines wins,
        # unless a column of names says it is a transcript table ("0.0<TAB>4.3<TAB>Jane<TAB>...").
        return (0.9 if table.speaker is not None else 0.3) if consistent else 0.0
    return 0.95 if consistent else 0.0


# ---------------------------------------------------------------------------
# Rows.


# A clock in brackets, alone: "(40:00)" typed into the words.
_STAMP_WORDS = re.compile(r"^\s*[(\[]\s*(\d{1,2}(?::\d{2}){1,2})\s*[)\]]\s*$")
# A time in square brackets, the whole cell.
_BRACKETED_TIME = re.compile(r"^\[\s*(\d[\d:.,]*)\s*\]$")


def _read_time(cell: str) -> tuple[float | None, bool]:
    """(the cell's time in its column's unit, whether it was a clock time); None if it is none."""
    cell = cell.strip()
    try:
        value = float(cell)
    except ValueError:
        if frames := TIMECODE.match(cell):
            return parse_timestamp(frames.group(1)), True  # to the second: the frame rate is not given
        return parse_timestamp(cell), True
    return (value if math.isfinite(value) and value >= 0 else None), False


def _times(cells: list[str], columns: list[int], names: list[str], what: str, line: int,
           episode: Episode) -> list[tuple[int, float, bool]]:
    """The readable times among a row's ``columns``, preferred first; an unreadable cell is reported."""
    found: list[tuple[int, float, bool]] = []
    bad: tuple[int, str] | None = None
    for k in columns:
        cell = cells[k].strip() if k < len(cells) else ""
        if not cell:
            continue
        cell = _BRACKETED_TIME.sub(r"\1", cell)  # "[00:04:40]", as a transcriber types a stamp
        value, clock = _read_time(cell)
        if value is None:
            bad = bad or (k, cell)
        else:
            found.append((k, value, clock))
    if bad is not None:
        fallback = f"read {names[found[0][0]]!r} instead" if found else "left empty"
        episode.repair("bad_timestamp", f"unreadable {what} {bad[1][:40]!r} in {names[bad[0]]!r}; {fallback}",
                       f"row {line}")
    return found


def _text(cells: list[str], table: _Table) -> str:
    """The preferred text column where filled, else the next; cells past the header's width are text too."""
    text = next((cells[k] for k in table.texts if k < len(cells) and cells[k].strip()), "")
    overflow = [c for c in cells[table.width:] if c.strip()]
    return " ".join([text, *overflow]) if overflow else text


def _rows(lines: list[str], table: _Table, episode: Episode) -> list[_Row]:
    rows: list[_Row] = []
    speaker: str | None = None
    overflowing = stamps = 0
    typed = _Typed()
    stamped: list[tuple[int, float, bool]] = []  # a stamp row's time, for the row after it
    for k in range(table.header_line + 1, len(lines)):
        if not lines[k].strip():
            continue
        cells = _cells(lines[k])
        overflowing += len(cells) > table.width
        said = cells[table.speaker].strip() if table.speaker is not None and table.speaker < len(cells) else ""
        if said and _page_row(said, _text(cells, table), typed):
            continue
        if said:
            speaker = clean_text(said)  # a blank speaker cell carries on the last one
        row = _Row(k + 1, speaker=speaker, text=_text(cells, table))
        if not table.starts:
            # A table of turns with no time column: each row a turn, timed by a link to its moment in the
            # recording where one of its cells has one ("[00:06](https://youtube.com/watch?v=…&t=00m06s)"),
            # else left untimed (ingest estimates).
            if (moment := _linked_moment(cells, table)) is not None:
                row.starts = [moment]
                typed.linked += 1
            rows.append(row)
            continue
        column = table.starts[0]
        if column < len(cells) and (span := _RANGE_CELL.match(cells[column])):
            # A "time" column holding ranges ("00:00-00:04"): its start, and its end where no column gives one.
            cells[column] = span.group(1)
            if not table.ends:
                row.ends = _times([span.group(2)], [0], [table.names[column]], "end", k + 1, episode)
        if column < len(cells) and (headed := headed_time(cells[column])):
            cells[column], row.heading = headed
            typed.headings += 1
        row.starts = _times(cells, table.starts, table.names, "start", k + 1, episode)
        row.ends = row.ends or _times(cells, table.ends, table.names, "end", k + 1, episode)
        if not row.ends:
            row.durations = _times(cells, table.durations, table.names, "duration", k + 1, episode)
        if stamp := _STAMP_WORDS.match(row.text):
            # "(40:00)" as the row's words: the transcriber's stamp (the time column's, where it has one),
            # where the next row's words start.
            stamps += 1
            stamped = row.starts or _times([""] * column + [stamp.group(1)], [column], table.names, "start",
                                           k + 1, episode)  # fmt: skip
            continue
        row.starts, stamped = row.starts or stamped, []
        row.text, clocks = stamps_in_words(row.text)
        typed.in_words += len(clocks)
        if clocks and not row.starts:
            # "Charles Bernstein (17:50)." in a row with no time of its own: about when it was said.
            row.starts = _times([""] * column + [clocks[0]], [column], table.names, "start", k + 1, episode)
            typed.timing += bool(row.starts)
        rows.append(row)
    if stamps:
        episode.repair("stamp_rows", f"{counted(stamps, 'row')} whose words are only a time ('(40:00)') read as the time "
                                     "the next row starts, not speech")  # fmt: skip
    typed.report(episode)
    if overflowing:
        episode.repair("extra_cells", f"{counted(overflowing, 'row')} had more cells than the header; "
                                      "the extra cells were read as text")  # fmt: skip
    return rows


_LINK_URL = re.compile(r"\]\((https?://[^()\s]+)\)")


def _linked_moment(cells: list[str], table: _Table) -> tuple[int, float, bool] | None:
    """(column, seconds, True) for the first link to a moment of a recording in a row's other cells."""
    for k, cell in enumerate(cells):
        if k in table.texts or k == table.speaker:
            continue
        for url in _LINK_URL.findall(cell):
            if (seconds := link_seconds(url)) is not None:
                return k, seconds, True
    return None


@dataclass
class _Typed:
    """What a transcriber typed into an oral-history table's rows besides the words, for the report."""

    headings: int = 0  # time cells naming a section
    linked: int = 0  # rows timed by a cell's link to their moment
    in_words: int = 0  # stamps in the words
    timing: int = 0  # ... that timed a row with no time of its own
    page: list[str] = field(default_factory=list)  # rows of the web page's text ("MORE INFO:")

    def report(self, episode: Episode) -> None:
        if self.linked:
            episode.repair("linked_times", f"{counted(self.linked, 'row')} timed by the moment a link in them plays (t=)")
        if self.headings:
            episode.repair("time_headings", f"{counted(self.headings, 'time cell')} {agrees(self.headings, 'names', 'name')} the section starting there ('[00:15:31] "
                                            "GLÜCK AND HER IPAD'): the time read, the rest a chapter")  # fmt: skip
        if self.in_words:
            timing = f"; {self.timing} of them time a row that had no time of its own" if self.timing else ""
            episode.repair("stamps_in_words", f"{counted(self.in_words, 'time stamp')} typed into the words ('(17:50)', "
                                              f"'[inaudible 01:11:26]') taken out of them{timing}")  # fmt: skip
        if self.page:
            episode.extra["page_text"] = "\n".join(self.page)
            episode.repair("page_text", f"{counted(len(self.page), 'row')} of a link under a label that names no one "
                                        f"({self.page[0][:40]!r}) {agrees(len(self.page), 'is', 'are')} the web page's text, not speech: kept in "
                                        "extra['page_text']")  # fmt: skip


# A link in a row's words: "<a target='_blank' href='https://…'>…</a>".
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _page_row(label: str, text: str, typed: _Typed) -> bool:
    """Whether a row is the web page's text rather than anyone's words: a link (``<a href>``, written for
    the page the table was made for) under a label that names no one ("MORE INFO:", "See also:")."""
    label = clean_text(label).rstrip(" :")
    hrefs = _HREF.findall(text)
    if not hrefs or not not_a_name(label):
        return False
    words = squash(unescape_entities(re.sub(r"<[^<>]*>", " ", text)))
    links = [url for url in hrefs if url not in words]
    typed.page.append(" ".join([f"{label}:", words, *links]))
    return True


# ---------------------------------------------------------------------------
# Units and cues.


def _units(rows: list[_Row], table: _Table) -> dict[int, int]:
    """How many of each time column's units make a second: its name's, else one guess for the file."""
    columns = table.starts + table.ends + table.durations
    named = {k: unit for k in columns if (unit := _unit_named(table.names[k])) is not None}
    plain = [(_plain(r.starts, named), _plain(r.ends, named), r.text) for r in rows]
    values = [t for start, end, _ in plain for t in (start, end) if t is not None]
    whisper_ms = table.whisper and bool(values) and all(t == int(t) for t in values)
    clock = any(clock for r in rows for _, _, clock in (*r.starts, *r.ends))
    guess = time_unit(plain, MS_PER_S if whisper_ms else None, clock)
    return {k: named.get(k, guess) for k in columns}


def _plain(times: list[tuple[int, float, bool]], named: dict[int, int]) -> float | None:
    """The row's preferred time if its unit is still to be guessed (a bare number in an unnamed column)."""
    if not times or times[0][0] in named or times[0][2]:
        return None
    return times[0][1]


def _seconds(times: list[tuple[int, float, bool]], units: dict[int, int], what: str, row: _Row,
             episode: Episode) -> float | None:
    """The preferred readable time in seconds; one past a week is no time."""
    if not times:
        return None
    k, value, clock = times[0]
    seconds = as_time(value if clock else value / units[k])
    if seconds is None:
        episode.repair("bad_timestamp", f"{what} {value:g} is past a week; left empty", f"row {row.line}")
    return ms(seconds)


# An interview whose first stamp comes this early started at 0:00: the rows before it are its opening.
_LEAD_IN = 5 * 60.0


def _cues(rows: list[_Row], units: dict[int, int],
          episode: Episode) -> tuple[list[Cue], dict[int, str | None], list[tuple[float, str]]]:  # fmt: skip
    """The rows as cues, the speaker each names, and the sections their time cells name, at their times."""
    cues: list[Cue] = []
    speakers: dict[int, str | None] = {}
    headings: list[tuple[float, str]] = []
    untimed = 0
    # A diarizer's bare ids ("0", "1", "A") in the speaker column read as "Speaker 0", as in JSON.
    # "DB:" in a speaker column (an oral-history CSV copies the transcript's labels): the colon is no name's.
    named = diarizer_ids([row.speaker.rstrip(" :") if row.speaker else row.speaker for row in rows], episode)
    for row, speaker in zip(rows, named):
        start = _seconds(row.starts, units, "start", row, episode)
        end = _seconds(row.ends, units, "end", row, episode)
        if end is None and start is not None and (lasts := _seconds(row.durations, units, "duration", row, episode)):
            end = ms(start + lasts)
        untimed += start is None
        if row.heading and start is not None:
            headings.append((start, row.heading))
        cue = Cue(row.line, start, end, row.text, label="row")
        speakers[id(cue)] = speaker
        cues.append(cue)
    if untimed == len(cues):
        episode.repair("missing_time", f"{counted(untimed, 'row')} {agrees(untimed, 'has', 'have')} no start; left untimed")
    elif untimed:
        # An interview stamped every few minutes: the rows between share the time by their words.
        time_untimed(cues, untimed, "row", episode, lead_in=_LEAD_IN)
    return cues, speakers, headings


# A scraped show's table repeats the episode's facts on every row ("episode_title", "episode_date") and
# names the part of the show each row is in ("act_name"): This American Life's transcripts as shared.
_TITLE_COLUMN = re.compile(r"^(?:episode|show|podcast) title$")  # a bare "title" may be a speaker's
_DATE_COLUMN = re.compile(r"^(?:episode |air |publish |published |pub |release |recording )?date$")
_NUMBER_COLUMN = re.compile(r"^episode (?:number|no|num|nr)$|^episode$")
_LINK_COLUMN = re.compile(r"^(?:episode )?(?:link|url)$")
_SECTION_COLUMN = re.compile(r"^(?:act|section|chapter|segment|part)(?: (?:name|title))?$")
_EPISODE_NUMBER = re.compile(r"[0-9]{1,6}")
_DOTTED_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _day(value: str) -> str | None:
    """A date as written in a table: whatever ``date_in`` reads, or day and month in either order
    where the order is plain ("01.31.1996": the 31st is no month)."""
    if day := date_in(value):
        return day
    m = _DOTTED_DAY.match(value.strip())
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    month, day_of = (a, b) if b > 12 >= a else (b, a) if a > 12 >= b else (0, 0)
    try:
        return datetime.date(year, month, day_of).isoformat()
    except ValueError:  # "31.02.2024", or an order the numbers do not tell
        return None


def _other_columns(table: _Table) -> list[int]:
    used = {*table.starts, *table.ends, *table.durations, *table.texts, table.speaker}
    return [k for k in range(table.width) if k not in used]


def _episode_columns(lines: list[str], table: _Table, episode: Episode) -> None:
    """The episode's title, date, number and page from columns that hold one value on every row."""
    if table.header_line < 0:
        return
    rows = [_cells(line) for line in lines[table.header_line + 1 :] if line.strip()]
    found = []
    for k in _other_columns(table):
        values = {r[k].strip() for r in rows if k < len(r) and r[k].strip()}
        if len(rows) < 2 or len(values) != 1:
            continue
        value, key = values.pop(), _normal(table.names[k])
        if _TITLE_COLUMN.match(key) and not episode.title:
            episode.title = value
        elif _DATE_COLUMN.match(key) and not episode.date and (day := _day(value)):
            episode.date = day
        elif _NUMBER_COLUMN.match(key) and _EPISODE_NUMBER.fullmatch(value) and episode.episode_number is None:
            episode.episode_number = int(value)
        elif _LINK_COLUMN.match(key) and value.startswith(("http://", "https://")) and not episode.page_url:
            episode.page_url = value
        else:
            continue
        found.append(table.names[k])
    if found:
        episode.repair("episode_columns", f"{agrees(len(found), 'column', 'columns')} {', '.join(repr(n) for n in found)} {agrees(len(found), 'holds', 'hold')} one value on every "
                                          "row: the episode's, not speech")  # fmt: skip


def _translations(lines: list[str], table: _Table, episode: Episode) -> None:
    """Keep the translation columns' words in extra["translations"], by column: a reader's aid, not speech."""
    if not table.translations:
        return
    rows = [_cells(line) for line in lines[table.header_line + 1:] if line.strip()]
    kept = {table.names[k]: " ".join(r[k].strip() for r in rows if k < len(r) and r[k].strip()) for k in table.translations}
    episode.extra["translations"] = kept
    episode.repair("translation_columns", f"{agrees(len(kept), 'column', 'columns')} {', '.join(repr(name) for name in kept)} {agrees(len(kept), 'translates', 'translate')} the words: "
                                          "kept in extra['translations'], not read as speech")  # fmt: skip


def _sections(lines: list[str], table: _Table, rows: list[_Row], episode: Episode) -> list[_Row]:
    """Rows opening a new value of a section column ("act_name": "Prologue.", "Act One.") head a chapter."""
    if table.header_line < 0:
        return rows
    column = next((k for k in _other_columns(table) if _SECTION_COLUMN.match(_normal(table.names[k]))), None)
    if column is None:
        return rows
    values = [cells[column].strip() if column < len(cells := _cells(lines[row.line - 1])) else "" for row in rows]
    named = [v for v in values if v]
    # Sections are few and named: not a row index ("segment": 0, 1, 2, …)
    if not named or len(set(named)) > max(2, len(named) // 2) or all(v.isdigit() for v in named):
        return rows
    last = None
    for row, value in zip(rows, values):
        name = value.rstrip(".")
        if name and name != last:
            row.heading = row.heading or name
        last = name or last
    return rows


def _named_turns(cues: list[Cue], speakers: dict[int, str | None], episode: Episode) -> None:
    """Rows with a speaker column: the column names the speaker, not a ``Name:`` in the text."""
    _decode(cues, episode)
    pieces, empty = labelled_pieces(cues, speakers, episode)
    if empty:
        episode.repair("empty_row", f"{counted(len(empty), 'row')} with no text {agrees(len(empty), 'was', 'were')} dropped")
    add_pieces(episode, merge_turns(pieces) if fragmented(pieces) else pieces)


def _decode(cues: list[Cue], episode: Episode) -> None:
    """Rows' text without HTML: a table exported from a web page keeps "&#8212;" and "<em>Crush</em>".
    (Rows read as captions are cleaned so already.)"""
    entities = tags = 0
    for cue in cues:
        decoded = squash(unescape_entities(cue.payload))
        cleaned = clean_text(cue.payload)
        entities += decoded != squash(cue.payload)
        tags += cleaned != decoded
        cue.payload = cleaned
    if entities:
        episode.repair("html_entities", f"HTML character references such as &#39; decoded in {counted(entities, 'row')}")
    if tags:
        episode.repair("html_tags", f"inline HTML tags such as <em> taken out of {counted(tags, 'row')}, their words kept")


def _describe(table: _Table, units: dict[int, int]) -> str:
    def column(k: int) -> str:
        unit = f" ({'milliseconds' if units[k] == MS_PER_S else 'seconds'})" if k in units else ""
        return f"{table.names[k]!r}{unit}"

    texts = " where filled, else ".join(column(k) for k in table.texts)
    parts = [f"start from {column(table.starts[0])}" if table.starts else "no time column (each row a turn)"]
    if table.clip is not None:
        parts[0] = (f"a speech dataset's clips, untimed (one a row); the audio file each names, in "
                    f"{column(table.clip)}, left out")
    if table.ends:
        parts.append(f"end from {column(table.ends[0])}")
    elif table.durations:
        parts.append(f"end from the start plus {column(table.durations[0])}")
    parts.append(f"text from {texts}")
    if table.speaker is not None:
        parts.append(f"speaker from {column(table.speaker)}")
    return "read " + ", ".join(parts)


def _preamble(lines: list[str], table: _Table, episode: Episode) -> None:
    """Lines above the header (a spreadsheet's title or note) are about the file, not speech."""
    notes = [" ".join(c.strip() for c in _cells(line) if c.strip()) for line in lines[: max(table.header_line, 0)]]
    notes = [n for n in notes if n]
    if notes:
        episode.extra["preamble"] = "\n".join(notes)
        episode.repair("preamble", f"{counted(len(notes), 'line')} above the table's header kept as a note, not speech")


def _opening_notes(rows: list[_Row], table: _Table, episode: Episode) -> list[_Row]:
    """Rows above the first speaker's, in a table that names speakers, whose words are all one bracket
    ("(Conversation about the art around her apartment…)"): an editor's note, not anyone's speech.
    A sound so bracketed ("(Phone rings)") stays a direction."""
    if table.speaker is None:
        return rows
    notes: list[str] = []
    for row in rows:
        text = squash(row.text)
        if row.speaker is not None or row.starts or not _ONE_BRACKET.match(text) or not split_directions(text)[0]:
            break
        notes.append(text)
    if notes:
        episode.extra["preamble"] = "\n".join(filter(None, [episode.extra.get("preamble"), *notes]))
        episode.repair("preamble", f"{counted(len(notes), 'row')} above the first speaker's, in brackets and "
                                   "naming no one, kept as a note, not speech")  # fmt: skip
    return rows[len(notes):]


# Words wholly in one pair of brackets: "(…)" or "[…]", no bracket closing before the end.
_ONE_BRACKET = re.compile(r"^(?:\([^()]*\)|\[[^\[\]]*\])$")


def _without_footer(lines: list[str], table: _Table, episode: Episode) -> list[str]:
    """The lines up to the table's last row: lines with no tab below it ("Transcribed by ...",
    a closing "```") are a note about the file, as lines above the header are, not a row."""
    end = len(lines)
    while end > table.header_line + 1 and "\t" not in lines[end - 1]:
        end -= 1
    notes = [line.strip() for line in lines[end:] if line.strip()]
    if notes and end > table.header_line + 1:
        episode.extra["footer"] = "\n".join(notes)
        episode.repair("footer", f"{counted(len(notes), 'line')} below the table kept as a note, not speech")
        return lines[:end]
    return lines


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    if (separated := _tab_separated(text)) is not None:
        text, kind = separated
        episode.repair(kind, _SEPARATED[kind])
    first_repair = len(episode.repairs)
    lines = text.split("\n")
    if (one_column := _one_column(lines)) is not None:
        from podsift.formats import load  # each row a line of text, as a table in name only is read

        name, words = one_column
        episode.repair("one_column", f"a one-column table ('{name}', each row ending in an empty column): "
                                     "the header and the empty column left out, each row read as a line of text")  # fmt: skip
        load("plain_text").parse("\n".join(words), episode)
        return
    if (quoted := _quoted_rows(lines, every=True)) is not None:
        from podsift.formats import load

        episode.repair("one_column", "a one-column table without a header, its rows quoted as CSV "
                                     "quotes them: each row read as a line of text, without the quotes")  # fmt: skip
        load("plain_text").parse("\n".join(quoted), episode)
        return
    if (tier_table := _tier_table(lines[:_SAMPLE_LINES])) is not None:
        _read_tier_table(lines, tier_table, episode)
        return
    table = _find_table(lines[:_SAMPLE_LINES])
    if table is None:
        from podsift.formats import load  # a table in name only: read it as the text it is

        episode.repair("no_table", "no tab-separated table with times was found; read as plain text")
        load("plain_text").parse(text, episode)
        return
    _preamble(lines, table, episode)
    lines = _without_footer(lines, table, episode)
    _episode_columns(lines, table, episode)
    _translations(lines, table, episode)
    rows = _sections(lines, table, _opening_notes(_rows(lines, table, episode), table, episode), episode)
    units = _units(rows, table)
    episode.repair("table_columns", _describe(table, units))
    cues, speakers, headings = _cues(rows, units, episode)
    if any(s is not None for s in speakers.values()):
        if not table.ends:
            end_at_next_start(cues, episode)  # a turn runs until the next one starts
        _named_turns(cues, speakers, episode)
    elif word_by_word([c.payload for c in cues]):
        _word_rows(cues, episode)
    else:
        build(cues, episode)  # the same words as whisper's .srt, so the same sentences
    episode.chapters.extend(place_chapters(headings, episode))
    if not episode.segments:
        episode.repair("no_segments", "the table has no rows with text")
    summarise_repeats(episode, first_repair)


# A word takes about this long to say: one timed by its start alone ends by then, so a pause shows.
_WORD_SPAN = 1.0


def _word_rows(cues: list[Cue], episode: Episode) -> None:
    """A table of one word a row ("Timestamp,Word") joined into sentences and turns at sentence ends
    and pauses, as word-level JSON is; a word with no end lasts until the next starts, a second at most."""
    upcoming: float | None = None
    for cue in reversed(cues):
        if cue.start is not None:
            if cue.end is None:
                cue.end = cue.start + _WORD_SPAN if upcoming is None else min(max(upcoming, cue.start),
                                                                              cue.start + _WORD_SPAN)
            upcoming = cue.start
    pieces, empty = labelled_pieces(cues, {id(c): None for c in cues}, episode)
    merged = merge_turns(pieces, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)
    episode.repair("word_rows", f"{len(pieces):,} rows of one word each joined into {counted(len(merged), 'segment')} at "
                                "sentence ends and pauses")  # fmt: skip
    add_pieces(episode, merged)


# ---------------------------------------------------------------------------
# ELAN's tab-delimited export: time columns, then a column per tier.

# ELAN names its time columns "what - unit" in the user's language: "Begin Time - hh:mm:ss.ms",
# "End Time - ss.msec", "Duration - msec", "Время начала - чч:мм:сс.мс".
_LABEL_UNIT = re.compile(r"^\S[^\t]{0,40}? - [^\s-]{2,16}$")
_SAME_TIME = 0.0015  # two columns of one time agree to the millisecond


@dataclass
class _TierTable:
    times: list[int]  # the time columns, in the file's order
    tiers: list[int]  # the tier columns
    names: list[str]  # the header row's cells


def _tier_table(lines: list[str]) -> _TierTable | None:
    """ELAN's export, if ``lines`` open with its header: ``label - unit`` cells over columns of times,
    then the tiers' columns."""
    body = [line for line in lines[1:] if line.strip()]
    if not lines or "\t" not in lines[0] or not body:
        return None
    names = _cells(lines[0].lstrip("\ufeff"))
    while names and not names[-1].strip():
        names.pop()  # ELAN ends every row with a tab
    rows = [_cells(line) for line in body]
    times, tiers = [], []
    for k, name in enumerate(names):
        cells = [r[k].strip() for r in rows if k < len(r) and r[k].strip()]
        timed = len(cells) >= _CONSISTENT * len(rows) and all(_read_time(c)[0] is not None for c in cells)
        if timed and _LABEL_UNIT.match(name.strip()):
            times.append(k)
        elif name.strip() and _read_time(name)[0] is None:
            tiers.append(k)
    if not times or not tiers or times[-1] > tiers[0]:
        return None
    return _TierTable(times, tiers, names)


def _seconds_in(cell: str, whole_ms: bool) -> float | None:
    value, clock = _read_time(cell)
    if value is None or clock:
        return value
    return value / MS_PER_S if whole_ms else value


def _quantities(rows: list[list[str]], table: _TierTable) -> list[list[float | None]]:
    """Each row's times, one list per quantity: the columns that hold the same time in other forms
    (``hh:mm:ss.ms`` and ``ss.msec``) are one. A column of whole numbers is ELAN's ``msec``."""
    columns: list[list[float | None]] = []
    for k in table.times:
        cells = [r[k].strip() if k < len(r) else "" for r in rows]
        whole_ms = all(re.fullmatch(r"\d+", c) for c in cells if c)
        columns.append([_seconds_in(c, whole_ms) if c else None for c in cells])
    quantities: list[list[float | None]] = []
    for column in columns:
        same = next((q for q in quantities if all(a is None or b is None or abs(a - b) <= _SAME_TIME
                                                   for a, b in zip(q, column))), None)  # fmt: skip
        if same is None:
            quantities.append(list(column))
        else:
            same[:] = [a if a is not None else b for a, b in zip(same, column)]
    return quantities


def _spans(quantities: list[list[float | None]]) -> tuple[list[float | None], list[float | None]]:
    """Begin and end of each row. ELAN writes begin, end and duration in that order, each if chosen;
    a second time that is sometimes below the first is a duration."""
    begin = quantities[0]
    if len(quantities) == 1:
        return begin, [None] * len(begin)
    second = quantities[1]
    if all(a is None or b is None or b >= a for a, b in zip(begin, second)):
        return begin, second
    return begin, [a + b if a is not None and b is not None else None for a, b in zip(begin, second)]


def _read_tier_table(lines: list[str], table: _TierTable, episode: Episode) -> None:
    rows = [_cells(line) for line in lines[1:] if line.strip()]
    begins, ends = _spans(_quantities(rows, table))
    found: list[Tier] = []
    repeated = 0
    for k in table.tiers:
        name = squash(table.names[k])
        cells = [(ms(b), ms(e), squash(r[k])) for r, b, e in zip(rows, begins, ends) if k < len(r) and r[k].strip()]
        annotations = _once(cells)
        repeated += len(cells) - len(annotations)
        tier = Tier(name, None, annotations)
        if kind := tier_rules.not_speech(name):
            tier.aside, tier.keep_aside = kind, not tier_rules.phones(kind)
        else:
            tier.speaker = tier_rules.speaker_of(name)
            tier.word_level = tier_rules.word_tier_name(name) or tier_rules.looks_word_level(tier)
        found.append(tier)
    detail = (f"ELAN's tab-delimited export: times from {', '.join(repr(table.names[k]) for k in table.times)}; "
              f"each of the {counted(len(table.tiers), 'tier column')} a tier")  # fmt: skip
    if repeated:
        detail += (f"; {counted(repeated, 'cell')} repeating an annotation on the rows it spans (ELAN's 'repeat values') "
                   "read once, at the annotation's own times")  # fmt: skip
    episode.repair("elan_export", detail)
    tier_rules.build(episode, found, "annotations")


def _once(cells: list[tuple[float | None, float | None, str]]) -> list[tuple[float | None, float | None, str]]:
    """A tier column's annotations, each once: a cell whose text an annotation of the same tier spanning
    its row holds is that annotation repeated (a tier's annotations never overlap each other)."""
    by_text: dict[str, list[tuple[float | None, float | None]]] = {}
    for start, end, text in cells:
        by_text.setdefault(text, []).append((start, end))

    def repeats(start: float | None, end: float | None, text: str) -> bool:
        if start is None or end is None:
            return False
        return any(s is not None and e is not None and s <= start and end <= e and (s, e) != (start, end)
                   for s, e in by_text[text])  # fmt: skip

    kept: list[tuple[float | None, float | None, str]] = []
    seen: set[tuple[float | None, float | None, str]] = set()
    for cell in cells:
        if cell not in seen and not repeats(*cell):
            seen.add(cell)
            kept.append(cell)
    return kept

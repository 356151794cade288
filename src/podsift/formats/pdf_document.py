"""PDF transcripts read as the text their pages show, with what page layout did to it undone.

Radio shows, oral-history projects, courts and podcasts publish transcripts as PDF. Like a
Word document (see word_document.py), a PDF is no format of its own: its text layer is
extracted page by page (pypdf, pure Python) and handed to the same format detection as a
``.txt`` export. Before that, the marks of the page are taken out, each counted in the report:

- running headers and footers, the lines that repeat at the top or bottom of most pages
  (the show's name, "Page 3 of 12", a bare page number, a date, the time it was printed, a URL);
- the line numbers court and hearing transcripts print down the margin, on lines of their own
  or at the start of each line's text;
- lines broken by the page width, joined back into paragraphs: a blank line, a speaker label
  or a timestamp, a short line that ends a sentence, an indent under a full line, or a heading
  (a short title-cased line, or type larger than the text's) ends one; a hyphen at a line's end
  is dropped only where it split a word the document (or the dictionary) knows unhyphenated;
- a paragraph that runs on from one page to the next, joined across the page break.

A PDF with no text layer (scanned pages), a password, or damage gets one line saying so.
"""

from __future__ import annotations

import logging
import math
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from podsift.formats.line_wrap import SENTENCE_END as _SENTENCE_END
from podsift.formats.line_wrap import SHORT_LINE as _SHORT_LINE
from podsift.formats.line_wrap import join_line as _join
from podsift.formats.line_wrap import text_width
from podsift.formats.plain_text import label_alone, speaker_prefix
from podsift.formats.speaker_lines import turn_line
from podsift.model import SourceRejected
from podsift.text import counted, generic_title, squash, strip_controls

# Court transcripts and long oral histories run to a few hundred pages; this is far beyond.
MAX_PAGES = 2000
# The text a PDF yields is held to the limit on a file (ingest's --max-size), this one by default.
MAX_TEXT_CHARS = 50 * 1024 * 1024

_PDF = re.compile(rb"^\s{0,64}%PDF-")

# A line is a running header or footer only within this many lines of a page's top or bottom...
_EDGE_LINES = 3
# ...and when it recurs there on at least this share of the pages (and on two at least).
_RUNNING_SHARE = 0.5
# A page with less text than this beside an image may be a scan with a stamp on it.
_LITTLE_TEXT = 80

_DIGITS = re.compile(r"\d+")
# A soft hyphen but one after a letter at the line's end (where it marks the word's break).
_DRAWN_SOFT_HYPHEN = re.compile(r"\u00ad(?!$)|(?<![^\W\d_])\u00ad$")
_CLOCK = re.compile(r"\d{1,3}:\d{2}")
# What a time is written with: digits, and "am"/"pm" (or "a.m."); a letter besides is a word.
_CLOCK_WORDS = re.compile(r"\d|\b[ap]\.?m\b\.?", re.IGNORECASE)
_WORDS_BESIDE_CLOCK = re.compile(r"[^\W\d_]")

# pypdf tells its logger and warnings about every oddity of a damaged file; the user gets one line.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(data: bytes) -> bool:
    return bool(_PDF.match(data[:128]))


@dataclass
class PdfText:
    """The repaired text of a PDF, and what was repaired."""

    text: str
    pages: int
    paragraphs: int
    title: str | None
    repairs: list[tuple[str, str]] = field(default_factory=list)


_SCANNED = "a PDF with no text layer: it is scanned images; run OCR first"


def read_pdf(data: bytes, max_chars: int = MAX_TEXT_CHARS) -> PdfText:
    """The text of a PDF, its layout undone; SourceRejected (one line) when it has none to give, or
    more than ``max_chars`` characters of it."""
    pages, title, images = _extract(data, max_chars)
    try:
        return _repaired(pages, title)
    except SourceRejected:
        if not images:
            raise
        # A scanner's own stamp ("Scanned with ...", a page number) on each page is no text layer.
        raise SourceRejected(_SCANNED) from None


def _extract(data: bytes, max_chars: int) -> tuple[list[list[_Line]], str | None, bool]:
    """Each page's lines, the document's title, and whether a page with little or no text shows an image."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(BytesIO(data))
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                # An owner password (no copying, no printing) still lets anyone read it; this one does not.
                raise SourceRejected("a password-protected PDF; remove the password (print it to a new PDF) "
                                     "and ingest that")  # fmt: skip
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise SourceRejected(f"a PDF of {count} pages (the limit is {MAX_PAGES}); split it and ingest the parts")
            pages: list[list[_Line]] = []
            total = 0
            images = False
            for page in reader.pages:
                drawn = _Runs()
                text = page.extract_text(visitor_text=drawn) or ""
                total += len(text)
                if total > max_chars:
                    raise SourceRejected(f"a PDF with over {max_chars:,} characters of text by page "
                                         f"{len(pages) + 1}; split it and ingest the parts")  # fmt: skip
                pages.append(_placed_lines(text, drawn))
                images = images or (len(text.strip()) < _LITTLE_TEXT and _has_images(page))
            title = _title(reader)
        except SourceRejected:
            raise
        except (DependencyError, FileNotDecryptedError):
            # AES needs the cryptography package, which podsift does not require.
            raise SourceRejected("an encrypted PDF podsift cannot decrypt; print it to a new PDF and ingest that") from None
        except RecursionError:
            raise SourceRejected("a damaged PDF (its objects refer to each other without end)") from None
        except Exception as err:  # pypdf fails on damage in many ways (PdfReadError and more), none of them ours
            raise SourceRejected(f"a damaged PDF ({squash(str(err))[:120] or type(err).__name__}); "
                                 "open it and save or print it again") from None  # fmt: skip
    if not any(line.strip() for page in pages for line in page):
        raise SourceRejected(_SCANNED if images else "a PDF with no text in it")
    return pages, title, images


class _Line(str):
    """A line of a page's text, and where it starts: ``x`` in points from the page's left (None
    where the text layer does not say), ``em`` the size of its type."""

    x: float | None = None
    em: float = 0.0


@dataclass
class _Run:
    """A piece of text pypdf drew at one place: where it starts in the page's text, and on the page."""

    offset: int
    x: float
    em: float


# A space is about half an em wide (Courier 0.6, Helvetica 0.28): how far leading spaces push a line in.
_SPACE_EM = 0.5


class _Runs:
    """A visitor for pypdf's extract_text: where each piece of the page's text was drawn."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []
        self.length = 0  # of the text told so far

    def __call__(self, text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        # The text matrix within the page's transformation: where the text starts, and its scale.
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        self.runs.append(_Run(self.length, x, abs(size) * math.hypot(a, b)))
        self.length += len(text)


def _placed_lines(text: str, drawn: _Runs) -> list[_Line]:
    """The page's lines, each with the x its first letter was drawn at where that is known."""
    lines = []
    runs = drawn.runs
    known = bool(runs) and drawn.length == len(text)  # the pieces told are the text, in order
    start = 0
    index = 0  # the run holding ``start``
    for raw in text.splitlines(keepends=True):
        line = _Line(_clean(raw))
        first = start + (len(raw) - len(raw.lstrip()))  # the line's first letter in the page's text
        if known and line:
            while index + 1 < len(runs) and runs[index + 1].offset <= first:
                index += 1
            run = runs[index]
            before = text[run.offset:first]
            # Only spaces before it in its piece: they push it in; a letter before it (a line break
            # inside the piece) leaves its place unknown.
            if not before.strip():
                line.x, line.em = run.x + len(before) * _SPACE_EM * run.em, run.em
        lines.append(line)
        start += len(raw)
    return lines


def _has_images(page: Any) -> bool:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    objects = resources.get("/XObject") if resources is not None else None
    return bool(objects is not None and len(objects.get_object()))


def _title(reader: Any) -> str | None:
    """The document's own title (its metadata), unless it is missing, unreadable or generic."""
    try:
        raw = reader.metadata.title if reader.metadata is not None else None
    except Exception:  # the title is a nicety; the transcript is read without it
        return None
    title = squash(strip_controls(raw)) if isinstance(raw, str) else ""
    return title[:300] if title and not generic_title(title) else None


# --- undoing the page -----------------------------------------------------------------


def _repaired(pages: list[list[_Line]], title: str | None) -> PdfText:
    lines, numbered = _drop_line_numbers(pages)
    lines, dropped = _drop_running_lines(lines)
    width = _text_width(lines)
    paragraphs, joins, page_joins, hyphens = _paragraphs(lines, width, _vocabulary(lines), _labels(lines))
    text = "\n\n".join(paragraphs)
    if not text.strip():
        raise SourceRejected("a PDF with no text in it but its page headers and footers")
    repairs = []
    if dropped:
        shown = "; ".join(f"{line!r} {n} times" for line, n in dropped.most_common(5))
        repairs.append(("pdf_headers", f"{counted(sum(dropped.values()), 'running header/footer line')} dropped "
                                       f"(repeated at the top or bottom of the pages: {shown})"))  # fmt: skip
    if numbered:
        repairs.append(("pdf_line_numbers", f"{counted(numbered, 'margin line number')} dropped (1, 2, 3... down the page)"))
    if joins:
        repairs.append(("pdf_line_breaks", f"{counted(joins, 'line')} broken by the page width joined back into paragraphs"))
    if hyphens:
        repairs.append(("pdf_hyphens", f"{counted(hyphens, 'word')} hyphenated at a line's end joined without the hyphen"))
    if page_joins:
        repairs.append(("pdf_page_breaks", f"{counted(page_joins, 'paragraph')} split by a page break joined"))
    return PdfText(text, len(pages), len(paragraphs), title, repairs)


def _clean(line: str) -> str:
    # Some producers space words with tabs; a PDF has no tab stops a reader of its text could use.
    line = squash(strip_controls(line).replace("\t", " ").replace("\u00a0", " "))
    # A soft hyphen within a line was drawn there: some fonts (court reporters') give their hyphen
    # that code ("No. 15\u00ad674", "that's \u00ad\u00ad that's"). After a word at the line's end it
    # marks a break.
    return _DRAWN_SOFT_HYPHEN.sub("-", line)


def _shape(line: str) -> str:
    """What a running line keeps from page to page: its words, its numbers counted as any number."""
    return _DIGITS.sub("#", line.casefold())


def _drop_running_lines(pages: list[list[_Line]]) -> tuple[list[list[_Line]], Counter[str]]:
    """Pages without the lines repeated at their top or bottom; and what was dropped, by shape."""
    if len(pages) < 2:
        return pages, Counter()
    seen: Counter[str] = Counter()
    for page in pages:
        text = [line for line in page if _has_words(line)]
        seen.update({_shape(line) for line in text[:_EDGE_LINES] + text[-_EDGE_LINES:]})
    needed = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    running = {shape for shape, n in seen.items() if n >= needed}
    dropped: Counter[str] = Counter()  # by shape
    shown: dict[str, str] = {}  # a shape as one page has it

    def is_running(line: str) -> bool:
        if _shape(line) not in running:
            return False
        # A speaker's line with a time ("Jane Doe 0:05") recurs in shape, never word for word; so
        # may a timestamp alone. A clock among words that recur ("Transcript - 10:32 AM", "printed
        # 2024-05-01 14:03") is the time the page was made.
        if turn_line(line) or speaker_prefix(line)[0] or label_alone(line):
            return False  # "Dan:" alone opening a turn at the top of each page is a label, not a header
        return not _CLOCK.search(line) or bool(_WORDS_BESIDE_CLOCK.search(_CLOCK_WORDS.sub("", line)))

    out = []
    for page in pages:
        worded = [i for i, line in enumerate(page) if _has_words(line)]
        # Within the edge, not only at it: a title may stand above the header on one page. Rules
        # ("- - - -", "____") drawn around a header are part of it.
        top, bottom = (worded[_EDGE_LINES - 1], worded[-_EDGE_LINES]) if len(worded) >= _EDGE_LINES else (-1, len(page))
        rules = {i for i, line in enumerate(page) if line and not _has_words(line) and (i < top or i > bottom)}
        edges = {i for i in worded[:_EDGE_LINES] + worded[-_EDGE_LINES:] if is_running(page[i])} | rules
        for i in sorted(edges):
            shape = _shape(page[i])
            dropped[shape] += 1
            # A page number differs from page to page: "Page N of N" says what was dropped.
            shown[shape] = page[i] if shown.get(shape, page[i]) == page[i] else _DIGITS.sub("N", page[i])
        out.append([line for i, line in enumerate(page) if i not in edges])
    return out, Counter({shown[shape]: n for shape, n in dropped.items()})


# A margin's line number, alone or at the start of its line's text ("13 GENERAL VERRILLI: And").
_LINE_NUMBER = re.compile(r"^(?P<number>\d{1,3})(?: (?P<rest>.*))?$")
_MIN_NUMBERED = 5  # fewer numbers in a row may be a list or a count said aloud


def _drop_line_numbers(pages: list[list[_Line]]) -> tuple[list[list[_Line]], int]:
    """Pages without the line numbers court and hearing transcripts print in the margin: the
    text layer gives them as a run of lines "1", "2", ... "25" of their own, or at the start of
    each line's text ("1 simply, as was suggested", "2 given these children")."""
    dropped = 0
    out = []
    for page in pages:
        kept: list[_Line] = []
        run: list[tuple[_Line, str | None]] = []  # the lines numbered 1, 2, ... so far, and their text
        for line in [*page, None]:  # None flushes the last run
            numbered = _LINE_NUMBER.match(line) if line is not None else None
            if line is not None and numbered and int(numbered.group("number")) == len(run) + 1:
                run.append((line, numbered.group("rest")))
                continue
            if len(run) >= _MIN_NUMBERED:
                dropped += len(run)
                # The text after a number starts where the number did not: its x is unknown.
                kept.extend(_Line(rest) for _, rest in run if rest)
            else:
                kept.extend(line for line, _ in run)
            if line is None:
                break
            if numbered and numbered.group("number") == "1":
                run = [(line, numbered.group("rest"))]
            else:
                run = []
                kept.append(line)
        out.append(kept)
    return out, dropped


def _has_words(line: str) -> bool:
    return any(c.isalnum() for c in line)


def _text_width(pages: list[list[_Line]]) -> int:
    return text_width([len(line) for page in pages for line in page if line])


def _vocabulary(pages: list[list[_Line]]) -> set[str]:
    return {word.casefold() for page in pages for line in page for word in re.findall(r"[^\W\d_]+", line)}


def _opens_turn(line: str) -> bool:
    """A speaker label or a timestamp starts the line: a new paragraph, however the last one ended."""
    return bool(turn_line(line) or speaker_prefix(line)[0] or label_alone(line))


def _labels(pages: list[list[_Line]]) -> Counter[str]:
    """How often each ``Name:`` opens a line: like the text readers, a label counts only if it recurs."""
    return Counter(name for page in pages for line in page if (name := speaker_prefix(line)[0]))


# Words a title leaves in lower case ("History of the Bakery"); any other makes a line a sentence's.
_TITLE_SMALL = frozenset("a an and as at but by for from in into nor of on or the to vs with".split())
_HEADING_WIDTH = 0.6  # a heading stops well short of the margin


def _heading(line: str, width: int, labels: Counter[str]) -> bool:
    """A line of its own that names a part ("Part Two: The Market", "Background"): short, with no
    end punctuation, its words capitalised; not a speaker's label, nor a timestamp."""
    if len(line) >= _HEADING_WIDTH * width or not line[-1:].isalnum() or not line[:1].isupper():
        return False
    if turn_line(line) or label_alone(line) or labels[speaker_prefix(line)[0] or ""] > 1:
        return False
    words = re.findall(r"[^\W\d_]+", line)
    return all(word[0].isupper() or word in _TITLE_SMALL for word in words)


def _ends_paragraph(line: str, after: str, width: int, alone: bool, labels: Counter[str]) -> bool:
    """A line that stops short of the margin at a sentence's end, a short line of its own before a
    capital (a heading; a speaker's short first line is not one), or a label with its text below it."""
    turn = turn_line(line)
    if label_alone(line) or (turn is not None and not turn.rest):
        return True
    if len(line) >= _SHORT_LINE * width:
        return False
    heading = alone and after[:1].isupper() and line[-1:].isalnum() and not _opens_turn(line)
    return heading or (alone and after[:1].isupper() and _heading(line, width, labels)) or bool(_SENTENCE_END.search(line))


# A line starting this many ems right of the page's margin is indented (a space or two is not).
_INDENT = 1.2


def _margin(page: list[_Line]) -> float | None:
    """Where most of the page's lines start, if the text layer says."""
    starts = Counter(round(line.x) for line in page if line.x is not None and _has_words(line))
    return float(starts.most_common(1)[0][0]) if starts else None


# Type this much larger than the body's is a heading's.
_LARGER = 1.15


def _body_size(pages: list[list[_Line]]) -> float | None:
    """The size of most of the text's type, if the text layer says."""
    sizes = Counter(round(line.em, 1) for page in pages for line in page if line.em and _has_words(line))
    return sizes.most_common(1)[0][0] if sizes else None


def _indented(line: _Line, margin: float | None) -> bool | None:
    if margin is None or line.x is None or not line.em:
        return None
    return line.x - margin > _INDENT * line.em


def _paragraphs(pages: list[list[_Line]], width: int, vocabulary: set[str],
                labels: Counter[str]) -> tuple[list[str], int, int, int]:  # fmt: skip
    paragraphs: list[str] = []
    # The paragraph so far, a piece per line: a caption dump may run on for thousands of lines,
    # and joining it line by line would copy it each time.
    current: list[str] = []
    last = ""  # the last line added to current, as the page showed it
    last_indented: bool | None = None  # whether it started right of its page's margin (None: unknown)
    alone = False  # whether that line is the paragraph's only one
    joins = page_joins = hyphens = 0
    body = _body_size(pages)
    last_large: bool | None = None  # whether the last line is in larger type than the body's (a heading)
    for number, page in enumerate(pages):
        first_on_page = True
        while page and not page[-1]:  # the space below the text is no paragraph break
            page = page[:-1]
        margin = _margin(page)
        for i, line in enumerate(page):
            if first_on_page and not line:
                continue  # nor is the space above it
            if not line:
                if current:
                    paragraphs.append("".join(current))
                current, last, last_indented, last_large = [], "", None, None
                first_on_page = False
                continue
            indented = _indented(line, margin)
            large = bool(body and line.em > _LARGER * body) if line.em else None
            if current and not _opens_turn(line) and not _ends_paragraph(last, line, width, alone, labels) \
                    and not (large is not None and last_large is not None and large != last_large) \
                    and not _starts_by_indent(line, indented, last, last_indented, width, alone) \
                    and not _heading_after_sentence(line, last, page[i + 1] if i + 1 < len(page) else None,
                                                    width, labels):  # fmt: skip
                hyphens += _join(current, line, vocabulary)
                alone = False
                if first_on_page and number:
                    page_joins += 1
                else:
                    joins += 1
            else:
                if current:
                    paragraphs.append("".join(current))
                current, alone = [line], True
            last, last_indented, last_large = line, indented, large
            first_on_page = False
    if current:
        paragraphs.append("".join(current))
    return paragraphs, joins, page_joins, hyphens


def _starts_by_indent(line: str, indented: bool | None, last: str, last_indented: bool | None, width: int,
                      alone: bool) -> bool:  # fmt: skip
    """An indented line, not in lower case, after a line at the margin that ran its full width to a
    sentence's end: a paragraph starts there, shown by its indent alone. A hanging indent (an
    address's second line, a speaker's text under the line that names them) is no paragraph."""
    return bool(indented and last_indented is False and len(last) >= _SHORT_LINE * width
                and _SENTENCE_END.search(last) and not line[:1].islower()
                and not (alone and _opens_turn(last)))  # fmt: skip


def _heading_after_sentence(line: str, last: str, after: str | None, width: int, labels: Counter[str]) -> bool:
    """A heading under a full line that ended a sentence, with a capital (or a blank) below it: its
    own paragraph, not the end of the sentence above."""
    return (after is not None and (not after or after[:1].isupper()) and bool(_SENTENCE_END.search(last))
            and _heading(line, width, labels))  # fmt: skip

"""Podcasting 2.0 HTML transcripts: ``<cite>Name:</cite> <time>0:00</time> <p>text</p>``.

The spec calls this the low-fidelity form: a ``<cite>`` names the speaker (and
holds until the next one), a ``<time>`` gives the start of the next paragraph, and
each ``<p>`` is one monologue. A segment ends where the next timed one starts.
Read with the standard library's forgiving ``html.parser``: unclosed tags and
stray markup are tolerated, entities are unescaped.

SAMI captions (``.smi``, Microsoft's HTML-like caption format) read the same way: each
``<SYNC Start=ms>`` times the paragraph after it.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser

from podsift.formats import plain_text
from podsift.formats.chapters_file import chapter_lines, place_chapters
from podsift.formats.class_entries import Entries, entries
from podsift.formats.cues import (
    Cue,
    build,
    caption_fragments,
    end_at_next_start,
    fix_times,
    ms,
    time_untimed,
)
from podsift.formats.heading_lines import heading_above, heading_facts
from podsift.formats.labels import credible, hearing_label
from podsift.formats.line_wrap import join_lines
from podsift.formats.plain_text import contact_lines, label_alone, speaker_prefix
from podsift.formats.translated_page import interleaved
from podsift.model import Episode
from podsift.text import (
    agrees,
    as_time,
    chair_line,
    counted,
    date_in,
    decimal_text,
    generic_title,
    iso_day,
    parse_timestamp,
    prepare_text,
    script_page,
    split_directions,
    squash,
    stage_note,
    underscored_clock,
    web_url,
    youtube_id,
)

NAME = "podcast_html"
EXTENSIONS = (".html", ".htm", ".smi", ".sami")

_CITE = re.compile(r"<cite[\s>]", re.IGNORECASE)
# "<cite>Speaker:</cite>" over every turn, as a host's export labels voices it did not tell apart,
# names no one: the turns are caption lines, joined into sentences as unnamed captions are.
_ANY_VOICE = re.compile(r"(?:speaker|spk)?", re.IGNORECASE)
_IRC_NICK = re.compile(r"<[^\s<>]{1,40}>")
_P = re.compile(r"<p[\s>]", re.IGNORECASE)
_TIME = re.compile(r"<time[\s>]", re.IGNORECASE)
_ANY_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|span|br|h[1-6]|ul|li|a)[\s>/]", re.IGNORECASE)
# Inside these, text is not part of the transcript.
_SKIP = frozenset({"script", "style", "head", "template", "noscript"})
# Tags that end a paragraph when they open, as browsers would.
_BLOCKS = frozenset({"p", "div", "section", "article", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                     "table", "tr", "td", "blockquote", "pre", "hr", "cite", "time"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A page's menus and forms: outside a <p>, their text is no turn of speech.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "menu", "ul", "ol", "form", "select", "button"})
# The site's own parts, closed as they are opened: a paragraph in them ("The Agile in Action Podcast serves
# listeners…" in the footer) is the site's text. A <header> is not among them: themes leave it open.
_SITE_PARTS = frozenset({"footer", "nav"})


def clock_text(value: str | None) -> float | None:
    """A time as pages write it: ``1:02:03``, ``0:0:25``, ``0h00m44s``, ``25`` or ``25.6s``."""
    if not value:
        return None
    value = value.strip()
    seconds = parse_timestamp(value)
    if seconds is None and value and (m := _HMS.match(value)) and any(m.groups()):
        seconds = int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)
    if seconds is None:
        # not float(), which reads "00_05_00" as 500: a clock written with underscores is five minutes
        seconds = decimal_text(value)
        seconds = underscored_clock(value) if seconds is None else seconds
    return None if seconds is None else ms(as_time(seconds))


# Transcript pages of other tools: a speaker in an element of class "speaker", a time in a
# player link (onclick="playAt('0:0:25')", href="#t=25", data-time="25") or a table cell.
_SPEAKER_CLASS = re.compile(r"\bspeaker\b", re.IGNORECASE)
_TIME_ATTRS = ("data-time", "data-start", "data-timestamp", "data-begin", "data-t")
# Where a timed block says it ends: <article data-start="6692" data-end="6706">.
_END_ATTRS = ("data-end", "data-stop", "data-finish")
# Blocks that hold one line of a transcript when timed by such an attribute, outside any <p>:
# <div class="transcript-segment" data-timestamp="00:01">words</div>.
_LINE_BLOCKS = frozenset({"div", "li", "section", "article", "blockquote", "dd"})
_TIMED_BLOCK = re.compile(rf"<(?:{'|'.join(sorted(_LINE_BLOCKS | {'p', 'td'}))})\s[^<>]*?\b(?:{'|'.join(_TIME_ATTRS)})"
                          r"\s*=\s*[\"']?\d", re.IGNORECASE)
# An element holding the episode's chapter list: <div id="chapter-list">00:00 Intro ...</div>
# (not one chapter's section of the transcript: <section class="chapter">).
_CHAPTER_LIST = re.compile(r"chapters|chapter[-_]?(?:list|index|marks)|\btoc\b|table[-_]of[-_]contents", re.IGNORECASE)
# Void elements: they never close, so they cannot hold a chapter list.
VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "track", "wbr", "area", "base", "col", "embed"})
# The clock an element with such an attribute shows at a paragraph's start ("00:05 Jane: ...").
_SHOWN_CLOCK = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s+(?=\S)")
# noScribe's HTML: <a name="ts_12140_22800_S01"> around each sentence, start and end in milliseconds.
_NOSCRIBE_ANCHOR = re.compile(r"^ts_(\d{1,9})_\d{1,9}_(.{0,40})$")
# Its marks of overlapping speech: "//S02: Ist das herrlich. // Ich kann ..." (not a URL's "//").
_OVERLAP_MARK = re.compile(r"(?:^|(?<=[\s.!?,]))//(?:\s*[^\s:/]{1,20}:)?\s*")
_NOSCRIBE_CLOCK = re.compile(r"\s*\[\d{2}:\d{2}:\d{2}\](?=\s)")
_TIME_IN_LINK = re.compile(r"(?:playAt|seek\w*|jumpTo|play)\(\s*['\"]?([\d:.hms]+)|[#?&]t=([\d:.hms]+)", re.IGNORECASE)
# Digits bounded: int() refuses thousands of them.
_HMS = re.compile(r"^(?:(\d{1,9})h)?\s*(?:(\d{1,9})m)?\s*(?:(\d+(?:\.\d+)?)s)?$", re.IGNORECASE)
_OTHER_TRANSCRIPT = re.compile(
    r"class=[\"'][^\"']*\bspeaker\b|playAt\(|data-(?:time|start)=|name=[\"']ts_\d+_\d+_|<td>\s*(?:\d+h)?\d+m\d+s\s*</td>", re.IGNORECASE
)
_PLAY_GLYPHS = "▶►▸⏵"
# A block's label restating its times ("第 1 段 · 00:00 - 00:42", "Part 3 | 1:02 – 1:40"), on a line of its own
# at the top of the block: no words.
_RESTATED_RANGE = re.compile(r"^(?P<label>[^\n]{0,30}?)[\s·•|:]*+(?P<start>(?:\d{1,2}:)?\d{1,3}:\d{2})\s*[-–—~]\s*"
                             r"(?:\d{1,2}:)?\d{1,3}:\d{2}$")
_LABEL_LINES = 3  # lines at a block's top that may be its label (the player's clock may come first)
_TIME_CELL = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?$|^(?:\d+h)?\d+m\d+(?:\.\d+)?s$")
# A table's time column counts the first minute in seconds ("12s" above "1:33"); in a paragraph it may be words.
_SECONDS_CELL = re.compile(r"^\d{1,2}(?:\.\d+)?s$")


def timed_blocks(text: str) -> int:
    """How many paragraphs, cells and blocks of ``text`` carry a time attribute (``data-time="5"``)."""
    return len(_TIMED_BLOCK.findall(text))


def _timed(attrs: list[tuple[str, str | None]]) -> bool:
    return any(key in _TIME_ATTRS and clock_text(value) is not None for key, value in attrs)


def sniff(text: str) -> float:
    head = text[:8192]
    if _CITE.search(head) or (_P.search(head) and _TIME.search(head)):
        return 0.8
    if _OTHER_TRANSCRIPT.search(text[:32768]):
        return 0.75
    if _ANY_HTML.search(head):
        # A tag named in someone's speech ("wrap it in a <div>") does not make a page; below
        # plain text's claim, only a page's extension tips it.
        return 0.3 if _page_markup(head) else 0.08
    return 0.0


def _page_markup(head: str) -> bool:
    """The text is a page or a fragment of one: it opens with markup, or markup opens or is written in a
    good share of its lines, rather than turns of speech or notes that mention a tag."""
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    if not lines or lines[0].lstrip("\ufeff").startswith("<"):
        return True
    marked = sum(1 for line in lines if line.startswith("<") or (_WRITTEN_MARKUP.search(line)
                                                                   and speaker_prefix(line)[0] is None))
    return marked * 4 >= len(lines)


# "</p>", '<a href=', a line broken with "<br>": a page writes them, prose naming a tag does not.
_WRITTEN_MARKUP = re.compile(r"</[a-z][\w-]*\s*>|<[a-z][\w-]*\s[^<>]*=|<br\s*/?>$", re.IGNORECASE)


class _TranscriptParser(HTMLParser):
    def __init__(self, span_lines: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.span_lines = span_lines  # a timed <span> outside any paragraph is a line of its own
        self.skip_depth = 0
        self.mode: str | None = None  # "cite", "time" or "p": where text goes
        self.buffer: list[str] = []
        self.time_attr: str | None = None
        self.speaker: str | None = None
        self.pending_time: str | None = None
        self.paragraph: list[str] | None = None
        self.paragraphs: list[tuple[str | None, str | None, str]] = []  # (speaker, time text, text)
        self.lines: list[str] = []  # each paragraph's lines as written (<br>s kept): captions need them
        self.loose: list[str] = []
        self.title: list[str] | None = None
        self.page_title: str | None = None
        self.synced = False  # SAMI captions: <SYNC Start=ms> elements
        self.shown_time = False  # the pending time came from an attribute, its clock maybe shown
        self.noscribe = False  # noScribe's sentence anchors: the clocks it shows are not words
        self.turn: str | None = None  # who says the sentences of the paragraph so far (noScribe)
        self.first_h1: str | None = None
        self.published: str | None = None  # the day a <time> element gives, not a moment in the talk
        self.site_part_depth = 0  # inside the site's <footer> or <nav>: no paragraph there is speech
        self.heading: list[str] | None = None
        self.speaker_tag: str | None = None
        self.chapters: list[tuple[str, int]] = []  # (heading, index of the paragraph after it)
        # A speaker named by the paragraph's own attribute (data-speaker="Jane"): it holds for that
        # paragraph only, and once a page names speakers so, a paragraph without one has none.
        self.speaker_attrs = False
        self.paragraph_speaker: str | None = None
        self.kind: str | None = None  # the open paragraph's class
        self.classes: list[tuple[str | None, bool]] = []  # each paragraph's (class, timed)
        self.cell = False  # the open paragraph is a table cell
        self.row = 0  # table rows opened so far
        self.rows: list[int | None] = []  # each paragraph's table row, None outside a table
        self.linked_data: list[str] = []  # the page's schema.org JSON-LD blocks
        self.in_linked_data = False
        self.meta: dict[str, str] = {}  # <meta property|name=... content=...>
        # The text outside any paragraph as (kind, text): "text", "br", "bold", "/bold", "block" and
        # "heading" (its title). A page without <p> may still break its turns (_loose_turns).
        self.flow: list[tuple[str, str]] = []
        self.furniture_depth = 0
        # An element with a time attribute inside a paragraph, until its end shows whether it is a
        # mark or timed words: (tag, its time, where its text starts, the paragraph's time before it).
        self.mark: tuple[str, str, int, str | None] | None = None
        self.mark_depth = 0
        self.marked = False  # the open paragraph's words follow a mark
        self.carried: str | None = None  # a mark with no words after it in its paragraph: the next words' start
        self.container: str | None = None  # the timed block (<div data-time>) the open paragraph is
        self.container_depth = 0  # its tag's elements open inside it, itself included
        self.container_end: str | None = None  # where the timed block says it ends (data-end)
        self.ends: dict[tuple[str | None, str], str] = {}  # (time, words) of a paragraph -> its block's end
        # The open element that may be a chapter list: (tag, depth, the lengths of paragraphs, chapters,
        # flow and loose text, and the pending time, at its start), and its text.
        self.listing: tuple[str, int, int, int, int, int, str | None] | None = None
        self.listing_text: list[str] = []
        self.listed: list[tuple[float, str]] = []  # the first chapter list's (start, title)
        # "<p><strong>Jane Doe</strong><br />words": a bold run opening a paragraph, then a line break,
        # is its speaker's label, as a colon would make it; these follow that run.
        self.bold_opening = False  # a bold run opened the open paragraph and has not closed
        self.bold_label = False  # it has closed, and no words followed it yet
        self.bold_line = False  # the open paragraph's first line is that run alone ("<b>Jane Doe</b><br>")
        self.contacts: list[str] = []  # address blocks under a bold name: no one's words

    def _words_so_far(self) -> bool:
        return self.paragraph is not None and bool("".join(self.paragraph).strip())

    def _time_from(self, attrs: list[tuple[str, str | None]]) -> None:
        # A paragraph whose start is known and whose words have begun keeps that start: the
        # links inside it ("<a href='...&t=15.8s'>And</a>") time its later sentences, not it.
        started = self.pending_time is not None and self._words_so_far()
        for key, value in attrs:
            if not value:
                continue
            if key == "data-speaker":
                self.speaker_attrs = True
                self.paragraph_speaker = squash(value) or None
            elif started and (key in _TIME_ATTRS or key in ("onclick", "href")):
                continue
            elif key in _TIME_ATTRS:
                self.pending_time = value
                self.shown_time = True  # the element likely shows it too ("00:05"): not words
            elif (key in ("onclick", "href") and (m := _TIME_IN_LINK.search(value))
                  and not (script_page(value) and not m.group(0).startswith("#"))):
                self.pending_time = m.group(1) or m.group(2)
            elif key == "name" and (m := _NOSCRIBE_ANCHOR.match(value)):
                self._sentence(f"{int(m.group(1)) / 1000:g}", m.group(2).lstrip("/"))

    def _sentence(self, start: str, who: str) -> None:
        """noScribe's anchor around a sentence: its start, and who says it ("//S02" where it
        overlaps the turn). The paragraph starts at its first sentence; another speaker's
        sentence inside it (overlapping speech) becomes a paragraph of its own."""
        self.noscribe = self.shown_time = True
        spoken = self.paragraph is not None and "".join(self.paragraph).strip()
        if who and self.turn and who != self.turn and spoken:
            self._flush()
            self.paragraph = [f"{who}: "]
            self.pending_time = start
        elif self.pending_time is None:
            self.pending_time = start
        self.turn = who or self.turn

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.listing is not None and not self.skip_depth:
            self._list_tag(tag, 1)
        nested = False  # an element inside a timed block's words: part of them, not a paragraph of its own
        if tag == "time" and not self.skip_depth and (when := self._time_mark(attrs)):
            # <time data-time="1201.95">20:00</time> among a paragraph's words: the player's mark every
            # five minutes, not a new monologue (the words after it had been lost with the paragraph).
            assert self.paragraph is not None
            self.mark, self.mark_depth = (tag, when, len(self.paragraph), self.pending_time), 1
            return
        if not self.skip_depth and tag not in _SKIP:
            nested = self._nested(tag, attrs)
            if tag in _HEADINGS:
                self._flush()
                self.heading = []
            elif _SPEAKER_CLASS.search(dict(attrs).get("class") or "") and tag not in ("cite", "time"):
                if not nested:
                    self._flush()
                self.mode, self.buffer, self.speaker_tag = "cite", [], tag
                return
            if ((tag in ("p", "td") or (tag in _LINE_BLOCKS and _timed(attrs))) and self.mode not in ("cite", "time")
                    and not nested):
                self._flush()  # the paragraph before ends before this one's own time is read
            if self.mark is not None and tag == self.mark[0]:
                self.mark_depth += 1
            elif (self.mark is None and self.paragraph is not None and self.mode is None and tag not in _BLOCKS
                  and (when := next((v for k, v in attrs if k in _TIME_ATTRS and v), None))):
                self.mark, self.mark_depth = (tag, when, len(self.paragraph), self.pending_time), 1
            self._time_from(attrs)
            if tag == "sync" and (start := dict(attrs).get("start") or "").strip().isdigit():
                self._flush()  # the caption before ends where this one starts
                self.pending_time = f"{int(start) / 1000:g}"  # SAMI: milliseconds
                self.synced = True
        if tag == "title":
            self.title = []
        if tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self.in_linked_data = True
            self.linked_data.append("")
        if tag == "meta" and (key := dict(attrs).get("property") or dict(attrs).get("name")):
            self.meta.setdefault(key.lower(), dict(attrs).get("content") or "")
        if tag == "link" and "canonical" in (dict(attrs).get("rel") or "").lower().split():
            self.meta.setdefault("canonical", dict(attrs).get("href") or "")  # the page's own address
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _FURNITURE:
            self.furniture_depth += 1
        if tag in _SITE_PARTS:
            self.site_part_depth += 1
        self._mark(tag)
        if tag in _BLOCKS and self.mode in ("cite", "time"):
            self._end_field()
        if nested:
            if tag in _BLOCKS:
                self._data("\n")
        elif tag == "p" or (tag in _BLOCKS and tag not in ("cite", "time") and self.paragraph is not None):
            self._flush()  # a <p> cannot hold another block: the open one ends here
        elif tag in ("cite", "time") and self.paragraph and "".join(self.paragraph).strip():
            self._flush()  # a name or time after words starts the next monologue, closed or not
        if nested:
            pass
        elif tag in ("p", "td") and not self.site_part_depth:
            self.paragraph = []
            self.bold_opening = self.bold_label = False
            self.turn = None
            self.kind = dict(attrs).get("class")
            self.cell = tag == "td"
        elif ((tag in _LINE_BLOCKS or (tag == "span" and self.span_lines)) and self.mode is None
              and self.paragraph is None and self.listing is None and _timed(attrs)):
            # Not inside a chapter list: its timed items (<li data-time="0">Intro</li>) are no speech.
            self.paragraph, self.container, self.container_depth = [], tag, 1
            self.container_end = next((v for k, v in attrs if k in _END_ATTRS and v), None)
            self.turn = None
            self.kind = dict(attrs).get("class")
            self.cell = False
        elif tag in ("cite", "time"):
            self.mode = tag
            self.buffer = []
            self.time_attr = dict(attrs).get("datetime") if tag == "time" else None
        elif tag == "br":
            self._line_break()
        elif tag == "tr":
            self.row += 1
        if tag in ("strong", "b") and self.paragraph is not None and self.mode is None and not self._words_so_far():
            self.bold_opening = True
        ids = f"{dict(attrs).get('id') or ''} {dict(attrs).get('class') or ''}"
        if self.listing is None and tag not in VOID_ELEMENTS and _CHAPTER_LIST.search(ids):
            self.listing = (tag, 1, len(self.paragraphs), len(self.chapters), len(self.flow), len(self.loose),
                            self.pending_time)  # fmt: skip
            self.listing_text = []

    def _time_mark(self, attrs: list[tuple[str, str | None]]) -> str | None:
        """The time of a <time> element timed by an attribute inside a paragraph's words, else None."""
        if self.mark is not None or self.mode is not None or self.paragraph is None or not self._words_so_far():
            return None
        return next((v for k, v in attrs if k in _TIME_ATTRS and v), None)

    def _nested(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether ``tag`` opens inside the words of a timed block, and is part of them. Around a <p> with
        no words of its own, the block's time is the paragraph's; a heading or another timed block ends it."""
        if self.container is None or tag in ("cite", "time"):
            return False
        if tag in _HEADINGS or (tag in _LINE_BLOCKS and _timed(attrs)) or tag in ("p", "td"):
            if not self._words_so_far():
                self.paragraph = self.container = None  # the time stays pending for what opens here
                return False
            if tag not in ("p", "td"):
                return False
        self.container_depth += tag == self.container
        return True

    def _list_tag(self, tag: str, step: int) -> None:
        """Follow the tags inside a possible chapter list: its lines break at blocks, it ends at its end tag."""
        assert self.listing is not None
        if tag in _BLOCKS:
            self.listing_text.append("\n")
        if tag == self.listing[0]:
            depth = self.listing[1] + step
            self.listing = (self.listing[0], depth, *self.listing[2:])
            if not depth:
                self._end_listing()

    def _end_listing(self) -> None:
        """A chapter list ("00:00 Intro" lines) gives the chapters, and none of its lines is speech;
        any other element stays as it was read."""
        assert self.listing is not None
        self._flush()
        _, _, paragraphs, chapters, flow, loose, pending = self.listing
        self.listing = None
        lines = [line for line in "".join(self.listing_text).split("\n") if line.strip()]
        timed = chapter_lines("\n".join(lines))
        if len(timed) < 2 or len(timed) * 2 < len(lines):
            return
        if not self.listed:
            self.listed = timed
        del self.paragraphs[paragraphs:], self.classes[paragraphs:], self.lines[paragraphs:], self.rows[paragraphs:]
        del self.chapters[chapters:], self.flow[flow:], self.loose[loose:]
        self.pending_time = pending  # a time a chapter's link gave is no start of the words after the list

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip_depth:
            self._mark(tag)
            self._line_break()

    def _line_break(self) -> None:
        """A line break, joined as lines are (join_lines); after a paragraph's opening bold run, also
        the colon that makes that run its speaker's label."""
        if self.bold_label and self.paragraph is not None and not "".join(self.paragraph).rstrip().endswith((":", "：")):
            self.paragraph.append(":")
            self.bold_line = "\n" not in "".join(self.paragraph)
        self.bold_label = self.bold_opening = False
        self._data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.page_title = squash("".join(self.title)) or None
            self.title = None
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            self.in_linked_data = False
            return
        if self.skip_depth:
            return
        if tag == self.container:
            self.container_depth -= 1
            if not self.container_depth:
                self._flush()
        elif self.container and tag in _BLOCKS and tag not in ("cite", "time"):
            self._data("\n")  # a block inside a timed block's words ends a line of them
        if self.listing is not None:
            self._list_tag(tag, -1)
        if tag in _FURNITURE:
            self.furniture_depth = max(0, self.furniture_depth - 1)
        if tag in _SITE_PARTS:
            self.site_part_depth = max(0, self.site_part_depth - 1)
        self._mark("/" + tag)
        if tag in ("strong", "b") and self.bold_opening:
            self.bold_opening, self.bold_label = False, self._words_so_far()
        if self.mark is not None and tag == self.mark[0]:
            self.mark_depth -= 1
            if not self.mark_depth:
                self._end_mark()
        if (tag in ("cite", "time") and self.mode == tag) or (self.mode == "cite" and tag == self.speaker_tag):
            self._end_field()
            self.speaker_tag = None
        elif tag in ("p", "td") and self.container is None:
            self._flush()
        elif tag in _HEADINGS and self.heading is not None:
            title = squash("".join(self.heading))
            if title:
                self.chapters.append((title, len(self.paragraphs)))
                self.flow.append(("heading", title))
                if tag == "h1" and self.first_h1 is None:
                    self.first_h1 = title
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_linked_data:
            self.linked_data[-1] += data
        if self.title is not None:
            self.title.append(data)
        if not self.skip_depth:
            self._data(data)

    def _data(self, data: str) -> None:
        if self.listing is not None:
            self.listing_text.append(data)
        if self.heading is not None:
            self.heading.append(data)
        elif self.mode in ("cite", "time"):
            self.buffer.append(data)
        elif self.paragraph is not None:
            self.paragraph.append(data)
            self.bold_label = self.bold_label and not data.strip()
        else:
            self.loose.append(data)
            if not self.furniture_depth:
                self.flow.append(("text", data))

    def _mark(self, tag: str) -> None:
        """Note a line break, bold run or block in the text outside paragraphs."""
        if self.paragraph is not None or self.heading is not None or self.mode or self.furniture_depth:
            return
        if tag == "br":
            self.flow.append(("br", ""))
        elif tag.lstrip("/") in ("strong", "b"):
            self.flow.append(("/bold" if tag.startswith("/") else "bold", ""))
        elif tag.lstrip("/") in _BLOCKS:
            self.flow.append(("block", ""))

    def _end_mark(self) -> None:
        """An element with a time attribute that shows only its clock, or nothing, is a mark among
        the words (oTranscribe's ``<span class="timestamp" data-timestamp="17.4">00:17</span>``,
        put wherever the transcriber pressed the key): its clock is no word, the words after it
        start at its time and those before it (but a speaker's label) keep the paragraph's."""
        if self.mark is None or self.paragraph is None:
            return
        _, when, at, before = self.mark
        self.mark = None
        shown = squash("".join(self.paragraph[at:]))
        if shown and not _TIME_CELL.match(shown.strip("[]()")):
            return  # timed words (a word's own span): the paragraph keeps its start
        words = self.paragraph[:at]
        if (said := squash("".join(words))) and not label_alone(said):  # "Jane: <mark>" starts Jane's words
            kind, cell, speaker = self.kind, self.cell, self.paragraph_speaker
            container, depth = self.container, self.container_depth
            self.paragraph, self.pending_time = words, before
            self._flush()
            self.paragraph, self.kind, self.cell, self.paragraph_speaker = [], kind, cell, speaker
            self.container, self.container_depth = container, depth
        else:
            self.paragraph = words
        self.pending_time, self.marked = when, True
        self.shown_time = self.shown_time and not shown  # the clock it showed is out of the words

    def _carrying(self) -> bool:
        return self.carried is not None and self.carried == self.pending_time

    def _end_field(self) -> None:
        value = squash("".join(self.buffer))
        if self.mode == "cite":
            # "Kevin:" and "Alban :" both name a speaker; the colon is punctuation, and so are the
            # angle brackets of an IRC nick (W3C's minutes: <cite>&lt;Ege&gt;</cite>).
            name = squash(value.rstrip().rstrip(":："))
            if _IRC_NICK.fullmatch(name):
                name = name[1:-1]
            self.speaker = None if _ANY_VOICE.fullmatch(name) else name
        elif self.mode == "time":
            if clock_text(value or self.time_attr) is None and (day := iso_day(self.time_attr or "") or date_in(value)):
                self.published = self.published or day  # <time datetime="2022-10-18T…">Oct 18, 2022</time>
            else:
                self.pending_time = value or self.time_attr
        self.mode, self.buffer = None, []

    def _flush(self) -> None:
        if self.paragraph is None:
            return
        blocked, self.container = self.container is not None, None
        end, self.container_end = self.container_end, None
        marked, self.marked, self.mark = self.marked, False, None
        lines = "".join(self.paragraph).split("\n")
        if blocked and self.pending_time is not None:
            lines = _without_restated_range(lines, clock_text(self.pending_time))
        text = squash(join_lines(lines)).lstrip(_PLAY_GLYPHS).strip()
        self.paragraph = None
        if self.bold_line and contact_lines(below := [squash(ln) for ln in lines[1:] if ln.strip()]):
            self.bold_line = False  # "<b>Jane Doe</b><br>123 Main St<br>…": her address, not her words
            self.contacts.append("\n".join([squash(lines[0]).rstrip(":："), *below]))
            return
        self.bold_line = False
        speaker = self.paragraph_speaker if self.speaker_attrs else self.speaker
        self.paragraph_speaker = None
        if not text and self.cell:
            return  # an empty cell of a layout table is no paragraph
        if _TIME_CELL.match(text) or (self.cell and _SECONDS_CELL.match(text)):
            self.pending_time = text  # a cell (or paragraph) holding only the time of the next one
            return
        if self.shown_time:
            text = _SHOWN_CLOCK.sub("", text)
            self.shown_time = False
        if self.noscribe:
            # "S01: [00:00:12] Guten Tag", and "[00:05:49]" again where a sentence starts after a pause.
            text = squash(_OVERLAP_MARK.sub(" ", _NOSCRIBE_CLOCK.sub(" ", text)))
        if speaker and self.speaker_attrs:
            name, rest = speaker_prefix(text)
            text = rest.strip() if name == speaker else text  # "[McGlynn]: Okay" under data-speaker="McGlynn"
        if not text and (self.pending_time is None or marked or self._carrying()):
            # An empty paragraph (<p><br></p>) says nothing; a mark with no words after it in its
            # paragraph is the start of the next words, wherever they are.
            self.carried = self.pending_time if marked else self.carried
            return
        if end is not None:
            self.ends[(self.pending_time, text)] = end
        self.paragraphs.append((speaker, self.pending_time, text))
        self.classes.append((self.kind, self.pending_time is not None))
        self.rows.append(self.row if self.cell else None)
        self.lines.append("\n".join(squash(line) for line in lines if line.strip()))
        self.pending_time = self.carried = None

    def close(self) -> None:
        super().close()
        if self.mode in ("cite", "time"):
            self._end_field()
        if self.listing is not None:
            self._end_listing()  # a chapter list left open at the end of the page
        self._flush()
        if self._carrying():
            # The last mark, with no words after it: where the words before it end.
            self.paragraphs.append((None, self.pending_time, ""))
            self.classes.append((self.classes[-1][0] if self.classes else None, True))
            self.rows.append(None)
            self.lines.append("")


def _block_ends(paragraphs: list[tuple[str | None, str | None, str]],
                written: dict[tuple[str | None, str], str]) -> dict[int, str]:
    """Each paragraph's end as its block wrote it (by index); where the next paragraph starts before
    it (a page that rounds its ends up), that start."""
    ends: dict[int, str] = {}
    for k, (_, when, body) in enumerate(paragraphs):
        if (end := written.get((when, body))) is None or (stop := clock_text(end)) is None:
            continue
        after = paragraphs[k + 1][1] if k + 1 < len(paragraphs) else None
        upcoming = clock_text(after) if after else None
        ends[k] = after if after and upcoming is not None and upcoming < stop else end
    return ends


def _without_restated_range(lines: list[str], start: float | None) -> list[str]:
    """A timed block's lines without the label at its top that restates its time range: the
    range's start is the block's own (to the second its clock shows)."""
    if start is None:
        return lines
    written = [k for k, line in enumerate(lines) if line.strip()][:_LABEL_LINES]
    for k in written:
        m = _RESTATED_RANGE.match(lines[k].strip())
        if m and (at := clock_text(m.group("start"))) is not None and abs(at - start) < 1:
            return lines[:k] + lines[k + 1 :]
    return lines


# A translated transcript page keeps the words as said in a folded block: "<details><summary>展開英文原文
# （備查）</summary><article><p>…" ("show the English original, for reference").
_DETAILS_OPEN = re.compile(r"<details\b[^<>]{0,200}>", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details", re.IGNORECASE)
_SUMMARY = re.compile(r"\s*<summary\b[^<>]{0,200}>(?P<text>.{0,200}?)</summary\s*>", re.IGNORECASE | re.DOTALL)
# The words as said, named as the original of a translation: "英文原文", "원문", "English original",
# "Original transcript", "Originaltext" (not "Original show notes").
_LANGUAGE = (r"english|chinese|japanese|korean|german|french|spanish|portuguese|italian|russian|"
             r"englisch|anglais|inglés|ingles|inglês")
_ORIGINAL = re.compile(rf"原文|原稿|원문|оригинал|\boriginal(?:text|transkript)\b|\b(?:{_LANGUAGE})\s+original\b|"
                       rf"\boriginal\s+(?:transcript|text|version|language|auf|{_LANGUAGE})\b|\boriginal\s*[(（]|"
                       rf"\b(?:show|view|read|see)\s+(?:the\s+)?original\b|"
                       rf"\b(?:texte|versi[óo]n|texto)\s+original|\bversion\s+originale\b",
                       re.IGNORECASE)
_PARAGRAPH_TAG = re.compile(r"<p[\s>]", re.IGNORECASE)
_ORIGINAL_PARAGRAPHS = 3
_HEAD_PARAGRAPHS = 5


def _original_aside(text: str) -> tuple[str, str] | None:
    """(the page without the block, the block) where a folded block holds the original of the page's
    transcript, a translation: at least as many paragraphs as half the page's others."""
    paragraphs = len(_PARAGRAPH_TAG.findall(text))
    close = -1
    opens = list(_DETAILS_OPEN.finditer(text))
    for k, m in enumerate(opens):
        if close < m.end():  # the next close after this open; found once for all opens before it (linear)
            found = _DETAILS_CLOSE.search(text, m.end())
            if found is None:
                break
            close = found.start()
        if k + 1 < len(opens) and opens[k + 1].start() < close:
            continue  # another block opens before this one closes: only the last open before a close is read
        summary = _SUMMARY.match(text, m.end(), close)
        if not summary or not _ORIGINAL.search(summary.group("text")):
            continue
        inner = text[summary.end():close]
        said = len(_PARAGRAPH_TAG.findall(inner))
        if said >= _ORIGINAL_PARAGRAPHS and 3 * said >= paragraphs:  # half the others, or more
            return text[:m.start()] + text[(text.find(">", close) + 1) or len(text):], inner
    return None


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    aside = _original_aside(text) if "<details" in text.lower() else None
    text = aside[0] if aside else text
    reader = _TranscriptParser()
    reader.feed(text)
    reader.close()
    if not reader.paragraphs and (lines := _span_lines(text, reader)):
        reader = lines
    plain_text.keep_contacts(reader.contacts, episode)
    if aside:
        original = _TranscriptParser()
        original.feed(aside[1])
        original.close()
        episode.extra["translations"] = [body for _, _, body in reader.paragraphs]
        episode.repair("translations", f"the page's {len(reader.paragraphs)} paragraphs translate the "
                       f"{len(original.paragraphs)} of its folded original: the original's words read, the "
                       "translation kept in extra['translations']")
        reader.paragraphs, reader.classes, reader.chapters = original.paragraphs, original.classes, original.chapters
        # The page's own lines above the translation ("Waiting To Be Signed · … · 2026-04-03") say when.
        episode.date = episode.date or next(
            (day for body in episode.extra["translations"][:_HEAD_PARAGRAPHS] if (day := date_in(body))), None)
    if not episode.title:
        # A page titled only "Transcript" says nothing: its <h1> may, or else the file name will.
        # Nor does one that is a speaker's label ("M:", the first word a word processor took for the title).
        episode.title = next((t for t in (reader.page_title, reader.first_h1)
                              if t and not generic_title(t) and not label_alone(t)), None)  # fmt: skip
        h1 = reader.first_h1
        if episode.title and h1 and h1 != episode.title and _site_name_beside(h1, episode.title):
            episode.title = h1  # "Episode 12: Pricing | Data Talks": the site's name is no part of the episode's

    _page_facts(reader, episode, text)
    if not episode.date and reader.published:
        episode.date = reader.published
    if not episode.date and reader.page_title and (day := date_in(reader.page_title)):
        episode.date = day  # "KEN THOMPSON 9-6-89": a word processor's page says when in its title only
        episode.repair("title_date", f"the date {day} read from the page's title {reader.page_title!r}")
    paragraphs = reader.paragraphs
    chapters = reader.chapters
    if marked := entries(text):
        _class_entries(marked, reader, episode)
        timed_paragraphs(marked.turns, episode, marked.chapters, marked.ends)
        return
    if (len(paragraphs) <= _NOTES_PARAGRAPHS and (kept := _kept_lines(text))
            and len(kept.split()) >= _PRE_OVER_PARAGRAPHS * sum(len(t.split()) for *_, t in paragraphs)):
        # Haskell Weekly's pages: the transcript a <div style="white-space: pre-line"> of lines (">> Hello…"),
        # beside a paragraph or two of show notes, which are the episode's notes.
        episode.repair("pre_text", "the page's transcript is text whose line breaks it keeps (white-space: pre-line): "
                                   "read as plain text; its paragraphs are the show notes")  # fmt: skip
        if notes := "\n\n".join(t for *_, t in paragraphs if t):
            episode.extra["description"] = notes
        plain_text.parse(kept, episode)
        return
    if not paragraphs and (turns := _loose_turns(reader.flow)):
        paragraphs, chapters = [(None, None, text) for text in turns[0]], turns[1]
        episode.repair("no_paragraphs", f"found no <p> paragraphs; {counted(len(paragraphs), 'paragraph')} read from "
                                        "the page's double line breaks and bold 'Name:' labels")  # fmt: skip
    elif not paragraphs:
        loose = squash(" ".join(reader.loose))
        if not loose:
            episode.repair("no_segments", "found no <p> paragraphs and no text")
            return
        if (pre := _preformatted(text)) and len(pre.split()) >= _PRE_SHARE * len(loose.split()):
            # The Government Publishing Office's Congressional Record pages keep the text in <pre>, as printed.
            episode.repair("pre_text", "the page's text is preformatted (<pre>), lines as printed: read as plain text")
            plain_text.parse(pre, episode)
            return
        episode.repair("no_paragraphs", "found no <p> paragraphs; the page text became one segment")
        paragraphs = [(None, None, loose)]

    if reader.synced:
        _sami_captions([(when, lines) for (_, when, _), lines in zip(paragraphs, reader.lines)], episode)
        return
    if paragraphs is reader.paragraphs:
        paragraphs, classes = _row_translations(paragraphs, reader.classes, reader.rows, episode)
        paragraphs, classes = _clock_openings(paragraphs, classes, episode)
        paragraphs, chapters = _page_text_aside(paragraphs, classes, chapters, episode)
    paragraphs, chapters = _heading_aside(*_notes_aside(*_columns_aside(paragraphs, chapters, episode), episode),
                                          episode)  # fmt: skip
    # A block's own end (data-end) holds for its paragraph wherever the steps above left it.
    ends = _block_ends(paragraphs, reader.ends)
    timed_paragraphs(paragraphs, episode, chapters, ends or None)
    if reader.listed and any(s.start is not None for s in episode.segments):
        # Written for the episode, they beat the page's headings ("Contents", "Transcript").
        episode.chapters = place_chapters(reader.listed, episode)
        episode.repair("chapter_list", f"{len(reader.listed)} chapters from the page's chapter list")


_PRE_SHARE = 0.8  # of the page's words in its <pre> blocks: the page is the printed text
_SPAN_SHARE = 0.9  # of the page's loose words in timed <span>s: the spans are its lines
_TIMED_SPAN = re.compile(rf"<span\s[^<>]*?\b(?:{'|'.join(_TIME_ATTRS)})\s*=\s*[\"']?\d", re.IGNORECASE)


def _span_lines(page: str, reader: _TranscriptParser) -> _TranscriptParser | None:
    """The page read with each timed <span> a line (<span data-timestamp="00:04">words</span>, as transcript
    widgets export), where it has no paragraphs and such spans hold nearly all its words; else None. Where
    words and labels sit between the spans (an editor's "Cari:" and a word split at a span's edge), they
    are not lines but marks among the words, and the page is read as it was."""
    if not _TIMED_SPAN.search(page):
        return None
    lines = _TranscriptParser(span_lines=True)
    lines.feed(page)
    lines.close()
    said = sum(len(body.split()) for *_, body in lines.paragraphs)
    return lines if said and said >= _SPAN_SHARE * len(" ".join(reader.loose).split()) else None
_TAG = re.compile(r"<[^<>]{0,2000}>")


def _preformatted(page: str) -> str:
    """The text of a page's ``<pre>`` blocks, tags taken out and entities decoded."""
    return _texts_of(page, _PRE_OPENING)


_PRE_OPENING = re.compile(r"<(?P<tag>pre)\b[^<>]*>", re.IGNORECASE)


def _texts_of(page: str, opening: re.Pattern[str]) -> str:
    """The text of each element ``opening`` finds (its ``tag`` group named), up to its closing tag and holding
    no element of its own kind, tags out and entities decoded (found by ``str.find``: linear on any page)."""
    out: list[str] = []
    lower = page.lower()
    at = 0  # the end of the last element read: what lies inside it is read already
    unclosed: set[str] = set()  # tags closed nowhere after some point: nowhere after a later one either
    for m in opening.finditer(page):
        tag = m.group("tag").lower()
        if m.start() < at or tag in unclosed:
            continue
        end = lower.find(f"</{tag}", m.end())
        if end < 0:
            unclosed.add(tag)
            continue
        at = end
        if lower.find(f"<{tag}", m.end(), end) < 0:
            out.append(html.unescape(_TAG.sub("", page[m.end():end])))
    return "\n\n".join(out)


# An element that keeps its text's line breaks, as <pre> does: "<div style='white-space: pre-line;'>".
_KEEPS_LINES = re.compile(r"<(?P<tag>div|section|article|main)\b[^<>]*white-space\s*:\s*pre(?:-line|-wrap)?\b[^<>]*>",
                          re.IGNORECASE)
# Its words must outnumber the page's paragraphs' this many times to be the transcript, not a code sample.
_PRE_OVER_PARAGRAPHS = 4
# ...and the page may have no more paragraphs than show notes have: a page of <p> turns is read by them, whatever
# code sample or sidebar keeps its lines beside them.
_NOTES_PARAGRAPHS = 3
_KEPT_LINES_WORDS = 100


def _kept_lines(page: str) -> str:
    """The text of the page's elements that keep their line breaks (``white-space: pre-line``) and
    hold no element of their own kind, tags out and entities decoded; "" if short."""
    text = _texts_of(page, _KEEPS_LINES)
    return text if len(text.split()) >= _KEPT_LINES_WORDS else ""


# What stands between a page's title and its site's name: "Episode 12: Pricing | Data Talks".
_TITLE_SEPARATOR = re.compile(r"^\s*[|:·•–—-]\s*|\s*[|:·•–—-]\s*$")


def _site_name_beside(h1: str, title: str) -> bool:
    """Whether ``title`` is the page's ``<h1>`` and something else (the site's name) beside it, not
    a longer title that says the ``<h1>`` inside it ("Transkript: Tagesschau 18. März 2026")."""
    at = title.casefold().find(h1.casefold())
    if at < 0:
        return False
    before, after = title[:at], title[at + len(h1):]
    return (not before.strip() and bool(_TITLE_SEPARATOR.match(after))) or (
        not after.strip() and bool(_TITLE_SEPARATOR.search(before)))


def _class_entries(marked: Entries, reader: _TranscriptParser, episode: Episode) -> None:
    """The page's turns are its blocks of class-marked parts: the rest of it is not speech, and a date
    the text above the turns writes out ("Sendung vom 18. März 2026") is the episode's."""
    episode.repair("class_entries", f"{len(marked.turns)} blocks whose parts are marked by class as time, speaker "
                                    "and words read as turns")  # fmt: skip
    if marked.aside:
        episode.extra["page_text"] = "\n".join(marked.aside)
        episode.repair("page_text", f"{counted(len(marked.aside), 'block')} of the page outside its turns (header, notes, "
                                    "footer) kept in extra['page_text'], not as speech")  # fmt: skip
    if not episode.date:
        episode.date = next((day for line in marked.aside[:marked.lead] if (day := date_in(line))), None)


def timed_paragraphs(paragraphs: list[tuple[str | None, str | None, str]], episode: Episode,
                     chapters: Sequence[tuple[str, int]] = (), ends: Mapping[int, str] | None = None) -> None:
    """Add ``paragraphs``, each (speaker, time as written or None, words), as segments: a
    paragraph runs until the next starts (or to the end ``ends`` gives it, by index, as written),
    one with no time shares the time between the times around it by its words, and a ``Name:``
    label opening paragraphs names their speaker where such labels recur. ``chapters`` are
    (heading, index of the paragraph it opens)."""
    # A paragraph that is only a transcriber's note ("(Shuffling of papers)", "{END}") is said by no one.
    notes = {k for k, (_, _, body) in enumerate(paragraphs) if stage_note(body)}
    if not any(speaker for speaker, _, _ in paragraphs):
        paragraphs = _labelled(paragraphs, episode)
    if notes:
        paragraphs = [(None, when, body) if k in notes else (speaker, when, body)
                      for k, (speaker, when, body) in enumerate(paragraphs)]  # fmt: skip
        episode.repair("stage_notes", f"{counted(len(notes), 'paragraph')} {agrees(len(notes), 'is', 'are')} only a transcriber's note "
                                      f"({paragraphs[min(notes)][2]!r}): set aside as directions, not speech")  # fmt: skip

    cues: list[Cue] = []
    speakers: dict[int, str | None] = {}
    untimed = 0
    for k, (speaker, when, body) in enumerate(paragraphs):
        start = clock_text(when) if when else None
        if when and start is None:
            episode.repair("bad_timestamp", f"unreadable <time> {when!r}; left untimed", f"paragraph {k + 1}")
        untimed += start is None
        cue = Cue(k + 1, start, clock_text(ends.get(k)) if ends else None, body, label="paragraph")
        speakers[id(cue)] = speaker
        cues.append(cue)
    cues = fix_times(cues, episode)
    # Headings all above the first line (a page's title) leave its lines a caption's still.
    if not untimed and not notes and all(not k for _, k in chapters) and _caption_fragments(cues, speakers):
        end_at_next_start(cues, None)
        for title, _ in chapters:
            episode.add_chapter(title, cues[0].start)
        build(cues, episode)  # a caption's lines, each timed: joined into sentences as a caption file's are
        return
    if untimed and untimed < len(cues):
        time_untimed(cues, untimed, "paragraph", episode)
    end_at_next_start(cues, None if untimed else episode)  # a monologue runs until the next one starts

    empty = blanks = 0
    opens = {index: title for title, index in chapters}  # paragraph index -> heading before it
    for cue in cues:
        if cue.position - 1 in opens:
            episode.add_chapter(opens.pop(cue.position - 1), cue.start)
        blanks += len(_BLANK.findall(cue.payload))
        words = _BLANK.sub("", cue.payload).strip()
        spoken, directions = ("", [cue.payload]) if cue.position - 1 in notes else split_directions(words)
        if not spoken and not directions:
            # A last time with no words after it marks where the words before it end.
            empty += cue is not cues[-1] or cue.start is None
            continue
        episode.add_segment(
            spoken, start=cue.start, end=cue.end, speaker=speakers[id(cue)], directions=directions
        )
    if empty:
        episode.repair("empty_segment", f"{counted(empty, 'empty paragraph')} {agrees(empty, 'was', 'were')} dropped")
    if blanks:
        blank_mark = "empty '{}' mark"
        episode.repair("blank_marks", f"{counted(blanks, blank_mark)} a transcriber left in the words dropped")
    if not episode.segments:
        episode.repair("no_segments", "the transcript has no paragraphs with text")


def _caption_fragments(cues: list[Cue], speakers: Mapping[int, str | None]) -> bool:
    """Timed paragraphs that are a video's caption lines ("これについてをメインに話し" / "ていこうと思います。",
    as a site keeps its YouTube captions in a page's front matter): no
    speaker, many short pieces, most of them stopping mid-sentence."""
    return not any(speakers.values()) and caption_fragments([squash(c.payload) for c in cues])


# "It seems like a {} marvelous way": a word processor's transcript leaves braces empty where words
# were to be filled in; they say nothing. The space before them goes with them.
_BLANK = re.compile(r"\s*\{\s*\}")


def _sami_captions(captions: list[tuple[str | None, str]], episode: Episode) -> None:
    """SAMI's captions, (time, lines), as cues: each ``<SYNC>`` starts one and ends the one before,
    and an empty one (``&nbsp;``) only ends it. Then they go the way of every caption file: names
    (on any line), sounds, fragments joined into sentences."""
    cues: list[Cue] = []
    for when, body in captions:
        start = clock_text(when) if when else None
        if cues and cues[-1].end is None and start is not None and cues[-1].start is not None and start >= cues[-1].start:
            cues[-1].end = start
        if body.strip():
            cues.append(Cue(len(cues) + 1, start, None, body, label="caption"))
    build(cues, episode)


# Where a page's schema.org data (JSON-LD) or meta tags give the episode's date and recording.
_DATE_KEYS = ("datePublished", "uploadDate", "dateCreated")
_DATE_META = ("article:published_time", "og:published_time", "date", "dc.date", "pubdate")
_LINK_KEYS = ("isBasedOn", "embedUrl", "contentUrl", "url", "sameAs", "associatedMedia", "video", "audio")


def _linked_objects(blocks: list[str]) -> list[dict[str, object]]:
    """Every object in the page's JSON-LD blocks, nested ones and ``@graph`` members included."""
    found: list[dict[str, object]] = []

    def walk(value: object, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(value, dict):
            found.append(value)
            for inner in value.values():
                walk(inner, depth + 1)
        elif isinstance(value, list):
            for inner in value[:200]:
                walk(inner, depth + 1)

    for block in blocks:
        try:
            walk(json.loads(block), 0)
        except (ValueError, RecursionError):
            continue  # a broken block says nothing; the transcript is read all the same
    return found


def _page_facts(reader: _TranscriptParser, episode: Episode, text: str) -> None:
    """The date and the recording a page's schema.org data or meta tags give: a generated
    transcript page often says when the meeting was and which video it transcribes there only.
    A page a browser saved says where it was saved from."""
    objects = _linked_objects(reader.linked_data)
    if not episode.date:
        dates = [str(o[k]) for o in objects for k in _DATE_KEYS if isinstance(o.get(k), str)]
        dates += [reader.meta[k] for k in _DATE_META if reader.meta.get(k)]
        episode.date = next((day for d in dates if (day := iso_day(d))), None)
    links = [str(o[k]) for o in objects for k in _LINK_KEYS if isinstance(o.get(k), str)]
    links += [reader.meta[k] for k in ("og:video", "og:video:url", "og:audio") if reader.meta.get(k)]
    if not episode.youtube_id:
        episode.youtube_id = next((video for link in links if (video := youtube_id(link))), None)
    if not episode.media_url:
        audio = [str(o["contentUrl"]) for o in objects if isinstance(o.get("contentUrl"), str)
                 and str(o.get("@type", "")).lower() in ("audioobject", "mediaobject")]  # fmt: skip
        audio += [reader.meta["og:audio"]] if reader.meta.get("og:audio") else []
        episode.media_url = next((url for url in audio if web_url(url)), None)
    if not episode.page_url:
        # Where the page lives: its canonical link or Open Graph address, else where a browser saved it from.
        saved = _SAVED_FROM.match(text)
        found = [reader.meta.get("canonical"), reader.meta.get("og:url"), saved.group(1) if saved else None]
        episode.page_url = next((url for candidate in found if candidate and (url := web_url(candidate))), None)


# The mark a browser leaves atop a page saved from the web: "<!-- saved from url=(0054)https://… -->",
# the number being the address's length.
_SAVED_FROM = re.compile(r"\s*(?:<!DOCTYPE[^>]{0,200}>\s*)?<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


def _page_text_aside(paragraphs: list[tuple[str | None, str | None, str]], classes: list[tuple[str | None, bool]],
                     chapters: list[tuple[str, int]], episode: Episode,
                     ) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str, int]]]:  # fmt: skip
    """A generated page marks its transcript lines with one class (``<p class="line" data-t=...>``);
    an untimed paragraph of another class (``<p class="byline">AI-generated transcript</p>``)
    is the page's own text, not speech: kept in ``extra["page_text"]`` and reported. The chapters
    (heading, index of the paragraph it opens) open the same paragraphs after."""
    timed = {kind for kind, has_time in classes if has_time}
    if len(timed) != 1 or None in timed or sum(has_time for _, has_time in classes) < 2:
        return paragraphs, chapters
    line_class = timed.pop()
    aside = [k for k, (paragraph, (kind, has_time)) in enumerate(zip(paragraphs, classes, strict=True))
             if not has_time and kind != line_class and paragraph[2]]  # fmt: skip
    if aside:
        episode.repair("page_text", f"{counted(len(aside), 'untimed paragraph')} outside the page's timed transcript lines "
                                    f"(class {line_class!r}) kept in extra['page_text'], not as speech")  # fmt: skip
    return _set_aside(paragraphs, chapters, aside, episode)


def _heading_aside(paragraphs: list[tuple[str | None, str | None, str]], chapters: list[tuple[str, int]],
                   episode: Episode) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str, int]]]:  # fmt: skip
    """An interview's heading above its first turn (``Interview with Ken Thompson, 9-6-89``, a place
    and date, ``…, Interviewer``) is the page's text, not speech; its date is the episode's when
    neither the page's data nor its title gives one."""
    labels = [speaker_prefix(body)[0] for _, _, body in paragraphs]
    names = credible(labels)
    first = next((k for k, (speaker, _, _) in enumerate(paragraphs) if speaker or labels[k] in names), 0)
    aside = heading_above([body for _, _, body in paragraphs], first)
    if not aside:
        return paragraphs, chapters
    lines = [paragraphs[k][2] for k in aside]
    heading_facts(lines, episode)
    episode.repair("page_heading", f"{counted(len(aside), 'line')} above the first turn {agrees(len(aside), 'is', 'are')} the page's heading, not speech "
                                   f"({lines[0]!r}); kept in extra['page_text']")  # fmt: skip
    return _set_aside(paragraphs, chapters, aside, episode)


# Hansard's column heading, printed where a column of the bound volume starts, often mid-speech.
_COLUMN_HEADING = re.compile(r"^\d{1,2} [A-Z][a-z]{2,8} \d{4}[ \t]*:[ \t]*Column \d{1,5}[A-Z]{0,3}$")


def _row_translations(paragraphs: list[tuple[str | None, str | None, str]], classes: list[tuple[str | None, bool]],
                      rows: list[int | None], episode: Episode,
                      ) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str | None, bool]]]:  # fmt: skip
    """A table whose rows give a line, then its translation in another script (time | English | Korean):
    the later cells are kept in ``extra["translations"]`` (``translated_page.interleaved``), not spoken,
    and a later cell with no letters ("-", nothing to translate) is dropped with them."""
    cells: dict[int, list[int]] = {}
    for k, row in enumerate(rows):
        if row is not None:
            cells.setdefault(row, []).append(k)
    multi = [ks for ks in cells.values() if len(ks) > 1]
    turns = [[paragraphs[k][2] for k in ks] for ks in multi]
    interleaved(turns, [], episode, "table rows")  # takes the translations out of ``turns``
    dropped = {k for ks, turn in zip(multi, turns) for k in ks[len(turn):]}
    if not dropped:
        return paragraphs, classes
    dropped |= {k for ks in multi for k in ks[1:] if not any(c.isalpha() for c in paragraphs[k][2])}
    kept = [k for k in range(len(paragraphs)) if k not in dropped]
    return [paragraphs[k] for k in kept], [classes[k] for k in kept]


def _columns_aside(paragraphs: list[tuple[str | None, str | None, str]], chapters: list[tuple[str, int]],
                   episode: Episode) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str, int]]]:  # fmt: skip
    """The official report's column headings (``19 July 2011 : Column 772``) are the volume's, not speech."""
    aside = [k for k, (_, _, body) in enumerate(paragraphs) if _COLUMN_HEADING.match(body)]
    if aside:
        episode.repair("page_furniture", f"{counted(len(aside), 'column heading')} of the printed report "
                                         f"({paragraphs[aside[0]][2]!r}) kept in extra['page_text'], not as speech")  # fmt: skip
    return _set_aside(paragraphs, chapters, aside, episode)


# A page's line saying when the episode came out, above its transcript.
_DATED_NOTE = re.compile(r"^(?:published|posted|released|aired|recorded)(?:\s+on)?\b", re.IGNORECASE)
_DATED_WORDS = 8


def _notes_aside(paragraphs: list[tuple[str | None, str | None, str]], chapters: list[tuple[str, int]],
                 episode: Episode) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str, int]]]:  # fmt: skip
    """What a page says above its "Transcript" heading (``<h2 id="transcript">Transcript</h2>``) is its
    show notes, kept in ``extra["show_notes"]``; neither it nor the headings over it are the talk's."""
    from podsift.formats.markdown_page import transcript_heading

    at = next((k for k, (title, index) in enumerate(chapters) if index > 0 and transcript_heading(title)), None)
    if at is None:
        return paragraphs, chapters
    first = chapters[at][1]
    notes = [body for _, _, body in paragraphs[:first]]
    if sum(len(body.split()) for _, _, body in paragraphs[first:]) < sum(len(body.split()) for body in notes):
        return paragraphs, chapters  # "Transcript" over a line about it, below the talk: the talk is above
    episode.extra["show_notes"] = "\n\n".join(notes)
    # "Published May 26, 2024" among the notes: the episode's day, where the page's data gave none.
    episode.date = episode.date or next((day for body in notes if _DATED_NOTE.match(body) and len(body.split()) <= _DATED_WORDS
                                         and (day := date_in(body))), None)  # fmt: skip
    episode.repair("show_notes", f"{counted(first, 'paragraph')} above the heading {chapters[at][0]!r} kept as show notes, "
                                 "not speech")  # fmt: skip
    return paragraphs[first:], [(title, index - first) for title, index in chapters[at + 1:]]


def _set_aside(paragraphs: list[tuple[str | None, str | None, str]], chapters: list[tuple[str, int]],
               aside: list[int], episode: Episode,
               ) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str, int]]]:  # fmt: skip
    """``paragraphs`` without those at the indices ``aside``, which go to ``extra["page_text"]``; the
    chapters (heading, index of the paragraph it opens) open the same paragraphs after."""
    if not aside:
        return paragraphs, chapters
    skipped = set(aside)
    kept: list[tuple[str | None, str | None, str]] = []
    kept_before: list[int] = []  # for each paragraph, how many are kept before it
    for k, paragraph in enumerate(paragraphs):
        kept_before.append(len(kept))
        if k not in skipped:
            kept.append(paragraph)
    kept_before.append(len(kept))
    page_text = [episode.extra["page_text"]] if episode.extra.get("page_text") else []
    episode.extra["page_text"] = "\n".join(page_text + [paragraphs[k][2] for k in aside])
    return kept, [(title, kept_before[index]) for title, index in chapters]


# A clock opening a paragraph's words, as a Riverside-style export writes it in HTML:
# "<span class="transcript-meta">[00:13] João:</span><br>Okay", also "[1:02:03]" or "(00:13)".
_OPENING_CLOCK = re.compile(r"^(?:\[(?P<square>(?:\d{1,2}:)?\d{1,2}:[0-5]\d)\]|\((?P<round>(?:\d{1,2}:)?\d{1,2}:[0-5]\d)\))\s*")


def _clock_openings(paragraphs: list[tuple[str | None, str | None, str]], classes: list[tuple[str | None, bool]],
                    episode: Episode) -> tuple[list[tuple[str | None, str | None, str]], list[tuple[str | None, bool]]]:  # fmt: skip
    """Untimed paragraphs that open with their time in the words (``[00:13] João: Okay``) start
    there, the clock out of the words; only where most paragraphs do, so that a "(10:30)" said
    once in a page's prose stays words."""
    found = [None if when else _OPENING_CLOCK.match(body) for _, when, body in paragraphs]
    opened = sum(m is not None for m in found)
    if opened < 2 or opened * 2 < len(paragraphs):
        return paragraphs, classes
    timed: list[tuple[str | None, str | None, str]] = []
    marked: list[tuple[str | None, bool]] = []
    for (speaker, when, body), (kind, has_time), m in zip(paragraphs, classes, found, strict=True):
        if m:
            when, body, has_time = m.group("square") or m.group("round"), body[m.end():], True
        timed.append((speaker, when, body))
        marked.append((kind, has_time))
    episode.repair("clock_in_words", f"{counted(opened, 'paragraph')} {agrees(opened, 'opens', 'open')} with their time ('[00:13]'): it starts them, not words")
    return timed, marked


def _loose_turns(flow: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, int]]] | None:
    """The turns of a page with no ``<p>`` (a hearing's transcript site:
    ``<strong>Mr. BELNICK</strong>: Now, ...<br/><br/><strong>Ms. HALL</strong>: Yes, sir.``),
    with the chapters its headings open: a double line break, a block or a bold ``Name:`` label
    (its colon inside or after the bold, spaced or not) starts a paragraph; a single ``<br>``
    is a wrapped line. None unless such labels behave like speakers: other text stays one segment."""
    paragraphs: list[str] = []
    chapters: list[tuple[str, int]] = []
    words: list[str] = []  # the open paragraph
    bold: list[str] | None = None  # the open bold run's text
    blank = False  # nothing but spaces since the last line break
    unlabel = False  # the colon of the label just read is to leave the next words

    def end() -> None:
        if text := squash(join_lines("".join(words).split("\n"))):
            paragraphs.append(text)
        words.clear()

    for k, (kind, text) in enumerate(flow):
        if kind == "text":
            if unlabel:
                text, unlabel = re.sub(r"^\s*[:.]", "", text), False
            (words if bold is None else bold).append(text)
            blank = blank and not text.strip()
        elif kind == "br" and bold is None:
            if blank:
                end()  # a double line break
            words.append("\n")
            blank = True
        elif kind == "bold" and bold is None:
            bold = []
        elif kind == "/bold" and bold is not None:
            name = squash("".join(bold))
            after = "".join(t for _, t in itertools.takewhile(lambda item: item[0] == "text", flow[k + 1:k + 4]))
            colon = name.endswith((":", "：")) or after.lstrip().startswith(":")
            label = squash(name.rstrip(":："))
            # A hearing record's "<strong>Mr. NIELDS</strong>. Now, …": its full stop ends the label.
            stop = not colon and (name.endswith(".") or after.lstrip().startswith(".")) and hearing_label(
                name if name.endswith(".") else f"{name}.") is not None  # fmt: skip
            label = label[:-1] if stop and name.endswith(".") else label
            if (colon or stop) and label and speaker_prefix(f"{label}: said")[0] == label:
                end()
                words.append(f"{label}: ")
                unlabel = not name.endswith((":", "：", "."))
            else:
                words.extend(bold)
            bold = None
        elif kind in ("block", "heading"):
            words.extend(bold or [])
            bold = None
            end()
            if kind == "heading":
                chapters.append((text, len(paragraphs)))
    words.extend(bold or [])
    end()
    if len(paragraphs) < 2 or not credible([speaker_prefix(text)[0] for text in paragraphs]):
        return None
    return paragraphs, chapters


def _labelled(paragraphs: list[tuple[str | None, str | None, str]],
              episode: Episode) -> list[tuple[str | None, str | None, str]]:  # fmt: skip
    """``<p><strong>Bill Raymond:</strong> Hi</p>``: a page that names each speaker in the paragraph's
    own words, or in a paragraph of its own (``<p>Chairman INOUYE.</p>``, a hearing record's label
    with its full stop). A label that behaves like a speaker holds until the next, as a ``<cite>``
    does; a hearing's bare surname (``NIELDS. What was…``) is the one labelled speaker it ends."""
    prefixed = [_label(body) for _, _, body in paragraphs]
    names = credible([name for name, _ in prefixed])
    # A hearing record's label alone in its paragraph names its speaker even said once ("<p>Mr. RUDMAN.</p>"
    # over a whole opening statement): its title and capitals are no header's.
    names |= {name for (name, rest), (_, _, body) in zip(prefixed, paragraphs)
              if name and not rest.strip() and hearing_label(body.strip()) is not None}
    if not names:
        return paragraphs
    surnames = Counter(name.split()[-1] for name in names if hearing_label(f"{name}.") is not None)
    labelled: list[tuple[str | None, str | None, str]] = []
    current: str | None = None
    carried: str | None = None  # the time of a label alone on its paragraph: its words' start
    named = alone = 0
    for (_, when, body), (name, rest) in zip(paragraphs, prefixed):
        if name not in names and (m := _BARE_SURNAME.match(body)) and surnames[m.group(1)] == 1:
            name, rest = next(n for n in names if n.split()[-1] == m.group(1)), body[m.end():]
        if name in names:
            current, body = name, rest
            named += 1
            if not body.strip():
                alone += 1
                carried = carried or when
                continue
        labelled.append((current, when or carried, body))
        carried = None
    episode.repair("speaker_labels", f"{counted(named, 'paragraph')} {agrees(named, 'opens', 'open')} with a 'Name:' label naming the speaker"
                   + (f", {alone} of them a label alone on its paragraph" if alone else ""))  # fmt: skip
    return labelled


# A hearing record's speaker named by the surname alone, in capitals ("NIELDS. What was…").
_BARE_SURNAME = re.compile(r"([A-Z][A-Z'’-]+)\.[ \t]+(?=\S)")


def _label(body: str) -> tuple[str | None, str]:
    """The label opening a paragraph (``Jane:``, a hearing's ``Mr. NIELDS.``) or alone in it, and the rest."""
    if chair_line(body):
        return None, body
    name, rest = speaker_prefix(body)
    if name is None:
        found = label_alone(body) or hearing_label(body)
        name, rest = found if found else (None, body)
    return name, rest

"""Interactive transcripts: HTML whose every word is an element timed by its attributes.

Hyperaudio pages time each word in milliseconds (``<span data-m="4470" data-d="270">We </span>``,
Hyperaudio Pad's ``<span m="4470">``) and name who speaks in an element of class ``speaker``
(``<span class="speaker">Doc: </span>``, ``[Chris]``); other players time words in seconds
(``<span start="6.14" end="6.48">Dear</span>``) with untimed words and punctuation between them and
``<br/><br/>`` between paragraphs. Read as an ordinary page, the speaker spans ended their own
paragraphs and the words fell outside any: a demo page kept only "Playback Rate 1", and a talk
of 14,623 words became one untimed segment. Here each word keeps its time, words join into
sentences within their paragraph, and headings are chapters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from podsift.formats import podcast_html
from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, merge_turns, ms
from podsift.formats.plain_text import speaker_prefix
from podsift.model import Episode
from podsift.text import as_time, counted, decimal_text, prepare_text, split_directions, squash, web_url, youtube_id

NAME = "hyperaudio"
EXTENSIONS = (".html", ".htm", ".xml")

# A word element timed by its own attributes, as _span reads them (each name after a space: not
# "data-start", nor "?start=" or "?m=1" inside a link); this many make an interactive transcript.
_TIMED_WORD = re.compile(r"<(?:span|a)\s[^<>]{0,300}?(?<=\s)(?:(?:data-m|m)=[\"']?\d|start=[\"']?\d[^<>]{0,100}?\send=)",
                         re.IGNORECASE)
_MIN_WORDS = 10
_SNIFF_CHARS = 2_000_000
_SKIP = frozenset({"script", "style", "head", "template", "noscript", "svg", "dialog", "button", "select"})
_BREAKS = frozenset({"p", "div", "section", "article", "li", "ul", "ol", "blockquote", "td", "tr", "table",
                     "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "form"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The class of the element naming who speaks (a token of its own: not "speaker-photo" or "no-speaker").
_SPEAKER_CLASSES = frozenset({"speaker", "speaker-name", "speakername", "speaker_name", "speaker-label"})
# Untimed elements showing a clock beside the words (Trint's "[00:00:18]"): the page's, not speech.
_CLOCK_CLASSES = frozenset({"timecode", "timestamp", "time-stamp", "tc"})
_LABEL_MARKS = " \t\n:：[]()"
_MEDIA_TAGS = frozenset({"audio", "video", "source"})
_RESTART = 60.0  # a word this much before the one before it starts another recording
# A Latin word's letters (or its hyphen) on both sides of two elements: one word split between them.
# Scripts written without spaces never glue this way; their phrases join as any caption's do.
_WORD_END = re.compile(r"[A-Za-zÀ-ÿ'’-]")
_WORD_START = re.compile(r"[A-Za-zÀ-ÿ]")


def sniff(text: str) -> float:
    found = 0
    for _ in _TIMED_WORD.finditer(text, 0, _SNIFF_CHARS):
        found += 1
        if found >= _MIN_WORDS:
            return 0.92
    return 0.0


def _decimal(value: str | None) -> float | None:
    return decimal_text(value) if value is not None else None  # not float(): "1_000", "nan"


def _span(attrs: dict[str, str | None]) -> tuple[float, float | None] | None:
    """A word element's start and end in seconds, from milliseconds (``data-m``/``data-d``, ``m``)
    or seconds (``start``/``end``); None for an element its attributes do not time."""
    if (m := _decimal(attrs.get("data-m") if "data-m" in attrs else attrs.get("m"))) is not None:
        d = _decimal(attrs.get("data-d"))
        start = as_time(m / 1000)
        return (start, as_time((m + d) / 1000) if d is not None and d >= 0 else None) if start is not None else None
    if (s := _decimal(attrs.get("start"))) is not None and (start := as_time(s)) is not None:
        end = as_time(_decimal(attrs.get("end")))
        return start, end if end is not None and end >= start else None
    return None


@dataclass
class _Paragraph:
    speaker: str | None
    # each piece of text with the (start, end) of the timed element it is in, or None
    chunks: list[tuple[str, tuple[float, float | None] | None]] = field(default_factory=list)

    def add(self, text: str, span: tuple[float, float | None] | None) -> None:
        self.chunks.append((text, span))

    @property
    def timed(self) -> bool:
        return any(span is not None for _, span in self.chunks)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.paragraphs: list[_Paragraph] = []
        self.open: _Paragraph | None = None
        self.speaker: str | None = None
        self.label: list[str] | None = None  # the text of an open speaker element
        self.label_tag: str | None = None
        self.heading: list[str] | None = None
        self.heading_time: float | None = None
        self.chapters: list[tuple[str, float | None, int]] = []  # (title, start, paragraph index)
        self.timed: list[tuple[str, tuple[float, float | None]]] = []  # open timed elements (tag, span)
        self.breaks = 0  # <br>s in a row, nothing but space between them
        self.title: list[str] | None = None
        self.page_title = ""
        self.media: str | None = None
        self.aside: tuple[str, int] | None = None  # an open clock element: its tag, how deep
        self.svg = 0  # inside an <svg>, whose <title> names an icon

    def end_paragraph(self) -> None:
        if self.open is not None and any(text.strip() for text, _ in self.open.chunks):
            self.paragraphs.append(self.open)
        self.open = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.svg += tag == "svg"
        if tag == "title" and not self.svg and not self.page_title:
            self.title = []  # the page's own, not an icon's <svg><title>
        # the player: <audio>, <video>, a section's data-media-src, an embed (data-player-type="soundcloud")
        if tag in _MEDIA_TAGS or "data-media-src" in values or "data-player-type" in values:
            self.media = self.media or web_url(values.get("data-media-src") or values.get("src"))
        if tag in _SKIP:
            self.skip += 1
        if self.skip:
            return
        classes = set((values.get("class") or "").lower().split())
        if self.aside is not None:
            self.aside = (self.aside[0], self.aside[1] + (tag == self.aside[0]))
            return
        if classes & _CLOCK_CLASSES and _span(values) is None and tag not in podcast_html.VOID_ELEMENTS:
            self.aside = (tag, 1)
            return
        if tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.end_paragraph()  # a blank line between paragraphs
            return
        if tag in _BREAKS:
            self.end_paragraph()
        if tag in _HEADINGS:
            self.heading, self.heading_time = [], None
        span = _span(values)
        if classes & _SPEAKER_CLASSES and tag not in podcast_html.VOID_ELEMENTS:
            self.end_paragraph()
            self.label, self.label_tag = [], tag
            return
        if span is not None:
            self.timed.append((tag, span))
            if self.heading is not None and self.heading_time is None:
                self.heading_time = span[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "br":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.svg -= tag == "svg" and self.svg > 0
        if tag == "title" and self.title is not None:
            self.page_title, self.title = squash("".join(self.title)), None
        if tag in _SKIP and self.skip:
            self.skip -= 1
            return
        if self.skip:
            return
        if self.aside is not None:
            if tag == self.aside[0]:
                self.aside = (tag, self.aside[1] - 1) if self.aside[1] > 1 else None
            return
        if self.label is not None and tag == self.label_tag:
            self.speaker = squash("".join(self.label)).strip(_LABEL_MARKS) or None
            self.label = self.label_tag = None
            return
        if self.timed and self.timed[-1][0] == tag:
            self.timed.pop()
        if tag in _HEADINGS and self.heading is not None:
            if title := squash("".join(self.heading)):
                self.chapters.append((title, self.heading_time, len(self.paragraphs)))
            self.heading = None
            return
        if tag in _BREAKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if self.skip or self.aside is not None:
            return
        if data.strip():
            self.breaks = 0
        if self.label is not None:
            self.label.append(data)
            return
        if self.heading is not None:
            self.heading.append(data)
            return
        if self.open is None:
            if not data.strip():
                return
            self.open = _Paragraph(self.speaker)
        self.open.add(data, self.timed[-1][1] if self.timed else None)


def _glues(paragraph: _Paragraph) -> bool:
    """Whether the paragraph splits a word between two elements now and then (``in</span><span>put``),
    rather than setting every word in an element of its own with no space between them at all."""
    boundaries = glued = 0
    before = ""
    for text, span in paragraph.chunks:
        if span is not None and before:
            boundaries += 1
            glued += bool(_WORD_END.match(before[-1]) and _WORD_START.match(text))
        before = text or before
    return glued <= boundaries / 2


def _pieces(paragraph: _Paragraph) -> list[Piece]:
    """A piece for each timed element's words; the words between elements (punctuation, a word the
    aligner missed) go with the element before them, or before the first one's. An element that
    opens with no space after one that closed with none goes on the same word (``in</span><span>put``)."""
    pieces: list[Piece] = []
    lead = ""  # untimed words before the paragraph's first timed element
    glues = _glues(paragraph)
    for text, span in paragraph.chunks:
        glued = glues and bool(pieces) and bool(_WORD_END.match(pieces[-1].text[-1:])) and bool(_WORD_START.match(text))
        if span is None or glued:
            if pieces:
                pieces[-1].text += text
                if span is not None and span[1] is not None:
                    pieces[-1].end = ms(span[1])
            else:
                lead += text
            continue
        start, end = ms(span[0]), ms(span[1])
        if pieces and (before := pieces[-1]).end is not None and start is not None and start < before.end:
            before.end = max(start, before.start or start)  # an aligner's words overlap a little: one after another
        pieces.append(Piece(start, end, paragraph.speaker, lead + text))
        lead = ""
    for p in pieces:
        p.text = squash(p.text)
    return [p for p in pieces if p.text]


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.end_paragraph()
    timed = [p for p in reader.paragraphs if p.timed]
    if not timed:
        # Timed attributes, but on no words (a list of links that start somewhere): an ordinary page.
        episode.source_format = podcast_html.NAME
        podcast_html.parse(text, episode)
        return
    first = next(k for k, p in enumerate(reader.paragraphs) if p.timed)
    # The page's <title>, else a heading above the words with no time of its own (Trint's <h1>).
    above = next((c[0] for c in reader.chapters if c[2] <= first and c[1] is None), None)
    episode.title = episode.title or reader.page_title or above
    named_by = above if episode.title == above and not reader.page_title else None  # that heading is no chapter
    if (video := youtube_id(reader.media or "")) and not episode.youtube_id:
        episode.youtube_id = video
    elif reader.media and not episode.media_url:
        episode.media_url = reader.media
    chapters = iter(reader.chapters)
    chapter = next(chapters, None)
    named = any(p.speaker for p in timed)
    carried: str | None = None  # a "NAME:" opening a paragraph, on a page with no speaker elements
    words = typed = 0
    for index, paragraph in enumerate(reader.paragraphs):
        while chapter is not None and chapter[2] <= index:
            if (chapter[1] is not None or index >= first) and chapter[0] != named_by:
                episode.add_chapter(chapter[0], chapter[1])
            chapter = next(chapters, None)
        if not paragraph.timed:
            continue
        turns = merge_turns(_pieces(paragraph), merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)
        if not named and turns:
            label, rest = speaker_prefix(turns[0].text)
            if label:
                carried, turns[0].text, typed = label, rest, typed + 1
            for turn in turns:
                turn.speaker = carried
        for turn in turns:
            said, directions = split_directions(turn.text)
            words += len(turn.text.split())
            episode.add_segment(said, start=turn.start, end=turn.end, speaker=turn.speaker, directions=directions)
    # A page of several recordings, each with its own player, times each from its own start.
    starts = [s.start for s in episode.segments if s.start is not None]
    restarts = sum(1 for a, b in zip(starts, starts[1:]) if b < a - _RESTART)
    if restarts:
        episode.repair("times_restart", f"the times start again {counted(restarts, 'time')}: the page holds {restarts + 1} "
                       "recordings, each timed from its own start; only the first one's player is linked")
    left = len(reader.paragraphs) - len(timed)
    episode.chapters = [c for c in episode.chapters if c.first_segment < len(episode.segments)]
    speakers = {s.speaker for s in episode.segments} - {None}
    episode.repair("word_elements", f"{words:,} words timed by their own elements joined into "
                   f"{len(episode.segments):,} segments within {counted(len(timed), 'paragraph')}"
                   + (f", {counted(len(speakers), 'speaker')} named by their speaker elements" if named else "")
                   + (f", {counted(len(speakers), 'speaker')} named by the 'NAME:' opening {counted(typed, 'paragraph')}" if typed else "")
                   + (f"; {counted(left, 'paragraph')} with no timed word (the page's own text) left out" if left else ""))

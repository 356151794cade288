"""XML timed text: W3C TTML (DFXP, IMSC, Apple Podcasts' transcripts) and YouTube's timedtext.

    <tt xmlns="http://www.w3.org/ns/ttml" ttp:tickRate="10000000"><body><div>
      <p begin="1374000000t" end="1404000000t">Senator, we're making<br/>our final approach</p>

    <transcript><text start="0.5" dur="2.1">Hello &amp;amp; welcome</text></transcript>   (srv1)
    <timedtext format="3"><body><p t="120" d="2000"><s>Hello</s><s t="400"> there</s></p>   (srv3, ms)
    <timedtext><text t="120" d="2000">Hello there</text></timedtext>   (srv2, ms)

Each ``<p>`` (or ``<text>``) is a cue for the caption pipeline in ``cues``, so caption
fragments join into sentences as in the other caption readers. Apple's transcripts time
every word (``podcasts:unit="word"`` spans, written with no space between them); each
sentence span becomes one cue with its own times, and the words are spaced. Speakers
come from ``ttm:agent`` (named in the head by ``<ttm:name>`` where the file does so, else
"Speaker 1" for ``SPEAKER_1`` or ``v1``). Cues shown at once, with one begin and end, share it.

Times may be clock times (``00:00:01.240``, ``HH:MM:SS:FF`` frames), offsets (``1.5s``,
``100ms``, ``25f``, ``12345t`` ticks) or, as Apple and some tools write them, bare
seconds (``0.220``) and ``M:SS.mmm``. The standard library's parser reads the XML (it
loads no external DTD, and its expat refuses entity-expansion bombs), as in ``transcriber``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from podsift.formats.cues import (
    Cue,
    add_pieces,
    build,
    fragmented,
    labelled_pieces,
    merge_turns,
    ms,
    shared_spans,
    summarise_repeats,
    unspace_cjk,
)  # fmt: skip
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, as_time, counted, prepare_text, squash, unescape_entities

NAME = "timed_text_xml"
EXTENSIONS = (".ttml", ".dfxp", ".xml", ".srv1", ".srv2", ".srv3", ".ttml2")

_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
# Prefixes files use without declaring them (an unbound prefix is fatal to any XML parser).
_KNOWN_PREFIXES = {
    "tt": "http://www.w3.org/ns/ttml",
    "ttm": "http://www.w3.org/ns/ttml#metadata",
    "tts": "http://www.w3.org/ns/ttml#styling",
    "ttp": "http://www.w3.org/ns/ttml#parameter",
    "podcasts": "http://podcasts.apple.com/transcript-ttml-internal",
    "itunes": "http://music.apple.com/lyric-ttml-internal",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
# The first element, after the declaration, comments and a doctype; bounded, so no backtracking blow-up.
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]{0,30}:)?(tt|transcript|timedtext)[\s>/]")
# A doctype may hold an internal subset in brackets, whose declarations hold ">".
_PROLOGUE = re.compile(
    r"\s*(?:<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!DOCTYPE[^\[>]{0,500}(?:\[[^\]]{0,20000}\])?\s*>)", re.DOTALL
)


def _root_name(text: str) -> str | None:
    """The root element's local name when it is a timed-text one: what the file opens with."""
    head = text[:32768].lstrip("\ufeff")
    pos = 0
    while m := _PROLOGUE.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    pos += len(head[pos:]) - len(head[pos:].lstrip())
    root = _ROOT.match(head, pos)
    return root.group(1) if root else None


def sniff(text: str) -> float:
    name = _root_name(text)
    if name == "tt":
        return 0.95
    if name == "timedtext":
        return 0.95
    if name == "transcript" and "<text" in text[:65536]:
        return 0.95
    return 0.0


# ---------------------------------------------------------------------------
# Reading the XML.


def local_name(tag: object) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def child_named(element: ET.Element, name: str) -> ET.Element | None:
    """``element``'s first child called ``name``, in whatever namespace."""
    return next((c for c in element if local_name(c.tag) == name), None)


def _attr(element: ET.Element, name: str) -> str | None:
    """An attribute by local name, in whatever namespace (``ttp:tickRate``, ``ttm:agent``, ``begin``)."""
    value = element.get(name)
    if value is not None:
        return value
    for key, value in element.attrib.items():
        if key.endswith("}" + name):
            return value
    return None


# An HTML-style line break never closed ("<br>", "<br class=x>"): XML needs "<br/>".
_OPEN_BR = re.compile(r"<((?:[\w.-]+:)?br)(\s[^<>]*)?(?<!/)>", re.IGNORECASE)


def _close_line_breaks(body: str, episode: Episode) -> str | None:
    """``body`` with unclosed ``<br>`` tags closed, when it holds them and never a ``</br>``; else None."""
    if re.search(r"</(?:[\w.-]+:)?br\s*>", body, re.IGNORECASE):
        return None
    closed, count = _OPEN_BR.subn(r"<\1\2/>", body)
    if not count:
        return None
    episode.repair("unclosed_br", f"{counted(count, 'HTML-style <br> line break')} never closed; read as <br/>")
    return closed


def read_xml(text: str, episode: Episode) -> ET.Element:
    body = _DECLARATION.sub("", text, count=1)  # its encoding names the bytes, which are decoded already
    try:
        return ET.fromstring(body)
    except ET.ParseError as err:
        if "mismatched tag" in str(err) and (closed := _close_line_breaks(body, episode)) is not None:
            body = closed
            try:
                return ET.fromstring(body)
            except ET.ParseError as again:
                err = again
        if "unbound prefix" not in str(err):
            raise SourceRejected(f"not well-formed timed-text XML ({err})") from None
    # Undeclared prefixes (ttm:title without xmlns:ttm): declare the known ones on the root.
    declared = set(re.findall(r"xmlns:([\w.-]+)=", body[:8192]))
    missing = [p for p in _KNOWN_PREFIXES if p not in declared and re.search(rf"[<\s]{p}:", body)]
    m = re.search(r"<[\w:.-]+", body)
    if not missing or not m:
        raise SourceRejected("not well-formed timed-text XML (a namespace prefix is used but never declared)")
    extra = "".join(f' xmlns:{p}="{_KNOWN_PREFIXES[p]}"' for p in missing)
    try:
        root = ET.fromstring(body[: m.end()] + extra + body[m.end():])
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed timed-text XML ({err})") from None
    episode.repair("undeclared_prefix", f"namespace prefix(es) {', '.join(missing)} used without a declaration; "
                                        "read with their standard namespaces")
    return root


def _decode(value: str, counter: Counter[str]) -> str:
    """Text whose entities were escaped twice (``&amp;amp;``, ``&amp;#39;``) decoded once more."""
    decoded = unescape_entities(value)
    if decoded != value:
        counter["entities"] += 1
    return decoded


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    root = read_xml(text, episode)
    first_repair = len(episode.repairs)
    name = local_name(root.tag)
    try:
        if name == "tt":
            _ttml(root, episode)
        elif name in ("transcript", "timedtext"):
            _youtube(root, episode)
        else:
            raise SourceRejected(f"XML whose root is <{name}>, not timed text (TTML, DFXP or YouTube timedtext)")
    except RecursionError:
        raise SourceRejected("timed-text XML nested too deeply to read") from None
    if not episode.segments:
        episode.repair("no_segments", "the timed text has no cues with text")
    summarise_repeats(episode, first_repair)


# ---------------------------------------------------------------------------
# YouTube timedtext: srv1 <text start dur> in seconds, srv3 <p t d> and srv2 <text t d> in milliseconds.


def _number(value: str | None) -> float | None:
    if value is None or not re.fullmatch(r"\s*\d{1,12}(?:\.\d{1,9})?\s*", value):
        return None
    return as_time(float(value))


def _youtube(root: ET.Element, episode: Episode) -> None:
    decoded: Counter[str] = Counter()
    cues: list[Cue] = []
    for node in root.iter():
        tag = local_name(node.tag)
        if tag == "text" and node.get("t") is None:  # srv1 (also inside some format="3" files)
            start = _number(node.get("start"))
            length = _number(node.get("dur"))
            end = None if start is None or length is None else start + length
            raw = "".join(node.itertext())
        elif tag in ("p", "text") and (node.get("t") is not None or node.get("d") is not None):  # srv3, srv2
            if node.get("a") == "1" and not "".join(node.itertext()).strip():
                continue  # an "append" line: the rolling window's blank, no speech
            t, d = _number(node.get("t")), _number(node.get("d"))
            start = None if t is None else t / 1000
            end = None if start is None or d is None else start + d / 1000
            raw = "".join(node.itertext())  # word <s> spans carry their own leading spaces
        else:
            continue
        payload = "\n".join(squash(line) for line in _decode(raw, decoded).split("\n") if line.strip())
        cues.append(Cue(len(cues) + 1, ms(as_time(start)), ms(as_time(end)), payload))
    if not cues and not any(local_name(n.tag) in ("body", "text", "p") for n in root.iter()):
        raise SourceRejected(f"<{local_name(root.tag)}> XML with no <text> or <p> cues, so it is not a transcript")
    if decoded:
        episode.repair("double_escaped", f"{counted(decoded['entities'], 'cue')} held entities escaped twice "
                                         "(like '&amp;#39;'); decoded")
    build(cues, episode)


# ---------------------------------------------------------------------------
# TTML.


@dataclass
class _Clock:
    """The document's time parameters, and what reading its times took."""

    frame_rate: float = 30.0
    sub_frame_rate: int = 1
    tick_rate: float | None = None
    used: Counter[str] = field(default_factory=Counter)

    def seconds(self, value: str | None, *, count: bool = True) -> float | None:
        if value is None:
            return None
        if not count:
            return _Clock(self.frame_rate, self.sub_frame_rate, self.tick_rate).seconds(value)
        value = value.strip()
        if m := _CLOCK.match(value):
            h, mnt, sec = int(m.group("h") or 0), int(m.group("m")), int(m.group("s"))
            total: float = h * 3600 + mnt * 60 + sec
            if m.group("frac") is not None:
                if m.group("frac_sep") == ",":
                    self.used["comma"] += 1
                total += float("0." + m.group("frac"))
            elif m.group("frames") is not None:
                self.used["frames"] += 1
                frames = int(m.group("frames")) + (int(m.group("sub") or 0) / self.sub_frame_rate)
                total += frames / self.frame_rate
            if m.group("h") is None:
                self.used["short_clock"] += 1
            return ms(as_time(total))
        if m := _OFFSET.match(value):
            number, unit = float(m.group(1)), m.group(2)
            if unit == "":
                self.used["bare_seconds"] += 1
                return ms(as_time(number))
            if unit == "t":
                self.used["ticks"] += 1
                return ms(as_time(number / (self.tick_rate or _DEFAULT_TICKS)))
            if unit == "f":
                self.used["frames"] += 1
                return ms(as_time(number / self.frame_rate))
            return ms(as_time(number * _UNITS[unit]))
        self.used["unreadable"] += 1
        return None


# Clock time: hh:mm:ss(.fraction | :frames(.subframes)); Apple also writes m:ss.fff.
_CLOCK = re.compile(
    r"^(?:(?P<h>\d{1,5}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})"
    r"(?:(?P<frac_sep>[.,])(?P<frac>\d{1,9})|:(?P<frames>\d{1,3})(?:\.(?P<sub>\d{1,3}))?)?$"
)
_OFFSET = re.compile(r"^(\d{1,15}(?:\.\d{1,9})?)(h|ms|m|s|f|t|)$")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
_DEFAULT_TICKS = 10_000_000  # what Netflix and Microsoft write when they do give ttp:tickRate


def _rate(value: str | None) -> float | None:
    """A positive rate (``ttp:tickRate``, ``ttp:frameRate``); not a time, so not bounded by one."""
    if value is None or not re.fullmatch(r"\s*\d{1,12}(?:\.\d{1,9})?\s*", value):
        return None
    return float(value) or None


def _clock(root: ET.Element) -> _Clock:
    clock = _Clock()
    rate = _rate(_attr(root, "frameRate"))
    if rate:
        clock.frame_rate = rate
    multiplier = (_attr(root, "frameRateMultiplier") or "").split()
    if len(multiplier) == 2 and all(x.isdigit() and int(x) > 0 for x in multiplier):
        clock.frame_rate *= int(multiplier[0]) / int(multiplier[1])
    sub = _attr(root, "subFrameRate")
    if sub and sub.isdigit() and int(sub) > 0:
        clock.sub_frame_rate = int(sub)
    ticks = _rate(_attr(root, "tickRate"))
    if ticks:
        clock.tick_rate = ticks
    elif rate:
        clock.tick_rate = clock.frame_rate * clock.sub_frame_rate  # the spec's default when frames are given
    return clock


@dataclass
class _Text:
    """One cue's worth of text from a ``<p>`` or a sentence span."""

    start: float | None
    end: float | None
    agent: str | None
    payload: str


def _agents(root: ET.Element) -> dict[str, str]:
    """``<ttm:agent xml:id="v1"><ttm:name>Jane</ttm:name></ttm:agent>``: ids to names."""
    names: dict[str, str] = {}
    for node in root.iter():
        if local_name(node.tag) != "agent" or node.get(f"{_XML_NS}id") is None:
            continue
        name = next((squash("".join(n.itertext())) for n in node.iter() if local_name(n.tag) == "name"), "")
        if name:
            names[node.get(f"{_XML_NS}id") or ""] = name
    return names


def _readings(root: ET.Element) -> frozenset[str]:
    """The ids of styles that set a ruby's reading (``tts:ruby="text"``): the kana over a kanji."""
    return frozenset(node.get(f"{_XML_NS}id") or "" for node in root.iter()
                     if local_name(node.tag) == "style" and _attr(node, "ruby") == "text")  # fmt: skip


def _reading(node: ET.Element, readings: frozenset[str]) -> bool:
    return _attr(node, "ruby") == "text" or bool(readings and set((node.get("style") or "").split()) & readings)


def _words(node: ET.Element, out: list[str], readings: frozenset[str] = frozenset()) -> None:
    """The text of ``node``'s content into ``out``: ``<br/>`` as a line break, word units spaced; a
    ruby's reading left out (Netflix's Japanese subtitles give 北極 its ほっきょく: said once)."""
    if node.text:
        out.append(node.text)
    for child in node:
        tag = local_name(child.tag)
        if tag == "br":
            out.append("\n")
        elif _reading(child, readings):
            pass
        elif tag not in ("metadata", "set", "animate"):
            word = _attr(child, "unit") == "word"
            if word:
                out.append(" ")  # Apple writes word spans with nothing between them
            _words(child, out, readings)
            if word:
                out.append(" ")
        if child.tail:
            out.append(child.tail)


def _payload(node: ET.Element, decoded: Counter[str], readings: frozenset[str] = frozenset()) -> str:
    out: list[str] = []
    _words(node, out, readings)
    lines = [squash(line) for line in _decode("".join(out), decoded).split("\n")]
    return "\n".join(line for line in lines if line)


def _span(node: ET.Element, clock: _Clock, parent: tuple[float | None, float | None], relative: bool,
          count: bool = True) -> tuple[float | None, float | None]:  # fmt: skip
    """An element's absolute (begin, end): its own times (counted from the parent's begin when
    ``relative``), else the parent's."""
    base = parent[0] if relative and parent[0] is not None else 0.0
    begin, end, dur = (clock.seconds(_attr(node, k), count=count) for k in ("begin", "end", "dur"))
    start = parent[0] if begin is None else ms(base + begin)
    if end is not None:
        stop: float | None = ms(base + end)
    elif dur is not None and start is not None:
        stop = ms(start + dur)
    else:
        stop = parent[1]
    return start, stop


def _timed_by_words(node: ET.Element, clock: _Clock, parent: tuple[float | None, float | None], relative: bool,
                    count: bool = True) -> tuple[float | None, float | None]:  # fmt: skip
    """``_span``, but an element with no begin of its own whose words are timed runs from its first
    word's begin to its last one's end: Apple's words may carry the only times in the file."""
    if _attr(node, "begin") is None:
        words = [_span(w, clock, parent, relative, count) for w in node.iter() if w is not node and _attr(w, "begin")]
        if words:
            return words[0][0], words[-1][1]
    return _span(node, clock, parent, relative)


def _relative(node: ET.Element, clock: _Clock, begin: float | None) -> bool:
    """Whether the children's times count from ``node``'s begin, as the spec has it.

    Apple (and many tools) write absolute times inside a timed ``<div>``, so they are read
    as absolute unless a child would then start before its parent: only relative times can.
    """
    if not begin:
        return False
    starts = [clock.seconds(_attr(child, "begin"), count=False) for child in node]
    return any(s is not None and s < begin for s in starts)


def _ttml(root: ET.Element, episode: Episode) -> None:
    clock = _clock(root)
    names = _agents(root)
    readings = _readings(root)
    decoded: Counter[str] = Counter()
    texts: list[_Text] = []
    offsets = 0

    for node in root:
        if local_name(node.tag) == "head":
            for meta in node.iter():
                if local_name(meta.tag) == "title" and squash("".join(meta.itertext())) and not episode.title:
                    episode.title = squash("".join(meta.itertext()))
    body = next((n for n in root if local_name(n.tag) == "body"), None)
    if body is None:
        raise SourceRejected("TTML with no <body>, so it is not a transcript")
    if (length := clock.seconds(_attr(body, "dur"))) is not None:
        episode.duration = length

    def walk(node: ET.Element, times: tuple[float | None, float | None], agent: str | None, relative: bool) -> None:
        nonlocal offsets
        tag = local_name(node.tag)
        sentences = [c for c in node.iter() if _attr(c, "unit") == "sentence"] if tag == "p" else []
        # words read again for each sentence are counted there
        start, end = (_timed_by_words if tag == "p" else _span)(node, clock, times, relative, not sentences)
        agent = _attr(node, "agent") or agent
        if tag == "p":
            if sentences:
                inner = _relative(node, clock, start)
                for sentence in sentences:
                    s_start, s_end = _timed_by_words(sentence, clock, (start, end), inner)
                    texts.append(_Text(s_start, s_end, agent, _payload(sentence, decoded, readings)))
            else:
                texts.append(_Text(start, end, agent, _payload(node, decoded, readings)))
            return
        children_relative = _relative(node, clock, start)
        offsets += children_relative
        for child in node:
            walk(child, (start, end), agent, children_relative)

    walk(body, (None, None), None, False)
    if offsets:
        episode.repair("relative_times", f"{counted(offsets, 'timed container')} {agrees(offsets, 'holds', 'hold')} times counted from their own begin; "
                                         "added to it")
    _report_clock(clock, episode)
    if decoded:
        episode.repair("double_escaped", f"{counted(decoded['entities'], 'cue')} held entities escaped twice; decoded")

    speakers = _speaker_names([t.agent for t in texts], names)
    cues = [Cue(k + 1, t.start, t.end, t.payload) for k, t in enumerate(texts)]
    by_cue = {id(c): s for c, s in zip(cues, speakers)}
    cues = shared_spans(cues, by_cue, episode, unit="cues", join_unnamed=False)  # two <p> shown at once
    if any(speakers):
        unspace_cjk(cues, episode)  # as build does for cues without agents
        # The agents name the speakers, not a "Name:" in the text.
        pieces, empty = labelled_pieces(cues, by_cue, episode)
        if empty:
            episode.repair("empty_cue", f"{counted(len(empty), 'cue')} with no text {agrees(len(empty), 'was', 'were')} dropped", empty[0])
        add_pieces(episode, merge_turns(pieces) if fragmented(pieces) else pieces)
    else:
        build(cues, episode)


def _speaker_names(agents: list[str | None], names: dict[str, str]) -> list[str | None]:
    """Each cue's speaker: its agent's ``<ttm:name>``, else the id (which ``formats.parse`` shows
    as "Speaker 1" when it is ``SPEAKER_1`` or ``v1``)."""
    out: list[str | None] = []
    for agent in agents:
        first = agent.split()[0] if agent and agent.split() else None  # "v1 v2": both speak; the first leads
        out.append(None if first is None else names.get(first, first))
    return out


def _report_clock(clock: _Clock, episode: Episode) -> None:
    used = clock.used
    if used["ticks"]:
        rate = clock.tick_rate or _DEFAULT_TICKS
        how = "" if clock.tick_rate else " (no ttp:tickRate given; read at the usual 10,000,000)"
        episode.repair("tick_times", f"{counted(used['ticks'], 'time')} in ticks converted at {rate:,.0f} a second{how}")
    if used["frames"]:
        episode.repair("frame_times", f"{counted(used['frames'], 'time')} in frames converted at {clock.frame_rate:g} "
                                      "frames a second")
    if used["bare_seconds"] or used["short_clock"] or used["comma"]:
        episode.repair("loose_times", f"{counted(used['bare_seconds'] + used['short_clock'] + used['comma'], 'time')} "
                                      "written without the standard's units or hours (like '0.220' or '1:02.5'); "
                                      "read as seconds")
    if used["unreadable"]:
        episode.repair("bad_timestamp", f"{counted(used['unreadable'], 'unreadable time')} left empty")

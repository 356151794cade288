"""Transcript pages whose turns are blocks of parts marked by class names, as generated pages write them:

    <div class="entry"><span class="timestamp">00:18</span><span class="speaker">Jane Doe:</span>
      <span class="content">Good evening.</span></div>

A block holding one part marked as a time (``timestamp``, ``time``, ``ts``…), one as words
(``content``, ``text``, ``message``…) and maybe one as the speaker (``speaker``, ``name``,
``author``…) is a turn, where a page has two or more of them; so is one whose words are not
marked, beside a time and a speaker that are (its words are then all it holds but those). Class
names are read by their parts (``transcript-time``, ``msg_text``). Whatever else the page holds
(its header, notes, footer) is not speech, unless it says more than the turns do (they are then
a sidebar's comments or a log beside the page's own text). A time range (``00:18 - 00:42``) gives the
turn its end. Headings between the turns open chapters, and so do those right above the first turn
where they are of the same level (``<h2>Intro</h2>`` above it, ``<h2>Prolog</h2>`` further on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from podsift.text import parse_timestamp, squash

_ROLES = (
    ("speaker", frozenset({"speaker", "name", "author", "who", "person", "spk", "voice", "participant", "username",
                           "sender", "interlocutor"})),
    ("time", frozenset({"timestamp", "time", "timecode", "ts", "clock", "start", "tc", "stamp", "starttime"})),
    ("text", frozenset({"content", "text", "words", "body", "utterance", "speech", "message", "msg", "dialogue",
                        "dialog", "said", "caption"})),
)
# Class names split into words: "transcript-time", "msg_text", "speakerName".
_CLASS_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_SKIP = frozenset({"script", "style", "head", "template", "noscript"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "track", "wbr", "area", "base", "col", "embed"})
_BLOCKS = frozenset({"p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                     "h5", "h6", "table", "tr", "td", "blockquote", "pre", "nav", "aside", "main", "dd", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Deeper elements are read as if empty and their text goes to the one at this depth: the walks
# below recurse, and a hostile page may nest thousands of unclosed tags.
_MAX_DEPTH = 100
_TIME_ATTRS = ("data-time", "data-start", "data-timestamp", "datetime")
_RANGE_END = re.compile(r"\s*(?:-|–|-->|to)\s*([\d:.,]+)$")
_SECONDS = re.compile(r"\d{1,6}(?:\.\d{1,3})?")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    def role(self) -> str | None:
        words = {w.lower() for w in _CLASS_WORDS.findall(self.attrs.get("class", ""))}
        return next((role for role, names in _ROLES if words & names), None)

    def text(self, without: tuple[_Node, ...] = ()) -> str:
        """The words inside, leaving out the parts ``without``."""
        out: list[str] = []
        self._collect(out, without)
        return squash("".join(out))

    def _collect(self, out: list[str], without: tuple[_Node, ...]) -> None:
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not any(child is part for part in without):
                out.append(" " if child.tag in _BLOCKS or child.tag == "br" else "")
                child._collect(out, without)
                out.append(" " if child.tag in _BLOCKS else "")


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if self.skip:
            return
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        for k in range(len(self.stack) - 1, 0, -1):  # an end tag closes what it opened, and all inside it
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.stack[-1].children.append(data)


@dataclass
class Entries:
    turns: list[tuple[str | None, str | None, str]]  # (speaker, time as written, words)
    chapters: list[tuple[str, int]]  # (heading, index of the turn it opens)
    aside: list[str]  # the page's other text, block by block
    lead: int = 0  # how many of those stand above the first turn
    ends: dict[int, str] = field(default_factory=dict)  # index of a turn -> the end its time range gives


def _marked(node: _Node) -> list[tuple[str, _Node]]:
    """The parts inside ``node`` marked by class as a time, speaker or words (not looking inside them)."""
    found: list[tuple[str, _Node]] = []
    for child in node.children:
        if isinstance(child, _Node):
            role = child.role()
            found.extend([(role, child)] if role else _marked(child))
    return found


def _clock(node: _Node) -> tuple[str, str | None] | None:
    """The time a part marked as a time shows (``00:18``, ``[1:02:03]``) or carries as an attribute,
    and the end a range shows (``00:00:15 - 00:01:30``)."""
    shown = node.text().strip("[]() ")
    start = _RANGE_END.sub("", shown)
    if parse_timestamp(start) is not None:
        end = m.group(1) if (m := _RANGE_END.search(shown)) and parse_timestamp(m.group(1)) is not None else None
        return start, end
    return next(((v, None) for k in _TIME_ATTRS if _SECONDS.fullmatch(v := node.attrs.get(k, "").strip())
                 or parse_timestamp(v) is not None), None)


def _turn(node: _Node) -> tuple[str | None, tuple[str, str | None], str] | None:
    """``node`` as a turn: one time and at most one speaker marked inside it, and its words marked
    too, or (beside a speaker) all it holds but those parts: ``<p><span class="timestamp">[00:00:05]</span>
    <span class="speaker">Jane:</span> Hello.</p>``."""
    marked = _marked(node)
    roles = [role for role, _ in marked]
    if roles.count("time") != 1 or roles.count("text") > 1 or roles.count("speaker") > 1:
        return None
    parts = dict(marked)
    if "text" not in parts and "speaker" not in parts:
        return None
    when = _clock(parts["time"])
    if when is None:
        return None
    speaker = squash(parts["speaker"].text().rstrip().rstrip(":：")) or None if "speaker" in parts else None
    words = parts["text"].text() if "text" in parts else node.text(tuple(part for _, part in marked))
    return speaker, when, words


def entries(text: str) -> Entries | None:
    """The page's turns, if it writes them as blocks of class-marked parts; else None."""
    if "class=" not in text:
        return None
    tree = _Tree()
    tree.feed(text)
    tree.close()
    found = Entries([], [], [])
    pending: list[str] = []  # headings since the last turn
    levels: set[str] = set()  # of the headings between turns
    opening: list[tuple[str, str]] = []  # (level, heading) right above the first turn

    def walk(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                continue
            if (turn := _turn(child)) is not None:
                found.chapters.extend((title, len(found.turns)) for title in pending if found.turns)
                pending.clear()
                found.lead = found.lead if found.turns else len(found.aside)
                speaker, (start, end), words = turn
                if end is not None:
                    found.ends[len(found.turns)] = end
                found.turns.append((speaker, start, words))
            elif child.tag in _HEADINGS and found.turns:
                pending.append(child.text())
                levels.add(child.tag)
            elif not _marked(child) or child.role():
                if words := child.text():
                    found.aside.append(words)
                    if not found.turns:
                        opening[:] = [*opening, (child.tag, words)] if child.tag in _HEADINGS else []
            else:
                walk(child)

    walk(tree.root)
    if len(found.turns) < 2:
        return None
    # Headings just above the first turn, of a level the others between turns have, open it too:
    # "Intro" above the first turn as "Prolog" above a later one.
    first = len(opening)
    while first and opening[first - 1][0] in levels:
        first -= 1
    if heads := [title for _, title in opening[first:]]:
        del found.aside[found.lead - len(heads):found.lead]
        found.lead -= len(heads)
        found.chapters[:0] = [(title, 0) for title in heads]
    # A page's text beside a few such blocks (a sidebar's comments, a log widget) is what it says.
    said = sum(len(words.split()) for _, _, words in found.turns)
    return found if said >= sum(len(block.split()) for block in found.aside) else None

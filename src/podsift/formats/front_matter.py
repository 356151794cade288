"""Front matter: the fenced block of fields that opens Markdown pages, YAML between ``---``
lines or TOML between ``+++`` lines (Hugo's other spelling).

Shared by the DataTalks.Club page reader (whose transcript lives in the front
matter) and the generic Markdown page reader (whose transcript is the body).
Loading is one libyaml pass with constructors made loss-free for this data, and
a budget on the size of the whole document with its aliases written out, since
aliases can make a small file expand into an enormous structure.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from typing import Any, Literal, TypeGuard

import yaml

from podsift.model import Episode, SourceRejected
from podsift.text import fix_mojibake, has_controls, prepare_text
from podsift.words import fold

Syntax = Literal["yaml", "toml"]
FENCES: dict[Syntax, str] = {"yaml": "---", "toml": "+++"}
# A stray first line (seen: "_") tolerated before the opening fence.
MAX_STRAY_PREFIX = 40
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# A placeholder standing as a field's whole value: `season: {{ season }}`, `title: "{{ title }}"`.
TEMPLATE_FIELD = re.compile(r"""^\s*[A-Za-z_][\w-]*:\s*["'\[]?\s*(?:\{\{|\{%)""", re.MULTILINE)
URL_START = re.compile(r"https?://")
# Bulk kinds get one summary repair per episode instead of one per item.
BULK_MAX_LISTED = 5


# What the whole document may expand to through aliases, in characters and nodes, per
# character of input (plus a floor for tiny files). Without aliases a document holds no
# more than about its own length; a few reused anchors stay far below this.
EXPANSION_PER_CHAR = 4
EXPANSION_FLOOR = 10_000
# Where an anchor property ("&name") can stand: at the start, after whitespace, or after a
# flow indicator or a JSON-like key's colon; and what cannot be the first letter of its name.
# Over-matching ("&amp;" after a space) only costs a measurement.
_BEFORE_ANCHOR = frozenset(" \t\r\n[{,:?")
_NOT_ANCHOR_NAME = frozenset(" \t\r\n[]{},")


def may_hold_anchor(text: str) -> bool:
    """Whether ``text`` may define a YAML anchor. A find loop: a regex over whole pages cost
    a tenth of the load time, and an "&" is rare enough to check each one."""
    i = text.find("&")
    while i >= 0:
        if (i == 0 or text[i - 1] in _BEFORE_ANCHOR) and text[i + 1 : i + 2] not in ("", *_NOT_ANCHOR_NAME):
            return True
        i = text.find("&", i + 1)
    return False


class Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The fast safe loader, with two constructors made loss-free for this data, and a
    bound on alias expansion.

    Dates stay ISO strings (so ``extra`` holds the text as written and a bad date
    such as 2023-02-30 cannot abort the load), and YAML 1.1 yes/no/on/off stay
    words: here they are far more likely a one-word reply than a flag.

    Aliases let a few hundred bytes stand for gigabytes once any field is read,
    copied or printed, so the composed document is measured as if every alias were
    written out, before anything is constructed, and refused past a budget
    proportional to the input (see ``expanded_size``).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.expansion_budget = EXPANSION_PER_CHAR * len(stream) + EXPANSION_FLOOR
        # An alias needs an anchor; without one the document is its own size, and measuring
        # it would add half again to the load of every page (no page in the archive has one).
        self.may_alias = may_hold_anchor(stream)

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self.may_alias:
            expanded_size(node, self.expansion_budget)
        return self.construct_document(node)


def expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes plus scalar characters of ``root`` with every alias written out.

    Linear in the composed graph (each shared node is measured once), not in its
    expansion. Raises SourceRejected past ``limit`` or on an alias to itself.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # the path from the root: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            if isinstance(node, yaml.MappingNode):
                size = 1 + sum(sizes[id(k)] + sizes[id(v)] for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                size = 1 + sum(sizes[id(child)] for child in node.value)
            else:
                size = 1 + len(node.value)
            if size > limit:
                raise SourceRejected(
                    f"front matter expands to over {limit:,} characters through YAML aliases "
                    "(an alias bomb?); refused"
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise SourceRejected("front matter holds a YAML alias to itself (a recursive structure); refused")
        open_nodes.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


def _construct_bool(loader: yaml.SafeLoader, node: yaml.Node) -> bool | str:
    word = str(node.value)
    lowered = word.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return word


Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def front_block(text: str) -> str | None:
    """The front matter's text if ``text`` opens with a ``---`` fence, else None.

    An unclosed block runs to the end, so the reader can reject it with a reason.
    """
    text = text.lstrip("\ufeff")
    found = _opening(text, _blank_lines_above(text))
    if found is None:
        return None
    start, syntax = found[0], found[2]
    closing = closing_fence(text, start, FENCES[syntax])
    return text[start : closing[0] if closing else len(text)]


# A page's title typed above its front matter and set apart by a blank line: "My Episode\n\n---".
MAX_TITLE_PREFIX = 120


def _opening(text: str, top: int) -> tuple[int, int | None, Syntax] | None:
    """(where the front matter starts, where a line ignored above its fence ends, if one is,
    its syntax), or None when the text does not open with front matter."""
    for syntax, fence in FENCES.items():
        start = after_fence(text, top, fence)
        if start is not None:
            return start, None, syntax
    newline = text.find("\n", top)
    if newline < 0:
        return None
    if newline - top <= MAX_STRAY_PREFIX:
        for syntax, fence in FENCES.items():
            if (start := after_fence(text, newline + 1, fence)) is not None:
                return start, newline, syntax
    below = _LEADING_BLANK_LINES.match(text, newline + 1)
    if newline - top > MAX_TITLE_PREFIX or below is None or below.end() == newline + 1:
        return None
    start = after_fence(text, below.end())
    # Text divided by "---" rules has one below its title too: only real YAML fields count.
    return (start, newline, "yaml") if start is not None and _fields_follow(text, start) else None


def _fields_follow(text: str, start: int) -> bool:
    """Whether a closed block of YAML fields starts at ``start``: a mapping whose keys include a
    field's lower-case name ("title:"), not only capitalised names ("Ana: Hello"), which are turns."""
    closing = closing_fence(text, start, FENCES["yaml"])
    if closing is None:
        return False
    try:
        data = load(text[start : closing[0]], 1, "yaml")
    except SourceRejected:
        return False
    return all(isinstance(key, str) for key in data) and any(key == key.lower() for key in data)


# Blank lines above the opening '---' (left by a copy and paste or a template) hide nothing.
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")


def _blank_lines_above(text: str) -> int:
    """Where the first line with something on it starts."""
    m = _LEADING_BLANK_LINES.match(text)
    return m.end() if m else 0


def after_fence(text: str, pos: int, fence: str = "---") -> int | None:
    """Where the line after a ``fence`` line starting at ``pos`` begins, else None."""
    if not text.startswith(fence, pos):
        return None
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    if text[pos + len(fence) : end].strip():
        return None
    return end + 1


class Notes:
    """Repairs for one episode; frequent per-item kinds are summarised once."""

    def __init__(self, episode: Episode, bulk_detail: dict[str, str] | None = None) -> None:
        self.episode = episode
        self.bulk_detail = bulk_detail or {}
        self.bulk: dict[str, list[str]] = {}

    def add(self, kind: str, detail: str, where: str | None = None) -> None:
        self.episode.repair(kind, detail, where)

    def many(self, kind: str, where: str) -> None:
        self.bulk.setdefault(kind, []).append(where)

    def flush(self) -> None:
        for kind, places in self.bulk.items():
            listed = ", ".join(places[:BULK_MAX_LISTED])
            more = f" and {len(places) - BULK_MAX_LISTED} more" if len(places) > BULK_MAX_LISTED else ""
            self.add(kind, f"{self.bulk_detail.get(kind, kind)} ({len(places)}): {listed}{more}", places[0])
        self.bulk.clear()


class Unclosed(SourceRejected):
    """Front matter that runs to the end of the file: a reader may salvage what is whole of it."""

    def __init__(self, front: str, first_line: int, syntax: Syntax) -> None:
        super().__init__(f"front matter is never closed (no '{FENCES[syntax]}' line after the opening one); "
                         "the file looks truncated")
        self.front, self.first_line, self.syntax = front, first_line, syntax


def split(text: str, notes: Notes) -> tuple[str, str, int, Syntax]:
    """(front matter, Markdown tail, file line number of the front matter's first line, its syntax)."""
    if has_controls(text):
        # libyaml refuses a page holding one ESC or NUL, and the tail is stored as the body:
        # removed the way every other text format removes them (mojibake repaired first).
        text = prepare_text(text, notes.episode)
    text = text.lstrip("\ufeff")
    top = _blank_lines_above(text)
    opening = _opening(text, top)
    if opening is None:
        raise SourceRejected("no YAML front matter: a podcast page starts with a '---' line")
    body_start, stray_end, syntax = opening
    fence = FENCES[syntax]
    first_line = 1 + text.count("\n", 0, body_start)
    if stray_end is not None:
        stray, line = text[top:stray_end].strip(), 1 + text.count("\n", 0, top)
        notes.add("stray_prefix", f"ignored stray text {stray!r} before the opening {fence!r}", f"line {line}")
    closing = closing_fence(text, body_start, fence)
    if closing is None and syntax == "yaml" and (end := _unfenced_end(text, body_start)) is not None:
        notes.add("unclosed_front_matter", f"the front matter opened with '{fence}' is never closed; its leading "
                                           "'key: value' lines were read as it, and the page from the first line "
                                           "that is not one", f"line {1 + text.count(chr(10), 0, end)}")  # fmt: skip
        return text[body_start:end], text[end:], first_line, syntax
    if closing is None:
        raise Unclosed(text[body_start:], first_line, syntax)
    fence_start, tail_start = closing
    return text[body_start:fence_start], text[tail_start:], first_line, syntax


# A line YAML reads as part of a mapping: "key: value", an indented or "- " continuation, a comment.
_YAML_LINE = re.compile(r"[ \t]|- |-$|#|[^\s:<>#|`\[{][^:\n]{0,60}:(?:[ \t]|$)")
_FIELD_LINE = re.compile(r"[A-Za-z_][\w.-]{0,40}[ \t]*:(?:[ \t]|$)")


def _unfenced_end(text: str, pos: int) -> int | None:
    """Where front matter that is never closed ends: after its run of ``key: value`` lines (and their
    continuations), when the first line after it, blank lines past, is plainly no YAML (``<html>``, a
    Markdown paragraph). None when the rest could be YAML too: the file is cut short then."""
    line_start, fields = pos, 0
    for line in text[pos:].splitlines(keepends=True):
        if not line.strip() or not _YAML_LINE.match(line):
            break
        fields += bool(_FIELD_LINE.match(line))
        line_start += len(line)
    if not fields:
        return None
    rest = text[line_start:].lstrip()
    if not rest or _YAML_LINE.match(rest) or _CUT_KEY.fullmatch(rest):
        return None
    return line_start


# The file ending in a bare word after the fields ("title: A tiny page\nseas"): a key cut short, no page.
_CUT_KEY = re.compile(r"[A-Za-z_][\w.-]{0,40}")


def closing_fence(text: str, pos: int, fence: str = "---") -> tuple[int, int] | None:
    """(start of the closing ``fence`` line, start of what follows it), or None.

    A plain find beats a MULTILINE regex here: the front matter is most of the file.
    """
    after = after_fence(text, pos, fence)  # an empty front matter: the fence follows at once
    if after is not None:
        return pos, after
    while True:
        found = text.find("\n" + fence, pos)
        if found < 0:
            return None
        after = after_fence(text, found + 1, fence)
        if after is not None:
            return found + 1, after
        pos = found + 1 + len(fence)


def load(front: str, first_line: int, syntax: Syntax = "yaml") -> dict[str, Any]:
    if syntax == "toml":
        return _load_toml(front, first_line)
    try:
        data = yaml.load(front, Loader=Loader)
    except yaml.YAMLError as exc:
        if TEMPLATE_FIELD.search(front):
            raise SourceRejected(template_reason(front)) from None
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"line {mark.line + first_line}: " if mark is not None else ""
        raise SourceRejected(f"front matter is not valid YAML ({where}{problem})") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # Constructors can fail on values YAML accepted lexically (say, a huge float).
        raise SourceRejected(f"front matter is not valid YAML ({type(exc).__name__}: {exc})") from None
    if data is None:
        raise SourceRejected("front matter is empty")
    if not isinstance(data, dict):
        raise SourceRejected(f"front matter is not a mapping of fields (it is a {type(data).__name__})")
    return data


def _load_toml(front: str, first_line: int) -> dict[str, Any]:
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        if TEMPLATE_FIELD.search(front) or TEMPLATE_TAG.search(front):
            raise SourceRejected(template_reason(front)) from None
        # Python 3.11's error names its place only in its message: "Invalid value (at line 2, column 5)".
        problem, _, place = str(exc).partition(" (at ")
        line = re.match(r"line (\d+)", place)
        where = f"line {int(line.group(1)) + first_line - 1}: " if line else ""
        raise SourceRejected(f"front matter is not valid TOML ({where}{problem})") from None
    if not data:
        raise SourceRejected("front matter is empty")
    return _dates_as_text(data)


def _dates_as_text(value: Any) -> Any:
    """TOML's dates and times as the ISO text a YAML page keeps (see ``_construct_timestamp``)."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, datetime.date | datetime.time):
        text = value.isoformat()
        # UTC as "Z", as pages write it (TOML keeps only the offset: "+00:00" written so reads as "Z" too).
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


def template_reason(front: str) -> str:
    tags = sorted(set(TEMPLATE_TAG.findall(front)))[:3]
    return f"unfilled template: placeholders such as {', '.join(tags)} were never replaced"


def check_template(data: dict[str, Any]) -> None:
    for key in ("title", "short"):
        value = data.get(key)
        if isinstance(value, str) and TEMPLATE_TAG.search(value):
            raise SourceRejected(f"unfilled template: {key} is {value!r}")


def text_field(value: Any, where: str, notes: Notes) -> str:
    if not isinstance(value, str):
        notes.add("bad_field", f"{where} was {type(value).__name__} {value!r}; read as text", where)
        value = str(value)
    fixed, changed = fix_mojibake(value)
    if changed:
        notes.add("mojibake", f"{value!r} read as {fixed!r}", where)
    return fixed


def int_field(data: dict[str, Any], key: str, extra: dict[str, Any], notes: Notes) -> int | None:
    value = data.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(str(value).strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    notes.add("bad_field", f"{key} {value!r} is not a number; kept in extra", key)
    extra[key] = clean(value, key, notes, False)
    return None


def guests(value: Any, extra: dict[str, Any], notes: Notes) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [text_field(value, "guests", notes)]
    if isinstance(value, list):
        guests = [text_field(g, f"guests[{i}]", notes) for i, g in enumerate(value) if g is not None]
        if len(guests) != len(value):
            notes.add("bad_field", "empty entries in guests were skipped", "guests")
        return guests
    notes.add("bad_field", f"guests is a {type(value).__name__}, not a list; kept in extra", "guests")
    extra["guests"] = clean(value, "guests", notes, False)
    return []


def clean(value: Any, where: str, notes: Notes, urls: bool) -> Any:
    """A JSON-safe copy of a front-matter value with mojibake and doubled URLs repaired."""
    if isinstance(value, str):
        fixed, changed = fix_mojibake(value)
        if changed:
            notes.add("mojibake", f"{value!r} read as {fixed!r}", where)
        if urls:
            single = undouble_url(fixed)
            if single != fixed:
                notes.add("doubled_url", f"{fixed!r} was a URL glued onto itself; kept {single!r}", where)
                fixed = single
        return fixed
    if isinstance(value, dict):
        return {
            (k if isinstance(k, str) else str(k)): clean(v, f"{where}.{k}", notes, urls)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [clean(v, f"{where}[{i}]", notes, urls) for i, v in enumerate(value)]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # !!binary and other exotic tags: keep a readable form rather than an object JSON can't hold.
    return repr(value)


def undouble_url(value: str) -> str:
    """``https://x/ahttps://x/a`` or ``x/ahttps://x/a`` -> ``https://x/a``."""
    m = URL_START.search(value, 1)
    if m is None:
        return value
    head, tail = value[: m.start()], value[m.start() :]
    return tail if head and head in tail else value


# Keys in Spanish, Portuguese, French, German and Italian, as the English key they mean
# (written as field_name spells them, accents off). Left out where an English key is spelled
# alike and means something else: "data" (a date in Portuguese and Italian), "invite" (French guest).
_FOREIGN_KEYS = {
    "title": ("titulo", "titre", "titel", "titolo"),
    "date": ("fecha", "datum"),
    "publicationdate": ("fechapublicacion", "fechadepublicacion", "datapublicacao", "datepublication",
                        "datedepublication", "veroffentlichungsdatum", "datapubblicazione"),
    "show": ("programa", "emission", "sendung", "programma"),
    "host": ("presentador", "apresentador", "animateur", "moderator", "conduttore"),
    "hosts": ("presentadores", "apresentadores", "animateurs", "moderatoren", "conduttori"),
    "guest": ("invitado", "convidado", "gast", "ospite"),
    "guests": ("invitados", "convidados", "gaste", "ospiti"),
    "duration": ("duracion", "duracao", "duree", "dauer", "durata"),
    "season": ("temporada", "saison", "staffel", "stagione"),
    "episode": ("episodio", "folge"),
    "audiourl": ("urlaudio", "urldelaudio", "urldoaudio"),
    "canonicalurl": ("urlcanonica", "urlcanonique", "urlkanonisch"),
}
_ENGLISH_KEY = {foreign: english for english, names in _FOREIGN_KEYS.items() for foreign in names}


def field_name(key: Any) -> str:
    """A front-matter key as one spelling: sites write ``pubDate``, ``pub_date`` and ``pub-date``,
    and some in their own language (``fecha_publicacion``, ``titre``), read as the English key."""
    name = re.sub(r"[\s_-]+", "", str(key)).lower()
    if name.isascii():
        return _ENGLISH_KEY.get(name, name)
    return _ENGLISH_KEY.get(fold(name), name)


def field_words(key: Any) -> list[str]:
    """The words of a front-matter key: ``transcriptText`` and ``transcript_text`` are both
    ``["transcript", "text"]``."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", str(key))]


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)



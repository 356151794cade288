"""DataTalks.Club podcast pages: YAML front matter holding the transcript, then Markdown.

    ---
    title: Data-Centric AI
    season: 12
    episode: 3
    transcript:
    - header: Podcast Introduction
    - line: This week we'll talk about ...
      sec: 86
      time: '1:26'
      who: Alexey
    ---

    Links:
    * [LinkedIn](https://...)

The front matter is read with one libyaml pass; everything after that is a walk
over the loaded items, because the whole corpus must ingest in little more time
than the bare YAML load. The pages carry many real-world defects (speech in the
``who`` field, speaker-name typos, untimed or duplicated items, doubled URLs,
mojibake); each is repaired and reported, never raised. Only a file that is not a
transcript page at all (an unfilled template, broken or unclosed YAML) is rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import yaml

from podsift.model import Episode, SourceRejected
from podsift.text import fix_mojibake, parse_timestamp, split_directions, squash

NAME = "dtc_page"
EXTENSIONS = (".md", ".markdown", ".txt")
SHOW = "DataTalks.Club"

_SNIFF_BYTES = 4096
# A stray first line (seen: "_") tolerated before the opening fence.
_MAX_STRAY_PREFIX = 40
_TYPICAL_KEY = re.compile(r"^(?:transcript|title|guests|season|episode|short|ids|links):", re.MULTILINE)
_ANY_KEY = re.compile(r"^[A-Za-z_][\w-]*:", re.MULTILINE)
_TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# A placeholder standing as a field's whole value: `season: {{ season }}`, `title: "{{ title }}"`.
_TEMPLATE_FIELD = re.compile(r"""^\s*[A-Za-z_][\w-]*:\s*["'\[]?\s*(?:\{\{|\{%)""", re.MULTILINE)
_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_URL_START = re.compile(r"https?://")
# Fields mapped onto Episode attributes; every other key goes to ``extra``.
_MAPPED = frozenset({"title", "season", "episode", "guests", "transcript"})
_ITEM_KEYS = frozenset({"line", "sec", "time", "who", "header"})
# Bulk kinds get one summary repair per episode instead of one per item.
_BULK_MAX_LISTED = 5
_BULK_DETAIL = {
    "time_unquoted": "unquoted times read by YAML as plain seconds (they equal sec); accepted",
    "time_missing": "items without a usable sec/time",
    "time_inherited": "untimed paragraphs that continue a speaker's turn; given the turn's start",
    "missing_speaker": "lines without a speaker (who); left without a name",
    "duplicate_line": "lines repeated by the next item (the untimed copy was dropped, the timed one kept)",
    "duplicate_header": "chapter headers repeated before any line; opened once",
    "line_prefix": "lines starting with a stray '='; removed",
    "mojibake": "transcript strings repaired after being decoded with the wrong encoding",
}
_MAX_VALUES = 1_000_000
_CLOSING_QUOTES = " \t\"'”’»)"


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The fast safe loader, with two constructors made loss-free for this data.

    Dates stay ISO strings (so ``extra`` holds the text as written and a bad date
    such as 2023-02-30 cannot abort the load), and YAML 1.1 yes/no/on/off stay
    words: here they are far more likely a one-word reply than a flag.
    """


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


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


# --------------------------------------------------------------------------- sniff


def sniff(text: str) -> float:
    head = text[:_SNIFF_BYTES].lstrip("\ufeff")
    if head.startswith("---"):
        body_start = _after_fence(head, 0)
    else:
        newline = head.find("\n")
        if newline < 0 or newline > _MAX_STRAY_PREFIX:
            return 0.0
        body_start = _after_fence(head, newline + 1)
    if body_start is None:
        return 0.0
    closing = _closing_fence(head, body_start)
    front = head[body_start : closing[0] if closing else len(head)]
    if _TYPICAL_KEY.search(front):
        return 0.9
    return 0.6 if _ANY_KEY.search(front) else 0.0


def _after_fence(text: str, pos: int) -> int | None:
    """Where the line after a ``---`` line starting at ``pos`` begins, else None."""
    if not text.startswith("---", pos):
        return None
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    if text[pos + 3 : end].strip():
        return None
    return end + 1


# --------------------------------------------------------------------------- parse


class _Notes:
    """Repairs for one episode; frequent per-item kinds are summarised once."""

    def __init__(self, episode: Episode) -> None:
        self.episode = episode
        self.bulk: dict[str, list[str]] = {}
        # Values copied into extra, at most: YAML aliases can make a small file
        # expand into an enormous structure.
        self.budget = _MAX_VALUES

    def add(self, kind: str, detail: str, where: str | None = None) -> None:
        self.episode.repair(kind, detail, where)

    def many(self, kind: str, where: str) -> None:
        self.bulk.setdefault(kind, []).append(where)

    def flush(self) -> None:
        for kind, places in self.bulk.items():
            listed = ", ".join(places[:_BULK_MAX_LISTED])
            more = f" and {len(places) - _BULK_MAX_LISTED} more" if len(places) > _BULK_MAX_LISTED else ""
            self.add(kind, f"{_BULK_DETAIL[kind]} ({len(places)}): {listed}{more}", places[0])
        self.bulk.clear()


def parse(text: str, episode: Episode) -> None:
    notes = _Notes(episode)
    front, tail, first_line = _split(text, notes)
    data = _load(front, first_line)
    _check_template(data)

    episode.show = SHOW
    extra: dict[str, Any] = {}
    _metadata(data, episode, extra, notes)
    body = tail.strip()
    if "body" in extra:
        detail = "front matter 'body' kept as 'front_matter_body'; 'body' holds the page text"
        notes.add("field_renamed", detail, "body")
        extra["front_matter_body"] = extra.pop("body")
    extra["body"] = body
    episode.extra.update(extra)

    _transcript(data.get("transcript"), "transcript" in data, episode, notes)
    notes.flush()


def _split(text: str, notes: _Notes) -> tuple[str, str, int]:
    """(front matter, Markdown tail, file line number of the front matter's first line)."""
    text = text.lstrip("\ufeff")
    first_line = 2
    body_start = _after_fence(text, 0)
    if body_start is None:
        newline = text.find("\n")
        if 0 <= newline <= _MAX_STRAY_PREFIX:
            body_start = _after_fence(text, newline + 1)
        if body_start is None:
            raise SourceRejected("no YAML front matter: a podcast page starts with a '---' line")
        stray = text[:newline].strip()
        notes.add("stray_prefix", f"ignored stray text {stray!r} before the opening '---'", "line 1")
        first_line = 3
    closing = _closing_fence(text, body_start)
    if closing is None:
        raise SourceRejected(
            "front matter is never closed (no '---' line after the opening one); "
            "the file looks truncated"
        )
    fence_start, tail_start = closing
    return text[body_start:fence_start], text[tail_start:], first_line


def _closing_fence(text: str, pos: int) -> tuple[int, int] | None:
    """(start of the closing '---' line, start of what follows it), or None.

    A plain find beats a MULTILINE regex here: the front matter is most of the file.
    """
    after = _after_fence(text, pos)  # an empty front matter: the fence follows at once
    if after is not None:
        return pos, after
    while True:
        found = text.find("\n---", pos)
        if found < 0:
            return None
        after = _after_fence(text, found + 1)
        if after is not None:
            return found + 1, after
        pos = found + 4


def _load(front: str, first_line: int) -> dict[str, Any]:
    try:
        data = yaml.load(front, Loader=_Loader)
    except yaml.YAMLError as exc:
        if _TEMPLATE_FIELD.search(front):
            raise SourceRejected(_template_reason(front)) from None
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


def _template_reason(front: str) -> str:
    tags = sorted(set(_TEMPLATE_TAG.findall(front)))[:3]
    return f"unfilled template: placeholders such as {', '.join(tags)} were never replaced"


def _check_template(data: dict[str, Any]) -> None:
    for key in ("title", "short"):
        value = data.get(key)
        if isinstance(value, str) and _TEMPLATE_TAG.search(value):
            raise SourceRejected(f"unfilled template: {key} is {value!r}")


# --------------------------------------------------------------------------- metadata


def _metadata(data: dict[str, Any], episode: Episode, extra: dict[str, Any], notes: _Notes) -> None:
    title = data.get("title")
    if title is not None:
        episode.title = _text_field(title, "title", notes)
    episode.season = _int_field(data, "season", extra, notes)
    episode.episode_number = _int_field(data, "episode", extra, notes)
    episode.guests = _guests(data.get("guests"), extra, notes)

    # 'dateadded' is when the episode came out; 'date' is a later page-edit date
    # (2025-11-07 on every page that has both), so it only wins when alone.
    date_key = "dateadded" if data.get("dateadded") is not None else "date"
    date = data.get(date_key)
    if date is not None:
        episode.date = str(date)

    for key, value in data.items():
        name = key if isinstance(key, str) else str(key)
        if name in _MAPPED or (name == date_key and date is not None):
            continue
        extra[name] = _clean(value, name, notes, name in ("ids", "links"))

    duration = extra.get("duration")
    if duration is not None:
        seconds = _duration(duration)
        if seconds is None:
            detail = f"duration {duration!r} is not an ISO 8601 duration; kept in extra"
            notes.add("bad_duration", detail, "duration")
        else:
            episode.duration = seconds
            del extra["duration"]

    ids, links = extra.get("ids"), extra.get("links")
    if isinstance(ids, dict) and ids.get("youtube") is not None:
        episode.youtube_id = str(ids["youtube"])
    if isinstance(links, dict):
        for key in ("anchor", "spotify"):
            url = links.get(key)
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                episode.media_url = url
                break
    _check_clips(extra.get("quotableClips"), notes)


def _text_field(value: Any, where: str, notes: _Notes) -> str:
    if not isinstance(value, str):
        notes.add("bad_field", f"{where} was {type(value).__name__} {value!r}; read as text", where)
        value = str(value)
    fixed, changed = fix_mojibake(value)
    if changed:
        notes.add("mojibake", f"{value!r} read as {fixed!r}", where)
    return fixed


def _int_field(data: dict[str, Any], key: str, extra: dict[str, Any], notes: _Notes) -> int | None:
    value = data.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(str(value).strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    notes.add("bad_field", f"{key} {value!r} is not a number; kept in extra", key)
    extra[key] = _clean(value, key, notes, False)
    return None


def _guests(value: Any, extra: dict[str, Any], notes: _Notes) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [_text_field(value, "guests", notes)]
    if isinstance(value, list):
        guests = [_text_field(g, f"guests[{i}]", notes) for i, g in enumerate(value) if g is not None]
        if len(guests) != len(value):
            notes.add("bad_field", "empty entries in guests were skipped", "guests")
        return guests
    notes.add("bad_field", f"guests is a {type(value).__name__}, not a list; kept in extra", "guests")
    extra["guests"] = _clean(value, "guests", notes, False)
    return []


def _duration(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value >= 0 else None
    m = _DURATION.match(str(value).strip())
    if not m or not any(m.groupdict().values()):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def _clean(value: Any, where: str, notes: _Notes, urls: bool) -> Any:
    """A JSON-safe copy of a front-matter value with mojibake and doubled URLs repaired."""
    notes.budget -= 1
    if notes.budget < 0:
        raise SourceRejected("front matter expands to too many values (YAML aliases?)")
    if isinstance(value, str):
        fixed, changed = fix_mojibake(value)
        if changed:
            notes.add("mojibake", f"{value!r} read as {fixed!r}", where)
        if urls:
            single = _undouble_url(fixed)
            if single != fixed:
                notes.add("doubled_url", f"{fixed!r} was a URL glued onto itself; kept {single!r}", where)
                fixed = single
        return fixed
    if isinstance(value, dict):
        return {
            (k if isinstance(k, str) else str(k)): _clean(v, f"{where}.{k}", notes, urls)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_clean(v, f"{where}[{i}]", notes, urls) for i, v in enumerate(value)]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # !!binary and other exotic tags: keep a readable form rather than an object JSON can't hold.
    return repr(value)


def _undouble_url(value: str) -> str:
    """``https://x/ahttps://x/a`` or ``x/ahttps://x/a`` -> ``https://x/a``."""
    m = _URL_START.search(value, 1)
    if m is None:
        return value
    head, tail = value[: m.start()], value[m.start() :]
    return tail if head and head in tail else value


def _check_clips(clips: Any, notes: _Notes) -> None:
    if not isinstance(clips, list):
        return
    for i, clip in enumerate(clips):
        if not isinstance(clip, dict):
            notes.add("bad_clip", f"clip {clip!r} is not a mapping; kept as is", f"quotableClips[{i}]")
            continue
        start, end = clip.get("startOffset"), clip.get("endOffset")
        name, where = clip.get("name", f"#{i}"), f"quotableClips[{i}]"
        if not _is_number(start) or not _is_number(end):
            notes.add("bad_clip", f"clip {name!r} has offsets {start!r}..{end!r}; kept as is", where)
        elif end < start:
            notes.add("bad_clip", f"clip {name!r} ends ({end}) before it starts ({start}); kept as is", where)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --------------------------------------------------------------------------- speakers


def _is_dialogue(who: str) -> bool:
    """Speech pasted into the speaker field rather than a name like "Juan Pablo" or "CJ"."""
    if len(who) > 40:
        return True
    words = who.split()
    return len(words) >= 5 or (len(words) >= 3 and who.rstrip(_CLOSING_QUOTES)[-1:] in ".?!")


def _clean_name(who: str) -> str:
    # "Alexey:" and "Alexey." are the name plus a stray delimiter.
    return squash(who).rstrip(":.,;").strip()


def _key(value: Any) -> Any:
    """A hashable stand-in for a ``who`` value (YAML may give a list or mapping)."""
    return value if value is None or isinstance(value, (str, int, float)) else repr(value)


class _Speakers:
    """Classifies every distinct ``who`` value once and maps typos to the real name."""

    def __init__(self, items: list[Any]) -> None:
        whos = [it.get("who") for it in items if type(it) is dict]
        try:
            raw = Counter(whos)
        except TypeError:  # a list or mapping as who
            raw = Counter(map(_key, whos))
        raw.pop(None, None)
        self.paragraphs: dict[Any, str] = {}
        self.mojibake: dict[Any, str] = {}
        cleaned: dict[Any, str] = {}
        counts: Counter[str] = Counter()
        for who, n in raw.items():
            text, changed = fix_mojibake(who if isinstance(who, str) else str(who))
            if changed:
                self.mojibake[who] = text
            if _is_dialogue(text):
                self.paragraphs[who] = text
                continue
            name = _clean_name(text)
            if name:
                cleaned[who] = name
                counts[name] += n
        canonical = {name: self._canonical(name, counts) for name in counts}
        self.names: dict[Any, str] = {who: canonical[name] for who, name in cleaned.items()}
        self.counts: Counter[str] = Counter()
        for name, n in counts.items():
            self.counts[canonical[name]] += n
        self.renamed: dict[Any, list[int]] = {who: [] for who, name in self.names.items() if name != who}
        self.suspects = self._suspects(counts, canonical)

    @staticmethod
    def _canonical(name: str, counts: Counter[str]) -> str:
        n = counts[name]
        best = name
        for other, m in counts.items():
            if m <= n or other == name:
                continue
            repeated_tail = name.startswith(other) and other.endswith(name[len(other):])
            truncated = len(name) >= 3 and other.startswith(name) and n * 5 <= m
            if repeated_tail or truncated or name.lower() == other.lower():
                if best == name or counts[other] > counts[best]:
                    best = other
        return best

    @staticmethod
    def _suspects(counts: Counter[str], canonical: dict[str, str]) -> list[str]:
        regular = [name for name, n in counts.items() if n >= 10]
        if len(regular) < 2:
            return []
        return [name for name, n in counts.items() if n == 1 and canonical[name] == name]

    def other_than(self, speaker: str | None, previous: str | None) -> str | None:
        if previous is not None and previous != speaker:
            return previous
        for name, _ in self.counts.most_common():
            if name != speaker:
                return name
        return speaker

    def report(self, notes: _Notes) -> None:
        for who, places in self.renamed.items():
            if not places:
                continue
            where = f"transcript[{places[0]}]"
            if who in self.mojibake:
                notes.add("mojibake", f"speaker {who!r} read as {self.mojibake[who]!r}", where)
            if self.names[who] != self.mojibake.get(who, who):
                detail = f"speaker {who!r} read as {self.names[who]!r} ({len(places)} items)"
                notes.add("speaker_name", detail, where)
        for name in self.suspects:
            notes.add("speaker_suspect", f"speaker {name!r} appears only once; kept as written", None)


# --------------------------------------------------------------------------- transcript

# "m:ss" / "h:mm:ss" per whole second, so the usual sec/time agreement check is a lookup.
_TIME_TEXT: dict[int, str] = {}
# A short line holding only a clock reading ("17: 10") is a stray timestamp, not speech.
_TIMESTAMP_LINE = re.compile(r"^\d{1,2}:\s?\d{2}(?::\d{2})?$")


def _time_text(sec: int) -> str:
    text = _TIME_TEXT.get(sec)
    if text is None:
        h, rem = divmod(sec, 3600)
        m, s = divmod(rem, 60)
        text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
        if sec < 100_000:
            _TIME_TEXT[sec] = text
    return text


def _start_of(sec: Any, time: Any, where: str, notes: _Notes) -> float | None:
    """The item's start in seconds; ``sec`` wins over ``time`` when both are usable."""
    start: float | None = None
    if sec is not None:
        if _is_number(sec) and sec >= 0:
            start = float(sec)
        else:
            start = parse_timestamp("".join(sec.split())) if isinstance(sec, str) else None
            notes.add("bad_time", f"sec {sec!r} is not a number of seconds", where)
    if time is None:
        if start is None:
            notes.many("time_missing", where)
        return start
    from_time: float | None
    if type(time) is int:
        # YAML 1.1 reads an unquoted 1:49 as sexagesimal 109, which is already seconds.
        notes.many("time_unquoted", where)
        from_time = float(time) if time >= 0 else None
    else:
        from_time = parse_timestamp("".join(time.split())) if isinstance(time, str) else None
    if start is None:
        if from_time is None:
            notes.add("bad_time", f"time {time!r} is not a timestamp", where)
        notes.many("time_missing", where)
        return from_time
    if from_time is None:
        notes.add("bad_time", f"time {time!r} is not a timestamp; used sec {sec!r}", where)
    elif abs(from_time - start) >= 1:
        notes.add("time_mismatch", f"sec {sec!r} and time {time!r} disagree; trusted sec", where)
    return start


# First characters that send a line down the slow path: space, or the stray '='.
_ODD_START = frozenset(" \t\n\r=")


def _spoken(value: Any, where: str, notes: _Notes) -> str:
    """Spoken text of a line: as text, mojibake repaired, whitespace and stray '=' cleaned."""
    if type(value) is not str:
        notes.add("line_not_text", f"line was {type(value).__name__} {value!r}; read as text", where)
        value = str(value)
    fixed, changed = fix_mojibake(value)
    if changed:
        notes.many("mojibake", where)
    if "\n" in fixed or "  " in fixed or fixed[:1].isspace() or fixed[-1:].isspace():
        fixed = squash(fixed)
    if fixed[:1] == "=":
        notes.many("line_prefix", where)
        fixed = fixed[1:].lstrip()
    return fixed


def _header_title(header: Any, where: str, notes: _Notes) -> str:
    if header is None:
        return ""
    text = header if type(header) is str else str(header)
    fixed, changed = fix_mojibake(text)
    if changed:
        notes.add("mojibake", f"header {text!r} read as {fixed!r}", where)
    if "\n" in fixed or "  " in fixed or fixed[:1].isspace() or fixed[-1:].isspace():
        fixed = squash(fixed)
    return fixed


def _transcript(items: Any, present: bool, episode: Episode, notes: _Notes) -> None:
    if items is None or items == []:
        why = "the page has no transcript" if not present or items is None else "the transcript is empty"
        notes.add("no_transcript", f"{why}; only the metadata was read", "transcript")
        return
    if not isinstance(items, list):
        detail = f"transcript is a {type(items).__name__}, not a list; kept in extra"
        notes.add("bad_transcript", detail, "transcript")
        episode.extra["transcript"] = _clean(items, "transcript", notes, False)
        return

    speakers = _Speakers(items)
    known, names, paragraphs, renamed = speakers.counts, speakers.names, speakers.paragraphs, speakers.renamed
    unparsed: list[Any] = []
    speaker: str | None = None  # the most recent real speaker
    previous: str | None = None  # the distinct speaker before them
    last_text: str | None = None
    last_para: Any = None
    # (who, sec, name) after a line holding only a name: the items that follow with
    # the same stale who and sec are that person's answer.
    override: tuple[Any, Any, str] | None = None
    pending_headers: set[str] = set()  # chapters opened since the last segment
    add = episode.add_segment

    for i, item in enumerate(items):
        if type(item) is not dict:
            if _odd_item(item, f"transcript[{i}]", episode, notes, unparsed):
                pending_headers.clear()
            continue
        if not _ITEM_KEYS.issuperset(item):
            _odd_fields(item, i, notes, unparsed)

        if "header" in item:
            title = _header_title(item["header"], f"transcript[{i}]", notes)
            if not title:
                notes.add("bad_item", "empty chapter header skipped", f"transcript[{i}]")
            elif title in pending_headers:
                notes.many("duplicate_header", f"transcript[{i}]")
            else:
                episode.add_chapter(title)
                pending_headers.add(title)
            if "line" not in item:
                continue
        elif "line" not in item:
            detail = f"item has no line or header (fields: {sorted(map(str, item))}); nothing to read"
            notes.add("bad_item", detail, f"transcript[{i}]")
            continue

        line = item["line"]
        if type(line) is str:
            line_text, changed = fix_mojibake(line)
            if (
                changed
                or line_text[:1] in _ODD_START
                or line_text[-1:].isspace()
                or "  " in line_text
                or "\n" in line_text
            ):
                line_text = _spoken(line, f"transcript[{i}]", notes)
        else:
            line_text = _spoken(line, f"transcript[{i}]", notes) if line is not None else ""
        sec, time = item.get("sec"), item.get("time")
        duplicate = False
        if type(sec) is int and sec >= 0 and type(time) is str and _time_text(sec) == time:
            start: float | None = float(sec)  # the common, consistent case
        elif sec is None and time is None and line_text and _repeated_next(items, i, line):
            # Some pages hold a line twice: an untimed copy, then the full item.
            duplicate, start = True, None
        else:
            start = _start_of(sec, time, f"transcript[{i}]", notes)
        who = item.get("who")
        if who is not None and type(who) is not str:
            who = _key(who)
        if override is not None and (who != override[0] or sec != override[1]):
            override = None
        para = paragraphs.get(who)

        if para is not None:
            if who != last_para:
                # The speech in 'who' comes before the item's line. It is usually the
                # current speaker carrying on; it is an answer when the last line was
                # a question or the line carries the '=' answer mark.
                answer = (type(line) is str and line.lstrip()[:1] == "=") or (
                    last_text is not None and last_text.rstrip(_CLOSING_QUOTES).endswith("?")
                )
                turn = speakers.other_than(speaker, previous) if answer else speaker
                if turn is not None and turn != speaker:
                    previous, speaker = speaker, turn
                text, directions = split_directions(squash(para))
                add(text, start=start, speaker=speaker, directions=directions)
                pending_headers.clear()
                last_text = text
                notes.add(
                    "dialogue_in_who",
                    "speech in the speaker field kept as its own segment before the line, "
                    f"attributed to {speaker or 'nobody (no speaker yet)'}",
                    f"transcript[{i}]",
                )
                if who in speakers.mojibake:
                    notes.many("mojibake", f"transcript[{i}]")
            else:
                detail = "same speech repeated in the speaker field; kept once"
                notes.add("dialogue_in_who", detail, f"transcript[{i}]")
        last_para = who if para is not None else None

        if not line_text:
            notes.add("empty_line", "item has no spoken text", f"transcript[{i}]")
            continue
        if duplicate:
            notes.many("duplicate_line", f"transcript[{i}]")
            continue

        if para is not None:
            name = speaker
        else:
            name = names.get(who)
            if who in renamed:
                renamed[who].append(i)
            if override is not None:
                name = override[2]
            elif name is None:
                notes.many("missing_speaker", f"transcript[{i}]")
        if len(line_text) <= 40:
            marker = line_text.rstrip(":.,; ")
            if marker in known and (para is not None or marker != name):
                # A speaker's name standing alone as the line: it names who speaks next.
                if marker != speaker:
                    previous, speaker = speaker, marker
                override = (who, sec, marker)
                last_text = None
                notes.add(
                    "speaker_in_line",
                    f"line {line_text!r} is a speaker name; what follows under the same "
                    f"speaker and time is {marker}'s",
                    f"transcript[{i}]",
                )
                continue
            if _TIMESTAMP_LINE.match(line_text):
                detail = f"line {line_text!r} is a stray timestamp, not speech; skipped"
                notes.add("timestamp_line", detail, f"transcript[{i}]")
                continue
        if name is not None and name != speaker:
            previous, speaker = speaker, name

        text, directions = split_directions(line_text)
        add(text, start=start, speaker=name, directions=directions)
        pending_headers.clear()
        last_text = text

    speakers.report(notes)
    if unparsed:
        episode.extra["transcript_unparsed"] = unparsed
    if not episode.segments:
        detail = "the transcript has no spoken lines; only the metadata was read"
        notes.add("no_transcript", detail, "transcript")
    _inherit_starts(episode, notes)
    _fill_ends(episode)


def _inherit_starts(episode: Episode, notes: _Notes) -> None:
    """Give an untimed paragraph the start of the same speaker's turn it continues.

    The paragraph was said no earlier than that, and a start is what lets a
    listener play it; an untimed paragraph after a change of speaker stays untimed.
    """
    before = None
    for seg in episode.segments:
        if seg.start is None and before is not None and before.start is not None and (
            seg.speaker is not None and seg.speaker == before.speaker
        ):
            seg.start = before.start
            notes.many("time_inherited", f"segment {seg.ordinal}")
        before = seg


def _odd_item(item: Any, where: str, episode: Episode, notes: _Notes, unparsed: list[Any]) -> bool:
    """Handle a transcript item that is not a mapping; True if it became a segment."""
    if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
        text, directions = split_directions(_spoken(item, where, notes))
        detail = f"item is a bare {type(item).__name__}, not a mapping; kept as a line with no speaker"
        notes.add("bad_item", detail, where)
        episode.add_segment(text, directions=directions)
        return True
    notes.add("bad_item", f"item {item!r} is not a mapping; kept in extra['transcript_unparsed']", where)
    unparsed.append(_clean(item, where, notes, False))
    return False


def _odd_fields(item: dict[Any, Any], i: int, notes: _Notes, unparsed: list[Any]) -> None:
    where = f"transcript[{i}]"
    odd = {str(k): _clean(v, where, notes, False) for k, v in item.items() if k not in _ITEM_KEYS}
    notes.add("item_field", f"unknown fields {sorted(odd)} kept in extra['transcript_unparsed']", where)
    unparsed.append({"index": i, **odd})


def _repeated_next(items: list[Any], i: int, line: Any) -> bool:
    """Whether the next line-bearing item (past any headers) repeats this line."""
    for j in range(i + 1, min(i + 4, len(items))):
        nxt = items[j]
        if type(nxt) is not dict:
            return False
        if "line" in nxt:
            return bool(nxt["line"] == line)
    return False


def _fill_ends(episode: Episode) -> None:
    """A segment ends where the next timed one starts, if that is later; the last at the duration."""
    following = episode.duration
    for seg in reversed(episode.segments):
        if seg.start is None:
            continue
        if following is not None and following > seg.start:
            seg.end = following
        following = seg.start

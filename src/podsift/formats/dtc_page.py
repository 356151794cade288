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

DataTalks.Club's content repository also keeps a transcript as a YAML file of its own, the
page's slug and the same items under ``segments``::

    podcast: _s12e08
    segments:
    - header: Jekaterina's background
    - line: I tried to invite you multiple times. ...
      sec: 122
      time: '2:02'
      who: Alexey

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

from podsift.formats import front_matter as fm
from podsift.model import Episode, SourceRejected
from podsift.text import (
    MAX_TIME,
    as_time,
    counted,
    fix_mojibake,
    has_controls,
    parse_duration,
    parse_timestamp,
    prepare_text,
    split_directions,
    squash,
    web_url,
)

NAME = "dtc_page"
EXTENSIONS = (".md", ".markdown", ".txt", ".yaml", ".yml")
SHOW = "DataTalks.Club"

# A transcript file of its own: a top-level list of the page's items, no front matter around it.
_STANDALONE = re.compile(r"^(?:segments|transcript):[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*- (?:line|header|who|sec|time):",
                         re.MULTILINE)
# The slug names season and episode: "_s12e08".
_SLUG_NUMBERS = re.compile(r"s(\d{1,3})e(\d{1,4})\b", re.IGNORECASE)
# The first item's first field is named, so that a list of other fields ('- time: ... text: ...') is
# left to the generic page reader (front_matter_lists).
_TRANSCRIPT_LIST = re.compile(r"^transcript:[ \t]*(?:\[|(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*-(?:[ \t]+(?P<field>\w+):)?)",
                              re.MULTILINE)
_LINE_FIELD = re.compile(r"^[ \t]*-[ \t]+line:|^[ \t]+line:", re.MULTILINE)
# Fields mapped onto Episode attributes; every other key goes to ``extra``.
_MAPPED = frozenset({"title", "season", "episode", "guests", "transcript"})
_ITEM_KEYS = frozenset({"line", "sec", "time", "who", "header"})
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
_CLOSING_QUOTES = " \t\"'”’»)"


# --------------------------------------------------------------------------- sniff


def sniff(text: str) -> float:
    # Only a page whose front matter holds the transcript as a list is one of these;
    # any other page's transcript is its body (see markdown_page).
    front = fm.front_block(text)
    if front is None:
        return 0.95 if _STANDALONE.search(text[:65536]) else 0.0
    found = _TRANSCRIPT_LIST.search(front)
    if found is None or found.group("field") not in (None, *_ITEM_KEYS):
        return 0.0
    # Its items are lines ('- header:' or '- line:' first); a list of times and texts is another site's.
    return 0.95 if found.group("field") != "time" or _LINE_FIELD.search(front) else 0.0


# --------------------------------------------------------------------------- parse


def parse(text: str, episode: Episode) -> None:
    notes = fm.Notes(episode, _BULK_DETAIL)
    if fm.front_block(text) is None and _STANDALONE.search(text[:65536]):
        _standalone(text, episode, notes)
        return
    try:
        front, tail, first_line, syntax = fm.split(text, notes)
        data = fm.load(front, first_line, syntax)
        cut_short = False
    except fm.Unclosed as unclosed:
        data, tail, cut_short = _cut_page(unclosed), "", True
    fm.check_template(data)

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
    if cut_short:
        _note_cut(data["transcript"], "the front matter", episode, notes, "transcript")
    notes.flush()


def _cut_page(unclosed: fm.Unclosed) -> dict[str, Any]:
    """The front matter of a page cut short, read up to the last whole item of its transcript."""
    listed = _TRANSCRIPT_LIST.search(unclosed.front)
    if unclosed.syntax != "yaml" or listed is None or listed.group().endswith("["):
        raise unclosed
    data = _whole_items(unclosed.front, unclosed.first_line, listed, "transcript")
    if data is None:
        raise unclosed
    return data


def _whole_items(front: str, first_line: int, listed: re.Match[str], key: str) -> dict[str, Any] | None:
    """YAML cut short (an interrupted download), read up to the last whole item of its list under
    ``key`` (``listed`` finds that list's first item); the item the cut runs through is dropped.
    None when no spoken line is whole."""
    first = front.rfind("\n", 0, listed.end()) + 1
    indent = front[first : front.index("-", first)]
    items = list(re.finditer(rf"^{re.escape(indent)}-(?:[ \t]|$)", front[first:], re.MULTILINE))
    if not items:
        return None
    last = first + items[-1].start()
    # The last item is kept when it ends a line and has every field the one before it has.
    for end in (front.rfind("\n") + 1, last):
        try:
            data = fm.load(front[:end], first_line)
        except SourceRejected:
            continue
        read = data.get(key)
        if not isinstance(read, list) or not any(type(item) is dict and "line" in item for item in read):
            break  # no spoken line is whole: nothing to read
        if end == last or (len(read) > 1 and type(read[-1]) is type(read[-2]) is dict
                           and read[-1].keys() == read[-2].keys()):  # fmt: skip
            return data
    return None


_WHOLE_END = re.compile(r"[.!?…\"'”’)\]]\s*$")


def _ends_whole(data: dict[str, Any]) -> bool:
    """Whether a transcript file's last item reads as whole (a file edited by hand may lack its last
    line break): the fields of the one before it, a speaker already heard, words ending a sentence."""
    items = data.get("segments", data.get("transcript")) if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) < 2 or not all(type(x) is dict for x in items[-2:]):
        return False
    last, before = items[-1], items[-2]
    heard = {x.get("who") for x in items[:-1] if type(x) is dict}
    said = last.get("line")
    return (last.keys() >= before.keys() and ("who" not in last or last["who"] in heard)
            and (not isinstance(said, str) or bool(_WHOLE_END.search(said))))


def _note_cut(items: list[Any], inside: str, episode: Episode, notes: fm.Notes, key: str) -> None:
    timed = [seg.start for seg in episode.segments if seg.start is not None]
    upto = f" up to {_time_text(int(timed[-1]))}" if timed else ""
    notes.add("cut_short", f"the file ends inside {inside} (looks cut short): read {counted(len(items), 'item')}{upto}",
              key)


def _standalone(text: str, episode: Episode, notes: fm.Notes) -> None:
    """A transcript file of its own: the page's items under ``segments`` (or ``transcript``), beside
    the slug of the page it belongs to (``podcast: _s12e08``), which names season and episode."""
    if has_controls(text):
        text = prepare_text(text, episode)  # libyaml refuses a file holding one ESC or NUL
    text = text.lstrip("\ufeff")
    try:
        data = fm.load(text, 1)
        refusal = None
    except SourceRejected as exc:
        data, refusal = {}, exc
    # Such files are written by a YAML dumper, so one that breaks was cut short; one that stops mid-line
    # may have lost a field or the end of one and still load, unless its last item reads as whole.
    cut_short = refusal is not None or (not text.endswith("\n") and not _ends_whole(data))
    if cut_short and (listed := _STANDALONE.search(text)) is not None:
        key = "segments" if text[listed.start() :].startswith("segments") else "transcript"
        whole = _whole_items(text, 1, listed, key)
        if whole is None:
            raise refusal or SourceRejected(f"the file ends inside the first item of its '{key}' (looks cut "
                                            "short): no spoken line is whole")
        data = whole
    elif refusal is not None:
        raise refusal
    episode.show = SHOW
    key = "segments" if "segments" in data else "transcript"
    for name, value in data.items():
        if name != key:
            episode.extra[str(name)] = fm.clean(value, str(name), notes, False)
    slug = data.get("podcast")
    if isinstance(slug, str) and (numbers := _SLUG_NUMBERS.search(slug)):
        episode.season, episode.episode_number = int(numbers.group(1)), int(numbers.group(2))
    _transcript(data.get(key), key in data, episode, notes, key)
    if cut_short:
        _note_cut(data[key], "its transcript", episode, notes, key)
    notes.flush()


# --------------------------------------------------------------------------- metadata


def _metadata(data: dict[str, Any], episode: Episode, extra: dict[str, Any], notes: fm.Notes) -> None:
    title = data.get("title")
    if title is not None:
        episode.title = fm.text_field(title, "title", notes)
    episode.season = fm.int_field(data, "season", extra, notes)
    episode.episode_number = fm.int_field(data, "episode", extra, notes)
    episode.guests = fm.guests(data.get("guests"), extra, notes)

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
        extra[name] = fm.clean(value, name, notes, name in ("ids", "links"))

    duration = extra.get("duration")
    if duration is not None:
        seconds = parse_duration(duration)
        if seconds is None:
            detail = f"duration {duration!r} is not a length of time; kept in extra"
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
            if web_url(url):
                episode.media_url = web_url(url)
                break
    _check_clips(extra.get("quotableClips"), notes)


def _check_clips(clips: Any, notes: fm.Notes) -> None:
    if not isinstance(clips, list):
        return
    for i, clip in enumerate(clips):
        if not isinstance(clip, dict):
            notes.add("bad_clip", f"clip {clip!r} is not a mapping; kept as is", f"quotableClips[{i}]")
            continue
        start, end = clip.get("startOffset"), clip.get("endOffset")
        name, where = clip.get("name", f"#{i}"), f"quotableClips[{i}]"
        if not fm.is_number(start) or not fm.is_number(end):
            notes.add("bad_clip", f"clip {name!r} has offsets {start!r}..{end!r}; kept as is", where)
        elif end < start:
            notes.add("bad_clip", f"clip {name!r} ends ({end}) before it starts ({start}); kept as is", where)


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

    def report(self, notes: fm.Notes) -> None:
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


def _start_of(sec: Any, time: Any, where: str, notes: fm.Notes) -> float | None:
    """The item's start in seconds; ``sec`` wins over ``time`` when both are usable."""
    start: float | None = None
    if sec is not None:
        if fm.is_number(sec) and (seconds := as_time(sec)) is not None:
            start = seconds
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
        from_time = as_time(time)
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


def _spoken(value: Any, where: str, notes: fm.Notes) -> str:
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


def _header_title(header: Any, where: str, notes: fm.Notes) -> str:
    if header is None:
        return ""
    text = header if type(header) is str else str(header)
    fixed, changed = fix_mojibake(text)
    if changed:
        notes.add("mojibake", f"header {text!r} read as {fixed!r}", where)
    if "\n" in fixed or "  " in fixed or fixed[:1].isspace() or fixed[-1:].isspace():
        fixed = squash(fixed)
    return fixed


def _transcript(items: Any, present: bool, episode: Episode, notes: fm.Notes, key: str = "transcript") -> None:
    if items is None or items == []:
        why = "the page has no transcript" if not present or items is None else "the transcript is empty"
        notes.add("no_transcript", f"{why}; only the metadata was read", "transcript")
        return
    if not isinstance(items, list):
        detail = f"transcript is a {type(items).__name__}, not a list; kept in extra"
        notes.add("bad_transcript", detail, "transcript")
        episode.extra["transcript"] = fm.clean(items, "transcript", notes, False)
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
            if _odd_item(item, f"{key}[{i}]", episode, notes, unparsed):
                pending_headers.clear()
            continue
        if not _ITEM_KEYS.issuperset(item):
            _odd_fields(item, i, f"{key}[{i}]", notes, unparsed)

        if "header" in item:
            title = _header_title(item["header"], f"{key}[{i}]", notes)
            if not title:
                notes.add("bad_item", "empty chapter header skipped", f"{key}[{i}]")
            elif title in pending_headers:
                notes.many("duplicate_header", f"{key}[{i}]")
            else:
                episode.add_chapter(title)
                pending_headers.add(title)
            if "line" not in item:
                continue
        elif "line" not in item:
            detail = f"item has no line or header (fields: {sorted(map(str, item))}); nothing to read"
            notes.add("bad_item", detail, f"{key}[{i}]")
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
                line_text = _spoken(line, f"{key}[{i}]", notes)
        else:
            line_text = _spoken(line, f"{key}[{i}]", notes) if line is not None else ""
        sec, time = item.get("sec"), item.get("time")
        duplicate = False
        if type(sec) is int and 0 <= sec <= MAX_TIME and type(time) is str and _time_text(sec) == time:
            start: float | None = float(sec)  # the common, consistent case
        elif sec is None and time is None and line_text and _repeated_next(items, i, line):
            # Some pages hold a line twice: an untimed copy, then the full item.
            duplicate, start = True, None
        else:
            start = _start_of(sec, time, f"{key}[{i}]", notes)
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
                    f"{key}[{i}]",
                )
                if who in speakers.mojibake:
                    notes.many("mojibake", f"{key}[{i}]")
            else:
                detail = "same speech repeated in the speaker field; kept once"
                notes.add("dialogue_in_who", detail, f"{key}[{i}]")
        last_para = who if para is not None else None

        if not line_text:
            notes.add("empty_line", "item has no spoken text", f"{key}[{i}]")
            continue
        if duplicate:
            notes.many("duplicate_line", f"{key}[{i}]")
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
                notes.many("missing_speaker", f"{key}[{i}]")
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
                    f"{key}[{i}]",
                )
                continue
            if _TIMESTAMP_LINE.match(line_text):
                detail = f"line {line_text!r} is a stray timestamp, not speech; skipped"
                notes.add("timestamp_line", detail, f"{key}[{i}]")
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


def _inherit_starts(episode: Episode, notes: fm.Notes) -> None:
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


def _odd_item(item: Any, where: str, episode: Episode, notes: fm.Notes, unparsed: list[Any]) -> bool:
    """Handle a transcript item that is not a mapping; True if it became a segment."""
    if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
        text, directions = split_directions(_spoken(item, where, notes))
        detail = f"item is a bare {type(item).__name__}, not a mapping; kept as a line with no speaker"
        notes.add("bad_item", detail, where)
        episode.add_segment(text, directions=directions)
        return True
    notes.add("bad_item", f"item {item!r} is not a mapping; kept in extra['transcript_unparsed']", where)
    unparsed.append(fm.clean(item, where, notes, False))
    return False


def _odd_fields(item: dict[Any, Any], i: int, where: str, notes: fm.Notes, unparsed: list[Any]) -> None:
    odd = {str(k): fm.clean(v, where, notes, False) for k, v in item.items() if k not in _ITEM_KEYS}
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

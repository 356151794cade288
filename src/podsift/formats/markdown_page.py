"""Markdown episode pages from podcast websites (Hugo, Jekyll, Astro, ...): the transcript is the body.

    ---
    title: "Episode 12: Shipping search"
    date: 2023-04-01
    duration: "45:10"
    guests: [Joe Bloggs]
    audio: https://example.com/ep12.mp3
    ---

    Show notes...

    ## Transcript

    *Joe (0:05)*
    Thanks for having me.

The front matter becomes metadata; the body is read as a transcript in whatever
shape it has (speaker lines, timestamped blocks, plain paragraphs), after the
parts of a page that are not speech are set aside: show notes above a
"Transcript" heading, images, link lists, shortcodes and HTML, a quoted block of the
page's fields (``> **節目**：…``), and a translation beside the timed original
(:mod:`podsift.formats.translated_page`). A body whose HTML
is the transcript, its lines timed by attributes (``<div data-timestamp="00:01">``),
is read as HTML. A page may keep its transcript and chapters as lists in the front
matter instead (:mod:`podsift.formats.front_matter_lists`); DataTalks.Club's pages
have a reader of their own (:mod:`podsift.formats.dtc_page`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from types import ModuleType
from typing import Any

from podsift.formats import aside_lines, snipd_export
from podsift.formats import front_matter as fm
from podsift.formats import front_matter_lists as lists
from podsift.formats.chapters_file import chapter_lines, chapter_run, place_chapters
from podsift.formats.cues import name_prefix
from podsift.formats.labels import credible, looks_like_name
from podsift.formats.translated_page import section_end, set_aside
from podsift.media_files import MEDIA_URL_END
from podsift.model import Episode, SourceRejected
from podsift.text import (
    MARKDOWN_HEADING,
    counted,
    date_in,
    fix_mojibake,
    is_markup_line,
    is_reference_link,
    link_references,
    parse_duration,
    squash,
    strip_markdown_inline,
    unlink_references,
    web_url,
    without_html_comments,
    youtube_id,
)

NAME = "markdown_page"
EXTENSIONS = (".md", ".markdown", ".mdx")

_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*[:=]", re.MULTILINE)  # "title:" in YAML, "title =" in TOML

# Front-matter keys by what they mean, in order of preference; matched however a site spells them
# (pubDate, pub_date, pub-date: see fm.field_name).
_TITLE = ("title", "page_title", "name", "episode_title")
_DATE = ("date", "pub_date", "publish_date", "publication_date", "published", "published_at", "date_published",
         "release_date", "upload_date")
# yt-dlp's dates, "upload_date: 20140204".
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])")
_DURATION = ("duration", "length", "itunes_duration", "runtime", "episode_duration", "audio_duration",
             "duration_seconds", "duration_secs", "length_seconds", "duration_sec")
_GUESTS = ("guests", "guest", "people", "speakers", "participants")
_HOSTS = ("hosts", "host")
_SHOW = ("show", "podcast", "series", "podcast_name", "podcast_title", "series_title", "show_name", "show_title",
         "channel", "channel_name")  # a YouTube-first show names its channel
_SEASON = ("season", "season_number", "itunes_season")
_EPISODE = ("episode", "episode_number", "number", "itunes_episode", "ep")
# The first few name the episode's audio whatever their URL looks like (a SoundCloud page has no .mp3).
_AUDIO = ("audio", "audio_url", "audio_link", "mp3", "enclosure", "media")
_MEDIA = (*_AUDIO, "media_url", "podcast_file", "file", "audio_file", "episode_url", "url", "link")
# A podcast template's "people" for an episode of many voices: a music credit, not anyone's name.
_NO_ONE = frozenset({"various artists", "various", "various artist", "artistes divers", "divers artistes", "va"})
_PAGE = ("page_url", "canonical_url", "canonical", "permalink")
_YOUTUBE = ("youtube", "youtube_id", "video", "video_id", "youtube_url")

# How many blocks timed by attributes make a body's HTML the transcript rather than page furniture.
_TIMED_BLOCKS = 3
# The share of a body's words inside HTML elements that makes the HTML the transcript; below it, the
# body is Markdown with a few HTML blocks (quotes, embeds) among its paragraphs.
_HTML_SHARE = 0.5
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_ONE_LINE_BLOCK = re.compile(r"^\s*(?P<fence>```|~~~)(?=.*?\S).{0,2000}?(?P=fence)\s*$")
_HTML_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)
# Hugo sites that open the transcript with a shortcode holding its first words (the GCP podcast):
# {{< transcript "[MUSIC PLAYING] MARK: Hi. And welcome to … the weekly "Google Cloud Platform" podcast." >}}
_TRANSCRIPT_SHORTCODE = re.compile(r'\{\{[<%]\s*transcript\s+"(?P<words>.*)"\s*/?[>%]\}\}', re.IGNORECASE)
# "Transcript" in English, Spanish, Catalan, Portuguese, German, French, Italian, Dutch, Polish, Russian,
# Ukrainian, Indonesian, the Scandinavian languages, Finnish, Hungarian, Greek, Hebrew, Japanese, Korean
# and Chinese.
_TRANSCRIPT_WORD = (r"(?:\b(?:transcript(?:ion)?|transcripci[oó]n?|transcri[cç][aã]o|transkript(?:ion)?|trascrizione|"
                    r"transcriptie|transkrypcj[aię]|transkrip(?:si)?|transkripsjon|transskription|litterointi|"
                    r"litteraatti|átirat|расшифровк[аи]|стенограмм[аы]|транскрипт|транскрипци[яи]|розшифровк[аи]|"
                    r"транскрипці[яї]|απομαγνητοφώνηση|תמלול)\b|文字起こし|書き起こし|逐字稿|文字稿|녹취록|전사본)")
_TRANSCRIPT_HEADING = re.compile(_TRANSCRIPT_WORD, re.IGNORECASE)
# "# Key: value" as a heading: a field of a talk dump's header.
_FIELD_HEADING = re.compile(r"^(?P<key>[A-Za-z][\w ]{0,20}?)\s*:\s*\S")
# A line of its own announcing the transcript: "**TRANSCRIPT BELOW:**", "Transcript:", "Full transcript",
# "Full Conference Call Transcript".
# Matched on the stripped line, with no two stretches of spaces side by side (linear on any line).
_TRANSCRIPT_LINE = re.compile(
    r"(?P<em>\*\*|__|\*|_)?(?:(?:full|complete|episode|podcast|show|interview|conference|earnings|call) +){0,3}"
    rf"{_TRANSCRIPT_WORD}(?: +(?:below|follows|here|attached))? ?:?(?P=em)?:?",
    re.IGNORECASE,
)


# A YAML document with no "---" around it whose top-level key holds a list of mappings
# ("segments:" over "- start: 0.0"): maybe a transcript and nothing else.
_YAML_LIST = re.compile(r"^[A-Za-z_][\w-]*:[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*- [A-Za-z_][\w-]*:", re.MULTILINE)


def _yaml_transcript(text: str) -> dict[str, Any] | None:
    """``text`` as fields, when it is a YAML document (no page around it) holding a transcript list."""
    if not _YAML_LIST.search(text[:65536]) or fm.front_block(text) is not None:
        return None
    try:
        data = fm.load(text.lstrip("\ufeff"), 1)
    except SourceRejected:
        return None
    return data if lists.transcript_list(data) else None


def sniff(text: str) -> float:
    # Front matter is certain: whatever shape the body has, the page around it must be read first.
    front = fm.front_block(text)
    if front is None:
        return 0.9 if _yaml_transcript(text) else 0.0
    return 0.9 if _KEY.search(front) else 0.0


def parse(text: str, episode: Episode) -> None:
    notes = fm.Notes(episode)
    if (whole := _yaml_transcript(text)) is not None:
        # A pipeline's working file or a script's export: all fields, no page.
        data, tail = whole, ""
        episode.repair("yaml_document", "the file is a YAML document: its fields read as a page's front matter")
    else:
        front, tail, first_line, syntax = fm.split(text, notes)
        data = fm.load(front, first_line, syntax)
    fm.check_template(data)
    extra: dict[str, Any] = {}
    _metadata(data, episode, extra, notes)
    episode.extra.update(extra)
    if whole is None:
        episode.extra["body"] = tail.strip()

    listed = lists.transcript_list(data)
    if listed:
        lists.read_transcript(*listed, episode)
        episode.extra.pop(listed[0], None)  # read, not kept twice
        if tail.strip():
            episode.repair("page_body", "the transcript is the front matter's list; the body is kept in "
                                        "extra['body'], not read as speech")  # fmt: skip
    elif (field := lists.transcript_text(data)) and len(field[1].split()) >= len(tail.split()):
        key, words = field
        if _MILLISECOND_SPAN.search(words):
            from podsift.formats import podcast_html

            podcast_html.parse(_millisecond_spans(words), episode)
        else:
            _body(words, episode, notes)
        episode.extra.pop(key, None)  # read, not kept twice
        episode.repair("page_body", f"the transcript is the front matter's {key!r} text; "
                                    + ("the body is kept in extra['body']" if tail.strip() else "the body is empty"))
    else:
        _body(tail, episode, notes)
    _chapters(data, episode)
    _speaker_names(data, episode)
    _guests_from_bios(episode)
    notes.flush()


def _speaker_names(data: dict[str, Any], episode: Episode) -> None:
    """The full names a front-matter mapping gives the transcript's labels (``speakers: {GN: Gary Null,
    RP: Ray Peat}``) shown in their place."""
    _, listed = _first(data, _GUESTS)
    if not isinstance(listed, dict):
        return
    names = {str(label): squash(name) for label, name in listed.items() if isinstance(name, str) and squash(name)}
    used = {seg.speaker for seg in episode.segments if seg.speaker in names}
    if not used:
        return
    episode.rename_speakers(names)
    episode.repair("speaker_names", "the front matter names the labels: "
                   + ", ".join(f"{label} as {names[label]!r}" for label in sorted(used)))  # fmt: skip


# A guest's bio in the show notes, as GCP's pages have: a heading that is the name, over a paragraph
# that opens with it or its first name ("##### Steren Giannini" / "[Steren Giannini](https://…) is a
# Product Manager…"), or a name the title gives ("##### Madhulika(Lika) Guhathakurta, PhD").
_BIO = re.compile(r"^#{2,6}[ \t]+(?P<heading>[^\s#][^\n#]{2,79}?)[ \t]*\n(?:[ \t]*\n)+\[?(?P<opening>[^\n]{0,80})", re.MULTILINE)


def _bio_name(heading: str, opening: str, title: str) -> str | None:
    """The person a show-notes heading gives a bio of, or None."""
    nicknames = re.findall(r"\(([^()]{2,30})\)", heading)
    name = squash(re.sub(r"\([^()]*\)", " ", heading).split(",")[0])  # "…, PhD": the name before it
    if not looks_like_name(name) or " " not in name:
        return None
    opens = opening.startswith(name) or any(re.match(rf"{re.escape(word)} (?:is|was|has|leads|works|joined)\b", opening)
                                            for word in (name.split()[0], *nicknames))  # fmt: skip
    return name if opens or name.casefold() in title.casefold() else None


def _guests_from_bios(episode: Episode) -> None:
    """The people the show notes give a bio of are the guests, where the front matter names none."""
    notes = episode.extra.get("show_notes")
    if episode.guests or not isinstance(notes, str):
        return
    hosts = {str(h).casefold() for h in episode.extra.get("hosts", [])}
    found = [name for m in _BIO.finditer(notes) if (name := _bio_name(m.group("heading"), m.group("opening"),
                                                                      episode.title or ""))
             and name.casefold() not in hosts]  # fmt: skip
    if found:
        episode.guests = list(dict.fromkeys(found))
        episode.repair("guests_from_bios", f"the show notes give a bio of {', '.join(episode.guests)}: "
                                           "the episode's guests")  # fmt: skip


# MIT OpenCourseWare's transcripts time each phrase or word by its start in milliseconds: <span m='980'>.
_MILLISECOND_SPAN = re.compile(r"""(<span\s+)m=(["']?)(\d{1,9})\2""", re.IGNORECASE)


def _millisecond_spans(text: str) -> str:
    """``text`` with its spans' millisecond starts as the time attribute HTML transcripts use."""
    return _MILLISECOND_SPAN.sub(lambda m: f'{m.group(1)}data-time="{int(m.group(3)) / 1000:g}"', text)


def _body(tail: str, episode: Episode, notes: fm.Notes) -> None:
    from podsift import formats  # the body is read by whichever format it is in
    from podsift.formats import podcast_html

    if snipd_export.is_export(tail):
        snipd_export.read(tail, episode)  # a listener's saved snips, each with its stretch of the transcript
        return
    if (timed := podcast_html.timed_blocks(tail)) >= _TIMED_BLOCKS:
        # Markup a reader of Markdown would leave out is the transcript itself.
        podcast_html.parse(without_html_comments(tail), episode)
        episode.repair("page_body", f"the page's body is an HTML transcript ({timed} elements timed by "
                                    "attributes); read as podcast_html")  # fmt: skip
        return
    body = _speech(tail, episode)
    if not body.strip():
        if not any(r.kind == "no_transcript" for r in episode.repairs):
            notes.add("no_transcript", "the page has no transcript in its body; only the metadata was read")
        return
    reader = _reader(body)
    if reader.NAME in aside_lines.LINE_FORMATS and (unaside := aside_lines.read_asides(body, episode)) is not None:
        body, found = unaside
        for kind, detail in found:
            episode.repair(kind, detail)
        reader = _reader(body)
    try:
        reader.parse(body, episode)
    except SourceRejected as err:
        # A page's body is prose around a transcript; one that merely looks like JSON is still text.
        del episode.segments[:], episode.chapters[:]
        episode.repair("page_body", f"the body is not {reader.NAME} ({err}); read as plain text")
        reader = formats.load("plain_text")
        reader.parse(body, episode)
    if _notes_only(tail, episode):
        words = sum(len(s.text.split()) for s in episode.segments)
        episode.extra["show_notes"] = "\n\n".join(filter(None, [episode.extra.get("show_notes"), body.strip()]))
        del episode.segments[:], episode.chapters[:]
        notes.add("no_transcript", f"the page's body ({words} words with no times or speakers) is the episode's "
                                   "notes, not a transcript: kept as show notes; only the metadata was read")
        return
    episode.repair("page_body", f"the page's body read as {reader.NAME}")


def _reader(body: str) -> ModuleType:
    """The reader of a page's body."""
    from podsift import formats
    from podsift.formats import podcast_html

    reader = formats.detect(body, exclude=(NAME, "dtc_page"))
    if reader is podcast_html and _html_share(body) < _HTML_SHARE:
        # HTML a reader of HTML would take whole (a block over several lines) is not the page's text.
        reader = formats.detect(body, exclude=(NAME, "dtc_page", podcast_html.NAME))
    return reader


# A page of a show's site with no transcript yet: a description, "## Episode Highlights", "Tune in…".
# A minute and more of speech holds more words; a transcript that short would be timed or labelled.
_NOTES_WORDS = 300
_NOTES_PACE = 50  # words a minute of the stated length: slower than anyone speaks


def _notes_only(tail: str, episode: Episode) -> bool:
    """Is what was read from a page's body a few untimed, unlabelled paragraphs under headings,
    with no heading or line saying a transcript follows?"""
    segments = episode.segments
    lines = tail.split("\n")
    words = sum(len(s.text.split()) for s in segments)
    if episode.duration and words >= _NOTES_PACE * episode.duration / 60:
        return False  # the words fill the stated length as speech does: a short talk's transcript
    return (bool(segments) and not any(s.speaker or s.start is not None for s in segments) and words < _NOTES_WORDS
            and any(MARKDOWN_HEADING.match(line) for line in lines) and _transcript_marker(lines) is None)


def _chapters(data: dict[str, Any], episode: Episode) -> None:
    """The front matter's chapters in place of the transcript's own: a person wrote them. Without a
    list of them, a video description's ("00:00 Intro" / "03:15 …")."""
    listed = lists.chapter_list(data)
    found = listed or _description_chapters(data) or (None if episode.chapters else _notes_chapters(episode))
    if found is None or not any(s.start is not None for s in episode.segments):
        return  # with no times to place them on, they stay in extra
    key, timed = found
    episode.chapters = place_chapters(timed, episode)
    if listed:
        episode.extra.pop(key, None)
    where = "the show notes'" if key == "show_notes" and not listed else f"the front matter's {key!r}"
    episode.repair("chapters", f"{len(timed)} chapters from {where} "
                               + ("list" if listed else "time-stamped lines (a chapter list)"))


_DESCRIPTION = ("description", "summary", "excerpt", "show_notes", "notes")


def _description_chapters(data: dict[str, Any]) -> tuple[str, list[tuple[float, str]]] | None:
    key, text = _first(data, _DESCRIPTION)
    if not key or not isinstance(text, str):
        return None
    timed = chapter_run(chapter_lines(text))
    return (key, timed) if timed else None


# "## 1. Introduction and Setup (<a href="#00-00-00">00:00:00</a>)": a chapter list as headings.
_NOTES_MARKUP = re.compile(r"<[^<>\n]{1,200}>|^#{1,6}[ \t]+", re.MULTILINE)  # tags and hashes; the rest inline
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")


def _notes_chapters(episode: Episode) -> tuple[str, list[tuple[float, str]]] | None:
    """The chapters the show notes above the transcript list ("00:00 Intro", or headings ending in
    their time), where neither the front matter nor the transcript has any."""
    notes = episode.extra.get("show_notes")
    if not isinstance(notes, str):
        return None
    lines = chapter_lines(strip_markdown_inline(_NOTES_MARKUP.sub("", notes)))
    timed = chapter_run([(start, _NUMBERED.sub("", title)) for start, title in lines])
    return ("show_notes", timed) if timed else None


# --------------------------------------------------------------------------- metadata


# A mapping of what the page transcribes, where its fields are not the page's own (ray-peat-rodeo's
# "source: {series, title, url, duration}" beside "transcription: {author, date}").
_SOURCE_KEYS = ("source", "recording", "original")


def _source(data: dict[str, Any]) -> dict[str, Any]:
    _, found = _first(data, _SOURCE_KEYS)
    return found if isinstance(found, dict) else {}


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    """(the key as the page spells it, its value) of the first of ``keys`` given a value."""
    spelled: dict[str, Any] = {}
    for key in data:
        spelled.setdefault(fm.field_name(key), key)
    for key in keys:
        found = key if key in data else spelled.get(fm.field_name(key))
        if found is not None and data[found] not in (None, "", []):
            return found, data[found]
    return None, None


def _media_entries(data: dict[str, Any]) -> list[list[str]]:
    """The text fields of each entry in the front matter's lists of mappings (a page's media list)."""
    return [[v for v in item.values() if isinstance(v, str)]
            for value in data.values() if isinstance(value, list) for item in value if isinstance(item, dict)]  # fmt: skip


def _listed_media(data: dict[str, Any]) -> str | None:
    """A recording's address in a list of the page's media ({type: Video, media_location: https://….mp4});
    an entry that does not say it is a video or audio may be another episode's."""
    return next((url for texts in _media_entries(data) if {"video", "audio"} & {t.casefold() for t in texts}
                 for text in texts if (url := web_url(text)) and MEDIA_URL_END.search(url)), None)  # fmt: skip


def _youtube(data: dict[str, Any]) -> str | None:
    """The video's id from the front matter or a mapping in it (``media: {youtubeId: ...}``)."""
    for mapping in (data, *(v for v in data.values() if isinstance(v, dict))):
        for key in _YOUTUBE:
            _, value = _first(mapping, (key,))
            if isinstance(value, str) and (video := youtube_id(value)):
                return video
    # A list of the page's media, one entry naming YouTube (OpenCourseWare's "embedded_media":
    # {id: Video-YouTube-Stream, media_location: vEsUsaK1HBk}).
    for texts in _media_entries(data):
        if any("youtube" in text.lower() for text in texts):
            if video := next((v for text in texts if (v := youtube_id(text))), None):
                return video
    return None


# "Ana Lima, PhD" is one person: a comma before a title or suffix joins, not separates.
_NAMES_SPLIT = re.compile(r"\s*(?:,(?!\s*(?:Ph\.?\s?D|M\.?D|Jr|Sr|MBA|MSc|MA|BSc|Esq|II|III|IV)\b\.?)|;|\band\b|&)\s*")


def _names(value: Any) -> list[str]:
    """People from a front-matter value: a name, a list of names, or a list of {name: ...}.

    A lone string may hold several ("Ana and Tom"); in a list of several, each entry is one
    name as written, "&" and commas and all ("Tom & Jerry" the duo)."""
    if isinstance(value, str):
        return [squash(v) for v in _NAMES_SPLIT.split(value) if v.strip()]
    if isinstance(value, dict):
        name = value.get("name") or value.get("title")
        return [squash(str(name))] if name else []
    if isinstance(value, list):
        if len(value) > 1:
            return [n for v in value for n in ([squash(v)] if isinstance(v, str) and v.strip() else _names(v))]
        return [n for v in value for n in _names(v)]
    return []


def _named_episode(value: Any) -> bool:
    """An episode field that names the episode in words ("Episode 1 Cassidy Williams"), not a bare
    number ("12", "#12", "Ep. 12") nor the path of the episode's own page ("_episodes/twir/2020-08-18-twir-352.md")."""
    return (isinstance(value, str) and " " in value.strip() and "/" not in value
            and len(re.findall(r"[^\W\d_]{2,}", value)) >= 2)


def _metadata(data: dict[str, Any], episode: Episode, extra: dict[str, Any], notes: fm.Notes) -> None:
    used: set[str] = set()

    key, title = _first(data, _TITLE)
    if key:
        episode.title = fm.text_field(title, key, notes)
        used.add(key)
    source = _source(data)
    if not key and isinstance(title := source.get("title"), str) and title.strip():
        episode.title = squash(title)  # "source: {title: Thyroid Function, duration: 58:30, url: …}"
    # Jekyll's "published: false" says whether to publish the page, not when
    key, date = _first({k: v for k, v in data.items() if not isinstance(v, bool)}, _DATE)
    # "Date: Sample Meeting", "date: TBD": no date; the field stays among the others.
    if key and any(c.isdigit() for c in str(date)):
        episode.date = squash(str(date))  # a quoted YAML value may keep the blank lines it was written over
        if compact := _COMPACT_DATE.fullmatch(episode.date):
            episode.date = "-".join(compact.group("y", "m", "d"))
        used.add(key)
    key, show = _first(data, _SHOW)
    if key and isinstance(show, str):
        episode.show = fix_mojibake(squash(show))[0]
        used.add(key)
    for keys, attr in ((_SEASON, "season"), (_EPISODE, "episode_number")):
        key, value = _first(data, keys)
        if key and attr == "episode_number" and not episode.title and _named_episode(value):
            # 'episode: "Transcript Episode 70 Top 5 of 2022"' with no title: the episode's name, not its number
            episode.title = fm.text_field(value, key, notes)
            used.add(key)
            continue
        if key:
            number = fm.int_field(data, key, extra, notes)
            if number is not None:
                setattr(episode, attr, number)
            used.add(key)
    key, guests = _first(data, _GUESTS)
    if key:
        names = [fix_mojibake(g)[0] for g in _names(guests)]
        episode.guests = [g for g in names if g.lower() not in _NO_ONE]
        if len(episode.guests) < len(names):
            notes.add("not_a_guest", f"{key} {guests!r} is a music credit, not a person; kept in extra", key)
        if episode.guests:
            used.add(key)
    key, hosts = _first(data, _HOSTS)
    if key and (names := _names(hosts)):
        extra["hosts"] = [fix_mojibake(h)[0] for h in names]  # as a feed's hosts are kept
        used.add(key)
    key, duration = _first(data, _DURATION)
    if not key and source.get("duration") is not None and parse_duration(source["duration"]) is not None:
        episode.duration = parse_duration(source["duration"])
    if key:
        seconds = parse_duration(duration)
        if seconds is None:
            notes.add("bad_duration", f"{key} {duration!r} is not a length of time; kept in extra", key)
        else:
            episode.duration = seconds
            used.add(key)
    for media_key in _MEDIA:
        value = _url(_first(data, (media_key,))[1])
        if value and (MEDIA_URL_END.search(value) or media_key in _AUDIO):
            episode.media_url = value
            break
    if not episode.media_url:
        episode.media_url = _listed_media(data)
    key, page = _first(data, _PAGE)
    if key and (page_url := _url(page)):
        episode.page_url = page_url
        used.add(key)
    episode.youtube_id = _youtube(data) or episode.youtube_id
    if not episode.youtube_id and isinstance(link := source.get("url"), str) and "youtu" in link:
        episode.youtube_id = youtube_id(link)
    if not episode.youtube_id and isinstance(link := data.get("source"), str) and "youtu" in link:
        episode.youtube_id = youtube_id(link)  # a web clipper's "source:" is the page it clipped: the video

    for key, value in data.items():
        name = key if isinstance(key, str) else str(key)
        if name not in used:
            extra[name] = fm.clean(value, name, notes, False)


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("url") or value.get("href") or value.get("src")
    return web_url(value)


# --------------------------------------------------------------------------- body


class _HtmlText(HTMLParser):
    """HTML inside a Markdown body as Markdown text: blocks become paragraphs, bold stays bold."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "section", "article", "blockquote", "details",
                         "summary", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self._BLOCKS:
            self.out.append("\n\n" + ("#" * int(tag[1]) + " " if tag[0] == "h" and tag[1:].isdecimal() else ""))
        elif tag in ("strong", "b"):
            self.out.append("**")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCKS:
            self.out.append("\n\n")
        elif tag in ("strong", "b"):
            self.out.append("**")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data.replace("\n", " "))


# Any tag, opening or closing; tags with no end ("<br>", "<img>") open no element.
_ANY_TAG = re.compile(r"<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)\b[^<>]*?(?P<self>/?)>")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed"})


def _html_share(text: str) -> float:
    """How much of a text's words lie inside HTML elements rather than around them.

    Read by a regex, not an HTML parser: a parser is quadratic on text with many "<" and no ">".
    """
    inside = outside = depth = pos = 0
    for m in _ANY_TAG.finditer(text):
        words = len(text[pos:m.start()].split())
        inside, outside = (inside + words, outside) if depth else (inside, outside + words)
        if m.group("tag").lower() not in _VOID and not m.group("self"):
            depth = max(0, depth - 1) if m.group("close") else depth + 1
        pos = m.end()
    words = len(text[pos:].split())
    inside, outside = (inside + words, outside) if depth else (inside, outside + words)
    return inside / max(1, inside + outside)


def _html_as_text(text: str) -> str:
    reader = _HtmlText()
    reader.feed(text)
    reader.close()
    paragraphs = (squash(p) for p in "".join(reader.out).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


# A transcript set as a block quote: "> I will do a real quick recap…" / ">" / "> [Music]".
_QUOTED_LINE = re.compile(r"^\s*>[ \t]?")
_QUOTED_SHARE = 0.8


def _lone_video(lines: list[str], episode: Episode) -> None:
    """The YouTube video a line of its own links to, where the page links no other so."""
    if episode.youtube_id:
        return
    # A line that is only a link (``is_markup_line``'s bare URL) to a YouTube video.
    videos = {video for line in lines if line.strip().startswith(("http", "<http")) and is_markup_line(line)
              and (video := youtube_id(line.strip(" \t<>")))}  # fmt: skip
    if len(videos) == 1:
        episode.youtube_id = videos.pop()


def _unquoted(lines: list[str], episode: Episode) -> list[str]:
    """The transcript's lines without the block quote it is set in, when nearly every line is quoted."""
    said = [line for line in lines if line.strip()]
    quoted = sum(1 for line in said if _QUOTED_LINE.match(line))
    if quoted < 3 or quoted < _QUOTED_SHARE * len(said):
        return lines
    episode.repair("quoted_transcript", f"the transcript is set as a block quote ({quoted} lines): read without "
                                        "the '>' marks")  # fmt: skip
    return [_QUOTED_LINE.sub("", line, count=1) for line in lines]


# MDX's comments, alone on their lines: "{/* TAB: TRANSCRIPT */}" over a tab of the page (devtools.fm).
_MDX_COMMENT = re.compile(r"^[ \t]*\{/\*(?P<said>[^\n]*?)\*/\}[ \t]*$", re.MULTILINE)


def _without_mdx_comments(tail: str, episode: Episode) -> str:
    """The body without MDX's comments; one naming the transcript ("{/* TAB: TRANSCRIPT */}") becomes
    a "## Transcript" heading, so what is above it is show notes."""
    found = _MDX_COMMENT.findall(tail)
    if not found:
        return tail
    episode.repair("mdx_comments", f"{counted(len(found), 'MDX comment')} ({found[0].strip()!r} …) left out of the speech")
    return _MDX_COMMENT.sub(lambda m: "## Transcript" if _TRANSCRIPT_HEADING.search(m.group("said")) else "", tail)


# A page's style sheet or script, written into the Markdown: never words anyone said.
_STYLE_OR_SCRIPT = re.compile(r"<(?P<tag>style|script)\b[^<>]*>", re.IGNORECASE)


def _without_styles_and_scripts(tail: str, episode: Episode) -> str:
    """The body without its ``<style>`` and ``<script>`` elements (found with str.find: linear
    on a page of openings that never close)."""
    lowered = tail.lower()
    kept: list[str] = []
    pos = found = 0
    while m := _STYLE_OR_SCRIPT.search(tail, pos):
        close = lowered.find(f"</{m['tag'].lower()}", m.end())
        if close < 0:
            break
        kept.append(tail[pos:m.start()])
        pos = lowered.find(">", close) + 1 or len(tail)
        found += 1
    if not found:
        return tail
    episode.repair("styles_and_scripts", f"{counted(found, '<style> or <script> element')} in the page left out of the speech")
    return "".join(kept) + tail[pos:]


# kramdown's table of contents: a list item the generated list replaces, then "{:toc}" under it.
_KRAMDOWN_TOC = re.compile(r"^[ \t]*(?:[-*+]|1\.)[ \t][^\n]*\n[ \t]*\{:[ \t]*\.?toc[ \t]*\}[ \t]*$", re.MULTILINE)


def _speech(tail: str, episode: Episode) -> str:
    """The body without what is never speech; show notes above a transcript marker set aside."""
    tail = _KRAMDOWN_TOC.sub("", _without_mdx_comments(without_html_comments(tail), episode))
    tail = _without_styles_and_scripts(tail, episode)
    if len(_HTML_PARAGRAPH.findall(tail)) >= 3:
        # Some sites keep the transcript as raw HTML inside the Markdown (a <details> block, say).
        tail = _html_as_text(tail)
        episode.repair("html_body", "the page's body is HTML; read as text paragraphs")
    elif _html_share(tail) < _HTML_SHARE or len(_NAME_ELEMENT.findall(tail)) >= _NAME_ELEMENTS:
        # A transcript of blocks, each a speaker's name in an element of its own over the words
        # ('<div class="name">Ivan:</div>'), keeps its lines: each label line opens a turn.
        tail = _inline_html(tail, episode)
    lines = _quoted_fields(tail.split("\n"), episode)
    # The translation first: its timed original's heading ("英文逐字稿") also marks a transcript,
    # and everything above a marker is show notes, the translation among them.
    lines = set_aside(lines, episode)
    _lone_video(lines, episode)
    _, lines, _ = split_transcript(lines, episode)
    lines = _unquoted(lines, episode)
    references = link_references(tail)  # defined among the show notes, as often as not

    kept: list[str] = []
    dropped = 0
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            # "```A mellow sound is … ```": a block opened and closed on its line (a glossary note)
            # is all the code there is, not the opening of a block that hides the turns after it.
            if not _ONE_LINE_BLOCK.match(line):
                in_fence = not in_fence
            dropped += 1
            continue
        if in_fence or is_markup_line(line) or is_reference_link(line, references):
            dropped += 1 if line.strip() else 0
            if not in_fence and not episode.youtube_id and "<iframe" in line and "youtu" in line:
                episode.youtube_id = youtube_id(line)  # the page's embedded player plays the episode
            continue
        kept.append(unlink_references(line, references))
    if dropped:
        episode.repair("page_markup", f"{counted(dropped, 'line')} of links, images, shortcodes or HTML left out of the speech")
    body = _struck(("\n".join(_unglued_line(line, episode) for line in kept)), episode)
    if first := _ESCAPED.search(body):
        body, escapes = _ESCAPED.subn(r"\1", body)
        episode.repair("markdown_escapes", f"{counted(escapes, 'backslash escape')} read as the characters a page shows "
                                           f"({first.group(0)} as {first.group(1)})")  # fmt: skip
    return body


# A recogniser's word a line with its time and confidence, "- [00:13]  if (32.1%)", as faster-whisper
# scripts fold under each timed section in "<details><summary>Word timestamps</summary>".
_WORD_LIST_LINE = re.compile(r"^\s*[-*+]\s+\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?\s+\S+\s+\(\d{1,3}(?:[.,]\d{1,3})?\s?%\)\s*$")
_DETAILS_OPEN = re.compile(r"^\s*<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>\s*$", re.IGNORECASE)


def without_word_lists(text: str) -> tuple[str, int] | None:
    """``text`` without folded ``<details>`` blocks that hold only words with their times and
    confidences, and how many there were; None if none. The timed text above each says the same
    words, so they are no speech of their own (and would hide that text from the sniffers)."""
    if "<details" not in text and "<DETAILS" not in text:
        return None
    lines = text.split("\n")
    kept: list[str] = []
    dropped = i = 0
    while i < len(lines):
        if not _DETAILS_OPEN.match(lines[i]):
            kept.append(lines[i])
            i += 1
            continue
        end = i
        while end < len(lines) and not _DETAILS_CLOSE.search(lines[end]):
            end += 1
        inner = [ln for ln in lines[i + 1:end] if ln.strip()]
        if end < len(lines) and inner and all(_WORD_LIST_LINE.match(ln) for ln in inner):
            dropped += 1
        else:
            kept.extend(lines[i:end + 1])
        i = end + 1
    return ("\n".join(kept), dropped) if dropped else None


def timed_copy(text: str) -> str | None:
    """The timed copy of a page's transcript given twice ("## Transcript" without times, then
    "## Detailed Transcript with Timestamps"), from its heading on; None if the page has none."""
    lines = text.split("\n")
    found = _transcript_marker(lines)
    if found is None or found == (-1, -1):
        return None
    twin = _timed_twin(lines, *found)
    return "\n".join(lines[twin[0]:twin[1]]) if twin else None


# A transcript that lost its line breaks on the way from a CMS ("**WADE:** We're at Build… **CHARLES:** Hey,
# everybody…", 48 KB on one line): its bold labels, recurring, open its turns.
_GLUED_LABEL = re.compile(r"(?<=\S)[ \t]*(?=\*\*[A-Z][A-Za-z .'’-]{0,30}:\*\*)")
_GLUED_LINE = 2000  # characters: no turn of a transcript with line breaks runs this long with labels inside
_GLUED_LABELS = 5


def _unglued_line(line: str, episode: Episode) -> str:
    if len(line) < _GLUED_LINE or line.count(":**") < _GLUED_LABELS:
        return line
    parts = _GLUED_LABEL.split(line)
    if len(parts) <= _GLUED_LABELS:
        return line
    episode.repair("glued_turns", f"a line of {len(line):,} characters holds {len(parts) - 1} bold speaker labels "
                                  "('**NAME:**'), as a transcript without its line breaks does: each opens a turn")
    return "\n\n".join(part.strip() for part in parts)


# A transcript's own correction: the word it took back struck out, the right one in brackets after it
# ("20 or fewer <s>employers</s> \\[employees\\]", as the White House corrects its transcripts).
_STRUCK = re.compile(r"<(?P<tag>s|del|strike)>(?P<struck>[^<>\n]{0,200})</(?P=tag)>"
                     r"(?:[ \t\u00a0]*\\?\[(?P<right>[^\[\]\n\\]{1,100})\\?\])?", re.IGNORECASE)


def _struck(body: str, episode: Episode) -> str:
    """``body`` with each struck-out word its bracketed correction, or the word without its tags where none follows."""
    if "</" not in body:
        return body
    body, count = _STRUCK.subn(lambda m: m.group("right") or m.group("struck"), body)
    if count:
        episode.repair("struck_words", f"{counted(count, 'struck-out word')} (<s>…</s>) read as the correction after them, "
                                       "or as words where none follows")  # fmt: skip
    return body


# Markdown's backslash escapes of characters that are no emphasis ("\[0:00:13.9\] **Adam**…", as an
# editor escapes brackets that hold no link): a page shows them bare. "\*" and "\_" stay escaped.
_ESCAPED = re.compile(r"\\([\[\](){}#.!+\-])")


# A line with an HTML tag of the kinds that carry words ("<blockquote>Quote<br>- Author</blockquote>").
# Named tags only: "<https://example.com>" is a Markdown link, and "a < b" is words. An escaped
# "\<b\>" is the words "<b>", as a Markdown writer keeps them.
_TAG_LINE = re.compile(r"(?<!\\)</?(?:(?P<block>blockquote|p|div|br)|q|cite|span|em|strong|b|i|u|small|mark|sup|sub|a|font)\b[^<>]*>",
                       re.IGNORECASE)


def _tag_space(m: re.Match[str]) -> str:
    """A block's tag parts words; an inline one ('I'm <a href=…>Ivan</a>.') touches them."""
    return " " if m["block"] else ""


# '<a href="https://www.youtube.com/watch?v=…&t=32s">0:32</a>': a clock linked to its moment, as a
# Markdown link would be written; and '<div class="transcript-timestamp">00:32 // Joanna</div> Hello.',
# a turn's label in an element of its own, which ends where the words begin.
_CLOCK_ANCHOR = re.compile(r"<a\s[^<>]*?href=\"(?P<url>[^\"<>]+)\"[^<>]*>\s*(?P<clock>\d{1,2}(?::\d{2}){1,2})\s*</a>",
                           re.IGNORECASE)
_LABEL_ELEMENT = re.compile(r"<(?P<tag>div|span|p|strong|b)\s[^<>]*?class=\"[^\"<>]*(?:timestamp|time|speaker|label)"
                            r"[^\"<>]*\"[^<>]*>(?P<label>[^<>]{1,80})</(?P=tag)>[ \t]*(?=\S)", re.IGNORECASE)


# '<div class="name">Ivan:</div>' on a line of its own, the words on the lines below: a speaker's label.
_NAME_ELEMENT = re.compile(r"^[ \t]*<(?P<tag>div|span|p|strong|b)\s[^<>\n]*?class=\"[^\"<>\n]*\b(?:name|speaker)\b[^\"<>\n]*\"[^<>\n]*>"
                           r"[ \t]*(?P<label>[^<>:\n]{1,60}:)[ \t]*</(?P=tag)>[ \t]*$", re.IGNORECASE | re.MULTILINE)
_NAME_ELEMENTS = 3


def _inline_html(tail: str, episode: Episode) -> str:
    """A Markdown body's lines of HTML as their words: a quote and its author, one paragraph."""
    lines = tail.split("\n")
    found = 0
    for i, line in enumerate(lines):
        if "<" in line:
            line = lines[i] = _LABEL_ELEMENT.sub(lambda m: m["label"].strip() + ": ",
                                                 _NAME_ELEMENT.sub(r"\g<label>", _CLOCK_ANCHOR.sub(r"[\g<clock>](\g<url>)", line)))
        if _TAG_LINE.search(line) and not is_markup_line(line):
            lines[i] = squash(html.unescape(_TAG_LINE.sub(_tag_space, line)))
            found += 1
    if found:
        episode.repair("inline_html", f"{counted(found, 'line')} of HTML in the Markdown read as their words, tags left out")
    return "\n".join(lines)


# "> **節目**：Waiting To Be Signed": a quoted field, in bold, the colon inside or after the bold.
_QUOTED_FIELD = re.compile(r"^\s*>\s*(?P<em>\*\*|__)(?P<key>[^*_:：\n]{1,30}?)\s*(?:[:：]\s*(?P=em)|(?P=em)\s*[:：])"
                           r"\s*(?P<value>.*?)\s*$")
# The keys that make a quoted block of fields the page's facts: a block of "**Host:** Welcome."
# lines is speech set in a quote.
_FIELD_SHOW = {"節目", "节目", "番組", "播客", "show", "podcast", "program", "programme"}
_FIELD_TITLE = {"標題", "标题", "題目", "题目", "title"}
_PAGE_FIELDS = _FIELD_SHOW | _FIELD_TITLE | {"發布日期", "发布日期", "日期", "date", "published", "原始連結",
                                             "原始链接", "連結", "链接", "link", "source", "episode"}


def _quoted_fields(lines: list[str], episode: Episode) -> list[str]:
    """``lines`` without a quoted block of the page's fields (``> **節目**：…``), kept in
    ``extra["page_fields"]``; a show or title it names is the episode's where the front matter has none."""
    kept: list[str] = []
    found: dict[str, str] = {}
    first = 0
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _QUOTED_FIELD.match(lines[j]):
            j += 1
        fields = [m for ln in lines[i:j] if (m := _QUOTED_FIELD.match(ln))]
        if not fields or not any(squash(m.group("key")).lower() in _PAGE_FIELDS for m in fields):
            kept.extend(lines[i:max(j, i + 1)])  # each line looked at once, however long the quote
            i = max(j, i + 1)
            continue
        first = first if found else i
        for m in fields:
            key, value = squash(m.group("key")), squash(m.group("value"))
            found[key] = value
            if value and key.lower() in _FIELD_SHOW:
                episode.show = episode.show or value
            elif value and key.lower() in _FIELD_TITLE:
                episode.title = episode.title or value
        i = j
    if found:
        episode.extra["page_fields"] = found
        episode.repair("page_fields", f"{counted(len(found), 'quoted field')} of the page ({', '.join(found)}) kept in "
                                      "extra['page_fields'], not read as speech", f"body line {first + 1}")  # fmt: skip
    return kept


# "## Interview" over an oral history's fields ("INTERVIEWER: Janet Abbate", "DATE: 9 July 2002"),
# its cover matter above ("## About the Interview", "## Copyright Statement"). A podcast's
# "# Interview" section after its spoken introduction is no marker: no such fields open it.
_INTERVIEW_HEADING = re.compile(r"(?:the |full )?(?:interview|entrevista|entretien)", re.IGNORECASE)
_INTERVIEW_FIELD = re.compile(r"(?:interview(?:ee|er)?|narrator|date|place|location)\s*:\s*\S", re.IGNORECASE)


def transcript_heading(title: str) -> bool:
    """"## Transcript", "## Full transcript: part 1"; not a header field ("# Source: https://…/transcript")."""
    field = _FIELD_HEADING.match(title)
    if field and not _TRANSCRIPT_HEADING.search(field.group("key")):
        return False  # "# Title: …" and "# Source: …" are a talk dump's metadata, whatever their values say
    return bool(_TRANSCRIPT_HEADING.search(title))


def _interview_heading(lines: list[str], i: int, title: str) -> bool:
    """"## Interview" with an interview's fields right under it."""
    if not _INTERVIEW_HEADING.fullmatch(title.strip(" *_")):
        return False
    under = next((ln.strip() for ln in lines[i + 1 : i + 4] if ln.strip()), "")
    return bool(_INTERVIEW_FIELD.match(under))


def _transcript_marker(lines: list[str]) -> tuple[int, int] | None:
    """The line announcing the transcript and the line the transcript runs to; None if none does;
    (-1, -1) where a transcript heading holds no words, only the links to where it is or a note on it."""
    first: tuple[int, int] | None = None
    rest: tuple[int, int] | None = None  # a heading with nothing under it but words on the page after it
    elsewhere = False
    for i, line in enumerate(lines):
        found: tuple[int, int] | None = None
        heading = MARKDOWN_HEADING.match(line)
        if heading and (transcript_heading(heading.group("title")) or _interview_heading(lines, i, heading.group("title"))):
            # Under a heading the transcript runs to the next section (show links, credits); a
            # heading with nothing under it heads the sections that follow it, at its level.
            level = len(heading.group(1))
            end = section_end(lines, i, level)
            if not any(ln.strip() for ln in lines[i + 1 : end]):
                end = section_end(lines, i, level - 1)
            if _no_words(lines[i + 1 : end]):
                # "## Transcript Chunks" over a table linking the files that hold it, a note on it, and
                # nothing said anywhere after it: the transcript is elsewhere. "## Transcript" over a download
                # link or a note, the talk under the headings after it: it runs to the page's end, unless
                # another transcript heading follows ("### Transcript", "# **JSJ256 …**", "## **Transcript**").
                if _no_words([ln for ln in lines[i + 1:] if not MARKDOWN_HEADING.match(ln)]):
                    elsewhere = True
                else:
                    rest = rest or (i, len(lines))
                continue
            found = i, end
        elif _TRANSCRIPT_SHORTCODE.fullmatch(line.strip()) or (
                _TRANSCRIPT_LINE.fullmatch(line.strip()) and any(ln.strip() for ln in lines[i + 1:])):
            found = i, len(lines)  # a bold or plain marker has no level: the rest of the page is the transcript
        if found is None:
            continue
        if first is not None:
            return found
        if any(ln.strip() and not is_markup_line(ln) for ln in lines[:i]):
            if _spoken(lines[:i]):
                break  # turns above it: the transcript began before this line, which only mentions one
            return found
        # A "Transcript" title over the whole file sets nothing apart: a marker below it
        # ("**TRANSCRIPT BELOW:**" after the show notes) still does.
        first = found
    if first is not None or rest is not None:
        return first or rest
    return (-1, -1) if elsewhere else None


# Turns above a line that names the transcript make it no marker: the talk has begun ("Cedar: Do you
# read me?" … "# next two lines moved back; in the transcript they come later").
_SPOKEN_TURNS = 4
_SPOKEN_SHARE = 1 / 3  # of the worded lines above are such turns


def _spoken(lines: list[str]) -> bool:
    """Whether ``lines`` hold a conversation: recurring ``Name:`` labels opening many of them."""
    worded = [ln.strip() for ln in lines if ln.strip() and not is_markup_line(ln)]
    labels = [name_prefix(ln)[0] for ln in worded]
    speakers = credible(labels)
    turns = sum(1 for label in labels if label in speakers)
    return turns >= _SPOKEN_TURNS and turns >= _SPOKEN_SHARE * len(worded)


_NOTE_WORDS = 40
_NOTE_LINES = 2


def _worded(line: str) -> bool:
    """A line that may hold what was said: not blank, not page markup, not a table's row of numbers,
    times and links ("| 1 | 00:00 - 09:57 | [chunk](chunks/01-00-00.md) |")."""
    if line.strip().startswith("|"):
        plain = strip_markdown_inline(_LINK_RE.sub("", line))
        return any(len(_WORD_RE.findall(cell)) >= 2 for cell in plain.split("|"))
    return bool(line.strip()) and not is_markup_line(line)


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_LINK_RE = re.compile(r"\[[^\[\]\n]{0,200}\]\([^()\s]{0,500}\)")


def _no_words(lines: list[str]) -> bool:
    """Nothing said in ``lines``: no worded line, or only a short note on the transcript (no table)."""
    # A table's header ("| # | Time Range | File |", over its rule) names columns; its rows say what is in them.
    said = [ln for k, ln in enumerate(lines) if _worded(ln)
            and not (ln.strip().startswith("|") and k + 1 < len(lines) and _TABLE_RULE.match(lines[k + 1]))]
    if not said:
        return True
    note = " ".join(said)
    return (len(said) <= _NOTE_LINES and not any(ln.strip().startswith(("|", "**")) for ln in said)
            and len(note.split()) < _NOTE_WORDS and bool(_TRANSCRIPT_HEADING.search(note)) and bool(_ABOUT_IT.search(note)))


# What a note on a transcript says of it: how it was made, where it is, how good it is.
_ABOUT_IT = re.compile(r"\b(?:generated|automatic\w*|machine|whisper|download|pdf|available|coming soon|provided|"
                       r"edited|errors?|accuracy|quality|included|links?|chunks?|files?)\b", re.IGNORECASE)


# "**Published:** 2025-08-14" above the transcript: the page's facts, in bold, as a script writing a
# video's page in Markdown sets them out ("**Video ID:**", "**Channel:**", "**Duration:**").
_BOLD_FIELD = re.compile(r"^\s*(?:[-*+]\s+)?(?P<em>\*\*|__)(?P<key>[^*_:\n]{1,30}?)\s*(?:(?P=em)\s*:|:\s*(?P=em))"
                         r"\s*(?P<value>\S.*?)\s*$")
# What they may say: where the page has a fact already (front matter), the notes do not change it.
_NOTE_FACTS = ("title", "date", "show", "season", "episode_number", "guests", "duration", "media_url", "page_url",
               "youtube_id")


def _note_fields(lines: list[str], episode: Episode) -> None:
    """The facts a page's notes give in bold fields, where the episode lacks them; the fields are kept
    in ``extra["page_fields"]``."""
    data = {squash(m.group("key")): strip_markdown_inline(m.group("value"))
            for line in lines if (m := _BOLD_FIELD.match(line))}  # fmt: skip
    if not data:
        return
    known = {attr: getattr(episode, attr) for attr in _NOTE_FACTS}
    notes = fm.Notes(episode)
    _metadata(data, episode, {}, notes)
    read = [attr for attr, value in known.items() if not value and getattr(episode, attr)]
    for attr, value in known.items():
        if value:
            setattr(episode, attr, value)
    notes.flush()
    episode.extra.setdefault("page_fields", data)
    if read:
        episode.repair("page_fields", f"{counted(len(data), 'field')} above the transcript ({', '.join(data)}) read: "
                                      f"{', '.join(read)}")


# "Interview took place on March 26, 2021.", "Recorded on 4 May 2022": the notes saying when it was said.
_TOLD_DATE = re.compile(r"\b(?:took place|was recorded|recorded|was held|conducted)\s+(?:on\s+)?(?P<rest>[^\n]{0,40})",
                        re.IGNORECASE)


def _told_date(notes: str, episode: Episode) -> None:
    """The date the notes above the transcript say it took place on, where the episode has none."""
    if episode.date:
        return
    for m in _TOLD_DATE.finditer(notes):
        if day := date_in(m.group("rest")):
            episode.date = day
            episode.repair("told_date", f"the notes say when it took place ({squash(m.group(0))[:60]!r}): read as its date")
            return


def split_transcript(lines: list[str], episode: Episode) -> tuple[list[str], list[str], list[str]]:
    """A page's lines as (show notes, transcript, what follows it), split at a transcript marker.

    The notes above a marker ("## Transcript", "**TRANSCRIPT BELOW:**", "Transcript:") are not
    speech: they are kept in ``extra["show_notes"]`` and reported. With no marker it is all transcript.
    """
    found = _transcript_marker(lines)
    if found is None:
        return [], lines, []
    if found == (-1, -1):
        # The page's transcript is elsewhere (chunk files, another page): all of it is the episode's notes.
        notes = "\n".join(ln.rstrip() for ln in lines if not is_markup_line(ln)).strip()
        if notes:
            episode.extra["show_notes"] = re.sub(r"\n{3,}", "\n\n", notes)
        episode.repair("no_transcript", "the page's transcript headings hold no words (links to where it is, "
                                        "a note on it): the page is the episode's notes, kept as show notes")
        _note_fields(lines, episode)
        return lines, [], []
    marker, end = found
    notes = "\n".join(ln.rstrip() for ln in lines[:marker] if not is_markup_line(ln)).strip()
    if twin := _timed_twin(lines, marker, end):
        # "## Transcript (reading)", then "## Transcript (navigation)" with a time a line: the same words
        # twice, and only the second says when each was said.
        episode.extra["untimed_copy"] = "\n".join(lines[marker + 1:end]).strip()
        episode.repair("untimed_copy", f"the transcript is given twice: {squash(lines[marker])!r} without times, "
                       f"{squash(lines[twin[0]])!r} with them; the timed one read, the other kept in "
                       "extra['untimed_copy']", f"line {marker + 1}")
        marker, end = twin
    elif fuller := _fuller_copy(lines, marker, end):
        # "# Panel Transcript" (a language model's clean-up, cut short), then "## Raw YouTube Transcript":
        # the same talk twice, and only the second has all of it.
        episode.extra["shorter_copy"] = "\n".join(lines[marker + 1:fuller[0]]).strip()
        episode.repair("shorter_copy", f"the transcript is given twice: {squash(lines[marker])!r}, then "
                       f"{squash(lines[fuller[0]])!r} with more words; the fuller one read, the other kept in "
                       "extra['shorter_copy']", f"line {marker + 1}")
        marker, end = fuller
    opening = _TRANSCRIPT_SHORTCODE.fullmatch(lines[marker].strip())
    if notes:
        episode.extra["show_notes"] = re.sub(r"\n{3,}", "\n\n", notes)
        shown = "{{< transcript >}}" if opening else squash(lines[marker])
        episode.repair("show_notes", f"text above the transcript marker {shown!r} kept as "
                       "show notes, not speech", f"line {marker + 1}")
    _note_fields(lines[:marker], episode)
    _told_date(notes, episode)
    heading = MARKDOWN_HEADING.match(lines[marker])
    if heading and _TOOL_STAMP.fullmatch(heading.group("title")):
        titled = any((h := MARKDOWN_HEADING.match(ln)) and len(h.group(1)) == 1 for ln in lines[:marker])
        header, rest = _tool_header(lines, marker, end, episode, titled)
        return lines[:marker] + [""] * header, rest, lines[end:]  # line numbers kept
    if heading and len(heading.group(1)) == 1 and not notes and not episode.title:
        # "# Transcript for Joscha Bach: Life, … | Lex Fridman Podcast #392": the page's title too
        named = _TRANSCRIPT_OF.sub("", heading.group("title").strip(" *_"))
        if len(named.split()) >= _TITLE_WORDS:
            episode.title = named
    first = [html.unescape(opening.group("words")).replace('\\"', '"'), ""] if opening else []
    after = _bold_over_break(lines[marker], lines[marker + 1:end])
    return lines[:marker], first + _without_site_note(after, episode), lines[end:]


def _bold_over_break(marker: str, after: list[str]) -> list[str]:
    """``**TRANSCRIPT BELOW:`` over ``Kristina Devochko:** You know…``: the marker's bold runs over the
    line break and closes after the first turn's label. That label is bold on its own line, as the
    page's other labels are, so it names the first turn."""
    m = _TRANSCRIPT_LINE.fullmatch(marker.strip())
    em = m.group("em") if m else None
    if not em or marker.count(em) % 2 == 0 or not after:
        return after
    label, shut, rest = after[0].partition(em)
    if shut and label.endswith(":") and looks_like_name(label[:-1].strip()):
        return [f"{em}{label}{em}{rest}", *after[1:]]
    return after


# Tactiq's YouTube transcript: "# tactiq.io free youtube transcript" / "# <the video's title>" /
# "# https://www.youtube.com/watch/<id>" over its timed lines, the first "No text" where the
# captions open late. The stamp names the tool, not the video.
_TOOL_STAMP = re.compile(r"tactiq\.io\s+free\s+youtube\s+transcript", re.IGNORECASE)
_NO_TITLE = "no title found"
_NO_TEXT = re.compile(r"\s*\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\s+No text\s*")


def _tool_header(lines: list[str], marker: int, end: int, episode: Episode, titled: bool) -> tuple[int, list[str]]:
    """How many lines a transcript tool's stamp and the header under it take, and the transcript
    after them. The header names the video: the episode's title (unless the page above has its
    own) and its address."""
    k = marker + 1
    read: list[str] = []
    while k < end and (not lines[k].strip() or ((h := MARKDOWN_HEADING.match(lines[k])) and len(read) < 2)):
        if lines[k].strip():
            value = h.group("title").strip() if h else ""
            if re.match(r"https?://", value):
                episode.page_url = episode.page_url or value
                episode.youtube_id = episode.youtube_id or youtube_id(value)
            elif value.lower() != _NO_TITLE and not titled and not episode.title:
                episode.title = value
            read.append(value)
        k += 1
    rest = lines[k:end]
    first = next((j for j, ln in enumerate(rest) if ln.strip()), None)
    if first is not None and _NO_TEXT.fullmatch(rest[first]):
        rest = rest[:first] + [""] + rest[first + 1:]  # the tool's placeholder for captions that open late
        read.append("No text")
    episode.repair("tool_header", f"{squash(lines[marker])!r} and the {counted(len(read), 'line')} under it "
                   "read as the video's title and address, not speech", f"line {marker + 1}")
    return k - marker, rest


# A line opened by a time: "- [00:03] we've talked…", "(0:03) …", "00:03 …", "**[00:00 - 00:20]** …".
_TIMED_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\[(]?\d{1,2}:\d{2}")
_TWIN_TIMES = 3  # the timed copy has a time on this many lines at least for each one of the other's


def _timed_twin(lines: list[str], marker: int, end: int) -> tuple[int, int] | None:
    """The transcript section right after the one at ``marker`` (a heading of the same level that also
    names the transcript), where it is timed and the first is not; its (marker, end)."""
    first = MARKDOWN_HEADING.match(lines[marker])
    second = MARKDOWN_HEADING.match(lines[end]) if end < len(lines) else None
    if not (first and second and first.group(1) == second.group(1) and transcript_heading(second.group("title"))):
        return None
    after = section_end(lines, end, len(second.group(1)))
    timed = sum(1 for ln in lines[end + 1:after] if _TIMED_LINE.match(ln))
    untimed = sum(1 for ln in lines[marker + 1:end] if _TIMED_LINE.match(ln))
    if timed < _MIN_TWIN_LINES or timed < _TWIN_TIMES * max(untimed, 1):
        return None
    # The same words: a list of topics with their times under "## Transcript timestamps" is no copy.
    said, again, shared = _shared_words(lines[marker + 1:end], lines[end + 1:after])
    return (end, after) if shared >= _TWIN_SHARED and 0.5 <= len(again) / max(len(said), 1) <= 2 else None


def _shared_words(first: list[str], second: list[str]) -> tuple[list[str], list[str], float]:
    """The words of two passages and the share of the first's vocabulary the second uses."""
    said = _WORD_RE.findall(" ".join(first).lower())
    again = _WORD_RE.findall(" ".join(second).lower())
    return said, again, len(set(said) & set(again)) / max(len(set(said)), 1)


def _fuller_copy(lines: list[str], marker: int, end: int) -> tuple[int, int] | None:
    """The next transcript section after the one at ``marker``, inside it or right after it, where it
    holds the same talk with more words (the first an edited, shortened copy); its (marker, end)."""
    k, heading = next(((k, h) for k in range(marker + 1, min(end + 1, len(lines)))
                       if (h := MARKDOWN_HEADING.match(lines[k])) and transcript_heading(h.group("title"))), (0, None))
    if heading is None:
        return None
    after = section_end(lines, k, len(heading.group(1)))
    said, again, shared = _shared_words(lines[marker + 1:k], lines[k + 1:after])
    # Another part of the same talk ("## Transcript part 2") shares its words but few of its word pairs.
    pairs = set(zip(said, said[1:]))
    kept = len(pairs & set(zip(again, again[1:]))) / max(len(pairs), 1)
    return (k, after) if said and shared >= _COPY_SHARED and kept >= _COPY_PAIRS and len(again) > len(said) else None


_WORD_RE = re.compile(r"[^\W\d_]+")
_TWIN_SHARED = 0.8  # of the untimed copy's words are in the timed one
# An edited copy rewrites words (names spelled right, fillers gone): less of its vocabulary recurs.
_COPY_SHARED = 0.6
_COPY_PAIRS = 0.5  # of its word pairs recur in the fuller copy


_MIN_TWIN_LINES = 3
_SITE_NOTE_WORDS = 20
# "Transcript for …", "Transcript of …", "Transcript: …" opening a page's title; in other languages
# "Transcripción de …", "Transkript des …", "Transcription de la …", "Trascrizione dell'…".
_TRANSCRIPT_OF = re.compile(
    r"^\s*(?:transcript\s+(?:for|of)\b"
    r"|transcription\s+(?:for\b|of\b|de\s+la\b|de\s+l['’]|d['’]|de\b|du\b|des\b)"  # English, French
    r"|transcripci[oó]n?\s+(?:de\s+(?:la|los|las)\b|de\s+l['’]|del\b|de\b|d['’])"  # Spanish, Catalan
    r"|transcri[cç][aã]o\s+(?:de|do|da|dos|das)\b"  # Portuguese
    r"|transkript(?:ion)?\s+(?:des|der|dem|den|vom|von|zu|zum|zur)\b"  # German
    r"|trascrizione\s+(?:dell['’]|della\b|dello\b|del\b|dei\b|degli\b|delle\b|di\b)"  # Italian
    r"|transcriptie\s+(?:van|voor)\b"  # Dutch
    rf"|{_TRANSCRIPT_WORD}\s*[:–—-]?)\s*",
    re.IGNORECASE,
)
_TITLE_WORDS = 3


def _without_site_note(lines: list[str], episode: Episode) -> list[str]:
    """The transcript's lines without the site's note opening them, a line about the transcript
    that ends in a colon ("Full verbatim transcript — click any timestamp to jump to that moment:")."""
    k = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if k is None:
        return lines
    line = lines[k].strip()
    if not (line.endswith(":") and ":" not in line[:-1] and len(line.split()) <= _SITE_NOTE_WORDS
            and _TRANSCRIPT_HEADING.search(line)):  # fmt: skip
        return lines
    episode.repair("transcript_note", f"the site's note opening the transcript ({line!r}) is not speech")
    return lines[:k] + lines[k + 1:]

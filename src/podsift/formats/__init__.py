"""Input formats, one module each, chosen by sniffing the content.

Every format module provides:

- ``NAME``: the short name stored as the episode's ``source_format``;
- ``EXTENSIONS``: file suffixes that hint at it (a hint only);
- ``sniff(text) -> float``: confidence in 0..1 that ``text`` is in this format;
- ``parse(text, episode) -> None``: fill ``episode`` (whose id and source fields are
  already set) with metadata, chapters and segments, recording every repair with
  ``episode.repair(...)``. It never raises on content, except ``SourceRejected``
  for a file that is not a transcript at all.

Formats that can be written also provide ``render(episode) -> str``.
"""

from __future__ import annotations

import importlib
import json
import re
from collections import Counter
from functools import cache
from pathlib import PurePath
from types import ModuleType

from podsift.formats import aside_lines, chapters_file, end_times, recogniser_tags, timed_headings, word_times
from podsift.formats.clock_times import (
    count_from_edit_hour,
    count_from_first,
    minutes_written_as_hours,
    turns_written_as_hours,
)
from podsift.formats.labels import show_numbered_speakers, show_unknown_speakers, surnames_as_full_names
from podsift.formats.markdown_page import without_word_lists
from podsift.formats.overlaps import overlapping_speech
from podsift.model import Episode, SourceRejected
from podsift.text import (
    XML_PROLOG,
    atx_title,
    counted,
    strip_bidi,
    without_html_comments,
    without_ruby,
    without_source_footer,
)

# Order breaks ties: more specific formats first, plain text last.
FORMAT_MODULES = (
    "oyez",
    "podcast_json",
    "transcriber",
    "tei_spoken",
    "debate_xml",
    "ohms",
    "inqscribe",
    "elan",
    "exmaralda",
    "textgrid",
    "chat",
    "rttm",
    "stm",
    "ctm",
    "word_lines",
    "ssa",
    "zoom_chat",
    "tsv",
    "timed_text_xml",
    "simple_transcripts",
    "xml_segments",
    "webvtt",
    "dtc_page",
    "markdown_page",
    "org",
    "hyperaudio",
    "podcast_html",
    "srt",
    "sbv",
    "lrc",
    "microdvd",
    "mission_logs",
    "timestamped_blocks",
    "speaker_lines",
    "flat_captions",
    "time_marks",
    "plain_text",
)

EXPORT_FORMATS = {"vtt": "webvtt", "srt": "srt", "json": "podcast_json", "md": "markdown"}

# Broadcast captions as hex codes ("9420 94d0 ..."): read as text they would be stored as numbers.
_SCC_HEADER = "Scenarist_SCC"
# A feed's root element after the XML declaration, stylesheets and comments: RSS, Atom or RSS 1.0.
_FEED_ROOT = re.compile(XML_PROLOG + r"<(?:rss|feed|rdf:RDF)\b", re.DOTALL)

# A document that declares itself XML, and its root element.
_XML_DOCUMENT = re.compile(r"(?=[\ufeff\s]*<\?xml\b)" + XML_PROLOG + r"<(?P<root>[A-Za-z_][\w:.-]*)[\s>/]", re.DOTALL)

# One element holding at least this share of an XML document's words, and this many, is its text.
_XML_TEXT_SHARE = 0.8
_XML_TEXT_WORDS = 100
_XML_FIELD_WORDS = 12
_TITLE_TAGS = frozenset({"title", "titel", "titre", "titolo", "titulo", "título", "tytuł", "titel_kurz"})


def _xml_text(text: str, root_name: str, episode: Episode) -> str:
    """The text an XML document of a kind no reader knows holds in one element (a parliament's
    ``<DOKUMENT>`` with the whole record in ``<TEXT>``), its short elements kept as fields; the
    document as it is if it is no well-formed XML. Refused (SourceRejected) when its words are
    spread over many elements (an annotation graph): read as text, every tag line became speech."""
    import xml.etree.ElementTree as ET

    try:
        tree = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except ET.ParseError:
        return text
    said = [(element, len((element.text or "").split())) for element in tree.iter()]
    total = sum(n + len((element.tail or "").split()) for element, n in said)
    element, words = max(said, key=lambda pair: pair[1])
    if words < _XML_TEXT_WORDS or words < _XML_TEXT_SHARE * total:
        raise SourceRejected(f"an XML document (<{root_name}>) of a kind podsift does not read; convert it "
                             "to WebVTT, SubRip or JSON (see the formats podsift reads)")  # fmt: skip
    fields = {other.tag: squashed for other, n in said
              if other is not element and 0 < n <= _XML_FIELD_WORDS and (squashed := " ".join((other.text or "").split()))}
    if fields:
        episode.extra["fields"] = fields
        titled = next((value for tag, value in fields.items() if tag.lower() in _TITLE_TAGS), None)
        episode.title = episode.title or titled
    episode.repair("xml_text", f"an XML document (<{root_name}>) holding its text in <{element.tag}>: that text read "
                               f"({words:,} words); {counted(len(fields), 'short element')} kept as fields")  # fmt: skip
    return element.text or ""


# An extension agreeing with the content tips a close call, never more.
_EXTENSION_BONUS = 0.05
# A sniff this sure (a WEBVTT header, YAML front matter with a transcript) ends the search.
_CERTAIN = 0.9


# Windows (CRLF) and old Mac (lone CR) line endings. Every reader splits lines on "\n", and the
# sniffers match line starts; a file saved on Windows is still the same transcript. CRs before
# a LF are one line end: "\r\r\n" is what a script writing "\r\n" in text mode on Windows saves.
_LINE_ENDINGS = re.compile(r"\r+\n|\r")


# Non-breaking spaces beside a caption's "-->", as a copy from a web page leaves them: every
# caption reader wants plain spaces there, and would lose all its times.
_ARROW_NBSP = re.compile(r"[\u00a0\u202f]+(?=-->)|(?<=-->)[\u00a0\u202f]+")


# Zero-width spaces, word joiners and byte-order marks opening a line (a copy from a document
# editor, files joined end to end) hide the "Name:" or time the line starts with.
_INVISIBLE_LINE_START = re.compile(r"^[\u200b\u2060]+", re.MULTILINE)


def _plain_spacing(text: str) -> str:
    """``text`` with Unix line endings, nothing invisible opening a line and plain spaces around
    caption arrows."""
    if "\r" in text:
        text = _LINE_ENDINGS.sub("\n", text)
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")  # a byte-order mark is no text wherever it is (converters leave them between words)
    text = strip_bidi(text)  # right-to-left marks hide the "Name:", time or "[" a line opens with
    if "\u200b" in text or "\u2060" in text:
        text = _INVISIBLE_LINE_START.sub("", text)
    if "-->" in text and ("\u00a0" in text or "\u202f" in text):
        text = _ARROW_NBSP.sub(" ", text)
    return text


# A whole file inside one Markdown code fence ("```json" ... "```"), as a chat tool's copy
# button or a pasted answer gives it: the fence is wrapping, and the format is what it holds.
_FENCE_OPEN = re.compile(r"\A\ufeff?\s*(?P<fence>`{3,}|~{3,})[ \t]*[\w+.-]*[ \t]*\n")
# Indented four spaces or more, a fence is an example inside the block (a prompt's), not a fence.
_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)


def _unfenced(text: str) -> str | None:
    """What one code fence around the whole of ``text`` holds, or None if it is not so wrapped."""
    opening = _FENCE_OPEN.match(text)
    if not opening:
        return None
    body = text[opening.end() :].rstrip()
    fence = opening.group("fence")
    last = body.rfind("\n") + 1
    closing = body[last:].strip()
    if set(closing) != {fence[0]} or len(closing) < len(fence):
        return None
    body = body[:last]
    if _FENCE_LINE.search(body):
        return None  # a page of several code blocks is Markdown, not one wrapped file
    return body if body.strip() else None


def _unquoted(text: str) -> str | None:
    """What ``text`` holds if the whole of it is one JSON string literal, else None.

    A script that saves ``json.dumps`` of the page or transcript it made leaves one line in
    quotes, every quote in it escaped (``"<p class=\\"text-body\\">Jo\\u00e3o:``). Only a
    literal that escapes something is taken for one: a line in plain quotes is its own words.
    """
    body = text.strip().lstrip("\ufeff")
    if len(body) < 2 or body[0] != '"' or body[-1] != '"' or "\\" not in body:
        return None
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, str) and value.strip() else None


# A script's JSON given a name to load it in a page or a test ("var transcript = {", "export default [").
_ASSIGNMENT = re.compile(
    r"\A\ufeff?\s*(?:(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=|(?:window|module|exports)(?:\.[\w$]+)*\s*=|export\s+default)"
    r"\s*(?=[{\[])"
)
# What may follow the value: a semicolon, then perhaps the script exporting the name it gave it.
_EXPORT_TAIL = re.compile(r"[\s;]*(?:(?:module\.exports|exports\.[\w$]+|export\b)[^\n]*(?:\n[^\n]*){0,5})?", re.DOTALL)


def _unassigned(text: str) -> str | None:
    """The JSON a JavaScript file assigns to a name, if the whole file is that assignment (with
    perhaps a line exporting it), else None."""
    opening = _ASSIGNMENT.match(text)
    if not opening:
        return None
    try:
        value, end = json.JSONDecoder().raw_decode(text, opening.end())
    except (ValueError, RecursionError):
        return None
    tail = text[end:]
    if not isinstance(value, (dict, list)) or len(tail) > 1000 or not _EXPORT_TAIL.fullmatch(tail):
        return None
    return text[opening.end():end]


# Whole-file wrappings, outermost first: the format is what each holds, and the report says so.
_WRAPPINGS = (
    (_unfenced, "code_fence", "the file was one Markdown code block (``` ... ```); read what it holds"),
    (_unquoted, "json_string", 'the file was one JSON string ("...", its quotes escaped as \\"); read what it holds'),
    (_unassigned, "javascript_value", "the file was JSON a script assigns to a name (var name = {...}); "
                                      "read the JSON it holds"),
)


# One clock before nearly every line ("0:00 Michael Kennedy  00:00" / "0:00 Hello, and welcome…"),
# as a script that stamped each line of an Otter export left it: a prefix, not times. Read as
# times, every line was at 0:00, and the file's own times were words.
_LINE_CLOCK = re.compile(r"[ \t]*(\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?)[ \t]+(?=\S)")
_PREFIX_SHARE = 0.9
_PREFIX_MIN_LINES = 10


def _unprefixed(text: str) -> tuple[str, str, int] | None:
    """``text`` without the one clock that opens nearly all its lines, that clock, and on how many
    lines; None if no clock does."""
    lines = text.split("\n")
    clocks = [m.group(1) if (m := _LINE_CLOCK.match(line)) else None for line in lines if line.strip()]
    if len(clocks) < _PREFIX_MIN_LINES:
        return None
    clock, count = Counter(clocks).most_common(1)[0]
    if clock is None or count < _PREFIX_MIN_LINES or count < _PREFIX_SHARE * len(clocks):
        return None
    kept = [line[m.end():] if (m := _LINE_CLOCK.match(line)) and m.group(1) == clock else line for line in lines]
    return "\n".join(kept), clock, count


def _uncommented(text: str) -> tuple[str, int] | None:
    """Text (Markdown, plain text) without its HTML comments, and how many there were; None if it has
    none, or is HTML, XML or JSON, whose readers know their comments. Left in, "<!-- omit in toc -->"
    stayed in titles and chapters, and its "-->" read as a caption's timing line."""
    if "<!--" not in text or text.lstrip("\ufeff \t\n")[:1] in ("<", "{"):
        return None
    kept = without_html_comments(text)
    return (kept, text.count("<!--") - kept.count("<!--")) if kept != text else None


# A reasoning model's thoughts before its answer, left in a transcript it was asked to clean up.
_REASONING = re.compile(r"^\ufeff?\s*<think>(.*?)</think>[ \t]*\n?", re.DOTALL)


def _without_reasoning(text: str) -> tuple[str, int] | None:
    """Text without the ``<think>…</think>`` block it opens with, and that block's word count."""
    if not (m := _REASONING.match(text)):
        return None
    return text[m.end():], len(m.group(1).split())


def load(module_name: str) -> ModuleType:
    return importlib.import_module(f"podsift.formats.{module_name}")


@cache
def all_formats() -> tuple[ModuleType, ...]:
    return tuple(load(name) for name in FORMAT_MODULES)


def detect(text: str, filename: str = "", exclude: tuple[str, ...] = ()) -> ModuleType:
    """The format module that best recognises ``text``; plain text if none does.

    ``exclude`` names formats not to consider (a page's body is not a page again).
    """
    return _best(_plain_spacing(text), filename, exclude)


def _best(text: str, filename: str, exclude: tuple[str, ...]) -> ModuleType:
    """``detect`` on text whose spacing is already plain."""
    suffix = PurePath(filename).suffix.lower()
    best, best_score = None, 0.0
    for fmt in all_formats():
        if fmt.NAME in exclude:
            continue
        score = fmt.sniff(text)
        if score > 0 and suffix and suffix in fmt.EXTENSIONS:
            score += _EXTENSION_BONUS
        if score > best_score:
            best, best_score = fmt, score
        if best_score >= _CERTAIN:
            break  # the specific formats come first, so later ones cannot beat this
    return best or load("plain_text")


def parse(text: str, episode: Episode, filename: str = "", exclude: tuple[str, ...] = ()) -> Episode:
    """Detect the format of ``text`` (among those not in ``exclude``) and parse it into ``episode``."""
    text = _plain_spacing(text)
    if text.lstrip("\ufeff").startswith(_SCC_HEADER):
        raise SourceRejected("Scenarist closed captions (SCC) hold broadcast caption codes, not text; "
                             "convert them to SubRip or WebVTT first (ffmpeg or pycaption can)")  # fmt: skip
    if _FEED_ROOT.match(text.lstrip("\ufeff")[:4000]):
        # Read as a page, a feed was one segment of its titles, guids and dates.
        raise SourceRejected("a podcast feed, not a transcript: `podsift feed add FILE` follows it, and "
                             "`podsift sync` then reads each episode's transcript")  # fmt: skip
    if alone := chapters_file.listed_alone(text):
        # Read as a transcript, each title was a line said, and "[SPONSOR] …" a speaker.
        raise chapters_file.refusal("a chapter list", len(alone), chapters_file.TEXT_NAMES)
    unwrapped: list[tuple[str, str]] = []
    for unwrap, kind, detail in _WRAPPINGS:
        inner = unwrap(text)
        if inner is not None:
            text = _plain_spacing(inner)  # a JSON string's "\r\n" is a line end once decoded
            unwrapped.append((kind, detail))
    if prefixed := _unprefixed(text):
        text, clock, count = prefixed
        unwrapped.append(("line_prefix", f"{count} lines opened with the same time {clock!r}, a prefix rather than "
                                         "their times: taken off, and the lines read without it"))
    if (reasoned := _without_reasoning(text)) is not None:
        text, words = reasoned
        unwrapped.append(("reasoning", f"a language model's reasoning before the transcript (<think>, {words} words) "
                                       "left out: its notes to itself, not words anyone said"))
    if (listed := without_word_lists(text)) is not None:
        text, lists = listed
        unwrapped.append(("word_lists", f"{counted(lists, 'folded list')} of words with their times and confidences "
                                        "('- [00:13] if (32.1%)') left out: the timed text above each says the same words"))
    if (untagged := recogniser_tags.untagged(text)) is not None:
        text, runs = untagged
        unwrapped.append(("recogniser_tags", f"{runs:,} runs of a speech recogniser's tags (<|zh|><|NEUTRAL|><|Speech|>…: "
                                             "language, emotion and sound marks) taken out of the words; each opens "
                                             "a segment, its sounds kept as directions"))
    if (uncommented := _uncommented(text)) is not None:
        text, comments = uncommented
        unwrapped.append(("html_comments", f"{counted(comments, 'HTML comment')} such as '<!-- omit in toc -->' left out: "
                                           "a Markdown page's notes to its renderer, never words"))
    if (unruby := without_ruby(text)) is not None:
        text, words = unruby
        unwrapped.append(("ruby", f"{counted(words, 'ruby annotation')} (<ruby>word<rt>reading</rt></ruby>) read as their "
                                  "words: the reading printed over a word is no speech"))
    text = atx_title(text) or text
    if (unfooted := without_source_footer(text)) is not None:
        text, lines = unfooted
        unwrapped.append(("source_footer", f"a translated article's footer ({lines} lines under the last rule: the "
                                           "'via:' link to the original, then its author and translators) left out"))
    if (unrolled := word_times.unrolled(text)) is not None:
        text, detail = unrolled
        unwrapped.append(("word_times", detail))
    if (closed := end_times.unclosed(text)) is not None:
        text, paragraphs = closed
        unwrapped.append(("end_times", f"{paragraphs:,} paragraphs closed by the time they end at ('… [00:00:17]') read "
                                       "as turns from the end of the one before (or their chapter's start) to that time"))
    if (headed := timed_headings.unheaded(text)) is not None:
        text, title, turns, left_out = headed
        episode.title = episode.title or title
        if left_out:
            episode.extra["page_text"] = "\n".join(left_out)
        unwrapped.append(("timed_headings", f"{turns:,} speaker headings with their times ('### Speaker 1 • `00:00 – 00:11`') "
                                            "read as turns, each stamped paragraph under one a segment; "
                                            f"{counted(len(left_out), 'line')} around them (the page's table, legend, summary and "
                                            "notes) kept in extra['page_text'], not as speech"))
    fmt = _best(text, filename, exclude)  # spacing made plain above
    if fmt.NAME == "plain_text" and (root := _XML_DOCUMENT.match(text[:4000])) and root.group("root").lower() != "html":
        # Read as text, its tags were stored line by line as speech.
        text = _xml_text(text, root.group("root"), episode)
        fmt = _best(text, filename, exclude)
    if fmt.NAME in aside_lines.LINE_FORMATS and (unaside := aside_lines.read_asides(text, episode)) is not None:
        text, found = unaside
        unwrapped += found
        fmt = _best(text, filename, exclude)
    if headed:
        fmt = load("timestamped_blocks")  # the turns were rewritten as its blocks
    if closed and fmt.NAME != "speaker_lines":
        fmt = load("speaker_lines")  # the paragraphs were rewritten as its timed turns
    if unrolled and fmt.NAME == "plain_text":
        # The captions are now lines opened by their times, however few beside the page's notes.
        fmt = load("speaker_lines")
    episode.source_format = fmt.NAME
    fmt.parse(text, episode)
    overlapping_speech(episode)  # before the ids are shown as 'Speaker N', the marks' ids with them
    show_numbered_speakers(episode)
    show_unknown_speakers(episode)
    if not getattr(fmt, "LABELS_AS_WRITTEN", False):  # a mission's call signs are no surnames
        surnames_as_full_names(episode)
    count_from_first(episode)
    count_from_edit_hour(episode)
    turns_written_as_hours(episode)
    minutes_written_as_hours(episode)
    for kind, detail in unwrapped:
        episode.repair(kind, detail)
    episode.finish()
    return episode


def render(episode: Episode, export_format: str) -> str:
    """Write ``episode`` as ``vtt``, ``srt``, ``json`` or ``md``."""
    try:
        module_name = EXPORT_FORMATS[export_format]
    except KeyError:
        raise ValueError(
            f"unknown export format {export_format!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        ) from None
    return load(module_name).render(episode)

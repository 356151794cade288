"""Text helpers every format parser shares: mojibake, stage directions, timestamps."""

from __future__ import annotations

import contextlib
import datetime
import math
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from podsift.model import Episode

# Byte sequences that UTF-8 text shows after being decoded as cp1252/latin-1.
# Checking for them first keeps ftfy (slow on megabytes) off clean text.
_MOJIBAKE_HINT = re.compile(
    "[ÃÂâÅÄ]"
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Return ``text`` with mojibake repaired, and whether anything changed."""
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    import ftfy  # imported lazily: only files that need it pay for it

    # Keep curly quotes: they are the source's own characters, not damage.
    fixed = ftfy.fix_text(text, normalization=None, uncurl_quotes=False) if text else text
    return fixed, fixed != text


_NEWLINES = re.compile(r"\r+\n|\r")  # "\r\r\n" too: "\r\n" written in text mode on Windows
# C0 and C1 control characters but tab and newline. Stored, an ESC or BEL would drive the
# terminal of whoever reads the transcript (retitle it, clear it), and a NUL is never text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACING_CONTROLS = frozenset("\x0b\x0c\x85")  # vertical tab, form feed, NEL: they separate words


def _control(m: re.Match[str]) -> str:
    return " " if m.group(0) in _SPACING_CONTROLS else ""


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline stay; CR becomes a newline)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_control, _NEWLINES.sub("\n", text))


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


# Bidirectional formatting marks (embeddings, overrides, isolates, LRM/RLM/ALM): right-to-left
# subtitles wrap every line in them. They order the glyphs on screen and are never words; left in,
# an exact phrase or a quote no longer matches what the reader typed.
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional formatting marks (the same object when it has none)."""
    return _BIDI_CONTROL.sub("", text) if _BIDI_CONTROL.search(text) else text


def prepare_text(text: str, episode: "Episode") -> str:
    """Undo transport damage every text format shares: BOM, CRLF, mojibake, control characters.

    Each format calls this first, so all of them report these repairs alike.
    """
    text = _NEWLINES.sub("\n", text.lstrip("\ufeff"))
    fixed, changed = fix_mojibake(text)
    if changed:
        episode.repair("mojibake", "repaired text that had been decoded with the wrong encoding")
    # After the mojibake repair: text decoded as latin-1 holds C1 characters it still needs.
    if has_controls(fixed):
        controls = len(_CONTROL.findall(fixed))
        fixed = strip_controls(fixed)
        episode.repair("control_characters", f"{counted(controls, 'control character')} (escape codes, NUL) removed")
    if lost := fixed.count("\ufffd"):
        # Whoever decoded the file before us lost these characters ("r�sum�s"); nothing can bring them
        # back, but a reader of the quotes should know why they look so.
        episode.repair("lost_characters", f"{counted(lost, 'character')} already unreadable in the source (shown as �)")
    return fixed


# Captions' formatting that a player's text download keeps ("<i>Dark Side.</i>", "<font color=…>"):
# markup in a text format, not words. A closing tag shows the file holds such markup, not "<b>" said.
# Only bare tags and font's attributes: "x <i and y> z" in a talk about HTML is no tag.
_CAPTION_TAG = re.compile(r"</?(?:i|b|u)>|<font(?:[ \t][^<>\n]{0,200})?>|</font>", re.IGNORECASE)
_CAPTION_CLOSE = re.compile(r"</(?:i|b|u|font)>", re.IGNORECASE)
_CAPTION_CLOSES = 2  # closing tags in a file that carries captions' markup, not one "</i>" mentioned
# "<br>" ending a line, as an HTML fragment of "Name: words<br>" lines breaks them: markup, where most
# lines end so, not a tag a speaker names.
# (Blanks before it are left for the words' own trimming: matching them is quadratic on a long run.)
_LINE_END_BREAK = re.compile(r"<br[ \t]*/?>(?=[ \t]*$)", re.IGNORECASE | re.MULTILINE)
# A page's counter left in text copied out of a PDF: a footer line "Page 2 of 18" or "Transcript by
# Rev.com  Page 2 of 18", or a running header before the page's first words ("January 12, 2011  2 of 18 …").
# Matched against one line at a time.
_PAGE_COUNTER = re.compile(r"^(?P<head>[^\n]{0,80}?)[ \t]*(?:\bpage[ \t]+(?P<n>\d{1,4})[ \t]*(?:of|/)[ \t]*(?P<m>\d{1,4})"
                           r"|\b(?P<n2>\d{1,4})[ \t]+of[ \t]+(?P<m2>\d{1,4}))\b[ \t]*(?P<rest>[^\n]*)$",
                           re.IGNORECASE)  # fmt: skip
_PAGE_COUNTERS = 2  # on this many pages at least, counting up
_PAGE_HEADERS = 3  # a dated header run into each page's words: on this many pages at least
_COUNTER_LINE = 2_000  # a page's counter line, or its header run into its first words, is no longer
_NOT_A_DATE_ALONE = re.compile(r"[^\w\s,./]")  # "March 3, 2021 - 1 of 4 motions": a date in a sentence


def prepare_plain(text: str, episode: "Episode") -> str:
    """``prepare_text``, then what a text export of captions or pages leaves in: formatting tags
    and page counters. For the formats read from plain lines."""
    text = _without_page_counters(_without_caption_tags(prepare_text(text, episode), episode), episode)
    return _without_page_fractions(text, episode)


# A page's counter alone on its line as a parliament's PDF notes print it at each page's foot: "1/120".
_PAGE_FRACTION = re.compile(r"^[ \t]*(?P<n>\d{1,4})[ \t]*/[ \t]*(?P<m>\d{1,4})[ \t]*$")
_PAGE_FRACTIONS = 3  # pages counted so, counting up, at least
_RUNNING_LINES = 4  # a running head's lines after the counter (and a footer's before it), at most
_RUNNING_WORDS = 10


def _without_page_fractions(text: str, episode: "Episode") -> str:
    """``text`` without its "1/120" page counters and the running head or footer beside them (the lines
    that recur next to half the counters or more: "Sessão de: 16/09/2025", "CÂMARA DOS DEPUTADOS"); a
    sentence broken by the page joined again. Only where three counters or more count up to one total."""
    if "/" not in text:
        return text
    lines = text.split("\n")
    counters: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if "/" in line and len(line) < 20 and (m := _PAGE_FRACTION.match(line)) and 0 < int(m["n"]) <= int(m["m"]):
            counters.setdefault(m["m"], []).append(k)
    total, at = max(counters.items(), key=lambda item: len(item[1]), default=("0", []))
    pages = [int(_PAGE_FRACTION.match(lines[k])["n"]) for k in at]  # type: ignore[index]  # matched above
    # A document's pages: most of 1..M are there. "1/10", "2/10", "3/10" over a quiz's answers are no pages.
    if len(at) < _PAGE_FRACTIONS or pages != sorted(set(pages)) or 2 * len(at) < int(total):
        return text
    near: dict[int, list[int]] = {}  # each counter's nearby printed lines, before and after it
    for k in at:
        after = [j for j in range(k + 1, min(len(lines), k + 4 * _RUNNING_LINES)) if lines[j].strip()][:_RUNNING_LINES]
        before = [j for j in range(k - 1, max(-1, k - 4 * _RUNNING_LINES), -1) if lines[j].strip()][:_RUNNING_LINES]
        near[k] = before + after
    seen = Counter(squash(lines[j]) for js in near.values() for j in set(js))
    running = {line for line, n in seen.items() if 2 * n >= len(at) and n >= _PAGE_FRACTIONS
               and len(line.split()) <= _RUNNING_WORDS}
    drop = set(at) | {j for js in near.values() for j in js if squash(lines[j]) in running}
    out: list[str] = []
    k = 0
    while k < len(lines):
        if k not in drop:
            out.append(lines[k])
            k += 1
            continue
        end = k  # a run of dropped and blank lines: the page's edge
        while end < len(lines) and (end in drop or not lines[end].strip()):
            end += 1
        while out and not out[-1].strip():
            out.pop()  # the blank lines above the page's edge
        # A sentence running on over the page goes on in its paragraph; else the paragraph ends there.
        running_on = bool(out) and out[-1].strip()[-1:] not in ("", *".!?:;)\"”")
        if out and end < len(lines) and not running_on:
            out.append("")
        k = end
    running_shown = ", ".join(repr(line) for line in sorted(running)[:3])
    episode.repair("page_counters", f"{counted(len(at), 'page counter')} such as {squash(lines[at[0]])!r} left out of the words"
                   + (f", with the running head or footer beside them ({running_shown})" if running else ""))
    return "\n".join(out)


def _without_caption_tags(text: str, episode: "Episode") -> str:
    """``text`` without the italic, bold, underline and font tags captions carry, and without the
    "<br>" ending most of its lines, reported."""
    breaks = len(_LINE_END_BREAK.findall(text))
    if breaks >= _CAPTION_CLOSES and 2 * breaks >= sum(1 for line in text.split("\n") if line.strip()):
        text = _LINE_END_BREAK.sub("", text)
        episode.repair("line_breaks", f"{counted(breaks, '<br> tag')} ending the lines {agrees(breaks, 'was', 'were')} markup, not words; dropped")
    if len(_CAPTION_CLOSE.findall(text)) < _CAPTION_CLOSES:
        return text
    text, count = _CAPTION_TAG.subn("", text)
    episode.repair("caption_tags", f"{counted(count, 'caption formatting tag')} such as <i> {agrees(count, 'was', 'were')} markup, not words; dropped")
    return text


def _without_page_counters(text: str, episode: "Episode") -> str:
    """``text`` without its pages' counters: a "Page 2 of 18" line (with the same words before it on
    every page), or a date alone opening each page's first line ("January 12, 2011  2 of 18 …", three
    pages or more); only where they count up. Lines are looked at only if they hold " of " or a "/"."""
    lines = text.split("\n")
    found: dict[tuple[str, str, bool], list[tuple[int, re.Match[str]]]] = {}
    for k, line in enumerate(lines):
        if len(line) > _COUNTER_LINE or (" of " not in line and "/" not in line):
            continue
        if not (m := _PAGE_COUNTER.match(line)):
            continue
        head, rest = m.group("head").strip(), m.group("rest").strip()
        dated = bool(head) and date_in(head) is not None and not _NOT_A_DATE_ALONE.search(head)
        # "1 of 3" alone, "2 of 18 votes", "Question 2 of 5": words, unless a page's or a dated header's
        if not (dated or (m.group("n") and not rest)):
            continue
        found.setdefault((head, m.group("m") or m.group("m2"), bool(rest)), []).append((k, m))
    drop: dict[int, re.Match[str]] = {}
    for (_, total, rest), matches in found.items():
        pages = [int(m.group("n") or m.group("n2")) for _, m in matches]
        least = _PAGE_HEADERS if rest else _PAGE_COUNTERS
        if len(pages) >= least and pages == sorted(set(pages)) and pages[-1] <= int(total):
            drop.update(matches)
    if not drop:
        return text
    first = drop[min(drop)]
    example = squash(first.group()[: first.start("rest")])
    for k, m in drop.items():
        lines[k] = m.group("rest").strip()  # the page's first words after its header, if any
    episode.repair("page_counters", f"{counted(len(drop), 'page counter')} such as {example[:40]!r} left out of the words")
    return "\n".join(lines)


# A YouTube video's id in a link ("youtu.be/ID", "watch?v=ID", "/embed/ID", "/shorts/ID", "/watch/ID") or alone.
_YOUTUBE_ID = re.compile(r"(?:youtu\.be/|[?&]v=|/embed/|/shorts/|youtube\.com/watch/)([\w-]{11})|^([\w-]{11})$")
_YOUTUBE_VIDEO = re.compile(r"[A-Za-z0-9_-]{11}")


def youtube_video(value: str | None) -> str | None:
    """``value`` when it is a well-formed YouTube video id (11 of A-Z, a-z, 0-9, "_" and "-"), else None:
    anything else put in a link would break it or change where it leads ("&", "#", quotes)."""
    return value if value and _YOUTUBE_VIDEO.fullmatch(value) else None


def youtube_id(value: str) -> str | None:
    """The YouTube video id in a link to it, or ``value`` itself when it is a bare id."""
    m = _YOUTUBE_ID.search(value.strip())
    return (m.group(1) or m.group(2)) if m else None


# The moment a link to a video plays from: YouTube's "&t=105", "?t=72s", "#t=1h2m3s", "&start=90".
_LINK_MOMENT = re.compile(r"[?&#](?:t|start)=(?:(?P<s>\d{1,6})s?|(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,3})m)?(?:(?P<hs>\d{1,2})s)?)(?![\w.])")


# A page made by a script: its "t=" is the script's own (phpBB's "viewtopic.php?f=431&t=21861", a topic).
_SCRIPT_PAGE = re.compile(r"\.(?:php\d?|aspx?|jsp|cgi|pl)(?:[?#]|$)", re.IGNORECASE)


def script_page(url: str) -> bool:
    """Whether ``url`` is a page a script makes (``viewtopic.php?t=21861``), whose parameters are its own."""
    return _SCRIPT_PAGE.search(url.split("?")[0].split("#")[0] + "?") is not None


def link_seconds(url: str) -> float | None:
    """The second a link to a recording plays from (its ``t=``), else None."""
    m = _LINK_MOMENT.search(url)
    # A fragment ("#t=90") never reaches the server: a script's page plays from it too.
    if not m or not any(m.group(k) for k in ("s", "h", "m", "hs")) or (script_page(url) and m.group(0)[0] != "#"):
        return None
    if m.group("s"):
        return float(m.group("s"))
    return float(int(m.group("h") or 0) * 3600 + int(m.group("m") or 0) * 60 + int(m.group("hs") or 0))


# A video editor's timecode: hours, minutes, seconds and frames ("00:01:02:12", drop-frame ";12").
# Without the frame rate, which such files do not give, it is good to the second.
TIMECODE = re.compile(r"^(\d{1,2}:\d{2}:\d{2})[:;]\d{2}$")


def web_url(value: object) -> str | None:
    """``value`` if it is an http(s) link to a host, else None.

    Media and page links end up as ``href``s and player sources: a ``javascript:`` or
    ``data:`` link there is a script, not a recording.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # say, a malformed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


# Only complete references with a semicolon, so "R&D" or "&copy 2020" stay as written.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# A title a page template or a transcription tool gives every file says nothing about this one.
_GENERIC_TITLE = re.compile(
    r"^\W*(?:(?:full|meeting|interview|call|audio|video|episode|zoom|teams|rev(?:\.com)?|otter(?:\.ai)?|sonix|trint|"
    r"descript|temi|riverside|happy\s*scribe)\s+)?"
    r"(?:transcript(?:ion)?s?|untitled(?:\s+document)?|(?:word\s+)?document\s*\d*|doc\d*|title|index|home(?:\s*page)?|"
    r"(?:microsoft\s+)?word\s+document|new\s+document)\W*$",
    re.IGNORECASE,
)


# What a PDF printer puts in its title: "Microsoft Word - ep12 final.docx", or the file's name alone.
# A document's file name left as its title by the tool that made it ("ep12.docx", "11-398.ptx": a court
# reporter's transcript file, "brief.wpd": WordPerfect).
_FILE_TITLE = re.compile(r"^\s*(?:microsoft\s+word\s*-\s*.*|[^/\\:]{1,200}\.(?:docx?|odt|rtf|pdf|txt|pages|wpd|ptx|indd|tex))\s*$",
                         re.IGNORECASE)


def generic_title(title: str) -> bool:
    """Whether ``title`` is a template's or tool's ("Transcript", "Untitled document", "Rev.com Transcript",
    "Microsoft Word - ep12.docx")."""
    return bool(_GENERIC_TITLE.match(title) or _FILE_TITLE.match(title))


def unescape_entities(text: str) -> str:
    """Decode HTML character references (``&#39;``, ``&amp;``) that exports leave in plain text."""
    if "&" not in text:
        return text
    import html

    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


# Spans are bounded: unbounded, each of a long line's unclosed marks ("**a **a …", "[a](b[a](b…")
# scanned to the line's end, and an 80 KB line took 90 s.
_EMPHASIS = re.compile(r"(?<![\w\\])(\*{1,3}|_{1,3})(?=\S)(.{1,1000}?)(?<=\S)\1(?!\w)")
_MD_ESCAPE = re.compile(r"\\([\\`*_<>#+\-.!\[\](){}|])")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,1000})\]\([^)\s]{0,2000}(?:\s+\"[^\"]{0,500}\")?\)")  # tracking links run long


# An HTML line break inside Markdown text ("Você possui algum pet?<br/>"): where a line breaks, never words;
# inside a code span ("`<br />`") it is the tag named, and stays.
_BREAK_TAG = re.compile(r"(?P<code>`[^`\n]{0,1000}`)|<br[ \t]*/?>", re.IGNORECASE)


# A wiki's link ("[[情報の流通]]", "[[Page|shown words]]"), as Scrapbox and Obsidian write them: its words;
# in a code span ("`[[calibre:…]]`") the link as written.
_WIKI_LINK = re.compile(r"(?P<code>`[^`\n]{0,1000}`)|\[\[(?:[^\[\]|\n]{1,200}\|)?(?P<words>[^\[\]|\n]{1,200})\]\]")


def strip_markdown_inline(text: str) -> str:
    """Spoken text out of Markdown: emphasis and links (wiki's too) unwrapped, backslash escapes undone,
    "<br>" a space."""
    if "<" in text and (broken := _BREAK_TAG.sub(lambda m: m.group("code") or " ", text)) != text:
        text = squash(broken)
    if not any(c in text for c in "*_[\\"):
        return text
    text = _MD_LINK.sub(r"\1", _WIKI_LINK.sub(lambda m: m.group("code") or m.group("words"), text) if "[[" in text else text)
    text = _EMPHASIS.sub(r"\2", text)
    return _MD_ESCAPE.sub(r"\1", text)


def trim_emphasis_marks(text: str) -> str:
    """``text`` without the stray emphasis marks at its ends that a label's bold leaves ("Yeah**" from
    "**[00:31] Ada: Yeah**"); marks of a span the words set apart themselves ("… *[laughs]*") stay."""
    text = text.strip(" ")
    if text.endswith(("*", "_")) and not any(m.end() == len(text) for m in _EMPHASIS.finditer(text)):
        text = text.rstrip(" *_")
    if text.startswith(("*", "_")) and not _EMPHASIS.match(text):
        text = text.lstrip(" *_")
    return text


# A Markdown heading: "## Chapter", with any closing hashes after a space; group 1 is the level.
# The title ends on a non-space, so a line of long space runs is matched in linear time.
MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<title>\S(?:.*?\S)?)(?:\s+#+)?\s*$")

# A Markdown title underlined ("Title" over "=====", setext): the page's first text, under perhaps its
# comment lines ("[#]: collector: (name)") and blank lines.
_SETEXT_TITLE = re.compile(r"\A(?P<above>(?:[ \t]*\n|[ \t]{0,3}\[(?:#|//|comment)\]:[^\n]*\n)*)[ \t]{0,3}"
                           r"(?P<title>[^\s=<{][^\n]{0,199})\n[ \t]{0,3}={3,}[ \t]*(?:\n|\Z)")

# Ruby annotations: the reading over a word (furigana, a Chinese name's original), not what was said.
_RUBY_READING = re.compile(r"<r[tp]\b[^<>]{0,100}>[^<]{0,300}</r[tp]>|</?ruby\b[^<>]{0,100}>", re.IGNORECASE)


# A translated article's footer (LCTT's): under its last rule, the link it was translated from
# ("via: https://…"), then who wrote, chose, translated and checked it.
_RULE_LINE = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.MULTILINE)
_SOURCE_LINK = re.compile(r"\A\s*(?:via|source|来源|原文|出处)[ \t]*[:：][ \t]*<?https?://\S+[ \t]*(?:\n|\Z)", re.IGNORECASE)
_FOOTER_LINES = 40


def without_source_footer(text: str) -> tuple[str, int] | None:
    """``text`` without a translated article's footer (a rule, then "via: URL" and the credits),
    and that footer's line count; None if it ends with none."""
    if "via" not in text.lower() and "：" not in text and ":" not in text:
        return None
    last = None
    for rule in _RULE_LINE.finditer(text):
        last = rule
    if last is None:
        return None
    footer = text[last.end():]
    if footer.count("\n") > _FOOTER_LINES or not _SOURCE_LINK.match(footer):
        return None
    return text[:last.start()], len([line for line in footer.split("\n") if line.strip()])


def atx_title(text: str) -> str | None:
    """``text`` with its setext title ("Title" over "=====") written as a "# Title" heading, which
    every Markdown reader takes for the title; None if it opens with no such title."""
    if not (m := _SETEXT_TITLE.match(text)):
        return None
    return f"{m.group('above')}# {m.group('title').strip()}\n{text[m.end():]}"


def without_ruby(text: str) -> tuple[str, int] | None:
    """``text`` with each ``<ruby>word<rt>reading</rt></ruby>`` as its word, and how many there were;
    None if it has none."""
    if "<rt" not in text and "<RT" not in text:
        return None
    count = len(re.findall(r"<rt\b", text, re.IGNORECASE))
    return (_RUBY_READING.sub("", text), count) if count else None


# A link alone on its line ("[Good News](https://www.npr.org/…)"), not a clock linked to its moment
# (a few words, no sentence: a linked sentence is speech, and a link playing a moment ("t=") is a turn's).
_LONE_LINK = r"\[(?![\d:.,\s]+\])[^\[\]\n.!?…]{1,60}\]\((?![^()\s]*[?&#]t=)(?:https?:|www\.|/|#)[^()\s]*\)"
_LONE_LINK_LINE = re.compile(rf"^\s*{_LONE_LINK}\s*$")

# Lines of a Markdown page that are never speech: shortcodes, HTML, images, link lists, rules.
_MARKUP_LINES = re.compile(
    r"^\s*(?:"
    r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}"  # Hugo shortcodes, Liquid tags
    # a line that is one HTML tag or comment, or an element with nothing inside ("<iframe ...></iframe>")
    r"|<(?:/?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?|!--.*?--)>(?:</[a-zA-Z][\w-]*>)?"
    # a folded block's label ("<summary>Click to expand full transcript (611 words)</summary>")
    r"|<summary\b[^<>]{0,200}>[^<>\n]{0,200}</summary>"
    r"|(?:[-*+]\s+)?\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?(?:\{[^}]*\})?"  # an image, maybe a link's
    r"|(?:[-*+]|\d+\.)\s+(?:\*\*?)?\[.*\]\([^)]*\)(?:\{[^}]*\})?[^\w]*"  # a list item that is a link
    # A link reference definition: a link (not "[SPEAKER_00]: Welcome to the show.") and an optional title.
    r"|\[[^\]]+\]:\s*(?:<[^>]*>|\{\{[^{}\n]*\}\}\S*|(?:https?:|mailto:|www\.|[/#.]|[^\s/]*/)\S*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?"
    # Markdown's comment idiom, a reference definition no text links to: "[//]: # (note)", and LCTT's
    # header of them ("[#]: collector: (name)")
    r"|\[(?:#|//|comment)\]:[^\n]*"
    # kramdown's attribute lists and table of contents marker alone on a line: "{:toc}", "{: .note}"
    r"|\{:[^{}\n]*\}"
    r"|(?:[-*+]\s+)?<?https?://\S+>?"  # a bare URL
    r"|retrieved\s+from\s*[\"“]\s*https?://\S+\s*[\"”]"  # a wiki page's footer (MediaWiki's printfooter)
    # a link alone on its line ("[Good News](https://www.npr.org/…)")
    rf"|{_LONE_LINK}"
    # a rule, its marks maybe spaced ("*   *   *"), or dashes a word processor made long ("—-----"),
    # or a plain-text file's row of equals signs
    r"|[-—–](?:[ \t]*[-—–]){2,}|\*(?:[ \t]*\*){2,}|_(?:[ \t]*_){2,}|={3,}"
    r"|(?:links|resources|references|show notes|mentioned|credits|table of contents|contents)\s*:?"
    # someone's links after their name ("Wes: [X](https://…) [Instagram](https://…)"), a page's socials
    # (the first link a social site's or a handle; "Guests: [Jane Doe](…) [John Roe](…)" is the notes' words)
    r"|[^\W\d_][\w.'’-]{0,20}(?:[ \t][\w.'’-]{1,20}){0,2}:[ \t]*\[(?:x|twitter|instagram|tiktok|linkedin|threads|"
    r"facebook|youtube|mastodon|bluesky|github|website|web|blog|email|substack|twitch|discord|reddit|@[\w.]{1,30})\]"
    r"\((?:https?:|www\.)[^()\s]*\)(?:[ \t]*\[[^\[\]\n]{1,40}\]\((?:https?:|www\.)[^()\s]*\))+"
    r")\s*$",
    re.IGNORECASE,
)


# A Markdown list item: "- item", "* item", "1. item".
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")


# Template tags opening a line ("{%- include util.html -%} [episode]: {{episode.url}}": Jekyll
# writes an include and a link reference to a Liquid value on one line).
_LEADING_TEMPLATE_TAGS = re.compile(r"^\s*(?:(?:\{\{[<%].*?[>%]\}\}|\{%.*?%\})\s*)+")


def is_markup_line(line: str) -> bool:
    """Whether a line of a Markdown transcript is page furniture rather than speech."""
    if _MARKUP_LINES.match(line):
        return not _angled_sound(line)  # "<Applause>" alone is a transcriber's sound, as "[Music]" is; "<br>" is markup
    tags = _LEADING_TEMPLATE_TAGS.match(line)
    return tags is not None and bool(_MARKUP_LINES.match(line[tags.end():]))


def lone_link(line: str) -> bool:
    """A link alone on its line: page furniture, unless a speaker reads it out (a headline under a label)."""
    return bool(_LONE_LINK_LINE.match(line))


def without_html_comments(text: str) -> str:
    """``text`` without HTML comments (``<!-- omit in toc -->``), in one pass.

    A regex (``<!--.*?-->``) scans to the end of the page from every unclosed ``<!--``:
    quadratic on a body of thousands of them. An unclosed comment is left as written.
    """
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no comment closes after this one, nor after any later one
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


# "[Spot an error? Send a pull request.][github]" alone on its line: a link to a reference the page
# defines ("[github]: https://..."), not words (unlike "[music][applause]").
_REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]\[([^\]]+)\]\s*$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*\S", re.MULTILINE)


def link_references(text: str) -> set[str]:
    """The labels of a Markdown page's link reference definitions ("[github]: https://...")."""
    return {label.lower() for label in _REFERENCE_DEFINITION.findall(text)} if "]:" in text else set()


_INLINE_REFERENCE = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")


def unlink_references(line: str, references: set[str]) -> str:
    """``[Not Safe For Work][nsfw]`` as its words, where the page defines ``[nsfw]``: a reference
    link in a sentence is what was written there; "[music][applause]" (no such definition) stays."""
    if not references or "][" not in line:
        return line

    def words(m: re.Match[str]) -> str:
        label = (m.group(2) or m.group(1)).lower()  # "[text][]" refers to its own text
        return m.group(1) if label in references else m.group(0)

    return _INLINE_REFERENCE.sub(words, line)


def is_reference_link(line: str, references: set[str]) -> bool:
    """Whether ``line`` is only a link to one of the page's ``references``."""
    m = _REFERENCE_LINK.match(line) if references else None
    return m is not None and m.group(1).lower() in references


_SPACE = re.compile(r"\s+")

# Chinese and Japanese write no spaces between words (Korean does), so caption lines,
# fragments and quoted sentences of theirs join without one: "我将谈论我们如何在一些" + "现实世界中".
_UNSPACED = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


# A space with Chinese or Japanese on both sides, which neither language writes.
CJK_SPACE = re.compile(rf"(?<={_UNSPACED.pattern}) (?={_UNSPACED.pattern})")
# A space between Chinese or Japanese and a Latin letter or digit ("IT トリオ", "2023 年"): a
# tokenizer's where the file writes a space between every word, as Japanese writes "ITトリオ".
CJK_LATIN_SPACE = re.compile(rf"(?<={_UNSPACED.pattern}) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?={_UNSPACED.pattern})")


# Their punctuation is full-width, its space its own: "すぎると、" + "1日経っても" takes none.
_WIDE_STOP = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")


def runs_on(a: str, b: str) -> bool:
    """Whether non-empty ``b`` follows ``a`` with no space: Chinese or Japanese on both sides, or
    their full-width punctuation between."""
    return bool(_UNSPACED.match(a[-1]) and _UNSPACED.match(b[0])) or bool(_WIDE_STOP.match(a[-1]) or _WIDE_STOP.match(b[0]))


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one text: spaced, except between Chinese or Japanese ones."""
    out = ""
    for sentence in sentences:
        out = out + sentence if out and sentence and runs_on(out, sentence) else f"{out} {sentence}" if out else sentence
    return out


# The stop after a title or a short Latin abbreviation ("Dr. Ruiz", "Python vs. R",
# "e.g. Airflow") does not end a sentence. One lookbehind each: they must be fixed-width.
_ABBREVIATIONS = ("Dr", "Mr", "Mrs", "Ms", "Prof", "St", "vs", "e.g", "i.e", "cf")
NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
ENDS_ON_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(map(re.escape, _ABBREVIATIONS))})\.$", re.IGNORECASE)


def squash(text: str) -> str:
    """Collapse runs of whitespace into one space and trim."""
    return _SPACE.sub(" ", text).strip()


# Words that mark a bracketed span as a sound or action, not speech.
_DIRECTION_WORDS = (
    "music|laughs?|laughter|laughing|chuckles?|chuckling|giggles?|applause|clapping|sings?|singing|hums?|humming|"
    "inaudible|unintelligible|indistinct|crosstalk|cross-talk|silence|pause|coughs?|coughing|"
    "sighs?|sighing|sniffs?|noise|static|beeps?|cheering|cheers|groans?|whispers?|whispering|"
    "background|speaking|foreign language|audio|sound|intro|outro|jingle|ringing|phone|"
    "typing|barking|knocking|knocks?|clears throat|gasps?|exhales?|inhales?|breathes?|silent|muffled|overlapping|"
    "no audio|video|blank_audio|blank audio|"
    # Captions in other languages capitalise theirs ("[Música]", "[Lachen]", "[Müzik - Jenerik]",
    # "[At kişneme sesi]"), past the lower-case rule below. Short words that are English too
    # ("ride", "rit", "tos") are left out: "(a ride home)" is speech.
    "musik|müzik|música|musica|musique|muziek|muzyka|музыка|"
    "lachen|lacht|lachend|gelächter|gelach|risas?|risos|risadas|risate|rires?|gülme|gülüşmeler|kahkaha|"
    "śmiech|смех|"
    "applaus|beifall|aplausos?|applaudissements|applausi|alkış(?:lar)?|oklaski|аплодисменты|"
    "unverständlich|räuspern|räuspert|husten|hustet|kichern|kichert|seufzt|seufzen|stille|geräusche?|"
    "silencio|silêncio|silenzio|ruido|ruído|bruit|toux|sesi|sesleri|"
    # a transcriber's mark where a tape ran out: "… It just produces.... (END OF TAPE)"
    "end of (?:the )?(?:tape|side)|break in (?:the )?tape"
)
_SOUND_WORD = re.compile(rf"(?:{_DIRECTION_WORDS})", re.IGNORECASE)
_ANGLED_WORDS = ("laughs?|laugh|laughter|laughing|chuckles?|chuckling|giggles?|applause|clapping|music|silence|"
                 "inaudible|unintelligible|indistinct|crosstalk|cross-talk|pause|coughs?|coughing|sighs?|sighing|"
                 "groans?|whispers?|whispering|clears throat|gasps?|overlapping")


def sound_word(label: str) -> bool:
    """Whether ``label`` is only a word of a sound or a transcriber's note ("inaudible", "Music")."""
    return bool(_SOUND_WORD.fullmatch(label.strip()))


_DIRECTION = re.compile(
    # A direction word may have a few words before and after it: "(theme music plays)".
    r"(?:\(|\[)\s*(?:[\w'’-]+\s+){0,3}(?:" + _DIRECTION_WORDS + r")(?:\s+[\w'’-]+){0,2}"
    r"(?:\s*[:;–—-][^()\[\]\n]{0,60})?\s*(?:\)|\])|"
    # "♪♪♪" is one stretch of music, as "♪♪ la la ♪♪" is one line sung.
    r"[\[(]\s*(?:[♪♫]\s*)+[\])]|♪+(?:[^♪]{1,80}♪+)?|"  # "[♪♪♪]": YouTube's caption for music alone
    # "[??]", "[?]": a transcriber's mark for words not made out (or not sure of), never words.
    r"\[\s*\?{1,2}\s*\]|"
    # A transcription service's section marks, in capitals: "[INTRODUCTION]", "[EPISODE]", "[END OF EPISODE]",
    # "[END]" (Software Engineering Daily's and the Podlets' transcripts).
    r"(?-i:\[(?:INTRODUCTION|INTRO|EPISODE|INTERVIEW|OUTRO|END(?: OF (?:EPISODE|INTERVIEW|SHOW|TRANSCRIPT))?|"
    r"SPONSOR MESSAGE|COMMERCIAL BREAK|BREAK|CONTINUED)\])|"
    # "(not clear)", "(unclear)", "(Indiscernible)": the same mark in words, alone in its brackets
    # ("(the reason is unclear)" is someone's aside).
    r"[(\[]\s*(?:unclear|not\s+clear|indiscernible)\s*[)\]]|"
    # Captioners bracket any sound in lower case: "[bell]", "[door closes]", "[ríen emocionadas]".
    r"(?P<lower>(?-i:\[\s*[a-zß-öø-ÿ][a-zß-öø-ÿ'’ -]{1,24}\s*\]))|"
    # Oral histories (IEEE's) mark sounds in angle brackets: "<laughs>", "<Laughter>", "<clears throat>";
    # no element's name ("<audio>", "<video>" are markup).
    r"<(?:[a-z'’-]+ ){0,2}(?:" + _ANGLED_WORDS + r")(?: [a-z'’-]+){0,2}>",
    re.IGNORECASE,
)

# What a speaker does rather than says, which an editor brackets inside a sentence too
# ("We have this one [points to duck] but…", "[shows hands]").
_GESTURES = frozenset(
    "points pointing shows showing nods nodding shakes shaking waves waving gestures gesturing shrugs "
    "shrugging snaps snapping smiles smiling claps holds holding raises raising taps tapping looks "
    "looking turns writes writing draws drawing reads".split()
)
_WORD_BEFORE = re.compile(r"[\w,;’'\"”]\s*$")  # not after another bracket: "[footsteps] [door closes]"
_WORD_AFTER = re.compile(r"\s*[\w“\"‘'\[(.,;:?!…]")


def _inserted(text: str, m: re.Match[str]) -> bool:
    """Whether the lower-case bracket ``m`` is an editor's words inside a sentence, not a sound:
    words before it with no sentence end between, and the sentence going on after it.

    Editors bracket what the speaker implied ("getting data [which was written about] three
    years ago", "different [things]"); a captioner's "[door closes]" stands between sentences or
    alone. A gesture ("[points to duck]") is no words wherever it stands."""
    if not m.group("lower"):
        return False
    if not _WORD_BEFORE.search(text, 0, m.start()) or not _WORD_AFTER.match(text, m.end()):
        return False
    words = m.group("lower")[1:-1].split()
    return bool(words) and words[0] not in _GESTURES


# A bracketed span opening the text, followed by a space or nothing: not "[a](url)" nor "[Jane]:".
_OPENING_BRACKETS = re.compile(r"\s*\[([^\[\]\n]{1,60})\](?=\s|$)")
LEAD_IN_WORDS = 3  # "[Singing] I know", "[door slams] Who's there?"
WHOLE_WORDS = 6  # a cue that is only "[siren keeps going]"
_WORD_MARKS = frozenset("'’-‐־׳״")  # apostrophes, hyphens, Hebrew maqaf, geresh and gershayim


def _letters_only(word: str) -> bool:
    """Letters of a script other than Latin (with their combining marks) and word-joining marks.

    Latin-script brackets are left to the word list: an editor's "[It's] for these things"
    or "[We solve this] by…" is speech, and English sounds are in the list already.
    """
    return any(c.isalpha() for c in word) and all(
        (c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"))
        or unicodedata.category(c).startswith("M") or c in _WORD_MARKS
        for c in word
    )


def _lead_ins(text: str) -> tuple[list[str], str]:
    """Bracketed words opening ``text`` that caption style uses for sounds, in scripts the word list cannot read.

    The word list above only knows English sounds, but captioners in every language put
    sounds and actions in brackets before the words ("[פּיפּסן] נײן"): one to three words
    of a non-Latin script opening the text, or the whole text. Digits and underscores
    ("[00:03]", "[SPEAKER_00]") are left alone.
    """
    found: list[str] = []
    pos, last = 0, len(text.rstrip())  # matched by position: a long run of them stays linear
    while m := _OPENING_BRACKETS.match(text, pos):
        words = m.group(1).split()
        limit = WHOLE_WORDS if m.end() >= last else LEAD_IN_WORDS
        if not 0 < len(words) <= limit or not all(_letters_only(w) for w in words):
            break
        found.append(m.group(0).strip())
        pos = m.end()
    return found, text[pos:]


# A caption that is nothing but a few lower-case words in parentheses is a sound, whatever
# the words ("(doorbell rings)", "(computer playing\nelectronic melody)" over two lines);
# inside speech, "(or not)" stays speech.
_WHOLE_SOUND = re.compile(r"\s*\(\s*[a-zß-öø-ÿ][a-zß-öø-ÿ'’\s-]{1,50}\)\s*")


# What may come before an XML document's root: the declaration, stylesheets, comments, a DOCTYPE (its
# internal subset too: ParlParse declares its entities there). A comment stops at its first "-->" and a
# subset at its first "]", so a run of them matches one way (linear).
XML_PROLOG = (r"\A[\ufeff\s]*(?:<\?xml[^>]{0,300}\?>\s*)?"
              r"(?:(?:<\?xml-stylesheet[^>]{0,300}\?>|<!--(?:(?!-->).){0,2000}-->"
              r"|<!DOCTYPE[^>\[]{0,300}(?:\[[^\]]{0,20000}\]\s*)?>)\s*)*")


# Words that are all one bracket of a few words (no digits, no label's colon, no sentence's stop) are a
# note, in any case and any format: "[Alarm Horn]", "[Discussing sending the file with Alexey]"; Japanese
# subtitles for the deaf use full-width parentheses ("（大きくなる店内ＢＧＭ）"). A sentence in brackets
# ("[Hopefully we'll get it in the frame.]") is words said aside.
_WHOLE_BRACKET = re.compile(r"\s*(?:\[(?=[^\]\n]{0,59}[^\W\d_])[^\[\]\n:\d]{0,59}[^\[\]\n:\d.?!…]\]|（[^（）\n]{1,40}）)\s*")


def _whole_note(text: str) -> bool:
    """Is ``text`` one bracket of a few words, not a name alone ("[John]" labels a caption)?"""
    if not _WHOLE_BRACKET.fullmatch(text):
        return False
    inner = text.strip()[1:-1].strip()
    return " " in inner or not inner[:1].isupper() or names_a_sound(inner)


def _angled_sound(line: str) -> bool:
    """Whether a line is only a sound in angle brackets ("<Applause>", "<clears throat>")."""
    bare = line.strip()
    return bare.startswith("<") and bare.endswith(">") and names_a_sound(bare[1:-1], angled=True)


def names_a_sound(label: str, angled: bool = False) -> bool:
    """Does ``[label]`` (``<label>`` if ``angled``) name a sound or action by the word list ("Music",
    "laughs", "door closes")?"""
    return bool(_DIRECTION.fullmatch(f"<{label}>" if angled else f"[{label}]"))


# An acronym right before a parenthesis: "their AV (Audio Visual) work".
_ACRONYM_BEFORE = re.compile(r"(?<![\w'’-])(?P<acronym>[A-Z]{2,6})\s*$")
_GLOSS_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _glosses(text: str, m: re.Match[str]) -> bool:
    """Whether the parenthesis ``m`` spells out the acronym just before it, its words' initials
    the acronym's letters ("AV (Audio Visual)", "ML (machine-learning)"): words, not a sound."""
    span = m.group(0)
    if not span.startswith("(") or not span.endswith(")"):
        return False
    before = _ACRONYM_BEFORE.search(text, 0, m.start())
    if not before:
        return False
    words = re.split(r"[\s\-‐]+", span[1:-1].strip())
    acronym = before.group("acronym")
    return len(words) == len(acronym) and all(
        _GLOSS_WORD.fullmatch(w) and w[0].casefold() == c.casefold() for w, c in zip(words, acronym)
    )


_CLOSES_SENTENCE = frozenset(".,;:?!…")


# A transcriber's guess at words not clearly heard, as MIT OpenCourseWare's transcripts mark it:
# "[? Tuinman ?]", "terms, [? eh. ?]". The guess is kept as the words, its marks left out.
# The guess opens and ends with a word's character: no run of spaces can be read two ways.
_GUESSED = re.compile(r"\[\?[ \t]*([^\[\]?\s](?:[^\[\]?\n]{0,78}[^\[\]?\s])?)[ \t]*\?\]")


def split_directions(text: str, *, lead_ins: bool = False) -> tuple[str, list[str]]:
    """Separate stage directions from spoken words.

    Only bracketed spans naming a sound or action count, so a spoken aside such as
    "ELT (extract, load, transform)" stays speech. With ``lead_ins``, so do short bracketed
    spans opening the text in a non-Latin script (``_lead_ins``): for caption cues, whose speaker
    labels are taken first ("[Jane] text" said by Jane), where they are nearly always
    sounds. In other text a bracketed opening may be a name or an editor's "[He] said".
    """
    if "(" not in text and "[" not in text and "♪" not in text and "（" not in text and "<" not in text:
        return text, []
    if "[?" in text:
        text = _GUESSED.sub(r"\1", text)
    if (lead_ins and _WHOLE_SOUND.fullmatch(text)) or _whole_note(text):
        return "", [squash(text)]
    directions, rest = _lead_ins(text) if lead_ins else ([], text)
    found = [m for m in _DIRECTION.finditer(rest) if not _glosses(rest, m) and not _inserted(rest, m)]
    directions += [m.group(0) for m in found]
    if not directions:
        return text, []
    cuts = [0, *(k for m in found for k in m.span()), len(rest)]
    spoken = ""
    for a, b in zip(cuts[::2], cuts[1::2]):
        piece = rest[a:b].strip()
        # "Right [chuckles]. Right." reads "Right. Right.": no space before the punctuation after a cut
        spoken += piece if not spoken or piece[:1] in _CLOSES_SENTENCE else " " + piece
    spoken = squash(spoken)
    if spoken.startswith(":") and not text.lstrip().startswith(":"):
        spoken = spoken[1:].lstrip()  # "(laughing): OH, NO." was a direction standing where a name would
    return spoken, directions


# Punctuation a sound opening the words leaves in front of them once it is out: '[laughs]." The'
# leaves '."', '[laughs], and then' leaves ','. An ellipsis stays: "[laughs] ... one more" trails in.
_LEFT_STOP = re.compile(r"(?!\.\.)[.,;:!?]+[\"”’'»)\]]*(?=\s|$)")


class Said(Protocol):
    speaker: str | None
    text: str


def split_directions_after(text: str, before: Said | None, speaker: str | None, *,
                           lead_ins: bool = False) -> tuple[str, list[str]]:  # fmt: skip
    """``split_directions`` for words that follow ``before`` (the segment or piece just read), said
    by ``speaker`` (None: whoever spoke goes on). The stop a sound leaves ('[laughs].' alone, or
    '[laughs]." The whole') ends the words before, where they are the same speaker's and not ended,
    and is dropped otherwise: never a segment '.' of its own, nor '." The' glued to nothing."""
    spoken, directions = split_directions(text, lead_ins=lead_ins)
    stop, spoken = _sound_stop(text, spoken, directions)
    if stop and before is not None and before.text and speaker in (None, before.speaker):
        if not unicodedata.category(before.text[-1]).startswith("P"):
            before.text += stop
    return spoken, directions


def _sound_stop(text: str, spoken: str, directions: list[str]) -> tuple[str, str]:
    """The stop a sound left and the words without it: ('."', 'The whole') from '[laughs]." The whole',
    ('.', '') from '[laughs].'; ("", spoken) if none. Only where the words are only punctuation, or
    it opens them right after a sound opening the text (":probabl. hired me" keeps its colon)."""
    if not directions or not spoken:
        return "", spoken
    if all(unicodedata.category(c).startswith("P") or c.isspace() for c in spoken):
        return spoken.strip(), ""
    m = _LEFT_STOP.match(spoken)
    if m is None or not text.lstrip().startswith(directions[0]):
        return "", spoken
    return m.group(0), spoken[m.end():].lstrip()


# A paragraph that is only a transcriber's note: one bracketed span of a few words
# ("(Shuffling of papers)", "[BREAK IN THE TAPE]", "{END}", "(unclear)."), or the end of a tape or
# interview marked without brackets, as transcribers type it ("END OF TAPE", "END of SIDE A", "End of interview").
# A court reporter sets the note between dashes: "--(A short break was had.)--".
_NOTE_PARAGRAPH = re.compile(r"\s*(?:--?|[–—])?\s*(?:\((?P<round>[^()]{1,80})\)|\[(?P<square>[^\[\]]{1,80})\]|"
                             r"\{(?P<curly>[^{}]{1,80})\})\s*(?:--?|[–—])?\s*[.,;]?\s*")
_END_MARK = re.compile(
    r"\s*(?:(?:THE\s+)?END(?:\s+(?i:of)\s[^\n]{1,40})?|(?i:end\s+of\s+(?:the\s+)?(?:interview|transcript|tape|recording)))\.?\s*"
)
NOTE_WORDS = 8
# A reporter's note of what happened, however long: "(Whereupon, the assemblage recited the Pledge of
# Allegiance to the Flag.)", "(Whereupon, at 11:41 a.m., the case … was submitted.)".
_WHEREUPON = re.compile(r"\s*\(\s*(?i:whereupon),?\s[^()]{1,300}\)\s*")
# A whole paragraph in square brackets, however long, is an editor's: a film transcript's "[we see Riley
# as a new born baby, we then see inside her mind where Joy is formed]". Not one that ends a sentence, as an
# interpreter's "[Hello everyone, welcome to the show.]" does, unless the text's brackets describe (its
# reader decides). Round ones may be said asides.
_BRACKETED_PARAGRAPH = re.compile(r"\s*\[\s*[^\W\d_][^\[\]\n]{0,600}\]\s*")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’]?\s*\]\s*$")


# An observer's note labelled as one, in brackets: "**[NOTAS DE OBSERVACIÓN]:** mueve las manos…",
# "[Note]: inaudible for a minute", "[Anmerkung]: …" (not a bracketed speaker: "[SPEAKER_00]: Hi").
_NOTE_LABEL = re.compile(r"(?:\*\*|__)?\[[^\[\]\n]{0,40}\b(?i:notes?|notas?|observa\w*|comment\w*|comentarios?|"
                         r"anmerkung\w*|notiz\w*|remarques?|osserva\w*)\b[^\[\]\n]{0,40}\]\s*:(?:\*\*|__)?\s")


# "In the chair" as the European Parliament's reports head a sitting's part, in its languages.
_CHAIR_OFFICES = frozenset({
    "IN THE CHAIR", "PRESIDENZA", "PRZEWODNICTWO", "PREDSEDÁ", "PŘEDSEDNICTVÍ", "VORSITZ", "PRÉSIDENCE",
    "PRESIDENCIA", "PRESIDÊNCIA", "VOORZITTER", "FORSÆDE", "ORDFÖRANDE", "PUHETTA JOHTI", "ISTUNGIT JUHATAS",
    "SĒDI VADA", "PIRMININKAVO", "ELNÖKÖL", "ΠΡΟΕΔΡΙΑ", "ПРЕДСЕДАТЕЛСТВО", "PREȘEDINȚIA", "PREŞEDINŢIA",
    "PREDSJEDANJE", "PREDSEDSTVO", "SA CHATHAOIR", "IL-PRESIDENZA"})  # fmt: skip


def chair_line(paragraph: str) -> bool:
    """Whether a paragraph says who presides, as the European Parliament's reports do in the chair's
    language ("IN THE CHAIR: ROBERTA METSOLA President", "PRESIDENZA: PINA PICIERNO Vicepresidente"):
    the office, a name in capitals and the title in words that are not. It is no label."""
    office, colon, rest = paragraph.partition(": ")
    words = rest.split()
    if not colon or (office not in _CHAIR_OFFICES and "CHAIR" not in office) or not 3 <= len(words) <= 8:
        return False
    name = [w for w in words if w.isupper()]
    title = words[len(name):]
    return words[:len(name)] == name and len(name) >= 2 and 1 <= len(title) <= 3 and not any(
        w.isupper() or not w.replace("-", "").isalpha() for w in title)


def bracketed(paragraph: str) -> bool:
    """Whether a whole paragraph is in square brackets (words, not a "[00:01]" stamp)."""
    return bool(_BRACKETED_PARAGRAPH.fullmatch(paragraph))


# A whole paragraph in square brackets, maybe in emphasis ("**_[…]_**", as devchat.tv's pages set their ads).
_WRAPPED_BRACKET = re.compile(r"\s*(?:\*\*|__)?[*_]?(?P<inner>\[[^\[\]\n]{1,3000}\])[*_]?(?:\*\*|__)?\s*")
_SPONSOR_READ = re.compile(r"\b(?:sponsored by|brought to you by|advertisement|ad break|commercial break)\b", re.IGNORECASE)


def note_text(paragraph: str) -> str:
    """A note's words without the emphasis around its brackets ("**_[…]_**" as "[…]"), or around
    the label of a labelled note ("**[NOTAS]:** […]" as "[NOTAS]: […]")."""
    wrapped = _WRAPPED_BRACKET.fullmatch(paragraph)
    if wrapped:
        return wrapped.group("inner")
    if labelled := _NOTE_LABEL.match(paragraph):
        return f"{strip_markdown_inline(labelled.group(0)).strip()} {paragraph[labelled.end():]}"
    return paragraph


def stage_note(paragraph: str) -> bool:
    """Whether a whole paragraph is a transcriber's note, not speech: a few words in brackets of any
    kind, whatever the words ("(Shuffling of papers)", "(THE END OF TAPE)"), a reporter's
    "(Whereupon, …)" or words in square brackets of any length, an end-of-tape mark, a note under a
    bracketed label that says it is one ("[NOTAS DE OBSERVACIÓN]: …"), or who takes the chair (``chair_line``).
    Only a whole paragraph: inside speech a bracket is a direction only if it names a sound."""
    if (_END_MARK.fullmatch(paragraph) or _NOTE_LABEL.match(paragraph) or _WHEREUPON.fullmatch(paragraph)
            or (bracketed(paragraph) and not _ENDS_SENTENCE.search(paragraph))
            or chair_line(paragraph) or _angled_sound(paragraph)):
        return True
    if (wrapped := _WRAPPED_BRACKET.fullmatch(paragraph)) and _SPONSOR_READ.search(wrapped.group("inner")):
        return True  # "**_[This episode is sponsored by Hired.com. …]_**": the show's ad, read by no one in the talk
    m = _NOTE_PARAGRAPH.fullmatch(paragraph)
    if m is None:
        return False
    words = (m.group("round") or m.group("square") or m.group("curly")).split()
    return 0 < len(words) <= NOTE_WORDS and words[0][:1].isalpha()


MAX_TIME = 7 * 86400.0  # a week: a time or length beyond it is a misread, not a recording


# A number as text: digits and a decimal point, maybe an exponent. Python's float() also takes
# "00_05_00" (500.0: underscores group digits in its own literals) and "nan" or "infinity".
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# A clock a file name or key could hold, underscores for its colons: "00_05_00", "1_02_03.5".
_UNDERSCORED_CLOCK = re.compile(r"\d{1,3}(?:_\d{2}){1,2}(?:[.,]\d+)?")


def decimal_text(text: str) -> float | None:
    """``text`` as a number if it is written as a decimal one, else None."""
    text = text.strip()
    return float(text) if _DECIMAL.fullmatch(text) else None


def underscored_clock(text: str) -> float | None:
    """Seconds of a clock written with underscores for colons ("00_05_00"), else None."""
    text = text.strip()
    return parse_timestamp(text.replace("_", ":")) if _UNDERSCORED_CLOCK.fullmatch(text) else None


def as_time(value: object) -> float | None:
    """``value`` as seconds if it is a number that can be a time in a recording, else None.

    NaN, infinities, negatives and anything past ``MAX_TIME`` are not times: let in,
    they break every later step that formats, rounds or serialises a time. Huge ints
    are compared before any conversion, which would overflow.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not 0 <= value <= MAX_TIME:  # NaN fails every comparison
        return None
    return float(value)


# Digits are bounded: int() refuses strings of thousands of digits, and no clock needs more.
_TIMESTAMP = re.compile(
    r"^\s*(?:(?P<h>\d{1,9}):)?(?P<m>\d{1,9}):(?P<s>\d{1,2})(?:[.,](?P<f>\d+))?\s*$"
)


def parse_timestamp(value: object) -> float | None:
    """Seconds from ``H:MM:SS``, ``M:SS`` (minutes may pass 59), ``.mmm`` or ``,mmm``.

    Numbers are taken as seconds already. Anything else, or a time past ``MAX_TIME``,
    gives None.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return as_time(value)
    m = _TIMESTAMP.match(str(value))
    if not m:
        return None
    hours = int(m.group("h") or 0)
    seconds = hours * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
    frac = m.group("f")
    return as_time(seconds + (float(f"0.{frac}") if frac else 0.0))


_ISO_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
# "1h 2m 3s", "45 min", "1 hour 5 minutes", "90 sec"
_WORDY_DURATION = re.compile(
    # A unit ends where letters do: "53m22s" runs its parts together.
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)(?![a-z])\s*,?\s*)?"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*(?:m|mins?|minutes?)(?![a-z])\s*,?\s*)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b)?$",
    re.IGNORECASE,
)


_CLOCK_UNIT = re.compile(r"\s*(?:min(?:ute)?s?|hrs?|hours?|h|m|s)\.?$", re.IGNORECASE)


def parse_duration(value: object) -> float | None:
    """Seconds from any common way of writing a length of time, else None.

    ISO 8601 (``PT1H2M``), a clock (``10:59``, ``1:02:03``), words (``1h 2m``,
    ``45 min``), or a number of seconds (as a number or as text).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return as_time(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")  # "1,234" seconds, as a feed's template printed them
    seconds: float | None = None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text)  # inf for thousands of digits, which as_time refuses
    elif ":" in text:
        # "45:00 min", "1:02:03 hrs": the clock says it all, the unit after it nothing more.
        seconds = parse_timestamp(_CLOCK_UNIT.sub("", text))
    else:
        for pattern in (_ISO_DURATION, _WORDY_DURATION):
            m = pattern.match(text)
            if m and any(m.groupdict().values()):
                parts = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
                seconds = parts.get("d", 0.0) * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
                break
    return as_time(seconds)


# Month names in English and German ("18. März 2026"), and in the other languages pages and records date
# themselves in: Spanish ("05 de diciembre de 2025"), French, Italian, Portuguese, Dutch, Turkish ("1 Nisan 2016").
_MONTHS = {m: n for n, names in enumerate((
    ("jan", "january", "januar", "jän", "jänner", "enero", "janvier", "gennaio", "janeiro", "januari", "ocak", "stycznia"),
    ("feb", "february", "februar", "febrero", "février", "febbraio", "fevereiro", "februari", "şubat", "lutego"),
    ("mar", "march", "märz", "mrz", "marzo", "mars", "março", "maart", "mart", "marca"),
    ("apr", "april", "abril", "avril", "aprile", "nisan", "kwietnia"),
    ("may", "mai", "mayo", "maggio", "maio", "mei", "mayıs", "maja"),
    ("jun", "june", "juni", "junio", "juin", "giugno", "junho", "haziran", "czerwca"),
    ("jul", "july", "juli", "julio", "juillet", "luglio", "julho", "temmuz", "lipca"),
    ("aug", "august", "agosto", "août", "augustus", "ağustos", "sierpnia"),
    ("sep", "sept", "september", "septiembre", "setiembre", "septembre", "settembre", "setembro", "eylül", "września"),
    ("oct", "october", "okt", "oktober", "octubre", "octobre", "ottobre", "outubro", "ekim", "października"),
    ("nov", "november", "noviembre", "novembre", "novembro", "kasım", "listopada"),
    ("dec", "december", "dez", "dezember", "diciembre", "décembre", "dicembre", "dezembro", "aralık", "grudnia")),  # Polish in the genitive, as dates write them
    start=1) for m in names}  # fmt: skip
_MONTH = r"(?P<month>[^\W\d_]{3,12})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
_WRITTEN_DATES = (
    re.compile(rf"^(?:[A-Za-z]{{3,9}},?\s+)?{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})$", re.IGNORECASE),  # May 1st, 2025
    # 1 May 2025; "5 de diciembre de 2025", "6 de agosto, 2019"
    re.compile(rf"^(?:[^\W\d_]{{3,9}},?\s+)?{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?(?P<year>\d{{4}})$",
               re.IGNORECASE),
)


# A date and maybe a time of day, as ISO 8601 writes them: "2025-03-16", "2025-03-16T21:49:29Z".
_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ]|\s*$)")


def iso_day(value: str) -> str | None:
    """The day an ISO 8601 date or date and time names ("2025-03-16"), else None: episodes sort by it."""
    m = _ISO_DAY.match(value)
    return m.group(1) if m else None


# A date as a count since 1970, in seconds (10 digits) or milliseconds (13), from 1990 to 2100.
_EPOCH = re.compile(r"\d{10}|\d{13}")
_EPOCH_FROM, _EPOCH_TO = 631_152_000, 4_102_444_800


def calendar_date(value: str) -> str:
    """A date written out in words ("May 1st, 2025", "Thursday, 1 May 2025", "18. März 2026") or as a count
    of (milli)seconds since 1970 as ``2025-05-01``, so episodes sort by it beside the ISO dates most sources
    give; anything else as it is."""
    text = value.strip()
    if not text[:1].isalpha() and not text[:1].isdigit() or len(text) > 40:
        return value
    if _EPOCH.fullmatch(text):
        # "1721818800000": milliseconds since 1970 (Syntax.fm's show pages), or seconds; UTC's day
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        if _EPOCH_FROM <= seconds < _EPOCH_TO:
            return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date().isoformat()
        return value
    for pattern in _WRITTEN_DATES:
        if (m := pattern.match(text)) and (month := _MONTHS.get(m.group("month").lower())):
            try:
                return datetime.date(int(m.group("year")), month, int(m.group("day"))).isoformat()
            except ValueError:  # "Feb 30, 2020" is no day
                return value
    return value


# A date inside a line ("Interview with Stu Feldman, 9-20-89", "Murray Hill, 8 September 1989").
# Year first, as ISO and meeting notes write it ("2022/6/2"): never the month first.
_ISO_IN = re.compile(r"(?<![\d/-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\d/-])")
_WRITTEN_IN = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
)
# Numbers only with dashes or slashes: "3.10.12" is a version, not a date.
_NUMERIC_IN = re.compile(r"(?<![\d/-])(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])")


def day_first_dates(text: str) -> bool:
    """Whether a date of numbers in ``text`` can only be read day first ("20/08/2021")."""
    return any(int(m.group(1)) > 12 >= int(m.group(3)) for m in _NUMERIC_IN.finditer(text))


def date_in(text: str, day_first: bool = False) -> str | None:
    """The first date written in ``text``, as ``YYYY-MM-DD``, else None. Numbers alone are read month
    first, as American transcripts write them ("9-6-89": 1989-09-06), unless the first can only be a
    day ("20-9-89") or the page writes the day first (``day_first``: "01/08/2021" on a Brazilian page is
    2021-08-01) and the second can be a month; a two-digit year is of the last hundred years."""
    found: list[tuple[int, datetime.date]] = []
    for m in _ISO_IN.finditer(text):
        with contextlib.suppress(ValueError):
            found.append((m.start(), datetime.date(int(m.group(1)), int(m.group(3)), int(m.group(4)))))
    for pattern in _WRITTEN_IN:
        for m in pattern.finditer(text):
            if month := _MONTHS.get(m.group("month").lower()):
                with contextlib.suppress(ValueError):
                    found.append((m.start(), datetime.date(int(m.group("year")), month, int(m.group("day")))))
    for m in _NUMERIC_IN.finditer(text):
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if len(m.group(4)) == 2:
            this_year = datetime.date.today().year
            year += this_year // 100 * 100 - (100 if year > this_year % 100 else 0)
        month, day = (second, first) if first > 12 or (day_first and second <= 12) else (first, second)
        with contextlib.suppress(ValueError):
            found.append((m.start(), datetime.date(year, month, day)))
    return min(found)[1].isoformat() if found else None


def format_timestamp(seconds: float | None, *, millis: bool = False, sep: str = ".") -> str:
    """``H:MM:SS`` (or ``HH:MM:SS.mmm`` with ``millis``) for display and export."""
    if seconds is None:
        return "--:--"
    total_ms = round(seconds * 1000)
    h, rem = divmod(total_ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    if millis:
        return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fragment_time(seconds: float) -> str:
    """``seconds`` for a ``#t=`` link: to the hundredth, rounded down so playing
    never starts after the line it cites ("12.34", "61")."""
    hundredths = math.floor(round(seconds * 100, 6))  # 12.34 * 100 is 1233.99…
    return f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """"1 episode", "2 episodes", "1,204 moments": a count as a reader says it."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def agrees(count: int, singular: str, plural: str) -> str:
    """The word of the two that agrees with ``count``: "has" for 1, "have" otherwise."""
    return singular if count == 1 else plural


def counted_of(part: int, whole: int, noun: str, verb: tuple[str, str]) -> str:
    """"1 of 1 moment has", "1 of 2 moments has", "0 of 2 moments have": a part of a count, the noun
    agreeing with the whole and the verb (singular, plural) with the part, or with a whole of one."""
    return f"{part:,} of {counted(whole, noun)} {agrees(1 if whole == 1 else part, *verb)}"


def shown_time(seconds: float | None, estimated: bool = False) -> str:
    """A time for display; "~" marks one estimated from word counts."""
    return ("~" if estimated and seconds is not None else "") + format_timestamp(seconds)


def shown_span(start: float | None, end: float | None, estimated: bool = False) -> str:
    """"10:28–10:40", or just "10:28" when the end is unknown or not after the start."""
    if end is None or start is None or end <= start:
        return shown_time(start, estimated)
    return f"{shown_time(start, estimated)}–{shown_time(end, estimated)}"

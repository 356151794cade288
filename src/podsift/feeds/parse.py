"""A podcast feed (RSS 2.0 or Atom, iTunes and Podcasting 2.0 tags) as typed values.

feedparser reads the standard fields and forgives broken markup. It keeps only the
last of repeated ``podcast:`` elements and drops their text (a person's name), so the
Podcasting 2.0 tags are read from the raw XML as well.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_tz
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname
from xml.sax import SAXException, SAXParseException

import feedparser

from podsift.formats.chapters_file import chapter_lines, chapter_run
from podsift.text import counted, parse_duration, strip_controls, web_url

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# Early feeds, and the namespace's own example feed, name it by its documentation's URL.
_PODCAST_NAMESPACES = (PODCAST_NS, "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md")
_ATOM_NS = "http://www.w3.org/2005/Atom"
# Podlove Simple Chapters: the chapters written into the item itself (Podlove Publisher, Podigee, RSS Blue).
_PSC_NS = "http://podlove.org/simple-chapters"
_ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
_TAG = re.compile(r"<[^>]+>")
_TEMPLATE = re.compile(r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}")
_CLOSED = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>\s*(?:<!--.*?-->\s*)*\Z", re.DOTALL)
# An ampersand that starts none of XML's own references: HTML's &nbsp;, a typo's &gtgt;, a bare "R&D".
_STRAY_AMP = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_ROOT = re.compile(rb"<(?:rss|feed)\b")
# A live stream announced in the channel (Podcasting 2.0): not an item, so feedparser takes its title, link and
# artwork for the show's own. A self-closing one holds none of them.
_LIVE_ITEM = re.compile(rb"<((?:[\w.-]+:)?liveItem)\b(?:[^>]*[^/>])?>.*?</\1\s*>", re.DOTALL)
# What feedparser rewrites before the first element, which moves the lines its errors name: it writes an XML
# declaration on a line of its own above a document without one, and drops a DOCTYPE with the blank lines before it.
_DECLARED = re.compile(r"\ufeff?<\?xml")
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*?>", re.MULTILINE)
_FIRST_ELEMENT = re.compile(r"<\w")
_ISO_DAY = re.compile(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])")
PODLOVE_CHAPTERS = "the item's Podlove chapters (psc:chapters)"
NOTES_CHAPTERS = "the show notes' time-stamped lines"


class FeedError(Exception):
    """A document that is not a usable feed; the message is the reason, for the user."""


class PublisherFeed(FeedError):
    """A publisher's feed (Podcasting 2.0 ``<podcast:medium>publisher``): no episodes, only its shows' feeds."""


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # lower-case, as the namespace spells roles: host, guest, ...


@dataclass(frozen=True)
class Transcript:
    url: str
    type: str
    language: str | None = None
    rel: str | None = None


@dataclass
class Item:
    guid: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    description: str | None = None
    link: str | None = None
    season: int | None = None
    episode: int | None = None
    # A number the namespace allows but no whole one ("315.5", a bonus after 315), as written, or what the show
    # displays for it (podcast:episode's display="Ch.3"), for show.
    episode_label: str | None = None
    # The itunes:episode where the podcast:episode, which wins, says another ("12" beside "12.5").
    itunes_episode: str | None = None
    duration: float | None = None
    image: str | None = None
    enclosure_url: str | None = None
    enclosure_type: str | None = None
    persons: list[Person] = field(default_factory=list)
    chapters_url: str | None = None
    transcripts: list[Transcript] = field(default_factory=list)
    # Transcripts offered by links podsift does not read ("transcript ftp://…: not an http(s) link …"), for the report.
    unfollowed: list[str] = field(default_factory=list)
    # The guid as the feed wrote it, where other items share it and this one's title sets it apart:
    # its episode keeps the id it was first stored under.
    shared_guid: str | None = None
    # A chapter list in the show notes ("(00:02:39) Guest and topic" a line), or the item's Podlove chapters:
    # (start, title) each, and where they were listed, for the episode's report.
    listed_chapters: list[tuple[float, str]] = field(default_factory=list)
    listed_in: str = NOTES_CHAPTERS


@dataclass
class Show:
    title: str | None = None
    link: str | None = None
    image: str | None = None
    language: str | None = None  # the channel's <language>, "en-us"
    items: list[Item] = field(default_factory=list)
    # Read past broken markup: items may be missing, so their absence means nothing.
    recovered: bool = False


@dataclass
class _Tags:
    """One item's Podcasting 2.0 tags, as read from the raw XML."""

    persons: list[Person] = field(default_factory=list)
    chapters_url: str | None = None
    transcripts: list[Transcript] = field(default_factory=list)
    unfollowed: list[str] = field(default_factory=list)
    season: int | None = None
    episode: int | None = None
    episode_label: str | None = None
    listed_chapters: list[tuple[float, str]] = field(default_factory=list)


def parse_feed(data: bytes, base: str | None = None) -> Show:
    """The show and its items; FeedError if ``data`` is no feed at all.

    ``base`` is the feed's own URL: links relative to it ("/audio/1.mp3") are resolved against it. For a
    feed read from a file it is the file's ``file:`` URI, and its transcripts, chapters and audio may be
    files (paths), beside it or named by ``file:`` links.
    """
    if b"<!ENTITY" in data[:65536]:
        # Entity declarations can expand to any size; no real feed needs them.
        raise FeedError("declares XML entities, which feeds never need; refused")
    # Hosts that print a blank line before the XML declaration (Acast, No Agenda's) make the whole
    # document ill-formed; the same bytes without it are the feed they meant.
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3 if bom else 0:]
    blank_lines = _line_breaks(body[: len(body) - len(body.lstrip(b" \t\r\n"))])
    data = (b"\xef\xbb\xbf" if bom else b"") + body.lstrip(b" \t\r\n")
    # Blanked line for line, so a fault's line number is still the file's.
    shown = _LIVE_ITEM.sub(lambda m: b"\n" * _line_breaks(m[0]), data) if b"liveItem" in data else data
    # The feed's location stays out of feedparser's hands (links are resolved here): it would make a guid written
    # as a bare id ("<guid>5b88529b-…</guid>", NPR's) a link beside the feed, so a feed that moved had all new items.
    parsed = feedparser.parse(shown)
    error = parsed.get("bozo_exception")
    broken = parsed.get("bozo") and isinstance(error, SAXException)
    # feedparser reads on past broken markup; what it recovers is worth having only if it holds items.
    line, fault = _fault(error, data, blank_lines) if broken else (None, "")
    where = f"at line {line}: {fault}" if line else fault
    malformed = f"malformed XML {where}" if line else f"malformed XML ({fault})"
    if not parsed.entries and b"publisher" in data:
        _refuse_publisher(data, base)  # even broken: its list of shows is what the user needs
    if broken and not parsed.entries:
        raise FeedError(malformed)
    if broken and not _CLOSED.search(data[-4096:]):
        # A download cut short: the items after the cut would look deleted, and the last one may be half there.
        raise FeedError(f"malformed XML: truncated, it ends before the closing tag ({where})")
    if broken and not any(map(_holds_something, parsed.entries)):
        # A tag broken open ("<item</channel>") leaves an entry with nothing in it: no item at all.
        raise FeedError(malformed)
    if not parsed.get("version"):
        raise FeedError("no <rss> or <feed> element: not an RSS or Atom feed")
    if _TEMPLATE.search(str(parsed.feed.get("title") or "") + str(parsed.feed.get("link") or "")):
        # A site generator's source ("<title>{{ site.title }}</title>"), not the feed it builds.
        raise FeedError("an unbuilt site template ({{ … }} in its title), not a feed: follow the one the site "
                        "publishes")
    tags, by_order, cast, lenient = _podcast_tags(data, base)
    entries = parsed.entries
    channel = parsed.feed
    show = Show(
        title=_text(channel.get("title")),
        link=_url(channel.get("link"), base),
        image=_url((channel.get("image") or {}).get("href"), base),
        language=_text(channel.get("language")),
        # Read whole once its stray ampersands are escaped: every item is there. Read leniently, an
        # item may be missing only because it could not be read.
        recovered=bool(broken) and (lenient or len(by_order) != len(entries)),
    )
    for n, entry in enumerate(entries):
        if broken and not _holds_something(entry):
            continue
        item = _item(entry, base)
        found = tags.get(item.guid)
        if found is None and len(by_order) == len(entries):
            found = by_order[n]
        if found is None:  # the raw XML would not parse: what feedparser kept is all there is
            found = _feedparser_tags(entry, base)
        item.persons, item.chapters_url, item.transcripts = found.persons, found.chapters_url, found.transcripts
        item.unfollowed = found.unfollowed
        # The channel's people are the show's regulars: a role an item does not name is theirs.
        named = {p.role for p in item.persons}
        item.persons += [p for p in cast if p.role not in named]
        item.season = item.season if item.season is not None else found.season
        if found.episode is not None or found.episode_label:
            # The namespace's podcast:episode is the richer number (a decimal, a display): it is the episode's.
            itunes = str(item.episode) if item.episode is not None else item.episode_label
            item.episode, item.episode_label = found.episode, found.episode_label
            if itunes and itunes not in (str(found.episode), found.episode_label):
                item.itunes_episode = itunes
        # The feed's own chapter list, where it writes one, over time-stamped lines in the show notes.
        if found.listed_chapters:
            item.listed_chapters, item.listed_in = found.listed_chapters, PODLOVE_CHAPTERS
        show.items.append(item)
    show.items = _distinct(show.items)
    return show


def _refuse_publisher(data: bytes, base: str | None) -> None:
    """PublisherFeed naming the feeds of a publisher's shows (their feedUrl, else their feedGuid), if it is one:
    following it would sync nothing, and say nothing of why."""
    root, _ = _element_tree(data)
    channel = root.find("./channel") if root is not None else None
    if channel is None:
        return
    for ns in _PODCAST_NAMESPACES:
        medium = next(_within(channel, f"{{{ns}}}medium"), None)
        if (_text(medium.text if medium is not None else None) or "").lower() != "publisher":
            continue
        named = [_url(remote.get("feedUrl"), base) or (f"feedGuid {guid}" if (guid := _text(remote.get("feedGuid")))
                                                          else None)
                 for remote in _within(channel, f"{{{ns}}}remoteItem")]  # fmt: skip
        shows = list(dict.fromkeys(n for n in named if n))
        raise PublisherFeed(f"a publisher's feed (podcast:medium publisher) listing {counted(len(shows), 'show')}, "
                            f"not a show; follow their feeds instead: {', '.join(shows) or 'none given'}")


def _holds_something(entry: Any) -> bool:
    """Whether a recovered entry has anything of an item: a title, link, id, text or audio."""
    return any(entry.get(key) for key in ("title", "link", "id", "summary", "enclosures"))


def _distinct(items: list[Item]) -> list[Item]:
    """Items with guids of their own. Feeds built from templates repeat a guid (every item "1",
    or a re-post keeping its original's): a repeated entry is dropped, and a different episode
    under a taken guid is told apart by its audio (or title), which stays the same across syncs."""
    kept: dict[str, Item] = {}
    for n, item in enumerate(items):
        earlier = kept.get(item.guid)
        if earlier is not None:
            if (earlier.title, earlier.enclosure_url, earlier.transcripts) == (item.title, item.enclosure_url,
                                                                               item.transcripts):  # fmt: skip
                continue
            titles = {other.title for other in kept.values() if (other.shared_guid or other.guid) == item.guid}
            item.shared_guid = item.guid if item.title not in titles else None
            item.guid = f"{item.guid}#{item.enclosure_url or item.title or n}"
            if item.guid in kept:
                item.guid = f"{item.guid}#{n}"
        kept[item.guid] = item
    return list(kept.values())


def _url(value: Any, base: str | None) -> str | None:
    """An http(s) URL, a relative one resolved against the feed's own URL: a link shown on a page (artwork)."""
    if base and isinstance(value, str) and value.strip() and "://" not in value:
        try:
            value = urljoin(base, value.strip())
        except ValueError:  # say, a malformed IPv6 host
            return None
    return web_url(value)


def _link(value: Any, base: str | None) -> str | None:
    """A link podsift reads (a transcript, chapters, audio): as ``_url``, or in a feed read from a file, a
    file's path. A ``file:`` link is a file only there: a feed from the web names none of this machine's."""
    url = _url(value, base)
    if url or not base or not base.startswith("file:") or not isinstance(value, str):
        return url
    try:
        parts = urlsplit(urljoin(base, value.strip()))
    except ValueError:
        return None
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or not parts.path.strip("/"):
        return None
    # Only files in the feed's own folder: a feed file from someone else ("../.ssh/id_rsa", "file:///etc/passwd")
    # would otherwise have podsift store, and a server publish, any file this machine holds.
    path, folder = Path(url2pathname(parts.path)), Path(url2pathname(urlsplit(base).path)).parent
    try:
        real, home = path.resolve(), folder.resolve()
        inside = real.is_relative_to(home) and not any(part.startswith(".") for part in real.relative_to(home).parts)
    except (OSError, ValueError):
        inside = False
    return str(real) if inside else None  # the path checked is the one read; hidden files (".ssh/…") never are


def _unfollowed(value: str, base: str | None) -> str:
    """Why a transcript's link is not read, for the item's report."""
    try:
        relative = not urlsplit(value).scheme
    except ValueError:
        relative = False
    if relative and not base:
        reason = "a relative link, and the feed's own address is not known"
    else:
        reason = f"not an http(s) link{' or a file in the feed file’s folder' if base and base.startswith('file:') else ''}"
    return f"transcript {value}: {reason}, so it is not read"


def _reason(err: Any) -> str:
    text = str(err) or type(err).__name__
    return text.splitlines()[0][:200]


def _fault(err: Any, data: bytes, blank_lines: int) -> tuple[int | None, str]:
    """The file's own line where the XML breaks (None where the parser names none), and how.

    feedparser names a line of the document it rewrote (see ``_DECLARED``), and the blank lines podsift
    dropped before the document are the file's too.
    """
    line = err.getLineNumber() if isinstance(err, SAXParseException) else None
    if not line:
        return None, _reason(err)
    prolog = data[:4096].decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", "replace")
    first = _FIRST_ELEMENT.search(prolog)
    prolog = prolog[: first.start() + 1] if first else prolog
    added = (0 if _DECLARED.match(prolog) else 1) - sum(m[0].count("\n") for m in _DOCTYPE.finditer(prolog))
    return max(line - added, 1) + blank_lines, _reason(err.getMessage())


def _line_breaks(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(strip_controls(value).split()) or None


def _plain(value: Any) -> str | None:
    """Show notes are HTML; the archive keeps their text."""
    if not isinstance(value, str):
        return None
    return _text(html.unescape(_TAG.sub(" ", value)))


def _number(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


_DECIMAL = re.compile(r"\d{1,9}\.\d{1,3}")


def _decimal(value: Any) -> str | None:
    """An episode number with a decimal part ("315.5"), as written; None for anything else."""
    text = str(value or "").strip()
    return text if _DECIMAL.fullmatch(text) else None


def _date(entry: Any) -> str | None:
    """The day the item was published, as its feed writes it (YYYY-MM-DD)."""
    present = set(entry.keys())  # asking feedparser for a missing "updated" maps it, with a warning
    for key in ("published", "updated"):
        if key not in present and f"{key}_parsed" not in present:
            continue
        written = _written_day(entry.get(key))
        if written:
            return written
        when = entry.get(f"{key}_parsed")
        if when:
            return f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}"
    return None


def _written_day(value: Any) -> str | None:
    """The calendar day in the date's own time zone: feedparser converts to UTC, which moves
    an evening episode in the Americas to the next day. None if the text is no date."""
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.match(value)
    fields = (int(m[1]), int(m[2]), int(m[3])) if m else (parsedate_tz(value) or (None,) * 3)[:3]
    try:
        return date(*fields).isoformat() if None not in fields else None
    except (ValueError, TypeError):  # 31 February
        return None


# Where show notes break lines: the text of a block or line break, to find a chapter list in.
_BREAK = re.compile(r"<(?:br|/p|/li|/div|/h[1-6])\b[^>]*>", re.IGNORECASE)


def _notes(entry: Any) -> str | None:
    """The item's show notes as written: the fullest of its content:encoded and its description (feedparser's
    ``summary`` prefers the short itunes:summary, which Simplecast and Libsyn cut to a line or two)."""
    written = [c.get("value") for c in entry.get("content") or [] if isinstance(c, dict)] + [entry.get("summary")]
    return max((w for w in written if isinstance(w, str)), key=lambda w: len(_plain(w) or ""), default=None)


def _listed_chapters(notes: str | None) -> list[tuple[float, str]]:
    if not notes or not _CLOCKISH.search(notes):
        return []
    lines = html.unescape(_TAG.sub("", _BREAK.sub("\n", notes)))
    return chapter_run(chapter_lines(lines))


_CLOCKISH = re.compile(r"\d:\d\d")


def _item(entry: Any, base: str | None) -> Item:
    enclosure = next((link for link in entry.get("links", []) if link.get("rel") == "enclosure"), None)
    # Apple's own sample feed titles its trailer with itunes:title alone.
    title = _text(entry.get("title")) or _text(entry.get("itunes_title"))
    guid = _text(entry.get("id")) or web_url(enclosure.get("href") if enclosure else None) or _text(
        entry.get("link")) or title or ""  # fmt: skip
    return Item(
        guid=guid,
        title=title,
        date=_date(entry),
        description=_plain(notes := _notes(entry)),
        listed_chapters=_listed_chapters(notes),
        # With no <link>, feedparser takes a guid as one; a bare id ("5b88529b-…") is no page beside the feed.
        link=web_url(entry.get("link")) if entry.get("guidislink") else _url(entry.get("link"), base),
        season=_number(entry.get("itunes_season")),
        episode=_number(entry.get("itunes_episode")),
        episode_label=_decimal(entry.get("itunes_episode")),
        duration=parse_duration(entry.get("itunes_duration")),
        image=_url((entry.get("image") or {}).get("href"), base),
        enclosure_url=_link(enclosure.get("href"), base) if enclosure else None,
        enclosure_type=_text(enclosure.get("type")) if enclosure else None,
    )


def _transcript(attrs: dict[str, Any], base: str | None, tags: _Tags) -> None:
    written = _text(attrs.get("url"))
    if written is None:
        return
    url = _link(written, base)
    if url is None:
        tags.unfollowed.append(_unfollowed(written, base))
        return
    kind = (_text(attrs.get("type")) or "").split(";", 1)[0].strip().lower()  # "text/vtt; charset=utf-8"
    tags.transcripts.append(Transcript(url, kind, _text(attrs.get("language")), _text(attrs.get("rel"))))


def _feedparser_tags(entry: Any, base: str | None) -> _Tags:
    tags = _Tags(chapters_url=_link((entry.get("podcast_chapters") or {}).get("url"), base))
    _transcript(entry.get("podcast_transcript") or {}, base, tags)
    # feedparser gives a tag with attributes as those alone: display="Ch. 3" without its number.
    episode = entry.get("podcast_episode")
    if isinstance(episode, dict):
        _read_episode(tags, None, episode.get("display"), number_lost=True)
    elif episode is not None:
        _read_episode(tags, episode, None)
    return tags


def _podcast_tags(data: bytes, base: str | None) -> tuple[dict[str, _Tags], list[_Tags], list[Person], bool]:
    """Each item's Podcasting 2.0 tags, by guid and in document order, the channel's people, and
    whether the XML was read leniently (past broken markup, so some items may be missing)."""
    root, lenient = _element_tree(data)
    if root is None:
        return {}, [], [], False
    cast = _Tags()
    channel = root.find("./channel")
    if channel is not None:
        for ns in _PODCAST_NAMESPACES:
            tag = f"{{{ns}}}person"
            # Read past broken notes, the channel's people may sit inside them, beside its items.
            items = ("item", *(f"{{{n}}}liveItem" for n in _PODCAST_NAMESPACES))  # their people are their own
            _read_persons(list(_within(channel, tag, items)) if lenient else channel.findall(tag), cast)
    nodes = root.findall("./channel/item") or root.findall(f"./{{{_ATOM_NS}}}entry")
    if lenient:  # recovered markup may nest an item in the one before it
        nodes = list(root.iter("item")) or list(root.iter(f"{{{_ATOM_NS}}}entry"))
    by_guid: dict[str, _Tags] = {}
    in_order: list[_Tags] = []
    repeated: set[str] = set()
    for node in nodes:
        tags = _Tags()
        for ns in _PODCAST_NAMESPACES:
            _read_tags(node, f"{{{ns}}}", tags, base)
        tags.listed_chapters = _simple_chapters(node)
        in_order.append(tags)
        guid = _text(node.findtext("guid") or node.findtext(f"{{{_ATOM_NS}}}id"))
        if guid in by_guid:
            repeated.add(guid)
        if guid:
            by_guid[guid] = tags
    # A guid that several items share names none of them: those items go by document order.
    return {guid: tags for guid, tags in by_guid.items() if guid not in repeated}, in_order, cast.persons, lenient


def _element_tree(data: bytes) -> tuple[Any, bool]:
    """The document's element tree and whether it was read leniently; (None, False) if nothing could be read.

    feedparser keeps an unknown tag's attributes or its text, not both, and one of each tag: from it a
    broken feed's items would lose their people, seasons, displayed numbers and all transcripts but one.
    """
    if (root := _strict_xml(data)) is not None:
        return root, False
    from lxml import etree

    # libxml2's recovery reads past broken markup (an unclosed <br>, a stray "<"), dropping what it cannot
    # place. No entities are expanded and nothing is fetched.
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(_mended(data), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None, False
    return (root, True) if root is not None else (None, False)


def _strict_xml(data: bytes) -> ET.Element | None:
    """The document's element tree; failing that, the tree of the same document with its stray
    ampersands escaped and the podcast and itunes prefixes declared, as feedparser reads past both; else None.

    One "&gtgt;" in a show's notes would otherwise cost every item its people and transcripts.
    """
    try:
        return ET.fromstring(data)
    except (ET.ParseError, ValueError):
        pass
    try:
        return ET.fromstring(_mended(data))
    except (ET.ParseError, ValueError):
        return None


def _mended(data: bytes) -> bytes:
    """``data`` with its stray ampersands escaped and the podcast and itunes prefixes declared."""
    mended = _STRAY_AMP.sub(b"&amp;", data)
    undeclared = b"".join(b" xmlns:%s=\"%s\"" % (prefix, ns.encode())
                          for prefix, ns in ((b"podcast", PODCAST_NS), (b"itunes", _ITUNES_NS))
                          if b"xmlns:" + prefix + b"=" not in mended)  # fmt: skip
    return _ROOT.sub(lambda m: m[0] + undeclared, mended, count=1) if undeclared else mended


def _read_persons(elements: list[ET.Element], tags: _Tags) -> None:
    for person in elements:
        # The text names the person; the namespace's first drafts used a name attribute.
        name = _text(person.text) or _text(person.get("name"))
        if name:
            tags.persons.append(Person(name, (person.get("role") or "host").strip().lower()))


def _within(node: ET.Element, tag: str, items: tuple[Any, ...] = ()) -> Iterator[ET.Element]:
    """The item's elements named ``tag`` at any depth (markup recovered past a broken tag may hold the
    tags after it inside it), leaving out items nested in it (which recovery may also do), or the
    elements named in ``items``."""
    items = items or (node.tag,)
    for child in node:
        if child.tag in items:
            continue
        if child.tag == tag:
            yield child
        yield from _within(child, tag, items)


def _read_tags(node: ET.Element, p: str, tags: _Tags, base: str | None) -> None:
    _read_persons(list(_within(node, f"{p}person")), tags)
    chapters = next(_within(node, f"{p}chapters"), None)
    if chapters is not None:
        tags.chapters_url = _link(chapters.get("url"), base)
    for element in _within(node, f"{p}transcript"):
        _transcript(dict(element.attrib), base, tags)
    season = next(_within(node, f"{p}season"), None)
    tags.season = tags.season if tags.season is not None else _number(season.text if season is not None else None)
    episode = next(_within(node, f"{p}episode"), None)
    if episode is not None:
        _read_episode(tags, episode.text, episode.get("display"))


def _read_episode(tags: _Tags, number: Any, display: Any, number_lost: bool = False) -> None:
    """A podcast:episode's number (whole, else a decimal as written) and what the show displays for it;
    the first read counts. ``number_lost``: the reader kept only the attributes (feedparser does)."""
    if tags.episode is not None or tags.episode_label is not None:
        return
    tags.episode, tags.episode_label = _number(number), _decimal(number)
    shown = _text(display)
    if shown and (tags.episode is not None or tags.episode_label or number_lost) and shown != _text(number):
        tags.episode_label = shown  # what apps are to show in place of the number


def _simple_chapters(node: ET.Element) -> list[tuple[float, str]]:
    """An item's Podlove Simple Chapters, in order of their start ("00:07:30.989"); none if any start is unreadable."""
    listed = []
    for chapter in node.iterfind(f".//{{{_PSC_NS}}}chapters/{{{_PSC_NS}}}chapter"):
        start, title = parse_duration(chapter.get("start")), _text(chapter.get("title"))
        if start is None:
            return []
        if title:
            listed.append((start, title))
    return sorted(listed)

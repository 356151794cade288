"""Parliaments' official reports as XML: each speech an element that names who gives it.

Five schemas, each as a parliament or its scrapers publish a sitting:

- Canada's House of Commons (``<Hansard>``): ``<Intervention>`` turns naming the member in
  ``<PersonSpeaking><Affiliation>``, their ``<ParaText>`` paragraphs, ``<Timestamp Hr Mn>`` clocks
  between them, order-of-business and subject titles above;
- Akoma Ntoso debate records (``<akomaNtoso><debate>``; South Africa, Kenya, Ireland): ``<speech>``,
  ``<question>`` and ``<answer>`` with ``<from>`` naming the speaker, ``<heading>`` sections,
  ``<narrative>``/``<scene>``/``<summary>`` notes, ``<recordedTime>`` clocks;
- Australia's Hansard (``<hansard>``): ``<speech>``, ``<question>``, ``<answer>``, ``<interjection>``
  and ``<continue>`` under a ``<talker>``, ``<para>`` words and ``<time.stamp>`` (to 2011); since then
  the words are ``<talk.text>`` HTML whose ``HPS-Member…`` links open each turn with its clock;
- TheyWorkForYou's ParlParse (``<publicwhip>``): ``<speech speakername time>`` of ``<p>``, headings
  between speeches;
- the UK's digitised Hansard (``<housecommons>``, ``<houselords>``): ``<p><member>`` then its
  ``<membercontribution>``, ``<section><title>`` headings, column numbers among the words;
- and one HTML schema, openparliament.ca's for Canada's Hansard (its "alpheus" export): each
  ``<div class="statement">`` names its speaker and clock in ``data-person-speaking-attribution``
  and ``data-timestamp``, its headings in ``data-h1``…``data-h3``, and holds the ``<p>`` paragraphs.

Read as text or a web page, these had no speakers: tags and talker metadata were speech, headings
were lost, and a speaker's name ran on over everyone after them. Clocks are times of day, counted
from the first; the sitting's headings are chapters; procedural notes are directions said by no one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from podsift.formats.clock_times import DayClock, count_from_first, time_of_day
from podsift.formats.labels import person
from podsift.formats.timed_text_xml import child_named as _child
from podsift.formats.timed_text_xml import local_name
from podsift.model import Episode, SourceRejected
from podsift.text import XML_PROLOG, counted, date_in, iso_day, prepare_text, split_directions, squash

NAME = "debate_xml"
EXTENSIONS = (".xml",)

_ROOT = re.compile(XML_PROLOG + r"<(?:[\w-]+:)?(?P<root>Hansard|akomaNtoso|hansard|publicwhip|housecommons|houselords)"
                   r"[\s>/]", re.DOTALL)
# What each root holds when it is a debate: Akoma Ntoso also encodes acts and bills, "hansard" other things.
_DEBATE = {"Hansard": ("<Intervention", "<Speech>"), "akomaNtoso": ("<debate",), "hansard": ("<talker",),
           "publicwhip": ("<speech",), "housecommons": ("<member",), "houselords": ("<member",)}
_PROLOG_CHARS = 32768  # a DOCTYPE's internal subset (ParlParse declares its entities there) may be long
# What is left of "Mr JOYCE (New England) (10:07): I move" once the name, seat and clock are taken out.
# "(—) (10): I seek leave": the bracketed groups and stops before the words, whatever they held.
_LABEL_LEFTOVER = re.compile(r"^(?:\([^()]*\)|[\s()\[\]—–:,-])+")
# "[Applause.]", "[Interjections.]": the reports' notes end in a stop inside the bracket.
_STOPPED_NOTE = re.compile(r"\[([A-Za-z][A-Za-z ]{0,40})\.\]")


@dataclass
class _Said:
    speaker: str | None
    text: str
    time: float | None = None
    note: bool = False  # a procedural note, said by no one
    role: str | None = None  # the office the record gives beside the name


@dataclass
class _Heading:
    title: str
    time: float | None = None


_Item = _Said | _Heading


def sniff(text: str) -> float:
    m = _ROOT.match(text[:_PROLOG_CHARS])
    if m and any(mark in text[:2_000_000] for mark in _DEBATE[m.group("root")]):
        return 0.96
    return 0.96 if _statements(text) else 0.0


# openparliament.ca's statements: a speech's block, named and timed by its attributes.
_DIV = re.compile(r"<div\s[^<>]{0,4000}>", re.I)
_STATEMENT_CLASS = re.compile(r"""\bclass=["']statement["']""", re.I)


def _statements(text: str) -> bool:
    """Whether ``text`` holds two such statements or more (each tag read once: linear in the text)."""
    found = 0
    for tag in _DIV.finditer(text, 0, 2_000_000):
        if "data-person-speaking-attribution=" in tag.group() and _STATEMENT_CLASS.search(tag.group()):
            found += 1
            if found == 2:
                return True
    return False


def _words(node: ET.Element, leave: frozenset[str] = frozenset(), *,
           drop: Callable[[ET.Element], bool] | None = None) -> str:
    """The text of ``node`` and all it holds, leaving out elements named in ``leave`` (or that ``drop``
    picks) but not what follows them."""
    parts: list[str] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if local_name(child.tag) not in leave and not (drop and drop(child)):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return squash("".join(parts))


def _find(node: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in node.iter() if local_name(c.tag) == name), None)


# --- Canada's House of Commons -------------------------------------------------------------------

_CA_TITLES = frozenset({"OrderOfBusinessTitle", "SubjectOfBusinessTitle"})
_CA_LEAVE = frozenset({"ExtractedInformation", "DocumentTitle", "StartPageNumber", "FloorLanguage", "CatchLine",
                       "SubjectOfBusinessQualifier", "ProceduralText", "Prayer"})


def _canada(node: ET.Element) -> Iterator[_Item]:
    for child in node:
        tag = local_name(child.tag)
        if tag in _CA_TITLES and (title := _words(child)):
            yield _Heading(title)
        elif tag == "Timestamp":
            yield _Said(None, "", time_of_day(f"{child.get('Hr')}:{int(child.get('Mn') or 0):02d}"))
        elif tag == "Intervention":
            who = _find(child, "PersonSpeaking")
            speaker = _words(who) if who is not None else None
            content = _child(child, "Content")
            for part in (content if content is not None else []):
                kind = local_name(part.tag)
                if kind == "Timestamp":
                    yield _Said(None, "", time_of_day(f"{part.get('Hr')}:{int(part.get('Mn') or 0):02d}"))
                elif kind not in _CA_LEAVE and (said := _words(part, _CA_LEAVE)):
                    yield _Said(speaker, said)
        elif tag == "ParaText" and (said := _words(child, _CA_LEAVE)):
            yield _Said(None, said)
        elif tag not in _CA_LEAVE:
            yield from _canada(child)


def _canada_date(root: ET.Element) -> str | None:
    items = {i.get("Name"): _words(i) for i in root.iter() if local_name(i.tag) == "ExtractedItem"}
    if (year := items.get("MetaDateNumYear")) and (month := items.get("MetaDateNumMonth")) and (day := items.get("MetaDateNumDay")):
        return iso_day(f"{year}-{int(month):02d}-{int(day):02d}") if month.isdigit() and day.isdigit() else None
    return date_in(items.get("Date") or "")


# --- New Zealand's Hansard as scraped (GovHack) -------------------------------------------------

def _new_zealand(root: ET.Element) -> Iterator[_Item]:
    for debate in (n for n in root.iter() if local_name(n.tag) == "Debate"):
        for part in ("title", "subtitle"):
            if (heading := _child(debate, part)) is not None and (title := _words(heading)):
                yield _Heading(title)
        for speech in (n for n in debate.iter() if local_name(n.tag) == "Speech"):
            by, stamp = _child(speech, "by"), _child(speech, "time")
            time = time_of_day(stamp.text if stamp is not None else None)  # "20170725 14:00:57"
            for content in (n for n in speech.iter() if local_name(n.tag) == "Content"):
                name, words = _child(content, "name"), _child(content, "text")
                speaker = _words(name) if name is not None else (_words(by) if by is not None else None)
                if words is not None and (said := _words(words)):
                    yield _Said(speaker or None, said, time)
                    time = None


def _new_zealand_date(root: ET.Element) -> str | None:
    preface = _find(root, "Preface")
    date = _child(preface, "date") if preface is not None else None
    return date_in(_words(date)) if date is not None else None


# --- Akoma Ntoso ---------------------------------------------------------------------------------

_AKN_TURNS = frozenset({"speech", "question", "answer"})
_AKN_NOTES = frozenset({"narrative", "scene", "summary"})
_AKN_LEAVE = frozenset({"meta", "preface", "noteRef", "from", "num"})


def _akn_time(node: ET.Element) -> float | None:
    stamp = _find(node, "recordedTime")
    return time_of_day((stamp.get("time") or stamp.text)) if stamp is not None else None


def _akn(node: ET.Element, people: dict[str, str]) -> Iterator[_Item]:
    for child in node:
        tag = local_name(child.tag)
        if tag in _AKN_LEAVE:
            continue
        if tag == "heading" and (title := _words(child, _AKN_LEAVE)):
            yield _Heading(title, _akn_time(child))
        elif tag in _AKN_TURNS:
            said_by = _child(child, "from")
            speaker = _words(said_by, _AKN_LEAVE) if said_by is not None else None
            speaker = speaker or people.get((child.get("by") or "").lstrip("#"))
            time = _akn_time(said_by) if said_by is not None else None
            for part in child:
                if local_name(part.tag) in _AKN_LEAVE:
                    continue
                if said := _words(part, _AKN_LEAVE):
                    yield _Said(speaker, said, time or _akn_time(part))
                    time = None
        elif tag in _AKN_NOTES and (said := _words(child, _AKN_LEAVE)):
            yield _Said(None, said, _akn_time(child), note=True)
        elif tag == "p" and (said := _words(child, _AKN_LEAVE)):
            yield _Said(None, said, _akn_time(child))
        else:
            yield from _akn(child, people)


def _akn_people(root: ET.Element) -> dict[str, str]:
    return {pid: show for p in root.iter() if local_name(p.tag) == "TLCPerson"
            and (pid := p.get("eId") or p.get("id")) and (show := squash(p.get("showAs") or ""))}  # fmt: skip


def _akn_date(root: ET.Element) -> str | None:
    if (doc := _find(root, "docDate")) is not None and (day := iso_day(doc.get("date") or "")):
        return day
    work = _find(root, "FRBRWork")
    if work is not None:
        for element in work:  # "/za/debaterecord/2013-05-08": the sitting; FRBRdate may be when it was made
            if local_name(element.tag) in ("FRBRthis", "FRBRuri") and (day := date_in(element.get("value") or "")):
                return day
    return None


# --- Australia's Hansard -------------------------------------------------------------------------

_AU_TURNS = frozenset({"speech", "question", "answer", "interjection", "continue"})
_AU_TITLES = frozenset({"debateinfo", "subdebateinfo"})
_AU_LEAVE = frozenset({"session.header", "debate.text", "subdebate.text", "division", "page.no"})
# The HTML of 2011 on: the links that open a turn, and the seat, titles and clock after the name.
_HPS_ASIDE = frozenset({"HPS-Electorate", "HPS-MinisterialTitles", "HPS-Time"})


def _talker(node: ET.Element) -> tuple[str | None, float | None]:
    talker = _find(node, "talker")
    if talker is None:
        return None, None
    names = {n.get("role"): _words(n) for n in talker if local_name(n.tag) == "name"}
    stamp = _child(talker, "time.stamp")
    return names.get("display") or names.get("metadata") or None, time_of_day(stamp.text if stamp is not None else None)


def _hps_paragraphs(text: ET.Element, speaker: str | None, time: float | None) -> Iterator[_Said]:
    """A turn's paragraphs in the HTML of 2011 on: a member's link opens each one's turn."""
    for p in (n for n in text.iter() if local_name(n.tag) == "p"):
        label = next((a for a in p.iter() if local_name(a.tag) == "a"
                      and re.match(r"(?:Member|Office)", a.get("type") or "")), None)  # fmt: skip
        clocks = [n for n in p.iter() if n.get("class") == "HPS-Time"]
        leave = frozenset({"a"}) if label is not None else frozenset()
        said = _words(p, leave) if not clocks and label is None else _hps_words(p, label)
        if label is not None:
            speaker = _words(label).rstrip(":").strip() or speaker
            # "(10<span class="HPS-Time">:09</span>)": the clock's hour may sit outside its span
            time = time_of_day(_words(p)[:160]) if clocks else time
        interjecting = next((n for n in p.iter() if "Interjecting" in (n.get("class") or "") and label is None), None)
        if interjecting is not None:
            yield _Said(None, said, note=True)  # "Mrs Bronwyn Bishop interjecting—"
        elif said:
            yield _Said(speaker, said, time)
            time = None


def _hps_words(p: ET.Element, label: ET.Element | None) -> str:
    """A paragraph's words without the member's link, seat, titles and clock that open it."""
    return _LABEL_LEFTOVER.sub("", _words(p, drop=lambda c: c is label or c.get("class") in _HPS_ASIDE))


def _australia(node: ET.Element, speaker: str | None = None, time: float | None = None) -> Iterator[_Item]:
    for child in node:
        tag = local_name(child.tag)
        if tag in _AU_LEAVE:
            continue
        if tag in _AU_TITLES:
            if (title := _child(child, "title")) is not None and (said := _words(title)):
                yield _Heading(said)
        elif tag in _AU_TURNS:
            who, stamp = _talker(child)
            yield from _australia(child, who or speaker, stamp)
        elif tag == "talk.start":
            for part in child:
                if local_name(part.tag) == "para" and (said := _words(part).lstrip("—–-. ")):
                    yield _Said(speaker, said, time)
                    time = None
        elif tag == "talk.text":
            yield from _hps_paragraphs(child, speaker, time)
            time = None
        elif tag == "para" and (said := _words(child)):
            # "Opposition members interjecting—" in italics: the record's note, not the speaker's words
            yield _Said(None if child.get("class") == "italic" else speaker, said, note=child.get("class") == "italic")
        elif tag not in ("talker", "name", "title"):
            yield from _australia(child, speaker)


def _australia_date(root: ET.Element) -> str | None:
    header = _find(root, "session.header")
    date = _child(header, "date") if header is not None else None
    return iso_day(_words(date)) if date is not None else None


# --- TheyWorkForYou's ParlParse ------------------------------------------------------------------

_PW_HEADINGS = frozenset({"major-heading", "minor-heading", "oral-heading"})


def _publicwhip(root: ET.Element) -> Iterator[_Item]:
    for child in root.iter():
        tag = local_name(child.tag)
        if tag in _PW_HEADINGS and (title := _words(child)):
            yield _Heading(title, time_of_day(child.get("time")))
        elif tag == "speech":
            speaker = None if child.get("nospeaker") == "true" else squash(child.get("speakername") or "") or None
            time, office = time_of_day(child.get("time")), squash(child.get("speakeroffice") or "") or None
            for p in child:
                if local_name(p.tag) == "p" and (said := _words(p)):
                    note = speaker is None and p.get("class") == "italic"
                    yield _Said(speaker, said, time, note=note, role=office)
                    time = None


_ID_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # "uk.org.publicwhip/debate/2007-11-14a.647.0"


def _publicwhip_date(root: ET.Element) -> str | None:
    return next((day for child in root if (m := _ID_DAY.search(child.get("id") or "")) and (day := iso_day(m.group()))),
                None)


# --- The UK's digitised Hansard ------------------------------------------------------------------

_UK_LEAVE = frozenset({"col", "image", "division", "member", "memberconstituency"})


def _uk(node: ET.Element, speaker: list[str | None], *, top: bool = True) -> Iterator[_Item]:
    for child in node:
        tag = local_name(child.tag)
        if tag == "title":
            if not top and (said := _words(child, _UK_LEAVE)):  # the root's own is the house's name
                speaker[0] = None  # a new section's unlabelled lines are the record's, not the last member's
                yield _Heading(said)
        elif tag == "p":
            member = _child(child, "member")
            said = _words(child, _UK_LEAVE)
            if member is not None:
                speaker[0] = _words(member, frozenset({"memberconstituency"}))
                said = _LABEL_LEFTOVER.sub("", re.sub(r"^\d+\.\s*", "", said))  # "1. <member>…</member> asked …"
                yield _Said(speaker[0], said)
            elif said:
                # centred or all in italics ("[MR. SPEAKER in the Chair]", "Later—"): the record's note
                whole = list(child)
                note = child.get("align") == "center" or (len(whole) == 1 and local_name(whole[0].tag) == "i"
                                                          and not (child.text or "").strip())
                yield _Said(None if note else speaker[0], said, note=note)
        elif tag not in _UK_LEAVE and tag != "date":
            yield from _uk(child, speaker, top=False)


def _uk_date(root: ET.Element) -> str | None:
    date = _find(root, "date")
    return iso_day(date.get("format") or "") or date_in(_words(date)) if date is not None else None


# --------------------------------------------------------------------------------------------------


def _items(root: ET.Element, kind: str) -> tuple[list[_Item], str | None]:
    if kind == "Hansard" and _find(root, "Debates") is not None:
        return list(_new_zealand(root)), _new_zealand_date(root)
    if kind == "Hansard":
        return list(_canada(root)), _canada_date(root)
    if kind == "akomaNtoso":
        return list(_akn(root, _akn_people(root))), _akn_date(root)
    if kind == "hansard":
        return list(_australia(root)), _australia_date(root)
    if kind == "publicwhip":
        return list(_publicwhip(root)), _publicwhip_date(root)
    return list(_uk(root, [None])), _uk_date(root)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    m = _ROOT.match(text[:_PROLOG_CHARS])
    if not m:
        if not _statements(text):
            raise SourceRejected("no parliamentary debate record's root element")
        page = _StatementPage()
        page.feed(text)
        page.close()
        episode.title = episode.title or page.title
        episode.date = episode.date or page.day
        _add(page.items, episode, "openparliament.ca statement page")
        return
    try:
        root = ET.fromstring(text.lstrip())  # text: decoded already, whatever the declaration says
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed XML ({err})") from None
    items, day = _items(root, m.group("root"))
    episode.date = episode.date or day
    _add(items, episode, f"{m.group('root')} debate record")


def _add(items: list[_Item], episode: Episode, what: str) -> None:
    """The record's speeches, notes and headings as segments and chapters, its clocks counted from the first."""
    roles: dict[str, str] = {}
    pending: float | None = None  # a clock between turns: the next words' start
    clock = DayClock()
    turns = notes = clocks = 0
    speakers: Counter[str] = Counter()
    before: str | None = None
    for item in items:
        if isinstance(item, _Heading):
            episode.add_chapter(item.title, clock.read(item.time))
            continue
        if item.time is not None:
            pending, clocks = clock.read(item.time), clocks + 1
        if not item.text:
            continue
        speaker = None
        if item.speaker:
            speaker, role = person(item.speaker)
            role = item.role or role
            if role:
                roles.setdefault(speaker, role)
            speakers[speaker] += 1
            turns += speaker != before
        before = speaker
        words, directions = split_directions(_STOPPED_NOTE.sub(r"[\1]", item.text))
        if item.note:
            words, directions, notes = "", [item.text if item.text[:1] in "([" else f"({item.text})"], notes + 1
        episode.add_segment(words, start=pending, speaker=speaker, directions=directions)
        pending = None
    if not episode.segments:
        raise SourceRejected("a debate record with no speeches in it")
    if roles:
        episode.extra["roles"] = roles
    if all(s.start is None for s in episode.segments):
        for chapter in episode.chapters:
            chapter.start = None  # a heading's clock with no speech's to count it from
    # The chapters' clocks and the speeches' are one clock; a heading before any speech opens at the first.
    count_from_first(episode, clock=True)
    episode.repair("debate_record", f"{what}: {len(episode.segments):,} paragraphs in "
                   f"{turns:,} turns by {counted(len(speakers), 'speaker')}, each named by the record"
                   + (f"; {counted(notes, 'procedural note')} kept as directions" if notes else "")
                   + (f"; {counted(clocks, 'clock')} of the sitting time the paragraphs after them" if clocks else ""))


_NOT_SHOWN = frozenset({"svg", "script", "style", "template"})


class _StatementPage(HTMLParser):
    """openparliament.ca's page of a sitting: ``<div class="statement">`` blocks of ``<p>`` paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self.title: str | None = None
        self.day: str | None = None
        self.headings: tuple[str, ...] = ()
        self.depth = 0  # open <div>s inside the statement, itself included (0: outside any)
        self.speaker: str | None = None
        self.said_at: float | None = None  # the open statement's clock
        self.last_clock: float | None = None  # the last clock given to a paragraph
        self.person_id: str | None = None  # the House's id of the statement's speaker
        # An id's attribution that names the person ("The Clerk of the Committee (Mr. Georges Etoka)"),
        # for the statements that give the office alone ("The Clerk").
        self.named: dict[str, str] = {}
        self.ids: list[str | None] = []  # each item's speaker's id
        self.words: list[str] | None = None  # the open paragraph's text
        self.procedural = False
        self.in_title = False
        self.title_text: list[str] = []
        self.hidden = 0  # open elements whose text is not shown (an icon's <svg>, a <script>)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag in _NOT_SHOWN:
            self.hidden += 1
        elif tag == "title":
            self.in_title = self.title is None and not self.depth  # the page's, not an icon's inside a statement
        elif tag == "tr" and found.get("data-name") == "date":
            self.day = iso_day(found.get("data-value", ""))
        elif tag == "div" and self.depth:
            self.depth += 1
        elif tag == "div" and "statement" in found.get("class", "").split():
            self._end_paragraph()
            self.depth = 1
            self.words, self.procedural = [], False  # words outside any <p> are the statement's too
            self.speaker = squash(found.get("data-person-speaking-attribution", "")) or None
            self.person_id = found.get("data-person-speaking-hocid") or None
            if self.person_id and self.speaker and "(" in self.speaker:
                self.named.setdefault(self.person_id, self.speaker)
            self.said_at = time_of_day(found.get("data-timestamp"))
            headings = tuple(h for k in ("data-h1", "data-h2", "data-h3") if (h := squash(found.get(k, ""))))
            if headings and headings != self.headings:
                # The headings from the first that changed open chapters; none where only the lowest was dropped.
                changed = next((k for k, h in enumerate(headings) if k >= len(self.headings) or h != self.headings[k]),
                               len(headings))  # fmt: skip
                self.items += [_Heading(h, self.said_at) for h in headings[changed:]]
                self.ids += [None] * (len(headings) - changed)
                self.headings = headings
        elif tag == "p" and self.depth:
            self._end_paragraph()
            self.words = []
            self.procedural = "procedural" in found.get("class", "").split()
        elif tag == "br" and self.words is not None:
            self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_SHOWN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "title" and self.in_title:
            self.in_title = False
            self.title = squash("".join(self.title_text)) or None
        elif tag == "p":
            self._end_paragraph()
        elif tag == "div" and self.depth:
            self.depth -= 1
            if not self.depth:
                self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_text.append(data)
        elif self.words is not None and not self.hidden:
            self.words.append(data)

    def _end_paragraph(self) -> None:
        if self.words is None:
            return
        text = squash("".join(self.words))
        self.words = None
        if text:
            # The clock is to the five minutes, the same over many statements: it times the first of
            # them, as a record's clock between speeches does. A procedural line no one gives is a note.
            changed = self.said_at is not None and self.said_at != self.last_clock
            self.last_clock = self.said_at if changed else self.last_clock
            note = self.procedural and (self.speaker is None or (text.startswith("(") and text.endswith(")")))
            self.items.append(_Said(None if note else self.speaker, text, self.said_at if changed else None, note=note))
            self.ids.append(self.person_id)

    def close(self) -> None:
        super().close()
        self._end_paragraph()
        for item, person_id in zip(self.items, self.ids, strict=True):
            if isinstance(item, _Said) and not item.note and person_id in self.named:
                item.speaker = self.named[person_id]

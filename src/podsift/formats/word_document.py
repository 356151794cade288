"""Word-processor documents (Word's ``.docx``, OpenDocument's ``.odt``, RTF) and PDFs read as the text they show.

Transcription services export Word documents (Rev, Otter.ai, Sonix, Trint, Descript,
Riverside, Temi, Happy Scribe, Fathom, Zoom and Teams). This is not a format module of its own:
it turns the document into plain text, a block per paragraph, and that text goes through
the same format detection as a ``.txt`` export, so ``Jane Doe  0:05`` or
``Jane Doe (00:01:02):`` are read by the readers that already know them.

What a reader of the document sees is what comes out: runs, hyperlinks, fields' shown
results, content controls, smart tags, tracked insertions, tables (a line per row, cells
separated by tabs); not deleted text, field codes, hidden text, comments or footnotes.

A document is a zip from anywhere, so it is read with the standard library only
(``zipfile``, and ``xml.etree`` whose expat refuses entity-expansion bombs), and a member
whose uncompressed size is absurd is refused before it is inflated. RTF (what macOS's
TextEdit and WordPad save) goes through striprtf. Other files people try (old binary
``.doc``, password-protected Word files, Apple Pages, other zips) get one line saying what
they are and what to do. A PDF's text is read by pdf_document.py
and handed over the same way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath
from typing import Callable, Iterable

from podsift.formats.pdf_document import MAX_TEXT_CHARS, is_pdf, read_pdf
from podsift.model import Episode, Repair, SourceRejected
from podsift.text import generic_title, squash, strip_controls

# A transcript's document.xml is a few MB at most; this is far beyond any real one.
MAX_XML_BYTES = 200 * 1024 * 1024
# Word's XML deflates 5 to 15 times; a member that claims far more is a zip bomb.
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small members may compress oddly well; their size alone is harmless
_MAX_META_BYTES = 1024 * 1024  # docProps/core.xml, meta.xml: a title, a date, a few names

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc, .xls, and encrypted .docx
_RTF = re.compile(rb"^\s{0,64}\{\\rtf", re.IGNORECASE)
_RTF_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")

WORD = "Word document"
ODT = "OpenDocument text"
PDF = "PDF"
RTF = "RTF document"
_REPAIR = {WORD: "word_document", ODT: "opendocument_text", PDF: "pdf_document", RTF: "rtf_document"}

_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")  # the second is "Strict" OOXML  # fmt: skip
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# Other zips people try, named so the refusal says what the file is.
_OTHER_ZIPS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("Index/Document.iwa", "an Apple Pages document"),
    ("index.xml", "an Apple Pages document"),
    ("META-INF/container.xml", "an EPUB book"),
)
_OPENDOCUMENT_KINDS = {"spreadsheet": "an OpenDocument spreadsheet (.ods)",
                       "presentation": "an OpenDocument presentation (.odp)",
                       "graphics": "an OpenDocument drawing (.odg)"}  # fmt: skip
_ASK = "save the transcript as .docx or .txt"


@dataclass
class Document:
    """The text a word-processor document shows, and what to say about it."""

    kind: str  # WORD, ODT or PDF
    text: str
    paragraphs: int
    title: str | None = None
    pages: int | None = None  # a PDF's
    layout: list[tuple[str, str]] = field(default_factory=list)  # what was undone of a PDF's page layout

    def describe(self, episode: Episode) -> None:
        """Record where the text came from; the document's title serves where the text gave none."""
        pages = f"{self.pages} pages, " if self.pages is not None else ""
        detail = f"text read from {'an' if self.kind in (ODT, RTF) else 'a'} {self.kind}: {pages}{self.paragraphs} paragraphs"
        if self.title and not episode.title:
            episode.title = self.title
            detail += f"; title {self.title!r} from its properties"
        # The first things that happened to the file, in order.
        episode.repairs[:0] = [Repair(_REPAIR[self.kind], detail)] + [Repair(k, d) for k, d in self.layout]


def read_document(data: bytes, filename: str = "", max_text: int = MAX_TEXT_CHARS) -> Document | None:
    """The text of a .docx, .odt or PDF; None when ``data`` is no such document (read it as text).
    A PDF whose pages hold more than ``max_text`` characters is refused (a small file can unpack
    to far more text: its content streams are compressed).

    Raises SourceRejected, with one line naming the problem, for a document that cannot
    be read as a transcript: damaged, a zip bomb, an old ``.doc``, a scanned PDF, another zip.
    """
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(_OLE):
        if suffix in (".docx", ".docm", ".dotx"):
            raise SourceRejected("a password-protected Word document (or an old .doc renamed); "
                                 "remove the password or save it as .docx again")  # fmt: skip
        if suffix in (".doc", ".dot", ".wbk", ""):
            raise SourceRejected("an old binary Word .doc; save it as .docx (or .txt) and ingest that")
        raise SourceRejected(f"an old binary Office file ({suffix}), not a transcript; {_ASK}")
    if is_pdf(data):
        pdf = read_pdf(data, max_text)
        return Document(PDF, pdf.text, pdf.paragraphs, pdf.title, pdf.pages, pdf.repairs)
    if _RTF.match(data[:128]):
        return _read_rtf(data, max_text)
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _read_zip(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as err:
        raise SourceRejected(f"a damaged zip file ({_reason(err)}); open it and save it again") from None
    except NotImplementedError as err:  # a compression method zipfile lacks (deflate64, lzma builds)
        raise SourceRejected(f"a zip file podsift cannot unpack ({_reason(err)}); save it again") from None
    except RuntimeError as err:  # "File ... is encrypted, password required for extraction"
        raise SourceRejected(f"an encrypted zip file ({_reason(err)})") from None


def _reason(err: BaseException) -> str:
    return squash(str(err))[:120] or type(err).__name__


def _read_rtf(data: bytes, max_text: int) -> Document:
    """An RTF file's text. Its bytes are 7-bit, its other characters escaped in the code page
    it names (``\\ansicpg1252``, Windows Western, unless it says otherwise) or as ``\\u`` numbers."""
    from striprtf.striprtf import rtf_to_text

    page = _RTF_CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(page.group(1))}" if page else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError, RecursionError) as err:  # malformed control words
        raise SourceRejected(f"a damaged RTF document ({_reason(err)}); open it and save it again") from None
    if len(text) > max_text:
        raise SourceRejected(f"an RTF document of over {max_text:,} characters of text; refused")
    text = re.sub(r"\r\n?", "\n", text)  # a line break written as a backslash before CRLF keeps its CR
    paragraphs = sum(1 for line in text.split("\n") if line.strip())
    if not paragraphs:
        raise SourceRejected("an RTF document with no text in it")
    return Document(RTF, text.strip(), paragraphs)  # its line breaks as written: blocks stay blocks


def _read_zip(archive: zipfile.ZipFile) -> Document:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        root = _xml(archive, "word/document.xml", WORD)
        lines, paragraphs = _WordText().read(root)
        return _document(WORD, lines, paragraphs, _title(archive, "docProps/core.xml"))
    mimetype = _small(archive, "mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    kind = mimetype.removeprefix("application/vnd.oasis.opendocument.").split("-")[0] if mimetype else ""
    if kind in _OPENDOCUMENT_KINDS:
        raise SourceRejected(f"{_OPENDOCUMENT_KINDS[kind]}, not a text document; {_ASK}")
    if "content.xml" in names and kind in ("text", ""):
        root = _xml(archive, "content.xml", ODT)
        lines, paragraphs = _OpenDocumentText().read(root)
        return _document(ODT, lines, paragraphs, _title(archive, "meta.xml"))
    for member, what in _OTHER_ZIPS:
        if member in names:
            export = "export it from Pages as Word (.docx) or plain text" if "Pages" in what else _ASK
            raise SourceRejected(f"{what}, not a transcript; {export}")
    raise SourceRejected("a zip file, but not a Word document (it has no word/document.xml)")


def _document(kind: str, blocks: list[str], paragraphs: int, title: str | None) -> Document:
    # A paragraph is a block of text, as a blank line makes one in a .txt export; a line break
    # inside it (Teams puts time, name and text in one paragraph) stays a line. Empty
    # paragraphs only spaced the page.
    text = "\n\n".join("\n".join(line.rstrip() for line in block.split("\n")) for block in blocks if block.strip())
    if not text.strip():
        raise SourceRejected(f"{'a' if kind == WORD else 'an'} {kind} with no text in it")
    return Document(kind, text, paragraphs, title)


def _checked(archive: zipfile.ZipFile, name: str, limit: int) -> zipfile.ZipInfo:
    """The member's entry, if its sizes are believable; the refusal names a zip bomb."""
    info = archive.getinfo(name)
    size, packed = info.file_size, info.compress_size
    if size > limit:
        raise SourceRejected(f"{name} would unpack to {size / 1e6:.0f} MB (the limit is {limit / 1e6:.0f} MB); "
                             "refused as a possible zip bomb")  # fmt: skip
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
        raise SourceRejected(f"{name} would unpack {size // max(packed, 1)} times its packed size "
                             f"({size / 1e6:.0f} MB); refused as a zip bomb")  # fmt: skip
    return info


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    # The entry's sizes come from the file itself; never inflate more than the limit whatever they say.
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise SourceRejected(f"{info.filename} unpacks to over {limit / 1e6:.0f} MB; refused as a possible zip bomb")
    return data


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    return _read_bounded(archive, _checked(archive, name, _MAX_META_BYTES), _MAX_META_BYTES)


def _xml(archive: zipfile.ZipFile, name: str, kind: str) -> ET.Element:
    data = _read_bounded(archive, _checked(archive, name, MAX_XML_BYTES), MAX_XML_BYTES)
    try:
        return ET.fromstring(data)
    except ET.ParseError as err:
        raise SourceRejected(f"a damaged {kind}: {name} is not well-formed XML ({err})") from None


def _title(archive: zipfile.ZipFile, name: str) -> str | None:
    """The document's own title (``dc:title``), unless it is missing, unreadable or generic."""
    try:
        root = ET.fromstring(_small(archive, name))
    except (KeyError, ET.ParseError, SourceRejected, zipfile.BadZipFile, zlib.error, EOFError, OSError,
            RuntimeError, NotImplementedError):  # fmt: skip
        return None  # the title is a nicety; the transcript is read without it
    found = root.find(f".//{_DC_TITLE}")
    title = squash(strip_controls("".join(found.itertext()))) if found is not None else ""
    return title[:300] if title and not generic_title(title) else None


# --- Word (WordprocessingML) ---------------------------------------------------------


def _local(tag: object) -> str:
    """``w:p`` as "p", for either WordprocessingML namespace; anything else as ""."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    namespace, _, name = tag[1:].partition("}")
    return name if namespace in _W_NS else ""


def _on(element: ET.Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="false"/>``) that is set."""
    if element is None:
        return False
    value = next((v for k, v in element.attrib.items() if k.endswith("}val")), "true")
    return value.lower() not in ("0", "false", "off", "none")


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


# Inline wrappers whose runs a reader sees.
_W_INLINE = {"hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "sdtContent", "dir", "bdo"}
# Block wrappers whose paragraphs a reader sees.
_W_BLOCK = {"sdtContent", "customXml", "ins", "moveTo", "txbxContent"}


class _WordText:
    """The blocks of text a Word document shows: one per paragraph, one per table (a line per row)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.paragraphs = 0
        self.fields: list[bool] = []  # per open complex field: still in its code (not its result)
        self.join_next = False  # the last paragraph's mark was deleted: the next one runs on

    def read(self, root: ET.Element) -> tuple[list[str], int]:
        body = _child(root, "body")
        self.block(body if body is not None else root)
        return self.lines, self.paragraphs

    def add(self, line: str) -> None:
        if self.join_next and self.lines:
            self.lines[-1] += line
        else:
            self.lines.append(line)

    def block(self, parent: ET.Element) -> None:
        for child in parent:
            name = _local(child.tag)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.table(child)
            elif name == "sdt":
                content = _child(child, "sdtContent")
                if content is not None:
                    self.block(content)
            elif name in _W_BLOCK:
                self.block(child)
            elif child.tag == f"{_MC}AlternateContent":
                self.alternate(child, self.block)

    def paragraph(self, p: ET.Element) -> None:
        parts: list[str] = []
        boxes: list[str] = []
        self.inline(p, parts, boxes)
        self.paragraphs += 1
        self.add("".join(parts))
        properties = _child(p, "pPr")
        marks = _child(properties, "rPr") if properties is not None else None
        self.join_next = marks is not None and _child(marks, "del") is not None
        for line in boxes:  # a text box's paragraphs follow the one it is anchored in
            self.lines.append(line)

    def inline(self, parent: ET.Element, out: list[str], boxes: list[str]) -> None:
        for child in parent:
            name = _local(child.tag)
            if name == "r":
                self.run(child, out, boxes)
            elif name == "sdt":
                content = _child(child, "sdtContent")
                if content is not None:
                    self.inline(content, out, boxes)
            elif name in _W_INLINE:
                self.inline(child, out, boxes)
            elif child.tag == f"{_MC}AlternateContent":
                self.alternate(child, lambda c: self.inline(c, out, boxes))
            elif child.tag.endswith("}oMath") or child.tag.endswith("}oMathPara"):
                out.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))

    def alternate(self, element: ET.Element, read: Callable[[ET.Element], None]) -> None:
        # The same content twice (new and old markup): read the first choice only.
        choice = next(iter(element), None)
        if choice is not None:
            read(choice)

    def run(self, r: ET.Element, out: list[str], boxes: list[str]) -> None:
        properties = _child(r, "rPr")
        hidden = properties is not None and _on(_child(properties, "vanish"))
        for child in r:
            name = _local(child.tag)
            if name == "fldChar":
                kind = next((v for k, v in child.attrib.items() if k.endswith("}fldCharType")), "")
                if kind == "begin":
                    self.fields.append(True)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif hidden or any(self.fields):
                continue  # hidden text, or a field's code ("HYPERLINK ...", "PAGE")
            elif name == "t":
                out.append((child.text or "").replace("\r", " ").replace("\n", " "))
            elif name in ("tab", "ptab"):
                out.append("\t")
            elif name in ("br", "cr"):
                out.append("\n")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name in ("drawing", "pict", "object") or child.tag == f"{_MC}AlternateContent":
                self.text_boxes(child, boxes)

    def text_boxes(self, element: ET.Element, boxes: list[str]) -> None:
        for content in self._first_boxes(element):
            inner = _WordText()
            inner.block(content)
            self.paragraphs += inner.paragraphs
            boxes.extend(inner.lines)

    def _first_boxes(self, element: ET.Element) -> list[ET.Element]:
        if element.tag == f"{_MC}AlternateContent":
            choice = next(iter(element), None)  # its fallback holds the same text box again
            return self._first_boxes(choice) if choice is not None else []
        return [e for e in element.iter() if _local(e.tag) == "txbxContent"]

    def table(self, tbl: ET.Element) -> None:
        rows: list[str] = []
        for row in self.within(tbl, "tr"):
            properties = _child(row, "trPr")
            if properties is not None and _child(properties, "del") is not None:
                continue  # a row deleted with changes tracked
            cells = []
            for cell in self.within(row, "tc"):
                inner = _WordText()
                inner.block(cell)
                self.paragraphs += inner.paragraphs
                cells.append(" ".join(squash(line) for line in inner.lines if line.strip()))
            rows.append("\t".join(cells))
        self.lines.append("\n".join(rows))  # a table is one block, a line per row
        self.join_next = False

    def within(self, parent: ET.Element, wanted: str) -> Iterable[ET.Element]:
        """``parent``'s ``w:tr`` (or ``w:tc``) children, through the wrappers that may hold them."""
        for child in parent:
            name = _local(child.tag)
            if name == wanted:
                yield child
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                yield from self.within(child, wanted)


# --- OpenDocument text ---------------------------------------------------------------

_SPACES = re.compile(r"[ \t\r\n]+")
# Not shown as the document's text: deleted text kept for change tracking, declarations,
# the templates an index is built from.
_ODT_SKIP = {f"{_TEXT}tracked-changes", f"{_TEXT}sequence-decls", f"{_TEXT}variable-decls",
             f"{_TEXT}user-field-decls", f"{_TEXT}table-of-content-source", f"{_TEXT}alphabetical-index-source",
             f"{_TEXT}illustration-index-source", f"{_TEXT}index-title-template", f"{_OFFICE}forms",
             f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}ruby-text", f"{_TEXT}note-citation"}  # fmt: skip


class _OpenDocumentText:
    """The blocks of text an OpenDocument text shows: one per paragraph or heading, one per table."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.paragraphs = 0

    def read(self, root: ET.Element) -> tuple[list[str], int]:
        body = root.find(f"{_OFFICE}body/{_OFFICE}text")
        self.block(body if body is not None else root)
        return self.lines, self.paragraphs

    def block(self, parent: ET.Element) -> None:
        for child in parent:
            if child.tag in _ODT_SKIP:
                continue
            if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
                self.paragraph(child)
            elif child.tag == f"{_TABLE}table":
                self.table(child)
            elif child.tag.startswith((_TEXT, _TABLE, _DRAW)):  # lists, sections, indexes, frames
                self.block(child)

    def paragraph(self, p: ET.Element) -> None:
        parts: list[str] = []
        boxes: list[str] = []
        self.inline(p, parts, boxes)
        self.paragraphs += 1
        self.lines.append("".join(parts).lstrip(" "))
        self.lines.extend(boxes)

    def inline(self, element: ET.Element, out: list[str], boxes: list[str]) -> None:
        # ODF collapses runs of white space in its text, as HTML does; <text:s/> are kept spaces.
        if element.text:
            out.append(_SPACES.sub(" ", element.text))
        for child in element:
            tag = child.tag
            if tag == f"{_TEXT}s":
                count = child.get(f"{_TEXT}c") or "1"
                out.append(" " * min(int(count) if count.isdigit() else 1, 1000))
            elif tag == f"{_TEXT}tab":
                out.append("\t")
            elif tag == f"{_TEXT}line-break":
                out.append("\n")
            elif tag == f"{_DRAW}frame":
                inner = _OpenDocumentText()
                inner.block(child)
                self.paragraphs += inner.paragraphs
                boxes.extend(inner.lines)
            elif tag not in _ODT_SKIP:
                self.inline(child, out, boxes)  # spans, links, fields' shown values
            if child.tail:
                out.append(_SPACES.sub(" ", child.tail))

    def table(self, table: ET.Element) -> None:
        rows: list[str] = []
        for row in self.rows(table):
            cells = []
            for cell in row:
                if cell.tag != f"{_TABLE}table-cell":
                    continue
                inner = _OpenDocumentText()
                inner.block(cell)
                self.paragraphs += inner.paragraphs
                cells.append(" ".join(squash(line) for line in inner.lines if line.strip()))
            rows.append("\t".join(cells))
        self.lines.append("\n".join(rows))

    def rows(self, parent: ET.Element) -> Iterable[ET.Element]:
        for child in parent:
            if child.tag == f"{_TABLE}table-row":
                yield child
            elif child.tag in (f"{_TABLE}table-rows", f"{_TABLE}table-header-rows", f"{_TABLE}table-row-group"):
                yield from self.rows(child)


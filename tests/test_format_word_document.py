"""Word (.docx) and OpenDocument (.odt) transcripts: read as the text they show, then as any text export.

Real files are in tests/data/real (sources in SOURCES.md); shapes without a permissively
licensed source are faithful samples built here with zipfile.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from conftest import REPO, podsift
from fastapi.testclient import TestClient
from test_feeds import FAST, Route, Server, item, rss, server  # noqa: F401  (server is a fixture)

from podsift.feeds.parse import Transcript
from podsift.feeds.sync import choose_transcript
from podsift.formats.word_document import read_document
from podsift.ingest import parse_source
from podsift.model import Episode
from podsift.web.app import ServerSettings, create_app

REAL = REPO / "tests" / "data" / "real"
TEAMS = REAL / "teams-endjin-transcript-01.docx"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(body: str, title: str | None = None, members: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx around ``body`` (the XML inside <w:body>), as Word lays one out."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')  # fmt: skip
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f'<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships"><w:body>{body}<w:sectPr/></w:body></w:document>')  # fmt: skip
        if title is not None:
            z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
                       '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                       f"<dc:title>{title}</dc:title><dc:creator>someone</dc:creator></cp:coreProperties>")  # fmt: skip
        for name, data in (members or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def read(data: bytes, name: str = "talk.docx") -> Episode:
    episode = parse_source(name, data)
    assert isinstance(episode, Episode), episode
    return episode


def refusal(data: bytes, name: str) -> str:
    reason = parse_source(name, data)
    assert isinstance(reason, str), reason
    assert "\n" not in reason and "Traceback" not in reason
    return reason


def turns(episode: Episode) -> list[tuple[float | None, str | None, str]]:
    return [(s.start, s.speaker, s.text) for s in episode.segments]


def repairs(episode: Episode) -> dict[str, str]:
    return {x.kind: x.detail for x in episode.repairs}


def document_words(data: bytes, member: str = "word/document.xml") -> list[str]:
    """The words a reader sees in the document, found with regexes, not with the code under test."""
    xml = zipfile.ZipFile(BytesIO(data)).read(member).decode("utf-8")
    xml = re.sub(r"<w:del\b.*?</w:del>|<w:instrText\b.*?</w:instrText>", "", xml, flags=re.DOTALL)
    xml = re.sub(r"<w:(?:tab|br|cr)\b[^>]*/>|</w:p>", "<w:t> </w:t>", xml)  # separators between words
    return _WORD.findall(html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))))


def stored_words(episode: Episode) -> list[str]:
    return [w for s in episode.segments for w in _WORD.findall(" ".join([s.text, *s.directions]))]


def not_times(words: list[str]) -> Counter[str]:
    return Counter(w for w in words if not w.isdigit())


# --- real files -----------------------------------------------------------------------


def test_a_teams_transcript_docx_keeps_its_times_and_every_word() -> None:
    # Teams' .docx: a paragraph per cue, "0:0:2.90 --> 0:0:4.480", a line break, the name, the text.
    data = TEAMS.read_bytes()
    episode = read(data, TEAMS.name)
    assert episode.source_format == "webvtt"
    assert [s.start for s in episode.segments] == [0.0, 2.9, 3.52, 5.3, 7.8, 8.81, 10.69]
    assert episode.segments[0].end == 1.25
    # Each cue's first line names its speaker: the names go to the speaker, the rest is what was said.
    assert [s.speaker for s in episode.segments] == ["Jane Doe", "John Doe", "Jane Doe", "Jane Doe", "John Doe",
                                                     "John Doe", "Jane Doe"]  # fmt: skip
    assert episode.segments[1].text == "Hi, I'm John Doe, no relation, Ha! COO."
    names = [w for s in episode.segments for w in _WORD.findall(s.speaker or "")]
    assert not_times(stored_words(episode) + names) == not_times(document_words(data))
    assert repairs(episode)["name_lines"] == "7 cues name their speaker on a line of its own; read as labels"
    assert repairs(episode)["word_document"] == "text read from a Word document: 7 paragraphs"
    assert "missing_blank_line" not in repairs(episode)  # each paragraph is one cue, its lines kept together
    assert episode.title is None  # its core.xml title is empty: the ingester names it from the file


# Reproduces the shape of a lecture transcript from a repository under a copyleft licence:
# "--Slide title--" paragraphs, sentences split across runs mid-phrase, curly apostrophes.
LECTURE = docx(
    p(r("--Title page--"))
    + p(r("Hi everyone, I’m Dr Ada Byron and this is the third lecture of Probability "), r("- "), r("MATH08066."),
        r(" Today we will be introducing Bayes’ theorem."))
    + p(r("--"), '<w:r w:rsidRPr="00081C46"><w:t>Course materials</w:t></w:r>', r("--"))
    + p(r("Before we dive in, I"), r("’d like to say "), r("that "), r("the forum has been great"), r(" so far."))
)


def test_a_lecture_docx_with_runs_split_mid_sentence() -> None:
    episode = read(LECTURE)
    assert [s.text for s in episode.segments] == [
        "Hi everyone, I’m Dr Ada Byron and this is the third lecture of Probability - MATH08066. "
        "Today we will be introducing Bayes’ theorem.",
        "Before we dive in, I’d like to say that the forum has been great so far.",
    ]
    # The slides' titles between dashes are its chapters, not speech.
    assert [(c.title, c.first_segment) for c in episode.chapters] == [("Title page", 0), ("Course materials", 1)]
    titles = [w for c in episode.chapters for w in _WORD.findall(c.title)]
    assert sorted(stored_words(episode) + titles) == sorted(document_words(LECTURE))


# Reproduces the shape of a speech-to-text tool's .docx from an unlicensed repository: a
# "Meeting Transcript" heading, then the whole recording as one paragraph in one run.
WHISPER_DOCX = docx(
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Meeting Transcript</w:t></w:r></w:p>'
    + p(r("Dovrei comprare settecento gamberi. Quanti? Settecento. " * 30)),
    title="",
)


def test_a_speech_to_text_docx_in_one_paragraph() -> None:
    episode = read(WHISPER_DOCX)
    assert episode.title is None  # an empty dc:title, and a heading that names no episode
    assert stored_words(episode) == document_words(WHISPER_DOCX)
    assert repairs(episode)["word_document"] == "text read from a Word document: 2 paragraphs"


# --- transcription services' shapes ---------------------------------------------------

# Otter.ai's .docx: title, date line, keywords and speakers, then "Name<tab>M:SS" and the
# paragraph; runs split mid-word where the editor touched a word.
OTTER = docx(
    p(r("Weekly pricing sync")) + p(r("Fri, Dec 05, 2025 10:47AM • 21:01"))
    + p(r("Jane Doe"), "<w:r><w:tab/></w:r>", r("0:05"))
    + p(r("Hel"), r("lo and wel"), r("come to the show."))
    + p(r("Unknown Speaker"), "<w:r><w:tab/></w:r>", r("0:12"))
    + p(r("Thanks for having me."), "<w:r><w:br/></w:r>", r("It&apos;s a pleasure."))
    + p(r("Jane Doe"), "<w:r><w:tab/></w:r>", r("1:02"))
    + p(r("Let&apos;s start with "), '<w:del w:id="1" w:author="Ed"><w:r><w:delText>the old </w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="Ed"><w:r><w:t xml:space="preserve">the new </w:t></w:r></w:ins>', r("prices."))
    + p(r("Transcribed by "), '<w:hyperlink r:id="rId9"><w:r><w:t>https://otter.ai</w:t></w:r></w:hyperlink>'),
    title="Weekly pricing sync",
)


def test_otter_docx_speakers_times_and_tracked_changes() -> None:
    episode = read(OTTER)
    assert episode.source_format == "speaker_lines"
    assert turns(episode)[-3:] == [
        (5.0, "Jane Doe", "Hello and welcome to the show."),
        (12.0, "Unknown Speaker", "Thanks for having me. It's a pleasure."),
        (62.0, "Jane Doe", "Let's start with the new prices."),
    ]
    assert "old" not in " ".join(s.text for s in episode.segments)  # deleted with changes tracked
    assert episode.title == "Weekly pricing sync"


# Otter.ai's export with its summary keywords and speakers chosen: each a heading over a line
# listing them, between the date line and the first turn. The text export is laid out the same.
OTTER_HEADER = ["Weekly pricing sync", "Tue, 3/4 10:15AM • 45:12", "SUMMARY KEYWORDS",
                "pricing, annual plan, customers, churn", "SPEAKERS", "Jane Doe, Unknown Speaker"]  # fmt: skip
OTTER_TURNS = ["Jane Doe  0:05", "Hello and welcome to the show.", "Unknown Speaker  0:12", "Thanks for having me.",
               "Jane Doe  1:02", "Let's start with the prices."]  # fmt: skip


def test_otter_header_is_metadata_not_speech() -> None:
    data = docx("".join(p(r(line.replace("'", "&apos;"))) for line in OTTER_HEADER + OTTER_TURNS))
    for episode in (read(data), read("\n\n".join(OTTER_HEADER + OTTER_TURNS).encode(), "sync.txt")):
        assert turns(episode) == [
            (5.0, "Jane Doe", "Hello and welcome to the show."),
            (12.0, "Unknown Speaker", "Thanks for having me."),
            (62.0, "Jane Doe", "Let's start with the prices."),
        ]
        assert episode.extra["keywords"] == ["pricing", "annual plan", "customers", "churn"]
        assert episode.extra["speakers"] == ["Jane Doe", "Unknown Speaker"]
        assert (episode.title, episode.extra["recorded"], episode.duration) == ("Weekly pricing sync", "Tue, 3/4 10:15AM", 2712.0)
        assert episode.date is None  # the header gives no year
        assert repairs(episode)["service_header"].startswith("5 lines of the transcription service's header")
        assert "untimed_text" not in repairs(episode)
    # With no title above it, the date line is still the date, not the title.
    untitled = read("\n\n".join(OTTER_HEADER[1:] + OTTER_TURNS).encode(), "sync.txt")
    assert (untitled.title, untitled.extra["recorded"], len(untitled.segments)) == (None, "Tue, 3/4 10:15AM", 3)


# Rev's .docx: "Name (00:01:02):" then the paragraph, with a field whose code must not show.
REV = docx(
    p(r("Jane Doe (00:00:05):")) + p(r("Hello and welcome to the show."))
    + p(r("John Smith (00:00:12):"))
    + p(r("Thanks for having me. See "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.com" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("our site"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r("."))
    + p(r("Jane Doe (00:01:02):")) + p(r("Let"), '<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>', r("&apos;s start.")),
    title="Rev.com Transcript",
)


def test_rev_docx_shows_fields_results_not_their_codes_nor_hidden_text() -> None:
    episode = read(REV)
    assert turns(episode) == [
        (5.0, "Jane Doe", "Hello and welcome to the show."),
        (12.0, "John Smith", "Thanks for having me. See our site."),
        (62.0, "Jane Doe", "Let's start."),
    ]
    assert episode.title is None  # the text sets none, and "Rev.com Transcript" names no episode
    assert "HYPERLINK" not in json.dumps([s.text for s in episode.segments])


# Descript and Sonix shapes, inside a content control and smart tags.
DESCRIPT = docx(
    '<w:sdt><w:sdtPr><w:alias w:val="Transcript"/></w:sdtPr><w:sdtContent>'
    + p(r("[00:00:05] Jane Doe: Hello and "), '<w:smartTag w:uri="u" w:element="place"><w:r><w:t>Boston</w:t></w:r>'
        "</w:smartTag>", r(" welcomes you."))
    + p(r("[00:00:12] John Smith: Thanks for having me."))
    + p(r("[00:01:02] Jane Doe: Let&apos;s start."))
    + "</w:sdtContent></w:sdt>"
)
SONIX = docx(
    p(r("Speaker 1 00:00:07")) + p(r("Hello and welcome to the show."))
    + p(r("Speaker 2 00:00:12")) + p(r("Thanks for having me."))
    + p(r("Speaker 1 00:01:02")) + p(r("Let&apos;s start."))
)


def test_descript_and_sonix_docx() -> None:
    assert turns(read(DESCRIPT)) == [
        (5.0, "Jane Doe", "Hello and Boston welcomes you."),
        (12.0, "John Smith", "Thanks for having me."),
        (62.0, "Jane Doe", "Let's start."),
    ]
    sonix = read(SONIX)
    assert [(s.start, s.text) for s in sonix.segments] == [
        (7.0, "Hello and welcome to the show."), (12.0, "Thanks for having me."), (62.0, "Let's start.")]
    assert len({s.speaker for s in sonix.segments}) == 2


# Fathom's .docx: title, "VIEW RECORDING" over a link, then "@M:SS - Name" over each utterance,
# the name followed by the company (or an email) in brackets; "ACTION ITEM: ... - WATCH" between
# the paragraphs, WATCH a link to the moment.
FATHOM = docx(
    p(r("Pricing sync - April 01")) + p('<w:hyperlink r:id="rId5"><w:r><w:t>VIEW RECORDING - 41 mins (No highlights)'
                                         "</w:t></w:r></w:hyperlink>")
    + p(r("@0:07 - Jane Doe")) + p(r("Can everyone hear me? Okay, good.")) + p(r("So, the pricing page."))
    + p(r("@0:21 - John Smith (Acme)")) + p(r("Loud and clear. I will send the deck."))
    + p(r("ACTION ITEM: Send the deck to Jane - WATCH"))
    + p(r("@12:03 - Jane Doe")) + p(r("Thanks, John."))
    + p(r("@1:02:05 - John Smith (Acme)")) + p(r("Bye."))
)
# Its text export ("copy transcript"): no @, the utterance indented under the heading, and the note
# running on into the speech it interrupted after its link.
FATHOM_TEXT = """Pricing sync - April 01
VIEW RECORDING - 41 mins (No highlights): https://fathom.video/share/AbCdEf123

---

0:07 - Jane Doe
  Can everyone hear me? Okay, good.  So, the pricing page.

0:21 - John Smith (john@example.com)
  Loud and clear.
  ACTION ITEM: Send the deck to Jane - WATCH: https://fathom.video/share/AbCdEf123?timestamp=25.9999  I will send the deck.

12:03 - Jane Doe
  Thanks, John.
"""


def test_fathom_notes_headings_give_speaker_and_time() -> None:
    episode = read(FATHOM)
    assert episode.source_format == "speaker_lines"
    assert turns(episode) == [
        (7.0, "Jane Doe", "Can everyone hear me? Okay, good. So, the pricing page."),
        (21.0, "John Smith", "Loud and clear. I will send the deck."),
        (723.0, "Jane Doe", "Thanks, John."),
        (3725.0, "John Smith", "Bye."),
    ]
    assert episode.extra["notes"] == ["ACTION ITEM: Send the deck to Jane"]
    assert episode.title == "Pricing sync - April 01"
    assert "2 speaker lines name a company" in repairs(episode)["name_asides"]
    text = read(FATHOM_TEXT.encode(), "pricing-sync.txt")
    assert turns(text) == [
        (7.0, "Jane Doe", "Can everyone hear me? Okay, good. So, the pricing page."),
        (21.0, "John Smith", "Loud and clear. I will send the deck."),
        (723.0, "Jane Doe", "Thanks, John."),
    ]
    assert text.extra["notes"] == ["ACTION ITEM: Send the deck to Jane"]
    assert "example.com" not in " ".join(s.speaker or "" for s in text.segments)


def test_a_table_of_times_speakers_and_text_is_read_as_a_table() -> None:
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{p(r(c))}</w:tc>" for c in cells) + "</w:tr>"

    deleted = '<w:tr><w:trPr><w:del w:id="3" w:author="Ed"/></w:trPr><w:tc>' + p(r("0:09")) + "</w:tc></w:tr>"
    data = docx("<w:tbl>" + row("Time", "Speaker", "Text") + row("0:05", "Jane Doe", "Hello there.")
                + deleted + row("0:12", "John Smith", "Thanks for having me.") + "</w:tbl>")  # fmt: skip
    episode = read(data)
    assert episode.source_format == "tsv"
    assert turns(episode) == [(5.0, "Jane Doe", "Hello there."), (12.0, "John Smith", "Thanks for having me.")]


def test_the_documents_title_serves_unless_generic_and_the_texts_own_wins() -> None:
    body = p(r("Jane Doe (00:00:05):")) + p(r("Hello there.")) + p(r("John Smith (00:00:12):")) + p(r("Hi."))
    assert read(docx(body, title="Pricing for freelancers")).title == "Pricing for freelancers"
    assert "title 'Pricing for freelancers' from its properties" in repairs(read(docx(body, title="Pricing for freelancers")))["word_document"]
    for generic in ("Transcript", "Untitled document", "Document1", "Meeting Transcript", ""):
        assert read(docx(body, title=generic)).title is None, generic
    own = docx(p(r("# Pricing for freelancers")) + p(r("Jane: Hello there.")) + p(r("Bob: Hi.")), title="Notes")
    assert read(own).title == "Pricing for freelancers"


# --- OpenDocument text ----------------------------------------------------------------

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')  # fmt: skip


def odt(body: str, title: str | None = None) -> bytes:
    """A minimal .odt, laid out as the OpenDocument specification has it (mimetype first, stored)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
                   f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
        if title is not None:
            z.writestr("meta.xml", f"<office:document-meta {ODT_NS}><office:meta><dc:title>{title}</dc:title>"
                       "</office:meta></office:document-meta>")  # fmt: skip
    return out.getvalue()


# Built to the OpenDocument specification (no permissively licensed real .odt transcript was found).
ODT = odt(
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>REMOVED words</text:p>'
    "</text:deletion></text:changed-region></text:tracked-changes>"
    '<text:h text:outline-level="1">Pricing for freelancers</text:h>'
    "<text:p>Jane Doe<text:tab/>0:05</text:p>"
    '<text:p>Hello   and <text:span text:style-name="T1">wel</text:span>come.<text:s text:c="2"/>'
    '<text:change text:change-id="c1"/>Glad<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>A FOOTNOTE</text:p></text:note-body></text:note> you came.</text:p>"
    "<text:p>John Smith<text:tab/>0:12</text:p>"
    "<text:p>Thanks for having me.<text:line-break/>Really.</text:p>",
    title="Untitled 1",
)


def test_an_odt_is_read_like_a_docx() -> None:
    episode = read(ODT, "talk.odt")
    assert turns(episode) == [(5.0, "Jane Doe", "Hello and welcome. Glad you came."),
                              (12.0, "John Smith", "Thanks for having me. Really.")]  # fmt: skip
    assert episode.title == "Pricing for freelancers"  # the heading; "Untitled 1" is no title
    assert repairs(episode)["opendocument_text"] == "text read from an OpenDocument text: 5 paragraphs"
    assert "REMOVED" not in json.dumps(turns(episode)) and "FOOTNOTE" not in json.dumps(turns(episode))


# --- refusals -------------------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def scrambled(data: bytes) -> bytes:
    """``data`` with the packed bytes of its document.xml overwritten: the zip's directory is intact."""
    info = zipfile.ZipFile(BytesIO(data)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 3
    return data[:middle] + b"\xff" * 64 + data[middle + 64:]


def bomb(size: int) -> bytes:
    """A .docx whose document.xml inflates to ``size`` bytes of one repeated byte."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<" * (1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return out.getvalue()


# Zip members carry the time they were written, so these bytes differ between two test
# processes that collect a second apart: the ids are the names, not the bytes.
UNREADABLE = [
    (TEAMS.read_bytes()[:5000], "cut.docx", "a damaged zip file"),
    (scrambled(TEAMS.read_bytes()), "scrambled.docx", "a damaged zip file"),
    (zip_of({"notes.txt": b"hello"}), "x.docx", "a zip file, but not a Word document (it has no word/document.xml)"),
    (zip_of({"xl/workbook.xml": b"<x/>"}), "x.xlsx", "an Excel workbook, not a transcript"),
    (zip_of({"Index/Document.iwa": b"\x00"}), "x.pages", "an Apple Pages document, not a transcript; export it"),
    (zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), "x.ods",
     "an OpenDocument spreadsheet (.ods), not a text document"),
    (zip_of({"word/document.xml": b"<w:document><w:body><w:p>"}), "x.docx",
     "a damaged Word document: word/document.xml is not well-formed XML"),
    (docx(p(r("   "))), "x.docx", "a Word document with no text in it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc", "an old binary Word .doc; save it as .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "locked.docx", "a password-protected Word document"),
    # A PDF is read now (test_format_pdf_document.py); this one is a fragment of one.
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "talk.pdf",
     "a damaged PDF ("),
    (b"{\\rtf1\\ansi {\\fonttbl\\f0 Helvetica;}}", "empty.rtf", "an RTF document with no text in it"),
    (bomb(8 << 20), "bomb.docx", "refused as a zip bomb"),
]


@pytest.mark.parametrize(("data", "name", "reason"), UNREADABLE,
                         ids=[f"{k}-{name}" for k, (_, name, _) in enumerate(UNREADABLE)])
def test_what_cannot_be_read_gets_one_line(data: bytes, name: str, reason: str) -> None:
    assert reason in refusal(data, name)


def test_a_zip_bomb_over_the_size_limit_is_refused_before_it_is_inflated() -> None:
    data = bomb(201 << 20)
    assert len(data) < 1 << 20
    assert "would unpack to 211 MB (the limit is 210 MB); refused as a possible zip bomb" in refusal(data, "b.docx")
    assert read_document(b"Jane: plain text is no document") is None


# --- end to end -----------------------------------------------------------------------


def test_ingest_a_folder_with_a_good_docx_a_broken_one_and_a_txt(tmp_path: Path, db_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "weekly-sync.docx").write_bytes(OTTER)
    (inbox / "teams-call.docx").write_bytes(TEAMS.read_bytes())
    (inbox / "broken.docx").write_bytes(OTTER[: len(OTTER) // 2])
    (inbox / "notes.txt").write_text("Jane Doe (00:00:05):\nHello there.\n\nJohn Smith (00:00:12):\nHi.\n")
    result = podsift("ingest", "--no-embed", "--no-entities", str(inbox), db=db_path, check=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("podsift: error: ")]
    assert len(errors) == 1 and "broken.docx: a damaged zip file" in errors[0], result.stderr
    assert "4 files: 3 added, 0 updated, 0 unchanged, 1 failed" in result.stdout
    shown = json.loads(podsift("show", "weekly-sync", "--json", db=db_path).stdout)
    assert shown["title"] == "Weekly pricing sync" and shown["source_format"] == "speaker_lines"
    assert [s["speaker"] for s in shown["segments"]][-3:] == ["Jane Doe", "Unknown Speaker", "Jane Doe"]
    report = json.loads(podsift("report", "weekly-sync", "--json", db=db_path).stdout)["repairs"]
    # Its first line is its title, so the document's own (the same here) is not needed.
    assert report[0] == {"kind": "word_document", "detail": "text read from a Word document: 9 paragraphs",
                         "where": None}  # fmt: skip
    teams = json.loads(podsift("show", "teams-call", "--json", db=db_path).stdout)
    assert teams["source_format"] == "webvtt" and teams["title"] == "Teams call"


def uploads(tmp_path: Path) -> tuple[TestClient, dict[str, str]]:
    """A client of an app that takes uploads into a new archive, and the header that allows one."""
    token = "s3cret-token-for-tests"
    app = create_app(ServerSettings(tmp_path / "podsift.db", allow_ingest=True, ingest_token=token,
                                    preload_model=False))  # fmt: skip
    return TestClient(app), {"Authorization": f"Bearer {token}"}


def test_an_uploaded_docx_is_ingested_and_a_doc_refused(tmp_path: Path) -> None:
    client, auth = uploads(tmp_path)
    with client:
        added = client.post("/api/ingest", params={"filename": "sonix.docx"}, content=SONIX, headers=auth)
        assert added.status_code == 200, added.text
        assert added.json()["episode_id"] == "sonix" and added.json()["segments"] == 3
        old = client.post("/api/ingest", params={"filename": "old.doc"}, headers=auth,
                          content=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # fmt: skip
        assert old.status_code == 422
        assert old.json()["error"] == "old.doc: an old binary Word .doc; save it as .docx (or .txt) and ingest that"


def test_a_feed_transcript_in_word_is_read(tmp_path: Path, server: Server) -> None:  # noqa: F811
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    plain = Transcript(url="https://e.org/t.txt", type="text/plain")
    word = Transcript(url="https://e.org/t.docx", type=docx_type)
    assert choose_transcript([word, plain]) == (plain, ".txt")  # the same text without the zip
    assert choose_transcript([word]) == (word, ".docx")
    base, db = server.url, tmp_path / "podsift.db"
    server.routes["/feed.xml"] = Route(rss(base, item(base, "w", "In Word",
                                                      f'<podcast:transcript url="{base}/t/w.docx" type="{docx_type}"/>')),
                                       "application/rss+xml")  # fmt: skip
    server.routes["/t/w.docx"] = Route(REV, docx_type)
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    result = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)
    (synced,) = result["feeds"][0]["items"]
    assert synced["status"] == "added", synced
    shown = json.loads(podsift("show", synced["episode_id"], "--json", db=db).stdout)
    assert [s["speaker"] for s in shown["segments"]] == ["Jane Doe", "John Smith", "Jane Doe"]
    assert shown["title"] == "In Word"


def test_a_word_broken_at_its_hyphen_by_a_line_break_is_one_word() -> None:
    # A line break (Shift+Enter) after a compound word's hyphen, as text pasted from a wrapped file has.
    br = "<w:r><w:br/></w:r>"
    episode = read(docx(p(r("Ana: We talked about data-"), br, r("driven teams today.")) +
                        p(r("Bob: And about well-"), br, r("known tools.")) + p(r("Ana: Right."))))
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ana", "We talked about data-driven teams today."), ("Bob", "And about well-known tools."),
        ("Ana", "Right."),
    ]


def test_rtf_as_textedit_saves_it_is_read_line_for_line() -> None:
    # RTF was refused ("save it as .docx or .txt"): macOS TextEdit's default format. The real
    # file (striprtf's, SOURCES.md) breaks its lines with a backslash at each line's end.
    document = read_document((REAL / "rtf-striprtf-textedit-line-breaks.rtf").read_bytes(), "notes.rtf")
    assert document is not None and document.kind == "RTF document"
    assert document.text.split("\n") == ["A", "B", "C"]
    transcript = (
        "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
        "\\pard\\f0\\fs24 \\cf0 0:00\\\nJane Doe\\\nWelcome to the show. Caf\\'e9 talk today.\\\n\\\n"
        "0:05\\\nJohn Smith\\\nThanks for having me. It\\'92s a pleasure.}"
    )
    episode = parse_source("talk.rtf", transcript.encode("ascii"))
    assert isinstance(episode, Episode)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Jane Doe", "Welcome to the show. Café talk today."),
        (5.0, "John Smith", "Thanks for having me. It’s a pleasure."),
    ]
    assert episode.repairs[0].kind == "rtf_document"

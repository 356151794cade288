"""PDF transcripts: the text layer read page by page, the page's marks taken out, then read as any text export.

The real file is in tests/data/real (source in SOURCES.md); the shapes that need control
(running headers, page numbers, hyphens, passwords, scans) are PDFs written here by hand:
a page is a Helvetica text stream, one line of text where the test puts it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from conftest import REPO, podsift
from pdfs import Line, pdf
from pypdf import PdfReader, PdfWriter
from test_feeds import FAST, Route, Server, item, rss, server  # noqa: F401  (server is a fixture)
from test_format_word_document import read, refusal, repairs, turns, uploads

from podsift.feeds.parse import Transcript
from podsift.feeds.sync import choose_transcript
from podsift.formats.pdf_document import read_pdf

COURT = REPO / "tests" / "data" / "real" / "supreme-court-oral-argument-25-83.pdf"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def laid_out(pages: list[list[str]], header: str, footer: str) -> list[list[tuple[int, str]]]:
    """Pages of body lines under a running header, over a date, a URL and "Page N of M" footer."""
    out = []
    for number, lines in enumerate(pages, 1):
        page = [(760, header), (746, "Recorded March 4, 2024")]
        page += [(716 - 14 * i, line) for i, line in enumerate(lines)]
        page += [(54, footer), (40, f"Page {number} of {len(pages)}")]
        out.append(page)
    return out


def encrypted(data: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")  # RC4 needs no extra package
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- a real transcript ------------------------------------------------------------------


def pdf_words(data: bytes, dropped: set[str]) -> Counter[str]:
    """The words the PDF's pages show, but for the lines named in ``dropped`` and the margin's
    line numbers, read with pypdf alone, not with the code under test."""
    words: Counter[str] = Counter()
    for page in PdfReader(BytesIO(data)).pages:
        for line in page.extract_text().splitlines():
            if line.strip() not in dropped and not line.strip().isdigit():
                words.update(_WORD.findall(line))
    return words


def test_a_supreme_court_transcript_pdf() -> None:
    # Pages 2-6 of an oral argument's official transcript, as the court's reporter lays it out: a
    # header and a footer on every page, numbered lines 1-25 in the margin (the text layer has them
    # as a run of lines of their own), the page number under the header, rules around the cover's.
    data = COURT.read_bytes()
    episode = read(data, COURT.name)
    report = repairs(episode)
    assert report["pdf_document"] == "text read from a PDF: 5 pages, 37 paragraphs"  # the title is the cover's case
    assert report["pdf_headers"] == ("17 running header/footer lines dropped (repeated at the top or bottom of the "
                                     "pages: 'Official - Subject to Final Review' 5 times; 'N' 5 times; 'Heritage "
                                     "Reporting Corporation' 5 times; '- - - - - - - - - - - - - - - - - -' 2 times)")  # fmt: skip
    assert report["pdf_line_numbers"] == "125 margin line numbers dropped (1, 2, 3... down the page)"
    assert report["pdf_page_breaks"] == "2 paragraphs split by a page break joined"
    said = [(s.speaker, s.text) for s in episode.segments if s.speaker]
    assert [who for who, _ in said][:6] == ["CHIEF JUSTICE ROBERTS"] * 2 + ["MR. UNIKOWSKY"] * 4
    assert said[0] == ("CHIEF JUSTICE ROBERTS", "We'll hear argument next in Case 25-83, Jules versus Andre Balazs.")
    # A paragraph the page width broke over many lines is one; the next starts "Moreover" by its
    # indent alone, under a line that runs to the margin, and goes on over the page break.
    assert ("MR. UNIKOWSKY", "In this case, the Court should hold that Badgerow's rule applies to all Section 9 and 10 "
            "applications regardless of whether a preexisting suit is on file. Nothing in the FAA distinguishes "
            "between those Section 9 and 10 applications that are associated with a preexisting suit and those that "
            "are not.") in said  # fmt: skip
    assert ("MR. UNIKOWSKY", "Moreover, Section 8 of the FAA contains explicit jurisdictional anchor language that "
            "Sections 9 and 10 lack. The Court should infer that this textual disparity is intentional, much as the "
            "Court relied on a similar inference in Badgerow.") in said  # fmt: skip
    # The cover and contents above "P R O C E E D I N G S" are the record's cover, not speech: its date
    # line is the argument's date; its appearances, each one's second line indented under its first,
    # are no new paragraphs.
    assert episode.date == "2026-03-30"
    assert "Monday, March 30, 2026" not in " ".join(s.text for s in episode.segments)
    # The case the cover names beside its column of brackets is the title, not the docket number.
    assert episode.title == "Adrian Jules v. Andre Balazs Properties, et al."
    assert episode.extra["cover"].split("\n")[3:5] == [
        "APPEARANCES: ADAM G. UNIKOWSKY, ESQUIRE, Washington, D.C.; on behalf of the Petitioner.",
        "DANIEL L. GEYSER, ESQUIRE, Dallas, Texas; on behalf of the Respondents."]  # fmt: skip
    # The part of the argument is a chapter on the advocate's first words, not the Chief Justice's words.
    assert [c.title for c in episode.chapters] == ["ORAL ARGUMENT OF ADAM G. UNIKOWSKY ON BEHALF OF THE PETITIONER"]
    assert episode.segments[episode.chapters[0].first_segment].speaker == "MR. UNIKOWSKY"
    # A short first line is no heading: "That's correct, Your / Honor." stays one turn.
    assert ("MR. UNIKOWSKY", "That's correct, Your Honor. There is -- I'm sorry.") in said
    # ...and so is a turn cut by the page break after its label's line.
    assert ("MR. UNIKOWSKY", "There was no pending federal case in Badgerow, and we --") in said
    assert [who for who, _ in said][-4:] == ["JUSTICE THOMAS", "MR. UNIKOWSKY", "JUSTICE THOMAS", "MR. UNIKOWSKY"]
    shown = " ".join(s.text for s in episode.segments)
    assert "Heritage Reporting" not in shown and "Subject to Final Review" not in shown and "- - -" not in shown
    assert not re.search(r"\b(?:\d+ ){3}", shown)  # no run of margin numbers left in the text
    # Every other word the pages show is kept, in the text or as a speaker's name.
    labels = [s.speaker for s, before in zip(episode.segments, [None, *episode.segments]) if s.speaker
              and (before is None or before.speaker != s.speaker)]  # a label per turn
    names = Counter(w for label in labels if label for w in _WORD.findall(label))
    kept = Counter(w for s in episode.segments for w in _WORD.findall(" ".join([s.text, *s.directions])))
    kept += Counter(_WORD.findall(episode.extra["cover"])) + Counter(_WORD.findall(episode.chapters[0].title))
    kept += Counter("P R O C E E D I N G S".split())  # the mark where the cover ends: not kept
    assert kept + names == pdf_words(data, {"Heritage Reporting Corporation", "Official - Subject to Final Review"})


def test_line_numbers_at_the_start_of_each_line_and_a_reporters_dashes() -> None:
    # An older court reporter's layout: each line's number is the first thing in its text, and the
    # font draws its hyphen as a soft hyphen ("15\u00ad674", the dash "\u00ad\u00ad").
    lines = ["We'll hear argument first this morning in Case", "No. 15\u00ad674, United States v. Texas.",
             "GENERAL VERRILLI: Mr. Chief Justice, and may", "it please the Court: the principal \u00ad\u00ad",
             "JUSTICE GINSBURG: Couldn't the government", "simply have given these children \u00ad\u00ad parents",
             "of citizens \u00ad\u00ad identity cards?", "GENERAL VERRILLI: That is \u00ad\u00ad that's a very",
             "important point, Justice Ginsburg."]  # fmt: skip
    numbered = [(716 - 24 * i, f"{i + 1} {line}" if i else f"1 CHIEF JUSTICE ROBERTS: {line}")
                for i, line in enumerate(lines)]  # fmt: skip
    episode = read(pdf([numbered]), "argument.pdf")
    assert turns(episode) == [
        (None, "CHIEF JUSTICE ROBERTS", "We'll hear argument first this morning in Case No. 15-674, United States "
         "v. Texas."),
        (None, "GENERAL VERRILLI", "Mr. Chief Justice, and may it please the Court: the principal --"),
        (None, "JUSTICE GINSBURG", "Couldn't the government simply have given these children -- parents of "
         "citizens -- identity cards?"),
        (None, "GENERAL VERRILLI", "That is -- that's a very important point, Justice Ginsburg."),
    ]  # fmt: skip
    assert repairs(episode)["pdf_line_numbers"] == "9 margin line numbers dropped (1, 2, 3... down the page)"


# --- transcripts built to shape ----------------------------------------------------------

SHOW = "The Long Table - Episode 12: Bread"
URL = "www.thelongtable.example.org/episodes/12"
BREAD = [
    [
        "JANE DOE: Welcome back to The Long Table. Today we are talking about bread, and my guest has",
        "baked it for thirty years in the same oven, on the same street corner, every single morning.",
        "SAM OKAFOR: Thanks for having me. It is a well-",
        "known corner by now, and the bakery has been in the family since my grand-",
        "father opened it, just after the war, with one oven and a borrowed van.",
        "JANE DOE: So tell me about the first loaf you remember. What did it smell like, and who was",
        "standing beside you when it came out of the oven, and what did they say to you about it on",
    ],
    [
        "that first morning in the bakery?",
        "SAM OKAFOR: My grandmother. She said the crust should sing when you press it, and it did.",
        "[laughs]",
        "JANE DOE: That is a lovely place to stop.",
    ],
]
BREAD_PDF = pdf(laid_out(BREAD, SHOW, URL), title="Bread, with Sam Okafor")


def test_running_headers_page_numbers_and_line_breaks() -> None:
    episode = read(BREAD_PDF, "ep12.pdf")
    assert turns(episode) == [
        (None, "JANE DOE", "Welcome back to The Long Table. Today we are talking about bread, and my guest has baked "
         "it for thirty years in the same oven, on the same street corner, every single morning."),
        # "well-known" keeps its hyphen ("wellknown" is no word); "grand-father" is "grandfather".
        (None, "SAM OKAFOR", "Thanks for having me. It is a well-known corner by now, and the bakery has been in "
         "the family since my grandfather opened it, just after the war, with one oven and a borrowed van."),
        # Joined across the page break, over the footer, the page number and the next page's header.
        (None, "JANE DOE", "So tell me about the first loaf you remember. What did it smell like, and who was "
         "standing beside you when it came out of the oven, and what did they say to you about it on that first "
         "morning in the bakery?"),
        (None, "SAM OKAFOR", "My grandmother. She said the crust should sing when you press it, and it did."),
        (None, "JANE DOE", "That is a lovely place to stop."),
    ]  # fmt: skip
    assert episode.segments[3].directions == ["[laughs]"]
    report = repairs(episode)
    assert report["pdf_document"] == ("text read from a PDF: 2 pages, 5 paragraphs; "
                                      "title 'Bread, with Sam Okafor' from its properties")  # fmt: skip
    assert report["pdf_headers"] == (f"8 running header/footer lines dropped (repeated at the top or bottom of the "
                                     f"pages: {SHOW!r} 2 times; 'Recorded March 4, 2024' 2 times; {URL!r} 2 times; "
                                     "'Page N of N' 2 times)")  # fmt: skip
    # Four within turns, and "[laughs]" after a line that reaches the margin (a direction in that turn).
    assert report["pdf_line_breaks"] == "5 lines broken by the page width joined back into paragraphs"
    assert report["pdf_hyphens"] == "1 word hyphenated at a line's end joined without the hyphen"
    assert report["pdf_page_breaks"] == "1 paragraph split by a page break joined"
    assert [r.kind for r in episode.repairs][:5] == ["pdf_document", "pdf_headers", "pdf_line_breaks", "pdf_hyphens",
                                                     "pdf_page_breaks"]  # fmt: skip
    assert episode.title == "Bread, with Sam Okafor"


def test_timestamped_speaker_lines_are_not_taken_for_headers() -> None:
    # Otter.ai's PDF: "Name  M:SS" over each paragraph; one opens every page, in shape the same
    # line each time, but it is speech, not a header.
    pages = [[(720, "Jane Doe 0:05"), (706, "Hello and welcome to the show."), (692, "Sam Okafor 0:12"),
              (678, "Thanks for having me.")],
             [(720, "Jane Doe 1:02"), (706, "Let's start with the bread."), (692, "Sam Okafor 1:09"),
              (678, "Gladly.")]]  # fmt: skip
    episode = read(pdf(pages, title="Microsoft Word - otter export.docx"), "sync.pdf")
    assert episode.source_format == "speaker_lines"
    assert turns(episode) == [(5.0, "Jane Doe", "Hello and welcome to the show."),
                              (12.0, "Sam Okafor", "Thanks for having me."),
                              (62.0, "Jane Doe", "Let's start with the bread."),
                              (69.0, "Sam Okafor", "Gladly.")]  # fmt: skip
    assert "pdf_headers" not in repairs(episode)
    assert episode.title is None  # a PDF printer's title names no episode


def test_a_label_alone_opening_every_page_is_a_turn_not_a_header() -> None:
    # A user study's interview (DanielKerrigan/PDPilotUserStudy, BSD-3-Clause; a faithful sample): the
    # interviewer's "Dan:" on a line of its own opened each page, so it was dropped as a running
    # header and his questions went to the participant.
    pages = [[(720, "Dan:"), (706, "Can you describe what tasks you use them for?"), (692, "Participant:"),
              (678, "We use them to find trends and interactions.")],
             [(720, "Dan:"), (706, "And do you look at both one way and two way plots?"), (692, "Participant:"),
              (678, "Yeah, both of them.")],
             [(720, "Dan:"), (706, "Okay. How did the clustering help you?"), (692, "Participant:"),
              (678, "It showed the subsets quickly.")]]  # fmt: skip
    episode = read(pdf(pages), "P1.pdf")
    assert [(s.speaker, s.text[:16]) for s in episode.segments] == [
        ("Dan", "Can you describe"), ("Participant", "We use them to f"), ("Dan", "And do you look "),
        ("Participant", "Yeah, both of th"), ("Dan", "Okay. How did th"), ("Participant", "It showed the su")]  # fmt: skip
    assert "pdf_headers" not in repairs(episode)


def body(lines: list[str | tuple[int, str] | tuple[int, str, int]]) -> list[Line]:
    """A page of body lines, 14 points apart; a line given as (x, text) starts at that x, one
    given as (x, text, size) is also in type of that size."""
    return [(716 - 14 * i, line) if isinstance(line, str) else (716 - 14 * i, line[1], line[0], *line[2:])
            for i, line in enumerate(lines)]  # fmt: skip


def test_a_paragraph_started_by_its_indent_alone() -> None:
    # An oral history's paragraphs: no blank line between them, and the last line of the first
    # runs to the margin; only the next one's indent (half an inch) shows where it starts.
    page = body([(108, "JANE DOE: When my grandfather came to this street in the spring of 1951, he"),
                 "had one oven, a borrowed van and a sack of flour that a neighbour lent him on",
                 "trust. He paid it back within the month, and he told us who had helped him then.",
                 (108, "The bakery opened before dawn every day of the year, and the first loaves"),
                 "came out of the oven at five, when the street was still dark and quiet.",
                 # An indented line in lower case hangs under the line before: no paragraph.
                 "SAM OKAFOR: And the bakery is where, exactly? I have never found it on any",
                 (108, "map of the town, and I have looked for it more than once, believe me."),
                 # Nor is text indented under a speaker's label on its own line a new paragraph.
                 "JANE DOE: Thanks for the question; the answer is longer than it looks at first.",
                 (108, "It stood on the corner of Mill Lane, where the bus stop is now."),
                 ])  # fmt: skip
    episode = read(pdf([page]), "history.pdf")
    assert turns(episode) == [
        (None, "JANE DOE", "When my grandfather came to this street in the spring of 1951, he had one oven, a "
         "borrowed van and a sack of flour that a neighbour lent him on trust. He paid it back within the month, "
         "and he told us who had helped him then."),
        (None, "JANE DOE", "The bakery opened before dawn every day of the year, and the first loaves came out of "
         "the oven at five, when the street was still dark and quiet."),
        (None, "SAM OKAFOR", "And the bakery is where, exactly? I have never found it on any map of the town, and "
         "I have looked for it more than once, believe me."),
        (None, "JANE DOE", "Thanks for the question; the answer is longer than it looks at first. It stood on "
         "the corner of Mill Lane, where the bus stop is now."),
    ]  # fmt: skip


def test_a_heading_under_a_full_sentence_stands_alone() -> None:
    # A heading between two parts of a talk, under a line that ends a sentence at the margin.
    page = body(["When my grandfather came to this street in the spring of 1951, he had one oven",
                 "and a borrowed van, and he paid back the sack of flour within the month, he said.",
                 "Part Two: The Market",
                 "The market was where everyone met on Saturday mornings, whatever the weather,",
                 "and my grandfather had a stall there for thirty years before he retired.",
                 "He sold bread there until the end, and cakes on the first Saturday of a month.",
                 "History of the Bakery",
                 "It was built in 1890 as a forge, and the oven stands where the anvil stood.",
                 # A short last line that is a sentence's end, in lower case, is no heading.
                 "We asked him about that once, and all he said was that it had been a long time",
                 "Since the War",
                 "and that nobody remembered the smith any more, not even the oldest neighbours.",
                 ])  # fmt: skip
    episode = read(pdf([page]), "talk.pdf")
    assert [s.text for s in episode.segments] == [
        "When my grandfather came to this street in the spring of 1951, he had one oven and a borrowed van, and "
        "he paid back the sack of flour within the month, he said.",
        "Part Two: The Market",
        "The market was where everyone met on Saturday mornings, whatever the weather, and my grandfather had a "
        "stall there for thirty years before he retired. He sold bread there until the end, and cakes on the first "
        "Saturday of a month.",
        "History of the Bakery",
        "It was built in 1890 as a forge, and the oven stands where the anvil stood. We asked him about that once, "
        "and all he said was that it had been a long time Since the War and that nobody remembered the smith any "
        "more, not even the oldest neighbours.",
    ]  # fmt: skip
    assert {s.speaker for s in episode.segments} == {None}


def test_headings_in_larger_type_stand_alone() -> None:
    # A talk's script: section headings in larger type, one at the foot of a page, one over two
    # lines; the text under them goes straight on, with no blank line and no end punctuation.
    pages = [body(["Thank you so much for joining this talk today, when there are so many other talks on,",
                   "and please do save your questions up until the end of the talk.",
                   (72, "OVERVIEW", 20)]),
             body([(72, "Voice within the context of evolving", 16), (72, "user interfaces", 16),
                   "Not so long ago, speaking with a computer was science fiction",
                   (72, "Wake Words", 16),
                   "A wake word is what the assistant listens for"])]  # fmt: skip
    episode = read(pdf(pages), "script.pdf")
    assert [s.text for s in episode.segments] == [
        "Thank you so much for joining this talk today, when there are so many other talks on, and please do save "
        "your questions up until the end of the talk.",
        "OVERVIEW",
        "Voice within the context of evolving user interfaces",
        "Not so long ago, speaking with a computer was science fiction",
        "Wake Words",
        "A wake word is what the assistant listens for",
    ]  # fmt: skip


def test_a_running_header_with_the_time_the_page_was_printed() -> None:
    # The header's clock and the footer's date and time change from page to page; the words
    # around them do not. A bare timestamp opening each page's text is the transcript's own.
    said = [["Welcome to the show.", "Today it is bread."], ["We start with flour.", "Then water and salt."],
            ["The oven comes last.", "Thanks for listening."]]  # fmt: skip
    pages = [[(760, f"Transcript - 10:3{n} AM"), (716, f"00:0{n}:05"), (702, said[n][0]), (688, said[n][1]),
              (54, f"Page {n + 1} of 3 - printed 2024-05-0{n + 1} 14:0{n}")] for n in range(3)]  # fmt: skip
    episode = read(pdf(pages), "printed.pdf")
    shown = " ".join(s.text for s in episode.segments)
    assert "Transcript" not in shown and "printed" not in shown
    text = read_pdf(pdf(pages)).text
    assert all(f"00:0{n}:05" in text and " ".join(said[n]) in text for n in range(3)), text
    assert repairs(episode)["pdf_headers"] == ("6 running header/footer lines dropped (repeated at the top or "
                                               "bottom of the pages: 'Transcript - N:N AM' 3 times; 'Page N of N - "
                                               "printed N-N-N N:N' 3 times)")  # fmt: skip


def test_a_pdf_opening_with_a_bracket_is_prose_not_json() -> None:
    # An oral history's key to its notes comes first: "[...]" is no JSON to refuse.
    page = body(["[...] - a gesture, for example [points at the work]", "", "Setting:",
                 "The interview took place on 31 January 2020 in the studio.", "",
                 "MV: Alright, we are here today, it is the 31st of January.", "",
                 "WK: Yes, and I found the original drawings at home.", "", "MV: Wonderful."])  # fmt: skip
    episode = read(pdf([page]), "interview.pdf")
    assert [(s.speaker, s.text) for s in episode.segments][-3:] == [
        ("MV", "Alright, we are here today, it is the 31st of January."),
        ("WK", "Yes, and I found the original drawings at home."), ("MV", "Wonderful.")]  # fmt: skip


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    # "No copying, no printing": anyone may open it, so its text is read.
    episode = read(encrypted(BREAD_PDF, user="", owner="publisher"), "locked-for-copying.pdf")
    assert [s.speaker for s in episode.segments] == ["JANE DOE", "SAM OKAFOR", "JANE DOE", "SAM OKAFOR", "JANE DOE"]


def blank_pages(count: int) -> bytes:
    return pdf([[] for _ in range(count)])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encrypted(BREAD_PDF, user="secret", owner="secret"),
         "a password-protected PDF; remove the password (print it to a new PDF) and ingest that"),
        (pdf([[], []], image=True), "a PDF with no text layer: it is scanned images; run OCR first"),
        (pdf([[(40, "Scanned with a phone app")]] * 2, image=True),
         "a PDF with no text layer: it is scanned images; run OCR first"),
        (blank_pages(1), "a PDF with no text in it"),
        (pdf([[(760, "Page 1 of 2")], [(760, "Page 2 of 2")]]),
         "a PDF with no text in it but its page headers and footers"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8, "a damaged PDF ("),
        (BREAD_PDF[: len(BREAD_PDF) // 3], "a damaged PDF ("),
        (blank_pages(2001), "a PDF of 2001 pages (the limit is 2000); split it and ingest the parts"),
    ],
    ids=["password", "scanned", "scanned-with-a-stamp", "empty", "only-headers", "garbage", "cut", "too-many-pages"],
)
def test_what_cannot_be_read_gets_one_line(data: bytes, reason: str) -> None:
    said = refusal(data, "talk.pdf")
    assert said.startswith(reason), said


def compressed(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    for page in writer.pages:
        page.compress_content_streams()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_text_beyond_the_size_limit_is_refused(tmp_path: Path, db_path: Path) -> None:
    # The limit on a file (ingest's --max-size) holds for the text its compressed pages unpack to.
    line = "JANE DOE: The same sentence, said again and again, as a loop of captions says it."
    small = compressed(pdf([body([line] * 50)] * 60))
    text = sum(len(page.extract_text()) for page in PdfReader(BytesIO(small)).pages)
    assert len(small) < 0.2 * 1024 * 1024 < text
    (tmp_path / "loop.pdf").write_bytes(small)
    result = podsift("ingest", "--no-embed", "--no-entities", "--max-size", "0.2", str(tmp_path / "loop.pdf"),
                     db=db_path, check=1)  # fmt: skip
    assert f"podsift: error: {tmp_path / 'loop.pdf'}: a PDF with over 209,715 characters of text by page 52; " \
           "split it and ingest the parts" in result.stderr, result.stderr  # fmt: skip
    assert "1 added" in podsift("ingest", "--no-embed", "--no-entities", str(tmp_path / "loop.pdf"), db=db_path).stdout


# --- end to end -----------------------------------------------------------------------


def test_ingest_pdfs_from_the_command_line(tmp_path: Path, db_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bread.pdf").write_bytes(BREAD_PDF)
    (inbox / "court.pdf").write_bytes(COURT.read_bytes())
    (inbox / "locked.pdf").write_bytes(encrypted(BREAD_PDF, user="secret", owner="secret"))
    (inbox / "scan.pdf").write_bytes(pdf([[]], image=True))
    result = podsift("ingest", "--no-embed", "--no-entities", str(inbox), db=db_path, check=1)
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("podsift: error: "))
    assert errors == [
        f"podsift: error: {inbox / 'locked.pdf'}: a password-protected PDF; remove the password (print it to a new "
        "PDF) and ingest that",
        f"podsift: error: {inbox / 'scan.pdf'}: a PDF with no text layer: it is scanned images; run OCR first",
    ], result.stderr  # fmt: skip
    assert "4 files: 2 added, 0 updated, 0 unchanged, 2 failed" in result.stdout
    shown = json.loads(podsift("show", "bread", "--json", db=db_path).stdout)
    assert shown["title"] == "Bread, with Sam Okafor"
    assert [s["speaker"] for s in shown["segments"]] == ["JANE DOE", "SAM OKAFOR", "JANE DOE", "SAM OKAFOR", "JANE DOE"]
    assert shown["segments"][2]["text"].endswith("what did they say to you about it on that first morning in the bakery?")
    report = json.loads(podsift("report", "bread", "--json", db=db_path).stdout)["repairs"]
    assert [r["kind"] for r in report][:2] == ["pdf_document", "pdf_headers"]
    court = json.loads(podsift("show", "court", "--json", db=db_path).stdout)
    assert "JUSTICE THOMAS" in {s["speaker"] for s in court["segments"]}


def test_an_uploaded_pdf_is_ingested_and_a_scan_refused(tmp_path: Path) -> None:
    client, auth = uploads(tmp_path)
    with client:
        added = client.post("/api/ingest", params={"filename": "bread.pdf"}, content=BREAD_PDF, headers=auth)
        assert added.status_code == 200, added.text
        assert added.json()["episode_id"] == "bread" and added.json()["segments"] == 5
        scan = client.post("/api/ingest", params={"filename": "scan.pdf"}, headers=auth,
                           content=pdf([[]], image=True))  # fmt: skip
        assert scan.status_code == 422
        assert scan.json()["error"] == "scan.pdf: a PDF with no text layer: it is scanned images; run OCR first"


def test_a_feed_transcript_in_pdf_is_read_when_nothing_plainer_is_offered(tmp_path: Path,
                                                                          server: Server) -> None:  # noqa: F811
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    word = Transcript(url="https://e.org/t.docx", type=docx_type)
    paper = Transcript(url="https://e.org/t.pdf", type="application/pdf")
    assert choose_transcript([paper, word]) == (word, ".docx")  # the same text, its lines never broken
    assert choose_transcript([paper]) == (paper, ".pdf")
    base, db = server.url, tmp_path / "podsift.db"
    server.routes["/feed.xml"] = Route(rss(base, item(base, "p", "On paper",
                                                      f'<podcast:transcript url="{base}/t/p.pdf" type="application/pdf"/>')),
                                       "application/rss+xml")  # fmt: skip
    server.routes["/t/p.pdf"] = Route(BREAD_PDF, "application/pdf")
    podsift("feed", "add", f"{base}/feed.xml", db=db)
    result = json.loads(podsift("sync", *FAST, "--json", db=db).stdout)
    (synced,) = result["feeds"][0]["items"]
    assert synced["status"] == "added", synced
    shown = json.loads(podsift("show", synced["episode_id"], "--json", db=db).stdout)
    assert [s["speaker"] for s in shown["segments"]] == ["JANE DOE", "SAM OKAFOR", "JANE DOE", "SAM OKAFOR", "JANE DOE"]
    assert shown["title"] == "On paper"  # the feed's title, over the document's

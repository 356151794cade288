"""OHMS XML, the record oral-history archives publish interviews in: its metadata, its index as
chapters, and its transcript, WebVTT (version 6) or plain text timed by <sync> (legacy).

The two real records (tests/data/real/SOURCES.md) are the Science History Institute's; the small
records written here are faithful samples of the same shapes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import REPO

from podsift.ingest import parse_source
from podsift.model import Episode

REAL = REPO / "tests" / "data" / "real"
VTT_RECORD = REAL / "ohms-xml-vtt-cdata-oral-history-chappelear.xml"
LEGACY_RECORD = REAL / "ohms-xml-legacy-sync-index-oral-history-hanford.xml"
OHMS = "{https://www.weareavp.com/nunncenter/ohms}"


def read(name: str, data: bytes) -> Episode:
    episode = parse_source(name, data)
    assert isinstance(episode, Episode), episode
    return episode


def test_a_version_6_record_is_its_webvtt_with_the_records_title_and_media() -> None:
    # The XML after the CDATA ("]]></vtt_transcript> <rights/> ... </ROOT>") was the last
    # caption's words, the title came from the file name and the recording's link was unused.
    episode = read(VTT_RECORD.name, VTT_RECORD.read_bytes())
    assert episode.source_format == "ohms"
    assert episode.title == "Oral history interview with Patsy Stallings Chappelear"
    assert episode.media_url is not None and episode.media_url.endswith("combined_b4933a8aba32f395c07dd6ed50429ab0.m4a")
    assert len(episode.segments) == 13
    assert (episode.segments[0].start, episode.segments[0].speaker) == (4.0, "SCHNEIDER")
    assert episode.segments[-1].text == "And what were some of the things that you did at camp?"
    assert not any("<" in s.text or "]]>" in s.text for s in episode.segments)
    assert episode.speakers == ["SCHNEIDER", "CHAPPELEAR"]
    assert not {"missing_header", "ignored_text", "stray_text"} & {r.kind for r in episode.repairs}


def test_a_legacy_record_is_timed_by_its_sync_and_divided_by_its_index() -> None:
    # It was read as plain text: the XML declaration and tag runs were speech, the sync string and
    # the index's keywords were words, 51 chapters were made up and every time was estimated.
    episode = read(LEGACY_RECORD.name, LEGACY_RECORD.read_bytes())
    assert episode.source_format == "ohms"
    assert episode.title == "Oral history interview with William E. Hanford"
    assert episode.media_url is not None and episode.media_url.endswith(".mp3")
    assert episode.speakers == ["BOHNING", "HANFORD"]
    said = [s.text for s in episode.segments] + [d for s in episode.segments for d in s.directions]
    assert not any(mark in text for text in said for mark in ("<", "|25(2)", "Bristol High School;", "[["))
    assert not episode.extra.get("times_estimated")
    assert episode.segments[0].start == 0.0

    record = ET.parse(LEGACY_RECORD).getroot()
    points = record.iter(f"{OHMS}point")
    index = [(p.findtext(f"{OHMS}title"), float(p.findtext(f"{OHMS}time") or 0)) for p in points]
    assert [(c.title, c.start, c.generated) for c in episode.chapters] == [(t, s, False) for t, s in index]
    # Each chapter opens at the words its index point quotes.
    for chapter, point in zip(episode.chapters, episode.extra["index"]):
        opening = re.sub(r"^[A-Z]+:\s*", "", point["partial_transcript"]).replace("’", "'").split()[:3]
        assert episode.segments[chapter.first_segment].text.split()[:3] == opening, chapter.title
    assert episode.extra["index"][1]["keywords"][0] == "Adams, Roger"
    assert len(episode.extra["footnotes"]) == 2

    # Every minute mark falls inside the segment holding the words it names.
    transcript = record.findtext(f".//{OHMS}transcript") or ""
    lines = transcript.split("\n")
    stamps = (record.findtext(f".//{OHMS}sync") or "").split(":", 1)[1].split("|")
    checked = 0
    for minute, stamp in enumerate(stamps):
        if not stamp:
            continue
        line, word = (int(n) for n in re.findall(r"\d+", stamp))
        words = " ".join(lines[line - 1].split()[word - 1 : word + 3])
        holding = [s for s in episode.segments if words in s.text]
        if len(holding) != 1:
            continue  # the words run on to the next line, or recur
        start, end = holding[0].start, holding[0].end
        assert start is not None and end is not None and start - 1 <= minute * 60 <= end + 1, (minute, words)
        checked += 1
    assert checked > 100


LEGACY = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="7" dt="2020-01-01"><version>5.4</version>
<date value="" format="yyyy-mm-dd"/><date_nonpreferred_format>June 2, 1988</date_nonpreferred_format>
<title>Oral history interview with Ana Ruiz</title><collection_name>Women in Chemistry</collection_name>
<interviewee>Ruiz, Ana</interviewee><interviewer>Ben Cole</interviewer>
<sync>1:|5(1)|7(5)</sync><index><point><time>60</time><title>Leeds</title>
<partial_transcript>BEN: Then you went to Leeds?</partial_transcript><synopsis>Moving to Leeds.</synopsis>
<keywords>Leeds;graduate school</keywords></point></index>
<transcript>BEN: Where did you grow up, and what was your family like?

ANA: I grew up in Madrid. My father taught chemistry at a school there.

BEN: Then you went to Leeds?

ANA: Yes, in 1960.[[footnote]]1[[/footnote]] I stayed for four years.

 [[footnotes]]

[[note]]The University of Leeds.[[/note]]

 [[/footnotes]]
</transcript></record></ROOT>
"""


def test_sync_marks_time_the_words_between_them() -> None:
    # Minute 1 starts at line 5's first word (Ben's label, the 27th word), minute 2 at line 7's
    # fifth ("I", the 37th): a turn starts at its label's place between the marks around it.
    episode = read("ruiz.xml", LEGACY.encode("utf-8"))
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.0, 27.7, "BEN", "Where did you grow up, and what was your family like?"),
        (27.7, 60.0, "ANA", "I grew up in Madrid. My father taught chemistry at a school there."),
        (60.0, 96.0, "BEN", "Then you went to Leeds?"),
        # after the last mark at the marks' pace, 36 words in 2 minutes
        (96.0, 136.7, "ANA", "Yes, in 1960. I stayed for four years."),
    ]
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [("Leeds", 60.0, 2)]
    assert episode.extra["index"] == [{"time": 60.0, "title": "Leeds", "partial_transcript": "BEN: Then you went to Leeds?",
                                       "synopsis": "Moving to Leeds.", "keywords": ["Leeds", "graduate school"]}]  # fmt: skip
    assert episode.extra["footnotes"] == ["The University of Leeds."]
    assert (episode.date, episode.show, episode.guests) == ("1988-06-02", "Women in Chemistry", ["Ruiz, Ana"])
    assert episode.extra["interviewer"] == "Ben Cole"


VTT = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT><record id="3"><version>6.0</version><date value="2019-03-14" format="yyyy-mm-dd"/>
<title>Interview with Ana Ruiz</title><media_url>https://archive.example.org/ruiz.mp3</media_url>
<index><point><time>5</time><title>Childhood</title><partial_transcript>RUIZ: I grew up</partial_transcript></point></index>
<vtt_transcript><![CDATA[00:00:00.000 --> 00:00:05.000
<v COLE>Where did you grow up?

00:00:05.000 --> 00:00:09.000
<v RUIZ>I grew up in Madrid.
]]></vtt_transcript></record></ROOT>
"""


def test_an_export_without_a_namespace_or_a_webvtt_header_is_still_ohms() -> None:
    episode = read("ruiz.xml", VTT.encode("utf-8"))
    assert episode.source_format == "ohms"
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "COLE", "Where did you grow up?"), (5.0, "RUIZ", "I grew up in Madrid.")]  # fmt: skip
    assert (episode.date, episode.media_url) == ("2019-03-14", "https://archive.example.org/ruiz.mp3")
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [("Childhood", 5.0, 1)]
    assert "missing_header" not in {r.kind for r in episode.repairs}


def test_a_record_with_only_an_index_is_refused_with_a_reason() -> None:
    index_only = VTT.replace(VTT[VTT.index("<vtt_transcript>"):VTT.index("</record>")], "<transcript/>")
    assert "no transcript" in str(parse_source("index.xml", index_only.encode("utf-8")))

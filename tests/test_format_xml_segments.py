"""XML lists of timed segments that follow no standard: a script's merge of a diarizer's turns and a recogniser's text."""

from __future__ import annotations

import pytest
from conftest import read, timeline

from podsift.ingest import parse_source
from podsift.model import Episode, SourceRejected

# A German podcast's diarization merged with speech-to-text by a script (a faithful sample of a real
# file's shape; that file carries no licence): one-letter speakers, some run together where voices
# overlap, and segments the recogniser found no words in.
_DIARIZED = """<?xml version="1.0" encoding="utf-8"?>
<data>
\t<segment>
\t\t<start>0.47</start>
\t\t<end>2.05</end>
\t\t<speaker>A</speaker>
\t\t<text>guten Morgen Thomas</text>
\t</segment>
\t<segment>
\t\t<start>2.55</start>
\t\t<end>3.44</end>
\t\t<speaker>F</speaker>
\t\t<text>guten Morgen Tim</text>
\t</segment>
\t<segment>
\t\t<start>3.77</start>
\t\t<end>8.68</end>
\t\t<speaker>H</speaker>
\t\t<text></text>
\t</segment>
\t<segment>
\t\t<start>150.85</start>
\t\t<end>152.3</end>
\t\t<speaker>BC</speaker>
\t\t<text>böse Kleber aus Deutschland</text>
\t</segment>
\t<segment>
\t\t<start>3340.46</start>
\t\t<end>3344.1</end>
\t\t<speaker>FCD</speaker>
\t\t<text>dadurch ist das jetzt einfach mal so</text>
\t</segment>
\t<segment>
\t\t<start>4654.4</start>
\t\t<end>4655.92</end>
\t\t<speaker>A</speaker>
\t\t<text>an alle Hörer bis bald</text>
\t</segment>
</data>
"""


def test_a_diarizers_segments_with_their_text_are_timed_turns() -> None:
    episode = parse_source("2-diarization-with-text.xml", _DIARIZED.encode())
    assert isinstance(episode, Episode)
    assert episode.source_format == "xml_segments"
    assert timeline(episode) == [
        (0.47, 2.05, "Speaker A", "guten Morgen Thomas"),
        (2.55, 3.44, "Speaker F", "guten Morgen Tim"),
        (150.85, 152.3, "Speaker B", "böse Kleber aus Deutschland"),  # B and C at once: the first named
        (3340.46, 3344.1, "Speaker F", "dadurch ist das jetzt einfach mal so"),
        (4654.4, 4655.92, "Speaker A", "an alle Hörer bis bald"),
    ]
    details = {r.kind: r.detail for r in episode.repairs}
    assert details["empty_segment"].startswith("1 <segment> element with no text")
    assert details["overlap_speakers"].startswith("2 segments marked as several voices at once")
    assert "xml" not in " ".join(s.text for s in episode.segments)


def test_segments_timed_by_attributes_or_clocks_and_ms_are_read_too() -> None:
    attrs = ('<transcript><utterance begin="0:00:01.5" end="0:00:03" speaker="Ann">Hello there.</utterance>'
             '<utterance begin="0:00:03.2" end="0:00:05" speaker="Bob">Hi, Ann.</utterance></transcript>')
    assert timeline(read("a.xml", attrs)) == [(1.5, 3.0, "Ann", "Hello there."), (3.2, 5.0, "Bob", "Hi, Ann.")]
    millis = ("<result><items><item><startMs>1200</startMs><durationMs>800</durationMs><content>One.</content></item>"
              "<item><startMs>2500</startMs><durationMs>1000</durationMs><content>Two.</content></item></items></result>")
    assert timeline(read("b", millis)) == [(1.2, 2.0, None, "One."), (2.5, 3.5, None, "Two.")]


def test_xml_with_times_but_no_words_in_its_repeated_elements_is_not_read_so() -> None:
    # A sports coder's instances: the words sit deeper than a field of each instance.
    coded = ("<file><ALL_INSTANCES><instance><ID>1</ID><start>62.0</start><end>68.0</end><code>Pass</code>"
             "<label><text>N. Keita</text></label></instance><instance><ID>2</ID><start>125.5</start>"
             "<end>130.0</end><code>Shot</code><label><text>Lions</text></label></instance></ALL_INSTANCES></file>")
    assert read("c.xml", coded).source_format != "xml_segments"


def test_entity_bombs_are_refused_not_expanded() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE data [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
            + "]><data><segment><start>0</start><text>&i;</text></segment>"
            "<segment><start>1</start><text>&i;</text></segment></data>")
    with pytest.raises(SourceRejected, match="not well-formed"):
        from podsift.formats import xml_segments
        xml_segments.parse(bomb, Episode(id="x"))


def test_a_diarization_without_text_is_refused_as_a_diarization_json_and_rttm_are() -> None:
    # The diarization as the service exports it, before any text: two placeholder sentences, the rest empty.
    # It was stored as an episode with no segments; a diarizer's JSON or RTTM so is refused in one line.
    rows = [("0.55", "1.73", "A", "this is the first speech segment, please double-click here and fill it with some text"),
            ("1.9", "2.92", "C", "this is the second speech segment..."), ("3.54", "7.3", "A", ""),
            ("12.41", "13.21", "HC", "")]
    xml = "<data>" + "".join(f"<segment><start>{a}</start><end>{b}</end><speaker>{who}</speaker><text>{words}</text>"
                             "</segment>" for a, b, who, words in rows) + "</data>"
    with pytest.raises(SourceRejected, match="^4 speaker turns with times but no words; a diarization without its transcript"):
        read("0-diarization.xml", xml)
    # With a segment's words typed in, it is a transcript, the placeholders still no speech.
    episode = read("0-diarization.xml", xml.replace("<text></text>", "<text>Guten Morgen.</text>", 1))
    assert [(s.speaker, s.text) for s in episode.segments] == [("Speaker A", "Guten Morgen.")]
    assert {"placeholder_text", "empty_segment"} <= {r.kind for r in episode.repairs}


# InqScribe's XML export (shape of DigitalGrinnell/OHScribe's sample): a byte-order mark, scenes
# timed HH:MM:SS.frames, an escaped <speaker> tag naming who speaks in full, then "Name | words" lines.
_INQSCRIBE = ('\ufeff<?xml version="1.0" encoding="UTF-8"?><transcript><prologue></prologue>'
              '<scene id="1" in="00:00:00.00" out="00:00:12.15">&lt;speaker&gt; Mara Olsen &lt;/speaker&gt;\n'
              "Mara | Is the tape rolling? Good. Tell me about the farm.</scene>"
              '<scene id="2" in="00:00:12.16" out="00:00:30.00">&lt;speaker&gt; Tomas Berg &lt;/speaker&gt;\n'
              "Tomas | We kept cows, mostly.\nMara | How many?\nTomas | Twelve, in a good year. [laughs]</scene>"
              "</transcript>")


def test_an_inqscribe_export_is_read_turn_by_turn_with_its_scene_times() -> None:
    episode = parse_source("interview.xml", _INQSCRIBE.encode())
    assert isinstance(episode, Episode), episode
    assert timeline(episode) == [
        (0.0, 12.5, "Mara Olsen", "Is the tape rolling? Good. Tell me about the farm."),
        (12.533, None, "Tomas Berg", "We kept cows, mostly."),
        (None, None, "Mara Olsen", "How many?"),
        (None, 30.0, "Tomas Berg", "Twelve, in a good year."),
    ]
    assert episode.segments[-1].directions == ["[laughs]"]


# Shape of a parliament's stenographic record converted to XML by a script (zuzannahertig/TXT-transcript-to-XML-document):
# a header with the record's title and date, a table of contents naming speakers beside page numbers, then
# one <utterance> per turn opening with its <speaker>, and statements handed in as <speech> blocks.
_SITTING = """<?xml version='1.0' encoding='UTF-8' standalone='no' ?>
<body>
<header>
<title>Sprawozdanie z posiedzenia</title>
<date>w dniu 3 marca 2021 r.</date>
<title>SPIS TREŚCI</title>
</header>
<table_of_contents>
<point>Otwarcie posiedzenia</point>
<speech_page><speaker>Marszałek</speaker> . . . . . . . . . 3</speech_page>
<speech_page><speaker>Poseł Anna Nowak</speaker> . . . . . . 4</speech_page>
</table_of_contents>
<transcript>
<utterance presented='True'><speaker>Marszałek</speaker> Otwieram obrady. <side_comment>(Oklaski)</side_comment>
 Proszę panią poseł o zabranie głosu.</utterance>
<utterance presented='True'><speaker>Poseł Anna Nowak</speaker> Dziękuję bardzo. Mam jedno pytanie.</utterance>
<utterance presented='True'><speaker>Marszałek</speaker> Dziękuję. Zamykam obrady.</utterance>
<speech>
<speaker>Poseł Jan Kowalski</speaker>
<party>Klub Poselski</party>
<utterance presented="False">Oświadczenie w sprawie szkół w naszym powiecie.</utterance>
</speech>
</transcript>
<price>Cena 5 zł</price>
</body>
"""


def test_a_parliament_records_untimed_utterances_are_one_turn_each_with_its_speaker() -> None:
    # It was one segment of the whole page, table of contents and price included, titled by the contents.
    episode = read("sitting.xml", _SITTING)
    assert timeline(episode) == [
        (None, None, "Marszałek", "Otwieram obrady. Proszę panią poseł o zabranie głosu."),
        (None, None, "Poseł Anna Nowak", "Dziękuję bardzo. Mam jedno pytanie."),
        (None, None, "Marszałek", "Dziękuję. Zamykam obrady."),
        (None, None, "Poseł Jan Kowalski", "Oświadczenie w sprawie szkół w naszym powiecie."),
    ]
    assert episode.segments[0].directions == ["(Oklaski)"]
    assert (episode.title, episode.date) == ("Sprawozdanie z posiedzenia", "2021-03-03")
    assert "4 elements such as <utterance>, each naming its speaker" in {r.kind: r.detail for r in episode.repairs}["xml_turns"]


def test_speakers_listed_beside_page_numbers_alone_are_no_turns() -> None:
    contents = "<toc>" + "".join(f"<entry><speaker>Poseł {n}</speaker> . . . {k}</entry>"
                                 for k, n in enumerate(["Anna", "Jan", "Ewa", "Piotr"])) + "</toc>"
    assert read("toc.xml", contents).source_format != "xml_segments"

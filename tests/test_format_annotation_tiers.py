"""Annotation tools' files: ELAN (``.eaf``) and Praat TextGrid (``.TextGrid``).

Oral-history projects, linguists and forced aligners keep transcripts as tiers of timed
annotations. Each becomes a timeline in spoken order, a segment per annotation with its own
times and its tier's speaker, while tiers that are not speech (phones, glosses, translations,
gestures) stay out of the words. The real files are in tests/data/real (SOURCES.md); the radio
interview's shape has no licensed source and is a faithful sample written here.
"""

from __future__ import annotations

import pytest
from conftest import REAL, read, real, timeline

from podsift.ingest import parse_source
from podsift.model import Episode, SourceRejected

# An ELAN 3.0 document as a Russian radio corpus keeps it: a tier per participant, written tier by
# tier, their times interleaved; "/" marks a pause, "[нрзб]" an unintelligible stretch.
RADIO_EAF = """<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2019-11-23T12:03:32+03:00" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
        <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/Users/me/Desktop/interview.mp4" MIME_TYPE="video/mp4" RELATIVE_MEDIA_URL="./interview.mp4"/>
        <PROPERTY NAME="URN">urn:nl-mpi-tools-elan-eaf:d3b62c26-57b9-46ab-b92f-c83a69daf8bb</PROPERTY>
        <PROPERTY NAME="lastUsedAnnotationId">6</PROPERTY>
    </HEADER>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="281689"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="287983"/>
        <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="289100"/>
        <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="294620"/>
        <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="295517"/>
        <TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="295940"/>
        <TIME_SLOT TIME_SLOT_ID="ts7" TIME_VALUE="299240"/>
        <TIME_SLOT TIME_SLOT_ID="ts8" TIME_VALUE="301389"/>
    </TIME_ORDER>
    <TIER ANNOTATOR="me" LINGUISTIC_TYPE_REF="Utterance" PARTICIPANT="@mn1985m" TIER_ID="@mn1985m-text">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts5">
                <ANNOTATION_VALUE>добрый вечер/ у нас сегодня в гостях певица [нрзб]</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts6" TIME_SLOT_REF2="ts7">
                <ANNOTATION_VALUE>подожди/ сейчас будет мой вопрос</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER ANNOTATOR="me" LINGUISTIC_TYPE_REF="Utterance" PARTICIPANT="@lk1990f" TIER_ID="@lk1990f-text">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                <ANNOTATION_VALUE>да/ здравствуйте</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts7" TIME_SLOT_REF2="ts8">
                <ANNOTATION_VALUE>что у тебя было в детстве?</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER ANNOTATOR="me" LINGUISTIC_TYPE_REF="Utterance" PARTICIPANT="@amg1995f" TIER_ID="@amg1995f-text">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a5" TIME_SLOT_REF1="ts4" TIME_SLOT_REF2="ts6">
                <ANNOTATION_VALUE>еще раз здравствуйте</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a6" TIME_SLOT_REF1="ts7" TIME_SLOT_REF2="ts8">
                <ANNOTATION_VALUE></ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="Utterance" TIME_ALIGNABLE="true"/>
    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
</ANNOTATION_DOCUMENT>
"""


def test_elan_annotations_are_segments_in_spoken_order_with_participants_and_times() -> None:
    # Read as text before: the XML declaration and <PROPERTY> lines were segments, <ANNOTATION_VALUE>
    # tags were in the words, nobody spoke, times were estimated, and the turns came tier by tier.
    episode = read("interview.eaf", RADIO_EAF)
    assert episode.source_format == "elan"
    assert timeline(episode) == [
        (281.689, 295.517, "@mn1985m", "добрый вечер/ у нас сегодня в гостях певица [нрзб]"),
        (287.983, 289.1, "@lk1990f", "да/ здравствуйте"),
        (294.62, 295.94, "@amg1995f", "еще раз здравствуйте"),
        (295.94, 299.24, "@mn1985m", "подожди/ сейчас будет мой вопрос"),
        (299.24, 301.389, "@lk1990f", "что у тебя было в детстве?"),
    ]
    assert not episode.extra.get("times_estimated")
    assert episode.extra["media_file"] == "file:///C:/Users/me/Desktop/interview.mp4"
    (read_line,) = [r.detail for r in episode.repairs if r.kind == "tiers_read"]
    assert "@mn1985m-text (2), @lk1990f-text (2), @amg1995f-text (1)" in read_line
    assert "1 empty annotations make nothing" in read_line


def test_elan_tier_without_a_participant_is_named_by_its_id_and_its_dependents_are_not_words() -> None:
    # ELAN's own example: PARTICIPANT="" on both speakers' tiers, a word tier, parts of speech and IPA
    # referring to them, and gesture tiers, one of them independent.
    episode = real("elan-mpi-example-empty-participant-gestures.eaf")
    assert episode.speakers == ["K-Spch", "W-Spch"]
    assert timeline(episode)[:3] == [
        (0.28, 1.25, "K-Spch", "so from here."),
        (0.78, 4.09, "W-Spch", "so you go out of the Institute to the Saint Anna Straat."),
        (4.04, 4.4, "K-Spch", "yeah"),
    ]
    assert len(episode.segments) == 22
    text = " ".join(s.text for s in episode.segments)
    assert "Gesture" not in text and "preparation" not in text and "ɪnstɪtjuːt" not in text
    tiers = episode.extra["tiers"]
    assert set(tiers) == {"W-Words", "W-POS", "W-IPA", "W-RGU", "W-RGph", "W-RGMe", "K-RGU", "K-RGph", "K-RGMe"}
    assert tiers["W-RGU"]["kind"] == "gestures"
    assert tiers["W-Words"]["annotations"][1] == [1.34, 1.57, "you"]
    assert tiers["W-POS"]["annotations"][0] == [1.34, 1.57, "pro"]  # timed by the word it refers to
    aside = next(r.detail for r in episode.repairs if r.kind == "tiers_set_aside")
    assert "W-IPA (phonetic_transcription, of W-Spch, 15)" in aside
    assert any(r.kind == "unaligned_slots" for r in episode.repairs)


def test_elan_translation_tier_stays_beside_the_speech_it_translates() -> None:
    episode = real("elan-poio-turkish-translation-tier.eaf")
    assert episode.speakers == ["P-Spch"]
    assert timeline(episode)[0] == (0.04, 3.59, "P-Spch", "dün akşam koşa koşa eve geldim")
    assert len(episode.segments) == 9
    translation = episode.extra["tiers"]["P-Trans"]
    assert translation["kind"] == "Übersetzung, of P-Spch"
    assert translation["annotations"][0] == [0.04, 3.59, "yesterday evening I came home running"]
    assert [a[:2] for a in translation["annotations"]] == [[s.start, s.end] for s in episode.segments]
    assert not any("yesterday" in s.text or "evening" in s.text for s in episode.segments)


def test_elan_utterances_marked_as_nothing_said_make_no_segment() -> None:
    # ACLEW's child-speech annotations write CHAT's "0." for a vocalisation with no words in it.
    eaf = RADIO_EAF.replace("добрый вечер/ у нас сегодня в гостях певица [нрзб]", "0.")
    episode = read("day.eaf", eaf)
    assert [s.speaker for s in episode.segments] == ["@lk1990f", "@amg1995f", "@mn1985m", "@lk1990f"]
    assert "1 marked '0.' (nothing said)" in next(r.detail for r in episode.repairs if r.kind == "tiers_read")


def test_broken_elan_xml_is_refused_with_the_parsers_reason() -> None:
    with pytest.raises(SourceRejected, match="not well-formed ELAN XML"):
        read("cut.eaf", RADIO_EAF[:1500])


# ---------------------------------------------------------------------------
# EXMARaLDA basic transcription

# The Partitur-Editor's shape, as EXMARaLDA's demo corpus keeps a German TV interview (its words are the
# broadcaster's, so these are written here): a speaker table with full names in the speakers' own
# fields, a common timeline with one point left untimed, a verbal tier per speaker whose events are cut
# wherever the other starts (one mid-word: "Auf" / "stellungen"), HIAT's pauses and descriptions, and
# an English translation and a non-verbal tier that are not speech.
EXB = """<?xml version="1.0" encoding="UTF-8"?>
<!-- (c) http://www.rrz.uni-hamburg.de/exmaralda -->
<basic-transcription>
   <head>
      <meta-information>
         <project-name>Beispielkorpus</project-name>
         <transcription-name>Interview nach dem Spiel</transcription-name>
         <referenced-file url="Interview.wav" />
         <comment />
         <transcription-convention>HIAT (simplified)</transcription-convention>
      </meta-information>
      <speakertable>
         <speaker id="SPK0">
            <abbreviation>AB</abbreviation>
            <sex value="f" />
            <ud-speaker-information>
               <ud-information attribute-name="Pseudo">AB</ud-information>
               <ud-information attribute-name="s:Name">Berger</ud-information>
               <ud-information attribute-name="s:Vorname">Anna</ud-information>
            </ud-speaker-information>
            <comment>Moderatorin</comment>
         </speaker>
         <speaker id="SPK1">
            <abbreviation>CK</abbreviation>
            <sex value="m" />
            <ud-speaker-information>
               <ud-information attribute-name="Name">Carl Krause</ud-information>
            </ud-speaker-information>
            <comment />
         </speaker>
      </speakertable>
   </head>
   <basic-body>
      <common-timeline>
         <tli id="T0" time="0.1" />
         <tli id="T1" time="0.5" />
         <tli id="T2" time="1.9" />
         <tli id="T3" />
         <tli id="T4" time="3.1" />
         <tli id="T5" time="3.6" type="intp" />
         <tli id="T6" time="4.2" />
         <tli id="T7" time="4.6" />
      </common-timeline>
      <tier category="v" display-name="AB [v]" id="TIE0" speaker="SPK0" type="t">
         <event end="T1" start="T0">• • </event>
         <event end="T2" start="T1">Darf ich noch mal nach den Auf</event>
         <event end="T3" start="T2">stellungen fragen? </event>
         <event end="T4" start="T3">((atmet ein)) Die waren ja neu. </event>
         <event end="T7" start="T6">Jà˙ </event>
      </tier>
      <tier category="en" display-name="AB [en]" id="TIE1" speaker="SPK0" type="a">
         <event end="T2" start="T1">Can I ask about the line</event>
         <event end="T3" start="T2">-ups again? </event>
         <event end="T4" start="T3">((breathes in)) They were new. </event>
      </tier>
      <tier category="v" display-name="CK [v]" id="TIE2" speaker="SPK1" type="t">
         <event end="T5" start="T4">Nee, die </event>
         <event end="T6" start="T5">waren alt! ((2,5s)) </event>
      </tier>
      <tier category="nv" display-name="CK [nv]" id="TIE3" speaker="SPK1" type="d">
         <event end="T6" start="T4">schüttelt den Kopf</event>
      </tier>
   </basic-body>
</basic-transcription>
"""


def test_exmaralda_verbal_tiers_are_turns_of_their_speakers_and_other_tiers_stay_out_of_the_words() -> None:
    # Read as an HTML page before: one untimed segment of every tier's text, names, translation and all.
    episode = read("Interview.exb", EXB)
    assert episode.source_format == "exmaralda"
    assert (episode.title, episode.show) == ("Interview nach dem Spiel", "Beispielkorpus")
    assert timeline(episode) == [
        (0.1, 3.1, "Anna Berger", "Darf ich noch mal nach den Aufstellungen fragen? Die waren ja neu."),
        (3.1, 4.2, "Carl Krause", "Nee, die waren alt!"),
        (4.2, 4.6, "Anna Berger", "Jà˙"),
    ]
    assert episode.segments[0].directions == ["((atmet ein))"]
    tiers = episode.extra["tiers"]
    assert tiers["AB [en]"] == {"kind": "translation (en)", "annotations": [
        [0.5, 3.1, "Can I ask about the line-ups again? ((breathes in)) They were new."]]}  # fmt: skip
    assert tiers["CK [nv]"] == {"kind": "description (nv)", "annotations": [[3.1, 4.2, "schüttelt den Kopf"]]}
    assert episode.extra["media_files"] == ["Interview.wav"]
    report = {r.kind: r.detail for r in episode.repairs}
    assert report["untimed_points"].startswith("1 timeline point without a time")
    assert report["pauses"].startswith("3 pause marks")


def test_exmaralda_turns_end_at_a_sentence_once_long_and_a_broken_file_is_refused() -> None:
    # A monologue of events that follow each other without a gap: past 30 s, the next sentence end
    # closes the turn, so its parts can be cited; without sentence ends, the next word past a minute.
    points = "".join(f'<tli id="T{k}" time="{k * 10}.0" />' for k in range(6))
    events = "".join(f'<event start="T{k}" end="T{k + 1}">Satz {k}{"." if k % 2 else ","} </event>' for k in range(5))
    long = EXB.replace(EXB[EXB.index("<common-timeline>"):EXB.index("</basic-body>")],
                       f'<common-timeline>{points}</common-timeline><tier id="TIE0" speaker="SPK1" category="v" '
                       f'type="t" display-name="CK [v]">{events}</tier>')  # fmt: skip
    assert timeline(read("long.exb", long)) == [
        (0.0, 40.0, "Carl Krause", "Satz 0, Satz 1. Satz 2, Satz 3."),
        (40.0, 50.0, "Carl Krause", "Satz 4,"),
    ]
    # Without sentence punctuation (cGAT), a turn ends at a word past a minute.
    points = "".join(f'<tli id="T{k}" time="{k * 10}.0" />' for k in range(9))
    events = "".join(f'<event start="T{k}" end="T{k + 1}">wort{k} </event>' for k in range(8))
    unpunctuated = long[:long.index("<common-timeline>")] + (
        f'<common-timeline>{points}</common-timeline><tier id="TIE0" speaker="SPK1" category="v" type="t">'
        f"{events}</tier></basic-body></basic-transcription>")  # fmt: skip
    assert [(s.start, s.end) for s in read("cgat.exb", unpunctuated).segments] == [(0.0, 60.0), (60.0, 80.0)]
    with pytest.raises(SourceRejected, match="not well-formed EXMARaLDA XML"):
        read("cut.exb", EXB[:1200])


# ---------------------------------------------------------------------------
# Praat TextGrid


def test_textgrid_speaker_tiers_merge_in_time_order_and_empty_intervals_make_nothing() -> None:
    # Read as text before: nine paragraphs of "intervals [2]: xmin = 0.42 xmax = 2.5 text = """.
    episode = real("textgrid-batchalign-two-speaker-tiers.TextGrid")
    assert episode.source_format == "textgrid"
    assert timeline(episode)[:4] == [
        (0.0, 0.42, "PAR0", "hello."),
        (0.88, 2.32, "PAR1", "this is a test of batchline."),
        (2.5, 6.48, "PAR0", "I'm going to read some random crap as I see on the screen just to test batchline."),
        (6.96, 10.04, "PAR0", "the primary area for recording, editing and arranging audio."),
    ]
    assert len(episode.segments) == 12 and episode.duration == 25.94
    assert not episode.extra.get("times_estimated")
    assert "PAR0 (8), PAR1 (4); 12 empty intervals make nothing" in next(
        r.detail for r in episode.repairs if r.kind == "tiers_read")  # fmt: skip


def test_textgrid_short_format_from_a_forced_aligner_keeps_the_words_joined_and_not_the_phones() -> None:
    episode = real("textgrid-mfa-short-words-phones.TextGrid")
    (segment,) = episode.segments
    assert segment.start == 1.05 and segment.end == 25.25 and segment.speaker is None
    assert segment.text.startswith("this is the acoustic corpus i'm talking pretty fast here")
    assert segment.text.endswith("and that should be all thanks")
    assert len(segment.text.split()) == 58  # every word once, no phone among them
    assert episode.duration == 26.723  # the grid's end: the recording's length
    assert "phones (phones, 203)" in next(r.detail for r in episode.repairs if r.kind == "tiers_set_aside")
    assert "phones" not in episode.extra.get("tiers", {})  # phones are counted, not kept


def test_textgrid_mfa_speaker_tiers_name_the_speaker_before_the_dash() -> None:
    episode = real("textgrid-polyglotdb-mfa-speaker-words-phones.TextGrid")
    assert episode.speakers == ["Speaker 1", "Speaker 2"]
    assert [s.text for s in episode.segments] == ["ASPIRIN", "ASPIRIN", "PLANET", "PLANET", "JURASSIC", "JURASSIC"]


def test_textgrid_word_tiers_of_two_speakers_give_turns_and_silence_marks_no_words() -> None:
    # Speaker 2 is speaker 1's alignment 10 s later: talking over speaker 1 leaves speaker 2's turn
    # whole, and speaker 1's turn ends where speaker 2 starts in one of its pauses.
    episode = real("textgrid-polyglotdb-two-speakers-word-sil.TextGrid")
    assert [(s.start, s.speaker) for s in episode.segments][:4] == [
        (1.059, "Speaker 1"), (11.059, "Speaker 2"), (12.167, "Speaker 1"), (14.51, "Speaker 1"),
    ]
    assert not any("sil" in s.text.split() for s in episode.segments)
    assert sum(len(s.text.split()) for s in episode.segments) == 118


ALTERNATING = '''File type = "ooTextFile"
Object class = "TextGrid"

0
4
<exists>
3
"IntervalTier"
"Ann - words"
0
4
5
0
0.3
"how"
0.3
0.5
"are"
0.5
1.0
"you"
1.0
1.8
""
1.8
2.2
"good"
"IntervalTier"
"Ben - words"
0
4
1
1.2
1.6
"fine"
"TextTier"
"tones"
0
4
1
0.4
"H*"
'''


def test_textgrid_word_tiers_taking_turns_alternate_and_point_tiers_are_set_aside() -> None:
    episode = read("talk.TextGrid", ALTERNATING)
    assert timeline(episode) == [
        (0.0, 1.0, "Ann", "how are you"),
        (1.2, 1.6, "Ben", "fine"),
        (1.8, 2.2, "Ann", "good"),
    ]
    assert episode.extra["tiers"] == {"tones": {"kind": "points", "annotations": [[0.4, 0.4, "H*"]]}}


def test_textgrid_quotes_inside_text_and_a_file_cut_short() -> None:
    grid = ALTERNATING.replace('"how"', '"he said ""how"""')
    cut = grid[: grid.index('"Ben - words"')]
    episode = read("cut.TextGrid", cut)
    assert episode.segments[0].text == 'he said "how" are you good'
    assert any(r.kind == "cut_short" for r in episode.repairs)


def test_a_textgrid_with_no_text_is_refused() -> None:
    empty = ALTERNATING.replace('"how"', '""').replace('"are"', '""').replace('"you"', '""')
    empty = empty.replace('"good"', '""').replace('"fine"', '""')
    with pytest.raises(SourceRejected, match="no text in its speech tiers"):
        read("empty.TextGrid", empty)


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.TextGrid")) + sorted(p.name for p in REAL.glob("*.eaf")))
def test_annotation_files_are_never_read_as_plain_text(name: str) -> None:
    assert real(name).source_format in ("elan", "textgrid")


def test_the_extension_does_not_decide() -> None:
    # A TextGrid saved as .txt (Praat's "Save as text file" default name) is still one.
    assert read("talk.txt", ALTERNATING).source_format == "textgrid"
    assert read("Interview.xml", EXB).source_format == "exmaralda"


def test_a_textgrid_praat_saved_as_utf16_reads_the_same() -> None:
    # Praat saves a TextGrid whose text is not ASCII in UTF-16.
    text = (REAL / "textgrid-batchalign-two-speaker-tiers.TextGrid").read_text(encoding="utf-8")
    episode = parse_source("talk.TextGrid", text.replace("hello.", "héllo – ça va.").encode("utf-16"))
    assert isinstance(episode, Episode) and episode.source_format == "textgrid"
    assert timeline(episode)[0] == (0.0, 0.42, "PAR0", "héllo – ça va.")
    assert len(episode.segments) == 12


# ELAN's "tab-delimited text" export of the radio interview above, as its Russian ELAN writes it: a
# header row in the user's language, each time as a clock and as seconds, a column per tier, rows
# grouped by tier (so time goes back twice), every row ending in a tab, and a long turn repeated
# on each row it spans ("repeat values of annotations spanning other annotations").
RADIO_TAB_EXPORT = (
    "Время начала - чч:мм:сс.мс\tВремя начала - сс.мс\tВремя окончания - чч:мм:сс.мс\tВремя окончания - сс.мс\t"
    "@amg1995f-text\t@lk1990f-text\t@mn1985m-text\t\n"
    "00:04:54.620\t294.62\t00:04:55.940\t295.94\tеще раз здравствуйте\t\t\n"
    "00:05:15.925\t315.925\t00:05:16.731\t316.731\tнет\t\tа в детстве/ что было в детстве?\n"
    "00:04:47.983\t287.983\t00:04:49.100\t289.1\t\tда/ здравствуйте\tдобрый вечер/ у нас в гостях певица\n"
    "00:05:11.540\t311.54\t00:05:12.540\t312.54\t\t#смеется#\tа в детстве/ что было в детстве?\n"
    "00:04:41.689\t281.689\t00:04:55.517\t295.517\t\t\tдобрый вечер/ у нас в гостях певица\n"
    "00:05:00.000\t300.0\t00:05:22.444\t322.444\t\t\tа в детстве/ что было в детстве?\n"
)


def test_elan_tab_export_tiers_are_speakers_and_each_annotation_is_read_once() -> None:
    # Read before as timed lines: the header row was speech, the other time columns were words,
    # nobody spoke, and the long turns were stored again on every row (3,019 words for 866).
    episode = read("transcript.txt", RADIO_TAB_EXPORT)
    assert episode.source_format == "tsv"
    assert timeline(episode) == [
        (281.689, 295.517, "@mn1985m-text", "добрый вечер/ у нас в гостях певица"),
        (287.983, 289.1, "@lk1990f-text", "да/ здравствуйте"),
        (294.62, 295.94, "@amg1995f-text", "еще раз здравствуйте"),
        (300.0, 322.444, "@mn1985m-text", "а в детстве/ что было в детстве?"),
        (311.54, 312.54, "@lk1990f-text", "#смеется#"),
        (315.925, 316.731, "@amg1995f-text", "нет"),
    ]
    (export,) = [r.detail for r in episode.repairs if r.kind == "elan_export"]
    assert "3 cells repeating an annotation" in export


def test_elan_tab_export_in_english_with_a_duration_and_a_translation_tier() -> None:
    # English ELAN, begin and duration in milliseconds only, a translation tier beside the speech.
    export = (
        "Begin Time - msec\tDuration - msec\tInterviewer\tGuest\tTranslation\n"
        "1200\t2300\tWhere did you grow up?\t\t¿Dónde creciste?\n"
        "4000\t1500\t\tIn Bilbao.\tEn Bilbao.\n"
    )
    episode = read("export.txt", export)
    assert timeline(episode) == [
        (1.2, 3.5, "Interviewer", "Where did you grow up?"),
        (4.0, 5.5, "Guest", "In Bilbao."),
    ]
    assert episode.extra["tiers"]["Translation"]["annotations"] == [[1.2, 3.5, "¿Dónde creciste?"],
                                                                    [4.0, 5.5, "En Bilbao."]]  # fmt: skip


def _short_textgrid(tiers: list[tuple[str, list[tuple[float, float, str]]]]) -> str:
    """A TextGrid in Praat's short text form, interval tiers only."""
    out = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "0", "10", "<exists>", str(len(tiers))]
    for name, intervals in tiers:
        out += ['"IntervalTier"', f'"{name}"', "0", "10", str(len(intervals))]
        for start, end, text in intervals:
            out += [str(start), str(end), f'"{text}"']
    return "\n".join(out) + "\n"


def test_labbcat_tiers_named_kind_first_are_read_once_by_their_speaker() -> None:
    # LaBB-CAT's export of an interview (nzilbb/ag's converter tests, see SOURCES.md): "turn" tiers of
    # who speaks, then "utterance - participant" and "word - participant". Each utterance was stored
    # twice (283 segments for 139), under speakers "utterance - participant" and "word - participant",
    # and the turn tier's "interviewer" as speech.
    text = _short_textgrid([
        ("turn", [(0.0, 4.0, "interviewer"), (4.0, 9.0, "participant")]),
        ("utterance - interviewer", [(0.0, 4.0, "so where did you grow up")]),
        ("utterance - participant", [(4.0, 9.0, "in the back left of the valley")]),
        ("word - interviewer", [(0.0, 1.0, "so"), (1.0, 2.0, "where"), (2.0, 2.5, "did"), (2.5, 3.0, "you"),
                                (3.0, 3.5, "grow"), (3.5, 4.0, "up")]),
        ("word - participant", [(4.0, 5.0, "in"), (5.0, 6.0, "the"), (6.0, 7.0, "back"), (7.0, 7.5, "left"),
                                (7.5, 8.0, "of"), (8.0, 8.5, "the"), (8.5, 9.0, "valley")]),
    ])  # fmt: skip
    episode = read("interview.TextGrid", text)
    assert timeline(episode) == [(0.0, 4.0, "interviewer", "so where did you grow up"),
                                 (4.0, 9.0, "participant", "in the back left of the valley")]


def test_exmaralda_in_the_inel_layout_reads_each_speakers_sentence_tier() -> None:
    # The INEL corpora tie their one word tier to one speaker though several speak; each speaker's
    # sentences are on a "ts" tier of their own. Every word went to KES (13 of 24 utterances wrong).
    episode = real("exmaralda-inel-nganasan-dialog.exb")
    assert [s.speaker for s in episode.segments] == ["KES", "PED", "KES", "PED"]
    assert episode.segments[1].text == "əə, tə sʼiti dʼalɨ isʼa konaɁa."
    assert "tx" in episode.extra["tiers"]


def test_a_tools_one_letter_gap_mark_is_no_speech() -> None:
    # wav2textgrid (TysonStanley/wav2textgrid, see SOURCES.md) fills each channel's gaps with "n" for
    # non-speech: 128 of 254 segments were the word "n".
    said = ["so how was the trip", "it was long", "did you drive", "we flew", "from where", "from denver",
            "and the kids", "they slept", "the whole way", "lucky you", "and the hotel", "it was fine"]
    one: list[tuple[float, float, str]] = []
    two: list[tuple[float, float, str]] = []
    for k, words in enumerate(said):
        tier, other = (one, two) if k % 2 == 0 else (two, one)
        tier.append((k * 1.5, k * 1.5 + 1.5, words))
        other.append((k * 1.5, k * 1.5 + 1.5, "n"))
    episode = read("conversation.TextGrid", _short_textgrid([("one", one), ("two", two)]))
    assert [s.text for s in episode.segments] == said
    assert [s.speaker for s in episode.segments] == ["one", "two"] * 6

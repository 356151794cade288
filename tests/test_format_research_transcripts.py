"""Speech research's transcripts: TalkBank CHAT (``.cha``), speech recognisers' CTM (``.ctm``) and
NIST STM (``.stm``).

CHAT is the standard of research corpora (TalkBank, CHILDES, AphasiaBank) and what batchalign
writes; CTM is a word a line, as Kaldi and sclite write it; STM a segment a line, the reference
transcripts sclite scores against, as Transcriber exports them. All were read as plain text,
headers, codes, ids and dependent tiers in the words. The CHAT and STM files are real
(tests/data/real, SOURCES.md); the CTM's real source has no licence, so its shape is a faithful
sample written here.
"""

from __future__ import annotations

import pytest
from conftest import REAL, read, real, timeline

from podsift.model import SourceRejected


def test_chat_utterances_are_segments_timed_by_their_bullets_without_tiers_or_codes() -> None:
    # Read as plain text before: 59 segments of '@Begin', '%mor: pron|I-Prs-Nom-S1~aux|…' and
    # '*PAR0: Hello . 125_475', nobody speaking and every time estimated.
    episode = real("chat-batchalign-bullets-mor-gra-wor.cha")
    assert episode.source_format == "chat"
    assert len(episode.segments) == 13
    assert timeline(episode)[:2] == [
        (0.125, 0.475, "Participant", "Hello."),
        (0.985, 2.395, "Participant", "this is a test of wake-up."),
    ]
    texts = [s.text for s in episode.segments]
    assert "test test." in texts  # "test [/] test ."
    assert "but um here's some retracing." in texts  # "but &-um here's some retracing ."
    assert "um i like i like i like beans." in texts  # "&-um <i like i like> [/] i like beans ."
    words = " ".join(texts)
    assert "|" not in words and "PAR0" not in words and "@" not in words and "125_475" not in words
    assert not episode.extra.get("times_estimated")
    assert episode.extra["media_file"] == "test"
    (aside,) = [r.detail for r in episode.repairs if r.kind == "tiers_set_aside"]
    assert "%mor (parts of speech, 13), %gra (grammatical relations, 13), %wor (word times, 12)" in aside


def test_chat_interview_speakers_gems_and_continuation_lines() -> None:
    # An interview without bullets: the two adults by their roles (as @Participants gives them), the
    # @G gems as chapters, a line opening with a tab part of the utterance above it.
    episode = real("chat-talkbank-picture-and-story-interview-gems.cha")
    assert episode.speakers == ["Participant", "Investigator"]
    assert [c.title for c in episode.chapters] == ["Rockwell", "Cinderella Intro", "Cinderella"]
    texts = [s.text for s in episode.segments]
    assert texts[0] == "tell me um a story about this picture."
    assert "and then by the time they arrive at their destination, it's uh dark." in texts
    assert "mom is in the on the passenger side." in texts  # "<in the> [//] on the"
    assert "okay." in texts  # "okay . [+ exc]": the postcode is no word
    assert len(episode.segments) == 54
    assert episode.chapters[2].first_segment == 30
    assert texts[30] == "okay."


def test_chat_overlaps_pauses_and_word_markers_leave_the_words() -> None:
    episode = real("chat-talkbank-father-child-bullets-overlaps.cha")
    assert timeline(episode)[3:9] == [
        (5.396, 9.733, "Father", "mm nice fiu."),  # "(.) mm nice fiu@s:hun ."
        (9.733, 10.476, "Target Child", "nice fiu?"),
        (10.476, 11.219, "Father", "yeah."),
        (11.219, 12.249, "Target Child", "tape recorder?"),
        (12.249, 13.198, "Father", "that's the uh..."),  # "that's the &-uh [>] +/."
        (13.198, 13.514, "Target Child", "what's that?"),  # "<what's> [<] that ?"
    ]
    assert timeline(episode)[9][3] == "taperecorder over there."  # "+, taperecorder over there ."


# CHAT's codes as a sample: names in @Participants, a shared role, events, unintelligible speech,
# replacements, omitted sounds and words, fragments, lengthening, terminators, a comment tier.
SAMPLE = (
    "@UTF8\n@Begin\n@Languages:\teng\n"
    "@Participants:\tMOT Ann_Lee Mother, INV1 Investigator, INV2 Investigator, CHI Target_Child\n"
    "@Date:\t11-JUN-1997\n@Media:\thome, audio\n@Situation:\tat the kitchen table\n"
    "*MOT:\tyou wanna [: want to] go (be)cause it's ra:ining &=laughs . \x151000_2500\x15\n"
    "%com:\tpoints at the window\n"
    "*CHI:\txxx .\n"
    "*INV1:\tand the &+fr freezer 0is open +...\n"
    "*INV2:\twhat about the ice+cream [?] +/?\n"
    "*CHI:\t0 .\n"
    "@End\n"
)


def test_chat_codes_as_a_reader_sees_the_utterance() -> None:
    episode = read("home.cha", SAMPLE)
    assert timeline(episode) == [
        (1.0, 2.5, "Ann Lee", "you wanna go because it's raining."),
        (None, None, "Target Child", ""),
        (None, None, "INV1", "and the fr- freezer open..."),
        (None, None, "INV2", "what about the ice cream?"),
    ]
    assert episode.segments[0].directions == ["[laughs]"]
    assert episode.segments[1].directions == ["[unintelligible]"]
    assert episode.date == "1997-06-11"
    assert episode.extra["headers"] == {"Languages": "eng", "Situation": "at the kitchen table"}
    assert episode.extra["tiers"]["%com"] == {"kind": "comments", "annotations": [[1.0, 2.5, "points at the window"]]}
    assert any("1 marked '0.' (nothing said)" in r.detail for r in episode.repairs if r.kind == "tiers_read")


def test_chat_bullets_whose_control_characters_were_lost_still_time_the_utterance() -> None:
    episode = read("home.cha", SAMPLE.replace("\x15", ""))
    assert timeline(episode)[0] == (1.0, 2.5, "Ann Lee", "you wanna go because it's raining.")


# Kaldi's utterance-level CTM (a Singapore English corpus's test set, as ntuspeechlab/Kaldi_CombineCTM
# keeps it): an utterance id, channel 1, start and duration from the utterance's own start, the word,
# a trailing space.
UTTERANCE_CTM = (
    "nsc-part2-chn0-spk00002671maf-026710134 1 0.00 1.05 spring \n"
    "nsc-part2-chn0-spk00002671maf-026710134 1 1.05 0.72 singapore \n"
    "nsc-part2-chn0-spk00002671maf-026710134 1 1.80 0.27 cake \n"
    "nsc-part2-chn0-spk00002671maf-026710136 1 0.51 0.75 compassvale \n"
    "nsc-part2-chn0-spk00002671maf-026710136 1 1.26 0.39 drive \n"
    "nsc-part2-chn0-spk00002671maf-026710176 1 0.57 0.81 backpackers \n"
    "nsc-part2-chn0-spk00002671maf-026710176 1 1.41 0.24 in \n"
    "nsc-part2-chn0-spk00002671maf-026710176 1 1.65 0.81 chinatown \n"
)


def test_ctm_utterances_whose_times_restart_are_kept_apart_untimed_and_ids_are_no_words() -> None:
    # Read as plain text before: one paragraph of 'nsc-part2-chn0-spk00002671maf-026710134 1 0.00 1.05
    # spring nsc-part2-…', cut into five segments by its length.
    episode = read("test.ctm", UTTERANCE_CTM)
    assert episode.source_format == "ctm"
    assert timeline(episode) == [
        (None, None, None, "spring singapore cake"),
        (None, None, None, "compassvale drive"),
        (None, None, None, "backpackers in chinatown"),
    ]
    assert episode.extra["utterances"][1] == {"id": "nsc-part2-chn0-spk00002671maf-026710136", "start": 0.51,
                                              "end": 1.65, "first_segment": 1}  # fmt: skip
    assert any(r.kind == "times_restart" for r in episode.repairs)


def test_ctm_utterance_ids_that_give_their_span_place_them_on_the_recording() -> None:
    # Kaldi's segment ids: the recording, then the segment's start and end in centiseconds.
    ctm = (
        "sw02001-A_000098-001156 A 0.10 0.30 so\n"
        "sw02001-A_000098-001156 A 0.45 0.20 <unk>\n"
        "sw02001-A_000098-001156 A 0.65 0.20 tell\n"
        "sw02001-A_001300-001500 A 0.00 0.50 okay\n"
    )
    episode = read("call.ctm", ctm)
    assert timeline(episode) == [(1.08, 1.83, None, "so tell"), (13.0, 13.5, None, "okay")]
    assert any("1 unknown-word" in r.detail for r in episode.repairs)


def test_ctm_of_one_recording_joins_words_into_turns_and_channels_are_speakers() -> None:
    ctm = "\n".join([
        ";; a two-channel call",
        "sw02001 A 0.50 0.30 hello 0.98",
        "sw02001 A 0.85 0.20 there 0.91",
        "sw02001 B 1.20 0.40 hi",
        "sw02001 A 1.70 0.30 <sil>",
        "sw02001 B 1.70 0.40 <noise>",
        "sw02001 A 5.00 0.40 so",
        "sw02001 A 5.45 0.40 anyway",
    ])  # fmt: skip
    episode = read("call.ctm", ctm)
    assert timeline(episode) == [
        (0.5, 1.05, "Channel A", "hello there"),
        (1.2, 2.1, "Channel B", "hi"),
        (5.0, 5.85, "Channel A", "so anyway"),
    ]
    assert episode.segments[1].directions == ["[noise]"]


def test_ctm_of_several_calls_keeps_each_calls_times_and_sides_and_reads_sclites_marks() -> None:
    # sclite's test hypothesis (usnistgov/SCTK, lvc_hyp.ctm; the words written here): two calls of two
    # channels each, tags after a semicolon, an escaped semicolon, an alternation of two choices. It was
    # read as four untimed utterances, tags, escapes and both choices in the words.
    ctm = "\n".join([
        ";; two calls scored together",
        "5120 A 0.20 0.30 WELL;t1",
        "5120 A 0.55 0.25 I;t1;t2",
        "5120 B 1.20 0.30 RIGHT;;t2",
        "5120 A 1.60 0.30 B\\;C;t1",
        "5120 A *     *    <ALT_BEGIN>",
        "5120 A 2.00 0.30 SEE",
        "5120 A *     *    <ALT>",
        "5120 A 2.00 0.30 SEA",
        "5120 A *     *    <ALT_END>",
        "6230 A 0.10 0.40 HELLO",
        "6230 B 0.80 0.30 HI",
        "6230 A 1.30 0.30 THERE",
    ])  # fmt: skip
    episode = read("calls.ctm", ctm)
    assert timeline(episode) == [
        (0.2, 2.3, "5120-A", "WELL I B;C SEE"),
        (1.2, 1.5, "5120-B", "RIGHT"),
        (0.1, 1.6, "6230-A", "HELLO THERE"),
        (0.8, 1.1, "6230-B", "HI"),
    ]
    assert episode.extra["recordings"] == [{"id": "5120", "first_segment": 0}, {"id": "6230", "first_segment": 2}]
    assert not any(r.kind == "unreadable_lines" for r in episode.repairs)


def test_gecko_ctm_names_speakers_by_their_ids_and_puts_lines_listed_by_speaker_in_time_order() -> None:
    # Gecko's CTM export (gong-io/gecko, samples/demo1.ctm; its shape, our words): each id is a segment named
    # after its speaker, the lines sorted by id, so one speaker's words all come first; "<NA>" is no one.
    ctm = "\n".join([
        "<NA>_00002_audio 1 00009.10 0.50 hmm 0.9",
        "Ana_00000_audio 1 00000.20 0.40 Good -1.00",
        "Ana_00000_audio 1 00000.60 0.50 morning. -1.00",
        "Ana_00003_audio 1 00011.00 0.40 See -1.00",
        "Ana_00003_audio 1 00011.40 0.50 you. -1.00",
        "Ben_00001_audio 1 00002.00 0.30 Hello -1.00",
        "Ben_00001_audio 1 00002.30 0.60 there. -1.00",
        "Ben_00004_audio 1 00013.00 0.50 <NA> -1.00",
    ])
    episode = read("demo.ctm", ctm)
    assert timeline(episode) == [
        (0.2, 1.1, "Ana", "Good morning."), (2.0, 2.9, "Ben", "Hello there."), (9.1, 9.6, None, "hmm"),
        (11.0, 11.9, "Ana", "See you."),
    ]  # fmt: skip


def test_stm_segments_keep_their_speakers_and_times_and_leave_transcribers_marks_out_of_the_words() -> None:
    # A Wolof radio talk Transcriber exported as STM. Read as plain text before: 742 untimed segments with
    # 'wol_4210 1 locuteur_1 0.000 53.831 <o,f1,male> [musique] nawet bi … projet :fra bii' in the words.
    episode = real("stm-kallaama-wolof-radio-transcriber-export.stm")
    assert episode.source_format == "stm"
    assert episode.speakers == ["locuteur_1", "locuteur_2"]
    first = episode.segments[0]
    assert (first.start, first.end, first.speaker) == (0.0, 53.831, "locuteur_1")
    assert first.text.startswith("nawet bi door na ndax taw yu njëkk yi gis nañu leen ba tax na projet bii di ECHO")
    assert first.directions[0] == "[musique]"
    assert timeline(episode)[6:9] == [
        (219.531, 219.893, "locuteur_1", ""),  # "%hum %hum": the host's hesitations, said by him, no words
        (219.893, 228.723, "locuteur_2", "en meme temps tamit am nañu ay buraux DRDR maanaam mooy agriculture "
                                         "gu Louga xam naa bu delloo ci"),
        (228.723, 238.801, "locuteur_1", "mooy voilà léegi nag pour dugg ci waxtaan bi xam nga thème bi dañ ne "
                                         "fertilisation et gestion durable des sols tey boo ñu ko doon faram "
                                         "facceel thème bi lan la"),
    ]  # fmt: skip
    assert episode.segments[6].directions == ["[%hum]", "[%hum]"]
    assert episode.segments[7].directions == ["[r]", "[%e]"]
    words = " ".join(s.text for s in episode.segments)
    assert ":fra" not in words and "%" not in words and "<o," not in words and "[" not in words
    assert " fra " not in words and "bon xam naa monsieur Ba" in words  # "bon: fra", the tag's colon slipped
    assert "pour jo- dolli suufam" in words  # "jo()": a word cut off
    assert "inter_segment_gap" not in words and "ignore_time_segment_in_scoring" not in words
    assert episode.extra["word_languages"] == {"fra": 262}
    assert episode.extra["excluded_regions"] == [[1103.354, 1106.049]]
    assert episode.extra["audio_filename"] == "wol_4210"
    assert episode.segments[-1].end == 1128.199
    report = {r.kind: r.detail for r in episode.repairs}
    assert report["transcriber_marks"].startswith("124 hesitations")
    assert "1 inter_segment_gap line makes nothing" in report["not_speech"]


def test_stm_of_a_scoring_set_reads_sclite_tokens_and_refuses_lines_with_no_words() -> None:
    # TED-LIUM's shape: the talk as speaker, a label, lower-case words and sclite's {NOISE} tokens.
    stm = "\n".join([
        ";; CATEGORY \"0\" \"\" \"\"",
        "AlGore_2009 1 AlGore_2009 17.82 28.81 <o,f0,male> {NOISE} thank you so much chris",
        "AlGore_2009 1 inter_segment_gap 28.81 29.05 <o,f0,>",
        "AlGore_2009 1 AlGore_2009 29.05 40.10 <o,f0,male> it 's truly a great honor to have the opportunity",
        "AlGore_2009 1 AlGore_2009 40.10 44.00 <o,f0,male> ignore_time_segment_in_scoring",
    ])  # fmt: skip
    episode = read("talk.stm", stm)
    assert timeline(episode) == [
        (17.82, 28.81, "AlGore_2009", "thank you so much chris"),
        (29.05, 40.1, "AlGore_2009", "it 's truly a great honor to have the opportunity"),
    ]
    assert episode.segments[0].directions == ["[noise]"]
    assert episode.extra["excluded_regions"] == [[40.1, 44.0]]
    # An English talk's "it:" before a word is no language tag.
    assert read("talk.stm", stm.replace("to have", "to: it have")).segments[1].text.endswith("to: it have the opportunity")
    with pytest.raises(SourceRejected, match="STM file with no words"):
        read("gaps.stm", "\n".join(f"a 1 inter_segment_gap {k}.0 {k}.5 <o,f0,>" for k in range(4)))


def test_stm_alternations_read_as_their_first_choice_and_escapes_are_undone() -> None:
    # sclite's own test reference for a two-sided call (usnistgov/SCTK, lvc_refe.stm; the words written
    # here): category labels, "{ um / uh }" alternations, "@" for saying nothing, an escaped semicolon.
    # The alternations and escapes were kept as words.
    stm = "\n".join([
        ';; CATEGORY "1" "Alternations" "Segments W or W/O Alternations"',
        ';; LABEL "WA" "With Alt" "Segments Containing Alternations"',
        "4410 a 4410-a 0.50 4.20 <O,F0,M> we { um / uh } planted the b\\;c beans { e- / @ } early",
        "4410 b 4410-b 4.30 6.00 <O,WA> { @ / oh } nice { a seventy-two / seventy two } days",
        "4410 a 4410-a 6.10 7.00 <O,NA> thanks",
    ])  # fmt: skip
    episode = read("call.stm", stm)
    assert timeline(episode) == [
        (0.5, 4.2, "4410-a", "we um planted the b;c beans e- early"),
        (4.3, 6.0, "4410-b", "nice a seventy-two days"),
        (6.1, 7.0, "4410-a", "thanks"),
    ]
    assert episode.extra["segment_labels"] == {"<O,F0,M>": 1, "<O,WA>": 1, "<O,NA>": 1}
    assert "4 alternations" in next(r.detail for r in episode.repairs if r.kind == "transcriber_marks")


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.cha")))
def test_chat_files_are_never_read_as_plain_text(name: str) -> None:
    assert real(name).source_format == "chat"


def test_chat_older_fillers_untranscribed_speech_and_event_codes_read_as_chat_means_them() -> None:
    # The older CHAT's "&um" fillers and "&www" (kelvin-273/ensemble-methods-for-sli), and codes
    # written as events after the words (SeedlingsBabylab/audio_times, LENA's CHAT): '&www.' and '&um'
    # were words, '[q n MOT] [w0 68]' were read as the words said, '&=w5_02' lost its "02".
    text = ("@UTF8\n@Begin\n@Participants:\tINV Ana Investigator , CHI Target_Child\n"
            "*INV:\t&www .\n*CHI:\tand &er the frog &um jumped .\n"
            "*CHI:\tfrog &=q_n_MOT &=w0_68 .\n*CHI:\t&=w5_02 .\n*CHI:\t&=crying .\n*CHI:\t0 .\n@End\n")
    episode = read("story.cha", text)
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Ana", "", ["[untranscribed]"]),
        ("Target Child", "and er the frog um jumped.", []),
        ("Target Child", "frog.", ["[q n MOT]", "[w0 68]"]),
        ("Target Child", "", ["[w5 02]"]),
        ("Target Child", "", ["[crying]"]),
    ]

"""Rules for unusual shapes must leave ordinary transcripts as they are.

Each case here was read wrongly by a rule written for another shape (a scraped earnings call, a
hearing record, a site page without a transcript, Japanese subtitles...), until the rule was narrowed.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import read

from podsift import formats
from podsift.formats import cues, labels, tei_spoken
from podsift.model import Episode, SourceRejected


def parse(text: str, name: str) -> Episode:
    return formats.parse(text, Episode(id="x"), name)


def test_dialogue_written_name_dash_words_keeps_its_words() -> None:
    lines = ["Alice — Thanks for joining us today.", "Mayor Brown — Happy to be here.",
             "Alice — Let's talk about the budget first.", "Mayor Brown — Sure, the budget is tight this year.",
             "Alice — How tight?", "Mayor Brown — Very tight."]
    said = " ".join(s.text for s in parse("\n".join(lines) + "\n", "talk.txt").segments)
    assert "Happy to be here" in said and "budget is tight" in said


def test_a_wrapped_answer_keeps_its_timed_segments_over_its_whole_text() -> None:
    segments = [{"start": k * 5, "end": k * 5 + 5, "text": f"Sentence number {k} of the talk."} for k in range(6)]
    answer = {"status": "succeeded", "text": " ".join(s["text"] for s in segments) + " word" * 60,
              "output": {"segments": segments}}
    episode = parse(json.dumps(answer), "answer.json")
    assert [s.start for s in episode.segments] == [0, 5, 10, 15, 20, 25]


def test_a_short_talk_under_headings_whose_words_fill_its_length_is_a_transcript() -> None:
    page = ('---\ntitle: Breathing\nduration: "1:10"\n---\n\n## Breathe in\n\n' + "Breathing in, I know I am breathing in. " * 5
            + "\n\n## Breathe out\n\n" + "Breathing out, I smile to my body. " * 5 + "\n")
    episode = parse(page, "breathing.md")
    assert len(episode.segments) == 2 and [c.title for c in episode.chapters] == ["Breathe in", "Breathe out"]


def test_words_glued_to_a_prefix_are_no_labels_where_the_labels_are_spaced() -> None:
    text = ("Alice: Welcome back to the show.\n\nBob: Thanks, glad to be here.\n\nCorrection:The date was March.\n\n"
            "Alice: Right, March it was.\n\nCorrection:The venue was Leeds.\n\nBob: Leeds, yes.\n")
    assert {s.speaker for s in parse(text, "show.txt").segments} == {"Alice", "Bob"}


def test_two_paragraphs_of_prose_opening_with_a_surname_in_capitals_name_no_speakers() -> None:
    text = "Dr. HOUSE. Known for his bedside manner, he arrived first.\n\nMs. JONES. She chaired the panel and kept time.\n"
    assert {s.speaker for s in parse(text, "notes.txt").segments} == {None}


def test_a_quoted_cue_id_that_names_no_one_and_a_cues_own_label_win() -> None:
    text = ('WEBVTT\n\n3 "Chapter 1"\n00:00:01.000 --> 00:00:04.000\nWelcome to chapter one.\n\n'
            '4 "Dana Ruiz"\n00:00:04.000 --> 00:00:06.000\nBob: thanks.\n')
    assert [s.speaker for s in parse(text, "talk.vtt").segments] == [None, "Bob"]


def test_a_caption_of_a_name_alone_in_brackets_is_no_sound() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n[John]\n\n2\n00:00:02,000 --> 00:00:04,000\nHello there, everyone.\n"
    assert "[John]" not in [d for s in parse(text, "talk.srt").segments for d in s.directions]


def test_japanese_sounds_in_parentheses_before_a_name_are_sounds_and_the_name_speaks() -> None:
    text = ("1\n00:00:01,000 --> 00:00:03,000\n（ノック）\n（秋乃）どうぞ\n\n2\n00:00:03,000 --> 00:00:05,000\n"
            "（チャイム）はーい\n")
    episode = parse(text, "anime.ja.srt")
    assert "ノック" not in {s.speaker for s in episode.segments} and "チャイム" not in {s.speaker for s in episode.segments}


def test_a_chapter_list_after_the_last_turn_is_no_second_copy() -> None:
    turns = "\n\n".join(f"Ann Lee ({m:02d}:10): Let's talk about topic {m}, which matters a great deal to everyone here."
                        for m in range(12))
    chapters = "\n".join(f"{m}:05 Topic {m} and why it matters" for m in range(12))
    episode = parse(f"{turns}\n\nTimestamps\n\n{chapters}\n", "show.md")
    assert "second_copy" not in {r.kind for r in episode.repairs}


def test_tei_with_a_doctype_a_corpus_of_two_sittings_and_two_speakers_at_once() -> None:
    def tei(who: str, words: str) -> str:
        return f'<TEI><text><body><u who="{who}"><seg>{words}</seg></u></body></text></TEI>'

    text = ('<?xml version="1.0"?>\n<!DOCTYPE teiCorpus SYSTEM "tei_all.dtd">\n<teiCorpus>'
            + tei("#Ann #Bob", "Good morning.") + tei("#Cy", "Good evening.") + "</teiCorpus>")
    episode = read("sittings.xml", text)
    assert [(s.speaker, s.text) for s in episode.segments] == [("Ann", "Good morning."), ("Cy", "Good evening.")]


def test_new_patterns_stay_linear_on_hostile_text() -> None:
    # CPU time, not wall time: these bounds catch quadratic parsing, and a loaded machine slows the wall clock.
    started = time.process_time()
    tei_spoken.sniff("<!-- a -->\n" * 40 + "<TEI>")
    cues._BRACKET_COLON_LABEL.sub("", "Ann: [" + " " * 100_000 + "[1:]")
    labels.is_credit_line("Transcribed, " + " " * 50_000 + "x")
    assert time.process_time() - started < 2


def test_openparliament_sniff_reads_each_tag_once() -> None:
    # Review: the first sniff regex rescanned a tag from every 'class=' in it: 90 KB took 8.5 s.
    from podsift.formats import debate_xml

    started = time.process_time()
    assert not debate_xml.sniff("<div " + "class='statement' " * 20_000)
    assert time.process_time() - started < 2


def test_labels_from_parliaments_leave_ordinary_transcripts_alone() -> None:
    # Review repros: a transcript typed in capitals, a place before a dash, a numbered tip with a
    # bracket and a colon. Each had become a note, a speaker or a lost line.
    caps = read("caps.txt", "MIKE: so what happened next\n\nJANE: OK I think so\n\nMIKE: really\n\nJANE: YEAH I know right\n")
    assert [s.speaker for s in caps.segments] == ["MIKE", "JANE", "MIKE", "JANE"]
    place = read("p.txt", "Anna: Where did you grow up?\n\nBob: In the north.\n\nLondon, England. – The city was huge then.\n")
    assert (place.segments[-1].speaker, place.segments[-1].text) == ("Bob", "London, England. – The city was huge then.")
    tips = read("t.txt", "Anna: Here are my three tips.\n\n1. Sleep (at least eight hours): it matters most.\n\n"
                "2. Exercise (even a walk): every day.\n\nBob: Great tips.\n")  # fmt: skip
    assert [(s.speaker, s.text[:8]) for s in tips.segments] == [
        ("Anna", "Here are"), ("Anna", "1. Sleep"), ("Anna", "2. Exerc"), ("Bob", "Great ti")]


def test_time_of_day_lines_beside_turn_clocks_and_over_days() -> None:
    # Review repros: "(10.00 am)" lines among turns that carry their own times mixed two clocks; and the
    # next morning's "(10.00 am)" after "(4.30 pm)" went back to the start.
    mixed = read("x.md", "**Anna:** \\[00:05\\] hello there, welcome.\n\n(10.00 am)\n\n**Bob:** \\[10:00\\] later on.\n\n"
                 "(10.30 am)\n\n**Anna:** \\[40:00\\] the end of it.\n")  # fmt: skip
    assert [s.start for s in mixed.segments if s.text] == [5.0, 600.0, 2400.0]
    days = read("court.txt", "(10.00 am)\n\nMR SMITH: Day one.\n\n(4.30 pm)\n\nMR SMITH: Adjourned until tomorrow.\n\n"
                "(10.00 am)\n\nMR SMITH: Day two.\n")  # fmt: skip
    assert [s.start for s in days.segments if s.text] == [0.0, 23400.0, 86400.0]


def test_openparliament_pages_titles_headings_and_statements_without_paragraphs() -> None:
    page = """<html><head><title>House of Commons debates, 13 June 2011</title></head><body>
<div class="statement" data-h1="Government Orders" data-h2="Budget" data-h3="Bill C-3" data-person-speaking-attribution="Mr. A (X, Lib.)" data-timestamp="2011-06-13 10:00:00"><svg><title>Permalink</title></svg>Hello there.</div>
<div class="statement" data-h1="Government Orders" data-h2="Budget" data-person-speaking-attribution="Mr. B (Y, CPC)" data-timestamp="2011-06-13 10:05:00">Second one.</div>
</body></html>"""
    episode = read("p.html", page)
    assert episode.title == "House of Commons debates, 13 June 2011"  # not "…2011Permalink"
    assert [(s.speaker, s.text) for s in episode.segments] == [("Mr. A", "Hello there."), ("Mr. B", "Second one.")]
    assert [c.title for c in episode.chapters] == ["Government Orders", "Budget", "Bill C-3"]  # "Budget" once


def test_court_records_new_patterns_stay_linear_and_leave_a_plays_scene_times_alone() -> None:
    # Review repros: "[?" then a run of spaces took 16,000 spaces to quadratic time in every format's
    # directions; a cover of dashes with no closing rule was searched from every dash; a play's
    # "(7:30 a.m., the kitchen.)" timed its scenes from one morning to the evening.
    from podsift.formats import plain_text
    from podsift.text import split_directions

    started = time.process_time()
    split_directions("He said [?" + " " * 100_000 + "and left.")
    assert plain_text._case_title("- " * 200_000) is None
    assert time.process_time() - started < 2
    play = read("play.txt", "NARRATOR: It was an ordinary Tuesday.\n\n(7:30 a.m., the kitchen. Coffee is brewing.)\n\n"
                "MOM: Did anyone see my keys?\n\n(5:45 p.m., the same kitchen.)\n\nMOM: Well, that was a long day.\n")  # fmt: skip
    assert all(s.start is None for s in play.segments) and "day_clocks" not in {r.kind for r in play.repairs}


def test_court_and_show_rules_leave_ordinary_transcripts_alone() -> None:
    # Review repros for the court-record, typed-page, scene-heading, bracket and caption-tag rules.
    import textwrap

    from podsift.formats.plain_text import _SCENE_HEADING

    # An answer's clock is no word index: after "P R O C E E D I N G S" every answer stays.
    qa = ["Q. What time did you leave?", "A. About 7:45.", "Q. And arrive?", "A. At 8:30 or so."] * 9
    depo = read("depo.txt", "SUPERIOR COURT\n\nP R O C E E D I N G S\n\n" + "\n\n".join(qa))
    assert len(depo.segments) == 36 and "P R O C E E D I N G S" in next(
        r.detail for r in depo.repairs if r.kind == "court_record")
    # Double-spaced transcripts whose labels sit at the margin, or hang over their turns, keep their turns.
    lines = []
    for n in range(12):
        lines += ["Q:  So tell me about the early days of the company and how", "",
                  "you got started in it, and who hired you then?", "",
                  "A:  Well, it was 1962 and I had just come back from the", "",
                  "army, so I needed work. Mr. Carter hired me at the plant.", ""]  # fmt: skip
        if n % 3 == 0:
            lines += ['     "We need men who can read a blueprint," he said to', "", "     me on the very first day.", ""]
    margin = read("oral.txt", "\n".join(lines))
    assert "typed_pages" not in {r.kind for r in margin.repairs} and {"Q", "A"} <= {s.speaker for s in margin.segments}
    hanging = []
    for label, said in [("INTERVIEWER:", "So tell me about the early days of the company and how you got started."),
                        ("SMITH:", "Well, it was 1962 and I had just come back from the army, so I needed work.")] * 16:
        wrapped = textwrap.wrap(said, 50)
        hanging += [f"{label:<14}{wrapped[0]}", ""] + [x for rest in wrapped[1:] for x in (" " * 14 + rest, "")]
    hung = read("oral2.txt", "\n".join(hanging))
    assert [s.speaker for s in hung.segments].count("SMITH") >= 16
    # An interpreter's bracketed sentence is speech; talks about HTML keep their tags; "INT." lines in a
    # turn are no scene headings.
    translated = "[Hello everyone, welcome to the show. Today we talk about the history of our town.]"
    said = read("t.txt", f"ANA: Hola a todos.\n\n{translated}\n\nPEDRO: Gracias, Ana.\n")
    assert [s.text for s in said.segments][1] == translated
    html = read("h.txt", "HOST: You open italics with <i> and close it with </i>.\n\nGUEST: So x <i and y> z breaks.\n")
    assert [s.text for s in html.segments] == ["You open italics with <i> and close it with </i>.", "So x <i and y> z breaks."]
    figures = read("s.txt", "Speaker 1: Here are the figures.\nINT. RATE 4.5%\nEXT. WARRANTY 2 YEARS\nSpeaker 2: Thanks.\n")
    assert not figures.chapters
    started = time.process_time()
    _SCENE_HEADING.findall("INT." + " " * 50_000 + "x\n")
    assert time.process_time() - started < 2


def test_second_review_labels_counters_and_tracks() -> None:
    # Review repros: a dispatcher's unit and a call's far end are speakers; a quiz's "Clue:" said inside
    # lines is not; a senator's one question in a hearing record is hers; a caption file of short cues
    # named chapters.vtt is still captions; a long line of labels after dashes is read in linear time.
    from podsift.formats.chapters_file import is_chapter_track
    from podsift.formats.plain_text import _spaced_labels
    from podsift.model import Episode

    radio = read("r.txt", "DISPATCH: Unit three, respond.\n\nMOBILE 3: Heading north now.\n\nDISPATCH: Copy.\n\n"
                 "MOBILE 3: On scene.\n\nDISPATCH: Copy that.\n\nMOBILE 3: All clear.\n")  # fmt: skip
    assert [s.speaker for s in radio.segments].count("MOBILE 3") == 3
    quiz = read("q.txt", "Ann: First one. Clue: it is red.\n\nBob: An apple? Clue: it grows on vines.\n\n"
                "Ann: No. Clue: Italians love it.\n\nBob: A tomato!\n")  # fmt: skip
    assert {s.speaker for s in quiz.segments} == {"Ann", "Bob"}
    hearing = read("h.txt", "Mr. NIELDS. Now, Mr. Secord, when did you meet him?\n\nMr. SECORD. In 1985.\n\n"
                   "Mr. NIELDS. Where?\n\nMr. SECORD. In Washington.\n\nSenator Smith: I have a question for him.\n\n"
                   "Mr. SECORD. Go ahead.\n")  # fmt: skip
    assert "Senator Smith" in {s.speaker for s in hearing.segments}
    captions = "WEBVTT\n\n" + "".join(f"00:00:{k:02d}.000 --> 00:00:{k + 1:02d}.000\nSo I was thinking about it.\n\n"
                                      for k in range(50))
    assert not is_chapter_track(captions) and is_chapter_track("WEBVTT\n\n00:00.000 --> 00:05.000\nIntro\n")
    started = time.process_time()
    _spaced_labels("Ann: hi.\nBob: yo.\n" + "a -- Ann: b. " * 40_000, Episode(id="x"))
    assert time.process_time() - started < 5


# The review of the 4 December changes: each case misfired in a first version of them.


def test_a_transcript_table_in_its_own_paragraph_keeps_its_speech() -> None:
    text = ("## Part one\n\n| Speaker | Text |\n|---|---|\n| Alice | Welcome back to the show, everyone. |\n"
            "| Bob | Thanks for having me, it is great to be here. |\n")  # fmt: skip
    episode = parse(text, "interview.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Alice", "Welcome back to the show, everyone."), ("Bob", "Thanks for having me, it is great to be here.")]


def test_a_first_name_is_not_joined_to_a_full_name_still_heard_nor_a_role_to_its_holder() -> None:
    shared = parse("Sarah Johnson: Hi.\n\nSarah: Hi, I'm Sarah too.\n\nSarah Johnson: Ok.\n\nSarah: Yes.\n", "a.txt")
    assert shared.speakers == ["Sarah Johnson", "Sarah"]
    court = parse("Judge Smith: Order.\n\nJudge: Sit down.\n\nAna: Yes.\n\nJudge: Thanks.\n", "b.txt")
    assert court.speakers == ["Judge Smith", "Judge", "Ana"]
    jury = parse("Juror Five: Yes.\n\nJuror: No.\n\nAna: Ok.\n\nJuror: Fine.\n", "c.txt")
    assert jury.speakers == ["Juror Five", "Juror", "Ana"]


def test_the_surname_case_is_a_name() -> None:
    episode = parse("GUY RAZ: Steve, welcome.\n\nSTEVE CASE: Thanks, Guy.\n\nRAZ: So tell me how AOL started.\n\n"
                    "CASE: Well, it started as a gaming service.\n", "npr.txt")  # fmt: skip
    assert episode.speakers == ["GUY RAZ", "STEVE CASE"]


def test_a_bold_heading_with_a_colon_over_a_monologue_is_no_speaker() -> None:
    for label in ("Trigger Warning", "Spoiler Alert", "Quick Summary"):
        episode = parse(f"**{label}:** This episode discusses a hard year.\n\nWelcome back to the show.\n", "solo.md")
        assert not any(s.speaker for s in episode.segments), label


def test_a_tables_other_columns_stay_out_of_the_speakers_the_title_and_the_chapters() -> None:
    counted = parse("Start,End,Text,Character count\n0,2,Hello there,11\n2,4,General Kenobi,14\n4,6,You are bold,12\n", "a.csv")
    assert not counted.speakers and counted.segments[0].text == "Hello there"
    indexed = parse("segment,start,end,speaker,text\n0,0,2,A,Hello there\n1,2,4,B,Hi\n2,4,6,A,Bye now\n", "b.csv")
    assert not indexed.chapters
    titled = parse("name,title,start,text\nWarren,Senator,0,Hello\nSmith,Senator,2,Hi\nWarren,Senator,4,Bye\n", "c.csv")
    assert titled.title is None
    assert parse("date,speaker,start,text\n31.02.2024,A,0,Hello\n31.02.2024,B,2,Hi\n", "d.csv").date is None
    assert parse("episode,speaker,start,text\n²,A,0,Hello\n²,B,2,Hi\n", "e.csv").episode_number is None


def test_a_front_matter_key_named_tables_beside_a_notes_table_is_kept() -> None:
    episode = parse("---\ntitle: X\ntables: 2\n---\n\nAna: hi\n\n| Name | Org |\n|---|---|\n| Ana | X |\n\nBo: yo\n", "f.md")
    assert episode.extra["tables"] == 2 and episode.extra["markdown_tables"][0].startswith("| Name")


def test_r_tables_with_doubled_quotes_or_a_cell_past_the_csv_limit() -> None:
    doubled = parse('"character" "dialogue"\n"1" "LUKE" "He said ""run"" and left."\n"2" "HAN" "Fine."\n"3" "LUKE" "Go."\n',
                    "sw.txt")  # fmt: skip
    assert [(s.speaker, s.text) for s in doubled.segments][0] == ("LUKE", 'He said "run" and left.')
    long_cell = ('"character" "dialogue"\n' + "".join(f'"{k}" "LUKE" "line {k}"\n' for k in range(1, 30))
                 + '"30" "HAN" "' + "word " * 28_000 + '"\n')  # fmt: skip
    assert "word word" in " ".join(s.text for s in parse(long_cell, "long.txt").segments)


def test_an_agendas_bold_times_of_day_are_no_times_into_the_recording() -> None:
    episode = parse("**9:00** – Welcome and introductions.\n\n**10:30** – Coffee break.\n\n**11:00** – Panel.\n", "agenda.md")
    assert "9:00" in episode.segments[0].text and not any(s.start in (540.0, 630.0, 660.0) for s in episode.segments)


def test_angle_brackets_naming_an_element_stay_words() -> None:
    episode = parse("Ana: Right, the <audio> tag, and <video> too.\n\nBo: Yes.\n\nAna: Ok.\n", "talk.txt")
    assert episode.segments[0].text == "Right, the <audio> tag, and <video> too."


def test_captions_opening_with_a_greeting_to_an_assistant_name_no_speaker() -> None:
    lines = ["Okay Google What's the weather today", "Hey Siri Set a timer for ten", "Okay Google Play some music now",
             "Hey Siri What time is it", "Okay Google Turn off the lights", "Hey Siri Call my mother please"]
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{3 * k:02d}.000 --> 00:00:{3 * k + 3:02d}.000\n{line}\n\n" for k, line in enumerate(lines))
    episode = parse(vtt, "assistants.vtt")
    assert not episode.speakers and "Okay Google What's the weather today" in " ".join(s.text for s in episode.segments)


def test_a_twelve_hour_clock_goes_on_into_the_afternoon_not_the_next_day() -> None:
    episode = parse("部長：（11時35分）好的。\n主席：（11時40分）請。\n部長：（1時05分）下午好。\n主席：謝謝。\n", "ly.txt")
    assert [s.start for s in episode.segments[:3]] == [0.0, 300.0, 5400.0]


def test_japanese_words_longer_than_four_characters_are_still_words() -> None:
    words = [{"start": 0.5 * k, "end": 0.5 * k + 0.5, "text": w}
             for k, w in enumerate(["インターネット", "で", "お話しします", "ネットワークの", "仕組み", "について", "説明", "します。"])]
    episode = parse(json.dumps(words, ensure_ascii=False), "words.json")
    assert [s.text for s in episode.segments] == ["インターネットでお話ししますネットワークの仕組みについて説明します。"]


def test_a_list_of_places_and_coordinates_is_no_list_of_timed_words() -> None:
    from podsift.model import SourceRejected

    try:
        episode = parse(json.dumps([["Paris", 48.85, 2.35], ["Rome", 41.9, 12.5], ["Oslo", 59.9, 10.7]]), "places.json")
    except SourceRejected:
        return
    assert not episode.segments


def test_sections_named_before_their_links_are_no_speakers() -> None:
    text = "".join(f"{title} [(00:{m:02d}:00)](https://youtube.com/watch?v=abc&t={60 * m}) Words of the part.\n\n"
                   for title, m in (("Early Life", 0), ("First Startup", 5), ("Later Years", 9)))  # fmt: skip
    assert not parse(text, "notes.md").speakers


def test_runs_of_spaces_before_a_chinese_clock_or_a_table_row_read_in_linear_time() -> None:
    started = time.process_time()
    parse("甲：你好。\n乙：（" + " " * 80_000 + "x\n甲：好\n乙：好\n", "spaces.txt")
    parse("Ana: hi\n\n" + " " * 80_000 + "|x|\n|---|\n|a|\n\nBo: yo\n", "spaces.md")
    assert time.process_time() - started < 5



# The second review of the 4 December changes.


def test_angle_bracket_sounds_in_any_case_and_with_a_word_or_two() -> None:
    episode = parse("Ana: Well <Laughter> yes. <clears throat> So <laughs loudly> it went.\n\nBo: Ok.\n\nAna: Yes.\n", "oh.txt")
    assert episode.segments[0].text == "Well yes. So it went."
    assert episode.segments[0].directions == ["<Laughter>", "<clears throat>", "<laughs loudly>"]


def test_markdown_notes_with_classifiers_and_emoji_codes_are_not_org() -> None:
    text = ("# Packaging office hours, 2024-05-02\n\n* Ana Ruiz\n* Bo Chen\n\n- License :: OSI Approved :: MIT License\n\n"
            "Ana: Welcome, everyone.\n\n:tada:\n\nBo: Thanks for having me.\n\nAna: Let's start.\n")  # fmt: skip
    episode = parse(text, "office-hours.md")
    assert episode.source_format != "org"
    assert "Let's start." in " ".join(s.text for s in episode.segments)


def test_a_glossary_table_is_no_transcript() -> None:
    text = ("# Glossary\n\n| Name | Context | Notes |\n|---|---|---|\n| Ana Ruiz | the host | joined 2020 |\n"
            "| Bo Chen | a guest | twice |\n")  # fmt: skip
    assert not parse(text, "glossary.md").speakers


def test_japanese_subtitle_lines_without_their_stops_keep_their_times() -> None:
    lines = ["今日はいい天気ですね", "散歩に行きましょうか", "公園まで歩きましょう", "桜がきれいに咲いています"]
    data = [{"start": 2.0 * k, "end": 2.0 * k + 2.0, "text": line} for k, line in enumerate(lines)]
    episode = parse(json.dumps(data, ensure_ascii=False), "subs.json")
    assert [s.start for s in episode.segments] == [0.0, 2.0, 4.0, 6.0]


def test_a_first_name_that_is_also_a_word_joins_its_full_name() -> None:
    episode = parse("Mark Johnson: Hello, I'm Mark Johnson.\n\nAna: Hi.\n\nMark: Let's begin.\n\nAna: Sure.\n", "m.txt")
    assert episode.speakers == ["Mark Johnson", "Ana"]


def test_someone_asking_once_before_a_linked_clock_speaks() -> None:
    link = "https://youtube.com/watch?v=abc&t="
    text = (f"Joscha Bach [(00:00:00)]({link}0) First.\n\nLex Fridman [(00:01:00)]({link}60) Second.\n\n"
            f"Joscha Bach [(00:02:00)]({link}120) Third.\n\nDan Smith [(00:05:00)]({link}300) A question.\n\n"
            f"Lex Fridman [(00:06:00)]({link}360) Thanks.\n")  # fmt: skip
    episode = parse(text, "lex.md")
    assert ("Dan Smith", 300.0, "A question.") in [(s.speaker, s.start, s.text) for s in episode.segments]


def test_r_tables_with_an_empty_cell_still_read_escaped_quotes() -> None:
    text = ('"character" "dialogue"\n"1" "LUKE" ""\n"2" "HAN" "Fine."\n"3" "LUKE" "She said \\"no\\" to that."\n'
            '"4" "HAN" "Go."\n')  # fmt: skip
    episode = parse(text, "sw.txt")
    assert ("LUKE", 'She said "no" to that.') in [(s.speaker, s.text) for s in episode.segments]


def test_org_headings_and_items_with_long_runs_of_blanks_read_in_linear_time() -> None:
    started = time.process_time()
    parse("#+TITLE: T\n* h" + " " * 80_000 + "x\n- " + "\t" * 20_000 + "x\nWords.\n", "notes.org")
    assert time.process_time() - started < 5


# Third review (of the Japanese, Chinese and feed changes): words in scripts without capitals are
# names only where the layout sets a name apart.
@pytest.mark.parametrize(("text", "name"), [
    ("会议主题: 产品评审\n时间: 2024年5月1日\n地点: 北京\n\n今天的会议主要讨论新版本的功能。\n\n大家都同意下周发布。\n", "m.txt"),
    ("WEBVTT\n\n00:00.000 --> 00:03.000\n[音乐] 大家好欢迎收看\n\n00:03.000 --> 00:06.000\n[音乐] 这个话题很有意思\n\n"
     "00:06.000 --> 00:09.000\n[掌声] 谢谢大家\n\n00:09.000 --> 00:12.000\n[掌声] 好的我们开始\n", "c.vtt"),
    ("1\n00:00:01,000 --> 00:00:03,000\nv1: slow but simple.\n\n2\n00:00:03,000 --> 00:00:05,000\nv2: fast and complex.\n\n"
     "3\n00:00:05,000 --> 00:00:07,000\nSo pick v2.\n", "versions.srt"),
])
def test_words_in_scripts_without_capitals_and_versions_before_a_colon_are_no_speakers(text: str, name: str) -> None:
    assert parse(text, name).speakers == []


def test_japanese_notes_said_once_in_brackets_are_no_voices() -> None:
    lines = ["（司会）皆さんこんばんは", "（ゲスト）こんばんは", "（司会）今日はよろしく", "（ゲスト）よろしくお願いします",
             "（チャイム）はい", "（司会）誰か来ましたね", "（ドアを開ける）失礼します", "（英語）Thank you"]
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\n{line}\n\n" for k, line in enumerate(lines))
    assert set(parse(vtt, "talk.vtt").speakers) == {"司会", "ゲスト"}


@pytest.mark.parametrize("lines", [
    "I could barely hear her.\nShe spoke in a whisper.\nThen she left the room.\n\nAnd the story goes on.\n",
    "Our guest today is Scott Stephenson, CEO of Deepgram.\nHe talks about speech.\n\nWelcome, Scott.\n",
])
def test_a_line_naming_a_speech_tool_is_no_header_unless_it_says_the_tool_wrote_the_text(lines: str) -> None:
    episode = parse(lines, "story.txt")
    assert episode.title is None and "credit" not in episode.extra
    assert episode.segments[0].text.startswith(lines.split("\n")[0])


def test_a_first_name_one_letter_longer_is_another_person() -> None:
    text = "Dana White: Welcome.\n\nJohn Smith: Thanks.\n\nDan: I am Dan Lee, by the way.\n\nJohn Smith: Hi Dan.\n"
    assert "Dan" in parse(text, "x.txt").speakers


def test_a_transcript_heading_keeps_a_title_that_opens_with_a_foreign_preposition() -> None:
    page = "# Transcript Do Androids Dream\n\nAnn: Hello there.\n\nBo: Hi.\n\nAnn: Let us start.\n"
    assert parse(page, "ep.md").title == "Do Androids Dream"


def test_a_folded_block_of_original_show_notes_is_no_original_transcript() -> None:
    page = ("<html><body><h1>Ep 12</h1>" + "".join(f"<p>Host: Turn {k} of the talk about Rust.</p>" for k in range(6))
            + "<details><summary>Original show notes</summary>" + "".join(f"<p>Note {k}.</p>" for k in range(3))
            + "</details></body></html>")
    episode = parse(page, "ep12.html")
    assert "translations" not in episode.extra and episode.segments[0].text.startswith("Turn 0")


def test_guests_named_with_links_stay_in_the_show_notes() -> None:
    page = ("# Ep 3\n\nGuests: [Jane Doe](https://jane.dev) [John Roe](https://john.dev)\n\n## Transcript\n\n"
            "Ann: Hello.\n\nBo: Hi.\n\nAnn: Welcome, Jane and John.\n")
    assert "Jane Doe" in parse(page, "ep3.md").extra["show_notes"]


# Fourth review (of the third's mends).
def test_a_transcript_heading_over_a_download_link_keeps_the_talk_under_the_headings_after_it() -> None:
    page = ("# Episode 40: Rivers\n\nNotes on rivers.\n\n## Transcript\n\n[Download the transcript as PDF](https://x.org/40.pdf)\n\n"
            "## Introduction\n\n**Host:** Welcome to the show, today we're talking about rivers.\n\n**Guest:** Thanks for having me.\n\n"
            "## Floods\n\n**Host:** Tell us about floods.\n\n**Guest:** They come every spring.\n")
    assert [s.speaker for s in parse(page, "ep40.md").segments] == ["Host", "Guest", "Host", "Guest"]


@pytest.mark.parametrize("header", ["| Timestamp | Speaker | Content |", "| Time | Speaker | Transcript |"])
def test_a_transcript_set_as_a_table_under_its_heading_keeps_its_rows(header: str) -> None:
    page = (f"# Episode 12\n\n## Transcript\n\n{header}\n|---|---|---|\n| 00:01 | Host | Welcome to the show about soil. |\n"
            "| 00:05 | Dana | Thanks, glad to be here today. |\n")
    assert "soil" in " ".join(s.text for s in parse(page, "ep12.md").segments)


@pytest.mark.parametrize("label", ["说话人", "发言人", "話者"])
def test_numbered_ids_in_chinese_and_japanese_still_name_speakers(label: str) -> None:
    srt = "".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{label}{k % 2 + 1}：第{k}句话。\n\n" for k in range(6))
    assert parse(srt, "m.srt").speakers == ["Speaker 1", "Speaker 2"]


def test_chinese_captions_labelled_where_the_voice_changes_keep_their_speakers() -> None:
    cues = ["主持人：欢迎收听本期节目", "今天我们请到了一位嘉宾", "他在人工智能领域工作了十年", "嘉宾：谢谢邀请",
            "很高兴来到这里", "主持人：我们先聊聊你的工作", "你每天做什么", "嘉宾：我主要做研究", "也带学生",
            "主持人：好的", "谢谢你"]  # fmt: skip
    srt = "".join(f"{k + 1}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 2:02d},000\n{c}\n\n" for k, c in enumerate(cues))
    assert set(parse(srt, "ep.srt").speakers) == {"主持人", "嘉宾"}


def test_zoom_surname_first_names_with_pronouns_or_a_team_are_names() -> None:
    text = ("[Natarajan, Nikitha] 12:51:44\nOkay, let us start.\n\n[Smith, John (he/him)] 12:51:58\nSure, I go first.\n\n"
            "[Natarajan, Nikitha] 12:52:10\nGreat, thanks John.\n\n[García Márquez, José - ACME] 12:52:30\nA question.\n")
    assert parse(text, "meeting_saved_closed_caption.txt").speakers == [
        "Natarajan, Nikitha", "Smith, John (he/him)", "García Márquez, José - ACME"]


def test_a_name_in_hiragana_said_once_is_a_voice_and_steve_is_steven() -> None:
    lines = ["（秋乃）おはよう。", "（健太）おはよう。", "（秋乃）今日は雨だね。", "（健太）そうだね。", "（さくら）あ、二人ともおはよう！",
             "（秋乃）さくら、おはよう。"]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\n{line}\n\n" for k, line in enumerate(lines))
    assert "さくら" in parse(vtt, "drama.vtt").speakers
    text = "Steven Smith: Welcome to the show.\n\nMaria Lopez: Thanks.\n\nSteve: So, tell us more.\n\nMaria Lopez: Sure.\n"
    assert parse(text, "x.txt").speakers == ["Steven Smith", "Maria Lopez"]


@pytest.mark.parametrize("summary", ["Original (English)", "Show original", "Original auf Englisch", "Originaltranskript"])
def test_a_folded_original_under_a_common_label_is_read(summary: str) -> None:
    page = ("<html><body><h1>第5期</h1>" + "".join(f"<p>主持人：这是第{k}段翻译。</p>" for k in range(6))
            + f"<details><summary>{summary}</summary>" + "".join(f"<p>Host: This is paragraph {k} of the original.</p>" for k in range(6))
            + "</details></body></html>")
    episode = parse(page, "ep5.html")
    assert len(episode.segments) == 6 and "translations" in episode.extra


def test_a_hosts_handles_are_no_turn() -> None:
    page = ("# 812\n\n## Transcript\n\n**Wes:** Welcome to Syntax.\n\n**Scott:** Yeah, let's get into it.\n\n## Hosts\n\n"
            "Wes Bos: [@wesbos](https://twitter.com/wesbos) [@wesbos](https://instagram.com/wesbos)\n"
            "Scott Tolinski: [@stolinski](https://twitter.com/stolinski) [Level Up](https://leveluptutorials.com)\n")
    assert parse(page, "812.md").speakers == ["Wes", "Scott"]


def test_an_xml_document_of_an_unknown_kind_is_refused_not_stored_as_its_tags() -> None:
    # giuliopaci/transcriber-ag's annotation graphs (their shape, our words): read as text, every tag line was speech.
    graph = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE AGSet SYSTEM "TransAG-1.0.dtd">\n<AGSet id="x">\n'
             '<Metadata><MetadataElement name="duration">00:00:20</MetadataElement></Metadata>\n'
             '<Anchor id="a1" offset="0.5"/>\n<Annotation type="segment" start="a1"><Feature name="text">oui allo'
             "</Feature></Annotation>\n</AGSet>\n")
    with pytest.raises(SourceRejected, match=r"an XML document \(<AGSet>\) of a kind podsift does not read"):
        parse(graph, "call.tag")
    # A document holding its text in one element (the German parliament's <DOKUMENT> with the record in <TEXT>)
    # is that text; its short elements are fields.
    record = "\n\n".join(f"Abgeordnete {k} (SPD):\nIch spreche heute über den Haushalt und die Schulen im Land." for k in range(12))
    dokument = parse('<?xml version="1.0" encoding="UTF-8"?>\n<DOKUMENT>\n  <NR>18/181</NR>\n  <TITEL>Plenarprotokoll '
                     f"vom 28.06.2016</TITEL>\n  <TEXT>{record}</TEXT>\n</DOKUMENT>\n", "18181.xml")
    assert dokument.title == "Plenarprotokoll vom 28.06.2016" and dokument.extra["fields"]["NR"] == "18/181"
    assert not any("<" in s.text for s in dokument.segments) and "Haushalt" in dokument.segments[0].text
    # Text that only opens with a tag is still read as text.
    assert parse("<v Ann>Hello there, and welcome.\n<v Bo>Thanks, glad to be here.\n", "talk.txt").segments


@pytest.mark.parametrize("clock", ["**{}** -", "`{}` -"])
def test_show_notes_chapter_list_in_bold_times_stays_notes(clock: str) -> None:
    # A chapter list of short titles is no transcript, however its times are set apart.
    titles = [("0:00", "Intro"), ("2:15", "How Jane got started"), ("10:00", "Tools she uses"), ("31:20", "Picks")]
    page = "# Episode 5\n\nJane talks about starting out.\n\n" + "\n\n".join(f"{clock.format(t)} {x}" for t, x in titles)
    assert all(s.start is None for s in parse(page + "\n", "ep5.md").segments)


def test_a_notices_circled_items_code_beside_turns_and_question_fields_stay_as_they_were() -> None:
    # A notice's "○日時　…" items are no Diet speeches; a talk page's code sample kept in a pre-wrap block is no
    # transcript beside its <p> turns; "Question:"/"Answer:" under a title are words said, not a session's fields.
    notice = "会議のお知らせ\n\n○日時　三月一日\n○場所　会議室\n○議題　予算\n○日時　三月八日\n○議題　決算\n"
    assert parse(notice, "notice.txt").speakers == []
    turns = "".join(f"<p>Jane: Point {k} about the parser and its tests, said aloud.</p>" for k in range(12))
    code = "\n".join(f"def f{k}(x):\n    return x + {k}" for k in range(200))
    page = f"<html><body>{turns}<div style='white-space: pre-wrap'>{code}</div></body></html>"
    assert parse(page, "talk.html").speakers == ["Jane"]
    qa = parse("Interview with the mayor\nQuestion: what is your plan for housing\nAnswer: build more homes\n"
               "Remark: thanks\n\nAna: Next topic, please.\n\nBo: Sure.\n\nAna: Thanks.\n", "mayor.txt")
    assert "fields" not in qa.extra


def test_glued_json_lines_and_heading_scripts_read_in_linear_time() -> None:
    # Review: 80,000 objects glued on one line took 10.8 s (the rest of the line copied twice per object),
    # and 20,000 "# Heading" paragraphs with no named turn rescanned every turn so far at each heading.
    from podsift.formats.podcast_json import json_lines

    glued = json.dumps({"start": 0, "end": 1, "text": "a"}) + "\n" + "".join(
        json.dumps({"start": i, "end": i + 1, "text": f"word{i % 97}"}) for i in range(80_000))
    started = time.process_time()
    objects = json_lines(glued)
    assert isinstance(objects, list) and len(objects) == 80_001
    assert time.process_time() - started < 3
    # The headings' cost is judged by its growth, in this process's CPU time: an absolute bound
    # failed on a loaded machine (8 s for 3.5 s of work).
    cost = {}
    for n in (5_000, 10_000):
        headed = "".join(f"# Heading {i}\n\nNarration paragraph {i}.\n\n" for i in range(n))
        started = time.process_time()
        assert read("script.md", headed).segments
        cost[n] = time.process_time() - started
    assert cost[10_000] < 3 * cost[5_000]  # linear doubles; quadratic quadruples


def test_counters_over_a_quiz_are_no_page_counters_and_its_answers_stay() -> None:
    # Review: "1/10", "2/10", "3/10" counting up were taken for page counters, and the answer said after
    # each ("Bob: yes"), recurring beside them, for the running head: every answer was lost.
    episode = read("quiz.txt", "Quiz\n\n1/10\n\nBob: yes\n\n2/10\n\nBob: yes\n\n3/10\n\nBob: yes\n\nAnn: done\n")
    assert [s.text for s in episode.segments if s.speaker == "Bob"].count("yes") == 3


@pytest.mark.parametrize("tag", ["<div>", "<p>", "<br>", '<a href="https://example.org">', "<li>", "<span>", "<h1>"])
def test_turns_that_mention_an_html_tag_stay_turns_with_the_tag_as_words(tag: str) -> None:
    lines = ["Maya: Welcome back, today it is page layout.", f"Sam: People wrap everything in a {tag} and style it.",
             "Maya: Is that so bad?", "Sam: It adds up over a whole site.", "Maya: What would you do?",
             "Sam: Plain margins, set once."]
    episode = parse("\n".join(lines) + "\n", "frontend-chat.txt")
    assert [s.speaker for s in episode.segments] == ["Maya", "Sam"] * 3
    assert tag in episode.segments[1].text


def test_notes_that_name_tags_above_plain_turns_are_no_page() -> None:
    # A notes line naming tags was taken for a page's markup: both turns were lost, one word left.
    text = "Notes: we discussed <p> and <div> tags\nand <span> and <em>\n\nAnn: hello there\n\nBen: yes indeed\n"
    episode = parse(text, "notes.txt")
    assert [(s.speaker, s.text) for s in episode.segments][-2:] == [("Ann", "hello there"), ("Ben", "yes indeed")]
    assert "<p> and <div>" in episode.segments[0].text
    # A list of notes on tags keeps its first items.
    items = ["so a <div> is a generic box", "and <span> is inline", "and <p> is a paragraph", "what about forms",
             "an <input> inside a <form>", "and <br> breaks a line", "and <ul> holds a list", "that is all"]
    episode = parse("Tags we covered\n\n" + "".join(f"- {item}\n" for item in items), "list.txt")
    assert "so a <div> is a generic box" in " ".join(s.text for s in episode.segments)


def test_a_page_fragment_whose_first_line_is_words_is_still_a_page() -> None:
    page = "Episode 12 transcript\n<p>Jane: Hello and welcome.</p>\n<p>Bob: Glad to be here.</p>\n<p>Jane: Let us begin.</p>\n"
    episode = parse(page, "episode.txt")
    assert [s.text for s in episode.segments][-3:] == ["Hello and welcome.", "Glad to be here.", "Let us begin."]

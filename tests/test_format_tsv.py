"""Tab-separated transcripts: whisper's .tsv, spreadsheet tables, and what stays someone else's."""

from __future__ import annotations

import pytest
from conftest import read, real
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.model import Episode, SourceRejected

# openai-whisper's CLI (`--output_format tsv`): a `start end text` header, whole milliseconds,
# tabs in the text already replaced by spaces.
WHISPER_TSV = (
    "start\tend\ttext\n"
    "0\t4200\tWelcome back to the show.\n"
    "4200\t7960\tToday we are talking about 3 things:\n"
    "7960\t11040\tbus lanes, bike racks and the 2030 plan.\n"
    "12800\t15360\tLet's start with the first one.\n"
    "15360\t18720\tThe new bus lane on the high street opened\n"
    "18720\t21900\tlast spring, and within a month\n"
    "21900\t24480\tshop owners asked to have it moved.\n"
    "24480\t27040\tSo what happened?\n"
    "27800\t31200\tThey said deliveries took longer,\n"
    "31200\t34560\tand that vans could no longer stop.\n"
)


# The shape of a meeting transcript kept in a spreadsheet and saved as TSV: a note above
# the header, CRLF, times twice (whole seconds, then milliseconds), raw and corrected text,
# and a speaker column that is filled only where someone corrected it.
COUNCIL_TSV = "\r\n".join([
    "See the repository for the video and more.\t\t\t\t\t\t",
    "Speaker\tStart time (seconds after ~1:05:44)\tEnd time (seconds after ~1:05:44)\tRaw transcription\t"
    "Corrected transcription\tStart time (ms after ~1:02)\tEnd time (ms after ~1:02)",
    "\t0\t9\tRight, we move on to the next item, which has people wanting to speak.\t\t0\t9360",
    "\t10\t17\tThat is item 4.2 of the parks committee. So we open the parks item.\t\t10080\t17440",
    "\t17\t20\tNo, we hear from the public gallery first.\t\t17440\t19760",
    "\t39\t42\tJohn Smyth? Yes. Mary Ohara?\tJohn Smith? Yes. Mary O'Hara?\t38640\t42400",
    "",
])


def parse(text: str, filename: str = "episode.tsv") -> Episode:
    return formats.parse(text, Episode(id="test"), filename)


def rows(episode: Episode) -> list[tuple[float | None, float | None, str | None, str]]:
    return [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


def report(episode: Episode) -> dict[str, str]:
    return {r.kind: r.detail for r in episode.repairs}


def test_whisper_tsv_times_are_milliseconds_and_not_speech() -> None:
    episode = parse(WHISPER_TSV)
    assert episode.source_format == "tsv"
    assert rows(episode) == [
        (0.0, 4.2, None, "Welcome back to the show."),
        (4.2, 11.04, None, "Today we are talking about 3 things: bus lanes, bike racks and the 2030 plan."),
        (12.8, 15.36, None, "Let's start with the first one."),
        (15.36, 24.48, None, "The new bus lane on the high street opened last spring, and within a month "
                             "shop owners asked to have it moved."),
        (24.48, 27.04, None, "So what happened?"),
        (27.8, 34.56, None, "They said deliveries took longer, and that vans could no longer stop."),
    ]
    lines = report(episode)
    assert lines["table_columns"] == (
        "read start from 'start' (milliseconds), end from 'end' (milliseconds), text from 'text'"
    )
    assert set(lines) == {"table_columns", "joined_fragments"}


def test_whisper_tsv_is_found_by_its_content_whatever_its_name() -> None:
    for name in ("episode.tsv", "episode.txt", "episode", ""):
        assert formats.detect(WHISPER_TSV, name).NAME == "tsv"


def test_whisper_style_header_with_fractional_seconds_stays_seconds() -> None:
    # Some whisper forks write the same header with the raw float seconds.
    episode = parse("start\tend\ttext\n0.0\t4.2\tWelcome back.\n4.2\t7.96\tToday, search.\n")
    assert rows(episode) == [(0.0, 4.2, None, "Welcome back."), (4.2, 7.96, None, "Today, search.")]


def test_spreadsheet_table_reads_ms_columns_corrected_text_and_keeps_the_note() -> None:
    episode = parse(COUNCIL_TSV)
    assert episode.source_format == "tsv"
    assert rows(episode) == [
        (0.0, 9.36, None, "Right, we move on to the next item, which has people wanting to speak."),
        (10.08, 17.44, None, "That is item 4.2 of the parks committee. So we open the parks item."),
        (17.44, 19.76, None, "No, we hear from the public gallery first."),
        (38.64, 42.4, None, "John Smith? Yes. Mary O'Hara?"),  # the corrected text, not the raw
    ]
    assert episode.extra["preamble"] == "See the repository for the video and more."
    lines = report(episode)
    assert lines["preamble"] == "1 line above the table's header kept as a note, not speech"
    assert lines["table_columns"] == (
        "read start from 'Start time (ms after ~1:02)' (milliseconds), end from 'End time (ms after ~1:02)' "
        "(milliseconds), text from 'Corrected transcription' where filled, else 'Raw transcription', "
        "speaker from 'Speaker'"
    )


def test_speaker_column_names_turns_and_a_blank_cell_carries_on() -> None:
    text = (
        "Speaker\tStart\tEnd\tText\n"
        "Ana Ruiz\t0.5\t2.1\tSo the first thing\n"
        "\t2.1\t3.9\twe did was measure everything.\n"
        'Ben Okafor\t4.0\t6.2\t"And what did you ""find""?"\n'  # a spreadsheet's quoting
        "Ana Ruiz\t6.5\t9.0\tThat we were wrong [laughs]\n"
    )
    episode = parse(text)
    assert rows(episode) == [
        (0.5, 3.9, "Ana Ruiz", "So the first thing we did was measure everything."),
        (4.0, 6.2, "Ben Okafor", 'And what did you "find"?'),
        (6.5, 9.0, "Ana Ruiz", "That we were wrong"),
    ]
    assert episode.segments[-1].directions == ["[laughs]"]


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("start_ms\tend_ms\ttranscript", "1500", "3250"), ("Start (s)\tEnd (s)\tCaption", "1.5", "3.25"),
     ("Time\tText", "0:00:01.500", None), ("begin\tend\tutterance", "1.5", "3.25")],
)
def test_units_and_column_names_come_from_the_header(header: str, start: str, end: str | None) -> None:
    cells = [start, end] if end else [start]
    episode = parse(f"{header}\n" + "\t".join([*cells, "Hello there."]) + "\n")
    assert rows(episode) == [(1.5, 3.25 if end else None, None, "Hello there.")]


def test_a_nemo_segment_column_is_the_words_unless_another_column_names_them() -> None:
    # A Parakeet transcription app's CSV export (SUP3RMASS1VE/Parakeet-TDT; the shape theirs, the words
    # written here): its header was not found, and every line, the header too, was read as speech.
    episode = parse('Start (s),End (s),Segment\n1.25,3.5,"Morning, all."\n4.0,6.75,Shall we begin?\n', "transcript.csv")
    assert rows(episode) == [(1.25, 3.5, None, "Morning, all."), (4.0, 6.75, None, "Shall we begin?")]
    # Beside a column of words, a "segment" column only numbers the rows.
    numbered = parse("segment,start,end,text\n1,1.25,3.5,Morning all.\n2,4.0,6.75,Shall we begin?\n", "t.csv")
    assert [s.text for s in numbered.segments] == ["Morning all.", "Shall we begin?"]


def test_a_one_column_csv_drops_its_header_and_the_empty_column_every_row_ends_in() -> None:
    # A meeting tool's one-column CSV (ming94539/Meeting-Analysis; the shape theirs, the words written
    # here): "Text," over unquoted rows that each end in a comma. The header was read as speech and
    # every row kept its comma.
    episode = parse("Text,\n Let's start the recording,\n Sure.,\n Well, the budget is short, so,,\n", "transcript.csv")
    assert [s.text for s in episode.segments] == ["Let's start the recording", "Sure.", "Well, the budget is short, so,"]


def test_a_headerless_one_column_csv_reads_its_rows_without_the_quotes_csv_put_around_them() -> None:
    # A Spanish YouTube show's spoken parts saved with pandas (mariaduranr/Discrepancies_Spanish_English_
    # translations_SA, Barberias_spoken_parts.csv; no licence, so the shape theirs, the words written here):
    # no header, a row quoted only where it has a comma. Every quoted paragraph kept both its quotes.
    column = ('"Bueno, buenas, ¿cómo están?"\n"Hoy, como cada semana, un episodio nuevo."\nMuy bien.\n'
              '"Entonces, ¿empezamos?"\n"Sí, y ella dijo ""vamos"", así que vamos."\nGracias a todos.\n')
    episode = parse(column, "Barberias_spoken_parts.csv")
    assert [s.text for s in episode.segments] == [
        "Bueno, buenas, ¿cómo están?", "Hoy, como cada semana, un episodio nuevo.", "Muy bien.",
        "Entonces, ¿empezamos?", 'Sí, y ella dijo "vamos", así que vamos.', "Gracias a todos."]


def test_a_headerless_column_quoting_every_row_reads_without_the_quotes_only_as_a_table() -> None:
    # The same dataset's English podcast parts (Wax_spoken_parts.csv; the words written here) quote every
    # row, a comma in it or not: each paragraph kept both quotes. Named as text, such lines are quotations.
    column = "".join(f'"{line}"\n' for line in [
        "Welcome back to another episode, I'm your host.", "And I'm your other host.", "He has gorgeous eyes.",
        'She said ""thank you"" and left.', "That was good, thank you for having me."])
    assert [s.text for s in parse(column, "Wax_spoken_parts.csv").segments][2:4] == [
        "He has gorgeous eyes.", 'She said "thank you" and left.']
    assert parse(column, "quotes.txt").segments[0].text.startswith('"Welcome')


def test_quotations_typed_one_a_line_keep_their_quotes() -> None:
    quotes = '"Hello there."\n"Good morning."\n"See you."\n"Take care."\n"Goodbye."\n'
    assert [s.text for s in parse(quotes, "quotes.txt").segments][0].startswith('"Hello')


def test_voices_from_their_own_channels_keep_their_ends_but_never_overlap_themselves() -> None:
    # A per-channel transcription of a video call (Watts-Lab/deliberation-video-analysis; the shape
    # theirs, the words written here): each row's own end, the voices' rows interleaved and overlapping.
    # Ends were cut to another speaker's start whenever a row's span was long for its words.
    table = ("start,end,text,speaker\n"
             '0.5,12.5," Can everyone hear me?",0\n'
             "3.0,6.0, Yes.,2\n"
             "7.0,9.0, Loud and clear.,1\n"
             "8.0,11.0, Good.,0\n"
             "10.0,24.0, Shall we begin then?,1\n"
             "13.0,15.0, Sure.,2\n")  # fmt: skip
    episode = parse(table, "transcript.csv")
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (0.5, 8.0, "Speaker 0"), (3.0, 6.0, "Speaker 2"), (7.0, 9.0, "Speaker 1"), (8.0, 11.0, "Speaker 0"),
        (10.0, 24.0, "Speaker 1"), (13.0, 15.0, "Speaker 2"),
    ]  # fmt: skip
    assert "overlapped the same speaker's next cue" in report(episode)["overlap"]


def test_unreadable_times_are_repaired_and_reported_once_with_a_count() -> None:
    body = "".join(f"soon\t{k * 1000 + 900}\tLine {k} goes here.\n" for k in range(40))
    episode = parse("start\tend\ttext\n0\t800\tFirst.\n" + body)
    assert episode.segments[0].start == 0.0
    bad = [r for r in episode.repairs if r.kind == "bad_timestamp"]
    assert [(r.detail, r.where) for r in bad] == [
        ("40 times; the first: unreadable start 'soon' in 'start'; left empty", "row 3")
    ]
    assert report(episode)["missing_time"] == (
        "40 rows have no time of their own: 40 before the first time, after the last or empty, left untimed")


def test_an_unreadable_cell_falls_back_to_the_other_time_column() -> None:
    text = ("Start (s)\tEnd (s)\tText\tStart (ms)\tEnd (ms)\n"
            "0\t4\tFirst line.\t0\t4200\n"
            "5\t8\tSecond line.\tn/a\t7960\n")
    episode = parse(text)
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 4.2), (5.0, 7.96)]
    assert report(episode)["bad_timestamp"] == "unreadable start 'n/a' in 'Start (ms)'; read 'Start (s)' instead"


def test_headerless_table_of_times_and_text() -> None:
    # Audacity's label export: start and end in seconds, then the label.
    episode = parse("0.000000\t4.200000\tWelcome back.\n4.200000\t7.960000\tToday, search.\n")
    assert episode.source_format == "tsv"
    assert rows(episode) == [(0.0, 4.2, None, "Welcome back."), (4.2, 7.96, None, "Today, search.")]


def test_headerless_timed_lines_with_a_tab() -> None:
    episode = parse("00:00:08\tHello and welcome to the show.\n00:00:12\tToday we talk search.\n", "notes.txt")
    assert rows(episode) == [(8.0, None, None, "Hello and welcome to the show."),
                             (12.0, None, None, "Today we talk search.")]


def test_a_headerless_column_counting_the_rows_is_no_time() -> None:
    # SPS-By-The-Numbers/transcripts' sentence files (their shape, our words): "0<TAB>sentence", "1<TAB>…".
    # Read as seconds, fifteen words were said each second.
    said = [f"Sentence {k} of the board meeting, where the members talk through the agenda item by item."
            for k in range(6)]
    episode = parse("".join(f"{k}\t{words}\n" for k, words in enumerate(said)), "meeting.eng.tsv")
    assert rows(episode) == [(None, None, None, words) for words in said]
    # Seconds that count by one under a word or two are times still (the words joined into their sentence).
    timed = parse("".join(f"{k}\t{word}\n" for k, word in enumerate(["Hello", "and", "welcome", "to", "the", "show"])))
    assert [r[:2] for r in rows(timed)] == [(0.0, 6.0)]


# What the scripts around Whisper and pyannote write without a header, in their own shapes:
# milliseconds, seconds with a duration and a confidence after the words, a range in one
# cell, a clock time and a name, the name before the times, commas between the cells. The speaker
# column was dropped, the range read as words, the confidence read as the text (the words lost), or
# the name glued to the words (with the commas and quotes around them, from a CSV with no header).
SAID = [("Speaker 0", "Welcome back to the show."), ("Speaker 1", "Thanks for having me."),
        ("Speaker 0", "Let us start.")]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "times"), [
    ("talk.tsv", "0\t4320\tSPEAKER_00\tWelcome back to the show.\n4320\t8100\tSPEAKER_01\tThanks for having me.\n"
                 "8100\t12000\tSPEAKER_00\tLet us start.\n", [(0.0, 4.32), (4.32, 8.1), (8.1, 12.0)]),
    ("talk.tsv", "0.000\t4.320\t4.320\tSPEAKER_00\tWelcome back to the show.\t0.912\n"
                 "4.320\t8.100\t3.780\tSPEAKER_01\tThanks for having me.\t0.887\n"
                 "8.100\t12.000\t3.900\tSPEAKER_00\tLet us start.\t0.950\n", [(0.0, 4.32), (4.32, 8.1), (8.1, 12.0)]),
    ("talk.txt", "00:00-00:04\tSPEAKER_00\tWelcome back to the show.\n00:04-00:08\tSPEAKER_01\tThanks for having me.\n"
                 "00:08-00:12\tSPEAKER_00\tLet us start.\n", [(0.0, 4.0), (4.0, 8.0), (8.0, 12.0)]),
    ("talk.txt", "0:00:00.0\tSPEAKER_00\tWelcome back to the show.\n0:00:04.3\tSPEAKER_01\tThanks for having me.\n"
                 "0:00:08.1\tSPEAKER_00\tLet us start.\n", [(0.0, 4.3), (4.3, 8.1), (8.1, None)]),
    ("talk.tsv", "SPEAKER_00\t0.00\t4.32\tWelcome back to the show.\nSPEAKER_01\t4.32\t8.10\tThanks for having me.\n"
                 "SPEAKER_00\t8.10\t12.00\tLet us start.\n", [(0.0, 4.32), (4.32, 8.1), (8.1, 12.0)]),
    ("talk.csv", '0:00,SPEAKER_00,"Welcome back to the show."\n0:04,SPEAKER_01,"Thanks for having me."\n'
                 '0:08,SPEAKER_00,"Let us start."\n', [(0.0, 4.0), (4.0, 8.0), (8.0, None)]),
], ids=["ms", "duration-and-confidence", "range-cell", "clock-and-name", "name-first", "csv"])
def test_headerless_tables_of_diarizing_scripts_keep_speakers_times_and_words(
        name: str, text: str, times: list[tuple[float, float | None]]) -> None:  # fmt: skip
    episode = parse(text, name)
    assert episode.source_format == "tsv"
    assert [(s.speaker, s.text) for s in episode.segments] == SAID
    assert [(s.start, s.end) for s in episode.segments] == times
    assert "speaker from 'column" in report(episode)["table_columns"]


def test_a_headerless_csv_of_numbers_is_no_table_of_talk() -> None:
    # Times beside a column of numbers (a confidence, a score) hold no words: read as a table, its
    # numbers were joined into one "sentence" of them spanning every row.
    episode = parse("0.0,4.32,0.95\n4.32,8.1,0.88\n8.1,12.5,0.91\n12.5,14.0,0.5\n", "scores.csv")
    assert episode.source_format != "tsv" and len(episode.segments) == 4


def test_a_time_column_of_ranges_gives_each_row_its_start_and_end() -> None:
    # Under a header too: "00:00-00:04" was an unreadable start, every row untimed.
    episode = parse("time\tspeaker\ttext\n00:00-00:04\tAna\tHello there.\n00:04-00:08\tBo\tHi, Ana.\n")
    assert rows(episode) == [(0.0, 4.0, "Ana", "Hello there."), (4.0, 8.0, "Bo", "Hi, Ana.")]
    assert "bad_timestamp" not in report(episode)


def test_a_speaker_columns_bare_ids_show_as_numbered_speakers() -> None:
    # Diarizing scripts write pyannote's speaker index as it is ("0", "1"): shown as "Speaker 0",
    # as the same ids are in JSON, not as a person called "0".
    episode = parse("start,end,speaker,text\n0.000,4.320,0,Welcome back to the show.\n4.320,8.100,1,Thanks for having me.\n"
                    "8.100,12.000,0,Let us start.\n", "turns.csv")  # fmt: skip
    assert [(s.speaker, s.text) for s in episode.segments] == SAID
    named = parse("start\tend\tspeaker\ttext\n0\t4\tAna\tHello.\n4\t8\tBo\tHi.\n")
    assert [s.speaker for s in named.segments] == ["Ana", "Bo"]


def test_a_headerless_column_of_words_or_numbers_is_no_speaker() -> None:
    # Labels said once each are words (Audacity's labels), and a language code or a number
    # column is not a name.
    once = parse("0.0\t4.2\tIntro\tWelcome back to the show, everyone.\n4.2\t7.9\tSearch\tToday we talk search.\n")
    assert [s.speaker for s in once.segments] == [None, None]
    coded = parse("0.0\t4.2\ten\tWelcome back to the show.\n4.2\t7.9\ten\tToday we talk search.\n")
    assert [s.speaker for s in coded.segments] == [None, None]
    assert [s.text for s in coded.segments] == ["Welcome back to the show.", "Today we talk search."]


@pytest.mark.parametrize(
    ("text", "reader"),
    [
        ("Ana: Hello there.\nBen: Hi, Ana.\n", "plain_text"),  # prose, even named .tsv
        ("name\tage\tcity\nAna\t34\tLima\nBen\t29\tOslo\n", "plain_text"),  # a table, but not of speech
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\tthere.\n", "webvtt"),
        ('{"segments": [{"start": 0, "end": 1, "text": "Hi\\tthere"}]}', "podcast_json"),
    ],
)
def test_everything_else_keeps_its_reader(text: str, reader: str) -> None:
    assert formats.detect(text, "x.tsv").NAME == reader
    assert formats.detect(text, "x.txt").NAME == reader


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12), max_size=5), max_size=8))
def test_never_raises(cells: list[list[str]]) -> None:
    text = "start\tend\tspeaker\ttext\n" + "\n".join("\t".join(row) for row in cells)
    episode = parse(text)
    for seg in episode.segments:
        assert seg.text or seg.directions


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["0", "1.5", "00:01-00:02", "0:00:03.0", "x", ""]),
                          st.lists(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12), max_size=4)),
                max_size=8))  # fmt: skip
def test_headerless_never_raises(cells: list[tuple[str, list[str]]]) -> None:
    try:
        episode = parse("\n".join("\t".join([first, *rest]) for first, rest in cells))
    except SourceRejected:
        return  # refused with its reason ("\t[{" looks like JSON and is not), as ingest reports it; no crash
    for seg in episode.segments:
        assert seg.text or seg.directions


@pytest.mark.parametrize(("name", "text"), [
    # A spreadsheet's CSV: a comma inside a quoted cell is the cell's own.
    ("talk.csv", 'start,end,speaker,text\n0.0,2.5,Ana,"Hello there, welcome."\n2.5,5.0,Bo,General Kenobi.\n'
                 "5.0,7.0,Ana,You are a bold one.\n"),
    # A video editor's export: timecodes with frames, a quoted cell with quotes and a line break in it.
    ("captions.csv", 'Speaker Name,Start Time,End Time,Text\nAna,00:00:00:00,00:00:02:12,"Hello there, welcome."\n'
                     "Bo,00:00:02:12,00:00:05:00,General Kenobi.\n"
                     'Ana,00:00:05:00,00:00:07:00,"You are a ""bold""\none."\n'),
])
def test_a_comma_separated_table_is_read_like_a_tab_separated_one(name: str, text: str) -> None:
    # It was plain text before: every row one untimed paragraph, its cells and commas in the words.
    episode = formats.parse(text, Episode(id="talk"), name)
    assert episode.source_format == "tsv"
    assert [(s.start, s.speaker) for s in episode.segments] == [(0.0, "Ana"), (2.0 if "Time" in text else 2.5, "Bo"),
                                                                 (5.0, "Ana")]  # fmt: skip
    assert episode.segments[0].text == "Hello there, welcome."
    assert episode.segments[2].text in ("You are a bold one.", 'You are a "bold" one.')


def test_prose_with_commas_is_no_table() -> None:
    text = "Start with the basics, then the transcript matters.\nAna: Hello, there, how are you?\n"
    assert formats.parse(text, Episode(id="talk"), "talk.txt").source_format != "tsv"


def test_two_speakers_saying_the_same_words_in_turn_are_two_turns() -> None:
    # An "Oral History as Data" CSV (oralhistoryasdata/template, MIT): rows with no time of their own,
    # "DB:,I don't know." then "LG:,I don't know.". The second was dropped as a repeated cue, so
    # Glück's answer was lost and the report called it a duplicate.
    table = ("speaker,words,tags,timestamp\n"
             "DB:,If you would state your name and the location we're at for this interview.,,0:00:00\n"
             "LG:,\"Louise Glück. We're in Cambridge, Massachusetts in my apartment.\",,\n"
             "DB:,What do you love about typewriters?,early,\n"
             "LG:,Doesn't everyone love typewriters?,early,\n"
             "DB:,I don't know.,early,\n"
             "LG:,I don't know.,early,\n"
             "DB:,Is it a sound thing? Is it a feel thing?,early,0:05:12\n")
    episode = formats.parse(table, Episode(id="gluck"), "gluck.csv")
    said = [(s.speaker, s.text) for s in episode.segments]
    assert ("LG", "I don't know.") in said, said  # the speaker column's "LG:" names LG
    assert sum(1 for _, text in said if text == "I don't know.") == 2
    assert "duplicate_cue" not in {r.kind for r in episode.repairs}


OHD_GLUCK = "oral-history-as-data-csv-gluck.csv"  # an "Oral History as Data" interview CSV (SOURCES.md)


def test_oral_history_csv_words_are_free_of_html() -> None:
    # The words were typed into a web page: "but&#8212;what genres" and "<em>Crush</em>" were
    # stored as written, so a search for "Crush has become" found nothing.
    episode = real(OHD_GLUCK)
    texts = [s.text for s in episode.segments]
    assert not [t for t in texts if "&#" in t or "<em>" in t or "</em>" in t]
    assert any("Of course, I know the answers to many of these questions but—what genres" in t for t in texts)
    assert ("DB", "Yeah, and Crush has become sort of a phenomenon.") in [(s.speaker, s.text) for s in episode.segments]
    assert {"html_entities", "html_tags"} <= {r.kind for r in episode.repairs}


def test_oral_history_csv_rows_between_sparse_times_are_timed_by_their_words() -> None:
    # Only 7 of the 72 rows have a time (0:00:00, 0:00:45, 0:06:54, ...): the 64 rows between
    # them were left untimed, with no moment to play from. They now share the time to the next
    # stamp by their words, and the report says how many were so estimated.
    episode = real(OHD_GLUCK)
    starts = [s.start for s in episode.segments]
    assert None not in starts and starts == sorted(starts)
    said = [(s.start, s.speaker, s.text[:30]) for s in episode.segments]
    assert said[:2] == [(0.0, "DB", "If you would state your name a"), (8.1, "LG", "Louise Glück. Glück is spelled")]
    assert (45.0, "DB", "Are you going to collect those") in said  # a stamped row keeps its own time
    assert 0.0 < said[1][0] < said[2][0] < 45.0
    assert starts[-1] == 14 * 60 + 35
    assert {r.kind: r.detail for r in episode.repairs}["missing_time"] == (
        "64 rows have no time of their own: 64 timed by their words between the times around them")


def test_oral_history_csv_opening_note_is_no_speech() -> None:
    # The first row names no one and its words are all in parentheses: the editor's note
    # "(Conversation about some of the art around Glück's apartment, ...)" was the interview's
    # first segment, untimed, spoken by nobody.
    episode = real(OHD_GLUCK)
    assert episode.segments[0].text.startswith("If you would state your name")
    assert not [s for s in episode.segments if "Conversation about" in s.text + " ".join(s.directions)]
    assert episode.extra["preamble"].startswith("(Conversation about some of the art around Glück's apartment")
    assert "preamble" in {r.kind for r in episode.repairs}
    # A sound so placed ("(Phone rings)") is still a direction, and a bracketed row with a speaker is speech.
    table = ("speaker,words,tags,timestamp\n"
             ",(Phone rings),,\n"
             "DB:,[Hopefully we'll get it in the frame.],,0:00:00\n"
             "JM:,Yes.,,0:00:04\n")
    episode = read("talk.csv", table)
    assert [(s.speaker, s.text, s.directions) for s in episode.segments][:2] == [
        (None, "", ["(Phone rings)"]), ("DB", "[Hopefully we'll get it in the frame.]", [])]
    assert "preamble" not in episode.extra


def test_oral_history_csv_bracketed_times_are_read() -> None:
    # The same project's other interviews stamp rows in brackets ("[0:00]", "[01:09]"): every
    # one was "unreadable" and the whole interview untimed.
    table = ("speaker,words,tags,timestamp\r\n"
             "Devin Becker,And there we go with that. This could be a good set up.,,[0:00]\r\n"
             ",Good.,,\r\n"
             "Rae Armantrout,About how long will it take?,,[01:09]\r\n"
             "Devin Becker,It'll take about an hour and fifteen minutes.,,\r\n"
             "Rae Armantrout,OK.,,[01:43]\r\n")
    episode = read("armantrout.csv", table)
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (0.0, "Devin Becker"), (64.1, "Devin Becker"), (69.0, "Rae Armantrout"), (83.6, "Devin Becker"),
        (103.0, "Rae Armantrout")]  # fmt: skip
    assert "bad_timestamp" not in {r.kind for r in episode.repairs}


def test_oral_history_csv_row_of_only_a_stamp_is_no_speech() -> None:
    # oralhistoryasdata/template's mcmichael.csv (MIT): a row whose words are the stamp the
    # transcriber typed, "(40:00)", was read as the last speaker's words. It is the time the next
    # row starts, from the time column or, where that is blank, from the words.
    table = ("speaker,words,tags,timestamp\n"
             "DB:,\"So, the cards, you had them in just like regular card... Would you flip through them like a card "
             "catalog kind of, or...?\",prompt; paper,0:37:59\n"
             "JM:,\"Except I wouldn't flip through them, that's the thing.\",prompt; paper,\n"
             ",(40:00),,[00:40:00]\n"
             "DB:,Do you mind grabbing one of those and just kind of showing how you would do that?,,\n"
             "JM:,No,,\n"
             ",(41:00),,\n"
             "DB:,OK.,,\n")
    episode = read("mcmichael.csv", table)
    assert [(s.start, s.speaker, s.text[:20]) for s in episode.segments] == [
        (2279.0, "DB", "So, the cards, you h"), (2366.0, "JM", "Except I wouldn't fl"),
        (2400.0, "DB", "Do you mind grabbing"), (2456.7, "JM", "No"), (2460.0, "DB", "OK.")]  # fmt: skip
    assert "stamp_rows" in {r.kind for r in episode.repairs}


# The older copy of the same project's interviews (its columns `timestamp,speaker,words,tags`; a faithful
# sample: that repository states no licence). A time cell may name the section starting there.
OHD_HEADED = (
    "timestamp,speaker,words,tags\n"
    ",,\"(Conversation about some of the art around Glück's apartment, and the print she used for the cover of "
    "Village Life)\",\n"
    "[00:03:43] beginning of actual interview,DB:,If you would state your name and the location we're at for this "
    "interview.,\n"
    ",LG:,\"Louise Glück. We're in Cambridge, Massachusetts in my apartment.\",\n"
    ",LG:,Right. And he's a great visual artist.,\n"
    "[00:12:02] (SHOWING DB SIKEN ARTWORK),DB:,Oh yeah? Oh! I like that.,\n"
    ",LG:,I think he's amazing.,\n"
    "[00:14:52],DB:,\"It's interesting. I mean, I remember I first heard about it at Bread Loaf that year.\",\n"
    ",LG:,That's hard.,\n"
    "[00:15:31] GLÜCK AND HER IPAD,DB:,\"So your primary genre is poetry, correct? What kinds of devices do you "
    "have access to or use for writing?\",\n"
    ",LG:,I have access to an iPad&#8212;but I have never written anything on it except a terse email.,\n"
    "[00:18:18],LG:,\"Yeah. Well, I have to be able to move my pen around and make notes, first of all.\",\n"
)


def test_oral_history_csv_time_cell_naming_a_section_is_a_time_and_a_chapter() -> None:
    # "[00:15:31] GLÜCK AND HER IPAD" was an unreadable time: the row and the rows around it were left
    # untimed (4 rows of the interview), and the section's name was lost.
    episode = read("gluck.csv", OHD_HEADED)
    said = [(s.start, s.speaker, s.text[:24]) for s in episode.segments]
    assert said[0] == (223.0, "DB", "If you would state your ")
    assert (722.0, "DB", "Oh yeah? Oh! I like that") in said
    assert (931.0, "DB", "So your primary genre is") in said
    assert None not in [s.start for s in episode.segments]
    assert [(c.title, c.start, episode.segments[c.first_segment].text[:12]) for c in episode.chapters] == [
        ("beginning of actual interview", 223.0, "If you would"), ("SHOWING DB SIKEN ARTWORK", 722.0, "Oh yeah? Oh!"),
        ("GLÜCK AND HER IPAD", 931.0, "So your prim")]  # fmt: skip
    assert not [s for s in episode.segments if "IPAD" in s.text or "00:15:31" in s.text]
    kinds = {r.kind for r in episode.repairs}
    assert "bad_timestamp" not in kinds and "time_headings" in kinds


def test_oral_history_csv_row_of_the_pages_link_is_no_speech() -> None:
    # The older copy of the project's interview with Kasey Mohammad ends on the web page's link to the
    # whole interview: "MORE INFO:" was a third speaker saying "See the full interview at: <a …>".
    table = (
        "timestamp,speaker,words,tags\n"
        "[00:31:00],DB:,\"Just the result page, OK.\",prompt; flarf\n"
        ",KM:,\"Right. What you would get was a lot of the, like, red or blue text, or purple text&#8212;the URLs "
        "and headers and things like that.\",prompt; flarf\n"
        ",MORE INFO:,\"See the full interview at: <a target='_blank' href='https://ctrl-shift.org/interviews/"
        "transcripts/mohammad.html'>https://ctrl-shift.org/interviews/transcripts/mohammad.html</a>\",\n"
    )
    episode = read("mohammad.csv", table)
    assert [s.speaker for s in episode.segments] == ["DB", "KM"]
    assert not [s for s in episode.segments if "full interview" in s.text]
    assert episode.extra["page_text"] == (
        "MORE INFO: See the full interview at: https://ctrl-shift.org/interviews/transcripts/mohammad.html")
    assert "page_text" in {r.kind for r in episode.repairs}
    # A turn under a label of that kind, with no link of the page's, is still someone's words.
    asked = read("qa.csv", "speaker,words,tags,timestamp\nQuestion:,Where is it? See https://example.org,,0:00\n"
                           "Answer:,Here.,,0:05\n")  # fmt: skip
    assert [s.text for s in asked.segments] == ["Where is it? See https://example.org", "Here."]


def test_oral_history_csv_stamps_typed_into_the_words_leave_them() -> None:
    # oralhistoryasdata/template's armantrout.csv and mcmichael.csv (MIT): the transcriber's stamps stood in
    # the words ("Charles Bernstein (17:50).", "[inaudible 01:11:26]"). Now they time a row with no time of
    # its own, and are dropped where the row has one; "[inaudible]" is set beside the words.
    table = (
        "speaker,words,tags,timestamp\n"
        ",\"And meanwhile, I kept sending work out to journals. Lyn Hejinian (17:03) in the Bay Area had a small "
        "press.\",career,[17:03]\n"
        ",\"&#8212;and then I started publishing with the Los Angeles publisher Sun and Moon, who also published "
        "people like Lyn Hejinian and Charles Bernstein (17:50). You know, it was a very active press then.\",,\n"
        "DB:,Did you correspond with them?,,\n"
        "JM:,\"(15:00) a good shot&#8212;just my neck\",,[00:18:00]\n"
        "DB:,[inaudible 01:11:26],,\n"
        "JM:,\"like Jackson Macklow (55:01), and (Indiscernible, 55:05) others\",,\n"
    )
    episode = read("armantrout.csv", table)
    said = [(s.start, s.text[:40], s.directions) for s in episode.segments]
    assert said[:2] == [(1023.0, "And meanwhile, I kept sending work out t", []),
                        (1070.0, "—and then I started publishing with the ", [])]  # fmt: skip
    assert "Lyn Hejinian in the Bay Area" in episode.segments[0].text
    assert "Charles Bernstein. You know" in episode.segments[1].text
    assert said[3] == (1080.0, "a good shot—just my neck", [])
    assert said[4] == (4286.0, "", ["[inaudible]"])
    assert said[5][1:] == ("like Jackson Macklow, and others", ["(Indiscernible)"])
    assert not [s for s in episode.segments if ":" in s.text]
    assert "stamps_in_words" in {r.kind for r in episode.repairs}


OHD_MOHAMMAD = "oral-history-as-data-csv-mohammad.csv"  # its first time, [00:04:40], on the 47th row (SOURCES.md)


def test_oral_history_csv_rows_before_an_early_first_time_are_timed_from_the_start() -> None:
    # The 46 rows before the first time (4:40) were left untimed, though the interview plainly opens at 0:00
    # ("Thank you very much for agreeing to do this, Kasey."): they now share the time from 0:00 by their words.
    episode = real(OHD_MOHAMMAD)
    starts = [s.start for s in episode.segments]
    assert None not in starts and starts == sorted(starts)
    assert (starts[0], episode.segments[0].text) == (0.0, "Thank you very much for agreeing to do this, Kasey.")
    assert 0.0 < starts[1] < starts[2] < 280.0
    assert (280.0, "DB") == (episode.segments[46].start, episode.segments[46].speaker)  # the stamped row, as stamped
    assert "46 before the first time, which comes early, timed by their words from 0:00" in (
        {r.kind: r.detail for r in episode.repairs}["missing_time"])
    # A first time well into the recording says nothing of where the rows before it begin.
    late = read("late.csv", "speaker,words,tags,timestamp\nDB:,Hello.,,\nKM:,Hi.,,\nDB:,So.,,[00:12:00]\n")
    assert [s.start for s in late.segments] == [None, None, 720.0]


def test_a_semicolon_separated_talk_table_is_read_by_its_columns() -> None:
    # A design-research dataset's TED talk (senthilchandrasegaran/dtrs_analysis; a faithful sample): a
    # European spreadsheet's semicolons. The header and each row's metadata were speech, no one spoke.
    text = ("Talk Series; Talk Number; Title; Speaker; Time Stamp; Utterance\n"
            "TEDNYC Design Lab; 03; Why design should include everyone; Sinéad Burke; 0:04; I want to give you a new perspective.\n"
            "TEDNYC Design Lab; 03; Why design should include everyone; Sinéad Burke; 0:56; I use the airport's services.\n"
            "TEDNYC Design Lab; 03; Why design should include everyone; Sinéad Burke; 1:33; (Laughter)\n")  # fmt: skip
    episode = parse(text, "01-tednyc-design-lab-talk-03.csv")
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (4.0, "Sinéad Burke", "I want to give you a new perspective.", []),
        (56.0, "Sinéad Burke", "I use the airport's services.", []), (93.0, "Sinéad Burke", "", ["(Laughter)"])]  # fmt: skip


def test_an_oral_history_table_of_speakers_and_words_without_times_gives_its_turns() -> None:
    # "Oral History as Data" transcripts need only a words column (Digital-Grinnell/yeager-renfrow-oral-histories,
    # MIT; a faithful sample): "speaker,words". The header was speech and every name stayed in the words.
    text = ("speaker,words\nJon Gray,I consider Kansas City‚ Missouri‚ my hometown.\n"
            "Stuart Yeager,Was this when you were going to school?\nGray,\"Yes, and before I came to school.\"\n"
            "Yeager,What year?\n")  # fmt: skip
    episode = parse(text, "dg_1724957021.csv")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Jon Gray", "I consider Kansas City‚ Missouri‚ my hometown."),
        ("Stuart Yeager", "Was this when you were going to school?"), ("Jon Gray", "Yes, and before I came to school."),
        ("Stuart Yeager", "What year?")]  # fmt: skip


def test_a_timecode_column_times_the_rows() -> None:
    # Oral-History.Digital's export (oral-history-digital/ohd, see SOURCES.md): "TIMECODE" was no time
    # column, so every row's time was thrown away and the interview estimated at 150 words a minute.
    text = ("TIMECODE\tSPEAKER\tTRANSCRIPT\n"
            "00:00:05.00\tINT\tHeute ist Montag der 5. Oktober 2020, ich führe ein Interview mit Frau Alma Brückmann\n"
            "00:00:18.01\tINT\tFrau Brückmann, bitte stellen Sie sich uns kurz vor.\n"
            "00:00:27.11\tAB\tMeine ersten Erinnerungen gehen auf mein vierjähriges Lebensalter zurück.\n"
            "00:01:56.04\tINT\tDanke.\n")  # fmt: skip
    episode = parse(text, "transcript_de.csv")
    assert not episode.extra.get("times_estimated")
    # a speaker's rows in a row are one turn
    assert [(s.start, s.speaker) for s in episode.segments] == [(5.0, "INT"), (27.11, "AB"), (116.04, "INT")]


# R's write.table with its defaults, as the Star Wars dialogue files text-mining courses share
# (SW_EpisodeIV.txt: a faithful sample): quoted cells one space apart, the row numbers first with
# no header cell of their own, quotes inside a line escaped. They were one segment of quoted cells.
R_DIALOGUE = (
    '"character" "dialogue"\n'
    '"1" "THREEPIO" "Did you hear that?  They\'ve shut down the main reactor.  We\'ll be destroyed for sure."\n'
    '"2" "THREEPIO" "We\'re doomed!"\n'
    '"190" "LEIA" "He means \\"You\'re welcome.\\""\n'
    '"284" "THREEPIO" "\\"Exciting\\" is hardly the word I would use."\n'
    '"5" "LUKE" "Echo Three to Echo Seven. Han, old buddy, do you read me?"\n'
)


def test_an_r_table_of_characters_and_lines_gives_their_turns() -> None:
    episode = parse(R_DIALOGUE, "SW_EpisodeIV.txt")
    assert episode.source_format == "tsv"
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("THREEPIO", "Did you hear that? They've shut down the main reactor. We'll be destroyed for sure."),
        ("THREEPIO", "We're doomed!"), ("LEIA", 'He means "You\'re welcome."'),
        ("THREEPIO", '"Exciting" is hardly the word I would use.'),
        ("LUKE", "Echo Three to Echo Seven. Han, old buddy, do you read me?")]  # fmt: skip
    assert any(r.kind == "r_table" for r in episode.repairs)


def test_a_long_r_table_is_recognised_from_its_cut_sample() -> None:
    # Detection reads the first 16 KB, which ends inside a quoted line.
    rows = "".join(f'"{n}" "{"LUKE" if n % 2 else "HAN"}" "Line {n}: \\"quoted\\" words, said at length."\n'
                   for n in range(1, 800))  # fmt: skip
    episode = parse('"character" "dialogue"\n' + rows, "SW_EpisodeV.txt")
    assert len(episode.segments) == 799 and {s.speaker for s in episode.segments} == {"LUKE", "HAN"}


def test_a_character_column_names_the_speaker_of_a_csv() -> None:
    episode = parse('character,dialogue\nTHREEPIO,"Did you hear that?"\nLUKE,"Echo Three to Echo Seven."\n', "lines.csv")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("THREEPIO", "Did you hear that?"), ("LUKE", "Echo Three to Echo Seven.")]  # fmt: skip


def test_quoted_words_one_space_apart_are_no_r_table_without_a_header() -> None:
    text = '"Hello" "there"\n"How" "are you"\n"Fine" "thanks"\n'
    episode = parse(text, "quotes.txt")
    assert episode.source_format != "tsv"
    assert "Hello" in " ".join(s.text for s in episode.segments)


# This American Life's transcripts as a scraper shares them (SciutoAlex/thisAmericanLifeTranscripts'
# example-data.csv, a faithful sample): the episode's facts on every row, the act each row is in.
# Title, date and number were unread and the acts gave no chapters.
TAL_CSV = (
    "series_counter,episode_number,episode_date,episode_title,episode_link,act_name,act_number,speaker_name,"
    "paragraph_number_per_speaker,time_stamp,content\n"
    "2471,12,01.31.1996,Animals,http://www.thisamericanlife.org/radio-archives/episode/12/animals,Prologue.,0,"
    'Different Voices,0,00:00:00.49,"From PRI, Public Radio International."\n'
    "2472,12,01.31.1996,Animals,http://www.thisamericanlife.org/radio-archives/episode/12/animals,Prologue.,0,"
    'Ira Glass,0,00:00:12.68," So when I heard that a woman named Samantha Martin had trained raccoons, I pictured raccoons."\n'
    "2473,12,01.31.1996,Animals,http://www.thisamericanlife.org/radio-archives/episode/12/animals,"
    'Act One. Food Chain In A New York Apartment.,1,Ira Glass,1,00:05:17.88," Act One."\n'
    "2474,12,01.31.1996,Animals,http://www.thisamericanlife.org/radio-archives/episode/12/animals,"
    'Act One. Food Chain In A New York Apartment.,1,Jack Hitt,0,00:05:25.10," It was a small apartment."\n'
)


def test_a_scraped_shows_table_gives_the_episodes_facts_and_its_acts_as_chapters() -> None:
    episode = parse(TAL_CSV, "example-data.csv")
    assert (episode.title, episode.date, episode.episode_number) == ("Animals", "1996-01-31", 12)
    assert episode.page_url == "http://www.thisamericanlife.org/radio-archives/episode/12/animals"
    assert [(c.start, c.title) for c in episode.chapters] == [
        (0.49, "Prologue"), (317.88, "Act One. Food Chain In A New York Apartment")]
    assert [s.speaker for s in episode.segments] == ["Different Voices", "Ira Glass", "Ira Glass", "Jack Hitt"]


def test_a_date_column_that_changes_row_by_row_is_no_episodes_date() -> None:
    text = ("date,speaker,text\n2024-03-01,Ana,We met on the first.\n2024-03-02,Bo,And again the next day.\n"
            "2024-03-03,Ana,Then once more.\n")  # fmt: skip
    episode = parse(text, "log.csv")
    assert episode.date is None and len(episode.segments) == 3


# A transcript set as a Markdown table (a page's "| Time | Speaker | Text |"): its rows were one
# paragraph of cells and pipes; read as the table it is.
MARKDOWN_TABLE = """# Episode 12

| Time | Speaker | Text |
|------|---------|------|
| 00:00 | Ana | Welcome to the show, everyone. |
| 00:05 | Bo | Thanks for having me here today. |
| 00:09 | Ana | Let's talk about databases. |
"""


def test_a_transcript_set_as_a_markdown_table_is_read_by_its_columns() -> None:
    episode = parse(MARKDOWN_TABLE, "episode-12.md")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Ana", "Welcome to the show, everyone."), (5.0, "Bo", "Thanks for having me here today."),
        (9.0, "Ana", "Let's talk about databases.")]  # fmt: skip


def test_a_markdown_tables_rows_without_a_header_are_read_by_what_their_columns_hold() -> None:
    # "| 0:00 | Host | Welcome… |" row after row, no header: the bars and names stayed in the words.
    rows = "".join(MARKDOWN_TABLE.splitlines(True)[4:])
    episode = parse(rows, "episode-12.md")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Ana", "Welcome to the show, everyone."), (5.0, "Bo", "Thanks for having me here today."),
        (9.0, "Ana", "Let's talk about databases.")]  # fmt: skip


def test_a_markdown_table_without_outer_bars_is_read_by_its_columns() -> None:
    # "Time | Speaker | Text" over "---|---|---", as Markdown allows: the header was the title and the rule a segment.
    bare = "\n".join(line.strip().strip("|").strip() for line in MARKDOWN_TABLE.splitlines()) + "\n"
    assert "\nTime | Speaker | Text\n------|---------|------\n00:00 | Ana |" in bare
    for name in ("episode-12.md", "episode-12.txt"):
        episode = parse(bare, name)
        assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
            (0.0, "Ana", "Welcome to the show, everyone."), (5.0, "Bo", "Thanks for having me here today."),
            (9.0, "Ana", "Let's talk about databases.")]  # fmt: skip


def test_a_transcript_table_among_notes_stays_speech() -> None:
    text = ("Ana: First we met.\n\nBo: Then we talked.\n\n| Speaker | Text |\n|---|---|\n| Ana | The table's words. |\n"
            "| Bo | And more of them. |\n\nAna: Done.\n")  # fmt: skip
    episode = parse(text, "notes.md")
    assert "The table's words." in " ".join(s.text for s in episode.segments)


def test_a_markdown_tables_rows_are_timed_by_the_moment_their_links_play() -> None:
    # makerdao/community's meeting transcripts (their shape, our words): a "References" column holding
    # "[\#](page.md#0006) / [00:06](https://www.youtube.com/watch?v=XF3loDk2Kfw&t=00m06s)". Every row was untimed.
    def row(clock: str, t: str, who: str, words: str) -> str:
        return f"| [\\#](ep-30.md#{clock}) / [{clock[:2]}:{clock[2:]}](https://www.youtube.com/watch?v=XF3loDk2Kfw&t={t}) | {who} | {words} |"

    text = "\n".join(["| References | Person | Text |", "| :--- | :--- | :--- |",
                      row("0000", "00m00s", "Steven", "I was muted. Am I on now?"),
                      row("0006", "00m06s", "Richard", "Nope. We just started recording."),
                      row("0102", "01m02s", "Richard", "We will talk about a few topics today.")]) + "\n"
    episode = parse(text, "governance-and-risk-meeting-ep.-30.md")
    assert [(s.start, s.speaker) for s in episode.segments] == [(0.0, "Steven"), (6.0, "Richard"), (62.0, "Richard")]


# The shape of hywmickey/language's wse-pro/*-subtitles.md (our own words): a Markdown table of a
# course's dialogue, "Role" naming who speaks, "Time" the row's mm:ss, padded cells.
_ROLE_TABLE = """\


| Role           | Time  | Sentence                                  |
| -------------- | ----- | ----------------------------------------- |
| Nina Park      | 00:04 | Good morning, Nina Park speaking.         |
| Omar Reyes     | 00:06 | Hi Nina, it's Omar from the depot.        |
| Omar Reyes     | 00:09 | The delivery is running a day late.       |
| Nina Park      | 00:13 | Thanks for telling me early.              |
"""

# The same shape with a Chinese translation of each line beside it (hywmickey/language's *-subtitles-zh.md).
_TRANSLATED_TABLE = """\
| Role           | Time  | 英文句子                    | 中文译文              |
| -------------- | ----- | --------------------------- | --------------------- |
| Nina           | 00:02 | Morning, Omar.              | 早上好，奥马尔。      |
| Omar           | 00:03 | Morning. Coffee?            | 早上好。来杯咖啡吗？  |
| Nina           | 00:05 | Yes, please.                | 好的，谢谢。          |
"""


def test_a_markdown_role_time_sentence_table_is_one_turn_per_row() -> None:
    episode = read("lesson.md", _ROLE_TABLE)
    assert [s.start for s in episode.segments] == [4.0, 6.0, 9.0, 13.0]
    assert [s.speaker for s in episode.segments] == ["Nina Park", "Omar Reyes", "Omar Reyes", "Nina Park"]
    assert episode.segments[0].text == "Good morning, Nina Park speaking."
    assert episode.segments[2].text == "The delivery is running a day late."
    assert not any("|" in s.text or "Sentence" in s.text for s in episode.segments)


def test_a_translation_column_is_kept_apart_from_the_words_said() -> None:
    episode = read("lesson-zh.md", _TRANSLATED_TABLE)
    said = {s.start: (s.speaker, s.text) for s in episode.segments}
    assert said == {2.0: ("Nina", "Morning, Omar."), 3.0: ("Omar", "Morning. Coffee?"), 5.0: ("Nina", "Yes, please.")}
    assert episode.extra["translations"] == {"中文译文": "早上好，奥马尔。 早上好。来杯咖啡吗？ 好的，谢谢。"}


def test_a_speech_datasets_clip_list_reads_the_words_not_the_header_or_the_audio_paths() -> None:
    # A speech dataset's manifest (mathigatti/RicardoFortDataset; its shape, our words): a header
    # "file path,transcript", then one clip a row, its audio file beside what is said in it. The
    # header and every path were read as speech, the whole file as plain text.
    said = ["we took the early bus to the coast that day", "and then, after lunch, we walked back along the pier",
            "nobody had told us about the storm"]
    rows = [f'clips/take_{k}.wav,"{words}"' if "," in words else f"clips/take_{k}.wav,{words}"
            for k, words in enumerate(said)]
    episode = read("dataset.csv", "\n".join(["file path,transcript", *rows]) + "\n")
    assert [s.text for s in episode.segments] == said
    assert not any("wav" in s.text or "file path" in s.text for s in episode.segments)
    assert any("'file path'" in r.detail and "left out" in r.detail for r in episode.repairs)


def test_one_word_a_row_is_read_as_sentences_split_at_pauses_not_a_segment_a_word() -> None:
    # A show's word-by-word transcript for a visualisation (wichopy/hot-ones-transcript-visualization;
    # its shape, our words): "Timestamp,Word", milliseconds, one word a row, no punctuation. Every word
    # was its own segment.
    first = "welcome back to the kitchen where the sauces get hotter".split()
    second = "today our guest has brought a very large appetite".split()
    rows = [f"{400 + 300 * k},{w}" for k, w in enumerate(first)]
    rows += [f"{12000 + 300 * k},{w}" for k, w in enumerate(second)]  # after a pause of some eight seconds
    episode = read("words.csv", "\n".join(["Timestamp,Word", *rows]) + "\n")
    assert [(s.start, s.text) for s in episode.segments] == [(0.4, " ".join(first)), (12.0, " ".join(second))]
    assert "word_rows" in [r.kind for r in episode.repairs]


def test_a_duration_column_ends_each_row_after_its_start() -> None:
    """youtube-transcript-api's fragments saved as CSV ("Text,Start Time,Duration", as scripts on
    GitHub write them with pandas) and as TSV: a row ends its duration after it starts."""
    episode = parse("Text,Start Time,Duration\nWelcome back to the show.,0.5,2.25\n"
                    "Today we talk about rivers.,2.75,3.0\n", "captions.csv")
    assert [(s.start, s.end) for s in episode.segments] == [(0.5, 2.75), (2.75, 5.75)]
    tabbed = parse("start\tduration\ttext\n10.0\t4.5\tWelcome back to the show.\n", "captions.tsv")
    assert [(s.start, s.end) for s in tabbed.segments] == [(10.0, 14.5)]

"""Meeting notes and meeting chat: standards bodies' minutes labelled by initials, a project's call notes
whose times link to the video, and Zoom's saved chat."""

from __future__ import annotations

import pytest
from conftest import read, real, timeline

from podsift import formats
from podsift.model import Episode

# The shape of TC39's plenary notes (a faithful short sample: the notes' repository states no licence):
# a preamble, the attendee table, then each topic's heading, presenter, links and the turns by initials.
TC39 = """# 29 Nov 2023 99th TC39 Meeting

---

Delegates: re-use your existing abbreviations! If you’re a new delegate and don’t already have an abbreviation, choose any three-letter combination that is not already in use, and send a PR to add it upstream.

You can find Abbreviations in delegates.txt

**Attendees:**
| Name                   | Abbreviation | Organization      |
| ---------------------- | ------------ | ----------------- |
| Nicolò Ribaudo         | NRO          | Igalia            |
| Rob Palmer             | RPR          | Bloomberg         |
| Ron Buckton            | RBN          | Microsoft         |
|                        |              |                   |

## JSON.tryParse

Presenter: Jack Works (JWK)

- [proposal](https://github.com/Jack-Works/proposal-json-tryParse)
- No slides

JWK: As you can see, it’s very simple. So are there any questions?

RPR: Yeah. It’s shorter and an expression. All right. Mark Miller?

MM: So in general, a function call in JavaScript might throw.

JWK: Because this is a statement and usually you have to write code like this.

```javascript
try {
  return JSON.parse(v):
} catch {
   return default;
}
```

MM: Okay.

NRO: Yes. Like, I agree to having to write the statement, it’s annoying.

RPR: And there’s 4 minutes left. Two people in the queue.

NRO: Okay. I wonder if the champions of do expressions would say if there is any update coming.

RBN:This is partially a response to something I think Mark was asking about.

MM: I am not. Every cheap convenient thing that you add is more complexity in the language.

RBN: Yeah. I would say that I somewhat disagree with Mark.

[Lunch]
"""


def test_initials_that_spell_a_word_label_turns_among_other_initials() -> None:
    # "MM" (Mark Miller) was taken for the interjection "Mm": all 30 of his turns in the 29 November 2023
    # notes went to whoever spoke before, "MM:" left in the words.
    episode = read("november-29.md", TC39)
    turns = [(s.speaker, s.text) for s in episode.segments if s.speaker in ("MM", "Rob Palmer")]
    assert turns == [
        ("Rob Palmer", "Yeah. It’s shorter and an expression. All right. Mark Miller?"),
        ("MM", "So in general, a function call in JavaScript might throw."), ("MM", "Okay."),
        ("Rob Palmer", "And there’s 4 minutes left. Two people in the queue."),
        ("MM", "I am not. Every cheap convenient thing that you add is more complexity in the language."),
    ]
    assert not any("MM:" in s.text for s in episode.segments)
    assert any(r.kind == "initials_as_labels" and "MM" in r.detail for r in episode.repairs)


def test_the_attendee_table_and_presenter_lines_name_the_initials() -> None:
    episode = read("november-29.md", TC39)
    # NRO, RPR and RBN from the table, JWK from "Presenter: Jack Works (JWK)"; MM is spelt out nowhere.
    assert episode.speakers == ["Jack Works", "Rob Palmer", "MM", "Nicolò Ribaudo", "Ron Buckton"]
    # The preamble's "Delegates: re-use your existing abbreviations!" is no one's turn.
    assert "Delegates" not in episode.speakers
    assert episode.extra["meeting_fields"][0].startswith("Delegates: re-use")
    assert episode.date == "2023-11-29"  # the title's date


def test_link_lists_code_blocks_and_a_label_run_into_its_words() -> None:
    episode = read("november-29.md", TC39)
    words = " ".join(s.text for s in episode.segments)
    # "- [proposal](…)" / "- No slides" under the presenter: the topic's links, not speech.
    assert "proposal" not in words and "No slides" not in words
    assert "- [proposal](https://github.com/Jack-Works/proposal-json-tryParse)\n- No slides" in episode.extra["notes"]
    # The code pasted under a turn was shown, not said.
    assert "```" not in words and "JSON.parse(v)" not in words
    assert episode.extra["code"][0].startswith("```javascript\ntry {")
    # "RBN:This is…" (no space after the colon) is Ron Buckton's turn, not words of the turn before.
    assert ("Ron Buckton", "This is partially a response to something I think Mark was asking about.") in [
        (s.speaker, s.text) for s in episode.segments]
    # "[Lunch]" is a direction said by no one; no segment is stored without words or a direction.
    assert episode.segments[-1].directions == ["[Lunch]"]
    assert all(s.text or s.directions for s in episode.segments)


def test_a_known_label_closed_by_a_semicolon_opens_its_turn() -> None:
    # "MM; Yeah, I don’t want to agree…" (the same notes): a typo for the colon. The turn had gone to
    # the speaker before, "MM;" in the words.
    notes = TC39.replace("RBN: Yeah.", "MM; Yeah, I don’t want to agree to consensus yet.\n\n"
                                       "NRO: Sure; we can come back to it.\n\nRBN: Yeah.")  # fmt: skip
    episode = read("november-29.md", notes)
    said = [(s.speaker, s.text) for s in episode.segments]
    assert ("MM", "Yeah, I don’t want to agree to consensus yet.") in said
    assert ("Nicolò Ribaudo", "Sure; we can come back to it.") in said  # not a label: "Sure" opens no turn
    assert any(r.kind == "semicolon_labels" and "'MM;'" in r.detail for r in episode.repairs)


def test_a_segment_with_neither_words_nor_a_direction_never_reaches_the_archive() -> None:
    episode = Episode(id="x")
    episode.add_segment("Hello.")
    episode.add_chapter("Later")
    episode.add_segment("   ")
    episode.add_segment("\x00\x07")  # control characters only: nothing once they are removed
    episode.add_segment("Goodbye.", start=5.0)
    episode.finish()
    assert [(s.ordinal, s.text) for s in episode.segments] == [(0, "Hello."), (1, "Goodbye.")]
    assert episode.chapters[0].first_segment == 1 and episode.chapters[0].start == 5.0
    assert any(r.kind == "empty_segments" for r in episode.repairs)


def test_execution_layer_call_notes_name_time_and_link_each_turn() -> None:
    # `**Tim Beiko** [1:45](https://www.youtube.com/watch?v=…&t=105): Welcome everyone…`, under headings
    # marked `<!-- omit in toc -->`: the comment's "-->" read as a caption's timing line, so the notes
    # were plain text with no speaker and estimated times, "Tim Beiko 1:45:" in every turn's words.
    episode = real("ethpm-el-meeting-164.md")
    assert episode.title == "Execution Layer Meeting 164 Notes"
    assert episode.date == "2023-06-22" and episode.youtube_id == "09Kzi2x06UM"
    assert episode.extra["fields"]["Moderator"] == "Tim Beiko"
    assert not any("<!--" in c.title or "](" in c.title for c in episode.chapters)
    assert [c.title for c in episode.chapters][:2] == ["Agenda", "Execution Spec Tests overview"]
    turns = timeline(episode)
    assert turns[0] == (105.0, 153.0, "Tim Beiko", turns[0][3])
    assert turns[0][3].startswith("Welcome everyone to Execution Layer 164.")
    # A name with a handle in brackets is the speaker as written.
    assert turns[3][:3] == (160.0, 244.0, "Dan (danceratopz)")
    # The clock shown wins over the link's t= (11:40 shown, t=350); "[1:35:491]" is no clock: the link's t=5749.
    assert (700.0, "Mario Vega") in [(start, speaker) for start, _, speaker, _ in turns]
    assert turns[-2][:3] == (5749.0, 5752.0, "Trent")
    clocks = next(r.detail for r in episode.repairs if r.kind == "linked_clocks")
    assert clocks.startswith("2 turn times differ") and "1 clock that is no time" in clocks
    # The attendee list after the last turn is the page's, not Pooja Ranjan's words.
    assert turns[-1][2:] == ("Pooja Ranjan", "thank you.")
    assert "* Tim Beiko" in episode.extra["notes"][0]
    assert not any("Tim Beiko 1:45" in text or "](" in text for *_, text in turns)


def test_a_meetings_title_may_carry_its_date_in_brackets() -> None:
    text = ("# Execution Layer Meeting 165 [2023-07-06]\n\n"
            "**Tim Beiko** [0:52](https://www.youtube.com/watch?v=abcdefghijk&t=52): Good morning everyone.\n\n"
            "**Danny** [1:10](https://www.youtube.com/watch?v=abcdefghijk&t=70): Morning.\n\n"
            "**Tim Beiko** [1:15](https://www.youtube.com/watch?v=abcdefghijk&t=75): Let's start.\n")
    episode = read("Meeting 165.md", text)
    assert (episode.title, episode.date) == ("Execution Layer Meeting 165", "2023-07-06")
    assert [s.speaker for s in episode.segments] == ["Tim Beiko", "Danny", "Tim Beiko"]


def test_consensus_layer_call_notes_time_each_turn_by_its_first_words_link() -> None:
    # `**Danny:** [This](https://www.youtube.com/watch?v=…&t=15) is issue 536…`: the first word links to
    # the moment. The times were estimated from word counts and the video unknown.
    episode = real("ethpm-cl-call-088.md")
    assert episode.youtube_id == "4oI48BEijVw" and episode.date == "2022-06-02"
    turns = timeline(episode)
    assert turns[0][:3] == (15.0, 72.0, "Danny")
    assert turns[0][3].startswith("This is issue 536 on the pm repo")
    # `… being made **Paul:**yeah that's right`: Paul's turn, run on into Danny's paragraph.
    assert turns[5][2] == "Danny" and turns[5][3].endswith("paul was there some sort of assumption correctly being made")
    assert turns[6][2:] == ("Paul", turns[6][3]) and turns[6][3].startswith("yeah that's right um just")
    # A link left unclosed (`[yeah](https://…&t=236s same with prism`) still times its turn.
    assert ("Terence", 236.0) in [(speaker, start) for start, _, speaker, _ in turns]
    assert "yeah same with prism as well" in " ".join(text for *_, text in turns)
    # A turn with no link is timed by its words between the linked turns around it.
    sepolia = next(t for t in turns if t[3].startswith("so the next thing is we need to launch a sepolia"))
    assert 328.0 < sepolia[0] < 471.0
    # The Zoom chat pasted at the end was typed, not said.
    assert not any("From Tim Beiko to Everyone" in text or "barnabe.substack" in text for *_, text in turns)
    assert episode.extra["chat"].startswith("### Zoom chat\n\nFrom terence(prysmaticlabs) to Everyone 03:02 PM")
    assert any(r.kind == "pasted_chat" and r.detail.startswith("6 messages") for r in episode.repairs)
    # The header's links are links, not chapters at the start with their Markdown syntax.
    assert not any("](" in c.title or c.title == "Agenda" for c in episode.chapters)
    assert episode.extra["links"][0] == {"title": "Agenda", "url": "https://github.com/ethereum/pm/issues/536"}


# Zoom's saved meeting chat (a faithful short sample of an Ethereum call's chat; its folder's licence
# does not let the file itself be kept here), line ends as saved: CRLF after a message, LF inside it.
ZOOM_CHAT = (
    "00:13:46\tPotuz:\tgm\r\n"
    "00:14:54\tnixo:\tgm\r\n"
    "00:14:59\tEnrico Del Fante (tbenr):\tgm\r\n"
    "00:18:12\tBarnabas:\tis marco cutting out for anyone else?\r\n"
    "00:18:23\tEnrico Del Fante (tbenr):\tReplying to \"is marco cutting out...\"\n\nHere too\r\n"
    "00:18:30\tJustin Traglia:\tReacted to \"is marco cutting out...\" with 👍\r\n"
    "00:18:35\tKalo | Obol:\tReplying to \"is marco cutting out...\"\n\nYap, for me as well\r\n"
    "00:18:36\tKalo | Obol:\tReacted to \"is marco cutting out...\" with 👍\r\n"
    "00:19:57\tMarius van der Wijden:\tWhooo Lighthouse lfg\r\n"
    "00:20:06\tTrent:\tReacted to \"Whooo Lighthouse lfg\" with 🔥\r\n"
    "00:24:02\tBarnabas:\tReplying to \"https://dora.blob-de...\"\n\nWe currently have ~100% mev blocks\n"
    "12 private blobs / 12 public blobs (can increase further)\r\n"
    "00:38:10\tJustin Traglia:\tReplying to \"ICYMI, we just shipp...\"\n\nThis is super cool 🔥 one quick question, "
    "why are the raw/wire sizes different between fulu and gloas?\n[Full message cannot be displayed on this version]\r\n"
    "00:52:35\tnixo:\tbye!\r\n"
)


def test_zoom_chat_senders_are_the_field_between_the_tabs_and_reactions_are_not_messages() -> None:
    # Read as speaker-and-time lines, 38 of the 136 messages of a real chat went to the sender before,
    # the real sender (`nixo:`, `Enrico Del Fante (tbenr):`, `Kalo | Obol:`) left in the words.
    episode = read("chat.txt", ZOOM_CHAT)
    assert episode.source_format == "zoom_chat"
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (826.0, "Potuz", "gm"),
        (894.0, "nixo", "gm"),
        (899.0, "Enrico Del Fante (tbenr)", "gm"),
        (1092.0, "Barnabas", "is marco cutting out for anyone else?"),
        (1103.0, "Enrico Del Fante (tbenr)", "Here too"),
        (1115.0, "Kalo | Obol", "Yap, for me as well"),
        (1197.0, "Marius van der Wijden", "Whooo Lighthouse lfg"),
        (1442.0, "Barnabas", "We currently have ~100% mev blocks 12 private blobs / 12 public blobs (can increase further)"),
        (2290.0, "Justin Traglia", "This is super cool 🔥 one quick question, why are the raw/wire sizes different "
                                   "between fulu and gloas?"),
        (3155.0, "nixo", "bye!"),
    ]
    # A message is typed in a moment: "gm" at 13:46 does not last until the next one at 14:54
    # (dominikb1888/preasync's chat had one running an hour and 47 minutes); one close behind it runs on.
    assert episode.segments[0].end is not None and episode.segments[0].end < 830
    assert episode.segments[1].end == 899.0
    assert "silence_after" in {r.kind for r in episode.repairs}
    report = next(r.detail for r in episode.repairs if r.kind == "zoom_chat")
    assert "3 reactions" in report and "4 replies" in report and "1 note" in report


def test_w3c_minutes_list_items_opened_by_a_nick_in_brackets_are_turns() -> None:
    # The WebExtensions CG's minutes (w3c/webextensions, W3C licence; a faithful sample): "* [timothy] …".
    # The nicks were read as stage directions, no turn had a speaker, several people's turns ran together.
    text = ("# WECG Meetings 2024, Public Notes, May 23\n\n * Chair: Timothy Hatcher\n * Scribes: Rob Wu\n\n"
            "## Meeting notes\n\n"
            " * [timothy] We've seen requests like this on the Safari side as well.\n"
            " * [oliver] PDF use case could be covered by the header matching proposal.\n"
            "   * https://github.com/w3c/webextensions/issues/460\n"
            " * [rob] The PDF viewer use case is not fully addressed by that.\n"
            " * [oliver] Would love a way to replace the built-in PDF viewer.\n"
            " * [timothy] Seems preferable.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="x"), "2024-05-23-wecg.md")
    assert [(s.speaker, s.text[:16]) for s in episode.segments] == [
        ("timothy", "We've seen reque"), ("oliver", "PDF use case cou"), ("rob", "The PDF viewer u"),
        ("oliver", "Would love a way"), ("timothy", "Seems preferable")]  # fmt: skip
    assert not any(s.directions for s in episode.segments)


@pytest.mark.parametrize("shape", ["[{name}] {said}", "- {name}: {said}", "> {name}: {said}", "> **{name}:** {said}"],
                         ids=["brackets", "list-item", "quotation", "bold-quotation"])
def test_turns_as_list_items_or_quotations_opened_by_a_name_are_turns(shape: str) -> None:
    # The same turns written by note apps and blog posts that quote a talk: a name in brackets with no
    # list mark, a list item or a quotation opened by "Name:". The names stayed in the words (with the
    # list's "-" and the quotation's ">"), and no turn had a speaker.
    turns = [("Interviewer", "So where did you grow up?"), ("Jane Doe", "Near Lyon, by the river."),
             ("Interviewer", "And you moved to Paris later?"), ("Jane Doe", "Yes, for work. It was a big change.")]
    for gap in ("\n", "\n\n"):
        text = gap.join(shape.format(name=name, said=said) for name, said in turns) + "\n"
        episode = formats.parse(text, Episode(id="x"), "interview.md")
        assert [(s.speaker, s.text) for s in episode.segments] == turns
    # A list of links or notes by kind stays what it is: no one speaks in it.
    notes = formats.parse("- Twitter: https://x.com/jane\n- Site: https://jane.dev\n- Book: Data Mesh\n", Episode(id="y"),
                          "notes.md")  # fmt: skip
    assert not any(s.speaker for s in notes.segments)


@pytest.mark.parametrize("items", [
    ["- Parser: handle empty files", "- CLI: add --verbose flag", "- Parser: faster loading of big inputs",
     "- CLI: fix help text"],
    ["- Alice: will check the budget numbers", "- Bob: send the draft to legal", "- Alice: book the room for Friday",
     "- Carol: review the hiring plan", "- Bob: update the roadmap"],
    ["- Web UI: fix the crash on empty files", "- Search Index: faster builds", "- Web UI: a new theme",
     "- Search Index: smaller files on disk"],
    ["- Jane Doe: check the budget numbers", "- Jane Doe: send the draft to legal", "- John Smith: book the room",
     "- John Smith: review the hiring plan"],
], ids=["changelog", "action-items", "changelog-two-words", "action-items-full-names"])
def test_notes_listed_by_a_name_and_a_colon_are_no_ones_words(items: list[str]) -> None:
    # A changelog's items by component and a meeting's action items by owner are list items opened by
    # "Name:" too, but no one says them: "Parser" and "Alice" were taken for speakers of the notes.
    episode = formats.parse("# Notes\n\n" + "\n".join(items) + "\n", Episode(id="x"), "notes.md")
    assert not any(s.speaker for s in episode.segments)
    kept = " ".join([s.text for s in episode.segments] + episode.extra.get("notes", []))
    assert all(item[2:] in kept for item in items)



@pytest.mark.parametrize("heading", ["## Action items", "Action Items:", "**Next steps**"])
def test_action_items_whose_owners_take_turns_are_no_ones_words(heading: str) -> None:
    # Owners by full name, one item each in turn, under the notes' heading: "Jane Doe" was taken to say
    # "send the deck" and "John Smith" to answer "book the room".
    items = ["- Jane Doe: send the deck", "- John Smith: book the room", "- Jane Doe: follow up with legal",
             "- John Smith: draft the agenda"]
    episode = formats.parse(f"{heading}\n\n" + "\n".join(items) + "\n", Episode(id="x"), "notes.md")
    assert not any(s.speaker for s in episode.segments)
    kept = " ".join([s.text for s in episode.segments] + episode.extra.get("notes", []))
    assert all(item[2:] in kept for item in items)

@pytest.mark.parametrize("names", [("Jane Doe", "John Smith"), ("SPEAKER_01", "SPEAKER_02"), ("Host", "Guest")])
def test_raw_speech_to_text_listed_under_voices_that_take_turns_is_their_turns(names: tuple[str, str]) -> None:
    # Pasted as list items in lower case and without full stops, the turns kept "- Jane Doe:" in their
    # words and had no speaker.
    said = ["so yeah welcome to the show today we talk about data", "thanks for having me its great to be here",
            "so tell us how you got started", "well it began at school really"]
    text = "".join(f"- {names[k % 2]}: {words}\n" for k, words in enumerate(said))
    episode = formats.parse(text, Episode(id="x"), "talk.md")
    assert [s.text for s in episode.segments] == said
    assert len({s.speaker for s in episode.segments}) == 2 and None not in {s.speaker for s in episode.segments}
    # A glossary's terms, each said once, are no voices.
    glossary = formats.parse("- Latency: the time a request takes\n- Throughput: requests served a second\n"
                             "- Jitter: how latency varies\n- Backlog: work not yet started\n", Episode(id="g"), "g.md")
    assert not any(s.speaker for s in glossary.segments) and "- Jitter: how latency varies" in glossary.segments[2].text

def test_raw_speech_to_text_by_voices_named_with_common_words_is_their_turns() -> None:
    # "Mark" and "Will" are common English words: eight items turn about were kept whole, "- Mark:" in the words.
    said = ["so yeah welcome to the show", "thanks for having me", "so tell me about your work",
            "well i build boats mostly", "what kind of boats", "wooden ones mostly small", "that sounds fun",
            "it is a lot of work"]
    text = "".join(f"- {('Mark', 'Will')[k % 2]}: {words}\n" for k, words in enumerate(said))
    episode = formats.parse(text, Episode(id="x"), "talk.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [(("Mark", "Will")[k % 2], w) for k, w in enumerate(said)]
    # Under a notes heading, or as a list's kinds of item ("Question", "Answer"), such items name no one.
    for head, names in (("# Notes\n\n", ("Mark", "Will")), ("", ("Question", "Answer"))):
        items = "".join(f"- {names[k % 2]}: {words}\n" for k, words in enumerate(said))
        assert not any(s.speaker for s in formats.parse(head + items, Episode(id="n"), "notes.md").segments)


# TC39's notes of 20 January 2026 (a faithful short sample): the table set apart by a blank line, a
# presenter spelt shorter than the table spells him, and a topic's options in bold in a list.
# The table's rows were speech, DLM stayed initials and "Option 1" spoke.
TC39_2026 = """# 112th TC39 Meeting

Day One—20 January 2026

**Attendees:**

| Name              | Abbreviation | Organization       |
|-------------------|--------------|--------------------|
| Daniel Minor      | DLM          | Mozilla            |
| Shane F Carr      | SFC          | Google             |
| Rob Palmer        | RPR          | Bloomberg          |

## Import defer

Presenter: Dan Minor (DLM)

DLM: We have three ways forward.

* **Option 1**: Make export defer only defer execution and not skip loading
* **Option 2**: Skip loading as well

RPR: Thank you. Shane?

SFC: I prefer the first option.

DLM: Thanks, noted.
"""


def test_a_notes_table_is_no_speech_and_a_presenter_spelt_shorter_is_the_tables_attendee() -> None:
    episode = read("january-20.md", TC39_2026)
    assert episode.speakers == ["Daniel Minor", "Rob Palmer", "Shane F Carr"]
    words = " ".join(s.text for s in episode.segments)
    assert "Abbreviation" not in words and "Mozilla" not in words
    assert episode.extra["markdown_tables"][0].startswith("| Name")
    assert not any(s.speaker and s.speaker.startswith("Option") for s in episode.segments)


# W3C meeting minutes as pandoc Markdown (w3c/wot's shape, our own words): the scribe writes turns under
# short nicks ("mk:", "dr:", "mm:"), and lines pasted from IRC keep the nick in angle brackets
# ("<ana> +1"). "mm:" was read as the filler "mm" and its turn folded into the one before, and the
# IRC lines had no speaker.
W3C_MINUTES = """# Minutes from 05.11.2025

## Minutes

<jdoe> The call link has changed

mk: welcome, let us start with the agenda

mm: I cannot edit the agenda page

dr: copy it to the repository and edit it there

mk: agreed

mm: then I will do that today

dr: thanks

<ana> +1
"""


def test_w3c_minutes_give_short_nicks_and_irc_lines_their_own_turns() -> None:
    episode = formats.parse(W3C_MINUTES, Episode(id="wot"), "minutes.md")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert said == [("jdoe", "The call link has changed"), ("mk", "welcome, let us start with the agenda"),
                    ("mm", "I cannot edit the agenda page"), ("dr", "copy it to the repository and edit it there"),
                    ("mk", "agreed"), ("mm", "then I will do that today"), ("dr", "thanks"), ("ana", "+1")]


@pytest.mark.parametrize(("name", "opening"), [("chat.txt", ""), ("chat.txt", "[12:0{}] ")])
def test_chat_lines_under_full_names_in_angle_brackets_are_their_turns(name: str, opening: str) -> None:
    # Untimed, "<Jane Doe>" stayed in the words and no line had a speaker; timed, the name was dropped as a tag.
    said = [("Jane Doe", "Welcome to the show."), ("John Smith", "Thanks for having me."),
            ("Jane Doe", "So tell us how you started."), ("John Smith", "It began at school.")]
    text = "".join(f"{opening.format(k)}<{who}> {words}\n" for k, (who, words) in enumerate(said))
    episode = formats.parse(text, Episode(id="chat"), name)
    assert [(s.speaker, s.text) for s in episode.segments] == said
    assert [s.start for s in episode.segments] == ([720.0 + k for k in range(4)] if opening else [None] * 4)
    # and the report calls them nicks, not "initials that spell a word"
    assert not [r.detail for r in episode.repairs if r.kind == "initials_as_labels"]


@pytest.mark.parametrize("text", [
    "<p> Welcome to the show.</p>\n<p> Thanks for having me.</p>\n",
    "<v Jane Doe> Welcome to the show.\n<v John Smith> Thanks for having me.\n<v Jane Doe> Tell us more.\n",
    "<jane@example.com> Welcome to the show.\n<john@example.com> Thanks for having me.\n",
    "[00:01] <your name here> Welcome to the show.\n[00:02] <your name here> Thanks for having me.\n",
])  # fmt: skip
def test_tags_addresses_and_placeholders_in_angle_brackets_name_no_one(text: str) -> None:
    episode = formats.parse(text, Episode(id="chat"), "chat.txt")
    assert not any(s.speaker for s in episode.segments) and "Welcome" in episode.segments[0].text


@pytest.mark.parametrize("blanks", [("Your Name", "Guest Name"), ("Host Name", "First Last")])
@pytest.mark.parametrize("opening", ["<{}> ", "[00:0{k}] <{}> ", "[{}] ", "{}: "])
def test_a_templates_blanks_for_names_name_no_one_and_stay_in_the_words(opening: str, blanks: tuple[str, str]) -> None:
    # A transcript template never filled in ("<Your Name> Hello and welcome…" / "<Guest Name> Thanks…")
    # had speakers "Your Name" and "Guest Name".
    said = ["Hello and welcome to the show.", "Thanks for having me.", "So tell us how you started.", "It began at school."]
    text = "".join(opening.format(blanks[k % 2], k=k) + words + "\n" for k, words in enumerate(said))
    episode = formats.parse(text, Episode(id="chat"), "chat.txt")
    assert not any(s.speaker for s in episode.segments)
    words = " ".join(s.text for s in episode.segments)
    assert all(w in words for w in said) and all(blank in words for blank in blanks)


def test_sounds_in_angle_brackets_among_labelled_turns_are_no_speakers() -> None:
    # "<Music Playing>" and "<Audience Laughs>" opening lines of a labelled talk were read as two more
    # speakers, saying the words after them.
    text = ("Jane Doe: Welcome to the show.\n<Music Playing> and we are back.\nJohn Smith: Thanks for having me.\n"
            "<Audience Laughs> right, exactly.\nJane Doe: So, tell us more.\nJohn Smith: Sure thing.\n")
    episode = formats.parse(text, Episode(id="talk"), "talk.txt")
    assert {s.speaker for s in episode.segments} == {"Jane Doe", "John Smith"}
    assert "we are back" in " ".join(s.text for s in episode.segments)


@pytest.mark.parametrize("opening", ["", "[00:0{}] "])
def test_a_sound_in_angle_brackets_opening_a_line_is_a_direction_not_a_nick(opening: str) -> None:
    # "<Laughter> that is so true" and "<Applause> thanks all" were turns of speakers "Laughter" and "Applause".
    lines = [("alice", "hi there, how are you"), ("Laughter", "that is so true"), ("bob_", "hey alice"),
             ("alice", "ok then"), ("bob_", "yes indeed"), ("Applause", "thanks all")]
    text = "".join(f"{opening.format(k)}<{who}> {words}\n" for k, (who, words) in enumerate(lines))
    episode = formats.parse(text, Episode(id="chat"), "chat.txt")
    assert {s.speaker for s in episode.segments} == {"alice", "bob_"}
    words = " ".join(s.text for s in episode.segments)
    assert all(said in words for _, said in lines)
    assert [d for s in episode.segments for d in s.directions] == ["<Laughter>", "<Applause>"]


# The shape of an Indonesian meeting tool's speaker file (Itsqy/transcrib-meeting): "--- Speaker 1 ---" over
# indented "[mm:ss - mm:ss] phrase" lines; the times were read, but no line had a speaker.
_SPEAKER_BLOCKS = "\n".join([
    "--- Speaker 1 ---", "  [00:00 - 00:02] selamat pagi semuanya", "  [00:02 - 00:05] kita mulai rapat hari ini", "",
    "--- Speaker 2 ---", "  [00:06 - 00:08] baik terima kasih", "",
    "--- Speaker 1 ---", "  [00:09 - 00:12] yang pertama soal anggaran", "",
    "--- Speaker 2 ---", "  [00:13 - 00:15] sudah kami siapkan", ""])


def test_speaker_headings_name_the_timed_lines_under_them() -> None:
    episode = formats.parse(_SPEAKER_BLOCKS, Episode(id="x"), "rapat_speakers.txt")
    assert [s.speaker for s in episode.segments] == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2"]
    assert [s.start for s in episode.segments] == [0.0, 6.0, 9.0, 13.0] and not episode.chapters
    assert episode.segments[0].text == "selamat pagi semuanya kita mulai rapat hari ini"


def test_speaker_headings_with_ranges_over_stamped_paragraphs_time_and_name_each_paragraph() -> None:
    # The shape of Itsqy/transcrib-meeting's Markdown: a facts table, a colour legend and a summary
    # (a raw JSON block) above `### 🔵 Speaker 1 &nbsp;•&nbsp; `00:00 – 00:11`` headings, each over
    # `**`00:00`** — words` paragraphs, and a closing note under a rule. Words our own.
    text = ("# 📋 Meeting Transcript\n\n| | |\n|---|---|\n| **Audio file** | `day-2.m4a` |\n"
            "| **Length** | `00:01:30` |\n\n**Legend:** 🔵 Speaker 1, 🟢 Speaker 2\n\n---\n\n"
            "## 📊 Meeting Summary\n\n### Executive summary\n{\n  \"executive_summary\": \"The budget was agreed.\",\n"
            "  \"key_topics\": [\"budget\"]\n}\n\n---\n\n"
            "### 🔵 Speaker 1 &nbsp;•&nbsp; `00:00 – 00:20`\n\n**`00:00`** — shall we start with the budget then\n\n"
            "### 🟢 Speaker 2 &nbsp;•&nbsp; `00:20 – 01:05`\n\n**`00:20`** — yes the numbers came in on Monday\n\n"
            "**`00:48`** — and they look better than last year\n\n"
            "### 🔵 Speaker 1 &nbsp;•&nbsp; `01:10 – 01:30`\n\n**`01:10`** — good then we agree\n\n---\n\n"
            "*This transcript was made automatically; accuracy depends on the audio.*\n")
    episode = read("day-2.md", text)
    assert episode.title == "📋 Meeting Transcript"
    # Each stamped paragraph starts at its stamp and runs to the next; a turn's last ends at its heading's range.
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (0.0, 20.0, "Speaker 1"), (20.0, 48.0, "Speaker 2"), (48.0, 65.0, "Speaker 2"), (70.0, 90.0, "Speaker 1")]
    # The legend, the summary's JSON and the closing note are no speech; no stamp stays in the words.
    assert [s.text for s in episode.segments][1:3] == ["yes the numbers came in on Monday",
                                                        "and they look better than last year"]
    assert not any(word in s.text for s in episode.segments for word in ("Legend", "{", "`", "automatically"))
    assert "`00:01:30`" in episode.extra["page_text"] and "automatically" in episode.extra["page_text"]

"""Machine-transcribed podcast pages in Markdown: timed bold labels under chapter headings.

The sites these shapes come from give no licence for their transcripts, so the words here are
written for the test in the pages' shapes.
"""

from __future__ import annotations

from conftest import read

# A host pair the transcriber could not tell apart, labelled "Ronak or Guang".
EITHER_HOST = """---
title: "Misadventures Interview"
date: 2024-08-06
---

# Misadventures with Ada

## The Power of Communication [0:00 - 0:05]

[0:00] **Ada**: I wanted to be the best engineer, like the people whose blogs I read.

## Podcast Introduction [0:05 - 0:20]

[0:06] **Ronak or Guang**: Welcome to the show. We are your hosts.

[0:12] **Ronak or Guang**: Awesome to have you here, Ada.

[0:15] **Ada**: Thanks for having me.
"""


def test_a_label_naming_either_of_two_hosts_is_the_speaker_not_words() -> None:
    episode = read("misadventures.md", EITHER_HOST)
    turns = [(s.start, s.speaker, s.text) for s in episode.segments]
    assert turns[1:3] == [(6.0, "Ronak or Guang", "Welcome to the show. We are your hosts."),
                          (12.0, "Ronak or Guang", "Awesome to have you here, Ada.")]
    assert turns[3][1] == "Ada"


def test_a_chapter_headings_time_range_starts_the_chapter_and_leaves_its_title() -> None:
    episode = read("misadventures.md", EITHER_HOST)
    assert [(c.title, c.start) for c in episode.chapters] == [("The Power of Communication", 0.0),
                                                              ("Podcast Introduction", 5.0)]


# Show notes, then a marker whose bold runs over the line break to close after the first label.
BOLD_OVER_BREAK = """Host Chris talks to Kris, who leads a sustainability group, about greener clusters.

**Learn more about our people:**
- Chris: [LinkedIn](https://www.linkedin.com/in/example/)
- Kris: [Website](https://example.com/)

**TRANSCRIPT BELOW:
Kris Devo:** There were not many of us at that meeting, but we talked about sustainability all evening.

**Chris Adams:** Hello, and welcome to the show about greener software.

**Kris Devo:** Thanks for having me, Chris.

**Chris Adams:** Let us start with how the group began.
"""


def test_a_marker_whose_bold_closes_after_the_first_label_leaves_that_label_naming_the_turn() -> None:
    episode = read("episode-59.md", BOLD_OVER_BREAK)
    first = episode.segments[0]
    assert (first.speaker, first.text) == ("Kris Devo", "There were not many of us at that meeting, but we talked "
                                                        "about sustainability all evening.")


# A podcast's episode cut into ten-minute pages (the Misfit Podcast's, growthenginenowoslawski/
# misfit-podcast-transcripts-public, episodes/…-e376-…/chunks/07-59-40.md, no licence given, so
# the words are written for the test): front matter, a title, a link back, then whisper's segments
# under "## Transcript", each a bold start time and a caption's fragment of speech, no one named.
CHUNK_PAGE = """---
show: "Open Gym Podcast"
episode_title: "Programming for the Open - E.376"
published: 2025-11-18
episode_number: "376"
chunk_index: 7
chunk_start: "59:40"
chunk_end: "01:06:01"
---

# Programming for the Open - E.376 - Chunk 7

Episode: [Programming for the Open - E.376](../episode.md)

## Transcript

**[59:40]** around the time the last one made the first big change to the games with every country

**[59:46]** on the planet being represented. But at the time, you just roll with the punches, and

**[59:52]** the punches were that the sport is booming. This is the golden era. Our champion

**[59:57]** is going to take us all to the promised land. So you make the adjustments, and obviously

**[01:00:03]** there are other adjustments that get made later, and you have to make those changes

**[01:00:08]** too. But yeah, I think it just made sense, and from a narrative perspective, as far as

**[01:00:13]** things go, it was the right call for us.

**[01:00:18]** I think definitely, maybe not so much in the phases and more in terms of, there's part

**[01:00:24]** of me that feels like we were always going to end up here, and that the people who

**[01:00:29]** train with us were always going to be the ones who kept it going.

**[01:00:34]** Drive safe.
"""


def test_start_timed_caption_fragments_on_a_page_are_joined_into_sentences() -> None:
    # Each fragment was a segment of its own, so "Our champion / is going to take us all to the
    # promised land" was found by no search for the sentence; whisper's own ranges of the same
    # fragments ([0.00 --> 2.24]) were joined into sentences.
    episode = read("07-59-40.md", CHUNK_PAGE)
    texts = [s.text for s in episode.segments]
    assert len(texts) == 4 and all(s.speaker is None for s in episode.segments)
    assert any("This is the golden era. Our champion is going to take us all to the promised land." in t for t in texts)
    assert " ".join(texts).split() == [w for line in CHUNK_PAGE.split("## Transcript")[1].splitlines()
                                       if line.strip() for w in line.split("** ", 1)[1].split()]
    assert episode.segments[0].start == 3580.0 and episode.segments[-1].text == "Drive safe."
    assert episode.title.startswith("Programming for the Open") and episode.episode_number == 376

# A diarized recording's Markdown (WhisperX, the speakers' ids kept: bobsummerwill/strato-transcripts,
# outputs/episode001/episode001_whisperx_opus.md, GPL-3.0): each voice's "**SPEAKER_04:**" alone on
# its line over its "[00:00] words" paragraphs.
LABELS_OVER_TIMED_PARAGRAPHS = """**SPEAKER_04:**
[00:00] All righty, so we're on. My name is Kieren, and I'm joined by two old friends today.

[00:25] We're taking up the topic of what the network was like in the early days.

**SPEAKER_01:**
[02:15] That said, let me hand the question over. When were you first aware of it?

**SPEAKER_04:**
[03:42] Yeah, I'm trying to stay a little bit chronological here.

**SPEAKER_00:**
[04:02] I became aware of it around the same time as you did.

**SPEAKER_01:**
[05:42] You know, after your physics days, that makes sense.

**SPEAKER_00:**
[06:10] It does. I was too busy with other things back then.
"""


def test_a_label_alone_over_timed_paragraphs_names_their_speaker() -> None:
    # The first label was taken as the page's title and the others left at the end of the words
    # before them ("…digital banking. SPEAKER_01:"), every paragraph said by no one.
    episode = read("episode001_whisperx_opus.md", LABELS_OVER_TIMED_PARAGRAPHS)
    said = [(s.start, s.speaker) for s in episode.segments]
    assert said == [(0.0, "Speaker 4"), (25.0, "Speaker 4"), (135.0, "Speaker 1"), (222.0, "Speaker 4"),
                    (242.0, "Speaker 0"), (342.0, "Speaker 1"), (370.0, "Speaker 0")]
    assert not any("SPEAKER" in s.text for s in episode.segments) and episode.title != "SPEAKER_04:"
    assert episode.segments[3].text == "Yeah, I'm trying to stay a little bit chronological here."

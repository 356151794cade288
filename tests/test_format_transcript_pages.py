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

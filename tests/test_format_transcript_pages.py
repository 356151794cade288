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

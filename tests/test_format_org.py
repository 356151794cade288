"""Org mode transcripts: a talk's transcript kept as Emacs notes."""

from __future__ import annotations

from podsift import formats
from podsift.model import Episode

# The shape of an EmacsConf speaker's transcript in Org (mullikine's imaginary-programming talk, GFDL;
# its layout kept, the words our own): a title heading, a description item, the transcript under its
# heading, commented-out paragraphs, sub-headings and a source block. The comments were the title and
# the chapters, and the headings, the field and the code were speech.
ORG_TALK = """* Imaginary Programming transcript for EmacsConf 2021
+ Talk URL :: https://emacsconf.org/2021/talks/imaginary/

* Transcript
Dear fellow free software enthusiasts, it's a
real honor to present for EmacsConf on the
topic of imaginary programming, with =ilambda.el= as the example.

# a paragraph the speaker cut
# before giving the talk

** Why the word *imaginary*?
*** Reason 1: models that imagine
Language models complete what we start, and see [[https://example.org/paper][the paper]] for more.

#+BEGIN_SRC emacs-lisp -n
(idefun double (n) "double a number")
#+END_SRC

*** Reason 2: imaginary numbers
They were doubted once too.
"""


def test_an_org_transcript_is_read_as_the_document_it_is() -> None:
    episode = formats.parse(ORG_TALK, Episode(id="imaginary"), "README.org")
    assert episode.source_format == "org"
    assert episode.title == "Imaginary Programming transcript for EmacsConf 2021"
    assert [c.title for c in episode.chapters] == [
        "Why the word *imaginary*?", "Reason 1: models that imagine", "Reason 2: imaginary numbers"]
    said = [s.text for s in episode.segments]
    assert said[0] == ("Dear fellow free software enthusiasts, it's a real honor to present for EmacsConf on the "
                       "topic of imaginary programming, with ilambda.el as the example.")  # fmt: skip
    assert "Language models complete what we start, and see the paper for more." in said
    words = " ".join(said)
    assert "cut" not in words and "idefun" not in words and "Talk URL" not in words and "*" not in words
    assert episode.extra["fields"]["Talk URL"] == "https://emacsconf.org/2021/talks/imaginary/"
    assert episode.extra["code"][0].startswith("```")


def test_markdown_quoting_org_is_still_markdown() -> None:
    text = ("# Notes on Org\n\n**Bold point:** Org headings start with stars:\n\n```\n* Heading\n+ Key :: value\n```\n\n"
            "That is all.\n")  # fmt: skip
    assert formats.parse(text, Episode(id="t"), "notes.md").source_format != "org"

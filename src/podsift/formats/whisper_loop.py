"""Whisper stuck in a loop: one sentence transcribed again and again.

On speech it cannot follow (another language, noise, people talking over each other) whisper
writes the sentence it last heard caption after caption: "Tres quarts d'hora." 35 times in a
row in a Catalan meeting, French heard by tiny.en as "I don't know if you'll be able to do
it." three times. The first saying stays; the repeats were never said. A short line said
again and again ("Yeah.", "Bona nit.") may well be real, so only a sentence of a few words
counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from podsift.text import counted, squash

# One sentence this many times in a row, of at least this many words, is the loop.
LOOP_REPEATS = 3
LOOP_WORDS = 3


def repeats(texts: Sequence[str]) -> list[int]:
    """The positions of the repeats in each run of one sentence said ``LOOP_REPEATS`` times or
    more in a row (case and spacing aside); the first saying of each run is not among them."""
    keys = [squash(text).casefold() for text in texts]
    found: list[int] = []
    start = 0
    for k in range(1, len(keys) + 1):
        if k < len(keys) and keys[k] == keys[start]:
            continue
        if k - start >= LOOP_REPEATS and len(keys[start].split()) >= LOOP_WORDS:
            found.extend(range(start + 1, k))
        start = k
    return found


def detail(texts: Sequence[str], dropped: Sequence[int]) -> str:
    """The report's line for the repeats dropped from ``texts``."""
    gone = set(dropped)
    runs = sum(1 for k in dropped if k - 1 not in gone)
    first = squash(texts[dropped[0] - 1])
    return (f"whisper repeated one sentence {LOOP_REPEATS} or more times in a row ({first!r} …), as it does on "
            f"speech it cannot follow: {counted(len(dropped), 'repeat')} in {counted(runs, 'run')} dropped, the first saying kept")

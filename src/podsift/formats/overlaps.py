"""Overlapping speech written inside another speaker's turn, as noScribe marks it in its text and
WebVTT exports: ``S01: Welcome. //S02: Yes, exactly. // So today…``. The marked words are the other
speaker's, said while the turn went on: each becomes a segment of its own by that speaker, at the
turn's time (the file times nothing finer), right after the turn, and the marks leave the words.
Its HTML times each sentence and is read so by ``podcast_html``.
"""

from __future__ import annotations

import re

from podsift.model import Episode, Segment
from podsift.text import counted, squash

# "//S02: words //": noScribe's id for the voice, its words, then "//" closing them (glued to the last
# word at a turn's end, "gelegen.//"), the next voice's mark, or the turn's end; not a link's "//".
_OVERLAP = re.compile(r"(?<!\S)//(S\d{1,3}):\s*(.*?)\s*(?://(?=\s|$)|(?=//S\d{1,3}:)|$)")


def overlapping_speech(episode: Episode) -> None:
    """Each ``//Sxx: … //`` stretch a segment of its own by Sxx, after the turn it was said in."""
    if not any("//" in seg.text for seg in episode.segments):
        return
    parts: list[list[Segment]] = []
    stretches = 0
    for seg in episode.segments:
        marked = list(_OVERLAP.finditer(seg.text))
        stretches += len(marked)
        if marked:
            seg.text = _unmarked(seg.text, seg.speaker)
        parts.append(([seg] if not marked or seg.text or seg.directions else []) + [
            Segment(0, seg.start, seg.end, m.group(1), m.group(2)) for m in marked
            if m.group(1) != seg.speaker and m.group(2)])  # fmt: skip
    if stretches:
        episode.replace_segments(parts)
        episode.repair("overlapping_speech", f"{counted(stretches, 'stretch', 'stretches')} of overlapping speech "
                       "marked inside another's turn ('//S02: … //'): each a segment of its own by its speaker, at "
                       "the turn's time, the marks left out of the words")


def _unmarked(text: str, speaker: str | None) -> str:
    """The turn's words without the stretches; its own speaker marked again keeps them, marks out."""
    return squash(_OVERLAP.sub(lambda m: f" {m.group(2)} " if m.group(1) == speaker else " ", text))

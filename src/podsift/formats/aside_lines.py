"""Lines alone over timed paragraphs that name no one who speaks them.

``Question:`` / ``Answer:`` over a Q&A page's timed paragraphs are roles, not speakers: left out of
the words, the paragraphs keeping whatever speaker labels they have. ``Summary:``, ``Notes:``,
``Show notes:`` or ``Key takeaways:`` alone on a line, or a Markdown heading of those names (``## Summary``,
``**Key Takeaways**``), opens a block an AI-notes tool writes beside the transcript (bullets, a
paragraph), running to the next timed line: page text, not speech.
"""

from __future__ import annotations

import re

from podsift.model import Episode
from podsift.text import counted

_ROLE = re.compile(r"^[*_]*(?:question|answer)[*_]*\s*:\s*[*_]*$", re.IGNORECASE)
_NOTE_NAMES = r"(?:summary|notes|show notes|key takeaways)"
# "Summary:", or a heading needing no colon: "## Summary", "**Key Takeaways**" alone on its line.
_NOTES = re.compile(rf"^(?:[*_]*{_NOTE_NAMES}[*_]*\s*:\s*[*_]*|#{{1,6}}\s+[*_]*{_NOTE_NAMES}\s*:?[*_]*"
                    rf"|(\*\*|__){_NOTE_NAMES}\s*:?\1)\s*$", re.IGNORECASE)
# Text read line by line, where a line alone over timed paragraphs may be a role or a notes heading.
LINE_FORMATS = frozenset({"speaker_lines", "plain_text", "time_marks"})
_TRANSCRIPT = re.compile(r"^[#*_\s]*transcript[*_]*\s*:?\s*[*_]*$", re.IGNORECASE)
# A paragraph opened by its time: "[00:05] …", "**[0:00:05]** …", "00:05 Jane: …".
_TIMED = re.compile(r"^[*_\[(]{0,4}\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\b")
_MIN_TIMED = 3  # a transcript's timed lines: fewer, and "Notes:" may be what someone said
_MIN_ROLES = 2


def read_asides(text: str, episode: Episode) -> tuple[str, list[tuple[str, str]]] | None:
    """``text`` less its role lines and notes blocks, the notes kept in ``extra["page_text"]``, and the
    repairs saying so; None when it has neither."""
    if (unaside := without_asides(text)) is None:
        return None
    text, roles, notes = unaside
    repairs = []
    if roles:
        role_line = "'Question:'/'Answer:' line"
        repairs.append(("role_lines", f"{counted(roles, role_line)} alone over timed paragraphs left "
                                      "out of the words: roles, not who speaks"))
    if notes:
        episode.extra["page_text"] = "\n".join(filter(None, [episode.extra.get("page_text"), *notes]))
        repairs.append(("notes_blocks", f"a block under {notes[0]!r} ({counted(len(notes), 'line')}: the notes a tool "
                                        "writes beside the transcript) kept in extra['page_text'], not as speech"))
    return text, repairs


def without_asides(text: str) -> tuple[str, int, list[str]] | None:
    """``text`` less its role lines and notes blocks, how many role lines, and the notes' lines; None
    when it has neither, or too few timed lines to tell a transcript's."""
    lines = text.split("\n")
    timed = [i for i, line in enumerate(lines) if _TIMED.match(line.strip())]
    if len(timed) < _MIN_TIMED:
        return None
    roles = [i for i, line in enumerate(lines) if _ROLE.match(line.strip()) and _next_timed(lines, i)]
    if len(roles) < _MIN_ROLES:
        roles = []
    notes: list[int] = []
    for i, line in enumerate(lines):
        # Beside the transcript, above its first timed line or below its last: between two, the
        # line is someone's words ("Notes:" read out), not a tool's block.
        if _NOTES.match(line.strip()) and i not in notes and not timed[0] < i < timed[-1]:
            end = next((k for k in range(i + 1, len(lines)) if _TIMED.match(lines[k].strip())
                        or _TRANSCRIPT.match(lines[k].strip())), len(lines))
            if end == len(lines) or not _TRANSCRIPT.match(lines[end].strip()):
                notes += range(i, end)  # above "Transcript:", the page's reader keeps it as show notes
    if not roles and not notes:
        return None
    gone = set(roles) | set(notes)
    kept = ["" if i in gone else line for i, line in enumerate(lines)]
    return "\n".join(kept), len(roles), [lines[i].strip() for i in notes if lines[i].strip()]


def _next_timed(lines: list[str], i: int) -> bool:
    """Whether the next line with words after line ``i`` opens with a time."""
    after = next((line.strip() for line in lines[i + 1:] if line.strip()), "")
    return bool(_TIMED.match(after))

"""A speech recogniser's marks left in its raw text: SenseVoice's (FunASR) language, emotion and
event tags before each stretch it heard.

    <|zh|><|NEUTRAL|><|Speech|><|withitn|>真好听这首歌。<|zh|><|HAPPY|><|BGM|><|withitn|>对，所以…

Read as text, the tags were words ("< | NEUTRAL | >") and a whole recording one paragraph. Each run
of tags opens a stretch of its own, so it becomes a paragraph break; the sounds it names (``BGM``,
``Applause``, ``Laughter``…) stay as a stage direction, the rest (language, emotion, whether
numbers were written out) are no one's words. Copies that went through other tools carry the tags
spaced or with stray punctuation ("< | S pe ech | >", "<|?Happy|>"): read alike. Tags holding only
numbers (whisper's ``<|1.24|>`` times) are no marks of this kind and stay.
"""

from __future__ import annotations

import re

_TAG = r"<[ \t]*\|[ \t]*[^|<>\n]{0,24}?[A-Za-z][^|<>\n]{0,24}?[ \t]*\|[ \t]*>"
_RUN = re.compile(rf"{_TAG}(?:[ \t]*{_TAG})*")
_ONE = re.compile(r"<[ \t]*\|([^|<>\n]*)\|[ \t]*>")
# Fewer than this many runs is a stray mark, not a recogniser's raw output.
_MIN_RUNS = 3
# SenseVoice's event marks, as the stage directions a transcript writes.
_SOUNDS = {"bgm": "music", "applause": "applause", "laughter": "laughter", "cry": "crying",
           "sneeze": "sneeze", "cough": "cough", "breath": "breath"}  # fmt: skip


def _sounds(run: str) -> list[str]:
    names = (re.sub(r"[^a-z]", "", m.group(1).lower()) for m in _ONE.finditer(run))
    return [_SOUNDS[name] for name in names if name in _SOUNDS]


def untagged(text: str) -> tuple[str, int] | None:
    """``text`` with each run of tags made a paragraph break (its sounds kept as directions), and
    how many runs; None when the text is no recogniser's tagged output (or is JSON, whose strings
    cannot hold a line break)."""
    if text.lstrip("\ufeff \t\n")[:1] in ("{", "["):
        return None
    runs = 0
    parts: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        runs += 1
        sounds = "".join(f"({sound}) " for sound in _sounds(m.group()))
        parts += [text[last : m.start()].rstrip(" \t"), "\n\n", sounds]
        last = m.end()
    if runs < _MIN_RUNS:
        return None
    parts.append(text[last:])
    return "".join(parts).lstrip("\n"), runs

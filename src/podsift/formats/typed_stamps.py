"""Times a transcriber typed by hand where a table has no place for them.

Oral-history transcripts kept as tables ("Oral History as Data": ``speaker,words,tags,timestamp``)
are typed from a tape: the transcriber notes the tape's counter every few minutes, and not always
in the time column alone. A time cell may carry the section that starts there
(``[00:15:31] GLÜCK AND HER IPAD``), and a stamp may sit in the words (``Lyn Hejinian (17:03) in the
Bay Area``, ``[inaudible 01:11:26]``). Neither is anything said.
"""

from __future__ import annotations

import re

_CLOCK = r"\d{1,2}(?::\d{2}){1,2}"

# A time cell with words after its time: "[00:15:31] GLÜCK AND HER IPAD", "0:37:00 Career".
_HEADED = re.compile(rf"^\s*(?P<open>\[)?\s*(?P<time>{_CLOCK})\s*(?(open)\])\s+(?P<title>[^\W\d_].*?|[(\[].*?)\s*$")
# A clock typed into the words: in brackets of its own ("Bernstein (17:50).", "(15:00) a good shot"; the
# space before it goes with it), or closing a bracket of words ("[inaudible 01:11:26]", which keeps them).
_STAMP = re.compile(rf"\s*[(\[]\s*(?P<alone>{_CLOCK})\s*[)\]]"
                    rf"|(?P<words>[(\[][^()\[\]\n]{{1,80}}?)\s+(?P<closing>{_CLOCK})\s*(?P<close>[)\]])")


def headed_time(cell: str) -> tuple[str, str] | None:
    """(the time, the heading) of a time cell that names the section starting there, else None.
    A heading wholly in one pair of brackets (``(SHOWING DB SIKEN ARTWORK)``) loses them."""
    m = _HEADED.match(cell)
    if not m:
        return None
    title = m.group("title")
    if re.fullmatch(r"\([^()]*\)|\[[^\[\]]*\]", title):
        title = title[1:-1].strip()
    return (m.group("time"), title) if title else None


def stamps_in_words(text: str) -> tuple[str, list[str]]:
    """``text`` without the clocks typed into it, and those clocks in order."""
    if ":" not in text:
        return text, []
    found: list[str] = []

    def cut(m: re.Match[str]) -> str:
        found.append(m.group("closing") or m.group("alone"))
        # "(Indiscernible, 55:05)" keeps "(Indiscernible)".
        return m.group("words").rstrip(" ,;:-–—") + m.group("close") if m.group("closing") else ""

    text = _STAMP.sub(cut, text)
    return (text.strip(), found) if found else (text, [])

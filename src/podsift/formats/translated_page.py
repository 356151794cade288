"""A page that holds its talk twice: a translation in one section, the timed original in another.

    ## 中文全文

    好吧，大家好，歡迎大家收看另一集Waiting To Be Signed。

    ## 英文逐字稿（含時間戳）

    **[00:00]** All right, hello and welcome everyone to another episode of Waiting to Be Signed.

Read as one timeline, every turn would be said twice, once in each language. The section whose
lines open with times is the transcript; a section of plain paragraphs in another script
(Chinese beside English, say) and of a like length is its translation: kept in
``extra["translations"]`` under its heading and reported, never spoken. The translation's
paragraphs follow the translator's, not the turns, so they are not matched to segments.
A transcript may instead give each timed line, or each labelled turn of an untimed one, its
translation on the line under or over it (:func:`interleaved`), set aside the same way.
"""

from __future__ import annotations

import re
from collections import Counter

from podsift.model import Episode
from podsift.text import MARKDOWN_HEADING, agrees, counted, is_markup_line, squash

_MIN_TURNS = 3
_MIN_PARAGRAPHS = 3
# Letters outside the Latin script: at least this share makes a text "in another script", under
# the lower one a text is in Latin script; anything between is mixed, and proves nothing.
_OTHER_SCRIPT = 0.5
_LATIN_SCRIPT = 0.1
# Chinese runs to about a third of the letters of the English it translates; a section much
# shorter than that (a summary, a few notes) is not the talk again.
_MIN_LENGTH = 0.2
_LIST_OR_TABLE = ("- ", "* ", "+ ", "|", ">")
# A section that sums the talk up is no translation of it, however long the talk is.
_SUMMARY = re.compile(r"summary|overview|key points|takeaways|highlights|résumé|zusammenfassung|resumen|"
                      r"要約|요약|摘要|总结|總結|概要|まとめ", re.IGNORECASE)


def section_end(lines: list[str], heading: int, level: int) -> int:
    """Where the section under a heading ends: at the next heading of its level or above."""
    for j in range(heading + 1, len(lines)):
        other = MARKDOWN_HEADING.match(lines[j])
        if other and len(other.group(1)) <= level:
            return j
    return len(lines)


def _non_latin(text: str) -> float:
    """The share of ``text``'s letters that are not Latin (Vietnamese's extended Latin is Latin)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if ord(c) > 0x24F and not 0x1E00 <= ord(c) <= 0x1EFF)
    return other / len(letters)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _other_script(a: float, b: float) -> bool:
    return (a >= _OTHER_SCRIPT and b < _LATIN_SCRIPT) or (b >= _OTHER_SCRIPT and a < _LATIN_SCRIPT)


# The language a translation's line names before it: "(中文): 过去曾有…", "[EN]: …".
_LANGUAGE_TAG = re.compile(r"^[(\[（【][^()\[\]（）【】\n]{1,20}[)\]）】][ \t]*[:：]")


def _carrying(turns: list[list[str]], quoted: bool, tag: str | None = None) -> list[int]:
    """The turns whose lines after the first are all their translation: in another script (set apart
    as a quote, whatever words of that script the line it translates borrows), or opening with ``tag``."""
    def carries(said: str, below: str) -> bool:
        if tag and below.startswith(tag):
            return True
        if quoted:
            return _non_latin(below) >= _OTHER_SCRIPT > _non_latin(said)
        return _other_script(_non_latin(below), _non_latin(said))

    return [k for k, lines in enumerate(turns) if len(lines) > 1 and lines[0]
            and all(carries(lines[0], ln) for ln in lines[1:])]  # fmt: skip


def interleaved(turns: list[list[str]], before: list[str], episode: Episode, lines: str = "timed lines",
                quoted: bool = False) -> list[str]:
    """The lines of a transcript that gives each timed line its translation on the next line
    (``**[00:00]** All right, hello.`` / ``好吧，大家好。``), taken out of ``turns`` (each a timed
    line's words, then the lines below it) and kept in ``extra["translations"]``; the lines of
    ``before`` (the first turn's translation, where each stands above its line) that are also
    taken out. Nothing is taken unless most turns, and at least three, carry such a line. A study
    page quotes each labelled turn's translation under it the same way (``lines`` says which): set
    apart as a quote, it is the translation when in another script, whatever words of that script
    the line it translates borrows ("head over to the 찜질방?"). Where most translations name their
    language first (``(中文): …``), a line so named is one whatever its script (``(中文): Lennybot.com。``)."""
    carrying = _carrying(turns, quoted)
    if len(carrying) < _MIN_TURNS or 2 * len(carrying) < len(turns):
        return []
    tags = Counter(m.group(0) for k in carrying if (m := _LANGUAGE_TAG.match(turns[k][1])))
    if tags and 2 * (top := tags.most_common(1)[0])[1] > len(carrying):
        carrying = _carrying(turns, quoted, top[0])  # "(中文): Lennybot.com。": its tag says what the script cannot
    spoken = _non_latin(" ".join(turns[k][0] for k in carrying))
    above = [ln for ln in before if _other_script(_non_latin(ln), spoken)]
    taken = list(above)
    for k in carrying:
        taken.extend(turns[k][1:])
        del turns[k][1:]
    episode.extra.setdefault("translations", {})["interleaved"] = "\n\n".join(taken)
    episode.repair("translations", f"{counted(len(taken), 'line')} in another script between the {len(turns)} {lines} "
                                   f"{agrees(len(taken), 'is', 'are')} their translation: kept in extra['translations'], not spoken")  # fmt: skip
    return above


def set_aside(lines: list[str], episode: Episode) -> list[str]:
    """``lines`` without the translation of the timed section, and without that section's heading;
    ``lines`` as they are unless the page holds a timed section and such a translation of it."""
    from podsift.formats.speaker_lines import turn_line  # it reads pages' transcripts in turn

    timed: tuple[int, str, str] | None = None  # the heading's line, its title, the section's text
    prose: list[tuple[range, str, list[str]]] = []  # the section's lines, its title, its paragraphs
    for i, line in enumerate(lines):
        heading = MARKDOWN_HEADING.match(line)
        if not heading:
            continue
        end = section_end(lines, i, len(heading.group(1)))
        title = squash(heading.group("title"))
        body = [ln.strip() for ln in lines[i + 1:end] if ln.strip() and not is_markup_line(ln)]
        if any(MARKDOWN_HEADING.match(ln) for ln in body):
            continue  # a page's title over its sections, or a section of parts: its parts are judged
        turns = sum(1 for ln in body if turn_line(ln))
        if timed is None and turns >= _MIN_TURNS and 2 * turns >= len(body):
            timed = i, title, "\n".join(body)
        elif (not turns and len(body) >= _MIN_PARAGRAPHS and not any(ln.startswith(_LIST_OR_TABLE) for ln in body)
              and not _SUMMARY.search(title)):
            prose.append((range(i, end), title, body))
    if timed is None:
        return lines
    at, heard, original = timed
    script = _non_latin(original)
    found = [(span, title, body) for span, title, body in prose
             if _other_script(_non_latin(" ".join(body)), script)
             and _letters(" ".join(body)) >= _MIN_LENGTH * _letters(original)]  # fmt: skip
    if not found:
        return lines
    translations = episode.extra.setdefault("translations", {})
    dropped = {at}
    for span, title, body in found:
        translations[title] = "\n\n".join(body)
        dropped.update(span)
    turns = sum(1 for ln in original.split("\n") if turn_line(ln))
    paragraphs = sum(len(body) for _, _, body in found)
    under = ", ".join(repr(title) for _, title, _ in found)
    episode.repair("translations", f"the page holds the talk twice: the {turns} timed lines under {heard!r} are "
                                   f"the speech; the {paragraphs} paragraphs under {under}, in another script, are "
                                   "its translation, kept in extra['translations'], not spoken")  # fmt: skip
    return [line for k, line in enumerate(lines) if k not in dropped]

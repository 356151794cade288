"""Speakers set as headings with their time range, over paragraphs opened by their own times.

A meeting transcriber's Markdown page writes each turn so:

    ### 🔵 Speaker 1 &nbsp;•&nbsp; `00:38 – 01:25`

    **`00:38`** — the words up to the next stamp

    **`01:17`** — the rest of the turn

The heading names who speaks (its colour mark is no part of the name) and when the turn ends;
each stamped paragraph is a segment from its stamp to the next one, the last to the heading's end.
Everything outside those turns (the page's title, facts table, legend of colours, a language
model's summary and the closing note) is the page around the transcript, not speech.

The page is rewritten as timestamped blocks (a range line, the name, the words), which
:mod:`podsift.formats.timestamped_blocks` reads.
"""

from __future__ import annotations

import re

from podsift.text import MARKDOWN_HEADING, strip_markdown_inline

_TIME = r"(?:\d{1,2}:)?\d{1,3}:[0-5]\d(?:[.,]\d{1,3})?"
# Possessive: a heading line of thousands of spaces is read in one pass.
_GAP = r"(?:[ \t\u00a0]|&nbsp;)*+"
# "### 🔵 Speaker 1 &nbsp;•&nbsp; `00:00 – 00:11`": a name, a separator, a range in code.
_HEADING = re.compile(
    rf"^[ \t]{{0,3}}#{{1,6}}[ \t]++(?P<name>[^\s`•·|][^\n`•·|]{{0,79}}?){_GAP}[•·|]{_GAP}"
    rf"`(?P<start>{_TIME})[ \t]*[-–—][ \t]*(?P<end>{_TIME})`[ \t]*$"
)
# "**`01:17`** — words": a paragraph's own start, bold, in code or both.
_STAMP = re.compile(rf"^(?P<bold>\*\*)?(?P<code>`)?(?P<time>{_TIME})(?(code)`)(?(bold)\*\*)[ \t]*[-–—:][ \t]*(?P<text>.*)$")
# A colour or symbol mark before the name: not part of it.
_MARK = re.compile(r"^[^\w\s(\[]+\s*")
_MIN_HEADINGS = 3


def _name(raw: str) -> str:
    return _MARK.sub("", strip_markdown_inline(raw.replace("&nbsp;", " ")).strip()).strip()


def unheaded(text: str) -> tuple[str, str | None, int, list[str]] | None:
    """``text`` as timestamped blocks, the title its first heading gave, how many turns were read
    and the lines around them, left out; None unless ``text`` has three or more such
    headings and one name heads more than one of them (a chapter is headed once)."""
    if "`" not in text or "#" not in text:
        return None
    lines = text.split("\n")
    headings = [(k, m) for k, line in enumerate(lines) if "`" in line and line.lstrip().startswith("#") and (m := _HEADING.match(line))]
    names = [_name(m.group("name")) for _, m in headings]
    if len(headings) < _MIN_HEADINGS or len(set(names)) == len(names) or not all(names):
        return None
    title = None
    if (top := MARKDOWN_HEADING.match(lines[0].lstrip("\ufeff"))) and top.group(1) == "#":
        title = strip_markdown_inline(top.group("title")).strip() or None
    out: list[str] = []
    left_out = [line for line in lines[1 if title else 0 : headings[0][0]] if line.strip()]
    bounds = [k for k, _ in headings] + [len(lines)]
    for (at, heading), name, stop in zip(headings, names, bounds[1:], strict=True):
        paragraphs: list[tuple[str, list[str]]] = []  # (start, words) of each stamped paragraph
        body = lines[at + 1 : stop]
        for k, line in enumerate(body):
            stripped = line.strip()
            if re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", stripped):
                # A rule closes the turn: what follows it before the next heading is the page's note.
                left_out += [rest for rest in body[k + 1 :] if rest.strip()]
                break
            if stamp := _STAMP.match(stripped):
                paragraphs.append((stamp.group("time"), [stamp.group("text")]))
            elif stripped:
                if not paragraphs:
                    paragraphs.append((heading.group("start"), []))
                paragraphs[-1][1].append(stripped)
        for n, (start, words) in enumerate(paragraphs):
            end = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else heading.group("end")
            said = " ".join(w for w in words if w)
            if said:
                out += [f"{start} - {end}", name, said, ""]
    return "\n".join(out), title, len(headings), left_out

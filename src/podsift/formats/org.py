"""Org mode documents (Emacs): a talk's transcript kept as notes, as EmacsConf's speakers keep theirs.

    #+TITLE: Imaginary Programming
    * Transcript
    Dear fellow free software enthusiasts, it's a
    real honor to present for EmacsConf…
    # a commented-out paragraph
    #+BEGIN_SRC emacs-lisp
    (idefun …)
    #+END_SRC

Org is read as the Markdown it corresponds to, then by whichever reader that text suits: ``*``
headings become ``#`` headings (title and chapters), ``#+TITLE:`` and ``#+DATE:`` the episode's,
other ``#+KEY:`` lines and ``+ Talk URL :: …`` description items fields in ``extra["fields"]``,
source and example blocks fenced code (shown, not said), property drawers and comment lines
(``# …``) left out, links ``[[url][words]]`` their words and ``=verbatim=`` its text.
"""

from __future__ import annotations

import re

from podsift.model import Episode
from podsift.text import counted, date_in, prepare_text

NAME = "org"
EXTENSIONS = (".org",)

_SAMPLE = 16_384
# What only Org writes: "#+TITLE:", "#+BEGIN_SRC", a description item "+ Talk URL :: …", a drawer.
# (a "term :: definition" item is Org's too, but Markdown writes it in lists of classifiers)
_ORG_MARKER = re.compile(r"^#\+(?:title|author|date|begin_\w+|options|startup|language)\b|^[ \t]*:PROPERTIES:[ \t]*$",
                         re.IGNORECASE | re.MULTILINE)
_HEADING_LINE = re.compile(r"^\*+[ \t]+\S", re.MULTILINE)
_MARKDOWN_BOLD = re.compile(r"\*\*[^*\s][^*\n]*\*\*")
_KEYWORD = re.compile(r"^#\+(?P<key>[A-Za-z_]+):[ \t]*(?P<value>.*)$")
_BLOCK = re.compile(r"^[ \t]*#\+(?P<edge>begin|end)_(?P<kind>\w+)", re.IGNORECASE)
_HEADING = re.compile(r"^(?P<stars>\*+)[ \t]+(?P<title>\S.*)$")
_HEADING_TAGS = re.compile(r":[\w@#%:]+:")  # "* Notes   :work:talk:"
_HEADING_STATE = re.compile(r"^(?:TODO|DONE)[ \t]+")
_DESCRIPTION = re.compile(r"^[ \t]*[-+][ \t]+(?P<key>\S[^\n]*?) ::(?:[ \t]+(?P<value>.*))?$")
_COMMENT = re.compile(r"^[ \t]*#(?:[ \t]|$)")
_DRAWER = re.compile(r"^[ \t]*:(?P<name>[A-Z_]+):[ \t]*$")  # ":PROPERTIES:", ":LOGBOOK:", ":END:"
_LINK = re.compile(r"\[\[(?P<target>[^\[\]\n]+)\](?:\[(?P<words>[^\[\]\n]+)\])?\]")
_VERBATIM = re.compile(r"(?<![\w=~])[=~](?P<text>\S(?:[^=~\n]*\S)?)[=~](?![\w=~])")
_CODE_BLOCKS = frozenset({"src", "example"})


def sniff(text: str) -> float:
    head = text[:_SAMPLE]
    if "```" in head or _MARKDOWN_BOLD.search(head):
        return 0.0  # Markdown (which may quote Org): Org fences code with #+BEGIN_SRC and bolds with one star
    return 0.6 if _ORG_MARKER.search(head) and _HEADING_LINE.search(head) else 0.0


def as_markdown(text: str, episode: Episode) -> str:
    """The document as Markdown; its title, date and fields kept on ``episode``."""
    out: list[str] = []
    code: str | None = None  # the kind of block whose lines are being copied as code
    drawer = False
    left_out = 0
    for line in text.split("\n"):
        block = _BLOCK.match(line)
        if code is not None:
            if block and block.group("edge").lower() == "end" and block.group("kind").lower() == code:
                out.append("```")
                code = None
            else:
                out.append(line)
            continue
        if block:
            if block.group("edge").lower() == "begin" and block.group("kind").lower() in _CODE_BLOCKS:
                out.append("```")
                code = block.group("kind").lower()
            continue  # a quote's or verse's edges: its lines are read as they are
        if (name := _DRAWER.match(line)) is not None:
            drawer = name.group("name").lower() != "end"
            left_out += 1
            continue
        if drawer:
            left_out += 1
            continue
        if keyword := _KEYWORD.match(line):
            _keyword(keyword.group("key").lower(), keyword.group("value").strip(), episode)
            continue
        if _COMMENT.match(line):
            left_out += 1
            continue
        if " ::" in line and (item := _DESCRIPTION.match(line)) is not None:
            episode.extra.setdefault("fields", {})[_plain(item.group("key"))] = _plain(item.group("value") or "")
            continue
        if (heading := _HEADING.match(line)) is not None:
            out.append("#" * min(6, len(heading.group("stars"))) + " " + _plain(_heading_title(heading.group("title"))))
            continue
        out.append(_plain(line))
    if code is not None:
        out.append("```")
    dropped = f"; {counted(left_out, 'comment or drawer line')} left out" if left_out else ""
    episode.repair("org", f"an Org mode document: read as the Markdown it corresponds to (headings, code blocks, fields){dropped}")
    return "\n".join(out)


def _heading_title(title: str) -> str:
    """A heading's words without its state ("TODO") and its tags (":work:talk:" last)."""
    title = _HEADING_STATE.sub("", title.rstrip())
    head, _, last = title.rpartition(" ")
    return head.rstrip() if head.strip() and _HEADING_TAGS.fullmatch(last) else title


def _keyword(key: str, value: str, episode: Episode) -> None:
    if key == "title" and value and not episode.title:
        episode.title = _plain(value)
    elif key == "date" and not episode.date and (day := date_in(value)):
        episode.date = day
    elif value:
        episode.extra.setdefault("fields", {})[key] = value


def _plain(text: str) -> str:
    """Org's inline markup as the text it shows: a link's words (or its target), verbatim's text."""
    text = _LINK.sub(lambda m: m.group("words") or m.group("target"), text)
    return _VERBATIM.sub(lambda m: m.group("text"), text)


def parse(text: str, episode: Episode) -> None:
    from podsift import formats  # the body is read by whichever format it is in

    body = as_markdown(prepare_text(text, episode), episode)
    reader = formats.detect(body, exclude=(NAME, "markdown_page", "dtc_page"))
    reader.parse(body, episode)

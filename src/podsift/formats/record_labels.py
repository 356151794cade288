"""A parliament's verbatim record, its speeches opened by the record's own labels.

    Präsident Dr. Norbert Lammert:          (the Bundestag: a line of its own over the words)
    Nehmen Sie bitte Platz.

    İSMAİL FARUK AKSU (İstanbul) – Sayın Başkan, …     (the Turkish Grand National Assembly)
    BAŞKAN
    – Teşekkür ederim.

    O SR. PRESIDENTE (Hugo Motta. Bloco/REPUBLICANOS - PB) - Está aberta a sessão.   (Brazil's Câmara)
    A SRA. BIA KICIS (Bloco/PL - DF. Pela ordem. Sem revisão da oradora.) - Sr. Presidente, …

Where a record labels its speeches so, its labels are its speakers: a sentence that ends in a colon
("Apropos Griechenland: …", "Beginn: 10.30 Uhr") opens no turn. What comes before the first speech
is the record's cover and contents, not speech; a contents line ("Name (SPD) . . . . 17884 D") is
never speech anywhere.
"""

from __future__ import annotations

import re
from collections import Counter

from podsift.formats.heading_lines import heading_facts
from podsift.model import Episode
from podsift.text import counted, squash

# "Dr. Dietmar Bartsch (DIE LINKE):", "Dr. Angela Merkel, Bundeskanzlerin:" alone on a line.
_LINE_LABEL = re.compile(r"^[ \t]*(?P<name>[^\W\d_](?:[^\W\d_]|[.'’-])*(?:[ \t]+[^\W\d_](?:[^\W\d_]|[.'’-])*){0,5}?)"
                         r"(?:,[ \t]*(?P<office>[^\W\d_][^:()\n]{0,60}?)|[ \t]*\((?P<group>[^()\n]{1,50})\))?[ \t]*:[ \t]*$")
# "İSMAİL FARUK AKSU (İstanbul) – words", "BAŞKAN – words": a name in capitals, a dash, the words.
_CAPS_DASH = re.compile(r"^[ \t]*(?P<name>[^\W\d_][^\W\d_'’./]*(?:[ \t]+[^\W\d_][^\W\d_'’./]*){0,7}?)"
                        r"(?:[ \t]*\((?P<group>[^()\n]{1,40})\))?[ \t]*(?:[–—][ \t]+(?P<rest>\S.*)|[–—]?[ \t]*)$")
# "O SR. LUIZ COUTO (Bloco/PT - PB. Sem revisão do orador.) - words", "A SRA. …", "O SR. PRESIDENTE (Hugo Motta.
# Bloco/REPUBLICANOS - PB) - words": the Câmara's shorthand notes, justified (spaces doubled) and one label a line.
_SR_DASH = re.compile(r"^[ \t]*(?:O|A|OS|AS)[ \t]+SR(?:A|S|AS)?\.[ \t]+(?P<name>[^\W\d_][^()\n]{0,60}?)"
                      r"(?:[ \t]*\((?P<group>[^()\n]{1,160})\))?[ \t]+[-–—][ \t]+(?P<rest>\S.*)$")
_DASH_OPENING = re.compile(r"^[ \t]*[–—][ \t]+(?=\S)")
_CAPS_WORDS = re.compile(r"^[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}[ \t]*$")
# A contents page's entry: words, dot leaders, the page (and its column, A to D).
_CONTENTS_LINE = re.compile(r"(?:[ \t]*\.){4,}[ \t]*\d{1,6}(?:[ \t]*[A-D])?[ \t]*$")
# The record's way of labelling: this many label lines, two names or more, one of them again.
_MIN_LABELS = 3
_WORDS = 6
_MIN_ROLES = 2
# "Continuing": the record's note on a speaker's label after an interruption, not their seat.
_CONTINUING = frozenset({"devamla", "fortsetzend", "continuing"})


def _capitalised(name: str) -> bool:
    """Every word capitalised, but short particles ("von", "h. c.")."""
    return all(word[0].isupper() or len(word) <= 3 for word in name.split()) and name[0].isupper()


_Label = tuple[str, str | None, int, str]  # name, office or group, lines taken, the words after it


def _line_labels(lines: list[str]) -> dict[int, _Label]:
    """Label lines of the Bundestag's kind, a paragraph's first line over the words under it; an
    office after the name is capitalised ("Dr. Angela Merkel, Bundeskanzlerin:", not "Ja, den haben wir:")."""
    found = {}
    for k, line in enumerate(lines[:-1]):
        if not line.rstrip().endswith(":") or (k and lines[k - 1].strip()):
            continue
        m = _LINE_LABEL.match(line)
        if (m and _capitalised(m["name"]) and len(m["name"].split()) <= _WORDS and lines[k + 1].strip()
                and (not m["office"] or m["office"][0].isupper())):
            found[k] = (squash(m["name"]), m["office"] or m["group"], 2, lines[k + 1])
    return found


def _dash_labels(lines: list[str]) -> dict[int, _Label]:
    """Label lines of the TBMM's kind, a name in capitals before a dash; the label may be wrapped
    ("BAŞKAN" over "– Teşekkür…", "REŞAT" over "PETEK (Devamla) – …")."""
    found: dict[int, _Label] = {}
    for k, line in enumerate(lines):
        below = lines[k + 1] if k + 1 < len(lines) else ""
        dash_below = _DASH_OPENING.match(below)
        if "–" not in line and "—" not in line and not dash_below:
            continue
        m = _CAPS_DASH.match(line)
        if not m or not m["name"].isupper():
            continue
        if m["rest"] is not None:
            taken, words = 1, m["rest"]
        elif dash_below and "–" not in line and "—" not in line:
            taken, words = 2, below[dash_below.end():]  # "BAŞKAN" over "– Teşekkür…"
        else:
            continue
        name = squash(m["name"])
        if k and k - 1 not in found and _CAPS_WORDS.match(lines[k - 1]) and lines[k - 1].isupper():
            found[k - 1] = (f"{squash(lines[k - 1])} {name}", m["group"], taken + 1, words)  # the name wrapped
        else:
            found[k] = (name, m["group"], taken, words)
    return found


def _sr_labels(lines: list[str]) -> dict[int, _Label]:
    """Label lines of the Câmara's kind: the name in capitals, its note in brackets (the chair's name
    there, then the party and state, and "Sem revisão do orador."), a dash, the words. The chair is
    "PRESIDENTE (Hugo Motta)", every member by name; the party and state are the role."""
    found: dict[int, _Label] = {}
    for k, line in enumerate(lines):
        if "SR" not in line[:12] or not (m := _SR_DASH.match(line)) or not m["name"].isupper():
            continue
        name, role = squash(m["name"]), None
        if m["group"]:
            parts = [squash(part) for part in m["group"].split(". ") if part.strip(" .")]
            if len(parts) > 1 and not _PARTY_STATE.search(parts[0]):  # "Hugo Motta. Bloco/REPUBLICANOS - PB"
                name, parts = f"{name} ({parts[0]})", parts[1:]
            role = parts[0].rstrip(".") if parts else None
        found[k] = (name, role, 1, m["rest"])
    return found


# A member's party and state: "Bloco/PT - PB", "NOVO - SC".
_PARTY_STATE = re.compile(r"[ \t]-[ \t]*[A-Z]{2}$")
_CAPS_HEADING_WORDS = 16


def _caps_headings(lines: list[str], found: dict[int, _Label]) -> set[int]:
    """Lines in capitals opening a block of their own between the speeches ("ORDEM DO DIA", "LEITURA DA ATA"):
    the record's sections, not the words of the speech before them."""
    headings: set[int] = set()
    for k, line in enumerate(lines):
        if k in found or not line.strip() or (k and lines[k - 1].strip() and k - 1 not in headings):
            continue
        if line.isupper() and len(line.split()) <= _CAPS_HEADING_WORDS and not line.lstrip().startswith("("):
            headings.add(k)
    return headings


def _said_by(found: dict[int, _Label]) -> bool:
    """Labels enough, two speakers or more, one again; and members' labels give their party, seat or
    office: a chat's or a diarizer's "Ana:" over her words gives none."""
    counts = Counter(label[0] for label in found.values())
    return (len(found) >= _MIN_LABELS and len(counts) >= 2 and counts.most_common(1)[0][1] >= 2
            and sum(1 for label in found.values() if label[1]) >= _MIN_ROLES)


def record_labels(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with the record's labels written ``Name: words``, each opening a paragraph, and the
    names; its cover and contents above the first speech kept in ``extra["header"]``. The text as it
    is, and no names, when it is labelled no such way."""
    lines = text.split("\n")
    # the record's one way of labelling, the one that opens more speeches
    styles = (_line_labels(lines), _dash_labels(lines), sr := _sr_labels(lines))
    found = max(styles, key=len)
    if not _said_by(found):
        return text, frozenset()
    headings = _caps_headings(lines, found) if found is sr else set()
    first = min(found)
    header = [squash(line) for line in lines[:first] if line.strip()]
    if header:
        episode.extra.setdefault("header", []).extend(header)
        heading_facts(header, episode)  # the sitting's date on its cover
    out: list[str] = []
    roles: dict[str, str] = {}
    contents = 0
    k = first
    while k < len(lines):
        if k in headings:  # "ORDEM DO DIA" over the speeches: a heading (a chapter), and no one's words
            out.extend(["", f"## {squash(lines[k])}", ""] if k - 1 not in headings else [f"## {squash(lines[k])}", ""])
            k += 1
            continue
        if k not in found:
            if _CONTENTS_LINE.search(lines[k]):
                contents += 1
            else:
                out.append(lines[k])
            k += 1
            continue
        name, role, taken, words = found[k]
        if role and role.strip().lower() not in _CONTINUING:
            roles.setdefault(name, squash(role))
        out.extend(["", f"{name}: {words}"] if out and out[-1].strip() else [f"{name}: {words}"])
        k += taken
    if roles:
        episode.extra.setdefault("roles", roles)
    names = frozenset(label[0] for label in found.values())
    shown = ", ".join(repr(n) for n, _ in Counter(label[0] for label in found.values()).most_common(3))
    episode.repair("record_labels", f"{counted(len(found), 'speech', 'speeches')} opened by a parliamentary record's labels ({shown}): "
                                    f"its speakers, and no sentence ending in a colon opens a turn; "
                                    f"{counted(len(header), 'line')} of cover and contents above the first kept in "
                                    f"extra['header']" + (f"; {counted(contents, 'contents line')} left out" if contents else ""))
    return "\n".join(out), names

"""Who the initials labelling meeting notes' turns are.

Standards bodies' minutes (TC39's, Ecma's) label each turn with the speaker's initials
(``NRO: Yes. Like, I agree…``) and say whose they are once: in an attendee table,

    | Name                   | Abbreviation | Organization      |
    | ---------------------- | ------------ | ----------------- |
    | Nicolò Ribaudo         | NRO          | Igalia            |

and beside each topic's presenter (``Presenter: Jack Works (JWK)``). A turn so labelled is
shown as the person's name; initials the notes never spell out stay as written.
"""

from __future__ import annotations

import re

from podsift.model import Episode
from podsift.text import counted

_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_NAME_HEADER = re.compile(r"^(?:full\s+)?name$", re.IGNORECASE)
_INITIALS_HEADER = re.compile(r"^(?:abbreviations?|abbr\.?|initials|acronym|short(?:\s+name)?)$", re.IGNORECASE)
_INITIALS = re.compile(r"[A-Z]{2,5}")
# "Presenter: Jack Works (JWK)", "Presenters: Ana Ruiz (ARZ), Bo Li (BLI)".
_PRESENTER = re.compile(r"^\s*(?:\*\*|__)?(?:presenters?|speakers?|champions?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(?P<who>.+)$",
                        re.IGNORECASE | re.MULTILINE)
_SLIP = 90  # rapidfuzz's ratio of two spellings of one name that differ by a typing slip
_NAMED = re.compile(r"(?P<name>[^\W\d_][^(),;\n]{1,60}?)\s*\((?P<initials>[A-Z]{2,5})\)")


def _cells(line: str) -> list[str] | None:
    m = _ROW.match(line)
    return [cell.strip() for cell in m.group("cells").split("|")] if m else None


def names_for_initials(text: str) -> dict[str, str]:
    """The names the notes give initials, from an attendee table (a column of names beside one of
    abbreviations) and presenter fields; one initials spelt out two ways is left as it is, unless the
    ways are one person's (``_same_person``: "Daniel Minor" in the table, "Dan Minor" presenting),
    who is then named as the table names them."""
    found: dict[str, set[str]] = {}
    tabled: dict[str, str] = {}
    columns: tuple[int, int] | None = None
    for line in text.split("\n"):
        cells = _cells(line)
        if cells is None:
            columns = None  # the table has ended
            continue
        if columns is None:
            names = [k for k, cell in enumerate(cells) if _NAME_HEADER.match(cell)]
            initials = [k for k, cell in enumerate(cells) if _INITIALS_HEADER.match(cell)]
            if names and initials:
                columns = names[0], initials[0]
            continue
        name_at, initials_at = columns
        if max(name_at, initials_at) < len(cells):
            name, short = cells[name_at], cells[initials_at]
            if name and _INITIALS.fullmatch(short):
                found.setdefault(short, set()).add(" ".join(name.split()))
                tabled.setdefault(short, " ".join(name.split()))
    for m in _PRESENTER.finditer(text):
        for named in _NAMED.finditer(m.group("who")):
            found.setdefault(named.group("initials"), set()).add(" ".join(named.group("name").split()))
    out: dict[str, str] = {}
    for short, spellings in found.items():
        if len(spellings) == 1:
            out[short] = next(iter(spellings))
        elif (listed := tabled.get(short)) is not None and all(_same_person(listed, other) for other in spellings):
            out[short] = listed
    return out


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one attendee: the same surname ("Daniel Minor", "Dan Minor"; "Shane F Carr",
    "Shane Carr"), or a slip of the keys ("Chris de Almeida", "Chris de Almieda")."""
    from rapidfuzz import fuzz

    return a.split()[-1].lower() == b.split()[-1].lower() or fuzz.ratio(a.lower(), b.lower()) >= _SLIP


def show_names(episode: Episode, text: str) -> None:
    """Show each turn labelled with initials the notes spell out as that person's name, and say so."""
    names = names_for_initials(text)
    if not names:
        return
    shown: dict[str, str] = {}
    for seg in episode.segments:
        if seg.speaker in names:
            shown[seg.speaker] = names[seg.speaker]
            seg.speaker = names[seg.speaker]
    if shown:
        listed = ", ".join(f"{short} as {name}" for short, name in list(shown.items())[:4])
        episode.repair("initials_named", f"{counted(len(shown), 'label')} of initials shown as the names the notes' attendee "
                       f"table or presenter lines give them ({listed}{' …' if len(shown) > 4 else ''})")

"""A language tag opening every caption: ``[CAT]  Bon dia.``, ``[ES]  Hola.``, ``[??]  …``.

Scripts that run language identification over whisper's captions write each cue's
language in brackets before its words. Read as they are, the tags look like
bracketed speaker labels ("CAT" and "ES" speaking in turns, the ``[??]`` cues carrying
the last one on) and ``[??]`` stays among the words. They are the cue's language, not
a voice: taken out of the words and counted, where every cue opens with one and each
is a language code (or ``??``, the language not identified).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from podsift.formats.cues import Cue
    from podsift.model import Episode

_TAG = re.compile(r"^\s*\[(?P<code>[A-Z]{2,3}|\?\?)\][ \t]*")
UNKNOWN = "??"
# Common ISO 639-1 and 639-2 codes, upper-cased as such scripts write them. A short list: two
# people's initials ("[JD]", "[MK]") tagging every cue must not be taken for languages.
LANGUAGE_CODES = frozenset(
    "AR BG CA CS CY DA DE EL EN ES ET EU FA FI FR GA GL HE HI HR HU ID IT JA KO LT LV NL NO PL PT "
    "RO RU SK SL SR SV TR UK ZH "
    "ARA BUL CAT CES CZE DAN DEU GER ELL GRE ENG SPA ESP EST EUS BAQ FAS PER FIN FRA FRE GLE GLG HEB "
    "HIN HRV HUN IND ITA JPN KOR LIT LAV NLD DUT NOR POL POR RON RUM RUS SLK SLO SLV SRP SWE TUR UKR "
    "ZHO CHI".split()
)


def language_tags(cues: list[Cue], episode: Episode) -> None:
    """Take the language tag off every cue when each cue with words opens with one; count them
    in ``extra["cue_languages"]`` and the report."""
    worded = [cue for cue in cues if cue.payload.strip()]
    found = [_TAG.match(cue.payload) for cue in worded]
    if len(worded) < 2 or not all(found):
        return
    counts = Counter(m.group("code") for m in found if m)
    languages = set(counts) - {UNKNOWN}
    if not languages or not languages <= LANGUAGE_CODES:
        return
    for cue, m in zip(worded, found):
        if m:
            cue.payload = cue.payload[m.end():]
    ranked = counts.most_common()
    episode.extra["cue_languages"] = dict(ranked)
    shown = ", ".join(f"[{code}] {n:,}" for code, n in ranked)
    if UNKNOWN in counts:
        shown += "; [??]: not identified"
    episode.repair("language_tags", f"every cue opens with its language ({shown}): left out of the words, "
                                    "not taken for speakers, counted in extra['cue_languages']",
                   worded[0].where)  # fmt: skip

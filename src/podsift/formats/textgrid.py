"""Praat TextGrid (``.TextGrid``): what Praat, forced aligners (Montreal Forced Aligner, FAVE,
WebMAUS) and transcription tools (batchalign, WhisperX scripts) write.

    File type = "ooTextFile"                 File type = "ooTextFile"
    Object class = "TextGrid"                Object class = "TextGrid"
    xmin = 0                                 0
    xmax = 25.94                             26.72325
    tiers? <exists>                          <exists>
    size = 2                                 2
    item []:                                 "IntervalTier"
        item [1]:                            "words"
            class = "IntervalTier"           0
            name = "PAR0"                    26.72325
            xmin = 0                         71
            xmax = 25.94                     0
            intervals: size = 15             1.05
            intervals [1]:                   ""
                xmin = 0                     1.05
                xmax = 0.42                  1.2
                text = "hello."              "this"

The long format (left) labels every value; the short one (right) writes the values alone. Both
are read as Praat reads them: a stream of numbers, quoted strings (``""`` a quote inside one)
and ``<exists>``, with labels, ``[n]`` indices and ``!`` comments skipped. Each interval tier is
a speaker, named by the tier; MFA's ``speaker - words`` / ``speaker - phones`` pairs (FAVE's
``- word`` / ``- phone``) name the speaker before the dash. Phone tiers, point tiers and tiers
of notes or tones are set aside (see ``tiers``).
"""

from __future__ import annotations

import re

from podsift.formats import tiers as tier_rules
from podsift.formats.cues import ms
from podsift.formats.tiers import Tier
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, as_time, counted, prepare_text, squash

NAME = "textgrid"
EXTENSIONS = (".textgrid",)

_HEADER = re.compile(r'\A[\ufeff\s]*File type = "ooTextFile(?: short)?"\s*\n\s*(?:Object class = )?"TextGrid"')

# A quoted string ("" inside is a quote), a flag, a comment, an index in brackets, or a number;
# anything else (labels such as "xmin =") lies between them and is skipped.
_TOKEN = re.compile(
    r'"(?P<string>(?:[^"]|"")*)"|(?P<flag><exists>|<absent>)|![^\n]*|\[[^\]\n]*\]'
    r"|(?<![\w.])(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?![\w.])"
)
# "Ann - words", "Speaker 1 - phone": a forced aligner's tiers of one speaker; LaBB-CAT names them the
# other way round ("word - participant", "utterance - interviewer").
_SPEAKER_TIER = re.compile(r"^(?P<speaker>.+?)\s+-\s+(?P<kind>words?|phones?)$", re.IGNORECASE)
_KIND_TIER = re.compile(r"^(?P<kind>words?|phones?|utterances?)\s+-\s+(?P<speaker>.+)$", re.IGNORECASE)
# LaBB-CAT's "turn" tiers: each interval holds the name of who speaks then, not words.
_TURN_TIER = re.compile(r"^turns?$", re.IGNORECASE)


def sniff(text: str) -> float:
    return 0.95 if _HEADER.match(text[:512]) else 0.0


class _Cut(Exception):
    """The file ends (or goes wrong) before what its counts promised."""


class _Tokens:
    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            if kind == "string":
                self.items.append(("string", m.group("string").replace('""', '"')))
            elif kind in ("flag", "number"):
                self.items.append((kind, m.group(kind)))
        self.pos = 0

    def _next(self, kind: str) -> str:
        if self.pos >= len(self.items) or self.items[self.pos][0] != kind:
            raise _Cut
        self.pos += 1
        return self.items[self.pos - 1][1]

    def string(self) -> str:
        return self._next("string")

    def number(self) -> float:
        return float(self._next("number"))

    def count(self) -> int:
        value = self.number()
        if value < 0 or value != int(value):
            raise _Cut
        return int(value)

    def flag(self) -> str:
        return self._next("flag")


def _time(value: float) -> float | None:
    return ms(as_time(value))


def _read(tokens: _Tokens, episode: Episode) -> list[Tier]:
    """The grid's tiers; a file cut short keeps what came before the cut, and says so."""
    tokens.string()  # "ooTextFile"
    tokens.string()  # "TextGrid"
    tokens.number()
    # The grid's end: the recording's length, which aligners and Praat take from the sound.
    episode.duration = _time(tokens.number()) or None
    if tokens.flag() == "<absent>":
        return []
    size = tokens.count()
    found: list[Tier] = []
    try:
        for _ in range(size):
            kind, name = tokens.string(), tokens.string()
            tokens.number(), tokens.number()
            tier = Tier(name, None)
            found.append(tier)
            for _ in range(tokens.count()):
                if kind == "TextTier":  # a point tier: a time and a mark
                    at = _time(tokens.number())
                    tier.intervals.append((at, at, tokens.string()))
                else:
                    start, end = _time(tokens.number()), _time(tokens.number())
                    tier.intervals.append((start, end, tokens.string()))
            if kind == "TextTier":
                tier.aside = "points"
    except _Cut:
        episode.repair("cut_short", f"the TextGrid ends before its {counted(size, 'tier')} {agrees(size, 'does', 'do')}; read "
                                    f"{sum(len(t.intervals) for t in found):,} intervals of {counted(len(found), 'tier')}")  # fmt: skip
    return found


def _classify(tier: Tier) -> None:
    """Speaker, word level and whether the tier is speech at all, from its name and content."""
    name = squash(tier.name)
    if _TURN_TIER.match(name):
        tier.aside, tier.keep_aside = "turns", False
        return
    if m := _SPEAKER_TIER.match(name) or _KIND_TIER.match(name):
        tier.speaker = tier_rules.speaker_of(m.group("speaker"))
        if m.group("kind").lower().startswith("phone"):
            tier.aside, tier.keep_aside = "phones", False
        elif m.group("kind").lower().startswith("word"):
            tier.word_level = True
        if kind := tier_rules.not_speech(m.group("speaker")):
            tier.aside = tier.aside or kind  # FAVE's "Noise - word"
        return
    if tier_rules.word_tier_name(name):
        tier.word_level = True
        return
    if kind := tier_rules.not_speech(name):
        tier.aside, tier.keep_aside = kind, not tier_rules.phones(kind)
        return
    tier.speaker = tier_rules.speaker_of(name)
    tier.word_level = tier_rules.looks_word_level(tier)


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    tokens = _Tokens(text)
    try:
        found = _read(tokens, episode)
    except _Cut:
        raise SourceRejected("a Praat TextGrid whose header is damaged, so its tiers cannot be read") from None
    if not found:
        raise SourceRejected("a Praat TextGrid with no tiers, so it is not a transcript")
    for tier in found:
        if not tier.aside:
            _classify(tier)
    tier_rules.build(episode, found, "intervals")
    if not episode.segments:
        raise SourceRejected("a Praat TextGrid with no text in its speech tiers, so it is not a transcript")

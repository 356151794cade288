"""Annotation tiers to one timeline: what ELAN (``elan``, and its tab-delimited export read by ``tsv``),
Praat TextGrid (``textgrid``) and CHAT (``chat``) files share.

All keep a transcript as tiers of timed annotations, one tier a speaker, beside tiers that are
not speech: phones and syllables from a forced aligner, glosses, translations, parts of speech,
gestures, notes. The speech tiers are merged in time order, each annotation a segment with its
own times and its tier's speaker. A forced aligner's word tier (one word an interval) is joined
into turns by the rules the word-level JSON formats use (``cues.merge_turns``). Tiers set aside
are named in the report, and their annotations (but phones) kept in ``extra["tiers"]`` with
their times, so a translation stays beside the speech it translates. CHAT writes one timeline
already: its tiers give their utterances' places in the file, and are merged in that order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, add_pieces, merge_turns, ms
from podsift.model import Episode, SourceRejected
from podsift.text import as_time, counted, split_directions, squash


@dataclass
class Tier:
    name: str
    speaker: str | None
    intervals: list[tuple[float | None, float | None, str]] = field(default_factory=list)
    word_level: bool = False
    aside: str | None = None  # why the tier is not speech (its kind: "phones", "translation of X")
    keep_aside: bool = True  # a set-aside tier's annotations go to extra["tiers"] (phones do not)
    # Each interval's place in the file, where the file's order is the timeline (CHAT writes one, and an
    # utterance without a time stays where it is): the tiers are merged by it, not by time.
    positions: list[int] | None = None


# Tiers whose name (or ELAN linguistic type) says they hold something other than speech.
# WebMAUS names its phone tiers MAU and KAN, in capitals ("Kan" may be a speaker); its word tier,
# ORT, is named a word tier first.
_PHONE_WORDS = r"phones?|phonemes?|phonetic|syllables?|sylls?|ipa"
_PHONES = re.compile(rf"\b(?i:{_PHONE_WORDS})\b|\b(?:MAU|KAN)\b")
_NOT_SPEECH = re.compile(
    r"\b(?:translations?|transl|trad(?:uction)?|übersetzung|glos[sa]e?s?|morph(?:eme)?s?|pos|part of speech|lemmas?|"
    r"gestures?|gesture_\w+|notes?|comments?|codes?|coding|context|tones?|tobi|breaks?|events?|noise|style)\b",
    re.IGNORECASE,
)
# Names a tool gives the speech tier when it does not know the speaker: no one's name.
_GENERIC = re.compile(
    r"^(?:default|tier ?\d*|words?|tokens?|text|transcript(?:ion)?|orthography|ortho?|utterances?|sentences?|"
    r"speech|spch|segments?|intervals?)$",
    re.IGNORECASE,
)
# Word tiers by name: MFA's "words", FAVE's "word", WebMAUS's "ORT".
_WORD_TIER = re.compile(r"^(?:words?|tokens?|ort(?:-mau)?)$", re.IGNORECASE)
# What forced aligners put in a word tier for silence: a pause, not a word.
SILENCE = frozenset({"sil", "sp", "pau", "<sil>", "<sp>", "<p:>", "<p>", "<eps>", "{sl}", "#"})
# A forced aligner's word tier: most of its many intervals hold one word.
_WORD_SHARE = 0.8
_WORD_MIN = 20
# Annotations kept in extra["tiers"] at most, over all tiers: an interlinear glossed corpus has
# tens of thousands of morphemes, and the episode's metadata is read whole.
MAX_KEPT = 20000


_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


def xml_document(text: str, root: str, tool: str) -> ET.Element:
    """The root element of an annotation tool's XML document (ELAN's, EXMARaLDA's), which must be
    ``root``; one line naming ``tool`` and the reason for any other. The standard library's parser
    loads no external DTD, and its expat refuses entity-expansion bombs."""
    body = _DECLARATION.sub("", text.lstrip(), count=1)  # its encoding names the bytes, which are decoded already
    try:
        element = ET.fromstring(body)
    except ET.ParseError as err:
        raise SourceRejected(f"not well-formed {tool} XML ({err})") from None
    if element.tag != root:
        raise SourceRejected(f"XML whose root is <{element.tag}>, not {tool}'s <{root}>")
    return element


def placed(points: Iterable[tuple[str, str | None]], per_second: float = 1.0) -> tuple[dict[str, float | None], int]:
    """Each time point's time in seconds, from (id, time as written) in time order (ELAN's time slots,
    EXMARaLDA's timeline), ``per_second`` units a second; those without one spaced evenly between
    the timed points around them (or at the one timed point beside them); and how many had none."""
    order: list[tuple[str, float | None]] = []
    for name, raw in points:
        try:
            order.append((name, as_time(float(raw or "nan") / per_second)))
        except ValueError:
            order.append((name, None))
    times: dict[str, float | None] = {}
    missing = 0
    k = 0
    while k < len(order):
        if order[k][1] is not None:
            times[order[k][0]] = ms(order[k][1])
            k += 1
            continue
        run_end = k
        while run_end < len(order) and order[run_end][1] is None:
            run_end += 1
        before = order[k - 1][1] if k else None
        after = order[run_end][1] if run_end < len(order) else None
        for n, (name, _) in enumerate(order[k:run_end], 1):
            if before is not None and after is not None:
                times[name] = ms(before + (after - before) * n / (run_end - k + 1))
            else:
                times[name] = ms(before if before is not None else after)
        missing += run_end - k
        k = run_end
    return times, missing


def not_speech(*names: str | None) -> str | None:
    """What a tier named so holds when it is not speech ("phones", "translation"), else None."""
    for name in names:
        if not name:
            continue
        if m := _PHONES.search(name.replace("_", " ")):
            return m.group(0).lower()
        if m := _NOT_SPEECH.search(name.replace("_", " ")):
            return m.group(0).lower()
    return None


def phones(kind: str | None) -> bool:
    """Is ``kind`` (as ``not_speech`` gives it) a tier of sounds below the word, counted but not kept?"""
    return bool(kind and re.fullmatch(rf"{_PHONE_WORDS}|mau|kan", kind))


def speaker_of(name: str) -> str | None:
    """The speaker a tier's name gives: the name itself, unless it is a tool's generic one."""
    name = squash(name)
    return None if not name or _GENERIC.match(name) else name


def word_tier_name(name: str) -> bool:
    return bool(_WORD_TIER.match(name.strip()))


def looks_word_level(tier: Tier) -> bool:
    """Many intervals, nearly all of one word each: a forced aligner's (or a speech service's) word tier."""
    filled = [text for _, _, text in tier.intervals if text.strip() and text.strip().lower() not in SILENCE]
    return len(filled) >= _WORD_MIN and sum(1 for t in filled if len(t.split()) == 1) >= _WORD_SHARE * len(filled)


def set_aside_duplicates(tiers: list[Tier]) -> None:
    """A word tier beside an utterance tier of the same speaker repeats its words: the utterances stay."""
    utterances = {t.speaker for t in tiers if not t.aside and not t.word_level and t.intervals}
    for t in tiers:
        if not t.aside and t.word_level and t.speaker in utterances:
            t.aside = "words of an utterance tier"
            t.keep_aside = False


def build(episode: Episode, tiers: list[Tier], what: str,
          split: Callable[[str], tuple[str, list[str]]] = split_directions) -> None:
    """Add the speech tiers' annotations to ``episode`` in time order (in file order where the tiers
    give ``positions``), report what was read and what set aside, and keep the set-aside annotations
    in ``extra["tiers"]``. ``what`` names the unit ("annotations", "intervals") in the report;
    ``split`` parts an annotation's words from its directions, by the file's conventions."""
    set_aside_duplicates(tiers)
    by_tier: dict[int, list[Piece]] = {}
    places: dict[int, int] = {}  # id(piece) -> its place in the file, for tiers that give positions
    empty = silences = nothing = 0
    for rank, tier in enumerate(tiers):
        if tier.aside:
            continue
        pieces = by_tier.setdefault(rank, [])
        gap = _gap_mark(tier)
        for k, (start, end, raw) in enumerate(tier.intervals):
            text = squash(raw)
            kind = "silence" if gap and text == gap else unsaid(text, tier.word_level)
            if kind == "empty":
                empty += 1
            elif kind == "silence":
                silences += 1
            elif kind == "nothing":
                nothing += 1
            else:
                spoken, directions = split(text)
                if not spoken and not directions:
                    empty += 1  # only marks the file's conventions take out (a pause)
                    continue
                pieces.append(Piece(start, end, tier.speaker, spoken, directions))
                if tier.positions is not None:
                    places[id(pieces[-1])] = tier.positions[k]
        if tier.positions is None:
            pieces.sort(key=_start)
    words = turns = 0
    said = dict(by_tier)  # each tier's pieces before any word tier is joined: when the others speak
    for rank, pieces in said.items():
        if tiers[rank].word_level and pieces:
            merged = _word_turns(pieces, [ps for r, ps in said.items() if r != rank])
            words, turns = words + len(pieces), turns + len(merged)
            by_tier[rank] = merged
    in_file_order = bool(by_tier) and all(tiers[rank].positions is not None and not tiers[rank].word_level
                                          for rank in by_tier)  # fmt: skip
    if in_file_order:
        timeline = sorted((p for ps in by_tier.values() for p in ps), key=lambda p: places[id(p)])
    else:
        # In time order; at one time, in tier order.
        timeline = [p for *_, p in sorted(((_start(p), rank, k, p) for rank, ps in by_tier.items()
                                           for k, p in enumerate(ps)), key=lambda e: e[:3])]  # fmt: skip
    add_pieces(episode, timeline)
    _report(episode, tiers, what, empty, silences, nothing, words, turns, in_file_order)
    _keep_aside(episode, tiers)


_GAP_SHARE = 0.3
_GAP_MIN = 10


def _gap_mark(tier: Tier) -> str | None:
    """The one letter a tool fills a tier's gaps with ("n" for non-speech, as wav2textgrid writes),
    where it labels a third or more of the tier's many intervals; else None."""
    texts = [t for _, _, raw in tier.intervals if (t := squash(raw))]
    if len(texts) < _GAP_MIN:
        return None
    letter, count = Counter(texts).most_common(1)[0]
    return letter if len(letter) == 1 and letter.isalpha() and count >= _GAP_SHARE * len(texts) else None


# CHAT's (and so ACLEW's and batchalign's) mark of an utterance with nothing said in it.
NOTHING_SAID = frozenset({"0", "0."})


def unsaid(text: str, word_level: bool = False) -> str | None:
    """Why an annotation's (squashed) text makes no segment: "empty", "silence" (an aligner's
    ``sil``), "nothing" (CHAT's ``0.``); None when it is said."""
    if not text:
        return "empty"
    if text.lower() in SILENCE:
        return "silence"
    if text in NOTHING_SAID and not word_level:
        return "nothing"
    return None


def _start(piece: Piece) -> float:
    return piece.start if piece.start is not None else float("inf")


def _word_turns(words: list[Piece], others: list[list[Piece]]) -> list[Piece]:
    """One speaker's words joined into turns; a turn also ends where someone else starts speaking in a
    pause between two of its words (someone speaking over the words leaves the turn whole)."""
    starts = [sorted(s for p in ps if (s := p.start) is not None) for ps in others]
    runs: list[list[Piece]] = [[]]
    for before, word in zip([None, *words], words):
        if before is not None and before.end is not None and word.start is not None:
            if any(bisect_left(ss, before.end) < bisect_right(ss, word.start) for ss in starts):
                runs.append([])
        runs[-1].append(word)
    return [turn for run in runs for turn in merge_turns(run, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)]


def _count(tier: Tier) -> int:
    return sum(1 for _, _, text in tier.intervals if text.strip())


def _report(episode: Episode, tiers: list[Tier], what: str, empty: int, silences: int, nothing: int, words: int,
            turns: int, in_file_order: bool) -> None:
    read = [t for t in tiers if not t.aside and _count(t)]
    order = "the file's" if in_file_order else "time"
    detail = (f"{counted(len(read), 'tier')} read as speech, merged in {order} order: "
              + ", ".join(f"{t.name} ({_count(t):,}{', words' if t.word_level else ''})" for t in read))  # fmt: skip
    parts = [f"{empty:,} empty {what}"] if empty else []
    if silences:
        parts.append(f"{silences:,} silence marks (sil, sp)")
    if nothing:
        parts.append(f"{nothing:,} marked '0.' (nothing said)")
    if parts:
        detail += f"; {', '.join(parts)} make nothing"
    episode.repair("tiers_read", detail)
    aside = [t for t in tiers if t.aside and _count(t)]
    if aside:
        kept = any(t.keep_aside for t in aside)
        episode.repair("tiers_set_aside", f"{counted(len(aside), 'tier')} not speech, left out of the words: "
                       + ", ".join(f"{t.name} ({t.aside}, {_count(t):,})" for t in aside)
                       + ("; kept with their times in extra['tiers']" if kept else ""))  # fmt: skip
    if words > turns:
        episode.repair("joined_words", f"{words:,} words of word tiers (one word an interval) joined into "
                       f"{turns:,} turns, each ending where another speaker starts, at a pause over 2 s or a "
                       "sentence end")  # fmt: skip


def _keep_aside(episode: Episode, tiers: list[Tier]) -> None:
    kept: dict[str, dict[str, object]] = {}
    room = MAX_KEPT
    dropped = 0
    for t in tiers:
        if not t.aside or not t.keep_aside:
            continue
        rows = [[start, end, squash(text)] for start, end, text in t.intervals if text.strip()]
        if not rows:
            continue
        dropped += max(0, len(rows) - room)
        rows = rows[:room]
        room -= len(rows)
        if rows:
            kept[t.name] = {"kind": t.aside, "annotations": rows}
    if kept:
        episode.extra["tiers"] = kept
    if dropped:
        episode.repair("tiers_cut", f"{dropped:,} annotations of tiers set aside not kept (over {MAX_KEPT:,})")

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
import unicodedata
from collections import Counter
from dataclasses import replace
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


# Markup and ASS override tags hold Latin letters that are no line's words.
_MARKUP = re.compile(r"<[^>]*>|\{\\[^}]*\}")
# A speaker's name ("TANAKA:" over a Japanese line) is no line in a language of its own.
_LABEL = re.compile(r"^\s*[^\W\d_][\w.'’-]*(?:[ \t][\w.'’-]+){0,2}[ \t]*[:：]")
# Chinese, Japanese and Korean mix their scripts in one line: one script here.
_EAST_ASIAN = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_BILINGUAL_SHARE = 0.8  # of the cues with words, or a few mixed lines are no layout
_SCRIPT_NAMES = {"CJK": "Chinese, Japanese or Korean"}


def _script(line: str) -> str | None:
    """The script most of ``line``'s letters are in (``LATIN``, ``CYRILLIC``, ``CJK``…), None without letters."""
    counts: Counter[str] = Counter()
    for c in _LABEL.sub("", _MARKUP.sub("", line), count=1):
        if c.isalpha():
            name = unicodedata.name(c, "").split(" ", 1)[0]
            counts["CJK" if name in _EAST_ASIAN else name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _script_split(payload: str) -> tuple[str, str, int] | None:
    """(upper script, lower script, index of the first lower line) where the cue's lines are in one
    script and then in another, else None."""
    lines = [line for line in payload.split("\n") if line.strip()]
    scripts = [_script(line) for line in lines]
    if None in scripts:
        return None
    turn = next((k for k, script in enumerate(scripts) if script != scripts[0]), None)
    if turn is None or any(script != scripts[turn] for script in scripts[turn:]):
        return None
    return scripts[0], scripts[turn], turn  # type: ignore[return-value]


def twin_cues(cues: list[Cue], episode: Episode) -> list[Cue]:
    """Bilingual captions written as twin cues: each time given twice, its words in one script, then
    again (often under the same number) in another ("Okay. Good evening…" then "好的。大家晚上好…").
    Each pair becomes one cue of both, the first twin's lines first, to be read as stacked captions
    are. Only where nearly every cue with words is such a twin."""
    worded = [cue for cue in cues if cue.payload.strip()]
    twins = {id(a) for a, b in zip(cues, cues[1:])
             if a.payload.strip() and b.payload.strip() and (a.start, a.end) == (b.start, b.end)
             and a.start is not None and _script(a.payload) != _script(b.payload)}
    if len(twins) < 2 or 2 * len(twins) < _BILINGUAL_SHARE * len(worded):
        return cues
    out: list[Cue] = []
    for cue in cues:
        if out and id(out[-1]) in twins and (out[-1].start, out[-1].end) == (cue.start, cue.end):
            first = out.pop()
            twins.discard(id(first))
            cue = replace(first, payload=f"{first.payload.rstrip()}\n{cue.payload.strip()}")
        out.append(cue)
    episode.repair("twin_cues", f"{len(cues) - len(out):,} captions give their time twice, the words in one "
                                "script and then in another: each pair read as one caption in two languages",
                   worded[0].where)  # fmt: skip
    return out


# Language tags as caption files are named for the language of their subtitles ("talk.zh-CN.srt",
# "subtitles/zh-CN/talk.srt", "lecture.zh-CN-dual-double.srt"), by the script each is written in.
_TAG_SCRIPTS = {
    **dict.fromkeys("zh ja ko chs cht chi zho jpn kor".split(), "CJK"),
    **dict.fromkeys("ru uk bg sr be mk kk rus ukr".split(), "CYRILLIC"),
    **dict.fromkeys("en es fr de pt it nl pl ca sv da no fi cs ro hu tr id vi eng spa fra deu por ita".split(), "LATIN"),
    "el": "GREEK", "ar": "ARABIC", "fa": "ARABIC", "he": "HEBREW",
}
_NAME_TAG = re.compile(r"(?P<tag>[a-z]{2,3})(?:[-_](?P<rest>[A-Za-z]{2,4}(?:[-_][A-Za-z-]+)?))?", re.IGNORECASE)


def named_script(path: str | None) -> str | None:
    """The script of the language a caption file's name tags it with (a dot-separated part after the
    stem, or the folder it is in), None if it names none or two ("talk.en-zh.srt")."""
    if not path:
        return None
    parts = path.replace("\\", "/").split("/")
    candidates = [*parts[-1].split(".")[1:-1], *parts[-2:-1]]
    found = set()
    for part in candidates:
        m = _NAME_TAG.fullmatch(part)
        if not m or m.group("tag").lower() not in _TAG_SCRIPTS:
            continue
        rest = (m.group("rest") or "").lower().replace("_", "-").split("-")
        if rest[0] in _TAG_SCRIPTS:  # "en-zh": two languages, neither the file's alone
            return None
        found.add(_TAG_SCRIPTS[m.group("tag").lower()])
    return found.pop() if len(found) == 1 else None


def two_scripts(cues: list[Cue], episode: Episode) -> None:
    """Bilingual captions without language classes: each cue its lines in one script and then in
    another ("欢迎来到 Hugging Face 课程。" over "Welcome to the Hugging Face Course."). Where the file is
    named for one of the two languages ("talk.zh-CN.srt"), those are its subtitles, a translation, and
    the lines in the other script the speech; the translation is kept in ``extra["translations"]``,
    not said twice. Only where nearly every cue with words is so written, in the same two scripts in
    the same order. Without such a name, which was said is not known: both are kept."""
    if "translations" in episode.extra:
        return
    translated = named_script(episode.source_path)
    if translated is None:
        return
    worded = [cue for cue in cues if cue.payload.strip()]
    splits = [_script_split(cue.payload) for cue in worded]
    layouts = Counter(split[:2] for split in splits if split)
    if not layouts:
        return
    (first, second), count = layouts.most_common(1)[0]
    if count < 2 or count < _BILINGUAL_SHARE * len(worded) or translated not in (first, second):
        return
    kept: list[str] = []
    for cue, split in zip(worded, splits):
        if split and split[:2] == (first, second):
            lines = [line for line in cue.payload.split("\n") if line.strip()]
            upper, lower = lines[:split[2]], lines[split[2]:]
            said, translation = (lower, upper) if first == translated else (upper, lower)
            kept.append(" ".join(line.strip() for line in translation))
            cue.payload = "\n".join(said)
    episode.extra["translations"] = {translated.lower(): "\n".join(kept)}
    spoken = second if first == translated else first
    named, speech = (_SCRIPT_NAMES.get(script, script.title()) for script in (translated, spoken))
    episode.repair("translations", f"{count:,} captions give their words in {named} script and in {speech}, the file "
                                   f"named for the {named} subtitles: the {speech} lines are the speech, the {named} "
                                   "ones (the translation) kept in extra['translations']", worded[0].where)  # fmt: skip

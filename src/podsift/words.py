"""Words as podsift splits, folds and stems them, defined once for search, answers, chapters and people."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

# Chinese and Japanese write no spaces between words, so each Han or kana character is a
# word of its own; a query's characters then find the moments that have them all ranked
# first (Korean writes spaces, and keeps whole words).
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTERS = rf"[^\W_{_UNSPACED}]"
# Letters and digits, as SQLite's unicode61 tokenizer splits words; apostrophes separate.
WORD = re.compile(rf"[{_UNSPACED}]|{_LETTERS}+")
# A word with its apostrophes kept ("don't", "O'Reilly"), as people read it.
WORD_WITH_APOSTROPHES = re.compile(rf"[{_UNSPACED}]|{_LETTERS}+(?:['’]{_LETTERS}+)*")
_UNSPACED_CHARACTER = re.compile(rf"[{_UNSPACED}]")
# Combining marks written inside words: Thai, Lao, Khmer and Myanmar vowel and tone signs,
# Indic vowel signs, a decomposed accent. Python's \w has none of them, so WORD cuts
# "แล้วก็นะครับ" into "แล", "วก", "นะคร", "บ"; it stays so, as the lexical index was built.
_MARKS = "".join(re.escape(chr(c)) for first, last in ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0xA800, 0xABFF),
                                                       (0xFE20, 0xFE2F))  # fmt: skip
                 for c in range(first, last + 1) if unicodedata.category(chr(c))[0] == "M")
# Letters and marks, unrolled (letters between runs of marks) so a run is matched one way only.
_MARKED = rf"(?:{_LETTERS}|[{_MARKS}]){_LETTERS}*(?:[{_MARKS}]+{_LETTERS}*)*"
# A word as a reader sees it, marks and apostrophes kept: what keyphrases and titles are made of.
READ_WORD = re.compile(rf"[{_UNSPACED}]|{_MARKED}(?:['’]{_MARKED})*")
# Thai, Lao, Myanmar and Khmer write no spaces between words either, but spell them in letters.
_UNSPACED_LETTER = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def unspaced_characters(text: str) -> int:
    """How many Chinese or Japanese characters ``text`` holds."""
    return len(_UNSPACED_CHARACTER.findall(text))


# Conversational speech runs at about this many words a minute.
WORDS_PER_MINUTE = 150


def spoken_words(text: str) -> float:
    """How many English words ``text`` takes as long to say: its space-separated words, half a
    word for each Chinese or Japanese character (about 5 a second against 2.5 words), and a
    third of one for each Thai, Lao, Myanmar or Khmer letter, its vowel and tone marks not
    counted (about 7.5 a second: a Thai podcast's 15,156 letters took 34:48)."""
    characters = unspaced_characters(text)
    letters = sum(1 for c in _UNSPACED_LETTER.findall(text) if c.isalpha())
    if not characters and not letters:
        return len(text.split())
    spaced = sum(1 for w in text.split() if not _UNSPACED_CHARACTER.search(w) and not _UNSPACED_LETTER.search(w))
    return spaced + characters / 2 + letters / 3


def counts_as_word(token: str) -> bool:
    """Whether a token weighs in a query: two letters or more ("s" of "alexey's" does not), or
    one Chinese or Japanese character, which is a word here."""
    return len(token) > 1 or bool(_UNSPACED_CHARACTER.fullmatch(token))

# Common English words, plus the words listeners use to frame a question about a
# podcast ("where did someone talk about ..."), which say nothing about the answer.
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each few for from further had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
    mustn't my myself no nor not of off on once only or other ought our ours ourselves out
    over own same shan't she she'd she'll she's should shouldn't so some such than that
    that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those through to too under until up very was wasn't we we'd we'll
    we're we've were weren't what what's when when's where where's which while who who's
    whom why why's will with won't would wouldn't you you'd you'll you're you've your yours
    yourself yourselves also just really like get got one ones thing things kind sort much many
    someone somebody anyone anybody people person guest guests host episode episodes podcast
    talk talked talks talking say said says mention mentioned mentions explain explained
    explains discuss discussed discusses describe described think thought way ways
    """.split()
)


# Languages whose stop words spaCy ships (no model needed) and that write spaces between words.
_OTHER_LANGUAGES = ("es", "de", "fr", "pt", "it", "nl", "ru", "pl", "sv", "da", "nb", "fi", "tr")
_SAMPLE_WORDS = 3000
# Half the words of English speech are its stop words; text in another language meets a few
# of them by chance ("a", "me", "no").
_ENGLISH_SHARE = 0.25
_OTHER_SHARE = 0.2


@functools.cache
def _stop_words(language: str) -> frozenset[str]:
    import importlib.util
    from pathlib import Path

    # Each list is a module of its own with no imports; importing it the usual way runs
    # its language package first, which loads all of spaCy (seconds, for a word list).
    found = importlib.util.find_spec("spacy")
    if found is None or found.origin is None:
        raise ImportError("spaCy is not installed")
    path = Path(found.origin).parent / "lang" / language / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_podsift_stop_words_{language}", path) if path.exists() else None
    if spec is None or spec.loader is None:
        raise ImportError(f"spaCy has no stop words for {language!r}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower().replace("’", "'") for w in module.STOP_WORDS)


def foreign_stopwords(text: str) -> frozenset[str]:
    """The stop words of the language ``text`` is in, when that is not English (empty for English,
    or for a language not told): "las", "que", "para" are no keyphrases of a Spanish episode.

    Told by which language's stop words most of the first words are; two close ones (Spanish and
    Portuguese) give both lists."""
    words = [w.lower().replace("’", "'") for w in WORD_WITH_APOSTROPHES.findall(text[: _SAMPLE_WORDS * 8])]
    words = words[:_SAMPLE_WORDS]
    if not words or sum(1 for w in words if w in STOPWORDS) >= _ENGLISH_SHARE * len(words):
        return frozenset()
    try:
        shares = sorted(((sum(1 for w in words if w in _stop_words(lang)) / len(words), lang)
                         for lang in _OTHER_LANGUAGES), reverse=True)  # fmt: skip
    except ImportError:  # spaCy is a default dependency; without it, English rules only
        return frozenset()
    best = shares[0][0]
    if best < _OTHER_SHARE:
        return frozenset()
    return frozenset().union(*(_stop_words(lang) for share, lang in shares if share >= 0.8 * best))


def writes_day_first(text: str) -> bool:
    """Whether ``text`` is in a language told by its stop words (``foreign_stopwords``): all of those
    write a date's day before its month ("01/08/2021" is the 1st of August), unlike American English."""
    return bool(foreign_stopwords(text))


def fold(word: str) -> str:
    """Lowercase without diacritics, as the unicode61 tokenizer indexes words."""
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def person_key(name: str) -> str:
    """What two spellings of one person's name share: letters and digits, no case or accents."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


_SLUG_PARTS = re.compile(r"[-_.]+")


def slug_words(slug: str) -> list[str] | None:
    """The words of a name written as an id ("tomas-rivera"), split where only dashes, underscores
    or dots split it reliably ("marcellolarocca" could as well be "Marcello Larocca"); None if not two or more words of letters."""
    parts = [p for p in _SLUG_PARTS.split(slug) if p]
    return parts if len(parts) >= 2 and all(p.isalpha() for p in parts) else None


@functools.lru_cache(maxsize=1)
def _porter() -> Callable[[str], str]:
    import Stemmer  # PyStemmer: the same Porter algorithm as FTS5's porter tokenizer

    return Stemmer.Stemmer("porter").stemWord


@functools.lru_cache(maxsize=1)
def _american_spellings() -> dict[str, str]:
    # breame's list of 1,730 British spellings and their American ones (Apache-2.0).
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return BRITISH_ENGLISH_SPELLINGS


@functools.lru_cache(maxsize=65536)  # spoken words repeat a lot; highlighting stems every one
def stem(word: str) -> str:
    """The word's Porter stem, folded first, as the index stems it ("pricing" -> "price").

    A British spelling stems as the American one ("optimisation" as "optimization"):
    captions and edited transcripts mostly spell the American way, and Porter alone
    leaves the two apart ("optimis" and "optim"), so a British speller's search missed
    most moments.
    """
    folded = fold(word)
    return _porter()(_american_spellings().get(folded, folded))


@functools.cache
def _english_frequencies() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def word_frequency(word: str) -> int:
    """How often ``word`` (lower case) occurs in pyspellchecker's English list; 0 for no word it knows."""
    return int(_english_frequencies()[word])

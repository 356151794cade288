"""Did you mean: a query word the archive never says, matched to one it does say.

Listeners type tool and people names from memory ("Databriks", "Airfow", "Kubernetis").
A word no moment contains finds nothing lexically, and in ``ask`` an unknown name
declines the question outright. The archive's own vocabulary is the dictionary: a
misspelt word is one or two edits from a word the archive says in several moments.

A word whose stem the index has ("Snowflak", "experiance") already matches and is left
alone, and so is an English word the archive never says ("roaster"). Only the first
letter is trusted, as spell checkers do: it keeps the candidates to one slice of the
vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from podsift.words import STOPWORDS, WORD, fold, word_frequency

if TYPE_CHECKING:
    from podsift.search.lexical import TermStats
    from podsift.search.lexical_index import LexicalIndex

# Shorter words are too often someone's abbreviation or a name one edit from a common word.
MIN_LETTERS = 5
# Words up to this long may be one edit off; longer ones two.
ONE_EDIT_UP_TO = 7
# A word said in a single moment may itself be a typo in a transcript: not a suggestion.
MIN_MOMENTS = 2
# Index terms read per first letter, the most frequent first.
CANDIDATES = 20_000
# Letters Porter may cut from a word's end ("-ization" -> "-iz").
STEM_CUTS = 5
# The nearest stems checked as the archive writes them.
SHORTLIST = 8
# Moments read to see how the archive writes a stem.
FORMS_FROM = 20
# The shortest part a run-together word is split into.
SPLIT_PART = 3


@dataclass(frozen=True)
class Correction:
    start: int  # where in the query the typed words are
    end: int
    meant: str  # the archive's words, as they are written there


def corrections(index: "LexicalIndex", stats: "TermStats", query: str) -> list[Correction]:
    """The query's words the archive never says, each with what it says that is closest: a
    word a letter or two apart, the two words it is made of ("featurestore"), or, for two
    words it never says together, the one word they make ("data bricks": "Databricks")."""
    words = [m for m in WORD.finditer(query) if _correctable(query, m)]
    out: list[Correction] = []
    skip = -1
    for n, m in enumerate(words):
        if n <= skip:
            continue
        if n + 1 < len(words) and (joined := _joined(index, stats, query, m, words[n + 1])):
            out.append(joined)
            skip = n + 1
            continue
        word = m.group(0)
        folded = fold(word)
        if len(folded) < MIN_LETTERS or folded in STOPWORDS:
            continue
        stem = stats.stem(folded)
        # An English word the archive never says ("roaster", "quota") is what was meant, not a typo.
        if index.term_documents(stem) > 0 or word_frequency(folded) > 0:
            continue
        if split := _split(index, stats, word):
            out.append(Correction(m.start(), m.end(), split))
        elif (meant := _closest(index, folded, stem)) and (not _capitals_inside(word) or any(map(_capitals_inside, meant))):
            out.append(Correction(m.start(), m.end(), _cased_like(word, meant)))
    return out


def _capitals_inside(word: str) -> bool:
    """Capitals past the first letter ("QLoRA", "PyTorh", "GPTQ"): a name typed with care. A typo
    keeps them, so what it meant is written with them too; "Quora" is no misspelt "QLoRA"."""
    return any(c.isupper() for c in word[1:])


def corrected(query: str, found: list[Correction]) -> str | None:
    """The query with each correction made, or None when there is none."""
    if not found:
        return None
    parts, at = [], 0
    for c in sorted(found, key=lambda c: c.start):
        parts += [query[at : c.start], c.meant]
        at = c.end
    return "".join(parts) + query[at:]


def _correctable(query: str, m: "re.Match[str]") -> bool:
    """A word typed as a word: not excluded ("-word"), a prefix ("word*"), the part after an
    apostrophe ("O'Reilly") or a number."""
    before, after = query[m.start() - 1 : m.start()], query[m.end() : m.end() + 1]
    return before not in ("-", "'", "’") and after != "*" and m.group(0).isalpha()


def _joined(index: "LexicalIndex", stats: "TermStats", query: str, first: "re.Match[str]",
            second: "re.Match[str]") -> Correction | None:  # fmt: skip
    """Two words, a space or hyphen apart, that the archive never says together but says as
    one word in several moments ("data bricks", "py-torch")."""
    if query[first.end() : second.start()] not in (" ", "-"):
        return None
    a, b = fold(first.group(0)), fold(second.group(0))
    one = a + b
    if len(one) < MIN_LETTERS + 1 or a in STOPWORDS or b in STOPWORDS:
        return None
    stem = stats.stem(one)
    if index.term_documents(stem) < MIN_MOMENTS or index.says([a, b]):
        return None
    forms = {w: n for w, n in index.written_forms(stem).items() if fold(w) == one}
    if not forms:
        return None
    return Correction(first.start(), second.end(), _cased_like(first.group(0), forms))


def _split(index: "LexicalIndex", stats: "TermStats", word: str) -> str | None:
    """The two words run together in ``word`` that the archive says, as a phrase, in several
    moments ("featurestore": "feature store"); the most said such pair."""
    best: tuple[int, str] | None = None
    for cut in range(SPLIT_PART, len(word) - SPLIT_PART + 1):
        left, right = word[:cut], word[cut:]
        if not (index.term_documents(stats.stem(left)) and index.term_documents(stats.stem(right))):
            continue
        said = index.phrase_moments([left, right], at_most=MIN_MOMENTS * 10)
        if said >= MIN_MOMENTS and (best is None or said > best[0]):
            best = (said, f"{left} {right}")
    return best[1] if best else None


def suggestion(index: "LexicalIndex | None", stats: "TermStats", query: str) -> str | None:
    """What the query probably meant, written out, or None (no index: the store's full-text
    search has no vocabulary to read)."""
    if index is None:
        return None
    return corrected(query, corrections(index, stats, query))


def _closest(index: "LexicalIndex", typed: str, stem: str) -> dict[str, int] | None:
    """The archive's written forms (with counts) of the word nearest ``typed``, or None.

    Stems shortlist (a misspelt word keeps endings the stemmer would cut: "commnity" is
    not stemmed like "community"), then the words as written decide.
    """
    edits = 1 if len(typed) <= ONE_EDIT_UP_TO else 2
    terms = [(t, n) for t, n in index.terms_starting(stem[0], CANDIDATES) if n >= MIN_MOMENTS and len(t) > 2]
    names = [t for t, _ in terms]
    # A stem is the start of its words: compare it with the typed word's starts, as long as
    # the stemmer may leave them ("commun" is "commnity" cut after 5 letters, one edit away).
    nearest: dict[int, float] = {}
    for length in range(max(MIN_LETTERS - 1, len(typed) - STEM_CUTS), len(typed) + 1):
        for _, distance, at in process.extract(typed[:length], names, scorer=OSA.distance, score_cutoff=edits, limit=None):
            nearest[at] = min(nearest.get(at, distance), distance)
    shortlist = sorted(nearest, key=lambda at: (nearest[at], -terms[at][1]))[:SHORTLIST]
    best: tuple[int, int, str, dict[str, int]] | None = None
    for at in shortlist:  # each stem costs a search: a few, the nearest first
        forms = index.written_forms(terms[at][0], looked_at=FORMS_FROM)
        for form, count in forms.items():
            found = (OSA.distance(typed, fold(form)), -count, fold(form), forms)
            # A stop word is no correction: search drops it, and German "werde" is no misspelt "were".
            if found[0] <= edits and found[2] not in STOPWORDS and (best is None or found[:2] < best[:2]):
                best = found
    if best is None:
        return None
    return {w: n for w, n in best[3].items() if fold(w) == best[2]}


def _cased_like(typed: str, cases: dict[str, int]) -> str:
    """One word's written forms as the person would want it: in the archive's case
    ("Databricks") unless it also writes it as typed ("airflow" if someone says it so)."""
    lower = next(iter(cases)).lower()
    if typed.isupper() and len(typed) > 1:
        return lower.upper()
    if typed[:1].isupper():
        word = max(cases, key=lambda w: (w[:1].isupper(), cases[w]))
        return word[:1].upper() + word[1:]
    return lower if lower in cases else max(cases, key=lambda w: cases[w])

"""Lexical search helpers: which query words are worth ranking on, and highlighting matches.

The ranking itself is the store's (SQLite FTS5 BM25 today), since it is SQL.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from podsift.search.query import ParsedQuery
from podsift.words import WORD, counts_as_word, fold, stem

if TYPE_CHECKING:
    from podsift.store import Store

# How unicode61 splits words: letters and digits, with apostrophes as separators.


class TermStats:
    """Drops words too common to help BM25, using the index's own document counts.

    Words in more than MAX_SHARE of all moments barely move BM25 but make it score
    most of the archive; dropping them keeps queries fast as the archive grows.
    """

    MAX_SHARE = 0.2

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._total = 0
        self._counts: dict[str, int] = {}
        self.stem = stem

    def informative(self, store: "Store", words: list[str]) -> list[str]:
        self._refresh(store)
        limit = self.MAX_SHARE * self._total
        kept = [w for w in words if w.endswith("*") or self._documents(store, w) <= limit]
        return kept or words

    def documents(self, store: "Store", word: str) -> int:
        """How many moments contain the word (as the index stems it)."""
        self._refresh(store)
        return self._documents(store, word)

    def idf(self, store: "Store", word: str) -> float:
        """How rare a word is across moments: log(N / documents); unseen words rarest of all."""
        found = self.documents(store, word)  # first: it reads the archive's total when that has changed
        return math.log((self._total + 1) / (found + 0.5))

    def _refresh(self, store: "Store") -> None:
        version = store.version
        if version != self._version:
            self._version = version
            self._total = store.moment_total()
            self._counts = {}

    def _documents(self, store: "Store", word: str) -> int:
        parts = [p for p in WORD.findall(word) if counts_as_word(p)]
        if len(parts) > 1:  # "o'reilly" is indexed as "o" + "reilly": the rarer part counts
            return min(self._documents(store, p) for p in parts)
        term = self.stem(parts[0] if parts else word)
        if term not in self._counts:
            # A stem the two stemmers disagree on counts as rare: kept.
            self._counts[term] = store.term_documents(term)
        return self._counts[term]


def highlight(text: str, query: ParsedQuery, stemmer: "TermStats") -> str:
    """``text`` as safe HTML with every word that matches a query term in <mark>.

    Words are split and stemmed as the index splits and stems them, so "pricing"
    lights up for a search on "price", and semantic results get marks too.
    """
    stems: set[str] = set()
    prefixes: list[str] = []
    for term in query.terms(raw=True):
        parts = WORD.findall(term)
        for part in parts:
            if len(part) == 1 and len(parts) > 1:
                continue  # the "s" of "alexey's" would light up every "s" on its own
            if term.endswith("*"):
                prefixes.append(fold(part))
            else:
                stems.add(stemmer.stem(part))
    if not stems and not prefixes:
        return html.escape(text, quote=False)
    out: list[str] = []
    position = 0
    for m in WORD.finditer(text):
        word = m.group(0)
        if stemmer.stem(word) in stems or (prefixes and any(fold(word).startswith(p) for p in prefixes)):
            out.append(html.escape(text[position : m.start()], quote=False))
            out.append(f"<mark>{html.escape(word, quote=False)}</mark>")
            position = m.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


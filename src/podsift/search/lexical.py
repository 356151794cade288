"""BM25 over moments with SQLite FTS5."""

from __future__ import annotations

import functools
import html
import math
import re
import sqlite3
import unicodedata

from podsift.search.filters import SearchFilters
from podsift.search.query import ParsedQuery

# BM25 column weights: the words said count fully; the context (chapter title and
# the question before) helps find a moment but should not outrank it.
TEXT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5

# How unicode61 splits words: letters and digits, with apostrophes as separators.
_TOKEN = re.compile(r"[^\W_]+")


class TermStats:
    """Drops words too common to help BM25, using the index's own document counts.

    Words in more than MAX_SHARE of all moments barely move BM25 but make it score
    most of the archive; dropping them keeps queries fast as the archive grows.
    """

    MAX_SHARE = 0.2

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._total = 0
        import Stemmer  # PyStemmer: the same Porter algorithm as FTS5's porter tokenizer

        stem_word = Stemmer.Stemmer("porter").stemWord
        # Highlighting stems every word of every result; spoken words repeat a lot.
        self.stem = functools.lru_cache(maxsize=65536)(lambda word: stem_word(_fold(word)))

    def informative(self, conn: sqlite3.Connection, version: tuple[int, int], words: list[str]) -> list[str]:
        if version != self._version:
            self._version = version
            self._total = conn.execute("SELECT COUNT(*) FROM moments").fetchone()[0]
            self._counts: dict[str, int] = {}
        limit = self.MAX_SHARE * self._total
        kept = [w for w in words if w.endswith("*") or self._documents(conn, w) <= limit]
        return kept or words

    def documents(self, conn: sqlite3.Connection, version: tuple[int, int], word: str) -> int:
        """How many moments contain the word (as the index stems it)."""
        self.informative(conn, version, [])  # refreshes the counts for this version
        return self._documents(conn, word)

    def idf(self, conn: sqlite3.Connection, version: tuple[int, int], word: str) -> float:
        """How rare a word is across moments: log(N / documents); unseen words rarest of all."""
        return math.log((self._total + 1) / (self.documents(conn, version, word) + 0.5))

    def _documents(self, conn: sqlite3.Connection, word: str) -> int:
        parts = [p for p in _TOKEN.findall(word) if len(p) > 1]
        if len(parts) > 1:  # "o'reilly" is indexed as "o" + "reilly": the rarer part counts
            return min(self._documents(conn, p) for p in parts)
        term = self.stem(parts[0] if parts else word)
        if term not in self._counts:
            row = conn.execute("SELECT doc FROM moments_vocab WHERE term = ?", (term,)).fetchone()
            self._counts[term] = row[0] if row else 0  # stems the two stemmers disagree on count as rare
        return self._counts[term]


def _fold(word: str) -> str:
    """Lowercase without diacritics, as the unicode61 tokenizer indexes words."""
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def lexical_ranking(
    conn: sqlite3.Connection, query: ParsedQuery, filters: SearchFilters, limit: int
) -> list[tuple[int, float]]:
    """(moment id, bm25 score; lower is better) for the best ``limit`` matches."""
    expression = query.fts()
    if expression is None:
        return []
    where, params = filters.sql()
    # Filters go in a rowid subquery: joining every match to its moment before the
    # LIMIT costs more than the BM25 scoring itself.
    restrict = (
        f"AND rowid IN (SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE {where}) "
        if where
        else ""
    )
    sql = (
        f"SELECT rowid, bm25(moments_fts, {TEXT_WEIGHT}, {CONTEXT_WEIGHT}) AS score "
        f"FROM moments_fts WHERE moments_fts MATCH ? {restrict}ORDER BY score LIMIT ?"
    )
    return [(row[0], row[1]) for row in conn.execute(sql, [expression, *params, limit])]


def highlight(text: str, query: ParsedQuery, stemmer: "TermStats") -> str:
    """``text`` as safe HTML with every word that matches a query term in <mark>.

    Words are split and stemmed as the index splits and stems them, so "pricing"
    lights up for a search on "price", and semantic results get marks too.
    """
    stems: set[str] = set()
    prefixes: list[str] = []
    for term in query.terms(raw=True):
        parts = _TOKEN.findall(term)
        for part in parts:
            if len(part) == 1 and len(parts) > 1:
                continue  # the "s" of "alexey's" would light up every "s" on its own
            if term.endswith("*"):
                prefixes.append(_fold(part))
            else:
                stems.add(stemmer.stem(part))
    if not stems and not prefixes:
        return html.escape(text, quote=False)
    out: list[str] = []
    position = 0
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if stemmer.stem(word) in stems or (prefixes and any(_fold(word).startswith(p) for p in prefixes)):
            out.append(html.escape(text[position : m.start()], quote=False))
            out.append(f"<mark>{html.escape(word, quote=False)}</mark>")
            position = m.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def says(conn: sqlite3.Connection, phrase: str) -> bool:
    """Whether any moment contains these words in this order (as the index stems them)."""
    words = _TOKEN.findall(phrase)
    if not words:
        return False
    match = '"' + " ".join(words) + '"'
    return conn.execute("SELECT 1 FROM moments_fts WHERE moments_fts MATCH ? LIMIT 1", (match,)).fetchone() is not None

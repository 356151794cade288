"""Turn anything a user types into a safe FTS5 query.

Users get two pieces of syntax: ``"an exact phrase"`` (required; typographic quotes
“…” „…“ «…» too, as phones and word processors type them) and ``-word`` (excluded). Everything else is words, ORed together so BM25 ranks by how much of
the question a passage covers. Every word reaches FTS5 inside double quotes, so
``AND``, ``NEAR``, ``*``, parentheses or a stray quote are just text, never syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podsift.words import STOPWORDS, WORD_WITH_APOSTROPHES

# Longer pastes are cut here: past this many distinct words a query says nothing new,
# and each word costs FTS5 another posting list to walk.
MAX_TERMS = 32

# "…, according to the data engineer on a retail fraud team, …" says who said it. A
# moment seldom describes its own speaker so, and those words only pull BM25 towards
# moments that happen to say "engineer" or "team"; the episode's profile, which semantic
# search scores, still matches them. Dropped up to the next punctuation mark.
_ATTRIBUTION = re.compile(r"\baccording to\b[^,?.;:!—–]*", re.IGNORECASE)

_SPOKEN = "text"  # the FTS5 column of the words said
QUOTES = '"“”„«»'
PHRASE = re.compile(f"[{QUOTES}]([^{QUOTES}]+)[{QUOTES}]")
_WORD = re.compile(WORD_WITH_APOSTROPHES.pattern + r"\*?")  # "embed*" asks for a prefix


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)  # ranked, optional
    phrases: list[list[str]] = field(default_factory=list)  # required
    excluded: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def fts(self) -> str | None:
        """The FTS5 MATCH expression, or None when there is nothing to look for."""
        if self.empty:
            return None
        phrases = [_quote(" ".join(p)) for p in self.phrases]
        ranked = " OR ".join([*(_term(w) for w in self.words), *phrases])
        # Phrases and exclusions concern the words said, not the indexed context.
        required = [f"{_SPOKEN} : {p}" for p in phrases]
        expression = " AND ".join([*required, f"({ranked})"]) if phrases else ranked
        if self.excluded:
            excluded = " OR ".join(_term(w) for w in self.excluded)
            expression = f"({expression}) NOT {_SPOKEN} : ({excluded})"
        return expression

    def terms(self, raw: bool = False) -> list[str]:
        """Every searched word (``raw`` keeps a trailing * on prefix words)."""
        words = self.words if raw else [w.rstrip("*") for w in self.words]
        return words + [w for p in self.phrases for w in p]


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    seen: set[str] = set()

    def words_of(chunk: str) -> list[str]:
        return [w.lower().replace("’", "'") for w in _WORD.findall(chunk)]

    # Phrases first; an unpaired quote is just punctuation.
    rest = []
    position = 0
    for m in PHRASE.finditer(text):
        negated = m.start() > 0 and text[m.start() - 1] == "-" and text[m.start() - 2 : m.start() - 1].strip() == ""
        rest.append(text[position : m.start() - negated])
        phrase = [w.rstrip("*") for w in words_of(m.group(1))]
        if negated and phrase and len(parsed.excluded) < MAX_TERMS:
            parsed.excluded.append(" ".join(phrase))  # -"data engineering": that phrase must not be said
        elif phrase and len(parsed.phrases) < MAX_TERMS:
            parsed.phrases.append(phrase)
        position = m.end()
    rest.append(text[position:])

    candidates: list[str] = []
    for chunk in rest:
        for token in chunk.split():
            if token.startswith("-") and len(token) > 1:
                excluded = words_of(token[1:])
                if excluded and len(parsed.excluded) < MAX_TERMS:
                    # -self-service and -工程 are each one thing, split into parts: exclude them as a phrase.
                    parsed.excluded.append(" ".join(w.rstrip("*") for w in excluded))
                    continue
            candidates.extend(words_of(token))

    content = [w for w in candidates if w.rstrip("*") not in STOPWORDS]
    # A query of only common words ("who are you") still means something.
    for word in content or candidates:
        if word not in seen and len(parsed.words) < MAX_TERMS:
            seen.add(word)
            parsed.words.append(word)
    return parsed


def ranking_query(text: str) -> ParsedQuery:
    """What BM25 ranks on: ``parse_query`` of the text without its "according to …" clause.

    Measured on the dev questions (benchmarks/levers.py, "strip-lex clause"): lexical
    MRR@10 rose on both halves, and hybrid's with it. A query with an exact phrase is
    left whole, as is one that is nothing but the clause.
    """
    if not any(q in text for q in QUOTES):
        stripped = parse_query(_ATTRIBUTION.sub(" ", text))
        if not stripped.empty:
            return stripped
    return parse_query(text)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(word: str) -> str:
    # A trailing * asks for a prefix match: "embed*" finds embedding, embeddings.
    if word.endswith("*") and len(word) > 1:
        return _quote(word.rstrip("*")) + "*"
    return _quote(word)

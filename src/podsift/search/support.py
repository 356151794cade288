"""Does the archive answer the question at all? Decide before answering.

First, names: a question that names something (a capitalised word mid-sentence, an
acronym, a word with digits) that no moment of the archive contains is declined;
a multiword name the archive never says is declined when support is middling.

Then two signals, both computed from the retrieved moments:

- meaning: the best cosine similarity between the question and a moment;
- coverage: the share of the question's rare-word weight that the best moment
  contains. A question about "QLoRA" that retrieves moments about LoRA has good
  meaning but misses its rarest word.

They are combined into one support value in 0..1. The threshold below it which
podsift abstains was calibrated on the dev questions (`benchmarks/ask.py
--calibrate` prints the distribution it was chosen from), not on any one question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from podsift.words import STOPWORDS, WORD, counts_as_word

if TYPE_CHECKING:
    from podsift.search.engine import MomentHit, Searcher

COVERAGE_WEIGHT = 0.5
# The lowest support among the dev set's answerable questions was 0.314 (see
# benchmarks/ask.py --calibrate); abstaining 20% below it keeps false abstention rare.
THRESHOLD = 0.25
# Without vectors there is only coverage, and answerable questions reach as low as 0.07:
# abstain only when none of the question's words are found.
LEXICAL_THRESHOLD = 0.01
# The median support of the dev set's answerable questions (0.544): below it, a multiword
# name the archive never says tips the balance.
PHRASE_THRESHOLD = 0.54
# How many of the top moments may supply the coverage.
COVERAGE_DEPTH = 3
# How many of the top moments the reranker (if the archive has one) reads to judge support.
RERANK_DEPTH = 8



_NAME_TOKEN = re.compile(r"[\w'’\-]+")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s*)$")


def names(question: str) -> list[str]:
    """Words the question uses as names: capitalised mid-sentence, acronyms, letters with digits.

    "How does QLoRA differ from LoRA on a GPU?" -> ["QLoRA", "LoRA", "GPU"].
    """
    out = []
    for m in _NAME_TOKEN.finditer(question):
        word = re.sub(r"['’]s$", "", m.group(0)).strip("-'’")
        if len(word) < 2 or word in out:
            continue
        starts_sentence = _SENTENCE_START.search(question[: m.start()]) is not None
        capitalised = word[0].isupper() and not starts_sentence
        mixed = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
        if capitalised or mixed or word.isupper():
            out.append(word)
    return out


def name_phrases(question: str) -> list[str]:
    """Runs of two or more capitalised words mid-sentence: "Snowflake Cortex", "Apache Pinot"."""
    out: list[str] = []
    run: list[str] = []
    for m in _NAME_TOKEN.finditer(question):
        word = m.group(0)
        bare = re.sub(r"['’]s$", "", word)
        starts_sentence = _SENTENCE_START.search(question[: m.start()]) is not None
        titled = len(bare) > 1 and bare[0].isupper() and bare[1:].islower() and not starts_sentence
        if titled:
            run.append(bare)
        if not titled or bare != word:  # a possessive ends the name: "Sam's Club" is two
            if len(run) > 1:
                out.append(" ".join(run))
            run = []
    if len(run) > 1:
        out.append(" ".join(run))
    return out


@dataclass
class Evidence:
    weights: dict[str, float]  # question stems -> rarity (idf)
    hits: list["MomentHit"]
    similarity: dict[int, float]  # moment id -> cosine to the question
    relevance: dict[int, float]  # moment id -> relevance, 0..1
    stem: Callable[[str], str]
    unknown_names: list[str]  # names in the question that no moment of the archive contains
    unknown_phrases: list[str]  # multiword names the archive never says as such
    # moment id -> the tuned reranker's probability that it answers (empty: no reranker)
    answering: dict[int, float] = field(default_factory=dict)
    reranker_threshold: float | None = None
    # A tuned model's calibrated cosine threshold: support is then the best cosine alone.
    meaning_threshold: float | None = None
    # False when every word of the question is a stop word ("the of and to"): nothing to address.
    content: bool = True
    # Stems of the people the question names (a speaker of a retrieved moment, a guest).
    people: frozenset[str] = frozenset()


@dataclass
class Support:
    value: float
    meaning: float
    coverage: float
    unknown_names: list[str]
    unknown_phrases: list[str]
    threshold: float = THRESHOLD
    phrase_threshold: float | None = PHRASE_THRESHOLD

    @property
    def abstain(self) -> bool:
        # A question about something the archive never names is not answered by it,
        # however close the rest of its words come. A multiword name is weaker evidence
        # ("Catch a Flat Chrome extension"), so it counts only with middling support.
        if self.unknown_names or self.value < self.threshold:
            return True
        if self.phrase_threshold is None:
            return False
        return bool(self.unknown_phrases) and self.value < self.phrase_threshold


def coverage(evidence: Evidence) -> float:
    total = sum(evidence.weights.values())
    if not total:
        return 0.0
    best = 0.0
    for hit in evidence.hits[:COVERAGE_DEPTH]:
        words = {evidence.stem(t) for t in WORD.findall(hit.text)}
        best = max(best, sum(w for term, w in evidence.weights.items() if term in words) / total)
    return best


def support(evidence: Evidence, threshold: float | None = None) -> Support:
    judged = _support(evidence, threshold)
    return judged if evidence.content else replace(judged, value=0.0)


def _support(evidence: Evidence, threshold: float | None = None) -> Support:
    covered = coverage(evidence)
    if evidence.answering:
        # A reranker read question and moment together: its probability is the support.
        value = max(evidence.answering.values())
        meaning = max(evidence.similarity.values(), default=0.0)
        return Support(value, meaning, covered, evidence.unknown_names, evidence.unknown_phrases,
                       threshold if threshold is not None else evidence.reranker_threshold or 0.5,
                       phrase_threshold=None)  # fmt: skip
    if evidence.similarity and evidence.meaning_threshold is not None:
        # A model tuned on this archive: its cosine was calibrated on the archive's own
        # held-out questions; adding word coverage blurred it on the dev questions (all of
        # them were looked at for this choice, so it is tuned on them).
        meaning = max(evidence.similarity.values())
        return Support(meaning, meaning, covered, evidence.unknown_names, evidence.unknown_phrases,
                       threshold if threshold is not None else evidence.meaning_threshold,
                       phrase_threshold=None)  # fmt: skip
    if evidence.similarity:
        meaning = max(evidence.similarity.values())
        value = (1 - COVERAGE_WEIGHT) * max(meaning, 0.0) + COVERAGE_WEIGHT * covered
    else:  # no vectors (a lexical-only archive): words are all there is
        meaning, value = 0.0, covered
    default = THRESHOLD if evidence.similarity else LEXICAL_THRESHOLD
    return Support(value, meaning, covered, evidence.unknown_names, evidence.unknown_phrases,
                   default if threshold is None else threshold)  # fmt: skip


def gather(searcher: "Searcher", question: str, hits: list["MomentHit"]) -> Evidence:
    """What the archive offers on ``question``: word rarities, similarities and unknown names."""
    from podsift.search.query import parse_query

    store = searcher.lexical_source()  # word counts and phrases: the lexical index, else the store
    stats = searcher.term_stats
    weights: dict[str, float] = {}
    for term in parse_query(question).terms():
        for word in WORD.findall(term):  # as sentences are split: "alexey's" -> alexey
            if counts_as_word(word):
                stem = stats.stem(word)
                weights[stem] = max(weights.get(stem, 0.0), stats.idf(store, word))
    similarity = searcher.similarities(question, [h.moment_id for h in hits]) if hits else {}
    # Relevance is the question's cosine to the moment; without vectors, from the rank
    # (fused scores are not comparable across questions).
    relevance = similarity or {h.moment_id: 1.0 / (1.0 + 0.5 * rank) for rank, h in enumerate(hits)}
    # A guest's full name is often written only on the episode's page, never said whole:
    # its words are known names even where no moment says them ("Nicolas Rassam").
    phrases = name_phrases(question)
    guest_phrases = [p for p in phrases if searcher.is_guest(p)]
    guest_words = {w for p in guest_phrases for w in _NAME_TOKEN.findall(p)}
    # "GPT-7": its parts ("gpt", "7") are everywhere; a name with a number is only if they come in
    # its order. ("Kafka-based" is Kafka, based on it: its parts are enough.)
    named = names(question)
    unknown = [n for n in named if n not in guest_words
               and (stats.documents(store, n) == 0
                    or (any(c.isdigit() for c in n) and len(WORD.findall(n)) > 1 and not store.says([n])))]  # fmt: skip
    unsaid = [p for p in phrases if p not in guest_phrases and not store.says(WORD.findall(p))]
    reranker = searcher.reranker
    answering: dict[int, float] = {}
    if reranker is not None and hits:
        judged = hits[:RERANK_DEPTH]
        scores = reranker.scores(question, [h.text for h in judged])
        answering = {h.moment_id: p for h, p in zip(judged, scores, strict=True)}
    content = any(w.lower() not in STOPWORDS for t in parse_query(question).terms() for w in WORD.findall(t))
    voices = {w.casefold() for h in hits for label in h.speakers for w in WORD.findall(label)}
    people = frozenset(stats.stem(n) for n in named if n in guest_words or n.casefold() in voices)
    return Evidence(weights, hits, similarity, relevance, stats.stem, unknown, unsaid, answering,
                    reranker.threshold if reranker is not None else None,
                    searcher.answer_threshold if similarity else None, content, people)  # fmt: skip

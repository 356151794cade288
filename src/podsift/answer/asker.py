"""Ask: retrieve moments, decide whether they answer the question, then answer with citations."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from podsift.answer import extractive
from podsift.answer.result import Answer
from podsift.answer.sentences import Sentence, moment_sentences
from podsift.answer.support import Evidence, name_phrases, names, support
from podsift.search.filters import SearchFilters
from podsift.search.query import parse_query

if TYPE_CHECKING:
    from podsift.answer.llm import LLMAnswerer
    from podsift.search.engine import MomentHit, Searcher

# Moments the answer may draw on (and cite).
RETRIEVE = 8
_WORD = re.compile(r"[^\W_]+")
# Moments one episode may contribute: an answer is often several turns of one conversation.
PER_EPISODE: int | None = 5
# Moments shown as "closest mentions" when the archive does not answer.
CLOSEST = 3


class Asker:
    def __init__(self, searcher: "Searcher", llm: "LLMAnswerer | None" = None) -> None:
        self.searcher = searcher
        self.llm = llm

    def ask(
        self,
        question: str,
        *,
        filters: SearchFilters | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        hits = self.retrieve(question, filters)
        evidence = self._evidence(question, hits)
        score = support(evidence)
        if not hits or score.abstain:
            return Answer(question, [], [], abstained=True, answerer=extractive.NAME,
                          closest=hits[:CLOSEST], support=score.value)  # fmt: skip
        sentences = self._sentences(hits)
        fallback_note = None
        if self.llm is not None:
            from podsift.answer.llm import LLMFailed

            try:
                answer = self.llm.answer(question, hits, sentences, on_token=on_token)
                answer.support = score.value
                if answer.abstained:
                    answer.closest = hits[:CLOSEST]
                return answer
            except LLMFailed as err:
                fallback_note = f"the LLM answerer failed ({err}); this is the extractive answer"
        scored = extractive.score_sentences(
            evidence.weights, hits, sentences, evidence.relevance, self.searcher.term_stats.stem
        )
        answer = extractive.compose(question, hits, scored)
        answer.support = score.value
        if fallback_note:
            answer.notes.append(fallback_note)
        return answer

    def retrieve(self, question: str, filters: SearchFilters | None = None) -> list["MomentHit"]:
        """The moments an answer may draw on and cite: the only ones it can cite."""
        return self.searcher.search(question, limit=RETRIEVE, filters=filters, per_episode=PER_EPISODE)

    def _evidence(self, question: str, hits: list["MomentHit"]) -> Evidence:
        store = self.searcher.store
        stats = self.searcher.term_stats
        parsed = parse_query(question)
        weights: dict[str, float] = {}
        for term in parsed.terms():
            for word in _WORD.findall(term):  # as sentences are split: "alexey's" -> alexey
                if len(word) > 1:
                    stem = stats.stem(word)
                    weights[stem] = max(weights.get(stem, 0.0), stats.idf(store, word))
        similarity = self.searcher.similarities(question, [h.moment_id for h in hits]) if hits else {}
        # Relevance is the question's cosine to the moment; without vectors, from the rank
        # (fused scores are not comparable across questions).
        relevance = similarity or {h.moment_id: 1.0 / (1.0 + 0.5 * rank) for rank, h in enumerate(hits)}
        unknown = [n for n in names(question) if stats.documents(store, n) == 0]
        unsaid = [p for p in name_phrases(question) if not store.says(_WORD.findall(p))]
        return Evidence(weights, hits, similarity, relevance, stats.stem, unknown, unsaid)

    def _sentences(self, hits: list["MomentHit"]) -> dict[int, list[Sentence]]:
        segments = self.searcher.store.moment_segments([h.moment_id for h in hits])
        return {h.moment_id: moment_sentences(h.moment_id, h.text, segments[h.moment_id]) for h in hits}

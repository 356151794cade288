"""Ask: retrieve moments, decide whether they answer the question, then answer with citations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from podsift.answer import answer_kind, extractive
from podsift.answer.result import DECLINED, Answer
from podsift.answer.sentences import Sentence, moment_sentences
from podsift.search.engine import require_words, said
from podsift.search.filters import SearchFilters
from podsift.search.support import gather, support

if TYPE_CHECKING:
    from podsift.answer.llm import LLMAnswerer
    from podsift.search.engine import MomentHit, Searcher

# Moments the answer may draw on (and cite).
RETRIEVE = 8
# Moments one episode may contribute: an answer is often several turns of one conversation.
PER_EPISODE: int | None = 5
# Moments shown as "closest mentions" when the archive does not answer.
CLOSEST = 3
# Of those, the moments a person the question names speaks themselves, put first.
OWN_WORDS = 4


LLM_FAILED = "the LLM answerer failed"  # opens the note of an answer that fell back to quoting


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
        require_words(question)
        # A quoted name no moment says ('What does "Nicolas Rassam" look for?') means the person.
        quoted = self.searcher.person_quoted(question, filters)
        answer = self._ask(question if quoted is None else quoted.unquoted, filters, on_token)
        if quoted is not None:
            answer.question = question
            answer.notes.append(quoted.taken)
        if answer.abstained:
            answer.suggestion = self.searcher.suggestion(question)
        return answer

    def _ask(self, question: str, filters: SearchFilters | None, on_token: Callable[[str], None] | None) -> Answer:
        hits = self.retrieve(question, filters)
        evidence = gather(self.searcher, question, hits)
        score = support(evidence)
        if not hits or score.abstain:
            return Answer(question, [], [], abstained=True, answerer=extractive.NAME, closest=hits[:CLOSEST],
                          support=score.value, answered_by=DECLINED,
                          filtered=not hits and filters is not None and filters.active
                          and self.searcher.find(question, limit=1).match != "none")  # fmt: skip
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
                fallback_note = f"{LLM_FAILED} ({err}); this is the extractive answer"
        # A person the question names picked the episode; their name in a sentence (the host's
        # "Welcome, Tomás") says nothing of what they said, so it does not choose the quote.
        weights = {term: w for term, w in evidence.weights.items() if term not in evidence.people} or evidence.weights
        scored = extractive.score_sentences(
            weights, hits, sentences, evidence.relevance, self.searcher.term_stats.stem, evidence.people,
            answer_kind.wanted(question),
        )
        answer = extractive.compose(question, hits, scored)
        answer.support = score.value
        if fallback_note:
            answer.notes.append(fallback_note)
        return answer

    def retrieve(self, question: str, filters: SearchFilters | None = None) -> list["MomentHit"]:
        """The moments an answer may draw on and cite: the only ones it can cite.

        A question about what someone said ("What does Tomás say about monitoring?") finds the
        turns that say their name, the host's introduction; their own words come first here,
        found without the name among the moments they speak, then the question's other matches.
        """
        hits = self.searcher.search(question, limit=RETRIEVE, filters=filters, per_episode=PER_EPISODE)
        if filters is not None and filters.speaker is not None:
            return hits
        named = self.searcher.person_named(question)
        if named is None:
            return hits
        person, rest, episodes = named
        # The question's own matches must lead to where they speak: "Alexa" the product is not
        # a speaker labelled Alexa in some other episode.
        if not said(rest) or not episodes & {h.episode_id for h in hits}:
            return hits
        theirs = SearchFilters() if filters is None else filters
        own = self.searcher.search(rest, limit=OWN_WORDS, filters=replace(theirs, speaker=person), per_episode=PER_EPISODE)
        taken = {h.moment_id for h in own}
        return (own + [h for h in hits if h.moment_id not in taken])[:RETRIEVE]

    def _sentences(self, hits: list["MomentHit"]) -> dict[int, list[Sentence]]:
        segments = self.searcher.store.moment_segments([h.moment_id for h in hits])
        return {h.moment_id: moment_sentences(h.moment_id, h.text, segments[h.moment_id]) for h in hits}

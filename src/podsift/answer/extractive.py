"""The default answerer: the archive's own sentences, picked and cited. No LLM, no network.

Each passage (one to three sentences by one speaker) of the retrieved moments is
scored by how much of the question's meaning-bearing words it contains (weighted
by rarity, stemmed as the index stems them) and by how relevant its moment is.
The answer takes each moment's best passage, leads with the best of them, and
stops at about 120 words. Measured choices are in the closing notes of issue 4.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from podsift.answer.result import Answer, AnswerSentence, Citation, cite
from podsift.answer.sentences import Sentence
from podsift.search.engine import MomentHit
from podsift.search.query import STOPWORDS

NAME = "extractive"
MAX_WORDS = 120
# A moment's best passage joins the answer only if it scores this share of the best one's.
KEEP_SHARE = 0.5
# ...and only from a moment at least this share as relevant as the best passage's moment.
KEEP_RELEVANCE = 0.6
# Passages sharing more than this share of their content words repeat each other.
REDUNDANT = 0.5
# How much the moment's relevance weighs against the passage's own overlap with the question.
MOMENT_WEIGHT = 0.5
SHORT_WORDS = 6
ASKING_FACTOR = 0.7
# A passage is up to this many consecutive sentences by one speaker, within this many words.
PASSAGE_SENTENCES = 3
PASSAGE_WORDS = 60

_WORD = re.compile(r"[^\W_]+")


@dataclass
class Scored:
    sentence: Sentence
    hit: MomentHit
    score: float
    words: frozenset[str]
    overlap: float
    relevance: float  # the moment's


def score_sentences(
    question_weights: dict[str, float],
    hits: list[MomentHit],
    sentences: dict[int, list[Sentence]],
    relevance: dict[int, float],
    stem: Callable[[str], str],
) -> list[Scored]:
    """Every sentence of ``hits`` with its score, best first.

    ``question_weights`` maps the question's stems to their rarity; ``relevance``
    gives each moment's relevance in 0..1.
    """
    total = sum(question_weights.values()) or 1.0
    scored: list[Scored] = []
    for hit in hits:
        for sentence in _passages(sentences.get(hit.moment_id, [])):
            tokens = _WORD.findall(sentence.text)
            words = frozenset(stem(t) for t in tokens if t.lower() not in STOPWORDS)
            overlap = sum(w for term, w in question_weights.items() if term in words) / total
            score = (1 - MOMENT_WEIGHT) * overlap + MOMENT_WEIGHT * relevance.get(hit.moment_id, 0.0)
            if "?" in sentence.text:
                score *= 0.5  # a question restates the topic; the answer follows it
            elif sentence.asking:
                score *= ASKING_FACTOR  # the set-up of someone's question, not its answer
            if len(tokens) < SHORT_WORDS:
                score *= 0.5  # "Yes, exactly." answers nothing on its own
            scored.append(Scored(sentence, hit, score, words, overlap, relevance.get(hit.moment_id, 0.0)))
    scored.sort(key=lambda s: -s.score)
    return scored


def _passages(sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence, and each run of up to PASSAGE_SENTENCES by the same speaker.

    An answer often takes more than one sentence ("We use a library for that. It's
    called faiss."); a run is one candidate, timed and attributed like its first sentence.
    """
    out = list(sentences)
    for size in range(2, PASSAGE_SENTENCES + 1):
        for begin in range(len(sentences) - size + 1):
            run = sentences[begin : begin + size]
            if len({s.speaker for s in run}) == 1 and sum(len(s.text.split()) for s in run) <= PASSAGE_WORDS:
                out.append(replace(run[0], text=" ".join(s.text for s in run)))
    return out


def compose(question: str, hits: list[MomentHit], scored: list[Scored]) -> Answer:
    """The best passage of each retrieved moment, in retrieval order, within MAX_WORDS.

    Walking the moments in the order search ranked them spreads the citations over
    the likeliest places, so a reader can check more than one; the passages are
    then ordered best first, so the answer leads with the most direct one.
    """
    best: dict[int, Scored] = {}
    for item in scored:  # best first, so the first seen per moment is its best
        best.setdefault(item.hit.moment_id, item)
    top = scored[0].score if scored else 0.0
    lead_relevance = scored[0].relevance if scored else 0.0
    chosen: list[Scored] = []
    words = 0
    for hit in hits:
        candidate = best.get(hit.moment_id)
        if candidate is None or candidate.score < KEEP_SHARE * top:
            continue
        if candidate.relevance < KEEP_RELEVANCE * lead_relevance:
            continue  # a moment far from the question lends nothing but a stray word
        if candidate.sentence.text.endswith("?"):
            continue  # a question answers nothing (it stands alone only if nothing else does)
        length = len(candidate.sentence.text.split()) + 1  # and the speaker's name
        if chosen and words + length > MAX_WORDS:
            continue
        if any(_similar(candidate.words, c.words) for c in chosen):
            continue
        chosen.append(candidate)
        words += length
    if not chosen and scored:
        chosen = [scored[0]]
    chosen.sort(key=lambda item: -item.score)
    citations: list[Citation] = []
    sentences: list[AnswerSentence] = []
    for item in chosen:
        citation = cite(item.hit, item.sentence.speaker, item.sentence.start)
        if citation not in citations:
            citations.append(citation)
        speaker = item.sentence.speaker
        # Name the speaker when the voice changes, as a transcript would.
        same_voice = sentences and sentences[-1].speaker == speaker
        text = f"{speaker}: {item.sentence.text}" if speaker and not same_voice else item.sentence.text
        sentences.append(AnswerSentence(text, speaker, [citations.index(citation)]))
    return Answer(question, sentences, citations, abstained=False, answerer=NAME)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) > REDUNDANT

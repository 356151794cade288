"""The default answerer: the archive's own sentences, picked and cited. No LLM, no network.

Each sentence of the best moments is scored by how much of the question's
meaning-bearing words it contains (weighted by rarity, stemmed as the index
stems them) and by how relevant its moment is. The answer leads with the best
sentence and adds a few more that say something new.
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
MAX_SENTENCES = 4
# A sentence joins the answer only if it scores at least this share of the lead's.
KEEP_SHARE = 0.55
# ...and at least this share of the lead's overlap with the question's words.
KEEP_OVERLAP = 0.25
# Sentences sharing more than this share of their words repeat each other.
REDUNDANT = 0.5
# How much the moment's rank weighs against the sentence's own overlap with the question.
MOMENT_WEIGHT = 0.5
SHORT_WORDS = 6
# Sentences from one moment: spreading citations over moments lets a reader check more places.
PER_MOMENT = 2
PAIR_WORDS = 50

_WORD = re.compile(r"[^\W_]+")


@dataclass
class Scored:
    sentence: Sentence
    hit: MomentHit
    score: float
    words: frozenset[str]
    overlap: float


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
            if len(tokens) < SHORT_WORDS:
                score *= 0.5  # "Yes, exactly." answers nothing on its own
            scored.append(Scored(sentence, hit, score, words, overlap))
    scored.sort(key=lambda s: -s.score)
    return scored


def _passages(sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence, and each sentence with the one after it by the same speaker.

    An answer often takes two sentences ("We use a library for that. It's called
    faiss."); the pair is one candidate, timed and attributed like its first sentence.
    """
    out = list(sentences)
    for first, second in zip(sentences, sentences[1:]):
        if first.speaker == second.speaker and len(first.text.split()) + len(second.text.split()) <= PAIR_WORDS:
            out.append(replace(first, text=f"{first.text} {second.text}"))
    return out


def compose(question: str, scored: list[Scored]) -> Answer:
    """The lead sentence, then up to a few more that add something, within MAX_WORDS."""
    chosen: list[Scored] = []
    words = 0
    for candidate in scored:
        if len(chosen) == MAX_SENTENCES:
            break
        if chosen and candidate.score < KEEP_SHARE * chosen[0].score:
            break
        length = len(candidate.sentence.text.split()) + 1  # and the speaker's name
        if chosen and words + length > MAX_WORDS:
            continue
        if chosen and candidate.overlap < KEEP_OVERLAP * chosen[0].overlap:
            continue  # after the lead, a sentence must share enough of the question's words
        if any(_similar(candidate.words, c.words) for c in chosen):
            continue
        if sum(c.hit.moment_id == candidate.hit.moment_id for c in chosen) >= PER_MOMENT:
            continue
        chosen.append(candidate)
        words += length
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

"""Extractive summaries: for an episode and each chapter, 3 to 5 key points and keyphrases.

A key point is one of the episode's own sentences, the most central of its part
(closest, by TF-IDF, to the part as a whole), never a question, and it cites the
moment it was said in, by that moment's id and time.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from podsift.chapters import TermWeights, content_terms, cosine, keyphrases, name_words, squared_norm
from podsift.model import Episode
from podsift.moments import SENTENCE_END
from podsift.words import foreign_stopwords

if TYPE_CHECKING:
    from podsift.store import EpisodeMoment

MIN_WORDS = 8
MAX_WORDS = 45
POINTS = 5
MIN_POINTS = 3


@dataclass
class KeyPoint:
    text: str
    speaker: str | None
    start: float | None
    moment_id: int  # the cited moment
    segment: int  # the line it was said in (the episode page links to it)


@dataclass
class PartSummary:
    title: str
    start: float | None
    generated: bool
    points: list[KeyPoint]
    keyphrases: list[str]


@dataclass
class Summary:
    points: list[KeyPoint]
    keyphrases: list[str]
    chapters: list[PartSummary] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Candidate:
    text: str
    speaker: str | None
    start: float | None
    moment_id: int
    segment: int
    terms: Counter[str]


def _candidates(episode: Episode, moments_of: dict[int, list[tuple[int, str]]]) -> list[_Candidate]:
    out = []
    for seg in episode.segments:
        if not seg.text or seg.ordinal not in moments_of:
            continue
        for sentence in SENTENCE_END.split(seg.text):
            sentence = sentence.strip()
            words = len(sentence.split())
            if "?" in sentence or not MIN_WORDS <= words <= MAX_WORDS:
                continue
            # A long turn is cut across moments: cite the one the sentence is in.
            moment_id = next((m for m, text in moments_of[seg.ordinal] if sentence in text), None)
            if moment_id is None:
                continue
            out.append(_Candidate(sentence, seg.speaker, seg.start, moment_id, seg.ordinal,
                                  Counter(content_terms(sentence))))  # fmt: skip
    return out


def _central(candidates: list[_Candidate], weights: TermWeights, count: int) -> list[KeyPoint]:
    """The ``count`` sentences closest to the whole, no two alike, in the order said."""
    if not candidates:
        return []
    whole: Counter[str] = Counter()
    for c in candidates:
        whole.update(c.terms)
    centre = {t: (1 + math.log(n)) * weights.idf.get(t, 1.0) for t, n in whole.items()}
    vectors = [{t: (1 + math.log(n)) * weights.idf.get(t, 1.0) for t, n in c.terms.items()} for c in candidates]
    # The centre holds every term of the part: its norm is summed once, not once per sentence.
    centre_sq, squares = squared_norm(centre), [squared_norm(v) for v in vectors]
    ranked = sorted(range(len(candidates)), key=lambda i: -cosine(vectors[i], centre, squares[i], centre_sq))
    chosen: list[int] = []
    for i in ranked:
        if len(chosen) == count:
            break
        if any(cosine(vectors[i], vectors[j], squares[i], squares[j]) > 0.5 or candidates[i].segment == candidates[j].segment
               for j in chosen):  # fmt: skip
            continue
        chosen.append(i)
    chosen.sort(key=lambda i: candidates[i].segment)
    return [KeyPoint(candidates[i].text, candidates[i].speaker, candidates[i].start, candidates[i].moment_id,
                     candidates[i].segment)
            for i in chosen]  # fmt: skip


def summarize(episode: Episode, moments: "list[EpisodeMoment]") -> Summary:
    """Key points for ``episode``, citing its stored ``moments``."""
    moments_of: dict[int, list[tuple[int, str]]] = {}
    for moment in moments:
        for ordinal in range(moment.first_segment, moment.last_segment + 1):
            moments_of.setdefault(ordinal, []).append((moment.id, moment.text))
    spoken = [s.text for s in episode.segments if s.text]
    if not spoken:
        return Summary([], [])
    weights = TermWeights(spoken)
    candidates = _candidates(episode, moments_of)
    text = " ".join(spoken)
    # Said in every part, a speaker's name is no keyphrase; nor is another language's "que".
    names = name_words(episode.speakers) | foreign_stopwords(text)
    summary = Summary(_central(candidates, weights, POINTS), keyphrases(text, weights, limit=5, names=names))
    bounds = [c.first_segment for c in episode.chapters] + [len(episode.segments)]
    # Candidates come in segment order: each chapter's are a slice, found by bisection
    # (filtering all of them per chapter was quadratic on pages of thousands of headers).
    at = [c.segment for c in candidates]
    for k, chapter in enumerate(episode.chapters):
        lo = bisect_left(at, bounds[k])
        part = candidates[lo : max(lo, bisect_left(at, bounds[k + 1]))]
        words = " ".join(s.text for s in episode.segments[bounds[k] : bounds[k + 1]] if s.text)
        points = _central(part, weights, MIN_POINTS)
        summary.chapters.append(PartSummary(chapter.title, chapter.start, chapter.generated, points,
                                            keyphrases(words, weights, limit=3, names=names)))  # fmt: skip
    return summary

"""Combining rankings, and keeping one episode from filling the page."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Literal

# Reciprocal rank fusion: score = sum of weight / (K + rank). K damps the head so a
# moment two rankings agree on beats one that tops only a single ranking.
# Measured on the dev questions: K=10 beats the customary 60 (see the closing notes).
RRF_K = 10
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0
# How hybrid search fuses: "rrf" (ranks only) or "score" (z-scores, score_fusion).
# benchmarks/levers.py measured both on the dev questions: score fusion raised MRR@10
# from 0.70 to 0.76 on the half it was chosen on and from 0.62 to 0.64 on the held-out
# half. It is not the default yet: on the 94-moment demo archive it puts a moment that
# shares one word with "how do computers know two sentences mean the same thing" above
# the moment that answers it (tests/test_semantic.py), since a ranking of a few weak
# matches still has a best one that stands out from the rest.
FUSION: Literal["score", "rrf"] = "rrf"
# At most this many moments from one episode among the results, unless filtered to it;
# its further moments are grouped under its best one: all counted, up to MORE of them shown.
PER_EPISODE = 3
MORE = 5


def reciprocal_rank_fusion(
    rankings: Sequence[tuple[Sequence[int], float]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse ranked id lists, each with a weight, into one (id, score) ranking."""
    scores: dict[int, float] = {}
    for ids, weight in rankings:
        for rank, moment_id in enumerate(ids, 1):
            scores[moment_id] = scores.get(moment_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def fuse(rankings: Sequence[tuple[Sequence[tuple[int, float]], float]], depth: int) -> list[tuple[int, float]]:
    """Fuse (id, score) rankings, each with a weight, as FUSION says."""
    if FUSION == "rrf":
        return reciprocal_rank_fusion([([i for i, _ in ranking], weight) for ranking, weight in rankings])
    return score_fusion(rankings, depth)


def count_unseen(fused: list[tuple[int, float]], unseen: dict[int, int], weight: float,
                 k: int = RRF_K) -> list[tuple[int, float]]:  # fmt: skip
    """RRF for moments one ranking could not see (no vector yet for its model): each counts
    there at the rank ``unseen`` gives it, its rank in the other ranking. Missing from a
    ranking that never looked at a moment is no evidence against it."""
    if FUSION != "rrf" or not unseen:
        return fused  # score fusion already counts a missing moment as an average one
    scores = dict(fused)
    for moment_id, rank in unseen.items():
        scores[moment_id] = scores.get(moment_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def score_fusion(
    rankings: Sequence[tuple[Sequence[tuple[int, float]], float]], depth: int
) -> list[tuple[int, float]]:
    """Fuse scored rankings (higher is better) by summing each one's weighted z-scores.

    Unlike RRF this keeps how far ahead a ranking's best moments are: a lexical
    ranking with one moment far above the rest outweighs a semantic one whose top
    cosines are all alike, and the other way round. Each ranking is standardised
    over its own candidates, so BM25 and cosine scales never meet. A moment a
    ranking did not return adds 0, as an average candidate would: a paraphrase
    shares few words with the question, so missing from one ranking is weak
    evidence (counting it as that ranking's weakest candidate measured worse).

    The mean and spread come from each ranking's first ``depth`` scores, so their
    scale does not depend on how many results were asked for.
    """
    fused: dict[int, float] = {}
    for ranking, weight in rankings:
        if not ranking:
            continue
        values = [score for _, score in ranking[:depth]]
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
        for moment_id, score in ranking:
            fused[moment_id] = fused.get(moment_id, 0.0) + weight * (score - mean) / spread
    return sorted(fused.items(), key=lambda item: -item[1])


def diversify(
    ranked: Sequence[tuple[int, float]], episode_of: dict[int, str], limit: int, per_episode: int
) -> tuple[list[tuple[int, float]], dict[int, list[tuple[int, float]]]]:
    """The first ``limit`` results in score order, at most ``per_episode`` from any one episode.

    An episode's further moments are not dropped below weaker results (the list stays in
    score order): they are grouped under that episode's best result, the second value,
    keyed by its id, every one of them (the caller shows the first MORE and counts the rest).
    """
    taken: list[tuple[int, float]] = []
    best_of: dict[str, int] = {}
    more: dict[int, list[tuple[int, float]]] = {}
    count: Counter[str] = Counter()
    for item in ranked:
        episode = episode_of[item[0]]
        if count[episode] < per_episode:
            if len(taken) == limit:
                break
            count[episode] += 1
            taken.append(item)
            best_of.setdefault(episode, item[0])
        else:
            more.setdefault(best_of[episode], []).append(item)
    # Ranked to the end before the page filled: what is grouped must still outscore the last result.
    floor = taken[-1][1] if taken else 0.0
    return taken, {best: kept for best, items in more.items() if (kept := [m for m in items if m[1] >= floor])}

"""Combining rankings, and keeping one episode from filling the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# Reciprocal rank fusion: score = sum of weight / (K + rank). K damps the head so a
# moment two rankings agree on beats one that tops only a single ranking.
# Measured on the dev questions: K=10 beats the customary 60 (see the closing notes).
RRF_K = 10
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0
# At most this many moments from one episode among the results, unless filtered to it.
PER_EPISODE = 3


def reciprocal_rank_fusion(
    rankings: Sequence[tuple[Sequence[int], float]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse ranked id lists, each with a weight, into one (id, score) ranking."""
    scores: dict[int, float] = {}
    for ids, weight in rankings:
        for rank, moment_id in enumerate(ids, 1):
            scores[moment_id] = scores.get(moment_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def diversify(
    ranked: Sequence[tuple[int, float]], episode_of: dict[int, str], limit: int, per_episode: int
) -> list[tuple[int, float]]:
    """The first ``limit`` results with at most ``per_episode`` from any one episode.

    If there are not enough other episodes, the held-back moments fill the end.
    """
    taken: list[tuple[int, float]] = []
    held: list[tuple[int, float]] = []
    count: Counter[str] = Counter()
    for item in ranked:
        episode = episode_of[item[0]]
        if count[episode] < per_episode:
            count[episode] += 1
            taken.append(item)
            if len(taken) == limit:
                return taken
        else:
            held.append(item)
    return (taken + held)[:limit]

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
# At most this many moments from one episode among the results, unless filtered to it;
# its further moments are grouped under its best one, up to MORE of them.
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


def diversify(
    ranked: Sequence[tuple[int, float]], episode_of: dict[int, str], limit: int, per_episode: int
) -> tuple[list[tuple[int, float]], dict[int, list[tuple[int, float]]]]:
    """The first ``limit`` results in score order, at most ``per_episode`` from any one episode.

    An episode's further moments are not dropped below weaker results (the list stays in
    score order): they are grouped under that episode's best result, the second value,
    keyed by its id.
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
        elif len(grouped := more.setdefault(best_of[episode], [])) < MORE:
            grouped.append(item)
    return taken, more

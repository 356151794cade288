"""Nearest moments by embedding.

With SQLite, one matrix product over all vectors held in memory. With PostgreSQL, the
database does it (pgvector's HNSW index), so server processes need not hold the vectors.
Both rank by cosine plus half the episode profile's cosine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from podsift.search.filters import SearchFilters

if TYPE_CHECKING:
    import numpy as np

    from podsift.store import Store


# How much an episode's relevance (its title and description) adds to each of its moments.
EPISODE_WEIGHT = 0.5


def vector_index(store: "Store", model: str) -> "VectorIndex | DatabaseVectorIndex":
    """The database's own index where the store keeps one, else vectors held in memory."""
    return DatabaseVectorIndex(model) if store.vectors_in_database else VectorIndex(model)


class VectorIndex:
    """Every moment vector for one model, loaded once and reloaded when the store changes."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._version: tuple[int, int] | None = None
        self.ids: "np.ndarray | None" = None
        self.matrix: "np.ndarray | None" = None
        self.profiles: "np.ndarray | None" = None
        self.profile_of: "np.ndarray | None" = None

    def refresh(self, store: "Store") -> None:
        import numpy as np

        version = store.version
        if version == self._version:
            return
        rows = store.moment_vectors(self.model)
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        blob = b"".join(r[1] for r in rows)
        self.matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(rows), -1) if rows else None
        profiles = store.profile_vectors(self.model)
        position = {episode_id: k for k, (episode_id, _) in enumerate(profiles)}
        self.profiles = (
            np.frombuffer(b"".join(r[1] for r in profiles), dtype=np.float32).reshape(len(profiles), -1)
            if profiles
            else None
        )
        # For each moment, the row of its episode's profile (-1: none).
        self.profile_of = np.fromiter(
            (position.get(r[2], -1) for r in rows), dtype=np.int64, count=len(rows)
        )
        self._version = version

    def __len__(self) -> int:
        return 0 if self.ids is None else len(self.ids)

    def similarities(self, store: "Store", query_vector: "np.ndarray", moment_ids: list[int]) -> dict[int, float]:
        """Plain cosine of the query to each given moment (no episode boost)."""
        import numpy as np

        self.refresh(store)
        if self.matrix is None or self.ids is None:
            return {}
        wanted = np.asarray(moment_ids, dtype=np.int64)
        rows = np.searchsorted(self.ids, wanted)  # ids are sorted
        rows = np.minimum(rows, len(self.ids) - 1)
        found = self.ids[rows] == wanted
        scores = self.matrix[rows[found]] @ query_vector.astype(np.float32)
        return {int(i): float(v) for i, v in zip(wanted[found], scores)}

    def ranking(
        self, store: "Store", query_vector: "np.ndarray", filters: SearchFilters, limit: int
    ) -> list[tuple[int, float]]:
        """(moment id, cosine similarity; higher is better) for the nearest ``limit``."""
        import numpy as np

        self.refresh(store)
        if self.matrix is None or self.ids is None:
            return []
        query_vector = query_vector.astype(np.float32)
        scores = self.matrix @ query_vector
        if self.profiles is not None:
            # A question often describes the guest or the episode, not the moment itself.
            episode_scores = np.append(self.profiles @ query_vector, 0.0)  # index -1 -> 0
            scores = scores + EPISODE_WEIGHT * episode_scores[self.profile_of]
        if filters.active:
            allowed = np.asarray(store.filtered_moment_ids(filters), dtype=np.int64)
            scores = np.where(np.isin(self.ids, allowed), scores, -np.inf)
        k = min(limit, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]


class DatabaseVectorIndex:
    """Nearest moments asked of the database, which keeps an approximate (HNSW) index.

    The index knows plain cosines only. The episode boost can lift a moment the index did
    not return, but only in an episode whose boost exceeds the gap between the best
    scores and the weakest cosine returned; those episodes are then scanned exactly.
    """

    def __init__(self, model: str) -> None:
        self.model = model

    def refresh(self, store: "Store") -> None:
        pass  # nothing is held here

    def similarities(self, store: "Store", query_vector: "np.ndarray", moment_ids: list[int]) -> dict[int, float]:
        return store.moment_similarities(self.model, query_vector.astype("float32"), moment_ids)

    def ranking(
        self, store: "Store", query_vector: "np.ndarray", filters: SearchFilters, limit: int
    ) -> list[tuple[int, float]]:
        from podsift.store.postgres import HNSW_EF_SEARCH

        query_vector = query_vector.astype("float32")
        profiles = store.profile_similarities(self.model, query_vector)
        boosts = {episode: EPISODE_WEIGHT * cosine for episode, cosine in profiles.items()}
        if filters.active or limit > HNSW_EF_SEARCH:
            return store.boosted_moments(self.model, query_vector, boosts, filters, limit)
        # Take all the index finds (ef_search rows cost no more to find than ``limit``): the
        # weakest cosine drops, and with it the episodes to scan. Asked for 100, the dev corpus
        # scanned 150 of its 167 episodes per query; asked for 400, one (benchmarks/server_memory.py).
        near = store.nearest_moments(self.model, query_vector, max(limit, HNSW_EF_SEARCH))
        if not near:
            return []
        scores = {i: cosine + boosts.get(episode, 0.0) for i, episode, cosine in near}
        weakest = min(cosine for _, _, cosine in near)
        kth = sorted(scores.values(), reverse=True)[min(limit, len(scores)) - 1]
        reach = [episode for episode, boost in boosts.items() if weakest + boost > kth]
        if reach:
            more = store.boosted_moments(
                self.model, query_vector, boosts, filters, limit, episodes=reach
            )
            scores.update(more)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        return ranked[:limit]

"""Nearest moments by embedding: one matrix product over all vectors, held in memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podsift.search.filters import SearchFilters

if TYPE_CHECKING:
    import numpy as np

    from podsift.store import SQLiteStore as Store


# How much an episode's relevance (its title and description) adds to each of its moments.
EPISODE_WEIGHT = 0.5


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

    def similarities(self, query_vector: "np.ndarray", moment_ids: list[int]) -> dict[int, float]:
        """Plain cosine of the query to each given moment (no episode boost)."""
        import numpy as np

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

"""Where episodes live. SQLite by default; the location decides the backend."""

from __future__ import annotations

from pathlib import Path

from podsift.store.sqlite import EpisodeSummary, SQLiteStore, StoredSource

__all__ = ["EpisodeSummary", "SQLiteStore", "StoredSource", "open_store"]


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``location``."""
    path = Path(location)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(path)

"""Where episodes live. SQLite by default; a ``postgresql://`` URL selects PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from podsift.store.sqlite import EpisodeSummary, SQLiteStore, StoredSource

__all__ = ["EpisodeSummary", "SQLiteStore", "StoredSource", "is_url", "open_store"]


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def shown_location(location: str | Path) -> str:
    """The archive's location as messages and logs may show it: a URL's password masked."""
    text = str(location)
    if not is_url(text):
        return text
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(text)
    if not parts.password:
        return text
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``location``."""
    if is_url(location):
        from podsift.store.postgres import PostgresStore

        return PostgresStore(str(location))
    path = Path(location)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(path)

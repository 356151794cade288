"""Where episodes live. SQLite by default; a ``postgresql://`` URL selects PostgreSQL.

Everything outside this package works with the ``Store`` interface (store/base.py) and
asks a store's capabilities, never its location, what it can do.
"""

from __future__ import annotations

import re
from pathlib import Path

from podsift.store.base import (
    ArchiveUnavailable,
    CoMentionRow,
    EntityRow,
    EpisodeEntityRow,
    EpisodeIdTaken,
    EpisodeMoment,
    EpisodeSummary,
    FeedItemRow,
    FeedRow,
    GuestRow,
    MentionRow,
    MomentRow,
    ReadOnlyArchive,
    ShowEpisodeRow,
    ShowRow,
    SpeakerRow,
    SpokenMentionRow,
    Store,
    StoredSource,
    lost_schema,
)  # fmt: skip
from podsift.store.sqlite import SQLiteStore

__all__ = [
    "ArchiveUnavailable", "EpisodeIdTaken", "CoMentionRow", "EntityRow", "EpisodeEntityRow", "EpisodeMoment", "EpisodeSummary",
    "FeedItemRow", "FeedRow", "GuestRow", "MentionRow", "MomentRow", "ReadOnlyArchive", "SQLiteStore", "ShowEpisodeRow", "ShowRow", "SpeakerRow", "SpokenMentionRow", "Store",
    "StoredSource", "is_url", "lost_schema", "open_store", "shown_location", "store_class",
]  # fmt: skip


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


def store_class(location: str | Path) -> type[Store]:
    """The backend for ``location``, not yet connected: its capabilities can be read before opening.

    Raises ArchiveUnavailable when the backend's driver is not installed.
    """
    if not is_url(location):
        if scheme := re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", str(location)):
            # Read as a path, mysql://host/db made a folder "mysql:" holding a SQLite file.
            raise ArchiveUnavailable(
                f"{scheme.group(1)}://…: podsift opens SQLite files and postgresql:// URLs, not {scheme.group(1)}://"
            )
        return SQLiteStore
    try:
        from podsift.store.postgres import PostgresStore
    except ImportError as err:
        raise ArchiveUnavailable(f"PostgreSQL needs {err.name}: pip install 'psycopg[binary]' pgvector") from err
    return PostgresStore


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at ``location``.

    Raises ArchiveUnavailable, with a message for the user, when it cannot be opened.
    """
    return store_class(location).open(str(location))

"""Narrowing a search by episode, speaker, guest, season or date (each store turns them into its SQL)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFilters:
    episode: str | None = None
    speaker: str | None = None
    guest: str | None = None
    season: int | None = None
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())

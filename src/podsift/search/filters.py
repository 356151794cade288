"""Narrowing a search by episode, speaker, guest, season, date or entity mentioned (each store turns them into its SQL)."""

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
    entity: str | None = None  # moments that mention it (any spelling of its canonical name)

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())

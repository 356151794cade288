"""Narrowing a search by episode, speaker, guest, season or date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


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

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE fragment over moments ``m`` joined to episodes ``e``, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.episode is not None:
            clauses.append("m.episode_id = ?")
            params.append(self.episode)
        if self.speaker is not None:
            clauses.append(
                "EXISTS (SELECT 1 FROM json_each(m.speakers) WHERE lower(value) = lower(?))"
            )
            params.append(self.speaker.strip())
        if self.guest is not None:
            # Guests are stored as the source wrote them, often slugs ("lavanyagupta"):
            # compare letters and digits only, so "Lavanya Gupta" finds them.
            clauses.append(
                "EXISTS (SELECT 1 FROM json_each(e.guests) WHERE "
                "replace(replace(replace(lower(value), ' ', ''), '-', ''), '_', '') LIKE ?)"
            )
            params.append(f"%{_NOT_ALNUM.sub('', self.guest.lower())}%")
        if self.season is not None:
            clauses.append("e.season = ?")
            params.append(self.season)
        if self.date_from is not None:
            clauses.append("e.date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("e.date <= ?")
            params.append(self.date_to + "\uffff")  # a date-time on the last day still counts
        return (" AND ".join(clauses), params)

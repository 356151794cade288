"""Narrowing a search by episode, speaker, guest, season, date, entity mentioned or show (each store turns them into its SQL)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Seasons are stored as 32-bit integers (what both databases bind without overflow).
MAX_SEASON = 2**31 - 1


@dataclass(frozen=True)
class SearchFilters:
    episode: str | None = None
    speaker: str | None = None
    guest: str | None = None
    season: int | None = None
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    entity: str | None = None  # moments that mention it (any spelling of its canonical name)
    show: str | None = None  # the show's name (search takes it in any case)
    # Set by search, not by users: the (episode, label) pairs, as JSON, that the person
    # named by ``speaker`` speaks under ("Tomás" in the episodes of "Tomás Rivera").
    speaker_labels: str | None = None
    # Set by search: the ids of the episodes whose guests ``guest`` names, as a JSON list (names
    # are compared in Python, where every script's letters fold alike).
    guest_episodes: str | None = None

    def problem(self, flag: str = "") -> str | None:
        """Why these filters cannot be used (naming the field, after ``flag``: "--" on the CLI), or None."""
        for name, value in (("from", self.date_from), ("to", self.date_to)):
            if value is not None and not _ISO_DATE.fullmatch(value):
                return f"{flag}{name} wants a date like 2023-01-31, not {value[:40]!r}"
            if value is not None and not _real_date(value):
                return f"{flag}{name} {value!r} is no day of the calendar"
        if self.date_from is not None and self.date_to is not None and self.date_from > self.date_to:
            named = (f"{flag}from", f"{flag}to") if flag else ("'from'", "'to'")
            return f"{named[0]} ({self.date_from}) is later than {named[1]} ({self.date_to}): no date falls between them"
        if self.season is not None and not 0 <= self.season <= MAX_SEASON:
            return f"{flag}season must be a number from 0 to {MAX_SEASON}"
        return None

    def tidied(self) -> SearchFilters:
        """These filters with their names' spaces taken off, and a name left blank ("speaker=") unset."""
        def tidy(value: str | None) -> str | None:
            return value.strip() or None if value is not None else None

        return replace(self, episode=tidy(self.episode), speaker=tidy(self.speaker), guest=tidy(self.guest),
                       entity=tidy(self.entity), show=tidy(self.show))

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())


def stored_show(show: str, names: Iterable[str]) -> str | None:
    """The show among ``names`` that ``show`` asks for, in any case and spacing, or None."""
    wanted = " ".join(show.split()).casefold()
    return next((name for name in names if name.casefold() == wanted), None)


def _real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True

"""People: the episodes' guests and the speakers their transcripts name.

A guest comes from an episode's ``guests`` list, a speaker from its segments' labels;
labels that only say a role ("Host", "Speaker 1", "SPK_1") are no one in particular and
are left out. Names are compared by their letters and digits alone, accents and case
ignored, so "Tomás" and "tomas" are one person.

Podcast pages often give a guest as a slug ("lavanyagupta") while the transcript labels
that guest by first name ("Lavanya"). Within one episode such a label is taken as the
guest when its letters begin exactly one guest's and no other label's do; the person
keeps the name the source gives, and the label becomes one of their ``aliases``.
Nothing else is inferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from podsift.speakers import GENERIC
from podsift.words import person_key

if TYPE_CHECKING:
    from podsift.entities.catalog import EntityReport
    from podsift.store import GuestRow, SpeakerRow, Store

# A first-name label shorter than this is not matched to a guest ("Al", "Jo").
MIN_PREFIX = 3


def is_generic(label: str) -> bool:
    """Whether a speaker label says a role ("Host", "Guest 2", "SPK_1") rather than who."""
    return bool(GENERIC.match(label.strip()))


@dataclass
class Appearance:
    """One episode a person is in, and as what."""

    episode_id: str
    title: str | None
    date: str | None
    roles: list[str] = field(default_factory=list)  # "guest", "speaker"
    turns: int = 0  # segments they speak
    first_segment: int | None = None  # their first turn
    first_start: float | None = None

    @property
    def role(self) -> str:
        return "guest" if "guest" in self.roles else "speaker"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.episode_id, "title": self.title, "date": self.date, "role": self.role,
                "roles": list(self.roles), "turns": self.turns, "first_segment": self.first_segment,
                "first_time": self.first_start}  # fmt: skip


@dataclass
class Person:
    name: str
    key: str
    aliases: list[str] = field(default_factory=list)  # other labels the transcripts give them
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        return [r for r in ("guest", "speaker") if any(r in a.roles for a in self.appearances)]

    def summary_json(self) -> dict[str, Any]:
        return {"name": self.name, "episodes": len(self.appearances), "roles": self.roles, "aliases": self.aliases}


def people(store: "Store") -> list[Person]:
    """Everyone who is a guest in, or speaks by name in, some episode: most episodes first."""
    found: dict[str, Person] = {}
    spellings: dict[str, dict[str, int]] = {}  # key -> name as written -> how often

    def appear(key: str, name: str, episode: "GuestRow", role: str) -> Appearance:
        person = found.setdefault(key, Person(name, key))
        counts = spellings.setdefault(key, {})
        if person_key(name) == key:  # a first-name label is an alias, not a spelling
            counts[name] = counts.get(name, 0) + 1
        for appearance in person.appearances:
            if appearance.episode_id == episode.episode_id:
                break
        else:
            appearance = Appearance(episode.episode_id, episode.title, episode.date)
            person.appearances.append(appearance)
        if role not in appearance.roles:
            appearance.roles.append(role)
        return appearance

    speakers: dict[str, list["SpeakerRow"]] = {}
    for row in store.episode_speakers():
        speakers.setdefault(row.episode_id, []).append(row)
    aliases: dict[str, set[str]] = {}
    for episode in store.episode_guests():
        guests: dict[str, str] = {}
        for guest in _guest_names(episode.guests):
            if key := person_key(guest):
                guests.setdefault(key, guest)
                appear(key, guest, episode, "guest")
        labels = [r for r in speakers.get(episode.episode_id, []) if r.speaker.strip() and not is_generic(r.speaker)]
        owner = _label_owners([person_key(r.speaker) for r in labels], list(guests))
        for row, key in zip(labels, owner):
            if not key:
                continue
            name = row.speaker.strip()
            appearance = appear(key, name, episode, "speaker")
            if person_key(name) != key:
                aliases.setdefault(key, set()).add(name)
            appearance.turns += row.turns
            if appearance.first_segment is None or row.first_segment < appearance.first_segment:
                appearance.first_segment, appearance.first_start = row.first_segment, row.first_start
    for key, person in found.items():
        person.name = _best_spelling(spellings[key] or {person.name: 1})
        person.aliases = sorted(aliases.get(key, set()) - {person.name}, key=str.casefold)
        person.appearances.sort(key=lambda a: a.episode_id)
        person.appearances.sort(key=lambda a: a.date or "", reverse=True)  # newest first, undated last
    return sorted(found.values(), key=lambda p: (-len(p.appearances), p.name.casefold(), p.key))


def find_person(store: "Store", name: str) -> Person | None:
    """The person this name (any spelling, or a label they speak under) belongs to."""
    key = person_key(name)
    if not key:
        return None
    everyone = people(store)
    for person in everyone:
        if person.key == key:
            return person
    by_alias = [p for p in everyone if any(person_key(a) == key for a in p.aliases)]
    return by_alias[0] if len(by_alias) == 1 else None


def _guest_names(guests: Sequence[str]) -> list[str]:
    """The guests as names: blank ones skipped."""
    return [g.strip() for g in guests if g.strip()]


def _label_owners(labels: list[str], guests: list[str]) -> list[str]:
    """Each speaker label's person key: a guest's when it is the guest's, else its own."""
    owners = list(labels)
    for guest in guests:
        if guest in labels:
            continue  # the guest speaks under their own name
        starts = [i for i, label in enumerate(labels) if len(label) >= MIN_PREFIX and guest.startswith(label)]
        if len(starts) == 1 and sum(guest_.startswith(labels[starts[0]]) for guest_ in guests) == 1:
            owners[starts[0]] = guest
    return owners


def _best_spelling(counts: dict[str, int]) -> str:
    """The spelling to show: one written like a name ("Lavanya Gupta", not "lavanyagupta"), then the commonest."""
    return max(counts, key=lambda n: (n != n.lower() or " " in n, counts[n], -len(n), n))


def person_report(store: "Store", name: str) -> "tuple[Person, list[EntityReport]] | None":
    """The person, and what the archive says of them as an entity (by name, or by a label
    in their episodes); None when no guest or named speaker goes by ``name``."""
    from podsift.entities.catalog import entity_report
    from podsift.entities.gazetteer import name_key

    person = find_person(store, name)
    if person is None:
        return None
    reports: list[EntityReport] = []
    for i, spelling in enumerate([person.name, *person.aliases]):
        key = name_key(spelling)
        if not key or any(name_key(r.name) == key for r in reports) or store.entity(key) is None:
            continue
        report = entity_report(store, spelling)
        if i:  # a first name ("Lavanya") is theirs only in the episodes they are in
            theirs = {a.episode_id for a in person.appearances}
            report.moments = [m for m in report.moments if m.episode_id in theirs]
        if report.moments:
            reports.append(report)
    return person, reports

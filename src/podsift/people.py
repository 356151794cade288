"""People: the episodes' guests and the speakers their transcripts name, joined into one person each.

A guest comes from an episode's ``guests`` list, a speaker from its segments' labels;
labels that only say a role ("Host", "Speaker 1", "SPK_1") or no one ("Unknown Speaker",
"Audience Member") are no one in particular and are left out. Names are compared by their letters and digits alone, accents and case
ignored, so "Tomás" and "tomas" are one person, and so are the slug "alexeygrigorev" and
the name "Alexey Grigorev".

Podcast pages often give a guest as a slug ("lavanyagupta") while the transcript labels
that guest by first name ("Lavanya"). Within one episode such a label is taken as the
guest when its letters begin exactly one guest's and no other label's do. A show's host
is rarely anyone's guest, so a first-name label is also taken across a show: when it
speaks in at least half of the show's episodes and, in some of them, is the first name of
exactly one guest. Every join keeps its reason in the person's ``evidence``.

The name shown is a full name some source writes: as a guest or speaker ("Lavanya Gupta"),
or in the episode's own text, found at ingest (written_guest_names: "Marcello La Rocca" in
the page's intro). Else a slug split at its dashes ("tomas-rivera"); else the first-name
label ("Tomás" for "tomasrivera", whose letters alone do not say where the surname starts).
A slug is shown only when nothing says more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from podsift.speakers import ANONYMOUS, GENERIC
from podsift.words import person_key, slug_words

if TYPE_CHECKING:
    from podsift.entities.catalog import EntityReport
    from podsift.model import Episode
    from podsift.store import GuestRow, SpeakerRow, Store

# A first-name label shorter than this is not matched to a guest ("Al", "Jo").
MIN_PREFIX = 3
# A label is a show's host when it speaks in at least this share of the show's episodes (and in 2).
HOST_SHARE = 0.5


def is_generic(label: str) -> bool:
    """Whether a speaker label says a role ("Host", "Guest 2", "SPK_1") or no one ("Unknown
    Speaker", "Audience Member") rather than who."""
    return bool(GENERIC.match(label.strip()) or ANONYMOUS.match(label.strip()))


# Where an episode keeps the full names its own text writes for its slug guests (see written_guest_names).
GUEST_NAMES = "guest_names"
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_NAME_WORDS = 5


def written_guest_names(episode: "Episode") -> dict[str, str]:
    """The full name the episode's own words write for each guest it gives as a slug.

    "Marcello La Rocca" in a page's intro is the guest "marcellolarocca": the same letters,
    from a capitalised word to a capitalised word. Strings without a space (ids, links) are
    not read, so "Tomas-Rivera-demo01" in a link's id names no one.
    """
    wanted = {person_key(g): g for g in episode.guests if is_slug(g.strip()) and person_key(g)}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    texts = [episode.title or "", *episode.guests, *(c.title for c in episode.chapters), *_strings(episode.extra),
             *(s.text for s in episode.segments)]  # fmt: skip
    for text in texts:
        if " " not in text or "://" in text and len(text.split()) < 3:
            continue
        words = _NAME_WORD.findall(text)
        for i, word in enumerate(words):
            if not word[0].isupper():
                continue
            letters = person_key(word)
            for key, slug in wanted.items():
                if slug in found or not key.startswith(letters):
                    continue
                run, j = letters, i
                while len(run) < len(key) and j + 1 < min(len(words), i + _MAX_NAME_WORDS):
                    j += 1
                    run += person_key(words[j])
                if run == key and j > i and words[j][0].isupper():
                    found[slug] = " ".join(words[i : j + 1])
        if len(found) == len(wanted):
            break
    return found


def _strings(value: Any, depth: int = 0) -> list[str]:
    """Every string in a JSON-like value (the episode's ``extra``), a few levels down."""
    if isinstance(value, str):
        return [value]
    if depth > 4:
        return []
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != GUEST_NAMES for s in _strings(v, depth + 1)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, depth + 1)]
    return []


def is_slug(name: str) -> bool:
    """Whether a name is written as an id ("tomasrivera", "tomas-rivera") rather than as a name."""
    return bool(name) and name == name.lower() and " " not in name


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
    name: str  # as shown
    key: str  # the id in links: the letters of their fullest name or slug
    aliases: list[str] = field(default_factory=list)  # other labels the transcripts give them
    appearances: list[Appearance] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)  # guest ids the sources give ("tomasrivera")
    evidence: list[str] = field(default_factory=list)  # why these names are one person, and whence the name

    @property
    def roles(self) -> list[str]:
        return [r for r in ("guest", "speaker") if any(r in a.roles for a in self.appearances)]

    def summary_json(self) -> dict[str, Any]:
        return {"name": self.name, "key": self.key, "episodes": len(self.appearances), "roles": self.roles,
                "aliases": self.aliases, "slugs": self.slugs, "evidence": self.evidence}  # fmt: skip


def people(store: "Store") -> list[Person]:
    """Everyone who is a guest in, or speaks by name in, some episode: most episodes first."""
    # Working everyone out takes tens of milliseconds on a large archive; pages ask on every request.
    return list(store.kept("people", lambda: _everyone(store)))


def _everyone(store: "Store") -> list[Person]:
    found: dict[str, Person] = {}
    spellings: dict[str, dict[str, int]] = {}  # key -> name as written -> how often
    labels_of: dict[str, dict[str, int]] = {}  # key -> first-name label -> how often

    def appear(key: str, name: str, episode: "GuestRow", role: str) -> Appearance:
        person = found.setdefault(key, Person(name, key))
        if person_key(name) == key:  # a first-name label is an alias, not a spelling
            counts = spellings.setdefault(key, {})
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

    def note(key: str, why: str) -> None:
        if why not in (evidence := found[key].evidence):
            evidence.append(why)

    speakers: dict[str, list["SpeakerRow"]] = {}
    for row in store.episode_speakers():
        # "Jason Staten & Megan Duclos" laughing at once: both are people, each in their own right.
        for name in row.speaker.split(" & "):
            speakers.setdefault(row.episode_id, []).append(replace(row, speaker=name.strip()))
    episodes = store.episode_guests()
    owned = _owners(episodes, speakers)
    for episode in episodes:
        for guest in _guest_names(episode.guests):
            if key := person_key(guest):
                appear(key, guest, episode, "guest")
                if is_slug(guest) and guest not in found[key].slugs:
                    found[key].slugs.append(guest)
                if (full_name := episode.written.get(guest)) and person_key(full_name) == key:
                    counts = spellings.setdefault(key, {})
                    counts[full_name] = counts.get(full_name, 0) + 1
                    note(key, f'episode {episode.episode_id} writes the guest "{guest}" as "{full_name}"')
        for row in speakers.get(episode.episode_id, []):
            if (owner := owned.get((episode.episode_id, row.speaker))) is None:
                continue
            key, why = owner
            name = row.speaker.strip()
            appearance = appear(key, name, episode, "speaker")
            if why:
                note(key, why)
                counts = labels_of.setdefault(key, {})
                counts[name] = counts.get(name, 0) + 1
            appearance.turns += row.turns
            if appearance.first_segment is None or row.first_segment < appearance.first_segment:
                appearance.first_segment, appearance.first_start = row.first_segment, row.first_start
    for key, person in found.items():
        written = spellings.get(key) or {person.name: 1}
        person.name, why = _shown_name(written, person.slugs, labels_of.get(key, {}))
        for slug in person.slugs:
            if (full := [n for n in written if not is_slug(n)]) and slug not in full:
                note(key, f'the slug "{slug}" is the name "{_best_spelling({n: written[n] for n in full})}" '
                          "written as one word")  # fmt: skip
        if why:
            note(key, why)
        person.aliases = sorted(set(labels_of.get(key, {})) - {person.name}, key=str.casefold)
        person.appearances.sort(key=lambda a: a.episode_id)
        person.appearances.sort(key=lambda a: a.date or "", reverse=True)  # newest first, undated last
    return sorted(found.values(), key=lambda p: (-len(p.appearances), p.name.casefold(), p.key))


def _owners(episodes: list["GuestRow"], speakers: dict[str, list["SpeakerRow"]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each named speaker label's person, by (episode id, label): their key, and why it is not the label's own."""
    owned: dict[tuple[str, str], tuple[str, str]] = {}
    show_of = {e.episode_id: e.show for e in episodes}
    # Within an episode: a first-name label is the one guest whose name it begins.
    tied: dict[tuple[str | None, str], dict[str, str]] = {}  # (show, label key) -> guest key -> where
    for episode in episodes:
        guests: dict[str, str] = {}
        for guest in _guest_names(episode.guests):
            if key := person_key(guest):
                guests.setdefault(key, guest)
        labels = [r for r in speakers.get(episode.episode_id, []) if r.speaker.strip() and not is_generic(r.speaker)]
        keys = [person_key(r.speaker) for r in labels]
        for row, label_key, key in zip(labels, keys, _label_owners(keys, list(guests))):
            if not key:
                continue
            why = ""
            if key != label_key:
                why = (f'"{row.speaker.strip()}" in episode {episode.episode_id} is its guest "{guests[key]}": '
                       "the only guest whose name begins so")  # fmt: skip
                tied.setdefault((episode.show, label_key), {}).setdefault(key, episode.episode_id)
            owned[(episode.episode_id, row.speaker)] = (key, why)
    # Across a show: its host's first-name label is the one guest it was tied to anywhere in the show.
    shows: dict[str | None, int] = {}
    for episode in episodes:
        shows[episode.show] = shows.get(episode.show, 0) + 1
    speaks_in: dict[tuple[str | None, str], set[str]] = {}
    for episode_id, label in owned:
        speaks_in.setdefault((show_of[episode_id], person_key(label)), set()).add(episode_id)
    for (episode_id, label), (key, why) in owned.items():
        show = show_of[episode_id]
        guests_tied = tied.get((show, key), {})
        if why or len(guests_tied) != 1:
            continue
        seen, total = len(speaks_in[(show, key)]), shows[show]
        if seen < max(2, HOST_SHARE * total):
            continue
        ((guest, where),) = guests_tied.items()
        owned[(episode_id, label)] = (guest, f'"{label.strip()}" speaks in {seen} of the {total} episodes of '
                                             f"{show or 'episodes with no show'}, as its host, and is the guest "
                                             f'"{guest}" in episode {where}')  # fmt: skip
    return owned


def _shown_name(written: dict[str, int], slugs: list[str], labels: dict[str, int]) -> tuple[str, str]:
    """The name to show, and where it comes from when no source writes it so."""
    full = {n: c for n, c in written.items() if not is_slug(n)}
    if any(" " in n for n in full):
        return _best_spelling(full), ""
    for slug in slugs:
        if (parts := slug_words(slug)) is None:
            continue
        firsts = {person_key(label.split()[0]): label.split()[0] for label in labels}
        name = " ".join([firsts.get(parts[0], parts[0].capitalize()), *(p.capitalize() for p in parts[1:])])
        return name, f'the name "{name}" is the slug "{slug}" split at its dashes'
    if full:
        return _best_spelling(full), ""
    if labels:
        label = max(labels, key=lambda n: (labels[n], n))
        return label, f'the name "{label}" is the one the transcripts give: no full name is written, and the slug does not split reliably'
    return _best_spelling(written), ""


def find_person(store: "Store", name: str) -> Person | None:
    """The person this name (any spelling, or a label they speak under) belongs to."""
    key = person_key(name)
    return by_name_key(people(store)).get(key) if key else None


def by_name_key(everyone: list[Person]) -> dict[str, Person]:
    """Each name key to its person: their own key, else a spelling or label only one person has
    (the name shown may be a first-name label, "Tomás" for "tomasrivera")."""
    sharing: dict[str, list[Person]] = {}
    for person in everyone:
        for key in {person_key(n) for n in (person.name, *person.aliases)}:
            sharing.setdefault(key, []).append(person)
    index = {key: found[0] for key, found in sharing.items() if len(found) == 1}
    return index | {person.key: person for person in everyone}


def shown_guests(store: "Store", guests: Sequence[str]) -> list[str]:
    """An episode's guests as people read them: each one's name, not the slug a page gives."""
    names = {p.key: p.name for p in people(store)} if any(is_slug(g) for g in guests) else {}
    return [names.get(person_key(g), g) for g in _guest_names(guests)]


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

"""What the archive says about entities: listings, one entity's mentions, and re-extraction."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from rapidfuzz import fuzz, process

from podsift.entities.gazetteer import FINGERPRINT_SETTING, TYPES, name_key

if TYPE_CHECKING:
    from podsift.entities.extract import MentionFinder
    from podsift.store import Store
    from podsift.store.base import EntityRow


class UnknownEntity(LookupError):
    """No mention of that name; the message suggests near names."""


@dataclass
class EntityMention:
    episode_id: str
    episode_title: str | None
    start: float | None
    time_estimated: bool
    speaker: str | None
    surface: str
    how: str
    text: str
    url: str | None
    segment: int | None = None  # the ordinal of its line: the episode page's #sN


@dataclass
class EntityReport:
    name: str
    type: str
    mentions: int
    episodes: int
    moments: list[EntityMention] = field(default_factory=list)
    co_mentioned: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def entity_rows(store: "Store", kind: str | None = None) -> list["EntityRow"]:
    """Every confirmed entity (of type ``kind``), most mentioned first."""
    if kind is not None and kind not in TYPES:
        raise ValueError(f"unknown type {kind!r}; choose one of {', '.join(TYPES)}")
    # Ordering by mentions counts every mention (about the whole list's time even for a page of 20);
    # the server's lists and pages ask on every request, so it is counted once per change to the archive.
    return store.kept(("entities", kind), lambda: store.entity_counts(kind))


def entity_json(row: "EntityRow") -> dict[str, Any]:
    return {"name": row.entity, "type": row.type, "mentions": row.mentions, "episodes": row.episodes}


def list_entities(store: "Store", kind: str | None = None) -> list[dict[str, Any]]:
    return [entity_json(row) for row in entity_rows(store, kind)]


def find_entity(store: "Store", name: str) -> "EntityRow | None":
    """The entity ``name`` names: by its own name, or by a spelling the transcripts use of it
    ("Kafka" for Apache Kafka); the most mentioned where a spelling names several."""
    key = name_key(name)
    if not key:
        return None
    if (row := store.entity(key)) is not None:
        return row
    spelt = [(mentions, entity_key) for surface, entity_key, mentions in store.mention_surfaces() if name_key(surface) == key]
    return store.entity(max(spelt)[1]) if spelt else None


def near_names(store: "Store", name: str) -> str:
    """"; did you mean 'A', 'B'?" for the entities spelt near ``name``, or ""."""
    near = process.extract(name, [e["name"] for e in list_entities(store)], scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    return f"; did you mean {', '.join(repr(n) for n, _, _ in near)}?" if near else ""


def entity_report(store: "Store", name: str) -> EntityReport:
    """Every moment that mentions ``name`` (any spelling), who said it, and what else those episodes name."""
    from podsift.search.engine import moment_url

    row = find_entity(store, name)
    key = name_key(row.entity) if row else ""
    if row is None:
        raise UnknownEntity(f"no mention of {name!r} in the archive{near_names(store, name)}")
    moments = [
        EntityMention(
            r.episode_id, r.episode_title, r.start, r.time_estimated, r.speaker, r.surface, r.how, r.text,
            moment_url(r.youtube_id, r.media_url, r.start), r.segment,
        )  # fmt: skip
        for r in store.entity_mentions(key)
    ]
    co = [{"name": r.entity, "type": r.type, "episodes": r.episodes} for r in store.co_mentioned(key)]
    return EntityReport(row.entity, row.type, row.mentions, row.episodes, moments, co)


def extract_again(
    store: "Store", finder: "MentionFinder", on_episode: Callable[[str], None] | None = None
) -> int:
    """Find every episode's mentions anew (after the gazetteer or the user's aliases changed)."""
    ids = sorted(store.episode_ids())
    for episode_id in ids:
        episode = store.get_episode(episode_id)
        if episode is not None:
            store.replace_mentions(episode_id, finder.find(episode))
        if on_episode:
            on_episode(episode_id)
    store.set_setting(FINGERPRINT_SETTING, finder.gazetteer.fingerprint)
    return len(ids)

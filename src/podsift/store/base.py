"""The store interface: what the rest of podsift reads from and writes to an archive.

Ingest, search, ask, entities, people, tune, the command line and the web reach the
database only through ``Store``. Two backends implement it, each in its own SQL:
``SQLiteStore`` (one file, the default) and ``PostgresStore`` (a shared server).
What crosses out of the store is plain Python: the model's ``Episode`` and
``Segment``, and the frozen rows below, read by attribute.

A backend's capabilities are class attributes, so they can be read before an archive is
opened (``store_class(location).local_file``). Code outside the store asks them instead
of looking at the location.

Python that does not depend on the dialect (what a row holds, how an episode becomes
rows, which search filters apply) lives here once; the SQL lives with its dialect, but
for the reads both dialects write alike (store/shared_sql.py).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from podsift.model import Chapter, Episode, Segment
from podsift.moments import Moment, episode_profile, text_hash
from podsift.words import fold

T = TypeVar("T")

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery


class EpisodeIdTaken(Exception):
    """A new episode's id was taken by another writer after it was chosen; nothing was written."""


class ArchiveUnavailable(Exception):
    """The archive cannot be opened; the message says where and why, for the user."""


class ReadOnlyArchive(ArchiveUnavailable):
    """The archive can be read where it lies but not written (a read-only folder or medium)."""


# The columns of podsift's record of migrations, the same since its first version.
MIGRATION_COLUMNS = frozenset({"version", "name", "applied_at"})


def another_programs(location: str, engine: str, tables: Sequence[str], migration_columns: Sequence[str]) -> str | None:
    """Why the database at ``location`` is no podsift archive, when some other program made it: it
    has ``tables`` but not podsift's record of migrations, which every podsift archive gets before
    any other table (``migration_columns``: those of its ``_migrations`` table, as other tools name
    theirs too). None for a podsift archive of any version and for an empty database."""
    if not tables or ("_migrations" in tables and MIGRATION_COLUMNS <= set(migration_columns)):
        return None
    shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    return f"{location} is a {engine} database of another program (tables: {shown})"


def lost_schema(err: BaseException) -> str | None:
    """What to tell the user when ``err`` says the archive lacks one of its tables or columns (a
    bad copy, a hand edit, an old file), or has a column, constraint or trigger added by hand that
    podsift's writes break, in SQLite's or PostgreSQL's words; None for any other failure."""
    import sqlite3

    if refused := refused_write(err):
        said: str | None = refused.sentence
    elif isinstance(err, sqlite3.OperationalError):
        said = _lost_in_sqlite(str(err))
    else:
        said = _lost_in_postgres(getattr(err, "sqlstate", None), str(err))
    return f"{said}; run `podsift doctor` for what to do" if said else None


# What a column added by hand asks that podsift's writes, which leave it empty, cannot give.
MAY_NOT_BE_EMPTY = "which may not be empty"
MUST_BE_UNIQUE = "which must differ from row to row"


@dataclass(frozen=True, slots=True)
class Refused:
    """A write refused by what was added to the archive by hand: the ``sentence`` the user reads,
    and the table and column (or constraint, or trigger) it names, for doctor's fix."""

    sentence: str
    table: str = ""
    column: str = ""
    constraint: str = ""


def refused_write(err: BaseException) -> Refused | None:
    """What added by hand (a column, a constraint, a trigger) refused the write that raised
    ``err``, in SQLite's or PostgreSQL's words; None for any other failure."""
    import sqlite3

    if isinstance(err, sqlite3.IntegrityError):
        return _added_in_sqlite(str(err))
    return _added_in_postgres(err)


def _added_in_sqlite(message: str) -> Refused | None:
    if found := re.match(r"NOT NULL constraint failed: (\w+)\.(\w+)$", message):
        return _added_column(found.group(1), found.group(2), MAY_NOT_BE_EMPTY)
    if found := re.match(r"UNIQUE constraint failed: (.+)$", message):  # 'segments.a, segments.b'
        named = [pair.strip().partition(".") for pair in found.group(1).split(",")]
        return next((said for table, _, column in named if (said := _added_column(table, column, MUST_BE_UNIQUE))), None)
    if found := re.match(r"CHECK constraint failed: (.+)$", message):  # podsift's tables have no CHECK
        return Refused(f"the archive has a CHECK constraint podsift does not write ({found.group(1)}), which its rows break",
                       constraint=found.group(1))  # fmt: skip
    if "constraint failed" not in message:  # a trigger's RAISE(ABORT, 'its words'): podsift makes none that raise
        return Refused(f"a trigger added to the archive refused the write ({message})")
    return None


def _added_in_postgres(err: BaseException) -> Refused | None:
    sqlstate, diag = getattr(err, "sqlstate", None), getattr(err, "diag", None)
    if diag is not None and sqlstate == "P0001":  # raise_exception: a trigger's, podsift makes none that raise
        return Refused(f"a trigger added to the archive refused the write ({diag.message_primary})")
    if diag is None or sqlstate not in ("23502", "23505", "23514"):
        return None
    table = diag.table_name or "(unnamed)"
    if sqlstate == "23502":  # not_null_violation
        return _added_column(table, diag.column_name or "", MAY_NOT_BE_EMPTY)
    if sqlstate == "23514":  # check_violation: podsift's tables have no CHECK
        return Refused(f"the archive's table {table} has a CHECK constraint {diag.constraint_name} podsift does not "
                       "write, which its rows break", table, constraint=diag.constraint_name or "")  # fmt: skip
    key = re.match(r"Key \(([^)]*)\)=", diag.message_detail or "")  # unique_violation: 'Key (k)=(x) already exists.'
    columns = [name.strip().strip('"') for name in key.group(1).split(",")] if key else []
    added = next((said for column in columns if (said := _added_column(table, column, MUST_BE_UNIQUE))), None)
    return Refused(added.sentence, table, added.column, diag.constraint_name or "") if added else None


def _added_column(table: str, column: str, asks: str) -> Refused | None:
    """A write failed as ``column`` of ``table`` ``asks`` what podsift's writes, which leave it
    empty, do not give: said when the column is not podsift's (added by hand); None when it is, a fault of podsift's."""
    from podsift.store.sqlite import podsift_columns

    if column in podsift_columns().get(table, [column]):
        return None
    return Refused(f"the archive's table {table} has a column {column} podsift does not write, {asks}", table, column)


def _lost_in_sqlite(message: str) -> str | None:
    if found := re.match(r"no such table: (\S+)", message):
        return f"the archive has lost its table {found.group(1)}"
    if found := re.match(r"table (\S+) has no column named (\S+)", message):  # a write names the table
        return f"the archive's table {found.group(1)} has lost its column {found.group(2)}"
    if found := re.match(r"no such column: (\S+)", message):  # a read names the column alone, or an alias's
        return f"the archive has lost its column {found.group(1).rpartition('.')[2]}"
    return None


def _lost_in_postgres(sqlstate: str | None, message: str) -> str | None:
    if sqlstate == "42P01":  # undefined_table
        named = re.search(r'relation "([^"]+)" does not exist', message)
        return f"the archive has lost its table {named.group(1) if named else '(unnamed)'}"
    if sqlstate == "42703":  # undefined_column: 'column "x" of relation "t"', 'column t.x', 'column "x"'
        named = re.search(r'column "?(?:[^".\s]+\.)?([^"\s]+)"?(?: of relation "([^"]+)")? does not exist', message)
        column = named.group(1) if named else "(unnamed)"
        if named and named.group(2):
            return f"the archive's table {named.group(2)} has lost its column {column}"
        return f"the archive has lost its column {column}"
    return None


# -- rows: what reads return, one frozen dataclass per shape --------------------------


@dataclass(frozen=True, slots=True)
class EpisodeSummary:
    """One line of the episode listing."""

    id: str
    title: str | None
    source_format: str | None
    segments: int
    chapters: int
    duration: float | None
    show: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class StoredSource:
    """What the store knows of an already-ingested file, to skip unchanged ones."""

    episode_id: str
    source_path: str | None
    content_hash: str | None


@dataclass(frozen=True, slots=True)
class EpisodeMoment:
    """One of an episode's moments, as summaries and tuning read them."""

    id: int
    first_segment: int
    last_segment: int
    start: float | None
    chapter: str | None
    text: str


@dataclass(frozen=True, slots=True)
class MomentRow:
    """What a search hit shows of a moment, with its episode's title and links."""

    id: int
    episode_id: str
    episode_title: str | None
    start: float | None
    end: float | None
    speakers: tuple[str, ...]  # in order of speaking
    chapter: str | None
    text: str
    youtube_id: str | None
    media_url: str | None
    time_estimated: bool  # the source had no times
    first_segment: int  # the ordinal of the line it begins in


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity with how often it is named: ``entity`` is its canonical name."""

    entity: str
    type: str
    mentions: int
    episodes: int


@dataclass(frozen=True, slots=True)
class CoMentionRow:
    """An entity named in some of the same episodes as another, and in how many."""

    entity: str
    type: str
    episodes: int


@dataclass(frozen=True, slots=True)
class EpisodeEntityRow:
    """An entity one episode names: how often, and the segment it is first named in."""

    entity: str
    type: str
    mentions: int
    first_segment: int


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention of an entity, with its segment's time, speaker and words and its episode's links."""

    entity: str
    type: str
    surface: str  # as the transcript has it
    how: str  # known | sounds_like | ner
    episode_id: str
    episode_title: str | None
    youtube_id: str | None
    media_url: str | None
    time_estimated: bool
    segment: int
    start: float | None
    speaker: str | None
    text: str


@dataclass(frozen=True, slots=True)
class SpokenMentionRow:
    """A mention of a confirmed entity and who spoke it, for the co-mention graph."""

    episode_id: str
    entity: str
    type: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class GuestRow:
    """An episode and the guests its source names (as written there, often slugs)."""

    episode_id: str
    title: str | None
    date: str | None
    guests: tuple[str, ...]
    show: str | None = None  # people tells a show's host by the show's episodes
    written: dict[str, str] = field(default_factory=dict)  # slug -> full name the episode's text writes


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One speaker label of one episode: how many turns, and the first."""

    episode_id: str
    speaker: str
    turns: int
    first_segment: int
    first_start: float | None


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A followed feed, with its HTTP validators and how its last sync went."""

    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    synced_at: str | None
    status: str | None
    image: str | None = None  # the show's artwork (itunes:image or image), an http(s) URL


@dataclass(frozen=True, slots=True)
class ShowRow:
    """A show: its episodes' ``show`` name, how many and the latest date, and its feed's artwork if followed."""

    name: str
    episodes: int
    latest: str | None
    image: str | None
    feed_url: str | None


@dataclass(frozen=True, slots=True)
class ShowEpisodeRow:
    """One episode of a show, as its list shows it."""

    id: str
    title: str | None
    date: str | None
    duration: float | None
    image: str | None  # the item's artwork (else the show's), an http(s) URL


@dataclass(frozen=True, slots=True)
class FeedItemRow:
    """Which episode one feed item became, and the transcript it was made from."""

    feed_url: str
    guid: str
    episode_id: str | None
    transcript_url: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    details_hash: str | None = None  # a fingerprint of the item's details in the feed
    title: str | None = None
    gone_at: str | None = None  # when the item left the feed (its episode stays); None while in it
    transcript_type: str | None = None  # as the feed declared it; an audio type for a transcribed enclosure


def local_dir_for(location: str, variable: str, kind: str) -> Path:
    """A folder on this machine for what a server archive keeps locally (tuned models, the
    lexical index): under ``$variable``, else ~/.local/share/podsift/``kind``, one per database."""
    import hashlib
    import os

    home = Path(os.environ.get(variable) or Path.home() / ".local" / "share" / "podsift" / kind)
    return home / hashlib.sha1(location.encode()).hexdigest()[:12]


# -- the interface ------------------------------------------------------------------


class Store(ABC):
    """An archive of episodes, their moments, mentions and vectors."""

    # -- capabilities ----------------------------------------------------------------

    vectors_in_database: ClassVar[bool]
    """Vector search runs in the database (``nearest_moments`` and the other in-database
    vector methods). Else they raise NotImplementedError, and search ranks the vectors
    it loads (``moment_vectors``, ``profile_vectors``) itself."""

    local_file: ClassVar[bool]
    """The archive is one file on this machine, at its location: it exists before it is
    opened or not at all, ``backup`` copies it consistently (even while it is written),
    ``podsift restore`` swaps a copy in and ``podsift doctor`` reads it. Else it lives
    on a database server, whose own tools do those things, and ``backup`` raises."""

    concurrent_sessions: ClassVar[bool]
    """Several connections to the archive can serve requests side by side, so a server
    may keep a few. Else one connection serves them in turn."""

    CAPABILITIES: ClassVar[tuple[str, ...]] = ("vectors_in_database", "local_file", "concurrent_sessions")

    read_only: bool = False
    """This archive, as opened, can be read but not written (a SQLite file in a read-only
    folder): a write raises ReadOnlyArchive."""

    # -- opening and the schema ------------------------------------------------------

    @classmethod
    @abstractmethod
    def open(cls, location: str) -> Self:
        """Open (creating and migrating if need be) the archive at ``location``.

        Raises ArchiveUnavailable, with a message for the user, when it cannot."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the archive is, as ``open`` takes it (worker processes reopen it from this)."""

    @abstractmethod
    def migrate(self) -> list[str]:
        """Apply the bundled migrations the archive lacks; returns their names."""

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The latest migration applied."""

    @property
    @abstractmethod
    def version(self) -> tuple[int, int]:
        """Changes whenever the archive's content may have: caches compare it before reuse."""

    _kept_version: tuple[int, int] | None = None
    _kept: dict[Hashable, Any]

    def kept(self, key: Hashable, work: Callable[[], T]) -> T:
        """What ``work()`` gives, worked out again only once the archive has changed: a server's
        pages read the same derived views (everyone, an episode's key points) request after request."""
        version = self.version
        if self._kept_version != version:
            self._kept_version, self._kept = version, {}
        if key not in self._kept:
            self._kept[key] = work()
        return self._kept[key]

    @abstractmethod
    def close(self) -> None: ...

    def reachable(self) -> bool:
        """Whether the connection still answers (a database server may have restarted under a
        long-lived process); a local file always does."""
        return True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------

    @abstractmethod
    def save_episode(
        self, episode: Episode, moments: Sequence[Moment], mentions: Sequence[Mention] = (), *, new: bool = False
    ) -> None:
        """Insert or replace an episode and everything under it, atomically: its chapters,
        segments and repairs, and the ``moments`` and ``mentions`` the caller found in it.

        ``new``: the episode must not exist yet. If another writer took its id (or stored
        its source file) meanwhile, raise ``EpisodeIdTaken`` and write nothing, instead of
        replacing that episode.
        """

    @abstractmethod
    def replace_moments(self, episode_id: str, moments: Sequence[Moment]) -> None:
        """An episode's moments cut anew (by another version of the cutter), atomically."""

    @abstractmethod
    def delete_episode(self, episode_id: str) -> bool:
        """Remove an episode and all that is stored of it (chapters, segments, repairs, moments,
        mentions), and forget the feed item it came from, so a sync adds it again as new; False if
        there is no such episode. Vectors stay, keyed by text: re-ingesting embeds nothing again."""

    @abstractmethod
    def replace_mentions(self, episode_id: str, mentions: Sequence[Mention]) -> None:
        """An episode's mentions found anew (after the gazetteer or the user's aliases changed)."""

    @abstractmethod
    def save_vectors(self, model: str, vectors: list[tuple[str, bytes]]) -> None:
        """(text hash, float32 vector bytes) pairs embedded by ``model``."""

    @abstractmethod
    def drop_vectors(self, model: str) -> int:
        """Forget every vector ``model`` made (its weights changed under the same name); how many."""

    @abstractmethod
    def setting(self, key: str) -> str | None: ...

    @abstractmethod
    def settings(self) -> dict[str, str]:
        """Every setting, by key."""

    @abstractmethod
    def set_setting(self, key: str, value: str) -> None: ...

    @abstractmethod
    def flush_index(self) -> int:
        """Index for lexical search the moments still waiting; returns how many."""

    @abstractmethod
    def backup(self, target: str | Path) -> None:
        """A consistent copy of the whole archive in the file ``target`` (only if ``local_file``)."""

    # -- feeds -----------------------------------------------------------------------

    @abstractmethod
    def add_feed(self, url: str) -> bool:
        """Follow a feed; False if it was followed already."""

    @abstractmethod
    def remove_feed(self, url: str) -> bool:
        """Stop following a feed (its episodes stay); False if it was not followed."""

    @abstractmethod
    def feeds(self) -> list[FeedRow]:
        """Every followed feed, by URL."""

    @abstractmethod
    def record_feed_sync(self, url: str, *, title: str | None, etag: str | None, last_modified: str | None,
                         status: str, image: str | None = None) -> None:  # fmt: skip
        """Note a sync of a feed: its title, artwork and validators (kept when None) and how it went."""

    @abstractmethod
    def feed_items(self, url: str) -> dict[str, FeedItemRow]:
        """A feed's known items, by guid."""

    @abstractmethod
    def save_feed_item(self, item: FeedItemRow) -> None:
        """Remember (or replace) what one feed item became."""

    @abstractmethod
    def rename_feed_item(self, url: str, guid: str, new_guid: str) -> None:
        """Keep a feed item's row under the guid it now goes by."""

    @abstractmethod
    def feed_of(self, episode_id: str) -> str | None:
        """The followed feed an item of which made the episode, or None."""

    # -- shows -------------------------------------------------------------------------

    @abstractmethod
    def shows(self) -> list[ShowRow]:
        """Every show named by an episode or a synced feed, by name; artwork from the feed of that title."""

    @abstractmethod
    def show_episodes(self, name: str) -> list[ShowEpisodeRow]:
        """A show's episodes, latest first (empty if no episode names that show)."""

    # -- episodes --------------------------------------------------------------------

    @abstractmethod
    def source_by_path(self, source_path: str) -> StoredSource | None: ...

    @abstractmethod
    def source_by_hash(self, content_hash: str) -> StoredSource | None: ...

    @abstractmethod
    def source_by_id(self, episode_id: str) -> StoredSource | None: ...

    @abstractmethod
    def episode_ids(self) -> set[str]: ...

    @abstractmethod
    def list_episodes(self, limit: int | None = None, offset: int = 0) -> list[EpisodeSummary]:
        """Every episode, by id; or, given ``limit``, that many from ``offset`` in the same order
        (a page read alone, as the whole list is long in a large archive); ``offset`` alone, the rest."""

    @abstractmethod
    def count_episodes(self) -> int:
        """How many episodes the archive holds."""

    @abstractmethod
    def get_episode(self, episode_id: str) -> Episode | None:
        """The episode whole (chapters, segments, repairs), as it was saved; None if there is none."""

    @abstractmethod
    def episode_moments(self, episode_id: str) -> list[EpisodeMoment]:
        """An episode's moments, in order."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many episodes, chapters, segments, repairs, moments and mentions."""

    @abstractmethod
    def questions_asked(self, limit: int = 200) -> list[tuple[str, str]]:
        """Short turns with a question mark, as (episode id, text), in episode and turn order: the
        questions hosts ask, which make good examples of what the archive answers."""

    @abstractmethod
    def show_speakers(self, show: str, exclude: str = "") -> tuple[int, list[tuple[str, int]]]:
        """How many episodes a show has (but ``exclude``), and in how many each of its
        three most frequent speakers speaks."""

    # -- entities: what mentions say -------------------------------------------------

    @abstractmethod
    def entity_counts(self, kind: str | None = None) -> list[EntityRow]:
        """Every confirmed entity (of type ``kind``, if given), most mentioned first."""

    @abstractmethod
    def entity(self, key: str) -> EntityRow | None:
        """The entity with this key (see ``name_key``), confirmed or not; None if never named."""

    @abstractmethod
    def mention_surfaces(self) -> list[tuple[str, str, int]]:
        """(surface, entity_key, mentions) for every spelling the transcripts use of an entity."""

    @abstractmethod
    def entity_mentions(self, key: str) -> list[MentionRow]:
        """Every mention of the entity with this key, newest episode first."""

    @abstractmethod
    def co_mentioned(self, key: str, limit: int = 15) -> list[CoMentionRow]:
        """Confirmed entities named in the same episodes as this one, most shared first."""

    @abstractmethod
    def episode_entities(self, episode_id: str) -> list[EpisodeEntityRow]:
        """Confirmed entities named in one episode, most mentioned first."""

    @abstractmethod
    def episode_mentions(self, episode_id: str) -> list[Mention]:
        """Every mention found in one episode, confirmed or not, as it was saved."""

    @abstractmethod
    def all_mentions(self) -> list[SpokenMentionRow]:
        """Every mention of a confirmed entity, by episode and segment."""

    # -- people: who is a guest and who speaks (podsift/people.py combines them) ----

    @abstractmethod
    def episode_guests(self) -> list[GuestRow]:
        """Every episode with its guests, by id."""

    @abstractmethod
    def episode_speakers(self) -> list[SpeakerRow]:
        """Every speaker label of every episode."""

    # -- what search and ask read ----------------------------------------------------

    @abstractmethod
    def moment_total(self) -> int: ...

    @abstractmethod
    def term_documents(self, term: str) -> int:
        """How many moments contain an (already stemmed) index term."""

    @abstractmethod
    def lexical_ranking(self, query: "ParsedQuery", filters: "SearchFilters", limit: int) -> list[tuple[int, float]]:
        """(moment id, score; lower is better) for the best ``limit`` matches."""

    @abstractmethod
    def says(self, words: list[str]) -> bool:
        """Whether any moment contains these words in this order (as the index stems them)."""

    @abstractmethod
    def moments_passing(self, filters: "SearchFilters", moment_ids: list[int]) -> set[int]:
        """Which of these moments the filters keep (a search index ranks, then asks)."""

    @abstractmethod
    def filtered_moment_ids(self, filters: "SearchFilters") -> list[int]: ...

    @abstractmethod
    def episodes_of(self, moment_ids: list[int]) -> dict[int, str]:
        """Each moment's episode id."""

    @abstractmethod
    def moment_rows(self, moment_ids: list[int]) -> dict[int, MomentRow]:
        """What a search hit shows of each moment."""

    @abstractmethod
    def moment_segments(self, moment_ids: list[int]) -> dict[int, list[Segment]]:
        """The segments each moment was cut from, in order (a long one only partly in it)."""

    # -- what the on-disk lexical index reads (search/lexical_index.py) -------------

    @property
    @abstractmethod
    def lexical_index_dir(self) -> Path | None:
        """Where this archive's on-disk lexical index lives; None: search ranks words with
        the store's own full-text search (an archive in memory)."""

    @abstractmethod
    def latest_lexical_change(self) -> int:
        """The newest entry of the change log (0 when it is empty): every episode whose
        moments were added or deleted is logged, and a reader that sees entry N sees every
        change before it."""

    @abstractmethod
    def lexical_changes_after(self, seq: int) -> int:
        """How many episodes changed after entry ``seq``."""

    @abstractmethod
    def changed_episodes(self, after: int, upto: int) -> list[str]:
        """The episodes logged after entry ``after``, up to ``upto``."""

    @abstractmethod
    def lexical_snapshot(self) -> AbstractContextManager[None]:
        """Reads inside it see one state of the change log and the moments."""

    @abstractmethod
    def moment_texts(self, episode_id: str | None = None, batch: int = 5000) -> Iterator[list[tuple[int, str, str, str]]]:
        """(moment id, episode id, words said, context) of an episode's moments, or of all, in batches."""

    # -- vectors ---------------------------------------------------------------------

    @abstractmethod
    def has_vectors(self, model: str) -> bool:
        """Whether any moment has a vector from ``model``."""

    @abstractmethod
    def unembedded(self, model: str) -> list[tuple[str, str | None, str]]:
        """(embed hash, chapter, text) of each distinct moment text with no vector yet."""

    @abstractmethod
    def unembedded_profiles(self, model: str) -> list[tuple[str, str]]:
        """(profile hash, profile) of each distinct episode profile with no vector yet."""

    @abstractmethod
    def vector_models(self) -> list[str]:
        """The models that embedded anything in this archive."""

    @abstractmethod
    def vectors(self, model: str, batch: int = 5000) -> Iterator[list[tuple[str, bytes]]]:
        """Every (text hash, vector) ``model`` embedded, a batch at a time."""

    @abstractmethod
    def moment_vectors(self, model: str) -> list[tuple[int, bytes, str]]:
        """(moment id, vector, episode id) for every moment with a vector, by id."""

    @abstractmethod
    def profile_vectors(self, model: str) -> list[tuple[str, bytes]]:
        """(episode id, vector) of each episode's profile (title and description)."""

    # Vector search in the database: only where ``vectors_in_database``.

    @abstractmethod
    def index_vectors(self, model: str, dimensions: int) -> None:
        """Make (once) the database's nearest-neighbour index for ``model``'s vectors."""

    @abstractmethod
    def profile_similarities(self, model: str, vector: Any) -> dict[str, float]:
        """Cosine of ``vector`` to each episode's profile."""

    @abstractmethod
    def nearest_moments(self, model: str, vector: Any, limit: int) -> list[tuple[int, str, float]]:
        """(moment id, episode id, cosine) of roughly the nearest ``limit``, from the index."""

    @abstractmethod
    def boosted_moments(
        self,
        model: str,
        vector: Any,
        boosts: dict[str, float],
        filters: "SearchFilters",
        limit: int,
        episodes: list[str] | None = None,
    ) -> list[tuple[int, float]]:
        """Exactly the best ``limit`` moments by cosine plus their episode's boost, among
        those that pass ``filters`` (and are in ``episodes``, if given)."""

    @abstractmethod
    def moment_similarities(self, model: str, vector: Any, moment_ids: list[int]) -> dict[int, float]:
        """Plain cosine of ``vector`` to each given moment that has a vector."""


# -- what both dialects share: rows in and out, in Python ---------------------------

# The episodes columns that mirror Episode's fields (guests and extra as JSON text).
EPISODE_COLUMNS = (
    "id", "title", "show", "season", "episode_number", "guests", "date", "duration",
    "youtube_id", "media_url", "page_url", "source_path", "source_format", "content_hash",
    "extra",
)  # fmt: skip
# What each count in ``counts`` counts.
COUNTED_TABLES = ("episodes", "chapters", "segments", "repairs", "moments", "mentions")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def episode_values(episode: Episode) -> tuple[Any, ...]:
    """The episodes row: EPISODE_COLUMNS, then ingested_at, profile and profile_hash."""
    values: list[Any] = []
    for column in EPISODE_COLUMNS:
        value = getattr(episode, column)
        if column in ("guests", "extra"):
            value = json.dumps(value, ensure_ascii=False, default=str)
        values.append(value)
    profile = episode_profile(episode)
    return (*values, now(), profile, text_hash(profile))


def chapter_values(episode: Episode) -> list[tuple[Any, ...]]:
    """(episode_id, ordinal, title, start, first_segment, generated) per chapter."""
    return [
        (episode.id, i, c.title, c.start, c.first_segment, int(c.generated)) for i, c in enumerate(episode.chapters)
    ]


def segment_values(episode: Episode) -> list[tuple[Any, ...]]:
    """(episode_id, ordinal, start, end, speaker, text, directions, chapter) per segment."""
    chapter_of = _chapter_index(episode)
    return [
        (
            episode.id, s.ordinal, s.start, s.end, s.speaker, s.text,
            json.dumps(s.directions, ensure_ascii=False) if s.directions else None,
            chapter_of[s.ordinal],
        )
        for s in episode.segments
    ]  # fmt: skip


def repair_values(episode: Episode) -> list[tuple[Any, ...]]:
    """(episode_id, ordinal, kind, detail, location) per repair."""
    return [(episode.id, i, r.kind, r.detail, r.where) for i, r in enumerate(episode.repairs)]


def moment_values(episode_id: str, moments: Sequence[Moment]) -> list[tuple[Any, ...]]:
    """(episode_id, ordinal, start, end, speakers, chapter, first_segment, last_segment,
    text, context, embed_hash) per moment."""
    return [
        (
            episode_id, m.ordinal, m.start, m.end, json.dumps(m.speakers, ensure_ascii=False), m.chapter,
            m.first_segment, m.last_segment, m.text, m.context, m.embed_hash,
        )
        for m in moments
    ]  # fmt: skip


def mention_values(episode_id: str, mentions: Sequence[Mention]) -> list[tuple[Any, ...]]:
    """(episode_id, segment, entity, entity_key, type, surface, how) per mention."""
    from podsift.entities.gazetteer import name_key

    return [(episode_id, m.segment, m.entity, name_key(m.entity), m.type, m.surface, m.how) for m in mentions]


def _chapter_index(episode: Episode) -> list[int | None]:
    """For each segment ordinal, the ordinal of the chapter it falls in."""
    index: list[int | None] = [None] * len(episode.segments)
    starts = [c.first_segment for c in episode.chapters]
    current, next_i = None, 0
    for ordinal in range(len(index)):
        while next_i < len(starts) and starts[next_i] <= ordinal:
            current, next_i = next_i, next_i + 1
        index[ordinal] = current
    return index


def episode_from(values: Sequence[Any]) -> Episode:
    """An Episode (no chapters or segments yet) from its EPISODE_COLUMNS, in order."""
    fields = dict(zip(EPISODE_COLUMNS, values))
    return Episode(**fields | {"guests": json.loads(fields["guests"]), "extra": json.loads(fields["extra"])})


def chapter_from(title: str, start: float | None, first_segment: int, generated: Any) -> Chapter:
    """A Chapter from its columns (generated as stored: 0 or 1)."""
    return Chapter(title, start, first_segment, bool(generated))


def segment_from(ordinal: int, start: float | None, end: float | None, speaker: str | None, text: str,
            directions: str | None) -> Segment:  # fmt: skip
    """A Segment from its columns (directions as stored: a JSON list, or NULL)."""
    return Segment(ordinal, start, end, speaker, text, json.loads(directions) if directions else [])


def moment_row(
    id: int, episode_id: str, title: str | None, start: float | None, end: float | None, speakers: str,
    chapter: str | None, text: str, youtube_id: str | None, media_url: str | None, estimated: Any, first_segment: int,
) -> MomentRow:  # fmt: skip
    """A MomentRow from its columns as stored (speakers a JSON list; estimated truthy or NULL)."""
    return MomentRow(id, episode_id, title, start, end, tuple(json.loads(speakers)), chapter, text, youtube_id,
                     media_url, bool(estimated), first_segment)  # fmt: skip


def mention_row(
    entity: str, type: str, surface: str, how: str, episode_id: str, title: str | None, youtube_id: str | None,
    media_url: str | None, estimated: Any, segment: int, start: float | None, speaker: str | None, text: str,
) -> MentionRow:  # fmt: skip
    return MentionRow(entity, type, surface, how, episode_id, title, youtube_id, media_url, bool(estimated), segment,
                      start, speaker, text)  # fmt: skip


def guest_row(episode_id: str, title: str | None, date: str | None, guests: str, show: str | None = None,
              written: str | None = None) -> GuestRow:  # fmt: skip
    """A GuestRow from the stored guests (a JSON list; anything but strings in it is skipped)."""
    try:
        value = json.loads(guests)
    except ValueError:
        value = []
    names = tuple(g for g in value if isinstance(g, str)) if isinstance(value, list) else ()
    try:
        found = json.loads(written) if written else {}
    except ValueError:
        found = {}
    names_written = {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}
    return GuestRow(episode_id, title, date, names, show, names_written)


# Letters and digits of any script: "山田" is a name, "%" and "???" are none.
_NOT_LETTERS = re.compile(r"[\W_]+")


def guest_key(name: str) -> str:
    """A guest's name as the guest filter compares it: lower-case letters and digits only."""
    return _NOT_LETTERS.sub("", name.casefold())


@dataclass(frozen=True, slots=True)
class FilterClauses:
    """One dialect's SQL for each search filter: a condition on moments ``m`` joined to
    episodes ``e``, with one parameter, written in that dialect's placeholder."""

    episode: str
    speaker: str
    speaker_labels: str  # the speaker is any of these (episode, label) pairs, given as JSON
    guest: str
    guest_episodes: str  # the episode is one of these ids, given as a JSON list
    season: str
    date_from: str
    date_to: str
    entity: str
    show: str


def filter_sql(filters: "SearchFilters", clauses: FilterClauses) -> tuple[str, list[Any]]:
    """A WHERE fragment (empty when no filter is set) and its parameters.

    Which filters apply and what each is compared with are the same in every dialect;
    the clauses are the dialect's.
    """
    parts: list[str] = []
    params: list[Any] = []
    if filters.episode is not None:
        parts.append(clauses.episode)
        params.append(filters.episode)
    if filters.speaker is not None:
        if filters.speaker_labels is None:
            parts.append(clauses.speaker)
            params.append(filters.speaker.strip())
        else:
            parts.append(f"({clauses.speaker} OR {clauses.speaker_labels})")
            params += [filters.speaker.strip(), filters.speaker_labels]
    if filters.guest is not None:
        if filters.guest_episodes is not None:  # search matched the name to episodes already
            parts.append(clauses.guest_episodes)
            params.append(filters.guest_episodes)
        else:
            # Guests are stored as the source wrote them, often slugs ("lavanyagupta"): the
            # clause compares letters and digits only, so "Lavanya Gupta" finds them. A name
            # shown with accents ("Tomás Rivera") is also tried without them, as slugs are written.
            as_typed, folded = guest_key(filters.guest), guest_key(fold(filters.guest))
            if folded != as_typed:
                parts.append(f"({clauses.guest} OR {clauses.guest})")
                params += [f"%{as_typed}%", f"%{folded}%"]
            else:
                parts.append(clauses.guest)
                params.append(f"%{as_typed}%")
    if filters.season is not None:
        parts.append(clauses.season)
        params.append(filters.season)
    if filters.date_from is not None:
        parts.append(clauses.date_from)
        params.append(filters.date_from)
    if filters.date_to is not None:
        parts.append(clauses.date_to)
        params.append(filters.date_to + "\uffff")  # a date-time on the last day still counts
    if filters.entity is not None:
        from podsift.entities.gazetteer import name_key

        parts.append(clauses.entity)
        params.append(name_key(filters.entity))
    if filters.show is not None:
        parts.append(clauses.show)
        params.append(filters.show)
    return " AND ".join(parts), params

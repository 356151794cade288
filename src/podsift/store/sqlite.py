"""The SQLite store: one file, WAL mode, plain tables, versioned migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from podsift.model import Episode, Repair, Segment
from podsift.moments import Moment
from podsift.store.base import (
    COUNTED_TABLES,
    EPISODE_COLUMNS,
    ArchiveUnavailable,
    CoMentionRow,
    EntityRow,
    EpisodeEntityRow,
    EpisodeIdTaken,
    EpisodeMoment,
    EpisodeSummary,
    FilterClauses,
    GuestRow,
    MentionRow,
    MomentRow,
    SpeakerRow,
    SpokenMentionRow,
    Store,
    StoredSource,
    chapter_from,
    chapter_values,
    episode_from,
    episode_values,
    filter_sql,
    guest_row,
    mention_row,
    mention_values,
    moment_row,
    moment_values,
    now,
    repair_values,
    segment_from,
    segment_values,
)  # fmt: skip

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery

# BM25 column weights: the words said count fully; the context (chapter title and
# the question before) helps find a moment but should not outrank it.
TEXT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5

# Whether an episode's times are estimates, read from its JSON ``extra``.
ESTIMATED = "json_extract(e.extra, '$.times_estimated')"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    found = []
    for entry in resources.files("podsift.store").joinpath("migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(Store):
    """Episodes, chapters, segments and repair reports in one SQLite file."""

    vectors_in_database = False  # search multiplies the vectors it holds in memory
    local_file = True
    concurrent_sessions = False  # one connection; a process-wide cache serves its readers

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # isolation_level=None: we open transactions ourselves, one per episode.
        # check_same_thread=False: the web server hands requests to worker threads; it
        # serialises access to the store itself.
        # Rows are plain tuples: what leaves the store is built from them by position.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        self._writes = 0
        self._use_wal()
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        # Fewer, larger checkpoints: ingest writes tens of MB in many small transactions.
        self.conn.execute("PRAGMA wal_autocheckpoint=10000")
        self.migrate()

    def _use_wal(self) -> None:
        """Switch to write-ahead logging, waiting while another process creating the same file holds it."""
        import time

        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as err:
                # Changing the journal mode does not wait on the busy timeout as writes do.
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @classmethod
    def open(cls, location: str) -> Self:
        path = Path(location)
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
            return cls(path)
        except sqlite3.DatabaseError as err:
            raise ArchiveUnavailable(f"{location}: not a usable podsift database ({err})") from err
        except OSError as err:
            raise ArchiveUnavailable(f"{location}: cannot open ({err.strerror or err})") from err

    @property
    def location(self) -> str:
        return str(self.path)

    # -- schema -----------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the bundled migrations this file lacks; returns their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM _migrations")}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            # Another process opening the same new file may be migrating it too: the check
            # is repeated under the write lock, and each migration is one transaction.
            with self.transaction():
                if self.conn.execute("SELECT 1 FROM _migrations WHERE version = ?", (version,)).fetchone():
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (version, name, now()))
            applied.append(name)
        return applied

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM _migrations").fetchone()
        return row[0] or 0

    # -- writing ----------------------------------------------------------------

    def transaction(self) -> "_Transaction":
        self._writes += 1
        return _Transaction(self.conn)

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever this file's content may have: caches compare it before reuse."""
        # data_version moves on other connections' commits, _writes on our own.
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes

    def save_episode(
        self, episode: Episode, moments: Sequence[Moment], mentions: Sequence[Mention] = (), *, new: bool = False
    ) -> None:
        with self.transaction():  # BEGIN IMMEDIATE: no other writer between the check and the insert
            if new and self.conn.execute("SELECT 1 FROM episodes WHERE id = ?", (episode.id,)).fetchone():
                raise EpisodeIdTaken(episode.id)
            # ON DELETE CASCADE clears the old chapters, segments, repairs, moments and mentions.
            self.conn.execute("DELETE FROM episodes WHERE id = ?", (episode.id,))
            self.conn.execute(
                f"INSERT INTO episodes ({', '.join(EPISODE_COLUMNS)}, ingested_at, profile, profile_hash) "
                f"VALUES ({', '.join('?' * len(EPISODE_COLUMNS))}, ?, ?, ?)",
                episode_values(episode),
            )
            self.conn.executemany(
                "INSERT INTO chapters (episode_id, ordinal, title, start, first_segment, generated) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                chapter_values(episode),
            )
            self.conn.executemany("INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?)", segment_values(episode))
            self._insert_moments(episode.id, moments)
            self._insert_mentions(episode.id, mentions)
            self.conn.executemany("INSERT INTO repairs VALUES (?, ?, ?, ?, ?)", repair_values(episode))

    def replace_moments(self, episode_id: str, moments: Sequence[Moment]) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM moments WHERE episode_id = ?", (episode_id,))
            self._insert_moments(episode_id, moments)

    def _insert_moments(self, episode_id: str, moments: Sequence[Moment]) -> None:
        self.conn.executemany(
            'INSERT INTO moments (episode_id, ordinal, start, "end", speakers, chapter, '
            "first_segment, last_segment, text, context, embed_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            moment_values(episode_id, moments),
        )

    def _insert_mentions(self, episode_id: str, mentions: Sequence[Mention]) -> None:
        self.conn.executemany(
            "INSERT INTO mentions (episode_id, segment, entity, entity_key, type, surface, how) VALUES (?, ?, ?, ?, ?, ?, ?)",
            mention_values(episode_id, mentions),
        )

    def replace_mentions(self, episode_id: str, mentions: Sequence[Mention]) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM mentions WHERE episode_id = ?", (episode_id,))
            self._insert_mentions(episode_id, mentions)

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def flush_index(self) -> int:
        """Index the moments still waiting in the backlog, in one transaction."""
        if self.conn.execute("SELECT 1 FROM fts_backlog LIMIT 1").fetchone() is None:
            return 0
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO moments_fts (rowid, text, context) "
                "SELECT m.id, m.text, m.context FROM fts_backlog b JOIN moments m ON m.id = b.moment_id"
            )
            self.conn.execute("DELETE FROM fts_backlog")
        return cur.rowcount

    def save_vectors(self, model: str, vectors: list[tuple[str, bytes]]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, text_hash, blob) for text_hash, blob in vectors],
            )

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the whole file, even while others read and write it."""
        destination = sqlite3.connect(target)
        try:
            self.conn.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        self.conn.close()

    # -- episodes ---------------------------------------------------------------

    def source_by_path(self, source_path: str) -> StoredSource | None:
        return self._source("source_path", source_path)

    def source_by_hash(self, content_hash: str) -> StoredSource | None:
        return self._source("content_hash", content_hash)

    def source_by_id(self, episode_id: str) -> StoredSource | None:
        return self._source("id", episode_id)

    def _source(self, column: str, value: str) -> StoredSource | None:
        row = self.conn.execute(
            f"SELECT id, source_path, content_hash FROM episodes WHERE {column} = ?", (value,)
        ).fetchone()
        return StoredSource(*row) if row else None

    def episode_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT id FROM episodes")}

    def list_episodes(self) -> list[EpisodeSummary]:
        rows = self.conn.execute(
            """
            SELECT e.id, e.title, e.source_format,
                   (SELECT COUNT(*) FROM segments s WHERE s.episode_id = e.id),
                   (SELECT COUNT(*) FROM chapters c WHERE c.episode_id = e.id),
                   e.duration
            FROM episodes e ORDER BY e.id
            """
        )
        return [EpisodeSummary(*row) for row in rows]

    def get_episode(self, episode_id: str) -> Episode | None:
        row = self.conn.execute(
            f"SELECT {', '.join(EPISODE_COLUMNS)} FROM episodes WHERE id = ?", (episode_id,)
        ).fetchone()
        if row is None:
            return None
        episode = episode_from(row)
        episode.chapters = [
            chapter_from(*r) for r in self._rows("chapters", "title, start, first_segment, generated", episode_id)
        ]
        episode.segments = [segment_from(*r) for r in self._rows("segments", _SEGMENT_COLUMNS, episode_id)]
        episode.repairs = [Repair(*r) for r in self._rows("repairs", "kind, detail, location", episode_id)]
        return episode

    def _rows(self, table: str, columns: str, episode_id: str) -> list[Any]:
        return self.conn.execute(
            f"SELECT {columns} FROM {table} WHERE episode_id = ? ORDER BY ordinal", (episode_id,)
        ).fetchall()

    def episode_moments(self, episode_id: str) -> list[EpisodeMoment]:
        rows = self.conn.execute(
            "SELECT id, first_segment, last_segment, start, chapter, text FROM moments WHERE episode_id = ? "
            "ORDER BY ordinal",
            (episode_id,),
        )
        return [EpisodeMoment(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in COUNTED_TABLES}

    def show_speakers(self, show: str, exclude: str = "") -> tuple[int, list[tuple[str, int]]]:
        total = self.conn.execute(
            "SELECT COUNT(*) FROM episodes WHERE show = ? AND id != ?", (show, exclude)
        ).fetchone()[0]
        rows = self.conn.execute(
            "SELECT s.speaker, COUNT(DISTINCT s.episode_id) AS n FROM segments s "
            "JOIN episodes e ON e.id = s.episode_id WHERE e.show = ? AND e.id != ? AND s.speaker IS NOT NULL "
            "GROUP BY s.speaker ORDER BY n DESC, s.speaker LIMIT 3",
            (show, exclude),
        ).fetchall()
        return total, [(r[0], r[1]) for r in rows]

    # -- entities: what mentions say ---------------------------------------------------

    def entity_counts(self, kind: str | None = None) -> list[EntityRow]:
        where, params = ("WHERE type = ?", [kind]) if kind else ("", [])
        rows = self.conn.execute(
            f"SELECT entity, type, mentions, episodes FROM ({_ENTITIES}) t {where} ORDER BY mentions DESC, entity",
            params,
        )
        return [EntityRow(*r) for r in rows]

    def entity(self, key: str) -> EntityRow | None:
        row = self.conn.execute(
            f"SELECT entity, type, mentions, episodes FROM ({_ALL_ENTITIES}) t WHERE entity_key = ?", (key,)
        ).fetchone()
        return EntityRow(*row) if row else None

    def entity_mentions(self, key: str) -> list[MentionRow]:
        rows = self.conn.execute(
            "SELECT x.entity, x.type, x.surface, x.how, x.episode_id, e.title, e.youtube_id, e.media_url, "
            f"{ESTIMATED}, s.ordinal, s.start, s.speaker, s.text "
            "FROM mentions x JOIN segments s ON s.episode_id = x.episode_id AND s.ordinal = x.segment "
            "JOIN episodes e ON e.id = x.episode_id WHERE x.entity_key = ? "
            "ORDER BY e.date DESC, e.id, s.ordinal",
            (key,),
        )
        return [mention_row(*r) for r in rows]

    def co_mentioned(self, key: str, limit: int = 15) -> list[CoMentionRow]:
        rows = self.conn.execute(
            f"SELECT t.entity, t.type, COUNT(DISTINCT o.episode_id) AS episodes FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key "
            "WHERE o.entity_key != ? AND o.episode_id IN (SELECT episode_id FROM mentions WHERE entity_key = ?) "
            "GROUP BY t.entity, t.type ORDER BY episodes DESC, COUNT(*) DESC, t.entity LIMIT ?",
            (key, key, limit),
        )
        return [CoMentionRow(*r) for r in rows]

    def episode_entities(self, episode_id: str) -> list[EpisodeEntityRow]:
        rows = self.conn.execute(
            "SELECT t.entity, t.type, COUNT(*) AS mentions, min(o.segment) AS first_segment FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key WHERE o.episode_id = ? "
            "GROUP BY t.entity, t.type ORDER BY mentions DESC, t.entity",
            (episode_id,),
        )
        return [EpisodeEntityRow(*r) for r in rows]

    def all_mentions(self) -> list[SpokenMentionRow]:
        rows = self.conn.execute(
            "SELECT o.episode_id, t.entity, t.type, s.speaker FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key "
            "JOIN segments s ON s.episode_id = o.episode_id AND s.ordinal = o.segment ORDER BY o.episode_id, o.segment"
        )
        return [SpokenMentionRow(*r) for r in rows]

    # -- people -----------------------------------------------------------------------

    def episode_guests(self) -> list[GuestRow]:
        return [guest_row(*r) for r in self.conn.execute("SELECT id, title, date, guests FROM episodes ORDER BY id")]

    def episode_speakers(self) -> list[SpeakerRow]:
        rows = self.conn.execute(
            "SELECT episode_id, speaker, COUNT(*) AS turns, MIN(ordinal) AS first_segment, MIN(start) AS first_start "
            "FROM segments WHERE speaker IS NOT NULL GROUP BY episode_id, speaker ORDER BY episode_id, speaker"
        )
        return [SpeakerRow(*r) for r in rows]

    # -- what search reads -----------------------------------------------------------

    def moment_total(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM moments").fetchone()[0]

    def term_documents(self, term: str) -> int:
        """How many moments contain an (already stemmed) index term."""
        row = self.conn.execute("SELECT doc FROM moments_vocab WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    def lexical_ranking(self, query: "ParsedQuery", filters: "SearchFilters", limit: int) -> list[tuple[int, float]]:
        """(moment id, BM25 score; lower is better) for the best ``limit`` matches."""
        expression = query.fts()
        if expression is None:
            return []
        where, params = self._filter_sql(filters)
        # Filters go in a rowid subquery: joining every match to its moment before the
        # LIMIT costs more than the BM25 scoring itself.
        restrict = (
            f"AND rowid IN (SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE {where}) "
            if where
            else ""
        )
        sql = (
            f"SELECT rowid, bm25(moments_fts, {TEXT_WEIGHT}, {CONTEXT_WEIGHT}) AS score "
            f"FROM moments_fts WHERE moments_fts MATCH ? {restrict}ORDER BY score LIMIT ?"
        )
        return [(row[0], row[1]) for row in self.conn.execute(sql, [expression, *params, limit])]

    def _filter_sql(self, filters: "SearchFilters") -> tuple[str, list[Any]]:
        return filter_sql(filters, FILTERS)

    def says(self, words: list[str]) -> bool:
        """Whether any moment contains these words in this order (as the index stems them)."""
        if not words:
            return False
        match = '"' + " ".join(w.replace('"', "") for w in words) + '"'
        return self.conn.execute("SELECT 1 FROM moments_fts WHERE moments_fts MATCH ? LIMIT 1", (match,)).fetchone() is not None

    def moments_passing(self, filters: "SearchFilters", moment_ids: list[int]) -> set[int]:
        where, params = self._filter_sql(filters)
        if not moment_ids or not where:
            return set(moment_ids)
        marks = ",".join("?" * len(moment_ids))
        sql = f"SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE m.id IN ({marks}) AND {where}"
        return {r[0] for r in self.conn.execute(sql, [*moment_ids, *params])}

    def filtered_moment_ids(self, filters: "SearchFilters") -> list[int]:
        where, params = self._filter_sql(filters)
        sql = "SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id" + (f" WHERE {where}" if where else "")
        return [r[0] for r in self.conn.execute(sql, params)]

    def episodes_of(self, moment_ids: list[int]) -> dict[int, str]:
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(f"SELECT id, episode_id FROM moments WHERE id IN ({marks})", moment_ids)
        return {row[0]: row[1] for row in rows}

    def moment_rows(self, moment_ids: list[int]) -> dict[int, MomentRow]:
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(
            'SELECT m.id, m.episode_id, e.title, m.start, m."end", m.speakers, m.chapter, m.text, '
            f"e.youtube_id, e.media_url, {ESTIMATED} "
            f"FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE m.id IN ({marks})",
            moment_ids,
        )
        return {row[0]: moment_row(*row) for row in rows}

    def moment_segments(self, moment_ids: list[int]) -> dict[int, list[Segment]]:
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(
            'SELECT m.id, s.ordinal, s.start, s."end", s.speaker, s.text, s.directions FROM moments m JOIN segments s '
            "ON s.episode_id = m.episode_id AND s.ordinal BETWEEN m.first_segment AND m.last_segment "
            f"WHERE m.id IN ({marks}) ORDER BY m.id, s.ordinal",
            moment_ids,
        )
        out: dict[int, list[Segment]] = {i: [] for i in moment_ids}
        for moment_id, *columns in rows:
            out[moment_id].append(segment_from(*columns))
        return out

    # -- what the on-disk lexical index reads ----------------------------------------------

    @property
    def lexical_index_dir(self) -> Path | None:
        if str(self.path) in ("", ":memory:"):
            return None
        return self.path.with_name(self.path.stem + ".lexical")  # beside the file: it moves with it

    def latest_lexical_change(self) -> int:
        return self.conn.execute("SELECT MAX(seq) FROM lexical_changes").fetchone()[0] or 0

    def lexical_changes_after(self, seq: int) -> int:
        return self.conn.execute(
            "SELECT COUNT(DISTINCT episode_id) FROM lexical_changes WHERE seq > ?", (seq,)
        ).fetchone()[0]

    def changed_episodes(self, after: int, upto: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT episode_id FROM lexical_changes WHERE seq > ? AND seq <= ?", (after, upto)
        )
        return [r[0] for r in rows]

    @contextmanager
    def lexical_snapshot(self) -> Iterator[None]:
        # A read transaction: WAL keeps showing this one state until it ends.
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def moment_texts(self, episode_id: str | None = None, batch: int = 5000) -> Iterator[list[tuple[int, str, str, str]]]:
        where, params = ("WHERE episode_id = ?", (episode_id,)) if episode_id is not None else ("", ())
        cursor = self.conn.execute(f"SELECT id, episode_id, text, context FROM moments {where}", params)
        while rows := cursor.fetchmany(batch):
            yield rows

    # -- vectors: held in memory by search ----------------------------------------------

    def has_vectors(self, model: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM moments m JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash LIMIT 1",
            (model,),
        ).fetchone()
        return row is not None

    def unembedded(self, model: str) -> list[tuple[str, str | None, str]]:
        return self.conn.execute(
            """
            SELECT m.embed_hash, m.chapter, m.text FROM moments m
            WHERE NOT EXISTS (SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = m.embed_hash)
            GROUP BY m.embed_hash
            """,
            (model,),
        ).fetchall()

    def unembedded_profiles(self, model: str) -> list[tuple[str, str]]:
        return self.conn.execute(
            """
            SELECT e.profile_hash, e.profile FROM episodes e
            WHERE e.profile != '' AND NOT EXISTS (
                SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = e.profile_hash
            )
            GROUP BY e.profile_hash
            """,
            (model,),
        ).fetchall()

    def moment_vectors(self, model: str) -> list[tuple[int, bytes, str]]:
        """(moment id, vector, episode id) for every moment with a vector, by id."""
        return self.conn.execute(
            "SELECT m.id, v.vector, m.episode_id FROM moments m "
            "JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash ORDER BY m.id",
            (model,),
        ).fetchall()

    def profile_vectors(self, model: str) -> list[tuple[str, bytes]]:
        """(episode id, vector) of each episode's profile (title and description)."""
        return self.conn.execute(
            "SELECT e.id, v.vector FROM episodes e JOIN embeddings v ON v.model = ? AND v.text_hash = e.profile_hash",
            (model,),
        ).fetchall()

    # No vector index in SQLite (vectors_in_database is False): search ranks in memory.

    def index_vectors(self, model: str, dimensions: int) -> None:
        raise NotImplementedError(_NO_VECTOR_SEARCH)

    def profile_similarities(self, model: str, vector: Any) -> dict[str, float]:
        raise NotImplementedError(_NO_VECTOR_SEARCH)

    def nearest_moments(self, model: str, vector: Any, limit: int) -> list[tuple[int, str, float]]:
        raise NotImplementedError(_NO_VECTOR_SEARCH)

    def boosted_moments(
        self,
        model: str,
        vector: Any,
        boosts: dict[str, float],
        filters: "SearchFilters",
        limit: int,
        episodes: list[str] | None = None,
    ) -> list[tuple[int, float]]:
        raise NotImplementedError(_NO_VECTOR_SEARCH)

    def moment_similarities(self, model: str, vector: Any, moment_ids: list[int]) -> dict[int, float]:
        raise NotImplementedError(_NO_VECTOR_SEARCH)


_NO_VECTOR_SEARCH = "SQLite has no vector search: rank moment_vectors in memory (vectors_in_database is False)"


def _statements(script: str) -> Iterator[str]:
    """A migration's statements one by one (a trigger's body, with its own semicolons, stays whole)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                yield pending
            pending = ""
    if pending.strip():
        yield pending


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (even KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


# A segment's columns, as segment_from takes them.
_SEGMENT_COLUMNS = 'ordinal, start, "end", speaker, text, directions'

FILTERS = FilterClauses(
    episode="m.episode_id = ?",
    # How the dialect looks inside a JSON list column: SQLite's json_each.
    speaker="EXISTS (SELECT 1 FROM json_each(m.speakers) WHERE lower(value) = lower(?))",
    guest=(
        "EXISTS (SELECT 1 FROM json_each(e.guests) WHERE "
        "replace(replace(replace(lower(value), ' ', ''), '-', ''), '_', '') LIKE ?)"
    ),
    season="e.season = ?",
    date_from="e.date >= ?",
    date_to="e.date <= ?",
    entity=(
        "EXISTS (SELECT 1 FROM mentions x WHERE x.episode_id = m.episode_id AND x.entity_key = ? "
        "AND x.segment BETWEEN m.first_segment AND m.last_segment "
        # A long turn is cut into several moments: only those holding the words count.
        "AND lower(m.text) LIKE '%' || lower(x.surface) || '%')"
    ),
)

# One row per entity named anywhere: its name and type as the gazetteer gives them
# (else as the model said).
_ALL_ENTITIES = (
    "SELECT entity_key, COALESCE(MIN(CASE WHEN how <> 'ner' THEN entity END), MIN(entity)) AS entity, "
    "COALESCE(MIN(CASE WHEN how <> 'ner' THEN type END), MIN(type)) AS type, "
    "COUNT(*) AS mentions, COUNT(DISTINCT episode_id) AS episodes FROM mentions GROUP BY entity_key"
)
# The confirmed ones. An entity only the NER model found, in a single episode, is not listed:
# a small model's guesses ("Bachelor", "Dynamic Optimization") rarely repeat across episodes;
# real names do.
_ENTITIES = _ALL_ENTITIES + " HAVING MAX(CASE WHEN how <> 'ner' THEN 1 ELSE 0 END) = 1 OR COUNT(DISTINCT episode_id) >= 2"

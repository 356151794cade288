"""The SQLite store: one file, WAL mode, plain tables, versioned migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from podsift.model import Episode, Segment
from podsift.moments import Moment
from podsift.store.base import (
    EPISODE_COLUMNS,
    ArchiveUnavailable,
    EpisodeIdTaken,
    FilterClauses,
    MomentRow,
    ReadOnlyArchive,
    another_programs,
    chapter_values,
    episode_values,
    local_dir_for,
    mention_values,
    moment_row,
    moment_values,
    now,
    repair_values,
    segment_from,
    segment_values,
)  # fmt: skip
from podsift.store.shared_sql import SQLStore
from podsift.text import counted

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery

# BM25 column weights: the words said count fully; the context (chapter title and
# the question before) helps find a moment but should not outrank it.
TEXT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5


def index_beside(db_path: str | Path) -> Path:
    """Where the lexical index of the SQLite file ``db_path`` lives: ``<stem>.lexical`` beside
    it, so it moves with the file."""
    path = Path(db_path)
    return path.with_name(path.stem + ".lexical")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    found = []
    for entry in resources.files("podsift.store").joinpath("migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def podsift_columns(version: int | None = None) -> dict[str, list[str]]:
    """The columns of each table the migrations up to ``version`` (all, by default) create, by table;
    the full-text index's own (shadow) tables, moments_fts_data..., are SQLite's business."""
    return podsift_schema(version)[0]


def podsift_schema(version: int | None = None) -> tuple[dict[str, list[str]], set[str]]:
    """The columns of each table the migrations up to ``version`` (all, by default) create, by
    table (not the full-text index's own shadow tables, moments_fts_data..., SQLite's business),
    and the names of the triggers they create."""
    expected = sqlite3.connect(":memory:")
    for number, _, sql in migrations():
        if version is None or number <= version:
            expected.executescript(sql)
    tables = expected.execute("SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master WHERE type = 'table'").fetchall()
    shadows = tuple(f"{name}_" for name, virtual in tables if virtual)
    made = {name: [row[0] for row in expected.execute("SELECT name FROM pragma_table_info(?)", (name,))]
            for name, _ in tables if not name.startswith(("sqlite_", *shadows))}  # fmt: skip
    triggers = {name for (name,) in expected.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    expected.close()
    return made, triggers


def foreign_database(path: Path, conn: sqlite3.Connection, then: str = "name a new file or a podsift archive") -> str | None:
    """Why the SQLite file at ``path`` is no podsift archive (see ``another_programs``), and ``then``
    what to do; None for one."""
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    names = [name for (name,) in tables if not name.startswith("sqlite_")]  # SQLite's own, as sqlite_sequence
    columns = [row[1] for row in conn.execute("PRAGMA table_info(_migrations)")]
    reason = another_programs(str(path), "SQLite", names, columns)
    return f"{reason}; {then}" if reason else None


class SQLiteStore(SQLStore):
    """Episodes, chapters, segments and repair reports in one SQLite file."""

    vectors_in_database = False  # search multiplies the vectors it holds in memory
    local_file = True
    concurrent_sessions = False  # one connection; a process-wide cache serves its readers

    # -- the dialect, for the reads shared with PostgreSQL (store/shared_sql.py) --------

    PARAM = "?"
    NO_LIMIT = "-1"
    ESTIMATED = "json_extract(e.extra, '$.times_estimated')"
    GUEST_NAMES = "json_extract(e.extra, '$.guest_names')"
    # One row per entity named anywhere: its name and type as the gazetteer gives them
    # (else as the model said).
    ALL_ENTITIES = (
        "SELECT entity_key, COALESCE(MIN(CASE WHEN how <> 'ner' THEN entity END), MIN(entity)) AS entity, "
        "COALESCE(MIN(CASE WHEN how <> 'ner' THEN type END), MIN(type)) AS type, "
        "COUNT(*) AS mentions, COUNT(DISTINCT episode_id) AS episodes FROM mentions GROUP BY entity_key"
    )
    # The confirmed ones. An entity only the NER model found, in a single episode, is not listed:
    # a small model's guesses ("Bachelor", "Dynamic Optimization") rarely repeat across episodes;
    # real names do.
    ENTITIES = (
        ALL_ENTITIES + " HAVING MAX(CASE WHEN how <> 'ner' THEN 1 ELSE 0 END) = 1 OR COUNT(DISTINCT episode_id) >= 2"
    )
    FILTERS = FilterClauses(
        episode="m.episode_id = ?",
        # How the dialect looks inside a JSON list column: SQLite's json_each.
        speaker="EXISTS (SELECT 1 FROM json_each(m.speakers) WHERE lower(value) = lower(?))",
        speaker_labels="EXISTS (SELECT 1 FROM json_each(m.speakers) s, json_each(?) p "
        "WHERE json_extract(p.value, '$[0]') = m.episode_id AND lower(json_extract(p.value, '$[1]')) = lower(s.value))",
        guest=(
            "EXISTS (SELECT 1 FROM json_each(e.guests) WHERE "
            "replace(replace(replace(lower(value), ' ', ''), '-', ''), '_', '') LIKE ?)"
        ),
        guest_episodes="m.episode_id IN (SELECT value FROM json_each(?))",
        season="e.season = ?",
        date_from="e.date >= ?",
        date_to="e.date <= ?",
        entity=(
            "EXISTS (SELECT 1 FROM mentions x WHERE x.episode_id = m.episode_id AND x.entity_key = ? "
            "AND x.segment BETWEEN m.first_segment AND m.last_segment "
            # A long turn is cut into several moments: only those holding the words count.
            "AND lower(m.text) LIKE '%' || lower(x.surface) || '%')"
        ),
        show="e.show = ?",  # as stored: search resolves the name asked to it
    )

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # isolation_level=None: we open transactions ourselves, one per episode.
        # check_same_thread=False: the web server hands requests to worker threads; it
        # serialises access to the store itself.
        # Rows are plain tuples: what leaves the store is built from them by position.
        self.read_only = read_only_location(self.path)
        target: str | Path = f"{self.path.resolve().as_uri()}?immutable=1" if self.read_only else self.path
        self.conn = sqlite3.connect(target, isolation_level=None, timeout=30, check_same_thread=False,
                                    uri=self.read_only)  # fmt: skip
        self._writes = 0
        if refused := foreign_database(self.path, self.conn):  # migrating would add podsift's tables to it
            self.conn.close()
            raise ArchiveUnavailable(refused)
        if not self.read_only:
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
            if self.read_only:
                raise ReadOnlyArchive(f"{self.path}: made by an older podsift, it needs upgrading, which writes it, "
                                      f"and its folder {self.path.parent} is read-only; upgrade a copy in a writable folder")
            # Another process opening the same new file may be migrating it too: the check
            # is repeated under the write lock, and each migration is one transaction.
            with self.transaction():
                if self.conn.execute("SELECT 1 FROM _migrations WHERE version = ?", (version,)).fetchone():
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)", (version, name, now()))
            applied.append(name)
        return applied

    # -- writing ----------------------------------------------------------------

    def transaction(self) -> "_Transaction":
        if self.read_only:
            raise ReadOnlyArchive(f"{self.path}: its folder {self.path.parent} is read-only, so podsift can read "
                                  "this archive but not change it; copy it to a writable folder to change it")
        self._writes += 1
        return _Transaction(self)

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever this file's content may have: caches compare it before reuse."""
        # data_version moves on other connections' commits, _writes on our own.
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes

    def save_episode(
        self, episode: Episode, moments: Sequence[Moment], mentions: Sequence[Mention] = (), *, new: bool = False
    ) -> None:
        with self.transaction():  # BEGIN IMMEDIATE: no other writer between the check and the insert
            if new and self.conn.execute(
                "SELECT 1 FROM episodes WHERE id = ? OR source_path = ?", (episode.id, episode.source_path)
            ).fetchone():
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
            self.conn.executemany(
                'INSERT INTO segments (episode_id, ordinal, start, "end", speaker, text, directions, chapter) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                segment_values(episode),
            )
            self._insert_moments(episode.id, moments)
            self._insert_mentions(episode.id, mentions)
            self.conn.executemany(
                "INSERT INTO repairs (episode_id, ordinal, kind, detail, location) VALUES (?, ?, ?, ?, ?)",
                repair_values(episode),
            )

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

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def flush_index(self) -> int:
        """Index the moments still waiting in the backlog, in one transaction."""
        waiting = self.conn.execute("SELECT COUNT(*) FROM fts_backlog").fetchone()[0]
        if not waiting:
            return 0
        if self.read_only:  # its words would go unfound: say so rather than answer "no moments match"
            raise ReadOnlyArchive(f"{self.path}: {counted(waiting, 'moment')} {'waits' if waiting == 1 else 'wait'} to be indexed for word search, and its folder "
                                  f"{self.path.parent} is read-only; set PODSIFT_INDEXES to a folder this user can "
                                  "write (the index is kept there), or copy the archive to a writable folder")  # fmt: skip
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
        """A consistent copy of the whole file, even while others read and write it: written
        beside ``target`` and moved onto it whole, or an OSError saying why not (none is left)."""
        target = Path(target)
        staging = target.with_name(target.name + ".partial")
        made = False
        try:
            # Made first for the system's reason (no such folder, read-only), which SQLite's "unable to open" hides.
            staging.open("wb").close()
            made = True
            destination = sqlite3.connect(staging)
            try:
                self.conn.backup(destination)
            finally:
                destination.close()
            os.replace(staging, target)
        except OSError:
            if made:
                staging.unlink(missing_ok=True)
            raise
        except sqlite3.Error as err:  # a full disk, say
            staging.unlink(missing_ok=True)
            raise OSError(str(err)) from err

    def close(self) -> None:
        self.conn.close()

    def _write_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int]:
        with self.transaction():
            return [self.conn.execute(sql, params).rowcount for sql, params in statements]

    def _fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params or ()).fetchall()

    def _fetch_one(self, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...] | None:
        return self.conn.execute(sql, params or ()).fetchone()

    # -- what search reads -----------------------------------------------------------

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
            f"e.youtube_id, e.media_url, {self.ESTIMATED}, m.first_segment "
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
        if self.read_only:  # nothing can be made beside it: this machine keeps a copy, as for PostgreSQL
            return local_dir_for(str(self.path.resolve()), "PODSIFT_INDEXES", "indexes")
        return index_beside(self.path)

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

    def vectors(self, model: str, batch: int = 5000) -> Iterator[list[tuple[str, bytes]]]:
        cursor = self.conn.execute("SELECT text_hash, vector FROM embeddings WHERE model = ? ORDER BY text_hash",
                                   (model,))  # fmt: skip
        while rows := cursor.fetchmany(batch):
            yield [(h, bytes(v)) for h, v in rows]

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

    def __init__(self, store: "SQLiteStore") -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        try:
            self.store.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            # A view kept during the transaction saw it half done, or rolled back: not the archive.
            self.store._writes += 1


def read_only_location(path: Path) -> bool:
    """Whether the file can only be read where it lies (read-only media, a read-only mount or folder).

    WAL mode writes a shared-memory file beside the database even to read it; where none can be
    made, SQLite reads a WAL file only as immutable. That is safe only when no one is writing it,
    and a writer would have left its ``-wal`` file beside it: with one there, the file is not opened.
    """
    import os

    folder = path.parent
    if not path.is_file() or os.access(folder, os.W_OK):
        return False
    if Path(f"{path}-wal").exists():
        raise ReadOnlyArchive(f"{path}: its folder {folder} is read-only, and changes not yet merged into the file "
                              f"wait in {path.name}-wal; open it once where it can be written")
    return True

"""The SQLite store: one file, WAL mode, plain tables, versioned migrations."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import re
from typing import TYPE_CHECKING

from podsift.model import Chapter, Episode, Repair, Segment
from podsift.moments import Moment, build_moments, episode_profile, text_hash

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery

# BM25 column weights: the words said count fully; the context (chapter title and
# the question before) helps find a moment but should not outrank it.
TEXT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

_EPISODE_COLUMNS = (
    "id", "title", "show", "season", "episode_number", "guests", "date", "duration",
    "youtube_id", "media_url", "page_url", "source_path", "source_format", "content_hash",
    "extra",
)  # fmt: skip


@dataclass(frozen=True)
class EpisodeSummary:
    id: str
    title: str | None
    source_format: str | None
    segments: int
    chapters: int
    duration: float | None


@dataclass(frozen=True)
class StoredSource:
    """What the store knows of an already-ingested file, to skip unchanged ones."""

    episode_id: str
    source_path: str | None
    content_hash: str | None


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    found = []
    for entry in resources.files("podsift.store").joinpath("migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore:
    """Episodes, chapters, segments and repair reports in one SQLite file."""

    # Whether an episode's times are estimates, read from its JSON ``extra``.
    ESTIMATED = "json_extract(e.extra, '$.times_estimated')"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # isolation_level=None: we open transactions ourselves, one per episode.
        # check_same_thread=False: the web server hands requests to worker threads; it
        # serialises access to the store itself.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._writes = 0
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        # Fewer, larger checkpoints: ingest writes tens of MB in many small transactions.
        self.conn.execute("PRAGMA wal_autocheckpoint=10000")
        self.migrate()

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
            # executescript runs triggers' inner statements whole; BEGIN/COMMIT keep it atomic.
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\n;INSERT INTO _migrations VALUES "
                    f"({version}, '{name}', '{_now()}');\nCOMMIT;"
                )
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
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
        self, episode: Episode, moments: list[Moment] | None = None, mentions: "list[Mention] | None" = None
    ) -> None:
        """Insert or replace an episode and everything under it, moments and mentions included, atomically."""
        if moments is None:
            moments = build_moments(episode)
        row = _episode_row(episode)
        chapter_of = _chapter_index(episode)
        with self.transaction():
            # ON DELETE CASCADE clears the old chapters, segments and repairs.
            self.conn.execute("DELETE FROM episodes WHERE id = ?", (episode.id,))
            profile = episode_profile(episode)
            self.conn.execute(
                f"INSERT INTO episodes ({', '.join(_EPISODE_COLUMNS)}, ingested_at, profile, profile_hash) "
                f"VALUES ({', '.join('?' * len(_EPISODE_COLUMNS))}, ?, ?, ?)",
                (*row, _now(), profile, text_hash(profile)),
            )
            self.conn.executemany(
                "INSERT INTO chapters (episode_id, ordinal, title, start, first_segment, generated) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (episode.id, i, c.title, c.start, c.first_segment, int(c.generated))
                    for i, c in enumerate(episode.chapters)
                ],
            )
            self.conn.executemany(
                "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        episode.id, s.ordinal, s.start, s.end, s.speaker, s.text,
                        json.dumps(s.directions, ensure_ascii=False) if s.directions else None,
                        chapter_of[s.ordinal],
                    )
                    for s in episode.segments
                ],
            )  # fmt: skip
            self._insert_moments(episode, moments)
            self._insert_mentions(episode.id, mentions or [])
            self.conn.executemany(
                "INSERT INTO repairs VALUES (?, ?, ?, ?, ?)",
                [
                    (episode.id, i, r.kind, r.detail, r.where)
                    for i, r in enumerate(episode.repairs)
                ],
            )

    def _insert_mentions(self, episode_id: str, mentions: "list[Mention]") -> None:
        from podsift.entities.gazetteer import name_key

        self.conn.executemany(
            "INSERT INTO mentions (episode_id, segment, entity, entity_key, type, surface, how) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(episode_id, m.segment, m.entity, name_key(m.entity), m.type, m.surface, m.how) for m in mentions],
        )

    def replace_mentions(self, episode_id: str, mentions: "list[Mention]") -> None:
        """An episode's mentions found anew (after the gazetteer or the user's aliases changed)."""
        with self.transaction():
            self.conn.execute("DELETE FROM mentions WHERE episode_id = ?", (episode_id,))
            self._insert_mentions(episode_id, mentions)

    # -- entities: what mentions say ---------------------------------------------------

    def entity_counts(self, kind: str | None = None) -> list[Any]:
        """(entity, type, mentions, episodes) for every confirmed entity, most mentioned first."""
        where, params = ("WHERE type = ?", [kind]) if kind else ("", [])
        return self.conn.execute(
            f"SELECT entity, type, mentions, episodes FROM ({_ENTITIES}) t {where} ORDER BY mentions DESC, entity",
            params,
        ).fetchall()

    def entity(self, key: str) -> Any:
        """(entity, type, mentions, episodes) of the entity with this key, confirmed or not; None if never named."""
        return self.conn.execute(
            f"SELECT entity, type, mentions, episodes FROM ({_ENTITIES.replace(_CONFIRMED, '')}) t WHERE entity_key = ?",
            (key,),
        ).fetchone()

    def entity_mentions(self, key: str) -> list[Any]:
        """Every mention of the entity with this key, with its segment's time, speaker and words."""
        return self.conn.execute(
            "SELECT x.entity, x.type, x.surface, x.how, x.episode_id, e.title, e.youtube_id, e.media_url, "
            f"{self.ESTIMATED} AS estimated, s.ordinal, s.start, s.speaker, s.text "
            "FROM mentions x JOIN segments s ON s.episode_id = x.episode_id AND s.ordinal = x.segment "
            "JOIN episodes e ON e.id = x.episode_id WHERE x.entity_key = ? "
            "ORDER BY e.date DESC, e.id, s.ordinal",
            (key,),
        ).fetchall()

    def co_mentioned(self, key: str, limit: int = 15) -> list[Any]:
        """(entity, type, episodes) of confirmed entities named in the same episodes as this one."""
        return self.conn.execute(
            f"SELECT t.entity, t.type, COUNT(DISTINCT o.episode_id) AS episodes FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key "
            "WHERE o.entity_key != ? AND o.episode_id IN (SELECT episode_id FROM mentions WHERE entity_key = ?) "
            "GROUP BY t.entity, t.type ORDER BY episodes DESC, COUNT(*) DESC, t.entity LIMIT ?",
            (key, key, limit),
        ).fetchall()

    def episode_entities(self, episode_id: str) -> list[Any]:
        """(entity, type, mentions, first segment) of confirmed entities named in one episode."""
        return self.conn.execute(
            "SELECT t.entity, t.type, COUNT(*) AS mentions, min(o.segment) AS first_segment FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key WHERE o.episode_id = ? "
            "GROUP BY t.entity, t.type ORDER BY mentions DESC, t.entity",
            (episode_id,),
        ).fetchall()

    def all_mentions(self) -> list[Any]:
        """(episode id, entity, type, speaker) of every mention of a confirmed entity, for the graph."""
        return self.conn.execute(
            "SELECT o.episode_id, t.entity, t.type, s.speaker FROM mentions o "
            f"JOIN ({_ENTITIES}) t ON t.entity_key = o.entity_key "
            "JOIN segments s ON s.episode_id = o.episode_id AND s.ordinal = o.segment ORDER BY o.episode_id, o.segment"
        ).fetchall()

    # -- people: who is a guest and who speaks (podsift/people.py combines them) --------

    def episode_guests(self) -> list[Any]:
        """(id, title, date, guests) of every episode; guests as stored, a JSON list of names."""
        return self.conn.execute("SELECT id, title, date, guests FROM episodes ORDER BY id").fetchall()

    def episode_speakers(self) -> list[Any]:
        """(episode_id, speaker, turns, first_segment, first_start) of every speaker label of every episode."""
        return self.conn.execute(
            "SELECT episode_id, speaker, COUNT(*) AS turns, MIN(ordinal) AS first_segment, MIN(start) AS first_start "
            "FROM segments WHERE speaker IS NOT NULL GROUP BY episode_id, speaker ORDER BY episode_id, speaker"
        ).fetchall()

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def rebuild_stale_moments(self) -> int:
        """Re-cut every episode's moments if they were cut by another version; returns how many episodes."""
        from podsift import moments

        if self.setting("moments_version") == str(moments.VERSION):
            return 0
        ids = sorted(self.episode_ids())
        for episode_id in ids:
            episode = self.get_episode(episode_id)
            assert episode is not None
            with self.transaction():
                self.conn.execute("DELETE FROM moments WHERE episode_id = ?", (episode_id,))
                self._insert_moments(episode, moments.build_moments(episode))
        self.set_setting("moments_version", str(moments.VERSION))
        self.flush_index()
        return len(ids)

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

    def _insert_moments(self, episode: Episode, moments: list[Moment]) -> None:
        self.conn.executemany(
            "INSERT INTO moments (episode_id, ordinal, start, \"end\", speakers, chapter, "
            "first_segment, last_segment, text, context, embed_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    episode.id, m.ordinal, m.start, m.end,
                    json.dumps(m.speakers, ensure_ascii=False), m.chapter,
                    m.first_segment, m.last_segment, m.text, m.context, m.embed_hash,
                )
                for m in moments
            ],
        )  # fmt: skip

    def save_vectors(self, model: str, vectors: list[tuple[str, bytes]]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, text_hash, blob) for text_hash, blob in vectors],
            )

    # -- reading ----------------------------------------------------------------

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
        row = self.conn.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        if row is None:
            return None
        fields = {c: row[c] for c in _EPISODE_COLUMNS}
        episode = Episode(
            **fields | {"guests": json.loads(row["guests"]), "extra": json.loads(row["extra"])}
        )
        episode.chapters = [
            Chapter(r["title"], r["start"], r["first_segment"], bool(r["generated"]))
            for r in self._rows("chapters", episode_id)
        ]
        episode.segments = [_segment(r) for r in self._rows("segments", episode_id)]
        episode.repairs = [
            Repair(r["kind"], r["detail"], r["location"]) for r in self._rows("repairs", episode_id)
        ]
        return episode

    # -- what search reads -----------------------------------------------------------
    # Search and ask reach the database only through these methods, so another backend
    # (PostgreSQL, issue 7) implements the same list.

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
        return _filter_sql(filters)

    def says(self, words: list[str]) -> bool:
        """Whether any moment contains these words in this order (as the index stems them)."""
        if not words:
            return False
        match = '"' + " ".join(w.replace('"', "") for w in words) + '"'
        return self.conn.execute("SELECT 1 FROM moments_fts WHERE moments_fts MATCH ? LIMIT 1", (match,)).fetchone() is not None

    def moments_passing(self, filters: "SearchFilters", moment_ids: list[int]) -> set[int]:
        """Which of these moments the filters keep (a search index ranks, then asks)."""
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

    def has_vectors(self, model: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM moments m JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash LIMIT 1",
            (model,),
        ).fetchone()
        return row is not None

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

    def episodes_of(self, moment_ids: list[int]) -> dict[int, str]:
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(f"SELECT id, episode_id FROM moments WHERE id IN ({marks})", moment_ids)
        return {row[0]: row[1] for row in rows}

    def moment_rows(self, moment_ids: list[int]) -> dict[int, Any]:
        """What a search hit shows of each moment, with its episode's title and links."""
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(
            'SELECT m.id, m.episode_id, e.title, m.start, m."end", m.speakers, m.chapter, m.text, '
            f"e.youtube_id, e.media_url, {self.ESTIMATED} AS estimated "
            f"FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE m.id IN ({marks})",
            moment_ids,
        )
        return {row["id"]: row for row in rows}

    def unembedded(self, model: str) -> list[tuple[str, str | None, str]]:
        """(embed hash, chapter, text) of each distinct moment text with no vector yet."""
        return self.conn.execute(
            """
            SELECT m.embed_hash, m.chapter, m.text FROM moments m
            WHERE NOT EXISTS (SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = m.embed_hash)
            GROUP BY m.embed_hash
            """,
            (model,),
        ).fetchall()

    def unembedded_profiles(self, model: str) -> list[tuple[str, str]]:
        """(profile hash, profile) of each distinct episode profile with no vector yet."""
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

    def show_speakers(self, show: str, exclude: str = "") -> tuple[int, list[tuple[str, int]]]:
        """How many episodes a show has (but ``exclude``), and in how many each speaker speaks."""
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

    def episode_moments(self, episode_id: str) -> list[tuple[int, int, int, float | None, str]]:
        """(id, first_segment, last_segment, start, text) of each of an episode's moments, in order."""
        rows = self.conn.execute(
            "SELECT id, first_segment, last_segment, start, text FROM moments WHERE episode_id = ? ORDER BY ordinal",
            (episode_id,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def episode_moment_texts(self, episode_id: str) -> list[tuple[int, int, str | None, str]]:
        """(first_segment, last_segment, chapter, text) of each of an episode's moments, in order."""
        rows = self.conn.execute(
            "SELECT first_segment, last_segment, chapter, text FROM moments WHERE episode_id = ? ORDER BY ordinal",
            (episode_id,),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def moment_segments(self, moment_ids: list[int]) -> dict[int, list[Segment]]:
        """The segments each moment was cut from, in order (a long one only partly in it)."""
        if not moment_ids:
            return {}
        marks = ",".join("?" * len(moment_ids))
        rows = self.conn.execute(
            "SELECT m.id AS moment_id, s.* FROM moments m JOIN segments s "
            "ON s.episode_id = m.episode_id AND s.ordinal BETWEEN m.first_segment AND m.last_segment "
            f"WHERE m.id IN ({marks}) ORDER BY m.id, s.ordinal",
            moment_ids,
        )
        out: dict[int, list[Segment]] = {i: [] for i in moment_ids}
        for row in rows:
            out[row["moment_id"]].append(_segment(row))
        return out

    def _rows(self, table: str, episode_id: str) -> Iterator[sqlite3.Row]:
        return self.conn.execute(
            f"SELECT * FROM {table} WHERE episode_id = ? ORDER BY ordinal", (episode_id,)
        )

    def counts(self) -> dict[str, int]:
        return {
            table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("episodes", "chapters", "segments", "repairs", "moments", "mentions")
        }

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the whole file, even while others read and write it."""
        destination = sqlite3.connect(target)
        try:
            self.conn.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (even KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _episode_row(episode: Episode) -> tuple[Any, ...]:
    values = []
    for column in _EPISODE_COLUMNS:
        value = getattr(episode, column)
        if column in ("guests", "extra"):
            value = json.dumps(value, ensure_ascii=False, default=str)
        values.append(value)
    return tuple(values)


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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _segment(row: sqlite3.Row) -> Segment:
    directions = json.loads(row["directions"]) if row["directions"] else []
    return Segment(row["ordinal"], row["start"], row["end"], row["speaker"], row["text"], directions)


# How each dialect looks inside a JSON list column: SQLite's json_each here.
SPEAKER_CLAUSE = "EXISTS (SELECT 1 FROM json_each(m.speakers) WHERE lower(value) = lower(?))"
# Guests are stored as the source wrote them, often slugs ("lavanyagupta"): compare
# letters and digits only, so "Lavanya Gupta" finds them.
GUEST_CLAUSE = (
    "EXISTS (SELECT 1 FROM json_each(e.guests) WHERE "
    "replace(replace(replace(lower(value), ' ', ''), '-', ''), '_', '') LIKE ?)"
)


# An entity only the NER model found, in a single episode, is not listed: a small model's
# guesses ("Bachelor", "Dynamic Optimization") rarely repeat across episodes; real names do.
_CONFIRMED = "HAVING MAX(CASE WHEN how <> 'ner' THEN 1 ELSE 0 END) = 1 OR COUNT(DISTINCT episode_id) >= 2"
# One row per entity: its name and type as the gazetteer gives them (else as the model said).
_ENTITIES = (
    "SELECT entity_key, COALESCE(MIN(CASE WHEN how <> 'ner' THEN entity END), MIN(entity)) AS entity, "
    "COALESCE(MIN(CASE WHEN how <> 'ner' THEN type END), MIN(type)) AS type, "
    "COUNT(*) AS mentions, COUNT(DISTINCT episode_id) AS episodes FROM mentions GROUP BY entity_key " + _CONFIRMED
)


def _filter_sql(
    filters: "SearchFilters", speaker_clause: str = SPEAKER_CLAUSE, guest_clause: str = GUEST_CLAUSE
) -> tuple[str, list[Any]]:
    """A WHERE fragment over moments ``m`` joined to episodes ``e``, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.episode is not None:
        clauses.append("m.episode_id = ?")
        params.append(filters.episode)
    if filters.speaker is not None:
        clauses.append(speaker_clause)
        params.append(filters.speaker.strip())
    if filters.guest is not None:
        clauses.append(guest_clause)
        params.append(f"%{_NOT_ALNUM.sub('', filters.guest.lower())}%")
    if filters.season is not None:
        clauses.append("e.season = ?")
        params.append(filters.season)
    if filters.date_from is not None:
        clauses.append("e.date >= ?")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("e.date <= ?")
        params.append(filters.date_to + "\uffff")  # a date-time on the last day still counts
    if filters.entity is not None:
        from podsift.entities.gazetteer import name_key

        clauses.append(
            "EXISTS (SELECT 1 FROM mentions x WHERE x.episode_id = m.episode_id AND x.entity_key = ? "
            "AND x.segment BETWEEN m.first_segment AND m.last_segment "
            # A long turn is cut into several moments: only those holding the words count.
            "AND lower(m.text) LIKE '%' || lower(x.surface) || '%')"
        )
        params.append(name_key(filters.entity))
    return (" AND ".join(clauses), params)

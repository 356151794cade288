"""The PostgreSQL store, for a shared server: the same interface as the SQLite one, in its own SQL.

Lexical search is a generated ``tsvector`` with a GIN index, ranked by ``ts_rank_cd``;
vectors are pgvector columns with an HNSW index per model, searched in the database.
JSON columns are read with ``jsonb`` functions. Every write transaction bumps a
counter, so caches in any process can tell the archive changed.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import TupleRow, tuple_row

from podsift.model import Episode, Segment
from podsift.moments import Moment
from podsift.store.base import (
    EPISODE_COLUMNS,
    ArchiveUnavailable,
    EpisodeIdTaken,
    FilterClauses,
    MomentRow,
    another_programs,
    chapter_values,
    episode_values,
    local_dir_for,
    lost_schema,
    mention_values,
    moment_row,
    moment_values,
    now,
    repair_values,
    segment_from,
    segment_values,
)  # fmt: skip
from podsift.store.shared_sql import SQLStore

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery

def _not_the_error(record: logging.LogRecord) -> bool:
    """psycopg warns, for each statement left in a batch a failed row aborted, that it ignored its
    end; the row's own error is raised and said in one line, so these only bury it."""
    return not record.getMessage().startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_not_the_error)

# ts_rank_cd weights for D, C, B, A: the words said (A) count fully, the context (B) half.
RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# ts_rank_cd normalisation 32 (rank / (rank + 1)) saturates like BM25 term frequency: on the
# dev questions it scored hit@5 0.77 and MRR 0.625, against 0.61 and 0.447 for 1 (log length).
RANK_NORMALIZATION = 32
# Lexical search ranks only the moments that say a query word found in at most this share of
# all moments, if the query has one: on the dev questions MRR@10 0.625 as when ranking every
# match (0.612 at 0.02), p50 90 against 350 ms; at 10x (benchmarks/scale.py) 401 against 1,007 ms.
CANDIDATE_SHARE = 0.05
# Candidates the HNSW index returns per query (pgvector's default, 40, is too few to fuse).
HNSW_EF_SEARCH = 400
# Saving this many vectors at once refreshes the planner's statistics.
ANALYZE_AFTER = 256


def migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("podsift.store").joinpath("migrations_pg").iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def podsift_schema(version: int | None = None) -> tuple[dict[str, list[str]], set[str]]:
    """The columns of each table the migrations up to ``version`` (all, by default) create, by
    table, and the names of the triggers they create: read from podsift's own migrations, whose
    statements are plain (CREATE TABLE, ALTER TABLE ... ADD COLUMN, CREATE TRIGGER)."""
    tables: dict[str, list[str]] = {}
    triggers = set()
    for number, _, script in migrations():
        if version is not None and number > version:
            continue
        script = re.sub(r"--[^\n]*", "", script)
        for made in re.finditer(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+) \(", script):
            parts, depth, part = [], 1, ""
            for char in script[made.end():]:  # to the closing parenthesis, split at the commas between columns
                depth += (char == "(") - (char == ")")
                if not depth or (char == "," and depth == 1):
                    parts.append(part)
                    part = ""
                    if not depth:
                        break
                else:
                    part += char
            words = [part.split()[0].strip('"') for part in parts if part.strip()]
            tables[made.group(1)] = [w for w in words if w.upper() not in ("PRIMARY", "UNIQUE", "FOREIGN", "CONSTRAINT", "CHECK")]
        for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", script):
            tables[table].append(column)
        triggers.update(re.findall(r"CREATE TRIGGER (\w+)", script))
    return tables, triggers


def foreign_database(conn: psycopg.Connection[TupleRow], url: str) -> str | None:
    """Why this database is no podsift archive (see ``another_programs``): tables of the schema
    podsift would write to; another schema of the same database is another program's own."""
    from podsift.store import shown_location

    tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    names = [name for (name,) in tables.fetchall()]
    columns = conn.execute("SELECT column_name FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name = '_migrations'")  # fmt: skip
    reason = another_programs(shown_location(url), "PostgreSQL", names, [name for (name,) in columns.fetchall()])
    return f"{reason}; name a new database or a podsift archive" if reason else None


class PostgresStore(SQLStore):
    """Episodes, moments and vectors in a PostgreSQL database (``postgresql://...``)."""

    vectors_in_database = True  # pgvector: the HNSW index ranks, no process holds the vectors
    local_file = False  # pg_dump, pg_restore and pg_amcheck look after it
    concurrent_sessions = True

    # -- the dialect, for the reads shared with SQLite (store/shared_sql.py) -------------

    PARAM = "%s"
    NO_LIMIT = "ALL"
    ESTIMATED = "(e.extra::jsonb ->> 'times_estimated')::boolean"
    GUEST_NAMES = "(e.extra::jsonb -> 'guest_names')::text"
    # One row per entity named anywhere: its name and type as the gazetteer gives them
    # (else as the model said).
    ALL_ENTITIES = (
        "SELECT entity_key, COALESCE(MIN(entity) FILTER (WHERE how <> 'ner'), MIN(entity)) AS entity, "
        "COALESCE(MIN(type) FILTER (WHERE how <> 'ner'), MIN(type)) AS type, "
        "COUNT(*) AS mentions, COUNT(DISTINCT episode_id) AS episodes FROM mentions GROUP BY entity_key"
    )
    # The confirmed ones: named by the gazetteer, or in at least two episodes (see the SQLite store).
    ENTITIES = ALL_ENTITIES + " HAVING bool_or(how <> 'ner') OR COUNT(DISTINCT episode_id) >= 2"
    FILTERS = FilterClauses(
        episode="m.episode_id = %s",
        # How the dialect looks inside a JSON list column: jsonb's array elements.
        speaker="EXISTS (SELECT 1 FROM jsonb_array_elements_text(m.speakers::jsonb) v WHERE lower(v) = lower(%s))",
        speaker_labels="EXISTS (SELECT 1 FROM jsonb_array_elements_text(m.speakers::jsonb) v, "
        "jsonb_array_elements(%s::jsonb) p WHERE p ->> 0 = m.episode_id AND lower(p ->> 1) = lower(v))",
        guest=(
            "EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.guests::jsonb) v WHERE "
            "regexp_replace(lower(v), '[^0-9a-z]+', '', 'g') LIKE %s)"
        ),
        guest_episodes="m.episode_id IN (SELECT jsonb_array_elements_text(%s::jsonb))",
        season="e.season = %s",
        date_from="e.date >= %s",
        date_to="e.date <= %s",
        entity=(
            "EXISTS (SELECT 1 FROM mentions x WHERE x.episode_id = m.episode_id AND x.entity_key = %s "
            "AND x.segment BETWEEN m.first_segment AND m.last_segment "
            # A long turn is cut into several moments: only those holding the words count.
            "AND lower(m.text) LIKE '%%' || lower(x.surface) || '%%')"
        ),
        show="e.show = %s",  # as stored: search resolves the name asked to it
    )

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: psycopg.Connection[TupleRow] = psycopg.connect(url, autocommit=True, row_factory=tuple_row)
        self._writes = 0
        # Counts lexical search reads on every query, kept until the archive's version moves.
        self._counts_version: tuple[int, int] | None = None
        self._df: dict[str, int] = {}
        self._total: int | None = None
        if refused := self._another_programs():  # migrating would add podsift's tables beside its own
            self.conn.close()
            raise ArchiveUnavailable(refused)
        self.migrate()
        register_vector(self.conn)
        # HNSW returns at most ef_search rows; search asks for a few hundred candidates.
        self.conn.execute(f"SET hnsw.ef_search = {HNSW_EF_SEARCH}")

    def _another_programs(self) -> str | None:
        return foreign_database(self.conn, self.url)

    @classmethod
    def open(cls, location: str) -> Self:
        try:
            return cls(location)
        except psycopg.Error as err:
            from podsift.store import shown_location

            # No server, no such database, a refused login, a failed migration: one line, the password masked.
            raise ArchiveUnavailable(f"{shown_location(location)}: cannot open the PostgreSQL database ({one_line(err)})") from err

    @property
    def location(self) -> str:
        return self.url

    # -- schema -----------------------------------------------------------------

    def migrate(self) -> list[str]:
        # One migrating process at a time: others wait here, then find the work done. The lock comes
        # first because CREATE ... IF NOT EXISTS is not safe against a concurrent CREATE in PostgreSQL.
        self.conn.execute("SELECT pg_advisory_lock(72100)")
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in self.conn.execute("SELECT version FROM _migrations").fetchall()}
            applied = []
            for version, name, sql in migrations():
                if version in done:
                    continue
                with self.conn.transaction():
                    self.conn.execute(sql)  # several statements: no parameters, so psycopg runs them as one script
                    if name == "0002_pgvector.sql":
                        self._copy_bytea_vectors()
                    self.conn.execute("INSERT INTO _migrations (version, name, applied_at) VALUES (%s, %s, %s)", (version, name, now()))
                applied.append(name)
            return applied
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(72100)")

    def _copy_bytea_vectors(self) -> None:
        import numpy as np

        register_vector(self.conn)
        rows = self.conn.execute("SELECT model, text_hash, vector FROM embeddings WHERE embedding IS NULL").fetchall()
        with self.conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE embeddings SET embedding = %s, vector = NULL WHERE model = %s AND text_hash = %s",
                [(np.frombuffer(bytes(blob), dtype=np.float32), model, h) for model, h, blob in rows],
            )

    # -- writing ----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN ... COMMIT, or ROLLBACK on any exception; each bumps the change counter."""
        self._writes += 1
        try:
            with self.conn.transaction():
                yield
                # Other processes' caches compare this counter (SQLite has data_version).
                self.conn.execute("UPDATE store_version SET n = n + 1")
        finally:
            # A view kept during the transaction saw it half done, or rolled back: not the archive.
            self._writes += 1

    @property
    def version(self) -> tuple[int, int]:
        return _scalar(self.conn.execute("SELECT n FROM store_version")), self._writes

    def save_episode(
        self, episode: Episode, moments: Sequence[Moment], mentions: Sequence[Mention] = (), *, new: bool = False
    ) -> None:
        try:
            self._save_episode(episode, moments, mentions, new)
        except psycopg.errors.UniqueViolation as err:
            # Two writers chose the same new id at once: the one that committed first keeps it
            # (a unique column added by hand is no race: said as such).
            if new and not lost_schema(err):
                raise EpisodeIdTaken(episode.id) from None
            raise

    def _save_episode(
        self, episode: Episode, moments: Sequence[Moment], mentions: Sequence[Mention], new: bool
    ) -> None:
        with self.transaction(), self.conn.cursor() as cursor:
            if not new:
                # ON DELETE CASCADE clears the old chapters, segments, repairs, moments and mentions.
                cursor.execute("DELETE FROM episodes WHERE id = %s", (episode.id,))
            cursor.execute(
                f"INSERT INTO episodes ({', '.join(EPISODE_COLUMNS)}, ingested_at, profile, profile_hash) "
                f"VALUES ({', '.join(['%s'] * (len(EPISODE_COLUMNS) + 3))})",
                episode_values(episode),
            )
            cursor.executemany(
                "INSERT INTO chapters (episode_id, ordinal, title, start, first_segment, generated) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                chapter_values(episode),
            )
            cursor.executemany(
                'INSERT INTO segments (episode_id, ordinal, start, "end", speaker, text, directions, chapter) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                segment_values(episode),
            )
            self._insert_moments(cursor, episode.id, moments)
            self._insert_mentions(cursor, episode.id, mentions)
            cursor.executemany(
                "INSERT INTO repairs (episode_id, ordinal, kind, detail, location) VALUES (%s, %s, %s, %s, %s)",
                repair_values(episode),
            )

    def replace_moments(self, episode_id: str, moments: Sequence[Moment]) -> None:
        with self.transaction(), self.conn.cursor() as cursor:
            cursor.execute("DELETE FROM moments WHERE episode_id = %s", (episode_id,))
            self._insert_moments(cursor, episode_id, moments)

    def _insert_moments(self, cursor: psycopg.Cursor[TupleRow], episode_id: str, moments: Sequence[Moment]) -> None:
        cursor.executemany(
            'INSERT INTO moments (episode_id, ordinal, start, "end", speakers, chapter, '
            "first_segment, last_segment, text, context, embed_hash) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            moment_values(episode_id, moments),
        )

    def _insert_mentions(self, cursor: psycopg.Cursor[TupleRow], episode_id: str, mentions: Sequence[Mention]) -> None:
        cursor.executemany(
            "INSERT INTO mentions (episode_id, segment, entity, entity_key, type, surface, how) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            mention_values(episode_id, mentions),
        )

    def replace_mentions(self, episode_id: str, mentions: Sequence[Mention]) -> None:
        with self.transaction(), self.conn.cursor() as cursor:
            cursor.execute("DELETE FROM mentions WHERE episode_id = %s", (episode_id,))
            self._insert_mentions(cursor, episode_id, mentions)

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def flush_index(self) -> int:
        return 0  # the tsvector column is generated with each row: nothing waits

    def save_vectors(self, model: str, vectors: list[tuple[str, bytes]]) -> None:
        import numpy as np

        with self.transaction(), self.conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO embeddings (model, text_hash, embedding) VALUES (%s, %s, %s) "
                "ON CONFLICT (model, text_hash) DO UPDATE SET embedding = excluded.embedding",
                [(model, h, np.frombuffer(blob, dtype=np.float32)) for h, blob in vectors],
            )
            if vectors:
                self.index_vectors(model, len(vectors[0][1]) // 4)
        if len(vectors) >= ANALYZE_AFTER:
            # Fresh statistics, or the planner, guessing a tiny table, passes over the index.
            self.conn.execute("ANALYZE embeddings")

    def index_vectors(self, model: str, dimensions: int) -> None:
        """One HNSW index per model: pgvector indexes only columns of a fixed dimension.

        Made with the model's first vectors and kept up to date from then on; a bulk load
        is faster inserting first and indexing after.
        """
        from psycopg import sql

        self.conn.execute(
            sql.SQL(
                "CREATE INDEX IF NOT EXISTS {} ON embeddings USING hnsw "
                "((embedding::vector({})) vector_ip_ops) WHERE model = {}"
            ).format(sql.Identifier(vector_index_name(model)), sql.Literal(dimensions), sql.Literal(model))
        )

    def drop_vectors(self, model: str) -> int:
        from psycopg import sql

        dropped = super().drop_vectors(model)
        # The index fixes the old vectors' dimension: new weights may have another.
        self.conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(vector_index_name(model))))
        return dropped

    def backup(self, target: str | Path) -> None:
        raise NotImplementedError("backup copies SQLite files; use pg_dump for PostgreSQL (local_file is False)")

    def close(self) -> None:
        self.conn.close()

    def reachable(self) -> bool:
        if self.conn.closed or self.conn.broken:
            return False
        try:
            self.conn.execute("SELECT 1")  # a restarted server is only noticed on use
        except psycopg.Error:
            return False
        return True

    def _write_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int]:
        with self.transaction():
            return [self.conn.execute(sql, params).rowcount for sql, params in statements]

    def _fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[TupleRow]:
        # None, not (): psycopg parses the SQL for placeholders only when given parameters.
        return self.conn.execute(sql, params).fetchall()

    def _fetch_one(self, sql: str, params: Sequence[Any] | None = None) -> TupleRow | None:
        return self.conn.execute(sql, params).fetchone()

    # -- what search reads -----------------------------------------------------------

    def moment_total(self) -> int:
        self._forget_stale_counts()
        if self._total is None:
            self._total = super().moment_total()
        return self._total

    def term_documents(self, term: str) -> int:
        if not term.strip():
            return 0  # the stemmer can reduce a word to nothing ("s")
        row = self.conn.execute(
            "SELECT COUNT(*) FROM moments WHERE tsv @@ to_tsquery('english', %s)", (_lexeme(term),)
        ).fetchone()
        return row[0] if row else 0

    def lexical_ranking(self, query: "ParsedQuery", filters: "SearchFilters", limit: int) -> list[tuple[int, float]]:
        """(moment id, score; lower is better, as with SQLite's bm25) for the best matches.

        ts_rank_cd knows nothing of how rare a word is, so each word is ranked on its
        own and weighted by its IDF, as BM25 would: measured on the dev questions, plain
        ts_rank_cd found the answer in the top 5 for 0.47 of them, this for more.
        """
        if query.empty:
            return []
        where, filter_params = self._filter_sql(filters)
        total = self.moment_total() + 1
        # Rank only the moments that say a rarer word, when the query has one: ranking every
        # match of its common words is most of the cost, and they seldom make the top alone.
        # Not under filters: the rarer words may not be said where the filters look.
        rare = [w for w in query.words if 0 < self._documents(w) <= CANDIDATE_SHARE * total and not filters.active]
        parts, params = _tsquery(replace(query, words=rare) if rare or query.phrases else query)
        terms, term_params = [], []
        for word in [*query.words, *(" ".join(p) for p in query.phrases)]:
            documents = self._documents(word)
            if documents:
                idf = math.log(1 + (total - documents + 0.5) / (documents + 0.5))
                function, argument = _word_query(word)
                terms.append(f"{idf:.6f} * ts_rank_cd('{RANK_WEIGHTS}', m.tsv, {function}, {RANK_NORMALIZATION})")
                term_params.append(argument)
        score = " + ".join(terms) or "0"
        required, required_params = _required(query)
        conditions = " ".join(f"AND {c}" for c in (required, where) if c)
        sql = (
            f"SELECT m.id, -({score}) AS score "
            f"FROM moments m JOIN episodes e ON e.id = m.episode_id, (SELECT {parts} AS query) q "
            f"WHERE m.tsv @@ q.query {conditions} ORDER BY score, m.id LIMIT %s"
        )
        rows = self.conn.execute(sql, [*term_params, *params, *required_params, *filter_params, limit]).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _documents(self, words: str) -> int:
        self._forget_stale_counts()
        if words not in self._df:
            query, arg = _word_query(words)
            self._df[words] = _scalar(self.conn.execute(f"SELECT COUNT(*) FROM moments WHERE tsv @@ {query}", (arg,)))
        return self._df[words]

    def _forget_stale_counts(self) -> None:
        """Drop the cached counts if the archive may have changed since they were taken (any
        transaction, in any process, moves the version)."""
        version = self.version
        if self._counts_version != version:
            self._counts_version, self._df, self._total = version, {}, None

    def says(self, words: list[str]) -> bool:
        if not words:
            return False
        row = self.conn.execute(
            "SELECT 1 FROM moments WHERE tsv @@ phraseto_tsquery('english', %s) LIMIT 1", (" ".join(words),)
        ).fetchone()
        return row is not None

    def moments_passing(self, filters: "SearchFilters", moment_ids: list[int]) -> set[int]:
        where, params = self._filter_sql(filters)
        if not moment_ids or not where:
            return set(moment_ids)
        sql = f"SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE m.id = ANY(%s) AND {where}"
        return {r[0] for r in self.conn.execute(sql, [list(moment_ids), *params])}

    def episodes_of(self, moment_ids: list[int]) -> dict[int, str]:
        if not moment_ids:
            return {}
        rows = self.conn.execute("SELECT id, episode_id FROM moments WHERE id = ANY(%s)", (moment_ids,))
        return {row[0]: row[1] for row in rows}

    def moment_rows(self, moment_ids: list[int]) -> dict[int, MomentRow]:
        if not moment_ids:
            return {}
        rows = self.conn.execute(
            'SELECT m.id, m.episode_id, e.title, m.start, m."end", m.speakers, m.chapter, m.text, '
            f"e.youtube_id, e.media_url, {self.ESTIMATED}, m.first_segment "
            "FROM moments m JOIN episodes e ON e.id = m.episode_id WHERE m.id = ANY(%s)",
            (moment_ids,),
        )
        return {row[0]: moment_row(*row) for row in rows}

    def moment_segments(self, moment_ids: list[int]) -> dict[int, list[Segment]]:
        if not moment_ids:
            return {}
        rows = self.conn.execute(
            'SELECT m.id, s.ordinal, s.start, s."end", s.speaker, s.text, s.directions FROM moments m JOIN segments s '
            "ON s.episode_id = m.episode_id AND s.ordinal BETWEEN m.first_segment AND m.last_segment "
            "WHERE m.id = ANY(%s) ORDER BY m.id, s.ordinal",
            (moment_ids,),
        )
        out: dict[int, list[Segment]] = {i: [] for i in moment_ids}
        for moment_id, *columns in rows:
            out[moment_id].append(segment_from(*columns))
        return out

    # -- what the on-disk lexical index reads ----------------------------------------------

    @property
    def lexical_index_dir(self) -> Path | None:
        # Each machine that searches keeps its own copy, caught up from lexical_changes.
        return local_dir_for(self.url, "PODSIFT_INDEXES", "indexes")

    @contextmanager
    def lexical_snapshot(self) -> Iterator[None]:
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    def moment_texts(self, episode_id: str | None = None, batch: int = 5000) -> Iterator[list[tuple[int, str, str, str]]]:
        where, params = ("WHERE episode_id = %s", (episode_id,)) if episode_id is not None else ("", ())
        # A server-side cursor: the whole archive is read a batch at a time, not at once.
        with self.conn.transaction(), self.conn.cursor(name="podsift_moment_texts") as cursor:
            cursor.execute(f"SELECT id, episode_id, text, context FROM moments {where}", params)
            while rows := cursor.fetchmany(batch):
                yield rows

    # -- vectors ---------------------------------------------------------------------

    def vectors(self, model: str, batch: int = 5000) -> Iterator[list[tuple[str, bytes]]]:
        with self.conn.transaction(), self.conn.cursor(name="podsift_vectors") as cursor:
            cursor.execute("SELECT text_hash, embedding FROM embeddings WHERE model = %s ORDER BY text_hash", (model,))
            while rows := cursor.fetchmany(batch):
                yield [(h, _blob(v)) for h, v in rows]

    def unembedded(self, model: str) -> list[tuple[str, str | None, str]]:
        rows = self.conn.execute(
            "SELECT DISTINCT ON (m.embed_hash) m.embed_hash, m.chapter, m.text FROM moments m "
            "WHERE NOT EXISTS (SELECT 1 FROM embeddings v WHERE v.model = %s AND v.text_hash = m.embed_hash)",
            (model,),
        )
        return [(h, chapter, text) for h, chapter, text in rows]

    def unembedded_profiles(self, model: str) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT DISTINCT ON (e.profile_hash) e.profile_hash, e.profile FROM episodes e "
            "WHERE e.profile != '' AND NOT EXISTS "
            "(SELECT 1 FROM embeddings v WHERE v.model = %s AND v.text_hash = e.profile_hash)",
            (model,),
        )
        return [(h, profile) for h, profile in rows]

    def moment_vectors(self, model: str) -> list[tuple[int, bytes, str]]:
        rows = self.conn.execute(
            "SELECT m.id, v.embedding, m.episode_id FROM moments m "
            "JOIN embeddings v ON v.model = %s AND v.text_hash = m.embed_hash ORDER BY m.id",
            (model,),
        )
        return [(i, _blob(vector), e) for i, vector, e in rows]

    def profile_vectors(self, model: str) -> list[tuple[str, bytes]]:
        rows = self.conn.execute(
            "SELECT e.id, v.embedding FROM episodes e JOIN embeddings v ON v.model = %s AND v.text_hash = e.profile_hash",
            (model,),
        )
        return [(e, _blob(vector)) for e, vector in rows]

    # -- vector search in the database (pgvector) -------------------------------------------
    # Vectors are unit length, so the inner product (<#>, negated) is the cosine.

    def profile_similarities(self, model: str, vector: Any) -> dict[str, float]:
        """Cosine of ``vector`` to each episode's profile."""
        rows = self.conn.execute(
            "SELECT e.id, -(v.embedding <#> %s) FROM episodes e "
            "JOIN embeddings v ON v.model = %s AND v.text_hash = e.profile_hash",
            (vector, model),
        )
        return {r[0]: float(r[1]) for r in rows}

    def nearest_moments(self, model: str, vector: Any, limit: int) -> list[tuple[int, str, float]]:
        """(moment id, episode id, cosine) of roughly the nearest ``limit``, from the HNSW index."""
        cast = f"::vector({len(vector)})"
        rows = self.conn.execute(
            f"WITH near AS (SELECT text_hash, embedding{cast} <#> %s{cast} AS d FROM embeddings "
            f"WHERE model = %s ORDER BY embedding{cast} <#> %s{cast} LIMIT %s) "
            "SELECT m.id, m.episode_id, -near.d FROM near JOIN moments m ON m.embed_hash = near.text_hash",
            (vector, model, vector, limit),
        )
        return [(r[0], r[1], float(r[2])) for r in rows]

    def boosted_moments(
        self,
        model: str,
        vector: Any,
        boosts: dict[str, float],
        filters: "SearchFilters",
        limit: int,
        episodes: list[str] | None = None,
    ) -> list[tuple[int, float]]:
        """Exactly the best ``limit`` moments by cosine plus their episode's boost, among those
        that pass ``filters`` (and are in ``episodes``, if given). No index: a scan of those rows."""
        where, params = self._filter_sql(filters)
        if episodes is not None:
            where = " AND ".join(filter(None, [where, "m.episode_id = ANY(%s)"]))
            params = [*params, episodes]
        rows = self.conn.execute(
            "SELECT m.id, -(v.embedding <#> %s) + coalesce(b.boost, 0) AS s "
            "FROM moments m JOIN embeddings v ON v.model = %s AND v.text_hash = m.embed_hash "
            "JOIN episodes e ON e.id = m.episode_id "
            "LEFT JOIN unnest(%s::text[], %s::float8[]) AS b(episode_id, boost) ON b.episode_id = m.episode_id "
            f"WHERE {where or 'TRUE'} ORDER BY s DESC LIMIT %s",
            (vector, model, list(boosts), list(boosts.values()), *params, limit),
        )
        return [(r[0], float(r[1])) for r in rows]

    def moment_similarities(self, model: str, vector: Any, moment_ids: list[int]) -> dict[int, float]:
        rows = self.conn.execute(
            "SELECT m.id, -(v.embedding <#> %s) FROM moments m "
            "JOIN embeddings v ON v.model = %s AND v.text_hash = m.embed_hash WHERE m.id = ANY(%s)",
            (vector, model, list(moment_ids)),
        )
        return {r[0]: float(r[1]) for r in rows}


def one_line(err: psycopg.Error) -> str:
    """Why ``err`` happened, in a line: the server's message and its hint, without the DETAIL or
    the statement's LINE and caret; for a connection libpq refused, its reason without the socket
    or address it tried (the caller names the database), and its advice."""
    if err.sqlstate and err.diag.message_primary:
        hint = err.diag.message_hint
        return err.diag.message_primary + (f"; {hint}" if hint else "")
    reason, advice = "", ""
    for line in str(err).splitlines():
        if line.startswith("\t") and reason and not advice:  # libpq's advice under its reason
            advice = line.strip()
        elif line.startswith("HINT:") and not advice:
            advice = line.removeprefix("HINT:").strip()
        elif not reason and line.strip() and not line.startswith("Multiple connection attempts failed"):
            # 'connection failed: connection to server at "::1", port 5432 failed: FATAL:  database "x" does not exist'
            reason = re.sub(r"^(?:.*\bfailed: )?(?:(?:FATAL|ERROR):\s+)?", "", line).strip()
    reason = reason or type(err).__name__
    return f"{reason}; {advice[0].lower()}{advice[1:]}" if advice else reason


def _scalar(cursor: psycopg.Cursor[TupleRow]) -> Any:
    """The first column of a query's one row (COUNT, MAX and the like always return one)."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]


def vector_index_name(model: str) -> str:
    return "embeddings_hnsw_" + hashlib.sha1(model.encode()).hexdigest()[:12]


def _blob(vector: Any) -> bytes:
    """A pgvector value as the float32 bytes the SQLite store keeps."""
    return vector.to_numpy().astype("float32").tobytes()


def _lexeme(word: str) -> str:
    """A word as one quoted tsquery lexeme (any quote inside doubled)."""
    return "'" + word.replace("'", "''").replace("\\", "") + "'"


def _word_query(word: str) -> tuple[str, str]:
    """The tsquery for one query word (SQL with one %s parameter, and the parameter).

    "embed*" asks for a prefix; anything else goes through the English stemmer.
    """
    if word.endswith("*") and len(word) > 1:
        return "to_tsquery('simple', %s)", _lexeme(word.rstrip("*").lower()) + ":*"
    return "plainto_tsquery('english', %s)", word


def _tsquery(query: "ParsedQuery") -> tuple[str, list[Any]]:
    """A tsquery expression (SQL with %s parameters) for a parsed query, never a syntax error."""
    params: list[Any] = []
    ranked: list[str] = []
    for word in query.words:
        function, argument = _word_query(word)
        ranked.append(function)
        params.append(argument)
    for phrase in query.phrases:
        ranked.append("phraseto_tsquery('english', %s)")
        params.append(" ".join(phrase))
    return "(" + " || ".join(ranked) + ")", params


def _required(query: "ParsedQuery") -> tuple[str, list[Any]]:
    """Phrases that must be said, and words that must not be, in the words said (weight A)."""
    clauses, params = [], []
    for phrase in query.phrases:
        clauses.append("ts_filter(m.tsv, '{a}') @@ phraseto_tsquery('english', %s)")
        params.append(" ".join(phrase))
    for word in query.excluded:
        # phraseto_tsquery: an excluded "data engineering" (or 工程, -self-service) is a phrase.
        clauses.append("NOT ts_filter(m.tsv, '{a}') @@ phraseto_tsquery('english', %s)")
        params.append(word)
    return " AND ".join(clauses), params

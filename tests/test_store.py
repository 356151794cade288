"""The store on both backends: migrations, no-op re-ingest, atomic replacement; SQLite's readable file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from podsift.ingest import ingest
from podsift.model import Episode
from podsift.moments import build_moments
from podsift.store import is_url, open_store, postgres, sqlite

SRT = """1
00:00:01,000 --> 00:00:04,000
Maya: Welcome back to the show.

2
00:00:04,500 --> 00:00:09,000
Jonas: Thanks, glad to be here.
"""


def test_schema_is_plain_sqlite_any_tool_can_read(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(db_path) as store:
        ingest([src], store)
    # The sqlite3 module stands in for "any SQLite tool": no podsift code involved.
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"episodes", "chapters", "segments", "repairs", "_migrations"} <= tables
    rows = conn.execute(
        'SELECT speaker, start, "end", text FROM segments WHERE episode_id = ? ORDER BY ordinal',
        ("talk",),
    ).fetchall()
    assert rows == [
        ("Maya", 1.0, 4.0, "Welcome back to the show."),
        ("Jonas", 4.5, 9.0, "Thanks, glad to be here."),
    ]


def test_migrations_are_versioned_and_applied_once(backend_db: str) -> None:
    bundled = (postgres if is_url(backend_db) else sqlite).migrations()
    assert [v for v, _, _ in bundled] == sorted({v for v, _, _ in bundled})
    with open_store(backend_db) as store:
        assert store.schema_version == bundled[-1][0]
        assert store.migrate() == []  # reopening applies nothing twice
    with open_store(backend_db) as store:
        assert store.migrate() == []
    # Read with the database's own driver, no podsift code involved.
    if is_url(backend_db):
        import psycopg

        conn = psycopg.connect(backend_db)
    else:
        conn = sqlite3.connect(backend_db)
    applied = conn.execute("SELECT version, name FROM _migrations ORDER BY version").fetchall()
    conn.close()
    assert applied == [(v, n) for v, n, _ in bundled]


def test_sessions_opening_a_new_archive_at_once_all_get_it(backend_db: str) -> None:
    """Two `podsift ingest` runs on an empty PostgreSQL database once failed: both created the
    migrations table at the same moment, and one stopped with a duplicate-key error."""
    from concurrent.futures import ThreadPoolExecutor

    def open_and_read(_: int) -> int:
        with open_store(backend_db) as store:
            return store.schema_version

    with ThreadPoolExecutor(8) as pool:
        versions = list(pool.map(open_and_read, range(8)))
    assert versions == [(postgres if is_url(backend_db) else sqlite).migrations()[-1][0]] * 8


def test_reingesting_unchanged_content_is_a_no_op(backend_db: str, tmp_path: Path) -> None:
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        first = ingest([src], store)
        stamp = store.conn.execute("SELECT ingested_at FROM episodes").fetchone()[0]
        time.sleep(1.1)
        second = ingest([src], store)
        assert [o.status for o in first.outcomes] == ["added"]
        assert [o.status for o in second.outcomes] == ["unchanged"]
        assert store.conn.execute("SELECT ingested_at FROM episodes").fetchone()[0] == stamp


def test_changed_file_replaces_its_episode(backend_db: str, tmp_path: Path) -> None:
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        ingest([src], store)
        src.write_text(SRT.replace("glad to be here", "happy to join"), encoding="utf-8")
        outcome = ingest([src], store).outcomes[0]
        assert (outcome.status, outcome.episode_id) == ("updated", "talk")
        episode = store.get_episode("talk")
        assert [s.text for s in episode.segments] == [
            "Welcome back to the show.",
            "Thanks, happy to join.",
        ]
        assert store.counts()["episodes"] == 1
        assert store.counts()["segments"] == 2


def _episode(n_segments: int, word: str) -> Episode:
    episode = Episode(id="ep", title=word, source_path="/x/ep.txt", content_hash=word)
    episode.add_chapter("Start")
    for i in range(n_segments):
        episode.add_segment(f"{word} {i}", start=float(i), speaker="A")
    episode.repair("demo", "a repair")
    return episode


def test_failure_mid_write_leaves_the_old_episode_whole(backend_db: str) -> None:
    if is_url(backend_db):
        import psycopg

        driver_error: type[Exception] = psycopg.Error
    else:
        driver_error = sqlite3.Error
    with open_store(backend_db) as store:
        old = _episode(50, "old")
        store.save_episode(old, build_moments(old))
        before = store.counts()
        broken = _episode(50, "new")
        # Repairs are written last; neither driver can bind this, so the write fails after
        # the episode, its segments and its moments are already in the transaction.
        broken.repairs[0].detail = object()
        with pytest.raises(driver_error):
            store.save_episode(broken, build_moments(broken))
        kept = store.get_episode("ep")
        assert kept.title == "old"
        assert [s.text for s in kept.segments] == [f"old {i}" for i in range(50)]
        assert store.counts() == before
        assert before["segments"] == 50 and before["moments"] >= 1


def test_killed_process_never_leaves_half_an_episode(backend_db: str, tmp_path: Path) -> None:
    """SIGKILL a writer in the middle of a long save; the episode is all there or absent."""
    with open_store(backend_db) as store:
        old = _episode(10, "old")
        store.save_episode(old, build_moments(old))
    script = tmp_path / "writer.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from podsift.model import Episode
            from podsift.moments import build_moments
            from podsift.store import open_store
            store = open_store({backend_db!r})
            ep = Episode(id="ep", title="new", source_path="/x/ep.txt")
            for i in range(400_000):
                ep.add_segment(f"new {{i}} " + "word " * 20, start=float(i))
            moments = build_moments(ep)  # seconds of work before the transaction: done first
            print("saving", flush=True)
            store.save_episode(ep, moments)
            print("saved", flush=True)
            """
        )
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "saving"
    time.sleep(0.3)  # well inside the multi-second transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(backend_db) as store:
        episode = store.get_episode("ep")
        count = store.counts()["segments"]
    assert (episode.title, count) in {("old", 10), ("new", 400_000)}
    if not is_url(backend_db):
        assert os.path.exists(backend_db)

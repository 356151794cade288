"""The SQLite store: readable schema, migrations, no-op re-ingest, atomic replacement."""

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
from podsift.store import open_store
from podsift.store.sqlite import migrations

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


def test_migrations_are_versioned_and_applied_once(db_path: Path) -> None:
    bundled = migrations()
    assert [v for v, _, _ in bundled] == sorted({v for v, _, _ in bundled})
    with open_store(db_path) as store:
        assert store.schema_version == bundled[-1][0]
        assert store.migrate() == []  # reopening applies nothing twice
    conn = sqlite3.connect(db_path)
    applied = conn.execute("SELECT version, name FROM _migrations ORDER BY version").fetchall()
    assert applied == [(v, n) for v, n, _ in bundled]


def test_reingesting_unchanged_content_is_a_no_op(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(db_path) as store:
        first = ingest([src], store)
        stamp = store.conn.execute("SELECT ingested_at FROM episodes").fetchone()[0]
        time.sleep(1.1)
        second = ingest([src], store)
        assert [o.status for o in first.outcomes] == ["added"]
        assert [o.status for o in second.outcomes] == ["unchanged"]
        assert store.conn.execute("SELECT ingested_at FROM episodes").fetchone()[0] == stamp


def test_changed_file_replaces_its_episode(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(db_path) as store:
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


def test_failure_mid_write_leaves_the_old_episode_whole(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.save_episode(_episode(50, "old"))
        before = store.counts()
        broken = _episode(50, "new")
        # Repairs are written last; sqlite cannot bind this, so the write fails after
        # the episode, its segments and its moments are already in the transaction.
        broken.repairs[0].detail = object()
        with pytest.raises(sqlite3.Error):
            store.save_episode(broken)
        kept = store.get_episode("ep")
        assert kept.title == "old"
        assert [s.text for s in kept.segments] == [f"old {i}" for i in range(50)]
        assert store.counts() == before
        assert before["segments"] == 50 and before["moments"] >= 1


def test_killed_process_never_leaves_half_an_episode(db_path: Path, tmp_path: Path) -> None:
    """SIGKILL a writer in the middle of a long save; the episode is all there or absent."""
    with open_store(db_path) as store:
        store.save_episode(_episode(10, "old"))
    script = tmp_path / "writer.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from podsift.model import Episode
            from podsift.store import open_store
            store = open_store({str(db_path)!r})
            ep = Episode(id="ep", title="new", source_path="/x/ep.txt")
            for i in range(400_000):
                ep.add_segment(f"new {{i}} " + "word " * 20, start=float(i))
            print("saving", flush=True)
            store.save_episode(ep)
            print("saved", flush=True)
            """
        )
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "saving"
    time.sleep(0.3)  # well inside the multi-second transaction
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(db_path) as store:
        episode = store.get_episode("ep")
        count = store.counts()["segments"]
    assert (episode.title, count) in {("old", 10), ("new", 400_000)}
    assert os.path.exists(db_path)

"""Crash safety: `podsift ingest` killed with SIGKILL at 20 random points of a large ingest.

After every kill the SQLite file must pass its integrity checks, hold no half-written
or duplicated episode, and a re-run must reach the same state as an uninterrupted run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from conftest import CORPUS, SEEDS, archive_location, podsift

from podsift.search import Searcher
from podsift.store import is_url, open_store

KILLS = 20
# A large ingest: the seeds and 20 corpus pages (24 episodes, about 3,300 segments), with
# everything ingest does by default but embedding. Each page more lengthens all 20 kills'
# waits without adding a kind of step to land in: 70 pages, then 40, took the longest
# time of the suite's tests.
SOURCES = [str(SEEDS), *(str(p) for p in sorted(CORPUS.glob("*.md"))[:20])]


def ingest_command(db: str) -> list[str]:
    return [sys.executable, "-m", "podsift", "--db", str(db), "ingest", *SOURCES, "--no-embed"]


def state(location: str) -> dict[str, tuple]:
    """Per episode: its source, content hash, title and how many of each part it has."""
    with open_store(location) as store:
        rows = store.conn.execute(
            """
            SELECT e.id, e.source_path, e.content_hash, e.title,
                   (SELECT COUNT(*) FROM segments s WHERE s.episode_id = e.id),
                   (SELECT COUNT(*) FROM chapters c WHERE c.episode_id = e.id),
                   (SELECT COUNT(*) FROM moments m WHERE m.episode_id = e.id),
                   (SELECT COUNT(*) FROM repairs r WHERE r.episode_id = e.id),
                   (SELECT COUNT(*) FROM mentions x WHERE x.episode_id = e.id),
                   (SELECT MAX(s.ordinal) FROM segments s WHERE s.episode_id = e.id)
            FROM episodes e
            """
        ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def search_results(location: str) -> list[list[tuple[float, str, float]]]:
    """Per query: (score, episode, start) of each result, best first."""
    with open_store(location) as store:
        searcher = Searcher(store)
        queries = ["bloom filter false positives", "how do I become a freelancer", "imposter syndrome"]
        return [[(round(h.score, 6), h.episode_id, h.start) for h in searcher.search(q, mode="lexical")]
                for q in queries]  # fmt: skip


def stored_episodes(location: str) -> int:
    """How many episodes the archive holds, read beside the ingest without opening the
    archive as podsift would (which could create or migrate its schema)."""
    try:
        if is_url(location):
            with psycopg.connect(location, connect_timeout=5) as conn:
                return conn.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
        with closing(sqlite3.connect(f"file:{location}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT COUNT(*) FROM episodes").fetchone()[0]
    except (sqlite3.Error, psycopg.Error):  # no file or no schema yet
        return 0


def wait_for_episodes(process: subprocess.Popen, location: str, target: int, patience: float) -> None:
    """Return once the archive holds ``target`` episodes, the process has ended, or ``patience`` seconds passed."""
    deadline = time.monotonic() + patience
    while process.poll() is None and stored_episodes(location) < target and time.monotonic() < deadline:
        time.sleep(0.02)


def check_consistent(location: str, reference: dict[str, tuple]) -> None:
    if not is_url(location):
        conn = sqlite3.connect(location)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
    with open_store(location) as store:
        dupes = store.conn.execute("SELECT source_path FROM episodes GROUP BY source_path HAVING COUNT(*) > 1")
        assert dupes.fetchall() == []
        # Consistent counts: no part of an episode without its episode.
        for table in ("segments", "chapters", "moments", "repairs", "mentions"):
            orphans = store.conn.execute(
                f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.id = t.episode_id)"
            ).fetchone()[0]
            assert orphans == 0, table
        store.flush_index()  # what the next command does with moments a kill left unindexed
        if not is_url(location):
            store.conn.execute("INSERT INTO moments_fts (moments_fts) VALUES ('integrity-check')")
            # The lexical index beside the file catches up with whatever the kill left
            # (a commit without its note, changes never applied) and holds exactly the
            # database's moments: none lost, none deleted still found.
            searcher = Searcher(store)
            searcher.search("data", mode="lexical")
            assert searcher.lexical_index is not None
            held = {r[0] for r in store.conn.execute("SELECT id FROM moments")}
            assert searcher.lexical_index.moment_ids() == held
    # Every episode present is whole: exactly what the uninterrupted run stored for it.
    for episode_id, row in state(location).items():
        assert row == reference[episode_id], episode_id


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_survives_sigkill_at_random_points(backend: str, request: pytest.FixtureRequest,
                                                  tmp_path: Path) -> None:  # fmt: skip
    def fresh(name: str) -> str:
        return archive_location(backend, request, tmp_path, name)

    reference_db = fresh("reference")
    started = time.perf_counter()
    # A process like the killed ones, so its time is theirs (in this one spaCy is loaded already).
    podsift("ingest", *SOURCES, "--no-embed", db=reference_db, check=1, process=True)  # the template fails
    full = time.perf_counter() - started
    reference = state(reference_db)
    assert len(reference) >= 20 and sum(row[-2] for row in reference.values()) > 1000  # mentions stored too

    rng = random.Random(20)
    # About one episode's share of a whole ingest, for kills aimed within an episode's work.
    step = full / len(reference)
    stored_after_kills = []
    db = fresh("killed")
    for kill in range(KILLS):
        if kill % 2 == 0:  # half the kills hit a fresh ingest, half one resuming after a crash
            db = fresh(f"killed{kill}")
        held = stored_episodes(db)
        process = subprocess.Popen(ingest_command(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        began = time.perf_counter()
        if kill % 4 >= 2 and held < len(reference) - 4:
            # Half the kills wait for a random episode to be stored, then land at a random
            # point of the next one's work: mid-ingest however fast the machine runs now.
            wait_for_episodes(process, db, rng.randint(held + 1, len(reference) - 4), 10 * full)
            wait = rng.uniform(0, step)
        else:
            # The others land anywhere from start-up on, at a fraction of a whole ingest's time.
            wait = rng.uniform(0.05, 0.9) * full
        try:  # a resumed ingest may finish before its kill: no need to wait out the rest
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        else:
            # A whole ingest ran faster than the timed one (the machine was busier then): later
            # kills aim within it, or too many would land after the ingest ended.
            if kill % 2 == 0:
                full = min(full, time.perf_counter() - began)
        check_consistent(db, reference)
        stored_after_kills.append(len(state(db)))
    print(f"{backend}: episodes stored after each kill (of {len(reference)}): {stored_after_kills}")
    # The kills landed mid-ingest, not all before the first episode or after the last.
    assert sum(0 < n < len(reference) for n in stored_after_kills) >= KILLS // 4, stored_after_kills

    podsift("ingest", *SOURCES, "--no-embed", db=db, check=1)
    check_consistent(db, reference)
    assert state(db) == reference
    # The seeds repeat some corpus pages word for word, so some moments score the same;
    # they rank alike however the ingest was interrupted and resumed.
    assert search_results(db) == search_results(reference_db)

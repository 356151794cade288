"""`podsift doctor` on a PostgreSQL archive: it refused any postgresql:// URL ("doctor checks
SQLite files"), so a broken server archive had no check and no fix to point at."""

from __future__ import annotations

import json
from typing import Any

from conftest import DEMO, fresh_database, hand_edit, podsift

EPISODE = DEMO / "vector-search-basics.vtt"


def _checks(db: str, code: int) -> dict[str, list[dict[str, Any]]]:
    by_name: dict[str, list[dict[str, Any]]] = {}
    for check in json.loads(podsift("doctor", "--json", db=db, check=code).stdout):
        by_name.setdefault(check["name"], []).append(check)
    return by_name


def test_doctor_checks_a_postgresql_archive_its_vectors_and_their_index(pg_server: Any) -> None:
    db = fresh_database(pg_server)
    podsift("ingest", str(EPISODE), db=db)
    healthy = podsift("doctor", db=db).stdout
    assert f"ok   database: {db}: PostgreSQL 16\n" in healthy
    assert "ok   schema: schema version 7 of 7\n" in healthy and "ok   vector extension: pgvector " in healthy
    assert "ok   embeddings: 19 of 19 moments have all-MiniLM-L6-v2 vectors\n" in healthy
    assert "ok   vector index: embeddings_hnsw_" in healthy and "tables:" not in healthy
    assert "ok   entities: mentions found in 1 of 1 episode\n" in healthy and "ok   NER model: " in healthy
    assert "integrity" not in healthy and "search index" not in healthy  # SQLite's checks: no meaning here

    hand_edit(db, "DROP INDEX " + healthy.split("ok   vector index: ")[1].split()[0])
    index = _checks(db, 0)["vector index"]  # search still answers, slowly: a warning
    assert [(c["ok"], c["warn"]) for c in index] == [(True, True)]
    assert index[0]["detail"].endswith("semantic search reads every vector, slowly on a large archive")
    hand_edit(db, index[0]["fix"])  # the fix, as given, makes it again
    assert _checks(db, 0)["vector index"][0]["detail"].startswith("embeddings_hnsw_")

    hand_edit(db, "DELETE FROM embeddings WHERE text_hash IN (SELECT embed_hash FROM moments WHERE ordinal < 2)")
    [embeddings] = _checks(db, 1)["embeddings"]
    assert (embeddings["ok"], embeddings["detail"]) == (False, "17 of 19 moments have all-MiniLM-L6-v2 vectors")
    assert embeddings["fix"].startswith("run `podsift embed`")

    hand_edit(db, "DROP EXTENSION vector CASCADE")  # takes the vector column with it
    lost = podsift("doctor", db=db, check=1).stdout
    assert ("BAD  vector extension: the vector extension is not installed in this database\n"
            "     fix: as its owner or a superuser: CREATE EXTENSION vector") in lost  # fmt: skip
    assert (f"BAD  tables: {db}: the archive has lost the column embedding of its table embeddings\n"
            "     fix: restore a backup (pg_restore) or ingest again into a new database\n") in lost  # fmt: skip


def test_doctor_says_in_one_line_when_the_server_or_database_cannot_be_reached(pg_server: Any) -> None:
    refused = podsift("doctor", db="postgresql://podsift:secret@127.0.0.1:1/podsift", check=1)
    assert refused.stdout.splitlines()[:2] == [
        "BAD  database: postgresql://podsift:***@127.0.0.1:1/podsift: cannot reach the PostgreSQL database (Connection "
        "refused; is the server running on that host and accepting TCP/IP connections?)",
        "     fix: start the PostgreSQL server, or check the host and port in the URL (--db or PODSIFT_DB)"]  # fmt: skip
    assert refused.stderr == ""
    gone = fresh_database(pg_server).replace("/podsift_", "/nowhere_", 1)  # on the server, named wrong
    lines = podsift("doctor", db=gone, check=1).stdout.splitlines()
    name = gone.rpartition("/nowhere_")[2].partition("?")[0]
    assert lines[0] == f'BAD  database: {gone}: cannot reach the PostgreSQL database (database "nowhere_{name}" does not exist)'
    assert lines[1] == "     fix: create the database (createdb NAME) or name an existing one in the URL"
    stranger = gone.replace("/nowhere_", "/podsift_").replace("://postgres:", "://nobody:", 1)  # no such user
    assert stranger != gone and podsift("doctor", db=stranger, check=1).stdout.splitlines()[:2] == [
        f'BAD  database: {stranger}: cannot reach the PostgreSQL database (role "nobody" does not exist)',
        "     fix: check the user and password in the URL (--db or PODSIFT_DB), and that the user may connect to the "
        "database"]  # fmt: skip
    empty = fresh_database(pg_server)
    assert podsift("doctor", db=empty, check=1).stdout.splitlines()[:2] == [
        f"BAD  database: {empty}: no podsift archive in this database yet", "     fix: run `podsift ingest PATH` to create it"]


def test_doctor_calls_a_schema_newer_than_this_podsift_bad(pg_server: Any) -> None:
    db = fresh_database(pg_server)
    podsift("ingest", str(EPISODE), "--no-embed", db=db)
    hand_edit(db, "INSERT INTO _migrations VALUES (8, '0008_from_a_newer_podsift.sql', '2030-01-01')")
    [schema] = _checks(db, 1)["schema"]
    assert schema == {"name": "schema", "ok": False, "detail": "schema version 8 is newer than this podsift knows (7)",
                      "fix": "upgrade podsift: pip install -U podsift", "note": False, "warn": False}  # fmt: skip

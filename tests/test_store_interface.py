"""One store interface, two backends: each implements all of it, reads come back as typed rows,
and capabilities (not locations) decide what commands do."""

from __future__ import annotations

import dataclasses
import inspect
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DEMO, archive_location, podsift

from podsift.entities.extract import Mention
from podsift.ingest import MOMENTS_SETTING, ingest, recut_stale_moments
from podsift.model import Episode
from podsift.moments import VERSION, build_moments
from podsift.search import Searcher
from podsift.search.filters import SearchFilters
from podsift.store import (
    CoMentionRow,
    EntityRow,
    EpisodeEntityRow,
    EpisodeMoment,
    EpisodeSummary,
    GuestRow,
    MentionRow,
    MomentRow,
    SpeakerRow,
    SpokenMentionRow,
    SQLiteStore,
    Store,
    StoredSource,
    is_url,
    open_store,
    store_class,
)  # fmt: skip
from podsift.store.base import ArchiveUnavailable

EXPECTED = {  # what each backend can do, as the capabilities must say it
    "sqlite": {"vectors_in_database": False, "local_file": True, "concurrent_sessions": False},
    "postgresql": {"vectors_in_database": True, "local_file": False, "concurrent_sessions": True},
}
IN_DATABASE_VECTORS = ("index_vectors", "profile_similarities", "nearest_moments", "boosted_moments", "moment_similarities")


def backend_of(location: str) -> str:
    return "postgresql" if is_url(location) else "sqlite"


def construct(location: str) -> Store:
    """Each backend's own class, instantiated directly: mypy rejects an abstract one here."""
    if is_url(location):
        from podsift.store.postgres import PostgresStore

        return PostgresStore(location)
    return SQLiteStore(location)


def test_each_store_implements_the_whole_interface(backend_db: str) -> None:
    cls = store_class(backend_db)
    assert issubclass(cls, Store) and not inspect.isabstract(cls), getattr(cls, "__abstractmethods__", None)
    interface = sorted(Store.__abstractmethods__)
    assert len(interface) > 40 and set(IN_DATABASE_VECTORS) <= set(interface)
    for name in interface:
        mine, theirs = inspect.getattr_static(Store, name), inspect.getattr_static(cls, name)
        # Its own, or shared with the other SQL dialect (store/shared_sql.py): never Store's.
        owner = next(k for k in cls.__mro__ if name in vars(k))
        assert owner is not Store and issubclass(owner, Store), f"{cls.__name__} does not implement {name}"
        if isinstance(mine, property):
            assert isinstance(theirs, property), name
            continue
        expected = inspect.signature(getattr(Store, name))
        actual = inspect.signature(getattr(cls, name))
        assert [(p.name, p.kind, p.default) for p in actual.parameters.values()] == [
            (p.name, p.kind, p.default) for p in expected.parameters.values()
        ], name
    assert {c: getattr(cls, c) for c in Store.CAPABILITIES} == EXPECTED[backend_of(backend_db)]
    with construct(backend_db) as store:
        assert type(store) is cls and isinstance(store, Store)
        assert store.location == backend_db and store.schema_version >= 1


def _episode() -> Episode:
    episode = Episode(id="talk", title="A talk", source_path="/x/talk.txt", content_hash="h", guests=["Jane Doe", ""],
                      date="2024-05-01", youtube_id="yt123", extra={"times_estimated": True})  # fmt: skip
    episode.add_chapter("Start")
    episode.add_segment("Welcome to the show. We talk about Hugging Face today.", start=1.0, speaker="Maya")
    episode.add_segment("Thanks, Hugging Face is where I work on tokenizers all day.", start=5.0, speaker="Jane")
    episode.segments[1].directions = ["[laughs]"]
    return episode


def test_reads_come_back_as_typed_rows_on_either_backend(backend_db: str) -> None:
    """Every read of the interface, on one small episode: the rows' fields, types and values."""
    episode = _episode()
    mentions = [Mention(0, "Hugging Face", "org", "Hugging Face", "known"),
                Mention(1, "Hugging Face", "org", "Hugging Face", "known")]  # fmt: skip
    with open_store(backend_db) as store:
        store.save_episode(episode, build_moments(episode), mentions)
        store.flush_index()
        assert store.get_episode("talk") == episode
        assert store.list_episodes() == [EpisodeSummary("talk", "A talk", None, 2, 1, None, None, "2024-05-01")]
        assert store.source_by_path("/x/talk.txt") == store.source_by_hash("h") == StoredSource("talk", "/x/talk.txt", "h")
        assert store.source_by_id("nope") is None and store.episode_ids() == {"talk"}

        cut = build_moments(episode)
        moments = store.episode_moments("talk")
        assert moments == [EpisodeMoment(m.id, c.first_segment, c.last_segment, c.start, "Start", c.text)
                           for m, c in zip(moments, cut)] and len(moments) == 2  # fmt: skip
        second = moments[1].id
        rows = store.moment_rows([second])
        assert rows == {second: MomentRow(second, "talk", "A talk", 5.0, cut[1].end, ("Jane",), "Start", cut[1].text,
                                          "yt123", None, True, cut[1].first_segment)}  # fmt: skip
        assert store.episodes_of([m.id for m in moments]) == {m.id: "talk" for m in moments}
        assert [s.directions for s in store.moment_segments([second])[second]] == [["[laughs]"]]

        hugging = EntityRow("Hugging Face", "org", 2, 1)
        assert store.entity_counts() == store.entity_counts("org") == [hugging] and store.entity_counts("tool") == []
        assert store.entity("huggingface") == hugging and store.entity("nobody") is None
        first = store.entity_mentions("huggingface")[0]
        assert first == MentionRow("Hugging Face", "org", "Hugging Face", "known", "talk", "A talk", "yt123", None,
                                   True, 0, 1.0, "Maya", episode.segments[0].text)  # fmt: skip
        assert store.co_mentioned("huggingface") == []
        assert store.episode_entities("talk") == [EpisodeEntityRow("Hugging Face", "org", 2, 0)]
        assert store.all_mentions() == [SpokenMentionRow("talk", "Hugging Face", "org", "Maya"),
                                        SpokenMentionRow("talk", "Hugging Face", "org", "Jane")]  # fmt: skip
        assert store.episode_guests() == [GuestRow("talk", "A talk", "2024-05-01", ("Jane Doe", ""), episode.show)]
        assert store.episode_speakers() == [SpeakerRow("talk", "Jane", 1, 1, 5.0), SpeakerRow("talk", "Maya", 1, 0, 1.0)]

        found = store.filtered_moment_ids(SearchFilters(entity="hugging face", guest="jane doe"))
        assert sorted(found) == [m.id for m in moments]
        assert store.filtered_moment_ids(SearchFilters(speaker="jane")) == [second]
        assert store.says(["tokenizers"]) and not store.says(["zebra"])
        assert store.unembedded("m") and store.unembedded_profiles("m") and not store.has_vectors("m")
        for row in [*rows.values(), first, hugging, *store.episode_speakers()]:  # frozen, and no stray attributes
            assert dataclasses.is_dataclass(row) and not hasattr(row, "__dict__")
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(row, dataclasses.fields(row)[0].name, None)
        for kind in (CoMentionRow, EpisodeSummary, GuestRow):
            assert "__slots__" in vars(kind)


def test_a_page_of_the_episode_list_is_read_alone_in_the_whole_lists_order(backend_db: str) -> None:
    """A page of /api/episodes read every episode of the archive, then kept 20: the store reads the
    page alone, and counts them all for X-Total-Count, in the order of the whole list."""
    with open_store(backend_db) as store:
        for name in ("b-talk", "a-talk", "C-talk", "show/d-talk", "e-talk"):
            store.save_episode(dataclasses.replace(_episode(), id=name, source_path=f"/x/{name}.txt", content_hash=name), [])
        whole = store.list_episodes()
        assert store.count_episodes() == len(whole) == 5
        assert store.list_episodes(limit=2, offset=1) == whole[1:3]
        assert store.list_episodes(limit=2, offset=4) == whole[4:] and store.list_episodes(limit=2, offset=9) == []
        # an offset alone gave the whole list again, from its first
        assert store.list_episodes(offset=3) == whole[3:] and store.list_episodes(offset=9) == []


def test_questions_asked_are_short_turns_with_a_question_mark_on_either_backend(backend_db: str) -> None:
    """What the home page draws its example questions from: "%" and "?" in the pattern mean nothing to the drivers."""
    episode = Episode(id="q", title="Questions", source_path="/x/q.txt", content_hash="hq", show="Show")
    episode.add_segment("Welcome. What is 100% uptime?", start=1.0, speaker="Maya")
    episode.add_segment("It means nothing ever stops.", start=4.0, speaker="Jane")
    episode.add_segment("Why? " + "Because " * 40, start=8.0, speaker="Maya")  # too long to be an example
    episode.add_segment("And who pays for it?", start=9.0, speaker="Maya")
    with open_store(backend_db) as store:
        store.save_episode(episode, build_moments(episode), [])
        assert store.questions_asked() == [("q", "Welcome. What is 100% uptime?"), ("q", "And who pays for it?")]
        assert store.questions_asked(limit=1) == [("q", "Welcome. What is 100% uptime?")]
        assert store.list_episodes()[0].show == "Show"


def test_mentions_list_dated_episodes_first_and_undated_last_on_either_backend(backend_db: str) -> None:
    # PostgreSQL sorts NULLs first under DESC, SQLite last: the same archive listed an entity's mentions
    # in another order once copied to PostgreSQL. Two surfaces in one segment had no order either.
    with open_store(backend_db) as store:
        for episode_id, date in (("a-undated", None), ("b-old", "2021-01-01"), ("c-new", "2024-01-01")):
            episode = Episode(id=episode_id, title=episode_id, source_path=f"/x/{episode_id}.txt",
                              content_hash=episode_id, date=date)  # fmt: skip
            episode.add_segment("We used PyTorch, or Torch as some say.", start=1.0, speaker="Ana")
            mentions = [Mention(0, "PyTorch", "tool", "Torch", "known"), Mention(0, "PyTorch", "tool", "PyTorch", "known")]
            store.save_episode(episode, build_moments(episode), mentions)
        listed = [(m.episode_id, m.surface) for m in store.entity_mentions("pytorch")]
    assert listed == [("c-new", "PyTorch"), ("c-new", "Torch"), ("b-old", "PyTorch"), ("b-old", "Torch"),
                      ("a-undated", "PyTorch"), ("a-undated", "Torch")]  # fmt: skip


def test_in_database_vector_search_is_there_exactly_where_the_capability_says(backend_db: str) -> None:
    import numpy as np

    vector = np.ones(4, dtype=np.float32) / 2
    episode = _episode()
    with open_store(backend_db) as store:
        store.save_episode(episode, build_moments(episode))
        ids = [m.id for m in store.episode_moments("talk")]
        store.save_vectors("m", [(h, vector.tobytes()) for h, _, _ in store.unembedded("m")])
        assert store.has_vectors("m") and store.moment_vectors("m") == [(i, vector.tobytes(), "talk") for i in ids]
        calls = {
            "index_vectors": lambda: store.index_vectors("m", 4),
            "profile_similarities": lambda: store.profile_similarities("m", vector),
            "nearest_moments": lambda: store.nearest_moments("m", vector, 5),
            "boosted_moments": lambda: store.boosted_moments("m", vector, {"talk": 0.5}, SearchFilters(), 5),
            "moment_similarities": lambda: store.moment_similarities("m", vector, ids),
        }
        assert set(calls) == set(IN_DATABASE_VECTORS)
        if store.vectors_in_database:
            assert sorted(store.nearest_moments("m", vector, 5)) == [(i, "talk", pytest.approx(1.0)) for i in ids]
            assert store.moment_similarities("m", vector, ids) == {i: pytest.approx(1.0) for i in ids}
            assert sorted(store.boosted_moments("m", vector, {"talk": 0.5}, SearchFilters(), 5)) == [
                (i, pytest.approx(1.5)) for i in ids]  # fmt: skip
        else:
            for call in calls.values():
                with pytest.raises(NotImplementedError):
                    call()


def test_the_store_saves_the_moments_it_is_given_and_ingest_cuts_stale_ones_again(backend_db: str) -> None:
    episode = _episode()
    with open_store(backend_db) as store:
        store.save_episode(episode, [])  # the store cuts nothing itself
        assert store.counts()["moments"] == 0
        store.set_setting(MOMENTS_SETTING, "0")  # as if an older cutter had cut them
        assert recut_stale_moments(store) == 1
        assert [m.text for m in store.episode_moments("talk")] == [m.text for m in build_moments(episode)]
        assert store.setting(MOMENTS_SETTING) == str(VERSION) and recut_stale_moments(store) == 0
        assert Searcher(store).search("tokenizers", mode="lexical")  # indexed for search too
        store.replace_moments("talk", [])
        store.set_setting(MOMENTS_SETTING, "0")
        ingest([], store)  # every ingest checks first
        assert store.counts()["moments"] == 2 and store.get_episode("talk") == episode


def test_the_moment_total_follows_every_write(backend_db: str) -> None:
    """PostgreSQL keeps the total between lexical queries: any write, here or in another process, renews it."""
    first, second = _episode(), _episode()
    second.id, second.source_path, second.content_hash = "talk-2", "/x/talk-2.txt", "h2"
    with open_store(backend_db) as store:
        store.save_episode(first, build_moments(first))
        assert store.moment_total() == store.moment_total() == 2
        store.save_episode(second, build_moments(second), new=True)
        assert store.moment_total() == 4
        assert {h.episode_id for h in Searcher(store).search("tokenizers", mode="lexical")} == {"talk", "talk-2"}
        with open_store(backend_db) as other:
            other.replace_moments("talk-2", build_moments(second)[:1])
        assert store.moment_total() == 3
        with store.transaction():  # the store has no delete: as benchmarks/load.py holds episodes out
            store.conn.execute("DELETE FROM episodes WHERE id = 'talk'")
        assert store.moment_total() == 1 == store.counts()["moments"]


def test_a_view_kept_during_a_transaction_is_not_kept_after_it(backend_db: str) -> None:
    """Pages keep derived views (everyone, key points) until the archive changes: one worked out
    inside a write saw it half done, and after a rollback it would show what never happened."""
    episode = _episode()
    with open_store(backend_db) as store:
        store.save_episode(episode, build_moments(episode))

        def episodes() -> int:
            return store.kept("episodes", lambda: store.counts()["episodes"])

        assert episodes() == 1
        with pytest.raises(RuntimeError), store.transaction():
            store.conn.execute("DELETE FROM episodes WHERE id = 'talk'")
            assert episodes() == 0
            raise RuntimeError("the write fails")
        assert store.counts()["episodes"] == 1 and episodes() == 1
        with store.transaction():
            assert episodes() == 1  # worked out before the write below, in the same transaction
            store.conn.execute("DELETE FROM episodes WHERE id = 'talk'")
        assert episodes() == 0


def test_backup_restore_and_doctor_follow_the_local_file_capability(backend_db: str, tmp_path: Path) -> None:
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=backend_db)
    local = store_class(backend_db).local_file
    assert local == EXPECTED[backend_of(backend_db)]["local_file"]
    copy = tmp_path / "copy.db"
    backed = podsift("backup", str(copy), db=backend_db, check=0 if local else 2)
    restored = podsift("restore", str(copy), "--force", db=backend_db, check=0 if local else 2)
    # doctor checks either store (PostgreSQL's own catalog there); only backup and restore are a file's
    checked = json.loads(podsift("doctor", "--json", db=backend_db).stdout)
    assert checked[0]["name"] == "database" and checked[0]["ok"], checked[0]
    if local:
        with sqlite3.connect(copy) as conn:  # a whole SQLite archive, readable by any tool
            assert conn.execute("SELECT id FROM episodes").fetchall() == [("freelancing-in-data",)]
        assert "(1 episode)" in restored.stdout
    else:
        assert not copy.exists() and "pg_dump" in backed.stderr and "pg_restore" in restored.stderr
    assert json.loads(podsift("episodes", "--json", db=backend_db).stdout)[0]["id"] == "freelancing-in-data"


def test_a_web_server_keeps_several_sessions_only_where_they_can_run_side_by_side(backend_db: str) -> None:
    from podsift.web.archive import POSTGRES_SESSIONS, Archive, ServerSettings

    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=backend_db)
    archive = Archive(ServerSettings(backend_db, preload_model=False))
    try:
        sessions = {id(s.store) for s in archive.all}
        assert len(sessions) == (POSTGRES_SESSIONS if store_class(backend_db).concurrent_sessions else 1)
    finally:
        for session in archive.all:
            session.store.close()


def test_a_server_reconnects_when_its_database_drops_the_connections(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """PostgreSQL restarted or failed over under a running `podsift serve`: each request got a 500
    ("the connection is closed") until podsift itself was restarted. Now a dead connection is replaced
    when its session is next taken; while the database refuses connections, the request gets a 503."""
    import psycopg

    from podsift.web.archive import ApiError, Archive, ServerSettings

    url = archive_location("postgresql", request, tmp_path)
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=url)
    archive = Archive(ServerSettings(url, preload_model=False))
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]

    def drop_connections(*, allow: bool) -> None:
        with psycopg.connect(url.replace(f"/{name}", "/postgres"), autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {str(allow).lower()}")
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))

    try:
        before = archive.search("price", "lexical", 5, SearchFilters())["results"]
        assert before
        drop_connections(allow=False)
        with pytest.raises(ApiError) as refused:
            archive.search("price", "lexical", 5, SearchFilters())
        assert refused.value.status == 503 and refused.value.message == ("the archive's database cannot be reached; "
                                                                          "try again shortly")  # where it is stays in the log
        drop_connections(allow=True)  # the database is back
        for _ in archive.all:  # every session, each on a new connection
            assert archive.search("price", "lexical", 5, SearchFilters())["results"] == before
        # Dropped in the middle of a request: that request is told to try again (503), not a 500.
        with pytest.raises(ApiError) as lost, archive.session() as session:
            drop_connections(allow=True)
            session.store.list_episodes()
        assert lost.value.status == 503 and "lost during the request" in lost.value.message
        assert archive.search("price", "lexical", 5, SearchFilters())["results"] == before
    finally:
        for session in archive.all:
            session.store.close()


def test_an_archive_that_cannot_open_says_why_in_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(ArchiveUnavailable, match="not a usable podsift database"):
        open_store(fake)

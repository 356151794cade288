"""The archive as the server holds it: sessions over the store, and what requests ask of them.

One store, one Searcher and one Asker live as long as the server: the model (and,
on SQLite, the vectors) load once, at startup; on PostgreSQL the vectors stay in the
database, which ranks them. Requests run in worker threads and take turns with a
session (SQLite serves one writer, and the search caches are shared).
"""

from __future__ import annotations

import logging
import queue
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from podsift.answer import Asker
from podsift.answer.choice import llm_answerer
from podsift.config import ConfigError
from podsift.entities.catalog import EntityReport, UnknownEntity, entity_report, entity_rows, list_entities
from podsift.ingest import UPLOAD_PREFIX
from podsift.people import Person, person_report, shown_guests
from podsift.search import Searcher, SearchError
from podsift.search.filters import SearchFilters
from podsift.store import Store, open_store
from podsift.store.base import ArchiveUnavailable, EntityRow
from podsift.store.sqlite_file import serving
from podsift.summary import summarize
from podsift.text import youtube_video
from podsift.web.jobs import Job, Jobs

if TYPE_CHECKING:
    from podsift.model import Episode
    from podsift.search.engine import Mode
    from podsift.summary import Summary

# Requests larger than this are refused before they are read (uploads included).
MAX_BODY = 20 * 1024 * 1024
# A query longer than this is refused; search itself cuts a long paste to 32 words.
MAX_QUERY = 10_000
# Connections a server keeps to an archive whose store serves several at once (PostgreSQL),
# so requests need not take turns; others get one (SQLite: its readers share a process-wide
# cache, and writes serialise anyway).
POSTGRES_SESSIONS = 4
EMPTY_ARCHIVE = "the archive has no episodes yet; `podsift ingest FOLDER` adds transcripts"


class ApiError(Exception):
    """A request that cannot be served; the API answers it as JSON, the pages as an error page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# Where the server kept an upload is its own business, as an episode's source_path is: a note
# naming an earlier upload ("id 'x' is already taken by /tmp/…/x.srt") names it by its file.
_UPLOAD_FOLDER = re.compile(r"\S*" + UPLOAD_PREFIX + r"[^/\\\s]*[/\\]")


@dataclass
class ServerSettings:
    db: str | Path  # a SQLite file or a postgresql:// URL
    allow_ingest: bool = False
    ingest_token: str | None = None
    preload_model: bool = True
    # POST /api/feeds fetches URLs for whoever holds the token: never the server's own
    # network (loopback, private, link-local addresses) unless the operator allows it.
    allow_private_feeds: bool = False


@dataclass
class Session:
    """One connection to the archive, with the searcher and asker over it."""

    store: Store
    searcher: Searcher
    asker: Asker


class Archive:
    """Sessions over the archive; each serves one request at a time."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        llm = llm_answerer("auto")
        first = open_store(settings.db)
        if settings.allow_ingest and first.read_only:
            first.close()
            raise ConfigError(f"--allow-ingest: {first.location} can only be read here (its folder is read-only)")
        # A file a server has open must not be swapped under it (`podsift restore` checks).
        self._in_use = ExitStack()
        if first.local_file and Path(settings.db).is_file():
            self._in_use.enter_context(serving(settings.db))
        searcher = Searcher(first)
        self.all = [Session(first, searcher, Asker(searcher, llm))]
        for _ in range(POSTGRES_SESSIONS - 1 if first.concurrent_sessions else 0):
            store = open_store(settings.db)
            sibling = Searcher(store, sibling=searcher)
            self.all.append(Session(store, sibling, Asker(sibling, llm)))
        self._idle: queue.Queue[Session] = queue.Queue()
        self._write_turn = threading.Lock()
        for each in self.all:
            self._idle.put(each)
        self.searcher = searcher  # for embedding queries outside a session
        self.semantic = searcher.has_vectors()  # whether searches embed the query
        # Whether uploads and feeds are embedded: as `podsift ingest` does by default, unless
        # the archive was filled without vectors (--no-embed), which keeps it lexical.
        self.embeds = self.semantic or not first.episode_ids()
        self.jobs = Jobs(_failure)

    @contextmanager
    def session(self) -> Iterator[Session]:
        taken = self._idle.get()
        try:
            if not taken.store.reachable():
                taken = self._reconnected(taken)
            try:
                yield taken
            except ApiError:
                raise
            except Exception as err:
                if taken.store.reachable():
                    raise
                # The database dropped the connection mid-request (a restart, a failover): the next
                # request gets a new one; this one is told to try again rather than a server error.
                raise ApiError(503, "the connection to the archive's database was lost during the request; "
                                    "try again") from err  # fmt: skip
        finally:
            self._idle.put(taken)

    def _reconnected(self, lost: Session) -> Session:
        """A session on a new connection in place of one whose database went away (restarted,
        failed over); while it cannot be reached, the request is told so (503)."""
        try:
            store = open_store(self.settings.db)
        except ArchiveUnavailable as err:
            # Where the database lives and as whom podsift connects is the operator's to read, not a client's.
            logging.getLogger("uvicorn.error").warning("podsift: %s", err)
            raise ApiError(503, "the archive's database cannot be reached; try again shortly") from None
        try:
            lost.store.close()
        except Exception:  # noqa: BLE001 - a dead connection may refuse even to close
            pass
        searcher = Searcher(store, sibling=self.searcher)
        fresh = Session(store, searcher, Asker(searcher, lost.asker.llm))
        self.all[self.all.index(lost)] = fresh
        if lost.searcher is self.searcher:
            self.searcher = searcher
        return fresh

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A connection of its own for a write that takes long (a feed's downloads, embedding).

        Searches keep their sessions meanwhile: SQLite's readers do not wait for its writer,
        and they see the new episodes once it commits. Writes take turns.
        """
        with self._write_turn, open_store(self.settings.db) as store:
            yield store

    def _embed(self, store: Store) -> int | None:
        """Embed what a write added, with the server's loaded model, where search uses vectors."""
        if not self.embeds:
            return None
        from podsift.embed import embed_pending

        embedded = embed_pending(store, self.searcher.embedder)
        self.semantic = self.semantic or embedded > 0  # an archive that started empty now has vectors
        return embedded

    def warm_up(self) -> None:
        with self.session() as s:
            if self.semantic:
                s.searcher.search("warm up", limit=1)  # loads the model (and SQLite's vectors)

    def embed_query(self, q: str, mode: str | None) -> None:
        """Embed the query before taking a session: the costliest step runs in parallel."""
        if self.semantic and mode != "lexical" and q.strip():
            self.searcher.query_vector(q)

    # -- what the API and the pages both ask ----------------------------------------------

    def search(self, q: str, mode: "Mode | None", limit: int, filters: SearchFilters) -> dict[str, Any]:
        self.embed_query(q, mode)
        with self.session() as s:
            try:
                result = s.searcher.find(q, mode=mode, limit=limit, filters=filters)
            except SearchError as err:
                refuse_empty(s.store)  # "needs embeddings" is no news in an archive with nothing in it
                raise ApiError(400, str(err)) from None
            if not result.hits:
                refuse_empty(s.store)
            return result.to_json()

    def ask(self, q: str, filters: SearchFilters) -> dict[str, Any]:
        self.embed_query(q, None)
        with self.session() as s:
            try:
                answer = s.asker.ask(q, filters=filters)
            except SearchError as err:
                refuse_empty(s.store)
                raise ApiError(400, str(err)) from None
            if answer.abstained and not answer.closest:
                refuse_empty(s.store)
            return answer.to_json()

    def episode(self, episode_id: str) -> "Episode":
        with self.session() as s:
            # A lookup by key: ids never touch paths. No id holds a NUL (PostgreSQL refuses one in text).
            episode = None if "\x00" in episode_id else s.store.get_episode(episode_id)
        if episode is None:
            raise ApiError(404, f"no episode {episode_id!r}")
        return episode

    def guest_names(self, episode: "Episode") -> list[str]:
        with self.session() as s:
            return shown_guests(s.store, episode.guests)

    def summary(self, episode: "Episode") -> "Summary":
        with self.session() as s:
            # Its key points take a long episode's page 100 ms and more to work out: once per change.
            store = s.store
            return store.kept(("summary", episode.id), lambda: summarize(episode, store.episode_moments(episode.id)))

    def entities(self, kind: str | None) -> list[dict[str, Any]]:
        with self.session() as s:
            return list_entities(s.store, kind)

    def entity_rows(self, kind: str | None) -> list[EntityRow]:
        with self.session() as s:
            return entity_rows(s.store, kind)

    def entity(self, name: str) -> EntityReport:
        with self.session() as s:
            try:
                return entity_report(s.store, name)
            except UnknownEntity as err:
                raise ApiError(404, str(err)) from None

    def person(self, name: str) -> tuple[Person, list[EntityReport]]:
        with self.session() as s:
            found = person_report(s.store, name)
        if found is None:
            raise ApiError(404, f"no person {name!r} in the archive (people are guests and named speakers)")
        return found

    async def ingest(self, name: str, data: bytes) -> dict[str, Any]:
        """Store one uploaded file (and embed its moments where search uses vectors)."""
        import anyio

        from podsift.ingest import ingest

        def work() -> dict[str, Any]:
            with tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX) as tmp, self.writing() as store:
                path = Path(tmp) / name
                path.write_bytes(data)
                summary = ingest([path], store)
                outcome = summary.outcomes[0]
                if outcome.status == "failed":
                    raise ApiError(422, f"{name}: {outcome.error}")
                self._embed(store)
            notes = [_UPLOAD_FOLDER.sub("an earlier upload, ", note) for note in outcome.notes]
            return {"file": name, "status": outcome.status, "episode_id": outcome.episode_id,
                    "segments": outcome.segments, "notes": notes}  # fmt: skip

        return await anyio.to_thread.run_sync(work)

    async def remove(self, episode_id: str) -> dict[str, Any]:
        """Take an episode out of the archive, as `podsift remove` does."""
        import anyio

        def work() -> dict[str, Any]:
            from podsift.search.engine import did_you_mean

            with self.session() as s:
                ids = s.store.episode_ids()
            if episode_id not in ids:  # a typo deletes nothing, and is told the nearest id
                raise ApiError(404, f"no episode {episode_id[:80]!r}{did_you_mean(episode_id, ids)}")
            with self.writing() as store:
                if not store.delete_episode(episode_id):
                    raise ApiError(404, f"no episode {episode_id!r}")  # removed meanwhile by another writer
                store.flush_index()
            return {"removed": episode_id}

        return await anyio.to_thread.run_sync(work)

    def _check_feed_url(self, url: str) -> None:
        from podsift.feeds.fetch import FetchError, Refused, check_url, public_addresses

        try:
            check_url(url)  # no file://, no bare paths: a server reads no files for a request
        except FetchError as err:
            raise ApiError(400, f"{url}: {err}") from None
        try:
            if not self.settings.allow_private_feeds:
                public_addresses(urlsplit(url).hostname or "")
        except Refused as err:
            raise ApiError(403, f"{url}: {err} (the server allows it only with --allow-private-feeds)") from None
        except FetchError as err:  # a host that does not resolve: the feed cannot be downloaded
            raise ApiError(422, f"{url}: {err}") from None

    def _sync_feed(self, url: str, job: Job | None = None) -> dict[str, Any]:
        """Follow a feed and sync it now, as ``sync --json`` reports; a feed that cannot be read is not kept."""
        from podsift.feeds.fetch import Fetcher, FetchPolicy
        from podsift.feeds.sync import sync

        policy = FetchPolicy(allow_private=self.settings.allow_private_feeds)
        with self.writing() as store, Fetcher(policy) as fetcher:
            added = store.add_feed(url)
            (outcome,) = sync(store, fetcher, only=url, on_item=job.progress if job else None)
            if outcome.error:
                if added:
                    store.remove_feed(url)  # a feed that never worked is not followed
                raise ApiError(422, f"{url}: {outcome.error}; not followed")
            embedded = self._embed(store)
        return {"feed": url, "added": added, "embedded": embedded, "title": outcome.title, "error": None,
                "not_modified": outcome.not_modified, "counts": outcome.counts(),
                "items": [asdict(i) for i in outcome.items]}  # fmt: skip

    async def add_feed(self, url: str) -> dict[str, Any]:
        """Follow a feed and sync it before answering."""
        import anyio

        self._check_feed_url(url)
        return await anyio.to_thread.run_sync(self._sync_feed, url)

    def start_feed(self, url: str) -> Job:
        """Follow a feed and sync it after answering: the job says how far it got."""
        self._check_feed_url(url)
        return self.jobs.start("feed", url, lambda job: self._sync_feed(url, job))

    def job(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise ApiError(404, f"no job {job_id[:40]!r} (the server keeps its latest {self.jobs.KEEP} until it stops)")
        return job

    def shows(self) -> list[dict[str, Any]]:
        with self.session() as s:
            return [asdict(row) for row in s.store.shows()]

    def show(self, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A show and its episodes, latest first; its name in any case, as the ``show`` filter takes it."""
        wanted = " ".join(name.split()).casefold()
        with self.session() as s:
            rows = s.store.shows()
            found = next((r for r in rows if r.name == name), None) or next(
                (r for r in rows if r.name.casefold() == wanted), None)
            episodes = s.store.show_episodes(found.name) if found else []
        if found is None:
            raise ApiError(404, f"no show {name[:80]!r} in the archive")
        return asdict(found), [asdict(e) for e in episodes]


def _failure(err: BaseException) -> tuple[int, str]:
    """A job's exception as the status and message its request would have answered with."""
    if isinstance(err, ApiError):
        return err.status, err.message
    return 500, f"the sync stopped: {type(err).__name__}: {err}"


def refuse_empty(store: Store) -> None:
    """An archive with no episodes answers nothing: say how to fill it rather than "no moments match"."""
    if not store.episode_ids():
        raise ApiError(409, EMPTY_ARCHIVE)


def links(episode: "Episode") -> dict[str, str | None]:
    video = youtube_video(episode.youtube_id)
    youtube = f"https://www.youtube.com/watch?v={video}" if video else None
    return {"page": episode.page_url, "youtube": youtube, "media": episode.media_url}

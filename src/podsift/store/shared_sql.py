"""The reads both SQL dialects write alike, kept once.

Each dialect supplies its placeholder, two fetch primitives, and the few fragments it
writes its own way (JSON access, aggregate filters, search filter clauses); what differs
beyond that stays in the dialect's own store.
"""

from __future__ import annotations

import json
import unicodedata
from abc import abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from podsift.model import Episode, Repair
from podsift.store.base import (
    COUNTED_TABLES,
    EPISODE_COLUMNS,
    CoMentionRow,
    EntityRow,
    EpisodeEntityRow,
    EpisodeMoment,
    EpisodeSummary,
    FeedItemRow,
    FeedRow,
    FilterClauses,
    GuestRow,
    MentionRow,
    ShowEpisodeRow,
    ShowRow,
    SpeakerRow,
    SpokenMentionRow,
    Store,
    StoredSource,
    chapter_from,
    episode_from,
    filter_sql,
    guest_row,
    mention_row,
    now,
    segment_from,
)  # fmt: skip
from podsift.text import web_url

if TYPE_CHECKING:
    from podsift.entities.extract import Mention
    from podsift.search.filters import SearchFilters

# A segment's columns, as segment_from takes them.
SEGMENT_COLUMNS = 'ordinal, start, "end", speaker, text, directions'


class SQLStore(Store):
    """A store over a SQL database: the reads whose SQL only the placeholder tells apart."""

    PARAM: ClassVar[str]
    """The driver's placeholder for one parameter."""

    ESTIMATED: ClassVar[str]
    """Whether an episode's times are estimates, read from its JSON ``extra`` (episodes ``e``)."""

    GUEST_NAMES: ClassVar[str]
    """The full names an episode's text writes for its slug guests, as JSON text, read from ``extra`` (``e``)."""

    ALL_ENTITIES: ClassVar[str]
    """One row per entity named anywhere: entity_key, entity, type, mentions, episodes."""

    ENTITIES: ClassVar[str]
    """The confirmed ones of ALL_ENTITIES."""

    NO_LIMIT: ClassVar[str]
    """What LIMIT takes for no limit (an OFFSET needs a LIMIT before it in SQLite)."""

    FILTERS: ClassVar[FilterClauses]

    @abstractmethod
    def _fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row of one query (``params`` None: the SQL is sent without parameters)."""

    @abstractmethod
    def _fetch_one(self, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...] | None:
        """The first row of one query, if any."""

    def _write(self, sql: str, params: Sequence[Any]) -> int:
        """Run one statement in its own transaction; the number of rows it touched."""
        return self._write_all([(sql, params)])[0]

    @abstractmethod
    def _write_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int]:
        """Run statements in one transaction; the number of rows each touched."""

    def delete_episode(self, episode_id: str) -> bool:
        p = self.PARAM
        touched = self._write_all([
            # Its feed is read whole at the next sync (no 304), which finds the item new again.
            ("UPDATE feeds SET etag = NULL, last_modified = NULL WHERE url IN "
             f"(SELECT feed_url FROM feed_items WHERE episode_id = {p})", (episode_id,)),
            (f"DELETE FROM feed_items WHERE episode_id = {p}", (episode_id,)),
            # ON DELETE CASCADE clears its chapters, segments, repairs, moments and mentions.
            (f"DELETE FROM episodes WHERE id = {p}", (episode_id,)),
        ])  # fmt: skip
        return touched[-1] > 0

    def _value(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """The first column of a query's one row (COUNT, MAX and the like always return one)."""
        row = self._fetch_one(sql, params)
        assert row is not None
        return row[0]

    @property
    def schema_version(self) -> int:
        return self._value("SELECT MAX(version) FROM _migrations") or 0

    def setting(self, key: str) -> str | None:
        row = self._fetch_one(f"SELECT value FROM settings WHERE key = {self.PARAM}", (key,))
        return row[0] if row else None

    def settings(self) -> dict[str, str]:
        return {key: value for key, value in self._fetch("SELECT key, value FROM settings ORDER BY key")}

    def episode_mentions(self, episode_id: str) -> list[Mention]:
        from podsift.entities.extract import Mention

        rows = self._fetch(f"SELECT segment, entity, type, surface, how FROM mentions WHERE episode_id = {self.PARAM} "
                           "ORDER BY segment, entity, surface, how", (episode_id,))  # fmt: skip
        return [Mention(*row) for row in rows]

    def vector_models(self) -> list[str]:
        return [model for (model,) in self._fetch("SELECT DISTINCT model FROM embeddings ORDER BY model")]

    def drop_vectors(self, model: str) -> int:
        return self._write(f"DELETE FROM embeddings WHERE model = {self.PARAM}", (model,))

    # -- feeds ----------------------------------------------------------------------

    def add_feed(self, url: str) -> bool:
        return self._write(f"INSERT INTO feeds (url) VALUES ({self.PARAM}) ON CONFLICT (url) DO NOTHING", (url,)) > 0

    def remove_feed(self, url: str) -> bool:
        return self._write(f"DELETE FROM feeds WHERE url = {self.PARAM}", (url,)) > 0

    def feeds(self) -> list[FeedRow]:
        rows = self._fetch("SELECT url, title, etag, last_modified, synced_at, status, image FROM feeds ORDER BY url")
        return [FeedRow(*row) for row in rows]

    def record_feed_sync(self, url: str, *, title: str | None, etag: str | None, last_modified: str | None,
                         status: str, image: str | None = None) -> None:  # fmt: skip
        p = self.PARAM
        self._write(
            f"UPDATE feeds SET title = COALESCE({p}, title), etag = COALESCE({p}, etag), "
            f"last_modified = COALESCE({p}, last_modified), image = COALESCE({p}, image), synced_at = {p}, "
            f"status = {p} WHERE url = {p}",
            (title, etag, last_modified, image, now(), status, url),
        )

    def feed_items(self, url: str) -> dict[str, FeedItemRow]:
        rows = self._fetch(
            "SELECT feed_url, guid, episode_id, transcript_url, etag, last_modified, content_hash, details_hash, "
            f"title, gone_at, transcript_type FROM feed_items WHERE feed_url = {self.PARAM}", (url,)
        )  # fmt: skip
        return {row[1]: FeedItemRow(*row) for row in rows}

    def feed_of(self, episode_id: str) -> str | None:
        row = self._fetch_one(f"SELECT MIN(feed_url) FROM feed_items WHERE episode_id = {self.PARAM}", (episode_id,))
        return row[0] if row else None

    def rename_feed_item(self, url: str, guid: str, new_guid: str) -> None:
        p = self.PARAM
        self._write(f"UPDATE feed_items SET guid = {p} WHERE feed_url = {p} AND guid = {p}", (new_guid, url, guid))

    def save_feed_item(self, item: FeedItemRow) -> None:
        p = self.PARAM
        self._write(
            "INSERT INTO feed_items (feed_url, guid, episode_id, transcript_url, etag, last_modified, content_hash, "
            f"details_hash, title, gone_at, transcript_type) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}) "
            "ON CONFLICT (feed_url, guid) DO UPDATE SET "
            "episode_id = excluded.episode_id, transcript_url = excluded.transcript_url, etag = excluded.etag, "
            "last_modified = excluded.last_modified, content_hash = excluded.content_hash, "
            "details_hash = excluded.details_hash, title = excluded.title, gone_at = excluded.gone_at, "
            "transcript_type = excluded.transcript_type",
            (item.feed_url, item.guid, item.episode_id, item.transcript_url, item.etag, item.last_modified,
             item.content_hash, item.details_hash, item.title, item.gone_at, item.transcript_type),
        )  # fmt: skip

    # -- shows ------------------------------------------------------------------------

    def shows(self) -> list[ShowRow]:
        counted = self._fetch("SELECT show, COUNT(*), MAX(date) FROM episodes WHERE show IS NOT NULL GROUP BY show")
        # A show's feed is the one whose title is the show's name (the name its episodes got from it).
        feeds: dict[str, FeedRow] = {}
        for feed in self.feeds():
            if feed.title and (feed.title not in feeds or not feeds[feed.title].image):
                feeds[feed.title] = feed
        shows = {name: (count, latest) for name, count, latest in counted}
        for title in feeds:
            shows.setdefault(title, (0, None))  # followed, but no episode yet (every item skipped)
        rows = []
        for name, (count, latest) in shows.items():
            own = feeds.get(name)
            rows.append(ShowRow(name, count, latest, web_url(own.image) if own else None, own.url if own else None))
        return sorted(rows, key=lambda r: (r.name.casefold(), r.name))

    def show_episodes(self, name: str) -> list[ShowEpisodeRow]:
        rows = self._fetch(f"SELECT id, title, date, duration, extra FROM episodes WHERE show = {self.PARAM} ORDER BY id",
                           (name,))  # fmt: skip
        episodes = [ShowEpisodeRow(id_, title, date, duration, web_url(json.loads(extra or "{}").get("image")))
                    for id_, title, date, duration, extra in rows]  # fmt: skip
        # Latest first, undated last; a stable sort keeps the ids in order within a date.
        return sorted(episodes, key=lambda e: (e.date is not None, e.date or ""), reverse=True)

    # -- episodes ---------------------------------------------------------------

    def source_by_path(self, source_path: str) -> StoredSource | None:
        return self._source("source_path", source_path)

    def source_by_hash(self, content_hash: str) -> StoredSource | None:
        return self._source("content_hash", content_hash)

    def source_by_id(self, episode_id: str) -> StoredSource | None:
        return self._source("id", episode_id)

    def _source(self, column: str, value: str) -> StoredSource | None:
        row = self._fetch_one(
            f"SELECT id, source_path, content_hash FROM episodes WHERE {column} = {self.PARAM}", (value,)
        )
        return StoredSource(*row) if row else None

    def episode_ids(self) -> set[str]:
        return {row[0] for row in self._fetch("SELECT id FROM episodes")}

    def list_episodes(self, limit: int | None = None, offset: int = 0) -> list[EpisodeSummary]:
        page, params = self._page(limit, offset)
        rows = self._fetch(
            """
            SELECT e.id, e.title, e.source_format,
                   (SELECT COUNT(*) FROM segments s WHERE s.episode_id = e.id),
                   (SELECT COUNT(*) FROM chapters c WHERE c.episode_id = e.id),
                   e.duration, e.show, e.date
            FROM episodes e ORDER BY e.id"""
            + page,
            params or None,
        )
        return [EpisodeSummary(*row) for row in rows]

    def _page(self, limit: int | None, offset: int) -> tuple[str, list[int]]:
        """The LIMIT/OFFSET clause of a page of a list and its parameters: ``limit`` rows from
        ``offset``; no limit, the rest from ``offset``; neither, the whole list."""
        if limit is None and not offset:
            return "", []
        if limit is None:
            return f" LIMIT {self.NO_LIMIT} OFFSET {self.PARAM}", [offset]
        return f" LIMIT {self.PARAM} OFFSET {self.PARAM}", [limit, offset]

    def count_episodes(self) -> int:
        return int(self._value("SELECT COUNT(*) FROM episodes"))

    def get_episode(self, episode_id: str) -> Episode | None:
        query = f"SELECT {', '.join(EPISODE_COLUMNS)} FROM episodes WHERE id = {self.PARAM}"
        row = self._fetch_one(query, (episode_id,))
        for form in ("NFC", "NFD"):
            # An id typed composed ("é") for one an older podsift kept decomposed from a macOS file name.
            if row is None and (other := unicodedata.normalize(form, episode_id)) != episode_id:
                row, episode_id = self._fetch_one(query, (other,)), other
        if row is None:
            return None
        episode = episode_from(row)
        episode.chapters = [
            chapter_from(*r) for r in self._rows("chapters", "title, start, first_segment, generated", episode_id)
        ]
        episode.segments = [segment_from(*r) for r in self._rows("segments", SEGMENT_COLUMNS, episode_id)]
        episode.repairs = [Repair(*r) for r in self._rows("repairs", "kind, detail, location", episode_id)]
        return episode

    def _rows(self, table: str, columns: str, episode_id: str) -> list[tuple[Any, ...]]:
        return self._fetch(
            f"SELECT {columns} FROM {table} WHERE episode_id = {self.PARAM} ORDER BY ordinal", (episode_id,)
        )

    def episode_moments(self, episode_id: str) -> list[EpisodeMoment]:
        rows = self._fetch(
            "SELECT id, first_segment, last_segment, start, chapter, text FROM moments "
            f"WHERE episode_id = {self.PARAM} ORDER BY ordinal",
            (episode_id,),
        )
        return [EpisodeMoment(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        return {table: self._value(f"SELECT COUNT(*) FROM {table}") for table in COUNTED_TABLES}

    def questions_asked(self, limit: int = 200) -> list[tuple[str, str]]:
        p = self.PARAM  # the pattern is a parameter: "%" and "?" mean other things to each driver
        rows = self._fetch(
            f"SELECT episode_id, text FROM segments WHERE text LIKE {p} AND LENGTH(text) <= 160 "
            f"ORDER BY episode_id, ordinal LIMIT {p}",
            ("%?%", limit),
        )
        return [(r[0], r[1]) for r in rows]

    def show_speakers(self, show: str, exclude: str = "") -> tuple[int, list[tuple[str, int]]]:
        p = self.PARAM
        total = self._value(f"SELECT COUNT(*) FROM episodes WHERE show = {p} AND id != {p}", (show, exclude))
        rows = self._fetch(
            "SELECT s.speaker, COUNT(DISTINCT s.episode_id) AS n FROM segments s "
            f"JOIN episodes e ON e.id = s.episode_id WHERE e.show = {p} AND e.id != {p} AND s.speaker IS NOT NULL "
            "GROUP BY s.speaker ORDER BY n DESC, s.speaker LIMIT 3",
            (show, exclude),
        )
        return total, [(r[0], r[1]) for r in rows]

    # -- entities: what mentions say ---------------------------------------------------

    def entity_counts(self, kind: str | None = None) -> list[EntityRow]:
        where, params = (f"WHERE type = {self.PARAM}", [kind]) if kind else ("", [])
        rows = self._fetch(
            f"SELECT entity, type, mentions, episodes FROM ({self.ENTITIES}) t {where} ORDER BY mentions DESC, entity",
            params,
        )
        return [EntityRow(*r) for r in rows]

    def entity(self, key: str) -> EntityRow | None:
        row = self._fetch_one(
            f"SELECT entity, type, mentions, episodes FROM ({self.ALL_ENTITIES}) t WHERE entity_key = {self.PARAM}",
            (key,),
        )
        return EntityRow(*row) if row else None

    def mention_surfaces(self) -> list[tuple[str, str, int]]:
        rows = self._fetch("SELECT surface, entity_key, COUNT(*) FROM mentions GROUP BY surface, entity_key")
        return [(r[0], r[1], int(r[2])) for r in rows]

    def entity_mentions(self, key: str) -> list[MentionRow]:
        rows = self._fetch(
            "SELECT x.entity, x.type, x.surface, x.how, x.episode_id, e.title, e.youtube_id, e.media_url, "
            f"{self.ESTIMATED}, s.ordinal, s.start, s.speaker, s.text "
            "FROM mentions x JOIN segments s ON s.episode_id = x.episode_id AND s.ordinal = x.segment "
            f"JOIN episodes e ON e.id = x.episode_id WHERE x.entity_key = {self.PARAM} "
            # Undated episodes last on every backend (SQLite and PostgreSQL put NULLs at opposite ends).
            "ORDER BY e.date IS NULL, e.date DESC, e.id, s.ordinal, x.surface",
            (key,),
        )
        return [mention_row(*r) for r in rows]

    def co_mentioned(self, key: str, limit: int = 15) -> list[CoMentionRow]:
        p = self.PARAM
        rows = self._fetch(
            f"SELECT t.entity, t.type, COUNT(DISTINCT o.episode_id) AS episodes FROM mentions o "
            f"JOIN ({self.ENTITIES}) t ON t.entity_key = o.entity_key "
            f"WHERE o.entity_key != {p} AND o.episode_id IN (SELECT episode_id FROM mentions WHERE entity_key = {p}) "
            f"GROUP BY t.entity, t.type ORDER BY episodes DESC, COUNT(*) DESC, t.entity LIMIT {p}",
            (key, key, limit),
        )
        return [CoMentionRow(*r) for r in rows]

    def episode_entities(self, episode_id: str) -> list[EpisodeEntityRow]:
        rows = self._fetch(
            "SELECT t.entity, t.type, COUNT(*) AS mentions, min(o.segment) AS first_segment FROM mentions o "
            f"JOIN ({self.ENTITIES}) t ON t.entity_key = o.entity_key WHERE o.episode_id = {self.PARAM} "
            "GROUP BY t.entity, t.type ORDER BY mentions DESC, t.entity",
            (episode_id,),
        )
        return [EpisodeEntityRow(*r) for r in rows]

    def all_mentions(self) -> list[SpokenMentionRow]:
        rows = self._fetch(
            "SELECT o.episode_id, t.entity, t.type, s.speaker FROM mentions o "
            f"JOIN ({self.ENTITIES}) t ON t.entity_key = o.entity_key "
            "JOIN segments s ON s.episode_id = o.episode_id AND s.ordinal = o.segment ORDER BY o.episode_id, o.segment"
        )
        return [SpokenMentionRow(*r) for r in rows]

    # -- people -----------------------------------------------------------------------

    def episode_guests(self) -> list[GuestRow]:
        return [guest_row(*r) for r in self._fetch(f"SELECT id, title, date, guests, show, {self.GUEST_NAMES} FROM episodes e ORDER BY id")]

    def episode_speakers(self) -> list[SpeakerRow]:
        rows = self._fetch(
            "SELECT episode_id, speaker, COUNT(*) AS turns, MIN(ordinal) AS first_segment, MIN(start) AS first_start "
            "FROM segments WHERE speaker IS NOT NULL GROUP BY episode_id, speaker ORDER BY episode_id, speaker"
        )
        return [SpeakerRow(*r) for r in rows]

    # -- what the on-disk lexical index reads ----------------------------------------

    def latest_lexical_change(self) -> int:
        return self._value("SELECT MAX(seq) FROM lexical_changes") or 0

    def lexical_changes_after(self, seq: int) -> int:
        return self._value(f"SELECT COUNT(DISTINCT episode_id) FROM lexical_changes WHERE seq > {self.PARAM}", (seq,))

    def changed_episodes(self, after: int, upto: int) -> list[str]:
        p = self.PARAM
        rows = self._fetch(f"SELECT DISTINCT episode_id FROM lexical_changes WHERE seq > {p} AND seq <= {p}", (after, upto))
        return [r[0] for r in rows]

    # -- what search reads -----------------------------------------------------------

    def moment_total(self) -> int:
        return self._value("SELECT COUNT(*) FROM moments")

    def _filter_sql(self, filters: "SearchFilters") -> tuple[str, list[Any]]:
        return filter_sql(filters, self.FILTERS)

    def filtered_moment_ids(self, filters: "SearchFilters") -> list[int]:
        where, params = self._filter_sql(filters)
        sql = "SELECT m.id FROM moments m JOIN episodes e ON e.id = m.episode_id" + (f" WHERE {where}" if where else "")
        return [r[0] for r in self._fetch(sql, params)]

    # -- vectors ---------------------------------------------------------------------

    def has_vectors(self, model: str) -> bool:
        row = self._fetch_one(
            "SELECT 1 FROM moments m JOIN embeddings v "
            f"ON v.model = {self.PARAM} AND v.text_hash = m.embed_hash LIMIT 1",
            (model,),
        )
        return row is not None

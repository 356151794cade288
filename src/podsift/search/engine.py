"""Moment search: lexical, semantic or hybrid, with filters, highlights and deep links."""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from podsift.search.filters import SearchFilters, stored_show
from podsift.search.fusion import LEXICAL_WEIGHT, MORE, PER_EPISODE, SEMANTIC_WEIGHT, count_unseen, diversify, fuse
from podsift.search.lexical import TermStats, highlight
from podsift.search.query import PHRASE, ParsedQuery, parse_query, ranking_query
from podsift.store.base import ReadOnlyArchive, guest_key
from podsift.text import counted, fragment_time, youtube_video

if TYPE_CHECKING:
    import numpy as np

    from podsift.embed import Embedder
    from podsift.people import Person
    from podsift.search.lexical_index import LexicalIndex
    from podsift.search.rerank import Reranker
    from podsift.search.semantic import DatabaseVectorIndex, VectorIndex
    from podsift.store import GuestRow, MomentRow, Store

Mode = Literal["lexical", "semantic", "hybrid"]
# Whether the moments found answer the query ("answers"), only come closest to it
# ("closest": shown, labelled as such), or nothing in the archive matches ("none").
Match = Literal["answers", "closest", "none"]
MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")
# Each ranking contributes this many candidates to fusion.
CANDIDATES = 100
# How deep the rankings are read at most when the per-episode cap leaves the page short.
MAX_POOL = 6400
# Lexical hits this deep are checked for a missing vector (a check, not a ranking: cheap).
UNSEEN_DEPTH = 20


class SearchError(Exception):
    """A search that cannot run as asked; the message is for the user."""


EMPTY_QUERY = "the query has no words: say what to look for"


def said(query: str) -> bool:
    """Whether ``query`` holds a word to look for: "???", "  " and "-" hold none."""
    return any(ch.isalnum() for ch in query)


def require_words(query: str) -> None:
    """Refuse a query with nothing to look for: no word at all, or only words to leave out
    ("-pricing" was answered "No moments match", as if pricing had been looked for)."""
    if not said(query):
        raise SearchError(EMPTY_QUERY)
    parsed = parse_query(query)
    if parsed.empty and parsed.excluded:
        left_out = " ".join(f'-"{w}"' if " " in w else f"-{w}" for w in parsed.excluded)  # a phrase as typed
        raise SearchError(f"the query only leaves words out ({left_out[:80]}): say what to look for too")
    asked = {w.rstrip("*") for w in parsed.words} | {" ".join(p) for p in parsed.phrases}
    if both := [w for w in parsed.excluded if w in asked]:
        # "price -price": meaning alone would rank moments without the word, as if they matched.
        raise SearchError(f"the query both looks for {both[0][:80]!r} and leaves it out: drop one of the two")


@dataclass
class MomentHit:
    episode_id: str
    episode_title: str | None
    start: float | None
    end: float | None
    speaker: str | None
    chapter: str | None
    text: str
    highlighted: str  # the text as HTML, matched words in <mark>
    url: str | None
    score: float
    speakers: list[str]
    moment_id: int
    time_estimated: bool = False  # the source had no times; start and end are estimates
    # Further moments of this episode that ranked below the per-episode cap, in score order:
    # the first few of them, and how many there are.
    more: list["MomentHit"] = field(default_factory=list)
    more_total: int = 0
    segment: int | None = None  # the ordinal of the line it begins in: the episode page's #sN

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 6)
        data["more"] = [m.to_json() for m in self.more]
        return data


@dataclass(frozen=True)
class QuotedPerson:
    """A quoted phrase that no moment says but that names a guest or a speaker."""

    name: str  # as quoted
    role: Literal["guest", "speaker"]
    query: str  # the query without the name (the name alone if nothing else was asked)
    unquoted: str  # the query with the name in it, unquoted

    @property
    def explained(self) -> str:
        where = "the episodes with guest" if self.role == "guest" else "the words of"
        return f"No moment says “{self.name}”; searched {where} {self.name} instead."

    @property
    def taken(self) -> str:
        return f"No moment says “{self.name}”; taken as the {self.role} {self.name}."


def quoted(text: str) -> str:
    """``text`` in quotation marks, as messages show a query: “…”, once (a query typed “so” keeps its own)."""
    return text if len(text) > 1 and text[0] == "“" and text[-1] == "”" else f"“{text}”"


@dataclass
class SearchResult:
    query: str
    mode: Mode
    hits: list[MomentHit]
    match: Match
    support: float | None = None  # how well the best moments address the query, 0..1
    # The query with the words the archive never says spelt as it says them ("Databriks"
    # -> "Databricks"): offered, or, when the query as typed matched nothing, searched.
    suggestion: str | None = None
    corrected: bool = False  # the hits are the suggestion's, since the query matched nothing
    filtered: bool = False  # filters narrowed the search: "nothing" may be theirs, not the query's
    # A quoted name no moment says, searched as the person instead ('"Nicolas Rassam"'): who and how.
    person: QuotedPerson | None = None

    @property
    def message(self) -> str:
        """What a person should read above the results."""
        if self.person is not None:
            return f"{self.person.explained} {self._message()}"
        return self._message()

    def _message(self) -> str:
        if self.match == "none":
            return f"No moments match {quoted(self.query)}" + (" within these filters." if self.filtered else ".")
        count = counted(len(self.hits), "moment")
        if self.corrected:
            found = "the closest" if self.match == "closest" else "showing"
            return f"No moments match {quoted(self.query)}; {found} {count} for {quoted(self.suggestion or '')}:"
        if self.match == "closest":
            verb = "comes" if len(self.hits) == 1 else "come"
            return f"No moment clearly answers {quoted(self.query)}; the {count} that {verb} closest:"
        return f"{count} for {quoted(self.query)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query, "mode": self.mode, "match": self.match,
            "support": None if self.support is None else round(self.support, 4),
            "message": self.message, "suggestion": self.suggestion, "corrected": self.corrected,
            "person": None if self.person is None else {"name": self.person.name, "role": self.person.role},
            "results": [h.to_json() for h in self.hits],
        }  # fmt: skip


def moment_url(youtube_id: str | None, media_url: str | None, start: float | None) -> str | None:
    """A link that plays from ``start``: YouTube's ``&t=``, else a media fragment."""
    if start is None:
        return None
    if youtube_video(youtube_id):
        # YouTube's t= takes whole seconds only; rounding down starts at or before the line.
        return f"https://www.youtube.com/watch?v={youtube_id}&t={math.floor(start)}"
    if media_url:
        return f"{media_url.split('#', 1)[0]}#t={fragment_time(start)}"
    return None


class Searcher:
    """Search over one store. Keeps the model (and, on SQLite, the vectors) loaded between queries."""

    def __init__(
        self,
        store: "Store",
        embedder: "Embedder | None" = None,
        *,
        sibling: "Searcher | None" = None,
        lexical_index: bool | None = None,
    ) -> None:
        """``sibling``: another searcher (over another connection to the same archive)
        whose model and cache of query vectors this one shares. ``lexical_index``: rank
        words with the on-disk index (None: whenever the store has a place for one;
        False: with the store's own full-text search, FTS5 or PostgreSQL's)."""
        self.store = store
        self._lexical_index: "LexicalIndex | None" = None
        if lexical_index is not False:
            from podsift.search.lexical_index import LexicalIndex

            if store.lexical_index_dir is not None:
                self._lexical_index = LexicalIndex(store)
            elif lexical_index:
                raise SearchError("a lexical index needs a place on disk; this archive has none")
        self._embedder = embedder
        self._vectors: "VectorIndex | DatabaseVectorIndex | None" = None
        self._query_vectors: dict[str, "np.ndarray"] = {}
        self._cache_lock = threading.Lock()
        self._reranker: "Reranker | None | bool" = False  # False: not looked up yet
        self.term_stats = TermStats()
        # Who speaks in the archive, by name key, as of a change count of the archive.
        self._guests: tuple[int, frozenset[str]] | None = None  # every guest's name keys, likewise
        self.index_note: str | None = None  # why words were not ranked by the on-disk index, if they were not
        if sibling is not None:
            self._embedder = sibling.embedder
            self._reranker = sibling.reranker
            self._query_vectors, self._cache_lock = sibling._query_vectors, sibling._cache_lock

    @property
    def lexical_index(self) -> "LexicalIndex | None":
        """The on-disk index words are ranked with, if any (None: the store's full-text search)."""
        return self._lexical_index

    def lexical_source(self) -> Any:
        """What knows word counts and phrases (index or store), brought up to date with the archive."""
        if self._lexical_index is not None:
            try:
                self._lexical_index.sync()
                return self._lexical_index
            except OSError as err:  # a read-only directory: the store's own full-text search still works
                self.index_note = (f"the search index {self._lexical_index.path} cannot be written "
                                   f"({err.strerror or err}); words were ranked by the database's own "
                                   "full-text search, which ranks a little differently")  # fmt: skip
                self._lexical_index = None
        try:
            self.store.flush_index()
        except ReadOnlyArchive as err:
            raise SearchError(str(err)) from None
        return self.store

    @property
    def embedder(self) -> "Embedder":
        """The archive's active model: its tuned one (`podsift tune`) if any, else the base."""
        if self._embedder is None:
            from podsift.embed import embedder_for

            self._embedder = embedder_for(self.store)
        return self._embedder

    @property
    def model_name(self) -> str:
        """The name the active model's vectors are stored under (no model is loaded to tell)."""
        if self._embedder is not None:
            return self._embedder.name
        from podsift.embed import active_model

        return active_model(self.store).name

    @property
    def reranker(self) -> "Reranker | None":
        """The cross-encoder `podsift tune` trained for this archive, if any (loaded on first use)."""
        if self._reranker is False:
            from podsift.embed import active_model
            from podsift.search.rerank import Reranker

            active = active_model(self.store)
            self._reranker = (
                Reranker(active.reranker, threshold=active.reranker_threshold) if active.reranker else None
            )
        return self._reranker  # type: ignore[return-value]

    @property
    def answer_threshold(self) -> float | None:
        """The active model's calibrated cosine below which nothing answers (None: the default rule)."""
        from podsift.embed import active_model

        active = active_model(self.store)
        return active.answer_threshold if active.name == self.model_name else None

    @property
    def vectors(self) -> "VectorIndex | DatabaseVectorIndex":
        """Where semantic search ranks: in memory (SQLite) or in the database (PostgreSQL)."""
        if self._vectors is None:
            from podsift.search.semantic import vector_index

            self._vectors = vector_index(self.store, self.model_name)
        return self._vectors

    def query_vector(self, query: str) -> "np.ndarray":
        """The query's embedding; the last few are kept, since ask and eval reuse them.

        Safe to call from several threads at once: a server embeds queries in parallel
        and only takes turns for the store.
        """
        with self._cache_lock:
            cached = self._query_vectors.get(query)
        if cached is not None:
            return cached
        vector = self.embedder.encode_query(query)
        with self._cache_lock:
            if len(self._query_vectors) >= 64:
                self._query_vectors.pop(next(iter(self._query_vectors)))
            self._query_vectors[query] = vector
        return vector

    def similarities(self, query: str, moment_ids: list[int]) -> dict[int, float]:
        """Cosine similarity of the query to each moment that has a vector."""
        if not moment_ids or not self.has_vectors():
            return {}
        return self.vectors.similarities(self.store, self.query_vector(query), moment_ids)

    def has_vectors(self) -> bool:
        return self.store.has_vectors(self.model_name)

    def default_mode(self) -> Mode:
        return "hybrid" if self.has_vectors() else "lexical"

    def search(
        self,
        query: str,
        *,
        mode: Mode | None = None,
        limit: int = 10,
        filters: SearchFilters | None = None,
        per_episode: int | None = PER_EPISODE,
    ) -> list[MomentHit]:
        """The best ``limit`` moments, at most ``per_episode`` from one episode (None: no cap)."""
        filters = (filters or SearchFilters()).tidied()
        mode = mode or self.default_mode()
        if mode not in MODES:
            raise SearchError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if limit < 1 or not said(query):
            return []
        if filters.show is not None:
            filters = replace(filters, show=self._known_show(filters.show))
        if filters.episode is not None:
            self._known_episode(filters.episode)
        if filters.entity is not None:
            filters = replace(filters, entity=self._known_entity(filters.entity))
        if filters.guest is not None:
            filters = replace(filters, guest_episodes=json.dumps(self._guest_episodes(filters.guest)))
        if (speaker := filters.speaker) is not None:
            filters = replace(filters, speaker_labels=self._labels_of(speaker))
            if filters.speaker_labels is None:
                self._known_speaker(speaker)
        if mode != "lexical" and not self.has_vectors():
            raise SearchError(
                f"{mode} search needs embeddings and this database has none; "
                "run `podsift embed` (or search with --mode lexical)"
            )
        parsed = parse_query(query)
        capped = filters.episode is None and per_episode is not None
        more: dict[int, list[tuple[int, float]]] = {}
        pool = max(CANDIDATES, limit * 3)
        while True:
            ranked, full = self._ranked(query, mode, filters, pool)
            if capped:
                picked, more = self._diversify(ranked, limit, per_episode or PER_EPISODE)
            else:
                picked = ranked[:limit]
            # A few long episodes can fill the candidates (with the cap), or a "phrase" thin the
            # meaning ranking: the page would come up short while the rankings hold more. Look
            # deeper then (rare, and bounded).
            if len(picked) == limit or not full or pool >= MAX_POOL:
                alone = capped and 0 < len(picked) < limit
                if alone and len(set(self._episodes_of([i for i, _ in picked]).values())) == 1:
                    # One episode holds every match (a filter left only it): the cap gives way,
                    # as for --episode, rather than show its best few and hide the rest.
                    picked, more = ranked[:limit], {}
                ranked = picked
                break
            pool *= 4
        grouped = [i for items in more.values() for i, _ in items[:MORE]]
        rows = self._moments([i for i, _ in ranked] + grouped)
        hits = []
        for i, score in ranked:
            hit = self._hit(rows[i], score, parsed)
            hit.more = [self._hit(rows[j], s, parsed) for j, s in more.get(i, [])[:MORE]]
            hit.more_total = len(more.get(i, []))
            hits.append(hit)
        return hits

    def _ranked(self, query: str, mode: Mode, filters: SearchFilters, pool: int) -> tuple[list[tuple[int, float]], bool]:
        """The moments ``mode`` ranks for ``query``, best first, each ranking ``pool`` deep; and
        whether a ranking was cut at that depth (more lie beyond it)."""
        # Each ranking as (moment id, score), higher is better.
        rankings: list[tuple[list[tuple[int, float]], float]] = []
        lexical: list[tuple[int, float]] = []
        semantic: list[tuple[int, float]] = []
        cut = False
        if mode in ("lexical", "hybrid"):
            source = self.lexical_source()
            ranking = ranking_query(query)
            ranked_words = replace(ranking, words=self.term_stats.informative(source, ranking.words))
            rank = self._lexical_index.ranking if self._lexical_index is not None else self.store.lexical_ranking
            # BM25's own scores, negated so that higher is better, as in the other modes.
            lexical = self._break_ties([(i, -score) for i, score in rank(ranked_words, filters, pool)])
            rankings.append((lexical, LEXICAL_WEIGHT))
        if mode in ("semantic", "hybrid"):
            vector = self.query_vector(query)
            nearest = self._break_ties(self.vectors.ranking(self.store, vector, filters, pool))
            cut = len(nearest) >= pool  # before phrases thin it: more may obey further down
            semantic = self._obeying(query, nearest)
            rankings.append((semantic, SEMANTIC_WEIGHT))
        full = cut or len(lexical) >= pool
        if mode == "lexical":
            return lexical, full
        if mode == "semantic":
            return semantic, full
        fused = fuse(rankings, CANDIDATES)
        return count_unseen(fused, self._unembedded(lexical, semantic, vector), SEMANTIC_WEIGHT), full

    def _obeying(self, query: str, ranking: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The ranking without the moments that lack a "phrase" the query requires or say a
        -word it excludes: meaning alone knows nothing of either."""
        from podsift.search.lexical_index import Stems, obeys

        parsed = parse_query(query)
        if not parsed.phrases and not parsed.excluded or not ranking:
            return ranking
        rows = self._moments([i for i, _ in ranking])
        stems = self._lexical_index.stems if self._lexical_index is not None else Stems()
        return [(i, s) for i, s in ranking if i in rows and obeys(parsed, rows[i].text, stems)]

    def _unembedded(self, lexical: list[tuple[int, float]], semantic: list[tuple[int, float]],
                    vector: "np.ndarray") -> dict[int, int]:  # fmt: skip
        """The best lexical hits that have no vector for this model (ingested with --no-embed, or
        embedded only by a tuned model that is gone), each with its lexical rank."""
        seen = {i for i, _ in semantic}
        head = [i for i, _ in lexical[:UNSEEN_DEPTH] if i not in seen]
        if not head:
            return {}
        embedded = self.vectors.similarities(self.store, vector, head)
        rank = {i: n for n, (i, _) in enumerate(lexical, 1)}
        return {i: rank[i] for i in head if i not in embedded}

    def _labels_of(self, speaker: str) -> str | None:
        """The (episode, label) pairs the person named ``speaker`` speaks under, as JSON: a
        transcript labels "Tomás Rivera" as "Tomás", and the name a page shows should
        find them. None when no person goes by that name (the label alone is matched)."""
        from podsift.people import find_person

        person = find_person(self.store, speaker)
        if person is None:
            return None
        labels = [person.name, *person.aliases]
        return json.dumps([[a.episode_id, label] for a in person.appearances for label in labels])

    def _known_episode(self, episode_id: str) -> None:
        """An episode id the archive lacks is a typo, not a search with no results: SearchError
        says so, with the nearest ids."""
        ids = self.store.episode_ids()
        if episode_id not in ids:
            raise SearchError(f"no episode {episode_id[:80]!r} in the archive{did_you_mean(episode_id, ids)}; "
                              "`podsift episodes` lists them")  # fmt: skip

    def _known_entity(self, entity: str) -> str:
        """The name of the entity ``entity`` spells ("Kafka": Apache Kafka). A person, tool or
        place no moment names is a typo or absent: SearchError says so."""
        from podsift.entities.catalog import find_entity, near_names

        if (row := find_entity(self.store, entity)) is None:
            hint = near_names(self.store, entity) or "; `podsift entities` lists who and what is named"
            raise SearchError(f"no moment names {entity[:80]!r}{hint}")
        return row.entity

    def _guest_episodes(self, guest: str) -> list[str]:
        """The episodes whose guests ``guest`` names: letters and digits compared in any script,
        accents folded ("Tomas Rivera" finds the slug "tomasrivera" and "Zoë Ångström" herself),
        in the guests as the source wrote them and the full names its text gives slugs. None
        found is a typo, not a search with no results: SearchError says so."""
        from podsift.people import shown_guests
        from podsift.words import fold

        wanted = {guest_key(guest), guest_key(fold(guest))} - {""}
        if not wanted:
            raise SearchError(f"a guest's name needs letters or digits, and {guest[:80]!r} has none")
        rows = self.store.episode_guests()
        found = [row.episode_id for row in rows if any(w in key for key in _guest_keys(row) for w in wanted)]
        if found:
            return found
        # Full names pages write for slugs, the names people pages show, and the slugs.
        names = {name for row in rows for name in [*row.written.values(), *shown_guests(self.store, row.guests), *row.guests]}
        said_by = any(row.speaker.casefold() == guest.casefold() for row in self.store.episode_speakers())
        hint = ("; they speak in the archive: filter by speaker instead" if said_by
                else did_you_mean(guest, names) if names else "; no episode names its guests")  # fmt: skip
        raise SearchError(f"no episode names {guest[:80]!r} as a guest{hint}")

    def is_guest(self, name: str) -> bool:
        """Whether ``name`` is the whole name of some episode's guest ("Nicolas Rassam" for the
        guest "nicolasrassam"), as the guest filter compares names, accents folded."""
        from podsift.words import fold

        wanted = {guest_key(name), guest_key(fold(name))} - {""}
        return bool(wanted & self._every_guest_key())

    def _every_guest_key(self) -> frozenset[str]:
        """Every guest's name keys, worked out once per archive change: reading every episode's
        guests took milliseconds, for each name a question writes."""
        change = self.store.latest_lexical_change()
        if self._guests is None or self._guests[0] != change:
            self._guests = (change, frozenset(k for row in self.store.episode_guests() for k in _guest_keys(row)))
        return self._guests[1]

    def person_named(self, question: str) -> tuple[str, str, set[str]] | None:
        """The person the question names who speaks in the archive ("Tomás", or "Tomás Rivera"
        for the label "Tomás"), the question without their name, and the episodes they speak
        in; None if it names none. Full names are tried before single words."""
        from podsift.people import person_key
        from podsift.search.support import name_phrases, names

        speakers = self._speakers_by_key()
        quoted = " ".join(w for p in parse_query(question).phrases for w in p).casefold()  # "Tomás" in quotes: say it
        for name in [*name_phrases(question), *names(question)]:
            if name.casefold() not in quoted and (person := speakers.get(person_key(name))) is not None:
                rest = re.sub(rf"\b{re.escape(name)}(?:['’]s)?\b", " ", question)
                return person.name, " ".join(rest.split()), {a.episode_id for a in person.appearances}
        return None

    def person_quoted(self, query: str, filters: SearchFilters | None = None) -> QuotedPerson | None:
        """A quoted phrase of ``query`` that no moment says but that is a guest's whole name (a page
        may write "Nicolas Rassam" where the transcript says "Nicolas") or a speaker's: as a phrase
        it could match nothing, so the person is meant. None when the filters name someone else."""
        from podsift.people import person_key

        if PHRASE.search(query) is None:
            return None
        speakers = self._speakers_by_key()

        def who(*names: str) -> set[str]:  # "Tomás" and "tomasrivera" are one person
            return {k for n in names for k in (person_key(n), getattr(speakers.get(person_key(n)), "key", None)) if k}

        named = who(*(n for n in (filters.guest, filters.speaker) if n)) if filters is not None else set()
        for m in PHRASE.finditer(query):
            name = " ".join(m.group(1).split())
            if not name or m.start() > 0 and query[m.start() - 1] == "-":
                continue
            if self._ranked(f'"{name}"', "lexical", SearchFilters(), 1)[0]:
                continue  # said: a phrase like any other
            role: Literal["guest", "speaker"] | None = None
            if self.is_guest(name):
                role = "guest"
            elif (person := speakers.get(person_key(name))) is not None:
                role, name = "speaker", person.name
            if role is None:
                continue
            if named and not named & who(name, m.group(1)):
                return None  # the filters name someone else: the phrase stays a phrase
            rest = " ".join(f"{query[: m.start()]} {query[m.end() :]}".split())
            unquoted = " ".join(f"{query[: m.start()]} {m.group(1)} {query[m.end() :]}".split())
            return QuotedPerson(name, role, rest if said(rest) else name, unquoted)
        return None

    def _speakers_by_key(self) -> "dict[str, Person]":
        """`find_person`'s index, built once per archive change: working out everyone costs
        tens of milliseconds on a large archive, too much for every question."""
        from podsift.people import by_name_key, people

        return self.store.kept("speakers by key", lambda: by_name_key(people(self.store)))

    def _known_speaker(self, speaker: str) -> None:
        """A speaker no transcript labels and no person goes by is a typo: SearchError says so."""
        labels = {row.speaker for row in self.store.episode_speakers()}
        wanted = speaker.casefold()
        if not any(label.casefold() == wanted for label in labels):
            raise SearchError(f"no speaker {speaker[:80]!r} in the archive{did_you_mean(speaker, labels)}")

    def _known_show(self, show: str) -> str:
        """The show's name as stored, in any case asked; a name no episode has is a typo, not a
        search with no results, so SearchError says so and names the shows there are."""
        names = [row.name for row in self.store.shows() if row.episodes]
        if (name := stored_show(show, names)) is not None:
            return name
        known = ", ".join(repr(n) for n in names[:10]) + (", …" if len(names) > 10 else "")
        raise SearchError(f"no show {show[:80]!r} in the archive; "
                          + (f"the shows are {known}" if names else "no episode names a show"))  # fmt: skip

    def find(
        self,
        query: str,
        *,
        mode: Mode | None = None,
        limit: int = 10,
        filters: SearchFilters | None = None,
        per_episode: int | None = PER_EPISODE,
    ) -> SearchResult:
        """``search``, and whether what it found answers the query at all.

        Nothing matches when none of the query's words is in the archive and no moment
        is close in meaning (nonsense, or another language): the result is empty. When
        words match but no moment clears the support level, the moments are the closest
        mentions, labelled as such.

        A word the archive never says but spells one or two letters apart is suggested;
        when the query as typed matches nothing, the suggestion is searched instead.
        """
        require_words(query)
        quoted = self.person_quoted(query, filters)
        if quoted is not None:
            base = filters or SearchFilters()
            person = replace(base, guest=quoted.name) if quoted.role == "guest" else replace(base, speaker=quoted.name)
            found = self.find(quoted.query, mode=mode, limit=limit, filters=person, per_episode=per_episode)
            if found.suggestion and quoted.query != quoted.name:
                # It mends the words searched for: without the name it would search everyone's.
                found = replace(found, suggestion=f'"{quoted.name}" {found.suggestion}')
            # "Within these filters" speaks of the user's filters, not of the person's.
            own = filters is not None and filters.active
            return replace(found, query=query, person=quoted, filtered=found.filtered and own)
        result = self._find(query, mode=mode, limit=limit, filters=filters, per_episode=per_episode)
        if result.match == "none" and filters is not None and filters.active:
            # The filters' doing only if the archive has the words elsewhere ("zzzqqq" matches nowhere).
            anywhere = self._find(query, mode=mode, limit=1, filters=None, per_episode=per_episode)
            result = replace(result, filtered=anywhere.match != "none")
        suggested = self.suggestion(query)
        if suggested is None:
            return result
        if result.match == "none":
            instead = self._find(suggested, mode=mode, limit=limit, filters=filters, per_episode=per_episode)
            if instead.match != "none":
                return replace(instead, query=query, suggestion=suggested, corrected=True)
        return replace(result, suggestion=suggested)

    def suggestion(self, query: str) -> str | None:
        """The query spelt as the archive spells the words it never says as typed, if it can tell."""
        from podsift.search.spelling import suggestion

        source = self.lexical_source()
        return suggestion(source if source is self._lexical_index else None, self.term_stats, query)

    def _find(
        self,
        query: str,
        *,
        mode: Mode | None,
        limit: int,
        filters: SearchFilters | None,
        per_episode: int | None,
    ) -> SearchResult:
        from podsift.search.support import gather, support

        chosen = mode or self.default_mode()
        hits = self.search(query, mode=chosen, limit=limit, filters=filters, per_episode=per_episode)
        if not hits:
            return SearchResult(query, chosen, [], "none")
        judged = support(gather(self, query, hits))
        if not judged.abstain:
            return SearchResult(query, chosen, hits, "answers", judged.value)
        words = parse_query(query).terms(raw=True)
        source = self.lexical_source()
        if not any(self._in_archive(source, w) for w in words):
            return SearchResult(query, chosen, [], "none", judged.value)
        return SearchResult(query, chosen, hits, "closest", judged.value)

    def _in_archive(self, source: Any, word: str) -> bool:
        """Whether any moment says the word; a prefix word ("contr*"), any word it starts."""
        if word.endswith("*"):  # the prefix alone is seldom a word: ask the lexical ranking
            return bool(self.search(word, mode="lexical", limit=1, per_episode=None))
        return bool(self.term_stats.documents(source, word))

    def _diversify(
        self, ranked: list[tuple[int, float]], limit: int, cap: int
    ) -> tuple[list[tuple[int, float]], dict[int, list[tuple[int, float]]]]:
        """Apply the per-episode cap, looking up episodes only as far down as needed."""
        ids = [i for i, _ in ranked]
        episode_of: dict[int, str] = {}
        window = 2 * limit
        while True:
            episode_of.update(self._episodes_of(ids[len(episode_of) : window]))
            picked, more = diversify(ranked[:window], episode_of, limit, cap)
            if window >= len(ranked) or len(picked) == limit:
                return picked, more
            window *= 4

    def _break_ties(self, ranking: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Moments of equal score (the same words said in two files) by episode id, then in
        the order the episode says them. An index lists them in the order they were stored,
        which a rebuilt archive or a resumed ingest changes; this order does not."""
        scores = Counter(score for _, score in ranking)
        tied = [i for i, score in ranking if scores[score] > 1]
        if not tied:
            return ranking
        episode_of = self._episodes_of(tied)
        # A moment's id grows with its place in its episode, which is stored whole, in order.
        return sorted(ranking, key=lambda item: (-item[1], episode_of.get(item[0], ""), item[0]))

    def _episodes_of(self, ids: list[int]) -> dict[int, str]:
        return self.store.episodes_of(ids)

    def _moments(self, ids: list[int]) -> dict[int, "MomentRow"]:
        return self.store.moment_rows(ids)

    def _hit(self, row: "MomentRow", score: float, query: "ParsedQuery") -> MomentHit:
        return MomentHit(
            episode_id=row.episode_id,
            episode_title=row.episode_title,
            start=row.start,
            end=row.end,
            speaker=row.speakers[0] if row.speakers else None,
            chapter=row.chapter,
            text=row.text,
            highlighted=highlight(row.text, query, self.term_stats),
            url=moment_url(row.youtube_id, row.media_url, row.start),
            score=score,
            speakers=list(row.speakers),
            moment_id=row.id,
            time_estimated=row.time_estimated,
            segment=row.first_segment,
        )


def _guest_keys(row: "GuestRow") -> set[str]:
    """An episode's guests as the guest filter compares them: as the source wrote them, and
    the full names its text gives slugs, each also with accents folded."""
    from podsift.words import fold

    return {key for name in (*row.guests, *row.written.values()) for key in (guest_key(name), guest_key(fold(name)))}


def did_you_mean(wanted: str, names: "Iterable[str]") -> str:
    """" (did you mean 'x'?)" for the name nearest ``wanted``, or "" if none is near."""
    from rapidfuzz import fuzz, process, utils

    known = sorted(names)
    # "Ada" for "Ada Lovelace": a name one of its words; else a name spelt nearly so ("career-swich").
    word = next((name for name in known if wanted.casefold() in name.casefold().split()), None)
    found = process.extractOne(wanted, known, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=80)
    near = word or (found[0] if found else None)
    return f" (did you mean {near!r}?)" if near else ""

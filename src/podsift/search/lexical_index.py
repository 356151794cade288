"""An on-disk BM25 index of moments (tantivy) that stops early instead of scoring every match.

FTS5's ``bm25()`` scores every moment that matches any query word, so a query with
a common word costs time in proportion to the archive (632 ms p50 at 1.76 M moments).
tantivy ranks a disjunction of terms with block-max WAND: it skips blocks of
postings that cannot reach the current top ``k``.

The database stays the source of truth. The index is derived from it, and
lives where the store says (``Store.lexical_index_dir``): beside an SQLite file
(``archive.db`` -> ``archive.lexical/``); for PostgreSQL, in a folder on each
machine that searches (``$PODSIFT_INDEXES``), so every server process ranks words
in a few milliseconds instead of having ``ts_rank_cd`` score every match.

* Triggers record every episode whose moments change in ``lexical_changes``
  (SQLite migration 0005, PostgreSQL 0004). The index remembers the last change it applied
  (``applied.json``, written after each commit) and catches up by replaying the
  rest, idempotently: delete an episode's documents, add its current moments. A
  crash between the commit and the note only means the replay runs again.
* A missing, unreadable or miscounted index is rebuilt from the moments table
  (``podsift reindex`` does it on demand; ``podsift doctor`` compares the counts).
* tantivy allows one writer per index: a process that finds the lock taken
  (``podsift serve`` while ``podsift ingest`` runs) waits briefly, then leaves
  the catch-up to the holder or the next search; it never fails a search for it.
  Readers reload when the note says another process committed.

Words are split and stemmed in Python, exactly as highlighting and ``TermStats``
do (unicode61-like splitting, diacritics folded, Porter via PyStemmer), and
indexed as whitespace-separated stems, so a highlighted word is a matched word.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from podsift.search.query import ParsedQuery
from podsift.words import WORD as _TOKEN
from podsift.words import fold as _fold
from podsift.words import stem

if TYPE_CHECKING:
    import tantivy

    from podsift.search.filters import SearchFilters
    from podsift.store import Store

# Column weights, as FTS5's bm25() was given them: the words said count fully, the
# context (chapter title and the question before) helps but should not outrank them.
from podsift.store.sqlite import CONTEXT_WEIGHT, TEXT_WEIGHT, index_beside

FORMAT = 4  # bump when the schema or the tokenising changes: older indexes are rebuilt
STATE = "applied.json"
# A prefix word ("embed*") matches at most this many index terms, the most frequent first.
PREFIX_TERMS = 64
# How long a writer waits for another process's writer before leaving the work to it.
LOCK_WAIT_S = 10.0
# With filters, the first look takes this many times the wanted hits and drops those
# the filters exclude; if too few remain, the search is restricted to the filtered ids.
FILTER_WINDOW = 8
BATCH = 5000
# The setting that names a server database (PostgreSQL migration 0004); SQLite files have none.
ARCHIVE_ID = "archive_id"


class LexicalIndexError(Exception):
    """The index cannot be used as asked; the message is for the user."""


# Where the index of an SQLite file lives (doctor and restore read it without a store).
index_path = index_beside


class _StemCache(dict[str, str]):
    """word -> stem, filled on first sight: spoken words repeat, so lookups are C-speed."""

    def __init__(self, stem_word: Callable[[str], str]) -> None:
        super().__init__()
        self._stem_word = stem_word

    def __missing__(self, word: str) -> str:
        stem = self._stem_word(word)
        if len(self) < 2_000_000:
            self[word] = stem
        return stem


def read_index(path: Path) -> tuple[int, int] | None:
    """(last change applied, moments held) of the index at ``path``, read only; None if unusable."""
    import tantivy

    try:
        data = json.loads((path / STATE).read_text())
        if data.get("format") != FORMAT:
            return None
        index = tantivy.Index.open(str(path))
        return int(data["applied"]), index.searcher().num_docs
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class Stems:
    """Splits and stems text as the index (and highlighting) does."""

    def __init__(self) -> None:
        self._cache = _StemCache(stem)  # as TermStats and highlighting stem
        self.stem: Callable[[str], str] = self._cache.__getitem__

    def tokens(self, text: str | None) -> list[str]:
        # Porter stems the "s" of "today's" to nothing, which the index's whitespace split
        # never holds: kept, it made a query for "today's" a phrase no moment could match.
        return [s for s in map(self.stem, _TOKEN.findall(text)) if s] if text else []

    def document(self, text: str | None) -> str:
        return " ".join(self.tokens(text))


def obeys(query: ParsedQuery, text: str, stems: Stems) -> bool:
    """Whether ``text`` says each of the query's "phrases" and none of its -words, matched as
    the index matches them: for rankings the index did not make (meaning)."""
    said = f" {stems.document(text)} "
    def says(words: list[str]) -> bool:
        sequence = " ".join(s for w in words for s in stems.tokens(w))
        return bool(sequence) and f" {sequence} " in said

    return all(says(p) for p in query.phrases) and not any(says([w]) for w in query.excluded)


def _schema() -> "tantivy.Schema":
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=False, indexed=True, fast=True)
    builder.add_text_field("episode", tokenizer_name="raw", index_option="basic")
    # Positions for phrases; the text is already stemmed, so whitespace splits it.
    # "text": the words said. "all": the words said, then the context, as one field, so
    # a word in both is one BM25 term over the whole length, as FTS5 pooled its columns.
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("all", tokenizer_name="whitespace", index_option="position")
    return builder.build()


# Between the words said and the context in "all": no stem looks like it, so no phrase spans the two.
_SEAM = " | "


class LexicalIndex:
    """The BM25 index of one archive's moments, kept in step with them."""

    def __init__(self, store: "Store", path: Path | None = None) -> None:
        self.store = store
        where = path or store.lexical_index_dir
        if where is None:
            raise LexicalIndexError("this archive has no place on disk for a lexical index")
        self.path = where
        # A server database's copy may outlive the database: the copy must be of this one.
        self._archive = store.setting(ARCHIVE_ID)
        self.stems = Stems()
        self._index: "tantivy.Index | None" = None
        self._schema = _schema()
        self._seen: tuple[int, int] | None = None  # (change applied, commit time) the reader shows
        self._checked = False  # counts compared with the database once per process
        self._total: int | None = None
        # Another process held the writer when we looked: the index may still hold moments
        # the database has since dropped, so results are checked against it.
        self.behind = False

    # -- keeping in step -----------------------------------------------------------------

    def state(self) -> dict[str, Any] | None:
        """What the index last applied, or None when it is missing or of another format."""
        try:
            data = json.loads((self.path / STATE).read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("applied"), int):
            return None
        if self._archive is not None and data.get("archive") != self._archive:
            return None
        return data

    def latest_change(self) -> int:
        return self.store.latest_lexical_change()

    def pending(self) -> int | None:
        """How many changes wait to be applied; None when the index must be rebuilt."""
        state = self.state()
        if state is None or state["applied"] > self.latest_change():
            return None  # missing, or the database went back in time (a restored backup)
        return self.store.lexical_changes_after(state["applied"])

    def sync(self, wait: float = 0.0) -> None:
        """Bring the index up to the database: catch up, or rebuild when it cannot.

        ``wait``: seconds to wait for another process's writer; after that the
        search goes on with what that process has committed so far. An index deleted or
        damaged under a running process (a server) is opened anew, then rebuilt.
        """
        if self._index is not None and not (self.path / "meta.json").exists():
            self._forget()
        try:
            self._sync(wait)
        except ValueError:  # tantivy's word for an index it can no longer read
            self._forget()
            self._sync(wait)

    def _forget(self) -> None:
        """Drop the index this process holds open, so the next use opens (or rebuilds) the folder's."""
        self._index, self._seen, self._total, self._checked = None, None, None, False

    def _sync(self, wait: float) -> None:
        self._open()  # first: an unreadable index is cleared, and then rebuilt below
        state = self.state()
        latest = self.latest_change()
        done = True
        if state is None or state["applied"] > latest:
            done = self._write(lambda writer: self._rebuild(writer), wait=max(wait, LOCK_WAIT_S))
        elif state["applied"] < latest:
            done = self._write(lambda writer: self._catch_up(writer, state["applied"]), wait=wait)
        self.behind = not done
        self._reload()
        if not self._checked:
            self._checked = True
            if self.pending() == 0 and self.documents() != self.store.moment_total():
                # Counts disagree with nothing pending: damaged or copied. Rebuild.
                self._write(lambda writer: self._rebuild(writer), wait=LOCK_WAIT_S)
                self._reload()

    def rebuild(self) -> int:
        """Index every moment anew (``podsift reindex``); returns how many."""
        self._write(lambda writer: self._rebuild(writer), wait=LOCK_WAIT_S, required=True)
        self._reload()
        return self.documents()

    def _open(self) -> "tantivy.Index":
        import tantivy

        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self._index = tantivy.Index(self._schema, path=str(self.path), reuse=True)
            except ValueError:
                # Unreadable or of another schema: it is derived data, start again.
                shutil.rmtree(self.path, ignore_errors=True)
                self.path.mkdir(parents=True)
                self._index = tantivy.Index(self._schema, path=str(self.path), reuse=False)
        return self._index

    def _write(self, work: Callable[[Any], int], *, wait: float, required: bool = False) -> bool:
        """Run ``work`` with the index's writer, committing and noting what it applied."""
        index = self._open()
        deadline = time.monotonic() + wait
        while True:
            try:
                writer = index.writer(heap_size=64_000_000, num_threads=1)
                break
            except ValueError as err:  # LockBusy: another process is writing
                if "lock" not in str(err).lower():
                    raise self._unwritable(err) from err
                if time.monotonic() >= deadline:
                    if required:
                        raise LexicalIndexError(
                            f"another podsift process is writing {self.path}; try again when it is done"
                        ) from None
                    return False
                time.sleep(0.05)
        try:
            applied = work(writer)
            writer.commit()
            writer.wait_merging_threads()  # merges finish under the lock, not in a dropped writer
        except BaseException as err:
            try:
                writer.rollback()
            finally:
                del writer
            if isinstance(err, ValueError):
                raise self._unwritable(err) from err
            raise
        del writer  # releases the lock
        self._note(applied)
        self._reload()
        return True

    def _unwritable(self, err: ValueError) -> Exception:
        """tantivy's ValueError for a folder it may not write, as the OSError callers handle
        (search falls back to the store's own full-text search); any other stays as it was."""
        if "PermissionDenied" in str(err) or "Permission denied" in str(err):
            import errno

            return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path))
        return err

    def _note(self, applied: int) -> None:
        tmp = self.path / (STATE + ".tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "applied": applied, "archive": self._archive}))
        os.replace(tmp, self.path / STATE)

    def _catch_up(self, writer: Any, since: int) -> int:
        # Read the changes and the moments in one snapshot, so what is noted was applied.
        with self.store.lexical_snapshot():
            latest = self.latest_change()
            state = self.state()  # another process may have applied some while we waited
            if state is not None:
                since = max(since, state["applied"])
            for episode_id in self.store.changed_episodes(since, latest):
                writer.delete_documents_by_term("episode", episode_id)
                for rows in self.store.moment_texts(episode_id):
                    self._add(writer, rows)
        return max(latest, since)

    def _rebuild(self, writer: Any) -> int:
        with self.store.lexical_snapshot():
            latest = self.latest_change()
            writer.delete_all_documents()
            for rows in self.store.moment_texts(batch=BATCH):
                self._add(writer, rows)
        return latest

    def _add(self, writer: Any, rows: Iterable[Any]) -> None:
        import tantivy

        document = self.stems.document
        for moment_id, episode_id, text, context in rows:
            said = document(text)
            writer.add_document(tantivy.Document(
                id=moment_id, episode=episode_id, text=said, all=said + _SEAM + document(context),
            ))  # fmt: skip

    def _reload(self) -> None:
        """Let the reader see the latest commit, ours or another process's."""
        state = self.state()
        try:
            committed = (self.path / "meta.json").stat().st_mtime_ns
        except OSError:
            committed = 0
        seen = (state["applied"] if state else -1, committed)
        if seen != self._seen:
            self._open().reload()
            self._seen = seen
            self._total = None

    # -- what TermStats and support read (the same names as the store's) ------------------

    @property
    def version(self) -> tuple[int, int] | None:
        return self._seen

    def documents(self) -> int:
        return self._open().searcher().num_docs

    def moment_total(self) -> int:
        if self._total is None:
            self._total = self.documents()
        return self._total

    def moment_ids(self) -> set[int]:
        """Every moment the index holds (for checks: it must be exactly the database's)."""
        import tantivy

        searcher = self._open().searcher()
        total = searcher.num_docs
        if total == 0:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), total, count=False).hits
        return {int(i) for i in searcher.fast_field_values("id", [address for _, address in hits])}  # type: ignore[arg-type]

    def term_documents(self, term: str) -> int:
        """How many moments contain a stemmed term in their words or their context."""
        return self._open().searcher().doc_freq("all", term)

    def terms_starting(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """(stemmed term, moments containing it) of the index's terms that start with ``prefix``,
        the most frequent first."""
        return [(t, int(n)) for t, n in self._open().searcher().terms_with_prefix("all", prefix, limit=limit)]

    def written_forms(self, term: str, looked_at: int = 20) -> dict[str, int]:
        """How the moments write a stemmed term, with counts ("databrick": {"Databricks": 31})."""
        found = self._top(self._sequence("text", [term]), looked_at)
        rows = self.store.moment_rows([i for i, _ in found])
        counts: dict[str, int] = {}
        start = term[:2]
        for row in rows.values():
            for word in _TOKEN.findall(row.text):
                if _fold(word[:2]) == start and self.stems.stem(word) == term:
                    counts[word] = counts.get(word, 0) + 1
        return counts

    def phrase_moments(self, words: list[str], at_most: int) -> int:
        """In how many moments these words are said in this order, counted up to ``at_most``."""
        stems = [s for w in words for s in self.stems.tokens(w)]
        return len(self._top(self._sequence("all", stems), at_most)) if stems else 0

    def says(self, words: list[str]) -> bool:
        """Whether any moment contains these words in this order (as the index stems them)."""

        stems = [s for w in words for s in self.stems.tokens(w)]
        if not stems:
            return False
        return bool(self._open().searcher().search(self._sequence("all", stems), 1, count=False).hits)

    # -- ranking ---------------------------------------------------------------------------

    def ranking(self, query: ParsedQuery, filters: "SearchFilters", limit: int) -> list[tuple[int, float]]:
        """(moment id, BM25 score negated: lower is better, as the store's) of the best ``limit``."""
        built = self._query(query)
        if built is None:
            return []
        if not filters.active:
            return self._top(built, limit)
        if filters.episode is None:
            # Most filters keep much of the archive: rank, then drop what they exclude.
            window = limit * FILTER_WINDOW
            found = self._top(built, window)
            passing = self.store.moments_passing(filters, [i for i, _ in found])
            kept = [(i, s) for i, s in found if i in passing]
            if len(kept) >= limit or len(found) < window:
                return kept[:limit]
        # Few moments pass (one episode, a rare speaker): rank only those.
        allowed = self.store.filtered_moment_ids(filters)
        if not allowed:
            return []
        import tantivy

        only = tantivy.Query.const_score_query(tantivy.Query.term_set_query(self._schema, "id", allowed), 0.0)
        restricted = tantivy.Query.boolean_query([(tantivy.Occur.Must, built), (tantivy.Occur.Must, only)])
        return self._top(restricted, limit)

    def _top(self, query: "tantivy.Query", limit: int) -> list[tuple[int, float]]:
        searcher = self._open().searcher()
        # count=False: counting every match would visit every match, what WAND avoids.
        hits = searcher.search(query, limit, count=False).hits
        ids = searcher.fast_field_values("id", [address for _, address in hits])
        found = [(int(i), -score) for (score, _), i in zip(hits, ids)]  # type: ignore[arg-type]
        if self.behind:
            present = self.store.episodes_of([i for i, _ in found])
            found = [(i, s) for i, s in found if i in present]
        return found

    def _query(self, query: ParsedQuery) -> "tantivy.Query | None":
        """The ParsedQuery as tantivy clauses, with FTS5's meaning.

        Words and phrases are optional and ranked over both fields; phrases are also
        required in the words said; excluded words must not be said. The clauses stay
        one flat disjunction of terms where possible: that is what block-max WAND prunes.
        """
        import tantivy

        Occur, Query = tantivy.Occur, tantivy.Query
        ranked: list[tuple[Any, Any]] = []
        for word in query.words:
            if word.endswith("*") and len(word) > 1:
                ranked += [(Occur.Should, q) for q in self._prefix(word.rstrip("*"))]
                continue
            stems = self.stems.tokens(word)
            if stems:
                ranked += [(Occur.Should, q) for q in self._both(stems)]
        required = []
        for phrase in query.phrases:
            stems = [s for w in phrase for s in self.stems.tokens(w)]
            if not stems:
                continue
            required.append((Occur.Must, Query.const_score_query(self._sequence("text", stems), 0.0)))
            ranked += [(Occur.Should, q) for q in self._both(stems)]
        if not ranked and not required:
            return None
        excluded = [
            (Occur.MustNot, self._sequence("text", stems))
            for word in query.excluded
            if (stems := self.stems.tokens(word))
        ]
        if not required and not excluded:
            return Query.boolean_query(ranked)
        if not ranked:
            ranked = [(Occur.Should, Query.all_query())]
        return Query.boolean_query([*required, *excluded, (Occur.Must, Query.boolean_query(ranked))])

    def _both(self, stems: list[str]) -> list["tantivy.Query"]:
        """The words, weighted as FTS5's columns were: said TEXT_WEIGHT, in the context only CONTEXT_WEIGHT.

        BM25 over "all" at CONTEXT_WEIGHT, plus over "text" at the difference: a word said
        scores on both, one in the context only on "all". Summing separate text and context
        fields instead counted a word in a moment and its chapter title twice (dev MRR@10,
        odd questions: lexical 0.664 -> 0.683, hybrid 0.709 -> 0.754).
        """
        return [self._weighted(self._sequence(field, stems), weight) for field, weight in _FIELDS]

    @staticmethod
    def _weighted(query: "tantivy.Query", weight: float) -> "tantivy.Query":
        import tantivy

        return query if weight == 1.0 else tantivy.Query.boost_query(query, weight)

    def _sequence(self, field: str, stems: list[str]) -> "tantivy.Query":
        import tantivy

        if len(stems) == 1:
            return tantivy.Query.term_query(self._schema, field, stems[0], index_option="freq")
        terms: list[str | tuple[int, str]] = list(stems)
        return tantivy.Query.phrase_query(self._schema, field, terms)

    def _prefix(self, prefix: str) -> list["tantivy.Query"]:
        """A prefix word as index terms: the stems it starts, and the word's own stem.

        Highlighting marks every word starting with the prefix; stems alone would miss
        some ("deploy*": "deploying" is indexed as "deploi"), so the prefix's own stem
        counts too ("deploi": deploy, deployed, deploying).
        """
        import tantivy

        folded = _fold(prefix)
        if not _WORDLIKE.fullmatch(folded):
            return []
        searcher = self._open().searcher()
        own = self.stems.stem(folded)
        out = []
        terms = [t for t, _ in searcher.terms_with_prefix("all", folded, limit=PREFIX_TERMS)]
        if own not in terms and searcher.doc_freq("all", own):
            terms.append(own)
        for field, weight in _FIELDS:
            for term in terms:
                out.append(self._weighted(tantivy.Query.term_query(self._schema, field, term, index_option="freq"), weight))
        return out


_WORDLIKE = re.compile(r"[^\W_]+")
# (field, boost) each ranked word is looked up in; see LexicalIndex._both.
_FIELDS = [(f, w) for f, w in (("all", CONTEXT_WEIGHT), ("text", TEXT_WEIGHT - CONTEXT_WEIGHT)) if w > 0]

"""Search levers measured one at a time and together, on odd- and even-numbered dev questions.

    python benchmarks/levers.py --db EMBEDDED.db [--questions FILE] [--halves odd,even] [--only NAME,...]

Levers (issue 14):

1. query framing: "according to the …" clauses and framing verbs dropped from the
   lexical query ("strip-lex"), or from the text the semantic side embeds ("strip-sem");
2. pseudo-relevance feedback: the top fused moments' vectors added to the query
   vector (Rocchio, "rocchio"), or their distinctive words searched as a third,
   lighter lexical ranking ("prf-lex");
3. fusion weighted by each ranking's confidence: min-max or z-score normalised
   scores summed ("minmax", "zscore"), or RRF with each ranking weighted by the gap
   between its head and its tail ("gap-rrf");
4. moments scored with their neighbours (the adjacent moments of the same episode):
   each ranking's scores, or the fused score, plus a share of the better neighbour's
   ("nb-…"); or each moment's cosine plus a share of the cosine of its passage: the
   centroid of the moments around it ("window-r…") or of its chapter ("chapter-…");
5. each moment scored by its best window of sentences, each window embedded on its own
   ("windows …", embedded once and kept beside the archive as DB.windows-50.npz);
6. each moment scored by what comes before it, its stored context (the chapter title and
   the end of the turn before: in an interview, the question), embedded on its own
   ("context …", kept as DB.contexts.npy).

Everything runs in-process over the product's own pieces: `Searcher` (its store,
vector index, term statistics, per-episode cap and hits), `parse_query`,
`reciprocal_rank_fusion`, and `evaluate.rank_of` / `metrics` for scoring. Query
vectors are embedded once and cached, so latencies are the search without the
query's embedding (whose own p50 is printed once). The `base` rows are hybrid with
rank fusion and the whole question, as `podsift eval` was before these levers; the
`product` rows are this checkout's `Searcher.search`, whatever it now does. Halves are by question id, as in benchmarks/tune.py: choices were
made looking at the odd half only (`--halves odd`), the even half is held out.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO.parent / "shared" / "eval" / "dev-questions.jsonl"

from podsift.evaluate import Question, load_questions, metrics, rank_of  # noqa: E402
from podsift.search import MomentHit, Searcher, SearchFilters, parse_query  # noqa: E402
from podsift.search.fusion import PER_EPISODE, reciprocal_rank_fusion  # noqa: E402
from podsift.search.query import STOPWORDS, ParsedQuery  # noqa: E402

if TYPE_CHECKING:
    import numpy as np

POOL = 100  # candidates per ranking, as the product's CANDIDATES
LIMIT = 10


@dataclass(frozen=True)
class Levers:
    # lexical, semantic or hybrid; "product" ("product:lexical"): `Searcher.search` as it stands
    mode: str = "hybrid"
    # "", "words" (framing verbs dropped), "clause" ("according to …" dropped), "attribution"
    # (both, and "what did X say about …")
    strip_lex: str = ""
    strip_sem: str = ""  # "", "replace" (embed the stripped question), "mean" (of both vectors)
    rocchio: tuple[int, float] = (0, 0.0)  # (top k fused moments, weight of their centroid)
    prf_lex: tuple[int, int, float] = (0, 0, 0.0)  # (top k, expansion words, weight of that ranking)
    fusion: str = "rrf"  # rrf, minmax, zscore, gap-rrf
    rrf_k: int = 10
    sem_weight: float = 1.0  # the semantic ranking's weight (the lexical one's is 1)
    gap_alpha: float = 1.0
    z_depth: int = POOL  # how many of a ranking's scores its mean and spread come from
    z_missing: str = "floor"  # what a ranking adds for a moment it did not return (see fuse)
    neighbours: str = ""  # "", "rankings" (each ranking's scores), "fused"
    nb_weight: float = 0.0
    # ("", 0): off; ("window", r) the moments within r of it in its episode; ("chapter", 0) its
    # human-titled chapter (a window of 3 where it has none)
    passage: tuple[str, int] = ("", 0)
    passage_weight: float = 0.0
    # Each moment also scored by its best window of consecutive sentences (about WINDOW_WORDS
    # words, each embedded on its own): its cosine becomes (1 - w) * its own + w * the best
    # window's ("max" takes the larger of the two). A long moment's one vector averages
    # everything said in it; a question usually matches one stretch of it.
    windows: str = ""  # "", "mix", "max"
    window_weight: float = 0.0
    # Each moment also scored by what comes before it (its stored context: the chapter title
    # and the end of the turn before, in an interview usually the question it answers),
    # embedded on its own: a listener's question may sit nearer the interviewer's than the
    # answer's words. Its cosine becomes own + w * (the context's - own), or "max" of the two.
    context: str = ""  # "", "mix", "max"
    context_weight: float = 0.0


# Verbs and nouns a listener frames a question with, beyond the product's stopwords.
FRAMING = frozenset(
    "according tell tells told suggest suggests suggested believe believes feel feels "
    "consider considers recall recalls reckon opinion".split()
)
_ACCORDING = re.compile(r",?\s*\baccording to\b[^,?.;:—–]*[,?.;:—–]?", re.IGNORECASE)
# "What did the Berlin freelancer say about …": who said it, then what about.
_SAID_ABOUT = re.compile(
    r"^\s*(?:what|how|where|when)\s+(?:did|does|do|has|have)\s+[^,?]{1,60}?\s+"
    r"(?:say|said|says|think|thinks|thought|feel|feels|talk|talks|talked)\s+(?:about|of|on)\s+",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:where|when|what|which|how|why|who|whom|in which episode)\b[^,?]*?\b"
    r"(?:did|does|do|is|are|was|were|has|have|had|can|could|should|would|will)\s+",
    re.IGNORECASE,
)


def strip_framing(question: str) -> str:
    """The question without an "according to …" clause or its leading question word and verb."""
    text = _ACCORDING.sub(" ", question)
    text = _LEAD.sub("", text, count=1)
    return re.sub(r"\s+", " ", text).strip(" ?") or question


def lexical_query(question: str, how: str) -> ParsedQuery:
    if how in ("clause", "attribution"):
        question = _ACCORDING.sub(" ", question)
    if how == "attribution":
        question = _SAID_ABOUT.sub("", question, count=1)
    parsed = parse_query(question)
    if how in ("words", "attribution"):
        kept = [w for w in parsed.words if w.rstrip("*") not in FRAMING]
        parsed = replace(parsed, words=kept or parsed.words)
    return parsed


class Bench:
    """One archive, its questions and cached query vectors; runs a question through a set of levers."""

    def __init__(self, db: Path, questions: list[Question]) -> None:
        import numpy as np

        from podsift.store import open_store

        self.store = open_store(db)
        self.searcher = Searcher(self.store)
        self.questions = [q for q in questions if q.answerable]
        self.vectors_of: dict[str, "np.ndarray"] = {}
        index = self.searcher.vectors
        index.refresh(self.store)
        assert index.ids is not None and index.matrix is not None
        self.index = index
        # The episode of each row of the vector matrix (ids are sorted), to find neighbours.
        episode_of = dict(self.store.conn.execute("SELECT id, episode_id FROM moments").fetchall())
        codes: dict[str, int] = {}
        self.episode_code = np.array([codes.setdefault(episode_of[int(i)], len(codes)) for i in index.ids])
        self.row_of = {int(i): k for k, i in enumerate(index.ids)}
        self.encode_ms: list[float] = []
        self.chapter_of: dict[int, str | None] = dict(self.store.conn.execute("SELECT id, chapter FROM moments").fetchall())
        self.passages: dict[tuple[str, int], "np.ndarray"] = {}
        self.db = db
        self._windows: "tuple[np.ndarray, np.ndarray] | None" = None
        self._contexts: "np.ndarray | None" = None
        self.searcher.search("warm up", limit=1)  # load the model and the vectors

    def vector(self, text: str) -> "np.ndarray":
        if text not in self.vectors_of:
            started = time.perf_counter()
            self.vectors_of[text] = self.searcher.embedder.encode_query(text)
            self.encode_ms.append((time.perf_counter() - started) * 1000)
        return self.vectors_of[text]

    def query_vector(self, question: str, how: str) -> "np.ndarray":
        import numpy as np

        if not how:
            return self.vector(question)
        stripped = self.vector(strip_framing(question))
        if how == "replace":
            return stripped
        mean = self.vector(question) + stripped
        return mean / np.linalg.norm(mean)

    # Rankings -------------------------------------------------------------------------

    def lexical(self, parsed: ParsedQuery, pool: int) -> list[tuple[int, float]]:
        # The product's own word ranking: its on-disk index where the archive has one.
        source = self.searcher.lexical_source()
        words = replace(parsed, words=self.searcher.term_stats.informative(source, parsed.words))
        index = self.searcher.lexical_index
        rank = index.ranking if index is not None else self.store.lexical_ranking
        # BM25 negated: higher is better, as in the other rankings.
        return [(i, -s) for i, s in rank(words, SearchFilters(), pool)]

    def semantic_scores(self, vector: "np.ndarray") -> "np.ndarray":
        """The product's semantic score (cosine plus the episode boost) of every moment."""
        import numpy as np

        from podsift.search.semantic import EPISODE_WEIGHT

        index = self.index
        scores = index.matrix @ vector.astype(np.float32)  # type: ignore[operator]
        if index.profiles is not None:
            episode_scores = np.append(index.profiles @ vector.astype(np.float32), 0.0)
            scores = scores + EPISODE_WEIGHT * episode_scores[index.profile_of]
        return scores

    def passage_matrix(self, kind: str, radius: int) -> "np.ndarray":
        """Each moment's passage as one unit vector: the centroid of its neighbours within
        ``radius`` in its episode ("window"), or of its chapter ("chapter")."""
        import numpy as np

        key = (kind, radius)
        if key in self.passages:
            return self.passages[key]
        vectors = self.index.matrix.astype(np.float32)  # type: ignore[union-attr]
        codes, n = self.episode_code, len(vectors)
        if kind == "window":
            total = np.zeros_like(vectors)
            for shift in range(-radius, radius + 1):
                same = np.roll(codes, -shift) == codes
                if shift > 0:  # rows rolled round from the other end
                    same[n - shift :] = False
                elif shift < 0:
                    same[:-shift] = False
                total += np.roll(vectors, -shift, axis=0) * same[:, None]
        else:
            window = self.passage_matrix("window", 3)
            groups: dict[tuple[int, str], list[int]] = {}
            for k, i in enumerate(self.index.ids):  # type: ignore[union-attr]
                chapter = self.chapter_of[int(i)]
                if chapter is not None:
                    groups.setdefault((int(codes[k]), chapter), []).append(k)
            total = window.copy()
            for rows in groups.values():
                total[rows] = vectors[rows].sum(axis=0)
        self.passages[key] = total / np.linalg.norm(total, axis=1, keepdims=True)
        return self.passages[key]

    def window_vectors(self) -> "tuple[np.ndarray, np.ndarray]":
        """Every moment's windows as unit vectors, and the matrix row each belongs to.

        Embedded once with the archive's model and kept beside the archive
        (``DB.windows-W.npz``), since the dev archive's windows take minutes.
        """
        import numpy as np

        from podsift.moments import SENTENCE_END, embed_text

        if self._windows is not None:
            return self._windows
        cache = self.db.with_name(f"{self.db.name}.windows-{WINDOW_WORDS}.npz")
        if cache.exists():
            saved = np.load(cache)
            self._windows = (saved["vectors"], saved["owner"])
            return self._windows
        rows = dict((int(i), (c, t)) for i, c, t in self.store.conn.execute("SELECT id, chapter, text FROM moments"))
        texts: list[str] = []
        owner: list[int] = []
        for k, i in enumerate(self.index.ids):  # type: ignore[union-attr]
            chapter, text = rows[int(i)]
            for window in sentence_windows(SENTENCE_END.split(text)):
                texts.append(embed_text(chapter, window))
                owner.append(k)
        started = time.perf_counter()
        vectors = self.searcher.embedder.encode(texts)
        print(f"embedded {len(texts)} windows of {len(rows)} moments in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
        np.savez(cache, vectors=vectors, owner=np.array(owner))
        self._windows = (vectors, np.array(owner))
        return self._windows

    def context_vectors(self) -> "np.ndarray":
        """Every moment's context as a unit vector, in the matrix's row order; cached beside
        the archive (``DB.contexts.npy``)."""
        import numpy as np

        if self._contexts is not None:
            return self._contexts
        cache = self.db.with_name(f"{self.db.name}.contexts.npy")
        if cache.exists():
            self._contexts = np.load(cache)
            return self._contexts
        context = dict((int(i), c or t) for i, c, t in self.store.conn.execute("SELECT id, context, text FROM moments"))
        texts = [context[int(i)] for i in self.index.ids]  # type: ignore[union-attr]
        started = time.perf_counter()
        vectors = self.searcher.embedder.encode(texts)
        print(f"embedded {len(texts)} contexts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        np.save(cache, vectors)
        self._contexts = vectors
        return vectors

    def best_window(self, vector: "np.ndarray") -> "np.ndarray":
        """Each moment's best window cosine (its own cosine where it has a single window)."""
        import numpy as np

        vectors, owner = self.window_vectors()
        cos = vectors @ vector.astype(np.float32)
        best = np.full(len(self.index.ids), -1.0, dtype=np.float32)  # type: ignore[arg-type]
        np.maximum.at(best, owner, cos)
        return best

    def top(self, scores: "np.ndarray", pool: int) -> list[tuple[int, float]]:
        import numpy as np

        top = np.argpartition(-scores, pool - 1)[:pool]
        top = top[np.argsort(-scores[top])]
        return [(int(self.index.ids[k]), float(scores[k])) for k in top]  # type: ignore[index]

    def smooth_array(self, scores: "np.ndarray", weight: float) -> "np.ndarray":
        """Each moment's score plus ``weight`` times its better same-episode neighbour's."""
        import numpy as np

        same_next = np.append(self.episode_code[1:] == self.episode_code[:-1], False)
        same_prev = np.insert(self.episode_code[1:] == self.episode_code[:-1], 0, False)
        floor = scores.min()
        after = np.where(same_next, np.append(scores[1:], floor), floor)
        before = np.where(same_prev, np.insert(scores[:-1], 0, floor), floor)
        return scores + weight * (np.maximum(after, before) - floor)

    def smooth(self, ranked: list[tuple[int, float]], weight: float, floor: float = 0.0) -> list[tuple[int, float]]:
        """The same for a sparse ranking: a moment absent from it scores ``floor``."""
        score = dict(ranked)
        out: dict[int, float] = {}
        for i, _ in ranked:
            for j in (i - 1, i, i + 1):  # a neighbour may enter through its neighbour's score
                if j in out or j not in self.row_of:
                    continue
                k = self.row_of[j]
                code = self.episode_code[k]
                near = [
                    score.get(int(self.index.ids[m]), floor)  # type: ignore[index]
                    for m in (k - 1, k + 1)
                    if 0 <= m < len(self.episode_code) and self.episode_code[m] == code
                ]
                out[j] = score.get(j, floor) + weight * (max(near, default=floor) - floor)
        return sorted(out.items(), key=lambda item: -item[1])

    # Fusion ---------------------------------------------------------------------------

    def fuse(self, rankings: list[list[tuple[int, float]]], weights: list[float], lv: Levers) -> list[tuple[int, float]]:
        if lv.fusion == "rrf":
            return reciprocal_rank_fusion([([i for i, _ in r], w) for r, w in zip(rankings, weights)], lv.rrf_k)
        if lv.fusion == "gap-rrf":
            # A ranking whose head stands out from its tail is more sure of itself.
            confidence = []
            for r in rankings:
                s = [x for _, x in r[:POOL]]
                spread = (s[0] - s[-1]) or 1.0
                confidence.append((s[0] - statistics.fmean(s[:LIMIT])) / spread if len(s) > 1 else 0.0)
            mean = statistics.fmean(confidence) or 1.0
            adjusted = [w * (1 + lv.gap_alpha * (c / mean - 1)) for w, c in zip(weights, confidence)]
            return reciprocal_rank_fusion([([i for i, _ in r], max(w, 0.0)) for r, w in zip(rankings, adjusted)])
        normalised: list[tuple[dict[int, float], float, float]] = []  # (score by id, if absent, weight)
        for k, (r, w) in enumerate(zip(rankings, weights)):
            s = [x for _, x in r[:POOL]]
            if not s:
                continue
            if lv.fusion == "minmax":
                low, high = min(s), max(s)
                norm = {i: (x - low) / ((high - low) or 1.0) for i, x in r[:POOL]}
                missing = 0.0
            else:  # zscore
                head = s[: lv.z_depth]
                mean, sd = statistics.fmean(head), statistics.pstdev(head) or 1.0
                norm = {i: (x - mean) / sd for i, x in r[:POOL]}
                # A moment a ranking did not return: its weakest candidate's z ("floor"), or
                # the candidates' mean, 0 ("mean"); "lexical-mean": the mean for the lexical
                # ranking (the first), the floor for the others.
                lexical_first = lv.mode == "hybrid" and k == 0
                use_mean = lv.z_missing == "mean" or (lv.z_missing == "lexical-mean" and lexical_first)
                missing = 0.0 if use_mean else min(norm.values())
            normalised.append((norm, missing, w))
        ids = {i for norm, _, _ in normalised for i in norm}
        fused = {i: sum(w * norm.get(i, missing) for norm, missing, w in normalised) for i in ids}
        return sorted(fused.items(), key=lambda item: -item[1])

    # One search -----------------------------------------------------------------------

    def rank(self, question: str, lv: Levers) -> tuple[list[tuple[int, float]], ParsedQuery]:
        import numpy as np

        parsed = lexical_query(question, lv.strip_lex)
        rankings: list[list[tuple[int, float]]] = []
        weights: list[float] = []
        lexical: list[tuple[int, float]] = []
        semantic: list[tuple[int, float]] = []
        sem_all = None
        vector = None
        if lv.mode in ("lexical", "hybrid"):
            lexical = self.lexical(parsed, POOL * 3 if lv.neighbours == "rankings" else POOL)
            if lv.neighbours == "rankings":
                lexical = self.smooth(lexical, lv.nb_weight)
            rankings.append(lexical[:POOL])
            weights.append(1.0)
        if lv.mode in ("semantic", "hybrid"):
            vector = self.query_vector(question, lv.strip_sem)
            sem_all = self.semantic_scores(vector)
            if lv.passage[0]:
                sem_all = sem_all + lv.passage_weight * (self.passage_matrix(*lv.passage) @ vector.astype(np.float32))
            if lv.windows:
                own = self.index.matrix @ vector.astype(np.float32)  # type: ignore[operator]
                best = self.best_window(vector)
                if lv.windows == "max":
                    sem_all = sem_all + np.maximum(best - own, 0.0)
                else:
                    sem_all = sem_all + lv.window_weight * (best - own)
            if lv.context:
                own = self.index.matrix @ vector.astype(np.float32)  # type: ignore[operator]
                before = self.context_vectors() @ vector.astype(np.float32)
                if lv.context == "max":
                    sem_all = sem_all + np.maximum(before - own, 0.0)
                else:
                    sem_all = sem_all + lv.context_weight * (before - own)
            if lv.neighbours == "rankings":
                sem_all = self.smooth_array(sem_all, lv.nb_weight)
            semantic = self.top(sem_all, POOL)
            rankings.append(semantic)
            weights.append(lv.sem_weight)

        def combine() -> list[tuple[int, float]]:
            if len(rankings) == 1:
                return rankings[0]
            return self.fuse(rankings, weights, lv)

        ranked = combine()
        k, beta = lv.rocchio
        if k and vector is not None:
            # Rocchio: move the query towards the centroid of the best first-pass moments.
            rows = [self.row_of[i] for i, _ in ranked[:k] if i in self.row_of]
            moved = vector + beta * self.index.matrix[rows].mean(axis=0)  # type: ignore[index]
            moved = moved / np.linalg.norm(moved)
            scores = self.semantic_scores(moved)
            if lv.neighbours == "rankings":
                scores = self.smooth_array(scores, lv.nb_weight)
            rankings[-1] = self.top(scores, POOL)
            ranked = combine()
        k, m, w = lv.prf_lex
        if k and lv.mode != "semantic":
            terms = self.expansion(parsed, [i for i, _ in ranked[:k]], m)
            if terms:
                extra = self.lexical(ParsedQuery(words=terms), POOL)
                rankings.append(extra)
                weights.append(w)
                ranked = combine()
        if lv.neighbours == "fused":
            head = ranked[: POOL * 2]
            ranked = self.smooth(head, lv.nb_weight, floor=min(x for _, x in head))
        return ranked, parsed

    def expansion(self, parsed: ParsedQuery, ids: list[int], count: int) -> list[str]:
        """The ``count`` words most distinctive of the given moments (idf-weighted, in several of them)."""
        stats = self.searcher.term_stats
        asked = {stats.stem(w.rstrip("*")) for w in parsed.terms()}
        source = self.searcher.lexical_source()  # brought up to date once, not per word
        rows = self.store.moment_rows(ids)
        weight: dict[str, float] = {}
        surface: dict[str, str] = {}
        for i in ids:
            seen = set()
            for word in re.findall(r"[a-z][a-z0-9]{2,}", rows[i].text.lower()):
                stem = stats.stem(word)
                if word in STOPWORDS or stem in asked or stem in seen:
                    continue
                seen.add(stem)
                surface.setdefault(stem, word)
                weight[stem] = weight.get(stem, 0.0) + stats.idf(source, word)
        best = sorted(weight, key=lambda s: -weight[s])[:count]
        return [surface[s] for s in best]

    def hits(self, ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[MomentHit]:
        """The product's per-episode cap and hits, as `Searcher.search` builds them."""
        ranked, _ = self.searcher._diversify(ranked, LIMIT, PER_EPISODE)
        rows = self.searcher._moments([i for i, _ in ranked])
        return [self.searcher._hit(rows[i], s, parsed) for i, s in ranked]

    def run(self, lv: Levers) -> tuple[dict[str, Any], list[float]]:
        ranks: dict[str, int | None] = {}
        elapsed = []
        for q in self.questions:
            if not lv.mode.endswith("lexical"):
                vector = self.query_vector(q.question, lv.strip_sem)  # embed outside the timing
                self.searcher._query_vectors[q.question] = vector
            if lv.mode.startswith("product"):
                mode = lv.mode.partition(":")[2] or "hybrid"
                started = time.perf_counter()
                moments = self.searcher.search(q.question, mode=mode, limit=LIMIT)  # type: ignore[arg-type]
            else:
                started = time.perf_counter()
                ranked, parsed = self.rank(q.question, lv)
                moments = self.hits(ranked, parsed)
            elapsed.append((time.perf_counter() - started) * 1000)
            ranks[q.id] = rank_of(q, moments)
        return ranks, elapsed


WINDOW_WORDS = 50


def sentence_windows(sentences: list[str], size: int = WINDOW_WORDS) -> list[str]:
    """Runs of consecutive sentences of about ``size`` words, each starting about half a
    window after the one before; a moment no longer than one window is its only window."""
    counts = [len(s.split()) for s in sentences]
    if sum(counts) <= size:
        return [" ".join(sentences)]
    out: list[str] = []
    begin = 0
    while begin < len(sentences):
        end, words = begin, 0
        while end < len(sentences) and (end == begin or words + counts[end] <= size):
            words += counts[end]
            end += 1
        out.append(" ".join(sentences[begin:end]))
        if end == len(sentences):
            break
        step, half = begin, 0
        while step < end - 1 and half + counts[step] <= size // 2:
            half += counts[step]
            step += 1
        begin = max(step, begin + 1)
    return out


def half_of(question_id: str) -> str:
    return "odd" if int(re.sub(r"\D", "", question_id) or 0) % 2 else "even"


def scores(bench: Bench, ranks: dict[str, int | None], half: str) -> dict[str, float]:
    chosen = [q for q in bench.questions if half == "all" or half_of(q.id) == half]
    overall = metrics(ranks[q.id] for q in chosen)
    paraphrase = metrics(ranks[q.id] for q in chosen if q.kind == "paraphrase")
    return {**{k: overall[k] for k in ("hit@1", "hit@5", "hit@10", "mrr@10")}, "para hit@5": paraphrase["hit@5"]}


# name -> levers. Parameters were chosen on the odd half (see the module docstring).
H = Levers()
Z = replace(H, fusion="zscore", z_missing="mean")  # the fusion chosen on the odd half
VARIANTS: dict[str, Levers] = {
    "lexical": Levers(mode="lexical"),
    "semantic": Levers(mode="semantic"),
    "base": H,
    # This checkout's Searcher.search, hybrid and lexical, to check it is the variant it should be.
    "product": Levers(mode="product"),
    "product lexical": Levers(mode="product:lexical"),
    # 1. query framing
    "strip-lex words": replace(H, strip_lex="words"),
    "strip-lex clause": replace(H, strip_lex="clause"),
    "lexical strip-lex clause": Levers(mode="lexical", strip_lex="clause"),
    "strip-lex attribution": replace(H, strip_lex="attribution"),
    "lexical strip-lex attribution": Levers(mode="lexical", strip_lex="attribution"),
    "strip-sem replace": replace(H, strip_sem="replace"),
    "strip-sem mean": replace(H, strip_sem="mean"),
    "semantic strip-sem mean": Levers(mode="semantic", strip_sem="mean"),
    # 2. pseudo-relevance feedback
    "rocchio k3 b0.5": replace(H, rocchio=(3, 0.5)),
    "rocchio k3 b1": replace(H, rocchio=(3, 1.0)),
    "rocchio k5 b0.5": replace(H, rocchio=(5, 0.5)),
    "rocchio k1 b0.5": replace(H, rocchio=(1, 0.5)),
    "prf-lex k3 m5 w0.5": replace(H, prf_lex=(3, 5, 0.5)),
    "prf-lex k3 m10 w0.5": replace(H, prf_lex=(3, 10, 0.5)),
    "prf-lex k3 m5 w1": replace(H, prf_lex=(3, 5, 1.0)),
    "lexical prf-lex k3 m5 w0.5": Levers(mode="lexical", prf_lex=(3, 5, 0.5)),
    # 3. fusion
    "rrf sem 1.5": replace(H, sem_weight=1.5),
    "rrf sem 2": replace(H, sem_weight=2.0),
    "rrf k20": replace(H, rrf_k=20),
    "rrf k5": replace(H, rrf_k=5),
    "rrf k20 sem 1.5": replace(H, rrf_k=20, sem_weight=1.5),
    "zscore sem 1.5": replace(H, fusion="zscore", z_missing="mean", sem_weight=1.5),
    "minmax": replace(H, fusion="minmax"),
    "zscore missing=floor": replace(H, fusion="zscore"),
    "zscore missing=mean": replace(H, fusion="zscore", z_missing="mean"),
    "zscore missing=lexical-mean": replace(H, fusion="zscore", z_missing="lexical-mean"),
    "gap-rrf a0.5": replace(H, fusion="gap-rrf", gap_alpha=0.5),
    "gap-rrf a1": replace(H, fusion="gap-rrf", gap_alpha=1.0),
    # 4. neighbours
    "nb-rankings 0.25": replace(H, neighbours="rankings", nb_weight=0.25),
    "nb-rankings 0.5": replace(H, neighbours="rankings", nb_weight=0.5),
    "nb-fused 0.25": replace(H, neighbours="fused", nb_weight=0.25),
    "nb-fused 0.5": replace(H, neighbours="fused", nb_weight=0.5),
    "lexical nb-rankings 0.25": Levers(mode="lexical", neighbours="rankings", nb_weight=0.25),
    "semantic nb-rankings 0.25": Levers(mode="semantic", neighbours="rankings", nb_weight=0.25),
    "zscore missing=floor d30": replace(H, fusion="zscore", z_depth=30),
    "window-r1 0.25": replace(H, passage=("window", 1), passage_weight=0.25),
    "window-r3 0.25": replace(H, passage=("window", 3), passage_weight=0.25),
    "window-r5 0.25": replace(H, passage=("window", 5), passage_weight=0.25),
    "window-r3 0.5": replace(H, passage=("window", 3), passage_weight=0.5),
    "chapter 0.25": replace(H, passage=("chapter", 0), passage_weight=0.25),
    "chapter 0.5": replace(H, passage=("chapter", 0), passage_weight=0.5),
    "semantic window-r1 0.25": Levers(mode="semantic", passage=("window", 1), passage_weight=0.25),
    "semantic window-r3 0.25": Levers(mode="semantic", passage=("window", 3), passage_weight=0.25),
    "semantic chapter 0.25": Levers(mode="semantic", passage=("chapter", 0), passage_weight=0.25),
    # 5. best window of each moment
    "windows max": replace(H, windows="max"),
    "windows mix 0.25": replace(H, windows="mix", window_weight=0.25),
    "windows mix 0.5": replace(H, windows="mix", window_weight=0.5),
    "windows mix 0.75": replace(H, windows="mix", window_weight=0.75),
    "semantic windows max": Levers(mode="semantic", windows="max"),
    "semantic windows mix 0.5": Levers(mode="semantic", windows="mix", window_weight=0.5),
    # 6. what comes before each moment (the question it answers)
    "context max": replace(H, context="max"),
    "context mix 0.25": replace(H, context="mix", context_weight=0.25),
    "context mix 0.5": replace(H, context="mix", context_weight=0.5),
    "semantic context max": Levers(mode="semantic", context="max"),
    "semantic context mix 0.25": Levers(mode="semantic", context="mix", context_weight=0.25),
    "semantic context mix 0.5": Levers(mode="semantic", context="mix", context_weight=0.5),
    # together ("zscore" below: missing=mean, as src/podsift/search/fusion.py does it)
    "zscore + strip-lex clause": replace(Z, strip_lex="clause"),
    "zscore + strip-lex attribution": replace(Z, strip_lex="attribution"),
    "zscore + prf-lex k3 m5 w0.5": replace(Z, prf_lex=(3, 5, 0.5)),
    "zscore + nb-fused 0.25": replace(Z, neighbours="fused", nb_weight=0.25),
    "zscore + nb-rankings 0.25": replace(Z, neighbours="rankings", nb_weight=0.25),
    "gap-rrf a1 + prf-lex + nb-fused 0.25": replace(H, fusion="gap-rrf", prf_lex=(3, 5, 0.5), neighbours="fused", nb_weight=0.25),
    "zscore + prf-lex + nb-fused 0.25": replace(Z, prf_lex=(3, 5, 0.5), neighbours="fused", nb_weight=0.25),
    "zscore + strip-lex + prf-lex + nb-fused 0.25": replace(Z, strip_lex="clause", prf_lex=(3, 5, 0.5), neighbours="fused", nb_weight=0.25),
    "all levers (zscore, strip-lex, strip-sem, rocchio, prf-lex, nb-fused)": replace(
        Z, strip_lex="clause", strip_sem="mean", rocchio=(3, 0.5), prf_lex=(3, 5, 0.5), neighbours="fused", nb_weight=0.25
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded archive (only read)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--halves", default="odd,even", help="which halves to print: odd, even or both")
    parser.add_argument("--only", default="", help="comma-separated variant names (default: all)")
    args = parser.parse_args()

    bench = Bench(args.db, load_questions(args.questions))
    bench.run(H)  # warm the caches (FTS pages, stems, vectors) before anything is timed
    halves = args.halves.split(",")
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(VARIANTS)
    columns = ("hit@1", "hit@5", "hit@10", "mrr@10", "para hit@5")
    print("| variant | half | " + " | ".join(columns) + " | p50 ms |")
    print("|---|---|" + "---|" * (len(columns) + 1))
    for name in names:
        ranks, elapsed = bench.run(VARIANTS[name])
        p50 = statistics.median(elapsed)
        for half in halves:
            values = scores(bench, ranks, half)
            print(f"| {name} | {half} | " + " | ".join(f"{values[c]:.3f}" for c in columns) + f" | {p50:.1f} |")
        sys.stdout.flush()
    print(f"\nquery embedding (not in the p50 above): p50 {statistics.median(bench.encode_ms):.1f} ms "
          f"over {len(bench.encode_ms)} texts")  # fmt: skip


if __name__ == "__main__":
    main()

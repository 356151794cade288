"""Which moment ranks first: score fusion and the attribution clause, on real DataTalks.Club transcripts.

Each test asks a dev question (../shared/eval/dev-questions.jsonl, odd half) of a
small archive holding its episode, and checks the moment that answers it comes first;
then switches the lever off and checks it does not. benchmarks/levers.py measures
both levers on every dev question.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, DEMO, podsift

from podsift.embed import Embedder, embed_pending
from podsift.evaluate import Question, answers
from podsift.ingest import ingest
from podsift.search import Searcher, engine, fusion
from podsift.search.query import parse_query
from podsift.store import SQLiteStore, open_store

# dev-001: a keyword question the lexical and semantic rankings each put second, behind
# different moments; the lexical ranking's second is nearly as strong as its first.
BLOOM = Question(
    id="dev-001",
    question="Where are Bloom filters commonly used in practice, according to the author of the advanced "
    "algorithms book, and why are their false positives acceptable there?",
    kind="keyword",
    episode="algorithms-data-structures-for-engineers",
    sec=2083,
    evidence="in crawlers to check if a page was already visited — by looking at the URL",
)
# dev-025: "DataKitchen CEO" is who answers, and BM25 prefers the moments that say so.
DATAOPS = Question(
    id="dev-025",
    question="According to the DataKitchen CEO, what are the first steps of 'The Seven Steps to DataOps'?",
    kind="keyword",
    episode="dataops-automation-and-reliable-data-pipelines",
    sec=2077,
    evidence="One of the first steps is, “Take your code and put it in version control.”",
)


def open_archive(path: Path, *sources: Path) -> SQLiteStore:
    store = open_store(path)
    ingest([DEMO, *sources], store)
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    """The demo and the algorithms episode, embedded with the real model."""
    store = open_archive(
        tmp_path_factory.mktemp("ranking") / "podsift.db", CORPUS / "algorithms-data-structures-for-engineers.md"
    )
    embed_pending(store, Embedder())
    return store


def test_score_fusion_puts_the_answer_first_where_rank_fusion_does_not(
    embedded: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher = Searcher(embedded)
    monkeypatch.setattr(fusion, "FUSION", "score")  # opt-in for now (see fusion.FUSION)
    top = searcher.search(BLOOM.question, mode="hybrid", limit=5)
    assert answers(BLOOM, top[0]), top[0].text

    # Rank fusion sees only that each ranking put the answer second.
    monkeypatch.setattr(fusion, "FUSION", "rrf")
    by_rank = searcher.search(BLOOM.question, mode="hybrid", limit=5)
    assert not answers(BLOOM, by_rank[0]) and any(answers(BLOOM, h) for h in by_rank)


def test_lexical_ranking_ignores_who_the_question_attributes_the_answer_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_archive(tmp_path / "podsift.db", CORPUS / "dataops-automation-and-reliable-data-pipelines.md")
    searcher = Searcher(store)

    def answer_rank() -> int | None:
        hits = searcher.search(DATAOPS.question, mode="lexical", limit=5)
        return next((k for k, hit in enumerate(hits, 1) if answers(DATAOPS, hit)), None)

    stripped = answer_rank()
    # Ranked on every word, a moment naming the company and its CEO comes above the answer.
    monkeypatch.setattr(engine, "ranking_query", parse_query)
    whole = answer_rank()
    assert stripped is not None and (whole is None or stripped < whole), (stripped, whole)


def test_moments_of_equal_score_rank_the_same_whatever_order_their_files_came_in(tmp_path: Path) -> None:
    """Two files that share most of their words (an episode and its longer re-upload) score
    the same on those moments; both archives list them alike, episode by episode."""
    first = tmp_path / "first.srt"
    first.write_text((DEMO / "freelancing-in-data.srt").read_text(encoding="utf-8"), encoding="utf-8")
    second = tmp_path / "second.srt"
    second.write_text(first.read_text(encoding="utf-8") + "\n27\n00:02:54,000 --> 00:02:58,000\nMaya: Bye!\n",
                      encoding="utf-8")  # fmt: skip
    found = []
    for name, order in (("forwards.db", [first, second]), ("backwards.db", [second, first])):
        podsift("ingest", "--no-embed", *map(str, order), db=tmp_path / name)  # stored in this order
        result = json.loads(podsift("search", "price freelance data work", "--mode", "lexical", "--json",
                                    db=tmp_path / name).stdout)  # fmt: skip
        found.append([(hit["episode_id"], hit["start"], hit["score"]) for hit in result["results"]])
    assert found[0][:2] == [("first", 0.0, found[0][0][2]), ("second", 0.0, found[0][0][2])]  # a tie
    assert found[0] == found[1]

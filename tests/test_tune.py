"""`podsift tune`: pairs the archive labels itself, a real fine-tune of the real model, and its use by search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import DEMO, SEEDS, fresh_database, podsift

from podsift.embed import MODEL_NAME, Embedder, active_model, models_dir
from podsift.moments import embed_text
from podsift.search import Searcher
from podsift.store import open_store
from podsift.tune import NEGATIVE_DISTANCE, archive_pairs, fine_tune, question_of, with_episode_negatives


@pytest.mark.parametrize(
    ("turn", "question"),
    [
        ("Great. So how should people approach learning algorithms?", "How should people approach learning algorithms?"),
        ("I worked at OLX for years. What did you work on there?", "I worked at OLX for years. What did you work on there?"),
        ("Why? Because it was cheaper. And then we moved on to other things. Much later, too.", None),  # not asking
        ("Right?", None),  # too short to learn from
        ("No question here.", None),
    ],
)
def test_the_question_a_turn_ends_with(turn: str, question: str | None) -> None:
    found = question_of(turn)
    assert found == question or (question and found and found.lower() == question.lower())


TUNE_SEEDS = sorted(SEEDS.glob("00[12]_*"))


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo and two seeds, embedded with the base model, then tuned (a real fine-tune)."""
    db = tmp_path_factory.mktemp("tune") / "podsift.db"
    # Two seeds give the pairs the tests need (118 with the demo; the negatives tests take
    # 60) at half the texts to embed twice, before and after tuning, of all five.
    podsift("ingest", str(DEMO), *map(str, TUNE_SEEDS), db=db)
    with open_store(db) as store:
        pairs = archive_pairs(store)
    before = Embedder()
    question_vectors = before.encode([p.query for p in pairs[:40]])
    passage_vectors = before.encode([p.passage for p in pairs[:40]])
    np.save(db.with_name("before.npy"), np.sum(question_vectors * passage_vectors, axis=1))
    # Small samples keep the test to a minute or two; the training code is the same.
    report = json.loads(podsift("tune", "--json", "--batch-size", "16", "--max-pairs", "64", "--epochs", "4", "--reranker",
                                "--rerank-questions", "40", db=db, timeout=900).stdout)  # fmt: skip
    db.with_name("report.json").write_text(json.dumps(report))
    return db


def test_pairs_come_from_questions_followed_by_answers_and_from_titles_people_wrote(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), str(SEEDS), db=db)
    with open_store(db) as store:
        pairs = archive_pairs(store)
        generated = {(e, c.title) for e in store.episode_ids() for c in store.get_episode(e).chapters if c.generated}
    questions = [p for p in pairs if p.kind == "question"]
    titles = [p for p in pairs if p.kind == "title"]
    assert len(questions) > 50 and len(titles) > 10
    assert all(p.query.endswith("?") for p in questions)
    assert not any((p.episode_id, p.query) in generated for p in titles)  # podsift's own titles teach nothing
    # The ML-in-production demo: the host's question, and the guest's answer after it.
    (drift,) = [p for p in questions if "Once the model is live, what do you actually watch?" in p.query]
    assert "Evidently" in drift.text


def test_tune_trains_saves_and_search_uses_the_tuned_model(tuned: Path) -> None:
    report = json.loads(tuned.with_name("report.json").read_text())
    assert report["model"] == f"{MODEL_NAME}+tuned-1" and report["steps"] > 4
    assert report["last_loss"] < report["first_loss"]
    # Abstention was calibrated on questions kept out of training.
    calibration = report["calibration"]
    # This small archive holds out fewer answered questions than a threshold needs
    # (benchmarks/tune.py calibrates one on the dev corpus).
    assert calibration["questions"] > 0 and calibration["threshold"] is None
    folder = tuned.with_name("podsift.models") / "tuned-1"
    assert (folder / "config.json").is_file() and (folder / "podsift-tune.json").is_file()
    with open_store(tuned) as store:
        active = active_model(store)
        assert active.name == report["model"] and active.path == folder.resolve()
        assert active.answer_threshold is None
        searcher = Searcher(store)
        assert searcher.model_name == report["model"] and searcher.default_mode() == "hybrid"
        assert searcher.embedder.path == folder.resolve()
        assert searcher.answer_threshold is None
        # Every moment got a vector from the tuned model, and the model really changed:
        # questions from the archive moved closer to their own answers.
        assert store.has_vectors(report["model"]) and report["embedded"] > 50
        pairs = archive_pairs(store)[:40]
    tuned_model = Embedder(name=report["model"], path=folder)
    after = np.sum(tuned_model.encode([p.query for p in pairs]) * tuned_model.encode([p.passage for p in pairs]), axis=1)
    before = np.load(tuned.with_name("before.npy"))
    assert np.mean(after) > np.mean(before) + 0.02
    doctor = podsift("doctor", db=tuned).stdout
    assert f"{report['model']} vectors" in doctor and f"tuned model: {report['model']} at" in doctor


def test_an_opt_in_reranker_is_trained_saved_calibrated_and_judges_support(tuned: Path) -> None:
    # Experimental: on the dev questions it ranked worse than hybrid search (see the README),
    # so this checks that it is wired in as documented, not that it is good.
    report = json.loads(tuned.with_name("report.json").read_text())["reranker"]
    assert report["steps"] > 3 and report["questions"] > 0
    with open_store(tuned) as store:
        searcher = Searcher(store)
        reranker = searcher.reranker
        assert reranker is not None and reranker.threshold == (report["threshold"] or 0.5)
        from podsift.search.support import gather, support

        hits = searcher.search("Once the model is live, what do you actually watch?", limit=8)
        judged = support(gather(searcher, "Once the model is live, what do you actually watch?", hits))
        assert judged.value == max(reranker.scores("Once the model is live, what do you actually watch?",
                                                   [h.text for h in hits]))  # fmt: skip


def test_an_archive_moved_with_its_models_folder_keeps_its_tuned_model(tuned: Path, tmp_path: Path) -> None:
    report = json.loads(tuned.with_name("report.json").read_text())
    moved = tmp_path / "elsewhere" / "archive.db"
    moved.parent.mkdir()
    copied = podsift("backup", str(moved), db=tuned).stdout  # the models folder comes along
    assert f"copied its tuned models to {moved.with_name('archive.models')}" in copied
    old = tmp_path / "gone" / "podsift.models" / "tuned-1"  # where it was before the move: no longer there
    with open_store(moved) as store:
        setting = json.loads(store.setting("embedding_model") or "{}")
        store.set_setting("embedding_model", json.dumps(setting | {"path": str(old), "reranker": str(old / "reranker")}))
    folder = (moved.with_name("archive.models") / "tuned-1").resolve()
    with open_store(moved) as store:
        active = active_model(store)
        assert (active.name, active.path, active.reranker, active.note) == (report["model"], folder, folder / "reranker", None)
    searched = podsift("search", "what do you watch once the model is live", "--json", db=moved)
    assert json.loads(searched.stdout)["results"] and "missing" not in searched.stderr
    doctor = podsift("doctor", db=moved).stdout  # exit 0: nothing is missing (search built the word index)
    assert f"tuned model: {report['model']} at {folder}" in doctor
    # Restoring the backup where its models were lost brings them back from beside the backup.
    rebuilt = tmp_path / "rebuilt" / "podsift.db"
    rebuilt.parent.mkdir()
    restored = podsift("restore", str(moved), db=rebuilt).stdout
    assert f"restored its tuned models (tuned-1) to {rebuilt.with_name('podsift.models')}" in restored
    with open_store(rebuilt) as store:
        assert active_model(store).path == (rebuilt.with_name("podsift.models") / "tuned-1").resolve()


def test_an_archive_copied_into_postgresql_takes_its_tuned_model_along(
    tuned: Path, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = json.loads(tuned.with_name("report.json").read_text())
    monkeypatch.setenv("PODSIFT_MODELS", str(tmp_path / "server-models"))  # a server archive's models folder
    url = fresh_database(request.getfixturevalue("pg_server"))
    assert "Copied its tuned models (tuned-1)." in podsift("copy", url, db=tuned).stdout
    with open_store(url) as store:
        folder = (models_dir(store) / "tuned-1").resolve()
        assert folder.is_relative_to(tmp_path / "server-models")
        active = active_model(store)
        assert (active.name, active.path, active.reranker) == (report["model"], folder, folder / "reranker")
    query = "what do you watch once the model is live"
    found = [[(r["episode_id"], r["start"]) for r in json.loads(
        podsift("search", query, "--mode", "semantic", "--json", db=db).stdout)["results"]] for db in (tuned, url)]  # fmt: skip
    assert found[0] and found[0] == found[1]


def test_new_episodes_are_embedded_once_with_the_tuned_model_and_a_lost_model_falls_back(
    tuned: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    podsift("backup", str(db), db=tuned)  # with its models, as copy.models
    threshold = 0.45  # about what `podsift tune` calibrates on the dev corpus (see the README)
    with open_store(db) as store:  # the tuned model without its reranker: support is its calibrated cosine
        store.set_setting("embedding_model", json.dumps({"name": f"{MODEL_NAME}+tuned-1", "answer_threshold": threshold,
                                                         "path": str(tmp_path / "copy.models" / "tuned-1")}))  # fmt: skip
    answered = json.loads(podsift("ask", "Once the model is live, what do you actually watch?", "--json", db=db).stdout)
    assert not answered["abstained"] and answered["support"] >= threshold
    declined = json.loads(podsift("ask", "How do you repair a leaking bathroom tap?", "--json", db=db).stdout)
    assert declined["abstained"] and declined["support"] < threshold
    extra = tmp_path / "extra.vtt"
    extra.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ana>Sourdough starters need feeding twice a day.\n",
                     encoding="utf-8")  # fmt: skip
    added = podsift("ingest", str(extra), db=db)
    assert f"Embedded 1 text with {MODEL_NAME}+tuned-1" in added.stderr or "Embedded 2 texts" in added.stderr
    hits = json.loads(podsift("search", "feeding a sourdough starter", "--json", db=db).stdout)["results"]
    assert hits[0]["episode_id"] == "extra"
    shutil.rmtree(tmp_path / "copy.models")  # the model is gone: search goes on with the base model
    result = podsift("search", "feeding a sourdough starter", "--json", db=db)
    assert json.loads(result.stdout)["results"][0]["episode_id"] == "extra"
    doctor = podsift("doctor", db=db, check=1).stdout
    assert "tuned model" in doctor and "is missing" in doctor
    back = podsift("tune", "--base", db=db)
    assert f"Search uses {MODEL_NAME} again." in back.stdout
    podsift("doctor", db=db)  # healthy again


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda f: (f / "model.safetensors").write_bytes((f / "model.safetensors").read_bytes()[:1000]),
         "model.safetensors is cut short"),
        (lambda f: (f / "config.json").write_text("{not json", encoding="utf-8"), "config.json does not read"),
    ],
    ids=["truncated-weights", "broken-config"],
)
def test_a_damaged_tuned_model_falls_back_to_the_base_model_and_the_doctor_says_so(
    tuned: Path, tmp_path: Path, damage: Any, says: str
) -> None:
    db = tmp_path / "copy.db"
    podsift("backup", str(db), db=tuned)  # with its models, as copy.models
    folder = tmp_path / "copy.models" / "tuned-1"
    with open_store(db) as store:
        store.set_setting("embedding_model", json.dumps({"name": f"{MODEL_NAME}+tuned-1", "path": str(folder)}))
    damage(folder)
    searched = podsift("search", "what do you watch once the model is live", "--json", db=db)
    assert json.loads(searched.stdout)["results"] and says in searched.stderr and "does not load" in searched.stderr
    asked = podsift("ask", "Once the model is live, what do you actually watch?", db=db)
    assert asked.stdout.strip() and says in asked.stderr
    doctor = podsift("doctor", db=db, check=1).stdout
    assert f"tuned model {MODEL_NAME}+tuned-1 at {folder} does not load" in doctor and "podsift tune" in doctor


def test_too_few_pairs_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    result = podsift("tune", db=db, check=2)
    assert "training pairs in this archive" in result.stderr and "Traceback" not in result.stderr
    podsift("ingest", "--no-embed", str(DEMO), db=db)  # 32 pairs: enough for smaller batches, and it says so
    result = podsift("tune", db=db, check=2)
    assert "needs at least 64, twice --batch-size (try --batch-size 8)" in result.stderr


def test_training_options_with_base_are_refused_not_ignored(tmp_path: Path) -> None:
    """`tune --base --epochs 2` went back to the base model and said nothing of --epochs."""
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    result = podsift("tune", "--base", "--epochs", "2", "--no-reranker", db=db, check=2)
    assert "--base goes back to the base model and trains nothing: --epochs, --reranker have no use" in result.stderr


def test_a_new_tuned_model_never_takes_a_version_the_archive_s_vectors_already_use(backend_db: str) -> None:
    # A copy of a tuned archive without its models folder (or a tuned folder deleted by
    # hand): the old tuned-1 vectors are still stored, so the new model must not be tuned-1.
    podsift("ingest", str(DEMO), db=backend_db)
    old = f"{MODEL_NAME}+tuned-1"
    with open_store(backend_db) as store:
        for batch in list(store.vectors(MODEL_NAME)):
            store.save_vectors(old, batch)
    report = json.loads(podsift("tune", "--json", "--batch-size", "8", "--max-pairs", "16", db=backend_db,
                                timeout=600).stdout)  # fmt: skip
    assert report["model"] == f"{MODEL_NAME}+tuned-2"
    with open_store(backend_db) as store:  # every moment embedded again, by the new model
        assert report["embedded"] > 50 and len(store.moment_vectors(report["model"])) == store.counts()["moments"]
    # The text output counts the same training pairs as --json.
    again = podsift("tune", "--batch-size", "8", "--max-pairs", "16", db=backend_db, timeout=600)
    assert f"Tuned {MODEL_NAME}+tuned-3" in again.stdout
    assert again.stderr.startswith(f"{report['pairs']} training pairs from "), again.stderr


def test_same_episode_negatives_are_far_from_the_answer_and_nearest_is_the_closest(tuned: Path) -> None:
    # `tune --negatives episode|nearest` (experimental): each pair also learns against a moment
    # of its own episode. Never the answer or its neighbours, never inside the chapter a title names.
    with open_store(tuned) as store:
        pairs = archive_pairs(store)[:60]
        randomly = with_episode_negatives(store, pairs, "episode")
        nearest = with_episode_negatives(store, pairs, "nearest", encode=Embedder().encode, model=MODEL_NAME)
        moments = {p.episode_id: store.episode_moments(p.episode_id) for p in pairs}
    assert sum(p.negative is not None for p in randomly) > 50
    for pair in [*randomly, *nearest]:
        if pair.negative is None:
            continue
        passages = [embed_text(m.chapter, m.text) for m in moments[pair.episode_id]]
        at = next(k for k, m in enumerate(moments[pair.episode_id]) if m.text == pair.text)
        assert pair.negative in passages and abs(passages.index(pair.negative) - at) >= NEGATIVE_DISTANCE
        if pair.kind == "title":
            assert not pair.negative.startswith(f"{pair.query}. ")
    # "nearest" takes the candidate the base model puts closest to the question, which a
    # random pick rarely is: its negatives sit nearer their questions on average.
    model = Embedder()

    def closeness(chosen: list) -> float:
        kept = [p for p in chosen if p.negative]
        return float(np.mean(np.sum(model.encode([p.query for p in kept]) * model.encode([p.negative for p in kept]), axis=1)))

    assert closeness(nearest) > closeness(randomly) + 0.05


def test_same_episode_negatives_enter_the_training_loss(tmp_path: Path, tuned: Path) -> None:
    # With a same-episode moment beside the batch's answers, each question has more to beat:
    # the first steps' loss is higher than with the batch alone (the same pairs, the same seed).
    with open_store(tuned) as store:
        pairs = archive_pairs(store)[:16]
        harder = with_episode_negatives(store, pairs, "episode")
    plain = fine_tune(pairs, None, tmp_path / "plain", batch_size=8)
    hard = fine_tune(harder, None, tmp_path / "hard", batch_size=8)
    assert hard.first_loss > plain.first_loss
    bad = podsift("tune", "--negatives", "hardest", db=tuned, check=2)
    assert "--negatives: 'hardest' is not one of batch, episode, nearest" in bad.stderr

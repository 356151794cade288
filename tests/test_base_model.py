"""An archive's base model is a choice: `podsift embed --model FOLDER` takes any sentence-transformers folder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import DEMO, podsift
from sentence_models import tiny_mpnet

from podsift.store import open_store

QUERY = "how do freelancers price their work"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second architecture (MPNet) and width (64): nothing in podsift may assume MiniLM's 384."""
    return tiny_mpnet(tmp_path_factory.mktemp("models") / "tiny-mpnet")


def nearest_by(folder: Path, location: str, model: str, query: str, k: int) -> list[int]:
    """The ``k`` moments whose stored ``model`` vectors are nearest ``query`` embedded by ``folder``."""
    from sentence_transformers import SentenceTransformer

    vector = SentenceTransformer(str(folder), device="cpu").encode([query], normalize_embeddings=True)[0]
    with open_store(location) as store:
        rows = store.moment_vectors(model)
    matrix = np.stack([np.frombuffer(blob, dtype=np.float32) for _, blob, _ in rows])
    return [rows[i][0] for i in np.argsort(-(matrix @ vector))[:k]]


def test_switching_the_base_model_embeds_with_it_and_search_ranks_by_it(
    backend_db: str, tiny: Path, tmp_path: Path
) -> None:
    podsift("ingest", str(DEMO), db=backend_db)  # with the bundled all-MiniLM-L6-v2
    switched = json.loads(podsift("embed", "--model", str(tiny), "--json", db=backend_db).stdout)
    assert switched["model"] == "tiny-mpnet" and switched["embedded"] > 50
    with open_store(backend_db) as store:
        vectors = store.moment_vectors("tiny-mpnet")
        assert len(vectors) == store.counts()["moments"] and {len(blob) for _, blob, _ in vectors} == {64 * 4}
    result = json.loads(podsift("search", QUERY, "--mode", "semantic", "--json", db=backend_db).stdout)
    assert result["results"], result["message"]
    # Semantic search ranks by the chosen model's vectors (an episode's profile may lift a
    # moment a little, so the first hit is among the model's own nearest few).
    assert result["results"][0]["moment_id"] in nearest_by(tiny, backend_db, "tiny-mpnet", QUERY, 5)
    # New episodes are embedded with it as they are ingested.
    extra = tmp_path / "extra.vtt"
    extra.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ana>Sourdough starters need feeding twice a day.\n",
                     encoding="utf-8")  # fmt: skip
    assert "with tiny-mpnet" in podsift("ingest", str(extra), db=backend_db).stderr
    # Going back re-embeds nothing: vectors are kept per model.
    back = json.loads(podsift("embed", "--model", "all-MiniLM-L6-v2", "--json", db=backend_db).stdout)
    assert back == {"model": "all-MiniLM-L6-v2", "embedded": 2}  # only the new episode: its moment and profile
    result = json.loads(podsift("search", QUERY, "--mode", "semantic", "--json", db=backend_db).stdout)
    assert result["results"][0]["episode_id"] == "freelancing-in-data"


def test_another_folder_of_the_same_name_never_inherits_the_first_one_s_vectors(
    backend_db: str, tiny: Path, tmp_path: Path
) -> None:
    import shutil

    first = tmp_path / "one" / "mybase"
    shutil.copytree(tiny, first)
    other = tiny_mpnet(tmp_path / "two" / "mybase", width=32)  # other weights, the same folder name
    podsift("ingest", "--no-embed", str(DEMO), db=backend_db)
    assert json.loads(podsift("embed", "--model", str(first), "--json", db=backend_db).stdout)["embedded"] > 50
    podsift("embed", "--model", "all-MiniLM-L6-v2", db=backend_db)
    switched = podsift("embed", "--model", str(other), db=backend_db)
    assert "holds other weights than the mybase vectors" in switched.stderr and "Search uses mybase now." in switched.stdout
    with open_store(backend_db) as store:  # every vector of that name is the second model's (32 wide)
        vectors = store.moment_vectors("mybase")
        assert len(vectors) == store.counts()["moments"] and {len(blob) for _, blob, _ in vectors} == {32 * 4}
    result = json.loads(podsift("search", QUERY, "--mode", "semantic", "--json", db=backend_db).stdout)
    assert result["results"][0]["moment_id"] in nearest_by(other, backend_db, "mybase", QUERY, 5)
    # The same folder again keeps its vectors.
    again = json.loads(podsift("embed", "--model", str(other), "--json", db=backend_db).stdout)
    assert again == {"model": "mybase", "embedded": 0}


def archive_on_a_copy_of(tiny: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(model folder, archive): one episode embedded with a copy of ``tiny`` the test may break."""
    import shutil

    folder = tmp_path / "tiny-mpnet"
    shutil.copytree(tiny, folder)
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    podsift("embed", "--model", str(folder), db=db)
    return folder, db


def test_the_doctor_names_the_base_model_and_notices_when_it_is_gone(tiny: Path, tmp_path: Path) -> None:
    import shutil

    folder, db = archive_on_a_copy_of(tiny, tmp_path)
    assert f"base model: tiny-mpnet at {folder}" in podsift("doctor", db=db).stdout
    shutil.rmtree(folder)
    doctor = podsift("doctor", db=db, check=1).stdout
    assert "base model tiny-mpnet is missing" in doctor and "embed --model all-MiniLM-L6-v2" in doctor
    assert "tune --base" not in doctor  # it goes back to the base model: no mend for a missing base
    # Search goes on, lexically or with the bundled model, and says why.
    searched = podsift("search", QUERY, db=db)
    assert "tiny-mpnet is missing" in searched.stderr and "Traceback" not in searched.stderr


def test_a_damaged_base_model_falls_back_to_the_bundled_one_and_the_doctor_says_so(tiny: Path, tmp_path: Path) -> None:
    folder, db = archive_on_a_copy_of(tiny, tmp_path)
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])  # a copy cut short
    searched = podsift("search", QUERY, db=db)
    assert "base model tiny-mpnet" in searched.stderr and "does not load" in searched.stderr and searched.stdout.strip()
    doctor = podsift("doctor", db=db, check=1).stdout
    assert "tiny-mpnet at" in doctor and "model.safetensors is cut short" in doctor


def test_ctrl_c_while_embed_model_loads_says_nothing_was_changed(tiny: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    cmd = [sys.executable, "-m", "podsift", "--db", str(db), "embed", "--model", str(tiny)]
    # As a terminal's Ctrl-C reaches a foreground command (a background one ignores SIGINT).
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    # Once torch's library is mapped, podsift is loading the model (seconds); a fixed wait sent the
    # signal before the command had started, on a loaded machine.
    maps = Path(f"/proc/{proc.pid}/maps")
    deadline = time.monotonic() + 90
    while proc.poll() is None and time.monotonic() < deadline and "libtorch" not in maps.read_text(errors="replace"):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in err
    assert err.strip().splitlines()[-1:] == [f"podsift: error: interrupted while loading {tiny}; nothing was changed"]
    with open_store(db) as store:
        assert not store.setting("base_model") and not store.vector_models()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p / "nowhere", "no such folder"),
        (lambda p: (p / "model.bin").write_bytes(b"weights") and p / "model.bin", "a file, not a folder"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "not a sentence-transformers model folder"),
        (lambda p: broken_model(p / "broken"), "sentence-transformers could not load it"),
    ],
    ids=["missing", "a-file", "not-a-model", "broken-weights"],
)
def test_a_folder_that_is_not_a_model_is_a_clear_error_and_changes_nothing(
    make: object, says: str, tmp_path: Path
) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    folder = make(tmp_path)  # type: ignore[operator]
    result = podsift("embed", "--model", str(folder), db=db, check=2)
    assert says in result.stderr and str(folder) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    with open_store(db) as store:
        assert not store.setting("base_model")


def broken_model(folder: Path) -> Path:
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    (folder / "modules.json").write_text(json.dumps([{"idx": 0, "name": "0", "path": "", "type":
                                                      "sentence_transformers.models.Transformer"}]), encoding="utf-8")  # fmt: skip
    (folder / "model.safetensors").write_bytes(b"not weights")
    return folder


def test_tune_starts_from_the_chosen_base_and_goes_back_to_it(tiny: Path, tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    podsift("embed", "--model", str(tiny), db=db)
    report = json.loads(podsift("tune", "--batch-size", "4", "--json", db=db).stdout)
    assert report["model"] == "tiny-mpnet+tuned-1" and report["embedded"] > 50
    from sentence_transformers import SentenceTransformer

    tuned = SentenceTransformer(str(tmp_path / "podsift.models" / "tuned-1"), device="cpu")
    assert tuned.encode(["a sentence"]).shape[1] == 64  # tuned from tiny-mpnet, not from MiniLM
    back = podsift("tune", "--base", db=db)
    assert "Search uses tiny-mpnet again." in back.stdout
    assert "base model: tiny-mpnet" in podsift("doctor", db=db).stdout

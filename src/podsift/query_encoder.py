"""A sentence model's forward pass in numpy, for the few texts one search, one question
or one new episode needs.

Importing torch and sentence-transformers and loading the model takes about 7 s before
a single text is embedded; a CLI call pays that every time. Search embeds one query (and
a tuned archive's reranker reads a handful of moments), so a plain numpy BERT encoder
does the same arithmetic in milliseconds after a ~0.2 s load; an ingest of an episode or
two (a few hundred texts) is done before torch would have loaded. It reads the same
model folders (base or tuned: BERT weights, as MiniLM's, or MPNet's, as
all-mpnet-base-v2's, in model.safetensors, and tokenizer.json) and gives the same
vectors as sentence-transformers to within float32 rounding
(tests/test_query_encoder.py). Larger jobs (an archive's embedding, tune) keep torch,
which runs each text 1.6-2x as fast once loaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

# Which encoder search uses: "numpy" (this module) or "torch" (sentence-transformers).
ENV = "PODSIFT_QUERY_ENCODER"


class Unsupported(RuntimeError):
    """A model folder this encoder cannot run (not BERT, or no safetensors weights)."""


def wanted() -> bool:
    """Whether queries should be embedded here rather than with torch."""
    import os

    return os.environ.get(ENV, "numpy").strip().lower() != "torch"


def _one_thread() -> AbstractContextManager[object]:
    """BLAS on one thread: a few short texts gain nothing from more, and on a busy machine
    OpenBLAS's waiting threads made one query 10-30x slower (0.02 s against 0.2-0.8 s,
    measured) and an episode's 99 texts 2-3x slower (15 s against 6-9 s with a second
    process busy; alone, two threads took 3.2 s against 4.5 s)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


def _gelu(x: "np.ndarray") -> "np.ndarray":
    """BERT's exact GELU, x * (1 + erf(x / sqrt 2)) / 2, with erf to within 1.2e-7 (Numerical
    Recipes' erfc), since numpy has none. Worked in place on one buffer: the activations of
    a batch are its largest arrays, and a new one for every step took twice the time."""
    import numpy as np

    t = np.abs(x)
    t *= np.float32(0.5 / math.sqrt(2.0))
    t += np.float32(1.0)
    np.reciprocal(t, out=t)  # t = 1 / (1 + |z| / 2), z = x / sqrt 2
    poly = np.full_like(t, np.float32(0.17087277))
    for c in (-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368):
        poly *= t
        poly += np.float32(c)
    poly *= t
    poly -= np.float32(1.26551223)
    poly -= np.square(x) * np.float32(0.5)  # -z^2
    np.exp(poly, out=poly)
    poly *= t  # erfc(|z|)
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, x, out=poly)  # erf(z)
    poly += np.float32(1.0)
    poly *= x
    poly *= np.float32(0.5)
    return poly


def by_length(texts: Sequence[str], batch_size: int | None, run: Callable[[list[str]], "np.ndarray"],
              width: int, on_batch: Callable[[int], None] | None = None) -> "np.ndarray":  # fmt: skip
    """``run`` over ``texts`` in batches of ``batch_size`` (None: one batch) sorted by length, so
    each pads little; one float32 row per text, in the texts' order (``width`` wide, widened
    to what ``run`` returns); ``on_batch(n)`` hears each batch."""
    import numpy as np

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    size = batch_size or max(len(texts), 1)
    out = np.zeros((len(texts), width), dtype=np.float32)
    for begin in range(0, len(order), size):
        chunk = order[begin : begin + size]
        vectors = run([texts[i] for i in chunk])
        if vectors.shape[1] != out.shape[1]:
            out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)  # first batch: nothing lost
        out[chunk] = vectors
        if on_batch:
            on_batch(len(chunk))
    return out


def _weights(path: Path) -> dict[str, "np.ndarray"]:
    """A safetensors file's float32 tensors, mapped rather than read: a query touches a few
    rows of the 47 MB word-embedding table, and the pages it never touches are never read."""
    import struct

    import numpy as np

    with path.open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    header.pop("__metadata__", None)
    # Integer buffers (an MPNet checkpoint's position_ids) are not weights the encoder reads.
    header = {name: entry for name, entry in header.items() if not entry["dtype"].startswith(("I", "U"))}
    if any(entry["dtype"] != "F32" for entry in header.values()):
        from safetensors.numpy import load_file  # another precision: read and convert

        return {k: v.astype(np.float32) for k, v in load_file(str(path)).items() if k in header}
    mapped = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    return {
        name: mapped[entry["data_offsets"][0] : entry["data_offsets"][1]].view(np.float32).reshape(entry["shape"])
        for name, entry in header.items()
    }


@dataclass(frozen=True)
class _Layout:
    """Where one architecture keeps each weight: BERT and MPNet differ in names, not arithmetic,
    except that MPNet adds a learned bias per relative distance to every attention score."""

    query: str
    key: str
    value: str
    attention_out: str
    attention_norm: str
    types: bool  # token type embeddings (BERT) or none (MPNet)
    relative: bool  # MPNet's relative position buckets


_LAYOUTS = {
    "bert": _Layout("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "attention.output.LayerNorm", types=True, relative=False),
    "mpnet": _Layout("attention.attn.q", "attention.attn.k", "attention.attn.v",
                     "attention.attn.o", "attention.LayerNorm", types=False, relative=True),
}  # fmt: skip
# MPNet numbers positions from its padding id + 1, as RoBERTa does (transformers hard-codes 1).
_MPNET_PADDING = 1


def _relative_buckets(tokens: int, buckets: int = 32, max_distance: int = 128) -> "np.ndarray":
    """MPNet's (and T5's) bucket of each (query, key) distance: exact when near, log-spaced when far."""
    import numpy as np

    n = -(np.arange(tokens)[None, :] - np.arange(tokens)[:, None])
    half = buckets // 2
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    far = np.maximum(n, 1).astype(np.float32)  # a small n's value is never used
    large = exact + (np.log(far / exact) / math.log(max_distance / exact) * (half - exact)).astype(np.int64)
    return out + np.where(n < exact, n, np.minimum(large, half - 1))


class _Bert:
    """The encoder stack of a BERT checkpoint (MiniLM: 6 layers of width 384) or an MPNet one
    (all-mpnet-base-v2: 12 layers of width 768)."""

    def __init__(self, folder: Path, prefix: str = "") -> None:
        weights_file = folder / "model.safetensors"
        if not weights_file.is_file():
            raise Unsupported(f"{folder} has no model.safetensors")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.kind = str(config.get("model_type"))
        if self.kind not in _LAYOUTS or config.get("hidden_act", "gelu") != "gelu":
            raise Unsupported(f"{folder} is not a BERT or MPNet model with GELU")
        self.layout = _LAYOUTS[self.kind]
        if config.get("position_embedding_type", "absolute") != "absolute":
            raise Unsupported(f"{folder} uses {config['position_embedding_type']} positions")
        raw = _weights(weights_file)
        # A classifier's checkpoint nests the encoder under "bert."; a sentence model's does not.
        self.w: dict[str, np.ndarray] = {
            k[len(prefix):]: v for k, v in raw.items() if k.startswith(prefix)
        }  # fmt: skip
        self.extra = {k: v for k, v in raw.items() if not k.startswith(prefix)}
        if "embeddings.word_embeddings.weight" not in self.w:
            raise Unsupported(f"{folder} has no embeddings under {prefix or 'the top level'!r}")
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_positions = int(config.get("max_position_embeddings", 512))
        if self.layout.relative:
            self.buckets = int(config.get("relative_attention_num_buckets", 32))
            # MPNet's positions start after its padding id, so two fewer tokens fit.
            self.max_positions -= _MPNET_PADDING + 1
        # Each layer is a plain x @ W, with W transposed into its own contiguous copy: about
        # 40 MB read once, and a query runs about a third faster than on the mapped views
        # (measured). The 47 MB word table stays mapped: a query touches a few of its rows.
        import numpy as np

        for key in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2 and "embeddings" not in k
                    and "relative_attention_bias" not in k]:  # fmt: skip
            self.w[key] = np.ascontiguousarray(self.w[key].T)

    def _norm(self, x: "np.ndarray", name: str) -> "np.ndarray":
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / (var + self.eps) ** 0.5 * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x: "np.ndarray", name: str) -> "np.ndarray":
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def _embed(self, ids: "np.ndarray", types: "np.ndarray", mask: "np.ndarray") -> "np.ndarray":
        import numpy as np

        w = self.w
        if self.layout.relative:
            positions = (np.cumsum(mask, axis=1) * mask).astype(np.int64) + _MPNET_PADDING
        else:
            positions = np.arange(ids.shape[1])[None, :]
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
        if self.layout.types:
            x = x + w["embeddings.token_type_embeddings.weight"][types]
        return self._norm(x, "embeddings.LayerNorm")

    def forward(self, ids: "np.ndarray", types: "np.ndarray", mask: "np.ndarray") -> "np.ndarray":
        """Token states (batch, tokens, hidden) for padded ``ids`` where ``mask`` is 1."""
        import numpy as np

        layout = self.layout
        x = self._embed(ids, types, mask)
        batch, tokens, hidden = x.shape
        size = hidden // self.heads
        # Padding gets the most negative float32 as attention bias, as transformers does.
        bias = ((1.0 - mask[:, None, None, :]) * np.finfo(np.float32).min).astype(np.float32)
        if layout.relative:  # one (heads, tokens, tokens) bias, shared by every layer
            table = self.w["encoder.relative_attention_bias.weight"]
            bias = bias + table[_relative_buckets(tokens, self.buckets)].transpose(2, 0, 1)[None]
        for n in range(self.layers):
            at = f"encoder.layer.{n}."

            def split(t: "np.ndarray") -> "np.ndarray":
                return t.reshape(batch, tokens, self.heads, size).transpose(0, 2, 1, 3)

            q = split(self._dense(x, at + layout.query))
            k = split(self._dense(x, at + layout.key))
            v = split(self._dense(x, at + layout.value))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, tokens, hidden)
            x = self._norm(self._dense(context, at + layout.attention_out) + x, at + layout.attention_norm)
            inner = self._dense(x, at + "intermediate.dense")
            inner = _gelu(inner)
            x = self._norm(self._dense(inner, at + "output.dense") + x, at + "output.LayerNorm")
        return x.astype(np.float32, copy=False)


def _tokenizer(folder: Path) -> Any:
    from tokenizers import Tokenizer

    path = folder / "tokenizer.json"
    if not path.is_file():
        raise Unsupported(f"{folder} has no tokenizer.json")
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()  # padded here, to the longest text of each call
    return tokenizer


def _batch(encodings: Sequence[Any]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    import numpy as np

    longest = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), longest), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros((len(encodings), longest), dtype=np.float32)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = e.ids
        types[row, : len(e.ids)] = e.type_ids
        mask[row, : len(e.ids)] = 1.0
    return ids, types, mask


def max_seq_length(folder: Path, max_positions: int) -> int:
    """How many word pieces sentence-transformers keeps: its own setting, else the tokenizer's limit."""
    sbert = folder / "sentence_bert_config.json"
    if sbert.is_file():
        value = json.loads(sbert.read_text(encoding="utf-8")).get("max_seq_length")
        if isinstance(value, int):
            return value
    config = folder / "tokenizer_config.json"
    limit = json.loads(config.read_text(encoding="utf-8")).get("model_max_length") if config.is_file() else None
    return min(limit, max_positions) if isinstance(limit, int) else max_positions


class QueryEncoder:
    """A sentence model's embedding (mean of token states, L2-normalised) for a few texts at a time."""

    def __init__(self, folder: Path) -> None:
        pooling = folder / "1_Pooling" / "config.json"
        if pooling.is_file():
            config = json.loads(pooling.read_text(encoding="utf-8"))
            mean = config.get("pooling_mode") == "mean" or config.get("pooling_mode_mean_tokens") is True
            others = [k for k, v in config.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens" and v is True]  # fmt: skip
            if not mean or others:
                raise Unsupported(f"{folder} pools other than by the mean of its tokens")
        self.bert = _Bert(folder)
        self.tokenizer = _tokenizer(folder)
        self.tokenizer.enable_truncation(max_seq_length(folder, self.bert.max_positions))

    def encode(self, texts: Sequence[str], *, batch_size: int | None = None,
               on_batch: Callable[[int], None] | None = None) -> "np.ndarray":  # fmt: skip
        """One row per text, in the texts' order; many texts run in batches (``by_length``)."""
        import numpy as np

        def run(batch: list[str]) -> "np.ndarray":
            ids, types, mask = _batch(self.tokenizer.encode_batch(batch))
            states = self.bert.forward(ids, types, mask)
            pooled = (states * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
            return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

        with _one_thread():
            return by_length(texts, batch_size, run, self.bert.w["embeddings.word_embeddings.weight"].shape[1], on_batch)


class CrossEncoder:
    """A BERT sequence classifier with one output (the reranker `podsift tune` trains): its logits."""

    def __init__(self, folder: Path, max_tokens: int) -> None:
        self.bert = _Bert(folder, prefix="bert.")
        if self.bert.kind != "bert":
            raise Unsupported(f"{folder} is not a BERT classifier")
        for key in ("pooler.dense.weight", "classifier.weight"):
            if key not in self.bert.w and key not in self.bert.extra:
                raise Unsupported(f"{folder} has no {key}")
        if self.bert.extra["classifier.weight"].shape[0] != 1:
            raise Unsupported(f"{folder} has more than one output")
        self.tokenizer = _tokenizer(folder)
        self.max_tokens = max_tokens
        self.tokenizer.enable_truncation(max_tokens, strategy="only_second")

    def logits(self, query: str, passages: Sequence[str]) -> list[float]:
        import numpy as np

        if not passages:
            return []
        pairs = [(query, p) for p in passages]
        try:
            encodings = self.tokenizer.encode_batch(pairs)
        except Exception:  # the question alone is too long to leave the passage a word: cut both
            self.tokenizer.enable_truncation(self.max_tokens, strategy="longest_first")
            try:
                encodings = self.tokenizer.encode_batch(pairs)
            finally:
                self.tokenizer.enable_truncation(self.max_tokens, strategy="only_second")
        ids, types, mask = _batch(encodings)
        with _one_thread():
            states = self.bert.forward(ids, types, mask)
        pooled = np.tanh(self.bert._dense(states[:, 0], "pooler.dense"))
        head = self.bert.extra
        return [float(v) for v in pooled @ head["classifier.weight"][0] + head["classifier.bias"][0]]

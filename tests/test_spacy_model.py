"""spaCy loads without importing PyTorch, and torch still imports afterwards and elsewhere."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}, check=True, timeout=300)  # fmt: skip
    return out.stdout.strip()


def test_chapter_titles_and_entities_load_spacy_without_torch_and_torch_still_works_after() -> None:
    out = run("""
        import sys
        from podsift.chapters import _tagger
        from podsift.ingest import mention_finder
        tags = [t.tag_ for t in _tagger()("Real-time data pipelines")]
        ents = [e.label_ for e in mention_finder().nlp()("Alexey Grigorev works at DataTalks Club in Berlin.").ents]
        print("torch" in sys.modules, tags[-1], "GPE" in ents)
        import torch
        print(float(torch.ones(3).sum()))
    """)
    assert out.splitlines() == ["False NNS True", "3.0"]


def test_torch_is_hidden_from_the_importing_thread_only() -> None:
    out = run("""
        import sys, threading
        from podsift.spacy_model import _TorchHidden
        hidden = _TorchHidden()
        sys.meta_path.insert(0, hidden)
        seen = []
        def other():
            import torch
            seen.append(torch.__name__)
        try:
            import torch
        except ModuleNotFoundError as err:
            print("here:", err.name)
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        print("other thread:", seen)
    """)
    assert out.splitlines() == ["here: torch", "other thread: ['torch']"]

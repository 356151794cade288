"""podsift: a searchable, citable knowledge base from spoken-conversation transcripts."""

import os

__version__ = "0.1.0"

# PyTorch's OpenMP threads sleep while they wait instead of spinning (read once, when torch
# loads, so set here, before any import of it): spinning threads take cores from the ones
# with work to do, most of all beside another busy process. benchmarks/threads.py measured
# `podsift embed` at 0.84x OpenMP's default's time alone and 0.95x beside a busy core.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

"""Make a benchmark measure this checkout's podsift, not whichever one is installed.

Imported first by every benchmark: it puts this checkout's ``src`` at the front of
``sys.path`` and of ``PYTHONPATH``, so both the benchmark's own imports and the
``podsift`` commands it starts (``python -m podsift``, the ``podsift`` script, a
server) run the code beside it. Without it a second checkout, such as a worktree
trying a change, measured the installed copy and reported main's figures as its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = str(REPO / "src")

if sys.path[:1] != [SRC]:
    sys.path.insert(0, SRC)
_inherited = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != SRC]
os.environ["PYTHONPATH"] = os.pathsep.join([SRC, *_inherited])

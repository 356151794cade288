"""Shared fixtures: where the shared data lives, and a fresh database per test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PODSIFT_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "dtc"
PODCAST_NAMESPACE = SHARED / "formats" / "podcast-namespace"
DEMO = REPO / "demo"


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "001")."""
    (path,) = SEEDS.glob(f"{prefix}_*")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "podsift.db"


def podsift(*args: str, db: Path | None = None, env: dict[str, str] | None = None,
            check: int | None = 0) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run the real `podsift` command; no traceback may ever reach the user."""
    full_env = {k: v for k, v in os.environ.items() if k != "PODSIFT_DB"} | (env or {})
    cmd = [sys.executable, "-m", "podsift"] + (["--db", str(db)] if db else []) + list(args)
    result = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    if check is not None:
        assert result.returncode == check, (result.stdout, result.stderr)
    return result

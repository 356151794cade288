"""Shared fixtures: where the shared data lives, and a fresh database per test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

# CI draws the same examples every run, so a red run is the change's and not the draw's; a
# developer's runs draw new ones (and keep what failed in .hypothesis) to find what CI would not.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

if TYPE_CHECKING:
    from podsift.model import Episode

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PODSIFT_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "dtc"
PODCAST_NAMESPACE = SHARED / "formats" / "podcast-namespace"
DEMO = REPO / "demo"
REAL = REPO / "tests" / "data" / "real"  # real files written by others (SOURCES.md)


def read(name: str, text: str) -> Episode:
    """``text`` parsed as a file called ``name``, as ingest would."""
    from podsift import formats
    from podsift.model import Episode

    return formats.parse(text, Episode(id="x"), name)


def real(name: str) -> Episode:
    """The real file ``tests/data/real/NAME`` read as ingest reads it."""
    from podsift.ingest import parse_source
    from podsift.model import Episode

    episode = parse_source(name, (REAL / name).read_bytes())
    assert isinstance(episode, Episode), episode
    return episode


def timeline(episode: Episode) -> list[tuple[float | None, float | None, str | None, str]]:
    return [(s.start, s.end, s.speaker, s.text) for s in episode.segments]


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "001")."""
    if not SHARED.is_dir():
        return SEEDS / prefix  # absent: the tests that read it are skipped (see below)
    (path,) = SEEDS.glob(f"{prefix}_*")
    return path


# Test modules that read the shared data (seeds, corpus, dev questions, spec examples).
_READS_SHARED = re.compile(r"\b(SHARED|SEEDS|CORPUS|PODCAST_NAMESPACE|WEB_DATA|DEV_QUESTION|web_db|corpus_archive)\b|\bseed\(")


# The test modules that take longest (minutes each), longest first. With pytest-xdist
# (`-n 2`, as CI runs) they start first, so no worker is left with a long tail while
# the other idles. Measured in CI; a module left out just runs after these.
SLOWEST_FIRST = ("test_tune.py", "test_crash.py", "test_backends.py", "test_structure.py", "test_cli.py",
                 "test_feeds.py", "test_base_model.py", "test_query_encoder.py", "test_calibrate.py",
                 "test_feeds_web.py", "test_web_e2e.py", "test_audio.py", "test_web_home.py", "test_search.py")  # fmt: skip


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order and group the tests for parallel runs, and skip (with the reason) the modules
    that need the shared data when it is absent; the rest still run."""
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: file order otherwise
    for item in items:
        # One module's tests run on one worker, so a module fixture is built once; the
        # crash test's backends are minutes each, so each may run on its own worker.
        group = item.path.name
        if group == "test_crash.py" and isinstance(item, pytest.Function) and hasattr(item, "callspec"):
            group += f"[{item.callspec.id}]"
        item.add_marker(pytest.mark.xdist_group(group))
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the shared data at {SHARED} (set PODSIFT_SHARED to its folder)")
    needs: dict[Path, bool] = {}
    for item in items:
        path = Path(str(item.fspath))
        if path not in needs:
            needs[path] = bool(_READS_SHARED.search(path.read_text(encoding="utf-8")))
        if needs[path]:
            item.add_marker(skip)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "podsift.db"


def podsift(*args: str, db: Path | str | None = None, env: dict[str, str] | None = None,
            check: int | None = 0, timeout: float = 300, process: bool = False) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run the real `podsift` command on ``db`` (a SQLite path or a postgresql:// URL); no traceback may reach the user.

    It runs in this process, through the same click command a `podsift` process runs, which
    spares the suite a Python start-up and podsift's imports per call (about 0.4 s each, a
    third of the suite). ``process=True``, or ``PODSIFT_TEST_PROCESSES=1`` for every call,
    runs a real `python -m podsift` process instead (``timeout`` applies only there).
    """
    full_args = (["--db", str(db)] if db else []) + list(args)
    if process or os.environ.get("PODSIFT_TEST_PROCESSES") == "1":
        full_env = {k: v for k, v in os.environ.items() if k != "PODSIFT_DB"} | (env or {})
        cmd = [sys.executable, "-m", "podsift", *full_args]
        result = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=timeout)
    else:
        result = _in_this_process(full_args, env or {})
    assert "Traceback" not in result.stderr, result.stderr
    if check is not None:
        assert result.returncode == check, (result.stdout, result.stderr)
    return result


_COMMAND: Any = None


def _in_this_process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``podsift ARGS`` run by its click command here, as `podsift.cli.main` runs it: its exit
    code, its stdout and its stderr (with any warning a process would have printed, and the
    traceback of any exception that escaped, so the caller's checks see what a user would)."""
    import traceback
    import warnings
    from unittest import mock

    import typer.main
    import typer.testing

    from podsift.cli import app

    global _COMMAND
    if _COMMAND is None:  # typer builds it from the app's signatures: 60 ms a call otherwise
        _COMMAND = typer.main.get_command(app)
    with warnings.catch_warnings(record=True) as caught, mock.patch.object(typer.testing, "_get_command", lambda _: _COMMAND):
        # A process's default filters: each warning once, deprecations hidden.
        warnings.simplefilter("default")
        for hidden in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
            warnings.simplefilter("ignore", hidden)
        outcome = typer.testing.CliRunner().invoke(
            app, args, env={"PODSIFT_DB": None, **env}, prog_name="python -m podsift")  # type: ignore[dict-item]
    stderr = outcome.stderr + "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught)
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        stderr += "".join(traceback.format_exception(outcome.exception))
    done = subprocess.CompletedProcess(["podsift", *args], outcome.exit_code, outcome.stdout, stderr)
    del outcome  # its traceback holds the command's frames, and with them any store still open
    return done


def as_a_user() -> list[str]:
    """A command's prefix that makes its process, even root's, obey file modes as a user's would
    (root without the power to override them: running as another user instead fails where
    root's home, holding the interpreter, is closed to others)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("as root, needs setpriv to give up overriding file modes")
    return ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def on_terminal(cmd: list[str], timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """Run ``cmd`` with its stderr on a pseudo-terminal (where progress bars draw); its result and what it drew."""
    import pty

    leader, follower = pty.openpty()
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=follower, text=True, timeout=timeout)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: everything drawn has been read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    return result, drawn


WEB_DATA = [REPO / "tests" / "data" / "xss.md", REPO / "tests" / "data" / "xss-speaker.json", DEMO,
            CORPUS / "algorithms-data-structures-for-engineers.md"]  # fmt: skip
# A dev question whose answer is in that corpus page (../shared/eval/dev-questions.jsonl, dev-003).
DEV_QUESTION = "Which Facebook library does Alexey's team at OLX use to find the item vectors closest to a user's vector for recommendations?"
DEV_EVIDENCE = 'It\'s called "faiss", it\'s from Facebook.'


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, one DataTalks.Club page and two hostile transcripts, lexical only (fast to build)."""
    db = tmp_path_factory.mktemp("web") / "podsift.db"
    podsift("ingest", *map(str, WEB_DATA), "--no-embed", db=db)
    return db


TOOLS = ("Airbyte", "Airtable", "Alteryx", "Snowflake", "Databricks", "PostgreSQL", "MongoDB", "Tableau", "Looker",
         "TensorFlow", "PyTorch", "Kubernetes", "Docker", "Terraform", "Redis", "Elasticsearch", "BigQuery", "Jupyter",
         "NumPy", "Grafana", "Metabase", "DuckDB", "Prefect")  # fmt: skip


def many_talks(folder: Path, count: int = len(TOOLS)) -> Path:
    """An archive of ``count`` episodes of one show, each with the same guest naming Python twice and
    a tool of its own."""
    folder.mkdir()
    for i in range(count):
        (folder / f"talk-{i:02}.md").write_text(
            f'---\ntitle: "Talk {i}"\nshow: "Data Talks"\nguests: ["Ada Byron"]\ndate: "2026-01-{i + 1:02}"\n---\n\n'
            f"**Host:** In talk {i} we moved our pipelines to Python and {TOOLS[i]} with Ada Byron.\n\n"
            f"**Ada Byron:** Python made the jobs {i} times simpler.\n")
    db = folder.parent / "podsift.db"
    podsift("ingest", str(folder), "--no-embed", db=db)
    return db


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`podsift serve` in a subprocess on 127.0.0.1, ready when its API answers."""

    def __init__(self, db: Path, *args: str, env: dict[str, str] | None = None) -> None:
        import time
        import urllib.request

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "podsift", "--db", str(db), "serve", "--port", str(self.port), *args]
        self.process = subprocess.Popen(cmd, env=os.environ | (env or {}), stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/episodes", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"podsift serve did not start: {self.process.stderr.read()}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- PostgreSQL, started by the tests (pgserver bundles PostgreSQL 16 with pgvector) ---

_databases = iter(range(1_000_000))


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("runtime")))
    # Each test database's lexical index copy goes with the run, not into the home folder.
    os.environ["PODSIFT_INDEXES"] = str(tmp_path_factory.mktemp("indexes"))
    import shutil
    import tempfile

    import pgserver  # a test dependency: pip install -e '.[test]'

    # Run as root, pgserver starts PostgreSQL as a user of its own, who must reach the data folder:
    # not under pytest's folder, which another pytest session on the machine resets to owner-only.
    data = Path(tempfile.mkdtemp(prefix="podsift-pgdata-"))
    server = pgserver.get_server(data, cleanup_mode="stop")
    yield server
    server.cleanup()
    shutil.rmtree(data, ignore_errors=True)


def fresh_database(server: Any) -> str:
    """The URL of a new, empty PostgreSQL database on the test server."""
    name = f"podsift_{next(_databases)}"
    server.psql(f"CREATE DATABASE {name};")
    return server.get_uri(name)


def archive_location(backend: str, request: pytest.FixtureRequest, directory: Path, name: str = "podsift") -> str:
    """An empty archive on ``backend``: a SQLite file in ``directory``, or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(directory / f"{name}.db")
    return fresh_database(request.getfixturevalue("pg_server"))


def drop_table(location: str, table: str) -> None:
    """The archive at ``location`` loses ``table``, as a bad copy or a hand edit leaves it."""
    from podsift.store import is_url

    hand_edit(location, f"DROP TABLE {table}" + " CASCADE" * is_url(location))


def hand_edit(location: str, statement: str) -> None:
    """Run ``statement`` on the archive at ``location``, as another tool would."""
    from podsift.store import is_url

    if is_url(location):
        import psycopg

        with psycopg.connect(location) as conn:
            conn.execute(statement)
    else:
        import sqlite3

        with sqlite3.connect(location) as conn:
            conn.execute(statement)
        conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty archive location on each backend: a SQLite file, then a PostgreSQL URL."""
    return archive_location(request.param, request, tmp_path)


@pytest.fixture(scope="session")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, pytest.FixtureRequest], str]:
    """``corpus_archive(backend, request)``: the seeds and the whole dev corpus on ``backend``,
    lexical only, ingested once a session for every suite that reads it. Never write to it."""
    built: dict[str, str] = {}

    def build(backend: str, request: pytest.FixtureRequest) -> str:
        if backend not in built:
            location = archive_location(backend, request, tmp_path_factory.mktemp("corpus"), "corpus")
            podsift("ingest", str(SEEDS), str(CORPUS), "--no-embed", db=location, check=1)  # the template fails
            built[backend] = location
        return built[backend]

    return build

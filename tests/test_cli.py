"""The podsift command line, run as a user runs it: a real process on a real database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    CORPUS,
    DEMO,
    REAL,
    SEEDS,
    archive_location,
    as_a_user,
    drop_table,
    fresh_database,
    hand_edit,
    on_terminal,
    podsift,
    seed,
)

from podsift.ingest import parse_source
from podsift.store import is_url, open_store, shown_location

VTT = """WEBVTT

00:00:00.500 --> 00:00:04.000
<v Maya>Welcome to Signal and Noise.

00:00:04.200 --> 00:00:08.000
<v Priya>Thanks for having me [laughs]
"""


@pytest.fixture
def vtt_file(tmp_path: Path) -> Path:
    path = tmp_path / "intro.vtt"
    path.write_text(VTT, encoding="utf-8")
    return path


def test_ingest_then_list_show_report(backend_db: str, vtt_file: Path) -> None:
    out = podsift("ingest", "--no-embed", str(vtt_file), db=backend_db)
    assert "1 added" in out.stdout

    episodes = json.loads(podsift("episodes", "--json", db=backend_db).stdout)
    assert episodes == [
        {"id": "intro", "title": "Intro", "source_format": "webvtt", "segments": 2,
         "chapters": 0, "duration": 8.0, "show": None, "date": None},
    ]  # fmt: skip

    shown = json.loads(podsift("show", "intro", "--json", db=backend_db).stdout)
    assert shown["id"] == "intro" and shown["source_format"] == "webvtt"
    assert shown["chapters"] == []
    assert shown["segments"] == [
        {"start": 0.5, "end": 4.0, "speaker": "Maya", "text": "Welcome to Signal and Noise.",
         "directions": [], "chapter": None},
        {"start": 4.2, "end": 8.0, "speaker": "Priya", "text": "Thanks for having me",
         "directions": ["[laughs]"], "chapter": None},
    ]  # fmt: skip

    text = podsift("show", "intro", db=backend_db).stdout
    assert "[0:00] Maya: Welcome to Signal and Noise." in text
    assert "[0:04] Priya: Thanks for having me  [laughs]" in text

    report = podsift("report", "intro", db=backend_db).stdout
    assert "title_from_filename" in report


def test_one_segment_is_counted_in_the_singular(tmp_path: Path) -> None:
    one = tmp_path / "one.vtt"
    one.write_text("WEBVTT\n\n00:00:00.500 --> 00:00:04.000\n<v Maya>Welcome to Signal and Noise.\n", encoding="utf-8")
    db = tmp_path / "podsift.db"
    ingested = podsift("ingest", "--no-embed", str(one), db=db).stdout
    assert "(1 segment stored in" in ingested
    assert "webvtt · 0:04 · 1 segment, 0 chapters" in podsift("show", "one", db=db).stdout


def test_the_episode_list_shows_ids_with_brackets_as_they_are(tmp_path: Path) -> None:
    # yt-dlp names captions "Title [video id].en.vtt"; the list once read the brackets as terminal markup.
    talk = tmp_path / "Scaling Kafka [dQw4w9WgXcQ].en.vtt"
    talk.write_text("WEBVTT\n\n00:00:00.500 --> 00:00:04.000\nHello there and welcome.\n", encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(talk), db=db)
    listed = podsift("episodes", db=db).stdout
    assert "Scaling-Kafka-[dQw4w9WgXcQ].en" in listed
    assert podsift("show", "Scaling-Kafka-[dQw4w9WgXcQ].en", db=db).stdout.startswith("Scaling Kafka\n")


def test_global_json_flag_and_db_from_environment(backend_db: str, vtt_file: Path) -> None:
    env = {"PODSIFT_DB": backend_db}
    podsift("ingest", "--no-embed", str(vtt_file), env=env)
    listed = json.loads(podsift("--json", "episodes", env=env).stdout)
    assert [e["id"] for e in listed] == ["intro"]
    # The episode went where PODSIFT_DB says, not to a default database.
    if not is_url(backend_db):
        assert Path(backend_db).exists()
    with open_store(backend_db) as store:
        assert store.episode_ids() == {"intro"}


def test_ingest_json_reports_every_file(backend_db: str, vtt_file: Path) -> None:
    result = json.loads(podsift("ingest", "--no-embed", "--json", str(vtt_file), db=backend_db).stdout)
    assert result["counts"] == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    assert result["files"][0]["episode_id"] == "intro"
    again = json.loads(podsift("ingest", "--no-embed", "--json", str(vtt_file), db=backend_db).stdout)
    assert again["counts"]["unchanged"] == 1


def test_a_database_podsift_cannot_open_is_said_in_one_readable_line(pg_server: Any) -> None:
    """A PostgreSQL database podsift could not open was told in psycopg's lines squeezed onto one
    ("connection failed: connection to server on socket "/tmp/….s.PGSQL.5432" failed: FATAL:  database
    … does not exist", "permission denied for schema public LINE 1: CREATE TABLE … ^")."""
    import psycopg

    def told(url: str) -> str:
        (line,) = podsift("episodes", db=url, check=1).stderr.splitlines()
        return line.removeprefix(f"podsift: error: {shown_location(url)}: cannot open the PostgreSQL database ")

    assert told(pg_server.get_uri("podsift_absent")) == '(database "podsift_absent" does not exist)'
    # The test server trusts every login: these two roles must give their passwords.
    with psycopg.connect(pg_server.get_uri(), autocommit=True) as conn:
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])
        hba.write_text("local all podsift_pw,podsift_weak scram-sha-256\n" + hba.read_text())
        conn.execute("SELECT pg_reload_conf()")
        conn.execute("CREATE ROLE podsift_pw LOGIN PASSWORD 'right'")
        conn.execute("CREATE ROLE podsift_weak LOGIN PASSWORD 'weak'")  # no right to create tables in public
    database = fresh_database(pg_server)
    wrong = database.replace("postgres:@", "podsift_pw:wrong@")
    assert told(wrong) == '(password authentication failed for user "podsift_pw")'
    assert told(database.replace("postgres:@", "podsift_weak:weak@")) == "(permission denied for schema public)"
    half_made = fresh_database(pg_server)  # an upgrade whose SQL fails: a table in its way
    hand_edit(half_made, "CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "applied_at TEXT NOT NULL); CREATE TABLE episodes (title TEXT)")  # fmt: skip
    assert told(half_made) == '(relation "episodes" already exists)'
    assert told("postgresql://podsift:s3cret@127.0.0.1:1/podsift") == (
        "(Connection refused; is the server running on that host and accepting TCP/IP connections?)")


def test_unknown_episode_and_missing_database_are_one_line_errors(
    backend_db: str, vtt_file: Path, request: pytest.FixtureRequest
) -> None:
    if is_url(backend_db):  # a server without that database
        absent = request.getfixturevalue("pg_server").get_uri("podsift_absent")
        missing = podsift("episodes", db=absent, check=1)
        assert missing.stderr.strip().count("\n") == 0
        assert 'database "podsift_absent" does not exist' in missing.stderr
        with_password = absent.replace("postgres:@", "postgres:s3cret@")  # the local server trusts the socket
        told = podsift("episodes", db=with_password, check=1).stderr
        assert "s3cret" not in told and "postgres:***@" in told
    else:
        missing = podsift("episodes", db=backend_db, check=1)
        assert missing.stderr.strip().count("\n") == 0 and "no database" in missing.stderr
    podsift("ingest", "--no-embed", str(vtt_file), db=backend_db)
    unknown = podsift("show", "nope", db=backend_db, check=2)
    assert unknown.stderr.strip() == (
        f"podsift: error: no episode 'nope' in {backend_db} (see `podsift episodes`)"
    )
    # A typo is told the nearest id by every command taking one, as `remove` does, with the same
    # exit code (2: the id typed names nothing; show said 1, remove 2).
    for command in ("show", "report", "export", "chapters"):
        typo = podsift(command, "intr", db=backend_db, check=2)
        assert typo.stderr == f"podsift: error: no episode 'intr' in {backend_db} (did you mean 'intro'?)\n"
    bad_format = podsift("export", "intro", "--format", "docx", db=backend_db, check=2)
    assert "unknown format 'docx'" in bad_format.stderr


def test_version_prints_the_installed_version() -> None:
    """`podsift --version` said "No such option: --version"."""
    from importlib.metadata import version

    assert podsift("--version").stdout == f"podsift {version('podsift')}\n"


def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`podsift ingest "$DIR"` with DIR unset ingested every file in the current folder;
    `backup ' '` wrote a file named by a space; `backup ''` said ". is a folder"."""
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copy(DEMO / "freelancing-in-data.srt", tmp_path)
    db = tmp_path / "archive.db"
    for blank in ("", " "):
        refused = podsift("ingest", blank, db=db, check=2)
        assert "PATH is empty: name a file or folder" in refused.stderr
    assert not db.exists()  # nothing was read from the folder
    podsift("ingest", "--no-embed", "freelancing-in-data.srt", db=db)
    for command in (["backup", " "], ["backup", ""], ["restore", ""], ["export", "freelancing-in-data", "-o", ""],
                    ["eval", ""], ["copy", ""]):  # fmt: skip
        assert "is empty: name a file or folder" in podsift(*command, db=db, check=2).stderr, command
    assert podsift("--db", "", "episodes", check=2).stderr.count("--db is empty") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "archive.lexical", "freelancing-in-data.srt"]
    # A filter left empty searched everything, as if it had not been given.
    for command in (["search", "price", "--speaker", ""], ["ask", "price", "--episode", " "]):
        assert "is empty: name what to keep, or leave the option out" in podsift(*command, db=db, check=2).stderr


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("these are my notes, not a database\n" * 100)
    result = podsift("episodes", db=fake, check=1)
    assert "not a usable podsift database" in result.stderr


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """`--db other.db` on another program's SQLite file silently added podsift's tables to it."""
    from podsift.store.sqlite import migrations

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.close()
    refusal = f"podsift: error: {other} is a SQLite database of another program (tables: notes); name a new file or a podsift archive"
    for command in (["episodes"], ["ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt")], ["graph"]):
        assert podsift(*command, db=other, check=1).stderr.splitlines() == [refusal], command
    assert "BAD  database: " + refusal.removeprefix("podsift: error: ") in podsift("doctor", db=other, check=1).stdout
    with sqlite3.connect(other) as conn:
        assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master")] == ["notes", "sqlite_sequence"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    # An empty file, and an archive a first podsift made (its first migration only), open as before.
    empty, first = tmp_path / "empty.db", tmp_path / "first.db"
    empty.touch()
    version, name, sql = migrations()[0]
    with sqlite3.connect(first) as conn:
        conn.executescript("CREATE TABLE _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT);" + sql)
        conn.execute("INSERT INTO _migrations VALUES (?, ?, 'then')", (version, name))
    conn.close()
    for db in (empty, first):
        podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
        assert "freelancing-in-data" in podsift("episodes", db=db).stdout


def test_a_postgresql_database_of_another_program_is_refused_and_left_as_it_was(pg_server: Any) -> None:
    """`--db postgresql://…` naming a database with another program's tables added podsift's
    tables beside them; an empty database and a podsift one open as before."""
    import psycopg
    from conftest import fresh_database

    other = fresh_database(pg_server)
    hand_edit(other, "CREATE TABLE notes (body TEXT)")
    refusal = f"podsift: error: {other} is a PostgreSQL database of another program (tables: notes); name a new database or a podsift archive"
    for command in (["episodes"], ["ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt")]):
        assert podsift(*command, db=other, check=1).stderr.splitlines() == [refusal], command
    with psycopg.connect(other) as conn:
        assert conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall() == [("notes",)]
    archive = fresh_database(pg_server)
    for _ in range(2):  # empty, then podsift's
        podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=archive)
        assert "freelancing-in-data" in podsift("episodes", db=archive).stdout


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def intro_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """intro.vtt ingested on each backend, once for the tests that only read it."""
    directory = tmp_path_factory.mktemp("intro")
    (directory / "intro.vtt").write_text(VTT, encoding="utf-8")
    location = archive_location(request.param, request, directory)
    podsift("ingest", "--no-embed", str(directory / "intro.vtt"), db=location)
    return location


@pytest.mark.parametrize("fmt", ["vtt", "srt", "json", "md"])
def test_export_writes_each_format(intro_db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    podsift("export", "intro", "--format", fmt, "-o", str(out), db=intro_db)
    written = out.read_text(encoding="utf-8")
    assert "Welcome to Signal and Noise." in written and "Priya" in written
    assert podsift("export", "intro", "--format", fmt, db=intro_db).stdout == written
    # --json asks for JSON where no format is named (it printed WebVTT); --format still decides.
    assert podsift("export", "intro", "--format", fmt, "--json", db=intro_db).stdout == written
    if fmt == "json":
        assert podsift("export", "intro", "--json", db=intro_db).stdout == written
    # Without --format, the file's name says which: `-o talk.srt` wrote WebVTT into it.
    named = tmp_path / f"named.{fmt}"
    podsift("export", "intro", "-o", str(named), "--json", db=intro_db)
    assert named.read_text(encoding="utf-8") == written


def test_an_output_name_that_names_no_format_is_refused(intro_db: str, tmp_path: Path) -> None:
    """`export -o notes.txt` wrote WebVTT into notes.txt without a word (and `graph -o g.xyz` GraphML)."""
    notes = tmp_path / "notes.txt"
    refused = podsift("export", "intro", "-o", str(notes), db=intro_db, check=2)
    assert refused.stderr.strip() == (f"podsift: error: {notes}: .txt names no format this writes "
                                      "(vtt, srt, json, md); pass --format to choose one")  # fmt: skip
    assert not notes.exists()
    podsift("export", "intro", "-o", str(notes), "--format", "srt", db=intro_db)  # named, it is written
    assert notes.read_text(encoding="utf-8").startswith("1\n00:00:")
    graph = podsift("graph", "-o", str(tmp_path / "g.xyz"), db=intro_db, check=2)
    assert ".xyz names no format this writes (graphml, xml, json)" in graph.stderr


def test_export_and_graph_refuse_to_write_over_the_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`export ID -o podsift.db -f vtt` (or `graph -o podsift.db -f json`) wrote the export over
    the database: every command after it said "not a usable podsift database"."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    before = db.read_bytes()
    for command in (("export", "freelancing-in-data", "-f", "vtt"), ("graph", "-f", "json")):
        for name in ("podsift.db", str(db)):
            refused = podsift(*command, "-o", name, db="podsift.db", check=2)
            assert refused.stderr == f"podsift: error: {name} is the archive itself; name a new file\n"
        inside = podsift(*command, "-o", "podsift.lexical/out.txt", db=db, check=2).stderr
        assert "inside the archive's search-index folder" in inside
    assert db.read_bytes() == before
    assert "freelancing-in-data" in podsift("episodes", db=db).stdout
    podsift("export", "freelancing-in-data", "-o", "podsift.vtt", db=db)  # its stem is no file of the archive
    assert (tmp_path / "podsift.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_a_folder_given_as_output_is_answered_with_a_name_that_would_be_written(intro_db: str, tmp_path: Path) -> None:
    """`export ID -o DIR` suggested DIR/export.txt, a name export then refused (.txt names no format)."""
    for command, name in ((("export", "intro"), "intro.vtt"), (("export", "intro", "-f", "md"), "intro.md"),
                          (("graph",), "graph.graphml")):  # fmt: skip
        refused = podsift(*command, "-o", str(tmp_path), db=intro_db, check=2).stderr
        assert refused == f"podsift: error: {tmp_path} is a folder: name a file to write, as in {tmp_path / name}\n"
        podsift(*command, "-o", str(tmp_path / name), db=intro_db)  # the name suggested is written
        assert (tmp_path / name).stat().st_size > 0


def test_seed_and_export_round_trip_through_the_cli(backend_db: str, tmp_path: Path) -> None:
    """Seed 001 → export as VTT → ingest the export: same words, speakers and times."""
    podsift("ingest", "--no-embed", str(seed("001")), db=backend_db)
    episode_id = seed("001").stem
    original = json.loads(podsift("show", episode_id, "--json", db=backend_db).stdout)
    exported = tmp_path / "roundtrip.vtt"
    podsift("export", episode_id, "-f", "vtt", "-o", str(exported), db=backend_db)
    podsift("ingest", "--no-embed", str(exported), db=backend_db)
    again = json.loads(podsift("show", "roundtrip", "--json", db=backend_db).stdout)
    key = lambda s: (s["speaker"], s["text"], s["start"])  # noqa: E731
    assert [key(s) for s in again["segments"] if s["text"]] == [
        key(s) for s in original["segments"] if s["text"]
    ]


def test_remove_takes_episodes_out_of_the_archive_and_ingest_brings_them_back(backend_db: str) -> None:
    """There was no way to take an episode out but deleting the whole archive."""
    podsift("ingest", "--no-embed", str(DEMO), db=backend_db)
    wrong = podsift("remove", "career-switch", "career-swich", db=backend_db, check=2)
    assert "no episode 'career-swich'" in wrong.stderr and "did you mean 'career-switch'?" in wrong.stderr
    assert "nothing removed" in wrong.stderr
    assert len(json.loads(podsift("episodes", "--json", db=backend_db).stdout)) == 5
    before = json.loads(podsift("search", "charge a client", "--mode", "lexical", "--json", db=backend_db).stdout)
    assert any(h["episode_id"] == "freelancing-in-data" for h in before["results"])

    out = podsift("remove", "freelancing-in-data", "--json", db=backend_db).stdout
    assert json.loads(out) == {"removed": [{"id": "freelancing-in-data", "segments": 14, "from_feed": False}]}
    ids = {e["id"] for e in json.loads(podsift("episodes", "--json", db=backend_db).stdout)}
    assert ids == {"career-switch", "data-contracts-chat", "ml-in-production", "vector-search-basics"}
    after = json.loads(podsift("search", "charge a client", "--mode", "lexical", "--json", db=backend_db).stdout)
    assert all(h["episode_id"] != "freelancing-in-data" for h in after["results"])
    podsift("show", "freelancing-in-data", db=backend_db, check=2)

    again = podsift("ingest", "--no-embed", str(DEMO), db=backend_db).stdout
    assert "1 added, 0 updated, 4 unchanged" in again
    back = json.loads(podsift("search", "charge a client", "--mode", "lexical", "--json", db=backend_db).stdout)
    moments = lambda result: [(h["episode_id"], h["start"], h["text"]) for h in result["results"]]  # noqa: E731
    assert moments(back) == moments(before)


def test_markdown_exports_ingest_back_to_the_same_episodes(tmp_path: Path) -> None:
    """The facts under a Markdown export's title ("Signal & Noise", "DataTalks.Club · 2024-05-14 · with
    Tomás") came back as a turn of speech, the show, date and length lost."""
    db, again = tmp_path / "podsift.db", tmp_path / "again.db"
    podsift("ingest", "--no-embed", "--no-entities", str(DEMO), db=db)
    ids = [e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)]
    exports = tmp_path / "exports"
    exports.mkdir()
    for episode_id in ids:
        podsift("export", episode_id, "--format", "md", "-o", str(exports / f"{episode_id}.md"), db=db)
    podsift("ingest", "--no-embed", "--no-entities", str(exports), db=again)

    def second(time: float | None) -> int | None:
        return None if time is None else int(time)  # a page shows whole seconds

    def seen(location: Path, episode_id: str) -> dict[str, object]:
        shown = json.loads(podsift("show", episode_id, "--json", db=location).stdout)
        facts = ("title", "show", "date", "guest_names", "duration", "season", "episode_number")
        return {key: shown[key] for key in facts} | {
            "chapters": [(c["title"], second(c["start"])) for c in shown["chapters"]],
            "segments": [(s["speaker"], s["text"], s["directions"], second(s["start"])) for s in shown["segments"]],
        }

    for episode_id in ids:
        assert seen(again, episode_id) == seen(db, episode_id), episode_id


def test_a_listed_guest_is_one_guest_whatever_punctuation_their_name_has(tmp_path: Path) -> None:
    """Each entry of a front matter's guest list was split at commas and "&": "Ana Lima, PhD" and
    "Tom & Jerry" became four guests, and the Markdown export carried the four on."""
    page = tmp_path / "two-guests.md"
    page.write_text("---\ntitle: Two guests\nguests:\n  - Ana Lima, PhD\n  - Tom & Jerry\n---\n\n"
                    "Ana: Hello there, welcome to the show.\n\nTom: Thanks for having me.\n", encoding="utf-8")  # fmt: skip
    db, again = tmp_path / "podsift.db", tmp_path / "again.db"
    podsift("ingest", "--no-embed", str(page), db=db)
    assert json.loads(podsift("show", "two-guests", "--json", db=db).stdout)["guests"] == ["Ana Lima, PhD", "Tom & Jerry"]
    exported = tmp_path / "exports" / "two-guests.md"
    exported.parent.mkdir()
    podsift("export", "two-guests", "--format", "md", "-o", str(exported), db=db)
    podsift("ingest", "--no-embed", str(exported), db=again)
    assert json.loads(podsift("show", "two-guests", "--json", db=again).stdout)["guests"] == ["Ana Lima, PhD", "Tom & Jerry"]


@pytest.mark.parametrize("guest", ["Zoë Ångström", "zoe angstrom", "Олег Петров", "олег", "Jane O'Neil", "Jane ONeil"])
def test_a_guest_filter_finds_guests_named_in_any_script(backend_db: str, tmp_path: Path, guest: str) -> None:
    """Names with capitals outside ASCII, accents or an apostrophe passed the check that the guest
    exists, then matched nothing in the database's own comparison: a silent "no moments"."""
    page = tmp_path / "kitchen.md"
    page.write_text("---\ntitle: Kitchen talk\nguests:\n  - Zoë Ångström\n  - Олег Петров\n  - Jane O'Neil\n---\n\n"
                    "Host: Today we grow tomatoes on a balcony.\n\nZoë: Tomatoes want sun above all.\n", encoding="utf-8")  # fmt: skip
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\nguests:\n  - Sam Reyes\n---\n\nHost: Tomatoes again, on a farm.\n", encoding="utf-8")
    podsift("ingest", "--no-embed", str(page), str(other), db=backend_db)
    found = json.loads(podsift("search", "tomatoes", "--mode", "lexical", "--guest", guest, "--json", db=backend_db).stdout)
    assert found["results"] and {h["episode_id"] for h in found["results"]} == {"kitchen"}


def test_ingest_does_not_import_what_it_does_not_use(intro_db: str) -> None:
    """Listing episodes must not load the parsers; ingesting must not load the web stack."""
    cmd = [sys.executable, "-X", "importtime", "-m", "podsift", "--db", intro_db, "episodes"]
    imported = subprocess.run(cmd, capture_output=True, text=True).stderr
    for heavy in ("yaml", "ftfy", "webvtt", "podsift.formats", "numpy", "torch"):
        assert f" {heavy}\n" not in imported, f"`podsift episodes` imported {heavy}"


def test_demo_folder_ingests_cleanly(backend_db: str) -> None:
    result = json.loads(podsift("ingest", "--no-embed", "--json", str(DEMO), db=backend_db).stdout)
    formats = {f["source_format"] for f in result["files"]}
    assert result["counts"]["failed"] == 0 and result["counts"]["added"] >= 5
    assert len(formats) >= 5, formats


def test_whole_seed_and_corpus_run(backend_db: str) -> None:
    """Everything ingests except the unfilled template, which fails with a clear reason."""
    result = podsift("ingest", "--no-embed", str(SEEDS), str(CORPUS), db=backend_db, check=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("podsift: error")]
    assert len(errors) == 1 and "_template.md" in errors[0] and "template" in errors[0].split(":", 2)[2]
    total = len(list(SEEDS.iterdir())) + len(list(CORPUS.iterdir()))
    assert f"{total} files: {total - 1} added, 0 updated, 0 unchanged, 1 failed" in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.startswith("podsift: note")]
    assert sum("ai-for-ecology" in n for n in notes) == 1  # a page without transcript is named
    listed = json.loads(podsift("episodes", "--json", db=backend_db).stdout)
    assert len(listed) == total - 1
    # Re-running the same command changes nothing.
    again = podsift("ingest", "--no-embed", str(SEEDS), str(CORPUS), db=backend_db, check=1)
    assert f"0 added, 0 updated, {total - 1} unchanged, 1 failed" in again.stdout


def test_progress_bar_on_a_terminal_but_not_in_pipes(backend_db: str) -> None:
    """On a terminal, ingest draws a progress bar on stderr; piped output stays clean."""
    cmd = [sys.executable, "-m", "podsift", "--db", backend_db, "ingest", "--no-embed", str(DEMO)]
    proc, drawn = on_terminal(cmd)
    assert proc.returncode == 0
    assert b"Ingesting" in drawn and b"1/5" in drawn  # the bar's label and its count
    piped = podsift("ingest", "--no-embed", str(DEMO), db=backend_db)
    assert piped.stderr == ""


def test_ctrl_c_mid_ingest_keeps_every_stored_episode_whole(backend_db: str) -> None:
    import signal

    cmd = [sys.executable, "-m", "podsift", "--db", backend_db, "ingest", "--no-embed", str(CORPUS)]
    # As a terminal's Ctrl-C reaches a command in the foreground: a run started in the
    # background by a script inherits SIGINT ignored, and then podsift rightly ignores it.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    first = proc.stderr.readline()  # the template's error comes early in the sorted corpus
    assert "_template.md" in first
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=120)
    assert "Traceback" not in rest
    assert proc.returncode == 130, rest
    assert rest.strip().splitlines()[-1] == "podsift: error: interrupted; every episode stored so far is complete"
    listed = json.loads(podsift("episodes", "--json", db=backend_db).stdout)
    assert 0 < len(listed) < 162
    for row in listed:  # each stored episode has all its segments: the same as a fresh parse
        fresh = parse_source(str(CORPUS / f"{row['id']}.md"), (CORPUS / f"{row['id']}.md").read_bytes())
        assert row["segments"] == len(fresh.segments)


def test_doctor_backup_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    missing = podsift("doctor", db=db, check=1)
    assert "BAD  database: no database at" in missing.stdout and "fix: run `podsift ingest PATH`" in missing.stdout
    podsift("ingest", str(DEMO), "--no-embed", db=db)
    report = podsift("doctor", "--json", db=db)  # no vectors, by choice: a note with its fix, exit 0
    checks = {c["name"]: c for c in json.loads(report.stdout)}
    assert checks["database"]["ok"] and checks["schema"]["ok"] and checks["search index"]["ok"]
    assert checks["embeddings"]["ok"] and checks["embeddings"]["note"]
    assert checks["embeddings"]["fix"].startswith("run `podsift embed`")
    assert checks["entities"]["ok"] and checks["entities"]["detail"] == "mentions found in 5 of 5 episodes"
    assert checks["NER model"]["ok"]
    aliases = tmp_path / "entities.yaml"  # the user's own names change what would be found
    aliases.write_text("- name: Tobias Corp\n  type: org\n", encoding="utf-8")
    changed = {c["name"]: c for c in json.loads(podsift("doctor", "--json", db=db, check=1,
                                                        env={"PODSIFT_ENTITIES": str(aliases)}).stdout)}  # fmt: skip
    assert not changed["entities"]["ok"] and changed["entities"]["fix"] == "run `podsift entities --recompute`"
    copy = tmp_path / "backup.db"
    podsift("backup", str(copy), db=db)
    assert "exists" in podsift("backup", str(copy), db=db, check=2).stderr
    podsift("ingest", str(SEEDS), "--no-embed", db=db)  # the live database moves on
    assert "pass --force" in podsift("restore", str(copy), db=db, check=2).stderr
    restored = podsift("restore", str(copy), "--force", db=db)
    assert "(5 episodes)" in restored.stdout
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 5
    folder = podsift("restore", str(tmp_path), "--force", db=db, check=2).stderr  # it said "no such backup file"
    assert folder == f"podsift: error: {tmp_path} is a folder; name the backup file in it\n"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all" * 100)
    assert "not a podsift database" in podsift("restore", str(damaged), "--force", db=db, check=2).stderr
    # Restoring read the backup in place, which left -wal and -shm files beside the user's copy.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup.")) == ["backup.db"]
    # A backup killed mid-copy leaves its file and SQLite's rollback journal: said so, not
    # "attempt to write a readonly database".
    partial = tmp_path / "killed.db.partial"
    partial.write_bytes(copy.read_bytes())
    (tmp_path / "killed.db.partial-journal").write_bytes(b"\0" * 512)
    unfinished = podsift("restore", str(partial), "--force", db=db, check=2).stderr
    assert unfinished == f"podsift: error: {partial}: an unfinished copy (a backup that was interrupted); back up again\n"


def test_backup_and_restore_refuse_the_archive_itself_and_touch_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`backup podsift.db --force` onto the archive's own file unlinked the live database and
    deleted its tuned models before copying them."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    weights = tmp_path / "podsift.models" / "tuned-1" / "model.bin"
    weights.parent.mkdir(parents=True)
    weights.write_text("weights", encoding="utf-8")
    (tmp_path / "link.db").symlink_to(db)
    before = db.read_bytes()
    for name in ("podsift.db", "./podsift.db", str(db), "link.db"):
        refused = podsift("backup", name, "--force", db="podsift.db", check=2)
        assert refused.stderr == f"podsift: error: {Path(name)} is the archive itself; name a new file\n"
        refused = podsift("restore", name, "--force", db="podsift.db", check=2)
        assert refused.stderr == f"podsift: error: {Path(name)} is the archive itself; name a backup file\n"
    inside = podsift("backup", "podsift.models/copy.db", db=db, check=2).stderr
    assert "inside the archive's tuned-models folder" in inside
    same_folder = podsift("backup", "podsift.sqlite", db=db, check=2).stderr  # its models would be podsift.models
    assert "onto the archive's own" in same_folder
    assert db.read_bytes() == before and weights.read_text(encoding="utf-8") == "weights"
    assert sorted(p.name for p in (tmp_path / "podsift.models").iterdir()) == ["tuned-1"]
    assert not (tmp_path / "podsift.sqlite").exists()
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 1
    podsift("backup", "other.db", db=db)  # a new name still works, models and all
    assert (tmp_path / "other.models" / "tuned-1" / "model.bin").read_text(encoding="utf-8") == "weights"


def test_backup_and_copy_refuse_every_file_the_archive_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`backup x.db-wal` reported success, and SQLite deleted the "backup" on its last close; a
    backup in x.lexical/ was deleted by the next restore; `copy` wrote into the models folder."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "x.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    (tmp_path / "x.models" / "tuned-1").mkdir(parents=True)
    (tmp_path / "x.lexical").mkdir(exist_ok=True)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for name in ("x.db-wal", "x.db-shm", "x.db-journal", "x.lexical/safe.db", "x.models/c.db", "x.sqlite"):
        for command in (("backup", name, "--force"), ("copy", name)):
            refused = podsift(*command, db="x.db", check=2).stderr
            assert refused.startswith(f"podsift: error: {Path(name)} ") and refused.count("\n") == 1, refused
            assert "name a " in refused
    assert "is the archive's own SQLite wal file" in podsift("backup", "x.db-wal", db="x.db", check=2).stderr
    assert "inside the archive's search-index folder" in podsift("copy", "x.lexical/s.db", db="x.db", check=2).stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written anywhere
    assert len(json.loads(podsift("episodes", "--json", db=db).stdout)) == 1


def test_moments_an_older_podsift_cut_are_flagged_by_doctor_and_cut_again_by_reindex(tmp_path: Path) -> None:
    """An archive from an older podsift kept its old moments (and their speakers) until something
    was ingested; reindex left them, and doctor said nothing."""
    import sqlite3

    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    with sqlite3.connect(db) as conn:  # as an older cutter left it: another speaker list, an older version
        conn.execute("UPDATE moments SET speakers = '[\"Maya\"]'")
        conn.execute("UPDATE settings SET value = '5' WHERE key = 'moments_version'")
    conn.close()

    def by_maya() -> int:  # only Jonas speaks of his salary
        found = podsift("--json", "search", "salary", "--mode", "lexical", "--speaker", "Maya", db=db)
        return len(json.loads(found.stdout)["results"])

    stale = by_maya()  # search reads the old cut (Jonas's words under Maya), and writes nothing
    checked = podsift("doctor", db=db, check=1).stdout
    assert "BAD  moments: moments cut by version 5 of the cutter, this podsift cuts version" in checked
    assert "fix: run `podsift reindex` (or any `podsift ingest`)" in checked
    told = podsift("reindex", db=db).stdout
    assert told.startswith("cut the moments of 1 episode again, as this podsift cuts them\nindexed ")
    assert by_maya() == stale - 1
    assert "moments:" not in podsift("doctor", db=db, check=None).stdout
    assert "cut the moments" not in podsift("reindex", db=db).stdout  # once is enough


def test_backup_and_copy_to_a_place_they_cannot_write_say_so_in_one_line(tmp_path: Path) -> None:
    """`backup /nonexistent/x.db` gave sqlite3's traceback ("unable to open database file"), while
    `copy` made the missing folder. Both now refuse a missing folder, as `export -o` does."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    missing, under_a_file = tmp_path / "no-such-folder" / "x.db", db / "x.db"
    for command in ("backup", "copy"):
        # /proc lets root past every permission check, yet makes no file: copy called it "not a usable podsift database".
        proc = Path("/proc/podsift-test.db")
        for target, reason in ((missing, "No such file or directory"), (under_a_file, "Not a directory"),
                               (proc, "No such file or directory")):  # fmt: skip
            refused = podsift(command, str(target), db=db, check=1)
            assert refused.stderr == f"podsift: error: {target}: cannot write ({reason})\n"
    assert not missing.parent.exists()
    assert "is a folder" in podsift("backup", str(tmp_path), "--force", db=db, check=2).stderr
    # `export -o FOLDER` said "cannot write (Is a directory)" and exit 1, as if the disk had failed.
    exported = podsift("export", "freelancing-in-data", "-o", str(tmp_path), db=db, check=2)
    assert f"{tmp_path} is a folder: name a file to write" in exported.stderr
    old = tmp_path / "old.db"
    old.write_text("an older file", encoding="utf-8")
    podsift("backup", str(old), "--force", db=db)  # written beside it, then moved onto it whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("old")) == ["old.db"]
    assert len(json.loads(podsift("episodes", "--json", db=old).stdout)) == 1


def test_doctor_notes_a_word_search_archive_and_calls_missing_vectors_bad_only_where_search_needs_them(tmp_path: Path) -> None:
    """An archive ingested with --no-embed on purpose was BAD (exit 1) for having no vectors."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    lexical = podsift("doctor", db=db).stdout  # exit 0
    assert "note embeddings: 0 of " in lexical and "search is by words alone" in lexical
    assert "fix: run `podsift embed`" in lexical and "BAD" not in lexical
    calibrated = tmp_path / "calibrated.db"  # abstention fitted to vectors: they are needed
    podsift("backup", str(calibrated), db=db)
    conn = sqlite3.connect(calibrated)  # as `podsift calibrate` stores it
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('abstention', ?)",
                     (json.dumps({"model": "all-MiniLM-L6-v2", "threshold": 0.4}),))  # fmt: skip
    conn.close()
    assert "BAD  embeddings: 0 of " in podsift("doctor", db=calibrated, check=1).stdout
    podsift("embed", db=db)  # some moments with vectors: hybrid search is the default, and misses the rest
    podsift("ingest", str(DEMO / "career-switch.json"), "--no-embed", "--no-entities", db=db)
    partial = podsift("doctor", db=db, check=1).stdout
    assert "BAD  embeddings" in partial and "fix: run `podsift embed`" in partial


def test_doctor_calls_vectors_all_of_another_model_bad_not_a_word_search_archive(tmp_path: Path) -> None:
    """Vectors for every moment, all of a model search does not use, were called "search is by
    words alone", a note (exit 0): semantic search had nothing to compare with."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    conn = sqlite3.connect(db)
    with conn:  # as `podsift embed --model` leaves them for another model
        conn.execute("INSERT INTO embeddings (model, text_hash, vector) SELECT 'bge-small-en-v1.5', embed_hash, x'00' FROM moments")
    conn.close()
    checked = podsift("doctor", db=db, check=1).stdout
    assert "BAD  embeddings: 0 of 13 moments have all-MiniLM-L6-v2 vectors (its vectors are for another model)" in checked
    assert "by words alone" not in checked and "fix: run `podsift embed`" in checked


def test_doctor_passes_right_after_a_restore_and_still_fails_on_a_damaged_index(tmp_path: Path) -> None:
    """`restore && doctor` failed: restore drops the lexical index (the next search builds it) and
    doctor called the missing index BAD."""
    from podsift.search.lexical_index import index_path

    db, copy = tmp_path / "podsift.db", tmp_path / "backup.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), db=db)  # with vectors: nothing else to fix
    podsift("backup", str(copy), db=db)
    podsift("restore", str(copy), "--force", db=db)
    assert not index_path(db).exists()
    healthy = podsift("doctor", db=db).stdout  # exit 0
    assert "note search index: 1 episode, " in healthy and "the next search builds it" in healthy
    assert "BAD" not in healthy
    podsift("search", "pricing", "--mode", "lexical", db=db)
    assert "ok   search index: 1 episode, " in podsift("doctor", db=db).stdout
    (index_path(db) / "meta.json").write_text("damaged", encoding="utf-8")
    damaged = podsift("doctor", db=db, check=1).stdout
    assert "BAD  search index" in damaged and "fix: run `podsift reindex`" in damaged


def test_counts_of_one_read_as_one(tmp_path: Path) -> None:
    """An archive of one episode of one line was "1 episodes, 1 moments" to doctor, "(1 episodes)"
    to restore and "(1 segments)" to remove."""
    db, copy, srt = tmp_path / "podsift.db", tmp_path / "backup.db", tmp_path / "hello.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\nWelcome to the show about pricing.\n", encoding="utf-8")
    podsift("ingest", "--no-embed", str(srt), db=db)
    podsift("search", "pricing", "--mode", "lexical", db=db)
    checked = podsift("doctor", db=db).stdout
    assert "ok   search index: 1 episode, 1 moment, all indexed" in checked
    assert "note embeddings: 0 of 1 moment has all-MiniLM-L6-v2 vectors: search is by words alone" in checked
    podsift("backup", str(copy), db=db)
    assert "(1 episode)" in podsift("restore", str(copy), "--force", db=db).stdout
    assert "Removed hello (1 segment); " in podsift("remove", "hello", db=db).stdout


def test_doctor_names_a_table_the_archive_lost(tmp_path: Path) -> None:
    """A database missing one of podsift's tables (a bad copy, a hand edit) made doctor end in
    sqlite3's traceback ("no such table: mentions") instead of saying what is wrong."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE mentions")
    checked = podsift("doctor", db=db, check=1)
    assert f"BAD  tables: {db}: the archive has lost its table mentions\n" in checked.stdout
    assert "fix: restore a backup" in checked.stdout and "Traceback" not in checked.stderr
    assert "ok   search index: 1 episode, " in checked.stdout  # the checks before it still said


def test_commands_name_a_table_the_archive_lost(backend_db: str) -> None:
    """Besides doctor, commands reading a table the archive lost (a bad copy, a hand edit) ended
    in the database's traceback ("no such table: mentions", "relation … does not exist")."""
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=backend_db)
    drop_table(backend_db, "mentions")
    mend = "run `podsift doctor` for what to do"
    for command in (["entities"], ["graph"], ["search", "rate", "--entity", "Maya"]):
        failed = podsift(*command, db=backend_db, check=1)
        assert failed.stderr.splitlines() == [f"podsift: error: {backend_db}: the archive has lost its table mentions; {mend}"]
    checked = podsift("doctor", db=backend_db, check=1).stdout  # and doctor names it, with the store's own mend
    assert f"BAD  tables: {backend_db}: the archive has lost its table mentions\n     fix: restore a backup (" in checked
    assert checked.count("BAD") == 1  # the checks that read the table say nothing more


def test_commands_and_doctor_name_a_column_the_archive_lost(backend_db: str) -> None:
    """A table missing a column (a hand edit, an old or half-copied file) ended commands in the
    database's traceback ("no such column: speaker", "column … does not exist"), and doctor said ok."""
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=backend_db)
    hand_edit(backend_db, "ALTER TABLE segments DROP COLUMN speaker")
    mend = "run `podsift doctor` for what to do"
    for command in (["show", "freelancing-in-data"], ["export", "freelancing-in-data"]):
        failed = podsift(*command, db=backend_db, check=1)
        assert failed.stderr.splitlines() == [f"podsift: error: {backend_db}: the archive has lost its column speaker; {mend}"]
    written = podsift("ingest", str(DEMO / "vector-search-basics.vtt"), "--no-embed", db=backend_db, check=1)
    assert written.stderr.splitlines() == [
        f"podsift: error: {backend_db}: the archive's table segments has lost its column speaker; {mend}"]
    hand_edit(backend_db, "ALTER TABLE episodes DROP COLUMN page_url")  # written by name: both name the table
    written = podsift("ingest", str(DEMO / "vector-search-basics.vtt"), "--no-embed", db=backend_db, check=1)
    assert written.stderr.splitlines() == [
        f"podsift: error: {backend_db}: the archive's table episodes has lost its column page_url; {mend}"]
    hand_edit(backend_db, "ALTER TABLE chapters DROP COLUMN generated")
    checked = podsift("doctor", db=backend_db, check=1).stdout
    assert (f"BAD  tables: {backend_db}: the archive has lost the column page_url of its table episodes; "
            "the column generated of its table chapters; the column speaker of its table segments\n"
            "     fix: restore a backup") in checked  # fmt: skip


def test_a_column_added_by_hand_is_left_empty_or_named_when_it_may_not_be(backend_db: str) -> None:
    """A column added by hand to one of podsift's tables ended every ingest in the database's
    traceback ("table segments has 9 columns but 8 values were supplied"), and doctor said ok."""
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=backend_db)
    hand_edit(backend_db, "ALTER TABLE segments ADD COLUMN note TEXT")
    podsift("ingest", str(DEMO / "vector-search-basics.vtt"), "--no-embed", db=backend_db)
    assert "Welcome" in podsift("show", "vector-search-basics", db=backend_db).stdout
    # One that may not be empty and has no default: no write of podsift's can fill it.
    if is_url(backend_db):
        hand_edit(backend_db, "ALTER TABLE repairs ADD COLUMN checked TEXT NOT NULL DEFAULT ''; "
                  "ALTER TABLE repairs ALTER COLUMN checked DROP DEFAULT")  # fmt: skip
    else:  # SQLite adds no such column to a table: it is made anew with it
        hand_edit(backend_db, "ALTER TABLE repairs RENAME TO old_repairs")
        hand_edit(backend_db, "CREATE TABLE repairs (episode_id TEXT NOT NULL, ordinal INTEGER NOT NULL, kind TEXT "
                  "NOT NULL, detail TEXT NOT NULL, location TEXT, checked TEXT NOT NULL, PRIMARY KEY (episode_id, ordinal))")
        hand_edit(backend_db, "DROP TABLE old_repairs")
    repaired = REAL / "buzzsprout-virtual-coffee-typed-dashes.srt"  # its typed dashes are a repair
    written = podsift("ingest", str(repaired), "--no-embed", db=backend_db, check=1)
    assert written.stderr.splitlines() == [f"podsift: error: {backend_db}: the archive's table repairs has a column "
                                           "checked podsift does not write, which may not be empty; run `podsift doctor` for what to do"]  # fmt: skip
    assert repaired.stem not in podsift("episodes", db=backend_db).stdout  # nothing of it was kept
    checked = podsift("doctor", db=backend_db, check=1).stdout
    assert (f"note tables: {backend_db}: its table segments has a column note podsift does not write, "
            "which does no harm\n") in checked  # fmt: skip
    assert (f"BAD  tables: {backend_db}: its table repairs has a column checked podsift does not write, which "
            "may not be empty, so podsift cannot add rows to the table\n"
            "     fix: drop it (ALTER TABLE repairs DROP COLUMN checked) or give it a default\n") in checked  # fmt: skip


@pytest.mark.parametrize("constraint", ["check", "unique"])
def test_a_constraint_added_by_hand_that_podsifts_rows_break_is_named(backend_db: str, constraint: str) -> None:
    """A column added by hand with a CHECK that fails when it is empty, or a UNIQUE one with a
    default (the second row repeats it), ended an ingest in the database's traceback."""
    open_store(backend_db).close()  # SQLite checks an added column's constraints against the rows there
    postgres = is_url(backend_db)
    if constraint == "check":
        hand_edit(backend_db, "ALTER TABLE segments ADD COLUMN n INTEGER CHECK (n IS NOT NULL)")
        said = ("the archive's table segments has a CHECK constraint segments_n_check podsift does not write, which its "
                "rows break" if postgres else "the archive has a CHECK constraint podsift does not write (n IS NOT NULL), "
                "which its rows break")  # fmt: skip
        doctor = ("BAD  tables: {db}: the archive's table segments has a CHECK constraint segments_n_check podsift does "
                  "not write, which its rows break, so podsift's writes to the table fail\n     fix: drop the column "
                  "(ALTER TABLE segments DROP COLUMN n) or the constraint (ALTER TABLE segments DROP CONSTRAINT "
                  "segments_n_check)\n" if postgres else
                  "BAD  tables: {db}: the archive's table segments has a CHECK constraint podsift does not write "
                  "(n IS NOT NULL), which its rows break, so podsift's writes to the table fail\n     fix: drop the "
                  "column (ALTER TABLE segments DROP COLUMN n) or make the table anew without it (SQLite cannot drop "
                  "a constraint)\n")  # fmt: skip
    else:
        hand_edit(backend_db, "ALTER TABLE segments ADD COLUMN k TEXT UNIQUE DEFAULT 'x'" if postgres else
                  "ALTER TABLE segments ADD COLUMN k TEXT DEFAULT 'x'")  # fmt: skip
        if not postgres:  # SQLite adds no UNIQUE column: an index makes it so
            hand_edit(backend_db, "CREATE UNIQUE INDEX segments_k ON segments (k)")
        said = "the archive's table segments has a column k podsift does not write, which must differ from row to row"
        doctor = ("BAD  tables: {db}: the archive's table segments has a column k podsift does not write, which must "
                  "differ from row to row, so podsift's writes to the table fail\n     fix: "
                  + ("drop the column (ALTER TABLE segments DROP COLUMN k) or the constraint (ALTER TABLE segments "
                     "DROP CONSTRAINT segments_k_key)\n" if postgres else "drop its index (DROP INDEX segments_k)\n"))
    written = podsift("ingest", str(DEMO / "vector-search-basics.vtt"), "--no-embed", db=backend_db, check=1)
    assert written.stderr.splitlines() == [f"podsift: error: {backend_db}: {said}; run `podsift doctor` for what to do"]
    assert "No episodes yet" in podsift("episodes", db=backend_db).stdout  # nothing of it was kept
    checked = podsift("doctor", db=backend_db, check=1).stdout
    assert doctor.format(db=backend_db) in checked
    assert "which does no harm" not in checked  # the column is not harmless
    if postgres:  # a second constraint on the table is named too, not called harmless
        hand_edit(backend_db, "ALTER TABLE segments ADD COLUMN m TEXT DEFAULT 'y' CONSTRAINT segments_m_short "
                  "CHECK (length(m) > 3)")  # fmt: skip
        checked = podsift("doctor", db=backend_db, check=1).stdout
        assert doctor.format(db=backend_db) in checked and "which does no harm" not in checked
        assert ("CHECK constraint segments_m_short podsift does not write, which its rows break, so podsift's writes to "
                "the table fail\n     fix: drop the column (ALTER TABLE segments DROP COLUMN m) or the constraint "
                "(ALTER TABLE segments DROP CONSTRAINT segments_m_short)\n") in checked  # fmt: skip


def test_doctor_notes_a_table_added_by_hand_and_warns_of_a_trigger_on_podsifts_tables(backend_db: str) -> None:
    """doctor said nothing of a table someone added or of a trigger on podsift's tables, and a
    trigger that refused podsift's write ended the ingest in the database's traceback."""
    podsift("ingest", str(DEMO / "vector-search-basics.vtt"), "--no-embed", db=backend_db)
    hand_edit(backend_db, "CREATE TABLE my_notes (id INTEGER PRIMARY KEY, body TEXT)")
    postgres = is_url(backend_db)
    if postgres:
        hand_edit(backend_db, "CREATE FUNCTION no_more() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN RAISE EXCEPTION 'no more segments'; END $$; CREATE TRIGGER seg_guard BEFORE INSERT ON "
                  "segments FOR EACH ROW EXECUTE FUNCTION no_more()")  # fmt: skip
    else:
        hand_edit(backend_db, "CREATE TRIGGER seg_guard BEFORE INSERT ON segments BEGIN "
                  "SELECT RAISE(ABORT, 'no more segments'); END")  # fmt: skip
    mend = "run `podsift doctor` for what to do"
    drop = "DROP TRIGGER seg_guard" + " ON segments" * postgres
    checked = podsift("doctor", db=backend_db).stdout  # neither is known to break anything: exit 0
    assert f"note tables: {backend_db}: it has a table my_notes podsift does not make, which does no harm\n" in checked
    assert (f"warn tables: {backend_db}: its table segments has a trigger seg_guard podsift does not make, which "
            "runs on podsift's writes and can make them fail or slow\n"
            f"     fix: if they fail or are slow, drop it ({drop})\n") in checked  # fmt: skip
    assert "moments_lexical_insert" not in checked  # podsift's own triggers are not listed
    listed = json.loads(podsift("doctor", "--json", db=backend_db).stdout)
    assert [c for c in listed if c.get("warn")] == [
        {"name": "tables", "ok": True, "note": False, "warn": True, "fix": f"if they fail or are slow, drop it ({drop})",
         "detail": f"{backend_db}: its table segments has a trigger seg_guard podsift does not make, which runs on "
         "podsift's writes and can make them fail or slow"}]  # fmt: skip
    written = podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=backend_db, check=1)
    assert written.stderr.splitlines() == [
        f"podsift: error: {backend_db}: a trigger added to the archive refused the write (no more segments); {mend}"]
    assert "freelancing-in-data" not in podsift("episodes", db=backend_db).stdout  # nothing of it was kept


def test_restore_force_refuses_another_programs_file_and_still_replaces_a_damaged_archive(tmp_path: Path) -> None:
    """`restore --force BACKUP` with --db naming another program's SQLite file (a wrong path)
    replaced it with the backup, silently: that program's data was gone."""
    db, backup, other = tmp_path / "podsift.db", tmp_path / "backup.db", tmp_path / "other.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    podsift("backup", str(backup), db=db)
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.close()
    kept = other.read_bytes()
    for force in (["--force"], []):
        refused = podsift("restore", str(backup), *force, db=other, check=2)
        assert refused.stderr.splitlines() == [
            f"podsift: error: {other} is a SQLite database of another program (tables: notes); it is not a podsift "
            f"archive, and --force replaces only those: name the archive with --db, or delete {other} yourself if "
            "you mean to replace it"]  # fmt: skip
    assert other.read_bytes() == kept and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other")) == ["other.db"]
    # A podsift archive SQLite can no longer read is what a restore is for.
    db.write_bytes(b"damaged " * 1000)
    assert "(1 episode)" in podsift("restore", str(backup), "--force", db=db).stdout
    assert "freelancing-in-data" in podsift("episodes", db=db).stdout


# How other tools record their migrations, under the name podsift gives its own.
OTHER_TOOLS_MIGRATIONS = "CREATE TABLE _migrations (id INTEGER PRIMARY KEY, filename TEXT, run_on TEXT)"


def test_another_programs_file_with_a_migrations_table_of_its_own_is_no_podsift_archive(tmp_path: Path) -> None:
    """A SQLite file of a tool that names its record of migrations "_migrations" as podsift does
    passed for a podsift archive: `restore --force` replaced it, that program's data gone."""
    db, backup, other = tmp_path / "podsift.db", tmp_path / "backup.db", tmp_path / "other.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    podsift("backup", str(backup), db=db)
    with sqlite3.connect(other) as conn:
        conn.execute(OTHER_TOOLS_MIGRATIONS)
        conn.execute("CREATE TABLE users (email TEXT)")
    conn.close()
    kept = other.read_bytes()
    refused = podsift("restore", str(backup), "--force", db=other, check=2)
    assert refused.stderr.startswith(f"podsift: error: {other} is a SQLite database of another program (tables: _migrations, users)")
    assert other.read_bytes() == kept


def test_a_postgresql_database_with_another_programs_migrations_table_is_refused(pg_server: Any) -> None:
    """Another tool's "_migrations" alone got podsift's archive refused as 'column "version" does not exist'."""
    from conftest import fresh_database

    other = fresh_database(pg_server)
    hand_edit(other, OTHER_TOOLS_MIGRATIONS.replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY"))
    assert podsift("episodes", db=other, check=1).stderr.splitlines() == [
        f"podsift: error: {other} is a PostgreSQL database of another program (tables: _migrations); "
        "name a new database or a podsift archive"]  # fmt: skip


def test_restore_refuses_while_a_server_has_the_file(tmp_path: Path) -> None:
    """Issue 16: restore swapped the file under a running server, whose later uploads
    ("added") went to the replaced file and were lost."""
    import json
    import urllib.request

    from conftest import LiveServer

    db, backup = tmp_path / "podsift.db", tmp_path / "backup.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    podsift("backup", str(backup), db=db)
    token = "a-token-long-enough-for-tests"
    live = LiveServer(db, "--allow-ingest", env={"PODSIFT_INGEST_TOKEN": token})
    try:
        refused = podsift("restore", str(backup), "--force", db=db, check=2)
        assert "in use by `podsift serve`" in refused.stderr and str(db) in refused.stderr
        upload = urllib.request.Request(
            f"{live.url}/api/ingest?filename=vector-search-basics.vtt",
            data=(DEMO / "vector-search-basics.vtt").read_bytes(),
            headers={"Authorization": f"Bearer {token}"}, method="POST",
        )  # fmt: skip
        with urllib.request.urlopen(upload, timeout=120) as response:
            assert json.loads(response.read())["status"] == "added"
    finally:
        live.stop()
    # What the server said it added is in the file on disk.
    listed = json.loads(podsift("episodes", "--json", db=db).stdout)
    assert {e["id"] for e in listed} == {"freelancing-in-data", "vector-search-basics"}
    podsift("restore", str(backup), "--force", db=db)  # with the server gone, restore goes ahead
    assert {e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)} == {"freelancing-in-data"}


def test_escape_codes_stored_before_ingest_stripped_them_never_reach_the_terminal(tmp_path: Path) -> None:
    """Issue 16: `search` (and chapters, report, episodes) printed a stored title's and text's
    escape sequences raw. An archive written before ingest stripped them still holds them."""
    from podsift.model import Episode, Segment
    from podsift.moments import build_moments
    from podsift.structure import add_structure

    evil = "\x1b]0;pwned\x07"
    episode = Episode(id="old", title=f"Old {evil}talk", source_format="srt")
    episode.segments = [
        Segment(ordinal=k, start=10.0 * k, end=10.0 * k + 9, speaker=f"Host{evil}",
                text=f"Pricing matters \x1b[2J a great deal, part {k}.")
        for k in range(30)
    ]  # fmt: skip
    add_structure(episode)
    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.save_episode(episode, build_moments(episode))  # as an older podsift stored it
    outputs = [
        podsift("search", "pricing", "--mode", "lexical", db=db).stdout,
        podsift("episodes", db=db).stdout,
        podsift("chapters", "old", db=db).stdout,
        podsift("show", "old", db=db).stdout,
    ]
    assert "Pricing" in outputs[0] and "pwned" in outputs[0]  # the words stay, the control codes go
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out, out[:300]


def test_serve_warns_when_it_listens_beyond_this_machine(tmp_path: Path) -> None:
    """Issue 16: `--host 0.0.0.0` bound every interface without a word."""
    from conftest import LiveServer

    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    live = LiveServer(db, "--host", "0.0.0.0")
    live.stop()
    assert "warning: listening on 0.0.0.0" in live.process.stderr.read()


def test_serve_on_a_port_in_use_or_an_unknown_host_says_so_in_one_line(tmp_path: Path) -> None:
    """Review C #9: it said "serving … at http://…", then printed uvicorn's raw bind error (exit 3)."""
    import socket

    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = podsift("serve", "--port", str(port), db=db, check=1)
    assert busy.stderr.splitlines() == [
        f"podsift: error: port {port} on 127.0.0.1 is in use (Address already in use): pick another with --port"]
    unknown = podsift("serve", "--host", "no.such.host.invalid", db=db, check=2)
    assert len(unknown.stderr.splitlines()) == 1 and "serving" not in unknown.stderr
    assert unknown.stderr.startswith("podsift: error: cannot listen on 'no.such.host.invalid' (")
    assert unknown.stderr.rstrip().endswith("give --host a name or address of this machine")


def test_an_archive_in_a_read_only_folder_is_searched_and_a_write_says_why_it_cannot(tmp_path: Path) -> None:
    """Review C #10: an archive on read-only media could not even be searched ("not a usable
    podsift database (attempt to write a readonly database)")."""
    import os
    import tempfile

    # Root may write anywhere: there the reader is root without the power to override file
    # modes, as on a shared read-only mount.
    prefix = as_a_user()
    with tempfile.TemporaryDirectory() as top:
        Path(top).chmod(0o755)
        shelf, indexes = Path(top) / "shelf", Path(top) / "indexes"
        shelf.mkdir()
        indexes.mkdir(mode=0o777)
        indexes.chmod(0o777)
        db = shelf / "podsift.db"
        podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
        db.chmod(0o444)
        shelf.chmod(0o555)
        try:
            def run(*args: str, index_folder: Path = indexes) -> subprocess.CompletedProcess[str]:
                result = subprocess.run([*prefix, sys.executable, "-m", "podsift", "--db", str(db), *args], capture_output=True,
                                        text=True, timeout=300, env=os.environ | {"PODSIFT_INDEXES": str(index_folder)})  # fmt: skip
                assert "Traceback" not in result.stderr, result.stderr
                return result

            found = run("--json", "search", "how do you set your price", "--mode", "lexical", "-n", "3")
            assert found.returncode == 0, found.stderr
            assert {h["episode_id"] for h in json.loads(found.stdout)["results"]} == {"freelancing-in-data"}
            assert run("show", "freelancing-in-data").returncode == 0
            refused = run("ingest", "--no-embed", str(DEMO / "vector-search-basics.vtt"))
            assert refused.returncode == 1 and refused.stderr == (
                f"podsift: error: {db}: its folder {shelf} is read-only, so podsift can read this archive but "
                "not change it; copy it to a writable folder to change it\n")
            assert sorted(p.name for p in shelf.iterdir()) == ["podsift.db", "podsift.lexical"]  # nothing written beside it
            # No folder this user can write for the index either: word search says why it cannot run (it
            # answered "No moments match", the database's own index never filled for want of a writer).
            blocked = Path(top) / "blocked"
            blocked.mkdir(mode=0o555)
            blocked.chmod(0o555)
            unindexed = run("search", "salary", "--mode", "lexical", index_folder=blocked)
            assert unindexed.returncode == 2 and "moments wait to be indexed for word search" in unindexed.stderr
            assert "PODSIFT_INDEXES" in unindexed.stderr
            refused_index = run("reindex", index_folder=blocked)  # it ended in a traceback
            assert refused_index.returncode == 1 and "cannot write the search index at" in refused_index.stderr
            # doctor read it as the store does: it said "not a usable SQLite file", and nothing of unmerged changes.
            checked = run("doctor")
            assert f"ok   database: {db}: integrity ok" in checked.stdout, checked.stdout
            shelf.chmod(0o755)
            Path(f"{db}-wal").write_bytes(b"")
            shelf.chmod(0o555)
            unmerged = run("doctor")
            assert unmerged.returncode == 1 and "changes not yet merged into the file" in unmerged.stdout
        finally:
            shelf.chmod(0o755)  # to be removed


def test_help_shows_no_value_for_flags_and_names_what_options_take() -> None:
    import typer.main

    from podsift.cli import app

    wide = {"COLUMNS": "200"}
    top = podsift("--help", env=wide).stdout
    assert "--db" in top and "PATH|URL" in top and "<bool>" not in top
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        shown = podsift(name, "--help", env=wide).stdout
        assert "<bool>" not in shown and "<str>" not in shown.split("Options")[-1], (name, shown)


def test_help_paragraphs_are_wrapped_to_the_terminal_not_at_the_docstrings_lines() -> None:
    # The docstrings' own line ends were kept, then wrapped again at 80 columns: "…(nothing is" /
    # "embedded" / "again)…", a word alone on a line, in `remove`, `sync`, `calibrate` and `copy`.
    import typer.main

    from podsift.cli import app

    group = typer.main.get_command(app)
    names = [[n] for n in group.commands] + [["feed", n] for n in group.commands["feed"].commands]  # type: ignore[attr-defined]
    for name in names:
        shown = podsift(*name, "--help", env={"COLUMNS": "80"}).stdout
        text = shown.split("╭")[0].split("\n")[3:]  # the description, under the usage line
        for line, after in zip(text, text[1:]):
            # A short line inside a paragraph (not its last) is a docstring's line end showing through.
            assert not (line.strip() and after.strip() and len(line.strip()) < 40), (name, line, shown)


def test_show_names_the_episode_before_its_key_points(db_path: Path) -> None:
    podsift("ingest", "--no-embed", str(DEMO / "ml-in-production.md"), db=db_path)
    lines = podsift("show", "ml-in-production", db=db_path).stdout.splitlines()
    assert lines[:4] == [
        "ML in Production: Monitoring, Drift and Shadow Deployments",
        "DataTalks.Club · 2024-05-14",
        "dtc_page · 9:30 · 27 segments, 3 chapters · guests: Tomás",
        "speakers: Maya, Tomás",
    ]
    assert lines.index("Key points:") == 5


def test_search_links_play_from_the_exact_start(backend_db: str, tmp_path: Path) -> None:
    for name, link in [("audio", {"media_url": "https://example.com/ep.mp3"}), ("video", {"youtube_id": "abcdefghijk"})]:
        segments = [{"speaker": "Ann", "startTime": 0.0, "endTime": 12.345, "body": "Hello and welcome to the show, we talk about roads."},
                    {"speaker": "Bo", "startTime": 12.345, "endTime": 20.0, "body": f"Zebra crossings are what I draw on {name} all day."}]  # fmt: skip
        (tmp_path / f"{name}.json").write_text(json.dumps({"title": name, **link, "segments": segments}))
    podsift("ingest", "--no-embed", str(tmp_path / "audio.json"), str(tmp_path / "video.json"), db=backend_db)
    found = json.loads(podsift("search", "zebra crossings", "--mode", "lexical", "--json", db=backend_db).stdout)
    urls = {hit["episode_id"]: hit["url"] for hit in found["results"]}
    # YouTube's t= takes whole seconds: rounded down, never past the line.
    assert urls == {"audio": "https://example.com/ep.mp3#t=12.34", "video": "https://www.youtube.com/watch?v=abcdefghijk&t=12"}


def test_moments_without_a_real_end_show_their_start(backend_db: str, tmp_path: Path) -> None:
    from podsift.model import Episode
    from podsift.text import shown_span

    (tmp_path / "zero.vtt").write_text(
        "WEBVTT\n\n00:10:28.000 --> 00:10:28.000\n<v Ann>Zebra crossings are what I paint on roads all day long.\n\n"
        "00:10:30.000 --> 00:10:35.000\n<v Bo>That sounds like a lot of careful work in the traffic.\n"
    )
    (tmp_path / "open.json").write_text(json.dumps({"segments": [
        {"speaker": "Ann", "startTime": 628.0, "endTime": 640.0, "body": "Giraffes are taller than anything on the savanna."},
        {"speaker": "Bo", "startTime": 640.0, "body": "Quokkas smile for every camera pointed their way."},
    ]}))  # fmt: skip
    podsift("ingest", "--no-embed", str(tmp_path / "zero.vtt"), str(tmp_path / "open.json"), db=backend_db)
    for word, start in [("zebra", "10:28"), ("quokkas", "10:40")]:
        found = json.loads(podsift("search", word, "--mode", "lexical", "--json", db=backend_db).stdout)["results"]
        assert found and found[0]["end"] > found[0]["start"], found
        shown = podsift("search", word, "--mode", "lexical", db=backend_db).stdout
        assert f"{start}–{start}" not in shown and start in shown
    for episode in ("zero", "open"):
        segments = json.loads(podsift("show", episode, "--json", db=backend_db).stdout)["segments"]
        assert all(s["end"] is None or s["end"] >= s["start"] for s in segments)
    # Stored moments from before ends were mended, and segments, show only their start.
    assert shown_span(628.0, 628.0) == shown_span(628.0, None) == "10:28" and shown_span(628.0, 640.0) == "10:28–10:40"
    backwards = Episode("backwards")
    backwards.add_segment("Giraffes are tall.", start=628.0, end=600.0)
    backwards.finish()
    assert backwards.segments[0].end is None and backwards.repairs[0].kind == "end_before_start"


def test_the_readme_quotes_the_schema_version_doctor_reports(db_path: Path, vtt_file: Path) -> None:
    import re

    from conftest import REPO

    bundled = len(list((REPO / "src" / "podsift" / "store" / "migrations").glob("*.sql")))
    expected = f"ok   schema: schema version {bundled} of {bundled}"
    podsift("ingest", "--no-embed", str(vtt_file), db=db_path)
    assert expected in podsift("doctor", db=db_path, check=None).stdout.splitlines()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^ok +schema: .*$", readme, re.MULTILINE) == [expected]


def test_search_and_ask_on_an_archive_with_no_episodes_say_to_ingest(tmp_path: Path) -> None:
    # `podsift ingest demo` run outside the repository finds no "demo" folder (and now leaves no database);
    # an archive whose episodes were all removed is as empty.
    from podsift.store import open_store

    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / "demo"), db=db, check=1)
    assert not db.exists()
    with open_store(str(db)):
        pass
    # eval scored every question 0.00 there and exited 0, as if search had been measured.
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"id": "a", "question": "how much should I charge", "episode": "freelancing-in-data", "sec": 92}\n')
    commands = (["search", "how much should I charge"], ["ask", "how much should I charge"], ["eval", str(questions)])
    for command in commands:
        result = podsift(*command, db=db, check=1)
        assert result.stderr.strip().splitlines() == [
            f"podsift: error: no episodes in {db} yet; run `podsift ingest PATH` first"
        ]
    # With episodes, a query nothing matches is still an ordinary empty result.
    podsift("ingest", str(DEMO), "--no-embed", db=db)
    assert podsift("search", "xyzzy flibbertigibbet qwop", db=db).stdout.startswith("No moments match")


def test_an_option_given_twice_is_refused_rather_than_the_last_kept(tmp_path: Path) -> None:
    """`--speaker Maya --speaker Jonas` searched Jonas alone without a word, and
    `--db a.db --db b.db` used b.db: a user asking for both got one."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", "--no-entities", db=db)
    twice = podsift("search", "rates", "--speaker", "Maya", "-s", "Jonas", db=db, check=2)
    assert "--speaker was given more than once; it takes one value" in twice.stderr
    assert twice.stdout == ""
    other = tmp_path / "other.db"
    both = subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), "--db", str(other), "episodes"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert both.returncode == 2 and "--db was given more than once" in both.stderr
    assert not other.exists()
    once = json.loads(podsift("--json", "search", "rates", "--speaker", "Maya", "--mode", "lexical", db=db).stdout)
    assert once["results"] and {s for r in once["results"] for s in r["speakers"]} == {"Maya"}


def test_embedding_counts_one_text_as_one_text(tmp_path: Path) -> None:
    """An archive's single text was announced as "Embedding 1 texts…"."""
    empty = tmp_path / "empty.vtt"
    empty.write_text("WEBVTT\n", encoding="utf-8")
    said = podsift("ingest", str(empty), db=tmp_path / "one.db").stderr
    assert "Embedding 1 text for semantic search…" in said and "Embedded 1 text with all-MiniLM-L6-v2." in said


def test_a_database_url_of_another_kind_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as a path, it made a folder "mysql:" here and ingested into a SQLite file in it.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\nMaya: Hello.\n", encoding="utf-8")
    for url in ("mysql://u:secret@host/db", "postgresql+psycopg://u@host/db"):
        result = podsift("ingest", "talk.srt", "--no-embed", db=url, check=1)
        scheme = url.split("://")[0]
        assert result.stderr == f"podsift: error: {scheme}://…: podsift opens SQLite files and postgresql:// URLs, not {scheme}://\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.srt"]

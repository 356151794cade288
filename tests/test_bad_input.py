"""Bad files get one clear line each; everything else in the same run still lands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO, as_a_user, podsift

from podsift.ingest import BadSource, decode, ingest
from podsift.store import open_store

GOOD_SRT = """1
00:00:01,000 --> 00:00:03,000
Maya: Good morning.

2
00:00:03,500 --> 00:00:06,000
Jonas: Morning! Coffee first.
"""

GOOD_BLOCKS = "0:00\nHost\nHello and welcome.\n\n0:05\nGuest\nHappy to be here.\n"

GOOD_PAGE = """---
title: A tiny page
season: 1
episode: 2
transcript:
- header: Opening
- line: Hi there.
  sec: 0
  time: '0:00'
  who: Alexey
- line: Hello!
  sec: 3
  time: '0:03'
  who: Ana
---

Links: https://example.com/a---b
"""


def make_bad_folder(root: Path) -> dict[str, str]:
    """Write a folder of broken files next to good ones; returns {bad name: expected reason}."""
    root.mkdir()
    (root / "good.srt").write_text(GOOD_SRT, encoding="utf-8")
    (root / "good-blocks.txt").write_text(GOOD_BLOCKS, encoding="utf-8")
    nested = root / "season-1"
    nested.mkdir()
    (nested / "good-page.md").write_text(GOOD_PAGE, encoding="utf-8")

    expected = {}
    (root / "empty.vtt").write_bytes(b"")
    expected["empty.vtt"] = "empty file"
    (root / "blank.txt").write_text("   \n\n\t\n")
    expected["blank.txt"] = "empty file (only whitespace)"
    (root / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    expected["cover.png"] = "binary file"
    # A code page of another script: its bytes outside ASCII are most of the letters.
    (root / "cyrillic.srt").write_bytes(GOOD_SRT.replace("Good morning", "Доброе утро").encode("cp1251"))
    expected["cyrillic.srt"] = "not UTF-8 text (byte 0xc4"
    (root / "truncated-page.md").write_text(GOOD_PAGE[:120], encoding="utf-8")
    expected["truncated-page.md"] = "front matter"
    (root / "broken.json").write_text('{"version": "1.0.0", "segments": [{"speaker": "A", ', encoding="utf-8")
    expected["broken.json"] = "JSON"
    (root / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
    expected["huge.txt"] = "too large (1.5 MB; the limit is 1 MB)"
    (root / "template.md").write_text(
        '---\ntitle: "{{ title }}"\nguests: [{{ guest }}]\nseason: {{ season }}\n---\n',
        encoding="utf-8",
    )
    expected["template.md"] = "template"
    # A show's feed saved to disk (a real one) is followed with `feed add`, not read as a page of speech.
    (root / "feed.xml").write_bytes((Path(__file__).parent / "data" / "feeds" / "no-agenda.xml").read_bytes())
    expected["feed.xml"] = "a podcast feed, not a transcript: `podsift feed add FILE` follows it"
    os.symlink(root / "gone.txt", root / "dangling.txt")
    expected["dangling.txt"] = "broken symbolic link"
    os.mkfifo(root / "pipe.srt")
    expected["pipe.srt"] = "not a regular file"
    return expected


def test_bad_folder_gives_one_clear_line_per_bad_file(backend_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    expected = make_bad_folder(folder)
    db = backend_db
    result = podsift("ingest", "--no-embed", "--max-size", "1", str(folder), db=db, check=1)

    errors = [e for e in result.stderr.splitlines() if e.startswith("podsift: error: ")]
    assert len(errors) == len(expected), result.stderr
    for name, reason in expected.items():
        (line,) = [e for e in errors if f"{os.sep}{name}: " in e]
        assert reason in line, line
    n_bad, n_good = len(expected), 3
    assert f"{n_bad + n_good} files: {n_good} added, 0 updated, 0 unchanged, {n_bad} failed" in (
        result.stdout
    )

    listed = {e["id"]: e for e in json.loads(podsift("episodes", "--json", db=db).stdout)}
    assert set(listed) == {"good", "good-blocks", "good-page"}
    assert listed["good-page"]["chapters"] == 1 and listed["good-page"]["segments"] == 2
    assert listed["good"]["segments"] == 2


def test_all_good_run_exits_zero_and_bad_paths_do_not_stop_it(backend_db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.srt"
    good.write_text(GOOD_SRT, encoding="utf-8")
    db = backend_db
    podsift("ingest", "--no-embed", str(good), db=db, check=0)
    result = podsift("ingest", "--no-embed", str(tmp_path / "missing.vtt"), str(good), db=db, check=1)
    assert "missing.vtt: no such file or folder" in result.stderr
    assert "1 unchanged, 1 failed" in result.stdout


def test_an_empty_folder_or_a_misplaced_option_is_said_to_be_so(tmp_path: Path) -> None:
    # An empty folder "ingested" as "0 files: 0 added …" with exit 0; "--workers 0" was taken; "--db"
    # after the command's name got "No such option: --db (Possible options: --mode)".
    db = tmp_path / "podsift.db"
    (tmp_path / "empty").mkdir()
    empty = podsift("ingest", str(tmp_path / "empty"), db=db, check=1)
    assert empty.stderr.strip() == f"podsift: error: no files in {tmp_path / 'empty'}: nothing to ingest"
    assert not db.exists()  # no empty archive made either
    (tmp_path / "a.srt").write_text(GOOD_SRT, encoding="utf-8")
    for option in (["--workers", "0"], ["--max-size", "0"]):
        refused = podsift("ingest", str(tmp_path / "a.srt"), *option, db=db, check=2)
        assert f"Invalid value for '{option[0]}'" in refused.stderr
    misplaced = podsift("search", "coffee", "--db", str(db), check=2)
    assert "--db goes before the command's name: podsift --db FILE search" in misplaced.stderr
    misplaced = podsift("feed", "add", "x.xml", "--db", str(db), check=2)
    assert "podsift --db FILE feed add" in misplaced.stderr


def test_a_failed_file_leaves_the_database_consistent(backend_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    make_bad_folder(folder)
    db = backend_db
    with open_store(db) as store:
        summary = ingest([folder], store, max_bytes=1024 * 1024)
        counts = store.counts()
        orphans = store.conn.execute(
            "SELECT COUNT(*) FROM segments WHERE episode_id NOT IN (SELECT id FROM episodes)"
        ).fetchone()[0]
    assert summary.counts()["added"] == 3
    assert counts["episodes"] == 3 and counts["segments"] == 2 + 2 + 2
    assert orphans == 0


def test_a_windows_western_file_is_read_and_the_reading_reported(tmp_path: Path) -> None:
    """Notepad and subtitle tools long saved "ANSI" (Windows-1252): curly quotes, dashes, accents."""
    file = tmp_path / "ansi.srt"
    file.write_bytes(GOOD_SRT.replace("Good morning.", "“Grüße” — from the café.").encode("cp1252"))
    db = tmp_path / "podsift.db"
    result = podsift("ingest", "--no-embed", str(file), db=db)
    assert "1 added" in result.stdout and not result.stderr
    shown = json.loads(podsift("show", "ansi", "--json", db=db).stdout)
    assert shown["segments"][0]["text"] == "“Grüße” — from the café."
    report = podsift("report", "ansi", db=db).stdout
    assert "not UTF-8: read as cp1252" in report


def test_a_windows_western_file_ending_in_an_accented_letter_keeps_it(tmp_path: Path) -> None:
    """A file in Windows-1252 whose one letter outside ASCII is its last, with no line break after it
    ("…at the café"), was taken for UTF-8 cut short and lost that letter."""
    file = tmp_path / "ansi.txt"
    file.write_bytes("0:00\nHost\nWelcome, we are recording at the café".encode("cp1252"))
    db = tmp_path / "podsift.db"
    result = podsift("ingest", "--no-embed", str(file), db=db)
    assert "1 added" in result.stdout and "cut short" not in result.stderr
    (said,) = (s["text"] for s in json.loads(podsift("show", "ansi", "--json", db=db).stdout)["segments"])
    assert said == "Welcome, we are recording at the café"


CUT_CHARACTER = "the file ends in the middle of a character (looks cut short); the last partial character was dropped"
# Files an interrupted download or a full disk cut short: (name, bytes, what the user is told).
CUT_SHORT = [
    ("cut-page.md", GOOD_PAGE[: GOOD_PAGE.index("  who: Ana") + 8].encode(),
     "the file ends inside the front matter (looks cut short): read 2 items up to 0:00"),
    ("cut-mid-char.txt", "0:00\nHost\nCafé".encode()[:-1], CUT_CHARACTER),
    ("cut-mid-char-bom.srt", b"\xef\xbb\xbf" + GOOD_SRT.rstrip().replace("Coffee first.", "Кофе").encode()[:-1],
     CUT_CHARACTER),
    ("cut-mid-char-utf16.txt", "0:00\nHost\nCafé\n".encode("utf-16")[:-1], CUT_CHARACTER),
    ("cut.json", b'{"version": "1.0.0", "segments": [{"speaker": "A", "startTime": 0, "endTime": 2, "body": "Hi."}, '
                 b'{"speaker": "B", "startTime": 2, "endTime": 4, "bo',
     "the file ends inside its JSON (looks cut short): read the 1 whole item of its list before the cut"),
]


@pytest.mark.parametrize("name, data, note", CUT_SHORT, ids=[case[0] for case in CUT_SHORT])
def test_a_file_cut_short_is_read_as_far_as_it_is_whole_and_said_so(name: str, data: bytes, note: str,
                                                                     tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(data)
    db = tmp_path / "podsift.db"
    result = podsift("ingest", "--no-embed", str(tmp_path / name), db=db)
    assert "1 added" in result.stdout
    assert f"podsift: note: {tmp_path / name}: {note}" in result.stderr.splitlines()
    (shown,) = json.loads(podsift("episodes", "--json", db=db).stdout)
    assert shown["segments"] >= 1


@pytest.mark.parametrize("upto", ["title: A tiny page\nseas", "season: 1\nep", "episode: 2\nt"])
def test_a_page_cut_inside_its_header_fields_is_refused_not_stored(upto: str, tmp_path: Path) -> None:
    # The cut key was stored as the page's one segment ("seas"), with no word of the cut.
    (tmp_path / "cut.md").write_text(GOOD_PAGE[: GOOD_PAGE.index(upto) + len(upto)], encoding="utf-8")
    db = tmp_path / "podsift.db"
    result = podsift("ingest", "--no-embed", str(tmp_path / "cut.md"), db=db, check=None)
    assert "front matter is never closed" in result.stderr and "looks truncated" in result.stderr
    assert json.loads(podsift("episodes", "--json", db=db).stdout) == []


@pytest.mark.parametrize(
    "data, reason",
    [
        ("\ufeffWEBVTT\n".encode("utf-8"), None),
        ("0:00\nHost\nhi\n".encode("utf-16"), None),
        ("0:00\nHost\nhi\n".encode("utf-16")[:-1], None),  # cut short: the partial character dropped
        ("\ufeff".encode("utf-16-le") + b"\x00\xdc" + "0:00\nHost\nhi\n".encode("utf-16-le"), "damaged UTF-16"),
        # Not UTF-8 before the end as well: refused for that, as a file not cut short would be.
        ("0:00\nHost\nДоброе утро\n".encode("cp1251") + "Кофе".encode()[:-1], "not UTF-8 text"),
        (b"\x01\x02\x03\x04\x05" * 100, "mostly control characters"),
    ],
)
def test_decode_accepts_boms_and_rejects_garbage(data: bytes, reason: str | None) -> None:
    if reason is None:
        assert decode(data).startswith(("WEBVTT", "0:00"))
    else:
        with pytest.raises(BadSource, match=reason):
            decode(data)


def test_a_transcript_with_no_text_is_kept_but_said_to_be_empty(tmp_path: Path, db_path: Path) -> None:
    # A caption file with its header only, or a speech service's result for silence: stored
    # (a feed item's details may be all there is) but never as a silent "added".
    (tmp_path / "header-only.vtt").write_text("WEBVTT\n\n", encoding="utf-8")
    (tmp_path / "silence.json").write_text('{"results": [{"alternatives": [{"transcript": ""}]}]}', encoding="utf-8")
    good = tmp_path / "good.srt"
    good.write_text(GOOD_SRT, encoding="utf-8")
    result = podsift("ingest", "--no-embed", str(tmp_path), db=db_path, check=0)
    notes = [line for line in result.stderr.splitlines() if "no transcript text in it" in line]
    assert len(notes) == 2, result.stderr
    assert any("header-only.vtt" in n and "found no timed cues" in n for n in notes), notes
    assert any("silence.json" in n and "no moments to search" in n for n in notes), notes
    assert "good.srt" not in result.stderr
    assert "3 added" in result.stdout
    run = json.loads(podsift("ingest", "--no-embed", "--json", str(tmp_path / "silence.json"), db=db_path,
                             check=0).stdout)  # fmt: skip
    assert run["files"][0]["status"] == "unchanged"


def test_a_page_or_xml_file_is_read_in_the_encoding_it_declares() -> None:
    """A Romanian parliament page in ISO-8859-2 (declared on its meta tag, as cdep.ro writes it),
    a TEI file in Windows-1250 and a Japanese page in Shift_JIS: cp1252 broke the first two
    ("Şedinţa" read as "ªedinþa") and refused the third."""
    from podsift.ingest import parse_source

    page = ('<html lang="ro"><head><title>Dezbateri parlamentare</title><meta http-equiv="Content-Type" '
            'content="text/html" charset="ISO-8859-2" /></head><body><p>Şedinţa Camerei Deputaţilor '
            'din 10 iunie 2013</p><p><b>Domnul Valeriu Ştefan Zgonea:</b> Bună ziua, stimaţi colegi.</p>'
            '</body></html>')
    tei = ('<?xml version="1.0" encoding="windows-1250"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>'
           '<body><u who="#A">Dobrý den, děkuji za slovo.</u></body></text></TEI>\n')
    japanese = ('<html><head><meta charset="Shift_JIS"><title>対談</title></head><body>'
                '<p>司会：今日はデータエンジニアリングについて話します。</p>'
                '<p>ゲスト：よろしくお願いします。</p></body></html>')
    cases = [("steno.html", page, "iso-8859-2", "Şedinţa Camerei"), ("a.xml", tei, "cp1250", "děkuji"),
             ("taidan.html", japanese, "shift_jis", "データエンジニアリング")]  # fmt: skip
    for name, text, codec, words in cases:
        episode = parse_source(name, text.encode(codec))
        assert not isinstance(episode, str), (name, episode)
        assert words in " ".join(s.text for s in episode.segments), name
        note = next(r.detail for r in episode.repairs if r.kind == "encoding")
        assert note.startswith("not UTF-8: read as ") and "as the file declares" in note, note
    # UTF-8 bytes win over what the head says (a page saved again as UTF-8 keeps its old meta tag),
    # and a declaration the bytes do not fit leaves the Windows-1252 reading.
    resaved = parse_source("steno.html", page.encode("utf-8"))
    assert not isinstance(resaved, str) and all(r.kind != "encoding" for r in resaved.repairs)
    assert "Şedinţa Camerei" in resaved.segments[0].text
    western = page.replace("ISO-8859-2", "UTF-8").replace("Bună", "Café")
    episode = parse_source("w.html", western.replace("Ş", "S").replace("ţ", "t").encode("cp1252"))
    assert not isinstance(episode, str) and "Café ziua" in " ".join(s.text for s in episode.segments)
    assert any("cp1252 (Windows Western European)" in r.detail for r in episode.repairs)


def test_a_declared_encoding_is_read_as_browsers_read_it_or_not_at_all() -> None:
    # Review repros: Python's own codecs named in a page ("base64") raised, Latin-1's other names lost
    # Windows-1252's quotes, and a cp1252 page declaring ISO-8859-15 lost its quotes and euro sign.
    from podsift.ingest import parse_source

    def words(data: bytes) -> str:
        episode = parse_source("x.html", data)
        assert not isinstance(episode, str), episode
        return " ".join(s.text for s in episode.segments)

    assert words(b'<meta charset="base64"><p>Anna: caf\xe9</p>') == "Anna: café"
    assert words(b'<meta charset="iso_8859-1"><p>caf\xe9 \x93q\x94 a\x96b</p>') == "café “q” a–b"
    assert words(b'<meta charset="iso-8859-9"><p>\x93q\x94 \xfd</p>') == "“q” ı"
    assert words(b'<meta charset="iso-8859-15"><p>\x93q\x94 \x80 caf\xe9</p>') == "“q” € café"
    assert words('<meta charset="shift_jis"><p>①日本</p>'.encode("cp932")) == "①日本"


def test_the_readmes_broken_files_fail_as_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The README's ingest example runs on the folders it ships: its error lines are what a newcomer sees.
    from conftest import REPO

    monkeypatch.chdir(REPO)
    run = podsift("ingest", "examples/bad", "demo", "--no-embed", db=tmp_path / "podsift.db", check=1)
    errors = [line for line in run.stderr.splitlines() if line.startswith("podsift: error:")]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(errors) == 3 and all(line in readme for line in errors)


def _as_a_user(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """`podsift ARGS` in a process that, even as root, cannot read what its modes forbid (as a user's would)."""
    result = subprocess.run([*as_a_user(), sys.executable, "-m", "podsift", "--db", str(db), *args],
                            capture_output=True, text=True, timeout=300,
                            env={k: v for k, v in os.environ.items() if k != "PODSIFT_DB"})  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_file_or_folder_it_cannot_enter_gets_one_line_and_the_rest_is_stored(tmp_path: Path) -> None:
    """A file in a folder it could not enter ended in a traceback; a folder it could
    not read was passed over without a word, or the whole run was called "no files"."""
    inbox = tmp_path / "inbox"
    (inbox / "closed").mkdir(parents=True)
    (inbox / "closed" / "a.srt").write_text(GOOD_SRT, encoding="utf-8")
    (inbox / "good.srt").write_text(GOOD_SRT, encoding="utf-8")
    (inbox / "closed").chmod(0)
    try:
        inside = _as_a_user("ingest", "--no-embed", str(inbox / "closed" / "a.srt"), str(inbox / "good.srt"),
                            db=tmp_path / "inside.db")  # fmt: skip
        assert inside.returncode == 1
        assert inside.stderr == f"podsift: error: {inbox / 'closed' / 'a.srt'}: unreadable (Permission denied)\n"
        assert "2 files: 1 added, 0 updated, 0 unchanged, 1 failed" in inside.stdout

        folder = _as_a_user("ingest", "--no-embed", str(inbox), db=tmp_path / "folder.db")
        assert folder.returncode == 1
        assert folder.stderr == f"podsift: error: {inbox / 'closed'}: unreadable folder (Permission denied)\n"
        assert "1 file and 1 unreadable folder: 1 added, 0 updated, 0 unchanged, 1 failed" in folder.stdout

        alone = _as_a_user("ingest", "--no-embed", str(inbox / "closed"), db=tmp_path / "alone.db")
        assert alone.returncode == 1  # it said "no files in …: nothing to ingest"
        assert alone.stderr == f"podsift: error: {inbox / 'closed'}: unreadable folder (Permission denied)\n"
        assert not (tmp_path / "alone.db").exists()  # nothing it could read: no archive made

        # Three kinds read as a list ("1 file and 1 unreadable folder and 1 missing path" read oddly).
        three = _as_a_user("ingest", "--no-embed", str(inbox), str(tmp_path / "typo"), db=tmp_path / "three.db")
        assert "1 file, 1 unreadable folder and 1 missing path: 1 added, 0 updated, 0 unchanged, 2 failed" in three.stdout
    finally:
        (inbox / "closed").chmod(0o755)
    listed = json.loads(podsift("episodes", "--json", db=tmp_path / "folder.db").stdout)
    assert [e["id"] for e in listed] == ["good"]


def test_a_read_only_index_folder_stores_and_searches_and_doctor_says_to_make_it_writable(tmp_path: Path) -> None:
    """With the archive's index folder read-only, ingest and search ended in tantivy's traceback
    ("Failed to open file for write"), and doctor called the backlog a note that heals itself."""
    db = tmp_path / "q.db"
    first = tmp_path / "first.srt"
    first.write_text(GOOD_SRT, encoding="utf-8")
    podsift("ingest", "--no-embed", "--no-entities", str(first), db=db)
    second = tmp_path / "second.srt"
    second.write_text(GOOD_SRT.replace("Coffee first", "Tea with lemon"), encoding="utf-8")
    index = tmp_path / "q.lexical"
    index.chmod(0o555)
    try:
        stored = _as_a_user("ingest", "--no-embed", "--no-entities", str(second), db=db)
        assert stored.returncode == 0 and "1 added" in stored.stdout
        assert stored.stderr == (f"podsift: note: the search index {index} could not be updated (Permission denied); "
                                 "everything is stored, and word search uses the database's own full-text search "
                                 "until that folder is writable (see `podsift doctor`)\n")  # fmt: skip
        found = _as_a_user("--json", "search", "lemon", "--mode", "lexical", db=db)
        assert found.returncode == 0, found.stderr
        assert [h["episode_id"] for h in json.loads(found.stdout)["results"]] == ["second"]
        checked = _as_a_user("doctor", db=db)
        assert checked.returncode == 1
        assert f"BAD  search index: {index} cannot be written by this user, so changes are never indexed" in checked.stdout
        assert f"fix: make {index} writable by this user (as its owner: `chmod -R u+w {index}`)" in checked.stdout
    finally:
        index.chmod(0o755)
    assert "search index: 2 episodes" in podsift("doctor", db=db, check=None).stdout  # writable again: the search caught up


def test_a_folder_of_hidden_files_alone_makes_no_archive(tmp_path: Path) -> None:
    """`ingest d` with only '.DS_Store' and '.git/' in it said "nothing to ingest" but left an empty archive."""
    (tmp_path / "d" / ".git").mkdir(parents=True)
    (tmp_path / "d" / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "d" / ".git" / "HEAD").write_text("ref: main\n", encoding="utf-8")
    run = podsift("ingest", "--no-embed", str(tmp_path / "d"), db=tmp_path / "h.db", check=1)
    assert run.stderr == f"podsift: error: no files in {tmp_path / 'd'}: nothing to ingest\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def test_a_mistyped_path_makes_no_archive_and_is_not_called_a_file(tmp_path: Path) -> None:
    """`ingest nothing-here` left an empty archive and its index behind, and counted "1 file"."""
    db = tmp_path / "typo.db"
    typo = podsift("ingest", "--no-embed", str(tmp_path / "nothing-here"), db=db, check=1)
    assert typo.stderr == f"podsift: error: {tmp_path / 'nothing-here'}: no such file or folder\n"
    assert not typo.stdout and sorted(p.name for p in tmp_path.iterdir()) == []
    # A link to nowhere, named alone, is the same: one line, no archive.
    (tmp_path / "gone.srt").symlink_to(tmp_path / "never-there.srt")
    gone = podsift("ingest", "--no-embed", str(tmp_path / "gone.srt"), db=db, check=1)
    assert gone.stderr == f"podsift: error: {tmp_path / 'gone.srt'}: broken symbolic link\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone.srt"]
    (tmp_path / "gone.srt").unlink()
    # --json still prints the run's outcome, as a run that stored nothing does.
    typo_json = json.loads(podsift("ingest", "--no-embed", "--json", str(tmp_path / "nothing-here"), db=db, check=1).stdout)
    assert typo_json["counts"]["failed"] == 1 and typo_json["files"][0]["error"] == "no such file or folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    (tmp_path / "good.srt").write_text(GOOD_SRT, encoding="utf-8")
    mixed = podsift("ingest", "--no-embed", str(tmp_path / "nothing-here"), str(tmp_path / "good.srt"), db=db, check=1)
    assert "1 file and 1 missing path: 1 added, 0 updated, 0 unchanged, 1 failed" in mixed.stdout


def test_a_compressed_transcript_is_said_to_be_compressed(tmp_path: Path) -> None:
    """`talk.srt.gz` was "binary file (contains NUL bytes), not a transcript": true, and no help."""
    import bz2
    import gzip
    import lzma

    srt = (DEMO / "freelancing-in-data.srt").read_bytes()
    for suffix, pack in (("gz", gzip.compress), ("bz2", bz2.compress), ("xz", lzma.compress)):
        (tmp_path / f"talk.srt.{suffix}").write_bytes(pack(srt))
    (tmp_path / "talk.srt").write_bytes(srt)
    result = podsift("ingest", "--no-embed", str(tmp_path), db=tmp_path / "a.db", check=1)
    assert "1 added" in result.stdout and "3 failed" in result.stdout
    assert sorted(result.stderr.splitlines()) == [
        f"podsift: error: {tmp_path / f'talk.srt.{suffix}'}: compressed with {name}; decompress it and ingest what it holds"
        for suffix, name in (("bz2", "bzip2"), ("gz", "gzip"), ("xz", "xz"))
    ]


def test_a_transcript_opening_like_a_bzip2_header_is_read(tmp_path: Path) -> None:
    # bzip2's files open "BZh", and so can a first speaker's name: it was refused as compressed.
    (tmp_path / "talk.txt").write_text("BZhang: Hello and welcome to the show.\nAlex: Thanks for having me.\n",
                                       encoding="utf-8")  # fmt: skip
    result = podsift("ingest", "--no-embed", str(tmp_path / "talk.txt"), db=tmp_path / "a.db")
    assert "1 added" in result.stdout, result.stderr
    shown = json.loads(podsift("show", "talk", "--json", db=tmp_path / "a.db").stdout)
    assert [s["speaker"] for s in shown["segments"]] == ["BZhang", "Alex"]


def test_a_list_of_several_transcripts_is_refused_in_one_line(tmp_path: Path) -> None:
    # A scraper's every episode in one file was stored as one episode with no segments and the
    # note "no transcript text in it"; Whisper's results or JSON Lines, one a transcript, as much.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    show = [{"segments": [{"startTime": 0, "endTime": 4, "speaker": "Ann", "body": "Hello and welcome."}]},
            {"segments": [{"startTime": 0, "endTime": 3, "speaker": "Bob", "body": "Second episode here."}]}]
    (inbox / "show.json").write_text(json.dumps(show), encoding="utf-8")
    (inbox / "show.jsonl").write_text("".join(json.dumps(x) + "\n" for x in show), encoding="utf-8")
    whisper = [{"text": words, "language": "en", "segments": [{"id": 0, "start": 0.0, "end": 2.0, "text": words}]}
               for words in (" Hello and welcome.", " Second show.", " Third.")]
    (inbox / "whisper.json").write_text(json.dumps(whisper), encoding="utf-8")
    (inbox / "good.srt").write_text(GOOD_SRT, encoding="utf-8")
    db = tmp_path / "podsift.db"
    result = podsift("ingest", "--no-embed", str(inbox), db=db, check=1)
    errors = [e for e in result.stderr.splitlines() if e.startswith("podsift: error: ")]
    assert len(errors) == 3, result.stderr
    for name, count in (("show.json", 2), ("show.jsonl", 2), ("whisper.json", 3)):
        (line,) = [e for e in errors if f"{os.sep}{name}: " in e]
        assert f"a list of {count} transcripts" in line and "save one file per episode" in line, line
    assert "no transcript text" not in result.stderr
    assert "4 files: 1 added, 0 updated, 0 unchanged, 3 failed" in result.stdout
    assert [e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)] == ["good"]

"""The ingester: ids from file names, collisions, and nothing lost between parser and store."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import DEMO, SEEDS, archive_location, podsift, seed

from podsift import formats
from podsift.ingest import _POOL_THRESHOLD, StoredMeanwhile, ingest, parse_source, store_parsed
from podsift.model import Episode
from podsift.search import Searcher, SearchFilters
from podsift.store import open_store
from podsift.structure import add_structure

BLOCKS = "0:00\nHost\nHello and welcome.\n\n0:05\nGuest\nHappy to be here.\n"
SRT = "1\n00:00:01,000 --> 00:00:03,000\nMaya: Something else entirely.\n"


def test_episode_id_is_the_file_name_without_extension(backend_db: str, tmp_path: Path) -> None:
    src = tmp_path / "data-centric-ai.txt"
    src.write_text(BLOCKS, encoding="utf-8")
    with open_store(backend_db) as store:
        (outcome,) = ingest([src], store).outcomes
    assert outcome.episode_id == "data-centric-ai"


def test_colliding_ids_are_made_unique_and_reported(backend_db: str, tmp_path: Path) -> None:
    tmp_path = tmp_path / "inbox"
    (tmp_path / "a").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "talk.txt", tmp_path / "b" / "talk.srt"
    first.write_text(BLOCKS, encoding="utf-8")
    second.write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        summary = ingest([tmp_path], store)
        assert sorted(o.episode_id for o in summary.outcomes) == ["talk", "talk-2"]
        renamed = store.get_episode("talk-2")
        (collision,) = [r for r in renamed.repairs if r.kind == "id_collision"]
        assert "'talk' is already taken by" in collision.detail and str(first) in collision.detail
        assert any("id 'talk' is already taken" in n for o in summary.outcomes for n in o.notes)
        # Re-ingesting keeps each file on the id it got.
        second.write_text(SRT.replace("entirely", "again"), encoding="utf-8")
        again = {o.path: o for o in ingest([tmp_path], store).outcomes}
        assert again[str(second)].episode_id == "talk-2"
        assert again[str(second)].status == "updated"
        assert again[str(first)].status == "unchanged"


def test_a_file_another_ingest_stored_meanwhile_is_left_unchanged(backend_db: str, tmp_path: Path) -> None:
    # Two ingests of one folder at once: the second ended in a traceback (the source's
    # uniqueness, taken for its id's, renamed the episode again and again).
    src = tmp_path / "talk.srt"
    src.write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        read = parse_source(str(src.resolve()), src.read_bytes())  # this run read the file...
        assert isinstance(read, Episode)
        ingest([src], store)  # ...and another stored it first
        stored = store.source_by_path(str(src.resolve()))
        assert stored is not None
        read.content_hash = stored.content_hash
        with pytest.raises(StoredMeanwhile) as caught:
            store_parsed(store, read, new=True)
        assert caught.value.episode_id == "talk"
        assert store.episode_ids() == {"talk"}
        # Edited between the two reads, the later read replaces the episode, under its id.
        read.content_hash, read.segments[0].text = "edited", "Something newer."
        assert store_parsed(store, read, new=True) is None
        assert store.episode_ids() == {"talk"}
        assert store.get_episode("talk").segments[0].text == "Something newer."


def test_ingesting_the_folder_the_archive_lives_in_skips_the_archives_own_files(tmp_path: Path) -> None:
    """`podsift ingest .` in a folder of transcripts, where the default podsift.db is made too."""
    (tmp_path / "talk.txt").write_text(BLOCKS, encoding="utf-8")
    (tmp_path / "other.srt").write_text(SRT, encoding="utf-8")
    db = tmp_path / "podsift.db"
    (tmp_path / "podsift.models").mkdir()
    (tmp_path / "podsift.models" / "settings.json").write_text('{"segments": []}', encoding="utf-8")
    first = podsift("ingest", str(tmp_path), "--no-embed", db=db)
    assert "2 files: 2 added" in first.stdout and not first.stderr
    # Now the database, its write-ahead log and its lexical index are there as well.
    assert (tmp_path / "podsift.lexical").is_dir()
    again = podsift("ingest", str(tmp_path), "--no-embed", db=db)
    assert "2 files: 0 added, 0 updated, 2 unchanged, 0 failed" in again.stdout and not again.stderr
    assert sorted(e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)) == ["other", "talk"]
    named = podsift("ingest", str(db), "--no-embed", db=db, check=1)
    assert named.stderr.strip() == f"podsift: error: {db}: the archive's own file, not a transcript"


def test_same_content_under_another_name_is_not_stored_twice(backend_db: str, tmp_path: Path) -> None:
    tmp_path = tmp_path / "inbox"
    tmp_path.mkdir()
    (tmp_path / "one.txt").write_text(BLOCKS, encoding="utf-8")
    (tmp_path / "copy-of-one.txt").write_text(BLOCKS, encoding="utf-8")
    with open_store(backend_db) as store:
        statuses = sorted(o.status for o in ingest([tmp_path], store).outcomes)
        assert statuses == ["added", "skipped"]
        assert store.counts()["episodes"] == 1


def test_a_renamed_file_keeps_its_episode_and_its_next_edit_updates_it(backend_db: str, tmp_path: Path) -> None:
    # Before, the renamed file was passed over as a copy; edited later, it became a second episode
    # beside the stale first, and both answered every search.
    tmp_path = tmp_path / "inbox"
    tmp_path.mkdir()
    (tmp_path / "pricing.srt").write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        ingest([tmp_path], store)
        (tmp_path / "pricing.srt").rename(tmp_path / "pricing-talk.srt")
        (moved,) = ingest([tmp_path], store).outcomes
        assert (moved.status, moved.episode_id) == ("updated", "pricing")
        assert moved.notes == [f"episode 'pricing', moved here from {(tmp_path / 'pricing.srt').resolve()}"]
        (tmp_path / "pricing-talk.srt").write_text(SRT.replace("entirely", "again"), encoding="utf-8")
        (edited,) = ingest([tmp_path], store).outcomes
        assert (edited.status, edited.episode_id) == ("updated", "pricing")
        assert store.episode_ids() == {"pricing"}
        assert [s.text for s in store.get_episode("pricing").segments] == ["Something else again."]


def test_a_renamed_folder_keeps_its_episodes_even_when_a_file_was_edited_meanwhile(tmp_path: Path) -> None:
    # Before, every file of a renamed folder was passed over as a copy of its own episode, and
    # one edited before the next ingest became a second episode ("pricing-2") beside the stale one.
    (tmp_path / "talks").mkdir()
    (tmp_path / "talks" / "pricing.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "talks" / "one.txt").write_text(BLOCKS, encoding="utf-8")
    with open_store(tmp_path / "archive.db") as store:
        ingest([tmp_path / "talks"], store)
        (tmp_path / "talks").rename(tmp_path / "talks-2024")
        (tmp_path / "talks-2024" / "pricing.srt").write_text(SRT.replace("entirely", "again"), encoding="utf-8")
        outcomes = {Path(o.path).name: o for o in ingest([tmp_path / "talks-2024"], store).outcomes}
        assert {name: (o.status, o.episode_id) for name, o in outcomes.items()} == {
            "pricing.srt": ("updated", "pricing"), "one.txt": ("updated", "one")}  # fmt: skip
        assert outcomes["pricing.srt"].notes == [
            f"episode 'pricing', moved here from {(tmp_path / 'talks' / 'pricing.srt').resolve()}"]  # fmt: skip
        assert store.episode_ids() == {"pricing", "one"}
        assert [s.text for s in store.get_episode("pricing").segments] == ["Something else again."]
        assert [o.status for o in ingest([tmp_path / "talks-2024"], store).outcomes] == ["unchanged", "unchanged"]


def test_a_renamed_folder_keeps_the_episodes_of_the_files_in_its_subfolders(tmp_path: Path) -> None:
    # Only files directly in the renamed folder followed it: those a level down were each passed
    # over as a copy of its own episode, and one edited became a second episode beside the stale one.
    (tmp_path / "talks" / "2023").mkdir(parents=True)
    (tmp_path / "talks" / "2023" / "pricing.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "talks" / "2023" / "one.txt").write_text(BLOCKS, encoding="utf-8")
    with open_store(tmp_path / "archive.db") as store:
        ingest([tmp_path / "talks"], store)
        (tmp_path / "talks").rename(tmp_path / "talks-old")
        (tmp_path / "talks-old" / "2023" / "pricing.srt").write_text(SRT.replace("entirely", "again"), encoding="utf-8")
        outcomes = {Path(o.path).name: o for o in ingest([tmp_path / "talks-old"], store).outcomes}
        assert {name: (o.status, o.episode_id) for name, o in outcomes.items()} == {
            "pricing.srt": ("updated", "pricing"), "one.txt": ("updated", "one")}  # fmt: skip
        assert store.episode_ids() == {"pricing", "one"}
        assert [s.text for s in store.get_episode("pricing").segments] == ["Something else again."]


def test_an_edited_file_follows_its_renamed_folder_whatever_its_episode_is_called(tmp_path: Path) -> None:
    # Its episode was looked up by the file's name: "b/ep.srt" stored as "ep-2" became "ep-3".
    for sub, name, text in (("a", "ep.srt", SRT), ("b", "ep.txt", BLOCKS)):
        (tmp_path / "talks" / sub).mkdir(parents=True)
        (tmp_path / "talks" / sub / name).write_text(text, encoding="utf-8")
    with open_store(tmp_path / "archive.db") as store:
        ingest([tmp_path / "talks"], store)
        assert store.episode_ids() == {"ep", "ep-2"}
        (tmp_path / "talks").rename(tmp_path / "t2")
        (tmp_path / "t2" / "b" / "ep.txt").write_text(BLOCKS.replace("welcome", "goodbye"), encoding="utf-8")
        ingest([tmp_path / "t2"], store)
        assert store.episode_ids() == {"ep", "ep-2"}
        assert "goodbye" in " ".join(s.text for s in store.get_episode("ep-2").segments)


def test_an_unrelated_file_of_the_same_name_takes_no_episode_over(tmp_path: Path) -> None:
    """A deleted file's episode is not taken by a new file named alike elsewhere: nothing shows
    that one became the other (its folder is still there, or went with no file of it found again)."""
    (tmp_path / "talks").mkdir()
    (tmp_path / "talks" / "pricing.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "talks" / "keep.txt").write_text(BLOCKS, encoding="utf-8")
    (tmp_path / "other").mkdir()
    with open_store(tmp_path / "archive.db") as store:
        ingest([tmp_path / "talks" / "pricing.srt"], store)
        (tmp_path / "talks" / "pricing.srt").unlink()
        (tmp_path / "other" / "pricing.srt").write_text(SRT.replace("entirely", "unrelated"), encoding="utf-8")
        (outcome,) = ingest([tmp_path / "other"], store).outcomes
        assert (outcome.status, outcome.episode_id) == ("added", "pricing-2")
        (tmp_path / "talks" / "keep.txt").unlink()
        (tmp_path / "talks").rmdir()  # its folder gone too, and nothing of it found again
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "pricing.srt").write_text(SRT.replace("entirely", "new"), encoding="utf-8")
        (outcome,) = ingest([tmp_path / "elsewhere"], store).outcomes
        assert (outcome.status, outcome.episode_id) == ("added", "pricing-3")


def test_a_file_from_another_machines_folder_is_a_copy_not_a_move(backend_db: str, tmp_path: Path) -> None:
    """A PostgreSQL archive shared by a team holds teammates' paths: a file here with the same
    name as one in a folder this machine lacks must not take that episode over."""
    (tmp_path / "alice" / "talks").mkdir(parents=True)
    (tmp_path / "alice" / "talks" / "pricing.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "bob").mkdir()
    with open_store(backend_db) as store:
        ingest([tmp_path / "alice" / "talks"], store)
        (tmp_path / "alice" / "talks" / "pricing.srt").rename(tmp_path / "bob" / "pricing.srt")
        (tmp_path / "alice" / "talks").rmdir()
        if store.local_file:
            (tmp_path / "alice").rmdir()  # a path of another machine: even its folder's folder is not here
        (tmp_path / "bob" / "pricing.srt").write_text(SRT.replace("entirely", "again"), encoding="utf-8")
        (outcome,) = ingest([tmp_path / "bob"], store).outcomes
        assert (outcome.status, outcome.episode_id) == ("added", "pricing-2")
        assert store.episode_ids() == {"pricing", "pricing-2"}


def test_a_moved_file_and_its_copy_move_the_episode_once(backend_db: str, tmp_path: Path) -> None:
    # Both took the episode, each "moved here", "2 updated" and twice its moments counted.
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "pricing.srt").write_text(SRT, encoding="utf-8")
    with open_store(backend_db) as store:
        ingest([tmp_path / "inbox"], store)
        (tmp_path / "inbox" / "pricing.srt").rename(tmp_path / "pricing.srt")
        (tmp_path / "pricing-copy.srt").write_text(SRT, encoding="utf-8")
        summary = ingest([tmp_path / "pricing-copy.srt", tmp_path / "pricing.srt"], store)
        outcomes = {Path(o.path).name: o for o in summary.outcomes}
        assert (outcomes["pricing-copy.srt"].status, outcomes["pricing-copy.srt"].episode_id) == ("updated", "pricing")
        assert (outcomes["pricing.srt"].status, outcomes["pricing.srt"].notes) == (
            "skipped", [f"same content as {tmp_path / 'pricing-copy.srt'}"])  # fmt: skip
        assert store.episode_ids() == {"pricing"}


def test_store_gives_back_exactly_what_the_parser_produced(backend_db: str) -> None:
    """Every seed survives the trip through the store field for field."""
    with open_store(backend_db) as store:
        summary = ingest([SEEDS], store, workers=1)
        assert summary.failed == 0
        for outcome in summary.outcomes:
            parsed = parse_source(str(Path(outcome.path).resolve()), Path(outcome.path).read_bytes())
            assert isinstance(parsed, Episode)
            add_structure(parsed)  # what ingest adds: speaker names, generated chapters
            stored = store.get_episode(outcome.episode_id)
            assert stored.segments == parsed.segments
            assert stored.chapters == parsed.chapters
            assert stored.extra == parsed.extra
            assert [r.kind for r in stored.repairs if r.kind != "title_from_filename"] == [
                r.kind for r in parsed.repairs
            ]
            assert (stored.title, stored.season, stored.guests, stored.duration) == (
                parsed.title or stored.title, parsed.season, parsed.guests, parsed.duration,
            )  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_pool_and_serial_ingest_agree(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    serial_db = archive_location(backend, request, tmp_path, "serial")
    pool_db = archive_location(backend, request, tmp_path, "pool")
    with open_store(serial_db) as serial, open_store(pool_db) as pool:
        ingest([SEEDS, DEMO], serial, workers=1)
        ingest([SEEDS, DEMO], pool, workers=2)
        # Enough files that the pool is really used (worker processes reopen the store).
        assert len(serial.episode_ids()) >= _POOL_THRESHOLD
        assert pool.episode_ids() == serial.episode_ids()
        for episode_id in serial.episode_ids():
            assert serial.get_episode(episode_id).segments == pool.get_episode(episode_id).segments


@pytest.mark.parametrize("last", ["…", "’", "—", "✓", "🙂"])
def test_an_ascii_text_cut_after_the_first_byte_of_its_last_character_drops_it_and_says_so(last: str) -> None:
    # Cut after the 0xE2 that opens "…" in UTF-8, the file was read as Windows-1252 ending in "â".
    data = f"1\n00:00:00,000 --> 00:00:02,000\nWait for it{last}".encode()
    episode = parse_source("cut.srt", data[: len(data) - len(last.encode()) + 1])
    assert not isinstance(episode, str)
    assert [s.text for s in episode.segments] == ["Wait for it"]
    assert [r.kind for r in episode.repairs if r.kind in ("cut_short", "encoding")] == ["cut_short"]
    # The same file in Windows-1252, its last letter accented, keeps it.
    kept = parse_source("ansi.srt", "1\n00:00:00,000 --> 00:00:02,000\nAt the café".encode("cp1252"))
    assert not isinstance(kept, str) and [s.text for s in kept.segments] == ["At the café"]


def test_format_is_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    """A WebVTT file saved as .txt is still WebVTT."""
    text = seed("000").read_text(encoding="utf-8")
    assert formats.detect(text, "episode.vtt").NAME == "timestamped_blocks"
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Hi.\n"
    assert formats.detect(vtt, "notes.txt").NAME == "webvtt"


def test_two_ingests_at_once_over_the_same_file_names_keep_every_episode(backend_db: str, tmp_path: Path) -> None:
    """Issue 16: ids were chosen before writing, so two `podsift ingest` runs over folders with
    the same file names both said "added" and one folder's episodes replaced the other's."""
    import json
    import os
    import subprocess
    import sys

    files = 40
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for k in range(files):
            cues = "\n\n".join(f"00:00:{s:02d}.000 --> 00:00:{s + 1:02d}.000\n<v Host>Folder {folder}, talk {k}, line {s}."
                               for s in range(20))  # fmt: skip
            (tmp_path / folder / f"talk-{k:02d}.vtt").write_text(f"WEBVTT\n\n{cues}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PODSIFT_DB"}
    runs = [
        subprocess.Popen([sys.executable, "-m", "podsift", "--db", backend_db, "ingest", str(tmp_path / folder),
                          "--no-embed", "--no-entities", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env)  # fmt: skip
        for folder in ("a", "b")
    ]
    # A searcher that keeps catching its lexical index up while both write: it must never
    # note a change as applied while an earlier one is still uncommitted, or lose it for good.
    with open_store(backend_db) as store:
        searcher = Searcher(store)
        while any(run.poll() is None for run in runs):
            searcher.search("talk", mode="lexical", limit=1)
            time.sleep(0.02)
        reports = [run.communicate(timeout=600) for run in runs]
        for run, (_, err) in zip(runs, reports):
            assert run.returncode == 0 and "Traceback" not in err, err
        outcomes = [o for out, _ in reports for o in json.loads(out)["files"]]
        assert sum(o["status"] == "added" for o in outcomes) == 2 * files
        stored = store.episode_ids()
        assert len(stored) == 2 * files
        assert {o["episode_id"] for o in outcomes} == stored
        searcher.search("talk", mode="lexical", limit=1)
        index = searcher.lexical_index
        assert index is not None and not index.behind
        assert index.moment_ids() == set(store.filtered_moment_ids(SearchFilters()))  # every moment, no other


def test_a_chapters_file_beside_a_transcript_gives_its_chapters(tmp_path: Path, db_path: Path) -> None:
    # Podcasting 2.0 keeps an episode's chapters in NAME.chapters.json beside its other files.
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "freelancing-in-data.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    chapters = folder / "freelancing-in-data.chapters.json"
    chapters.write_text(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Leaving the PhD"}, {"startTime": 60, "title": "Pricing"},
        {"startTime": 100, "title": "Player marker", "toc": False}]}), encoding="utf-8")  # fmt: skip
    (folder / "orphan.chapters.json").write_text('{"chapters": []}', encoding="utf-8")

    def titles() -> list[tuple[str, float]]:
        shown = json.loads(podsift("show", "freelancing-in-data", "--json", db=db_path).stdout)
        return [(c["title"], c["start"]) for c in shown["chapters"]]

    run = podsift("ingest", "--no-embed", "--json", str(folder), db=db_path, check=0)  # no file failed
    outcomes = {Path(o["path"]).name: o for o in json.loads(run.stdout)["files"]}
    assert outcomes["freelancing-in-data.srt"]["status"] == "added"
    assert "read with the transcript" in outcomes["freelancing-in-data.chapters.json"]["notes"][0]
    assert "not a transcript" in outcomes["orphan.chapters.json"]["notes"][0]
    # Neither is an episode of its own, so neither is counted as one "unchanged".
    assert {outcomes[name]["status"] for name in ("freelancing-in-data.chapters.json", "orphan.chapters.json")} == {
        "skipped"}  # fmt: skip
    assert titles() == [("Leaving the PhD", 0.0), ("Pricing", 60.0)]
    assert "2 chapters from freelancing-in-data.chapters.json" in podsift("report", "freelancing-in-data",
                                                                           db=db_path).stdout  # fmt: skip
    assert "1 unchanged, 2 skipped" in podsift("ingest", "--no-embed", str(folder), db=db_path).stdout

    # A corrected chapters file is read again with its transcript, even when only the transcript is named.
    chapters.write_text('{"chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 90, "title": "Rates"}]}',
                        encoding="utf-8")  # fmt: skip
    assert "1 updated" in podsift("ingest", "--no-embed", str(folder / "freelancing-in-data.srt"), db=db_path).stdout
    assert titles() == [("Intro", 0.0), ("Rates", 90.0)]

    # One that cannot be read leaves the transcript its own chapters, and says why.
    chapters.write_text("{not json", encoding="utf-8")
    run = podsift("ingest", "--no-embed", str(folder), db=db_path, check=0)
    assert "freelancing-in-data.chapters.json: not JSON" in run.stderr
    assert [t for t, _ in titles()] != ["Intro", "Rates"]


def test_a_chapter_list_as_text_beside_a_transcript_gives_its_chapters(tmp_path: Path, db_path: Path) -> None:
    # A chapter list pasted from a video's description, or written by mp4chaps, ffmpeg or mkvmerge,
    # saved as NAME.chapters.txt: chapters, not a second episode made of its lines.
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "freelancing-in-data.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    (folder / "freelancing-in-data.chapters.txt").write_text(
        "00:00 - Leaving the PhD\n01:00 - Pricing: day rate or fixed price\n02:05 - Finding clients\n", encoding="utf-8")

    def chapters() -> list[tuple[str, float]]:
        shown = json.loads(podsift("show", "freelancing-in-data", "--json", db=db_path).stdout)
        return [(c["title"], c["start"]) for c in shown["chapters"]]

    run = podsift("ingest", "--no-embed", str(folder), db=db_path)
    assert "2 files: 1 added, 0 updated, 0 unchanged, 1 skipped, 0 failed" in run.stdout
    assert "freelancing-in-data.chapters.txt: chapters, read with the transcript of the same name" in run.stderr
    listed = json.loads(podsift("episodes", "--json", db=db_path).stdout)
    assert [e["id"] for e in listed] == ["freelancing-in-data"]
    assert chapters() == [("Leaving the PhD", 0.0), ("Pricing: day rate or fixed price", 60.0),
                          ("Finding clients", 125.0)]  # fmt: skip

    # ffmpeg's metadata file, as its documentation shows it: comments, escapes, a [STREAM] section.
    (folder / "freelancing-in-data.chapters.txt").write_text(
        ";FFMETADATA1\ntitle=bike\\\\shed\n;this is a comment\nartist=FFmpeg troll team\n\n[CHAPTER]\n"
        "TIMEBASE=1/1000\nSTART=0\n#chapter ends at 0:01:00\nEND=60000\ntitle=chapter \\#1\n[STREAM]\n"
        "title=multi\\\nline\n[CHAPTER]\nTIMEBASE=1/10\nSTART=900\nEND=1200\ntitle=Rates\n", encoding="utf-8")
    assert "1 updated" in podsift("ingest", "--no-embed", str(folder / "freelancing-in-data.srt"), db=db_path).stdout
    assert chapters() == [("chapter #1", 0.0), ("Rates", 90.0)]

    # Beside a Podcasting 2.0 chapters file, the JSON gives the chapters and the list is named as not read.
    (folder / "freelancing-in-data.chapters.json").write_text(
        '{"chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 30, "title": "Money"}]}', encoding="utf-8")
    run = podsift("ingest", "--no-embed", str(folder), db=db_path)
    assert "freelancing-in-data.chapters.txt: not read; the chapters came from freelancing-in-data.chapters.json" in (
        run.stderr)  # fmt: skip
    # Neither file is said to be read before the transcript's note says which one was.
    assert "read with the transcript" not in run.stderr
    assert "chapters.txt: chapters for the transcript of the same name, one of its 2 chapters files" in run.stderr
    assert chapters() == [("Intro", 0.0), ("Money", 30.0)]


@pytest.mark.parametrize("name", ["freelancing-in-data_timestamps.md", "freelancing-in-data-timestamps.txt",
                                  "freelancing-in-data.timestamps.txt"])
def test_a_shows_timestamps_file_beside_a_transcript_gives_its_chapters(tmp_path: Path, db_path: Path,
                                                                        name: str) -> None:  # fmt: skip
    # Shows keep one per episode under these names (the WAN Show's "2024-03-01_timestamps.md"): it was
    # refused as a chapter list, and the transcript beside it had only chapters podsift made up.
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "freelancing-in-data.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    (folder / name).write_text("Timestamps\n0:00 - Leaving the PhD\n1:00 - Pricing: day rate or fixed price\n"
                               "2:05 - Finding clients\nVideo ends: 3:10\n", encoding="utf-8")  # fmt: skip
    # A transcript whose name says it is timed is a transcript still.
    (folder / "interview-timestamps.txt").write_text(
        "00:01 Ann: hello there, welcome to the show\n00:05 Bob: thanks for having me\n"
        "00:09 Ann: so tell me about pricing\n00:15 Bob: well it depends on the client\n", encoding="utf-8")

    run = podsift("ingest", "--no-embed", str(folder), db=db_path)
    assert "3 files: 2 added, 0 updated, 0 unchanged, 1 skipped, 0 failed" in run.stdout
    assert f"{name}: chapters, read with the transcript of the same name" in run.stderr
    assert sorted(e["id"] for e in json.loads(podsift("episodes", "--json", db=db_path).stdout)) == [
        "freelancing-in-data", "interview-timestamps"]  # fmt: skip
    shown = json.loads(podsift("show", "freelancing-in-data", "--json", db=db_path).stdout)
    assert [(c["title"], c["start"]) for c in shown["chapters"]] == [
        ("Leaving the PhD", 0.0), ("Pricing: day rate or fixed price", 60.0), ("Finding clients", 125.0)]


def test_a_chapters_file_named_in_another_case_is_read_as_the_run_says(tmp_path: Path, db_path: Path) -> None:
    # "Talk.chapters.txt" beside "talk.srt": the folder's ingest said the chapters were read with the
    # transcript of the same name, but on a case-sensitive disk they were never found.
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "talk.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    (folder / "Talk.Chapters.TXT").write_text("0:00 Leaving the PhD\n1:00 Pricing\n", encoding="utf-8")
    run = podsift("ingest", "--no-embed", str(folder), db=db_path)
    assert "Talk.Chapters.TXT: chapters, read with the transcript of the same name" in run.stderr
    shown = json.loads(podsift("show", "talk", "--json", db=db_path).stdout)
    assert [(c["title"], c["start"]) for c in shown["chapters"]] == [("Leaving the PhD", 0.0), ("Pricing", 60.0)]


def test_a_webvtt_chapters_track_beside_a_transcript_gives_its_chapters(tmp_path: Path, db_path: Path) -> None:
    # HTML5 players take chapters as a WebVTT track (<track kind="chapters">). As video.js examples
    # write them: a title as the cue's identifier over no text, or numbered cues whose text is the
    # title, cue settings, an escaped "&", no newline at the end.
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "freelancing-in-data.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    track = folder / "freelancing-in-data.chapters.vtt"
    track.write_text("WEBVTT\n\nLeaving the PhD\n00:00:00.000 --> 00:00:59.000\n\n"
                     "2\n00:01:00.000 --> 00:02:04.000 align:right size:35%  \nPricing &amp; rates\n\n"
                     "3\n00:02:05.000 --> 00:03:00.000\n", encoding="utf-8")  # fmt: skip
    # A player's track named only "chapters.vtt" names no transcript; one whose header says
    # "Kind: chapters" is titles, not speech, whatever its name.
    (folder / "chapters.vtt").write_text("WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\nCH 1\n", encoding="utf-8")
    (folder / "menu.vtt").write_text("WEBVTT\nKind: chapters\nLanguage: en\n\n00:00.000 --> 00:05.000\nIntro\n",
                                     encoding="utf-8")  # fmt: skip

    run = podsift("ingest", "--no-embed", "--json", str(folder), db=db_path, check=None)
    outcomes = {Path(o["path"]).name: o for o in json.loads(run.stdout)["files"]}
    assert outcomes["freelancing-in-data.srt"]["status"] == "added"
    assert "read with the transcript" in outcomes["freelancing-in-data.chapters.vtt"]["notes"][0]
    assert outcomes["chapters.vtt"]["status"] == "skipped"
    assert "put it beside its transcript" in outcomes["chapters.vtt"]["notes"][0]
    assert outcomes["menu.vtt"]["status"] == "failed"
    assert "a WebVTT chapters track ('Kind: chapters'), not a transcript" in outcomes["menu.vtt"]["error"]
    assert [e["id"] for e in json.loads(podsift("episodes", "--json", db=db_path).stdout)] == ["freelancing-in-data"]
    shown = json.loads(podsift("show", "freelancing-in-data", "--json", db=db_path).stdout)
    # A caption file that happens to be named "chapters.vtt" (its cues sentences, not titles) is a transcript.
    talk = tmp_path / "talk"
    talk.mkdir()
    (talk / "chapters.vtt").write_text("WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nWelcome back to the show, today we are "
                                       "talking about how to write the chapters of a book and finish them.\n",
                                       encoding="utf-8")  # fmt: skip
    run = podsift("ingest", "--no-embed", "--json", str(talk), db=db_path)
    assert [o["status"] for o in json.loads(run.stdout)["files"]] == ["added"]
    # The third cue has neither text nor a title for an identifier: a number is no title.
    assert [(c["title"], c["start"]) for c in shown["chapters"]] == [("Leaving the PhD", 0.0),
                                                                     ("Pricing & rates", 60.0)]  # fmt: skip


def test_yt_dlp_captions_take_the_videos_details_from_the_info_file_beside_them(tmp_path: Path, db_path: Path) -> None:
    # `yt-dlp --write-subs --write-info-json` leaves these side by side; the captions alone hold
    # no title, channel, day, link or chapters.
    folder = tmp_path / "downloads"
    folder.mkdir()
    stem = "Vector search basics [dQw4w9WgXcQ]"
    (folder / f"{stem}.en.vtt").write_bytes((DEMO / "vector-search-basics.vtt").read_bytes())
    (folder / f"{stem}.info.json").write_text(json.dumps({
        "id": "dQw4w9WgXcQ", "title": "Vector Search Basics with Ana", "channel": "DataTalksClub",
        "upload_date": "20240315", "webpage_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "extractor_key": "Youtube", "description": "Ana explains vector search.",
        "chapters": [{"start_time": 0.0, "title": "Welcome"}, {"start_time": 40.0, "title": "Embeddings"}],
    }), encoding="utf-8")  # fmt: skip
    (folder / f"{stem}.description").write_text("Ana explains vector search.", encoding="utf-8")

    run = podsift("ingest", "--no-embed", "--json", str(folder), db=db_path, check=0)
    outcomes = {Path(o["path"]).name: o for o in json.loads(run.stdout)["files"]}
    assert [o["status"] for o in outcomes.values()].count("added") == 1, outcomes  # the description is no episode
    episode_id = outcomes[f"{stem}.en.vtt"]["episode_id"]
    shown = json.loads(podsift("show", episode_id, "--json", db=db_path).stdout)
    assert (shown["title"], shown["show"], shown["date"]) == ("Vector Search Basics with Ana", "DataTalksClub",
                                                              "2024-03-15")  # fmt: skip
    assert [c["title"] for c in shown["chapters"]] == ["Welcome", "Embeddings"]
    assert shown["extra"]["description"] == "Ana explains vector search."
    found = json.loads(podsift("search", "what is an embedding", "--mode", "lexical", "--json", db=db_path).stdout)
    assert found["results"][0]["url"].startswith("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=")

    # The transcript's own details win; a broken info file costs the captions nothing.
    (folder / f"{stem}.info.json").write_text("{broken", encoding="utf-8")
    run = podsift("ingest", "--no-embed", str(folder), db=db_path, check=0)
    assert "info.json: not JSON" in run.stderr and "1 updated" in run.stdout


def test_one_talk_written_in_several_formats_is_read_once_richest_first(tmp_path: Path, db_path: Path) -> None:
    # openai-whisper's default "--output_format all" writes talk.json, .vtt, .srt, .tsv and .txt:
    # five copies of one talk would each answer every search.
    folder = tmp_path / "whisper"
    folder.mkdir()
    said = [(0.0, 4.2, "Welcome to the show, today we talk about pricing."),
            (4.5, 9.0, "Thanks for having me, it's a pleasure."),
            (9.3, 15.0, "So how did you set your first day rate?")]  # fmt: skip

    def clock(t: float, sep: str) -> str:
        return f"00:00:{t:06.3f}".replace(".", sep)

    (folder / "talk.txt").write_text("\n".join(t for *_, t in said) + "\n", encoding="utf-8")
    (folder / "talk.vtt").write_text("WEBVTT\n\n" + "\n".join(f"{clock(a, '.')} --> {clock(b, '.')}\n{t}\n"
                                                              for a, b, t in said), encoding="utf-8")  # fmt: skip
    (folder / "talk.srt").write_text("\n".join(f"{i}\n{clock(a, ',')} --> {clock(b, ',')}\n{t}\n"
                                               for i, (a, b, t) in enumerate(said, 1)), encoding="utf-8")  # fmt: skip
    (folder / "talk.tsv").write_text("start\tend\ttext\n" + "".join(f"{int(a * 1000)}\t{int(b * 1000)}\t{t}\n"
                                                                    for a, b, t in said), encoding="utf-8")  # fmt: skip
    whole = {"text": " ".join(t for *_, t in said), "language": "en",
             "segments": [{"id": i, "start": a, "end": b, "text": " " + t} for i, (a, b, t) in enumerate(said)]}
    (folder / "talk.json").write_text(json.dumps(whole), encoding="utf-8")
    (folder / "other.txt").write_text("Another talk entirely.\n", encoding="utf-8")

    run = json.loads(podsift("ingest", "--no-embed", "--json", str(folder), db=db_path).stdout)
    outcomes = {Path(o["path"]).name: o for o in run["files"]}
    assert outcomes["talk.json"]["status"] == "added" and outcomes["other.txt"]["status"] == "added"
    for name in ("talk.vtt", "talk.srt", "talk.tsv", "talk.txt"):
        assert outcomes[name]["status"] == "skipped", outcomes[name]
        assert outcomes[name]["notes"] == ["the same talk as talk.json, which was read (ingest this file alone "
                                           "to store it too)"]  # fmt: skip
    listed = json.loads(podsift("episodes", "--json", db=db_path).stdout)
    assert sorted(e["id"] for e in listed) == ["other", "talk"]

    # If the richest cannot be read, the next one is.
    (folder / "talk.json").write_text('{"text": "Welcome", "segments": [{"start": 0.0, "te', encoding="utf-8")
    again = tmp_path / "again.db"
    run = json.loads(podsift("ingest", "--no-embed", "--json", str(folder), db=again, check=1).stdout)
    outcomes = {Path(o["path"]).name: o for o in run["files"]}
    assert outcomes["talk.json"]["status"] == "failed" and outcomes["talk.vtt"]["status"] == "added"
    assert "the same talk as talk.vtt" in outcomes["talk.srt"]["notes"][0]


def test_a_file_named_twice_is_read_once_and_stored(tmp_path: Path, db_path: Path) -> None:
    """A file named twice (a folder and a file in it, `c c`, `f.srt ./f.srt`) was taken
    for the same talk as itself and never stored, with exit 0 and a note that it "was read"."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "f.srt").write_text(SRT, encoding="utf-8")
    (folder / "talk.txt").write_text(BLOCKS, encoding="utf-8")
    spellings = {"folder and file": [str(folder), str(folder / "f.srt")], "folder twice": [str(folder), str(folder)],
                 "file twice": [str(folder / "f.srt"), str(folder / ".." / "c" / "f.srt")]}  # fmt: skip
    for case, paths in spellings.items():
        db = tmp_path / f"{case}.db"
        run = podsift("ingest", "--no-embed", *paths, db=db)
        assert not run.stderr, (case, run.stderr)
        found = 1 if case == "file twice" else 2
        assert f"{found} file{'s' * (found > 1)}: {found} added" in run.stdout, (case, run.stdout)
        listed = sorted(e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout))
        assert listed == (["f"] if case == "file twice" else ["f", "talk"]), case
    # The first spelling is the one reported; a link is a name of its own, whose content is the same.
    (folder / "link.srt").symlink_to(folder / "f.srt")
    run = json.loads(podsift("ingest", "--no-embed", "--json", str(folder / "f.srt"), str(folder),
                             db=tmp_path / "link.db").stdout)  # fmt: skip
    outcomes = {o["path"]: o for o in run["files"]}
    assert {path: o["status"] for path, o in outcomes.items()} == {
        str(folder / "f.srt"): "added", str(folder / "link.srt"): "skipped", str(folder / "talk.txt"): "added"}
    assert outcomes[str(folder / "link.srt")]["notes"] == [f"same content as {folder / 'f.srt'}"]


def test_reread_reads_stored_transcripts_again_and_embeds_only_what_changed(tmp_path: Path) -> None:
    # After an upgrade, a transcript the older podsift misread stays misread: its bytes are unchanged,
    # so ingest skips it. --reread reads it with this podsift; text embedded before is not embedded again.
    import sqlite3

    talk = tmp_path / "talk.srt"
    talk.write_text("1\n00:00:01,000 --> 00:00:04,000\nMaya: We moved the pipeline to Airflow last spring.\n\n"
                    "2\n00:00:05,000 --> 00:00:08,000\nLeo: And the costs went down by half.\n", encoding="utf-8")  # fmt: skip
    db = tmp_path / "podsift.db"
    first = json.loads(podsift("ingest", "--json", "--no-entities", str(talk), db=db).stdout)
    assert first["counts"]["added"] == 1 and first["embedded"] > 0
    # What an older reader had made of the file: its second turn's words garbled.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE segments SET text = 'And the [costs went] down' WHERE ordinal = 1")

    def stored() -> list[str]:
        return [s["text"] for s in json.loads(podsift("show", "--json", "talk", db=db).stdout)["segments"]]

    again = json.loads(podsift("ingest", "--json", "--no-entities", str(talk), db=db).stdout)
    assert again["counts"]["unchanged"] == 1 and stored()[1] == "And the [costs went] down"
    reread = json.loads(podsift("ingest", "--json", "--no-entities", "--reread", str(talk), db=db).stdout)
    assert reread["counts"]["updated"] == 1
    assert stored() == ["We moved the pipeline to Airflow last spring.", "And the costs went down by half."]
    assert reread["embedded"] == 0  # the moments read the same as before: their vectors are kept

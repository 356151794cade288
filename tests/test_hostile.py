"""Issue 16, the parser-level defects: each test fails on the code before the fix.

Hostile files must either ingest with their damage repaired or fail with one line
naming the file, and nothing they hold may break the commands and pages that show
the archive afterwards.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import REPO, podsift
from podsift import formats
from podsift.model import Episode, SourceRejected
from podsift.web.app import ServerSettings, create_app

GOOD_PAGE = """---
title: A good page
transcript:
- line: Hello and welcome to the show about bloom filters.
  sec: 0
  time: '0:00'
  who: Alexey
- line: Thanks, happy to talk about bloom filters today.
  sec: 4
  time: '0:04'
  who: Ana
---
"""


def strict_json(text: str) -> object:
    """JSON as a strict parser reads it: ``Infinity`` and ``NaN`` are not JSON."""
    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def parsed(text: str, name: str = "x") -> Episode:
    return formats.parse(text, Episode(id="x", source_path=name), name)


def times_of(episode: Episode) -> list[float | None]:
    return [t for s in episode.segments for t in (s.start, s.end)] + [c.start for c in episode.chapters] + [
        episode.duration
    ]


# --------------------------------------------------------------------------- 1. non-finite numbers

INFINITE_JSON = (
    '{"version": "1.0.0", "title": "Infinite", "duration": Infinity, "segments": ['
    '{"speaker": "Ana", "startTime": 0, "endTime": 2, "body": "We talk about bloom filters."},'
    '{"speaker": "Bo", "startTime": 1e306, "endTime": Infinity, "body": "And their false positives."},'
    '{"speaker": "Ana", "startTime": NaN, "endTime": 9, "body": "Right, thanks."}],'
    '"chapters": [{"title": "End", "startTime": Infinity}], "rating": -Infinity}'
)
INFINITE_PAGE = """---
title: Infinite page
duration: .inf
rating: -.inf
transcript:
- header: Start
- line: We talk about bloom filters.
  sec: .inf
  who: Alexey
- line: And their false positives.
  sec: 1.0e306
  time: 1e306
  who: Ana
- line: Right, thanks.
  sec: .nan
  who: Alexey
---
"""


def test_non_finite_times_are_left_empty_by_every_parser_not_stored() -> None:
    """Before the fix JSON Infinity, YAML .inf and 1e306 reached the model as times."""
    for text, name in ((INFINITE_JSON, "x.json"), (INFINITE_PAGE, "x.md")):
        episode = parsed(text, name)
        assert len(episode.segments) == 3, name
        for t in times_of(episode):
            assert t is None or 0 <= t <= 7 * 86400, (name, t)
        assert any(r.kind in ("bad_time", "bad_timestamp", "bad_duration") for r in episode.repairs), name
        # extra keeps the field as written, as strict JSON can hold it
        assert strict_json(json.dumps(episode.to_json(), default=str))


@pytest.mark.parametrize(
    "text, name",
    [
        ("WEBVTT\n\n00:00.000 --> 999999999.000\nHello there.\n", "x.vtt"),
        ("1\n00:00:01,000 --> 99999999999:00:00,000\nHello there.\n", "x.srt"),
    ],
    ids=["vtt", "srt"],
)
def test_times_past_a_week_or_not_finite_are_no_times_in_any_format(text: str, name: str) -> None:
    """Before the fix these were stored as times (or crashed on a 5,000-digit hour)."""
    episode = parsed(text, name)
    assert episode.segments
    for t in times_of(episode):
        assert t is None or 0 <= t <= 7 * 86400, (name, t)


def test_the_model_refuses_what_a_parser_lets_through() -> None:
    """finish() is where every parser's episode passes: nothing non-finite survives it."""
    episode = Episode(id="x", duration=float("inf"), season=10**40, media_url="javascript:alert(1)")
    episode.add_segment("hi", start=float("nan"), end=float("inf"), speaker="A\x1b[2J")
    episode.add_chapter("C\x07", start=-1.0)
    episode.extra["rating"] = float("-inf")
    episode.finish()
    assert times_of(episode) == [None, None, None, None]
    assert episode.season is None and episode.media_url is None
    assert episode.segments[0].speaker == "A[2J" and episode.chapters[0].title == "C"
    assert strict_json(json.dumps(episode.extra)) == {"rating": "-inf", "media_url": "javascript:alert(1)"}


def test_infinite_files_ingest_and_every_view_still_works(backend_db: str, tmp_path: Path) -> None:
    """Before the fix `episodes --json` printed Infinity, and show, export and the web pages crashed."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-infinite.json").write_text(INFINITE_JSON, encoding="utf-8")
    (folder / "b-infinite.md").write_text(INFINITE_PAGE, encoding="utf-8")
    (folder / "c-good.md").write_text(GOOD_PAGE, encoding="utf-8")
    result = podsift("ingest", "--no-embed", str(folder), db=backend_db)
    assert "3 added" in result.stdout

    listed = strict_json(podsift("episodes", "--json", db=backend_db).stdout)
    assert {e["id"] for e in listed} == {"a-infinite", "b-infinite", "c-good"}  # type: ignore[index]
    for episode_id in ("a-infinite", "b-infinite", "c-good"):
        podsift("show", episode_id, db=backend_db)
        strict_json(podsift("show", episode_id, "--json", db=backend_db).stdout)
        for fmt in ("vtt", "srt", "json", "md"):
            podsift("export", episode_id, "--format", fmt, db=backend_db)
    with TestClient(create_app(ServerSettings(backend_db))) as client:
        for url in ("/", "/episodes/a-infinite", "/episodes/b-infinite", "/api/episodes",
                    "/api/search?q=bloom+filters", "/api/ask?q=what+about+bloom+filters"):  # fmt: skip
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:300])
            if url.startswith("/api/"):
                strict_json(response.text)


def test_huge_numbers_for_season_and_episode_do_not_stop_the_run(backend_db: str, tmp_path: Path) -> None:
    """Before the fix a 40-digit season overflowed the database integer and ended the whole run."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-huge.md").write_text(GOOD_PAGE.replace("title:", f"season: {10**40}\nepisode: -3\ntitle:"))
    (folder / "b-huge.json").write_text(json.dumps({"season": 10**40, "episode": 10**20, "segments": [
        {"speaker": "Ana", "startTime": 0, "body": "Hello there."}]}))  # fmt: skip
    (folder / "c-good.md").write_text(GOOD_PAGE, encoding="utf-8")
    podsift("ingest", "--no-embed", str(folder), db=backend_db)
    listed = {e["id"]: e for e in strict_json(podsift("episodes", "--json", db=backend_db).stdout)}  # type: ignore[union-attr]
    assert set(listed) == {"a-huge", "b-huge", "c-good"}
    shown = strict_json(podsift("show", "a-huge", "--json", db=backend_db).stdout)
    assert shown["season"] is None and shown["episode_number"] is None  # type: ignore[index]


# --------------------------------------------------------------------------- 2. YAML alias bombs


def alias_bomb(levels: int, field: str) -> str:
    """A page whose ``field`` is an alias to 9**levels copies of "lol" (about 300 bytes)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]")
    top = f"*a{levels - 1}"
    if field == "who":
        tail = f"transcript:\n- line: hi\n  sec: 0\n  who: {top}\n"
    else:
        tail = f"{field}: {top}\ntranscript:\n- line: hi\n  sec: 0\n  who: Ana\n"
    return "---\nanchors:\n" + "".join(f"  {line}\n" for line in lines) + tail + "---\n"


@pytest.mark.parametrize("field", ["title", "season", "guests", "who"])
def test_an_alias_bomb_in_any_field_is_refused_before_it_is_read(field: str) -> None:
    """Before the fix only extra fields were bounded: a 5-level bomb made a title of 400 KB."""
    text = alias_bomb(5, field)
    assert len(text) < 500
    started = time.perf_counter()
    with pytest.raises(SourceRejected, match="YAML aliases"):
        parsed(text, "bomb.md")
    assert time.perf_counter() - started < 1.0


def test_a_recursive_alias_is_refused_with_a_reason_and_modest_aliases_still_load() -> None:
    with pytest.raises(SourceRejected, match="alias to itself"):
        parsed("---\ntitle: &t [*t]\ntranscript:\n- line: hi\n  who: A\n---\n", "loop.md")
    page = GOOD_PAGE.replace("title: A good page", "host: &h Alexey\ncohost: *h\ntitle: A good page")
    episode = parsed(page, "ok.md")
    assert episode.extra["cohost"] == "Alexey" and len(episode.segments) == 2


def test_alias_bombs_fail_alone_and_the_run_goes_on(backend_db: str, tmp_path: Path) -> None:
    """Before the fix the bombs ingested (the title one as a 400 KB title), so no line named them."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-bomb.md").write_text(alias_bomb(5, "title"), encoding="utf-8")
    (folder / "b-good.md").write_text(GOOD_PAGE, encoding="utf-8")
    result = podsift("ingest", "--no-embed", str(folder), db=backend_db, check=1)
    (line,) = [e for e in result.stderr.splitlines() if e.startswith("podsift: error: ")]
    assert "a-bomb.md: " in line and "YAML aliases" in line
    assert "1 added" in result.stdout and "1 failed" in result.stdout

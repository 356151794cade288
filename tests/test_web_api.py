"""The HTTP API, through httpx, against the real app on a real SQLite database."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from conftest import DEMO, DEV_EVIDENCE, DEV_QUESTION, WEB_DATA, drop_table, fresh_database, hand_edit, podsift
from fastapi.testclient import TestClient

from podsift.web.app import ServerSettings, create_app
from podsift.web.archive import MAX_BODY

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def web_location(request: pytest.FixtureRequest, web_db: Path) -> str:
    """The web test archive on each backend."""
    if request.param == "sqlite":
        return str(web_db)
    url = fresh_database(request.getfixturevalue("pg_server"))
    podsift("ingest", *map(str, WEB_DATA), "--no-embed", db=url)
    return url


@pytest.fixture(scope="module")
def client(web_location: str) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(web_location))) as client:
        yield client


@pytest.fixture
def ingest_client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=db)
    app = create_app(ServerSettings(db, allow_ingest=True, ingest_token=TOKEN))
    with TestClient(app) as client:
        yield client


def test_search_gives_the_same_shape_as_the_cli(client: TestClient, web_location: str) -> None:
    response = client.get("/api/search", params={"q": DEV_QUESTION, "limit": 5})
    assert response.status_code == 200
    hits = response.json()["results"]
    cli = json.loads(podsift("search", DEV_QUESTION, "-n", "5", "--json", db=web_location).stdout)["results"]
    assert hits == cli
    assert any(DEV_EVIDENCE in h["text"] for h in hits)
    assert response.headers["server-timing"].startswith("app;dur=")


def test_nonsense_matches_nothing_and_results_come_in_score_order(client: TestClient) -> None:
    nothing = client.get("/api/search", params={"q": "xyzzy flibbertigibbet qwop"}).json()
    assert nothing["match"] == "none" and nothing["results"] == []
    assert nothing["message"] == "No moments match “xyzzy flibbertigibbet qwop”."
    page = client.get("/", params={"q": "xyzzy flibbertigibbet qwop"}).text
    assert "No moments match “xyzzy flibbertigibbet qwop”." in page and 'class="hit"' not in page
    found = client.get("/api/search", params={"q": "charge a client", "limit": 20}).json()
    assert found["match"] == "answers"
    scores = [h["score"] for h in found["results"]]
    assert scores == sorted(scores, reverse=True)


def test_a_quoted_name_no_moment_says_searches_that_person_in_the_api_the_pages_and_the_cli(
    client: TestClient, web_location: str
) -> None:
    """'"Tomás Rivera" drift' matched nothing ("No moments match"): the demo's transcript calls
    him Tomás and only its page writes his full name. A quoted name is the person."""
    query = '"Tomás Rivera" drift'
    body = client.get("/api/search", params={"q": query}).json()
    assert body["person"] == {"name": "Tomás Rivera", "role": "guest"}
    assert body["message"].startswith("No moment says “Tomás Rivera”; searched the episodes with guest Tomás Rivera")
    assert body["results"] and {h["episode_id"] for h in body["results"]} == {"ml-in-production"}
    assert "No moment says “Tomás Rivera”" in client.get("/", params={"q": query}).text
    cli = podsift("search", query, db=web_location).stdout
    assert cli.startswith("No moment says “Tomás Rivera”") and "ML in Production" in cli
    asked = client.get("/api/ask", params={"q": 'What does "Tomás Rivera" say about drift?'}).json()
    assert not asked["abstained"] and asked["sentences"][0]["speaker"] == "Tomás"
    assert "No moment says “Tomás Rivera”; taken as the guest Tomás Rivera." in asked["notes"]
    # A phrase some moment says stays a phrase, and a person filter already given is kept.
    said = client.get("/api/search", params={"q": '"shadow deployment"'}).json()
    assert said["person"] is None and said["results"]
    nothing = client.get("/api/search", params={"q": '"Tomás Rivera" "Amara"'}).json()
    assert nothing["match"] == "none" and nothing["person"] is not None
    assert nothing["message"].endswith("No moments match “\"Tomás Rivera\" \"Amara\"”.")  # no filters given
    filtered = client.get("/api/search", params={"q": query, "speaker": "Maya"}).json()
    assert filtered["person"] is None and filtered["match"] == "none"
    # The same person named by the filter too, as people narrow and then quote: found nothing.
    for named in ({"guest": "tomasrivera"}, {"guest": "Tomás Rivera"}, {"speaker": "Tomás"}):
        same = client.get("/api/search", params={"q": query, **named}).json()
        assert same["results"] and {h["episode_id"] for h in same["results"]} == {"ml-in-production"}, named
    # A misspelt word is mended within the person's episodes, and the suggestion keeps the name.
    mended = client.get("/api/search", params={"q": '"Tomás Rivera" drfit'}).json()
    assert mended["suggestion"] == '"Tomás Rivera" drift' and mended["person"] is not None
    assert mended["message"].endswith("for “\"Tomás Rivera\" drift”:")


def test_a_misspelt_word_gets_did_you_mean_in_the_api_the_pages_and_the_cli(client: TestClient, web_location: str) -> None:
    body = client.get("/api/search", params={"q": "Evidentyl reports drift"}).json()
    assert body["suggestion"] == "Evidently reports drift" and body["corrected"] is False and body["results"]
    page = client.get("/", params={"q": "Evidentyl reports drift"}).text
    assert 'Did you mean: <a href="/?q=Evidently%20reports%20drift">Evidently reports drift</a>' in page
    question = "How do you deploy a model to Kubernetis?"
    asked = client.get("/api/ask", params={"q": question}).json()
    assert asked["abstained"] and asked["suggestion"] == "How do you deploy a model to Kubernetes?"
    page = client.get("/ask", params={"q": question}).text
    assert 'Did you mean: <a href="/ask?q=How%20do%20you%20deploy%20a%20model%20to%20Kubernetes%3F">' in page
    cli = podsift("search", "Evidentyl reports drift", db=web_location).stdout
    assert cli.startswith("Did you mean: “Evidently reports drift”\n")
    assert "Did you mean: “How do you deploy a model to Kubernetes?”" in podsift("ask", question, db=web_location).stdout
    # Spelt right, nothing is offered.
    assert client.get("/api/search", params={"q": "Evidently reports drift"}).json()["suggestion"] is None
    assert '<p id="suggestion" class="suggestion" hidden>' in client.get("/", params={"q": "Evidently reports drift"}).text


def test_a_declined_answers_links_keep_the_filters_its_address_gives(client: TestClient) -> None:
    """Over a filtered question the archive declined, "Did you mean" and "search for them" dropped the
    speaker and show: following them asked (or searched) the whole archive."""
    filters = {"speaker": ["Jonas"], "show": ["Signal & Noise"]}
    question = "How do you deploy a model to Kubernetis?"
    page = client.get("/ask", params={"q": question, "speaker": "Jonas", "show": "Signal & Noise"}).text
    links = {unescape(text): urlparse(unescape(href)) for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)}
    offered, searched = links["How do you deploy a model to Kubernetes?"], links["search for them"]
    assert offered.path == "/ask" and parse_qs(offered.query) == {"q": ["How do you deploy a model to Kubernetes?"], **filters}
    assert searched.path == "/" and parse_qs(searched.query) == {"q": [question], **filters}


def test_search_filters_and_modes(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "price", "episode": "freelancing-in-data"}).json()["results"]
    assert hits and {h["episode_id"] for h in hits} == {"freelancing-in-data"}
    hits = client.get("/api/search", params={"q": "price", "speaker": "Jonas", "mode": "lexical"}).json()["results"]
    assert hits and all("Jonas" in h["speakers"] for h in hits)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 422, "q: Field required"),
        ({"q": "x", "mode": "fuzzy"}, 422, "mode: Input should be 'lexical', 'semantic' or 'hybrid'"),
        ({"q": "x", "limit": 0}, 422, "limit: Input should be greater than or equal to 1"),
        ({"q": "x", "mode": "semantic"}, 400, "semantic search needs embeddings"),
        ({"q": "x" * 10_001}, 422, "q: String should have at most 10000 characters"),
        ({"q": " "}, 400, "the query has no words"),
        ({"q": "-pricing"}, 400, "the query only leaves words out (-pricing): say what to look for too"),
        # A phrase left out is shown as one, not as a word left out and a word looked for.
        ({"q": '-"day rate"'}, 400, 'the query only leaves words out (-"day rate"): say what to look for too'),
        ({"q": "x", "episode": "nope"}, 400, "no episode 'nope' in the archive"),
        ({"q": "x", "speaker": "Nobody"}, 400, "no speaker 'Nobody' in the archive"),
        ({"q": "x", "from": "2024-13-45"}, 422, "from '2024-13-45' is no day of the calendar"),
        ({"q": "x", "from": "2025-01-01", "to": "2020-01-01"}, 422, "'from' (2025-01-01) is later than 'to' (2020-01-01)"),
        ({"q": "x", "guest": "%"}, 400, "a guest's name needs letters or digits"),
    ],
)
def test_bad_requests_say_what_went_wrong(client: TestClient, params: dict, status: int, message: str) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert message in response.json()["error"]


@pytest.mark.parametrize(("path", "params", "message"), [
    ("/", {"q": "???"}, "the query has no words: say what to look for"),
    ("/", {"q": "price", "show": "Nope Show"}, "no show &#39;Nope Show&#39; in the archive"),
    ("/ask", {"q": "?!"}, "the query has no words: say what to look for"),
    ("/", {"q": "-pricing"}, "the query only leaves words out (-pricing): say what to look for too"),
])  # fmt: skip
def test_a_page_asked_for_what_cannot_be_searched_says_why_and_keeps_the_query(
    client: TestClient, path: str, params: dict, message: str
) -> None:
    # It was a bare "400" error page with the search box emptied; now the search (or ask) page
    # says why, the query still in its box to mend, and the form still goes where it went.
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert message in response.text and 'role="alert"' in response.text
    assert response.text.count("<h1") == 1  # the ask page had none, which screen readers navigate by
    assert f'value="{params["q"]}"' in response.text
    assert f'action="{path}"' in response.text


def test_the_ask_page_answers_within_the_filters_its_address_gives(client: TestClient) -> None:
    page = client.get("/ask", params={"q": "how much should I charge a client", "episode": "freelancing-in-data"})
    assert page.status_code == 200 and "Only episode <b>freelancing-in-data</b>" in page.text
    cited = set(re.findall(r'class="cite"[^>]*href="/episodes/([^"#]+)', page.text))
    assert cited == {"freelancing-in-data"}
    assert '<input type="hidden" name="episode" value="freelancing-in-data">' in page.text  # the next question too
    bad = client.get("/", params={"q": "price", "from": "garbage"})
    assert bad.status_code == 422 and "from wants a date like 2023-01-31" in bad.text


def test_a_blank_question_is_a_bad_request_not_a_server_error(client: TestClient) -> None:
    response = client.get("/api/ask", params={"q": "  "})
    assert response.status_code == 400 and response.json()["error"] == "the query has no words: say what to look for"


def test_an_empty_query_is_the_same_400_in_search_and_ask(client: TestClient) -> None:
    """Review C #13: an empty `q` was a 400 in search but a 422 ("at least 1 character") in ask."""
    for path in ("/api/search", "/api/ask"):
        response = client.get(path, params={"q": ""})
        assert (response.status_code, response.json()) == (
            400, {"error": "the query has no words: say what to look for", "status": 400}), path


def test_a_show_is_found_by_its_name_in_any_case_as_the_filter_finds_it(client: TestClient) -> None:
    """Review C #13: /api/shows/{name} was case-sensitive, unlike the `show=` filter."""
    for name in ("Signal & Noise", "signal & noise", "SIGNAL  &  NOISE"):
        response = client.get(f"/api/shows/{quote(name)}")
        assert response.status_code == 200, (name, response.text)
        assert response.json()["show"]["name"] == "Signal & Noise"
        assert [e["id"] for e in response.json()["episodes"]] == ["career-switch"]
        assert "<h1>Signal &amp; Noise</h1>" in client.get(f"/shows/{quote(name)}").text
    assert client.get("/api/shows/signal").status_code == 404
    # The search page kept "signal & noise"'s moments under a menu saying "All shows", so the
    # next search from that page searched everything; the menu shows the show it searches.
    page = client.get("/", params={"q": "teaching", "show": "signal & noise"}).text
    assert '<option value="Signal &amp; Noise" selected>' in page


def test_an_archive_of_one_show_shows_its_menu_when_the_address_chooses_the_show(tmp_path: Path) -> None:
    """With one show the menu was hidden, so `?show=NAME` filtered without saying so and the
    next search from the page dropped it; now the chosen show is shown and kept."""
    db = tmp_path / "one-show.db"
    podsift("ingest", str(DEMO / "career-switch.json"), "--no-embed", db=db)
    with TestClient(create_app(ServerSettings(str(db)))) as one_show:
        chosen = one_show.get("/", params={"q": "teaching", "show": "signal & noise"}).text
        assert '<option value="Signal &amp; Noise" selected>' in chosen
        assert '<select id="show"' not in one_show.get("/", params={"q": "teaching"}).text  # nothing to choose
    bare = tmp_path / "no-show.db"  # an archive with no show at all shows no menu, whatever the address says
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=bare)
    with TestClient(create_app(ServerSettings(str(bare)))) as no_show:
        assert '<select id="show"' not in no_show.get("/", params={"q": "client", "show": "Nope"}).text


def test_ask_gives_the_same_shape_as_the_cli(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "how much should I charge a client"}).json()
    assert {"question", "answer", "abstained", "citations", "answerer"} <= set(body)
    assert not body["abstained"] and body["citations"]
    assert all({"episode_id", "start", "end", "speaker", "text", "url"} <= set(c) for c in body["citations"])
    assert body["answerer"] == "extractive" and body["answered_by"] == "quoted from the archive"


def test_the_ask_page_says_the_answer_is_quoted(client: TestClient) -> None:
    page = client.get("/ask", params={"q": "how much should I charge a client"}).text
    assert '<p class="answered-by">Answer quoted from the archive' in page
    assert "answered by extractive" not in page


def test_episode_list_and_one_episode(client: TestClient) -> None:
    listed = {e["id"]: e for e in client.get("/api/episodes").json()}
    assert {"ml-in-production", "algorithms-data-structures-for-engineers", "xss"} <= set(listed)
    episode = client.get("/api/episodes/ml-in-production").json()
    assert episode["links"]["youtube"] == "https://www.youtube.com/watch?v=mlProdDemo1"
    assert episode["speakers"] == ["Maya", "Tomás"]
    assert [c["title"] for c in episode["chapters"]][0] == "From notebook to first deployment"
    assert len(episode["segments"]) == listed["ml-in-production"]["segments"]


def test_the_api_keeps_the_servers_file_paths_to_itself(client: TestClient, web_location: str) -> None:
    """Review C #14: /api/episodes/{id} gave `source_path`, the server's absolute path to the file."""
    episode = client.get("/api/episodes/ml-in-production").json()
    assert "source_path" not in episode and str(DEMO) not in json.dumps(episode)
    mine = json.loads(podsift("--json", "show", "ml-in-production", db=web_location).stdout)
    assert mine["source_path"] == str(DEMO / "ml-in-production.md")  # on the user's own machine it stays


@pytest.mark.parametrize(("fmt", "kind", "start"), [("vtt", "text/vtt", "WEBVTT"), ("srt", "application/x-subrip", "1\n"),
                                                     ("json", "application/json", "{"), ("md", "text/markdown", "---\ntitle: Freelancing in data\n")])  # fmt: skip
def test_exports(client: TestClient, fmt: str, kind: str, start: str) -> None:
    response = client.get(f"/api/episodes/freelancing-in-data/export.{fmt}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    assert response.text.startswith(start)
    assert f'filename="freelancing-in-data.{fmt}"' in response.headers["content-disposition"]


def vtt_archive(folder: Path, names: list[str]) -> Path:
    """A lexical SQLite archive of one short, distinct WebVTT file per name (ids come from file names)."""
    folder.mkdir()
    for i, name in enumerate(names):
        (folder / f"{name}.vtt").write_text(f"WEBVTT\n\n00:00:0{i}.000 --> 00:00:0{i + 1}.500\n<v Ann>Talk number {i} "
                                            f"is about gardens, trees and {name}.\n", encoding="utf-8")  # fmt: skip
    db = folder.parent / "podsift.db"
    podsift("ingest", str(folder), "--no-embed", "--no-entities", db=db)
    return db


def test_exports_of_episodes_named_in_any_script_download_under_their_name(tmp_path: Path) -> None:
    """Review C #3: an id beyond Latin-1 (Japanese, an emoji) failed in the header (500)."""
    from urllib.parse import unquote

    db = vtt_archive(tmp_path / "uni", ["日本語トーク", "emoji😀talk", "Bäume im Wald"])
    with TestClient(create_app(ServerSettings(db, preload_model=False)), raise_server_exceptions=False) as client:
        for episode_id, fallback in [("日本語トーク", "episode"), ("emoji😀talk", "emojitalk"), ("Bäume-im-Wald", "Baume-im-Wald")]:
            for fmt in ("vtt", "md"):
                response = client.get(f"/api/episodes/{episode_id}/export.{fmt}")
                assert response.status_code == 200, (episode_id, response.text)
                plain, utf8 = response.headers["content-disposition"].split("; filename*=UTF-8''")
                assert plain == f'attachment; filename="{fallback}.{fmt}"'
                assert unquote(utf8) == f"{episode_id}.{fmt}"


def test_a_show_named_with_dots_alone_is_linked_where_it_is(tmp_path: Path) -> None:
    """Review C #15: /shows linked a show named ".." as href="/shows/..", which a browser resolves to "/"."""
    import re
    from urllib.parse import urljoin

    db = tmp_path / "podsift.db"
    for i, show in enumerate([".", ".."]):
        segments = [{"speaker": "Ann", "startTime": 0.0, "endTime": 5.0, "body": f"Episode {i} of a show with an odd name."}]
        (tmp_path / f"dots{i}.json").write_text(json.dumps({"title": f"Dots {i}", "show": show, "segments": segments}))
        podsift("ingest", str(tmp_path / f"dots{i}.json"), "--no-embed", "--no-entities", db=db)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        links = re.findall(r'class="show-title" href="([^"]+)">([^<]+)</a>', client.get("/shows").text)
        assert sorted(links) == [("/shows/%2E", "."), ("/shows/%2E%2E", "..")]
        for href, show in links:
            where = urljoin("http://testserver/shows", href)  # as a browser resolves it
            assert where == f"http://testserver{href}"
            page = client.get(where)
            assert page.status_code == 200 and f"<h1>{show}</h1>" in page.text
            assert client.get(f"/api{href}").json()["show"]["name"] == show


def test_only_a_well_formed_youtube_id_makes_a_youtube_link(tmp_path: Path) -> None:
    """Review C #16: a malformed id went unencoded into a moment's play `url` ("watch?v=abc" onload=…&t=30")."""
    page = (DEMO / "ml-in-production.md").read_text(encoding="utf-8")
    odd = tmp_path / "odd.md"
    odd.write_text(page.replace("  youtube: mlProdDemo1\n", "  youtube: 'abc&list=x#\" onload=\"go()'\n", 1), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(odd), str(DEMO / "ml-in-production.md"), "--no-embed", "--no-entities", db=db)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        hits = client.get("/api/search", params={"q": "shadow deployment", "limit": 20}).json()["results"]
        urls = {h["episode_id"]: h["url"] for h in hits}
        assert urls["ml-in-production"].startswith("https://www.youtube.com/watch?v=mlProdDemo1&t=")
        # The odd one plays from its own audio instead, as an episode without a video would.
        assert urls["odd"].startswith("https://podcasts.example.com/demo/episodes/ML-in-Production---Tomas-Rivera-demo01#t=")
        assert client.get("/api/episodes/odd").json()["links"]["youtube"] is None
        shown = client.get("/episodes/odd").text
        assert "onload" not in shown and "Play on YouTube" not in shown and '<audio id="audio"' in shown
        assert "Play on YouTube" in client.get("/episodes/ml-in-production").text


def test_a_failure_nothing_foresaw_answers_the_documented_error_and_logs_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Review C #4: an unexpected error came back as text/plain "Internal Server Error"."""
    db = vtt_archive(tmp_path / "talks", ["roses", "tulips"])
    log = logging.getLogger("uvicorn.error")
    log.addHandler(caplog.handler)  # the server's log, whatever uvicorn set up before
    try:
        with TestClient(create_app(ServerSettings(db, preload_model=False)), raise_server_exceptions=False) as client:
            assert client.get("/api/episodes/roses").status_code == 200
            with sqlite3.connect(db) as other:  # the archive broken under the running server
                other.execute("UPDATE episodes SET extra = '{not json' WHERE id = 'roses'")
            api = client.get("/api/episodes/roses")
            page = client.get("/episodes/roses")
    finally:
        log.removeHandler(caplog.handler)
    assert api.status_code == 500 and api.json() == {
        "error": "the server failed to answer this request; its log says why", "status": 500}
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "its log says why" in page.text and "JSONDecodeError" not in page.text
    for response in (api, page):
        assert response.headers["x-frame-options"] == "DENY" and "server-timing" in response.headers
    assert "JSONDecodeError" in caplog.text and "GET /api/episodes/roses failed" in caplog.text


@pytest.mark.parametrize(("edit", "lost", "api_paths", "page_paths"), [
    (lambda db: drop_table(db, "mentions"), "the archive has lost its table mentions",
     ["/api/entities", "/api/entities/Maya"], ["/entities", "/episodes/freelancing-in-data"]),
    # A column lost (a hand edit, an old file) was a 500 too, where its table was said.
    (lambda db: hand_edit(db, "ALTER TABLE segments DROP COLUMN speaker"), "the archive has lost its column speaker",
     ["/api/episodes/freelancing-in-data"], ["/episodes/freelancing-in-data"]),
], ids=["table", "column"])  # fmt: skip
def test_what_the_archive_lost_is_named_in_one_line(
    backend_db: str, caplog: pytest.LogCaptureFixture, edit: Callable[[str], None], lost: str, api_paths: list[str],
    page_paths: list[str],
) -> None:
    """A request reading a table the archive lost (a bad copy, a hand edit) answered "the server
    failed to answer this request" (500), with the database's traceback in the server's log."""
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=backend_db)
    log = logging.getLogger("uvicorn.error")
    log.addHandler(caplog.handler)
    try:
        with TestClient(create_app(ServerSettings(backend_db, preload_model=False)),
                        raise_server_exceptions=False) as client:  # fmt: skip
            edit(backend_db)  # under the running server
            lost = f"{lost}; run `podsift doctor` for what to do"
            for path in api_paths:
                answer = client.get(path)
                assert (answer.status_code, answer.json()) == (503, {"error": lost, "status": 503})
            for path in page_paths:
                page = client.get(path)
                assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
                assert unescape(re.sub(r"<[^>]+>", " ", page.text)).count(lost) == 1
            # What does not read what was lost still answers.
            assert client.get("/api/search", params={"q": "rate"}).json()["results"]
    finally:
        log.removeHandler(caplog.handler)
    assert f"GET {page_paths[0]}: {lost}" in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize("path", [
    "/api/episodes/nope", "/api/episodes/..%2F..%2Fetc%2Fpasswd", "/api/episodes/%2e%2e/export.vtt",
    "/api/episodes/freelancing-in-data/export.exe", "/static/..%2F..%2Fapp.py", "/episodes/..%2Fpodsift.db",
    # Review C #5: an id with a NUL failed on PostgreSQL (500); no episode has one.
    "/api/episodes/%00", "/api/episodes/a%00/export.vtt", "/episodes/a%00",
])  # fmt: skip
def test_no_path_leads_outside(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "SQLite format" not in response.text


def test_pages_come_back_escaped(client: TestClient) -> None:
    for path in ("/episodes/xss", "/episodes/xss-speaker", "/?q=payload", "/ask?q=payload+testing"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, path
        assert "&lt;script&gt;alert" in page.text or "&lt;img src=x" in page.text, path
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_api_docs_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


def test_ingest_is_off_unless_allowed(client: TestClient) -> None:
    response = client.post("/api/ingest", params={"filename": "a.srt"}, content=b"1\n00:00:01,000 --> 00:00:02,000\nHi\n")
    assert response.status_code == 403 and "--allow-ingest" in response.json()["error"]


def test_ingest_needs_the_token(ingest_client: TestClient) -> None:
    data = (DEMO / "vector-search-basics.vtt").read_bytes()
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = ingest_client.post("/api/ingest", params={"filename": "v.vtt"}, content=data, headers=headers)
        assert response.status_code == 401
    assert len(ingest_client.get("/api/episodes").json()) == 1


def test_ingest_with_the_token(ingest_client: TestClient) -> None:
    data = (DEMO / "vector-search-basics.vtt").read_bytes()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = ingest_client.post("/api/ingest", params={"filename": "../../vector-search-basics.vtt"},
                                  content=data, headers=auth)  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "added" and response.json()["episode_id"] == "vector-search-basics"
    assert any(h["episode_id"] == "vector-search-basics"
               for h in ingest_client.get("/api/search", params={"q": "dense vectors"}).json()["results"])  # fmt: skip
    # The first upload's file went with its request: the same bytes again are a copy, not that file moved.
    again = ingest_client.post("/api/ingest", params={"filename": "v.vtt"}, content=data, headers=auth)
    assert again.json()["status"] == "skipped" and again.json()["notes"] == ["same content as episode 'vector-search-basics'"]
    # Edited and uploaded again: a new episode, its note naming the earlier upload by its file (it
    # named the server's temporary folder, "/tmp/tmpie8ewgdf/vector-search-basics.vtt").
    edited = ingest_client.post("/api/ingest", params={"filename": "vector-search-basics.vtt"},
                                content=data.replace(b"vectors", b"embeddings"), headers=auth).json()  # fmt: skip
    assert (edited["status"], edited["episode_id"]) == ("added", "vector-search-basics-2")
    assert edited["notes"] == ["id 'vector-search-basics' is already taken by an earlier upload, vector-search-basics.vtt; "
                               "this episode is 'vector-search-basics-2'"]  # fmt: skip
    bad = ingest_client.post("/api/ingest", params={"filename": "x.vtt"}, content=b"\x00\x01\x02" * 10, headers=auth)
    assert bad.status_code == 422 and bad.json()["error"].startswith("x.vtt: ")


def test_an_upload_of_a_file_gone_from_the_server_is_a_copy_not_a_move(tmp_path: Path) -> None:
    # Ingested from the server's disk, then deleted there: the same bytes uploaded are no move.
    # They were: the episode's file became the upload's vanished folder and the note named the
    # server's own folder ("moved here from /srv/...").
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "talk.srt").write_bytes((DEMO / "freelancing-in-data.srt").read_bytes())
    db = tmp_path / "podsift.db"
    podsift("ingest", str(folder), "--no-embed", db=db)
    (folder / "talk.srt").unlink()
    with TestClient(create_app(ServerSettings(db, allow_ingest=True, ingest_token=TOKEN))) as client:
        again = client.post("/api/ingest", params={"filename": "talk.srt"}, headers={"Authorization": f"Bearer {TOKEN}"},
                            content=(DEMO / "freelancing-in-data.srt").read_bytes()).json()  # fmt: skip
    assert (again["status"], again["notes"]) == ("skipped", ["same content as episode 'talk'"])
    assert str(tmp_path) not in json.dumps(again)


def test_an_episode_is_removed_over_the_api_with_the_token(ingest_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert ingest_client.delete("/api/episodes/freelancing-in-data").status_code == 401  # no token, nothing gone
    assert ingest_client.get("/api/episodes/freelancing-in-data").status_code == 200
    gone = ingest_client.delete("/api/episodes/freelancing-in-data", headers=auth)
    assert gone.status_code == 200 and gone.json() == {"removed": "freelancing-in-data"}
    assert ingest_client.get("/api/episodes/freelancing-in-data").status_code == 404
    assert ingest_client.get("/api/episodes").json() == []
    again = ingest_client.delete("/api/episodes/freelancing-in-data", headers=auth)
    assert again.status_code == 404 and again.json()["error"] == "no episode 'freelancing-in-data'"
    ingest_client.post("/api/ingest", params={"filename": "career-switch.json"},
                       content=(DEMO / "career-switch.json").read_bytes(), headers=auth)  # fmt: skip
    typo = ingest_client.delete("/api/episodes/career-swich", headers=auth)
    assert typo.status_code == 404 and typo.json()["error"] == "no episode 'career-swich' (did you mean 'career-switch'?)"
    assert ingest_client.get("/api/episodes/career-switch").status_code == 200


def test_an_archive_with_no_episodes_says_to_ingest_in_the_api_and_the_pages(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / "demo"), db=db, check=1)  # no such folder, yet a database
    app = create_app(ServerSettings(db, allow_ingest=True, ingest_token=TOKEN, preload_model=False))
    hint = "the archive has no episodes yet; `podsift ingest FOLDER` adds transcripts"
    with TestClient(app) as empty:
        for path in ("/api/search", "/api/ask"):
            response = empty.get(path, params={"q": "how did you set your price"})
            assert (response.status_code, response.json()["error"]) == (409, hint)
        # Not "semantic search needs embeddings" (a 400): an empty archive has nothing to embed yet.
        for mode in ("semantic", "hybrid"):
            response = empty.get("/api/search", params={"q": "how did you set your price", "mode": mode})
            assert (response.status_code, response.json()["error"]) == (409, hint)
        for path in ("/", "/ask"):
            page = empty.get(path, params={"q": "how did you set your price"})
            assert page.status_code == 409 and "podsift ingest FOLDER" in page.text
        data = (DEMO / "freelancing-in-data.srt").read_bytes()
        added = empty.post("/api/ingest", params={"filename": "f.srt"}, content=data,
                           headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert added.status_code == 200, added.text
        # Uploads to an archive that started empty are embedded, as `podsift ingest` would.
        semantic = empty.get("/api/search", params={"q": "what should a freelancer charge", "mode": "semantic"})
        assert semantic.status_code == 200 and semantic.json()["results"], semantic.text
        # With an episode, a query nothing matches is an ordinary empty result again.
        nothing = empty.get("/api/search", params={"q": "xyzzy flibbertigibbet qwop"})
        assert nothing.status_code == 200 and nothing.json()["match"] == "none"
        assert empty.get("/api/search", params={"q": "how did you set your price"}).json()["results"]


def test_oversized_requests_are_refused(ingest_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = ingest_client.post("/api/ingest", params={"filename": "big.vtt"}, content=b"x" * (MAX_BODY + 1),
                                  headers=auth)  # fmt: skip
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_head_answers_as_get_would_without_the_body(client: TestClient) -> None:
    """Review C #13: HEAD on every page and GET endpoint was 405, so `curl -I` and uptime checks failed."""
    for path in ("/api/episodes", "/episodes/ml-in-production", "/api/episodes/nope"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code and head.content == b"", path
        assert head.headers["content-length"] == got.headers["content-length"], path
        assert head.headers["content-type"] == got.headers["content-type"], path


def test_requests_refused_for_their_size_carry_the_usual_headers(client: TestClient, ingest_client: TestClient) -> None:
    """Review C #13: a 413 or 414 had no Server-Timing and no security headers, and a page's 414 was JSON."""
    big = ingest_client.post("/api/ingest", params={"filename": "big.vtt"}, content=b"x" * (MAX_BODY + 1),
                             headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    api = client.get("/api/search", params={"q": "x" * 40_001})
    page = client.get("/", params={"q": "x" * 40_001})
    assert (big.status_code, api.status_code, page.status_code) == (413, 414, 414)
    assert api.json() == {"error": "query string too long", "status": 414}
    assert page.headers["content-type"].startswith("text/html") and "query string too long" in page.text
    for response in (big, api, page):
        assert response.headers["server-timing"].startswith("app;dur=")
        assert response.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_the_token_needs_the_bearer_scheme_in_any_case(ingest_client: TestClient) -> None:
    """Issue 16: the bare token, without "Bearer ", was accepted."""
    data = (DEMO / "vector-search-basics.vtt").read_bytes()
    bare = ingest_client.post("/api/ingest", params={"filename": "v.vtt"}, content=data, headers={"Authorization": TOKEN})
    assert bare.status_code == 401
    lower = ingest_client.post("/api/ingest", params={"filename": "v.vtt"}, content=data,
                               headers={"Authorization": f"bearer {TOKEN}"})  # fmt: skip
    assert lower.status_code == 200, lower.text


def test_a_short_token_is_refused(web_db: Path, tmp_path: Path) -> None:
    """Issue 16: a one-character upload token was accepted."""
    result = podsift("serve", "--allow-ingest", db=web_db, env={"PODSIFT_INGEST_TOKEN": "x"}, check=2)
    assert "too short" in result.stderr and "PODSIFT_INGEST_TOKEN" in result.stderr
    with pytest.raises(ValueError, match="too short"):
        create_app(ServerSettings(web_db, allow_ingest=True, ingest_token="short", preload_model=False))


def test_pages_say_no_framing_and_keep_searches_out_of_referrers(client: TestClient) -> None:
    """Issue 16: no frame-ancestors / X-Frame-Options and no Referrer-Policy were sent."""
    for path in ("/", "/api/episodes", "/no-such-page"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_parameters_out_of_range_get_422_not_500(client: TestClient) -> None:
    """Issue 16: a season past 64 bits overflowed the database binding (500); dates were not checked."""
    for params in ({"season": str(2**63)}, {"from": "yesterday"}, {"to": "2023-13"}):
        response = client.get("/api/search", params={"q": "pricing"} | params)
        assert response.status_code == 422, (params, response.text)
        assert next(iter(params)) in response.json()["error"]
    assert client.get("/api/search", params={"q": "pricing", "season": "1", "from": "2020-01-01"}).status_code == 200


def test_unusable_upload_names_get_400_not_500(ingest_client: TestClient) -> None:
    """Issue 16: a name with a NUL, or over 255 bytes, failed when written (500)."""
    data = (DEMO / "vector-search-basics.vtt").read_bytes()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for name in ("a\x00b.vtt", "é" * 130 + ".vtt", "tab\there.vtt"):
        response = ingest_client.post("/api/ingest", params={"filename": name}, content=data, headers=auth)
        assert response.status_code == 400 and "unusable file name" in response.json()["error"], response.text
    assert ingest_client.get("/api/episodes").status_code == 200  # the connection still serves


def test_an_episode_with_deeply_nested_metadata_is_served(tmp_path: Path) -> None:
    """Issue 16: extra metadata nested 300 deep made /api/episodes/ID fail (500)."""
    page = (DEMO / "ml-in-production.md").read_text(encoding="utf-8")
    deep = tmp_path / "deep.md"
    deep.write_text(page.replace("topics:", "nested: " + "[" * 300 + "1" + "]" * 300 + "\ntopics:", 1), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(deep), "--no-embed", "--no-entities", db=db)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as deep_client:
        response = deep_client.get("/api/episodes/deep")
        assert response.status_code == 200, response.text
        assert isinstance(response.json()["extra"]["nested"], list)
        assert deep_client.get("/episodes/deep").status_code == 200
    report = podsift("report", "deep", db=db).stdout
    assert "deep_metadata" in report


def test_serve_refuses_ingest_without_a_token(web_db: Path) -> None:
    result = podsift("serve", "--allow-ingest", db=web_db, env={"PODSIFT_INGEST_TOKEN": ""}, check=2)
    assert "PODSIFT_INGEST_TOKEN" in result.stderr


def test_pages_link_to_the_exact_start_of_a_line(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    segments = [{"speaker": "Ann Lee", "startTime": 0.0, "endTime": 12.345, "body": "Hello and welcome to the show, we talk about roads."},
                {"speaker": "Bo Chen", "startTime": 12.345, "endTime": 20.0, "body": "Zebra crossings are what I draw on roads all day."}]  # fmt: skip
    (tmp_path / "roads.json").write_text(json.dumps({"title": "Roads", "segments": segments}))
    podsift("ingest", str(tmp_path / "roads.json"), "--no-embed", db=db)
    with TestClient(create_app(ServerSettings(db))) as client:
        assert "/episodes/roads#s1" in client.get("/", params={"q": "zebra crossings"}).text  # at the line itself
        assert 'href="#s1"' in client.get("/episodes/roads").text
        assert "/episodes/roads#s1" in client.get("/people/Bo Chen").text


def test_the_fold_out_counts_all_of_an_episodes_further_moments(client: TestClient) -> None:
    """The page and the API said "5 more in this episode" of an episode with dozens more:
    five are listed, and now the count is of them all, as the CLI's "+ N more" is."""
    import re

    api = client.get("/api/search", params={"q": "data", "mode": "lexical", "limit": 20}).json()["results"]
    grouped = [(len(h["more"]), h["more_total"]) for h in api if h["more"]]
    assert any(total > shown == 5 for shown, total in grouped)
    assert all(shown == min(5, total) for shown, total in grouped)
    page = client.get("/", params={"q": "data", "mode": "lexical"}).text
    said = re.findall(r"<summary>([^<]*) more in this episode</summary>", page)
    assert said == [f"{shown} of {total}" if total > shown else str(shown) for shown, total in grouped]


def test_a_parameter_given_twice_is_refused_rather_than_the_last_kept(client: TestClient) -> None:
    """`?speaker=Maya&speaker=Jonas` answered with Jonas's moments alone, as if Maya were never
    asked for; the CLI refuses `--speaker` twice, and the API now says so too."""
    twice = client.get("/api/search", params=[("q", "rate"), ("speaker", "Maya"), ("speaker", "Jonas")])
    assert twice.status_code == 422
    assert twice.json() == {"error": "speaker was given more than once; it takes one value", "status": 422}
    page = client.get("/", params=[("q", "rate"), ("speaker", "Maya"), ("speaker", "Jonas")])
    assert page.status_code == 422 and "speaker was given more than once" in page.text
    once = client.get("/api/search", params=[("q", "rate"), ("speaker", "Jonas"), ("mode", "lexical")])
    assert once.status_code == 200 and {h["speaker"] for h in once.json()["results"]} == {"Jonas"}
    # A parameter podsift never reads is not its business: a shared link's tracking tags twice.
    tagged = [("utm_source", "a"), ("utm_source", "b")]
    assert client.get("/episodes/career-switch", params=tagged).status_code == 200
    # The API reads no such parameter: a misspelt filter is said to be unknown, not ignored.
    typo = client.get("/api/search", params={"q": "rate", "spaeker": "Maya"})
    assert typo.status_code == 422 and typo.json()["error"].startswith("unknown parameter 'spaeker'; /api/search reads ")


ASK_READS = "/api/ask reads entity, episode, from, guest, q, season, show, speaker, to"


@pytest.mark.parametrize(("path", "params", "extra", "reads"), [
    ("/api/ask", {"q": "rate"}, ("limit", "5"), ASK_READS),
    ("/api/ask", {"q": "rate"}, ("mode", "lexical"), ASK_READS),
    ("/api/episodes", {}, ("speaker", "Maya"), "/api/episodes reads limit, offset"),
    ("/api/entities", {"type": "tool"}, ("q", "python"), "/api/entities reads limit, offset, type"),
])  # fmt: skip
def test_a_parameter_another_endpoint_reads_is_refused_where_it_means_nothing(
    client: TestClient, path: str, params: dict[str, str], extra: tuple[str, str], reads: str
) -> None:
    """`/api/ask?limit=5` answered as if the limit were kept (ask reads none), since /api/search reads
    one: a parameter is now refused unless the endpoint asked for reads it, saying what it reads."""
    refused = client.get(path, params=params | dict([extra]))
    assert refused.json() == {"error": f"unknown parameter {extra[0]!r}; {reads}", "status": 422}
    assert client.get(path, params=params).status_code == 200
    # The pages still let by what they do not read (a shared link's tracking tags), as before.
    assert client.get("/ask", params={"q": "rate", "limit": 5, "utm_source": "feed"}).status_code == 200


def test_a_wrong_method_is_a_405_whatever_the_parameters(client: TestClient) -> None:
    """`POST /api/search?q=drift&zzz=1` was a 422 naming zzz, where the method is what is wrong."""
    assert client.post("/api/search", params={"q": "drift", "zzz": "1"}).status_code == 405
    assert client.post("/api/search", params={"q": "drift"}).status_code == 405


def test_an_ask_page_whose_filters_leave_nothing_says_so(client: TestClient) -> None:
    """It said the archive did not cover the question, when the filters had left no moment to ask."""
    page = client.get("/ask", params={"q": "how much should I charge a client", "season": "99"}).text
    assert "No moments match within these filters." in page and "does not seem to cover" not in page


@pytest.mark.parametrize("path", ["/?q=%00", "/?q=price%00", "/ask?q=%00price", "/?q=%1b%5B31mprice"])
def test_pages_never_carry_control_characters_from_the_address(client: TestClient, path: str) -> None:
    """"/?q=%00" put a raw NUL in the page's heading and search box, which no HTML may hold."""
    page = client.get(path).text
    assert "<h1" in page and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)


def test_people_and_key_points_are_worked_out_once_per_change_of_the_archive(tmp_path: Path) -> None:
    """On a large archive they took a long episode's page 100 ms and more, on every visit; a page
    still follows the archive as it changes."""
    from podsift.web.archive import Archive

    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=db)
    with TestClient(create_app(ServerSettings(db))) as client:
        archive: Archive = client.app.state.archive  # type: ignore[attr-defined]
        episode = archive.episode("freelancing-in-data")
        assert archive.summary(episode) is archive.summary(episode)
        listed = client.get("/api/people").json()
        podsift("ingest", str(DEMO / "ml-in-production.md"), "--no-embed", db=db)  # another process writes
        names = [p["name"] for p in client.get("/api/people").json()]
        assert "Tomás" in names and len(names) > len(listed)
        page = client.get("/episodes/ml-in-production")
        assert page.status_code == 200 and "Tomás" in page.text

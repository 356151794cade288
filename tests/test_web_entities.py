"""Entity and people pages and their API, through httpx, on the seeds in real SQLite and PostgreSQL archives."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from conftest import REPO, SEEDS, TOOLS, LiveServer, archive_location, many_talks, podsift, seed
from fastapi.testclient import TestClient
from markupsafe import escape

from podsift.web.app import ServerSettings, create_app
from podsift.words import person_key

XSS = [REPO / "tests" / "data" / "xss.md", REPO / "tests" / "data" / "xss-speaker.json"]
SEED_000 = seed("000").stem  # the Host/Guest interview with Isabella; its id is its file name
HOSTILE_GUEST = "<img src=x onerror=alert(2)>"  # xss.md's guest
HOSTILE_SPEAKER = "</p><script>alert('speaker2')</script>"  # xss-speaker.json's second speaker


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds and two hostile transcripts, ingested (entities found as they are) on each backend."""
    location = archive_location(request.param, request, tmp_path_factory.mktemp("entities"))
    podsift("ingest", str(SEEDS), *map(str, XSS), "--no-embed", db=location)
    return location


@pytest.fixture(scope="module")
def client(location: str) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(location, preload_model=False))) as client:
        yield client


def hrefs(page: str, prefix: str) -> list[str]:
    """The links on a page that start with ``prefix``, as the browser would follow them."""
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page) if html.unescape(h).startswith(prefix)]


def test_an_entity_lists_every_moment_even_misheard(client: TestClient, location: str) -> None:
    response = client.get("/api/entities/hugging face")  # any spelling finds it
    assert response.status_code == 200, response.text
    entity = response.json()
    assert (entity["name"], entity["type"]) == ("Hugging Face", "org")
    assert entity["mentions"] == len(entity["moments"]) and entity["episodes"] >= 1
    misheard = [m for m in entity["moments"] if m["surface"] == "Hagen face"]
    assert misheard, [m["surface"] for m in entity["moments"]]
    moment = misheard[0]
    assert moment["episode_id"] == SEED_000 and moment["episode_title"]
    assert moment["speaker"] == "Host" and "Hagen face" in moment["text"]
    assert isinstance(moment["start"], float) and moment["start"] > 0 and moment["time_estimated"] is False
    assert moment["url"] is None  # seed 000 has neither a video nor audio to play
    assert "Discord" in {c["name"] for c in entity["co_mentioned"]}  # "hugging face. Discord"
    assert client.get("/api/entities/HUGGING-FACE").json()["moments"] == entity["moments"]
    # As the CLI says, less the paging (every mention fits on the API's first page here).
    assert entity["next"] is None and entity["total"] == entity["mentions"]
    paging = {"total", "limit", "offset", "next"}
    assert {k: v for k, v in entity.items() if k not in paging} == json.loads(podsift("entity", "hugging face", "--json", db=location).stdout)


def test_entities_by_type(client: TestClient, location: str) -> None:
    orgs = client.get("/api/entities", params={"type": "org"}).json()
    assert orgs == json.loads(podsift("entities", "--type", "org", "--json", db=location).stdout)
    names = {e["name"] for e in orgs}
    assert {"DataTalks.Club", "Omdena", "Hugging Face"} <= names
    assert {e["type"] for e in orgs} == {"org"}
    assert all(e["mentions"] >= e["episodes"] >= 1 for e in orgs)
    everything = client.get("/api/entities").json()
    assert len(everything) > len(orgs) and {e["type"] for e in everything} <= {"org", "tool", "person", "place"}
    # Where an episode has a video, each moment plays from its own second there.
    club = client.get("/api/entities/datatalks club").json()
    on_video = [m for m in club["moments"] if m["episode_id"] == seed("004").stem]
    assert on_video and all(m["url"] == f"https://www.youtube.com/watch?v=m45tNY-8gY8&t={int(m['start'])}" for m in on_video)
    bad = client.get("/api/entities", params={"type": "planet"})
    assert bad.status_code == 422 and bad.json()["error"].startswith("type: ")


def test_search_only_in_moments_that_mention_an_entity(client: TestClient) -> None:
    everywhere = client.get("/api/search", params={"q": "course"}).json()["results"]
    assert {h["episode_id"] for h in everywhere} != {SEED_000}  # the filter has something to remove
    hits = client.get("/api/search", params={"q": "course", "entity": "Hugging Face"}).json()["results"]
    assert hits
    mentions = client.get("/api/entities/Hugging Face").json()["moments"]
    for hit in hits:
        assert hit["episode_id"] == SEED_000
        # Every hit says the name, as it was heard ("Hagen face" counts), not merely a
        # neighbouring piece of a long turn that says it.
        assert any(m["surface"].lower() in hit["text"].lower() for m in mentions), hit["text"]
    assert client.get("/api/search", params={"q": "course", "entity": "hugging face"}).json()["results"] == hits
    unnamed = client.get("/api/search", params={"q": "course", "entity": "Nobody Knows This"})
    assert unnamed.status_code == 400 and unnamed.json()["error"].startswith("no moment names 'Nobody Knows This'")


def test_an_unknown_entity_is_a_404_that_names_it(client: TestClient) -> None:
    response = client.get("/api/entities/Frobnicator Labs")
    assert response.status_code == 404
    assert response.json()["status"] == 404 and "Frobnicator Labs" in response.json()["error"]
    page = client.get("/entities/" + quote("<script>alert(1)</script>", safe=""))
    assert page.status_code == 404 and "&lt;script&gt;alert(1)" in page.text and "<script>alert" not in page.text
    person = client.get("/api/people/Nobody Knows This")
    assert person.status_code == 404 and "Nobody Knows This" in person.json()["error"]


def test_people_are_guests_and_named_speakers(client: TestClient) -> None:
    everyone = {p["name"]: p for p in client.get("/api/people").json()}
    assert everyone["Isabella"]["episodes"] == 1 and everyone["Isabella"]["roles"] == ["speaker"]
    assert not {"Host", "Guest", "Speaker 1"} & set(everyone)  # roles, not people
    # A DataTalks.Club page names its guest by a slug and its transcript by first name: one person.
    lavanya = everyone["Lavanya"]  # no full name is written: the first name the transcript gives
    assert lavanya["roles"] == ["guest", "speaker"] and lavanya["key"] == "lavanyagupta"
    assert any('"Lavanya" in episode' in why and '"lavanyagupta"' in why for why in lavanya["evidence"])
    assert lavanya["slugs"] == ["lavanyagupta"] and "lavanyagupta" not in everyone
    isabella = client.get("/api/people/isabella").json()
    (episode,) = isabella["episodes"]
    assert (episode["id"], episode["role"]) == (SEED_000, "speaker") and episode["title"] and episode["turns"] > 10
    assert episode["first_time"] is not None
    guest = client.get("/api/people/Lavanya Gupta").json()  # spaces and case do not matter
    assert guest["name"] == "Lavanya" and {e["role"] for e in guest["episodes"]} == {"guest"}


def test_people_named_in_the_conversations_come_with_those_moments(client: TestClient) -> None:
    """Whoever extraction finds named (as a person entity, by full name or by the label they speak under)."""
    named = []
    for listed in client.get("/api/people").json():
        person = client.get("/api/people/" + quote(listed["name"], safe="")).json()
        if person["moments"]:
            named.append(person)
    assert named, "extraction names none of the seeds' guests and speakers"
    for person in named:
        theirs = {e["id"] for e in person["episodes"]}
        spellings = {person["name"], *person["aliases"]}
        assert {e["name"] for e in person["entities"]} <= spellings and person["entities"]
        for m in person["moments"]:
            assert m["surface"] in m["text"] and m["start"] is not None and m["speaker"]
            if m["surface"] != person["name"]:  # a first name counts only in their own episodes
                assert m["episode_id"] in theirs, m
        page = client.get("/people/" + quote(person["name"], safe="")).text
        assert "Moments that mention them" in page
        assert any(f"<mark>{escape(m['surface'])}</mark>" in page for m in person["moments"])
        assert set(hrefs(page, "/entities/")) >= {"/entities/" + quote(e["name"], safe="") for e in person["entities"]}


def test_the_pages_show_and_link_entities_and_people(client: TestClient) -> None:
    listing = client.get("/entities")
    assert listing.status_code == 200 and "Organisations" in listing.text
    assert "/entities/Hugging%20Face" in hrefs(listing.text, "/entities/")
    page = client.get("/entities/Hugging%20Face").text
    assert "<h1>Hugging Face</h1>" in page and "<mark>Hagen face</mark>" in page
    plays = hrefs(page, f"/episodes/{SEED_000}#s")  # each at its line
    assert plays and all(re.fullmatch(rf"/episodes/{SEED_000}#s\d+", p) for p in plays)
    assert "/entities/Discord" in hrefs(page, "/entities/")  # named in the same episode
    episode = client.get(f"/episodes/{SEED_000}").text
    who = episode.split('class="who-what"', 1)[1].split("</section>", 1)[0]
    assert "Who and what" in who and "Organisations" in who and ">Hugging Face</a>" in who
    assert "/entities/Hugging%20Face" in hrefs(who, "/entities/") and hrefs(who, "#s")
    people = client.get("/people").text
    assert "/people/isabella" in hrefs(people, "/people/")  # linked by key, shown by name
    person = client.get("/people/Isabella").text
    assert "<h1>Isabella</h1>" in person and f"/episodes/{SEED_000}#s1" in hrefs(person, "/episodes/")
    for path in ("/entities", "/entities/Hugging%20Face", "/people", "/people/Isabella"):
        assert client.get(path).headers["content-security-policy"].startswith("default-src 'self'")
    assert 'href="/entities"' in listing.text and 'href="/people"' in listing.text  # in the navigation


def test_hostile_names_stay_text_and_their_links_work(client: TestClient) -> None:
    people = client.get("/people").text
    assert "<img src=x" not in people and "<script>alert" not in people
    assert html.escape(HOSTILE_GUEST, quote=False) in people and "&lt;/p&gt;&lt;script&gt;" in people
    for name in (HOSTILE_GUEST, HOSTILE_SPEAKER):
        link = "/people/" + quote(person_key(name), safe="")  # linked by key, whatever the name holds
        assert link in hrefs(people, "/people/"), name
        page = client.get(link)
        assert page.status_code == 200, name
        assert "<img src=x" not in page.text and "<script>alert" not in page.text
        assert f"<h1>{escape(name)}</h1>" in page.text
        assert client.get("/api/people/" + quote(name, safe="")).json()["name"] == name
    episode = client.get("/episodes/xss").text
    assert "<script>alert" not in episode and "<img src=x" not in episode


def test_a_name_said_in_many_episodes_lists_them_a_page_at_a_time(tmp_path: Path) -> None:
    """A name said in every episode of a large archive made its page megabytes long: the page lists
    some episodes and links (no script needed) to the next page, which holds the rest."""
    folder = tmp_path / "talks"
    folder.mkdir()
    for i in range(23):
        (folder / f"talk-{i:02}.srt").write_text(
            f"1\n00:00:01,000 --> 00:00:05,000\nHOST: In talk {i} we moved our pipelines to Python.\n\n"
            f"2\n00:00:06,000 --> 00:00:09,000\nGUEST: Python made the jobs {i} times simpler.\n")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(folder), "--no-embed", db=db)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        first = client.get("/entities/Python")
        assert first.status_code == 200 and "in 23 episodes" in first.text
        (more,) = [h for h in hrefs(first.text, "/entities/Python?") if "page=2" in h]
        second = client.get(more)
        assert second.status_code == 200 and not hrefs(second.text, "/entities/Python?page=3")
        listed = [re.findall(r'href="/episodes/(talk-\d+)"', page.text) for page in (first, second)]
        assert listed[0] and listed[1] and not set(listed[0]) & set(listed[1])
        assert sorted(set(listed[0] + listed[1])) == [f"talk-{i:02}" for i in range(23)]
        assert client.get(more.replace("page=2", "page=9")).status_code == 404


def test_the_apis_lists_come_a_page_at_a_time(tmp_path: Path) -> None:
    """/api/entities/NAME gave every mention in every episode at once (350 kB for a name said
    everywhere); it, a person's and a show's lists now come `limit` at a time, `next` giving the rest."""
    db = many_talks(tmp_path / "talks")
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        everything = json.loads(podsift("entity", "Python", "--json", db=db).stdout)["moments"]
        assert len(everything) == 46  # the command line still gives them all
        for path, field, total in (("/api/entities/python", "moments", 46), ("/api/people/ada byron", "episodes", 23),
                                   ("/api/shows/data talks", "episodes", 23)):  # fmt: skip
            first = client.get(path).json()
            assert (len(first[field]), first["total"], first["offset"]) == (min(20, total), total, 0), path
            listed, url = [], path + "?limit=5"
            while url:
                answer = client.get(url)
                assert answer.status_code == 200, answer.text
                listed += answer.json()[field]
                assert len(answer.json()[field]) == 5 or not answer.json()["next"]
                url = answer.json()["next"]
            assert len(listed) == total and listed[:20] == first[field], path
        assert listed == client.get("/api/shows/data talks?limit=100").json()["episodes"]
        assert [m["text"] for m in client.get("/api/entities/Python", params={"limit": 100}).json()["moments"]] == [
            m["text"] for m in everything]
        for bad in ("0", "-1", "10000", "x"):
            refused = client.get("/api/entities/Python", params={"limit": bad})
            assert refused.status_code == 422 and refused.json()["error"].startswith("limit: "), bad
            assert "\n" not in refused.json()["error"]
        assert client.get("/api/shows/data talks", params={"offset": "-3"}).status_code == 422


def test_the_list_of_entities_is_counted_once_and_again_when_the_archive_changes(tmp_path: Path) -> None:
    """Ordering the entities by mentions counts every mention, so a page of 20 cost about the whole list;
    the server now counts them once per change to the archive. A change made meanwhile by another
    process (an ingest, an entity deleted) shows on the next request, in the list and its pages."""
    db = many_talks(tmp_path / "talks", count=5)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        tools = [e["name"] for e in client.get("/api/entities?type=tool").json()]
        assert set(TOOLS[:5]) <= set(tools) and "Grafana" not in tools
        assert client.get("/api/entities?type=tool&limit=2&offset=1").json() == client.get("/api/entities?type=tool").json()[1:3]
        (tmp_path / "later.md").write_text('---\ntitle: "Later"\nshow: "Data Talks"\n---\n\n'
                                           "**Host:** We watch it all in Grafana, and Grafana alerts us.\n")  # fmt: skip
        podsift("ingest", str(tmp_path / "later.md"), "--no-embed", db=db)
        listed = client.get("/api/entities?type=tool").json()
        assert "Grafana" in [e["name"] for e in listed]
        assert client.get("/api/entities?type=tool&limit=50").json() == listed
        assert "Grafana" in client.get("/entities?type=tool").text


def test_the_whole_archives_lists_come_in_slices_when_asked_and_stay_arrays(tmp_path: Path) -> None:
    """/api/episodes, /api/entities, /api/people and /api/shows gave everything, always (2,000 episodes:
    half a megabyte); `limit` and `offset` now give a slice, still an array as clients read it, with
    `X-Total-Count` and a `Link` to the next slice. Without them the whole array comes, as before."""
    with TestClient(create_app(ServerSettings(many_talks(tmp_path / "talks"), preload_model=False))) as client:
        for path, total in (("/api/episodes", 23), ("/api/entities?type=tool", 24), ("/api/people", 1), ("/api/shows", 1)):
            whole = client.get(path)
            assert len(whole.json()) == total and "link" not in whole.headers, path
            listed, url, pages = [], path + ("&" if "?" in path else "?") + "limit=2", 0
            while url:
                answer = client.get(url)
                assert answer.status_code == 200 and answer.headers["x-total-count"] == str(total), (url, answer.text)
                assert isinstance(answer.json(), list) and len(answer.json()) == min(2, total - len(listed)), url
                listed, pages = listed + answer.json(), pages + 1
                link = answer.headers.get("link")
                if link:
                    assert link.startswith("</api/") and link.endswith('>; rel="next"'), link
                url = link[1 : link.index(">")] if link else ""
            assert listed == whole.json() and pages == (total + 1) // 2, path  # each slice follows on, the last links on to none
        tools = client.get("/api/entities", params={"type": "tool", "limit": 2, "offset": 20})
        assert [e["type"] for e in tools.json()] == ["tool", "tool"]  # the type chosen is kept on the next slice
        assert tools.headers["link"] == '</api/entities?type=tool&limit=2&offset=22>; rel="next"'
        last = client.get("/api/episodes", params={"limit": 5, "offset": 20})
        assert len(last.json()) == 3 and "link" not in last.headers
        for bad in ({"limit": "0"}, {"limit": "1001"}, {"limit": "x"}, {"offset": "-1"}, {"limit": "2", "offset": "y"}):
            refused = client.get("/api/episodes", params=bad)
            assert refused.status_code == 422, (bad, refused.text)
            error = refused.json()["error"]
            assert error.startswith(f"{list(bad)[-1]}: ") and "\n" not in error, error


def test_the_lists_of_names_a_shows_episodes_and_a_persons_come_a_page_at_a_time(tmp_path: Path) -> None:
    """/entities, a show's page and a person's episode table listed everything at once (2,000 episodes
    made them megabytes); each now lists 20 and links (no script needed) to the next page, holding the rest."""
    with TestClient(create_app(ServerSettings(many_talks(tmp_path / "talks"), preload_model=False))) as client:
        names = {e["name"] for e in client.get("/api/entities").json()}
        assert set(TOOLS) | {"Python"} <= names, set(TOOLS) - names
        titles = {f"Talk {i}" for i in range(len(TOOLS))}
        for path, listed, everything in (("/entities", r'href="/entities/([^"?]+)"', {quote(n, safe="") for n in names}),
                                         ("/shows/Data%20Talks", r'href="/episodes/talk-\d+">(Talk \d+)<', titles),
                                         ("/people/Ada%20Byron", r'href="/episodes/talk-\d+">(Talk \d+)<', titles)):  # fmt: skip
            first = client.get(path)
            assert first.status_code == 200
            (more,) = {h for h in hrefs(first.text, path + "?") if "page=2" in h}
            second = client.get(more)
            assert second.status_code == 200 and not [h for h in hrefs(second.text, path) if "page=3" in h], path
            shown = [re.findall(listed, page.text) for page in (first, second)]
            assert len(shown[0]) == 20 and not set(shown[0]) & set(shown[1]), path
            assert set(shown[0]) | set(shown[1]) == everything, path
            assert client.get(more.replace("page=2", "page=9")).status_code == 404
        tools = client.get("/entities?type=tool").text  # a kind chosen stays chosen on the next page
        assert any("type=tool" in h and "page=2" in h for h in hrefs(tools, "/entities?"))


def test_a_page_of_everyone_is_the_whole_lists_slice(tmp_path: Path) -> None:
    """/api/people?limit=20 now writes out only the page's people (what a page costs against the whole
    list is measured by benchmarks/episode_page.py); the page must still be the whole list's slice, with
    the total and the next page's link."""
    from podsift.model import Episode
    from podsift.store import open_store

    db = tmp_path / "podsift.db"
    with open_store(db) as store:
        for number in range(300):
            episode = Episode(id=f"talk-{number:04}", title=f"Talk {number}", source_path=f"/x/{number}.txt",
                              content_hash=str(number), guests=[f"Guest Number{number}"])  # fmt: skip
            episode.add_segment(f"Welcome to talk {number}.", start=0.0, speaker="Host")
            store.save_episode(episode, [], new=True)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        everyone = client.get("/api/people").json()
        page = client.get("/api/people?limit=20&offset=40")
        assert len(everyone) == 300 and page.json() == everyone[40:60] and page.headers["x-total-count"] == "300"
        assert "offset=60" in page.headers["link"] and client.get("/api/people?offset=290").json() == everyone[290:]


GUESTS = ("Ada Byron", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen",
          "John Backus", "Margaret Hamilton", "Dennis Ritchie", "Ken Thompson", "Niklaus Wirth", "Tony Hoare",
          "Leslie Lamport", "Radia Perlman", "Vint Cerf", "Shafi Goldwasser", "Judea Pearl", "Butler Lampson",
          "Fran Bilas", "Jean Bartik", "Kathleen Booth", "Adele Goldberg")  # fmt: skip


def test_the_people_page_lists_them_a_page_at_a_time(tmp_path: Path) -> None:
    """/people listed everyone at once (an archive of 2,000 guests made it megabytes); it now lists 20
    and links (no script needed) to the next page, holding the rest, as /entities does."""
    folder = tmp_path / "talks"
    folder.mkdir()
    for i, guest in enumerate(GUESTS):
        (folder / f"talk-{i:02}.md").write_text(f'---\ntitle: "Talk {i}"\nguests: ["{guest}"]\n---\n\n'
                                                 f"**Host:** Welcome, {guest}.\n\n**{guest}:** Thank you for having me.\n")  # fmt: skip
    db = tmp_path / "podsift.db"
    podsift("ingest", str(folder), "--no-embed", db=db)
    with TestClient(create_app(ServerSettings(db, preload_model=False))) as client:
        first = client.get("/people")
        assert first.status_code == 200
        (more,) = {h for h in hrefs(first.text, "/people?") if "page=2" in h}
        second = client.get(more)
        assert second.status_code == 200 and not [h for h in hrefs(second.text, "/people?") if "page=3" in h]
        shown = [[unquote(h.removeprefix("/people/")) for h in hrefs(page.text, "/people/")] for page in (first, second)]
        assert len(shown[0]) == 20 and not set(shown[0]) & set(shown[1])
        assert {person_key(n) for n in shown[0] + shown[1]} >= {person_key(g) for g in GUESTS}
        assert client.get(more.replace("page=2", "page=9")).status_code == 404


def test_paging_links_hold_behind_a_proxy_serving_podsift_under_a_path(tmp_path: Path) -> None:
    """Behind a proxy serving podsift at /podsift, the API's next pages (`Link`, `next`) and the pages'
    links named the host the server saw and paths without /podsift: a client following them got a 404
    or reached the wrong host. They are now addresses under /podsift, resolved against the client's own."""
    db = many_talks(tmp_path / "talks")
    # As the proxy forwards a request: the host it gives is its own business, the prefix gone.
    with TestClient(create_app(ServerSettings(db, preload_model=False)), root_path="/podsift",
                    headers={"host": "127.0.0.1:8000"}) as client:  # fmt: skip
        link = client.get("/api/episodes", params={"limit": 5}).headers["link"]
        assert link == '</podsift/api/episodes?limit=5&offset=5>; rel="next"', link
        after = client.get(link[1 : link.index(">")])
        assert after.status_code == 200 and len(after.json()) == 5
        following = client.get("/api/shows/data talks", params={"limit": 5}).json()["next"]
        assert following == "/podsift/api/shows/data%20talks?limit=5&offset=5", following
        assert client.get(following).json()["offset"] == 5
        for path in ("/entities", "/shows/Data%20Talks", "/people/Ada%20Byron"):
            page = client.get(path).text
            (more,) = {h for h in hrefs(page, "/podsift" + path + "?") if "page=2" in h}
            assert client.get(more).status_code == 200, more
            assert hrefs(page, "/podsift/shows") and not hrefs(page, "/shows"), path  # the menu too
    live = LiveServer(db, "--root-path", "/podsift")
    try:  # as uvicorn gives the root path to the app
        with urllib.request.urlopen(f"{live.url}/api/people?limit=1&offset=0") as answer:
            assert answer.headers["link"] is None  # one person: no next slice
        with urllib.request.urlopen(f"{live.url}/api/entities?limit=2") as answer:
            assert answer.headers["link"] == '</podsift/api/entities?limit=2&offset=2>; rel="next"'
        with urllib.request.urlopen(f"{live.url}/entities") as answer:
            assert any("page=2" in h for h in hrefs(answer.read().decode(), "/podsift/entities?"))
        # the API's errors are its JSON there too, a misspelt parameter refused rather than ignored
        with pytest.raises(urllib.error.HTTPError) as refused_limit:
            urllib.request.urlopen(f"{live.url}/api/episodes?limt=5")
        assert refused_limit.value.code == 422
        assert "unknown parameter 'limt'" in json.loads(refused_limit.value.read())["error"]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{live.url}/api/episodes/no-such-talk")
        assert missing.value.code == 404 and missing.value.headers["content-type"] == "application/json"
    finally:
        live.stop()
    refused = podsift("serve", "--root-path", "podsift", db=db, check=2)
    assert "--root-path" in refused.stderr and "Traceback" not in refused.stderr


WEB = REPO / "src" / "podsift" / "web"


def test_every_link_of_the_pages_and_their_script_goes_under_the_root_path() -> None:
    """A link written as "/…" in a template or the script leaves the path a proxy serves podsift
    under (`--root-path`): the header's search form did, sending every query to the proxy's 404."""
    wrong = []
    for template in sorted((WEB / "templates").glob("*.html")):
        for attribute, value in re.findall(r'\b(href|action|src)="([^"]*)"', template.read_text()):
            # what the value starts with once Jinja's blocks are gone: "/…" must come after the root
            if not value.startswith("{{ root }}") and re.sub(r"\{%.*?%\}", "", value).startswith("/"):
                wrong.append(f"{template.name}: {attribute}={value!r}")
    script = (WEB / "static" / "podsift.js").read_text()
    for literal in re.finditer(r"""(ROOT \+ )?["'`]/[\w?]""", script):
        if not literal.group(1):
            wrong.append(f"podsift.js: {script[literal.start() : literal.start() + 40]!r}")
    for fetched in re.findall(r"fetch\(\s*([^,)]+)", script):
        if fetched.strip().startswith(("'", '"', "`")) and not re.match(r"""`\$\{ROOT\}/|["'`]https?:""", fetched.strip()):
            wrong.append(f"podsift.js: fetch({fetched})")
    assert not wrong, wrong

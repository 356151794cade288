"""The home and ask pages in headless Chromium, and every page's accessibility (axe-core) and phone fit."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

import pytest
from conftest import DEMO, LiveServer, podsift
from media import serve_media, silence
from test_web_e2e import Page, browser, serve_file, server, type_query, until  # noqa: F401  (fixtures, shared with the other web tests)

axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="install the test extras: pip install -e '.[test]'")

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# The pages a reader meets, on the web test archive (the demo, a DataTalks.Club page, two hostile transcripts).
PAGES = ["/", "/?q=charge+a+client", "/episodes/ml-in-production", "/ask?q=how+much+should+I+charge+a+client",
         "/ask?q=xyzzy+flibbertigibbet+qwop", "/people", "/entities", "/entities/MLflow", "/shows"]  # fmt: skip


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:  # noqa: F811
    tab = Page(browser, viewport={"width": 1280, "height": 900})
    yield tab
    tab.context.close()


def test_the_home_page_shows_the_archive_and_questions_that_lead_to_answers(server: LiveServer, tab: Page) -> None:  # noqa: F811
    page = tab.page
    page.goto(server.url + "/")
    assert page.locator("h1").count() == 1
    listed = page.request.get(server.url + "/api/episodes").json()
    counts = page.locator(".counts").inner_text()
    assert f"{len(listed)} episodes" in counts
    hours = sum(e["duration"] or 0 for e in listed) / 3600
    assert f"{hours:.1f} hours" in counts
    assert re.search(r"\b[1-9]\d* people\b", counts) and re.search(r"\b[1-9]\d* tools\b", counts)
    # Shows by name, each with its latest episodes' dates and lengths; episodes without a show under the archive.
    shows = page.locator(".show h3").all_inner_texts()
    assert any(s.startswith("DataTalks.Club") for s in shows) and any(s.startswith("Signal & Noise") for s in shows)
    assert shows[-1].startswith("The archive")
    ml = page.locator(".episode-list li", has_text="ML in Production")
    assert "2024-05-14" in ml.inner_text() and "9:30" in ml.inner_text()
    # Both ways in are labelled forms.
    assert page.get_by_label("Find the moment someone said it").count() == 1
    assert page.get_by_label("Ask a question, answered with quotes").count() == 1
    # Example questions come from the archive's own interviews, and each is answered with quotes.
    examples = page.locator(".examples a")
    questions = examples.all_inner_texts()
    assert 3 <= len(questions) <= 5 and all(q.endswith("?") and len(q) < 90 for q in questions)
    page.goto(server.url + "/")
    assert page.locator(".examples a").all_inner_texts() == questions  # the same on every visit
    for i, question in enumerate(questions):
        page.goto(server.url + "/")
        page.locator(".examples a").nth(i).click()
        page.wait_for_url("**/ask?q=*")
        assert page.locator("h1").inner_text() == question
        assert page.locator(".abstained").count() == 0, question
        assert page.locator(".sentence").count() >= 1 and page.locator(".quote").count() >= 1, question


def test_the_home_pages_own_forms_keep_the_addresss_filters(server: LiveServer, tab: Page) -> None:  # noqa: F811
    """"Find the moment someone said it" on /?speaker=Jonas searched everyone, unlike the search bar."""
    page = tab.page
    page.goto(server.url + "/?speaker=Jonas")
    show = page.locator("#show option").nth(1).get_attribute("value")
    page.locator("#show").select_option(show)  # a show chosen on the page counts too
    page.locator("#home-search").fill("price")
    page.locator("#home-search").press("Enter")
    page.wait_for_url("**/?*q=price*")
    assert dict(parse_qsl(urlparse(page.url).query)) == {"speaker": "Jonas", "show": show, "q": "price"}
    assert all("Jonas" in meta for meta in page.locator("#results .hit .meta").all_inner_texts())
    page.goto(server.url + "/?speaker=Jonas&show=" + show)
    page.locator("#home-ask").fill("how should I price a project")
    page.locator("#home-ask").press("Enter")
    page.wait_for_url("**/ask?*")
    assert dict(parse_qsl(urlparse(page.url).query)) == {"speaker": "Jonas", "show": show,
                                                          "q": "how should I price a project"}


def test_the_home_page_keeps_one_heading_while_results_replace_it(server: LiveServer, tab: Page) -> None:  # noqa: F811
    """Typed into, the home page hid its overview and with it its only h1: a screen reader's way to
    the page's title was gone until the box was emptied."""
    page = tab.page
    page.goto(server.url + "/")
    headings = page.get_by_role("heading", level=1)  # those a screen reader finds: none hidden
    assert headings.all_inner_texts() == [page.locator("#home-title").inner_text()]
    page.keyboard.press("/")
    type_query(page, "price")
    assert page.locator(".overview").is_hidden() and page.locator("#results .hit").count() > 0
    assert headings.all_text_contents() == ["Moments for “price”"]
    for _ in "price":
        page.keyboard.press("Backspace")
    until(page, "document.getElementById('results').dataset.query === ''")
    assert headings.all_inner_texts() == [page.locator("#home-title").inner_text()]
    assert page.locator("#results-title").count() == 0  # gone with the results, not left to be found


def test_the_search_pages_heading_leaves_with_the_query(server: LiveServer, tab: Page) -> None:  # noqa: F811
    """Emptied (or cleared with Escape), the search page's box took the results, the title and the address's
    query away, but screen readers still found the page headed "Moments for “price”"."""
    page = tab.page
    page.goto(server.url + "/?q=price")
    headings = page.get_by_role("heading", level=1)
    assert headings.all_text_contents() == ["Moments for “price”"]
    page.locator("#q").press("Escape")
    until(page, "document.getElementById('results').dataset.query === ''")
    assert page.locator("#results .hit").count() == 0 and page.title() == "podsift"
    assert headings.all_text_contents() == ["Search every conversation"]


def test_the_home_page_works_without_javascript(server: LiveServer, browser: Any) -> None:  # noqa: F811
    tab = Page(browser, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(server.url + "/")
        page.get_by_label("Ask a question, answered with quotes").fill("how much should I charge a client")
        page.get_by_role("button", name="Ask", exact=True).last.click()
        page.wait_for_url("**/ask?q=how+much*")
        assert page.locator(".quote").count() >= 1
        page.goto(server.url + "/")
        page.get_by_label("Find the moment someone said it").fill("faiss")
        page.get_by_label("Find the moment someone said it").press("Enter")
        page.wait_for_url("**/?q=faiss")
        assert page.locator(".hit").count() >= 1
    finally:
        tab.context.close()


def test_the_ask_page_labels_the_answer_and_its_quotes(server: LiveServer, tab: Page) -> None:  # noqa: F811
    page = tab.page
    page.goto(server.url + "/ask?q=how+much+should+I+charge+a+client")
    assert page.locator(".answered-by").inner_text().startswith("Answer quoted from the archive")
    quote = page.locator(".quote").first
    assert quote.locator(".speaker").inner_text() not in ("", "unknown speaker")
    assert quote.locator(".episode").inner_text() == "Freelancing in data"
    when = quote.locator("a.when").inner_text()
    assert re.fullmatch(r"~?\d+:\d\d", when)
    quote.locator("a.episode").click()  # and the moment, on its episode page
    page.wait_for_url("**/episodes/freelancing-in-data#s*")
    assert page.locator(".line.current .when").inner_text() <= when


def test_asking_what_the_archive_does_not_cover_says_so(server: LiveServer, tab: Page) -> None:  # noqa: F811
    page = tab.page
    page.goto(server.url + "/ask?q=xyzzy+flibbertigibbet+qwop")
    said = page.locator(".abstained")
    assert said.is_visible() and said.get_attribute("role") == "status"
    assert said.inner_text().startswith("No moments match this question.")
    assert page.locator(".sentence, .quote").count() == 0


def test_a_closest_mention_opens_its_moment_when_clicked(tab: Page, tmp_path: Path) -> None:
    """The ask page's closest mentions look like search results (the hand pointer) but a click
    on their words did nothing there."""
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO), "--no-entities", db=db)  # embedded: a declined question still has its closest
    live = LiveServer(db)
    try:
        page = tab.page
        page.goto(live.url + "/ask?q=what+is+the+capital+of+peru")
        mention = page.locator(".hit").first
        target = mention.get_attribute("data-href")
        assert target and page.locator(".abstained").is_visible()
        mention.locator(".text").click()
        page.wait_for_url("**" + target)
    finally:
        live.stop()


def test_a_quote_plays_in_place(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """On the ask page, a quote's play button seeks its episode's audio to the quote, without leaving the page."""
    media = serve_media(silence(60))
    turns = [("Ana", 0.0, "Hello and welcome to the bakery hour."), ("Ben", 12.0, "Thanks for having me."),
             ("Ana", 25.0, "How long should a sourdough starter ferment?"),
             ("Ben", 37.0, "A sourdough starter should ferment for about twelve hours at room temperature.")]  # fmt: skip
    episode = {"title": "The bakery hour", "media_url": f"http://127.0.0.1:{media.server_address[1]}/talk.wav",
               "segments": [{"speaker": s, "startTime": t, "endTime": t + 10, "body": b} for s, t, b in turns]}  # fmt: skip
    live = serve_file(tmp_path, "bakery.json", json.dumps(episode))
    tab = Page(browser)
    try:
        page = tab.page
        page.goto(live.url + "/ask?q=how+long+should+a+sourdough+starter+ferment")
        quote = page.locator(".quote", has_text="twelve hours").first
        assert quote.locator(".speaker").inner_text() == "Ben" and quote.locator(".episode").inner_text() == "The bakery hour"
        assert quote.locator("a.when").get_attribute("href").startswith("/episodes/bakery#s")
        start = float(quote.locator(".play-quote").get_attribute("data-start"))
        assert 25 <= start <= 37
        player = quote.locator("audio.quote-media")
        assert player.evaluate("m => m.paused") and player.evaluate("m => m.currentTime") == 0
        asked = page.url
        quote.locator(".play-quote").click()
        until(page, f"Math.abs(document.querySelector('.quote audio').currentTime - {start}) < 1")
        until(page, "!document.querySelector('.quote audio').paused")
        assert page.url == asked  # played in place
    finally:
        tab.context.close()
        live.stop()
        media.shutdown()


def test_a_youtube_quote_loads_its_player_only_when_asked(server: LiveServer, tab: Page) -> None:  # noqa: F811
    page = tab.page
    page.goto(server.url + "/ask?q=Why+MLflow+in+particular%3F")
    quote = page.locator(".quote", has=page.locator(".episode", has_text="ML in Production")).first
    page.wait_for_load_state("networkidle")
    assert {urlparse(u).hostname for u in tab.requests} == {"127.0.0.1"}  # nothing from YouTube yet
    start = float(quote.locator(".play-quote").get_attribute("data-start"))
    quote.locator(".play-quote").click()
    src = quote.locator(".quote-player iframe").get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/mlProdDemo1?") and f"start={int(start)}" in src


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(server: LiveServer, browser: Any, path: str) -> None:  # noqa: F811
    phone = Page(browser, **PHONE)
    try:
        phone.page.goto(server.url + path)
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    finally:
        phone.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_have_no_serious_accessibility_violations(server: LiveServer, browser: Any, width: int) -> None:  # noqa: F811
    """axe-core (bundled with axe-playwright-python) finds nothing serious or critical on any page."""
    options = PHONE if width == 390 else {"viewport": {"width": 1280, "height": 900}}
    tab = Page(browser, **options)
    found = []
    try:
        for path in PAGES:
            tab.page.goto(server.url + path)
            tab.page.wait_for_load_state("networkidle")
            assert tab.page.locator("h1").count() == 1, path
            results = axe.Axe().run(tab.page).response
            found += [f"{path}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                      for v in results["violations"] if v["impact"] in ("serious", "critical")]  # fmt: skip
    finally:
        tab.context.close()
    assert not found, "\n".join(found)

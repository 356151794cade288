"""End to end in headless Chromium (Debian's, driven by Playwright) against `podsift serve`."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, DEV_EVIDENCE, DEV_QUESTION, SEEDS, LiveServer, many_talks, podsift, seed
from media import serve_media, silence

sync_api = pytest.importorskip("playwright.sync_api", reason="install the test extras: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[LiveServer]:
    live = LiveServer(web_db)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The seeds, whose interview with Isabella names Hugging Face (once misheard as "Hagen face")."""
    db = tmp_path_factory.mktemp("seeds") / "podsift.db"
    podsift("ingest", str(SEEDS), "--no-embed", db=db)
    live = LiveServer(db)
    yield live
    live.stop()


def serve_file(tmp_path: Path, name: str, text: str) -> LiveServer:
    """`podsift serve` over a fresh archive of one transcript, ``name`` written with ``text``."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / name), "--no-embed", db=db)
    return LiveServer(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (bash .ci/run does)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def type_query(page: Any, query: str, pause_after: int = 0) -> None:
    """Type into the focused search box and wait for that whole query's results.

    The page searches as you type, so a prefix's results may show first: `pause_after`
    characters in, the typist stops long enough for them to (as a slow machine may)."""
    if pause_after:
        page.keyboard.type(query[:pause_after])
        until(page, f"document.getElementById('results').dataset.query === {json.dumps(query[:pause_after])}")
    page.keyboard.type(query[pause_after:])
    until(page, f"(r => r.dataset.query === {json.dumps(query)} && r.getAttribute('aria-busy') === 'false')"
                "(document.getElementById('results'))")


def until(page: Any, expression: str, seconds: float = 10.0) -> None:
    """Wait for a JavaScript expression to hold (page.evaluate, which the pages' CSP allows)."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
        page.wait_for_timeout(100)


class Page:
    """A browser tab that records dialogs (an alert() means XSS) and every request it makes."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:
    tab = Page(browser, viewport={"width": 1100, "height": 800})
    yield tab
    tab.context.close()


def test_search_finds_the_moment_and_opens_it_highlighted(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/")
    page.keyboard.press("/")
    type_query(page, DEV_QUESTION, pause_after=len("Which Facebook library"))
    hit = page.locator(".hit", has=page.locator(":scope > .text", has_text=DEV_EVIDENCE))
    hit.wait_for()
    marks = hit.locator(":scope > .text mark").all_inner_texts()
    assert "Facebook" in marks and "library" in marks and "s" not in marks
    assert hit.locator(":scope > .meta .when").inner_text() == "46:50"
    hit.locator(":scope > .meta a.episode").click()
    page.wait_for_url("**/episodes/algorithms-data-structures-for-engineers#s*")
    current = page.locator(".line.current")
    current.wait_for()
    assert "We use a library for that" in current.inner_text()
    assert current.is_visible()
    assert page.evaluate("document.querySelector('.line.current').getBoundingClientRect().top") > 0


@pytest.mark.parametrize("clock", ["46:50", "0:46:50", "2810"])
def test_an_episode_opened_at_a_clock_time_shows_that_line(server: LiveServer, tab: Page, clock: str) -> None:
    """"#t=46:50", as people write times, was ignored: no line highlighted, the page left at its top."""
    page = tab.page
    page.goto(server.url + f"/episodes/algorithms-data-structures-for-engineers#t={clock}")
    current = page.locator(".line.current")
    current.wait_for()
    assert "We use a library for that" in current.inner_text()
    assert page.evaluate("document.querySelector('.line.current').getBoundingClientRect().top") > 0
    assert page.evaluate("window.scrollY") > 0


def test_a_result_opens_at_its_first_line_when_lines_share_a_time(server: LiveServer, tab: Page) -> None:
    """A passage split into paragraphs timed once: the result for its first words opened the episode
    at the last paragraph, below the words the result showed."""
    page = tab.page
    page.goto(server.url + "/?q=" + quote("Prometheus dashboards"))
    hit = page.locator("#results > .hit", has_text="The boring layer is service health")
    hit.locator(":scope > .meta a.episode").click()
    page.wait_for_url("**/episodes/ml-in-production#s10")
    assert page.locator(".line[data-start='148.0']").count() == 2
    assert page.locator(".line.current").inner_text().startswith("2:28 Tomás Two layers. The boring layer")


DRIFT = "What happens when a feature drifts past a threshold?"  # answered from the second of two lines at 2:28


def test_links_into_an_episode_land_on_their_line_without_javascript(server: LiveServer, browser: Any) -> None:
    """Without JavaScript, a result or citation opened the episode at its top: only the script read #t=."""
    tab = Page(browser, viewport={"width": 1100, "height": 800}, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(server.url + "/?q=" + quote("Prometheus dashboards"))
        page.locator("#results > .hit", has_text="The boring layer is service health").locator(":scope > .meta a.episode").click()
        page.wait_for_url("**/episodes/ml-in-production#s10")
        target = page.locator(".line:target")
        assert target.inner_text().startswith("2:28 Tomás Two layers. The boring layer")
        assert page.evaluate("window.scrollY") > 0 and target.is_visible()
        page.goto(server.url + "/ask?q=" + quote(DRIFT))
        page.locator(".sentence .cite").first.click()
        # The second of two lines that share a time: a time alone named the first.
        assert page.locator(".line:target").inner_text().startswith("2:28 Tomás For most features we look at distribution drift")
        assert page.locator(".line:target").evaluate("line => getComputedStyle(line).backgroundColor") != "rgba(0, 0, 0, 0)"
    finally:
        tab.context.close()


def test_a_citation_of_the_second_of_two_lines_sharing_a_time_opens_on_it(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/ask?q=" + quote(DRIFT))
    page.locator(".sentence .cite").first.click()
    current = page.locator(".line.current")
    current.wait_for()
    assert current.inner_text().startswith("2:28 Tomás For most features we look at distribution drift")
    page.locator("#load-player").click()  # the player starts at the line the address names
    assert "start=148" in page.locator("#player-box iframe").get_attribute("src")


DRIFT_LINE = "For most features we look at distribution drift"  # the second of two lines at 2:28


def test_the_episode_pages_own_time_links_land_on_their_line_without_javascript(server: LiveServer, browser: Any) -> None:
    """A line's time (and a key point's, a chapter's) linked to "#t=": without JavaScript it did nothing."""
    tab = Page(browser, viewport={"width": 1100, "height": 800}, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(server.url + "/episodes/ml-in-production")
        page.locator(".line", has_text=DRIFT_LINE).locator("a.when").click()
        target = page.locator(".line:target")
        assert target.inner_text().startswith("2:28 Tomás " + DRIFT_LINE)
        assert page.evaluate("window.scrollY") > 0 and target.is_visible()
        links = page.locator(".summary a.when, .chapters a").all()
        assert links
        for link in links:
            assert page.locator(f".line{link.get_attribute('href')}").count() == 1  # each at its line
    finally:
        tab.context.close()


def test_the_time_of_the_second_of_two_lines_sharing_it_highlights_that_line(server: LiveServer, tab: Page) -> None:
    """The script read the link's time and highlighted the first line said at it."""
    page = tab.page
    page.goto(server.url + "/episodes/ml-in-production")
    line = page.locator(".line", has_text=DRIFT_LINE)
    line.locator("a.when").click()
    until(page, "document.querySelector('.line.current') !== null")
    assert page.locator(".line.current").inner_text().startswith("2:28 Tomás " + DRIFT_LINE)
    assert page.url.endswith("#" + line.get_attribute("id"))
    player = page.locator("#player-box iframe")  # and it plays from the line's time
    player.wait_for(state="attached")
    assert "start=148" in player.get_attribute("src")


def test_the_youtube_player_loads_at_a_clock_time_in_the_address(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/episodes/ml-in-production#t=1:48")
    assert "current" in (page.locator(".line[data-start='108.0']").get_attribute("class") or "")
    page.locator("#load-player").click()
    assert "start=108" in page.locator("#player-box iframe").get_attribute("src")


def test_without_javascript_the_episode_page_offers_no_dead_player_button(server: LiveServer, browser: Any) -> None:
    """"▶ Play on YouTube" showed without JavaScript and did nothing when pressed; the YouTube link remains."""
    tab = Page(browser, java_script_enabled=False)
    try:
        page = tab.page
        page.goto(server.url + "/episodes/ml-in-production")
        assert page.get_by_role("button", name="Play on YouTube").count() == 0
        assert page.get_by_role("link", name="YouTube", exact=True).is_visible()
    finally:
        tab.context.close()


def test_the_fold_out_typed_into_counts_all_of_an_episodes_further_moments(server: LiveServer, tab: Page) -> None:
    """Results drawn as you type said "5 more in this episode" of dozens; as the page served
    says, five are listed of how many there are."""
    page = tab.page
    page.goto(server.url + "/")
    page.keyboard.press("/")
    type_query(page, "data")
    said = page.locator("#results details.more > summary").all_inner_texts()
    served = tab.context.request.get(server.url + "/?q=data").text()
    import re

    assert said and said == re.findall(r"<summary>([^<]*more in this episode)</summary>", served)
    assert any(re.fullmatch(r"5 of \d+ more in this episode", s) for s in said)


def test_filters_in_the_address_hold_while_typing_and_are_shown(server: LiveServer, tab: Page) -> None:
    # The pages ignored them: "/?q=price&speaker=Jonas" showed everyone's moments.
    page = tab.page
    page.goto(server.url + "/?speaker=Jonas")
    page.keyboard.press("/")
    type_query(page, "price")
    speakers = page.locator("#results .hit .meta").all_inner_texts()
    assert speakers and all("Jonas" in meta for meta in speakers)
    assert "speaker=Jonas" in page.url and "q=price" in page.url  # the address to share still says so
    assert page.title() == "price · podsift"  # the tab names the query shown (it kept the one loaded)
    assert "Only speaker Jonas" in page.locator(".filters").inner_text()  # typed from home, it was not said
    page.goto(server.url + "/?q=price&speaker=Jonas")  # the page as served, before any script
    assert "Only speaker Jonas" in page.locator(".filters").inner_text()
    assert all("Jonas" in meta for meta in page.locator("#results .hit .meta").all_inner_texts())


def test_search_everything_searches_what_was_typed(server: LiveServer, tab: Page) -> None:
    """Typed over a filtered search, "search everything" went back to the query first loaded."""
    page = tab.page
    page.goto(server.url + "/?q=price&speaker=Jonas")
    box = page.locator("#q")
    box.fill("")
    box.focus()
    type_query(page, "drift")
    page.locator(".filters a", has_text="search everything").click()
    page.wait_for_url("**/?q=drift")
    assert box.input_value() == "drift"


def test_ask_everything_asks_what_was_typed_without_the_filters(server: LiveServer, tab: Page) -> None:
    """Over a filtered answer, "ask everything" (an address written out by hand) asked the question
    first loaded, whatever was typed since; it now drops the filters alone, as "search everything" does."""
    page = tab.page
    page.goto(server.url + "/ask?q=price&speaker=Jonas&show=" + quote("Signal & Noise") + "&utm_source=feed")
    link = page.locator(".filters a", has_text="ask everything")
    assert link.get_attribute("href") == "/ask?q=price"
    page.locator("#q").fill("what is drift & why?")
    link.click()
    page.wait_for_url("**/ask?q=*")
    assert parse_qs(urlparse(page.url).query) == {"q": ["what is drift & why?"]}
    assert page.locator("#q").input_value() == "what is drift & why?"


def test_emptying_the_box_empties_the_address(server: LiveServer, tab: Page) -> None:
    """The address kept the deleted query: reloading (or sharing) it brought the old results back."""
    page = tab.page
    page.goto(server.url + "/?speaker=Jonas")
    page.keyboard.press("/")
    type_query(page, "price")
    for _ in "price":
        page.keyboard.press("Backspace")
    until(page, "document.getElementById('results').dataset.query === ''")
    assert "q=" not in page.url and "speaker=Jonas" in page.url
    assert page.title() == "podsift"
    page.reload()
    assert page.locator("#q").input_value() == ""
    assert page.locator(".hit").count() == 0


def test_arrow_keys_and_enter_pick_a_result(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/?q=charge+a+client")
    page.locator(".hit").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.locator(".hit.selected")
    assert second.count() == 1 and second.get_attribute("data-href") == page.locator("#results > .hit").nth(1).get_attribute("data-href")
    target = second.get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)


def test_arrow_keys_and_enter_leave_other_controls_their_own(server: LiveServer, browser: Any) -> None:
    """The keys that pick results were taken from the whole page: the arrows did not scroll the
    home page nor change the show menu, and Enter on a focused link or fold-out opened the
    picked result instead."""
    tab = Page(browser, viewport={"width": 800, "height": 400})
    page = tab.page
    try:
        page.goto(server.url + "/")
        page.locator("h1").click()
        page.keyboard.press("ArrowDown")
        until(page, "window.scrollY > 0")
        page.locator("#show").focus()
        page.keyboard.press("ArrowDown")
        assert page.locator("#show").input_value() != ""
        page.goto(server.url + "/?q=data")
        page.keyboard.press("ArrowDown")
        assert page.locator("#results > .hit.selected").count() == 1
        fold = page.locator("#results > .hit details.more").first
        fold.locator("summary").focus()
        page.keyboard.press("Enter")
        until(page, "document.querySelector('#results > .hit details.more').open")
        page.locator("nav a[href='/people']").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/people")
    finally:
        tab.context.close()


def test_selecting_a_results_words_stays_on_the_page(server: LiveServer, tab: Page) -> None:
    """Selecting a result's words to copy them opened its episode instead."""
    page = tab.page
    page.goto(server.url + "/?q=charge+a+client")
    words = page.locator("#results > .hit > .text").first.bounding_box()
    assert words
    page.mouse.move(words["x"] + 2, words["y"] + 8)
    page.mouse.down()
    page.mouse.move(words["x"] + 150, words["y"] + 8, steps=5)
    page.mouse.up()
    page.wait_for_timeout(500)
    assert page.evaluate("getSelection().toString()")
    assert urlparse(page.url).path == "/"
    page.locator("#results > .hit > .text").first.click()  # a plain click still opens it
    page.wait_for_url("**/episodes/**")


def test_nonsense_says_no_moments_match_and_the_page_empties(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/?q=charge+a+client")
    page.locator("#results > .hit").first.wait_for()
    box = page.locator("#q")
    box.fill("")
    box.focus()
    type_query(page, "xyzzy flibbertigibbet qwop")  # typed: the page asks the API as you type
    assert page.evaluate("document.getElementById('status').dataset.match") == "none"
    assert page.locator("#status").inner_text() == "No moments match “xyzzy flibbertigibbet qwop”."
    assert page.locator("#results > .hit").count() == 0
    page.goto(server.url + "/?q=xyzzy+flibbertigibbet+qwop")  # and served whole
    assert page.locator("#status").inner_text() == "No moments match “xyzzy flibbertigibbet qwop”."
    assert page.locator(".hit").count() == 0


def test_a_query_refused_while_typing_leaves_no_earlier_results(server: LiveServer, tab: Page) -> None:
    """Typed over a search, a query with no words said so above the earlier query's results."""
    page = tab.page
    page.goto(server.url + "/")
    page.keyboard.press("/")
    type_query(page, "price")
    assert page.locator("#results > .hit").count() > 0
    page.keyboard.press("Control+a")
    type_query(page, "*")
    assert page.locator("#status").inner_text() == "Type a word to search for."
    assert page.locator("#results > .hit").count() == 0


@pytest.mark.parametrize("first", ['"', "-"])
def test_a_quote_or_minus_typed_first_asks_nothing_yet(server: LiveServer, tab: Page, first: str) -> None:
    """Typing '"' or "-" first (and pausing) sent a query of no words: a 400, and the console
    said "Failed to load resource" while the user was still typing."""
    page = tab.page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/")
    page.keyboard.press("/")
    type_query(page, first)
    page.wait_for_timeout(300)
    assert not [url for url in tab.requests if "/api/search" in url]
    assert errors == []
    assert page.locator("#status").inner_text() == "Type a word to search for."
    assert "no-match" not in (page.locator("#status").get_attribute("class") or "")
    page.keyboard.type("price")  # the word, once typed, is looked for
    until(page, f"document.getElementById('results').dataset.query === {json.dumps(first + 'price')}")
    assert [url for url in tab.requests if "/api/search" in url]


def test_a_misspelt_query_offers_the_archives_spelling_and_the_link_searches_it(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/")
    page.locator("#q").focus()
    type_query(page, "Evidentyl reports drift")  # typed: the page asks the API as you type
    offer = page.locator("#suggestion")
    offer.wait_for(state="visible")
    assert offer.inner_text() == "Did you mean: Evidently reports drift"
    offer.locator("a").click()
    page.wait_for_url("**/?q=Evidently%20reports%20drift")
    assert page.locator("#q").input_value() == "Evidently reports drift"
    page.locator(".hit mark", has_text="Evidently").first.wait_for()
    assert page.locator("#suggestion").is_hidden()
    box = page.locator("#q")
    box.fill("")
    box.focus()
    type_query(page, "xyzzy flibbertigibbet qwop")
    assert page.locator("#status").inner_text() == "No moments match “xyzzy flibbertigibbet qwop”."
    assert page.locator("#suggestion").is_hidden()


def test_did_you_mean_keeps_the_addresss_filters(server: LiveServer, tab: Page) -> None:
    """The suggestion linked to "/?q=Evidently" alone: following it dropped the speaker and show."""
    page = tab.page
    page.goto(server.url + "/")
    show = page.locator("#show option").nth(1).get_attribute("value")
    filters = f"&speaker=Jonas&show={quote(show, safe='')}"
    page.goto(server.url + "/?q=Evidentyl" + filters)  # as served
    assert page.locator("#suggestion a").get_attribute("href") == "/?q=Evidently" + filters
    page.goto(server.url + "/?" + filters[1:])  # and typed
    page.locator("#q").focus()
    type_query(page, "Evidentyl")
    page.locator("#suggestion").wait_for(state="visible")
    assert page.locator("#suggestion a").get_attribute("href") == "/?q=Evidently" + filters


def test_slash_focuses_search_from_any_page(server: LiveServer, tab: Page) -> None:
    page = tab.page
    for path in ("/episodes/ml-in-production", "/ask"):
        page.goto(server.url + path)
        page.locator("a.brand").focus()  # anywhere but the search box
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "q", path


def test_ask_and_follow_a_citation(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/ask")
    page.keyboard.press("/")
    page.keyboard.type("how much should I charge a client")
    page.keyboard.press("Enter")
    citation = page.locator(".sentence .cite").first
    citation.wait_for()
    quoted = page.locator(".sentence").first.inner_text().split(": ", 1)[-1].split(" [")[0]
    label = citation.get_attribute("title")  # the chip shows "1 · 2:09"; its title the full label
    assert label.startswith("[Freelancing in data @ ")
    assert citation.inner_text() == "1 · " + label.split("@ ")[1].rstrip("]")
    citation.click()
    page.wait_for_url("**/episodes/freelancing-in-data#s*")
    current = page.locator(".line.current")
    current.wait_for()
    assert current.locator(".when").inner_text() <= label.split("@ ")[1].rstrip("]")
    assert quoted[:40] in current.inner_text()


@pytest.mark.parametrize("path", ["/episodes/xss", "/episodes/xss-speaker", "/?q=payload+testing",
                                  "/ask?q=payload+testing", "/?q=%3Cscript%3Ealert(9)%3C/script%3E", "/people",
                                  "/people/%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E"])  # fmt: skip
def test_hostile_transcripts_stay_inert(server: LiveServer, tab: Page, path: str) -> None:
    page = tab.page
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("/?q=payload"):
        page.locator(".hit").first.wait_for()
    assert tab.dialogs == []
    assert page.locator("main img, main svg, main script, main b[onmouseover]").count() == 0
    text = page.locator("main").inner_text()
    if path == "/episodes/xss":
        assert '<script>alert("title")</script> Hostile' in page.locator("h1").inner_text()
        assert '<script>alert("cue")</script>' in text and '<img src=x onerror=alert("img")>' in text
        assert "with <img src=x onerror=alert(2)>" in text
    if path == "/episodes/xss-speaker":
        assert "<img src=x onerror=alert('speaker')>" in text
    if path.startswith("/people"):
        assert "<img src=x onerror=alert(2)>" in text
    # Typed in the search box, a payload stays text as well.
    page.keyboard.press("/")
    page.keyboard.type("<img src=x onerror=alert(5)> payload")
    page.wait_for_timeout(600)
    assert tab.dialogs == []


def test_everything_is_served_locally(server: LiveServer, tab: Page) -> None:
    for path in ("/", "/?q=faiss", "/episodes/ml-in-production", "/ask?q=what+is+drift", "/docs", "/entities",
                 "/people"):  # fmt: skip
        tab.page.goto(server.url + path)
        tab.page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in tab.requests}
    # Even the episode's YouTube player waits until the user asks for it.
    assert hosts == {"127.0.0.1"}, hosts
    assert not any(url.endswith((".js", ".css")) and "127.0.0.1" not in url for url in tab.requests)


def test_every_page_has_an_icon(server: LiveServer, tab: Page) -> None:
    for path in ("/", "/?q=faiss", "/episodes/ml-in-production", "/ask?q=what+is+drift", "/entities", "/people",
                 "/episodes/no-such-episode"):  # fmt: skip
        tab.page.goto(server.url + path)
        icon = tab.page.evaluate("document.querySelector('link[rel=icon]')?.href")
        assert icon and tab.page.request.get(icon).status == 200, path
    # Pages without the link (the API docs, JSON) make browsers ask for /favicon.ico.
    served = tab.page.goto(server.url + "/favicon.ico")
    assert served is not None and served.status == 200
    assert served.headers["content-type"].startswith("image/svg+xml")


def test_readable_on_a_phone(server: LiveServer, browser: Any) -> None:
    phone = Page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                 has_touch=True)  # fmt: skip
    try:
        for path in ("/?q=faiss", "/episodes/algorithms-data-structures-for-engineers", "/ask?q=what+is+drift",
                     "/entities", "/people", "/people/%3C%2Fp%3E%3Cscript%3Ealert%28%27speaker2%27%29%3C%2Fscript%3E"):
            phone.page.goto(server.url + path)
            width = phone.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # nothing forces sideways scrolling
            size = phone.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 15
    finally:
        phone.context.close()


# The placeholder's text width against the room the input gives it (a canvas measures in the input's font).
PLACEHOLDER_FITS = """(() => {
  const input = document.getElementById("q"), style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, room];
})()"""


def test_a_persons_roles_keep_whole_words_on_a_phone(server: LiveServer, browser: Any) -> None:
    """Squeezed by the episodes' titles, the "As" column broke "speaker" as "speak" over "er"."""
    phone = Page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                 has_touch=True)  # fmt: skip
    try:
        phone.page.goto(server.url + "/people/Maya")
        # Each line a word takes is one box of its own: a word broken over two lines has two.
        lines_per_word = phone.page.evaluate("""() => Array.from(document.querySelectorAll("tbody td:last-child"))
            .flatMap((td) => Array.from(td.firstChild.data.matchAll(/\\S+/g), (m) => {
                const range = document.createRange(), text = td.firstChild;
                range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
                return [m[0], range.getClientRects().length];
            }))""")
        assert lines_per_word and all(n == 1 for _, n in lines_per_word), lines_per_word
    finally:
        phone.context.close()


def test_the_header_is_compact_on_a_phone(server: LiveServer, browser: Any) -> None:
    phone = Page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                 has_touch=True)  # fmt: skip
    try:
        for path in ("/", "/?q=faiss", "/ask", "/episodes/ml-in-production", "/entities"):
            phone.page.goto(server.url + path)
            height = phone.page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
            assert height < 0.15 * 844, (path, height)
            text, room = phone.page.evaluate(PLACEHOLDER_FITS)
            assert 0 < text <= room, (path, text, room)
    finally:
        phone.context.close()


def test_the_audio_player_follows_the_transcript(browser: Any, tmp_path: Path) -> None:
    """Clicking a time seeks the player, and the line being played is highlighted."""
    media = serve_media(silence(60))
    turns = [("Ana", 0.0, "Hello and welcome."), ("Ben", 12.0, "Thanks for having me."),
             ("Ana", 25.0, "Let us talk about audio."), ("Ben", 40.0, "Audio follows the transcript.")]  # fmt: skip
    episode = {
        "title": "A minute of audio",
        "media_url": f"http://127.0.0.1:{media.server_address[1]}/talk.wav",
        "segments": [{"speaker": s, "startTime": t, "endTime": t + 10, "body": b} for s, t, b in turns],
    }
    live = serve_file(tmp_path, "audio-talk.json", json.dumps(episode))
    tab = Page(browser)
    try:
        page = tab.page
        page.goto(live.url + "/episodes/audio-talk")
        page.locator("#audio").wait_for()
        page.locator(".line", has_text="Let us talk about audio.").locator(".speaker").click()  # the line itself
        until(page, "Math.abs(document.getElementById('audio').currentTime - 25) < 1")
        playing = page.locator(".line.playing")
        playing.wait_for()
        assert "Let us talk about audio." in playing.inner_text()
        page.evaluate("document.getElementById('audio').currentTime = 41")
        until(page, "document.querySelector('.line.playing').innerText.includes('Audio follows')")
        # The clicked line stays in the address, to share.
        assert page.url.endswith("#" + page.locator(".line", has_text="Let us talk about audio.").get_attribute("id"))
        page.locator(".line", has_text="Thanks for having me.").locator("a.when").click()  # or its time
        until(page, "Math.abs(document.getElementById('audio').currentTime - 12) < 1")
    finally:
        tab.context.close()
        live.stop()
        media.shutdown()


def test_a_chapter_plays_from_its_own_start_not_its_first_lines(browser: Any, tmp_path: Path) -> None:
    """A chapter starting at 0:00 over speech from 0:07, or mid-line (0:25 in a line said from 0:20, so
    its first line is the one at 0:40), played from its first line's time, not the chapter's."""
    media = serve_media(silence(60))
    page_text = f"""---
title: Chapters before speech
audio_url: http://127.0.0.1:{media.server_address[1]}/talk.wav
chapters:
  - time: "00:00"
    title: Cold open
  - time: "00:25"
    title: The tools
transcript:
  - time: "00:07"
    speaker: Ana
    text: Welcome to the show, today we talk about tools.
  - time: "00:20"
    speaker: Ben
    text: Thanks for having me, I have been building tools for years.
  - time: "00:40"
    speaker: Ana
    text: So what is the first tool you reach for every morning?
---
"""
    live = serve_file(tmp_path, "chapters-talk.md", page_text)
    tab = Page(browser)
    try:
        page = tab.page
        page.goto(live.url + "/episodes/chapters-talk")
        page.locator("#audio").wait_for()
        page.locator(".chapters a", has_text="The tools").click()
        until(page, "Math.abs(document.getElementById('audio').currentTime - 25) < 1")
        # Still at the chapter's first line, as without JavaScript.
        assert page.url.endswith("#s2")
        assert "first tool you reach for" in page.locator(".line.current").inner_text()
        page.locator(".chapters a", has_text="Cold open").click()
        until(page, "document.getElementById('audio').currentTime < 1")
        assert page.url.endswith("#s0") and "Welcome to the show" in page.locator(".line.current").inner_text()
    finally:
        tab.context.close()
        live.stop()
        media.shutdown()


def test_clicking_a_line_starts_the_youtube_player_there(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/episodes/ml-in-production")
    assert page.locator("#player").count() == 0  # nothing loaded from YouTube yet
    line = page.locator(".line[data-start='108.0']")
    line.locator(".speaker").click()
    player = page.locator("#player-box iframe")
    player.wait_for(state="attached")
    src = player.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/mlProdDemo1?") and "start=108" in src
    assert page.url.endswith("#" + line.get_attribute("id")) and "current" in line.get_attribute("class")


# -- entities and people (on the seeds) -------------------------------------------------


def test_an_entity_page_plays_a_mention_from_its_line(seeds_server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(seeds_server.url + "/entities/Hugging%20Face")
    assert page.locator("h1").inner_text() == "Hugging Face"
    assert "Hagen face" in page.locator(".mention mark").all_inner_texts()  # misheard, and still found
    first = page.locator(".mention").first
    said = first.locator(".text").inner_text()
    when = first.locator(".when").inner_text()
    first.locator("a.play", has_text="play from here").click()
    page.wait_for_url(f"**/episodes/{seed('000').stem}#s*")
    current = page.locator(".line.current")
    current.wait_for()
    assert said[:60] in current.inner_text() and current.locator(".when").inner_text() == when
    assert current.is_visible()
    top = page.evaluate("document.querySelector('.line.current').getBoundingClientRect().top")
    assert 0 < top < page.viewport_size["height"]


def test_the_episode_page_says_who_and_what(seeds_server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(seeds_server.url + f"/episodes/{seed('000').stem}")
    section = page.locator("section.who-what")
    assert section.locator("h2").inner_text() == "Who and what"
    assert "Organisations" in section.locator("dt").all_inner_texts()
    entry = section.locator("li", has=page.locator("a.entity", has_text="Hugging Face"))
    entry.locator("a.when").click()  # its first mention, highlighted in the transcript
    current = page.locator(".line.current")
    current.wait_for()
    assert "hugging face" in current.inner_text().lower() and current.is_visible()
    entry.locator("a.entity").click()
    page.wait_for_url("**/entities/Hugging%20Face")
    assert page.locator("h1").inner_text() == "Hugging Face"


def test_entity_and_people_pages_fit_a_phone(seeds_server: LiveServer, browser: Any) -> None:
    phone = Page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                 has_touch=True)  # fmt: skip
    try:
        for path in ("/entities", "/entities/Hugging%20Face", "/entities/DataTalks.Club", "/people",
                     "/people/Isabella", "/people/lavanyagupta", f"/episodes/{seed('000').stem}"):  # fmt: skip
            response = phone.page.goto(seeds_server.url + path)
            assert response.status == 200, path
            width = phone.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        phone.page.goto(seeds_server.url + "/people")
        phone.page.locator("a", has_text="Isabella").click()  # the list's links lead somewhere
        phone.page.wait_for_url("**/people/isabella")
        assert phone.page.locator("h1").inner_text() == "Isabella"
    finally:
        phone.context.close()


class PrefixProxy:
    """A reverse proxy on 127.0.0.1 serving ``backend`` under ``prefix`` (the prefix stripped, as nginx's
    ``location /podsift/ { proxy_pass http://backend/; }`` does); anything else is its own 404. It
    records each path asked and the status answered."""

    def __init__(self, backend_port: int, prefix: str) -> None:
        self.seen: list[tuple[str, int]] = []
        proxy = self

        class Forward(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                if not self.path.startswith(prefix + "/"):
                    status, headers, body = 404, [("Content-Type", "text/plain")], b"not under the prefix"
                else:
                    length = int(self.headers.get("Content-Length") or 0)
                    upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=30)
                    upstream.request(self.command, self.path[len(prefix):], self.rfile.read(length) if length else None,
                                     {k: v for k, v in self.headers.items() if k.lower() != "connection"})
                    answer = upstream.getresponse()
                    status, body = answer.status, answer.read()
                    headers = [(k, v) for k, v in answer.getheaders()
                               if k.lower() not in ("transfer-encoding", "connection", "content-length")]
                    upstream.close()
                proxy.seen.append((self.path, status))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _forward

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_the_pages_work_behind_a_proxy_serving_podsift_under_a_path(tmp_path: Path, tab: Page) -> None:
    """`podsift serve --root-path /podsift` behind a proxy: the search box on every page but the home
    page sent its query to /?q= (and the ask page's to /ask), and the API docs loaded their script and
    the API's description from /swagger and /openapi.json: outside /podsift, so the proxy's 404s."""
    live = LiveServer(many_talks(tmp_path / "talks"), "--root-path", "/podsift")
    proxy = PrefixProxy(live.port, "/podsift")
    try:
        page = tab.page
        page.goto(proxy.url + "/")
        page.keyboard.press("/")
        type_query(page, "Snowflake")
        page.locator("#results > .hit", has_text="Snowflake").locator(":scope > .meta a.episode").click()
        page.wait_for_url(proxy.url + "/episodes/talk-03**")
        page.locator("nav a", has_text="Shows").click()
        page.locator("a.show-title", has_text="Data Talks").click()
        page.wait_for_url(proxy.url + "/shows/**")
        page.locator("nav.more a[rel=next]").click()
        page.wait_for_url("**page=2**")
        assert "Talk" in page.locator("main").inner_text()
        page.locator("nav a", has_text="People").click()
        page.locator("main a", has_text="Ada Byron").click()
        page.wait_for_url(proxy.url + "/people/**")
        page.locator("nav a", has_text="Entities").click()
        page.locator("nav.more a[rel=next]").click()
        page.wait_for_url(proxy.url + "/entities?**page=2**")
        # The header's search box, away from the home page, is a plain form.
        page.locator("#q").fill("Databricks")
        page.locator("#q").press("Enter")
        page.wait_for_url(proxy.url + "/?q=Databricks**")
        page.locator("#results > .hit", has_text="Databricks").first.wait_for()
        page.locator("nav a", has_text="Ask").click()
        page.locator("#q").fill("Which tools did they move to?")
        page.locator("#q").press("Enter")
        page.wait_for_url(proxy.url + "/ask?q=**")
        page.locator("nav a", has_text="API").click()
        page.locator(".swagger-ui .opblock").first.wait_for()  # drawn from the API's description
        outside = [u for u in tab.requests if not u.startswith(proxy.url + "/")]
        assert not outside, outside
        failed = [(path, status) for path, status in proxy.seen if status >= 400]
        assert not failed, failed
    finally:
        proxy.stop()
        live.stop()

"""End to end in headless Chromium (Debian's, driven by Playwright) against `podsift serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, DEV_EVIDENCE, DEV_QUESTION, LiveServer

sync_api = pytest.importorskip("playwright.sync_api", reason="install the test extras: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[LiveServer]:
    live = LiveServer(web_db)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (bash .ci/run does)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
    page.keyboard.type(DEV_QUESTION)
    hit = page.locator(".hit", has_text=DEV_EVIDENCE)
    hit.wait_for()
    marks = hit.locator("mark").all_inner_texts()
    assert "Facebook" in marks and "library" in marks and "s" not in marks
    assert hit.locator(".when").inner_text() == "46:50"
    hit.locator("a.episode").click()
    page.wait_for_url("**/episodes/algorithms-data-structures-for-engineers#t=2810")
    current = page.locator(".line.current")
    current.wait_for()
    assert "We use a library for that" in current.inner_text()
    assert current.is_visible()
    assert page.evaluate("document.querySelector('.line.current').getBoundingClientRect().top") > 0


def test_arrow_keys_and_enter_pick_a_result(server: LiveServer, tab: Page) -> None:
    page = tab.page
    page.goto(server.url + "/?q=charge+a+client")
    page.locator(".hit").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.locator(".hit.selected")
    assert second.count() == 1 and second.get_attribute("data-href") == page.locator(".hit").nth(1).get_attribute("data-href")
    target = second.get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)


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
    assert label.startswith("[freelancing in data @ ")
    assert citation.inner_text() == "1 · " + label.split("@ ")[1].rstrip("]")
    citation.click()
    page.wait_for_url("**/episodes/freelancing-in-data#t=*")
    current = page.locator(".line.current")
    current.wait_for()
    assert current.locator(".when").inner_text() <= label.split("@ ")[1].rstrip("]")
    assert quoted[:40] in current.inner_text()


@pytest.mark.parametrize("path", ["/episodes/xss", "/episodes/xss-speaker", "/?q=payload+testing",
                                  "/ask?q=payload+testing", "/?q=%3Cscript%3Ealert(9)%3C/script%3E"])  # fmt: skip
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
    # Typed in the search box, a payload stays text as well.
    page.keyboard.press("/")
    page.keyboard.type("<img src=x onerror=alert(5)> payload")
    page.wait_for_timeout(600)
    assert tab.dialogs == []


def test_everything_is_served_locally(server: LiveServer, tab: Page) -> None:
    for path in ("/", "/?q=faiss", "/episodes/ml-in-production", "/ask?q=what+is+drift", "/docs"):
        tab.page.goto(server.url + path)
        tab.page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in tab.requests}
    # The one outside request is the episode's own YouTube player, which a user asked for.
    assert hosts <= {"127.0.0.1", "www.youtube-nocookie.com"}, hosts
    assert not any(url.endswith((".js", ".css")) and "127.0.0.1" not in url for url in tab.requests)


def test_readable_on_a_phone(server: LiveServer, browser: Any) -> None:
    phone = Page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                 has_touch=True)  # fmt: skip
    try:
        for path in ("/?q=faiss", "/episodes/algorithms-data-structures-for-engineers", "/ask?q=what+is+drift"):
            phone.page.goto(server.url + path)
            width = phone.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # nothing forces sideways scrolling
            size = phone.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 15
    finally:
        phone.context.close()

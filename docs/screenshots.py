"""Take the README's screenshots of the search, episode and ask pages.

    python docs/screenshots.py --db DEV.db

Starts `podsift serve` on the database (an ingested dev corpus looks best), drives
Debian's headless Chromium through Playwright, and writes docs/*.png.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: E402

SEARCH = "how do you deal with imposter syndrome"
ASK = "Which Facebook library does Alexey's team at OLX use to find the closest item vectors?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--episode", default="algorithms-data-structures-for-engineers")
    parser.add_argument("--at", type=int, default=2810, help="second to open the episode at")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    server = LiveServer(args.db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 860})
            page.goto(server.url + "/")
            page.keyboard.press("/")
            page.keyboard.type(SEARCH)
            page.locator(".hit").first.wait_for()
            page.wait_for_timeout(400)
            page.keyboard.press("ArrowDown")
            page.screenshot(path=HERE / "search.png")
            page.goto(f"{server.url}/episodes/{args.episode}#t={args.at}")
            page.locator(".line.current").wait_for()
            page.wait_for_timeout(400)
            page.screenshot(path=HERE / "episode.png")
            page.goto(f"{server.url}/episodes/{args.episode}")
            page.locator(".summary").wait_for()
            page.screenshot(path=HERE / "episode-top.png")
            page.goto(f"{server.url}/ask?q={ASK}")
            page.locator(".answer").wait_for()
            page.screenshot(path=HERE / "ask.png", full_page=True)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            phone.goto(server.url + "/?q=" + SEARCH)
            phone.screenshot(path=HERE / "search-phone.png")
            browser.close()
    finally:
        server.stop()
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

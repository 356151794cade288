"""Take the README's screenshots: home, search, episode, ask, people and entity pages, on a laptop and a phone.

    python docs/screenshots.py            # from the bundled demo (ingested and embedded into a temporary file)
    python docs/screenshots.py --db X.db  # from an archive you have

Starts `podsift serve`, drives Debian's headless Chromium through Playwright, and
writes docs/PAGE-1280.png and docs/PAGE-390.png for each page.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: E402

SEARCH = "how much should I charge a client"  # the README's first search
ASK = "How do you notice drift in production?"
# Each page: its address, and what to wait for before the picture.
PAGES = {
    "home": ("/", ".examples"),
    "search": ("/?q=" + quote(SEARCH), ".hit"),
    "episode": ("/episodes/freelancing-in-data#t=65", ".line.current"),
    "ask": ("/ask?q=" + quote(ASK), ".answer"),
    "people": ("/people", "table"),
    "entity": ("/entities/MLflow", ".mention"),
}
WIDTHS = {1280: {"viewport": {"width": 1280, "height": 860}},
          390: {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an archive (default: the demo, ingested afresh)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.db"
            demo = HERE.parent / "demo"
            subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), "ingest", str(demo)], check=True)
        server = LiveServer(db)
        written = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for width, options in WIDTHS.items():
                    context = browser.new_context(**options)
                    page = context.new_page()
                    for name, (path, ready) in PAGES.items():
                        page.goto(server.url + path)
                        page.locator(ready).first.wait_for()
                        page.wait_for_timeout(300)
                        target = HERE / f"{name}-{width}.png"
                        page.screenshot(path=target)
                        written.append(target.name)
                    context.close()
                browser.close()
        finally:
            server.stop()
    print("wrote", ", ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())

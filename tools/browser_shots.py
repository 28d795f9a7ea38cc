"""The README's browser screenshots, in Debian's headless Chromium:
`python -m tools.browser_shots [DIR]`.

The HTML export of the built-in programme with a plan, at desktop and phone widths, and
the app served by `hldtui serve`, in a browser tab. Favourites and caches are throw-away.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hldtui.exports.html import programme_html
from hldtui.model import Interest
from hldtui.plan import Plan
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from tools.chromium import launch

PLAN = {
    "thu-rt2": Interest.ATTEND,
    "thu-general-debate-pm": Interest.ATTEND,
    "fri-rt4": Interest.MAYBE,
}


def main(argv: Sequence[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=Path("screenshots"))
    directory = parser.parse_args(argv).directory
    with tempfile.TemporaryDirectory(prefix="hldtui-browser-") as scratch:
        folder = Path(scratch)
        schedule = load_schedule()
        plan = Plan(schedule, FavouritesStore(folder / "data", schedule.conference.id))
        for session_id, level in PLAN.items():
            plan.set_level(session_id, level)
        page_file = folder / "programme.html"
        made = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
        page_file.write_text(
            programme_html(plan, ZoneInfo("America/New_York"), favourites_only=False, made_at=made),
            encoding="utf-8",
        )
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for name, width, height in (("html-desktop", 1100, 900), ("html-phone", 390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri() + "#day-2013-10-03")
                page.screenshot(path=str(directory / f"{name}.png"))
                page.close()
            shot_served(browser, folder, directory / "served.png")
            browser.close()


def shot_served(browser: object, folder: Path, path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hldtui",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(folder / "data"),
        ],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        page = browser.new_page(viewport={"width": 1100, "height": 700})  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
        page.wait_for_timeout(4000)
        page.mouse.click(550, 350)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(path))
        page.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)


if __name__ == "__main__":
    main()

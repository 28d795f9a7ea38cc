"""Start-up time and peak memory of hldtui against a bare Textual app, measured in one run.

Each run is a fresh headless process that exits right after its first paint:
the bare app shows one Static; hldtui loads the built-in programme and its
favourites and shows the main screen. Runs alternate so that machine noise
falls on both alike. Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

HLDTUI = """
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore, data_dir
from hldtui.ui.app import HldApp

HldApp.on_ready = lambda self: self.call_after_refresh(self.exit)
schedule = load_schedule()
HldApp(schedule, FavouritesStore(data_dir(), schedule.conference.id)).run(headless=True)
"""


def run_once(code: str, env: dict[str, str]) -> float:
    """Seconds from launch to exit."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def peak_memory(code: str, env: dict[str, str]) -> int:
    """Peak resident memory of one run in KiB (Linux reports ru_maxrss in KiB)."""
    probe = (
        "import resource\n"
        f"exec({code!r})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    )
    return int(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="hldtui start-up against a bare Textual app")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "HLDTUI_DATA_DIR": scratch}
        for code in (BARE, HLDTUI):
            run_once(code, env)  # warm the file cache and the bytecode
        bare_times, app_times = [], []
        for _ in range(args.runs):
            bare_times.append(run_once(BARE, env))
            app_times.append(run_once(HLDTUI, env))
        bare_memory = peak_memory(BARE, env)
        app_memory = peak_memory(HLDTUI, env)
    bare, app = statistics.median(bare_times), statistics.median(app_times)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"runs: {args.runs} of each, alternating; medians")
    print(
        f"start to first paint: bare {bare * 1000:.0f} ms, hldtui {app * 1000:.0f} ms, "
        f"ratio {app / bare:.2f}x"
    )
    print(
        f"peak memory: bare {bare_memory / 1024:.1f} MiB, hldtui {app_memory / 1024:.1f} MiB, "
        f"ratio {app_memory / bare_memory:.2f}x"
    )


if __name__ == "__main__":
    main()

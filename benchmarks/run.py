"""hldtui against a bare Textual app, measured in one run: start-up, keystrokes, memory.

Usage: python benchmarks/run.py [--runs N] [--sessions N]

Start-up: fresh headless processes, from launch to their first frame, alternating, medians.
The bare app shows one Static. hldtui loads the built-in programme, or a generated one.
Keystrokes: from the key press to the last frame Textual draws for it, once the app is
idle again (headless, in one process), medians, against the same harness's bare app with
one Input.
Memory: each process's peak resident size.
A bare app whose key fills the screen with new text is measured too: the floor for a key
that changes the whole screen, such as a day switch.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Animations (the tab bar's sliding underline) would add their frames to every key timed.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

# Each child notes when its first frame is drawn, then lets any background work finish
# (hldtui builds its search index after the first frame) before it reports its peak memory.
PAINTED = """
import os, resource, sys, time

def painted(app):
    painted_at = time.time()

    def exit_when_idle():
        if not any(worker.is_running for worker in app.workers):
            app.exit((painted_at, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))

    app.set_interval(0.02, exit_when_idle)

def report(result):
    painted_at, memory = result
    print(painted_at - float(os.environ["LAUNCHED_AT"]), memory, file=sys.stderr)
"""

BARE = (
    PAINTED
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        self.call_after_refresh(painted, self)

report(Bare().run(headless=True))
"""
)

HLDTUI = (
    PAINTED
    + """
from hldtui.sources import load_schedule
from hldtui.plan import Plan
from hldtui.store import FavouritesStore, data_dir
from hldtui.ui.app import HldApp

HldApp.on_ready = lambda self: self.call_after_refresh(painted, self)
schedule = load_schedule(sys.argv[1] if len(sys.argv) > 1 else None)
plan = Plan(schedule, FavouritesStore(data_dir(), schedule.conference.id))
report(HldApp(plan).run(headless=True))
"""
)


def start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launch to the first frame, and peak memory in KiB."""
    env = {**env, "LAUNCHED_AT": repr(time.time())}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    seconds, memory = done.stderr.split()[-2:]
    return float(seconds), int(memory)


def spy_frames(app: object, frames: list[float]) -> None:
    """Note the time of each frame the app draws (a private hook; benchmarks only)."""
    original = app._display  # type: ignore[attr-defined]

    def display(screen: object, renderable: object) -> object:
        if renderable is not None:
            frames.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display  # type: ignore[attr-defined]


async def key_latencies(
    app: object, keys: list[str], before: Callable[[object], Awaitable[None]]
) -> list[float]:
    frames: list[float] = []
    spy_frames(app, frames)
    latencies = []
    async with app.run_test(size=(120, 40)) as pilot:  # type: ignore[attr-defined]
        await before(pilot)
        await pilot.pause()
        for key in keys:
            frames.clear()
            began = time.perf_counter()
            await pilot.press(key)
            # Work a key starts in the background (the palette's search) counts too.
            await app.workers.wait_for_complete()  # type: ignore[attr-defined]
            await pilot.pause()
            if frames:
                latencies.append(frames[-1] - began)
    return latencies


async def bare_keys() -> list[float]:
    from textual.app import App
    from textual.widgets import Input

    class BareInput(App):
        def compose(self):
            yield Input()

    async def nothing(pilot: object) -> None:
        return None

    keys = list("migration policy ") * 3
    return await key_latencies(BareInput(), keys, nothing)


async def bare_repaint_keys() -> list[float]:
    """A bare app whose key fills the screen with new text: the least any key that
    changes the whole screen can cost, as a floor for a day switch."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.widgets import Static

    class Repaint(App):
        CSS = "Static { width: 1fr; height: 1fr; }"
        BINDINGS = [("x", "fill", "Fill")]
        count = 0

        def compose(self):
            with Horizontal():
                yield Static(id="left")
                yield Static(id="right")

        def action_fill(self) -> None:
            self.count += 1
            text = "\n".join(f"line {n} of screen {self.count} " * 3 for n in range(40))
            for name in ("#left", "#right"):
                self.query_one(name, Static).update(text, layout=False)

    async def nothing(pilot: object) -> None:
        return None

    return await key_latencies(Repaint(), ["x"] * 31, nothing)


def big_app(path: Path, data_dir: Path) -> object:
    from hldtui.plan import Plan
    from hldtui.sources import load_schedule
    from hldtui.store import FavouritesStore
    from hldtui.ui.app import HldApp

    schedule = load_schedule(path)
    return HldApp(Plan(schedule, FavouritesStore(data_dir, schedule.conference.id)))


async def search_keys(path: Path, data_dir: Path) -> list[float]:
    async def open_search(pilot: object) -> None:
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.press("slash")  # type: ignore[attr-defined]

    latencies = []
    for _ in range(3):
        app = big_app(path, data_dir)
        latencies += await key_latencies(app, list("migration policy "), open_search)
    return latencies


async def day_keys(path: Path, data_dir: Path) -> list[float]:
    async def settle(pilot: object) -> None:
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]

    return await key_latencies(big_app(path, data_dir), ["right"] * 20, settle)


async def favourite_keys(path: Path, data_dir: Path) -> list[float]:
    """`f` on a row: ★, ☆, none, over and over, saved each time."""

    async def settle(pilot: object) -> None:
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.press("down", "down")  # type: ignore[attr-defined]

    return await key_latencies(big_app(path, data_dir), ["f"] * 21, settle)


async def grid_keys(path: Path, data_dir: Path) -> list[float]:
    """Moving between boxes in the timetable of a day with 2,000 sessions in 166 rooms."""

    async def open_grid(pilot: object) -> None:
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.press("g")  # type: ignore[attr-defined]

    keys = ["right", "down", "right", "up", "left", "down"] * 4
    return await key_latencies(big_app(path, data_dir), keys, open_grid)


async def palette_keys(path: Path, data_dir: Path) -> list[float]:
    """Typing into "Jump to session…" over every session."""

    async def open_jump(pilot: object) -> None:
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.app.screen.run_action("jump_to_session")  # type: ignore[attr-defined]
        await pilot.pause(0.5)  # type: ignore[attr-defined]

    latencies = []
    for _ in range(3):
        app = big_app(path, data_dir)
        latencies += await key_latencies(app, list("migration policy"), open_jump)
    return latencies


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sessions", type=int, default=10_000)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write

    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        big = write(scratch_dir / "big.json", options.sessions, 5)
        env = {**os.environ, "HLDTUI_DATA_DIR": str(scratch_dir / "data"), "PYTHONPATH": str(ROOT)}
        for code, args in ((BARE, []), (HLDTUI, []), (HLDTUI, [str(big)])):
            start(code, args, env)  # warm the file cache and the bytecode
        runs: dict[str, list[tuple[float, int]]] = {"bare": [], "builtin": [], "big": []}
        for _ in range(options.runs):
            runs["bare"].append(start(BARE, [], env))
            runs["builtin"].append(start(HLDTUI, [], env))
            runs["big"].append(start(HLDTUI, [str(big)], env))
        bare_key = statistics.median(asyncio.run(bare_keys()))
        bare_repaint = statistics.median(asyncio.run(bare_repaint_keys()))
        search_key = statistics.median(asyncio.run(search_keys(big, scratch_dir / "data")))
        day_key = statistics.median(asyncio.run(day_keys(big, scratch_dir / "data")))
        favourite_key = statistics.median(asyncio.run(favourite_keys(big, scratch_dir / "data")))
        palette_key = statistics.median(asyncio.run(palette_keys(big, scratch_dir / "data")))
        grid_key = statistics.median(asyncio.run(grid_keys(big, scratch_dir / "data")))

    def median_time(name: str) -> float:
        return statistics.median(t for t, _ in runs[name])

    def peak(name: str) -> int:
        return max(m for _, m in runs[name])

    bare_time = median_time("bare")
    count = f"{options.sessions:,} sessions"
    # (JSON key, what, as measured, the figure compared, target, unit of the figure)
    results = [
        ("start_builtin", "start, built-in programme", ms(median_time("builtin")),
         median_time("builtin") / bare_time, 1.5, "×"),
        ("start_big", f"start, {count}", ms(median_time("big")),
         median_time("big") / bare_time, None, "×"),
        ("search_key", f"search keystroke, {count}", ms(search_key),
         search_key / bare_key, 3.0, "×"),
        ("day_switch", f"switch day, {count}", ms(day_key), day_key / bare_key, 3.0, "×"),
        ("favourite_key", f"f on a row, {count}", ms(favourite_key),
         favourite_key / bare_key, 3.0, "×"),
        ("grid_move", f"timetable move, {count}", ms(grid_key), grid_key / bare_key, 3.0, "×"),
        ("palette_key_ms", f"palette keystroke, {count}", ms(palette_key),
         palette_key * 1000, 50.0, "ms"),
        ("peak_memory", f"peak memory, {count}", f"{peak('big') / 1024:.0f} MiB",
         peak("big") / peak("bare"), 2.0, "×"),
    ]  # fmt: skip
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    bare_memory = f"{peak('bare') / 1024:.0f} MiB"
    print(
        f"bare app: start {ms(bare_time)}, keypress {ms(bare_key)}, memory {bare_memory}; "
        f"a key that fills the screen: {bare_repaint * 1000:.1f} ms "
        f"({bare_repaint / bare_key:.2f}× a keypress)"
    )
    for _, name, value, figure, target, unit in results:
        compared = f"{figure:5.2f}× the bare app" if unit == "×" else f"{figure:5.1f} ms"
        goal = (
            "no target"
            if target is None
            else f"target ≤ {target:g}{' ' if unit == 'ms' else ''}{unit}"
        )
        met = "" if target is None else ("  met" if figure <= target else "  MISSED")
        print(f"{name:<36} {value:>9}  {compared:<22} ({goal}){met}")
    figures = {key: round(figure, 3) for key, _, _, figure, _, _ in results}
    figures["bare_full_repaint"] = round(bare_repaint / bare_key, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

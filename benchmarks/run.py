"""hldtui against a bare Textual app, measured in one run: start-up, keystrokes, memory.

Usage: python benchmarks/run.py [--runs N] [--sessions N]

Start: fresh processes in a real terminal (a pty of 120×40, Textual's own Linux driver),
alternating with the bare app, medians, from launch to the complete first screen: the last
frame drawn before the app has been idle for half a second. hldtui starts as the command
line starts it (`open_context`, then `make_app`), with collection put off as it does.
"First" starts have no parsed copy kept; "second" starts find the one the first left.
Keystrokes: from the key press to the last frame drawn for it, once the app is idle again
(headless, in one process, notifications on), medians; each round of hldtui's keys follows
a round of the bare app's, so that both see the machine as it is at that moment. Each key
is compared with the bare app making the same visible change: a cursor move or a mark with
a keypress echoed in a field, a key that changes the whole screen (a day switch, a search
keystroke, a timetable move that scrolls) with the bare app filling the screen anew.
Memory: each process's own peak resident size (VmHWM, which exec starts anew).
A bare app whose key fills the screen with new text is measured too: the floor for a key
that changes the whole screen, such as a day switch.
The "36c3" programme is generated to 36C3's size and shape (see generate.py).
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import json
import os
import platform
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Animations (the tab bar's sliding underline) would add their frames to every key timed.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

# Each child notes the time of every frame it draws, lets background work finish and the
# screen settle, then reports its last frame's time and its own peak memory.
FRAMES = """
import os, sys, time

def peak_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

def watch(app):
    frames = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None:
            frames.append(time.time())
        return original(screen, renderable)

    app._display = display

    def exit_when_settled():
        busy = any(worker.is_running for worker in app.workers)
        if frames and not busy and time.time() - frames[-1] > 0.5:
            app.exit((frames[-1], peak_kib(), len(frames)))

    app.call_later(lambda: app.set_interval(0.05, exit_when_settled))

def report(result):
    painted_at, memory, count = result
    with open(os.environ["REPORT_TO"], "w") as out:
        print(painted_at - float(os.environ["LAUNCHED_AT"]), memory, count, file=out)
"""

BARE = (
    FRAMES
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        watch(self)

report(Bare().run())
"""
)

HLDTUI = (
    FRAMES
    + """
import gc
from hldtui.cli.parser import parse_arguments
from hldtui.cli.context import open_context
from hldtui.cli.app import make_app
from hldtui.ui.app import HldApp

args = parse_arguments(sys.argv[1:])
gc.disable()
context = open_context(args)
app = make_app(context, 0)
mounted = HldApp.on_mount
HldApp.on_mount = lambda self: (watch(self), mounted(self))
report(app.run())
context.programme.keep_parsed()
"""
)


def start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launch to the complete first screen, and the peak memory in KiB, of a
    process drawing into a terminal of 120×40 whose output is read as fast as it comes."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    descriptor, report_to = tempfile.mkstemp(prefix="hldtui-start-")
    os.close(descriptor)
    env = {
        **env,
        "TERM": "xterm-256color",
        "REPORT_TO": report_to,
        "LAUNCHED_AT": repr(time.time()),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)

    def drain() -> None:
        with suppress(OSError):
            while os.read(controller, 65536):
                pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    child.wait(timeout=120)
    reader.join(5)
    os.close(controller)
    report = Path(report_to).read_text()
    os.unlink(report_to)
    if child.returncode or not report:
        raise RuntimeError(f"a start failed with status {child.returncode}")
    seconds, memory, _ = report.split()
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
    async with app.run_test(size=(120, 40), notifications=True) as pilot:  # type: ignore[attr-defined]
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


async def nothing(pilot: object) -> None:
    return None


def bare_input_app() -> object:
    from textual.app import App
    from textual.widgets import Input

    class BareInput(App):
        def compose(self):
            yield Input()

    return BareInput()


def bare_repaint_app() -> object:
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

    return Repaint()


def big_app(path: Path) -> object:
    """The app over a programme opened as the command line opens it: collection is put
    off until the first screen, then what start-up made is frozen (see HldApp)."""
    from hldtui.programme import Programme
    from hldtui.ui.app import HldApp

    gc.unfreeze()
    gc.collect()
    gc.disable()
    return HldApp(Programme.open(str(path)))


async def settle(pilot: object) -> None:
    """Wait for the work the app starts once its first screen is drawn, as a person
    reading that screen does."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    while not app.main_screen.prepared_for_keys:
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()


async def open_search(pilot: object) -> None:
    await settle(pilot)
    await pilot.press("slash")  # type: ignore[attr-defined]


async def two_rows_down(pilot: object) -> None:
    await settle(pilot)
    await pilot.press("down", "down")  # type: ignore[attr-defined]


async def open_grid(pilot: object) -> None:
    await settle(pilot)
    await pilot.press("g")  # type: ignore[attr-defined]


async def open_jump(pilot: object) -> None:
    await settle(pilot)
    await pilot.app.screen.run_action("jump_to_session")  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


KEYS: dict[str, tuple[list[str], Callable[[object], Awaitable[None]]]] = {
    "move": (["down"] * 12, settle),
    "search": (list("migration policy "), open_search),
    "day": (["right"] * 4 + ["left"] * 4 + ["right"] * 4, settle),
    "favourite": (["f"] * 12, two_rows_down),
    "grid": (["right", "down", "right", "up", "left", "down"] * 2, open_grid),
    "palette": (list("migration policy"), open_jump),
}


async def paired_keys(path: Path, rounds: int) -> dict[str, list[float]]:
    """hldtui's keys of each kind, each round after a round of the bare app's keypresses
    (and of its screen-filling key), all in one run."""
    measured: dict[str, list[float]] = {name: [] for name in ("bare", "repaint", *KEYS)}
    for _ in range(rounds):
        for name, (keys, before) in KEYS.items():
            measured["bare"] += await key_latencies(bare_input_app(), list("migration "), nothing)
            measured["repaint"] += await key_latencies(bare_repaint_app(), ["x"] * 8, nothing)
            measured[name] += await key_latencies(big_app(path), keys, before)
    return measured


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of keys of each kind")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write, write_congress

    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        big = write(scratch_dir / "big.json", options.sessions, 5)
        congress = write_congress(scratch_dir / "36c3.json")
        cache = scratch_dir / "cache"
        env = {
            **os.environ,
            "HLDTUI_DATA_DIR": str(scratch_dir / "data"),
            "XDG_CACHE_HOME": str(cache),
            "PYTHONPATH": str(ROOT),
        }
        # An installed hldtui starts from bytecode, as Textual does here: never measure
        # compiling hldtui's sources on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ.update({key: env[key] for key in ("HLDTUI_DATA_DIR", "XDG_CACHE_HOME")})
        kinds = {
            "bare": (BARE, [], False),
            "builtin": (HLDTUI, [], False),
            "first_36c3": (HLDTUI, ["--schedule", str(congress)], True),
            "second_36c3": (HLDTUI, ["--schedule", str(congress)], False),
            "first_big": (HLDTUI, ["--schedule", str(big)], True),
            "second_big": (HLDTUI, ["--schedule", str(big)], False),
        }
        # A data folder for each kind: the app reopens the programme shown last, and the
        # built-in start must not find the 10,000 sessions' there.
        envs = {
            name: {**env, "HLDTUI_DATA_DIR": str(scratch_dir / f"data-{name}")} for name in kinds
        }
        for name, (code, args, _) in kinds.items():
            start(code, args, envs[name])  # warm the file cache, write the bytecode
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in kinds}
        for _ in range(options.runs):
            for name, (code, args, fresh) in kinds.items():
                if fresh:
                    shutil.rmtree(cache / "hldtui" / "parsed", ignore_errors=True)
                runs[name].append(start(code, args, envs[name]))
        keys = asyncio.run(paired_keys(big, options.rounds))

    def median_time(name: str) -> float:
        return statistics.median(t for t, _ in runs[name])

    def peak(name: str) -> int:
        return max(m for _, m in runs[name])

    def key(name: str) -> float:
        return statistics.median(keys[name])

    bare_time, bare_key, repaint_key = median_time("bare"), key("bare"), key("repaint")
    count = f"{options.sessions:,} sessions"
    # (JSON key, what, as measured, the figure compared, target, unit of the figure)
    results = [
        ("start_builtin", "start, built-in programme", ms(median_time("builtin")),
         median_time("builtin") / bare_time, 1.5, "×"),
        ("first_start_36c3", "first start, 36C3's size", ms(median_time("first_36c3")),
         median_time("first_36c3") / bare_time, None, "×"),
        ("second_start_36c3", "second start, 36C3's size", ms(median_time("second_36c3")),
         median_time("second_36c3") / bare_time, 1.6, "×"),
        ("first_start_10k", f"first start, {count}", ms(median_time("first_big")),
         median_time("first_big") / bare_time, None, "×"),
        ("second_start_10k", f"second start, {count}", ms(median_time("second_big")),
         median_time("second_big") / bare_time, 2.0, "×"),
        ("list_move", f"list cursor move, {count}", ms(key("move")),
         key("move") / bare_key, None, "× keypress"),
        ("favourite_key", f"f on a row, {count}", ms(key("favourite")),
         key("favourite") / bare_key, 2.0, "× keypress"),
        ("day_switch_vs_repaint", f"switch day, {count}", ms(key("day")),
         key("day") / repaint_key, 1.3, "× repaint"),
        ("grid_move_vs_repaint", f"timetable move, {count}", ms(key("grid")),
         key("grid") / repaint_key, 1.3, "× repaint"),
        ("search_key_vs_repaint", f"search keystroke, {count}", ms(key("search")),
         key("search") / repaint_key, 1.5, "× repaint"),
        ("palette_key_ms", f"palette keystroke, {count}", ms(key("palette")),
         key("palette") * 1000, 40.0, "ms"),
        ("peak_memory_10k", f"peak memory, {count}", f"{peak('second_big') / 1024:.0f} MiB",
         peak("second_big") / peak("bare"), 2.5, "×"),
        ("peak_memory_first_10k", f"peak memory, first start, {count}",
         f"{peak('first_big') / 1024:.0f} MiB", peak("first_big") / peak("bare"), None, "×"),
    ]  # fmt: skip
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    bare_memory = f"{peak('bare') / 1024:.1f} MiB"
    print(
        f"bare app: start {ms(bare_time)}, keypress {bare_key * 1000:.1f} ms, memory "
        f"{bare_memory}; a key that fills the screen: {key('repaint') * 1000:.1f} ms "
        f"({key('repaint') / bare_key:.2f}× a keypress)"
    )
    against = {"×": "the bare app", "× keypress": "a bare keypress", "× repaint": "a bare repaint"}
    for _, name, value, figure, target, unit in results:
        compared = f"{figure:5.1f} ms" if unit == "ms" else f"{figure:5.2f}× {against[unit]}"
        goal = (
            "no target"
            if target is None
            else f"target ≤ {target:g}{' ms' if unit == 'ms' else '×'}"
        )
        met = "" if target is None else ("  met" if figure <= target else "  MISSED")
        print(f"{name:<38} {value:>9}  {compared:<22} ({goal}){met}")
    figures = {name: round(figure, 3) for name, _, _, figure, _, _ in results}
    figures["bare_full_repaint"] = round(repaint_key / bare_key, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

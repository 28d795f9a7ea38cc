"""`hldtui serve` for real: a server on 127.0.0.1, driven over its websocket as the page in a
browser drives it, the screen read with a terminal emulator (pyte); and the page itself in
headless Chromium (Debian's, driven by Playwright). A star made in the browser reaches the
data folder, and stopping the server stops its apps."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pyte
import pytest

from tools.chromium import CHROMIUM, MISSING, launch

TITLE = "Second High-level Dialogue on International Migration and Development"
ROWS, COLUMNS = 30, 100


@dataclass
class Served:
    port: int
    data: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def apps_of(data: Path) -> list[int]:
    """The processes whose environment names ``data`` as their data folder."""
    marker = f"HLDTUI_DATA_DIR={data}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    port, data = free_port(), tmp_path / "served-data"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "served-cache")}
    env.pop("HLDTUI_DATA_DIR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "hldtui", "serve", "--port", str(port), "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(process.stderr.read().decode() if process.stderr else "")
        time.sleep(0.1)
    yield Served(port, data, process)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(20)


class Screen:
    """A terminal emulator fed the frames the server sends."""

    def __init__(self, columns: int = COLUMNS, rows: int = ROWS) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)


async def until(
    websocket: aiohttp.ClientWebSocketResponse, screen: Screen, ready: Callable[[str], bool]
) -> str:
    """Feed frames until the screen shows what ``ready`` looks for (30 s at most)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while not ready(screen.text):
        left = deadline - loop.time()
        if left <= 0:
            raise AssertionError(f"the screen never showed it:\n{screen.text}")
        try:
            message = await websocket.receive(timeout=left)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"the websocket closed: {message}")
    return screen.text


def starred(data: Path) -> dict[str, str]:
    try:
        document = json.loads((data / "favourites.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return dict(document["favourites"].get("hld2013", {}))


async def test_the_served_app_over_its_websocket(served: Served) -> None:
    screen = Screen()
    address = f"{served.url}/ws?width={COLUMNS}&height={ROWS}"
    async with aiohttp.ClientSession() as session, session.ws_connect(address) as websocket:
        first = await until(websocket, screen, lambda text: "Opening" in text)
        assert first.splitlines()[0].startswith(f" {TITLE}")
        assert "Thu 3 Oct  Fri 4 Oct" in first
        await websocket.send_json(["stdin", "f"])
        await until(websocket, screen, lambda text: "★ Will attend" in text)
        deadline = time.monotonic() + 10
        while starred(served.data) != {"thu-opening": "attend"}:
            assert time.monotonic() < deadline, starred(served.data)
            await asyncio.sleep(0.1)
        await websocket.send_json(["stdin", "\x1b[C"])  # → the next day
        friday = await until(websocket, screen, lambda text: "Interactive Panel" in text)
        assert "Fri 4 Oct" in friday
        assert apps_of(served.data), "the app runs as a process of its own"
        # Stopped with the tab still open.
        began = time.monotonic()
        served.process.send_signal(signal.SIGINT)
        while apps_of(served.data) or served.process.poll() is None:
            assert time.monotonic() - began < 10, "stopping the server stops its apps"
            await asyncio.sleep(0.1)


def test_serve_without_textual_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hldtui.cli import main

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    assert "pip install 'hldtui[serve]'" in capsys.readouterr().err


def test_a_host_beyond_this_computer_is_warned_of(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from hldtui.cli import main

    started: list[tuple[str, str, int]] = []

    class Server:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            started.append((command, host, port))

        def serve(self) -> None:
            return None

    monkeypatch.setattr("hldtui.cli.serve._server_class", lambda: Server)
    assert main(["serve", "--host", "0.0.0.0", "--port", "9999", "--schedule", "my file.xml"]) == 0
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0, not only on this computer" in err
    assert "textual-serve has no login" in err
    command, host, port = started[0]
    assert (host, port) == ("0.0.0.0", 9999)
    assert command.startswith("exec ") and command.endswith("-m hldtui --schedule 'my file.xml'")
    assert main(["serve", "--port", "0"]) == 2
    assert "--port: 0 is not a port" in capsys.readouterr().err


@pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING)
def test_the_served_app_in_headless_chromium(served: Served, tmp_path: Path) -> None:
    from playwright.sync_api import WebSocket, sync_playwright

    screen = Screen()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})

            def listen(socket: WebSocket) -> None:
                # The page asks for an app of its canvas's size: the emulator takes it too.
                query = parse_qs(urlsplit(socket.url).query)
                screen.resize(int(query["width"][0]), int(query["height"][0]))
                socket.on(
                    "framereceived",
                    lambda payload: screen.feed(payload) if isinstance(payload, bytes) else None,
                )

            page.on("websocket", listen)
            page.goto(served.url, wait_until="domcontentloaded")
            deadline = time.monotonic() + 30
            while "Opening" not in screen.text:
                assert time.monotonic() < deadline, screen.text
                page.wait_for_timeout(100)
            assert TITLE in screen.text
            page.mouse.click(600, 400)
            page.keyboard.press("f")
            while starred(served.data) != {"thu-opening": "attend"}:
                assert time.monotonic() < deadline + 10, starred(served.data)
                page.wait_for_timeout(100)
            page.wait_for_timeout(300)
            shot = tmp_path / "browser.png"
            page.screenshot(path=str(shot))
            assert shot.read_bytes().startswith(b"\x89PNG")
        finally:
            browser.close()

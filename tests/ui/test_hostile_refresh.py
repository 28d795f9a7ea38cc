"""Refreshing from a server that never finishes: one fetch at a time, however often the
user asks, and quitting stops it at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from hldtui.programme import Programme
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from tests.hostile_server import HostileServer, hostile_server, respond
from tests.ui.helpers import notifications

__all__ = ["hostile_server"]

PROGRAMME = (Path(__file__).parents[1] / "data" / "formats" / "31c3-schedule.xml").read_bytes()


def fetching() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "hldtui-fetch-deadline"]


async def test_refreshes_run_one_at_a_time_and_stop_when_the_app_quits(
    hostile_server: HostileServer,
) -> None:
    answered = threading.Event()

    def answer(request: dict[str, str]) -> Iterator[bytes | float]:
        if not answered.is_set():
            answered.set()
            yield from respond(PROGRAMME)
            return
        yield b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
        for _ in range(600):
            yield b"<"
            yield 0.1

    hostile_server.answer("/p", answer)
    programme = Programme.open(hostile_server.url("/p"))
    moment = parse_moment("2014-12-27T12:00", programme.schedule.conference.zone)
    app = HldApp(programme, clock=lambda: moment)
    async with app.run_test() as pilot:
        for _ in range(5):
            await pilot.press("u")
        await pilot.pause(0.5)
        assert len(hostile_server.requests) == 2
        assert len(fetching()) == 1
        assert "Already looking for a new version of the programme…" in notifications(app)
        began = time.monotonic()
        await pilot.press("q")
    while fetching() and time.monotonic() - began < 5:
        time.sleep(0.02)
    assert not fetching()
    assert time.monotonic() - began < 1.0

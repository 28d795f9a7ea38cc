"""Reminders in the running app, on the programme's clock: a fake clock moves, nothing
sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.reminders import ReminderSettings
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from tests.ui.helpers import notifications


class Clock:
    def __init__(self, text: str) -> None:
        self.now = parse_moment(text, load_schedule().conference.zone)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)


def reminding_app(data_dir: Path, clock: Clock, settings: ReminderSettings) -> HldApp:
    schedule = load_schedule()
    store = FavouritesStore(data_dir, schedule.conference.id)
    store.set_level("thu-rt2", Interest.ATTEND)
    store.set_level("thu-general-debate-pm", Interest.MAYBE)
    sent: list[tuple[str, str]] = []
    app = HldApp(
        Programme.of(schedule, store),
        clock=clock,
        reminders=settings,
        desktop=lambda title, body: sent.append((title, body)),
    )
    app.sent = sent  # type: ignore[attr-defined]
    return app


async def test_a_starred_session_is_reminded_once_with_bell_and_desktop(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock("2013-10-03T14:30")
    app = reminding_app(data_dir, clock, ReminderSettings())
    bells: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notifications(app) == []
        clock.advance(22)
        app.remind()
        await pilot.pause()
        body = (
            "Round table 2 · Human rights of all migrants, smuggling and trafficking · "
            "room not given in the programme · 15:00–18:00 EDT"
        )
        assert notifications(app) == [body]
        assert app.sent == [("Starts in 8 min", body)]  # type: ignore[attr-defined]
        assert len(bells) == 1
        clock.advance(5)
        app.remind()
        assert len(notifications(app)) == 1, "each reminder fires once"


async def test_maybe_sessions_remind_only_when_asked(data_dir: Path) -> None:
    clock = Clock("2013-10-03T14:50")
    quiet = reminding_app(data_dir, clock, ReminderSettings())
    async with quiet.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [title for title, _ in quiet.sent] == ["Starts in 10 min"]  # type: ignore[attr-defined]
    asked = reminding_app(data_dir, clock, ReminderSettings(maybe=True))
    async with asked.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(asked.sent) == 2  # type: ignore[attr-defined]
        assert "General debate of HLD (continued)" in asked.sent[0][1]  # type: ignore[attr-defined]


async def test_no_reminder_for_a_session_already_started_when_the_app_opens(
    data_dir: Path,
) -> None:
    clock = Clock("2013-10-03T15:01")
    app = reminding_app(data_dir, clock, ReminderSettings(lead=timedelta(hours=1)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.remind()
        assert app.sent == []  # type: ignore[attr-defined]

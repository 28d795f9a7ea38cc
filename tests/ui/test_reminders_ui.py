"""Reminders in the running app, on the programme's clock: a fake clock moves, nothing
sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hldtui.model import Interest
from hldtui.plan import Plan
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
        Plan(schedule, store),
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


async def test_the_app_says_when_the_programme_is_a_copy_used_offline(data_dir: Path) -> None:
    schedule = load_schedule()
    notice = "Using the programme as of 14:05 on 3 Oct 2013 (UTC), kept from https://x (offline)"
    app = HldApp(Plan(schedule, FavouritesStore(data_dir, schedule.conference.id)), notice=notice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notifications(app) == [notice]


async def test_a_changed_programme_has_a_changes_tab_yours_first(
    data_dir: Path, tmp_path: Path
) -> None:
    from hldtui.changes import compare
    from hldtui.ui.views import ChangesView
    from hldtui.ui.widgets.day_tabs import DayTabs
    from tests.ui.helpers import list_message, listed_ids, main_screen, prompt_of, row_texts
    from tests.unit.test_changes import CAMP, edited

    changed = tmp_path / "camp.json"
    changed.write_bytes(edited())
    schedule = load_schedule(changed)
    changes = compare(load_schedule(CAMP), schedule)
    store = FavouritesStore(data_dir, schedule.conference.id)
    late = next(s for s in schedule.sessions if s.display_title == "A late addition")
    store.set_level(late.id, Interest.ATTEND)
    brussels = next(s for s in schedule.sessions if s.display_title.startswith("Reporting from"))
    store.set_level(brussels.id, Interest.ATTEND)
    marked: list[bool] = []
    app = HldApp(Plan(schedule, store), changes=changes, mark_seen=lambda: marked.append(True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "4 sessions changed since you last looked, 1 of yours" in notifications(app)[0]
        tabs = app.screen.query_one(DayTabs)
        assert tabs.labels[-1].startswith("⟳")
        main_screen(app).show_view(main_screen(app).tabs[-1])
        await pilot.pause()
        assert isinstance(main_screen(app).view, ChangesView)
        assert list_message(app) == "4 changed since you last looked, 1 of yours."
        assert listed_ids(app)[0] == late.id
        texts = "\n".join(row_texts(app))
        assert texts.index("Your sessions") < texts.index("Other sessions")
        assert "CANCELLED: no longer in the" in texts
        assert "⚠ now clashes with Reporting" in texts, "a ★ session that now clashes"
        assert "MOVED: time: Wed 21 Aug" in " ".join(texts.split())
        await main_screen(app).run_action("mark_changes_seen")
        assert marked == [True]
        main_screen(app).show_view(main_screen(app).tabs[0])
        await pilot.pause()
        assert "⟳ NEW" in prompt_of(app, late.id), "the day list carries a badge"


async def test_u_reads_the_programme_again_and_shows_a_new_version(
    data_dir: Path, tmp_path: Path
) -> None:
    from hldtui.changes import compare
    from hldtui.ui.app import Reloaded
    from hldtui.ui.screens.main import MainScreen
    from hldtui.ui.views import ChangesView
    from tests.unit.test_changes import CAMP, edited

    first = load_schedule(CAMP)
    changed = tmp_path / "camp.json"
    changed.write_bytes(edited())
    second = load_schedule(changed)
    versions = [
        Reloaded(Plan(first, FavouritesStore(data_dir, first.conference.id)), (), "", True),
        Reloaded(
            Plan(second, FavouritesStore(data_dir, second.conference.id)),
            compare(first, second),
            "",
            False,
        ),
    ]
    app = HldApp(
        Plan(first, FavouritesStore(data_dir, first.conference.id)),
        reload=lambda: versions.pop(0),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The programme is up to date." in notifications(app)
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.schedule is second
        assert isinstance(screen.tabs[-1], ChangesView)
        assert any("4 sessions changed since you last looked" in n for n in notifications(app))

"""Helpers for driving the real app in tests."""

from __future__ import annotations

from pathlib import Path

from hldtui.model import Schedule
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.ui.app import HldApp
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.widgets.session_list import SessionList


def make_app(data_dir: Path, schedule: Schedule | None = None) -> HldApp:
    schedule = schedule or load_schedule()
    return HldApp(schedule, FavouritesStore(data_dir, schedule.conference.id))


def text_of(app: HldApp, selector: str) -> str:
    """A widget's text with wrapping undone: runs of white space become one space."""
    return " ".join(str(app.screen.query_one(selector).content).split())


def highlighted_id(app: HldApp) -> str | None:
    session = app.screen.query_one(SessionList).highlighted_session
    return session.id if session else None


def main_screen(app: HldApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def notifications(app: HldApp) -> list[str]:
    return [notification.message for notification in app._notifications]

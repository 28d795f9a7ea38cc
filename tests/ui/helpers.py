"""Helpers for driving the real app in tests."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled

from hldtui.model import Schedule
from hldtui.programme import Programme
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.views import SearchView
from hldtui.ui.widgets.session_list import SessionList

# A moment long after the conference, so that no session is running unless a test says so.
AFTER = "2026-11-27T12:00"


def make_app(
    data_dir: Path,
    schedule: Schedule | None = None,
    *,
    now: str = AFTER,
    viewer_zone: str | None = None,
) -> HldApp:
    schedule = schedule or load_schedule()
    moment = parse_moment(now, schedule.conference.zone)
    return HldApp(
        Programme.of(schedule, FavouritesStore(data_dir, schedule.conference.id)),
        clock=lambda: moment,
        viewer_zone=ZoneInfo(viewer_zone) if viewer_zone else None,
    )


def text_of(app: HldApp, selector: str) -> str:
    """A widget's text with wrapping undone: runs of white space become one space."""
    return " ".join(str(app.screen.query_one(selector).content).split())


def listed_ids(app: HldApp) -> list[str]:
    return app.screen.query_one(SessionList).session_ids


def list_message(app: HldApp) -> str:
    """What the list says above its rows, with wrapping undone."""
    return " ".join(app.screen.query_one(SessionList).message.split())


def prompt_of(app: HldApp, session_id: str) -> str:
    """A session's row as drawn, with wrapping undone."""
    return " ".join(app.screen.query_one(SessionList).text_of(session_id).split())


def row_texts(app: HldApp) -> list[str]:
    session_list = app.screen.query_one(SessionList)
    return [session_list.row_text(index) for index in range(session_list.row_count)]


def highlighted_id(app: HldApp) -> str | None:
    session = app.screen.query_one(SessionList).highlighted_session
    return session.id if session else None


def main_screen(app: HldApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def searching(app: HldApp) -> bool:
    return isinstance(main_screen(app).view, SearchView)


def header_line(app: HldApp) -> str:
    """The header as drawn."""
    from hldtui.ui.widgets.header import ConferenceHeader

    return app.screen.query_one(ConferenceHeader).render_line(0).text


def bottom_line(app: HldApp) -> str:
    """The key bar's line as drawn: the keys, or what a key said."""
    from hldtui.ui.widgets.key_bar import KeyBar

    return app.screen.query_one(KeyBar).render_line(0).text.strip()


def notifications(app: HldApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def screen_text(app: HldApp) -> str:
    """Every character on screen, as the terminal would show it, modal screens included."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    # The same rendering App.export_screenshot uses, as text rather than SVG.
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


async def pane_lines(pilot: Pilot[None], widget: Widget) -> list[str]:
    """Every line a scrolling widget shows, top to bottom, as far as its text area
    reaches on screen: what falls under its scrollbar or past its edge is not there."""
    lines: list[str] = []
    top = 0
    while True:
        widget.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        region = widget.scrollable_content_region
        rows = screen_text(pilot.app).splitlines()
        shown_from = round(widget.scroll_offset.y)
        for row in range(top - shown_from, region.height):
            lines.append(_cells(rows[region.y + row], region.x, region.right))
        top = shown_from + region.height
        if top >= widget.virtual_size.height:
            return lines


def _cells(text: str, start: int, end: int) -> str:
    """The part of a screen line from cell ``start`` up to ``end``."""
    out, position = [], 0
    for character in text:
        if start <= position < end:
            out.append(character)
        position += cell_len(character)
    return "".join(out)


async def work_done(app: HldApp) -> None:
    """Wait for the app's workers, as `wait_for_complete` does, but let a worker that work
    started meanwhile cancelled (an exclusive one, such as the search index's) be; first
    for the main screen to begin the work it puts off until it is drawn."""
    while not app.main_screen.prepared_for_keys:
        await asyncio.sleep(0.01)
    while running := [w for w in app.workers if not w.is_finished]:
        results = await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
                raise result

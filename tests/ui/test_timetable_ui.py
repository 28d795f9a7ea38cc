"""The timetable view: g toggles it, arrows move in space, and it shares the plan,
filters and the cursor with the list."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events

from hldtui.model import Interest
from hldtui.sources import load_schedule
from hldtui.ui.app import HldApp
from hldtui.ui.views import DayView, TimetableView
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.timetable_grid import TimetableGrid
from tests.ui.helpers import (
    highlighted_id,
    listed_ids,
    main_screen,
    make_app,
    prompt_of,
    screen_text,
)

SIZE = (100, 30)
FORMATS = Path(__file__).parents[1] / "data" / "formats"


def grid_of(app: HldApp) -> TimetableGrid:
    return app.screen.query_one(TimetableGrid)


def grid_id(app: HldApp) -> str | None:
    session = grid_of(app).highlighted_session
    return session.id if session else None


async def test_g_shows_the_day_as_a_timetable_and_back(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "g")
        await pilot.pause()
        assert isinstance(main_screen(app).view, TimetableView)
        assert app.screen.query_one(DayTabs).active == "day-2013-10-03"
        assert app.focused is grid_of(app)
        assert grid_id(app) == "thu-general-debate-am", "the cursor stays on the session"
        text = screen_text(app)
        assert "Plenary meetings" in text and "Interactive Round" in text
        assert "Grouped by kind, as the event page does: no rooms are named." in text
        await pilot.press("g")
        assert isinstance(main_screen(app).view, DayView)
        assert highlighted_id(app) == "thu-general-debate-am"


async def test_arrows_move_through_time_and_across_columns(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert grid_id(app) == "thu-opening"
        await pilot.press("down")
        assert grid_id(app) == "thu-general-debate-am"
        await pilot.press("right")
        assert grid_id(app) == "thu-rt1", "the neighbouring column, at the same time"
        await pilot.press("down")
        assert grid_id(app) == "thu-rt2"
        await pilot.press("right")
        assert grid_id(app) == "thu-1730"
        await pilot.press("left", "left")
        assert grid_id(app) == "thu-general-debate-pm"
        await pilot.press("up", "up", "up", "up")
        assert grid_id(app) == "thu-opening", "stops at the first"
        assert main_screen(app).highlighted.id == "thu-opening"
        await pilot.press("right_square_bracket")
        assert isinstance(main_screen(app).view, TimetableView), "a day switch keeps the grid"
        assert main_screen(app).view.id == "grid-2013-10-04"


async def test_a_star_set_in_the_grid_shows_in_the_list_and_the_grid(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down", "right", "f")
        await pilot.pause()
        assert app.plan.level("thu-rt1") is Interest.ATTEND
        assert re.search(r"10:00 RT +★", screen_text(app))
        await pilot.press("g")
        assert prompt_of(app, "thu-rt1").endswith("★")


async def test_hidden_sessions_leave_the_grid_and_a_click_picks_a_box(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down", "h")
        await pilot.pause()
        grid = grid_of(app)
        assert grid.table.index_of("thu-general-debate-am") is None
        rt1 = grid.table.placed[grid.table.index_of("thu-rt1")]
        x = 7 + rt1.column * grid.column_width + 2
        y = grid._header_lines + rt1.first - round(grid.scroll_offset.y)
        await pilot.click(TimetableGrid, offset=(x, y))
        await pilot.pause()
        assert grid_id(app) == "thu-rt1"
        assert main_screen(app).highlighted.id == "thu-rt1"


async def test_a_congress_grid_has_its_rooms_as_columns(data_dir: Path) -> None:
    app = make_app(data_dir, load_schedule(FORMATS / "31c3-schedule.xml"), now="2030-01-01T00:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        grid = grid_of(app)
        assert grid.visible_columns >= 3
        assert "Saal 1" in screen_text(app)
        for _ in range(6):
            await pilot.press("right")
        await pilot.pause()
        placed = grid.table.placed[grid.table.index_of(grid_id(app))]
        assert grid._first_column <= placed.column < grid._first_column + grid.visible_columns
        first = grid._first_column

        def wheel(event: type[events.MouseEvent], shift: bool) -> None:
            grid.post_message(event(grid, 20, 5, 0, 0, 0, shift, False, False))

        wheel(events.MouseScrollUp, shift=True)
        await pilot.pause()
        assert grid._first_column == first - 1, "shift and the wheel scroll across"
        wheel(events.MouseScrollDown, shift=False)
        await pilot.pause()
        assert grid.scroll_offset.y > 0, "the wheel scrolls through time"


async def test_the_grid_survives_a_tiny_terminal(app: HldApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("g", "down", "right", "up", "left")
        await pilot.pause()
        assert isinstance(main_screen(app).view, TimetableView)
        assert listed_ids(app), "the list keeps its rows underneath"


async def test_the_now_line_follows_the_clock(data_dir: Path) -> None:
    from datetime import timedelta

    app = make_app(data_dir, now="2013-10-03T15:30")
    moment = app.clock()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        grid = grid_of(app)
        assert grid.grid_layout.now_row == grid.table.row_of(moment)
        app.clock = lambda: moment + timedelta(hours=1)
        main_screen(app).now = app.clock()
        await pilot.pause()
        assert grid.grid_layout.now_row == grid.table.row_of(moment) + 2
        assert "▶16:30" in screen_text(app)

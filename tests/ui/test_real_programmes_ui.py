"""Other conferences' programmes in the app: no zone, the file's ids, an iCalendar programme."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from hldtui.model import Interest
from hldtui.sources import load_schedule
from hldtui.ui.screens.picker import PickerScreen
from hldtui.ui.widgets.day_tabs import DayTabs
from tests.ui.helpers import (
    header_line,
    highlighted_id,
    listed_ids,
    make_app,
    notifications,
    text_of,
)

SHAPES = Path(__file__).parent.parent / "data" / "real-shapes"
SIZE = (100, 30)


async def test_a_programme_with_no_zone_says_so_and_z_asks_for_a_zone(data_dir: Path) -> None:
    schedule = load_schedule(
        Path(__file__).parent.parent / "data" / "formats" / "pentabarf-fosdem-style.xml"
    )
    app = make_app(data_dir, schedule, now="2015-01-31T10:10")
    async with app.run_test(size=SIZE) as pilot:
        assert "no time zone: times as written" in header_line(app)
        assert text_of(app, "#now-line").startswith("[as written] ▶ Now: Welcome to the meeting")
        assert "10:00–10:25 as written (the file gives no time zone)" in text_of(
            app, "#detail-body"
        )
        before = [app.screen.session_list.row_text(0)]
        await pilot.press("z")
        assert "--zone Europe/Brussels" in notifications(app)[-1]
        assert [app.screen.session_list.row_text(0)] == before


async def test_the_palette_goes_to_a_session_by_the_file_s_id(data_dir: Path) -> None:
    app = make_app(data_dir, load_schedule(SHAPES / "pentabarf-no-zone.xml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"12237")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(DayTabs).active == "day-2021-02-07"
        assert highlighted_id(app) == "12237-20210207T1700"
        assert "Ids event 12237 · slug keynotes_closing" in text_of(app, "#detail-body")


async def test_an_icalendar_programme_works_like_any_other(data_dir: Path) -> None:
    app = make_app(data_dir, load_schedule(SHAPES / "calendar-named-zone.ics"))
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one(DayTabs)
        assert tabs.labels == [
            "Sun 12 Jan",
            "Mon 13 Jan",
            "Tue 14 Jan",
            "★ My agenda",
            "▶ Now",
            "People",
        ]
        assert listed_ids(app)[0] == "104-demo.conf.example"
        await pilot.press("f")
        assert app.store.level("104-demo.conf.example") is Interest.ATTEND
        await pilot.press("r")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape", "slash", *"tiny")
        assert listed_ids(app) == ["1-demo.conf.example"]
        await pilot.press("escape", "a")
        assert tabs.active == "agenda"
        assert listed_ids(app) == ["104-demo.conf.example"]
        assert "Speakers Joel Example" in text_of(app, "#detail-body")

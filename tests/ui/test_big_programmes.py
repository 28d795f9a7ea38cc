"""A congress programme in the app: many days, rooms and tracks, filters and hiding."""

from __future__ import annotations

from pathlib import Path

from hldtui.sources import load_schedule
from hldtui.ui.app import HldApp
from hldtui.ui.screens.picker import PickerScreen
from hldtui.ui.widgets.day_tabs import DayTabs
from tests.ui.helpers import (
    header_line,
    list_message,
    listed_ids,
    make_app,
    notifications,
    prompt_of,
)

CONGRESS = Path(__file__).parent.parent / "data" / "formats" / "31c3-schedule.xml"
SIZE = (100, 30)


def congress_app(data_dir: Path) -> HldApp:
    return make_app(data_dir, load_schedule(CONGRESS), now="2030-01-01T00:00")


async def test_four_days_of_tabs_with_no_empty_day_and_rooms_in_rows(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one(DayTabs)
        # The file's <end> is the morning the last day ends, not a fifth day.
        assert tabs.labels == [
            "Sat 27 Dec",
            "Sun 28 Dec",
            "Mon 29 Dec",
            "Tue 30 Dec",
            "★ My agenda",
            "▶ Now",
            "People",
        ]
        first = listed_ids(app)[0]
        assert prompt_of(app, first).endswith("Saal 1 · CCC")
        for _ in range(3):
            await pilot.press("right")
            assert listed_ids(app)
        assert tabs.active == "day-2014-12-30"
        await pilot.press("right")
        assert tabs.active == "agenda"


async def test_track_filter_from_the_picker_shows_in_the_header(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        everything = len(listed_ids(app))
        await pilot.press("t")
        assert isinstance(app.screen, PickerScreen)
        labels = [str(o.prompt) for o in app.screen.query_one("#picker-list").options]
        assert labels[0] == "Every kind and track"
        position = next(i for i, label in enumerate(labels) if label.startswith("Track: Hardware"))
        for _ in range(position):
            await pilot.press("down")
        await pilot.press("enter")
        shown = listed_ids(app)
        assert 0 < len(shown) < everything
        assert all(app.schedule.get(i).track == "Hardware & Making" for i in shown)
        assert "⏷ Track: Hardware & Making" in header_line(app)
        await pilot.press("slash", *"the")
        assert all(app.schedule.get(i).track == "Hardware & Making" for i in listed_ids(app))
        await pilot.press("escape", "t", "enter")
        assert len(listed_ids(app)) == everything
        assert "⏷" not in header_line(app)


async def test_room_filter(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "down", "enter")
        rooms = {app.schedule.get(i).room for i in listed_ids(app)}
        assert rooms == {"Saal 1"}
        assert "⏷ Room: Saal 1" in header_line(app)


async def test_hiding_a_session_and_a_track_is_saved(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        first = listed_ids(app)[0]
        await pilot.press("h")
        assert first not in listed_ids(app)
        assert "hidden. v shows hidden sessions" in notifications(app)[-1]
        track = app.schedule.get(listed_ids(app)[0]).track
        await pilot.press("H")
        assert all(app.schedule.get(i).track != track for i in listed_ids(app))
        await pilot.press("v")
        assert first in listed_ids(app)
        assert "⊘ hidden" in prompt_of(app, first)
    again = congress_app(data_dir)
    async with again.run_test(size=SIZE):
        assert first in again.store.hidden
        assert track in again.store.hidden_tracks
        assert first not in listed_ids(again)


async def test_built_in_programme_has_no_room_or_track_lines(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert (
            prompt_of(app, "thu-rt1")
            == "10:00–13:00 RT Round table 1 · Migration and sustainable development after 2015"
        )
        await pilot.press("r")
        assert notifications(app)[-1] == "This programme names no rooms."
        await pilot.press("H")
        assert notifications(app)[-1] == "This session has no track."


async def test_nine_days_and_thousands_of_sessions(data_dir: Path, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from generate import write

    path = write(tmp_path / "big.json", 3000, 9)
    app = make_app(data_dir, load_schedule(path), now="2030-01-01T00:00")
    async with app.run_test(size=(80, 24)) as pilot:
        session_list = app.screen.query_one("#sessions")
        first_day = app.schedule.on_day(app.schedule.days[0])
        assert listed_ids(app) == [session.id for session in first_day]
        assert len(first_day) > 300
        assert list(session_list.children) == []
        for _ in range(8):
            await pilot.press("right")
        tabs = app.screen.query_one(DayTabs)
        assert tabs.active == "day-2031-01-04"
        assert tabs.tab_in_view("day-2031-01-04")
        await pilot.press("end")
        last = listed_ids(app)[-1]
        assert app.screen.query_one("#sessions").highlighted_session.id == last
        await pilot.press("slash", *"climate")
        assert "type more to narrow" in list_message(app)
        assert len(listed_ids(app)) == 200


async def test_typing_in_the_room_picker_narrows_it_and_enter_takes_the_first_left(
    data_dir: Path,
) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"sa", "space", *"g")
        picker = app.screen
        assert [str(o.prompt) for o in picker.query_one("#picker-list").options] == ["Saal G (31)"]
        assert str(picker.query_one("#picker-help").content).startswith("1 of 5 · ")
        await pilot.press("enter")
        assert {app.schedule.get(i).room for i in listed_ids(app)} == {"Saal G"}


async def test_the_picker_ignores_case_and_accents_and_arrows_move_while_typing(
    data_dir: Path,
) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", *"SÄAL", "down", "enter")
        # "Every room" does not match; the rooms do, in the picker's order.
        assert {app.schedule.get(i).room for i in listed_ids(app)} == {"Saal 2"}


async def test_a_picker_with_nothing_left_picks_nothing(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", *"borg", "enter")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.query_one("#picker-list").option_count == 0
        assert str(picker.query_one("#picker-help").content).startswith("0 of 5 · ")
        await pilot.press("escape")
        assert not app.screen.query("#picker-list")

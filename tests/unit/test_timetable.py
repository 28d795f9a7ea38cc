"""A day laid out as a timetable: columns, rows at the programme's slot size, lanes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hldtui.model import Schedule
from hldtui.sources import load_schedule
from hldtui.timetable import timetable

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def test_the_dialogue_is_grouped_as_its_event_page_groups_it(builtin: Schedule) -> None:
    table = timetable(builtin.on_day(date(2013, 10, 3)), builtin.conference.zone)
    assert table.grouped_by == "kind", "the programme names no rooms"
    assert table.columns == ("Plenary meetings", "Interactive Roundtables", "Kind not given")
    assert table.slot == timedelta(minutes=30)
    assert table.time_of(0).strftime("%H:%M") == "09:00" and table.row_count == 18
    placed = {p.session.id: p for p in table.placed}
    assert (placed["thu-opening"].column, placed["thu-opening"].first) == (0, 0)
    assert (placed["thu-rt1"].column, placed["thu-rt1"].first, placed["thu-rt1"].rows) == (1, 2, 6)
    assert table.cells[1][2] == table.index_of("thu-rt1")
    friday = timetable(builtin.on_day(date(2013, 10, 4)), builtin.conference.zone)
    assert "Interactive Panel" in friday.columns


def test_rooms_are_columns_where_the_programme_names_them() -> None:
    congress = load_schedule(FORMATS / "31c3-schedule.xml")
    table = timetable(congress.on_day(congress.days[0]), congress.conference.zone)
    assert table.grouped_by == "room"
    assert table.columns == ("Saal 1", "Saal 2", "Saal 6", "Saal G")
    for placed in table.placed:
        assert table.columns[placed.column] == placed.session.room


def test_overlapping_sessions_in_one_room_get_a_column_each(builtin: Schedule) -> None:
    rt1 = builtin.get("thu-rt1")
    clash = replace(rt1, id="thu-rt1-copy", room="Hall")
    table = timetable([replace(rt1, room="Hall"), clash], builtin.conference.zone)
    assert table.columns == ("Hall", "Hall")
    assert {p.column for p in table.placed} == {0, 1}


def test_the_time_now_falls_on_a_row_or_outside_the_day(builtin: Schedule) -> None:
    table = timetable(builtin.on_day(date(2013, 10, 3)), builtin.conference.zone)
    rt2 = builtin.get("thu-rt2")
    assert table.row_of(rt2.start + timedelta(minutes=40)) == 13
    assert table.row_of(rt2.start + timedelta(days=1)) is None
    assert timetable([], builtin.conference.zone).placed == ()

"""Views build rows from the programme, the plan, the filter and search; rows draw
themselves. Both are tested here without an app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from hldtui.filters import Filter
from hldtui.model import Interest, Schedule
from hldtui.plan import Plan, PlanChange
from hldtui.search import SearchIndex
from hldtui.store import FavouritesStore
from hldtui.ui.views import (
    NO_FAVOURITES,
    SEARCH_HINT,
    AgendaView,
    DayView,
    Scope,
    SearchView,
    tab_views,
)
from hldtui.ui.widgets.rows import (
    GapRow,
    HeadingRow,
    MessageRow,
    RowLayout,
    SessionRow,
)

NEW_YORK = ZoneInfo("America/New_York")


def scope_of(schedule: Schedule, data_dir: Path) -> Scope:
    plan = Plan(schedule, FavouritesStore(data_dir, schedule.conference.id))
    return Scope(schedule, plan, Filter(), SearchIndex(schedule, lambda: plan.notes))


def test_tabs_are_the_days_the_agenda_now_and_people(builtin: Schedule) -> None:
    views = tab_views(builtin)
    assert [view.id for view in views] == [
        "day-2013-10-03",
        "day-2013-10-04",
        "agenda",
        "now",
        "people",
    ]
    assert views[0].labels(False) == ("Thu 3 Oct", "Thu 3", "3")
    assert views[0].labels(True)[-1] == "Thu 3", "the current day keeps its weekday"


def test_a_day_lists_its_sessions_and_says_why_it_is_empty(
    builtin: Schedule, data_dir: Path
) -> None:
    scope = scope_of(builtin, data_dir)
    friday = DayView(date(2013, 10, 4)).listing(scope)
    assert [row.session.id for row in friday.sessions] == [
        s.id for s in builtin.on_day(date(2013, 10, 4))
    ]
    assert friday.message == "" and friday.rows == friday.sessions
    for session in builtin.on_day(date(2013, 10, 4)):
        scope.plan.set_hidden(session.id, True)
    emptied = DayView(date(2013, 10, 4)).listing(scope)
    assert emptied.sessions == ()
    assert emptied.message.startswith("No session on Fri 4 Oct is left by the filter")
    assert emptied.rows == (MessageRow(emptied.message),)


def test_the_agenda_has_days_gaps_and_clashes(builtin: Schedule, data_dir: Path) -> None:
    scope = scope_of(builtin, data_dir)
    assert AgendaView().listing(scope).message == NO_FAVOURITES
    for session_id in ("thu-general-debate-am", "thu-rt1", "thu-rt2"):
        scope.plan.set_level(session_id, Interest.ATTEND)
    rows = AgendaView().listing(scope).rows
    assert isinstance(rows[0], HeadingRow) and rows[0].text == "Thursday 3 October 2013"
    rt1 = next(row for row in rows if isinstance(row, SessionRow) and row.session.id == "thu-rt1")
    assert [other.id for other in rt1.clashes] == ["thu-general-debate-am"]
    assert any(isinstance(row, GapRow) for row in rows)


def test_search_finds_and_counts(builtin: Schedule, data_dir: Path) -> None:
    scope = scope_of(builtin, data_dir)
    assert SearchView("").listing(scope).message == SEARCH_HINT
    found = SearchView("trafficking").listing(scope)
    assert found.words == ("trafficking",)
    assert found.sessions[0].session.id == "thu-rt2"
    assert found.message.endswith("· Enter goes there")
    missing = SearchView("zzyzx").listing(scope)
    assert missing.message.startswith("“zzyzx” is not in this programme")


def test_which_changes_rebuild_which_views() -> None:
    levels, notes, hidden = PlanChange(levels=True), PlanChange(notes=True), PlanChange(hidden=True)
    day = DayView(date(2013, 10, 3))
    assert [day.rebuilds_on(c) for c in (levels, notes, hidden)] == [False, False, True]
    assert [AgendaView().rebuilds_on(c) for c in (levels, notes, hidden)] == [True, False, False]
    assert [SearchView("x").rebuilds_on(c) for c in (levels, notes, hidden)] == [False, True, True]


def test_a_row_is_as_tall_as_it_draws(builtin: Schedule) -> None:
    rt2 = SessionRow(builtin.get("thu-rt2"))
    for width in (20, 40, 60, 100):
        for layout in (
            RowLayout(width=width, zone=NEW_YORK),
            RowLayout(width=width, zone=ZoneInfo("Asia/Tokyo"), show_day=True),
            RowLayout(width=width, zone=NEW_YORK, running=frozenset({"thu-rt2"})),
        ):
            lines = rt2.lines(layout, cursor=False)
            assert len(lines) == rt2.height(layout)
            assert all(line.cell_length <= width for line in lines)


def test_a_row_shows_the_favourite_mark_and_the_day_another_zone_moves_it_to(
    builtin: Schedule,
) -> None:
    row = SessionRow(builtin.get("thu-rt2"))
    layout = RowLayout(width=60, zone=ZoneInfo("Asia/Tokyo"), levels={"thu-rt2": Interest.MAYBE})
    text = "\n".join(line.plain for line in row.lines(layout, cursor=False))
    assert text.startswith("04:00–07:00 RT   Round table 2")
    assert "☆" in text and "+1d: Fri 4 Oct" in text


def test_the_cursor_row_keeps_emphasis_but_takes_the_cursor_s_colours(
    builtin: Schedule,
) -> None:
    row = SessionRow(builtin.get("thu-rt1"))
    layout = RowLayout(width=60, zone=NEW_YORK, levels={"thu-rt1": Interest.ATTEND})
    styles = {str(span.style) for line in row.lines(layout, cursor=True) for span in line.spans}
    assert styles and not any("$" in style for style in styles)
    assert any("bold" in style for style in styles)


def test_a_message_row_wraps_to_the_width() -> None:
    row = MessageRow("No session on Fri 4 Oct is left by the filter or what you hid.")
    layout = RowLayout(width=30)
    lines = row.lines(layout, cursor=False)
    assert len(lines) == row.height(layout) > 1
    assert all(line.cell_length <= 30 for line in lines)

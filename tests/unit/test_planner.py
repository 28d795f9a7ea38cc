"""Planning: clashes, the personal agenda with its gaps, and now/next."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hldtui.model import Interest, Schedule, next_interest
from hldtui.planner import Gap, Phase, agenda, clashes, now_and_next
from hldtui.sources import load_schedule

NEW_YORK = ZoneInfo("America/New_York")
ATTEND, MAYBE = Interest.ATTEND, Interest.MAYBE


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2013, 10, day, hour, minute, tzinfo=NEW_YORK)


def test_interest_cycles_none_attend_maybe_none() -> None:
    assert next_interest(None) is ATTEND
    assert next_interest(ATTEND) is MAYBE
    assert next_interest(MAYBE) is None
    assert (ATTEND.mark, MAYBE.mark) == ("★", "☆")


def test_round_table_1_clashes_with_the_thursday_general_debate(builtin: Schedule) -> None:
    found = clashes([builtin.get("thu-rt1"), builtin.get("thu-general-debate-am")])
    assert [s.id for s in found["thu-rt1"]] == ["thu-general-debate-am"]
    assert [s.id for s in found["thu-general-debate-am"]] == ["thu-rt1"]


def test_back_to_back_sessions_do_not_clash(builtin: Schedule) -> None:
    opening, debate = builtin.get("thu-opening"), builtin.get("thu-general-debate-am")
    assert opening.end == debate.start
    assert not opening.overlaps(debate)
    assert clashes([opening, debate]) == {}


def test_agenda_groups_by_day_with_gaps_and_clashes(builtin: Schedule) -> None:
    days = agenda(
        builtin,
        {
            "thu-opening": ATTEND,
            "thu-rt1": ATTEND,
            "thu-general-debate-am": ATTEND,
            "thu-rt2": ATTEND,
            "fri-rt4": MAYBE,
            "fri-general-debate-pm": ATTEND,
            "retired-session": ATTEND,
        },
    )
    assert [d.day for d in days] == [date(2013, 10, 3), date(2013, 10, 4)]
    thursday = days[0].items
    kinds = [type(item).__name__ for item in thursday]
    assert kinds == ["AgendaEntry", "AgendaEntry", "AgendaEntry", "Gap", "AgendaEntry"]
    assert [item.session.id for item in thursday if not isinstance(item, Gap)] == [
        "thu-opening",
        "thu-general-debate-am",
        "thu-rt1",
        "thu-rt2",
    ]
    gap = thursday[3]
    assert (gap.start, gap.end, gap.minutes) == (at(3, 13), at(3, 15), 120)
    assert thursday[0].clashes == ()
    assert [s.id for s in thursday[2].clashes] == ["thu-general-debate-am"]
    friday = days[1].items
    maybe = next(item for item in friday if item.session.id == "fri-rt4")
    assert maybe.interest is MAYBE and maybe.clashes == ()


def test_maybe_sessions_never_clash(builtin: Schedule) -> None:
    days = agenda(builtin, {"thu-rt1": MAYBE, "thu-general-debate-am": ATTEND})
    assert all(item.clashes == () for item in days[0].items)


def test_now_during_thursday_afternoon(builtin: Schedule) -> None:
    status = now_and_next(builtin, at(3, 15, 30))
    assert status.phase is Phase.DURING
    assert status.today == date(2013, 10, 3)
    assert [s.id for s in status.running] == ["thu-general-debate-pm", "thu-rt2"]
    assert [s.id for s in status.upcoming] == ["thu-1730"]


def test_now_between_sessions_and_at_the_edges(builtin: Schedule) -> None:
    lunch = now_and_next(builtin, at(3, 13, 30))
    assert lunch.running == ()
    assert [s.id for s in lunch.upcoming] == ["thu-general-debate-pm", "thu-rt2"]
    assert [s.id for s in now_and_next(builtin, at(3, 13)).running] == []
    assert [s.id for s in now_and_next(builtin, at(3, 10)).running] == [
        "thu-general-debate-am",
        "thu-rt1",
    ]


def test_before_and_after_the_conference(builtin: Schedule) -> None:
    before = now_and_next(builtin, at(1, 12))
    assert before.phase is Phase.BEFORE
    assert before.upcoming[0].id == "thu-opening"
    after = now_and_next(builtin, datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("UTC")))
    assert after.phase is Phase.AFTER
    assert after.running == () and after.upcoming == ()


def test_phase_uses_the_conference_day_not_the_viewer_s(builtin: Schedule) -> None:
    friday_evening_in_new_york = datetime(2013, 10, 5, 1, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert now_and_next(builtin, friday_evening_in_new_york).phase is Phase.DURING


def test_now_after_midnight_is_still_the_day_that_runs_past_it() -> None:
    congress = load_schedule(
        Path(__file__).parent.parent / "data" / "formats" / "31c3-schedule.xml"
    )
    zone = congress.conference.zone
    status = now_and_next(congress, datetime(2014, 12, 28, 1, 30, tzinfo=zone))
    assert status.today == date(2014, 12, 27)
    status = now_and_next(congress, datetime(2014, 12, 28, 4, 30, tzinfo=zone))
    assert status.today == date(2014, 12, 28)


def test_running_and_next_found_by_bisection_agree_with_a_scan_of_every_session() -> None:
    from datetime import timedelta
    from pathlib import Path

    from hldtui.sources import load_schedule

    formats = Path(__file__).parents[1] / "data" / "formats"
    for name in ("31c3-schedule.xml", "pyconuk2015-schedule.ics", "camp2019-schedule.json"):
        schedule = load_schedule(formats / name)
        first = schedule.sessions[0].start - timedelta(hours=2)
        for step in range(0, 24 * 6 * 8, 7):
            now = first + timedelta(minutes=10 * step)
            running = tuple(s for s in schedule.sessions if s.is_running(now))
            later = [s for s in schedule.sessions if s.start > now]
            upcoming = tuple(s for s in later if s.start == later[0].start) if later else ()
            assert schedule.running_at(now) == running, (name, now)
            assert schedule.next_after(now) == upcoming, (name, now)

"""Calendars whose repetitions, zones or size would make a loader work without end: each
loads or is refused, with its reason, within a bounded time."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hldtui.sources import ScheduleError, load_schedule

HEAD = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n"
TAIL = "END:VCALENDAR\n"


def event(uid: str, start: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTART:{start}\nDURATION:PT1H\nSUMMARY:s {uid}\n"
        f"{extra}END:VEVENT\n"
    )


def zone(rule: str, name: str = "Custom/Zone") -> str:
    return (
        f"BEGIN:VTIMEZONE\nTZID:{name}\nBEGIN:STANDARD\nDTSTART:19701025T030000\n"
        f"TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:{rule}\nEND:STANDARD\n"
        "BEGIN:DAYLIGHT\nDTSTART:19700329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
    )


def timed_load(tmp_path: Path, text: str, limit: float = 2.0):
    path = tmp_path / "hostile.ics"
    path.write_text(text)
    began = time.process_time()
    try:
        return load_schedule(path)
    finally:
        assert time.process_time() - began < limit


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0: a rule repeats every 1 or more periods"),
        ("FREQ=DAILY;INTERVAL=-2", "INTERVAL=-2"),
        ("FREQ=DAILY;COUNT=-3", "COUNT=-3: a rule happens 1 or more times"),
        ("FREQ=DAILY;COUNT=x", "this is not a rule for repeating"),
        ("FREQ=MINUTELY", "hldtui expands events that repeat at most hourly"),
        (
            "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0,10,20,30,40,50",
            "the repeating events make more than 2,000 sessions",
        ),
    ],
)
def test_rules_that_cannot_be_expanded_are_refused_with_the_reason(
    tmp_path: Path, rule: str, message: str
) -> None:
    with pytest.raises(ScheduleError) as raised:
        timed_load(tmp_path, HEAD + event("a", "20240101T100000Z", f"RRULE:{rule}\n") + TAIL)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=DAILY;BYYEARDAY=366;BYMONTH=1",
        "FREQ=HOURLY;UNTIL=99991231T000000Z;BYMONTH=4;BYMONTHDAY=31",
    ],
)
def test_rules_that_never_match_cost_no_time(tmp_path: Path, rule: str) -> None:
    text = HEAD + event("a", "20240101T100000Z", f"RRULE:{rule}\n")
    text += event("b", "20240101T150000Z") + TAIL
    schedule = timed_load(tmp_path, text, limit=1.0)
    assert {session.title for session in schedule.sessions} == {"s a", "s b"}


def test_counts_dates_exceptions_and_moved_occurrences_are_kept(tmp_path: Path) -> None:
    text = HEAD + event(
        "daily",
        "20240101T100000Z",
        "RRULE:FREQ=DAILY;COUNT=5\nEXDATE:20240103T100000Z\nRDATE:20240110T100000Z\n",
    )
    text += (
        "BEGIN:VEVENT\nUID:daily\nRECURRENCE-ID:20240102T100000Z\n"
        "DTSTART:20240102T150000Z\nDURATION:PT1H\nSUMMARY:moved\nEND:VEVENT\n"
    )
    schedule = timed_load(tmp_path, text + TAIL)
    starts = sorted((s.start.astimezone(ZoneInfo("UTC")), s.title) for s in schedule.sessions)
    utc = ZoneInfo("UTC")
    assert starts == [
        (datetime(2024, 1, 1, 10, tzinfo=utc), "s daily"),
        (datetime(2024, 1, 2, 15, tzinfo=utc), "moved"),
        (datetime(2024, 1, 4, 10, tzinfo=utc), "s daily"),
        (datetime(2024, 1, 5, 10, tzinfo=utc), "s daily"),
        (datetime(2024, 1, 10, 10, tzinfo=utc), "s daily"),
    ]
    assert all(s.end - s.start == (s.end - s.start).__class__(hours=1) for s in schedule.sessions)


def test_a_repeating_event_keeps_its_wall_clock_time_across_a_change_of_offset(
    tmp_path: Path,
) -> None:
    text = (
        HEAD + "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/Berlin:20240320T090000\nDURATION:PT1H\n"
        "RRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:weekly\nEND:VEVENT\n" + TAIL
    )
    schedule = timed_load(tmp_path, text)
    assert [
        (s.start.hour, s.start.utcoffset().total_seconds() / 3600) for s in schedule.sessions
    ] == [
        (9, 1.0),
        (9, 1.0),
        (9, 2.0),
    ]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "FREQ=SECONDLY",
            "its offset changes by the rule FREQ=SECONDLY; zones change theirs yearly",
        ),
        ("FREQ=MINUTELY", "zones change theirs yearly"),
        ("FREQ=HOURLY", "zones change theirs yearly"),
        ("FREQ=YEARLY;INTERVAL=0", "INTERVAL=0 is not a number of 1 or more"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", "never happens by 2038"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU;COUNT=9", "does not happen 9 times"),
        ("FREQ=YEARLY;UNTIL=99991231T000000Z", "past 2200"),
        ("FREQ=YEARLY;BYMONTHDAY=8,9,10;BYYEARDAY=366;BYMINUTE=0,15", "never happens by 2038"),
        (
            "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7",
            "changes its offset more than 2,000 times",
        ),
    ],
)
def test_zone_rules_that_cannot_be_expanded_are_refused(
    tmp_path: Path, rule: str, message: str
) -> None:
    text = (
        HEAD
        + zone(rule)
        + event("a", "20240101T100000", "").replace("DTSTART:", "DTSTART;TZID=Custom/Zone:")
    )
    with pytest.raises(ScheduleError) as raised:
        timed_load(tmp_path, text + TAIL)
    assert "the time zone `Custom/Zone`" in str(raised.value)
    assert message in str(raised.value)


def test_a_custom_zone_with_yearly_rules_is_read_with_its_summer_offset(tmp_path: Path) -> None:
    text = HEAD + zone("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "Custom/Ordinary")
    text += event("a", "20240701T100000").replace("DTSTART:", "DTSTART;TZID=Custom/Ordinary:")
    (session,) = timed_load(tmp_path, text + TAIL).sessions
    assert session.start == datetime(2024, 7, 1, 8, tzinfo=ZoneInfo("UTC"))


def test_too_many_zones_are_refused(tmp_path: Path) -> None:
    zones = "".join(zone("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", f"Z/{n}") for n in range(201))
    with pytest.raises(ScheduleError) as raised:
        timed_load(tmp_path, HEAD + zones + event("a", "20240101T100000Z") + TAIL)
    assert "defines 201 time zones; hldtui reads at most 200" in str(raised.value)


def test_ten_thousand_events_load_in_under_three_seconds(tmp_path: Path) -> None:
    events = "".join(
        event(f"e{n}", f"202401{1 + n % 5:02d}T{8 + n % 10:02d}0000Z") for n in range(10_000)
    )
    schedule = timed_load(tmp_path, HEAD + events + TAIL, limit=4.5)
    assert len(schedule.sessions) == 10_000


def test_events_repeating_one_uid_are_read_in_linear_time(tmp_path: Path) -> None:
    events = "".join(event("same", f"20240101T{n % 24:02d}{n % 60:02d}00Z") for n in range(4_000))
    schedule = timed_load(tmp_path, HEAD + events + TAIL, limit=4.0)
    ids = [session.id for session in schedule.sessions]
    assert len(ids) == len(set(ids)) >= len({(n % 24, n % 60) for n in range(4_000)})

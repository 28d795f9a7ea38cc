"""Reminders: which sessions are due, once each, and what the desktop is sent."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from hldtui.model import Interest, Schedule
from hldtui.reminders import ReminderSettings, due, next_due, reminder_text
from hldtui.timezones import parse_moment
from hldtui.ui.desktop import osc_notification

NEW_YORK = ZoneInfo("America/New_York")
LEVELS = {"thu-rt2": Interest.ATTEND, "fri-rt4": Interest.MAYBE}


def at(text: str):
    return parse_moment(text, NEW_YORK)


def test_a_will_attend_session_is_due_within_the_lead_time(builtin: Schedule) -> None:
    opened = at("2013-10-03T14:00")
    settings = ReminderSettings()
    assert due(builtin, LEVELS, at("2013-10-03T14:49"), settings, opened_at=opened) == []
    (session,) = due(builtin, LEVELS, at("2013-10-03T14:50"), settings, opened_at=opened)
    assert session.id == "thu-rt2"
    assert due(builtin, LEVELS, at("2013-10-03T15:00"), settings, opened_at=opened) == [], (
        "not once it has started"
    )


def test_each_reminder_fires_once_and_never_for_a_session_started_before_opening(
    builtin: Schedule,
) -> None:
    now = at("2013-10-03T14:55")
    settings = ReminderSettings()
    assert due(builtin, LEVELS, now, settings, opened_at=now, reminded={"thu-rt2"}) == []
    opened_late = at("2013-10-03T15:05")
    assert due(builtin, LEVELS, at("2013-10-03T15:06"), settings, opened_at=opened_late) == []


def test_maybe_sessions_only_when_asked_and_zero_turns_reminders_off(builtin: Schedule) -> None:
    now = at("2013-10-04T14:55")
    assert next_due(builtin, LEVELS, now, ReminderSettings()) is None
    session = next_due(builtin, LEVELS, now, ReminderSettings(maybe=True))
    assert session is not None and session.id == "fri-rt4"
    off = ReminderSettings(lead=timedelta(0), maybe=True)
    assert not off.on and next_due(builtin, LEVELS, now, off) is None


def test_a_reminder_names_the_session_its_room_and_its_start(builtin: Schedule) -> None:
    title, body = reminder_text(builtin.get("thu-rt2"), NEW_YORK, at("2013-10-03T14:52"))
    assert title == "Starts in 8 min"
    assert body == (
        "Round table 2 · Human rights of all migrants, smuggling and trafficking · "
        "room not given in the programme · 15:00–18:00 EDT"
    )


def test_the_desktop_escape_suits_the_terminal_and_cannot_be_ended_early() -> None:
    assert osc_notification("T", "B", {"TERM": "xterm-256color"}) == ""
    assert osc_notification("T", "a;b", {"VTE_VERSION": "7600"}) == ("\x1b]777;notify;T;a,b\x07")
    assert osc_notification("T", "B", {"TERM_PROGRAM": "iTerm.app"}) == "\x1b]9;T: B\x07"
    hostile = osc_notification("T", "x\x07\x1b]52;c;evil\x07", {"TERM_PROGRAM": "WezTerm"})
    assert hostile.count("\x07") == 1 and hostile.count("\x1b") == 1

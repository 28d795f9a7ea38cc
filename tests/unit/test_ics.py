"""iCalendar export, parsed back with icalendar, and import of favourites by UID."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from hldtui.exports.ics import CalendarFileError, agenda_file_name, read_favourites, to_ical
from hldtui.model import Interest, Schedule

STAMP = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
LEVELS = {"thu-rt1": Interest.ATTEND, "fri-rt4": Interest.MAYBE}
NOTES = {"thu-rt1": "Bring the Koser paper; ask about remittances."}


def export(builtin: Schedule, **options: object) -> bytes:
    sessions = builtin.only(frozenset(LEVELS))
    return to_ical(builtin, sessions, levels=LEVELS, notes=NOTES, stamp=STAMP, **options)


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_every_event_property(builtin: Schedule) -> None:
    calendar = Calendar.from_ical(export(builtin))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]).startswith("-//hldtui//")
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "America/New_York"
    found = events(export(builtin))
    assert sorted(found) == ["fri-rt4@hld2013.hldtui", "thu-rt1@hld2013.hldtui"]
    event = found["thu-rt1@hld2013.hldtui"]
    assert event.decoded("dtstamp") == STAMP
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event["dtend"].params["TZID"] == "America/New_York"
    assert (start.hour, start.utcoffset(), end.hour) == (10, timedelta(hours=-4), 13)
    assert (
        str(event["summary"]) == "Round table 1 · Migration and sustainable development after 2015"
    )
    assert str(event["location"]) == "United Nations Headquarters, New York"
    description = str(event["description"])
    assert "Theme: Assessing the effects of international migration" in description
    assert "- Roundtable 1 background paper: https://www.un.org/development/desa/pd/" in description
    assert "My note: Bring the Koser paper" in description
    assert str(event["url"]).startswith("https://www.un.org/development/desa/pd/events/")
    assert [str(c) for c in event["categories"].cats] == ["Round table"]
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["comment"]) == NOTES["thu-rt1"]
    assert str(found["fri-rt4@hld2013.hldtui"]["status"]) == "TENTATIVE"
    assert not event.walk("VALARM")


def test_reminder_adds_an_alarm(builtin: Schedule) -> None:
    event = events(export(builtin, remind=timedelta(minutes=10)))["thu-rt1@hld2013.hldtui"]
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(minutes=-10)
    assert str(alarm["description"]) == (
        "Round table 1 · Migration and sustainable development after 2015 starts soon"
    )


def test_output_follows_rfc_5545_line_rules(builtin: Schedule) -> None:
    data = export(builtin, remind=timedelta(hours=1))
    lines = data.split(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert lines[0] == b"BEGIN:VCALENDAR" and data.endswith(b"END:VCALENDAR\r\n")


def test_a_published_calendar_is_stamped_when_it_was_made(builtin: Schedule) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    data = to_ical(builtin, builtin.sessions[:1], levels={}, notes={})
    calendar = Calendar.from_ical(data)
    assert str(calendar["method"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert before <= event.decoded("dtstamp") <= datetime.now(UTC)
    assert "status" not in event


def test_import_restores_levels_and_notes_and_reports_the_rest(
    builtin: Schedule, tmp_path: Path
) -> None:
    everything = to_ical(builtin, builtin.sessions, levels=LEVELS, notes=NOTES, stamp=STAMP)
    foreign = everything.replace(b"fri-closing@hld2013.hldtui", b"keynote@other.hldtui")
    path = tmp_path / "plan.ics"
    path.write_bytes(foreign.replace(b"fri-panel@hld2013", b"gone@hld2013"))
    report = read_favourites(path, builtin)
    assert [(s.id, level) for s, level in report.matched] == [
        ("thu-rt1", Interest.ATTEND),
        ("fri-rt4", Interest.MAYBE),
    ]
    assert report.notes == NOTES
    reasons = dict(report.unmatched)
    assert reasons["keynote@other.hldtui"] == "not a session of hld2013"
    assert reasons["gone@hld2013.hldtui"] == "no such session in this programme"
    assert reasons["thu-opening@hld2013.hldtui"] == "not a favourite in the file"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a calendar", "this is not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no events"),
    ],
)
def test_import_rejects_bad_files(
    builtin: Schedule, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    with pytest.raises(CalendarFileError, match=message) as caught:
        read_favourites(path, builtin)
    assert caught.value.path == path


def test_import_of_a_missing_file(builtin: Schedule, tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="no such file"):
        read_favourites(tmp_path / "absent.ics", builtin)


@pytest.mark.parametrize(
    ("conference_id", "name"),
    [
        ("hld2013", "hld2013-agenda.ics"),
        ("../../etc/cron.d/x", "etc-cron.d-x-agenda.ics"),
        ("..", "programme-agenda.ics"),
        ("a/b\\c:d", "a-b-c-d-agenda.ics"),
    ],
)
def test_agenda_file_names_stay_in_their_directory(
    builtin: Schedule, conference_id: str, name: str
) -> None:
    schedule = replace(builtin, conference=replace(builtin.conference, id=conference_id))
    assert agenda_file_name(schedule) == name

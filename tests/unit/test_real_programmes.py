"""Real programmes open as their files mean them: days, zones, ids, iCalendar, and refusals.

The samples in tests/data/formats are real exports; tests/data/real-shapes holds small
files written to have the quirks of other real exports (FOSDEM 2021's Pentabarf file,
DebConf23's wafer file, linux.conf.au's and JRES's calendars).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from hldtui.exports.c3voc import to_c3voc
from hldtui.model import FLOATING, Kind, Schedule, ZoneSource
from hldtui.search import SearchIndex
from hldtui.sources import ScheduleError, load_schedule

DATA = Path(__file__).parent.parent / "data"
FORMATS = DATA / "formats"
SHAPES = DATA / "real-shapes"


def weekdays(schedule: Schedule) -> list[str]:
    return [f"{day:%a %d %b}" for day in schedule.days]


def by_day_and_room(schedule: Schedule) -> dict[date, dict[str, list[str]]]:
    rooms: dict[date, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for session in schedule.sessions:
        rooms[session.day][session.room or ""].append(session.display_title)
    return rooms


@pytest.mark.parametrize(
    ("name", "days"),
    [
        ("31c3-schedule.xml", ["Sat 27 Dec", "Sun 28 Dec", "Mon 29 Dec", "Tue 30 Dec"]),
        (
            "camp2019-schedule.json",
            ["Wed 21 Aug", "Thu 22 Aug", "Fri 23 Aug", "Sat 24 Aug", "Sun 25 Aug"],
        ),
        ("democon-schedule.json", ["Mon 14 Dec", "Tue 15 Dec", "Wed 16 Dec"]),
        ("pyconuk2015-schedule.ics", ["Fri 18 Sep", "Sat 19 Sep", "Sun 20 Sep", "Mon 21 Sep"]),
        ("merged.json", ["Wed 27 Dec"]),
    ],
)
def test_shipped_samples_have_their_days_and_no_empty_one(name: str, days: list[str]) -> None:
    schedule = load_schedule(FORMATS / name)
    assert weekdays(schedule) == days
    assert all(schedule.on_day(day) for day in schedule.days)
    assert (schedule.conference.start, schedule.conference.end) == (
        schedule.days[0],
        schedule.days[-1],
    )


def congress_oracle() -> dict[date, dict[str, list[tuple[str, str, str]]]]:
    """31C3's events by day and room, read straight from the XML: (date, title, language)."""
    root = ElementTree.parse(FORMATS / "31c3-schedule.xml").getroot()
    found: dict[date, dict[str, list[tuple[str, str, str]]]] = defaultdict(dict)
    for day in root.findall("day"):
        for room in day.findall("room"):
            events = sorted(
                (e.findtext("date"), e.findtext("title"), e.findtext("language") or "")
                for e in room.findall("event")
            )
            if events:
                found[date.fromisoformat(day.get("date"))][room.get("name")] = events
    return found


def test_a_congress_has_each_day_s_rooms_first_and_last_events_and_languages() -> None:
    schedule = load_schedule(FORMATS / "31c3-schedule.xml")
    shown = by_day_and_room(schedule)
    oracle = congress_oracle()
    assert sorted(shown) == sorted(oracle)
    for day, rooms in oracle.items():
        assert set(shown[day]) == set(rooms)
        for room, events in rooms.items():
            assert shown[day][room][0] == events[0][1]
            assert shown[day][room][-1] == events[-1][1]
    languages = Counter(
        language for rooms in oracle.values() for r in rooms.values() for *_, language in r
    )
    assert Counter(session.language for session in schedule.sessions) == languages
    tracks = Counter(
        session.track for session in schedule.sessions if session.day == date(2014, 12, 27)
    )
    assert tracks["CCC"] > 0


def test_ids_people_quote_find_their_session() -> None:
    schedule = load_schedule(FORMATS / "31c3-schedule.xml")
    (opening,) = schedule.lookup("6561")
    assert opening.display_title == "31C3 Opening Event"
    assert schedule.lookup("29aecfd7-2e44-4f49-ab86-29b5e0877325") == (opening,)
    assert schedule.lookup("29AECFD7-2E44-4F49-AB86-29B5E0877325") == (opening,)
    assert schedule.lookup(opening.slug) == (opening,)
    assert opening.event_id == "6561" and opening.slug.startswith("31c3_-_6561")
    assert schedule.lookup("no-such-id") == ()
    hits = SearchIndex(schedule).search("6561")
    assert hits[0].session == opening


def test_a_pentabarf_file_with_no_zone_keeps_its_times_as_written() -> None:
    schedule = load_schedule(SHAPES / "pentabarf-no-zone.xml")
    conference = schedule.conference
    assert conference.zone_source is ZoneSource.NONE and conference.timezone == ""
    assert weekdays(schedule) == ["Sat 06 Feb", "Sun 07 Feb"]
    rooms = by_day_and_room(schedule)
    assert set(rooms[date(2021, 2, 6)]) == {"K.main", "D.tools"}
    assert set(rooms[date(2021, 2, 7)]) == {"K.main", "D.radio"}
    assert {s.language for s in schedule.sessions} == {""}
    (welcome,) = schedule.lookup("11795")
    assert welcome.display_title == "Welcome to the meeting"
    assert welcome.start == datetime(2021, 2, 6, 9, 0, tzinfo=FLOATING)
    assert schedule.lookup("12237")[0].display_title == "Closing the meeting"
    assert schedule.lookup("keynotes_welcome") == (welcome,)
    late = schedule.lookup("11165")[0]
    assert late.day == date(2021, 2, 6)
    placed = load_schedule(SHAPES / "pentabarf-no-zone.xml", zone=ZoneInfo("Europe/Brussels"))
    assert placed.conference.zone_source is ZoneSource.NAMED
    assert placed.lookup("11795")[0].start == datetime(
        2021, 2, 6, 9, 0, tzinfo=ZoneInfo("Europe/Brussels")
    )
    assert weekdays(placed) == weekdays(schedule)


def test_a_wafer_file_with_utc_day_dates_gets_its_local_days() -> None:
    schedule = load_schedule(SHAPES / "wafer-utc-days.xml")
    # The file labels its days 9, 10 and 11 September (UTC) and ends on the 13th.
    assert weekdays(schedule) == ["Sun 10 Sep", "Mon 11 Sep", "Tue 12 Sep"]
    assert schedule.conference.day_change == time(3, 0)
    for day, rooms in by_day_and_room(schedule).items():
        assert rooms["Elsewhere"][0] == "Breakfast", day
        assert rooms["Elsewhere"][-1] == "Dinner", day
    breakfast = schedule.on_day(date(2023, 9, 10))[0]
    assert f"{breakfast.start:%H:%M %Z}" == "07:30 IST"


def test_a_named_zone_calendar_like_linux_conf_au() -> None:
    schedule = load_schedule(SHAPES / "calendar-named-zone.ics")
    conference = schedule.conference
    assert conference.title == "demo.conf.au 2020"
    assert conference.timezone == "Australia/Brisbane"
    assert conference.zone_source is ZoneSource.NAMED
    assert weekdays(schedule) == ["Sun 12 Jan", "Mon 13 Jan", "Tue 14 Jan"]
    assert {s.room for s in schedule.sessions} == {"Arena", None, "Room 5"}
    (opening,) = schedule.lookup("104@demo.conf.example")
    assert opening.chairs == ("Joel Example",)
    assert opening.description == "The official launch of the conference."
    talk = schedule.lookup("1@demo.conf.example")[0]
    assert talk.chairs == ("Keith Example", "Rae Example")
    assert talk.description == "A small language, explained."
    assert f"{talk.start:%H:%M %z}" == "10:45 +1000"


def test_a_calendar_with_charset_parameters_like_jres() -> None:
    schedule = load_schedule(SHAPES / "calendar-charset.ics")
    assert schedule.conference.title == "Journées démo 2021/22"
    assert schedule.conference.timezone == "Europe/Paris"
    assert weekdays(schedule) == ["Tue 17 May", "Wed 18 May"]
    assert {s.room for s in schedule.sessions} == {
        "Accueil Parc des Expositions",
        "Amphithéâtre 1600",
        "Salle Endoume",
    }
    long_one = schedule.lookup("presentation_129@demo.example.fr")[0]
    assert long_one.display_title.endswith("une très longue ligne jamais repliée")
    assert "aucun acteur ne peut" in long_one.description


def test_a_calendar_s_quirks() -> None:
    schedule = load_schedule(SHAPES / "calendar-quirks.ics")
    conference = schedule.conference
    assert conference.title == "Quirky Camp"
    assert conference.zone_source is ZoneSource.NONE
    keys = [session.id for session in schedule.sessions]
    assert keys == [
        "arrival",
        "breakfast-20240705T0800",
        "talk-1",
        "talk-1~2",
        "breakfast-20240706T0800",
        "event-3",
        "gone",
    ]
    arrival = schedule.get("arrival")
    assert arrival.all_day and arrival.day == date(2024, 7, 5)
    talk = schedule.get("talk-1")
    assert talk.kind is Kind.WORKSHOP and talk.track == "Workshop, Hardware"
    assert talk.chairs == ("Ann Example", "Bob Example")
    assert talk.provenance.url == "https://camp.example.org/talk-1"
    second = schedule.get("talk-1~2")
    assert (second.end - second.start).total_seconds() == 90 * 60
    assert schedule.get("event-3").start == schedule.get("event-3").end
    assert "cancelled" in schedule.get("gone").provenance.note
    assert not arrival.overlaps(talk)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "this calendar holds no events"),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n",
            "none ends with END:VEVENT",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;TZID=Mars/Base:20240101T100000\n"
            b"SUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
            "`Mars/Base` is not a known time zone",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:00010101T000000Z\nSUMMARY:x\n"
            b"END:VEVENT\nEND:VCALENDAR\n",
            "outside the years hldtui reads",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:2024-05-18\nSUMMARY:x\n"
            b"END:VEVENT\nEND:VCALENDAR\n",
            "is not a date or time",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n"
            b"RRULE:FREQ=SECONDLY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
            "hldtui expands events that repeat at most hourly",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n"
            b"RRULE:FREQ=HOURLY;BYMINUTE=0,15,30,45\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
            "make more than 2,000 sessions",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:19200101T100000Z\n"
            b"RRULE:FREQ=HOURLY\nSUMMARY:x\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\n"
            b"DTSTART:20240101T100000Z\nSUMMARY:y\nEND:VEVENT\nEND:VCALENDAR\n",
            "more than 60 days before the programme's first day, 2024-01-01",
        ),
        (
            b"BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Paris\nBEGIN:VEVENT\nUID:a\n"
            b"RRULE:FREQ=DAILY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
            "the event has no DTSTART",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\nRRULE:FREQ=\n"
            b"SUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
            "this is not a rule for repeating",
        ),
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=,DATE-TIME:20240101T100000\n"
            b"END:VEVENT\nEND:VCALENDAR\n",
            "this iCalendar file cannot be read",
        ),
    ],
    ids=[
        "no-events",
        "cut-off",
        "unknown-zone",
        "year-1",
        "bad-date",
        "every-second",
        "four-an-hour",
        "long-before",
        "no-start",
        "broken-rule",
        "broken-parameter",
    ],
)
def test_broken_calendars_are_refused_clearly(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "programme.ics"
    path.write_bytes(content)
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    assert expected in caught.value.message


FORMATS_NAMED = (
    "hldtui YAML, frab/Pentabarf schedule.xml, c3voc schedule.json, iCalendar (.ics) and xCal"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<!DOCTYPE html><html><head><title>404</title></head></html>", "this is an HTML page"),
        ("conference:\n  id: x\n".encode("utf-16"), "this is UTF-16 text"),
        ("<schedule/>".encode("utf-16-le"), "this is UTF-16 text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "this is a PDF document"),
        (b"\x1f\x8b\x08\x00\x00\x00", "a gzip-compressed file; unpack it first"),
        (b"\x00\x01\x02\x03\xff\xfe", "this is binary data"),
        (b"title,start,end\nOpening,09:00,10:00\n", "It starts with `title,start,end Opening"),
        (b"\xe2\x80\x9cSchedule\xe2\x80\x9d: see the website", "none of the formats"),
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
    ],
    ids=["html", "utf16", "utf16-no-bom", "pdf", "gzip", "binary", "csv", "text", "empty", "blank"],
)
def test_files_in_no_known_format_are_refused_with_what_they_are(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "programme"
    path.write_bytes(content)
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    message = caught.value.message
    assert expected in message
    assert FORMATS_NAMED in message
    assert "YAML (" not in message and "not valid YAML" not in message


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"events": []}, "it has no `schedule` object (it has: events), so it is not a c3voc"),
        ([1, 2], "this JSON is a list, so it is not a c3voc schedule"),
    ],
)
def test_json_that_is_not_a_schedule_says_so(
    tmp_path: Path, document: object, expected: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    assert expected in caught.value.message


def schema_validator() -> jsonschema.Draft6Validator:
    schema = json.loads((FORMATS / "schedule.schema.json").read_text())
    checker = jsonschema.FormatChecker()
    # The formats the checker must really test: without their libraries it passes anything.
    assert {"uri", "date-time", "uuid"} <= set(checker.checkers)
    return jsonschema.Draft6Validator(schema, format_checker=checker)


@pytest.mark.parametrize(
    "path",
    [
        None,
        FORMATS / "31c3-schedule.xml",
        FORMATS / "camp2019-schedule.json",
        FORMATS / "democon-schedule.json",
        FORMATS / "merged.json",
        FORMATS / "pyconuk2015-schedule.ics",
        FORMATS / "wafer-style.xml",
        SHAPES / "wafer-utc-days.xml",
        SHAPES / "calendar-named-zone.ics",
        SHAPES / "calendar-charset.ics",
    ],
    ids=lambda path: path.name if path else "built-in",
)
def test_every_json_export_validates_with_formats_checked(path: Path | None) -> None:
    document = to_c3voc(load_schedule(path))
    errors = [f"{list(e.path)}: {e.message}" for e in schema_validator().iter_errors(document)]
    assert errors == []


def test_a_checker_that_checks_formats_rejects_what_the_export_must_encode() -> None:
    checker = schema_validator().format_checker
    for bad in ("https://example.org/a b", "https://example.org/“x”", "https://e.org/a#b#c"):
        assert not checker.conforms(bad, "uri")


def test_exported_addresses_are_encoded_and_valid_ones_kept(builtin: Schedule) -> None:
    document = to_c3voc(load_schedule(FORMATS / "31c3-schedule.xml"))
    urls = [
        link["url"]
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
        for link in event["links"]
    ]
    assert (
        "http://www.historytoday.com/blog/2013/04/%E2%80%9Cmaking-famine-where-abundance-lies%E2%80%9D-shakespeare-hoarder"
        in urls
    )
    builtin_urls = {p.url for s in builtin.sessions for p in s.papers}
    exported = {
        link["url"]
        for day in to_c3voc(builtin)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
        for link in event["links"]
    }
    assert builtin_urls == exported


def test_a_calendar_of_only_repeating_events_runs_sixty_days(tmp_path: Path) -> None:
    path = tmp_path / "hourly.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n"
        b"RRULE:FREQ=HOURLY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    schedule = load_schedule(path)
    assert len(schedule.days) == 60
    assert len(schedule.sessions) == 60 * 24 - 10


def test_speakers_named_in_a_calendar_s_titles_become_its_people() -> None:
    schedule = load_schedule(FORMATS / "pyconuk2015-schedule.ics")
    (talk,) = [s for s in schedule.sessions if s.title == "5 impossible things before breakfast"]
    assert talk.chairs == ("Michael Sparks",)
    assert talk.kind is Kind.TALK
    (workshop,) = [s for s in schedule.sessions if (s.title or "").startswith("Accelerating")]
    assert workshop.kind is Kind.WORKSHOP and workshop.chairs == ("Graham Markall",)

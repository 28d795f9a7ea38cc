"""What a file says is what hldtui reads: titles as written in every format, speakers
wherever the format puts them, c3voc schedule 2 and xCal, and no programme silently
empty or partly read."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from hldtui.cli import main
from hldtui.exports.ics import to_ical
from hldtui.model import Kind, Schedule, ZoneSource
from hldtui.sources import ScheduleError, load_schedule

FORMATS = Path(__file__).parent.parent / "data" / "formats"

# Plain text in titles, rooms and names that markup clean-up used to eat.
AS_WRITTEN = [
    "GLAM zwischen LOD und ¯\\_(ツ)_/¯",
    "monorepo with `uv`, `workspaces`",
    "__init__ and __main__",
    "Vec<T> and Option<T>",
    "*nix, C++ and a < b",
    "AT&T **not bold** [not](a link)",
    "# not a heading",
]


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def frab_xml(title: str) -> str:
    from xml.sax.saxutils import escape

    text = escape(title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><title>{text}</title><acronym>t</acronym>
<time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2030-12-27"><room name="{escape(title, {'"': "&quot;"})}">
<event guid="11111111-1111-4111-8111-111111111111" id="1">
<date>2030-12-27T11:00:00+01:00</date><start>11:00</start><duration>00:30</duration>
<room>{text}</room><title>{text}</title><subtitle>{text}</subtitle><type>lecture</type>
<abstract>{text}</abstract><persons><person id="1">{text}</person></persons>
</event></room></day></schedule>"""


def c3voc_json(title: str) -> str:
    event = {
        "guid": "11111111-1111-4111-8111-111111111111",
        "id": 1,
        "date": "2030-12-27T11:00:00+01:00",
        "start": "11:00",
        "duration": "00:30",
        "room": title,
        "title": title,
        "subtitle": title,
        "type": "lecture",
        "abstract": title,
        "persons": [{"id": 1, "public_name": title}],
    }
    day = {"index": 1, "date": "2030-12-27", "rooms": {title: [event]}}
    conference = {"acronym": "t", "title": title, "time_zone_name": "Europe/Berlin"}
    return json.dumps({"schedule": {"conference": conference | {"days": [day]}}})


def ical(title: str, prodid: str = "-//hldtui tests//EN") -> str:
    text = title.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    name = title.replace('"', "")
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{prodid}",
            f"X-WR-CALNAME:{text}",
            "BEGIN:VEVENT",
            "UID:one@example.org",
            "DTSTAMP:20301201T000000Z",
            "DTSTART:20301227T100000Z",
            "DTEND:20301227T103000Z",
            f"SUMMARY:{text}",
            f"LOCATION:{text}",
            f'ORGANIZER;CN="{name}":mailto:a@example.org',
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


def xcal(title: str) -> str:
    from xml.sax.saxutils import escape

    text = escape(title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar>
<properties><prodid><text>-//hldtui tests//EN</text></prodid>
<x-wr-calname><unknown>{text}</unknown></x-wr-calname></properties>
<components><vevent><properties>
<uid><text>one@example.org</text></uid>
<dtstart><date-time>2030-12-27T10:00:00Z</date-time></dtstart>
<dtend><date-time>2030-12-27T10:30:00Z</date-time></dtend>
<summary><text>{text}</text></summary><location><text>{text}</text></location>
<organizer><parameters><cn><text>{text}</text></cn></parameters>
<cal-address>mailto:a@example.org</cal-address></organizer>
</properties></vevent></components></vcalendar></icalendar>"""


def schedule2(title: str) -> str:
    document = json.loads((FORMATS / "schedule2-small.json").read_text())
    event = document["schedule"]["events"][0]
    event["title"] = event["subtitle"] = event["room"]["name"] = title
    event["participants"][0]["name"] = title
    document["schedule"]["events"] = [event]
    return json.dumps(document)


WRITERS = {
    "frab.xml": frab_xml,
    "c3voc.json": c3voc_json,
    "calendar.ics": ical,
    "calendar.xcal": xcal,
    "schedule2.json": schedule2,
}


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("title", AS_WRITTEN)
def test_titles_rooms_and_names_are_plain_text_in_every_format(
    tmp_path: Path, name: str, title: str
) -> None:
    schedule = load_schedule(write(tmp_path, name, WRITERS[name](title)))
    (session,) = schedule.sessions
    assert session.title == title
    assert session.room == title
    assert title in session.chairs
    if name in ("frab.xml", "c3voc.json", "schedule2.json"):
        assert session.theme == title
    if name != "schedule2.json":
        assert schedule.conference.title == title


def test_a_title_is_tidied_and_its_controls_made_visible(tmp_path: Path) -> None:
    path = write(tmp_path, "c3voc.json", c3voc_json("  Two\n  lines\x1b[31m  "))
    (session,) = load_schedule(path).sessions
    assert session.title == "Two lines␛[31m"


def test_an_abstract_loses_its_markup_and_keeps_its_code(tmp_path: Path) -> None:
    text = "<p>Use <code>Vec&lt;T&gt;</code> and **this**, __init__ and `uv`.</p>"
    document = json.loads(c3voc_json("Talk"))
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Talk"][0]
    event["abstract"] = text
    (session,) = load_schedule(write(tmp_path, "c.json", json.dumps(document))).sessions
    assert session.description == "Use Vec<T> and this, __init__ and `uv`."


# c3voc schedule 2


def test_schedule_2_is_read_event_by_event() -> None:
    path = FORMATS / "schedule2-small.json"
    schema = json.loads((FORMATS / "schedule2.schema.json").read_text())
    jsonschema.Draft6Validator(schema).validate(json.loads(path.read_text()))
    schedule = load_schedule(path)
    conference = schedule.conference
    assert (conference.id, conference.timezone, conference.zone_source) == (
        "hubcon",
        "Europe/Berlin",
        ZoneSource.NAMED,
    )
    assert conference.sources[0].title == "schedule2-small.json (c3voc schedule 2)"
    opening, late, lunch = schedule.sessions
    assert opening.start.isoformat() == "2030-12-27T11:00:00+01:00"
    assert opening.end.isoformat() == "2030-12-27T11:40:00+01:00"
    assert (opening.room, opening.track, opening.kind) == (
        "Saal 1",
        "Ethics, Society & Politics",
        Kind.TALK,
    )
    assert opening.chairs == ("Alex Example", "Sam Example")
    assert opening.description == "Die Eröffnung.", "the event's own language"
    assert [paper.url for paper in opening.papers] == ["https://example.org/hubcon/slides.pdf"]
    assert opening.code == "PU7RSW"
    # After midnight, on the day that began the evening before.
    assert (late.start.isoformat(), late.day.isoformat()) == (
        "2030-12-28T01:30:00+01:00",
        "2030-12-27",
    )
    assert late.provenance.note == "The schedule marks this event cancelled."
    assert late.kind is Kind.WORKSHOP and late.track == "Hardware & Making"
    assert (lunch.kind, lunch.title, lunch.room) == (Kind.BREAK, "Lunch", None)
    assert "A withdrawn talk" not in [session.title for session in schedule.sessions]


def test_schedule_2_with_every_event_withdrawn_is_refused(tmp_path: Path) -> None:
    document = json.loads((FORMATS / "schedule2-small.json").read_text())
    for event in document["schedule"]["events"]:
        event["state"] = "WITHDRAWN"
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "s2.json", json.dumps(document)))
    assert caught.value.field == "schedule.events"
    assert caught.value.message == (
        "every one of its 4 events is marked as not part of the programme (draft, submitted, "
        "rejected, withdrawn or deleted), so it has no sessions."
    )


def test_schedule_2_with_a_bad_room_says_where(tmp_path: Path) -> None:
    document = json.loads((FORMATS / "schedule2-small.json").read_text())
    document["schedule"]["events"][0]["room"] = {"name": ["Saal 1"]}
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "s2.json", json.dumps(document)))
    assert caught.value.field == "schedule.events[0].room.name"
    assert caught.value.message == "expected text, found a list."


def test_frab_xml_events_outside_days_and_rooms_are_not_silently_dropped(
    tmp_path: Path,
) -> None:
    xml = (
        "<schedule><conference><title>x</title></conference>"
        '<event guid="1"><title>Lost</title></event></schedule>'
    )
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "s.xml", xml))
    assert caught.value.message.startswith(
        "the file has <event> elements, but none inside a <day> and its <room>"
    )


def test_older_frab_json_names_people_in_full_public_name(tmp_path: Path) -> None:
    document = json.loads(c3voc_json("Talk"))
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Talk"][0]
    event["persons"] = [{"id": 7, "full_public_name": "Ada Lovelace"}, {"name": "Grace"}]
    (session,) = load_schedule(write(tmp_path, "old.json", json.dumps(document))).sessions
    assert session.chairs == ("Ada Lovelace", "Grace")


# Empty programmes


def empty_programme(tmp_path: Path) -> Path:
    document = json.loads(c3voc_json("Talk"))
    document["schedule"]["conference"]["days"][0]["rooms"] = {}
    document["schedule"]["conference"]["days"][0]["date"] = "2030-12-27"
    return write(tmp_path, "empty.json", json.dumps(document))


def test_an_empty_programme_opens_and_says_it_is_empty(tmp_path: Path) -> None:
    assert load_schedule(empty_programme(tmp_path)).sessions == ()


@pytest.mark.parametrize(
    "command",
    [["list"], ["search", "x"], ["export", "ics", "--all"], ["export", "markdown"]],
    ids=lambda command: " ".join(command),
)
def test_commands_on_an_empty_programme_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    status = main(["--schedule", str(empty_programme(tmp_path)), *command])
    err = capsys.readouterr().err
    assert status == 1
    assert "hldtui: The programme lists no sessions at all: its file holds none." in err
    assert "favourites" not in err and "no sessions match" not in err


# iCalendar from pretalx


PRETALX = "-//pretalx//pretalx.example.org//pyconau2023"


@pytest.mark.parametrize(
    ("summary", "title", "people"),
    [
        ("Typing in Python - Ada Lovelace", "Typing in Python", ("Ada Lovelace",)),
        ("Typing - Ada Lovelace, Grace Hopper", "Typing", ("Ada Lovelace", "Grace Hopper")),
        ("A talk without speakers - ", "A talk without speakers", ()),
        # Two " - ": which is the title's own is not known, so it stays as written.
        ("Before - after - Ada", "Before - after - Ada", ()),
        ("No separator at all", "No separator at all", ()),
        ("Rust - the good parts", "Rust", ("the good parts",)),
    ],
)
def test_pretalx_summaries_split_title_and_speakers_where_unambiguous(
    tmp_path: Path, summary: str, title: str, people: tuple[str, ...]
) -> None:
    text = ical("x", PRETALX).replace("SUMMARY:x", f"SUMMARY:{summary}")
    (session,) = load_schedule(write(tmp_path, "pretalx.ics", text)).sessions
    assert session.title == title
    assert session.chairs == ("x", *people)


def test_a_summary_with_a_dash_stays_whole_in_other_calendars(tmp_path: Path) -> None:
    text = ical("x").replace("SUMMARY:x", "SUMMARY:Typing in Python - Ada Lovelace")
    (session,) = load_schedule(write(tmp_path, "other.ics", text)).sessions
    assert session.title == "Typing in Python - Ada Lovelace"


def test_a_calendar_whose_events_never_happen_is_refused(tmp_path: Path) -> None:
    text = ical("x").replace(
        "DTEND:20301227T103000Z", "DTEND:20301227T103000Z\r\nRRULE:FREQ=DAILY;COUNT=2"
    )
    text = text.replace("RRULE:", "EXDATE:20301227T100000Z,20301228T100000Z\r\nRRULE:")
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "never.ics", text))
    assert caught.value.message == (
        "the calendar's 1 events all repeat, by rules that give no date hldtui can expand, "
        "so it has no sessions."
    )


def test_floating_times_beside_utc_ones_are_refused_not_guessed(tmp_path: Path) -> None:
    text = ical("x").replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:two@example.org\r\nDTSTART:20301227T120000\r\n"
        "SUMMARY:Floating\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "mixed.ics", text))
    assert caught.value.field == "VEVENT[2]"
    assert "mixes floating times, in no zone, with times in UTC" in caught.value.message


# xCal


def without_file_source(schedule: Schedule) -> list[object]:
    return [
        replace(
            session,
            provenance=replace(
                session.provenance,
                sources=tuple(s for s in session.provenance.sources if s.key != "file"),
            ),
        )
        for session in schedule.sessions
    ]


def test_an_xcal_programme_is_the_same_as_its_ics_twin() -> None:
    from_ics = load_schedule(FORMATS / "twin.ics")
    from_xcal = load_schedule(FORMATS / "twin.xcal")
    assert len(from_ics.sessions) == 3
    assert without_file_source(from_xcal) == without_file_source(from_ics)
    assert replace(from_xcal.conference, sources=()) == replace(from_ics.conference, sources=())
    assert from_xcal.conference.sources[0].title == "twin.xcal (xCal)"
    talk = from_xcal.sessions[0]
    assert talk.title == "__init__ and ¯\\_(ツ)_/¯, with `uv`"
    assert talk.description == "A talk about Vec<T> and *nix.\nSecond line."
    assert talk.start.isoformat() == "2030-12-27T11:00:00+01:00"


def test_pentabarf_and_pretalx_xcal_is_read() -> None:
    schedule = load_schedule(FORMATS / "pentabarf-style.xcal")
    assert schedule.conference.title == "Testcon"
    assert schedule.conference.zone_source is ZoneSource.NONE, "its times are floating"
    vec, workshop = schedule.sessions
    assert (vec.title, vec.room, vec.chairs) == (
        "Vec<T> and Option<T>",
        "Saal 1",
        ("Ada Example", "Grace Example"),
    )
    assert (vec.start.hour, vec.end.hour, vec.end.minute) == (11, 11, 40)
    assert vec.kind is Kind.TALK and vec.description == "Types, plainly."
    assert (workshop.title, workshop.kind) == ("C++ for *nix", Kind.WORKSHOP)
    assert (workshop.end - workshop.start).seconds == 90 * 60


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"/>',
            "this xCal file holds no <vcalendar>, so it has no programme to show.",
        ),
        (
            '<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar/></icalendar>',
            "this calendar holds no events (VEVENT), so it has no programme to show.",
        ),
        (
            '<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><components>'
            "<vevent><properties><summary><text>x</text></summary></properties></vevent>"
            "</components></vcalendar></icalendar>",
            "the event has no DTSTART.",
        ),
    ],
)
def test_broken_xcal_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        load_schedule(write(tmp_path, "bad.xcal", content))
    assert caught.value.message == message


# iCalendar export


def test_export_writes_url_only_where_there_is_an_address(tmp_path: Path) -> None:
    schedule = load_schedule(write(tmp_path, "c.json", c3voc_json("Talk")))
    calendar = Calendar.from_ical(to_ical(schedule, schedule.sessions, levels={}, notes={}))
    (event,) = calendar.walk("VEVENT")
    assert "URL" not in event
    data = to_ical(schedule, schedule.sessions, levels={}, notes={})
    assert b"\r\nURL:" not in data and b"\r\nURL;" not in data


def test_schedule_2_names_a_room_given_by_guid_from_the_conference_s_rooms(
    tmp_path: Path,
) -> None:
    document = json.loads((FORMATS / "schedule2-small.json").read_text())
    document["schedule"]["conference"]["rooms"][0]["slug"] = "hardware-making"
    event = document["schedule"]["events"][0]
    event["room"] = {"guid": "a1b2c3d4-0000-4000-8000-000000000001"}
    event["track"] = {"slug": "hardware-making"}
    opening = load_schedule(write(tmp_path, "s2.json", json.dumps(document))).sessions[0]
    assert (opening.room, opening.track) == ("Saal 1", "Hardware & Making")


def test_xcal_rules_with_a_part_given_twice_repeat_on_each(tmp_path: Path) -> None:
    rule = "<recur><freq>WEEKLY</freq><byday>FR</byday><byday>SA</byday><count>4</count></recur>"
    text = (FORMATS / "twin.xcal").read_text()
    text = text.replace("<recur><freq>DAILY</freq><count>2</count></recur>", rule)
    text = text.replace("2030-12-28T09:00:00Z", "2030-12-27T09:00:00Z")
    schedule = load_schedule(write(tmp_path, "weekly.xcal", text))
    stand_ups = [
        s.start.date().isoformat() for s in schedule.sessions if s.title == "Morning stand-up"
    ]
    assert stand_ups == ["2030-12-27", "2030-12-28"]

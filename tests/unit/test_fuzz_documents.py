"""Documents built whole, valid in shape but extreme in content: frab XML, c3voc JSON,
iCalendar with repeats and zones of its own, and YAML. Each loads or is refused with a
message, within a time and memory cap per document.

HLDTUI_FUZZ_EXAMPLES sets how many each test builds (benchmarks/fuzz.py builds 10,000).
"""

from __future__ import annotations

import json
import time
import tracemalloc
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st

from tests.unit.test_fuzz import FUZZ, assert_loads_or_fails_cleanly

SECONDS = 2.0
MEGABYTES = 300

TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["[b]x[/b]", "<b>x</b>", "*x*", "\x1b[2J", "Vec<T>", "a & b", "", " ", "\u202e"]
    ),
)
YEARS = st.sampled_from([1899, 1900, 1970, 2013, 2024, 2038, 2200, 2201, 9999])
DATES = st.builds(
    lambda year, month, day: f"{year:04d}-{month:02d}-{day:02d}",
    YEARS,
    st.integers(1, 12),
    st.integers(1, 31),
)
CLOCKS = st.builds(
    lambda hour, minute: f"{hour:02d}:{minute:02d}", st.integers(0, 25), st.integers(0, 61)
)
OFFSETS = st.sampled_from(["", "Z", "+00:00", "+01:00", "-05:00", "+14:00", "+99:00"])
MOMENTS = st.builds(lambda day, clock, offset: f"{day}T{clock}:00{offset}", DATES, CLOCKS, OFFSETS)
DURATIONS = st.sampled_from(["00:00", "00:30", "01:00", "23:59", "99:99", "1:00:00", "", "-1:00"])
IDS = st.one_of(st.integers(0, 5).map(str), st.text(max_size=8))
ZONES = st.sampled_from(["Europe/Berlin", "UTC", "America/New_York", "Mars/Base", "", "+05:30"])


def check_bounded(data: bytes) -> None:
    """Loads or is refused cleanly, in at most SECONDS of CPU and MEGABYTES of memory."""
    tracemalloc.start()
    began = time.process_time()
    try:
        assert_loads_or_fails_cleanly(data)
    finally:
        spent = time.process_time() - began
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert spent < SECONDS, f"{spent:.1f} s"
    assert peak < MEGABYTES * 2**20, f"{peak / 2**20:.0f} MB"


frab_events = st.lists(
    st.fixed_dictionaries(
        {
            "id": IDS,
            "guid": IDS,
            "date": MOMENTS,
            "start": CLOCKS,
            "duration": DURATIONS,
            "title": TEXT,
            "abstract": TEXT,
            "person": TEXT,
        }
    ),
    max_size=6,
)
frab_days = st.lists(
    st.fixed_dictionaries(
        {
            "date": DATES,
            "start": st.one_of(st.none(), MOMENTS),
            "end": st.one_of(st.none(), MOMENTS),
        }
    ).flatmap(
        lambda day: st.tuples(st.just(day), st.lists(st.tuples(TEXT, frab_events), max_size=3))
    ),
    min_size=1,
    max_size=4,
)


@given(
    title=TEXT,
    start=DATES,
    end=DATES,
    count=st.sampled_from(["", "1", "4", "60", "61", "²", "-1", "99999999999999999999"]),
    zone=ZONES,
    days=frab_days,
)
@FUZZ
def test_frab_xml_documents(
    title: str, start: str, end: str, count: str, zone: str, days: list[Any]
) -> None:
    parts = [
        "<?xml version='1.0' encoding='utf-8'?><schedule><conference>",
        f"<title>{escape(title)}</title><start>{start}</start><end>{end}</end>",
        f"<days>{escape(count)}</days><time_zone_name>{escape(zone)}</time_zone_name>",
        "</conference>",
    ]
    for index, (day, rooms) in enumerate(days, start=1):
        bounds = "".join(
            f" {name}={quoteattr(value)}" for name in ("start", "end") if (value := day[name])
        )
        parts.append(f"<day index='{index}' date='{day['date']}'{bounds}>")
        for room, events in rooms:
            parts.append(f"<room name={quoteattr(room)}>")
            for event in events:
                parts.append(
                    f"<event id={quoteattr(event['id'])} guid={quoteattr(event['guid'])}>"
                    f"<date>{event['date']}</date><start>{event['start']}</start>"
                    f"<duration>{event['duration']}</duration>"
                    f"<title>{escape(event['title'])}</title>"
                    f"<abstract>{escape(event['abstract'])}</abstract>"
                    f"<persons><person id='1'>{escape(event['person'])}</person></persons>"
                    "</event>"
                )
            parts.append("</room>")
        parts.append("</day>")
    parts.append("</schedule>")
    check_bounded("".join(parts).encode("utf-8", "surrogatepass"))


@given(
    title=TEXT,
    start=DATES,
    end=DATES,
    count=st.one_of(st.integers(-2, 70), st.sampled_from(["²", "4", None])),
    zone=ZONES,
    days=frab_days,
    version=st.sampled_from([1, 2]),
    person=st.fixed_dictionaries(
        {},
        optional={
            "code": IDS,
            "guid": IDS,
            "biography": st.one_of(TEXT, st.none()),
            "url": st.one_of(TEXT, st.sampled_from(["https://a.example/", "javascript:x"])),
            "links": st.lists(
                st.one_of(TEXT, st.fixed_dictionaries({"url": TEXT, "title": TEXT})),
                max_size=3,
            ),
        },
    ),
    recording=st.one_of(
        st.booleans(), st.none(), st.sampled_from(["true", "false", "yes", 1, [], {}])
    ),
    listed_rooms=st.lists(st.one_of(TEXT, st.fixed_dictionaries({"name": TEXT})), max_size=4),
)
@FUZZ
def test_c3voc_json_documents(
    title: str,
    start: str,
    end: str,
    count: Any,
    zone: str,
    days: list[Any],
    version: int,
    person: dict[str, Any],
    recording: Any,
    listed_rooms: list[Any],
) -> None:
    events = [
        {
            "id": event["id"],
            "guid": event["guid"],
            "date": event["date"],
            "start": event["start"],
            "duration": event["duration"],
            "title": event["title"],
            "abstract": event["abstract"],
            "room": room,
            "persons": [{"public_name": event["person"], **person}],
            "type": "talk",
            "do_not_record": recording,
            "feedback_url": event["title"],
            "links": [{"url": event["abstract"], "type": "media", "title": "Video"}],
        }
        for _, rooms in days
        for room, room_events in rooms
        for event in room_events
    ]
    conference: dict[str, Any] = {
        "title": title,
        "start": start,
        "end": end,
        "daysCount": count,
        "time_zone_name": zone,
        "rooms": listed_rooms,
    }
    if version == 1:
        conference["days"] = [
            {
                "index": index,
                "date": day["date"],
                "day_start": day["start"],
                "day_end": day["end"],
                "rooms": {room: [e for e in events if e["room"] == room] for room, _ in rooms},
            }
            for index, (day, rooms) in enumerate(days, start=1)
        ]
        document: dict[str, Any] = {"schedule": {"version": "x", "conference": conference}}
    else:
        for event in events:
            event["start"] = event.pop("date")
            event["duration"] = 60
        document = {
            "$schema": "https://c3voc.de/schedule/schema2.json",
            "schedule": {"version": "x", "conference": conference, "events": events},
        }
    check_bounded(json.dumps(document).encode("utf-8", "surrogatepass"))


FREQUENCIES = st.sampled_from(
    ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "", "FORTNIGHTLY"]
)
RULES = st.builds(
    lambda frequency, parts: ";".join([f"FREQ={frequency}", *parts]),
    FREQUENCIES,
    st.lists(
        st.sampled_from(
            [
                "INTERVAL=0",
                "INTERVAL=1",
                "INTERVAL=-1",
                "INTERVAL=1000000",
                "COUNT=-1",
                "COUNT=3",
                "COUNT=100000",
                "UNTIL=99991231T000000Z",
                "UNTIL=20240110",
                "UNTIL=19000101T000000Z",
                "BYMONTH=2",
                "BYMONTHDAY=30",
                "BYMONTHDAY=8,9,10,11,12,13,14",
                "BYDAY=SU",
                "BYDAY=-1SU",
                "BYDAY=MO,TU,WE,TH,FR",
                "BYHOUR=0,6,12,18",
                "BYMINUTE=0,15,30,45",
                "BYSECOND=0",
                "BYSETPOS=-1",
                "BYYEARDAY=366",
                "BYWEEKNO=53",
                "WKST=SU",
            ]
        ),
        max_size=4,
        unique=True,
    ),
)
STAMPS = st.builds(
    lambda year, month, day, hour, suffix: f"{year:04d}{month:02d}{day:02d}T{hour:02d}0000{suffix}",
    st.sampled_from([1601, 1970, 2023, 2024, 2200]),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.sampled_from(["", "Z"]),
)
calendar_events = st.lists(
    st.fixed_dictionaries(
        {
            "uid": st.sampled_from(["a", "b", "c", ""]),
            "start": STAMPS,
            "zone": st.sampled_from(["", "Custom/Zone", "Europe/Paris", "Nowhere/Else"]),
            "length": st.sampled_from(["DURATION:PT1H", "DURATION:-PT1H", "DURATION:P999D", ""]),
            "rules": st.lists(RULES, max_size=2),
            "dates": st.lists(STAMPS, max_size=3),
            "except": st.lists(STAMPS, max_size=2),
            "moved": st.one_of(st.none(), STAMPS),
            "title": TEXT,
        }
    ),
    min_size=1,
    max_size=5,
)


@given(
    zone_rules=st.lists(RULES, max_size=2),
    zone_start=STAMPS,
    named=st.sampled_from(["", "X-WR-TIMEZONE:Europe/Berlin\n", "X-WR-TIMEZONE:Mars\n"]),
    events=calendar_events,
)
@FUZZ
def test_icalendar_documents(
    zone_rules: list[str], zone_start: str, named: str, events: list[dict[str, Any]]
) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:fuzz", named.strip()]
    if zone_rules:
        lines += ["BEGIN:VTIMEZONE", "TZID:Custom/Zone"]
        for part, rule in zip(("STANDARD", "DAYLIGHT"), zone_rules, strict=False):
            offsets = ("+0200", "+0100") if part == "STANDARD" else ("+0100", "+0200")
            lines += [
                f"BEGIN:{part}",
                f"DTSTART:{zone_start.rstrip('Z')}",
                f"TZOFFSETFROM:{offsets[0]}",
                f"TZOFFSETTO:{offsets[1]}",
                f"RRULE:{rule}",
                f"END:{part}",
            ]
        lines.append("END:VTIMEZONE")
    for event in events:
        zone = f";TZID={event['zone']}" if event["zone"] else ""
        start = event["start"].rstrip("Z") if zone else event["start"]
        lines += ["BEGIN:VEVENT", f"UID:{event['uid']}", f"DTSTART{zone}:{start}"]
        lines += [event["length"]] if event["length"] else []
        lines += [f"RRULE:{rule}" for rule in event["rules"]]
        lines += [f"RDATE:{moment}" for moment in event["dates"]]
        lines += [f"EXDATE:{moment}" for moment in event["except"]]
        if event["moved"]:
            lines.append(f"RECURRENCE-ID:{event['moved']}")
        title = event["title"].replace("\n", " ").replace("\r", " ")
        lines += [f"SUMMARY:{title}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    check_bounded(
        ("\r\n".join(line for line in lines if line) + "\r\n").encode("utf-8", "surrogatepass")
    )


@given(
    zone=ZONES,
    start=DATES,
    end=DATES,
    sessions=st.lists(
        st.fixed_dictionaries(
            {
                "id": IDS,
                "kind": st.sampled_from(["panel", "roundtable", "break", "talk", "x"]),
                "start": MOMENTS,
                "end": MOMENTS,
                "title": TEXT,
                "chairs": st.lists(TEXT, max_size=3),
            }
        ),
        max_size=6,
    ),
    alias=st.booleans(),
)
@FUZZ
def test_yaml_documents(
    zone: str, start: str, end: str, sessions: list[dict[str, Any]], alias: bool
) -> None:
    lines = [
        "conference:",
        "  id: fuzz",
        "  title: Fuzz",
        f"  start: {json.dumps(start)}",
        f"  end: {json.dumps(end)}",
        f"  timezone: {json.dumps(zone)}",
        "  venue: Somewhere",
        "sessions:",
    ]
    for number, session in enumerate(sessions):
        lines += [
            f"  - id: {json.dumps(session['id'])}",
            f"    kind: {session['kind']}",
            f"    start: {json.dumps(session['start'])}",
            f"    end: {json.dumps(session['end'])}",
            f"    title: {json.dumps(session['title'])}",
        ]
        if alias and number:
            lines.append("    chairs: *people")
        else:
            anchor = " &people" if alias else ""
            lines.append(f"    chairs:{anchor} {json.dumps(session['chairs'])}")
    check_bounded(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))

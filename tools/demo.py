"""A made-up programme in two versions, for showing what the app says when a programme
changes: the README's screenshot of the Changes tab and its snapshot tests. It describes
no real event, and its names say so; real programmes are never shown with made-up changes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hldtui.model import Interest
from hldtui.programme import Programme

TITLE = "Demo Days (a made-up programme)"
# (id, day, start, minutes, room, title, speaker)
EVENTS = (
    (1, 0, "09:30", 30, "Room A", "Welcome and house rules", "Host One"),
    (2, 0, "10:00", 60, "Room A", "Planning a day of talks", "Speaker Two"),
    (3, 0, "10:00", 60, "Room B", "Maps for visitors", "Speaker Three"),
    (4, 0, "11:30", 45, "Room B", "Reading a timetable", "Speaker Four"),
    (5, 0, "14:00", 90, "Room A", "Workshop: paper prototypes", "Speaker Five"),
    (6, 1, "10:00", 60, "Room A", "Closing round", "Host One"),
)
ATTENDING = (2, 4)


def document(events: list[dict[str, Any]]) -> dict[str, Any]:
    days: list[dict[str, Any]] = [
        {"index": n + 1, "date": f"2030-05-0{n + 1}", "rooms": {}} for n in range(2)
    ]
    for event in events:
        days[event.pop("_day")]["rooms"].setdefault(event["room"], []).append(event)
    return {
        "schedule": {
            "version": "demo",
            "conference": {
                "acronym": "demodays",
                "title": TITLE,
                "start": "2030-05-01",
                "end": "2030-05-02",
                "daysCount": 2,
                "time_zone_name": "Europe/Berlin",
                "timeslot_duration": "00:15",
                "days": days,
            },
        }
    }


def first_version() -> list[dict[str, Any]]:
    events = []
    for number, day, start, minutes, room, title, speaker in EVENTS:
        events.append(
            {
                "_day": day,
                "guid": f"00000000-0000-4000-8000-{number:012d}",
                "id": number,
                "date": f"2030-05-0{day + 1}T{start}:00+02:00",
                "start": start,
                "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
                "room": room,
                "title": title,
                "type": "workshop" if title.startswith("Workshop") else "talk",
                "persons": [{"id": number, "public_name": speaker}],
            }
        )
    return events


def second_version() -> list[dict[str, Any]]:
    """The first with one talk moved into a clash, one renamed and given another room, one
    cancelled and one added."""
    events = copy.deepcopy(first_version())
    moved = events[3]
    moved.update(date="2030-05-01T10:30:00+02:00", start="10:30")
    renamed = events[2]
    renamed.update(title="Maps and signs for visitors", room="Room C")
    del events[4]
    added = copy.deepcopy(events[0])
    added.update(
        guid="00000000-0000-4000-8000-000000000099",
        id=99,
        date="2030-05-01T15:00:00+02:00",
        start="15:00",
        title="Lightning talks",
        persons=[{"id": 99, "public_name": "Everyone"}],
    )
    events.append(added)
    return events


def changed_programme(folder: Path) -> Programme:
    """The demo programme, seen in its first version and opened in its second, with two
    sessions starred: the app then has a Changes tab. Uses the cache and data folders the
    environment names, so callers point those at a folder of their own."""
    path = folder / "demo-days.json"
    path.write_text(json.dumps(document(first_version())), encoding="utf-8")
    first = Programme.open(str(path))
    for number in ATTENDING:
        first.store.set_level(f"00000000-0000-4000-8000-{number:012d}", Interest.ATTEND)
    path.write_text(json.dumps(document(second_version())), encoding="utf-8")
    return Programme.open(str(path))

"""Loader for c3voc `schedule.json`, as frab, pretalx and hldtui itself export it."""

from __future__ import annotations

import json
from datetime import tzinfo
from pathlib import Path
from typing import Any

from hldtui.model import Schedule
from hldtui.sources.c3voc_extension import EXTENSION, with_extension
from hldtui.sources.errors import READABLE, ScheduleError, quoted
from hldtui.sources.frab import Builder, RawConference, RawDay, RawEvent, RawLink

FORMAT_NAME = "c3voc JSON"


def load_c3voc_json(path: Path, text: str, zone: tzinfo | None = None) -> Schedule:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScheduleError(
            path,
            f"this is not valid JSON ({error.msg} at column {error.colno}).",
            line=error.lineno,
        ) from None
    except RecursionError:
        raise ScheduleError(path, "the JSON is nested too deeply to read.") from None
    except ValueError as error:
        # Python refuses to read integers of thousands of digits.
        raise ScheduleError(path, f"the JSON holds a value hldtui cannot read ({error}).") from None
    reader = _Reader(path, zone)
    if not isinstance(document, dict) or "schedule" not in document:
        raise ScheduleError(path, _not_a_schedule(document))
    schedule = reader.mapping(document["schedule"], "schedule")
    conference = reader.mapping(
        reader.need(schedule, "conference", "schedule"), "schedule.conference"
    )
    raw = RawConference(
        title=reader.text(conference, "title", "schedule.conference"),
        acronym=reader.text(conference, "acronym", "schedule.conference"),
        start=reader.text(conference, "start", "schedule.conference"),
        end=reader.text(conference, "end", "schedule.conference"),
        days_count=reader.text(conference, "daysCount", "schedule.conference"),
        time_zone_name=reader.text(conference, "time_zone_name", "schedule.conference"),
        base_url=reader.text(schedule, "base_url", "schedule"),
        url=reader.text(conference, "url", "schedule.conference"),
        description=reader.text(conference, "description", "schedule.conference"),
    )
    events = []
    days = reader.need(conference, "days", "schedule.conference")
    for day_index, day in enumerate(reader.sequence(days, "schedule.conference.days")):
        where_day = f"schedule.conference.days[{day_index}]"
        day = reader.mapping(day, where_day)
        day_text = reader.text(day, "date", where_day)
        builder = reader.builder
        raw_day = RawDay(
            label=builder.day_date(day_text, f"{where_day}.date") if day_text else None,
            start=builder.day_moment(
                reader.text(day, "day_start", where_day), f"{where_day}.day_start"
            ),
            end=builder.day_moment(reader.text(day, "day_end", where_day), f"{where_day}.day_end"),
        )
        raw.days.append(raw_day)
        rooms = reader.mapping(day.get("rooms", {}), f"{where_day}.rooms")
        for room_name, room_events in rooms.items():
            where_room = f"{where_day}.rooms[{room_name!r}]"
            for index, event in enumerate(reader.sequence(room_events, where_room)):
                where = f"{where_room}[{index}]"
                events.append(reader.event(reader.mapping(event, where), where, raw_day, room_name))
    built = reader.builder.schedule(raw, events)
    if isinstance(schedule.get(EXTENSION), dict):
        return with_extension(built, schedule[EXTENSION], reader.builder)
    return built


class _Reader:
    def __init__(self, path: Path, zone: tzinfo | None) -> None:
        self.builder = Builder(path, FORMAT_NAME, zone)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.builder.fail(
                where or "the top level", f"expected an object, found {_kind(value)}."
            )
        return value

    def sequence(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.builder.fail(where, f"expected a list, found {_kind(value)}.")
        return value

    def need(self, container: dict[str, Any], key: str, where: str) -> Any:
        if key not in container:
            self.builder.fail(where or "the top level", f"the required field `{key}` is missing.")
        return container[key]

    def text(self, container: dict[str, Any], key: str, where: str) -> str:
        """A text field; numbers are read as their text, null and absence as ''."""
        value = container.get(key)
        if type(value) is str:
            return value
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.builder.fail(f"{where}.{key}", f"expected text, found {_kind(value)}.")
        return str(value)

    def event(self, event: dict[str, Any], where: str, day: RawDay, room: str) -> RawEvent:
        persons = []
        for index, person in enumerate(
            self.sequence(event.get("persons") or [], f"{where}.persons")
        ):
            if isinstance(person, str):
                persons.append(person)
            else:
                person = self.mapping(person, f"{where}.persons[{index}]")
                persons.append(
                    self.text(person, "public_name", where) or self.text(person, "name", where)
                )
        links = []
        for field_name in ("links", "attachments"):
            items = self.sequence(event.get(field_name) or [], f"{where}.{field_name}")
            for index, link in enumerate(items):
                at = f"{where}.{field_name}[{index}]"
                link = self.mapping(link, at)
                default_type = "attachment" if field_name == "attachments" else ""
                links.append(
                    RawLink(
                        url=self.text(link, "url", at) or self.text(link, "href", at),
                        title=self.text(link, "title", at),
                        type=self.text(link, "type", at) or default_type,
                    )
                )
        return RawEvent(
            where=where,
            day=day,
            guid=self.text(event, "guid", where),
            id=self.text(event, "id", where),
            code=self.text(event, "code", where),
            slug=self.text(event, "slug", where),
            date=self.text(event, "date", where),
            start=self.text(event, "start", where),
            end=self.text(event, "end", where),
            duration=self.text(event, "duration", where),
            room=self.text(event, "room", where) or room,
            title=self.text(event, "title", where),
            subtitle=self.text(event, "subtitle", where),
            track=self.text(event, "track", where),
            type=self.text(event, "type", where),
            language=self.text(event, "language", where),
            abstract=self.text(event, "abstract", where),
            description=self.text(event, "description", where),
            url=self.text(event, "url", where),
            persons=persons,
            links=links,
        )


def _not_a_schedule(document: Any) -> str:
    if isinstance(document, dict):
        fields = ", ".join(quoted(key)[1:-1] for key in list(document)[:8]) or "nothing"
        shape = f"it has no `schedule` object (it has: {fields})"
    else:
        shape = f"this JSON is {_kind(document)}"
    return f"{shape}, so it is not a c3voc schedule. {READABLE}."


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"

"""Loader for c3voc `schedule.json`, as frab, pretalx and hldtui itself export it, and for
c3voc "schedule 2" (the 38C3 hub's), which lists every event in one `schedule.events`
list with ISO `start` and `end`, a `room` object and `participants`."""

from __future__ import annotations

import json
from datetime import tzinfo
from pathlib import Path
from typing import Any

from hldtui.model import Schedule
from hldtui.sources.c3voc_extension import EXTENSION, with_extension
from hldtui.sources.errors import READABLE, ScheduleError, quoted
from hldtui.sources.frab import Builder, RawConference, RawDay, RawEvent, RawLink, RawPerson

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
    raw.rooms = _listed_names(reader, conference, "rooms")
    days = reader.need(conference, "days", "schedule.conference")
    builder = reader.builder
    for day_index, day in enumerate(reader.sequence(days, "schedule.conference.days")):
        where_day = f"schedule.conference.days[{day_index}]"
        day = reader.mapping(day, where_day)
        day_text = reader.text(day, "date", where_day)
        # Schedule 2 names a day's bounds `start` and `end`.
        start_key = "day_start" if "day_start" in day else "start"
        end_key = "day_end" if "day_end" in day else "end"
        raw_day = RawDay(
            label=builder.day_date(day_text, f"{where_day}.date") if day_text else None,
            start=builder.day_moment(
                reader.text(day, start_key, where_day), f"{where_day}.{start_key}"
            ),
            end=builder.day_moment(reader.text(day, end_key, where_day), f"{where_day}.{end_key}"),
        )
        raw.days.append(raw_day)
        rooms = reader.mapping(day.get("rooms") or {}, f"{where_day}.rooms")
        for room_name, room_events in rooms.items():
            raw.rooms.append(room_name)
            where_room = f"{where_day}.rooms[{room_name!r}]"
            for index, event in enumerate(reader.sequence(room_events, where_room)):
                where = f"{where_room}[{index}]"
                events.append(reader.event(reader.mapping(event, where), where, raw_day, room_name))
    if not events and schedule.get("events") is not None:
        builder.format_name = "c3voc schedule 2"
        reader.tracks = _names_by_key(reader, conference, "tracks", ("slug",))
        reader.rooms = _names_by_key(reader, conference, "rooms", ("guid", "slug"))
        listed = reader.sequence(schedule["events"], "schedule.events")
        for index, event in enumerate(listed):
            where = f"schedule.events[{index}]"
            events.append(reader.event(reader.mapping(event, where), where, None, ""))
        found = len(events)
        events = [event for event in events if event.state not in NOT_IN_PROGRAMME]
        if found and not events:
            builder.fail(
                "schedule.events",
                f"every one of its {found} events is marked as not part of the programme "
                "(draft, submitted, rejected, withdrawn or deleted), so it has no sessions.",
            )
    built = builder.schedule(raw, events)
    if isinstance(schedule.get(EXTENSION), dict):
        return with_extension(built, schedule[EXTENSION], reader.builder)
    return built


NOT_IN_PROGRAMME = frozenset({"draft", "submitted", "rejected", "withdrawn", "deleted"})
"""Schedule 2's states of an event that is not, or no longer, on the programme."""


class _Reader:
    def __init__(self, path: Path, zone: tzinfo | None) -> None:
        self.builder = Builder(path, FORMAT_NAME, zone)
        self.tracks: dict[str, str] = {}
        """Schedule 2's track names by slug."""
        self.rooms: dict[str, str] = {}
        """Schedule 2's room names by guid and by slug."""

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

    def localized(self, container: dict[str, Any], key: str, where: str, language: str) -> str:
        """A text that schedule 2 may give in several languages, as an object of them: the
        event's own language's, else English, else the first."""
        value = container.get(key)
        if not isinstance(value, dict):
            return self.text(container, key, where)
        texts = {name: self.text(value, name, f"{where}.{key}") for name in value}
        return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")

    def named(self, container: dict[str, Any], key: str, where: str, known: dict[str, str]) -> str:
        """A room or track: text, or an object with a `name`, or else a `guid` or `slug`
        that the conference's list of them (``known``) names."""
        value = container.get(key)
        if not isinstance(value, dict):
            return self.text(container, key, where)
        at = f"{where}.{key}"
        if name := self.text(value, "name", at):
            return name
        keys = [self.text(value, field, at) for field in ("guid", "slug")]
        return next((known[k] for k in keys if k in known), "") or keys[1]

    def event(self, event: dict[str, Any], where: str, day: RawDay | None, room: str) -> RawEvent:
        persons = []
        for key in ("persons", "participants"):
            for index, person in enumerate(self.sequence(event.get(key) or [], f"{where}.{key}")):
                if isinstance(person, str):
                    persons.append(RawPerson(person))
                    continue
                persons.append(
                    self.person(
                        self.mapping(person, f"{where}.{key}[{index}]"), f"{where}.{key}[{index}]"
                    )
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
        if video := self.text(event, "video_download_url", where):
            links.append(RawLink(url=video, title="Recording", type="recording"))
        language = self.text(event, "language", where)
        start = self.text(event, "start", where)
        # Schedule 2 gives `start` as a date and time; version 1 gives a `date` and a clock.
        dated = day is None and not event.get("date")
        return RawEvent(
            where=where,
            day=day,
            guid=self.text(event, "guid", where),
            id=self.text(event, "id", where),
            code=self.text(event, "code", where),
            slug=self.text(event, "slug", where),
            date=start if dated else self.text(event, "date", where),
            start="" if dated else start,
            end=self.text(event, "end", where),
            duration=self.text(event, "duration", where),
            room=self.named(event, "room", where, self.rooms) or room,
            title=self.text(event, "title", where),
            subtitle=self.text(event, "subtitle", where),
            track=self.named(event, "track", where, self.tracks),
            type=self.text(event, "type", where),
            language=language,
            abstract=self.localized(event, "abstract", where, language),
            description=self.localized(event, "description", where, language),
            url=self.text(event, "url", where),
            persons=persons,
            links=links,
            state=self.text(event, "state", where).strip().lower(),
            not_recorded=self.not_recorded(event, where),
            feedback_url=self.text(event, "feedback_url", where),
        )

    def person(self, person: dict[str, Any], at: str) -> RawPerson:
        """A person as pretalx and the hub write them: a name, ids, a biography, links."""
        links = []
        if profile := self.text(person, "url", at):
            links.append(RawLink(url=profile, title="Profile"))
        for index, link in enumerate(self.sequence(person.get("links") or [], f"{at}.links")):
            where = f"{at}.links[{index}]"
            if isinstance(link, str):
                links.append(RawLink(url=link))
                continue
            link = self.mapping(link, where)
            links.append(
                RawLink(
                    url=self.text(link, "url", where) or self.text(link, "href", where),
                    title=self.text(link, "title", where),
                )
            )
        return RawPerson(
            name=self.text(person, "public_name", at)
            or self.text(person, "full_public_name", at)
            or self.text(person, "name", at),
            keys=tuple(
                key
                for key in (self.text(person, name, at) for name in ("code", "guid", "id"))
                if key
            ),
            biography=self.text(person, "biography", at),
            links=tuple(link for link in links if link.url),
        )

    def not_recorded(self, event: dict[str, Any], where: str) -> bool:
        """Whether the event says it will not be recorded: version 1's `do_not_record`,
        or a `recording` object with `optout`."""
        flag = event.get("do_not_record")
        recording = event.get("recording")
        if isinstance(recording, dict):
            flag = flag or recording.get("optout")
        if flag is None or isinstance(flag, bool):
            return bool(flag)
        if isinstance(flag, str) and flag.strip().lower() in ("true", "false", ""):
            return flag.strip().lower() == "true"
        self.builder.fail(f"{where}.do_not_record", f"expected true or false, found {_kind(flag)}.")


def _listed_names(reader: _Reader, conference: dict[str, Any], field: str) -> list[str]:
    """The names of the rooms or tracks a conference lists, in its order."""
    listed = reader.sequence(conference.get(field) or [], f"schedule.conference.{field}")
    names = []
    for index, item in enumerate(listed):
        where = f"schedule.conference.{field}[{index}]"
        if isinstance(item, str):
            names.append(item)
        else:
            names.append(reader.text(reader.mapping(item, where), "name", where))
    return names


def _names_by_key(
    reader: _Reader, conference: dict[str, Any], field: str, keys: tuple[str, ...]
) -> dict[str, str]:
    """The names of schedule 2's tracks or rooms, by each of ``keys`` they give."""
    names = {}
    listed = reader.sequence(conference.get(field) or [], f"schedule.conference.{field}")
    for index, item in enumerate(listed):
        where = f"schedule.conference.{field}[{index}]"
        item = reader.mapping(item, where)
        for key in keys:
            if value := reader.text(item, key, where):
                names[value] = reader.text(item, "name", where)
    return names


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

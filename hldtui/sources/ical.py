"""Loader for a whole programme published as one iCalendar file (Indico, Sessionize, pretalx,
conference sites), read with `icalendar`; repeating events are expanded in `ical_rules`.

Real files are loose: they give times in a named zone, in UTC only or floating; events
may lack an end, a UID, or repeat one; lines may be long and end in LF. Each event
becomes a session: SUMMARY its title, LOCATION its room, CATEGORIES its track,
ORGANIZER and ATTENDEE names (and "Speaker:" lines of the description) its people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from hldtui.bounds import MAX_DAYS, MAX_REPEATS, span_problem, year_problem
from hldtui.model import (
    FLOATING,
    Conference,
    Kind,
    Provenance,
    Schedule,
    Session,
    Source,
    ZoneSource,
)
from hldtui.sources.errors import ScheduleError, quoted
from hldtui.sources.ical_rules import RuleError, comparable, occurrences, zone_rules_problem
from hldtui.sources.keys import identifier, unique
from hldtui.sources.text import ID_LIMIT, readable
from hldtui.text import one_line, web_address
from hldtui.timezones import zone_key, zone_named

FORMAT_NAME = "iCalendar"
_KINDS = {
    "talk": Kind.TALK,
    "keynote": Kind.TALK,
    "lecture": Kind.TALK,
    "presentation": Kind.TALK,
    "workshop": Kind.WORKSHOP,
    "tutorial": Kind.WORKSHOP,
    "panel": Kind.PANEL,
    "break": Kind.BREAK,
}
_SPEAKERS = re.compile(r"^(?:speakers?|presenters?|presented by)\s*:\s*(.+)$", re.IGNORECASE)
# "Numba for scientists (workshop by Graham Markall)", as PyCon UK's calendar gives speakers.
_BY_IN_TITLE = re.compile(r"\s*\((?:(\w+)\s+)?by\s+([^()]{1,200})\)\s*$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


@dataclass(frozen=True)
class _Occurrence:
    """One event, or one occurrence of a repeating event, and where it is in the file."""

    event: Component
    where: str
    start: date | datetime | None = None
    """When this occurrence of a repeating event starts; None for a single event."""


def load_ical(
    path: Path, data: bytes, zone: tzinfo | None = None, *, format_name: str = FORMAT_NAME
) -> Schedule:
    """``zone`` is the programme's zone when the file names none (from --zone);
    ``format_name`` is what the programme's source calls the file's format."""
    return _Reader(path, zone, format_name).schedule(data)


class _Reader:
    def __init__(self, path: Path, zone: tzinfo | None, format_name: str) -> None:
        self.path = path
        self.given_zone = zone
        self.format_name = format_name
        self.zone_guessed = False
        """Whether the zone is only UTC, from times given in UTC, as no zone is named."""
        self.pretalx = False
        """Whether pretalx made the calendar: its SUMMARY is then "Title - Speaker, Speaker"."""

    def fail(self, where: str, message: str) -> NoReturn:
        raise ScheduleError(self.path, message, field=where)

    def schedule(self, data: bytes) -> Schedule:
        if problem := zone_rules_problem(data):
            self.fail("VTIMEZONE", problem)
        try:
            calendars = Calendar.from_ical(data, multiple=True)
        except Exception as error:  # the parser fails in many ways on bad input
            reason = one_line(f"{type(error).__name__}: {error}", 80)
            raise ScheduleError(
                self.path, f"this iCalendar file cannot be read ({reason})."
            ) from None
        events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
        if not events:
            if b"BEGIN:VEVENT" in data.upper():
                self.fail("VCALENDAR", "the file's events are cut off: none ends with END:VEVENT.")
            self.fail(
                "VCALENDAR",
                "this calendar holds no events (VEVENT), so it has no programme to show.",
            )
        calendar = calendars[0]
        starts = [
            self._moment(event, "DTSTART", f"VEVENT[{number}]")
            for number, event in enumerate(events, start=1)
        ]
        zone, zone_source = self._zone(calendar, starts)
        self.zone_guessed = zone_source is ZoneSource.OFFSETS
        file_source = Source(
            "file", f"{self.path.name} ({self.format_name})", web_address(_text(calendar, "URL"))
        )
        self.pretalx = "pretalx" in _text(calendar, "PRODID").lower()
        sessions = unique(
            self._session(occurrence, zone, file_source, number)
            for number, occurrence in enumerate(self._occurrences(events), start=1)
        )
        if not sessions:
            self.fail(
                "VEVENT",
                f"the calendar's {len(events)} events all repeat, by rules that give no date "
                "hldtui can expand, so it has no sessions.",
            )
        days = {session.day for session in sessions}
        first, last = min(days), max(days)
        if problem := span_problem(first, last):
            self.fail("VCALENDAR", problem)
        title = (
            one_line(_x_text(calendar, "X-WR-CALNAME"))
            or one_line(_text(calendar, "NAME"))
            or one_line(_x_text(calendar, "X-WR-CALDESC"))
            or one_line(self.path.stem)
        )
        conference = Conference(
            id=identifier(title) or "calendar",
            title=title,
            start=first,
            end=last,
            timezone=zone_key(zone),
            venue="",
            sources=(file_source,),
            overview=readable(_text(calendar, "DESCRIPTION")),
            zone_source=zone_source,
            rooms=tuple(dict.fromkeys(session.room for session in sessions if session.room)),
        )
        return Schedule(conference=conference, sessions=tuple(sessions))

    def _zone(
        self, calendar: Component, moments: list[date | datetime]
    ) -> tuple[tzinfo, ZoneSource]:
        """The zone the file names (X-WR-TIMEZONE, or the zone of its events' TZIDs); else
        UTC when its times are all in UTC; else none: its times are floating."""
        if name := _x_text(calendar, "X-WR-TIMEZONE"):
            try:
                # Outlook writes Windows zone names, such as "W. Europe Standard Time".
                return zone_named(WINDOWS_TO_OLSON.get(name, name)), ZoneSource.NAMED
            except ValueError as error:
                self.fail("VCALENDAR.X-WR-TIMEZONE", str(error))
        named = [
            zone
            for moment in moments
            if isinstance(moment, datetime) and (zone := moment.tzinfo) and _has_key(zone)
        ]
        if named:
            return named[0], ZoneSource.NAMED
        if self.given_zone is not None:
            return self.given_zone, ZoneSource.NAMED
        if any(isinstance(m, datetime) and m.tzinfo is not None for m in moments):
            return ZoneInfo("UTC"), ZoneSource.OFFSETS
        return FLOATING, ZoneSource.NONE

    def _occurrences(self, events: list[Component]) -> Iterator[_Occurrence]:
        """Every single event, and every occurrence of a repeating one within the
        programme's days: the days of its single events, or the 60 days from the first start.
        An event with a RECURRENCE-ID stands for the occurrence it names."""
        series = {_uid(event) for event in events if "RRULE" in event or "RDATE" in event}
        single = [event for event in events if not series or _uid(event) not in series]
        for number, event in enumerate(events, start=1):
            if not series or _uid(event) not in series:
                yield _Occurrence(event, f"VEVENT[{number}]")
        if not series:
            return
        days = [_as_date(self._moment(event, "DTSTART", "VEVENT")) for event in single]
        first = min(days or [_as_date(self._moment(e, "DTSTART", "VEVENT")) for e in events])
        latest = first + timedelta(days=MAX_DAYS - 1)
        last = min(max(days, default=latest), latest)
        moved = {
            (_uid(event), comparable(self._moment(event, "RECURRENCE-ID", "VEVENT")))
            for event in events
            if _uid(event) in series and "RECURRENCE-ID" in event
        }
        found: list[_Occurrence] = []
        for number, event in enumerate(events, start=1):
            if _uid(event) not in series:
                continue
            where = f"VEVENT[{number}]"
            start = self._moment(event, "DTSTART", where)
            if "RECURRENCE-ID" in event:
                moments = [start] if first <= _as_date(start) <= last else []
            else:
                moments = self._repeats(event, where, start, first, last)
            found += (
                _Occurrence(event, where, moment)
                for moment in moments
                if (_uid(event), comparable(moment)) not in moved or "RECURRENCE-ID" in event
            )
            if len(found) > MAX_REPEATS:
                self.fail(
                    "VEVENT", f"the repeating events make more than {MAX_REPEATS:,} sessions."
                )
        yield from found

    def _repeats(
        self, event: Component, where: str, start: date | datetime, first: date, last: date
    ) -> list[date | datetime]:
        """When a repeating event happens from ``first`` to ``last``. Refuses rules that
        cannot be expanded within bounds, and repetitions starting long before the
        programme (the expansion walks from the start)."""
        if (first - _as_date(start)).days > MAX_DAYS:
            self.fail(
                f"{where}.DTSTART",
                f"the repeating event starts on {_as_date(start)}, more than {MAX_DAYS} days "
                f"before the programme's first day, {first}.",
            )
        try:
            moments = occurrences(event, start, last)
        except RuleError as error:
            self.fail(f"{where}.RRULE", str(error))
        except ValueError as error:
            self.fail(
                f"{where}.RRULE", f"this is not a rule for repeating ({one_line(str(error), 80)})."
            )
        return [moment for moment in moments if _as_date(moment) >= first]

    def _session(
        self, occurrence: _Occurrence, zone: tzinfo, file_source: Source, number: int
    ) -> Session:
        event, where = occurrence.event, occurrence.where
        first_start = self._moment(event, "DTSTART", where)
        raw_start = first_start if occurrence.start is None else occurrence.start
        all_day = not isinstance(raw_start, datetime)
        start = self._localised(raw_start, zone, where)
        first = self._localised(first_start, zone, where)
        end = start + (self._end(event, first_start, first, zone, where) - first)
        uid = _uid(event)
        key = identifier(uid) or f"event-{number}"
        if occurrence.start is not None:
            key = f"{key}-{start:%Y%m%dT%H%M}"
        description, speakers = _speakers(readable(_text(event, "DESCRIPTION")))
        categories = _categories(event)
        title = one_line(_text(event, "SUMMARY"))
        if self.pretalx:
            (title, named), kind_word = _pretalx_summary(title), ""
        else:
            title, kind_word, named = _by_in_title(title)
        url = web_address(_text(event, "URL"))
        cancelled = _text(event, "STATUS").upper() == "CANCELLED"
        notes = []
        if not title:
            notes.append("The calendar gives this event no title.")
        if cancelled:
            notes.append("The calendar marks this event cancelled.")
        sources = ((Source("event", "The event's page", url),) if url else ()) + (file_source,)
        return Session(
            id=key,
            kind=next(
                (
                    _KINDS[word.lower()]
                    for word in (*categories, kind_word)
                    if word.lower() in _KINDS
                ),
                Kind.OTHER,
            ),
            start=start,
            end=end,
            title=title or None,
            provenance=Provenance(sources=sources, label_blank=not title, note=" ".join(notes)),
            room=one_line(_text(event, "LOCATION")) or None,
            chairs=tuple(dict.fromkeys(_people(event) + speakers + named)),
            description=description,
            track=", ".join(categories),
            conference_day=_as_date(raw_start) if all_day else None,
            guid=one_line(uid, ID_LIMIT),
            all_day=all_day,
        )

    def _moment(self, event: Component, name: str, where: str) -> date | datetime:
        """A date or date-time property, checked: a known zone, a year hldtui reads."""
        if name not in event:
            self.fail(f"{where}.{name}", f"the event has no {name}.")
        try:
            value = event.decoded(name)
        except (ValueError, TypeError, KeyError) as error:
            reason = one_line(str(error), 80)
            self.fail(f"{where}.{name}", f"this is not a date or time ({reason}).")
        if isinstance(value, timedelta) or not isinstance(value, date):
            self.fail(f"{where}.{name}", f"{quoted(value)} is not a date or time.")
        tzid = event[name].params.get("TZID") if hasattr(event[name], "params") else None
        if tzid and isinstance(value, datetime) and value.tzinfo is None:
            self.fail(f"{where}.{name}", f"{quoted(tzid)} is not a known time zone.")
        if problem := year_problem(_as_date(value)):
            self.fail(f"{where}.{name}", problem)
        return value

    def _localised(self, moment: date | datetime, zone: tzinfo, where: str) -> datetime:
        if not isinstance(moment, datetime):
            return datetime.combine(moment, time(), zone)
        if moment.tzinfo is None:
            if self.zone_guessed:
                self.fail(
                    where,
                    "the calendar mixes floating times, in no zone, with times in UTC, so "
                    "it does not say when the floating ones are. --zone names their zone.",
                )
            return moment.replace(tzinfo=zone)
        if zone is FLOATING:
            self.fail(where, "the calendar mixes floating times with times in a zone.")
        return moment.astimezone(zone)

    def _end(
        self,
        event: Component,
        raw_start: date | datetime,
        start: datetime,
        zone: tzinfo,
        where: str,
    ) -> datetime:
        if "DTEND" in event:
            end = self._localised(self._moment(event, "DTEND", where), zone, where)
        elif "DURATION" in event:
            try:
                duration = event.decoded("DURATION")
            except (ValueError, TypeError) as error:
                self.fail(f"{where}.DURATION", f"this is not a duration ({one_line(str(error))}).")
            if not isinstance(duration, timedelta) or abs(duration) > timedelta(days=MAX_DAYS):
                self.fail(
                    f"{where}.DURATION", f"{quoted(duration)} is not a duration of a session."
                )
            end = start + duration
        elif isinstance(raw_start, datetime):
            end = start
        else:
            end = start + timedelta(days=1)
        if end - start > timedelta(days=MAX_DAYS):
            self.fail(f"{where}.DTEND", f"the event lasts more than {MAX_DAYS} days.")
        return max(end, start)


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()


_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")


def _x_text(component: Component, name: str) -> str:
    """An X- property, which icalendar leaves as written, read as the TEXT its writers
    mean: its escaped backslashes, semicolons, commas and line breaks unescaped."""
    return _TEXT_ESCAPE.sub(
        lambda found: "\n" if found.group(1) in "nN" else found.group(1), _text(component, name)
    )


def _listed(value: object) -> list:
    """A property that may appear once or many times, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _uid(event: Component) -> str:
    return _text(event, "UID")


def _has_key(zone: tzinfo | None) -> bool:
    return isinstance(zone, ZoneInfo) and zone.key != "UTC"


def _as_date(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _categories(event: Component) -> list[str]:
    values = event.get("CATEGORIES")
    if values is None:
        return []
    names: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        names += [one_line(str(name)) for name in getattr(value, "cats", [value])]
    return [name for name in dict.fromkeys(names) if name]


def _people(event: Component) -> tuple[str, ...]:
    people: list[str] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = event.get(name)
        for value in values if isinstance(values, list) else [values]:
            common_name = getattr(value, "params", {}).get("CN", "") if value is not None else ""
            if person := one_line(str(common_name).strip('"')):
                people.append(person)
    return tuple(people)


def _by_in_title(title: str) -> tuple[str, str, tuple[str, ...]]:
    """The title without a closing "(talk by …)", the kind word and the names it gives."""
    found = _BY_IN_TITLE.search(title)
    if found is None or found.start() == 0:
        return title, "", ()
    names = tuple(one_line(name) for name in _NAME_SEPARATOR.split(found.group(2)) if name)
    return title[: found.start()], found.group(1) or "", names


def _pretalx_summary(summary: str) -> tuple[str, tuple[str, ...]]:
    """The title and the names of a pretalx SUMMARY, "Title - Ada, Grace" (or "Title - "
    for a talk without speakers). Split only where it is unambiguous: where " - " comes
    once. A title that holds one itself stays whole, names and all."""
    if summary.endswith(" -") and " - " not in summary:
        return summary[:-2].rstrip(), ()
    if summary.count(" - ") != 1:
        return summary, ()
    title, names = summary.split(" - ")
    people = tuple(name for name in (one_line(part) for part in names.split(",")) if name)
    if not title.strip() or not people:
        return summary, ()
    return title.rstrip(), people


def _speakers(description: str) -> tuple[str, tuple[str, ...]]:
    """The description without its "Speaker: …" lines, and the names they give."""
    lines, speakers = [], []
    for line in description.split("\n"):
        if found := _SPEAKERS.match(line.strip()):
            speakers += [one_line(name) for name in _NAME_SEPARATOR.split(found.group(1))]
        else:
            lines.append(line)
    return "\n".join(lines).strip(), tuple(name for name in speakers if name)

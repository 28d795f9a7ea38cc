"""What the frab/Pentabarf XML and c3voc JSON loaders share: turning their events into the model.

Both formats list days, rooms and events with the same fields. Each loader reads its
syntax into RawDay and RawEvent records; Builder makes sessions of them.

Which day a session belongs to is worked out, never copied: a day's `date` may be
written in UTC while the conference runs elsewhere (wafer does this). A session belongs
to the day whose start–end window holds its start; otherwise to its local date in the
conference's zone, counted from the day-change hour (`day_change`, or the hour at which
the file's days end, as in days that run from 11:00 to 04:00).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NoReturn
from urllib.parse import urljoin

from hldtui.bounds import MAX_DAYS, span_problem, year_problem
from hldtui.model import (
    FLOATING,
    Conference,
    Kind,
    Paper,
    Person,
    Provenance,
    Schedule,
    Session,
    Source,
    ZoneSource,
    offset_zone_name,
    zone_for,
)
from hldtui.sources.errors import ScheduleError, quoted
from hldtui.sources.keys import identifier, unique
from hldtui.sources.text import ID_LIMIT, readable
from hldtui.text import is_number, one_line, web_address
from hldtui.timezones import zone_key, zone_named

_KINDS = {
    "lecture": Kind.TALK,
    "talk": Kind.TALK,
    "keynote": Kind.TALK,
    "lightning_talk": Kind.TALK,
    "lightningtalk": Kind.TALK,
    "presentation": Kind.TALK,
    "workshop": Kind.WORKSHOP,
    "hands-on": Kind.WORKSHOP,
    "tutorial": Kind.WORKSHOP,
    "panel": Kind.PANEL,
    "podium": Kind.PANEL,
    "discussion": Kind.PANEL,
    "break": Kind.BREAK,
    "pause": Kind.BREAK,
    # FOSDEM's types: every event in its main tracks and developer rooms is a talk.
    "maintrack": Kind.TALK,
    "devroom": Kind.TALK,
}
_KIND_WORD = re.compile(r"\b(" + "|".join(sorted(_KINDS, key=len, reverse=True)) + r")\b")
_PAPER_TYPES = frozenset({"paper", "slides"})
_STATE_NOTES = {
    "canceled": "The schedule marks this event cancelled.",
    "cancelled": "The schedule marks this event cancelled.",
    "delayed": "The schedule marks this event delayed.",
}
# HH:MM, or HH:MM:SS as wafer writes it; hours may run past 24 in a duration.
_DURATION = re.compile(r"^(\d{1,5}):(\d{2})(?::(\d{2}))?$")
_LONGEST = timedelta(days=MAX_DAYS)


@dataclass
class RawLink:
    url: str
    title: str = ""
    type: str = ""


@dataclass(slots=True)
class RawPerson:
    """A person as an event lists them: a name, and what else the file gives."""

    name: str
    keys: tuple[str, ...] = ()
    biography: str = ""
    links: tuple[RawLink, ...] = ()


@dataclass
class RawDay:
    """A day as the file lists it: its `date` label and, if given, its start and end."""

    label: date | None
    start: datetime | None = None
    end: datetime | None = None


@dataclass
class RawEvent:
    """One event as a loader found it; ``where`` locates it for error messages."""

    where: str
    day: RawDay | None = None
    guid: str = ""
    id: str = ""
    code: str = ""
    slug: str = ""
    date: str = ""
    start: str = ""
    end: str = ""
    duration: str = ""
    room: str = ""
    title: str = ""
    subtitle: str = ""
    track: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    url: str = ""
    persons: list[RawPerson] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    state: str = ""
    not_recorded: bool = False
    feedback_url: str = ""
    """Schedule 2's state of the event, in lower case: 'canceled', 'delayed', …"""


@dataclass
class RawConference:
    title: str
    acronym: str = ""
    start: str = ""
    end: str = ""
    days_count: str = ""
    time_zone_name: str = ""
    day_change: str = ""
    venue: str = ""
    city: str = ""
    base_url: str = ""
    url: str = ""
    description: str = ""
    days: list[RawDay] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)
    """The rooms as the file lists them, where it does (c3voc's `conference.rooms`)."""


@dataclass(frozen=True)
class _Window:
    start: datetime
    end: datetime
    day: date


def _room_order(raw: RawConference, events: list[RawEvent]) -> tuple[str, ...]:
    """The rooms the file lists, then any others as they first appear in it."""
    names = (one_line(name) for name in [*raw.rooms, *(event.room for event in events)])
    return tuple(dict.fromkeys(name for name in names if name))


def _people(
    events: list[RawEvent], base: str, file_source: Source, sessions: list[Session]
) -> tuple[tuple[Person, ...], tuple[str, ...]]:
    """Each named person once, with the first biography and every link and id the file
    gives: those it says more of as people, the others as their ids (see
    `Conference.person_ids`). Plain dictionaries while reading, and the sessions' own
    name strings kept: a congress names thousands."""
    written = {name: name for session in sessions for name in session.chairs}
    names: dict[str, str] = {}
    keys: dict[str, dict[str, None]] = {}
    biographies: dict[str, str] = {}
    links: dict[str, dict[Paper, None]] = {}
    for event in events:
        for raw in event.persons:
            name = one_line(raw.name)
            if not name:
                continue
            folded = name.casefold()
            names.setdefault(folded, written.get(name, name))
            if raw.keys:
                found = (one_line(key, ID_LIMIT) for key in raw.keys)
                keys.setdefault(folded, {}).update(dict.fromkeys(key for key in found if key))
            if folded not in biographies and (biography := readable(raw.biography)):
                biographies[folded] = biography
            for link in raw.links:
                if address := _absolute(link.url, base):
                    paper = Paper(
                        one_line(link.title) or address, address, note=one_line(link.type)
                    )
                    links.setdefault(folded, {})[paper] = None
    people = tuple(
        Person(
            name,
            biographies.get(folded, ""),
            tuple(links.get(folded, ())),
            tuple(keys.get(folded, ())),
            sources=(file_source,),
        )
        for folded, name in names.items()
        if folded in biographies or folded in links
    )
    ids = tuple(
        part
        for folded, name in names.items()
        if keys.get(folded) and folded not in biographies and folded not in links
        for part in (name, "\n".join(keys[folded]))
    )
    return people, ids


class Builder:
    """Makes a Schedule from raw records, raising ScheduleError that names the place.

    ``zone`` is the zone to use when the file names none (from --zone).
    """

    def __init__(self, path: Path, format_name: str, zone: tzinfo | None = None) -> None:
        self.path = path
        self.format_name = format_name
        self.given_zone = zone

    def fail(self, where: str, message: str) -> NoReturn:
        raise ScheduleError(self.path, message, field=where)

    def schedule(self, raw: RawConference, events: list[RawEvent]) -> Schedule:
        zone, zone_source = self._zone(raw, events)
        file_source = Source(
            key="file",
            title=f"{self.path.name} ({self.format_name})",
            url=web_address(raw.url) or web_address(raw.base_url),
        )
        day_change = (
            self._clock(raw.day_change, "conference.day_change") if raw.day_change else None
        )
        windows = _windows(raw.days, zone)
        change = day_change if day_change is not None else _change_from(windows, zone)
        days = Days(windows, zone, change)
        sessions = unique(
            self._session(event, zone, raw, file_source, day_change, days, number)
            for number, event in enumerate(events, start=1)
        )
        declared = self._declared_days(raw, events, windows)
        every_day = declared | {session.day for session in sessions}
        if not every_day:
            self.fail("conference", "the schedule has no dates: no start, no days and no events.")
        first, last = min(every_day), max(every_day)
        if problem := span_problem(first, last):
            self.fail("conference", problem)
        people, person_ids = _people(events, raw.base_url or raw.url, file_source, sessions)
        title, acronym = one_line(raw.title), one_line(raw.acronym)
        venue = ", ".join(part for part in (one_line(raw.venue), one_line(raw.city)) if part)
        conference = Conference(
            id=identifier(acronym or title or self.path.stem) or "schedule",
            title=title or acronym or one_line(self.path.stem),
            start=first,
            end=last,
            timezone=zone_key(zone),
            venue=venue,
            sources=(file_source,),
            overview=readable(raw.description),
            acronym=acronym,
            zone_source=zone_source,
            day_change=change,
            rooms=_room_order(raw, events),
            people=people,
            person_ids=person_ids,
        )
        return Schedule(conference=conference, sessions=tuple(sessions))

    def _declared_days(
        self, raw: RawConference, events: list[RawEvent], windows: list[_Window]
    ) -> set[date]:
        """The days the file itself declares: its days' own dates, never a label written in
        another zone; without days, its start and its count of days or its end."""
        if raw.days:
            dated = {id(event.day) for event in events if event.date and event.day is not None}
            labels = {
                day.label
                for day in raw.days
                if day.start is None and day.label is not None and id(day) not in dated
            }
            return {window.day for window in windows} | labels
        if not raw.start:
            return set()
        first = self.day_date(raw.start, "conference.start")
        if is_number(raw.days_count.strip()) and 0 < int(raw.days_count) <= MAX_DAYS:
            return {first + timedelta(days=n) for n in range(int(raw.days_count))}
        last = self.day_date(raw.end, "conference.end") if raw.end else first
        if problem := span_problem(first, last):
            self.fail("conference", problem)
        return {first + timedelta(days=n) for n in range((last - first).days + 1)}

    def _zone(self, raw: RawConference, events: list[RawEvent]) -> tuple[tzinfo, ZoneSource]:
        if raw.time_zone_name:
            try:
                return zone_named(raw.time_zone_name), ZoneSource.NAMED
            except ValueError as error:
                self.fail("conference.time_zone_name", str(error))
        if self.given_zone is not None:
            return self.given_zone, ZoneSource.NAMED
        for moment in [day.start for day in raw.days] + [_moment_or_none(e.date) for e in events]:
            offset = moment.utcoffset() if moment is not None else None
            if offset is not None:
                return zone_for(offset_zone_name(offset)), ZoneSource.OFFSETS
        return FLOATING, ZoneSource.NONE

    def _session(
        self,
        event: RawEvent,
        zone: tzinfo,
        raw: RawConference,
        file_source: Source,
        day_change: time | None,
        days: Days,
        number: int,
    ) -> Session:
        start = self._start(event, zone, day_change)
        end = self._end(event, start, zone)
        day = days.of(start)
        base = raw.base_url or raw.url
        url = _absolute(event.url, base)
        papers: list[Paper] = []
        links: list[Paper] = []
        for link in event.links:
            address = _absolute(link.url, base)
            if address:
                kind = one_line(link.type)
                entry = Paper(title=one_line(link.title) or address, url=address, note=kind)
                (papers if kind.lower() in _PAPER_TYPES else links).append(entry)
        title = one_line(event.title)
        description = "\n\n".join(
            dict.fromkeys(
                text for text in (readable(event.abstract), readable(event.description)) if text
            )
        )
        sources = ((Source("event", "The event's page", url),) if url else ()) + (file_source,)
        notes = ["The schedule gives this event no title."] if not title else []
        if event.state in _STATE_NOTES:
            notes.append(_STATE_NOTES[event.state])
        return Session(
            id=self._session_id(event, start, number),
            kind=_kind(event.type),
            start=start,
            end=end,
            title=title or None,
            provenance=Provenance(sources=sources, label_blank=not title, note=" ".join(notes)),
            room=one_line(event.room) or None,
            chairs=tuple(
                dict.fromkeys(name for name in (one_line(p.name) for p in event.persons) if name)
            ),
            theme=one_line(event.subtitle),
            description=description,
            papers=tuple(papers),
            links=tuple(links),
            track=one_line(event.track),
            language=one_line(event.language),
            conference_day=day if day != start.date() else None,
            event_id=one_line(event.id, ID_LIMIT),
            guid=one_line(event.guid, ID_LIMIT),
            code=one_line(event.code, ID_LIMIT),
            slug=one_line(event.slug, ID_LIMIT),
            not_recorded=event.not_recorded,
            feedback_url=_absolute(event.feedback_url, base),
        )

    def _session_id(self, event: RawEvent, start: datetime, number: int) -> str:
        guid = identifier(event.guid)
        if guid:
            return guid
        if event.id.strip():
            return f"{identifier(event.id) or 'event'}-{start:%Y%m%dT%H%M}"
        return f"event-{number}"

    def _start(self, event: RawEvent, zone: tzinfo, day_change: time | None) -> datetime:
        if event.date:
            moment = self._moment(event.date, f"{event.where}.date")
            return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
        if event.day is None or event.day.label is None or not event.start:
            self.fail(event.where, "the event has neither a `date` nor a day and `start` time.")
        clock = self._clock(event.start, f"{event.where}.start")
        start = datetime.combine(event.day.label, clock, zone)
        day_start = _localised(event.day.start, zone) if event.day.start else None
        after_midnight = (day_start is not None and start < day_start) or (
            day_change is not None and clock < day_change
        )
        return start + timedelta(days=1) if after_midnight else start

    def _end(self, event: RawEvent, start: datetime, zone: tzinfo) -> datetime:
        if event.end:
            end = self._moment(event.end, f"{event.where}.end")
            end = end.replace(tzinfo=zone) if end.tzinfo is None else end.astimezone(zone)
        elif event.duration:
            end = start + self._duration(event.duration, f"{event.where}.duration")
        else:
            end = start
        if end < start:
            self.fail(
                f"{event.where}.end", f"the event ends ({end:%Y-%m-%d %H:%M}) before it starts."
            )
        return end

    def _moment(self, text: str, where: str) -> datetime:
        moment = _moment_or_none(text)
        if moment is None:
            self.fail(
                where,
                f"{quoted(text)} is not an ISO date and time such as 2014-12-27T11:00:00+01:00.",
            )
        if problem := year_problem(moment.date()):
            self.fail(where, problem)
        return moment

    def day_moment(self, text: str, where: str) -> datetime | None:
        """A day's start or end as the file gives it; None if it gives none or an
        unreadable one."""
        moment = _moment_or_none(text) if text else None
        if moment is not None and (problem := year_problem(moment.date())):
            self.fail(where, problem)
        return moment

    def day_date(self, text: str, where: str) -> date:
        try:
            day = date.fromisoformat(text.strip()[:10])
        except ValueError:
            self.fail(where, f"{quoted(text)} is not a date such as 2014-12-27.")
        if problem := year_problem(day):
            self.fail(where, problem)
        return day

    def _clock(self, text: str, where: str) -> time:
        match = _DURATION.match(text.strip())
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            self.fail(where, f"{quoted(text)} is not a time of day such as 09:30.")
        return time(int(match.group(1)), int(match.group(2)))

    def _duration(self, text: str, where: str) -> timedelta:
        match = _DURATION.match(text.strip())
        if not match:
            self.fail(where, f"{quoted(text)} is not a duration such as 00:45 or 1:30.")
        hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
        duration = timedelta(hours=hours, minutes=minutes, seconds=seconds)
        if duration > _LONGEST:
            self.fail(where, f"{quoted(text)} is longer than {MAX_DAYS} days.")
        return duration


class Days:
    """Which programme day a moment falls on: the day whose window holds it, else its
    local date counted from the day-change hour."""

    def __init__(self, windows: list[_Window], zone: tzinfo, change: time) -> None:
        self.windows = windows
        self.starts = [window.start for window in windows]
        self.zone = zone
        self.change = timedelta(hours=change.hour, minutes=change.minute)

    def of(self, moment: datetime) -> date:
        index = bisect_right(self.starts, moment) - 1
        if index >= 0 and moment < self.windows[index].end:
            return self.windows[index].day
        return (moment.astimezone(self.zone) - self.change).date()


def _windows(days: list[RawDay], zone: tzinfo) -> list[_Window]:
    """The days that give a start, as windows up to their end (or the next day's start),
    each named by the local date on which it starts."""
    bounds = sorted(
        (
            (_localised(day.start, zone), _localised(day.end, zone) if day.end else None)
            for day in days
            if day.start is not None
        ),
        key=lambda bound: bound[0],
    )
    windows = []
    for index, (start, end) in enumerate(bounds):
        following = bounds[index + 1][0] if index + 1 < len(bounds) else None
        end = end if end is not None and end > start else following
        windows.append(_Window(start, end or start + timedelta(days=1), start.date()))
    return windows


def _change_from(windows: list[_Window], zone: tzinfo) -> time:
    """The hour the file's days end, when they end in the morning (04:00), else midnight."""
    if not windows:
        return time(0)
    end = _localised(windows[0].end, zone).replace(second=0, microsecond=0)
    # A day written to end at 03:59 or 02:59:59 changes on the hour.
    if end.minute == 59:
        end += timedelta(minutes=1)
    return end.time() if end.hour < 12 else time(0)


def _localised(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _moment_or_none(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _kind(name: str) -> Kind:
    """A kind from an event's type: its name, hldtui's own name, or a word of it (wafer
    writes "Long talk (45 minutes)"); OTHER when none fits."""
    name = name.strip().lower()
    if name in _KINDS:
        return _KINDS[name]
    try:
        return Kind(name)
    except ValueError:
        found = _KIND_WORD.search(name)
        return _KINDS[found.group(1)] if found else Kind.OTHER


def _absolute(url: str, base: str) -> str:
    """An http(s) address, made absolute against the file's base address; '' for any other."""
    url = (url or "").strip()
    base = web_address(base)
    if url and base and not url.lower().startswith(("http://", "https://")):
        try:
            url = urljoin(base, url)
        except ValueError:
            return ""
    return web_address(url)

"""What the frab/Pentabarf XML and c3voc JSON loaders share: turning their events into the model.

Both formats list days, rooms and events with the same fields. Each loader reads its
syntax into RawEvent records; build_schedule makes sessions of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NoReturn
from urllib.parse import urljoin

from hldtui.bounds import MAX_DAYS, span_problem, year_problem
from hldtui.model import (
    Conference,
    Kind,
    Paper,
    Provenance,
    Schedule,
    Session,
    Source,
    offset_zone_name,
    zone_for,
)
from hldtui.sources.errors import ScheduleError, quoted
from hldtui.sources.text import ID_LIMIT, readable, readable_line
from hldtui.text import one_line, web_address
from hldtui.timezones import zone_named

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
}
_PAPER_TYPES = frozenset({"paper", "slides"})
# HH:MM, or HH:MM:SS as wafer writes it; hours may run past 24 in a duration.
_DURATION = re.compile(r"^(\d{1,5}):(\d{2})(?::(\d{2}))?$")
_LONGEST = timedelta(days=MAX_DAYS)
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class RawLink:
    url: str
    title: str = ""
    type: str = ""


@dataclass
class RawEvent:
    """One event as a loader found it; ``where`` locates it for error messages."""

    where: str
    day: date | None = None
    day_start: datetime | None = None
    guid: str = ""
    id: str = ""
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
    persons: list[str] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)


@dataclass
class RawConference:
    title: str
    acronym: str = ""
    start: str = ""
    end: str = ""
    time_zone_name: str = ""
    day_change: str = ""
    venue: str = ""
    city: str = ""
    base_url: str = ""
    url: str = ""
    description: str = ""
    days: list[tuple[date, datetime | None]] = field(default_factory=list)


class Builder:
    """Makes a Schedule from raw records, raising ScheduleError that names the place."""

    def __init__(self, path: Path, format_name: str) -> None:
        self.path = path
        self.format_name = format_name

    def fail(self, where: str, message: str) -> NoReturn:
        raise ScheduleError(self.path, message, field=where)

    def schedule(self, raw: RawConference, events: list[RawEvent]) -> Schedule:
        zone = self._zone(raw, events)
        file_source = Source(
            key="file",
            title=f"{self.path.name} ({self.format_name})",
            url=web_address(raw.url) or web_address(raw.base_url),
        )
        sessions: list[Session] = []
        seen: dict[str, Session] = {}
        suffixes: dict[str, int] = {}
        day_change = (
            self._clock(raw.day_change, "conference.day_change") if raw.day_change else None
        )
        for number, event in enumerate(events, start=1):
            session = self._session(event, zone, raw, file_source, day_change, number)
            if session.id in seen:
                if _same_event(seen[session.id], session):
                    continue
                session = replace(session, id=_free_id(session.id, seen, suffixes))
            seen[session.id] = session
            sessions.append(session)
        days = [day for day, _ in raw.days] + [session.day for session in sessions]
        start = self.day_date(raw.start, "conference.start") if raw.start else None
        end = self.day_date(raw.end, "conference.end") if raw.end else None
        first = min(filter(None, [start, *days]), default=None)
        last = max(filter(None, [end, *days]), default=None)
        if first is None or last is None:
            self.fail("conference", "the schedule has no dates: no start, no days and no events.")
        if problem := span_problem(first, last):
            self.fail("conference", problem)
        title, acronym = readable_line(raw.title), one_line(raw.acronym)
        venue = ", ".join(part for part in (one_line(raw.venue), one_line(raw.city)) if part)
        conference = Conference(
            id=_identifier(acronym or title or self.path.stem) or "schedule",
            title=title or acronym or one_line(self.path.stem),
            start=first,
            end=last,
            timezone=getattr(zone, "key", None) or str(zone),
            venue=venue,
            sources=(file_source,),
            overview=readable(raw.description),
            acronym=acronym,
        )
        return Schedule(conference=conference, sessions=tuple(sessions))

    def _zone(self, raw: RawConference, events: list[RawEvent]) -> tzinfo:
        if raw.time_zone_name:
            try:
                return zone_named(raw.time_zone_name)
            except ValueError as error:
                self.fail("conference.time_zone_name", str(error))
        for moment in [start for _, start in raw.days] + [_moment_or_none(e.date) for e in events]:
            if moment is not None and moment.utcoffset() is not None:
                return zone_for(offset_zone_name(moment.utcoffset()))
        return zone_for("UTC")

    def _session(
        self,
        event: RawEvent,
        zone: tzinfo,
        raw: RawConference,
        file_source: Source,
        day_change: time | None,
        number: int,
    ) -> Session:
        start = self._start(event, zone, day_change)
        end = self._end(event, start, zone)
        base = raw.base_url or raw.url
        url = _absolute(event.url, base)
        papers, links = [], []
        for link in event.links:
            address = _absolute(link.url, base)
            if address:
                kind = one_line(link.type)
                entry = Paper(title=readable_line(link.title) or address, url=address, note=kind)
                (papers if kind.lower() in _PAPER_TYPES else links).append(entry)
        title = readable_line(event.title)
        description = "\n\n".join(
            dict.fromkeys(
                text for text in (readable(event.abstract), readable(event.description)) if text
            )
        )
        sources = ((Source("event", "The event's page", url),) if url else ()) + (file_source,)
        return Session(
            id=self._session_id(event, start, number),
            kind=_KINDS.get(event.type.strip().lower()) or _kind_by_value(event.type) or Kind.OTHER,
            start=start,
            end=end,
            title=title or None,
            provenance=Provenance(
                sources=sources,
                label_blank=not title,
                note="The schedule gives this event no title." if not title else "",
            ),
            room=one_line(event.room) or None,
            chairs=tuple(name for name in (one_line(p) for p in event.persons) if name),
            theme=readable(event.subtitle),
            description=description,
            papers=tuple(papers),
            links=tuple(links),
            track=one_line(event.track),
            language=one_line(event.language),
            conference_day=event.day if event.day and event.day != start.date() else None,
        )

    def _session_id(self, event: RawEvent, start: datetime, number: int) -> str:
        guid = _identifier(event.guid)
        if guid:
            return guid
        if event.id.strip():
            return f"{_identifier(event.id) or 'event'}-{start:%Y%m%dT%H%M}"
        return f"event-{number}"

    def _start(self, event: RawEvent, zone: tzinfo, day_change: time | None) -> datetime:
        if event.date:
            moment = self._moment(event.date, f"{event.where}.date")
            return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
        if event.day is None or not event.start:
            self.fail(event.where, "the event has neither a `date` nor a day and `start` time.")
        clock = self._clock(event.start, f"{event.where}.start")
        start = datetime.combine(event.day, clock, zone)
        after_midnight = (event.day_start is not None and start < event.day_start) or (
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

    def day_start(self, text: str, where: str) -> datetime | None:
        """A day's start as the file gives it; None if it gives none or an unreadable one."""
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


def _moment_or_none(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _kind_by_value(name: str) -> Kind | None:
    try:
        return Kind(name.strip().lower())
    except ValueError:
        return None


def _identifier(text: str) -> str:
    return _NOT_ID.sub("-", text.strip()[: ID_LIMIT * 2]).strip("-.")[:ID_LIMIT]


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


def _same_event(first: Session, second: Session) -> bool:
    return (first.start, first.end, first.room, first.title) == (
        second.start,
        second.end,
        second.room,
        second.title,
    )


def _free_id(session_id: str, seen: dict[str, Session], suffixes: dict[str, int]) -> str:
    """The next unused `id~N`; ``suffixes`` remembers where each id's count got to."""
    number = suffixes.get(session_id, 1) + 1
    while f"{session_id}~{number}" in seen:
        number += 1
    suffixes[session_id] = number
    return f"{session_id}~{number}"

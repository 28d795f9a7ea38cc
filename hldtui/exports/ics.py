"""iCalendar (RFC 5545) export of sessions, and import of favourites from such a file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hldtui import __version__
from hldtui.model import FLOATING, Interest, Schedule, Session
from hldtui.plan import Plan
from hldtui.present import plain_description
from hldtui.sources import ScheduleError
from hldtui.sources.files import read_bytes
from hldtui.store import write_atomically
from hldtui.text import one_line, uri

PRODID = f"-//hldtui//hldtui {__version__}//EN"
# STATUS carries the level of interest, so that an import restores it.
STATUS_OF = {Interest.ATTEND: "CONFIRMED", Interest.MAYBE: "TENTATIVE"}
INTEREST_OF = {status: interest for interest, status in STATUS_OF.items()}


class CalendarFileError(Exception):
    """An iCalendar file that cannot be read, with the path and what is wrong."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def agenda_file_name(schedule: Schedule) -> str:
    """'<conference id>-agenda.ics', with every character but letters, digits, '.', '_' and
    '-' replaced, so that the name stays in whatever directory it is put in."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", schedule.conference.id).strip(".-") or "programme"
    return f"{stem}-agenda.ics"


def uid_suffix(schedule: Schedule) -> str:
    return f"@{schedule.conference.id}.hldtui"


def session_uid(schedule: Schedule, session: Session) -> str:
    """Stable across exports: `<session id>@<conference id>.hldtui`."""
    return session.id + uid_suffix(schedule)


@dataclass(frozen=True)
class AgendaExport:
    """The delegate's favourites as a calendar file, ready to be written to ``path``."""

    path: Path
    data: bytes
    count: int
    floating: bool
    """Whether the times are floating, as the programme gives no zone."""

    def write(self) -> None:
        """Write the whole file or nothing (see write_atomically); raises OSError."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, self.data)


def agenda_export(plan: Plan, directory: Path) -> AgendaExport | None:
    """Every favourite, at its level and with its note, as `<conference>-agenda.ics` in
    ``directory``; None when there are no favourites."""
    schedule = plan.schedule
    sessions = schedule.only(plan.favourites)
    if not sessions:
        return None
    data = to_ical(schedule, sessions, levels=plan.levels, notes=plan.notes)
    path = directory / agenda_file_name(schedule)
    return AgendaExport(path, data, len(sessions), not schedule.conference.has_zone)


def to_ical(
    schedule: Schedule,
    sessions: Iterable[Session],
    *,
    levels: Mapping[str, Interest],
    notes: Mapping[str, str],
    remind: timedelta | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """A calendar with one event per session, in the conference's time zone.

    A zone with a name gets a VTIMEZONE; a programme that only gives a fixed offset
    (UTC+01:00) has its times written in UTC, which needs none; a programme in no zone
    has floating times, which calendars show as written.
    The calendar is published (METHOD:PUBLISH), so, as RFC 5545 asks, DTSTAMP is when it
    was made: ``stamp``, or now, in UTC to the second.
    """
    from icalendar import Alarm, Calendar, Event

    conference = schedule.conference
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", conference.short_title or conference.title)
    if isinstance(conference.zone, ZoneInfo):
        calendar.add("x-wr-timezone", conference.timezone)
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(schedule, session))
        event.add("dtstamp", stamp)
        event.add("dtstart", _calendar_time(session.start))
        event.add("dtend", _calendar_time(session.end))
        event.add("summary", session.display_title)
        if location := ", ".join(filter(None, [session.room, conference.venue])):
            event.add("location", location)
        description = plain_description(session, notes.get(session.id, ""), schedule.title_of)
        event.add("description", description)
        # URL is a URI (RFC 5545 3.8.4.6): there is none to give when no address is known.
        address = session.provenance.url or next(
            (source.url for source in conference.sources if source.url), ""
        )
        if address:
            event.add("url", uri(address))
        event.add("categories", [session.kind.label])
        level = levels.get(session.id)
        if level is not None:
            event.add("status", STATUS_OF[level])
        if note := notes.get(session.id):
            # Also in DESCRIPTION for people; COMMENT lets an import restore it exactly.
            event.add("comment", note)
        if remind is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{session.display_title} starts soon")
            alarm.add("trigger", -remind)
            event.add_component(alarm)
        calendar.add_component(event)
    # The zone's rules for the conference's own year and the next are all a calendar needs.
    first = date(conference.start.year, 1, 1)
    calendar.add_missing_timezones(first_date=first, last_date=date(conference.end.year + 2, 1, 1))
    return calendar.to_ical()


def _calendar_time(moment: datetime) -> datetime:
    """As written for an IANA zone; in UTC for a fixed offset; floating for no zone."""
    if isinstance(moment.tzinfo, ZoneInfo):
        return moment
    if moment.tzinfo is FLOATING:
        return moment.replace(tzinfo=None)
    return moment.astimezone(UTC)


@dataclass
class ImportReport:
    """What an import found: favourites matched by UID, and events that were not."""

    matched: list[tuple[Session, Interest]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    """Private notes found with the matched favourites, by session id."""
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    """(UID or summary, why it did not match)."""


def read_favourites(path: Path, schedule: Schedule) -> ImportReport:
    """Favourites saved in a calendar that hldtui wrote, matched to sessions by UID."""
    from icalendar import Calendar

    try:
        data = read_bytes(path)
    except ScheduleError as error:
        raise CalendarFileError(path, error.message) from None
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, RecursionError) as error:
        reason = one_line(str(error), 80)
        raise CalendarFileError(path, f"this is not an iCalendar file ({reason}).") from None
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise CalendarFileError(path, "the file holds no events (VEVENT).")
    report = ImportReport()
    suffix = uid_suffix(schedule)
    for event in events:
        uid = str(event.get("uid", "")).strip()
        label = uid or str(event.get("summary", "an event without a UID"))
        status = str(event.get("status", "")).upper()
        if not uid.endswith(suffix):
            report.unmatched.append((label, f"not a session of {schedule.conference.id}"))
        elif (session := schedule.get(uid.removesuffix(suffix))) is None:
            report.unmatched.append((label, "no such session in this programme"))
        elif status not in INTEREST_OF:
            report.unmatched.append((label, "not a favourite in the file"))
        else:
            report.matched.append((session, INTEREST_OF[status]))
            if note := str(event.get("comment", "")).strip():
                report.notes[session.id] = note
    return report

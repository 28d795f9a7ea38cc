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


def read_favourites(path: Path, schedule: Schedule, address: str = "") -> ImportReport:
    """Favourites saved in a calendar: one hldtui wrote, matched to sessions by UID, or a
    pretalx `faved.ics`, whose UIDs name the event and each talk's code, matched by code
    (every talk in it is starred, ★). ``address`` is where the programme was opened from,
    which names a pretalx event in its path."""
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
    codes: dict[str, list[Session]] | None = None
    for event in events:
        uid = str(event.get("uid", "")).strip()
        label = uid or one_line(str(event.get("summary", "an event without a UID")), 80)
        status = str(event.get("status", "")).upper()
        if (talk := pretalx_talk(uid)) is not None:
            codes = _talk_codes(schedule) if codes is None else codes
            _match_talk(report, schedule, codes, address, label, talk)
        elif not uid.endswith(suffix):
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


_PRETALX_UID = re.compile(r"pretalx-(?P<key>[^@\s]{1,300})@(?P<host>[^@\s]{1,255})")


def pretalx_talk(uid: str) -> tuple[str, str] | None:
    """(`<event slug>-<talk code><suffix>`, host) from a pretalx UID, or None for another."""
    match = _PRETALX_UID.fullmatch(uid)
    return (match["key"], match["host"]) if match else None


def _match_talk(
    report: ImportReport,
    schedule: Schedule,
    codes: dict[str, list[Session]],
    address: str,
    label: str,
    talk: tuple[str, str],
) -> None:
    """The session whose pretalx code the UID names: the slug, which may hold '-', comes
    first, then the code, then (for a talk given twice) a suffix. A programme read from
    pretalx's own calendar knows its sessions by the whole UID."""
    if by_uid := schedule.lookup(label):
        report.matched.extend((session, Interest.ATTEND) for session in by_uid)
        return
    parts = talk[0].split("-")
    for end in range(len(parts) - 1, 0, -1):
        code, event = parts[end], "-".join(parts[:end])
        found = codes.get(code.casefold())
        if not found:
            continue
        if not _names_event(schedule, address, event):
            report.unmatched.append(
                (label, f"a talk of the pretalx event `{one_line(event, 40)}`, not of this one")
            )
            return
        report.matched.extend((session, Interest.ATTEND) for session in found)
        return
    report.unmatched.append((label, "no talk in this programme has its code"))


_TALK_PAGE = re.compile(r"/talk/([A-Za-z0-9]{1,40})/?$")


def _talk_codes(schedule: Schedule) -> dict[str, list[Session]]:
    """The sessions by their pretalx code: the file's `code`, or else the code in the
    address of the talk's page (`…/talk/<code>/`), which older exports give alone."""
    codes: dict[str, list[Session]] = {}
    for session in schedule.sessions:
        code = session.code
        if not code:
            pages = (source.url for source in session.provenance.sources if source.key == "event")
            found = next((m for m in map(_TALK_PAGE.search, pages) if m), None)
            code = found.group(1) if found else ""
        if code:
            codes.setdefault(code.casefold(), []).append(session)
    return codes


def _names_event(schedule: Schedule, address: str, event: str) -> bool:
    """Whether the programme is the pretalx event of that slug: its id, or a part of the
    path it was fetched from (pretalx serves /<event>/schedule.json)."""
    folded = event.casefold()
    if schedule.conference.id.casefold() == folded:
        return True
    path = address.split("?")[0].split("#")[0].split("/")[3:]
    return folded in (part.casefold() for part in path)

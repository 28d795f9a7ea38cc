"""The programme as plain data: frozen dataclasses that know nothing of files or screens."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import Enum
from functools import cached_property
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo


class Kind(Enum):
    """What sort of session a slot is; the value is the name used in schedule files."""

    OPENING = "opening"
    PLENARY = "plenary"
    GENERAL_DEBATE = "general_debate"
    ROUND_TABLE = "round_table"
    PANEL = "panel"
    TALK = "talk"
    WORKSHOP = "workshop"
    SIDE_EVENT = "side_event"
    CLOSING = "closing"
    BREAK = "break"
    OTHER = "other"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def badge(self) -> str:
        """A short fixed-width tag for list rows."""
        return _KIND_BADGES[self]

    @property
    def people_label(self) -> str:
        """What a session's people are called: chairs of meetings, speakers of talks."""
        return "Chairs" if self in _CHAIRED else "Speakers"


_KIND_LABELS = {
    Kind.OPENING: "Opening",
    Kind.PLENARY: "Plenary",
    Kind.GENERAL_DEBATE: "General debate",
    Kind.ROUND_TABLE: "Round table",
    Kind.PANEL: "Panel",
    Kind.TALK: "Talk",
    Kind.WORKSHOP: "Workshop",
    Kind.SIDE_EVENT: "Side event",
    Kind.CLOSING: "Closing",
    Kind.BREAK: "Break",
    Kind.OTHER: "Other",
    Kind.UNKNOWN: "Not stated",
}
_KIND_BADGES = {
    Kind.OPENING: "OPEN",
    Kind.PLENARY: "PLEN",
    Kind.GENERAL_DEBATE: "DEBT",
    Kind.ROUND_TABLE: "RT",
    Kind.PANEL: "PANL",
    Kind.TALK: "TALK",
    Kind.WORKSHOP: "WKSP",
    Kind.SIDE_EVENT: "SIDE",
    Kind.CLOSING: "CLOS",
    Kind.BREAK: "BRK",
    Kind.OTHER: "OTHR",
    Kind.UNKNOWN: "?",
}
_CHAIRED = frozenset(
    {Kind.OPENING, Kind.PLENARY, Kind.GENERAL_DEBATE, Kind.ROUND_TABLE, Kind.PANEL, Kind.CLOSING}
)


class Interest(Enum):
    """How much a delegate wants a session; the value is the name saved on disk."""

    ATTEND = "attend"
    MAYBE = "maybe"

    @property
    def mark(self) -> str:
        return "★" if self is Interest.ATTEND else "☆"

    @property
    def label(self) -> str:
        return "will attend" if self is Interest.ATTEND else "maybe"


def next_interest(current: Interest | None) -> Interest | None:
    """The favourite key's cycle: none → will attend → maybe → none."""
    if current is None:
        return Interest.ATTEND
    return Interest.MAYBE if current is Interest.ATTEND else None


# Session fields that provenance may mark as inferred rather than stated by a source.
INFERABLE_FIELDS = frozenset({"start", "end", "title", "kind", "room", "chairs", "theme"})

UNTITLED = "Untitled slot"


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    url: str
    copy: bool = False
    """The page is a copy of the original on another site (a mirror, a test host)."""


@dataclass(frozen=True, slots=True)
class Paper:
    title: str
    url: str
    publisher: str = ""
    note: str = ""


class Media(Enum):
    """What a link plays: a recording of the session, or its live stream."""

    RECORDING = "recording"
    STREAM = "stream"

    @property
    def label(self) -> str:
        return "▶ Recording" if self is Media.RECORDING else "● Live stream"


_VIDEO_HOSTS = ("media.ccc.de", "youtube.com", "youtu.be", "vimeo.com")
_VIDEO_FILES = (".mp4", ".webm", ".mkv", ".m4v", ".ogv", ".mov")


def media_of(link: Paper) -> Media | None:
    """What a link plays, as its type or address says: a stream (a `stream`/`live` type,
    a streaming. or live. host), a recording (a `video/*`, `recording` or `video` type or
    title, media.ccc.de, YouTube, Vimeo, a video file), or nothing."""
    kind, title = link.note.lower(), link.title.lower()
    parts = urlsplit(link.url)
    host = (parts.hostname or "").removeprefix("www.")
    if "stream" in kind or kind == "live" or host.startswith(("streaming.", "live.")):
        return Media.STREAM
    if (
        kind.startswith("video/")
        or kind in ("recording", "video")
        or any(word in title.split() for word in ("recording", "video"))
        or any(host == name or host.endswith(f".{name}") for name in _VIDEO_HOSTS)
        or parts.path.lower().endswith(_VIDEO_FILES)
    ):
        return Media.RECORDING
    return None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a session's facts come from, and which of them a source does not state."""

    sources: tuple[Source, ...]
    label_blank: bool = False
    inferred: frozenset[str] = frozenset()
    note: str = ""

    @property
    def url(self) -> str:
        return self.sources[0].url if self.sources else ""


@dataclass(frozen=True, slots=True)
class Keyword:
    """A word a cited source uses for a session, so that search finds the session by it."""

    word: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    kind: Kind
    start: datetime
    end: datetime
    title: str | None
    provenance: Provenance
    room: str | None = None
    chairs: tuple[str, ...] = ()
    """The people of the session: chairs of a meeting, speakers of a talk (see Kind)."""
    theme: str = ""
    """A round table's official theme, or a talk's subtitle."""
    description: str = ""
    papers: tuple[Paper, ...] = ()
    links: tuple[Paper, ...] = ()
    """Other links: recordings, pages, attachments that are not papers or slides."""
    track: str = ""
    language: str = ""
    conference_day: date | None = None
    """The programme day the session belongs to, when it differs from its start date
    (a session at 01:00 on a day that runs past midnight)."""
    event_id: str = ""
    """The programme file's own id for the event (frab's `id`), which people quote."""
    guid: str = ""
    code: str = ""
    slug: str = ""
    all_day: bool = False
    """An all-day entry (from a calendar): it runs from midnight to midnight and never clashes."""
    topic: str = ""
    """A short topic in a few words, shown beside a title that does not say it
    ("Round table 2" and "Human rights of all migrants, smuggling and trafficking")."""
    keywords: tuple[Keyword, ...] = ()
    not_recorded: bool = False
    """The file says the session will not be recorded (frab's optout, do_not_record)."""
    feedback_url: str = ""

    @property
    def display_title(self) -> str:
        """The title, with the topic where there is one, as every list and export shows it."""
        title = self.title or UNTITLED
        return f"{title} · {self.topic}" if self.topic else title

    @property
    def media(self) -> tuple[tuple[Media, Paper], ...]:
        """The links that play the session: recordings and streams, in the file's order."""
        found = ((media_of(link), link) for link in self.papers + self.links)
        return tuple((media, link) for media, link in found if media is not None)

    @property
    def file_keys(self) -> tuple[str, ...]:
        """The ids the programme file gives the session, besides its key `id`."""
        return tuple(key for key in (self.guid, self.event_id, self.code, self.slug) if key)

    @property
    def day(self) -> date:
        return self.conference_day or self.start.date()

    def is_inferred(self, field_name: str) -> bool:
        return field_name in self.provenance.inferred

    def overlaps(self, other: Session) -> bool:
        """True when the two share any time; back-to-back and all-day sessions do not."""
        if self.all_day or other.all_day:
            return False
        return self.start < other.end and other.start < self.end

    def is_running(self, now: datetime) -> bool:
        return self.start <= now < self.end


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the programme names, with what the file says about them."""

    name: str
    biography: str = ""
    links: tuple[Paper, ...] = ()
    keys: tuple[str, ...] = ()
    """The file's ids for the person (a pretalx code, a guid, a frab id)."""
    roles: tuple[str, ...] = ()
    """What a source says the person was at the event ("Co-chair of Round table 2")."""
    sources: tuple[Source, ...] = ()

    @property
    def title(self) -> str:
        """'John W. Ashe, President of the General Assembly …': the name and first role."""
        return f"{self.name}, {self.roles[0]}" if self.roles else self.name


@dataclass(frozen=True, slots=True)
class AgendaPoint:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Agenda:
    title: str
    points: tuple[AgendaPoint, ...]
    sources: tuple[Source, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    figure: str
    label: str
    sources: tuple[Source, ...]
    note: str = ""


class ZoneSource(Enum):
    """What a programme file says about its time zone."""

    NAMED = "named"
    """It names a zone (or the user did, with --zone)."""
    OFFSETS = "offsets"
    """It gives UTC offsets, or UTC, but names no zone."""
    NONE = "none"
    """It gives neither: its times are as written, in no zone."""


@dataclass(frozen=True, slots=True)
class Conference:
    id: str
    title: str
    start: date
    end: date
    timezone: str
    """An IANA zone, a fixed offset written UTC+05:30, or '' when the file gives no zone."""
    venue: str
    sources: tuple[Source, ...]
    short_title: str = ""
    overview: str = ""
    agenda: Agenda | None = None
    key_figures: tuple[KeyFigure, ...] = ()
    acronym: str = ""
    zone_source: ZoneSource = ZoneSource.NAMED
    day_change: time = time(0)
    """When one programme day ends and the next begins, in local time (04:00 for days
    that run past midnight)."""
    rooms: tuple[str, ...] = ()
    """The rooms in the organiser's order: as the file lists them, else as they first
    appear in it."""
    people: tuple[Person, ...] = ()
    """What the file says about the people its sessions name, where it says more than a
    name and ids: roles, a biography, links."""
    person_ids: tuple[str, ...] = ()
    """The file's ids for the people it says nothing more of, in pairs: a name, then its
    ids separated by line breaks (kept flat: a congress names thousands)."""

    @property
    def zone(self) -> tzinfo:
        """The conference's time zone: an IANA zone, a fixed offset, or FLOATING."""
        return zone_for(self.timezone)

    @property
    def has_zone(self) -> bool:
        return self.zone_source is not ZoneSource.NONE

    def day_of(self, moment: datetime) -> date:
        """The programme day a moment falls on, in the conference's zone and day change."""
        change = timedelta(hours=self.day_change.hour, minutes=self.day_change.minute)
        return (moment.astimezone(self.zone) - change).date()


class _Floating(tzinfo):
    """No time zone: times held as the file writes them.

    Their offset is zero so that they compare with one another; they are never converted
    to another zone, and the clock reads the viewer's wall time in them.
    """

    def utcoffset(self, moment: datetime | None) -> timedelta:
        return timedelta(0)

    def dst(self, moment: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, moment: datetime | None) -> str:
        return ""

    def __repr__(self) -> str:
        return "FLOATING"


FLOATING: tzinfo = _Floating()


_FIXED_OFFSET = re.compile(r"^UTC([+-])(\d\d):(\d\d)$")


def zone_for(name: str) -> tzinfo:
    """The zone a conference's `timezone` names, FLOATING for ''; raises like ZoneInfo for
    unknown names."""
    if not name:
        return FLOATING
    return fixed_offset(name) or ZoneInfo(name)


def fixed_offset(name: str) -> timezone | None:
    """The fixed offset written 'UTC+05:30', or None for any other name."""
    fixed = _FIXED_OFFSET.match(name)
    if fixed is None:
        return None
    sign = -1 if fixed.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3))), name)


def offset_zone_name(offset: timedelta) -> str:
    """'UTC+01:00' for a fixed offset, the name zone_for reads back."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@dataclass(frozen=True)
class Schedule:
    """A conference and its sessions, kept in start order."""

    conference: Conference
    sessions: tuple[Session, ...] = field(default=())
    revised: datetime | None = field(default=None, compare=False)
    """When the programme's information was last revised, if known (its version in exports)."""

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.sessions, key=session_order))
        object.__setattr__(self, "sessions", ordered)

    @cached_property
    def days(self) -> tuple[date, ...]:
        """Every conference day, including days with no sessions."""
        first, last = self.conference.start, self.conference.end
        return tuple(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))

    @cached_property
    def _by_day(self) -> dict[date, tuple[Session, ...]]:
        grouped: dict[date, list[Session]] = {day: [] for day in self.days}
        for session in self.sessions:
            grouped.setdefault(session.day, []).append(session)
        return {day: tuple(items) for day, items in grouped.items()}

    @cached_property
    def _by_id(self) -> dict[str, Session]:
        return {session.id: session for session in self.sessions}

    @cached_property
    def _by_file_key(self) -> dict[str, tuple[Session, ...]]:
        found: dict[str, list[Session]] = {}
        for session in self.sessions:
            for key in dict.fromkeys(key.casefold() for key in session.file_keys):
                found.setdefault(key, []).append(session)
        return {key: tuple(sessions) for key, sessions in found.items()}

    @cached_property
    def _starts(self) -> list[datetime]:
        return [session.start for session in self.sessions]

    @cached_property
    def _longest(self) -> timedelta:
        return max((s.end - s.start for s in self.sessions), default=timedelta(0))

    def running_at(self, now: datetime) -> tuple[Session, ...]:
        """The sessions running at ``now``: only those that start late enough to still run
        are looked at, so the clock's tick costs little in a big programme."""
        first = bisect_left(self._starts, now - self._longest)
        last = bisect_right(self._starts, now)
        return tuple(s for s in self.sessions[first:last] if s.is_running(now))

    def next_after(self, now: datetime) -> tuple[Session, ...]:
        """The sessions that start next after ``now``, all at the same time."""
        first = bisect_right(self._starts, now)
        if first == len(self.sessions):
            return ()
        start = self._starts[first]
        last = bisect_right(self._starts, start)
        return self.sessions[first:last]

    @cached_property
    def _room_places(self) -> dict[str, int]:
        listed = dict.fromkeys(self.conference.rooms)
        for session in self.sessions:
            if session.room:
                listed.setdefault(session.room)
        return {room: place for place, room in enumerate(listed)}

    def room_place(self, room: str | None, pinned: tuple[str, ...] = ()) -> int:
        """Where a room comes in the organiser's order, pinned rooms first; a room the
        programme does not name, and no room, come last."""
        if room in pinned:
            return pinned.index(room) - len(pinned)
        return self._room_places.get(room or "", len(self._room_places))

    @property
    def rooms(self) -> tuple[str, ...]:
        """Every room, in the organiser's order."""
        return tuple(self._room_places)

    @cached_property
    def _people_by_name(self) -> dict[str, Person]:
        return {person.name.casefold(): person for person in self.conference.people}

    @cached_property
    def _ids_by_name(self) -> dict[str, tuple[str, ...]]:
        pairs = self.conference.person_ids
        return {
            name.casefold(): tuple(ids.split("\n"))
            for name, ids in zip(pairs[::2], pairs[1::2], strict=True)
        }

    def person(self, name: str) -> Person:
        """What the programme says about someone its sessions name: at least the name."""
        key = name.casefold()
        found = self._people_by_name.get(key)
        if found is None:
            return Person(name, keys=self._ids_by_name.get(key, ()))
        return found

    def title_of(self, name: str) -> str:
        """How a session names someone: the name, with the first role the programme gives."""
        found = self._people_by_name.get(name.casefold())
        return found.title if found is not None else name

    @cached_property
    def person_names(self) -> tuple[str, ...]:
        """Everyone the sessions name, once each (as first written), by name."""
        found: dict[str, str] = {}
        for session in self.sessions:
            for name in session.chairs:
                found.setdefault(name.casefold(), name)
        return tuple(sorted(found.values(), key=str.casefold))

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone the sessions name, with what the programme says of them, by name."""
        return tuple(map(self.person, self.person_names))

    def sessions_of(self, name: str) -> tuple[Session, ...]:
        """The sessions that name a person, in start order."""
        return self._by_person.get(name.casefold(), ())

    @cached_property
    def _by_person(self) -> dict[str, tuple[Session, ...]]:
        found: dict[str, list[Session]] = {}
        for session in self.sessions:
            for name in session.chairs:
                found.setdefault(name.casefold(), []).append(session)
        return {name: tuple(sessions) for name, sessions in found.items()}

    def starting_between(self, after: datetime, before: datetime) -> tuple[Session, ...]:
        """The sessions that start after ``after`` and before ``before``, in order."""
        first, last = bisect_right(self._starts, after), bisect_left(self._starts, before)
        return self.sessions[first:last]

    def on_day(self, day: date) -> tuple[Session, ...]:
        return self._by_day.get(day, ())

    def get(self, session_id: str) -> Session | None:
        return self._by_id.get(session_id)

    def lookup(self, key: str) -> tuple[Session, ...]:
        """The session whose key is ``key``, or else every session the file gives that id,
        guid, code or slug (merged congress files repeat ids), in start order."""
        key = key.strip()
        if (session := self.get(key)) is not None:
            return (session,)
        return self._by_file_key.get(key.casefold(), ())

    def only(self, session_ids: set[str] | frozenset[str]) -> tuple[Session, ...]:
        """The sessions whose ids are given, in start order; unknown ids are ignored."""
        found = (self._by_id.get(session_id) for session_id in session_ids)
        return tuple(sorted((s for s in found if s is not None), key=session_order))


RoomPlace = Callable[[str | None], int]
"""Where a room comes in the organiser's order, pinned rooms first (`Schedule.room_place`)."""


def session_order(session: Session) -> tuple[datetime, datetime, str]:
    return (session.start, session.end, session.id)

"""The programme as plain data: frozen dataclasses that know nothing of files or screens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import cached_property


class Kind(Enum):
    """What sort of session a slot is; the value is the name used in schedule files."""

    OPENING = "opening"
    PLENARY = "plenary"
    GENERAL_DEBATE = "general_debate"
    ROUND_TABLE = "round_table"
    PANEL = "panel"
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


_KIND_LABELS = {
    Kind.OPENING: "Opening",
    Kind.PLENARY: "Plenary",
    Kind.GENERAL_DEBATE: "General debate",
    Kind.ROUND_TABLE: "Round table",
    Kind.PANEL: "Panel",
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
    Kind.SIDE_EVENT: "SIDE",
    Kind.CLOSING: "CLOS",
    Kind.BREAK: "BRK",
    Kind.OTHER: "OTHR",
    Kind.UNKNOWN: "?",
}


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


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Paper:
    title: str
    url: str
    publisher: str = ""
    note: str = ""


@dataclass(frozen=True)
class Provenance:
    """Where a session's facts come from, and which of them a source does not state."""

    sources: tuple[Source, ...]
    label_blank: bool = False
    inferred: frozenset[str] = frozenset()
    note: str = ""

    @property
    def url(self) -> str:
        return self.sources[0].url if self.sources else ""


@dataclass(frozen=True)
class Session:
    id: str
    kind: Kind
    start: datetime
    end: datetime
    title: str | None
    provenance: Provenance
    room: str | None = None
    chairs: tuple[str, ...] = ()
    theme: str = ""
    description: str = ""
    papers: tuple[Paper, ...] = ()

    @property
    def display_title(self) -> str:
        return self.title or UNTITLED

    @property
    def day(self) -> date:
        return self.start.date()

    def is_inferred(self, field_name: str) -> bool:
        return field_name in self.provenance.inferred

    def overlaps(self, other: Session) -> bool:
        """True when the two share any time; back-to-back sessions do not overlap."""
        return self.start < other.end and other.start < self.end

    def is_running(self, now: datetime) -> bool:
        return self.start <= now < self.end


@dataclass(frozen=True)
class AgendaPoint:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Agenda:
    title: str
    points: tuple[AgendaPoint, ...]
    sources: tuple[Source, ...]
    note: str = ""


@dataclass(frozen=True)
class KeyFigure:
    figure: str
    label: str
    sources: tuple[Source, ...]
    note: str = ""


@dataclass(frozen=True)
class Conference:
    id: str
    title: str
    start: date
    end: date
    timezone: str
    venue: str
    sources: tuple[Source, ...]
    short_title: str = ""
    overview: str = ""
    agenda: Agenda | None = None
    key_figures: tuple[KeyFigure, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """A conference and its sessions, kept in start order."""

    conference: Conference
    sessions: tuple[Session, ...] = field(default=())
    revised: datetime | None = field(default=None, compare=False)
    """When the programme's information was last revised, if known (used as DTSTAMP)."""

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

    def on_day(self, day: date) -> tuple[Session, ...]:
        return self._by_day.get(day, ())

    def get(self, session_id: str) -> Session | None:
        return self._by_id.get(session_id)

    def only(self, session_ids: set[str] | frozenset[str]) -> tuple[Session, ...]:
        """The sessions whose ids are given, in start order; unknown ids are ignored."""
        return tuple(session for session in self.sessions if session.id in session_ids)


def session_order(session: Session) -> tuple[datetime, datetime, str]:
    return (session.start, session.end, session.id)

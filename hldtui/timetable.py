"""A day as a timetable: sessions placed in columns (rooms, or what the programme names
instead) and rows of time at the programme's own slot size. Pure: the grid widget draws it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cached_property, reduce
from math import gcd

from hldtui.model import Kind, RoomPlace, Session

KIND_GROUPS: dict[Kind, str] = {
    Kind.OPENING: "Plenary meetings",
    Kind.PLENARY: "Plenary meetings",
    Kind.GENERAL_DEBATE: "Plenary meetings",
    Kind.CLOSING: "Plenary meetings",
    Kind.ROUND_TABLE: "Interactive Roundtables",
    Kind.PANEL: "Interactive Panel",
}
"""Headings a UN programme groups its sessions under, as the 2013 Dialogue's event page
does; other kinds are grouped under their own names."""
MIN_SLOT = 5
MAX_SLOT = 60
MAX_ROWS = 24 * 60 // MIN_SLOT
"""No day has more rows than this, whatever a file says (a day is at most 24 hours)."""


@dataclass(frozen=True)
class Placed:
    """A session in the grid: its column and the rows it covers."""

    session: Session
    column: int
    first: int
    rows: int

    @property
    def last(self) -> int:
        return self.first + self.rows - 1


@dataclass(frozen=True)
class Timetable:
    """One day: column names, the time of the first row and the slot each row stands
    for, and the sessions placed."""

    columns: tuple[str, ...]
    grouped_by: str
    """'room', 'track' or 'kind': what the columns are, for the header to say."""
    start: datetime
    slot: timedelta
    row_count: int
    placed: tuple[Placed, ...]
    cells: tuple[tuple[int, ...], ...] = field(repr=False)
    """For each column, the index in ``placed`` of the session on each row, or -1."""

    def row_of(self, moment: datetime) -> int | None:
        """The row a moment falls on, or None outside the day."""
        row = int((moment - self.start) / self.slot)
        return row if 0 <= row < self.row_count else None

    def time_of(self, row: int) -> datetime:
        return self.start + row * self.slot

    def index_of(self, session_id: str) -> int | None:
        return self._positions.get(session_id)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {placed.session.id: index for index, placed in enumerate(self.placed)}

    @cached_property
    def by_column(self) -> tuple[tuple[int, ...], ...]:
        """Each column's sessions (as indexes in ``placed``), in time order."""
        columns: list[list[int]] = [[] for _ in self.columns]
        for index, placed in enumerate(self.placed):
            columns[placed.column].append(index)
        return tuple(
            tuple(sorted(column, key=lambda i: self.placed[i].first)) for column in columns
        )


def empty_timetable(zone: tzinfo, grouped_by: str = "kind") -> Timetable:
    """A day with nothing in it."""
    return Timetable(
        (), grouped_by, datetime(2000, 1, 1, tzinfo=zone), timedelta(minutes=30), 0, (), ()
    )


def column_name(session: Session, grouped_by: str) -> str:
    if grouped_by == "room":
        return session.room or "Room not given"
    if grouped_by == "track":
        return session.track or "Track not given"
    if session.kind is Kind.UNKNOWN:
        return "Kind not given"
    return KIND_GROUPS.get(session.kind, session.kind.label)


def _column_order(name: str) -> tuple[int, str]:
    """UN headings in the event page's order, then the rest by name."""
    headings = list(dict.fromkeys(KIND_GROUPS.values()))
    return (headings.index(name) if name in headings else len(headings), name.casefold())


def timetable(
    sessions: Iterable[Session], zone: tzinfo, room_place: RoomPlace | None = None
) -> Timetable:
    """Lay out one day's sessions. Columns are rooms where the programme names them (in
    ``room_place``'s order, else by name), else tracks by name, else kinds of session;
    only what the day has gets a column, and a column's overlapping sessions get columns
    of their own beside it, under the same name."""
    sessions = [s for s in sessions if not s.all_day]
    if any(s.room for s in sessions):
        grouped_by = "room"
    elif any(s.track for s in sessions):
        grouped_by = "track"
    else:
        grouped_by = "kind"
    if not sessions:
        return empty_timetable(zone, grouped_by)
    first = min(s.start for s in sessions).astimezone(zone)
    start = first.replace(minute=0, second=0, microsecond=0)
    end = max(s.end for s in sessions)
    slot = _slot([start, *(moment for s in sessions for moment in (s.start, s.end))], start)
    row_count = min(MAX_ROWS, max(1, -(-(end - start) // slot)))
    names: list[str] = []
    free_from: list[int] = []
    """Per column, the first row after its last session so far."""
    placed: list[Placed] = []
    if grouped_by == "room" and room_place is not None:
        place = room_place
        order = sorted(sessions, key=lambda s: (place(s.room), s.room or "", s.start, s.id))
    else:
        order = sorted(
            sessions, key=lambda s: (_column_order(column_name(s, grouped_by)), s.start, s.id)
        )
    by_name: dict[str, list[int]] = {}
    for session in order:
        name = column_name(session, grouped_by)
        first_row = min(row_count - 1, int((session.start - start) / slot))
        length = -(-(session.end - session.start) // slot)
        rows = max(1, min(row_count - first_row, length))
        columns = by_name.setdefault(name, [])
        column = next((c for c in columns if free_from[c] <= first_row), None)
        if column is None:
            column = len(names)
            names.append(name)
            free_from.append(0)
            columns.append(column)
        free_from[column] = first_row + rows
        placed.append(Placed(session, column, first_row, rows))
    cells = [[-1] * row_count for _ in names]
    for index, item in enumerate(placed):
        for row in range(item.first, item.first + item.rows):
            cells[item.column][row] = index
    return Timetable(
        tuple(names),
        grouped_by,
        start,
        slot,
        row_count,
        tuple(placed),
        tuple(tuple(column) for column in cells),
    )


def _slot(moments: list[datetime], start: datetime) -> timedelta:
    """The programme's own slot size: the largest step (5 to 60 minutes) that every start
    and end falls on."""
    minutes = [int((moment - start).total_seconds() // 60) for moment in moments]
    step = reduce(gcd, minutes, 60) or 60
    return timedelta(minutes=min(MAX_SLOT, max(MIN_SLOT, step)))

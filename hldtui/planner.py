"""Planning over a programme: clashes, a personal agenda with its gaps, and now/next."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from hldtui.model import Interest, RoomPlace, Schedule, Session


def clashes(sessions: Iterable[Session]) -> dict[str, tuple[Session, ...]]:
    """For each session that overlaps another in ``sessions``, the ones it overlaps."""
    ordered = sorted(sessions, key=lambda session: (session.start, session.end, session.id))
    found: dict[str, list[Session]] = {}
    for index, session in enumerate(ordered):
        for later in ordered[index + 1 :]:
            if later.start >= session.end:
                break
            if session.overlaps(later):
                found.setdefault(session.id, []).append(later)
                found.setdefault(later.id, []).append(session)
    return {session_id: tuple(others) for session_id, others in found.items()}


@dataclass(frozen=True)
class AgendaEntry:
    session: Session
    interest: Interest
    clashes: tuple[Session, ...] = ()


@dataclass(frozen=True)
class Gap:
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class AgendaDay:
    day: date
    items: tuple[AgendaEntry | Gap, ...]


def counts_for_clashes(level: Interest | None) -> bool:
    """Only sessions marked ★ "will attend" clash and fill time; ☆ "maybe" is the place for
    alternatives, listed but neither clashing nor closing a gap."""
    return level is Interest.ATTEND


def attending(schedule: Schedule, interests: Mapping[str, Interest]) -> tuple[Session, ...]:
    """The sessions that count for clashes, in time order."""
    return tuple(
        session
        for session in schedule.only(frozenset(interests))
        if counts_for_clashes(interests[session.id])
    )


def agenda(
    schedule: Schedule,
    interests: Mapping[str, Interest],
    clash_map: Mapping[str, tuple[Session, ...]] | None = None,
) -> tuple[AgendaDay, ...]:
    """Favourites by day in time order, with the free time between the ★ ones and what
    each ★ one clashes with (``clash_map``, when already worked out)."""
    chosen = schedule.only(frozenset(interests))
    if clash_map is None:
        clash_map = clashes(attending(schedule, interests))
    days = []
    for day in schedule.days:
        items: list[AgendaEntry | Gap] = []
        busy_until: datetime | None = None
        for session in (s for s in chosen if s.day == day):
            interest = interests[session.id]
            if counts_for_clashes(interest) and not session.all_day:
                if busy_until is not None and session.start > busy_until:
                    items.append(Gap(busy_until, session.start))
                busy_until = max(busy_until or session.end, session.end)
            items.append(AgendaEntry(session, interest, clash_map.get(session.id, ())))
        if items:
            days.append(AgendaDay(day, tuple(items)))
    return tuple(days)


class Phase(Enum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True)
class NowAndNext:
    """Where ``now`` falls against the conference days, what is running and what starts next."""

    phase: Phase
    today: date
    running: tuple[Session, ...]
    upcoming: tuple[Session, ...]


def now_and_next(
    schedule: Schedule, now: datetime, levels: Mapping[str, Interest] | None = None
) -> NowAndNext:
    """Where ``now`` falls, and what runs and starts next, the delegate's ★ sessions first,
    then ☆, then the rest, each in the programme's order."""
    conference = schedule.conference
    # The programme day, so that 01:30 in a day that runs to 04:00 is still that day.
    today = conference.day_of(now)
    if today < conference.start:
        phase = Phase.BEFORE
    elif today > conference.end:
        phase = Phase.AFTER
    else:
        phase = Phase.DURING
    running, upcoming = schedule.running_at(now), schedule.next_after(now)
    if levels:
        running, upcoming = mine_first(running, levels), mine_first(upcoming, levels)
    return NowAndNext(phase, today, running, upcoming)


def mine_first(sessions: Iterable[Session], levels: Mapping[str, Interest]) -> tuple[Session, ...]:
    """★ sessions first, then ☆, then the others, each group in its given order."""
    return tuple(sorted(sessions, key=lambda session: _rank(levels.get(session.id))))


def _rank(level: Interest | None) -> int:
    return 2 if level is None else 0 if level is Interest.ATTEND else 1


LOOK_AHEAD = timedelta(hours=1)
"""How far ahead the Now view looks, unless the delegate chooses otherwise."""


@dataclass(frozen=True)
class OnNow:
    """A session in the Now view: running (and until when) or starting soon."""

    session: Session
    running: bool

    def until(self, now: datetime) -> timedelta:
        """The time left if it runs, else the time until it starts."""
        return (self.session.end if self.running else self.session.start) - now


@dataclass(frozen=True)
class NowGroup:
    """A heading of the Now view ('★ Will attend', a room) and its sessions."""

    heading: str
    items: tuple[OnNow, ...]


def on_now(
    schedule: Schedule,
    now: datetime,
    ahead: timedelta,
    levels: Mapping[str, Interest],
    room_place: RoomPlace,
    admits: Callable[[Session], bool] = lambda session: True,
) -> tuple[NowGroup, ...]:
    """What runs at ``now`` and what starts within ``ahead``: the ★ sessions, then the ☆,
    then the rest by room in ``room_place``'s order (running before starting, then by
    time); without rooms, the rest as running and starting."""
    running = [s for s in schedule.running_at(now) if not s.all_day and admits(s)]
    soon = [s for s in schedule.starting_between(now, now + ahead) if not s.all_day and admits(s)]
    items = [OnNow(s, True) for s in running] + [OnNow(s, False) for s in soon]
    groups: list[NowGroup] = []
    for interest in Interest:
        mine = tuple(item for item in items if levels.get(item.session.id) is interest)
        if mine:
            groups.append(NowGroup(f"{interest.mark} {interest.label.capitalize()}", mine))
    rest = [item for item in items if item.session.id not in levels]
    if not any(item.session.room for item in rest):
        for heading, is_running in (("Running now", True), ("Starting soon", False)):
            group = tuple(item for item in rest if item.running is is_running)
            if group:
                groups.append(NowGroup(heading, group))
        return tuple(groups)
    by_room: dict[str | None, list[OnNow]] = {}
    for item in sorted(rest, key=lambda i: (room_place(i.session.room), not i.running)):
        by_room.setdefault(item.session.room, []).append(item)
    for room, in_room in by_room.items():
        groups.append(NowGroup(room or "Room not given", tuple(in_room)))
    return tuple(groups)

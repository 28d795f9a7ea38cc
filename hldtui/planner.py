"""Planning over a programme: clashes, a personal agenda with its gaps, and now/next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from hldtui.model import Interest, Schedule, Session


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


def now_and_next(schedule: Schedule, now: datetime) -> NowAndNext:
    conference = schedule.conference
    # The programme day, so that 01:30 in a day that runs to 04:00 is still that day.
    today = conference.day_of(now)
    if today < conference.start:
        phase = Phase.BEFORE
    elif today > conference.end:
        phase = Phase.AFTER
    else:
        phase = Phase.DURING
    return NowAndNext(phase, today, schedule.running_at(now), schedule.next_after(now))

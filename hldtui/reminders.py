"""Reminders before the sessions a delegate will attend: which are due, and what they say.

Pure: the app asks at each tick of the programme's clock (so `--now` makes them testable),
and `hldtui now --remind` asks once, for scripts and status bars.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from hldtui.model import Interest, Schedule, Session
from hldtui.present import NOT_GIVEN, named_time
from hldtui.text import one_line

DEFAULT_LEAD = timedelta(minutes=10)


@dataclass(frozen=True)
class ReminderSettings:
    """How long before a session to remind, and whether ☆ maybe sessions count too."""

    lead: timedelta = DEFAULT_LEAD
    """Zero turns reminders off."""
    maybe: bool = False

    @property
    def on(self) -> bool:
        return self.lead > timedelta(0)

    def counts(self, level: Interest | None) -> bool:
        """Whether a session at this level is reminded of."""
        return level is Interest.ATTEND or (self.maybe and level is Interest.MAYBE)


def due(
    schedule: Schedule,
    levels: Mapping[str, Interest],
    now: datetime,
    settings: ReminderSettings,
    *,
    opened_at: datetime,
    reminded: Collection[str] = (),
) -> list[Session]:
    """The sessions to remind of now: counted by ``settings``, starting within the lead
    time, not reminded of already, and not started when the app opened."""
    if not settings.on:
        return []
    found = (
        schedule.get(session_id) for session_id, level in levels.items() if settings.counts(level)
    )
    return sorted(
        (
            session
            for session in found
            if session is not None
            and session.id not in reminded
            and session.start > opened_at
            and now < session.start <= now + settings.lead
        ),
        key=lambda session: (session.start, session.id),
    )


def next_due(
    schedule: Schedule, levels: Mapping[str, Interest], now: datetime, settings: ReminderSettings
) -> Session | None:
    """The first counted session that starts within the lead time from ``now``."""
    upcoming = due(schedule, levels, now, settings, opened_at=now)
    return upcoming[0] if upcoming else None


def reminder_text(session: Session, zone: tzinfo, now: datetime) -> tuple[str, str]:
    """A reminder's title ('Starts in 8 min') and what it says: the session, its room and
    its start."""
    minutes = max(0, round((session.start - now).total_seconds() / 60))
    title = "Starts now" if minutes == 0 else f"Starts in {minutes} min"
    room = session.room or f"room {NOT_GIVEN}"
    body = f"{one_line(session.display_title, 120)} · {room} · {named_time(session, zone)}"
    return title, body

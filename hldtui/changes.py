"""What changed in a programme since the version the user last saw: new, moved, changed and
cancelled sessions, compared by session key. Pure: a change holds the sessions as they were
and are, and `present` writes it in the zone shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from hldtui.model import Interest, Schedule, Session


class ChangeKind(Enum):
    NEW = "new"
    MOVED = "moved"
    CHANGED = "changed"
    CANCELLED = "cancelled"

    @property
    def badge(self) -> str:
        return {"new": "NEW", "moved": "MOVED", "changed": "CHGD", "cancelled": "CNCL"}[self.value]


@dataclass(frozen=True)
class FieldChange:
    """One field of a session that is not what it was, with both values as plain text."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    session: Session
    """The session as it is now, or as it was for a cancelled one."""
    before: Session | None = None
    """The session as it was, for a moved or changed one."""
    fields: tuple[FieldChange, ...] = ()
    """What else changed besides the time, in the order of `COMPARED`."""

    @property
    def moved(self) -> bool:
        before = self.before
        return before is not None and (before.start, before.end) != (
            self.session.start,
            self.session.end,
        )


COMPARED: tuple[tuple[str, Callable[[Schedule, Session], str]], ...] = (
    ("title", lambda _, s: s.display_title),
    ("room", lambda _, s: s.room or "not given"),
    # Each person with their first role, so that a role the programme adds reads as one.
    ("people", lambda p, s: "; ".join(map(p.title_of, s.chairs)) or "not given"),
    ("kind", lambda _, s: s.kind.label),
    ("track", lambda _, s: s.track or "none"),
    ("description", lambda _, s: s.description),
    ("theme", lambda _, s: s.theme),
    ("recording", lambda _, s: ", ".join(link.url for kind, link in s.media) or "none"),
)
"""What is compared besides the time, each read from a session in its programme."""


def compare(before: Schedule, after: Schedule) -> tuple[Change, ...]:
    """Every difference between two versions of a programme, in time order."""
    old = {session.id: session for session in before.sessions}
    # What the programme says of its people changes how an unchanged session reads.
    same_people = before.conference.people == after.conference.people
    changes: list[Change] = []
    for session in after.sessions:
        previous = old.pop(session.id, None)
        if previous is None:
            changes.append(Change(ChangeKind.NEW, session))
            continue
        if previous == session and same_people:
            continue
        fields = tuple(
            FieldChange(name, old_value, new_value)
            for name, get in COMPARED
            if (old_value := get(before, previous)) != (new_value := get(after, session))
        )
        moved = (previous.start, previous.end) != (session.start, session.end)
        if moved or fields:
            kind = ChangeKind.MOVED if moved else ChangeKind.CHANGED
            changes.append(Change(kind, session, previous, fields))
    changes += [Change(ChangeKind.CANCELLED, session) for session in old.values()]
    return tuple(sorted(changes, key=lambda change: (change.session.start, change.session.id)))


def mine_first(changes: tuple[Change, ...], levels: Mapping[str, Interest]) -> tuple[Change, ...]:
    """The changes to the user's ★ and ☆ sessions first, each group in time order."""
    return tuple(sorted(changes, key=lambda change: change.session.id not in levels))


class Notices(Enum):
    """Which changes the user is told of: a setting kept for each programme."""

    ALL = "all"
    MINE = "mine"
    """Only changes to the user's ★ and ☆ sessions."""
    COMING = "coming"
    """Only changes to sessions that have not ended yet."""

    @property
    def label(self) -> str:
        return {
            "all": "every session",
            "mine": "your ★/☆ sessions",
            "coming": "sessions still to come",
        }[self.value]

    @classmethod
    def named(cls, value: str) -> Notices:
        """The setting kept, or ALL for none or an unknown one."""
        return next((notices for notices in cls if notices.value == value), cls.ALL)


def noticed(
    changes: tuple[Change, ...], notices: Notices, levels: Mapping[str, Interest], now: datetime
) -> tuple[Change, ...]:
    """The changes the user asked to be told of."""
    if notices is Notices.MINE:
        return tuple(change for change in changes if change.session.id in levels)
    if notices is Notices.COMING:
        return tuple(
            change
            for change in changes
            if change.session.end > now or (change.before is not None and change.before.end > now)
        )
    return changes

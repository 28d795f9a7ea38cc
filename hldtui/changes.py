"""What changed in a programme since the version the user last saw: new, moved, changed and
cancelled sessions, compared by session key. Pure, but for `SeenCopies`, which keeps the
version last seen of each programme in the user's cache folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hldtui.model import Interest, Schedule, Session
from hldtui.store import write_atomically


class ChangeKind(Enum):
    NEW = "new"
    MOVED = "moved"
    CHANGED = "changed"
    CANCELLED = "cancelled"

    @property
    def badge(self) -> str:
        return {"new": "NEW", "moved": "MOVED", "changed": "CHGD", "cancelled": "CNCL"}[self.value]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    session: Session
    """The session as it is now, or as it was for a cancelled one."""
    details: tuple[str, ...] = ()
    """What changed, old value first: 'time: 10:00–11:00 → 11:00–12:00'."""


COMPARED = (
    ("title", lambda s: s.display_title),
    ("room", lambda s: s.room or "not given"),
    ("people", lambda s: "; ".join(s.chairs) or "not given"),
    ("kind", lambda s: s.kind.label),
    ("track", lambda s: s.track or "none"),
    ("description", lambda s: s.description),
    ("theme", lambda s: s.theme),
)


def compare(before: Schedule, after: Schedule) -> tuple[Change, ...]:
    """Every difference between two versions of a programme, in time order."""
    old = {session.id: session for session in before.sessions}
    changes: list[Change] = []
    for session in after.sessions:
        previous = old.pop(session.id, None)
        if previous is None:
            changes.append(Change(ChangeKind.NEW, session))
            continue
        if (previous.start, previous.end) != (session.start, session.end):
            was = f"{previous.start:%a %d %b %H:%M}–{previous.end:%H:%M}"
            now = f"{session.start:%a %d %b %H:%M}–{session.end:%H:%M}"
            changes.append(Change(ChangeKind.MOVED, session, (f"time: {was} → {now}",)))
            continue
        details = tuple(
            f"{name}: {_short(get(previous))} → {_short(get(session))}"
            for name, get in COMPARED
            if get(previous) != get(session)
        )
        if details:
            changes.append(Change(ChangeKind.CHANGED, session, details))
    changes += [Change(ChangeKind.CANCELLED, session) for session in old.values()]
    return tuple(sorted(changes, key=lambda change: (change.session.start, change.session.id)))


def mine_first(changes: tuple[Change, ...], levels: Mapping[str, Interest]) -> tuple[Change, ...]:
    """The changes to the user's ★ and ☆ sessions first, each group in time order."""
    return tuple(sorted(changes, key=lambda change: change.session.id not in levels))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


class SeenCopies:
    """The version of each programme the user last saw, kept as the file it was read from,
    in a folder named by the hash of where the programme comes from."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, source: str) -> Path:
        return self.directory / hashlib.sha256(source.encode()).hexdigest()[:24] / "seen"

    def get(self, source: str) -> bytes | None:
        try:
            return self.path(source).read_bytes()
        except OSError:
            return None

    def mark_seen(self, source: str, data: bytes) -> None:
        path = self.path(source)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data, private=True)

"""Narrowing a big programme: filters by kind, track and room, and sessions or tracks hidden."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from hldtui.model import Kind, Session


@dataclass(frozen=True)
class Filter:
    """What the day lists and search show; the agenda always shows every favourite."""

    kind: Kind | None = None
    track: str | None = None
    room: str | None = None
    hidden: frozenset[str] = frozenset()
    hidden_tracks: frozenset[str] = frozenset()
    show_hidden: bool = False

    def is_hidden(self, session: Session) -> bool:
        return session.id in self.hidden or (
            bool(session.track) and session.track in self.hidden_tracks
        )

    def admits(self, session: Session) -> bool:
        if self.kind is not None and session.kind is not self.kind:
            return False
        if self.track is not None and session.track != self.track:
            return False
        if self.room is not None and (session.room or "") != self.room:
            return False
        return self.show_hidden or not self.is_hidden(session)

    def apply(self, sessions: Iterable[Session]) -> list[Session]:
        return [session for session in sessions if self.admits(session)]

    @property
    def active(self) -> bool:
        return self.kind is not None or self.track is not None or self.room is not None

    def describe(self) -> str:
        """'Track: Security · Room: Saal 1', or '' when nothing is filtered."""
        parts = []
        if self.kind is not None:
            parts.append(f"Kind: {self.kind.label}")
        if self.track is not None:
            parts.append(f"Track: {self.track}")
        if self.room is not None:
            parts.append(f"Room: {self.room or 'not given'}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Choices:
    """The kinds, tracks and rooms of a programme with how many sessions each has."""

    kinds: list[tuple[Kind, int]] = field(default_factory=list)
    tracks: list[tuple[str, int]] = field(default_factory=list)
    rooms: list[tuple[str, int]] = field(default_factory=list)


def choices(sessions: Iterable[Session]) -> Choices:
    kinds: Counter[Kind] = Counter()
    tracks: Counter[str] = Counter()
    rooms: Counter[str] = Counter()
    for session in sessions:
        kinds[session.kind] += 1
        if session.track:
            tracks[session.track] += 1
        if session.room:
            rooms[session.room] += 1
    return Choices(
        kinds=sorted(kinds.items(), key=lambda item: item[0].label),
        tracks=sorted(tracks.items(), key=lambda item: item[0].casefold()),
        rooms=sorted(rooms.items(), key=lambda item: item[0].casefold()),
    )

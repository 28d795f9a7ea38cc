"""Narrowing a big programme: one kind, track or room at a time, and whether what the
delegate hid (which the plan keeps) is shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from hldtui.model import Kind, RoomPlace, Session

IsHidden = Callable[[Session], bool]


@dataclass(frozen=True)
class Filter:
    """What the day lists and search show; the agenda always shows every favourite."""

    kind: Kind | None = None
    track: str | None = None
    room: str | None = None
    unrecorded: bool = False
    """Only sessions the file says will not be recorded: to be seen in person."""
    show_hidden: bool = False

    def admits(self, session: Session, is_hidden: IsHidden) -> bool:
        if self.unrecorded and not session.not_recorded:
            return False
        if self.kind is not None and session.kind is not self.kind:
            return False
        if self.track is not None and session.track != self.track:
            return False
        if self.room is not None and (session.room or "") != self.room:
            return False
        return self.show_hidden or not is_hidden(session)

    def apply(self, sessions: Iterable[Session], is_hidden: IsHidden) -> list[Session]:
        return [session for session in sessions if self.admits(session, is_hidden)]

    def choose(self, choice: FilterChoice) -> Filter:
        """This filter with ``choice`` made: a kind and a track exclude each other, a room
        goes with either, and 'all' clears all three."""
        field, value = choice
        if field == "all":
            return replace(self, kind=None, track=None, room=None, unrecorded=False)
        if field == "unrecorded":
            return replace(self, unrecorded=True)
        if field == "kind":
            return replace(self, kind=value if isinstance(value, Kind) else None, track=None)
        text = value if isinstance(value, str) else None
        if field == "track":
            return replace(self, track=text, kind=None)
        return replace(self, room=text)

    @property
    def active(self) -> bool:
        return (
            self.kind is not None
            or self.track is not None
            or self.room is not None
            or self.unrecorded
        )

    def describe(self) -> str:
        """'Track: Security · Room: Saal 1', or '' when nothing is filtered."""
        parts = []
        if self.kind is not None:
            parts.append(f"Kind: {self.kind.label}")
        if self.track is not None:
            parts.append(f"Track: {self.track}")
        if self.room is not None:
            parts.append(f"Room: {self.room or 'not given'}")
        if self.unrecorded:
            parts.append("Not recorded")
        return " · ".join(parts)


FilterChoice = tuple[str, Kind | str | None]
"""('kind', Kind), ('track', name), ('room', name), or with None to clear it;
('unrecorded', None) for the sessions not to be recorded; ('all', None)."""


@dataclass(frozen=True)
class Choices:
    """The kinds, tracks and rooms of a programme with how many sessions each has."""

    kinds: list[tuple[Kind, int]]
    tracks: list[tuple[str, int]]
    rooms: list[tuple[str, int]]
    unrecorded: int = 0
    """How many sessions the file says will not be recorded."""

    def kind_or_track_options(self) -> list[tuple[str, FilterChoice]]:
        """What the kind-or-track picker offers, each with its count."""
        options: list[tuple[str, FilterChoice]] = [("Every kind and track", ("all", None))]
        options += [(f"Kind: {kind.label} ({count})", ("kind", kind)) for kind, count in self.kinds]
        options += [(f"Track: {track} ({count})", ("track", track)) for track, count in self.tracks]
        if self.unrecorded:
            options.append((f"Will not be recorded ({self.unrecorded})", ("unrecorded", None)))
        return options

    def room_options(self) -> list[tuple[str, FilterChoice]]:
        """What the room picker offers; nothing when the programme names no rooms."""
        if not self.rooms:
            return []
        options: list[tuple[str, FilterChoice]] = [("Every room", ("room", None))]
        return options + [(f"{room} ({count})", ("room", room)) for room, count in self.rooms]


def choices(sessions: Iterable[Session], room_place: RoomPlace | None = None) -> Choices:
    """The programme's kinds and tracks by name, and its rooms in ``room_place``'s order
    (the organiser's), else by name."""
    kinds: Counter[Kind] = Counter()
    tracks: Counter[str] = Counter()
    rooms: Counter[str] = Counter()
    unrecorded = 0
    for session in sessions:
        unrecorded += session.not_recorded
        kinds[session.kind] += 1
        if session.track:
            tracks[session.track] += 1
        if session.room:
            rooms[session.room] += 1
    return Choices(
        kinds=sorted(kinds.items(), key=lambda item: item[0].label),
        tracks=sorted(tracks.items(), key=lambda item: item[0].casefold()),
        rooms=sorted(
            rooms.items(),
            key=lambda item: (room_place(item[0]) if room_place else 0, item[0].casefold()),
        ),
        unrecorded=unrecorded,
    )

"""The delegate's plan over one programme: favourites and their levels, notes, and what is
hidden. The one source of truth for the user's choices, kept over the store on disk.

Every screen, search and command reads the plan; nothing keeps a copy of its own. Each
change, here or by another running copy of the app, advances `revision` and says which
sessions it touched, so that a screen redraws only those.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hldtui.model import Interest, Schedule, Session
from hldtui.planner import AgendaDay, agenda, attending, clashes, counts_for_clashes
from hldtui.store import FavouritesStore, StoreError


@dataclass(frozen=True)
class PlanChange:
    """What one change to the plan touched."""

    sessions: frozenset[str] = frozenset()
    """The sessions whose level, note or hiding changed."""
    levels: bool = False
    notes: bool = False
    hidden: bool = False
    """Whether sessions or tracks were hidden or shown again."""

    def __bool__(self) -> bool:
        return self.levels or self.notes or self.hidden


NO_CHANGE = PlanChange()
PINNED_ROOMS = "pinned_rooms"
"""The setting that keeps the pinned rooms, one to a line."""


class NotSaved(StoreError):
    """A change that holds in memory but could not be saved; ``change`` says what it
    touched, so that screens still show it."""

    def __init__(self, error: StoreError, change: PlanChange) -> None:
        super().__init__(str(error))
        self.change = change


class Plan:
    """Read with `level`, `note`, `is_hidden`, `attending` and `clashes_for`; change with the
    `set_*` methods, which save at once and return what changed. When the save fails they
    raise `NotSaved`: the change still holds in memory and is saved with the next one.
    Where the store writes later (the app's), they only change the plan in memory, and
    `save` writes it."""

    def __init__(self, schedule: Schedule, store: FavouritesStore) -> None:
        self.schedule = schedule
        self.store = store
        self.revision = 0
        self._levels: Mapping[str, Interest] = MappingProxyType({})
        self._notes: Mapping[str, str] = MappingProxyType({})
        self._hidden: frozenset[str] = frozenset()
        self._hidden_tracks: frozenset[str] = frozenset()
        self._pinned: tuple[str, ...] = ()
        self._clashes: dict[str, tuple[Session, ...]] | None = None
        self._attending: tuple[Session, ...] | None = None
        self._take()

    # Reading

    @property
    def levels(self) -> Mapping[str, Interest]:
        """Every favourite's level, by session id; the same object until levels change."""
        return self._levels

    @property
    def notes(self) -> Mapping[str, str]:
        """Every note by session id; the same object until a note changes."""
        return self._notes

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(self._levels)

    @property
    def hidden(self) -> frozenset[str]:
        return self._hidden

    @property
    def hidden_tracks(self) -> frozenset[str]:
        return self._hidden_tracks

    @property
    def hides_any(self) -> bool:
        """Whether any session or track is hidden."""
        return bool(self._hidden or self._hidden_tracks)

    def level(self, session_id: str) -> Interest | None:
        return self._levels.get(session_id)

    def note(self, session_id: str) -> str:
        return self._notes.get(session_id, "")

    def is_hidden(self, session: Session) -> bool:
        """Hidden by the delegate, on its own or with its track."""
        return session.id in self._hidden or (
            bool(session.track) and session.track in self._hidden_tracks
        )

    @property
    def attending(self) -> tuple[Session, ...]:
        """The ★ sessions, in time order."""
        if self._attending is None:
            self._attending = attending(self.schedule, self._levels)
        return self._attending

    def clashes_for(self, session: Session) -> tuple[Session, ...]:
        """The ★ sessions a ★ session overlaps; none for any other (see planner)."""
        if not counts_for_clashes(self.level(session.id)):
            return ()
        if self._clashes is None:
            self._clashes = clashes(self.attending)
        return self._clashes.get(session.id, ())

    def agenda(self) -> tuple[AgendaDay, ...]:
        if self._clashes is None:
            self._clashes = clashes(self.attending)
        return agenda(self.schedule, self._levels, self._clashes)

    @property
    def pinned_rooms(self) -> tuple[str, ...]:
        """The rooms the delegate put first, in the order pinned."""
        return self._pinned

    def room_place(self, room: str | None) -> int:
        """Where a room comes: pinned rooms first, then in the organiser's order."""
        return self.schedule.room_place(room, self._pinned)

    def set_room_pinned(self, room: str, pinned: bool) -> None:
        """Pin a room to the front, or unpin it; saved at once (raises StoreError)."""
        rooms = [name for name in self._pinned if name != room]
        if pinned:
            rooms.append(room)
        try:
            self.store.set_setting(PINNED_ROOMS, "\n".join(rooms))
        finally:
            self._take()

    def take_warnings(self) -> list[str]:
        """Messages about the file on disk, each returned once."""
        return self.store.take_warnings()

    # Changing

    def set_level(self, session_id: str, level: Interest | None) -> PlanChange:
        return self._change(lambda: self.store.set_level(session_id, level))

    def set_note(self, session_id: str, text: str) -> PlanChange:
        return self._change(lambda: self.store.set_note(session_id, text))

    def set_hidden(self, session_id: str, hidden: bool) -> PlanChange:
        return self._change(lambda: self.store.set_hidden(session_id, hidden))

    def set_track_hidden(self, track: str, hidden: bool) -> PlanChange:
        return self._change(lambda: self.store.set_track_hidden(track, hidden))

    @property
    def unsaved(self) -> bool:
        return self.store.unsaved

    def save(self) -> None:
        """Write the changes held in memory, from any thread; raises StoreError if they
        could not be written (they still hold, and the next save tries again)."""
        self.store.save()

    def refresh(self) -> PlanChange:
        """Take in what another copy of the app has saved since; NO_CHANGE when nothing
        has, which costs one stat."""
        if not self.store.changed_on_disk():
            return NO_CHANGE
        self.store.refresh()
        return self._take()

    def _change(self, save: Callable[[], None]) -> PlanChange:
        try:
            save()
        except StoreError as error:
            raise NotSaved(error, self._take()) from None
        return self._take()

    def _take(self) -> PlanChange:
        """Read the store's state and say what differs from before."""
        store = self.store
        levels, notes = store.levels, store.notes
        hidden, hidden_tracks = store.hidden, store.hidden_tracks
        # Read once here, not for each session a timetable or the room picker places.
        self._pinned = tuple(room for room in store.setting(PINNED_ROOMS).split("\n") if room)
        change = PlanChange(
            sessions=frozenset(_differing(self._levels, levels))
            | frozenset(_differing(self._notes, notes))
            | (hidden ^ self._hidden),
            levels=levels != self._levels,
            notes=notes != self._notes,
            hidden=hidden != self._hidden or hidden_tracks != self._hidden_tracks,
        )
        if change.levels:
            self._levels = MappingProxyType(levels)
            self._attending = self._clashes = None
        if change.notes:
            self._notes = MappingProxyType(notes)
        self._hidden, self._hidden_tracks = hidden, hidden_tracks
        if change:
            self.revision += 1
        return change


def _differing(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}

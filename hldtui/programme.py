"""A programme's life: where it comes from (a file, an address or the built-in programme),
the copy kept of an address, the zone remembered for a file that names none, the version the
user last saw, what changed since, and reading it again. The command line and the app both
use it and know nothing of how it is done.

The first time anything opens a programme, that version becomes the one seen. Every later
open compares with it, and the changes stay until the user marks them seen.

The module that fetches addresses is imported only where an address is opened: a start
from a file never needs it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from hldtui.bounds import MAX_FILE_BYTES
from hldtui.changes import Change, Notices, compare, mine_first, noticed
from hldtui.library import BUILTIN
from hldtui.model import Schedule, ZoneSource
from hldtui.plan import Plan
from hldtui.sources import ScheduleError, builtin_schedule_path, parse_schedule
from hldtui.sources.errors import is_address
from hldtui.sources.files import last_modified, read_bytes
from hldtui.sources.parsed import LARGE_FILE, ParsedCache, digest_of, entry_key
from hldtui.store import FavouritesStore, StoreError, cache_dir, data_dir, write_atomically
from hldtui.timezones import zone_named

if TYPE_CHECKING:
    from hldtui.catalogue import Entry
    from hldtui.sources.remote import Limits

Progress = Callable[[int, int | None], None]
Unsaved = list[tuple[ParsedCache, str, Schedule]]
"""Parsed copies made but not yet kept: what to keep, where and under which key."""
"""Told the bytes downloaded so far, and the size if the server gave it."""
ZONE_SETTING = "zone"
REFRESH_MINUTES = 10
"""How often the app asks the address of a programme for a new version."""
NOTICES_SETTING = "change_notices"


class OpenError(Exception):
    """A programme opened in a way that cannot work, such as --zone for a file that names
    its own zone; the message says what to do instead."""


@dataclass(frozen=True)
class Version:
    """One reading of a programme."""

    schedule: Schedule
    digest: str
    """The SHA-256 of the bytes read. The bytes themselves are not held: a programme of
    thousands of sessions would keep megabytes for the rare moment they are needed."""
    offline: str = ""
    """Why a kept copy is used without the address confirming it ('' when it is current
    or not from an address)."""
    fetched_at: datetime | None = None
    """When the kept copy of an address was last fetched or confirmed."""
    note: str = ""
    """What the user is to be told of the kept copy ('' when all is well)."""


class SeenCopies:
    """The version of each programme the user last saw, kept as its bytes, in a folder
    named by the hash of where the programme comes from."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.damaged = ""
        """What was wrong with a copy found damaged, and where it went ('' for none)."""

    def folder(self, source: str) -> Path:
        name = source.encode("utf-8", "surrogatepass")
        return self.directory / hashlib.sha256(name).hexdigest()[:24]

    def get(self, source: str) -> bytes | None:
        """The bytes seen, or None when there are none or they cannot be a programme. A
        copy larger than any programme is damaged: it is not read but moved aside, and
        `damaged` says where."""
        path = self.folder(source) / "seen"
        try:
            with path.open("rb") as handle:
                if os.fstat(handle.fileno()).st_size <= MAX_FILE_BYTES:
                    return handle.read(MAX_FILE_BYTES)
        except OSError:
            return None
        aside = path.with_name("seen.damaged")
        try:
            os.replace(path, aside)
        except OSError as error:
            self.damaged = f"{path} is too large to be a programme, and stays ({error.strerror})"
        else:
            self.damaged = f"{path} was too large to be a programme; it was moved to {aside}"
        return None

    def digest(self, source: str) -> str | None:
        """The SHA-256 of the bytes seen, written beside them, so that an unchanged
        programme is known without reading its copy."""
        try:
            with (self.folder(source) / "seen.sha256").open("rb") as handle:
                return handle.read(64).decode("ascii")
        except (OSError, ValueError):
            return None

    def has(self, source: str) -> bool:
        return (self.folder(source) / "seen").is_file()

    def mark_seen(self, source: str, data: bytes) -> None:
        folder = self.folder(source)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "seen.sha256").unlink(missing_ok=True)
        write_atomically(folder / "seen", data, private=True)
        write_atomically(folder / "seen.sha256", digest_of(data).encode(), private=True)

    def parsed(self, source: str) -> ParsedCache:
        return ParsedCache(self.folder(source) / "parsed.json")


class Programme:
    """Open one with `Programme.open`. `reload` reads it again without making the new
    version current, so it can run in a thread; `take` then makes it current."""

    def __init__(
        self,
        source: str,
        path: Path,
        read_zone: tzinfo | None,
        version: Version,
        data: bytes,
        *,
        address: str = "",
        store: FavouritesStore | None = None,
    ) -> None:
        """``data`` is the bytes of ``version``, kept as the version seen if there is none."""
        self.source = source
        """What names the programme's version seen: its address, or its file's full path."""
        self.path = path
        """The file read: the programme's own, or the copy kept of its address."""
        self.address = address
        self.read_zone = read_zone
        """The zone the programme is read in when it names none (from --zone, or kept)."""
        self.version = version
        self.fixed = False
        """Whether the programme never changes: the built-in one, or one given already read."""
        self.asks_at_start = False
        """Whether the copy kept of the address was opened without asking it first."""
        self.entry: Entry | None = None
        """The catalogue's entry the programme was opened from: its zone, refresh
        interval, links and rooms."""
        self.zone_from_entry = False
        """Whether the programme is read in its entry's zone, as its file names none."""
        self.store = store or FavouritesStore(data_dir(), version.schedule.conference.id)
        self._plan: Plan | None = None
        self._changes: tuple[Version, tuple[Change, ...]] | None = None
        self._unsaved: Unsaved | None = []
        """Parsed copies made while opening, kept once the programme is shown; None after,
        when each is kept as it is made (so none is held for long)."""
        self._seen = SeenCopies(cache_dir() / "seen")
        if source and not self._seen.has(source):
            with suppress(OSError):
                self._seen.mark_seen(source, data)

    @classmethod
    def of(cls, schedule: Schedule, store: FavouritesStore | None = None) -> Programme:
        """A programme already read, from no file or address: it never changes, and has no
        version seen (for tools and tests)."""
        programme = cls("", Path(), None, Version(schedule, ""), b"", store=store)
        programme.fixed = True
        return programme

    @classmethod
    def open(
        cls,
        source: str | None = None,
        *,
        zone: tzinfo | None = None,
        offline: bool = False,
        at_once: bool = False,
        progress: Progress | None = None,
        entry: Entry | None = None,
        cancel: threading.Event | None = None,
    ) -> Programme:
        """The programme at ``source`` (a path or an address; the built-in one for None),
        or at a catalogue ``entry``'s address.

        ``zone`` is the zone of a programme that names none; it is remembered for that
        programme. Without it, such a programme is read in the zone remembered, else in
        the entry's. ``offline`` forbids the network; ``at_once`` opens the copy kept of an
        address without asking it (the app asks it once it is on screen); setting
        ``cancel`` ends a fetch under way (the app sets it as it quits). Raises
        ScheduleError, RemoteError or OpenError.
        """
        unsaved: Unsaved = []
        if entry is not None:
            source = entry.url
        if source is not None and is_address(source):
            from hldtui.sources.remote import Limits, ProgrammeCache

            kept = at_once and not offline and ProgrammeCache().read(source) is not None
            limits = Limits.from_environment(cancel)
            path, version, data = _from_address(
                source, zone, offline or kept, progress, unsaved, limits
            )
            programme = cls(source, path, zone, version, data, address=source)
            if kept:
                # Not offline: the address is asked as soon as the app is on screen.
                programme.version = replace(programme.version, offline="")
                programme.asks_at_start = True
        else:
            if offline:
                raise OpenError("--offline is for a programme opened by its address.")
            path = Path(source) if source is not None else builtin_schedule_path()
            data = read_bytes(path)
            cache = _file_cache(path, data, builtin=source is None)
            version = _version_of(data, path, zone, cache, unsaved)
            programme = cls(str(path.resolve()), path, zone, version, data)
            programme.fixed = source is None
        programme._unsaved = unsaved
        programme.entry = entry
        default = zone_named(entry.timezone) if entry is not None and entry.timezone else None
        programme._settle_zone(zone, data, default)
        return programme

    def _settle_zone(self, given: tzinfo | None, data: bytes, default: tzinfo | None) -> None:
        """Remember the zone given, or read the programme in the zone remembered for it,
        else in ``default`` (its catalogue entry's)."""
        conference = self.schedule.conference
        if given is not None:
            named = getattr(given, "key", str(given))
            if conference.timezone != named:
                raise OpenError(
                    f"--zone: the programme names its own zone, {conference.timezone}. "
                    "--zone is for programmes that name none."
                )
            if self.store.setting(ZONE_SETTING) != named:
                with suppress(StoreError):
                    self.store.set_setting(ZONE_SETTING, named)
            return
        if conference.zone_source is ZoneSource.NAMED:
            return
        if kept := self.store.setting(ZONE_SETTING):
            try:
                self.read_zone = zone_named(kept)
            except ValueError as error:
                self.store.drop_setting(ZONE_SETTING, str(error).rstrip("."))
                return
        elif default is not None:
            self.read_zone = default
            self.zone_from_entry = True
        else:
            return
        self.version = self._read(self.version, data, self._unsaved)

    # Reading

    @property
    def reopen_as(self) -> str | None:
        """What opens the programme again: its address or file, BUILTIN for the built-in
        one, None for one given already read."""
        if not self.source:
            return None
        if self.fixed:
            return BUILTIN
        return self.address or str(self.path.resolve())

    @property
    def schedule(self) -> Schedule:
        return self.version.schedule

    @property
    def plan(self) -> Plan:
        """The user's plan over the current version."""
        if self._plan is None or self._plan.schedule is not self.schedule:
            self._plan = Plan(self.schedule, self.store)
        return self._plan

    @property
    def offline(self) -> str:
        """Why the programme is a kept copy used without its address confirming it."""
        return self.version.offline

    @property
    def changes(self) -> tuple[Change, ...]:
        """What changed since the version seen, the user's sessions first."""
        version = self.version
        if self._changes is None or self._changes[0] is not version:
            self._changes = (version, self._compare(version, self._unsaved))
        return self._changes[1]

    def noticed_changes(self, now: datetime) -> tuple[Change, ...]:
        """The changes the user asked to be told of (see `notices`)."""
        return noticed(self.changes, self.notices, self.plan.levels, now)

    @property
    def notices(self) -> Notices:
        return Notices.named(self.store.setting(NOTICES_SETTING))

    def set_notices(self, notices: Notices) -> None:
        """Keep which changes to tell of, for this programme; raises StoreError."""
        self.store.set_setting(NOTICES_SETTING, "" if notices is Notices.ALL else notices.value)

    # Changing

    def reload(self, cancel: threading.Event | None = None) -> Version:
        """The programme read again (asked of its address first), without making it
        current; safe in a thread, where the comparison with the version seen is made
        too, ready for `take`. Setting ``cancel`` ends the fetch at once. Raises
        ScheduleError or RemoteError."""
        if self.address:
            from hldtui.sources.remote import Limits

            limits = Limits.from_environment(cancel)
            version = _from_address(self.address, self.read_zone, False, None, None, limits)[1]
        else:
            version = self._read(self.version, read_bytes(self.path))
        self._changes = (version, self._compare(version, None))
        return version

    def take(self, version: Version) -> bool:
        """Make ``version`` current; whether its programme differs from the one before.
        An unchanged programme keeps its schedule, so that the plan over it stays too."""
        before = self.schedule
        schedule = version.schedule
        changed = schedule.sessions != before.sessions or schedule.conference != before.conference
        self.version = version if changed else replace(version, schedule=before)
        if schedule.conference.id != before.conference.id:
            self.store = FavouritesStore(data_dir(), schedule.conference.id)
        return changed

    def mark_seen(self) -> None:
        """Take the current version as the one seen; raises OSError, also when its file
        has changed since it was read."""
        data = self._bytes_of(self.version)
        if data is None:
            raise OSError(f"{self.path} has changed since it was read: refresh it (u) first")
        self._seen.mark_seen(self.source, data)
        self._changes = (self.version, ())

    def keep_parsed(self) -> None:
        """Keep the parsed copies made while opening, for a quicker next start. The app
        does this once it is on screen; the commands, when they are done."""
        unsaved, self._unsaved = self._unsaved or [], None
        for cache, key, schedule in unsaved:
            cache.put(key, schedule)

    # Helpers

    def _read(self, version: Version, data: bytes, unsaved: Unsaved | None = None) -> Version:
        cache = _address_cache(self.address) if self.address else _file_cache(self.path, data)
        read = _version_of(data, self.path, self.read_zone, cache, unsaved)
        return replace(version, schedule=read.schedule, digest=read.digest)

    def _bytes_of(self, version: Version) -> bytes | None:
        """The bytes ``version`` was read from, read again from its file (the programme's
        own, or the copy kept of its address), or None if the file no longer holds them."""
        try:
            data = read_bytes(self.path)
        except ScheduleError:
            return None
        return data if digest_of(data) == version.digest else None

    def _compare(self, version: Version, unsaved: Unsaved | None) -> tuple[Change, ...]:
        if not self.source or self._seen.digest(self.source) == version.digest:
            return ()
        seen = self._seen.get(self.source)
        if self._seen.damaged:
            self.store.warn(
                f"The version of the programme last seen is lost: {self._seen.damaged}."
            )
            self._seen.damaged = ""
            if (data := self._bytes_of(version)) is not None:
                with suppress(OSError):
                    self._seen.mark_seen(self.source, data)
        if seen is None or digest_of(seen) == version.digest:
            return ()
        zone = self.read_zone
        try:
            before = _version_of(seen, self.path, zone, self._seen.parsed(self.source), unsaved)
        except ScheduleError:
            return ()
        return mine_first(compare(before.schedule, version.schedule), self.plan.levels)


def refresh_seconds(programme: Programme, minutes: int | None) -> float:
    """How often to ask the programme's address for a new version: every ``minutes``
    (0 never), or for None its catalogue entry's interval, else every REFRESH_MINUTES."""
    if not programme.address:
        return 0.0
    if minutes is not None:
        return 60.0 * max(0, minutes)
    entry = programme.entry
    return (
        float(entry.refresh_interval)
        if entry and entry.refresh_interval
        else 60.0 * REFRESH_MINUTES
    )


def remember(programme: Programme) -> None:
    """Put the programme first among those opened, to be reopened at the next start."""
    source = programme.reopen_as
    if source is None:
        return
    from hldtui.library import Library

    title = programme.schedule.conference.title
    with suppress(OSError):
        Library().remember(source, title, programme.entry)


def _from_address(
    address: str,
    zone: tzinfo | None,
    offline: bool,
    progress: Progress | None,
    unsaved: Unsaved | None,
    limits: Limits | None = None,
) -> tuple[Path, Version, bytes]:
    """The kept copy of an address (fetched or confirmed first, unless ``offline``), the
    version read from it, and its bytes."""
    from hldtui.sources.remote import PROGRAMME_FILE, ProgrammeCache, open_address

    name = ProgrammeCache().folder(address) / PROGRAMME_FILE
    parsed = _address_cache(address)
    opened = open_address(
        address,
        lambda data: _version_of(data, name, zone, parsed, unsaved),
        offline=offline,
        progress=progress,
        limits=limits,
    )
    copy = opened.copy
    data = opened.data or read_bytes(copy.path)
    version = opened.checked if isinstance(opened.checked, Version) else None
    if version is None:
        version = _version_of(data, copy.path, zone, parsed, unsaved)
    fetched_at = datetime.fromisoformat(copy.fetched_at) if copy.fetched_at else None
    version = replace(
        version, offline=opened.offline_reason, fetched_at=fetched_at, note=opened.note
    )
    return copy.path, version, data


def _address_cache(address: str) -> ParsedCache:
    """Where an address's programme is kept parsed: beside its kept copy."""
    from hldtui.sources.remote import ProgrammeCache

    return ParsedCache(ProgrammeCache().folder(address) / "parsed.json")


def _file_cache(path: Path, data: bytes, *, builtin: bool = False) -> ParsedCache | None:
    """Where a large local file is kept parsed; small ones read as fast as the cache. The
    built-in programme is always kept: reading it needs the YAML loader, which takes
    longer to import than its parsed copy takes to read."""
    if len(data) < LARGE_FILE and not builtin:
        return None
    name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    return ParsedCache(cache_dir() / "parsed" / f"{name}.json")


def _version_of(
    data: bytes,
    name: Path,
    zone: tzinfo | None,
    cache: ParsedCache | None,
    unsaved: Unsaved | None = None,
) -> Version:
    """The programme in ``data``, from its parsed copy where one is kept. A new parsed copy
    is kept at once, or, given ``unsaved``, put there to be kept later (`keep_parsed`)."""
    digest = digest_of(data)
    revised = last_modified(name) or datetime.now(UTC).replace(microsecond=0)
    if cache is None:
        return Version(parse_schedule(data, name, zone, revised=revised), digest)
    key = entry_key(digest, zone)
    kept = cache.get(key)
    if kept is not None:
        # A field that takes no part in equality, set on the copy just made.
        object.__setattr__(kept, "revised", revised)
        return Version(kept, digest)
    schedule = parse_schedule(data, name, zone, revised=revised)
    if unsaved is None:
        cache.put(key, schedule)
    else:
        unsaved.append((cache, key, schedule))
    return Version(schedule, digest)

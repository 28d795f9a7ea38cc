"""A catalogue of conferences in Giggity's menu format, and where to find a venue's rooms.

The catalogue is `{"version": N, "schedules": [entry, …]}`; each entry names a programme's
address, title, first and last day, and may give its time zone, how often to refresh it,
and metadata: links (website, maps, PDFs) and rooms with coordinates or an indoor
navigation page. It comes from an address (kept, and asked again at most once a day) or
a file, and is untrusted like any programme: its size and its number of entries are
bounded, every field is checked, and an entry with a field that cannot be used is left
out, or that field dropped, with a note naming the field.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from hldtui.sources.errors import is_address
from hldtui.text import one_line, web_address

MAX_CATALOGUE_BYTES = 8 * 1024 * 1024
MAX_ENTRIES = 5_000
MAX_LINKS = 100
MAX_ROOMS = 2_000
MAX_PATTERN = 300
MAX_SPAN_DAYS = 366
MIN_REFRESH, MAX_REFRESH = 300, 604_800
"""Seconds between asking a programme's address again, as Giggity's schema allows."""
FRESH_FOR = timedelta(days=1)
"""A catalogue fetched within this time is used without asking its address again."""
MATCH_SECONDS = 0.05
"""How long the rooms' patterns may take, in all, to find one room name's place."""
CATALOGUE_SETTING = "catalogue"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_SLUG = re.compile(r"[A-Za-z0-9._-]{1,100}")
_Item = TypeVar("_Item")


def is_entry_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


def find_entry(source: str, entry_id: str) -> Entry:
    """The entry of that id, from the kept copy of the catalogue where it has it, else
    from the catalogue asked again. Raises CatalogueError."""
    catalogue = load_catalogue(source, refresh=False)
    entry = catalogue.get(entry_id)
    if entry is None and is_address(source):
        entry = load_catalogue(source).get(entry_id)
    if entry is None:
        raise CatalogueError(
            source, f"it has no entry `{entry_id}` (hldtui catalogue lists its entries)."
        )
    return entry


class CatalogueError(Exception):
    """A catalogue that cannot be read at all; ``where`` names the file or address and
    the field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    type: str = ""
    """A MIME type (a map image, a PDF), where the catalogue gives one."""


@dataclass(frozen=True)
class RoomPlace:
    """Where a room is: its name as a pattern the whole room name matches, and its
    coordinates or navigation page."""

    pattern: str
    show_name: str = ""
    latlon: tuple[float, float] | None = None
    nav_url: str = ""

    @property
    def geo(self) -> str:
        return f"geo:{self.latlon[0]:.6f},{self.latlon[1]:.6f}" if self.latlon else ""


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    start: date
    end: date
    timezone: str = ""
    refresh_interval: int = 0
    """Seconds; 0 when the catalogue gives none."""
    links: tuple[Link, ...] = ()
    rooms: tuple[RoomPlace, ...] = ()

    def record(self) -> dict[str, object]:
        """The entry as the catalogue writes it (a room's navigation page as `nav_url`),
        to be read back by `read_entry`."""
        rooms = [
            {"name": r.pattern}
            | ({"show_name": r.show_name} if r.show_name else {})
            | ({"latlon": list(r.latlon)} if r.latlon else {})
            | ({"nav_url": r.nav_url} if r.nav_url else {})
            for r in self.rooms
        ]
        links = [
            {"url": link.url, "title": link.title} | ({"type": link.type} if link.type else {})
            for link in self.links
        ]
        return (
            {
                "id": self.id,
                "url": self.url,
                "title": self.title,
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
            }
            | ({"timezone": self.timezone} if self.timezone else {})
            | ({"refresh_interval": self.refresh_interval} if self.refresh_interval else {})
            | {"metadata": {"links": links, "rooms": rooms}}
        )

    def when(self, today: date) -> int:
        """0 running, 1 to come, 2 over: the catalogue's order."""
        return 0 if self.start <= today <= self.end else 1 if today < self.start else 2

    def words(self) -> str:
        return f"{self.id} {self.title} {self.start:%Y}".casefold()

    def room_place(self, room: str) -> RoomPlace | None:
        """The first place whose pattern matches the whole room name. A pattern that is
        not a regular expression, or takes too long, matches nothing."""
        import time

        import regex

        deadline = time.monotonic() + MATCH_SECONDS
        for place in self.rooms:
            if place.pattern == room:
                return place
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                if regex.fullmatch(place.pattern, room, timeout=left):
                    return place
            except (regex.error, TimeoutError, RecursionError, ValueError):
                continue
        return None

    def venue_links(self, room: str | None) -> tuple[Link, ...]:
        """Where a room is: its navigation page, then its coordinates (a geo: link)."""
        place = self.room_place(room) if room else None
        if place is None:
            return ()
        links = [Link(place.nav_url, "Indoor map")] if place.nav_url else []
        if place.geo:
            links.append(Link(place.geo, "Location (geo:)"))
        return tuple(links)


@dataclass(frozen=True)
class Catalogue:
    source: str
    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()
    """What was left out, each naming the entry and the field."""
    note: str = ""
    """Why a kept copy was used without its address confirming it ('' when current)."""

    def get(self, entry_id: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def for_address(self, address: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.url == address), None)

    def listing(self, today: date, words: Sequence[str] = ()) -> list[Entry]:
        """Running and coming conferences first (soonest first), then those over (latest
        first); with words, only entries each word is in."""
        folded = [word.casefold() for word in words]
        chosen = [e for e in self.entries if all(w in e.words() for w in folded)]
        return sorted(
            chosen,
            key=lambda e: (
                e.when(today),
                -e.end.toordinal() if e.when(today) == 2 else e.start.toordinal(),
                e.title.casefold(),
            ),
        )


def read_catalogue(data: bytes, source: str) -> Catalogue:
    """The catalogue in ``data`` (read from ``source``); raises CatalogueError."""
    if len(data) > MAX_CATALOGUE_BYTES:
        raise CatalogueError(
            source, f"it is larger than {MAX_CATALOGUE_BYTES // 2**20} MB, more than a catalogue."
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogueError(source, "it is not UTF-8 text.") from None
    except RecursionError:
        raise CatalogueError(source, "it nests too deeply to be a catalogue.") from None
    except ValueError as error:
        raise CatalogueError(source, f"it is not JSON ({one_line(str(error), 80)}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("schedules"), list):
        raise CatalogueError(
            source, 'it is not a catalogue: one is {"version": …, "schedules": […]}.'
        )
    schedules = document["schedules"]
    if len(schedules) > MAX_ENTRIES:
        raise CatalogueError(
            f"{source}: schedules",
            f"it lists {len(schedules):,} entries; a catalogue has at most {MAX_ENTRIES:,}.",
        )
    reader = _Reader()
    entries: list[Entry] = []
    seen: set[str] = set()
    for place, raw in enumerate(schedules):
        entry = reader.entry(raw, f"schedules[{place}]")
        if entry is None:
            continue
        if entry.id in seen:
            reader.problems.append(f"schedules[{place}].id: `{entry.id}` is given twice.")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return Catalogue(source, tuple(entries), tuple(reader.problems))


def read_entry(raw: object, where: str) -> Entry | None:
    """One entry as `Entry.record` wrote it, checked as the catalogue's are; None if it
    cannot be used."""
    return _Reader().entry(raw, where)


class _Skip(Exception):
    def __init__(self, where: str, message: str) -> None:
        self.text = f"{where}: {message}"


@dataclass
class _Reader:
    problems: list[str] = field(default_factory=list)

    def entry(self, raw: object, where: str) -> Entry | None:
        try:
            if not isinstance(raw, dict):
                raise _Skip(where, "an entry is an object.")
            entry_id = self.text(raw, "id", where, 100)
            if not _ID.fullmatch(entry_id):
                raise _Skip(f"{where}.id", f"`{one_line(entry_id, 40)}` is not an id.")
            url = self.text(raw, "url", where, 2_000)
            if not is_address(url) or not url.isprintable() or " " in url:
                raise _Skip(f"{where}.url", f"`{one_line(url, 60)}` is not a web address.")
            title = one_line(self.text(raw, "title", where, 1_000), 200)
            start, end = self.day(raw, "start", where), self.day(raw, "end", where)
            if end < start:
                raise _Skip(f"{where}.end", f"{end} is before the start, {start}.")
            if (end - start).days > MAX_SPAN_DAYS:
                raise _Skip(f"{where}.end", f"{end} is more than a year after the start.")
        except _Skip as skip:
            self.problems.append(f"{skip.text} The entry is left out.")
            return None
        return Entry(
            entry_id,
            url,
            title or entry_id,
            start,
            end,
            self.zone(raw, where),
            self.refresh(raw, where),
            *self.metadata(raw.get("metadata"), f"{where}.metadata"),
        )

    def text(self, raw: dict[str, object], key: str, where: str, limit: int) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _Skip(f"{where}.{key}", "it is missing or not text.")
        if len(value) > limit:
            raise _Skip(f"{where}.{key}", f"it is longer than {limit:,} characters.")
        return value.strip()

    def day(self, raw: dict[str, object], key: str, where: str) -> date:
        text = self.text(raw, key, where, 10)
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            raise _Skip(f"{where}.{key}", f"`{text}` is not a date (YYYY-MM-DD).") from None

    def zone(self, raw: dict[str, object], where: str) -> str:
        from hldtui.timezones import zone_named

        value = raw.get("timezone")
        if value is None:
            return ""
        if isinstance(value, str) and len(value) <= 64:
            try:
                zone_named(value)
            except ValueError:
                pass
            else:
                return value.strip()
        self.drop(f"{where}.timezone", f"`{one_line(str(value), 40)}` is not an IANA time zone.")
        return ""

    def refresh(self, raw: dict[str, object], where: str) -> int:
        value = raw.get("refresh_interval")
        if value is None:
            return 0
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and MIN_REFRESH <= value <= MAX_REFRESH
        ):
            return value
        self.drop(
            f"{where}.refresh_interval",
            f"`{one_line(str(value), 20)}` is not {MIN_REFRESH}–{MAX_REFRESH:,} seconds.",
        )
        return 0

    def metadata(self, raw: object, where: str) -> tuple[tuple[Link, ...], tuple[RoomPlace, ...]]:
        if raw is None:
            return (), ()
        if not isinstance(raw, dict):
            self.drop(where, "it is not an object.")
            return (), ()
        links = self.items(raw, "links", where, MAX_LINKS, self.link)
        base = raw.get("c3nav_base")
        nav_base = web_address(base) if isinstance(base, str) else ""
        if base is not None and not nav_base:
            self.drop(f"{where}.c3nav_base", "it is not an http or https address.")
        rooms = self.items(raw, "rooms", where, MAX_ROOMS, lambda r, w: self.room(r, w, nav_base))
        return tuple(links), tuple(rooms)

    def items(
        self,
        raw: dict[str, object],
        key: str,
        where: str,
        most: int,
        read: Callable[[object, str], _Item],
    ) -> list[_Item]:
        values = raw.get(key)
        if values is None:
            return []
        if not isinstance(values, list) or len(values) > most:
            self.drop(f"{where}.{key}", f"it is not a list of at most {most:,}.")
            return []
        found: list[_Item] = []
        for place, value in enumerate(values):
            try:
                found.append(read(value, f"{where}.{key}[{place}]"))
            except _Skip as skip:
                self.problems.append(f"{skip.text} It is left out.")
        return found

    def link(self, raw: object, where: str) -> Link:
        if not isinstance(raw, dict):
            raise _Skip(where, "a link is an object.")
        url = web_address(raw.get("url") if isinstance(raw.get("url"), str) else "")
        if not url:
            raise _Skip(f"{where}.url", "it is not an http or https address.")
        title = raw.get("title")
        kind = raw.get("type")
        return Link(
            url,
            one_line(title, 200) if isinstance(title, str) and title.strip() else url,
            one_line(kind, 80) if isinstance(kind, str) else "",
        )

    def room(self, raw: object, where: str, nav_base: str) -> RoomPlace:
        if not isinstance(raw, dict):
            raise _Skip(where, "a room is an object.")
        pattern = raw.get("name")
        if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_PATTERN:
            raise _Skip(f"{where}.name", f"it is not a room name of 1–{MAX_PATTERN} characters.")
        latlon = raw.get("latlon")
        coordinates: tuple[float, float] | None = None
        if latlon is not None:
            coordinates = _coordinates(latlon)
            if coordinates is None:
                raise _Skip(f"{where}.latlon", "it is not [latitude, longitude].")
        nav_url = ""
        slug = raw.get("c3nav_slug")
        if isinstance(slug, str) and _SLUG.fullmatch(slug) and nav_base:
            nav_url = f"{nav_base.rstrip('/')}/l/{slug}/"
        elif slug is not None:
            raise _Skip(f"{where}.c3nav_slug", "it is not a slug, or there is no c3nav_base.")
        given = raw.get("nav_url")
        if isinstance(given, str) and not nav_url:
            nav_url = web_address(given)
            if not nav_url:
                raise _Skip(f"{where}.nav_url", "it is not an http or https address.")
        show = raw.get("show_name")
        return RoomPlace(
            pattern, one_line(show, 200) if isinstance(show, str) else "", coordinates, nav_url
        )

    def drop(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message} It is left out.")


def _coordinates(value: object) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def load_catalogue(
    source: str,
    *,
    now: datetime | None = None,
    refresh: bool = True,
    offline: bool = False,
    cancel: threading.Event | None = None,
) -> Catalogue:
    """The catalogue at ``source``: a file, or an address whose kept copy is used as it
    is for a day (or, without ``refresh``, for as long as there is one), then asked again
    with its validators. A failed fetch falls back to the kept copy (with `note` saying
    why). ``offline`` forbids the network; setting ``cancel`` ends a fetch. Raises
    CatalogueError."""
    if not is_address(source):
        from hldtui.sources import ScheduleError
        from hldtui.sources.files import read_bytes

        try:
            data = read_bytes(Path(source).expanduser())
        except ScheduleError as error:
            raise CatalogueError(source, error.message) from None
        return read_catalogue(data, source)
    from hldtui.sources.errors import RemoteError
    from hldtui.sources.remote import Limits, ProgrammeCache, cache_dir, open_address

    cache = ProgrammeCache(cache_dir().with_name("catalogues"))
    kept = cache.read(source)
    moment = now or datetime.now(UTC)
    fresh = kept is not None and not refresh
    if offline and kept is None:
        raise CatalogueError(source, "no copy of it is kept yet.")
    if kept is not None and kept.fetched_at:
        fresh = fresh or moment - datetime.fromisoformat(kept.fetched_at) < FRESH_FOR
    try:
        opened = open_address(
            source,
            lambda data: read_catalogue(data, source),
            cache=cache,
            offline=fresh or offline,
            limits=Limits.from_environment(cancel, max_bytes=MAX_CATALOGUE_BYTES),
            what="catalogue",
        )
    except RemoteError as error:
        raise CatalogueError(source, error.message) from None
    if isinstance(opened.checked, Catalogue):
        catalogue = opened.checked
    else:
        from hldtui.sources import ScheduleError
        from hldtui.sources.files import read_bytes

        try:
            catalogue = read_catalogue(read_bytes(opened.copy.path), source)
        except ScheduleError as error:
            raise CatalogueError(source, error.message) from None
    reason = "" if fresh or offline else opened.offline_reason
    note = f"the catalogue was not refreshed ({reason}); its kept copy is used." if reason else ""
    return Catalogue(catalogue.source, catalogue.entries, catalogue.problems, note)

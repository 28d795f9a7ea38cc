"""The programmes a user has: those opened before, most recent first (the first is the one
the app reopens), and where the catalogue of others comes from. Kept in one small file in
the data folder; a damaged file is set aside and the list starts again, since everything
in it can be opened again."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from hldtui.store import data_dir, write_atomically
from hldtui.text import one_line

if TYPE_CHECKING:
    from hldtui.catalogue import Catalogue, Entry
    from hldtui.sources.remote import ProgrammeCache

LIBRARY_FILE = "programmes.json"
MAX_RECENT = 30
MAX_LIBRARY_BYTES = 1024 * 1024
BUILTIN = ""
"""The source of the built-in programme."""


@dataclass(frozen=True)
class Recent:
    """A programme opened before: its file or address ('' for the built-in one), its
    title then, when it was opened, and the catalogue entry it was opened from."""

    source: str
    title: str
    opened_at: datetime
    entry: Entry | None = None


class Library:
    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or data_dir()) / LIBRARY_FILE
        self.note = ""
        """What was wrong with the file, set aside ('' when nothing was)."""
        self._document = self._read()

    @property
    def catalogue(self) -> str:
        """Where the catalogue comes from (an address or a file), '' for none."""
        value = self._document.get("catalogue", "")
        return value if isinstance(value, str) else ""

    def set_catalogue(self, source: str) -> None:
        """Keep where the catalogue comes from; raises OSError."""
        self._document["catalogue"] = source
        self._write()

    @property
    def recent(self) -> list[Recent]:
        found: list[Recent] = []
        records = self._document.get("recent", [])
        for place, record in enumerate(records if isinstance(records, list) else []):
            recent = _recent(record, f"recent[{place}]")
            if recent is not None and all(r.source != recent.source for r in found):
                found.append(recent)
        return found[:MAX_RECENT]

    @property
    def last(self) -> Recent | None:
        recent = self.recent
        return recent[0] if recent else None

    def remember(self, source: str, title: str, entry: Entry | None = None) -> None:
        """Put a programme first, as the one opened now; raises OSError."""
        record: dict[str, object] = {
            "source": source,
            "title": one_line(title, 200),
            "opened_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }
        if entry is not None:
            record["entry"] = entry.record()
        kept = self._document.get("recent")
        others = [
            r
            for r in (kept if isinstance(kept, list) else [])
            if isinstance(r, dict) and r.get("source") != source
        ]
        self._document["recent"] = [record, *others][:MAX_RECENT]
        self._write()

    def _read(self) -> dict[str, object]:
        try:
            with self.path.open("rb") as handle:
                data = handle.read(MAX_LIBRARY_BYTES + 1)
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.note = f"{self.path} cannot be read ({error.strerror}): no programmes are listed."
            return {}
        try:
            document = json.loads(data) if len(data) <= MAX_LIBRARY_BYTES else None
        except (ValueError, RecursionError):
            document = None
        if isinstance(document, dict):
            return document
        aside = self.path.with_name(f"{LIBRARY_FILE}.damaged")
        try:
            os.replace(self.path, aside)
        except OSError:
            self.note = f"{self.path} is damaged and could not be moved aside."
        else:
            self.note = (
                f"{self.path} was damaged; it was moved to {aside}, and the list begins again."
            )
        return {}

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self._document, ensure_ascii=False, indent=1).encode()
        write_atomically(self.path, data)


def _recent(record: object, where: str) -> Recent | None:
    if not isinstance(record, dict):
        return None
    source, title, opened = (record.get(key) for key in ("source", "title", "opened_at"))
    if not isinstance(source, str) or len(source) > 4096 or not source.isprintable():
        return None
    try:
        moment = datetime.fromisoformat(opened) if isinstance(opened, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return None
    entry = None
    if "entry" in record:
        # Only now: a start from a programme of no catalogue needs none of it.
        from hldtui.catalogue import read_entry

        entry = read_entry(record["entry"], where)
    shown = one_line(title, 200) if isinstance(title, str) else ""
    return Recent(source, shown or source or "Built-in programme", moment, entry)


Choice: TypeAlias = "tuple[str | None, Entry | None]"
"""What opens a programme: its file or address (None for the built-in one), or its
catalogue entry."""


def programme_choices(
    library: Library, catalogue: Catalogue | None, now: datetime, current: str | None
) -> list[tuple[str, Choice]]:
    """The Programmes picker's entries: the built-in programme, those opened before (most
    recent first, with when each was last updated), then the catalogue's (running and
    coming first). The one shown now is marked."""
    from hldtui.sources.remote import ProgrammeCache

    cache = ProgrammeCache()
    shown_now = " (shown now)"
    listed: set[str] = set()
    found: list[tuple[str, Choice]] = []
    builtin = next((r for r in library.recent if r.source == BUILTIN), None)
    for recent in library.recent:
        listed.add(recent.source)
        mark = shown_now if recent.source == current else ""
        if recent.source == BUILTIN:
            found.append((f"Built-in: {recent.title}{mark}", (None, None)))
            continue
        updated = _updated(recent.source, cache)
        label = f"{recent.title}{mark}\n  {one_line(recent.source, 100)}"
        if updated:
            label += f" · updated {updated:%Y-%m-%d %H:%M}"
        found.append((label, (recent.source, recent.entry)))
    if builtin is None:
        mark = shown_now if current == BUILTIN else ""
        found.insert(0, (f"Built-in: the 2013 High-level Dialogue{mark}", (None, None)))
    if catalogue is not None:
        today = now.date()
        states = ("running", "coming", "over")
        for entry in catalogue.listing(today):
            if entry.url in listed:
                continue
            zone = f" · {entry.timezone}" if entry.timezone else ""
            label = (
                f"{entry.title}\n  from the catalogue: {entry.start} to {entry.end}, "
                f"{states[entry.when(today)]}{zone}"
            )
            found.append((label, (None, entry)))
    return found


def _updated(source: str, cache: ProgrammeCache) -> datetime | None:
    """When a programme was last fetched (an address) or changed (a file)."""
    from hldtui.sources.errors import is_address

    if is_address(source):
        copy = cache.read(source)
        if copy is None or not copy.fetched_at:
            return None
        return datetime.fromisoformat(copy.fetched_at).astimezone()
    try:
        return datetime.fromtimestamp(Path(source).stat().st_mtime).astimezone()
    except (OSError, ValueError):
        return None

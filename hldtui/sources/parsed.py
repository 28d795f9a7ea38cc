"""A programme kept as parsed, so that opening it again skips the reading of its format.

An entry is lines of JSON: a header with its key, then every model dataclass as the list
of its fields' values, in field order, each read back by the field's declared type; the
sessions come a few hundred to a line, so that reading holds one line's JSON at a time,
never the whole entry's. It is keyed by the hash of the programme's
bytes, the zone it was read in, hldtui's version, a digest of the loaders' code and the
codec's version, and read through the same types, so a damaged, stale or foreign entry
is found out, ignored and made anew: never trusted. One entry is kept for each place it
is asked for (an address's folder, a large local file's), so the cache does not grow with
each version.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import threading
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hldtui import __version__, model
from hldtui.bounds import MAX_FILE_BYTES
from hldtui.model import FLOATING, Conference, Paper, Schedule, Session, Source
from hldtui.store import write_atomically

CODEC = 5
"""Raised whenever the model's fields or their encoding change."""
LARGE_FILE = 256 * 1024
"""Local programmes at least this size are kept parsed; smaller ones read as fast."""
MAX_ENTRY_BYTES = 4 * MAX_FILE_BYTES
"""An entry larger than this is not read: no programme makes one."""


class Unreadable(Exception):
    """An entry (or a value in it) that is not what the model's types say."""


def entry_key(digest: str, zone: tzinfo | None) -> str:
    """What an entry must say it was made from: the bytes (by their digest), the zone and
    the code."""
    return f"{digest}:{_zone_token(zone)}:{__version__}:{_readers()}:{CODEC}"


@cache
def _readers() -> str:
    """A digest of the code that turns a file into the model, so an entry made by other
    loaders (of an earlier build of the same version) is made anew."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), package.parent / "model.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def digest_of(data: bytes) -> str:
    """The SHA-256 of ``data``, which names a programme's bytes."""
    return hashlib.sha256(data).hexdigest()


class ParsedCache:
    """The parsed programme kept in one file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str) -> Schedule | None:
        """The schedule kept under ``key``, or None when there is none, or it is damaged,
        stale or foreign."""
        # Collection finds nothing to free among objects being made, yet would run dozens
        # of times while the model is made: it waits until the end.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.path.open("rb") as handle:
                if os.fstat(handle.fileno()).st_size > MAX_ENTRY_BYTES:
                    return None
                header = json.loads(handle.readline())
                if not isinstance(header, dict) or header.get("key") != key:
                    return None
                return decode(handle)
        except (OSError, ValueError, Unreadable, RecursionError):
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, key: str, schedule: Schedule) -> None:
        """Keep ``schedule``; a model that cannot be written (an unnamed zone) is not kept,
        and a folder that cannot be written is left alone."""
        try:
            lines = [_json({"key": key}), *encode(schedule)]
        except Unreadable:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, "\n".join(lines).encode("utf-8") + b"\n", private=True)
        except OSError:
            return


SHARED = (Source, Paper)
"""Values that repeat across sessions (the file's own source, a paper several sessions
cite): written once in a table, and referred to by their place in it."""
_table: list[Any] = []
"""The table of the entry being written or read; `_turn` lets one entry at a time use it."""
_turn = threading.Lock()


_REVISED = datetime | None
"""The type of `Schedule.revised`."""
SESSIONS_A_LINE = 250
"""Sessions are written this many to a line, and read a line at a time: reading never
holds more than one line's worth of JSON beside the programme being made."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode(schedule: Schedule) -> list[str]:
    """An entry's lines of JSON: the shared values, [the conference, when it was revised],
    then the sessions, `SESSIONS_A_LINE` to a line."""
    with _turn:
        _places.clear()
        _table.clear()
        try:
            write = _encoder(Session)
            sessions = schedule.sessions
            lines = [
                _json([write(session) for session in sessions[first : first + SESSIONS_A_LINE]])
                for first in range(0, len(sessions), SESSIONS_A_LINE)
            ]
            head = [_encoder(Conference)(schedule.conference), _encoder(_REVISED)(schedule.revised)]
            # The table is complete once every session is written, and is read first.
            return [_json(_table), _json(head), *lines]
        finally:
            _places.clear()
            _table.clear()


def decode(lines: Iterable[str | bytes]) -> Schedule:
    """A schedule from an entry's lines, read one at a time; raises Unreadable for anything
    else."""
    with _turn:
        _table.clear()
        try:
            parts = map(json.loads, lines)
            shared = next(parts)
            if type(shared) is not list:
                raise Unreadable("no table of shared values")
            kinds = {cls.__name__: cls for cls in SHARED}
            for name, fields in shared:
                _table.append(_decoder(kinds[name])(fields))
            conference, revised = next(parts)
            read = _decoder(Session)
            sessions: list[Session] = []
            for written in parts:
                if type(written) is not list:
                    raise Unreadable("a line of sessions that is not a list")
                sessions += map(read, written)
            made = object.__new__(Schedule)
            # As the dataclass would, without its frozen __setattr__; the sessions were
            # written in order, so they need no sorting again.
            made.__dict__.update(
                conference=_decoder(Conference)(conference),
                sessions=tuple(sessions),
                revised=_decoder(_REVISED)(revised),
            )
            return made
        except (
            TypeError,
            ValueError,
            KeyError,
            IndexError,
            AttributeError,
            OverflowError,
            StopIteration,
        ) as error:
            raise Unreadable(str(error) or type(error).__name__) from None
        finally:
            _table.clear()
            _moments.clear()


_places: dict[Any, int] = {}
"""Where each shared value written so far is in the table."""


# Zones: named, fixed, floating or none, written as short tokens.


def _zone_token(zone: tzinfo | None) -> str:
    if zone is None:
        return "-"
    if zone is FLOATING:
        return "~"
    if isinstance(zone, ZoneInfo):
        if zone.key is None:
            raise Unreadable("a zone with no name")
        return zone.key
    if isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        return f"{int(offset.total_seconds())}|{zone.tzname(None)}"
    raise Unreadable(f"a zone hldtui cannot name ({type(zone).__name__})")


@cache
def _zone_of(token: str) -> tzinfo | None:
    if token == "-":
        return None
    if token == "~":
        return FLOATING
    if "|" in token:
        seconds, name = token.split("|", 1)
        return timezone(timedelta(seconds=int(seconds)), name)
    try:
        return ZoneInfo(token)
    except (ValueError, OSError) as error:
        raise Unreadable(f"unknown zone {token!r}") from error


def _encode_datetime(moment: datetime) -> list[str]:
    return [moment.replace(tzinfo=None).isoformat(), _zone_token(moment.tzinfo)]


_moments: dict[tuple[str, str], datetime] = {}
"""The times read so far from the entry being read."""


def _moment(wall: str, token: str) -> datetime:
    if type(wall) is not str or type(token) is not str:
        raise Unreadable("a time that is not text")
    made = _moments[wall, token] = datetime.fromisoformat(wall).replace(tzinfo=_zone_of(token))
    return made


def _decode_datetime(value: Any) -> datetime:
    wall, token = value
    if type(wall) is not str or type(token) is not str:
        raise Unreadable("a time that is not text")
    return datetime.fromisoformat(wall).replace(tzinfo=_zone_of(token))


# Every other type by the model's annotations.

_MODEL_NAMESPACE = vars(model)


def _hints(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls, _MODEL_NAMESPACE)
    return [(field.name, hints[field.name]) for field in dataclasses.fields(cls)]


@cache
def _encoder(kind: Any) -> Callable[[Any], Any]:
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        parts = [(name, _encoder(hint)) for name, hint in _hints(kind)]  # type: ignore[arg-type]

        def write(value: Any) -> Any:
            return [encode_part(getattr(value, name)) for name, encode_part in parts]

        if kind not in SHARED:
            return write

        def write_shared(value: Any) -> int:
            place = _places.get(value)
            if place is None:
                place = _places[value] = len(_table)
                _table.append([kind.__name__, write(value)])
            return place

        return write_shared
    if origin in (types.UnionType, typing.Union):
        options = [_encoder(option) for option in arguments if option is not type(None)]
        (only,) = options
        return lambda value: None if value is None else only(value)
    if origin in (tuple, frozenset):
        item = _encoder(arguments[0])
        if origin is frozenset:
            # Sorted, so that the same set is always written the same way.
            return lambda value: sorted(item(element) for element in value)
        return lambda value: [item(element) for element in value]
    if kind is datetime:
        return _encode_datetime
    if kind in (date, time):
        return lambda value: value.isoformat()
    if isinstance(kind, type) and issubclass(kind, Enum):
        return lambda value: value.value
    if kind in (str, bool, int):
        return lambda value: value
    raise TypeError(f"no encoding for {kind!r}")


def _checked(expected: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not expected:
            raise Unreadable(f"{value!r:.40} is not {expected.__name__}")
        return value

    return check


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise Unreadable("a list of text was expected")
    if not value:
        return ()
    if any(type(item) is not str for item in value):
        raise Unreadable("a list of text was expected")
    return tuple(value)


_PLAIN = (str, bool, int)


def _field_reader(index: int, hint: Any, helpers: dict[str, Any]) -> list[str]:
    """Lines of Python that check and convert field ``index`` of a dataclass: plain
    values are checked in place, since a call each would cost most of the reading."""
    name = f"f{index}"
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint in _PLAIN:
        helpers[hint.__name__] = hint
        return [f"if type({name}) is not {hint.__name__}: raise Unreadable({index})"]
    optional = origin in (types.UnionType, typing.Union)
    if optional:
        (hint,) = [option for option in arguments if option is not type(None)]
        if hint in _PLAIN:
            helpers[hint.__name__] = hint
            check = f"type({name}) is not {hint.__name__}"
            return [f"if {name} is not None and {check}: raise Unreadable({index})"]
    if hint is datetime and not optional:
        # Sessions share their start and end times: each is made once per entry.
        helpers.update(moments=_moments, moment=_moment)
        return [
            f"if type({name}) is not list or len({name}) != 2: raise Unreadable({index})",
            f"{name} = moments.get(({name}[0], {name}[1])) or moment({name}[0], {name}[1])",
        ]
    if isinstance(hint, type) and issubclass(hint, Enum) and not optional:
        helpers[f"members{index}"] = {member.value: member for member in hint}
        return [f"{name} = members{index}[{name}]"]
    items = typing.get_args(hint)
    if typing.get_origin(hint) in (tuple, frozenset) and items[0] is not str and not optional:
        # Most such lists are empty; the others are read in place.
        helpers[f"item{index}"] = _decoder(items[0])
        make = "tuple" if typing.get_origin(hint) is tuple else "frozenset"
        helpers[make] = tuple if make == "tuple" else frozenset
        return [
            f"if type({name}) is not list: raise Unreadable({index})",
            f"{name} = {make}([item{index}(x) for x in {name}]) if {name} else {make}()",
        ]
    if typing.get_origin(hint) is tuple and items[0] is str:
        converter = "_strings"
        helpers[converter] = _strings
    else:
        converter = f"read{index}"
        helpers[converter] = _decoder(hint)
    if optional:
        return [f"if {name} is not None: {name} = {converter}({name})"]
    return [f"{name} = {converter}({name})"]


def _object_reader(cls: type) -> Callable[[Any], Any]:
    """A function, written for ``cls``, that makes one from the list of its fields."""
    parts = _hints(cls)
    helpers: dict[str, Any] = {"Unreadable": Unreadable, "new": object.__new__, "cls": cls}
    names = [f"f{index}" for index in range(len(parts))]
    lines = ["def read(value):"]
    if cls in SHARED:
        helpers["table"] = _table
        lines += ["    if type(value) is int:", "        return table[value]"]
    lines += [
        f"    if type(value) is not list or len(value) != {len(parts)}:",
        f"        raise Unreadable('{cls.__name__} needs {len(parts)} fields')",
        f"    {', '.join(names)}{',' if len(names) == 1 else ''} = value",
    ]
    for index, (_, hint) in enumerate(parts):
        lines += [f"    {line}" for line in _field_reader(index, hint, helpers)]
    # Set as the dataclass would, without its frozen __setattr__: through each slot's own
    # setter, or into the instance's dictionary for a class without slots. A schedule's
    # sessions were written in order, so they need no sorting again.
    lines.append("    made = new(cls)")
    if "__slots__" in vars(cls):
        for index, (field, _) in enumerate(parts):
            helpers[f"set{index}"] = getattr(cls, field).__set__
            lines.append(f"    set{index}(made, f{index})")
    else:
        fields = ", ".join(
            f"{field!r}: {name}" for (field, _), name in zip(parts, names, strict=True)
        )
        lines.append(f"    made.__dict__.update({{{fields}}})")
    lines.append("    return made")
    # The code is made from the model's own field names and types, never from an entry.
    exec("\n".join(lines), helpers)
    return helpers["read"]


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        return _object_reader(kind)  # type: ignore[arg-type]
    if origin in (types.UnionType, typing.Union):
        (only,) = [_decoder(option) for option in arguments if option is not type(None)]
        return lambda value: None if value is None else only(value)
    if origin in (tuple, frozenset):
        item = _decoder(arguments[0])
        make = tuple if origin is tuple else frozenset

        def read_all(value: Any) -> Any:
            if type(value) is not list:
                raise Unreadable("a list was expected")
            return make([item(element) for element in value])

        return read_all
    if kind is datetime:
        return _decode_datetime
    if kind is date:
        return lambda value: date.fromisoformat(_checked(str)(value))
    if kind is time:
        return lambda value: time.fromisoformat(_checked(str)(value))
    if isinstance(kind, type) and issubclass(kind, Enum):
        members = {member.value: member for member in kind}
        return lambda value: members[value]
    if kind in (str, bool, int):
        return _checked(kind)
    raise TypeError(f"no decoding for {kind!r}")

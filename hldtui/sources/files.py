"""Reading schedule files: bytes, UTF-8 text and the time they were last changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hldtui.sources.errors import ScheduleError


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ScheduleError that says why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ScheduleError(path, "no such file. Check the path.") from None
    except IsADirectoryError:
        raise ScheduleError(
            path, "this is a directory. Give the path of a schedule file."
        ) from None
    except OSError as error:
        raise ScheduleError(path, f"cannot read the file ({error.strerror}).") from None


def decode(path: Path, raw: bytes) -> str:
    """Bytes as UTF-8 text, or a ScheduleError that names the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ScheduleError(
            path,
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text. Save the file as UTF-8.",
            line=line,
        ) from None


def last_modified(path: Path) -> datetime | None:
    """When the file was last changed, in UTC to the second: the programme's revision time."""
    try:
        return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
    except OSError:
        return None

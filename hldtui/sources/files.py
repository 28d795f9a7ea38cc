"""Reading schedule files: bytes, UTF-8 text and the time they were last changed."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from hldtui.bounds import MAX_FILE_BYTES
from hldtui.sources.errors import ScheduleError

# Opening a FIFO without O_NONBLOCK waits for a writer forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or a ScheduleError saying why not."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise ScheduleError(path, "no such file. Check the path.") from None
    except IsADirectoryError:
        raise ScheduleError(path, _DIRECTORY) from None
    except OSError as error:
        raise ScheduleError(path, f"cannot read the file ({error.strerror or error}).") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise ScheduleError(path, _DIRECTORY)
        if not stat.S_ISREG(mode):
            raise ScheduleError(
                path,
                "this is not a regular file (it is a device, a pipe or a socket). "
                "Give the path of a schedule file.",
            )
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ScheduleError(path, f"cannot read the file ({error.strerror or error}).") from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:
        raise ScheduleError(
            path,
            f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most hldtui "
            "reads. Real programmes are a few MB; check that this is a schedule file.",
        )
    return data


_DIRECTORY = "this is a directory. Give the path of a schedule file."


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
    except (OSError, OverflowError, ValueError):
        return None

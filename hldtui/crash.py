"""Keeping the traceback of an unexpected error in a file, so the user sees a short message."""

from __future__ import annotations

import os
import secrets
import traceback
from datetime import datetime
from pathlib import Path

from hldtui import __version__

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def save_report(error: BaseException, directory: Path) -> Path | None:
    """Write the error's traceback to a new file in ``directory``, the user's own data
    folder, and return it, or None if it cannot be written. The file is made afresh with
    a name no one can guess (never through a link planted there) and is the user's alone."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"hldtui {__version__}\n" + "".join(traceback.format_exception(error))
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    for _ in range(8):
        path = directory / f"hldtui-error-{stamp}-{secrets.token_hex(4)}.txt"
        try:
            descriptor = os.open(path, _FLAGS, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return None
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="replace") as handle:
            try:
                handle.write(text)
            except OSError:
                return None
        return path
    return None


def error_message(error: BaseException, report: Path | None) -> str:
    where = f" The details are in {report}." if report else ""
    return f"hldtui stopped on an unexpected error ({type(error).__name__}).{where}"

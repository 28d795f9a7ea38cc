"""Keeping the traceback of an unexpected error in a file, so the user sees a short message."""

from __future__ import annotations

import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from hldtui import __version__


def save_report(error: BaseException, directory: Path) -> Path | None:
    """Write the error's traceback to ``directory`` (or the temporary directory if that
    cannot be written) and return the file, or None if neither can be written."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"hldtui {__version__}\n" + "".join(traceback.format_exception(error))
    for place in (directory, Path(tempfile.gettempdir())):
        path = place / f"hldtui-error-{stamp}.txt"
        try:
            place.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        return path
    return None


def error_message(error: BaseException, report: Path | None) -> str:
    where = f" The details are in {report}." if report else ""
    return f"hldtui stopped on an unexpected error ({type(error).__name__}).{where}"

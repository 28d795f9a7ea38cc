"""Schedule loaders. Each returns a model.Schedule or raises ScheduleError."""

from __future__ import annotations

from pathlib import Path

from hldtui.model import Schedule
from hldtui.sources.errors import ScheduleError
from hldtui.sources.yaml_source import load_yaml

__all__ = ["ScheduleError", "builtin_schedule_path", "load_schedule"]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUILTIN_FILE = "hld2013.yaml"


def builtin_schedule_path() -> Path:
    """The bundled programme: inside the installed package, or data/ in a source checkout."""
    installed = _PACKAGE_DIR / "data" / BUILTIN_FILE
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "data" / BUILTIN_FILE


def load_schedule(path: Path | str | None = None) -> Schedule:
    """Load a schedule file, or the built-in programme when no path is given."""
    return load_yaml(builtin_schedule_path() if path is None else path)

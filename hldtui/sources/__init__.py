"""Schedule loaders, one per format. Each returns a model.Schedule or raises ScheduleError.

The format is told from the content, not the file name: XML is frab/Pentabarf,
a JSON object is c3voc schedule.json, anything else is hldtui's own YAML.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from pathlib import Path

from hldtui.model import Schedule
from hldtui.sources.errors import ScheduleError
from hldtui.sources.files import decode, last_modified, read_bytes

__all__ = ["ScheduleError", "builtin_schedule_path", "detect_format", "load_schedule"]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUILTIN_FILE = "hld2013.yaml"


def builtin_schedule_path() -> Path:
    """The bundled programme: inside the installed package, or data/ in a source checkout."""
    installed = _PACKAGE_DIR / "data" / BUILTIN_FILE
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "data" / BUILTIN_FILE


def detect_format(data: bytes) -> str:
    """'xml', 'json' or 'yaml', from the first thing in the file."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "xml"
    if head in (b"{", b"["):
        return "json"
    return "yaml"


def load_schedule(path: Path | str | None = None, zone: tzinfo | None = None) -> Schedule:
    """Load a schedule file in any supported format, or the built-in programme.

    ``zone`` is the programme's zone when the file names none (from --zone).
    """
    path = builtin_schedule_path() if path is None else Path(path)
    data = read_bytes(path)
    kind = detect_format(data)
    if kind == "xml":
        from hldtui.sources.frab_xml import load_frab_xml

        schedule = load_frab_xml(path, data, zone)
    elif kind == "json":
        from hldtui.sources.c3voc_json import load_c3voc_json

        schedule = load_c3voc_json(path, decode(path, data), zone)
    else:
        from hldtui.sources.yaml_source import parse_yaml

        schedule = parse_yaml(path, decode(path, data))
    return replace(schedule, revised=last_modified(path))

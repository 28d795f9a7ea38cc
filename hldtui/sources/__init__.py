"""Schedule loaders, one per format. Each returns a model.Schedule or raises ScheduleError.

The format is told from the content, not the file name: XML is frab/Pentabarf or, by its
root, xCal; a JSON object is c3voc schedule.json (version 1 or 2); BEGIN:VCALENDAR is
iCalendar, and YAML with hldtui's fields is hldtui's own. Anything else is refused with
what it looks like instead.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path

from hldtui.model import Schedule
from hldtui.sources.errors import READABLE, ScheduleError, quoted
from hldtui.sources.files import decode, last_modified, read_bytes

__all__ = [
    "ScheduleError",
    "builtin_schedule_path",
    "detect_format",
    "load_schedule",
    "parse_schedule",
]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUILTIN_FILE = "hld2013.yaml"


def format_guide_path() -> Path:
    """The description of hldtui's YAML format: in the installed package, or docs/."""
    installed = _PACKAGE_DIR / "docs" / "schedule-format.md"
    return installed if installed.is_file() else _PACKAGE_DIR.parent / "docs" / installed.name


def builtin_schedule_path() -> Path:
    """The bundled programme: inside the installed package, or data/ in a source checkout."""
    installed = _PACKAGE_DIR / "data" / BUILTIN_FILE
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "data" / BUILTIN_FILE


_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\x1f\x8b", "a gzip-compressed file; unpack it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_YAML_FIELD = re.compile(rb"^(?:format|conference|sessions|sources)\s*:", re.MULTILINE)


def detect_format(data: bytes) -> str:
    """'xml', 'json', 'ical' or 'yaml' for the formats hldtui reads; otherwise what the
    file is instead: 'empty', 'utf16', 'binary', 'html' or 'text'."""
    if data.startswith(_BOMS):
        return "utf16"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    head = stripped[:1024]
    if not head:
        return "empty"
    if b"\x00" in head:
        # ASCII text in UTF-16 without a byte order mark has a NUL in every other byte.
        return "utf16" if head[1::2].count(0) > len(head) // 3 else "binary"
    if head.startswith(tuple(magic for magic, _ in _MAGIC)):
        return "binary"
    if head.startswith(b"<"):
        return "html" if _HTML.search(head) else "xml"
    if head.startswith((b"{", b"[")):
        return "json"
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return "ical"
    if _YAML_FIELD.search(stripped[:65536]):
        return "yaml"
    return "text"


def refusal(data: bytes) -> str:
    """Why a file in none of the formats is refused, naming what it looks like instead."""
    kind = detect_format(data)
    if kind == "empty":
        return f"the file is empty. {READABLE}."
    if kind == "utf16":
        return f"this is UTF-16 text, and {READABLE} in UTF-8. Save the file as UTF-8."
    if kind == "binary":
        head = data.lstrip()[:8]
        what = next((name for magic, name in _MAGIC if head.startswith(magic)), "binary data")
        return f"this is {what}, not a programme. {READABLE}."
    if kind == "html":
        return (
            f"this is an HTML page, not a programme. {READABLE}; on the conference's site, "
            "look for a link to one of those files."
        )
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:40].decode("utf-8", "replace")
    return (
        f"this file is in none of the formats hldtui reads. It starts with {quoted(start)}; "
        f"{READABLE}."
    )


def load_schedule(path: Path | str | None = None, zone: tzinfo | None = None) -> Schedule:
    """Load a schedule file in any supported format, or the built-in programme.

    ``zone`` is the programme's zone when the file names none (from --zone).
    """
    path = builtin_schedule_path() if path is None else Path(path)
    return parse_schedule(read_bytes(path), path, zone, revised=last_modified(path))


def parse_schedule(
    data: bytes, name: Path | str, zone: tzinfo | None = None, *, revised: datetime | None = None
) -> Schedule:
    """A programme from its bytes, in any supported format. ``name`` is what messages call
    it (a file's path or an address); ``revised`` is when the programme was last changed."""
    name = Path(name)
    kind = detect_format(data)
    if kind == "xml":
        from hldtui.sources.xml_files import is_xcal, parse_xml

        root = parse_xml(name, data)
        if is_xcal(root):
            from hldtui.sources.xcal import load_xcal

            schedule = load_xcal(name, root, zone)
        else:
            from hldtui.sources.frab_xml import load_frab_xml

            schedule = load_frab_xml(name, root, zone)
    elif kind == "json":
        from hldtui.sources.c3voc_json import load_c3voc_json

        schedule = load_c3voc_json(name, decode(name, data), zone)
    elif kind == "ical":
        from hldtui.sources.ical import load_ical

        schedule = load_ical(name, data, zone)
    elif kind == "yaml":
        from hldtui.sources.yaml_source import parse_yaml

        schedule = parse_yaml(name, decode(name, data))
    else:
        raise ScheduleError(name, refusal(data))
    return replace(schedule, revised=revised)

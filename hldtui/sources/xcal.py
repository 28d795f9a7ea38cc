"""Loader for xCal programmes: iCalendar written as XML. They are written back as
iCalendar text and read by the iCalendar loader, so that the same rules apply to both.

Two forms are read. RFC 6321's `<icalendar>` puts each component's `<properties>` and
`<components>` apart and types every value (`<date-time>`, `<text>`, `<recur>`…).
Pentabarf and pretalx publish an older one as `schedule.xcal`: `<iCalendar>`, each
property an element holding its value as text, with `pentabarf:` extras that are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from xml.etree.ElementTree import Element

from hldtui.model import Schedule
from hldtui.sources.errors import ScheduleError
from hldtui.sources.ical import load_ical
from hldtui.sources.xml_files import XCAL_NAMESPACE

FORMAT_NAME = "xCal"
_NS = f"{{{XCAL_NAMESPACE}}}"
_NAME = re.compile(r"[A-Za-z0-9-]+")
_CLOCK = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
# Value types whose text iCalendar writes without the dashes and colons XML keeps.
_MOMENTS = frozenset({"date", "date-time"})


def load_xcal(path: Path, root: Element, zone: tzinfo | None = None) -> Schedule:
    """``zone`` is the programme's zone when the file names none (from --zone)."""
    lines = list(_rfc6321(root) if root.tag.startswith(_NS) else _pentabarf(root))
    if not any(line == "BEGIN:VCALENDAR" for line in lines):
        raise ScheduleError(
            path, "this xCal file holds no <vcalendar>, so it has no programme to show."
        )
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    return load_ical(path, data, zone, format_name=FORMAT_NAME)


def _rfc6321(root: Element) -> Iterator[str]:
    for calendar in root.findall(f"{_NS}vcalendar"):
        yield from _component(calendar)


def _component(element: Element) -> Iterator[str]:
    name = _local(element.tag).upper()
    if not _NAME.fullmatch(name):
        return
    yield f"BEGIN:{name}"
    for prop in element.findall(f"{_NS}properties/*"):
        if line := _property(prop):
            yield line
    for child in element.findall(f"{_NS}components/*"):
        yield from _component(child)
    yield f"END:{name}"


def _property(element: Element) -> str:
    name = _local(element.tag).upper()
    if not element.tag.startswith(_NS) or not _NAME.fullmatch(name):
        return ""
    parameters: list[str] = []
    values: list[str] = []
    kinds: set[str] = set()
    for child in element:
        kind = _local(child.tag)
        if kind == "parameters":
            parameters += filter(None, (_parameter(item) for item in child))
            continue
        kinds.add(kind)
        values.append(_value(kind, child))
    if kinds == {"date"} and not any(p.startswith("VALUE=") for p in parameters):
        parameters.append("VALUE=DATE")
    head = ";".join([name, *parameters])
    return f"{head}:{','.join(values)}"


def _parameter(element: Element) -> str:
    name = _local(element.tag).upper()
    if not _NAME.fullmatch(name):
        return ""
    values = [_quoted("".join(child.itertext())) for child in element]
    return f"{name}={','.join(values)}"


def _value(kind: str, element: Element) -> str:
    if kind == "recur":
        # A part given more than once (<byday>MO</byday><byday>WE</byday>) is one list.
        parts: dict[str, list[str]] = {}
        for part in element:
            rule = _local(part.tag).upper()
            text = _single_line((part.text or "").strip())
            if _NAME.fullmatch(rule):
                parts.setdefault(rule, []).append(_compact(text) if rule == "UNTIL" else text)
        return ";".join(f"{rule}={','.join(values)}" for rule, values in parts.items())
    if kind == "period":
        ends = [_compact((part.text or "").strip()) for part in element]
        return "/".join(ends)
    text = "".join(element.itertext())
    if kind in _MOMENTS:
        return _compact(text.strip())
    if kind == "utc-offset":
        return text.strip().replace(":", "")
    if kind == "text":
        return _escaped(text)
    return _single_line(text.strip())


def _pentabarf(root: Element) -> Iterator[str]:
    for calendar in root.iter("vcalendar"):
        yield "BEGIN:VCALENDAR"
        for child in calendar:
            if child.tag == "vevent":
                yield from _pentabarf_event(child)
            elif line := _plain_property(child):
                yield line
        yield "END:VCALENDAR"


def _pentabarf_event(event: Element) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    has_end = event.find("dtend") is not None
    for child in event:
        name = child.tag.upper()
        text = "".join(child.itertext()).strip()
        if name == "DURATION":
            # pretalx writes 00:40:00 beside DTEND; a calendar gives one or the other.
            if not has_end and (duration := _duration(text)):
                yield f"DURATION:{duration}"
        elif name == "ATTENDEE":
            if text:
                yield f"ATTENDEE;CN={_quoted(text)}:"
        elif name == "CATEGORY":
            yield f"CATEGORIES:{_escaped(text)}"
        elif line := _plain_property(child):
            yield line
    yield "END:VEVENT"


def _plain_property(element: Element) -> str:
    """A property of the older form: its element's name and its text, which for a start
    or an end is a date and time in iCalendar's way or, as some write it, ISO's."""
    name = element.tag.upper()
    if not _NAME.fullmatch(name) or name in ("BEGIN", "END"):
        return ""
    text = "".join(element.itertext()).strip()
    if name in ("DTSTART", "DTEND", "DTSTAMP", "RECURRENCE-ID"):
        moment = _iso_moment(text)
        if len(moment) == 8:
            return f"{name};VALUE=DATE:{moment}"
        return f"{name}:{moment}"
    return f"{name}:{_escaped(text)}"


def _iso_moment(text: str) -> str:
    """iCalendar's 20231228T110000 (or …Z) for a moment written either way; a time with
    an offset is written in UTC, which iCalendar can say without a zone."""
    if "-" not in text[:10]:
        return _single_line(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _single_line(text)
    if len(text) <= 10:
        return moment.strftime("%Y%m%d")
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%dT%H%M%S")


def _duration(text: str) -> str:
    if text.upper().startswith(("P", "-P", "+P")):
        return _single_line(text)
    found = _CLOCK.match(text)
    if not found:
        return ""
    hours, minutes, seconds = (int(part) if part else 0 for part in found.groups())
    return f"PT{hours}H{minutes}M{seconds}S"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _compact(text: str) -> str:
    """2013-10-03T10:00:00Z as iCalendar writes it: 20131003T100000Z."""
    return _single_line(text.replace("-", "").replace(":", ""))


def _escaped(text: str) -> str:
    """Text as an iCalendar TEXT value: backslash, ';' and ',' escaped, line ends as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def _quoted(text: str) -> str:
    """A parameter's value: in quotes, which it may not itself hold, on one line."""
    return '"' + _single_line(text).replace('"', "'") + '"'


def _single_line(text: str) -> str:
    return " ".join(text.replace("\r", "\n").split("\n"))

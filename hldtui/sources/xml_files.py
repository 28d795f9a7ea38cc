"""XML programmes, read with defusedxml so hostile XML is refused: frab/Pentabarf
`schedule.xml`, and xCal (RFC 6321, and the older form Pentabarf and pretalx publish)."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from hldtui.sources.errors import ScheduleError
from hldtui.text import one_line

XCAL_NAMESPACE = "urn:ietf:params:xml:ns:icalendar-2.0"


def parse_xml(path: Path, data: bytes) -> Element:
    """The document's root element, or a ScheduleError that says why there is none."""
    try:
        return SafeTree.fromstring(data)
    except ParseError as error:
        line, column = error.position
        raise ScheduleError(
            path,
            f"this is not well-formed XML ({_reason(error)} at column {column + 1}).",
            line=line,
        ) from None
    except LookupError as error:
        raise ScheduleError(
            path,
            f"the XML declares an encoding Python does not know ({one_line(str(error), 80)}). "
            "Use UTF-8.",
        ) from None
    except DefusedXmlException as error:
        raise ScheduleError(
            path,
            f"the XML uses {type(error).__name__.removesuffix('Forbidden').lower() or 'a feature'} "
            "declarations, which hldtui refuses because they can be used to attack the reader.",
        ) from None


def is_xcal(root: Element) -> bool:
    """Whether the document is an xCal calendar: RFC 6321's `<icalendar>` in its namespace,
    or the `<iCalendar>` of Pentabarf and pretalx."""
    return root.tag in (f"{{{XCAL_NAMESPACE}}}icalendar", "iCalendar", "icalendar")


def _reason(error: ParseError) -> str:
    return str(error).split(":", 1)[0]

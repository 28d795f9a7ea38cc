"""Loader for hldtui's own YAML schedule format (docs/schedule-format.md).

The file is composed into YAML nodes rather than loaded straight into Python
values, so that every complaint can name the line it is about.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NoReturn

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hldtui.bounds import span_problem, year_problem
from hldtui.model import (
    INFERABLE_FIELDS,
    Agenda,
    AgendaPoint,
    Conference,
    KeyFigure,
    Keyword,
    Kind,
    Paper,
    Person,
    Provenance,
    Schedule,
    Session,
    Source,
)
from hldtui.sources.errors import ScheduleError, quoted
from hldtui.sources.files import decode, last_modified, read_bytes
from hldtui.text import URL_LIMIT, one_line, paragraph, web_address
from hldtui.timezones import zone_key, zone_named

FORMAT_NAME = "hldtui-schedule/1"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
_KIND_NAMES = ", ".join(kind.value for kind in Kind)


def load_yaml(path: Path | str) -> Schedule:
    """Read and validate a YAML schedule file, or raise ScheduleError saying where it is wrong."""
    path = Path(path)
    schedule = parse_yaml(path, decode(path, read_bytes(path)))
    return replace(schedule, revised=last_modified(path))


def parse_yaml(path: Path, text: str) -> Schedule:
    """Validate YAML text read from ``path``."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "unreadable YAML"
        raise ScheduleError(
            path,
            f"this is not valid YAML ({problem}). Check the indentation and quoting here.",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise ScheduleError(path, f"this is not valid YAML ({error}).") from None
    if root is None:
        raise ScheduleError(
            path, "the file is empty. A schedule needs `conference` and `sessions`."
        )
    _refuse_aliases(path, root)
    return _Reader(path).schedule(root)


def _refuse_aliases(path: Path, root: Node) -> None:
    """Refuse a node met twice: an alias (``*name``), which lets a few bytes stand for a
    value repeated without end."""
    seen: set[int] = set()
    waiting = [root]
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            raise ScheduleError(
                path,
                "the value here is repeated elsewhere by a YAML alias (`*name`). hldtui "
                "does not read aliases: write the value out where it is used.",
                line=node.start_mark.line + 1,
            )
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            waiting += node.value
        elif isinstance(node, MappingNode):
            waiting += [part for pair in node.value for part in pair]


@dataclass(frozen=True)
class _At:
    """A YAML node and the field path that leads to it."""

    node: Node
    field: str

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def child(self, node: Node, name: str | int) -> _At:
        if isinstance(name, int):
            return _At(node, f"{self.field}[{name}]")
        return _At(node, f"{self.field}.{name}" if self.field else name)


_NODE_TYPE_NAMES = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a value"}
_VALUE_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    date: "a date",
    datetime: "a date and time",
    type(None): "nothing",
    bytes: "binary data",
}


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sources: dict[str, Source] = {}
        self._constructor = SafeConstructor()

    def fail(self, at: _At, message: str) -> NoReturn:
        raise ScheduleError(self.path, message, line=at.line, field=at.field)

    # Shapes

    def mapping(
        self, at: _At, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, _At]:
        if not isinstance(at.node, MappingNode):
            self.fail(at, f"expected a mapping of fields, found {self._describe(at)}.")
        fields: dict[str, _At] = {}
        allowed = required + optional
        for key_node, value_node in at.node.value:
            key = self.scalar(_At(key_node, at.field))
            if not isinstance(key, str):
                self.fail(_At(key_node, at.field), f"field names must be text, not {quoted(key)}.")
            where = at.child(value_node, key)
            if key in fields:
                self.fail(
                    _At(key_node, where.field),
                    f"{quoted(key)} is given twice (first on line {fields[key].line}). Keep one.",
                )
            if key not in allowed:
                self.fail(
                    _At(key_node, where.field),
                    f"unknown field {quoted(key)}. Expected one of: {', '.join(allowed)}.",
                )
            fields[key] = where
        for key in required:
            if key not in fields:
                self.fail(at, f"the required field `{key}` is missing.")
        return fields

    def sequence(self, at: _At) -> list[_At]:
        if not isinstance(at.node, SequenceNode):
            self.fail(at, f"expected a list, found {self._describe(at)}.")
        return [at.child(item, index) for index, item in enumerate(at.node.value)]

    def scalar(self, at: _At) -> object:
        if not isinstance(at.node, ScalarNode):
            self.fail(at, f"expected a single value, found {self._describe(at)}.")
        try:
            return self._constructor.construct_object(at.node, deep=True)
        except (ConstructorError, ValueError) as error:
            self.fail(at, f"this value cannot be read ({error}).")

    def _describe(self, at: _At) -> str:
        if isinstance(at.node, ScalarNode):
            try:
                return _describe_value(self._constructor.construct_object(at.node))
            except (ConstructorError, ValueError):
                return quoted(at.node.value)
        return _NODE_TYPE_NAMES.get(type(at.node), "something else")

    # Values

    def text(self, at: _At, *, allow_empty: bool = False, lines: bool = False) -> str:
        """One line of text; with ``lines``, text that may hold line breaks."""
        value = self.scalar(at)
        if not isinstance(value, str):
            self.fail(
                at, f"expected text, found {_describe_value(value)}. Put the value in quotes."
            )
        value = paragraph(value) if lines else one_line(value)
        if not value and not allow_empty:
            self.fail(at, "this is empty. Give a value or leave the field out.")
        return value

    def optional_text(self, fields: dict[str, _At], key: str, *, lines: bool = False) -> str:
        return self.text(fields[key], allow_empty=True, lines=lines) if key in fields else ""

    def flag(self, at: _At) -> bool:
        value = self.scalar(at)
        if not isinstance(value, bool):
            self.fail(at, f"expected true or false, found {_describe_value(value)}.")
        return value

    def identifier(self, at: _At) -> str:
        value = self.text(at)
        if not _IDENTIFIER.match(value):
            self.fail(
                at,
                f"{quoted(value)} is not a usable id. Use letters, digits, '.', '_' and '-', "
                "starting with a letter or digit.",
            )
        return value

    def url(self, at: _At) -> str:
        value = self.text(at)
        if len(value) > URL_LIMIT or not _URL.match(value) or web_address(value) != value:
            self.fail(
                at,
                f"{quoted(value)} is not an http(s) URL. "
                "Give a full address such as https://example.org/page.",
            )
        return value

    def day(self, at: _At) -> date:
        value = self.scalar(at)
        if isinstance(value, datetime):
            self.fail(at, "expected a date without a time, such as 2013-10-03.")
        if isinstance(value, str):
            with suppress(ValueError):
                value = date.fromisoformat(value.strip())
        if not isinstance(value, date):
            self.fail(
                at,
                f"{quoted(value)} is not an ISO date. Write it as YYYY-MM-DD, such as 2013-10-03.",
            )
        if problem := year_problem(value):
            self.fail(at, problem)
        return value

    def moment(self, at: _At, zone: tzinfo) -> datetime:
        value = self.scalar(at)
        if isinstance(value, str):
            with suppress(ValueError):
                value = datetime.fromisoformat(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            self.fail(
                at, "this date has no time. Write it as YYYY-MM-DDTHH:MM, such as 2013-10-03T09:00."
            )
        if not isinstance(value, datetime):
            self.fail(
                at,
                f"{quoted(value)} is not an ISO date and time. "
                "Write it as YYYY-MM-DDTHH:MM, such as 2013-10-03T09:00.",
            )
        if problem := year_problem(value.date()):
            self.fail(at, problem)
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)

    def texts(self, at: _At) -> tuple[str, ...]:
        return tuple(self.text(item) for item in self.sequence(at))

    def source_refs(self, at: _At) -> tuple[Source, ...]:
        refs = self.sequence(at)
        if not refs:
            self.fail(at, "name at least one source: a key from `sources` or an http(s) URL.")
        return tuple(self.source_ref(ref) for ref in refs)

    def source_ref(self, at: _At) -> Source:
        value = self.text(at)
        if value in self.sources:
            return self.sources[value]
        if value.lower().startswith(("http://", "https://")):
            return Source(key=value, title=value, url=self.url(at))
        known = ", ".join(self.sources) or "none are defined"
        self.fail(
            at,
            f"unknown source {quoted(value)}. Define it under `sources` or give an http(s) URL "
            f"(known keys: {known}).",
        )

    # Records

    def schedule(self, root: Node) -> Schedule:
        top = self.mapping(
            _At(root, ""), ("conference", "sessions"), ("format", "sources", "people")
        )
        if "format" in top:
            name = self.text(top["format"])
            if name != FORMAT_NAME:
                self.fail(
                    top["format"],
                    f"unknown format {quoted(name)}. This version reads `{FORMAT_NAME}`.",
                )
        if "sources" in top:
            self.sources = self.source_table(top["sources"])
        conference = self.conference(top["conference"])
        sessions = self.sessions(top["sessions"], conference)
        people = self.people(top["people"]) if "people" in top else ()
        rooms = tuple(dict.fromkeys(session.room for session in sessions if session.room))
        return Schedule(
            conference=replace(conference, rooms=rooms, people=people), sessions=sessions
        )

    def people(self, at: _At) -> tuple[Person, ...]:
        """The people sessions name, with their roles and the sources that give them."""
        people: dict[str, Person] = {}
        for item in self.sequence(at):
            fields = self.mapping(item, ("name", "sources"), ("roles", "biography", "links"))
            name = self.text(fields["name"])
            if name.casefold() in people:
                self.fail(fields["name"], f"{quoted(name)} is listed twice. Keep one.")
            people[name.casefold()] = Person(
                name=name,
                biography=self.optional_text(fields, "biography", lines=True),
                links=tuple(self.paper(link) for link in self.sequence(fields["links"]))
                if "links" in fields
                else (),
                roles=self.texts(fields["roles"]) if "roles" in fields else (),
                sources=self.source_refs(fields["sources"]),
            )
        return tuple(people.values())

    def source_table(self, at: _At) -> dict[str, Source]:
        if not isinstance(at.node, MappingNode):
            self.fail(at, f"expected a mapping of source keys, found {self._describe(at)}.")
        table: dict[str, Source] = {}
        for key_node, value_node in at.node.value:
            key = self.identifier(_At(key_node, at.field))
            entry_at = at.child(value_node, key)
            if key in table:
                self.fail(entry_at, f"source {quoted(key)} is defined twice. Keep one.")
            entry = self.mapping(entry_at, ("url",), ("title", "copy"))
            url = self.url(entry["url"])
            title = self.text(entry["title"]) if "title" in entry else url
            copy = self.flag(entry["copy"]) if "copy" in entry else False
            table[key] = Source(key=key, title=title, url=url, copy=copy)
        return table

    def conference(self, at: _At) -> Conference:
        fields = self.mapping(
            at,
            ("id", "title", "start", "end", "timezone", "venue", "sources"),
            ("short_title", "overview", "agenda", "key_figures"),
        )
        start = self.day(fields["start"])
        end = self.day(fields["end"])
        if end < start:
            self.fail(fields["end"], f"the conference ends ({end}) before it starts ({start}).")
        if problem := span_problem(start, end):
            self.fail(fields["end"], problem)
        try:
            timezone = zone_key(zone_named(self.text(fields["timezone"])))
        except ValueError as error:
            self.fail(fields["timezone"], str(error))
        return Conference(
            id=self.identifier(fields["id"]),
            title=self.text(fields["title"]),
            start=start,
            end=end,
            timezone=timezone,
            venue=self.text(fields["venue"]),
            sources=self.source_refs(fields["sources"]),
            short_title=self.optional_text(fields, "short_title"),
            overview=self.optional_text(fields, "overview", lines=True),
            agenda=self.agenda(fields["agenda"]) if "agenda" in fields else None,
            key_figures=tuple(
                self.key_figure(item) for item in self.sequence(fields["key_figures"])
            )
            if "key_figures" in fields
            else (),
        )

    def agenda(self, at: _At) -> Agenda:
        fields = self.mapping(at, ("title", "points", "sources"), ("note",))
        points = []
        for item in self.sequence(fields["points"]):
            point = self.mapping(item, ("text", "sources"))
            points.append(
                AgendaPoint(
                    text=self.text(point["text"], lines=True),
                    sources=self.source_refs(point["sources"]),
                )
            )
        return Agenda(
            title=self.text(fields["title"]),
            points=tuple(points),
            sources=self.source_refs(fields["sources"]),
            note=self.optional_text(fields, "note", lines=True),
        )

    def key_figure(self, at: _At) -> KeyFigure:
        fields = self.mapping(at, ("figure", "label", "sources"), ("note",))
        return KeyFigure(
            figure=self.text(fields["figure"]),
            label=self.text(fields["label"]),
            sources=self.source_refs(fields["sources"]),
            note=self.optional_text(fields, "note", lines=True),
        )

    def sessions(self, at: _At, conference: Conference) -> tuple[Session, ...]:
        zone = conference.zone
        first = datetime.combine(conference.start, time(), zone)
        after_last = datetime.combine(conference.end + timedelta(days=1), time(), zone)
        seen: dict[str, int] = {}
        sessions = []
        for item in self.sequence(at):
            session = self.session(item, zone, seen)
            if not first <= session.start < after_last or session.end > after_last:
                self.fail(
                    item,
                    f"this session ({session.start:%Y-%m-%d %H:%M} to "
                    f"{session.end:%Y-%m-%d %H:%M}) falls outside the conference days, "
                    f"{conference.start} to {conference.end}.",
                )
            sessions.append(session)
        return tuple(sessions)

    def session(self, at: _At, zone: tzinfo, seen: dict[str, int]) -> Session:
        """One session; ``seen`` maps the ids read so far to their lines."""
        fields = self.mapping(
            at,
            ("id", "kind", "start", "end", "provenance"),
            (
                "title",
                "room",
                "chairs",
                "theme",
                "description",
                "papers",
                "links",
                "track",
                "language",
                "topic",
                "keywords",
            ),
        )
        session_id = self.identifier(fields["id"])
        if session_id in seen:
            self.fail(
                fields["id"],
                f"the id `{session_id}` is already used on line {seen[session_id]}. "
                "Ids must be unique.",
            )
        seen[session_id] = fields["id"].line
        kind_name = self.text(fields["kind"])
        try:
            kind = Kind(kind_name)
        except ValueError:
            self.fail(
                fields["kind"], f"unknown kind {quoted(kind_name)}. Use one of: {_KIND_NAMES}."
            )
        start = self.moment(fields["start"], zone)
        end = self.moment(fields["end"], zone)
        if end <= start:
            self.fail(
                fields["end"],
                f"the session ends ({end:%Y-%m-%d %H:%M}) at or before its start "
                f"({start:%Y-%m-%d %H:%M}). Make the end later than the start.",
            )
        provenance = self.provenance(fields["provenance"])
        if "title" not in fields and not provenance.label_blank:
            self.fail(
                at,
                "the session has no `title`. Give one, or set `provenance.label_blank: true` "
                "if the source leaves it blank.",
            )
        return Session(
            id=session_id,
            kind=kind,
            start=start,
            end=end,
            title=self.text(fields["title"]) if "title" in fields else None,
            provenance=provenance,
            room=self.text(fields["room"]) if "room" in fields else None,
            chairs=self.texts(fields["chairs"]) if "chairs" in fields else (),
            theme=self.optional_text(fields, "theme", lines=True),
            description=self.optional_text(fields, "description", lines=True),
            papers=tuple(self.paper(item) for item in self.sequence(fields["papers"]))
            if "papers" in fields
            else (),
            links=tuple(self.paper(item) for item in self.sequence(fields["links"]))
            if "links" in fields
            else (),
            track=self.optional_text(fields, "track"),
            language=self.optional_text(fields, "language"),
            topic=self.optional_text(fields, "topic"),
            keywords=tuple(self.keyword(item) for item in self.sequence(fields["keywords"]))
            if "keywords" in fields
            else (),
        )

    def keyword(self, at: _At) -> Keyword:
        fields = self.mapping(at, ("word", "sources"))
        return Keyword(word=self.text(fields["word"]), sources=self.source_refs(fields["sources"]))

    def paper(self, at: _At) -> Paper:
        fields = self.mapping(at, ("title", "url"), ("publisher", "note"))
        return Paper(
            title=self.text(fields["title"]),
            url=self.url(fields["url"]),
            publisher=self.optional_text(fields, "publisher"),
            note=self.optional_text(fields, "note", lines=True),
        )

    def provenance(self, at: _At) -> Provenance:
        fields = self.mapping(at, ("sources",), ("label_blank", "inferred", "note"))
        inferred = []
        for item in self.sequence(fields["inferred"]) if "inferred" in fields else ():
            name = self.text(item)
            if name not in INFERABLE_FIELDS:
                self.fail(
                    item,
                    f"{quoted(name)} cannot be marked inferred. "
                    f"Use any of: {', '.join(sorted(INFERABLE_FIELDS))}.",
                )
            inferred.append(name)
        label_blank = self.flag(fields["label_blank"]) if "label_blank" in fields else False
        note = self.optional_text(fields, "note", lines=True)
        if (label_blank or inferred) and not note:
            self.fail(
                at, "add a `note` that says what the source leaves blank or what is inferred."
            )
        return Provenance(
            sources=self.source_refs(fields["sources"]),
            label_blank=label_blank,
            inferred=frozenset(inferred),
            note=note,
        )


def _describe_value(value: object) -> str:
    if isinstance(value, str):
        return "text"
    return _VALUE_TYPE_NAMES.get(type(value), type(value).__name__)

"""Reading back the `hldtui` object that hldtui writes inside a c3voc schedule.json.

It carries what the c3voc format cannot: session ids, papers' publishers and notes,
provenance, and the conference's sources, agenda and key figures. A file can claim to
have been written by hldtui, so every value is checked as in any other input: its type,
id syntax, and addresses that are http(s) and nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any, NoReturn

from hldtui.model import (
    INFERABLE_FIELDS,
    Agenda,
    AgendaPoint,
    KeyFigure,
    Keyword,
    Paper,
    Person,
    Provenance,
    Schedule,
    Source,
    ZoneSource,
)
from hldtui.sources.errors import quoted
from hldtui.sources.frab import Builder
from hldtui.sources.text import ID_LIMIT, is_identifier
from hldtui.text import one_line, paragraph, web_address

EXTENSION = "hldtui"


def with_extension(schedule: Schedule, extension: dict[str, Any], builder: Builder) -> Schedule:
    return _Reader(builder).applied(schedule, extension)


class _Reader:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder

    def fail(self, where: str, message: str) -> NoReturn:
        self.builder.fail(f"schedule.{EXTENSION}.{where}", message)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "expected an object.")
        return value

    def sequence(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, "expected a list.")
        return value

    def raw_text(self, container: dict[str, Any], key: str, where: str, required: bool) -> str:
        if key not in container and not required:
            return ""
        value = container.get(key)
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "expected text.")
        return value

    def line(self, container: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        return one_line(self.raw_text(container, key, where, required))

    def text(self, container: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        return paragraph(self.raw_text(container, key, where, required))

    def identifier(self, container: dict[str, Any], key: str, where: str) -> str:
        value = self.raw_text(container, key, where, True)
        if not is_identifier(value):
            self.fail(
                f"{where}.{key}",
                f"{quoted(value)} is not an id: use letters, digits, '.', '_' and '-'.",
            )
        return value

    def url(self, container: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
        value = self.raw_text(container, key, where, True)
        address = web_address(value)
        if not address and not (empty and not value):
            self.fail(f"{where}.{key}", f"{quoted(value)} is not an http(s) address.")
        return address

    def source(self, value: Any, where: str) -> Source:
        data = self.mapping(value, where)
        return Source(
            key=self.line(data, "key", where),
            title=self.line(data, "title", where),
            url=self.url(data, "url", where, empty=True),
            copy=self.flag(data, "copy", where),
        )

    def sources(self, container: dict[str, Any], key: str, where: str) -> tuple[Source, ...]:
        items = self.sequence(container.get(key), f"{where}.{key}")
        return tuple(self.source(item, f"{where}.{key}[{i}]") for i, item in enumerate(items))

    def paper(self, value: Any, where: str) -> Paper:
        data = self.mapping(value, where)
        return Paper(
            title=self.line(data, "title", where),
            url=self.url(data, "url", where),
            publisher=self.line(data, "publisher", where, required=False),
            note=self.text(data, "note", where, required=False),
        )

    def papers(self, container: dict[str, Any], key: str, where: str) -> tuple[Paper, ...]:
        items = self.sequence(container.get(key, []), f"{where}.{key}")
        return tuple(self.paper(item, f"{where}.{key}[{i}]") for i, item in enumerate(items))

    def provenance(self, value: Any, where: str) -> Provenance:
        data = self.mapping(value, where)
        label_blank = data.get("label_blank", False)
        if not isinstance(label_blank, bool):
            self.fail(f"{where}.label_blank", "expected true or false.")
        inferred = self.sequence(data.get("inferred", []), f"{where}.inferred")
        unknown = [name for name in inferred if name not in INFERABLE_FIELDS]
        if unknown:
            self.fail(f"{where}.inferred", f"{quoted(unknown[0])} cannot be marked inferred.")
        return Provenance(
            sources=self.sources(data, "sources", where),
            label_blank=label_blank,
            inferred=frozenset(inferred),
            note=self.text(data, "note", where, required=False),
        )

    def agenda(self, value: Any, where: str) -> Agenda | None:
        if value is None:
            return None
        data = self.mapping(value, where)
        points = []
        for index, item in enumerate(self.sequence(data.get("points"), f"{where}.points")):
            at = f"{where}.points[{index}]"
            point = self.mapping(item, at)
            points.append(
                AgendaPoint(
                    text=self.text(point, "text", at), sources=self.sources(point, "sources", at)
                )
            )
        return Agenda(
            title=self.line(data, "title", where),
            note=self.text(data, "note", where, required=False),
            sources=self.sources(data, "sources", where),
            points=tuple(points),
        )

    def key_figure(self, value: Any, where: str) -> KeyFigure:
        data = self.mapping(value, where)
        return KeyFigure(
            figure=self.line(data, "figure", where),
            label=self.line(data, "label", where),
            note=self.text(data, "note", where, required=False),
            sources=self.sources(data, "sources", where),
        )

    def person_ids(self, saved: dict[str, Any]) -> tuple[str, ...]:
        """Pairs of texts: a name, then its ids separated by line breaks."""
        items = self.sequence(saved.get("person_ids"), "conference.person_ids")
        if len(items) % 2 or not all(isinstance(item, str) for item in items):
            self.fail("conference.person_ids", "expected pairs of texts: a name, then its ids.")
        names = (one_line(name) for name in items[::2])
        ids = (
            "\n".join(key for key in (one_line(k, ID_LIMIT) for k in keys.split("\n")) if key)
            for keys in items[1::2]
        )
        return tuple(part for pair in zip(names, ids, strict=True) for part in pair)

    def person(self, value: Any, where: str) -> Person:
        data = self.mapping(value, where)
        keys = self.sequence(data.get("keys", []), f"{where}.keys")
        roles = self.sequence(data.get("roles", []), f"{where}.roles")
        return Person(
            name=self.line(data, "name", where),
            biography=self.text(data, "biography", where, required=False),
            links=self.papers(data, "links", where),
            keys=tuple(self.line({"key": key}, "key", f"{where}.keys") for key in keys),
            roles=tuple(self.line({"role": role}, "role", f"{where}.roles") for role in roles),
            sources=self.sources(data, "sources", where),
        )

    def flag(self, container: dict[str, Any], key: str, where: str) -> bool:
        value = container.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", "expected true or false.")
        return value

    def zone_source(self, saved: dict[str, Any], default: ZoneSource) -> ZoneSource:
        if "zone_source" not in saved:
            return default
        value = self.raw_text(saved, "zone_source", "conference", True)
        try:
            return ZoneSource(value)
        except ValueError:
            self.fail("conference.zone_source", f"{quoted(value)} is not a zone source.")

    def day_change(self, saved: dict[str, Any], default: time) -> time:
        if "day_change" not in saved:
            return default
        value = self.raw_text(saved, "day_change", "conference", True)
        try:
            return time.fromisoformat(value)
        except ValueError:
            self.fail("conference.day_change", f"{quoted(value)} is not a time such as 04:00.")

    def applied(self, schedule: Schedule, extension: dict[str, Any]) -> Schedule:
        saved = self.mapping(extension.get("conference"), "conference")
        figures = self.sequence(saved.get("key_figures", []), "conference.key_figures")
        conference = replace(
            schedule.conference,
            zone_source=self.zone_source(saved, schedule.conference.zone_source),
            day_change=self.day_change(saved, schedule.conference.day_change),
            id=self.identifier(saved, "id", "conference"),
            acronym=self.line(saved, "acronym", "conference", required=False),
            short_title=self.line(saved, "short_title", "conference", required=False),
            venue=self.line(saved, "venue", "conference", required=False),
            sources=self.sources(saved, "sources", "conference"),
            agenda=self.agenda(saved.get("agenda"), "conference.agenda"),
            key_figures=tuple(
                self.key_figure(item, f"conference.key_figures[{index}]")
                for index, item in enumerate(figures)
            ),
            people=tuple(
                self.person(item, f"conference.people[{index}]")
                for index, item in enumerate(
                    self.sequence(saved.get("people", []), "conference.people")
                )
            )
            if "people" in saved
            else schedule.conference.people,
            person_ids=self.person_ids(saved)
            if "person_ids" in saved
            else schedule.conference.person_ids,
        )
        by_guid = self.mapping(extension.get("sessions", {}), "sessions")
        sessions = []
        taken = {session.id for session in schedule.sessions}
        for session in schedule.sessions:
            extra = by_guid.get(session.id)
            if extra is not None:
                where = f"sessions[{quoted(session.id)}]"
                extra = self.mapping(extra, where)
                session_id = self.identifier(extra, "id", where)
                if session_id != session.id and session_id in taken:
                    self.fail(f"{where}.id", f"the id {quoted(session_id)} is used twice.")
                taken.add(session_id)
                keywords = self.sequence(extra.get("keywords", []), f"{where}.keywords")
                session = replace(
                    session,
                    event_id=self.line(extra, "event_id", where)
                    if "event_id" in extra
                    else session.event_id,
                    guid=self.line(extra, "guid", where) if "guid" in extra else session.guid,
                    code=self.line(extra, "code", where) if "code" in extra else session.code,
                    slug=self.line(extra, "slug", where) if "slug" in extra else session.slug,
                    topic=self.line(extra, "topic", where, required=False),
                    keywords=tuple(
                        Keyword(
                            word=self.line(self.mapping(k, f"{where}.keywords"), "word", where),
                            sources=self.sources(k, "sources", f"{where}.keywords"),
                        )
                        for k in keywords
                    ),
                    all_day=self.flag(extra, "all_day", where),
                    id=session_id,
                    papers=self.papers(extra, "papers", where),
                    links=self.papers(extra, "links", where),
                    provenance=self.provenance(extra.get("provenance"), f"{where}.provenance"),
                )
            sessions.append(session)
        return replace(schedule, conference=conference, sessions=tuple(sessions))

"""Reading back the `hldtui` object that hldtui writes inside a c3voc schedule.json.

It carries what the c3voc format cannot: session ids, papers' publishers and notes,
provenance, and the conference's sources, agenda and key figures.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hldtui.model import Agenda, AgendaPoint, KeyFigure, Paper, Provenance, Schedule, Source
from hldtui.sources.frab import Builder

EXTENSION = "hldtui"


def with_extension(schedule: Schedule, extension: dict[str, Any], builder: Builder) -> Schedule:
    try:
        return _applied(schedule, extension)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        builder.fail(f"schedule.{EXTENSION}", f"this hldtui section is damaged ({error!r}).")


def _applied(schedule: Schedule, extension: dict[str, Any]) -> Schedule:
    saved = extension["conference"]
    agenda = saved.get("agenda")
    conference = replace(
        schedule.conference,
        id=saved["id"],
        acronym=saved.get("acronym", ""),
        short_title=saved.get("short_title", ""),
        venue=saved.get("venue", ""),
        sources=tuple(_source(s) for s in saved["sources"]),
        agenda=None
        if agenda is None
        else Agenda(
            title=agenda["title"],
            note=agenda.get("note", ""),
            sources=tuple(_source(s) for s in agenda["sources"]),
            points=tuple(
                AgendaPoint(text=p["text"], sources=tuple(_source(s) for s in p["sources"]))
                for p in agenda["points"]
            ),
        ),
        key_figures=tuple(
            KeyFigure(
                figure=f["figure"],
                label=f["label"],
                note=f.get("note", ""),
                sources=tuple(_source(s) for s in f["sources"]),
            )
            for f in saved.get("key_figures", [])
        ),
    )
    by_guid = extension["sessions"]
    sessions = []
    for session in schedule.sessions:
        extra = by_guid.get(session.id)
        if extra is not None:
            provenance = extra["provenance"]
            session = replace(
                session,
                id=extra["id"],
                papers=tuple(_paper(p) for p in extra["papers"]),
                links=tuple(_paper(p) for p in extra["links"]),
                provenance=Provenance(
                    sources=tuple(_source(s) for s in provenance["sources"]),
                    label_blank=bool(provenance["label_blank"]),
                    inferred=frozenset(provenance["inferred"]),
                    note=provenance["note"],
                ),
            )
        sessions.append(session)
    return replace(schedule, conference=conference, sessions=tuple(sessions))


def _source(data: dict[str, str]) -> Source:
    return Source(key=data["key"], title=data["title"], url=data["url"])


def _paper(data: dict[str, str]) -> Paper:
    return Paper(
        title=data["title"], url=data["url"], publisher=data["publisher"], note=data["note"]
    )

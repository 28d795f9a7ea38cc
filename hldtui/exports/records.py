"""Stable JSON records of sessions, for `--json` and scripts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from hldtui.model import Interest, Person, Session
from hldtui.present import local
from hldtui.timezones import iso


def session_record(
    session: Session, zone: tzinfo, levels: Mapping[str, Interest], notes: Mapping[str, str]
) -> dict[str, Any]:
    """A session as JSON-ready data; keys are stable, times are ISO 8601 with offsets."""
    level = levels.get(session.id)
    return {
        "id": session.id,
        "title": session.title,
        "topic": session.topic,
        "kind": session.kind.value,
        "day": session.day.isoformat(),
        "start": iso(local(session.start, zone)),
        "end": iso(local(session.end, zone)),
        "event_id": session.event_id,
        "guid": session.guid,
        "code": session.code,
        "slug": session.slug,
        "room": session.room,
        "chairs": list(session.chairs),
        "theme": session.theme,
        "description": session.description,
        "papers": [
            {"title": p.title, "url": p.url, "publisher": p.publisher, "note": p.note}
            for p in session.papers
        ],
        "links": [{"title": p.title, "url": p.url, "type": p.note} for p in session.links],
        "not_recorded": session.not_recorded,
        "feedback_url": session.feedback_url,
        "interest": level.value if level else None,
        "note": notes.get(session.id, ""),
        "provenance": {
            "sources": [source.url for source in session.provenance.sources],
            "label_blank": session.provenance.label_blank,
            "inferred": sorted(session.provenance.inferred),
            "note": session.provenance.note,
        },
    }


def person_record(person: Person, sessions: tuple[Session, ...]) -> dict[str, Any]:
    """A person as JSON-ready data: what the programme says, and their sessions' ids."""
    return {
        "name": person.name,
        "roles": list(person.roles),
        "biography": person.biography,
        "links": [{"title": link.title, "url": link.url} for link in person.links],
        "ids": list(person.keys),
        "sources": [source.url for source in person.sources],
        "sessions": [session.id for session in sessions],
    }

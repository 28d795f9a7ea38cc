"""The loaded programme as c3voc `schedule.json`, valid against the c3voc schema.

What the format cannot hold (session ids, papers' publishers and notes, provenance, the
conference's overview, agenda and key figures) goes in an `hldtui` object inside
`schedule`, which the schema allows, so that loading the file back gives an equal model.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hldtui import __version__
from hldtui.exports import ExportError
from hldtui.model import Conference, Paper, Person, Provenance, Schedule, Session, Source
from hldtui.text import uri

EXTENSION = "hldtui"
_SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")


def session_guid(schedule: Schedule, session: Session) -> str:
    """A stable UUID for a session: the same programme always gives the same guid."""
    return _guid(f"{schedule.conference.id}/{session.id}")


def _guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"hldtui:{name}"))


def to_c3voc(schedule: Schedule) -> dict[str, Any]:
    """The programme as a schedule.json document; ExportError for a programme in no time
    zone, since the format's times need an offset."""
    conference = schedule.conference
    if not conference.has_zone:
        raise ExportError(
            "schedule.json needs times with a UTC offset, and this programme gives no time "
            "zone. Say which zone it is in with --zone, such as --zone Europe/Brussels."
        )
    zone = conference.zone
    numbers = {session.id: number for number, session in enumerate(schedule.sessions, start=1)}
    days = []
    for index, day in enumerate(schedule.days, start=1):
        sessions = schedule.on_day(day)
        rooms: dict[str, list[dict[str, Any]]] = {}
        for session in sorted(sessions, key=lambda s: schedule.room_place(s.room)):
            event = _event(schedule, session, numbers[session.id])
            rooms.setdefault(session.room or "", []).append(event)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                # The whole programme day, from one day change to the next.
                "day_start": _day_change(day, conference).isoformat(),
                "day_end": _day_change(day + timedelta(days=1), conference).isoformat(),
                "rooms": rooms,
            }
        )
    body: dict[str, Any] = {
        "acronym": _acronym(conference.acronym or conference.id),
        "title": conference.title,
        "start": conference.start.isoformat(),
        "end": conference.end.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": "00:15",
        "days": days,
    }
    if isinstance(zone, ZoneInfo):
        # A fixed offset has no name the format accepts; the dates carry it instead.
        body["time_zone_name"] = conference.timezone
    if conference.overview:
        body["description"] = conference.overview
    if conference.sources and conference.sources[0].url.startswith(("http://", "https://")):
        body["url"] = uri(conference.sources[0].url)
    if schedule.rooms:
        body["rooms"] = [
            {"name": name, "guid": _guid(f"{conference.id}/room/{name}")} for name in schedule.rooms
        ]
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "hldtui", "version": __version__},
        "schedule": {
            "version": schedule.revised.isoformat() if schedule.revised else __version__,
            "conference": body,
            EXTENSION: _extension(schedule),
        },
    }


def to_c3voc_json(schedule: Schedule) -> str:
    return json.dumps(to_c3voc(schedule), indent=2, ensure_ascii=False) + "\n"


def _event(schedule: Schedule, session: Session, number: int) -> dict[str, Any]:
    minutes = int((session.end - session.start).total_seconds() // 60)
    slug = session.id.lower() if _SLUG.match(session.id.lower()) else None
    guid = session_guid(schedule, session)
    conference_url = schedule.conference.sources[0].url if schedule.conference.sources else ""
    return {
        "guid": guid,
        "id": number,
        "date": session.start.isoformat(),
        "start": f"{session.start:%H:%M}",
        "end": session.end.isoformat(),
        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "room": session.room or "",
        "slug": slug or f"{_slug(schedule.conference.id)}-{number}",
        # The format needs an address; a session with none gets its guid as a URN.
        "url": uri(session.provenance.url or conference_url) or f"urn:uuid:{guid}",
        "title": session.title or "",
        "subtitle": session.theme,
        "track": session.track or None,
        "type": session.kind.value,
        "language": session.language or None,
        "abstract": session.description,
        "description": "",
        "persons": [
            _person(name, schedule.person(name), index)
            for index, name in enumerate(session.chairs, 1)
        ],
        "do_not_record": session.not_recorded,
        "links": [{"url": uri(p.url), "title": p.title, "type": "paper"} for p in session.papers]
        + [{"url": uri(link.url), "title": link.title, "type": "web"} for link in session.links],
        "attachments": [],
    } | ({"feedback_url": uri(session.feedback_url)} if session.feedback_url else {})


def _person(name: str, person: Person, number: int) -> dict[str, Any]:
    """A person in frab's shape (an id and the name as the session spells it), with what
    else is known."""
    written: dict[str, Any] = {"id": number, "public_name": name}
    if person.biography:
        written["biography"] = person.biography
    if person.links:
        written["links"] = [{"url": uri(link.url), "title": link.title} for link in person.links]
    return written


def _extension(schedule: Schedule) -> dict[str, Any]:
    conference = schedule.conference
    agenda = conference.agenda
    return {
        "conference": {
            "id": conference.id,
            "zone_source": conference.zone_source.value,
            "day_change": f"{conference.day_change:%H:%M}",
            "acronym": conference.acronym,
            "short_title": conference.short_title,
            "venue": conference.venue,
            "sources": [_source(s) for s in conference.sources],
            "agenda": None
            if agenda is None
            else {
                "title": agenda.title,
                "note": agenda.note,
                "sources": [_source(s) for s in agenda.sources],
                "points": [
                    {"text": p.text, "sources": [_source(s) for s in p.sources]}
                    for p in agenda.points
                ],
            },
            "key_figures": [
                {
                    "figure": f.figure,
                    "label": f.label,
                    "note": f.note,
                    "sources": [_source(s) for s in f.sources],
                }
                for f in conference.key_figures
            ],
            "people": [
                {
                    "name": person.name,
                    "biography": person.biography,
                    "links": [_paper(link) for link in person.links],
                    "keys": list(person.keys),
                    "roles": list(person.roles),
                    "sources": [_source(s) for s in person.sources],
                }
                for person in conference.people
            ],
            "person_ids": list(conference.person_ids),
        },
        "sessions": {
            session_guid(schedule, session): {
                "id": session.id,
                "event_id": session.event_id,
                "guid": session.guid,
                "code": session.code,
                "slug": session.slug,
                "all_day": session.all_day,
                "topic": session.topic,
                "keywords": [
                    {"word": k.word, "sources": [_source(s) for s in k.sources]}
                    for k in session.keywords
                ],
                "papers": [_paper(p) for p in session.papers],
                "links": [_paper(p) for p in session.links],
                "provenance": _provenance(session.provenance),
            }
            for session in schedule.sessions
        },
    }


def _source(source: Source) -> dict[str, Any]:
    return {"key": source.key, "title": source.title, "url": source.url, "copy": source.copy}


def _paper(paper: Paper) -> dict[str, str]:
    return {
        "title": paper.title,
        "url": paper.url,
        "publisher": paper.publisher,
        "note": paper.note,
    }


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {
        "sources": [_source(s) for s in provenance.sources],
        "label_blank": provenance.label_blank,
        "inferred": sorted(provenance.inferred),
        "note": provenance.note,
    }


def _slug(text: str) -> str:
    """Lower-case letters, digits, '-' and '_' only, as the format's slugs and acronyms are."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_") or "schedule"


def _acronym(text: str) -> str:
    """The format's acronym: lower-case letters, digits and '_', four at least."""
    acronym = re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_")
    return acronym if len(acronym) >= 4 else f"{acronym}_schedule".lstrip("_")


def _day_change(day: date, conference: Conference) -> datetime:
    return datetime.combine(day, conference.day_change, conference.zone)

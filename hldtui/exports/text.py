"""Plain text for people and stable JSON records for programs, shared by the CLI commands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from hldtui.model import Conference, Interest, Kind, Schedule, Session
from hldtui.planner import NowAndNext, Phase
from hldtui.timezones import AS_WRITTEN, iso, suggest_zone


def date_range(conference: Conference) -> str:
    """'3–4 October 2013', or the fuller form when months or years differ."""
    first, last = conference.start, conference.end
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def status_line(
    schedule: Schedule, status: NowAndNext, zone: tzinfo, *, brief: bool = False
) -> str:
    """One sentence on where the conference stands: before, after, or what runs and what is
    next; ``brief`` names only the first of what runs and of what is next, and the count
    of the others, for a narrow screen."""
    conference = schedule.conference
    if status.phase is Phase.AFTER:
        return f"The conference took place {date_range(conference)}."
    if status.phase is Phase.BEFORE:
        days = (conference.start - status.today).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        first_day = conference.start
        return f"The conference starts {when}, on {first_day:%A} {first_day.day} {first_day:%B %Y}."
    parts = []
    if status.running:
        running = [f"{s.display_title} (until {local(s.end, zone):%H:%M})" for s in status.running]
        parts.append(f"▶ Now: {_listed(running, brief)}")
    else:
        parts.append("Nothing is running now")
    if status.upcoming:
        first = status.upcoming[0]
        start = local(first.start, zone)
        when = f"{start:%H:%M}" if first.day == status.today else f"{start:%a} {start:%H:%M}"
        names = _listed([s.display_title for s in status.upcoming], brief)
        parts.append(f"Next at {when}: {names}")
    else:
        parts.append("nothing more is scheduled")
    return " · ".join(parts) + "."


def _listed(names: list[str], brief: bool) -> str:
    if brief and len(names) > 1:
        return f"{names[0]} and {len(names) - 1} more"
    return ", ".join(names)


def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def time_span(session: Session, zone: tzinfo) -> str:
    """'15:00–18:00 EDT', with the day shown when the zone moves the end onto another date."""
    if session.all_day:
        return "all day"
    start, end = local(session.start, zone), local(session.end, zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
    return f"{start:%H:%M}–{until} {start.tzname()}".rstrip()


def session_line(
    session: Session, zone: tzinfo, level: Interest | None = None, *, id_width: int = 24
) -> str:
    """One line: day, time, kind, id, title and favourite mark."""
    start = local(session.start, zone)
    mark = f"  {level.mark}" if level else ""
    return (
        f"{start:%a} {start.day:>2} {start:%b}  {time_span(session, zone)}  "
        f"{session.kind.badge:<4}  {session.id:<{id_width}}  {session.display_title}{mark}"
    )


def session_text(
    session: Session, zone: tzinfo, level: Interest | None = None, note: str = ""
) -> str:
    """Everything about one session, for `hldtui show`."""
    start = local(session.start, zone)
    inferred = " (inferred)"
    times_inferred = session.is_inferred("start") or session.is_inferred("end")
    rows = [
        session.display_title + (f"  {level.mark} {level.label}" if level else ""),
        "",
        f"Id:      {session.id}",
        *[f"{label + ':':<9}{value}" for label, value in file_ids(session)],
        f"Day:     {start:%A} {start.day} {start:%B %Y}",
        f"Time:    {time_span(session, zone)}{inferred if times_inferred else ''}"
        + ("" if session.start.tzname() else f" {AS_WRITTEN}"),
        f"Kind:    {session.kind.label}{inferred if session.is_inferred('kind') else ''}",
        f"Room:    {session.room or 'not given in the programme'}",
        f"{session.kind.people_label + ':':<9}"
        + ("; ".join(session.chairs) or "not given in the programme")
        + (inferred if session.is_inferred("chairs") else ""),
    ]
    if session.track:
        rows.append(f"Track:   {session.track}")
    if session.provenance.label_blank:
        rows.append("Label:   left blank by the programme")
    if session.theme:
        rows += ["", "Theme:" if session.kind is Kind.ROUND_TABLE else "Subtitle:", session.theme]
    if session.description:
        rows += ["", session.description]
    if session.papers or session.links:
        rows += ["", "Papers and links:" if session.links else "Background papers:"]
        for paper in session.papers + session.links:
            rows += [f"- {paper.title}", f"  {paper.url}"]
            if paper.note:
                rows.append(f"  {paper.note}")
    if note:
        rows += ["", "My note:", note]
    rows += ["", "Sources:"]
    if session.provenance.note:
        rows.append(session.provenance.note)
    rows += [f"- {source.title}: {source.url}" for source in session.provenance.sources]
    return "\n".join(rows)


def file_ids(session: Session) -> list[tuple[str, str]]:
    """The ids the programme file gives a session besides its key, as (label, value)."""
    labels = (("Event", session.event_id), ("Guid", session.guid))
    labels += (("Code", session.code), ("Slug", session.slug))
    return [(label, value) for label, value in labels if value and value != session.id]


def zone_note(conference: Conference) -> str:
    """What the file left unsaid about its zone, or ''."""
    if conference.has_zone:
        return ""
    suggestion = suggest_zone(conference.venue)
    hint = f" (perhaps --zone {suggestion})" if suggestion else ""
    return f"The file gives no time zone: times are as written. --zone says which{hint}."


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
        "interest": level.value if level else None,
        "note": notes.get(session.id, ""),
        "provenance": {
            "sources": [source.url for source in session.provenance.sources],
            "label_blank": session.provenance.label_blank,
            "inferred": sorted(session.provenance.inferred),
            "note": session.provenance.note,
        },
    }

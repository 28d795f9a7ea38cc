"""A printable Markdown agenda of a delegate's favourites."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from hldtui.exports.text import local, time_span
from hldtui.model import Interest, Schedule
from hldtui.planner import Gap, agenda
from hldtui.timezones import zone_name


def agenda_markdown(
    schedule: Schedule,
    levels: Mapping[str, Interest],
    notes: Mapping[str, str],
    zone: tzinfo,
) -> str:
    conference = schedule.conference
    days = agenda(schedule, levels)
    first = schedule.sessions[0].start if schedule.sessions else None
    lines = [f"# {conference.title}: my agenda", ""]
    where = f"{conference.venue}."
    if first is not None:
        where += f" Times are {zone_name(zone, first)}."
    lines += [where, ""]
    if not days:
        lines += ["No favourites yet.", ""]
    for day in days:
        lines += [f"## {day.day:%A} {day.day.day} {day.day:%B %Y}", ""]
        for item in day.items:
            if isinstance(item, Gap):
                start, end = local(item.start, zone), local(item.end, zone)
                lines += [f"*Free {start:%H:%M}–{end:%H:%M}*", ""]
                continue
            session = item.session
            lines.append(
                f"### {time_span(session, zone)} · {session.display_title} "
                f"({item.interest.mark} {item.interest.label})"
            )
            lines.append("")
            lines.append(f"- Kind: {session.kind.label}")
            lines.append(f"- Room: {session.room or 'not given in the programme'}")
            if session.chairs:
                lines.append(f"- {session.kind.people_label}: {'; '.join(session.chairs)}")
            if session.theme:
                lines.append(f"- Theme: {session.theme}")
            if item.clashes:
                names = "; ".join(
                    f"{other.display_title} ({time_span(other, zone)})" for other in item.clashes
                )
                lines.append(f"- ⚠ Clashes with: {names}")
            for paper in session.papers:
                lines.append(f"- Paper: [{_escaped(paper.title)}]({paper.url})")
            if note := notes.get(session.id):
                lines.append(f"- My note: {note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _escaped(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")

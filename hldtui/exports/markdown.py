"""A printable Markdown agenda of a delegate's favourites."""

from __future__ import annotations

from datetime import tzinfo

from hldtui.plan import Plan
from hldtui.planner import Gap
from hldtui.present import gap_text, level_text, long_day, named_time, session_fields, titled_time
from hldtui.timezones import zone_name


def agenda_markdown(plan: Plan, zone: tzinfo) -> str:
    schedule = plan.schedule
    conference = schedule.conference
    days = plan.agenda()
    first = schedule.sessions[0].start if schedule.sessions else None
    lines = [f"# {conference.title}: my agenda", ""]
    where = f"{conference.venue}."
    if first is not None:
        where += f" Times are {zone_name(zone, first)}."
    lines += [where, ""]
    if not days:
        lines += ["No favourites yet.", ""]
    for day in days:
        lines += [f"## {long_day(day.day)}", ""]
        for item in day.items:
            if isinstance(item, Gap):
                text = gap_text(item, zone)
                lines += [f"*{text[0].upper()}{text[1:]}*", ""]
                continue
            session = item.session
            lines += [
                f"### {named_time(session, zone)} · {session.display_title} "
                f"({level_text(item.interest)})",
                "",
            ]
            fields = session_fields(session, None, schedule.title_of)
            lines += [f"- {field.line()}" for field in fields]
            if session.theme:
                lines.append(f"- Theme: {session.theme}")
            if item.clashes:
                names = "; ".join(titled_time(other, zone) for other in item.clashes)
                lines.append(f"- ⚠ Clashes with: {names}")
            for paper in session.papers:
                lines.append(f"- Paper: [{_escaped(paper.title)}]({paper.url})")
            if note := plan.note(session.id):
                lines.append(f"- My note: {note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _escaped(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")

"""How dates, times and sessions are written on screen."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.content import Content

from hldtui.model import Session
from hldtui.planner import Gap

RUNNING_MARK = "▶"


def day_label(day: date) -> str:
    """'Thu 3 Oct'."""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: date) -> str:
    """'Thursday 3 October 2013'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_range(session: Session, zone: tzinfo) -> str:
    """'15:00–18:00' in ``zone``, with a day mark when the zone moves the start off its day."""
    if session.all_day:
        return "all day"
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    shift = (start.date() - session.day).days
    return f"{start:%H:%M}–{end:%H:%M}" + (f" ({shift:+d}d)" if shift else "")


def gap_text(gap: Gap, zone: tzinfo) -> str:
    """'free 13:00–15:00 (2 h)'."""
    hours, minutes = divmod(gap.minutes, 60)
    length = " ".join(
        filter(None, (f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""))
    )
    return f"free {gap.start.astimezone(zone):%H:%M}–{gap.end.astimezone(zone):%H:%M} ({length})"


# Narrower than this, text is left to wrap on its own rather than in an indented column.
MIN_COLUMN = 12


def hanging(text: Content, indent: int, width: int) -> Content:
    """``text`` wrapped to follow a label ``indent`` cells wide: later lines line up under it."""
    column = width - indent
    if column < MIN_COLUMN:
        return text
    lines = [line for paragraph in text.split("\n") for line in paragraph.wrap(column)]
    return Content("\n" + " " * indent).join(lines)

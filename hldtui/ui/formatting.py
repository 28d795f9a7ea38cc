"""How dates, times and sessions are written on screen."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.content import Content

from hldtui.model import Session
from hldtui.planner import Gap

RUNNING_MARK = "▶"
COPY_MARK = " (a copy on another site)"


def day_label(day: date) -> str:
    """'Thu 3 Oct'."""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: date) -> str:
    """'Thursday 3 October 2013'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_shift(session: Session, zone: tzinfo) -> int:
    """How many days the start in ``zone`` falls after (or before) the session's own day."""
    return (session.start.astimezone(zone).date() - session.day).days


def time_range(session: Session, zone: tzinfo, *, shift: bool = True) -> str:
    """'15:00–18:00' in ``zone``, with a day mark such as ' (+1d)' when the zone moves the
    start off the session's day (unless ``shift`` is False: the list shows it apart)."""
    if session.all_day:
        return "all day"
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    days = day_shift(session, zone) if shift else 0
    return f"{start:%H:%M}–{end:%H:%M}" + (f" ({days:+d}d)" if days else "")


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

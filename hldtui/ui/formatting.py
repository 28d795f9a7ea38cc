"""How dates, times and sessions are written on screen."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from hldtui.model import Conference, Session

FAVOURITE_MARK = "★"


def day_label(day: date) -> str:
    """'Thu 3 Oct'."""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: date) -> str:
    """'Thursday 3 October 2013'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_range(session: Session) -> str:
    """'15:00–18:00'."""
    return f"{session.start:%H:%M}–{session.end:%H:%M}"


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


# Narrower than this, text is left to wrap on its own rather than in an indented column.
MIN_COLUMN = 12


def hanging(text: Content, indent: int, width: int, *, first_line_indented: bool = True) -> Content:
    """``text`` wrapped into a column ``indent`` cells from the left of a ``width``-cell area."""
    column = width - indent
    if column < MIN_COLUMN:
        return text
    pad = " " * indent
    lines = [line for paragraph in text.split("\n") for line in paragraph.wrap(column)]
    wrapped = Content("\n" + pad).join(lines)
    return Content(pad) + wrapped if first_line_indented else wrapped

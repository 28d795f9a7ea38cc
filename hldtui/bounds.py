"""Limits on what input may ask of hldtui, so that no file or option makes it do unbounded work.

Each is far above what real use needs: the biggest congress files are a few MB, run for
under two weeks and fall within a few years of today, and a note is a few lines.
"""

from __future__ import annotations

from datetime import date

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DAYS = 60
MAX_REPEATS = 2_000
"""Sessions made by a calendar's repeating events (a week of daily meals is a few dozen);
expanding them is slow, about a quarter of a millisecond each."""
FIRST_YEAR, LAST_YEAR = 1900, 2200
NOTE_LIMIT = 10_000
"""Characters of a private note."""


def span_problem(first: date, last: date) -> str | None:
    """Why a programme running from ``first`` to ``last`` is refused, or None."""
    days = (last - first).days + 1
    if days > MAX_DAYS:
        return (
            f"the programme spans {days:,} days, {first} to {last}. hldtui opens programmes "
            f"of at most {MAX_DAYS} days; check the dates of the conference and its sessions."
        )
    return None


def year_problem(day: date) -> str | None:
    """Why a date is refused, or None: only years FIRST_YEAR to LAST_YEAR are read."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return f"{day.isoformat()} is outside the years hldtui reads, {FIRST_YEAR} to {LAST_YEAR}."

"""The one error type every loader raises, and how file content is quoted in its messages."""

from __future__ import annotations

from pathlib import Path

from hldtui.text import one_line

QUOTE_LIMIT = 60
READABLE = (
    "hldtui reads hldtui YAML, frab/Pentabarf schedule.xml, c3voc schedule.json, "
    "iCalendar (.ics) and xCal programmes"
)


def quoted(value: object) -> str:
    """A value from a file as it may appear in a message: one short line, nothing a
    terminal would act on, between backticks."""
    return f"`{one_line(str(value), QUOTE_LIMIT)}`"


class ScheduleError(Exception):
    """A schedule file that cannot be used, with where and why.

    ``line`` is 1-based; ``field`` is a path such as ``sessions[3].end``.
    """

    def __init__(
        self, path: Path | str, message: str, *, line: int | None = None, field: str = ""
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        self.field = one_line(field, QUOTE_LIMIT * 2)
        super().__init__(str(self))

    @property
    def location(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", {self.field}"
        return where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

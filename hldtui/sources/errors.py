"""The errors of reading a programme: the one error type every loader raises, and the one
an address raises that gives no programme; how file content is quoted in their messages."""

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


SCHEMES = ("http://", "https://", "webcal://")
"""How a programme's address begins; anything else names a file."""


def is_address(text: str) -> bool:
    return text.lower().startswith(SCHEMES)


class RemoteError(Exception):
    """An address that gave no programme, and why."""

    def __init__(self, address: str, message: str) -> None:
        self.address = one_line(address, 200)
        self.message = message
        super().__init__(f"{self.address}: {message}")

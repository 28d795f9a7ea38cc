"""The one error type every loader raises."""

from __future__ import annotations

from pathlib import Path


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
        self.field = field
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

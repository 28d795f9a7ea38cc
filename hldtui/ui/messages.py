"""Messages that carry changes up to the screen."""

from __future__ import annotations

from textual.message import Message

from hldtui.changes import Notices
from hldtui.plan import PlanChange
from hldtui.ui.widgets.rows import Target


class Highlighted(Message):
    """The list's or the timetable's cursor reached a session (or an About passage)."""

    def __init__(self, target: Target | None) -> None:
        super().__init__()
        self.target = target


class Selected(Message):
    """Enter, or a second click, on the highlighted session."""

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target


class PlanChanged(Message):
    """Another running copy of the app changed the plan (the screen shows its own
    changes as it makes them)."""

    def __init__(self, change: PlanChange) -> None:
        super().__init__()
        self.change = change


class ChangesSeen(Message):
    """The user takes the version of the programme shown as the one seen."""


class NoticesChosen(Message):
    """The user chose which changes to be told of."""

    def __init__(self, notices: Notices) -> None:
        super().__init__()
        self.notices = notices

"""Messages that carry changes and commands up to the screen: widgets report what the
user did, and the palette's providers ask for what the user chose."""

from __future__ import annotations

from textual.message import Message

from hldtui.changes import Notices
from hldtui.model import Session
from hldtui.plan import PlanChange
from hldtui.ui.views import View
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


class ShowView(Message):
    """Show this view (a tab, the agenda, a day's timetable)."""

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view


class JumpTo(Message):
    """Go to this session's day, with the cursor on it."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class RunCommand(Message):
    """Run a command of the command table, by its id, where its keys would run it."""

    def __init__(self, command_id: str) -> None:
        super().__init__()
        self.command_id = command_id

"""Messages that carry changes up to the screen."""

from __future__ import annotations

from textual.message import Message

from hldtui.plan import PlanChange


class PlanChanged(Message):
    """Another running copy of the app changed the plan (the screen shows its own
    changes as it makes them)."""

    def __init__(self, change: PlanChange) -> None:
        super().__init__()
        self.change = change

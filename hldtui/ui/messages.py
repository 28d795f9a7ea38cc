"""Messages that carry changes up to the screen."""

from __future__ import annotations

from textual.message import Message

from hldtui.plan import PlanChange


class PlanChanged(Message):
    """The plan changed, here or in another running copy of the app."""

    def __init__(self, change: PlanChange) -> None:
        super().__init__()
        self.change = change

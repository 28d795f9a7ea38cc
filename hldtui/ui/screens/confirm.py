"""A yes-or-no question, such as whether to replace a file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Returns True for y, False for n or Esc."""

    BINDINGS = bindings("confirm")

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Label(Content(self.question), id="confirm-question", markup=False)
            if self.detail:
                yield Label(Content(self.detail), id="confirm-detail", markup=False)
            yield Label("y yes · n or Esc no", classes="dialog-help")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

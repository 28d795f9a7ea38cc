"""A small list to pick one thing from: a kind or track, a room, which changes to be told of."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog

Choice = TypeVar("Choice")


class PickerScreen(Dialog[Choice | None], Generic[Choice]):
    """Returns the value of the label chosen, or None when Esc cancels."""

    DEFAULT_CSS = """
    PickerScreen #picker-box {
        max-width: 60;
    }
    PickerScreen #picker-list {
        height: auto;
        max-height: 20;
        border: none;
    }
    """

    BINDINGS = bindings("picker")

    def __init__(self, title: str, choices: list[tuple[str, Choice]]) -> None:
        super().__init__()
        self.heading = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="dialog"):
            yield Label(
                Content(self.heading), id="picker-title", classes="dialog-title", markup=False
            )
            yield OptionList(
                *(Option(Content(label)) for label, _ in self.choices),
                id="picker-list",
                markup=False,
            )
            yield Label("Enter picks · Esc cancels", classes="dialog-help")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)

"""A small list to pick a filter from: a kind or track, or a room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from hldtui.filters import FilterChoice
from hldtui.ui.commands import bindings


class PickerScreen(ModalScreen[FilterChoice | None]):
    """Returns the chosen (field, value), or None when Esc cancels."""

    BINDINGS = bindings("picker")

    def __init__(self, title: str, choices: list[tuple[str, FilterChoice]]) -> None:
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

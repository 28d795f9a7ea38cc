"""A list to pick one thing from (a kind or track, a room, which changes to be told of, an
address to copy), narrowed as one types: every word typed must start a word of an entry,
case and accents ignored. ↑ ↓ move in the list while the typing goes on, Enter takes the
highlighted entry, and the line under the list says how many entries are left."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from hldtui.search import query_words, starts_words
from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog

Choice = TypeVar("Choice")
HELP = "↑↓ move · Enter picks · Esc cancels"


class PickerScreen(Dialog[Choice | None], Generic[Choice]):
    """Returns the value of the entry chosen, or None when Esc cancels."""

    DEFAULT_CSS = """
    PickerScreen #picker-box {
        max-width: 60;
    }
    PickerScreen.-wide #picker-box {
        max-width: 90;
    }
    PickerScreen #picker-find {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    PickerScreen #picker-list {
        height: auto;
        max-height: 20;
        border: none;
    }
    """

    BINDINGS = bindings("picker")
    # Typing narrows the list from the first key, however fast the keys come.
    AUTO_FOCUS = "#picker-find"

    def __init__(
        self, title: str, choices: list[tuple[str, Choice]], *, wide: bool = False
    ) -> None:
        """A ``wide`` picker is for entries of two long lines."""
        super().__init__(classes="-wide" if wide else None)
        self.heading = title
        self.choices = choices
        self.shown: list[int] = list(range(len(choices)))
        """The entries the typing leaves, as places in ``choices``."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="dialog"):
            yield Label(
                Content(self.heading), id="picker-title", classes="dialog-title", markup=False
            )
            yield Input(placeholder="Type to find…", id="picker-find")
            yield OptionList(
                *(Option(Content(label)) for label, _ in self.choices),
                id="picker-list",
                markup=False,
            )
            yield Label(self._help(), id="picker-help", classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0 if self.choices else None

    @on(Input.Changed, "#picker-find")
    def _narrow(self, event: Input.Changed) -> None:
        words = query_words(event.value)
        self.shown = [
            place for place, (label, _) in enumerate(self.choices) if starts_words(words, label)
        ]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(Content(self.choices[place][0])) for place in self.shown)
        options.highlighted = 0 if self.shown else None
        self.query_one("#picker-help", Label).update(Content(self._help()))

    def _help(self) -> str:
        if len(self.shown) == len(self.choices):
            return HELP
        return f"{len(self.shown)} of {len(self.choices)} · {HELP}"

    @on(Input.Submitted, "#picker-find")
    def _submitted(self) -> None:
        self.action_pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[self.shown[event.option_index]][1])

    def action_next(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_previous(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_pick(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self.choices[self.shown[highlighted]][1])

    def action_cancel(self) -> None:
        self.dismiss(None)

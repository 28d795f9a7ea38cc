"""The help screen: every command's keys, place by place, from the command table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from hldtui.ui.commands import ALSO, COMMANDS, PLACES, bindings
from hldtui.ui.formatting import hanging
from hldtui.ui.screens.dialog import Dialog

KEY_WIDTH = 16


class HelpScreen(Dialog[None]):
    BINDINGS = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog -page"):
            yield HelpText(id="help-text", markup=False)


class HelpText(Static):
    """The keys, wrapped again at each width."""

    def on_resize(self) -> None:
        self.update(self._text(self.size.width))

    def _keys(self, keys: str, action: str = "") -> str:
        return " ".join(self.app.get_key_display(Binding(key, action)) for key in keys.split(","))

    def _text(self, width: int) -> Content:
        """Each key and what it does, later lines of a long description under its start."""

        def line(keys: str, meaning: str) -> list[Content | tuple[str, str] | str]:
            key_column = f"  {keys:<{KEY_WIDTH}}"
            described = hanging(Content(meaning), len(key_column), width)
            return [(key_column, "$text-secondary"), described, "\n"]

        parts: list[Content | tuple[str, str] | str] = [("Keys", "bold $accent"), "\n"]
        for place, heading in PLACES.items():
            commands = [c for c in COMMANDS if c.place == place and c.keys]
            if not commands:
                continue
            parts += ["\n", (heading, "bold"), "\n"]
            for command in commands:
                parts += line(self._keys(command.keys, command.action), command.description)
        parts += ["\n", ("Also", "bold"), "\n"]
        for keys, meaning in ALSO:
            parts += line(self._keys(keys), meaning)
        parts += ["\n", ("Press Esc to close.", "italic $text-muted")]
        return Content.assemble(*parts)

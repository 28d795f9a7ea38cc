"""The help screen: every key binding, read from the widgets that declare it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_WIDTH = 16


def declared_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares or inherits, as Textual merges them."""
    merged: dict[str, Binding] = {}
    for base in reversed(node_class.__mro__):
        if not issubclass(base, DOMNode) or "BINDINGS" not in base.__dict__:
            continue
        if not base.__dict__.get("inherit_bindings", True):
            merged.clear()
        for binding in base.__dict__["BINDINGS"]:
            if isinstance(binding, Binding) and not binding.system:
                merged[binding.action] = binding
    return list(merged.values())


def key_names(app: App, binding: Binding) -> str:
    return " ".join(
        app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")
    )


class HelpScreen(ModalScreen[None]):
    """Each place's keys; ``places`` pairs a heading with the classes whose keys apply there."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(
        self, places: list[tuple[str, list[type[DOMNode]]]], extra: list[tuple[str, str]]
    ) -> None:
        super().__init__()
        self.places = places
        self.extra = extra

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._text(), id="help-text")

    def _text(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = [("Keys", "bold $accent"), "\n"]
        for heading, classes in self.places:
            parts += ["\n", (heading, "bold"), "\n"]
            for node_class in classes:
                for binding in declared_bindings(node_class):
                    parts += [
                        (f"  {key_names(self.app, binding):<{KEY_WIDTH}}", "$text-secondary"),
                        binding.description or binding.action.replace("_", " ").capitalize(),
                        "\n",
                    ]
        parts += ["\n", ("Also", "bold"), "\n"]
        for keys, meaning in self.extra:
            parts += [(f"  {keys:<{KEY_WIDTH}}", "$text-secondary"), meaning, "\n"]
        parts += ["\n", ("Press Esc to close.", "italic $text-muted")]
        return Content.assemble(*parts)

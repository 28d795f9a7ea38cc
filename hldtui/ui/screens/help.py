"""The help screen: every key binding, read from the classes that declare it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

KEY_WIDTH = 16

# Textual classes whose own keys users rely on; other Textual bases only add generic scrolling.
SHOWN_TEXTUAL_BASES: tuple[type[DOMNode], ...] = (OptionList,)


def declared_bindings(node_class: type[DOMNode]) -> list[tuple[list[str], Binding]]:
    """Each action a class binds, with all its keys and the most specific description."""
    merged: dict[str, tuple[list[str], Binding]] = {}
    for base in reversed(node_class.__mro__):
        shown = base.__module__.startswith("hldtui") or base in SHOWN_TEXTUAL_BASES
        if not shown or "BINDINGS" not in base.__dict__:
            continue
        if not base.__dict__.get("inherit_bindings", True):
            merged.clear()
        for binding in base.__dict__["BINDINGS"]:
            if not isinstance(binding, Binding) or binding.system:
                continue
            keys, first = merged.get(binding.action, ([], binding))
            keys += [key for key in binding.key.split(",") if key not in keys]
            merged[binding.action] = (keys, binding if binding.description else first)
    return list(merged.values())


def key_names(app: App, action: str, keys: list[str]) -> str:
    return " ".join(app.get_key_display(Binding(key, action)) for key in keys)


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
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(self._text(), id="help-text")

    def _text(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = [("Keys", "bold $accent"), "\n"]
        for heading, classes in self.places:
            parts += ["\n", (heading, "bold"), "\n"]
            for node_class in classes:
                for keys, binding in declared_bindings(node_class):
                    names = key_names(self.app, binding.action, keys)
                    parts += [
                        (f"  {names:<{KEY_WIDTH}}", "$text-secondary"),
                        binding.description or binding.action.replace("_", " ").capitalize(),
                        "\n",
                    ]
        parts += ["\n", ("Also", "bold"), "\n"]
        for keys, meaning in self.extra:
            parts += [(f"  {keys:<{KEY_WIDTH}}", "$text-secondary"), meaning, "\n"]
        parts += ["\n", ("Press Esc to close.", "italic $text-muted")]
        return Content.assemble(*parts)

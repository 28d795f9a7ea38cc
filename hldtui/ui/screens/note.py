"""A small editor for a private note on a session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Returns the edited text on ctrl+s, or None when Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.session_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Label(f"My note on {self.session_title}", id="note-title")
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s saves · Esc cancels · an empty note is removed", id="note-help")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""A small editor for a private note on a session."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from hldtui.bounds import NOTE_LIMIT
from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog


class NoteEditor(TextArea):
    """A text area that takes no more of a paste than the note has room for, so that
    pasting a huge text cannot stall the app."""

    async def _on_paste(self, event: events.Paste) -> None:
        room = NOTE_LIMIT - len(self.text) + len(self.selected_text)
        if len(event.text) <= room:
            await super()._on_paste(event)
            return
        event.prevent_default()
        self.notify(
            f"Notes hold at most {NOTE_LIMIT:,} characters; only the start was pasted.",
            severity="warning",
        )
        await super()._on_paste(events.Paste(event.text[: max(0, room)]))


class NoteScreen(Dialog[str | None]):
    """Returns the edited text on ctrl+s, or None when Esc cancels."""

    DEFAULT_CSS = """
    NoteScreen #note-text {
        height: 8;
    }
    """

    BINDINGS = bindings("note")

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.session_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label(
                Content(f"My note on {self.session_title}"),
                id="note-title",
                classes="dialog-title",
                markup=False,
            )
            yield NoteEditor(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(
                "ctrl+s saves · Esc cancels · an empty note is removed", classes="dialog-help"
            )

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def on_key(self, event: events.Key) -> None:
        """Keys that reach the screen before the editor has the focus (typed in a burst
        right after n) go into the editor."""
        editor = self.query_one(NoteEditor)
        if event.is_printable and event.character and self.focused is not editor:
            event.stop()
            editor.insert(event.character)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if len(text) > NOTE_LIMIT:
            self.notify(
                f"This note has {len(text):,} characters; notes hold at most {NOTE_LIMIT:,}. "
                "Shorten it, then save.",
                severity="warning",
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

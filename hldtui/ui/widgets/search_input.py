"""The search field: what is typed becomes the search view's query, on every keystroke."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

from hldtui.search import SEARCH_LIMIT
from hldtui.ui.commands import bindings


class SearchInput(Input):
    BINDINGS = bindings("search")

    # The field's size never depends on its text, so a character typed needs no layout of
    # the screen: the results come in the frame that shows it.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class ToResults(Message):
        """The user goes down from the field to the results."""

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, max_length=SEARCH_LIMIT)

    def action_focus_results(self) -> None:
        self.post_message(self.ToResults())

    def _on_paste(self, event: events.Paste) -> None:
        """A paste longer than the field holds is cut to fit, where Input would drop it. A
        share link is not searched for: it goes on to the app, which takes in its plan."""
        from hldtui.share import is_share_link

        if is_share_link(event.text):
            event.prevent_default()
            return
        event.stop()
        lines = event.text.splitlines()
        if not lines:
            return
        start, end = sorted(self.selection)
        room = max(0, (self.max_length or SEARCH_LIMIT) - len(self.value) + (end - start))
        if self.selection.is_empty:
            self.insert_text_at_cursor(lines[0][:room])
        else:
            self.replace(lines[0][:room], start, end)

"""The plan as a QR code a phone camera reads, with its link below it to copy, or beside
it where the window is too short for both. The code has no border around it, so that a
terminal of 30 rows shows the code of a link of up to about 190 characters whole."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from hldtui.qr import DARK, HALF, LIGHT, QRError, Run, cell_rows
from hldtui.share import SharedPlan
from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog

BELOW_ROWS = 12
"""The rows the words and the link take under the code."""


class ShareScreen(Dialog[None]):
    DEFAULT_CSS = """
    ShareScreen #share-box {
        width: 100%;
        height: 100%;
        background: $surface;
        layout: horizontal;
    }
    ShareScreen #share-box.-below {
        layout: vertical;
    }
    ShareScreen #share-box.-below #share-side {
        width: 100%;
        height: 1fr;
    }
    ShareScreen #share-code {
        width: auto;
        height: auto;
    }
    ShareScreen #share-side {
        width: 1fr;
        min-width: 20;
        height: 100%;
        padding: 0 1;
    }
    ShareScreen #share-title {
        text-style: bold;
        color: $accent;
    }
    ShareScreen #share-words {
        height: auto;
        padding: 1 0 0 0;
    }
    ShareScreen #share-fit {
        height: auto;
        color: $text-warning;
        padding: 1 0 0 0;
    }
    """

    BINDINGS = bindings("share")

    def __init__(self, shared: SharedPlan) -> None:
        super().__init__()
        self.shared = shared
        self.link = shared.link
        try:
            self.rows = cell_rows(self.link)
            self.problem = ""
        except QRError as error:
            self.rows, self.problem = [], f"No QR code: {error}"

    def compose(self) -> ComposeResult:
        shared = self.shared
        chosen = len(shared.see)
        counts = (
            f"{chosen - len(shared.maybe)} ★, {len(shared.maybe)} ☆, {len(shared.hidden)} hidden"
        )
        with Container(id="share-box"):
            if self.rows:
                yield Static(_drawn(self.rows), id="share-code")
            with VerticalScroll(id="share-side"):
                yield Static(Content(f"Share your plan: {counts}"), id="share-title")
                yield Static(Content(self.problem), id="share-fit", markup=False)
                words = Content.assemble(
                    ("Scan the code with a phone: ", "bold"),
                    "Giggity 3.0 or later opens the programme with your plan.\n\n",
                    ("On another computer: ", "bold"),
                    "paste the link into hldtui, or give it to hldtui import link.\n\n",
                    (self.link, "$text-muted"),
                    "\n\n",
                    ("c copies the link · Esc closes", "italic $text-muted"),
                )
                yield Static(words, id="share-words", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        """The link below the code where the window has the rows for both, else beside
        it; and say when the window is too small for the whole code, which a camera
        needs."""
        if not self.rows:
            return
        width, height = sum(count for count, _, _ in self.rows[0]), len(self.rows)
        size = self.app.size
        below = height + BELOW_ROWS <= size.height
        self.query_one("#share-box").set_class(below, "-below")
        fits = height <= size.height and (below or width + 20 <= size.width)
        self.query_one("#share-fit", Static).update(
            ""
            if fits
            else f"The code is {width} columns by {height} rows, and this window is "
            f"{size.width} by {size.height}: make it larger for a camera to read the code "
            "whole, or write it as an image with hldtui share --qr-png FILE."
        )

    def action_copy_link(self) -> None:
        self.app.copy_to_clipboard(self.link)
        self.notify(self.link, title="Link sent to the clipboard")


def _drawn(rows: list[list[Run]]) -> Content:
    """The code's cells in its own colours, the theme's never."""

    def colour(dark: bool) -> str:
        return DARK if dark else LIGHT

    lines = (
        Content.assemble(
            *((HALF * count, f"{colour(top)} on {colour(bottom)}") for count, top, bottom in row)
        )
        for row in rows
    )
    return Content("\n").join(lines)

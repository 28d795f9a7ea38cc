"""The plan as a QR code a phone camera reads, with its link below to copy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from hldtui.qr import DARK, LIGHT, QRError, half_block_rows
from hldtui.share import SharedPlan
from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog


class ShareScreen(Dialog[None]):
    DEFAULT_CSS = """
    ShareScreen #share-box {
        width: 100%;
        max-width: 100%;
        max-height: 100%;
        padding: 0;
    }
    ShareScreen #share-row {
        height: auto;
    }
    ShareScreen #share-code {
        width: auto;
        height: auto;
    }
    ShareScreen #share-words {
        width: 1fr;
        min-width: 20;
        height: auto;
        padding: 1 1 0 1;
    }
    """

    BINDINGS = bindings("share")

    def __init__(self, shared: SharedPlan) -> None:
        super().__init__()
        self.shared = shared
        self.link = shared.link

    def compose(self) -> ComposeResult:
        shared = self.shared
        chosen = len(shared.see)
        counts = (
            f"{chosen - len(shared.maybe)} ★, {len(shared.maybe)} ☆, {len(shared.hidden)} hidden"
        )
        with VerticalScroll(id="share-box", classes="dialog") as box:
            box.border_title = f"Share your plan ({counts})"
            box.border_subtitle = "c copies the link · Esc closes"
            with Horizontal(id="share-row"):
                try:
                    rows = half_block_rows(self.link)
                except QRError as error:
                    yield Static(Content(f"No QR code: {error}"), id="share-code")
                else:
                    code = Content.styled("\n".join(rows), f"{DARK} on {LIGHT}")
                    yield Static(code, id="share-code")
                words = Content.assemble(
                    ("Scan it with a phone: ", "bold"),
                    "Giggity 3.0 or later opens the programme with your plan.\n\n",
                    ("On another computer: ", "bold"),
                    "paste the link into hldtui, or give it to hldtui import link.\n\n",
                    (self.link, "$text-muted"),
                )
                yield Static(words, id="share-words", markup=False)

    def on_mount(self) -> None:
        code = self.query_one("#share-code", Static)
        width = len(str(code.content).split("\n", 1)[0])
        height = str(code.content).count("\n") + 1
        if width > self.app.size.width or height + 2 > self.app.size.height:
            self.notify(
                f"The QR code needs {width} columns and {height + 2} rows: make the "
                "window larger for a phone to read it, or copy the link with c.",
                severity="warning",
                timeout=15,
            )

    def action_copy_link(self) -> None:
        self.app.copy_to_clipboard(self.link)
        self.notify(self.link, title="Link sent to the clipboard")

"""What every question and panel over the main screen shares: a bordered box in the
middle. The styles are the screens' own, read when the first of them opens: a start that
opens none reads none."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    /* Every modal box: a bordered panel on the surface. */
    Dialog .dialog {
        width: 80%;
        max-width: 80;
        height: auto;
        max-height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    /* A page to read (help, About): most of the screen. */
    Dialog .dialog.-page {
        width: 90%;
        max-width: 100;
        height: 90%;
        max-height: 90%;
    }
    Dialog .dialog-title {
        text-style: bold;
    }
    Dialog .dialog-help {
        color: $text-muted;
    }
    """

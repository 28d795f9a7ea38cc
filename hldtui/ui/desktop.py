"""Desktop notifications for reminders: an escape sequence the terminal turns into one,
where the terminal is known to, and `notify-send` where it exists."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Mapping

from hldtui.text import one_line

OSC9_TERMINALS = frozenset({"iTerm.app", "WezTerm", "ghostty"})
"""$TERM_PROGRAM values of terminals that show OSC 9 as a notification."""


def osc_notification(title: str, body: str, environ: Mapping[str, str]) -> str:
    """The escape sequence that makes this terminal show a notification, or ''.

    OSC 777 for VTE terminals (GNOME Terminal, Tilix), foot and urxvt; OSC 9 for iTerm2,
    WezTerm and Ghostty. The text is one plain line, so it cannot end the sequence early.
    """
    title, body = _plain(title), _plain(body)
    term = environ.get("TERM", "")
    if environ.get("VTE_VERSION") or term.startswith(("foot", "rxvt")):
        return f"\x1b]777;notify;{title.replace(';', ',')};{body.replace(';', ',')}\x07"
    if environ.get("TERM_PROGRAM") in OSC9_TERMINALS:
        return f"\x1b]9;{title}: {body}\x07"
    return ""


def _plain(text: str) -> str:
    # one_line shows control characters as visible symbols; those are not ASCII controls.
    return one_line(text, 200)


class DesktopNotifier:
    """Sends a reminder to the desktop: through the terminal, and with `notify-send` when
    there is a graphical session to show it in."""

    def __init__(
        self, write: Callable[[str], None], environ: Mapping[str, str] = os.environ
    ) -> None:
        self.write = write
        self.environ = environ
        graphical = environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
        self.notify_send = shutil.which("notify-send") if graphical else None

    def __call__(self, title: str, body: str) -> None:
        if sequence := osc_notification(title, body, self.environ):
            self.write(sequence)
        if self.notify_send:
            # Arguments, never a shell; it must not hold up the app.
            subprocess.Popen(
                [self.notify_send, "--app-name=hldtui", _plain(title), _plain(body)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )

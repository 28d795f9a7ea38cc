"""Starting the app: the one part of the command line that imports the user interface."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from hldtui.cli.context import Context
from hldtui.cli.output import is_terminal, is_web_driven
from hldtui.cli.status import ExitStatus, UsageError
from hldtui.programme import remember
from hldtui.timezones import running_from

if TYPE_CHECKING:
    from hldtui.ui.app import HldApp


def start_app(context: Context, refresh_minutes: int | None) -> ExitStatus:
    # Textual reads keys from stdin and draws on stderr: without a terminal it would wait
    # for keys forever. An app of `hldtui serve` has none, and needs none: its driver
    # speaks to the server through stdin and stdout.
    if not is_web_driven() and not (is_terminal(sys.__stdin__) and is_terminal(sys.__stderr__)):
        raise UsageError(
            "the app needs a terminal, and stdin or stderr is not one. For scripts, use the "
            "commands list, search, show, now and export (hldtui --help)."
        )
    app = make_app(context, refresh_minutes)
    app.run()
    # Where the app was left before it kept the parsed programme and remembered it itself.
    app.programme.keep_parsed()
    remember(app.programme)
    return ExitStatus.BAD_INPUT if app.return_code else ExitStatus.FOUND


def make_app(context: Context, refresh_minutes: int | None) -> HldApp:
    """The app over the context's programme. ``refresh_minutes`` is --refresh-every's;
    None for the catalogue entry's interval, or else the usual one."""
    from hldtui.ui.app import HldApp

    return HldApp(
        context.programme,
        clock=running_from(context.now) if context.pretending else context.clock,
        viewer_zone=context.chosen_zone,
        reminders=context.reminders,
        refresh_minutes=refresh_minutes,
    )

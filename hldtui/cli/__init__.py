"""Command line: the app, and commands for scripts. Also run as `python -m hldtui`.

`parser` reads the arguments, `context` opens the programme they name, `commands` does
what they ask and `app` starts the app; `output` is how anything is printed, and `status`
says what the exit status means. Messages go to stderr; results to stdout.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hldtui.cli.output import discard_stdout, print_plan_warnings, safe_output, say
from hldtui.cli.parser import parse_arguments
from hldtui.cli.status import ExitStatus, UsageError
from hldtui.crash import error_message, save_report
from hldtui.programme import OpenError
from hldtui.sources import ScheduleError
from hldtui.sources.errors import RemoteError
from hldtui.store import data_dir

if TYPE_CHECKING:
    from hldtui.cli.context import Context

__all__ = ["ExitStatus", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    with safe_output():
        try:
            status = run(argv)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (as with `| head`): stop quietly, as other tools do.
            discard_stdout()
            return ExitStatus.FOUND
        except OSError as error:
            discard_stdout()
            say(f"cannot write the output ({error.strerror or error}).")
            return ExitStatus.BAD_INPUT
        return status


def run(argv: Sequence[str] | None) -> ExitStatus:
    args = parse_arguments(argv)
    if args.command is None:
        # The app collects garbage from its first complete screen on (see HldApp): before
        # it, collection would run dozens of times over objects that all stay.
        gc.disable()
    key = (args.command, getattr(args, "format", None))
    if args.command is not None:
        # The app's start imports none of the commands.
        from hldtui.cli.commands import WITHOUT_PROGRAMME

        if key in WITHOUT_PROGRAMME:
            return _answered(lambda: WITHOUT_PROGRAMME[key](args))
    try:
        if key == ("import", "link"):
            from hldtui.cli.commands import read_shared_link

            read_shared_link(args)
        from hldtui.cli.context import open_context

        context = open_context(args)
    except (ScheduleError, RemoteError, UsageError, OpenError) as error:
        return _refused(error)
    except Exception as error:
        # Opening writes nothing to stdout, so even an OSError here is a fault of hldtui's.
        return _crashed(error)
    if args.command is None and (args.plain or os.environ.get("TERM") == "dumb"):
        from hldtui.cli.plain import run_plain

        return _answered(lambda: ExitStatus(run_plain(context)))
    if args.command is None:
        from hldtui.cli.app import start_app

        return _answered(lambda: start_app(context, args.refresh_every))
    return _answered(lambda: _command(context, args, key))


def _command(context: Context, args: argparse.Namespace, key: tuple[str, str | None]) -> ExitStatus:
    from hldtui.cli.commands import COMMANDS, say_changes

    command = COMMANDS[key]
    print_plan_warnings(context.plan)
    try:
        status = command(context, args)
    finally:
        print_plan_warnings(context.plan)
    if args.command != "changes":
        say_changes(context)
    context.programme.keep_parsed()
    return status


def _answered(work: Callable[[], ExitStatus]) -> ExitStatus:
    """What ``work`` returns, or the exit status of the error it raises, said."""
    try:
        return work()
    except (ScheduleError, RemoteError, UsageError, OpenError) as error:
        return _refused(error)
    except OSError:
        # Writing the output failed: `main` says so.
        raise
    except Exception as error:
        return _crashed(error)


def _refused(error: ScheduleError | RemoteError | UsageError | OpenError) -> ExitStatus:
    if isinstance(error, ScheduleError):
        say(f"cannot open the schedule\n  {error.location}\n  {error.message}")
    elif isinstance(error, RemoteError):
        say(f"cannot open the schedule\n  {error.address}\n  {error.message}")
    else:
        say(str(error))
    return ExitStatus.BAD_INPUT


def _crashed(error: Exception) -> ExitStatus:
    """One line on stderr naming the report of the error, kept in a file."""
    print(error_message(error, save_report(error, data_dir())), file=sys.stderr)
    return ExitStatus.BAD_INPUT

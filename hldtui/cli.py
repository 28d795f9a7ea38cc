"""Command line: `hldtui [--schedule PATH]`, also run as `python -m hldtui`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from hldtui import __version__
from hldtui.sources import ScheduleError, load_schedule
from hldtui.store import ENV_DATA_DIR, FavouritesStore, data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hldtui",
        description=(
            "Browse a conference programme in the terminal: the 2013 High-level Dialogue on "
            "International Migration and Development by default, or any schedule file in "
            "hldtui's YAML format."
        ),
        epilog=f"Favourites are kept in {data_dir()} (set {ENV_DATA_DIR} to move them).",
    )
    parser.add_argument("--version", action="version", version=f"hldtui {__version__}")
    parser.add_argument(
        "--schedule",
        metavar="PATH",
        type=Path,
        help="open this YAML schedule instead of the built-in programme "
        "(format: docs/schedule-format.md)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        schedule = load_schedule(args.schedule)
    except ScheduleError as error:
        print(
            f"hldtui: cannot open the schedule\n  {error.location}\n  {error.message}",
            file=sys.stderr,
        )
        return 2
    store = FavouritesStore(data_dir(), schedule.conference.id)

    from hldtui.ui.app import HldApp

    HldApp(schedule, store).run()
    return 0

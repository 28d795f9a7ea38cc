"""The command line's options and commands, as argparse reads them."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from hldtui import __version__
from hldtui.changes import Notices
from hldtui.programme import REFRESH_MINUTES
from hldtui.sources import format_guide_path
from hldtui.store import ENV_DATA_DIR, data_dir

ENV_NOW = "HLDTUI_NOW"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments. A start of the app names no command, so they are read first by the
    app's options alone: making every command's parser costs more than the rest of the
    reading. Anything those do not take (a command, -h, a mistake) goes to the whole
    parser, which reads or refuses it as it always does."""
    quick, _, _ = _app_parser(add_help=False, exit_on_error=False)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        rest = [""]
    if rest:
        return build_parser().parse_args(argv)
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    parser, common, as_json = _app_parser()
    add_commands(parser, common, as_json)
    return parser


def _app_parser(
    *, add_help: bool = True, exit_on_error: bool = True
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser, argparse.ArgumentParser]:
    """The parser of the app's own options, and the options every command shares."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--schedule",
        metavar="PATH|URL|ID",
        default=argparse.SUPPRESS,
        help="open this schedule instead of the built-in programme: hldtui YAML, "
        "frab/Pentabarf XML, c3voc JSON or an iCalendar (.ics) programme, from a file or "
        "an http(s):// or webcal:// address (kept for offline use), or a catalogue entry "
        "by its id (hldtui catalogue lists them). Without it, the app reopens the "
        "programme it showed last",
    )
    common.add_argument(
        "--catalogue",
        metavar="URL|PATH",
        default=argparse.SUPPRESS,
        help="where the catalogue of conferences comes from, in Giggity's menu format "
        "(kept for later starts)",
    )
    common.add_argument(
        "--offline",
        action="store_true",
        default=argparse.SUPPRESS,
        help="with an address: use the copy kept from it, without the network",
    )
    common.add_argument(
        "--now",
        metavar="TIME",
        default=argparse.SUPPRESS,
        help=f"pretend the time is TIME, such as 2013-10-03T15:30 in conference time "
        f"(also ${ENV_NOW})",
    )
    common.add_argument(
        "--tz",
        metavar="ZONE",
        default=argparse.SUPPRESS,
        help="show times in this IANA time zone, such as Europe/Zurich (your own zone)",
    )
    common.add_argument(
        "--zone",
        metavar="ZONE",
        default=argparse.SUPPRESS,
        help="the zone the programme is in, for a file that names none (FOSDEM's, or a "
        "calendar in UTC); remembered for that programme",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print stable JSON for programs")

    parser = argparse.ArgumentParser(
        prog="hldtui",
        parents=[common],
        add_help=add_help,
        exit_on_error=exit_on_error,
        description=(
            "Browse and plan a conference programme in the terminal: the 2013 High-level "
            "Dialogue on International Migration and Development by default. With no command, "
            "the app starts."
        ),
        epilog=f"hldtui's YAML schedule format is described in {format_guide_path()}. "
        f"Favourites and notes are kept in {data_dir()} (set {ENV_DATA_DIR} to move them). "
        "Exit status: 0 found, 1 nothing matched, 2 bad input or another failure.",
    )
    parser.add_argument("--version", action="version", version=f"hldtui {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="a plain line mode instead of the full-screen app: numbered lists, words for "
        "every symbol, commands read from standard input (for a screen reader, a braille "
        "display or a script); also where TERM is dumb",
    )
    parser.add_argument(
        "--refresh-every",
        metavar="MINUTES",
        type=int,
        default=None,
        help="with an address: ask it for a new version this often while the app runs "
        f"(default: the catalogue entry's interval, else {REFRESH_MINUTES}; 0 never, "
        "though u still does)",
    )
    add_reminder_options(
        parser,
        "in the app, remind this long before each ★ session starts, such as 10 (minutes), "
        "10m or 1h; 0 turns reminders off. Kept for this programme (default 10m)",
    )
    return parser, common, as_json


def add_commands(
    parser: argparse.ArgumentParser,
    common: argparse.ArgumentParser,
    as_json: argparse.ArgumentParser,
) -> None:
    """Each command's parser, taking ``common``'s options (and ``as_json``'s, where it
    prints)."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list", parents=[common, as_json], help="list sessions", description="List sessions."
    )
    listing.add_argument("--day", metavar="DATE", help="only this day, such as 2013-10-04")
    listing.add_argument("--favourites", action="store_true", help="only favourites")

    search = commands.add_parser(
        "search",
        parents=[common, as_json],
        help="search titles, themes, descriptions, people, rooms, ids, papers and notes",
        description="Sessions in which every word matches, best first.",
    )
    search.add_argument("words", nargs="+", metavar="WORD")

    show = commands.add_parser(
        "show",
        parents=[common, as_json],
        help="show one session, by its id or the file's id, guid, code or slug, or a person",
        description="Show a session, found by its id or by the id, guid, code or slug its "
        "programme file gives it (such as 11795), or else a person, by name or the start "
        "of each word of it. Exits 2 if two sessions share the id or several people match.",
    )
    show.add_argument("session_id", metavar="ID|PERSON")

    people = commands.add_parser(
        "people",
        parents=[common, as_json],
        help="everyone the programme names, with their roles and sessions",
        description="Everyone the programme names (speakers, chairs), by name; with "
        "WORDS, those whose name each word starts.",
    )
    people.add_argument("words", nargs="*", metavar="WORD")

    changes = commands.add_parser(
        "changes",
        parents=[common, as_json],
        help="what changed in the programme since you last looked",
        description="New, moved, changed and cancelled sessions since the version you "
        "last saw, yours first. Exits 0 if anything changed, 1 if not.",
    )
    changes.add_argument("--seen", action="store_true", help="then mark these changes as seen")
    changes.add_argument(
        "--notices",
        choices=[notices.value for notices in Notices],
        help="which changes to tell of, kept for this programme (and used by the app): all, "
        "mine (your ★/☆ sessions) or coming (sessions still to come)",
    )

    now = commands.add_parser(
        "now",
        parents=[common, as_json],
        help="what is running and what is next",
        description="What is running now and what starts next. With --remind, for status "
        "bars and cron: the next ★ session that starts within that time, exit 0 if there "
        "is one and 1 if not.",
    )
    add_reminder_options(now, "name the next ★ session starting within this time, such as 10m")

    export = commands.add_parser("export", help="write favourites or the programme to a file")
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    ics = formats.add_parser(
        "ics",
        parents=[common],
        help="iCalendar file of favourites",
        description="Write favourites (or, with --all, every session) as an iCalendar file.",
    )
    add_output(ics)
    ics.add_argument("--all", action="store_true", help="every session, not only favourites")
    ics.add_argument(
        "--remind", metavar="BEFORE", help="add an alarm this long before, such as 10m or 1h"
    )
    markdown = formats.add_parser(
        "markdown",
        parents=[common],
        help="printable agenda of favourites",
        description="Print an agenda of favourites in Markdown, by day.",
    )
    add_output(markdown)

    page = formats.add_parser(
        "html",
        parents=[common],
        help="the programme or your agenda as one web page",
        description="Write the programme (or, with --favourites, your ★/☆ sessions) as one "
        "self-contained HTML page: by day, readable by screen readers, on a phone and "
        "printed.",
    )
    add_output(page)
    which = page.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every session (the default)")
    which.add_argument("--favourites", action="store_true", help="only your ★/☆ sessions")

    c3voc = formats.add_parser(
        "json",
        parents=[common],
        help="the whole programme as c3voc schedule.json",
        description="Write the loaded programme as c3voc schedule.json.",
    )
    add_output(c3voc)

    importing = commands.add_parser("import", help="restore favourites from a file")
    import_formats = importing.add_subparsers(dest="format", metavar="FORMAT", required=True)
    import_ics = import_formats.add_parser(
        "ics",
        parents=[common],
        help="favourites from a calendar hldtui wrote, or your faved.ics from pretalx",
        description="Restore favourites from an iCalendar file hldtui wrote, matching "
        "events by UID, or star the talks of a pretalx faved.ics (its UIDs name the event "
        "and each talk's code) in the programme of that event.",
    )
    import_ics.add_argument("file", type=Path, metavar="FILE")
    import_link = import_formats.add_parser(
        "link",
        parents=[common],
        help="a plan shared as a link (Giggity's, or hldtui share's)",
        description="Read a plan shared as a link (https://ggt.gaa.st/#url=…), open the "
        "programme it names (or --schedule's), and merge the plan into yours or replace "
        "yours with it. Ids that match no session are listed.",
    )
    import_link.add_argument("link", metavar="URL")
    how = import_link.add_mutually_exclusive_group()
    how.add_argument("--merge", action="store_true", help="add the link's sessions to your plan")
    how.add_argument(
        "--replace",
        action="store_true",
        help="make your ★/☆ and hidden sessions the link's (notes stay)",
    )

    share = commands.add_parser(
        "share",
        parents=[common, as_json],
        help="your plan as a link Giggity and hldtui open, and as a QR code",
        description="Write your ★/☆ and hidden sessions of a programme opened from an "
        "address as a share link (Giggity 3.0's form). A programme from a local file has "
        "no address to share: export an .ics calendar instead.",
    )
    share.add_argument(
        "--qr", action="store_true", help="also print the link as a QR code, for a phone"
    )
    share.add_argument(
        "--qr-png", metavar="FILE", type=Path, help="write the QR code as a PNG image"
    )
    share.add_argument("--force", action="store_true", help="replace the image file if it exists")

    catalogue = commands.add_parser(
        "catalogue",
        parents=[common, as_json],
        help="the conferences of the catalogue (running and coming first)",
        description="The catalogue's conferences, running and coming first; with WORDS, "
        "those whose id, title or year holds each word. Open one with --schedule ID.",
    )
    catalogue.add_argument("words", nargs="*", metavar="WORD")

    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="the app in a web browser (needs the serve extra)",
        description="Serve the full app in a web browser with textual-serve: each browser "
        "tab runs its own app. It listens on 127.0.0.1 only, unless --host says otherwise; "
        "textual-serve has no login, so anyone who can reach the address can use the app "
        "with the favourites it uses (the server user's, or --data-dir's). Ctrl+C stops "
        "the server and its apps.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the served apps' favourites here, not in your own (sets {ENV_DATA_DIR})",
    )


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file if it exists, without asking"
    )


def add_reminder_options(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--remind", metavar="BEFORE", default=argparse.SUPPRESS, help=help_text)
    parser.add_argument(
        "--remind-maybe",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="remind of ☆ maybe sessions too (or, with --no-remind-maybe, not)",
    )

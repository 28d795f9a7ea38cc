"""Command line: the app, and commands for scripts. Also run as `python -m hldtui`.

Exit status: 0 when something was found or done, 1 when nothing matched, 2 for bad input
or any other failure. Messages go to stderr; results to stdout. Everything printed passes
through a filter that shows control characters as symbols, so that no text from a file
can act on the terminal.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from hldtui import __version__
from hldtui.changes import Change, SeenCopies, compare, mine_first
from hldtui.crash import error_message, save_report
from hldtui.model import Schedule, Session, ZoneSource
from hldtui.plan import Plan
from hldtui.reminders import DEFAULT_LEAD, ReminderSettings
from hldtui.sources import (
    ScheduleError,
    builtin_schedule_path,
    format_guide_path,
    load_schedule,
)
from hldtui.sources.remote import (
    ProgrammeCache,
    RemoteError,
    is_address,
    open_address,
    progress_on,
)
from hldtui.store import (
    ENV_DATA_DIR,
    FavouritesStore,
    StoreError,
    cache_dir,
    data_dir,
    write_atomically,
)
from hldtui.text import one_line, visible
from hldtui.timezones import (
    clock_for,
    iso,
    no_zone_message,
    parse_moment,
    running_from,
    zone_named,
)

ENV_NOW = "HLDTUI_NOW"
FOUND, NOTHING, BAD_INPUT = 0, 1, 2
if TYPE_CHECKING:
    from hldtui.ui.app import Reloaded

REMIND_LIMIT = timedelta(days=7)
REFRESH_SECONDS = 10 * 60
"""How often the app asks the address of a programme for a new version."""


class UsageError(Exception):
    """Bad input from the command line; the message says what to give instead."""


@dataclass
class Context:
    """What every command needs: the programme, the delegate's plan, the clock and the zone."""

    schedule: Schedule
    plan: Plan
    clock: Callable[[], datetime]
    """The real time, or the time fixed by --now or $HLDTUI_NOW."""
    zone: tzinfo
    """Where times are shown: the --tz zone, or the conference's."""
    chosen_zone: tzinfo | None
    """The zone from --tz, if one was given."""
    reminders: ReminderSettings
    pretending: bool = False
    """Whether --now or $HLDTUI_NOW set the time: the app's clock then runs on from it."""
    notice: str = ""
    """What the app says first: that the programme is a kept copy used offline."""
    source: str = ""
    """Where the programme comes from (its address, or its file's full path), which names
    the version last seen."""
    source_path: Path | None = None
    """The file the programme was read from."""
    read_zone: tzinfo | None = None
    """The zone given for a programme that names none (from --zone, or kept)."""
    refresh_at_start: bool = False
    """Whether the app opened a kept copy at once and should ask its address now."""

    @property
    def now(self) -> datetime:
        return self.clock()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--schedule",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="open this schedule instead of the built-in programme: hldtui YAML, "
        "frab/Pentabarf XML, c3voc JSON or an iCalendar (.ics) programme, from a file or "
        "an http(s):// or webcal:// address (kept for offline use)",
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
        "--refresh-every",
        metavar="MINUTES",
        type=int,
        default=REFRESH_SECONDS // 60,
        help="with an address: ask it for a new version this often while the app runs "
        "(default 10; 0 never, though u still does)",
    )
    add_reminder_options(
        parser,
        "in the app, remind this long before each ★ session starts, such as 10 (minutes), "
        "10m or 1h; 0 turns reminders off. Kept for this programme (default 10m)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list", parents=[common, as_json], help="list sessions", description="List sessions."
    )
    listing.add_argument("--day", metavar="DATE", help="only this day, such as 2013-10-04")
    listing.add_argument("--favourites", action="store_true", help="only favourites")

    search = commands.add_parser(
        "search",
        parents=[common, as_json],
        help="search titles, themes, descriptions, chairs, rooms, ids, papers and notes",
        description="Sessions in which every word matches, best first.",
    )
    search.add_argument("words", nargs="+", metavar="WORD")

    show = commands.add_parser(
        "show",
        parents=[common, as_json],
        help="show one session, by its id or the file's id, guid, code or slug",
        description="Show a session, found by its id or by the id, guid, code or slug its "
        "programme file gives it (such as 11795). Exits 2 if two sessions share the id.",
    )
    show.add_argument("session_id", metavar="ID")

    changes = commands.add_parser(
        "changes",
        parents=[common, as_json],
        help="what changed in the programme since you last looked",
        description="New, moved, changed and cancelled sessions since the version you "
        "last saw, yours first. Exits 0 if anything changed, 1 if not.",
    )
    changes.add_argument("--seen", action="store_true", help="then mark these changes as seen")

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
        help="favourites from an iCalendar file that hldtui wrote",
        description="Restore favourites from an iCalendar file, matching events by UID.",
    )
    import_ics.add_argument("file", type=Path, metavar="FILE")
    return parser


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file if it exists, without asking"
    )


class TerminalSafe(io.TextIOBase):
    """Writes through to another text stream with every control character made visible."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self) -> Any:
        """The raw byte stream, for output that is already safe (calendar files)."""
        return self.stream.buffer


@contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and error that never pass control characters on, and replace what
    their encoding cannot write instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    with redirect_stdout(TerminalSafe(sys.stdout)), redirect_stderr(TerminalSafe(sys.stderr)):
        yield


def add_reminder_options(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--remind", metavar="BEFORE", default=argparse.SUPPRESS, help=help_text)
    parser.add_argument(
        "--remind-maybe",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="remind of ☆ maybe sessions too (or, with --no-remind-maybe, not)",
    )


def reminder_settings(args: argparse.Namespace, store: FavouritesStore) -> ReminderSettings:
    """The reminder options given; else the ones kept for the programme; else 10 minutes
    before ★ sessions. Options given to the app are kept for its next start. (The --remind
    of `export ics` is the calendar's alarm, not this.)"""
    own = args.command in (None, "now")
    given_lead = getattr(args, "remind", None) if own else None
    given_maybe = getattr(args, "remind_maybe", None) if own else None
    kept_lead, kept_maybe = store.setting("remind"), store.setting("remind_maybe")
    if given_lead is not None:
        lead = parse_duration(given_lead)
    else:
        lead = timedelta(minutes=int(kept_lead)) if kept_lead.isdigit() else DEFAULT_LEAD
    maybe = given_maybe if given_maybe is not None else kept_maybe == "yes"
    if args.command is None:
        with suppress(StoreError):
            if given_lead is not None:
                store.set_setting("remind", str(int(lead.total_seconds() // 60)))
            if given_maybe is not None:
                store.set_setting("remind_maybe", "yes" if maybe else "")
    return ReminderSettings(lead, maybe)


def main(argv: Sequence[str] | None = None) -> int:
    with safe_output():
        try:
            status = run_command(argv)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (as with `| head`): stop quietly, as other tools do.
            _discard_stdout()
            return FOUND
        except OSError as error:
            _discard_stdout()
            print(f"hldtui: cannot write the output ({error.strerror or error}).", file=sys.stderr)
            return BAD_INPUT
        return status


def print_store_warnings(context: Context) -> None:
    for warning in context.plan.take_warnings():
        print(f"hldtui: {warning}", file=sys.stderr)


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so that exiting does not fail again."""
    with suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run_command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        schedule, store, notice = open_programme(args)
    except ScheduleError as error:
        print(
            f"hldtui: cannot open the schedule\n  {error.location}\n  {error.message}",
            file=sys.stderr,
        )
        return BAD_INPUT
    except RemoteError as error:
        print(
            f"hldtui: cannot open the schedule\n  {error.address}\n  {error.message}",
            file=sys.stderr,
        )
        return BAD_INPUT
    except UsageError as error:
        print(f"hldtui: {error}", file=sys.stderr)
        return BAD_INPUT
    try:
        context = make_context(args, schedule, store, notice)
        if args.command is None:
            return start_app(context, args.refresh_every)
        command = COMMANDS[(args.command, getattr(args, "format", None))]
        print_store_warnings(context)
        try:
            return command(context, args)
        finally:
            print_store_warnings(context)
    except UsageError as error:
        print(f"hldtui: {error}", file=sys.stderr)
        return BAD_INPUT
    except OSError:
        raise
    except Exception as error:
        print(error_message(error, save_report(error, data_dir())), file=sys.stderr)
        return BAD_INPUT


def open_remote(
    address: str, zone: tzinfo | None, *, offline: bool, quiet: bool = False
) -> tuple[Path, str, Schedule | None]:
    """The kept copy of the programme at ``address``, fetched or confirmed first unless
    offline; what to tell the user when the copy is used without being confirmed (said on
    stderr here unless ``quiet``, as while the app runs, and in the app); and the
    programme, when a new download was read already."""
    progress = None if quiet else progress_on(sys.stderr)
    opened = open_address(
        address, lambda path: load_schedule(path, zone), offline=offline, progress=progress
    )
    if progress is not None:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    notice = ""
    if opened.offline_reason:
        notice = (
            f"Using the programme {opened.copy.age()}, kept from {one_line(address, 200)} "
            f"(offline: {opened.offline_reason.rstrip('.')})."
        )
        if not quiet:
            print(f"hldtui: {notice[0].lower()}{notice[1:]}", file=sys.stderr)
    checked = opened.checked if isinstance(opened.checked, Schedule) else None
    return opened.copy.path, notice, checked


def open_programme(args: argparse.Namespace) -> tuple[Schedule, FavouritesStore, str]:
    """The programme in its zone, its favourites, and a notice if it is a kept copy used
    offline.

    A file that names no zone is read in the --zone given, which is then remembered for
    that programme, or else in the zone remembered before; otherwise its times stay as
    written.
    """
    source = getattr(args, "schedule", None)
    given = None
    if hasattr(args, "zone"):
        try:
            given = zone_named(args.zone)
        except ValueError as error:
            raise UsageError(f"--zone: {error}") from None
    path = Path(source) if source is not None else None
    notice = ""
    checked = None
    if source is not None and is_address(source):
        # The app opens a kept copy at once and asks the address in the background.
        instant = (
            args.command is None
            and not hasattr(args, "offline")
            and ProgrammeCache().read(source) is not None
        )
        args.refresh_at_start = instant
        path, notice, checked = open_remote(
            source, given, offline=instant or hasattr(args, "offline"), quiet=instant
        )
        notice = "" if instant else notice
    elif hasattr(args, "offline"):
        raise UsageError("--offline is for a programme opened by its address.")
    args.source_path = path or builtin_schedule_path()
    remote = source is not None and is_address(source)
    args.source = source if remote else str(args.source_path.resolve())
    schedule = checked or load_schedule(path, given)
    conference = schedule.conference
    store = FavouritesStore(data_dir(), conference.id)
    if given is not None:
        named = getattr(given, "key", str(given))
        if conference.timezone != named:
            raise UsageError(
                f"--zone: the programme names its own zone, {conference.timezone}. "
                "--zone is for programmes that name none."
            )
        if store.setting("zone") != named:
            with suppress(StoreError):
                store.set_setting("zone", named)
    args.read_zone = given
    if given is None and conference.zone_source is not ZoneSource.NAMED:
        with suppress(ValueError):
            if kept := store.setting("zone"):
                args.read_zone = zone_named(kept)
                schedule = load_schedule(path, args.read_zone)
    return schedule, store, notice


def make_context(
    args: argparse.Namespace, schedule: Schedule, store: FavouritesStore, notice: str = ""
) -> Context:
    conference_zone = schedule.conference.zone
    chosen_zone = None
    if hasattr(args, "tz"):
        if not schedule.conference.has_zone:
            raise UsageError(f"--tz: {no_zone_message(schedule.conference.venue)}")
        try:
            chosen_zone = zone_named(args.tz)
        except ValueError as error:
            raise UsageError(f"--tz: {error}") from None
    now_text = getattr(args, "now", None) or os.environ.get(ENV_NOW)
    clock = clock_for(conference_zone)
    if now_text:
        source = "--now" if hasattr(args, "now") else f"${ENV_NOW}"
        try:
            fixed = parse_moment(now_text, conference_zone)
        except ValueError as error:
            raise UsageError(f"{source}: {error}") from None
        clock = lambda: fixed  # noqa: E731 - a clock that always tells the given time
    plan = Plan(schedule, store)
    reminders = reminder_settings(args, store)
    zone = chosen_zone or conference_zone
    return Context(
        schedule,
        plan,
        clock,
        zone,
        chosen_zone,
        reminders,
        pretending=bool(now_text),
        notice=notice,
        source=getattr(args, "source", ""),
        source_path=getattr(args, "source_path", None),
        read_zone=getattr(args, "read_zone", None),
        refresh_at_start=getattr(args, "refresh_at_start", False),
    )


def start_app(context: Context, refresh_every: int = int(REFRESH_SECONDS // 60)) -> int:
    # Textual reads keys from stdin and draws on stderr: without a terminal it would wait
    # for keys forever.
    if not (_is_terminal(sys.__stdin__) and _is_terminal(sys.__stderr__)):
        raise UsageError(
            "the app needs a terminal, and stdin or stderr is not one. For scripts, use the "
            "commands list, search, show, now and export (hldtui --help)."
        )
    from hldtui.ui.app import HldApp

    app = HldApp(
        context.plan,
        clock=running_from(context.now) if context.pretending else context.clock,
        viewer_zone=context.chosen_zone,
        reminders=context.reminders,
        notice=context.notice,
        changes=programme_changes(context),
        mark_seen=lambda: mark_changes_seen(context),
        reload=lambda: reload_programme(context),
        refresh_every=60.0 * max(0, refresh_every) if is_address(context.source) else 0.0,
        refresh_at_start=context.refresh_at_start,
    )
    app.run()
    return BAD_INPUT if app.return_code else FOUND


def reload_programme(context: Context) -> Reloaded:
    """The programme read again (fetched again, from an address), with its plan, what
    changed since last seen, and any notice; safe to run in a thread while the app runs.
    ``context`` is updated to the new version, for the next reload and for marking it seen."""
    from hldtui.ui.app import Reloaded

    path, notice, checked = context.source_path, "", None
    if is_address(context.source):
        path, notice, checked = open_remote(
            context.source, context.read_zone, offline=False, quiet=True
        )
    before = context.schedule
    schedule = checked or load_schedule(path, context.read_zone)
    plan = Plan(schedule, FavouritesStore(data_dir(), schedule.conference.id))
    context.schedule, context.plan, context.source_path = schedule, plan, path
    same = schedule.sessions == before.sessions and schedule.conference == before.conference
    return Reloaded(plan, programme_changes(context), notice, same)


def _is_terminal(stream: TextIO | None) -> bool:
    return stream is not None and stream.isatty()


# Commands for scripts


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def records(context: Context, sessions: Sequence[Session]) -> list[dict[str, Any]]:
    from hldtui.exports.records import session_record

    levels, notes = context.plan.levels, context.plan.notes
    return [session_record(s, context.zone, levels, notes) for s in sessions]


def print_lines(context: Context, sessions: Sequence[Session]) -> None:
    from hldtui.present import session_line

    id_width = max((len(session.id) for session in sessions), default=0)
    for session in sessions:
        level = context.plan.level(session.id)
        print(session_line(session, context.zone, level, id_width=id_width))
    print_zone_note(context)


def print_zone_note(context: Context) -> None:
    """On stderr, so that the lines stay as they are for scripts."""
    from hldtui.present import zone_note

    if note := zone_note(context.schedule.conference):
        print(f"hldtui: {note}", file=sys.stderr)


def conference_record(context: Context) -> dict[str, Any]:
    conference = context.schedule.conference
    return {
        "id": conference.id,
        "title": conference.title,
        "start": conference.start.isoformat(),
        "end": conference.end.isoformat(),
        "timezone": conference.timezone,
        "zone_source": conference.zone_source.value,
        "venue": conference.venue,
    }


def list_command(context: Context, args: argparse.Namespace) -> int:
    sessions: Sequence[Session] = context.schedule.sessions
    if args.day:
        try:
            day = date.fromisoformat(args.day)
        except ValueError:
            raise UsageError(
                f"--day: `{args.day}` is not a date. Write it as YYYY-MM-DD."
            ) from None
        if day not in context.schedule.days:
            first, last = context.schedule.days[0], context.schedule.days[-1]
            raise UsageError(f"--day: {day} is not a conference day ({first} to {last}).")
        sessions = context.schedule.on_day(day)
    if args.favourites:
        sessions = [s for s in sessions if context.plan.level(s.id) is not None]
    if args.json:
        print_json(
            {"conference": conference_record(context), "sessions": records(context, sessions)}
        )
    else:
        print_lines(context, sessions)
    if not sessions:
        print("No sessions match." if args.json else "hldtui: no sessions match.", file=sys.stderr)
    return FOUND if sessions else NOTHING


def search_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.search import SearchIndex

    query = " ".join(args.words)
    plan = context.plan
    index = SearchIndex(context.schedule, lambda: plan.notes)
    hits = index.search(query)
    about = index.search_about(query)
    sessions = [hit.session for hit in hits]
    if args.json:
        found = records(context, sessions)
        for record, hit in zip(found, hits, strict=True):
            record["matched_field"] = hit.field
        passages = [{"key": entry.key, "label": entry.label} for entry in about]
        print_json({"query": query, "sessions": found, "about": passages})
    else:
        print_lines(context, sessions)
    shown = one_line(query, 60)
    if not hits and about:
        labels = "; ".join(entry.label for entry in about)
        print(
            f"hldtui: no session matches “{shown}”, but About does ({labels}): "
            "press i in the app to read it.",
            file=sys.stderr,
        )
    elif not hits:
        print(
            f"hldtui: “{shown}” is not in this programme: no session, paper, note or About "
            "passage mentions it.",
            file=sys.stderr,
        )
    return FOUND if hits else NOTHING


def show_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.present import session_text, zone_note

    found = context.schedule.lookup(args.session_id)
    key = one_line(args.session_id, 60)
    if not found:
        print(
            f"hldtui: no session has the id, guid, code or slug `{key}`. "
            "`hldtui list` shows the ids.",
            file=sys.stderr,
        )
        return NOTHING
    if len(found) > 1:
        print(f"hldtui: {len(found)} sessions have the id `{key}`:", file=sys.stderr)
        print_lines(context, found)
        print("Give one of the ids in the list.", file=sys.stderr)
        return BAD_INPUT
    session = found[0]
    if args.json:
        print_json(records(context, [session])[0])
    else:
        plan = context.plan
        clashes = plan.clashes_for(session)
        print(
            session_text(
                session, context.zone, plan.level(session.id), plan.note(session.id), clashes
            )
        )
        if note := zone_note(context.schedule.conference):
            print(f"\n{note}")
    return FOUND


def now_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.planner import now_and_next
    from hldtui.present import session_line, status_line

    if getattr(args, "remind", None) is not None:
        return remind_command(context, args)
    status = now_and_next(context.schedule, context.now)
    if args.json:
        print_json(
            {
                "now": iso(context.now.astimezone(context.zone)),
                "phase": status.phase.value,
                "running": records(context, status.running),
                "next": records(context, status.upcoming),
            }
        )
    else:
        print(status_line(context.schedule, status, context.zone))
        for label, sessions in (("Now", status.running), ("Next", status.upcoming)):
            for session in sessions:
                line = session_line(session, context.zone, context.plan.level(session.id))
                print(f"{label:<5} {line}")
        print_zone_note(context)
    return FOUND if status.running or status.upcoming else NOTHING


def programme_changes(context: Context) -> tuple[Change, ...]:
    """What changed since the version of the programme last seen; the first time a
    programme is opened, it becomes the version seen, with no changes."""
    if context.source_path is None:
        return ()
    seen = SeenCopies(seen_dir())
    try:
        data = context.source_path.read_bytes()
    except OSError:
        return ()
    before = seen.get(context.source)
    if before is None:
        with suppress(OSError):
            seen.mark_seen(context.source, data)
        return ()
    if before == data:
        return ()
    with tempfile.TemporaryDirectory(prefix="hldtui-seen-") as scratch:
        earlier = Path(scratch) / "seen"
        earlier.write_bytes(before)
        try:
            old = load_schedule(earlier, context.schedule.conference.zone)
        except ScheduleError:
            return ()
    return mine_first(compare(old, context.schedule), context.plan.levels)


def mark_changes_seen(context: Context) -> None:
    if context.source_path is not None:
        SeenCopies(seen_dir()).mark_seen(context.source, context.source_path.read_bytes())


def seen_dir() -> Path:
    return cache_dir() / "seen"


def changes_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.present import session_line

    found = programme_changes(context)
    if args.json:
        print_json(
            {
                "changes": [
                    {"change": change.kind.value, "details": list(change.details)}
                    | records(context, [change.session])[0]
                    for change in found
                ]
            }
        )
    else:
        if not found:
            print("Nothing has changed since you last looked.")
        for change in found:
            level = context.plan.level(change.session.id)
            line = session_line(change.session, context.zone, level)
            print(f"{change.kind.badge:<5}  {line}")
            for detail in change.details:
                print(f"       {one_line(detail, 200)}")
    if args.seen:
        try:
            mark_changes_seen(context)
        except OSError as error:
            raise UsageError(f"the changes could not be marked as seen: {error}") from None
    return FOUND if found else NOTHING


def remind_command(context: Context, args: argparse.Namespace) -> int:
    """The next ★ session within the --remind time, for a status bar or cron."""
    from hldtui.reminders import next_due, reminder_text

    session = next_due(context.schedule, context.plan.levels, context.now, context.reminders)
    if args.json:
        print_json({"next": records(context, [session] if session else [])})
    elif session is not None:
        title, body = reminder_text(session, context.zone, context.now)
        print(f"{title}: {body}")
    return FOUND if session is not None else NOTHING


def parse_duration(text: str) -> timedelta:
    """'10m', '1h', '1h30m', or a number of minutes ('10', '0')."""
    if (text or "").strip().isdigit() and len(text.strip()) <= 6:
        text = f"{text.strip()}m"
    match = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*", text or "")
    if not match or not any(match.groups()):
        raise UsageError(
            f"--remind: `{one_line(text, 40)}` is not a duration. Write it as 10m, 1h or 1h30m."
        )
    # Six digits of hours or minutes are already past the limit; more could overflow.
    hours, minutes = (int(part) if len(part) <= 6 else 10**6 for part in match.groups("0"))
    duration = timedelta(hours=hours, minutes=minutes)
    if duration > REMIND_LIMIT:
        raise UsageError(f"--remind: `{one_line(text, 40)}` is more than {REMIND_LIMIT.days} days.")
    return duration


def write_output(args: argparse.Namespace, data: bytes | str) -> None:
    """Text or bytes to stdout, or to the -o file: written whole or not at all, and an
    existing file replaced only with --force or the user's yes."""
    output: Path | None = args.output
    if output is None:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if os.path.lexists(output) and not args.force and not confirm_replace(output):
        raise UsageError(f"{output} exists and was left as it is. Use --force to replace it.")
    try:
        write_atomically(output, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise UsageError(f"cannot write {output} ({error.strerror or error}).") from None
    print(f"Wrote {output}", file=sys.stderr)


def confirm_replace(path: Path) -> bool:
    """Ask on the terminal whether to replace ``path``; no terminal means no."""
    if not _is_terminal(sys.__stdin__):
        return False
    print(f"hldtui: {path} exists. Replace it? [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def export_ics_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.exports.ics import to_ical

    remind = parse_duration(args.remind) if args.remind is not None else None
    schedule = context.schedule
    sessions = schedule.sessions if args.all else schedule.only(context.plan.favourites)
    if not sessions:
        print(
            "hldtui: there are no favourites to export. Star some in the app, or use --all.",
            file=sys.stderr,
        )
        return NOTHING
    data = to_ical(
        schedule, sessions, levels=context.plan.levels, notes=context.plan.notes, remind=remind
    )
    write_output(args, data)
    if not schedule.conference.has_zone:
        print(
            "hldtui: the programme gives no time zone, so the calendar's times are floating: "
            "calendars show them as written, in their own zone. --zone fixes them to one.",
            file=sys.stderr,
        )
    return FOUND


def export_markdown_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.exports.markdown import agenda_markdown

    text = agenda_markdown(context.plan, context.zone)
    write_output(args, text)
    return FOUND if context.plan.favourites else NOTHING


def export_json_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.exports import ExportError
    from hldtui.exports.c3voc import to_c3voc_json

    try:
        text = to_c3voc_json(context.schedule)
    except ExportError as error:
        raise UsageError(f"export json: {error}") from None
    write_output(args, text)
    return FOUND


def import_ics_command(context: Context, args: argparse.Namespace) -> int:
    from hldtui.exports.ics import CalendarFileError, read_favourites

    try:
        report = read_favourites(args.file, context.schedule)
    except CalendarFileError as error:
        print(f"hldtui: cannot import\n  {error.path}\n  {error.message}", file=sys.stderr)
        return BAD_INPUT
    if not context.plan.store.writable:
        raise UsageError(f"nothing was imported: the favourites in {data_dir()} cannot be saved.")
    try:
        for session, level in report.matched:
            context.plan.set_level(session.id, level)
        for session_id, note in report.notes.items():
            context.plan.set_note(session_id, note)
    except StoreError as error:
        raise UsageError(str(error)) from None
    print(f"Matched {len(report.matched)} of {len(report.matched) + len(report.unmatched)} events.")
    for session, level in report.matched:
        noted = ", with a note" if session.id in report.notes else ""
        print(f"  {level.mark} {session.id}: {session.display_title} ({level.label}{noted})")
    if report.unmatched:
        print("Not matched:")
        for label, reason in report.unmatched:
            print(f"  {label}: {reason}")
    return FOUND if report.matched else NOTHING


COMMANDS: dict[tuple[str, str | None], Callable[[Context, argparse.Namespace], int]] = {
    ("list", None): list_command,
    ("search", None): search_command,
    ("show", None): show_command,
    ("now", None): now_command,
    ("changes", None): changes_command,
    ("export", "ics"): export_ics_command,
    ("export", "markdown"): export_markdown_command,
    ("export", "json"): export_json_command,
    ("import", "ics"): import_ics_command,
}

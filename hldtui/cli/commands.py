"""The commands for scripts: each a few lines over the programme, the plan and `present`.

Each takes the context and the parsed arguments and returns the exit status; output goes
through `output`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from hldtui.changes import Notices
from hldtui.cli.context import Context, parse_duration
from hldtui.cli.output import print_drawing, print_json, write_output
from hldtui.cli.status import ExitStatus, UsageError
from hldtui.model import Person, Session
from hldtui.store import StoreError, data_dir
from hldtui.text import one_line
from hldtui.timezones import iso


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


def said_empty(context: Context) -> bool:
    """Whether the programme has no sessions at all; if so, it is said on stderr, as no
    command then has anything to show."""
    from hldtui.present import EMPTY_PROGRAMME

    if context.schedule.sessions:
        return False
    print(f"hldtui: {EMPTY_PROGRAMME}", file=sys.stderr)
    return True


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


def list_command(context: Context, args: argparse.Namespace) -> ExitStatus:
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
    if not sessions and not said_empty(context):
        print("No sessions match." if args.json else "hldtui: no sessions match.", file=sys.stderr)
    return ExitStatus.FOUND if sessions else ExitStatus.NOTHING


def search_command(context: Context, args: argparse.Namespace) -> ExitStatus:
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
    elif not hits and not said_empty(context):
        print(
            f"hldtui: “{shown}” is not in this programme: no session, paper, note or About "
            "passage mentions it.",
            file=sys.stderr,
        )
    return ExitStatus.FOUND if hits else ExitStatus.NOTHING


def people_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports.records import person_record
    from hldtui.present import person_line
    from hldtui.search import SearchIndex

    schedule = context.schedule
    query = " ".join(args.words)
    people = SearchIndex(schedule).search_people(query) if query else list(schedule.people)
    if args.json:
        print_json([person_record(p, schedule.sessions_of(p.name)) for p in people])
    else:
        for person in people:
            print(person_line(person, len(schedule.sessions_of(person.name))))
    if not people:
        what = f"no one whose name matches “{one_line(query, 60)}”" if query else "no one"
        print(f"hldtui: the programme names {what}.", file=sys.stderr)
    return ExitStatus.FOUND if people else ExitStatus.NOTHING


def _people_named(context: Context, name: str) -> list[Person]:
    """The person of that name, or else everyone whose name the words start."""
    from hldtui.search import SearchIndex

    schedule = context.schedule
    folded = name.strip().casefold()
    exact = [schedule.person(n) for n in schedule.person_names if n.casefold() == folded]
    return exact or SearchIndex(schedule).search_people(name)


def show_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.present import person_line, session_text, zone_note

    found = context.schedule.lookup(args.session_id)
    key = one_line(args.session_id, 60)
    if not found:
        people = _people_named(context, args.session_id)
        if len(people) == 1:
            return _show_person(context, people[0], args.json)
        if people:
            print(f"hldtui: {len(people)} people match `{key}`:", file=sys.stderr)
            for person in people:
                print(person_line(person, len(context.schedule.sessions_of(person.name))))
            print("Give more of the name.", file=sys.stderr)
            return ExitStatus.BAD_INPUT
        print(
            f"hldtui: no session has the id, guid, code or slug `{key}`, and no one is "
            "named so. `hldtui list` shows the ids, `hldtui people` the names.",
            file=sys.stderr,
        )
        return ExitStatus.NOTHING
    if len(found) > 1:
        print(f"hldtui: {len(found)} sessions have the id `{key}`:", file=sys.stderr)
        print_lines(context, found)
        print("Give one of the ids in the list.", file=sys.stderr)
        return ExitStatus.BAD_INPUT
    session = found[0]
    if args.json:
        print_json(records(context, [session])[0])
    else:
        plan = context.plan
        clashes = plan.clashes_for(session)
        print(
            session_text(
                session,
                context.zone,
                plan.level(session.id),
                plan.note(session.id),
                clashes,
                context.schedule.title_of,
            )
        )
        if note := zone_note(context.schedule.conference):
            print(f"\n{note}")
    return ExitStatus.FOUND


def _show_person(context: Context, person: Person, as_json: bool) -> ExitStatus:
    from hldtui.exports.records import person_record
    from hldtui.present import person_text

    sessions = context.schedule.sessions_of(person.name)
    if as_json:
        print_json(person_record(person, sessions))
    else:
        print(person_text(person, sessions, context.zone, context.plan.levels))
    return ExitStatus.FOUND


def now_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.planner import now_and_next
    from hldtui.present import session_line, status_line

    if getattr(args, "remind", None) is not None:
        return remind_command(context, args)
    status = now_and_next(context.schedule, context.now, context.plan.levels)
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
    return ExitStatus.FOUND if status.running or status.upcoming else ExitStatus.NOTHING


def changes_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.present import change_lines, change_values, session_line

    programme = context.programme
    if args.notices is not None:
        try:
            programme.set_notices(Notices(args.notices))
        except StoreError as error:
            raise UsageError(f"--notices: {error}") from None
    found = programme.noticed_changes(context.now)
    if args.json:
        print_json(
            {
                "notices": programme.notices.value,
                "changes": [
                    {
                        "change": change.kind.value,
                        "details": [line.text for line in change_lines(change, context.zone)],
                        "was": [
                            {"field": name, "old": old, "new": new}
                            for name, old, new in change_values(change, context.zone)
                        ],
                    }
                    | records(context, [change.session])[0]
                    for change in found
                ],
            }
        )
    else:
        if not found:
            hidden = len(programme.changes)
            print(
                f"No change to {programme.notices.label} since you last looked "
                f"({hidden} to others)."
                if hidden
                else "Nothing has changed since you last looked."
            )
        for change in found:
            level = context.plan.level(change.session.id)
            line = session_line(change.session, context.zone, level)
            print(f"{change.kind.badge:<5}  {line}")
            for detail in change_lines(change, context.zone):
                print(f"       {detail.text}")
    if args.seen:
        try:
            programme.mark_seen()
        except OSError as error:
            raise UsageError(
                f"the changes could not be marked as seen ({error.strerror or error})."
            ) from None
    return ExitStatus.FOUND if found else ExitStatus.NOTHING


def say_changes(context: Context) -> None:
    """On stderr, after any other command: that the programme changed since last seen."""
    found = context.programme.noticed_changes(context.now)
    if found:
        mine = sum(1 for change in found if context.plan.level(change.session.id) is not None)
        count = f"{len(found)} session{'s' if len(found) != 1 else ''}"
        print(
            f"hldtui: {count} changed since you last looked, {mine} of yours: "
            "`hldtui changes` says what changed.",
            file=sys.stderr,
        )


def remind_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    """The next ★ session within the --remind time, for a status bar or cron."""
    from hldtui.reminders import next_due, reminder_text

    session = next_due(context.schedule, context.plan.levels, context.now, context.reminders)
    if args.json:
        print_json({"next": records(context, [session] if session else [])})
    elif session is not None:
        title, body = reminder_text(session, context.zone, context.now)
        print(f"{title}: {body}")
    return ExitStatus.FOUND if session is not None else ExitStatus.NOTHING


def export_ics_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports.ics import to_ical

    remind = parse_duration(args.remind) if args.remind is not None else None
    schedule = context.schedule
    sessions = schedule.sessions if args.all else schedule.only(context.plan.favourites)
    if said_empty(context):
        return ExitStatus.NOTHING
    if not sessions:
        print(
            "hldtui: there are no favourites to export. Star some in the app, or use --all.",
            file=sys.stderr,
        )
        return ExitStatus.NOTHING
    data = to_ical(
        schedule, sessions, levels=context.plan.levels, notes=context.plan.notes, remind=remind
    )
    write_output(args.output, data, force=args.force)
    if not schedule.conference.has_zone:
        print(
            "hldtui: the programme gives no time zone, so the calendar's times are floating: "
            "calendars show them as written, in their own zone. --zone fixes them to one.",
            file=sys.stderr,
        )
    return ExitStatus.FOUND


def export_markdown_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports.markdown import agenda_markdown

    if said_empty(context):
        return ExitStatus.NOTHING
    text = agenda_markdown(context.plan, context.zone)
    write_output(args.output, text, force=args.force)
    return ExitStatus.FOUND if context.plan.favourites else ExitStatus.NOTHING


def export_html_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports.html import programme_html

    if said_empty(context):
        return ExitStatus.NOTHING
    programme = context.programme
    page = programme_html(
        context.plan,
        context.zone,
        favourites_only=args.favourites,
        made_at=context.now,
        address=programme.address,
        fetched_at=programme.version.fetched_at,
    )
    write_output(args.output, page, force=args.force)
    if args.favourites and not context.plan.favourites:
        print("hldtui: you have no favourites yet: the page says so.", file=sys.stderr)
        return ExitStatus.NOTHING
    return ExitStatus.FOUND


def export_json_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports import ExportError
    from hldtui.exports.c3voc import to_c3voc_json

    try:
        text = to_c3voc_json(context.schedule)
    except ExportError as error:
        raise UsageError(f"export json: {error}") from None
    write_output(args.output, text, force=args.force)
    return ExitStatus.FOUND


def import_ics_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.exports.ics import CalendarFileError, read_favourites

    try:
        report = read_favourites(args.file, context.schedule, context.programme.address)
    except CalendarFileError as error:
        print(f"hldtui: cannot import\n  {error.path}\n  {error.message}", file=sys.stderr)
        return ExitStatus.BAD_INPUT
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
    return ExitStatus.FOUND if report.matched else ExitStatus.NOTHING


def share_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.qr import QRError, ansi_rows, png_bytes
    from hldtui.share import shared_plan

    programme = context.programme
    if not programme.address:
        what = "The built-in programme" if programme.fixed else f"{programme.path}"
        print(
            f"hldtui: {what} is read from a file, not an address, so there is no link to "
            "share: a phone could not fetch it. `hldtui export ics` writes your favourites "
            "as a calendar file to send instead.",
            file=sys.stderr,
        )
        return ExitStatus.BAD_INPUT
    shared = shared_plan(context.plan, programme.address)
    link = shared.link
    if args.json:
        print_json(
            {
                "link": link,
                "address": shared.address,
                "see": list(shared.see),
                "maybe": list(shared.maybe),
                "del": list(shared.hidden),
            }
        )
    else:
        print(link)
    try:
        if args.qr:
            print_drawing(ansi_rows(link))
        if args.qr_png is not None:
            write_output(args.qr_png, png_bytes(link), force=args.force)
    except QRError as error:
        raise UsageError(f"no QR code: {error}") from None
    if not shared.see and not shared.hidden:
        print("hldtui: your plan is empty: the link opens the programme only.", file=sys.stderr)
    return ExitStatus.FOUND


def read_shared_link(args: argparse.Namespace) -> None:
    """Read the link of `import link` (into ``args.shared``), and open its programme
    unless --schedule names one. Raises UsageError."""
    from hldtui.share import LinkError, read_link

    try:
        args.shared = read_link(args.link)
    except LinkError as error:
        raise UsageError(f"cannot import the link\n  {error.part}: {error.message}") from None
    if not hasattr(args, "schedule"):
        args.schedule = args.shared.address


def import_link_command(context: Context, args: argparse.Namespace) -> ExitStatus:
    from hldtui.share import matched, take

    shared = args.shared
    programme = context.programme
    if programme.address != shared.address:
        print(
            f"hldtui: the link is for {one_line(shared.address, 120)}; its sessions are "
            "matched in the programme --schedule names.",
            file=sys.stderr,
        )
    plan = context.plan
    taken = matched(shared, context.schedule)
    replace = _merge_or_replace(args, bool(plan.favourites or plan.hidden))
    if not plan.store.writable:
        raise UsageError(f"nothing was imported: the favourites in {data_dir()} cannot be saved.")
    plan.store.write_later = True
    try:
        take(plan, taken, replace=replace)
        plan.save()
    except StoreError as error:
        raise UsageError(str(error)) from None
    named = len(shared.see) + len(shared.hidden)
    print(
        f"{'Replaced your plan' if replace else 'Merged'}: matched "
        f"{named - len(taken.unmatched)} of the {named} sessions the link names."
    )
    for session_id, level in taken.levels.items():
        session = context.schedule.get(session_id)
        if session is not None:
            print(f"  {level.mark} {session.id}: {session.display_title} ({level.label})")
    for session_id in taken.hidden:
        session = context.schedule.get(session_id)
        if session is not None:
            print(f"  ⊘ {session.id}: {session.display_title} (hidden)")
    if taken.unmatched:
        print("Not matched (no session of this programme has the id):")
        for part, key in taken.unmatched:
            print(f"  {'hidden' if part == 'del' else 'selected'}: {one_line(key, 80)}")
    return ExitStatus.FOUND if len(taken.unmatched) < named else ExitStatus.NOTHING


def _merge_or_replace(args: argparse.Namespace, has_plan: bool) -> bool:
    """Whether to replace the plan: as --merge or --replace says, else as the user answers
    on the terminal; an empty plan needs no question."""
    from hldtui.cli.output import is_terminal

    if args.merge or args.replace or not has_plan:
        return bool(args.replace)
    if not is_terminal(sys.__stdin__):
        raise UsageError(
            "your plan already has sessions: give --merge (add the link's) or --replace "
            "(make yours the link's)."
        )
    while True:
        print(
            "Your plan already has sessions. [m]erge the link's in, or [r]eplace yours? ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        answer = sys.stdin.readline().strip().casefold()
        if answer in ("m", "merge", "r", "replace"):
            return answer.startswith("r")
        if not answer:
            raise UsageError("nothing was imported.")


def catalogue_command(args: argparse.Namespace) -> ExitStatus:
    from datetime import datetime

    from hldtui.catalogue import CatalogueError, load_catalogue
    from hldtui.cli.context import keep_catalogue
    from hldtui.library import Library

    library = Library()
    if hasattr(args, "catalogue"):
        keep_catalogue(library, args.catalogue)
    if not library.catalogue:
        raise UsageError(
            "no catalogue is set: give one with --catalogue URL|PATH (a file in Giggity's "
            "menu format, or its address)."
        )
    try:
        catalogue = load_catalogue(library.catalogue)
    except CatalogueError as error:
        raise UsageError(f"cannot read the catalogue\n  {error.where}\n  {error.message}") from None
    if catalogue.note:
        print(f"hldtui: {catalogue.note}", file=sys.stderr)
    for problem in catalogue.problems:
        print(f"hldtui: the catalogue's {problem}", file=sys.stderr)
    today = datetime.now().date()
    entries = catalogue.listing(today, args.words)
    states = ("running", "coming", "over")
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "title": e.title,
                    "url": e.url,
                    "start": e.start.isoformat(),
                    "end": e.end.isoformat(),
                    "timezone": e.timezone or None,
                    "refresh_interval": e.refresh_interval or None,
                    "state": states[e.when(today)],
                }
                for e in entries
            ]
        )
    else:
        width = max((len(e.id) for e in entries), default=0)
        for e in entries:
            print(
                f"{states[e.when(today)]:<7}  {e.start} – {e.end}  {e.id:<{width}}  "
                f"{e.title}{f'  ({e.timezone})' if e.timezone else ''}"
            )
    if not entries:
        shown = f" matching “{one_line(' '.join(args.words), 60)}”" if args.words else ""
        print(f"hldtui: the catalogue has no entries{shown}.", file=sys.stderr)
    return ExitStatus.FOUND if entries else ExitStatus.NOTHING


def serve_command(args: argparse.Namespace) -> ExitStatus:
    from hldtui.cli.serve import serve_command as serve

    return serve(args)


WITHOUT_PROGRAMME: dict[tuple[str, str | None], Callable[[argparse.Namespace], ExitStatus]] = {
    ("catalogue", None): catalogue_command,
    ("serve", None): serve_command,
}
"""The commands that open no programme."""


COMMANDS: dict[tuple[str, str | None], Callable[[Context, argparse.Namespace], ExitStatus]] = {
    ("list", None): list_command,
    ("search", None): search_command,
    ("show", None): show_command,
    ("people", None): people_command,
    ("now", None): now_command,
    ("changes", None): changes_command,
    ("export", "ics"): export_ics_command,
    ("export", "markdown"): export_markdown_command,
    ("export", "json"): export_json_command,
    ("export", "html"): export_html_command,
    ("import", "ics"): import_ics_command,
    ("import", "link"): import_link_command,
    ("share", None): share_command,
}

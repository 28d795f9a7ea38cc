"""What every command needs, made from the command line's arguments (which it never
changes): the programme, the clock, the zone shown and the reminder settings."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from hldtui.cli.output import end_progress_line, progress_line, say
from hldtui.cli.parser import ENV_NOW
from hldtui.cli.status import UsageError
from hldtui.library import BUILTIN, Library
from hldtui.model import Schedule
from hldtui.plan import Plan
from hldtui.present import offline_notice
from hldtui.programme import OpenError, Programme
from hldtui.reminders import DEFAULT_LEAD, ReminderSettings
from hldtui.sources import ScheduleError
from hldtui.sources.errors import RemoteError, is_address
from hldtui.store import FavouritesStore, StoreError
from hldtui.text import is_number, one_line
from hldtui.timezones import clock_for, local_zone, no_zone_message, parse_moment, zone_named

if TYPE_CHECKING:
    from hldtui.catalogue import Entry

REMIND_LIMIT = timedelta(days=7)


@dataclass(frozen=True)
class Context:
    programme: Programme
    clock: Callable[[], datetime]
    """The real time, or the time fixed by --now or $HLDTUI_NOW."""
    zone: tzinfo
    """Where times are shown: the --tz zone, or the conference's."""
    chosen_zone: tzinfo | None
    """The zone from --tz, if one was given."""
    reminders: ReminderSettings
    pretending: bool = False
    """Whether --now or $HLDTUI_NOW set the time: the app's clock then runs on from it."""

    @property
    def schedule(self) -> Schedule:
        return self.programme.schedule

    @property
    def plan(self) -> Plan:
        return self.programme.plan

    @property
    def now(self) -> datetime:
        return self.clock()


def open_context(args: argparse.Namespace) -> Context:
    """The programme the arguments name, opened, with the clock, zone and reminders they
    give. Raises UsageError, or the errors of `Programme.open`."""
    given = None
    if hasattr(args, "zone"):
        try:
            given = zone_named(args.zone)
        except ValueError as error:
            raise UsageError(f"--zone: {error}") from None
    in_app = args.command is None
    source, entry, last = programme_source(args)
    try:
        programme = Programme.open(
            source,
            zone=given,
            offline=hasattr(args, "offline"),
            at_once=in_app and not hasattr(args, "offline"),
            progress=progress_line(),
            entry=entry,
        )
    except (ScheduleError, RemoteError, OpenError) as error:
        if not last:
            raise
        reason = getattr(error, "message", str(error))
        say(f"the programme shown last could not be opened ({reason}); the built-in one is.")
        programme = Programme.open(None, zone=given)
    finally:
        end_progress_line()
    schedule = programme.schedule
    if programme.version.note:
        say(programme.version.note)
    if programme.offline:
        version = programme.version
        notice = offline_notice(
            programme.address, version.fetched_at, programme.offline, local_zone()
        )
        say(notice[0].lower() + notice[1:])
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
    return Context(
        programme,
        clock,
        chosen_zone or conference_zone,
        chosen_zone,
        reminder_settings(args, programme.store),
        pretending=bool(now_text),
    )


def programme_source(args: argparse.Namespace) -> tuple[str | None, Entry | None, bool]:
    """What the arguments ask to open (a file or address, or a catalogue entry), and
    whether it is the programme the app showed last, which it reopens without
    --schedule. None for the built-in programme. Keeps a --catalogue given."""
    library = Library()
    if hasattr(args, "catalogue"):
        keep_catalogue(library, args.catalogue)
    given: str | None = getattr(args, "schedule", None)
    if given is None:
        last = library.last if args.command is None else None
        if last is None or last.source == BUILTIN:
            return None, None, False
        return last.source, last.entry, True
    if is_address(given):
        return given, _entry_for(library, given), False
    from hldtui.catalogue import CatalogueError, find_entry, is_entry_id

    if Path(given).expanduser().exists() or not is_entry_id(given):
        return given, None, False
    if not library.catalogue:
        raise UsageError(
            f"--schedule: there is no file `{one_line(given, 60)}`, and no catalogue is set "
            "to find an entry of that id in (--catalogue URL|PATH sets one)."
        )
    try:
        return None, find_entry(library.catalogue, given), False
    except CatalogueError as error:
        raise UsageError(f"--schedule: the catalogue {error.where}: {error.message}") from None


def _entry_for(library: Library, address: str) -> Entry | None:
    """The catalogue's entry for a programme's address, if the catalogue has one: its
    zone, refresh interval and rooms then apply as if it were opened by its id."""
    if not library.catalogue:
        return None
    from hldtui.catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue(library.catalogue, refresh=False).for_address(address)
    except CatalogueError:
        return None


def keep_catalogue(library: Library, source: str) -> None:
    """Keep where the catalogue comes from: an address, or a file that exists (kept by
    its full path)."""
    source = source.strip()
    if not is_address(source):
        path = Path(source).expanduser()
        if not path.is_file():
            raise UsageError(f"--catalogue: `{one_line(source, 60)}` is not a file or an address.")
        source = str(path.resolve())
    try:
        library.set_catalogue(source)
    except OSError as error:
        raise UsageError(
            f"--catalogue: it could not be kept ({error.strerror or error})."
        ) from None


def reminder_settings(args: argparse.Namespace, store: FavouritesStore) -> ReminderSettings:
    """The reminder options given; else the ones kept for the programme; else 10 minutes
    before ★ sessions. Options given to the app are kept for its next start. (The --remind
    of `export ics` is the calendar's alarm, not this.)"""
    own = args.command in (None, "now")
    given_lead = getattr(args, "remind", None) if own else None
    given_maybe = getattr(args, "remind_maybe", None) if own else None
    kept_lead, kept_maybe = store.setting("remind"), store.setting("remind_maybe")
    lead = parse_duration(given_lead) if given_lead is not None else _kept_lead(kept_lead, store)
    maybe = given_maybe if given_maybe is not None else kept_maybe == "yes"
    if args.command is None:
        with suppress(StoreError):
            if given_lead is not None:
                store.set_setting("remind", str(int(lead.total_seconds() // 60)))
            if given_maybe is not None:
                store.set_setting("remind_maybe", "yes" if maybe else "")
    return ReminderSettings(lead, maybe)


def _kept_lead(kept: str, store: FavouritesStore) -> timedelta:
    """The reminder time kept for the programme; a damaged one is removed, and said."""
    if not kept:
        return DEFAULT_LEAD
    if is_number(kept) and len(kept) <= 6 and timedelta(minutes=int(kept)) <= REMIND_LIMIT:
        return timedelta(minutes=int(kept))
    store.drop_setting("remind", f"`{one_line(kept, 20)}` is not a number of minutes")
    return DEFAULT_LEAD


def parse_duration(text: str) -> timedelta:
    """'10m', '1h', '1h30m', or a number of minutes ('10', '0')."""
    if is_number((text or "").strip()) and len(text.strip()) <= 6:
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

"""Time zones: the viewer's own zone, the clock, and reading a moment given on the command line.

A programme whose file gives no zone has FLOATING times: they are shown as written, the
clock reads the viewer's wall time in them, and they are never converted.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from hldtui.bounds import FIRST_YEAR, LAST_YEAR
from hldtui.model import FLOATING, offset_zone_name
from hldtui.text import one_line

AS_WRITTEN = "as written (the file gives no time zone)"

# The longest IANA name is 32 characters; anything much longer is not worth a suggestion.
_LONGEST_NAME = 64

# Places people name that the tz database files under another city: Geneva, a UN duty
# station, keeps Swiss time, which the database calls Europe/Zurich.
ZONE_ALIASES = {"Europe/Geneva": "Europe/Zurich"}


def no_zone_message(venue: str) -> str:
    """What to say when a programme with no zone is asked for something that needs one."""
    suggestion = suggest_zone(venue)
    example = f"--zone {suggestion}" if suggestion else "--zone ZONE, such as Europe/Brussels"
    return (
        "the programme gives no time zone, so its times are shown as written and cannot be "
        f"converted. Say which zone it is in by starting hldtui with {example}."
    )


# A fixed offset as people write it: UTC+05:30, +05:30, GMT-3, UTC+0530.
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone_named(name: str) -> tzinfo:
    """An IANA zone (or a fixed offset such as UTC+05:30 or +05:30), or ValueError saying
    what to give."""
    name = name.strip()
    if len(name) <= _LONGEST_NAME and name.isprintable():
        try:
            return ZoneInfo(ZONE_ALIASES.get(name, name))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
        if (offset := _OFFSET.match(name)) is not None:
            sign, hours, minutes = offset.groups()
            if int(hours) < 24 and int(minutes or 0) < 60:
                shift = timedelta(hours=int(hours), minutes=int(minutes or 0))
                shift = -shift if sign == "-" else shift
                return timezone(shift, offset_zone_name(shift))
        guesses = get_close_matches(name.replace(" ", "_"), available_timezones(), n=1)
    else:
        guesses = []
    example = guesses[0] if guesses else "Europe/Zurich"
    raise ValueError(
        f"`{one_line(name, 60)}` is not a known time zone. Use an IANA name such as {example}."
    ) from None


def zone_key(zone: tzinfo) -> str:
    """What a conference's `timezone` holds for ``zone``: an IANA name, a fixed offset as
    'UTC+05:30', or '' for a programme in no zone."""
    if zone is FLOATING:
        return ""
    return getattr(zone, "key", None) or str(zone)


def local_zone() -> tzinfo:
    """The viewer's zone: $TZ or /etc/localtime as an IANA zone when possible."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def clock_for(zone: tzinfo) -> Callable[[], datetime]:
    """The real clock, in the viewer's wall time when the programme's times are FLOATING."""
    if zone is FLOATING:
        return lambda: datetime.now(local_zone()).replace(tzinfo=FLOATING)
    return lambda: datetime.now(ZoneInfo("UTC"))


def running_from(moment: datetime) -> Callable[[], datetime]:
    """A clock that starts at ``moment`` and runs on from there in real time: what the app
    does with --now, so that reminders a few minutes ahead come when they are due."""
    started = time.monotonic()
    return lambda: moment + timedelta(seconds=time.monotonic() - started)


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """``2013-10-03T15:30`` in ``zone``, or with its own offset; ValueError if unreadable.

    For FLOATING, a moment with an offset is read as the viewer's wall time.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"`{one_line(text, 60)}` is not an ISO date and time. Write it as "
            "YYYY-MM-DDTHH:MM, such as 2013-10-03T15:30."
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(
            f"`{one_line(text, 60)}` is outside the years hldtui reads, "
            f"{FIRST_YEAR} to {LAST_YEAR}."
        )
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    if zone is FLOATING:
        return moment.astimezone(local_zone()).replace(tzinfo=FLOATING)
    return moment.astimezone(zone)


def iso(moment: datetime) -> str:
    """ISO 8601 text with the offset, or without one for a FLOATING time."""
    if moment.tzinfo is FLOATING:
        return moment.replace(tzinfo=None).isoformat()
    return moment.isoformat()


@cache
def _zones_by_city() -> dict[str, str]:
    cities: dict[str, str] = {}
    for key in sorted(available_timezones()):
        if "/" in key and not key.startswith(("Etc/", "SystemV/", "US/")):
            cities.setdefault(key.rsplit("/", 1)[1].replace("_", " ").casefold(), key)
    for alias, key in ZONE_ALIASES.items():
        cities.setdefault(alias.rsplit("/", 1)[1].casefold(), key)
    return cities


def suggest_zone(place: str) -> str:
    """An IANA zone named after a city in ``place`` (a venue or city text), or ''.

    Only ever a suggestion: a file's city may be written in another language.
    """
    words = re.findall(r"[^\W\d_]+", place.casefold())
    cities = _zones_by_city()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            key = cities.get(" ".join(words[start : start + size]))
            if key:
                return key
    return ""


def zone_name(zone: tzinfo, moment: datetime) -> str:
    """'EDT (America/New_York)', or just the abbreviation when the zone has no IANA key."""
    if zone is FLOATING:
        return AS_WRITTEN
    abbreviation = moment.astimezone(zone).tzname() or ""
    key = getattr(zone, "key", "")
    return f"{abbreviation} ({key})" if key and key != abbreviation else abbreviation

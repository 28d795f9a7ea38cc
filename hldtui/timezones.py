"""Time zones: the viewer's own zone, and reading a moment given on the command line."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from difflib import get_close_matches
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from hldtui.bounds import FIRST_YEAR, LAST_YEAR
from hldtui.model import fixed_offset
from hldtui.text import one_line

# The longest IANA name is 32 characters; anything much longer is not worth a suggestion.
_LONGEST_NAME = 64

# Places people name that the tz database files under another city: Geneva, a UN duty
# station, keeps Swiss time, which the database calls Europe/Zurich.
ZONE_ALIASES = {"Europe/Geneva": "Europe/Zurich"}


def zone_named(name: str) -> tzinfo:
    """An IANA zone (or a fixed offset such as UTC+05:30), or ValueError saying what to give."""
    name = name.strip()
    if len(name) <= _LONGEST_NAME and name.isprintable():
        try:
            return ZoneInfo(ZONE_ALIASES.get(name, name))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
        if (fixed := fixed_offset(name)) is not None:
            return fixed
        guesses = get_close_matches(name.replace(" ", "_"), available_timezones(), n=1)
    else:
        guesses = []
    example = guesses[0] if guesses else "Europe/Zurich"
    raise ValueError(
        f"`{one_line(name, 60)}` is not a known time zone. Use an IANA name such as {example}."
    ) from None


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


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """``2013-10-03T15:30`` in ``zone``, or with its own offset; ValueError if unreadable."""
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
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def zone_name(zone: tzinfo, moment: datetime) -> str:
    """'EDT (America/New_York)', or just the abbreviation when the zone has no IANA key."""
    abbreviation = moment.astimezone(zone).tzname() or ""
    key = getattr(zone, "key", "")
    return f"{abbreviation} ({key})" if key and key != abbreviation else abbreviation

"""Time zones: the viewer's own zone, and reading a moment given on the command line."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from difflib import get_close_matches
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from hldtui.model import fixed_offset

# Places people name that the tz database files under another city: Geneva, a UN duty
# station, keeps Swiss time, which the database calls Europe/Zurich.
ZONE_ALIASES = {"Europe/Geneva": "Europe/Zurich"}


def zone_named(name: str) -> tzinfo:
    """An IANA zone (or a fixed offset such as UTC+05:30), or ValueError saying what to give."""
    name = name.strip()
    try:
        return ZoneInfo(ZONE_ALIASES.get(name, name))
    except (ZoneInfoNotFoundError, ValueError):
        pass
    if (fixed := fixed_offset(name)) is not None:
        return fixed
    known = available_timezones()
    guesses = get_close_matches(name.replace(" ", "_"), known, n=1) or ["Europe/Zurich"]
    raise ValueError(
        f"`{name}` is not a known time zone. Use an IANA name such as {guesses[0]}."
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
            f"`{text}` is not an ISO date and time. Write it as YYYY-MM-DDTHH:MM, "
            "such as 2013-10-03T15:30."
        ) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def zone_name(zone: tzinfo, moment: datetime) -> str:
    """'EDT (America/New_York)', or just the abbreviation when the zone has no IANA key."""
    abbreviation = moment.astimezone(zone).tzname() or ""
    key = getattr(zone, "key", "")
    return f"{abbreviation} ({key})" if key and key != abbreviation else abbreviation

"""Repetition rules of iCalendar files, checked and bounded before anything expands them.

A rule is expanded by walking forward from its start, and dateutil's walk looks at its
end only when the rule matches: a rule that never matches walks to the year 9999. Each
event's rule is therefore walked here, to the programme's last day and never past that
day's year, and cut at MAX_REPEATS; each time zone's rule is checked before `icalendar`
expands it, as it does while reading the file.
"""

from __future__ import annotations

import datetime as datetime_module
import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice
from types import FunctionType, MethodType, SimpleNamespace

import dateutil.rrule as rrule_module
from dateutil.rrule import rrule, rrulestr
from icalendar import Component
from icalendar.prop import vRecur

from hldtui.bounds import LAST_YEAR, MAX_REPEATS
from hldtui.text import is_number

FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY")
MAX_ZONES = 200
"""Time zones one calendar may define; real ones define a few."""
MAX_ZONE_CHANGES = 2_000
"""Changes of offset one zone's rules may make (Outlook's rules, from 1601, make 900)."""
_ZONE_END_YEAR = 2038
"""Where `icalendar` stops a zone's rule that gives no end."""
_ZONE = re.compile(rb"BEGIN:VTIMEZONE\r?\n(.*?)END:VTIMEZONE", re.IGNORECASE | re.DOTALL)
_PART = re.compile(rb"BEGIN:(STANDARD|DAYLIGHT)\r?\n(.*?)END:\1", re.IGNORECASE | re.DOTALL)
_FOLD = re.compile(rb"\r?\n[ \t]")
_WHEN = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?")


class RuleError(ValueError):
    """A rule that cannot be expanded within bounds; the message says why."""


def occurrences(event: Component, start: date | datetime, end: date) -> list[date | datetime]:
    """When ``event``, first starting at ``start``, happens up to ``end``: its start, its
    rules' and its RDATE's moments, less its EXDATEs; at most MAX_REPEATS + 1 of them."""
    moments: set[date | datetime] = {start}
    try:
        for rule in _listed(event.get("RRULE")):
            moments.update(_rule_moments(rule, start, end))
        for listed in _listed(event.get("RDATE")):
            moments.update(_moment(value.dt) for value in listed.dts)
        for listed in _listed(event.get("EXDATE")):
            moments.difference_update(_moment(value.dt) for value in listed.dts)
    except (AttributeError, TypeError) as error:
        raise RuleError(f"its RDATE or EXDATE is not a list of dates ({error}).") from None
    kept = sorted(moments, key=comparable)
    return [moment for moment in kept if _as_date(moment) <= end][: MAX_REPEATS + 1]


def _rule_moments(rule: vRecur, start: date | datetime, end: date) -> list[date | datetime]:
    """The moments of one rule up to ``end``, found by a walk that stops at the end of
    ``end``'s year whether or not the rule ever matches."""
    frequency = str((rule.get("FREQ") or [""])[0]).upper()
    if frequency not in FREQUENCIES:
        named = frequency.lower() or "without a frequency"
        raise RuleError(
            f"the event repeats `{named}`; hldtui expands events that repeat at most hourly."
        )
    if rule.get("BYSECOND"):
        raise RuleError("the event repeats more often than hourly.")
    interval = _number(rule, "INTERVAL")
    if interval is not None and interval < 1:
        raise RuleError(f"INTERVAL={interval}: a rule repeats every 1 or more periods.")
    count = _number(rule, "COUNT")
    if count is not None and count < 1:
        raise RuleError(f"COUNT={count}: a rule happens 1 or more times.")
    cap = _moment_like(end + timedelta(days=2), start)
    until = (rule.get("UNTIL") or [None])[0]
    if isinstance(until, date):
        until = until if isinstance(until, datetime) else datetime.combine(until, time.max)
        if comparable(until) < comparable(cap):
            cap = _moment_like(until, start)
    parts = vRecur({k: v for k, v in rule.items() if k not in ("COUNT", "UNTIL")})
    walk_start = start if isinstance(start, datetime) else datetime.combine(start, time())
    walk_cap = cap if isinstance(cap, datetime) else datetime.combine(cap, time.max)
    try:
        walk = _bounded_walk(parts.to_ical().decode(), walk_start, walk_cap)
        found: list[date | datetime] = list(
            islice(walk, min(count or MAX_REPEATS + 1, MAX_REPEATS + 1))
        )
    except (ValueError, TypeError, OverflowError) as error:
        raise RuleError(f"this is not a rule for repeating ({error}).") from None
    if isinstance(start, datetime):
        return found
    return [_as_date(moment) for moment in found]


def _bounded_walk(text: str, start: datetime, end: datetime, *, ignoretz: bool = False) -> rrule:
    """One rule walked from ``start`` to ``end``. dateutil's walk checks its end only on a
    match, so a rule that never matches would walk to the year 9999: this one stops after
    ``end``'s year whatever the rule."""
    walk = rrulestr(text, dtstart=start, ignoretz=ignoretz)
    if not isinstance(walk, rrule):
        raise ValueError("it is not one rule")
    walk = walk.replace(until=end, count=None)
    vars(walk)["_iter"] = MethodType(_walk_until_year(end.year), walk)
    return walk


@lru_cache(maxsize=8)
def _walk_until_year(year: int) -> FunctionType:
    """dateutil's walk, stopping after ``year`` instead of after year 9999."""
    stopping = SimpleNamespace(**{**vars(datetime_module), "MAXYEAR": year})
    code = vars(rrule)["_iter"].__code__
    return FunctionType(code, {**vars(rrule_module), "datetime": stopping}, "_iter")


def zone_rules_problem(data: bytes) -> str | None:
    """Why the time zones a calendar defines cannot be read within bounds, or None."""
    zones = _ZONE.findall(data)
    if len(zones) > MAX_ZONES:
        return f"the calendar defines {len(zones):,} time zones; hldtui reads at most {MAX_ZONES}."
    for zone in zones:
        text = _FOLD.sub(b"", zone)
        name = _value(text, b"TZID") or "a time zone"
        changes = 0
        for _, part in _PART.findall(text):
            try:
                changes += _zone_changes(part)
            except RuleError as error:
                return f"the time zone `{name}`: {error}"
            if changes > MAX_ZONE_CHANGES:
                return (
                    f"the time zone `{name}` changes its offset more than "
                    f"{MAX_ZONE_CHANGES:,} times; real zones change it twice a year."
                )
    return None


def _zone_changes(part: bytes) -> int:
    """How many changes of offset one STANDARD or DAYLIGHT part makes."""
    dates = _values(part, b"RDATE")
    changes = 1 + sum(value.count(",") + 1 for value in dates)
    rules = _values(part, b"RRULE")
    if not rules:
        return changes
    found = _WHEN.search(_value(part, b"DTSTART"))
    if found is None:
        raise RuleError("a part of it has no DTSTART.")
    year, month, day, hour, minute, second = (int(n) if n else 0 for n in found.groups())
    try:
        start = datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise RuleError(f"{found.group(0)} is not a date.") from None
    for text in rules:
        rule = dict(item.partition("=")[::2] for item in text.upper().split(";"))
        if rule.get("FREQ") != "YEARLY":
            raise RuleError(
                f"its offset changes by the rule {text[:60]}; zones change theirs yearly."
            )
        for name in ("INTERVAL", "COUNT"):
            if name in rule and not is_number(rule[name]):
                raise RuleError(f"{name}={rule[name][:20]} is not a number of 1 or more.")
            if name in rule and int(rule[name]) < 1:
                raise RuleError(f"{name}={rule[name]} is not a number of 1 or more.")
        until_year = _ZONE_END_YEAR
        if "UNTIL" in rule:
            found_until = _WHEN.match(rule["UNTIL"])
            until_year = int(found_until.group(1)) if found_until else LAST_YEAR + 1
            if until_year > LAST_YEAR:
                raise RuleError(f"its rule runs until {rule['UNTIL'][:20]}, past {LAST_YEAR}.")
        last_year = max(until_year, year)
        try:
            end = datetime(last_year, 12, 31, 23, 59)
            walk = _bounded_walk(text, start, end, ignoretz=True)
            wanted = int(rule.get("COUNT", MAX_ZONE_CHANGES + 1))
            made = sum(1 for _ in islice(walk, min(wanted, MAX_ZONE_CHANGES + 1)))
        except (ValueError, TypeError, OverflowError) as error:
            raise RuleError(f"its rule {text[:60]} cannot be read ({error}).") from None
        # icalendar walks a rule until it passes its end, on a match: one that never
        # matches is walked to the year 9999.
        if made == 0:
            raise RuleError(f"its rule {text[:60]} never happens by {last_year}.")
        if "COUNT" in rule and "UNTIL" not in rule and made < wanted:
            raise RuleError(f"its rule {text[:60]} does not happen {wanted} times by {until_year}.")
        changes += made
    return changes


def _values(text: bytes, name: bytes) -> list[str]:
    pattern = re.compile(
        rb"^" + name + rb"(?:;[^:\r\n]*)?:([^\r\n]*)", re.IGNORECASE | re.MULTILINE
    )
    return [found.decode("utf-8", "replace").strip() for found in pattern.findall(text)]


def _value(text: bytes, name: bytes) -> str:
    return next(iter(_values(text, name)), "")


def _listed(value: object) -> list:
    """A property that may appear once or many times, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _moment(value: object) -> date | datetime:
    """An RDATE's or EXDATE's value: a date or time, or the start of a period."""
    moment = value[0] if isinstance(value, tuple) else value
    if not isinstance(moment, date):
        raise TypeError(f"{moment!r} is not a date")
    return moment


def _as_date(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _number(rule: vRecur, name: str) -> int | None:
    values = rule.get(name)
    if not values:
        return None
    try:
        return int(values[0])
    except (TypeError, ValueError):
        raise RuleError(f"{name}={values[0]} is not a number.") from None


def _moment_like(moment: date, like: date | datetime) -> date | datetime:
    """``moment`` as the same kind as ``like``: a date, a floating time or a time in UTC."""
    if not isinstance(like, datetime):
        return moment.date() if isinstance(moment, datetime) else moment
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if like.tzinfo is None:
        return moment.replace(tzinfo=None) if moment.tzinfo is None else _utc(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def comparable(moment: date) -> datetime:
    """A date or time as a naive one in UTC (a floating one as it is), to compare."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time())
    return moment if moment.tzinfo is None else _utc(moment)

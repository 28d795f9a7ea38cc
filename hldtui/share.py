"""A plan as a link Giggity opens, and such a link read back.

Giggity 3.0 writes `https://ggt.gaa.st/#url=<programme address>&see=<ids>&del=<ids>`: each
list of ids is JSON, compressed with zlib and written in URL-safe base64 without padding.
Giggity has one level of selection, so every ★ and ☆ session is in `see`; hldtui adds
`maybe=` naming the ☆ ones among them, which Giggity does not read and hldtui does, so
that a plan shared between two copies of hldtui comes back whole.

A link is untrusted: its size, its compressed lists as they unpack, and every id are
bounded, and anything else is refused with a `LinkError` naming the part.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlsplit

from hldtui.model import Interest, Schedule, Session
from hldtui.plan import Plan, PlanChange
from hldtui.sources.errors import is_address
from hldtui.text import one_line

SHARE_BASE = "https://ggt.gaa.st/"
MAX_LINK = 64 * 1024
"""Characters of a link; a QR code holds under 3,000."""
MAX_IDS = 20_000
MAX_ID = 200
MAX_UNPACKED = 2 * 1024 * 1024
"""Bytes a list may unpack to: 20,000 ids of up to 100 characters."""
PARTS = ("see", "maybe", "del")


class LinkError(Exception):
    """A link that is not a plan hldtui can read; ``part`` names where it is wrong."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(f"{part}: {message}")
        self.part = part
        self.message = message


@dataclass(frozen=True)
class SharedPlan:
    """What a link carries: the programme's address and the file's ids of its sessions."""

    address: str
    see: tuple[str, ...] = ()
    """The sessions selected: ★ and ☆."""
    maybe: tuple[str, ...] = ()
    """Those of `see` that are ☆ (hldtui's own part of the link)."""
    hidden: tuple[str, ...] = ()

    @property
    def link(self) -> str:
        parts = [f"url={quote(self.address, safe='')}"]
        for name, ids in zip(PARTS, (self.see, self.maybe, self.hidden), strict=True):
            if ids:
                parts.append(f"{name}={_packed(ids)}")
        return f"{SHARE_BASE}#{'&'.join(parts)}"


def share_id(session: Session) -> str:
    """The id Giggity knows a session by: the file's event id, else its guid (a calendar's
    UID), else hldtui's own."""
    return session.event_id or session.guid or session.id


def shared_plan(plan: Plan, address: str) -> SharedPlan:
    """The plan over a programme opened from ``address``, as a link carries it."""
    schedule = plan.schedule
    chosen = schedule.only(plan.favourites)
    hidden = schedule.only(plan.hidden)
    return SharedPlan(
        address,
        see=_unique(share_id(s) for s in chosen),
        maybe=_unique(share_id(s) for s in chosen if plan.level(s.id) is Interest.MAYBE),
        hidden=_unique(share_id(s) for s in hidden),
    )


def read_link(text: str) -> SharedPlan:
    """The plan in a share link; raises LinkError."""
    text = text.strip()
    if len(text) > MAX_LINK:
        raise LinkError("link", f"it is {len(text):,} characters long; at most {MAX_LINK:,}.")
    if not text.isprintable():
        raise LinkError("link", "it holds control characters.")
    try:
        split = urlsplit(text)
    except ValueError as error:
        raise LinkError("link", f"it is not a web address ({one_line(str(error), 60)}).") from None
    if split.scheme not in ("http", "https") or not split.fragment:
        raise LinkError(
            "link", "it is not a share link: one starts https://ggt.gaa.st/#url=… (Giggity's form)."
        )
    fields: dict[str, str] = {}
    for name, value in parse_qsl(split.fragment, keep_blank_values=True):
        # Other parts (Giggity's `json`, or ones yet to come) are not hldtui's to read.
        if name not in ("url", *PARTS):
            continue
        if name in fields:
            raise LinkError(name, "it is given twice.")
        fields[name] = value
    address = fields.get("url", "").strip()
    if not address:
        raise LinkError("url", "the link names no programme address.")
    if not is_address(address) or not address.isprintable():
        raise LinkError(
            "url", f"`{one_line(address, 60)}` is not an http, https or webcal address."
        )
    see, maybe, hidden = (_unpacked(name, fields.get(name, "")) for name in PARTS)
    stray = set(maybe) - set(see)
    if stray:
        raise LinkError("maybe", f"it names {len(stray)} sessions that `see` does not.")
    return SharedPlan(address, see, maybe, hidden)


def is_share_link(text: str) -> bool:
    """Whether ``text`` looks like a share link (to be read with `read_link`)."""
    text = text.strip()
    return text.startswith(("http://", "https://")) and "#url=" in text[:200]


@dataclass
class Taken:
    """What taking a shared plan did: the sessions marked, and the ids matching none."""

    levels: dict[str, Interest] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    """(part, id) for each id no session has."""


def matched(shared: SharedPlan, schedule: Schedule) -> Taken:
    """The sessions a shared plan names, by the file's id, guid, code or slug (an id a
    merged file repeats names each session that has it)."""
    taken = Taken()
    maybe = set(shared.maybe)
    for part, ids in (("see", shared.see), ("del", shared.hidden)):
        for key in ids:
            sessions = schedule.lookup(key)
            if not sessions:
                taken.unmatched.append((part, key))
            for session in sessions:
                if part == "del":
                    taken.hidden.append(session.id)
                else:
                    level = Interest.MAYBE if key in maybe else Interest.ATTEND
                    taken.levels[session.id] = level
    return taken


def take(plan: Plan, taken: Taken, *, replace: bool) -> PlanChange:
    """Merge the matched sessions into the plan (a session already ★ or ☆ keeps its
    level), or replace its levels and hidden sessions with them (notes stay); what
    changed. Raises NotSaved as the plan's changes do."""
    changes: list[PlanChange] = []
    if replace:
        for session_id in plan.favourites - taken.levels.keys():
            changes.append(plan.set_level(session_id, None))
        for session_id in plan.hidden - set(taken.hidden):
            changes.append(plan.set_hidden(session_id, False))
    for session_id, level in taken.levels.items():
        if plan.level(session_id) != level and (replace or plan.level(session_id) is None):
            changes.append(plan.set_level(session_id, level))
    for session_id in taken.hidden:
        if session_id not in plan.hidden:
            changes.append(plan.set_hidden(session_id, True))
    return PlanChange(
        sessions=frozenset().union(*(change.sessions for change in changes)),
        levels=any(change.levels for change in changes),
        hidden=any(change.hidden for change in changes),
    )


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _packed(ids: tuple[str, ...]) -> str:
    items = [int(i) if i.isdigit() and i.isascii() and not i.startswith("0") else i for i in ids]
    data = json.dumps(items, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(zlib.compress(data)).decode().rstrip("=")


def _unpacked(part: str, text: str) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        padded = text + "=" * (-len(text) % 4)
        compressed = base64.b64decode(padded, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise LinkError(part, "it is not URL-safe base64.") from None
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, MAX_UNPACKED + 1)
    except zlib.error:
        raise LinkError(part, "it is not zlib-compressed data.") from None
    if len(data) > MAX_UNPACKED:
        raise LinkError(part, f"it unpacks to more than {MAX_UNPACKED // 2**20} MB.")
    if not inflater.eof:
        raise LinkError(part, "its compressed data is cut short.")
    try:
        items = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise LinkError(part, "it does not unpack to JSON.") from None
    if not isinstance(items, list):
        raise LinkError(part, "it does not unpack to a list of ids.")
    if len(items) > MAX_IDS:
        raise LinkError(part, f"it names {len(items):,} sessions; at most {MAX_IDS:,}.")
    ids: list[str] = []
    for place, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, int | str):
            raise LinkError(f"{part}[{place}]", "an id is a number or a string.")
        key = str(item).strip() if isinstance(item, str) else str(item)
        if not key or len(key) > MAX_ID or not key.isprintable():
            raise LinkError(
                f"{part}[{place}]", f"`{one_line(key, 40)}` is not an id (1–{MAX_ID} characters)."
            )
        ids.append(key)
    return _unique(ids)

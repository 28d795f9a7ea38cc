"""Session keys from the ids that files give: made safe, and made unique where files repeat them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from hldtui.model import Session
from hldtui.sources.text import ID_LIMIT

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def identifier(text: str) -> str:
    """``text`` with runs of anything but letters, digits, '.', '_' and '-' made '-'."""
    return _NOT_ID.sub("-", text.strip()[: ID_LIMIT * 2]).strip("-.")[:ID_LIMIT]


def unique(sessions: Iterable[Session]) -> list[Session]:
    """The sessions with exact repeats dropped (merged files list some events twice) and
    every other repeated key made unique as `key~2`, `key~3`, in linear time."""
    seen: dict[str, Session] = {}
    counts: dict[str, int] = {}
    kept = []
    for session in sessions:
        if session.id in seen:
            if _same_event(seen[session.id], session):
                continue
            session = replace(session, id=_free_id(session.id, seen, counts))
        seen[session.id] = session
        kept.append(session)
    return kept


def _same_event(first: Session, second: Session) -> bool:
    return (first.start, first.end, first.room, first.title) == (
        second.start,
        second.end,
        second.room,
        second.title,
    )


def _free_id(session_id: str, seen: dict[str, Session], counts: dict[str, int]) -> str:
    """The next unused `id~N`; ``counts`` remembers where each id's count got to."""
    number = counts.get(session_id, 1) + 1
    while f"{session_id}~{number}" in seen:
        number += 1
    counts[session_id] = number
    return f"{session_id}~{number}"

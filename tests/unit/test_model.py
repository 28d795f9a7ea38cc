"""The model: ordering, days and lookups."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hldtui.model import UNTITLED, Conference, Kind, Provenance, Schedule, Session, Source

ZONE = ZoneInfo("America/New_York")
SOURCE = Source(key="S", title="Source", url="https://example.org/")


def session(session_id: str, day: int, hour: int, title: str | None = "A session") -> Session:
    return Session(
        id=session_id,
        kind=Kind.PLENARY,
        start=datetime(2013, 10, day, hour, tzinfo=ZONE),
        end=datetime(2013, 10, day, hour + 1, tzinfo=ZONE),
        title=title,
        provenance=Provenance(sources=(SOURCE,)),
    )


CONFERENCE = Conference(
    id="c",
    title="C",
    start=date(2013, 10, 3),
    end=date(2013, 10, 5),
    timezone="America/New_York",
    venue="V",
    sources=(SOURCE,),
)


def test_sessions_are_kept_in_start_order() -> None:
    schedule = Schedule(CONFERENCE, (session("b", 4, 9), session("a", 3, 15), session("c", 3, 9)))
    assert [s.id for s in schedule.sessions] == ["c", "a", "b"]


def test_days_include_days_without_sessions() -> None:
    schedule = Schedule(CONFERENCE, (session("a", 3, 9),))
    assert schedule.days == (date(2013, 10, 3), date(2013, 10, 4), date(2013, 10, 5))
    assert schedule.on_day(date(2013, 10, 5)) == ()
    assert [s.id for s in schedule.on_day(date(2013, 10, 3))] == ["a"]


def test_lookup_and_only_ignore_unknown_ids() -> None:
    schedule = Schedule(CONFERENCE, (session("b", 4, 9), session("a", 3, 9)))
    assert schedule.get("a") is schedule.sessions[0]
    assert schedule.get("zzz") is None
    assert [s.id for s in schedule.only({"b", "a", "gone"})] == ["a", "b"]


def test_untitled_session_has_a_display_title() -> None:
    assert session("x", 3, 9, title=None).display_title == UNTITLED
    assert session("x", 3, 9, title="Named").display_title == "Named"


def test_inferred_fields_are_reported() -> None:
    provenance = Provenance(sources=(SOURCE,), inferred=frozenset({"start"}), note="n")
    item = replace(session("x", 3, 9), provenance=provenance)
    assert item.is_inferred("start")
    assert not item.is_inferred("room")
    assert provenance.url == SOURCE.url


def test_model_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        session("x", 3, 9).title = "changed"  # type: ignore[misc]


def test_every_kind_has_a_label_and_badge() -> None:
    for kind in Kind:
        assert kind.label
        assert 1 <= len(kind.badge) <= 4

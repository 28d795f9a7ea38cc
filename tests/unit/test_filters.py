"""Filters keep only the delegate's choice; what is hidden comes from the plan."""

from __future__ import annotations

from hldtui.filters import Filter, choices
from hldtui.model import Kind, Schedule


def test_a_kind_and_a_track_exclude_each_other_and_a_room_goes_with_either() -> None:
    chosen = Filter().choose(("kind", Kind.ROUND_TABLE))
    assert chosen.kind is Kind.ROUND_TABLE and chosen.active
    chosen = chosen.choose(("room", "Saal 1")).choose(("track", "CCC"))
    assert (chosen.kind, chosen.track, chosen.room) == (None, "CCC", "Saal 1")
    assert chosen.describe() == "Track: CCC · Room: Saal 1"
    cleared = chosen.choose(("all", None))
    assert not cleared.active and cleared.describe() == ""


def test_hidden_sessions_are_left_out_unless_shown(builtin: Schedule) -> None:
    rt1, rt2 = builtin.get("thu-rt1"), builtin.get("thu-rt2")

    def hidden(session: object) -> bool:
        return session is rt2

    assert Filter().apply([rt1, rt2], hidden) == [rt1]
    assert Filter(show_hidden=True).apply([rt1, rt2], hidden) == [rt1, rt2]
    assert Filter(kind=Kind.OPENING).apply([rt1, rt2], hidden) == []


def test_the_pickers_offer_what_the_programme_has_with_counts(builtin: Schedule) -> None:
    found = choices(builtin.sessions)
    options = found.kind_or_track_options()
    assert options[0] == ("Every kind and track", ("all", None))
    assert ("Kind: Round table (4)", ("kind", Kind.ROUND_TABLE)) in options
    assert found.room_options() == [], "the Dialogue's programme names no rooms"

"""The plan: the one source of truth for the delegate's choices, and what each change
touched, here and from another running copy of the app."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hldtui.model import Interest, Schedule
from hldtui.plan import NO_CHANGE, NotSaved, Plan
from hldtui.planner import agenda
from hldtui.store import FavouritesStore

ATTEND, MAYBE = Interest.ATTEND, Interest.MAYBE


def make_plan(schedule: Schedule, data_dir: Path) -> Plan:
    return Plan(schedule, FavouritesStore(data_dir, schedule.conference.id))


def test_a_new_plan_is_empty_at_revision_zero(builtin: Schedule, data_dir: Path) -> None:
    plan = make_plan(builtin, data_dir)
    assert plan.revision == 0
    assert (plan.favourites, plan.hidden, plan.hidden_tracks) == (frozenset(),) * 3
    assert plan.level("thu-rt1") is None and plan.note("thu-rt1") == ""
    assert plan.attending == () and plan.agenda() == ()
    assert not plan.hides_any


def test_each_change_says_what_it_touched_and_advances_the_revision(
    builtin: Schedule, data_dir: Path
) -> None:
    plan = make_plan(builtin, data_dir)
    change = plan.set_level("thu-rt1", ATTEND)
    assert change.sessions == {"thu-rt1"} and change.levels and not change.notes
    assert plan.revision == 1 and plan.level("thu-rt1") is ATTEND
    change = plan.set_note("thu-rt1", "Ask about remittances")
    assert change.sessions == {"thu-rt1"} and change.notes and not change.levels
    assert plan.note("thu-rt1") == "Ask about remittances"
    change = plan.set_hidden("fri-rt4", True)
    assert change.hidden and change.sessions == {"fri-rt4"}
    assert plan.is_hidden(builtin.get("fri-rt4")) and plan.hides_any
    assert plan.revision == 3
    assert not plan.set_level("thu-rt1", ATTEND), "the same level again changes nothing"
    assert plan.revision == 3


def test_levels_and_notes_are_the_same_object_until_they_change(
    builtin: Schedule, data_dir: Path
) -> None:
    plan = make_plan(builtin, data_dir)
    plan.set_level("thu-rt1", ATTEND)
    levels, notes = plan.levels, plan.notes
    plan.set_hidden("fri-rt4", True)
    assert plan.levels is levels and plan.notes is notes
    plan.set_note("thu-rt1", "x")
    assert plan.levels is levels and plan.notes is not notes


def test_only_will_attend_sessions_clash_and_the_agenda_agrees_with_the_planner(
    builtin: Schedule, data_dir: Path
) -> None:
    plan = make_plan(builtin, data_dir)
    plan.set_level("thu-general-debate-am", ATTEND)
    plan.set_level("thu-rt1", MAYBE)
    rt1 = builtin.get("thu-rt1")
    assert plan.clashes_for(rt1) == (), "☆ maybe never clashes"
    plan.set_level("thu-rt1", ATTEND)
    assert [s.id for s in plan.clashes_for(rt1)] == ["thu-general-debate-am"]
    assert [s.id for s in plan.attending] == ["thu-general-debate-am", "thu-rt1"]
    assert plan.agenda() == agenda(builtin, plan.levels)


def test_a_track_hides_its_sessions(data_dir: Path) -> None:
    from hldtui.sources import load_schedule

    congress = load_schedule(Path(__file__).parents[1] / "data" / "formats" / "31c3-schedule.xml")
    plan = make_plan(congress, data_dir)
    session = next(s for s in congress.sessions if s.track)
    change = plan.set_track_hidden(session.track, True)
    assert change.hidden and plan.is_hidden(session) and session.track in plan.hidden_tracks


def test_a_failed_save_keeps_the_change_and_says_what_it_touched(
    builtin: Schedule, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(builtin, data_dir)

    def full_disk(document: dict) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(plan.store, "_write", full_disk)
    with pytest.raises(NotSaved, match="No space left on device") as caught:
        plan.set_level("thu-rt2", ATTEND)
    assert caught.value.change.sessions == {"thu-rt2"}
    assert plan.level("thu-rt2") is ATTEND and plan.revision == 1


def test_refresh_costs_nothing_when_nothing_changed(builtin: Schedule, data_dir: Path) -> None:
    plan = make_plan(builtin, data_dir)
    plan.set_level("thu-rt1", ATTEND)
    assert plan.refresh() is NO_CHANGE
    assert plan.revision == 1


OTHER_COPY = """
import sys
from pathlib import Path
from hldtui.model import Interest
from hldtui.plan import Plan
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore

schedule = load_schedule()
plan = Plan(schedule, FavouritesStore(Path(sys.argv[1]), schedule.conference.id))
plan.set_hidden("thu-rt2", True)
plan.set_note("fri-rt4", "Bring the ILO figures")
plan.set_level("fri-rt3", Interest.ATTEND)
"""


def test_a_change_by_another_running_copy_shows_after_one_refresh(
    builtin: Schedule, data_dir: Path
) -> None:
    plan = make_plan(builtin, data_dir)
    plan.set_level("thu-rt1", ATTEND)
    subprocess.run([sys.executable, "-c", textwrap.dedent(OTHER_COPY), str(data_dir)], check=True)
    change = plan.refresh()
    assert change.sessions == {"thu-rt2", "fri-rt4", "fri-rt3"}
    assert change.levels and change.notes and change.hidden
    assert plan.is_hidden(builtin.get("thu-rt2"))
    assert plan.note("fri-rt4") == "Bring the ILO figures"
    assert plan.level("fri-rt3") is ATTEND and plan.level("thu-rt1") is ATTEND
    assert plan.revision == 2

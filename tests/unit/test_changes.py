"""What changed since the version last seen: compared by session key, yours first, and
marked as seen."""

from __future__ import annotations

import copy
import json
from datetime import UTC
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hldtui.changes import ChangeKind, FieldChange, compare, mine_first
from hldtui.cli import main
from hldtui.model import Interest
from hldtui.present import change_lines
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore

CAMP = Path(__file__).parents[1] / "data" / "formats" / "camp2019-schedule.json"


def edited() -> bytes:
    """Camp 2019 with the opening moved an hour, card10 renamed, the Kubernetes talk gone
    and a new talk."""
    document = json.loads(CAMP.read_text(encoding="utf-8"))
    events = next(iter(document["schedule"]["conference"]["days"][0]["rooms"].values()))
    events[0]["start"] = "12:00"
    events[0]["date"] = events[0]["date"].replace("T11:00", "T12:00")
    events[1]["title"] = "card10 Badge, revised"
    del events[2]
    added = copy.deepcopy(events[2])
    added["guid"] = "00000000-0000-4000-8000-000000000001"
    added["id"] = 999999
    added["title"] = "A late addition"
    events.append(added)
    return json.dumps(document).encode()


def test_compare_finds_new_moved_changed_and_cancelled(tmp_path: Path) -> None:
    before = load_schedule(CAMP)
    changed = tmp_path / "camp.json"
    changed.write_bytes(edited())
    after = load_schedule(changed)
    found = {(c.kind, c.session.display_title) for c in compare(before, after)}
    assert (ChangeKind.MOVED, "Opening Ceremony") in found
    assert (ChangeKind.CHANGED, "card10 Badge, revised") in found
    assert (ChangeKind.NEW, "A late addition") in found
    assert any(kind is ChangeKind.CANCELLED and "Kubernetes" in title for kind, title in found)
    assert len(found) == 4
    moved = next(c for c in compare(before, after) if c.kind is ChangeKind.MOVED)
    assert moved.before is not None and moved.before.start.hour == 11
    assert moved.session.start.hour == 12 and moved.fields == ()
    renamed = next(c for c in compare(before, after) if c.kind is ChangeKind.CHANGED)
    assert renamed.fields == (FieldChange("title", "card10 Badge", "card10 Badge, revised"),)
    assert compare(before, before) == ()


def test_a_change_is_written_in_the_zone_shown(tmp_path: Path) -> None:
    changed = tmp_path / "camp.json"
    changed.write_bytes(edited())
    found = compare(load_schedule(CAMP), load_schedule(changed))
    moved = next(c for c in found if c.kind is ChangeKind.MOVED)
    assert [line.text for line in change_lines(moved, moved.session.start.tzinfo)] == [
        "Time was: Wed 21 Aug 11:00–11:30",
        "Time now: Wed 21 Aug 12:00–12:30",
    ]
    assert [line.old for line in change_lines(moved, UTC)] == [True, False]
    assert change_lines(moved, UTC)[0].text == "Time was: Wed 21 Aug 09:00–09:30", "in UTC"
    renamed = next(c for c in found if c.kind is ChangeKind.CHANGED)
    assert [line.text for line in change_lines(renamed, UTC)] == [
        "Title was: card10 Badge",
        "Title now: card10 Badge, revised",
    ]


def test_changes_to_your_sessions_come_first(tmp_path: Path) -> None:
    changed = tmp_path / "camp.json"
    changed.write_bytes(edited())
    found = compare(load_schedule(CAMP), load_schedule(changed))
    late = next(c for c in found if c.kind is ChangeKind.NEW)
    ordered = mine_first(found, {late.session.id: Interest.ATTEND})
    assert ordered[0] is late


def test_the_cli_lists_changes_since_the_version_seen_at_an_address(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    url = httpserver.url_for("/schedule.json")
    httpserver.expect_ordered_request("/schedule.json").respond_with_data(CAMP.read_bytes())
    assert main(["--schedule", url, "changes"]) == 1, "the first version is the one seen"
    assert "Nothing has changed" in capsys.readouterr().out
    httpserver.expect_ordered_request("/schedule.json").respond_with_data(edited())
    status = main(["--schedule", url, "changes", "--seen"])
    out = capsys.readouterr().out
    assert status == 0
    assert "MOVED" in out and "Opening Ceremony" in out
    assert "Time was: Wed 21 Aug 11:00" in out and "Time now: Wed 21 Aug 12:00" in out
    assert "NEW" in out and "A late addition" in out and "CNCL" in out
    httpserver.expect_ordered_request("/schedule.json").respond_with_data(edited())
    assert main(["--schedule", url, "changes", "--json"]) == 1, "marked as seen"
    assert json.loads(capsys.readouterr().out) == {"notices": "all", "changes": []}


def test_a_local_file_s_changes_are_found_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = tmp_path / "camp.json"
    path.write_bytes(CAMP.read_bytes())
    assert main(["--schedule", str(path), "changes"]) == 1
    capsys.readouterr()
    path.write_bytes(edited())
    schedule = load_schedule(path)
    late = next(s for s in schedule.sessions if s.display_title == "A late addition")
    FavouritesStore(data_dir, schedule.conference.id).set_level(late.id, Interest.ATTEND)
    assert main(["--schedule", str(path), "changes", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert changes[0]["change"] == "new" and changes[0]["interest"] == "attend", "yours first"
    assert {c["change"] for c in changes} == {"new", "moved", "changed", "cancelled"}

"""What hldtui keeps on disk, and files that crashed loaders, made hostile: every one a
message, nothing the user did lost, nothing written where another user can aim it."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from hldtui.cli import main
from hldtui.crash import save_report
from hldtui.model import Interest
from hldtui.programme import SeenCopies
from hldtui.sources import ScheduleError, load_schedule
from hldtui.store import FAVOURITES_FILE, FavouritesStore

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_lone_surrogate_in_favourites_is_repaired_and_the_new_favourite_saved(
    data_dir: Path,
) -> None:
    data_dir.mkdir(parents=True)
    original = b'{"favourites": {"hld2013": {"x\\ud800": "attend"}}, "notes": {}}'
    (data_dir / FAVOURITES_FILE).write_bytes(original)
    store = FavouritesStore(data_dir, "hld2013")
    (warning,) = store.take_warnings()
    assert "held text that is not Unicode" in warning
    (backup,) = data_dir.glob(f"{FAVOURITES_FILE}.damaged-*")
    assert backup.read_bytes() == original and str(backup) in warning
    store.set_level("opening", Interest.ATTEND)
    saved = json.loads((data_dir / FAVOURITES_FILE).read_text(encoding="utf-8"))
    assert saved["favourites"]["hld2013"] == {"x\ufffd": "attend", "opening": "attend"}
    assert FavouritesStore(data_dir, "hld2013").take_warnings() == []


def test_a_note_that_utf8_cannot_hold_is_still_saved(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.set_note("opening", "half a pair \ud83d here")
    assert FavouritesStore(data_dir, "hld2013").note("opening") == "half a pair \ufffd here"


@pytest.mark.parametrize("kept", ["²", "99999999999", "-5", "ten"])
def test_a_damaged_reminder_setting_is_removed_and_said(
    capsys: pytest.CaptureFixture[str], data_dir: Path, kept: str
) -> None:
    FavouritesStore(data_dir, "hld2013").set_setting("remind", kept)
    status, _, err = run(capsys, "now", "--now", "2013-10-03T10:00")
    assert status == 0
    assert f"The setting `remind` in {data_dir / FAVOURITES_FILE} was removed" in err
    assert FavouritesStore(data_dir, "hld2013").setting("remind") == ""


def test_a_damaged_zone_setting_is_removed_and_said(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "floating.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nX-WR-CALNAME:Floating\nBEGIN:VEVENT\nUID:a\n"
        "DTSTART:20240101T100000\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    FavouritesStore(data_dir, "Floating").set_setting("zone", "Mars/Olympus")
    status, out, err = run(capsys, "--schedule", str(path), "list")
    assert status == 0 and "x" in out
    assert "The setting `zone`" in err and "Mars/Olympus" in err
    assert FavouritesStore(data_dir, "Floating").setting("zone") == ""


def test_a_seen_copy_larger_than_any_programme_is_moved_aside_unread(tmp_path: Path) -> None:
    seen = SeenCopies(tmp_path)
    seen.mark_seen("somewhere", b"programme")
    copy = seen.folder("somewhere") / "seen"
    with copy.open("r+b") as handle:
        handle.truncate(3 * 2**30)
    assert seen.get("somewhere") is None
    assert f"moved to {copy.with_name('seen.damaged')}" in seen.damaged
    assert not copy.exists()


def test_crash_reports_never_follow_a_planted_link(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    for second in range(3):
        (data_dir / f"hldtui-error-00000000-00000{second}.txt").symlink_to(victim)
    reports = [save_report(RuntimeError(f"boom {n}"), data_dir) for n in range(3)]
    assert victim.read_text() == "precious"
    assert len({report for report in reports if report}) == 3
    for report in reports:
        assert report is not None and report.parent == data_dir
        assert stat.S_IMODE(report.lstat().st_mode) == 0o600 and not report.is_symlink()
        assert re.fullmatch(r"hldtui-error-\d{8}-\d{6}-[0-9a-f]{8}\.txt", report.name)


def test_a_crash_report_is_not_written_elsewhere_when_the_data_folder_fails(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert save_report(RuntimeError("boom"), blocked / "data") is None


def test_exports_honour_the_umask(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "programme.md"
    before = os.umask(0o077)
    try:
        status, _, _ = run(capsys, "export", "json", "-o", str(target))
    finally:
        os.umask(before)
    assert status == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_export_never_replaces_a_pipe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    status, _, err = run(capsys, "export", "markdown", "-o", str(pipe), "--force")
    assert status != 0
    assert "is not a regular file (it is a folder, a device or a pipe)" in err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_yaml_alias_is_refused_at_once(tmp_path: Path) -> None:
    chairs = "\n".join(f"  - Chair {n}" for n in range(100_000))
    sessions = "\n".join(
        f"  - id: s{n}\n    kind: panel\n    start: 2024-05-06T09:00\n"
        f"    end: 2024-05-06T10:00\n    title: T{n}\n    chairs: *people"
        for n in range(1_000)
    )
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "conference:\n  id: a\n  title: A\n  start: 2024-05-06\n  end: 2024-05-06\n"
        f"  timezone: Europe/Zurich\npeople: &people\n{chairs}\nsessions:\n{sessions}\n"
    )
    with pytest.raises(ScheduleError) as raised:
        load_schedule(path)
    assert "YAML alias (`*name`)" in str(raised.value)
    assert raised.value.line == 7


def frab_with_days(days: str) -> bytes:
    text = (FORMATS / "31c3-schedule.xml").read_text(encoding="utf-8")
    first = text.index("<day ")
    return (text[:first] + days + text[first:]).encode()


def test_two_days_with_one_start_one_without_an_end_are_read(tmp_path: Path) -> None:
    path = tmp_path / "twice.xml"
    text = (FORMATS / "31c3-schedule.xml").read_text(encoding="utf-8")
    text = text.replace(
        "<day date='2014-12-28' end='2014-12-29T04:00:00+01:00' index='2' "
        "start='2014-12-28T11:30:00+01:00'>",
        "<day date='2014-12-28' index='2' start='2014-12-27T11:00:00+01:00'>",
    )
    path.write_text(text)
    assert load_schedule(path).sessions


def test_two_days_with_one_start_in_c3voc_json_are_read(tmp_path: Path) -> None:
    document = json.loads((FORMATS / "camp2019-schedule.json").read_text())
    days = document["schedule"]["conference"]["days"]
    days[1]["day_start"] = days[0]["day_start"]
    del days[1]["day_end"]
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(document))
    assert load_schedule(path).sessions


def test_a_day_count_of_superscript_two_is_not_a_number(tmp_path: Path) -> None:
    path = tmp_path / "days.xml"
    text = (FORMATS / "31c3-schedule.xml").read_text(encoding="utf-8")
    path.write_text(text.replace("<days>4</days>", "<days>²</days>"))
    assert len(load_schedule(path).days) == 4

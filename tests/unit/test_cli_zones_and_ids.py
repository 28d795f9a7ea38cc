"""The command line with programmes that name no zone, and with the ids files give sessions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from hldtui.cli import main
from hldtui.model import Interest
from hldtui.store import FavouritesStore

DATA = Path(__file__).parent.parent / "data"
NO_ZONE = str(DATA / "formats" / "pentabarf-fosdem-style.xml")
ONLINE = str(DATA / "real-shapes" / "pentabarf-no-zone.xml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_programme_with_no_zone_lists_times_as_written_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "--schedule", NO_ZONE, "list")
    assert status == 0
    assert out.splitlines()[0].startswith("Sat 31 Jan  10:00–10:25  TALK")
    assert "UTC" not in out
    assert err == (
        "hldtui: The file gives no time zone: times are as written. --zone says which "
        "(perhaps --zone Europe/Brussels).\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--tz", "Asia/Tokyo", "list"], "--tz: the programme gives no time zone"),
        (["export", "json"], "export json: schedule.json needs times with a UTC offset"),
    ],
)
def test_what_needs_a_zone_asks_for_zone(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    status, out, err = run(capsys, "--schedule", NO_ZONE, *args)
    assert status == 2 and out == ""
    assert expected in err
    assert "--zone" in err


def test_a_calendar_of_a_programme_with_no_zone_has_floating_times(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "--schedule", NO_ZONE, "export", "ics", "--all")
    assert status == 0
    assert "DTSTART:20150131T100000\r\n" in out
    assert "TZID" not in out and "X-WR-TIMEZONE" not in out
    assert "the calendar's times are floating" in err
    assert len(Calendar.from_ical(out).walk("VEVENT")) == 4


def test_zone_puts_the_programme_in_a_zone_and_is_remembered(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status, out, err = run(capsys, "--schedule", NO_ZONE, "--zone", "Europe/Brussels", "list")
    assert status == 0 and err == ""
    assert "10:00–10:25 CET" in out
    status, out, err = run(capsys, "--schedule", NO_ZONE, "--tz", "Asia/Tokyo", "list")
    assert status == 0 and err == ""
    assert "18:00–18:25 JST" in out
    status, out, _ = run(capsys, "--schedule", NO_ZONE, "export", "json")
    assert status == 0
    assert json.loads(out)["schedule"]["conference"]["time_zone_name"] == "Europe/Brussels"


def test_zone_is_refused_for_a_programme_that_names_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "--zone", "Europe/Paris", "list")
    assert status == 2 and out == ""
    assert "the programme names its own zone, America/New_York" in err
    status, _, err = run(capsys, "--schedule", NO_ZONE, "--zone", "Mars/Base", "list")
    assert status == 2
    assert "--zone: `Mars/Base` is not a known time zone" in err


def test_show_says_the_file_gives_no_zone(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--schedule", NO_ZONE, "show", "3457-20150131T1000")
    assert status == 0
    assert "Time:     10:00–10:25 as written (the file gives no time zone)" in out
    assert out.rstrip().endswith("--zone says which (perhaps --zone Europe/Brussels).")


def test_now_reads_the_clock_as_written_for_a_programme_with_no_zone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "--schedule", ONLINE, "now", "--now", "2021-02-06T09:10", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["now"] == "2021-02-06T09:10:00"
    assert [session["title"] for session in data["running"]] == ["Welcome to the meeting"]
    assert data["running"][0]["start"] == "2021-02-06T09:00:00"


@pytest.mark.parametrize("key", ["11795", "keynotes_welcome", "11795-20210206T0900"])
def test_show_finds_a_session_by_the_file_s_id_or_slug(
    capsys: pytest.CaptureFixture[str], key: str
) -> None:
    status, out, _ = run(capsys, "--schedule", ONLINE, "show", key, "--json")
    assert status == 0
    record = json.loads(out)
    assert record["title"] == "Welcome to the meeting"
    assert (record["event_id"], record["slug"], record["guid"], record["code"]) == (
        "11795",
        "keynotes_welcome",
        "",
        "",
    )
    status, out, _ = run(capsys, "--schedule", ONLINE, "show", key)
    assert "Ids:      event 11795 · slug keynotes_welcome" in out


def test_search_finds_a_session_by_the_file_s_id(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--schedule", ONLINE, "search", "12237")
    assert status == 0
    assert out.splitlines()[0].endswith("Closing the meeting")


def test_an_id_two_sessions_share_lists_both_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = Path(ONLINE).read_text(encoding="utf-8").replace('id="11801"', 'id="11795"')
    merged = tmp_path / "merged.xml"
    merged.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "--schedule", str(merged), "show", "11795")
    assert status == 2
    assert err.startswith("hldtui: 2 sessions have the id `11795`:")
    assert "Give one of the ids in the list." in err
    lines = out.splitlines()
    assert [line.split()[-1] for line in lines] == ["meeting", "beginners"]
    assert "11795-20210207T1100" in lines[1]


def test_favourites_of_a_programme_with_no_zone_survive_setting_its_zone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    store = FavouritesStore(data_dir, "Online-Dev-Meeting-2021")
    store.set_level("11795-20210206T0900", Interest.ATTEND)
    status, out, _ = run(
        capsys, "--schedule", ONLINE, "--zone", "Europe/Brussels", "list", "--favourites"
    )
    assert status == 0
    assert "Welcome to the meeting  ★" in out

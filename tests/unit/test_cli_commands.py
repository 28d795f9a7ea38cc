"""The scripting commands: output for people and programs, and exit status 0, 1 or 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from hldtui.cli import main
from hldtui.model import Interest
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def planned(data_dir: Path) -> FavouritesStore:
    store = FavouritesStore(data_dir, "hld2013")
    store.set_level("thu-rt1", Interest.ATTEND)
    store.set_level("thu-general-debate-am", Interest.ATTEND)
    store.set_level("fri-rt4", Interest.MAYBE)
    store.set_note("thu-rt1", "Bring the Koser paper")
    return store


def test_list_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "--day", "2013-10-04")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("Fri  4 Oct  09:00–10:00 EDT  PANL  fri-panel")


def test_list_favourites_as_json(
    capsys: pytest.CaptureFixture[str], planned: FavouritesStore
) -> None:
    status, out, _ = run(capsys, "list", "--favourites", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["conference"]["id"] == "hld2013"
    assert [s["id"] for s in data["sessions"]] == ["thu-general-debate-am", "thu-rt1", "fri-rt4"]
    record = data["sessions"][1]
    assert record["start"] == "2013-10-03T10:00:00-04:00"
    assert record["interest"] == "attend"
    assert record["note"] == "Bring the Koser paper"
    assert record["provenance"]["inferred"] == ["end", "start"]
    assert set(record) == {
        "id", "title", "kind", "day", "start", "end", "room", "chairs", "theme",
        "description", "papers", "interest", "note", "provenance", "topic",
        "event_id", "guid", "code", "slug", "links", "not_recorded", "feedback_url",
    }  # fmt: skip


def test_list_with_nothing_to_show_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "--favourites")
    assert (status, out) == (1, "")
    assert "no sessions match" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--day", "4 October"], "--day: `4 October` is not a date"),
        (["list", "--day", "2013-10-05"], "--day: 2013-10-05 is not a conference day"),
        (["now", "--now", "teatime"], "--now: `teatime` is not an ISO date and time"),
        (["list", "--tz", "Mars/Olympus"], "--tz: `Mars/Olympus` is not a known time zone"),
        (["export", "ics", "--remind", "soon"], "--remind: `soon` is not a duration"),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, "")
    assert message in err


def test_bad_clock_in_the_environment_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HLDTUI_NOW", "yesterday")
    status, _, err = run(capsys, "now")
    assert status == 2
    assert "$HLDTUI_NOW: `yesterday` is not an ISO date and time" in err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "labour", "mobility")
    assert status == 0
    assert "fri-rt4" in out.splitlines()[0]
    status, out, err = run(capsys, "search", "--json", "trafficking")
    data = json.loads(out)
    assert data["query"] == "trafficking"
    assert [(s["id"], s["matched_field"]) for s in data["sessions"]] == [("thu-rt2", "title")]
    assert data["sessions"][0]["topic"] == "Human rights of all migrants, smuggling and trafficking"
    status, out, err = run(capsys, "search", "zanzibar")
    assert (status, out) == (1, "")
    assert "“zanzibar” is not in this programme" in err


def test_search_names_about_passages_when_no_session_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "search", "diaspora")
    assert (status, out) == (1, "")
    assert "no session matches “diaspora”, but About does (Overview)" in err
    assert "press i in the app" in err
    status, out, _ = run(capsys, "search", "--json", "diaspora")
    assert json.loads(out)["about"] == [{"key": "overview", "label": "Overview"}]


def test_search_includes_notes(
    capsys: pytest.CaptureFixture[str], planned: FavouritesStore
) -> None:
    _, out, _ = run(capsys, "search", "koser", "--json")
    ids = [s["id"] for s in json.loads(out)["sessions"]]
    assert "thu-rt1" in ids


def test_show(capsys: pytest.CaptureFixture[str], planned: FavouritesStore) -> None:
    status, out, _ = run(capsys, "show", "thu-rt1")
    assert status == 0
    assert out.startswith("Round table 1 · Migration and sustainable development after 2015  ★")
    assert "Time:     10:00–13:00 EDT (America/New_York) (inferred)" in out
    assert "My note:\nBring the Koser paper" in out
    status, out, _ = run(capsys, "show", "thu-rt1", "--tz", "Asia/Tokyo", "--json")
    assert json.loads(out)["start"] == "2013-10-03T23:00:00+09:00"
    status, out, err = run(capsys, "show", "nope")
    assert (status, out) == (1, "")
    assert "no session has the id, guid, code or slug `nope`" in err


def test_now_during_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "now", "--now", "2013-10-03T15:30")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("▶ Now: General debate of HLD (continued) (until 17:30)")
    assert [line.split()[0] for line in lines[1:]] == ["Now", "Now", "Next"]
    status, out, _ = run(capsys, "now", "--now", "2013-10-03T15:30", "--json")
    data = json.loads(out)
    assert data["phase"] == "during"
    assert [s["id"] for s in data["running"]] == ["thu-general-debate-pm", "thu-rt2"]
    assert [s["id"] for s in data["next"]] == ["thu-1730"]
    status, out, _ = run(capsys, "now", "--now", "2014-01-01T00:00")
    assert (status, out) == (1, "The conference took place 3–4 October 2013.\n")


def test_export_ics_to_a_file_then_import_gives_identical_events(
    capsys: pytest.CaptureFixture[str],
    planned: FavouritesStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = tmp_path / "first.ics"
    status, _, err = run(capsys, "export", "ics", "-o", str(first), "--remind", "1h30m")
    assert status == 0 and f"Wrote {first}" in err
    (alarm,) = [c for c in Calendar.from_ical(first.read_bytes()).walk("VALARM")][:1]
    assert str(alarm["trigger"].to_ical(), "ascii") == "-PT1H30M"

    monkeypatch.setenv("HLDTUI_DATA_DIR", str(tmp_path / "fresh"))
    status, out, _ = run(capsys, "import", "ics", str(first))
    assert status == 0
    assert out.splitlines()[0] == "Matched 3 of 3 events."
    assert "★ thu-rt1: Round table 1 · Migration and sustainable development after 2015" in out
    again = tmp_path / "again.ics"
    run(capsys, "export", "ics", "-o", str(again), "--remind", "1h30m")
    # The same events; only the time each calendar was made differs.
    stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
    assert stamp.sub(b"", again.read_bytes()) == stamp.sub(b"", first.read_bytes())


def test_export_ics_all_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", "ics", "--all")
    assert status == 0
    assert out.count("BEGIN:VEVENT") == 12


def test_export_with_no_favourites_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "ics")
    assert (status, out) == (1, "")
    assert "no favourites to export" in err


def test_import_bad_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_text("hello")
    status, _, err = run(capsys, "import", "ics", str(path))
    assert status == 2
    assert err.splitlines()[:2] == ["hldtui: cannot import", f"  {path}"]


def test_import_with_no_match_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "other.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@b\r\n"
        b"DTSTAMP:20240101T000000Z\r\nSUMMARY:Else\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    status, out, _ = run(capsys, "import", "ics", str(path))
    assert status == 1
    assert "a@b: not a session of hld2013" in out


def test_export_markdown(capsys: pytest.CaptureFixture[str], planned: FavouritesStore) -> None:
    status, out, _ = run(capsys, "export", "markdown")
    assert status == 0
    assert out.startswith(
        "# Second High-level Dialogue on International Migration and Development: my agenda"
    )
    assert "## Thursday 3 October 2013" in out
    assert (
        "### 10:00–13:00 EDT · Round table 1 · Migration and sustainable development after "
        "2015 (★ Will attend)" in out
    )
    assert "- ⚠ Clashes with: General debate of HLD (10:00–13:00 EDT)" in out
    assert "- Theme: International and regional labour mobility" in out
    assert "- Paper: [Roundtable 4 background paper](https://www.un.org/" in out
    assert "- My note: Bring the Koser paper" in out
    assert "### 15:00–17:30 EDT · Round table 4 · Labour mobility and development (☆ Maybe)" in out


def test_export_markdown_shows_free_time(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    for session_id in ("thu-opening", "thu-rt2"):
        store.set_level(session_id, Interest.ATTEND)
    _, out, _ = run(capsys, "export", "markdown")
    assert "*Free 10:00–15:00 (5 h)*" in out


def test_broken_xml_schedule_exits_2_with_the_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<schedule>\n<conference><title>X</title>\n<day>\n</schedule>\n")
    status, out, err = run(capsys, "--schedule", str(path), "list")
    assert (status, out) == (2, "")
    assert err.splitlines()[0] == "hldtui: cannot open the schedule"
    assert err.splitlines()[1] == f"  {path}, line 4"
    assert "this is not well-formed XML (mismatched tag at column 3)" in err


def test_export_json_of_an_imported_programme(capsys: pytest.CaptureFixture[str]) -> None:
    congress = Path(__file__).parent.parent / "data" / "formats" / "camp2019-schedule.json"
    status, out, _ = run(capsys, "--schedule", str(congress), "export", "json")
    assert status == 0
    document = json.loads(out)
    assert document["schedule"]["conference"]["acronym"] == "camp2019"
    assert document["generator"]["name"] == "hldtui"


def test_now_remind_names_the_next_starred_session_for_scripts(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.set_level("thu-rt2", Interest.ATTEND)
    store.set_level("fri-rt4", Interest.MAYBE)
    status, out, _ = run(capsys, "now", "--now", "2013-10-03T14:52", "--remind", "10")
    assert status == 0
    assert out.startswith("Starts in 8 min: Round table 2 · Human rights")
    status, out, _ = run(capsys, "now", "--now", "2013-10-03T14:40", "--remind", "10m")
    assert (status, out) == (1, "")
    status, out, _ = run(
        capsys, "now", "--now", "2013-10-04T14:55", "--remind", "10", "--remind-maybe"
    )
    assert status == 0 and "Round table 4" in out
    status, _, err = run(capsys, "now", "--remind", "soon")
    assert status == 2 and "--remind: `soon` is not a duration" in err
    assert FavouritesStore(data_dir, "hld2013").setting("remind") == "", (
        "a script's question is not kept as the app's setting"
    )


def test_the_app_keeps_its_reminder_settings_for_the_next_start(data_dir: Path) -> None:
    from datetime import timedelta

    from hldtui.cli.context import reminder_settings
    from hldtui.cli.parser import build_parser

    store = FavouritesStore(data_dir, "hld2013")
    given = reminder_settings(
        build_parser().parse_args(["--remind", "15", "--remind-maybe"]), store
    )
    assert (given.lead, given.maybe) == (timedelta(minutes=15), True)
    kept = reminder_settings(build_parser().parse_args([]), FavouritesStore(data_dir, "hld2013"))
    assert kept == given
    off = reminder_settings(
        build_parser().parse_args(["--remind", "0", "--no-remind-maybe"]), store
    )
    assert not off.on and not off.maybe
    assert reminder_settings(build_parser().parse_args([]), store) == off


def test_the_refresh_interval_is_ten_minutes_unless_given() -> None:
    from hldtui.catalogue import Entry
    from hldtui.cli.parser import build_parser
    from hldtui.programme import Programme, refresh_seconds

    assert build_parser().parse_args([]).refresh_every is None
    assert build_parser().parse_args(["--refresh-every", "0"]).refresh_every == 0
    programme = Programme.of(load_schedule())
    assert refresh_seconds(programme, None) == 0.0, "a file is never asked again"
    programme.address = "https://example.org/schedule.xml"
    assert refresh_seconds(programme, None) == 600.0
    assert refresh_seconds(programme, 0) == 0.0
    assert refresh_seconds(programme, 3) == 180.0
    day = load_schedule().conference.start
    programme.entry = Entry("x", programme.address, "X", day, day, refresh_interval=1800)
    assert refresh_seconds(programme, None) == 1800.0, "the catalogue entry's interval"
    assert refresh_seconds(programme, 5) == 300.0, "--refresh-every wins"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--schedule", "x.json", "--tz", "Europe/Zurich", "--remind", "15", "--no-remind-maybe"],
        ["--sched", "x.json", "--refresh-every", "0", "--offline", "--now", "2013-10-03T15:30"],
        ["list", "--day", "2013-10-04"],
        ["--schedule", "x.json", "search", "labour", "mobility", "--json"],
        ["export", "ics", "--all", "-o", "out.ics"],
        ["--zone", "Europe/Brussels", "changes", "--seen"],
    ],
)
def test_the_app_s_arguments_read_alone_are_what_the_whole_parser_reads(argv: list[str]) -> None:
    from hldtui.cli.parser import build_parser, parse_arguments

    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv", [["-h"], ["--help"], ["--version"], ["--refresh-every", "soon"], ["--schedule"]]
)
def test_help_the_version_and_mistakes_are_the_whole_parser_s(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from hldtui.cli.parser import build_parser, parse_arguments

    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as quick:
        parse_arguments(argv)
    assert quick.value.code == whole.value.code
    assert capsys.readouterr() == expected


def test_people_lists_everyone_with_a_role_and_their_sessions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "people")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[1] == (
        "John W. Ashe · President of the General Assembly, 68th session (Antigua and Barbuda)"
        " · 5 sessions"
    )
    status, out, _ = run(capsys, "people", "--json", "somm")
    (record,) = json.loads(out)
    assert record["name"] == "Simonetta Sommaruga"
    assert record["roles"] == ["Federal Councillor, Switzerland", "Co-chair of Round table 3"]
    assert record["sessions"] == ["fri-rt3"]
    assert record["sources"][0].startswith("https://www.sem.admin.ch/")
    status, out, err = run(capsys, "people", "zebra")
    assert (status, out) == (1, "")
    assert "the programme names no one whose name matches “zebra”" in err


def test_show_finds_a_person_by_name_or_the_start_of_its_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "show", "anne rich")
    assert (status, err) == (0, "")
    assert out.startswith("Anne C. Richard\nAssistant Secretary of State")
    assert "- Thu 3 Oct 15:00–18:00  Round table 2 · Human rights" in out
    assert "Mexico, Secretaría de Relaciones Exteriores" in out
    status, out, _ = run(capsys, "show", "--json", "John W. Ashe")
    assert json.loads(out)["sessions"][0] == "thu-opening"
    status, out, err = run(capsys, "show", "j")
    assert status == 2
    assert "2 people match `j`" in err and "Give more of the name." in err
    status, out, err = run(capsys, "show", "nobody-at-all")
    assert status == 1
    assert "no one is named so" in err


def test_show_a_congress_person_with_biography_links_and_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    media = Path(__file__).parent.parent / "data" / "formats" / "congress-media.json"
    status, out, err = run(capsys, "show", "--schedule", str(media), "ada")
    assert (status, err) == (0, "")
    assert "Biography:\nWrote the first program." in out
    assert "- Home page\n  https://ada.example/" in out
    assert "Ids in the file: ADA001, 11" in out

"""The YAML loader: valid files load; each kind of bad input is located and explained."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hldtui.model import Kind
from hldtui.sources import ScheduleError, load_schedule
from hldtui.sources.yaml_source import load_yaml

MINIMAL = (Path(__file__).parent.parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


def load_text(tmp_path: Path, text: str) -> object:
    path = tmp_path / "schedule.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def edited(old: str, new: str, count: int = 1) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, count)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_minimal_file_loads(tmp_path: Path) -> None:
    schedule = load_text(tmp_path, MINIMAL)
    geneva = ZoneInfo("Europe/Zurich")
    assert schedule.conference.id == "democon"
    assert schedule.conference.start == date(2024, 5, 6)
    assert [s.id for s in schedule.sessions] == ["welcome", "data-panel"]
    welcome, panel = schedule.sessions
    assert welcome.start == datetime(2024, 5, 6, 9, 0, tzinfo=geneva)
    assert welcome.kind is Kind.OPENING
    assert welcome.room == "Room XX"
    assert welcome.provenance.url == "https://example.org/programme"
    assert panel.chairs == ("Ada Lovelace",)
    assert panel.papers[0].url == "https://example.org/papers/counting.pdf"
    assert panel.links[0].title == "Recording"
    assert (panel.track, panel.language) == ("Data", "en")
    assert panel.provenance.sources[0].url == "https://example.org/day2"


def test_times_with_an_offset_are_converted_to_the_conference_zone(tmp_path: Path) -> None:
    text = edited("start: 2024-05-06T09:00", "start: 2024-05-06T07:00+00:00")
    welcome = load_text(tmp_path, text).sessions[0]
    assert welcome.start.hour == 9
    assert str(welcome.start.tzinfo) == "Europe/Zurich"


def test_builtin_programme_loads_without_a_path() -> None:
    assert load_schedule().conference.id == "hld2013"


BAD_INPUTS = [
    pytest.param(
        ("title: Welcome", "title: Welcome\n    title: Again"),
        "`title` is given twice (first on line",
        "sessions[0].title",
        id="duplicate-key",
    ),
    pytest.param(
        ("    title: Welcome\n", ""),
        "has no `title`",
        "sessions[0]",
        id="missing-title",
    ),
    pytest.param(
        ("  venue: Palais des Nations, Geneva\n", ""),
        "the required field `venue` is missing",
        "conference",
        id="missing-required-field",
    ),
    pytest.param(
        ("    room: Room XX", "    rooom: Room XX"),
        "unknown field `rooom`. Expected one of:",
        "sessions[0].rooom",
        id="unknown-field",
    ),
    pytest.param(
        ("title: Welcome", "title: 2024"),
        "expected text, found a number. Put the value in quotes.",
        "sessions[0].title",
        id="wrong-type-number",
    ),
    pytest.param(
        ("chairs: [Ada Lovelace]", "chairs: Ada Lovelace"),
        "expected a list, found text",
        "sessions[1].chairs",
        id="wrong-type-list",
    ),
    pytest.param(
        ("title: Welcome", "title: [Welcome]"),
        "expected a single value, found a list",
        "sessions[0].title",
        id="wrong-type-scalar",
    ),
    pytest.param(
        ("start: 2024-05-06T09:00", "start: 6 May 2024, 9am"),
        "is not an ISO date and time. Write it as YYYY-MM-DDTHH:MM",
        "sessions[0].start",
        id="bad-time",
    ),
    pytest.param(
        ("start: 2024-05-06T09:00", "start: 2024-05-06"),
        "this date has no time",
        "sessions[0].start",
        id="date-without-time",
    ),
    pytest.param(
        ("start: 2024-05-06\n", "start: May 6\n"),
        "is not an ISO date. Write it as YYYY-MM-DD",
        "conference.start",
        id="bad-date",
    ),
    pytest.param(
        ("end: 2024-05-06T09:30", "end: 2024-05-06T08:30"),
        "at or before its start",
        "sessions[0].end",
        id="end-before-start",
    ),
    pytest.param(
        ("end: 2024-05-07\n", "end: 2024-05-01\n"),
        "the conference ends (2024-05-01) before it starts (2024-05-06)",
        "conference.end",
        id="conference-ends-first",
    ),
    pytest.param(
        (
            "start: 2024-05-07T11:00\n    end: 2024-05-07T12:00",
            "start: 2024-05-09T11:00\n    end: 2024-05-09T12:00",
        ),
        "falls outside the conference days, 2024-05-06 to 2024-05-07",
        "sessions[1]",
        id="outside-conference-days",
    ),
    pytest.param(
        ("id: data-panel", "id: welcome"),
        "the id `welcome` is already used on line",
        "sessions[1].id",
        id="duplicate-id",
    ),
    pytest.param(
        ("id: welcome", "id: 'wel come'"),
        "is not a usable id",
        "sessions[0].id",
        id="bad-id",
    ),
    pytest.param(
        ("kind: panel", "kind: keynote"),
        "unknown kind `keynote`. Use one of: opening, plenary",
        "sessions[1].kind",
        id="unknown-kind",
    ),
    pytest.param(
        ("url: https://example.org/papers/counting.pdf", "url: ftp://example.org/counting.pdf"),
        "is not an http(s) URL",
        "sessions[1].papers[0].url",
        id="non-http-url",
    ),
    pytest.param(
        ("timezone: Europe/Zurich", "timezone: Europe/Atlantis"),
        "`Europe/Atlantis` is not a known time zone",
        "conference.timezone",
        id="unknown-time-zone",
    ),
    pytest.param(
        ("      sources: [web]\n  - id: data-panel", "      sources: [webb]\n  - id: data-panel"),
        "unknown source `webb`. Define it under `sources` or give an http(s) URL",
        "sessions[0].provenance.sources[0]",
        id="unknown-source",
    ),
    pytest.param(
        ("      sources: [web]\n  - id: data-panel", "      sources: []\n  - id: data-panel"),
        "name at least one source",
        "sessions[0].provenance.sources",
        id="no-source",
    ),
    pytest.param(
        (
            "      sources: [web]\n  - id: data-panel",
            "      sources: [web]\n      inferred: [start]\n  - id: data-panel",
        ),
        "add a `note` that says what the source leaves blank or what is inferred",
        "sessions[0].provenance",
        id="inferred-without-note",
    ),
    pytest.param(
        (
            "      sources: [web]\n  - id: data-panel",
            "      sources: [web]\n      inferred: [colour]\n      note: x\n  - id: data-panel",
        ),
        "`colour` cannot be marked inferred",
        "sessions[0].provenance.inferred[0]",
        id="unknown-inferred-field",
    ),
    pytest.param(
        (
            "      sources: [web]\n  - id: data-panel",
            "      sources: [web]\n      label_blank: perhaps\n  - id: data-panel",
        ),
        "expected true or false, found text",
        "sessions[0].provenance.label_blank",
        id="not-a-flag",
    ),
    pytest.param(
        ("format: hldtui-schedule/1", "format: hldtui-schedule/9"),
        "unknown format `hldtui-schedule/9`",
        "format",
        id="unknown-format",
    ),
    pytest.param(
        ("title: Welcome", "title: '   '"),
        "this is empty",
        "sessions[0].title",
        id="empty-text",
    ),
]


@pytest.mark.parametrize(("change", "message", "field"), BAD_INPUTS)
def test_bad_input_is_located_and_explained(
    tmp_path: Path, change: tuple[str, str], message: str, field: str
) -> None:
    text = edited(*change)
    with pytest.raises(ScheduleError) as caught:
        load_text(tmp_path, text)
    error = caught.value
    assert message in error.message
    assert error.field == field
    assert error.path == tmp_path / "schedule.yaml"
    assert error.line is not None and 1 <= error.line <= text.count("\n") + 1
    assert str(error).startswith(f"{tmp_path / 'schedule.yaml'}, line {error.line}, {field}: ")


def test_sessions_must_be_a_list(tmp_path: Path) -> None:
    text = MINIMAL[: MINIMAL.index("sessions:")] + "sessions: 3\n"
    with pytest.raises(ScheduleError, match="expected a list, found a number") as caught:
        load_text(tmp_path, text)
    assert caught.value.field == "sessions"


def test_error_names_the_line_of_the_problem(tmp_path: Path) -> None:
    text = edited("kind: panel", "kind: keynote")
    with pytest.raises(ScheduleError) as caught:
        load_text(tmp_path, text)
    assert caught.value.line == line_of(text, "kind: keynote")


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    text = edited("  title: Demo Conference", "  title: [Demo Conference")
    with pytest.raises(ScheduleError) as caught:
        load_text(tmp_path, text)
    assert "this is not valid YAML" in caught.value.message
    assert "Check the indentation and quoting" in caught.value.message
    assert caught.value.line is not None


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="the file is empty"):
        load_text(tmp_path, "# nothing here\n")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="expected a mapping of fields, found a list"):
        load_text(tmp_path, "- one\n- two\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="no such file") as caught:
        load_yaml(tmp_path / "absent.yaml")
    assert caught.value.path == tmp_path / "absent.yaml"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="this is a directory"):
        load_yaml(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("Welcome", "Bienvenue à tous").encode("latin-1"))
    with pytest.raises(
        ScheduleError, match=r"is not UTF-8 text\. Save the file as UTF-8"
    ) as caught:
        load_yaml(path)
    assert caught.value.line == line_of(MINIMAL, "Welcome")


def test_a_lone_yaml_value_tag_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="expected a mapping of fields, found `=`"):
        load_text(tmp_path, "=\n")


@pytest.mark.parametrize(
    ("written", "name", "hours"),
    [("UTC+05:30", "UTC+05:30", 5.5), ("+05:30", "UTC+05:30", 5.5), ("UTC-03:00", "UTC-03:00", -3)],
)
def test_a_fixed_offset_zone_opens(tmp_path: Path, written: str, name: str, hours: float) -> None:
    schedule = load_text(tmp_path, edited("timezone: Europe/Zurich", f'timezone: "{written}"'))
    assert schedule.conference.timezone == name
    welcome = schedule.get("welcome")
    assert welcome.start.utcoffset().total_seconds() == hours * 3600
    assert welcome.start.hour == 9

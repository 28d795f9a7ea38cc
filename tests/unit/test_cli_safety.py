"""The command line with hostile files, odd outputs and bad options: short messages, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from hldtui.cli import main
from hldtui.cli.commands import COMMANDS
from hldtui.model import Interest
from hldtui.store import FAVOURITES_FILE, FavouritesStore
from tests.hostile import ESCAPES, yaml_programme

FORMATS = Path(__file__).parent.parent / "data" / "formats"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_process(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hldtui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def hostile(tmp_path: Path, data_dir: Path) -> Path:
    path = yaml_programme(tmp_path / "hostile.yaml", ESCAPES)
    store = FavouritesStore(data_dir, "hostile")
    store.set_level("first", Interest.ATTEND)
    store.set_note("first", "my note \x1b]0;x\x07")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--json"],
        ["show", "first"],
        ["search", "evil"],
        ["now", "--now", "2024-05-06T09:45"],
        ["export", "markdown"],
        ["export", "json"],
    ],
)
def test_no_escape_sequence_reaches_the_terminal(
    capsys: pytest.CaptureFixture[str], hostile: Path, command: list[str]
) -> None:
    status, out, err = run(capsys, "--schedule", str(hostile), *command)
    assert status == 0, err
    for text in (out, err):
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert "␛]52;c;" in out or "\\u241b]52;c;" in out


def test_error_messages_show_file_values_inert(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad\x1b[2J.yaml"
    bad.write_text('conference:\n  id: "\\e]0;pwned\\a"\nsessions: []\n', encoding="utf-8")
    status, out, err = run(capsys, "--schedule", str(bad))
    assert status == 2 and out == ""
    assert "\x1b" not in err
    assert "bad␛[2J.yaml" in err
    assert len(err.splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--now", "0001-01-01T00:00+05:00", "now"], "--now: `0001-01-01T00:00+05:00` is outside"),
        (["export", "ics", "--all", "--remind", "99999999999h"], "is more than 7 days"),
        (["--tz", "Europe/" + "A" * 300, "list"], "is not a known time zone"),
        (["list", "--day", "0001-01-01"], "is not a conference day"),
    ],
)
def test_overflowing_options_exit_2_with_a_short_message(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert expected in err
    assert len(err.splitlines()) <= 3
    assert "Traceback" not in err


def test_a_full_disk_on_stdout_exits_2(data_dir: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "hldtui", "export", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == "hldtui: cannot write the output (No space left on device).\n"


def test_an_output_encoding_without_the_characters_gets_replacements(data_dir: Path) -> None:
    result = run_process("list", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "09:00?10:00 EDT" in result.stdout


def test_the_app_without_a_terminal_says_so(data_dir: Path) -> None:
    result = run_process(stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr.startswith("hldtui: the app needs a terminal")
    assert len(result.stderr.splitlines()) == 1


def test_an_unexpected_error_leaves_a_report_not_a_traceback(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(context: object, args: object) -> int:
        raise RuntimeError("something unforeseen")

    monkeypatch.setitem(COMMANDS, ("list", None), broken)
    status, out, err = run(capsys, "list")
    assert status == 2 and out == ""
    assert err.startswith("hldtui stopped on an unexpected error (RuntimeError).")
    (report,) = data_dir.glob("hldtui-error-*.txt")
    assert str(report) in err
    assert "something unforeseen" in report.read_text()


@pytest.mark.parametrize("error", [KeyError("zone"), OSError(5, "Input/output error")])
def test_an_unexpected_error_while_opening_leaves_a_report(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    def broken(*args: object, **options: object) -> object:
        raise error

    monkeypatch.setattr("hldtui.cli.context.Programme.open", broken)
    status, out, err = run(capsys, "list")
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"hldtui stopped on an unexpected error ({type(error).__name__}).")
    (report,) = data_dir.glob("hldtui-error-*.txt")
    assert str(report) in err


def test_a_deeply_nested_favourites_file_is_set_aside_and_named(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_text("[" * 100_000 + "]" * 100_000)
    status, out, err = run(capsys, "list", "--favourites")
    assert status == 1 and out == ""
    (backup,) = data_dir.glob(f"{FAVOURITES_FILE}.damaged-*")
    assert f"It was moved to {backup}" in err
    status, _, err = run(capsys, "list", "--favourites")
    assert status == 1 and "damaged" not in err


def test_import_into_an_unwritable_directory_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, _ = run(capsys, "export", "ics", "--all", "-o", str(tmp_path / "all.ics"))
    assert status == 0
    monkeypatch.setenv("HLDTUI_DATA_DIR", "/proc/hldtui-cannot-be-here")
    status, out, err = run(capsys, "import", "ics", str(tmp_path / "all.ics"))
    assert status == 2 and out == ""
    assert "nothing was imported" in err


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hldtui.cli.output.is_terminal", lambda stream: False)


def test_output_to_an_existing_file_asks_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_terminal: None
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "programme.json"
    target.write_text("mine")
    status, _, err = run(capsys, "export", "json", "-o", str(target))
    assert status == 2
    assert "exists and was left as it is. Use --force to replace it." in err
    assert target.read_text() == "mine"
    status, _, _ = run(capsys, "export", "json", "-o", str(target), "--force")
    assert status == 0
    assert json.loads(target.read_text())["schedule"]["conference"]["title"]
    assert [path.name for path in target.parent.iterdir()] == ["programme.json"]


def test_output_answers_yes_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agenda.md"
    target.write_text("mine")
    monkeypatch.setattr("hldtui.cli.output.is_terminal", lambda stream: True)
    monkeypatch.setattr("builtins.input", lambda: "y")
    status, _, err = run(capsys, "export", "markdown", "-o", str(target))
    assert status == 1  # no favourites, but the file is written
    assert "exists. Replace it? [y/N]" in err
    assert target.read_text().startswith("# Second High-level Dialogue")


def test_output_replaces_a_symlink_instead_of_following_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_terminal: None
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    status, _, _ = run(capsys, "export", "json", "-o", str(link), "--force")
    assert status == 0
    assert not link.is_symlink()
    assert victim.read_text() == "keep me"


def test_a_fixed_offset_programme_exports_utc_times(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "--schedule", str(FORMATS / "31c3-schedule.xml"), "export", "ics", "--all"
    )
    assert status == 0
    assert "TZID" not in out
    assert "X-WR-TIMEZONE" not in out
    events = Calendar.from_ical(out).walk("VEVENT")
    assert len(events) == 138
    start = events[0].decoded("dtstart")
    assert start.utcoffset().total_seconds() == 0
    assert "DTSTART:20141227T100000Z" in out

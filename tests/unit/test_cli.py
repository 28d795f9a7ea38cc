"""The command line: version, help, and clean failures for bad schedules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hldtui import __version__
from hldtui.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hldtui", *args], capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hldtui {__version__}"


def test_help_mentions_schedule_and_data_dir(data_dir: Path) -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--schedule PATH" in result.stdout
    assert "HLDTUI_DATA_DIR" in result.stdout


def test_bad_schedule_exits_2_with_a_located_message_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("conference:\n  id: x\nsessions: []\n", encoding="utf-8")
    result = run("--schedule", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "hldtui: cannot open the schedule",
        f"  {bad}, line 2, conference",
        "  the required field `title` is missing.",
    ]


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_unusable_paths_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["--schedule", str(tmp_path / name)]) == 2
    assert "hldtui: cannot open the schedule" in capsys.readouterr().err


def test_unknown_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--frobnicate"])
    assert caught.value.code == 2
    assert "unrecognized arguments: --frobnicate" in capsys.readouterr().err

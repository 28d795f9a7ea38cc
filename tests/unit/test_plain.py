"""The plain line mode, driven through a pipe as a screen reader's user or a script would:
a delegate finds Round table 2's theme and paper, stars it, searches for trafficking and
exports the agenda, with no symbol, box or colour in what is said."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hldtui.cli import main
from hldtui.model import Interest
from hldtui.store import FavouritesStore

DRAWN = set("★☆▶⚠⊘⟳│─━╭╮╰╯▏▔▁▂▇█▀▄·–…")
"""What the screens draw, and the plain mode says in words."""


def plain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lines: str, *args: str
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    status = main(["--plain", *args])
    out = capsys.readouterr().out
    assert "\x1b" not in out, "no colour, no cursor movement"
    assert not DRAWN & set(out), f"symbols drawn: {DRAWN & set(out)}"
    return status, out


def test_the_delegates_tasks_through_a_pipe(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
) -> None:
    agenda = tmp_path / "agenda.md"
    status, out = plain(
        monkeypatch,
        capsys,
        "search round table 2\n1\nstar 1\nsearch trafficking\nagenda\n"
        f"export markdown {agenda}\nquit\n",
    )
    assert status == 0
    assert out.startswith(
        "hldtui, plain mode. Second High-level Dialogue on International Migration and "
        "Development, 3 to 4 October 2013.\nTimes are EDT (America/New_York).\n"
    )
    assert "  Day 1: Thursday 3 October 2013, 6 sessions." in out
    assert (
        "1. 15:00 to 18:00, Round table 2, Human rights of all migrants, smuggling and "
        "trafficking." in out
    )
    assert "Theme:\nMeasures to ensure respect for and protection of the human rights" in out
    assert "- Roundtable 2 background paper\n  https://www.un.org/" in out
    assert (
        "Round table 2, Human rights of all migrants, smuggling and trafficking: will attend."
        in out
    )
    assert 'Sessions matching "trafficking": 1 session.' in out
    assert "Your agenda: 1 session.\n1. 15:00 to 18:00, Round table 2" in out
    assert f"Wrote {agenda}." in out and out.endswith("Goodbye.\n")
    assert "Round table 2" in agenda.read_text(encoding="utf-8")
    assert FavouritesStore(data_dir, "hld2013").level("thu-rt2") is Interest.ATTEND


def test_clashes_notes_and_mistakes_are_said_in_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status, out = plain(
        monkeypatch,
        capsys,
        "day 1\nstar 4\nstar 5\nnote 5 Bring the Koser paper\nshow 5\nmaybe 4\nunstar 4\n"
        "day 9\nshow 99\nfrobnicate\nnext\nnext\nprevious\nexport pdf x.pdf\nhelp\n",
    )
    assert status == 0
    assert "It clashes with: General debate of HLD (continued) (15:00 to 17:30)." in out
    assert "Note kept." in out and "My note:\nBring the Koser paper" in out
    assert (
        "Round table 2, Human rights of all migrants, smuggling and trafficking. Will attend\n"
        in out
    )
    assert "General debate of HLD (continued): maybe." in out
    assert "General debate of HLD (continued): no longer a favourite." in out
    assert "There is no day 9: the days are 1 to 2." in out
    assert "There is no session 99 in the last list: it has 1 to 6." in out
    assert '"frobnicate" is not a command. Type help for the commands.' in out
    assert "That was the last day." in out
    assert '"pdf" is not a format: give ics, markdown or html.' in out
    assert "  star N            mark session N: will attend" in out
    assert FavouritesStore(data_dir, "hld2013").note("thu-rt2") == "Bring the Koser paper"


def test_term_dumb_starts_the_plain_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr("sys.stdin", io.StringIO("now\n"))
    assert main(["--now", "2013-10-03T15:30"]) == 0
    out = capsys.readouterr().out
    assert "Now: General debate of HLD (continued) (until 17:30)" in out
    assert out.endswith("Goodbye.\n"), "the end of the input ends it"


def test_an_export_never_replaces_a_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "page.html"
    target.write_text("mine")
    _, out = plain(monkeypatch, capsys, f"export html {target}\n")
    assert f"{target} exists already and was left as it is: give another name." in out
    assert target.read_text() == "mine"
    fresh = tmp_path / "fresh.html"
    _, out = plain(monkeypatch, capsys, f"export html {fresh}\n")
    assert fresh.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

"""A programme that tries markup on every screen: it is shown as written and runs nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from hldtui import cli
from hldtui.model import Interest, Paper
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.ui.app import HldApp
from hldtui.ui.screens.about import AboutScreen
from hldtui.ui.screens.help import HelpScreen
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.screens.note import NoteScreen
from hldtui.ui.screens.picker import PickerScreen
from hldtui.ui.widgets import session_detail
from hldtui.ui.widgets.header import ConferenceHeader
from hldtui.ui.widgets.session_detail import PaperList
from tests.hostile import MARKUP, yaml_programme
from tests.ui.helpers import bottom_line, header_line, make_app, notifications, screen_text

URL = "https://example.org/[@click=app.quit]x[/]"


@pytest.fixture
def hostile_app(tmp_path: Path, data_dir: Path) -> HldApp:
    payload = f"{MARKUP} [@click=app.screenshot('victim.svg','{tmp_path}')]shot[/]"
    schedule = load_schedule(yaml_programme(tmp_path / "hostile.yaml", payload, URL))
    store = FavouritesStore(data_dir, schedule.conference.id)
    store.set_note("first", MARKUP)
    app = make_app(data_dir, schedule, now="2024-05-06T09:45")
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    app.opened = opened  # type: ignore[attr-defined]
    return app


def still_running(app: HldApp, tmp_path: Path) -> None:
    assert app.is_running and app.return_code is None
    assert not list(tmp_path.glob("victim*"))


async def test_every_screen_shows_markup_literally_and_runs_nothing(
    hostile_app: HldApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = hostile_app
    async with app.run_test(size=(220, 60), notifications=True) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        # Header, row, detail (title, room, chairs, track, theme, note, papers, provenance).
        assert shown.count("[@click=app.quit]x[/] [/] [bold] [link=file:///etc/passwd]x[/]") >= 8
        assert URL in shown
        # The header's padding is a cell before its line.
        text = header_line(app)
        for word in ("x[/]", "shot"):
            await pilot.click(ConferenceHeader, offset=(1 + text.index(word), 0))
        still_running(app, tmp_path)

        await pilot.press("f")
        await pilot.pause()
        assert f"{Interest.ATTEND.mark} {MARKUP}" in bottom_line(app)

        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert f"My note on {MARKUP}" in screen_text(app)
        await pilot.press("escape")

        for key in ("t", "r"):
            await pilot.press(key)
            assert isinstance(app.screen, PickerScreen)
            options = app.screen.query_one(OptionList)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            assert any(MARKUP in prompt for prompt in prompts)
            assert MARKUP in screen_text(app)
            await pilot.press("down", "enter")
            still_running(app, tmp_path)
        assert MARKUP in header_line(app)

        await pilot.press("h")
        await pilot.pause()
        assert any(MARKUP in message for message in notifications(app))
        assert all(not note.markup for note in app._notifications)
        toasts = [str(toast.render()) for toast in app.query(Toast)]
        assert any(MARKUP in text for text in toasts), toasts
        await pilot.press("v")
        await pilot.pause()
        still_running(app, tmp_path)

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"jump")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette), "the sessions' own palette"
        await pilot.press(*"click")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert any("[@click=app.quit]x[/] [/] [bold]" in prompt for prompt in prompts)
        await pilot.press("escape")

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("i")
        assert isinstance(app.screen, AboutScreen)
        assert screen_text(app).count(MARKUP) >= 3
        await pilot.press("escape")

        await pilot.press("slash", *"qq[/")
        await pilot.pause()
        assert "“qq[/” is not in this programme" in screen_text(app)
        await pilot.press("escape")

        monkeypatch.setattr(session_detail, "browser_available", lambda: True)
        app.screen.query_one(PaperList).focus()
        await pilot.press("enter")
        assert app.opened == [URL]  # type: ignore[attr-defined]
        still_running(app, tmp_path)


async def test_a_paper_that_is_not_http_is_never_opened(data_dir: Path) -> None:
    app = make_app(data_dir)
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        papers = app.screen.query_one(PaperList)
        session = app.schedule.sessions[0]
        papers.shown = replace(session, papers=(Paper(title="t", url="file:///etc/passwd"),))
        await pilot.pause()
        papers.focus()
        await pilot.press("enter")
    assert opened == []
    assert any("is not an http(s) address" in message for message in notifications(app))


@pytest.mark.parametrize("size", [(1, 10), (2, 40), (1, 1), (2, 5)])
async def test_the_app_survives_a_terminal_one_or_two_cells_wide(
    data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=size) as pilot:
        for key in ("down", "right", "f", "slash", "a", "escape", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running


async def test_an_unexpected_error_exits_non_zero_with_a_saved_report(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(screen: MainScreen) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(MainScreen, "action_toggle_zone", broken)
    app = make_app(data_dir)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.press("z")
    assert app.return_code == 1
    (report,) = data_dir.glob("hldtui-error-*.txt")
    assert "something unforeseen" in report.read_text()


def test_the_command_line_exits_2_when_the_app_failed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failed_run(app: HldApp) -> None:
        app._return_code = 1

    monkeypatch.setattr("hldtui.cli.app.is_terminal", lambda stream: True)
    monkeypatch.setattr(HldApp, "run", failed_run)
    assert cli.main([]) == 2

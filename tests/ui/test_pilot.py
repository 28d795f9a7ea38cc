"""Drive the real app by keyboard and mouse, as a delegate would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input

from hldtui.model import Interest
from hldtui.store import FAVOURITES_FILE
from hldtui.ui.app import HldApp
from hldtui.ui.commands import COMMANDS, PLACES
from hldtui.ui.screens.about import AboutScreen
from hldtui.ui.screens.help import KEY_WIDTH, HelpScreen
from hldtui.ui.widgets import session_detail
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
from hldtui.ui.widgets.session_list import SessionList
from tests.ui.helpers import (
    highlighted_id,
    list_message,
    listed_ids,
    main_screen,
    make_app,
    notifications,
    prompt_of,
    searching,
    text_of,
    work_done,
)

SIZE = (100, 30)


def active_tab(app: HldApp) -> str | None:
    return app.screen.query_one(DayTabs).active


async def test_starts_on_the_first_day_with_the_opening(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert active_tab(app) == "day-2013-10-03"
        assert highlighted_id(app) == "thu-opening"
        assert isinstance(app.focused, SessionList)
        body = text_of(app, "#detail-body")
        assert "Opening" in body
        assert "Thursday 3 October 2013" in body
        assert "09:00–10:00 EDT (America/New_York)" in body
        assert "The programme leaves this slot's label blank" in body


async def test_switch_day_move_and_read_the_detail(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert active_tab(app) == "day-2013-10-04"
        assert listed_ids(app)[0] == "fri-panel"
        await pilot.press("j", "j")
        assert highlighted_id(app) == "fri-rt3"
        body = text_of(app, "#detail-body")
        assert "Round table 3" in body
        assert "Friday 4 October 2013" in body
        assert "10:00–13:00 EDT (America/New_York) (inferred)" in body
        assert "Strengthening partnerships and cooperation" in body
        assert "Round table" in body
        assert "not given in the programme" in body
        assert "Sources ⚠" in body and "ran alongside the" in body
        await pilot.press("k")
        assert highlighted_id(app) == "fri-general-debate-am"
        await pilot.press("left_square_bracket")
        assert active_tab(app) == "day-2013-10-03"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert active_tab(app) == "agenda"
        await pilot.press("right")
        assert active_tab(app) == "now"
        await pilot.press("right", "right")
        assert active_tab(app) == "day-2013-10-03"
        await pilot.press("left")
        assert active_tab(app) == "people"


async def test_each_day_remembers_its_cursor(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "right", "down", "left")
        assert highlighted_id(app) == "thu-rt1"
        await pilot.press("right")
        assert highlighted_id(app) == "fri-general-debate-am"


async def test_favourite_survives_a_restart(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "f")
        assert app.store.level("thu-rt1") is Interest.ATTEND
        assert prompt_of(app, "thu-rt1").endswith(
            "Round table 1 · Migration and sustainable development after 2015 ★"
        )
        assert "★ Will attend" in text_of(app, "#detail-body")
        await pilot.press("right", "space")
        assert "fri-panel" in app.store
        await pilot.press("q")
    assert app.return_code == 0
    saved = json.loads((data_dir / FAVOURITES_FILE).read_text())
    assert saved["favourites"]["hld2013"] == {"thu-rt1": "attend", "fri-panel": "attend"}

    again = make_app(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        assert active_tab(again) == "agenda"
        assert listed_ids(again) == ["thu-rt1", "fri-panel"]
        await pilot.press("f")
        assert again.store.level("thu-rt1") is Interest.MAYBE
        assert listed_ids(again) == ["thu-rt1", "fri-panel"]
        await pilot.press("f")
        assert listed_ids(again) == ["fri-panel"]
        assert "thu-rt1" not in again.store


async def test_empty_favourites_tab_says_how_to_add_one(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert active_tab(app) == "agenda"
        assert listed_ids(app) == []
        assert "Your agenda is empty. Press f" in list_message(app)
        assert "Nothing to show here." in text_of(app, "#detail-body")
        await pilot.press("f")
        assert "Highlight a session first." in notifications(app)


async def test_search_trafficking_then_enter_lands_on_round_table_2(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"trafficking")
        assert listed_ids(app) == ["thu-rt2"]
        prompt = prompt_of(app, "thu-rt2")
        assert "Thu 3 Oct · 15:00–18:00" in prompt
        assert "smuggling and trafficking" in prompt
        assert "1 session" in list_message(app)
        await pilot.press("enter")
        assert not searching(app)
        assert active_tab(app) == "day-2013-10-03"
        assert highlighted_id(app) == "thu-rt2"
        assert isinstance(app.focused, SessionList)
        assert "Round table 2" in text_of(app, "#detail-body")


async def test_search_covers_both_days_and_escape_restores_the_list(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "slash", *"round table")
        assert listed_ids(app) == ["thu-rt1", "thu-rt2", "fri-rt3", "fri-rt4"]
        await pilot.press("down", "down", "down")
        assert highlighted_id(app) == "fri-rt3"
        await pilot.press("escape")
        assert not searching(app)
        assert active_tab(app) == "day-2013-10-03"
        assert highlighted_id(app) == "thu-general-debate-am"
        assert listed_ids(app)[0] == "thu-opening"


async def test_search_with_no_match_says_so(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert "Type to search" in list_message(app)
        await pilot.press(*"zzzz")
        assert listed_ids(app) == []
        assert list_message(app) == (
            "“zzzz” is not in this programme: no session, paper, note or About passage mentions it."
        )


async def test_letters_typed_into_search_are_not_shortcuts(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"fiq?")
        assert app.screen.query_one(Input).value == "fiq?"
        assert app.is_running
        assert not app.store.ids


async def test_help_screen_lists_every_binding_once(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        sections: dict[str, list[str]] = {}
        heading = ""
        for line in app.screen.query_one("#help-text").content.plain.splitlines():
            if line.strip() in (*PLACES.values(), "Also"):
                heading = line.strip()
            elif line.startswith(" " * (KEY_WIDTH + 2)):
                sections[heading][-1] += " " + " ".join(line.split())
            elif line.strip():
                sections.setdefault(heading, []).append(" ".join(line.split()))
        for command in COMMANDS:
            if not command.keys:
                continue
            keys = [
                app.get_key_display(Binding(key, command.action)) for key in command.keys.split(",")
            ]
            line = f"{' '.join(keys)} {command.description}"
            assert sections[PLACES[command.place]].count(line) == 1, line
        lines = [line for section in sections.values() for line in section]
        for section in sections.values():
            assert len(section) == len(set(section))
        titles = [
            line.strip() for line in app.screen.query_one("#help-text").content.plain.splitlines()
        ]
        for place in {command.place for command in COMMANDS if command.keys}:
            assert titles.count(PLACES[place]) == 1, place
        assert (
            lines.count(
                "e Export your favourites to an .ics calendar file in your documents folder"
            )
            == 1
        )
        assert "^p Command palette: jump to a session, switch day, every command by name" in lines
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_about_screen_shows_overview_agenda_and_figures(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, AboutScreen)
        text = " ".join(
            " ".join(str(block.content).split()) for block in app.screen.query(".about-block")
        )
        assert "eight-point agenda for action" in text
        assert "8. Enhance migration partnerships and cooperation" in text
        assert "232 million" in text
        assert "[1] UN DESA Population Division, event page" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, AboutScreen)


async def test_command_palette_jumps_to_a_session(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"jump")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"table 4")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "day-2013-10-04"
        assert highlighted_id(app) == "fri-rt4"
        jump = main_screen(app)._jump
        await pilot.press("ctrl+p", *"jump")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"opening")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_id(app) == "thu-opening"
        assert main_screen(app)._jump is jump, "the sessions are listed once per zone"


async def test_command_palette_switches_day_and_toggles_favourite(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"show fri")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "day-2013-10-04"
        await pilot.press("ctrl+p", *"toggle fav")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan.level("fri-panel") is Interest.ATTEND
        assert "★" in prompt_of(app, "fri-panel")


async def test_command_palette_shows_my_agenda(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.press("ctrl+p", *"show my agenda")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "agenda"
        assert listed_ids(app) == ["thu-opening"]


async def test_tab_moves_focus_to_the_detail_and_papers(
    app: HldApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_detail, "browser_available", lambda: True)
    opened: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await pilot.press("down", "down", "tab")
        assert isinstance(app.focused, SessionDetail)
        await pilot.press("tab")
        assert isinstance(app.focused, PaperList)
        await pilot.press("down", "c")
        koser = "https://www.slideshare.net/slideshow/hld-2013-backgroundpaper1/38856231"
        assert app.clipboard == koser
        await pilot.press("enter")
        assert opened == [koser]
        await pilot.press("right")
        assert active_tab(app) == "day-2013-10-04"


async def test_enter_on_a_session_goes_to_its_papers(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.focused, PaperList)
        await pilot.press("shift+tab", "shift+tab")
        assert isinstance(app.focused, SessionList)
        await pilot.press("up", "enter")
        assert highlighted_id(app) == "thu-general-debate-am"
        assert isinstance(app.focused, SessionDetail)


async def test_mouse_clicks_switch_day_and_pick_a_session(app: HldApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one(DayTabs)
        await pilot.click(DayTabs, offset=tabs.offset_of("day-2013-10-04"))
        await pilot.pause()
        assert active_tab(app) == "day-2013-10-04"
        session_list = app.screen.query_one(SessionList)
        assert highlighted_id(app) == "fri-panel"
        target = listed_ids(app)[2]
        await pilot.click(SessionList, offset=(20, session_list.screen_line_of(target)))
        await pilot.pause()
        assert highlighted_id(app) == target
        assert text_of(app, "#detail-body").startswith(app.schedule.get(target).display_title)
        assert session_list.cursor == app.schedule.get(target), "the cursor is drawn there"


async def test_narrow_terminal_puts_the_detail_below(app: HldApp) -> None:
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        session_list = app.screen.query_one(SessionList)
        detail = app.screen.query_one("#detail")
        assert detail.region.y > session_list.region.y
        assert detail.region.width == session_list.region.width
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert detail.region.x > session_list.region.x


async def test_tiny_terminal_does_not_crash(app: HldApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("down", "f", "right", "tab", "tab", "slash", *"rights", "enter")
        await pilot.press("question_mark", "escape", "i", "escape")
        await pilot.resize_terminal(20, 6)
        await pilot.press("left", "down")
        assert app.is_running


async def test_damaged_favourites_file_is_reported(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_text("{broken", encoding="utf-8")
    app = make_app(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (message,) = notifications(app)
        assert "The favourites file was damaged" in message
        assert "favourites.json.damaged-" in message


async def test_unwritable_data_directory_is_reported_and_the_app_still_works(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    app = make_app(blocker / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Favourites will not be saved" in m for m in notifications(app))
        await pilot.press("f")
        assert "thu-opening" in app.store


async def test_every_command_the_palette_offers_reaches_its_handler(
    app: HldApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command hit posts a message; the screen runs the command's action, which must
    exist where its keys would run it. Show … hits change the view."""
    from hldtui.ui.commands import palette_commands
    from hldtui.ui.palette import ScheduleCommands

    ran: list[tuple[str, bool]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        original = app.run_action

        # A screen's run_action is the app's, with the screen as the namespace.
        async def spy(action: str, *args: object) -> bool:
            handled = await original(action, *args)  # type: ignore[arg-type]
            ran.append((action, handled))
            return handled

        monkeypatch.setattr(app, "run_action", spy)
        provider = ScheduleCommands(screen)
        hits = [hit async for hit in provider.discover()]
        offered = {command.action for command in palette_commands()}
        for hit in hits:
            before = len(ran)
            hit.command()
            await pilot.pause()
            if not hit.help:
                assert screen.view.labels(False)[0] == hit.text.removeprefix("Show ")
            else:
                assert len(ran) == before + 1, hit.text
            while len(app.screen_stack) > 1 or screen.view.searching:
                await pilot.press("escape")
            del ran[before + 1 :]
        assert {action for action, _ in ran} == offered
        assert [action for action, handled in ran if not handled] == []
        # In the search field n types a letter, so the palette does not offer the note.
        await pilot.press("slash")
        names = {hit.text async for hit in ScheduleCommands(screen).discover()}
        assert "Edit the note of the highlighted session" not in names
        assert "Toggle favourite of the highlighted session" in names


async def test_the_other_days_are_built_before_they_are_asked_for(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread builds each day's rows once the first screen is drawn; switching day then
    builds nothing in the app's thread, nor does a favourite (which changes no day's rows)."""
    import threading

    from hldtui.ui.views import DayView

    built_here: list[str] = []
    listing = DayView.listing

    def spy(view: DayView, scope):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            built_here.append(view.id)
        return listing(view, scope)

    monkeypatch.setattr(DayView, "listing", spy)
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await work_done(app)
        built_here.clear()
        await pilot.press("right", "f", "left", "right")
        assert built_here == []
        assert main_screen(app).view == DayView(app.schedule.days[1])

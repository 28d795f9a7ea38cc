"""Keys that arrive together, as from a paste, key repeat or a slow SSH link."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from hldtui.model import Person, Session
from hldtui.ui.app import HldApp
from hldtui.ui.views import AgendaView, NowView, PeopleView, PersonView
from hldtui.ui.widgets.day_tabs import DayTabs
from tests.ui.helpers import (
    highlighted_id,
    listed_ids,
    main_screen,
    make_app,
    notifications,
    searching,
    text_of,
    work_done,
)

CHARACTERS = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "space": " ",
}
BURST_KEYS = [
    "right", "left", "left_square_bracket", "right_square_bracket", "down", "up", "j", "k",
    "home", "end", "pagedown", "pageup", "f", "z", "slash", "escape", "enter", "tab", "a", "e",
    "w", "P",
]  # fmt: skip


def burst(app: HldApp, keys: list[str]) -> None:
    """Post every key at once, without waiting between them."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def assert_idle_within_a_second(app: HldApp) -> None:
    await asyncio.sleep(0.6)
    began = time.process_time()
    await asyncio.sleep(0.4)
    assert time.process_time() - began < 0.15, "the app is still busy a second after the keys"


def assert_in_step(app: HldApp) -> None:
    screen = main_screen(app)
    view = screen.view
    assert app.screen.query_one(DayTabs).active == view.tab_id
    if view == AgendaView():
        assert listed_ids(app) == [s.id for s in app.schedule.sessions if s.id in app.store]
    elif view == NowView():
        running = app.schedule.running_at(screen.now)
        assert set(running) <= {s for s in app.schedule.sessions if s.id in listed_ids(app)}
    elif view == PeopleView():
        assert listed_ids(app) == []
    elif isinstance(view, PersonView):
        assert listed_ids(app) == [s.id for s in app.schedule.sessions_of(view.name)]
    else:
        day = view.id.removeprefix("day-")
        assert listed_ids(app) == [s.id for s in app.schedule.sessions if str(s.day) == day]
    target = screen.session_list.highlighted_target
    detail = text_of(app, "#detail-body")
    if target is None:
        assert detail == "Nothing to show here."
    elif isinstance(target, Person):
        assert detail.startswith(target.name)
    else:
        assert isinstance(target, Session)
        assert detail.startswith(target.display_title)


async def test_two_day_switches_together_settle_on_the_second(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        # Animations on, as in a terminal: the tab bar's moving underline is what kept
        # the screen and the tab bar undoing each other's changes.
        app.animation_level = "full"
        await pilot.pause()
        burst(app, ["right", "right"])
        await assert_idle_within_a_second(app)
        assert main_screen(app).view == AgendaView()
        assert_in_step(app)
        burst(app, ["left", "left"])
        await assert_idle_within_a_second(app)
        assert main_screen(app).view.id == "day-2013-10-03"
        assert highlighted_id(app) == "thu-opening"
        assert_in_step(app)


async def test_a_burst_of_fifty_random_keys_leaves_everything_in_step(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=(100, 30)) as pilot:
        app.animation_level = "full"
        await pilot.pause()
        keys = random.Random(2013).choices(BURST_KEYS, k=50)
        burst(app, [*keys, "escape"])
        await assert_idle_within_a_second(app)
        if searching(app):
            burst(app, ["escape"])
            await pilot.pause()
        assert not searching(app)
        assert app.screen.query_one(Input).display is False
        assert_in_step(app)


async def test_a_word_typed_right_after_slash_goes_into_search(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, ["slash", *"remittances"])
        await pilot.pause(0.3)
        assert searching(app)
        assert app.screen.query_one(Input).value == "remittances"
        assert listed_ids(app)[0] == "thu-rt1"
        assert notifications(app) == [], "no letter ran a command"


async def test_a_note_pasted_and_saved_in_one_burst_keeps_every_character(
    data_dir: Path,
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, ["n", *"Meet the delegation", "ctrl+s"])
        await pilot.pause(0.3)
        assert app.plan.note("thu-opening") == "Meet the delegation"


async def test_n_types_in_search_and_notes_a_result_from_the_list(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, ["slash", *"remittances"])
        await pilot.pause(0.3)
        assert app.screen.query_one(Input).value == "remittances"
        await pilot.press("down", "n")
        await pilot.pause()
        burst(app, [*"ask", "ctrl+s"])
        await pilot.pause(0.3)
        assert app.plan.note("thu-rt1") == "ask"


async def test_a_huge_paste_into_search_keeps_later_keys_quick(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        search = app.screen.query_one(Input)
        search.post_message(events.Paste("migration " * 100_000))
        await pilot.pause(0.3)
        assert len(search.value) == 200
        began = time.process_time()
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert time.process_time() - began < 0.25
        assert searching(app) and listed_ids(app)


async def test_a_key_that_asks_asks_once_however_often_it_comes(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question opens before the next key is read, so a repeated key never stacks a
    second one, and the keys after it answer it."""
    from hldtui.ui.screens.confirm import ConfirmScreen
    from hldtui.ui.screens.picker import PickerScreen

    documents = tmp_path / "Documents"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    documents.mkdir()
    (documents / "hld2013-agenda.ics").write_text("mine")
    app = make_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "f")
        for key, question in (("t", PickerScreen), ("c", PickerScreen), ("e", ConfirmScreen)):
            burst(app, [key, key])
            await pilot.pause(0.2)
            assert [type(s) for s in app.screen_stack[1:]] == [question], key
            await pilot.press("escape")
            assert len(app.screen_stack) == 1
        burst(app, ["t", "down", "enter"])
        await work_done(app)
        await pilot.pause()
        assert main_screen(app).filter.active


async def test_a_room_typed_into_its_picker_in_one_burst_is_the_one_taken(
    data_dir: Path,
) -> None:
    from hldtui.sources import load_schedule
    from tests.ui.test_big_programmes import CONGRESS

    app = make_app(data_dir, load_schedule(CONGRESS), now="2030-01-01T00:00")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, ["r", *"saal", "space", "6", "enter"])
        await pilot.pause(0.3)
        assert app.screen is main_screen(app), "the picker is still open"
        assert main_screen(app).filter.room == "Saal 6"

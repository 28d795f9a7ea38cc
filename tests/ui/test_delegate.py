"""A delegate's tasks: topics beside names, finding what they mean, reading at any size."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from hldtui.model import Interest
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.ui.screens.about import AboutScreen
from hldtui.ui.widgets import session_detail
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.session_detail import PaperList
from tests.ui.helpers import (
    highlighted_id,
    list_message,
    listed_ids,
    make_app,
    notifications,
    prompt_of,
    screen_text,
    searching,
    text_of,
)

RT2 = "Round table 2 · Human rights of all migrants, smuggling and trafficking"


def starred(data_dir: Path, **levels: Interest) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    for session_id, level in levels.items():
        store.set_level(session_id.replace("_", "-"), level)


async def test_round_tables_show_their_topic_in_rows_agenda_and_now_line(data_dir: Path) -> None:
    starred(data_dir, thu_rt2=Interest.ATTEND)
    app = make_app(data_dir, now="2013-10-03T16:00")
    async with app.run_test(size=(120, 30)) as pilot:
        assert RT2 in prompt_of(app, "thu-rt2")
        assert f"{RT2} (until 18:00)" in text_of(app, "#now-line")
        await pilot.press("a")
        assert RT2 in prompt_of(app, "thu-rt2")
        # The full official theme stays in the detail.
        assert "with particular reference to women and children" in text_of(app, "#detail-body")


async def test_with_now_the_cursor_lands_on_the_starred_running_session(data_dir: Path) -> None:
    starred(data_dir, thu_rt2=Interest.ATTEND)
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=(100, 30)):
        assert highlighted_id(app) == "thu-rt2"


@pytest.mark.parametrize(
    ("query", "first"),
    [("remittances", "thu-rt1"), ("migrant workers", "fri-rt4"), ("labor mobility", "fri-rt4")],
)
async def test_search_finds_what_a_delegate_means(data_dir: Path, query: str, first: str) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *query)
        assert listed_ids(app)[0] == first


async def test_a_result_from_about_opens_about_at_that_passage(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"diaspora")
        assert listed_ids(app) == []
        assert list_message(app).startswith("1 About passage")
        assert "About · Overview" in screen_text(app)
        assert "migrant and diaspora communities" in text_of(app, "#detail-body")
        await pilot.press("enter")
        assert isinstance(app.screen, AboutScreen)
        assert app.screen.query_one("#about-overview").has_class("-found")
        await pilot.press("escape", "escape")
        assert not searching(app)


async def test_slash_in_the_search_field_types_a_slash(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "/ Search" in screen_text(app)
        await pilot.press("slash", *"2013/")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "2013/"
        shown = screen_text(app)
        assert "/ Search" not in shown
        assert "esc Back" in shown


async def test_a_paper_without_a_browser_offers_to_copy_its_address(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_detail, "browser_available", lambda: False)
    app = make_app(data_dir)
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.focused, PaperList)
        await pilot.press("enter")
        assert opened == []
        assert (
            "No web browser can be opened here. Press c to copy the address"
            in (notifications(app)[-1])
        )


async def test_the_theme_is_kept_for_the_next_start(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
    again = make_app(data_dir)
    async with again.run_test(size=(100, 30)):
        assert again.theme == "textual-light"


async def test_at_40_by_12_search_shows_at_least_two_results(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash", *"general debate")
        shown = screen_text(app)
        assert shown.count("General debate of HLD") >= 2


async def test_at_80_by_24_the_header_and_titles_read_whole(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=(80, 24)):
        shown = screen_text(app).splitlines()
        assert shown[0].startswith(" HLD 2013") and shown[0].rstrip().endswith("3–4 October 2013")
        assert "  Round table 1 · Migration and" in screen_text(app)
        now_line = text_of(app, "#now-line")
        assert now_line.endswith("Next at 17:30: Untitled slot.")


async def test_at_60_columns_the_now_line_abbreviates(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=(60, 24)):
        now_line = text_of(app, "#now-line")
        assert "(until 17:30) and 1 more · Next at 17:30: Untitled slot." in now_line


async def test_wide_terminals_give_the_detail_the_room(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(200, 50)):
        list_width = app.screen.query_one("#list-pane").size.width
        detail_width = app.screen.query_one("#detail").size.width
        assert list_width <= 72 < detail_width


async def test_the_tab_bar_fits_nine_days_and_keeps_the_current_one_named(
    data_dir: Path, tmp_path: Path
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from generate import write

    schedule = load_schedule(write(tmp_path / "nine.json", 120, 9))
    app = make_app(data_dir, schedule)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("right")
        tabs_line = screen_text(app).splitlines()[1]
        assert "★ My agenda" in tabs_line
        active = app.screen.query_one(DayTabs).active_label
        assert active == "Wed 1"
        assert active in tabs_line
        for day in ("27", "28", "29", "30", "31", "2", "3", "4"):
            assert f" {day} " in tabs_line

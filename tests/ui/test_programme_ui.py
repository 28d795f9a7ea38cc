"""A programme served on 127.0.0.1 and changed while the app runs: the Changes tab and the
detail say what each change was, a new version swaps in where the reader is, the header
says when the app works offline, and refreshing many times holds no old versions."""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hldtui.changes import Notices
from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.views import ChangesView, DayView, TimetableView
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.session_detail import SessionDetail
from hldtui.ui.widgets.session_list import SessionList
from tests.ui.helpers import main_screen, notifications, row_texts, screen_text, work_done
from tests.unit.test_changes import CAMP, edited

OPENING = "Opening Ceremony"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A server of its own, so that a test can stop it."""
    own = HTTPServer(host="127.0.0.1", port=0)
    own.start()
    yield own
    if own.is_running():
        own.stop()


def serve(server: HTTPServer, data: bytes) -> str:
    server.clear()
    server.expect_request("/camp.json").respond_with_data(data)
    return server.url_for("/camp.json")


def camp_app(url: str) -> HldApp:
    programme = Programme.open(url)
    moment = parse_moment("2019-08-20T12:00", programme.schedule.conference.zone)
    return HldApp(programme, clock=lambda: moment)


async def refresh(app: HldApp, pilot: object, *, asked: bool = True) -> None:
    if asked:
        await pilot.press("u")  # type: ignore[attr-defined]
    else:
        app.refresh_programme()
    await work_done(app)
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_changes_tab_and_the_detail_say_what_each_change_was(
    server: HTTPServer,
) -> None:
    url = serve(server, CAMP.read_bytes())
    Programme.open(url)
    url = serve(server, edited())
    programme = Programme.open(url)
    late = next(s for s in programme.schedule.sessions if s.display_title == "A late addition")
    clashing = next(
        s for s in programme.schedule.sessions if s.display_title.startswith("Reporting from")
    )
    programme.store.set_level(late.id, Interest.ATTEND)
    programme.store.set_level(clashing.id, Interest.ATTEND)
    app = HldApp(programme)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        changes = screen.tabs[-1]
        assert isinstance(changes, ChangesView)
        screen.show_view(changes)
        await pilot.pause()
        texts = [" ".join(text.split()) for text in row_texts(app)]
        opening = next(text for text in texts if OPENING in text)
        assert "Time was: Wed 21 Aug 11:00–11:30" in opening
        assert "Time now: Wed 21 Aug 12:00–12:30" in opening
        renamed = next(text for text in texts if "card10 Badge, revised" in text)
        assert "Title was: card10 Badge Title now: card10 Badge, revised" in renamed
        mine = next(text for text in texts if "A late addition" in text)
        assert "New in the programme. ⚠ now clashes with Reporting" in mine, "on its own line"
        lines = app.screen.query_one(SessionList).row_text(texts.index(opening)).split("\n")
        assert any(line.strip().startswith("Time was:") for line in lines)
        assert any(line.strip().startswith("Time now:") for line in lines)
        while app.screen.query_one(SessionList).highlighted_session.display_title != OPENING:
            await pilot.press("down")
        detail = " ".join(str(app.screen.query_one(SessionDetail).content).split())
        assert "⟳ Changed since you last looked" in detail
        assert "Time was: Wed 21 Aug 11:00–11:30 Time now: Wed 21 Aug 12:00–12:30" in detail
        await pilot.press("z")
        await pilot.pause()
        detail = " ".join(str(app.screen.query_one(SessionDetail).content).split())
        assert "Time was: Wed 21 Aug 11:00–11:30" in detail, "local time: Zurich is Berlin's"
        await screen.run_action("choose_change_notices")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [c.session.id for c in screen.changes] == [late.id], "only yours"
        assert isinstance(screen.tabs[-1], ChangesView)
        assert app.screen.query_one(DayTabs).labels[-1] == "⟳ Changes (1)"
        assert "You will be told of changes to your ★/☆ sessions." in notifications(app)
        await screen.run_action("mark_changes_seen")
        await pilot.pause()
        assert "Changes marked as seen" in notifications(app)[-1]
    assert Programme.open(url).changes == ()
    assert Programme.open(url).notices is Notices.MINE, "kept for the programme"


async def test_a_new_version_keeps_the_reader_s_place(server: HTTPServer) -> None:
    url = serve(server, CAMP.read_bytes())
    app = camp_app(url)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("right")
        for _ in range(7):
            await pilot.press("down")
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        place = (main_screen(app).view, session_list.highlighted_session.id)
        scroll = session_list.scroll_offset.y
        assert scroll > 0
        serve(server, edited())
        await refresh(app, pilot)
        screen = main_screen(app)
        assert len([s for s in app.screen_stack if isinstance(s, MainScreen)]) == 1
        assert any("4 sessions changed" in text for text in notifications(app))
        assert isinstance(screen.tabs[-1], ChangesView), "the new version is shown"
        session_list = app.screen.query_one(SessionList)
        assert (screen.view, session_list.highlighted_session.id) == place
        assert session_list.scroll_offset.y == scroll
        serve(server, CAMP.read_bytes())
        await pilot.press("g")
        await pilot.press("right")
        await pilot.pause()
        box = screen.highlighted
        await refresh(app, pilot, asked=False)
        assert isinstance(screen.view, TimetableView) and screen.highlighted == box
        await pilot.press("down")
        assert screen.highlighted != box, "keys still move the cursor"


async def test_a_day_gone_from_the_new_version_gives_the_nearest_day(server: HTTPServer) -> None:
    url = serve(server, CAMP.read_bytes())
    app = camp_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        last = screen.tabs[len(screen.schedule.days) - 1]
        screen.show_view(last)
        await pilot.pause()
        assert screen.view == DayView(date(2019, 8, 25))
        serve(server, _without_the_last_days())
        await refresh(app, pilot)
        assert screen.schedule.days[-1] == date(2019, 8, 24)
        assert screen.view == DayView(date(2019, 8, 24))


async def test_the_header_says_offline_until_a_refresh_succeeds(server: HTTPServer) -> None:
    url = serve(server, CAMP.read_bytes())
    app = camp_app(url)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "offline" not in screen_text(app)
        server.stop()
        await refresh(app, pilot)
        assert "⚠ offline · programme as of" in screen_text(app)
        said = notifications(app)[-1]
        assert "the server refused the connection" in said and "Errno" not in said
        await refresh(app, pilot, asked=False)
        assert "⚠ offline · programme as of" in screen_text(app), "until a refresh succeeds"
        server.start()
        serve(server, CAMP.read_bytes())
        await refresh(app, pilot)
        assert "offline" not in screen_text(app)
        assert "The programme is up to date." in notifications(app)


async def test_twenty_refreshes_hold_no_more_than_one(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parsed copies made while opening wait to be kept until this; refreshes never wait.
    monkeypatch.setattr("hldtui.ui.app.KEEP_PARSED_AFTER", 600.0)
    versions = [CAMP.read_bytes(), edited()]
    url = serve(server, versions[0])
    app = camp_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tracemalloc.start()
        try:
            sizes = {}
            for count in range(1, 21):
                serve(server, versions[count % 2])
                await refresh(app, pilot, asked=False)
                gc.collect()
                sizes[count] = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        # Work the last refresh started (the search index) holds what it was given, and
        # callbacks already queued may hold the version before until they have run.
        await work_done(app)
        await pilot.pause(0.3)
        gc.collect()
        alive = [type(o).__name__ for o in gc.get_objects()]
        counts = {name: alive.count(name) for name in ("MainScreen", "Plan", "Schedule", "Session")}
        assert counts["MainScreen"] == 1, counts
        assert counts["Plan"] == 1, counts
        assert counts["Schedule"] <= 2, f"the version shown, and the one seen: {counts}"
        shown = len(app.schedule.sessions)
        assert counts["Session"] <= 2 * shown + 5, f"{shown} sessions shown: {counts}"
        # Both versions have been shown by the third refresh; the search index and the rows
        # drawn vary with timing, so the later figures are compared with the larger of two.
        early, late = max(sizes[2], sizes[3]), min(sizes[19], sizes[20])
        assert late < early * 1.25, f"{early:,} bytes after 3 refreshes, {late:,} after 20"


def _without_the_last_days() -> bytes:
    document = json.loads(CAMP.read_bytes())
    conference = document["schedule"]["conference"]
    conference["days"] = conference["days"][:-1]
    conference["end"] = "2019-08-24"
    conference["daysCount"] = len(conference["days"])
    return json.dumps(document).encode()


async def test_the_app_keeps_the_parsed_programme_once_it_is_on_screen(tmp_path: Path) -> None:
    from hldtui.store import cache_dir
    from hldtui.ui.app import KEEP_PARSED_AFTER

    congress = tmp_path / "31c3.xml"
    congress.write_bytes(
        (Path(__file__).parents[1] / "data/formats/31c3-schedule.xml").read_bytes()
    )
    app = HldApp(Programme.open(str(congress)))
    parsed = cache_dir() / "parsed"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not parsed.exists(), "not while the first screen is drawn"
        await pilot.pause(KEEP_PARSED_AFTER + 0.3)
        await app.workers.wait_for_complete()
        assert len(list(parsed.iterdir())) == 1
    assert Programme.open(str(congress)).schedule == app.schedule


async def test_a_change_between_two_lists_shows_in_the_app(server: HTTPServer) -> None:
    from hldtui.cli import main

    url = serve(server, CAMP.read_bytes())
    assert main(["--schedule", url, "list"]) == 0
    url = serve(server, edited())
    assert main(["--schedule", url, "list"]) == 0
    app = camp_app(url)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        changes = main_screen(app).tabs[-1]
        assert isinstance(changes, ChangesView) and len(changes.changes) == 4
        assert any("4 sessions changed since you last looked" in n for n in notifications(app))

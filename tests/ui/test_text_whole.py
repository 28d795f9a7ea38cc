"""Wrapped text keeps every character: each address a pane shows can be read off the
screen whole, at every width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hldtui.model import Session
from hldtui.present import session_addresses
from hldtui.sources import load_schedule
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
from tests.ui.helpers import (
    highlighted_id,
    list_message,
    main_screen,
    make_app,
    notifications,
    pane_lines,
)

WIDTHS = (40, 60, 80, 100, 200)


def congress_programme(folder: Path) -> Path:
    """One session shaped as 36C3's are, with a long address to its page."""
    event = {
        "guid": "0b7cf4a6-7e33-4c8f-9a9e-4a8a3f1f2a10",
        "id": 10496,
        "date": "2019-12-27T11:30:00+01:00",
        "start": "11:30",
        "duration": "00:40",
        "room": "Ada",
        "slug": "36c3-10496-a-very-long-slug-for-a-talk-about-wrapping-addresses",
        "url": "https://example.org/congress/2019/Fahrplan/36c3/talk/PU7RSW/",
        "title": "Wrapping addresses without losing the characters at the break",
        "subtitle": "",
        "track": "Ethics, Society & Politics",
        "type": "Talk",
        "language": "en",
        "abstract": "A talk.",
        "description": "",
        "persons": [{"id": 1, "public_name": "A. Speaker"}],
        "links": [
            {"url": "https://example.org/a/very/long/path/to/the/slides.pdf", "title": "Slides"}
        ],
    }
    day = {
        "index": 1,
        "date": "2019-12-27",
        "day_start": "2019-12-27T10:00:00+01:00",
        "day_end": "2019-12-28T04:00:00+01:00",
        "rooms": {"Ada": [event]},
    }
    schedule = {
        "schedule": {
            "version": "test",
            "conference": {
                "acronym": "36c3-shaped",
                "title": "A congress of 36C3's shape",
                "start": "2019-12-27",
                "end": "2019-12-27",
                "daysCount": 1,
                "timeslot_duration": "00:10",
                "time_zone_name": "Europe/Berlin",
                "days": [day],
            },
        }
    }
    path = folder / "congress.json"
    path.write_text(json.dumps(schedule), encoding="utf-8")
    return path


def addresses(session: Session) -> list[str]:
    found = [source.url for source in session.provenance.sources]
    return found + [paper.url for paper in session.papers + session.links]


@pytest.mark.parametrize("width", WIDTHS)
async def test_every_address_in_the_detail_reads_whole(
    data_dir: Path, tmp_path: Path, width: int
) -> None:
    builtin = load_schedule()
    congress = load_schedule(congress_programme(tmp_path))
    for schedule in (builtin, congress):
        app = make_app(data_dir, schedule)
        async with app.run_test(size=(width, 40)) as pilot:
            screen = main_screen(app)
            detail = screen.query_one(SessionDetail)
            papers = screen.query_one(PaperList)
            for session in schedule.sessions:
                screen.highlighted = session
                await pilot.pause()
                shown = unspaced(await pane_lines(pilot, detail))
                assert shown == unspaced([detail.content.plain]), (session.id, width)
                if session.papers or session.links:
                    shown += unspaced(await pane_lines(pilot, papers))
                for address in addresses(session):
                    assert address in shown, (session.id, width, address)


@pytest.mark.parametrize("width", WIDTHS)
async def test_about_and_help_read_whole(data_dir: Path, width: int) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("i")
        box = app.screen.query_one("#about-box")
        written = unspaced([str(block.content) for block in box.query(".about-block")])
        assert unspaced(await pane_lines(pilot, box)) == written
        for source in app.schedule.conference.sources:
            assert source.url in written
        await pilot.press("escape", "question_mark")
        box = app.screen.query_one("#help-box")
        written = unspaced([str(app.screen.query_one("#help-text").content)])
        assert unspaced(await pane_lines(pilot, box)) == written


def unspaced(lines: list[str]) -> str:
    """The characters of ``lines`` without any white space, which wrapping may change."""
    return "".join("".join(lines).split())


async def test_c_copies_each_address_the_session_shows_exactly(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        round_table = next(s for s in app.schedule.sessions if s.papers)
        for _ in range(len(app.schedule.sessions)):
            if highlighted_id(app) == round_table.id:
                break
            await pilot.press("down")
        assert highlighted_id(app) == round_table.id
        shown = [address for _, address in session_addresses(round_table)]
        assert set(shown) == set(addresses(round_table))
        for position, address in enumerate(shown):
            await pilot.press("c")
            assert app.screen.query_one("#picker-title").content == "Copy which address?"
            await pilot.press(*["down"] * position, "enter")
            assert app.clipboard == address
            assert notifications(app)[-1] == address
        await pilot.press("tab", "tab", "c")
        assert app.screen.query_one("#papers").has_focus
        assert app.clipboard == round_table.papers[0].url


async def test_c_on_a_session_with_one_address_copies_it_at_once(data_dir: Path) -> None:
    schedule = load_schedule(Path(__file__).parents[1] / "data" / "minimal.yaml")
    app = make_app(data_dir, schedule)
    async with app.run_test(size=(100, 30)) as pilot:
        assert highlighted_id(app) == "welcome"
        await pilot.press("c")
        assert app.clipboard == "https://example.org/programme"
        assert isinstance(app.screen, MainScreen)


async def test_an_empty_programme_says_so_on_every_day(data_dir: Path, tmp_path: Path) -> None:
    path = congress_programme(tmp_path)
    document = json.loads(path.read_text())
    document["schedule"]["conference"]["days"][0]["rooms"] = {}
    path.write_text(json.dumps(document))
    app = make_app(data_dir, load_schedule(path))
    async with app.run_test(size=(100, 30)):
        assert list_message(app) == "The programme lists no sessions at all: its file holds none."

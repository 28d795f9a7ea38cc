"""Snapshots of the main screens (recorded with the Textual version pinned in pyproject.toml)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from hldtui.library import Library
from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.sources import load_schedule
from hldtui.store import FAVOURITES_FILE, FavouritesStore
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from tests.ui.helpers import make_app, work_done
from tools.demo import changed_programme

FORMATS = Path(__file__).parents[1] / "data" / "formats"


async def no_blink(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_main_screen(snap_compare, data_dir: Path) -> None:
    assert snap_compare(make_app(data_dir), terminal_size=(80, 24))


def test_round_table_detail(snap_compare, data_dir: Path) -> None:
    assert snap_compare(
        make_app(data_dir), press=["right", "down", "down"], terminal_size=(100, 34)
    )


def test_search_results(snap_compare, data_dir: Path) -> None:
    async def search(pilot: Pilot) -> None:
        await pilot.press("slash")
        await no_blink(pilot)
        await pilot.press(*"migrants rights")

    assert snap_compare(make_app(data_dir), run_before=search, terminal_size=(100, 30))


def test_my_agenda_with_a_clash(snap_compare, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    levels = {
        "thu-general-debate-am": "attend",
        "thu-rt1": "attend",
        "thu-rt2": "attend",
        "fri-rt4": "maybe",
    }
    (data_dir / FAVOURITES_FILE).write_text(
        json.dumps({"version": 2, "favourites": {"hld2013": levels}, "notes": {}})
    )
    assert snap_compare(make_app(data_dir), press=["a", "down"], terminal_size=(100, 30))


def test_now_on_thursday_afternoon(snap_compare, data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    assert snap_compare(app, terminal_size=(100, 30))


def test_help_screen(snap_compare, data_dir: Path) -> None:
    assert snap_compare(make_app(data_dir), press=["question_mark"], terminal_size=(80, 40))


def test_narrow_layout(snap_compare, data_dir: Path) -> None:
    assert snap_compare(make_app(data_dir), press=["down", "down"], terminal_size=(60, 30))


def test_main_screen_in_the_light_theme(snap_compare, data_dir: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("down", "down")

    app = make_app(data_dir, now="2013-10-03T15:30")
    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


def test_main_screen_without_colour(snap_compare, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir, now="2013-10-03T15:30")
    assert app.no_color
    assert snap_compare(app, press=["down", "down"], terminal_size=(80, 24))


def test_search_at_40_by_12(snap_compare, data_dir: Path) -> None:
    async def search(pilot: Pilot) -> None:
        await pilot.press("slash")
        await no_blink(pilot)
        await pilot.press(*"general debate")

    assert snap_compare(make_app(data_dir), run_before=search, terminal_size=(40, 12))


def test_timetable_of_thursday_afternoon(snap_compare, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    levels = {"thu-general-debate-pm": "attend", "thu-rt2": "attend", "thu-rt1": "maybe"}
    (data_dir / FAVOURITES_FILE).write_text(
        json.dumps({"version": 2, "favourites": {"hld2013": levels}, "notes": {}})
    )
    app = make_app(data_dir, now="2013-10-03T15:30")
    assert snap_compare(app, press=["g"], terminal_size=(100, 30))


def test_timetable_in_the_light_theme(snap_compare, data_dir: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("g", "down", "right")

    assert snap_compare(make_app(data_dir), run_before=light, terminal_size=(100, 30))


def test_timetable_of_a_congress_day_at_80_by_24(snap_compare, data_dir: Path) -> None:
    from hldtui.sources import load_schedule

    congress = load_schedule(Path(__file__).parents[1] / "data" / "formats" / "31c3-schedule.xml")
    app = make_app(data_dir, congress, now="2030-01-01T00:00")
    assert snap_compare(app, press=["g", "down", "down", "right"], terminal_size=(80, 24))


def demo_app(tmp_path: Path) -> HldApp:
    """The made-up demo programme in its second version, with what changed since the first."""
    programme = changed_programme(tmp_path)
    now = parse_moment("2030-05-01T09:00", programme.schedule.conference.zone)
    return HldApp(programme, clock=lambda: now)


def test_the_changes_tab(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["left"], terminal_size=(100, 30))


def test_the_changes_tab_in_the_light_theme(snap_compare, tmp_path: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("left", "down")

    assert snap_compare(demo_app(tmp_path), run_before=light, terminal_size=(80, 24))


MEDIA_CONGRESS = Path(__file__).parents[1] / "data" / "formats" / "congress-media.json"


def media_congress_app(data_dir: Path, now: str) -> HldApp:
    from hldtui.sources import load_schedule

    return make_app(data_dir, load_schedule(MEDIA_CONGRESS), now=now)


def test_the_now_view_of_a_congress(snap_compare, data_dir: Path) -> None:
    app = media_congress_app(data_dir, "2031-12-27T10:40")
    assert snap_compare(app, press=["w", "down"], terminal_size=(100, 30))


def test_the_now_view_at_80_by_24_in_the_light_theme(snap_compare, data_dir: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("down", "f", "w")

    app = make_app(data_dir, now="2013-10-03T14:50")
    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


def test_a_person_s_page(snap_compare, data_dir: Path) -> None:
    assert snap_compare(
        make_app(data_dir),
        press=["P", "down", "down", "down", "down", "enter"],
        terminal_size=(100, 30),
    )


def test_a_person_s_page_at_80_by_24_in_the_light_theme(snap_compare, data_dir: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("P", "enter")

    app = media_congress_app(data_dir, "2031-12-27T10:40")
    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


def test_a_round_table_at_80_by_24(snap_compare, data_dir: Path) -> None:
    assert snap_compare(
        make_app(data_dir), press=["down", "down", "down", "down"], terminal_size=(80, 24)
    )


def shared_congress_app(data_dir: Path) -> HldApp:
    """The 31C3 programme as if opened from an address, with a plan to share."""
    schedule = load_schedule(FORMATS / "31c3-schedule.xml")
    programme = Programme.of(schedule, FavouritesStore(data_dir, schedule.conference.id))
    programme.address = "https://schedule.example.org/31c3/schedule.xml"
    for place, level in ((0, Interest.ATTEND), (1, Interest.ATTEND), (5, Interest.MAYBE)):
        programme.plan.set_level(schedule.sessions[place].id, level)
    programme.plan.set_hidden(schedule.sessions[7].id, True)
    now = parse_moment("2014-12-27T12:00", schedule.conference.zone)
    return HldApp(programme, clock=lambda: now)


def test_the_share_screen(snap_compare, data_dir: Path) -> None:
    assert snap_compare(shared_congress_app(data_dir), press=["s"], terminal_size=(100, 30))


def test_the_share_screen_in_the_light_theme(snap_compare, data_dir: Path) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("s")

    app = shared_congress_app(data_dir)
    assert snap_compare(app, run_before=light, terminal_size=(100, 30))


def test_the_programmes_picker(snap_compare, data_dir: Path, tmp_path: Path) -> None:
    catalogue = tmp_path / "menu.json"
    catalogue.write_text(
        json.dumps(
            {
                "version": 1,
                "schedules": [
                    {
                        "id": f"conf_{year}",
                        "url": f"https://example.org/{year}/schedule.xml",
                        "title": f"A Made-up Conference {year}",
                        "start": f"{year}-10-03",
                        "end": f"{year}-10-04",
                        "timezone": "America/New_York",
                    }
                    for year in (2012, 2013, 2014)
                ],
            }
        )
    )
    Library(data_dir).set_catalogue(str(catalogue))

    async def pick(pilot: Pilot) -> None:
        await pilot.press("O")
        await work_done(pilot.app)
        await pilot.pause()
        await no_blink(pilot)

    app = make_app(data_dir, now="2013-10-03T15:30")
    assert snap_compare(app, run_before=pick, terminal_size=(100, 30))

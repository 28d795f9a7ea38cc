"""Sharing and other programmes in the app: the share screen's QR code read back from the
screen as a phone camera would read it, in a dark and a light theme; the Programmes
picker over a catalogue served on 127.0.0.1, switching in place and reopened at the next
start; a pasted link taken in; a room's map from the catalogue; its links in About."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytest_httpserver import HTTPServer
from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from hldtui.catalogue import find_entry
from hldtui.cli.context import programme_source
from hldtui.library import Library
from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.share import shared_plan
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from hldtui.ui.screens.about import AboutScreen
from hldtui.ui.screens.confirm import ConfirmScreen
from hldtui.ui.screens.picker import PickerScreen
from hldtui.ui.screens.share import ShareScreen
from tests.ui.helpers import make_app, notifications, screen_text, work_done

FORMATS = Path(__file__).parents[1] / "data" / "formats"


@pytest.fixture
def catalogue(httpserver: HTTPServer, data_dir: Path) -> Iterator[str]:
    """A catalogue of two programmes served beside it, set as the user's catalogue."""
    for name in ("31c3-schedule.xml", "camp2019-schedule.json"):
        httpserver.expect_request(f"/{name}").respond_with_data((FORMATS / name).read_bytes())
    entries = [
        {
            "id": "ccc_31c3",
            "url": httpserver.url_for("/31c3-schedule.xml"),
            "title": "31C3",
            "start": "2014-12-27",
            "end": "2014-12-30",
            "timezone": "Europe/Berlin",
            "metadata": {
                "links": [{"url": "https://events.ccc.de/congress/2014/", "title": "Website"}],
                "c3nav_base": "https://nav.example.org",
                "rooms": [
                    {"name": "Saal [12]", "latlon": [53.5626, 9.987]},
                    {"name": "Saal 6", "c3nav_slug": "saal-6"},
                ],
            },
        },
        {
            "id": "camp_2019",
            "url": httpserver.url_for("/camp2019-schedule.json"),
            "title": "Chaos Communication Camp 2019",
            "start": "2019-08-21",
            "end": "2019-08-25",
            "timezone": "Europe/Berlin",
        },
    ]
    httpserver.expect_request("/menu.json").respond_with_data(
        json.dumps({"version": 1, "schedules": entries})
    )
    address = httpserver.url_for("/menu.json")
    Library(data_dir).set_catalogue(address)
    yield address


def congress_app(catalogue: str, data_dir: Path) -> HldApp:
    programme = Programme.open(entry=find_entry(catalogue, "ccc_31c3"))
    schedule = programme.schedule
    programme.plan.set_level(schedule.sessions[0].id, Interest.ATTEND)
    programme.plan.set_level(schedule.sessions[5].id, Interest.MAYBE)
    programme.plan.set_hidden(schedule.sessions[7].id, True)
    moment = parse_moment("2014-12-27T12:00", schedule.conference.zone)
    return HldApp(programme, clock=lambda: moment)


async def open_programmes(pilot: Pilot[None]) -> None:
    """The Programmes picker, once the catalogue is read."""
    await work_done(pilot.app)  # type: ignore[arg-type]
    await pilot.press("O")
    await work_done(pilot.app)  # type: ignore[arg-type]
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)


def screen_image(app: HldApp) -> Image.Image:
    """The screen as a camera sees it: each cell two pixels high, a half block's upper
    and lower halves in its own colours, 4 pixels a module."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines = list(update.strips)  # type: ignore[attr-defined]
    width, scale = app.size.width, 4
    image = Image.new("RGB", (width * scale, len(lines) * 2 * scale), (128, 128, 128))
    for y, line in enumerate(lines):
        x = 0
        for segment in (segment for strip in line for segment in strip):
            style = segment.style
            fore = style.color.get_truecolor() if style and style.color else (255, 255, 255)
            back = style.bgcolor.get_truecolor() if style and style.bgcolor else (0, 0, 0)
            if style and style.reverse:
                fore, back = back, fore
            for character in segment.text:
                halves = {"▀": (fore, back), "▄": (back, fore), "█": (fore, fore)}.get(
                    character, (back, back)
                )
                for half, colour in enumerate(halves):
                    box = (x * scale, (2 * y + half) * scale)
                    image.paste(tuple(colour), (*box, box[0] + scale, box[1] + scale))
                x += cell_len(character)
    return image


@pytest.mark.parametrize(
    ("theme", "size", "below"),
    [
        ("textual-dark", (100, 30), False),
        ("textual-light", (100, 30), False),
        ("textual-dark", (90, 45), True),
    ],
)
async def test_the_share_screens_code_reads_back_from_the_screen(
    catalogue: str, data_dir: Path, theme: str, size: tuple[int, int], below: bool
) -> None:
    app = congress_app(catalogue, data_dir)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ShareScreen)
        link = shared_plan(app.plan, app.programme.address).link
        found = [code.text for code in zxingcpp.read_barcodes(screen_image(app))]
        assert found == [link]
        assert "Share your plan: 1 ★, 1 ☆, 1 hidden" in screen_text(app)
        # The link under the code where the window has the rows for both, else beside it.
        assert app.screen.query_one("#share-box").has_class("-below") is below
        await pilot.press("c")
        assert app.clipboard == link
        await pilot.press("escape")
        assert not isinstance(app.screen, ShareScreen)


async def test_a_programme_from_a_file_offers_the_calendar_instead(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hldtui.store.export_dir", lambda: tmp_path / "Documents")
    (tmp_path / "Documents").mkdir()
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("The built-in programme is read from a file")
        assert "Export your favourites to an .ics calendar" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not (tmp_path / "Documents" / "hld2013-agenda.ics").exists()
        await pilot.press("f", "s", "y")
        await work_done(app)
        await pilot.pause()
        assert (tmp_path / "Documents" / "hld2013-agenda.ics").is_file()


async def test_programmes_switch_in_place_and_the_last_reopens(
    catalogue: str, data_dir: Path
) -> None:
    app = congress_app(catalogue, data_dir)
    congress = app.programme
    async with app.run_test(size=(100, 30)) as pilot:
        await open_programmes(pilot)
        shown = screen_text(app)
        assert "Open a programme" in shown and "Built-in: the 2013 High-level Dialogue" in shown
        assert "Chaos Communication Camp 2019" in shown and "from the catalogue" in shown
        await pilot.press(*"camp", "enter")
        await work_done(app)
        await pilot.pause()
        assert app.schedule.conference.title == "Chaos Communication Camp 2019"
        assert "Chaos Communication Camp 2019" in screen_text(app).splitlines()[0]
        assert app.main_screen.venue is not None and app.main_screen.venue.id == "camp_2019"
        # A refresh of the congress that ends after the switch is not taken.
        app._take_version(congress, congress.version, True)
        assert app.schedule.conference.title == "Chaos Communication Camp 2019"
        # The congress's plan stayed with the congress.
        assert app.plan.favourites == frozenset()
        await pilot.press("f")
        assert len(app.plan.favourites) == 1
        await open_programmes(pilot)
        await pilot.press(*"built", "enter")
        await work_done(app)
        await pilot.pause()
        assert app.schedule.conference.id == "hld2013"
    recent = Library(data_dir).recent
    assert [r.source for r in recent[:2]] == [
        "",
        catalogue.replace("menu.json", "camp2019-schedule.json"),
    ]
    # The next start, with no --schedule, opens the last one; --schedule says otherwise.
    Library(data_dir).remember(recent[1].source, recent[1].title, recent[1].entry)
    args = argparse.Namespace(command=None)
    source, entry, last = programme_source(args)
    assert source == recent[1].source and entry is not None and entry.id == "camp_2019" and last
    args = argparse.Namespace(command=None, schedule=str(FORMATS / "31c3-schedule.xml"))
    assert programme_source(args)[0] == str(FORMATS / "31c3-schedule.xml")


async def test_a_pasted_link_is_taken_in_to_its_programme(catalogue: str, data_dir: Path) -> None:
    congress = Programme.open(entry=find_entry(catalogue, "ccc_31c3"))
    first, second = congress.schedule.sessions[0], congress.schedule.sessions[5]
    link = (
        f"https://ggt.gaa.st/#url={congress.address.replace(':', '%3A').replace('/', '%2F')}"
        f"&see={_part([int(first.event_id), int(second.event_id), 'gone'])}"
    )
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await work_done(app)
        # As a terminal delivers a paste: to the app, which hands it to the focused widget.
        # The link is for another programme: the app asks before it opens it.
        app.post_message(events.Paste(link))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.endswith(congress.address)
        await pilot.press("y")
        await pilot.pause()
        await work_done(app)
        await pilot.pause(0.2)
        assert app.schedule.conference.id == "31c3"
        assert dict(app.plan.levels) == {first.id: Interest.ATTEND, second.id: Interest.ATTEND}
        said = notifications(app)[-1]
        assert said.startswith("The link's plan was merged into yours: 2 ★/☆, 0 hidden.")
        assert "1 ids match no session: gone." in said
        # Pasted again over a plan, into the search field: the picker asks whether to
        # merge or to replace, and nothing is searched for.
        await pilot.press("slash")
        app.post_message(events.Paste(link))
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.main_screen.query_one("#search", Input).value == ""
        await pilot.press("escape")
        await pilot.pause()
        app.post_message(events.Paste("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b&see=AAAA"))
        await pilot.pause()
        assert notifications(app)[-1] == "see: it is not zlib-compressed data."
        # A link for yet another programme, declined: nothing is fetched or changed.
        app.post_message(events.Paste("https://ggt.gaa.st/#url=https%3A%2F%2Fother.example%2Fs"))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.schedule.conference.id == "31c3"
        assert not [w for w in app.workers if w.group == "open" and not w.is_finished]


def _part(ids: list[int | str]) -> str:
    from tests.unit.test_share import giggity_part

    return giggity_part(ids)


async def test_a_room_opens_on_the_map_and_about_lists_the_links(
    catalogue: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hldtui.ui.widgets.session_detail.browser_available", lambda: True)
    app = congress_app(catalogue, data_dir)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await work_done(app)
        # The opening session is in Saal 1: its place, and the pane shows it under Where.
        assert "geo:53.562600,9.987000" in screen_text(app)
        await pilot.press("m")
        assert opened == ["geo:53.562600,9.987000"]
        saal_6 = next(s for s in app.schedule.on_day(app.schedule.days[0]) if s.room == "Saal 6")
        app.main_screen.jump_to(saal_6)
        await pilot.pause()
        await pilot.press("m")
        assert opened[-1] == "https://nav.example.org/l/saal-6/"
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        block = str(app.screen.query_one("#about-catalogue", Static).content)
        assert block.split("\n")[1:6] == [
            "From the catalogue  entry ccc_31c3",
            "The file names no time zone: its times are read in Europe/Berlin, the zone the "
            "catalogue gives it.",
            "Website",
            "  https://events.ccc.de/congress/2014/",
            "It places 2 rooms: m opens a session's room.",
        ]
        assert "From the catalogue" in screen_text(app)


async def test_a_hostile_catalogue_leaves_the_picker_with_what_is_known(
    httpserver: HTTPServer, data_dir: Path
) -> None:
    httpserver.expect_request("/menu.json").respond_with_data("[" * 200_000)
    Library(data_dir).set_catalogue(httpserver.url_for("/menu.json"))
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_programmes(pilot)
        assert [label for label, _ in app.screen.choices] == [
            "Built-in: the 2013 High-level Dialogue"
        ]
        said = notifications(app)
        assert said[-1] == (
            "The catalogue could not be read: what it gave is not a catalogue: it nests "
            "too deeply to be a catalogue."
        )

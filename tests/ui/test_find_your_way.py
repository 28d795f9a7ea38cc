"""Finding one's way: rooms in the organiser's order and pinned, the Now view, people,
recordings and feedback, and a round table's essentials at 80×24."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hldtui.model import Interest, Person, Schedule, Session
from hldtui.programme import Programme
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.ui.app import HldApp
from hldtui.ui.screens.picker import PickerScreen
from hldtui.ui.views import NowView, PeopleView, PersonView
from hldtui.ui.widgets import session_detail
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
from hldtui.ui.widgets.timetable_grid import TimetableGrid
from tests.ui.helpers import (
    bottom_line,
    header_line,
    highlighted_id,
    listed_ids,
    main_screen,
    make_app,
    row_texts,
    screen_text,
    text_of,
)

FORMATS = Path(__file__).parent.parent / "data" / "formats"
BERLIN = ZoneInfo("Europe/Berlin")
SIZE = (100, 30)


class Clock:
    """A clock the test moves on."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def congress() -> Schedule:
    return load_schedule(FORMATS / "congress-media.json")


def congress_app(data_dir: Path, clock: Clock | None = None) -> HldApp:
    schedule = congress()
    return HldApp(
        Programme.of(schedule, FavouritesStore(data_dir, schedule.conference.id)),
        clock=clock or Clock(datetime(2032, 1, 10, 12, 0, tzinfo=BERLIN)),
    )


def slug_id(app: HldApp, slug: str) -> str:
    return next(s.id for s in app.schedule.sessions if s.slug == slug)


def picker_labels(app: HldApp) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one("#picker-list").options]


def shown_target(app: HldApp) -> Session | Person | None:
    target = main_screen(app).highlighted
    assert target is None or isinstance(target, Session | Person)
    return target


# Rooms


async def test_the_grid_has_the_organiser_s_rooms_and_a_pin_moves_one_first(
    data_dir: Path,
) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        grid = app.screen.query_one(TimetableGrid)
        assert grid.table.columns == ("Main Hall", "Borg", "Ada", "Lab")
        assert grid.highlighted_session is not None
        assert grid.highlighted_session.room == "Ada"
        await pilot.press("plus")
        assert grid.table.columns == ("Ada", "Main Hall", "Borg", "Lab")
        assert grid.highlighted_session.room == "Ada", "the cursor stays on its session"
        await pilot.press("r")
        assert picker_labels(app)[:2] == ["Every room", "Ada (1)"]
    again = congress_app(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert again.screen.query_one(TimetableGrid).table.columns[0] == "Ada", "kept"
        await pilot.press("plus")
        columns = again.screen.query_one(TimetableGrid).table.columns
        assert columns == ("Main Hall", "Borg", "Ada", "Lab")


async def test_the_room_picker_keeps_the_organiser_s_order_and_narrows(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, PickerScreen)
        assert picker_labels(app) == [
            "Every room",
            "Main Hall (1)",
            "Borg (2)",
            "Ada (1)",
            "Lab (1)",
        ]
        await pilot.press(*"bo", "enter")
        assert {app.schedule.get(i).room for i in listed_ids(app)} == {"Borg"}


# Now


async def test_the_now_view_puts_mine_first_and_follows_the_clock(data_dir: Path) -> None:
    clock = Clock(datetime(2031, 12, 27, 10, 40, tzinfo=BERLIN))
    app = congress_app(data_dir, clock)
    radio = slug_id(app, "mediacon-3-radio")
    app.store.set_level(radio, Interest.MAYBE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        screen = main_screen(app)
        assert screen.view == NowView()
        texts = row_texts(app)
        assert texts[0].strip() == "At 10:40: 1 running · 1 starting by 11:40"
        assert texts[1] == "☆ Maybe"
        assert "starts in 20 min" in " ".join(texts[2:4])
        assert "Main Hall" in texts
        assert listed_ids(app) == [radio, slug_id(app, "mediacon-1-opening")]
        clock.moment = datetime(2031, 12, 27, 11, 10, tzinfo=BERLIN)
        screen._tick()
        await pilot.pause()
        texts = " ".join(row_texts(app))
        assert "At 11:10: 1 running" in texts
        assert "▶ running · 35 min left" in texts
        assert listed_ids(app) == [radio, slug_id(app, "mediacon-4-lab")]


async def test_the_now_view_says_when_nothing_runs(data_dir: Path) -> None:
    clock = Clock(datetime(2031, 12, 27, 14, 0, tzinfo=BERLIN))
    app = congress_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert listed_ids(app) == []
        message = " ".join(" ".join(row_texts(app)).split())
        assert "At 14:00 nothing runs or starts by 15:00." in message
        assert "Next at Sun 10:00: Closing." in message


async def test_the_now_line_names_a_running_star_session_first(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T16:00")
    app.store.set_level("thu-rt2", Interest.ATTEND)
    async with app.run_test(size=(200, 30)):
        line = text_of(app, "#now-line")
        assert line.startswith("[EDT] ▶ Now: Round table 2 · Human rights")
        assert line.index("Round table 2") < line.index("General debate")


async def test_starring_a_running_session_puts_it_first_on_the_now_line(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T16:00")
    async with app.run_test(size=(200, 30)) as pilot:
        assert text_of(app, "#now-line").startswith("[EDT] ▶ Now: General debate of HLD")
        while highlighted_id(app) != "thu-rt2":
            await pilot.press("down")
        await pilot.press("f")
        assert text_of(app, "#now-line").startswith("[EDT] ▶ Now: Round table 2")


async def test_the_timetable_opens_at_now_during_the_conference(data_dir: Path) -> None:
    clock = Clock(datetime(2031, 12, 27, 11, 10, tzinfo=BERLIN))
    app = congress_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        grid = app.screen.query_one(TimetableGrid)
        assert grid.highlighted_session is not None
        assert grid.highlighted_session.slug == "mediacon-3-radio"


async def test_the_timetable_opens_at_the_highlighted_session_otherwise(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "g")
        grid = app.screen.query_one(TimetableGrid)
        assert grid.highlighted_session is not None
        assert grid.highlighted_session.slug == "mediacon-3-radio"


# People


async def test_the_people_tab_lists_everyone_and_opens_a_person(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        screen = main_screen(app)
        assert screen.view == PeopleView()
        texts = row_texts(app)
        assert texts[0].strip() == "2 people · Enter lists a person's sessions"
        assert texts[1].splitlines() == ["Ada Lovelace", "  3 sessions · biography · 1 link"]
        detail = text_of(app, "#detail-body")
        assert detail.startswith("Ada Lovelace Sessions (3)")
        assert "Biography Wrote the first program." in detail
        papers = app.screen.query_one(PaperList)
        assert papers.papers[0].url == "https://ada.example/"
        await pilot.press("c")
        assert app.clipboard == "https://ada.example/"
        await pilot.press("enter", "enter")
        assert screen.view == PersonView("Ada Lovelace")
        assert papers.has_focus, "Enter on the person goes to their links"
        await pilot.press("escape")
        await pilot.press("down", "enter")
        assert screen.view == PersonView("Grace Hopper")
        assert listed_ids(app) == [
            slug_id(app, "mediacon-2-workshop"),
            slug_id(app, "mediacon-1-opening"),
        ]
        assert "esc Back" in bottom_line(app)
        await pilot.press("escape")
        assert screen.view == PeopleView()
        target = shown_target(app)
        assert isinstance(target, Person) and target.name == "Grace Hopper", "remembered"


async def test_a_person_s_page_offers_esc_back_at_once(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:

        async def drawn_bottom_line() -> str:
            await pilot.pause()
            return screen_text(app).splitlines()[-1]

        await pilot.press("P")
        assert "esc Back" not in await drawn_bottom_line()
        await pilot.press("down", "enter")
        assert "esc Back" in await drawn_bottom_line()
        await pilot.press("escape")
        assert "esc Back" not in await drawn_bottom_line()


async def test_a_session_s_people_key_opens_one_or_asks_which(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "down", "p")
        assert isinstance(app.screen, PickerScreen)
        assert picker_labels(app) == [
            "Juan Manuel Gómez Robledo, Under-Secretary for Multilateral Affairs and Human "
            "Rights, Mexico",
            "Anne C. Richard, Assistant Secretary of State for Population, Refugees and "
            "Migration, United States",
        ]
        await pilot.press(*"anne", "enter")
        assert main_screen(app).view == PersonView("Anne C. Richard")
        detail = text_of(app, "#detail-body")
        assert "Co-chair of Round table 2" in detail
        assert "Mexico, Secretaría de Relaciones Exteriores" in detail
        await pilot.press("enter")
        assert main_screen(app).view == PersonView("Anne C. Richard"), "Enter reads the page"


async def test_search_finds_a_person_by_name(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"lovel")
        texts = row_texts(app)
        assert texts[0].strip() == "1 person and 3 sessions · Enter goes there"
        assert texts[1] == "People"
        assert texts[2].splitlines()[0] == "Ada Lovelace"
        assert texts[3] == "Sessions"
        await pilot.press("down")
        assert shown_target(app) == app.schedule.person("Ada Lovelace")
        await pilot.press("enter")
        assert main_screen(app).view == PersonView("Ada Lovelace")
        assert len(listed_ids(app)) == 3


# Recordings, streams and feedback


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(session_detail, "browser_available", lambda: True)
    return []


async def test_a_recording_and_feedback_each_have_a_key(data_dir: Path, opened: list[str]) -> None:
    app = congress_app(data_dir)
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert highlighted_id(app) == slug_id(app, "mediacon-1-opening")
        detail = text_of(app, "#detail-body")
        assert "▶ Recording media.ccc.de o opens" in detail
        assert "✎ Feedback F opens" in detail
        assert "▶ Recording" in " ".join(row_texts(app))
        await pilot.press("o", "F")
        assert opened == [
            "https://media.ccc.de/v/mediacon-1-opening",
            "https://congress.example/talk/1/feedback/",
        ]
        await pilot.press("down")
        assert "● Live stream streaming.media.ccc.de o opens" in text_of(app, "#detail-body")


async def test_sessions_not_recorded_are_marked_and_can_be_filtered(data_dir: Path) -> None:
    app = congress_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        workshop = slug_id(app, "mediacon-2-workshop")
        rows = " ".join(row_texts(app))
        assert "⊝ not recorded" in rows
        await pilot.press("o")
        assert "The programme says it will not be recorded." in " ".join(
            n.message for n in app._notifications
        )
        assert "Recording will not be recorded" in text_of(app, "#detail-body")
        await pilot.press("t", *"not rec", "enter")
        assert listed_ids(app) == [workshop]
        assert "Not recorded" in header_line(app)


# 80×24


async def test_at_80_by_24_a_round_table_s_theme_and_paper_address_show_first(
    data_dir: Path,
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "down", "down")
        assert highlighted_id(app) == "thu-rt2"
        detail = app.screen.query_one(SessionDetail)
        visible = " ".join(
            line.plain for line in detail._lines[: detail.scrollable_content_region.height]
        )
        assert "Theme Measures to ensure respect for and protection of the human rights" in (
            " ".join(visible.split())
        )
        await pilot.press("enter")
        papers = app.screen.query_one(PaperList)
        assert papers.has_focus
        first = str(papers.get_option_at_index(0).prompt)
        assert first.startswith("https://www.un.org/development/desa/pd/events/")
        assert papers.region.height >= 8, "a focused entry can be read whole"
        line = bottom_line(app)
        assert line.endswith("^p palette")
        for words in ("⏎ Open", "f Fav", "/ Find", "q Quit", "? Help"):
            assert words in line


async def test_at_100_columns_the_footer_keeps_its_full_words(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(120, 30)):
        line = bottom_line(app)
        assert "f Favourite" in line and "z Time zone" in line and line.endswith("^p palette")


# The sample congress programmes


def sample_app(data_dir: Path, name: str, now: str) -> HldApp:
    return make_app(data_dir, load_schedule(FORMATS / name), now=now)


async def test_31c3_now_by_room_in_the_file_s_order(data_dir: Path) -> None:
    app = sample_app(data_dir, "31c3-schedule.xml", "2014-12-28T14:10")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("w")
        texts = row_texts(app)
        assert texts[0].strip() == "At 14:10: 4 running · 0 starting by 15:10"
        headings = [text for text in texts if not text.startswith((" ", "▶"))]
        assert headings == ["Saal 1", "Saal 2", "Saal G", "Saal 6"]
        assert "▶ running · 50 min left" in texts[2]
        await pilot.press("left", "left", "left", "g")
        grid = app.screen.query_one(TimetableGrid)
        assert grid.table.columns[:4] == ("Saal 1", "Saal 2", "Saal G", "Saal 6")


async def test_31c3_finds_a_room_and_a_person_by_typing(data_dir: Path) -> None:
    app = sample_app(data_dir, "31c3-schedule.xml", "2030-01-01T00:00")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", *"sa 6")
        assert picker_labels(app) == ["Saal 6 (30)"]
        await pilot.press("escape", "slash", *"halderm", "down", "enter")
        assert main_screen(app).view == PersonView("J. Alex Halderman")
        assert "Ids in the file: 4228" in text_of(app, "#detail-body")


async def test_a_pretalx_programme_s_people_have_their_biographies(data_dir: Path) -> None:
    app = sample_app(data_dir, "democon-schedule.json", "2030-01-01T00:00")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        target = shown_target(app)
        assert isinstance(target, Person) and target.biography
        assert target.keys and target.keys[0].isupper(), "the pretalx code comes first"
        assert "Biography" in text_of(app, "#detail-body")
        await pilot.press("r")
        assert picker_labels(app)[1].startswith("Gray Room")


@pytest.mark.parametrize(
    ("kept", "until"), [("90", "12:10"), ("²", "11:40"), ("99999999999", "11:40")]
)
async def test_the_now_view_looks_as_far_ahead_as_chosen(
    data_dir: Path, kept: str, until: str
) -> None:
    clock = Clock(datetime(2031, 12, 27, 10, 40, tzinfo=BERLIN))
    app = congress_app(data_dir, clock)
    app.store.set_app_setting("now_ahead", kept)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert row_texts(app)[0].strip().endswith(f"starting by {until}")


async def test_the_look_ahead_is_chosen_from_the_palette_s_command(data_dir: Path) -> None:
    clock = Clock(datetime(2031, 12, 27, 10, 40, tzinfo=BERLIN))
    app = congress_app(data_dir, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await main_screen(app).run_action("choose_look_ahead")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"2 h", "enter")
        await pilot.pause()
        assert row_texts(app)[0].strip() == "At 10:40: 1 running · 2 starting by 12:40"
        assert app.store.app_setting("now_ahead") == "120"

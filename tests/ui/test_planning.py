"""Planning in the app: levels of interest, clashes, now/next, time zones, notes, export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import TextArea

from hldtui.model import Interest
from hldtui.ui.screens.confirm import ConfirmScreen
from hldtui.ui.screens.note import NoteScreen
from hldtui.ui.widgets.day_tabs import DayTabs
from tests.ui.helpers import (
    bottom_line,
    highlighted_id,
    listed_ids,
    main_screen,
    make_app,
    notifications,
    prompt_of,
    row_texts,
    text_of,
    work_done,
)

SIZE = (100, 30)


async def test_favourite_key_cycles_will_attend_maybe_none(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert app.store.level("thu-opening") is Interest.ATTEND
        assert prompt_of(app, "thu-opening").endswith("Opening ★")
        assert bottom_line(app) == "★ Opening: will attend."
        await pilot.press("f")
        assert app.store.level("thu-opening") is Interest.MAYBE
        assert prompt_of(app, "thu-opening").endswith("Opening ☆")
        assert "☆ Maybe" in text_of(app, "#detail-body")
        await pilot.press("f")
        assert app.store.level("thu-opening") is None
        assert prompt_of(app, "thu-opening").endswith("Opening")
        assert bottom_line(app) == "Opening removed from your agenda."
        assert notifications(app) == []


async def test_starring_a_clash_warns_without_a_modal(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "down", "f")
        said = main_screen(app).said
        assert said is not None and said.warning
        assert said.text == (
            "★ Round table 1 · Migration and sustainable development after 2015: will attend. "
            "⚠ Overlaps with General debate of HLD (10:00–13:00 EDT)."
        )
        # The bottom line holds what its width allows; the detail says it in full.
        assert said.text.startswith(bottom_line(app).removesuffix("…"))
        assert app.screen is app.screen_stack[0]
        body = text_of(app, "#detail-body")
        assert "⚠ Clashes with General debate of HLD (10:00–13:00 EDT)" in body


async def test_a_maybe_does_not_clash(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "down", "f", "f")
        assert app.store.level("thu-rt1") is Interest.MAYBE
        assert "Clashes" not in text_of(app, "#detail-body")
        await pilot.press("a")
        assert "clashes" not in prompt_of(app, "thu-rt1")


async def test_my_agenda_shows_days_gaps_and_clashes(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f", "down", "f", "down", "down", "f")
        await pilot.press("right", "down", "down", "down", "down", "f")
        await pilot.press("right")
        assert app.screen.query_one(DayTabs).active == "agenda"
        assert listed_ids(app) == ["thu-general-debate-am", "thu-rt1", "thu-rt2", "fri-rt4"]
        assert "⚠ clashes with Round table 1" in prompt_of(app, "thu-general-debate-am")
        assert "⚠ clashes with General debate of HLD" in prompt_of(app, "thu-rt1")
        assert "clashes" not in prompt_of(app, "thu-rt2")
        texts = row_texts(app)
        assert texts[0] == "Thursday 3 October 2013"
        assert "  free 13:00–15:00 (2 h)" in texts
        assert "Friday 4 October 2013" in texts
        assert highlighted_id(app) == "thu-general-debate-am"


async def test_during_the_conference_it_opens_on_what_is_running(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-03T15:30")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(DayTabs).active == "day-2013-10-03"
        assert highlighted_id(app) == "thu-general-debate-pm"
        assert prompt_of(app, "thu-general-debate-pm").startswith("▶ 15:00–17:30")
        assert prompt_of(app, "thu-rt2").startswith("▶ 15:00–18:00")
        assert not prompt_of(app, "thu-rt1").startswith("▶")
        line = text_of(app, "#now-line")
        assert "▶ Now: General debate of HLD (continued) (until 17:30), Round table 2" in line
        assert "Next at 17:30: Untitled slot" in line
        assert "▶ Running now" in text_of(app, "#detail-body")


async def test_friday_morning_opens_on_friday(data_dir: Path) -> None:
    app = make_app(data_dir, now="2013-10-04T08:15")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(DayTabs).active == "day-2013-10-04"
        assert highlighted_id(app) == "fri-panel"
        assert "Nothing is running now · Next at 09:00: Interactive Panel" in text_of(
            app, "#now-line"
        )


@pytest.mark.parametrize(
    ("now", "line"),
    [
        ("2013-09-30T12:00", "The conference starts in 3 days, on Thursday 3 October 2013."),
        ("2013-10-02T12:00", "The conference starts tomorrow, on Thursday 3 October 2013."),
        ("2014-01-01T12:00", "The conference took place 3–4 October 2013."),
    ],
)
async def test_before_and_after_the_conference(data_dir: Path, now: str, line: str) -> None:
    app = make_app(data_dir, now=now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert line in text_of(app, "#now-line")
        assert app.screen.query_one(DayTabs).active == "day-2013-10-03"


async def test_z_toggles_to_the_viewer_s_zone(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#now-line").startswith("[EDT] The conference took place")
        await pilot.press("z")
        assert text_of(app, "#now-line").startswith("[CEST]")
        assert notifications(app)[-1] == "Times now in CEST (Europe/Zurich)."
        assert prompt_of(app, "thu-opening").startswith("15:00–16:00")
        body = text_of(app, "#detail-body")
        assert "Time 15:00–16:00 CEST (Europe/Zurich)" in body
        assert "There 09:00–10:00 EDT (America/New_York)" in body
        await pilot.press("z")
        assert prompt_of(app, "thu-opening").startswith("09:00–10:00")


async def test_a_chosen_zone_is_shown_from_the_start(data_dir: Path) -> None:
    app = make_app(data_dir, viewer_zone="Asia/Tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#now-line").startswith("[JST]")
        assert "Time 22:00–23:00 JST (Asia/Tokyo)" in text_of(app, "#detail-body")
        assert prompt_of(app, "thu-opening").startswith("22:00–23:00")
        # The other date goes on a line of its own, so the times stay in one column.
        assert prompt_of(app, "thu-1730") == "06:30–07:00 ? Untitled slot +1d: Fri 4 Oct"
        first_lines = [text.split("\n")[0] for text in row_texts(app)]
        leads = {len(re.match(r"\d\d:\d\d–\d\d:\d\d [A-Z?]+ +", line)[0]) for line in first_lines}
        assert leads == {17}


async def test_private_note_is_saved_shown_and_searchable(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "n")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).insert("Ask the Koser paper's author about remittances")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteScreen)
        assert app.store.note("thu-rt1") == "Ask the Koser paper's author about remittances"
        assert "My note n edits Ask the Koser paper's author" in text_of(app, "#detail-body")
        await pilot.press("slash", *"author remittances")
        assert listed_ids(app) == ["thu-rt1"]
        await pilot.press("escape", "n")
        app.screen.query_one(TextArea).insert("ignored")
        await pilot.press("escape")
        assert app.store.note("thu-rt1").endswith("remittances")


async def test_e_exports_favourites_to_a_calendar_file(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    app = make_app(data_dir)
    written = documents / "hld2013-agenda.ics"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert "Star some sessions first" in notifications(app)[-1]
        await pilot.press("down", "down", "f", "e")
        assert notifications(app)[-1] == f"1 favourites written to {written}."
        (event,) = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
        assert str(event["uid"]) == "thu-rt1@hld2013.hldtui"
        # A second export asks before replacing the file; no keeps it.
        written.write_text("mine")
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert written.read_text() == "mine"
        assert notifications(app)[-1] == f"{written} was left as it was."
        await pilot.press("e", "y")
        assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")


async def test_palette_switches_the_time_zone(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"switch time zone")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#now-line").startswith("[CEST]")


async def test_a_second_copy_s_changes_show_everywhere_after_one_refresh(data_dir: Path) -> None:
    import subprocess
    import sys

    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "thu-rt2" in listed_ids(app)
        other_copy = (
            "import sys\n"
            "from pathlib import Path\n"
            "from hldtui.model import Interest\n"
            "from hldtui.store import FavouritesStore\n"
            "store = FavouritesStore(Path(sys.argv[1]), 'hld2013')\n"
            "store.set_hidden('thu-rt2', True)\n"
            "store.set_note('thu-opening', 'Meet the zebra delegation')\n"
            "store.set_level('fri-rt4', Interest.ATTEND)\n"
        )
        subprocess.run([sys.executable, "-c", other_copy, str(data_dir)], check=True)
        app._follow_plan()
        await pilot.pause()
        assert "thu-rt2" not in listed_ids(app), "the hidden session left the day list"
        assert highlighted_id(app) == "thu-opening"
        assert "My note n edits Meet the zebra delegation" in text_of(app, "#detail-body")
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        assert listed_ids(app) == ["thu-opening"], "search finds the other copy's note"
        await pilot.press("escape", "a")
        assert main_screen(app).view.id == "agenda"
        assert listed_ids(app) == ["fri-rt4"]


async def test_f_shows_the_star_at_once_and_writes_it_away_from_the_keys(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import threading

    from hldtui.store import FAVOURITES_FILE, FavouritesStore

    saved_in: list[bool] = []
    save = FavouritesStore.save

    def spy(store: FavouritesStore) -> None:
        saved_in.append(threading.current_thread() is threading.main_thread())
        save(store)

    monkeypatch.setattr(FavouritesStore, "save", spy)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")
        session_id = highlighted_id(app)
        assert session_id is not None
        await pilot.press("f")
        assert "★" in prompt_of(app, session_id)
        assert "★ Will attend" in text_of(app, "#detail-body")
        await work_done(app)
        written = json.loads((data_dir / FAVOURITES_FILE).read_text(encoding="utf-8"))
        assert written["favourites"]["hld2013"] == {session_id: "attend"}
        assert saved_in and not any(saved_in)

"""Make the README's SVG screenshots of the real app: `python -m tools.screenshots [DIR]`.

Each shot is taken at 100×30 and again at 80×24 (`NAME-80x24.svg`), the size most
terminals open at.

The app runs headless with a throw-away favourites directory, so the user's own
favourites neither show nor change.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from textual.widgets import Input

from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from hldtui.timezones import parse_moment
from hldtui.ui.app import HldApp
from tools.demo import changed_programme

SIZES = {"": (100, 30), "-80x24": (80, 24)}
"""File name suffix, then the terminal's columns and rows."""
FAVOURITES = {
    "thu-general-debate-am": Interest.ATTEND,
    "thu-rt1": Interest.ATTEND,
    "thu-rt2": Interest.ATTEND,
    "fri-rt4": Interest.MAYBE,
}
NOTE = ("thu-rt1", "Read the Koser paper first; ask about remittance costs.")
# During the conference, so that the shots show what is running.
NOW = "2013-10-03T15:30"
SHARE_SHOT = "share.svg"
"""Of the 31C3 congress, as if opened from a (made-up) address, with a plan to share."""
CONGRESS = Path(__file__).parents[1] / "tests" / "data" / "formats" / "31c3-schedule.xml"
CONGRESS_ADDRESS = "https://schedule.example.org/31c3/schedule.xml"
CHANGES_SHOT = "changes.svg"
"""Of the made-up demo programme (tools/demo.py), in its second version."""
DEMO_NOW = "2030-05-01T09:00"
# File name, then the keys pressed from the start before the shot.
SHOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("main.svg", ()),
    ("round-table.svg", ("right", "down", "down", "down", "down")),
    ("search.svg", ("slash", *"labour mobility")),
    ("agenda.svg", ("a", "down")),
    ("timetable.svg", ("g",)),
    ("now.svg", ("w",)),
    ("person.svg", ("P", "down", "down", "down", "down", "enter")),
    ("help.svg", ("question_mark",)),
    ("about.svg", ("i",)),
)


async def take(path: Path, keys: tuple[str, ...], data_dir: Path, size: tuple[int, int]) -> None:
    schedule = load_schedule()
    now = parse_moment(NOW, schedule.conference.zone)
    store = FavouritesStore(data_dir, schedule.conference.id)
    app = HldApp(Programme.of(schedule, store), clock=lambda: now)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            for field in app.screen.query(Input):
                field.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(path.name, path=str(path.parent))


async def take_changes(path: Path, scratch: Path, size: tuple[int, int]) -> None:
    """The Changes tab of the made-up demo programme, in its own data and cache folders."""
    folder = scratch / f"demo-{size[0]}x{size[1]}"
    folder.mkdir()
    with environment(HLDTUI_DATA_DIR=str(folder / "data"), XDG_CACHE_HOME=str(folder / "cache")):
        programme = changed_programme(folder)
        now = parse_moment(DEMO_NOW, programme.schedule.conference.zone)
        app = HldApp(programme, clock=lambda: now)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("left")
            await pilot.pause()
            app.save_screenshot(path.name, path=str(path.parent))


async def take_share(path: Path, data_dir: Path, size: tuple[int, int]) -> None:
    schedule = load_schedule(CONGRESS)
    programme = Programme.of(schedule, FavouritesStore(data_dir, schedule.conference.id))
    programme.address = CONGRESS_ADDRESS
    for place, level in ((0, Interest.ATTEND), (1, Interest.ATTEND), (5, Interest.MAYBE)):
        programme.plan.set_level(schedule.sessions[place].id, level)
    programme.plan.set_hidden(schedule.sessions[7].id, True)
    now = parse_moment("2014-12-27T12:00", schedule.conference.zone)
    app = HldApp(programme, clock=lambda: now)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.save_screenshot(path.name, path=str(path.parent))


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Environment variables set for a while, then as they were."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


async def take_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hldtui-shots-") as scratch:
        data_dir = Path(scratch)
        store = FavouritesStore(data_dir, load_schedule().conference.id)
        for session_id, level in FAVOURITES.items():
            store.set_level(session_id, level)
        store.set_note(*NOTE)
        paths = []
        for suffix, size in SIZES.items():
            for name, keys in SHOTS:
                path = directory / name.replace(".svg", f"{suffix}.svg")
                await take(path, keys, data_dir, size)
                paths.append(path)
            path = directory / f"{CHANGES_SHOT.replace('.svg', suffix)}.svg"
            await take_changes(path, data_dir, size)
            paths.append(path)
            path = directory / f"{SHARE_SHOT.replace('.svg', suffix)}.svg"
            await take_share(path, data_dir, size)
            paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=Path("screenshots"))
    args = parser.parse_args(argv)
    for path in asyncio.run(take_all(args.directory)):
        print(path)


if __name__ == "__main__":
    main()

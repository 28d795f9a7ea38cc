"""The first frame is the whole screen: the header, the tabs, the now line, the list's rows
and the highlighted session's detail are drawn in it as they stay, with no frame that
only exists to be drawn again."""

from __future__ import annotations

from pathlib import Path

import pytest

from hldtui.ui.app import HldApp
from tests.ui.helpers import make_app, work_done


def _frames_of(app: HldApp) -> list[object]:
    """Every update the app draws, as Textual hands it to the terminal."""
    frames: list[object] = []
    display = app._display

    def spy(screen: object, renderable: object) -> None:
        if renderable is not None:
            frames.append(renderable)
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = spy  # type: ignore[method-assign]
    return frames


def _lines(update: object) -> list[str]:
    return ["".join(strip.text for strip in line) for line in update.strips]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("size", "now"),
    [((100, 30), "2013-10-03T15:30"), ((80, 24), "2013-10-04T11:00"), ((120, 40), "2014-01-01")],
    ids=["during-100x30", "friday-80x24", "after-120x40"],
)
async def test_the_first_frame_is_the_whole_screen_as_it_stays(
    data_dir: Path, size: tuple[int, int], now: str
) -> None:
    app = make_app(data_dir, now=now)
    frames = _frames_of(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await work_done(app)
        await pilot.pause()
        settled = [strip.text for strip in app.screen._compositor.render_strips()]
    first = _lines(frames[0])
    assert first == settled
    assert "High-level Dialogue" in first[0] or "HLD" in first[0]
    assert any("Round table" in line or "Opening" in line for line in first)

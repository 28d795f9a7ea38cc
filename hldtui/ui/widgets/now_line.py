"""The line under the tabs: the zone times are shown in, and where the conference stands.

It is drawn for the width it is given when it is drawn, and its height asked for the
width it is laid out at, so the first frame has it right and no resize redraws it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from types import MappingProxyType

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from hldtui.model import Interest, Schedule
from hldtui.planner import now_and_next
from hldtui.present import status_line
from hldtui.text import cut


class NowLine(Widget):
    zone: reactive[tzinfo] = reactive(UTC, layout=True)
    now: reactive[datetime] = reactive(lambda: datetime.now(UTC), layout=True)
    levels: reactive[Mapping[str, Interest]] = reactive(lambda: MappingProxyType({}), repaint=False)
    """The favourites, whose running sessions the line names first: a favourite changes
    the line only if it runs, so only then is it laid out again."""

    def __init__(self, schedule: Schedule, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.schedule = schedule
        self._drawn = Content()

    def line(self, width: int) -> Content:
        """The line for the current time and zone, at ``width`` cells."""
        schedule, zone = self.schedule, self.zone
        status = now_and_next(schedule, self.now, self.levels)
        moment = schedule.sessions[0].start if schedule.sessions else self.now
        name = f"[{moment.astimezone(zone).tzname() or 'as written'}] "
        # The line has two rows; on a narrow screen it names only the first of several.
        room = 2 * max(1, width - 2) - len(name)
        text = status_line(schedule, status, zone)
        if len(text) > room:
            text = cut(status_line(schedule, status, zone, brief=True), room)
        return Content.assemble((name, "bold $text-secondary"), text)

    @property
    def content(self) -> Content:
        """The line as drawn now."""
        return self.line(self.size.width)

    def render(self) -> Content:
        self._drawn = self.content
        return self._drawn

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.line(width).wrap(max(1, width)))

    def watch_levels(self) -> None:
        if self.is_mounted and self.line(self.size.width) != self._drawn:
            self.refresh(layout=True)

    def show_schedule(self, schedule: Schedule) -> None:
        """The line for a new version of the programme."""
        self.schedule = schedule
        self.refresh(layout=True)

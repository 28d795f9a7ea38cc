"""The line under the tabs: the zone times are shown in, and where the conference stands."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from hldtui.model import Schedule
from hldtui.planner import now_and_next
from hldtui.present import status_line
from hldtui.text import cut


class NowLine(Static):
    zone: reactive[tzinfo] = reactive(UTC, repaint=False)
    now: reactive[datetime] = reactive(lambda: datetime.now(UTC), repaint=False)

    def __init__(self, schedule: Schedule, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.schedule = schedule

    def draw(self) -> None:
        """The line for the current time, zone and width."""
        schedule, zone = self.schedule, self.zone
        status = now_and_next(schedule, self.now)
        moment = schedule.sessions[0].start if schedule.sessions else self.now
        name = f"[{moment.astimezone(zone).tzname() or 'as written'}] "
        # The line has two rows; on a narrow screen it names only the first of several.
        room = 2 * max(1, self.size.width - 2) - len(name)
        text = status_line(schedule, status, zone)
        if len(text) > room:
            text = cut(status_line(schedule, status, zone, brief=True), room)
        self.update(Content.assemble((name, "bold $text-secondary"), text))

    watch_zone = watch_now = on_resize = draw

    def show_schedule(self, schedule: Schedule) -> None:
        """The line for a new version of the programme."""
        self.schedule = schedule
        self.draw()

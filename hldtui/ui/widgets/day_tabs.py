"""The tab bar: one tab per conference day, then the delegate's agenda."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual.message import Message
from textual.widgets import Tab, Tabs

from hldtui.model import Interest
from hldtui.ui.formatting import day_label

AGENDA_TAB = "agenda"
AGENDA_LABEL = f"{Interest.ATTEND.mark} My agenda"
TAB_PADDING = 2


def day_tab_id(day: date) -> str:
    return f"day-{day.isoformat()}"


def _labels(day: date, active: bool) -> tuple[str, str, str]:
    """A day's label, fullest first: 'Thu 3 Oct', 'Thu 3' and '3' (the current day keeps
    its weekday, so that it always says which day it is)."""
    return day_label(day), f"{day:%a} {day.day}", f"{day:%a} {day.day}" if active else str(day.day)


class DayTabs(Tabs, can_focus=False):
    """Not focusable: the screen's ←/→ and [ ] keys switch tabs wherever the focus is.

    The labels shorten to fit the width; where even the shortest do not fit, the bar
    scrolls to keep the current day in view.
    """

    class Chosen(Message):
        """The user clicked a tab. Tabs also reports the changes the screen makes; this
        reports only the user's, so the two can never undo each other."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    async def _on_tab_clicked(self, event: Tab.Clicked) -> None:
        event.stop()
        if event.tab.id:
            self.post_message(self.Chosen(event.tab.id))

    def __init__(self, days: tuple[date, ...]) -> None:
        self.days = days
        tabs = [Tab(day_label(day), id=day_tab_id(day)) for day in days]
        tabs.append(Tab(AGENDA_LABEL, id=AGENDA_TAB))
        super().__init__(*tabs)

    def on_resize(self) -> None:
        self.fit_labels()

    def watch_active(self, previously_active: str, active: str) -> None:
        super().watch_active(previously_active, active)
        self.fit_labels()

    def fit_labels(self) -> None:
        width = self.size.width
        if not width or not self.is_mounted:
            return
        for level in range(3):
            labels = [_labels(day, day_tab_id(day) == self.active)[level] for day in self.days]
            used = sum(cell_len(label) + TAB_PADDING for label in labels)
            if used + cell_len(AGENDA_LABEL) + TAB_PADDING <= width:
                break
        for day, label in zip(self.days, labels, strict=True):
            tab = self.query_one(f"#{day_tab_id(day)}", Tab)
            if str(tab.label) != label:
                tab.label = label

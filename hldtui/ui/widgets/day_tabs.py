"""The tab bar: one tab per conference day, then the delegate's agenda."""

from __future__ import annotations

from datetime import date

from textual.widgets import Tab, Tabs

from hldtui.model import Interest
from hldtui.ui.formatting import day_label

AGENDA_TAB = "agenda"


def day_tab_id(day: date) -> str:
    return f"day-{day.isoformat()}"


class DayTabs(Tabs, can_focus=False):
    """Not focusable: the screen's ←/→ and [ ] keys switch tabs wherever the focus is."""

    def __init__(self, days: tuple[date, ...]) -> None:
        tabs = [Tab(day_label(day), id=day_tab_id(day)) for day in days]
        tabs.append(Tab(f"{Interest.ATTEND.mark} My agenda", id=AGENDA_TAB))
        super().__init__(*tabs)

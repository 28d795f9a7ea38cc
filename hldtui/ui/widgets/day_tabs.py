"""The tab bar: one tab per view with a tab (each day, then the delegate's agenda)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.message import Message
from textual.widgets import Tab, Tabs

from hldtui.ui.views import View

TAB_PADDING = 2


class DayTabs(Tabs, can_focus=False):
    """Not focusable: the screen's ←/→ and [ ] keys switch tabs wherever the focus is.

    The labels shorten to fit the width; where even the shortest do not fit, the bar
    scrolls to keep the current tab in view.
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

    def __init__(self, views: tuple[View, ...]) -> None:
        self.views = views
        super().__init__(*(Tab(view.labels(False)[0], id=view.id) for view in views))

    def on_resize(self) -> None:
        self.fit_labels()

    def watch_active(self, previously_active: str, active: str) -> None:
        super().watch_active(previously_active, active)
        self.fit_labels()

    def fit_labels(self) -> None:
        """The fullest labels that fit the width."""
        width = self.size.width
        if not width or not self.is_mounted:
            return
        shortest = max(len(view.labels(False)) for view in self.views)
        for level in range(shortest):
            labels = [_label(view, view.id == self.active, level) for view in self.views]
            if sum(cell_len(label) + TAB_PADDING for label in labels) <= width:
                break
        for view, label in zip(self.views, labels, strict=True):
            tab = self.query_one(f"#{view.id}", Tab)
            if str(tab.label) != label:
                tab.label = label


def _label(view: View, active: bool, level: int) -> str:
    labels = view.labels(active)
    return labels[min(level, len(labels) - 1)]

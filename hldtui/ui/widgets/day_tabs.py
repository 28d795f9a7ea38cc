"""The tab bar: one tab per view with a tab (each day, then the delegate's agenda).

One widget that draws its two lines itself: changing tab repaints it in the same frame as
the list, with no child widgets to lay out and no underline to animate.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from hldtui.ui.views import View
from hldtui.ui.widgets.line_view import line_strip

TAB_PADDING = 1
"""Cells either side of a label."""


class DayTabs(Widget):
    """Not focusable: the screen's ←/→ and [ ] keys switch tabs wherever the focus is.

    The labels shorten to fit the width; where even the shortest do not fit, the bar
    scrolls to keep the current tab in view.
    """

    DEFAULT_CSS = """
    DayTabs { height: 2; }
    """
    COMPONENT_CLASSES = {
        "day-tabs--active",
        "day-tabs--tab",
        "day-tabs--rule",
        "day-tabs--underline",
    }

    active: reactive[str] = reactive("", repaint=False)

    class Chosen(Message):
        """The user clicked a tab. It reports only the user's choice, so that the screen,
        which sets ``active``, and the bar can never undo each other."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    def __init__(self, views: tuple[View, ...], *, active: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.views = views
        self.set_reactive(DayTabs.active, active)
        self._spans: list[tuple[int, int]] = []
        """Each tab's first cell and the cell after it, before scrolling."""
        self._shift = 0
        self._drawn: list[Content] | None = None

    @property
    def labels(self) -> list[str]:
        """The labels as drawn now."""
        return self._fit()[0]

    @property
    def active_label(self) -> str:
        labels = self.labels
        for view, label in zip(self.views, labels, strict=True):
            if view.id == self.active:
                return label
        return ""

    def offset_of(self, tab_id: str) -> tuple[int, int]:
        """Where on the bar a tab's label is, for a click."""
        self._fit()
        for view, (start, _) in zip(self.views, self._spans, strict=True):
            if view.id == tab_id:
                return start - self._shift + TAB_PADDING, 0
        raise KeyError(tab_id)

    def tab_in_view(self, tab_id: str) -> bool:
        """Whether the whole of a tab is on screen."""
        self._fit()
        for view, (start, end) in zip(self.views, self._spans, strict=True):
            if view.id == tab_id:
                return start >= self._shift and end - self._shift <= self.size.width
        return False

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2

    def _fit(self) -> tuple[list[str], int]:
        """The fullest labels that fit the width, and how many cells they take."""
        width = self.size.width
        levels = max(len(view.labels(False)) for view in self.views)
        for level in range(levels):
            labels = [_label(view, view.id == self.active, level) for view in self.views]
            used = sum(cell_len(label) + 2 * TAB_PADDING for label in labels)
            if used <= width:
                break
        self._spans = []
        position = 0
        for label in labels:
            end = position + cell_len(label) + 2 * TAB_PADDING
            self._spans.append((position, end))
            position = end
        return labels, position

    def render_lines(self, crop: Region) -> list[Strip]:
        # Both lines are made at once, for the lines of a drawing.
        self._drawn = None
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if self._drawn is None:
            self._drawn = self._tab_lines()
        width = self.size.width
        line = self._drawn[y] if y < len(self._drawn) else Content()
        return line_strip(self, line, self.visual_style, width)

    def _tab_lines(self) -> list[Content]:
        """The labels, and the rule under them with the current tab underlined."""
        labels, used = self._fit()
        width = self.size.width
        active = next((i for i, view in enumerate(self.views) if view.id == self.active), 0)
        start, end = self._spans[active] if self._spans else (0, 0)
        # Scroll only as far as keeps the current tab whole.
        self._shift = max(0, min(start, end - width)) if used > width else 0
        tab_style = self.get_visual_style("day-tabs--tab")
        active_style = self.get_visual_style("day-tabs--active")
        rule_style = self.get_visual_style("day-tabs--rule")
        underline_style = self.get_visual_style("day-tabs--underline")
        pad = " " * TAB_PADDING
        top = Content.assemble(
            *(
                (f"{pad}{label}{pad}", active_style if i == active else tab_style)
                for i, label in enumerate(labels)
            )
        )
        rule = Content.assemble(
            ("━" * start, rule_style),
            ("━" * (end - start), underline_style),
            ("━" * max(0, max(used, width + self._shift) - end), rule_style),
        )
        shift = self._shift
        return [top[shift : shift + width], rule[shift : shift + width]]

    def show_views(self, views: tuple[View, ...]) -> None:
        """The tabs of a new version of the programme."""
        self.views = views
        self.refresh()

    def watch_active(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        x = event.x + self._shift
        for view, (start, end) in zip(self.views, self._spans, strict=True):
            if start <= x < end:
                self.post_message(self.Chosen(view.id))


def _label(view: View, active: bool, level: int) -> str:
    labels = view.labels(active)
    return labels[min(level, len(labels) - 1)]

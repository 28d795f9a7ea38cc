"""The session list: the rows of a view, one day's programme, the agenda or search results.

The list is virtual: it keeps the rows it is given and draws only the lines on screen, so a
day with thousands of sessions costs no widgets. It scrolls, keeps the cursor and
remembers what it drew; the rows themselves say how they look (see `rows`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import replace
from itertools import accumulate

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from hldtui.model import Session
from hldtui.ui.commands import bindings
from hldtui.ui.widgets.rows import Row, RowLayout, Target

KEPT_LAYOUTS = 16
"""Row heights remembered for this many (rows, layout) pairs, so that going back to a day
lays it out again for free."""


class SessionList(ScrollView, can_focus=True):
    """Rows drawn a screen at a time, with a cursor that skips rows without a target."""

    COMPONENT_CLASSES = {"session-list--row", "session-list--cursor"}
    BINDINGS = bindings("list")

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """Index of the highlighted row, always one with a target, or None when there is none."""

    class Highlighted(Message):
        def __init__(self, target: Target | None) -> None:
            super().__init__()
            self.target = target

    class Selected(Message):
        """Enter or a click on the highlighted row."""

        def __init__(self, target: Target) -> None:
            super().__init__()
            self.target = target

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_layout = RowLayout()
        self._rows: Sequence[Row] = ()
        self._index: dict[str, int] = {}
        self._selectable: list[int] = []
        self._starts: list[int] = [0]
        self._heights: OrderedDict[tuple[int, tuple[object, ...]], tuple[Sequence[Row], list[int]]]
        self._heights = OrderedDict()
        self._drawn: dict[tuple[int, bool], list[Content]] = {}
        self._strips: dict[tuple[int, int, bool], Strip] = {}

    # What the screen and tests read

    @property
    def highlighted_target(self) -> Target | None:
        index = self.highlighted
        return self._rows[index].target if index is not None else None

    @property
    def highlighted_session(self) -> Session | None:
        target = self.highlighted_target
        return target if isinstance(target, Session) else None

    @property
    def session_ids(self) -> list[str]:
        return list(self._index)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_text(self, index: int) -> str:
        """The plain text of one row, as drawn at the current width."""
        return "\n".join(line.plain for line in self._lines(index, False))

    def text_of(self, session_id: str) -> str:
        return self.row_text(self._index[session_id])

    def row_of(self, session_id: str) -> int:
        """The index of a session's row."""
        return self._index[session_id]

    def screen_line_of(self, session_id: str) -> int:
        """The line on screen (0 at the list's top) where a session's row begins."""
        return self._starts[self._index[session_id]] - round(self.scroll_offset.y)

    # Filling

    def show(self, rows: Sequence[Row], layout: RowLayout, *, keep: str | None = None) -> None:
        """Show ``rows``, with the cursor on the session ``keep`` if it is there, else on
        the first row it can take, and at the top."""
        self._rows = rows
        self._index = {
            row.target.id: i for i, row in enumerate(rows) if isinstance(row.target, Session)
        }
        self._selectable = [i for i, row in enumerate(rows) if row.target is not None]
        self.row_layout = replace(layout, width=self.row_layout.width)
        self._forget_drawing()
        self._lay_out()
        self.scroll_to(y=0, animate=False, immediate=True)
        if keep in self._index:
            self.highlighted = self._index[keep]
        else:
            self.highlighted = self._selectable[0] if self._selectable else None

    def set_layout(self, layout: RowLayout) -> None:
        """Draw the same rows anew, for a new zone, favourites or running sessions."""
        self.row_layout = replace(layout, width=self.row_layout.width)
        self._forget_drawing()
        self._lay_out()
        self._scroll_to_cursor()

    def redraw_sessions(self, layout: RowLayout, session_ids: Collection[str]) -> None:
        """Draw again only the rows of these sessions, whose marks changed."""
        self.row_layout = replace(layout, width=self.row_layout.width)
        for session_id in session_ids:
            index = self._index.get(session_id)
            if index is None:
                continue
            for cursor in (False, True):
                self._drawn.pop((index, cursor), None)
                for line in range(self._starts[index + 1] - self._starts[index]):
                    self._strips.pop((index, line, cursor), None)
            top = self._starts[index] - round(self.scroll_offset.y)
            height = self._starts[index + 1] - self._starts[index]
            self.refresh(Region(0, top, self.size.width, height))

    # Layout

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width != self.row_layout.width:
            self.row_layout = replace(self.row_layout, width=width)
            self._forget_drawing()
            self._lay_out()
            self._scroll_to_cursor()

    def _lay_out(self) -> None:
        layout = self.row_layout
        key = (
            id(self._rows),
            (
                layout.width,
                layout.zone,
                layout.gutter,
                layout.is_hidden,
                layout.places,
                layout.show_day,
            ),
        )
        kept = self._heights.get(key)
        if kept is not None and kept[0] is self._rows:
            self._heights.move_to_end(key)
            self._starts = kept[1]
        else:
            self._starts = [0, *accumulate(row.height(layout) for row in self._rows)]
            self._heights[key] = (self._rows, self._starts)
            if len(self._heights) > KEPT_LAYOUTS:
                self._heights.popitem(last=False)
        self.virtual_size = Size(layout.width, self._starts[-1])
        self.refresh()

    # Drawing

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        row_style = self.get_visual_style("session-list--row")
        if line >= self._starts[-1] or not self._rows:
            return Strip.blank(width, row_style.rich_style)
        index = bisect_right(self._starts, line) - 1
        cursor = index == self.highlighted
        key = (index, line - self._starts[index], cursor)
        strip = self._strips.get(key)
        if strip is None:
            style = self.get_visual_style("session-list--cursor") if cursor else row_style
            lines = self._lines(index, cursor)
            content = lines[key[1]] if key[1] < len(lines) else Content()
            # A column too narrow for any text (a terminal 1 or 2 cells wide) gives no strips.
            strips = Visual.to_strips(self, content, width, 1, style) if width > 0 else []
            first = strips[0] if strips else Strip.blank(0)
            strip = first.extend_cell_length(width, style.rich_style).crop(0, width)
            strip = strip.apply_meta({"row": index})
            self._strips[key] = strip
        return strip

    def _forget_drawing(self) -> None:
        self._drawn.clear()
        self._strips.clear()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _lines(self, index: int, cursor: bool) -> list[Content]:
        lines = self._drawn.get((index, cursor))
        if lines is None:
            lines = self._rows[index].lines(self.row_layout, cursor)
            self._drawn[(index, cursor)] = lines
        return lines

    # Moving

    def watch_highlighted(self, index: int | None) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted_target))

    def _scroll_to_cursor(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self._rows):
            return
        top = self._starts[index]
        height = self._starts[index + 1] - top
        self.scroll_to_region(
            Region(0, top, max(1, self.row_layout.width), height), animate=False, immediate=True
        )

    def _move(self, step: int) -> None:
        rows = self._selectable
        if not rows:
            return
        if self.highlighted is None:
            self.highlighted = rows[0]
            return
        position = bisect_right(rows, self.highlighted) - 1
        self.highlighted = rows[max(0, min(len(rows) - 1, position + step))]

    def action_cursor_down(self) -> None:
        self._move(+1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self._selectable:
            self.highlighted = self._selectable[0]

    def action_last(self) -> None:
        if self._selectable:
            self.highlighted = self._selectable[-1]

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if self.highlighted is None:
            return
        target = self._starts[self.highlighted] + direction * max(1, self.size.height - 1)
        index = bisect_right(self._starts, max(0, target)) - 1
        rows = self._selectable
        if direction > 0:
            position = bisect_right(rows, index - 1)
            self.highlighted = rows[position] if position < len(rows) else rows[-1]
        else:
            position = bisect_right(rows, index) - 1
            self.highlighted = rows[position] if position >= 0 else rows[0]

    def action_select(self) -> None:
        target = self.highlighted_target
        if target is not None:
            self.post_message(self.Selected(target))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if index is None or index >= len(self._rows) or self._rows[index].target is None:
            return
        if index == self.highlighted:
            self.action_select()
        else:
            self.highlighted = index

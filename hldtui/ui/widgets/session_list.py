"""The session list: the rows of a view, one day's programme, the agenda or search results.

The list is virtual: it keeps the rows it is given and draws only the lines on screen, so a
day with thousands of sessions costs no widgets. It scrolls, keeps the cursor and
remembers what it drew; the rows themselves say how they look (see `rows`).

The cursor is the screen's state. A key moves the list's own position at once (so that
keys in a burst each count) and reports the row it reached with `messages.Highlighted`; the screen
sets its `highlighted`, which is bound back to `cursor`, and the list draws it there, in
the same frame as the detail. The zone, the favourites' levels and the running sessions
are bound from the screen in the same way, and each redraws what it changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, tzinfo
from itertools import accumulate
from types import MappingProxyType

from textual import events
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle

from hldtui.model import Interest, Person, Session
from hldtui.ui.commands import bindings
from hldtui.ui.messages import Highlighted, Selected
from hldtui.ui.widgets.line_view import LineView
from hldtui.ui.widgets.rows import MessageRow, Row, RowLayout, Target

KEPT_LAYOUTS = 16
"""Row heights remembered for this many (rows, layout) pairs, so that going back to a day
lays it out again for free."""


class SessionList(LineView, can_focus=True):
    """Rows drawn a screen at a time, with a cursor that skips rows without a target."""

    COMPONENT_CLASSES = {"session-list--row", "session-list--cursor"}
    BINDINGS = bindings("list")

    cursor: reactive[Target | None] = reactive(None, repaint=False)
    """What the cursor is on, bound from the screen."""
    zone: reactive[tzinfo] = reactive(UTC, repaint=False)
    levels: reactive[Mapping[str, Interest]] = reactive(lambda: MappingProxyType({}), repaint=False)
    running: reactive[frozenset[str]] = reactive(frozenset, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_layout = RowLayout(width=0)
        """How rows are drawn; a width of 0 until the first layout gives one."""
        self._rows: Sequence[Row] = ()
        self._index: dict[str, int] = {}
        self._selectable: list[int] = []
        self._position: int | None = None
        """The row keys move from: where the cursor is, or is about to be drawn."""
        self._drawn_at: int | None = None
        """The row drawn as the cursor."""
        self._starts: list[int] = [0]
        self._heights: LRUCache[tuple[int, tuple[object, ...]], tuple[Sequence[Row], list[int]]]
        self._heights = LRUCache(KEPT_LAYOUTS)
        self._indexes: LRUCache[int, tuple[Sequence[Row], dict[str, int], list[int]]]
        self._indexes = LRUCache(KEPT_LAYOUTS)
        """Each kept list of rows' session rows by id, and the rows the cursor can take."""
        self._drawn: dict[tuple[int, bool], list[Content]] = {}
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._styles: tuple[VisualStyle, VisualStyle] | None = None
        """The rows' and the cursor's styles, for the lines of one drawing."""

    # What the screen and tests read

    @property
    def highlighted_target(self) -> Target | None:
        position = self._position
        return self._rows[position].target if position is not None else None

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

    @property
    def message(self) -> str:
        """What the view says above its rows, or ''."""
        first = self._rows[0] if self._rows else None
        return first.text if isinstance(first, MessageRow) else ""

    def row_text(self, index: int) -> str:
        """The plain text of one row, as drawn at the current width."""
        return "\n".join(line.plain for line in self._lines(index, False))

    def text_of(self, session_id: str) -> str:
        return self.row_text(self._index[session_id])

    def screen_line_of(self, session_id: str) -> int:
        """The line on screen (0 at the list's top) where a session's row begins."""
        return self._starts[self._index[session_id]] - round(self.scroll_offset.y)

    # Filling

    def show(
        self,
        rows: Sequence[Row],
        layout: RowLayout,
        *,
        keep: str | Person | None = None,
        scroll: float | None = None,
    ) -> None:
        """Show ``rows``, with the cursor on ``keep`` (a session's id, or a person) if it
        is there, else on the first row it can take, scrolled to ``scroll`` (as far as the
        rows go), else at the top; the cursor's row is always in view. ``layout`` says how
        the view's rows are drawn; the width, zone, levels and running sessions are the
        list's own."""
        self._rows = rows
        kept = self._indexes.get(id(rows))
        if kept is None or kept[0] is not rows:
            index = {
                row.target.id: i for i, row in enumerate(rows) if isinstance(row.target, Session)
            }
            selectable = [i for i, row in enumerate(rows) if row.target is not None]
            kept = (rows, index, selectable)
            self._indexes.set(id(rows), kept)
        _, self._index, self._selectable = kept
        self.row_layout = self._completed(layout)
        self._forget_drawing()
        self._lay_out()
        self.scroll_to(y=scroll or 0, animate=False, immediate=True)
        if isinstance(keep, Person):
            position = next((i for i in self._selectable if rows[i].target == keep), None)
        else:
            position = self._index.get(keep) if keep is not None else None
        if position is None and self._selectable:
            position = self._selectable[0]
        self._position = self._drawn_at = position
        self._scroll_to_cursor()
        self.post_message(Highlighted(self.highlighted_target))

    def lay_out_ahead(self, rows: Sequence[Row], layout: RowLayout) -> Callable[[], None]:
        """Work out the heights of rows not shown yet, as `show` would, in any thread; the
        function returned keeps them, and is called in the app's thread."""
        complete = self._completed(layout)
        starts = [0, *accumulate(row.height(complete) for row in rows)]
        key = _heights_key(rows, complete)
        return lambda: self._heights.set(key, (rows, starts))

    def _completed(self, layout: RowLayout) -> RowLayout:
        """A view's layout with the list's own width, zone, levels and running sessions."""
        return replace(
            layout,
            width=self.row_layout.width,
            zone=self.zone,
            levels=self.levels,
            running=self.running,
        )

    def watch_zone(self, zone: tzinfo) -> None:
        self._draw_anew(replace(self.row_layout, zone=zone))

    def watch_running(self, running: frozenset[str]) -> None:
        self._draw_anew(replace(self.row_layout, running=running))

    def width_changed(self, width: int) -> None:
        self._draw_anew(replace(self.row_layout, width=width), repaint=False)

    def watch_levels(self, old: Mapping[str, Interest], new: Mapping[str, Interest]) -> None:
        """Draw again only the rows whose mark changed."""
        self.row_layout = replace(self.row_layout, levels=new)
        for session_id in old.keys() | new.keys():
            if old.get(session_id) is not new.get(session_id):
                index = self._index.get(session_id)
                if index is not None:
                    self._redraw_row(index)

    def _draw_anew(self, layout: RowLayout, *, repaint: bool = True) -> None:
        """Draw the same rows anew, at a new width or zone, or with other sessions
        running."""
        self.row_layout = layout
        self._forget_drawing()
        self._lay_out(repaint=repaint)
        self._scroll_to_cursor()

    # Layout

    def _lay_out(self, *, repaint: bool = True) -> None:
        layout = self.row_layout
        if layout.width <= 0:
            # Before the first layout gives the width: the rows are laid out then.
            self._starts = [0] * (len(self._rows) + 1)
            return
        key = _heights_key(self._rows, layout)
        kept = self._heights.get(key)
        if kept is not None and kept[0] is self._rows:
            self._starts = kept[1]
        else:
            self._starts = [0, *accumulate(row.height(layout) for row in self._rows)]
            self._heights.set(key, (self._rows, self._starts))
        self.set_line_count(layout.width, self._starts[-1], repaint=repaint)

    # Drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are looked up once for the lines of a drawing, not once a line.
        self._styles = None
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = y + round(self.scroll_offset.y)
        width = self.row_layout.width
        if self._styles is None:
            self._styles = (
                self.get_visual_style("session-list--row"),
                self.get_visual_style("session-list--cursor"),
            )
        row_style, cursor_style = self._styles
        if line >= self._starts[-1] or not self._rows:
            return Strip.blank(width, row_style.rich_style)
        index = bisect_right(self._starts, line) - 1
        cursor = index == self._drawn_at
        key = (index, line - self._starts[index], cursor)
        strip = self._strips.get(key)
        if strip is None:
            lines = self._lines(index, cursor)
            content = lines[key[1]] if key[1] < len(lines) else Content()
            strip = self.strip_of(content, cursor_style if cursor else row_style, width)
            self._strips[key] = strip
        return strip

    def forget_rows(self) -> None:
        """Let go of the rows kept from earlier views, as of a programme no longer shown."""
        self._heights.clear()
        self._indexes.clear()

    def _forget_drawing(self) -> None:
        self._drawn.clear()
        self._strips.clear()

    def _redraw_row(self, index: int) -> None:
        height = self._starts[index + 1] - self._starts[index]
        for cursor in (False, True):
            self._drawn.pop((index, cursor), None)
            for line in range(height):
                self._strips.pop((index, line, cursor), None)
        top = self._starts[index] - round(self.scroll_offset.y)
        self.refresh(Region(0, top, self.size.width, height))

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _lines(self, index: int, cursor: bool) -> list[Content]:
        lines = self._drawn.get((index, cursor))
        if lines is None:
            lines = self._rows[index].lines(self.row_layout, cursor)
            self._drawn[(index, cursor)] = lines
        return lines

    # The cursor

    def watch_cursor(self, target: Target | None) -> None:
        """Draw the cursor where the screen says it is."""
        if target is None:
            index = None
        elif isinstance(target, Session):
            index = self._index.get(target.id)
        else:
            index = next((i for i in self._selectable if self._rows[i].target == target), None)
        if index == self._drawn_at:
            return
        if not self.region:
            # Hidden behind the timetable: it is filled again when it shows.
            self._drawn_at = index
            return
        for row in (self._drawn_at, index):
            if row is not None and row < len(self._rows):
                self._redraw_row(row)
        self._drawn_at = index
        self._scroll_to_cursor()

    def _move_to(self, position: int) -> None:
        if position != self._position:
            self._position = position
            self.post_message(Highlighted(self.highlighted_target))

    def _scroll_to_cursor(self) -> None:
        index = self._drawn_at
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
        if self._position is None:
            self._move_to(rows[0])
            return
        position = bisect_right(rows, self._position) - 1
        self._move_to(rows[max(0, min(len(rows) - 1, position + step))])

    def action_cursor_down(self) -> None:
        self._move(+1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self._selectable:
            self._move_to(self._selectable[0])

    def action_last(self) -> None:
        if self._selectable:
            self._move_to(self._selectable[-1])

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if self._position is None:
            return
        target = self._starts[self._position] + direction * max(1, self.size.height - 1)
        index = bisect_right(self._starts, max(0, target)) - 1
        rows = self._selectable
        if direction > 0:
            position = bisect_right(rows, index - 1)
            self._move_to(rows[position] if position < len(rows) else rows[-1])
        else:
            position = bisect_right(rows, index) - 1
            self._move_to(rows[position] if position >= 0 else rows[0])

    def action_select(self) -> None:
        target = self.highlighted_target
        if target is not None:
            self.post_message(Selected(target))

    def on_click(self, event: events.Click) -> None:
        line = event.y + round(self.scroll_offset.y)
        if not self._rows or not 0 <= line < self._starts[-1]:
            return
        index = bisect_right(self._starts, line) - 1
        if self._rows[index].target is None:
            return
        if index == self._position:
            self.action_select()
        else:
            self._move_to(index)


def _heights_key(rows: Sequence[Row], layout: RowLayout) -> tuple[int, tuple[object, ...]]:
    """What rows' heights depend on: the rows, and what in the layout changes a height."""
    return (
        id(rows),
        (
            layout.width,
            layout.zone,
            layout.gutter,
            layout.is_hidden,
            layout.places,
            layout.show_day,
            id(layout.changed),
        ),
    )

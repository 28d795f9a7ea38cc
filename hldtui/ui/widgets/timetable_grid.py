"""The timetable: a day's sessions as boxes in columns (rooms, or what the programme names
instead) against rows of time, drawn a screen at a time.

The hours stay on the left and the column names on top while the grid scrolls. ↑ ↓ move
through time in a column, ← → to the neighbouring column at the same time; the cursor is
the screen's state, bound back as `cursor`, as in the session list; the zone, the
favourites, the clashes and the time are bound from the screen too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from types import MappingProxyType

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle

from hldtui.model import Interest, Session
from hldtui.timetable import Placed, Timetable, empty_timetable
from hldtui.ui.commands import bindings
from hldtui.ui.formatting import wrap
from hldtui.ui.messages import Highlighted, Selected
from hldtui.ui.widgets.line_view import LineView
from hldtui.ui.widgets.rows import Target

GUTTER = 7
"""'10:00  ', or '▶15:30 ' on the row of the time now: the hours on the left."""
CAPTIONS = {
    "track": "Columns are tracks: the programme names no rooms.",
    "kind": "Grouped by kind, as the event page does: no rooms are named.",
}
"""What the columns are, where they are not rooms."""
MIN_COLUMN = 12
MAX_COLUMN = 30
CLASH_MARK = "⚠"


@dataclass(frozen=True)
class Drawing:
    """What the lines of one drawing share."""

    width: int
    column_width: int
    columns: int
    """How many columns are in view."""
    style: VisualStyle


@dataclass(frozen=True)
class GridLayout:
    """What besides the timetable decides how the grid is drawn."""

    zone: tzinfo = UTC
    levels: Mapping[str, Interest] = field(default_factory=lambda: MappingProxyType({}))
    clashing: frozenset[str] = frozenset()
    """★ sessions that overlap another ★ session."""
    now_row: int | None = None


class TimetableGrid(LineView, can_focus=True):
    DEFAULT_CSS = """
    TimetableGrid { overflow-x: hidden; }
    """
    COMPONENT_CLASSES = {
        "timetable--header",
        "timetable--hour",
        "timetable--box",
        "timetable--start",
        "timetable--cursor",
        "timetable--clash",
        "timetable--now",
        "timetable--mark",
    }
    BINDINGS = bindings("grid")

    cursor: reactive[Target | None] = reactive(None, repaint=False)
    """What the cursor is on, bound from the screen."""
    zone: reactive[tzinfo] = reactive(UTC, repaint=False)
    levels: reactive[Mapping[str, Interest]] = reactive(lambda: MappingProxyType({}), repaint=False)
    clashing: reactive[frozenset[str]] = reactive(frozenset, repaint=False)
    now: reactive[datetime] = reactive(lambda: datetime.now(UTC), repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table = empty_timetable(UTC)
        self.grid_layout = GridLayout()
        self._position: int | None = None
        """The box keys move from."""
        self._first_column = 0
        self._drawn_at: int | None = None
        """The box drawn as the cursor."""
        self._lines: dict[tuple[int, int, bool, int], Content] = {}
        self._drawing = Drawing(0, MIN_COLUMN, 1, VisualStyle())

    # Filling

    def show(self, table: Timetable, *, keep: str | None = None) -> None:
        """Show a day's timetable with the cursor on the session ``keep`` if it is there,
        else on the first session of the day."""
        self.table = table
        self._draw_anew()
        position = table.index_of(keep) if keep is not None else None
        if position is None and table.placed:
            position = self._opening_position(table)
        self._position = self._drawn_at = position
        self.set_line_count(self._content_width, table.row_count + self._header_lines)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_in_view()
        self.post_message(Highlighted(self.highlighted_session))

    def _opening_position(self, table: Timetable) -> int:
        """The session running now, or next, on the day shown while it is today; else the
        day's first session."""
        placed = table.placed
        now_row = table.row_of(self.now)
        order = sorted(range(len(placed)), key=lambda i: (placed[i].first, placed[i].column))
        if now_row is not None:
            # In start order, the first not over yet runs now if anything does.
            return next((i for i in order if placed[i].last >= now_row), order[0])
        return order[0]

    def _draw_anew(self) -> None:
        """Draw every box again, for a new day, zone, favourites or time."""
        self.grid_layout = GridLayout(
            zone=self.zone,
            levels=self.levels,
            clashing=self.clashing,
            now_row=self.table.row_of(self.now),
        )
        self._lines.clear()
        self.refresh()

    def watch_zone(self) -> None:
        self._draw_anew()

    def watch_levels(self) -> None:
        self._draw_anew()

    def watch_clashing(self) -> None:
        self._draw_anew()

    def watch_now(self) -> None:
        if self.table.row_of(self.now) != self.grid_layout.now_row:
            self._draw_anew()

    @property
    def highlighted_session(self) -> Session | None:
        if self._position is None:
            return None
        return self.table.placed[self._position].session

    @property
    def column_width(self) -> int:
        columns = max(1, len(self.table.columns))
        room = self.scrollable_content_region.width - GUTTER
        return max(MIN_COLUMN, min(MAX_COLUMN, room // columns))

    @property
    def visible_columns(self) -> int:
        room = self.scrollable_content_region.width - GUTTER
        return max(1, room // self.column_width)

    @property
    def _content_width(self) -> int:
        return GUTTER + len(self.table.columns) * self.column_width

    def width_changed(self, width: int) -> None:
        self._lines.clear()
        lines = self.table.row_count + self._header_lines
        self.set_line_count(self._content_width, lines, repaint=False)
        self._keep_in_view()

    def on_resize(self) -> None:
        # A new height alone lays nothing out, but may leave the cursor's box off screen.
        self._keep_in_view()

    # Drawing

    @property
    def _header_lines(self) -> int:
        return 2 if self.table.grouped_by in CAPTIONS else 1

    def render_lines(self, crop: Region) -> list[Strip]:
        # The sizes and the style are worked out once for the lines of a drawing.
        width = self.scrollable_content_region.width
        self._drawing = Drawing(
            width,
            self.column_width,
            self.visible_columns,
            self.get_visual_style("timetable--hour"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        drawing = self._drawing
        width = drawing.width
        top = self._header_lines
        if y < top - 1:
            caption = CAPTIONS[self.table.grouped_by]
            content = Content.styled(caption, "italic $text-muted")
        elif y == top - 1:
            content = self._header()
        else:
            row = y - top + round(self.scroll_offset.y)
            content = self._row(row) if row < self.table.row_count else Content()
        return self.strip_of(content.truncate(width), drawing.style, width)

    def _header(self) -> Content:
        width = self._drawing.column_width
        names = self.table.columns[self._first_column : self._first_column + self._drawing.columns]
        cells = [Content(_fit(name, width - 1) + " ") for name in names]
        return Content.styled(" " * GUTTER, "") + Content("").join(cells).stylize(
            "bold $text-accent"
        )

    def _row(self, row: int) -> Content:
        table, layout = self.table, self.grid_layout
        moment = table.time_of(row).astimezone(layout.zone)
        now = row == layout.now_row
        if now:
            gutter = Content.styled(f"▶{moment:%H:%M} ", "bold $text-success")
        elif moment.minute == 0:
            gutter = Content.styled(f"{moment:%H:%M}  ", "$text-muted")
        else:
            gutter = Content(" " * GUTTER)
        parts = [gutter]
        width = self._drawing.column_width
        last = min(len(table.columns), self._first_column + self._drawing.columns)
        for column in range(self._first_column, last):
            index = table.cells[column][row]
            if index < 0:
                filler = "┄" * (width - 1) if now else " " * (width - 1)
                parts.append(Content.styled(filler, "$text-success" if now else ""))
            else:
                parts.append(self._box_line(index, row - table.placed[index].first, width - 1))
            parts.append(Content(" "))
        return Content("").join(parts)

    def _box_line(self, index: int, line: int, width: int) -> Content:
        cursor = index == self._drawn_at
        key = (index, line, cursor, width)
        drawn = self._lines.get(key)
        if drawn is None:
            drawn = self._lines[key] = self._draw_box_line(
                self.table.placed[index], line, width, cursor
            )
        return drawn

    def _draw_box_line(self, placed: Placed, line: int, width: int, cursor: bool) -> Content:
        session, layout = placed.session, self.grid_layout
        style = "reverse bold" if cursor else "on $primary 20%"
        level = layout.levels.get(session.id)
        marks = (level.mark if level else "") + (
            CLASH_MARK if session.id in layout.clashing else ""
        )
        start = session.start.astimezone(layout.zone)
        if placed.rows == 1:
            text = f"{start:%H:%M} {session.display_title}"
        elif line == 0:
            text = f"{start:%H:%M} {session.kind.badge}"
        else:
            breaks = wrap(session.display_title, max(1, width))
            room_for = placed.rows - 1
            if line - 1 >= len(breaks):
                text = ""
            else:
                begin, end = breaks[line - 1]
                text = session.display_title[begin:end]
                if line == room_for and len(breaks) > room_for:
                    text = text + "…"
        body = _fit(text, width - (cell_len(marks) + 1 if marks and line == 0 else 0))
        content = Content.styled(body, style)
        if line == 0:
            content = content.stylize("bold", 0, 5)
            if marks:
                mark_style = "$text-error" if CLASH_MARK in marks else "$text-warning"
                content += Content.styled(f" {marks}", f"{style} bold {mark_style}")
        return content.pad_right(width - content.cell_length).stylize(style)

    # The cursor

    def _cursor_index(self) -> int | None:
        target = self.cursor
        return self.table.index_of(target.id) if isinstance(target, Session) else None

    def watch_cursor(self) -> None:
        """Draw the cursor where the screen says it is: only the two boxes change, unless
        the grid has to scroll to show it."""
        before, self._drawn_at = self._drawn_at, self._cursor_index()
        view = (self._first_column, round(self.scroll_offset.y))
        self._keep_in_view()
        if view != (self._first_column, round(self.scroll_offset.y)):
            self.refresh()
            return
        for index in (before, self._drawn_at):
            if index is not None and index < len(self.table.placed):
                self.refresh(self._region_of(self.table.placed[index]))

    def _region_of(self, placed: Placed) -> Region:
        """Where a box is on screen now."""
        width = self.column_width
        x = GUTTER + (placed.column - self._first_column) * width
        y = self._header_lines + placed.first - round(self.scroll_offset.y)
        return Region(x, y, width, placed.rows)

    def _move_to(self, position: int | None) -> None:
        if position is not None and position != self._position:
            self._position = position
            self.post_message(Highlighted(self.highlighted_session))

    def _keep_in_view(self) -> None:
        """Scroll so that the cursor's box is on screen: its column and its first row."""
        if self._position is None or not self.is_mounted:
            return
        placed = self.table.placed[self._position]
        shown = self.visible_columns
        # A page of columns at a time, so that the next moves need no scrolling.
        most = max(0, len(self.table.columns) - shown)
        if placed.column < self._first_column:
            self._first_column = max(0, placed.column - shown + 1)
        elif placed.column >= self._first_column + shown:
            self._first_column = placed.column
        # Never an empty stretch on the right while columns are hidden on the left.
        self._first_column = min(self._first_column, most)
        top = self._header_lines
        height = max(1, self.scrollable_content_region.height - top)
        self.scroll_to_region(
            Region(0, placed.first, 1, min(placed.rows, height) + top),
            animate=False,
            immediate=True,
        )

    def action_down(self) -> None:
        self._step_in_column(+1)

    def action_up(self) -> None:
        self._step_in_column(-1)

    def _step_in_column(self, step: int) -> None:
        if self._position is None:
            return
        column = self.table.by_column[self.table.placed[self._position].column]
        at = column.index(self._position) + step
        if 0 <= at < len(column):
            self._move_to(column[at])

    def action_right(self) -> None:
        self._step_across(+1)

    def action_left(self) -> None:
        self._step_across(-1)

    def _step_across(self, step: int) -> None:
        """To the nearest column, that way, with a session at the same time; where there is
        none, to the session nearest in time in the next column that has any."""
        if self._position is None:
            return
        table = self.table
        here = table.placed[self._position]
        columns = range(here.column + step, len(table.columns) if step > 0 else -1, step)
        for column in columns:
            index = table.cells[column][here.first]
            if index >= 0:
                self._move_to(index)
                return
        for column in columns:
            if candidates := table.by_column[column]:
                self._move_to(
                    min(candidates, key=lambda i: abs(table.placed[i].first - here.first))
                )
                return

    def action_select(self) -> None:
        session = self.highlighted_session
        if session is not None:
            self.post_message(Selected(session))

    def on_click(self, event: events.Click) -> None:
        line = event.y
        if line < self._header_lines or event.x < GUTTER:
            return
        column = self._first_column + (event.x - GUTTER) // self.column_width
        row = line - self._header_lines + round(self.scroll_offset.y)
        if column >= len(self.table.columns) or row >= self.table.row_count:
            return
        index = self.table.cells[column][row]
        if index < 0:
            return
        if index == self._position:
            self.action_select()
        else:
            self._move_to(index)

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if event.ctrl or event.shift:
            event.stop()
            self._shift_columns(+1)
        else:
            super()._on_mouse_scroll_down(event)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if event.ctrl or event.shift:
            event.stop()
            self._shift_columns(-1)
        else:
            super()._on_mouse_scroll_up(event)

    def _on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        event.stop()
        self._shift_columns(+1)

    def _on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        event.stop()
        self._shift_columns(-1)

    def _shift_columns(self, step: int) -> None:
        most = max(0, len(self.table.columns) - self.visible_columns)
        self._first_column = max(0, min(most, self._first_column + step))
        self.refresh()


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with … where it was cut, padded to the width."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = Content(text).truncate(width, ellipsis=True).plain
    return text + " " * (width - cell_len(text))

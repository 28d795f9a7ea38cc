"""The list of sessions: one day's programme, the delegate's agenda, or search results.

The list is virtual: it keeps plain rows and draws only the lines on screen, so a day
with thousands of sessions costs no widgets. Each row's height is worked out from its
title with a word wrap that is cached per width, and the same breaks are used to draw it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import accumulate

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from hldtui.model import Interest, Session
from hldtui.planner import AgendaDay, Gap
from hldtui.search import AboutEntry, Hit, match_spans, snippet
from hldtui.ui.formatting import (
    RUNNING_MARK,
    day_label,
    day_shift,
    gap_text,
    long_day,
    time_range,
)

HIGHLIGHT = "bold reverse"
INDENT = 2
TIME_WIDTH = 11
"""'10:00–13:00': a day shift goes on a line of its own, so the column never widens."""
MIN_TITLE = 24
"""Narrower than this beside the time, a title goes under it, at the full width."""
_STYLE_WORDS = frozenset({"bold", "italic", "underline", "reverse", "dim", "strike"})
MARK_ROOM = 2
"""Cells kept free after a title for its favourite mark, so marks never change the wrap."""


@dataclass(frozen=True)
class Marks:
    """What decorates a row besides the session itself."""

    zone: tzinfo
    levels: Mapping[str, Interest] = field(default_factory=dict)
    running: frozenset[str] = frozenset()
    hidden: frozenset[str] = frozenset()
    """Sessions hidden by the delegate but shown anyway, marked as such."""
    places: bool = False
    """Whether rows give room and track (for programmes that have them)."""


@dataclass(frozen=True)
class _Row:
    """A session, or else a day heading or a gap, which the cursor skips."""

    session: Session | None = None
    heading: str = ""
    gap: Gap | None = None
    context: str = ""
    clashes: tuple[Session, ...] = ()
    about: AboutEntry | None = None
    """A passage of the About screen that search found."""


class SessionList(ScrollView, can_focus=True):
    """Rows of time, kind badge, title and marks, drawn a screen at a time."""

    COMPONENT_CLASSES = {"session-list--row", "session-list--cursor"}
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """Index of the highlighted row, always a session row, or None when there is none."""

    class Highlighted(Message):
        def __init__(self, session: Session | None) -> None:
            super().__init__()
            self.session = session

    class Selected(Message):
        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    class AboutSelected(Message):
        """Enter on a passage of the About screen that search found."""

        def __init__(self, entry: AboutEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, marks: Marks, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = marks
        self._rows: list[_Row] = []
        self._index: dict[str, int] = {}
        self._show_day = False
        self._words: tuple[str, ...] = ()
        self._starts: list[int] = [0]
        self._breaks: dict[tuple[str, int], list[tuple[int, int]]] = {}
        self._drawn: dict[tuple[int, bool], list[Content]] = {}
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._width = 0

    # What the screen reads

    @property
    def highlighted_session(self) -> Session | None:
        index = self.highlighted
        return self._rows[index].session if index is not None else None

    @property
    def highlighted_about(self) -> AboutEntry | None:
        index = self.highlighted
        return self._rows[index].about if index is not None else None

    @property
    def session_ids(self) -> list[str]:
        return list(self._index)

    def row_text(self, index: int) -> str:
        """The plain text of one row, as drawn at the current width."""
        return "\n".join(line.plain for line in self._lines(index, False))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def text_of(self, session_id: str) -> str:
        return self.row_text(self._index[session_id])

    # Filling

    def show_sessions(
        self, sessions: Iterable[Session], *, show_day: bool = False, keep: str | None = None
    ) -> None:
        """Fill the list, keeping the cursor on ``keep`` (a session id) if it is there."""
        self._fill([_Row(session) for session in sessions], show_day, (), keep)

    def show_hits(
        self, hits: Iterable[Hit], words: tuple[str, ...], about: Iterable[AboutEntry] = ()
    ) -> None:
        """Search results from every day, then from the About screen, the words marked."""
        rows = [_Row(hit.session, context=hit.context) for hit in hits]
        about_rows = [_Row(about=entry) for entry in about]
        if about_rows:
            rows += [_Row(heading="From About this conference"), *about_rows]
        self._fill(rows, True, words, None)

    def show_agenda(self, days: Iterable[AgendaDay], *, keep: str | None = None) -> None:
        """The delegate's agenda: a heading per day, favourites, clashes and free time."""
        rows: list[_Row] = []
        for day in days:
            rows.append(_Row(heading=long_day(day.day)))
            for item in day.items:
                if isinstance(item, Gap):
                    rows.append(_Row(gap=item))
                else:
                    rows.append(_Row(item.session, clashes=item.clashes))
        self._fill(rows, False, (), keep)

    def update_marks(self, marks: Marks) -> None:
        """Redraw for new favourites, running sessions or time zone."""
        self.marks = marks
        self._forget_drawing()
        self._layout()

    def _fill(
        self, rows: list[_Row], show_day: bool, words: tuple[str, ...], keep: str | None
    ) -> None:
        self._rows = rows
        self._show_day = show_day
        self._words = words
        self._index = {row.session.id: i for i, row in enumerate(rows) if row.session}
        self._forget_drawing()
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        if keep in self._index:
            self.highlighted = self._index[keep]
        else:
            self.highlighted = next(iter(self._selectable()), None)

    # Layout

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._forget_drawing()
            self._layout()
            self._scroll_to_cursor()

    def _layout(self) -> None:
        heights = [self._height(row) for row in self._rows]
        self._starts = [0, *accumulate(heights)]
        self.virtual_size = Size(self._width, self._starts[-1])
        self.refresh()

    def _title_column(self) -> tuple[int, int]:
        """(indent, width) of the title column for the current mode and width."""
        if self._stacked():
            return INDENT, self._width - INDENT
        lead = self._lead()
        return lead, self._width - lead

    def _lead(self) -> int:
        return self._gutter() + TIME_WIDTH + 1 + 4 + 1  # time, badge and the spaces after them

    def _stacked(self) -> bool:
        """Whether titles go under the time line: in search results, which give the day on
        that line, and where a title column beside the time would be too narrow."""
        return self._show_day or self._width - self._lead() < MIN_TITLE

    def _gutter(self) -> int:
        """Room for the running mark, kept on every row while anything runs."""
        return 2 if self.marks.running else 0

    def _height(self, row: _Row) -> int:
        if row.about is not None:
            return 2
        if row.session is None:
            return 1
        _, column = self._title_column()
        lines = len(self._breaks_of(row.session.display_title, column - MARK_ROOM))
        if row.clashes:
            lines += len(self._breaks_of(_clash_text(row.clashes), column))
        return lines + bool(row.context) + self._stacked() + self._has_meta(row.session)

    def _has_meta(self, session: Session) -> bool:
        marks = self.marks
        return (
            (marks.places and bool(session.room or session.track))
            or session.id in marks.hidden
            or day_shift(session, marks.zone) != 0
        )

    def _breaks_of(self, text: str, column: int) -> list[tuple[int, int]]:
        """Where ``text`` wraps in ``column`` cells, remembered across refills."""
        key = (text, column)
        breaks = self._breaks.get(key)
        if breaks is None:
            breaks = _wrap(text, column)
            self._breaks[key] = breaks
        return breaks

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
            content = self._lines(index, cursor)[key[1]]
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
            lines = self._draw(self._rows[index], cursor)
            self._drawn[(index, cursor)] = lines
        return lines

    def _draw(self, row: _Row, cursor: bool = False) -> list[Content]:
        """A row's lines. The cursor's row keeps its emphasis but not its colours: it takes
        the cursor's own, which every theme makes readable, as without colours."""

        def paint(text: str, style: str) -> Content:
            if cursor:
                style = " ".join(word for word in style.split() if word in _STYLE_WORDS)
            return Content.styled(text, style)

        width = self._width
        if row.about is not None:
            label = paint(f"About · {row.about.label}", "bold")
            excerpt = snippet(row.about.text, self._words, width=max(20, width - INDENT - 2))
            lines = [label, Content(" " * INDENT) + _marked(excerpt, self._words, "")]
            return [line.truncate(width, ellipsis=True) for line in lines]
        if row.session is None:
            if row.gap is not None:
                text = " " * INDENT + gap_text(row.gap, self.marks.zone)
                return [paint(text, "italic $text-muted").truncate(width, ellipsis=True)]
            return [paint(row.heading, "bold $text-accent").truncate(width, ellipsis=True)]
        session, marks = row.session, self.marks
        running = session.id in marks.running
        indent, column = self._title_column()
        title = _marked(session.display_title, self._words, "bold" if session.title else "italic")
        breaks = self._breaks_of(session.display_title, column - MARK_ROOM)
        pieces = [title[start:end] for start, end in breaks]
        level = marks.levels.get(session.id)
        if level is not None:
            pieces[-1] = pieces[-1] + paint(f" {level.mark}", "bold $text-warning")
        clock = time_range(session, marks.zone, shift=False)
        when = paint(f"{clock:<{TIME_WIDTH}}", "$text-success" if running else "$text-muted")
        badge = paint(f"{session.kind.badge:<4}", "bold $text-primary")
        gutter = f"{RUNNING_MARK} " if running else " " * self._gutter()
        running_mark = paint(gutter, "bold $text-success")
        lines: list[Content] = []
        if self._stacked():
            day = paint(f"{day_label(session.day)} · ", "bold") if self._show_day else ""
            lines.append(Content.assemble(running_mark, day, when, " ", badge))
            lines += [Content(" " * indent) + piece for piece in pieces]
        else:
            lines.append(Content.assemble(running_mark, when, " ", badge, " ", pieces[0]))
            lines += [Content(" " * indent) + piece for piece in pieces[1:]]
        if self._has_meta(session):
            lines.append(Content(" " * indent) + paint(self._meta(session), "$text-muted"))
        if row.clashes:
            text = _clash_text(row.clashes)
            warning = paint(text, "$text-error")
            for start, end in self._breaks_of(text, column):
                lines.append(Content(" " * indent) + warning[start:end])
        if row.context:
            excerpt = snippet(row.context, self._words, width=max(20, width - indent - 2))
            context = _marked(excerpt, self._words, "" if cursor else "$text-muted")
            lines.append(Content(" " * indent) + context)
        return [line.truncate(width, ellipsis=True) for line in lines]

    def _meta(self, session: Session) -> str:
        """Room and track, what the delegate hid, and the date when the zone moves it."""
        marks = self.marks
        parts = [part for part in (session.room, session.track) if part and marks.places]
        if session.id in marks.hidden:
            parts.insert(0, "⊘ hidden")
        if days := day_shift(session, marks.zone):
            start = session.start.astimezone(marks.zone)
            parts.insert(0, f"{days:+d}d: {day_label(start.date())}")
        return " · ".join(parts)

    # Moving

    def watch_highlighted(self, index: int | None) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted_session))

    def _scroll_to_cursor(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self._rows):
            return
        top = self._starts[index]
        height = self._starts[index + 1] - top
        self.scroll_to_region(
            Region(0, top, max(1, self._width), height), animate=False, immediate=True
        )

    def _selectable(self) -> list[int]:
        return [i for i, row in enumerate(self._rows) if row.session or row.about]

    def _move(self, step: int) -> None:
        rows = self._selectable()
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
        rows = self._selectable()
        if rows:
            self.highlighted = rows[0]

    def action_last(self) -> None:
        rows = self._selectable()
        if rows:
            self.highlighted = rows[-1]

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if self.highlighted is None:
            return
        target = self._starts[self.highlighted] + direction * max(1, self.size.height - 1)
        index = bisect_right(self._starts, max(0, target)) - 1
        rows = self._selectable()
        candidates = [r for r in rows if (r >= index if direction > 0 else r <= index)]
        if candidates:
            self.highlighted = candidates[0] if direction > 0 else candidates[-1]
        else:
            self.highlighted = rows[-1] if direction > 0 else rows[0]

    def action_select(self) -> None:
        session, entry = self.highlighted_session, self.highlighted_about
        if session is not None:
            self.post_message(self.Selected(session))
        elif entry is not None:
            self.post_message(self.AboutSelected(entry))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if index is None or index not in self._selectable():
            return
        if index == self.highlighted:
            self.action_select()
        else:
            self.highlighted = index


def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` into ``width`` cells, as (start, end) offsets per line."""
    if width < 8 or cell_len(text) <= width:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    line_start, used, position = 0, 0, 0
    for word in text.split(" "):
        size = cell_len(word)
        if used and used + 1 + size > width:
            lines.append((line_start, position - 1))
            line_start, used = position, 0
        if size > width:
            # A word longer than the column is cut where it fills a line.
            for character in word:
                step = cell_len(character)
                if used + step > width:
                    lines.append((line_start, position))
                    line_start, used = position, 0
                used += step
                position += 1
            position += 1
            continue
        used += size + (1 if used else 0)
        position += len(word) + 1
    lines.append((line_start, len(text)))
    return lines


def _clash_text(clashes: tuple[Session, ...]) -> str:
    return "⚠ clashes with " + ", ".join(other.display_title for other in clashes)


def _marked(text: str, words: tuple[str, ...], style: str) -> Content:
    content = Content.styled(text, style)
    for start, end in match_spans(text, words):
        content = content.stylize(HIGHLIGHT, start, end)
    return content

"""A scrolling widget that draws its own lines of Content.

Changing what it shows repaints it alone: its size is set by the layout around it and its
vertical scrollbar is always there, so a new number of lines only tells the scrollbar,
and the screen is not laid out again. Each keystroke is then one frame.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

KEPT_LINES = 2_000
"""Lines remembered as drawn, the least recently used forgotten first."""


class LineView(ScrollView):
    DEFAULT_CSS = """
    LineView {
        overflow-y: scroll;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn_lines: LRUCache[tuple[object, ...], Strip] = LRUCache(KEPT_LINES)

    def set_line_count(self, width: int, height: int) -> None:
        """Say how many lines there are now, without a layout of the screen."""
        size = Size(width, height)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            # What a layout would do for this widget alone: its scrollbar and the limits
            # of its scroll offset follow the new size.
            self._scroll_update(size)
        self.refresh()

    def strip_of(self, content: Content, style: Style, width: int) -> Strip:
        """One line, straight to segments: lines are already cut to the width, so none of
        the wrapping and aligning of a general renderable is needed. A line drawn before,
        such as a field that did not change, is taken as it was."""
        key = (content.plain, tuple(content.spans), style, width)
        strip = self._drawn_lines.get(key)
        if strip is None:
            segments = [
                Segment(text, part.rich_style)
                for text, part in content.render(style, "", self._get_style)
            ]
            strip = Strip(segments).extend_cell_length(width, style.rich_style).crop(0, width)
            self._drawn_lines.set(key, strip)
        return strip

    def notify_style_update(self) -> None:
        self._drawn_lines.clear()
        super().notify_style_update()

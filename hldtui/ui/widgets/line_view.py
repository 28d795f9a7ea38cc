"""A scrolling widget that draws its own lines of Content.

Changing what it shows repaints it alone: its size is set by the layout around it and its
vertical scrollbar is always there, so a new number of lines only tells the scrollbar,
and the screen is not laid out again. Each keystroke is then one frame.

It lays its lines out for a new width while the screen's layout gives it that width,
before the frame is drawn, so the frame shows them: the Resize event that follows would
take a frame of its own.
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
        self._laid_out_for = 0
        """The width the lines were last laid out for; 0 before the first layout."""
        self._sizes_given: tuple[Size, Size, Size] | None = None
        """What the last layout gave `_size_updated`."""

    def width_changed(self, width: int) -> None:
        """Lay the lines out for a new width, in the layout that gives it; set the line
        count with ``repaint=False``, since a widget with a new size is drawn whole."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual calls this as its layout gives the widget a size, before the frame. A
        # layout that changes nothing here is let be: Textual would repaint the scrollbar
        # all the same, and that takes a frame of its own.
        given = (size, virtual_size, container_size)
        if given == self._sizes_given:
            return False
        self._sizes_given = given
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if width != self._laid_out_for:
            self._laid_out_for = width
            self.width_changed(width)
        return resized

    def set_line_count(self, width: int, height: int, *, repaint: bool = True) -> None:
        """Say how many lines there are now, without a layout of the screen."""
        size = Size(width, height)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            # What a layout would do for this widget alone: its scrollbar and the limits
            # of its scroll offset follow the new size.
            self._scroll_update(size)
        if repaint:
            self.refresh()

    def strip_of(self, content: Content, style: Style, width: int) -> Strip:
        """One line as a strip (see `line_strip`). A line drawn before, such as a field
        that did not change, is taken as it was."""
        key = (content.plain, tuple(content.spans), style, width)
        strip = self._drawn_lines.get(key)
        if strip is None:
            strip = line_strip(self, content, style, width)
            self._drawn_lines.set(key, strip)
        return strip

    def notify_style_update(self) -> None:
        self._drawn_lines.clear()
        super().notify_style_update()


def line_strip(widget: Widget, content: Content, style: Style, width: int) -> Strip:
    """A line of ``widget``, straight to segments and ``width`` cells: a line already cut
    to its width needs none of the wrapping and aligning of a general renderable, and is
    padded here rather than by another strip made for it."""
    segments = [
        Segment(text, part.rich_style)
        for text, part in content.render(style, "", widget._get_style)
    ]
    length = content.cell_length
    if length > width:
        return Strip(segments).crop(0, width)
    if length < width:
        segments.append(Segment(" " * (width - length), style.rich_style))
    return Strip(segments, width)

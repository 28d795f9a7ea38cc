"""The one-line header: the conference's title on the left; the filter, an offline notice
and the dates on the right.

One widget that draws its line itself, as the key bar and the tab bar do: the title is
chosen for the room the right-hand side leaves it, full where it fits, else short, and cut
with an ellipsis where even that does not fit.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from hldtui.filters import Filter
from hldtui.model import Conference
from hldtui.present import date_range
from hldtui.ui.widgets.line_view import line_strip

GAP = 2
"""Cells between the parts on the right, and between them and the title."""


class ConferenceHeader(Widget):
    DEFAULT_CSS = """
    ConferenceHeader {
        dock: top;
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    ConferenceHeader > .conference-header--title {
        text-style: bold;
    }
    ConferenceHeader > .conference-header--filter {
        color: $text-warning;
        text-style: bold;
    }
    ConferenceHeader > .conference-header--offline {
        color: $text-error;
        text-style: bold;
    }
    ConferenceHeader > .conference-header--dates {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {
        "conference-header--title",
        "conference-header--filter",
        "conference-header--offline",
        "conference-header--dates",
    }

    filter: reactive[Filter] = reactive(Filter)
    offline: reactive[str] = reactive("")
    """'offline · programme as of 14:05', while the programme is a kept copy its address
    did not confirm."""

    def __init__(self, conference: Conference) -> None:
        super().__init__()
        self.conference = conference

    def show_conference(self, conference: Conference) -> None:
        """The header of a new version of the programme."""
        self.conference = conference
        self.refresh()

    @property
    def filter_text(self) -> str:
        """The active filter, such as '⏷ Track: Security · Room: Saal 1', or ''."""
        text = self.filter.describe()
        return f"⏷ {text}" if text else ""

    @property
    def dates_text(self) -> str:
        dates = date_range(self.conference)
        if not self.conference.has_zone:
            dates += " · no time zone: times as written"
        return dates

    def line(self, width: int) -> Content:
        """The header at ``width`` cells."""
        right = [
            Content.styled(text, self.get_visual_style(f"conference-header--{part}"))
            for text, part in (
                (self.filter_text, "filter"),
                (f"⚠ {self.offline}" if self.offline else "", "offline"),
                (self.dates_text, "dates"),
            )
            if text
        ]
        tail = Content("").join(Content(" " * GAP) + part for part in right)
        room = max(0, width - tail.cell_length)
        conference = self.conference
        fits = len(conference.title) <= room or not conference.short_title
        title = Content.styled(
            conference.title if fits else conference.short_title,
            self.get_visual_style("conference-header--title"),
        )
        title = title.truncate(room, ellipsis=True)
        return (title.extend_right(room - title.cell_length) + tail).truncate(width)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        return line_strip(self, self.line(width), self.visual_style, width)

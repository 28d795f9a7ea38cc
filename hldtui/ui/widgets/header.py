"""The one-line header: conference title on the left, the filter, dates and place on the
right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label

from hldtui.filters import Filter
from hldtui.model import Conference
from hldtui.present import date_range


class ConferenceTitle(Label):
    """The full title where it fits in the room the header leaves it, else the short one:
    chosen as it is drawn, at the width it is drawn at."""

    def __init__(self, conference: Conference) -> None:
        super().__init__(id="conference-title", markup=False)
        self.conference = conference

    def render(self) -> Content:
        conference = self.conference
        fits = len(conference.title) <= self.size.width or not conference.short_title
        return Content(conference.title if fits else conference.short_title)


class ConferenceHeader(Horizontal):
    filter: reactive[Filter] = reactive(Filter, repaint=False)
    offline: reactive[str] = reactive("", repaint=False)
    """'offline · programme as of 14:05', while the programme is a kept copy its address
    did not confirm."""

    def __init__(self, conference: Conference) -> None:
        super().__init__()
        self.conference = conference

    def compose(self) -> ComposeResult:
        yield ConferenceTitle(self.conference)
        yield Label(id="filter", markup=False)
        yield Label(id="offline", markup=False)
        yield Label(Content(self._dates()), id="conference-dates", markup=False)

    def _dates(self) -> str:
        dates = date_range(self.conference)
        if not self.conference.has_zone:
            dates += " · no time zone: times as written"
        return dates

    def show_conference(self, conference: Conference) -> None:
        """The header of a new version of the programme."""
        self.conference = conference
        self.query_one("#conference-dates", Label).update(Content(self._dates()))
        title = self.query_one(ConferenceTitle)
        title.conference = conference
        title.refresh()

    def watch_offline(self, offline: str) -> None:
        label = self.query_one("#offline", Label)
        label.update(Content(f"⚠ {offline}" if offline else ""))
        label.display = bool(offline)

    def watch_filter(self, filter: Filter) -> None:
        """The active filter, such as 'Track: Security · Room: Saal 1', or nothing."""
        text = filter.describe()
        label = self.query_one("#filter", Label)
        label.update(Content(f"⏷ {text}" if text else ""))
        label.display = bool(text)

"""The main screen: the tabs, the session list, the detail pane and the now/next line.

Its state is reactives: the view and its tab, the zone, the filter, the highlighted
session, the time, the running sessions, the favourites' levels, the clashes and the
plan's revision. Data bindings and watchers push them down to the widgets, which draw
from what they are given; widgets report up with messages, the palette's commands arrive
as messages, and every change to the plan arrives as one `PlanChanged`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from hldtui.changes import Change, Notices
from hldtui.filters import Filter, FilterChoice, choices
from hldtui.model import Interest, Paper, Person, Session, next_interest
from hldtui.plan import NotSaved, Plan, PlanChange
from hldtui.planner import LOOK_AHEAD, Phase, now_and_next
from hldtui.present import duration_text, session_addresses, titled_time
from hldtui.search import AboutEntry, SearchIndex
from hldtui.store import StoreError
from hldtui.text import is_number, one_line
from hldtui.timezones import no_zone_message, zone_name
from hldtui.ui.commands import bindings, command_by_id
from hldtui.ui.messages import (
    ChangesSeen,
    Highlighted,
    JumpTo,
    NoticesChosen,
    PlanChanged,
    RunCommand,
    Selected,
    ShowView,
)
from hldtui.ui.views import (
    NO_PEOPLE,
    AgendaView,
    DayView,
    Listing,
    NowView,
    PeopleView,
    PersonView,
    Scope,
    SearchView,
    View,
    tab_views,
)
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.header import ConferenceHeader
from hldtui.ui.widgets.key_bar import KeyBar, Said
from hldtui.ui.widgets.now_line import NowLine
from hldtui.ui.widgets.rows import RowLayout, Target
from hldtui.ui.widgets.search_input import SearchInput
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail, open_address
from hldtui.ui.widgets.session_list import SessionList
from hldtui.ui.widgets.timetable_grid import TimetableGrid

if TYPE_CHECKING:
    from textual.command import Provider

    from hldtui.catalogue import Entry
    from hldtui.exports.ics import AgendaExport
    from hldtui.share import Taken
    from hldtui.ui.palette import SessionJump

Answer = TypeVar("Answer")
CLOCK_SECONDS = 30.0
BACKGROUND_AFTER = 0.2
"""Seconds after mounting at which work for later keys begins: Textual finishes the first
screen in a few frames, a tick apart."""
ASKING = frozenset(
    {
        "edit_note",
        "pick_kind_or_track",
        "pick_room",
        "copy_address",
        "export_calendar",
        "session_people",
        "open_media",
    }
)
"""Actions whose keys open a question or an editor before the keys typed after them."""
NOW_AHEAD = "now_ahead"
"""The setting that keeps how far ahead the Now view looks, in minutes."""
AHEAD_CHOICES = tuple(timedelta(minutes=m) for m in (15, 30, 60, 90, 120, 180, 240))
MOST_AHEAD = 24 * 60
"""Minutes: a kept setting beyond a day (or not a number) is taken as the hour."""
KEPT_LISTINGS = 16
"""Listings remembered per view and filter, so going back to a day is free; a change to
the plan forgets those it changes."""


def _schedule_commands() -> type[Provider]:
    """The palette's commands, imported when the palette first opens, not at start."""
    from hldtui.ui.palette import ScheduleCommands

    return ScheduleCommands


class MainScreen(Screen):
    BINDINGS = bindings("main")
    COMMANDS = {_schedule_commands}
    # The list has the focus in the first frame, not the search field before it.
    AUTO_FOCUS = "#sessions"

    view: reactive[View] = reactive(View, init=False, repaint=False)
    tab: reactive[View] = reactive(View, init=False, repaint=False)
    """The tab shown, or shown under search."""
    zone: reactive[tzinfo] = reactive(UTC, init=False, repaint=False)
    filter: reactive[Filter] = reactive(Filter, init=False, repaint=False)
    highlighted: reactive[Target | None] = reactive(None, init=False, repaint=False)
    now: reactive[datetime] = reactive(lambda: datetime.now(UTC), init=False, repaint=False)
    running: reactive[frozenset[str]] = reactive(frozenset, init=False, repaint=False)
    revision: reactive[int] = reactive(0, init=False, repaint=False)
    levels: reactive[Mapping[str, Interest]] = reactive(
        lambda: MappingProxyType({}), init=False, repaint=False
    )
    clashing: reactive[frozenset[str]] = reactive(frozenset, init=False, repaint=False)
    """The ★ sessions that overlap another ★ session."""
    said: reactive[Said | None] = reactive(None, init=False, repaint=False, always_update=True)
    """What the bottom line says in answer to a key, in the frame of the key."""
    offline: reactive[str] = reactive("", init=False, repaint=False)
    """What the header says while the programme is a kept copy its address did not confirm."""

    def __init__(
        self,
        plan: Plan,
        clock: Callable[[], datetime],
        viewer_zone: tzinfo,
        *,
        start_in_viewer_zone: bool = False,
        changes: tuple[Change, ...] = (),
        venue: Entry | None = None,
    ) -> None:
        """``venue`` is the programme's catalogue entry, which may place its rooms."""
        super().__init__()
        self.clock = clock
        self.viewer_zone = viewer_zone
        self.venue = venue
        self._places: dict[str, tuple[Paper, ...]] = {}
        """Each room's map and place, found once."""
        self._remembered: dict[str, str] = {}
        """The session last highlighted in each view, to come back to."""
        self._listings: LRUCache[tuple[View, Filter], Listing] = LRUCache(KEPT_LISTINGS)
        self._jump: SessionJump | None = None
        self.prepared_for_keys = False
        """Whether the work for later keys has begun (see `_prepare_for_keys`)."""
        self._take_programme(plan, changes)
        now = clock()
        zone = viewer_zone if start_in_viewer_zone else self.conference_zone
        opening = self._opening_view(now)
        for name, value in (
            ("view", opening),
            ("tab", opening),
            ("zone", zone),
            ("filter", Filter()),
            ("now", now),
            ("running", self._running_at(now)),
        ):
            self.set_reactive(getattr(MainScreen, name), value)
        self._take_plan_state()

    def _take_programme(self, plan: Plan, changes: tuple[Change, ...]) -> None:
        self.plan = plan
        self.schedule = schedule = plan.schedule
        self.conference_zone = schedule.conference.zone
        self.index = SearchIndex(schedule, lambda: plan.notes)
        self.changes = changes
        self._changed = MappingProxyType({change.session.id: change for change in changes})
        """What changed since the programme was last seen, by session."""
        self._badges = MappingProxyType(
            {change.session.id: change.kind.badge for change in changes}
        )
        """The rows' badges for what changed."""
        self.tabs = tab_views(schedule, changes)
        self.places = any(session.room or session.track for session in schedule.sessions)
        self._listings.clear()
        self._jump = None

    def _take_plan_state(self) -> None:
        """The plan's revision, levels and clashes, set without their watchers (at start)."""
        plan = self.plan
        self.set_reactive(MainScreen.revision, plan.revision)
        self.set_reactive(MainScreen.levels, plan.levels)
        self.set_reactive(MainScreen.clashing, self._clashing())

    def _opening_view(self, now: datetime) -> View:
        """The first day, or today during the conference, with the cursor on the session
        the delegate means to be in, if one is running."""
        status = now_and_next(self.schedule, now)
        if status.phase is not Phase.DURING or status.today not in self.schedule.days:
            return self.tabs[0]
        today = DayView(status.today)
        levels = self.plan.levels
        ranked = sorted(
            status.running or status.upcoming,
            key=lambda s: (levels.get(s.id) is not Interest.ATTEND, s.id not in levels),
        )
        if ranked:
            self._remembered[today.id] = ranked[0].id
        return today

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Textual's own widgets, the notifications' rack hidden from the start: Textual
        hides it once the screen is shown, and that would lay the screen out again."""
        super()._extend_compose(widgets)
        for widget in widgets:
            if widget.id == "textual-toastrack":
                widget.display = False

    def compose(self) -> ComposeResult:
        yield ConferenceHeader(self.schedule.conference).data_bind(
            MainScreen.filter, MainScreen.offline
        )
        yield DayTabs(self.tabs, active=self.tab.tab_id)
        yield NowLine(self.schedule, id="now-line").data_bind(
            MainScreen.zone, MainScreen.now, MainScreen.levels
        )
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield SearchInput(placeholder="Search all days…", id="search")
                yield SessionList(id="sessions").data_bind(
                    MainScreen.zone,
                    MainScreen.levels,
                    MainScreen.running,
                    cursor=MainScreen.highlighted,
                )
            yield TimetableGrid(id="grid").data_bind(
                MainScreen.zone,
                MainScreen.levels,
                MainScreen.clashing,
                MainScreen.now,
                cursor=MainScreen.highlighted,
            )
            with Vertical(id="detail"):
                yield SessionDetail(self.plan, self._changed, id="detail-body").data_bind(
                    shown=MainScreen.highlighted,
                    zone=MainScreen.zone,
                    running=MainScreen.running,
                    revision=MainScreen.revision,
                )
                yield PaperList(venue=self.places_of, id="papers").data_bind(
                    shown=MainScreen.highlighted
                )
        yield KeyBar().data_bind(MainScreen.said)

    def on_mount(self) -> None:
        self._show_view()
        self.set_interval(CLOCK_SECONDS, self._tick)
        self.set_timer(BACKGROUND_AFTER, self._prepare_for_keys)
        self.watch(self.query_one(SearchInput), "value", self._search_changed, init=False)
        self._report_plan_warnings()
        if self.changes:
            self._announce_changes()

    def show_changes(self, changes: tuple[Change, ...]) -> None:
        """Show these changes since the programme was last seen (another choice of which
        to be told of), keeping the reader where they are."""
        self.show_programme(self.plan, changes, announce=False)

    def show_programme(
        self, plan: Plan, changes: tuple[Change, ...], *, announce: bool = True
    ) -> None:
        """Show a new version of the programme in place, keeping the reader where they
        were: the same view (or the nearest day that still exists), the same session
        highlighted where it still exists, and the same scroll."""
        view, tab = self.view, self.tab
        scroll = self.session_list.scroll_offset.y
        self._take_programme(plan, changes)
        days = self.schedule.days
        self._show_taken(view.nearest(self.tabs, days), tab.nearest(self.tabs, days), scroll)
        if changes and announce:
            self._announce_changes()

    def show_other_programme(
        self, plan: Plan, changes: tuple[Change, ...], venue: Entry | None
    ) -> None:
        """Show another programme in place of this one, from its opening view, with no
        filter or search, in its own zone (or still in the viewer's, if chosen)."""
        in_viewer_zone = self.zone is self.viewer_zone and self.zone is not self.conference_zone
        self.venue = venue
        self._places.clear()
        self._remembered.clear()
        self._take_programme(plan, changes)
        self.set_reactive(MainScreen.filter, Filter())
        self.query_one(SearchInput).value = ""
        self.zone = self.viewer_zone if in_viewer_zone else self.conference_zone
        opening = self._opening_view(self.now)
        self._show_taken(opening, opening, 0)
        self.session_list.focus()
        if changes:
            self._announce_changes()

    def _show_taken(self, view: View, tab: View, scroll: float) -> None:
        """Draw the programme just taken, in ``view`` under ``tab``."""
        plan = self.plan
        self.session_list.forget_rows()
        self.query_one(ConferenceHeader).show_conference(self.schedule.conference)
        self.query_one(DayTabs).show_views(self.tabs)
        self.query_one(NowLine).show_schedule(self.schedule)
        self.query_one(SessionDetail).show_programme(plan, self._changed)
        self._prepare_index()
        self.call_after_refresh(self._prepare_days)
        self.set_reactive(MainScreen.view, view)
        self.tab = tab
        self.query_one(DayTabs).active = self.tab.tab_id
        self.revision, self.levels, self.clashing = plan.revision, plan.levels, self._clashing()
        self.running = self._running_at(self.now)
        self._show_view(scroll=scroll)

    def _announce_changes(self) -> None:
        mine = sum(1 for change in self.changes if change.session.id in self.plan.levels)
        self.notify(
            f"{len(self.changes)} sessions changed since you last looked, {mine} of yours: "
            "the Changes tab lists them.",
            title="The programme changed",
            severity="warning" if mine else "information",
            timeout=15,
        )

    # State flowing down

    def watch_view(self, old: View, new: View) -> None:
        if not new.searching:
            self.tab = new
        self.set_class(new.searching, "-searching")
        self.set_class(new.widget == "grid", "-timetable")
        if old.has_back != new.has_back or old.searching != new.searching:
            self.refresh_bindings()
        self._show_view()

    def watch_tab(self, tab: View) -> None:
        self.query_one(DayTabs).active = tab.tab_id

    def watch_filter(self) -> None:
        self._show_view()
        self.call_after_refresh(self._prepare_days)

    def watch_zone(self) -> None:
        self._jump = None
        self.call_after_refresh(self._prepare_days)
        if self.view.follows_clock:
            self._show_view()

    def watch_now(self, now: datetime) -> None:
        self.running = self._running_at(now)
        if self.view.follows_clock:
            self._show_view(scroll=self.session_list.scroll_offset.y)

    def _show_view(self, *, scroll: float | None = None) -> None:
        """Show the view's rows; ``scroll`` keeps the list's scroll (after a new version
        of the programme), else the list opens at its top."""
        view = self.view
        listing = self._listing(view)
        keep = self._remembered.get(view.tab_id) if view.remembers_cursor else None
        if listing.timetable is not None:
            grid = self.query_one(TimetableGrid)
            grid.show(listing.timetable, keep=keep)
            self.highlighted = grid.highlighted_session
            return
        layout = self._row_layout(view, listing)
        if isinstance(view, PeopleView) and keep is not None:
            # The People tab remembers a person, by name.
            keep_target: str | Person | None = self.schedule.person(keep)
        else:
            keep_target = keep
        self.session_list.show(listing.rows, layout, keep=keep_target, scroll=scroll)
        # The detail follows in the same frame, not a message later.
        self.highlighted = self.session_list.highlighted_target

    def _row_layout(self, view: View, listing: Listing) -> RowLayout:
        return RowLayout(
            is_hidden=self.plan.is_hidden if self.filter.show_hidden else None,
            places=self.places,
            show_day=view.show_day,
            words=listing.words,
            changed=self._badges,
        )

    def _listing(self, view: View) -> Listing:
        if view.follows_clock:
            return view.listing(self._scope())
        key = (view, self.filter)
        listing = self._listings.get(key)
        if listing is None:
            listing = view.listing(self._scope())
            self._listings.set(key, listing)
        return listing

    def _scope(self) -> Scope:
        return Scope(
            self.schedule, self.plan, self.filter, self.index, self.now, self.zone, self.ahead
        )

    @property
    def ahead(self) -> timedelta:
        """How far ahead the Now view looks: the delegate's choice, kept for every
        programme."""
        minutes = self.plan.store.app_setting(NOW_AHEAD)
        if is_number(minutes) and 0 < int(minutes) <= MOST_AHEAD:
            return timedelta(minutes=int(minutes))
        return LOOK_AHEAD

    def _prepare_for_keys(self) -> None:
        """Fold every session for search, and build the other days, in threads. Put off
        until the screen is drawn (`BACKGROUND_AFTER`): they would slow the frames that
        finish it."""
        self.prepared_for_keys = True
        self._prepare_index()
        self._prepare_days()

    def _prepare_days(self) -> None:
        """Build every day's rows and lay them out in a thread once the screen is drawn,
        so that a first visit to a day costs what a return to it does. What the thread
        makes is kept in the app's thread, under the filter it was made for."""
        scope, session_list = self._scope(), self.session_list
        # Taken off as they are done, so that the finished worker, which is kept a while,
        # keeps no version of the programme.
        work = [
            (view, scope) for view in self.tabs if view.day is not None and view.widget == "list"
        ]

        def prepare() -> None:
            while work and not get_current_worker().is_cancelled:
                view, scope = work.pop(0)
                listing = view.listing(scope)
                keep_heights = session_list.lay_out_ahead(
                    listing.rows, self._row_layout(view, listing)
                )
                with suppress(RuntimeError):
                    self.app.call_from_thread(
                        self._keep_prepared, (view, scope.filter), listing, keep_heights
                    )
            work.clear()

        self.run_worker(prepare, thread=True, exclusive=True, group="prepare-days")

    def _keep_prepared(
        self, key: tuple[View, Filter], listing: Listing, keep_heights: Callable[[], None]
    ) -> None:
        if key[1] == self.filter and key not in self._listings:
            self._listings.set(key, listing)
            keep_heights()

    # Changes and commands coming up

    @on(PlanChanged)
    def _plan_changed_elsewhere(self, message: PlanChanged) -> None:
        self._report_plan_warnings()
        self._show_plan_change(message.change)

    def _show_plan_change(self, change: PlanChange) -> None:
        """Show a change to the plan: the list and the timetable redraw what the new
        levels touch, the detail what the revision does, and the view's rows are built
        anew where the change alters which rows there are."""
        plan = self.plan
        self.revision, self.levels = plan.revision, plan.levels
        if change.levels:
            self.clashing = self._clashing()
        for key in [key for key in list(self._listings.keys()) if key[0].rebuilds_on(change)]:
            self._listings.discard(key)
        if self.view.rebuilds_on(change):
            self._show_view()

    @on(DayTabs.Chosen)
    def _tab_clicked(self, event: DayTabs.Chosen) -> None:
        for view in self.tabs:
            if view.id == event.tab_id:
                self.view = view

    @on(Highlighted)
    def _session_highlighted(self, event: Highlighted) -> None:
        target = event.target
        if isinstance(target, Session) and self.view.remembers_cursor:
            self._remembered[self.view.tab_id] = target.id
        elif isinstance(target, Person) and isinstance(self.view, PeopleView):
            self._remembered[self.view.id] = target.name
        self.highlighted = target

    @on(Selected)
    def _session_selected(self, event: Selected) -> None:
        target = event.target
        if isinstance(target, AboutEntry):
            # The app's About: it knows where the programme came from.
            self.app.call_later(self.app.run_action, f"about({target.key!r})")
        elif isinstance(target, Person) and not isinstance(self.view, PersonView):
            self.show_person(target.name)
        elif self.view.searching and isinstance(target, Session):
            self.jump_to(target)
        else:
            papers = self.query_one(PaperList)
            self.set_focus(papers if papers.papers else self.query_one(SessionDetail))

    @on(ShowView)
    def _show_view_asked(self, message: ShowView) -> None:
        self.show_view(message.view)

    @on(JumpTo)
    def _jump_asked(self, message: JumpTo) -> None:
        self.jump_to(message.session)

    @on(RunCommand)
    async def _command_asked(self, message: RunCommand) -> None:
        command = command_by_id(message.command_id)
        await (self.app if command.place == "app" else self).run_action(command.action)

    @on(SearchInput.ToResults)
    def _to_results(self) -> None:
        self.set_focus(self.session_list)

    def _search_changed(self, query: str) -> None:
        """Watched on the search field's value, so results come in the frame that shows
        the character typed."""
        if self.view.searching:
            self.view = SearchView(query)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.session_list.action_select()

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        searching = self.view.searching
        if action == "go_back":
            return self.view.has_back
        if action == "search":
            # In the search field, / types a slash; the footer offers Esc instead.
            return not searching
        if action in ASKING:
            # These keys ask at once (priority keys), except in the search field, where
            # they are letters.
            return not isinstance(self.focused, Input)
        return True

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def action_next_tab(self) -> None:
        self._step_tab(+1)

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        self.view = SearchView(search.value)
        # At once, not after the keys already typed: they belong in the field.
        self.set_focus(search)

    def action_go_back(self) -> None:
        """From search to the tab it was opened over; from a person's page to everyone."""
        if self.view.searching:
            self.show_view(self.tab)
        elif isinstance(self.view, PersonView):
            self.show_view(PeopleView())

    def action_cycle_interest(self) -> None:
        session = self._highlighted_or_warn()
        if session is not None:
            self.cycle_interest(session)

    def action_toggle_zone(self) -> None:
        if not self.schedule.conference.has_zone:
            message = no_zone_message(self.schedule.conference.venue)
            self.notify(
                message[0].upper() + message[1:],
                title="No time zone",
                severity="warning",
                timeout=12,
            )
            return
        self.zone = self.conference_zone if self.zone is self.viewer_zone else self.viewer_zone
        moment = self.schedule.sessions[0].start if self.schedule.sessions else self.now
        if zone_name(self.viewer_zone, moment) == zone_name(self.conference_zone, moment):
            self.notify("Your time zone is the conference's, so times stay as they are.")
        else:
            self.notify(f"Times now in {zone_name(self.zone, moment)}.")

    def action_edit_note(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        from hldtui.ui.screens.note import NoteScreen

        def saved(text: str | None) -> None:
            if text is not None:
                self.save_note(session, text)

        # A callback, not a worker awaiting the screen: n is a priority key, and the
        # editor must be open before the next key of a burst (a paste) arrives.
        self.app.push_screen(NoteScreen(session.display_title, self.plan.note(session.id)), saved)

    def action_export_calendar(self) -> None:
        """Favourites to `<conference>-agenda.ics` in the documents folder, asking before
        replacing a file there."""
        from hldtui.exports.ics import agenda_export
        from hldtui.store import export_dir
        from hldtui.ui.screens.confirm import ConfirmScreen

        export = agenda_export(self.plan, export_dir())
        if export is None:
            self.notify("Star some sessions first: f marks a favourite.", severity="warning")
            return
        path = export.path
        replace = None
        if path.exists() or path.is_symlink():
            question = ConfirmScreen(f"{path.name} is already in {path.parent}.", "Replace it?")
            replace = self._ask(question)
        self._write_export(export, replace)

    @work(group="ask")
    async def _write_export(
        self, export: AgendaExport, replace: Awaitable[bool | None] | None
    ) -> None:
        path = export.path
        if replace is not None and not await replace:
            self.notify(f"{path} was left as it was.")
            return
        try:
            export.write()
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}.", severity="error")
            return
        floating = " Their times are floating: the programme gives no time zone."
        self.notify(
            f"{export.count} favourites written to {path}." + (floating if export.floating else ""),
            title="Calendar exported",
            timeout=10,
        )

    def action_pick_kind_or_track(self) -> None:
        options = choices(self.schedule.sessions).kind_or_track_options()
        self._pick("Show only one kind or track", options, self._choose_filter)

    def action_pick_room(self) -> None:
        options = choices(self.schedule.sessions, self.plan.room_place).room_options()
        if not options:
            self.notify("This programme names no rooms.", severity="warning")
            return
        self._pick("Show only one room", options, self._choose_filter)

    def action_pin_room(self) -> None:
        """Put the highlighted session's room first in the timetable and the room picker,
        or back in the organiser's place."""
        session = self._highlighted_or_warn()
        if session is None:
            return
        if not session.room:
            self.notify("This session names no room.", severity="warning")
            return
        pin = session.room not in self.plan.pinned_rooms
        try:
            self.plan.set_room_pinned(session.room, pin)
        except StoreError as error:
            self._not_saved(str(error))
            return
        self._listings.clear()
        self._show_view()
        where = "first" if pin else "back in the organiser's order"
        self.notify(f"{session.room} is {where} (+ again {'unpins' if pin else 'pins'} it).")

    def action_clear_filters(self) -> None:
        self.filter = self.filter.choose(("all", None))

    def action_hide_session(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        hide = session.id not in self.plan.hidden
        self._change_plan(lambda: self.plan.set_hidden(session.id, hide))
        if hide:
            self.notify(
                f"{session.display_title} hidden. v shows hidden sessions, h again unhides."
            )
        else:
            self.notify(f"{session.display_title} shown again.")

    def action_hide_track(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        if not session.track:
            self.notify("This session has no track.", severity="warning")
            return
        hide = session.track not in self.plan.hidden_tracks
        self._change_plan(lambda: self.plan.set_track_hidden(session.track, hide))
        self.notify(f"Track {session.track} {'hidden' if hide else 'shown again'}.")

    def action_toggle_hidden(self) -> None:
        self.filter = replace(self.filter, show_hidden=not self.filter.show_hidden)
        shown = "shown, marked ⊘" if self.filter.show_hidden else "left out"
        self.notify(f"Hidden sessions are {shown}.")

    def action_mark_changes_seen(self) -> None:
        """Take this version of the programme as seen: the next start compares with it."""
        if not self.changes:
            self.notify("Nothing has changed since you last looked.")
            return
        self.post_message(ChangesSeen())

    def action_choose_change_notices(self) -> None:
        options = [(f"Changes to {notices.label}", notices) for notices in Notices]
        self._pick(
            "Tell me of changes to…",
            options,
            lambda notices: self.post_message(NoticesChosen(notices)),
        )

    def action_copy_address(self) -> None:
        """Copy the paper highlighted in the papers, or else an address the session (or
        the person) shows."""
        papers = self.query_one(PaperList)
        if papers.has_focus and (paper := papers.highlighted_paper):
            self._copy_address(paper.url)
            return
        if isinstance(person := self.highlighted, Person):
            found = tuple((link.title, link.url) for link in person.links)
            if not found:
                self.notify("The programme gives no address for this person.", severity="warning")
                return
        elif (session := self._highlighted_or_warn()) is None:
            return
        else:
            found = session_addresses(session)
        if not found:
            self.notify("This session shows no address.", severity="warning")
        elif len(found) == 1:
            self._copy_address(found[0][1])
        else:
            options = [(f"{title}\n{address}", address) for title, address in found]
            self._pick("Copy which address?", options, self._copy_address)

    def _copy_address(self, address: str) -> None:
        self.app.copy_to_clipboard(address)
        self.notify(address, title="Address sent to the clipboard")

    def action_toggle_timetable(self) -> None:
        """The current day as a timetable, or as a list again."""
        other = self.tab.toggled()
        if other is None:
            self.notify("The timetable shows one day: pick a day first.", severity="warning")
        else:
            self.show_view(other)

    def action_show_now(self) -> None:
        """The Now tab: what runs now and what starts soon."""
        self.show_view(NowView())

    def action_choose_look_ahead(self) -> None:
        options = [(f"{duration_text(span)} ahead", span) for span in AHEAD_CHOICES]
        self._pick("The Now view shows what starts…", options, self._set_look_ahead)

    def _set_look_ahead(self, span: timedelta) -> None:
        try:
            self.plan.store.set_app_setting(NOW_AHEAD, str(int(span.total_seconds() // 60)))
        except StoreError as error:
            self._not_saved(str(error))
            return
        self.notify(f"The Now view shows what starts in the next {duration_text(span)}.")
        if self.view.follows_clock:
            self._show_view()

    def action_open_media(self) -> None:
        """Open the highlighted session's recording or stream; with several, ask which."""
        session = self._highlighted_or_warn()
        if session is None:
            return
        media = session.media
        if not media:
            why = " The programme says it will not be recorded." if session.not_recorded else ""
            self.notify(f"This session has no recording or stream.{why}", severity="warning")
        elif len(media) == 1:
            open_address(self, media[0][1].url)
        else:
            options = [
                (f"{kind.label}: {link.title}\n{link.url}", link.url) for kind, link in media
            ]
            self._pick("Open which?", options, lambda address: open_address(self, address))

    def action_open_feedback(self) -> None:
        """Open the highlighted session's feedback page."""
        session = self._highlighted_or_warn()
        if session is None:
            return
        if not session.feedback_url:
            self.notify("The programme gives this session no feedback address.", severity="warning")
            return
        open_address(self, session.feedback_url)

    def places_of(self, room: str | None) -> tuple[Paper, ...]:
        """Where a room is, from the catalogue entry: its indoor map, its coordinates."""
        if self.venue is None or not room:
            return ()
        if room not in self._places:
            links = self.venue.venue_links(room)
            self._places[room] = tuple(Paper(f"{link.title}: {room}", link.url) for link in links)
        return self._places[room]

    def action_open_venue(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        if self.venue is None:
            self.notify(
                "Maps of rooms come from a catalogue entry, and this programme was not "
                "opened from one (O opens the catalogue's).",
                severity="warning",
            )
            return
        places = self.places_of(session.room)
        if not places:
            where = session.room or "This session's room"
            self.notify(f"The catalogue gives no map or place for {where}.", severity="warning")
        elif len(places) == 1:
            open_address(self, places[0].url)
        else:
            options = [(f"{place.title}\n{place.url}", place.url) for place in places]
            self._pick("Open which?", options, lambda url: open_address(self, url))

    def take_shared(self, taken: Taken, *, replace: bool) -> None:
        """Take in a shared plan's sessions, and say what matched and what did not."""
        from hldtui.share import take

        self._change_plan(lambda: take(self.plan, taken, replace=replace))
        how = "Your plan was replaced" if replace else "The link's plan was merged into yours"
        message = f"{how}: {len(taken.levels)} ★/☆, {len(taken.hidden)} hidden."
        if taken.unmatched:
            ids = ", ".join(one_line(key, 40) for _, key in taken.unmatched[:10])
            more = f" and {len(taken.unmatched) - 10} more" if len(taken.unmatched) > 10 else ""
            message += f" {len(taken.unmatched)} ids match no session: {ids}{more}."
        self.notify(
            message,
            title="Shared plan taken in",
            severity="warning" if taken.unmatched else "information",
            timeout=20,
        )

    def action_show_people(self) -> None:
        """The People tab: everyone the programme names."""
        if not any(isinstance(view, PeopleView) for view in self.tabs):
            self.notify(NO_PEOPLE, severity="warning")
            return
        self.show_view(PeopleView())

    def action_session_people(self) -> None:
        """The highlighted session's people: one opens at once, several are asked about."""
        session = self._highlighted_or_warn()
        if session is None:
            return
        if not session.chairs:
            self.notify("The programme names no one for this session.", severity="warning")
        elif len(session.chairs) == 1:
            self.show_person(session.chairs[0])
        else:
            options = [(self.schedule.title_of(name), name) for name in session.chairs]
            self._pick(f"{session.kind.people_label}…", options, self.show_person)

    def show_person(self, name: str) -> None:
        """A person's page: what the programme says of them, then their sessions."""
        self.show_view(PersonView(name))

    def action_show_agenda(self) -> None:
        """The agenda tab: every favourite, in time order."""
        self.show_view(AgendaView())

    def action_jump_to_session(self) -> None:
        """The palette over every session, built once per zone."""
        from textual.command import CommandPalette

        if self._jump is None:
            from hldtui.ui.palette import SessionJump

            self._jump = SessionJump(self, self.schedule.sessions, self.zone)
        # Textual's own search_commands hands the palette a provider made already, as
        # here; its annotation names only classes.
        palette = CommandPalette(
            providers=[self._jump],  # type: ignore[list-item]
            placeholder="Jump to a session…",
        )
        self.app.push_screen(palette)

    # Operations

    @property
    def session_list(self) -> SessionList:
        return self.query_one(SessionList)

    def show_view(self, view: View) -> None:
        self.view = view
        grid = view.widget == "grid"
        self.set_focus(self.query_one(TimetableGrid) if grid else self.session_list)

    def jump_to(self, session: Session) -> None:
        """Show a session's day with the cursor on it, leaving search if it is open."""
        day = self.tab.at_day(session.day)
        self._remembered[day.tab_id] = session.id
        if self.view == day:
            self._show_view()
        self.show_view(day)

    def cycle_interest(self, session: Session) -> None:
        """none → ★ will attend → ☆ maybe → none, saved at once, with any clash announced.
        The answer is the row's mark, the detail and the bottom line, all in the key's
        frame; a toast would take frames of its own."""
        level = next_interest(self.plan.level(session.id))
        self._change_plan(
            lambda: self.plan.set_level(session.id, level),
            answer=lambda: self._interest_said(session, level),
        )

    def _interest_said(self, session: Session, level: Interest | None) -> Said:
        if level is None:
            return Said(f"{session.display_title} removed from your agenda.")
        message = f"{level.mark} {session.display_title}: {level.label}."
        clashing = self.plan.clashes_for(session)
        if clashing:
            names = "; ".join(titled_time(other, self.zone) for other in clashing)
            return Said(f"{message} ⚠ Overlaps with {names}.", warning=True)
        return Said(message)

    def save_note(self, session: Session, text: str) -> None:
        self._change_plan(lambda: self.plan.set_note(session.id, text))
        self.notify("Note saved." if text.strip() else "Note removed.")

    # Helpers

    def _pick(
        self, title: str, options: list[tuple[str, Answer]], act: Callable[[Answer], object]
    ) -> None:
        """Show a picker at once, and act on the entry taken (Esc does nothing). A
        callback, not `push_screen_wait`: see `_ask`."""
        from hldtui.ui.screens.picker import PickerScreen

        def taken(answer: Answer | None) -> None:
            if answer is not None:
                act(answer)

        self.app.push_screen(PickerScreen(title, options), taken)

    def _choose_filter(self, choice: FilterChoice) -> None:
        self.filter = self.filter.choose(choice)

    def _ask(self, question: Screen[Answer]) -> asyncio.Future[Answer | None]:
        """Show a question at once and return its answer to await in a worker. Not
        `push_screen_wait`: a worker starts only after the keys already queued, so the keys
        typed after the one that asks (a burst, a paste) would miss the question, and the
        same key twice would stack two of them."""
        answer: asyncio.Future[Answer | None] = asyncio.get_running_loop().create_future()
        self.app.push_screen(question, answer.set_result)
        return answer

    def _change_plan(
        self, change: Callable[[], PlanChange], *, answer: Callable[[], Said] | None = None
    ) -> None:
        """Make a change to the plan, tell the user if it could not be saved, and show it;
        ``answer`` is what the bottom line says of it."""
        try:
            done = change()
        except NotSaved as error:
            self._not_saved(str(error))
            done = error.change
        self._report_plan_warnings()
        if answer is not None:
            # Before the rows: a widget asked to repaint last can miss the frame.
            self.said = answer()
        if done:
            self._show_plan_change(done)
        if self.plan.unsaved:
            # Once the key's frame is drawn: a thread writing meanwhile would slow it.
            self.call_after_refresh(self._save_plan)

    @work(thread=True, group="save")
    def _save_plan(self) -> None:
        """Write the plan to disk away from the keys; saves queue behind one another."""
        try:
            self.plan.save()
        except StoreError as error:
            with suppress(RuntimeError):
                self.app.call_from_thread(self._not_saved, str(error))

    def _not_saved(self, reason: str) -> None:
        self.notify(reason, title="Not saved", severity="error", timeout=15)

    def _highlighted_or_warn(self) -> Session | None:
        """The session the keys have reached in the list or the timetable: a key that comes
        in the same burst as a move acts on where the move went."""
        shown = self.query_one(TimetableGrid) if self.view.widget == "grid" else self.session_list
        session = shown.highlighted_session
        if session is None:
            self.notify("Highlight a session first.", severity="warning")
        return session

    def _report_plan_warnings(self) -> None:
        for warning in self.plan.take_warnings():
            self.notify(warning, title="Favourites", severity="warning", timeout=15)

    def _prepare_index(self) -> None:
        """Fold every session for search, in a thread. The worker holds the index only
        while it works: a finished worker is kept a while, and must not keep an earlier
        version of the programme with it."""
        index = weakref.ref(self.index)

        def prepare() -> None:
            if (found := index()) is not None:
                found.prepare()

        self.run_worker(prepare, thread=True, exclusive=True, group="search-index")

    def _clashing(self) -> frozenset[str]:
        plan = self.plan
        return frozenset(s.id for s in plan.attending if plan.clashes_for(s))

    def _running_at(self, now: datetime) -> frozenset[str]:
        return frozenset(s.id for s in self.schedule.running_at(now))

    def _tick(self) -> None:
        self.now = self.clock()

    def _step_tab(self, step: int) -> None:
        """The next or previous tab; a day stays a timetable while timetables are shown."""
        ids = [view.id for view in self.tabs]
        position = (ids.index(self.tab.tab_id) + step) % len(self.tabs)
        view = self.tabs[position]
        self.view = self.tab.at_day(view.day) if view.day is not None else view

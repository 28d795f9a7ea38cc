"""The main screen: the tabs, the session list, the detail pane and the now/next line.

Its state is a handful of reactives: the view, the zone, the filter, the highlighted
session, the time, the running sessions and the plan's revision. Watchers and data
bindings push them down to the widgets; widgets report up with messages, and every change
to the plan arrives as one `PlanChanged`.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from types import MappingProxyType

from textual import events, on
from textual.app import ComposeResult
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widgets import Input

from hldtui.changes import Change, Notices
from hldtui.filters import Filter, FilterChoice, choices
from hldtui.model import Interest, Session, next_interest
from hldtui.plan import NotSaved, Plan, PlanChange
from hldtui.planner import Phase, now_and_next
from hldtui.present import session_addresses, titled_time
from hldtui.search import SEARCH_LIMIT, AboutEntry, SearchIndex
from hldtui.timetable import Timetable
from hldtui.timezones import no_zone_message, zone_name
from hldtui.ui.commands import bindings
from hldtui.ui.messages import ChangesSeen, Highlighted, NoticesChosen, PlanChanged, Selected
from hldtui.ui.views import (
    AgendaView,
    ChangesView,
    DayView,
    Listing,
    Scope,
    SearchView,
    TimetableView,
    View,
    tab_views,
)
from hldtui.ui.widgets.day_tabs import DayTabs
from hldtui.ui.widgets.header import ConferenceHeader
from hldtui.ui.widgets.key_bar import KeyBar
from hldtui.ui.widgets.now_line import NowLine
from hldtui.ui.widgets.rows import RowLayout, Target
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
from hldtui.ui.widgets.session_list import SessionList
from hldtui.ui.widgets.timetable_grid import GridLayout, TimetableGrid

CLOCK_SECONDS = 30.0
KEPT_LISTINGS = 16
"""Listings remembered per (view, filter, plan revision), so going back to a day is free."""


class SearchInput(Input):
    BINDINGS = bindings("search")

    # The field's size never depends on its text, so a character typed needs no layout of
    # the screen: the results come in the frame that shows it.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def action_focus_results(self) -> None:
        self.screen.set_focus(self.screen.query_one(SessionList))

    def _on_paste(self, event: events.Paste) -> None:
        """A paste longer than the field holds is cut to fit, where Input would drop it."""
        event.stop()
        lines = event.text.splitlines()
        if not lines:
            return
        start, end = sorted(self.selection)
        room = max(0, (self.max_length or SEARCH_LIMIT) - len(self.value) + (end - start))
        if self.selection.is_empty:
            self.insert_text_at_cursor(lines[0][:room])
        else:
            self.replace(lines[0][:room], start, end)


class MainScreen(Screen):
    BINDINGS = bindings("main")

    view: reactive[View] = reactive(View, init=False, repaint=False)
    zone: reactive[tzinfo] = reactive(UTC, init=False, repaint=False)
    filter: reactive[Filter] = reactive(Filter, init=False, repaint=False)
    highlighted: reactive[Target | None] = reactive(None, init=False, repaint=False)
    now: reactive[datetime] = reactive(lambda: datetime.now(UTC), init=False, repaint=False)
    running: reactive[frozenset[str]] = reactive(frozenset, init=False, repaint=False)
    revision: reactive[int] = reactive(0, init=False, repaint=False)
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
    ) -> None:
        super().__init__()
        self.plan = plan
        self.schedule = schedule = plan.schedule
        self.clock = clock
        self.conference_zone = schedule.conference.zone
        self.viewer_zone = viewer_zone
        self.index = SearchIndex(schedule, lambda: plan.notes)
        self.changes = changes
        self._take_changes(changes)
        self.tabs = tab_views(schedule, changes)
        self.places = any(session.room or session.track for session in schedule.sessions)
        self._cursor: dict[str, str] = {}
        """The session last highlighted in each view, to come back to."""
        self._tab = self.tabs[0]
        """The tab shown, or shown under search."""
        self._listings: OrderedDict[tuple[View, Filter, int], Listing] = OrderedDict()
        self._jump: Provider | None = None
        now = clock()
        self.set_reactive(MainScreen.view, self._tab)
        self.set_reactive(
            MainScreen.zone, viewer_zone if start_in_viewer_zone else self.conference_zone
        )
        self.set_reactive(MainScreen.filter, Filter())
        self.set_reactive(MainScreen.now, now)
        self.set_reactive(MainScreen.running, self._running_at(now))
        self.set_reactive(MainScreen.revision, plan.revision)

    def compose(self) -> ComposeResult:
        yield ConferenceHeader(self.schedule.conference).data_bind(
            MainScreen.filter, MainScreen.offline
        )
        yield DayTabs(self.tabs)
        yield NowLine(self.schedule, id="now-line").data_bind(MainScreen.zone, MainScreen.now)
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield SearchInput(
                    placeholder="Search all days…", id="search", max_length=SEARCH_LIMIT
                )
                yield SessionList(id="sessions").data_bind(cursor=MainScreen.highlighted)
            yield TimetableGrid(id="grid").data_bind(cursor=MainScreen.highlighted)
            with Vertical(id="detail"):
                yield SessionDetail(self.plan, self._changed, id="detail-body").data_bind(
                    shown=MainScreen.highlighted,
                    zone=MainScreen.zone,
                    running=MainScreen.running,
                    revision=MainScreen.revision,
                )
                yield PaperList(id="papers").data_bind(shown=MainScreen.highlighted)
        yield KeyBar()

    def on_mount(self) -> None:
        status = now_and_next(self.schedule, self.now)
        if status.phase is Phase.DURING and status.today in self.schedule.days:
            today = DayView(status.today)
            # The session the delegate means to be in, if one is running.
            levels = self.plan.levels
            ranked = sorted(
                status.running or status.upcoming,
                key=lambda s: (levels.get(s.id) is not Interest.ATTEND, s.id not in levels),
            )
            if ranked:
                self._cursor[today.id] = ranked[0].id
            self._tab = today
            self.set_reactive(MainScreen.view, today)
        self._show_view()
        self.set_interval(CLOCK_SECONDS, self._tick)
        # Folding every session for search waits until the first screen is drawn.
        self.call_after_refresh(self._prepare_index)
        self.watch(self.query_one(SearchInput), "value", self._search_changed, init=False)
        self.session_list.focus()
        self._report_plan_warnings()
        if self.changes:
            self._announce_changes()

    def _take_changes(self, changes: tuple[Change, ...]) -> None:
        self.changes = changes
        self._changed = MappingProxyType({change.session.id: change for change in changes})
        """What changed since the programme was last seen, by session."""
        self._badges = MappingProxyType(
            {change.session.id: change.kind.badge for change in changes}
        )
        """The rows' badges for what changed."""

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
        view, tab = self.view, self._tab
        scroll = self.session_list.scroll_offset.y
        self.plan = plan
        self.schedule = schedule = plan.schedule
        self.conference_zone = schedule.conference.zone
        self.index = SearchIndex(schedule, lambda: plan.notes)
        self._take_changes(changes)
        self.tabs = tab_views(schedule, changes)
        self.places = any(session.room or session.track for session in schedule.sessions)
        self._listings.clear()
        self.session_list.forget_rows()
        self._jump = None
        self.query_one(ConferenceHeader).show_conference(schedule.conference)
        self.query_one(DayTabs).show_views(self.tabs)
        self.query_one(NowLine).show_schedule(schedule)
        self.query_one(SessionDetail).show_programme(plan, self._changed)
        self._prepare_index()
        self._tab = self._nearest_view(tab)
        self.set_reactive(MainScreen.view, self._nearest_view(view))
        self.set_reactive(MainScreen.revision, plan.revision)
        self.set_reactive(MainScreen.running, self._running_at(self.now))
        self._show_view(scroll=scroll)
        if changes and announce:
            self._announce_changes()

    def _nearest_view(self, view: View) -> View:
        """``view`` in the programme shown now: itself, the nearest day to one that is no
        longer in it, or the first day for a Changes tab that is gone."""
        if isinstance(view, ChangesView):
            return next((tab for tab in self.tabs if isinstance(tab, ChangesView)), self.tabs[0])
        if isinstance(view, DayView | TimetableView):
            days = self.schedule.days
            if view.day in days:
                return view
            nearest = min(days, key=lambda day: abs((day - view.day).days))
            return DayView(nearest) if isinstance(view, DayView) else TimetableView(nearest)
        return view

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
        if not isinstance(new, SearchView):
            self._tab = new
        self.set_class(isinstance(new, SearchView), "-searching")
        self.set_class(isinstance(new, TimetableView), "-timetable")
        if isinstance(old, SearchView) != isinstance(new, SearchView):
            self.refresh_bindings()
        self._show_view()

    def watch_filter(self) -> None:
        self._show_view()

    def watch_zone(self) -> None:
        self._jump = None
        self.session_list.set_layout(replace(self.session_list.row_layout, zone=self.zone))
        if isinstance(self.view, TimetableView):
            self._show_view()

    def watch_now(self, now: datetime) -> None:
        self.running = self._running_at(now)
        if isinstance(self.view, TimetableView):
            grid = self.query_one(TimetableGrid)
            grid.set_layout(self._grid_layout(grid.table))

    def watch_running(self) -> None:
        self.session_list.set_layout(replace(self.session_list.row_layout, running=self.running))

    def _show_view(self, *, scroll: float | None = None) -> None:
        """Show the view's rows; ``scroll`` keeps the list's scroll (after a new version
        of the programme), else the list opens at its top."""
        view = self.view
        self.query_one(DayTabs).active = self._tab.tab_id
        listing = self._listing(view)
        keep = self._cursor.get(view.tab_id) if view.remembers_cursor else None
        if listing.timetable is not None:
            grid = self.query_one(TimetableGrid)
            grid.show(listing.timetable, self._grid_layout(listing.timetable), keep=keep)
            self.highlighted = grid.highlighted_session
            return
        layout = RowLayout(
            zone=self.zone,
            levels=self.plan.levels,
            running=self.running,
            is_hidden=self.plan.is_hidden if self.filter.show_hidden else None,
            places=self.places,
            show_day=view.show_day,
            words=listing.words,
            changed=self._badges,
        )
        self.session_list.show(listing.rows, layout, keep=keep, scroll=scroll)
        # The detail follows in the same frame, not a message later.
        self.highlighted = self.session_list.highlighted_target

    def _grid_layout(self, table: Timetable) -> GridLayout:
        clashing = frozenset(s.id for s in self.plan.attending if self.plan.clashes_for(s))
        return GridLayout(
            zone=self.zone,
            levels=self.plan.levels,
            clashing=clashing,
            now_row=table.row_of(self.now),
        )

    def _listing(self, view: View) -> Listing:
        key = (view, self.filter, self.plan.revision)
        listing = self._listings.get(key)
        if listing is None:
            listing = view.listing(Scope(self.schedule, self.plan, self.filter, self.index))
            self._listings[key] = listing
            if len(self._listings) > KEPT_LISTINGS:
                self._listings.popitem(last=False)
        else:
            self._listings.move_to_end(key)
        return listing

    # Changes coming up

    @on(PlanChanged)
    def _plan_changed_elsewhere(self, message: PlanChanged) -> None:
        self._report_plan_warnings()
        self._show_plan_change(message.change)

    def _show_plan_change(self, change: PlanChange) -> None:
        """Show a change to the plan: the rows it touched, or the view's rows anew where it
        changes which rows there are, and the detail."""
        self.revision = self.plan.revision
        if self.view.rebuilds_on(change):
            self._show_view()
        elif isinstance(self.view, TimetableView):
            grid = self.query_one(TimetableGrid)
            grid.set_layout(self._grid_layout(grid.table))
        else:
            layout = replace(self.session_list.row_layout, levels=self.plan.levels)
            self.session_list.redraw_sessions(layout, change.sessions)

    @on(DayTabs.Chosen)
    def _tab_clicked(self, event: DayTabs.Chosen) -> None:
        for view in self.tabs:
            if view.id == event.tab_id:
                self.view = view

    @on(Highlighted)
    def _session_highlighted(self, event: Highlighted) -> None:
        target = event.target
        if isinstance(target, Session) and self.view.remembers_cursor:
            self._cursor[self.view.tab_id] = target.id
        self.highlighted = target

    @on(Selected)
    def _session_selected(self, event: Selected) -> None:
        target = event.target
        if isinstance(target, AboutEntry):
            from hldtui.ui.screens.about import AboutScreen

            self.app.push_screen(AboutScreen(self.schedule.conference, target.key))
        elif isinstance(self.view, SearchView):
            self.jump_to(target)
        else:
            papers = self.query_one(PaperList)
            self.set_focus(papers if papers.papers else self.query_one(SessionDetail))

    def _search_changed(self, query: str) -> None:
        """Watched on the search field's value, so results come in the frame that shows
        the character typed."""
        if isinstance(self.view, SearchView):
            self.view = SearchView(query)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.session_list.action_select()

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        searching = isinstance(self.view, SearchView)
        if action == "close_search":
            return searching
        if action == "search":
            # In the search field, / types a slash; the footer offers Esc instead.
            return not searching
        if action == "edit_note":
            # n opens the editor at once (a priority key), except in the search field.
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

    def action_close_search(self) -> None:
        if isinstance(self.view, SearchView):
            self.show_view(self._tab)

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

        def write(replace: bool | None = True) -> None:
            if not replace:
                self.notify(f"{path} was left as it was.")
                return
            try:
                export.write()
            except OSError as error:
                self.notify(f"Could not write {path}: {error.strerror or error}.", severity="error")
                return
            floating = " Their times are floating: the programme gives no time zone."
            self.notify(
                f"{export.count} favourites written to {path}."
                + (floating if export.floating else ""),
                title="Calendar exported",
                timeout=10,
            )

        if path.exists() or path.is_symlink():
            self.app.push_screen(
                ConfirmScreen(f"{path.name} is already in {path.parent}.", "Replace it?"), write
            )
        else:
            write()

    def action_pick_kind_or_track(self) -> None:
        options = choices(self.schedule.sessions).kind_or_track_options()
        self._pick("Show only one kind or track", options)

    def action_pick_room(self) -> None:
        options = choices(self.schedule.sessions).room_options()
        if not options:
            self.notify("This programme names no rooms.", severity="warning")
            return
        self._pick("Show only one room", options)

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
        from hldtui.ui.screens.picker import PickerScreen

        def picked(notices: Notices | None) -> None:
            if notices is not None:
                self.post_message(NoticesChosen(notices))

        options = [(f"Changes to {notices.label}", notices) for notices in Notices]
        self.app.push_screen(PickerScreen("Tell me of changes to…", options), picked)

    def action_copy_address(self) -> None:
        """Copy the paper highlighted in the papers, or else an address the session shows."""
        papers = self.query_one(PaperList)
        if papers.has_focus and (paper := papers.highlighted_paper):
            self._copy_address(paper.url)
            return
        session = self._highlighted_or_warn()
        if session is None:
            return
        found = session_addresses(session)
        if not found:
            self.notify("This session shows no address.", severity="warning")
        elif len(found) == 1:
            self._copy_address(found[0][1])
        else:
            from hldtui.ui.screens.picker import PickerScreen

            def picked(address: str | None) -> None:
                if address is not None:
                    self._copy_address(address)

            options = [(f"{title}\n{address}", address) for title, address in found]
            self.app.push_screen(PickerScreen("Copy which address?", options), picked)

    def _copy_address(self, address: str) -> None:
        self.app.copy_to_clipboard(address)
        self.notify(address, title="Address sent to the clipboard")

    def action_toggle_timetable(self) -> None:
        """The current day as a timetable, or as a list again."""
        tab = self._tab
        if isinstance(tab, TimetableView):
            self.show_view(DayView(tab.day))
        elif isinstance(tab, DayView):
            self.show_view(TimetableView(tab.day))
        else:
            self.notify("The timetable shows one day: pick a day first.", severity="warning")

    def action_show_agenda(self) -> None:
        """The agenda tab: every favourite, in time order."""
        self.show_view(AgendaView())

    def action_jump_to_session(self) -> None:
        """The palette over every session, built once per zone."""
        from textual.command import CommandPalette

        from hldtui.ui.palette import SessionJump

        if self._jump is None:
            self._jump = SessionJump(self, self.zone)
        # Textual's own search_commands hands the palette a provider made already, as
        # here; its annotation names only classes.
        palette = CommandPalette(
            providers=[self._jump],  # type: ignore[list-item]
            placeholder="Jump to a session…",
        )
        self.app.push_screen(palette)

    # Operations the palette shares

    @property
    def session_list(self) -> SessionList:
        return self.query_one(SessionList)

    def show_view(self, view: View) -> None:
        self.view = view
        grid = isinstance(view, TimetableView)
        self.set_focus(self.query_one(TimetableGrid) if grid else self.session_list)

    def jump_to(self, session: Session) -> None:
        """Show a session's day with the cursor on it, leaving search if it is open."""
        day: View = DayView(session.day)
        if isinstance(self._tab, TimetableView):
            day = TimetableView(session.day)
        self._cursor[day.tab_id] = session.id
        if self.view == day:
            self._show_view()
        self.show_view(day)

    def cycle_interest(self, session: Session) -> None:
        """none → ★ will attend → ☆ maybe → none, saved at once, with any clash announced."""
        level = next_interest(self.plan.level(session.id))
        self._change_plan(lambda: self.plan.set_level(session.id, level))
        if level is None:
            self.notify(f"{session.display_title} removed from your agenda.")
            return
        message = f"{level.mark} {session.display_title}: {level.label}."
        clashing = self.plan.clashes_for(session)
        if clashing:
            names = "; ".join(titled_time(other, self.zone) for other in clashing)
            self.notify(f"{message} ⚠ Overlaps with {names}.", severity="warning")
        else:
            self.notify(message)

    def save_note(self, session: Session, text: str) -> None:
        self._change_plan(lambda: self.plan.set_note(session.id, text))
        self.notify("Note saved." if text.strip() else "Note removed.")

    # Helpers

    def _pick(self, title: str, options: list[tuple[str, FilterChoice]]) -> None:
        from hldtui.ui.screens.picker import PickerScreen

        def picked(choice: FilterChoice | None) -> None:
            if choice is not None:
                self.filter = self.filter.choose(choice)

        self.app.push_screen(PickerScreen(title, options), picked)

    def _change_plan(self, change: Callable[[], PlanChange]) -> None:
        """Make a change to the plan, tell the user if it could not be saved, and send it
        up for the screen to show."""
        try:
            done = change()
        except NotSaved as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            done = error.change
        self._report_plan_warnings()
        if done:
            self._show_plan_change(done)

    def _highlighted_or_warn(self) -> Session | None:
        """The session the keys have reached in the list or the timetable: a key that comes
        in the same burst as a move acts on where the move went."""
        shown = isinstance(self.view, TimetableView)
        session = (
            self.query_one(TimetableGrid) if shown else self.session_list
        ).highlighted_session
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

    def _running_at(self, now: datetime) -> frozenset[str]:
        return frozenset(s.id for s in self.schedule.running_at(now))

    def _tick(self) -> None:
        self.now = self.clock()

    def _step_tab(self, step: int) -> None:
        """The next or previous tab; a day stays a timetable while timetables are shown."""
        ids = [view.id for view in self.tabs]
        position = (ids.index(self._tab.tab_id) + step) % len(self.tabs)
        view = self.tabs[position]
        if isinstance(self._tab, TimetableView) and isinstance(view, DayView):
            view = TimetableView(view.day)
        self.view = view

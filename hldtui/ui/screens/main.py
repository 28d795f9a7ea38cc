"""The main screen: day tabs, the session list, the detail pane and the now/next line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from hldtui.exports.text import status_line
from hldtui.filters import Filter, choices
from hldtui.model import Interest, Schedule, Session, next_interest
from hldtui.planner import Phase, agenda, clashes_with, now_and_next
from hldtui.search import SearchIndex, query_words
from hldtui.store import FavouritesStore, StoreError, export_dir, write_atomically
from hldtui.text import cut, one_line
from hldtui.timezones import no_zone_message, zone_name
from hldtui.ui.formatting import day_label, time_range
from hldtui.ui.screens.about import AboutScreen
from hldtui.ui.screens.confirm import ConfirmScreen
from hldtui.ui.widgets.day_tabs import AGENDA_TAB, DayTabs, day_tab_id
from hldtui.ui.widgets.header import ConferenceHeader
from hldtui.ui.widgets.session_detail import DetailView, PaperList, SessionDetail
from hldtui.ui.widgets.session_list import Marks, SessionList

Choice = tuple[str, object]
SEARCH_HINT = "Type to search titles, themes, descriptions, chairs, rooms, papers and notes."
NO_FAVOURITES = "Your agenda is empty. Press f on a session: ★ will attend, again for ☆ maybe."
DAYS = Binding.Group("Day", compact=True)
# Search shows the best matches; more than this is a cue to type another word.
SEARCH_LIMIT = 200


class SearchInput(Input):
    BINDINGS = [Binding("down", "focus_results", "Results", show=False)]

    def action_focus_results(self) -> None:
        self.screen.query_one(SessionList).focus()


class MainScreen(Screen):
    BINDINGS = [
        Binding(
            "left,left_square_bracket", "previous_tab", "Previous day", key_display="←", group=DAYS
        ),
        Binding("right,right_square_bracket", "next_tab", "Next day", key_display="→", group=DAYS),
        Binding("f,space", "cycle_interest", "Favourite", key_display="f"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "edit_note", "Note"),
        Binding("z", "toggle_zone", "Time zone"),
        Binding("e", "export_calendar", "Export favourites to a calendar", show=False),
        Binding("t", "pick_kind_or_track", "Filter kind/track", show=False),
        Binding("r", "pick_room", "Filter room", show=False),
        Binding("h", "hide_session", "Hide session", show=False),
        Binding("H", "hide_track", "Hide track", show=False),
        Binding("v", "toggle_hidden", "Show hidden", show=False),
        Binding("escape", "close_search", "Close search"),
    ]

    def __init__(
        self,
        schedule: Schedule,
        store: FavouritesStore,
        clock: Callable[[], datetime],
        viewer_zone: tzinfo,
        *,
        start_in_viewer_zone: bool = False,
    ) -> None:
        super().__init__()
        self.schedule = schedule
        self.store = store
        self.clock = clock
        self.conference_zone = schedule.conference.zone
        self.viewer_zone = viewer_zone
        self.zone: tzinfo = viewer_zone if start_in_viewer_zone else self.conference_zone
        self.index = SearchIndex(schedule, store.notes)
        self.filter = Filter(hidden=store.hidden, hidden_tracks=store.hidden_tracks)
        self.places = any(session.room or session.track for session in schedule.sessions)
        self.tab_ids = [day_tab_id(day) for day in schedule.days] + [AGENDA_TAB]
        self.tab_id = self.tab_ids[0]
        self.searching = False
        self._cursor: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield ConferenceHeader(self.schedule.conference)
        yield DayTabs(self.schedule.days)
        yield Static(id="now-line", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield SearchInput(placeholder="Search all days…", id="search")
                yield Static(id="list-message", markup=False)
                yield SessionList(self._marks(), id="sessions")
            yield SessionDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        status = now_and_next(self.schedule, self.clock())
        if status.phase is Phase.DURING and status.today in self.schedule.days:
            self.tab_id = day_tab_id(status.today)
            # The session the delegate means to be in, if one is running.
            levels = self.store.levels
            ranked = sorted(
                status.running or status.upcoming,
                key=lambda s: (levels.get(s.id) is not Interest.ATTEND, s.id not in levels),
            )
            if ranked:
                self._cursor[self.tab_id] = ranked[0].id
        self._show_active_tab()
        self._show_tab(self.tab_id)
        self._show_now()
        self.set_interval(30, self._tick)
        # Folding every session for search waits until the first screen is drawn.
        self.call_after_refresh(
            self.run_worker, self.index.prepare, thread=True, exclusive=True, group="search-index"
        )
        self.session_list.focus()
        self._report_store_warnings()

    def on_resize(self) -> None:
        self._show_now()

    # What the widgets report

    @on(DayTabs.Chosen)
    def _tab_clicked(self, event: DayTabs.Chosen) -> None:
        if event.tab_id != self.tab_id:
            self.go_to_tab(event.tab_id)

    @on(SessionList.Highlighted)
    def _session_highlighted(self, event: SessionList.Highlighted) -> None:
        session = event.session
        if session is not None and not self.searching:
            self._cursor[self.tab_id] = session.id
        self._show_detail(session)

    @on(SessionList.AboutSelected)
    def _about_selected(self, event: SessionList.AboutSelected) -> None:
        self.app.push_screen(AboutScreen(self.schedule.conference, event.entry.key))

    @on(SessionList.Selected)
    def _session_selected(self, event: SessionList.Selected) -> None:
        session = event.session
        if self.searching:
            self.jump_to(session)
            return
        papers = self.query_one(PaperList)
        (papers if papers.papers else self.query_one(SessionDetail)).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._show_results(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.session_list.action_select()

    # Actions

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def action_next_tab(self) -> None:
        self._step_tab(+1)

    def action_cycle_interest(self) -> None:
        session = self._highlighted_or_warn()
        if session is not None:
            self.cycle_interest(session)

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        self.searching = True
        self.set_class(True, "-searching")
        search.focus()
        self._show_results(search.value)
        self.refresh_bindings()

    def action_close_search(self) -> None:
        if self.searching:
            self._leave_search()
            self._show_tab(self.tab_id)
            self.session_list.focus()

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
        moment = self.schedule.sessions[0].start if self.schedule.sessions else self.clock()
        if zone_name(self.viewer_zone, moment) == zone_name(self.conference_zone, moment):
            self.notify("Your time zone is the conference's, so times stay as they are.")
        else:
            self.notify(f"Times now in {zone_name(self.zone, moment)}.")
        self._refresh_marks()
        self._show_now()

    def action_edit_note(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        from hldtui.ui.screens.note import NoteScreen

        def saved(text: str | None) -> None:
            if text is not None:
                self.save_note(session, text)

        self.app.push_screen(NoteScreen(session.display_title, self.store.note(session.id)), saved)

    def action_export_calendar(self) -> None:
        """Favourites to `<conference>-agenda.ics` in the documents directory, asking
        before replacing a file there."""
        from hldtui.exports.ics import agenda_file_name, to_ical

        sessions = self.schedule.only(self.store.ids)
        if not sessions:
            self.notify("Star some sessions first: f marks a favourite.", severity="warning")
            return
        path = export_dir() / agenda_file_name(self.schedule)
        data = to_ical(self.schedule, sessions, levels=self.store.levels, notes=self.store.notes)

        def write(replace: bool | None = True) -> None:
            if not replace:
                self.notify(f"{path} was left as it was.")
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, data)
            except OSError as error:
                self.notify(f"Could not write {path}: {error.strerror or error}.", severity="error")
                return
            floating = (
                ""
                if self.schedule.conference.has_zone
                else " Their times are floating: the programme gives no time zone."
            )
            self.notify(
                f"{len(sessions)} favourites written to {path}.{floating}",
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
        found = choices(self.schedule.sessions)
        options: list[tuple[str, Choice]] = [("Every kind and track", ("all", None))]
        options += [
            (f"Kind: {kind.label} ({count})", ("kind", kind)) for kind, count in found.kinds
        ]
        options += [
            (f"Track: {track} ({count})", ("track", track)) for track, count in found.tracks
        ]
        self._pick("Show only one kind or track", options)

    def action_pick_room(self) -> None:
        found = choices(self.schedule.sessions)
        if not found.rooms:
            self.notify("This programme names no rooms.", severity="warning")
            return
        options: list[tuple[str, Choice]] = [("Every room", ("room", None))]
        options += [(f"{room} ({count})", ("room", room)) for room, count in found.rooms]
        self._pick("Show only one room", options)

    def set_filter(self, field: str, value: object) -> None:
        """Filter by 'kind', 'track' or 'room' (None clears it); 'all' clears every filter."""
        if field == "all":
            self.filter = replace(self.filter, kind=None, track=None, room=None)
        elif field == "kind":
            self.filter = replace(self.filter, kind=value, track=None)
        elif field == "track":
            self.filter = replace(self.filter, track=value, kind=None)
        else:
            self.filter = replace(self.filter, room=value)
        self._after_filter_change()

    def action_hide_session(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        hide = session.id not in self.store.hidden
        self._save(lambda: self.store.set_hidden(session.id, hide))
        if hide:
            self.notify(
                f"{session.display_title} hidden. v shows hidden sessions, h again unhides."
            )
        else:
            self.notify(f"{session.display_title} shown again.")
        self._after_filter_change()

    def action_hide_track(self) -> None:
        session = self._highlighted_or_warn()
        if session is None:
            return
        if not session.track:
            self.notify("This session has no track.", severity="warning")
            return
        hide = session.track not in self.store.hidden_tracks
        self._save(lambda: self.store.set_track_hidden(session.track, hide))
        verb = "hidden" if hide else "shown again"
        self.notify(f"Track {session.track} {verb}.")
        self._after_filter_change()

    def action_toggle_hidden(self) -> None:
        self.filter = replace(self.filter, show_hidden=not self.filter.show_hidden)
        shown = "shown, marked ⊘" if self.filter.show_hidden else "left out"
        self.notify(f"Hidden sessions are {shown}.")
        self._after_filter_change()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_search":
            return self.searching
        if action == "search":
            # In the search field, / types a slash; the footer offers Esc instead.
            return not self.searching
        return True

    # Operations shared with the command palette

    @property
    def session_list(self) -> SessionList:
        return self.query_one(SessionList)

    def jump_to(self, session: Session) -> None:
        """Show a session's day with the cursor on it, leaving search if it is open."""
        tab_id = day_tab_id(session.day)
        self._cursor[tab_id] = session.id
        self.go_to_tab(tab_id)
        self.session_list.focus()

    def go_to_tab(self, tab_id: str) -> None:
        """Show a day's tab (see day_tab_id) or the agenda tab."""
        if self.searching:
            self._leave_search()
        self.tab_id = tab_id
        self._show_active_tab()
        self._show_tab(tab_id)

    def cycle_interest(self, session: Session) -> None:
        """none → ★ will attend → ☆ maybe → none, saved at once, with any clash announced."""
        level = next_interest(self.store.level(session.id))
        self._save(lambda: self.store.set_level(session.id, level))
        if level is None:
            self.notify(f"{session.display_title} removed from your agenda.")
        else:
            message = f"{level.mark} {session.display_title}: {level.label}."
            clashing = self._clashes(session) if level is Interest.ATTEND else ()
            if clashing:
                names = "; ".join(
                    f"{other.display_title} ({time_range(other, self.zone)})" for other in clashing
                )
                self.notify(f"{message} ⚠ Overlaps with {names}.", severity="warning")
            else:
                self.notify(message)
        if self.tab_id == AGENDA_TAB and not self.searching:
            self._show_tab(self.tab_id)
        else:
            self._refresh_marks()

    def save_note(self, session: Session, text: str) -> None:
        self._save(lambda: self.store.set_note(session.id, text))
        self.index.set_note(session.id, self.store.note(session.id))
        self.notify("Note saved." if text.strip() else "Note removed.")
        self._show_detail(self.session_list.highlighted_session)

    # Drawing

    def _pick(self, title: str, options: list[tuple[str, Choice]]) -> None:
        from hldtui.ui.screens.picker import PickerScreen

        def picked(choice: Choice | None) -> None:
            if choice is not None:
                self.set_filter(*choice)

        self.app.push_screen(PickerScreen(title, options), picked)

    def _save(self, change: Callable[[], None]) -> None:
        """Run a change to the store, telling the user if it could not be saved."""
        try:
            change()
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
        self._report_store_warnings()

    def _after_filter_change(self) -> None:
        self.filter = replace(
            self.filter, hidden=self.store.hidden, hidden_tracks=self.store.hidden_tracks
        )
        self.query_one(ConferenceHeader).show_filter(self.filter.describe())
        if self.searching:
            self._show_results(self.query_one(SearchInput).value)
        else:
            self._show_tab(self.tab_id)

    def _highlighted_or_warn(self) -> Session | None:
        session = self.session_list.highlighted_session
        if session is None:
            self.notify("Highlight a session first.", severity="warning")
        return session

    def _report_store_warnings(self) -> None:
        for warning in self.store.take_warnings():
            self.notify(warning, title="Favourites", severity="warning", timeout=15)

    def _clashes(self, session: Session) -> tuple[Session, ...]:
        levels = self.store.levels
        if levels.get(session.id) is not Interest.ATTEND:
            return ()
        attending = (
            s for s in self.schedule.only(frozenset(levels)) if levels[s.id] is Interest.ATTEND
        )
        return clashes_with(session, attending)

    def _marks(self) -> Marks:
        now = self.clock()
        sessions = self.schedule.sessions
        running = frozenset(s.id for s in sessions if s.is_running(now))
        hidden = (
            frozenset(s.id for s in sessions if self.filter.is_hidden(s))
            if self.filter.show_hidden
            else frozenset()
        )
        return Marks(
            zone=self.zone,
            levels=self.store.levels,
            running=running,
            hidden=hidden,
            places=self.places,
        )

    def _refresh_marks(self) -> None:
        self.session_list.update_marks(self._marks())
        self._show_detail(self.session_list.highlighted_session)

    def _tick(self) -> None:
        marks = self._marks()
        if marks.running != self.session_list.marks.running:
            self._refresh_marks()
        self._show_now()

    def _show_now(self) -> None:
        """The zone in use, then where the conference stands."""
        status = now_and_next(self.schedule, self.clock())
        moment = self.schedule.sessions[0].start if self.schedule.sessions else self.clock()
        zone = f"[{moment.astimezone(self.zone).tzname() or 'as written'}] "
        now_line = self.query_one("#now-line", Static)
        # The line has two rows; on a narrow screen it names only the first of several.
        room = 2 * max(1, now_line.size.width - 2) - len(zone)
        text = status_line(self.schedule, status, self.zone)
        if len(text) > room:
            text = cut(status_line(self.schedule, status, self.zone, brief=True), room)
        now_line.update(Content.assemble((zone, "bold $text-secondary"), text))

    def _show_active_tab(self) -> None:
        self.query_one(DayTabs).active = self.tab_id

    def _step_tab(self, step: int) -> None:
        position = (self.tab_ids.index(self.tab_id) + step) % len(self.tab_ids)
        self.go_to_tab(self.tab_ids[position])

    def _leave_search(self) -> None:
        self.searching = False
        self.set_class(False, "-searching")
        self.refresh_bindings()

    def _show_tab(self, tab_id: str) -> None:
        session_list = self.session_list
        keep = self._cursor.get(tab_id)
        if tab_id == AGENDA_TAB:
            self.store.refresh()
        session_list.marks = self._marks()
        if tab_id == AGENDA_TAB:
            days = agenda(self.schedule, self.store.levels)
            session_list.show_agenda(days, keep=keep)
            self._set_message("" if days else NO_FAVOURITES)
        else:
            day = date.fromisoformat(tab_id.removeprefix("day-"))
            everything = self.schedule.on_day(day)
            sessions = self.filter.apply(everything)
            session_list.show_sessions(sessions, keep=keep)
            if sessions:
                self._set_message("")
            elif everything:
                self._set_message(
                    f"No session on {day_label(day)} is left by the filter or what you hid "
                    "(t and r change the filter, v shows hidden sessions)."
                )
            else:
                self._set_message(f"No sessions on {day_label(day)}.")
        self._show_detail(session_list.highlighted_session)

    def _show_results(self, query: str) -> None:
        words = query_words(query)
        hits = self.index.search(query, limit=SEARCH_LIMIT, accept=self.filter.admits)
        about = self.index.search_about(query)
        self.session_list.show_hits(hits, words, about)
        found = self.index.match_count if words else 0
        if not words:
            self._set_message(SEARCH_HINT)
        elif not hits and not about:
            self._set_message(
                f"“{one_line(query, 60)}” is not in this programme: no session, paper, note "
                "or About passage mentions it."
            )
        elif found > len(hits):
            self._set_message(f"The best {len(hits)} of {found:,} sessions · type more to narrow")
        else:
            counts = [f"{found} session{'s' if found != 1 else ''}"] if found else []
            if about:
                counts.append(f"{len(about)} About passage{'s' if len(about) != 1 else ''}")
            self._set_message(f"{' and '.join(counts)} · Enter goes there")
        self._show_detail(self.session_list.highlighted_session)

    def _show_detail(self, session: Session | None) -> None:
        entry = self.session_list.highlighted_about
        if session is None and entry is not None:
            self.query_one(SessionDetail).show_about(entry)
            return
        view = None
        if session is not None:
            view = DetailView(
                session=session,
                zone=self.zone,
                level=self.store.level(session.id),
                note=self.store.note(session.id),
                clashes=self._clashes(session),
                running=session.is_running(self.clock()),
            )
        self.query_one(SessionDetail).show_session(view)

    def _set_message(self, text: str) -> None:
        message = self.query_one("#list-message", Static)
        message.update(text)
        message.display = bool(text)

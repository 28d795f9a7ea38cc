"""The main screen: day tabs, the session list and the detail pane."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, Tabs

from hldtui.model import Schedule, Session
from hldtui.search import SearchIndex, query_words
from hldtui.store import FavouritesStore, StoreError
from hldtui.ui.formatting import FAVOURITE_MARK, day_label
from hldtui.ui.widgets.day_tabs import FAVOURITES_TAB, DayTabs, day_tab_id
from hldtui.ui.widgets.header import ConferenceHeader
from hldtui.ui.widgets.session_detail import PaperList, SessionDetail
from hldtui.ui.widgets.session_list import SessionList

SEARCH_HINT = "Type to search titles, themes, descriptions, chairs, rooms and papers."
NO_FAVOURITES = f"No favourites yet. Press f on a session to mark it {FAVOURITE_MARK}."


DAYS = Binding.Group("Day", compact=True)


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
        Binding("f,space", "toggle_favourite", "Favourite", key_display="f"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "close_search", "Close search"),
    ]

    def __init__(self, schedule: Schedule, store: FavouritesStore) -> None:
        super().__init__()
        self.schedule = schedule
        self.store = store
        self.index = SearchIndex(schedule)
        self.tab_ids = [day_tab_id(day) for day in schedule.days] + [FAVOURITES_TAB]
        self.tab_id = self.tab_ids[0]
        self.searching = False
        self._cursor: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield ConferenceHeader(self.schedule.conference)
        yield DayTabs(self.schedule.days)
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield SearchInput(placeholder="Search all days…", id="search")
                yield Static(id="list-message")
                yield SessionList(id="sessions")
            yield SessionDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DayTabs).active = self.tab_id
        self._show_tab(self.tab_id)
        self.query_one(SessionList).focus()
        for warning in self.store.take_warnings():
            self.notify(warning, title="Favourites", severity="warning", timeout=15)

    # What the widgets report

    @on(Tabs.TabActivated)
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        if event.tab.id and event.tab.id != self.tab_id:
            self.go_to_tab(event.tab.id)

    @on(OptionList.OptionHighlighted, "#sessions")
    def _session_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        session = self.session_list.highlighted_session
        if session is not None and not self.searching:
            self._cursor[self.tab_id] = session.id
        self._show_detail(session)

    @on(OptionList.OptionSelected, "#sessions")
    def _session_selected(self, event: OptionList.OptionSelected) -> None:
        session = self.session_list.highlighted_session
        if session is None:
            return
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
        session = self.session_list.highlighted_session
        if session is not None:
            self.jump_to(session)

    # Actions

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def action_next_tab(self) -> None:
        self._step_tab(+1)

    def action_toggle_favourite(self) -> None:
        session = self.session_list.highlighted_session
        if session is None:
            self.notify("Highlight a session first.", severity="warning")
            return
        self.toggle_favourite(session)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_search":
            return self.searching
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

    def toggle_favourite(self, session: Session) -> None:
        try:
            now_favourite = self.store.toggle(session.id)
        except StoreError as error:
            now_favourite = session.id in self.store
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
        for warning in self.store.take_warnings():
            self.notify(warning, title="Favourites", severity="warning", timeout=15)
        if now_favourite:
            self.notify(f"{FAVOURITE_MARK} {session.display_title} added to favourites.")
        else:
            self.notify(f"{session.display_title} removed from favourites.")
        if self.tab_id == FAVOURITES_TAB and not self.searching:
            self._show_tab(self.tab_id)
        else:
            self.session_list.refresh_marks(self.store.ids)
            self._show_detail(self.session_list.highlighted_session)

    # Drawing

    def _step_tab(self, step: int) -> None:
        position = (self.tab_ids.index(self.tab_id) + step) % len(self.tab_ids)
        self.go_to_tab(self.tab_ids[position])

    def _leave_search(self) -> None:
        self.searching = False
        self.set_class(False, "-searching")
        self.refresh_bindings()

    def go_to_tab(self, tab_id: str) -> None:
        """Show a day's tab (see day_tab_id) or the favourites tab."""
        if self.searching:
            self._leave_search()
        self.tab_id = tab_id
        self.query_one(DayTabs).active = tab_id
        self._show_tab(tab_id)

    def _show_tab(self, tab_id: str) -> None:
        favourites_tab = tab_id == FAVOURITES_TAB
        if favourites_tab:
            self.store.refresh()
            sessions = self.schedule.only(self.store.ids)
        else:
            sessions = self.schedule.on_day(date.fromisoformat(tab_id.removeprefix("day-")))
        self.session_list.show_sessions(
            sessions, self.store.ids, show_day=favourites_tab, keep=self._cursor.get(tab_id)
        )
        if sessions:
            self._set_message("")
        elif favourites_tab:
            self._set_message(NO_FAVOURITES)
        else:
            day = date.fromisoformat(tab_id.removeprefix("day-"))
            self._set_message(f"No sessions on {day_label(day)}.")
        self._show_detail(self.session_list.highlighted_session)

    def _show_results(self, query: str) -> None:
        words = query_words(query)
        hits = self.index.search(query)
        self.session_list.show_hits(hits, self.store.ids, words)
        if not words:
            self._set_message(SEARCH_HINT)
        elif not hits:
            self._set_message(f"No session matches “{query.strip()}”.")
        else:
            count = f"{len(hits)} session{'s' if len(hits) != 1 else ''}"
            self._set_message(f"{count} · Enter to go there · Esc to leave")
        self._show_detail(self.session_list.highlighted_session)

    def _show_detail(self, session: Session | None) -> None:
        favourite = session is not None and session.id in self.store
        self.query_one(SessionDetail).show_session(session, favourite)

    def _set_message(self, text: str) -> None:
        message = self.query_one("#list-message", Static)
        message.update(text)
        message.display = bool(text)

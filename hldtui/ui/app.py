"""The hldtui application."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App
from textual.notifications import SeverityLevel
from textual.timer import Timer

from hldtui.changes import Change
from hldtui.crash import error_message, save_report
from hldtui.model import Schedule
from hldtui.plan import Plan
from hldtui.present import offline_label, offline_notice
from hldtui.programme import OpenError, Programme, Version, refresh_seconds, remember
from hldtui.reminders import ReminderSettings, due, reminder_text
from hldtui.sources import ScheduleError
from hldtui.sources.errors import RemoteError
from hldtui.store import FavouritesStore, StoreError
from hldtui.text import one_line
from hldtui.timezones import clock_for, local_zone
from hldtui.ui.commands import bindings
from hldtui.ui.desktop import DesktopNotifier
from hldtui.ui.messages import ChangesSeen, NoticesChosen, PlanChanged
from hldtui.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from hldtui.catalogue import Catalogue, Entry
    from hldtui.library import Library
    from hldtui.share import SharedPlan

PLAN_CHECK_SECONDS = 1.0
"""How often the app looks (with one stat) for changes another copy of it saved."""
KEEP_PARSED_AFTER = 2.0
"""Seconds after opening at which the parsed programme is kept for the next start."""
REMIND_SECONDS = 15.0
"""How often the app looks for sessions about to start."""


class HldApp(App[None]):
    CSS_PATH = "app.tcss"
    # Below 70 columns the detail pane moves under the list.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    # Below 20 rows, search results take the room of the tab bar and the now line.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = bindings("app")

    def __init__(
        self,
        programme: Programme,
        *,
        clock: Callable[[], datetime] | None = None,
        viewer_zone: tzinfo | None = None,
        reminders: ReminderSettings | None = None,
        desktop: Callable[[str, str], None] | None = None,
        refresh_minutes: int | None = 0,
    ) -> None:
        """``viewer_zone`` (from --tz) is shown from the start; without it, z shows local
        time. ``refresh_minutes`` is how often to ask the programme's address for a new
        version: 0 for never, None for its catalogue entry's interval, else every
        REFRESH_MINUTES (and for a programme opened later, the same)."""
        super().__init__()
        self.programme = programme
        # Keys change the plan in memory; the disk is written from a thread.
        programme.store.write_later = True
        schedule = programme.schedule
        self.clock = clock or clock_for(schedule.conference.zone)
        self.viewer_zone = viewer_zone
        self.reminders = reminders or ReminderSettings()
        self.desktop = desktop
        """Where reminders go besides the app: the desktop, once running in a terminal."""
        self.refresh_minutes = refresh_minutes
        self._refresh_timer: Timer | None = None
        self._refreshing = False
        """Whether a refresh runs: one at a time, however often asked."""
        self._stop_fetching = threading.Event()
        """Set as the app quits, to end a fetch under way."""
        self._reminded: set[str] = set()
        self._opened_at = self.clock()
        self.title = schedule.conference.short_title or schedule.conference.title

    @property
    def plan(self) -> Plan:
        return self.programme.plan

    @property
    def schedule(self) -> Schedule:
        return self.programme.schedule

    @property
    def store(self) -> FavouritesStore:
        return self.programme.store

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, whatever ``markup`` says: notifications
        name sessions, papers and files, whose text must never be read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        theme = self.store.app_setting("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.set_interval(PLAN_CHECK_SECONDS, self._follow_plan)
        if self.programme.offline:
            self._say_offline()
        if self.programme.version.note:
            self.notify(self.programme.version.note, severity="warning", timeout=20)
        self._follow_address()
        if self.desktop is None and self._driver is not None and not self.is_headless:
            self.desktop = DesktopNotifier(self._driver.write)
        self.set_interval(REMIND_SECONDS, self.remind)
        self.call_after_refresh(self.remind)
        self.call_after_refresh(self._collect_from_now_on)
        # Kept for the next start once this one is over, so that it costs no frame.
        self.set_timer(KEEP_PARSED_AFTER, self._keep_parsed)

    def _follow_address(self) -> None:
        """Ask the programme's address for new versions as often as asked, and at once if
        its kept copy was opened without asking."""
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None
        programme = self.programme
        every = refresh_seconds(programme, self.refresh_minutes)
        if every > 0:
            self._refresh_timer = self.set_interval(every, self.refresh_programme)
        if programme.asks_at_start:
            self.call_after_refresh(self.refresh_programme)

    def _keep_parsed(self) -> None:
        programme = self.programme

        def keep() -> None:
            programme.keep_parsed()
            remember(programme)

        self.run_worker(keep, thread=True, group="keep-parsed")

    def _collect_from_now_on(self) -> None:
        """Collection put off while the app started (by the command line) begins now; what
        start-up made is kept out of later collections, since it stays."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def action_refresh_programme(self) -> None:
        self.refresh_programme(asked=True)

    def refresh_programme(self, *, asked: bool = False) -> None:
        """Read the programme again in the background, and show it in place if it changed."""
        programme = self.programme
        if programme.fixed:
            if asked:
                self.notify("This programme does not change: it is read from no file or address.")
            return

        if self._refreshing:
            if asked:
                self.notify("Already looking for a new version of the programme…", timeout=3)
            return

        def work() -> None:
            try:
                version = programme.reload(self._stop_fetching)
            except (ScheduleError, RemoteError) as error:
                self._answer_from_thread(self._not_refreshed, error.message)
                return
            finally:
                self._refreshing = False
            self._answer_from_thread(self._take_version, programme, version, asked)

        if asked:
            self.notify("Looking for a new version of the programme…", timeout=3)
        self._refreshing = True
        self.run_worker(work, thread=True, group="refresh")

    def _answer_from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` in the app's loop, unless the app has stopped meanwhile."""
        if not self._stop_fetching.is_set():
            with suppress(RuntimeError):
                self.call_from_thread(callback, *args)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Stop a fetch under way first, so that quitting never waits for a server, and
        write what the plan still holds in memory (after a save under way)."""
        self._stop_fetching.set()
        try:
            self.plan.save()
        except StoreError as error:
            self._exit_renderables.append(f"Not saved: {error}")
        super().exit(*args, **kwargs)

    def _not_refreshed(self, reason: str) -> None:
        self.notify(f"The programme was not refreshed: {reason}", severity="warning")

    def _take_version(self, programme: Programme, version: Version, asked: bool) -> None:
        if programme is not self.programme:
            # Read before the user left that programme for another.
            return
        was_offline = bool(self.programme.offline)
        noted = self.programme.version.note
        changed = self.programme.take(version)
        if version.note and version.note != noted:
            self.notify(version.note, severity="warning", timeout=20)
        self.main_screen.offline = self._offline_label()
        if version.offline and (asked or not was_offline):
            self._say_offline()
        if changed:
            self.main_screen.show_programme(self.plan, self.noticed_changes())
        elif asked and not version.offline:
            self.notify("The programme is up to date.")

    def noticed_changes(self) -> tuple[Change, ...]:
        """The changes since last seen that the user asked to be told of."""
        return self.programme.noticed_changes(self.clock())

    def _offline_label(self) -> str:
        """What the header says while the programme is a kept copy the address did not
        confirm: 'offline · programme as of 14:05'."""
        programme = self.programme
        if not programme.offline:
            return ""
        return offline_label(programme.version.fetched_at, local_zone(), self.clock())

    def _say_offline(self) -> None:
        programme = self.programme
        notice = offline_notice(
            programme.address, programme.version.fetched_at, programme.offline, local_zone()
        )
        self.notify(notice, title="Offline", severity="warning", timeout=20)

    @on(ChangesSeen)
    def _mark_changes_seen(self) -> None:
        """Keep this version of the programme as the one seen."""
        try:
            self.programme.mark_seen()
        except OSError as error:
            self.notify(f"Not marked as seen: {error.strerror or error}.", severity="error")
            return
        self.notify("Changes marked as seen: from now on, only newer ones are shown.")

    @on(NoticesChosen)
    def _choose_notices(self, message: NoticesChosen) -> None:
        try:
            self.programme.set_notices(message.notices)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self.main_screen.show_changes(self.noticed_changes())
        self.notify(f"You will be told of changes to {message.notices.label}.")

    def remind(self) -> None:
        """Remind of each ★ session (and ☆, if asked) about to start, once: in the app,
        with the terminal's bell, and on the desktop."""
        now = self.clock()
        zone = self.main_screen.zone
        for session in due(
            self.schedule,
            self.plan.levels,
            now,
            self.reminders,
            opened_at=self._opened_at,
            reminded=self._reminded,
        ):
            self._reminded.add(session.id)
            title, body = reminder_text(session, zone, now)
            self.notify(body, title=title, severity="warning", timeout=30)
            self.bell()
            if self.desktop is not None:
                self.desktop(title, body)

    def _follow_plan(self) -> None:
        """Take in what another copy of the app saved, and tell the main screen."""
        change = self.plan.refresh()
        if change:
            self.main_screen.post_message(PlanChanged(change))

    def watch_theme(self, theme: str) -> None:
        """Keep the theme chosen (from the palette) for the next start."""
        if theme != self.store.app_setting("theme"):
            with suppress(StoreError):
                self.store.set_app_setting("theme", theme)

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a long traceback with local values on exit; the user gets a
        # short message instead, and the traceback is kept in a file.
        super()._handle_exception(error)
        message = error_message(error, save_report(error, self.store.directory))
        self._exit_renderables[:] = [message]

    def get_default_screen(self) -> MainScreen:
        return self._new_main_screen()

    def _new_main_screen(self) -> MainScreen:
        screen = MainScreen(
            self.plan,
            self.clock,
            self.viewer_zone or local_zone(),
            start_in_viewer_zone=self.viewer_zone is not None,
            changes=self.noticed_changes(),
            venue=self.programme.entry,
        )
        screen.set_reactive(MainScreen.offline, self._offline_label())
        # The classes Textual sets on the first resize, set before the first frame, so
        # that it is not drawn once without them and again with them.
        screen.add_class(*self._breakpoint_classes())
        return screen

    def _breakpoint_classes(self) -> list[str]:
        width, height = self.size
        return [
            next(name for least, name in reversed(breakpoints) if size >= least)
            for breakpoints, size in (
                (self.HORIZONTAL_BREAKPOINTS, width),
                (self.VERTICAL_BREAKPOINTS, height),
            )
        ]

    def action_help(self) -> None:
        from hldtui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_about(self, passage: str = "") -> None:
        """About the conference, opened at ``passage`` (a key search gave) if given."""
        from hldtui.ui.screens.about import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            programme = self.programme
            about = AboutScreen(
                self.schedule.conference,
                passage,
                entry=programme.entry,
                zone_from_entry=programme.zone_from_entry,
            )
            self.push_screen(about)

    # Sharing and other programmes

    def action_share(self) -> None:
        """The plan as a share link and its QR code; a programme with no address has
        none, and its favourites can go as a calendar file instead."""
        from hldtui.share import shared_plan
        from hldtui.ui.screens.share import ShareScreen

        programme = self.programme
        if not programme.address:
            from hldtui.ui.screens.confirm import ConfirmScreen

            what = "The built-in programme" if programme.fixed else "This programme"
            question = ConfirmScreen(
                f"{what} is read from a file, not an address, so there is no link to share: "
                "another device could not fetch it.",
                "Export your favourites to an .ics calendar file to send instead?",
            )
            self.push_screen(
                question,
                lambda export: self.main_screen.action_export_calendar() if export else None,
            )
            return
        self.push_screen(ShareScreen(shared_plan(self.plan, programme.address)))

    def on_paste(self, event: events.Paste) -> None:
        """A pasted share link: its plan taken in, into its own programme."""
        from hldtui.share import LinkError, is_share_link, read_link

        if not is_share_link(event.text):
            return
        event.stop()
        try:
            shared = read_link(event.text)
        except LinkError as error:
            self.notify(f"{error.part}: {error.message}", title="Not a plan", severity="error")
            return
        if shared.address == self.programme.address:
            self._take_shared(shared)
            return
        from hldtui.ui.screens.confirm import ConfirmScreen

        question = ConfirmScreen(
            f"The link is for another programme: {one_line(shared.address, 200)}",
            "Open it, and then take in the link's plan?",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_programme(shared.address, None, then=lambda: self._take_shared(shared))

        self.push_screen(question, answered)

    def _take_shared(self, shared: SharedPlan) -> None:
        from hldtui.share import matched
        from hldtui.ui.screens.picker import PickerScreen

        taken = matched(shared, self.schedule)
        if not (self.plan.favourites or self.plan.hidden):
            self.main_screen.take_shared(taken, replace=False)
            return
        options = [
            ("Merge: add the link's sessions to your plan", False),
            ("Replace: make your ★/☆ and hidden sessions the link's", True),
        ]
        self.push_screen(
            PickerScreen("Your plan has sessions already", options),
            lambda replace: (
                None if replace is None else self.main_screen.take_shared(taken, replace=replace)
            ),
        )

    def action_programmes(self) -> None:
        """Pick a programme: the built-in one, those opened before, the catalogue's."""
        from hldtui.catalogue import CatalogueError, load_catalogue
        from hldtui.library import Library

        library = Library()
        if library.note:
            self.notify(library.note, severity="warning", timeout=15)

        def read() -> None:
            """The kept copy of the catalogue at once, then asked again (once a day) for
            the next time; without a kept copy, fetched first."""
            source = library.catalogue
            if not source:
                self._answer_from_thread(self._show_programmes, library, None, "")
                return
            try:
                kept = load_catalogue(source, offline=True)
            except CatalogueError:
                kept = None
                self._answer_from_thread(self.notify, "Fetching the catalogue…")
            if kept is not None:
                self._answer_from_thread(self._show_programmes, library, kept, "")
            try:
                current = load_catalogue(source, cancel=self._stop_fetching)
            except CatalogueError as error:
                if kept is None:
                    problem = f"The catalogue could not be read: {error.message}"
                    self._answer_from_thread(self._show_programmes, library, None, problem)
                return
            if kept is None:
                self._answer_from_thread(self._show_programmes, library, current, "")

        self.run_worker(read, thread=True, group="catalogue", exclusive=True)

    def _show_programmes(self, library: Library, catalogue: Catalogue | None, problem: str) -> None:
        if note := problem or (catalogue.note if catalogue is not None else ""):
            self.notify(note, severity="warning", timeout=15)
        from hldtui.library import programme_choices
        from hldtui.ui.screens.picker import PickerScreen

        options = programme_choices(library, catalogue, self.clock(), self.programme.reopen_as)
        self.push_screen(
            PickerScreen("Open a programme", options, wide=True),
            lambda chosen: None if chosen is None else self.open_programme(*chosen),
        )

    def open_programme(
        self, source: str | None, entry: Entry | None, *, then: Callable[[], None] | None = None
    ) -> None:
        """Open a programme (None for the built-in one) in a thread, and show it in place
        of this one; ``then`` runs once it is shown."""
        shown = one_line(source or (entry.url if entry else "the built-in programme"), 100)
        self.notify(f"Opening {shown}…", timeout=5)

        def work() -> None:
            try:
                programme = Programme.open(
                    source, at_once=True, entry=entry, cancel=self._stop_fetching
                )
            except (ScheduleError, RemoteError, OpenError) as error:
                reason = getattr(error, "message", None) or str(error)
                self._answer_from_thread(self._not_opened, reason)
                return
            self._answer_from_thread(self._show_other, programme, then)

        self.run_worker(work, thread=True, group="open", exclusive=True)

    def _not_opened(self, reason: str) -> None:
        self.notify(reason, title="The programme was not opened", severity="error", timeout=15)

    def _show_other(self, programme: Programme, then: Callable[[], None] | None) -> None:
        """Show another programme in place of this one, its plan saved first."""
        try:
            self.plan.save()
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=15)
            return
        programme.store.write_later = True
        self.programme = programme
        self._reminded.clear()
        self._opened_at = self.clock()
        self.title = (
            programme.schedule.conference.short_title or programme.schedule.conference.title
        )
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        self.main_screen.offline = self._offline_label()
        self.main_screen.show_other_programme(self.plan, self.noticed_changes(), programme.entry)
        if programme.offline:
            self._say_offline()
        if programme.version.note:
            self.notify(programme.version.note, severity="warning", timeout=20)
        self._follow_address()
        self._keep_parsed()
        if then is not None:
            self.call_after_refresh(then)

"""The hldtui application."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual.app import App
from textual.command import Provider
from textual.notifications import SeverityLevel

from hldtui.changes import Change
from hldtui.crash import error_message, save_report
from hldtui.plan import Plan
from hldtui.reminders import ReminderSettings, due, reminder_text
from hldtui.store import StoreError
from hldtui.timezones import clock_for, local_zone
from hldtui.ui.commands import bindings
from hldtui.ui.desktop import DesktopNotifier
from hldtui.ui.messages import PlanChanged
from hldtui.ui.screens.main import MainScreen


def _schedule_commands() -> type[Provider]:
    """The palette's commands, loaded when the palette first opens."""
    from hldtui.ui.palette import ScheduleCommands

    return ScheduleCommands


@dataclass(frozen=True)
class Reloaded:
    """A programme read again: its plan, what changed since last seen, any notice (that it
    is a kept copy used offline), and whether it is the same as the one shown."""

    plan: Plan
    changes: tuple[Change, ...]
    notice: str
    same: bool


PLAN_CHECK_SECONDS = 1.0
"""How often the app looks (with one stat) for changes another copy of it saved."""
REMIND_SECONDS = 15.0
"""How often the app looks for sessions about to start."""


class HldApp(App[None]):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_schedule_commands}
    # Below 70 columns the detail pane moves under the list.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    # Below 20 rows, search results take the room of the tab bar and the now line.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = bindings("app")

    def __init__(
        self,
        plan: Plan,
        *,
        clock: Callable[[], datetime] | None = None,
        viewer_zone: tzinfo | None = None,
        reminders: ReminderSettings | None = None,
        desktop: Callable[[str, str], None] | None = None,
        notice: str = "",
        changes: tuple[Change, ...] = (),
        mark_seen: Callable[[], None] | None = None,
        reload: Callable[[], Reloaded] | None = None,
        refresh_every: float = 0.0,
        refresh_at_start: bool = False,
    ) -> None:
        """``viewer_zone`` (from --tz) is shown from the start; without it, z shows local time."""
        super().__init__()
        self.plan = plan
        self.schedule = schedule = plan.schedule
        self.store = plan.store
        self.clock = clock or clock_for(schedule.conference.zone)
        self.viewer_zone = viewer_zone
        self.reminders = reminders or ReminderSettings()
        self.desktop = desktop
        """Where reminders go besides the app: the desktop, once running in a terminal."""
        self.notice = notice
        self.changes = changes
        self._mark_seen = mark_seen
        self._reload = reload
        """Reads the programme again (from its address, fetching it); run in a thread."""
        self.refresh_every = refresh_every
        """Seconds between refreshes while the app runs; 0 for none (a local file)."""
        self.refresh_at_start = refresh_at_start
        """Said when the app opens, such as that the programme is a copy used offline."""
        self._reminded: set[str] = set()
        self._opened_at = self.clock()
        self.title = schedule.conference.short_title or schedule.conference.title

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
        if self.notice:
            self.notify(self.notice, title="Offline", severity="warning", timeout=20)
        if self._reload is not None and self.refresh_every > 0:
            self.set_interval(self.refresh_every, self.refresh_programme)
        if self.refresh_at_start:
            self.call_after_refresh(self.refresh_programme)
        if self.desktop is None and self._driver is not None and not self.is_headless:
            self.desktop = DesktopNotifier(self._driver.write)
        self.set_interval(REMIND_SECONDS, self.remind)
        self.call_after_refresh(self.remind)

    @property
    def main_screen(self) -> MainScreen:
        """The main screen of the programme shown (a newer version's, after a refresh)."""
        return next(s for s in reversed(self.screen_stack) if isinstance(s, MainScreen))

    def action_refresh_programme(self) -> None:
        self.refresh_programme(asked=True)

    def refresh_programme(self, *, asked: bool = False) -> None:
        """Read the programme again in the background, and show it if it changed."""
        reload = self._reload
        if reload is None:
            if asked:
                self.notify("The built-in programme does not change.")
            return

        def work() -> None:
            try:
                result = reload()
            except Exception as error:
                reason = getattr(error, "message", None) or str(error)
                self.call_from_thread(self._not_refreshed, reason)
                return
            self.call_from_thread(self._show_reloaded, result, asked)

        if asked:
            self.notify("Looking for a new version of the programme…", timeout=3)
        self.run_worker(work, thread=True, exclusive=True, group="refresh")

    def _not_refreshed(self, reason: str) -> None:
        self.notify(f"The programme was not refreshed: {reason}", severity="warning")

    def _show_reloaded(self, result: Reloaded, asked: bool) -> None:
        if result.notice:
            self.notify(result.notice, title="Offline", severity="warning", timeout=20)
        if result.same:
            if asked and not result.notice:
                self.notify("The programme is up to date.")
            return
        self.plan, self.schedule, self.store = result.plan, result.plan.schedule, result.plan.store
        self.changes = result.changes
        screen = self.get_default_screen()
        if len(self.screen_stack) == 1:
            # The first screen stays beneath: Textual keeps a first screen on the stack.
            self.push_screen(screen)
        elif isinstance(self.screen, MainScreen):
            self.switch_screen(screen)
        else:
            self.notify("A new version of the programme is ready: close this and press u.")

    def mark_changes_seen(self) -> None:
        """Keep this version of the programme as the one seen; raises OSError."""
        if self._mark_seen is not None:
            self._mark_seen()

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
        if self.is_mounted and theme != self.store.app_setting("theme"):
            with suppress(StoreError):
                self.store.set_app_setting("theme", theme)

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a long traceback with local values on exit; the user gets a
        # short message instead, and the traceback is kept in a file.
        super()._handle_exception(error)
        message = error_message(error, save_report(error, self.store.directory))
        self._exit_renderables[:] = [message]

    def get_default_screen(self) -> MainScreen:
        return MainScreen(
            self.plan,
            self.clock,
            self.viewer_zone or local_zone(),
            start_in_viewer_zone=self.viewer_zone is not None,
            changes=self.changes,
        )

    def action_help(self) -> None:
        from hldtui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_about(self) -> None:
        from hldtui.ui.screens.about import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            self.push_screen(AboutScreen(self.schedule.conference))

"""The hldtui application."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
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
        if self.desktop is None and self._driver is not None and not self.is_headless:
            self.desktop = DesktopNotifier(self._driver.write)
        self.set_interval(REMIND_SECONDS, self.remind)
        self.call_after_refresh(self.remind)

    def mark_changes_seen(self) -> None:
        """Keep this version of the programme as the one seen; raises OSError."""
        if self._mark_seen is not None:
            self._mark_seen()

    def remind(self) -> None:
        """Remind of each ★ session (and ☆, if asked) about to start, once: in the app,
        with the terminal's bell, and on the desktop."""
        now = self.clock()
        zone = getattr(self.screen_stack[0], "zone", self.schedule.conference.zone)
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
            self.screen_stack[0].post_message(PlanChanged(change))

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

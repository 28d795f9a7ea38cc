"""Command palette entries: jump to a session, switch day, toggle a favourite, search."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from hldtui.search import fuzzy_match
from hldtui.ui.formatting import day_label, time_range
from hldtui.ui.screens.main import MainScreen
from hldtui.ui.widgets.day_tabs import AGENDA_TAB, day_tab_id

Command = tuple[str, Callable[[], object], str]


class ScheduleCommands(Provider):
    def _commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        commands: list[Command] = [
            ("Search sessions", screen.action_search, "Titles, themes, papers and notes"),
            ("Export favourites to a calendar file", screen.action_export_calendar, "An .ics file"),
            ("Switch time zone", screen.action_toggle_zone, "Conference time or your own"),
            ("Filter by kind or track", screen.action_pick_kind_or_track, "Show only one"),
            ("Filter by room", screen.action_pick_room, "Show only one room"),
            ("Clear filters", partial(screen.set_filter, "all", None), "Show every session"),
            ("Show or leave out hidden sessions", screen.action_toggle_hidden, "h hides one"),
        ]
        session = screen.session_list.highlighted_session
        if session is not None:
            commands.append(
                (
                    f"Toggle favourite: {session.display_title}",
                    partial(screen.cycle_interest, session),
                    "★ will attend, then ☆ maybe, then not a favourite",
                )
            )
        for day in screen.schedule.days:
            commands.append(
                (
                    f"Switch to {day_label(day)}",
                    partial(screen.go_to_tab, day_tab_id(day)),
                    "Show that day's sessions",
                )
            )
        commands.append(
            (
                "Show favourites",
                partial(screen.go_to_tab, AGENDA_TAB),
                "Every favourite, in time order",
            )
        )
        for item in screen.schedule.sessions:
            when = f"{day_label(item.day)} {time_range(item, screen.zone)}"
            commands.append(
                (
                    f"Jump to {when} {item.display_title}",
                    partial(screen.jump_to, item),
                    item.kind.label,
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        # Names hold session titles from the file: they are shown as plain Content, never
        # as markup, and matched in linear time.
        style = self.match_style or Style(reverse=True)
        screen = self.screen
        if isinstance(screen, MainScreen):
            # A session's id, guid, code or slug as people quote it goes straight to it.
            for session in screen.schedule.lookup(query):
                name = f"Go to {session.display_title}"
                key_help = "The session with this id, guid, code or slug"
                yield Hit(2.0, Content(name), partial(screen.jump_to, session), name, key_help)
        for name, callback, help_text in self._commands():
            score, offsets = fuzzy_match(query, name)
            if score > 0:
                prompt = Content(name)
                for offset in offsets:
                    prompt = prompt.stylize(style, offset, offset + 1)
                yield Hit(score, prompt, callback, text=name, help=help_text)

"""The command palette: every command by name (from the command table), each tab, a
session by the id people quote, and "Jump to session…", which searches every session.

Names hold titles from the programme file, so prompts are plain Content, never markup,
and help texts are the app's own words. Matching is linear in the length of each name.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleProvider
from textual.content import Content
from textual.screen import Screen
from textual.style import Style

from hldtui.present import day_label, time_range
from hldtui.search import fold_for_match, fuzzy_match, fuzzy_score, match_letters
from hldtui.ui.commands import palette_commands

if TYPE_CHECKING:
    from datetime import tzinfo

    from hldtui.ui.screens.main import MainScreen

SHOWN = 40
"""Sessions shown for a query: the best ones; more would only slow each keystroke."""


def _prompt(name: str, offsets: tuple[int, ...] | list[int], style: Style) -> Content:
    prompt = Content(name)
    for offset in offsets:
        prompt = prompt.stylize(style, offset, offset + 1)
    return prompt


class ScheduleCommands(Provider):
    """The app's commands, one "Show …" per tab, and a session by its id."""

    def _commands(self) -> list[tuple[str, object, str]]:
        from hldtui.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        found: list[tuple[str, object, str]] = []
        for command in palette_commands():
            target = self.app if command.place == "app" else screen
            found.append(
                (command.palette, partial(target.run_action, command.action), command.description)
            )
        for view in screen.tabs:
            found.append((f"Show {view.labels(False)[0]}", partial(screen.show_view, view), ""))
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        from hldtui.ui.screens.main import MainScreen

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
                yield Hit(score, _prompt(name, offsets, style), callback, name, help_text)  # type: ignore[arg-type]


class SessionJump(SimpleProvider):
    """Every session as "Thu 3 Oct 10:00–13:00 Title", matched as the user types.

    Built once per programme and zone and handed to the palette as an instance, as
    Textual's `search_commands` does with its own simple provider. Typing on only narrows
    the last query's matches, and only the best `SHOWN` become hits.
    """

    def __init__(self, screen: MainScreen, zone: tzinfo) -> None:
        super().__init__(screen, [])
        self._main = screen
        self._sessions = screen.schedule.sessions
        self._names = [
            f"{day_label(s.day)} {time_range(s, zone)} {s.display_title}" for s in self._sessions
        ]
        self._folded = [fold_for_match(name) for name in self._names]
        self._last: tuple[str, list[int]] = ("", list(range(len(self._sessions))))
        self._style: Style | None = None

    def __call__(self, screen: Screen[object], match_style: Style | None = None) -> SessionJump:
        """The palette makes its providers by calling them; this one is made already."""
        self._style = match_style
        return self

    @property
    def match_style(self) -> Style | None:
        return self._style

    async def discover(self) -> Hits:
        for index, session in enumerate(self._sessions[:SHOWN]):
            name = self._names[index]
            yield DiscoveryHit(
                Content(name),
                partial(self._main.jump_to, session),
                text=name,
                help=session.kind.label,
            )

    async def search(self, query: str) -> Hits:
        letters = match_letters(query)
        if not letters:
            return
        last_letters, last_found = self._last
        candidates: Sequence[int] = (
            last_found
            if last_letters and letters.startswith(last_letters)
            else range(len(self._sessions))
        )
        scored = []
        folded = self._folded
        for index in candidates:
            score, positions = fuzzy_score(letters, folded[index][0])
            if score > 0:
                scored.append((score, -index, positions))
        self._last = (letters, [-index for _, index, _ in scored])
        style = self.match_style or Style(reverse=True)
        for score, negative, positions in heapq.nlargest(SHOWN, scored):
            index = -negative
            session, name = self._sessions[index], self._names[index]
            origins = folded[index][1]
            offsets = sorted({origins[p] for p in positions})
            yield Hit(
                score,
                _prompt(name, offsets, style),
                partial(self._main.jump_to, session),
                name,
                session.kind.label,
            )

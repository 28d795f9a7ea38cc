"""The command palette: every command by name (from the command table), each tab, a
session by the id people quote, and "Jump to session…", which searches every session.

Providers never call the screen: a hit posts a message (`RunCommand`, `ShowView`,
`JumpTo`) that the screen declaring them handles. Names hold titles from the programme
file, so prompts are plain Content, never markup, and help texts are the app's own words.
Matching is linear in the length of each name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleProvider
from textual.content import Content, Span
from textual.message import Message
from textual.screen import Screen
from textual.style import Style

from hldtui.model import Schedule, Session
from hldtui.present import day_label, time_range
from hldtui.search import FuzzyMatcher, fold_for_match, fuzzy_match, match_letters
from hldtui.ui.commands import palette_commands
from hldtui.ui.messages import JumpTo, RunCommand, ShowView
from hldtui.ui.views import View

if TYPE_CHECKING:
    from datetime import tzinfo

SHOWN = 40
"""Sessions shown for a query: the best ones; more would only slow each keystroke."""


class Commanded(Protocol):
    """What the providers read from the screen that declares them."""

    schedule: Schedule
    tabs: tuple[View, ...]


def _prompt(name: str, offsets: tuple[int, ...] | list[int], style: Style) -> Content:
    """The name with the letters matched marked, neighbours as one span (``offsets`` in
    order): fewer spans are fewer to style and draw."""
    spans: list[Span] = []
    for offset in offsets:
        if spans and spans[-1].end == offset:
            spans[-1] = Span(spans[-1].start, offset + 1, style)
        else:
            spans.append(Span(offset, offset + 1, style))
    return Content(name, spans)


def _posting(screen: Screen[object], make: Callable[[], Message]) -> Callable[[], None]:
    """A hit's callback: a new message to the screen each time it is chosen."""

    def post() -> None:
        screen.post_message(make())

    return post


class ScheduleCommands(Provider):
    """The app's commands that can run now, one "Show …" per tab, and a session by its id."""

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        screen, app = self.screen, self.app
        found: list[tuple[str, Callable[[], None], str]] = []
        for command in palette_commands():
            target = app if command.place == "app" else screen
            if target.check_action(command.action, ()):
                run = _posting(screen, partial(RunCommand, command.id))
                found.append((command.palette, run, command.description))
        for view in cast(Commanded, screen).tabs:
            show = _posting(screen, partial(ShowView, view))
            found.append((f"Show {view.labels(False)[0]}", show, ""))
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        style = self.match_style or Style(reverse=True)
        screen = self.screen
        # A session's id, guid, code or slug as people quote it goes straight to it.
        for session in cast(Commanded, screen).schedule.lookup(query):
            name = f"Go to {session.display_title}"
            key_help = "The session with this id, guid, code or slug"
            go = _posting(screen, partial(JumpTo, session))
            yield Hit(2.0, Content(name), go, name, key_help)
        for name, callback, help_text in self._commands():
            score, offsets = fuzzy_match(query, name)
            if score > 0:
                yield Hit(score, _prompt(name, offsets, style), callback, name, help_text)


class SessionJump(SimpleProvider):
    """Every session as "Thu 3 Oct 10:00–13:00 Title", matched as the user types.

    Built once per programme and zone and handed to the palette as an instance, as
    Textual's `search_commands` does with its own simple provider. A `FuzzyMatcher` finds
    the best `SHOWN`, which become hits.
    """

    def __init__(self, screen: Screen[object], sessions: Sequence[Session], zone: tzinfo) -> None:
        super().__init__(screen, [])
        self._sessions = sessions
        self._names = [
            f"{day_label(s.day)} {time_range(s, zone)} {s.display_title}" for s in self._sessions
        ]
        self._folded = [fold_for_match(name) for name in self._names]
        self._matcher = FuzzyMatcher([folded for folded, _ in self._folded])
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
                _posting(self.screen, partial(JumpTo, session)),
                text=name,
                help=session.kind.label,
            )

    async def search(self, query: str) -> Hits:
        letters = match_letters(query)
        if not letters:
            return
        style = self.match_style or Style(reverse=True)
        for score, index, positions in self._matcher.best(letters, SHOWN):
            session, name = self._sessions[index], self._names[index]
            origins = self._folded[index][1]
            offsets = sorted({origins[p] for p in positions})
            yield Hit(
                score,
                _prompt(name, offsets, style),
                _posting(self.screen, partial(JumpTo, session)),
                name,
                session.kind.label,
            )

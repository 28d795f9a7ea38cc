"""The list of sessions: one day's programme, the favourites, or search results."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hldtui.model import Session
from hldtui.search import Hit, match_spans, snippet
from hldtui.ui.formatting import FAVOURITE_MARK, day_label, hanging, time_range

HIGHLIGHT = "bold reverse"
LIST_INDENT = 2


class SessionList(OptionList):
    """Rows of time, kind badge, title and favourite mark; option ids are session ids."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._favourites: frozenset[str] = frozenset()
        self._show_day = False
        self._words: tuple[str, ...] = ()
        self._contexts: dict[str, str] = {}
        self._sessions: dict[str, Session] = {}
        self._wrap_width = 0

    @property
    def highlighted_session(self) -> Session | None:
        option = self.highlighted_option
        return self._sessions.get(option.id) if option is not None and option.id else None

    def show_sessions(
        self,
        sessions: Iterable[Session],
        favourites: frozenset[str],
        *,
        show_day: bool = False,
        keep: str | None = None,
    ) -> None:
        """Fill the list, keeping the cursor on ``keep`` (a session id) if it is there."""
        self._fill([(session, "") for session in sessions], favourites, show_day, (), keep)

    def show_hits(
        self, hits: Iterable[Hit], favourites: frozenset[str], words: tuple[str, ...]
    ) -> None:
        """Fill the list with search results, every day shown and the matched words marked."""
        self._fill([(hit.session, hit.context) for hit in hits], favourites, True, words, None)

    def refresh_marks(self, favourites: frozenset[str]) -> None:
        """Redraw the rows whose favourite mark changed."""
        changed = favourites ^ self._favourites
        self._favourites = favourites
        for session_id in changed & self._sessions.keys():
            self.replace_option_prompt(session_id, self._prompt(self._sessions[session_id]))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._wrap_width:
            self._wrap_width = width
            for index, session in enumerate(self._sessions.values()):
                self.replace_option_prompt_at_index(index, self._prompt(session))

    def select_session(self, session_id: str) -> bool:
        """Move the cursor to a session; False if it is not in the list."""
        if session_id not in self._sessions:
            return False
        self.highlighted = self.get_option_index(session_id)
        return True

    def _fill(
        self,
        rows: list[tuple[Session, str]],
        favourites: frozenset[str],
        show_day: bool,
        words: tuple[str, ...],
        keep: str | None,
    ) -> None:
        self._favourites = favourites
        self._show_day = show_day
        self._words = words
        self._contexts = {session.id: context for session, context in rows}
        self._sessions = {session.id: session for session, _ in rows}
        self.set_options(Option(self._prompt(session), id=session.id) for session, _ in rows)
        if rows:
            self.highlighted = self.get_option_index(keep) if keep in self._sessions else 0

    def _prompt(self, session: Session) -> Content:
        """One session as a row.

        On a day's tab the title has a column of its own beside the time, so that wrapped
        lines line up; lists across days put the day and time on a line above the title.
        """
        lead = Content.assemble(
            (f"{day_label(session.day)} · " if self._show_day else "", "bold"),
            (time_range(session), "$text-muted"),
            " ",
            (f"{session.kind.badge:<4}", "bold $text-secondary"),
            " ",
        )
        text = _marked(session.display_title, self._words, "bold" if session.title else "italic")
        if session.id in self._favourites:
            text += Content.styled(f" {FAVOURITE_MARK}", "bold $text-warning")
        context = self._contexts.get(session.id)
        if context:
            text += Content("\n") + _marked(
                snippet(context, self._words), self._words, "$text-muted"
            )
        if self._show_day:
            return lead.rstrip() + Content("\n") + hanging(text, LIST_INDENT, self._wrap_width)
        return lead + hanging(text, lead.cell_length, self._wrap_width, first_line_indented=False)


def _marked(text: str, words: tuple[str, ...], style: str) -> Content:
    content = Content.styled(text, style)
    for start, end in match_spans(text, words):
        content = content.stylize(HIGHLIGHT, start, end)
    return content

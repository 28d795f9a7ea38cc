"""The list of sessions: one day's programme, the delegate's agenda, or search results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hldtui.model import Interest, Session
from hldtui.planner import AgendaDay, Gap
from hldtui.search import Hit, match_spans, snippet
from hldtui.ui.formatting import RUNNING_MARK, day_label, gap_text, hanging, long_day, time_range

HIGHLIGHT = "bold reverse"
LIST_INDENT = 2


@dataclass(frozen=True)
class Marks:
    """What decorates a row besides the session itself."""

    zone: tzinfo
    levels: Mapping[str, Interest] = field(default_factory=dict)
    running: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Row:
    """A session, or else a day heading or a gap, which the cursor skips."""

    session: Session | None = None
    heading: str = ""
    gap: Gap | None = None
    context: str = ""
    clashes: tuple[Session, ...] = ()


class SessionList(OptionList):
    """Rows of time, kind badge, title and marks; session rows have the session id as option id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, marks: Marks, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks = marks
        self._rows: list[_Row] = []
        self._sessions: dict[str, Session] = {}
        self._show_day = False
        self._words: tuple[str, ...] = ()
        self._wrap_width = 0

    @property
    def highlighted_session(self) -> Session | None:
        option = self.highlighted_option
        return self._sessions.get(option.id) if option is not None and option.id else None

    @property
    def session_ids(self) -> list[str]:
        return [row.session.id for row in self._rows if row.session]

    def show_sessions(
        self, sessions: Iterable[Session], *, show_day: bool = False, keep: str | None = None
    ) -> None:
        """Fill the list, keeping the cursor on ``keep`` (a session id) if it is there."""
        self._fill([_Row(session) for session in sessions], show_day, (), keep)

    def show_hits(self, hits: Iterable[Hit], words: tuple[str, ...]) -> None:
        """Search results from every day, with the matched words marked."""
        rows = [_Row(hit.session, context=hit.context) for hit in hits]
        self._fill(rows, True, words, None)

    def show_agenda(self, days: Iterable[AgendaDay], *, keep: str | None = None) -> None:
        """The delegate's agenda: a heading per day, favourites, clashes and free time."""
        rows: list[_Row] = []
        for day in days:
            rows.append(_Row(heading=long_day(day.day)))
            for item in day.items:
                if isinstance(item, Gap):
                    rows.append(_Row(gap=item))
                else:
                    rows.append(_Row(item.session, clashes=item.clashes))
        self._fill(rows, False, (), keep)

    def update_marks(self, marks: Marks) -> None:
        """Redraw every row for new favourites, running sessions or time zone."""
        self.marks = marks
        self._redraw()

    def select_session(self, session_id: str) -> bool:
        """Move the cursor to a session; False if it is not in the list."""
        if session_id not in self._sessions:
            return False
        self.highlighted = self.get_option_index(session_id)
        return True

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._wrap_width:
            self._wrap_width = width
            self._redraw()

    def _redraw(self) -> None:
        for index, row in enumerate(self._rows):
            self.replace_option_prompt_at_index(index, self._prompt(row))

    def _fill(
        self, rows: list[_Row], show_day: bool, words: tuple[str, ...], keep: str | None
    ) -> None:
        self._rows = rows
        self._show_day = show_day
        self._words = words
        self._sessions = {row.session.id: row.session for row in rows if row.session}
        self.set_options(
            Option(self._prompt(row), id=row.session.id, disabled=False)
            if row.session
            else Option(self._prompt(row), disabled=True)
            for row in rows
        )
        if keep in self._sessions:
            self.highlighted = self.get_option_index(keep)
        elif self._sessions:
            self.highlighted = self.get_option_index(next(iter(self._sessions)))

    def _prompt(self, row: _Row) -> Content:
        if row.session is not None:
            return self._session_prompt(row.session, row)
        if row.gap is not None:
            return Content.styled(
                " " * LIST_INDENT + gap_text(row.gap, self.marks.zone), "italic $text-muted"
            )
        return Content.styled(row.heading, "bold $text-accent")

    def _session_prompt(self, session: Session, row: _Row) -> Content:
        """One session as a row.

        On a day's tab the title has a column of its own beside the time, so that wrapped
        lines line up; lists across days put the day and time on a line above the title.
        """
        marks = self.marks
        running = session.id in marks.running
        lead = Content.assemble(
            (f"{day_label(session.day)} · " if self._show_day else "", "bold"),
            # While anything runs, every row keeps a gutter for the mark so columns line up.
            (
                f"{RUNNING_MARK} " if running else "  " if marks.running else "",
                "bold $text-success",
            ),
            (time_range(session, marks.zone), "$text-success" if running else "$text-muted"),
            " ",
            (f"{session.kind.badge:<4}", "bold $text-secondary"),
            " ",
        )
        text = _marked(session.display_title, self._words, "bold" if session.title else "italic")
        level = marks.levels.get(session.id)
        if level is not None:
            text += Content.styled(f" {level.mark}", "bold $text-warning")
        if row.clashes:
            names = ", ".join(other.display_title for other in row.clashes)
            text += Content("\n") + Content.styled(f"⚠ clashes with {names}", "$text-error")
        if row.context:
            text += Content("\n") + _marked(
                snippet(row.context, self._words), self._words, "$text-muted"
            )
        if self._show_day:
            return lead.rstrip() + Content("\n") + hanging(text, LIST_INDENT, self._wrap_width)
        return lead + hanging(text, lead.cell_length, self._wrap_width, first_line_indented=False)


def _marked(text: str, words: tuple[str, ...], style: str) -> Content:
    content = Content.styled(text, style)
    for start, end in match_spans(text, words):
        content = content.stylize(HIGHLIGHT, start, end)
    return content

"""The rows of the session list. Each row is a small value that says how tall it is and
draws its own lines at a `RowLayout`, so rows are built by views and tested without an app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from functools import cached_property
from types import MappingProxyType

from textual.content import Content

from hldtui.changes import Change
from hldtui.model import Interest, Person, Session
from hldtui.planner import Gap
from hldtui.present import (
    RUNNING_MARK,
    change_lines,
    day_label,
    day_shift,
    gap_text,
    time_range,
)
from hldtui.search import AboutEntry, match_spans, snippet
from hldtui.ui.formatting import wrap

HIGHLIGHT = "bold reverse"
NOT_RECORDED_MARK = "⊝ not recorded"
INDENT = 2
TIME_WIDTH = 11
"""'10:00–13:00': a day shift goes on a line of its own, so the column never widens."""
MIN_TITLE = 24
"""Narrower than this beside the time, a title goes under it, at the full width."""
MARK_ROOM = 2
"""Cells kept free after a title for its favourite mark, so marks never change the wrap."""
_STYLE_WORDS = frozenset({"bold", "italic", "underline", "reverse", "dim", "strike"})


@dataclass(frozen=True)
class RowLayout:
    """Everything besides the row itself that decides how it is drawn."""

    width: int = 80
    zone: tzinfo = UTC
    levels: Mapping[str, Interest] = field(default_factory=lambda: MappingProxyType({}))
    running: frozenset[str] = frozenset()
    is_hidden: Callable[[Session], bool] | None = None
    """Set when hidden sessions are shown anyway, to mark them as hidden."""
    places: bool = False
    """Whether rows give room and track (for programmes that have them)."""
    show_day: bool = False
    """Whether rows name their day, as search results from every day do."""
    words: tuple[str, ...] = ()
    """Search words, marked where they occur."""
    changed: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """A badge for each session changed since the programme was last seen ('NEW', …)."""

    @cached_property
    def gutter(self) -> int:
        """Room for the running mark, kept on every row while anything runs."""
        return 2 if self.running else 0

    @cached_property
    def stacked(self) -> bool:
        """Whether titles go under the time line: where rows give the day on that line,
        and where a title column beside the time would be too narrow."""
        return self.show_day or self.width - self._lead < MIN_TITLE

    @cached_property
    def _lead(self) -> int:
        return self.gutter + TIME_WIDTH + 1 + 4 + 1  # time, badge and the spaces after them

    @cached_property
    def title_column(self) -> tuple[int, int]:
        """(indent, width) of the title column."""
        if self.stacked:
            return INDENT, self.width - INDENT
        return self._lead, self.width - self._lead

    def paint(self, text: str, style: str, cursor: bool) -> Content:
        """Styled text. The cursor's row keeps its emphasis but not its colours: it takes
        the cursor's own, which every theme makes readable, as without colours."""
        if cursor:
            style = " ".join(word for word in style.split() if word in _STYLE_WORDS)
        return Content.styled(text, style)


Target = Session | AboutEntry | Person
"""What a row can take the cursor to: a session, a passage of the About screen, or a
person."""


class Row:
    """A line or more of the list. Only rows with a target take the cursor; headings and
    gaps are skipped."""

    @property
    def target(self) -> Target | None:
        return None

    def height(self, layout: RowLayout) -> int:
        return 1

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        raise NotImplementedError


@dataclass(frozen=True)
class HeadingRow(Row):
    """A day's heading in the agenda, or the heading of About passages in search."""

    text: str

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        line = layout.paint(self.text, "bold $text-accent", cursor)
        return [line.truncate(layout.width, ellipsis=True)]


@dataclass(frozen=True)
class MessageRow(Row):
    """What the view says above its rows: how many search found, or why it is empty."""

    text: str

    def height(self, layout: RowLayout) -> int:
        return len(wrap(self.text, layout.width - INDENT))

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        text = layout.paint(self.text, "italic $text-muted", cursor)
        pad = Content(" " * (INDENT // 2))
        return [pad + text[start:end] for start, end in wrap(self.text, layout.width - INDENT)]


@dataclass(frozen=True)
class GapRow(Row):
    """Free time between two favourites in the agenda."""

    gap: Gap

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        text = " " * INDENT + gap_text(self.gap, layout.zone)
        return [
            layout.paint(text, "italic $text-muted", cursor).truncate(layout.width, ellipsis=True)
        ]


@dataclass(frozen=True)
class AboutRow(Row):
    """A passage of the About screen that search found."""

    about: AboutEntry

    @property
    def target(self) -> Target:
        return self.about

    def height(self, layout: RowLayout) -> int:
        return 2

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        label = layout.paint(f"About · {self.about.label}", "bold", cursor)
        width = max(20, layout.width - INDENT - 2)
        excerpt = snippet(self.about.text, layout.words, width=width)
        lines = [label, Content(" " * INDENT) + marked(excerpt, layout.words, "")]
        return [line.truncate(layout.width, ellipsis=True) for line in lines]


@dataclass(frozen=True)
class PersonRow(Row):
    """A person: the name and first role, then how many sessions name them and what the
    programme says of them besides."""

    person: Person
    sessions: int

    @property
    def target(self) -> Target:
        return self.person

    def height(self, layout: RowLayout) -> int:
        return 2

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        person = self.person
        name = marked(person.name, layout.words, "bold")
        facts = [f"{self.sessions} session{'s' if self.sessions != 1 else ''}"]
        if person.biography:
            facts.append("biography")
        if person.links:
            facts.append(f"{len(person.links)} link{'s' if len(person.links) != 1 else ''}")
        if person.roles:
            facts.insert(0, person.roles[0])
        about = layout.paint(" · ".join(facts), "$text-muted", cursor)
        pad = Content(" " * INDENT)
        return [line.truncate(layout.width, ellipsis=True) for line in (name, pad + about)]


@dataclass(frozen=True)
class SessionRow(Row):
    """Time, kind badge, title and favourite mark; then where it is, what it clashes
    with (in the agenda) and where search found its words."""

    session: Session
    clashes: tuple[Session, ...] = ()
    context: str = ""
    """The text of the field search matched, when it is not the title."""

    @property
    def target(self) -> Target:
        return self.session

    def height(self, layout: RowLayout) -> int:
        _, column = layout.title_column
        lines = len(wrap(self.session.display_title, column - MARK_ROOM))
        if self.clashes:
            lines += len(wrap(_clash_text(self.clashes), column))
        return lines + bool(self.context) + layout.stacked + self._has_meta(layout)

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        session, width = self.session, layout.width
        running = session.id in layout.running
        indent, column = layout.title_column
        words = layout.words
        title = marked(session.display_title, words, "bold" if session.title else "italic")
        pieces = [
            title[start:end] for start, end in wrap(session.display_title, column - MARK_ROOM)
        ]
        level = layout.levels.get(session.id)
        if level is not None:
            pieces[-1] = pieces[-1] + layout.paint(f" {level.mark}", "bold $text-warning", cursor)
        clock = time_range(session, layout.zone, shift=False)
        when_style = "$text-success" if running else "$text-muted"
        when = layout.paint(f"{clock:<{TIME_WIDTH}}", when_style, cursor)
        badge = layout.paint(f"{session.kind.badge:<4}", "bold $text-primary", cursor)
        gutter = f"{RUNNING_MARK} " if running else " " * layout.gutter
        running_mark = layout.paint(gutter, "bold $text-success", cursor)
        pad = Content(" " * indent)
        lines: list[Content] = []
        if layout.stacked:
            day = Content()
            if layout.show_day:
                day = layout.paint(f"{day_label(session.day)} · ", "bold", cursor)
            lines.append(Content.assemble(running_mark, day, when, " ", badge))
            lines += [pad + piece for piece in pieces]
        else:
            lines.append(Content.assemble(running_mark, when, " ", badge, " ", pieces[0]))
            lines += [pad + piece for piece in pieces[1:]]
        if meta := self._meta(layout):
            lines.append(pad + layout.paint(meta, "$text-muted", cursor))
        if self.clashes:
            text = _clash_text(self.clashes)
            warning = layout.paint(text, "$text-error", cursor)
            lines += [pad + warning[start:end] for start, end in wrap(text, column)]
        if self.context:
            excerpt = snippet(self.context, words, width=max(20, width - indent - 2))
            lines.append(pad + marked(excerpt, words, "" if cursor else "$text-muted"))
        return [line.truncate(width, ellipsis=True) for line in lines]

    def _has_meta(self, layout: RowLayout) -> bool:
        """Whether the row has a line of room and track (see `_meta`), known without
        making it: a day of thousands of rows is laid out at start."""
        session = self.session
        return bool(
            (layout.places and (session.room or session.track))
            or session.not_recorded
            or session.media
            or (layout.is_hidden is not None and layout.is_hidden(session))
            or session.id in layout.changed
            or day_shift(session, layout.zone)
        )

    def _meta(self, layout: RowLayout) -> str:
        """Room and track, that the delegate hid it, and the date when the zone moves it."""
        session = self.session
        parts = [session.room] if layout.places and session.room else []
        # What can be watched, or cannot, before the track, which a narrow row may cut.
        if session.media:
            parts.append(session.media[0][0].label)
        if session.not_recorded:
            parts.append(NOT_RECORDED_MARK)
        if layout.places and session.track:
            parts.append(session.track)
        if layout.is_hidden is not None and layout.is_hidden(session):
            parts.insert(0, "⊘ hidden")
        if badge := layout.changed.get(session.id):
            parts.insert(0, f"⟳ {badge}")
        if days := day_shift(session, layout.zone):
            start = session.start.astimezone(layout.zone)
            parts.insert(0, f"{days:+d}d: {day_label(start.date())}")
        return " · ".join(parts)


@dataclass(frozen=True)
class NowRow(SessionRow):
    """A session in the Now view: its row, then whether it runs and for how long, or when
    it starts."""

    status: str = ""
    running: bool = False

    def height(self, layout: RowLayout) -> int:
        return super().height(layout) + 1

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        indent, _ = layout.title_column
        style = "bold $text-success" if self.running else "$text-warning"
        status = Content(" " * indent) + layout.paint(self.status, style, cursor)
        return [*super().lines(layout, cursor), status.truncate(layout.width, ellipsis=True)]


@dataclass(frozen=True)
class ChangeRow(SessionRow):
    """A session that changed since the programme was last seen: its row, then each value
    as it was and as it is, in full on lines of their own (times in the zone shown), then
    any clash a ★ session has now on a line of its own."""

    change: Change | None = None
    now_clashes: tuple[Session, ...] = ()

    def height(self, layout: RowLayout) -> int:
        _, column = layout.title_column
        extra = sum(len(wrap(text, column)) for text, _ in self._extra_lines(layout))
        return super().height(layout) + extra

    def lines(self, layout: RowLayout, cursor: bool) -> list[Content]:
        lines = super().lines(layout, cursor)
        indent, column = layout.title_column
        pad = Content(" " * indent)
        for text, style in self._extra_lines(layout):
            painted = layout.paint(text, style, cursor)
            lines += [pad + painted[start:end] for start, end in wrap(text, column)]
        return [line.truncate(layout.width, ellipsis=True) for line in lines]

    def _extra_lines(self, layout: RowLayout) -> list[tuple[str, str]]:
        if self.change is None:
            return []
        extra = [
            (line.text, "$text-muted" if line.old else "$text-warning")
            for line in change_lines(self.change, layout.zone)
        ]
        if self.now_clashes:
            names = ", ".join(other.display_title for other in self.now_clashes)
            extra.append((f"⚠ now clashes with {names}", "$text-error"))
        return extra


def _clash_text(clashes: tuple[Session, ...]) -> str:
    return "⚠ clashes with " + ", ".join(other.display_title for other in clashes)


def marked(text: str, words: tuple[str, ...], style: str) -> Content:
    """``text`` in ``style``, with the search ``words`` highlighted where they match."""
    content = Content.styled(text, style)
    for start, end in match_spans(text, words):
        content = content.stylize(HIGHLIGHT, start, end)
    return content

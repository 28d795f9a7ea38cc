"""The detail pane: everything known about the highlighted session, then its papers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from urllib.parse import urlsplit

from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hldtui.changes import Change
from hldtui.model import Paper, Person, Session
from hldtui.plan import Plan
from hldtui.present import (
    COPY_MARK,
    INFERRED,
    LABEL_BLANK,
    RUNNING_MARK,
    change_lines,
    day_and_time,
    level_text,
    papers_heading,
    session_fields,
    session_sections,
    titled_time,
)
from hldtui.search import AboutEntry
from hldtui.text import is_geo, web_address
from hldtui.ui.commands import bindings
from hldtui.ui.formatting import hanging, wrapped
from hldtui.ui.widgets.line_view import LineView
from hldtui.ui.widgets.rows import Target


def browser_available() -> bool:
    """Whether Python knows a web browser to open addresses with on this machine."""
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


class PaperList(OptionList):
    """A session's background papers: Enter opens one in the browser, c copies its address."""

    BINDINGS = bindings("papers")

    shown: reactive[Target | None] = reactive(None, repaint=False)
    """The highlighted session, bound from the screen."""

    def __init__(
        self,
        *,
        venue: Callable[[str | None], tuple[Paper, ...]] | None = None,
        id: str | None = None,
    ) -> None:
        """``venue`` gives a room's map and place, from the programme's catalogue entry."""
        super().__init__(id=id, markup=False)
        self.papers: tuple[Paper, ...] = ()
        self.venue = venue

    def watch_shown(self, shown: Target | None) -> None:
        if isinstance(shown, Session):
            places = self.venue(shown.room) if self.venue is not None else ()
            papers, heading = shown.papers + shown.links + places, papers_heading(shown, places)
        elif isinstance(shown, Person):
            papers, heading = shown.links, "Links"
        else:
            papers, heading = (), ""
        if papers == self.papers:
            return
        self.papers = papers
        self.set_options(Option(_paper_prompt(paper)) for paper in papers)
        if papers:
            self.highlighted = 0
            self.border_title = heading
        self.display = bool(papers)

    @property
    def highlighted_paper(self) -> Paper | None:
        return (
            self.papers[self.highlighted] if self.highlighted is not None and self.papers else None
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        open_address(self, self.papers[event.option_index].url)


def open_address(widget: Widget, address: str) -> None:
    """Open an http(s) address in the browser (or a geo: link in what opens those), or say
    why not and how to copy it."""
    if web_address(address) != address and not is_geo(address):
        widget.notify(
            f"{address} is not an http(s) address, so it is not opened.", severity="error"
        )
        return
    if not widget.app.is_web and not browser_available():
        widget.notify(
            f"No web browser can be opened here. Press c to copy the address: {address}",
            title="No browser",
            severity="warning",
            timeout=15,
        )
        return
    widget.app.open_url(address)
    widget.notify(address, title="Opening in your browser")


class SessionDetail(LineView, can_focus=True):
    """Everything about the highlighted session (or About passage) as text that scrolls,
    drawn from the screen's state: ``shown``, ``zone``, ``running`` and the plan's
    ``revision`` are bound to it. It draws its own lines, so showing another session
    repaints it without laying out the screen again."""

    BINDINGS = bindings("detail")
    inherit_bindings = False
    COMPONENT_CLASSES = {"session-detail--text"}

    shown: reactive[Target | None] = reactive(None, repaint=False)
    zone: reactive[tzinfo] = reactive(UTC, repaint=False)
    running: reactive[frozenset[str]] = reactive(frozenset, repaint=False)
    revision: reactive[int] = reactive(0, repaint=False)

    def __init__(self, plan: Plan, changes: Mapping[str, Change], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.changes = changes
        """What changed in each session since the programme was last seen."""
        self._drawn: tuple[object, ...] = ()
        self._lines: list[Content] = []
        self._strips: dict[int, Strip] = {}
        self._facts_kept: tuple[tuple[object, ...], Facts] | None = None
        self._pieces: list[Piece] = []
        self._style: VisualStyle | None = None

    @property
    def content(self) -> Content:
        """All that is shown, before it is wrapped to the width."""
        return Content("\n").join(piece for piece, _ in self._pieces)

    def draw(self) -> None:
        """Draw what is shown, unless nothing it depends on has changed."""
        self._draw(repaint=True)

    def _draw(self, *, repaint: bool) -> None:
        shown, width = self.shown, self.scrollable_content_region.width
        running = isinstance(shown, Session) and shown.id in self.running
        key = (shown, self.zone, running, self.revision, width, self.plan, self.changes)
        if key == self._drawn or not self.is_attached or width <= 0:
            return
        moved = not self._drawn or self._drawn[0] != shown
        redrawn = repaint and not moved and self._drawn[4] == width
        self._drawn = key
        if isinstance(shown, Session):
            self._pieces = self._session_pieces(shown, running, width)
        elif isinstance(shown, Person):
            self._pieces = [(self._person_body(shown, width), None)]
        else:
            self._pieces = [(_about_body(shown) if shown else _NOTHING, None)]
        # Wrapping never crosses a line break: the lines are each piece's in turn.
        lines = [
            line
            for piece, kept in self._pieces
            for line in (kept if kept is not None else wrapped(piece, width))
        ]
        before, self._lines = self._lines, lines
        if redrawn and len(lines) == len(before):
            # The same session again (a favourite, a note, the time running on): only the
            # lines that changed are drawn anew, and the frame carries only those.
            top = round(self.scroll_offset.y)
            for y, (old, new) in enumerate(zip(before, lines, strict=True)):
                if old.plain != new.plain or old.spans != new.spans:
                    self._strips.pop(y, None)
                    self.refresh(Region(0, y - top, self.size.width, 1))
            return
        self._strips.clear()
        self.set_line_count(width, len(lines), repaint=repaint)
        if moved:
            self.scroll_to(y=0, animate=False, immediate=True)

    def show_programme(self, plan: Plan, changes: Mapping[str, Change]) -> None:
        """Draw from a new version of the programme, and the plan over it."""
        self.plan, self.changes = plan, changes
        self.draw()

    # Each of these draws anew (at most once for one change, see draw).
    watch_shown = watch_zone = watch_running = watch_revision = draw

    def width_changed(self, width: int) -> None:
        self._draw(repaint=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The style is looked up once for the lines of a drawing, not once a line.
        self._style = None
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = y + round(self.scroll_offset.y)
        strip = self._strips.get(line)
        if strip is None:
            if self._style is None:
                self._style = self.get_visual_style("session-detail--text")
            content = self._lines[line] if line < len(self._lines) else Content()
            width = self._laid_out_for
            strip = self._strips[line] = self.strip_of(content, self._style, width)
        return strip

    def _session_pieces(self, session: Session, running: bool, width: int) -> list[Piece]:
        """The session's text in pieces joined by line breaks: what the plan and the clock
        say of it, its facts, the delegate's note and its sources. The facts and sources
        come wrapped already while the session is shown, so that a favourite, a note or
        the time running on wraps only what it changes."""
        facts = self._facts(session, width)
        pieces = [(self._head(session, running, width), None), _BLANK]
        if note := self.plan.note(session.id):
            heading = (("My note", "bold $accent"), ("  n edits", "$text-muted"))
            pieces += [
                facts.fields,
                _BLANK,
                (Content.assemble(*heading, "\n", note).rstrip(), None),
            ]
        else:
            pieces.append(facts.fields_last)
        return [*pieces, _BLANK, facts.sources]

    def _head(self, session: Session, running: bool, width: int) -> Content:
        """The title and favourite, and whether the session runs, clashes or changed."""
        plan, zone = self.plan, self.zone
        level = plan.level(session.id)
        title_style = "bold" if session.title else "bold italic"
        parts: list[Content | tuple[str, str] | str] = [(session.display_title, title_style)]
        if session.is_inferred("title"):
            parts.append((f" {INFERRED}", "italic $text-warning"))
        if level is not None:
            parts.append((f"  {level_text(level)}", "bold $text-warning"))
        if running:
            parts += ["\n", (f"{RUNNING_MARK} Running now", "bold $text-success")]
        for media, link in session.media:
            where = urlsplit(link.url).hostname or ""
            parts += ["\n", (media.label, "bold $text-accent"), f" {where}"]
            parts.append(("  o opens", "$text-muted"))
        if session.feedback_url:
            parts += ["\n", ("✎ Feedback", "bold"), ("  F opens", "$text-muted")]
        if session.provenance.label_blank:
            parts += ["\n", (f"⚠ {LABEL_BLANK}", "$text-warning")]
        for other in plan.clashes_for(session):
            parts += ["\n", (f"⚠ Clashes with {titled_time(other, zone)}", "$text-error")]
        if change := self.changes.get(session.id):
            parts += ["\n\n", ("⟳ Changed since you last looked", "bold $text-warning")]
            for line in change_lines(change, zone):
                style = "$text-muted" if line.old else "$text-warning"
                parts += ["\n  ", hanging(Content.styled(line.text, style), 2, width)]
        return Content.assemble(*parts)

    def _person_body(self, person: Person, width: int) -> Content:
        """A person's page: the name and roles, the sessions that name them, the
        biography and the sources; the links are in the pane below."""
        zone, levels = self.zone, self.plan.levels
        parts: list[Content | tuple[str, str] | str] = [(person.name, "bold")]
        for role in person.roles:
            parts += ["\n", hanging(Content(role), 0, width)]
        sessions = self.plan.schedule.sessions_of(person.name)
        parts += ["\n\n", (f"Sessions ({len(sessions)})", "bold $accent")]
        for session in sessions:
            level = levels.get(session.id)
            mark = f" {level.mark}" if level else ""
            line = f"{day_and_time(session, zone)} · {session.display_title}{mark}"
            parts += ["\n", "• ", hanging(Content(line), 2, width)]
        if person.biography:
            parts += ["\n\n", ("Biography", "bold $accent"), "\n", person.biography]
        if person.keys:
            parts += ["\n\n", (f"Ids in the file: {', '.join(person.keys)}", "$text-muted")]
        if person.sources:
            parts += ["\n\n", ("Sources", "bold $accent")]
            for source in person.sources:
                parts += ["\n• ", hanging(Content(source.title), 2, width)]
                parts += ["\n  ", hanging(Content.styled(source.url, "$text-muted"), 2, width)]
        return Content.assemble(*parts)

    def _facts(self, session: Session, width: int) -> Facts:
        """What neither the plan nor the clock changes, kept wrapped while the session is
        shown (see `Facts`)."""
        key = (session, self.zone, width)
        if self._facts_kept is None or self._facts_kept[0] != key:
            lines: list[Content] = []
            sections = list(session_sections(session))
            if session.theme:
                # A round table's theme is what it is about: it comes first, under the
                # title, where a small screen still shows it.
                heading, theme = sections.pop(0)
                lines += [Content.styled(heading, "bold $accent"), Content(theme), Content()]
            for field in session_fields(session, self.zone, self.plan.schedule.title_of):
                style = "$text-muted" if field.secondary else ""
                if not field.given:
                    style = "italic $text-muted"
                text = Content.assemble((field.value, style))
                if field.inferred:
                    text += Content.styled(f" {INFERRED}", "italic $text-warning")
                label = Content.styled(f"{field.label:<{LABEL_WIDTH}}", "bold")
                lines.append(label + hanging(text, LABEL_WIDTH, width))
            for heading, section in sections:
                lines += [Content(), Content.styled(heading, "bold $accent"), Content(section)]
            fields = Content("\n").join(lines)
            sources = _provenance(session, width)
            facts = Facts(
                (fields, wrapped(fields, width)),
                (fields.rstrip(), wrapped(fields.rstrip(), width)),
                (sources, wrapped(sources, width)),
            )
            self._facts_kept = (key, facts)
        return self._facts_kept[1]


Piece = tuple[Content, list[Content] | None]
"""Text joined to the others by a line break, and its lines if they are wrapped already."""
_BLANK: Piece = (Content(), [Content()])


@dataclass(frozen=True)
class Facts:
    """A session's fields and sections, and its sources, each with its lines."""

    fields: Piece
    fields_last: Piece
    """The fields and sections without the white space that ends them, as they are shown
    where nothing follows them but the sources."""
    sources: Piece


LABEL_WIDTH = 10
_NOTHING = Content.styled("Nothing to show here.", "italic $text-muted")


def _about_body(entry: AboutEntry) -> Content:
    return Content.assemble(
        ("About this conference", "bold"),
        "\n",
        (entry.label, "bold $accent"),
        "\n\n",
        entry.text,
        "\n\n",
        ("Enter opens About at this passage, with its sources.", "italic $text-muted"),
    )


def _paper_prompt(paper: Paper) -> Content:
    """The address first, where a small pane still shows it, then the title and the rest."""
    lines: list[Content | tuple[str, str] | str] = [
        (paper.url, "underline $text-primary"),
        "\n",
        (paper.title, "bold"),
    ]
    if paper.publisher:
        lines += ["\n", (paper.publisher, "$text-muted")]
    if paper.note:
        lines += ["\n", (paper.note, "italic $text-muted")]
    return Content.assemble(*lines)


def _provenance(session: Session, width: int) -> Content:
    """The sources, each address under its title and wrapped in the same column."""
    provenance = session.provenance
    parts: list[Content | tuple[str, str] | str] = [("Sources", "bold $accent"), "\n"]
    if provenance.note:
        parts += [("⚠ " if provenance.inferred or provenance.label_blank else "", "$text-warning")]
        parts += [(provenance.note, "italic"), "\n"]
    for source in provenance.sources:
        title = Content(source.title)
        if source.copy:
            title += Content.styled(f" {COPY_MARK}", "italic $text-warning")
        address = Content.styled(source.url, "$text-muted")
        parts += ["• ", hanging(title, 2, width), "\n  ", hanging(address, 2, width), "\n"]
    return Content.assemble(*parts)

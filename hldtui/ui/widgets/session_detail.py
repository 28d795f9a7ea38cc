"""The detail pane: everything known about the highlighted session, and its papers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from hldtui.exports.text import file_ids
from hldtui.model import Interest, Kind, Paper, Session
from hldtui.search import AboutEntry
from hldtui.text import web_address
from hldtui.timezones import zone_name
from hldtui.ui.formatting import COPY_MARK, RUNNING_MARK, hanging, long_day, time_range

INFERRED = " (inferred)"


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

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Open paper"),
        Binding("c", "copy_url", "Copy URL"),
    ]

    def __init__(self, *, id: str | None = None, markup: bool = True) -> None:
        super().__init__(id=id, markup=markup)
        self.papers: tuple[Paper, ...] = ()

    def show_papers(self, papers: tuple[Paper, ...]) -> None:
        self.papers = papers
        self.set_options(Option(_paper_prompt(paper)) for paper in papers)
        if papers:
            self.highlighted = 0

    @property
    def highlighted_paper(self) -> Paper | None:
        return (
            self.papers[self.highlighted] if self.highlighted is not None and self.papers else None
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        paper = self.papers[event.option_index]
        if web_address(paper.url) != paper.url:
            self.notify(
                f"{paper.url} is not an http(s) address, so it is not opened.", severity="error"
            )
            return
        if not self.app.is_web and not browser_available():
            self.notify(
                f"No web browser can be opened here. Press c to copy the address: {paper.url}",
                title="No browser",
                severity="warning",
                timeout=15,
            )
            return
        self.app.open_url(paper.url)
        self.notify(paper.url, title="Opening in your browser")

    def action_copy_url(self) -> None:
        paper = self.highlighted_paper
        if paper is not None:
            self.app.copy_to_clipboard(paper.url)
            self.notify(paper.url, title="Address sent to the clipboard")


class SessionDetail(VerticalScroll):
    """Scrolls with the keys a reader expects; ←/→ are left to the screen for changing day."""

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
    inherit_bindings = False

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)
        yield Label("Background papers", id="papers-heading", classes="heading")
        yield PaperList(id="papers", markup=False)
        yield Static(id="detail-provenance", markup=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: DetailView | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.query_one("#detail-body", Static).update(_body(self._shown, self._width))

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def show_about(self, entry: AboutEntry) -> None:
        """A passage of the About screen that search found."""
        self._shown = None
        text = Content.assemble(
            ("About this conference", "bold"),
            "\n",
            (entry.label, "bold $accent"),
            "\n\n",
            entry.text,
            "\n\n",
            ("Enter opens About at this passage, with its sources.", "italic $text-muted"),
        )
        self.query_one("#detail-body", Static).update(text)
        self.query_one(PaperList).show_papers(())
        self.query_one("#detail-provenance", Static).update("")
        self.set_class(True, "-no-papers")

    def show_session(self, view: DetailView | None) -> None:
        if view is not None and view == self._shown:
            return
        self._shown = view
        session = view.session if view else None
        body = self.query_one("#detail-body", Static)
        papers = self.query_one(PaperList)
        provenance = self.query_one("#detail-provenance", Static)
        if session is None:
            body.update(Content.styled("Nothing to show here.", "italic $text-muted"))
            papers.show_papers(())
            provenance.update("")
            self.set_class(True, "-no-papers")
            return
        body.update(_body(view, self._width))
        papers.show_papers(session.papers + session.links)
        self.set_class(not (session.papers or session.links), "-no-papers")
        heading = "Background papers" if not session.links else "Papers and links"
        self.query_one("#papers-heading", Label).update(heading)
        provenance.update(_provenance(session))
        self.scroll_home(animate=False)


def _paper_prompt(paper: Paper) -> Content:
    lines: list[Content | tuple[str, str] | str] = [(paper.title, "bold")]
    if paper.publisher:
        lines += ["\n", (paper.publisher, "$text-muted")]
    if paper.note:
        lines += ["\n", (paper.note, "italic $text-muted")]
    lines += ["\n", (paper.url, "underline $text-primary")]
    return Content.assemble(*lines)


LABEL_WIDTH = 10


def _field(label: str, value: str, width: int, style: str = "", mark: str = "") -> Content:
    text = Content.assemble((value, style), (mark, "italic $text-warning"))
    return Content.assemble(
        (f"{label:<{LABEL_WIDTH}}", "bold"),
        hanging(text, LABEL_WIDTH, width),
        "\n",
    )


@dataclass(frozen=True)
class DetailView:
    """A session and what the delegate has made of it, as the detail pane shows them."""

    session: Session
    zone: tzinfo
    level: Interest | None = None
    note: str = ""
    clashes: tuple[Session, ...] = ()
    running: bool = False


def _body(view: DetailView, width: int) -> Content:
    session, zone = view.session, view.zone
    title_style = "bold" if session.title else "bold italic"
    parts: list[Content | tuple[str, str] | str] = [(session.display_title, title_style)]
    if session.is_inferred("title"):
        parts.append((INFERRED, "italic $text-warning"))
    if view.level is not None:
        parts.append((f"  {view.level.mark} {view.level.label.capitalize()}", "bold $text-warning"))
    parts.append("\n")
    if view.running:
        parts += [(f"{RUNNING_MARK} Running now", "bold $text-success"), "\n"]
    if session.provenance.label_blank:
        parts += [("⚠ The programme leaves this slot's label blank", "$text-warning"), "\n"]
    for other in view.clashes:
        parts += [
            (f"⚠ Clashes with {other.display_title} ({time_range(other, zone)})", "$text-error"),
            "\n",
        ]
    parts.append("\n")
    times_inferred = session.is_inferred("start") or session.is_inferred("end")
    here = zone_name(zone, session.start)
    parts += [
        _field("Day", long_day(session.day), width),
        _field(
            "Time",
            f"{time_range(session, zone)} {here}",
            width,
            mark=INFERRED if times_inferred else "",
        ),
    ]
    venue_zone = session.start.tzinfo
    there = zone_name(venue_zone, session.start) if venue_zone else here
    if venue_zone is not None and there != here:
        parts.append(_field("There", f"{time_range(session, venue_zone)} {there}", width))
    parts += [
        _field(
            "Kind", session.kind.label, width, mark=INFERRED if session.is_inferred("kind") else ""
        ),
        _field(
            "Room",
            session.room or "not given in the programme",
            width,
            "" if session.room else "italic $text-muted",
            INFERRED if session.is_inferred("room") else "",
        ),
        _field(
            session.kind.people_label,
            "; ".join(session.chairs) or "not given in the programme",
            width,
            "" if session.chairs else "italic $text-muted",
            INFERRED if session.is_inferred("chairs") else "",
        ),
    ]
    if session.track:
        parts.append(_field("Track", session.track, width))
    if session.language:
        parts.append(_field("Language", session.language, width))
    if session.keywords:
        words = ", ".join(keyword.word for keyword in session.keywords)
        parts.append(_field("Keywords", words, width, "$text-muted"))
    if ids := file_ids(session):
        text = " · ".join(f"{label.lower()} {value}" for label, value in ids)
        parts.append(_field("Ids", text, width, "$text-muted"))
    if session.theme:
        heading = "Theme" if session.kind is Kind.ROUND_TABLE else "Subtitle"
        parts += ["\n", (heading, "bold $accent"), "\n", session.theme, "\n"]
    if session.description:
        parts += ["\n", ("About", "bold $accent"), "\n", session.description, "\n"]
    if view.note:
        parts += ["\n", ("My note", "bold $accent"), ("  n edits", "$text-muted"), "\n", view.note]
    return Content.assemble(*parts).rstrip()


def _provenance(session: Session) -> Content:
    provenance = session.provenance
    parts: list[Content | tuple[str, str] | str] = [("Sources", "bold $accent"), "\n"]
    if provenance.note:
        parts += [("⚠ " if provenance.inferred or provenance.label_blank else "", "$text-warning")]
        parts += [(provenance.note, "italic"), "\n"]
    for source in provenance.sources:
        mark = (COPY_MARK, "italic $text-warning") if source.copy else ""
        parts += ["• ", source.title, mark, "\n  ", (source.url, "$text-muted"), "\n"]
    return Content.assemble(*parts)

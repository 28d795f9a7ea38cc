"""The About screen: overview, agenda for action and key figures, each with its sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from hldtui.catalogue import Entry
from hldtui.model import Conference, Source
from hldtui.present import COPY_MARK, date_range
from hldtui.ui.commands import bindings
from hldtui.ui.screens.dialog import Dialog


class AboutScreen(Dialog[None]):
    """``passage`` is the key of a passage search found (see search.about_entries): the
    screen opens there and marks it."""

    DEFAULT_CSS = """
    AboutScreen .about-block {
        height: auto;
    }
    AboutScreen .about-block.-found {
        background: $accent 25%;
    }
    """

    BINDINGS = bindings("about")

    def __init__(
        self,
        conference: Conference,
        passage: str = "",
        *,
        entry: Entry | None = None,
        zone_from_entry: bool = False,
    ) -> None:
        """``entry`` is the catalogue's entry the programme was opened from, whose zone it
        is read in if ``zone_from_entry``."""
        super().__init__()
        self.conference = conference
        self.passage = passage
        self.entry = entry
        self.zone_from_entry = zone_from_entry

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about-box", classes="dialog -page"):
            blocks = about_blocks(self.conference)
            if self.entry is not None:
                block = catalogue_block(self.conference, self.entry, self.zone_from_entry)
                blocks.insert(1, ("catalogue", block))
            for key, text in blocks:
                yield Static(text, id=f"about-{key}", classes="about-block", markup=False)

    def on_mount(self) -> None:
        if self.passage:
            found = self.query_one(f"#about-{self.passage}", Static)
            found.add_class("-found")
            self.call_after_refresh(
                self.query_one("#about-box").scroll_to_widget, found, animate=False, top=True
            )


def about_blocks(conference: Conference) -> list[tuple[str, Content]]:
    """The page in blocks keyed as search.about_entries keys its passages. Facts cite
    numbered sources, listed in full at the end."""
    cited: dict[str, tuple[int, Source]] = {}

    def refs(sources: tuple[Source, ...]) -> tuple[str, str]:
        numbers = []
        for source in sources:
            if source.url not in cited:
                cited[source.url] = (len(cited) + 1, source)
            numbers.append(str(cited[source.url][0]))
        return (f" [{', '.join(numbers)}]", "$text-muted")

    blocks: list[tuple[str, Content]] = [
        (
            "title",
            Content.assemble(
                (conference.title, "bold"),
                "\n",
                f"{date_range(conference)} · {conference.venue}",
                refs(conference.sources),
                "\n",
            ),
        )
    ]
    if conference.overview:
        blocks.append(("overview", Content.assemble("\n", conference.overview, "\n")))
    agenda = conference.agenda
    if agenda is not None:
        heading = Content.assemble("\n", (agenda.title, "bold $accent"), refs(agenda.sources))
        blocks.append(("agenda", heading))
        for number, point in enumerate(agenda.points, start=1):
            text = Content.assemble(f"{number:>2}. {point.text}", refs(point.sources))
            blocks.append((f"agenda-{number}", text))
        if agenda.note:
            blocks.append(("agenda-note", Content.styled(agenda.note, "italic $text-muted")))
    if conference.key_figures:
        blocks.append(("figures", Content.assemble("\n", ("Key figures", "bold $accent"))))
        for number, figure in enumerate(conference.key_figures, start=1):
            parts: list[Content | tuple[str, str] | str] = [
                (figure.figure, "bold"),
                f"  {figure.label}",
                refs(figure.sources),
            ]
            if figure.note:
                parts += ["\n", ("    " + figure.note, "italic $text-muted")]
            blocks.append((f"figure-{number}", Content.assemble(*parts)))
    parts = ["\n", ("Sources", "bold $accent"), "\n"]
    for number, source in sorted(cited.values(), key=lambda item: item[0]):
        mark = (f" {COPY_MARK}", "italic $text-warning") if source.copy else ""
        parts += [f"[{number}] {source.title}", mark, "\n     ", (source.url, "$text-muted"), "\n"]
    parts += ["\n", ("Press Esc to close.", "italic $text-muted")]
    blocks.append(("sources", Content.assemble(*parts)))
    return blocks


def catalogue_block(conference: Conference, entry: Entry, zone_from_entry: bool) -> Content:
    """What the catalogue says of the programme: its entry, the zone it gave where the
    file names none, and its links (the website, maps, PDFs)."""
    parts: list[Content | tuple[str, str] | str] = [
        "\n",
        ("From the catalogue", "bold $accent"),
        (f"  entry {entry.id}", "$text-muted"),
        "\n",
    ]
    if zone_from_entry:
        parts += [
            f"The file names no time zone: its times are read in {entry.timezone}, the "
            "zone the catalogue gives it.\n"
        ]
    elif entry.timezone and entry.timezone != conference.timezone:
        parts += [
            f"The catalogue gives its zone as {entry.timezone}; the file names its own, "
            f"{conference.timezone}, which is used.\n"
        ]
    for link in entry.links:
        kind = f" ({link.type})" if link.type else ""
        parts += [f"{link.title}{kind}", "\n  ", (link.url, "$text-muted"), "\n"]
    if entry.rooms:
        parts += [
            (f"It places {len(entry.rooms)} rooms: m opens a session's room.", "italic"),
            "\n",
        ]
    return Content.assemble(*parts)

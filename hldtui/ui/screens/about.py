"""The About screen: overview, agenda for action and key figures, each with its sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from hldtui.exports.text import date_range
from hldtui.model import Conference, Source


class AboutScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close")]

    def __init__(self, conference: Conference) -> None:
        super().__init__()
        self.conference = conference

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about-box"):
            yield Static(about_text(self.conference), id="about-text")


def about_text(conference: Conference) -> Content:
    """Facts cite numbered sources, listed in full at the end."""
    cited: dict[str, tuple[int, Source]] = {}

    def refs(sources: tuple[Source, ...]) -> tuple[str, str]:
        numbers = []
        for source in sources:
            if source.url not in cited:
                cited[source.url] = (len(cited) + 1, source)
            numbers.append(str(cited[source.url][0]))
        return (f" [{', '.join(numbers)}]", "$text-muted")

    parts: list[Content | tuple[str, str] | str] = [
        (conference.title, "bold"),
        "\n",
        f"{date_range(conference)} · {conference.venue}",
        refs(conference.sources),
        "\n",
    ]
    if conference.overview:
        parts += ["\n", conference.overview, "\n"]
    agenda = conference.agenda
    if agenda is not None:
        parts += ["\n", (agenda.title, "bold $accent"), refs(agenda.sources), "\n"]
        for number, point in enumerate(agenda.points, start=1):
            parts += [f"{number:>2}. {point.text}", refs(point.sources), "\n"]
        if agenda.note:
            parts += [(agenda.note, "italic $text-muted"), "\n"]
    if conference.key_figures:
        parts += ["\n", ("Key figures", "bold $accent"), "\n"]
        for figure in conference.key_figures:
            parts += [(figure.figure, "bold"), f"  {figure.label}", refs(figure.sources), "\n"]
            if figure.note:
                parts += [("    " + figure.note, "italic $text-muted"), "\n"]
    parts += ["\n", ("Sources", "bold $accent"), "\n"]
    for number, source in sorted(cited.values(), key=lambda item: item[0]):
        parts += [f"[{number}] {source.title}", "\n     ", (source.url, "$text-muted"), "\n"]
    parts += ["\n", ("Press Esc to close.", "italic $text-muted")]
    return Content.assemble(*parts)

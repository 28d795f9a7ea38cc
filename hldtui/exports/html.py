"""The programme, or a delegate's agenda, as one self-contained HTML page: semantic, with
no scripts, fonts or files of its own to fetch, readable by a screen reader (headings per
day and session, every symbol with its words), on a phone and on paper.

Every text from the programme is escaped, and only http and https addresses become links.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from html import escape

from hldtui import __version__
from hldtui.model import Interest, Session
from hldtui.plan import Plan
from hldtui.present import (
    COPY_MARK,
    INFERRED,
    date_range,
    long_day,
    session_fields,
    session_sections,
    titled_time,
)
from hldtui.text import web_address
from hldtui.timezones import iso, zone_name

STYLE = """
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto;
  max-width: 48rem; padding: 1rem; overflow-wrap: anywhere; }
header p, .muted { color: #555; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
ol.sessions { list-style: none; padding: 0; }
ol.sessions > li { border-top: 1px solid #ccc; padding: 0.5rem 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h3 { margin: 0.25rem 0; font-size: 1.1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.level { font-weight: 600; }
.clash { color: #a40000; font-weight: 600; }
.note { border-left: 4px solid #888; padding-left: 0.5rem; }
.sources { font-size: 0.9rem; }
@media (prefers-color-scheme: dark) {
  header p, .muted { color: #bbb; }
  .clash { color: #ff8080; }
  a { color: #8cb4ff; }
}
@media (max-width: 30rem) {
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.25rem; }
}
@media print {
  nav { display: none; }
  body { max-width: none; font-size: 10.5pt; color: #000; }
  a { color: #000; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  ol.sessions > li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def programme_html(
    plan: Plan,
    zone: tzinfo,
    *,
    favourites_only: bool,
    made_at: datetime,
    address: str = "",
    fetched_at: datetime | None = None,
) -> str:
    """The page: every session by day, or only the ★/☆ ones with ``favourites_only``;
    ``address`` and ``fetched_at`` say where and when a programme opened from an address
    was fetched."""
    schedule = plan.schedule
    conference = schedule.conference
    sessions = schedule.only(plan.favourites) if favourites_only else schedule.sessions
    days = sorted({session.start.astimezone(zone).date() for session in sessions})
    what = "My agenda" if favourites_only else "Programme"
    first = sessions[0].start if sessions else None
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hldtui {escape(__version__)}">',
        f"<title>{_text(conference.title)}: {what.lower()}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(conference.title)}: {what.lower()}</h1>",
        f"<p>{_text(date_range(conference))} · {_text(conference.venue)}.</p>",
    ]
    if first is not None:
        out.append(f"<p>Times are {_text(zone_name(zone, first))}.</p>")
    if not conference.has_zone:
        out.append("<p>The programme gives no time zone: times are as it writes them.</p>")
    if address:
        fetched = f" on {_text(_moment(fetched_at, zone))}" if fetched_at else ""
        out.append(f"<p>Fetched from {_link(address)}{fetched}.</p>")
    out.append(
        f'<p class="muted">Made by hldtui {escape(__version__)} on '
        f"{_text(_moment(made_at, zone))}. "
        "★ means you will attend, ☆ maybe.</p>"
    )
    out.append("</header>")
    if len(days) > 1:
        out.append('<nav aria-label="Days"><ul>')
        out += [f'<li><a href="#{_day_id(day)}">{_text(long_day(day))}</a></li>' for day in days]
        out.append("</ul></nav>")
    out.append("<main>")
    if not sessions:
        out.append(
            "<p>No favourites yet.</p>"
            if favourites_only
            else "<p>The programme has no sessions.</p>"
        )
    for day in days:
        on_day = [s for s in sessions if s.start.astimezone(zone).date() == day]
        out += _day(plan, zone, day, on_day)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _day(plan: Plan, zone: tzinfo, day: date, sessions: Sequence[Session]) -> list[str]:
    count = f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    out = [
        f'<section aria-labelledby="{_day_id(day)}">',
        f'<h2 id="{_day_id(day)}">{_text(long_day(day))}</h2>',
        f'<p class="muted">{count}.</p>',
        '<ol class="sessions">',
    ]
    for session in sessions:
        out += _session(plan, zone, session)
    out += ["</ol>", "</section>"]
    return out


def _session(plan: Plan, zone: tzinfo, session: Session) -> list[str]:
    schedule = plan.schedule
    level = plan.level(session.id)
    out = ["<li>", "<article>", f"<h3>{_text(session.display_title)}</h3>"]
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    until = (
        f"{end:%H:%M}" if end.date() == start.date() else f"{end:%H:%M} on {long_day(end.date())}"
    )
    out.append(
        f'<p><time datetime="{escape(iso(start))}">{start:%H:%M}</time> to '
        f'<time datetime="{escape(iso(end))}">{_text(until)}</time></p>'
    )
    if level is not None:
        out.append(f'<p class="level">{_level(level)}</p>')
    if plan.is_hidden(session):
        out.append('<p class="muted">You hid this session (or its track) in hldtui.</p>')
    if clashes := plan.clashes_for(session):
        names = "; ".join(titled_time(other, zone) for other in clashes)
        out.append(f'<p class="clash">Clashes with: {_text(names)}</p>')
    out.append("<dl>")
    for field in session_fields(session, None, schedule.title_of):
        value = field.value + (f" {INFERRED}" if field.inferred else "")
        out.append(f"<dt>{_text(field.label)}</dt><dd>{_text(value)}</dd>")
    out.append("</dl>")
    for heading, text in session_sections(session):
        out.append(f"<h4>{_text(heading)}</h4>")
        out += [f"<p>{_text(part)}</p>" for part in text.split("\n\n") if part.strip()]
    if note := plan.note(session.id):
        out.append(f'<div class="note"><h4>My note</h4><p>{_text(note)}</p></div>')
    for heading, papers in (("Background papers", session.papers), ("Links", session.links)):
        if papers:
            out += [f"<h4>{heading}</h4>", "<ul>"]
            out += [f"<li>{_link(paper.url, paper.title)}</li>" for paper in papers]
            out.append("</ul>")
    provenance = session.provenance
    if provenance.label_blank:
        out.append("<p><strong>The programme leaves this slot's label blank.</strong></p>")
    if provenance.note:
        out.append(f'<p class="muted">{_text(provenance.note)}</p>')
    if provenance.sources:
        links = "; ".join(
            _link(source.url, source.title) + (f" {COPY_MARK}" if source.copy else "")
            for source in provenance.sources
        )
        out.append(f'<p class="sources">Sources: {links}</p>')
    out += ["</article>", "</li>"]
    return out


def _moment(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local:%B %Y} at {local:%H:%M} {zone_name(zone, moment)}"


def _level(level: Interest) -> str:
    return f'<span aria-hidden="true">{level.mark}</span> {_text(level.label.capitalize())}'


def _day_id(day: date) -> str:
    return f"day-{day.isoformat()}"


def _text(text: str) -> str:
    """Text as HTML: escaped, every line end kept."""
    return escape(text, quote=True).replace("\n", "<br>")


def _link(url: str, title: str = "") -> str:
    """An http(s) address as a link; anything else as text."""
    shown = _text(title or url)
    address = web_address(url)
    if not address:
        return shown
    return f'<a href="{escape(address, quote=True)}">{shown}</a>'

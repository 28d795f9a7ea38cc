"""How a session, a day and a time are written, for every screen, command and export.

The detail pane, `hldtui show`, the Markdown agenda and the calendar's DESCRIPTION all
build on `session_fields` and `session_sections`, so they say the same things in the same
words. Pure Python: plain strings, no styling.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from hldtui.changes import Change, ChangeKind
from hldtui.model import Conference, Interest, Kind, Paper, Person, Schedule, Session
from hldtui.planner import Gap, NowAndNext, OnNow, Phase
from hldtui.timezones import suggest_zone, zone_name

NOT_GIVEN = "not given in the programme"
INFERRED = "(inferred)"
RUNNING_MARK = "▶"
COPY_MARK = "(a copy on another site)"
LABEL_BLANK = "The programme leaves this slot's label blank"
EMPTY_PROGRAMME = "The programme lists no sessions at all: its file holds none."
FIELD_ALIGN = 10
"""Where plain text lines up a session's facts: 'Time:    10:00–13:00'."""


def day_label(day: date) -> str:
    """'Thu 3 Oct'."""
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: date) -> str:
    """'Thursday 3 October 2013'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def date_range(conference: Conference) -> str:
    """'3–4 October 2013', or the fuller form when months or years differ."""
    first, last = conference.start, conference.end
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def day_shift(session: Session, zone: tzinfo) -> int:
    """How many days the start in ``zone`` falls after (or before) the session's own day."""
    return (session.start.astimezone(zone).date() - session.day).days


def shift_mark(days: int) -> str:
    """' (+1d)' for a start that a zone moves onto another date; '' for none."""
    return f" ({days:+d}d)" if days else ""


def time_range(session: Session, zone: tzinfo, *, shift: bool = True) -> str:
    """'15:00–18:00' in ``zone``, with ' (+1d)' when the zone moves the start off the
    session's day (unless ``shift`` is False, for a list that gives the date apart)."""
    if session.all_day:
        return "all day"
    start, end = local(session.start, zone), local(session.end, zone)
    days = day_shift(session, zone) if shift else 0
    return f"{start:%H:%M}–{end:%H:%M}{shift_mark(days)}"


def zoned_time(session: Session, zone: tzinfo) -> str:
    """'15:00–18:00 EDT (America/New_York)', the zone named as the detail gives it."""
    return f"{time_range(session, zone)} {zone_name(zone, session.start)}"


def named_time(session: Session, zone: tzinfo) -> str:
    """'15:00–18:00 EDT', for lines that name the zone in brief."""
    return f"{time_range(session, zone)} {local(session.start, zone).tzname() or ''}".rstrip()


def gap_text(gap: Gap, zone: tzinfo) -> str:
    """'free 13:00–15:00 (2 h)'."""
    hours, minutes = divmod(gap.minutes, 60)
    length = " ".join(
        filter(None, (f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""))
    )
    return f"free {local(gap.start, zone):%H:%M}–{local(gap.end, zone):%H:%M} ({length})"


def day_and_time(session: Session, zone: tzinfo) -> str:
    """'Wed 21 Aug 11:00–12:00' in ``zone``: the date is the one the zone gives."""
    start = local(session.start, zone)
    return f"{day_label(start.date())} {time_range(session, zone, shift=False)}"


def change_values(change: Change, zone: tzinfo) -> tuple[tuple[str, str, str], ...]:
    """Each thing a moved or changed session changed: (what, as it was, as it is), the
    time in ``zone``."""
    values: list[tuple[str, str, str]] = []
    if change.before is not None and change.moved:
        values.append(
            ("time", day_and_time(change.before, zone), day_and_time(change.session, zone))
        )
    values += [(field.name, field.old, field.new) for field in change.fields]
    return tuple(values)


@dataclass(frozen=True)
class ChangeLine:
    """A line of what a change was: 'Time was: …' (``old``) or 'Time now: …'."""

    text: str
    old: bool = False


def change_lines(change: Change, zone: tzinfo) -> tuple[ChangeLine, ...]:
    """What a change was, in full: each value as it was and as it is, on lines of their own."""
    if change.kind is ChangeKind.NEW:
        return (ChangeLine("New in the programme."),)
    if change.kind is ChangeKind.CANCELLED:
        return (ChangeLine("Cancelled: no longer in the programme."),)
    lines: list[ChangeLine] = []
    for name, old, new in change_values(change, zone):
        label = name.capitalize()
        lines += [
            ChangeLine(f"{label} was: {old or 'empty'}", old=True),
            ChangeLine(f"{label} now: {new or 'empty'}"),
        ]
    return tuple(lines)


def kept_copy_age(fetched_at: datetime | None, zone: tzinfo) -> str:
    """'as of 14:05 CET on 3 Oct 2026', for saying how old a kept copy is."""
    if fetched_at is None:
        return "of unknown age"
    moment = fetched_at.astimezone(zone)
    name = moment.tzname() or ""
    return f"as of {moment:%H:%M}{' ' + name if name else ''} on {moment.day} {moment:%b %Y}"


def offline_notice(address: str, fetched_at: datetime | None, reason: str, zone: tzinfo) -> str:
    """What to say when the copy kept of an address is used without asking it."""
    age = kept_copy_age(fetched_at, zone)
    return f"Using the programme {age}, kept from {address} (offline: {reason.rstrip('.')})."


def offline_label(fetched_at: datetime | None, zone: tzinfo, now: datetime) -> str:
    """'offline · programme as of 14:05', with the date when it is not today's."""
    if fetched_at is None:
        return "offline · programme of unknown age"
    moment, today = fetched_at.astimezone(zone), now.astimezone(zone).date()
    day = "" if moment.date() == today else f" on {moment.day} {moment:%b}"
    return f"offline · programme as of {moment:%H:%M}{day}"


def duration_text(span: timedelta) -> str:
    """'25 min', '1 h 10 min', '2 h': a span rounded up to the minute, as a clock that
    shows 15:30 still has the minute to run."""
    minutes = max(0, -int(-span.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def on_now_text(item: OnNow, now: datetime) -> str:
    """'▶ running · 25 min left', or 'starts in 40 min'."""
    left = duration_text(item.until(now))
    if item.running:
        return f"{RUNNING_MARK} running · {left} left"
    return "starts now" if left == "0 min" else f"starts in {left}"


def titled_time(session: Session, zone: tzinfo) -> str:
    """'Round table 1 · Migration … (10:00–13:00)', as clash warnings name a session."""
    return f"{session.display_title} ({named_time(session, zone)})"


@dataclass(frozen=True)
class Field:
    """One labelled fact about a session, such as its room."""

    label: str
    value: str
    given: bool = True
    """False when the programme does not give it: ``value`` then says so."""
    inferred: bool = False
    """Worked out from other sources rather than stated."""
    secondary: bool = False
    """Of less weight (keywords, the file's ids): screens show it quietly."""

    def line(self, align: int = 0) -> str:
        """'Room: not given in the programme', for plain text, the values lined up after
        ``align`` cells."""
        label = f"{self.label}:".ljust(align - 1) if align else f"{self.label}:"
        return f"{label} {self.value}" + (f" {INFERRED}" if self.inferred else "")


def session_fields(
    session: Session, zone: tzinfo | None, title_of: TitleOf | None = None
) -> tuple[Field, ...]:
    """The session's facts in order: day, time (and the venue's time when ``zone`` is
    another), kind, room, chairs or speakers (each with their first role, where ``title_of``
    gives one), then what the programme gives besides. Without a ``zone``, for exports
    that give the day and time elsewhere, only the rest."""
    fields: list[Field] = []
    if zone is not None:
        times_inferred = session.is_inferred("start") or session.is_inferred("end")
        fields += [
            Field("Day", long_day(session.day)),
            Field("Time", zoned_time(session, zone), inferred=times_inferred),
        ]
        venue = session.start.tzinfo
        if venue is not None and zone_name(venue, session.start) != zone_name(zone, session.start):
            fields.append(Field("There", zoned_time(session, venue)))
    fields += [
        Field("Kind", session.kind.label, inferred=session.is_inferred("kind")),
        _given("Room", session.room or "", session.is_inferred("room")),
        _given(
            session.kind.people_label,
            "; ".join(title_of(name) if title_of else name for name in session.chairs),
            session.is_inferred("chairs"),
        ),
    ]
    if session.not_recorded:
        fields.append(Field("Recording", NOT_RECORDED))
    if session.track:
        fields.append(Field("Track", session.track))
    if session.language:
        fields.append(Field("Language", session.language))
    if session.keywords:
        words = ", ".join(keyword.word for keyword in session.keywords)
        fields.append(Field("Keywords", words, secondary=True))
    if ids := file_ids(session):
        text = " · ".join(f"{label.lower()} {value}" for label, value in ids)
        fields.append(Field("Ids", text, secondary=True))
    return tuple(fields)


TitleOf = Callable[[str], str]
"""How the programme writes a named person, with their first role (`Schedule.title_of`)."""
NOT_RECORDED = "will not be recorded"


def _given(label: str, value: str, inferred: bool) -> Field:
    return Field(label, value or NOT_GIVEN, given=bool(value), inferred=inferred)


def session_sections(session: Session) -> tuple[tuple[str, str], ...]:
    """The session's longer texts with their headings: the theme (or subtitle), then the
    description."""
    sections = []
    if session.theme:
        sections.append(
            ("Theme" if session.kind is Kind.ROUND_TABLE else "Subtitle", session.theme)
        )
    if session.description:
        sections.append(("About", session.description))
    return tuple(sections)


def session_addresses(session: Session) -> tuple[tuple[str, str], ...]:
    """Every address the session shows, once each, as (what it is, address): its papers
    and links first, then its sources."""
    found: dict[str, str] = {}
    for paper in session.papers + session.links:
        found.setdefault(paper.url, paper.title)
    for source in session.provenance.sources:
        found.setdefault(source.url, f"Source: {source.title}")
    return tuple((title, url) for url, title in found.items() if url)


def papers_heading(session: Session, places: tuple[Paper, ...] = ()) -> str:
    """The heading of a session's papers, links and the places of its room (``places``)."""
    if not session.papers and not session.links and places:
        return "Where"
    return "Papers and links" if session.links or places else "Background papers"


def file_ids(session: Session) -> list[tuple[str, str]]:
    """The ids the programme file gives a session besides its key, as (label, value)."""
    labels = (
        ("Event", session.event_id),
        ("Guid", session.guid),
        ("Code", session.code),
        ("Slug", session.slug),
    )
    return [(label, value) for label, value in labels if value and value != session.id]


def level_text(level: Interest | None) -> str:
    """'★ Will attend', or '' for no favourite."""
    return f"{level.mark} {level.label.capitalize()}" if level else ""


def session_text(
    session: Session,
    zone: tzinfo,
    level: Interest | None = None,
    note: str = "",
    clashes: tuple[Session, ...] = (),
    title_of: TitleOf | None = None,
) -> str:
    """Everything about one session as plain text, for `hldtui show`."""
    rows = [session.display_title + (f"  {level_text(level)}" if level else "")]
    if session.provenance.label_blank:
        rows.append(f"⚠ {LABEL_BLANK}")
    rows += [f"⚠ Clashes with {titled_time(other, zone)}" for other in clashes]
    rows += ["", Field("Id", session.id).line(FIELD_ALIGN)]
    rows += [field.line(FIELD_ALIGN) for field in session_fields(session, zone, title_of)]
    for heading, text in session_sections(session):
        rows += ["", f"{heading}:", text]
    papers = session.papers + session.links
    if papers:
        rows += ["", f"{papers_heading(session)}:"]
        rows += [line for paper in papers for line in _paper_lines(paper)]
    if note:
        rows += ["", "My note:", note]
    rows += ["", "Sources:"]
    if session.provenance.note:
        rows.append(session.provenance.note)
    for source in session.provenance.sources:
        copy = f" {COPY_MARK}" if source.copy else ""
        rows.append(f"- {source.title}{copy}: {source.url}")
    return "\n".join(rows)


def person_text(
    person: Person, sessions: tuple[Session, ...], zone: tzinfo, levels: Mapping[str, Interest]
) -> str:
    """Everything the programme says of one person as plain text, for `hldtui show`."""
    rows = [person.name, *person.roles, "", f"Sessions ({len(sessions)}):"]
    for session in sessions:
        level = levels.get(session.id)
        mark = f"  {level.mark}" if level else ""
        rows.append(
            f"- {day_and_time(session, zone)}  {session.display_title}{mark}  [{session.id}]"
        )
    if person.biography:
        rows += ["", "Biography:", person.biography]
    if person.links:
        rows += ["", "Links:"]
        rows += [line for link in person.links for line in _paper_lines(link)]
    if person.keys:
        rows += ["", f"Ids in the file: {', '.join(person.keys)}"]
    if person.sources:
        rows += ["", "Sources:"]
        rows += [f"- {source.title}: {source.url}" for source in person.sources]
    return "\n".join(rows)


def person_line(person: Person, sessions: int) -> str:
    """One line for `hldtui people`: the name, first role and how many sessions."""
    count = f"{sessions} session{'s' if sessions != 1 else ''}"
    return " · ".join([person.name, *person.roles[:1], count])


def _paper_lines(paper: Paper) -> list[str]:
    lines = [f"- {paper.title}", f"  {paper.url}"]
    if paper.publisher:
        lines.append(f"  {paper.publisher}")
    if paper.note:
        lines.append(f"  {paper.note}")
    return lines


def plain_description(session: Session, note: str = "", title_of: TitleOf | None = None) -> str:
    """What a calendar event's DESCRIPTION says: the facts besides the day and time, the
    texts, papers and links, the note and how the entry was worked out."""
    blocks = ["\n".join(field.line() for field in session_fields(session, None, title_of))]
    blocks += [f"{heading}: {text}" for heading, text in session_sections(session)]
    papers = session.papers + session.links
    if papers:
        listed = [f"- {paper.title}: {paper.url}" for paper in papers]
        blocks.append("\n".join([f"{papers_heading(session)}:", *listed]))
    if note:
        blocks.append(f"My note: {note}")
    if session.provenance.note:
        blocks.append(f"About this entry: {session.provenance.note}")
    return "\n\n".join(blocks)


def session_line(
    session: Session, zone: tzinfo, level: Interest | None = None, *, id_width: int = 24
) -> str:
    """One line for `hldtui list`: day, time, kind, id, title and favourite mark."""
    day = session.day
    mark = f"  {level.mark}" if level else ""
    when = named_time(session, zone)
    return (
        f"{day:%a} {day.day:>2} {day:%b}  {when}  {session.kind.badge:<4}  "
        f"{session.id:<{id_width}}  {session.display_title}{mark}"
    )


def status_line(
    schedule: Schedule, status: NowAndNext, zone: tzinfo, *, brief: bool = False
) -> str:
    """One sentence on where the conference stands: before, after, or what runs and what is
    next; ``brief`` names only the first of what runs and of what is next, and the count
    of the others, for a narrow screen."""
    conference = schedule.conference
    if status.phase is Phase.AFTER:
        return f"The conference took place {date_range(conference)}."
    if status.phase is Phase.BEFORE:
        days = (conference.start - status.today).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        return f"The conference starts {when}, on {long_day(conference.start)}."
    parts = []
    if status.running:
        running = [f"{s.display_title} (until {local(s.end, zone):%H:%M})" for s in status.running]
        parts.append(f"{RUNNING_MARK} Now: {_listed(running, brief)}")
    else:
        parts.append("Nothing is running now")
    if status.upcoming:
        first = status.upcoming[0]
        start = local(first.start, zone)
        when = f"{start:%H:%M}" if first.day == status.today else f"{start:%a} {start:%H:%M}"
        names = _listed([s.display_title for s in status.upcoming], brief)
        parts.append(f"Next at {when}: {names}")
    else:
        parts.append("nothing more is scheduled")
    return " · ".join(parts) + "."


def _listed(names: list[str], brief: bool) -> str:
    if brief and len(names) > 1:
        return f"{names[0]} and {len(names) - 1} more"
    return ", ".join(names)


def zone_note(conference: Conference) -> str:
    """What the file left unsaid about its zone, or ''."""
    if conference.has_zone:
        return ""
    suggestion = suggest_zone(conference.venue)
    hint = f" (perhaps --zone {suggestion})" if suggestion else ""
    return f"The file gives no time zone: times are as written. --zone says which{hint}."

"""What the session list can show. Each view builds its rows from the programme, the plan,
the filter and search, with its own tab label and its own message when it is empty.

A view says how it is shown (`widget`: the session list or the timetable; whether it is
a search), so the screen never asks which class it is. A view with a tab is made for a
programme by a function in `TAB_VIEWS`; adding a kind of view means adding its class and
that function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import ClassVar, Literal

from hldtui.changes import Change, ChangeKind
from hldtui.filters import Filter
from hldtui.model import Interest, Schedule
from hldtui.plan import Plan, PlanChange
from hldtui.planner import LOOK_AHEAD, Gap, Phase, now_and_next, on_now
from hldtui.present import (
    EMPTY_PROGRAMME,
    RUNNING_MARK,
    day_label,
    long_day,
    on_now_text,
    status_line,
)
from hldtui.search import SearchIndex, query_words
from hldtui.text import one_line
from hldtui.timetable import Timetable, timetable
from hldtui.ui.widgets.rows import (
    AboutRow,
    ChangeRow,
    GapRow,
    HeadingRow,
    MessageRow,
    NowRow,
    PersonRow,
    Row,
    SessionRow,
)

SEARCH_HINT = "Type to search titles, themes, descriptions, people, rooms, papers and notes."
NO_FAVOURITES = "Your agenda is empty. Press f on a session: ★ will attend, again for ☆ maybe."
NO_PEOPLE = "The programme names no speakers or chairs."
SEARCH_LIMIT = 200
PEOPLE_LIMIT = 20
"""Search lists at most this many people whose names match, above the sessions."""
"""Search shows the best matches; more than this is a cue to type another word."""


@dataclass(frozen=True)
class Scope:
    """What every view builds from."""

    schedule: Schedule
    plan: Plan
    filter: Filter
    index: SearchIndex
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    zone: tzinfo = UTC
    ahead: timedelta = LOOK_AHEAD
    """How far ahead the Now view looks."""


@dataclass(frozen=True)
class Listing:
    """A view's rows, what it says above them ('' for nothing), and the search words for
    the rows to mark."""

    sessions: tuple[Row, ...]
    message: str = ""
    words: tuple[str, ...] = ()
    timetable: Timetable | None = None
    """The day laid out in a grid, for a timetable view."""

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """The rows to show: the message, if any, then the view's own."""
        return (MessageRow(self.message), *self.sessions) if self.message else self.sessions


Shown = Literal["list", "grid"]
"""The widget a view is shown in: the session list, or the timetable."""


class View:
    """One thing the screen shows. Views are values: equal views show the same thing."""

    id: str
    """Unique among a programme's views; a tab's id."""
    widget: ClassVar[Shown] = "list"
    searching: ClassVar[bool] = False
    """Whether the view is search results, shown under the search field."""
    day: date | None = None
    """The one day the view shows, if it shows one."""
    show_day: bool = False
    """Whether rows name their day (where they come from several)."""
    remembers_cursor: bool = True
    """Whether coming back to the view puts the cursor where it was."""
    follows_clock: ClassVar[bool] = False
    """Whether the view changes with the time, and is built anew as the clock moves."""
    has_back: ClassVar[bool] = False
    """Whether Esc goes back from it (from search to its tab, from a person to everyone)."""

    @property
    def tab_id(self) -> str:
        """The tab that is current while the view shows."""
        return self.id

    def at_day(self, day: date) -> View:
        """A day shown the way this view shows one: the day's list, unless a timetable."""
        return DayView(day)

    def toggled(self) -> View | None:
        """The same day in its other form (list or timetable), if the view is a day."""
        return None

    def nearest(self, tabs: tuple[View, ...], days: tuple[date, ...]) -> View:
        """This view in a new version of the programme, whose tabs and days these are."""
        return self

    def labels(self, active: bool) -> tuple[str, ...]:
        """The tab's label, fullest first, then shorter ones for a narrow tab bar."""
        raise NotImplementedError

    def listing(self, scope: Scope) -> Listing:
        raise NotImplementedError

    def rebuilds_on(self, change: PlanChange) -> bool:
        """Whether a change to the plan changes which rows there are (otherwise only the
        changed sessions' rows are drawn again)."""
        return change.hidden


@dataclass(frozen=True)
class DayView(View):
    """One day's sessions, as the filter and what the delegate hid leave them."""

    day: date

    @property
    def id(self) -> str:  # type: ignore[override]
        return f"day-{self.day.isoformat()}"

    def labels(self, active: bool) -> tuple[str, ...]:
        """'Thu 3 Oct', 'Thu 3', then '3' (the current day keeps its weekday)."""
        short = f"{self.day:%a} {self.day.day}"
        return day_label(self.day), short, short if active else str(self.day.day)

    def toggled(self) -> View:
        return TimetableView(self.day)

    def nearest(self, tabs: tuple[View, ...], days: tuple[date, ...]) -> View:
        """The nearest day that is still in the programme."""
        return self.at_day(_nearest_day(self.day, days))

    def listing(self, scope: Scope) -> Listing:
        everything = scope.schedule.on_day(self.day)
        sessions = scope.filter.apply(everything, scope.plan.is_hidden)
        rows = tuple(SessionRow(session) for session in sessions)
        if sessions:
            return Listing(rows)
        if everything:
            message = (
                f"No session on {day_label(self.day)} is left by the filter or what you hid "
                "(t and r change the filter, v shows hidden sessions)."
            )
            return Listing(rows, message)
        if not scope.schedule.sessions:
            return Listing(rows, EMPTY_PROGRAMME)
        return Listing(rows, f"No sessions on {day_label(self.day)}.")


@dataclass(frozen=True)
class TimetableView(View):
    """One day as a grid of columns (rooms, or what the programme names instead) against
    time, with what the filter and the delegate's hiding leave."""

    day: date
    widget: ClassVar[Shown] = "grid"

    @property
    def id(self) -> str:  # type: ignore[override]
        return f"grid-{self.day.isoformat()}"

    @property
    def tab_id(self) -> str:
        return DayView(self.day).id

    def at_day(self, day: date) -> View:
        return TimetableView(day)

    def toggled(self) -> View:
        return DayView(self.day)

    def nearest(self, tabs: tuple[View, ...], days: tuple[date, ...]) -> View:
        return self.at_day(_nearest_day(self.day, days))

    def labels(self, active: bool) -> tuple[str, ...]:
        return DayView(self.day).labels(active)

    def listing(self, scope: Scope) -> Listing:
        everything = scope.schedule.on_day(self.day)
        sessions = scope.filter.apply(everything, scope.plan.is_hidden)
        table = timetable(sessions, scope.schedule.conference.zone, scope.plan.room_place)
        if sessions:
            return Listing((), timetable=table)
        return Listing((), DayView(self.day).listing(scope).message, timetable=table)


@dataclass(frozen=True)
class NowView(View):
    """What runs now and what starts soon: the delegate's ★ and ☆ sessions first, then
    the rest by room, in the organiser's order, each with its time left or to start."""

    id: str = "now"
    follows_clock: ClassVar[bool] = True

    def labels(self, active: bool) -> tuple[str, ...]:
        return (f"{RUNNING_MARK} Now",)

    def listing(self, scope: Scope) -> Listing:
        schedule, plan, now = scope.schedule, scope.plan, scope.now
        status = now_and_next(schedule, now)
        if status.phase is not Phase.DURING:
            return Listing((), status_line(schedule, status, scope.zone))
        groups = on_now(
            schedule,
            now,
            scope.ahead,
            plan.levels,
            plan.room_place,
            lambda session: scope.filter.admits(session, plan.is_hidden),
        )
        rows: list[Row] = []
        for group in groups:
            rows.append(HeadingRow(group.heading))
            rows += [
                NowRow(item.session, status=on_now_text(item, now), running=item.running)
                for item in group.items
            ]
        clock = f"{now.astimezone(scope.zone):%H:%M}"
        until = f"{(now + scope.ahead).astimezone(scope.zone):%H:%M}"
        if not rows:
            after = status_line(schedule, status, scope.zone)
            return Listing((), f"At {clock} nothing runs or starts by {until}. {after}")
        running = sum(item.running for group in groups for item in group.items)
        starting = sum(not item.running for group in groups for item in group.items)
        return Listing(
            tuple(rows), f"At {clock}: {running} running · {starting} starting by {until}"
        )

    def rebuilds_on(self, change: PlanChange) -> bool:
        return change.levels or change.hidden


@dataclass(frozen=True)
class PeopleView(View):
    """Everyone the programme names (speakers, chairs, co-chairs), by name."""

    id: str = "people"

    def labels(self, active: bool) -> tuple[str, ...]:
        return ("People",)

    def listing(self, scope: Scope) -> Listing:
        schedule = scope.schedule
        rows = tuple(
            PersonRow(person, len(schedule.sessions_of(person.name))) for person in schedule.people
        )
        if not rows:
            return Listing((), NO_PEOPLE)
        return Listing(rows, f"{len(rows):,} people · Enter lists a person's sessions")

    def rebuilds_on(self, change: PlanChange) -> bool:
        return False


@dataclass(frozen=True)
class PersonView(View):
    """One person: what the programme says of them, then their sessions."""

    name: str
    show_day: bool = True
    has_back: ClassVar[bool] = True
    remembers_cursor: bool = False
    """Its tab is the People tab, which remembers the person, not a session."""

    @property
    def id(self) -> str:  # type: ignore[override]
        return f"person-{self.name}"

    @property
    def tab_id(self) -> str:
        return PeopleView().id

    def labels(self, active: bool) -> tuple[str, ...]:
        return PeopleView().labels(active)

    def nearest(self, tabs: tuple[View, ...], days: tuple[date, ...]) -> View:
        return self

    def listing(self, scope: Scope) -> Listing:
        schedule = scope.schedule
        sessions = schedule.sessions_of(self.name)
        if not sessions:
            return Listing((), f"{one_line(self.name, 60)} is not named in this programme.")
        person = schedule.person(self.name)
        rows: list[Row] = [PersonRow(person, len(sessions)), HeadingRow("Sessions")]
        rows += [SessionRow(session) for session in sessions]
        return Listing(tuple(rows))


@dataclass(frozen=True)
class AgendaView(View):
    """The delegate's favourites, day by day, with clashes and free time."""

    id: str = "agenda"

    def labels(self, active: bool) -> tuple[str, ...]:
        return (f"{Interest.ATTEND.mark} My agenda",)

    def listing(self, scope: Scope) -> Listing:
        rows: list[Row] = []
        for day in scope.plan.agenda():
            rows.append(HeadingRow(long_day(day.day)))
            rows += [
                GapRow(item) if isinstance(item, Gap) else SessionRow(item.session, item.clashes)
                for item in day.items
            ]
        return Listing(tuple(rows), "" if rows else NO_FAVOURITES)

    def rebuilds_on(self, change: PlanChange) -> bool:
        return change.levels


@dataclass(frozen=True)
class SearchView(View):
    """Sessions from every day whose text has every word of the query, best first, then
    passages of the About screen."""

    query: str = ""
    id: str = "search"
    searching: ClassVar[bool] = True
    has_back: ClassVar[bool] = True
    show_day: bool = True
    remembers_cursor: bool = False

    def labels(self, active: bool) -> tuple[str, ...]:
        return ("Search",)

    def listing(self, scope: Scope) -> Listing:
        words = query_words(self.query)
        if not words:
            return Listing((), SEARCH_HINT)
        index, chosen, plan = scope.index, scope.filter, scope.plan
        leaves_out = chosen.active or (plan.hides_any and not chosen.show_hidden)
        hits = index.search(
            self.query,
            limit=SEARCH_LIMIT,
            accept=(lambda s: chosen.admits(s, plan.is_hidden)) if leaves_out else None,
        )
        about = index.search_about(self.query)
        schedule = scope.schedule
        people = index.search_people(self.query)
        rows: list[Row] = []
        if people:
            rows.append(HeadingRow("People"))
            rows += [
                PersonRow(person, len(schedule.sessions_of(person.name)))
                for person in people[:PEOPLE_LIMIT]
            ]
            if hits:
                rows.append(HeadingRow("Sessions"))
        rows += [SessionRow(hit.session, context=hit.context) for hit in hits]
        if about:
            rows += [HeadingRow("From About this conference"), *map(AboutRow, about)]
        found = index.match_count
        if not hits and not about and not people:
            message = (
                f"“{one_line(self.query, 60)}” is not in this programme: no session, paper, "
                "note or About passage mentions it."
            )
        elif found > len(hits):
            message = f"The best {len(hits)} of {found:,} sessions · type more to narrow"
        else:
            counts = [f"{found} session{'s' if found != 1 else ''}"] if found else []
            if people:
                counts.insert(0, f"{len(people)} {'person' if len(people) == 1 else 'people'}")
            if about:
                counts.append(f"{len(about)} About passage{'s' if len(about) != 1 else ''}")
            message = f"{' and '.join(counts)} · Enter goes there"
        return Listing(tuple(rows), message, words)

    def rebuilds_on(self, change: PlanChange) -> bool:
        return change.hidden or change.notes


@dataclass(frozen=True, eq=False)
class ChangesView(View):
    """What changed since the programme was last seen, the delegate's sessions first."""

    changes: tuple[Change, ...]
    id: str = "changes"

    def nearest(self, tabs: tuple[View, ...], days: tuple[date, ...]) -> View:
        """The new Changes tab, or the first tab where nothing changed any more."""
        return next((tab for tab in tabs if isinstance(tab, ChangesView)), tabs[0])

    def labels(self, active: bool) -> tuple[str, ...]:
        return (f"⟳ Changes ({len(self.changes)})", f"⟳ {len(self.changes)}")

    def listing(self, scope: Scope) -> Listing:
        plan = scope.plan
        levels = plan.levels
        mine = [change for change in self.changes if change.session.id in levels]
        rows: list[Row] = []
        for heading, group in (
            ("Your sessions", mine),
            ("Other sessions", [c for c in self.changes if c.session.id not in levels]),
        ):
            if group:
                rows.append(HeadingRow(heading))
                rows += [
                    ChangeRow(
                        change.session,
                        change=change,
                        now_clashes=()
                        if change.kind is ChangeKind.CANCELLED
                        else plan.clashes_for(change.session),
                    )
                    for change in group
                ]
        message = f"{len(self.changes)} changed since you last looked, {len(mine)} of yours."
        return Listing(tuple(rows), message)

    def rebuilds_on(self, change: PlanChange) -> bool:
        return change.levels


def _nearest_day(day: date, days: tuple[date, ...]) -> date:
    return day if day in days else min(days, key=lambda other: abs((other - day).days))


Programme = tuple[Schedule, tuple[Change, ...]]
"""What the tabs are made from: the programme, and what changed in it since last seen."""


def day_views(programme: Programme) -> tuple[View, ...]:
    return tuple(DayView(day) for day in programme[0].days)


def now_views(programme: Programme) -> tuple[View, ...]:
    return (NowView(),)


def agenda_views(programme: Programme) -> tuple[View, ...]:
    return (AgendaView(),)


def people_views(programme: Programme) -> tuple[View, ...]:
    return (PeopleView(),) if any(session.chairs for session in programme[0].sessions) else ()


def changes_views(programme: Programme) -> tuple[View, ...]:
    return (ChangesView(programme[1]),) if programme[1] else ()


TAB_VIEWS: tuple[Callable[[Programme], tuple[View, ...]], ...] = (
    day_views,
    agenda_views,
    now_views,
    people_views,
    changes_views,
)
"""The tabs of a programme, in order: its days, the agenda, what is on now, its people
(if it names any), then what changed, if anything."""


def tab_views(schedule: Schedule, changes: tuple[Change, ...] = ()) -> tuple[View, ...]:
    return tuple(view for make in TAB_VIEWS for view in make((schedule, changes)))

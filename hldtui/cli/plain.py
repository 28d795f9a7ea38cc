"""The plain line mode (`hldtui --plain`, and the app's start where TERM is dumb): the
programme and the plan through lines of text read from standard input, for a screen
reader, a braille display, a serial line or a script. Days, sessions and results are
numbered; every symbol is said in words; nothing is drawn, coloured or moved about."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from hldtui.cli.context import Context
from hldtui.model import Interest, Session
from hldtui.plan import NotSaved
from hldtui.planner import AgendaEntry
from hldtui.present import (
    date_range,
    long_day,
    session_text,
    status_line,
    time_range,
    zone_note,
)
from hldtui.store import StoreError
from hldtui.text import one_line
from hldtui.timezones import zone_name

WORDS = (
    ("  ★ ", ". "),
    ("  ☆ ", ". "),
    ("★ ", ""),
    ("☆ ", ""),
    ("★", "will attend"),
    ("☆", "maybe"),
    ("▶ ", ""),
    ("⚠ ", "Warning: "),
    ("⊘", "hidden"),
    ("⟳", "changed"),
    ("–", " to "),
    (" · ", ", "),
    ("·", ","),
    ("…", "..."),
    ("“", '"'),
    ("”", '"'),
)
"""Each symbol the screens use, and the words said for it here."""

HELP = """Commands (a number is the one shown before an entry of the last list):
  days              list the days
  day N             the sessions of day N (also: d N)
  next, previous    the sessions of the next or the previous day (also: n, p)
  list              the last list again (also: l)
  show N            everything about session N (also: just N)
  search WORDS      sessions with every word, best first (also: s WORDS, /WORDS)
  star N            mark session N: will attend
  maybe N           mark session N: maybe
  unstar N          session N is no longer a favourite
  note N TEXT       keep a note on session N; note N alone removes it
  agenda            your favourites, by day, with clashes (also: a)
  now               what is running and what is next
  export FORMAT FILE
                    write your favourites as ics or markdown, or the programme as
                    html (export html FILE favourites: only your favourites)
  help              this list (also: h, ?)
  quit              leave (also: q, exit, or the end of the input)"""


def in_words(text: str) -> str:
    for symbol, words in WORDS:
        text = text.replace(symbol, words)
    return text


@dataclass
class PlainSession:
    """What the line mode remembers between commands: the last list shown, and the day."""

    context: Context
    write: Callable[[str], object]
    day: int = 0
    shown: list[Session] = field(default_factory=list)

    def say(self, text: str = "") -> None:
        self.write(in_words(text) + "\n")

    # Commands

    def start(self) -> None:
        conference = self.context.schedule.conference
        self.say(f"hldtui, plain mode. {conference.title}, {date_range(conference)}.")
        sessions = self.context.schedule.sessions
        if sessions:
            self.say(f"Times are {zone_name(self.context.zone, sessions[0].start)}.")
        if note := zone_note(conference):
            self.say(note)
        self.say("Type help for the commands, quit to leave.")
        self.days()

    def days(self) -> None:
        schedule = self.context.schedule
        self.say(f"{len(schedule.days)} days:")
        for number, day in enumerate(schedule.days, start=1):
            count = len(schedule.on_day(day))
            self.say(f"  Day {number}: {long_day(day)}, {count} session{'s' * (count != 1)}.")

    def show_day(self, number: int) -> None:
        schedule = self.context.schedule
        if not 1 <= number <= len(schedule.days):
            self.say(f"There is no day {number}: the days are 1 to {len(schedule.days)}.")
            return
        self.day = number - 1
        day = schedule.days[self.day]
        self.list_of(f"Day {number}, {long_day(day)}", list(schedule.on_day(day)))

    def step(self, by: int) -> None:
        target = self.day + by + 1
        if not 1 <= target <= len(self.context.schedule.days):
            self.say("That was the last day." if by > 0 else "That was the first day.")
            return
        self.show_day(target)

    def list_of(self, heading: str, sessions: list[Session]) -> None:
        self.shown = sessions
        count = len(sessions)
        self.say(f"{heading}: {count} session{'s' * (count != 1)}.")
        plan = self.context.plan
        for number, session in enumerate(sessions, start=1):
            words = [f"{number}. {time_range(session, self.context.zone)}, {session.display_title}"]
            if session.room:
                words.append(f"in {session.room}")
            if (level := plan.level(session.id)) is not None:
                words.append(level.label)
            if clashes := plan.clashes_for(session):
                words.append(f"clashes with {len(clashes)}")
            if plan.is_hidden(session):
                words.append("hidden")
            self.say(", ".join(words) + ".")

    def show(self, session: Session) -> None:
        plan = self.context.plan
        self.say(
            session_text(
                session,
                self.context.zone,
                plan.level(session.id),
                plan.note(session.id),
                plan.clashes_for(session),
                self.context.schedule.title_of,
            )
        )

    def search(self, words: str) -> None:
        from hldtui.search import SearchIndex

        plan = self.context.plan
        hits = SearchIndex(self.context.schedule, lambda: plan.notes).search(words)
        if not hits:
            self.say(f'No session matches "{one_line(words, 60)}".')
            return
        self.list_of(f'Sessions matching "{one_line(words, 60)}"', [hit.session for hit in hits])

    def mark(self, session: Session, level: Interest | None) -> None:
        plan = self.context.plan
        try:
            plan.set_level(session.id, level)
        except NotSaved as error:
            self.say(f"Marked, but not saved: {error}")
            return
        said = level.label if level else "no longer a favourite"
        self.say(f"{session.display_title}: {said}.")
        if clashes := plan.clashes_for(session):
            names = "; ".join(
                f"{s.display_title} ({time_range(s, self.context.zone)})" for s in clashes
            )
            self.say(f"It clashes with: {names}.")

    def note(self, session: Session, text: str) -> None:
        try:
            self.context.plan.set_note(session.id, text)
        except NotSaved as error:
            self.say(f"Kept, but not saved: {error}")
            return
        self.say("Note kept." if text.strip() else "Note removed.")

    def agenda(self) -> None:
        plan = self.context.plan
        sessions = [
            item.session
            for day in plan.agenda()
            for item in day.items
            if isinstance(item, AgendaEntry)
        ]
        if not sessions:
            self.say("You have no favourites yet: star N marks one.")
            return
        self.list_of("Your agenda", sessions)

    def now(self) -> None:
        from hldtui.planner import now_and_next

        context = self.context
        status = now_and_next(context.schedule, context.now, context.plan.levels)
        self.say(status_line(context.schedule, status, context.zone))

    def export(self, what: str, target: str, favourites: bool) -> None:
        from hldtui.exports.html import programme_html
        from hldtui.exports.ics import to_ical
        from hldtui.exports.markdown import agenda_markdown
        from hldtui.store import write_atomically

        context, plan = self.context, self.context.plan
        path = Path(target).expanduser()
        if path.exists():
            self.say(f"{path} exists already and was left as it is: give another name.")
            return
        if what == "ics":
            chosen = context.schedule.only(plan.favourites)
            if not chosen:
                self.say("You have no favourites to export yet.")
                return
            data = to_ical(context.schedule, chosen, levels=plan.levels, notes=plan.notes)
        elif what in ("markdown", "md"):
            data = agenda_markdown(plan, context.zone).encode()
        elif what == "html":
            programme = context.programme
            data = programme_html(
                plan,
                context.zone,
                favourites_only=favourites,
                made_at=context.now,
                address=programme.address,
                fetched_at=programme.version.fetched_at,
            ).encode()
        else:
            self.say(f'"{one_line(what, 20)}" is not a format: give ics, markdown or html.')
            return
        try:
            write_atomically(path, data)
        except OSError as error:
            self.say(f"{path} could not be written ({error.strerror or error}).")
            return
        self.say(f"Wrote {path}.")

    # Reading commands

    def run(self, line: str) -> bool:
        """Do one command; False once the user leaves."""
        words = line.strip().split()
        if not words:
            return True
        verb, rest = words[0].casefold(), words[1:]
        if verb.startswith("/") and len(verb) > 1:
            verb, rest = "search", [verb[1:], *rest]
        if verb in ("quit", "q", "exit"):
            return False
        try:
            self._dispatch(verb, rest, line)
        except StoreError as error:
            self.say(f"Not saved: {error}")
        return True

    def _dispatch(self, verb: str, rest: list[str], line: str) -> None:
        if verb in ("help", "h", "?"):
            self.say(HELP)
        elif verb == "days":
            self.days()
        elif verb in ("day", "d"):
            if (number := self._number(rest, "day")) is not None:
                self.show_day(number)
        elif verb in ("next", "n"):
            self.step(1)
        elif verb in ("previous", "prev", "p"):
            self.step(-1)
        elif verb in ("list", "l"):
            if self.shown:
                self.list_of("The last list", self.shown)
            else:
                self.show_day(self.day + 1)
        elif verb in ("search", "s"):
            if rest:
                self.search(" ".join(rest))
            else:
                self.say("Search for what? For example: search trafficking")
        elif verb in ("agenda", "a"):
            self.agenda()
        elif verb == "now":
            self.now()
        elif verb == "export":
            if len(rest) < 2:
                self.say("Export how, and to which file? For example: export html agenda.html")
            else:
                favourites = len(rest) > 2 and rest[2].casefold().startswith("fav")
                self.export(rest[0].casefold(), rest[1], favourites)
        elif verb.isdigit():
            if (session := self._session([verb])) is not None:
                self.show(session)
        elif verb in ("show", "star", "maybe", "unstar", "note"):
            session = self._session(rest)
            if session is None:
                return
            if verb == "show":
                self.show(session)
            elif verb == "note":
                text = line.strip().split(maxsplit=2)[2] if len(rest) > 1 else ""
                self.note(session, text)
            else:
                levels = {"star": Interest.ATTEND, "maybe": Interest.MAYBE, "unstar": None}
                self.mark(session, levels[verb])
        else:
            self.say(f'"{one_line(verb, 20)}" is not a command. Type help for the commands.')

    def _number(self, rest: Sequence[str], what: str) -> int | None:
        if not rest or not rest[0].isdigit() or len(rest[0]) > 6:
            self.say(f"Which {what}? Give its number, for example: {what} 1")
            return None
        return int(rest[0])

    def _session(self, rest: Sequence[str]) -> Session | None:
        number = self._number(rest, "session")
        if number is None:
            return None
        if not self.shown:
            self.say("No sessions are listed yet: day 1 lists the first day's.")
            return None
        if not 1 <= number <= len(self.shown):
            self.say(
                f"There is no session {number} in the last list: it has 1 to {len(self.shown)}."
            )
            return None
        return self.shown[number - 1]


def run_plain(context: Context, stdin: TextIO | None = None) -> int:
    """Read commands until quit or the end of the input; 0 when all went well."""
    stdin = stdin or sys.stdin
    prompt = stdin.isatty()
    session = PlainSession(context, sys.stdout.write)
    session.start()
    if context.schedule.days:
        session.show_day(1)
    while True:
        if prompt:
            sys.stdout.write("> ")
        sys.stdout.flush()
        line = stdin.readline(10_000)
        if not line or not session.run(line):
            break
    session.say("Goodbye.")
    return 0

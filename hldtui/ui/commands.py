"""Every command of the app, declared once: its keys, where they work, what the footer,
the help screen and the command palette call it. Classes take their BINDINGS from here,
and the help screen and the palette are generated from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

DAY_GROUP = Binding.Group("Day", compact=True)

PLACES = {
    "app": "Everywhere",
    "main": "Main screen",
    "list": "Session list",
    "detail": "Detail pane",
    "papers": "Background papers",
    "grid": "Timetable",
    "search": "Search field",
    "about": "About this conference",
    "share": "Sharing your plan",
    "note": "Note editor",
    "picker": "Pickers (type to narrow the list)",
    "confirm": "Questions",
    "help": "This help",
}
"""Where a command's keys work, in the order the help screen lists them."""


@dataclass(frozen=True)
class Command:
    """One command. Its ``action`` runs on the class that binds ``place``'s keys."""

    id: str
    place: str
    keys: str
    """Textual key names, comma-separated; '' for a palette-only command."""
    action: str
    label: str
    """The footer's word for it, and the help's when ``help`` is empty."""
    help: str = ""
    palette: str = ""
    """The command palette's name for it; '' keeps it out of the palette."""
    footer: bool = False
    key_display: str | None = None
    group: Binding.Group | None = None
    priority: bool = False
    short: str = ""
    """A shorter footer word, for a narrow footer; '' keeps ``label``."""

    @property
    def description(self) -> str:
        return self.help or self.label

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
            group=self.group,
        )


COMMANDS: tuple[Command, ...] = (
    Command("quit", "app", "q", "quit", "Quit", footer=True),
    Command("help", "app", "question_mark,f1", "help", "Help", "This list of keys",
            footer=True, key_display="?"),
    Command("about", "app", "i", "about", "About",
            "About this conference: its themes, background and sources",
            palette="About this conference"),
    Command("refresh", "app", "u", "refresh_programme", "Refresh",
            "Read the programme again: fetch it again from its address",
            palette="Refresh the programme"),
    Command("share", "app", "s", "share", "Share",
            "Your plan as a link and a QR code, for Giggity or hldtui on another device",
            palette="Share your plan as a link and a QR code"),
    Command("programmes", "app", "O", "programmes", "Programmes",
            "Open another programme: one opened before, or one of the catalogue's",
            palette="Open another programme"),
    Command("next-pane", "app", "tab", "focus_next", "Next pane"),
    Command("previous-pane", "app", "shift+tab", "focus_previous", "Previous pane"),
    Command("previous-day", "main", "left,left_square_bracket", "previous_tab", "Previous day",
            footer=True, key_display="←", group=DAY_GROUP),
    Command("next-day", "main", "right,right_square_bracket", "next_tab", "Next day",
            footer=True, key_display="→", group=DAY_GROUP),
    Command("favourite", "main", "f,space", "cycle_interest", "Favourite",
            "Favourite: ★ will attend, again ☆ maybe, again none",
            palette="Toggle favourite of the highlighted session", footer=True,
            key_display="f", short="Fav"),
    # Priority: the field takes the focus before the keys typed after / arrive.
    Command("search", "main", "slash", "search", "Search",
            "Search titles, themes, papers and notes on every day",
            palette="Search sessions", footer=True, key_display="/", priority=True,
            short="Find"),
    # Priority, as for search: the editor opens before the keys typed after n arrive.
    Command("note", "main", "n", "edit_note", "Note", "Write a note on the highlighted session",
            palette="Edit the note of the highlighted session", footer=True, priority=True),
    Command("zone", "main", "z", "toggle_zone", "Time zone",
            "Times in the conference's zone or your own", palette="Switch time zone",
            footer=True, short="Zone"),
    # Priority, as for the note: a question opens before the keys typed after its key.
    Command("export", "main", "e", "export_calendar", "Export",
            "Export your favourites to an .ics calendar file in your documents folder",
            palette="Export favourites to a calendar file", priority=True),
    Command("filter-kind", "main", "t", "pick_kind_or_track", "Filter kind/track",
            "Show only one kind or track", palette="Filter by kind or track", priority=True),
    Command("filter-room", "main", "r", "pick_room", "Filter room", "Show only one room",
            palette="Filter by room", priority=True),
    Command("pin-room", "main", "plus", "pin_room", "Pin room",
            "Put the highlighted session's room first in the timetable, or unpin it",
            palette="Pin or unpin the highlighted session's room"),
    Command("clear-filters", "main", "", "clear_filters", "Clear filters",
            "Show every kind, track and room", palette="Clear filters"),
    Command("hide", "main", "h", "hide_session", "Hide session",
            "Hide the highlighted session, or show it again",
            palette="Hide or unhide the highlighted session"),
    Command("hide-track", "main", "H", "hide_track", "Hide track",
            "Hide the highlighted session's track, or show it again",
            palette="Hide or unhide the highlighted session's track"),
    Command("show-hidden", "main", "v", "toggle_hidden", "Show hidden",
            "Show hidden sessions, marked ⊘, or leave them out",
            palette="Show or leave out hidden sessions"),
    Command("changes-seen", "main", "", "mark_changes_seen", "Mark the changes as seen",
            "The next start shows only what changes after now",
            palette="Mark the programme's changes as seen"),
    Command("change-notices", "main", "", "choose_change_notices", "Change notices",
            "Which changes to be told of: every session's, yours, or those still to come",
            palette="Choose which changes to be told of"),
    Command("copy-address", "main", "c", "copy_address", "Copy address",
            "Copy an address the highlighted session shows: a paper's, a link's or a source's",
            palette="Copy an address of the highlighted session", priority=True),
    Command("jump", "main", "", "jump_to_session", "Jump to session",
            "Find any session by its title, day and time",
            palette="Jump to session…"),
    Command("now", "main", "w", "show_now", "Now",
            "What is on now: what runs and what starts soon, yours first, then by room",
            palette="Show what is on now", footer=True),
    Command("look-ahead", "main", "", "choose_look_ahead", "Look ahead",
            "How far ahead the Now view looks for what starts",
            palette="Choose how far ahead the Now view looks"),
    # Priority, as for the filters: with several links a question opens.
    Command("media", "main", "o", "open_media", "Recording",
            "Open the highlighted session's recording or live stream in your browser",
            palette="Open the recording or stream of the highlighted session", priority=True),
    Command("feedback", "main", "F", "open_feedback", "Feedback",
            "Open the highlighted session's feedback page in your browser",
            palette="Give feedback on the highlighted session"),
    Command("venue", "main", "m", "open_venue", "Map",
            "Open the highlighted session's room on the venue's map, or its place in a maps "
            "app, where the catalogue gives them", palette="Open the room on the venue's map"),
    Command("people", "main", "P", "show_people", "People",
            "Everyone the programme names, each with their sessions",
            palette="Show the people"),
    # Priority, as for the filters: with several people a question opens.
    Command("session-people", "main", "p", "session_people", "People of session",
            "The highlighted session's chairs or speakers: open one's page",
            palette="Show the people of the highlighted session", priority=True),
    Command("agenda", "main", "a", "show_agenda", "My agenda",
            "Every favourite, in time order", palette="Show my agenda"),
    Command("timetable", "main", "g", "toggle_timetable", "Timetable",
            "The day as a timetable of rooms by time, or as a list again",
            palette="Switch between the day's list and its timetable", footer=True,
            short="Grid"),
    Command("back", "main", "escape", "go_back", "Back",
            "Close search and go back to the day, or from a person's page back to everyone",
            footer=True),
    Command("down", "list", "down,j", "cursor_down", "Down"),
    Command("up", "list", "up,k", "cursor_up", "Up"),
    Command("first", "list", "home", "first", "First"),
    Command("last", "list", "end", "last", "Last"),
    Command("page-down", "list", "pagedown", "page_down", "Page down"),
    Command("page-up", "list", "pageup", "page_up", "Page up"),
    Command("select", "list", "enter", "select", "Select",
            "In a day: go to the detail; in search: go to the session's day"),
    Command("grid-down", "grid", "down,j", "down", "Later", "Later in the same column"),
    Command("grid-up", "grid", "up,k", "up", "Earlier", "Earlier in the same column"),
    Command("grid-right", "grid", "right", "right", "Next column",
            "The next column, at the same time"),
    Command("grid-left", "grid", "left", "left", "Previous column",
            "The previous column, at the same time"),
    Command("grid-select", "grid", "enter", "select", "Select", "Go to the detail"),
    Command("scroll-up", "detail", "up,k", "scroll_up", "Scroll up"),
    Command("scroll-down", "detail", "down,j", "scroll_down", "Scroll down"),
    Command("detail-page-up", "detail", "pageup", "page_up", "Page up"),
    Command("detail-page-down", "detail", "pagedown", "page_down", "Page down"),
    Command("top", "detail", "home", "scroll_home", "Top"),
    Command("bottom", "detail", "end", "scroll_end", "Bottom"),
    Command("paper-down", "papers", "down,j", "cursor_down", "Down"),
    Command("paper-up", "papers", "up,k", "cursor_up", "Up"),
    Command("open-paper", "papers", "enter", "select", "Open paper",
            "Open the paper in your browser", footer=True, short="Open"),
    Command("copy-url", "papers", "c", "screen.copy_address", "Copy URL",
            "Copy the paper's address to the clipboard", footer=True, short="Copy"),
    Command("results", "search", "down", "focus_results", "Results",
            "Go down to the results"),
    Command("close-about", "about", "escape,q,i", "dismiss", "Close", footer=True),
    Command("copy-link", "share", "c", "copy_link", "Copy link", footer=True),
    Command("close-share", "share", "escape,q,s", "dismiss", "Close", footer=True),
    # Not a priority binding: ctrl+s then comes after the keys typed before it.
    Command("save-note", "note", "ctrl+s", "save", "Save", footer=True),
    Command("cancel-note", "note", "escape", "cancel", "Cancel", footer=True),
    Command("pick-down", "picker", "down", "next", "Down", "The next entry"),
    Command("pick-up", "picker", "up", "previous", "Up", "The entry before"),
    Command("pick", "picker", "enter", "pick", "Pick", "Take the highlighted entry",
            footer=True),
    Command("cancel-pick", "picker", "escape", "cancel", "Cancel", footer=True),
    Command("yes", "confirm", "y", "answer(True)", "Yes", footer=True),
    Command("no", "confirm", "n,escape", "answer(False)", "No", footer=True),
    Command("close-help", "help", "escape,q,question_mark,f1", "dismiss", "Close",
            footer=True),
)  # fmt: skip

FOOTER_DROPS = ("zone", "note", "timetable", "now", "previous-day", "next-day")
"""The footer's keys that give way first, in this order, where even short words leave too
little room: quitting, help, favourites, search and the palette always stay."""

ALSO: tuple[tuple[str, str], ...] = (
    ("ctrl+p", "Command palette: jump to a session, switch day, every command by name"),
    ("mouse", "Click tabs, sessions and papers; scroll with the wheel"),
    ("paste", "Paste a share link (https://ggt.gaa.st/#url=…) to take in the plan it holds"),
)
"""Help lines for what Textual itself binds, or what no key does."""


def bindings(place: str) -> list[BindingType]:
    """The BINDINGS of the class that serves ``place``."""
    return [command.binding() for command in COMMANDS if command.place == place and command.keys]


def palette_commands(place: str = "main") -> list[Command]:
    """The commands the palette offers on the main screen, its own and the app's."""
    return [command for command in COMMANDS if command.palette and command.place in ("app", place)]


def command_by_id(command_id: str) -> Command:
    return _BY_ID[command_id]


def short_word(command_id: str | None, label: str) -> str:
    """The footer's short word for a command's key, or ``label`` for one with none (and
    for keys Textual's own widgets bind)."""
    command = _BY_ID.get(command_id or "")
    return command.short if command is not None and command.short else label


_BY_ID = {command.id: command for command in COMMANDS}

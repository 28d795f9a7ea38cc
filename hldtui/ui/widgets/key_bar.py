"""The bottom line: the keys the footer shows where the focus is, and the palette's key;
for a few seconds after a key that answers in words (f), those words instead.

One widget that draws its line itself, as the tab bar does: a change of focus, of the
keys on offer or of what is said repaints it, with no widgets to mount, so the answer
comes in the frame of the key. A click on a key presses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import groupby

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.timer import Timer
from textual.widget import Widget

from hldtui.text import one_line
from hldtui.ui.commands import FOOTER_DROPS, short_word
from hldtui.ui.widgets.line_view import line_strip

SAID_SECONDS = 6.0


@dataclass(frozen=True)
class Said:
    """Words for the bottom line, in place of the keys for a while."""

    text: str
    warning: bool = False


@dataclass(frozen=True)
class _Entry:
    """A key (or a group of keys) on the bar: with its word, with its short word, the id
    of its command ('' for a key of Textual's own) and the key a click presses."""

    full: Content
    short: Content
    command_id: str
    key: str


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        color: $text-disabled;
    }
    KeyBar > .key-bar--said {
        color: $foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--warning {
        color: $text-warning;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled", "key-bar--said", "key-bar--warning"}

    said: reactive[Said | None] = reactive(None, always_update=True)
    """Bound from the screen: shown for SAID_SECONDS, or until something else is said."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        """Each key's first cell, the cell after its description, and the key."""
        self._saying: Said | None = None
        self._until: Timer | None = None
        self._drawn_for: list[tuple[str, bool]] | None = None
        """The keys on offer when the line was last drawn."""

    def watch_said(self, said: Said | None) -> None:
        self._saying = said
        if self._until is not None:
            self._until.stop()
        self._until = self.set_timer(SAID_SECONDS, self._said_enough) if said else None

    def _said_enough(self) -> None:
        self._saying = self._until = None
        self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Drawn again only if the keys on offer changed: the signal also comes when they
        did not (as the screen starts), and a frame for nothing is a frame late."""
        offered = self._offered()
        if offered != self._drawn_for:
            self.refresh()

    def _offered(self) -> list[tuple[str, bool]]:
        return [(binding.key, enabled) for items, _ in self._shown() for binding, enabled in items]

    def _shown(self) -> Iterator[tuple[list[tuple[Binding, bool]], Binding.Group | None]]:
        """The bindings to show, one per action, grouped as their group says."""
        by_action: dict[str, tuple[Binding, bool]] = {}
        for active in self.screen.active_bindings.values():
            if active.binding.show and active.binding.action not in by_action:
                by_action[active.binding.action] = (active.binding, active.enabled)
        for group, members in groupby(by_action.values(), lambda item: item[0].group):
            items = list(members)
            if group is not None and len(items) > 1:
                yield items, group
            else:
                yield from (([item], None) for item in items)

    def render_line(self, y: int) -> Strip:
        return line_strip(self, self._line(), self.visual_style, self.size.width)

    def _line(self) -> Content:
        if self._saying is not None:
            self._spans = []
            said = self._saying
            style = self.get_visual_style("key-bar--warning" if said.warning else "key-bar--said")
            return Content.styled(f" {one_line(said.text, max(1, self.size.width - 2))}", style)
        self._drawn_for = self._offered()
        key_style = self.get_visual_style("key-bar--key")
        disabled_style = self.get_visual_style("key-bar--disabled")
        palette = self.app.COMMAND_PALETTE_BINDING
        right = Content()
        if self.app.ENABLE_COMMAND_PALETTE:
            key = self.app.get_key_display(Binding(palette, "command_palette"))
            right = Content.assemble((key, key_style), " palette ")
        room = self.size.width - right.cell_length - 1
        entries = [
            self._entry(items, group, key_style, disabled_style) for items, group in self._shown()
        ]
        if sum(entry.full.cell_length for entry in entries) > room:
            # Shorter words first; then the keys that matter least give way.
            entries = [replace(entry, full=entry.short) for entry in entries]
            for dropped in FOOTER_DROPS:
                if sum(entry.full.cell_length for entry in entries) <= room:
                    break
                entries = [entry for entry in entries if entry.command_id != dropped]
        self._spans = []
        parts: list[Content] = []
        position = 0
        for entry in entries:
            text = entry.full
            self._spans.append((position, position + text.cell_length, entry.key))
            parts.append(text)
            position += text.cell_length
        left = Content("").join(parts)
        if not right:
            return left
        gap = self.size.width - left.cell_length - right.cell_length
        if gap < 1:
            return left
        self._spans.append((left.cell_length + gap, self.size.width, palette))
        return Content.assemble(left, " " * gap, right)

    def _entry(
        self,
        items: list[tuple[Binding, bool]],
        group: Binding.Group | None,
        key_style: VisualStyle,
        disabled_style: VisualStyle,
    ) -> _Entry:
        """A key (or a group of keys) with its word, and with its short word."""
        keys = Content("").join(
            Content.styled(self.app.get_key_display(binding), key_style if on else disabled_style)
            for binding, on in items
        )
        first = items[0][0]
        label = group.description if group is not None else first.description
        short = label if group is not None else short_word(first.id, label)
        return _Entry(
            Content(" ") + keys + Content(f" {label} "),
            Content(" ") + keys + Content(f" {short} "),
            first.id or "",
            first.key,
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return

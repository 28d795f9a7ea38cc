"""Text laid out for the screen, beyond what `hldtui.present` says."""

from __future__ import annotations

from textual.content import Content

# Narrower than this, text is left to wrap on its own rather than in an indented column.
MIN_COLUMN = 12


def hanging(text: Content, indent: int, width: int) -> Content:
    """``text`` wrapped to follow a label ``indent`` cells wide: later lines line up under it."""
    column = width - indent
    if column < MIN_COLUMN:
        return text
    lines = [line for paragraph in text.split("\n") for line in paragraph.wrap(column)]
    return Content("\n" + " " * indent).join(lines)

"""Text laid out for the screen, beyond what `hldtui.present` says."""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content

# Narrower than this, text is left to wrap on its own rather than in an indented column.
MIN_COLUMN = 12


@lru_cache(maxsize=65_536)
def wrap(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """Greedy word wrap of ``text`` into ``width`` cells, as (start, end) offsets per line.
    Remembered, since a row's height and its drawing both ask, and day after day."""
    if width < 8 or cell_len(text) <= width:
        return ((0, len(text)),)
    lines: list[tuple[int, int]] = []
    line_start, used, position = 0, 0, 0
    for word in text.split(" "):
        size = cell_len(word)
        if used and used + 1 + size > width:
            lines.append((line_start, position - 1))
            line_start, used = position, 0
        if size > width:
            # A word longer than the column is cut where it fills a line.
            for character in word:
                step = cell_len(character)
                if used + step > width:
                    lines.append((line_start, position))
                    line_start, used = position, 0
                used += step
                position += 1
            position += 1
            continue
        used += size + (1 if used else 0)
        position += len(word) + 1
    lines.append((line_start, len(text)))
    return tuple(lines)


def wrapped(text: Content, width: int) -> list[Content]:
    """``text`` as lines of at most ``width`` cells, broken at spaces, its own line breaks
    kept: the same breaks as `wrap`, and much quicker than laying the text out."""
    return [
        line[start:end]
        for line in text.split("\n", allow_blank=True)
        for start, end in wrap(line.plain, max(1, width))
    ]


def hanging(text: Content, indent: int, width: int) -> Content:
    """``text`` wrapped to follow a label ``indent`` cells wide: later lines line up under it."""
    column = width - indent
    if column < MIN_COLUMN:
        return text
    return Content("\n" + " " * indent).join(wrapped(text, column))

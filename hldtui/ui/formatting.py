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
    Lines break at spaces, and only the one space at each break is left out; a word wider
    than a line starts one and is cut where it fills it. Remembered, since a row's height and its
    drawing both ask, and day after day."""
    width = max(1, width)
    # Printable ASCII is a cell a character: counted without looking each one up.
    measure = len if text.isascii() and text.isprintable() else cell_len
    if measure(text) <= width:
        return ((0, len(text)),)
    lines: list[tuple[int, int]] = []
    # The line begins at line_start, and `used` cells of it lie before `position`;
    # `worded` says whether any of them is more than spaces.
    line_start = position = used = 0
    worded = False
    words = text.split(" ")
    for index, word in enumerate(words):
        size = measure(word)
        if used + size > width and worded:
            # The line ends at the space before the word.
            lines.append((line_start, position - 1))
            line_start, used = position, 0
        if used + size <= width:
            used += size
        else:
            # Too wide for a line (or for what an indent leaves): cut where each line fills.
            for offset, character in enumerate(word):
                step = measure(character)
                if used + step > width and used:
                    lines.append((line_start, position + offset))
                    line_start, used = position + offset, 0
                used += step
        worded = worded or bool(word)
        position += len(word)
        if index < len(words) - 1:
            if used + 1 > width:
                # The space after a full line is the break.
                lines.append((line_start, position))
                line_start, used, worded = position + 1, 0, False
            else:
                used += 1
            position += 1
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

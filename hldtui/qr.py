"""A link as a QR code (made by segno): drawn with half blocks for a terminal, or written
as an image. The code is always dark on light with its quiet zone of four modules, as
phone cameras expect, whatever the terminal's own colours.

Every cell is the upper half block, its upper module in the foreground colour and its
lower one in the background colour, so that no cell is a space: a renderer that drops
spaces (as some SVG viewers do with a screenshot) cannot shift the code."""

from __future__ import annotations

from io import BytesIO
from itertools import groupby

QUIET_ZONE = 4
DARK = "#000000"
LIGHT = "#ffffff"
HALF = "▀"
Run = tuple[int, bool, bool]
"""A run of cells alike: how many, and whether the upper and the lower module are dark."""


class QRError(Exception):
    """A text too long for any QR code."""


def _code(text: str) -> object:
    import segno

    try:
        return segno.make(text, error="l", micro=False)
    except segno.DataOverflowError:
        raise QRError(
            f"the link is {len(text):,} characters long, more than a QR code holds."
        ) from None


def cell_rows(text: str) -> list[list[Run]]:
    """The code, quiet zone included, as rows of cells of two modules, one above the
    other, in runs of cells alike."""
    code = _code(text)
    matrix = [
        [bool(module) for module in row]
        for row in code.matrix_iter(scale=1, border=QUIET_ZONE)  # type: ignore[attr-defined]
    ]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        [
            (len(list(cells)), top, bottom)
            for (top, bottom), cells in groupby(zip(upper, lower, strict=True))
        ]
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


def ansi_rows(text: str) -> list[str]:
    """The code for a terminal: black on white, whatever its theme."""

    def colour(dark: bool) -> str:
        return "0;0;0" if dark else "255;255;255"

    return [
        "".join(
            f"\x1b[38;2;{colour(top)};48;2;{colour(bottom)}m{HALF * count}"
            for count, top, bottom in row
        )
        + "\x1b[0m"
        for row in cell_rows(text)
    ]


def png_bytes(text: str, scale: int = 8) -> bytes:
    """The code as a PNG image; raises QRError."""
    image = BytesIO()
    code = _code(text)
    code.save(image, kind="png", scale=scale, border=QUIET_ZONE, dark=DARK, light=LIGHT)  # type: ignore[attr-defined]
    return image.getvalue()

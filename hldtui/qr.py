"""A link as a QR code (made by segno): drawn with half blocks for a terminal, or written
as an image. The code is always dark on light with its quiet zone of four modules, as
phone cameras expect, whatever the terminal's own colours."""

from __future__ import annotations

from io import BytesIO

QUIET_ZONE = 4
DARK = "#000000"
LIGHT = "#ffffff"
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
"""The character for a cell of two modules, (top, bottom) dark or not; drawn in the
dark colour on the light one."""


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


def half_block_rows(text: str) -> list[str]:
    """The code, quiet zone included, as rows of half blocks: two modules to a character
    cell, one above the other, each a dark module where it is drawn."""
    code = _code(text)
    matrix = [
        [bool(module) for module in row]
        for row in code.matrix_iter(scale=1, border=QUIET_ZONE)  # type: ignore[attr-defined]
    ]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


def ansi_rows(text: str) -> list[str]:
    """The half-block rows coloured for a terminal: black on white, whatever its theme."""
    start, end = "\x1b[38;2;0;0;0;48;2;255;255;255m", "\x1b[0m"
    return [f"{start}{row}{end}" for row in half_block_rows(text)]


def png_bytes(text: str, scale: int = 8) -> bytes:
    """The code as a PNG image; raises QRError."""
    image = BytesIO()
    code = _code(text)
    code.save(image, kind="png", scale=scale, border=QUIET_ZONE, dark=DARK, light=LIGHT)  # type: ignore[attr-defined]
    return image.getvalue()

"""What the command line's exit status means, and the error for bad input from it."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    FOUND = 0
    """Something was found or done."""
    NOTHING = 1
    """Nothing matched (no session, no change, no reminder due)."""
    BAD_INPUT = 2
    """Bad input, or any other failure: a message on stderr says which."""


class UsageError(Exception):
    """Bad input from the command line; the message says what to give instead."""

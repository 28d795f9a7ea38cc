"""hldtui: a keyboard-first terminal browser for conference programmes."""

__version__ = "0.1.0"

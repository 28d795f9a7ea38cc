"""What the commands print and write: terminal-safe text, JSON, `-o` files, questions and
a download's progress.

Everything printed passes through a filter that shows control characters as symbols, so
that no text from a file can act on the terminal.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from pathlib import Path
from typing import Any, TextIO

from hldtui.cli.status import UsageError
from hldtui.plan import Plan
from hldtui.programme import Progress
from hldtui.store import write_atomically
from hldtui.text import visible


class TerminalSafe(io.TextIOBase):
    """Writes through to another text stream with every control character made visible."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self) -> Any:
        """The raw byte stream, for output that is already safe (calendar files)."""
        return self.stream.buffer


@contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and error that never pass control characters on, and replace what
    their encoding cannot write instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    with redirect_stdout(TerminalSafe(sys.stdout)), redirect_stderr(TerminalSafe(sys.stderr)):
        yield


def discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so that exiting does not fail again."""
    with suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def print_drawing(lines: list[str]) -> None:
    """Lines hldtui drew itself, with its own colour codes (a QR code): written past the
    filter, which would show the codes as symbols. Never for text from a file."""
    sys.stdout.flush()
    sys.stdout.buffer.write("".join(f"{line}\n" for line in lines).encode("utf-8"))
    sys.stdout.flush()


def say(message: str) -> None:
    """A message for the user, on stderr, so that stdout stays as it is for scripts."""
    print(f"hldtui: {message}", file=sys.stderr)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def print_plan_warnings(plan: Plan) -> None:
    for warning in plan.take_warnings():
        say(warning)


def is_terminal(stream: TextIO | None) -> bool:
    return stream is not None and stream.isatty()


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def is_web_driven() -> bool:
    """Whether this process is an app `hldtui serve` started, drawing for a browser."""
    return os.environ.get("TEXTUAL_DRIVER", "") == WEB_DRIVER


def write_output(output: Path | None, data: bytes | str, *, force: bool) -> None:
    """Text or bytes to stdout, or to the -o file: written whole or not at all, and an
    existing file replaced only with --force or the user's yes."""
    if output is None:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with suppress(OSError):
        # A link is replaced, never followed; a folder, device or pipe is left alone.
        mode = os.lstat(output).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise UsageError(
                f"{output} is not a regular file (it is a folder, a device or a pipe) "
                "and was left as it is. Give the path of a file."
            )
    if os.path.lexists(output) and not force and not confirm_replace(output):
        raise UsageError(f"{output} exists and was left as it is. Use --force to replace it.")
    try:
        write_atomically(output, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise UsageError(f"cannot write {output} ({error.strerror or error}).") from None
    print(f"Wrote {output}", file=sys.stderr)


def confirm_replace(path: Path) -> bool:
    """Ask on the terminal whether to replace ``path``; no terminal means no."""
    if not is_terminal(sys.__stdin__):
        return False
    print(f"hldtui: {path} exists. Replace it? [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


class _ProgressLine:
    """hldtui's own line on the terminal, redrawn in place by a carriage return. It is
    written to the terminal's descriptor, past the filter that makes control characters
    visible (its text is hldtui's, and holds nothing from outside), and only when it
    changes."""

    def __init__(self) -> None:
        self.descriptor: int | None = None
        self.shown = ""

    def start(self) -> Progress | None:
        stream = sys.__stderr__
        self.shown = ""
        self.descriptor = None
        if stream is None or not is_terminal(stream):
            return None
        with suppress(OSError, ValueError, io.UnsupportedOperation):
            self.descriptor = stream.fileno()
        return self.show if self.descriptor is not None else None

    def show(self, size: int, total: int | None) -> None:
        if total is None and size < 2**20:
            return
        done = f"{size / 2**20:.1f} MB" + (f" of {total / 2**20:.1f} MB" if total else "")
        text = f"hldtui: fetching the programme… {done}"
        if text != self.shown:
            self._write(f"\r{text}")
            self.shown = text

    def end(self) -> None:
        if self.shown:
            self._write("\r\033[K")
            self.shown = ""

    def _write(self, text: str) -> None:
        if self.descriptor is not None:
            with suppress(OSError):
                os.write(self.descriptor, text.encode("utf-8", "replace"))


_PROGRESS = _ProgressLine()


def progress_line() -> Progress | None:
    """A progress line on stderr for a large download, where stderr is a terminal."""
    return _PROGRESS.start()


def end_progress_line() -> None:
    """Clear the progress line, if one was drawn."""
    _PROGRESS.end()

"""What the commands print and write: terminal-safe text, JSON, `-o` files, questions and
a download's progress.

Everything printed passes through a filter that shows control characters as symbols, so
that no text from a file can act on the terminal.
"""

from __future__ import annotations

import io
import json
import os
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


def progress_line() -> Progress | None:
    """A progress line on stderr for a large download, where stderr is a terminal. It is
    hldtui's own text, with the carriage return that redraws it, so it bypasses the filter."""
    stream = sys.__stderr__
    if stream is None or not is_terminal(stream):
        return None

    def show(size: int, total: int | None) -> None:
        if total is None and size < 2**20:
            return
        done = f"{size / 2**20:.1f} MB" + (f" of {total / 2**20:.1f} MB" if total else "")
        print(f"\rhldtui: fetching the programme… {done}", end="", file=stream, flush=True)

    return show


def end_progress_line() -> None:
    """Clear the progress line, if there is one."""
    stream = sys.__stderr__
    if stream is not None and is_terminal(stream):
        print("\r\033[K", end="", file=stream, flush=True)

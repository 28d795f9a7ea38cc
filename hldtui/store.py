"""Favourites on disk: one JSON file shared by every running copy of the app.

Every change re-reads the file under a lock, applies just that change and
writes the result atomically, so two copies of the app never lose each
other's favourites. Entries for sessions or conferences this copy does not
know are kept as they are.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

ENV_DATA_DIR = "HLDTUI_DATA_DIR"
FAVOURITES_FILE = "favourites.json"
LOCK_FILE = ".favourites.lock"
FORMAT_VERSION = 1


def data_dir() -> Path:
    """Where favourites live: $HLDTUI_DATA_DIR, or the platform's user data directory."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("hldtui", appauthor=False)


class StoreError(Exception):
    """A change could not be saved; the message says why and where."""


class _Damaged(Exception):
    """The favourites file exists but cannot be used as it is."""


class FavouritesStore:
    """The favourite session ids of one conference, kept in step with the file."""

    def __init__(self, directory: Path, conference_id: str) -> None:
        self.directory = directory
        self.path = directory / FAVOURITES_FILE
        self.conference_id = conference_id
        self.writable = True
        self._warnings: list[str] = []
        self._ids: frozenset[str] = frozenset()
        self._open()

    @property
    def ids(self) -> frozenset[str]:
        return self._ids

    def take_warnings(self) -> list[str]:
        """Messages for the user about the file, each returned once."""
        warnings, self._warnings = self._warnings, []
        return warnings

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._ids

    def toggle(self, session_id: str) -> bool:
        """Flip one favourite and save at once; returns whether it is now a favourite.

        Raises StoreError if it could not be saved; the change still holds in memory.
        """
        wanted = session_id not in self._ids
        self._ids = self._ids | {session_id} if wanted else self._ids - {session_id}
        if not self.writable:
            return wanted
        try:
            with self._locked():
                document = self._read_for_update()
                saved = set(self._conference_ids(document))
                if wanted:
                    saved.add(session_id)
                else:
                    saved.discard(session_id)
                document.setdefault("favourites", {})[self.conference_id] = sorted(saved)
                self._write(document)
        except OSError as error:
            raise StoreError(
                f"Could not save favourites to {self.path}: {error.strerror or error}."
            ) from None
        self._ids = frozenset(saved)
        return wanted

    def refresh(self) -> None:
        """Pick up changes another copy of the app has saved."""
        with suppress(OSError, _Damaged):
            self._ids = frozenset(self._conference_ids(self._read()))

    # Reading

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._locked():
                pass
        except OSError as error:
            self._read_only(f"cannot write to {self.directory} ({error.strerror or error})")
        try:
            self._ids = frozenset(self._conference_ids(self._read()))
        except _Damaged as damage:
            self._set_aside(str(damage))
        except OSError as error:
            self._set_aside(f"it cannot be read ({error.strerror or error})")

    def _read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return {"version": FORMAT_VERSION, "favourites": {}}
        except UnicodeDecodeError:
            raise _Damaged("it is not UTF-8 text") from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise _Damaged(f"line {error.lineno}: {error.msg}") from None
        _check_document(document)
        return document

    def _read_for_update(self) -> dict[str, Any]:
        """The file as it is now; a file damaged since start-up is set aside first."""
        try:
            return self._read()
        except _Damaged as damage:
            self._set_aside(str(damage))
            return {"version": FORMAT_VERSION, "favourites": {}}

    def _conference_ids(self, document: dict[str, Any]) -> list[str]:
        return document["favourites"].get(self.conference_id, [])

    # Writing

    def _set_aside(self, reason: str) -> None:
        """Move a damaged file to a timestamped backup so that nothing is lost."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{FAVOURITES_FILE}.damaged-{stamp}")
        counter = 1
        while backup.exists():
            counter += 1
            backup = self.path.with_name(f"{FAVOURITES_FILE}.damaged-{stamp}-{counter}")
        try:
            os.replace(self.path, backup)
        except OSError as error:
            self._warnings.append(
                f"The favourites file {self.path} is damaged ({reason}) and could not be moved "
                f"aside ({error.strerror or error}). Starting with no favourites."
            )
            self._read_only("the damaged file must be kept")
            return
        self._warnings.append(
            f"The favourites file was damaged ({reason}). It was moved to {backup}. "
            "Starting with no favourites."
        )

    def _read_only(self, reason: str) -> None:
        if self.writable:
            self.writable = False
            self._warnings.append(f"Favourites will not be saved: {reason}.")

    def _write(self, document: dict[str, Any]) -> None:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before os.replace
            "w",
            encoding="utf-8",
            dir=self.directory,
            prefix=".favourites-",
            suffix=".tmp",
            delete=False,
        )
        try:
            with handle:
                json.dump(document, handle, indent=2, ensure_ascii=False)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, self.path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.directory / LOCK_FILE, "a+b") as lock:
            _lock(lock.fileno())
            try:
                yield
            finally:
                _unlock(lock.fileno())


def _check_document(document: object) -> None:
    if not isinstance(document, dict):
        raise _Damaged("it does not hold a JSON object")
    favourites = document.get("favourites")
    if not isinstance(favourites, dict):
        raise _Damaged("it has no `favourites` object")
    for conference_id, ids in favourites.items():
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            raise _Damaged(f"the favourites of `{conference_id}` are not a list of ids")


if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

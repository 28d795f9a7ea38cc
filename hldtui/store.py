"""Favourites and private notes on disk: one JSON file shared by every running copy of the app.

Every change re-reads the file under a lock, applies just that change and
writes the result atomically, so two copies of the app never lose each
other's changes. Entries for sessions or conferences this copy does not
know are kept as they are. The app sets `write_later`: a change to favourites,
notes or hiding then holds in memory at once, and `save` writes it from
another thread.

The file holds, per conference id, each favourite's level of interest, each
note, what is hidden and settings such as the programme's time zone. Files
written by the first version, whose favourites are a list of ids, still load:
every listed id counts as "will attend".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hldtui.bounds import MAX_FILE_BYTES, NOTE_LIMIT
from hldtui.model import Interest
from hldtui.text import is_number, paragraph

ENV_DATA_DIR = "HLDTUI_DATA_DIR"
FAVOURITES_FILE = "favourites.json"
LOCK_FILE = ".favourites.lock"
# Temporary files of saves: `.favourites.json-XXXX.tmp`, and `.favourites-XXXX.tmp` before.
LEFTOVERS = ".favourites*.tmp"
FORMAT_VERSION = 2
LOCK_WAIT = 5.0
"""Seconds to wait for another copy of the app to finish saving."""


def data_dir() -> Path:
    """Where favourites live: $HLDTUI_DATA_DIR, or the platform's user data directory."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("hldtui", appauthor=False)


def cache_dir() -> Path:
    """The platform's user cache folder for hldtui: kept copies of programmes and the
    versions last seen, which can always be fetched or made again."""
    from platformdirs import user_cache_path

    return user_cache_path("hldtui", appauthor=False)


def export_dir() -> Path:
    """Where the app writes calendar files: the user's documents directory."""
    from platformdirs import user_documents_path

    return user_documents_path()


class StoreError(Exception):
    """A change could not be saved; the message says why and where."""


class _Damaged(Exception):
    """The favourites file exists but cannot be used as it is."""


class FavouritesStore:
    """One conference's favourites, with their levels of interest, and notes, kept up to date."""

    def __init__(self, directory: Path, conference_id: str) -> None:
        self.directory = directory
        self.path = directory / FAVOURITES_FILE
        self.conference_id = conference_id
        self.writable = True
        self._warnings: list[str] = []
        self._levels: dict[str, Interest] = {}
        self._notes: dict[str, str] = {}
        self._hidden: dict[str, list[str]] = {"sessions": [], "tracks": []}
        self._settings: dict[str, str] = {}
        self._app_settings: dict[str, str] = {}
        self._unsaved: list[Callable[[_Section], None]] = []
        """Changes made in memory and not yet saved: still to be written, or their save
        failed; each later save writes them too."""
        self.write_later = False
        """Whether changes to favourites, notes and hiding wait for `save`."""
        self._state = threading.Lock()
        """Held while the state in memory changes, which a save in another thread reads."""
        self._saving = threading.Lock()
        """One save at a time."""
        self._copied_aside = False
        """Whether the file, holding text that cannot be written, was copied aside."""
        self._seen: tuple[int, int, int] | None = None
        """The file's identity (inode, size, modification time) when last read or written."""
        self._open()

    @property
    def ids(self) -> frozenset[str]:
        """Every favourite, whatever its level."""
        return frozenset(self._levels)

    @property
    def levels(self) -> dict[str, Interest]:
        return dict(self._levels)

    @property
    def notes(self) -> dict[str, str]:
        return dict(self._notes)

    @property
    def hidden(self) -> frozenset[str]:
        """Sessions the delegate has hidden."""
        return frozenset(self._hidden["sessions"])

    @property
    def hidden_tracks(self) -> frozenset[str]:
        return frozenset(self._hidden["tracks"])

    def setting(self, name: str) -> str:
        """A setting for this conference, such as `zone`; '' when not set."""
        return self._settings.get(name, "")

    def app_setting(self, name: str) -> str:
        """A setting for every conference, such as `theme`; '' when not set."""
        return self._app_settings.get(name, "")

    def set_app_setting(self, name: str, value: str) -> None:
        """Keep a setting for every conference; saved at once. Raises StoreError as
        set_level does."""

        def change(section: _Section) -> None:
            section.app[name] = value

        self._update(change)

    def level(self, session_id: str) -> Interest | None:
        return self._levels.get(session_id)

    def note(self, session_id: str) -> str:
        return self._notes.get(session_id, "")

    def take_warnings(self) -> list[str]:
        """Messages for the user about the file, each returned once."""
        warnings, self._warnings = self._warnings, []
        return warnings

    def __contains__(self, session_id: str) -> bool:
        return session_id in self._levels

    def set_level(self, session_id: str, level: Interest | None) -> None:
        """Make a session a favourite at ``level``, or not a favourite with None; saved at once.

        Raises StoreError if it could not be saved; the change still holds in memory.
        """

        def change(section: _Section) -> None:
            if level is None:
                section.favourites.pop(session_id, None)
            else:
                section.favourites[session_id] = level.value

        self._update(change, later=self.write_later)

    def set_note(self, session_id: str, text: str) -> None:
        """Save a private note of up to NOTE_LIMIT characters; an empty one removes it.

        Raises StoreError as set_level does.
        """
        text = paragraph(text, NOTE_LIMIT)

        def change(section: _Section) -> None:
            if text:
                section.notes[session_id] = text
            else:
                section.notes.pop(session_id, None)

        self._update(change, later=self.write_later)

    def set_setting(self, name: str, value: str) -> None:
        """Keep a setting for this conference; an empty value removes it. Saved at once."""

        def change(section: _Section) -> None:
            if value:
                section.settings[name] = value
            else:
                section.settings.pop(name, None)

        self._update(change)

    def warn(self, message: str) -> None:
        """Keep a message for the user, shown with the file's own (`take_warnings`)."""
        self._warnings.append(message)

    def drop_setting(self, name: str, reason: str) -> None:
        """Remove a damaged setting, saying where it was and why, so it is asked no more."""
        self.warn(
            f"The setting `{name}` in {self.path} was removed: {reason}. Its default is used."
        )
        with suppress(StoreError):
            self.set_setting(name, "")

    def set_hidden(self, session_id: str, hidden: bool) -> None:
        """Hide a session from the day lists and search, or show it again; saved at once."""
        self._update(
            lambda section: _set_member(section.hidden["sessions"], session_id, hidden),
            later=self.write_later,
        )

    def set_track_hidden(self, track: str, hidden: bool) -> None:
        """Hide every session of a track, or show them again; saved at once."""
        self._update(
            lambda section: _set_member(section.hidden["tracks"], track, hidden),
            later=self.write_later,
        )

    def changed_on_disk(self) -> bool:
        """Whether the file is not the one last read or written here: another copy of the
        app has saved since. One stat, cheap enough to ask every second."""
        return _identity(self.path) != self._seen

    def refresh(self) -> None:
        """Pick up changes another copy of the app has saved."""
        with suppress(OSError, _Damaged), self._state:
            self._take(self._with_unsaved(self._read()))

    # Reading

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._locked():
                self._remove_leftovers()
        except OSError as error:
            self._read_only(f"cannot write to {self.directory} ({error.strerror or error})")
        except StoreError as error:
            self._read_only(str(error).rstrip("."))
        try:
            self._take(self._read())
            if self._copied_aside and self.writable:
                with suppress(StoreError):
                    self._update(lambda section: None)
        except _Damaged as damage:
            self._set_aside(str(damage))
        except OSError as error:
            self._set_aside(f"it cannot be read ({error.strerror or error})")

    def _read(self) -> dict[str, Any]:
        """The file's contents in the current shape; an absent file reads as empty."""
        try:
            with self.path.open("rb") as handle:
                self._seen = _identity_of(os.fstat(handle.fileno()))
                data = handle.read(MAX_FILE_BYTES + 1)
        except (FileNotFoundError, NotADirectoryError):
            self._seen = None
            return _empty_document()
        if len(data) > MAX_FILE_BYTES:
            raise _Damaged(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:
            document = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise _Damaged("it is not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise _Damaged(f"line {error.lineno}: {error.msg}") from None
        except RecursionError:
            raise _Damaged("it is nested too deeply") from None
        except ValueError:
            # Python refuses to read integers of thousands of digits.
            raise _Damaged("it holds a number too long to read") from None
        document = _upgraded(document)
        if _ESCAPED_SURROGATE.search(data):
            document = self._repaired(document)
        return document

    def _repaired(self, document: dict[str, Any]) -> dict[str, Any]:
        """The document with text that cannot be written (an escaped lone surrogate,
        ``\\ud800``) replaced by U+FFFD, the file as it was copied aside once, and said."""
        repaired = _without_surrogates(document)
        if repaired == document or self._copied_aside:
            return repaired
        self._copied_aside = True
        backup = self._backup_name()
        try:
            shutil.copyfile(self.path, backup)
        except OSError as error:
            where = f"it could not be copied aside ({error.strerror or error})"
        else:
            where = f"the file as it was is kept in {backup}"
        self._warnings.append(
            f"The favourites file {self.path} held text that is not Unicode; it is read with "
            f"\ufffd in its place, and saved so ({where})."
        )
        return repaired

    def _read_for_update(self) -> dict[str, Any]:
        """The file as it is now; a file damaged since start-up is set aside first."""
        try:
            return self._read()
        except _Damaged as damage:
            self._set_aside(str(damage))
            return _empty_document()

    def _take(self, document: dict[str, Any]) -> None:
        favourites = document["favourites"].get(self.conference_id, {})
        self._levels = {session_id: Interest(level) for session_id, level in favourites.items()}
        notes = document["notes"].get(self.conference_id, {})
        self._notes = {key: paragraph(text, NOTE_LIMIT) for key, text in notes.items()}
        self._settings = dict(document["settings"].get(self.conference_id, {}))
        self._app_settings = dict(document["app"])
        hidden = document["hidden"].get(self.conference_id, {})
        self._hidden = {
            "sessions": list(hidden.get("sessions", [])),
            "tracks": list(hidden.get("tracks", [])),
        }

    # Writing

    @property
    def unsaved(self) -> bool:
        """Whether changes made in memory are still to be written."""
        return bool(self._unsaved)

    def _update(self, change: Callable[[_Section], None], *, later: bool = False) -> None:
        """Apply ``change`` to this conference's part of the file in memory, and on disk
        now unless ``later``."""
        with self._state:
            in_memory = {
                "favourites": {self.conference_id: {k: v.value for k, v in self._levels.items()}},
                "notes": {self.conference_id: dict(self._notes)},
                "hidden": {self.conference_id: {key: list(v) for key, v in self._hidden.items()}},
                "settings": {self.conference_id: dict(self._settings)},
                "app": dict(self._app_settings),
            }
            change(_Section.of(in_memory, self.conference_id))
            self._take(in_memory)
            if not self.writable:
                return
            self._unsaved.append(change)
        if not later:
            self.save()

    def save(self) -> None:
        """Write the changes made in memory, in any thread; changes made meanwhile wait
        for the next save. Raises StoreError if they could not be written: they still
        hold in memory, and the next save writes them too."""
        with self._saving:
            with self._state:
                pending = list(self._unsaved)
            if not pending:
                return
            try:
                with self._locked():
                    document = self._read_for_update()
                    for change in pending:
                        change(_Section.of(document, self.conference_id))
                    self._write(document)
            except OSError as error:
                raise StoreError(
                    f"Could not save favourites to {self.path}: {error.strerror or error}."
                ) from None
            with self._state:
                del self._unsaved[: len(pending)]
                self._take(self._with_unsaved(document))

    def _with_unsaved(self, document: dict[str, Any]) -> dict[str, Any]:
        for change in self._unsaved:
            change(_Section.of(document, self.conference_id))
        return document

    def _set_aside(self, reason: str) -> None:
        """Move a damaged file to a timestamped backup so that nothing is lost."""
        backup = self._backup_name()
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

    def _backup_name(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{FAVOURITES_FILE}.damaged-{stamp}")
        counter = 1
        while backup.exists():
            counter += 1
            backup = self.path.with_name(f"{FAVOURITES_FILE}.damaged-{stamp}-{counter}")
        return backup

    def _read_only(self, reason: str) -> None:
        if self.writable:
            self.writable = False
            self._warnings.append(f"Favourites will not be saved: {reason}.")

    def _write(self, document: dict[str, Any]) -> None:
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        # Text that UTF-8 cannot hold, however it came in, never stops a save.
        data = _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")
        write_atomically(self.path, data, private=True)
        self._seen = _identity(self.path)

    def _remove_leftovers(self) -> None:
        """Delete the temporary files of saves that were killed; only called under the lock,
        when no other copy can be writing one."""
        for leftover in self.directory.glob(LEFTOVERS):
            with suppress(OSError):
                leftover.unlink()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock that every copy of the app takes to save; raise StoreError if
        another copy keeps it longer than LOCK_WAIT. The lock file is never followed
        through a symbolic link, and holds the process id of its holder."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.directory / LOCK_FILE, flags, 0o600)
        try:
            deadline = time.monotonic() + LOCK_WAIT
            while not _try_lock(descriptor):
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"The favourites in {self.directory} are locked by another copy of "
                        f"hldtui{_holder(descriptor)}, which has not let go for "
                        f"{LOCK_WAIT:.0f} seconds. Close it, or try again."
                    )
                time.sleep(0.05)
            try:
                os.ftruncate(descriptor, 0)
                os.lseek(descriptor, 0, os.SEEK_SET)
                os.write(descriptor, str(os.getpid()).encode())
                yield
            finally:
                _unlock(descriptor)
        finally:
            os.close(descriptor)


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        return _identity_of(path.stat())
    except OSError:
        return None


def _identity_of(status: os.stat_result) -> tuple[int, int, int]:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def _holder(descriptor: int) -> str:
    """' (process 1234)', from the lock file, or '' if it does not say."""
    with suppress(OSError):
        os.lseek(descriptor, 0, os.SEEK_SET)
        text = os.read(descriptor, 20).decode("ascii", "replace").strip()
        if is_number(text):
            return f" (process {text})"
    return ""


@dataclass
class _Section:
    """One conference's part of the file, as the dictionaries that live in the document."""

    favourites: dict[str, str]
    notes: dict[str, str]
    hidden: dict[str, list[str]]
    settings: dict[str, str]
    app: dict[str, str]

    @classmethod
    def of(cls, document: dict[str, Any], conference_id: str) -> _Section:
        hidden = document["hidden"].setdefault(conference_id, {})
        hidden.setdefault("sessions", [])
        hidden.setdefault("tracks", [])
        return cls(
            favourites=document["favourites"].setdefault(conference_id, {}),
            notes=document["notes"].setdefault(conference_id, {}),
            hidden=hidden,
            settings=document["settings"].setdefault(conference_id, {}),
            app=document.setdefault("app", {}),
        )


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a new file beside ``path`` (`.name-XXXX.tmp`) and rename it over ``path``: a
    symbolic link there is replaced, never followed, and a failed write leaves the old
    file as it was. A ``private`` file is readable by its owner only; another is as open
    as the umask lets it be."""
    if path.is_dir():
        raise IsADirectoryError(21, "it is a directory", str(path))
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before os.replace
        dir=path.parent, prefix=f".{path.name}-", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o600 if private else 0o666 & ~_umask())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _without_surrogates(value: Any) -> Any:
    """A JSON value with every lone surrogate, which UTF-8 cannot write, made U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


def _umask() -> int:
    """The process's umask, read where the system tells it without changing it."""
    with suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _set_member(items: list[str], item: str, present: bool) -> None:
    if present and item not in items:
        items.append(item)
    elif not present and item in items:
        items.remove(item)


def _empty_document() -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "favourites": {},
        "notes": {},
        "hidden": {},
        "settings": {},
        "app": {},
    }


_LEVELS = {level.value for level in Interest}


def _upgraded(document: object) -> dict[str, Any]:
    """Check a document read from disk and bring a first-version one to the current shape."""
    if not isinstance(document, dict):
        raise _Damaged("it does not hold a JSON object")
    favourites = document.get("favourites")
    if not isinstance(favourites, dict):
        raise _Damaged("it has no `favourites` object")
    for conference_id, entries in favourites.items():
        if isinstance(entries, list) and all(isinstance(item, str) for item in entries):
            favourites[conference_id] = dict.fromkeys(entries, Interest.ATTEND.value)
        elif not isinstance(entries, dict) or not all(
            isinstance(level, str) and level in _LEVELS for level in entries.values()
        ):
            raise _Damaged(f"the favourites of `{conference_id}` are not session ids with levels")
    notes = document.setdefault("notes", {})
    if not isinstance(notes, dict) or not all(
        isinstance(entries, dict) and all(isinstance(text, str) for text in entries.values())
        for entries in notes.values()
    ):
        raise _Damaged("its `notes` are not text keyed by session id")
    app = document.setdefault("app", {})
    if not isinstance(app, dict) or not all(isinstance(value, str) for value in app.values()):
        raise _Damaged("its `app` settings are not text keyed by name")
    settings = document.setdefault("settings", {})
    if not isinstance(settings, dict) or not all(
        isinstance(entries, dict) and all(isinstance(value, str) for value in entries.values())
        for entries in settings.values()
    ):
        raise _Damaged("its `settings` are not text keyed by name")
    hidden = document.setdefault("hidden", {})
    if not isinstance(hidden, dict) or not all(
        isinstance(entry, dict)
        and all(
            isinstance(entry.get(key, []), list)
            and all(isinstance(item, str) for item in entry.get(key, []))
            for key in ("sessions", "tracks")
        )
        for entry in hidden.values()
    ):
        raise _Damaged("its `hidden` sessions and tracks are not lists of text")
    document["version"] = FORMAT_VERSION
    return document


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

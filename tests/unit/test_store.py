"""The favourites store: saved at once, atomic, shared safely, never losing data."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from hldtui import store as store_module
from hldtui.bounds import NOTE_LIMIT
from hldtui.model import Interest
from hldtui.store import (
    ENV_DATA_DIR,
    FAVOURITES_FILE,
    LOCK_FILE,
    FavouritesStore,
    StoreError,
    data_dir,
)

ATTEND, MAYBE = Interest.ATTEND, Interest.MAYBE


def saved(directory: Path) -> dict:
    return json.loads((directory / FAVOURITES_FILE).read_text(encoding="utf-8"))


def saved_favourites(directory: Path, conference_id: str = "hld2013") -> dict[str, str]:
    return saved(directory)["favourites"][conference_id]


def test_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "x"))
    assert data_dir() == tmp_path / "x"


def test_data_dir_defaults_to_the_platform_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_DATA_DIR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "hldtui"


def test_round_trip(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    assert store.ids == frozenset()
    store.set_level("thu-rt2", ATTEND)
    store.set_level("fri-rt4", MAYBE)
    store.set_note("thu-rt2", "  Ask about recruitment fees.  ")
    assert saved(data_dir) == {
        "version": 2,
        "favourites": {"hld2013": {"thu-rt2": "attend", "fri-rt4": "maybe"}},
        "notes": {"hld2013": {"thu-rt2": "Ask about recruitment fees."}},
        "hidden": {"hld2013": {"sessions": [], "tracks": []}},
        "settings": {"hld2013": {}},
        "app": {},
    }
    again = FavouritesStore(data_dir, "hld2013")
    assert again.levels == {"thu-rt2": ATTEND, "fri-rt4": MAYBE}
    assert again.level("thu-rt1") is None
    assert again.note("thu-rt2") == "Ask about recruitment fees."
    again.set_level("thu-rt2", None)
    again.set_note("thu-rt2", " ")
    reread = FavouritesStore(data_dir, "hld2013")
    assert reread.ids == {"fri-rt4"}
    assert reread.notes == {}
    assert again.take_warnings() == []


def test_first_version_files_still_load(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_text(
        json.dumps({"version": 1, "favourites": {"hld2013": ["thu-rt1"], "other": ["x"]}})
    )
    store = FavouritesStore(data_dir, "hld2013")
    assert store.levels == {"thu-rt1": ATTEND}
    assert store.take_warnings() == []
    store.set_level("thu-rt2", MAYBE)
    assert saved(data_dir)["favourites"] == {
        "hld2013": {"thu-rt1": "attend", "thu-rt2": "maybe"},
        "other": {"x": "attend"},
    }


def test_favourites_are_kept_per_conference(data_dir: Path) -> None:
    FavouritesStore(data_dir, "other").set_level("keynote", ATTEND)
    FavouritesStore(data_dir, "hld2013").set_level("thu-rt2", MAYBE)
    assert saved(data_dir)["favourites"] == {
        "other": {"keynote": "attend"},
        "hld2013": {"thu-rt2": "maybe"},
    }


def test_unknown_session_ids_are_kept(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_text(
        json.dumps({"version": 1, "favourites": {"hld2013": ["retired-session"]}, "extra": 1})
    )
    store = FavouritesStore(data_dir, "hld2013")
    assert "retired-session" in store
    store.set_level("thu-rt2", ATTEND)
    document = saved(data_dir)
    assert document["favourites"]["hld2013"] == {"retired-session": "attend", "thu-rt2": "attend"}
    assert document["extra"] == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "line 1: Expecting property name"),
        (b"[1, 2]", "it does not hold a JSON object"),
        (b'{"favourites": 3}', "it has no `favourites` object"),
        (b'{"favourites": {"hld2013": [1]}}', "the favourites of `hld2013` are not session ids"),
        (b'{"favourites": {"hld2013": {"a": "keen"}}}', "are not session ids with levels"),
        (b'{"favourites": {}, "notes": {"hld2013": {"a": 3}}}', "its `notes` are not text"),
        (b"\xff\xfe\x00", "it is not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "it is nested too deeply"),
        (b'{"favourites": {"hld2013": {"a": ' + b"9" * 5000 + b"}}}", "a number too long"),
        (b'{"favourites": {}, "notes": [1]}', "its `notes` are not text"),
        (b'{"favourites": {}, "hidden": {"hld2013": {"sessions": 5}}}', "`hidden` sessions"),
    ],
    ids=[
        "json",
        "list",
        "number",
        "ids",
        "levels",
        "notes",
        "utf8",
        "deep",
        "digits",
        "notes-list",
        "hidden",
    ],
)
def test_damaged_file_is_moved_aside(data_dir: Path, content: bytes, reason: str) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_bytes(content)
    store = FavouritesStore(data_dir, "hld2013")
    assert store.ids == frozenset()
    (warning,) = store.take_warnings()
    assert reason in warning
    assert "Starting with no favourites" in warning
    (backup,) = data_dir.glob(f"{FAVOURITES_FILE}.damaged-*")
    assert backup.read_bytes() == content
    assert str(backup) in warning
    assert not (data_dir / FAVOURITES_FILE).exists()
    assert store.writable
    store.set_level("thu-rt2", ATTEND)
    assert saved_favourites(data_dir) == {"thu-rt2": "attend"}


def test_two_damaged_files_get_two_backups(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    for _ in range(2):
        (data_dir / FAVOURITES_FILE).write_text("oops")
        FavouritesStore(data_dir, "hld2013")
    assert len(list(data_dir.glob(f"{FAVOURITES_FILE}.damaged-*"))) == 2


def test_file_damaged_while_running_is_set_aside_before_writing(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.set_level("thu-rt1", ATTEND)
    (data_dir / FAVOURITES_FILE).write_text("garbage")
    store.set_level("thu-rt2", ATTEND)
    assert "was damaged" in store.take_warnings()[0]
    assert saved_favourites(data_dir) == {"thu-rt2": "attend"}
    (backup,) = data_dir.glob(f"{FAVOURITES_FILE}.damaged-*")
    assert backup.read_text() == "garbage"


def test_unwritable_directory_keeps_the_app_running(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be")
    store = FavouritesStore(blocker / "hldtui", "hld2013")
    assert not store.writable
    (warning,) = store.take_warnings()
    assert warning.startswith("Favourites will not be saved: cannot write to")
    store.set_level("thu-rt2", ATTEND)
    store.set_note("thu-rt2", "kept in memory")
    assert store.level("thu-rt2") is ATTEND
    assert store.note("thu-rt2") == "kept in memory"
    assert blocker.read_text() == "a file where the data directory should be"


def test_failed_write_raises_a_store_error_and_keeps_the_change(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FavouritesStore(data_dir, "hld2013")

    def full_disk(document: dict) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write", full_disk)
    with pytest.raises(StoreError, match=r"Could not save favourites to .*No space left on device"):
        store.set_level("thu-rt2", ATTEND)
    assert "thu-rt2" in store


def test_writes_are_atomic_and_leave_no_temporary_files(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    for session_id, level in (("a", ATTEND), ("b", MAYBE), ("c", ATTEND), ("a", None)):
        store.set_level(session_id, level)
    names = sorted(path.name for path in data_dir.iterdir())
    assert names == [".favourites.lock", FAVOURITES_FILE]


def test_refresh_sees_another_copy_s_changes(data_dir: Path) -> None:
    first = FavouritesStore(data_dir, "hld2013")
    second = FavouritesStore(data_dir, "hld2013")
    second.set_level("fri-rt4", ATTEND)
    second.set_note("fri-rt4", "from the other window")
    assert "fri-rt4" not in first
    first.refresh()
    assert "fri-rt4" in first
    assert first.note("fri-rt4") == "from the other window"


def test_two_copies_never_lose_each_other_s_changes(data_dir: Path) -> None:
    first = FavouritesStore(data_dir, "hld2013")
    second = FavouritesStore(data_dir, "hld2013")
    first.set_level("thu-rt1", ATTEND)
    second.set_level("thu-rt2", MAYBE)
    first.set_note("thu-rt2", "first's note")
    first.set_level("fri-rt3", ATTEND)
    second.set_level("thu-rt1", None)
    assert saved_favourites(data_dir) == {"thu-rt2": "maybe", "fri-rt3": "attend"}
    assert saved(data_dir)["notes"]["hld2013"] == {"thu-rt2": "first's note"}
    assert first.ids == {"thu-rt1", "thu-rt2", "fri-rt3"}
    assert second.ids == {"thu-rt2", "fri-rt3"}


def _star_many(directory: str, prefix: str, count: int) -> None:
    store = FavouritesStore(Path(directory), "hld2013")
    for number in range(count):
        store.set_level(f"{prefix}-{number}", Interest.ATTEND)


def test_concurrent_processes_lose_nothing(data_dir: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_star_many, args=(str(data_dir), name, 40)) for name in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert len(saved_favourites(data_dir)) == 80


def test_unreadable_file_is_moved_aside(data_dir: Path) -> None:
    (data_dir / FAVOURITES_FILE).mkdir(parents=True)
    store = FavouritesStore(data_dir, "hld2013")
    (warning,) = store.take_warnings()
    assert "it cannot be read (Is a directory)" in warning
    (backup,) = data_dir.glob(f"{FAVOURITES_FILE}.damaged-*")
    assert backup.is_dir()
    store.set_level("thu-rt2", ATTEND)
    assert saved_favourites(data_dir) == {"thu-rt2": "attend"}


def test_hidden_sessions_and_tracks_are_saved(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.set_hidden("thu-1730", True)
    store.set_track_hidden("Security", True)
    store.set_hidden("thu-1730", True)
    again = FavouritesStore(data_dir, "hld2013")
    assert again.hidden == {"thu-1730"}
    assert again.hidden_tracks == {"Security"}
    again.set_hidden("thu-1730", False)
    again.set_track_hidden("Security", False)
    assert saved(data_dir)["hidden"]["hld2013"] == {"sessions": [], "tracks": []}


def test_damaged_hidden_section_is_moved_aside(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / FAVOURITES_FILE).write_text('{"favourites": {}, "hidden": {"x": {"sessions": 3}}}')
    store = FavouritesStore(data_dir, "hld2013")
    (warning,) = store.take_warnings()
    assert "its `hidden` sessions and tracks are not lists of text" in warning


def test_notes_are_made_safe_and_capped(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    long_note = "\x1b]52;c;evil\x07" + "n" * (NOTE_LIMIT * 2)
    notes = {"hld2013": {"thu-rt1": long_note, "thu-rt2": "short"}}
    (data_dir / FAVOURITES_FILE).write_text(json.dumps({"favourites": {}, "notes": notes}))
    store = FavouritesStore(data_dir, "hld2013")
    assert store.note("thu-rt1").startswith("␛]52;c;evil␇nnn")
    assert len(store.note("thu-rt1")) == NOTE_LIMIT + 1
    store.set_note("thu-rt2", "changed\x9b")
    # Only the changed note is written; the long one stays whole in the file.
    assert saved(data_dir)["notes"]["hld2013"] == {"thu-rt1": long_note, "thu-rt2": "changed\ufffd"}
    store.set_note("thu-rt2", "x" * (NOTE_LIMIT + 10))
    assert len(saved(data_dir)["notes"]["hld2013"]["thu-rt2"]) == NOTE_LIMIT + 1


def test_a_symlinked_lock_file_is_not_followed(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (directory / LOCK_FILE).symlink_to(victim)
    store = FavouritesStore(directory, "hld2013")
    assert not store.writable
    (warning,) = store.take_warnings()
    assert "Favourites will not be saved" in warning
    assert victim.read_text() == "keep me"


def test_a_symlinked_favourites_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    directory.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"favourites": {"hld2013": {"thu-rt1": "attend"}}}))
    (directory / FAVOURITES_FILE).symlink_to(outside)
    store = FavouritesStore(directory, "hld2013")
    assert store.ids == {"thu-rt1"}
    store.set_level("thu-rt2", ATTEND)
    assert not (directory / FAVOURITES_FILE).is_symlink()
    assert saved_favourites(directory) == {"thu-rt1": "attend", "thu-rt2": "attend"}
    assert json.loads(outside.read_text()) == {"favourites": {"hld2013": {"thu-rt1": "attend"}}}


def test_temporary_files_of_a_killed_save_are_removed_at_start(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    leftover = data_dir / ".favourites-abc123.tmp"
    leftover.write_text("{half a fi")
    other = data_dir / "notes.txt"
    other.write_text("not ours")
    FavouritesStore(data_dir, "hld2013")
    assert not leftover.exists()
    assert other.exists()


def test_a_held_lock_is_waited_for_a_bounded_time_and_its_holder_named(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.2)
    holder = os.open(data_dir / LOCK_FILE, os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        os.ftruncate(holder, 0)
        os.write(holder, b"4242")
        with pytest.raises(StoreError) as caught:
            store.set_level("thu-rt1", ATTEND)
    finally:
        os.close(holder)
    assert "locked by another copy of hldtui (process 4242)" in str(caught.value)
    assert store.level("thu-rt1") is ATTEND
    store.set_level("thu-rt2", ATTEND)
    assert saved_favourites(data_dir) == {"thu-rt1": "attend", "thu-rt2": "attend"}


def test_settings_are_kept_per_conference(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "fosdem")
    store.set_setting("zone", "Europe/Brussels")
    assert FavouritesStore(data_dir, "fosdem").setting("zone") == "Europe/Brussels"
    assert FavouritesStore(data_dir, "hld2013").setting("zone") == ""
    store.set_setting("zone", "")
    assert saved(data_dir)["settings"]["fosdem"] == {}


def test_app_settings_are_kept_for_every_conference(data_dir: Path) -> None:
    FavouritesStore(data_dir, "fosdem").set_app_setting("theme", "textual-light")
    assert FavouritesStore(data_dir, "hld2013").app_setting("theme") == "textual-light"
    assert saved(data_dir)["app"] == {"theme": "textual-light"}


def test_writing_later_holds_changes_in_memory_until_saved(data_dir: Path) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.write_later = True
    store.set_level("thu-rt2", ATTEND)
    store.set_note("thu-rt2", "ask about remittances")
    store.set_hidden("thu-gd", True)
    assert store.level("thu-rt2") is ATTEND and store.unsaved
    assert not (data_dir / FAVOURITES_FILE).exists() or saved_favourites(data_dir) == {}
    store.save()
    assert not store.unsaved
    assert saved_favourites(data_dir) == {"thu-rt2": "attend"}
    assert saved(data_dir)["notes"]["hld2013"] == {"thu-rt2": "ask about remittances"}
    assert saved(data_dir)["hidden"]["hld2013"]["sessions"] == ["thu-gd"]
    # Settings are never held back.
    store.set_setting("zone", "Europe/Berlin")
    assert saved(data_dir)["settings"]["hld2013"] == {"zone": "Europe/Berlin"}


def test_a_failed_later_save_keeps_the_changes_for_the_next(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FavouritesStore(data_dir, "hld2013")
    store.write_later = True
    write = store._write

    def full_disk(document: dict) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write", full_disk)
    store.set_level("thu-rt2", ATTEND)
    with pytest.raises(StoreError, match=r"Could not save favourites to .*No space left"):
        store.save()
    assert store.unsaved and store.level("thu-rt2") is ATTEND
    store.set_level("fri-rt3", MAYBE)
    monkeypatch.setattr(store, "_write", write)
    store.save()
    assert saved_favourites(data_dir) == {"thu-rt2": "attend", "fri-rt3": "maybe"}


def test_a_change_made_while_a_save_runs_waits_for_the_next(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save runs in another thread; what the keys change meanwhile is neither lost
    nor written half."""
    import threading

    store = FavouritesStore(data_dir, "hld2013")
    store.write_later = True
    write = store._write
    writing, go_on = threading.Event(), threading.Event()

    def slow_write(document: dict) -> None:
        writing.set()
        go_on.wait(5)
        write(document)

    monkeypatch.setattr(store, "_write", slow_write)
    store.set_level("thu-rt2", ATTEND)
    saving = threading.Thread(target=store.save)
    saving.start()
    assert writing.wait(5)
    store.set_level("fri-rt3", MAYBE)
    go_on.set()
    saving.join(5)
    assert saved_favourites(data_dir) == {"thu-rt2": "attend"}
    assert store.unsaved and store.level("fri-rt3") is MAYBE and store.level("thu-rt2") is ATTEND
    store.save()
    assert saved_favourites(data_dir) == {"thu-rt2": "attend", "fri-rt3": "maybe"}

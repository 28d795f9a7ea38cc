"""Shared fixtures. Every test gets its own data directory, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from hldtui.model import Schedule
from hldtui.sources import load_schedule
from hldtui.store import ENV_DATA_DIR

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "hldtui-data"
    monkeypatch.setenv(ENV_DATA_DIR, str(directory))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # Kept copies of programmes and the versions last seen: never the user's cache either.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # The viewer's own zone, for the time-zone toggle: fixed so that tests agree everywhere.
    monkeypatch.setenv("TZ", "Europe/Zurich")
    return directory


@pytest.fixture(scope="session")
def builtin() -> Schedule:
    return load_schedule()

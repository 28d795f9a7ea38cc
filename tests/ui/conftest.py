"""Fixtures for driving the real app."""

from __future__ import annotations

from pathlib import Path

import pytest

from hldtui.ui.app import HldApp
from tests.ui.helpers import make_app


@pytest.fixture
def app(data_dir: Path) -> HldApp:
    return make_app(data_dir)

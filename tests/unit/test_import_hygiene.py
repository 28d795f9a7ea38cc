"""The domain (model, loaders, plan, present, search, store, exports) must not pull in
Textual: only the ui does."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "hldtui.model",
    "hldtui.sources",
    "hldtui.sources.remote",
    "hldtui.timetable",
    "hldtui.reminders",
    "hldtui.search",
    "hldtui.store",
    "hldtui.plan",
    "hldtui.present",
    "hldtui.planner",
    "hldtui.filters",
    "hldtui.exports.ics",
    "hldtui.exports.markdown",
    "hldtui.exports.records",
    "hldtui.exports.c3voc",
    "hldtui.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "ui = {'textual', 'rich'}\n"
        "leaked = sorted(name for name in sys.modules if name.split('.')[0] in ui)\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""

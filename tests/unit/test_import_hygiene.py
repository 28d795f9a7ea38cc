"""The model, loaders, search and store must not pull in Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = ["hldtui.model", "hldtui.sources", "hldtui.search", "hldtui.store", "hldtui.cli"]


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

"""The domain (model, loaders, programme, plan, present, search, store, exports) and the
command line's commands must not pull in Textual: only the ui does, and only the module
that starts the app imports it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
    "hldtui.programme",
    "hldtui.changes",
    "hldtui.sources.parsed",
    "hldtui.cli",
    "hldtui.cli.parser",
    "hldtui.cli.context",
    "hldtui.cli.output",
    "hldtui.cli.commands",
    "hldtui.cli.status",
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


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_module_that_starts_the_app_imports_the_ui() -> None:
    package = Path(__file__).parents[2] / "hldtui"
    importers = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if not path.is_relative_to(package / "ui")
        and any(name.startswith("hldtui.ui") for name in imported_modules(path))
    }
    assert importers == {"cli/app.py"}

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


def module_graph() -> dict[str, set[str]]:
    """Every hldtui module and the hldtui modules it imports, anywhere in it (a function's
    own imports too: a late import hides a circle, it does not remove it)."""
    package = Path(__file__).parents[2] / "hldtui"
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported = set()
        for module in imported_modules(path):
            # `from hldtui.ui import views` names the module, `from hldtui.ui.views import
            # View` the module holding it: either way the longest module name that matches.
            while module and module not in modules:
                module = module.rpartition(".")[0]
            if module and module != name:
                imported.add(module)
        graph[name] = imported
    return graph


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = module_graph()
    circles = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circles.append(" → ".join([*trail[trail.index(name) :], name]))
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert circles == []


def test_the_palette_widgets_views_and_messages_import_no_screen() -> None:
    """Providers and widgets post messages; only screens and the app know screens."""
    graph = module_graph()
    lower = [
        name
        for name in graph
        if name.startswith(("hldtui.ui.widgets", "hldtui.ui.palette", "hldtui.ui.views"))
        or name == "hldtui.ui.messages"
    ]
    assert "hldtui.ui.palette" in lower
    reaching = {
        name: sorted(
            i for i in graph[name] if i.startswith("hldtui.ui.screens") or i == "hldtui.ui.app"
        )
        for name in lower
    }
    assert {name: found for name, found in reaching.items() if found} == {}

"""The README's set-up commands and the format document stay true."""

from __future__ import annotations

import re
from pathlib import Path

from hldtui.sources.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parents[2]


def shell_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL)]


def test_readme_gives_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    install_and_start, install_and_test = shell_blocks(setup)
    assert install_and_start.endswith("hldtui")
    assert install_and_test.endswith("pytest -n auto"), "the tests run in parallel"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci_lines


def test_readme_screenshots_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shots = re.findall(r"\]\((screenshots/[^)]+\.svg)\)", readme)
    assert shots
    for shot in shots:
        assert (ROOT / shot).is_file(), shot


def test_format_document_example_loads(tmp_path: Path) -> None:
    document = (ROOT / "docs" / "schedule-format.md").read_text(encoding="utf-8")
    example = document.split("## Example", 1)[1]
    (yaml_text,) = re.findall(r"```yaml\n(.*?)```", example, re.DOTALL)
    path = tmp_path / "example.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    schedule = load_yaml(path)
    assert schedule.sessions[1].chairs == ("Lovelace, Ada",)
    assert schedule.sessions[1].is_inferred("end")

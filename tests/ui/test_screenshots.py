"""The screenshot script writes every README screenshot of the real app."""

from __future__ import annotations

from pathlib import Path

from tools.screenshots import SHOTS, SIZES, main


def test_screenshot_script_writes_every_shot(tmp_path: Path, data_dir: Path) -> None:
    main([str(tmp_path / "shots")])
    written = sorted(path.name for path in (tmp_path / "shots").iterdir())
    assert written == sorted(
        name.replace(".svg", f"{suffix}.svg") for suffix in SIZES for name, _ in SHOTS
    )
    main_shot = (tmp_path / "shots" / "main.svg").read_text(encoding="utf-8")
    assert main_shot.startswith("<svg")
    assert "Round&#160;table&#160;1" in main_shot
    search_shot = (tmp_path / "shots" / "search.svg").read_text(encoding="utf-8")
    assert "labour&#160;mobility" in search_shot
    assert not data_dir.exists()

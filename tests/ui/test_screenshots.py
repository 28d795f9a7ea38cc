"""The screenshot script writes every README screenshot of the real app."""

from __future__ import annotations

from pathlib import Path

from tools.screenshots import CHANGES_SHOT, SHARE_SHOT, SHOTS, SIZES, main


def test_screenshot_script_writes_every_shot(tmp_path: Path, data_dir: Path) -> None:
    main([str(tmp_path / "shots")])
    written = sorted(path.name for path in (tmp_path / "shots").iterdir())
    names = [name for name, _ in SHOTS] + [CHANGES_SHOT, SHARE_SHOT]
    assert written == sorted(
        name.replace(".svg", f"{suffix}.svg") for suffix in SIZES for name in names
    )
    changes_shot = (tmp_path / "shots" / CHANGES_SHOT).read_text(encoding="utf-8")
    assert "Time&#160;was:" in changes_shot and "made-up" in changes_shot
    main_shot = (tmp_path / "shots" / "main.svg").read_text(encoding="utf-8")
    assert main_shot.startswith("<svg")
    assert "Round&#160;table&#160;1" in main_shot
    search_shot = (tmp_path / "shots" / "search.svg").read_text(encoding="utf-8")
    assert "labour&#160;mobility" in search_shot
    share_shot = (tmp_path / "shots" / SHARE_SHOT).read_text(encoding="utf-8")
    assert (
        "Share&#160;your&#160;plan:&#160;2&#160;★,&#160;1&#160;☆,&#160;1&#160;hidden" in share_shot
    )
    assert not data_dir.exists()

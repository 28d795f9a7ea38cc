"""Word wrap for the screen: every character kept, every line within the width."""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len
from textual.content import Content

from hldtui.ui.formatting import hanging, wrap, wrapped

ADDRESS = "https://www.un.org/en/development/desa/population/migration/events/HLD2013.aspx"


def lines_of(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap(text, width)]


def check_whole(text: str, width: int) -> None:
    """The lines are the text in order, less one space at most at each break, and none is
    wider than the width unless it holds a single character that is."""
    position = 0
    for start, end in wrap(text, width):
        assert text[position:start] in ("", " "), (text, width)
        line = text[start:end]
        visible = [character for character in line if cell_len(character)]
        assert cell_len(line) <= width or len(visible) == 1, (text, width, line)
        position = end
    assert position == len(text)


def test_an_indented_address_loses_nothing_at_the_break() -> None:
    lines = lines_of("  " + ADDRESS, 40)
    assert lines[0] == "  " + ADDRESS[:38]
    assert "".join(lines).strip() == ADDRESS
    assert all(cell_len(line) <= 40 for line in lines)


def test_words_break_at_spaces_where_they_fit() -> None:
    assert lines_of("Migration and sustainable development after 2015", 20) == [
        "Migration and",
        "sustainable",
        "development after",
        "2015",
    ]


def test_a_word_wider_than_a_line_starts_one_and_is_cut_where_it_fills() -> None:
    assert lines_of("see abcdefghij", 6) == ["see", "abcdef", "ghij"]
    assert lines_of("    abcdefghij", 6) == ["    ab", "cdefgh", "ij"]


def test_wide_characters_count_two_cells() -> None:
    assert lines_of("ツツツ ツツ", 4) == ["ツツ", "ツ", "ツツ"]


@pytest.mark.parametrize("seed", range(20))
def test_any_text_at_any_width_keeps_every_character(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", "c", " ", " ", "ツ", "/", "é", "\u0301"]
    for _ in range(2_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        check_whole(("  " if rng.random() < 0.3 else "") + text, rng.randint(1, 30))


@pytest.mark.parametrize("width", range(22, 90))
def test_hanging_lines_up_under_the_label_and_keeps_the_text(width: int) -> None:
    text = hanging(Content(f"Report {ADDRESS} and more"), 10, width)
    lines = [line.plain for line in wrapped(Content(" " * 10) + text, width)]
    assert all(cell_len(line) <= width for line in lines)
    assert all(line.startswith(" " * 10) for line in lines)
    assert "".join("".join(lines).split()) == f"Report{ADDRESS}andmore"

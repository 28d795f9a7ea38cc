"""Text made safe to show: control characters, plain text from HTML and Markdown, bounds."""

from __future__ import annotations

import time

import pytest

from hldtui.search import fuzzy_match
from hldtui.sources.text import is_identifier, readable
from hldtui.text import LINE_LIMIT, TEXT_LIMIT, one_line, paragraph, visible, web_address

# Everything a terminal acts on that text may carry: C0 and C1 controls, DEL, and the
# bidirectional overrides and isolates.
FORBIDDEN = (
    [chr(code) for code in range(0x20) if chr(code) not in "\t\n"]
    + [chr(0x7F)]
    + [chr(code) for code in range(0x80, 0xA0)]
    + [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
)


def test_visible_replaces_every_control_but_newline_and_tab() -> None:
    text = "".join(FORBIDDEN) + "\t\n"
    shown = visible(text)
    assert not any(char in shown for char in FORBIDDEN)
    assert shown.endswith("\t\n")
    assert visible("Welcome\x1b]0;pwned\x07") == "Welcome␛]0;pwned␇"
    assert visible("a\x9b2Jb\u202ec") == "a\ufffd2Jb\ufffdc"


def test_one_line_collapses_white_space_and_cuts() -> None:
    assert one_line("  Round\ttable\n 1\r\n ") == "Round table 1"
    assert one_line("x" * (LINE_LIMIT + 50)) == "x" * LINE_LIMIT + "…"
    assert one_line(None) == ""


def test_paragraph_keeps_line_breaks_as_lf_and_cuts() -> None:
    assert paragraph("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert paragraph("\x1b[2J" + "y" * TEXT_LIMIT) == ("␛[2J" + "y" * TEXT_LIMIT)[:TEXT_LIMIT] + "…"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/[@click=app.quit]x[/]", "https://example.org/[@click=app.quit]x[/]"),
        ("http://example.org/\x1b]8;;", "http://example.org/%1B]8;;"),
        (" HTTPS://Example.org ", "HTTPS://Example.org"),
        ("javascript:alert(1)", ""),
        ("file:///etc/passwd", ""),
        ("https://", ""),
        ("http://[", ""),
        ("https://example.org/" + "a" * 3000, ""),
    ],
)
def test_web_addresses_are_http_only_and_encoded(given: str, expected: str) -> None:
    assert web_address(given) == expected


def test_identifiers_are_safe_in_file_names() -> None:
    assert is_identifier("thu-rt1")
    assert is_identifier("_lVlmBO98KMg4M-n-_A3FA~2")
    for bad in ["../x", "a/b", "", ".hidden", "-x", "a b", "x" * 201, "a\x1b"]:
        assert not is_identifier(bad), bad


def test_html_becomes_plain_text_with_links_and_bullets() -> None:
    html = (
        '<p>Hello <b>world</b> &amp; <a href="https://x.org/a">the page</a></p>'
        "<ul><li>one</li><li>two</li></ul><script>evil()</script><!-- hidden -->after"
    )
    assert readable(html) == "Hello world & the page (https://x.org/a)\n\n• one\n• two\nafter"
    assert readable('<a href="javascript:alert(1)">click</a>') == "click"


def test_markdown_becomes_plain_text() -> None:
    text = (
        "# Heading\n\n* item\n\nA **bold** and *it* and `code`, snake_case_name, 2*3*4, "
        '[the page](https://e.org/x "t") and ![a picture](https://e.org/i.png)'
    )
    assert readable(text) == (
        "Heading\n\n• item\n\nA bold and it and `code`, snake_case_name, 2*3*4, "
        "the page (https://e.org/x) and a picture (https://e.org/i.png)"
    )


def test_readable_text_has_no_controls() -> None:
    assert readable("<p>Title\x1b]52;c;Y3VybA==\x07</p>") == "Title␛]52;c;Y3VybA==␇"
    assert one_line(readable("<b>One</b>\n<i>line</i>\x9b")) == "One line\ufffd"


@pytest.mark.parametrize(
    "text",
    [
        "Vec<T> and Option<T>",
        "Map<K, V> and Box<B>",
        "__init__ and __main__",
        "GLAM zwischen LOD und ¯\\_(ツ)_/¯",
        "monorepo with `uv`, `workspaces`",
        "*nix",
        "C++ and C#",
        "a < b and b > c",
        "a<b",
        "AT&T",
        "_private_ names",
    ],
)
def test_clean_up_never_removes_text_that_is_not_markup(text: str) -> None:
    assert readable(text) == text
    assert readable(f"<p>{text}</p>") == text


def test_html_tags_and_entities_around_code_leave_the_code() -> None:
    assert readable("<p>Use <code>Vec&lt;T&gt;</code> in <b>Rust</b></p>") == "Use Vec<T> in Rust"
    assert readable("Use Vec<T><br>and <EM>Option<T></EM>") == "Use Vec<T>\nand Option<T>"


@pytest.mark.parametrize(
    "bomb",
    [
        "[a](" * 100_000,
        "[" * 100_000,
        "*" * 100_000,
        "*a " * 100_000,
        "_a" * 100_000,
        "`" * 100_000,
        "<a" + "b" * 100_000,
        "<a " * 100_000,
        "<!--" * 100_000,
        "\n" * 100_000 + "x",
        " - " * 100_000,
        '[x](y "' * 100_000,
    ],
    ids=lambda bomb: repr(bomb[:6]),
)
def test_clean_up_is_fast_on_backtracking_bombs(bomb: str) -> None:
    began = time.perf_counter()
    text = readable(bomb)
    assert time.perf_counter() - began < 2
    assert len(text) <= TEXT_LIMIT + 1


def test_fuzzy_match_finds_letters_in_order_in_linear_time() -> None:
    score, offsets = fuzzy_match("rt2", "Round table 2")
    assert score > 0 and offsets == (0, 6, 12)
    assert fuzzy_match("zz", "Round table 2") == (0.0, ())
    assert fuzzy_match("opening", "Opening")[0] > fuzzy_match("opening", "Op en ing")[0]
    began = time.perf_counter()
    fuzzy_match("a" * 30 + "b", "a" * 1000)
    assert time.perf_counter() - began < 0.05

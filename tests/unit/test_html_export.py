"""The HTML export: one valid, self-contained page by day, every symbol in words, every
text from the programme escaped, readable on a phone and on paper."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import html5lib
import pytest

from hldtui.cli import main
from hldtui.exports.html import programme_html
from hldtui.model import Interest, Paper, Schedule, Source
from hldtui.plan import Plan
from hldtui.store import FavouritesStore
from tools.chromium import CHROMIUM, MISSING, launch

NEW_YORK = ZoneInfo("America/New_York")
MADE = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def parsed(page: str) -> object:
    """The page parsed strictly: html5lib raises on any parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def plan_of(schedule: Schedule, data_dir: Path) -> Plan:
    return Plan(schedule, FavouritesStore(data_dir, schedule.conference.id))


def test_the_programme_is_one_valid_page_by_day(builtin: Schedule, data_dir: Path) -> None:
    plan = plan_of(builtin, data_dir)
    plan.set_level("thu-rt2", Interest.ATTEND)
    plan.set_level("thu-general-debate-pm", Interest.ATTEND)
    plan.set_level("fri-rt4", Interest.MAYBE)
    plan.set_note("thu-rt2", "Ask about <the> Koser & co paper")
    plan.set_hidden("fri-closing", True)
    page = programme_html(plan, NEW_YORK, favourites_only=False, made_at=MADE)
    document = parsed(page)
    assert document.find("head/meta[@name='viewport']") is not None  # type: ignore[attr-defined]
    headings = [h.text for h in document.iter("h2")]  # type: ignore[attr-defined]
    assert headings == ["Thursday 3 October 2013", "Friday 4 October 2013"]
    assert len(list(document.iter("article"))) == len(builtin.sessions)  # type: ignore[attr-defined]
    times = [t.get("datetime") for t in document.iter("time")]  # type: ignore[attr-defined]
    assert "2013-10-03T15:00:00-04:00" in times and "2013-10-03T18:00:00-04:00" in times
    # No script, no file or font of its own to fetch: one self-contained page.
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page
    # Symbols in words: the level, clashes, and the theme in full.
    assert '<span aria-hidden="true">★</span> Will attend' in page
    assert '<span aria-hidden="true">☆</span> Maybe' in page
    assert "Clashes with: General debate of HLD (continued)" in page
    assert (
        "Measures to ensure respect for and protection of the human rights of all migrants" in page
    )
    assert "Ask about &lt;the&gt; Koser &amp; co paper" in page
    assert "Roundtable 2 background paper" in page and "Sources: " in page
    assert "@media print" in page and "@media (max-width: 30rem)" in page
    assert "not given in the programme" in page, "what the programme leaves blank is said"
    assert "<strong>The programme leaves this slot's label blank.</strong>" in page
    assert page.count("You hid this session") == 1


def test_an_agenda_of_favourites_only(builtin: Schedule, data_dir: Path) -> None:
    plan = plan_of(builtin, data_dir)
    page = programme_html(plan, NEW_YORK, favourites_only=True, made_at=MADE)
    parsed(page)
    assert "<p>No favourites yet.</p>" in page
    plan.set_level("fri-rt4", Interest.MAYBE)
    page = programme_html(plan, NEW_YORK, favourites_only=True, made_at=MADE)
    document = parsed(page)
    assert [a.find("h3").text for a in document.iter("article")] == [  # type: ignore[attr-defined]
        "Round table 4 · Labour mobility and development"
    ]
    assert "<nav" not in page, "one day needs no list of days"


def test_programme_text_is_escaped_and_only_web_links_are_links(
    builtin: Schedule, data_dir: Path
) -> None:
    hostile = replace(
        builtin.sessions[0],
        title='<script>alert("x")</script> & <b>bold</b>',
        description="Line one\n\n<img src=x onerror=alert(1)>",
        papers=(
            Paper('"><script>bad()</script>', "javascript:alert(1)"),
            Paper("Fine paper", "https://example.org/a?b=1&c=<2>"),
        ),
        provenance=replace(
            builtin.sessions[0].provenance,
            sources=(Source("s", "Src </p><p>", "data:text/html,x"),),
        ),
    )
    schedule = replace(builtin, sessions=(hostile, *builtin.sessions[1:]))
    page = programme_html(
        plan_of(schedule, data_dir), NEW_YORK, favourites_only=False, made_at=MADE
    )
    parsed(page)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert 'href="javascript' not in page and 'href="data:' not in page
    assert "&quot;&gt;&lt;script&gt;bad()&lt;/script&gt;" in page, "a bad link is shown as text"
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page
    assert "Src &lt;/p&gt;&lt;p&gt;" in page


def test_a_programme_from_an_address_says_when_it_was_fetched(
    builtin: Schedule, data_dir: Path
) -> None:
    page = programme_html(
        plan_of(builtin, data_dir),
        NEW_YORK,
        favourites_only=False,
        made_at=MADE,
        address="https://schedule.example.org/hld/schedule.xml",
        fetched_at=datetime(2026, 12, 3, 20, 5, tzinfo=UTC),
    )
    assert (
        'Fetched from <a href="https://schedule.example.org/hld/schedule.xml">'
        "https://schedule.example.org/hld/schedule.xml</a> on 3 December 2026 at 15:05 EST"
    ) in page


def test_export_html_writes_the_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    FavouritesStore(data_dir, "hld2013").set_level("thu-rt1", Interest.ATTEND)
    target = tmp_path / "agenda.html"
    assert main(["export", "html", "--favourites", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    parsed(page)
    assert re.search(r"<h3>Round table 1 · Migration and sustainable development", page)
    assert main(["export", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and out.count("<article>") == 12


AXE = Path(__file__).parents[2] / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.skipif(
    not (CHROMIUM.exists() and AXE.exists()),
    reason=f"{MISSING}, or axe-core is not in .ci/axe (.ci/run installs it from npm)",
)
def test_the_page_passes_axe_and_fits_a_phone(
    builtin: Schedule, data_dir: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    plan = plan_of(builtin, data_dir)
    plan.set_level("thu-rt2", Interest.ATTEND)
    plan.set_level("thu-general-debate-pm", Interest.ATTEND)
    page_file = tmp_path / "programme.html"
    page_file.write_text(
        programme_html(plan, NEW_YORK, favourites_only=False, made_at=MADE), encoding="utf-8"
    )
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for width, height in ((390, 844), (1280, 900)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri())
                scroll = page.evaluate("document.scrollingElement.scrollWidth")
                assert scroll <= width, f"wider than the screen at {width} px: {scroll}"
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
                )
                problems = [(v["id"], v["help"], len(v["nodes"])) for v in result["violations"]]
                assert problems == [], problems
                page.emulate_media(media="print")
                assert (
                    page.evaluate("getComputedStyle(document.querySelector('nav')).display")
                    == "none"
                )
                page.close()
        finally:
            browser.close()

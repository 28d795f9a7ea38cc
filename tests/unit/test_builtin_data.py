"""The built-in programme matches the event page and is honest about what it does not know."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from hldtui.model import Kind, Schedule
from hldtui.sources import builtin_schedule_path

EVENT_PAGE = "https://www.un.org/development/desa/pd/events/high-level-meetings-68th-session-general-assembly"


def times(schedule: Schedule, day: int) -> list[tuple[str, str, str]]:
    return [
        (s.kind.value, f"{s.start:%H:%M}", f"{s.end:%H:%M}")
        for s in schedule.on_day(date(2013, 10, day))
    ]


def test_the_file_is_the_top_level_data_file_in_a_checkout() -> None:
    path = builtin_schedule_path()
    assert path.name == "hld2013.yaml"
    assert path.parent.name == "data"


def test_conference_facts(builtin: Schedule) -> None:
    conference = builtin.conference
    assert conference.id == "hld2013"
    assert conference.start == date(2013, 10, 3) and conference.end == date(2013, 10, 4)
    assert conference.timezone == "America/New_York"
    assert conference.venue == "United Nations Headquarters, New York"
    assert conference.sources[0].url == EVENT_PAGE
    assert conference.agenda is not None and len(conference.agenda.points) == 8
    assert all(point.sources for point in conference.agenda.points)
    assert conference.key_figures[0].figure == "232 million"
    assert all(figure.sources for figure in conference.key_figures)


def test_every_slot_of_the_event_page_is_there(builtin: Schedule) -> None:
    assert times(builtin, 3) == [
        ("opening", "09:00", "10:00"),
        ("general_debate", "10:00", "13:00"),
        ("round_table", "10:00", "13:00"),
        ("general_debate", "15:00", "17:30"),
        ("round_table", "15:00", "18:00"),
        ("unknown", "17:30", "18:00"),
    ]
    assert times(builtin, 4) == [
        ("panel", "09:00", "10:00"),
        ("general_debate", "10:00", "13:00"),
        ("round_table", "10:00", "13:00"),
        ("general_debate", "15:00", "17:30"),
        ("round_table", "15:00", "17:30"),
        ("closing", "17:30", "18:00"),
    ]
    assert all(str(s.start.tzinfo) == "America/New_York" for s in builtin.sessions)
    assert all(s.start.tzname() == "EDT" for s in builtin.sessions)


def test_round_tables_carry_their_official_themes_and_papers(builtin: Schedule) -> None:
    round_tables = [s for s in builtin.sessions if s.kind is Kind.ROUND_TABLE]
    assert [s.title for s in round_tables] == [f"Round table {n}" for n in range(1, 5)]
    assert round_tables[0].theme.startswith("Assessing the effects of international migration")
    assert "trafficking in persons" in round_tables[1].theme
    assert round_tables[2].theme.startswith("Strengthening partnerships and cooperation")
    assert round_tables[3].theme == (
        "International and regional labour mobility and its impact on development"
    )
    for number, session in enumerate(round_tables, start=1):
        official = session.papers[0]
        assert official.title == f"Roundtable {number} background paper"
        assert official.url == EVENT_PAGE
        assert "not verified" in official.note


def test_unverified_facts_are_flagged(builtin: Schedule) -> None:
    by_id = {s.id: s for s in builtin.sessions}
    untitled = by_id["thu-1730"]
    assert untitled.title is None and untitled.provenance.label_blank
    assert by_id["fri-closing"].provenance.label_blank
    assert by_id["fri-closing"].is_inferred("title")
    for session_id in ("thu-rt1", "fri-rt3", "thu-general-debate-pm", "fri-general-debate-pm"):
        assert by_id[session_id].is_inferred("start"), session_id
    assert by_id["thu-opening"].is_inferred("chairs")
    assert not by_id["thu-rt2"].is_inferred("start")


def test_no_rooms_are_invented(builtin: Schedule) -> None:
    assert all(session.room is None for session in builtin.sessions)


def test_every_session_cites_a_source_and_ids_are_unique(builtin: Schedule) -> None:
    assert all(session.provenance.sources for session in builtin.sessions)
    assert not [i for i, n in Counter(s.id for s in builtin.sessions).items() if n > 1]
    for session in builtin.sessions:
        if session.provenance.inferred or session.provenance.label_blank:
            assert session.provenance.note, session.id


def test_every_address_in_the_data_comes_from_the_fact_sheet_or_the_event_page() -> None:
    """No URL in the data may be made up: each appears in the project's reference sources."""
    text = builtin_schedule_path().read_text(encoding="utf-8")
    urls = {word for word in text.split() if word.startswith(("http://", "https://"))}
    assert EVENT_PAGE in urls
    known = Path(__file__).with_name("reference_urls.txt").read_text(encoding="utf-8").split()
    assert urls <= set(known)


def test_every_round_table_has_a_short_topic_beside_its_name(builtin: Schedule) -> None:
    round_tables = [s for s in builtin.sessions if s.kind is Kind.ROUND_TABLE]
    assert len(round_tables) == 4
    for session in round_tables:
        assert 10 <= len(session.topic) <= 60, session.id
        assert session.display_title == f"{session.title} · {session.topic}"
    assert builtin.get("thu-rt2").display_title == (
        "Round table 2 · Human rights of all migrants, smuggling and trafficking"
    )


def test_round_tables_2_and_3_name_their_co_chairs_with_sources(builtin: Schedule) -> None:
    second, third = builtin.get("thu-rt2"), builtin.get("fri-rt3")
    assert [name.split(",")[0] for name in second.chairs] == [
        "Juan Manuel Gómez Robledo",
        "Anne C. Richard",
    ]
    assert "S39" in {source.key for source in second.provenance.sources}
    assert [name.split(",")[0] for name in third.chairs] == [
        "Simonetta Sommaruga",
        "Patrick Abba Moro",
    ]
    assert "S40" in {source.key for source in third.provenance.sources}
    assert not second.is_inferred("chairs") and not third.is_inferred("chairs")


def test_the_agenda_says_which_points_are_verified(builtin: Schedule) -> None:
    agenda = builtin.conference.agenda
    assert "Points 1 to 4, and their order, are confirmed" in agenda.note
    for point in agenda.points[:4]:
        assert point.sources[0].key == "S42"


def test_copies_of_pages_on_other_hosts_are_marked_as_copies(builtin: Schedule) -> None:
    sources = {
        source.key: source for session in builtin.sessions for source in session.provenance.sources
    }
    for key in ("S1m", "S4"):
        assert sources[key].copy, key
    assert not sources["S1"].copy
    copies = {s.url for s in sources.values() if s.copy}
    assert all("un.org/" not in url for url in copies)
    assert any("web.test.ohchr" in url for url in copies)


def test_keywords_are_words_their_sources_use(builtin: Schedule) -> None:
    keywords = {
        (s.id, k.word): [x.key for x in k.sources] for s in builtin.sessions for k in s.keywords
    }
    assert keywords == {("thu-rt1", "remittances"): ["S31"], ("fri-rt4", "workers"): ["S32"]}

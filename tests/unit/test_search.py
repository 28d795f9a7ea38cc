"""Search: every word must match, ignoring case and accents; best matches first."""

from __future__ import annotations

import pytest

from hldtui.model import Schedule
from hldtui.search import SearchIndex, fold, match_spans, query_words, snippet, stem


@pytest.fixture(scope="module")
def index(builtin: Schedule) -> SearchIndex:
    return SearchIndex(builtin)


def ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.session.id for hit in index.search(query)]


def test_trafficking_finds_round_table_2(index: SearchIndex) -> None:
    assert ids(index, "trafficking") == ["thu-rt2"]


def test_labour_mobility_finds_round_table_4(index: SearchIndex) -> None:
    assert ids(index, "labour mobility")[0] == "fri-rt4"


def test_next_steps_finds_the_friday_panel(index: SearchIndex) -> None:
    assert ids(index, "next steps") == ["fri-panel"]


def test_case_and_accents_are_ignored(index: SearchIndex) -> None:
    assert ids(index, "NESTOR osorio") == ["thu-opening"]
    assert ids(index, "Néstor") == ids(index, "nestor")


def test_every_word_must_match(index: SearchIndex) -> None:
    assert ids(index, "trafficking labour") == []
    assert "fri-rt4" in ids(index, "labour")


def test_searches_chairs_and_paper_titles(index: SearchIndex) -> None:
    assert set(ids(index, "ashe")) >= {"thu-opening", "thu-general-debate-am"}
    assert ids(index, "roundtable 3 background") == ["fri-rt3"]


def test_title_matches_rank_above_description_matches(index: SearchIndex) -> None:
    hits = index.search("closing")
    assert hits[0].session.id == "fri-closing"
    assert hits[0].field == "title"
    assert hits[0].context == ""


def test_hit_context_is_the_matching_field(index: SearchIndex) -> None:
    (hit,) = index.search("orderly")
    assert hit.field == "theme"
    assert "orderly, regular and safe migration" in hit.context


def test_empty_query_finds_nothing(index: SearchIndex) -> None:
    assert index.search("   ") == []


def test_fold_and_query_words() -> None:
    assert fold("Néstor BILLSTRÖM") == "nestor billstrom"
    assert query_words("  Labour  labour MOBILITY ") == ("labour", "mobility")


def test_match_spans_map_back_to_the_original_text() -> None:
    text = "Néstor Osorio and Ñandú"
    spans = match_spans(text, ("nestor", "nandu"))
    assert [text[start:end] for start, end in spans] == ["Néstor", "Ñandú"]


def test_match_spans_merge_overlaps() -> None:
    assert match_spans("migration policy", ("migr", "migration")) == [(0, 9)]


def test_words_match_at_word_starts_only(index: SearchIndex) -> None:
    assert ids(index, "traffick") == ["thu-rt2"]
    assert ids(index, "afficking") == []
    assert match_spans("post-2015 goals", ("2015",)) == [(5, 9)]


def test_snippet_centres_on_the_first_match() -> None:
    text = " ".join(f"word{n}" for n in range(40)) + " trafficking " + "tail " * 20
    short = snippet(text, ("trafficking",), width=40)
    assert "trafficking" in short
    assert short.startswith("…") and short.endswith("…")
    assert len(short) <= 42
    assert snippet("short text", ("text",)) == "short text"


def test_word_forms_and_spellings_meet(index: SearchIndex) -> None:
    assert "fri-rt4" in ids(index, "labor mobility")
    assert ids(index, "labor mobility") == ids(index, "labour mobility")
    assert "thu-rt2" in ids(index, "migrant rights")
    assert "thu-rt2" in ids(index, "migrants right")
    assert match_spans("remittance costs", ("remittances",)) == [(0, 10)]
    assert match_spans("Labour migration", ("labor",)) == [(0, 6)]
    # Migration is another word than migrant: a full word does not match it by its stem.
    assert stem("migration") != stem("migrants")


def test_remittances_diaspora_and_migrant_workers_find_what_a_delegate_means(
    index: SearchIndex,
) -> None:
    assert ids(index, "remittances")[0] == "thu-rt1"
    assert [e.key for e in index.search_about("remittances")] == ["overview", "agenda-2"] + [
        e.key for e in index.search_about("remittance") if e.key.startswith("figure")
    ]
    assert ids(index, "diaspora") == []
    assert [e.key for e in index.search_about("diaspora")] == ["overview"]
    assert ids(index, "migrant workers")[0] == "fri-rt4"


def test_paper_notes_and_keywords_are_searched(index: SearchIndex) -> None:
    assert "thu-rt1" in ids(index, "permanent missions")
    (hit, *_) = index.search("remittances")
    assert hit.field in {"keywords", "papers"}


def test_typing_on_finds_no_fewer_sessions_by_stem(index: SearchIndex) -> None:
    first = ids(index, "remittance")
    assert set(first) <= set(ids(index, "remittances"))

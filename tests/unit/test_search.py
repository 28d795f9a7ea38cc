"""Search: every word must match, ignoring case and accents; best matches first."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hldtui.model import Conference, Kind, Paper, Provenance, Schedule, Session
from hldtui.search import (
    FIELD_WEIGHTS,
    UNSTEMMED,
    FuzzyMatcher,
    SearchIndex,
    field_text,
    fold,
    fold_for_match,
    fuzzy_score,
    match_letters,
    match_spans,
    query_words,
    snippet,
    starts_words,
    stem,
)


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


# The index against search as defined, on made-up programmes: the same sessions, scores,
# best fields and order, while a query is typed on and after notes change.

VOCABULARY = [
    "migrant", "migrants", "migration", "labor", "labour", "mobility", "remittance",
    "remittances", "rights", "right", "trafficking", "policy", "policies", "Néstor", "ñandú",
    "organize", "organise", "2013", "post-2015", "A1", "a1b",
]  # fmt: skip
GUID = "c22a7068-5aed-4237-9722-6b9ea324842e"
_RANKED = sorted(FIELD_WEIGHTS, key=lambda name: -FIELD_WEIGHTS[name])


def _reference(
    schedule: Schedule, query: str, notes: dict[str, str], limit: int | None
) -> list[tuple[str, int, str]]:
    """(session id, score, best field) of every session where each word of the query
    starts a word of a field, or shares a word's stem (ids only as written, and a guid
    only whole), best first, then with more of the words whole in a field with word forms
    (notes aside), then in time order."""
    words = query_words(query)
    found = []
    for position, session in enumerate(schedule.sessions):
        ranks = []
        guid = bool(session.guid) and query.strip().casefold() == session.guid.casefold()
        for word in words:
            for rank, name in enumerate(_RANKED):
                text = fold(field_text(session, name, notes.get(session.id, "")))
                if name == "ids":
                    text = fold(" ".join(k for k in session.file_keys if k != session.guid))
                text_words = re.split(r"[\W_]+", text)
                starts = any(w.startswith(word) for w in text_words)
                stemmed = name not in UNSTEMMED and stem(word) in {stem(w) for w in text_words}
                if starts or stemmed or (name == "ids" and guid):
                    ranks.append(rank)
                    break
            else:
                break
        else:
            if words:
                score = sum(FIELD_WEIGHTS[_RANKED[rank]] for rank in ranks)
                stemmed_words = {
                    w
                    for name in _RANKED
                    if name not in UNSTEMMED and name != "note"
                    for w in re.split(r"[\W_]+", fold(field_text(session, name)))
                }
                whole = sum(word in stemmed_words for word in words)
                found.append((-score, -whole, position, _RANKED[min(ranks)]))
    found.sort()
    return [(schedule.sessions[i].id, -score, name) for score, _, i, name in found][:limit]


_TEXT = st.lists(st.sampled_from(VOCABULARY), max_size=5).map(" ".join)


@st.composite
def _programmes(draw: st.DrawFn) -> Schedule:
    conference = Conference(
        "made-up", "A made-up programme", date(2030, 1, 1), date(2030, 1, 1), "UTC", "", ()
    )
    sessions = []
    for number in range(draw(st.integers(1, 12))):
        start = datetime(2030, 1, 1, 9, tzinfo=UTC) + timedelta(minutes=30 * number)
        sessions.append(
            Session(
                id=f"s{number}",
                kind=Kind.TALK,
                start=start,
                end=start + timedelta(minutes=30),
                title=draw(_TEXT) or None,
                provenance=Provenance(()),
                room=draw(_TEXT) or None,
                chairs=tuple(draw(st.lists(_TEXT, max_size=2))),
                theme=draw(_TEXT),
                description=draw(_TEXT),
                papers=tuple(Paper(draw(_TEXT), "https://example.org") for _ in range(2)),
                event_id=draw(st.sampled_from(["", "A1", "a1b", "2013"])),
                guid=draw(st.sampled_from(["", GUID, GUID.upper(), "migrant-2013"])),
            )
        )
    return Schedule(conference, tuple(sessions))


@given(
    schedule=_programmes(),
    query=st.one_of(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join),
        st.sampled_from([GUID, f" {GUID.upper()} ", "migrant-2013"]),
    ),
    notes=st.dictionaries(st.sampled_from([f"s{n}" for n in range(12)]), _TEXT, max_size=3),
    later_notes=st.dictionaries(st.sampled_from([f"s{n}" for n in range(12)]), _TEXT),
    limit=st.sampled_from([None, 1, 3]),
)
@settings(max_examples=300, deadline=None)
def test_the_index_finds_and_ranks_as_search_is_defined(
    schedule: Schedule,
    query: str,
    notes: dict[str, str],
    later_notes: dict[str, str],
    limit: int | None,
) -> None:
    held = {"notes": notes}
    index = SearchIndex(schedule, lambda: held["notes"])
    for chosen in (notes, later_notes):
        held["notes"] = chosen
        # Typed a letter at a time, as the search field asks.
        for end in range(1, len(query) + 1):
            typed = query[:end]
            hits = index.search(typed, limit=limit)
            found = [(hit.session.id, hit.score, hit.field) for hit in hits]
            assert found == _reference(schedule, typed, chosen, limit), typed


_PIECES = ["migration", "mig", "policy", "Pol", "10:00", "thu", "ação", "x", "round table", "–"]


@given(
    texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map(" ".join), max_size=60),
    query=st.lists(st.sampled_from([*_PIECES, "mi", "po", "ta"]), min_size=1, max_size=2).map(
        " ".join
    ),
    limit=st.sampled_from([1, 3, 40]),
)
@settings(max_examples=400, deadline=None)
def test_the_fuzzy_matcher_finds_the_best_as_scoring_every_text_does(
    texts: list[str], query: str, limit: int
) -> None:
    folded = [fold_for_match(text)[0] for text in texts]
    matcher = FuzzyMatcher(folded)
    # Typed a letter at a time, so that the quick way and the narrowing take turns.
    for end in range(1, len(query) + 1):
        letters = match_letters(query[:end])
        if not letters:
            continue
        every = [(*fuzzy_score(letters, text), index) for index, text in enumerate(folded)]
        expected = sorted(
            ((score, index, positions) for score, positions, index in every if score > 0),
            key=lambda found: (-found[0], found[1]),
        )[:limit]
        assert matcher.best(letters, limit) == expected, letters


def test_a_picker_s_words_must_each_start_a_word_of_the_entry() -> None:
    assert starts_words(query_words("saal g"), "Saal G (31)")
    assert starts_words(query_words("SÄAL"), "Saal 2 (36)")
    assert starts_words(query_words("track sec"), "Track: Security & Safety (12)")
    assert not starts_words(query_words("aal"), "Saal 2 (36)")
    assert not starts_words(query_words("saal 7"), "Saal 2 (36)")
    assert starts_words((), "anything")


def test_a_number_typed_whole_puts_its_session_first(index: SearchIndex) -> None:
    # "2" starts "2015" in Round table 1's topic too; Round table 2 has it whole.
    assert ids(index, "round table 2")[:2] == ["thu-rt2", "thu-rt1"]
    assert ids(index, "round table 1")[0] == "thu-rt1"

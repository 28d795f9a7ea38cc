"""The catalogue of conferences in Giggity's menu format: read and checked field by field,
listed running and coming first, kept from its address and asked again at most once a
day with its validators, and never trusted: bounded in size, entries and time."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from hldtui.catalogue import (
    MAX_ENTRIES,
    CatalogueError,
    Entry,
    RoomPlace,
    find_entry,
    load_catalogue,
    read_catalogue,
    read_entry,
)
from hldtui.library import Library, programme_choices

FOSDEM: dict[str, Any] = {
    "id": "fosdem_2026",
    "version": 2026010100,
    "url": "https://fosdem.org/2026/schedule/xml",
    "title": "FOSDEM 2026",
    "start": "2026-01-31",
    "end": "2026-02-01",
    "timezone": "Europe/Brussels",
    "refresh_interval": 1800,
    "metadata": {
        "links": [
            {"url": "https://fosdem.org/2026/", "title": "Website"},
            {
                "url": "https://fosdem.org/2026/map.pdf",
                "title": "Campus map",
                "type": "application/pdf",
            },
        ],
        "c3nav_base": "https://nav.fosdem.org",
        "rooms": [
            {"name": "Janson", "latlon": [50.812375, 4.380734], "c3nav_slug": "janson"},
            {"name": "K\\.1\\.105.*", "show_name": "K1", "latlon": [50.8146, 4.3819]},
            {"name": "H\\.1301 \\(Cornil\\)", "nav_url": "https://maps.example.org/h1301"},
        ],
    },
}


def menu(*entries: dict[str, Any]) -> bytes:
    return json.dumps({"version": 1, "schedules": list(entries)}).encode()


def entry(**changes: Any) -> dict[str, Any]:
    return {**FOSDEM, **changes}


def test_an_entry_is_read_with_its_metadata() -> None:
    catalogue = read_catalogue(menu(FOSDEM), "menu.json")
    assert catalogue.problems == ()
    fosdem = catalogue.get("fosdem_2026")
    assert fosdem is not None
    assert (fosdem.start, fosdem.end) == (date(2026, 1, 31), date(2026, 2, 1))
    assert (fosdem.timezone, fosdem.refresh_interval) == ("Europe/Brussels", 1800)
    assert [link.title for link in fosdem.links] == ["Website", "Campus map"]
    assert fosdem.links[1].type == "application/pdf"
    assert fosdem.venue_links("Janson")[0].url == "https://nav.fosdem.org/l/janson/"
    assert fosdem.venue_links("Janson")[1].url == "geo:50.812375,4.380734"
    # A pattern matches the whole room name, and no more.
    assert fosdem.room_place("K.1.105 (La Fontaine)") is not None
    assert fosdem.room_place("AK.1.105") is None
    assert fosdem.venue_links("H.1301 (Cornil)")[0].url == "https://maps.example.org/h1301"
    assert fosdem.venue_links("Nowhere") == ()
    assert catalogue.for_address("https://fosdem.org/2026/schedule/xml") is fosdem


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": "../etc"}, "schedules[0].id: `../etc` is not an id. The entry is left out."),
        (
            {"url": "file:///etc/passwd"},
            "schedules[0].url: `file:///etc/passwd` is not a web address.",
        ),
        ({"url": "javascript:alert(1)"}, "schedules[0].url:"),
        ({"title": ["x"]}, "schedules[0].title: it is missing or not text."),
        ({"start": "31/01/2026"}, "schedules[0].start: `31/01/2026` is not a date (YYYY-MM-DD)."),
        ({"start": "2026-02-30"}, "schedules[0].start: `2026-02-30` is not a date"),
        ({"end": "2026-01-01"}, "schedules[0].end: 2026-01-01 is before the start, 2026-01-31."),
        ({"end": "2028-01-01"}, "schedules[0].end: 2028-01-01 is more than a year after"),
        ({"url": "https://" + "a" * 3000}, "schedules[0].url: it is longer than 2,000 characters."),
    ],
)
def test_an_entry_with_a_bad_field_is_left_out(changes: dict[str, Any], problem: str) -> None:
    catalogue = read_catalogue(menu(entry(**changes), entry(id="other")), "menu.json")
    assert [e.id for e in catalogue.entries] == ["other"]
    assert catalogue.problems[0].startswith(problem)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"timezone": "Mars/Olympus"},
            "schedules[0].timezone: `Mars/Olympus` is not an IANA time zone.",
        ),
        ({"refresh_interval": 5}, "schedules[0].refresh_interval: `5` is not 300–604,800 seconds."),
        ({"refresh_interval": True}, "schedules[0].refresh_interval"),
        ({"metadata": []}, "schedules[0].metadata: it is not an object."),
        (
            {"metadata": {"links": [{"url": "javascript:alert(1)", "title": "x"}]}},
            "schedules[0].metadata.links[0].url: it is not an http or https address.",
        ),
        (
            {"metadata": {"rooms": [{"name": "A", "latlon": [91, 0]}]}},
            "schedules[0].metadata.rooms[0].latlon: it is not [latitude, longitude].",
        ),
        (
            {"metadata": {"rooms": [{"name": "A", "c3nav_slug": "a/../b"}]}},
            "schedules[0].metadata.rooms[0].c3nav_slug",
        ),
        (
            {"metadata": {"rooms": [{"name": "A", "nav_url": "geo:1,2"}]}},
            "schedules[0].metadata.rooms[0].nav_url: it is not an http or https address.",
        ),
        ({"metadata": {"rooms": [{"name": "x" * 301}]}}, "schedules[0].metadata.rooms[0].name"),
        ({"metadata": {"c3nav_base": "ftp://x"}}, "schedules[0].metadata.c3nav_base"),
        (
            {"metadata": {"links": [{}] * 101}},
            "schedules[0].metadata.links: it is not a list of at most 100.",
        ),
    ],
)
def test_a_bad_optional_field_is_dropped_and_named(changes: dict[str, Any], problem: str) -> None:
    catalogue = read_catalogue(menu(entry(**changes)), "menu.json")
    assert [e.id for e in catalogue.entries] == ["fosdem_2026"], "the entry stays"
    assert catalogue.problems[0].startswith(problem)
    assert catalogue.problems[0].endswith("It is left out.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "it is not JSON"),
        (b"\xff\xfe", "it is not UTF-8 text."),
        (b"[]", "it is not a catalogue"),
        (b'{"schedules": {}}', "it is not a catalogue"),
        (b"[" * 100_000, "it nests too deeply"),
        (b" " * (9 * 1024 * 1024), "larger than 8 MB"),
    ],
)
def test_what_is_no_catalogue_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        read_catalogue(data, "menu.json")
    assert raised.value.where == "menu.json"
    assert message in raised.value.message


def test_too_many_entries_are_refused() -> None:
    data = json.dumps({"schedules": [{}] * (MAX_ENTRIES + 1)}).encode()
    with pytest.raises(CatalogueError, match="at most 5,000"):
        read_catalogue(data, "menu.json")


def test_an_id_given_twice_keeps_the_first() -> None:
    catalogue = read_catalogue(menu(FOSDEM, entry(title="Again")), "menu.json")
    assert [e.title for e in catalogue.entries] == ["FOSDEM 2026"]
    assert catalogue.problems == ("schedules[1].id: `fosdem_2026` is given twice.",)


def test_running_and_coming_conferences_come_first() -> None:
    catalogue = read_catalogue(
        menu(
            entry(id="old", start="2020-01-01", end="2020-01-02"),
            entry(id="older", start="2019-01-01", end="2019-01-02"),
            entry(id="later", start="2027-05-01", end="2027-05-02"),
            entry(id="soon", start="2026-12-10", end="2026-12-11"),
            entry(id="now", start="2026-12-03", end="2026-12-05"),
        ),
        "menu.json",
    )
    today = date(2026, 12, 4)
    assert [e.id for e in catalogue.listing(today)] == ["now", "soon", "later", "old", "older"]
    assert [e.id for e in catalogue.listing(today, ["OL"])] == ["old", "older"]


def test_a_catastrophic_pattern_takes_bounded_time() -> None:
    rooms = [RoomPlace("(a+)+$" if i % 2 else "(x|x?)*y", latlon=(1.0, 2.0)) for i in range(500)]
    hostile = Entry(
        "x", "https://a.b/s", "X", date(2026, 1, 1), date(2026, 1, 2), rooms=tuple(rooms)
    )
    began = time.perf_counter()
    assert hostile.room_place("a" * 40 + "!") is None
    assert time.perf_counter() - began < 0.5
    broken = Entry(
        "y",
        "https://a.b/s",
        "Y",
        date(2026, 1, 1),
        date(2026, 1, 2),
        rooms=(RoomPlace("(["), RoomPlace("A")),
    )
    assert broken.room_place("A") == RoomPlace("A"), (
        "a pattern that does not compile matches nothing"
    )


def test_an_entry_kept_reads_back_the_same() -> None:
    fosdem = read_catalogue(menu(FOSDEM), "menu.json").entries[0]
    assert read_entry(json.loads(json.dumps(fosdem.record())), "recent[0]") == fosdem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=5)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "url",
                        "title",
                        "start",
                        "end",
                        "timezone",
                        "refresh_interval",
                        "metadata",
                        "links",
                        "rooms",
                        "name",
                        "latlon",
                        "c3nav_slug",
                        "c3nav_base",
                        "nav_url",
                        "type",
                        "show_name",
                        "schedules",
                        "version",
                    ]
                ),
                children,
                max_size=8,
            )
        ),
        max_leaves=40,
    )
)
def test_the_catalogue_reader_never_fails_otherwise(document: object) -> None:
    for shaped in (document, {"schedules": [document]}, {"schedules": [entry(metadata=document)]}):
        try:
            catalogue = read_catalogue(json.dumps(shaped).encode(), "menu.json")
        except CatalogueError as error:
            assert error.message
        else:
            for found in catalogue.entries:
                assert found.url.startswith(("http://", "https://", "webcal://"))
                for place in found.rooms:
                    assert place.nav_url == "" or place.nav_url.startswith(("http://", "https://"))
                found.venue_links("Janson")


def serve_catalogue(httpserver: HTTPServer, data: bytes, seen: list[dict[str, str]]) -> str:
    def answer(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(data, headers={"ETag": '"v1"'}, content_type="application/json")

    httpserver.expect_request("/menu.json").respond_with_handler(answer)
    return httpserver.url_for("/menu.json")


def test_an_address_is_kept_and_asked_again_once_a_day(httpserver: HTTPServer) -> None:
    seen: list[dict[str, str]] = []
    address = serve_catalogue(httpserver, menu(FOSDEM), seen)
    with pytest.raises(CatalogueError, match="no copy of it is kept yet"):
        load_catalogue(address, offline=True)
    assert seen == []
    first = load_catalogue(address)
    assert [e.id for e in first.entries] == ["fosdem_2026"] and first.note == ""
    assert len(seen) == 1
    load_catalogue(address)
    assert len(seen) == 1, "within a day the kept copy is used as it is"
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    again = load_catalogue(address, now=later)
    assert len(seen) == 2 and seen[1].get("If-None-Match") == '"v1"'
    assert [e.id for e in again.entries] == ["fosdem_2026"], "304: the kept copy stands"
    load_catalogue(address, offline=True, now=later + timedelta(days=5))
    assert len(seen) == 2, "offline: the kept copy, however old"
    httpserver.clear()
    httpserver.expect_request("/menu.json").respond_with_data("<html>gone</html>", status=500)
    fallen = load_catalogue(address, now=later + timedelta(days=2))
    assert [e.id for e in fallen.entries] == ["fosdem_2026"]
    assert "500" in fallen.note and "its kept copy is used" in fallen.note


def test_a_hostile_answer_costs_no_kept_copy(httpserver: HTTPServer) -> None:
    seen: list[dict[str, str]] = []
    address = serve_catalogue(httpserver, menu(FOSDEM), seen)
    load_catalogue(address)
    for hostile in (b"[" * 100_000, b"x" * (9 * 1024 * 1024)):
        httpserver.clear()
        httpserver.expect_request("/menu.json").respond_with_data(hostile)
        kept = load_catalogue(address, now=datetime.now(UTC) + timedelta(days=2))
        assert [e.id for e in kept.entries] == ["fosdem_2026"]
        assert "not refreshed" in kept.note


def test_no_catalogue_at_an_address_says_why(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/menu.json").respond_with_data("<!doctype html><p>hi")
    with pytest.raises(CatalogueError, match="a web page"):
        load_catalogue(httpserver.url_for("/menu.json"))
    with pytest.raises(CatalogueError, match="not a catalogue"):
        httpserver.expect_request("/list.json").respond_with_data("[1, 2]")
        load_catalogue(httpserver.url_for("/list.json"))


def test_a_file_and_an_entry_by_id(tmp_path: Path) -> None:
    path = tmp_path / "menu.json"
    path.write_bytes(menu(FOSDEM))
    assert find_entry(str(path), "fosdem_2026").title == "FOSDEM 2026"
    with pytest.raises(CatalogueError, match="has no entry `fosdem_2027`"):
        find_entry(str(path), "fosdem_2027")
    with pytest.raises(CatalogueError, match="no such file"):
        load_catalogue(str(tmp_path / "absent.json"))


def test_the_library_keeps_the_programmes_opened(tmp_path: Path) -> None:
    library = Library(tmp_path)
    fosdem = read_catalogue(menu(FOSDEM), "menu.json").entries[0]
    library.remember("", "The 2013 High-level Dialogue")
    library.remember(fosdem.url, "FOSDEM 2026", fosdem)
    library.remember("/tmp/camp.json", "Camp")
    library.remember(fosdem.url, "FOSDEM 2026", fosdem)
    again = Library(tmp_path)
    assert [r.source for r in again.recent] == [fosdem.url, "/tmp/camp.json", ""]
    assert again.last is not None and again.last.entry == fosdem
    choices = programme_choices(again, None, datetime(2026, 1, 31, tzinfo=UTC), fosdem.url)
    assert choices[0][0].startswith("FOSDEM 2026 (shown now)")
    assert choices[-1] == ("Built-in: The 2013 High-level Dialogue", (None, None))


def test_a_damaged_library_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "programmes.json").write_text("{not json")
    library = Library(tmp_path)
    assert library.recent == [] and "was damaged" in library.note
    assert (tmp_path / "programmes.json.damaged").read_text() == "{not json"
    (tmp_path / "programmes.json").write_text(
        json.dumps({"recent": [{"source": 3}, {"source": "x", "opened_at": "never"}, "x"]})
    )
    assert Library(tmp_path).recent == [], "records that cannot be used are passed over"


def test_a_compressed_catalogue_stops_at_its_cap(httpserver: HTTPServer) -> None:
    """64 MB of spaces packed to 64 KB, sent gzip-encoded: unpacking stops after 8 MB."""
    import gzip

    bomb = gzip.compress(b" " * (64 * 1024 * 1024), 9)
    httpserver.expect_request("/menu.json").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/json"
    )
    began = time.perf_counter()
    with pytest.raises(CatalogueError, match="larger than 8 MB, more than hldtui reads from it"):
        load_catalogue(httpserver.url_for("/menu.json"))
    assert time.perf_counter() - began < 5

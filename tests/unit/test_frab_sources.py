"""frab/Pentabarf XML and c3voc JSON: real exports, the quirks of others, and broken files."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from hldtui.exports.c3voc import to_c3voc, to_c3voc_json
from hldtui.model import Kind, Schedule, ZoneSource
from hldtui.search import SearchIndex
from hldtui.sources import ScheduleError, detect_format, load_schedule

FORMATS = Path(__file__).parent.parent / "data" / "formats"


def load(name: str) -> Schedule:
    return load_schedule(FORMATS / name)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_format_is_told_from_the_content_not_the_name(tmp_path: Path) -> None:
    xml = write(tmp_path, "schedule.json", (FORMATS / "31c3-schedule.xml").read_bytes())
    assert load_schedule(xml).conference.id == "31c3"
    yaml_named_xml = write(tmp_path, "programme.xml", (FORMATS.parent / "minimal.yaml").read_text())
    assert load_schedule(yaml_named_xml).conference.id == "democon"
    assert detect_format(b"\xef\xbb\xbf  {") == "json"
    assert detect_format(b"\n<?xml") == "xml"
    assert detect_format(b"format: x") == "yaml"


def test_31c3_frab_xml() -> None:
    schedule = load("31c3-schedule.xml")
    conference = schedule.conference
    assert (conference.id, conference.title) == ("31c3", "31. Chaos Communication Congress")
    assert conference.timezone == "UTC+01:00"
    assert len(schedule.sessions) == 138
    opening = schedule.get("29aecfd7-2e44-4f49-ab86-29b5e0877325")
    assert opening.display_title == "31C3 Opening Event"
    assert (opening.start.isoformat(), opening.end.isoformat()) == (
        "2014-12-27T11:00:00+01:00",
        "2014-12-27T11:30:00+01:00",
    )
    assert (opening.room, opening.track, opening.kind, opening.language) == (
        "Saal 1",
        "CCC",
        Kind.TALK,
        "en",
    )
    assert opening.chairs == ("erdgeist", "Geraldine de Bastion")
    keynote = schedule.get("8c4e647f-813e-41ef-b05b-65469dd841c3")
    assert keynote.theme == "A New Dawn"
    assert keynote.description == "The 31C3 Keynote\n\nA New Dawn"


def test_events_after_midnight_stay_on_their_programme_day() -> None:
    schedule = load("31c3-schedule.xml")
    late = [s for s in schedule.sessions if s.conference_day is not None]
    assert late
    for session in late:
        assert session.start.date() == session.day + timedelta(days=1)
        assert session in schedule.on_day(session.day)


def test_camp2019_c3voc_json() -> None:
    schedule = load("camp2019-schedule.json")
    assert schedule.conference.timezone == "Europe/Berlin"
    assert schedule.conference.start == date(2019, 8, 21)
    assert len(schedule.sessions) == 79
    badge = schedule.get("c9edea6f-1da1-4772-a0a9-6dd4e33f11bb")
    assert badge.display_title == "card10 Badge"
    assert badge.start.tzname() == "CEST"
    assert "\r" not in badge.description
    with_links = [s for s in schedule.sessions if s.links]
    assert with_links and all(link.url.startswith("http") for s in with_links for link in s.links)


def test_democon_pretalx_json() -> None:
    schedule = load("democon-schedule.json")
    assert schedule.conference.timezone == "UTC"
    assert len(schedule.sessions) == 36
    assert {s.kind for s in schedule.sessions} <= {Kind.TALK, Kind.WORKSHOP, Kind.OTHER}
    assert all(s.chairs for s in schedule.sessions if s.kind is Kind.TALK)


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("31c3-schedule.xml", "keynote", "8c4e647f-813e-41ef-b05b-65469dd841c3"),
        ("camp2019-schedule.json", "card10", "c9edea6f-1da1-4772-a0a9-6dd4e33f11bb"),
        ("31c3-schedule.xml", "geraldine bastion", "29aecfd7-2e44-4f49-ab86-29b5e0877325"),
    ],
)
def test_real_programmes_are_searchable(name: str, query: str, expected: str) -> None:
    hits = SearchIndex(load(name)).search(query)
    assert hits[0].session.id == expected


def test_pentabarf_quirks() -> None:
    schedule = load("pentabarf-fosdem-style.xml")
    conference = schedule.conference
    assert conference.venue == "ULB (Campus Solbosch), Brussels"
    assert conference.timezone == ""
    assert conference.zone_source is ZoneSource.NONE
    assert schedule.days == (date(2015, 1, 31), date(2015, 2, 1))
    welcome, night, same_id = (
        schedule.get("3457-20150131T1000"),
        schedule.get("3458-20150201T0200"),
        schedule.get("3457-20150131T1100"),
    )
    assert welcome.kind is Kind.TALK
    assert welcome.description == "The opening talk & a plan (https://example.org/plan)."
    assert [(p.title, p.url) for p in welcome.papers] == [
        ("Slides", "https://example.org/slides.pdf")
    ]
    assert [link.title for link in welcome.links] == ["Video recording"]
    assert night.title is None and night.provenance.label_blank
    assert night.start == night.end
    assert night.day == date(2015, 1, 31)
    assert night.start.date() == date(2015, 2, 1)
    assert same_id.display_title == "Same id, other room"
    assert same_id.kind is Kind.WORKSHOP
    assert same_id.description == "Markdown bold and a link (https://example.org/more)."


def test_wafer_quirks() -> None:
    schedule = load("wafer-style.xml")
    (talk,) = schedule.sessions
    assert schedule.conference.timezone == "Asia/Seoul"
    assert talk.end - talk.start == timedelta(minutes=45)
    assert talk.provenance.url == "https://debconf.example.org/talks/1-debian-welcome/"
    assert talk.papers[0].url == "https://debconf.example.org/talks/1-debian-welcome/slides.pdf"
    assert talk.chairs == ("Alice Example",)
    assert talk.description == "Welcome & thanks"


def test_repeated_guids_never_crash() -> None:
    schedule = load("merged.json")
    assert [s.id for s in schedule.sessions] == ["0000-dup", "0000-dup~2", "3-20231228T0130"]
    first, other, late = schedule.sessions
    assert first.papers[0].title == "The paper"
    assert other.display_title == "Same guid, other event"
    assert schedule.conference.timezone == "UTC+01:00"
    assert late.start == datetime.fromisoformat("2023-12-28T01:30:00+01:00")
    assert late.day == date(2023, 12, 27)
    assert late.description == "• one\n• two"


BROKEN = [
    (
        "truncated.xml",
        "<schedule><conference><title>X</title>",
        "this is not well-formed XML",
        None,
    ),
    ("not-schedule.xml", "<rss><channel/></rss>", "expected a <schedule> element", "rss"),
    (
        "no-conference.xml",
        "<schedule><day date='2020-01-01'/></schedule>",
        "the <conference> element is missing",
        "schedule",
    ),
    (
        "bad-duration.xml",
        "<schedule><conference><title>X</title><time_zone_name>UTC</time_zone_name></conference>"
        "<day date='2020-01-01'><room name='A'><event guid='g1'><start>10:00</start>"
        "<duration>long</duration><title>T</title></event></room></day></schedule>",
        "`long` is not a duration such as 00:45",
        "day[1]/room[A]/event[g1].duration",
    ),
    (
        "bad-zone.xml",
        "<schedule><conference><title>X</title><time_zone_name>Mars/Base</time_zone_name>"
        "</conference></schedule>",
        "`Mars/Base` is not a known time zone",
        "conference.time_zone_name",
    ),
    (
        "odd-encoding.xml",
        "<?xml version='1.0' encoding='u-tf-8'?><schedule/>",
        "the XML declares an encoding Python does not know",
        None,
    ),
    ("truncated.json", '{"schedule": {"conference": ', "this is not valid JSON", None),
    ("list.json", '{"schedule": [1, 2]}', "expected an object, found a list", "schedule"),
    (
        "no-conference.json",
        '{"schedule": {"version": "1"}}',
        "the required field `conference` is missing",
        "schedule",
    ),
    (
        "wrong-days.json",
        '{"schedule": {"conference": {"title": "X", "days": {}}}}',
        "expected a list, found an object",
        "schedule.conference.days",
    ),
    (
        "bad-date.json",
        '{"schedule": {"conference": {"title": "X", "days": [{"date": "2020-01-01", "rooms":'
        ' {"A": [{"guid": "g", "date": "soon", "title": "T"}]}}]}}}',
        "`soon` is not an ISO date and time",
        "schedule.conference.days[0].rooms['A'][0].date",
    ),
    (
        "wrong-title.json",
        '{"schedule": {"conference": {"title": ["X"], "days": []}}}',
        "expected text, found a list",
        "schedule.conference.title",
    ),
    (
        "no-dates.json",
        '{"schedule": {"conference": {"title": "X", "days": []}}}',
        "the schedule has no dates",
        "conference",
    ),
]


@pytest.mark.parametrize(("name", "content", "message", "field"), BROKEN)
def test_broken_files_get_a_located_error(
    tmp_path: Path, name: str, content: str, message: str, field: str | None
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    error = caught.value
    assert message in error.message
    assert error.path == path
    if field is None:
        assert error.line is not None or "encoding" in error.message
    else:
        assert error.field == field


@pytest.mark.parametrize(
    "content",
    [
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><schedule>&lol2;</schedule>',
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<schedule>&xxe;</schedule>",
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_hostile_xml_is_refused(tmp_path: Path, content: str) -> None:
    with pytest.raises(ScheduleError, match="hldtui refuses because they can be used to attack"):
        load_schedule(write(tmp_path, "hostile.xml", content))


def test_json_export_is_valid_and_loads_back_equal(builtin: Schedule, tmp_path: Path) -> None:
    schema = json.loads((FORMATS / "schedule.schema.json").read_text())
    document = to_c3voc(builtin)
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(document)] == []
    path = write(tmp_path, "hld.json", to_c3voc_json(builtin))
    assert load_schedule(path) == builtin


@pytest.mark.parametrize(
    "name", ["31c3-schedule.xml", "camp2019-schedule.json", "pentabarf-fosdem-style.xml"]
)
def test_exporting_an_imported_programme_round_trips(name: str, tmp_path: Path) -> None:
    # The Pentabarf file names no zone; schedule.json needs one.
    schedule = load_schedule(FORMATS / name, zone=ZoneInfo("Europe/Brussels"))
    schema = json.loads((FORMATS / "schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(to_c3voc(schedule))] == []
    path = write(tmp_path, "again.json", to_c3voc_json(schedule))
    assert load_schedule(path) == schedule

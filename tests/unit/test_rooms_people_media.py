"""The organiser's room order, people, recordings, streams and feedback, as loaders read
them and the domain uses them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from hldtui.changes import compare
from hldtui.exports.c3voc import to_c3voc, to_c3voc_json
from hldtui.filters import Filter, choices
from hldtui.model import Interest, Media, Paper, Schedule, Session, media_of
from hldtui.planner import on_now
from hldtui.present import duration_text, session_fields
from hldtui.search import SearchIndex
from hldtui.sources import ScheduleError, load_schedule
from hldtui.timetable import timetable

FORMATS = Path(__file__).parent.parent / "data" / "formats"
MEDIA = FORMATS / "congress-media.json"
BERLIN = ZoneInfo("Europe/Berlin")


def by_slug(schedule: Schedule, slug: str) -> Session:
    return next(session for session in schedule.sessions if session.slug == slug)


@pytest.fixture(scope="module")
def congress() -> Schedule:
    return load_schedule(MEDIA)


def write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(document))
    return path


# Rooms


def test_listed_rooms_come_first_in_their_order_then_others_as_they_appear(
    congress: Schedule,
) -> None:
    # The file lists Main Hall, Borg, Ada; its day lists Ada first; Lab is not listed.
    assert congress.rooms == ("Main Hall", "Borg", "Ada", "Lab")


def test_without_a_list_rooms_keep_the_order_they_first_appear_in() -> None:
    camp = load_schedule(FORMATS / "camp2019-schedule.json")
    assert camp.rooms == ("Curie", "Meitner")
    congress = load_schedule(FORMATS / "31c3-schedule.xml")
    text = (FORMATS / "31c3-schedule.xml").read_text()
    in_file = list(dict.fromkeys(re.findall(r"<room name='([^']+)'", text)))
    assert list(congress.rooms) == in_file
    assert congress.rooms[:2] == ("Saal 1", "Saal 2")
    assert list(congress.rooms) != sorted(congress.rooms), "not merely sorted by name"


def test_pretalx_conference_rooms_give_the_order() -> None:
    democon = load_schedule(FORMATS / "democon-schedule.json")
    assert democon.rooms[:2] == ("Gray Room", "Tan Room")


def test_a_calendar_keeps_its_locations_in_file_order() -> None:
    pycon = load_schedule(FORMATS / "pyconuk2015-schedule.ics")
    text = (FORMATS / "pyconuk2015-schedule.ics").read_text()
    first = re.search(r"^LOCATION:(.+)$", text, re.MULTILINE)
    assert first is not None
    assert pycon.rooms[0] == first.group(1).strip()


def test_timetable_columns_follow_the_organiser_and_pins(congress: Schedule) -> None:
    day = congress.on_day(congress.days[0])
    table = timetable(day, BERLIN, congress.room_place)
    assert table.columns == ("Main Hall", "Borg", "Ada", "Lab")
    pinned = timetable(day, BERLIN, lambda room: congress.room_place(room, ("Lab", "Ada")))
    assert pinned.columns == ("Lab", "Ada", "Main Hall", "Borg")
    # A day gives columns only to the rooms it uses.
    second = timetable(congress.on_day(congress.days[1]), BERLIN, congress.room_place)
    assert second.columns == ("Borg",)


def test_tracks_stay_sorted_by_name(congress: Schedule) -> None:
    no_rooms = [replace(session, room=None) for session in congress.on_day(congress.days[0])]
    columns = timetable(no_rooms, BERLIN, congress.room_place).columns
    assert columns == ("Congress", "Hardware", "Radio")


def test_the_room_picker_lists_rooms_in_the_organiser_s_order(congress: Schedule) -> None:
    options = choices(congress.sessions, congress.room_place).room_options()
    assert [label for label, _ in options] == [
        "Every room",
        "Main Hall (1)",
        "Borg (2)",
        "Ada (1)",
        "Lab (1)",
    ]


def test_the_export_keeps_the_room_order(congress: Schedule, tmp_path: Path) -> None:
    document = to_c3voc(congress)
    schema = json.loads((FORMATS / "schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(document)] == []
    events = [
        e
        for day in document["schedule"]["conference"]["days"]
        for r in day["rooms"].values()
        for e in r
    ]
    opening = next(e for e in events if e["title"] == "Opening")
    assert opening["feedback_url"] == "https://congress.example/talk/1/feedback/"
    assert opening["persons"][0]["biography"] == "Wrote the first program."
    assert [e["do_not_record"] for e in events if e["title"] == "Soldering for beginners"] == [True]
    rooms = document["schedule"]["conference"]["rooms"]
    assert [room["name"] for room in rooms] == ["Main Hall", "Borg", "Ada", "Lab"]
    first_day = document["schedule"]["conference"]["days"][0]["rooms"]
    assert list(first_day) == ["Main Hall", "Borg", "Ada", "Lab"]
    path = tmp_path / "again.json"
    path.write_text(to_c3voc_json(congress))
    assert load_schedule(path) == congress


# People


def test_people_keep_biography_links_and_ids(congress: Schedule) -> None:
    ada = congress.person("ada lovelace")
    assert ada.name == "Ada Lovelace"
    assert ada.biography == "Wrote the first program."
    assert ada.links == (Paper("Home page", "https://ada.example/"),)
    assert ada.keys == ("ADA001", "11")
    assert [person.name for person in congress.people] == ["Ada Lovelace", "Grace Hopper"]
    assert [s.slug for s in congress.sessions_of("Ada Lovelace")] == [
        "mediacon-1-opening",
        "mediacon-3-radio",
        "mediacon-5-closing",
    ]


def test_a_person_the_file_says_nothing_more_of_is_a_name_and_ids() -> None:
    camp = load_schedule(FORMATS / "camp2019-schedule.json")
    person = camp.person("jinxx")
    assert (person.name, person.biography, person.keys) == ("jinxx", "", ("7797",))
    assert camp.conference.people == (), "ids alone are kept flat, not as people"
    assert camp.conference.person_ids[:2] == ("jinxx", "7797")
    assert camp.title_of("jinxx") == "jinxx"


def test_frab_xml_person_ids_are_kept() -> None:
    congress = load_schedule(FORMATS / "31c3-schedule.xml")
    assert congress.person("erdgeist").keys == ("1544",)


def test_the_built_in_chairs_are_people_with_roles_and_sources(builtin: Schedule) -> None:
    names = [person.name for person in builtin.people]
    assert names == [
        "Anne C. Richard",
        "John W. Ashe",
        "Juan Manuel Gómez Robledo",
        "Patrick Abba Moro",
        "Simonetta Sommaruga",
    ]
    sommaruga = builtin.person("Simonetta Sommaruga")
    assert sommaruga.roles == ("Federal Councillor, Switzerland", "Co-chair of Round table 3")
    assert [source.key for source in sommaruga.sources] == ["S40"]
    assert [s.id for s in builtin.sessions_of("Simonetta Sommaruga")] == ["fri-rt3"]
    round_table = builtin.get("thu-rt2")
    assert round_table is not None
    chairs = next(
        f for f in session_fields(round_table, None, builtin.title_of) if f.label == "Chairs"
    )
    assert chairs.value.startswith(
        "Juan Manuel Gómez Robledo, Under-Secretary for Multilateral Affairs"
    )
    assert builtin.person("Nobody").title == "Nobody"


def test_a_person_listed_twice_in_yaml_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "data" / "minimal.yaml").read_text()
    person = "  - name: Ann Example\n    sources: [https://example.org/]\n"
    path = tmp_path / "twice.yaml"
    path.write_text(text.replace("sessions:", f"people:\n{person}{person}\nsessions:", 1))
    with pytest.raises(ScheduleError) as raised:
        load_schedule(path)
    message = str(raised.value)
    assert "twice.yaml" in message and "people[1].name: `Ann Example` is listed twice" in message


def test_search_finds_people_by_any_word_of_the_name(congress: Schedule) -> None:
    index = SearchIndex(congress)
    assert [p.name for p in index.search_people("lov")] == ["Ada Lovelace"]
    assert [p.name for p in index.search_people("HOPPER grace")] == ["Grace Hopper"]
    assert index.search_people("ada hopper") == []


def test_the_export_keeps_people_and_what_is_said_of_them(
    builtin: Schedule, tmp_path: Path
) -> None:
    path = tmp_path / "hld.json"
    path.write_text(to_c3voc_json(builtin))
    again = load_schedule(path)
    assert again.conference.people == builtin.conference.people
    congress = load_schedule(FORMATS / "31c3-schedule.xml")
    path.write_text(to_c3voc_json(congress))
    assert load_schedule(path).conference.person_ids == congress.conference.person_ids
    assert congress.person("erdgeist").keys == ("1544",)


# Recordings, streams and feedback


@pytest.mark.parametrize(
    ("url", "title", "kind", "media"),
    [
        ("https://media.ccc.de/v/36c3-10000-talk", "", "", Media.RECORDING),
        ("https://cdn.example/talk.webm", "", "", Media.RECORDING),
        ("https://example.org/v/1", "", "video/mp4", Media.RECORDING),
        ("https://example.org/v/1", "Recording", "", Media.RECORDING),
        ("https://www.youtube.com/watch?v=x", "", "", Media.RECORDING),
        ("https://streaming.media.ccc.de/36c3/borg", "", "", Media.STREAM),
        ("https://example.org/live", "", "livestream", Media.STREAM),
        ("https://example.org/slides.pdf", "Slides", "slides", None),
        ("https://notmedia.ccc.de.example/", "", "", None),
    ],
)
def test_what_a_link_plays(url: str, title: str, kind: str, media: Media | None) -> None:
    assert media_of(Paper(title, url, note=kind)) is media


def test_recordings_streams_opt_outs_and_feedback_are_read(congress: Schedule) -> None:
    opening = by_slug(congress, "mediacon-1-opening")
    assert [(kind, link.url) for kind, link in opening.media] == [
        (Media.RECORDING, "https://media.ccc.de/v/mediacon-1-opening")
    ]
    assert opening.feedback_url == "https://congress.example/talk/1/feedback/"
    radio = by_slug(congress, "mediacon-3-radio")
    assert [kind for kind, _ in radio.media] == [Media.STREAM]
    workshop = by_slug(congress, "mediacon-2-workshop")
    assert workshop.not_recorded and not opening.not_recorded
    assert not by_slug(congress, "mediacon-4-lab").not_recorded, "null is not an opt-out"
    fields = {f.label: f.value for f in session_fields(workshop, None)}
    assert fields["Recording"] == "will not be recorded"


def test_frab_xml_opt_out_feedback_and_video_address(tmp_path: Path) -> None:
    xml = (FORMATS / "31c3-schedule.xml").read_text()
    event = xml.index("<title>31C3 Opening Event</title>")
    changed = (
        xml[:event]
        + "<feedback_url>https://frab.example/feedback/6561</feedback_url>"
        + "<video_download_url>https://cdn.example/6561.mp4</video_download_url>"
        + xml[event:]
    ).replace("<optout>false</optout>", "<optout>true</optout>", 1)
    path = tmp_path / "schedule.xml"
    path.write_text(changed)
    opening = next(s for s in load_schedule(path).sessions if s.title == "31C3 Opening Event")
    assert opening.not_recorded
    assert opening.feedback_url == "https://frab.example/feedback/6561"
    assert [link.url for _, link in opening.media] == ["https://cdn.example/6561.mp4"]


def test_a_do_not_record_that_is_not_true_or_false_is_refused(tmp_path: Path) -> None:
    document = json.loads(MEDIA.read_text())
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Ada"][0]
    event["do_not_record"] = 7
    with pytest.raises(ScheduleError) as raised:
        load_schedule(write(tmp_path, document))
    message = str(raised.value)
    assert "schedule.json" in message
    assert "rooms['Ada'][0].do_not_record" in message and "expected true or false" in message


def test_only_sessions_not_recorded_can_be_shown(congress: Schedule) -> None:
    made = choices(congress.sessions, congress.room_place)
    assert ("Will not be recorded (1)", ("unrecorded", None)) in made.kind_or_track_options()
    chosen = Filter().choose(("unrecorded", None))
    assert [s.slug for s in chosen.apply(congress.sessions, lambda s: False)] == [
        "mediacon-2-workshop"
    ]
    assert chosen.describe() == "Not recorded"
    assert not chosen.choose(("all", None)).active


def test_a_recording_that_appears_is_a_change(congress: Schedule) -> None:
    radio = by_slug(congress, "mediacon-5-closing")
    video = Paper("Video", "https://media.ccc.de/v/mediacon-5-closing", note="media")
    later = Schedule(
        congress.conference,
        tuple(replace(s, links=(video,)) if s is radio else s for s in congress.sessions),
    )
    (change,) = compare(congress, later)
    assert [(f.name, f.old, f.new) for f in change.fields] == [
        ("recording", "none", "https://media.ccc.de/v/mediacon-5-closing")
    ]


# What is on now


def test_now_groups_mine_first_then_rooms_in_order(congress: Schedule) -> None:
    opening = by_slug(congress, "mediacon-1-opening")
    now = datetime(2031, 12, 27, 10, 40, tzinfo=BERLIN)
    levels = {by_slug(congress, "mediacon-3-radio").id: Interest.MAYBE}
    groups = on_now(congress, now, timedelta(hours=1), levels, congress.room_place)
    assert [group.heading for group in groups] == ["☆ Maybe", "Main Hall"]
    assert [item.session.slug for item in groups[0].items] == ["mediacon-3-radio"]
    assert not groups[0].items[0].running
    assert groups[0].items[0].until(now) == timedelta(minutes=20)
    assert groups[1].items[0].session == opening and groups[1].items[0].running
    # The workshop in Ada ended at 10:30; Lab starts at 12:00, after the hour.
    wider = on_now(congress, now, timedelta(hours=2), {}, congress.room_place)
    assert [group.heading for group in wider] == ["Main Hall", "Borg", "Lab"]


def test_durations_read_as_a_clock_would() -> None:
    assert duration_text(timedelta(minutes=25)) == "25 min"
    assert duration_text(timedelta(minutes=59, seconds=1)) == "1 h"
    assert duration_text(timedelta(hours=2, minutes=5)) == "2 h 5 min"
    assert duration_text(timedelta(seconds=-5)) == "0 min"


def test_a_person_s_role_given_later_reads_as_the_role(builtin: Schedule) -> None:
    ashe = builtin.person("John W. Ashe")
    without_roles = replace(
        builtin.conference,
        people=tuple(p for p in builtin.conference.people if p.name != ashe.name),
    )
    before = Schedule(without_roles, builtin.sessions)
    changes = compare(before, builtin)
    assert {change.session.id for change in changes} == {
        s.id for s in builtin.sessions if ashe.name in s.chairs
    }
    field = changes[0].fields[0]
    assert (field.name, field.old, field.new) == ("people", "John W. Ashe", ashe.title)

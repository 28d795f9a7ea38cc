"""Programme files are untrusted: every loader keeps their text inert and their work bounded."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hldtui.bounds import MAX_DAYS, MAX_FILE_BYTES
from hldtui.exports.c3voc import to_c3voc
from hldtui.model import Schedule
from hldtui.sources import ScheduleError, load_schedule
from tests.hostile import (
    ESCAPES,
    MARKUP,
    XML_ESCAPES,
    json_programme,
    strings_in,
    xml_programme,
    yaml_programme,
)
from tests.unit.test_text import FORBIDDEN

DATA = Path(__file__).parent.parent / "data"
Writer = Callable[[Path, str], Path]
FORMATS: dict[str, tuple[Writer, str]] = {
    "yaml": (yaml_programme, ESCAPES),
    "json": (json_programme, ESCAPES),
    "xml": (xml_programme, XML_ESCAPES),
}


def refused(path: Path) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        load_schedule(path)
    assert caught.value.path == path
    return caught.value


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_control_character_survives_loading(tmp_path: Path, name: str) -> None:
    write, payload = FORMATS[name]
    schedule = load_schedule(write(tmp_path / f"hostile.{name}", payload))
    texts = list(strings_in(schedule))
    assert len(texts) > 15
    for text in texts:
        assert not any(char in text for char in FORBIDDEN), repr(text)
    title = schedule.sessions[0].title or ""
    assert ("␛]52;c;" if name != "xml" else "\ufffd2J") in title
    assert "evil" in title


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_markup_in_a_file_is_kept_as_text(tmp_path: Path, name: str) -> None:
    write, _ = FORMATS[name]
    url = "https://example.org/[@click=app.quit]x[/]"
    schedule = load_schedule(write(tmp_path / f"markup.{name}", MARKUP, url))
    session = schedule.sessions[0]
    assert schedule.conference.title == MARKUP
    assert session.title == MARKUP
    assert session.room == MARKUP
    assert session.papers[0].url == url


@pytest.mark.parametrize("bomb", ["[a](" * 100_000, "[" * 100_000, "*" * 100_000])
@pytest.mark.parametrize("name", ["yaml", "json"])
def test_backtracking_bombs_load_within_a_second(tmp_path: Path, name: str, bomb: str) -> None:
    write, _ = FORMATS[name]
    path = write(tmp_path / f"bomb.{name}", bomb)
    began = time.process_time()
    schedule = load_schedule(path)
    assert time.process_time() - began < 1.0
    assert len(schedule.sessions[0].description) <= 20_001


def test_a_device_a_fifo_and_a_directory_are_refused(tmp_path: Path) -> None:
    assert "not a regular file" in refused(Path("/dev/zero")).message
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    began = time.process_time()
    assert "not a regular file" in refused(fifo).message
    assert time.process_time() - began < 1
    assert "this is a directory" in refused(tmp_path).message


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "larger than 64 MB" in refused(huge).message


def test_a_conference_spanning_two_centuries_is_refused(tmp_path: Path) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    span = tmp_path / "span.yaml"
    span.write_text(
        text.replace("start: 2024-05-06\n", "start: 1900-01-01\n").replace(
            "end: 2024-05-07", "end: 2099-12-31"
        ),
        encoding="utf-8",
    )
    error = refused(span)
    assert "spans 73,049 days, 1900-01-01 to 2099-12-31" in error.message
    assert f"at most {MAX_DAYS} days" in error.message


def test_days_far_apart_make_a_span_bomb_in_json(tmp_path: Path) -> None:
    document = json.loads((DATA / "formats" / "merged.json").read_text(encoding="utf-8"))
    days = document["schedule"]["conference"]["days"]
    days[0]["date"] = "1900-01-01"
    days.append({"index": 2, "date": "2099-12-31", "rooms": {}})
    path = tmp_path / "far.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    error = refused(path)
    assert "spans 73,049 days" in error.message
    assert error.field == "conference"


def test_nested_xml_elements_do_not_multiply_events(tmp_path: Path) -> None:
    event = (
        "<event guid='g{n}'><date>2024-05-06T10:00:00+02:00</date><start>10:00</start>"
        "<duration>00:30</duration><title>T{n}</title></event>"
    )
    nested = "".join(
        f"<day date='2024-05-06'><room name='R'>{event.format(n=n)}" for n in range(50)
    )
    nested += "</room></day>" * 50
    path = tmp_path / "nested.xml"
    path.write_text(
        "<schedule><conference><title>N</title><time_zone_name>Europe/Zurich</time_zone_name>"
        f"</conference>{nested}</schedule>",
        encoding="utf-8",
    )
    schedule = load_schedule(path)
    assert [session.id for session in schedule.sessions] == ["g0"]


def test_twenty_thousand_events_sharing_a_guid_load_in_linear_time(tmp_path: Path) -> None:
    events = [
        {
            "guid": "same",
            "date": f"2024-05-06T{9 + n % 10:02d}:{n % 60:02d}:00+02:00",
            "start": "09:00",
            "duration": "00:10",
            "title": f"Event {n}",
        }
        for n in range(20_000)
    ]
    document = {
        "schedule": {
            "conference": {
                "title": "Same guid",
                "time_zone_name": "Europe/Zurich",
                "days": [{"date": "2024-05-06", "rooms": {"A": events}}],
            }
        }
    }
    path = tmp_path / "same.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    began = time.process_time()
    schedule = load_schedule(path)
    assert time.process_time() - began < 5
    assert len(schedule.sessions) == 20_000
    assert len({session.id for session in schedule.sessions}) == 20_000
    assert {"same", "same~2", "same~20000"} <= {session.id for session in schedule.sessions}


def test_a_five_thousand_digit_number_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "number.json"
    path.write_text('{"schedule": {"version": ' + "9" * 5000 + "}}", encoding="utf-8")
    assert "cannot read" in refused(path).message


def merged_with(tmp_path: Path, **fields: str) -> Path:
    document = json.loads((DATA / "formats" / "merged.json").read_text(encoding="utf-8"))
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Saal 1"][0]
    event.update(fields)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"duration": "99999:00"}, "`99999:00` is longer than 60 days."),
        ({"duration": "9" * 5000 + ":00"}, "is not a duration such as 00:45"),
        ({"date": "0001-01-01T00:00:00+05:00"}, "0001-01-01 is outside the years"),
        ({"date": "9999-12-31T23:00:00-05:00"}, "9999-12-31 is outside the years"),
    ],
)
def test_overflowing_durations_and_dates_are_refused(
    tmp_path: Path, fields: dict[str, str], expected: str
) -> None:
    error = refused(merged_with(tmp_path, **fields))
    assert expected in error.message
    assert error.field.startswith("schedule.conference.days[0].rooms['Saal 1'][0].")


@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31"])
def test_dates_near_year_1_and_9999_are_refused_in_yaml_and_xml(tmp_path: Path, when: str) -> None:
    yaml_file = tmp_path / "far.yaml"
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("end: 2024-05-07", f"end: {when}"), encoding="utf-8")
    assert f"{when} is outside the years hldtui reads" in refused(yaml_file).message
    xml_file = tmp_path / "far.xml"
    xml_file.write_text(
        f"<schedule><conference><title>X</title></conference><day date='{when}'/></schedule>",
        encoding="utf-8",
    )
    error = refused(xml_file)
    assert f"{when} is outside the years hldtui reads" in error.message
    assert error.field == "day[1]@date"


def test_a_zone_name_over_255_bytes_is_refused(tmp_path: Path) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "zone.yaml"
    path.write_text(text.replace("Europe/Zurich", "Europe/" + "A" * 300), encoding="utf-8")
    error = refused(path)
    assert "is not a known time zone" in error.message
    assert len(error.message) < 200


def test_messages_quote_file_values_short_and_inert(tmp_path: Path) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "kind.yaml"
    bad_kind = '"\\e]0;pwned\\a' + "x" * 500 + '"'
    path.write_text(text.replace("kind: opening", f"kind: {bad_kind}"), encoding="utf-8")
    error = refused(path)
    assert "\x1b" not in str(error)
    assert "unknown kind `␛]0;pwned␇xxx" in error.message
    assert len(error.message) < 300


@pytest.fixture
def exported(builtin: Schedule) -> dict:
    return to_c3voc(builtin)


def extension_file(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "exported.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def first_session_extra(document: dict) -> dict:
    return next(iter(document["schedule"]["hldtui"]["sessions"].values()))


@pytest.mark.parametrize(
    ("change", "where", "expected"),
    [
        (
            lambda d: first_session_extra(d)["papers"].append(
                {"title": "p", "url": "javascript:alert(1)", "publisher": "", "note": ""}
            ),
            ".papers[0].url",
            "`javascript:alert(1)` is not an http(s) address.",
        ),
        (
            lambda d: first_session_extra(d)["links"].append(
                {"title": "p", "url": "file:///etc/passwd", "publisher": "", "note": ""}
            ),
            ".links[0].url",
            "`file:///etc/passwd` is not an http(s) address.",
        ),
        (
            lambda d: d["schedule"]["hldtui"]["conference"].update(id="../../etc/cron.d/x"),
            "conference.id",
            "`../../etc/cron.d/x` is not an id",
        ),
        (
            lambda d: d["schedule"]["hldtui"]["conference"].update(id=["a", "list"]),
            "conference.id",
            "expected text.",
        ),
        (
            lambda d: first_session_extra(d).update(id=7),
            ".id",
            "expected text.",
        ),
        (
            lambda d: d["schedule"]["hldtui"]["conference"]["sources"][0].update(title=12),
            "conference.sources[0].title",
            "expected text.",
        ),
        (
            lambda d: first_session_extra(d)["provenance"].update(inferred=["everything"]),
            ".provenance.inferred",
            "`everything` cannot be marked inferred.",
        ),
    ],
    ids=["javascript", "file", "path-id", "list-id", "number-id", "number-title", "inferred"],
)
def test_the_hldtui_extension_is_validated(
    tmp_path: Path, exported: dict, change: Callable[[dict], None], where: str, expected: str
) -> None:
    change(exported)
    error = refused(extension_file(tmp_path, exported))
    assert error.message == expected or expected in error.message
    assert error.field.startswith("schedule.hldtui.")
    assert error.field.endswith(where)

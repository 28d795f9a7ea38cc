"""Mutated schedules of every format: each loader returns a model or raises ScheduleError.

HLDTUI_FUZZ_EXAMPLES sets how many examples each test runs (benchmarks/fuzz.py runs 10,000).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from copy import deepcopy
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hldtui.bounds import MAX_DAYS
from hldtui.model import Schedule
from hldtui.sources import ScheduleError, load_schedule
from tests.hostile import strings_in
from tests.unit.test_text import FORBIDDEN

DATA = Path(__file__).parent.parent / "data"
SEEDS = {
    "yaml": [DATA / "minimal.yaml"],
    "json": [DATA / "formats" / "merged.json", DATA / "formats" / "democon-schedule.json"],
    "xml": [DATA / "formats" / "pentabarf-fosdem-style.xml", DATA / "formats" / "wafer-style.xml"],
    "ics": [
        DATA / "real-shapes" / "calendar-quirks.ics",
        DATA / "real-shapes" / "calendar-named-zone.ics",
        DATA / "formats" / "pyconuk2015-schedule.ics",
    ],
}
EXAMPLES = int(os.environ.get("HLDTUI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The short runs in the test suite see the same examples every time, so CI is repeatable;
    # the long runs of benchmarks/fuzz.py explore new ones.
    derandomize=EXAMPLES <= 1000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["", "25:99", "2013-02-30T10:00", "99:99:99", "-01:00", "now", "UTC+99:00"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
# What an attacker writes: deep nesting, huge numbers, the first and last years, runs of
# Markdown that make patterns backtrack, terminal escapes, far-apart dates.
HOSTILE_VALUES = st.one_of(
    # Markers for what no serialiser writes (deep nesting, integers of thousands of digits):
    # hostile_text puts them into the file as raw text.
    st.integers(2, 3000).map(lambda depth: f"NESTED{depth}"),
    st.integers(4300, 6000).map(lambda digits: f"DIGITS{digits}"),
    st.sampled_from(
        [
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
            "0001-01-01",
            "9999-12-31",
            "1900-01-01",
            "2099-12-31",
            "99999:00",
            "[a](" * 3000,
            "[" * 10_000,
            "*" * 10_000,
            "<a" + "b" * 10_000,
            "\x1b]52;c;ZXZpbA==\x07\x1b]0;t\x07\x1b[2J\x9b\u202e",
            "[@click=app.quit]x[/]",
            "javascript:alert(1)",
            "../../x",
        ]
    ),
)
_MARKER = re.compile(r"[\"']?(NESTED|DIGITS)(\d+)[\"']?")


def hostile_text(text: str) -> str:
    def raw(marker: re.Match[str]) -> str:
        size = int(marker.group(2))
        return "[" * size + "]" * size if marker.group(1) == "NESTED" else "9" * size

    return _MARKER.sub(raw, text)


def assert_loads_or_fails_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "schedule"
        path.write_bytes(data)
        began = time.perf_counter()
        try:
            schedule = load_schedule(path)
        except ScheduleError as error:
            assert error.path == path
            assert error.message
            assert not any(char in str(error) for char in FORBIDDEN)
        else:
            assert isinstance(schedule, Schedule)
            assert len(schedule.days) <= MAX_DAYS
            for text in strings_in(schedule):
                assert not any(char in text for char in FORBIDDEN), repr(text)
        assert time.perf_counter() - began < 5


def seed_bytes(kind: str, index: int) -> bytes:
    seeds = SEEDS[kind]
    return seeds[index % len(seeds)].read_bytes()


@FUZZ
@given(
    kind=st.sampled_from(sorted(SEEDS)),
    index=st.integers(0, 9),
    cut=st.floats(0, 1),
    noise=st.binary(max_size=12),
    where=st.floats(0, 1),
)
def test_truncated_and_garbled_bytes(
    kind: str, index: int, cut: float, noise: bytes, where: float
) -> None:
    data = seed_bytes(kind, index)
    data = data[: int(len(data) * cut)]
    at = int(len(data) * where)
    assert_loads_or_fails_cleanly(data[:at] + noise + data[at:])


@FUZZ
@given(
    kind=st.sampled_from(sorted(SEEDS)),
    index=st.integers(0, 9),
    encoding=st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"]),
)
def test_odd_encodings(kind: str, index: int, encoding: str) -> None:
    text = seed_bytes(kind, index).decode("utf-8")
    assert_loads_or_fails_cleanly(text.encode(encoding, errors="replace"))


def _mutate(node: Any, path: list[int], value: Any, delete: bool) -> Any:
    """Replace (or delete) the node that ``path`` picks among containers' children."""
    if not path or not isinstance(node, dict | list) or not node:
        return value
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    key = keys[path[0] % len(keys)]
    if len(path) == 1 and delete:
        del node[key]
        return node
    node[key] = _mutate(node[key], path[1:], value, delete)
    return node


@FUZZ
@given(
    index=st.integers(0, 9),
    path=st.lists(st.integers(0, 50), min_size=1, max_size=9),
    value=ODD_VALUES,
    delete=st.booleans(),
)
def test_structured_json_mutations(index: int, path: list[int], value: Any, delete: bool) -> None:
    document = json.loads(seed_bytes("json", index))
    mutated = _mutate(document, path, value, delete)
    assert_loads_or_fails_cleanly(json.dumps(mutated, allow_nan=True).encode())


@FUZZ
@given(
    path=st.lists(st.integers(0, 50), min_size=1, max_size=6),
    value=ODD_VALUES,
    delete=st.booleans(),
)
def test_structured_yaml_mutations(path: list[int], value: Any, delete: bool) -> None:
    document = yaml.safe_load(seed_bytes("yaml", 0))
    mutated = _mutate(document, path, value, delete)
    assert_loads_or_fails_cleanly(yaml.safe_dump(mutated, allow_unicode=True).encode())


@FUZZ
@given(
    index=st.integers(0, 9),
    pick=st.integers(0, 10_000),
    text=st.one_of(st.text(max_size=20), ODD_VALUES.map(str)),
    action=st.sampled_from(["text", "remove", "attribute"]),
)
def test_structured_xml_mutations(index: int, pick: int, text: str, action: str) -> None:
    root = ElementTree.fromstring(seed_bytes("xml", index))
    elements = list(root.iter())
    target = elements[pick % len(elements)]
    if action == "text":
        target.text = text
    elif action == "attribute":
        for name in list(target.attrib) or ["date"]:
            target.set(name, text)
    else:
        parents = {child: parent for parent in root.iter() for child in parent}
        if target in parents:
            parents[target].remove(target)
        else:
            root.clear()
    assert_loads_or_fails_cleanly(ElementTree.tostring(root, encoding="utf-8"))


@FUZZ
@given(
    kind=st.sampled_from(["json", "yaml"]),
    index=st.integers(0, 9),
    path=st.lists(st.integers(0, 50), min_size=1, max_size=9),
    value=HOSTILE_VALUES,
)
def test_hostile_values_anywhere(kind: str, index: int, path: list[int], value: Any) -> None:
    if kind == "json":
        document = json.loads(seed_bytes("json", index))
        data = json.dumps(_mutate(document, path, value, False))
    else:
        document = yaml.safe_load(seed_bytes("yaml", 0))
        data = yaml.safe_dump(_mutate(document, path, value, False), allow_unicode=True)
    assert_loads_or_fails_cleanly(hostile_text(data).encode())


@FUZZ
@given(
    index=st.integers(0, 9),
    pick=st.integers(0, 10_000),
    depth=st.integers(1, 40),
    text=st.sampled_from(["\x9b2J\u202e", "[@click=app.quit]x[/]", "9" * 5000, "0001-01-01"]),
)
def test_nested_and_hostile_xml(index: int, pick: int, depth: int, text: str) -> None:
    """Elements nested inside copies of themselves, and hostile text in any element."""
    root = ElementTree.fromstring(seed_bytes("xml", index))
    elements = list(root.iter())
    elements[pick % len(elements)].text = text
    for element in elements:
        if element.tag in ("day", "room", "event"):
            nested = deepcopy(element)
            for _ in range(depth):
                wrapper = ElementTree.Element(element.tag, element.attrib)
                wrapper.append(nested)
                nested = wrapper
            element.append(nested)
            break
    assert_loads_or_fails_cleanly(ElementTree.tostring(root, encoding="utf-8"))


@FUZZ
@given(kind=st.sampled_from(["json", "yaml"]), first=st.dates(), last=st.dates())
def test_span_bombs(kind: str, first: Any, last: Any) -> None:
    if kind == "json":
        document = json.loads(seed_bytes("json", 0))
        conference = document["schedule"]["conference"]
        conference["start"], conference["end"] = first.isoformat(), last.isoformat()
        data = json.dumps(document)
    else:
        document = yaml.safe_load(seed_bytes("yaml", 0))
        document["conference"]["start"], document["conference"]["end"] = first, last
        data = yaml.safe_dump(document, allow_unicode=True)
    assert_loads_or_fails_cleanly(data.encode())


@FUZZ
@given(
    index=st.integers(0, 9),
    line=st.integers(0, 10_000),
    text=st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "DTSTART:00010101T000000Z",
                "DTSTART;TZID=Mars/Base:20240101T100000",
                "DTEND:19000101T000000",
                "RRULE:FREQ=SECONDLY",
                "RRULE:FREQ=DAILY;UNTIL=99991231",
                "DURATION:P9999W",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "X-WR-TIMEZONE:Nowhere/Land",
                "SUMMARY:\x1b]0;pwned\x07[@click=app.quit]x[/]",
            ]
        ),
    ),
    action=st.sampled_from(["replace", "insert", "delete"]),
)
def test_calendar_line_mutations(index: int, line: int, text: str, action: str) -> None:
    lines = seed_bytes("ics", index).decode("utf-8").split("\n")
    at = line % len(lines)
    if action == "replace":
        lines[at] = text
    elif action == "insert":
        lines.insert(at, text)
    else:
        del lines[at]
    assert_loads_or_fails_cleanly("\n".join(lines).encode("utf-8"))

"""How a session is written: one set of words for the detail, `show`, Markdown and the
calendar."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from hldtui.model import Interest, Schedule
from hldtui.present import (
    FIELD_ALIGN,
    NOT_GIVEN,
    day_label,
    day_shift,
    long_day,
    named_time,
    plain_description,
    session_fields,
    session_sections,
    session_text,
    time_range,
)

NEW_YORK, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")


def test_days_and_times(builtin: Schedule) -> None:
    rt2 = builtin.get("thu-rt2")
    assert day_label(rt2.day) == "Thu 3 Oct"
    assert long_day(rt2.day) == "Thursday 3 October 2013"
    assert time_range(rt2, NEW_YORK) == "15:00–18:00"
    assert named_time(rt2, NEW_YORK) == "15:00–18:00 EDT"


def test_another_day_is_written_one_way(builtin: Schedule) -> None:
    rt2 = builtin.get("thu-rt2")
    assert day_shift(rt2, TOKYO) == 1
    assert time_range(rt2, TOKYO) == "04:00–07:00 (+1d)"
    assert time_range(rt2, TOKYO, shift=False) == "04:00–07:00"


def test_fields_say_what_the_programme_does_not_give_and_what_is_inferred(
    builtin: Schedule,
) -> None:
    fields = {field.label: field for field in session_fields(builtin.get("thu-rt1"), NEW_YORK)}
    assert list(fields)[:5] == ["Day", "Time", "Kind", "Room", "Chairs"]
    assert fields["Room"].value == NOT_GIVEN and not fields["Room"].given
    assert fields["Time"].inferred
    assert fields["Time"].line() == "Time: 10:00–13:00 EDT (America/New_York) (inferred)"
    assert fields["Time"].line(FIELD_ALIGN) == (
        "Time:     10:00–13:00 EDT (America/New_York) (inferred)"
    )
    assert "There" not in fields, "the venue's zone is the one shown"
    in_tokyo = [field.label for field in session_fields(builtin.get("thu-rt1"), TOKYO)]
    assert in_tokyo[:3] == ["Day", "Time", "There"]
    without_time = [field.label for field in session_fields(builtin.get("thu-rt1"), None)]
    assert without_time[:2] == ["Kind", "Room"]


def test_a_round_table_has_its_theme_before_what_it_was_about(builtin: Schedule) -> None:
    assert [h for h, _ in session_sections(builtin.get("thu-rt1"))] == ["Theme", "About"]
    assert [h for h, _ in session_sections(builtin.get("fri-panel"))] == ["About"]


def test_show_and_the_calendar_say_the_same_things(builtin: Schedule) -> None:
    session = builtin.get("thu-rt1")
    shown = session_text(
        session, NEW_YORK, Interest.ATTEND, "My note text", title_of=builtin.title_of
    )
    described = plain_description(session, "My note text", builtin.title_of)
    for field in session_fields(session, None, builtin.title_of):
        assert field.line(FIELD_ALIGN) in shown
        assert field.line() in described
    for heading, text in session_sections(session):
        assert f"{heading}:\n{text}" in shown
        assert f"{heading}: {text}" in described
    assert shown.startswith(f"{session.display_title}  ★ Will attend")
    assert "My note:\nMy note text" in shown and "My note: My note text" in described
    opening = plain_description(builtin.get("thu-opening"), "", builtin.title_of)
    assert "Chairs: John W. Ashe, President of the General Assembly" in opening

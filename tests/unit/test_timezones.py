"""Time zones and clock overrides."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hldtui.timezones import local_zone, parse_moment, zone_name, zone_named

NEW_YORK = ZoneInfo("America/New_York")


def test_parse_moment_in_the_conference_zone() -> None:
    moment = parse_moment("2013-10-03T15:30", NEW_YORK)
    assert moment == datetime(2013, 10, 3, 15, 30, tzinfo=NEW_YORK)


def test_parse_moment_with_an_offset_is_converted() -> None:
    moment = parse_moment("2013-10-03T19:30+00:00", NEW_YORK)
    assert (moment.hour, moment.minute, moment.tzname()) == (15, 30, "EDT")


def test_parse_moment_rejects_other_text() -> None:
    with pytest.raises(ValueError, match="is not an ISO date and time"):
        parse_moment("half past three", NEW_YORK)


def test_zone_named() -> None:
    assert zone_named("Europe/Zurich").key == "Europe/Zurich"
    with pytest.raises(ValueError, match="`Mars/Olympus` is not a known time zone"):
        zone_named("Mars/Olympus")


def test_geneva_keeps_swiss_time() -> None:
    assert zone_named("Europe/Geneva").key == "Europe/Zurich"


def test_a_near_miss_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="such as America/New_York"):
        zone_named("America/New York")


def test_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert str(local_zone()) == "Asia/Tokyo"


def test_zone_name() -> None:
    moment = datetime(2013, 10, 3, 9, tzinfo=NEW_YORK)
    assert zone_name(NEW_YORK, moment) == "EDT (America/New_York)"
    assert zone_name(ZoneInfo("Europe/Zurich"), moment) == "CEST (Europe/Zurich)"
    assert zone_name(ZoneInfo("UTC"), moment) == "UTC"


def test_a_pretended_time_runs_on_from_where_it_starts() -> None:
    import time
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from hldtui.timezones import running_from

    start = datetime(2013, 10, 3, 14, 48, tzinfo=ZoneInfo("America/New_York"))
    clock = running_from(start)
    first = clock()
    time.sleep(0.02)
    later = clock()
    assert start <= first < later < start + timedelta(seconds=5)

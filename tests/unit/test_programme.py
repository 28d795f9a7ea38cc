"""A programme's life, with a real HTTP server on 127.0.0.1: every command sets the version
seen the first time, changes are found by any later command and stay until marked seen,
and the parsed copy is rebuilt whenever it cannot be trusted."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hldtui.changes import ChangeKind
from hldtui.cli import main
from hldtui.model import Interest
from hldtui.programme import Programme
from hldtui.sources import load_schedule
from hldtui.sources.parsed import ParsedCache, decode, digest_of, encode, entry_key
from hldtui.store import cache_dir
from tests.unit.test_changes import CAMP, edited

FORMATS = Path(__file__).parents[1] / "data" / "formats"
CONGRESS = FORMATS / "31c3-schedule.xml"
OPENING = "Opening Ceremony"


def serve(httpserver: HTTPServer, data: bytes) -> str:
    httpserver.clear()
    httpserver.expect_request("/camp.json").respond_with_data(data)
    return httpserver.url_for("/camp.json")


def changes_json(url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    main(["--schedule", url, "changes", "--json"])
    return json.loads(capsys.readouterr().out)["changes"]


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--day", "2019-08-21"],
        ["show", "10386"],
        ["search", "badge"],
        ["now"],
        ["export", "json"],
        ["export", "markdown"],
    ],
    ids=lambda command: "-".join(command[:2]),
)
def test_any_command_sets_the_version_seen_and_changes_finds_what_came_after(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    main(["--schedule", url, *command])
    url = serve(httpserver, edited())
    kinds = {change["change"] for change in changes_json(url, capsys)}
    assert kinds == {"new", "moved", "changed", "cancelled"}


def test_a_change_between_two_lists_is_reported_until_marked_seen(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    assert main(["--schedule", url, "list", "--day", "2019-08-21"]) == 0
    assert "11:00–11:30" in capsys.readouterr().out
    url = serve(httpserver, edited())
    assert main(["--schedule", url, "list", "--day", "2019-08-21"]) == 0
    assert "12:00–12:30" in capsys.readouterr().out, "list shows the new time"
    moved = [c for c in changes_json(url, capsys) if c["change"] == "moved"]
    assert [c["title"] for c in moved] == [OPENING]
    assert moved[0]["was"] == [
        {"field": "time", "old": "Wed 21 Aug 11:00–11:30", "new": "Wed 21 Aug 12:00–12:30"}
    ]
    assert len(changes_json(url, capsys)) == 4, "opening never marks anything seen"
    assert main(["--schedule", url, "changes", "--seen"]) == 0
    assert changes_json(url, capsys) == []
    assert main(["--schedule", url, "changes"]) == 1


def test_changes_can_be_limited_to_your_sessions_and_the_choice_is_kept(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    main(["--schedule", url, "list"])
    url = serve(httpserver, edited())
    assert main(["--schedule", url, "changes", "--notices", "mine"]) == 1
    assert "No change to your ★/☆ sessions since you last looked (4 to others)." in (
        capsys.readouterr().out
    )
    programme = Programme.open(url)
    opening = next(s for s in programme.schedule.sessions if s.display_title == OPENING)
    programme.store.set_level(opening.id, Interest.ATTEND)
    found = changes_json(url, capsys)
    assert [c["title"] for c in found] == [OPENING], "the setting is kept"
    assert main(["--schedule", url, "changes", "--notices", "all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["changes"]) == 4


def test_changes_to_sessions_still_to_come_leave_out_those_that_ended(
    httpserver: HTTPServer,
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    Programme.open(url)
    url = serve(httpserver, edited())
    programme = Programme.open(url)
    everything = programme.changes
    programme.set_notices(programme.notices.COMING)
    first_day_over = datetime.fromisoformat("2019-08-22T04:00:00+02:00")
    coming = programme.noticed_changes(first_day_over)
    assert len(coming) < len(everything)
    assert all(change.session.end > first_day_over for change in coming)


def test_a_second_open_reads_the_parsed_copy_and_a_bad_one_is_rebuilt(
    httpserver: HTTPServer,
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    first = Programme.open(url)
    entry = first.path.parent / "parsed.json"
    assert not entry.exists(), "kept only once the programme is shown"
    first.keep_parsed()
    header, table, head, *sessions = entry.read_text(encoding="utf-8").splitlines()
    assert json.loads(header)["key"] == entry_key(digest_of(CAMP.read_bytes()), None)
    assert Programme.open(url, offline=True).schedule == first.schedule
    lines = [header, table, head, *sessions]
    assert _with_a_bad_time(sessions[0]) != sessions[0]
    damaged = [
        b"not json at all",
        b'{"key": "someone else\'s"}\n' + "\n".join(lines[1:]).encode(),
        "\n".join([header, "[1, 2, 3]", head, *sessions]).encode(),
        "\n".join([header, table, head, _with_a_bad_time(sessions[0]), *sessions[1:]]).encode(),
        "\n".join([header, table, head, "{}"]).encode(),
        "\n".join([header, table]).encode(),
        header.encode(),
        b"",
    ]
    for content in damaged:
        entry.write_bytes(content)
        again = Programme.open(url, offline=True)
        again.keep_parsed()
        assert again.schedule == first.schedule, content[:40]
        kept = json.loads(entry.read_text(encoding="utf-8").splitlines()[0])
        assert kept["key"] == json.loads(header)["key"], "made anew"


def test_a_large_local_file_is_kept_parsed_and_a_small_one_is_not(tmp_path: Path) -> None:
    congress = tmp_path / "31c3.xml"
    congress.write_bytes(CONGRESS.read_bytes())
    small = tmp_path / "democon.json"
    small.write_bytes((FORMATS / "democon-schedule.json").read_bytes())
    assert main(["--schedule", str(congress), "list", "--day", "2014-12-27"]) == 0
    assert main(["--schedule", str(small), "list"]) == 0
    entries = list((cache_dir() / "parsed").iterdir())
    assert len(entries) == 1, "a command keeps it when it is done"
    assert Programme.open(str(congress)).schedule == load_schedule(congress)
    congress.write_bytes(CONGRESS.read_bytes().replace(b"Opening Event", b"Opening Events"))
    changed = Programme.open(str(congress))
    changed.keep_parsed()
    reread = changed.schedule
    assert any(s.display_title == "31C3 Opening Events" for s in reread.sessions), "not stale"
    assert len(list((cache_dir() / "parsed").iterdir())) == 1, "one entry per file"


def test_every_programme_comes_back_from_its_parsed_form_as_it_was() -> None:
    paths = [
        None,
        *sorted(FORMATS.glob("*.*")),
        *sorted((FORMATS.parent / "real-shapes").glob("*")),
    ]
    for path in paths:
        if path is not None and path.suffix == ".json" and "schema" in path.name:
            continue
        schedule = load_schedule(path)
        back = decode(encode(schedule))
        assert back == schedule, path
        assert [s.start.tzinfo for s in back.sessions] == [
            s.start.tzinfo for s in schedule.sessions
        ], path
        assert back.days == schedule.days


def test_a_parsed_entry_that_cannot_be_read_is_no_entry(tmp_path: Path) -> None:
    cache = ParsedCache(tmp_path / "entry.json")
    assert cache.get("key") is None
    (tmp_path / "entry.json").write_bytes(b"\xff\xfe garbage")
    assert cache.get("key") is None
    (tmp_path / "entry.json").write_bytes(b"[" * 100_000)
    assert cache.get("key") is None, "deeply nested"


def test_the_comparison_reads_no_seen_copy_larger_than_any_programme(
    httpserver: HTTPServer,
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    programme = Programme.open(url)
    seen = programme._seen.folder(url) / "seen"
    (seen.parent / "seen.sha256").unlink()
    with seen.open("r+b") as handle:
        handle.truncate(65 * 2**20)
    assert Programme.open(url).changes == ()


def test_an_unchanged_programme_is_known_by_its_digest_without_reading_the_copy_seen(
    httpserver: HTTPServer,
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    programme = Programme.open(url)
    seen = programme._seen.folder(url) / "seen"
    assert (seen.parent / "seen.sha256").read_text() == hashlib.sha256(
        CAMP.read_bytes()
    ).hexdigest()
    seen.write_bytes(b"unreadable")
    assert Programme.open(url).changes == ()
    url = serve(httpserver, edited())
    assert Programme.open(url).changes == (), "a seen copy that is no programme gives no changes"


def test_a_moved_session_is_moved_whatever_else_changed(httpserver: HTTPServer) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    Programme.open(url)
    document = json.loads(edited())
    events = next(iter(document["schedule"]["conference"]["days"][0]["rooms"].values()))
    events[0]["title"] = "Opening, later"
    url = serve(httpserver, json.dumps(document).encode())
    moved = next(c for c in Programme.open(url).changes if c.kind is ChangeKind.MOVED)
    assert [field.name for field in moved.fields] == ["title"]


def _with_a_bad_time(line: str) -> str:
    return line.replace("T11:00:00", "not a time", 1)


def test_other_commands_say_on_stderr_that_the_programme_changed(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = serve(httpserver, CAMP.read_bytes())
    main(["--schedule", url, "list"])
    assert "changed since you last looked" not in capsys.readouterr().err
    url = serve(httpserver, edited())
    assert main(["--schedule", url, "list", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["sessions"], "stdout stays as it is for scripts"
    assert (
        "hldtui: 4 sessions changed since you last looked, 0 of yours: `hldtui changes` says "
        "what changed." in captured.err
    )


def test_a_version_is_marked_seen_only_while_its_file_still_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "camp.json"
    path.write_bytes(CAMP.read_bytes())
    Programme.open(str(path))
    path.write_bytes(edited())
    programme = Programme.open(str(path))
    assert programme.changes
    # The file changes again while the programme is shown: what was read is not what the
    # file holds, so it cannot be taken as seen.
    path.write_bytes(CAMP.read_bytes().replace(b"Camp", b"Kamp"))
    with pytest.raises(OSError, match="has changed since it was read"):
        programme.mark_seen()
    assert programme.changes
    path.write_bytes(edited())
    programme.mark_seen()
    assert Programme.open(str(path)).changes == ()

"""The commands for sharing and catalogues, against a real server on 127.0.0.1 serving a
made-up catalogue and programmes: listing, opening an entry by its id in its zone,
sharing a plan as a link and a QR code, taking it in elsewhere, and pretalx favourites."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytest_httpserver import HTTPServer

from hldtui.cli import main
from hldtui.model import Interest
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore
from tests.unit.test_share import giggity_part, image_of_ansi

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def served(httpserver: HTTPServer) -> Iterator[str]:
    """The catalogue's address; it lists three programmes served beside it, one entry
    with a bad link and one left out."""
    for name in ("31c3-schedule.xml", "democon-schedule.json", "pyconuk2015-schedule.ics"):
        httpserver.expect_request(f"/{name}").respond_with_data((FORMATS / name).read_bytes())
    catalogue = {
        "version": 1,
        "schedules": [
            {
                "id": "ccc_31c3",
                "url": httpserver.url_for("/31c3-schedule.xml"),
                "title": "31C3",
                "start": "2014-12-27",
                "end": "2014-12-30",
                "timezone": "Europe/Berlin",
                "refresh_interval": 1800,
                "metadata": {
                    "links": [
                        {"url": "https://events.ccc.de/congress/2014/", "title": "Website"},
                        {"url": "javascript:alert(1)", "title": "Trap"},
                    ],
                    "rooms": [{"name": "Saal [12]", "latlon": [53.5626, 9.987]}],
                },
            },
            {
                "id": "democon",
                "url": httpserver.url_for("/democon-schedule.json"),
                "title": "DemoCon",
                "start": "2024-10-09",
                "end": "2024-10-10",
                "timezone": "Europe/Berlin",
            },
            {"id": "broken entry", "url": "x", "title": "x", "start": "x", "end": "x"},
        ],
    }
    httpserver.expect_request("/menu.json").respond_with_data(json.dumps(catalogue))
    yield httpserver.url_for("/menu.json")


def test_the_catalogue_is_listed_and_kept(capsys: pytest.CaptureFixture[str], served: str) -> None:
    status, out, err = run(capsys, "catalogue", "--catalogue", served, "--json")
    assert status == 0
    listed = json.loads(out)
    assert [e["id"] for e in listed] == ["democon", "ccc_31c3"]
    assert listed[1]["timezone"] == "Europe/Berlin" and listed[1]["state"] == "over"
    assert "schedules[2].id: `broken entry` is not an id. The entry is left out." in err
    assert "schedules[0].metadata.links[1].url" in err
    # Kept: the next command needs no --catalogue.
    status, out, _ = run(capsys, "catalogue", "31c3")
    assert status == 0
    assert " ".join(out.split()) == "over 2014-12-27 – 2014-12-30 ccc_31c3 31C3 (Europe/Berlin)"
    status, _, err = run(capsys, "catalogue", "nothing-like-it")
    assert status == 1 and "no entries matching “nothing-like-it”" in err


def test_an_entry_opens_by_its_id_in_its_zone(
    capsys: pytest.CaptureFixture[str], served: str
) -> None:
    run(capsys, "catalogue", "--catalogue", served)
    status, out, err = run(capsys, "list", "--schedule", "ccc_31c3", "--day", "2014-12-27")
    assert status == 0
    # The file gives only offsets; the catalogue names the zone, so no --zone is needed.
    assert out.splitlines()[0].startswith("Sat 27 Dec  11:00–11:30 CET  TALK")
    assert "no time zone" not in err
    status, _, err = run(capsys, "list", "--schedule", "fosdem_1999")
    assert status == 2
    assert "has no entry `fosdem_1999` (hldtui catalogue lists its entries)" in err


def test_an_id_without_a_catalogue_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "list", "--schedule", "fosdem_2026")
    assert status == 2
    assert "no file `fosdem_2026`, and no catalogue is set" in err and "--catalogue" in err
    status, _, err = run(capsys, "catalogue")
    assert status == 2 and "no catalogue is set" in err
    status, _, err = run(capsys, "catalogue", "--catalogue", "/nowhere/menu.json")
    assert status == 2 and "`/nowhere/menu.json` is not a file or an address" in err


def star(data_dir: Path, schedule_path: Path, ids: dict[int, Interest], hidden: int) -> list[str]:
    schedule = load_schedule(schedule_path)
    store = FavouritesStore(data_dir, schedule.conference.id)
    for place, level in ids.items():
        store.set_level(schedule.sessions[place].id, level)
    store.set_hidden(schedule.sessions[hidden].id, True)
    return [s.id for s in schedule.sessions]


def test_share_then_import_in_a_fresh_data_folder(
    capsys: pytest.CaptureFixture[str],
    served: str,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = star(data_dir, FORMATS / "31c3-schedule.xml", {0: Interest.ATTEND, 5: Interest.MAYBE}, 7)
    run(capsys, "catalogue", "--catalogue", served)
    status, out, _ = run(capsys, "share", "--schedule", "ccc_31c3", "--json")
    assert status == 0
    shared = json.loads(out)
    assert shared["see"] == ["6561", "6443"] and shared["maybe"] == ["6443"]
    assert shared["del"] == ["6447"]
    link = shared["link"]
    image = tmp_path / "plan.png"
    status, out, _ = run(capsys, "share", "--schedule", "ccc_31c3", "--qr", "--qr-png", str(image))
    assert status == 0 and out.splitlines()[0] == link
    assert [found.text for found in zxingcpp.read_barcodes(Image.open(image))] == [link]
    # The code printed for a terminal: black on white whatever its theme.
    assert "\x1b[38;2;0;0;0;48;2;255;255;255m" in out
    drawn = out.splitlines()[1:]
    assert [f.text for f in zxingcpp.read_barcodes(image_of_ansi(drawn))] == [link]

    monkeypatch.setenv("HLDTUI_DATA_DIR", str(tmp_path / "phone"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "phone-cache"))
    status, out, _ = run(capsys, "import", "link", link)
    assert status == 0
    assert "Merged: matched 3 of the 3 sessions the link names." in out
    status, out, _ = run(
        capsys,
        "list",
        "--favourites",
        "--json",
        "--schedule",
        served.replace("menu.json", "31c3-schedule.xml"),
    )
    levels = {s["id"]: s["interest"] for s in json.loads(out)["sessions"]}
    assert levels == {ids[0]: "attend", ids[5]: "maybe"}
    store = FavouritesStore(tmp_path / "phone", "31c3")
    assert store.hidden == frozenset({ids[7]})


def test_import_asks_scripts_to_say_merge_or_replace(
    capsys: pytest.CaptureFixture[str], served: str, data_dir: Path
) -> None:
    address = served.replace("menu.json", "31c3-schedule.xml")
    schedule = load_schedule(FORMATS / "31c3-schedule.xml")
    mine = schedule.sessions[3]
    FavouritesStore(data_dir, "31c3").set_level(mine.id, Interest.ATTEND)
    link = (
        f"https://ggt.gaa.st/#url={address.replace(':', '%3A').replace('/', '%2F')}"
        f"&see={giggity_part([6561, 'no-such-talk'])}"
    )
    status, _, err = run(capsys, "import", "link", link)
    assert status == 2 and "give --merge (add the link's) or --replace" in err
    status, out, _ = run(capsys, "import", "link", link, "--merge")
    assert status == 0
    assert "matched 1 of the 2 sessions the link names" in out
    assert "Not matched (no session of this programme has the id):\n  selected: no-such-talk" in out
    assert FavouritesStore(data_dir, "31c3").level(mine.id) is Interest.ATTEND
    status, out, _ = run(capsys, "import", "link", link, "--replace")
    assert status == 0 and out.startswith("Replaced your plan")
    assert FavouritesStore(data_dir, "31c3").levels == {schedule.sessions[0].id: Interest.ATTEND}


def test_a_bad_link_is_refused_naming_the_part(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(
        capsys, "import", "link", "https://ggt.gaa.st/#url=https%3A%2F%2Fa.b&see=AAAA"
    )
    assert status == 2
    assert err == "hldtui: cannot import the link\n  see: it is not zlib-compressed data.\n"


def test_a_local_file_has_no_link_to_share(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "share", "--schedule", str(FORMATS / "31c3-schedule.xml"))
    assert status == 2 and out == ""
    assert "is read from a file, not an address, so there is no link to share" in err
    assert "`hldtui export ics`" in err
    status, _, err = run(capsys, "share")
    assert status == 2 and err.startswith("hldtui: The built-in programme is read from a file")


def test_pretalx_favourites_are_starred_by_code(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    schedule_path = FORMATS / "democon-schedule.json"
    status, out, _ = run(
        capsys,
        "import",
        "ics",
        str(FORMATS / "democon-faved.ics"),
        "--schedule",
        str(schedule_path),
    )
    assert status == 0
    assert out.splitlines()[0] == "Matched 2 of 4 events."
    assert (
        "pretalx-democon-ZZZZZZ@pretalx.example.org: no talk in this programme has its code" in out
    )
    assert "`otherconf`, not of this one" in out
    schedule = load_schedule(schedule_path)
    starred = FavouritesStore(data_dir, schedule.conference.id).levels
    titles = {schedule.get(key).title for key in starred}  # type: ignore[union-attr]
    assert titles == {"Focused 5thgeneration hardware", "Quality-focused 6thgeneration website"}
    assert set(starred.values()) == {Interest.ATTEND}


def test_hldtuis_own_calendars_still_import(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    FavouritesStore(data_dir, "hld2013").set_level("thu-rt1", Interest.MAYBE)
    status, out, _ = run(capsys, "export", "ics")
    assert status == 0
    FavouritesStore(data_dir, "hld2013").set_level("thu-rt1", None)
    calendar = data_dir.parent / "mine.ics"
    calendar.write_text(out)
    status, out, _ = run(capsys, "import", "ics", str(calendar))
    assert status == 0 and "☆ thu-rt1" in out


def test_the_qr_code_fits_a_file_as_png(
    capsys: pytest.CaptureFixture[str], served: str, tmp_path: Path
) -> None:
    run(capsys, "catalogue", "--catalogue", served)
    target = tmp_path / "code.png"
    target.write_bytes(b"old")
    status, _, err = run(capsys, "share", "--schedule", "democon", "--qr-png", str(target))
    assert status == 2 and "exists and was left as it is" in err
    status, _, _ = run(capsys, "share", "--schedule", "democon", "--qr-png", str(target), "--force")
    assert status == 0
    assert Image.open(io.BytesIO(target.read_bytes())).format == "PNG"

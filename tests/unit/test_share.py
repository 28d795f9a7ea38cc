"""Share links: written as Giggity 3.0 writes them, read back whether hldtui or Giggity's
rules made them, refused with a message naming the part when hostile, and taken into a
plan by merging or replacing. QR codes of them decode back to the link."""

from __future__ import annotations

import base64
import io
import json
import re
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from hldtui.model import Interest, Schedule
from hldtui.plan import Plan
from hldtui.programme import Programme
from hldtui.qr import QRError, ansi_rows, cell_rows, png_bytes
from hldtui.share import (
    MAX_IDS,
    LinkError,
    SharedPlan,
    is_share_link,
    matched,
    read_link,
    share_id,
    shared_plan,
    take,
)
from hldtui.sources import load_schedule
from hldtui.store import FavouritesStore

FORMATS = Path(__file__).parents[1] / "data" / "formats"
ADDRESS = "https://schedule.example.org/31c3/schedule.xml"


def giggity_part(ids: list[int | str]) -> str:
    """A list of ids packed by Giggity's rules, written here from the rules alone."""
    data = json.dumps(ids).encode()
    return base64.urlsafe_b64encode(zlib.compress(data)).decode().rstrip("=")


@pytest.fixture(scope="module")
def congress() -> Schedule:
    return load_schedule(FORMATS / "31c3-schedule.xml")


def plan_of(schedule: Schedule, data_dir: Path) -> Plan:
    return Plan(schedule, FavouritesStore(data_dir, schedule.conference.id))


def test_a_plan_is_written_as_giggity_writes_it(congress: Schedule, data_dir: Path) -> None:
    plan = plan_of(congress, data_dir)
    first, second, third = congress.sessions[:3]
    plan.set_level(first.id, Interest.ATTEND)
    plan.set_level(second.id, Interest.MAYBE)
    plan.set_hidden(third.id, True)
    link = shared_plan(plan, ADDRESS).link
    assert link.startswith(f"https://ggt.gaa.st/#url={quote(ADDRESS, safe='')}&see=")
    fields = dict(part.split("=", 1) for part in link.split("#", 1)[1].split("&"))
    assert set(fields) == {"url", "see", "maybe", "del"}
    unpack = lambda text: json.loads(zlib.decompress(base64.urlsafe_b64decode(text + "==")))  # noqa: E731
    # Frab event ids are all digits: Giggity writes them as numbers.
    assert unpack(fields["see"]) == [int(first.event_id), int(second.event_id)]
    assert unpack(fields["maybe"]) == [int(second.event_id)]
    assert unpack(fields["del"]) == [int(third.event_id)]
    assert "=" not in fields["see"] and "+" not in link and "/" not in fields["see"]


def test_a_link_made_by_giggitys_rules_imports(congress: Schedule) -> None:
    """Ids as numbers and strings, a guid among them, one that no session has."""
    opening = congress.sessions[0]
    keynote = congress.sessions[1]
    link = (
        f"https://ggt.gaa.st/#url={quote(ADDRESS, safe='')}"
        f"&see={giggity_part([int(opening.event_id), keynote.guid, 'gone-999'])}"
        f"&del={giggity_part(['0042'])}"
    )
    shared = read_link(link)
    assert shared.address == ADDRESS
    assert shared.see == (opening.event_id, keynote.guid, "gone-999")
    assert shared.maybe == ()
    taken = matched(shared, congress)
    assert taken.levels == {opening.id: Interest.ATTEND, keynote.id: Interest.ATTEND}
    assert taken.unmatched == [("see", "gone-999"), ("del", "0042")]


def test_share_then_read_gives_the_same_plan(congress: Schedule, data_dir: Path) -> None:
    plan = plan_of(congress, data_dir)
    for session in congress.sessions[:5]:
        plan.set_level(session.id, Interest.ATTEND)
    for session in congress.sessions[5:8]:
        plan.set_level(session.id, Interest.MAYBE)
    plan.set_hidden(congress.sessions[9].id, True)
    link = shared_plan(plan, ADDRESS).link
    other = plan_of(congress, data_dir / "elsewhere")
    take(other, matched(read_link(link), congress), replace=False)
    assert dict(other.levels) == dict(plan.levels)
    assert other.hidden == plan.hidden


def test_merge_keeps_your_own_and_replace_does_not(congress: Schedule, data_dir: Path) -> None:
    plan = plan_of(congress, data_dir)
    mine, shared_one, hidden = congress.sessions[0], congress.sessions[1], congress.sessions[2]
    plan.set_level(mine.id, Interest.MAYBE)
    plan.set_level(shared_one.id, Interest.MAYBE)
    plan.set_hidden(hidden.id, True)
    plan.set_note(mine.id, "keep me")
    shared = SharedPlan(ADDRESS, see=(share_id(shared_one),))
    change = take(plan, matched(shared, congress), replace=False)
    assert plan.level(mine.id) is Interest.MAYBE
    assert plan.level(shared_one.id) is Interest.MAYBE, "a merge keeps the level you gave"
    assert not change.levels
    change = take(plan, matched(shared, congress), replace=True)
    assert dict(plan.levels) == {shared_one.id: Interest.ATTEND}
    assert plan.hidden == frozenset()
    assert plan.note(mine.id) == "keep me", "notes are not part of a plan shared"
    assert change.levels and change.hidden
    assert {mine.id, shared_one.id, hidden.id} <= change.sessions


def test_the_id_giggity_knows(congress: Schedule, builtin: Schedule) -> None:
    assert share_id(congress.sessions[0]) == congress.sessions[0].event_id
    # The built-in programme gives no file ids: its own ids stand.
    assert share_id(builtin.sessions[0]) == builtin.sessions[0].id


@pytest.mark.parametrize(
    ("link", "part", "message"),
    [
        ("", "link", "not a share link"),
        ("ftp://ggt.gaa.st/#url=x", "link", "not a share link"),
        ("https://ggt.gaa.st/", "link", "not a share link"),
        ("https://ggt.gaa.st/#see=AAAA", "url", "names no programme address"),
        ("https://ggt.gaa.st/#url=file%3A%2F%2F%2Fetc%2Fpasswd", "url", "not an http"),
        ("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fx&url=https%3A%2F%2Fc.d", "url", "twice"),
        ("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fx&see=%%%%", "see", "not URL-safe base64"),
        ("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fx&see=AAAA", "see", "not zlib"),
        ("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fx\x1b[2J", "link", "control characters"),
        ("https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%0A%2Fx", "url", "not an http"),
    ],
)
def test_a_bad_link_is_refused_naming_the_part(link: str, part: str, message: str) -> None:
    with pytest.raises(LinkError) as raised:
        read_link(link)
    assert raised.value.part == part
    assert message in raised.value.message


def packed_link(data: bytes, name: str = "see") -> str:
    part = base64.urlsafe_b64encode(zlib.compress(data, 9)).decode().rstrip("=")
    return f"https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fs.xml&{name}={part}"


@pytest.mark.parametrize(
    ("data", "part", "message"),
    [
        (b"{}", "see", "not unpack to a list"),
        (b"not json", "see", "not unpack to JSON"),
        (b"\xff\xfe", "see", "not unpack to JSON"),
        (b"[true]", "see[0]", "a number or a string"),
        (b"[[1]]", "see[0]", "a number or a string"),
        (b'[""]', "see[0]", "is not an id"),
        (json.dumps(["x" * 201]).encode(), "see[0]", "is not an id"),
        (b"[" + b"9" * 5000 + b"]", "see", "not unpack to JSON"),
        (b"[" * 100_000, "see", "not unpack to JSON"),
        (json.dumps(list(range(MAX_IDS + 1))).encode(), "see", "at most 20,000"),
        (b" " * (3 * 1024 * 1024), "see", "more than 2 MB"),
    ],
)
def test_hostile_lists_are_refused(data: bytes, part: str, message: str) -> None:
    with pytest.raises(LinkError) as raised:
        read_link(packed_link(data))
    assert raised.value.part == part
    assert message in raised.value.message


def test_a_compression_bomb_stops_at_the_cap() -> None:
    """32 MB of zeros packs to 32 KB; reading stops after 2 MB of it."""
    bomb = zlib.compress(b"0" * (32 * 1024 * 1024), 9)
    part = base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(LinkError, match="more than 2 MB"):
        read_link(f"https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fs&see={part}")


def test_cut_data_and_a_stray_maybe_are_refused() -> None:
    whole = base64.urlsafe_b64decode(giggity_part([1, 2, 3]) + "==")
    cut = base64.urlsafe_b64encode(whole[:-4]).decode().rstrip("=")
    with pytest.raises(LinkError, match="cut short"):
        read_link(f"https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fs&see={cut}")
    with pytest.raises(LinkError) as raised:
        read_link(
            f"https://ggt.gaa.st/#url=https%3A%2F%2Fa.b%2Fs&see={giggity_part([1])}"
            f"&maybe={giggity_part([2])}"
        )
    assert raised.value.part == "maybe"


def test_an_overlong_link_is_refused() -> None:
    with pytest.raises(LinkError, match="at most 65,536"):
        read_link("https://ggt.gaa.st/#url=" + "a" * 70_000)


def test_share_links_are_recognised_when_pasted() -> None:
    assert is_share_link(f"  https://ggt.gaa.st/#url={quote(ADDRESS, safe='')}\n")
    assert not is_share_link("round table 2")
    assert not is_share_link("https://example.org/page#section")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300)
    | st.builds(
        lambda data, name: packed_link(data, name),
        st.binary(max_size=400),
        st.sampled_from(["see", "del", "maybe"]),
    )
    | st.builds(
        lambda fragment: f"https://ggt.gaa.st/#{fragment}",
        st.text(alphabet="url=see&del%2F3Aab:/-_", max_size=200),
    )
)
def test_the_link_reader_never_fails_otherwise(link: str) -> None:
    try:
        shared = read_link(link)
    except LinkError as error:
        assert error.part and error.message
    else:
        assert shared.address.startswith(("http://", "https://", "webcal://"))
        assert all(0 < len(key) <= 200 for key in shared.see + shared.hidden)


def decode_image(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image)]


ANSI_RUN = re.compile(r"\x1b\[38;2;(\d+);\d+;\d+;48;2;(\d+);\d+;\d+m(▀+)")


def image_of_ansi(lines: list[str]) -> Image.Image:
    """Lines of coloured upper half blocks as a terminal draws them, 4 pixels a module:
    each cell's upper half in the foreground colour, its lower half in the background."""
    scale = 4
    rows = [
        [(int(fore), int(back), len(cells)) for fore, back, cells in ANSI_RUN.findall(line)]
        for line in lines
    ]
    width = sum(count for _, _, count in rows[0])
    image = Image.new("L", (width * scale, len(rows) * 2 * scale), 128)
    for y, row in enumerate(rows):
        x = 0
        for fore, back, count in row:
            for half, shade in ((0, fore), (1, back)):
                top = (2 * y + half) * scale
                image.paste(shade, (x * scale, top, (x + count) * scale, top + scale))
            x += count
    return image


def test_the_qr_code_decodes_back_to_the_link(congress: Schedule, data_dir: Path) -> None:
    plan = plan_of(congress, data_dir)
    for session in congress.sessions[:40]:
        plan.set_level(session.id, Interest.ATTEND)
    link = shared_plan(plan, ADDRESS).link
    rows = cell_rows(link)
    # The quiet zone: two rows of light cells above and below, four columns at each side.
    for row in (rows[0], rows[1], rows[-2]):
        assert row == [(row[0][0], False, False)]
    assert all(row[0][0] >= 4 and not (row[0][1] or row[0][2]) for row in rows)
    assert all(row[-1][0] >= 4 and not (row[-1][1] or row[-1][2]) for row in rows)
    drawn = ansi_rows(link)
    assert " " not in "".join(drawn), "no cell is a space"
    assert decode_image(image_of_ansi(drawn)) == [link]
    assert decode_image(Image.open(io.BytesIO(png_bytes(link)))) == [link]


def test_a_link_too_long_for_a_qr_code_says_so() -> None:
    with pytest.raises(QRError, match="more than a QR code holds"):
        cell_rows("https://ggt.gaa.st/#url=" + "x" * 8000)


def test_a_programme_read_already_has_no_address_to_share(builtin: Schedule) -> None:
    assert Programme.of(builtin).address == ""

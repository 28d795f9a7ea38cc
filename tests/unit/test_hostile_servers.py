"""Servers that answer to do harm: bombs, trickles, lying headers, redirects anywhere.
Each fetch ends in bounded time and memory with a message, and a good kept copy stays."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from hldtui.sources.remote import (
    META_FILE,
    Limits,
    ProgrammeCache,
    RemoteError,
    open_address,
)
from tests.hostile_server import HostileServer, hostile_server, respond

__all__ = ["hostile_server"]

FORMATS = Path(__file__).parents[1] / "data" / "formats"
PROGRAMME = (FORMATS / "31c3-schedule.xml").read_bytes()
QUICK = Limits(timeout=2.0, deadline=1.5)


def check(data: bytes) -> object:
    from hldtui.sources import parse_schedule

    return parse_schedule(data, "download")


@pytest.fixture
def cache(tmp_path: Path) -> ProgrammeCache:
    return ProgrammeCache(tmp_path / "cache")


def fetch(url: str, cache: ProgrammeCache, limits: Limits = QUICK):
    return open_address(url, check, cache=cache, limits=limits)


def refused(url: str, cache: ProgrammeCache, limits: Limits = QUICK) -> str:
    began = time.monotonic()
    with pytest.raises(RemoteError) as raised:
        fetch(url, cache, limits)
    assert time.monotonic() - began < limits.deadline + 1.5
    return raised.value.message


def keep_good_copy(server: HostileServer, path: str, cache: ProgrammeCache) -> str:
    """Serve the programme once, so that a copy of it is kept, then ``path`` answers as
    the test sets it up."""
    server.answer(path, lambda request: respond(PROGRAMME, headers={"ETag": '"v1"'}))
    url = server.url(path)
    assert fetch(url, cache).offline_reason == ""
    return url


def bomb(layers: int, coding: str) -> bytes:
    body = b"\0" * (200 * 2**20)
    for _ in range(layers):
        body = gzip.compress(body, 9) if coding == "gzip" else zlib.compress(body, 9)
    return body


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_stacked_compression_is_refused_without_unpacking(
    hostile_server: HostileServer, cache: ProgrammeCache, coding: str
) -> None:
    body = bomb(2, coding)
    assert len(body) < 1_000_000
    hostile_server.answer(
        "/p", lambda request: respond(body, headers={"Content-Encoding": f"{coding}, {coding}"})
    )
    tracemalloc.start()
    message = refused(hostile_server.url("/p"), cache)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "compressed 2 times" in message and "compressed once" in message
    assert peak < 50 * 2**20


def test_one_bomb_stops_at_the_size_limit_as_it_unpacks(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    body = bomb(1, "gzip")
    hostile_server.answer("/p", lambda request: respond(body, headers={"Content-Encoding": "gzip"}))
    tracemalloc.start()
    message = refused(hostile_server.url("/p"), cache, Limits(deadline=20))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "larger than 64 MB" in message
    assert peak < 200 * 2**20


def trickle(where: str) -> Iterator[bytes | float]:
    if where == "headers":
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 100:
            yield bytes([byte])
            yield 0.2
    yield b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
    for _ in range(1000):
        yield b"<"
        yield 0.2


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_trickling_server_meets_the_deadline_and_the_kept_copy_is_used(
    hostile_server: HostileServer, cache: ProgrammeCache, where: str
) -> None:
    url = keep_good_copy(hostile_server, "/p", cache)
    hostile_server.answer("/p", lambda request: trickle(where))
    began = time.monotonic()
    opened = fetch(url, cache)
    assert time.monotonic() - began < QUICK.deadline + 1
    assert "did not finish its answer within 1.5 seconds" in opened.offline_reason
    assert opened.copy.path.read_bytes() == PROGRAMME


def test_a_fetch_is_stopped_at_once_when_cancelled(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    hostile_server.answer("/p", lambda request: trickle("body"))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    began = time.monotonic()
    message = refused(hostile_server.url("/p"), cache, Limits(deadline=60, cancel=cancel))
    assert time.monotonic() - began < 1.5
    assert message == "the fetch was stopped."


@pytest.mark.parametrize(
    "headers",
    [
        {"ETag": '"é-v1"'},
        {"Last-Modified": "Sat, 27 Déc 2014 10:00:00 GMT"},
        {"ETag": '"' + "x" * 5000 + '"'},
    ],
)
def test_validators_that_cannot_be_sent_back_are_not_kept(
    hostile_server: HostileServer, cache: ProgrammeCache, headers: dict[str, str]
) -> None:
    hostile_server.answer("/p", lambda request: respond(PROGRAMME, headers=headers))
    url = hostile_server.url("/p")
    first = fetch(url, cache)
    assert (first.copy.etag, first.copy.last_modified) == ("", "")
    again = fetch(url, cache)
    assert again.offline_reason == "" and again.checked is not None
    assert not {"if-none-match", "if-modified-since"} & set(hostile_server.requests[-1])


def test_validators_damaged_in_the_kept_record_are_not_sent(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    url = keep_good_copy(hostile_server, "/p", cache)
    record = cache.folder(url) / META_FILE
    meta = json.loads(record.read_text())
    record.write_text(json.dumps({**meta, "etag": "\u00e9\n", "fetched_at": "yesterday"}))
    assert fetch(url, cache, Limits(deadline=5)).offline_reason == ""
    assert "if-none-match" not in hostile_server.requests[-1]


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("data:text/plain,hello", "redirects to a `data:` address"),
        ("javascript:alert(1)", "redirects to a `javascript:` address"),
        ("file:///etc/passwd", "redirects to a `file:` address"),
        ("ftp://127.0.0.1/p", "redirects to a `ftp:` address"),
        ("http://[::1", "redirects to something that is not an address"),
        ("http://" + "a" * 300 + ".example/", "is not the name of a server"),
    ],
)
def test_redirects_lead_only_to_web_addresses(
    hostile_server: HostileServer, cache: ProgrammeCache, location: str, message: str
) -> None:
    hostile_server.answer(
        "/p", lambda request: respond(b"", "302 Found", headers={"Location": location})
    )
    assert message in refused(hostile_server.url("/p"), cache)


def test_a_redirect_to_another_port_is_followed_only_on_the_first_fetch(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    elsewhere = HostileServer()
    try:
        elsewhere.answer("/q", lambda request: respond(PROGRAMME))
        hostile_server.answer(
            "/p",
            lambda request: respond(b"", "301 Moved", headers={"Location": elsewhere.url("/q")}),
        )
        url = hostile_server.url("/p")
        assert fetch(url, cache).checked is not None
        later = fetch(url, cache)
        assert f"now redirects to another server (127.0.0.1:{elsewhere.port})" in (
            later.offline_reason
        )
        assert later.copy.path.read_bytes() == PROGRAMME
        assert len(elsewhere.requests) == 1
    finally:
        elsewhere.stop()


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("http://[::1", "this is not a web address"),
        ("https://example.org/" + "x" * 70_000, "the address is 70,020 characters long"),
        ("https://" + "a" * 300 + ".example/", "is not the name of a server"),
        ("https://exa mple.org/", "spaces or control characters"),
        ("http://", "`(none)` is not the name of a server"),
    ],
)
def test_typed_addresses_are_checked_before_use(
    cache: ProgrammeCache, address: str, message: str
) -> None:
    assert message in refused(address, cache)


def test_a_304_with_nothing_kept_is_said_as_it_is(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    hostile_server.answer("/p", lambda request: respond(b"", "304 Not Modified"))
    assert "304 Not Modified, though nothing was kept" in refused(hostile_server.url("/p"), cache)


def test_a_damaged_kept_copy_is_fetched_again_whole(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    url = keep_good_copy(hostile_server, "/p", cache)
    hostile_server.answer(
        "/p",
        lambda request: (
            respond(b"", "304 Not Modified") if "if-none-match" in request else respond(PROGRAMME)
        ),
    )
    (cache.folder(url) / "programme").write_bytes(b"\0damaged")
    opened = fetch(url, cache)
    assert opened.offline_reason == "" and opened.checked is not None
    assert opened.copy.path.read_bytes() == PROGRAMME
    assert "if-none-match" not in hostile_server.requests[-1]


def test_a_damaged_record_is_set_aside_and_the_copy_still_used_offline(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    url = keep_good_copy(hostile_server, "/p", cache)
    record = cache.folder(url) / META_FILE
    record.write_bytes(b"{" * 100_000)
    opened = open_address(url, check, cache=cache, offline=True)
    assert opened.offline_reason == "--offline"
    assert f"it was moved to {record}.damaged" in opened.note
    assert opened.copy.fetched_at == "" and not record.exists()


def test_a_download_is_shown_when_its_copy_cannot_be_written(
    hostile_server: HostileServer, cache: ProgrammeCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_server.answer("/p", lambda request: respond(PROGRAMME))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("hldtui.sources.remote.write_atomically", refuse)
    opened = fetch(hostile_server.url("/p"), cache)
    assert opened.checked is not None and opened.data == PROGRAMME
    assert "no copy of it could be kept" in opened.note and "Permission denied" in opened.note


def test_temporary_files_of_killed_saves_are_removed_once_old(
    hostile_server: HostileServer, cache: ProgrammeCache
) -> None:
    url = keep_good_copy(hostile_server, "/p", cache)
    folder = cache.folder(url)
    old, new = folder / ".programme-old.tmp", folder / ".programme-new.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    hostile_server.answer("/p", lambda request: respond(PROGRAMME))
    fetch(url, cache)
    assert not old.exists() and new.exists()


def test_the_progress_line_draws_in_place_on_a_terminal(hostile_server: HostileServer) -> None:
    body = PROGRAMME + b"<!--" + b"x" * (3 * 2**20) + b"-->"

    def slowly(request: dict[str, str]) -> Iterator[bytes | float]:
        yield next(respond(b"")).replace(
            b"Content-Length: 0", f"Content-Length: {len(body)}".encode()
        )
        for start in range(0, len(body), 2**16):
            yield body[start : start + 2**16]
            yield 0.01

    hostile_server.answer("/big.xml", slowly)
    leader, follower = os.openpty()
    command = [sys.executable, "-m", "hldtui", "--schedule", hostile_server.url("/big.xml"), "list"]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    written = b""
    while True:
        try:
            piece = os.read(leader, 65536)
        except OSError:
            break
        if not piece:
            break
        written += piece
    assert process.wait(60) == 0
    os.close(leader)
    text = written.decode("utf-8")
    size = f"{len(body) / 2**20:.1f} MB"
    assert f"\rhldtui: fetching the programme… {size} of {size}\r\x1b[K" in text
    assert "␍" not in text and "␛" not in text
    assert text.count("fetching") <= 40

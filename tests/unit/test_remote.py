"""Programmes opened by address, against a real HTTP server on 127.0.0.1: what is kept,
what is asked again, and that nothing the user had is ever lost."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from hldtui.cli import main
from hldtui.sources.remote import Limits, ProgrammeCache, RemoteError, open_address

FORMATS = Path(__file__).parents[1] / "data" / "formats"
PROGRAMME = (FORMATS / "31c3-schedule.xml").read_bytes()
OTHER = (FORMATS / "camp2019-schedule.json").read_bytes()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProgrammeCache:
    directory = tmp_path / "cache"
    monkeypatch.setattr("hldtui.sources.remote.cache_dir", lambda: directory)
    return ProgrammeCache(directory)


def check(data: bytes) -> None:
    from hldtui.sources import parse_schedule

    parse_schedule(data, "download")


def test_a_programme_is_fetched_kept_and_asked_for_again_with_its_etag(
    httpserver: HTTPServer, cache: ProgrammeCache
) -> None:
    url = httpserver.url_for("/schedule.xml")
    httpserver.expect_ordered_request("/schedule.xml").respond_with_data(
        PROGRAMME, headers={"ETag": '"v1"'}
    )
    httpserver.expect_ordered_request(
        "/schedule.xml", headers={"If-None-Match": '"v1"'}
    ).respond_with_data("", status=304)
    first = open_address(url, check, cache=cache)
    assert first.copy.path.read_bytes() == PROGRAMME and first.copy.etag == '"v1"'
    again = open_address(url, check, cache=cache)
    assert again.offline_reason == "" and again.copy.path.read_bytes() == PROGRAMME
    httpserver.check_assertions()


def test_last_modified_is_sent_back_and_a_changed_programme_replaces_the_copy(
    httpserver: HTTPServer, cache: ProgrammeCache
) -> None:
    url = httpserver.url_for("/p")
    stamp = "Sat, 27 Dec 2014 10:00:00 GMT"
    httpserver.expect_ordered_request("/p").respond_with_data(
        PROGRAMME, headers={"Last-Modified": stamp}
    )
    httpserver.expect_ordered_request("/p", headers={"If-Modified-Since": stamp}).respond_with_data(
        OTHER
    )
    open_address(url, check, cache=cache)
    assert open_address(url, check, cache=cache).copy.path.read_bytes() == OTHER
    httpserver.check_assertions()


@pytest.mark.parametrize(
    ("respond", "reason"),
    [
        (lambda s: s.respond_with_data("nope", status=404), "the server answered 404 NOT FOUND"),
        (lambda s: s.respond_with_data("oops", status=500), "the server answered 500"),
        (
            lambda s: s.respond_with_data(
                "<!DOCTYPE html><html><body>Error</body></html>", content_type="text/html"
            ),
            "it gave a web page (HTML), not a programme",
        ),
        (lambda s: s.respond_with_data(b"garbage \x00 bytes"), "what it gave is not a programme"),
        (lambda s: s.respond_with_data(PROGRAMME[: len(PROGRAMME) // 2]), "not a programme"),
    ],
)
def test_bad_answers_are_refused_with_the_reason(
    httpserver: HTTPServer, cache: ProgrammeCache, respond, reason: str
) -> None:
    respond(httpserver.expect_request("/bad"))
    with pytest.raises(RemoteError) as caught:
        open_address(httpserver.url_for("/bad"), check, cache=cache)
    assert reason.lower() in caught.value.message.lower()
    assert cache.read(httpserver.url_for("/bad")) is None


def test_a_bad_answer_later_keeps_the_good_copy(
    httpserver: HTTPServer, cache: ProgrammeCache
) -> None:
    url = httpserver.url_for("/p")
    httpserver.expect_ordered_request("/p").respond_with_data(PROGRAMME)
    httpserver.expect_ordered_request("/p").respond_with_data("<html>maintenance</html>")
    httpserver.expect_ordered_request("/p").respond_with_data("broken", status=200)
    open_address(url, check, cache=cache)
    html = open_address(url, check, cache=cache)
    assert "web page" in html.offline_reason and html.copy.path.read_bytes() == PROGRAMME
    broken = open_address(url, check, cache=cache)
    assert "not a programme" in broken.offline_reason
    assert broken.copy.path.read_bytes() == PROGRAMME


def test_gzip_is_understood(httpserver: HTTPServer, cache: ProgrammeCache) -> None:
    httpserver.expect_request("/z").respond_with_data(
        gzip.compress(PROGRAMME), headers={"Content-Encoding": "gzip"}
    )
    assert open_address(httpserver.url_for("/z"), check, cache=cache).copy.path.read_bytes() == (
        PROGRAMME
    )


def test_an_oversized_answer_is_refused(httpserver: HTTPServer, cache: ProgrammeCache) -> None:
    httpserver.expect_request("/big").respond_with_data(PROGRAMME)
    with pytest.raises(RemoteError, match="larger than"):
        open_address(httpserver.url_for("/big"), check, cache=cache, limits=Limits(max_bytes=1000))


def test_a_slow_server_and_a_redirect_loop_fall_back_to_the_copy(
    httpserver: HTTPServer, cache: ProgrammeCache
) -> None:
    url = httpserver.url_for("/p")
    httpserver.expect_ordered_request("/p").respond_with_data(PROGRAMME)

    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(PROGRAMME)

    httpserver.expect_ordered_request("/p").respond_with_handler(slow)
    open_address(url, check, cache=cache)
    late = open_address(url, check, cache=cache, limits=Limits(timeout=0.2))
    assert "did not answer within 0.2 seconds" in late.offline_reason
    assert late.copy.path.read_bytes() == PROGRAMME
    loop = httpserver.url_for("/loop")
    httpserver.expect_oneshot_request("/loop").respond_with_data(PROGRAMME)
    open_address(loop, check, cache=cache)
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": loop})
    looping = open_address(loop, check, cache=cache)
    assert "redirects more than 5 times" in looping.offline_reason
    assert looping.copy.path.read_bytes() == PROGRAMME


def test_the_cli_opens_an_address_and_works_offline(
    cache: ProgrammeCache, capsys: pytest.CaptureFixture[str]
) -> None:
    # A server of its own, to stop: the shared one serves the other tests.
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    url = server.url_for("/schedule.xml")
    server.expect_request("/schedule.xml").respond_with_data(PROGRAMME)
    assert main(["--schedule", url, "list", "--day", "2014-12-27"]) == 0
    assert "31C3 Opening Event" in capsys.readouterr().out
    server.clear()
    server.stop()
    assert main(["--schedule", url, "--offline", "list", "--day", "2014-12-27"]) == 0
    captured = capsys.readouterr()
    assert "31C3 Opening Event" in captured.out
    assert "hldtui: using the programme as of" in captured.err
    assert "(offline: --offline)." in captured.err
    assert main(["--schedule", url, "list"]) == 0, "no network: the kept copy is used"
    assert "offline:" in capsys.readouterr().err
    status = main(["--schedule", "http://127.0.0.1:9/nothing.xml", "list"])
    captured = capsys.readouterr()
    assert status == 2
    assert "http://127.0.0.1:9/nothing.xml" in captured.err
    assert "the server refused the connection." in captured.err, "in words"
    assert "Errno" not in captured.err


def test_network_failures_are_said_in_words() -> None:
    import errno
    import socket
    import ssl

    import httpx

    from hldtui.sources.remote import network_reason

    def caused_by(cause: BaseException) -> httpx.ConnectError:
        error = httpx.ConnectError(str(cause))
        error.__cause__ = cause
        return error

    refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    assert network_reason(caused_by(refused)) == "the server refused the connection"
    unknown = socket.gaierror(-2, "Name or service not known")
    assert network_reason(caused_by(unknown)).startswith("the server's name was not found")
    certificate = ssl.SSLCertVerificationError("certificate verify failed")
    assert network_reason(caused_by(certificate)) == (
        "the server's certificate could not be verified"
    )
    text_only = httpx.ConnectError("[Errno 101] Network is unreachable")
    assert network_reason(text_only).startswith("the network is not reachable")
    looped = httpx.ConnectError("odd")
    looped.__context__ = looped
    assert network_reason(looped) == "no connection to the server could be made"
    assert network_reason(httpx.ReadError("x")) == "it could not be fetched (ReadError)"

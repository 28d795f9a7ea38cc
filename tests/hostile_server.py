"""A web server on 127.0.0.1 that answers as a hostile one does: raw bytes, written as
slowly, as wrongly or as often as a test asks. Each test gets its own, on its own port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

Answer = Callable[[dict[str, str]], Iterator[bytes | float]]
"""Given the request's headers (and its path as ``:path``), the bytes to send, with
numbers between them for seconds to wait."""


@dataclass
class HostileServer:
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self._socket.settimeout(0.2)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._socket.getsockname()[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, path: str, answer: Answer) -> None:
        self.answers[path] = answer

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._talk, args=(connection,), daemon=True).start()

    def _talk(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            try:
                head = b""
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    piece = connection.recv(4096)
                    if not piece:
                        return
                    head += piece
                lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
                request = {":path": lines[0].split(" ")[1]}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    request[name.strip().lower()] = value.strip()
                self.requests.append(request)
                answer = self.answers.get(request[":path"].split("?")[0], not_found)
                for part in answer(request):
                    if self._stopped.is_set():
                        return
                    if isinstance(part, float):
                        time.sleep(part)
                    else:
                        connection.sendall(part)
            except OSError:
                return


def not_found(request: dict[str, str]) -> Iterator[bytes | float]:
    yield b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def respond(
    body: bytes, status: str = "200 OK", headers: dict[str, str] | None = None
) -> Iterator[bytes | float]:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    yield ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


@pytest.fixture
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.stop()

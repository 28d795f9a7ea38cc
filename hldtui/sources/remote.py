"""Programmes opened by their address: fetched with httpx, kept in the user's cache with
their validators, asked for again only if changed, and used offline when the network is not
there. A copy is only kept once it has been read as a programme, so a failed or broken
download never replaces a good one.
"""

from __future__ import annotations

import errno
import hashlib
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hldtui import store
from hldtui.bounds import MAX_FILE_BYTES
from hldtui.store import write_atomically
from hldtui.text import is_number, one_line

SCHEMES = ("http://", "https://", "webcal://")
TIMEOUT = 15.0
"""Seconds to connect, and between two pieces of the answer."""
MAX_REDIRECTS = 5
PROGRAMME_FILE = "programme"
META_FILE = "meta.json"


class RemoteError(Exception):
    """An address that gave no programme, and why."""

    def __init__(self, address: str, message: str) -> None:
        self.address = one_line(address, 200)
        self.message = message
        super().__init__(f"{self.address}: {message}")


def is_address(text: str) -> bool:
    return text.lower().startswith(SCHEMES)


def cache_dir() -> Path:
    return store.cache_dir() / "programmes"


@dataclass(frozen=True)
class Copy:
    """A programme kept from an address: the file, and what the server said of it."""

    path: Path
    address: str
    etag: str = ""
    last_modified: str = ""
    fetched_at: str = ""
    """When the copy was last fetched or confirmed, ISO 8601 in UTC."""


@dataclass(frozen=True)
class Opened:
    """The local file to read, and whether it is the kept copy used offline."""

    copy: Copy
    offline_reason: str = ""
    """Why the kept copy was used without asking the server: '' when it is current."""
    checked: object = None
    """What ``check`` read from a new download, so that it need not be read again."""
    data: bytes = b""
    """A new download's bytes, so that the copy just kept need not be read back."""


class ProgrammeCache:
    """One folder per address, named by its hash."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir()

    def folder(self, address: str) -> Path:
        return self.directory / hashlib.sha256(address.encode()).hexdigest()[:24]

    def read(self, address: str) -> Copy | None:
        folder = self.folder(address)
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        path = folder / PROGRAMME_FILE
        if not isinstance(meta, dict) or meta.get("address") != address or not path.is_file():
            return None
        fields = {name: str(meta.get(name, "")) for name in ("etag", "last_modified", "fetched_at")}
        return Copy(path, address, **fields)

    def keep(self, address: str, data: bytes, etag: str, last_modified: str) -> Copy:
        folder = self.folder(address)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / PROGRAMME_FILE, data, private=True)
        return self.confirm(Copy(folder / PROGRAMME_FILE, address, etag, last_modified))

    def confirm(self, copy: Copy) -> Copy:
        """The copy, recorded as current now."""
        copy = Copy(copy.path, copy.address, copy.etag, copy.last_modified, _now())
        meta = {
            "address": copy.address,
            "etag": copy.etag,
            "last_modified": copy.last_modified,
            "fetched_at": copy.fetched_at,
        }
        write_atomically(copy.path.parent / META_FILE, json.dumps(meta).encode(), private=True)
        return copy


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_address(
    address: str,
    check: Callable[[bytes], object],
    *,
    cache: ProgrammeCache | None = None,
    offline: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = TIMEOUT,
) -> Opened:
    """The programme at ``address``, fetched (or confirmed unchanged) and kept, or the
    copy kept before when the network fails or is forbidden. ``check`` reads a download's
    bytes as a programme and raises if it is not one; a download is kept only once it
    passes."""
    cache = cache or ProgrammeCache()
    kept = cache.read(address)
    if offline:
        if kept is None:
            raise RemoteError(address, "no copy is kept yet, and --offline forbids the network.")
        return Opened(kept, "--offline")
    try:
        status, data, etag, last_modified = _fetch(address, kept, timeout, progress)
    except RemoteError as error:
        if kept is None:
            raise
        return Opened(kept, error.message)
    if status == 304 and kept is not None:
        return Opened(cache.confirm(kept))
    try:
        checked = check(data)
    except Exception as error:
        reason = getattr(error, "message", None) or str(error)
        if kept is None:
            raise RemoteError(address, f"what it gave is not a programme: {reason}") from None
        return Opened(kept, f"the new version is not a programme ({one_line(reason, 120)})")
    return Opened(cache.keep(address, data, etag, last_modified), checked=checked, data=data)


def _fetch(
    address: str,
    kept: Copy | None,
    timeout: float,
    progress: Callable[[int, int | None], None] | None,
) -> tuple[int, bytes, str, str]:
    import httpx

    url = (
        "https://" + address[len("webcal://") :]
        if address.lower().startswith("webcal://")
        else address
    )
    headers = {"Accept-Encoding": "gzip", "User-Agent": "hldtui"}
    if kept is not None and kept.etag:
        headers["If-None-Match"] = kept.etag
    if kept is not None and kept.last_modified:
        headers["If-Modified-Since"] = kept.last_modified
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, verify=True
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code == 304:
                return 304, b"", kept.etag if kept else "", kept.last_modified if kept else ""
            if response.status_code != 200:
                phrase = response.reason_phrase or "an error"
                raise RemoteError(address, f"the server answered {response.status_code} {phrase}.")
            declared = response.headers.get("Content-Length", "")
            total = int(declared) if is_number(declared) else None
            if total is not None and total > MAX_FILE_BYTES:
                raise RemoteError(address, _too_big())
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise RemoteError(address, _too_big())
                chunks.append(chunk)
                if progress is not None:
                    progress(size, total)
            data = b"".join(chunks)
            if _is_html(data, response.headers.get("Content-Type", "")):
                raise RemoteError(address, "it gave a web page (HTML), not a programme.")
            return (
                200,
                data,
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except httpx.TooManyRedirects:
        raise RemoteError(address, f"it redirects more than {MAX_REDIRECTS} times.") from None
    except httpx.TimeoutException:
        raise RemoteError(
            address, f"the server did not answer within {timeout:g} seconds."
        ) from None
    except httpx.HTTPError as error:
        raise RemoteError(address, f"{network_reason(error)}.") from None


_ERRNO_WORDS = {
    errno.ECONNREFUSED: "the server refused the connection",
    errno.ECONNRESET: "the server broke off the connection",
    errno.ETIMEDOUT: "the server did not answer in time",
    errno.EHOSTUNREACH: "no route leads to the server",
    errno.ENETUNREACH: "the network is not reachable: check the connection",
    errno.ENETDOWN: "the network is down: check the connection",
}


_NAME_NOT_FOUND = "the server's name was not found: check the address and the connection"


def network_reason(error: BaseException) -> str:
    """What went wrong in words, from the errors a failed request is made of (never a raw
    '[Errno 111]')."""
    import ssl

    import httpx

    seen: BaseException | None = error
    # A chain of causes can loop back on itself; real ones are a few links long.
    for _ in range(16):
        if seen is None:
            break
        if isinstance(seen, socket.gaierror):
            return _NAME_NOT_FOUND
        if isinstance(seen, ssl.SSLCertVerificationError):
            return "the server's certificate could not be verified"
        if isinstance(seen, ssl.SSLError):
            return "a secure connection to the server could not be made"
        if isinstance(seen, OSError) and seen.errno in _ERRNO_WORDS:
            return _ERRNO_WORDS[seen.errno]
        seen = seen.__cause__ or seen.__context__
    text = str(error)
    for number, words in _ERRNO_WORDS.items():
        if f"[Errno {number}]" in text:
            return words
    if "Name or service not known" in text or "nodename nor servname" in text:
        return _NAME_NOT_FOUND
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server broke off its answer or gave one that is not HTTP"
    if isinstance(error, httpx.ConnectError):
        return "no connection to the server could be made"
    if isinstance(error, httpx.DecodingError):
        return "the server's answer could not be unpacked"
    return f"it could not be fetched ({type(error).__name__})"


def _too_big() -> str:
    return f"it is larger than {MAX_FILE_BYTES // 2**20} MB, more than any programme."


def _is_html(data: bytes, content_type: str) -> bool:
    start = data[:512].lstrip().lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype html", b"<html"))

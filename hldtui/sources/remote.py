"""Programmes opened by their address: fetched with httpx, kept in the user's cache with
their validators, asked for again only if changed, and used offline when the network is not
there. A copy is only kept once it has been read as a programme, so a failed or broken
download never replaces a good one.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hldtui import store
from hldtui.bounds import MAX_FILE_BYTES
from hldtui.sources.errors import RemoteError
from hldtui.sources.files import read_bytes
from hldtui.store import write_atomically
from hldtui.text import is_number, one_line

if TYPE_CHECKING:
    import httpx

TIMEOUT = 15.0
"""Seconds to connect, and between two pieces of the answer."""
DEADLINE = 60.0
"""Seconds for a whole fetch, redirects and all; $HLDTUI_FETCH_DEADLINE sets another."""
ENV_DEADLINE = "HLDTUI_FETCH_DEADLINE"
MAX_REDIRECTS = 5
PROGRAMME_FILE = "programme"
MAX_META_BYTES = 64 * 1024
"""A kept copy's record is a few hundred bytes; a longer one is damaged, and not read."""
LEFTOVER_AGE = 600
"""Seconds after which a temporary file in the cache belongs to no running save."""
META_FILE = "meta.json"


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
    note: str = ""
    """What was wrong with the copy's record, which was set aside ('' when nothing was)."""


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
    note: str = ""
    """What the user is to be told of the copy: its damaged record set aside, or a new
    download that could not be kept."""


class ProgrammeCache:
    """One folder per address, named by its hash."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir()

    def folder(self, address: str) -> Path:
        name = address.encode("utf-8", "surrogatepass")
        return self.directory / hashlib.sha256(name).hexdigest()[:24]

    def read(self, address: str) -> Copy | None:
        folder = self.folder(address)
        path = folder / PROGRAMME_FILE
        if not path.is_file():
            return None
        try:
            with (folder / META_FILE).open("rb") as handle:
                record = handle.read(MAX_META_BYTES + 1)
        except FileNotFoundError:
            return Copy(path, address)
        except OSError as error:
            return self._set_aside(path, address, f"it cannot be read ({error.strerror})")
        try:
            meta = json.loads(record) if len(record) <= MAX_META_BYTES else None
        except (ValueError, RecursionError):
            meta = None
        if not isinstance(meta, dict):
            return self._set_aside(path, address, "it is not a record hldtui wrote")
        if meta.get("address") != address:
            return None
        return Copy(
            path,
            address,
            validator(str(meta.get("etag", ""))),
            validator(str(meta.get("last_modified", ""))),
            _moment_text(str(meta.get("fetched_at", ""))),
        )

    def _set_aside(self, path: Path, address: str, reason: str) -> Copy:
        """The copy without its damaged record, which is moved aside and named."""
        record = path.parent / META_FILE
        aside = record.with_name(f"{META_FILE}.damaged")
        try:
            os.replace(record, aside)
        except OSError:
            where = f"{record} could not be moved aside"
        else:
            where = f"it was moved to {aside}"
        note = f"The record of the copy kept from this address was damaged ({reason}); {where}."
        return Copy(path, address, note=note)

    def keep(self, address: str, data: bytes, etag: str, last_modified: str) -> Copy:
        folder = self.folder(address)
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder)
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


def _remove_leftovers(folder: Path) -> None:
    """Delete the temporary files of saves killed long ago (a save takes a second)."""
    now = time.time()
    for leftover in folder.glob(".*.tmp"):
        with suppress(OSError):
            if now - leftover.lstat().st_mtime > LEFTOVER_AGE:
                leftover.unlink()


def _moment_text(text: str) -> str:
    """An ISO 8601 moment as written in UTC, or '' for text that is none."""
    try:
        return datetime.fromisoformat(text).astimezone(UTC).isoformat()
    except ValueError:
        return ""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Limits:
    """How long a fetch may take, and the event that stops it early (the app sets it as it
    quits)."""

    timeout: float = TIMEOUT
    deadline: float = DEADLINE
    cancel: threading.Event | None = None
    max_bytes: int = MAX_FILE_BYTES
    """The most an answer may hold, unpacked."""

    @classmethod
    def from_environment(
        cls, cancel: threading.Event | None = None, *, max_bytes: int = MAX_FILE_BYTES
    ) -> Limits:
        """The limits, with the deadline $HLDTUI_FETCH_DEADLINE gives, if it gives one."""
        text = os.environ.get(ENV_DEADLINE, "").strip()
        try:
            deadline = float(text) if text else DEADLINE
        except ValueError:
            deadline = DEADLINE
        deadline = deadline if 0 < deadline <= 3600 else DEADLINE
        return cls(min(TIMEOUT, deadline), deadline, cancel, max_bytes)


def open_address(
    address: str,
    check: Callable[[bytes], object],
    *,
    cache: ProgrammeCache | None = None,
    offline: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    limits: Limits | None = None,
    what: str = "programme",
) -> Opened:
    """The programme at ``address``, fetched (or confirmed unchanged) and kept, or the
    copy kept before when the network fails or is forbidden. ``check`` reads a download's
    bytes as a programme and raises if it is not one; a download is kept only once it
    passes. A kept copy that no longer reads as a programme is fetched again whole."""
    url = checked_url(address)
    cache = cache or ProgrammeCache()
    limits = limits or Limits.from_environment()
    kept = cache.read(address)
    note = kept.note if kept is not None else ""
    if offline:
        if kept is None:
            raise RemoteError(address, "no copy is kept yet, and --offline forbids the network.")
        return Opened(kept, "--offline", note=note)
    try:
        status, data, etag, last_modified = _fetch(address, url, kept, limits, progress, what)
        if status == 304 and kept is not None:
            confirmed = _checked_copy(kept, check)
            if confirmed is not None:
                with suppress(OSError):
                    kept = cache.confirm(kept)
                return Opened(kept, checked=confirmed[0], data=confirmed[1], note=note)
            kept = None
            status, data, etag, last_modified = _fetch(address, url, None, limits, progress, what)
    except RemoteError as error:
        if kept is None:
            raise
        return Opened(kept, error.message, note=note)
    try:
        checked = check(data)
    except Exception as error:
        reason = getattr(error, "message", None) or str(error)
        if kept is None:
            raise RemoteError(address, f"what it gave is not a {what}: {reason}") from None
        reason = f"the new version is not a {what} ({one_line(reason, 120)})"
        return Opened(kept, reason, note=note)
    try:
        copy = cache.keep(address, data, etag, last_modified)
    except OSError as error:
        unkept = Copy(cache.folder(address) / PROGRAMME_FILE, address, etag, last_modified, _now())
        reason = (
            f"The programme was fetched but no copy of it could be kept in {cache.directory} "
            f"({error.strerror or error}), so it cannot be used offline."
        )
        return Opened(unkept, checked=checked, data=data, note=reason)
    return Opened(copy, checked=checked, data=data, note=note)


def _checked_copy(kept: Copy, check: Callable[[bytes], object]) -> tuple[object, bytes] | None:
    """The kept copy read and checked, or None when it is damaged and must be fetched again."""
    try:
        data = read_bytes(kept.path)
        return check(data), data
    except Exception:  # any reason the copy is no programme means fetching it again
        return None


def _fetch(
    address: str,
    url: str,
    kept: Copy | None,
    limits: Limits,
    progress: Callable[[int, int | None], None] | None,
    what: str = "programme",
) -> tuple[int, bytes, str, str]:
    import httpx

    headers = {"Accept-Encoding": "gzip, deflate", "User-Agent": "hldtui"}
    if kept is not None and kept.etag:
        headers["If-None-Match"] = kept.etag
    if kept is not None and kept.last_modified:
        headers["If-Modified-Since"] = kept.last_modified
    watchdog = _Watchdog(limits.deadline, limits.cancel)
    try:
        # The transport itself, below the client's handling of redirects, which are
        # checked here, one by one.
        with httpx.HTTPTransport(verify=True, trust_env=False) as transport:
            for _ in range(MAX_REDIRECTS + 1):
                extensions = {
                    "timeout": httpx.Timeout(limits.timeout).as_dict(),
                    "trace": watchdog.trace,
                }
                request = httpx.Request("GET", url, headers=headers, extensions=extensions)
                with closing(transport.handle_request(request)) as response:
                    if response.status_code in _REDIRECTS and "Location" in response.headers:
                        url = _redirected(address, url, response.headers["Location"], kept)
                        continue
                    return _answer(address, response, kept, progress, limits.max_bytes, what)
            raise RemoteError(address, f"it redirects more than {MAX_REDIRECTS} times.")
    except RemoteError:
        raise
    except Exception as error:  # a broken server or network fails in many ways
        if watchdog.fired:
            raise RemoteError(address, watchdog.reason) from None
        if isinstance(error, httpx.TimeoutException):
            raise RemoteError(
                address, f"the server did not answer within {limits.timeout:g} seconds."
            ) from None
        raise RemoteError(address, f"{network_reason(error)}.") from None
    finally:
        watchdog.stop()


_REDIRECTS = (301, 302, 303, 307, 308)
MAX_ADDRESS = 2_000
"""Characters of an address; real ones are a few dozen."""


def checked_url(address: str) -> str:
    """The URL to fetch for an address the user gave (webcal:// is https://), or a
    RemoteError saying what is wrong with it."""
    if len(address) > MAX_ADDRESS:
        raise RemoteError(
            address,
            f"the address is {len(address):,} characters long; hldtui opens addresses of at "
            f"most {MAX_ADDRESS:,}.",
        )
    if not address.isprintable() or " " in address.strip():
        raise RemoteError(address, "the address holds spaces or control characters.")
    url = address.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    _check_url(address, url)
    return url


def _check_url(address: str, url: str) -> None:
    import httpx

    try:
        parsed = httpx.URL(url)
        host = parsed.host
    except (httpx.InvalidURL, UnicodeError, ValueError) as error:
        raise RemoteError(
            address, f"this is not a web address ({one_line(str(error), 80)})."
        ) from None
    if parsed.scheme not in ("http", "https"):
        raise RemoteError(address, "hldtui fetches http and https addresses only.")
    labels = host.rstrip(".").split(".") if host else []
    # An IPv6 address, in brackets, has no labels.
    too_long = len(host) > 253 or any(not 0 < len(label) <= 63 for label in labels)
    if not host or (too_long and ":" not in host):
        raise RemoteError(
            address, f"`{one_line(host, 40) or '(none)'}` is not the name of a server."
        )


def _redirected(address: str, url: str, location: str, kept: Copy | None) -> str:
    """Where a redirect leads, if hldtui follows it: to http or https only, and to
    another server only on the first fetch of an address, which the user typed."""
    import httpx

    try:
        target = httpx.URL(url).join(location)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise RemoteError(address, "it redirects to something that is not an address.") from None
    if target.scheme not in ("http", "https"):
        shown = one_line(target.scheme or location, 20)
        raise RemoteError(
            address, f"it redirects to a `{shown}:` address; hldtui follows http and https only."
        )
    _check_url(address, str(target))
    if kept is not None and not _same_server(httpx.URL(url), target):
        raise RemoteError(
            address,
            f"it now redirects to another server ({one_line(target.host, 60)}:"
            f"{target.port or _PORTS[target.scheme]}). Open that address itself to follow it.",
        )
    return str(target)


_PORTS = {"http": 80, "https": 443}


def _same_server(before: httpx.URL, after: httpx.URL) -> bool:
    """Whether two URLs name one server; http becoming https on its usual port counts."""
    old_port = before.port or _PORTS[before.scheme]
    new_port = after.port or _PORTS[after.scheme]
    if before.host != after.host:
        return False
    upgraded = (before.scheme, old_port, after.scheme, new_port) == ("http", 80, "https", 443)
    return old_port == new_port or upgraded


def _answer(
    address: str,
    response: httpx.Response,
    kept: Copy | None,
    progress: Callable[[int, int | None], None] | None,
    most: int,
    what: str,
) -> tuple[int, bytes, str, str]:
    """The status, bytes and validators of a final answer, read within ``most`` bytes."""
    status = response.status_code
    headers = response.headers
    if status == 304:
        if kept is None:
            raise RemoteError(
                address,
                "the server answered 304 Not Modified, though nothing was kept to compare.",
            )
        return 304, b"", kept.etag, kept.last_modified
    if status != 200:
        phrase = one_line(response.reason_phrase, 60) or "an error"
        raise RemoteError(address, f"the server answered {status} {phrase}.")
    declared = headers.get("Content-Length", "").strip()
    total = int(declared) if is_number(declared) and len(declared) < 20 else None
    if total is not None and total > most:
        raise RemoteError(address, _too_big(most))
    decoder = _decoder(address, headers.get("Content-Encoding", ""))
    chunks: list[bytes] = []
    received = size = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > most:
            raise RemoteError(address, _too_big(most))
        for piece in _unpacked(address, decoder, chunk, size, most):
            size += len(piece)
            chunks.append(piece)
        if progress is not None:
            progress(received, total)
    if decoder is not None:
        chunks.append(decoder.flush())
    data = b"".join(chunks)
    if len(data) > most:
        raise RemoteError(address, _too_big(most))
    if _is_html(data, headers.get("Content-Type", "")):
        raise RemoteError(address, f"it gave a web page (HTML), not a {what}.")
    return (
        200,
        data,
        validator(headers.get("ETag", "")),
        validator(headers.get("Last-Modified", "")),
    )


def _decoder(address: str, encoding: str) -> Any:
    """A decompressor for the answer's one content coding, or None for none."""
    codings = [part.strip().lower() for part in encoding.split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    if len(codings) > 1:
        raise RemoteError(
            address,
            f"its answer is compressed {len(codings)} times ({one_line(encoding, 40)}); "
            "hldtui reads answers compressed once.",
        )
    if not codings:
        return None
    if codings[0] in ("gzip", "x-gzip", "deflate"):
        # 32 added to the window size reads either wrapping, gzip's or zlib's.
        return zlib.decompressobj(zlib.MAX_WBITS | 32)
    raise RemoteError(
        address,
        f"its answer is compressed as `{one_line(codings[0], 20)}`, which hldtui does not read.",
    )


def _unpacked(address: str, decoder: Any, chunk: bytes, size: int, most: int) -> Iterator[bytes]:
    """A chunk unpacked, never past ``most`` bytes in all: the limit is on what unpacking
    makes, as it makes it."""
    if decoder is None:
        yield chunk
        return
    pending = chunk
    try:
        while pending and not decoder.eof:
            piece = decoder.decompress(pending, most + 1 - size)
            size += len(piece)
            if size > most:
                raise RemoteError(address, _too_big(most))
            yield piece
            pending = decoder.unconsumed_tail
    except zlib.error:
        raise RemoteError(address, "the server's answer could not be unpacked.") from None


def validator(value: str) -> str:
    """An ETag or Last-Modified worth keeping and sending back: visible ASCII of a sensible
    length, or ''."""
    value = value.strip()
    return value if len(value) <= 200 and value.isascii() and value.isprintable() else ""


class _Watchdog:
    """Ends a fetch that takes longer than its deadline, or that is cancelled, by shutting
    its connection, which wakes the read waiting on it."""

    def __init__(self, deadline: float, cancel: threading.Event | None) -> None:
        self.deadline = deadline
        self.cancel = cancel
        self.fired = False
        self.reason = ""
        self._stream: Any = None
        self._done = threading.Event()
        self._began = time.monotonic()
        self._thread = threading.Thread(
            target=self._watch, name="hldtui-fetch-deadline", daemon=True
        )
        self._thread.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            self._stream = info.get("return_value")
            if self.fired:
                self._shut()

    def stop(self) -> None:
        self._done.set()

    def _watch(self) -> None:
        while not self._done.wait(0.05):
            if self.cancel is not None and self.cancel.is_set():
                self._fire("the fetch was stopped.")
            elif time.monotonic() - self._began > self.deadline:
                self._fire(
                    f"the server did not finish its answer within {self.deadline:g} seconds."
                )
            if self.fired:
                return

    def _fire(self, reason: str) -> None:
        self.reason, self.fired = reason, True
        self._shut()

    def _shut(self) -> None:
        with suppress(Exception):
            connection = self._stream.get_extra_info("socket")
            # The plain socket's own shutdown, which TLS sockets also answer to.
            socket.socket.shutdown(connection, socket.SHUT_RDWR)


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


def _too_big(most: int) -> str:
    if most == MAX_FILE_BYTES:
        return f"it is larger than {most // 2**20} MB, more than any programme."
    return f"it is larger than {most // 2**20} MB, more than hldtui reads from it."


def _is_html(data: bytes, content_type: str) -> bool:
    start = data[:512].lstrip().lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype html", b"<html"))

"""Text safe to show: control characters made visible, lengths bounded, web addresses checked.

Programme files, the favourites file and pasted text are untrusted: whatever reaches a
screen or a terminal passes through ``visible`` (or ``one_line`` and ``paragraph``, which
use it), so that nothing in them can act on the terminal. Each runs in linear time.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

LINE_LIMIT = 1_000
"""Characters kept of a one-line field: a title, a room, a name."""
TEXT_LIMIT = 20_000
"""Characters kept of a paragraph field: an abstract, a description, an overview."""
CUT_MARK = "…"


def _control_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
    table[0x7F] = "\u2421"
    # C1 controls, and the bidirectional overrides and isolates that can reorder what is shown.
    for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        table[code] = "\ufffd"
    return table


_CONTROLS = _control_table()
# Finding one is much quicker than translating text that has none, as most text has.
_ANY_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CONTROLS)) + "]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with every control character shown as a harmless symbol (ESC as ␛).

    Newlines and tabs are kept; nothing else that a terminal would act on is left.
    """
    return text.translate(_CONTROLS) if _ANY_CONTROL.search(text) else text


def unix_lines(text: str) -> str:
    """Every line end (CR LF, CR, Unicode separators) written as LF."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    return _NEWLINES.sub("\n", text)


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + CUT_MARK


def is_number(text: str) -> bool:
    """Whether ``text`` is ASCII digits, as a count or a size in a file is written (``str.
    isdigit`` also takes '²' and other digits that `int` refuses)."""
    return text.isascii() and text.isdigit()


def one_line(text: str | None, limit: int = LINE_LIMIT) -> str:
    """A one-line field: controls made visible, every run of white space one space."""
    if not text:
        return ""
    # White space may shrink a lot, so cut generously first to bound the work.
    return cut(" ".join(visible(unix_lines(text[: limit * 4])).split()), limit)


def paragraph(text: str | None, limit: int = TEXT_LIMIT) -> str:
    """Text that may run over several lines: line ends made \\n, controls made visible."""
    if not text:
        return ""
    return cut(visible(unix_lines(text[: limit + 1])).strip(), limit)


URL_LIMIT = 2_048
_NOT_IN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def web_address(text: str | None) -> str:
    """An http(s) address with its white space and controls percent-encoded, or '' if the
    text is not one: other schemes (file:, javascript:) are never kept."""
    url = (text or "").strip()
    if len(url) > URL_LIMIT or not url.lower().startswith(("http://", "https://")):
        return ""
    url = _NOT_IN_ADDRESS.sub(lambda found: quote(found.group(), safe=""), url)
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return ""
    return url if host else ""


# What RFC 3986 allows unescaped in each part of an address, besides letters and digits.
_UNRESERVED = "-._~"
_SUB_DELIMS = "!$&'()*+,;="
_IN_HOST = _UNRESERVED + _SUB_DELIMS + ":@[]"
_IN_PATH = _UNRESERVED + _SUB_DELIMS + ":@/"
_IN_QUERY = _IN_PATH + "?"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def uri(address: str) -> str:
    """An address as RFC 3986 allows it: spaces, non-ASCII letters, a second '#' and other
    characters it does not allow percent-encoded, and a valid address left as it is."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return _encoded(address, _IN_QUERY + "#")
    return urlunsplit(
        (
            parts.scheme,
            _encoded(parts.netloc, _IN_HOST),
            _encoded(parts.path, _IN_PATH),
            _encoded(parts.query, _IN_QUERY),
            _encoded(parts.fragment, _IN_QUERY),
        )
    )


def _encoded(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe + "%")


_GEO = re.compile(r"geo:-?\d{1,3}(?:\.\d{1,10})?,-?\d{1,3}(?:\.\d{1,10})?")


def is_geo(address: str) -> bool:
    """Whether ``address`` is a geo: link of a latitude and longitude, and nothing else."""
    return bool(_GEO.fullmatch(address))

"""Text from programme files: HTML and Markdown reduced to plain text, and ids checked.

Only the fields whose format allows markup (an abstract, a description, an overview) pass
through ``readable``; titles, subtitles, rooms and names are plain text in every format
and pass through ``one_line`` from hldtui.text alone. Both make control characters
visible and cut over-long fields.

``readable`` removes only what is surely markup, so that code and symbols stay as they
are written: tags of HTML's own elements (``Vec<T>`` and ``a < b`` are text), entities,
Markdown links, headings, bullets and ``*`` or ``**`` emphasis. Underscores and backticks
stay (``__init__``, ``¯\\_(ツ)_/¯``, a `uv` in backticks), as do unpaired marks (``*nix``).

Each pass runs in time linear in its input: the patterns have no nested or overlapping
quantifiers, and emphasis is found by a scanner, not a pattern.
"""

from __future__ import annotations

import html
import re

from hldtui.text import TEXT_LIMIT, cut, unix_lines, visible

ID_LIMIT = 200
# Ids as the loaders make them: YAML's, and those derived from guids, with `~2` suffixes.
_IDENTIFIER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._~-]*")


def is_identifier(text: str) -> bool:
    """Letters, digits, '.', '_', '~' and '-', not starting with '.', '~' or '-', not too long:
    safe in a file name or a calendar UID."""
    return len(text) <= ID_LIMIT and _IDENTIFIER.fullmatch(text) is not None


# HTML. A tag name may not be followed by more name characters, so the name and the
# attributes never compete for the same characters and a failed match costs one scan.
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9])([^<>]*)>")
_HTML_DECLARATION = re.compile(r"<[!?][^<>]*>")
# What the scanner stops at: the start of a comment, a tag, or a declaration. A "<" that
# starts none of them is text.
_MARKUP = re.compile(
    r"<(!--)|<(/?)([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9])([^<>]*)>|" + _HTML_DECLARATION.pattern
)
_HREF = re.compile(r"""href[ \t\n]*=[ \t\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
# HTML's elements, old and new: a tag of any other name (Vec<T>, Map<K, V>) is text.
_ELEMENTS = frozenset({
    "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "big", "blockquote",
    "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure",
    "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
    "main", "mark", "meta", "nav", "noscript", "object", "ol", "option", "p", "picture", "pre",
    "q", "s", "samp", "script", "section", "select", "small", "source", "span", "strike",
    "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot",
    "th", "thead", "time", "title", "tr", "tt", "u", "ul", "var", "video", "wbr",
})  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr"}
    | {"blockquote", "pre", "table", "section"}
)
_SKIPPED = frozenset({"script", "style"})

# Markdown. Link labels hold no brackets and addresses no parentheses or spaces, so each
# scan stops at the next bracket or parenthesis.
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]+)(?:[ \t]+\"[^\"\n]*\")?\)")
_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MARKDOWN_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|\*")
_BLANK_LINES = re.compile(r"\n{3,}")

# Text without any of these is already plain, which most titles and many abstracts are.
_NEEDS_WORK = re.compile(r"[<&*_#\[`\n\t]|  |^[ \t]*[-+] ")


def readable(text: str | None, limit: int = TEXT_LIMIT) -> str:
    """Plain text from plain text, HTML or Markdown: tags, markup and entities gone."""
    if not text:
        return ""
    text = unix_lines(text[: limit * 2])
    if not _NEEDS_WORK.search(text):
        return cut(visible(text).strip(), limit)
    text = _html_text(text) if "<" in text and _HTML_TAG.search(text) else html.unescape(text)
    # Each pattern is tried only where the characters it needs are there at all.
    if "](" in text:
        text = _MARKDOWN_LINK.sub(_link_text, text)
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    if "- " in text or "* " in text or "+ " in text:
        text = _MARKDOWN_BULLET.sub(r"\1• ", text)
    text = "\n".join(
        " ".join(_without_emphasis(line).split()) for line in visible(text).split("\n")
    )
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return cut(text.strip(), limit)


def _link_text(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    return f"{label} ({url})" if label and label != url else url


def _html_text(text: str) -> str:
    """Text of an HTML fragment: block tags become line breaks, links keep their address."""
    parts: list[str] = []
    links: list[str] = []
    position = 0
    lowered = ""
    search = _MARKUP.search
    while (found := search(text, position)) is not None:
        parts.append(html.unescape(text[position : found.start()]))
        position = found.end()
        comment, closing, name, attributes = found.groups()
        if comment:
            end = text.find("-->", position)
            position = len(text) if end < 0 else end + 3
            continue
        if name is None:
            continue
        if not _is_element(name):
            parts.append(html.unescape(found.group()))
            continue
        name = name.lower()
        if name in _SKIPPED and not closing:
            lowered = lowered or text.lower()
            end = lowered.find(f"</{name}", position)
            position = len(text) if end < 0 else end
            continue
        if name in _BLOCK and not (closing and name == "li"):
            parts.append("\n")
        if name == "li" and not closing:
            parts.append("• ")
        if name == "a" and not closing:
            href = _HREF.search(attributes)
            links.append(html.unescape(next(filter(None, href.groups()), "")) if href else "")
        elif name == "a" and links:
            address = links.pop()
            if address.startswith(("http://", "https://")):
                parts.append(f" ({address})")
    parts.append(html.unescape(text[position:]))
    return "".join(parts)


def _is_element(name: str) -> bool:
    """Whether a tag names an HTML element: ``<b>`` and ``<BR>`` do, and a lone capital
    (``<T>``, ``<B>``) does not, as it is far likelier a type's parameter."""
    return name.lower() in _ELEMENTS and (len(name) > 1 or name.islower())


def _without_emphasis(line: str) -> str:
    """The line without the Markdown emphasis marks (``*``, ``**``) that come in pairs.

    A mark opens where the next character is not a space and the one before is not part
    of a word, and closes the latest open mark of the same kind where the one before is
    not a space and the next is not part of a word; marks left unpaired stay.
    """
    if "*" not in line:
        return line
    open_marks: dict[str, list[tuple[int, int]]] = {}
    dropped: list[tuple[int, int]] = []
    for mark in _EMPHASIS.finditer(line):
        start, end = mark.span()
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        waiting = open_marks.get(mark.group())
        if waiting and not before.isspace() and not _in_word(after) and waiting[-1][1] < start:
            dropped += [waiting.pop(), (start, end)]
        elif not after.isspace() and not _in_word(before):
            open_marks.setdefault(mark.group(), []).append((start, end))
    if not dropped:
        return line
    dropped.sort()
    kept, position = [], 0
    for start, end in dropped:
        kept.append(line[position:start])
        position = end
    kept.append(line[position:])
    return "".join(kept)


def _in_word(character: str) -> bool:
    return character.isalnum() or character == "_"

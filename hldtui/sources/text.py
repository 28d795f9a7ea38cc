"""Turning the HTML and Markdown found in real schedule exports into readable plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>")
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "blockquote",
        "pre",
        "hr",
    ]
)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MARKDOWN_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")
        if tag == "a":
            self._href.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href:
            href = self._href.pop()
            if href and href.startswith(("http://", "https://")):
                self.parts.append(f" ({href})")
        if tag in _BLOCK and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _link_text(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    return f"{label} ({url})" if label and label != url else url


# Text without any of these is already plain, which most titles and many abstracts are.
_NEEDS_WORK = re.compile(r"[<&*_#\[`\r\t\n]|\s\s|^\s*[-+] ")


def readable(text: str | None) -> str:
    """Plain text from plain text, HTML or Markdown: tags, markup and entities gone."""
    if not text:
        return ""
    if not _NEEDS_WORK.search(text):
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text):
        collector = _TextCollector()
        collector.feed(text)
        collector.close()
        text = "".join(collector.parts)
    else:
        text = html.unescape(text)
    text = _MARKDOWN_LINK.sub(_link_text, text)
    text = _MARKDOWN_HEADING.sub("", text)
    text = _MARKDOWN_BULLET.sub(r"\1• ", text)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

"""Search over a schedule, ignoring case and accents.

Every word typed must match the start of a word in the session: "traffick" finds
"trafficking", but "3" does not find "2013".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from hldtui.model import Schedule, Session

# Where a word is found decides how high the session ranks.
FIELD_WEIGHTS = {
    "title": 8,
    "theme": 6,
    "chairs": 4,
    "room": 4,
    "papers": 3,
    "note": 2,
    "description": 1,
}


def fold(text: str) -> str:
    """Lower case without accents: 'Néstor' -> 'nestor'."""
    return folded_with_map(text)[0]


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from in ``text``."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for lowered in part.casefold():
                chars.append(lowered)
                origins.append(index)
    return "".join(chars), origins


_NON_WORD = re.compile(r"[\W_]+")


def query_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_NON_WORD.sub(" ", fold(query)).split()))


def _word_text(text: str) -> str:
    """Folded text with every run of punctuation or space made one space, and one in front."""
    return " " + _NON_WORD.sub(" ", fold(text))


def match_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of ``text`` where any of the folded ``words`` occur."""
    if not words:
        return []
    folded, origins = folded_with_map(text)
    spans = []
    for word in words:
        for found in re.finditer(rf"(?<![^\W_]){re.escape(word)}", folded):
            spans.append((origins[found.start()], origins[found.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, words: tuple[str, ...], width: int = 60) -> str:
    """A stretch of ``text`` about ``width`` characters long around the first match."""
    spans = match_spans(text, words)
    if len(text) <= width:
        return text
    start = spans[0][0] if spans else 0
    begin = max(0, min(start - width // 3, len(text) - width))
    begin = text.rfind(" ", 0, begin) + 1 if begin else 0
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > start else end
    return ("…" if begin else "") + text[begin:end] + ("…" if end < len(text) else "")


@dataclass(frozen=True)
class Hit:
    session: Session
    score: int
    field: str
    """The highest-weighted field that matched a word."""
    context: str = ""
    """That field's text, unless it is the title, to show where the words matched."""


def field_text(session: Session, field: str, note: str = "") -> str:
    if field == "note":
        return note
    if field == "title":
        return session.display_title
    if field == "chairs":
        return "; ".join(session.chairs)
    if field == "room":
        return session.room or ""
    if field == "papers":
        return "; ".join(paper.title for paper in session.papers)
    return getattr(session, field)


class SearchIndex:
    """Folded text of every session's searchable fields, built once per schedule.

    ``notes`` are the delegate's private notes by session id; set_note keeps them current.
    """

    def __init__(self, schedule: Schedule, notes: Mapping[str, str] | None = None) -> None:
        notes = notes or {}
        self._notes: dict[str, str] = {}
        self._entries = []
        for session in schedule.sessions:
            note = notes.get(session.id, "")
            fields = {name: _word_text(field_text(session, name, note)) for name in FIELD_WEIGHTS}
            self._entries.append((session, fields))
            if note:
                self._notes[session.id] = note

    def set_note(self, session_id: str, note: str) -> None:
        for session, fields in self._entries:
            if session.id == session_id:
                fields["note"] = _word_text(note)
                self._notes[session_id] = note

    def note(self, session_id: str) -> str:
        return self._notes.get(session_id, "")

    def search(self, query: str) -> list[Hit]:
        """Sessions where every word of ``query`` occurs, best first, then in time order."""
        words = query_words(query)
        if not words:
            return []
        hits = []
        needles = [" " + word for word in words]
        for session, fields in self._entries:
            score = 0
            for needle in needles:
                weights = [FIELD_WEIGHTS[name] for name, text in fields.items() if needle in text]
                if not weights:
                    break
                score += max(weights)
            else:
                best_field = max(
                    (name for name, text in fields.items() if any(n in text for n in needles)),
                    key=FIELD_WEIGHTS.__getitem__,
                )
                context = (
                    ""
                    if best_field == "title"
                    else field_text(session, best_field, self.note(session.id))
                )
                hits.append(Hit(session=session, score=score, field=best_field, context=context))
        hits.sort(key=lambda hit: (-hit.score, hit.session.start, hit.session.id))
        return hits

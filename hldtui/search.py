"""Search over a schedule, ignoring case and accents.

Every word typed must match the start of a word in the session: "traffick" finds
"trafficking", but "3" does not find "2013".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from hldtui.model import Schedule, Session

# Where a word is found decides how high the session ranks.
FIELD_WEIGHTS = {
    "title": 8,
    "theme": 6,
    "chairs": 4,
    "room": 4,
    "ids": 4,
    "papers": 3,
    "note": 2,
    "description": 1,
}


_BY_WEIGHT = sorted(FIELD_WEIGHTS.items(), key=lambda item: -item[1])


def fold(text: str) -> str:
    """Lower case without accents: 'Néstor' -> 'nestor'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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


def fuzzy_match(query: str, text: str) -> tuple[float, tuple[int, ...]]:
    """How well the letters of ``query`` occur in order in ``text`` (0 when they do not),
    and the indexes in ``text`` of the letters matched. Case, accents and the query's
    spaces are ignored. Linear in the length of ``text``, whatever the query.
    """
    letters = fold(query).replace(" ", "")
    if not letters:
        return 0.0, ()
    if text.isascii():
        folded, origins = text.lower(), range(len(text))
    else:
        folded, origins = folded_with_map(text)
    found = folded.find(letters)
    if found >= 0:
        positions = list(range(found, found + len(letters)))
    else:
        positions, index = [], 0
        for letter in letters:
            index = folded.find(letter, index)
            if index < 0:
                return 0.0, ()
            positions.append(index)
            index += 1
    groups = 1 + sum(1 for a, b in pairwise(positions) if b != a + 1)
    word_starts = sum(1 for p in positions if p == 0 or not folded[p - 1].isalnum())
    score = (1 + word_starts / len(positions)) / groups + (1 if found >= 0 else 0)
    return score, tuple(sorted({origins[p] for p in positions}))


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
    if field == "ids":
        return " ".join(session.file_keys)
    return getattr(session, field)


class SearchIndex:
    """Folded text of every session's searchable fields, built once per schedule.

    ``notes`` are the delegate's private notes by session id; set_note keeps them current.
    Each session also has all its fields in one text, so that a query first picks the
    sessions where every word occurs and only scores those. Typing on narrows the last
    query's matches instead of scanning every session again.
    """

    def __init__(self, schedule: Schedule, notes: Mapping[str, str] | None = None) -> None:
        self._sessions = schedule.sessions
        self._notes = {key: value for key, value in (notes or {}).items() if value}
        self._fields: list[dict[str, str]] | None = None
        self._columns: dict[str, list[str]] | None = None
        """The same folded texts by field, for scoring a whole field at a time."""
        self._combined: list[str] = []
        self._last: tuple[tuple[str, ...], list[int]] = ((), [])
        self._shown = 0
        self._building = threading.Lock()

    def prepare(self) -> None:
        """Fold every field now (otherwise the first search does it); safe from a thread."""
        with self._building:
            if self._fields is None:
                fields = [self._folded(session) for session in self._sessions]
                self._combined = ["\x00".join(entry.values()) for entry in fields]
                self._columns = {name: [entry[name] for entry in fields] for name in FIELD_WEIGHTS}
                self._fields = fields

    def _folded(self, session: Session) -> dict[str, str]:
        note = self._notes.get(session.id, "")
        return {name: _word_text(field_text(session, name, note)) for name in FIELD_WEIGHTS}

    def set_note(self, session_id: str, note: str) -> None:
        if note:
            self._notes[session_id] = note
        else:
            self._notes.pop(session_id, None)
        if self._fields is not None:
            for index, session in enumerate(self._sessions):
                if session.id == session_id:
                    self._fields[index] = self._folded(session)
                    self._combined[index] = "\x00".join(self._fields[index].values())
                    if self._columns is not None:
                        for name, text in self._fields[index].items():
                            self._columns[name][index] = text
        self._last = ((), [])

    def note(self, session_id: str) -> str:
        return self._notes.get(session_id, "")

    def search(
        self,
        query: str,
        limit: int | None = None,
        accept: Callable[[Session], bool] | None = None,
    ) -> list[Hit]:
        """Sessions where every word of ``query`` occurs, best first, then in time order.

        With ``limit``, only that many of the best are returned (match_count tells how many
        matched); ``accept`` leaves out sessions it returns False for, such as filtered ones.
        """
        self.prepare()
        assert self._fields is not None
        words = query_words(query)
        if not words:
            return []
        needles = [" " + word for word in words]
        candidates = self._candidates(words)
        combined = self._combined
        matches = [i for i in candidates if all(needle in combined[i] for needle in needles)]
        self._last = (words, matches)
        if accept is not None:
            sessions = self._sessions
            matches = [i for i in matches if accept(sessions[i])]
        self._shown = len(matches)
        scores = self._scores(matches, needles)
        best = sorted(matches, key=lambda i: -scores[i])
        if limit is not None:
            best = best[:limit]
        return [self._hit(i, scores[i], needles) for i in best]

    def _scores(self, matches: list[int], needles: list[str]) -> dict[int, int]:
        """Each match's score: per word, the weight of the best field that has it.

        Fields are tried best first, a whole field at a time over the matches still
        unplaced, which keeps the work per match small at congress scale.
        """
        assert self._columns is not None
        scores = dict.fromkeys(matches, 0)
        for needle in needles:
            unplaced = matches
            for name, weight in _BY_WEIGHT:
                column = self._columns[name]
                found = [i for i in unplaced if needle in column[i]]
                for i in found:
                    scores[i] += weight
                if len(found) == len(unplaced):
                    break
                placed = set(found)
                unplaced = [i for i in unplaced if i not in placed]
        return scores

    @property
    def match_count(self) -> int:
        """How many sessions the last search matched and accepted, before any limit."""
        return self._shown

    def _candidates(self, words: tuple[str, ...]) -> list[int] | range:
        """The last query's matches when this query only narrows it, or every session."""
        last_words, last_matches = self._last
        narrows = (
            last_words
            and len(words) >= len(last_words)
            and all(new.startswith(old) for old, new in zip(last_words, words, strict=False))
        )
        return last_matches if narrows else range(len(self._sessions))

    def _hit(self, index: int, score: int, needles: list[str]) -> Hit:
        session = self._sessions[index]
        assert self._fields is not None
        fields = self._fields[index]
        best_field = max(
            (name for name, text in fields.items() if any(n in text for n in needles)),
            key=FIELD_WEIGHTS.__getitem__,
        )
        context = (
            "" if best_field == "title" else field_text(session, best_field, self.note(session.id))
        )
        return Hit(session=session, score=score, field=best_field, context=context)

"""Search over a schedule and its About page, ignoring case, accents, word forms and
US or UK spelling.

A word typed matches a word that starts with it ("traffick" finds "trafficking"; "3" does
not find "2013"), or a word of the same stem ("remittances" finds "remittance", "labor"
finds "labour"), so that people find what they mean. Every word typed must match.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from hldtui.model import Conference, Schedule, Session

# Where a word is found decides how high the session ranks.
FIELD_WEIGHTS = {
    "title": 8,
    "theme": 6,
    "chairs": 4,
    "room": 4,
    "ids": 4,
    "keywords": 3,
    "papers": 3,
    "note": 2,
    "description": 1,
}


_BY_WEIGHT = sorted(FIELD_WEIGHTS.items(), key=lambda item: -item[1])
_NAMES = [name for name, _ in _BY_WEIGHT]
_WEIGHTS = [weight for _, weight in _BY_WEIGHT]
KEPT_WORDS = 64
"""Query words whose matches are remembered, the least recently used forgotten first."""

# US spellings made British, on stems, so that both spellings meet.
_UK_STEMS = {
    "labor": "labour",
    "behavior": "behaviour",
    "favor": "favour",
    "honor": "honour",
    "color": "colour",
    "neighbor": "neighbour",
    "harbor": "harbour",
    "center": "centr",
    "theater": "theatr",
    "defens": "defenc",
    "licens": "licenc",
    "program": "programm",
    "catalog": "catalogu",
    "dialog": "dialogu",
}
_IZE = re.compile(r"(?<=\w\w)([iy])z(e|es|ed|ing|er|ers|ation|ations|ational)$")
_STEMMERS = threading.local()


def _stemmer() -> Any:  # snowballstemmer has no types
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """The stem of a folded word, with US spelling made British: 'remittances' and
    'remittance' give 'remitt', 'labor' and 'labour' give 'labour'."""
    stemmed = _stemmer().stemWord(_IZE.sub(r"\1s\2", word))
    return _UK_STEMS.get(stemmed, stemmed)


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


SEARCH_LIMIT = 200
"""Characters of a search that are read: a long paste costs no more than a long phrase."""


def query_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_NON_WORD.sub(" ", fold(query[:SEARCH_LIMIT])).split()))


def _word_text(text: str) -> str:
    """Folded text with every run of punctuation or space made one space, and one in front."""
    return " " + _NON_WORD.sub(" ", fold(text))


def _stems(word_text: str) -> set[str]:
    return {stem(word) for word in word_text.split()}


_WORD = re.compile(r"[^\W_]+")


def matches(word: str, query_word: str) -> bool:
    """Whether a folded word of the text matches a folded word of the query."""
    return word.startswith(query_word) or stem(word) == stem(query_word)


def match_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of ``text`` where any of the folded ``words`` match: from
    the start of a word to the end of the part typed, or the whole word for a stem."""
    if not words:
        return []
    folded, origins = folded_with_map(text)
    spans = []
    for found in _WORD.finditer(folded):
        word, end = found.group(), found.start()
        for query_word in words:
            if word.startswith(query_word):
                end = max(end, found.start() + len(query_word))
            elif stem(word) == stem(query_word):
                end = found.end()
        if end > found.start():
            spans.append((origins[found.start()], origins[end - 1] + 1))
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


def match_letters(query: str) -> str:
    """The letters of a fuzzy query: folded, without its spaces."""
    return fold(query).replace(" ", "")


def fold_for_match(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded for fuzzy matching, and the index in ``text`` of each folded letter."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded, origins = folded_with_map(text)
    return folded, origins


def fuzzy_score(letters: str, folded: str) -> tuple[float, list[int]]:
    """How well ``letters`` (see match_letters) occur in order in ``folded`` (0 when they
    do not), and where. Linear in the length of ``folded``, whatever the letters."""
    found = folded.find(letters)
    if found >= 0:
        positions = list(range(found, found + len(letters)))
    else:
        positions, index = [], 0
        for letter in letters:
            index = folded.find(letter, index)
            if index < 0:
                return 0.0, []
            positions.append(index)
            index += 1
    groups = 1 + sum(1 for a, b in pairwise(positions) if b != a + 1)
    word_starts = sum(1 for p in positions if p == 0 or not folded[p - 1].isalnum())
    return (1 + word_starts / len(positions)) / groups + (1 if found >= 0 else 0), positions


def fuzzy_match(query: str, text: str) -> tuple[float, tuple[int, ...]]:
    """How well the letters of ``query`` occur in order in ``text`` (0 when they do not),
    and the indexes in ``text`` of the letters matched. Case, accents and the query's
    spaces are ignored. Linear in the length of ``text``, whatever the query.
    """
    letters = match_letters(query)
    if not letters:
        return 0.0, ()
    folded, origins = fold_for_match(text)
    score, positions = fuzzy_score(letters, folded)
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
        papers = session.papers + session.links
        return "; ".join(" ".join(filter(None, (p.title, p.publisher, p.note))) for p in papers)
    if field == "ids":
        return " ".join(session.file_keys)
    if field == "keywords":
        return " ".join(keyword.word for keyword in session.keywords)
    return getattr(session, field)


@dataclass(frozen=True)
class AboutEntry:
    """A passage of the About screen that search can find: the overview, one point of the
    agenda for action or one key figure."""

    key: str
    label: str
    text: str


def about_entries(conference: Conference) -> tuple[AboutEntry, ...]:
    entries = []
    if conference.overview:
        entries.append(AboutEntry("overview", "Overview", conference.overview))
    if conference.agenda is not None:
        for number, point in enumerate(conference.agenda.points, start=1):
            label = f"{conference.agenda.title}, point {number}"
            entries.append(AboutEntry(f"agenda-{number}", label, point.text))
    for number, figure in enumerate(conference.key_figures, start=1):
        text = " ".join(filter(None, (figure.figure, figure.label, figure.note)))
        entries.append(AboutEntry(f"figure-{number}", "Key figure", text))
    return tuple(entries)


_NOTHING: frozenset[int] = frozenset()
UNSTEMMED = frozenset({"ids"})
"""Fields matched only as written: ids and codes have no word forms."""


class _Postings:
    """The sessions of each stem. Most stems of a big programme name one session, so one
    is kept as a bare index and only several as a set, a tenth of the memory."""

    __slots__ = ("_by_stem",)

    def __init__(self) -> None:
        self._by_stem: dict[str, int | set[int]] = {}

    def add(self, stem: str, index: int) -> None:
        found = self._by_stem.get(stem)
        if found is None:
            self._by_stem[stem] = index
        elif isinstance(found, int):
            if found != index:
                self._by_stem[stem] = {found, index}
        else:
            found.add(index)

    def discard(self, stem: str, index: int) -> None:
        found = self._by_stem.get(stem)
        if found == index:
            del self._by_stem[stem]
        elif isinstance(found, set):
            found.discard(index)

    def get(self, stem: str) -> Collection[int]:
        found = self._by_stem.get(stem)
        if found is None:
            return _NOTHING
        return (found,) if isinstance(found, int) else found


@dataclass(frozen=True)
class _Needle:
    """A word of the query: as the start of a word (" migr"), and as a stem."""

    start: str
    stem: str


class SearchIndex:
    """Folded text of every session's searchable fields, and the sessions of every stem,
    built once per schedule.

    ``notes`` gives the delegate's private notes by session id, as the plan holds them: a
    mapping that is replaced, not changed, when a note changes, so that a search can tell
    at a glance whether to index the notes again.

    Each session also has all its fields in one text, so that a query first picks the
    sessions where a word occurs and places it in its best field once. Each word's
    matches are remembered, and a word typed on from a remembered one looks only at that
    one's matches and those its new stem brings, instead of scanning every session again.
    """

    def __init__(self, schedule: Schedule, notes: Callable[[], Mapping[str, str]] = dict) -> None:
        self._sessions = schedule.sessions
        self._positions = {session.id: index for index, session in enumerate(schedule.sessions)}
        self._about = about_entries(schedule.conference)
        self._read_notes = notes
        self._notes = notes()
        self._prepared = False
        self._columns: dict[str, list[str]] = {}
        """Each field's folded text by session, for ranking a whole field at a time."""
        self._field_stems: dict[str, _Postings] = {}
        """The sessions of each stem, by field."""
        self._combined: list[str] = []
        """Each session's fields in one text, to tell at once whether a word is there."""
        self._by_word: OrderedDict[_Needle, dict[int, None]] = OrderedDict()
        """The sessions each query word matches, most recently used last."""
        self._placed: dict[_Needle, dict[int, int]] = {}
        """The best field of each query word in the sessions ranked so far."""
        self._shown = 0
        self._building = threading.Lock()

    def prepare(self) -> None:
        """Fold every field now (otherwise the first search does it); safe from a thread."""
        with self._building:
            if self._prepared:
                return
            fields = [self._folded(session) for session in self._sessions]
            self._combined = ["\x00".join(entry.values()) for entry in fields]
            self._columns = {name: [entry[name] for entry in fields] for name in FIELD_WEIGHTS}
            self._field_stems = {name: _Postings() for name in FIELD_WEIGHTS}
            for index, entry in enumerate(fields):
                self._add_stems(index, entry)
            self._prepared = True

    def _add_stems(self, index: int, entry: dict[str, str]) -> None:
        for name, text in entry.items():
            if name in UNSTEMMED:
                continue
            by_stem = self._field_stems[name]
            for word_stem in _stems(text):
                by_stem.add(word_stem, index)

    def _folded(self, session: Session) -> dict[str, str]:
        note = self._notes.get(session.id, "")
        return {name: _word_text(field_text(session, name, note)) for name in FIELD_WEIGHTS}

    def _follow_notes(self) -> None:
        """Index again the sessions whose notes changed since the last search."""
        notes = self._read_notes()
        if notes is self._notes:
            return
        changed = {
            key
            for key in notes.keys() | self._notes.keys()
            if notes.get(key) != self._notes.get(key)
        }
        self._notes = notes
        for session_id in changed:
            index = self._positions.get(session_id)
            if index is not None:
                self._replace(index, self._folded(self._sessions[index]))
        self._by_word.clear()
        self._placed.clear()

    def _replace(self, index: int, entry: dict[str, str]) -> None:
        old = " ".join(self._columns[name][index] for name in FIELD_WEIGHTS)
        for word_stem in _stems(old):
            for by_stem in self._field_stems.values():
                by_stem.discard(word_stem, index)
        self._combined[index] = "\x00".join(entry.values())
        for name, text in entry.items():
            self._columns[name][index] = text
        self._add_stems(index, entry)

    def search(
        self,
        query: str,
        limit: int | None = None,
        accept: Callable[[Session], bool] | None = None,
    ) -> list[Hit]:
        """Sessions where every word of ``query`` matches, best first, then in time order.

        With ``limit``, only that many of the best are returned (match_count tells how many
        matched); ``accept`` leaves out sessions it returns False for, such as filtered ones.
        """
        self.prepare()
        self._follow_notes()
        words = query_words(query)
        if not words:
            return []
        needles = [_Needle(" " + word, stem(word)) for word in words]
        per_word = [self._members(needle) for needle in needles]
        smallest = min(per_word, key=len)
        found = list(smallest)
        for members in per_word:
            if members is not smallest:
                found = [i for i in found if i in members]
        if accept is not None:
            sessions = self._sessions
            found = [i for i in found if accept(sessions[i])]
        self._shown = len(found)
        return [
            self._hit(i, score, field) for i, score, field in self._ranked(found, needles, limit)
        ]

    def search_about(self, query: str) -> list[AboutEntry]:
        """The About passages in which every word of ``query`` matches."""
        words = query_words(query)
        if not words:
            return []
        found = []
        for entry in self._about:
            text_words = _word_text(entry.text).split()
            if all(any(matches(w, q) for w in text_words) for q in words):
                found.append(entry)
        return found

    @property
    def match_count(self) -> int:
        """How many sessions the last search matched and accepted, before any limit."""
        return self._shown

    def _members(self, needle: _Needle) -> dict[int, None]:
        """The sessions where one word of a query matches, in order. Remembered per word,
        so typing on reworks only the word typed; a word typed on from a remembered one
        looks only at that one's sessions, and at those its own stem brings."""
        found = self._by_word.get(needle)
        if found is not None:
            self._by_word.move_to_end(needle)
            return found
        stems = set().union(*(by_stem.get(needle.stem) for by_stem in self._field_stems.values()))
        shorter = [
            kept
            for earlier, kept in self._by_word.items()
            if needle.start.startswith(earlier.start)
        ]
        candidates: Iterable[int]
        if shorter:
            narrowest = min(shorter, key=len)
            candidates = sorted(narrowest.keys() | stems) if stems else narrowest
        else:
            candidates = range(len(self._sessions))
        combined, start = self._combined, needle.start
        found = dict.fromkeys(i for i in candidates if start in combined[i] or i in stems)
        self._by_word[needle] = found
        if len(self._by_word) > KEPT_WORDS:
            forgotten, _ = self._by_word.popitem(last=False)
            self._placed.pop(forgotten, None)
        return found

    def _ranked(
        self, found: list[int], needles: list[_Needle], limit: int | None
    ) -> list[tuple[int, int, str]]:
        """The best of ``found`` as (index, score, best field), best first, then in order.

        A session scores, for each word, the weight of the best field it is in. For one
        word, fields are tried best first, a whole field at a time, and the work stops
        once ``limit`` sessions are placed: the rest could only rank lower.
        """
        if len(needles) == 1:
            needle, ranked = needles[0], []
            for name, weight in _BY_WEIGHT:
                column = self._columns[name]
                with_stem = self._field_stems[name].get(needle.stem)
                left = []
                for i in found:
                    if needle.start in column[i] or i in with_stem:
                        ranked.append((i, weight, name))
                        if len(ranked) == limit:
                            return ranked
                    else:
                        left.append(i)
                found = left
                if not found:
                    break
            return ranked
        placements = [self._placement(needle, found) for needle in needles]
        # Whole columns at a time, in C: each word's weight per session, then their sums.
        per_word = [
            map(_WEIGHTS.__getitem__, map(placed.__getitem__, found)) for placed in placements
        ]
        scores = list(map(sum, zip(*per_word, strict=True)))
        if limit is None:
            order = sorted(range(len(found)), key=scores.__getitem__, reverse=True)
        else:
            order = heapq.nlargest(limit, range(len(found)), key=scores.__getitem__)
        return [
            (found[k], scores[k], _NAMES[min(placed[found[k]] for placed in placements)])
            for k in order
        ]

    def _placement(self, needle: _Needle, indices: list[int]) -> dict[int, int]:
        """The best field (by rank, 0 the best) of a word in each of these sessions,
        remembered, so that typing the next word places only that word.

        A word typed on from a placed one cannot be in a better field than that one was,
        except through its own stem: those fields are only looked up by stem."""
        placed = self._placed.setdefault(needle, {})
        missing = [i for i in indices if i not in placed]
        if not missing:
            return placed
        shorter = max(
            (
                earlier
                for earlier in self._placed
                if earlier != needle and needle.start.startswith(earlier.start)
            ),
            key=lambda earlier: len(earlier.start),
            default=None,
        )
        floors = self._placed[shorter] if shorter is not None else {}
        # The best field (as a rank) where each session has the word's stem.
        by_stem: dict[int, int] = {}
        for rank in reversed(range(len(_BY_WEIGHT))):
            by_stem.update(dict.fromkeys(self._field_stems[_NAMES[rank]].get(needle.stem), rank))
        columns = [self._columns[name] for name in _NAMES]
        start, last = needle.start, len(_NAMES) - 1
        for i in missing:
            rank = floors.get(i, 0)
            while rank < last and start not in columns[rank][i]:
                rank += 1
            placed[i] = min(rank, by_stem.get(i, last))
        return placed

    def _hit(self, index: int, score: int, best_field: str) -> Hit:
        session = self._sessions[index]
        context = (
            ""
            if best_field == "title"
            else field_text(session, best_field, self._notes.get(session.id, ""))
        )
        return Hit(session=session, score=score, field=best_field, context=context)

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
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import add, and_, mul, rshift
from typing import Any, TypeAlias

from hldtui.model import Conference, Person, Schedule, Session, session_order

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
KEPT_WORDS = 16
"""Query words whose sessions are remembered, the least recently used forgotten first."""

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
    if len(word) <= 2 or word.isdigit():
        # What the stemmer gives them, without its work: most of a big programme's words
        # are numbers.
        return word
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
_MOST_WORDS = SEARCH_LIMIT + 1
"""More than a query's words can be: a score counts before the words had whole."""


def query_words(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_NON_WORD.sub(" ", fold(query[:SEARCH_LIMIT])).split()))


def _word_text(text: str) -> str:
    """Folded text with every run of punctuation or space made one space, and one in front."""
    return " " + _NON_WORD.sub(" ", fold(text))


_WORD = re.compile(r"[^\W_]+")


def starts_words(words: tuple[str, ...], text: str) -> bool:
    """Whether every one of the folded query ``words`` starts a word of ``text``, case and
    accents ignored: how a picker's list narrows as one types."""
    text_words = _word_text(text).split()
    return all(any(word.startswith(query) for word in text_words) for query in words)


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


class FuzzyMatcher:
    """The texts a fuzzy query matches best (see `fuzzy_score`), found in time that does
    not grow with the texts while enough of them hold the letters in a run: such a text
    outranks any other (it scores 2 or more, the others less), and one whose run starts a
    word outranks one whose run does not, so the best come in the texts' order. Otherwise
    every text is scored; typing on then looks only at the last query's matches."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._last: tuple[str, Sequence[int]] = ("", range(len(texts)))

    def best(self, letters: str, limit: int) -> list[tuple[float, int, list[int]]]:
        """(score, index, positions) of the best ``limit`` texts that ``letters`` (see
        `match_letters`) match, best first, then in order."""
        if letters.isalnum():
            found = self._runs(letters, limit)
            if found is not None:
                return found
        last_letters, last_found = self._last
        candidates = (
            last_found
            if last_letters and letters.startswith(last_letters)
            else range(len(self._texts))
        )
        scored = []
        for index in candidates:
            score, positions = fuzzy_score(letters, self._texts[index])
            if score > 0:
                scored.append((score, -index, positions))
        self._last = (letters, [-index for _, index, _ in scored])
        return [
            (score, -index, positions) for score, index, positions in heapq.nlargest(limit, scored)
        ]

    def _runs(self, letters: str, limit: int) -> list[tuple[float, int, list[int]]] | None:
        """The best texts where the letters (all letters or digits) come in a run, if at
        least ``limit`` texts hold them so; None otherwise."""
        size, texts = len(letters), self._texts
        # As fuzzy_score scores a run at a word's start (only its first letter can be),
        # and a run inside a word.
        at_start, inside = (1 + 1 / size) + 1, (1 + 0 / size) + 1
        starting: list[tuple[float, int, list[int]]] = []
        within: list[tuple[float, int, list[int]]] = []
        for index in compress(range(len(texts)), map(str.__contains__, texts, repeat(letters))):
            text = texts[index]
            found = text.find(letters)
            positions = list(range(found, found + size))
            if found == 0 or not text[found - 1].isalnum():
                starting.append((at_start, index, positions))
                if len(starting) == limit:
                    return starting
            elif len(within) < limit:
                within.append((inside, index, positions))
        runs = starting + within
        return runs[:limit] if len(runs) >= limit else None


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


UNSTEMMED = frozenset({"ids"})
"""Fields matched only as written: ids and codes have no word forms."""
_RANK_BITS = 4
"""Bits of an entry that hold the field's rank (0 the best): room for 16 fields."""
_RANK_MASK = (1 << _RANK_BITS) - 1
_NOTE_RANK = _NAMES.index("note")
_IDS_RANK = _NAMES.index("ids")
Postings: TypeAlias = "dict[str, int | array[int]]"
"""Entries by word while an index is built: one as a bare number, more in an array."""


def _post(postings: Postings, ranks: Mapping[str, int], base: int = 0) -> None:
    """Post each word of ``ranks`` with the entry ``base | rank``."""
    get = postings.get
    for word, rank in ranks.items():
        entry = base | rank
        found = get(word)
        if found is None:
            postings[word] = entry
        elif isinstance(found, int):
            postings[word] = array("I", (found, entry))
        else:
            found.append(entry)


class _Words:
    """Words in sorted order, each with its entries: numbers, such as a session and the
    best field it has the word in (``index << 4 | rank``).

    The words are one string and the entries one array, a word's entries side by side, so
    that the words a prefix starts are neighbours and their entries one slice: a query
    reads no text, and the words take a few bytes each, their entries four.
    """

    __slots__ = ("_bounds", "_entries", "_starts", "_text")

    def __init__(self, postings: Postings) -> None:
        words = sorted(postings)
        self._text = "".join(words)
        self._bounds = array("I", [0, *accumulate(map(len, words))])
        """Where each word ends in the text, after a 0."""
        self._entries = array("I")
        self._starts = array("I", [0])
        """Where each word's entries end, after a 0."""
        for word in words:
            entries = postings[word]
            if isinstance(entries, int):
                self._entries.append(entries)
            else:
                self._entries.extend(entries)
            self._starts.append(len(self._entries))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def word(self, number: int) -> str:
        return self._text[self._bounds[number] : self._bounds[number + 1]]

    def entries(self, number: int) -> array[int]:
        return self._entries[self._starts[number] : self._starts[number + 1]]

    def starting(self, prefix: str) -> array[int]:
        """The entries of every word that starts with ``prefix``."""
        size = len(prefix)

        def start(number: int) -> str:
            return self.word(number)[:size]

        first = bisect_left(range(len(self)), prefix, key=start)
        last = bisect_right(range(len(self)), prefix, lo=first, key=start)
        return self._entries[self._starts[first] : self._starts[last]]

    def exactly(self, word: str) -> array[int]:
        """The entries of ``word``."""
        at = bisect_left(range(len(self)), word, key=self.word)
        return self.entries(at) if at < len(self) and self.word(at) == word else array("I")

    def stems(self) -> _Words:
        """The stems of these words, each with the numbers of its words."""
        by_stem: Postings = {}
        for number in range(len(self)):
            _post(by_stem, {stem(self.word(number)): number})
        return _Words(by_stem)


class _Vocabulary:
    """Words with their sessions and best fields, found by a query word's prefix and, if
    they have word forms, by its stem."""

    __slots__ = ("_stems", "_words")

    def __init__(self, postings: Postings, *, stemmed: bool = True) -> None:
        self._words = _Words(postings)
        self._stems = self._words.stems() if stemmed else _Words({})

    def whole(self, word: str) -> array[int]:
        """The entries of ``word`` itself, not of the longer words it starts."""
        return self._words.exactly(word)

    def entries(self, word: str, word_stem: str) -> array[int]:
        """The entries of every word that starts with ``word`` or has its stem."""
        found = self._words.starting(word)
        for number in self._stems.exactly(word_stem):
            found += self._words.entries(number)
        return found


_NOTHING = _Vocabulary({})


class SearchIndex:
    """The words of every session's searchable fields, each with the sessions that have it
    and the best field each has it in, built once per schedule.

    ``notes`` gives the delegate's private notes by session id, as the plan holds them: a
    mapping that is replaced, not changed, when a note changes, so that a search can tell
    at a glance whether to index the notes again. Notes have an index of their own, small
    and made again when they change.

    A query word finds every word that starts with it, and every word of its stem, by
    looking them up: no text is read, whatever the size of the programme. Each query
    word's sessions are remembered, so typing a second word works out only that word.
    """

    def __init__(self, schedule: Schedule, notes: Callable[[], Mapping[str, str]] = dict) -> None:
        self._schedule = schedule
        self._sessions = schedule.sessions
        self._about = about_entries(schedule.conference)
        self._read_notes = notes
        self._notes = notes()
        self._prepared = False
        self._fields = self._ids = self._noted = _NOTHING
        """The words of the fields with word forms, of the ids, and of the notes."""
        self._guids: dict[str, int | tuple[int, ...]] = {}
        """The session (or sessions) of each guid, which a query finds whole: its pieces
        would be most of a big programme's words, and nobody types a guid piece by piece."""
        self._by_word: OrderedDict[str, dict[int, int]] = OrderedDict()
        self._whole: OrderedDict[str, dict[int, int]] = OrderedDict()
        """The best field of each query word in each session that has it, the most
        recently used last."""
        self._shown = 0
        self._building = threading.Lock()
        self._people: _Words | None = None

    def prepare(self) -> None:
        """Index every session now (otherwise the first search does it); safe from a
        thread."""
        with self._building:
            if self._prepared:
                return
            fields: Postings = {}
            ids: Postings = {}
            guids: dict[str, int | tuple[int, ...]] = {}
            for index, session in enumerate(self._sessions):
                base = index << _RANK_BITS
                _post(fields, _best_ranks(session), base)
                keys = " ".join(key for key in session.file_keys if key != session.guid)
                _post(ids, dict.fromkeys(_word_text(keys).split(), _IDS_RANK), base)
                if session.guid:
                    key = session.guid.casefold()
                    kept = guids.get(key)
                    guids[key] = index if kept is None else (*_indices(kept), index)
            self._fields, self._ids = _Vocabulary(fields), _Vocabulary(ids, stemmed=False)
            self._guids = guids
            self._index_notes()
            self._people_names()
            self._prepared = True

    def _index_notes(self) -> None:
        postings: Postings = {}
        for session_id, note in self._notes.items():
            session = self._schedule.get(session_id)
            if session is not None:
                index = bisect_left(self._sessions, session_order(session), key=session_order)
                _post(
                    postings,
                    dict.fromkeys(_word_text(note).split(), _NOTE_RANK),
                    index << _RANK_BITS,
                )
        self._noted = _Vocabulary(postings)

    def _follow_notes(self) -> None:
        """Index the notes again if they changed since the last search."""
        notes = self._read_notes()
        if notes is not self._notes:
            self._notes = notes
            self._index_notes()
            self._by_word.clear()

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
        per_word = [self._fields_of(word) for word in words]
        if (guid := self._guids.get(query.strip().casefold())) is not None:
            per_word = [
                {**fields, **{i: min(fields.get(i, _IDS_RANK), _IDS_RANK) for i in _indices(guid)}}
                for fields in per_word
            ]
        smallest = min(per_word, key=len)
        common: Iterable[int] = smallest.keys()
        for fields in per_word:
            if fields is not smallest:
                common = fields.keys() & common
        found = sorted(common)
        if accept is not None:
            sessions = self._sessions
            found = [i for i in found if accept(sessions[i])]
        self._shown = len(found)
        # Equal scores go to sessions that have more of the words whole: "round table 2"
        # puts Round table 2 before Round table 1, whose "2015" the "2" starts.
        whole = [sessions for sessions in map(self._whole_of, words) if sessions]
        counts = whole[0] if len(whole) == 1 else Counter(chain.from_iterable(whole))
        ties = list(map(counts.get, found, repeat(0))) if whole else None
        ranked = _ranked(found, per_word, ties, limit)
        return [self._hit(i, score, field) for i, score, field in ranked]

    def search_people(self, query: str) -> list[Person]:
        """The people each of whose query words starts a word of their name, by name."""
        words = query_words(query)
        if not words:
            return []
        names = self._schedule.person_names
        index = self._people_names()
        found: set[int] | None = None
        for word in words:
            places = set(index.starting(word))
            found = places if found is None else found & places
            if not found:
                return []
        return [self._schedule.person(names[place]) for place in sorted(found or ())]

    def _people_names(self) -> _Words:
        """The folded words of the names of everyone the programme names, each with the
        name's place in `Schedule.person_names`: made once, in `prepare` or at the first
        search."""
        if self._people is None:
            postings: Postings = {}
            for place, name in enumerate(self._schedule.person_names):
                _post(postings, dict.fromkeys(_word_text(name).split(), 0), place)
            self._people = _Words(postings)
        return self._people

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

    def _fields_of(self, word: str) -> dict[int, int]:
        """The best field of a query word in each session that has it: a word of the
        session's that starts with it, or one of the same stem. Remembered, the least
        recently used forgotten first."""
        found = self._by_word.get(word)
        if found is not None:
            self._by_word.move_to_end(word)
            return found
        word_stem = stem(word)
        entries = self._fields.entries(word, word_stem)
        entries += self._ids.entries(word, word_stem)
        entries += self._noted.entries(word, word_stem)
        # A session's entries in falling order end with its best field, which is the one
        # the dictionary keeps.
        ordered = sorted(entries, reverse=True)
        found = dict(
            zip(
                map(rshift, ordered, repeat(_RANK_BITS)),
                map(and_, ordered, repeat(_RANK_MASK)),
                strict=True,
            )
        )
        self._by_word[word] = found
        if len(self._by_word) > KEPT_WORDS:
            self._by_word.popitem(last=False)
        return found

    def _whole_of(self, word: str) -> dict[int, int]:
        """The sessions that have ``word`` itself (each counting 1), remembered as
        `_fields_of` does."""
        found = self._whole.get(word)
        if found is None:
            found = dict.fromkeys(map(rshift, self._fields.whole(word), repeat(_RANK_BITS)), 1)
            self._whole[word] = found
            if len(self._whole) > KEPT_WORDS:
                self._whole.popitem(last=False)
        else:
            self._whole.move_to_end(word)
        return found

    def _hit(self, index: int, score: int, best_field: str) -> Hit:
        session = self._sessions[index]
        context = (
            ""
            if best_field == "title"
            else field_text(session, best_field, self._notes.get(session.id, ""))
        )
        return Hit(session=session, score=score, field=best_field, context=context)


def _best_ranks(session: Session) -> dict[str, int]:
    """Each word of the session's fields with word forms, with the best field (by rank)
    it is in."""
    best: dict[str, int] = {}
    # The worst field first, so that a better one has the last word.
    for rank in reversed(range(len(_NAMES))):
        if _NAMES[rank] not in UNSTEMMED:
            best.update(dict.fromkeys(_word_text(field_text(session, _NAMES[rank])).split(), rank))
    return best


def _indices(kept: int | tuple[int, ...]) -> tuple[int, ...]:
    return (kept,) if isinstance(kept, int) else kept


def _ranked(
    found: list[int], per_word: list[dict[int, int]], ties: list[int] | None, limit: int | None
) -> list[tuple[int, int, str]]:
    """The best of ``found`` as (index, score, best field), best first, then in order. A
    session scores, for each query word, the weight of the best field it is in; ``ties``
    (how many words it has whole, None for none) orders equal scores."""
    # Whole columns at a time, in C: each word's weight per session, then their sums.
    weights = [map(_WEIGHTS.__getitem__, map(fields.__getitem__, found)) for fields in per_word]
    scores = list(map(sum, zip(*weights, strict=True)))
    keys = scores if ties is None else list(map(add, map(mul, scores, repeat(_MOST_WORDS)), ties))
    if limit is None:
        order = sorted(range(len(found)), key=keys.__getitem__, reverse=True)
    else:
        order = heapq.nlargest(limit, range(len(found)), key=keys.__getitem__)
    return [
        (found[k], scores[k], _NAMES[min(fields[found[k]] for fields in per_word)]) for k in order
    ]

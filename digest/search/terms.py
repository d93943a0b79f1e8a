"""One record's terms, and what each is worth to it: BM25F computed at build time.

A posting carries an *impact*, the record's saturated BM25F term frequency quantised to
1..IMPACT_MAX, instead of raw field frequencies. The browser then needs only the term's
document frequency to score (idf x impact), never every record's field lengths: at 10,000
articles those lengths alone were hundreds of kilobytes a query had to load.

Lengths are rounded to steps of LENGTH_STEP, the records' as well as the averages that BM25
normalises by, so that an edit almost never moves the averages (which would move every
impact) and a sentence added to an article leaves its other terms' impacts alone: the edit
rewrites the shards of the terms it touched, and the rest stays byte-identical. BM25 needs
lengths only roughly.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter, or_

from digest.search.record import SearchRecord
from digest.search.tokenize import Stemmer, words

FIELDS = ("title", "body", "speaker")
BOOST = (3.0, 1.0, 2.5)  # a title or speaker match is worth more than one in the body
K1 = 1.2
B = 0.75
IMPACT_MAX = 255  # search.js: score = idf * impact / IMPACT_MAX * (K1 + 1)
FREQ_CAP = 63  # a field's frequency in 6 bits; BM25 saturates long before
LENGTH_STEP = 1.1
_LAST = itemgetter(-1)


@dataclass(frozen=True, slots=True)
class Analysed:
    """A record's distinct terms with their field frequencies, and its field lengths.

    Kept for every record while the index lives, hence arrays and tuples of shared strings
    rather than sets and dicts: at 10,000 articles that was a gigabyte.
    """

    terms: tuple[str, ...]
    packed: array[int]  # per term: title | body << 6 | speaker << 12
    lengths: tuple[int, int, int]  # words in title, body, speaker
    words: tuple[str, ...]  # distinct words, for the prefix shards' document frequencies


def analyse(record: SearchRecord, stemmer: Stemmer) -> Analysed:
    # Millions of words in a cold build: every step per word or term runs in C (map, chain
    # and Counter), none in a Python loop.
    lookup = stemmer.table_for(record.language).__getitem__
    title, body, speaker = words(record.title), words(record.body), words(record.speaker or "")
    counted = Counter(chain.from_iterable(map(lookup, body)))
    packed = dict(zip(counted, map(_BODY.__getitem__, counted.values()), strict=True))
    for field, code in ((title, _TITLE), (speaker, _SPEAKER)):
        if field:
            counted = Counter(chain.from_iterable(map(lookup, field)))
            packed.update(zip(counted, map(or_, map(packed.get, counted, repeat(0)),
                                           map(code.__getitem__, counted.values())),
                              strict=True))
    distinct = set(body)
    distinct.update(title, speaker)
    return Analysed(tuple(packed), array("I", packed.values()),
                    (len(title), len(body), len(speaker)),
                    tuple(map(_LAST, map(lookup, distinct))))


class _Code(dict[int, int]):
    """A field's frequency -> its bits of the packed frequencies (capped): a lookup in C."""

    def __init__(self, shift: int) -> None:
        super().__init__()
        self._shift = shift

    def __missing__(self, count: int) -> int:
        code = self[count] = min(count, FREQ_CAP) << self._shift
        return code


_TITLE, _BODY, _SPEAKER = _Code(0), _Code(6), _Code(12)


def rounded(length: float) -> float:
    """A length to a power of LENGTH_STEP; exact below 16 words, where a word matters."""
    if length < 16:
        return length
    return _step(length)


def _step(length: float) -> float:
    return round(LENGTH_STEP ** round(math.log(length, LENGTH_STEP)), 6)


def averages(totals: Sequence[int], count: int) -> tuple[float, ...]:
    """Mean length of each field, to a power of LENGTH_STEP however short (0 for a field
    no record has): a title's words edited must not move the mean of every title."""
    return tuple(_step(total / count) if count and total else 0.0 for total in totals)


class Impacts:
    """Impacts under one set of average lengths: records of the same rounded lengths share
    their table of impact by packed frequencies, so a record's impacts are a lookup each."""

    def __init__(self, average: Sequence[float]) -> None:
        self.average = tuple(average)
        self._tables: dict[tuple[float, ...], _Table] = {}

    def of(self, analysed: Analysed) -> Iterator[int]:
        """The impact of each of the record's terms, in the order of `analysed.terms`."""
        lengths = tuple(map(rounded, analysed.lengths))
        table = self._tables.get(lengths)
        if table is None:
            table = self._tables[lengths] = _Table(tuple(
                BOOST[f] / (1 - B + B * lengths[f] / self.average[f])
                if self.average[f] else 0.0 for f in range(len(FIELDS))))
        return map(table.__getitem__, analysed.packed)


class _Table(dict[int, int]):
    """packed frequencies -> impact, filled as lookups (in C) ask."""

    def __init__(self, weights: tuple[float, ...]) -> None:
        super().__init__()
        self._weights = weights

    def __missing__(self, packed: int) -> int:
        title, body, speaker = self._weights
        tf = (packed & 63) * title + (packed >> 6 & 63) * body + (packed >> 12) * speaker
        saturated = tf / (tf + K1)  # times (K1 + 1), which search.js multiplies back
        impact = self[packed] = max(1, round(saturated * IMPACT_MAX))
        return impact

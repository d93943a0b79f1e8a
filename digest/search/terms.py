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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from digest.search.record import SearchRecord
from digest.search.tokenize import Stemmer, words

FIELDS = ("title", "body", "speaker")
BOOST = (3.0, 1.0, 2.5)  # a title or speaker match is worth more than one in the body
K1 = 1.2
B = 0.75
IMPACT_MAX = 255  # search.js: score = idf * impact / IMPACT_MAX * (K1 + 1)
FREQ_CAP = 63  # a field's frequency in 6 bits; BM25 saturates long before
LENGTH_STEP = 1.1


@dataclass(frozen=True, slots=True)
class Analysed:
    """A record's distinct terms with their field frequencies, and its field lengths."""

    terms: tuple[str, ...]
    packed: tuple[int, ...]  # per term: title | body << 6 | speaker << 12
    lengths: tuple[int, int, int]  # words in title, body, speaker
    words: frozenset[str]  # distinct words, for the prefix shards' document frequencies


def analyse(record: SearchRecord, stemmer: Stemmer) -> Analysed:
    # The hot loop of a cold index build (millions of words): plain dicts, no helpers.
    table = stemmer.table
    fields: list[dict[str, int]] = []
    lengths: list[int] = []
    seen: set[str] = set()
    for text in (record.title, record.body, record.speaker or ""):
        found = words(text)
        lengths.append(len(found))
        counts = Counter(found)
        seen.update(counts)
        freqs: dict[str, int] = {}
        for word, count in counts.items():
            for term in table.get(word) or stemmer.terms(word):
                freqs[term] = freqs.get(term, 0) + count
        fields.append(freqs)
    title, body, speaker = fields
    packed = {term: (c if c < FREQ_CAP else FREQ_CAP) << 6 for term, c in body.items()}
    for term, c in title.items():
        packed[term] = packed.get(term, 0) | (c if c < FREQ_CAP else FREQ_CAP)
    for term, c in speaker.items():
        packed[term] = packed.get(term, 0) | (c if c < FREQ_CAP else FREQ_CAP) << 12
    return Analysed(tuple(packed), tuple(packed.values()), (lengths[0], lengths[1], lengths[2]),
                    frozenset(seen))


def rounded(length: float) -> float:
    """A length to a power of LENGTH_STEP; exact below 16 words, where a word matters."""
    if length < 16:
        return length
    return round(LENGTH_STEP ** round(math.log(length, LENGTH_STEP)), 6)


def averages(totals: Sequence[int], count: int) -> tuple[float, ...]:
    """Mean length of each field, rounded (0 for a field no record has)."""
    return tuple(rounded(total / count) if count else 0.0 for total in totals)


def impacts(analysed: Analysed, average: Sequence[float]) -> list[int]:
    """The impact of each of the record's terms, in the order of `analysed.terms`."""
    weights = [BOOST[f] / (1 - B + B * rounded(analysed.lengths[f]) / average[f])
               if average[f] else 0.0 for f in range(len(FIELDS))]
    title, body, speaker = weights
    known: dict[int, int] = {}  # most terms of a record share a few frequency patterns
    out: list[int] = []
    for packed in analysed.packed:
        code = known.get(packed)
        if code is None:
            tf = (packed & 63) * title + (packed >> 6 & 63) * body + (packed >> 12) * speaker
            saturated = tf / (tf + K1)  # times (K1 + 1), which search.js multiplies back
            code = known[packed] = max(1, round(saturated * IMPACT_MAX))
        out.append(code)
    return out

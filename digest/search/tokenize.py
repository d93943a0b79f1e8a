"""Words and index terms, by rules that templates/static/search.js repeats exactly.

A word is a run of letters and digits (`[^\\W_]`, i.e. Unicode letters and numbers; JS:
`[\\p{L}\\p{N}]`) in text that has been lower-cased, decomposed (NFKD) and stripped of
nonspacing marks, so "Naïve", "NAIVE" and "naive" are one word, and "Бурятія" keeps its
script. The browser folds a query the same way and never stems: the index lists every
word with its stem (see digest.search.index), so query terms always meet the index's
exact stems, whatever stemmer version built it.

Each word gives up to two terms: its English Snowball stem, for recall ("troops" finds
"troop"), and the word itself when the stem differs, so an exact spelling (a name such
as "Austin", which the stemmer would merge with other words) scores above its relatives.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

import snowballstemmer  # type: ignore[import-untyped]

_WORD = re.compile(r"[^\W_]+")


@cache
def _drop_marks() -> dict[int, None]:
    # One pass over Unicode (~0.15 s), once per process: a translate table is far
    # faster than testing the category of every character of every article.
    return {cp: None for cp in range(sys.maxunicode + 1)
            if unicodedata.category(chr(cp)) == "Mn"}


def fold(text: str) -> str:
    """Lower case first (so "İ" loses its dot with the other marks), then no accents."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_drop_marks())


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


class Stemmer:
    """English Snowball stems, remembered: a digest repeats the same few thousand words."""

    def __init__(self) -> None:
        self._snowball = snowballstemmer.stemmer("english")
        self.table: dict[str, tuple[str, ...]] = {}  # word -> terms, for hot loops to read

    def stem(self, word: str) -> str:
        return self.terms(word)[0]

    def terms(self, word: str) -> tuple[str, ...]:
        """The word's stem, then the word itself when it differs."""
        terms = self.table.get(word)
        if terms is None:
            stem = self._snowball.stemWord(word)
            terms = self.table[word] = (stem,) if stem == word else (stem, word)
        return terms

    def vocabulary(self) -> dict[str, str]:
        """Every word stemmed so far, with its stem."""
        return {word: terms[0] for word, terms in self.table.items()}

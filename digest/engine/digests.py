"""Stable digests of pipeline values: what query keys and page prints are made of.

A value is hashed by everything it holds, every field of a dataclass included: a digest
that leaves a field out lets a page go stale when only that field changes. Identity is a
shortcut, never a substitute: a value the engine has already digested (a query's result,
read back with its stored digest, or an object seen earlier in this build) is not walked
again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

# Scalars hashed by their repr, which is stable for these types (not for arbitrary objects,
# whose repr may hold a memory address: those are refused).
_SCALARS = (int, float, bool, type(None), date, datetime, time, PurePath, bytes)
_EXACT = frozenset(t for t in _SCALARS if t is not PurePath)  # PurePath: its subclasses


class Digests:
    """One instance serves a build (the preview keeps one across builds): it remembers the
    digest of each object it has seen by identity, keeping the object alive so that its id
    cannot pass to another one, for this generation and the last."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, str]] = {}
        self._previous: dict[int, tuple[object, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def __call__(self, value: Any) -> str:
        if is_dataclass(value) and not isinstance(value, type):
            return self._object(value)  # what it stands for inside other values, too
        parts: list[str] = []
        self._feed(value, parts)
        return _sha1(parts)

    def know(self, value: object, digest: str) -> None:
        """Record `value`'s digest, known without walking it (read from the store, or
        derived from the digests of what made it)."""
        self._seen[id(value)] = (value, digest)

    def derive(self, value: object, *sources: Any) -> None:
        """Record the digest of `value` made from `sources` alone (a copy of an entry with
        other topics: the entry's digest and the topics)."""
        self.know(value, hashlib.sha1("\0".join(map(self, sources)).encode()).hexdigest())

    def next_generation(self) -> None:
        """Forget what the build before last saw: memory stays flat across builds."""
        self._previous, self._seen = self._seen, {}

    def _object(self, item: Any) -> str:
        known = self._seen.get(id(item)) or self._previous.get(id(item))
        if known is not None and known[0] is item:
            self._seen[id(item)] = known
            return known[1]
        kind = type(item)
        names = self._fields.get(kind)
        if names is None:
            names = self._fields[kind] = tuple(f.name for f in fields(item))
        parts = [f"D{kind.__module__}.{kind.__qualname__}\0"]
        for name in names:  # _feed's first cases again, without a call for each field
            value = getattr(item, name)
            of = type(value)
            if of is str:
                parts.append(f"S{len(value)}\0")
                parts.append(value)
            elif of in _EXACT:
                parts.append(f"V{of.__name__}{value!r}\0")
            else:
                self._feed(value, parts)
        result = _sha1(parts)
        self._seen[id(item)] = (item, result)
        return result

    def _feed(self, item: Any, parts: list[str]) -> None:
        """Append an unambiguous text of `item` to `parts`; hashed once, at the end. Most
        of a build's values are strings, small scalars and dataclasses seen before: those
        are told by their exact type first, with no call further down."""
        kind = type(item)
        if kind is str:  # the commonest: a length prefix keeps it unambiguous, no repr
            parts.append(f"S{len(item)}\0")
            parts.append(item)
        elif kind is tuple or kind is list:
            parts.append(f"L{len(item)}\0")
            for member in item:
                if type(member) is str:
                    parts.append(f"S{len(member)}\0")
                    parts.append(member)
                else:
                    self._feed(member, parts)
        elif kind in _EXACT:
            parts.append(f"V{kind.__name__}{item!r}\0")
        elif kind in self._fields or (is_dataclass(item) and not isinstance(item, type)):
            parts.append(self._object(item))
        elif isinstance(item, _SCALARS):
            parts.append(f"V{kind.__name__}{item!r}\0")
        elif isinstance(item, Mapping):
            entries = sorted(item.items(), key=lambda kv: repr(kv[0]))
            parts.append(f"M{len(entries)}\0")
            for key, value in entries:
                self._feed(key, parts)
                self._feed(value, parts)
        elif (known := self._seen.get(id(item))) is not None and known[0] is item:
            parts.append(known[1])  # an input whose digest was given (people.yaml)
        else:
            raise TypeError(f"no stable digest for a {kind.__name__}: give it one with know()")


def _sha1(parts: list[str]) -> str:
    return hashlib.sha1("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

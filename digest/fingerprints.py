"""Page fingerprints: a page whose fingerprint is unchanged is not rendered again."""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from typing import Any

from digest.extract import Extracted

# A tuple, not `int | float`: a union written in the hot path is built on every call.
_SCALARS = (int, float, bool, type(None), str, tuple, list)  # subclasses of the exact ones


class Fingerprints:
    """Stable digests of page contexts: entries stand for themselves by checksum.

    One instance serves a whole build and remembers the digest of every dataclass it
    has seen (by identity): a quote or a story appears on many pages, and walking it
    once is what keeps fingerprinting thousands of pages cheap.
    """

    def __init__(self, previous: Fingerprints | None = None) -> None:
        self._seen: dict[int, tuple[object, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}
        # The preview's last build: its digests serve the objects this build reuses
        # (entries, linked quotes), and only one generation is kept, so memory stays flat.
        self._previous = previous._seen if previous else {}

    def __call__(self, value: Any) -> str:
        parts: list[str] = []
        self._feed(value, parts)
        return hashlib.sha1("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _of(self, item: Any) -> str:
        known = self._seen.get(id(item)) or self._previous.get(id(item))
        if known is not None and known[0] is item:
            self._seen[id(item)] = known
            return known[1]
        if isinstance(item, Extracted):
            result = "X" + (item.entry.checksum or hashlib.sha1(repr(item).encode()).hexdigest())
        else:
            parts = [f"D{type(item).__name__}\0"]
            names = self._fields.get(type(item))
            if names is None:
                names = self._fields[type(item)] = tuple(f.name for f in fields(item))
            for name in names:
                self._feed(getattr(item, name), parts)
            result = hashlib.sha1("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        # Keeping the object alive keeps its id from being reused by another one.
        self._seen[id(item)] = (item, result)
        return result

    def _feed(self, item: Any, parts: list[str]) -> None:
        """Append an unambiguous text of `item` to `parts`; hashed once, at the end."""
        kind = type(item)
        if kind is str:  # the commonest: a length prefix keeps it unambiguous, no repr
            parts.append(f"S{len(item)}\0")
            parts.append(item)
        elif kind is tuple or kind is list:
            parts.append(f"L{len(item)}\0")
            for member in item:
                self._feed(member, parts)
        elif isinstance(item, _SCALARS):
            parts.append(f"V{item!r}\0")
        elif isinstance(item, dict):
            for key in sorted(item):
                parts.append(f"K{key}\0")
                self._feed(item[key], parts)
        elif isinstance(item, Extracted) or (is_dataclass(item) and not isinstance(item, type)):
            parts.append(self._of(item))
        else:
            parts.append(f"V{item!r}\0")

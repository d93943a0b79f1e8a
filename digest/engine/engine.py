"""Queries and the engine that runs them.

A query is a named pure function. Its result is keyed by the digest of its arguments (all
it reads: an entry, a config value, another query's result), its name and its version, and
kept in memory for the next build (the preview's) and, when it has a codec, in the store
(`digest build`'s next process). A result's own digest is what later queries' keys are
made of, so a result recomputed equal to the last one changes no key after it: the change
stops there (early cut-off).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from digest.engine.digests import Digests
from digest.engine.store import Store

T = TypeVar("T")
# Results no build uses any more are deleted once they outnumber those the last build
# used (plus a few): the store stays about twice the size of what a build needs.
GARBAGE_RATIO = 1.0
GARBAGE_SLACK = 64


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How a query's result is stored: as JSON data, never pickle (a project folder shared
    as a zip must not run code through its cache). `encode` gives None for a value it
    cannot store faithfully; that value is then kept in memory only."""

    encode: Callable[[T], Any]
    decode: Callable[[Any], T]
    # Values inside a result that later stages hold apart from it (an entry's quotes, in
    # quote items): their digests are stored too, so that read back they are not walked.
    parts: Callable[[T], Sequence[object]] | None = None


@dataclass(frozen=True)
class Query(Generic[T]):
    name: str
    run: Callable[..., T]
    codec: Codec[T] | None = None  # None: kept in memory only
    version: int = 1  # bumped when `run` gives other results for the same arguments


class Engine:
    """Runs queries, reusing results whose keys it has seen. One per build, or one for the
    preview's whole session; `finish()` ends a build, keeping only what it used."""

    def __init__(self, store: Store | None = None, salt: str = "") -> None:
        self.store = store
        self.salt = salt  # the code's version: every key changes with it
        self.digests = Digests()
        self.runs: Counter[str] = Counter()  # how many times each query really ran
        self._memory: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._outputs: dict[str, dict[str, str]] = {}  # output folder -> path -> print
        self._records: dict[str, Any] = {}
        self._resources: dict[str, Any] = {}

    def __call__(self, query: Query[T], *args: Any) -> T:
        key = self.key(query, args)
        found, value = self._lookup(query, key)
        if found:
            return value  # type: ignore[no-any-return]
        self.runs[query.name] += 1
        return self._keep(query, key, query.run(*args))

    def many(self, query: Query[T], arguments: Sequence[tuple[Any, ...]],
             run_all: Callable[[list[tuple[Any, ...]]], Sequence[T]]) -> list[T]:
        """The query for each arguments tuple; those not known are run together by
        `run_all` (on every core), in order."""
        keys = [self.key(query, args) for args in arguments]
        results: list[Any] = []
        missing: list[int] = []
        for n, key in enumerate(keys):
            found, value = self._lookup(query, key)
            results.append(value)
            if not found:
                missing.append(n)
        if missing:
            self.runs[query.name] += len(missing)
            fresh = run_all([arguments[n] for n in missing])
            for n, value in zip(missing, fresh, strict=True):
                results[n] = self._keep(query, keys[n], value)
        return results

    def key(self, query: Query[Any], args: tuple[Any, ...]) -> str:
        text = f"{self.salt}\0{query.name}\0{query.version}\0{self.digests(args)}"
        return hashlib.sha1(text.encode()).hexdigest()

    def rows(self, name: str) -> StoreRows | None:
        """The store's rows for stage `name`'s own state (None without a store): what the
        search index keeps between processes."""
        return StoreRows(self.store, name) if self.store is not None else None

    def resource(self, name: str, make: Callable[[], T]) -> T:
        """A stateful helper kept for this engine's life: the search index, which updates
        itself in place from one build's records to the next. A failed build drops it:
        what it holds may be ahead of the store, which the next one reads again."""
        if name not in self._resources:
            self._resources[name] = make()
        return self._resources[name]  # type: ignore[no-any-return]

    def outputs(self, out: str) -> dict[str, str]:
        """path -> print of each file of the site last written to `out`."""
        if out not in self._outputs:
            self._outputs[out] = self.store.outputs(out) if self.store is not None else {}
        return self._outputs[out]

    def set_outputs(self, out: str, prints: dict[str, str]) -> None:
        before = self.outputs(out)
        if self.store is not None:
            self.store.set_outputs(out, {p: f for p, f in prints.items() if before.get(p) != f},
                                   before.keys() - prints.keys())
        self._outputs[out] = prints

    def record(self, name: str) -> Any:
        if name not in self._records:
            self._records[name] = self.store.record(name) if self.store is not None else None
        return self._records[name]

    def set_record(self, name: str, value: object) -> None:
        self._records[name] = value
        if self.store is not None:
            self.store.set_record(name, value)

    def abandon(self) -> None:
        """A build failed: forget what it wrote to the store and to memory's records."""
        self._used, self._outputs, self._records, self._resources = {}, {}, {}, {}
        if self.store is not None:
            self.store.rollback()

    def finish(self) -> None:
        """End a build: what it did not use is dropped from memory, and from the store
        once it is most of it; the store commits."""
        self._memory, self._used = self._used, {}
        self.digests.next_generation()
        if self.store is not None:
            self.store.collect(self._memory.keys(), GARBAGE_RATIO, GARBAGE_SLACK)
            self.store.commit()

    def _lookup(self, query: Query[Any], key: str) -> tuple[bool, Any]:
        if key in self._memory:
            value = self._used[key] = self._memory[key]
            return True, value
        if self.store is not None and query.codec is not None:
            row = self.store.get(key)
            if row is not None:
                digest, data = row
                found = json.loads(data)
                if query.codec.parts is None:
                    value = query.codec.decode(found)
                else:
                    value = query.codec.decode(found[0])
                    for part, known in zip(query.codec.parts(value), found[1], strict=True):
                        self.digests.know(part, known)
                self.digests.know(value, digest)
                self._used[key] = value
                return True, value
        return False, None

    def _keep(self, query: Query[T], key: str, value: T) -> T:
        self._used[key] = value
        if self.store is not None and query.codec is not None:
            data = query.codec.encode(value)
            if data is not None and query.codec.parts is not None:
                data = [data, list(map(self.digests, query.codec.parts(value)))]
            if data is not None:
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                self.store.put(key, self.digests(value), text.encode("utf-8"))
        return value


@dataclass(frozen=True)
class StoreRows:
    """A stage's rows in the store, by (kind, key), its kinds apart from other stages'."""

    store: Store
    name: str

    def get(self, kind: str, key: str) -> bytes | None:
        return self.store.row(f"{self.name}:{kind}", key)

    def put(self, kind: str, key: str, value: bytes | None) -> None:
        self.store.set_row(f"{self.name}:{kind}", key, value)

    def scan(self, kind: str) -> Iterator[tuple[str, bytes]]:
        return self.store.scan_rows(f"{self.name}:{kind}")

    def clear(self, kind: str) -> None:
        self.store.clear_rows(f"{self.name}:{kind}")

"""The search index's state and its files: which shards a change rewrites, and how each
file is made from the state (digest.search.state), kept in memory or read a row at a
time from the engine's store. digest.search.index moves the state from one set of
records to the next."""

from __future__ import annotations

import hashlib
import json
from array import array
from typing import Any, TypeAlias

from digest.ids import SiteIds
from digest.search.shards import (
    META_RECORDS,
    encode_part,
    filter_script,
    filter_values,
    fnv1a,
    meta_script,
    object_script,
    part_count,
    part_key,
    script,
    shard_count,
)
from digest.search.state import (
    Rows,
    Table,
    analysed_table,
    json_table,
    load_summary,
    postings_table,
)
from digest.search.terms import Impacts, averages
from digest.search.tokenize import Stemmer

# A term's postings, record number << 8 | impact in record order: one array, 8 bytes a
# posting, where lists of int objects took ~45.
_Postings: TypeAlias = "array[int]"
Dirty = dict[str, set[int] | None]  # term -> parts whose impacts changed, None for all


def languages_of(counts: dict[str, int]) -> list[str | None]:
    """The records' languages: each word is listed with its stem in every one of them."""
    return sorted((language or None for language, n in counts.items() if n),
                  key=lambda language: language or "")


class IndexFiles:
    """The state of an index, in memory or, with `rows`, in the engine's store (written by
    `version` of the code: rows another version wrote are not read), and its files."""

    def __init__(self, rows: Rows | None = None, version: str = "") -> None:
        self._rows = rows
        self._stemmer = Stemmer()
        self._hashes: dict[str, int] = {}
        self._s = load_summary(rows, version)
        self._ids = SiteIds({(space, key): slug for space, key, slug in self._s.moved})
        self._tables: tuple[Table[Any], ...] = (
            records := json_table(rows, "records"),  # n -> [id, meta row, filters, language]
            analysed := analysed_table(rows),  # n -> Analysed
            postings := postings_table(rows),  # term -> postings
            term_shards := json_table(rows, "term shards"),  # shard -> {key: encoded part}
            prefix_shards := json_table(rows, "prefix shards"),  # shard -> {prefix: entry}
            words := json_table(rows, "words"),  # prefix -> {word: document frequency}
            members := json_table(rows, "members"),  # "field/slug" -> record numbers
        )
        self._records, self._analysed, self._postings = records, analysed, postings
        self._term_shards, self._prefix_shards, self._words = term_shards, prefix_shards, words
        self._members = members
        self._languages = languages_of(self._s.languages)
        self._impacts = Impacts(averages(self._s.totals, len(self._s.ids)))
        self.written: dict[str, bytes] = {}  # the files the last update wrote
        self._was: dict[str, str | None] = {}  # while updating: the prints before

    @property
    def prints(self) -> dict[str, str]:
        """path -> sha1 of the bytes of every file of the index."""
        return self._s.prints

    @property
    def files(self) -> dict[str, bytes]:
        """Every file, made again from the state where the last update did not write it."""
        return {path: self.file(path) for path in sorted(self._s.prints)}

    def file(self, path: str) -> bytes:
        data = self.written.get(path)
        return data if data is not None else self._make(path)

    def _put(self, path: str, data: bytes) -> None:
        self._was.setdefault(path, self._s.prints.get(path))
        self._s.prints[path] = hashlib.sha1(data).hexdigest()
        self.written[path] = data

    def _drop(self, path: str) -> None:
        self._was.setdefault(path, self._s.prints.get(path))
        self._s.prints.pop(path, None)
        self.written.pop(path, None)

    def _shard(self, key: str, count: int) -> int:
        h = self._hashes.get(key)
        if h is None:
            h = self._hashes[key] = fnv1a(key)
        return h % count

    def _write_terms(self, moved: Dirty | None) -> None:
        """Rewrite the term shards of the `moved` terms (all of them for None)."""
        s = self._s
        count = shard_count(s.term_bytes)
        touched: set[int] = set()
        if moved is None or count != s.term_shards:
            for n in range(s.term_shards):
                self._drop(f"search/t/{n}.js")
                self._term_shards.pop(str(n))
            s.term_shards, s.split = count, {}
            for n in range(count):
                self._term_shards[str(n)] = {}
            dirty = {term for term, _ in self._postings.items()}
            touched = set(range(count))
        else:
            dirty = set()
            for term, parts in moved.items():
                was = s.split.get(term, 1)
                found = self._postings.get(term)
                if parts is None or found is None or part_count(len(found)) != was:
                    dirty.add(term)
                    continue
                for k in parts:  # the same keys: only the parts whose impacts changed
                    key = part_key(term, k, was)
                    self._encode(key, found, k, count, touched)
            for term in dirty:  # drop the old keys, wherever they were
                was = s.split.pop(term, 1)
                for k in range(was):
                    key = part_key(term, k, was)
                    shard = self._shard(key, count)
                    self._term_shards[str(shard)].pop(key, None)
                    self._term_shards.touch(str(shard))
                    touched.add(shard)
        for term in dirty:
            found = self._postings.get(term)
            if found is None:
                continue
            now = part_count(len(found))
            if now > 1:
                s.split[term] = now
            for k in range(now):
                self._encode(part_key(term, k, now), found, k, count, touched)
        for shard in touched:
            self._put(f"search/t/{shard}.js", self._term_file(shard))

    def _encode(self, key: str, postings: _Postings, k: int, count: int,
                touched: set[int]) -> None:
        """Part k of a term's postings, encoded into its shard as `key`."""
        shard = self._shard(key, count)
        self._term_shards[str(shard)][key] = encode_part(postings, k)
        self._term_shards.touch(str(shard))
        touched.add(shard)

    def _write_prefixes(self, dirty: set[str] | None) -> None:
        """Rewrite the prefix shards of `dirty` prefixes (all of them for None)."""
        s = self._s
        count = shard_count(s.prefix_bytes)
        if dirty is None or count != s.prefix_shards:
            for n in range(s.prefix_shards):
                self._drop(f"search/p/{n}.js")
                self._prefix_shards.pop(str(n))
            s.prefix_shards = count
            for n in range(count):
                self._prefix_shards[str(n)] = {}
            dirty = {prefix for prefix, _ in self._words.items()}
            shards = set(range(count))
        else:
            shards = {self._shard(prefix, count) for prefix in dirty}
        for prefix in dirty:
            at = str(self._shard(prefix, count))
            words = self._words.get(prefix)
            if words:
                self._prefix_shards[at][prefix] = self._prefix_entry(words)
            else:
                self._prefix_shards[at].pop(prefix, None)
            self._prefix_shards.touch(at)
        for shard in shards:
            self._put(f"search/p/{shard}.js", self._prefix_file(shard))

    def _prefix_entry(self, words: dict[str, int]) -> str:
        """[word, stem ("" when the word is its own), document frequency, ...]."""
        entry: list[str | int] = []
        for word in sorted(words):
            for stem in self._stemmer.stems(word, self._languages):
                entry.extend((word, "" if stem == word else stem, words[word]))
        return json.dumps(entry, separators=(",", ":"))

    def _make(self, path: str) -> bytes:
        """A file of the index, made from the state."""
        folder, _, name = path.removeprefix("search/").removesuffix(".js").partition("/")
        if folder == "t":
            return self._term_file(int(name))
        if folder == "p":
            return self._prefix_file(int(name))
        if folder == "m":
            return self._meta_file(int(name))
        if path == "search/f/dates.js":
            return self._dates_file()
        if folder == "f":
            return self._filter_file(name)
        if path == "search/manifest.js":
            return self._manifest_file()
        raise KeyError(path)

    def _term_file(self, shard: int) -> bytes:
        return object_script(f"t/{shard}", self._term_shards[str(shard)].items())

    def _prefix_file(self, shard: int) -> bytes:
        return object_script(f"p/{shard}", self._prefix_shards[str(shard)].items())

    def _meta_file(self, block: int) -> bytes:
        start = block * META_RECORDS
        return meta_script(block, [self._records[str(n)][1] for n in
                                   range(start, min(start + META_RECORDS, len(self._s.ids)))])

    def _filter_file(self, key: str) -> bytes:
        field, _, slug = key.partition("/")
        return filter_script((field, slug), self._members[key])

    def _dates_file(self) -> bytes:
        return script("f/dates", self._s.days)

    def _manifest_file(self) -> bytes:
        s = self._s
        labels = {tuple(key.split("/", 1)): (str(label), int(count))
                  for key, (label, count) in s.labels.items()}
        return script("manifest", {
            "records": len(s.ids),
            "termShards": s.term_shards,
            "prefixShards": s.prefix_shards,
            "metaRecords": META_RECORDS,
            "split": s.split,
            "filters": filter_values(labels),  # type: ignore[arg-type]
            "dates": s.date_range,
        })

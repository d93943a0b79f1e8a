"""The static search index: many small script files under `search/`, kept up to date.

A query loads the manifest, the prefix shard of each query word, the term shards of the
stems those words map to, and the metadata of the top results only.

    search/manifest.js   record count, shard counts, split terms, filter values, date range
    search/p/<n>.js      words by their first three characters -> [word, stem ("" when the
                         word is its own stem), document frequency, ...]: prefix matching,
                         and the stem of each query word (the browser never stems; see
                         digest.search.tokenize)
    search/t/<n>.js      term -> postings [record delta, impact, ...] (digest.search.terms);
                         a long list is cut into parts "term#0", "term#1"... named in the
                         manifest's `split`
    search/m/<n>.js      metadata of records n*META_RECORDS..: title, path, date, source,
                         kind, speaker, excerpt (a list per record)
    search/f/<field>/<slug>.js   the records of one filter value (topic, source, speaker,
                         kind), delta coded
    search/f/dates.js    each record's day, for date filters and date order

A term goes to shard fnv1a(term) % count, a word to prefix shard fnv1a(word[:3]) % count
(code points, as search.js computes it); counts are powers of two chosen so shards
average about TARGET_BYTES (digest.search.shards).

Records are numbered in order of id, and every file is a function of the records alone:
the same records give byte-identical files, however they were reached. SearchIndex keeps
what it built, so that when the next build brings the same ids with a few records changed,
it rewrites only the files those records touch: their terms' shards, their metadata shard,
the prefix and filter files of what they gained or lost, and the manifest. A record added
or removed renumbers the records after it, and everything is written again.
"""

from __future__ import annotations

import gc
import json
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import chain, repeat
from operator import attrgetter, or_
from typing import TypeAlias

from digest.ids import SiteIds
from digest.search.record import SearchRecord, unequal_positions, validate
from digest.search.shards import (
    CHUNK_POSTINGS,
    META_RECORDS,
    day_number,
    day_range,
    encode_part,
    filter_keys,
    filter_script,
    filter_values,
    fnv1a,
    meta_script,
    object_script,
    part_count,
    part_key,
    script,
    shard_count,
    term_size,
    word_size,
)
from digest.search.terms import FIELDS, Analysed, Impacts, analyse, averages
from digest.search.tokenize import Stemmer

# A term's postings, record number << 8 | impact in record order: one array, 8 bytes a
# posting, where lists of int objects took ~45.
_Postings: TypeAlias = "array[int]"
_ID = attrgetter("id")
_LANGUAGE = attrgetter("language")
_WORDS = attrgetter("words")
_Dirty = dict[str, set[int] | None]  # term -> parts whose impacts changed, None for all


def _languages(records: list[SearchRecord]) -> list[str | None]:
    return sorted(set(map(_LANGUAGE, records)), key=lambda language: language or "")


class SearchIndex:
    """The index files of the records last given to `update`, and the state behind them."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._stemmer = Stemmer()
        self._hashes: dict[str, int] = {}
        self._records: list[SearchRecord] = []
        self._analysed: list[Analysed] = []
        self._totals = [0] * len(FIELDS)
        self._impacts = Impacts(())
        self._postings: dict[str, _Postings] = {}
        self._term_bytes = 0
        self._term_keys: list[set[str]] = []  # shard -> the keys (terms and parts) in it
        self._split: dict[str, int] = {}  # term -> parts written, when more than one
        self._prefix_keys: list[set[str]] = []  # prefix shard -> the prefixes in it
        self._prefix_bytes = 0  # roughly what the prefix shards hold: what sizes them
        self._word_df: Counter[str] = Counter()
        self._prefix_words: dict[str, set[str]] = {}
        self._members: dict[tuple[str, str], list[int]] = {}
        self._ids = SiteIds()
        self._days: list[int] = []
        self._date_range: list[str] | None = None
        # The records' languages: each word is listed with its stem in every one of them.
        self._languages: list[str | None] = []
        self._old: dict[str, bytes | None] | None = None  # while patching: files as they were
        # The records as last given, before sorting by id, and that sort.
        self._given: list[SearchRecord] = []
        self._given_ids: list[str] = []
        self._order: list[int] = []  # record number -> position in `given`
        self._rank: list[int] = []  # position in `given` -> record number

    def update(self, records: Iterable[SearchRecord], ids: SiteIds | None = None) -> set[str]:
        """Index exactly `records`; return the paths of the files that changed or went.
        `ids` names the filter files (digest.ids); when it changes, everything is redone."""
        given = list(records)
        before = self.files
        ids = ids or SiteIds()
        same_ids, self._ids = ids == self._ids, ids
        # The same ids in the same order as last time (a build lists its records in a
        # stable order): reuse the last sort, and look only at records that changed.
        moved = unequal_positions(given, self._given) \
            if self.files and same_ids and len(given) == len(self._given) else None
        if moved is not None and all(given[i].id == self._given_ids[i] for i in moved):
            changed = sorted(self._rank[i] for i in moved)
            self._given = given
            if not changed:
                return set()
            ordered = list(self._records)
            for n in changed:
                ordered[n] = given[self._order[n]]
            written = self._patch(ordered, changed)
            if written is not None:
                return written
        else:
            order = sorted(range(len(given)), key=lambda i: given[i].id)
            ordered = [given[i] for i in order]
            validate(ordered)
            self._remember_order(given, order)
        with _gc_paused():
            self._rebuild(ordered)
        return {p for p in before.keys() | self.files.keys() if before.get(p) != self.files.get(p)}

    def _remember_order(self, given: list[SearchRecord], order: list[int]) -> None:
        self._given = given
        self._given_ids = list(map(_ID, given))
        self._order = order
        self._rank = [0] * len(given)  # position in `given` -> record number
        for n, i in enumerate(self._order):
            self._rank[i] = n

    # ---- a whole index ---------------------------------------------------------------

    def _rebuild(self, ordered: list[SearchRecord]) -> None:
        known = {r.id: (r, a) for r, a in zip(self._records, self._analysed, strict=True)}
        analysed = []
        for record in ordered:
            old = known.get(record.id)
            analysed.append(old[1] if old is not None and old[0] == record
                            else analyse(record, self._stemmer))
        self._records, self._analysed = ordered, analysed
        self._languages = _languages(ordered)
        self._totals = [sum(a.lengths[f] for a in analysed) for f in range(len(FIELDS))]
        self._impacts = Impacts(averages(self._totals, len(ordered)))
        postings: defaultdict[str, _Postings] = defaultdict(partial(array, "Q"))
        append = array.append
        for n, a in enumerate(analysed):  # a posting a term, appended in C: millions of them
            deque(map(append, map(postings.__getitem__, a.terms),
                      map(or_, repeat(n << 8), self._impacts.of(a))), maxlen=0)
        self._postings = dict(postings)
        self._term_bytes = sum(term_size(t, p) for t, p in postings.items())
        self._word_df = Counter(chain.from_iterable(map(_WORDS, analysed)))
        self._prefix_words = {}
        for word in self._word_df:
            self._prefix_words.setdefault(word[:3], set()).add(word)
        self._prefix_bytes = sum(map(word_size, self._word_df))
        self._members = {}
        for n, record in enumerate(ordered):
            for key in filter_keys(record, self._ids):
                self._members.setdefault(key, []).append(n)
        self._days = [day_number(r.date) for r in ordered]
        self._date_range = day_range(self._days)

        self.files = {}
        self._write_terms(None)
        self._write_prefixes(None)
        for block in range(0, (len(ordered) + META_RECORDS - 1) // META_RECORDS):
            self._write_meta(block)
        for key in self._members:
            self._write_filter(key)
        self._put("search/f/dates.js", script("f/dates", self._days))
        self._write_manifest()

    # ---- a few records changed -------------------------------------------------------

    def _patch(self, ordered: list[SearchRecord], changed: list[int]) -> set[str] | None:
        """Apply edits in place; None when they move the averages (then all impacts move)."""
        if _languages(ordered) != self._languages:
            return None  # every word's list of stems changes
        fresh = {n: analyse(ordered[n], self._stemmer) for n in changed}
        totals = list(self._totals)
        for n, a in fresh.items():
            for f in range(len(FIELDS)):
                totals[f] += a.lengths[f] - self._analysed[n].lengths[f]
        if averages(totals, len(ordered)) != self._impacts.average:
            return None
        self._totals = totals
        self._old = {}
        terms: _Dirty = {}
        words: set[str] = set()
        filters: set[tuple[str, str]] = set()
        dates = False
        for n, new in fresh.items():
            old = self._analysed[n]
            self._move_postings(n, old, new, terms)
            had, has = set(old.words), set(new.words)
            for word in had - has:
                self._word_df[word] -= 1
                if not self._word_df[word]:
                    del self._word_df[word]
                    self._prefix_words[word[:3]].discard(word)
                    self._prefix_bytes -= word_size(word)
            for word in has - had:
                self._word_df[word] += 1
                if self._word_df[word] == 1:
                    self._prefix_bytes += word_size(word)
                self._prefix_words.setdefault(word[:3], set()).add(word)
            words |= had ^ has
            filters |= self._move_filters(n, self._records[n], ordered[n])
            self._records[n], self._analysed[n] = ordered[n], new
            day = day_number(ordered[n].date)
            dates |= day != self._days[n]
            self._days[n] = day
        self._write_terms(terms)
        self._write_prefixes({w[:3] for w in words})
        for block in sorted({n // META_RECORDS for n in changed}):
            self._write_meta(block)
        for key in filters:
            self._write_filter(key)
        if dates:
            self._date_range = day_range(self._days)
            self._put("search/f/dates.js", script("f/dates", self._days))
        self._write_manifest()
        was, self._old = self._old, None
        return {path for path, data in was.items() if self.files.get(path) != data}

    def _move_postings(self, n: int, old: Analysed, new: Analysed, moved: _Dirty) -> None:
        """Record n's postings from `old` to `new`, noting in `moved` the terms that changed:
        with the parts where only an impact changed, or None when postings came or went
        (which shifts every later part)."""
        was = dict(zip(old.terms, self._impacts.of(old), strict=True))
        now = dict(zip(new.terms, self._impacts.of(new), strict=True))
        for term in was.keys() | now.keys():
            impact = now.get(term)
            if was.get(term) == impact:
                continue
            found = self._postings.get(term)
            if found is None:
                found = self._postings[term] = array("Q")
            else:
                self._term_bytes -= term_size(term, found)
            i = bisect_left(found, n << 8)
            if impact is not None and i < len(found) and found[i] >> 8 == n:
                found[i] = n << 8 | impact
                parts = moved.setdefault(term, set())
                if parts is not None:
                    parts.add(i // CHUNK_POSTINGS)
            else:
                moved[term] = None
                if impact is None:
                    del found[i]
                else:
                    found.insert(i, n << 8 | impact)
            if found:
                self._term_bytes += term_size(term, found)
            else:
                del self._postings[term]

    def _move_filters(self, n: int, old: SearchRecord, new: SearchRecord) -> set[tuple[str, str]]:
        was, now = filter_keys(old, self._ids), filter_keys(new, self._ids)
        for key in was.keys() - now.keys():
            members = self._members[key]
            members.remove(n)
            if not members:
                del self._members[key]
                self._drop(f"search/f/{key[0]}/{key[1]}.js")
        for key in now.keys() - was.keys():
            members = self._members.setdefault(key, [])
            members.insert(bisect_left(members, n), n)
        return {key for key in was.keys() ^ now.keys() if key in self._members}

    # ---- files -----------------------------------------------------------------------

    def _put(self, path: str, data: bytes) -> None:
        if self._old is not None:
            self._old.setdefault(path, self.files.get(path))
        self.files[path] = data

    def _drop(self, path: str) -> None:
        if self._old is not None:
            self._old.setdefault(path, self.files.get(path))
        self.files.pop(path, None)

    def _shard(self, key: str, count: int) -> int:
        h = self._hashes.get(key)
        if h is None:
            h = self._hashes[key] = fnv1a(key)
        return h % count

    def _write_terms(self, moved: _Dirty | None) -> None:
        """Rewrite the term shards of the `moved` terms (all of them for None)."""
        count = shard_count(self._term_bytes)
        touched: set[int] = set()
        encoded: dict[str, str] = {}
        if moved is None or count != len(self._term_keys):
            for n in range(len(self._term_keys)):
                self._drop(f"search/t/{n}.js")
            self._term_keys = [set() for _ in range(count)]
            self._split = {}
            dirty = set(self._postings)
            touched = set(range(count))
        else:
            dirty = set()
            for term, parts in moved.items():
                was = self._split.get(term, 1)
                if parts is None or part_count(len(self._postings[term])) != was:
                    dirty.add(term)
                    continue
                for k in parts:  # the same keys: only the parts whose impacts changed
                    key = part_key(term, k, was)
                    touched.add(self._shard(key, count))
                    encoded[key] = encode_part(self._postings[term], k)
            for term in dirty:  # drop the old keys, wherever they were
                was = self._split.pop(term, 1)
                for k in range(was):
                    key = part_key(term, k, was)
                    shard = self._shard(key, count)
                    self._term_keys[shard].discard(key)
                    touched.add(shard)
        for term in dirty:
            found = self._postings.get(term)
            if found is None:
                continue
            now = part_count(len(found))
            if now > 1:
                self._split[term] = now
            for k in range(now):
                key = part_key(term, k, now)
                shard = self._shard(key, count)
                self._term_keys[shard].add(key)
                touched.add(shard)
                encoded[key] = encode_part(found, k)
        for shard in touched:
            members = []
            for key in self._term_keys[shard]:
                value = encoded.get(key)
                if value is None:  # a key the change did not touch, in a shard it did
                    term, _, part = key.partition("#")
                    value = encode_part(self._postings[term], int(part or 0))
                members.append((key, value))
            self._put(f"search/t/{shard}.js", object_script(f"t/{shard}", members))

    def _write_prefixes(self, dirty: set[str] | None) -> None:
        """Rewrite the prefix shards of `dirty` prefixes (all of them for None)."""
        count = shard_count(self._prefix_bytes)
        if dirty is None or count != len(self._prefix_keys):
            for n in range(len(self._prefix_keys)):
                self._drop(f"search/p/{n}.js")
            self._prefix_keys = [set() for _ in range(count)]
            dirty = set(self._prefix_words)
            shards = set(range(count))
        else:
            shards = {self._shard(prefix, count) for prefix in dirty}
        for prefix in dirty:
            keys = self._prefix_keys[self._shard(prefix, count)]
            if self._prefix_words.get(prefix):
                keys.add(prefix)
            else:
                keys.discard(prefix)
        for shard in shards:
            members = []
            for prefix in self._prefix_keys[shard]:
                entry: list[str | int] = []
                for word in sorted(self._prefix_words[prefix]):
                    for stem in self._stemmer.stems(word, self._languages):
                        entry.extend((word, "" if stem == word else stem, self._word_df[word]))
                members.append((prefix, json.dumps(entry, separators=(",", ":"))))
            self._put(f"search/p/{shard}.js", object_script(f"p/{shard}", members))

    def _write_meta(self, block: int) -> None:
        start = block * META_RECORDS
        self._put(f"search/m/{block}.js",
                  meta_script(block, self._records[start:start + META_RECORDS]))

    def _write_filter(self, key: tuple[str, str]) -> None:
        self._put(f"search/f/{key[0]}/{key[1]}.js", filter_script(key, self._members[key]))

    def _write_manifest(self) -> None:
        manifest = {
            "records": len(self._records),
            "termShards": len(self._term_keys),
            "prefixShards": len(self._prefix_keys),
            "metaRecords": META_RECORDS,
            "split": self._split,
            "filters": filter_values(self._members, self._records, self._ids),
            "dates": self._date_range,
        }
        self._put("search/manifest.js", script("manifest", manifest))


def build_index(records: Iterable[SearchRecord], ids: SiteIds | None = None,
                ) -> dict[str, bytes]:
    """Site-relative path -> bytes of every file of the index of `records`."""
    index = SearchIndex()
    index.update(records, ids)
    return index.files


@contextmanager
def _gc_paused() -> Iterator[None]:
    """A rebuild allocates millions of objects and frees none in cycles, while the caller
    holds millions more (a build's whole pipeline): each collection the allocations set off
    walks them all, for nothing. A quarter of a rebuild at 10,000 articles, records alone
    in memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

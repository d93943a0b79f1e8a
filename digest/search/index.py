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
what it built (digest.search.state: in memory, or in the engine's store between
processes), so that when the next build brings the same ids with a few records changed,
it rewrites only the files those records touch: their terms' shards, their metadata shard,
the prefix and filter files of what they gained or lost, and the manifest. It reads only
what those files need. A record added or removed renumbers the records after it, and
everything is written again.
"""

from __future__ import annotations

import gc
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import chain, repeat
from operator import attrgetter, or_
from typing import Any, TypeAlias

from digest.ids import SiteIds
from digest.search.files import Dirty, IndexFiles, languages_of
from digest.search.record import SearchRecord, record_digest, validate
from digest.search.shards import (
    CHUNK_POSTINGS,
    META_RECORDS,
    day_number,
    day_range,
    filter_keys,
    meta_row,
    term_size,
    word_size,
)
from digest.search.state import save_summary
from digest.search.terms import FIELDS, Analysed, Impacts, analyse, averages

_Postings: TypeAlias = "array[int]"  # digest.search.files
_ID = attrgetter("id")
_WORDS = attrgetter("words")
_Key = tuple[str, str]  # a filter value: (field, slug)


def _fkey(key: _Key) -> str:
    return f"{key[0]}/{key[1]}"  # a slug holds no slash: it is a file name


def _moved(ids: SiteIds) -> list[list[str]]:
    return sorted([space, key, slug] for (space, key), slug in ids.moved.items())


class SearchIndex(IndexFiles):
    """The index of the records last given to `update` (digest.search.files: the state
    behind it, in memory or in the engine's store)."""

    def update(self, records: Iterable[SearchRecord], ids: SiteIds | None = None) -> set[str]:
        """Index exactly `records`; return the paths of the files that changed or went.
        `ids` names the filter files (digest.ids); when it changes, everything is redone."""
        ids = ids or SiteIds()
        ordered = sorted(records, key=_ID)
        validate(ordered)
        digests = list(map(record_digest, ordered))
        s = self._s
        self.written, self._was = {}, {}
        patched = False
        if s.prints and _moved(ids) == s.moved and s.ids == list(map(_ID, ordered)):
            changed = [n for n, (a, b) in enumerate(zip(digests, s.digests, strict=True))
                       if a != b]
            if not changed:
                return set()
            patched = self._patch(ordered, changed)
        if not patched:
            with _gc_paused():
                self._rebuild(ordered, digests, ids)
        s.digests = digests
        for table in self._tables:
            table.flush()
        save_summary(self._rows, s)
        return {path for path, was in self._was.items() if s.prints.get(path) != was}


    # ---- a whole index ---------------------------------------------------------------

    def _rebuild(self, ordered: list[SearchRecord], digests: list[str], ids: SiteIds) -> None:
        s = self._s
        known = {rid: n for n, rid in enumerate(s.ids)}
        analysed: list[Analysed] = []
        for record, digest in zip(ordered, digests, strict=True):
            n = known.get(record.id)
            old = self._analysed.get(str(n)) if n is not None and s.digests[n] == digest \
                else None
            analysed.append(old or analyse(record, self._stemmer))
        for table in self._tables:
            table.reset()
        self._was = dict(s.prints)
        s.prints = {}
        s.ids, s.moved, self._ids = list(map(_ID, ordered)), _moved(ids), ids
        s.languages = dict(Counter(r.language or "" for r in ordered))
        self._languages = languages_of(s.languages)
        s.totals = [sum(a.lengths[f] for a in analysed) for f in range(len(FIELDS))]
        self._impacts = Impacts(averages(s.totals, len(ordered)))
        postings: defaultdict[str, _Postings] = defaultdict(partial(array, "Q"))
        append = array.append
        for n, a in enumerate(analysed):  # a posting a term, appended in C: millions of them
            deque(map(append, map(postings.__getitem__, a.terms),
                      map(or_, repeat(n << 8), self._impacts.of(a))), maxlen=0)
        for term, found in postings.items():
            self._postings[term] = found
        s.term_bytes = sum(term_size(t, p) for t, p in postings.items())
        prefixes: dict[str, dict[str, int]] = {}
        for word, df in Counter(chain.from_iterable(map(_WORDS, analysed))).items():
            prefixes.setdefault(word[:3], {})[word] = df
        for prefix, words in prefixes.items():
            self._words[prefix] = words
        s.prefix_bytes = sum(word_size(w) for words in prefixes.values() for w in words)
        members: dict[_Key, list[int]] = {}
        labels: dict[_Key, str] = {}
        for n, (record, a) in enumerate(zip(ordered, analysed, strict=True)):
            keys = filter_keys(record, ids)
            for key, label in keys.items():
                members.setdefault(key, []).append(n)
                labels.setdefault(key, label)  # the first record's
            self._records[str(n)] = _row(record, keys)
            self._analysed[str(n)] = a
        s.labels = {}
        for key, ns in members.items():
            self._members[_fkey(key)] = ns
            s.labels[_fkey(key)] = [labels[key], len(ns)]
        s.days = [day_number(r.date) for r in ordered]
        s.date_range = day_range(s.days)

        s.term_shards = s.prefix_shards = 0
        s.split = {}
        self._write_terms(None)
        self._write_prefixes(None)
        for block in range(0, (len(ordered) + META_RECORDS - 1) // META_RECORDS):
            self._put(f"search/m/{block}.js", self._meta_file(block))
        for key in members:
            self._put(f"search/f/{_fkey(key)}.js", self._filter_file(_fkey(key)))
        self._put("search/f/dates.js", self._dates_file())
        self._put("search/manifest.js", self._manifest_file())

    # ---- a few records changed -------------------------------------------------------

    def _patch(self, ordered: list[SearchRecord], changed: list[int]) -> bool:
        """Apply edits in place; False, having changed nothing, when they move the
        languages or the averages (which move every word's stems or every impact)."""
        s = self._s
        old_rows = {n: self._records[str(n)] for n in changed}
        languages = Counter(s.languages)
        for n in changed:
            languages[old_rows[n][3] or ""] -= 1
            languages[ordered[n].language or ""] += 1
        if languages_of(dict(languages)) != self._languages:
            return False
        fresh = {n: analyse(ordered[n], self._stemmer) for n in changed}
        totals = list(s.totals)
        for n, a in fresh.items():
            for f in range(len(FIELDS)):
                totals[f] += a.lengths[f] - self._analysed[str(n)].lengths[f]
        if averages(totals, len(ordered)) != self._impacts.average:
            return False
        s.totals, s.languages = totals, {k: v for k, v in languages.items() if v}
        terms: Dirty = {}
        words: set[str] = set()
        moved: set[_Key] = set()  # filter values that gained or lost records
        relabel: set[_Key] = set()  # and those whose first record may give another label
        dates = False
        for n, new in fresh.items():
            old = self._analysed[str(n)]
            self._move_postings(n, old, new, terms)
            had, has = set(old.words), set(new.words)
            for word in had - has:
                self._count_word(word, -1)
            for word in has - had:
                self._count_word(word, 1)
            words |= had ^ has
            now = filter_keys(ordered[n], self._ids)
            was = {(field, slug): label for field, slug, label in old_rows[n][2]}
            moved |= self._move_filters(n, was, now)
            relabel |= was.keys() | now.keys()
            self._records[str(n)] = _row(ordered[n], now)
            self._analysed[str(n)] = new
            day = day_number(ordered[n].date)
            dates |= day != s.days[n]
            s.days[n] = day
        for key in relabel:  # a value's label is its first record's: known once all moved
            found = self._members.get(_fkey(key))
            if found:
                first = self._records[str(found[0])][2]
                s.labels[_fkey(key)] = [next(label for f, slug, label in first
                                             if (f, slug) == key), len(found)]
            else:
                s.labels.pop(_fkey(key), None)
        self._write_terms(terms)
        self._write_prefixes({w[:3] for w in words})
        for block in sorted({n // META_RECORDS for n in changed}):
            self._put(f"search/m/{block}.js", self._meta_file(block))
        for key in moved:
            if self._members.get(_fkey(key)):
                self._put(f"search/f/{_fkey(key)}.js", self._filter_file(_fkey(key)))
            else:
                self._drop(f"search/f/{_fkey(key)}.js")
        if dates:
            s.date_range = day_range(s.days)
            self._put("search/f/dates.js", self._dates_file())
        self._put("search/manifest.js", self._manifest_file())
        return True

    def _count_word(self, word: str, step: int) -> None:
        """One record more (or less) has `word`: its document frequency, and the size
        of the prefix shards, which sizes their count."""
        prefix = word[:3]
        words = self._words.get(prefix) or {}
        df = words.get(word, 0) + step
        if df:
            words[word] = df
        else:
            del words[word]
        if step < 0 and df == 0:
            self._s.prefix_bytes -= word_size(word)
        elif step > 0 and df == 1:
            self._s.prefix_bytes += word_size(word)
        if words:
            self._words[prefix] = words
        else:
            self._words.pop(prefix)

    def _move_postings(self, n: int, old: Analysed, new: Analysed, moved: Dirty) -> None:
        """Record n's postings from `old` to `new`, noting in `moved` the terms that changed:
        with the parts where only an impact changed, or None when postings came or went
        (which shifts every later part)."""
        s = self._s
        was = dict(zip(old.terms, self._impacts.of(old), strict=True))
        now = dict(zip(new.terms, self._impacts.of(new), strict=True))
        for term in was.keys() | now.keys():
            impact = now.get(term)
            if was.get(term) == impact:
                continue
            found = self._postings.get(term)
            if found is None:
                found = array("Q")
            else:
                s.term_bytes -= term_size(term, found)
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
                s.term_bytes += term_size(term, found)
                self._postings[term] = found
            else:
                self._postings.pop(term)

    def _move_filters(self, n: int, was: dict[_Key, str], now: dict[_Key, str]) -> set[_Key]:
        """Record n in the members of the filter values it has now, not those it had; the
        values it joined or left."""
        for key in was.keys() - now.keys():
            found = self._members[_fkey(key)]
            found.remove(n)
            if found:
                self._members[_fkey(key)] = found
            else:
                self._members.pop(_fkey(key))
        for key in now.keys() - was.keys():
            found = self._members.get(_fkey(key)) or []
            found.insert(bisect_left(found, n), n)
            self._members[_fkey(key)] = found
        return was.keys() ^ now.keys()

    # ---- files -----------------------------------------------------------------------



def _row(record: SearchRecord, keys: dict[_Key, str]) -> list[Any]:
    """What later updates need of a record without the record: its metadata, its filter
    values with their labels, its language."""
    return [record.id, meta_row(record), [[f, slug, label] for (f, slug), label in keys.items()],
            record.language]


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

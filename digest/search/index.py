"""The static search index: many small script files under `search/`.

Every file is a script that registers its data when a <script> tag loads it
(`window.__digestSearch.add("t/17", {...})`): the same files work over HTTP and from
file://, where fetch() and XHR are forbidden. A query loads the manifest, the prefix shard
of each query word, the term shards of the stems those words map to, and the metadata of
the top results only.

    search/manifest.js   counts, shard counts, BM25 field statistics, per-record field
                         lengths (one character each), filter values, split terms
    search/p/<n>.js      words by their first three characters -> stem and document
                         frequency: prefix matching, and the stem of each query word
                         (the browser never stems; see digest.search.tokenize)
    search/t/<n>.js      term -> postings [record delta, field frequencies (6 bits each,
                         in FIELDS order), ...];
                         a term whose postings would not fit a shard is cut into parts
                         "term#0", "term#1"... listed in the manifest
    search/m/<n>.js      metadata of records n*META_RECORDS..: title, path, date, source,
                         kind, speaker, topics, excerpt (a list per record)
    search/f/<field>/<slug>.js   the records of one filter value (topic, source, speaker,
                         kind), delta coded
    search/f/dates.js    each record's day, for date filters and date order

A term goes to shard fnv1a(term) % count, and words to prefix shard fnv1a(word[:3]) %
count (code points, as search.js computes it); counts are powers of two chosen so shards
average about TARGET_BYTES.

The output is deterministic: same records, byte-identical files (sorted keys, records
numbered in order of id, no timestamps). Because numbering follows the sorted ids,
editing one record changes only the shards holding its old and new terms, its metadata
shard, its prefix shards when its vocabulary or frequencies change, and the manifest (its
lengths). Adding or removing a record renumbers the records after it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from digest.render.site import html_safe_json
from digest.search.record import KINDS, SearchRecord
from digest.search.tokenize import Stemmer, words
from digest.slugs import name_slug

FIELDS = ("title", "body", "speaker")
FREQ_CAP = 63  # field f's frequency is packed in bits 6f..6f+5; BM25 saturates long before
TARGET_BYTES = 16_000  # average shard size; hashing spreads them around it
CHUNK_BYTES = 12_000  # postings longer than this are cut into parts
META_RECORDS = 10  # records a metadata shard: the top 20 results are often 20 shards
LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
FILTERS = ("topic", "source", "speaker", "kind")


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points: a few lines to repeat exactly in JS."""
    h = 0x811C9DC5
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def build_index(records: Sequence[SearchRecord]) -> dict[str, bytes]:
    """Site-relative path -> bytes of every file of the index."""
    ordered = sorted(records, key=lambda r: r.id)
    ids = [r.id for r in ordered]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"two search records share the id {duplicate!r}")
    unknown = {r.kind for r in ordered} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown search record kinds: {sorted(unknown)}")

    stemmer = Stemmer()
    postings: dict[str, list[int]] = {}  # term -> [record, packed, record, packed...]
    word_df: Counter[str] = Counter()
    lengths: list[list[int]] = [[] for _ in FIELDS]
    for n, record in enumerate(ordered):
        freqs: dict[str, list[int]] = {}  # term -> frequency in each field
        seen: set[str] = set()
        for f, text in enumerate((record.title, record.body, record.speaker or "")):
            found = words(text)
            lengths[f].append(len(found))
            counts = Counter(found)
            seen.update(counts)
            for word, count in counts.items():
                for term in stemmer.terms(word):
                    freqs.setdefault(term, [0, 0, 0])[f] += count
        word_df.update(seen)
        for term, (title, body, speaker) in freqs.items():
            if max(title, body, speaker) > FREQ_CAP:  # rare: test once, not three min()s
                title, body, speaker = (min(c, FREQ_CAP) for c in (title, body, speaker))
            packed = title | body << 6 | speaker << 12
            postings.setdefault(term, []).extend((n, packed))

    term_entries, split = _term_entries(postings)
    term_shards, files = _sharded("t", term_entries)
    prefix_shards, prefix_files = _sharded("p", _prefix_entries(word_df, stemmer.vocabulary()))
    files.update(prefix_files)
    files.update(_meta_shards(ordered))
    files.update(_filter_files(ordered))
    manifest = {
        "records": len(ordered),
        "termShards": term_shards,
        "prefixShards": prefix_shards,
        "metaRecords": META_RECORDS,
        "fields": list(FIELDS),
        "avgLength": [round(sum(ls) / max(1, len(ls)), 3) for ls in lengths],
        "lengths": ["".join(LENGTH_DIGITS[_length_code(n)] for n in ls) for ls in lengths],
        "split": split,
        "filters": _filter_values(ordered),
        "dates": _date_range(ordered),
    }
    files["search/manifest.js"] = _script("manifest", manifest)
    return files


def _term_entries(postings: dict[str, list[int]]) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Postings delta coded; long ones cut into parts that start again from zero."""
    entries: dict[str, list[int]] = {}
    split: dict[str, int] = {}
    per_part = CHUNK_BYTES // 5  # ~5 bytes a posting in JSON: estimate enough to cut by
    for term in sorted(postings):
        flat = postings[term]
        pairs = len(flat) // 2
        parts = [flat[i * 2: (i + per_part) * 2] for i in range(0, pairs, per_part)]
        if len(parts) > 1:
            split[term] = len(parts)
        for k, part in enumerate(parts):
            key = term if len(parts) == 1 else f"{term}#{k}"
            entries[key] = _delta(part)
    return entries, split


def _delta(flat: list[int]) -> list[int]:
    out: list[int] = []
    previous = 0
    for i in range(0, len(flat), 2):
        out.extend((flat[i] - previous, flat[i + 1]))
        previous = flat[i]
    return out


def _prefix_entries(word_df: Counter[str], stems: dict[str, str]) -> dict[str, list[str | int]]:
    """First three characters -> [word, stem ("" when the word is its own stem), df, ...]."""
    entries: dict[str, list[str | int]] = {}
    for word in sorted(word_df):
        stem = stems[word]
        entries.setdefault(word[:3], []).extend((word, "" if stem == word else stem,
                                                  word_df[word]))
    return entries


def _sharded(folder: str, entries: Mapping[str, Sequence[object]]) -> tuple[int, dict[str, bytes]]:
    """Entries spread over a power-of-two number of shards by the hash of their key."""
    total = sum(len(key) + 8 + 4 * len(value) for key, value in entries.items())
    count = 1
    while count * TARGET_BYTES < total:
        count *= 2
    shards: list[dict[str, Sequence[object]]] = [{} for _ in range(count)]
    for key, value in entries.items():
        shards[fnv1a(key) % count][key] = value
    return count, {f"search/{folder}/{n}.js": _script(f"{folder}/{n}", shard)
                   for n, shard in enumerate(shards)}


def _meta_shards(ordered: Sequence[SearchRecord]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for start in range(0, len(ordered), META_RECORDS):
        n = start // META_RECORDS
        rows = [[r.title, r.path, r.date, r.source, r.kind, r.speaker, list(r.topics), r.excerpt]
                for r in ordered[start:start + META_RECORDS]]
        files[f"search/m/{n}.js"] = _script(f"m/{n}", rows)
    return files


def _filter_keys(record: SearchRecord) -> Iterable[tuple[str, str, str]]:
    """(filter, slug, label) for every filter value of a record."""
    for topic in record.topics:
        yield "topic", name_slug(topic), topic
    if record.source:
        yield "source", name_slug(record.source), record.source
    if record.speaker:
        yield "speaker", name_slug(record.speaker), record.speaker
    yield "kind", record.kind, record.kind


def _filter_files(ordered: Sequence[SearchRecord]) -> dict[str, bytes]:
    members: dict[tuple[str, str], list[int]] = {}
    for n, record in enumerate(ordered):
        for field, slug, _ in _filter_keys(record):
            found = members.setdefault((field, slug), [])
            if not found or found[-1] != n:
                found.append(n)
    files = {
        f"search/f/{field}/{slug}.js": _script(
            f"f/{field}/{slug}", [b - a for a, b in zip([0, *ns], ns, strict=False)])
        for (field, slug), ns in sorted(members.items())
    }
    files["search/f/dates.js"] = _script("f/dates", [_day_number(r.date) for r in ordered])
    return files


def _filter_values(ordered: Sequence[SearchRecord]) -> dict[str, list[list[str | int]]]:
    """Filter -> [[slug, label, count], ...], by label: what the page offers in its menus."""
    labels: dict[tuple[str, str], str] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for record in ordered:
        # Once a record per value, though "Kursk" and "kursk" may both be among its topics.
        for key, label in {(f, s): label for f, s, label in _filter_keys(record)}.items():
            labels.setdefault(key, label)
            counts[key] += 1
    values: dict[str, list[list[str | int]]] = {name: [] for name in FILTERS}
    for (field, slug), label in sorted(labels.items(), key=lambda i: (i[1].casefold(), i[0])):
        values[field].append([slug, label, counts[field, slug]])
    return values


def _day_number(iso: str | None) -> int:
    """Days since 1970-01-01, or -1 for no date; the browser turns it back into a day."""
    if iso is None:
        return -1
    return (date.fromisoformat(iso[:10]) - date(1970, 1, 1)).days


def _date_range(ordered: Sequence[SearchRecord]) -> list[str] | None:
    days = sorted(r.date[:10] for r in ordered if r.date)
    return [days[0], days[-1]] if days else None


def _length_code(length: int) -> int:
    """A length in one character: exact below 16, then steps of 15%, up to ~11,000 words.

    search.js decodes code c as c < 16 ? c : round(16 * 1.15 ** (c - 16)); BM25 needs
    lengths only roughly, and the manifest stays one byte a record a field.
    """
    if length < 16:
        return length
    code = 16 + round(math.log(length / 16, 1.15))
    return min(code, len(LENGTH_DIGITS) - 1)


def _script(key: str, data: object) -> bytes:
    # No record text can close a script or open a tag, wherever a shard ends up.
    text = html_safe_json(data, sort_keys=True, separators=(",", ":"))
    return f"window.__digestSearch.add({json.dumps(key)},{text});\n".encode()

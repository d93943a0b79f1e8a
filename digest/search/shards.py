"""How the index's data becomes files: keys hashed to shards, each shard a small script.

Every file is a script that registers its data when a <script> tag loads it
(`window.__digestSearch.add("t/17", {...})`): the same files work over HTTP and from
file://, where fetch() and XHR are forbidden.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence, Sized
from datetime import date, timedelta
from itertools import chain, repeat
from operator import and_, rshift, sub

from digest.ids import SiteIds
from digest.render.site import html_safe_json
from digest.search.record import SearchRecord

TARGET_BYTES = 16_000  # average shard size; hashing spreads them around it
CHUNK_POSTINGS = 2_000  # postings a part: ~12 KB of JSON; longer lists are cut into parts
META_RECORDS = 10  # records a metadata shard: the top 20 results are often 20 shards
FILTERS = ("topic", "source", "speaker", "kind")
EPOCH = date(1970, 1, 1)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points: a few lines to repeat exactly in JS."""
    h = 0x811C9DC5
    for ch in text:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(total_bytes: int) -> int:
    """The power of two that makes shards average about TARGET_BYTES."""
    count = 1
    while count * TARGET_BYTES < total_bytes:
        count *= 2
    return count


def word_size(word: str) -> int:
    return len(word) * 2 + 8  # word, stem, frequency, quotes and commas, roughly


def term_size(term: str, postings: Sized) -> int:
    """What term shard counts are sized by: 8 bytes a posting, as JSON numbers took. The
    text coding takes ~3, and sizing by that made fewer, larger shards, each loaded whole
    by a query; kept at 8, shards stay as many and each is smaller."""
    return len(term) + 8 + 8 * len(postings)


def part_count(postings: int) -> int:
    """A list longer than CHUNK_POSTINGS is cut into parts "term#0", "term#1"..., each
    delta coded from zero, so that no shard swells with one common word."""
    return max(1, -(-postings // CHUNK_POSTINGS))


def part_key(term: str, k: int, count: int) -> str:
    return term if count == 1 else f"{term}#{k}"


def encode_part(postings: Sequence[int], k: int) -> str:
    """A JSON string of [record delta, impact, ...] for part k of a term's postings, each
    given as record number << 8 | impact (digest.search.index), in encode_numbers' code."""
    part = postings[k * CHUNK_POSTINGS: (k + 1) * CHUNK_POSTINGS]
    ns = list(map(rshift, part, repeat(8)))
    flat = [0] * (2 * len(ns))  # filled by slices: no Python loop over the postings
    flat[0::2] = map(sub, ns, chain((0,), ns))
    flat[1::2] = map(and_, part, repeat(255))
    return f'"{encode_numbers(flat)}"'


# Numbers as text: base 32, most significant digit first, each digit but the last from the
# second alphabet. A posting (a small delta, an impact) takes ~3 characters against ~7 as JSON
# numbers, and the postings of a common word are most of what the largest query loads.
# search.js decodes it; every character is safe in JSON, HTML and a URL.
LAST_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
MORE_DIGITS = "ghijklmnopqrstuvwxyz0123456789-_"


def _number(n: int) -> str:
    text = LAST_DIGITS[n & 31]
    n >>= 5
    while n:
        text = MORE_DIGITS[n & 31] + text
        n >>= 5
    return text


_SHORT = [_number(n) for n in range(1 << 15)]  # the numbers postings mostly hold, looked up


def encode_numbers(numbers: Sequence[int]) -> str:
    if not numbers or max(numbers) < len(_SHORT):
        return "".join(map(_SHORT.__getitem__, numbers))
    return "".join(map(_number, numbers))


def script(key: str, data: object) -> bytes:
    # No record text can close a script or open a tag, wherever a shard ends up.
    text = html_safe_json(data, sort_keys=True, separators=(",", ":"))
    return f"window.__digestSearch.add({json.dumps(key)},{text});\n".encode()


def object_script(key: str, members: Iterable[tuple[str, str]]) -> bytes:
    """A script registering {name: value...} from names and ready JSON values, by name.

    Names are index words (letters and digits only) and values are numbers and words: no
    character here needs HTML-safe escaping.
    """
    body = ",".join(f"{json.dumps(name)}:{value}" for name, value in sorted(members))
    return f"window.__digestSearch.add({json.dumps(key)},{{{body}}});\n".encode()


def meta_row(r: SearchRecord) -> list[str | None]:
    # What a result shows, nothing more: these shards are most of what a query loads.
    return [r.title, r.path, r.date, r.source, r.kind, r.speaker, r.excerpt]


def meta_script(block: int, rows: Sequence[list[str | None]]) -> bytes:
    return script(f"m/{block}", rows)


def filter_keys(record: SearchRecord, ids: SiteIds) -> dict[tuple[str, str], str]:
    """(filter, slug) -> label for every filter value of a record, each once; the slugs
    are those of the value's page (digest.ids), so two speakers never share a filter."""
    keys: dict[tuple[str, str], str] = {}
    for topic in record.topics:
        keys.setdefault(("topic", ids.slug("topic", topic)), topic)
    if record.source:
        keys.setdefault(("source", ids.slug("source", record.source)), record.source)
    if record.speaker:
        keys.setdefault(("speaker", ids.slug("person", record.speaker)), record.speaker)
    keys.setdefault(("kind", record.kind), record.kind)
    return keys


def filter_script(key: tuple[str, str], members: Sequence[int]) -> bytes:
    field, slug = key
    return script(f"f/{field}/{slug}", [b - a for a, b in zip((0, *members), members,
                                                                strict=False)])


def filter_values(labels: Mapping[tuple[str, str], tuple[str, int]],
                  ) -> dict[str, list[list[str | int]]]:
    """Filter -> [[slug, label, count], ...], by label: what the page offers in its menus,
    from each value's (label, count). A value's label is the one its first record gives
    it ("Kursk" or "kursk")."""
    values: dict[str, list[list[str | int]]] = {name: [] for name in FILTERS}
    for (field, slug), (label, count) in sorted(labels.items(),
                                                key=lambda v: (v[1][0].casefold(), v[0])):
        values[field].append([slug, label, count])
    return values


def day_number(iso: str | None) -> int:
    """Days since 1970-01-01, or -1 for no date; the browser turns it back into a day."""
    if iso is None:
        return -1
    return (date.fromisoformat(iso[:10]) - EPOCH).days


def day_range(days: Sequence[int]) -> list[str] | None:
    dated = [d for d in days if d >= 0]
    if not dated:
        return None
    return [(EPOCH + timedelta(days=min(dated))).isoformat(),
            (EPOCH + timedelta(days=max(dated))).isoformat()]

import json
import random
import re
from dataclasses import replace

import pytest

from digest.search import SearchRecord, build_index, records_from, search_page, shorten
from digest.search.index import fnv1a
from tests.search import demo_grouped, record, synthetic


def payload(data: bytes) -> object:
    """The data an index file registers."""
    match = re.fullmatch(r'window\.__digestSearch\.add\("([^"]+)",(.*)\);\n', data.decode(), re.S)
    assert match, data[:80]
    return json.loads(match.group(2))


def test_same_records_give_byte_identical_files_in_any_order() -> None:
    records = synthetic(300)
    first = build_index(records)
    shuffled = list(records)
    random.Random(1).shuffle(shuffled)
    assert build_index(shuffled) == first
    assert all(path.startswith("search/") for path in first)


@pytest.fixture(scope="module")
def large() -> tuple[list[SearchRecord], dict[str, bytes]]:
    records = synthetic(3000)
    return records, build_index(records)


def test_shards_stay_small(large: tuple[list[SearchRecord], dict[str, bytes]]) -> None:
    files = large[1]
    manifest = payload(files["search/manifest.js"])
    assert isinstance(manifest, dict)
    assert manifest["termShards"] > 8 and manifest["prefixShards"] > 1
    for folder in ("t", "p", "m"):
        sizes = [len(v) for k, v in files.items() if k.startswith(f"search/{folder}/")]
        assert max(sizes) < 40_000, folder
    # The commonest words are cut into parts rather than swelling one shard.
    assert manifest["split"]


def test_editing_one_record_changes_only_a_few_files(
    large: tuple[list[SearchRecord], dict[str, bytes]],
) -> None:
    records, before = list(large[0]), large[1]
    edited = records[1234]
    records[1234] = replace(edited, body="zanzibarian " + edited.body,
                            excerpt="zanzibarian " + edited.excerpt)
    after = build_index(records)
    changed = {path for path in after if after[path] != before.get(path)}
    assert set(after) == set(before)
    assert "search/m/123.js" in changed  # the metadata shard of record 1234 (10 a shard)
    assert len(changed) <= 6, sorted(changed)
    assert len(changed) < len(after) / 20


def test_a_term_is_found_where_the_hash_says(
    large: tuple[list[SearchRecord], dict[str, bytes]],
) -> None:
    files = large[1]
    manifest = payload(files["search/manifest.js"])
    assert isinstance(manifest, dict)
    # Every title has "Story": its postings are cut into parts, each where its key hashes.
    parts = manifest["split"]["stori"]
    for key in [f"stori#{k}" for k in range(parts)]:
        shard = payload(files[f"search/t/{fnv1a(key) % manifest['termShards']}.js"])
        assert isinstance(shard, dict) and key in shard
    prefixes = payload(files[f"search/p/{fnv1a('sto') % manifest['prefixShards']}.js"])
    assert isinstance(prefixes, dict)
    story = prefixes["sto"].index("story")
    assert prefixes["sto"][story: story + 3] == ["story", "stori", 3000]


def test_postings_record_field_frequencies() -> None:
    files = build_index([record("e:a", "Kursk Kursk", "Kursk front", speaker="Kursk man"),
                         record("e:b", "Other", "kursk")])
    shard = payload(files["search/t/0.js"])
    assert isinstance(shard, dict)
    # [record delta, title | body << 6 | speaker << 12, ...]
    assert shard["kursk"] == [0, 2 | 1 << 6 | 1 << 12, 1, 1 << 6]


def test_filters_and_metadata() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    files = build_index([
        record("e:a", hostile, "text", date="2024-10-30T11:40:00+02:00", source="Babel",
               topics=("Kursk region",)),
        record("q:1", "A quote", "words", kind="quote", speaker="Mark Rutte"),
    ])
    assert payload(files["search/f/topic/kursk-region.js"]) == [0]
    assert payload(files["search/f/speaker/mark-rutte.js"]) == [1]
    assert payload(files["search/f/kind/quote.js"]) == [1]
    assert payload(files["search/f/dates.js"]) == [20026, -1]
    meta = payload(files["search/m/0.js"])
    assert isinstance(meta, list)
    assert meta[0][:5] == [hostile, "entries/a.html", "2024-10-30T11:40:00+02:00", "Babel",
                           "article"]
    manifest = payload(files["search/manifest.js"])
    assert isinstance(manifest, dict)
    assert manifest["filters"]["speaker"] == [["mark-rutte", "Mark Rutte", 1]]
    assert manifest["dates"] == ["2024-10-30", "2024-10-30"]


def test_bad_records_are_refused() -> None:
    with pytest.raises(ValueError, match="share the id"):
        build_index([record("e:a", "One"), record("e:a", "Two")])
    with pytest.raises(ValueError, match="kinds"):
        build_index([record("e:a", "One", kind="video")])


def test_records_from_the_demo() -> None:
    records = records_from(demo_grouped())
    kinds = {r.kind for r in records}
    assert kinds == {"article", "topic"}
    article = next(r for r in records if r.id.startswith("e:russias-appeal"))
    assert article.path == f"entries/{article.id[2:]}.html"
    assert article.source == "Ukrainska Pravda" and "Kursk region" in article.topics
    assert "Kutielieva" in article.body
    assert next(r for r in records if r.id == "t:nato").path == "topics/nato.html"
    assert search_page().path == "search/index.html"


def test_shorten_cuts_at_a_space() -> None:
    assert shorten("a  b\nc") == "a b c"
    assert shorten("word " * 100, 22) == "word word word word…"

import json
import random
import re
from array import array
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from digest.engine.engine import StoreRows
from digest.engine.store import Store
from digest.search import SearchIndex, SearchRecord, build_index, records_from, search_page, shorten
from digest.search.shards import (
    CHUNK_POSTINGS,
    LAST_DIGITS,
    MORE_DIGITS,
    encode_numbers,
    encode_part,
    fnv1a,
    part_count,
)
from digest.search.tokenize import fold
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
    assert len(changed) < len(after) / 20


def edits(records: list[SearchRecord]) -> list[list[SearchRecord]]:
    """Successive versions of a digest's records, as a curator changes them."""
    versions = []
    now = list(records)
    now[10] = replace(now[10], body=now[10].body + " zanzibarian ministry declined")
    versions.append(list(now))
    now[20] = replace(now[20], topics=("Brand new topic",), source="Outlet 3")
    versions.append(list(now))
    now[30] = replace(now[30], title="Another headline", date=None)
    versions.append(list(now))
    now[40] = replace(now[40], body=now[40].body.split(" ", 1)[0])  # almost all words go
    versions.append(list(now))
    del now[50]  # renumbers the records after it
    versions.append(list(now))
    now.append(record("e:zzz-new", "A new story", "with new words"))
    versions.append(list(now))
    now[20] = replace(now[20], topics=("Topic 0",))  # the only "Brand new topic" leaves
    versions.append(list(now))
    return versions


@pytest.mark.parametrize("kept", ["memory", "store"])
@pytest.mark.parametrize("chunk", [2_000, 40])  # 40: common words' postings come in parts
def test_an_updated_index_is_byte_identical_to_a_fresh_one(
    chunk: int, kept: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    # "memory": one index kept across builds, as the preview keeps it. "store": each build
    # a new process, as `digest build` runs, starting from the rows the last one left.
    monkeypatch.setattr("digest.search.shards.CHUNK_POSTINGS", chunk)
    monkeypatch.setattr("digest.search.index.CHUNK_POSTINGS", chunk)
    store = Store(tmp_path / "state.sqlite")
    rows = StoreRows(store, "search") if kept == "store" else None
    index = SearchIndex(rows)
    index.update(synthetic(600))
    for version in edits(synthetic(600)):
        before = dict(index.files)
        store.commit()
        if rows is not None:
            index = SearchIndex(rows)
        changed = index.update(version)
        fresh = build_index(version)
        assert index.files == fresh
        assert changed == {p for p in before.keys() | fresh.keys()
                           if before.get(p) != fresh.get(p)}
    assert "search/f/topic/brand-new-topic.js" not in index.files
    assert index.update(list(reversed(version))) == set()  # the order given does not matter
    store.close()


def test_a_new_process_reads_only_the_rows_an_edit_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store(tmp_path / "state.sqlite")
    records = synthetic(3000)
    SearchIndex(StoreRows(store, "search")).update(records)
    store.commit()
    read: list[str] = []
    real = store.row
    monkeypatch.setattr(store, "row", lambda kind, key: read.append(kind) or real(kind, key))
    index = SearchIndex(StoreRows(store, "search"))
    records[1234] = replace(records[1234], body=records[1234].body + " the ministry declined")
    changed = index.update(records)
    assert any(path.startswith("search/t/") for path in changed)
    assert read.count("search:analysed") == 1  # the one record's last analysis
    assert len(read) < 50, Counter(read)  # of tens of thousands
    assert index.files == build_index(records)  # the files it did not write: from the rows
    store.close()


@pytest.mark.parametrize("field", ["body", "title"])
def test_an_edit_rewrites_few_files(field: str) -> None:
    index = SearchIndex()
    records = synthetic(3000)
    index.update(records)
    edited = getattr(records[1234], field) + " the ministry declined"
    records[1234] = replace(records[1234], **{field: edited})
    changed = index.update(records)
    # Its metadata shard only when what a result shows changed. Titles are short: words
    # added to one must not move the mean title length, which would move every impact.
    assert ("search/m/123.js" in changed) == (field == "title")
    assert any(path.startswith("search/t/") for path in changed)
    # The shards of the three words (and of a title's other words, whose weight moves with
    # the title's length), their prefixes, the manifest: of hundreds of files.
    assert len(changed) <= 15, sorted(changed)
    assert index.update(records) == set()  # nothing new: nothing to write


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


def test_postings_weigh_titles_and_speakers_above_bodies() -> None:
    files = build_index([record("e:a", "Kursk", "front", speaker="Kursk man"),
                         record("e:b", "Other", "kursk front"),
                         record("e:c", "Other", "kursk kursk front")])
    shard = payload(files["search/t/0.js"])
    assert isinstance(shard, dict)
    # [record delta, impact, ...]: a title and speaker match, then two body matches, then one
    postings = decode(shard["kursk"])
    deltas, impacts = postings[0::2], postings[1::2]
    assert deltas == [0, 1, 1]
    assert impacts[0] > impacts[2] > impacts[1] > 0
    assert max(impacts) <= 255


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


def test_an_empty_digest_still_has_an_index() -> None:
    files = build_index([])
    manifest = payload(files["search/manifest.js"])
    assert isinstance(manifest, dict) and manifest["records"] == 0


def test_a_part_is_its_postings_delta_coded_from_zero() -> None:
    rng = random.Random(3)
    numbers = sorted(rng.sample(range(10**6), 2 * CHUNK_POSTINGS + 7))
    impacts = [rng.randint(1, 255) for _ in numbers]
    postings = array("Q", (n << 8 | i for n, i in zip(numbers, impacts, strict=True)))
    for k in range(part_count(len(numbers))):
        ns = numbers[k * CHUNK_POSTINGS:(k + 1) * CHUNK_POSTINGS]
        expected = []
        for before, n, impact in zip([0, *ns], ns, impacts[k * CHUNK_POSTINGS:], strict=False):
            expected += [n - before, impact]
        assert encode_part(postings, k) == f'"{encode_numbers(expected)}"'
        assert decode(json.loads(encode_part(postings, k))) == expected


def decode(text: str) -> list[int]:
    """search.js's decodeNumbers, written again."""
    digits = {c: i for i, c in enumerate(LAST_DIGITS + MORE_DIGITS)}
    out, n = [], 0
    for char in text:
        if digits[char] >= 32:
            n = n * 32 + digits[char] - 32
        else:
            out.append(n * 32 + digits[char])
            n = 0
    return out


@pytest.mark.parametrize("numbers", [[], [0], [31, 32, 1023, 1024], [32767, 32768, 2**40, 5],
                                     list(range(0, 70_000, 97))])
def test_numbers_are_coded_in_few_characters_and_decode_exactly(numbers: list[int]) -> None:
    text = encode_numbers(numbers)
    assert decode(text) == numbers
    assert set(text) <= set(LAST_DIGITS + MORE_DIGITS)
    assert len(encode_numbers([5, 200] * 100)) == 300  # a posting: 3 characters


def test_each_record_is_stemmed_in_its_own_language() -> None:
    files = build_index([
        record("e:de", "Truppen an der Grenze", "Die Truppe bleibt.", language="de"),
        record("e:en", "Troops at the border", "The troops stay.", language="en"),
        record("e:uk", "Війська на кордоні", "Військових багато.", language="uk"),
    ])
    manifest = payload(files["search/manifest.js"])
    assert isinstance(manifest, dict)

    def listed(word: str) -> list[object]:
        shard = payload(files[f"search/p/{fnv1a(word[:3]) % manifest['prefixShards']}.js"])
        assert isinstance(shard, dict)
        entries = shard[word[:3]]
        return [entries[i + 1] or entries[i] for i in range(0, len(entries), 3)
                if entries[i] == word]

    assert listed("truppen") == ["truppen", "trupp"]  # English leaves it, German stems it
    assert listed("troops") == ["troop", "troops"]
    ukrainian = fold("військових")
    assert listed(ukrainian) == [ukrainian]  # no Ukrainian Snowball: the word stays whole

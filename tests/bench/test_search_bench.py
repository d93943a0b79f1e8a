"""The search bench (bench/search.py), digest's side only: no Pagefind install, and the
browser part only when Chromium is there (as tests/browser/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bench import generate
from bench.search import (
    PAGEFIND_PAGE,
    SHOWN,
    bench_digest,
    bench_queries,
    chromium,
    compare,
    digest_group,
    pagefind_group,
    table,
)
from digest.cli import main
from tests.browser.conftest import chromium_path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search-bench")
    generate.write_corpus(out, 20, 1)
    cwd = Path.cwd()
    os.chdir(out)
    try:
        assert main(["build"]) == 0
    finally:
        os.chdir(cwd)
    return out


def test_the_index_step_is_measured_from_the_build_cache(corpus: Path) -> None:
    between: list[int] = []
    d = bench_digest(corpus, 2, lambda: between.append(1))
    assert between == [1, 1]  # a Pagefind run would go after each digest run
    assert d["articles"] == 20 and d["records"] > 20  # topics, quotes and people too
    assert d["extracted_afresh"] == 0  # nothing re-extracted: the cache fed the child
    assert d["site_index_current"]  # site/search/ is what this code builds
    assert len(d["index_runs"]) == 2 and d["index_s"] > 0
    assert d["files"] > 0 and d["index_bytes"] > 0
    assert d["tracemalloc_peak"] > 0 and d["child_peak_rss"] >= d["rss_before_index"] > 0
    assert d["reindex_one_s"] > 0 and d["reindex_files_written"] > 0
    compared = compare(d, {}, {})
    assert compared["time_ratio"] is None
    assert compared["targets"]["time_under_quarter_of_pagefind"] is None
    assert compared["targets"]["reindex_one_under_50ms"] is not None
    result: dict[str, Any] = {"settings": {"runs": 2}, "sizes": {"20": {
        "digest": d, "pagefind": {"error": "skipped"}, "compare": compared}}}
    assert "one entry re-indexed ms" in table(result)


def test_files_are_counted_by_what_they_are() -> None:
    assert digest_group("/assets/search.js") == "search.js"
    assert digest_group("/search/manifest.js") == "manifest.js"
    assert digest_group("/search/t/12.js") == "t/"
    assert digest_group("/search/") is None and digest_group("/search/index.html") is None
    assert digest_group("/assets/style.css") is None
    assert pagefind_group("/pagefind/fragment/en_1a2b.pf_fragment") == "fragment/"
    assert pagefind_group("/pagefind/pagefind.en_23d6eba61e.pf_meta") == "pagefind.en_*.pf_meta"
    assert pagefind_group("/index.html") is None
    assert f"slice(0, {SHOWN})" in PAGEFIND_PAGE


@pytest.mark.browser
def test_a_query_in_chromium_has_bytes_and_times(corpus: Path) -> None:
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs it")
        pytest.skip("Chromium is not installed; run `make test` to install it")
    with chromium() as browser:
        got = bench_queries(browser, corpus / "site", "search/", digest_group, 1,
                            queries=("Kyiv", "nothingmatchesthis"))
    kyiv, none = got["queries"]["Kyiv"], got["queries"]["nothingmatchesthis"]
    assert kyiv["results"] > 0 and none["results"] == 0
    for v in (kyiv, none):
        assert {"search.js", "manifest.js", "p/"} <= v["by_folder"].keys()
        assert v["bytes"] == sum(v["by_folder"].values()) > v["gzip_bytes"] > 0
        assert v["total_ms"] > v["after_files_ms"] >= 0
    assert "m/" in kyiv["by_folder"]  # the metadata of the results shown
    d = {"index_s": 1, "tracemalloc_peak": 1, "child_peak_rss": 1, "index_bytes": 1,
         "files": 1, "reindex_one_s": None, "articles": 20, "records": 30}
    compared = compare(d, {}, {"digest": got})
    assert compared["targets"]["max_bytes_per_query_under_300kb"]
    result: dict[str, Any] = {"settings": {"runs": 1}, "sizes": {"20": {
        "digest": d, "browser": {"digest": got}, "compare": compared}}}
    assert "Kyiv" in table(result)

"""Golden pages: the fixture digest must render byte for byte as recorded.

After an intended change to templates or rendering, re-record with
`DIGEST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py` and review the diff.
"""

import os
from pathlib import Path

import pytest

from digest.build import BuildOptions, build
from digest.config import load_config

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
PAGES = ["index.html", "entries/rutte.html", "topics/kursk-region.html", "feed.xml",
         "sitemap.xml", "data/entries.json", "undated.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    config = load_config(GOLDEN)
    build(config, BuildOptions(config.content_dir, out))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(site: Path, page: str) -> None:
    expected = GOLDEN / "expected" / page
    actual = (site / page).read_bytes()
    if os.environ.get("DIGEST_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual)
    assert actual == expected.read_bytes(), f"{page} differs from {expected}"

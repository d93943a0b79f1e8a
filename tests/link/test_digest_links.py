"""Quotes across the digest: ids, clusters, people, their pages and data files."""

import json
import shutil
from pathlib import Path
from typing import cast

import pytest

from digest.build import BuildOptions, build
from digest.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(demo_site: Path) -> Path:
    return demo_site


def quotes(site: Path) -> list[dict[str, object]]:
    data = json.loads((site / "data" / "quotes.json").read_text())
    assert isinstance(data["quotes"], list)
    return data["quotes"]


def test_quotes_json_has_every_field_and_paths_resolve(site: Path) -> None:
    records = quotes(site)
    assert records
    for q in records:
        assert {"id", "text", "speaker", "entry", "kind", "cluster", "path"} <= set(q)
        assert q["kind"] in ("direct", "partial", "indirect")
        page, anchor = str(q["path"]).split("#")
        html = (site / page).read_text()
        assert f'id="{anchor}"' in html
    clusters = [str(q["cluster"]) for q in records]
    carried = [c for q in records for c in cast(list[str], q["carries"])]
    for cluster in set(clusters):
        # A statement that several reports carry, alone or in a longer quote, has a page;
        # a single quote's place is its article.
        assert (site / "quotes" / f"{cluster}.html").is_file() == (
            clusters.count(cluster) + carried.count(cluster) > 1)


def test_one_statement_in_two_translations_shares_a_cluster(site: Path) -> None:
    records = quotes(site)
    prevail = next(q for q in records if "Putin will not prevail" in str(q["text"]))
    win = next(q for q in records if "Putin will not win in Ukraine" in str(q["text"]))
    assert prevail["cluster"] == win["cluster"]
    assert prevail["speaker"] == win["speaker"] == "Lloyd Austin"
    page = (site / "quotes" / f"{prevail['cluster']}.html").read_text()
    assert "Ukrainska Pravda" in page and "Putin will not win" in page


def test_people_registry_merges_spellings(site: Path) -> None:
    people = json.loads((site / "data" / "people.json").read_text())["people"]
    names = [p["name"] for p in people]
    assert "Volodymyr Zelenskyy" in names and "Zelensky" not in names
    austin = next(p for p in people if p["name"] == "Lloyd Austin")
    assert (site / austin["path"]).is_file() and len(austin["quotes"]) >= 5
    assert "US Secretary of Defense" in austin["roles"]


def test_entry_pages_mark_quotes_and_link_clusters_and_people(site: Path) -> None:
    page = next((site / "entries").glob("russias-appeal*.html")).read_text()
    assert '<mark class="quote" id="q' in page
    assert 'href="../quotes/c-' in page and 'href="../people/lloyd-austin.html"' in page


def test_a_statement_page_lists_the_longer_quotes_that_carry_it(tmp_path: Path) -> None:
    shutil.copy(ROOT / "digest.yaml", tmp_path / "digest.yaml")
    content = tmp_path / "content"
    content.mkdir()
    cards = "You don't have the cards right now."
    gambling = "You're gambling with the lives of millions of people."
    for slug, day, outlet, said in (
        ("a", "2025-02-28", "Wire", f"{cards} {gambling}"),
        ("b", "2025-02-28", "Daily", cards),
        ("c", "2025-03-01", "Weekly", gambling.replace("millions of people", "millions")),
    ):
        (content / f"{slug}.md").write_text(
            f"---\ntitle: Oval Office {slug}\ndate: {day}\nsource: {outlet}\n---\n\n"
            f'"{said}" Donald Trump told Volodymyr Zelensky.\n')
    out = tmp_path / "site"
    build(load_config(tmp_path), BuildOptions(content, out))
    records = {str(q["entry"]): q for q in quotes(out)}
    assert records["b"]["cluster"] != records["c"]["cluster"]  # two statements
    home = records["a"]["cluster"]
    other = next(records[x]["cluster"] for x in "bc" if records[x]["cluster"] != home)
    assert records["a"]["carries"] == [other]
    page = (out / "quotes" / f"{other}.html").read_text()
    assert "Within longer quotes" in page and "Wire" in page and "2 reports" in page


def test_quote_text_is_escaped(tmp_path: Path) -> None:
    shutil.copy(ROOT / "digest.yaml", tmp_path / "digest.yaml")
    content = tmp_path / "content"
    content.mkdir()
    (content / "x.md").write_text(
        "---\ntitle: Hostile quote\ndate: 2024-10-01\nsource: Outlet\n---\n\n"
        '"<script>alert(1)</script> we will win," said <b>Evil</b> Person.\n')
    out = tmp_path / "site"
    build(load_config(tmp_path), BuildOptions(content, out))
    for page in out.rglob("*"):
        if page.suffix in (".html", ".json", ".js", ".xml"):
            text = page.read_text()
            assert "<script>alert" not in text and "<b>Evil" not in text, page

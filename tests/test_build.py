"""Ingest + build end to end on the seeds, and what a failed build must not do."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from digest.build import BuildFailed, BuildOptions, build
from digest.config import load_config
from digest.ingest import IngestOptions, ingest


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def built(project: Path) -> Path:
    ingest([project / "seeds"], IngestOptions(project / "content", project))
    config = load_config(project)
    build(config, BuildOptions(config.content_dir, config.output_dir))
    return project / "site"


def test_the_site_has_every_kind_of_page(built: Path) -> None:
    for page in ("index.html", "archive.html", "undated.html", "404.html", "feed.xml",
                 "sitemap.xml", "assets/style.css", "days/2024-10-30.html",
                 "months/2024-10.html", "topics/index.html", "topics/kursk-region.html",
                 "topics/kursk-region.xml", "sources/index.html", "data/entries.json"):
        assert (built / page).is_file(), page
    assert len(list((built / "entries").glob("*.html"))) == 5


def test_every_link_is_relative_and_resolves(built: Path) -> None:
    for page in built.rglob("*.html"):
        if page.name == "404.html":
            continue
        for link in links_of(page.read_text()):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                # Only the original articles' own addresses leave the site.
                assert page.parent.name == "entries", (page, link)
                continue
            assert not parts.scheme and not link.startswith("/"), (page, link)
            if parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), f"{page.relative_to(built)} -> {link}"


def test_home_is_newest_first_with_undated_last(built: Path) -> None:
    html = (built / "index.html").read_text()
    days = re.findall(r'id="day-(\d{4}-\d\d-\d\d)"', html)
    assert days == ["2024-10-31", "2024-10-30", "2024-10-28", "2024-10-23"]
    assert html.index("Pentagon confirms Ukraine’s claim") > html.index('id="undated"')


def test_entries_json(built: Path) -> None:
    records = json.loads((built / "data" / "entries.json").read_text())["entries"]
    assert len(records) == 5
    by_origin = {r["origin"]: r for r in records}
    first = by_origin["seeds/001_918903beef99d9a1.txt"]
    assert first["date"] == "2024-10-31T11:40:00"
    assert first["author"] == "Iryna Kutielieva"
    assert first["path"] == f"entries/{first['id']}.html"
    assert (built / first["path"]).is_file()
    assert "North Korean troops in Russia" in first["topics"]
    assert by_origin["seeds/002_94bc70a8688ed2f9.txt"]["date"] is None
    assert set(first) == {"id", "title", "date", "source", "author", "url", "topics", "path",
                          "origin"}


def test_feed_is_atom_with_dated_entries_only(built: Path) -> None:
    feed = (built / "feed.xml").read_text()
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert feed.count("<entry>") == 4  # the undated seed has no date for Atom
    assert "<updated>2024-10-31T11:40:00Z</updated>" in feed


def test_content_outside_the_project_and_origin_outside(
    tmp_path_factory: pytest.TempPathFactory, project: Path
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    content, out, raw = outside / "elsewhere", outside / "public", outside / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("A headline about troops in Kursk\n\n23 October 2024\n\nBody.\n")
    ingest([raw], IngestOptions(content, project))
    result = build(load_config(project), BuildOptions(content, out))
    assert result.entries == 1
    record = json.loads((out / "data" / "entries.json").read_text())["entries"][0]
    assert record["origin"] == str((raw / "a.txt").resolve())


def test_drafts_are_left_out_unless_asked(project: Path, tmp_path: Path) -> None:
    content = tmp_path / "c"
    content.mkdir()
    (content / "d.md").write_text("---\ntitle: Secret draft\ndate: 2024-10-01\ndraft: true\n---\n"
                                  "Not yet.\n")
    (content / "p.md").write_text("---\ntitle: Public\ndate: 2024-10-02\n---\nYes.\n")
    config = load_config(project)
    build(config, BuildOptions(content, tmp_path / "s"))
    assert not (tmp_path / "s" / "entries" / "d.html").exists()
    assert "Secret draft" not in (tmp_path / "s" / "index.html").read_text()
    build(config, BuildOptions(content, tmp_path / "s", drafts=True))
    assert "Draft" in (tmp_path / "s" / "entries" / "d.html").read_text()
    assert "Secret draft" not in (tmp_path / "s" / "feed.xml").read_text()


def test_a_failed_build_leaves_the_previous_site(built: Path, project: Path) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    broken = next((project / "content").rglob("*.md"))
    broken.write_text("---\ntitle: [unclosed\n---\nBody\n")
    config = load_config(project)
    with pytest.raises(BuildFailed) as failed:
        build(config, BuildOptions(config.content_dir, config.output_dir))
    assert str(broken) in str(failed.value.errors[0])
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


def test_untrusted_text_is_escaped_everywhere(project: Path, tmp_path: Path) -> None:
    content = tmp_path / "c"
    content.mkdir()
    (content / "x.md").write_text(
        "---\ntitle: '<script>alert(\"t\")</script>'\ndate: 2024-10-01\n"
        "source: '<img src=x onerror=alert(1)>'\ntopics: ['<b>bold</b>']\n"
        "author: '\"><script>alert(2)</script>'\n---\n\n<script>alert(3)</script>\n\n"
        "[link](javascript:alert(4))\n")
    build(load_config(project), BuildOptions(content, tmp_path / "s"))
    for page in (tmp_path / "s").rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            text = page.read_text()
            assert "<script>alert" not in text, page
            assert "<img src=x" not in text, page
            assert "<b>bold" not in text, page
            assert 'href="javascript:' not in text, page


def test_long_timelines_are_paged(project: Path, tmp_path: Path) -> None:
    content = tmp_path / "c"
    content.mkdir()
    for i in range(120):
        (content / f"e{i}.md").write_text(
            f"---\ntitle: Report {i}\ndate: 2024-01-01T{i // 60:02d}:{i % 60:02d}:00\n"
            "source: Babel\ntopics: [NATO]\n---\nText.\n")
    build(load_config(project), BuildOptions(content, tmp_path / "s"))
    topics = tmp_path / "s" / "topics"
    pages = sorted([*(p.name for p in topics.glob("nato*.html")),
                    *(f"nato/{p.name}" for p in (topics / "nato").glob("*.html"))])
    assert pages == ["nato.html", "nato/2.html", "nato/3.html"]
    first = (topics / "nato.html").read_text()
    assert "Report 119" in first and "Report 69" not in first and "page 1 of 3" in first
    assert 'href="../topics/nato/2.html"' in first
    last = (tmp_path / "s" / "sources" / "babel" / "3.html").read_text()
    assert 'href="../../sources/babel/2.html"' in last
    assert "Report 0<" in last and 'rel="prev"' in last and 'rel="next"' not in last


def test_an_ingested_articles_language_is_its_pages_lang(project: Path) -> None:
    raw = project / "seeds" / "scholz.txt"
    raw.write_text("Scholz hält am Sonntag eine Fernsehansprache\n\nBundeskanzler Olaf Scholz will "
                   "sich am Sonntag mit einer Fernsehansprache direkt an das Volk wenden. An jenem "
                   "Tag jährt sich das Ende des Zweiten Weltkriegs.\n")
    ingest([project / "seeds"], IngestOptions(project / "content", project))
    config = load_config(project)
    build(config, BuildOptions(config.content_dir, config.output_dir))
    page = (project / "site" / "entries" / "scholz-halt-am-sonntag-eine-fernsehansprache.html")
    assert '<article class="entry" lang="de">' in page.read_text()
    english = next(p for p in (project / "site" / "entries").glob("putin-will-not*.html"))
    assert '<article class="entry" lang="en">' in english.read_text()

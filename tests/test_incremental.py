"""Incremental builds: redo only what changed, and give the same bytes as a full build."""

import shutil
from pathlib import Path
from typing import Any

import pytest

import digest.build
from digest.build import BuildOptions, BuildResult, build
from digest.cache import BuildCache, cache_file, load_cache, save_cache
from digest.config import Config, load_config

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN, tmp_path / "p", ignore=shutil.ignore_patterns("expected"))
    content = tmp_path / "p" / "content"
    for i in range(6):
        (content / f"extra-{i}.md").write_text(
            f"---\ntitle: Extra report {i}\ndate: 2024-10-{10 + i}\nsource: Outlet {i % 2}\n"
            f"topics: [NATO]\n---\n\nKursk paragraph number {i}.\n")
    return tmp_path / "p"


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def full_build(config: Config, content: Path, out: Path) -> dict[str, bytes]:
    build(config, BuildOptions(content, out))
    return files_of(out)


def again(config: Config, cache: BuildCache, out: Path) -> BuildResult:
    return build(config, BuildOptions(config.content_dir, out), cache)


def test_no_change_rebuild_renders_and_writes_nothing(project: Path) -> None:
    config = load_config(project)
    first = build(config, BuildOptions(config.content_dir, config.output_dir))
    inodes = {p: p.stat().st_ino for p in config.output_dir.rglob("*") if p.is_file()}
    second = again(config, first.cache, config.output_dir)
    assert second.rendered == 0 and second.pages == first.pages
    assert {p: p.stat().st_ino for p in config.output_dir.rglob("*") if p.is_file()} == inodes


def test_one_edit_renders_its_pages_and_matches_a_full_build(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    first = build(config, BuildOptions(config.content_dir, config.output_dir))
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text().replace("Extra report 3", "Edited report 3"))
    second = again(config, first.cache, config.output_dir)
    # Its page, day, month, topics (NATO, Kursk region), source, the home page, the
    # archive, the topic and source indexes and the feeds: not the other entries.
    assert 0 < second.rendered < first.pages - 6
    untouched = config.output_dir / "entries" / "extra-1.html"
    assert untouched.stat().st_nlink >= 1
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


@pytest.mark.parametrize("change", ["delete", "new", "date", "draft", "body", "quote"])
def test_other_changes_match_a_full_build(project: Path, tmp_path: Path, change: str) -> None:
    config = load_config(project)
    first = build(config, BuildOptions(config.content_dir, config.output_dir))
    entry = project / "content" / "extra-2.md"
    if change == "delete":
        entry.unlink()
    elif change == "new":
        (project / "content" / "brand-new.md").write_text(
            "---\ntitle: Brand new\ndate: 2024-11-02\ntopics: [Kursk region]\n---\nText.\n")
    elif change == "date":
        entry.write_text(entry.read_text().replace("2024-10-12", "2024-09-01"))
    elif change == "draft":
        entry.write_text(entry.read_text().replace("topics:", "draft: true\ntopics:"))
    elif change == "body":  # links, stories and quote records stay as they were
        entry.write_text(entry.read_text() + "\nThe ministry declined to comment further.\n")
    else:
        entry.write_text(entry.read_text() + '\n"We will not retreat," Mark Rutte said.\n')
    again(config, first.cache, config.output_dir)
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_template_change_renders_everything(project: Path) -> None:
    config = load_config(project)
    first = build(config, BuildOptions(config.content_dir, config.output_dir))
    (project / "templates").mkdir()
    (project / "templates" / "404.html").write_text("{% extends 'base.html' %}"
                                                    "{% block main %}Gone{% endblock %}")
    second = again(config, first.cache, config.output_dir)
    assert second.rendered == second.pages
    assert "Gone" in (config.output_dir / "404.html").read_text()


def test_cache_on_disk_round_trips_and_survives_damage(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    first = build(config, BuildOptions(config.content_dir, config.output_dir))
    path = cache_file(project, config.output_dir)
    save_cache(path, first.cache)
    assert again(config, load_cache(path), config.output_dir).rendered == 0
    path.write_text("{not json")
    rebuilt = again(config, load_cache(path), config.output_dir)
    assert rebuilt.rendered == rebuilt.pages
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


@pytest.mark.parametrize(("edit", "links_again"), [
    ("\nThe ministry declined to comment further.\n", 0),  # quotes unchanged: stored links
    ('\n"We will not retreat," Mark Rutte said.\n', 1),  # a new quote: linked again
])
def test_a_fresh_process_reuses_the_stored_links_when_quotes_are_unchanged(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str,
    links_again: int,
) -> None:
    config = load_config(project)
    path = cache_file(project, config.output_dir)
    save_cache(path, build(config, BuildOptions(config.content_dir, config.output_dir)).cache)
    entry = project / "content" / "extra-2.md"
    entry.write_text(entry.read_text() + edit)
    calls: list[int] = []
    real = digest.build.link_quotes

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(digest.build, "link_quotes", counted)
    again(config, load_cache(path), config.output_dir)  # as `digest build` does
    assert len(calls) == links_again
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_a_fresh_process_rewrites_only_the_files_that_change(project: Path,
                                                             tmp_path: Path) -> None:
    # `digest build` after an edit, from the cache on disk: the site is updated in place,
    # so unchanged files keep their inode and modification time (what rsync compares),
    # a deleted entry's page goes, and the folder equals a full build's.
    config = load_config(project)
    path = cache_file(project, config.output_dir)
    save_cache(path, build(config, BuildOptions(config.content_dir, config.output_dir)).cache)
    site = config.output_dir
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")
              if p.is_file()}
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text().replace("Extra report 3", "Edited report 3"))
    (project / "content" / "extra-5.md").unlink()
    result = again(config, load_cache(path), site)
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")
             if p.is_file()}
    assert not (site / "entries" / "extra-5.html").exists()
    kept = [p for p in after if before.get(p) == after[p]]
    changed = [p for p in after if before.get(p) != after[p]]
    assert site / "entries" / "extra-3.html" in changed
    assert site / "entries" / "extra-1.html" in kept
    assert site / "assets" / "search.js" in kept and result.rendered < result.pages
    assert files_of(site) == full_build(config, config.content_dir, tmp_path / "f")

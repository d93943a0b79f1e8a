"""Incremental builds: redo only what changed, and give the same bytes as a full build."""

import os
import shutil
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import digest.build
import digest.cli
import digest.engine.engine
import digest.engine.outputs
import digest.engine.queries
import digest.serve.preview
from digest.build import BuildOptions, BuildResult, build
from digest.config import Config, load_config
from digest.engine import Engine, Store
from digest.engine.state import code_version, state_file
from digest.render.plan import Page

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"


@pytest.fixture(autouse=True)
def one_code_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The code version read once for each test: a change to digest's files by other work
    on this tree, between a test's two builds, would otherwise change every print."""
    version = code_version()
    for module in (digest.build, digest.cli, digest.serve.preview, sys.modules[__name__]):
        monkeypatch.setattr(module, "code_version", lambda: version)


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


def again(config: Config, engine: Engine, out: Path) -> BuildResult:
    return build(config, BuildOptions(config.content_dir, out), engine)


def from_disk(config: Config, out: Path) -> BuildResult:
    """A build by an engine over the project's store, as `digest build` runs it."""
    store = Store(state_file(config.root))
    try:
        return again(config, Engine(store, salt=code_version()), out)
    finally:
        store.close()


def in_memory() -> Engine:
    """An engine kept across builds in memory, as the preview keeps it."""
    return Engine(salt=code_version())


def test_no_change_rebuild_renders_and_writes_nothing(project: Path) -> None:
    config = load_config(project)
    engine = in_memory()
    first = build(config, BuildOptions(config.content_dir, config.output_dir), engine)
    inodes = {p: p.stat().st_ino for p in config.output_dir.rglob("*") if p.is_file()}
    second = again(config, engine, config.output_dir)
    assert second.rendered == 0 and second.pages == first.pages
    assert {p: p.stat().st_ino for p in config.output_dir.rglob("*") if p.is_file()} == inodes


def test_one_edit_renders_its_pages_and_matches_a_full_build(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    engine = in_memory()
    first = build(config, BuildOptions(config.content_dir, config.output_dir), engine)
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text().replace("Extra report 3", "Edited report 3"))
    second = again(config, engine, config.output_dir)
    # Its page, day, month, topics (NATO, Kursk region), source, the home page, the
    # archive, the topic and source indexes and the feeds: not the other entries.
    assert 0 < second.rendered < first.pages - 6
    untouched = config.output_dir / "entries" / "extra-1.html"
    assert untouched.stat().st_nlink >= 1
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


@pytest.mark.parametrize("change", ["delete", "new", "date", "draft", "body", "quote"])
def test_other_changes_match_a_full_build(project: Path, tmp_path: Path, change: str) -> None:
    config = load_config(project)
    engine = in_memory()
    build(config, BuildOptions(config.content_dir, config.output_dir), engine)
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
    again(config, engine, config.output_dir)
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_a_sentence_added_to_a_text_renders_its_page_and_feeds_not_its_lists(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Lists show an entry's card (title, byline, excerpt, topics), not its text: the
    # day, month, topic and source pages and the home page are not rendered again.
    # Feeds carry the text, so they are.
    config = load_config(project)
    engine = in_memory()
    build(config, BuildOptions(config.content_dir, config.output_dir), engine)
    rendered: list[str] = []
    real = digest.engine.outputs.render_pages

    def recorded(pages: Iterable[Page], *args: Any) -> Iterator[tuple[str, bytes]]:
        listed = list(pages)
        rendered.extend(page.path for page in listed)
        return real(listed, *args)

    monkeypatch.setattr(digest.engine.outputs, "render_pages", recorded)
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text() + "\nThe ministry declined to comment further.\n")
    again(config, engine, config.output_dir)
    assert sorted(rendered) == ["entries/extra-3.html", "feed.xml", "topics/kursk-region.xml",
                               "topics/nato.xml"]
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_template_change_renders_everything(project: Path) -> None:
    config = load_config(project)
    engine = in_memory()
    build(config, BuildOptions(config.content_dir, config.output_dir), engine)
    (project / "templates").mkdir()
    (project / "templates" / "404.html").write_text("{% extends 'base.html' %}"
                                                    "{% block main %}Gone{% endblock %}")
    second = again(config, engine, config.output_dir)
    assert second.rendered == second.pages
    assert "Gone" in (config.output_dir / "404.html").read_text()


def test_the_store_on_disk_round_trips_and_survives_damage(project: Path,
                                                            tmp_path: Path) -> None:
    config = load_config(project)
    first = from_disk(config, config.output_dir)
    assert first.rendered == first.pages
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text().replace("Extra report 3", "Edited report 3"))
    assert 0 < from_disk(config, config.output_dir).rendered < first.pages
    assert from_disk(config, config.output_dir).rendered == 0
    state_file(project).write_text("not a database")
    entry.write_text(entry.read_text().replace("Edited report 3", "Extra report 3"))
    rebuilt = from_disk(config, config.output_dir)
    assert rebuilt.rendered == rebuilt.pages
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_the_store_keeps_what_the_last_build_used_not_every_edit(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each edit leaves the entry's last reading and extraction behind; once such rows
    # outnumber the live ones (here: at once), a build deletes them.
    monkeypatch.setattr(digest.engine.engine, "GARBAGE_RATIO", 0.0)
    monkeypatch.setattr(digest.engine.engine, "GARBAGE_SLACK", 0)
    config = load_config(project)

    def rows() -> int:
        with closing(sqlite3.connect(state_file(project))) as db:
            count: int = db.execute("SELECT count(*) FROM results").fetchone()[0]
            return count

    for path in (project / "content").rglob("*.md"):  # read and kept, not just read
        os.utime(path, ns=(path.stat().st_mtime_ns - 10**10,) * 2)
    from_disk(config, config.output_dir)
    first = rows()
    entry = project / "content" / "extra-3.md"
    for n in range(4):
        entry.write_text(entry.read_text().replace("Extra report 3", f"Extra report 3.{n}"))
        from_disk(config, config.output_dir)
    assert 0 < rows() <= first
    assert from_disk(config, config.output_dir).rendered == 0
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
    from_disk(config, config.output_dir)
    entry = project / "content" / "extra-2.md"
    entry.write_text(entry.read_text() + edit)
    calls: list[int] = []
    real = digest.engine.queries.link_quotes

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(digest.engine.queries, "link_quotes", counted)
    from_disk(config, config.output_dir)  # as `digest build` does
    assert len(calls) == links_again
    assert files_of(config.output_dir) == full_build(config, config.content_dir, tmp_path / "f")


def test_a_fresh_process_rewrites_only_the_files_that_change(project: Path,
                                                             tmp_path: Path) -> None:
    # `digest build` after an edit, from the cache on disk: the site is updated in place,
    # so unchanged files keep their inode and modification time (what rsync compares),
    # a deleted entry's page goes, and the folder equals a full build's.
    config = load_config(project)
    from_disk(config, config.output_dir)
    site = config.output_dir
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")
              if p.is_file()}
    entry = project / "content" / "extra-3.md"
    entry.write_text(entry.read_text().replace("Extra report 3", "Edited report 3"))
    (project / "content" / "extra-5.md").unlink()
    result = from_disk(config, site)
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")
             if p.is_file()}
    assert not (site / "entries" / "extra-5.html").exists()
    kept = [p for p in after if before.get(p) == after[p]]
    changed = [p for p in after if before.get(p) != after[p]]
    assert site / "entries" / "extra-3.html" in changed
    assert site / "entries" / "extra-1.html" in kept
    assert site / "assets" / "search.js" in kept and result.rendered < result.pages
    assert files_of(site) == full_build(config, config.content_dir, tmp_path / "f")


# The two ways an edit reaches a known site: `digest build` in a fresh process, from the
# cache on disk, and the preview's next build, from what its last build kept in memory.
MODES = ["disk", "preview"]


class Rebuilder:
    """Builds a project's site incrementally, as `digest build` or as the preview does."""

    def __init__(self, root: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
        from digest.serve.preview import PreviewOptions, make_rebuild
        from digest.serve.server import Broadcaster

        self.root, self.mode, self.out = root, mode, root / "site"
        self.events: list[str] = []
        monkeypatch.chdir(root)
        config = load_config(root)
        options = PreviewOptions(BuildOptions(config.content_dir, self.out))
        self.broadcaster = Broadcaster()
        self.broadcaster.publish = lambda event, message="": self.events.append(  # type: ignore[method-assign]
            f"{event} {message}")
        self.preview = make_rebuild(root / "digest.yaml", options, self.broadcaster,
                                    lambda line: None)

    def __call__(self) -> dict[str, bytes]:
        if self.mode == "disk":
            from digest.cli import main

            assert main(["build", "--out", str(self.out)]) == 0
        else:
            self.events.clear()
            self.preview(set())
            assert self.events == ["reload "], self.events
        return files_of(self.out)


def full(root: Path, out: Path) -> dict[str, bytes]:
    config = load_config(root)
    return full_build(config, config.content_dir, out)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize("mode", MODES)
def test_a_new_automatic_topic_reaches_the_page_of_the_entry_already_there(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No topic rules: names that two entries share become topics. The first entry's name
    # is a topic only once a second entry names it too, and then its page links there.
    root = tmp_path / "p"
    write(root / "digest.yaml", "title: No rules\n")
    write(root / "content" / "a.md", "---\ntitle: Oleksandr Syrskyi visits Kharkiv\n"
          "date: 2024-10-01\nsource: Babel\n---\n\nOleksandr Syrskyi met the troops.\n")
    rebuild = Rebuilder(root, mode, monkeypatch)
    rebuild()
    write(root / "content" / "b.md", "---\ntitle: Oleksandr Syrskyi on the front line\n"
          "date: 2024-10-02\nsource: Kyiv Independent\n---\n\nOleksandr Syrskyi spoke.\n")
    site = rebuild()
    assert b"topics/oleksandr-syrskyi.html" in site["entries/a.html"]
    assert site == full(root, tmp_path / "full")


@pytest.mark.parametrize("mode", MODES)
def test_an_author_edit_leaves_the_site_equal_to_a_full_build(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two outlets quote one statement: it has a page of its own, which lists both reports
    # and was planned from the entries as they were. The marker file too must be a full
    # build's: it tells the next build which site the folder holds.
    root = tmp_path / "p"
    write(root / "digest.yaml", "title: Authors\n")
    said = '"We will hold the line until the spring," Mark Rutte said.\n'
    for slug, source in (("a", "Babel"), ("b", "Reuters")):
        write(root / "content" / f"{slug}.md", f"---\ntitle: Report {slug}\n"
              f"date: 2024-10-0{len(slug) + ord(slug) - 96}\nsource: {source}\n"
              f"author: Desk\n---\n\n{said}")
    rebuild = Rebuilder(root, mode, monkeypatch)
    rebuild()
    entry = root / "content" / "a.md"
    entry.write_text(entry.read_text().replace("author: Desk", "author: Olena Roshchina"))
    site = rebuild()
    assert site == full(root, tmp_path / "full")

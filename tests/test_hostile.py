"""Hostile and broken input: clear errors, nothing lost, nothing injected.

The fixtures in tests/fixtures/hostile/ are the kind of files people drop in
by mistake or paste from the web: wrong encodings, binaries, scripts, YAML
bombs. Each must end in an entry or a one-line error naming the file.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digest.build import BuildFailed, BuildOptions, build
from digest.config import load_config
from digest.content import load_entries
from digest.ingest import FAILED, SKIPPED, WRITTEN, IngestOptions, ingest

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"

EXPECTED_RAW = {
    "script.txt": WRITTEN, "utf16.txt": WRITTEN, "bom.txt": WRITTEN, "cr-only.txt": WRITTEN,
    "one-huge-line.txt": WRITTEN, "same-title-a.txt": WRITTEN, "same-title-b.txt": WRITTEN,
    "bidi.txt": WRITTEN, "cp1251.txt": WRITTEN, "cp1252-pound.txt": WRITTEN,
    "hopeless.txt": FAILED, "empty.txt": FAILED, "whitespace.txt": FAILED,
    "markdown-list.md": FAILED, "photo.txt": SKIPPED, "nul-inside.txt": SKIPPED,
}


@pytest.fixture
def ingested(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    report = ingest([HOSTILE / "raw"], IngestOptions(tmp_path / "content", tmp_path))
    return tmp_path, {o.origin.name: o.status for o in report.outcomes}


def test_every_raw_file_ends_in_an_entry_or_a_reported_reason(
    ingested: tuple[Path, dict[str, str]]
) -> None:
    _, statuses = ingested
    assert statuses == EXPECTED_RAW


def test_nothing_written_is_lost_or_merged(ingested: tuple[Path, dict[str, str]]) -> None:
    root, statuses = ingested
    entries = load_entries(root / "content").entries
    assert len(entries) == sum(1 for s in statuses.values() if s == WRITTEN)
    slugs = sorted(e.slug for e in entries if e.slug.startswith("same-headline"))
    assert slugs == ["same-headline-on-two-sites-today", "same-headline-on-two-sites-today-2"]
    by_title = {e.title: e for e in entries}
    assert "Headline from an old Mac editor" in by_title
    assert by_title["Headline in a UTF-16 file today"].date is not None


def test_legacy_encodings_are_read_as_detected_and_marked_for_review(tmp_path: Path) -> None:
    report = ingest([HOSTILE / "raw"], IngestOptions(tmp_path / "content", tmp_path))
    entries = {e.origin.rsplit("/", 1)[-1]: e for e in load_entries(tmp_path / "content").entries
               if e.origin}
    pound = entries["cp1252-pound.txt"]
    assert "costs £1.40" in pound.body and "encoding" in pound.review
    assert entries["cp1251.txt"].title == "Північнокорейські війська в Росії"
    assert "encoding" in entries["cp1251.txt"].review
    assert "encoding" not in entries["bom.txt"].review
    warnings = {f.path.name: str(f) for f in report.findings if f.path and f.level == "warning"}
    assert "read as windows-1252 (windows-1250" in warnings["cp1252-pound.txt"]
    assert "read as windows-1251" in warnings["cp1251.txt"]
    # The one file no encoding reads is refused where it goes wrong; the others went in.
    [hopeless] = [o for o in report.outcomes if o.origin.name == "hopeless.txt"]
    assert hopeless.message.startswith("line 1: not valid UTF-8 (byte 0xd9 at offset 0)")
    assert "no text encoding reads it" in hopeless.message
    [finding] = [str(f) for f in report.findings if "hopeless.txt" in str(f)]
    assert finding.endswith("hopeless.txt:1: error: not valid UTF-8 (byte 0xd9 at offset 0), "
                            "and no text encoding reads it (is it really a text file? save the "
                            "article as text)")
    assert report.summary() == (
        "ingested 16 files: 10 written, 2 skipped, 4 failed; 2 not in UTF-8, read in the "
        "encoding detected and marked for review")


def test_scripts_in_articles_are_published_as_text(
    ingested: tuple[Path, dict[str, str]]
) -> None:
    root, _ = ingested
    out = root / "site"
    build(load_config(root), BuildOptions(root / "content", out))
    page = next(p for p in (out / "entries").glob("north-korean*.html")).read_text()
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert "<img src=x" not in page and 'href="javascript:' not in page
    for path in out.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert "<script>alert" not in path.read_text(), path


@pytest.mark.parametrize("name, message", [
    ("list.md", "not a mapping"),
    ("bomb.md", "aliases are not allowed"),
    ("python-tag.md", "front-matter"),
    ("unclosed.md", "not closed"),
    ("bad-date.md", "day is out of range"),
    ("js-url.md", "not an http(s) or relative link"),
    ("title-number.md", "`title` must be text"),
    ("latin1.md", "not valid UTF-8"),
])
def test_each_bad_entry_is_one_located_error(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(HOSTILE / "content" / name, tmp_path / "content" / name)
    result = load_entries(tmp_path / "content")
    assert len(result.errors) == 1
    error = str(result.errors[0])
    assert error.startswith(str(tmp_path / "content" / name) + ":")
    assert message in error and "\n" not in error


def test_a_binary_entry_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(HOSTILE / "content" / "binary.md", tmp_path / "content")
    result = load_entries(tmp_path / "content")
    assert not result.errors and "binary" in str(result.findings[0])


def test_build_of_all_bad_entries_fails_cleanly_and_keeps_the_old_site(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    good = tmp_path / "good"
    good.mkdir()
    (good / "ok.md").write_text("---\ntitle: Fine\n---\nBody\n")
    build(config, BuildOptions(good, tmp_path / "site"))
    before = sorted(p.name for p in (tmp_path / "site").rglob("*"))
    with pytest.raises(BuildFailed) as failed:
        build(config, BuildOptions(HOSTILE / "content", tmp_path / "site"))
    assert len(failed.value.errors) == 8
    assert sorted(p.name for p in (tmp_path / "site").rglob("*")) == before


def test_cli_never_shows_a_traceback_unless_asked(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "digest", *args], cwd=tmp_path, text=True,
                              capture_output=True, timeout=120)

    plain = run("build", "--content", str(HOSTILE / "content"))
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert len([line for line in plain.stderr.splitlines() if ": error: " in line]) == 8
    missing = run("build", "--content", str(tmp_path / "nope"), "--debug")
    assert missing.returncode == 1 and "Traceback" in missing.stderr
    assert "content folder not found" in missing.stderr


def test_an_interrupted_build_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(tmp_path)
    good = tmp_path / "good"
    good.mkdir()
    (good / "ok.md").write_text("---\ntitle: Fine\n---\nBody\n")
    build(config, BuildOptions(good, tmp_path / "site"))
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    (good / "ok.md").write_text("---\ntitle: Changed\n---\nBody\n")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("digest.render.output.Path.write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(config, BuildOptions(good, tmp_path / "site"))
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good", "site"]


def test_static_symlinks_leading_outside_are_not_published(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("password")
    static = tmp_path / "templates" / "static"
    static.mkdir(parents=True)
    (static / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (static / "ok.css").write_text("body{}")
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\n---\nB\n")
    build(load_config(tmp_path), BuildOptions(content, tmp_path / "site"))
    assert (tmp_path / "site" / "assets" / "ok.css").is_file()
    assert not (tmp_path / "site" / "assets" / "leak.txt").exists()


def test_files_over_the_size_limit_are_skipped_unread(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "log.txt").write_text("A log line that is not an article\n" * 2000)
    (raw / "ok.txt").write_text("A short article headline here\n\nBody.\n")
    report = ingest([raw], IngestOptions(tmp_path / "content", tmp_path, max_bytes=10_000))
    assert {o.origin.name: o.status for o in report.outcomes} == {
        "log.txt": SKIPPED, "ok.txt": WRITTEN}
    assert "over the 10,000-byte limit" in str(report.findings[0])

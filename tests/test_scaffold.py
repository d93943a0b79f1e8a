"""`digest new DIR`: a digest of one's own that ingest, check and build run in unflagged."""

import re
import shutil
from pathlib import Path

import pytest

from digest.config import _KNOWN, load_config
from digest.errors import DigestError
from digest.scaffold import Scaffold, default_title, new_digest
from tests.test_cli import digest

SEED = Path(__file__).resolve().parents[1] / "seeds"


def test_new_digest_is_empty_and_configured(tmp_path: Path) -> None:
    result = digest(tmp_path, "new", "my-digest")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "my-digest"
    config = load_config(folder)
    assert (config.title, config.description, config.language) == (
        "My digest", "A source digest.", "en")
    assert config.topics == () and config.findings == ()
    assert config.content_dir == (folder / "content").resolve()
    assert list(config.content_dir.iterdir()) == []
    ignored = (folder / ".gitignore").read_text().splitlines()
    assert "/site/" in ignored and "/.cache/" in ignored
    assert "digest ingest" in (folder / "README.md").read_text()
    assert (folder / "people.yaml").is_file()


def test_config_comments_show_every_option(tmp_path: Path) -> None:
    new_digest(tmp_path / "d", Scaffold("T"))
    text = (tmp_path / "d" / "digest.yaml").read_text()
    shown = set(re.findall(r"^#? ?([a-z_]+):", text, re.MULTILINE))
    assert shown >= _KNOWN, f"not shown in the new digest.yaml: {_KNOWN - shown}"


def test_ingest_check_and_build_run_inside_with_no_flags(tmp_path: Path) -> None:
    assert digest(tmp_path, "new", "d").returncode == 0
    folder = tmp_path / "d"
    shutil.copy(next(SEED.glob("*.txt")), folder / "article.txt")
    ingested = digest(folder, "ingest", "article.txt")
    assert ingested.returncode == 0, ingested.stderr
    assert list((folder / "content").rglob("*.md"))
    checked = digest(folder, "check")
    assert "unknown key" not in checked.stderr
    built = digest(folder, "build")
    assert built.returncode == 0, built.stderr
    assert "<title>D" in (folder / "site" / "index.html").read_text()


def test_an_existing_digest_is_refused_in_one_line_and_kept(tmp_path: Path) -> None:
    digest(tmp_path, "new", "d")
    config = tmp_path / "d" / "digest.yaml"
    config.write_text("title: Mine\n")
    again = digest(tmp_path, "new", "d", "--title", "Other")
    assert again.returncode == 1
    lines = again.stderr.strip().splitlines()
    assert len(lines) == 1 and "already a digest" in lines[0] and "Traceback" not in lines[0]
    assert config.read_text() == "title: Mine\n"


def test_a_folder_with_any_file_of_a_digest_gets_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    (tmp_path / "notes.txt").write_text("raw article\n")
    with pytest.raises(DigestError, match=r"README\.md already there: nothing written"):
        new_digest(tmp_path, Scaffold("T"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "notes.txt"]
    (tmp_path / "README.md").unlink()
    new_digest(tmp_path, Scaffold("T"))  # other files in the folder are no obstacle
    assert (tmp_path / "notes.txt").read_text() == "raw article\n"


def test_entries_already_in_content_are_refused(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\n---\n")
    with pytest.raises(DigestError, match="content already there"):
        new_digest(tmp_path, Scaffold("T"))
    assert not (tmp_path / "digest.yaml").exists()


def test_any_title_reads_back_as_written(tmp_path: Path) -> None:
    title = 'Kyiv: "the front" — #1 \\ {braces} & [brackets]'
    new_digest(tmp_path / "d", Scaffold(title, "Line one\nline: two", "uk"))
    config = load_config(tmp_path / "d")
    assert (config.title, config.description, config.language) == (
        title, "Line one\nline: two", "uk")


def test_a_language_that_is_not_a_tag_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="not a language tag"):
        new_digest(tmp_path / "d", Scaffold("T", language="en\ntopics: x"))
    assert not (tmp_path / "d").exists()


def test_default_title_from_the_folder_name() -> None:
    assert default_title(Path("us_election-2024")) == "Us election 2024"

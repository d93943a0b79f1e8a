import time
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.render.output import MARKER, check_output_dir, write_site


def test_write_replaces_the_whole_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"one", "old.html": b"x"}, out)
    write_site({"index.html": b"two"}, out)
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old.html").exists()
    assert (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_write_leaves_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"good"}, out)
    with pytest.raises(NotADirectoryError):
        # "a" is written as a file, then "a/b" needs it to be a folder: fails half-way.
        write_site({"a": b"file", "a/b/c.html": b"x", "index.html": b"bad"}, out)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_a_folder_digest_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("precious")
    with pytest.raises(DigestError, match="not made by digest"):
        check_output_dir(tmp_path, ())
    with pytest.raises(DigestError, match="project's own files"):
        check_output_dir(tmp_path.parent, (tmp_path,))


def test_unchanged_files_keep_their_modification_time(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"same.html": b"same", "changed.html": b"old"}, out)
    old_same = (out / "same.html").stat().st_mtime_ns
    old_changed = (out / "changed.html").stat().st_mtime_ns
    time.sleep(0.02)
    write_site({"same.html": b"same", "changed.html": b"new"}, out)
    assert (out / "same.html").stat().st_mtime_ns == old_same
    assert (out / "changed.html").stat().st_mtime_ns != old_changed
    assert (out / "changed.html").read_bytes() == b"new"

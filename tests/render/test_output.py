import time
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.render.output import MARKER, check_output_dir, update_site, write_site


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


def test_an_update_in_place_writes_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"A", "b/c.html": b"C", "d/e.html": b"E"}, out, site_id="one")
    kept = (out / "a.html").stat().st_ino
    written = update_site(out, {"a.html": b"A", "b/c.html": b"C2", "f.html": b"F"},
                          ["d/e.html"], "two")
    assert written == 2
    assert (out / "a.html").stat().st_ino == kept
    assert (out / "b/c.html").read_bytes() == b"C2" and (out / "f.html").read_bytes() == b"F"
    assert not (out / "d").exists()  # as a full build: no empty folder left
    assert (out / MARKER).read_text().split()[-1] == "two"


def test_an_interrupted_update_is_not_taken_for_a_finished_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"A", "file": b"not a folder"}, out, site_id="one")
    with pytest.raises(OSError):
        update_site(out, {"a.html": b"A2", "file/below.html": b"X"}, [], "two")
    # The next build sees neither the old site nor the new one, and writes it all.
    assert (out / MARKER).read_text().split()[-1] not in ("one", "two")

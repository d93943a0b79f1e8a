"""Write a whole site beside the old one, then swap it in.

A build that fails half-way, or is interrupted, leaves the previous site as
it was: readers (and a preview server) never see half a site. A file whose
bytes did not change is carried over as a hard link to the old one, keeping its
modification time, so `rsync` and browsers see only what really changed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from digest.errors import DigestError
from digest.textio import write_atomic

MARKER = ".digest-site"


def check_output_dir(out: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder whose replacement would destroy someone's files."""
    resolved = out.resolve()
    for path in protected:
        if resolved == path.resolve() or path.resolve().is_relative_to(resolved):
            raise DigestError(
                "the output folder would contain the project's own files", out,
                hint="choose an output folder of its own, such as site/",
            )
    if resolved.is_dir() and not (resolved / MARKER).exists() and any(resolved.iterdir()):
        raise DigestError(
            "the output folder is not empty and was not made by digest", out,
            hint="point --out at an empty or new folder; digest replaces its whole content",
        )


def write_site(
    files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], out: Path,
    keep: Iterable[str] = (), site_id: str = "",
) -> None:
    """Write `files`, and carry over the files named in `keep` from the current site.

    The marker file names the site's fingerprint, so the next build can tell that
    the folder already holds what it would write."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for relative, data in files.items() if isinstance(files, Mapping) else files:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if not _carry_over(out / relative, target, data):
                target.write_bytes(data)
        for relative in keep:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(out / relative, target)
        (staging / MARKER).write_text(
            f"made by digest; the whole folder is replaced on build\n{site_id}\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def update_site(out: Path, writes: Mapping[str, bytes], removals: Iterable[str],
                site_id: str) -> int:
    """Bring a folder that holds the last build up to date in place; the number of files
    written. For the preview, where an edit changes a few files of tens of thousands and
    carrying the others over to a new folder would cost seconds.

    Everything was rendered before this is called, so only the file system can fail
    here. The marker is cleared first and written last: a run stopped half-way leaves a
    folder the next build does not recognise, and writes in full, beside it. Each file
    is replaced atomically, so a reader never sees half a page."""
    out = out.resolve()
    marker = out / MARKER
    marker.write_text("made by digest; being updated\n")
    for relative in removals:
        gone = out / relative
        gone.unlink(missing_ok=True)
        for folder in gone.parents:  # as a full build would: no empty folders left behind
            if folder == out or any(folder.iterdir()):
                break
            folder.rmdir()
    written = 0
    for relative, data in writes.items():
        target = out / relative
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        written += 1
    marker.write_text(f"made by digest; the whole folder is replaced on build\n{site_id}\n")
    return written


def site_files(out: Path) -> set[str]:
    """The files of a site folder, by path relative to it, its marker left out."""
    root = str(out.resolve())
    found: set[str] = set()
    for folder, _, files in os.walk(root):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in files)
    found.discard(MARKER)
    return found


def _carry_over(previous: Path, target: Path, data: bytes) -> bool:
    try:
        if previous.is_symlink() or previous.stat().st_size != len(data):
            return False
        if previous.read_bytes() != data:
            return False
        os.link(previous, target)
    except OSError:  # no previous file, or a file system without hard links
        return False
    return True

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
    files: Mapping[str, bytes], out: Path, keep: Iterable[str] = (), site_id: str = ""
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
        for relative, data in files.items():
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

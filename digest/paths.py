"""Paths as the user sees them."""

from __future__ import annotations

from pathlib import Path


def origin_path(origin: str | None, root: Path) -> str | None:
    """Relative to the project root when the raw file is inside it, else absolute."""
    if not origin:
        return None
    if "://" in origin:  # a web page's address (digest.ingest.web), not a file
        return origin
    path = Path(origin)
    if not path.is_absolute():
        return path.as_posix()
    resolved = path.resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    return resolved.as_posix()

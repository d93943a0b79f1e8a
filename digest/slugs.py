"""Slugs of names (topics, sources): one page per name, whatever its spelling of case."""

from __future__ import annotations

from functools import lru_cache

from slugify import slugify


@lru_cache(maxsize=65536)
def name_slug(name: str) -> str:
    # Cached: a digest names the same few hundred topics and outlets on every
    # page, and slugify is far slower than a dictionary look-up.
    return slugify(name) or "untitled"

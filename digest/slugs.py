"""Slugs of names (topics, sources, people): readable, ASCII, never empty, never too long.

A slug names a file (`topics/<slug>.html`, `search/f/speaker/<slug>.js`), and file systems
refuse names over 255 bytes: a "speaker" that is a long capitalised run of an article, or
a pasted paragraph as a topic, must still make a file. Which name gets which slug when two
names slug alike is decided in one place, digest.ids.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from slugify import slugify

NAME_SLUG_MAX = 100  # leaves room for "-2", "/3.html" and a temporary file's affixes
ENTRY_SLUG_MAX = 200  # entry files named by hand may be long: keep what fits "<slug>.html"
_HASH_CHARS = 8


def bounded(slug: str, limit: int) -> str:
    """`slug` when it fits in `limit` characters, else a prefix and a short hash of the
    whole, so that two long slugs that share their first `limit` characters still differ."""
    if len(slug) <= limit:
        return slug
    digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    return f"{slug[: limit - _HASH_CHARS - 1].rstrip('-')}-{digest}"


@lru_cache(maxsize=65536)
def name_slug(name: str) -> str:
    # Cached: a digest names the same few hundred topics and outlets on every
    # page, and slugify is far slower than a dictionary look-up.
    slug = slugify(name)
    if not slug:
        # Nothing transliterates ("!!!", an emoji): a hash of the name still tells
        # such names apart, and stays the same from build to build.
        slug = "n-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    return bounded(slug, NAME_SLUG_MAX)


@lru_cache(maxsize=65536)
def same_name(name: str) -> str:
    """What tells two topics or two sources apart: not case, spacing or Unicode form
    ("Kursk region", "kursk  region" are one topic); punctuation and accents do."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


RESERVED = frozenset({"index"})  # every folder of named pages has its own index.html


def assign_slugs(keys: Iterable[str], plain: Callable[[str], str] = name_slug,
                 ) -> dict[str, str]:
    """key -> a slug no other key has, for keys in order of first appearance.

    Each key in turn gets its plain slug, or when an earlier key took it (or it is a
    reserved word), the first free one of "<slug>-2", "<slug>-3"... . A key's slug depends
    only on the keys before it: the same keys in the same order give the same slugs on
    every build, and a key that appears later never moves an earlier one's page.
    """
    slugs: dict[str, str] = {}
    taken = set(RESERVED)
    for key in keys:
        if key in slugs:
            continue
        wanted = slug = plain(key)
        number = 2
        while slug in taken:
            slug = f"{wanted}-{number}"
            number += 1
        slugs[key] = slug
        taken.add(slug)
    return slugs

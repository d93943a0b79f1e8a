"""Entry files: compose them, place them, and never overwrite a person's edit.

Each entry that ingest writes carries `entry_hash`, a hash of its own text as
written. If the text no longer matches, a person has edited the entry since,
and ingest leaves it alone. `origin_hash` tells whether the raw file changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from digest import frontmatter
from digest.content import entry_files
from digest.errors import DigestError
from digest.ingest.article import RawArticle
from digest.ingest.dates import date_from_name
from digest.ingest.language import detect_language
from digest.model import EntryDate

_HASH_LINE = re.compile(r"^entry_hash: *([0-9a-f]{16})\n", re.MULTILINE)
_ORDER = ("title", "date", "source", "author", "url", "language", "topics", "summary")
_MANAGED = frozenset({"review", "origin", "origin_hash", "entry_hash", "slug"})
SLUG_MAX = 72
# "Russia's" -> "russias", not "russia-s".
_APOSTROPHES = [["'", ""], ["\u2019", ""], ["\u02bc", ""]]


def compose(article: RawArticle, overrides: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Front-matter for an article: what was found, then sidecar and command line on top."""
    named = date_from_name(article.origin.name) if article.date is None else None
    given = {k: v for k, v in overrides.items() if v not in (None, "", [])}
    # The page's or front-matter's own `lang` stands; otherwise the text tells.
    language = article.meta.get("language") or given.get("language") or detect_language(
        f"{article.title or ''}\n{article.body}")
    found: dict[str, Any] = {"title": article.title, "date": article.date or named,
                             "author": article.author, **article.meta, "language": language}
    merged = {**found, **given}
    meta: dict[str, Any] = {}
    for key in _ORDER:
        value = merged.pop(key, None)
        if isinstance(value, EntryDate):
            value = value.moment or value.day
        if value not in (None, "", []):
            meta[key] = value
    review = [key for key in ("title", "date", "source") if key not in meta]
    if named is not None and "date" not in given:
        review.insert(0, "date")  # from the file's name: a guess a person should confirm
    if article.title_guessed and "title" not in overrides:
        review.insert(0, "title")
    if review:
        meta["review"] = review
    meta.update((k, v) for k, v in merged.items() if k not in _MANAGED)
    meta["origin"] = origin
    meta["origin_hash"] = article.origin_hash
    return meta


def render_entry(meta: Mapping[str, Any], body: str) -> str:
    text = frontmatter.dump(dict(meta), body)
    stamp = _sha(text)
    head, _, rest = text.partition("\n---\n")
    return f"{head}\nentry_hash: {stamp}\n---\n{rest}"


def untouched(text: str) -> bool:
    """True when an entry is exactly as ingest wrote it."""
    match = _HASH_LINE.search(text)
    if match is None:
        return False
    return _sha(text[: match.start()] + text[match.end():]) == match.group(1)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entry_slug(title: str | None, fallback: str) -> str:
    """A readable slug from the title, cut at a word: "russias-appeal-for-help-...".

    slugify's own word_boundary cut skips a long word and carries on with later
    short ones, which garbles the end of the slug; cutting here keeps a prefix.
    """
    slug = slugify(title or "", replacements=_APOSTROPHES) or slugify(fallback) or "entry"
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    return slug


def entry_folder(content_dir: Path, meta: Mapping[str, Any]) -> Path:
    day = meta.get("date")
    if day is None:
        return content_dir / "undated"
    return content_dir / f"{day.year:04d}" / f"{day.month:02d}"


@dataclass
class ContentIndex:
    """What is already in the content folder: who came from which raw file, which slugs
    are taken."""

    by_origin: dict[str, Path] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)

    @classmethod
    def scan(cls, content_dir: Path) -> ContentIndex:
        index = cls()
        if not content_dir.is_dir():
            return index
        for path in entry_files(content_dir):
            index.slugs.add(path.stem)
            try:
                doc = frontmatter.split(path.read_text("utf-8", errors="replace"), path)
            except DigestError:
                continue  # a broken entry is reported by build and check, not here
            if isinstance(doc.meta.get("slug"), str):
                index.slugs.add(doc.meta["slug"])
            if isinstance(doc.meta.get("origin"), str):
                index.by_origin.setdefault(doc.meta["origin"], path)
        return index

    def free_slug(self, slug: str) -> str:
        candidate, number = slug, 2
        while candidate in self.slugs:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

"""What the search index is built from: one record per thing a reader can find."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

KINDS = ("article", "quote", "person", "topic")
EXCERPT_CHARS = 240


@dataclass(frozen=True)
class SearchRecord:
    id: str  # stable: "e:<slug>" for entries, "q:<quote id>", "p:<person slug>", "t:<topic slug>"
    kind: str  # one of KINDS
    title: str
    path: str  # site-relative URL, e.g. "entries/slug.html" or "quotes/c12.html#q3"
    date: str | None  # ISO 8601
    source: str | None
    speaker: str | None
    topics: tuple[str, ...]  # topic names, as pages show them
    body: str  # text to index: article body, quote text, aliases...
    excerpt: str  # shown under the title in results
    language: str | None = None  # the article's `language:`, which stems its words


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters, cut at a space, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + "…"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # made once: json.dumps makes one a call


def record_digest(r: SearchRecord) -> str:
    """What an index update compares a record by, with the one the last update kept."""
    text = _ENCODE((r.id, r.kind, r.title, r.path, r.date, r.source, r.speaker, r.topics,
                    r.body, r.excerpt, r.language))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def validate(ordered: Sequence[SearchRecord]) -> None:
    for a, b in pairwise(ordered):
        if a.id == b.id:
            raise ValueError(f"two search records share the id {a.id!r}")
    unknown = {r.kind for r in ordered} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown search record kinds: {sorted(unknown)}")

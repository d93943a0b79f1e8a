"""What the search index is built from: one record per thing a reader can find."""

from __future__ import annotations

from dataclasses import dataclass

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


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters, cut at a space, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + "…"

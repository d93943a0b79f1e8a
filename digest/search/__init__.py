"""Site search: typed records in, a static index of small script files out.

The index is built from records (articles, topics, and later quotes and people), never by
crawling rendered HTML, and is read by templates/static/search.js from `search/index.html`.
See digest.search.index for its file layout.
"""

from __future__ import annotations

from digest.group import Grouped
from digest.render.links import entry_path
from digest.render.plan import Page
from digest.search.index import build_index
from digest.search.record import KINDS, SearchRecord, shorten


def records_from(grouped: Grouped) -> tuple[SearchRecord, ...]:
    """One record per entry and per topic."""
    articles = tuple(
        SearchRecord(
            id=f"e:{x.entry.slug}", kind="article", title=x.entry.title, path=entry_path(x),
            date=x.entry.date.iso() if x.entry.date else None, source=x.entry.source,
            speaker=None, topics=x.topics,
            # The byline and topic names are searchable too: "Babel Kursk" should work.
            body="\n".join((x.text, x.entry.source or "", x.entry.author or "", *x.topics)),
            excerpt=shorten(x.excerpt),
        )
        for x in grouped.entries
    )
    topics = tuple(
        SearchRecord(
            id=f"t:{g.key}", kind="topic", title=g.title, path=f"topics/{g.key}.html",
            date=g.entries[0].entry.date.iso() if g.entries[0].entry.date else None,
            source=None, speaker=None, topics=(g.title,), body=g.description or "",
            excerpt=shorten(g.description or _count(len(g.entries))),
        )
        for g in grouped.topics
    )
    return articles + topics


def search_page() -> Page:
    """The results page; its script reads the query and filters from the URL."""
    return Page("search/index.html", "search.html", {})


def _count(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


__all__ = ["KINDS", "SearchRecord", "build_index", "records_from", "search_page", "shorten"]

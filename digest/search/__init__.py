"""Site search: typed records in, a static index of small script files out.

The index is built from records (articles, topics, and later quotes and people), never by
crawling rendered HTML, and is read by templates/static/search.js from `search/index.html`.
See digest.search.index for its file layout.
"""

from __future__ import annotations

from collections.abc import Mapping

from digest.group import Grouped
from digest.link.digest_links import Linked
from digest.render.links import entry_path
from digest.render.plan import Page
from digest.search.index import SearchIndex, build_index
from digest.search.record import KINDS, SearchRecord, shorten


def records_from(grouped: Grouped, linked: Linked | None = None) -> tuple[SearchRecord, ...]:
    """One record per entry and per topic, and with `linked`, per quote and per person."""
    articles = tuple(
        SearchRecord(
            id=f"e:{x.entry.slug}", kind="article", title=x.entry.title,
            path=entry_path(x.entry.slug),
            date=x.entry.date.iso() if x.entry.date else None, source=x.entry.source,
            speaker=None, topics=x.topics,
            # The byline and topic names are searchable too: "Babel Kursk" should work.
            body="\n".join((x.text, x.entry.source or "", x.entry.author or "", *x.topics)),
            excerpt=shorten(x.excerpt), language=x.entry.language,
        )
        for x in grouped.entries
    )
    topics = tuple(
        SearchRecord(
            id=f"t:{g.key}", kind="topic", title=g.title, path=f"topics/{g.key}.html",
            date=g.entries[0].date.iso() if g.entries[0].date else None,
            source=None, speaker=None, topics=(g.title,), body=g.description or "",
            excerpt=shorten(g.description or _count(len(g.entries))),
        )
        for g in grouped.topics
    )
    if linked is None:
        return articles + topics
    languages = {x.entry.slug: x.entry.language for x in grouped.entries}
    return articles + topics + _linked_records(linked, languages)


def _linked_records(linked: Linked, languages: Mapping[str, str | None],
                    ) -> tuple[SearchRecord, ...]:
    quotes = tuple(
        SearchRecord(
            id=f"q:{item.id}", kind="quote", title=shorten(item.quote.text),
            path=item.path,
            date=item.entry.date.iso() if item.entry.date else None,
            source=item.entry.source, speaker=item.quote.speaker,
            # The title is the quote already: an excerpt would show it twice.
            topics=item.entry.topics, body=item.quote.text, excerpt="",
            language=languages[item.entry.slug],
        )
        for item in linked.quotes
    )
    people = tuple(
        SearchRecord(
            id=f"p:{person.slug}", kind="person", title=person.name,
            path=f"people/{person.slug}.html",
            date=person.items[0].entry.date.iso() if person.items[0].entry.date else None,
            source=None, speaker=person.name, topics=(),
            body="\n".join((*person.aliases, *person.roles)),
            excerpt=shorten("; ".join(person.roles) or _count_quotes(len(person.items))),
        )
        for person in linked.people
    )
    return quotes + people


def _count_quotes(n: int) -> str:
    return f"{n} {'quote' if n == 1 else 'quotes'}"


def search_page() -> Page:
    """The results page; its script reads the query and filters from the URL."""
    return Page("search/index.html", "search.html", {})


def _count(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


__all__ = ["KINDS", "SearchIndex", "SearchRecord", "build_index", "records_from", "search_page",
           "shorten"]

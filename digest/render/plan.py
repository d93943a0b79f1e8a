"""Which pages the site has, and what each one is rendered from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from digest.extract import Extracted
from digest.group import Group, Grouped
from digest.render.links import entry_path

HOME_MIN_ENTRIES = 40  # whole days are shown until at least this many entries


@dataclass(frozen=True)
class Page:
    path: str  # site-relative, e.g. "entries/some-slug.html"
    template: str
    context: Mapping[str, Any]


def plan_pages(grouped: Grouped) -> tuple[Page, ...]:
    return tuple(_pages(grouped))


def _pages(g: Grouped) -> Iterator[Page]:
    yield Page("index.html", "index.html", {
        "days": _home_days(g.days), "undated": g.undated, "total": len(g.entries),
        "months": g.months,
    })
    yield Page("archive.html", "archive.html", {"months": g.months, "undated": g.undated})
    yield Page("undated.html", "list.html", {
        "heading": "Undated entries", "kind": "undated", "entries": g.undated,
        "intro": "Entries whose source gave no date. Add `date:` to their front-matter.",
    })
    for day in g.days:
        yield Page(f"days/{day.key}.html", "list.html", _list(day, "day"))
    days_of: dict[str, list[Group]] = {}
    for day in g.days:
        days_of.setdefault(day.key[:7], []).append(day)
    for month in g.months:
        yield Page(f"months/{month.key}.html", "month.html", {
            "group": month, "heading": month.title, "kind": "month",
            "days": tuple(days_of.get(month.key, ())),
        })
    yield Page("topics/index.html", "groups.html", {
        "heading": "Topics", "kind": "topic", "groups": g.topics,
    })
    for topic in g.topics:
        yield Page(f"topics/{topic.key}.html", "list.html", _list(topic, "topic"))
        yield Page(f"topics/{topic.key}.xml", "feed.xml", {
            "feed_title": topic.title, "feed_path": f"topics/{topic.key}.xml",
            "alternate": f"topics/{topic.key}.html", "entries": _dated(topic.entries),
        })
    yield Page("sources/index.html", "groups.html", {
        "heading": "Sources", "kind": "source", "groups": g.sources,
    })
    for source in g.sources:
        yield Page(f"sources/{source.key}.html", "list.html", _list(source, "source"))
    for x in g.entries:
        yield Page(entry_path(x), "entry.html", {"x": x})
    yield Page("feed.xml", "feed.xml", {
        "feed_title": None, "feed_path": "feed.xml", "alternate": "index.html",
        "entries": _dated(g.entries),
    })
    yield Page("404.html", "404.html", {})


def _list(group: Group, kind: str) -> dict[str, Any]:
    return {"group": group, "heading": group.title, "kind": kind, "entries": group.entries,
            "intro": group.description}


def _home_days(days: tuple[Group, ...]) -> tuple[Group, ...]:
    shown: list[Group] = []
    count = 0
    for day in days:
        if count >= HOME_MIN_ENTRIES:
            break
        shown.append(day)
        count += len(day.entries)
    return tuple(shown)


def _dated(entries: tuple[Extracted, ...], limit: int = 50) -> tuple[Extracted, ...]:
    # Atom requires a date per entry; undated ones would need an invented one.
    # Drafts never reach a feed, even in a --drafts preview.
    return tuple(x for x in entries if x.entry.date is not None and not x.entry.draft)[:limit]

"""Which pages the site has, and what each one is rendered from.

A page's context holds only what the page shows: cards for the entries a list shows
(digest.cards), one line per group, story or person an index lists. Its print, which
decides whether it is rendered again, is made of its context, so a change reaches only the
pages that show it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, TypeVar

from digest.cards import Card
from digest.extract import Extracted
from digest.group import Group, Grouped
from digest.ids import SiteIds, site_ids
from digest.link.coverage import StoryView
from digest.link.digest_links import Linked, PersonView
from digest.model import EntryDate
from digest.render.links import entry_path

HOME_MIN_ENTRIES = 40  # whole days are shown until at least this many entries
HOME_UNDATED = 20  # undated entries the home page shows
T = TypeVar("T")
PAGE_SIZE = 50  # entries per page of a timeline, stories per page of the stories index


@dataclass(frozen=True)
class Page:
    path: str  # site-relative, e.g. "entries/some-slug.html"
    template: str
    context: Mapping[str, Any]


@dataclass(frozen=True)
class Line:
    """A group as an index lists it: the archive's months, the topics and sources."""

    key: str
    title: str
    count: int
    latest: EntryDate | None  # the newest entry's date


@dataclass(frozen=True)
class StoryLine:
    """A story as a list shows it, in one line."""

    id: str
    title: str
    count: int  # reports
    outlets: tuple[str, ...]
    first: date | None
    last: date | None


@dataclass(frozen=True)
class PersonLine:
    """A person as the people index lists them."""

    name: str
    count: int  # quotes
    role: str | None  # the first role given


def plan_pages(
    grouped: Grouped, linked: Linked | None = None, stories: Sequence[StoryView] = (),
    ids: SiteIds | None = None,
) -> tuple[Page, ...]:
    """Every page of the site, each with the context it is rendered from: what decides
    whether it is rendered again (digest.engine.outputs).

    Every context holds `ids` (digest.ids): the links a page renders depend on it."""
    ids = ids or site_ids(grouped, linked, stories)
    story_of = {x.slug: s for s in stories for x in s.entries}
    return (*_pages(grouped, linked, story_of, ids),
            *(_quote_pages(linked, ids) if linked else ()), *_story_pages(stories, ids))


def _story_pages(stories: Sequence[StoryView], ids: SiteIds) -> Iterator[Page]:
    # In pages, as timelines are: an edit re-renders the page its story is on.
    for path, chunk, pager in _split("stories/index", _lines(_by_recency(stories))):
        yield Page(path, "stories.html", {"stories": chunk, "pager": pager, "ids": ids})
    for story in stories:
        yield Page(f"stories/{ids.slug('story', story.id)}.html", "story.html",
                   {"s": story, "ids": ids})


def _by_recency(stories: Sequence[StoryView]) -> tuple[StoryView, ...]:
    return tuple(sorted(stories, key=lambda s: (s.last is not None, s.last or date.min,
                                                len(s.entries), s.id), reverse=True))


def _lines(stories: Sequence[StoryView]) -> tuple[StoryLine, ...]:
    return tuple(StoryLine(s.id, s.title, len(s.entries), s.outlets, s.first, s.last)
                 for s in stories)


def _stories_of(entries: Sequence[Card], story_of: Mapping[str, StoryView], limit: int,
                ) -> tuple[StoryLine, ...]:
    """The stories these entries belong to, with more than one report, latest first."""
    found = {story_of[x.slug].id: story_of[x.slug] for x in entries
             if x.slug in story_of and len(story_of[x.slug].entries) > 1}
    return _lines(_by_recency(list(found.values()))[:limit])


def _quote_pages(linked: Linked, ids: SiteIds) -> Iterator[Page]:
    for cluster in linked.clusters:
        if cluster.shared:
            yield Page(f"quotes/{cluster.id}.html", "cluster.html", {"c": cluster, "ids": ids})
    yield Page("people/index.html", "people.html",
               {"people": tuple(map(_person_line, linked.people)), "ids": ids})
    for person in linked.people:
        yield Page(f"people/{person.slug}.html", "person.html", {"p": person, "ids": ids})


def _person_line(p: PersonView) -> PersonLine:
    return PersonLine(p.name, len(p.items), p.roles[0] if p.roles else None)


def _entry_quotes(x: Extracted, linked: Linked | None, ids: SiteIds,
                  others_of: dict[tuple[str, str], tuple[str, ...]]) -> dict[str, Any]:
    """The entry's quotes, and for each cluster the other outlets that carried it.
    `others_of` keeps each (cluster, outlet)'s answer for the next entry: a cluster's
    quotes are spread over many entries, often from one outlet."""
    items = linked.by_entry.get(x.entry.slug, ()) if linked else ()
    source = x.entry.source or "Unknown source"
    others: dict[str, tuple[str, ...]] = {}
    for item in items:
        found = others_of.get((item.cluster, source))
        if found is None:
            cluster = linked.cluster_of[item.cluster] if linked else None
            found = others_of[item.cluster, source] = tuple(
                outlet for outlet in (cluster.outlets if cluster else ()) if outlet != source)
        others[item.cluster] = found
    return {"x": x, "quotes": items, "others": others, "ids": ids}


def _pages(g: Grouped, linked: Linked | None, story_of: Mapping[str, StoryView],
           ids: SiteIds) -> Iterator[Page]:
    days = _home_days(g.days)
    shown = sum(len(d.entries) for d in days)
    yield Page("index.html", "index.html", {"ids": ids,
        "days": days, "undated": g.undated[:HOME_UNDATED], "undated_total": len(g.undated),
        "total": len(g.entries), "span": tuple(dict.fromkeys(
            m.title for m in (g.months[-1:] + g.months[:1]))),
        "more": sum(len(m.entries) for m in g.months) > shown,
        "stories": _stories_of([x for d in days for x in d.entries], story_of, 10),
    })
    yield Page("archive.html", "archive.html", {
        "months": tuple(map(_line, g.months)), "undated": len(g.undated)})
    yield Page("undated.html", "list.html", {"ids": ids,
        "heading": "Undated entries", "kind": "undated", "entries": g.undated,
        "intro": "Entries whose source gave no date. Add `date:` to their front-matter.",
    })
    for day in g.days:
        yield Page(f"days/{day.key}.html", "list.html", _list(day, "day", ids))
    days_of: dict[str, list[Group]] = {}
    for day in g.days:
        days_of.setdefault(day.key[:7], []).append(day)
    for month in g.months:
        yield Page(f"months/{month.key}.html", "month.html", {"ids": ids,
            "heading": month.title, "count": len(month.entries),
            "days": tuple(days_of.get(month.key, ())),
        })
    by_slug = {x.entry.slug: x for x in g.entries}
    yield Page("topics/index.html", "groups.html", {
        "ids": ids, "heading": "Topics", "kind": "topic", "groups": tuple(map(_line, g.topics)),
    })
    for topic in g.topics:
        yield from _paged(f"topics/{topic.key}", topic, "topic",
                          _stories_of(topic.entries, story_of, 20), ids)
        yield Page(f"topics/{topic.key}.xml", "feed.xml", {
            "ids": ids, "feed_title": topic.title, "feed_path": f"topics/{topic.key}.xml",
            "alternate": f"topics/{topic.key}.html",
            "entries": _dated(by_slug[c.slug] for c in topic.entries),
        })
    yield Page("sources/index.html", "groups.html", {
        "ids": ids, "heading": "Sources", "kind": "source", "groups": tuple(map(_line, g.sources)),
    })
    for source in g.sources:
        yield from _paged(f"sources/{source.key}", source, "source", (), ids)
    others_of: dict[tuple[str, str], tuple[str, ...]] = {}
    for x in g.entries:
        yield Page(entry_path(x.entry.slug), "entry.html", _entry_quotes(x, linked, ids, others_of))
    yield Page("feed.xml", "feed.xml", {
        "ids": ids, "feed_title": None, "feed_path": "feed.xml", "alternate": "index.html",
        "entries": _dated(g.entries),
    })
    yield Page("404.html", "404.html", {})


def _line(group: Group) -> Line:
    return Line(group.key, group.title, len(group.entries),
                group.entries[0].date if group.entries else None)


def _paged(stem: str, group: Group, kind: str, stories: tuple[StoryLine, ...],
           ids: SiteIds) -> Iterator[Page]:
    """A long timeline in pages of PAGE_SIZE, newest first: `x.html`, `x/2.html`, ...

    An edit to one entry then re-renders the one page it is on, and nobody
    scrolls through ten thousand cards."""
    for n, (path, chunk, pager) in enumerate(_split(stem, group.entries)):
        context = _list(group, kind, ids)
        context["entries"] = chunk
        context["stories"] = stories if n == 0 else ()
        context["pager"] = {**pager, "total": len(group.entries)}
        yield Page(path, "list.html", context)


def _split(stem: str, items: Sequence[T]) -> list[tuple[str, Sequence[T], dict[str, Any]]]:
    """Items in pages of PAGE_SIZE, `stem.html`, `stem/2.html`, ...: (path, items, pager)
    for each, and one page even for no items. Later pages go in a folder: `stem-2` could
    be another topic's slug ("NATO 2"), a name with a slash cannot."""
    chunks = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [items[:0]]
    paths = [f"{stem}.html" if n == 0 else f"{stem}/{n + 1}.html" for n in range(len(chunks))]
    return [(paths[n], chunk, {
        "number": n + 1, "count": len(paths), "prev": paths[n - 1] if n > 0 else None,
        "next": paths[n + 1] if n + 1 < len(paths) else None,
    }) for n, chunk in enumerate(chunks)]


def _list(group: Group, kind: str, ids: SiteIds) -> dict[str, Any]:
    # Only what the page shows: a page's fingerprint must not change when an
    # entry on another page of the same group does.
    return {"heading": group.title, "kind": kind, "entries": group.entries,
            "intro": group.description, "ids": ids}


def _home_days(days: tuple[Group, ...]) -> tuple[Group, ...]:
    shown: list[Group] = []
    count = 0
    for day in days:
        if count >= HOME_MIN_ENTRIES:
            break
        shown.append(day)
        count += len(day.entries)
    return tuple(shown)


def _dated(entries: Iterable[Extracted], limit: int = 50) -> tuple[Extracted, ...]:
    # Atom requires a date per entry; undated ones would need an invented one.
    # Drafts never reach a feed, even in a --drafts preview. A feed shows each entry's
    # text: the one kind of list page an edit to the text reaches.
    return tuple(islice((x for x in entries if x.entry.date is not None and not x.entry.draft),
                        limit))

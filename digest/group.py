"""Group extracted entries by day, month, topic and source: pure, one pass each.

Groups hold cards (digest.cards), what their pages show of an entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from digest.cards import Card, card_of
from digest.extract import Extracted
from digest.model import Topic
from digest.slugs import assign_slugs, same_name


@dataclass(frozen=True)
class Group:
    key: str  # what the group's page is named after: 2024-10-30, 2024-10, a slug (digest.ids)
    title: str
    entries: tuple[Card, ...]  # newest first
    description: str | None = None


@dataclass(frozen=True)
class Grouped:
    entries: tuple[Extracted, ...]  # dated, newest first; then undated, by title
    cards: tuple[Card, ...]  # the entries' cards, in the same order
    days: tuple[Group, ...]  # newest first
    months: tuple[Group, ...]  # newest first
    undated: tuple[Card, ...]
    topics: tuple[Group, ...]  # alphabetical
    sources: tuple[Group, ...]  # alphabetical


def newest_first(items: Iterable[Extracted]) -> list[Extracted]:
    dated = [x for x in items if x.entry.date is not None]
    undated = [x for x in items if x.entry.date is None]
    # Two stable sorts: by title ascending, then by date descending, so that
    # entries of the same moment keep a fixed, readable order.
    dated.sort(key=lambda x: (x.entry.title.casefold(), x.entry.slug))
    dated.sort(key=lambda x: x.entry.date.sort_key() if x.entry.date else (date.min, ""),
               reverse=True)
    undated.sort(key=lambda x: (x.entry.title.casefold(), x.entry.slug))
    return dated + undated


def group_entries(extracted: Sequence[Extracted], topics: Sequence[Topic] = ()) -> Grouped:
    ordered = newest_first(extracted)
    cards = tuple(map(card_of, ordered))
    dated = [c for c in cards if c.date is not None]
    descriptions = {same_name(t.name): t.description for t in topics}
    return Grouped(
        entries=tuple(ordered), cards=cards,
        days=_bucket(dated, lambda c: [_day(c)], _day_title),
        months=_bucket(dated, lambda c: [_month(c)], _month_title),
        undated=tuple(c for c in cards if c.date is None),
        topics=_named(cards, lambda c: c.topics, descriptions),
        sources=_named(cards, lambda c: [c.source] if c.source else [], {}),
    )


def _day(c: Card) -> str:
    assert c.date is not None
    return c.date.day.isoformat()


def _month(c: Card) -> str:
    assert c.date is not None
    return c.date.month


def _day_title(key: str) -> str:
    day = date.fromisoformat(key)
    return f"{day:%A}, {day.day} {day:%B %Y}"


def _month_title(key: str) -> str:
    return date.fromisoformat(f"{key}-01").strftime("%B %Y")


def _bucket(
    ordered: Sequence[Card], keys: Callable[[Card], Iterable[str]],
    title: Callable[[str], str],
) -> tuple[Group, ...]:
    buckets: dict[str, list[Card]] = {}
    for x in ordered:
        for key in keys(x):
            buckets.setdefault(key, []).append(x)
    return tuple(Group(key, title(key), tuple(items))
                 for key, items in sorted(buckets.items(), reverse=True))


def _named(
    ordered: Sequence[Card], names: Callable[[Card], Iterable[str]],
    descriptions: dict[str, str | None],
) -> tuple[Group, ...]:
    """Groups of one name each, so "Kursk" and "kursk" share a page, titled by the newest
    spelling. Each page's slug is assigned in order of first appearance, oldest first
    (digest.slugs.assign_slugs): "C" and "C++" get pages of their own."""
    titles: dict[str, str] = {}
    buckets: dict[str, list[Card]] = {}
    for x in ordered:
        for name in names(x):
            key = same_name(name)
            titles.setdefault(key, name)
            members = buckets.setdefault(key, [])
            if not members or members[-1] is not x:
                members.append(x)
    dated = [x for x in ordered if x.date is not None]
    first_seen = (*reversed(dated), *(x for x in ordered if x.date is None))
    slugs = assign_slugs(same_name(name) for x in first_seen for name in names(x))
    return tuple(
        Group(slugs[key], titles[key], tuple(buckets[key]), descriptions.get(key))
        for key in sorted(buckets, key=lambda k: (titles[k].casefold(), k))
    )

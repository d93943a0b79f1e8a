"""Stories: the entries about one event across outlets and days, and how they differ.

Pure: extracted entries (with their quotes linked) in, one StoryView per story out,
with its timeline, quotes by speaker, the chain of who cites whom, and the figures
each source gives for the same quantity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from digest.cards import Card, card_of
from digest.extract import Extracted
from digest.extract.autotopics import auto_topics
from digest.extract.figures import Figure, figures_table
from digest.link.digest_links import Linked, QuoteItem
from digest.link.stories import LEAD_CHARS, Story, StoryDoc, find_stories


@dataclass(frozen=True)
class Citation:
    outlet: str  # the entry's source
    cited: str  # whom it cites: an agency, another outlet, an official
    item: QuoteItem


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str
    entries: tuple[Card, ...]  # oldest first, undated last
    first: date | None
    last: date | None
    speakers: tuple[tuple[str, tuple[QuoteItem, ...]], ...]  # direct and partial, by speaker
    citations: tuple[Citation, ...]
    figures: tuple[tuple[str, tuple[tuple[Card, Figure], ...]], ...]  # quantity -> rows

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x.source or "Unknown source" for x in self.entries))


def with_auto_topics(extracted: Sequence[Extracted]) -> list[Extracted]:
    """Entries with names shared by two entries or more as topics, after their own."""
    auto = auto_topics({x.entry.slug: x.names for x in extracted})
    return [replace(x, topics=tuple(dict.fromkeys((*x.topics, *auto.get(x.entry.slug, ())))))
            for x in extracted]


def find_story_views(
    extracted: Sequence[Extracted], linked: Linked,
    find: Callable[[Sequence[StoryDoc]], Sequence[Story]] = find_stories,
    cards: Sequence[Card] | None = None,
) -> tuple[StoryView, ...]:
    """`find` groups the entries (the costly part); the build passes the engine's query.
    `cards` are the entries' cards when the caller has them (digest.group's)."""
    by_slug = {x.entry.slug: (x, card) for x, card in
               zip(extracted, cards or map(card_of, extracted), strict=True)}
    docs = [
        StoryDoc(
            # Only the lead decides a story: an edit further down leaves the docs equal.
            slug=x.entry.slug, title=x.entry.title, text=x.text[:LEAD_CHARS],
            day=x.entry.date.day if x.entry.date else None, source=x.entry.source,
            names=tuple(dict.fromkeys((*x.topics, *x.names))),
            quote_clusters=tuple(i.cluster for i in linked.by_entry.get(x.entry.slug, ())),
            story=str(x.entry.extra["story"]) if x.entry.extra.get("story") else None,
        )
        for x in extracted
    ]
    return tuple(_view(story, [by_slug[s] for s in story.entries], linked)
                 for story in find(docs))


def _view(story: Story, members: list[tuple[Extracted, Card]], linked: Linked) -> StoryView:
    items = [i for x, _ in members for i in linked.by_entry.get(x.entry.slug, ())]
    speakers: dict[str, list[QuoteItem]] = {}
    for item in items:
        if item.quote.kind != "indirect" and item.quote.speaker:
            speakers.setdefault(item.quote.speaker, []).append(item)
    citations = tuple(
        Citation(item.entry.source or "Unknown source", item.quote.cited, item)
        for item in items if item.quote.cited
    )
    table = figures_table({x.entry.slug: x.figures for x, _ in members})
    by_slug: Mapping[str, Card] = {card.slug: card for _, card in members}
    figures = tuple((quantity, tuple((by_slug[slug], f) for slug, f in rows))
                    for quantity, rows in table.items())
    return StoryView(
        id=story.id, title=story.title, entries=tuple(card for _, card in members),
        first=story.first,
        last=story.last,
        speakers=tuple(sorted(((k, tuple(v)) for k, v in speakers.items()),
                              key=lambda kv: (-len(kv[1]), kv[0]))),
        citations=citations, figures=figures,
    )

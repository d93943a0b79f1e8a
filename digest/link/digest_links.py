"""Across entries: every quote with its id and cluster, the clusters, and the people.

Pure: extracted entries and the people registry in, one immutable `Linked` out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from digest.cards import Card, card_of
from digest.extract import Extracted
from digest.link.clusters import Cluster, Link, QuoteRef, link_quotes
from digest.model import EntryDate, Quote
from digest.people import People
from digest.slugs import assign_slugs


@dataclass(frozen=True)
class QuoteItem:
    id: str  # "<entry slug>-q<n>", n counting the entry's quotes from 1
    number: int
    entry: Card  # what the quote's pages show of its article
    quote: Quote
    cluster: str  # its home cluster
    shared: bool = False  # other reports carry the same statement: its cluster has a page
    carries: tuple[str, ...] = ()  # other clusters whose statements this quote holds too

    @property
    def day(self) -> date | None:
        return self.entry.date.day if self.entry.date else None

    @property
    def anchor(self) -> str:
        """Where the quote is in its article: the marked words, or an indirect one's block."""
        return f"q{self.number}" if self.quote.kind != "indirect" else f"p{self.quote.paragraph}"

    @property
    def path(self) -> str:
        """The quote's page: its statement's when other reports carry it, else its place in
        the article (a page per single quote would only repeat the article)."""
        if self.shared:
            return f"quotes/{self.cluster}.html"
        return f"entries/{self.entry.slug}.html#{self.anchor}"


@dataclass(frozen=True)
class ClusterView:
    id: str
    items: tuple[QuoteItem, ...]  # earliest report first
    links: tuple[Link, ...]
    speaker: str | None
    carriers: tuple[QuoteItem, ...] = ()  # longer quotes, at home elsewhere, that hold it too

    @cached_property  # every member's entry page asks: once per cluster, not per member
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.entry.source or "Unknown source"
                                   for i in (*self.items, *self.carriers)))

    @property
    def shared(self) -> bool:
        """Carried by more than one report: the statement has a page."""
        return len(self.items) + len(self.carriers) > 1


@dataclass(frozen=True)
class PersonView:
    name: str
    slug: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]  # as articles and the registry give them
    items: tuple[QuoteItem, ...]  # by date, newest first


@dataclass(frozen=True)
class Linked:
    quotes: tuple[QuoteItem, ...]
    clusters: tuple[ClusterView, ...]
    people: tuple[PersonView, ...]
    by_entry: Mapping[str, tuple[QuoteItem, ...]]
    cluster_of: Mapping[str, ClusterView]
    quoted: tuple[EntryQuotes, ...] = ()  # what linking read: each entry's quotes


@dataclass(frozen=True)
class EntryQuotes:
    """One entry's quotes, as linking reads them: the unit the build's linking query is
    keyed by. Quotes read back from the store are known by their digests, so the key
    costs a few values an entry, not a walk of every quote."""

    slug: str
    date: EntryDate | None
    source: str | None
    quotes: tuple[Quote, ...]


def entry_quotes(extracted: Sequence[Extracted]) -> tuple[EntryQuotes, ...]:
    """The quotes of each entry that has any."""
    return tuple(EntryQuotes(x.entry.slug, x.entry.date, x.entry.source, x.quotes)
                 for x in extracted if x.quotes)


def quote_refs(quoted: Sequence[EntryQuotes]) -> list[QuoteRef]:
    """Every quote as the linker sees it, with its id: "<entry slug>-q<n>"."""
    return [QuoteRef(id=f"{q.slug}-q{number}", entry=q.slug, text=quote.text,
                     speaker=quote.speaker, kind=quote.kind,
                     day=q.date.day if q.date else None, source=q.source)
            for q in quoted for number, quote in enumerate(q.quotes, start=1)]


def _cluster(quoted: Sequence[EntryQuotes], aliases: Mapping[str, str]) -> Sequence[Cluster]:
    return link_quotes(quote_refs(quoted), aliases)


def link_entries(
    extracted: Sequence[Extracted], people: People, aliases: Mapping[str, str] | None = None,
    link: Callable[[Sequence[EntryQuotes], Mapping[str, str]], Sequence[Cluster]] = _cluster,
    cards: Sequence[Card] | None = None,
) -> Linked:
    """`link` clusters the quotes (the costly part); the build passes the engine's query.
    `cards` are the entries' cards when the caller has them (digest.group's)."""
    items: list[QuoteItem] = []
    pending: list[tuple[str, int, Card, Quote]] = []
    for x, card in zip(extracted, cards or map(card_of, extracted), strict=True):
        for number, quote in enumerate(x.quotes, start=1):
            pending.append((f"{x.entry.slug}-q{number}", number, card, quote))
    quoted = entry_quotes(extracted)
    clusters = link(quoted, dict(aliases or {}))
    cluster_of = {member: c for c in clusters for member in c.members}
    carries: dict[str, list[str]] = {}
    for c in clusters:
        for carrier in c.carriers:
            carries.setdefault(carrier, []).append(c.id)
    for qid, number, card, quote in pending:
        cluster = cluster_of[qid]
        items.append(QuoteItem(qid, number, card, quote, cluster.id,
                               len(cluster.members) + len(cluster.carriers) > 1,
                               tuple(carries.get(qid, ()))))
    by_id = {item.id: item for item in items}
    views = tuple(
        ClusterView(c.id, tuple(by_id[m] for m in c.members), c.links,
                    next((by_id[m].quote.speaker for m in c.members if by_id[m].quote.speaker),
                         None),
                    tuple(sorted((by_id[m] for m in c.carriers),
                                 key=lambda i: (i.day is None, i.day or date.min, i.id))))
        for c in clusters
    )
    by_entry: dict[str, list[QuoteItem]] = {}
    for item in items:
        by_entry.setdefault(item.entry.slug, []).append(item)
    return Linked(
        quotes=tuple(items), clusters=views, people=_people(items, people),
        by_entry={k: tuple(v) for k, v in by_entry.items()},
        cluster_of={v.id: v for v in views}, quoted=quoted,
    )


def _people(items: Sequence[QuoteItem], registry: People) -> tuple[PersonView, ...]:
    said: dict[str, list[QuoteItem]] = {}
    roles: dict[str, list[str]] = {}
    for item in items:
        name = item.quote.speaker
        if name is None:
            continue
        said.setdefault(name, []).append(item)
        if item.quote.role:
            roles.setdefault(name, []).append(item.quote.role)
    known = {person.name: person for person in registry.people()}
    # Two spellings linking did not join (no alias in people.yaml) are two people, each
    # with a page of its own: slugs by first quote, oldest first (digest.ids).
    first = sorted((i for i in items if i.quote.speaker is not None),
                   key=lambda i: (i.day is None, i.day or date.min, i.entry.slug, i.number))
    slugs = assign_slugs(i.quote.speaker for i in first if i.quote.speaker is not None)
    views = []
    for name in sorted(said, key=str.casefold):
        person = known.get(name)
        given = [*roles.get(name, ()), *(r.role for r in (person.roles if person else ()))]
        newest = sorted(said[name], key=lambda i: (i.day or date.min, i.id), reverse=True)
        views.append(PersonView(
            name=name, slug=slugs[name], aliases=person.aliases if person else (),
            roles=tuple(dict.fromkeys(given)), items=tuple(newest),
        ))
    return tuple(views)

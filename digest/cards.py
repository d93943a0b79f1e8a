"""An entry as every page but its own shows it: a card.

Lists (days, months, topics, sources, the home page), statements, people and stories show
an entry's title, byline, excerpt and topics, never its text. They hold cards, not the
extracted entry, so that what decides whether they are rendered again (their print,
digest.engine.outputs) is only what they show: a sentence added to an article's last
paragraph re-renders its own page and its feeds, not its month.
"""

from __future__ import annotations

from dataclasses import dataclass

from digest.extract import Extracted
from digest.model import EntryDate


@dataclass(frozen=True)
class Card:
    slug: str
    title: str
    date: EntryDate | None
    source: str | None
    author: str | None
    excerpt: str
    topics: tuple[str, ...]
    draft: bool = False


def card_of(x: Extracted) -> Card:
    e = x.entry
    return Card(e.slug, e.title, e.date, e.source, e.author, x.excerpt, x.topics, e.draft)

"""Per-entry extraction: pure functions from an Entry to what the site shows of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt

from digest.extract.autotopics import candidate_topics
from digest.extract.figures import Figure, extract_figures
from digest.extract.markdown import new_renderer, render_body
from digest.extract.quotes import extract_quotes
from digest.extract.topics import TopicMatcher
from digest.model import Entry, Quote
from digest.people import People


@dataclass(frozen=True)
class Extracted:
    entry: Entry
    html: str  # the body, rendered with raw HTML disabled: safe to insert unescaped
    paragraphs: tuple[str, ...]  # the body's blocks as plain text
    text: str  # the body as plain text, for excerpts and search
    excerpt: str
    topics: tuple[str, ...]  # front-matter topics first, then those found by rules
    quotes: tuple[Quote, ...] = ()  # in reading order; marked q1, q2... in `html`
    names: tuple[str, ...] = ()  # salient people, places, organisations: automatic topics
    figures: tuple[Figure, ...] = ()  # numbers the entry reports: troops, shells...


def extract_entries(
    entries: Sequence[Entry], matcher: TopicMatcher, md: MarkdownIt | None = None,
    people: People | None = None, aliases: Mapping[str, str] | None = None,
) -> tuple[Extracted, ...]:
    md = md or new_renderer()
    return tuple(extract_entry(entry, matcher, md, people, aliases) for entry in entries)


def extract_entry(
    entry: Entry, matcher: TopicMatcher, md: MarkdownIt, people: People | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Extracted:
    body = render_body(entry.body, md, lambda paragraphs: extract_quotes(paragraphs, people))
    found = matcher.match(f"{entry.title}\n{body.text}")
    topics = tuple(dict.fromkeys((*entry.topics, *found)))
    return Extracted(
        entry=entry,
        html=body.html,
        paragraphs=body.paragraphs,
        text=body.text,
        excerpt=entry.summary or body.excerpt,
        topics=topics,
        quotes=body.quotes,
        names=candidate_topics(entry.title, body.paragraphs, aliases or {}),
        figures=extract_figures(body.paragraphs),
    )

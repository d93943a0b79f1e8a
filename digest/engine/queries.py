"""The pipeline's queries: each stage as a named pure function of what it reads.

Every argument is part of the key, so a query reads nothing it is not given: an entry's
extraction is given the topic rules, the aliases and the people registry it uses, and a
template change reaches none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from digest.content import parse_entry
from digest.engine import codecs
from digest.engine.engine import Query
from digest.engine.vectors import QuoteVectors
from digest.extract import Extracted
from digest.extract.parallel import extract_all
from digest.link.clusters import Cluster, link_quotes
from digest.link.digest_links import EntryQuotes, quote_refs
from digest.link.stories import Story, StoryDoc, find_stories
from digest.model import Entry, Topic
from digest.people import People, dump_people, propose
from digest.render.env import new_environment
from digest.textio import read_text


def _load(path: str, stat: tuple[int, int], max_bytes: int) -> Entry:
    """One entry file, known by its path, modification time and size."""
    return parse_entry(Path(path), read_text(Path(path), max_bytes))


@dataclass(frozen=True)
class Rules:
    """What extraction reads besides the entry: one object a build, so that each entry's
    key takes it as one known digest, not a walk of every topic rule."""

    topics: tuple[Topic, ...]
    people: People
    aliases: Mapping[str, str]


def _extract(entry: Entry, rules: Rules) -> Extracted:
    return extract_all([entry], rules.topics, rules.people, rules.aliases, workers=1)[0]


def _clusters(quoted: Sequence[EntryQuotes], aliases: Mapping[str, str],
              vectors: QuoteVectors | None = None) -> Sequence[Cluster]:
    return link_quotes(quote_refs(quoted), aliases,
                       vectors=vectors.by_text if vectors else None)


def _stories(docs: Sequence[StoryDoc]) -> Sequence[Story]:
    return find_stories(docs)


def _proposals(people: People, quoted: Sequence[EntryQuotes]) -> str | None:
    """people.yaml text with the speakers and roles this build found that the file lacks,
    or None when it lacks nothing. The caller writes it beside people.yaml for review:
    the build never edits a file a person owns. It reads each entry's quotes and date:
    an edit to a title or a text that leaves the quotes alone does not run it again."""
    quotes = {q.slug: list(q.quotes) for q in quoted}
    days = {q.slug: q.date.iso() if q.date else None for q in quoted}
    merged = propose(people, quotes, days)
    if dump_people(merged) == dump_people(people):
        return None
    return dump_people(merged)


def _environment(templates: Path, digest: str) -> Environment:
    """The templates compiled, once while their files (`digest`) stay the same."""
    return new_environment(templates)


LOAD = Query("load", _load, codecs.ENTRY)
EXTRACT = Query("extract", _extract, codecs.EXTRACTED, version=3)  # in batches: Engine.many
CLUSTERS = Query("quote clusters", _clusters, codecs.CLUSTERS, version=2)
STORIES = Query("stories", _stories, codecs.STORIES)
PROPOSALS = Query("people proposals", _proposals, codecs.TEXT, version=2)
ENVIRONMENT = Query("templates", _environment)

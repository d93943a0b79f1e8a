"""The last results of the two costly stages across entries, kept on disk between builds.

Linking every quote and clustering stories take minutes on a digest of 10,000 articles, and
a `digest build` after a typo fix would run both again for nothing: their inputs (each
quote's text, speaker, day, source; each entry's lead, names and clusters) are the same.
Each result is stored in `.cache/` as JSON (never pickle) with the SHA-1 of its inputs'
repr, and reused when the next build's inputs hash the same. The preview has its own
in-memory memo (digest.memo) on top; this is what a fresh process starts from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from digest.link.clusters import Cluster, Link, QuoteRef
from digest.link.stories import Story, StoryDoc

T = TypeVar("T")
Stored = dict[str, tuple[str, Any]]  # stage -> (SHA-1 of its inputs, its result as JSON data)


def inputs_key(*args: object) -> str:
    return hashlib.sha1(repr(args).encode("utf-8", "surrogatepass")).hexdigest()


def stored_links(
    stored: Stored, link: Callable[[Sequence[QuoteRef], Mapping[str, str]], Sequence[Cluster]],
) -> Callable[[Sequence[QuoteRef], Mapping[str, str]], Sequence[Cluster]]:
    def run(refs: Sequence[QuoteRef], aliases: Mapping[str, str]) -> Sequence[Cluster]:
        return _reuse(
            stored, "quotes", inputs_key(list(refs), sorted(aliases.items())),
            lambda: link(refs, aliases),
            lambda clusters: [[c.id, list(c.members),
                               [[k.a, k.b, k.method, k.score] for k in c.links]]
                              for c in clusters],
            lambda rows: tuple(Cluster(c[0], tuple(c[1]), tuple(Link(*k) for k in c[2]))
                               for c in rows))

    return run


def stored_stories(
    stored: Stored, find: Callable[[Sequence[StoryDoc]], Sequence[Story]],
) -> Callable[[Sequence[StoryDoc]], Sequence[Story]]:
    def run(docs: Sequence[StoryDoc]) -> Sequence[Story]:
        return _reuse(
            stored, "stories", inputs_key(list(docs)), lambda: find(docs),
            lambda stories: [[s.id, s.title, list(s.entries),
                              s.first.isoformat() if s.first else None,
                              s.last.isoformat() if s.last else None] for s in stories],
            lambda rows: tuple(Story(s[0], s[1], tuple(s[2]), _day(s[3]), _day(s[4]))
                               for s in rows))

    return run


def _reuse(stored: Stored, name: str, key: str, compute: Callable[[], T],
           encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """The stored result of `name` when its inputs hashed to `key`, else compute() stored."""
    hit = stored.get(name)
    if hit is not None and hit[0] == key:
        return decode(hit[1])
    result = compute()
    stored[name] = (key, encode(result))
    return result


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None

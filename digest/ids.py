"""Every public slug of a build, looked up in one place.

Pages, search records and search filters are named after things: entries, topics,
sources, people, stories. Distinct names can slug alike ("Murphy-O'Connor" and
"Murphy O'Connor" both give `murphy-o-connor`), and a name can slug to a word a folder
already uses (`index`). digest.slugs.assign_slugs gives each name of a kind a slug of its
own, in order of first appearance; topics and sources are assigned as they are grouped
(digest.group), people as they are linked (digest.link.digest_links), stories here.
Whether two spellings are one person is for people.yaml's aliases to say, not the slug.

Entry slugs are the content's own (digest.content refuses two entries with one slug);
statements are named by a hash of their first quote (digest.link.clusters).

SiteIds keeps only the slugs that are not a name's plain slug: rare, so small, and what a
page needs besides the names it shows to link to them. Every page's context holds it, so
when it changes, every page renders again: a stale link is never kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from digest.group import Grouped
from digest.link.coverage import StoryView
from digest.link.digest_links import Linked
from digest.slugs import assign_slugs, name_slug, same_name

Space = Literal["topic", "source", "person", "story"]


def _key(space: Space, name: str) -> str:
    # Topics and sources differing in case or spacing share a page; people are the names
    # linking settled on, exactly; stories their ids.
    return same_name(name) if space in ("topic", "source") else name


def _plain(space: Space, key: str) -> str:
    return key if space == "story" else name_slug(key)


@dataclass(frozen=True)
class SiteIds:
    moved: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (space, key) -> slug

    def slug(self, space: Space, name: str) -> str:
        key = _key(space, name)
        return self.moved.get((space, key)) or _plain(space, key)


def site_ids(grouped: Grouped, linked: Linked | None, stories: Sequence[StoryView],
             ) -> SiteIds:
    """The slugs of this build that differ from their names' plain slugs."""
    moved: dict[tuple[str, str], str] = {}
    named: list[tuple[Space, str, str]] = [
        *(("topic", g.title, g.key) for g in grouped.topics),
        *(("source", g.title, g.key) for g in grouped.sources),
        *(("person", p.name, p.slug) for p in (linked.people if linked else ())),
    ]
    # Story ids are unique already (digest.link.stories); only a reserved word moves.
    named.extend(("story", key, slug) for key, slug in
                 assign_slugs((s.id for s in stories), plain=lambda key: key).items())
    for space, name, slug in named:
        key = _key(space, name)
        if slug != _plain(space, key):
            moved[space, key] = slug
    return SiteIds(moved)


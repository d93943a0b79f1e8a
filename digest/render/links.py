"""Relative links between pages, so a site works from a sub-path and from file://."""

from __future__ import annotations

from digest.cards import Card
from digest.ids import SiteIds
from digest.link.digest_links import QuoteItem


def entry_path(slug: str) -> str:
    return f"entries/{slug}.html"


class Links:
    """Site-relative targets turned into links relative to the page being rendered.

    Every link names a file (`index.html`, never a bare folder) because a
    browser reading from file:// shows a directory listing for a folder. Links
    climb to the site root and back down (`../topics/a.html`) rather than being
    the shortest path: the same string for every page of a folder, and no
    path arithmetic in the hottest loop of a build.
    """

    def __init__(self, page: str, ids: SiteIds | None = None) -> None:
        self.root = "../" * page.count("/")
        self.ids = ids or SiteIds()  # pages that name no topic, source, person or story

    def to(self, target: str) -> str:
        if target.startswith(("http://", "https://")):
            return target
        return self.root + target

    def home(self) -> str:
        return self.to("index.html")

    def entry(self, card: Card) -> str:
        return self.to(entry_path(card.slug))

    def day(self, key: str) -> str:
        return self.to(f"days/{key}.html")

    def month(self, key: str) -> str:
        return self.to(f"months/{key}.html")

    def topic(self, name: str) -> str:
        return self.to(f"topics/{self.ids.slug('topic', name)}.html")

    def topic_feed(self, name: str) -> str:
        return self.to(f"topics/{self.ids.slug('topic', name)}.xml")

    def source(self, name: str) -> str:
        return self.to(f"sources/{self.ids.slug('source', name)}.html")

    def person(self, name: str) -> str:
        return self.to(f"people/{self.ids.slug('person', name)}.html")

    def quote(self, item: QuoteItem) -> str:
        return self.to(item.path)

    def story(self, story_id: str) -> str:
        return self.to(f"stories/{self.ids.slug('story', story_id)}.html")

    def asset(self, name: str) -> str:
        return self.to(f"assets/{name}")

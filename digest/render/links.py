"""Relative links between pages, so a site works from a sub-path and from file://."""

from __future__ import annotations

import posixpath

from slugify import slugify

from digest.extract import Extracted


def entry_path(x: Extracted) -> str:
    return f"entries/{x.entry.slug}.html"


def name_slug(name: str) -> str:
    return slugify(name) or "untitled"


class Links:
    """Site-relative targets turned into links relative to the page being rendered.

    Every link names a file (`index.html`, never a bare folder) because a
    browser reading from file:// shows a directory listing for a folder.
    """

    def __init__(self, page: str) -> None:
        self.page = page
        depth = page.count("/")
        self.root = "../" * depth

    def to(self, target: str) -> str:
        if target.startswith(("http://", "https://")):
            return target
        relative = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return relative

    def home(self) -> str:
        return self.to("index.html")

    def entry(self, x: Extracted) -> str:
        return self.to(entry_path(x))

    def day(self, key: str) -> str:
        return self.to(f"days/{key}.html")

    def month(self, key: str) -> str:
        return self.to(f"months/{key}.html")

    def topic(self, name: str) -> str:
        return self.to(f"topics/{name_slug(name)}.html")

    def topic_feed(self, name: str) -> str:
        return self.to(f"topics/{name_slug(name)}.xml")

    def source(self, name: str) -> str:
        return self.to(f"sources/{name_slug(name)}.html")

    def asset(self, name: str) -> str:
        return self.to(f"assets/{name}")

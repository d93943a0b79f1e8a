"""The site's files as outputs: each with a print of what it is made from, made only when
that print differs from the one the output folder already holds.

A page's print is the digest of its template and context; a data file's, of the values it
encodes; an asset's and a search index file's, of its bytes (the index tells them, and
makes only the files its records' changes reach).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from jinja2 import Environment

from digest.engine.engine import Engine
from digest.render.output import update_site, write_site
from digest.render.plan import Page
from digest.render.site import render_pages


@dataclass
class Outputs:
    engine: Engine
    salt: str  # what every output is made from besides its own inputs: code, templates
    prints: dict[str, str] = field(default_factory=dict)
    makers: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)

    def page(self, page: Page) -> None:
        self.prints[page.path] = self._print(page.template, page.context)
        self.pages.append(page)

    def file(self, path: str, inputs: Any, make: Callable[[], bytes]) -> None:
        self.prints[path] = self._print(path, inputs)
        self.makers[path] = make

    def data(self, path: str, data: bytes) -> None:
        self.prints[path] = hashlib.sha1(data).hexdigest()
        self.makers[path] = lambda: data

    def made(self, path: str, print_: str, make: Callable[[], bytes]) -> None:
        """A file whose print its maker knows: the sha1 of its bytes."""
        self.prints[path] = print_
        self.makers[path] = make

    def site_id(self) -> str:
        """One digest of every file's path and print (neither holds a NUL)."""
        text = "\0".join(chain.from_iterable(sorted(self.prints.items())))
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _print(self, name: str, inputs: Any) -> str:
        return self.engine.digests((self.salt, name, inputs))


def write(outputs: Outputs, out: Path, before: Mapping[str, str] | None, on_disk: str,
          environment: Callable[[], Environment], site: Mapping[str, Any]) -> int:
    """Bring `out` to `outputs`; the number of pages rendered. `before` are the prints of
    the files the folder holds, when it holds the last build's site (None otherwise)."""
    site_id = outputs.site_id()
    if on_disk == site_id:
        return 0
    known = before or {}
    stale = {path for path, made in outputs.prints.items() if known.get(path) != made}
    files = {path: make() for path, make in outputs.makers.items() if path in stale}
    pages = [page for page in outputs.pages if page.path in stale]
    rendered: Iterator[tuple[str, bytes]] = render_pages(pages, environment(), site)
    if before is not None:
        # The folder holds the last build's site: update it in place, so that a deploy by
        # rsync (and the preview's readers) see only what changed.
        update_site(out, {**files, **dict(rendered)}, before.keys() - outputs.prints.keys(),
                    site_id)
    else:
        # Whatever the folder holds, write the whole site beside it and swap it in; a
        # file with the same bytes as before keeps its inode and modification time.
        items: Iterable[tuple[str, bytes]] = chain(files.items(), rendered)
        write_site(items, out, (), site_id)
    return len(pages)

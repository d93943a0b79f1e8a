"""Render planned pages, feeds, sitemap, data and static assets into file bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from jinja2 import Environment

from digest import __version__
from digest.config import Config
from digest.extract import Extracted
from digest.ids import SiteIds
from digest.link.coverage import StoryView
from digest.link.digest_links import PersonView, QuoteItem
from digest.paths import origin_path
from digest.render.links import Links, entry_path
from digest.render.plan import Page


def render_pages(
    pages: Iterable[Page], env: Environment, site: Mapping[str, Any]
) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each page, one at a time: the writer stores each as it comes, so a
    large site is never held in memory whole (a gigabyte at 10,000 articles)."""
    for page in pages:
        template = env.get_template(page.template)
        links = Links(page.path, page.context.get("ids"))
        html = template.render(site=site, link=links, page_path=page.path, **page.context)
        yield page.path, html.encode("utf-8")


def site_context(config: Config, drafts: bool) -> dict[str, Any]:
    return {
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
        "language": config.language,
        "drafts": drafts,
        "generator": f"digest {__version__}",
    }


def sitemap(pages: Iterable[Page], base_url: str) -> bytes:
    prefix = f"{base_url}/" if base_url else ""
    urls = "".join(
        f"  <url><loc>{escape(prefix + page.path)}</loc></url>\n"
        for page in pages
        if page.path.endswith(".html") and page.path not in ("404.html", "search/index.html")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    ).encode()


def entries_json(entries: Sequence[Extracted], root: Path) -> bytes:
    """site/data/entries.json: the digest's entries as data, newest first."""
    records = [
        {
            "id": x.entry.slug,
            "title": x.entry.title,
            "date": x.entry.date.iso() if x.entry.date else None,
            "source": x.entry.source,
            "author": x.entry.author,
            "url": x.entry.url,
            "topics": list(x.topics),
            "path": entry_path(x.entry.slug),
            "origin": origin_path(x.entry.origin, root),
        }
        for x in entries
    ]
    return data_file("entries", records)


def quotes_json(quotes: Sequence[QuoteItem]) -> bytes:
    """site/data/quotes.json: every quote, who said it, and the statement it belongs to."""
    return data_file("quotes", [
        {
            "id": item.id, "text": item.quote.text, "speaker": item.quote.speaker,
            "role": item.quote.role, "entry": item.entry.slug, "kind": item.quote.kind,
            "cluster": item.cluster, "carries": list(item.carries), "cited": item.quote.cited,
            "path": f"{entry_path(item.entry.slug)}#{item.anchor}",
        }
        for item in quotes
    ])


def people_json(people: Sequence[PersonView]) -> bytes:
    """site/data/people.json: everyone quoted, with aliases, roles and their quotes' ids."""
    return data_file("people", [
        {"name": p.name, "slug": p.slug, "aliases": list(p.aliases), "roles": list(p.roles),
         "path": f"people/{p.slug}.html", "quotes": [i.id for i in p.items]}
        for p in people
    ])


def stories_json(stories: Sequence[StoryView], ids: SiteIds) -> bytes:
    """site/data/stories.json: each story's entries, dates and the figures it reports."""
    return data_file("stories", [
        {
            "id": s.id, "title": s.title, "path": Links("", ids).story(s.id),
            "entries": [x.slug for x in s.entries],
            "first": s.first.isoformat() if s.first else None,
            "last": s.last.isoformat() if s.last else None,
            "figures": [
                {"quantity": quantity, "value": f.value, "unit": quantity, "approx": f.approx,
                 "text": f.text, "entry": x.slug, "source": x.source,
                 "cited": f.cited}
                for quantity, rows in s.figures for x, f in rows
            ],
        }
        for s in stories
    ])


def html_safe_json(data: object, **options: Any) -> str:
    """JSON whose text is safe even inside an HTML page or a script: `<`, `>` and `&`
    only ever occur inside strings, where their escapes mean the same."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def data_file(name: str, rows: Sequence[object]) -> bytes:
    """`{"<name>": [...]}` with one row a line: readable and diffable, and every row is
    encoded by json's C encoder (indent= makes json fall back to its Python one, 5-10x
    slower on a large digest)."""
    lines = ",\n".join(html_safe_json(row, separators=(",", ":")) for row in rows)
    return (f'{{{json.dumps(name)}: [\n{lines}\n]}}\n' if rows
            else f"{{{json.dumps(name)}: []}}\n").encode()


def static_files(directories: Sequence[Path]) -> dict[str, bytes]:
    """Assets from the theme then the user's folder (theirs win), never through a symlink
    that leads outside its folder."""
    files: dict[str, bytes] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        base = directory.resolve()
        for path in sorted(directory.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            if not path.resolve().is_relative_to(base):
                continue
            files[f"assets/{path.relative_to(directory).as_posix()}"] = path.read_bytes()
    return files

"""Incremental builds: what the last build saw, so the next one redoes only what changed.

Per entry file: its modification time and size, and what was extracted from
it. Per page: a fingerprint of everything it is rendered from. A page whose
fingerprint is unchanged is carried over from the previous site instead of
being rendered again, which makes a full build and an incremental one give
the same bytes by construction.

The cache is JSON in `.cache/`, safe to delete. It is never pickle: a project
folder shared as a zip must not be able to run code through its cache. Any
change to digest's version, the config, the templates or the drafts flag
empties it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from digest import __version__
from digest.config import Config
from digest.extract import Extracted
from digest.group import Group
from digest.model import Entry, EntryDate
from digest.textio import write_atomic

FORMAT = 1


@dataclass
class CachedEntry:
    stat: tuple[int, int]  # mtime_ns, size
    extracted: Extracted


@dataclass
class BuildCache:
    key: str
    entries: dict[str, CachedEntry] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # page path -> fingerprint
    site_id: str = ""  # fingerprint of every file of the site last written

    def entry_for(self, path: Path, stat: tuple[int, int]) -> Entry | None:
        cached = self.entries.get(str(path))
        return cached.extracted.entry if cached and cached.stat == stat else None

    def extracted_for(self, entry: Entry) -> Extracted | None:
        cached = self.entries.get(str(entry.path))
        if cached is not None and cached.extracted.entry is entry:
            return cached.extracted
        return None


def cache_key(config: Config, drafts: bool, template_dirs: Iterable[Path]) -> str:
    """Everything besides the entries that every page depends on."""
    digest = hashlib.sha1(f"{FORMAT}|{__version__}|{drafts}|".encode())
    digest.update(repr(sorted((k, repr(v)) for k, v in vars(config).items()
                              if k != "findings")).encode())
    for folder in template_dirs:
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(value: Any) -> str:
    """A stable digest of a page's context: entries stand for themselves by checksum."""
    digest = hashlib.sha1()

    def feed(item: Any) -> None:
        if isinstance(item, Extracted):
            digest.update(b"X" + (item.entry.checksum or repr(item)).encode())
        elif isinstance(item, Group):
            digest.update(f"G{item.key}\0{item.title}\0{item.description}\0".encode())
            feed(item.entries)
        elif isinstance(item, dict):
            for key in sorted(item):
                digest.update(f"K{key}\0".encode())
                feed(item[key])
        elif isinstance(item, list | tuple):
            digest.update(f"L{len(item)}\0".encode())
            for member in item:
                feed(member)
        else:
            digest.update(f"V{item!r}\0".encode())

    feed(value)
    return digest.hexdigest()


def cache_file(root: Path, output_dir: Path) -> Path:
    """One cache per output folder, in the project's `.cache/`."""
    name = hashlib.sha1(str(output_dir.resolve()).encode()).hexdigest()[:12]
    return root / ".cache" / f"build-{name}.json"


def load_cache(path: Path, key: str | None = None) -> BuildCache:
    """The cache at `path` (when `key` is given, only if made under it), else an empty one.

    `build()` itself discards a cache whose key does not match its inputs."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if key is not None and data.get("key") != key:
            return BuildCache(key)
        key = str(data["key"])
        entries = {name: CachedEntry((row["stat"][0], row["stat"][1]), _extracted(row["x"]))
                   for name, row in data["entries"].items()}
        return BuildCache(key, entries, dict(data["pages"]), str(data["site_id"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return BuildCache(key or "")  # missing or damaged: start again, losing nothing but time


def save_cache(path: Path, cache: BuildCache) -> None:
    rows = {}
    for name, cached in cache.entries.items():
        row = _row(cached.extracted)
        if row is not None:
            rows[name] = {"stat": list(cached.stat), "x": row}
    data = {"key": cache.key, "entries": rows, "pages": cache.pages, "site_id": cache.site_id}
    write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def _row(x: Extracted) -> dict[str, Any] | None:
    e = x.entry
    extra = dict(e.extra)
    try:
        if json.loads(json.dumps(extra)) != extra:
            return None  # a date or other YAML type JSON would change: parse it again next time
    except (TypeError, ValueError):
        return None
    return {
        "path": str(e.path), "slug": e.slug, "title": e.title, "body": e.body,
        "body_line": e.body_line,
        "date": [e.date.day.isoformat(), e.date.moment.isoformat() if e.date.moment else None]
        if e.date else None,
        "source": e.source, "url": e.url, "author": e.author, "language": e.language,
        "topics": list(e.topics), "summary": e.summary, "draft": e.draft, "origin": e.origin,
        "review": list(e.review), "extra": extra, "checksum": e.checksum,
        "html": x.html, "paragraphs": list(x.paragraphs), "text": x.text, "excerpt": x.excerpt,
        "found": list(x.topics),
    }


def _extracted(row: dict[str, Any]) -> Extracted:
    when = row["date"]
    entry = Entry(
        path=Path(row["path"]), slug=row["slug"], title=row["title"], body=row["body"],
        body_line=row["body_line"],
        date=EntryDate(date.fromisoformat(when[0]),
                       datetime.fromisoformat(when[1]) if when[1] else None) if when else None,
        source=row["source"], url=row["url"], author=row["author"], language=row["language"],
        topics=tuple(row["topics"]), summary=row["summary"], draft=row["draft"],
        origin=row["origin"], review=tuple(row["review"]), extra=row["extra"],
        checksum=row["checksum"],
    )
    return Extracted(entry=entry, html=row["html"], paragraphs=tuple(row["paragraphs"]),
                     text=row["text"], excerpt=row["excerpt"], topics=tuple(row["found"]))

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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest import __version__
from digest.config import Config
from digest.errors import Finding
from digest.memo import Memo
from digest.model import Entry
from digest.textio import write_atomic

if TYPE_CHECKING:  # the pipeline's types: a no-change build never imports the pipeline
    from jinja2 import Environment

    from digest.extract import Extracted
    from digest.fingerprints import Fingerprints
    from digest.search import SearchIndex
    from digest.stored import Stored

FORMAT = 5  # 5: quote links made per unit of repeats (link/clusters.py)


@dataclass(frozen=True)
class Summary:
    """What the last build reported, for a rebuild that finds nothing changed."""

    entries: int
    pages: int
    files: int
    findings: tuple[Finding, ...]


@dataclass
class BuildCache:
    key: str
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # every entry file
    pages: dict[str, str] = field(default_factory=dict)  # page path -> fingerprint
    site_id: str = ""  # fingerprint of every file of the site last written
    summary: Summary | None = None
    # The extracted entries are the bulk of the cache: read from disk only when
    # something changed and they are needed.
    load_extracted: Callable[[], dict[str, Extracted]] | None = None
    _extracted: dict[str, Extracted] | None = None
    load_stored: Callable[[], Stored] | None = None
    _stored: Stored | None = None  # the last linking and stories results (digest.stored)
    # Kept in memory only (the preview's builds): the next edit rewrites only the index
    # files it touches. A build from the disk cache indexes everything again.
    search: SearchIndex | None = None
    memo: Memo = field(default_factory=Memo)  # the last results of linking and stories
    environment: Environment | None = None  # templates compiled once
    prints: Fingerprints | None = None  # the last build's, whose objects this one reuses
    files: dict[str, bytes] | None = None  # the files besides pages the last build wrote
    digests: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # and their SHA-1
    contexts: dict[str, tuple[str, Mapping[str, Any]]] = field(default_factory=dict)

    @property
    def extracted(self) -> dict[str, Extracted]:
        if self._extracted is None:
            self._extracted = self.load_extracted() if self.load_extracted else {}
        return self._extracted

    @property
    def stored(self) -> Stored:
        if self._stored is None:
            self._stored = self.load_stored() if self.load_stored else {}
        return self._stored

    def entry_for(self, path: Path, stat: tuple[int, int]) -> Entry | None:
        if self.stats.get(str(path)) != stat:
            return None
        cached = self.extracted.get(str(path))
        return cached.entry if cached else None

    def extracted_for(self, entry: Entry) -> Extracted | None:
        cached = self.extracted.get(str(entry.path))
        return cached if cached is not None and cached.entry is entry else None


def cache_key(
    config: Config, drafts: bool, template_dirs: Iterable[Path], people: bytes = b""
) -> str:
    """Everything besides the entries that every page depends on (people.yaml too: it
    decides who said what)."""
    digest = hashlib.sha1(f"{FORMAT}|{__version__}|{drafts}|".encode())
    digest.update(hashlib.sha1(people).digest())
    digest.update(repr(sorted((k, repr(v)) for k, v in vars(config).items()
                              if k != "findings")).encode())
    for folder in template_dirs:
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_file(root: Path, output_dir: Path) -> Path:
    """One cache per output folder, in the project's `.cache/`."""
    name = hashlib.sha1(str(output_dir.resolve()).encode()).hexdigest()[:12]
    return root / ".cache" / f"build-{name}.json"


def load_cache(path: Path) -> BuildCache:
    """The cache at `path`, or an empty one. `build()` discards a cache whose key does not
    match its inputs; a missing or damaged cache costs time, never correctness."""
    try:
        data = json.loads(path.read_text("utf-8"))
        summary = data["summary"]
        cache = BuildCache(
            str(data["key"]),
            {name: (int(stat[0]), int(stat[1])) for name, stat in data["stats"].items()},
            {str(k): str(v) for k, v in data["pages"].items()},
            str(data["site_id"]),
            Summary(int(summary[0]), int(summary[1]), int(summary[2]),
                    tuple(Finding(*row) for row in summary[3])),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return BuildCache("")
    cache.load_extracted = lambda: _load_rows(_rows_file(path))
    cache.load_stored = lambda: _load_stored(_stages_file(path))
    return cache


def _load_rows(path: Path) -> dict[str, Extracted]:
    # Imported here: only a build that finds something changed reads the rows.
    from digest.cache_rows import extracted_of

    try:
        rows = json.loads(path.read_text("utf-8"))
        return {name: extracted_of(row) for name, row in rows.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


def _load_stored(path: Path) -> Stored:
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(name): (str(key), result) for name, (key, result) in data.items()}
    except (OSError, ValueError, TypeError):
        return {}


def _stages_file(path: Path) -> Path:
    return path.with_name(path.stem + ".stages.json")


def _rows_file(path: Path) -> Path:
    return path.with_name(path.stem + ".entries.json")


def save_cache(path: Path, cache: BuildCache) -> None:
    from digest.cache_rows import row_of  # already imported by the build that saves

    rows = {name: row for name, x in cache.extracted.items() if (row := row_of(x)) is not None}
    write_atomic(_rows_file(path), _json(rows))
    if cache._stored is not None:  # untouched by a no-change build: the file stands
        write_atomic(_stages_file(path), _json(cache._stored))
    summary = cache.summary
    findings = [[f.message, str(f.path) if f.path else None, f.line, f.hint, f.level]
                for f in (summary.findings if summary else ())]
    write_atomic(path, _json({
        "key": cache.key, "stats": cache.stats, "pages": cache.pages, "site_id": cache.site_id,
        "summary": [summary.entries, summary.pages, summary.files, findings] if summary else None,
    }))


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

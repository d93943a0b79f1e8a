"""Is the last build still current? Answered before the pipeline is imported: a `digest
build` that finds nothing changed costs Python's start-up, a cache read and a stat of
every entry file, not the import of markdown-it, Jinja2 and the rest."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from digest.cache import BuildCache, cache_key
from digest.config import PEOPLE_FILE, Config
from digest.content import file_stats
from digest.errors import Finding
from digest.render.output import MARKER, check_output_dir
from digest.theme_dir import theme_dir


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    output_dir: Path
    drafts: bool = False


@dataclass(frozen=True)
class BuildResult:
    entries: int
    pages: int
    rendered: int  # pages rendered this time; the others were carried over unchanged
    files: int
    changed: bool  # anything differs from the cache given: the site, or an entry's file
    findings: tuple[Finding, ...]
    seconds: float
    cache: BuildCache = field(compare=False, repr=False)
    proposed_people: str | None = None  # people.yaml with new speakers/roles, for review

    def summary(self) -> str:
        fresh = "" if self.rendered == self.pages else f", {self.rendered} re-rendered"
        return (f"built {self.entries} entries into {self.pages} pages{fresh} "
                f"({self.files} files), {len(self.findings)} warnings, {self.seconds:.2f}s")


@dataclass(frozen=True)
class LastBuild:
    """What the cache and the output folder say about the last build."""

    cache: BuildCache  # the one given, or an empty one when made for other inputs
    site_on_disk: str  # the fingerprint in the output folder's marker ("" for none)
    known_site: bool  # the output folder holds exactly the cache's last site
    current: BuildResult | None  # the last build's result, when nothing changed since


def last_build(config: Config, options: BuildOptions, cache: BuildCache | None,
               started: float) -> LastBuild:
    check_output_dir(options.output_dir,
                     (config.root, options.content_dir, config.templates_dir))
    people = config.root / PEOPLE_FILE
    key = cache_key(config, options.drafts, (theme_dir(), config.templates_dir),
                    people.read_bytes() if people.is_file() else b"")
    if cache is None or cache.key != key:
        cache = BuildCache(key)
    on_disk = _site_id(options.output_dir)
    known_site = bool(cache.site_id) and on_disk == cache.site_id
    done = cache.summary
    current = None
    if done is not None and known_site and file_stats(options.content_dir) == cache.stats:
        current = BuildResult(
            entries=done.entries, pages=done.pages, rendered=0, files=done.files,
            findings=(*config.findings, *done.findings), changed=False,
            seconds=time.perf_counter() - started, cache=cache,
        )
    return LastBuild(cache, on_disk, known_site, current)


def _site_id(out: Path) -> str:
    """The fingerprint of the site the output folder holds ("" for none we know)."""
    try:
        return (out / MARKER).read_text().split()[-1]
    except (OSError, IndexError):
        return ""

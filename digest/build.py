"""The build, top to bottom: entries -> extracted -> grouped -> pages -> site/."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from digest.cache import BuildCache, Fingerprints, Summary, cache_key, fingerprint
from digest.check import content_findings
from digest.config import PEOPLE_FILE, Config
from digest.content import file_stats, load_entries
from digest.errors import DigestError, Finding
from digest.extract import Extracted
from digest.extract.parallel import extract_all
from digest.group import group_entries
from digest.link.clusters import link_quotes
from digest.link.coverage import find_story_views, with_auto_topics
from digest.link.digest_links import Linked, link_entries
from digest.link.people import People, dump_people, propose
from digest.link.stories import find_stories
from digest.model import Entry
from digest.render.env import new_environment, theme_dir
from digest.render.output import MARKER, check_output_dir, update_site, write_site
from digest.render.plan import plan_pages
from digest.render.site import (
    entries_json,
    people_json,
    quotes_json,
    render_pages,
    site_context,
    sitemap,
    static_files,
    stories_json,
)
from digest.search import SearchIndex, records_from, search_page
from digest.stored import stored_links, stored_stories


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


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, errors: tuple[DigestError, ...]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def build(config: Config, options: BuildOptions, cache: BuildCache | None = None) -> BuildResult:
    """Content folder -> site. With the cache of the last build, only what changed is redone."""
    started = time.perf_counter()
    check_output_dir(options.output_dir, (config.root, options.content_dir, config.templates_dir))
    template_dirs = (theme_dir(), config.templates_dir)
    people_file = config.root / PEOPLE_FILE
    people = People.from_file(people_file)
    key = cache_key(config, options.drafts, template_dirs,
                    people_file.read_bytes() if people_file.is_file() else b"")
    if cache is None or cache.key != key:
        cache = BuildCache(key)
    out = options.output_dir
    on_disk = _site_id(out)  # the folder is not written until the end: read its marker once
    known_site = bool(cache.site_id) and on_disk == cache.site_id  # the last build's site
    if cache.summary is not None and known_site and \
            file_stats(options.content_dir) == cache.stats:
        done = cache.summary
        return BuildResult(
            entries=done.entries, pages=done.pages, rendered=0, files=done.files,
            findings=(*config.findings, *done.findings), changed=False,
            seconds=time.perf_counter() - started, cache=cache,
        )

    loaded = load_entries(options.content_dir, config.max_bytes, reuse=cache.entry_for)
    if loaded.errors:
        raise BuildFailed(loaded.errors)
    entries = [e for e in loaded.entries if options.drafts or not e.draft]

    aliases = dict(config.aliases)
    extracted = extract_cached(entries, config, cache, people)
    # Without topic rules, names that entries share become topics.
    grouped = group_entries(extracted if config.topics else with_auto_topics(extracted),
                            config.topics)
    # Linking reads only these fields of an entry (and its quote items show only these):
    # an edit to the body that leaves them alone keeps the last build's links.
    linked = cache.memo.keyed(
        "linked",
        [(x.entry.slug, x.entry.title, x.entry.date, x.entry.source, x.topics, x.quotes)
         for x in grouped.entries],
        lambda: link_entries(grouped.entries, people, aliases,
                             link=cache.memo.wrap("quotes", stored_links(cache.stored,
                                                                         link_quotes))))
    stories = find_story_views(grouped.entries, linked,
                               find=cache.memo.wrap("stories", stored_stories(cache.stored,
                                                                              find_stories)),
                               memo=cache.memo)
    pages = (*plan_pages(grouped, linked, stories), search_page())

    site = site_context(config, options.drafts)
    prints_of = Fingerprints(cache.prints)
    contexts = {page.path: (page.template, page.context) for page in pages}
    prints = {path: _print(prints_of, given, cache.contexts.get(path), cache.pages.get(path))
              for path, given in contexts.items()}
    # When the folder holds exactly the last build's site, no need to look for its pages.
    keep = {p for p, f in prints.items()
            if cache.pages.get(p) == f and (known_site or (out / p).is_file())}
    index = cache.search or SearchIndex()
    index.update(records_from(grouped, linked, cache.memo))
    files = {
        "sitemap.xml": sitemap(pages, config.base_url),
        "data/entries.json": entries_json(grouped.entries, config.root),
        "data/quotes.json": cache.memo.of("quotes.json", linked, lambda: quotes_json(linked)),
        "data/people.json": cache.memo.of("people.json", linked, lambda: people_json(linked)),
        "data/stories.json": stories_json(stories),
        **static_files([d / "static" for d in template_dirs]),
        **index.files,
    }
    # Pages are determined by their fingerprints; the other files by their bytes.
    digests = {k: _digest(v, cache.digests.get(k)) for k, v in files.items()}
    site_id = fingerprint((key, sorted(prints.items()), sorted(
        (k, d) for k, (_, d) in digests.items())))
    environment = cache.environment or new_environment(config.templates_dir)
    # Rendered lazily, as the writer asks: nothing at all when the site is already there.
    rendered = render_pages((p for p in pages if p.path not in keep), environment, site)
    written = on_disk != site_id
    if written and known_site and cache.files is not None:
        last = cache.files
        update_site(out, {**{k: v for k, v in files.items() if last.get(k) is not v},
                          **dict(rendered)},
                    (cache.pages.keys() | last.keys()) - (prints.keys() | files.keys()), site_id)
    elif written:
        write_site(chain(files.items(), rendered), out, keep, site_id)

    proposed = cache.memo.of("proposals", linked, lambda: _proposals(people, linked))
    found = (*loaded.findings, *content_findings(config, loaded.entries, each_review=False))
    stats = {str(path): stat for path, stat in loaded.stats.items()}
    next_cache = BuildCache(
        key, stats, prints, site_id,
        Summary(len(grouped.entries), len(pages), len(files) + len(prints), found),
        _extracted={str(x.entry.path): x for x in extracted}, search=index, memo=cache.memo,
        _stored=cache.stored, environment=environment, prints=prints_of, files=files,
        digests=digests,
        contexts=contexts,
    )
    return BuildResult(
        entries=len(grouped.entries), pages=len(pages), rendered=len(pages) - len(keep),
        files=len(files) + len(prints), findings=(*config.findings, *found),
        changed=written or stats != cache.stats or cache.key != key,
        seconds=time.perf_counter() - started, cache=next_cache, proposed_people=proposed,
    )


def extract_cached(entries: Sequence[Entry], config: Config, cache: BuildCache,
                   people: People) -> list[Extracted]:
    """Each entry extracted, from the cache when it holds the entry unchanged."""
    known = {e.slug: x for e in entries if (x := cache.extracted_for(e)) is not None}
    fresh = iter(extract_all([e for e in entries if e.slug not in known], config.topics,
                             people, dict(config.aliases)))
    return [known[e.slug] if e.slug in known else next(fresh) for e in entries]


def _proposals(people: People, linked: Linked) -> str | None:
    """people.yaml text with the speakers and roles this build found that the file lacks,
    or None when it lacks nothing. The caller writes it beside people.yaml for review:
    the build never edits a file a person owns."""
    quotes = {slug: [i.quote for i in items] for slug, items in linked.by_entry.items()}
    days = {slug: items[0].entry.entry.date.iso() if items[0].entry.entry.date else None
            for slug, items in linked.by_entry.items()}
    merged = propose(people, quotes, days)
    if dump_people(merged) == dump_people(people):
        return None
    return dump_people(merged)


def _print(prints_of: Fingerprints, given: tuple[str, Mapping[str, Any]],
           last: tuple[str, Mapping[str, Any]] | None, last_print: str | None) -> str:
    """A page's fingerprint; the last one when its context equals the last build's. The
    preview's pages are planned afresh from mostly the very same objects, and comparing
    those (identity first, element by element) costs a fraction of hashing them."""
    if last_print is not None and last is not None and last == given:
        return last_print
    return prints_of(given)


def _digest(data: bytes, last: tuple[bytes, str] | None) -> tuple[bytes, str]:
    """The bytes with their SHA-1, computed again only for bytes the last build did not
    have (the search index hands over the very same objects for its unchanged files)."""
    if last is not None and last[0] is data:
        return last
    return data, hashlib.sha1(data).hexdigest()


def _site_id(out: Path) -> str:
    """The fingerprint of the site the output folder holds ("" for none we know)."""
    try:
        return (out / MARKER).read_text().split()[-1]
    except (OSError, IndexError):
        return ""

"""The build, top to bottom: entries -> extracted -> grouped -> pages -> site/."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from digest.cache import BuildCache, Summary
from digest.check import content_findings
from digest.config import PEOPLE_FILE, Config
from digest.content import load_entries
from digest.errors import DigestError
from digest.extract import Extracted
from digest.extract.parallel import extract_all
from digest.fingerprints import Fingerprints
from digest.group import group_entries
from digest.link.clusters import link_quotes
from digest.link.coverage import find_story_views, with_auto_topics
from digest.link.digest_links import Linked, link_entries
from digest.link.people import People, dump_people, propose
from digest.link.stories import find_stories
from digest.model import Entry
from digest.render.env import new_environment
from digest.render.output import site_files, update_site, write_site
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
from digest.theme_dir import theme_dir
from digest.uptodate import BuildOptions, BuildResult, LastBuild, last_build

# The options and result types live with the up-to-date check, which runs first.
__all__ = ["BuildFailed", "BuildOptions", "BuildResult", "build", "extract_cached"]


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, errors: tuple[DigestError, ...]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def build(config: Config, options: BuildOptions, cache: BuildCache | None = None,
          last: LastBuild | None = None) -> BuildResult:
    """Content folder -> site. With the cache of the last build, only what changed is redone.
    `last` is last_build()'s answer for this cache when the caller has asked already."""
    started = time.perf_counter()
    last = last or last_build(config, options, cache, started)
    if last.current is not None:
        return last.current
    cache, on_disk, known_site = last.cache, last.site_on_disk, last.known_site
    key, out = cache.key, options.output_dir
    template_dirs = (theme_dir(), config.templates_dir)
    people = People.from_file(config.root / PEOPLE_FILE)

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
    pages = (*plan_pages(grouped, linked, stories, cache.contexts), search_page())

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
        # A new tuple each build, of the very same views when no story changed.
        "data/stories.json": cache.memo.keyed("stories.json", stories,
                                              lambda: stories_json(stories)),
        **static_files([d / "static" for d in template_dirs]),
        **index.files,
    }
    # Pages are determined by their fingerprints; the other files by their bytes.
    digests = {k: _digest(v, cache.digests.get(k)) for k, v in files.items()}
    site_id = _site_print(key, prints, {k: d for k, (_, d) in digests.items()})
    environment = cache.environment or new_environment(config.templates_dir)
    # Rendered lazily, as the writer asks: nothing at all when the site is already there.
    rendered = render_pages((p for p in pages if p.path not in keep), environment, site)
    written = on_disk != site_id
    if written and known_site:
        # The folder holds the last build's site: update it in place, so that a deploy by
        # rsync copies what changed. The preview knows the files it wrote last; a fresh
        # process lists the folder, and update_site writes only bytes that differ.
        before = cache.files
        writes = files if before is None else {
            k: v for k, v in files.items() if before.get(k) is not v}
        there = site_files(out) if before is None else cache.pages.keys() | before.keys()
        update_site(out, {**writes, **dict(rendered)},
                    there - (prints.keys() | files.keys()), site_id)
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


def _site_print(key: str, prints: Mapping[str, str], digests: Mapping[str, str]) -> str:
    """One digest of every file's path and digest: paths and hex digests hold no NUL, so
    joining them is unambiguous, and the preview's builds join 70,000 of them."""
    text = "\0".join((key, *(f"{p}\0{f}" for p, f in sorted(prints.items())), "",
                      *(f"{p}\0{d}" for p, d in sorted(digests.items()))))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _digest(data: bytes, last: tuple[bytes, str] | None) -> tuple[bytes, str]:
    """The bytes with their SHA-1, computed again only for bytes the last build did not
    have (the search index hands over the very same objects for its unchanged files)."""
    if last is not None and last[0] is data:
        return last
    return data, hashlib.sha1(data).hexdigest()

"""The build, top to bottom: entries -> extracted -> linked -> grouped -> pages -> site/.

Each stage runs through the engine (digest.engine), which redoes only what an edit
reaches: an entry file unchanged since the last build is not read again, an entry
unchanged is not extracted again, quotes unchanged are not linked again, and a page
whose inputs are unchanged is not rendered again. Full and incremental builds give the
same bytes (tests/test_properties.py tries random edit sequences).
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from digest.check import content_findings
from digest.config import PEOPLE_FILE, Config
from digest.content import LoadResult, load_entries
from digest.engine import Engine
from digest.engine.outputs import Outputs, write
from digest.engine.queries import (
    CLUSTERS,
    ENVIRONMENT,
    EXTRACT,
    LOAD,
    PROPOSALS,
    STORIES,
    Rules,
)
from digest.engine.state import (
    RACY_NS,
    BuildOptions,
    BuildResult,
    LastBuild,
    build_record,
    code_version,
    folder_digest,
    last_build,
    record_name,
)
from digest.engine.vectors import quote_vectors
from digest.errors import DigestError
from digest.extract import Extracted
from digest.extract.parallel import extract_all
from digest.group import Grouped, group_entries
from digest.ids import SiteIds, site_ids
from digest.link.coverage import StoryView, find_story_views, with_auto_topics
from digest.link.digest_links import Linked, link_entries
from digest.people import People
from digest.render.plan import Page, plan_pages
from digest.render.site import (
    entries_json,
    people_json,
    quotes_json,
    site_context,
    sitemap,
    static_files,
    stories_json,
)
from digest.search import SearchIndex, records_from, search_page
from digest.theme_dir import theme_dir
from digest.timings import Clock

__all__ = ["BuildFailed", "BuildOptions", "BuildResult", "build", "extract_entries", "load_all",
           "people_of"]


class BuildFailed(Exception):
    """The content has errors; nothing was written."""

    def __init__(self, errors: tuple[DigestError, ...]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def build(config: Config, options: BuildOptions, engine: Engine | None = None,
          last: LastBuild | None = None) -> BuildResult:
    """Content folder -> site. With an engine that has seen earlier builds (the preview's,
    or one over the store in `.cache/`), only what changed is redone; without one, this
    is a full build. `last` is last_build()'s answer when the caller has asked already."""
    started = time.perf_counter()
    engine = engine or Engine(salt=code_version())
    last = last or last_build(config, options, engine, engine.salt)
    if last.current is not None:
        return last.current
    # What each stage leaves is frozen (gc.freeze): the collector's later passes walk only
    # what the stage running makes, not every entry, quote and page the build holds, which
    # had cost a quarter of an edit's build.
    clock = Clock(between=gc.freeze)
    try:
        try:
            result = _build(config, options, engine, last, clock)
        except BaseException:
            engine.abandon()
            raise
        clock("commit", "builds", lambda _: 1, engine.finish)
    finally:
        gc.unfreeze()  # the preview's next build starts with nothing frozen
    return replace(result, seconds=time.perf_counter() - started,
                   timings=(last.check, *clock.stages))


def _build(config: Config, options: BuildOptions, engine: Engine, last: LastBuild,
           clock: Clock) -> BuildResult:
    people, aliases = people_of(config, engine), dict(config.aliases)
    loaded = clock("load", "files", lambda r: len(r.entries), lambda: load_all(
        config, options, engine, last.started_ns))
    extracted = clock("extract", "entries", len, lambda: extract_entries(
        config, options, engine, people, loaded))
    grouped = clock("group", "entries", lambda g: len(g.entries), lambda: group_entries(
        extracted if config.topics else _with_auto_topics(engine, extracted), config.topics))
    vectors = clock("vectors", "quote texts", lambda v: len(v.by_text) if v else 0,
                    lambda: quote_vectors(engine, grouped.entries))  # None: no multilingual extra
    linked = clock("link", "quotes", lambda r: len(r.quotes), lambda: link_entries(
        grouped.entries, people, aliases, cards=grouped.cards,
        link=lambda quoted, names: engine(CLUSTERS, quoted, names, vectors)))
    stories = clock("stories", "stories", len, lambda: find_story_views(
        grouped.entries, linked, cards=grouped.cards, find=lambda docs: engine(STORIES, docs)))
    ids = site_ids(grouped, linked, stories)
    pages = clock("plan", "pages", len, lambda: (
        *plan_pages(grouped, linked, stories, ids=ids), search_page()))

    index = clock("search", "files made", lambda i: len(i.written), lambda: _search_index(
        engine, grouped, linked, ids))

    template_dirs = (theme_dir(), config.templates_dir)
    templates, site = folder_digest(template_dirs), site_context(config, options.drafts)
    outputs = clock("outputs", "files", lambda o: len(o.prints), lambda: _outputs(
        Outputs(engine, engine.digests((engine.salt, templates, site))), config, pages,
        grouped, linked, stories, ids, template_dirs, index))
    out = str(options.output_dir.resolve())
    rendered = clock("write", "pages rendered", int, lambda: write(
        outputs, options.output_dir, engine.outputs(out) if last.known_site else None,
        last.site_on_disk, lambda: engine(ENVIRONMENT, config.templates_dir, templates), site))
    found = clock("findings", "findings", len, lambda: (
        *loaded.findings, *content_findings(config, loaded.entries, each_review=False)))
    proposed = clock("people", "proposals", lambda p: int(p is not None),
                     lambda: engine(PROPOSALS, people, linked.quoted))
    result = BuildResult(
        entries=len(grouped.entries), pages=len(pages), rendered=rendered,
        files=len(outputs.prints), findings=(*config.findings, *found),
        changed=last.site_on_disk != outputs.site_id(), seconds=0.0,
        proposed_people=proposed,
    )
    engine.set_outputs(out, outputs.prints)
    engine.set_record(record_name(options), build_record(last, outputs.site_id(), result, found))
    return result


def _outputs(outputs: Outputs, config: Config, pages: Sequence[Page], grouped: Grouped,
             linked: Linked, stories: Sequence[StoryView], ids: SiteIds,
             template_dirs: Sequence[Path], index: SearchIndex) -> Outputs:
    """Every file of the site with its print; made later, only if its print changed."""
    for page in pages:
        outputs.page(page)
    outputs.file("sitemap.xml", [p.path for p in pages], lambda: sitemap(pages, config.base_url))
    outputs.file("data/entries.json", (grouped.entries, config.root),
                 lambda: entries_json(grouped.entries, config.root))
    outputs.file("data/quotes.json", linked.quotes, lambda: quotes_json(linked.quotes))
    outputs.file("data/people.json", linked.people, lambda: people_json(linked.people))
    outputs.file("data/stories.json", (stories, ids), lambda: stories_json(stories, ids))
    for path, data in static_files([d / "static" for d in template_dirs]).items():
        outputs.data(path, data)
    for path, made in index.prints.items():
        outputs.made(path, made, partial(index.file, path))
    return outputs


def load_all(config: Config, options: BuildOptions, engine: Engine,
             started_ns: int) -> LoadResult:
    """Every entry file, read again only when its stat changed since the last build."""
    racy = started_ns - RACY_NS  # a file changed since may change again unseen: read it
    loaded = load_entries(options.content_dir, config.max_bytes, read=lambda path, stat: (
        LOAD.run(str(path), stat, config.max_bytes) if stat[0] >= racy
        else engine(LOAD, str(path), stat, config.max_bytes)))
    if loaded.errors:
        raise BuildFailed(loaded.errors)
    return loaded


def extract_entries(config: Config, options: BuildOptions, engine: Engine, people: People,
                    loaded: LoadResult) -> list[Extracted]:
    """Each entry (drafts only with --drafts) extracted, those not known on every core."""
    rules = Rules(tuple(config.topics), people, dict(config.aliases))
    entries = [e for e in loaded.entries if options.drafts or not e.draft]
    return engine.many(EXTRACT, [(e, rules) for e in entries], lambda batch: extract_all(
        [args[0] for args in batch], rules.topics, people, rules.aliases))


def people_of(config: Config, engine: Engine) -> People:
    """The people registry, known to the engine by its file's bytes."""
    path = config.root / PEOPLE_FILE
    people = People.from_file(path)
    data = path.read_bytes() if path.is_file() else b""
    engine.digests.know(people, hashlib.sha1(data).hexdigest())
    return people


def _with_auto_topics(engine: Engine, extracted: Sequence[Extracted]) -> list[Extracted]:
    """Names that entries share as topics: each copy is its entry with other topics, and
    is known to the engine as such, not walked again."""
    topical = with_auto_topics(extracted)
    for before, after in zip(extracted, topical, strict=True):
        engine.digests.derive(after, before, after.topics)
    return topical


def _search_index(engine: Engine, grouped: Grouped, linked: Linked, ids: SiteIds,
                  ) -> SearchIndex:
    """The index the engine keeps (in memory, and in the store's rows), brought to this
    build's records: only the files their changes reach are made again."""
    index = engine.resource("search index", lambda: SearchIndex(engine.rows("search"),
                                                                engine.salt))
    index.update(records_from(grouped, linked), ids)
    return index

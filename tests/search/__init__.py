"""Helpers for the search tests: the demo digest built with its search index."""

import itertools
import random
from collections.abc import Sequence
from pathlib import Path

from digest.config import load_config
from digest.content import load_entries
from digest.extract import extract_entries
from digest.extract.topics import TopicMatcher
from digest.group import Grouped, group_entries
from digest.render.env import new_environment, theme_dir
from digest.render.output import write_site
from digest.render.plan import plan_pages
from digest.render.site import render_pages, site_context, static_files
from digest.search import SearchRecord, build_index, records_from, search_page

ROOT = Path(__file__).resolve().parents[2]


def record(id: str, title: str, body: str = "", **fields: object) -> SearchRecord:
    """A made-up article record; `fields` override the defaults."""
    values: dict[str, object] = {
        "id": id, "kind": "article", "title": title, "path": f"entries/{id[2:]}.html",
        "date": None, "source": None, "speaker": None, "topics": (), "body": body,
        "excerpt": body[:200],
    }
    values.update(fields)
    return SearchRecord(**values)  # type: ignore[arg-type]


def synthetic(count: int, words_per_record: int = 150, seed: int = 7) -> list[SearchRecord]:
    """Made-up articles over a Zipf-like vocabulary, like a real digest's."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(20_000)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    records = []
    for n in range(count):
        body = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=words_per_record))
        records.append(record(f"e:story-{n:05d}", f"Story {n} {vocabulary[n % 500]}", body,
                              date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                              source=f"Outlet {n % 7}", topics=(f"Topic {n % 5}",)))
    return records


def demo_grouped() -> Grouped:
    """The demo digest's entries (content/ as committed), grouped as a build groups them."""
    config = load_config(ROOT)
    loaded = load_entries(config.content_dir, config.max_bytes)
    entries = [e for e in loaded.entries if not e.draft]
    return group_entries(extract_entries(entries, TopicMatcher(config.topics)), config.topics)


def build_site_with_search(out: Path, records: Sequence[SearchRecord] | None = None) -> Path:
    """The pipeline of digest.build, plus the search page and index (as the lead wires it).

    `records` replaces the demo's own records, for tests that need made-up ones.
    """
    config = load_config(ROOT)
    grouped = demo_grouped()
    pages = (*plan_pages(grouped), search_page())
    files = dict(render_pages(pages, new_environment(config.templates_dir),
                              site_context(config, False)))
    files.update(static_files((theme_dir() / "static", config.templates_dir / "static")))
    files.update(build_index(records_from(grouped) if records is None else records))
    write_site(files, out)
    return out

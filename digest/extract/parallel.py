"""Per-entry extraction on every core: the entries are independent, and quote reading
dominates a cold build."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from digest.extract import Extracted, extract_entry
from digest.extract.markdown import new_renderer
from digest.extract.topics import TopicMatcher
from digest.model import Entry, Topic
from digest.people import People

# Below this many entries a pool costs more to start than it saves.
POOL_MIN_ENTRIES = 200
CHUNK = 50


def extract_all(
    entries: Sequence[Entry], topics: Sequence[Topic], people: People,
    aliases: Mapping[str, str], workers: int | None = None,
) -> list[Extracted]:
    """Extract `entries`, in order, on `workers` processes (default: every core)."""
    workers = workers or os.cpu_count() or 1
    job = partial(_chunk, tuple(topics), people, dict(aliases))
    if workers < 2 or len(entries) < POOL_MIN_ENTRIES:
        return job(list(entries))
    chunks = [list(entries[i:i + CHUNK]) for i in range(0, len(entries), CHUNK)]
    # Not fork: the preview server calls this from a process with threads running, and
    # a forked child can inherit a lock another thread held.
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [x for done in pool.map(job, chunks) for x in done]


def _chunk(topics: tuple[Topic, ...], people: People, aliases: dict[str, str],
           entries: list[Entry]) -> list[Extracted]:
    matcher, md = TopicMatcher(topics), new_renderer()
    return [extract_entry(entry, matcher, md, people, aliases) for entry in entries]

"""What ingest knows about one raw article before it becomes an entry file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.model import EntryDate


@dataclass(frozen=True)
class RawArticle:
    origin: Path
    origin_hash: str  # of the raw bytes: tells a changed raw file from an unchanged one
    body: str  # Markdown
    title: str | None = None
    title_guessed: bool = False
    date: EntryDate | None = None
    author: str | None = None
    # Everything else a reader found (source, url, language, topics, summary, and
    # any key of a Markdown article's own front-matter), in front-matter terms.
    meta: Mapping[str, Any] = field(default_factory=dict)
    # Not UTF-8: the encoding it was read in (digest.charsets), and those that would have
    # read some characters otherwise. The entry is marked for review.
    encoding: str | None = None
    encoding_rivals: tuple[str, ...] = ()

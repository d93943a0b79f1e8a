"""The typed data that flows through the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class EntryDate:
    """A publication date: always a day, a time of day only when the source gave one.

    `moment` is naive when the source named no time zone: we never invent one.
    """

    day: date
    moment: datetime | None = None

    def iso(self) -> str:
        if self.moment is None:
            return self.day.isoformat()
        return self.moment.isoformat()

    @property
    def month(self) -> str:
        return f"{self.day.year:04d}-{self.day.month:02d}"

    def sort_key(self) -> tuple[date, str]:
        # Aware and naive datetimes do not compare; the ISO text of the
        # time of day orders entries within one day well enough.
        return (self.day, self.moment.time().isoformat() if self.moment else "")


@dataclass(frozen=True)
class Entry:
    """One content entry: front-matter plus a Markdown body, as a person edits it."""

    path: Path
    slug: str
    title: str
    body: str
    body_line: int = 1
    date: EntryDate | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    topics: tuple[str, ...] = ()
    summary: str | None = None
    draft: bool = False
    origin: str | None = None
    review: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    checksum: str = ""  # of the file's text: what incremental builds compare
    key_lines: Mapping[str, int] = field(default_factory=dict)  # front-matter key -> file line


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    match: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Quote:
    """One quote in one entry: who said what, where in the article.

    `paragraph` indexes the entry's plain-text paragraphs (as extract.markdown
    yields them), and `start`/`end` are character offsets of `text` in that
    paragraph, so pages can anchor and mark the exact words.
    """

    text: str
    kind: str  # "direct", "partial" or "indirect"
    speaker: str | None  # canonical name; None when the text does not say: never guessed
    paragraph: int
    start: int
    end: int
    role: str | None = None  # the role this article gives the speaker
    cited: str | None = None  # for indirect: whom the claim rests on ("Reuters")
    sentence: str | None = None  # for indirect: the whole sentence

"""How each stored query result is written as JSON data and read back (never pickle)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from digest.engine.engine import Codec
from digest.extract import Extracted
from digest.extract.figures import Figure
from digest.link.clusters import Cluster, Link
from digest.link.stories import Story
from digest.model import Entry, EntryDate, Quote


def _entry_row(e: Entry) -> dict[str, Any] | None:
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
        "key_lines": dict(e.key_lines),
    }


def _entry_of(row: dict[str, Any]) -> Entry:
    when = row["date"]
    return Entry(
        path=Path(row["path"]), slug=row["slug"], title=row["title"], body=row["body"],
        body_line=row["body_line"],
        date=EntryDate(date.fromisoformat(when[0]),
                       datetime.fromisoformat(when[1]) if when[1] else None) if when else None,
        source=row["source"], url=row["url"], author=row["author"], language=row["language"],
        topics=tuple(row["topics"]), summary=row["summary"], draft=row["draft"],
        origin=row["origin"], review=tuple(row["review"]), extra=row["extra"],
        checksum=row["checksum"], key_lines=dict(row["key_lines"]),
    )


def _extracted_row(x: Extracted) -> dict[str, Any] | None:
    entry = _entry_row(x.entry)
    if entry is None:
        return None
    return {
        "entry": entry, "html": x.html, "paragraphs": list(x.paragraphs), "text": x.text,
        "excerpt": x.excerpt, "topics": list(x.topics),
        "quotes": [[q.text, q.kind, q.speaker, q.paragraph, q.start, q.end, q.role, q.cited,
                    q.sentence] for q in x.quotes],
        "names": list(x.names),
        "figures": [[f.quantity, f.value, f.approx, f.qualifier, f.text, f.sentence,
                     f.paragraph, f.cited] for f in x.figures],
    }


def _extracted_of(row: dict[str, Any]) -> Extracted:
    return Extracted(entry=_entry_of(row["entry"]), html=row["html"],
                     paragraphs=tuple(row["paragraphs"]), text=row["text"],
                     excerpt=row["excerpt"], topics=tuple(row["topics"]),
                     quotes=tuple(Quote(*q) for q in row["quotes"]), names=tuple(row["names"]),
                     figures=tuple(Figure(*f) for f in row["figures"]))


def _clusters_row(clusters: Sequence[Cluster]) -> list[Any]:
    return [[c.id, list(c.members), [[k.a, k.b, k.method, k.score] for k in c.links]]
            for c in clusters]


def _clusters_of(rows: list[Any]) -> tuple[Cluster, ...]:
    return tuple(Cluster(c[0], tuple(c[1]), tuple(Link(*k) for k in c[2])) for c in rows)


def _stories_row(stories: Sequence[Story]) -> list[Any]:
    return [[s.id, s.title, list(s.entries), s.first.isoformat() if s.first else None,
             s.last.isoformat() if s.last else None] for s in stories]


def _stories_of(rows: list[Any]) -> tuple[Story, ...]:
    return tuple(Story(s[0], s[1], tuple(s[2]), _day(s[3]), _day(s[4])) for s in rows)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


ENTRY: Codec[Entry] = Codec(_entry_row, _entry_of)
EXTRACTED: Codec[Extracted] = Codec(_extracted_row, _extracted_of,
                                     lambda x: (*x.quotes, *x.figures))
CLUSTERS: Codec[Sequence[Cluster]] = Codec(_clusters_row, _clusters_of)
STORIES: Codec[Sequence[Story]] = Codec(_stories_row, _stories_of)
TEXT: Codec[str | None] = Codec(lambda text: [text], lambda row: row[0])

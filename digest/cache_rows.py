"""The cache's rows: each extracted entry as JSON data and back (never pickle)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from digest.extract import Extracted
from digest.extract.figures import Figure
from digest.model import Entry, EntryDate, Quote


def row_of(x: Extracted) -> dict[str, Any] | None:
    e = x.entry
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
        "html": x.html, "paragraphs": list(x.paragraphs), "text": x.text, "excerpt": x.excerpt,
        "found": list(x.topics),
        "quotes": [[q.text, q.kind, q.speaker, q.paragraph, q.start, q.end, q.role, q.cited,
                    q.sentence] for q in x.quotes],
        "names": list(x.names),
        "figures": [[f.quantity, f.value, f.approx, f.qualifier, f.text, f.sentence,
                     f.paragraph, f.cited] for f in x.figures],
    }


def extracted_of(row: dict[str, Any]) -> Extracted:
    when = row["date"]
    entry = Entry(
        path=Path(row["path"]), slug=row["slug"], title=row["title"], body=row["body"],
        body_line=row["body_line"],
        date=EntryDate(date.fromisoformat(when[0]),
                       datetime.fromisoformat(when[1]) if when[1] else None) if when else None,
        source=row["source"], url=row["url"], author=row["author"], language=row["language"],
        topics=tuple(row["topics"]), summary=row["summary"], draft=row["draft"],
        origin=row["origin"], review=tuple(row["review"]), extra=row["extra"],
        checksum=row["checksum"], key_lines=dict(row["key_lines"]),
    )
    return Extracted(entry=entry, html=row["html"], paragraphs=tuple(row["paragraphs"]),
                     text=row["text"], excerpt=row["excerpt"], topics=tuple(row["found"]),
                     quotes=tuple(Quote(*q) for q in row["quotes"]), names=tuple(row["names"]),
                     figures=tuple(Figure(*f) for f in row["figures"]))

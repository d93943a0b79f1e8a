"""Saved web pages: main text and metadata through trafilatura."""

from __future__ import annotations

import re
from typing import Any

from digest.ingest.dates import parse_date
from digest.model import EntryDate

# Only dates the page itself states in its markup: htmldate's extensive search
# guesses from URLs and loose text, and we never invent a date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)[ \t#]*(?:\n+|\Z)")


def read_html(html: str) -> tuple[str, dict[str, Any], EntryDate | None]:
    """(Markdown body, metadata in front-matter terms, publication date or None)."""
    # Imported here: trafilatura and lxml take longer to import than a whole
    # no-change rebuild, and only saved web pages need them.
    import trafilatura

    body = trafilatura.extract(
        html, output_format="markdown", include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=True,
        date_extraction_params=_DATE_PARAMS, deduplicate=False,
    ) or ""
    found = trafilatura.extract_metadata(html, date_config=_DATE_PARAMS, extensive=False)
    meta: dict[str, Any] = {}
    day: EntryDate | None = None
    if found is not None:
        for key, value in (("title", found.title), ("author", found.author),
                           ("source", found.sitename), ("url", found.url),
                           ("summary", found.description), ("language", _language(html))):
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
        if isinstance(found.date, str):
            day = parse_date(found.date)
    return _without_headline(body, meta.get("title")), meta, day


def _without_headline(body: str, title: str | None) -> str:
    """The page's <h1> comes out as the body's first line; the entry page shows the title
    already, so a first heading that repeats it goes."""
    match = _HEADING.match(body)
    if match is None or title is None or _folded(match.group(1)) != _folded(title):
        return body
    return body[match.end():]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _language(html: str) -> str | None:
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    lang = tree.get("lang")
    return lang.split("-")[0].lower() if isinstance(lang, str) and lang.strip() else None

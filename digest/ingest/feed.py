"""RSS and Atom feeds -> the articles they list, with what the feed says of each.

feedparser reads every RSS and Atom dialect and the broken feeds found in the wild; the
feed's own bytes are fetched by digest.ingest.fetch (with its limits), never by
feedparser, and handed over as a stream so that feedparser takes them for data, never
for a path or an address to open.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from digest.ingest.dates import parse_date
from digest.ingest.fetch import Fetched
from digest.model import EntryDate

_NAME_IN_PARENS = re.compile(r"\(([^()@]+)\)")


@dataclass(frozen=True)
class FeedItem:
    link: str | None  # absolute, resolved against the feed's address
    title: str | None = None
    date: EntryDate | None = None  # as the feed states it, with its own time zone
    author: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None  # the outlet, as the feed names itself
    items: tuple[FeedItem, ...]


class NotAFeed(ValueError):
    pass


def parse_feed(fetched: Fetched) -> Feed:
    import feedparser  # imported here: only `digest ingest --feed` needs it

    headers = {"content-location": fetched.final_url}
    if fetched.media_type:
        headers["content-type"] = fetched.media_type
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("not an RSS or Atom feed: the server sent "
                       f"{fetched.media_type or 'no type'}")
    title = _text(parsed.feed.get("title"))
    return Feed(title, tuple(_item(entry) for entry in parsed.entries))


def _item(entry: Any) -> FeedItem:
    link = _text(entry.get("link"))
    return FeedItem(link, _text(entry.get("title")),
                    _date(entry.get("published") or entry.get("updated")),
                    _author(entry.get("author")))


def _date(raw: Any) -> EntryDate | None:
    """RSS's RFC 822 dates and Atom's ISO 8601 ones, keeping the feed's time zone (the day
    is the day where the outlet published); None when the feed gives no readable date."""
    text = _text(raw)
    if text is None:
        return None
    found = parse_date(text)
    if found is not None:
        return found
    try:  # RFC 822's rarer forms: obsolete zone names, no weekday comma
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return EntryDate(moment.date(), moment)


def _author(raw: Any) -> str | None:
    """RSS writes authors as e-mail addresses, with the name in parentheses if at all."""
    name = _text(raw)
    if name is None or "@" not in name:
        return name
    match = _NAME_IN_PARENS.search(name)
    return match.group(1).strip() if match else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None

"""Feeds: the items of RSS and Atom, with their links, dates as the outlet gave them, authors."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.ingest.feed import NotAFeed, parse_feed
from digest.ingest.fetch import Fetched
from tests.ingest.local_web import atom, rss


def fetched(body: bytes, url: str = "http://127.0.0.1:9/feed.xml",
            media_type: str = "application/rss+xml") -> Fetched:
    return Fetched(url, url, media_type, None, body)


def test_rss_items_keep_their_zone_and_relative_links_resolve() -> None:
    feed = parse_feed(fetched(rss("Harbour Times", [
        ("Bridge closes", "/news/bridge.html", "Wed, 23 Oct 2024 23:30:00 -0500"),
        ("Ferry opens", "http://other.example/ferry", "Thu, 24 Oct 2024 08:00:00 GMT"),
    ])))
    assert feed.title == "Harbour Times"
    first, second = feed.items
    assert (first.title, first.link) == ("Bridge closes", "http://127.0.0.1:9/news/bridge.html")
    assert first.date is not None
    # The day where the outlet published, not the UTC day (already 24 October there).
    assert first.date.day == date(2024, 10, 23)
    assert first.date.moment == datetime(2024, 10, 23, 23, 30,
                                         tzinfo=timezone(timedelta(hours=-5)))
    assert second.link == "http://other.example/ferry"


def test_atom_entries() -> None:
    feed = parse_feed(fetched(atom("Atom Outlet", [
        ("A day only", "http://127.0.0.1:9/a", "2024-10-22"),
        ("A moment", "http://127.0.0.1:9/b", "2024-10-22T10:00:00+02:00"),
    ]), media_type="application/atom+xml"))
    assert feed.title == "Atom Outlet"
    day_only, moment = feed.items
    assert day_only.date is not None and day_only.date.moment is None  # no time invented
    assert moment.date is not None and moment.date.iso() == "2024-10-22T10:00:00+02:00"


def test_rss_author_addresses_give_the_name_or_nothing() -> None:
    body = (b'<rss version="2.0"><channel><title>T</title>'
            b"<item><link>http://x.example/1</link><author>jr@x.example (Jane Roe)</author></item>"
            b"<item><link>http://x.example/2</link><author>jr@x.example</author></item>"
            b"<item><title>No link here</title></item>"
            b"</channel></rss>")
    named, bare, linkless = parse_feed(fetched(body)).items
    assert (named.author, bare.author) == ("Jane Roe", None)
    assert (linkless.link, linkless.title) == (None, "No link here")


def test_a_date_nobody_can_read_is_no_date() -> None:
    (item,) = parse_feed(fetched(rss("T", [("x", "http://x.example/1", "last Tuesday")]))).items
    assert item.date is None


@pytest.mark.parametrize("body", [b"<html><body><p>A page</p></body></html>", b"",
                                  b"\x89PNG\r\n\x1a\n"])
def test_what_is_not_a_feed_says_so(body: bytes) -> None:
    with pytest.raises(NotAFeed, match="not an RSS or Atom feed"):
        parse_feed(fetched(body, media_type="text/html"))


def test_the_body_is_data_never_a_path_to_open(tmp_path: Path) -> None:
    # feedparser opens a string naming a file: a feed whose body is a local path must be
    # read as that text (no feed), not as the file it names (here, a valid feed).
    local = tmp_path / "local.xml"
    local.write_bytes(rss("Local file", [("secret", "http://x.example/1", "")]))
    with pytest.raises(NotAFeed):
        parse_feed(fetched(str(local).encode()))

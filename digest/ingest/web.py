"""Articles from the web: `digest ingest URL...` and `digest ingest --feed URL`.

Each page becomes a new entry, as a saved page would (trafilatura for its text and
metadata), with `url:` and the outlet in `source:` (the page's own site name, else the
feed's title). What the digest already holds, by address or by text, is skipped, so a
feed can be read again and again; an existing entry is never written to. A page that
cannot be had is reported on one line and the run goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from digest import frontmatter
from digest.content import entry_files
from digest.errors import DigestError
from digest.ingest import FAILED, WRITTEN, Outcome, _to_review
from digest.ingest.article import RawArticle
from digest.ingest.feed import FeedItem, NotAFeed, parse_feed
from digest.ingest.fetch import Client, Fetched, FetchError, Limits
from digest.ingest.html import read_html
from digest.ingest.writer import ContentIndex, compose, entry_folder, entry_slug, render_entry
from digest.textio import decode_any, write_atomic

HELD = "held"  # already in the digest, by address or by text: not written again
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# Fewer words than this is a menu, a consent wall or a paywall's teaser, not an article:
# saved, it would fill the digest with stubs. (A saved file is taken whatever its length:
# a person chose it.)
MIN_WORDS = 20


@dataclass(frozen=True)
class WebOptions:
    content_dir: Path
    limits: Limits = field(default_factory=Limits)
    overrides: Mapping[str, Any] | None = None  # from the command line, over everything


@dataclass(frozen=True)
class WebReport:
    outcomes: tuple[Outcome, ...]
    feeds: int = 0  # feeds read, whether or not they listed anything new

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count(FAILED) > 0

    def summary(self) -> str:
        source = f" from {self.feeds} feed{'s' if self.feeds != 1 else ''}" if self.feeds else ""
        parts = [f"{self.count(s)} {'already held' if s == HELD else s}"
                 for s in (WRITTEN, HELD, FAILED) if self.count(s)]
        total = len(self.outcomes)
        return (f"web: {total} address{'es' if total != 1 else ''}{source}: "
                f"{', '.join(parts) or 'nothing listed'}")


def ingest_web(pages: Sequence[str], feeds: Sequence[str], options: WebOptions) -> WebReport:
    """Ingest each page, then each new article of each feed, into new entries."""
    run = _Run(options, Client(options.limits), Held.scan(options.content_dir),
               ContentIndex.scan(options.content_dir))
    outcomes = [run.page(url) for url in pages]
    read = 0
    for url in feeds:
        try:
            feed = parse_feed(run.client.get(url, accept=None))
        except FetchError as exc:
            outcomes.append(Outcome(url, FAILED, message=f"feed: {exc.message}"))
            continue
        except NotAFeed as exc:
            outcomes.append(Outcome(url, FAILED, message=str(exc)))
            continue
        read += 1
        for item in feed.items:
            if item.link is None:
                outcomes.append(Outcome(url, FAILED, message=f"an item without a link: "
                                                                  f"{item.title or 'untitled'}"))
            else:
                outcomes.append(run.page(item.link, item, feed.title))
    return WebReport(tuple(outcomes), read)


@dataclass
class Held:
    """What the digest already holds: entries by address (`url:`, `origin:`) and by text."""

    urls: dict[str, Path] = field(default_factory=dict)
    texts: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def scan(cls, content_dir: Path) -> Held:
        held = cls()
        if not content_dir.is_dir():
            return held
        for path in entry_files(content_dir):
            try:
                doc = frontmatter.split(path.read_text("utf-8", errors="replace"), path)
            except DigestError:
                continue  # a broken entry is reported by build and check, not here
            for key in ("url", "origin"):
                if isinstance(doc.meta.get(key), str):
                    held.urls.setdefault(url_key(doc.meta[key]), path)
            held.texts.setdefault(text_key(doc.body), path)
        return held

    def by_url(self, urls: Iterable[str | None]) -> Path | None:
        return next((self.urls[k] for k in map(url_key, filter(None, urls)) if k in self.urls),
                    None)


def url_key(url: str) -> str:
    """One article's addresses alike: scheme and host in any case, no fragment, no
    tracking parameters (feeds add utm_source), no trailing slash."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"),
                       urlencode(query), ""))


def text_key(body: str) -> str:
    """The same text, however its lines were wrapped or spaced."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()[:16]


@dataclass
class _Run:
    options: WebOptions
    client: Client
    held: Held
    index: ContentIndex

    def page(self, url: str, item: FeedItem | None = None,
             feed_title: str | None = None) -> Outcome:
        held = self.held.by_url([url])
        if held is not None:  # known by its address: not even fetched
            return Outcome(url, HELD, held, "already in the digest")
        try:
            fetched = self.client.get(url)
            article = _article(fetched, item, feed_title)
        except FetchError as exc:
            return Outcome(url, FAILED, message=exc.message)
        held = self.held.by_url([fetched.final_url, article.meta.get("url")])
        if held is not None:
            return Outcome(url, HELD, held, f"already in the digest as {fetched.final_url}")
        held = self.held.texts.get(article.origin_hash)
        if held is not None:
            return Outcome(url, HELD, held, "the same text is already in the digest")
        meta = compose(article, {"url": fetched.final_url, **(self.options.overrides or {})},
                       url)
        if article.encoding:
            meta = _to_review(meta, "encoding")
        base = entry_slug(meta.get("title"), article.origin.name)
        slug = self.index.free_slug(base)
        self.index.slugs.add(slug)
        target = entry_folder(self.options.content_dir, meta) / f"{slug}.md"
        write_atomic(target, render_entry(meta, article.body).encode("utf-8"))
        for address in (url, fetched.final_url):
            self.held.urls.setdefault(url_key(address), target)
        self.held.texts.setdefault(article.origin_hash, target)
        notes = [f"slug `{base}` was taken, used `{slug}`" if slug != base else "",
                 f"no charset declared: read as {article.encoding}; marked for review"
                 if article.encoding else ""]
        return Outcome(url, WRITTEN, target, "; ".join(n for n in notes if n))


def _article(fetched: Fetched, item: FeedItem | None, feed_title: str | None) -> RawArticle:
    """The page's text and metadata; what the page does not say, the feed's item may."""
    text, legacy = _page_text(fetched)
    body, meta, day = read_html(text)
    words = len(body.split())
    if words < MIN_WORDS:
        raise FetchError(fetched.url, "text", f"no article text found on this page "
                                              f"({words} words)")
    if "source" in meta and meta["source"].lower() in (_site(meta.get("url")),
                                                         _site(fetched.final_url)):
        # trafilatura falls back on the host name; the feed's title names the outlet better,
        # and otherwise `source:` is left for review rather than filled with a guess.
        del meta["source"]
    if feed_title and "source" not in meta:
        meta["source"] = feed_title
    meta.pop("url", None)  # the address it was read from is set over it
    path = unquote(urlsplit(fetched.final_url).path)
    name = PurePosixPath(path).name or urlsplit(fetched.final_url).hostname or "page"
    return RawArticle(
        Path(name), text_key(body), body,
        title=meta.pop("title", None) or (item.title if item else None),
        date=day or (item.date if item else None),
        author=meta.pop("author", None) or (item.author if item else None),
        meta=meta, encoding=legacy,
    )


def _page_text(fetched: Fetched) -> tuple[str, str | None]:
    """(text, the encoding detected when the page declared none and was not UTF-8)."""
    found = _META_CHARSET.search(fetched.body[:4096])
    for declared in (fetched.charset, found.group(1).decode("ascii") if found else None):
        if declared is None:
            continue
        try:
            return fetched.body.decode(codecs.lookup(declared).name), None
        except (LookupError, UnicodeDecodeError):
            continue  # an unknown or wrong declaration: the bytes tell below
    try:
        decoded = decode_any(fetched.body, fetched.url)
    except DigestError as exc:
        raise FetchError(fetched.url, "text", exc.message) from None
    return decoded.text, decoded.legacy


def _site(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.") or None


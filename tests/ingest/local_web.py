"""A web site on 127.0.0.1 for the web-ingest tests: articles, feeds and every way a fetch
goes wrong. Nothing leaves the machine; each route is a Response, added by the test."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Response:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering
    chunks: int = 1  # the body sent this many times over, without a Content-Length
    pause: float = 0.0  # seconds between those chunks


@dataclass
class LocalWeb:
    routes: dict[str, Response] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # paths asked for, in order
    agents: list[str] = field(default_factory=list)  # the User-Agent of each request
    base: str = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.routes[path] = Response(status=status, headers=(("Location", to),))


def serve() -> Iterator[LocalWeb]:
    """Start the site in a thread on a free port; stop it when the test is done."""
    web = LocalWeb()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            web.requests.append(self.path)
            web.agents.append(self.headers.get("User-Agent", ""))
            path = self.path.split("?", 1)[0]  # routes by path: feeds add tracking queries
            found = web.routes.get(path, Response(b"not here", 404, "text/plain"))
            time.sleep(found.delay)
            try:
                self.send_response(found.status)
                self.send_header("Content-Type", found.content_type)
                for name, value in found.headers:
                    self.send_header(name, value)
                if found.chunks == 1:
                    self.send_header("Content-Length", str(len(found.body)))
                self.end_headers()
                for _ in range(found.chunks):
                    self.wfile.write(found.body)
                    self.wfile.flush()
                    time.sleep(found.pause)
            except OSError:
                pass  # the client gave up (a timeout, a size limit): what the test wanted

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True  # a slow answer still sleeping does not hold the test up
    thread = threading.Thread(target=server.serve_forever, args=(0.05,),
                              daemon=True)
    thread.start()
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()


def article(title: str, paragraphs: Sequence[str], *, site: str | None = None,
            published: str | None = None, author: str | None = None) -> bytes:
    """An article page as outlets write them: meta tags in the head, the text in <article>."""
    meta = [f'<meta property="og:title" content="{html.escape(title)}">']
    if site:
        meta.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{html.escape(author)}">')
    text = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>{''.join(meta)}</head><body>"
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{html.escape(title)}</h1>{text}</article>"
            f"<footer>Copyright the outlet</footer></body></html>").encode()


def rss(title: str, items: Sequence[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items."""
    body = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{day}</pubDate></item>" for t, link, day in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
            f"<description>News</description>{body}</channel></rss>").encode()


def atom(title: str, items: Sequence[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (title, link, ISO 8601 date) entries."""
    body = "".join(
        f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/>'
        f"<id>{html.escape(link)}</id><published>{day}</published><updated>{day}</updated>"
        "</entry>" for t, link, day in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><id>urn:x</id><updated>2024-10-30T00:00:00Z"
            f"</updated>{body}</feed>").encode()

"""Fetch one web page or feed: a whole-fetch deadline, a size limit, redirects capped and
checked one by one, a user agent that says who is asking.

Every way a fetch can fail is a FetchError naming the URL and what went wrong in words a
reader acts on (DNS, timeout, 404, not HTML, too large, a redirect loop); nothing else
escapes, so one bad URL never stops a run over many.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import exceptions as http_errors

from digest import __version__
from digest.textio import DEFAULT_MAX_BYTES

USER_AGENT = f"digest/{__version__} (source digest site generator; fetches pages a user named)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

FailureKind = Literal[
    "url", "dns", "connection", "timeout", "tls", "http", "redirects", "type", "size",
    "response", "text",
]


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds for the whole fetch, redirects and body included
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects: the address the text was read from
    media_type: str  # "text/html", lower case, without parameters; "" when not said
    charset: str | None  # from the Content-Type header
    body: bytes


class FetchError(Exception):
    def __init__(self, url: str, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return f"{self.url}: error: {self.message}"


class Client:
    """One connection pool for a run: pages of one site reuse their connection."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        # retries=False: an error is raised as itself (told apart below), not retried;
        # redirects are followed here, one checked hop at a time.
        self._pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT}, retries=False)

    def get(self, url: str, accept: tuple[str, ...] | None = HTML_TYPES) -> Fetched:
        """The resource at `url`; `accept`: the media types wanted (None: any)."""
        deadline = time.monotonic() + self.limits.timeout
        visited = [url]
        current = url
        while True:
            _check_url(url, current)
            response = self._request(url, current, deadline)
            fetched = None
            try:
                if response.status in _REDIRECTS:
                    current = _next_hop(url, current, response, visited, self.limits)
                    visited.append(current)
                    continue
                fetched = self._read(url, current, response, accept, deadline)
                return fetched
            finally:
                if fetched is None:  # a body left unread: the connection cannot be reused
                    response.close()
                response.release_conn()

    def _request(self, url: str, current: str, deadline: float) -> urllib3.BaseHTTPResponse:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _timeout(url, self.limits)
        try:
            return self._pool.request(
                "GET", current, redirect=False, preload_content=False,
                timeout=urllib3.Timeout(connect=left, read=left),
                headers={"User-Agent": USER_AGENT,
                         "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                                   "application/atom+xml, application/xml;q=0.9, */*;q=0.5"},
            )
        except http_errors.NameResolutionError:
            host = urlsplit(current).hostname or current
            raise FetchError(url, "dns", f"DNS: no address found for {host}") from None
        except http_errors.NewConnectionError as exc:  # before TimeoutError: it is one
            raise FetchError(url, "connection", f"cannot connect: {_reason(exc)}") from None
        except http_errors.TimeoutError:
            raise _timeout(url, self.limits) from None
        except http_errors.SSLError as exc:
            raise FetchError(url, "tls", f"TLS: {_reason(exc)}") from None
        except (http_errors.LocationValueError, http_errors.LocationParseError):
            raise FetchError(url, "url", f"not a valid address: {current}") from None
        except http_errors.HTTPError as exc:
            raise FetchError(url, "connection", f"connection failed: {_reason(exc)}") from None

    def _read(self, url: str, current: str, response: urllib3.BaseHTTPResponse,
              accept: tuple[str, ...] | None, deadline: float) -> Fetched:
        if response.status >= 400:
            reason = f" {response.reason}" if response.reason else ""
            raise FetchError(url, "http", f"HTTP {response.status}{reason}")
        media_type, charset = _content_type(response.headers.get("Content-Type", ""))
        if accept is not None and media_type and media_type not in accept:
            raise FetchError(url, "type", f"not a web page: the server sent {media_type}")
        limit = self.limits.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, "size", f"too large: {int(declared):,} bytes, over the "
                                          f"limit of {limit:,} set by max_bytes")
        chunks: list[bytes] = []
        size = 0
        try:
            # read1: what has arrived, up to a chunk, so that a body dripping in stops at
            # the deadline (overrun by one read at most, whose wait is itself capped).
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, "size", f"too large: over the limit of {limit:,} "
                                                  "bytes set by max_bytes")
                if time.monotonic() > deadline:
                    raise _timeout(url, self.limits)
                chunks.append(chunk)
        except http_errors.TimeoutError:
            raise _timeout(url, self.limits) from None
        except (http_errors.ProtocolError, http_errors.DecodeError) as exc:
            raise FetchError(url, "response", f"broken response: {_reason(exc)}") from None
        return Fetched(url, current, media_type, charset, b"".join(chunks))


def _check_url(url: str, current: str) -> None:
    parts = urlsplit(current)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        what = "redirected to" if current != url else "not a web address:"
        raise FetchError(url, "url", f"{what} {current} (only http and https are fetched)")


def _next_hop(url: str, current: str, response: urllib3.BaseHTTPResponse,
              visited: list[str], limits: Limits) -> str:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(url, "redirects", f"HTTP {response.status} redirect without a Location")
    target = urljoin(current, location.strip())
    if target in visited:
        raise FetchError(url, "redirects", f"redirect loop: {current} sends back to {target}")
    if len(visited) > limits.max_redirects:
        raise FetchError(url, "redirects", f"more than {limits.max_redirects} redirects")
    return target


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _timeout(url: str, limits: Limits) -> FetchError:
    return FetchError(url, "timeout", f"timed out after {limits.timeout:g} s")


def _reason(exc: Exception) -> str:
    """urllib3's message without the pool's repr it starts with."""
    text = str(exc)
    return text.split(": ", 1)[1] if text.startswith(("<", "HTTPConnectionPool")) else text

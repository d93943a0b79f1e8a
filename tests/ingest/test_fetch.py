"""The web client against a local server: each failure a reader can act on, and the limits."""

import socket
import time
from typing import Any

import pytest

from digest.ingest.fetch import USER_AGENT, Client, FetchError, Limits
from tests.ingest.local_web import LocalWeb, Response

PAGE = b"<html><body><p>Text</p></body></html>"


def failure(web: LocalWeb, path: str, **limits: Any) -> FetchError:
    with pytest.raises(FetchError) as caught:
        Client(Limits(**limits)).get(web.url(path))
    assert caught.value.url == web.url(path)
    assert str(caught.value).startswith(f"{web.url(path)}: error: ")
    return caught.value


def test_a_page_is_fetched_with_its_type_charset_and_address(web: LocalWeb) -> None:
    web.routes["/a"] = Response(PAGE, content_type="text/html; charset=ISO-8859-1")
    fetched = Client(Limits()).get(web.url("/a"))
    assert (fetched.body, fetched.media_type, fetched.charset) == (PAGE, "text/html",
                                                                    "ISO-8859-1")
    assert fetched.final_url == web.url("/a")


def test_redirects_are_followed_and_the_final_address_kept(web: LocalWeb) -> None:
    web.routes["/new"] = Response(PAGE)
    web.redirect("/old", "/new", 301)
    fetched = Client(Limits()).get(web.url("/old"))
    assert (fetched.url, fetched.final_url, fetched.body) == (web.url("/old"), web.url("/new"),
                                                              PAGE)


def test_a_404_says_so(web: LocalWeb) -> None:
    error = failure(web, "/missing")
    assert (error.kind, error.message) == ("http", "HTTP 404 Not Found")


def test_a_slow_answer_times_out_at_the_limit(web: LocalWeb) -> None:
    web.routes["/slow"] = Response(PAGE, delay=3)
    started = time.monotonic()
    error = failure(web, "/slow", timeout=0.3)
    assert (error.kind, error.message) == ("timeout", "timed out after 0.3 s")
    assert time.monotonic() - started < 2


def test_a_body_dripping_in_stops_at_the_whole_fetch_deadline(web: LocalWeb) -> None:
    # Each chunk comes in time for a per-read timeout; the whole fetch still has one.
    web.routes["/drip"] = Response(b"x" * 10, chunks=40, pause=0.05)
    started = time.monotonic()
    assert failure(web, "/drip", timeout=0.3).kind == "timeout"
    assert time.monotonic() - started < 1


def test_a_huge_body_is_cut_at_the_size_limit(web: LocalWeb) -> None:
    web.routes["/huge"] = Response(b"x" * 65536, chunks=64)  # 4 MiB, no Content-Length
    error = failure(web, "/huge", max_bytes=1_000_000)
    assert error.kind == "size" and "over the limit of 1,000,000 bytes" in error.message


def test_a_declared_length_over_the_limit_is_refused_before_reading(web: LocalWeb) -> None:
    web.routes["/big"] = Response(b"x" * 2_000)
    error = failure(web, "/big", max_bytes=1_000)
    assert error.kind == "size" and "2,000 bytes" in error.message


def test_a_redirect_loop_is_named(web: LocalWeb) -> None:
    web.redirect("/a", "/b")
    web.redirect("/b", "/a")
    error = failure(web, "/a")
    assert error.kind == "redirects"
    assert error.message == f"redirect loop: {web.url('/b')} sends back to {web.url('/a')}"


def test_redirects_are_capped(web: LocalWeb) -> None:
    for hop in range(10):
        web.redirect(f"/{hop}", f"/{hop + 1}")
    web.routes["/10"] = Response(PAGE)
    assert failure(web, "/0", max_redirects=3).message == "more than 3 redirects"
    assert web.requests == ["/0", "/1", "/2", "/3"]
    assert Client(Limits(max_redirects=10)).get(web.url("/0")).body == PAGE


def test_a_redirect_out_of_the_web_is_refused(web: LocalWeb) -> None:
    web.redirect("/a", "file:///etc/passwd")
    error = failure(web, "/a")
    assert error.kind == "url" and "file:///etc/passwd" in error.message


def test_what_is_not_a_web_page_is_not_read(web: LocalWeb) -> None:
    web.routes["/doc.pdf"] = Response(b"%PDF-1.4" * 10_000, content_type="application/pdf")
    error = failure(web, "/doc.pdf")
    assert (error.kind, error.message) == ("type", "not a web page: the server sent "
                                                   "application/pdf")


def test_any_type_when_asked_for_any(web: LocalWeb) -> None:
    web.routes["/feed"] = Response(b"<rss/>", content_type="application/rss+xml")
    assert Client(Limits()).get(web.url("/feed"), accept=None).media_type == "application/rss+xml"


def test_an_unknown_host_is_a_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # The resolver answers as it does for a name that does not exist, without asking
    # any server: nothing leaves the machine.
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError) as caught:
        Client(Limits()).get("http://no-such-host.invalid/story")
    assert caught.value.kind == "dns"
    assert caught.value.message == "DNS: no address found for no-such-host.invalid"


def test_a_closed_port_cannot_connect() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago, and nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        Client(Limits()).get(f"http://127.0.0.1:{port}/")
    assert caught.value.kind == "connection"
    assert caught.value.message.startswith("cannot connect: ")


@pytest.mark.parametrize("url", ["ftp://example.org/a", "javascript:alert(1)", "http:///a",
                                 "example.org/a"])
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        Client(Limits()).get(url)
    assert caught.value.kind == "url"


def test_the_user_agent_names_digest(web: LocalWeb) -> None:
    web.routes["/a"] = Response(PAGE)
    Client(Limits()).get(web.url("/a"))
    assert web.agents == [USER_AGENT] and USER_AGENT.startswith("digest/")

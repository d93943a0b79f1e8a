"""The built site in a real browser: from disk, from a sub-path, on a phone, dark, printed."""

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request

pytestmark = pytest.mark.browser


def open_page(browser: Browser, **options: object) -> tuple[Page, list[str]]:
    page = browser.new_page(**options)  # type: ignore[arg-type]
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))

    def outside(request: Request) -> None:
        if not request.url.startswith(("file://", "http://127.0.0.1", "data:", "about:")):
            problems.append(f"remote request: {request.url}")

    page.on("request", outside)
    return page, problems


def test_browse_from_disk(browser: Browser, demo_site: Path) -> None:
    page, problems = open_page(browser)
    page.goto((demo_site / "index.html").as_uri())
    assert page.locator("h1").first.inner_text() == "North Korean troops in Russia"
    page.locator(".card h3 a", has_text="Russia's appeal for help to the DPRK").first.click()
    assert page.url.endswith(".html") and "/entries/" in page.url
    assert "US Defense Secretary" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Kursk region").first.click()
    assert page.locator("h1").inner_text() == "Kursk region"
    page.get_by_role("link", name="Sources").click()
    page.get_by_role("link", name="Babel").click()
    assert page.locator("h1").inner_text() == "Babel"
    # The stylesheet loaded: the theme's body font is not the browser default.
    assert "serif" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert problems == []


@pytest.fixture
def sub_path_server(demo_site: Path, tmp_path: Path) -> Iterator[str]:
    docroot = tmp_path / "www"
    shutil.copytree(demo_site, docroot / "some" / "sub-path")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(docroot))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/some/sub-path/"
    server.shutdown()
    server.server_close()


def test_works_from_a_sub_path_on_static_hosting(browser: Browser, sub_path_server: str) -> None:
    page, problems = open_page(browser)
    response = page.goto(sub_path_server + "index.html")
    assert response is not None and response.ok
    page.get_by_role("link", name="Topics").click()
    assert page.url == sub_path_server + "topics/index.html"
    page.get_by_role("link", name="NATO").first.click()
    assert page.url == sub_path_server + "topics/nato.html"
    page.get_by_role("link", name="Latest").click()
    assert page.url == sub_path_server + "index.html"
    assert problems == []


def test_readable_on_a_phone(browser: Browser, demo_site: Path) -> None:
    page, problems = open_page(browser, viewport={"width": 360, "height": 740},
                               device_scale_factor=2, is_mobile=True)
    story = next((demo_site / "stories").glob("t*.html")).relative_to(demo_site)
    statement = next((demo_site / "quotes").glob("c-*.html")).relative_to(demo_site)
    for name in ("index.html", "entries/russias-appeal-for-help-to-the-dprk-shows-the-problems"
                 "-it-faces-us.html", "topics/kursk-region.html", str(story), str(statement),
                 "people/lloyd-austin.html", "search/index.html"):
        page.goto((demo_site / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16, name
    assert problems == []


def test_dark_mode_follows_the_system(browser: Browser, demo_site: Path) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page, _ = open_page(browser, color_scheme=scheme)
        page.goto((demo_site / "index.html").as_uri())
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.close()
    assert colours["light"] != colours["dark"]
    # Dark means a dark background: every channel below the middle.
    channels = [int(c) for c in colours["dark"].strip("rgba()").split(",")[:3]]
    assert max(channels) < 128


def test_print_hides_navigation(browser: Browser, demo_site: Path) -> None:
    page, _ = open_page(browser)
    page.goto((demo_site / "index.html").as_uri())
    assert page.locator(".site-header nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible()

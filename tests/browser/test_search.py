"""Search in a real browser, through the real search.js: served over HTTP and from disk."""

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, Request, expect

from tests.browser.test_site_in_browser import open_page
from tests.search import build_site_with_search, record, synthetic

pytestmark = pytest.mark.browser

RUTTE = "NATO Secretary General Mark Rutte confirmed"
APPEAL = "Russia's appeal for help to the DPRK"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo digest with its search page and index."""
    return build_site_with_search(tmp_path_factory.mktemp("search") / "site")


@pytest.fixture(scope="module")
def made_up_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handful of made-up records whose best answers are obvious."""
    return build_site_with_search(tmp_path_factory.mktemp("made-up") / "site", [
        record("e:body-only", "Weekly roundup", "The drone attack hit a depot. " * 3),
        record("e:title", "Drone attack on Kyiv", "Air defence was active overnight."),
        record("e:rare", "Evening briefing", "Shahed drones and a rare Lancet sighting."),
        record("e:common-1", "Morning briefing", "Drones over the front, drones again."),
        record("e:common-2", "Noon briefing", "More drones reported along the front."),
        record("e:accents", "Café Zürich talks", "Бурятія and Kutielieva’s report."),
        record("e:hostile", "<img src=x onerror=alert(1)>", "hostile <b>markup</b> here",
               excerpt="hostile <b>markup</b> here"),
        record("q:1", "“We will not be intimidated”", "We will not be intimidated by drones.",
               kind="quote", speaker="Mark Rutte", path="quotes/1.html#q1"),
        record("p:mark-rutte", "Mark Rutte", "NATO Secretary General", kind="person",
               path="people/mark-rutte.html"),
    ])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", params=["http", "file"])
def site_url(request: pytest.FixtureRequest, search_site: Path) -> Iterator[str]:
    """The demo's root URL, once served on 127.0.0.1 and once opened from disk."""
    if request.param == "file":
        yield search_site.as_uri() + "/"
    else:
        yield from serve(search_site)


def titles(page: Page) -> list[str]:
    return page.locator("#search-results .result h3").all_inner_texts()


def search(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page, problems = open_page(browser)
    page.goto(url)
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    return page, problems


def test_a_word_from_one_article_finds_it(browser: Browser, site_url: str) -> None:
    page, problems = search(browser, site_url + "search/index.html?q=Kutielieva")
    assert page.input_value("#search-q") == "Kutielieva"
    assert len(titles(page)) == 1 and titles(page)[0].startswith(APPEAL)
    page, _ = search(browser, site_url + "search/index.html?q=buryat")
    assert titles(page)[0].startswith(RUTTE)
    assert problems == []


def test_a_topic_filter_narrows_the_results(browser: Browser, site_url: str) -> None:
    page, problems = search(browser, site_url + "search/index.html?q=troops")
    everything = titles(page)
    page.select_option("select[name=topic]", "nato")
    expect(page.locator("#search-status")).not_to_have_text(f"{len(everything)} results")
    narrowed = titles(page)
    assert 0 < len(narrowed) < len(everything) and set(narrowed) <= set(everything)
    assert "topic=nato" in page.url and "q=troops" in page.url
    page.go_back()  # the unfiltered search again
    expect(page.locator("#search-status")).to_have_text(f"{len(everything)} results")
    assert page.input_value("select[name=topic]") == ""
    assert problems == []


def test_a_prefix_finds_the_whole_name(browser: Browser, site_url: str) -> None:
    page, problems = search(browser, site_url + "search/index.html")
    page.fill("#search-q", "")
    page.locator("#search-q").press_sequentially("Rutt", delay=30)
    page.wait_for_url("**/search/index.html?q=Rutt")  # typing keeps the URL current
    expect(page.locator("#search-results h3").first).to_contain_text(RUTTE)
    expect(page.locator("#search-results h3 mark").first).to_have_text("Rutte")
    assert problems == []


def test_the_header_box_on_an_entry_page_leads_to_results(browser: Browser,
                                                          site_url: str) -> None:
    page, problems = open_page(browser)
    page.goto(site_url + "entries/russias-appeal-for-help-to-the-dprk-shows-the-problems"
              "-it-faces-us.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("Buryat")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/index.html?q=Buryat")
    expect(page.locator("#search-results .result").first).to_contain_text("Mark Rutte")
    # Arrows walk the results, Enter opens one.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.result') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/entries/nato-secretary-general-*.html")
    assert problems == []


def test_results_are_text_never_markup(browser: Browser, made_up_site: Path) -> None:
    page, problems = open_page(browser)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto((made_up_site / "search/index.html").as_uri() + "?q=hostile")
    expect(page.locator("#search-results .result")).to_have_count(1)
    assert titles(page) == ["<img src=x onerror=alert(1)>"]
    assert page.locator("#search-results img, #search-results b").count() == 0
    expect(page.locator("#search-results .summary")).to_have_text("hostile <b>markup</b> here")
    assert dialogs == [] and problems == []


@pytest.mark.parametrize(("query", "best"), [
    ("drone attack", "Drone attack on Kyiv"),  # in the title beats three times in a body
    ("drones lancet", "Evening briefing"),  # the rarer word decides
    ("intimidated", "“We will not be intimidated”"),
    ("rutte", "Mark Rutte"),  # the person, whose title is the name
    ("cafe zurich", "Café Zürich talks"),  # accents folded on both sides
    ("бурятія kutielieva", "Café Zürich talks"),
    ('"attack on kyiv"', "Drone attack on Kyiv"),
])
def test_the_obvious_best_result_comes_first(browser: Browser, made_up_site: Path,
                                            query: str, best: str) -> None:
    page, problems = search(browser, (made_up_site / "search/index.html").as_uri()
                            + "?q=" + query)
    assert titles(page)[0].endswith(best), titles(page)
    assert problems == []


def test_quotes_and_people_show_their_kind(browser: Browser, made_up_site: Path) -> None:
    page, _ = search(browser, (made_up_site / "search/index.html").as_uri() + "?q=rutte")
    kickers = page.locator("#search-results .kicker").all_text_contents()
    assert kickers[0] == "Person" and "Quote · Mark Rutte" in kickers
    page.select_option("select[name=kind]", "quote")
    expect(page.locator("#search-results .result")).to_have_count(1)
    assert page.get_attribute("#search-results a", "href") == "../quotes/1.html#q1"


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 made-up articles: many shards of every kind, and postings cut into parts."""
    return build_site_with_search(tmp_path_factory.mktemp("large") / "site", synthetic(3000))


def test_a_large_index_loads_only_what_a_query_needs(browser: Browser, large_site: Path) -> None:
    page, problems = open_page(browser)
    loaded: list[str] = []

    def on_request(request: Request) -> None:
        if "/search/" in request.url and "index.html" not in request.url:
            loaded.append(request.url.split("/search/")[-1])

    page.on("request", on_request)
    # A number only one title has: found whatever shard its word hashed to (JS agrees).
    page.goto((large_site / "search/index.html").as_uri() + "?q=1234")
    expect(page.locator("#search-results .result").first).to_contain_text("Story 1234 ")
    assert len(loaded) <= 5, loaded  # manifest, one prefix, one term, one metadata shard
    # A word every title has: its postings come in parts, all of them read.
    page.fill("#search-q", "story")
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_have_text("3000 results")
    # Filters alone list what they allow, newest first.
    page.goto((large_site / "search/index.html").as_uri() + "?topic=topic-3&source=outlet-2")
    expect(page.locator("#search-status")).to_have_text("86 results")
    first = page.locator("#search-results .kicker").first.text_content() or ""
    assert first.endswith("24 December 2024")  # the latest of those 86
    assert problems == []

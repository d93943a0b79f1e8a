"""From an article, a quote leads to its statement page, and from there to the speaker."""

from pathlib import Path

from playwright.sync_api import Browser


def test_article_to_cluster_to_person(browser: Browser, demo_site: Path) -> None:
    page = browser.new_page()
    article = next((demo_site / "entries").glob("russias-appeal*.html"))
    page.goto(article.as_uri())
    assert page.locator("mark.quote").count() >= 3
    page.locator(".quotes a", has_text="Putin will not prevail in Ukraine").click()
    assert "/quotes/c-" in page.url
    assert page.locator(".variant").count() >= 2  # the statement as two outlets carried it
    assert page.locator(".variant", has_text="Putin will not win in Ukraine").count() == 1
    page.locator("h1 a", has_text="Lloyd Austin").click()
    assert page.url.endswith("/people/lloyd-austin.html")
    assert page.locator("h1").inner_text() == "Lloyd Austin"
    assert page.locator(".variant").count() >= 5
    # And back from a quote on the person's page to its statement page.
    page.locator(".variant a", has_text="I am increasingly concerned").first.click()
    assert "/quotes/c-" in page.url

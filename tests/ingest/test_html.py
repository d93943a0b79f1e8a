"""Saved and fetched web pages: the text and metadata trafilatura finds."""

from digest.ingest.html import read_html


def page(h1: str) -> str:
    text = "".join(f"<p>Paragraph {n} of the article, with enough words to be its text.</p>"
                   for n in range(4))
    return (f'<html lang="en"><head><meta property="og:title" content="Bridge closes">'
            f"</head><body><article><h1>{h1}</h1>{text}</article></body></html>")


def test_a_first_heading_that_repeats_the_title_is_not_shown_twice() -> None:
    body, meta, _ = read_html(page("Bridge  CLOSES"))
    assert meta["title"] == "Bridge closes"
    assert body.startswith("Paragraph 0 of the article")


def test_a_first_heading_that_says_something_else_stays() -> None:
    body, _, _ = read_html(page("Live: what we know"))
    assert body.startswith("# Live: what we know\n")

from digest.extract.markdown import excerpt, new_renderer, render_body


def test_raw_html_and_script_are_escaped_not_rendered() -> None:
    body = render_body('Hello <script>alert(1)</script> <img src=x onerror="x()">', new_renderer())
    assert "<script>" not in body.html and "&lt;script&gt;" in body.html
    assert "<img" not in body.html


def test_javascript_links_are_not_links() -> None:
    body = render_body("[click](javascript:alert(1))", new_renderer())
    assert 'href="javascript' not in body.html


def test_text_and_excerpt_skip_subheadings() -> None:
    body = render_body("## Background\n\nNorth Korea has sent about ten thousand soldiers "
                       "for training in eastern Russia, the minister said.", new_renderer())
    assert body.text.startswith("Background\n\nNorth Korea")
    assert body.excerpt.startswith("North Korea")


def test_excerpt_cuts_at_a_word() -> None:
    text = excerpt(["word " * 100], limit=50)
    assert text.endswith("…") and len(text) <= 51 and "wor…" not in text

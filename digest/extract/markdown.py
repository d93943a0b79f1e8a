"""Markdown bodies to safe HTML and plain text."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

EXCERPT_CHARS = 280
_TEXT = frozenset({"text", "code_inline"})
_BREAKS = frozenset({"softbreak", "hardbreak"})


@dataclass(frozen=True)
class RenderedBody:
    html: str
    paragraphs: tuple[str, ...]  # plain text of each block (paragraph, heading, list item)
    text: str
    excerpt: str


def new_renderer() -> MarkdownIt:
    # "js-default" leaves raw HTML off: article text is untrusted web copy, and
    # markdown-it-py's own default preset would pass <script> through.
    return MarkdownIt("js-default")


def entry_link_target(href: str) -> str | None:
    """A link to another entry's file (`../2024/10/other.md#p3`) as a link to its page
    (`other.html#p3`): entry pages all live in one folder, named by slug, and an
    entry's slug is its file name unless it sets another (`digest check` says so)."""
    if "://" in href or href.startswith(("/", "#", "mailto:")):
        return None
    path, _, fragment = href.partition("#")
    if not path.endswith(".md"):
        return None
    stem = path.rsplit("/", 1)[-1][: -len(".md")]
    return f"{stem}.html" + (f"#{fragment}" if fragment else "")


def render_body(source: str, md: MarkdownIt) -> RenderedBody:
    tokens = md.parse(source)
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                target = entry_link_target(str(child.attrGet("href") or ""))
                if target is not None:
                    child.attrSet("href", target)
    html = md.renderer.render(tokens, md.options, {})
    paragraphs: list[str] = []
    for token in tokens:
        if token.type == "inline":
            words = "".join(
                " " if child.type in _BREAKS else child.content
                for child in token.children or ()
                if child.type in _TEXT or child.type in _BREAKS
            ).strip()
            if words:
                paragraphs.append(words)
    text = "\n\n".join(paragraphs)
    return RenderedBody(html=html, paragraphs=tuple(paragraphs), text=text,
                        excerpt=excerpt(paragraphs))


def excerpt(paragraphs: list[str], limit: int = EXCERPT_CHARS) -> str:
    """The first real paragraph (not a short subheading), cut at a word boundary."""
    first = next((p for p in paragraphs if len(p.split()) > 8), paragraphs[0] if paragraphs else "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return f"{cut}…"

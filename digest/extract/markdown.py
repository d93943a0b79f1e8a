"""Markdown bodies to safe HTML and plain text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from digest.model import Quote

EXCERPT_CHARS = 280
_TEXT = frozenset({"text", "code_inline"})
_BREAKS = frozenset({"softbreak", "hardbreak"})


@dataclass(frozen=True)
class RenderedBody:
    html: str
    paragraphs: tuple[str, ...]  # plain text of each block (paragraph, heading, list item)
    text: str
    excerpt: str
    quotes: tuple[Quote, ...] = ()


# Given an entry's plain paragraphs, the quotes in them (digest.extract.quotes).
QuoteFinder = Callable[[tuple[str, ...]], Sequence[Quote]]


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


def render_body(source: str, md: MarkdownIt, quotes: QuoteFinder | None = None) -> RenderedBody:
    """Markdown -> HTML and plain paragraphs. Each block gets an anchor (`id="p3"`), and
    with `quotes`, the quotes it finds in the paragraphs are marked (`<mark id="q2">`)."""
    tokens = md.parse(source)
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                target = entry_link_target(str(child.attrGet("href") or ""))
                if target is not None:
                    child.attrSet("href", target)
    paragraphs: list[str] = []
    blocks: list[tuple[Token, Token]] = []  # (block's opening token, its inline token)
    for i, token in enumerate(tokens):
        if token.type == "inline":
            words = "".join(
                " " if child.type in _BREAKS else child.content
                for child in token.children or ()
                if child.type in _TEXT or child.type in _BREAKS
            ).strip()
            if words:
                paragraphs.append(words)
                # A tight list's paragraphs are hidden (not rendered): the anchor goes
                # on the list item that holds them.
                j = i - 1
                while j > 0 and tokens[j].hidden:
                    j -= 1
                blocks.append((tokens[j], token))
    found = quotes(tuple(paragraphs)) if quotes else ()
    for n, (opening, _) in enumerate(blocks):
        opening.attrSet("id", f"p{n}")
    for number, quote in enumerate(found, start=1):
        if quote.kind != "indirect":
            _mark(blocks[quote.paragraph][1], quote.start, quote.end, number)
    html = md.renderer.render(tokens, md.options, {})
    text = "\n\n".join(paragraphs)
    return RenderedBody(html=html, paragraphs=tuple(paragraphs), text=text,
                        excerpt=excerpt(paragraphs), quotes=tuple(found))


def _mark(inline: Token, start: int, end: int, number: int) -> None:
    """Wrap characters start..end of a block's plain text in a mark, when the block is
    plain text (no emphasis or links), which ingested articles are; else leave it."""
    children = inline.children or []
    if not children or any(c.type not in _TEXT and c.type not in _BREAKS for c in children):
        return
    if any(c.type == "code_inline" for c in children):
        return
    plain = "".join(" " if c.type in _BREAKS else c.content for c in children)
    lead = len(plain) - len(plain.lstrip())
    start, end = start + lead, end + lead
    text = plain  # breaks become spaces: offsets in the plain text are offsets here
    before, inside, after = text[:start], text[start:end], text[end:]
    pieces = []
    for content, kind in ((before, "text"), (f'<mark class="quote" id="q{number}">', "html"),
                          (inside, "text"), ("</mark>", "html"), (after, "text")):
        if kind == "text" and content:
            piece = Token("text", "", 0)
            piece.content = content
        elif kind == "html":
            # Our own markup, made here: article text stays in text tokens, escaped.
            piece = Token("html_inline", "", 0)
            piece.content = content
        else:
            continue
        pieces.append(piece)
    inline.children = pieces


def excerpt(paragraphs: list[str], limit: int = EXCERPT_CHARS) -> str:
    """The first real paragraph (not a short subheading), cut at a word boundary."""
    first = next((p for p in paragraphs if len(p.split()) > 8), paragraphs[0] if paragraphs else "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return f"{cut}…"

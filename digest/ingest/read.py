"""Find raw articles and read each into a RawArticle, by kind of file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from digest import frontmatter
from digest.content import parse_date_value
from digest.errors import DigestError
from digest.ingest.article import RawArticle
from digest.ingest.html import read_html
from digest.ingest.text import extract_article
from digest.textio import decode_any

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RAW_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def is_ignored(path: Path) -> bool:
    """Hidden files and editor leftovers (swap, backup, lock files) are never articles."""
    name = path.name
    return (name.startswith((".", "~", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
            or name.startswith(".#"))


def find_raw_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(articles to read, files passed over because of their kind), each sorted."""
    found: set[Path] = set()
    passed: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise DigestError("no such file or folder", path)
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            relative = candidate.relative_to(path) if path.is_dir() else Path(candidate.name)
            if any(part.startswith(".") for part in relative.parts) or is_ignored(candidate):
                continue
            if candidate.suffix.lower() in RAW_SUFFIXES:
                found.add(candidate)
            elif candidate.suffix.lower() not in (".yaml", ".yml"):  # sidecars
                passed.add(candidate)
    return sorted(found), sorted(passed)


def read_raw(path: Path, data: bytes, boilerplate: Sequence[re.Pattern[str]]) -> RawArticle:
    decoded = decode_any(data, path)
    article = _read(path, decoded.text, hashlib.sha256(data).hexdigest()[:16], boilerplate)
    if decoded.legacy is None:
        return article
    return replace(article, encoding=decoded.legacy, encoding_rivals=decoded.rivals)


def _read(path: Path, text: str, digest: str, boilerplate: Sequence[re.Pattern[str]],
          ) -> RawArticle:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        body, meta, day = read_html(text)
        if not body.strip():
            raise DigestError("no article text found in this web page", path,
                              hint="save the article page itself, or copy its text into a .txt")
        title = meta.pop("title", None)
        return RawArticle(path, digest, body, title=title, date=day,
                          author=meta.pop("author", None), meta=meta)
    if suffix in MARKDOWN_SUFFIXES:
        doc = frontmatter.split(text, path)
        if doc.has_front_matter:
            return _from_markdown(path, digest, doc, text)
    article = extract_article(text, boilerplate)
    if not article.paragraphs and not article.title:
        raise DigestError("the file has no text", path, hint="delete it or paste the article in")
    return RawArticle(
        path, digest, "\n\n".join(article.paragraphs), title=article.title,
        title_guessed=article.title_guessed, date=article.date, author=article.author,
    )


def _from_markdown(path: Path, digest: str, doc: frontmatter.Document, text: str) -> RawArticle:
    """A Markdown article that already has front-matter: take it as written."""
    meta = dict(doc.meta)
    body = doc.body.strip()
    title = meta.pop("title", None)
    guessed = False
    if not isinstance(title, str) or not title.strip():
        heading = _HEADING.search(body)
        title = heading.group(1) if heading else None
        guessed = title is not None
    day = parse_date_value(meta.pop("date", None), path, frontmatter.key_line(text, "date", 1))
    author = meta.pop("author", None)
    return RawArticle(path, digest, body, title=title, title_guessed=guessed, date=day,
                      author=str(author) if author else None, meta=meta)

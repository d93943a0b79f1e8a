"""Turn the decoded text of an article copied from the web into a structured article.

Web copy keeps one paragraph per line and loses all markup, so headline,
byline, date line and boilerplate are told apart by position and shape.
Everything here is pure: no files, no clock. A date the text does not name is
left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.ingest.author import parse_byline
from digest.ingest.boilerplate import DEFAULT_BOILERPLATE, is_boilerplate
from digest.ingest.dates import DateLine, pick_date, read_date_line, split_prefix
from digest.ingest.headline import is_headline, is_subheading, title_from_first_line
from digest.model import EntryDate

# Outlets print date and byline next to the headline; further down, a line
# with a date is part of the story.
HEADER_LINES = 8
# The headline may follow a lede paragraph or two, never more.
HEADLINE_WINDOW = 3

_BULLET = re.compile(r"^[•●▪◦‣·*+-]\s+(?=\S)")
# Besides whitespace, a BOM and zero-width characters surround copied lines.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
# "&" only when it would start a character reference ("&amp;", "&#8212;").
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<~]|&(?=#?\w+;)")
# Starts that would make a block of their own: heading, quote, list, rule, table.
_BLOCK_START = re.compile(r"^(?:(?P<number>\d{1,9})(?=[.)](?:\s|$))|[#>+=|-])")


@dataclass(frozen=True)
class TextArticle:
    title: str | None
    title_guessed: bool  # no headline line: the title is the first sentence, to review
    date: EntryDate | None
    author: str | None
    paragraphs: tuple[str, ...]  # Markdown blocks


def extract_article(
    text: str, boilerplate: Sequence[re.Pattern[str]] = DEFAULT_BOILERPLATE
) -> TextArticle:
    """Headline, date, author and Markdown body of raw article text; never raises."""
    prefix, rest = split_prefix(text)
    lines = [
        line
        for raw in rest.splitlines()
        if (line := _strip(raw)) and not is_boilerplate(line, boilerplate)
    ]
    lines, date, author = _take_header(lines, prefix)
    lines = _join_broken_lines(lines)
    title: str | None = None
    guessed = False
    headline = _headline_index(lines)
    if headline is not None:
        title = lines.pop(headline)
    elif lines:
        title = title_from_first_line(_BULLET.sub("", lines[0])) or None
        guessed = title is not None
    return TextArticle(title, guessed, date, author, _markdown_blocks(lines))


def _strip(line: str) -> str:
    while (stripped := line.strip().strip(_INVISIBLE)) != line:
        line = stripped
    return line


def _take_header(
    lines: list[str], prefix: EntryDate | None
) -> tuple[list[str], EntryDate | None, str | None]:
    """Remove date lines (header only) and bylines; return the rest, the date, the author."""
    date_lines: list[DateLine] = []
    author: str | None = None
    body: list[str] = []
    for index, line in enumerate(lines):
        date_line = read_date_line(line) if index < HEADER_LINES else None
        if date_line is not None:
            date_lines.append(date_line)
            author = author or date_line.author
            continue
        # A line that is nothing but a byline is unambiguous wherever it stands.
        byline = parse_byline(line) if author is None else None
        if byline is not None:
            author = byline
            continue
        body.append(line)
    return body, pick_date(prefix, date_lines), author


def _join_broken_lines(lines: list[str]) -> list[str]:
    """A header line that ends in a semicolon goes on in the next one: newspapers' headline
    and deck ("Jobs report gives Democrats a lift;" / "Solid upturn...") are one title."""
    joined: list[str] = []
    for index, line in enumerate(lines):
        if joined and index <= HEADLINE_WINDOW and joined[-1].endswith(";"):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _headline_index(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:HEADLINE_WINDOW]):
        if not _BULLET.match(line) and is_headline(line, marked=index == 0):
            return index
    return None


def _markdown_blocks(lines: list[str]) -> tuple[str, ...]:
    units: list[str | list[str]] = []
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet is None:
            units.append(line)
        elif units and isinstance(units[-1], list):
            units[-1].append(line[bullet.end() :])
        else:
            units.append([line[bullet.end() :]])
    blocks: list[str] = []
    # Walk backwards to know what follows: a heading with no text under it is
    # a leftover caption or signature, not a section.
    text_follows = False
    for unit in reversed(units):
        if isinstance(unit, list):
            blocks.append("\n".join(f"- {escape_markdown(item)}" for item in unit))
            text_follows = True
        elif text_follows and is_subheading(unit):
            blocks.append(f"## {escape_markdown(unit)}")
            text_follows = False
        else:
            blocks.append(escape_markdown(unit))
            text_follows = True
    return tuple(reversed(blocks))


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so the text renders as written."""
    escaped = _INLINE_SPECIAL.sub(lambda match: "\\" + match.group(), text)
    return _BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    # "1." must become "1\." : a backslash before the digits escapes nothing.
    number = match.group("number")
    return f"{number}\\" if number else "\\" + match.group()

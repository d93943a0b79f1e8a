"""Turn the decoded text of an article copied from the web into a structured article.

Web copy keeps one paragraph per line and loses all markup, so headline,
byline, date line and boilerplate are told apart by position and shape. Hard-wrapped
plain text is first read back into one line a paragraph (digest.ingest.unwrap).
Everything here is pure: no files, no clock. A date the text does not name is
left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.ingest.author import author_names, parse_byline
from digest.ingest.boilerplate import DEFAULT_BOILERPLATE, is_boilerplate
from digest.ingest.dates import pick_date, read_date_line, split_prefix
from digest.ingest.headline import (
    is_headline,
    is_subheading,
    sentence_ends,
    title_from_first_line,
)
from digest.ingest.unwrap import BULLET as _BULLET
from digest.ingest.unwrap import logical_lines, strip_line
from digest.model import EntryDate

# Outlets print date and byline next to the headline; further down, a line
# with a date is part of the story. A page copied whole puts menus, share buttons and
# appeals above the article: the header then runs on to the first paragraph of prose.
HEADER_LINES = 8
HEADER_LINES_MAX = 25
_PROSE_WORDS = 20
# The headline may follow a lede paragraph or two, never more.
HEADLINE_WINDOW = 3
# Words in the shortest headline, where only a headline can stand.
_SHORT_HEADLINE = 2

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
    # Boilerplate goes line by line before paragraphs are joined: a dropped line is a
    # break, never glued to the text around it.
    lines = logical_lines(
        ["" if (line := strip_line(raw)) and is_boilerplate(line, boilerplate) else raw
         for raw in rest.splitlines()],
        HEADER_LINES_MAX,
    )
    lines, date, author, anchor = _take_header(_join_broken_lines(lines), prefix)
    title: str | None = None
    guessed = False
    headline = _headline_above(lines, anchor)
    if headline is None:
        headline = _headline_index(lines)
    if headline is None and anchor == 1 and is_headline(lines[0], marked=True,
                                                        shortest=_SHORT_HEADLINE):
        # The first line of all, just above the date line, is the headline even when
        # short ("BAHIA COCOA REVIEW"), unless a longer one follows (a section label
        # stands there too: "LETTRE DE SYNTHESE").
        headline = 0
    if headline is not None:
        headline = _without_page_title(lines, headline)
        title = lines.pop(headline)
    elif lines:
        # A line of stops alone ("...") leaves no sentence: then the line is the title, so
        # that the entry has one and is marked for review, rather than not load at all.
        first = _BULLET.sub("", lines[0])
        title, guessed = title_from_first_line(first) or first, True
    return TextArticle(title, guessed, date, author, _markdown_blocks(lines))


def _take_header(
    lines: list[str], prefix: EntryDate | None
) -> tuple[list[str], EntryDate | None, str | None, int | None]:
    """Remove date lines (header only) and bylines; return the rest, the date, the author,
    and where in the rest the first of them stood (the headline is printed just above)."""
    header = _header_length(lines)
    dated = [read_date_line(line) for line in lines[:header]]
    if dated and dated[0] is not None and dated[0].may_be_headline:
        dated[0] = None  # "City Council Roundup Jan 8 2024" atop the page is its headline
    date_lines = [line for line in dated if line is not None]
    author: str | None = None
    anchor: int | None = None
    body: list[str] = []
    for index, line in enumerate(lines):
        date_line = dated[index] if index < header else None
        byline = None
        if author is None and date_line is None:
            # A line that is nothing but a byline is unambiguous wherever it stands; one
            # of bare names ("Arpan Rai, Tom Watling") only beside the date line and below
            # some line that can be the headline: a first line is the headline, however
            # much it looks like names ("BAHIA COCOA REVIEW", "SENATE VOTES, HOUSE WAITS").
            beside = any(0 <= near < header and dated[near] for near in (index - 1, index + 1))
            byline = parse_byline(line) or (author_names(line) if beside and body else None)
        if date_line is not None or byline is not None:
            author = author or byline or (date_line.author if date_line else None)
            anchor = len(body) if anchor is None and index < header else anchor
            continue
        body.append(line)
    return body, pick_date(prefix, date_lines), author, anchor


def _header_length(lines: list[str]) -> int:
    """How many lines the header has: the first few (headline, deck, caption, byline,
    whatever they look like), then on past furniture (menus, share buttons, appeals)
    until a sentence of the story."""
    for index in range(HEADER_LINES, min(len(lines), HEADER_LINES_MAX)):
        if _is_prose(lines[index - 1]):
            return index
    return min(len(lines), HEADER_LINES_MAX)


def _is_prose(line: str) -> bool:
    """A sentence of the story, not page furniture: it ends with a full stop, or is long
    and holds one."""
    return (line.rstrip("\"”’'»)]").endswith(".")
            or (len(line.split()) >= _PROSE_WORDS and bool(sentence_ends(line))))


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


def _headline_above(lines: list[str], anchor: int | None) -> int | None:
    """The headline-shaped line nearest above the byline or date line, within three lines:
    where outlets print it, below whatever menus a copied page starts with."""
    if anchor is None:
        return None
    for index in range(anchor - 1, max(anchor - 1 - HEADLINE_WINDOW, -1), -1):
        if not _BULLET.match(lines[index]) and is_headline(lines[index], marked=True):
            # A headline-shaped line just above is the headline, this one its deck.
            above = index - 1
            return above if above >= 0 and is_headline(lines[above]) else index
    return None


def _without_page_title(lines: list[str], index: int) -> int:
    """A page's title with its site name ("... news | CNN Politics") or a breadcrumb
    ("Home News of the day Talks resume") often stands just above the headline itself:
    then the headline is the shorter line that the first begins or ends with."""
    line = lines[index]
    for later in range(index + 1, min(index + 3, len(lines))):
        candidate = lines[later]
        if (candidate != line and (line.startswith(candidate) or line.endswith(candidate))
                and is_headline(candidate, marked=True)):
            return later
    return index


def _headline_index(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:HEADLINE_WINDOW]):
        # Only a site's name or section ("albanianews365 politike") may stand above a
        # headline that ends like a sentence.
        top = all(len(above.split()) < 4 for above in lines[:index])
        if not _BULLET.match(line) and is_headline(line, marked=top):
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

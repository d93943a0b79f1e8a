"""Recognise author names in bylines ("By Jane Doe", "Author: Jane Doe") and beside dates."""

from __future__ import annotations

import re

# Capitalised words that open bylines, captions, navigation and headlines: a
# run of them ("About The Author", "All Sections", "Summit Set For") must not
# pass for a person's name.
_NOT_NAME = frozenset(
    {
        "a", "about", "after", "all", "an", "and", "article", "as", "at", "author", "authors",
        "before", "breaking", "by", "comments", "contact", "daily", "editor", "editorial",
        "for", "from", "home", "in", "latest", "live", "menu", "more", "news", "of", "on",
        "opinion", "photo", "posted", "published", "read", "related", "reporter", "search",
        "sections", "see", "share", "source", "staff", "the", "to", "today", "top", "update",
        "updated", "video", "with", "world",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)

# Lower-case particles that sit inside names: "Ursula von der Leyen".
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
)

# A word of letters with inner apostrophes, hyphens or dots ("O'Brien",
# "Yong-hyun", "J.R."), or an initial ("J.").
_NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ.-]*[^\W\d_])?\.?")

_BYLINE = re.compile(
    r"^(?:(?:written|reported|text|words|story)\s+)?by\s*:?\s+(?P<name>.+)$"
    r"|^(?:authors?|writer|reporter|text|words)\s*:\s*(?P<label_name>.+)$",
    re.IGNORECASE,
)
_NAME_JOINS = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


def is_capitalised_word(word: str) -> bool:
    return (
        _NAME_WORD.fullmatch(word) is not None
        and word[0].isupper()
        and word.lower().rstrip(".") not in _NOT_NAME
    )


def is_name(text: str) -> bool:
    """True for 2-4 capitalised words (particles aside) that are not caption or menu words."""
    words = text.split()
    capitalised = [w for w in words if w not in _PARTICLES]
    if not 2 <= len(capitalised) <= 4 or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    return all(is_capitalised_word(word) for word in capitalised)


def author_names(text: str) -> str | None:
    """One name or several joined by "and"/","/"&", normalised; None if any part is no name."""
    parts = _NAME_JOINS.split(text.strip())
    if not all(is_name(part) for part in parts):
        return None
    return " ".join(text.split())


def parse_byline(line: str) -> str | None:
    """The author of a line that is nothing but a byline ("By Jane Doe", "Author: Jane Doe")."""
    match = _BYLINE.match(line)
    if match is None:
        return None
    return author_names(match.group("name") or match.group("label_name"))

"""Tell headlines and subheadings from body text, and make a title from a first sentence.

Web copy loses all markup, so a headline is recognised by shape alone: a
short standalone line that does not end like a sentence.
"""

from __future__ import annotations

import re

TITLE_LIMIT = 140

# Words whose trailing dot is no full stop: "Mr. Smith", "Gen. Syrskyi".
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "prof", "jr",
        "sr", "vs", "etc", "no", "gov", "sen", "rep", "inc", "ltd", "co", "corp", "approx", "fig",
        "e.g", "i.e",
    }
)
# Anchored at the start of a word so that scanning stays linear on long tokens.
_SENTENCE_END = re.compile(r"(?<!\S)(?P<word>\S*?)(?P<stop>[.!?…]+)[\"”’»)\]]*(?=\s+[\"“‘«(\[]?\w)")
_CLOSERS = "\"”’'»)]"
_TRAILING_JOINERS = " ,;:–—-"
_ELLIPSIS = "…"


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence end that is followed by more text."""
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        word = match.group("word").lstrip("\"“‘«([").lower()
        abbreviated = match.group("stop") == "." and (
            word in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha())
        )
        if not abbreviated:
            ends.append(match.end())
    return ends


def is_headline(line: str) -> bool:
    """A short line, not lower-case at the start, one clause, without a final full stop."""
    core = line.rstrip(_CLOSERS)
    return (
        4 <= len(line.split()) <= 25
        and len(line) <= 200
        and bool(core)
        and core[-1].isalnum()
        and not line[0].islower()
        and not sentence_ends(line)
    )


def is_subheading(line: str) -> bool:
    """A body line short and unpunctuated enough to be a section heading."""
    return (
        len(line.split()) <= 15
        and len(line) <= 120
        and line[-1].isalnum()
        and any(char.isalpha() for char in line)
        and not line[0].islower()
        and not sentence_ends(line)
    )


def title_from_sentence(paragraph: str, limit: int = TITLE_LIMIT) -> str:
    """The paragraph's first sentence without its full stop, cut at a word if too long."""
    ends = sentence_ends(paragraph)
    sentence = paragraph[: ends[0]] if ends else paragraph
    sentence = sentence.strip().removesuffix(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    head, space, _ = cut.rpartition(" ")
    # Drop a cut-off last word, unless that throws most of the text away.
    if not sentence[limit - 1].isspace() and space and len(head) >= limit // 2:
        cut = head
    return cut.rstrip(_TRAILING_JOINERS) + _ELLIPSIS

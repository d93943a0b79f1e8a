"""Undo hard wraps: the lines of a raw text as the logical lines its writer meant.

Web copy keeps one paragraph per line, and there a line break always ends a paragraph.
Plain text saved from a wire, a mail or a terminal is hard-wrapped instead: a paragraph
runs over several lines of about the same width, and blank lines (or an indent) separate
paragraphs. The two are told apart by shape, never by where a file came from: a text is
hard-wrapped when most lines that another line follows are nearly as long as the widest
of them, at a width a terminal or typewriter would use, most of those end mid-sentence
(a paragraph a line nearly always ends with its full stop) and many of the lines after
them go on in lower case or with a number (a paragraph, or a heading, starts with a
capital).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise

from digest.ingest.author import parse_byline
from digest.ingest.dates import read_date_line
from digest.ingest.headline import is_navigation

# A list item: starts a line of its own, wrapped or not.
BULLET = re.compile(r"^[•●▪◦‣·*+-]\s+(?=\S)")
# Besides whitespace, a BOM and zero-width characters surround copied lines.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
# Widths hard wraps are made at: a narrow newspaper column copied from a PDF up to a
# line printer's 132 columns. A "width" outside is paragraphs a line of similar lengths.
_WIDTHS = range(30, 133)
# How the width is read: a high quantile of the wrapped lines' lengths, so that a few
# longer lines (a table, an address) do not set it.
_WIDTH_QUANTILE = 0.9
# A line at least this share of the width was broken by the wrap, not by its writer:
# wire copy wraps loosely, a word or two short of the width (57 to 63 of 64 columns).
_FULL = 0.75
# Fewer line breaks than this are no evidence of a wrap width.
_LEAST_BREAKS = 3
# A sentence ends at the line's end: a stop, perhaps inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:…][\"”’'»)\]]*$")
# A word broken at its own hyphen ("long-" / "term") is joined without a space.
_HYPHENATED = re.compile(r"[^\W\d_]-$")


def strip_line(line: str) -> str:
    while (stripped := line.strip().strip(_INVISIBLE)) != line:
        line = stripped
    return line


def logical_lines(raw: Sequence[str], header: int) -> list[str]:
    """The non-blank lines of `raw`, stripped, each wrapped paragraph joined into one line.

    A blank line always ends a paragraph. Where blank lines separate the paragraphs, a
    line continues the one before when that one ends mid-sentence and it starts in lower
    case ("...after a long" / "debate that..."); where single line breaks do, a line in
    lower case is more often a paragraph with a typo, after a heading. In a hard-wrapped
    text a line also continues one that is full to the width unless it is indented deeper.
    A list item, a byline or a date line (within the first `header` lines, where date
    lines are read) is never a continuation.
    """
    width = wrap_width(raw)
    stripped = [strip_line(line) for line in raw]
    by_blanks = width is not None or _blank_separated(stripped)
    lines: list[str] = []
    for index, text in enumerate(stripped):
        if not text:
            continue
        if index and stripped[index - 1] and _continues(
            raw[index - 1], raw[index], width, by_blanks=by_blanks, dated=len(lines) < header
        ):
            joint = "" if _HYPHENATED.search(lines[-1]) else " "
            lines[-1] = f"{lines[-1]}{joint}{text}"
        else:
            lines.append(text)
    return lines


def wrap_width(raw: Sequence[str]) -> int | None:
    """The width the text is hard-wrapped at, or None if its line breaks are its writer's."""
    stripped = [strip_line(line) for line in raw]
    breaks = [(line, after) for line, after in pairwise(stripped) if line and after]
    if len(breaks) < _LEAST_BREAKS:
        return None
    lengths = sorted(len(line) for line, _ in breaks)
    width = lengths[math.ceil(_WIDTH_QUANTILE * len(lengths)) - 1]
    if width not in _WIDTHS:
        return None
    full = [(line, after) for line, after in breaks if len(line) >= _FULL * width]
    mid_sentence = sum(1 for line, _ in full if not _SENTENCE_END.search(line))
    uncapitalised = sum(1 for _, after in full if not after[0].isupper())
    wrapped = (len(full) >= 0.6 * len(breaks) and mid_sentence >= 0.5 * len(full)
               and uncapitalised >= len(full) / 3)
    return width if wrapped else None


def _blank_separated(stripped: Sequence[str]) -> bool:
    """Whether the writer ends paragraphs with a blank line: more sentence-ending lines are
    followed by one (or by the end of the text) than by another line."""
    blank = single = 0
    for line, after in pairwise([*stripped, ""]):
        if line and _SENTENCE_END.search(line):
            blank, single = (blank + 1, single) if not after else (blank, single + 1)
    return blank > single


def _continues(
    previous: str, line: str, width: int | None, *, by_blanks: bool, dated: bool
) -> bool:
    before, text = strip_line(previous), strip_line(line)
    wrapped = (
        # A menu or a run of link texts is no prose to wrap.
        by_blanks and text[0].islower() and not _SENTENCE_END.search(before)
        and not is_navigation(before)
    ) or (
        width is not None and len(before) >= _FULL * width and _indent(line) <= _indent(previous)
    )
    # A list item or a byline stands on its own wherever it is printed, a date line in
    # the header (further down, reading one is slow and pointless).
    return (wrapped and not BULLET.match(text) and parse_byline(text) is None
            and not (dated and read_date_line(text) is not None))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())

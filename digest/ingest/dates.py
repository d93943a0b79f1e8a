"""Publication dates: the clipper's "date YYYY-MM-DD" prefix and date lines in a header.

A date is only taken from where outlets print the publication date: the
prefix, or a header line that holds nothing but dates, labels ("Published:"),
a byline and separators. Dates inside sentences are events, not publication
dates, so a line with any other words is never read as a date line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from digest.ingest.author import author_names, is_capitalised_word
from digest.ingest.datewords import (
    LABEL_WORDS,
    MONTHS,
    PUBLISHED_WORDS,
    UPDATED_WORDS,
    WEEKDAYS,
)
from digest.model import EntryDate
from digest.trie import one_of

_MONTH = rf"(?P<mon>(?i:{one_of(MONTHS)}))(?![^\W\d_])\.?"
# No word boundary before the weekday: copied bylines glue it to the author's name
# ("Iryna KutielievaThursday, 31 October 2024").
_WEEKDAY = rf"(?:(?i:{one_of(WEEKDAYS)})\.?,?\s*)?"
_ZONE = r"Z\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?(?!\d)"
# Zone abbreviations other than UTC/GMT are consumed but ignored: "EST" or
# "CET" are ambiguous, and a naive time is better than an invented offset.
_ANY_ZONE = rf"(?:{_ZONE}|[A-Z]{{2,5}}\b)"
_AMPM = r"(?i:[ap]\.?m\.?)(?![^\W\d_])"
# "16:12", "4.12 p.m.", "00h42min", "19:22 Uhr", "19.50h".
_CLOCK = r"(?P<{h}>\d{{1,2}})(?:[:.]|\s?[hH]\s?)(?P<{m}>\d{{2}})(?:min\b)?"
_LEAD_TIME = (
    r"(?:(?<![\d:])" + _CLOCK.format(h="lH", m="lM")
    + rf"(?:\s*(?P<lap>{_AMPM}))?(?:\s*(?P<ltz>{_ANY_ZONE}))?\s*[,|·•–—-]?\s*)?"
)
_TIME = (
    r"(?:\s*[,|·•–—/-]?\s*(?i:(?:at|à|a\s+las|alle|às|um|o|в|о|ore)\s+)?"
    + _CLOCK.format(h="H", m="M") + r"(?::(?P<S>\d{2})(?:\.\d+)?)?"
    + rf"(?:\s*(?P<ap>{_AMPM}))?(?:\s*(?i:uhr|h)\b)?(?:\s*(?P<tz>{_ANY_ZONE}))?"
    r"(?![\d:]))?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_OF = r"(?:(?:of|de|del)\s+)?"  # "23rd of October", "4 de mayo de 2012"
_PATTERNS = tuple(
    re.compile(source)
    for source in (
        r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:(?:T|\s*[,|·•–—-]?\s*)(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
        rf"(?:\s*(?P<tz>{_ZONE}))?)?(?![\d:])",
        _LEAD_TIME + _WEEKDAY + rf"(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}\.?\s+{_OF}{_MONTH}"
        rf",?\s+{_OF}(?P<y>\d{{4}})(?!\d)" + _TIME,
        _LEAD_TIME + _WEEKDAY + _MONTH + rf"\s*(?P<d>\d{{1,2}}){_ORDINAL}(?!\d),?\s+"
        r"(?P<y>\d{4})(?!\d)" + _TIME,
        _LEAD_TIME + _WEEKDAY + r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"
        + _TIME,
        # "10/25/2024" or "25/10/2024": read only when one number cannot be a month.
        _LEAD_TIME + _WEEKDAY + r"(?<![\d/])(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<y>\d{4})(?!\d)"
        + _TIME,
    )
)
# Capitalised words run into the date with nothing between but a space: a byline sets
# a name apart ("By Jane Doe | ...", "Jane Doe, 23.10.2024") or loses the space to the
# copy ("Iryna KutielievaThursday"), a headline need not ("City Council Roundup Jan 8 2024").
_RUN_INTO_DATE = re.compile(r"[^\W\d_][^|,;:·•/()\[\]–—-]*[^\W\d_]\s+")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# The longest a date line gets, with two dates, labels and a byline of several names.
_DATE_LINE_LIMIT = 200
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_UTC_NAMES = frozenset({"Z", "UTC", "GMT"})
# The clipper's prefix; some pages give it only the month ("date 2023-12"): no day to
# take, but the prefix still goes.
_PREFIX = re.compile(
    r"\A\s*date\s+(?P<iso>\d{4}(?:-\d{2}(?:-\d{2}(?:T[\d:.Z+-]+)?)?)?)(?!\S)[ \t]*"
)

_PUBLISHED = re.compile(rf"(?<!\w)(?:{one_of(PUBLISHED_WORDS)})(?!\w)", re.IGNORECASE)
_UPDATED = re.compile(rf"(?<!\w)(?:{one_of(UPDATED_WORDS)}|mis\s+à\s+jour)(?!\w)",
                      re.IGNORECASE)
# Page furniture beside a date: counters and reading times ("162 Comments", "876",
# "1 Min Read", "2 years ago").
_FURNITURE = re.compile(
    r"(?=.)(?:\d[\d,.]*\s*)?(?:(?:comments?|views?|shares?|likes?|reads?|min(?:ute)?s?\s+read"
    r"|(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)\b)?",
    re.IGNORECASE,
)
# Hyphens only separate when spaced: names keep theirs ("Kim Yong-hyun").
_SEPARATOR = re.compile(r"[|,;:·•/()\[\]–—]|(?<!\S)-|-(?!\S)")
_PUBLISHED_RANK, _PLAIN_RANK, _UPDATED_RANK = 0, 1, 2


@dataclass(frozen=True)
class DateLine:
    """A header line read as a date line: its best date, how it was labelled, a byline."""

    date: EntryDate
    rank: int
    author: str | None
    # The line opens with capitalised words run into the date: at the top of an article,
    # that is its headline rather than a byline.
    may_be_headline: bool = False


# Jekyll's `2016-11-07-title.txt` and archive exports' `outlet_2016-11-07_title.txt`: an ISO
# day standing alone between the name's separators.
_NAME_DATE = re.compile(r"(?<![^\W_])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![^\W_])")


def date_from_name(name: str) -> EntryDate | None:
    """The day a file's name carries (`2016-11-07-title.txt`), or None.

    Only a fallback for a text that names no date: a name records when a file was
    saved or exported as often as when the article appeared, so it is marked for review.
    """
    match = _NAME_DATE.search(name)
    return _entry(match) if match is not None else None


def parse_date(text: str) -> EntryDate | None:
    """One date in any supported form, the whole text and nothing else; None if not a date."""
    stripped = text.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(stripped)
        if match is not None and (found := _entry(match)) is not None:
            return found
    return None


def split_prefix(text: str) -> tuple[EntryDate | None, str]:
    """The clipper's "date YYYY-MM-DD" prefix (if any) and the text without it; a prefix
    without a day ("date 2023-12") gives no date."""
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    return parse_date(match.group("iso")), text[match.end() :]


def read_date_line(line: str) -> DateLine | None:
    """The line's date if it is nothing but dates, labels, separators and a byline."""
    if len(line) > _DATE_LINE_LIMIT:  # a paragraph: not worth the patterns' time
        return None
    found = _find_dates(line)
    if not found:
        return None
    cuts = [0, *(edge for start, end, _ in found for edge in (start, end)), len(line)]
    pieces = [line[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]
    names: list[str] = []
    places = 0
    for segment in _leftover_segments(pieces):
        if _FURNITURE.fullmatch(segment):
            continue
        if (name := author_names(segment)) is not None:
            names.append(name)
        elif places == 0 and is_capitalised_word(segment):
            places += 1  # a dateline's city or outlet: "Kyiv, 23 October 2024"
        else:
            return None
    ranked = [(_rank(pieces[i]), i, entry) for i, (_, _, entry) in enumerate(found)]
    rank, _, best = min(ranked, key=lambda item: item[:2])
    lead = pieces[0].split()
    headline_like = bool(names) and bool(lead) and lead[0].lower() not in LABEL_WORDS and bool(
        _RUN_INTO_DATE.fullmatch(pieces[0]))
    return DateLine(best, rank, ", ".join(names) or None, headline_like)


def pick_date(prefix: EntryDate | None, lines: list[DateLine]) -> EntryDate | None:
    """Published beats unlabelled beats updated; the prefix wins unless a line adds the time."""
    best = min(lines, key=lambda line: line.rank, default=None)
    if best is None:
        return prefix
    if prefix is None or (prefix.day == best.date.day and best.date.moment is not None):
        return best.date
    # The prefix is explicit metadata; a disagreeing header line is a heuristic.
    return prefix


def _find_dates(line: str) -> list[tuple[int, int, EntryDate]]:
    if not _YEAR.search(line):  # every form has one; most lines of a story have none
        return []
    candidates = [
        (match.start(), match.end(), entry)
        for pattern in _PATTERNS
        for match in pattern.finditer(line)
        if (entry := _entry(match)) is not None
    ]
    candidates.sort(key=lambda item: (item[0], item[0] - item[1]))
    chosen: list[tuple[int, int, EntryDate]] = []
    for candidate in candidates:
        if not chosen or candidate[0] >= chosen[-1][1]:
            chosen.append(candidate)
    return chosen


def _leftover_segments(pieces: list[str]) -> list[str]:
    segments: list[str] = []
    for piece in pieces:
        for part in _SEPARATOR.split(piece):
            words = part.strip().rstrip(".").split()
            while words and words[0].lower() in LABEL_WORDS:
                words.pop(0)
            while words and words[-1].lower() in LABEL_WORDS:
                words.pop()
            if words:
                segments.append(" ".join(words))
    return segments


def _rank(label_text: str) -> int:
    # The label nearest the date is the one that names it.
    published = max((m.start() for m in _PUBLISHED.finditer(label_text)), default=-1)
    updated = max((m.start() for m in _UPDATED.finditer(label_text)), default=-1)
    if published == updated:
        return _PLAIN_RANK
    return _PUBLISHED_RANK if published > updated else _UPDATED_RANK


def _entry(match: re.Match[str]) -> EntryDate | None:
    groups = match.groupdict()
    try:
        if groups.get("sa"):
            day_number, month = _day_month(int(groups["sa"]), int(groups["sb"]))
        else:
            day_number = int(groups["d"])
            month = int(groups["m"]) if groups.get("m") else MONTHS[
                groups["mon"].casefold().rstrip(".")]
        day = date(int(groups["y"]), month, day_number)
        if groups.get("H"):
            hour, minute, ampm = groups["H"], groups["M"], groups.get("ap")
        elif groups.get("lH"):
            hour, minute, ampm = groups["lH"], groups["lM"], groups.get("lap")
        else:
            return EntryDate(day)
        moment = datetime(
            day.year, day.month, day.day, _hour(int(hour), ampm), int(minute),
            int(groups.get("S") or 0), tzinfo=_zone(groups.get("tz") or groups.get("ltz")),
        )
    except ValueError:
        return None
    return EntryDate(day, moment)


def _day_month(first: int, second: int) -> tuple[int, int]:
    """(day, month) of "25/10/2024" or "10/25/2024"; ValueError when either could be the
    month: the US writes month first, Europe day first, and a wrong date is worse than none."""
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    if first == second:
        return first, second
    raise ValueError(f"{first}/{second} could be either day/month or month/day")


def _hour(hour: int, ampm: str | None) -> int:
    if ampm is None:
        return hour
    if not 1 <= hour <= 12:
        raise ValueError(f"{hour} is not a 12-hour clock hour")
    return hour % 12 + (12 if ampm.lower().startswith("p") else 0)


def _zone(name: str | None) -> timezone | None:
    if name is None:
        return None
    if name.strip() in _UTC_NAMES:
        return UTC
    offset = _OFFSET.fullmatch(name.strip())
    if offset is None:
        return None
    minutes = int(offset.group("m") or 0)
    if minutes >= 60:
        raise ValueError(f"bad UTC offset {name}")
    delta = timedelta(hours=int(offset.group("h")), minutes=minutes)
    return timezone(-delta if offset.group("sign") == "-" else delta)

"""Which quotes are compared, and the links their comparison finds.

Links are gated first (same speaker, or an unknown one; dates within a window) and then
judged on normalised text (judge.py). Quotes with one text, speaker, kind and dating within
one window are judged as one unit: a formula reprinted daily is compared once per window,
not once per pair of reprints. Candidates come from an inverted index over each unit's
rarest words (prefix filtering); where a word is crowded (more units in its window than
_CROWD) only the nearest in time are met, and a unit is judged against at most _NEAREST
others, those it shares most with. So the work grows with the digest, not with its square,
even when a desk files hundreds of near-identical formulas a week; the price is that a
statement with more than _NEAREST near copies in one window links through some of them.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from digest.link.judge import (
    MIN_COVER,
    MIN_COVER_PHRASE,
    MIN_SHARED,
    MIN_SHARED_ALIGNED,
    Method,
    judge,
)
from digest.link.quotetext import Text


@dataclass(frozen=True)
class QuoteRef:
    """One quote as the linker sees it."""

    id: str  # stable, e.g. f"{entry_slug}-q{n}"
    entry: str
    text: str
    speaker: str | None  # canonical name; None when the article does not say
    kind: str  # direct | partial | indirect
    day: date | None
    source: str | None


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    method: Method  # exact | excerpt | aligned | fuzzy (judge.py)
    score: float  # exact 1.0; excerpt: the share of the longer quote; aligned: the share
    # of the shorter's words in order in the longer; fuzzy: similarity


_CROWD = 32  # units a word meets in a window, at most: the nearest in time
_NEAREST = 16  # units a unit is judged against, at most: those it shares most words with


def _judge(qa: QuoteRef, ta: Text, qb: QuoteRef, tb: Text) -> Link | None:
    judged = judge(ta, tb, known=qa.speaker is not None and qb.speaker is not None,
                   indirect="indirect" in (qa.kind, qb.kind),
                   undated=qa.day is None or qb.day is None)
    return Link(qa.id, qb.id, judged[0], judged[1]) if judged else None


@dataclass(frozen=True)
class _Unit:
    """Quotes with one text, speaker, kind and dating, and days within one window: what
    candidate search and judging see. A formula an outlet repeats daily ("the General
    Staff reported...") is judged once per window, not once per pair of its quotes."""

    speaker: str | None
    text: Text
    lo: int | None  # first and last day (ordinals), None when undated
    hi: int | None
    members: tuple[int, ...]  # indexes of its quotes, earliest first


def _shapes(quotes: Sequence[QuoteRef], texts: Sequence[Text]) -> list[list[int]]:
    """Quotes with one text, speaker, kind and dating, each group earliest first (quotes
    come sorted by id, and the sort is stable)."""
    shapes: dict[tuple[str, str | None, bool, bool], list[int]] = defaultdict(list)
    for i, (quote, text) in enumerate(zip(quotes, texts, strict=True)):
        shapes[text.joined, quote.speaker, quote.kind == "indirect", quote.day is None].append(i)
    return [sorted(members, key=lambda i: _ordinal(quotes[i])) for members in shapes.values()]


def _units(shapes: Sequence[list[int]], quotes: Sequence[QuoteRef], texts: Sequence[Text],
           window: int) -> list[_Unit]:
    """Each shape cut into runs of one window each."""
    units: list[_Unit] = []
    for members in shapes:
        first = quotes[members[0]]
        if first.day is None:
            units.append(_Unit(first.speaker, texts[members[0]], None, None, tuple(members)))
            continue
        runs: dict[int, list[int]] = defaultdict(list)
        for i in members:
            runs[_ordinal(quotes[i]) // (window + 1)].append(i)
        for run in runs.values():
            units.append(_Unit(first.speaker, texts[run[0]], _ordinal(quotes[run[0]]),
                               _ordinal(quotes[run[-1]]), tuple(run)))
    return units


def _ordinal(quote: QuoteRef) -> int:
    return quote.day.toordinal() if quote.day else 0


_Postings = dict[tuple[str | None, str], list[int]]  # (speaker or None, word) -> units


def _candidates(units: Sequence[_Unit], window: int) -> set[int]:
    """Pairs of units worth judging: same speaker (or an unknown one), days that may be
    within the window, and the shared content words _judge needs. A unit with n words that
    needs `need` of them shared probes the index with its rarest n - need + k words and
    keeps the units it meets k times (prefix filtering): a pair that could link is met
    from its smaller side. Of those, it keeps the _NEAREST it meets most often: a text
    with more near copies in one window than that is a formula, and its near copies are
    linked through one another."""
    day_of = [u.lo or 0 for u in units].__getitem__
    df = Counter(word for unit in units for word in unit.text.content)
    rank = {w: r for r, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}.__getitem__
    # Dated units by first day, undated ones apart. Speaker None is the unknown-speaker
    # bucket; `anyone` files the known speakers' units under None, for unknown ones.
    dated: _Postings = defaultdict(list)
    undated: _Postings = defaultdict(list)
    anyone: _Postings = defaultdict(list)
    anyone_undated: _Postings = defaultdict(list)
    for i in sorted(range(len(units)), key=day_of):
        speaker = units[i].speaker
        own, known = (dated, anyone) if units[i].lo is not None else (undated, anyone_undated)
        for word in units[i].text.content:
            own[speaker, word].append(i)
            if speaker is not None:
                known[None, word].append(i)
    pairs: set[int] = set()  # i * count + j for i < j: ints are cheaper to make than tuples
    count = len(units)
    for i, unit in enumerate(units):
        n = len(unit.text.content)
        cover, least = (MIN_COVER_PHRASE, MIN_SHARED_ALIGNED) if unit.speaker else (
            MIN_COVER, MIN_SHARED)
        need = max(1, min(n, max(least, math.ceil(cover * n))))
        hits = min(3, need)
        # An unknown speaker may be anyone; a known one may be an unnamed one.
        probes = [(dated, undated, unit.speaker), (dated, undated, None)]
        if unit.speaker is None:
            probes[1] = (anyone, anyone_undated, None)
        lo, hi = unit.lo, unit.hi
        met: list[int] = []
        for word in sorted(unit.text.content, key=rank)[: n - need + hits]:
            for in_order, apart, speaker in probes:
                ids = in_order.get((speaker, word), [])
                if lo is not None and hi is not None and len(ids) > _CROWD:
                    # A unit spans at most `window` days: one that starts 2 windows
                    # before this one cannot reach it.
                    start = bisect_left(ids, lo - 2 * window, key=day_of)
                    end = bisect_left(ids, hi + window + 1, start, key=day_of)
                    if end - start > _CROWD:  # the nearest in time, around this unit's day
                        at = bisect_left(ids, lo, start, end, key=day_of)
                        start = max(start, min(at - _CROWD // 2, end - _CROWD))
                        end = start + _CROWD
                    ids = ids[start:end]
                met += ids
                met += apart.get((speaker, word), ())
        near = [(-hit, j) for j, hit in Counter(met).items()
                if hit >= hits and j != i and _may_meet(unit, units[j], window)]
        for _, j in heapq.nsmallest(_NEAREST, near) if len(near) > _NEAREST else near:
            pairs.add(i * count + j if i < j else j * count + i)
    return pairs


def _may_meet(a: _Unit, b: _Unit, window: int) -> bool:
    if a.lo is None or a.hi is None or b.lo is None or b.hi is None:
        return True
    return b.lo <= a.hi + window and b.hi >= a.lo - window


def _edges(quotes: Sequence[QuoteRef], a: Sequence[int], b: Sequence[int],
           window: int) -> list[tuple[int, int]]:
    """Pairs of quotes, one from each unit, that connect every quote the window lets
    connect: in day order, each quote with the last quote of the other unit before it,
    when within the window. (If x and y are within the window, the last quote of x's unit
    before y lies between them, and a unit's quotes are chained one to the next.) Undated
    quotes fit any window: one unit's first quote with every quote of the other."""
    if quotes[a[0]].day is None or quotes[b[0]].day is None:
        return [*((a[0], j) for j in b), *((i, b[0]) for i in a[1:])]
    merged = sorted([(_ordinal(quotes[i]), 0, i) for i in a] +
                    [(_ordinal(quotes[j]), 1, j) for j in b])
    edges: list[tuple[int, int]] = []
    last: list[tuple[int, int] | None] = [None, None]  # (day, quote) last seen of each unit
    for day, side, i in merged:
        other = last[1 - side]
        if other is not None and day - other[0] <= window:
            edges.append((other[1], i))
        last[side] = (day, i)
    return edges


def find_links(quotes: Sequence[QuoteRef], texts: Sequence[Text], window: int) -> list[Link]:
    """Every link the union below needs: within a unit, one quote to the next; between
    units, as _edges says, for each pair of units that _judge links."""
    shapes = _shapes(quotes, texts)
    units = _units(shapes, quotes, texts, window)
    found: dict[tuple[str, str], Link] = {}  # once each: a pair may be met from both sides

    def link(i: int, j: int, judged: Link) -> None:
        a, b = sorted((quotes[i].id, quotes[j].id))
        found[a, b] = Link(a, b, judged.method, judged.score)

    for members in shapes:
        first = members[0]
        judged = _judge(quotes[first], texts[first], quotes[first], texts[first]) \
            if len(members) > 1 else None
        if judged is not None:
            for i, j in pairwise(members):
                if quotes[i].day is None or _ordinal(quotes[j]) - _ordinal(quotes[i]) <= window:
                    link(i, j, judged)
    for pair in _candidates(units, window):
        u, v = divmod(pair, len(units))
        a, b = units[u].members, units[v].members
        judged = _judge(quotes[a[0]], texts[a[0]], quotes[b[0]], texts[b[0]])
        if judged is not None:
            for i, j in _edges(quotes, a, b, window):
                link(i, j, judged)
    return list(found.values())

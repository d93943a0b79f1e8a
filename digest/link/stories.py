"""Stories: the entries that report one event, across outlets and days.

Entries are taken in date order (undated last) and each joins the most similar story
already begun, or begins one. An entry is a TF-IDF vector over the opening of its text
(content words and numbers, the title counted twice), its names and its quote clusters (a
shared statement or name weighs by its rarity, like a word); it is compared with a story's
summed vector by centred cosine (see _Background), less a penalty for the days since the
story's latest entry. A story spans at most `window_days` from its first entry.

Why one pass in date order: a story's id is its earliest member's slug, and an article
added later is placed after everything already there, so it can join a story or begin one
but never renames or splits an existing one (IDF weights shift a little as the digest grows:
that is the only way a rebuild can move an entry). An article dated before a story's first
entry that joins it does rename it.

Why not all pairs: an entry is compared only with stories holding an entry that shares a
block key with it (one of its heaviest shared terms, a name or a quote cluster) within the
window, found through an inverted index, and at most MAX_SCORED of those (the ones sharing
most keys). `Stats` counts the comparisons. Undated entries scan whole posting lists: fine
for the few a digest has.

A front-matter `story: X` pins an entry: it takes no part in the automatic pass, and goes
to the story of entry X when X is an entry's slug, else to a story whose id is X's slug
(so `story: <a story id>` joins that story). A story's title is that of its most central
member (highest summed similarity to the others, the earliest on a tie), pinned or not:
an entry's headline reads better than an id.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import mul

from digest.slugs import name_slug

ACCEPT = 0.22  # centred similarity to join a story (tuned: tests/link/test_stories_eval.py)
UNDATED_ACCEPT = 0.30  # more when a date cannot rule anything out
DAY_PENALTY = 0.10  # similarity lost over a whole window of days between entries
NAME_WEIGHT = 2.0  # term count of each name: "Mark Rutte" says more than a common word
# The same statement quoted is evidence as a name is: a rare one weighs (IDF), a stock
# phrase that many entries carry does not.
QUOTE_WEIGHT = 2.0
BLOCK_TERMS = 6  # an entry's heaviest shared terms that serve as block keys
# News puts the event first: the opening of an entry says what story it is in, the rest
# adds background every story shares. Reading only the opening also bounds the time.
LEAD_CHARS = 2500
MAX_SCORED = 8  # candidate stories scored per entry
# Words, and numbers with any digit grouping: the figures of an event recur in its reports.
# (\w is much faster than a letters-only class, and digit grouping goes first: "10 000".)
_WORD = re.compile(r"\w{3,}")
_GROUPING = re.compile(r"(?<=\d)[,.\u00a0\u202f ](?=\d\d\d)")
_STOP = frozenset("""
about above according added after again against also although among and another any are
around back because been before being between both but can could did does doing down
during each early earlier even every few first for from further had has have having her
here hers him his how however into its just last later least less like made make many
may meanwhile might more most much must near new not now off once one only other our out
over own part said same say says several she should since some still such than that the
their them then there these they this those three through today told too two under until
upon very was week were what when where which while who whom whose why will with within
without would year years yesterday you your also already well per told noted stated
""".split())


@dataclass(frozen=True)
class StoryDoc:
    slug: str
    title: str
    text: str
    day: date | None
    source: str | None
    names: tuple[str, ...] = ()  # auto/hand topics, people
    quote_clusters: tuple[str, ...] = ()  # ids of the quote clusters its quotes are in
    story: str | None = None  # front-matter override


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    entries: tuple[str, ...]  # slugs, oldest first (undated last)
    first: date | None
    last: date | None


@dataclass
class Stats:
    """What one find_stories call compared: for tests and benchmarks."""

    entries: int = 0
    candidates: int = 0  # (entry, earlier entry) pairs that share a block key in the window
    compared: int = 0  # (entry, story) similarities computed


@dataclass
class _Open:
    """A story being built: its members and the sum of their vectors."""

    members: list[int] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    squared: float = 0.0  # |total|^2
    on_mean: float = 0.0  # total . mean
    first: date | None = None
    last: date | None = None


def find_stories(
    docs: Sequence[StoryDoc], window_days: int = 10, *, stats: Stats | None = None
) -> tuple[Story, ...]:
    """Every entry in exactly one story; stories ordered by their earliest entry."""
    stats = stats if stats is not None else Stats()
    stats.entries = len(docs)
    order = sorted(range(len(docs)), key=lambda i: _when(docs[i]))
    vectors = _vectors(docs)
    background = _Background.of(vectors, [doc.day for doc in docs], window_days)
    on_mean = [background.on(vector) for vector in vectors]
    keys = [_block_keys(docs[i], vectors[i]) for i in range(len(docs))]
    postings: dict[str, list[int]] = defaultdict(list)  # key -> entries, in date order
    story_of: dict[int, int] = {}
    stories: list[_Open] = []
    for i in order:
        doc = docs[i]
        if doc.story is not None:
            continue
        near: set[int] = set()
        shared: Counter[int] = Counter()  # candidate story -> block keys shared with it
        for key in keys[i]:
            for j in reversed(postings[key]):
                other = docs[j].day
                if doc.day and other and (doc.day - other).days > window_days:
                    break
                near.add(j)
                shared[story_of[j]] += 1
            postings[key].append(i)
        stats.candidates += len(near)
        best, best_score = -1, UNDATED_ACCEPT if doc.day is None else ACCEPT
        # The stories sharing most keys are the only plausible ones: scoring just those
        # bounds the work per entry however busy the window is.
        likely = sorted(shared, key=lambda s: (-shared[s], s))[:MAX_SCORED]
        for s in sorted(likely):
            stats.compared += 1
            score = _score(doc, vectors[i], on_mean[i], stories[s], background, window_days)
            if score >= best_score:
                best, best_score = s, score
        if best < 0:
            best = len(stories)
            stories.append(_Open())
        _add(stories[best], i, doc, vectors[i], on_mean[i])
        story_of[i] = best
    return _finish(docs, vectors, stories, story_of)


def _when(doc: StoryDoc) -> tuple[bool, date, str]:
    return (doc.day is None, doc.day or date.min, doc.slug)


def _terms(doc: StoryDoc) -> dict[str, float]:
    text = _GROUPING.sub("", f"{doc.title}\n{doc.title}\n{doc.text[:LEAD_CHARS]}".lower())
    words = Counter(_WORD.findall(text))
    terms: dict[str, float] = defaultdict(float)
    for word, count in words.items():  # each distinct word once: stemming is the cost
        if word not in _STOP:
            terms[_stem(word)] += count
    for name in dict.fromkeys(doc.names):
        terms["#" + name_slug(name)] += NAME_WEIGHT
    for cluster in dict.fromkeys(doc.quote_clusters):
        terms["#q:" + cluster] += QUOTE_WEIGHT
    return terms


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Plurals only: "soldiers" meets "soldier"; anything more risks joining unrelated words.
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _vectors(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    """TF-IDF vectors (log term counts, smoothed IDF), of unit length before the terms of
    one entry only are dropped: those add nothing to any dot product, and the formulas
    that take the length as 1 stay exact since such terms are orthogonal to all else."""
    counts = [_terms(doc) for doc in docs]
    df: Counter[str] = Counter()
    for terms in counts:
        df.update(terms.keys())
    n = len(docs)
    vectors = []
    for terms in counts:
        vector = {t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1)
                  for t, c in terms.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items() if df[t] > 1})
    return vectors


def _block_keys(doc: StoryDoc, vector: dict[str, float]) -> list[str]:
    """The terms that weigh most in an entry (its rarest salient ones), names, quote ids."""
    ranked = sorted(vector, key=lambda t: (-vector[t], t))
    keys = [t for t in ranked if not t.startswith("#")][:BLOCK_TERMS]
    keys += [t for t in vector if t.startswith("#")]  # names and quote clusters
    return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class _Background:
    """What every entry of the digest shares: the mean vector, to some degree.

    Similarities are taken after subtracting it (centred cosine), so that a digest whose
    entries all use one vocabulary (one war, an outlet's stock phrases) does not look like
    one story. How much of the mean is background, not stories, is unknown; the share of
    entry pairs further apart than the window (which cannot be one story) stands for it:
    nothing in a week's digest of one event, nearly all of it over two years of news.
    """

    mean: dict[str, float]
    squared: float  # |alpha * mean|^2
    alpha: float

    @staticmethod
    def of(vectors: Sequence[dict[str, float]], days: Sequence[date | None],
           window: int) -> _Background:
        n = len(vectors)
        mean: dict[str, float] = defaultdict(float)
        for vector in vectors:
            for term, weight in vector.items():
                mean[term] += weight / n
        alpha = _apart(days, window)
        return _Background(dict(mean), alpha * alpha * sum(w * w for w in mean.values()), alpha)

    def on(self, vector: dict[str, float]) -> float:
        return self.alpha * _dot(vector, self.mean)


def _apart(days: Sequence[date | None], window: int) -> float:
    """The share of entry pairs more than `window` days apart (undated: never apart)."""
    ordinals = sorted(day.toordinal() for day in days if day is not None)
    n = len(days)
    if n < 2:
        return 0.0
    near = sum(bisect_right(ordinals, o + window) - bisect_left(ordinals, o - window) - 1
               for o in ordinals)
    dated_pairs = len(ordinals) * (len(ordinals) - 1)
    return (dated_pairs - near) / (n * (n - 1))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # The same products in the same order as a loop, multiplied and looked up in C: the
    # commonest step of a pass, a million times at 1,000 entries.
    total: float = sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))
    return total


def _centred(
    vector: dict[str, float], on_mean: float, story: _Open, background: _Background
) -> float:
    """cos(v - a.m, T - k.a.m) for unit v, story total T of k members, shrunk mean a.m."""
    k = len(story.members)
    product = (_dot(vector, story.total) - k * on_mean - story.on_mean
               + k * background.squared)
    norms = ((1 - 2 * on_mean + background.squared)
             * (story.squared - 2 * k * story.on_mean + k * k * background.squared))
    return product / math.sqrt(norms) if norms > 1e-12 else 0.0


def _score(doc: StoryDoc, vector: dict[str, float], on_mean: float, story: _Open,
           background: _Background, window: int) -> float:
    score = _centred(vector, on_mean, story, background)
    if doc.day and story.first and story.last:
        # A story spans at most the window: without that bound, one entry a week apart
        # after another chains a month of one topic's news into one "story".
        if (doc.day - story.first).days > window:
            return 0.0
        score -= DAY_PENALTY * abs((doc.day - story.last).days) / max(window, 1)
    return score


def _add(story: _Open, index: int, doc: StoryDoc, vector: dict[str, float],
         on_mean: float) -> None:
    story.squared += 2 * _dot(vector, story.total) + 1.0
    story.on_mean += on_mean
    story.members.append(index)
    for term, weight in vector.items():
        story.total[term] = story.total.get(term, 0.0) + weight
    if doc.day:
        story.first = min(story.first or doc.day, doc.day)
        story.last = max(story.last or doc.day, doc.day)


def _finish(
    docs: Sequence[StoryDoc], vectors: list[dict[str, float]], stories: list[_Open],
    story_of: dict[int, int],
) -> tuple[Story, ...]:
    members: dict[str, list[int]] = {}
    for story in stories:
        members[docs[min(story.members, key=lambda i: _when(docs[i]))].slug] = story.members
    by_slug = {doc.slug: i for i, doc in enumerate(docs)}
    for i, doc in enumerate(docs):
        if doc.story is None:
            continue
        target = by_slug.get(doc.story, by_slug.get(name_slug(doc.story)))
        if target is not None and target in story_of:  # "story: <an entry's slug>"
            story = stories[story_of[target]]
            key = docs[min(story.members, key=lambda m: _when(docs[m]))].slug
        elif target is not None and docs[target].story is not None:  # that entry's pin
            key = name_slug(docs[target].story or "")
        else:
            key = name_slug(doc.story)
        members.setdefault(key, []).append(i)
    result = [_story(key, docs, vectors, indexes) for key, indexes in members.items()]
    return tuple(sorted(result, key=lambda s: (*_when(docs[by_slug[s.entries[0]]]), s.id)))


def _story(
    key: str, docs: Sequence[StoryDoc], vectors: list[dict[str, float]], indexes: list[int]
) -> Story:
    ordered = sorted(indexes, key=lambda i: _when(docs[i]))
    total: dict[str, float] = defaultdict(float)
    for i in ordered:
        for term, weight in vectors[i].items():
            total[term] += weight
    # Summed similarity to the others is v.(sum - v), from the sum: linear, not quadratic.
    central = max(ordered, key=lambda i: sum(w * total[t] for t, w in vectors[i].items()) - 1.0)
    days = [day for day in (docs[i].day for i in ordered) if day is not None]
    return Story(
        id=key,
        title=docs[central].title,
        entries=tuple(docs[i].slug for i in ordered),
        first=min(days) if days else None,
        last=max(days) if days else None,
    )

"""Do two quote texts report one statement? The evidence one pair of quotes gives.

In order of strength: the same words; an excerpt (the shorter's runs of words inside the
longer, in order: a partial quote, cuts and all); an alignment (most of the shorter's words
in the longer in the same order: re-edited wire copy, a trimmed or retranslated sentence);
a fuzzy match (shared content words and phrasing, for freer translations). Names and
numbers must agree before anything lexical counts, and a fuzzy match must still keep some
of the word order: sharing a topic's vocabulary ("the declaration of martial law...") is
not saying the same thing.

Thresholds were chosen on the seeds' labelled quotes (tests/fixtures/quotes/statements.yaml)
and the multi-outlet set (tests/fixtures/statements/); bench/statements_eval.py scores both.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from digest.link.quotetext import Text, sentences

Method = Literal["exact", "excerpt", "aligned", "fuzzy", "semantic"]  # semantic: semantic.py

ACCEPT = 0.42  # fuzzy score for two verbatim quotes by one speaker, both dated
_PARAPHRASE = 0.15  # more for an indirect quote: reporters reuse the topic's words
_UNDATED = 0.05  # more when a date is missing: the window cannot rule anything out
_UNKNOWN = 0.10  # more when a speaker is missing: the speaker gate cannot either
MIN_SHARED = 3  # content words in common, at least, for a fuzzy match
MIN_SHARED_ALIGNED = 2  # for an alignment: "make a deal or we're out"
MIN_COVER = 0.5  # share of the shorter quote's content words found in the other
MIN_COVER_PHRASE = 0.35  # enough for a known speaker when a long phrase is shared
_PHRASE = 8  # content words in one shared run of words that alone make a score of 1
_PHRASE_MIN = 4  # content words a shared run needs to count at all
_ALIGNED = 0.75  # share of the shorter's words the longer has in order: an alignment
_ALIGN_FUZZY = 0.45  # at least this much order, for a fuzzy match
_COMPATIBLE = 0.3  # cover every pair in a cluster needs: what stops chaining
_EXCERPT_WORDS = 2  # content words an excerpt needs (a known speaker), to not link "very"
_EXCERPT_LENGTH = 5  # or words in all, with one content word: "You don't have the cards"
_EXCERPT_WORDS_UNKNOWN = 4
_SIMILAR_SIZE = 1.5  # below this ratio of sizes neither quote is an excerpt of the other


def judge(a: Text, b: Text, *, known: bool, indirect: bool,
          undated: bool) -> tuple[Method, float] | None:
    """How `a` and `b` are one statement, with a score, or None. `known`: both speakers
    are known (and were found the same); `indirect`: one is a paraphrase; `undated`: one
    has no date."""
    short, long = pair(a, b)
    words = len(short.content)
    if a.seq == b.seq and words >= (1 if known else _EXCERPT_WORDS_UNKNOWN):
        return "exact", 1.0
    enough = (words >= _EXCERPT_WORDS or (words > 0 and len(short.seq) >= _EXCERPT_LENGTH)
              if known else words >= _EXCERPT_WORDS_UNKNOWN)
    if enough and within(short, long):
        return "excerpt", round(len(short.seq) / len(long.seq), 3)
    if not _agree(short, long):
        return None
    cover = _cover(short, long)
    shared = words * cover
    order = aligned(short, long) if known and shared >= MIN_SHARED_ALIGNED else None
    if order is not None and order >= _ALIGNED and not indirect:
        return "aligned", round(order, 3)
    if shared < MIN_SHARED or cover < (MIN_COVER_PHRASE if known else MIN_COVER):
        return None
    need = ACCEPT
    need += _PARAPHRASE if indirect else 0.0
    need += _UNDATED if undated else 0.0
    need += 0.0 if known else _UNKNOWN
    score = 0.0
    if cover >= MIN_COVER:
        score = (cover + len(short.bigrams & long.bigrams) / max(1, len(short.bigrams))) / 2
    # One long shared phrase can make up for reworded surroundings. It must hold
    # _PHRASE_MIN different shared content words (words * cover counts them): a word said
    # over and over is not a phrase, and the check spares _phrase on most pairs.
    if score < need and shared >= _PHRASE_MIN:
        phrase = _phrase(short, long)
        score = max(score, min(1.0, phrase / _PHRASE) if phrase >= _PHRASE_MIN else 0.0)
    if score < need:
        return None
    if (order if order is not None else aligned(short, long)) < _ALIGN_FUZZY:
        return None
    return "fuzzy", round(score, 3)


def compatible(a: Text, b: Text) -> bool:
    """May two texts share a cluster, linked or not? The cluster-level check that keeps a
    long quote holding two statements from chaining their clusters into one."""
    short, long = pair(a, b)
    if within(short, long):
        return True
    cover = _cover(short, long)
    # One shared word ("we're ready for it" / "ready to exercise power") is no evidence.
    return cover >= _COMPATIBLE and cover * len(short.content) >= 2 and _agree(short, long)


def pair(a: Text, b: Text) -> tuple[Text, Text]:
    """(shorter, longer), by content words: overlap is measured on the shorter."""
    la, lb = len(a.content), len(b.content)  # no tuples: this runs for every candidate
    if la != lb:
        return (a, b) if la < lb else (b, a)
    return (a, b) if a.joined <= b.joined else (b, a)


def within(short: Text, long: Text) -> bool:
    """Is `short` an excerpt of `long`: each of its runs of words (an outlet's cut or
    insertion separates them) in `long`, in order?"""
    at = 0
    for run in short.runs:
        at = long.joined.find(run, at)
        if at < 0:
            return False
        at += len(run) - 1  # runs share the space between them
    return True


def holding(piece: Text, whole: Text) -> Text | None:
    """The sentence of `whole` that `piece` is an excerpt of, if one is."""
    return next((s for s in sentences(whole) if within(piece, s)), None)


def holds(sentence: Text, text: Text) -> bool:
    """Is `text` a piece of `sentence`: an excerpt of it, or most of its words in order?"""
    return len(text.seq) <= len(sentence.seq) and (
        within(text, sentence) or aligned(text, sentence) >= _ALIGNED)


def aligned(short: Text, long: Text) -> float:
    """The share of the shorter text's words that the longer has in the same order, within
    a stretch of it not much longer than the shorter: a sentence of a long quote may be
    retold, but its words scattered over a paragraph are no retelling."""
    n = len(short.seq)
    if not n:
        return 0.0
    if len(long.seq) <= 2 * n:
        return _common(short.seq, long.seq) / n
    # Windows of 2n words every n/2: any stretch of 1.5n words lies inside one of them.
    step = max(1, n // 2)
    return max(_common(short.seq, long.seq[start:start + 2 * n])
               for start in range(0, len(long.seq) - n, step)) / n


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The length of the longest common subsequence of two word sequences, a word of `a`
    at a time on a bit vector of `b`'s positions (Allison and Dix; Crochemore et al. 2001):
    a few integer operations per word, not a table."""
    where: dict[str, int] = {}
    for j, word in enumerate(b):
        where[word] = where.get(word, 0) | 1 << j
    width = (1 << len(b)) - 1
    row = width  # a 0 bit: a position the common subsequence has used
    for word in a:
        match = row & where.get(word, 0)
        row = ((row + match) | (row - match)) & width
    return len(b) - row.bit_count()


def _agree(short: Text, long: Text) -> bool:
    """Do the names and numbers allow the same statement? Lexical overlap cannot tell
    "evidence that DPRK troops are in Russia" from "evidence that Iran sent drones to
    Russia"; a name or a number that one side lacks can."""
    if len(short.names - long.content) > len(short.names) // 3:
        return False  # "President" capitalised or not is one word: missing, it is absent
    if len(long.content) >= _SIMILAR_SIZE * len(short.content):
        return short.numbers <= long.numbers
    return short.numbers == long.numbers


def _cover(short: Text, long: Text) -> float:
    return len(short.content & long.content) / len(short.content) if short.content else 0.0


def _phrase(short: Text, long: Text) -> int:
    """Content words in the longest run of words the two texts share."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, word in enumerate(long.seq):
        where[word].append(j)
    best = 0
    previous: dict[int, int] = {}
    for word in short.seq:
        gain = word in short.content
        current = {j: previous.get(j - 1, 0) + gain for j in where.get(word, ())}
        best = max(best, *current.values()) if current else best
        previous = current
    return best

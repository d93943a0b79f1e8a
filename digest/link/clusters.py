"""Quote clusters: one statement, as every outlet that carried it reported it.

Outlets rarely print the same words: one translates, another retranslates, a third quotes
a clause or paraphrases. Lexical similarity alone barely separates two translations of one
statement from another statement on the same topic, so candidates.py gates links on the
speaker and the dates and judge.py weighs the text. Here the links become clusters,
strongest evidence first (exact repeats, then excerpts, then alignments and fuzzy
matches), and a link joins two clusters only when every pair of their quotes may share one
(judge.compatible): a long quote holding two statements must not chain them into one. Then
a fragment only one report printed joins the cluster of a longer quote it was cut from,
even where that cluster holds another piece of the same sentence it shares no word with.

A long quote often carries several statements ("You don't have the cards right now. [...]
You're gambling with World War III!"), and each is quoted apart elsewhere. Its home is one
cluster; every other cluster whose quote it holds (an excerpt of it, or its words in order:
a link the compatibility check refused to merge) lists it among its `carriers`, so a
statement's page shows every report that printed it, alone or among others.

On the labelled quotes of the demo entries (tests/link/test_clusters_eval.py) this links
with pairwise precision 1.00 and recall 0.50: what it misses are paraphrases that share
almost no words ("emphasizes that Putin has big problems" / "underscores the extent of
Putin's challenges"). bench/statements_eval.py scores it on news no rule was written for.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from digest.link.candidates import Link, QuoteRef, find_links
from digest.link.judge import compatible, holding, holds, pair
from digest.link.quotetext import Normaliser, Text
from digest.link.speakers import speaker_keys
from digest.people import People

if TYPE_CHECKING:
    from digest.link.semantic import Space

__all__ = ["Cluster", "Link", "QuoteRef", "link_quotes"]


@dataclass(frozen=True)
class Cluster:
    id: str  # "c-" + hash of the earliest member's id: stable while that member stays
    members: tuple[str, ...]  # earliest first (by day, undated last, then id)
    links: tuple[Link, ...]  # those that joined its members, and one to each carrier

    @cached_property
    def carriers(self) -> tuple[str, ...]:
        """Quotes at home in other clusters that carry this statement too, inside a longer
        quote: the far ends of its links (so the links alone say it, as stored)."""
        members = set(self.members)
        return tuple(sorted({end for link in self.links for end in (link.a, link.b)
                             if end not in members}))


def _compatible(qa: QuoteRef, ta: Text, qb: QuoteRef, tb: Text) -> bool:
    """May two quotes share a cluster on their words? Not when two speakers are known and
    differ, nor when their texts are too far apart (judge.compatible)."""
    return _one_speaker(qa, qb) and compatible(ta, tb)


def _one_speaker(qa: QuoteRef, qb: QuoteRef) -> bool:
    return not (qa.speaker and qb.speaker and qa.speaker != qb.speaker)


def _order(quote: QuoteRef) -> tuple[bool, date, str]:
    """Earliest first; undated quotes after every dated one."""
    return (quote.day is None, quote.day or date.min, quote.id)


def _priority(link: Link, kinds: Mapping[str, str]) -> tuple[int, float, str, str]:
    # Verbatim evidence first, paraphrases last: a cluster takes its shape from the quotes
    # outlets printed word for word, and an indirect quote joins one only if it fits all.
    # Vectors last of all: they say two texts mean alike, not that they report one remark.
    rank = {"exact": 0, "excerpt": 1, "semantic": 4}.get(link.method, 2)
    if rank == 2 and "indirect" in (kinds[link.a], kinds[link.b]):
        rank = 3
    return (rank, -link.score, link.a, link.b)


def link_quotes(
    quotes: Sequence[QuoteRef], aliases: Mapping[str, str] = {}, window_days: int = 14,
    people: People | None = None, vectors: Mapping[str, bytes] | None = None,
) -> tuple[Cluster, ...]:
    """Cluster quotes that report the same statement. Every quote is a member of exactly
    one cluster, its home, and a carrier of any other whose statement it holds too.

    `aliases` maps names to canonical ones ("Kiev": "Kyiv") on top of DEFAULT_ALIASES.
    Quotes link only when by the same speaker (or one of them has none) and no more than
    `window_days` apart (an undated quote fits any window, but needs stronger evidence).
    Speakers are one person however spelt (speakers.py); `people`, the registry, is for
    names nobody has canonicalised yet (the build's extraction already applies it).
    `vectors`, each quote text's vector from the multilingual model (semantic.py), adds
    links across languages and retranslations; without them linking is lexical.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be 0 or more, not {window_days}")
    keys = speaker_keys((q.speaker for q in quotes), people)
    quotes = sorted((replace(q, speaker=keys[q.speaker]) if q.speaker else q for q in quotes),
                    key=lambda q: q.id)
    for before, after in pairwise(quotes):
        if before.id == after.id:
            raise ValueError(f"quote id {before.id!r} is not unique")
    normalise = Normaliser(aliases)
    texts = [normalise(q.text) for q in quotes]
    index = {q.id: i for i, q in enumerate(quotes)}
    found = find_links(quotes, texts, window_days)
    space: Space | None = None
    if vectors is not None:
        from digest.link.semantic import Space  # numpy and the vectors only when asked for

        space = Space([q.text for q in quotes], vectors)
        found += (Link(quotes[min(i, j)].id, quotes[max(i, j)].id, "semantic", cosine)
                  for i, j, cosine in space.links(quotes, window_days))

    def fits(x: int, y: int) -> bool:
        """May quotes x and y share a cluster, linked or not?"""
        return _compatible(quotes[x], texts[x], quotes[y], texts[y]) or (
            space is not None and _one_speaker(quotes[x], quotes[y]) and space.close(x, y))

    home, accepted, refused = _union(quotes, texts, found, index, fits)
    carrying = _carriers(quotes, texts, home, refused, index)
    members: dict[int, list[QuoteRef]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        members[home[i]].append(quote)
    links: dict[int, list[Link]] = defaultdict(list, carrying)
    for link in accepted:
        links[home[index[link.a]]].append(link)
    clusters = []
    for r, group in members.items():
        group.sort(key=_order)
        digest = hashlib.sha1(group[0].id.encode("utf-8")).hexdigest()[:12]
        clusters.append((_order(group[0]), Cluster(
            id=f"c-{digest}",
            members=tuple(q.id for q in group),
            links=tuple(sorted(links[r], key=lambda link: (link.a, link.b))),
        )))
    return tuple(cluster for _, cluster in sorted(clusters, key=lambda c: c[0]))


def _union(quotes: Sequence[QuoteRef], texts: Sequence[Text], found: Iterable[Link],
           index: Mapping[str, int], fits: Callable[[int, int], bool],
           ) -> tuple[list[int], list[Link], list[Link]]:
    """Each quote's cluster (the index of one of its members), the links that made the
    clusters, and those refused because the two clusters may not share one: some two of
    their quotes do not `fit`."""
    kinds = {q.id: q.kind for q in quotes}
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # One representative per distinct (text, speaker): repeats add nothing to check.
    shapes: dict[int, dict[tuple[str, str | None], int]] = {
        i: {(texts[i].joined, q.speaker): i} for i, q in enumerate(quotes)
    }

    def join(a: int, b: int) -> None:
        a, b = (a, b) if len(shapes[a]) >= len(shapes[b]) else (b, a)
        parent[b] = a
        shapes[a].update(shapes.pop(b))

    accepted: list[Link] = []
    refused: list[Link] = []
    for link in sorted(found, key=lambda link: _priority(link, kinds)):
        a, b = root(index[link.a]), root(index[link.b])
        if a != b:
            if not all(fits(x, y) for x in shapes[a].values() for y in shapes[b].values()):
                refused.append(link)
                continue
            join(a, b)
        elif link.method == "semantic":
            continue  # vectors meet each quote's nearest: only those that join say how
        accepted.append(link)
    # Then a fragment that only one report printed joins the cluster of a longer quote
    # that holds it, when what it shares no words with is in the same sentence.
    kept: list[Link] = []
    for link in refused:
        x, y = index[link.a], index[link.b]
        piece, whole = (x, y) if pair(texts[x], texts[y])[0] is texts[x] else (y, x)
        if (link.method == "excerpt" and root(piece) != root(whole)
                and len(shapes[root(piece)]) == 1
                and _fragment_fits(quotes, texts, piece, whole, shapes[root(whole)].values(),
                                   fits)):
            join(root(piece), root(whole))
            accepted.append(link)
        else:
            kept.append(link)
    return [root(i) for i in range(len(quotes))], accepted, kept


def _fragment_fits(quotes: Sequence[QuoteRef], texts: Sequence[Text], piece: int, whole: int,
                   others: Iterable[int], fits: Callable[[int, int], bool]) -> bool:
    """May the fragment `piece`, an excerpt of `whole`, join the cluster of `whole`, whose
    quotes are `others`? Yes when each fits it (as a link would need), or is held by the
    same sentence of `whole`: "selfless and patriotic act" and "President Biden is doing
    what he has done" are pieces of one sentence, not two statements."""
    sentence = holding(texts[piece], texts[whole])
    speaker = quotes[piece].speaker
    return sentence is not None and all(
        fits(piece, y) or (speaker in (None, quotes[y].speaker) and holds(sentence, texts[y]))
        for y in others
    )


# Links that show one quote holding another's words: an excerpt, or the words in order.
_HOLDS = frozenset({"excerpt", "aligned"})


def _carriers(quotes: Sequence[QuoteRef], texts: Sequence[Text], home: Sequence[int],
              refused: Iterable[Link], index: Mapping[str, int]) -> dict[int, list[Link]]:
    """For each cluster, a link to each quote at home elsewhere that holds one of its
    quotes (a refused excerpt or alignment: the longer quote carries other statements
    too), and to each repeat of that quote."""
    repeats: dict[tuple[int, str, str | None], list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        repeats[home[i], texts[i].joined, quote.speaker].append(i)
    carrying: dict[int, dict[int, Link]] = defaultdict(dict)  # cluster -> carrier -> link
    for link in refused:
        x, y = index[link.a], index[link.b]
        if link.method not in _HOLDS or home[x] == home[y]:
            continue  # (joined later, through other links)
        piece, whole = (x, y) if pair(texts[x], texts[y])[0] is texts[x] else (y, x)
        for carrier in repeats[home[whole], texts[whole].joined, quotes[whole].speaker]:
            if carrier not in carrying[home[piece]]:
                a, b = sorted((quotes[piece].id, quotes[carrier].id))
                carrying[home[piece]][carrier] = Link(a, b, link.method, link.score)
    return {r: list(found.values()) for r, found in carrying.items()}
